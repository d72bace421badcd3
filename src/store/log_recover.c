/*
 * Opening a log store: replay every whole, intact commit; stop at the first
 * one that is torn (the log ends inside it) or damaged (bad CRC with more
 * log behind it, or a body that does not parse or apply); cut the log
 * there so new commits follow the last good one.
 */
#include "store/log.h"

/* Reads len bytes at off unless the log ends first: the count read. */
static mqc_ssize read_full(log_store *l, uint64_t off, uint8_t *buf, size_t len)
{
    size_t got = 0;
    mqc_ssize n;

    while (got < len) {
        n = l->io.read(l->io.ctx, off + got, buf + got, len - got);
        if (n < 0)
            return n;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (mqc_ssize)got;
}

/* Bytes from off to the end of the log (only read when recovery stops early). */
static uint64_t log_end(log_store *l, uint64_t off)
{
    uint8_t buf[512];
    mqc_ssize n;

    while ((n = read_full(l, off, buf, sizeof(buf))) > 0)
        off += (uint64_t)n;
    return off;
}

/* A commit's changes: all parse, or none is applied. */
static int apply_body(log_store *l, const uint8_t *body, size_t len)
{
    log_change c;
    size_t off = 0;
    int r;

    while ((r = mqc_log_next(body, len, &off, &c)) > 0)
        ;
    if (r < 0)
        return MQC_ERR_STORE_CORRUPT;
    off = 0;
    while (mqc_log_next(body, len, &off, &c) > 0) {
        r = mqc_log_apply(l, &c);
        if (r)
            return r;
    }
    return 0;
}

static int start_log(log_store *l)
{
    int rc = l->io.append(l->io.ctx, 0, (const uint8_t *)LOG_MAGIC, LOG_MAGIC_LEN);

    if (!rc)
        rc = l->io.sync(l->io.ctx, 0);
    l->log_bytes = LOG_MAGIC_LEN;
    return rc ? MQC_ERR_STORE : 0;
}

static int replay(log_store *l, mqc_log_recovery *info)
{
    uint8_t hdr[LOG_FRAME_HDR], *buf = NULL, *b, probe;
    size_t cap = 0;
    uint64_t off = LOG_MAGIC_LEN;
    uint32_t len;
    mqc_ssize n;
    int rc = 0;

    n = read_full(l, 0, hdr, LOG_MAGIC_LEN);
    if (n < 0)
        return MQC_ERR_STORE;
    if (n < LOG_MAGIC_LEN || memcmp(hdr, LOG_MAGIC, LOG_MAGIC_LEN)) {
        /* Empty, or cut while it was being created: a new log. */
        if (memcmp(hdr, LOG_MAGIC, (size_t)n))
            return MQC_ERR_STORE_CORRUPT;
        info->log_bytes = (uint64_t)n;
        if (n && l->io.truncate(l->io.ctx, 0, 0))
            return MQC_ERR_STORE;
        return start_log(l);
    }
    for (;;) {
        n = read_full(l, off, hdr, LOG_FRAME_HDR);
        if (n < 0)
            break;
        if (n < LOG_FRAME_HDR) {
            info->torn = n > 0;
            break;
        }
        len = (uint32_t)mqc_log_rd(hdr, 4);
        if (len > LOG_FRAME_MAX) {
            info->damaged = 1;
            break;
        }
        /* A length past the end of the log (cut short, or a damaged length
         * field) is found by its last byte, before asking for len bytes of
         * memory a small device does not have. */
        if (len > cap && len > 0) {
            n = read_full(l, off + LOG_FRAME_HDR + len - 1, &probe, 1);
            if (n < 0)
                break;
            if (n == 0) {
                info->torn = 1;
                break;
            }
        }
        if (len > cap) {
            b = mqc_mem_realloc(&l->mem, buf, len);
            if (!b) {
                rc = MQC_ERR_NOMEM;
                break;
            }
            buf = b;
            cap = len;
        }
        n = read_full(l, off + LOG_FRAME_HDR, buf, len);
        if (n < 0)
            break;
        if ((size_t)n < len) {
            info->torn = 1;
            break;
        }
        if (mqc_log_crc32c(0, buf, len) != (uint32_t)mqc_log_rd(hdr + 4, 4)) {
            /* The last commit of the log: a write cut short by a power
             * loss (its length made it, not all of its bytes). */
            n = read_full(l, off + LOG_FRAME_HDR + len, &probe, 1);
            info->torn = n == 0;
            info->damaged = n != 0;
            break;
        }
        rc = apply_body(l, buf, len);
        if (rc == MQC_ERR_STORE_CORRUPT) {
            info->damaged = 1;
            rc = 0;
            break;
        }
        if (rc)
            break;
        info->commits++;
        off += LOG_FRAME_HDR + len;
    }
    mqc_mem_free(&l->mem, buf);
    if (rc)
        return rc;
    if (n < 0)
        return MQC_ERR_STORE;
    info->valid_bytes = off;
    info->log_bytes = off;
    l->log_bytes = off;
    if (info->torn || info->damaged) {
        info->log_bytes = log_end(l, off);
        /* A torn tail is what a crash leaves; damage is not, and going on
         * would forget commits the broker may have acted on: only when asked. */
        if (info->damaged && !l->o.repair)
            return MQC_ERR_STORE_CORRUPT;
        if (l->io.truncate(l->io.ctx, off, info->damaged))
            return MQC_ERR_STORE;
    }
    return 0;
}

int mqc_store_log_open(mqc_store *out, const mqc_log_io *io, const mqc_log_opts *o,
                       const mqc_mem *mem, mqc_log_recovery *rec)
{
    mqc_log_recovery info;
    log_store *l;
    mqc_mem m;
    size_t i;
    int rc;

    memset(&info, 0, sizeof(info));
    if (!out || !io || !io->read || !io->append || !io->sync || !io->truncate
        || !io->begin_rewrite || !io->replace || !io->close || !o
        || o->version != MQC_LOG_OPTS_VERSION || o->sync > MQC_SYNC_NEVER
        || o->identity.len > UINT32_MAX || (o->identity.len && !o->identity.ptr))
        return MQC_ERR_INVAL;
    rc = mqc_mem_resolve(&m, mem);
    if (rc)
        return rc;
    l = mqc_mem_alloc(&m, sizeof(*l));
    if (!l)
        return MQC_ERR_NOMEM;
    memset(l, 0, sizeof(*l));
    l->mem = m;
    l->io = *io;
    l->o = *o;
    if (!l->o.capacity)
        l->o.capacity = (size_t)16 << 20;
    if (!l->o.compact_bytes)
        l->o.compact_bytes = (uint64_t)4 << 20;
    l->compact_at = l->o.compact_bytes;
    l->next_seq = 1;
    rc = replay(l, &info);
    if (!rc && o->identity.len) {
        if (l->val[KEY_IDENTITY].len) {
            if (l->val[KEY_IDENTITY].len != o->identity.len
                || memcmp(l->val[KEY_IDENTITY].p, o->identity.ptr, o->identity.len))
                rc = MQC_ERR_STORE_MISMATCH;
        } else {
            log_change c = {0};

            c.type = C_SET;
            c.key = KEY_IDENTITY;
            c.len = (uint32_t)o->identity.len;
            c.bytes = o->identity.ptr;
            /* Stamped at once: the log is this session's from now on. */
            rc = mqc_log_record(l, &c);
            if (!rc)
                rc = mqc_log_commit(l, o->sync != MQC_SYNC_NEVER) ? MQC_ERR_STORE : 0;
        }
    }
    for (i = 0; i < l->nslots; i++)
        info.messages += l->slots[i].p != NULL;
    info.inbound = l->nin;
    if (rec)
        *rec = info; /* also on failure: where a damaged log stops */
    if (rc) {
        mqc_log_free(l);
        return rc;
    }
    out->ops = &mqc_log_ops;
    out->ctx = l;
    return 0;
}
