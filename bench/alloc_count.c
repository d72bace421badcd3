/*
 * LD_PRELOAD heap-call counter for bench/compare.
 *
 *   ALLOC_COUNT_OUT=/tmp/x LD_PRELOAD=bench/build/alloc_count.so prog ...
 *
 * counts malloc, calloc and realloc calls (and frees) of the whole process,
 * every thread included, and at exit appends one line to $ALLOC_COUNT_OUT
 * (or writes it to stderr):  allocs=N malloc=N calloc=N realloc=N free=N
 * It forwards to glibc's __libc_* entry points, so no dlsym() bootstrapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static unsigned long n_malloc, n_calloc, n_realloc, n_free;

#define COUNT(v) __atomic_fetch_add(&(v), 1, __ATOMIC_RELAXED)

void *malloc(size_t n)
{
    COUNT(n_malloc);
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    COUNT(n_calloc);
    return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    COUNT(n_realloc);
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (p)
        COUNT(n_free);
    __libc_free(p);
}

__attribute__((destructor)) static void alloc_count_report(void)
{
    char line[200];
    unsigned long m = __atomic_load_n(&n_malloc, __ATOMIC_RELAXED);
    unsigned long c = __atomic_load_n(&n_calloc, __ATOMIC_RELAXED);
    unsigned long r = __atomic_load_n(&n_realloc, __ATOMIC_RELAXED);
    unsigned long f = __atomic_load_n(&n_free, __ATOMIC_RELAXED);
    int len = snprintf(line, sizeof line, "allocs=%lu malloc=%lu calloc=%lu realloc=%lu free=%lu\n",
                       m + c + r, m, c, r, f);
    const char *path = getenv("ALLOC_COUNT_OUT");
    int fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND, 0644) : 2;
    if (fd >= 0 && len > 0) {
        ssize_t w = write(fd, line, (size_t)len);
        (void)w;
        if (fd != 2)
            close(fd);
    }
}
