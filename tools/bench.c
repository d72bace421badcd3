/*
 * `mqc bench pub|sub|conn`: many mqc clients on one poll(2) loop, driven
 * through the external-loop API (mqc_client_fd / _want_write /
 * _next_deadline_ms / _handle_*). Flags, pacing, measurements and the
 * output line come from bench_lib.c, shared with the libmosquitto and Paho
 * peers in bench/peers/, so the numbers compare like for like.
 */
#include "bench.h"
#include "bench_lib.h"

#include <mqc.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

struct cl {
    mqc_client *c;
    int idx;
    char topic[256];
    int connected, subscribed, dead, opening;
    long sent, acked, received;
    int inflight;
    uint32_t seq;
    uint64_t next_ns;        /* pacing: not before this time */
    uint64_t t_connect;
    struct bench_pending pend;
};

static struct bench_opts o;
static struct bench_stats st;
static struct cl *cls;
static uint8_t *payload;
static int n_connected, n_subscribed;
static long lost;            /* messages (or connections) that can no longer complete */
static uint64_t interval_ns;
static int next_connect, opening;   /* connections started / not yet answered */

static long target(void)
{
    return o.mode == BENCH_CONN ? o.clients : o.messages * o.clients;
}

static long remaining(const struct cl *c)
{
    if (o.mode == BENCH_CONN)
        return c->connected ? 0 : 1;
    return o.messages - (o.mode == BENCH_PUB ? c->acked : c->received);
}

static void opened(struct cl *c)
{
    if (c->opening) {
        c->opening = 0;
        opening--;
    }
}

static void kill_client(struct cl *c)
{
    opened(c);
    if (!c->dead) {
        c->dead = 1;
        lost += remaining(c);
    }
    c->connected = 0;
}

static void pump(struct cl *c)
{
    if (!c->connected || c->dead || o.mode != BENCH_PUB)
        return;
    while (c->sent < o.messages && c->inflight < o.window) {
        uint64_t now = bench_now_ns();
        if (interval_ns && now < c->next_ns)
            break;
        uint32_t seq = c->seq++;
        bench_stamp(payload, o.size, now);
        bench_pending_put(&c->pend, seq, now);
        int rc = mqc_client_publish(c->c, c->topic, payload, o.size, o.qos, 0, NULL, seq);
        c->sent++;
        c->next_ns = (c->next_ns ? c->next_ns : now) + interval_ns;
        if (rc != 0) {
            uint64_t t0;
            bench_pending_take(&c->pend, seq, &t0);
            fprintf(stderr, "mqc bench: client %d: publish: %s\n", c->idx, mqc_strerror(rc));
            lost++;
            continue;
        }
        c->inflight++;
    }
}

static void on_connected(mqc_client *mc, const mqc_connack_info *info, void *ud)
{
    struct cl *c = ud;
    (void)info;
    opened(c);
    c->connected = 1;
    n_connected++;
    if (o.mode == BENCH_CONN) {
        bench_stats_add(&st, bench_now_ns() - c->t_connect);
        st.done++;
        if (st.done == o.clients)
            st.t_end_ns = bench_now_ns();
    } else if (o.mode == BENCH_SUB) {
        mqc_subscription sub;
        memset(&sub, 0, sizeof sub);
        sub.filter.ptr = c->topic;
        sub.filter.len = strlen(c->topic);
        sub.qos = (uint8_t)o.qos;
        int rc = mqc_client_subscribe(mc, &sub, 1, NULL, 0, NULL);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: subscribe: %s\n", c->idx, mqc_strerror(rc));
            kill_client(c);
        }
    }
}

static void on_connect_failed(mqc_client *mc, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    struct cl *c = ud;
    (void)mc;
    (void)info;
    (void)will_retry;
    fprintf(stderr, "mqc bench: client %d: connect: %s\n", c->idx, mqc_strerror(err));
    kill_client(c);
}

static void on_connection_lost(mqc_client *mc, int err, int will_retry, void *ud)
{
    struct cl *c = ud;
    (void)mc;
    (void)will_retry;
    if (!c->dead)
        fprintf(stderr, "mqc bench: client %d lost: %s\n", c->idx, mqc_strerror(err));
    kill_client(c);
}

static void on_stopped(mqc_client *mc, int err, void *ud)
{
    (void)mc;
    (void)err;
    kill_client(ud);
}

static void on_suback(mqc_client *mc, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    struct cl *c = ud;
    (void)mc;
    (void)id;
    (void)token;
    if (n < 1 || codes[0] >= 0x80) {
        fprintf(stderr, "mqc bench: client %d: subscription refused\n", c->idx);
        kill_client(c);
        return;
    }
    c->subscribed = 1;
    n_subscribed++;
}

static void on_publish_done(mqc_client *mc, const mqc_publish_result *r, void *ud)
{
    struct cl *c = ud;
    uint64_t t0, now = bench_now_ns();
    (void)mc;
    if (!bench_pending_take(&c->pend, (uint32_t)r->token, &t0))
        return;
    c->inflight--;
    if (r->outcome != MQC_OUTCOME_ACKED) {
        lost++;
    } else {
        bench_stats_add(&st, now - t0);
        c->acked++;
        st.done++;
        st.t_end_ns = now;
    }
    if (interval_ns == 0)
        pump(c);
}

static int on_message(mqc_client *mc, const mqc_publish *msg, void *ud)
{
    struct cl *c = ud;
    uint64_t t0, now = bench_now_ns();
    (void)mc;
    if (st.done == 0)
        st.t_start_ns = now;
    if (bench_read_stamp(msg->payload.ptr, msg->payload.len, &t0) && now >= t0)
        bench_stats_add(&st, now - t0);
    c->received++;
    st.done++;
    st.t_end_ns = now;
    return 0;
}

/* Opens connections while fewer than --conn-window are waiting for CONNACK. */
static void start_connects(void)
{
    while (next_connect < o.clients && opening < o.conn_window) {
        struct cl *c = &cls[next_connect++];
        c->t_connect = bench_now_ns();
        c->opening = 1;
        opening++;
        int rc = mqc_client_connect(c->c);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: connect: %s\n", c->idx, mqc_strerror(rc));
            kill_client(c);
        }
    }
}

/* One poll round over every live connection. */
static void loop_once(struct pollfd *pfd, int timeout_ms)
{
    mqc_tstamp now_ms = mqc_client_now_ms();
    for (int i = 0; i < o.clients; i++) {
        struct cl *c = &cls[i];
        int fd = c->dead ? -1 : mqc_client_fd(c->c);
        pfd[i].fd = fd;
        pfd[i].events = fd < 0 ? 0 : POLLIN | (mqc_client_want_write(c->c) ? POLLOUT : 0);
        pfd[i].revents = 0;
        if (!c->dead) {
            mqc_tstamp d = mqc_client_next_deadline_ms(c->c);
            if (d != MQC_TSTAMP_NONE) {
                int t = d <= now_ms ? 0 : (int)(d - now_ms);
                if (t < timeout_ms)
                    timeout_ms = t;
            }
        }
    }
    poll(pfd, (nfds_t)o.clients, timeout_ms);
    now_ms = mqc_client_now_ms();
    for (int i = 0; i < o.clients; i++) {
        struct cl *c = &cls[i];
        if (c->dead)
            continue;
        if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP))
            mqc_client_handle_read(c->c);
        /* Whatever the callbacks queued goes out now, not a poll round later. */
        if (!c->dead && ((pfd[i].revents & POLLOUT) || mqc_client_want_write(c->c)))
            mqc_client_handle_write(c->c);
        if (!c->dead && mqc_client_next_deadline_ms(c->c) <= now_ms)
            mqc_client_handle_timeout(c->c);
    }
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
    };
    bench_parse(&o, "mqc bench", argc, argv);
    bench_raise_nofile();
    bench_catch_signals();
    interval_ns = (uint64_t)(o.interval_ms * 1e6);

    size_t cap = o.mode == BENCH_CONN ? (size_t)o.clients : (size_t)(o.messages * o.clients);
    cls = calloc((size_t)o.clients, sizeof *cls);
    payload = calloc(1, o.size ? o.size : 1);
    struct pollfd *pfd = calloc((size_t)o.clients, sizeof *pfd);
    if (!cls || !payload || !pfd || bench_stats_init(&st, cap) != 0) {
        fprintf(stderr, "mqc bench: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < o.size; i++)
        payload[i] = (uint8_t)('a' + i % 26);

    st.rss_before_kb = bench_vm_kb("VmRSS");
    uint64_t t0 = bench_now_ns();
    if (o.mode == BENCH_CONN)
        st.t_start_ns = t0;
    for (int i = 0; i < o.clients; i++) {
        struct cl *c = &cls[i];
        char id[128];
        mqc_client_opts co;
        c->idx = i;
        snprintf(id, sizeof id, "%s%d", o.prefix, i);
        bench_topic(c->topic, sizeof c->topic, o.topic, i);
        if (o.mode == BENCH_PUB && bench_pending_init(&c->pend, o.window) != 0) {
            fprintf(stderr, "mqc bench: out of memory\n");
            return 1;
        }
        mqc_client_opts_default(&co);
        co.host = o.host;
        co.port = (uint16_t)o.port;
        co.reconnect = 0;             /* a lost connection is an error here */
        co.retry_first_connect = 0;
        co.session.protocol = o.version == 5 ? MQC_V5 : MQC_V311;
        co.session.client_id.ptr = id;
        co.session.client_id.len = strlen(id);
        co.session.keep_alive = (uint16_t)o.keepalive;
        co.session.clean = 1;
        co.session.max_inflight = (uint16_t)o.window;
        /* 5.0: our Receive Maximum is the window, as for the peers. 3.1.1 has
         * no way to tell the broker: the session holds input back at its
         * window (the acks go first), it never drops the connection. */
        if (o.version == 5)
            co.session.receive_max = (uint16_t)o.window;
        int rc = mqc_client_new(&c->c, &co, &cb, c);
        if (rc != 0) {
            fprintf(stderr, "mqc bench: client %d: %s\n", i, mqc_strerror(rc));
            return 1;
        }
    }

    uint64_t deadline = t0 + (uint64_t)o.timeout_s * 1000000000u;
    int ready = 0;
    while (st.done + lost < target() && bench_now_ns() < deadline && !bench_stop) {
        int live = 0;
        for (int i = 0; i < o.clients; i++)
            live += !cls[i].dead;
        if (!live)
            break;
        start_connects();
        if (!ready && next_connect == o.clients) {
            if (o.mode == BENCH_PUB && n_connected == live) {
                ready = 1;
                st.t_start_ns = bench_now_ns();
                for (int i = 0; i < o.clients; i++)
                    pump(&cls[i]);
            } else if (o.mode == BENCH_SUB && n_subscribed == live) {
                ready = 1;
                fprintf(stderr, "bench: ready\n");
            }
        }
        int timeout = 100;
        if (interval_ns && ready && o.mode == BENCH_PUB) {
            uint64_t now = bench_now_ns(), next = UINT64_MAX;
            for (int i = 0; i < o.clients; i++) {
                pump(&cls[i]);
                if (!cls[i].dead && cls[i].sent < o.messages && cls[i].next_ns < next)
                    next = cls[i].next_ns;
            }
            if (next != UINT64_MAX)
                timeout = next <= now ? 0 : (int)((next - now) / 1000000u);
            if (timeout > 100)
                timeout = 100;
        }
        loop_once(pfd, timeout);
        long inflight = 0;
        for (int i = 0; o.mode == BENCH_PUB && i < o.clients; i++)
            inflight += cls[i].inflight;
        st.errors = lost;
        bench_progress(&o, &st, inflight, 0);
    }
    /* Every message (or connection) that did not complete is an error. */
    st.errors = target() - st.done;
    if (!st.t_end_ns)
        st.t_end_ns = bench_now_ns();
    if (o.mode == BENCH_CONN) {
        st.rss_after_kb = bench_vm_kb("VmRSS");
        uint64_t hold_end = bench_now_ns() + (uint64_t)o.hold_ms * 1000000u;
        while (bench_now_ns() < hold_end && !bench_stop)
            loop_once(pfd, 100);
    }
    bench_progress(&o, &st, 0, 1);
    bench_report(&o, &st, "mqc", "mqc " MQC_VERSION_STRING);
    for (int i = 0; i < o.clients; i++) {
        /* Deleting cancels what is in flight: no callback may publish more. */
        cls[i].dead = 1;
        cls[i].connected = 0;
        mqc_client_del(cls[i].c);
        bench_pending_free(&cls[i].pend);
    }
    free(pfd);
    free(payload);
    free(cls);
    free(st.lat_us);
    return st.errors ? 1 : 0;
}
