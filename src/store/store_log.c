/*
 * Log store: the session's state in memory, every change also encoded into
 * the commit being built, and commits appended to the log (see log.h for
 * the format). Runtime and recovery share one path: a change is applied by
 * mqc_log_apply() whether it was just made or read back from the log.
 */
#include "store/log.h"

#define DEFAULT_CAPACITY ((size_t)16 << 20)
#define DEFAULT_COMPACT ((uint64_t)4 << 20)

static void free_slot(log_store *l, log_slot *s)
{
    mqc_mem_free(&l->mem, s->p);
    l->live_bytes -= s->len;
    s->p = NULL;
    l->ndead++;
}

/* The slot of seq, or NULL. Slots are in seq order: binary search. */
static log_slot *slot_find(log_store *l, uint64_t seq)
{
    size_t lo = 0, hi = l->nslots, mid;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (l->slots[mid].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->nslots && l->slots[lo].seq == seq && l->slots[lo].p ? &l->slots[lo] : NULL;
}

/* Handles are the low 32 bits of seq: unique while the live records span
 * fewer than 2^32 messages. */
static log_slot *by_handle(log_store *l, uint32_t h)
{
    uint64_t base;

    if (!l->nslots)
        return NULL;
    base = l->slots[0].seq;
    return slot_find(l, base + (uint32_t)(h - (uint32_t)base));
}

/* Drops removed slots once they are the majority (amortised O(1)). */
static void squeeze(log_store *l)
{
    size_t i, k = 0;

    if (l->ndead < 16 || l->ndead * 2 < l->nslots)
        return;
    for (i = 0; i < l->nslots; i++)
        if (l->slots[i].p)
            l->slots[k++] = l->slots[i];
    l->nslots = k;
    l->ndead = 0;
}

static int add_slot(log_store *l, const log_change *c)
{
    size_t cap = l->capslots ? l->capslots * 2 : 16;
    log_slot *s;
    uint8_t *p;

    if (c->seq < l->next_seq || c->len == 0)
        return MQC_ERR_STORE_CORRUPT; /* would bring an older record back */
    squeeze(l);
    if (l->nslots == l->capslots) {
        s = mqc_mem_realloc(&l->mem, l->slots, cap * sizeof(*s));
        if (!s)
            return MQC_ERR_NOMEM;
        l->slots = s;
        l->capslots = cap;
    }
    p = mqc_mem_alloc(&l->mem, c->len);
    if (!p)
        return MQC_ERR_NOMEM;
    if (c->bytes)
        memcpy(p, c->bytes, c->len); /* else a reservation: the caller writes it */
    s = &l->slots[l->nslots++];
    s->seq = c->seq;
    s->p = p;
    s->len = c->len;
    s->fresh = c->bytes == NULL;
    l->next_seq = c->seq + 1;
    l->live_bytes += c->len;
    return 0;
}

static int set_inbound(log_store *l, uint16_t id, int held)
{
    size_t i, cap = l->capin ? l->capin * 2 : 8;
    uint16_t *p;

    if (!held && !id) {
        l->nin = 0;
        return 0;
    }
    for (i = 0; i < l->nin && l->in[i] != id; i++)
        ;
    if (!held) {
        if (i < l->nin)
            l->in[i] = l->in[--l->nin];
        return 0;
    }
    if (i < l->nin)
        return 0;
    if (l->nin == l->capin) {
        p = mqc_mem_realloc(&l->mem, l->in, cap * sizeof(*p));
        if (!p)
            return MQC_ERR_NOMEM;
        l->in = p;
        l->capin = cap;
    }
    l->in[l->nin++] = id;
    return 0;
}

static int set_value(log_store *l, unsigned key, const uint8_t *v, size_t len)
{
    uint8_t *p = NULL;

    if (len) {
        p = mqc_mem_alloc(&l->mem, len);
        if (!p)
            return MQC_ERR_NOMEM;
        memcpy(p, v, len);
    }
    mqc_mem_free(&l->mem, l->val[key].p);
    l->val[key].p = p;
    l->val[key].len = len;
    return 0;
}

int mqc_log_apply(log_store *l, const log_change *c)
{
    log_slot *s = NULL;
    size_t i;

    if (c->type == C_PATCH || c->type == C_DEL) {
        s = slot_find(l, c->seq);
        if (!s || (c->type == C_PATCH && (c->off > s->len || c->len > s->len - c->off)))
            return MQC_ERR_STORE_CORRUPT;
    }
    switch (c->type) {
    case C_ADD:
        return add_slot(l, c);
    case C_PATCH:
        memmove(s->p + c->off, c->bytes, c->len);
        return 0;
    case C_DEL:
        free_slot(l, s);
        return 0;
    case C_CLEAR:
        for (i = 0; i < l->nslots; i++)
            if (l->slots[i].p)
                free_slot(l, &l->slots[i]);
        return 0;
    case C_IN:
        return set_inbound(l, c->id, c->held);
    default:
        return set_value(l, c->key, c->bytes, c->len);
    }
}

/* The change's bytes into the commit being built. */
static int encode(log_store *l, const log_change *c)
{
    uint8_t h[17];
    size_t n = 1, need, cap;
    uint8_t *p;

    h[0] = c->type;
    if (c->type <= C_DEL) {
        mqc_log_le(h + 1, c->seq, 8);
        n = 9;
    }
    if (c->type == C_PATCH) {
        mqc_log_le(h + n, c->off, 4);
        n += 4;
    }
    if (c->type == C_IN) {
        mqc_log_le(h + 1, c->id, 2);
        h[3] = c->held;
        n = 4;
    }
    if (c->type == C_SET)
        h[n++] = c->key;
    if (c->type == C_ADD || c->type == C_PATCH || c->type == C_SET) {
        mqc_log_le(h + n, c->len, 4);
        n += 4;
    }
    need = LOG_FRAME_HDR + l->plen + n + (c->type <= C_PATCH || c->type == C_SET ? c->len : 0);
    if (need > l->pcap) {
        for (cap = l->pcap ? l->pcap : 256; cap < need; cap *= 2)
            ;
        p = mqc_mem_realloc(&l->mem, l->pend, cap);
        if (!p)
            return MQC_ERR_NOMEM;
        l->pend = p;
        l->pcap = cap;
    }
    p = l->pend + LOG_FRAME_HDR + l->plen;
    memcpy(p, h, n);
    if (need > LOG_FRAME_HDR + l->plen + n)
        memcpy(p + n, c->bytes, c->len);
    l->plen = need - LOG_FRAME_HDR;
    return 0;
}

/* Made now: logged, then applied. An encoding that fails leaves the state
 * as it was, so memory is never ahead of the log. */
int mqc_log_record(log_store *l, const log_change *c)
{
    size_t before = l->plen;
    int rc = encode(l, c);

    if (rc)
        return rc;
    rc = mqc_log_apply(l, c);
    if (rc)
        l->plen = before;
    return rc;
}

/* --- compaction: the live state as one commit in a new log ------------- */

typedef struct sink {
    log_store *l;
    int write;           /* 0: measure (length and CRC), 1: append to file 1 */
    uint32_t crc;
    uint64_t len;
    int rc;
} sink;

static void emit(sink *k, const uint8_t *p, size_t n)
{
    if (k->rc || !n)
        return;
    if (k->write)
        k->rc = k->l->io.append(k->l->io.ctx, 1, p, n);
    k->crc = mqc_log_crc32c(k->crc, p, n);
    k->len += n;
}

static void emit_change(sink *k, uint8_t type, uint64_t a, uint32_t len, const uint8_t *bytes)
{
    uint8_t h[13];
    size_t n;

    h[0] = type;
    if (type == C_ADD) {
        mqc_log_le(h + 1, a, 8);
        n = 9;
    } else if (type == C_IN) {
        mqc_log_le(h + 1, a, 2);
        h[3] = 1;
        emit(k, h, 4);
        return;
    } else {
        h[1] = (uint8_t)a;
        n = 2;
    }
    mqc_log_le(h + n, len, 4);
    emit(k, h, n + 4);
    emit(k, bytes, len);
}

static void snapshot(log_store *l, sink *k)
{
    size_t i;

    for (i = 0; i < NKEYS; i++)
        if (l->val[i].len)
            emit_change(k, C_SET, i, (uint32_t)l->val[i].len, l->val[i].p);
    for (i = 0; i < l->nin; i++)
        emit_change(k, C_IN, l->in[i], 0, NULL);
    for (i = 0; i < l->nslots; i++)
        if (l->slots[i].p && !l->slots[i].fresh)
            emit_change(k, C_ADD, l->slots[i].seq, l->slots[i].len, l->slots[i].p);
}

static int compact(log_store *l)
{
    sink k = {0};
    uint8_t hdr[LOG_FRAME_HDR];
    int durable = l->o.sync != MQC_SYNC_NEVER, rc;

    k.l = l;
    snapshot(l, &k); /* measure: the header needs the length and the CRC */
    mqc_log_le(hdr, k.len, 4);
    mqc_log_le(hdr + 4, k.crc, 4);
    rc = l->io.begin_rewrite(l->io.ctx);
    if (!rc)
        rc = l->io.append(l->io.ctx, 1, (const uint8_t *)LOG_MAGIC, LOG_MAGIC_LEN);
    if (!rc)
        rc = l->io.append(l->io.ctx, 1, hdr, LOG_FRAME_HDR);
    if (!rc) {
        k.write = 1;
        k.crc = 0;
        k.len = 0;
        snapshot(l, &k);
        rc = k.rc;
    }
    if (!rc && durable)
        rc = l->io.sync(l->io.ctx, 1);
    if (!rc)
        rc = l->io.replace(l->io.ctx);
    if (!rc) {
        l->log_bytes = LOG_MAGIC_LEN + LOG_FRAME_HDR + k.len;
        l->unsynced = !durable;
    }
    /* On failure the old log stands; try again once it has doubled. */
    l->compact_at = 2 * l->log_bytes > l->o.compact_bytes ? 2 * l->log_bytes
                                                          : l->o.compact_bytes;
    return rc;
}

int mqc_log_commit(log_store *l, int fsync)
{
    size_t n = LOG_FRAME_HDR + l->plen;
    int rc;

    if (l->plen) {
        if (l->o.before_commit && l->o.before_commit(l->o.user, fsync))
            return MQC_ERR_STORE_SYNC;
        mqc_log_le(l->pend, l->plen, 4);
        mqc_log_le(l->pend + 4, mqc_log_crc32c(0, l->pend + LOG_FRAME_HDR, l->plen), 4);
        if (l->io.append(l->io.ctx, 0, l->pend, n)) {
            /* A partial write would end the log: cut it back, keep the
             * commit for the next try. */
            l->io.truncate(l->io.ctx, l->log_bytes, 0);
            return MQC_ERR_STORE_SYNC;
        }
        l->log_bytes += n;
        l->plen = 0;
        l->unsynced = 1;
        if (l->pcap > ((size_t)1 << 20)) {
            mqc_mem_free(&l->mem, l->pend); /* a large message passed: give it back */
            l->pend = NULL;
            l->pcap = 0;
        }
    }
    if (fsync && l->unsynced) {
        rc = l->io.sync(l->io.ctx, 0);
        if (rc)
            return MQC_ERR_STORE_SYNC;
        l->unsynced = 0;
    }
    if (l->log_bytes > l->compact_at)
        compact(l);
    return 0;
}

/* --- mqc_store_ops ------------------------------------------------------ */

static int log_put(void *ctx, const uint8_t *rec, size_t len, uint32_t *handle)
{
    log_store *l = ctx;
    log_change c = {0};
    int rc;

    if (!len || len > UINT32_MAX || len > l->o.capacity - l->live_bytes
        || l->live_bytes > l->o.capacity)
        return MQC_ERR_QUEUE_FULL;
    c.type = C_ADD;
    c.seq = l->next_seq;
    c.len = (uint32_t)len;
    c.bytes = rec;
    /* A reservation is logged whole at its first patch (see log_patch). */
    rc = rec ? mqc_log_record(l, &c) : mqc_log_apply(l, &c);
    if (!rc)
        *handle = (uint32_t)c.seq;
    return rc;
}

static int log_get(void *ctx, uint32_t handle, uint8_t **rec, size_t *len)
{
    log_slot *s = by_handle(ctx, handle);

    if (!s)
        return MQC_ERR_INVAL;
    *rec = s->p;
    *len = s->len;
    return 0;
}

static int log_patch(void *ctx, uint32_t handle, size_t off, const uint8_t *bytes, size_t n)
{
    log_store *l = ctx;
    log_slot *s = by_handle(l, handle);
    log_change c = {0};
    int rc;

    if (!s || off > s->len || n > s->len - off)
        return MQC_ERR_INVAL;
    c.seq = s->seq;
    if (s->fresh) {
        if (bytes != s->p + off) /* the session commits what it wrote in place */
            memmove(s->p + off, bytes, n);
        c.type = C_ADD;
        c.len = s->len;
        c.bytes = s->p;
        rc = encode(l, &c);
        if (!rc)
            s->fresh = 0;
        return rc;
    }
    c.type = C_PATCH;
    c.off = (uint32_t)off;
    c.len = (uint32_t)n;
    c.bytes = bytes;
    return mqc_log_record(l, &c);
}

static void log_remove(void *ctx, uint32_t handle)
{
    log_store *l = ctx;
    log_slot *s = by_handle(l, handle);
    log_change c = {0};

    if (!s)
        return;
    c.type = C_DEL;
    c.seq = s->seq;
    /* Nothing to log for a reservation never committed; and if the DEL
     * cannot be logged (no memory) the record goes all the same: after a
     * crash it would be resent, as an unacknowledged message is. */
    if (s->fresh || mqc_log_record(l, &c))
        free_slot(l, s);
}

static void log_clear(void *ctx)
{
    log_store *l = ctx;
    log_change c = {0};

    c.type = C_CLEAR;
    if (mqc_log_record(l, &c))
        mqc_log_apply(l, &c);
}

static int log_inbound(void *ctx, uint16_t id, int held)
{
    log_change c = {0};

    c.type = C_IN;
    c.id = id;
    c.held = (uint8_t)(held != 0);
    if (c.held && !id)
        return MQC_ERR_INVAL;
    return mqc_log_record(ctx, &c);
}

static int log_set(void *ctx, unsigned key, const uint8_t *val, size_t len)
{
    log_change c = {0};

    if (key == KEY_IDENTITY || key >= NKEYS || len > UINT32_MAX)
        return MQC_ERR_INVAL;
    c.type = C_SET;
    c.key = (uint8_t)key;
    c.len = (uint32_t)len;
    c.bytes = val;
    return mqc_log_record(ctx, &c);
}

static int log_sync(void *ctx, mqc_store_sync_why why)
{
    log_store *l = ctx;

    if (l->o.sync == MQC_SYNC_ALWAYS)
        return mqc_log_commit(l, 1);
    if (why == MQC_STORE_SYNC_ACCEPT)
        return 0;
    return mqc_log_commit(l, l->o.sync == MQC_SYNC_BATCH);
}

static int log_load(void *ctx, const mqc_store_visitor *v, void *arg)
{
    log_store *l = ctx;
    size_t i;
    int rc = 0;

    for (i = 0; !rc && v->message && i < l->nslots; i++)
        if (l->slots[i].p && !l->slots[i].fresh)
            rc = v->message(arg, (uint32_t)l->slots[i].seq, l->slots[i].p, l->slots[i].len);
    for (i = 0; !rc && v->inbound && i < l->nin; i++)
        rc = v->inbound(arg, l->in[i]);
    for (i = 1; !rc && v->value && i < NKEYS; i++)
        if (l->val[i].len)
            rc = v->value(arg, (unsigned)i, l->val[i].p, l->val[i].len);
    return rc;
}

void mqc_log_free(log_store *l)
{
    size_t i;

    for (i = 0; i < l->nslots; i++)
        mqc_mem_free(&l->mem, l->slots[i].p);
    for (i = 0; i < NKEYS; i++)
        mqc_mem_free(&l->mem, l->val[i].p);
    mqc_mem_free(&l->mem, l->slots);
    mqc_mem_free(&l->mem, l->in);
    mqc_mem_free(&l->mem, l->pend);
    mqc_mem_free(&l->mem, l);
}

static void log_destroy(void *ctx)
{
    log_store *l = ctx;
    mqc_log_io io = l->io;

    mqc_log_free(l);
    io.close(io.ctx);
}

const mqc_store_ops mqc_log_ops = {
    MQC_STORE_VERSION, log_put, log_get, log_patch, log_remove, log_clear, log_destroy,
    log_inbound, log_set, log_sync, log_load
};

void mqc_log_opts_default(mqc_log_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->version = MQC_LOG_OPTS_VERSION;
    o->sync = MQC_SYNC_BATCH;
    o->capacity = DEFAULT_CAPACITY;
    o->compact_bytes = DEFAULT_COMPACT;
}

int mqc_store_log_note(mqc_store *st, const void *note, size_t len)
{
    if (!st || st->ops != &mqc_log_ops || (len && !note))
        return MQC_ERR_INVAL;
    return log_set(st->ctx, MQC_STORE_KEY_APP, note, len);
}

void mqc_store_log_get_note(const mqc_store *st, const uint8_t **note, size_t *len)
{
    const log_store *l = st && st->ops == &mqc_log_ops ? st->ctx : NULL;

    *note = l ? l->val[MQC_STORE_KEY_APP].p : NULL;
    *len = l ? l->val[MQC_STORE_KEY_APP].len : 0;
}

void mqc_store_close(mqc_store *st)
{
    if (st && st->ops && st->ops->destroy)
        st->ops->destroy(st->ctx);
    if (st)
        st->ops = NULL;
}
