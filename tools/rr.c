/* mqc rr: mosquitto_rr's request/response (MQTT 5). Subscribes to the
 * response topic (-e), then publishes the request (-m/-f/-s/-n) to -t with
 * that Response Topic (and any -D publish correlation-data), prints the
 * first answer as mqc sub would, and exits 0; -W gives up after SECS with
 * 27, as mosquitto_rr. An answer whose Correlation Data differs from the
 * request's is someone else's and is skipped (mosquitto_rr takes any). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct rr {
    cli_opts o;
    mqc_client *c;
    mqc_props req_props;         /* -D publish ones plus the Response Topic */
    uint8_t *payload;
    size_t payload_len;
    int requested;
    int done;
    int exit_code;
    int stopped;
    int stop_err;
} rr;

static void finish(rr *r, int code, int timeout_ms)
{
    if (!r->done) {
        r->done = 1;
        r->exit_code = code;
    }
    mqc_client_disconnect(r->c, timeout_ms);
}

static void on_connect_failed(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    rr *r = ud;
    cli_report_connect_failed(&r->o, err, info, will_retry, mqc_client_error_detail(c));
}

static void on_connection_lost(mqc_client *c, int err, int will_retry, void *ud)
{
    rr *r = ud;
    if (!r->done)
        cli_report_lost(&r->o, err, will_retry, mqc_client_error_detail(c));
}

/* Subscribed: now the answer cannot be missed, send the request. */
static void on_suback(mqc_client *c, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    rr *r = ud;
    int rv;
    (void)id;
    if (token != 1 || r->requested)
        return;
    if (n < 1 || codes[0] >= 0x80) {
        cli_err(&r->o, "subscription to the response topic '%s' denied: %s",
                r->o.response_topic, n ? cli_reason_name(codes[0]) : "no code");
        finish(r, CLI_EXIT_ERROR, 1000);
        return;
    }
    r->requested = 1;
    rv = mqc_client_publish(c, r->o.topics[0], r->payload, r->payload_len, (int)r->o.qos,
                            r->o.retain, &r->req_props, 2);
    if (rv < 0) {
        cli_err(&r->o, "cannot publish the request: %s", mqc_strerror(rv));
        finish(r, CLI_EXIT_ERROR, 0);
    }
}

static int on_message(mqc_client *c, const mqc_publish *m, void *ud)
{
    rr *r = ud;
    const mqc_props *p = m->props, *q = &r->req_props;
    (void)c;
    if (r->done)
        return 0;
    if (r->o.no_retained && m->retain)
        return 0;
    if (mqc_props_has(q, MQC_PROP_CORRELATION_DATA) && p &&
        mqc_props_has(p, MQC_PROP_CORRELATION_DATA) &&
        (p->correlation_data.len != q->correlation_data.len ||
         memcmp(p->correlation_data.ptr, q->correlation_data.ptr, q->correlation_data.len))) {
        if (r->o.debug)
            cli_err(&r->o, "skipping an answer with another request's correlation data");
        return 0;
    }
    if (cli_print_message(&r->o, m, stdout) < 0) {
        cli_err(&r->o, "cannot write the output");
        finish(r, CLI_EXIT_ERROR, 0);
        return 0;
    }
    finish(r, CLI_EXIT_OK, 2000);
    return 0;
}

static void on_trace(mqc_client *c, int outgoing, const mqc_packet *pkt, void *ud)
{
    rr *r = ud;
    (void)c;
    cli_trace_packet(&r->o, outgoing, pkt);
}

static void on_log(mqc_client *c, const char *msg, void *ud)
{
    rr *r = ud;
    (void)c;
    cli_log(&r->o, msg);
}

static void on_stopped(mqc_client *c, int err, void *ud)
{
    rr *r = ud;
    (void)c;
    r->stopped = 1;
    r->stop_err = err;
}

static int read_fd(rr *r, int fd, const char *what)
{
    size_t cap = 65536;
    r->payload = malloc(cap);
    r->payload_len = 0;
    for (;;) {
        ssize_t n;
        if (!r->payload)
            return -1;
        if (r->payload_len == cap) {
            uint8_t *nb = realloc(r->payload, cap * 2);
            if (!nb)
                return -1;
            r->payload = nb;
            cap *= 2;
        }
        n = read(fd, r->payload + r->payload_len, cap - r->payload_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cli_err(&r->o, "reading %s: %s", what, strerror(errno));
            return -1;
        }
        if (n == 0)
            return 0;
        r->payload_len += (size_t)n;
    }
}

static int load_request(rr *r)
{
    int fd, rv;
    if (r->o.message) {
        r->payload_len = strlen(r->o.message);
        r->payload = (uint8_t *)strdup(r->o.message);
        return r->payload ? 0 : -1;
    }
    if (r->o.stdin_whole)
        return read_fd(r, 0, "stdin");
    if (!r->o.file) { /* -n */
        r->payload = malloc(1);
        return r->payload ? 0 : -1;
    }
    fd = open(r->o.file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        cli_err(&r->o, "cannot open %s: %s", r->o.file, strerror(errno));
        return -1;
    }
    rv = read_fd(r, fd, r->o.file);
    close(fd);
    return rv;
}

static int run(rr *r)
{
    mqc_tstamp deadline = MQC_TSTAMP_NONE;
    if (r->o.wait_timeout > 0)
        deadline = mqc_client_now_ms() + (mqc_tstamp)(r->o.wait_timeout * 1000.0);
    while (!r->stopped) {
        int timeout = -1;
        if (deadline != MQC_TSTAMP_NONE && !r->done) {
            mqc_tstamp now = mqc_client_now_ms();
            if (now >= deadline) {
                cli_err(&r->o, "timed out after %g s", r->o.wait_timeout);
                finish(r, CLI_EXIT_TIMEOUT, 0);
                continue;
            }
            timeout = (int)(deadline - now);
        }
        if (cli_loop_once(r->c, -1, NULL, timeout))
            finish(r, CLI_EXIT_OK, 1000);
    }
    if (r->done)
        return r->exit_code;
    return cli_exit_status(r->stop_err);
}

int cli_rr(int argc, char **argv)
{
    static rr r;
    mqc_client_opts co;
    mqc_client_callbacks cb;
    mqc_subscription sub;
    const mqc_props *pp;
    mqc_bytes pw;
    int rv;

    rv = cli_parse(&r.o, CLI_RR, argc, argv);
    if (rv)
        return rv;
    if (load_request(&r) < 0)
        return CLI_EXIT_ERROR;
    pp = cli_props_get(&r.o, CLI_PROP_PUBLISH);
    if (pp)
        r.req_props = *pp;
    r.req_props.response_topic.ptr = r.o.response_topic;
    r.req_props.response_topic.len = strlen(r.o.response_topic);
    mqc_props_set(&r.req_props, MQC_PROP_RESPONSE_TOPIC);
    if (cli_loop_init() < 0)
        return CLI_EXIT_ERROR;
    cli_client_opts(&r.o, &co, &pw);
    if (r.payload_len * 2 + 65536 > co.session.store_capacity)
        co.session.store_capacity = r.payload_len * 2 + 65536;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connect_failed = on_connect_failed;
    cb.on_connection_lost = on_connection_lost;
    cb.on_message = on_message;
    cb.on_suback = on_suback;
    cb.on_trace = r.o.debug ? on_trace : NULL;
    cb.on_log = on_log;
    cb.on_stopped = on_stopped;
    rv = mqc_client_new(&r.c, &co, &cb, &r);
    if (rv < 0) {
        cli_err(&r.o, "cannot create the client: %s", mqc_strerror(rv));
        free(r.payload);
        return CLI_EXIT_ERROR;
    }
    memset(&sub, 0, sizeof(sub));
    sub.filter.ptr = r.o.response_topic;
    sub.filter.len = strlen(r.o.response_topic);
    sub.qos = (uint8_t)r.o.qos;
    if (cli_apply_disconnect_props(&r.o, r.c) < 0 ||
        (rv = mqc_client_subscribe(r.c, &sub, 1, cli_props_get(&r.o, CLI_PROP_SUBSCRIBE), 1,
                                   NULL)) < 0) {
        if (rv < 0)
            cli_err(&r.o, "cannot subscribe: %s", mqc_strerror(rv));
        mqc_client_del(r.c);
        free(r.payload);
        return CLI_EXIT_ERROR;
    }
    mqc_client_connect(r.c);
    rv = run(&r);
    mqc_client_del(r.c);
    free(r.payload);
    return rv;
}
