/*
 * `mqc bench pub|sub|conn`: many mqc clients on one poll(2) loop, driven
 * through the external-loop API (mqc_client_fd / _want_write /
 * _next_deadline_ms / _handle_*). The loop, flags, pacing, measurements and
 * the output line come from bench_lib.c, shared with the libmosquitto and
 * Paho peers in bench/peers/, so the numbers compare like for like; this
 * file holds only the mqc calls.
 */
#include "bench.h"
#include "bench_lib.h"

#include <mqc.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static struct bench_run R;
static mqc_client **mcs;     /* per client index */
static mqc_store *stores;    /* --store: per client index */
static struct pollfd *pfd;

static void pump(int i)
{
    struct bench_client *c = &R.cl[i];
    uint64_t now;
    uint32_t seq;
    while (bench_claim(&R, c, &now, &seq)) {
        bench_stamp(R.payload, R.o.size, now);
        int rc = mqc_client_publish(mcs[i], c->topic, R.payload, R.o.size, R.o.qos, 0, NULL,
                                    seq);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: publish: %s\n", i, mqc_strerror(rc));
            bench_settle(&R, c, seq, 0, now);
        }
    }
}

static void on_connected(mqc_client *mc, const mqc_connack_info *info, void *ud)
{
    struct bench_client *c = ud;
    int first = !c->cut;        /* --reconnect: the untimed first connection */
    (void)info;
    if (R.o.mode == BENCH_CONN && R.o.cafile && (!R.o.reconnect || !first)) {
        R.st.tls_known = 1;
        R.st.tls_resumed += mqc_client_tls_resumed(mc) == 1;
    }
    bench_connected(&R, c);
    /* --reconnect subscribes too: a broker that has answered after CONNACK
     * makes the connection "proven", and the reconnect after a cut immediate. */
    if (R.o.mode == BENCH_SUB || (R.o.reconnect && first)) {
        mqc_subscription sub;
        memset(&sub, 0, sizeof sub);
        sub.filter.ptr = c->topic;
        sub.filter.len = strlen(c->topic);
        sub.qos = (uint8_t)R.o.qos;
        int rc = mqc_client_subscribe(mc, &sub, 1, NULL, 0, NULL);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: subscribe: %s\n", c->idx, mqc_strerror(rc));
            bench_client_dead(&R, c);
        }
    }
}

static void on_connect_failed(mqc_client *mc, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    struct bench_client *c = ud;
    (void)mc;
    (void)info;
    (void)will_retry;
    fprintf(stderr, "mqc bench: client %d: connect: %s\n", c->idx, mqc_strerror(err));
    bench_client_dead(&R, c);
}

static void on_connection_lost(mqc_client *mc, int err, int will_retry, void *ud)
{
    struct bench_client *c = ud;
    (void)mc;
    if (R.o.reconnect && c->cut && !c->reconnected && will_retry)
        return;                 /* our own cut: the client reconnects */
    if (!c->dead)
        fprintf(stderr, "mqc bench: client %d lost: %s\n", c->idx, mqc_strerror(err));
    bench_client_dead(&R, c);
}

static void on_stopped(mqc_client *mc, int err, void *ud)
{
    (void)mc;
    (void)err;
    bench_client_dead(&R, ud);
}

static void on_suback(mqc_client *mc, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    (void)mc;
    (void)id;
    (void)token;
    bench_subscribed(&R, ud, n >= 1 && codes[0] < 0x80);
}

static void on_publish_done(mqc_client *mc, const mqc_publish_result *r, void *ud)
{
    struct bench_client *c = ud;
    uint64_t now = bench_now_ns();
    (void)mc;
    if (!bench_settle(&R, c, (uint32_t)r->token, r->outcome == MQC_OUTCOME_ACKED, now))
        return;
    if (R.interval_ns == 0)
        pump(c->idx);
}

static int on_message(mqc_client *mc, const mqc_publish *msg, void *ud)
{
    (void)mc;
    bench_received(&R, ud, msg->payload.ptr, msg->payload.len, bench_now_ns());
    return 0;
}

/* --reconnect: what a network cut does to the socket; the client sees
 * the connection end and reconnects. */
static int cut(int i)
{
    int fd = mqc_client_fd(mcs[i]);
    return fd < 0 ? -1 : shutdown(fd, SHUT_RDWR);
}

static int start_connect(int i)
{
    int rc = mqc_client_connect(mcs[i]);
    if (rc != 0)
        fprintf(stderr, "mqc bench: client %d: connect: %s\n", i, mqc_strerror(rc));
    return rc;
}

/* One poll round over every live connection. */
static void loop_once(int timeout_ms)
{
    mqc_tstamp now_ms = mqc_client_now_ms();
    for (int i = 0; i < R.o.clients; i++) {
        int dead = R.cl[i].dead;
        int fd = dead ? -1 : mqc_client_fd(mcs[i]);
        pfd[i].fd = fd;
        pfd[i].events = fd < 0 ? 0 : (short)((mqc_client_want_read(mcs[i]) ? POLLIN : 0) |
                                             (mqc_client_want_write(mcs[i]) ? POLLOUT : 0));
        pfd[i].revents = 0;
        if (!dead) {
            mqc_tstamp d = mqc_client_next_deadline_ms(mcs[i]);
            if (d != MQC_TSTAMP_NONE) {
                int t = d <= now_ms ? 0 : (int)(d - now_ms);
                if (t < timeout_ms)
                    timeout_ms = t;
            }
        }
    }
    poll(pfd, (nfds_t)R.o.clients, timeout_ms);
    now_ms = mqc_client_now_ms();
    for (int i = 0; i < R.o.clients; i++) {
        const struct bench_client *c = &R.cl[i];
        if (c->dead)
            continue;
        if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP))
            mqc_client_handle_read(mcs[i]);
        /* Whatever the callbacks queued goes out now, not a poll round later. */
        if (!c->dead && ((pfd[i].revents & POLLOUT) || mqc_client_want_write(mcs[i])))
            mqc_client_handle_write(mcs[i]);
        if (!c->dead && mqc_client_next_deadline_ms(mcs[i]) <= now_ms)
            mqc_client_handle_timeout(mcs[i]);
    }
}

/* --store: client i's file store, in its own fresh directory; the
 * identity is the CLI's (client id, protocol, broker). */
static int open_store(int i, const char *id)
{
    const struct bench_opts *o = &R.o;
    char dir[4096], ident[512];
    mqc_log_opts lo;
    if (bench_store_client_dir(&R, i, dir, sizeof dir) != 0)
        return -1;
    mqc_log_opts_default(&lo);
    if (o->sync)
        lo.sync = !strcmp(o->sync, "always") ? MQC_SYNC_ALWAYS
                : !strcmp(o->sync, "never") ? MQC_SYNC_NEVER : MQC_SYNC_BATCH;
    int n = snprintf(ident, sizeof ident, "mqc bench 1\nclient id %s\nprotocol %d\n"
                     "broker %s:%d\n", id, o->version, o->host, o->port);
    lo.identity.ptr = (const uint8_t *)ident;
    lo.identity.len = n < 0 ? 0 : (size_t)n < sizeof ident ? (size_t)n : sizeof ident - 1;
    int rc = mqc_store_file_open(&stores[i], dir, &lo, NULL);
    if (rc != 0) {
        fprintf(stderr, "mqc bench: client %d: store %s: %s%s%s\n", i, dir, mqc_strerror(rc),
                rc == MQC_ERR_STORE ? ": " : "", rc == MQC_ERR_STORE ? strerror(errno) : "");
        stores[i].ops = NULL;
        return -1;
    }
    return 0;
}

static void close_stores(void)
{
    for (int i = 0; stores && i < R.o.clients; i++)
        if (stores[i].ops)
            mqc_store_close(&stores[i]);
    free(stores);
    stores = NULL;
    bench_store_end(&R);
}

/* Only what explains a failure to start: unusable TLS files. */
static void on_log(mqc_client *mc, const char *msg, void *ud)
{
    (void)mc;
    (void)ud;
    if (strncmp(msg, "TLS: ", 5) == 0)
        fprintf(stderr, "mqc bench: %s\n", msg);
}

int bench_main(int argc, char **argv)
{
    static const mqc_client_callbacks cb = {
        .version = MQC_CLIENT_CALLBACKS_VERSION,
        .on_connected = on_connected,
        .on_connect_failed = on_connect_failed,
        .on_connection_lost = on_connection_lost,
        .on_message = on_message,
        .on_publish_done = on_publish_done,
        .on_suback = on_suback,
        .on_stopped = on_stopped,
        .on_log = on_log,
    };
    static const struct bench_adapter ad = {
        .name = "mqc bench",
        .start_connect = start_connect,
        .pump = pump,
        .poll = loop_once,
        .cut = cut,
    };
    if (bench_run_init(&R, &ad, "mqc bench", argc, argv) != 0)
        return 1;
    const struct bench_opts *o = &R.o;
    mcs = bench_per_client(&R, sizeof *mcs);
    pfd = bench_per_client(&R, sizeof *pfd);
    if (!mcs || !pfd)
        return 1;
    if (o->store_dir) {
        stores = bench_per_client(&R, sizeof *stores);
        if (!stores || bench_store_begin(&R, "mqc") != 0)
            return 1;
    }
    if (bench_run_start(&R) != 0) {
        close_stores();
        return 1;
    }
    for (int i = 0; i < o->clients; i++) {
        char id[128];
        mqc_client_opts co;
        snprintf(id, sizeof id, "%s%d", o->prefix, i);
        mqc_client_opts_default(&co);
        co.host = o->host;
        co.port = (uint16_t)o->port;
        co.reconnect = 0;             /* a lost connection is an error here */
        co.retry_first_connect = 0;
        co.session.protocol = o->version == 5 ? MQC_V5 : MQC_V311;
        co.session.client_id.ptr = id;
        co.session.client_id.len = strlen(id);
        co.session.keep_alive = (uint16_t)o->keepalive;
        co.session.clean = 1;
        if (o->store_dir) {
            /* A durable store holds a persistent session of one client id. */
            if (open_store(i, id) != 0) {
                for (int k = 0; k < i; k++)
                    mqc_client_del(mcs[k]);
                close_stores();
                return 1;
            }
            co.session.store = &stores[i];
            co.session.clean = 0;
        }
        if (o->cafile) {
            co.tls.enable = 1;
            co.tls.ca_file = o->cafile;
            co.tls.insecure = (uint8_t)o->insecure;
            co.tls.session_resume = (uint8_t)!o->no_resume;
        }
        if (o->reconnect) {
            co.reconnect = 1;
            co.reconnect_min_ms = 0;  /* at once after a connection that worked */
        }
        co.session.max_inflight = (uint16_t)o->window;
        /* 5.0: our Receive Maximum is the window, as for the peers. 3.1.1 has
         * no way to tell the broker, whose own limit (max_inflight_messages)
         * governs: a subscriber paces at 65535 (the inbound set grows on
         * demand, so this costs nothing until used). */
        if (o->version == 5)
            co.session.receive_max = (uint16_t)o->window;
        else if (o->mode == BENCH_SUB)
            co.session.receive_max = 65535;
        int rc = mqc_client_new(&mcs[i], &co, &cb, &R.cl[i]);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: %s\n", i, mqc_strerror(rc));
            for (int k = 0; k < i; k++)
                mqc_client_del(mcs[k]);
            close_stores();
            return 1;
        }
    }

    int status = bench_run_main(&R, "mqc", "mqc " MQC_VERSION_STRING);
    for (int i = 0; i < o->clients; i++) {
        /* Deleting cancels what is in flight: no callback may publish more. */
        R.cl[i].dead = 1;
        R.cl[i].connected = 0;
        mqc_client_del(mcs[i]);
    }
    close_stores();             /* after the clients, which use them */
    free(pfd);
    free(mcs);
    bench_run_free(&R);
    return status;
}
