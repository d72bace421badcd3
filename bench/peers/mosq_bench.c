/*
 * libmosquitto peer of `mqc bench`: the same workloads, flags and output.
 * One thread drives every connection with poll(2) over mosquitto_socket(),
 * mosquitto_loop_read/_write/_misc: the library's external-loop mode, the
 * closest match to mqc's single event loop.
 */
#include "bench_lib.h"

#include <mosquitto.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

struct cl {
    struct mosquitto *m;
    int idx;
    char topic[256];
    int connected, subscribed, dead, pumping, opening;
    long sent, acked, received;
    int inflight;
    uint64_t next_ns;       /* pacing: not before this time */
    uint64_t t_connect;
    struct bench_pending pend;
};

static struct bench_opts o;
static struct bench_stats st;
static struct cl *cls;
static uint8_t *payload;
static int n_connected, n_subscribed;
static struct cl *publishing;  /* inside mosquitto_publish() for this client */
static uint64_t publishing_t0;
static int publishing_acked;
static long unknown_acks;   /* on_publish for a mid not in flight */
static long lost;
static int next_connect, opening;   /* connections started / not yet answered */           /* messages that can no longer complete */
static uint64_t interval_ns;

static long target(void)
{
    return o.mode == BENCH_CONN ? o.clients : o.messages * o.clients;
}

/* What a client that just died leaves undone. */
static long remaining(const struct cl *c)
{
    if (o.mode == BENCH_CONN)
        return c->connected ? 0 : 1;
    return o.messages - (o.mode == BENCH_PUB ? c->acked : c->received);
}

static void on_acked(struct cl *c, uint64_t t0);

static void pump(struct cl *c)
{
    if (!c->connected || c->dead || o.mode != BENCH_PUB || c->pumping)
        return;
    c->pumping = 1;
    while (c->sent < o.messages && c->inflight < o.window) {
        uint64_t now = bench_now_ns();
        int mid = 0;
        if (interval_ns && now < c->next_ns)
            break;
        bench_stamp(payload, o.size, now);
        /* Outside a callback libmosquitto writes at once and, for QoS 0,
         * reports the publish before mosquitto_publish() returns the mid. */
        publishing = c;
        publishing_t0 = now;
        publishing_acked = 0;
        int rc = mosquitto_publish(c->m, &mid, c->topic, (int)o.size, payload, o.qos, false);
        publishing = NULL;
        if (rc != MOSQ_ERR_SUCCESS) {
            lost++;
            c->sent++;
            continue;
        }
        c->sent++;
        c->inflight++;
        if (publishing_acked)
            on_acked(c, now);
        else
            bench_pending_put(&c->pend, (uint32_t)mid, now);
        c->next_ns = (c->next_ns ? c->next_ns : now) + interval_ns;
    }
    c->pumping = 0;
}

static void on_connect(struct mosquitto *m, void *ud, int rc)
{
    struct cl *c = ud;
    (void)m;
    if (c->opening) {
        c->opening = 0;
        opening--;
    }
    if (rc != 0) {
        fprintf(stderr, "mosq_bench: connection refused: %s\n", mosquitto_connack_string(rc));
        c->dead = 1;
        lost += remaining(c);
        return;
    }
    c->connected = 1;
    n_connected++;
    if (o.mode == BENCH_CONN) {
        bench_stats_add(&st, bench_now_ns() - c->t_connect);
        st.done++;
        if (st.done == o.clients)
            st.t_end_ns = bench_now_ns();
    } else if (o.mode == BENCH_SUB) {
        if (mosquitto_subscribe(c->m, NULL, c->topic, o.qos) != MOSQ_ERR_SUCCESS) {
            c->dead = 1;
            lost += remaining(c);
        }
    }
}

static void on_disconnect(struct mosquitto *m, void *ud, int rc)
{
    struct cl *c = ud;
    (void)m;
    (void)rc;
    if (c->opening) {
        c->opening = 0;
        opening--;
    }
    if (!c->dead) {
        if (rc != 0)
            fprintf(stderr, "mosq_bench: client %d lost: %s\n", c->idx, mosquitto_strerror(rc));
        c->dead = 1;
        lost += remaining(c);
    }
    c->connected = 0;
}

static void on_subscribe(struct mosquitto *m, void *ud, int mid, int n, const int *granted)
{
    struct cl *c = ud;
    (void)m;
    (void)mid;
    if (n < 1 || granted[0] > 2) {
        fprintf(stderr, "mosq_bench: subscription refused\n");
        c->dead = 1;
        lost += remaining(c);
        return;
    }
    c->subscribed = 1;
    n_subscribed++;
}

static void on_acked(struct cl *c, uint64_t t0)
{
    uint64_t now = bench_now_ns();
    bench_stats_add(&st, now - t0);
    c->acked++;
    c->inflight--;
    st.done++;
    st.t_end_ns = now;
}

static void on_publish(struct mosquitto *m, void *ud, int mid)
{
    struct cl *c = ud;
    uint64_t t0;
    (void)m;
    if (!bench_pending_take(&c->pend, (uint32_t)mid, &t0)) {
        /* Writing the new message may flush older ones first: only a mid
         * we do not hold yet is the one being published. */
        if (c == publishing)
            publishing_acked = 1;   /* pump() finishes the bookkeeping */
        else
            unknown_acks++;
        return;
    }
    on_acked(c, t0);
    if (interval_ns == 0)
        pump(c);
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
    struct cl *c = ud;
    uint64_t t0, now = bench_now_ns();
    (void)m;
    if (st.done == 0)
        st.t_start_ns = now;
    if (bench_read_stamp(msg->payload, (size_t)msg->payloadlen, &t0) && now >= t0)
        bench_stats_add(&st, now - t0);
    c->received++;
    st.done++;
    st.t_end_ns = now;
}


/* Opens connections while fewer than --conn-window are waiting for CONNACK. */
static void start_connects(void)
{
    while (next_connect < o.clients && opening < o.conn_window) {
        struct cl *c = &cls[next_connect++];
        c->t_connect = bench_now_ns();
        c->opening = 1;
        opening++;
        int rc = mosquitto_connect(c->m, o.host, o.port, o.keepalive);
        if (rc != MOSQ_ERR_SUCCESS) {
            fprintf(stderr, "mosq_bench: connect %s:%d: %s\n", o.host, o.port,
                    mosquitto_strerror(rc));
            c->opening = 0;
            opening--;
            c->dead = 1;
            lost += remaining(c);
        }
    }
}

/* One poll round over every live connection. */
static void loop_once(struct pollfd *pfd, int timeout_ms)
{
    int n = 0;
    for (int i = 0; i < o.clients; i++) {
        int fd = cls[i].dead ? -1 : mosquitto_socket(cls[i].m);
        pfd[i].fd = fd;
        pfd[i].events = fd < 0 ? 0 : POLLIN | (mosquitto_want_write(cls[i].m) ? POLLOUT : 0);
        pfd[i].revents = 0;
        n++;
    }
    poll(pfd, (nfds_t)n, timeout_ms);
    for (int i = 0; i < o.clients; i++) {
        struct cl *c = &cls[i];
        if (c->dead || pfd[i].fd < 0)
            continue;
        if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) {
            int rc = mosquitto_loop_read(c->m, 1);
            if (rc != MOSQ_ERR_SUCCESS) {
                if (!c->dead)
                    fprintf(stderr, "mosq_bench: client %d: %s\n", i, mosquitto_strerror(rc));
                on_disconnect(c->m, c, rc);
                continue;
            }
        }
        if (mosquitto_want_write(c->m))
            mosquitto_loop_write(c->m, 1);
    }
}

static const char *lib_version(void)
{
    static char buf[64];
    int maj, min, rev;
    mosquitto_lib_version(&maj, &min, &rev);
    snprintf(buf, sizeof buf, "libmosquitto %d.%d.%d", maj, min, rev);
    return buf;
}

int main(int argc, char **argv)
{
    bench_parse(&o, "mosq_bench", argc, argv);
    bench_raise_nofile();
    bench_catch_signals();
    interval_ns = (uint64_t)(o.interval_ms * 1e6);
    mosquitto_lib_init();

    size_t cap = o.mode == BENCH_CONN ? (size_t)o.clients : (size_t)(o.messages * o.clients);
    cls = calloc((size_t)o.clients, sizeof *cls);
    payload = calloc(1, o.size ? o.size : 1);
    struct pollfd *pfd = calloc((size_t)o.clients, sizeof *pfd);
    if (!cls || !payload || !pfd || bench_stats_init(&st, cap) != 0) {
        fprintf(stderr, "mosq_bench: out of memory\n");
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
        c->idx = i;
        snprintf(id, sizeof id, "%s%d", o.prefix, i);
        bench_topic(c->topic, sizeof c->topic, o.topic, i);
        if (o.mode == BENCH_PUB && bench_pending_init(&c->pend, o.window) != 0) {
            fprintf(stderr, "mosq_bench: out of memory\n");
            return 1;
        }
        c->m = mosquitto_new(id, true, c);
        if (!c->m) {
            fprintf(stderr, "mosq_bench: mosquitto_new failed\n");
            return 1;
        }
        mosquitto_int_option(c->m, MOSQ_OPT_PROTOCOL_VERSION,
                             o.version == 5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
        mosquitto_int_option(c->m, MOSQ_OPT_TCP_NODELAY, 1);
        mosquitto_int_option(c->m, MOSQ_OPT_SEND_MAXIMUM, o.window);
        mosquitto_max_inflight_messages_set(c->m, (unsigned)o.window);
        if (o.version == 5)
            mosquitto_int_option(c->m, MOSQ_OPT_RECEIVE_MAXIMUM, o.window);
        mosquitto_connect_callback_set(c->m, on_connect);
        mosquitto_disconnect_callback_set(c->m, on_disconnect);
        mosquitto_publish_callback_set(c->m, on_publish);
        mosquitto_message_callback_set(c->m, on_message);
        mosquitto_subscribe_callback_set(c->m, on_subscribe);
    }

    uint64_t deadline = t0 + (uint64_t)o.timeout_s * 1000000000u;
    uint64_t last_misc = 0;
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
        uint64_t now = bench_now_ns();
        if (now - last_misc > 1000000000u) {
            for (int i = 0; i < o.clients; i++)
                if (!cls[i].dead)
                    mosquitto_loop_misc(cls[i].m);
            last_misc = now;
        }
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
    if (unknown_acks)
        fprintf(stderr, "mosq_bench: %ld publish callbacks for unknown mids\n", unknown_acks);
    bench_progress(&o, &st, 0, 1);
    bench_report(&o, &st, "mosquitto", lib_version());
    for (int i = 0; i < o.clients; i++) {
        if (!cls[i].dead)
            mosquitto_disconnect(cls[i].m);
        mosquitto_destroy(cls[i].m);
        bench_pending_free(&cls[i].pend);
    }
    mosquitto_lib_cleanup();
    return st.errors ? 1 : 0;
}
