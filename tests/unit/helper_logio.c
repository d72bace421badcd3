/* In-memory log io for the log store's tests (see helper_logio.h). */
#include <stdlib.h>
#include <string.h>

#include "helper_logio.h"

static void grow(memio *m, int f, size_t need)
{
    if (need <= m->cap[f])
        return;
    m->cap[f] = need * 2 + 64;
    m->file[f] = realloc(m->file[f], m->cap[f]);
    if (!m->file[f])
        abort();
}

static mqc_ssize m_read(void *ctx, uint64_t off, uint8_t *buf, size_t len)
{
    memio *m = ctx;

    if (off >= m->len[0])
        return 0;
    if (len > m->len[0] - off)
        len = m->len[0] - (size_t)off;
    memcpy(buf, m->file[0] + off, len);
    return (mqc_ssize)len;
}

static int m_append(void *ctx, int file, const uint8_t *buf, size_t len)
{
    memio *m = ctx;

    m->appends++;
    if (m->fail_append) {
        /* A short write: part of the bytes land, then the error. */
        size_t part = (size_t)(m->fail_append - 1) < len ? (size_t)(m->fail_append - 1) : len;
        grow(m, file, m->len[file] + part);
        memcpy(m->file[file] + m->len[file], buf, part);
        m->len[file] += part;
        m->fail_append = 0;
        return MQC_ERR_STORE;
    }
    grow(m, file, m->len[file] + len);
    memcpy(m->file[file] + m->len[file], buf, len);
    m->len[file] += len;
    return 0;
}

static int m_sync(void *ctx, int file)
{
    memio *m = ctx;

    m->syncs++;
    if (!file)
        m->synced = m->len[0];
    return 0;
}

static int m_truncate(void *ctx, uint64_t len, int damaged)
{
    memio *m = ctx;

    m->truncates++;
    m->damaged_saves += damaged != 0;
    if (len < m->len[0])
        m->len[0] = (size_t)len;
    return 0;
}

static int m_begin(void *ctx)
{
    memio *m = ctx;

    m->len[1] = 0;
    return 0;
}

static int m_replace(void *ctx)
{
    memio *m = ctx;
    uint8_t *f = m->file[0];
    size_t c = m->cap[0];

    m->replaces++;
    m->file[0] = m->file[1];
    m->len[0] = m->len[1];
    m->cap[0] = m->cap[1];
    m->file[1] = f;
    m->cap[1] = c;
    m->len[1] = 0;
    m->synced = m->len[0];
    return 0;
}

static void m_close(void *ctx)
{
    (void)ctx; /* the bytes stay for the next open */
}

mqc_log_io memio_io(memio *m)
{
    mqc_log_io io;

    memset(&io, 0, sizeof(io));
    io.ctx = m;
    io.read = m_read;
    io.append = m_append;
    io.sync = m_sync;
    io.truncate = m_truncate;
    io.begin_rewrite = m_begin;
    io.replace = m_replace;
    io.close = m_close;
    return io;
}

void memio_set(memio *m, const uint8_t *bytes, size_t len)
{
    grow(m, 0, len);
    if (len)
        memcpy(m->file[0], bytes, len);
    m->len[0] = len;
    m->synced = len;
}

void memio_free(memio *m)
{
    free(m->file[0]);
    free(m->file[1]);
    memset(m, 0, sizeof(*m));
}
