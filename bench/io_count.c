/*
 * LD_PRELOAD socket-call counter: strace without its slowdown.
 *
 *   IO_COUNT_OUT=/tmp/x LD_PRELOAD=bench/build/io_count.so prog ...
 *
 * counts recv, send, read, write and poll calls of the whole process (and
 * the ones that failed with EAGAIN), and at exit appends one line to
 * $IO_COUNT_OUT (or writes it to stderr):
 *   recv=N recv_eagain=N send=N send_eagain=N read=N read_eagain=N
 *   write=N write_eagain=N poll=N
 * Why: at window 1 a message is a round trip of ~25 us, and strace -c
 * slows the client enough that the ack is always there at its next read,
 * so it hides the reads that meet EAGAIN and the polls. read and write
 * include files (certificates): take the difference of two runs with
 * different -n, as for allocations.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long n_recv, a_recv, n_send, a_send, n_read, a_read, n_write, a_write, n_poll;

#define COUNT(v) __atomic_fetch_add(&(v), 1, __ATOMIC_RELAXED)
/* The next definition of f (libc's), found once. */
#define REAL(f)                                   \
    static __typeof__(f) *real_##f;               \
    if (!real_##f)                                \
        real_##f = (__typeof__(f) *)dlsym(RTLD_NEXT, #f)

static void note(ssize_t r, unsigned long *calls, unsigned long *again)
{
    COUNT(*calls);
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        COUNT(*again);
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    REAL(recv);
    ssize_t r = real_recv(fd, buf, n, flags);
    note(r, &n_recv, &a_recv);
    return r;
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    REAL(send);
    ssize_t r = real_send(fd, buf, n, flags);
    note(r, &n_send, &a_send);
    return r;
}

ssize_t read(int fd, void *buf, size_t n)
{
    REAL(read);
    ssize_t r = real_read(fd, buf, n);
    note(r, &n_read, &a_read);
    return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    ssize_t r = real_write(fd, buf, n);
    note(r, &n_write, &a_write);
    return r;
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
    REAL(poll);
    COUNT(n_poll);
    return real_poll(fds, n, timeout);
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("IO_COUNT_OUT");
    FILE *f = path ? fopen(path, "a") : stderr;
    if (!f)
        return;
    fprintf(f,
            "recv=%lu recv_eagain=%lu send=%lu send_eagain=%lu read=%lu read_eagain=%lu "
            "write=%lu write_eagain=%lu poll=%lu\n",
            n_recv, a_recv, n_send, a_send, n_read, a_read, n_write, a_write, n_poll);
    if (path)
        fclose(f);
}
