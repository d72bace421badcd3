/*
 * File store: a log store (src/store/) over POSIX files in one directory:
 *   DIR/log          the log
 *   DIR/log.new      a compaction in progress (renamed over log when done)
 *   DIR/log.damaged  a copy of a log whose tail failed its check
 *   DIR/lock         flock()ed while open: a second process is refused
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mqc.h"

typedef struct file_io {
    int dir, lock, log, next;
} file_io;

static mqc_ssize f_read(void *ctx, uint64_t off, uint8_t *buf, size_t len)
{
    file_io *f = ctx;
    ssize_t n;

    do
        n = pread(f->log, buf, len, (off_t)off);
    while (n < 0 && errno == EINTR);
    return n < 0 ? MQC_ERR_STORE : (mqc_ssize)n;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    ssize_t w;

    while (n) {
        w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return MQC_ERR_STORE;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int f_append(void *ctx, int file, const uint8_t *buf, size_t len)
{
    file_io *f = ctx;

    return write_all(file ? f->next : f->log, buf, len);
}

static int f_sync(void *ctx, int file)
{
    file_io *f = ctx;

    return fdatasync(file ? f->next : f->log) ? MQC_ERR_STORE : 0;
}

/* The whole damaged log goes to log.damaged before it is cut. */
static int save_damaged(file_io *f)
{
    uint8_t buf[65536];
    off_t off = 0;
    ssize_t n;
    int out = openat(f->dir, "log.damaged", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int rc = out < 0 ? MQC_ERR_STORE : 0;

    while (!rc && (n = pread(f->log, buf, sizeof(buf), off)) > 0) {
        rc = write_all(out, buf, (size_t)n);
        off += n;
    }
    if (!rc && fsync(out))
        rc = MQC_ERR_STORE;
    if (out >= 0)
        close(out);
    return rc;
}

static int f_truncate(void *ctx, uint64_t len, int damaged)
{
    file_io *f = ctx;

    if (damaged && save_damaged(f))
        return MQC_ERR_STORE;
    return ftruncate(f->log, (off_t)len) || fsync(f->log) ? MQC_ERR_STORE : 0;
}

static int f_begin_rewrite(void *ctx)
{
    file_io *f = ctx;

    if (f->next >= 0)
        close(f->next);
    f->next = openat(f->dir, "log.new", O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    return f->next < 0 ? MQC_ERR_STORE : 0;
}

static int f_replace(void *ctx)
{
    file_io *f = ctx;

    if (renameat(f->dir, "log.new", f->dir, "log") || fsync(f->dir))
        return MQC_ERR_STORE;
    close(f->log);
    f->log = f->next;
    f->next = -1;
    return 0;
}

static void f_close(void *ctx)
{
    file_io *f = ctx;

    if (f->next >= 0)
        close(f->next);
    if (f->log >= 0)
        close(f->log);
    if (f->lock >= 0)
        close(f->lock); /* releases the flock */
    if (f->dir >= 0)
        close(f->dir);
    free(f);
}

static int open_files(file_io *f, const char *dir)
{
    struct stat st;
    int created;

    if (mkdir(dir, 0700) && errno != EEXIST)
        return MQC_ERR_STORE;
    f->dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (f->dir < 0)
        return MQC_ERR_STORE;
    f->lock = openat(f->dir, "lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (f->lock < 0)
        return MQC_ERR_STORE;
    if (flock(f->lock, LOCK_EX | LOCK_NB))
        return errno == EWOULDBLOCK ? MQC_ERR_STORE_LOCKED : MQC_ERR_STORE;
    /* A compaction cut short: the old log is still the log. */
    unlinkat(f->dir, "log.new", 0);
    created = fstatat(f->dir, "log", &st, 0) != 0;
    f->log = openat(f->dir, "log", O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (f->log < 0)
        return MQC_ERR_STORE;
    if (created && fsync(f->dir))
        return MQC_ERR_STORE;
    return 0;
}

int mqc_store_file_open(mqc_store *out, const char *dir, const mqc_log_opts *o,
                        mqc_log_recovery *rec)
{
    mqc_log_io io = {0};
    file_io *f;
    int rc;

    if (!out || !dir || !*dir || !o)
        return MQC_ERR_INVAL;
    f = malloc(sizeof(*f));
    if (!f)
        return MQC_ERR_NOMEM;
    f->dir = f->lock = f->log = f->next = -1;
    io.ctx = f;
    io.read = f_read;
    io.append = f_append;
    io.sync = f_sync;
    io.truncate = f_truncate;
    io.begin_rewrite = f_begin_rewrite;
    io.replace = f_replace;
    io.close = f_close;
    rc = open_files(f, dir);
    if (!rc)
        rc = mqc_store_log_open(out, &io, o, NULL, rec);
    if (rc)
        f_close(f);
    return rc;
}
