/* mqc sub: subscribes, prints each message once in arrival order (flushed
 * per message), reconnects and resumes, and exits cleanly on -C, -E, -W,
 * SIGINT or SIGTERM. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct sub {
    cli_opts o;
    mqc_client *c;
    mqc_subscription subs[CLI_MAX_TOPICS];
    unsigned long long printed;
    int done;                    /* stop printing: -C reached, error, signal */
    int exit_code;
    int stopped;
    int stop_err;
    int sub_acked;
    mqc_store store;             /* --store */
    int has_store;
    FILE *out;                   /* stdout, or --output */
    uint64_t out_at;             /* --output: bytes written */
    uint64_t written;            /* --output: messages in it */
} sub;

static void finish(sub *s, int exit_code, int timeout_ms)
{
    if (!s->done) {
        s->done = 1;
        s->exit_code = exit_code;
    }
    mqc_client_disconnect(s->c, timeout_ms);
}

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    sub *s = ud;
    (void)c;
    if (info->session_lost && !s->o.quiet && s->o.debug)
        cli_err(&s->o, "the broker did not have our session; subscribing again");
}

static void on_connect_failed(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    sub *s = ud;
    (void)c;
    cli_report_connect_failed(&s->o, err, info, will_retry, mqc_client_error_detail(c));
}

static void on_connection_lost(mqc_client *c, int err, int will_retry, void *ud)
{
    sub *s = ud;
    (void)c;
    if (!s->done)
        cli_report_lost(&s->o, err, will_retry, mqc_client_error_detail(c));
}

/* --remove-retained: an empty retained message clears the topic's. */
static void remove_retained(sub *s, const mqc_str *topic)
{
    char name[65536];
    int rv;
    memcpy(name, topic->ptr, topic->len);
    name[topic->len] = 0;
    rv = mqc_client_publish(s->c, name, "", 0, 1, 1, NULL, 0);
    if (rv < 0)
        cli_err(&s->o, "cannot clear the retained message of '%s': %s", name, mqc_strerror(rv));
}

static int on_message(mqc_client *c, const mqc_publish *m, void *ud)
{
    sub *s = ud;
    size_t k;
    (void)c;
    /* After the last one we print, keep acks back: the broker keeps those
     * messages for a persistent session's next run. */
    if (s->done)
        return m->qos ? MQC_ACK_DEFER : 0;
    for (k = 0; k < s->o.nfilter_out; k++)
        if (cli_topic_matches(s->o.filter_out[k], &m->topic))
            return 0;
    if (s->o.remove_retained && m->retain && m->payload.len)
        remove_retained(s, &m->topic);
    /* --retained-only: the first fresh message ends the run, unprinted
     * (and unacknowledged: a persistent session gets it again). */
    if (s->o.retained_only && !m->retain) {
        finish(s, CLI_EXIT_OK, 2000);
        return m->qos ? MQC_ACK_DEFER : 0;
    }
    if (s->o.no_retained && m->retain)
        return 0;
    if (s->o.random_filter > 0 && s->o.random_filter < 100.0 &&
        (double)rand() * 100.0 / ((double)RAND_MAX + 1.0) >= s->o.random_filter)
        return 0;
    if (cli_print_message(&s->o, m, s->out) < 0) {
        cli_err(&s->o, "cannot write the output");
        finish(s, CLI_EXIT_ERROR, 0);
        return m->qos ? MQC_ACK_DEFER : 0;
    }
    s->printed++;
    /* --output: the offset goes into the same commit as the held id, and
     * the ack waits for that commit: after a crash the file is cut back to
     * the offset and exactly the messages after it come again. */
    if (s->o.output) {
        s->out_at = (uint64_t)ftello(s->out);
        s->written++;
        if (cli_store_set_note(&s->store, s->out_at, s->written) < 0) {
            cli_err(&s->o, "cannot record the output offset");
            finish(s, CLI_EXIT_STORE, 0);
            return m->qos ? MQC_ACK_DEFER : 0;
        }
    }
    if (s->o.count && s->printed >= (unsigned long long)s->o.count)
        finish(s, CLI_EXIT_OK, 2000);
    return 0;
}

static void on_suback(mqc_client *c, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    sub *s = ud;
    size_t k, denied = 0;
    (void)c;
    (void)id;
    if (token != 1)
        return;
    for (k = 0; k < n; k++) {
        if (codes[k] >= 0x80) {
            denied++;
            cli_err(&s->o, "subscription to '%s' denied: %s (SUBACK code 0x%02x)",
                    k < s->o.ntopics ? s->o.topics[k] : "?",
                    s->o.protocol == MQC_V5 ? cli_reason_name(codes[k]) : "failure",
                    codes[k]);
        } else if (codes[k] < s->o.qos) {
            /* Allowed (the server grants at most what it supports), but the
             * messages then come at the lower QoS: say so. */
            cli_err(&s->o, "subscription to '%s' granted QoS %u, not the %u asked for: "
                           "messages arrive at QoS %u at most",
                    k < s->o.ntopics ? s->o.topics[k] : "?", codes[k], s->o.qos, codes[k]);
        }
    }
    if (n && denied == n) {
        cli_err(&s->o, "every subscription was denied");
        finish(s, CLI_EXIT_ERROR, 1000);
        return;
    }
    s->sub_acked = 1;
    if (s->o.exit_after_sub && s->o.nunsub == 0)
        finish(s, CLI_EXIT_OK, 1000);
}

static void on_unsuback(mqc_client *c, uint16_t id, uint64_t token, const uint8_t *codes,
                        size_t n, void *ud)
{
    sub *s = ud;
    (void)c;
    (void)id;
    (void)codes;
    (void)n;
    if (token == 2 && s->o.exit_after_sub)
        finish(s, CLI_EXIT_OK, 1000);
}

static void on_trace(mqc_client *c, int outgoing, const mqc_packet *pkt, void *ud)
{
    sub *s = ud;
    (void)c;
    cli_trace_packet(&s->o, outgoing, pkt);
}

static void on_log(mqc_client *c, const char *msg, void *ud)
{
    sub *s = ud;
    (void)c;
    cli_log(&s->o, msg);
}

static void on_stopped(mqc_client *c, int err, void *ud)
{
    sub *s = ud;
    (void)c;
    s->stopped = 1;
    s->stop_err = err;
}

static int queue_requests(sub *s)
{
    mqc_str unsub[CLI_MAX_TOPICS];
    size_t k;
    int rv;
    for (k = 0; k < s->o.ntopics; k++) {
        memset(&s->subs[k], 0, sizeof(s->subs[k]));
        s->subs[k].filter.ptr = s->o.topics[k];
        s->subs[k].filter.len = strlen(s->o.topics[k]);
        s->subs[k].qos = (uint8_t)s->o.qos;
        s->subs[k].no_local = (uint8_t)s->o.no_local;
        s->subs[k].retain_as_published = (uint8_t)s->o.rap;
        s->subs[k].retain_handling = (uint8_t)s->o.retain_handling;
    }
    rv = mqc_client_subscribe(s->c, s->subs, s->o.ntopics,
                              cli_props_get(&s->o, CLI_PROP_SUBSCRIBE), 1, NULL);
    if (rv < 0) {
        cli_err(&s->o, "cannot subscribe: %s", mqc_strerror(rv));
        return -1;
    }
    if (s->o.nunsub) {
        for (k = 0; k < s->o.nunsub; k++) {
            unsub[k].ptr = s->o.unsub[k];
            unsub[k].len = strlen(s->o.unsub[k]);
        }
        rv = mqc_client_unsubscribe(s->c, unsub, s->o.nunsub,
                                    cli_props_get(&s->o, CLI_PROP_UNSUBSCRIBE), 2, NULL);
        if (rv < 0) {
            cli_err(&s->o, "cannot unsubscribe: %s", mqc_strerror(rv));
            return -1;
        }
    }
    return 0;
}

static int run(sub *s)
{
    mqc_tstamp deadline = MQC_TSTAMP_NONE;
    if (s->o.wait_timeout > 0)
        deadline = mqc_client_now_ms() + (mqc_tstamp)(s->o.wait_timeout * 1000.0);
    while (!s->stopped) {
        int timeout = -1;
        if (deadline != MQC_TSTAMP_NONE && !s->done) {
            mqc_tstamp now = mqc_client_now_ms();
            if (now >= deadline) {
                cli_err(&s->o, "timed out after %g s", s->o.wait_timeout);
                finish(s, CLI_EXIT_TIMEOUT, 0);
                continue;
            }
            timeout = (int)(deadline - now);
        }
        if (cli_loop_once(s->c, -1, NULL, timeout))
            finish(s, CLI_EXIT_OK, 1000);
    }
    if (s->done)
        return s->exit_code;
    return cli_exit_status(s->stop_err);
}

/* The output file is on disk before a commit that names its offset is.
 * The commits of opening the store come before the file is open (s->out is
 * still stdout, which may be a pipe fsync refuses): nothing to sync yet. */
static int sync_output(void *user, int will_sync)
{
    sub *s = user;

    if (!will_sync || s->out == stdout)
        return 0;
    return fsync(fileno(s->out)) ? -1 : 0;
}

/* --output on a restart: cut the file back to what the store recorded. */
static int open_output(sub *s)
{
    uint64_t at, n;
    struct stat st;
    int fd;

    cli_store_get_note(&s->store, &at, &n);
    fd = open(s->o.output, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || fstat(fd, &st) < 0) {
        cli_err(&s->o, "cannot open %s: %s", s->o.output, strerror(errno));
        return -1;
    }
    if ((uint64_t)st.st_size < at) {
        cli_err(&s->o, "%s has %llu bytes but the store %s recorded %llu: not this store's "
                       "output",
                s->o.output, (unsigned long long)st.st_size, s->o.store_dir,
                (unsigned long long)at);
        close(fd);
        return -1;
    }
    if (ftruncate(fd, (off_t)at) < 0 || lseek(fd, (off_t)at, SEEK_SET) < 0
        || !(s->out = fdopen(fd, "w"))) {
        cli_err(&s->o, "cannot prepare %s: %s", s->o.output, strerror(errno));
        close(fd);
        return -1;
    }
    s->out_at = at;
    s->written = n;
    return 0;
}

int cli_sub(int argc, char **argv)
{
    static sub s;
    mqc_client_opts co;
    mqc_client_callbacks cb;
    mqc_bytes pw;
    int rv;

    rv = cli_parse(&s.o, CLI_SUB, argc, argv);
    if (rv)
        return rv;
    if (cli_loop_init() < 0)
        return CLI_EXIT_ERROR;
    cli_client_opts(&s.o, &co, &pw);
    s.out = stdout;
    if (s.o.random_filter > 0)
        srand((unsigned)mqc_client_now_ms() ^ (unsigned)getpid());
    if (s.o.store_dir) {
        if ((rv = cli_store_open(&s.o, &s.store, &co, s.o.output ? sync_output : NULL, &s)))
            return rv;
        s.has_store = 1;
        if (s.o.output && open_output(&s) < 0) {
            mqc_store_close(&s.store);
            return CLI_EXIT_ERROR;
        }
    }
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_connect_failed = on_connect_failed;
    cb.on_connection_lost = on_connection_lost;
    cb.on_message = on_message;
    cb.on_suback = on_suback;
    cb.on_unsuback = on_unsuback;
    cb.on_trace = s.o.debug ? on_trace : NULL;
    cb.on_log = on_log;
    cb.on_stopped = on_stopped;
    rv = mqc_client_new(&s.c, &co, &cb, &s);
    if (rv < 0) {
        if (rv == MQC_ERR_TLS_CONFIG) /* on_log said which file and why */
            cli_err(&s.o, "cannot create the client: %s (%s)", mqc_strerror(rv), cli_last_note);
        else
            cli_err(&s.o, "cannot create the client: %s", mqc_strerror(rv));
        rv = CLI_EXIT_ERROR;
    } else if (cli_apply_disconnect_props(&s.o, s.c) < 0 || queue_requests(&s) < 0) {
        mqc_client_del(s.c);
        rv = CLI_EXIT_ERROR;
    } else {
        mqc_client_connect(s.c);
        rv = run(&s);
        mqc_client_del(s.c);
    }
    if (s.has_store)
        mqc_store_close(&s.store);
    if (s.out != stdout && fclose(s.out) != 0 && rv == CLI_EXIT_OK)
        rv = CLI_EXIT_ERROR;
    return rv;
}
