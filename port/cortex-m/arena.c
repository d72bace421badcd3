#include "arena.h"

#include <string.h>

#define ALIGN 8u
#define HEAD ALIGN /* the size word, padded so blocks stay aligned */

static size_t round_up(size_t n)
{
    return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static size_t block_size(const void *p)
{
    size_t n;
    memcpy(&n, (const unsigned char *)p - HEAD, sizeof n);
    return n;
}

static int is_newest(const arena *a, const void *p)
{
    return (const unsigned char *)p + block_size(p) == a->base + a->used;
}

static void *arena_malloc(size_t n, void *user)
{
    arena *a = user;
    size_t need = HEAD + round_up(n);
    unsigned char *p;
    if (n == 0 || need > a->cap - a->used)
        return NULL;
    p = a->base + a->used + HEAD;
    n = round_up(n);
    memcpy(p - HEAD, &n, sizeof n);
    a->used += need;
    if (a->used > a->peak)
        a->peak = a->used;
    return p;
}

static void arena_free(void *p, void *user)
{
    arena *a = user;
    if (p && is_newest(a, p))
        a->used -= HEAD + block_size(p);
}

static void *arena_realloc(void *p, size_t n, void *user)
{
    arena *a = user;
    void *q;
    if (!p)
        return arena_malloc(n, user);
    if (is_newest(a, p)) {
        size_t old = block_size(p), want = round_up(n);
        if (want <= old || want - old <= a->cap - a->used) {
            a->used = a->used - old + want;
            memcpy((unsigned char *)p - HEAD, &want, sizeof want);
            if (a->used > a->peak)
                a->peak = a->used;
            return p;
        }
        return NULL;
    }
    q = arena_malloc(n, user);
    if (q)
        memcpy(q, p, block_size(p) < n ? block_size(p) : n);
    return q;
}

void arena_init(arena *a, void *buf, size_t cap)
{
    a->base = buf;
    a->cap = cap;
    a->used = a->peak = 0;
}

mqc_mem arena_hooks(arena *a)
{
    mqc_mem m;
    m.user = a;
    m.malloc = arena_malloc;
    m.realloc = arena_realloc;
    m.free = arena_free;
    return m;
}
