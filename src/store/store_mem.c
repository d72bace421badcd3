/*
 * Memory store: one ring of bytes. Each record is a 4-byte header (length,
 * and a "removed" bit) followed by its bytes, padded to 4. Records are
 * appended at the head and reclaimed from the tail once every older record
 * is gone, so removal out of order costs nothing until the tail catches up.
 * A record never wraps: when it does not fit before the end, a wrap marker
 * sends it to the start.
 */
#include <string.h>

#include "common/mem.h"

#define REMOVED 0x80000000u
#define WRAP 0xFFFFFFFFu
#define ALIGN4(n) (((n) + 3u) & ~(size_t)3u)

typedef struct ring {
    uint8_t *buf;
    size_t cap;                  /* multiple of 4 */
    size_t head;                 /* next write */
    size_t tail;                 /* oldest record */
    size_t used;                 /* bytes between tail and head, markers and padding included */
    mqc_mem mem;
    int owned;                   /* the ring was allocated by mqc_store_mem_new */
} ring;

#define OVERHEAD ((sizeof(ring) + 7u) & ~(size_t)7u)

static uint32_t hdr_at(const ring *r, size_t off)
{
    uint32_t h;
    memcpy(&h, r->buf + off, 4);
    return h;
}

static void hdr_set(ring *r, size_t off, uint32_t h)
{
    memcpy(r->buf + off, &h, 4);
}

static int mem_put(void *ctx, const uint8_t *rec, size_t len, uint32_t *handle)
{
    ring *r = ctx;
    size_t need = 4 + ALIGN4(len);
    size_t end;

    if (len >= REMOVED)
        return MQC_ERR_QUEUE_FULL;
    if (r->used == 0)
        r->head = r->tail = 0;
    /* Free bytes ahead of head without wrapping, then after a wrap. */
    end = r->head >= r->tail && (r->used == 0 || r->head != r->tail) ? r->cap : r->tail;
    if (r->head + need > end) {
        if (end != r->cap || need > r->tail)
            return MQC_ERR_QUEUE_FULL;
        /* Sizes are multiples of 4, so the marker always fits. */
        hdr_set(r, r->head, WRAP);
        r->used += r->cap - r->head;
        r->head = 0;
    }
    hdr_set(r, r->head, (uint32_t)len);
    if (rec)
        memcpy(r->buf + r->head + 4, rec, len);
    *handle = (uint32_t)r->head;
    r->head += need;
    r->used += need;
    if (r->head == r->cap)
        r->head = 0;
    return 0;
}

static int mem_get(void *ctx, uint32_t handle, uint8_t **rec, size_t *len)
{
    ring *r = ctx;

    *rec = r->buf + handle + 4;
    *len = hdr_at(r, handle) & ~REMOVED;
    return 0;
}

static int mem_patch(void *ctx, uint32_t handle, size_t off, const uint8_t *bytes, size_t n)
{
    ring *r = ctx;

    /* The session may commit bytes it wrote in place through get(). */
    memmove(r->buf + handle + 4 + off, bytes, n);
    return 0;
}

static void mem_remove(void *ctx, uint32_t handle)
{
    ring *r = ctx;
    uint32_t h;

    hdr_set(r, handle, hdr_at(r, handle) | REMOVED);
    while (r->used) {
        h = hdr_at(r, r->tail);
        if (h == WRAP) {
            r->used -= r->cap - r->tail;
            r->tail = 0;
            continue;
        }
        if (!(h & REMOVED))
            break;
        h = (uint32_t)(4 + ALIGN4(h & ~REMOVED));
        r->used -= h;
        r->tail += h;
        if (r->tail == r->cap)
            r->tail = 0;
    }
}

static void mem_clear(void *ctx)
{
    ring *r = ctx;

    r->head = r->tail = r->used = 0;
}

static void mem_destroy(void *ctx)
{
    ring *r = ctx;

    if (r->owned)
        mqc_mem_free(&r->mem, r);
}

static const mqc_store_ops mem_ops = {
    MQC_STORE_VERSION, mem_put, mem_get, mem_patch, mem_remove, mem_clear, mem_destroy,
    NULL, NULL, NULL, NULL /* nothing outlives the process */
};

size_t mqc_store_mem_overhead(void)
{
    return OVERHEAD + 7; /* with the worst alignment of a caller's buffer */
}

int mqc_store_mem_init(mqc_store *out, void *buf, size_t len)
{
    ring *r;
    uint8_t *p = buf;
    size_t skip = (size_t)(-(uintptr_t)p & 7u);

    if (!out || !buf || len < skip + OVERHEAD + 8)
        return MQC_ERR_INVAL;
    r = (ring *)(void *)(p + skip);
    memset(r, 0, sizeof(*r));
    r->buf = p + skip + OVERHEAD;
    r->cap = (len - skip - OVERHEAD) & ~(size_t)3u;
    out->ops = &mem_ops;
    out->ctx = r;
    return 0;
}

int mqc_store_mem_new(mqc_store *out, size_t capacity, const mqc_mem *mem)
{
    mqc_mem m;
    void *p;
    int rc;

    if (!out || capacity < 8 || capacity > (size_t)-1 - OVERHEAD - 8)
        return MQC_ERR_INVAL;
    rc = mqc_mem_resolve(&m, mem);
    if (rc)
        return rc;
    p = mqc_mem_alloc(&m, OVERHEAD + ALIGN4(capacity));
    if (!p)
        return MQC_ERR_NOMEM;
    mqc_store_mem_init(out, p, OVERHEAD + ALIGN4(capacity));
    ((ring *)out->ctx)->mem = m;
    ((ring *)out->ctx)->owned = 1;
    return 0;
}
