/* mqc pub: publishes one message (-m/-f/-s/-n, --repeat) or one per stdin
 * line (-l), and exits once every message has its final acknowledgement,
 * reconnecting as long as needed. With -l, a full queue stops the reading
 * of stdin (backpressure) rather than failing lines. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define LINE_BUF_START 65536
#define PAYLOAD_MAX 268435455u

typedef struct pub {
    cli_opts o;
    mqc_client *c;
    const mqc_props *props;
    uint8_t *payload;            /* -m/-f/-s/-n */
    size_t payload_len;
    unsigned long repeat_left;
    mqc_tstamp next_at;
    char *buf;                   /* -l: stdin bytes not yet published */
    size_t cap, start, len;
    uint64_t buf_at;             /* stdin offset of buf[0] */
    mqc_store store;             /* --store */
    int has_store;
    uint64_t noted_at;           /* input offset in the store's note */
    int eof;
    int blocked;                 /* queue full: wait for acks before reading more */
    int disconnecting;
    int stopped;
    int stop_err;
    int fatal;                   /* an error that ends the run: its exit status */
    int cut;                     /* fatal: the client was told to stop now */
    unsigned long long queued, done, failed;
} pub;

static const char *outcome_name(mqc_outcome oc)
{
    switch (oc) {
    case MQC_OUTCOME_ACKED: return "acknowledged";
    case MQC_OUTCOME_REJECTED: return "rejected by the broker";
    case MQC_OUTCOME_FAILED: return "no acknowledgement after the maximum number of sends";
    case MQC_OUTCOME_SESSION_LOST: return "the broker lost the session";
    case MQC_OUTCOME_TOO_LARGE: return "larger than the broker's maximum packet size";
    case MQC_OUTCOME_CANCELLED: return "cancelled";
    case MQC_OUTCOME_DOWNGRADED:
        return "the broker answered it with PUBACK: it took it at QoS 1 (at least once, "
               "not exactly once) and does not support QoS 2; use -q 1 with this broker";
    case MQC_OUTCOME_EXPIRED: return "its message expiry interval passed before it was sent";
    default: return "unknown outcome";
    }
}

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    pub *p = ud;
    (void)c;
    if (info->session_lost)
        cli_err(&p->o, "the broker did not have our session; unacknowledged messages are "
                       "sent again");
}

static void on_connect_failed(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    pub *p = ud;
    (void)c;
    cli_report_connect_failed(&p->o, err, info, will_retry, mqc_client_error_detail(c));
}

static void on_connection_lost(mqc_client *c, int err, int will_retry, void *ud)
{
    pub *p = ud;
    (void)c;
    cli_report_lost(&p->o, err, will_retry, mqc_client_error_detail(c));
}

static void on_publish_done(mqc_client *c, const mqc_publish_result *r, void *ud)
{
    pub *p = ud;
    (void)c;
    p->done++;
    if (r->outcome != MQC_OUTCOME_ACKED && r->outcome != MQC_OUTCOME_CANCELLED) {
        p->failed++;
        if (r->reason)
            cli_err(&p->o, "message %llu (QoS %u) failed: %s, reason 0x%02x %s",
                    (unsigned long long)r->token, r->qos, outcome_name(r->outcome),
                    r->reason, cli_reason_name(r->reason));
        else
            cli_err(&p->o, "message %llu (QoS %u) failed: %s", (unsigned long long)r->token,
                    r->qos, outcome_name(r->outcome));
        /* Every later QoS 2 message would go the same way: stop here. */
        if (r->outcome == MQC_OUTCOME_DOWNGRADED && !p->fatal)
            p->fatal = CLI_EXIT_FAILED;
    }
    p->blocked = 0;
}

static void on_trace(mqc_client *c, int outgoing, const mqc_packet *pkt, void *ud)
{
    pub *p = ud;
    (void)c;
    cli_trace_packet(&p->o, outgoing, pkt);
}

static void on_log(mqc_client *c, const char *msg, void *ud)
{
    pub *p = ud;
    (void)c;
    cli_log(&p->o, msg);
}

static void on_stopped(mqc_client *c, int err, void *ud)
{
    pub *p = ud;
    (void)c;
    p->stopped = 1;
    p->stop_err = err;
}

/* Queues one message; the input continues at offset next_at after it.
 * 1 = queued, 0 = queue full (try again later), -1 = fatal. */
static int publish_one(pub *p, const void *data, size_t len, uint64_t next_at)
{
    int rv = 0;

    /* With --store the note goes first: the message's record and the note
     * land in the same commit, so a restart skips exactly what was taken. */
    if (p->has_store)
        rv = cli_store_set_note(&p->store, p->queued + 1, next_at);
    if (!rv)
        rv = mqc_client_publish(p->c, p->o.topics[0], data, len, (int)p->o.qos, p->o.retain,
                                p->props, p->queued + 1);
    if (p->has_store && rv)
        cli_store_set_note(&p->store, p->queued, p->noted_at); /* not taken after all */
    if (!rv)
        p->noted_at = next_at;
    if (rv == MQC_ERR_QUEUE_FULL && mqc_session_unfinished(mqc_client_session(p->c)) > 0) {
        p->blocked = 1;
        return 0;
    }
    if (rv == MQC_ERR_QUEUE_FULL) {
        /* Full while empty: this message can never fit. */
        cli_err(&p->o, "message %llu (%zu bytes) does not fit in the queue's store",
                p->queued + 1, len);
        p->fatal = CLI_EXIT_ERROR;
        return -1;
    }
    if (rv < 0) {
        cli_err(&p->o, "cannot publish message %llu: %s", p->queued + 1, mqc_strerror(rv));
        p->fatal = cli_exit_status(rv); /* a store error has its own status */
        return -1;
    }
    p->queued++;
    return 1;
}

static int read_all(pub *p, int fd, const char *what)
{
    size_t cap = 65536;
    p->payload = malloc(cap);
    p->payload_len = 0;
    if (!p->payload)
        return -1;
    for (;;) {
        ssize_t n;
        if (p->payload_len == cap) {
            uint8_t *nb;
            if (cap > PAYLOAD_MAX) {
                cli_err(&p->o, "%s: too large for one message", what);
                return -1;
            }
            nb = realloc(p->payload, cap * 2);
            if (!nb)
                return -1;
            p->payload = nb;
            cap *= 2;
        }
        n = read(fd, p->payload + p->payload_len, cap - p->payload_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cli_err(&p->o, "reading %s: %s", what, strerror(errno));
            return -1;
        }
        if (n == 0)
            return 0;
        p->payload_len += (size_t)n;
    }
}

static int load_payload(pub *p)
{
    if (p->o.message) {
        p->payload_len = strlen(p->o.message);
        p->payload = malloc(p->payload_len + 1);
        if (!p->payload)
            return -1;
        memcpy(p->payload, p->o.message, p->payload_len);
        return 0;
    }
    if (p->o.file) {
        int fd = open(p->o.file, O_RDONLY), rv;
        if (fd < 0) {
            cli_err(&p->o, "cannot open %s: %s", p->o.file, strerror(errno));
            return -1;
        }
        rv = read_all(p, fd, p->o.file);
        close(fd);
        return rv;
    }
    if (p->o.stdin_whole)
        return read_all(p, 0, "stdin");
    p->payload = malloc(1); /* -n */
    p->payload_len = 0;
    return p->payload ? 0 : -1;
}

/* -m/-f/-s/-n: queue the repeats that are due. Returns the poll timeout. */
static int feed_repeats(pub *p)
{
    mqc_tstamp now = mqc_client_now_ms();
    while (p->repeat_left && now >= p->next_at) {
        int rv = publish_one(p, p->payload, p->payload_len, 0);
        if (rv <= 0)
            return rv < 0 ? 0 : -1;
        p->repeat_left--;
        p->next_at = now + (mqc_tstamp)(p->o.repeat_delay * 1000.0);
    }
    if (p->repeat_left && !p->blocked)
        return (int)(p->next_at - now);
    return -1;
}

/* -l: publish the complete lines held in the buffer, in order. */
static void feed_lines(pub *p)
{
    while (!p->blocked && !p->fatal && p->start < p->len) {
        char *line = p->buf + p->start;
        char *nl = memchr(line, '\n', p->len - p->start);
        size_t n;
        if (!nl && !p->eof)
            break;
        n = nl ? (size_t)(nl - line) : p->len - p->start;
        if (publish_one(p, line, n, p->buf_at + p->start + n + (nl ? 1 : 0)) <= 0)
            break;
        p->start += n + (nl ? 1 : 0);
    }
}

/* -l: stdin is readable. Returns -1 on a read error. */
static int read_lines(pub *p)
{
    ssize_t n;
    if (p->start > 0) {
        memmove(p->buf, p->buf + p->start, p->len - p->start);
        p->len -= p->start;
        p->buf_at += p->start;
        p->start = 0;
    }
    if (p->len == p->cap) {
        char *nb;
        if (p->cap > PAYLOAD_MAX) {
            cli_err(&p->o, "stdin: line too long");
            return -1;
        }
        nb = realloc(p->buf, p->cap * 2);
        if (!nb)
            return -1;
        p->buf = nb;
        p->cap *= 2;
    }
    n = read(0, p->buf + p->len, p->cap - p->len);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return 0;
        cli_err(&p->o, "reading stdin: %s", strerror(errno));
        return -1;
    }
    if (n == 0)
        p->eof = 1;
    p->len += (size_t)n;
    return 0;
}

static int run(pub *p)
{
    int interrupted = 0;
    while (!p->stopped) {
        int timeout = -1, want_stdin = 0, ready = 0;
        if (!p->disconnecting && !p->fatal) {
            if (p->o.stdin_lines) {
                feed_lines(p);
                want_stdin = !p->eof && !p->blocked &&
                             (p->start >= p->len ||
                              !memchr(p->buf + p->start, '\n', p->len - p->start));
                if (p->eof && p->start >= p->len) {
                    mqc_client_disconnect(p->c, -1);
                    p->disconnecting = 1;
                }
            } else {
                timeout = feed_repeats(p);
                if (!p->repeat_left) {
                    mqc_client_disconnect(p->c, -1);
                    p->disconnecting = 1;
                }
            }
        }
        /* Also after a drain began (all input queued): fatal ends it now. */
        if (p->fatal && !p->cut) {
            mqc_client_disconnect(p->c, 0);
            p->disconnecting = p->cut = 1;
        }
        if (p->stopped)
            break;
        if (cli_loop_once(p->c, want_stdin ? 0 : -1, &ready, timeout)) {
            if (!interrupted) {
                interrupted = 1;
                p->disconnecting = 1;
                mqc_client_disconnect(p->c, 0);
            }
        }
        if (ready && read_lines(p) < 0)
            p->fatal = CLI_EXIT_ERROR;
    }
    if (p->done < p->queued)
        cli_err(&p->o, "%llu of %llu messages not acknowledged", p->queued - p->done,
                p->queued);
    else if (p->stop_err) /* all handed over, but the end failed (QoS 0 unwritten) */
        cli_err(&p->o, "%s (%s)", mqc_strerror(p->stop_err), cli_last_note);
    /* The error that ended the run names the status (mosquitto's where it
     * has the case); else what was left. */
    if (p->stop_err)
        return cli_exit_status(p->stop_err);
    if (p->fatal)
        return p->fatal;
    if (p->done < p->queued || (interrupted && (p->o.stdin_lines ? !p->eof : p->repeat_left > 0)))
        return cli_final_error() ? cli_exit_status(cli_final_error()) : CLI_EXIT_UNACKED;
    return p->failed ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

/* --store on a restart: skip what an earlier run already had accepted.
 * stdin is sought when it can be, else read past. */
static int resume_input(pub *p, uint64_t accepted, uint64_t at)
{
    char skip[65536];
    uint64_t left = at;
    ssize_t n;
    size_t unfinished = mqc_session_unfinished(mqc_client_session(p->c));

    /* The note and the records are committed together, so the recovered
     * messages are among those counted as accepted. */
    p->queued = accepted > unfinished ? accepted : unfinished;
    p->done = p->queued - unfinished;
    if (!p->o.stdin_lines) {
        p->repeat_left = p->o.repeat > accepted ? p->o.repeat - accepted : 0;
        return 0;
    }
    p->buf_at = p->noted_at = at;
    if (!at || lseek(0, (off_t)at, SEEK_SET) == (off_t)at)
        return 0;
    while (left) {
        n = read(0, skip, left < sizeof(skip) ? (size_t)left : sizeof(skip));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            cli_err(&p->o, "store %s: the input is shorter (%llu bytes) than what the store "
                           "already published (%llu bytes): not the same input",
                    p->o.store_dir, (unsigned long long)(at - left), (unsigned long long)at);
            return -1;
        }
        left -= (uint64_t)n;
    }
    return 0;
}

int cli_pub(int argc, char **argv)
{
    static pub p;
    mqc_client_opts co;
    mqc_client_callbacks cb;
    mqc_bytes pw;
    int rv;

    rv = cli_parse(&p.o, CLI_PUB, argc, argv);
    if (rv)
        return rv;
    p.props = cli_props_get(&p.o, CLI_PROP_PUBLISH);
    if (p.o.stdin_lines) {
        p.cap = LINE_BUF_START;
        p.buf = malloc(p.cap);
        if (!p.buf)
            return CLI_EXIT_ERROR;
    } else {
        if (load_payload(&p) < 0)
            return CLI_EXIT_ERROR;
        p.repeat_left = p.o.repeat;
    }
    if (cli_loop_init() < 0)
        return CLI_EXIT_ERROR;
    cli_client_opts(&p.o, &co, &pw);
    if (p.o.store_dir) {
        if ((rv = cli_store_open(&p.o, &p.store, &co, NULL, NULL)))
            return rv;
        p.has_store = 1;
    }
    /* Room for the message (twice: one being acknowledged while the next
     * repeat waits) on top of the default store. */
    if (p.payload_len * 2 + 65536 > co.session.store_capacity)
        co.session.store_capacity = p.payload_len * 2 + 65536;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_connect_failed = on_connect_failed;
    cb.on_connection_lost = on_connection_lost;
    cb.on_publish_done = on_publish_done;
    cb.on_trace = p.o.debug ? on_trace : NULL;
    cb.on_log = on_log;
    cb.on_stopped = on_stopped;
    rv = mqc_client_new(&p.c, &co, &cb, &p);
    if (rv < 0) {
        if (rv == MQC_ERR_TLS_CONFIG) /* on_log said which file and why */
            cli_err(&p.o, "cannot create the client: %s (%s)", mqc_strerror(rv), cli_last_note);
        else
            cli_err(&p.o, "cannot create the client: %s", mqc_strerror(rv));
        return CLI_EXIT_ERROR;
    }
    if (cli_apply_disconnect_props(&p.o, p.c) < 0) {
        mqc_client_del(p.c);
        return CLI_EXIT_ERROR;
    }
    if (p.has_store) {
        uint64_t accepted, at;
        cli_store_get_note(&p.store, &accepted, &at);
        if (resume_input(&p, accepted, at) < 0) {
            mqc_client_del(p.c);
            mqc_store_close(&p.store);
            return CLI_EXIT_ERROR;
        }
    }
    mqc_client_connect(p.c);
    rv = run(&p);
    mqc_client_del(p.c);
    if (p.has_store)
        mqc_store_close(&p.store);
    free(p.payload);
    free(p.buf);
    return rv;
}
