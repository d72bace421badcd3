/*
 * Paho C (MQTTAsync) peer of `mqc bench`: the same workloads, flags and
 * output. Paho runs its own send and receive threads; our callbacks run on
 * them, so the shared counters sit behind one mutex. With no pacing the
 * next publish is issued straight from the ack callback (Paho's fastest
 * pattern); with -I/--rate the main thread paces.
 */
#include "bench_lib.h"

#include <MQTTAsync.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cl {
    MQTTAsync h;
    int idx;
    char topic[256];
    int connected, subscribed, dead, opening;
    long sent, acked, received;
    int inflight;
    uint32_t seq;
    uint64_t next_ns;
    uint64_t t_connect;
    struct bench_pending pend;
};

static struct bench_opts o;
static struct bench_stats st;
static struct cl *cls;
static int n_connected, n_subscribed;
static long lost;
static int next_connect, opening;   /* connections started / not yet answered */
static uint64_t interval_ns;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static _Thread_local uint8_t *tls_payload;

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

/* Context of a publish: client index and sequence number in one pointer. */
static void *ctx_of(int idx, uint32_t seq)
{
    return (void *)(uintptr_t)(((uint64_t)(uint32_t)idx << 32) | seq);
}

static struct cl *ctx_client(void *ctx, uint32_t *seq)
{
    uint64_t v = (uint64_t)(uintptr_t)ctx;
    *seq = (uint32_t)v;
    return &cls[v >> 32];
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
        pthread_cond_signal(&cv);
    }
}

static void on_sent(void *ctx, MQTTAsync_successData *r);
static void on_sent5(void *ctx, MQTTAsync_successData5 *r);
static void on_send_failed(void *ctx, MQTTAsync_failureData *r);
static void on_send_failed5(void *ctx, MQTTAsync_failureData5 *r);

static void pump(struct cl *c)
{
    if (!tls_payload) {
        tls_payload = calloc(1, o.size ? o.size : 1);
        for (size_t i = 0; tls_payload && i < o.size; i++)
            tls_payload[i] = (uint8_t)('a' + i % 26);
        if (!tls_payload)
            return;
    }
    for (;;) {
        uint64_t now = bench_now_ns();
        pthread_mutex_lock(&mu);
        if (!c->connected || c->dead || c->sent >= o.messages || c->inflight >= o.window ||
            (interval_ns && now < c->next_ns)) {
            pthread_mutex_unlock(&mu);
            return;
        }
        uint32_t seq = c->seq++;
        c->sent++;
        c->inflight++;
        c->next_ns = (c->next_ns ? c->next_ns : now) + interval_ns;
        bench_pending_put(&c->pend, seq, now);
        pthread_mutex_unlock(&mu);

        MQTTAsync_message msg = MQTTAsync_message_initializer;
        MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
        bench_stamp(tls_payload, o.size, now);
        msg.payload = tls_payload;
        msg.payloadlen = (int)o.size;
        msg.qos = o.qos;
        ro.context = ctx_of(c->idx, seq);
        if (o.version == 5) {
            ro.onSuccess5 = on_sent5;
            ro.onFailure5 = on_send_failed5;
        } else {
            ro.onSuccess = on_sent;
            ro.onFailure = on_send_failed;
        }
        int rc = MQTTAsync_sendMessage(c->h, c->topic, &msg, &ro);
        if (rc != MQTTASYNC_SUCCESS) {
            uint64_t t0;
            pthread_mutex_lock(&mu);
            if (bench_pending_take(&c->pend, seq, &t0)) {
                c->inflight--;
                lost++;
            }
            pthread_cond_signal(&cv);
            pthread_mutex_unlock(&mu);
            return;
        }
    }
}

static void sent(void *ctx)
{
    uint32_t seq;
    uint64_t t0, now = bench_now_ns();
    struct cl *c = ctx_client(ctx, &seq);
    pthread_mutex_lock(&mu);
    if (bench_pending_take(&c->pend, seq, &t0)) {
        bench_stats_add(&st, now - t0);
        c->acked++;
        c->inflight--;
        st.done++;
        st.t_end_ns = now;
        if (st.done + lost >= target())
            pthread_cond_signal(&cv);
    }
    pthread_mutex_unlock(&mu);
    if (interval_ns == 0)
        pump(c);
}

static void send_failed(void *ctx)
{
    uint32_t seq;
    uint64_t t0;
    struct cl *c = ctx_client(ctx, &seq);
    pthread_mutex_lock(&mu);
    if (bench_pending_take(&c->pend, seq, &t0)) {
        c->inflight--;
        lost++;
        pthread_cond_signal(&cv);
    }
    pthread_mutex_unlock(&mu);
}

static void on_sent(void *ctx, MQTTAsync_successData *r) { (void)r; sent(ctx); }
static void on_sent5(void *ctx, MQTTAsync_successData5 *r)
{
    if (r && r->reasonCode >= 0x80)
        send_failed(ctx);
    else
        sent(ctx);
}
static void on_send_failed(void *ctx, MQTTAsync_failureData *r) { (void)r; send_failed(ctx); }
static void on_send_failed5(void *ctx, MQTTAsync_failureData5 *r) { (void)r; send_failed(ctx); }

static void subscribed(struct cl *c, int ok)
{
    pthread_mutex_lock(&mu);
    if (ok) {
        c->subscribed = 1;
        n_subscribed++;
    } else {
        fprintf(stderr, "paho_bench: subscription refused\n");
        kill_client(c);
    }
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

static void on_suback(void *ctx, MQTTAsync_successData *r) { subscribed(ctx, r && r->alt.qos <= 2); }
static void on_suback5(void *ctx, MQTTAsync_successData5 *r) { subscribed(ctx, r && r->reasonCode < 0x80); }
static void on_subfail(void *ctx, MQTTAsync_failureData *r) { (void)r; subscribed(ctx, 0); }
static void on_subfail5(void *ctx, MQTTAsync_failureData5 *r) { (void)r; subscribed(ctx, 0); }

static void connected(struct cl *c)
{
    uint64_t now = bench_now_ns();
    pthread_mutex_lock(&mu);
    opened(c);
    c->connected = 1;
    n_connected++;
    if (o.mode == BENCH_CONN) {
        bench_stats_add(&st, now - c->t_connect);
        st.done++;
        if (st.done == o.clients)
            st.t_end_ns = now;
    }
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    if (o.mode == BENCH_SUB) {
        MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
        ro.context = c;
        if (o.version == 5) {
            ro.onSuccess5 = on_suback5;
            ro.onFailure5 = on_subfail5;
        } else {
            ro.onSuccess = on_suback;
            ro.onFailure = on_subfail;
        }
        if (MQTTAsync_subscribe(c->h, c->topic, o.qos, &ro) != MQTTASYNC_SUCCESS)
            subscribed(c, 0);
    }
}

static void connect_failed(struct cl *c, int code)
{
    fprintf(stderr, "paho_bench: client %d: connect failed (%d)\n", c->idx, code);
    pthread_mutex_lock(&mu);
    kill_client(c);
    pthread_mutex_unlock(&mu);
}

static void on_conn(void *ctx, MQTTAsync_successData *r) { (void)r; connected(ctx); }
static void on_conn5(void *ctx, MQTTAsync_successData5 *r) { (void)r; connected(ctx); }
static void on_connfail(void *ctx, MQTTAsync_failureData *r) { connect_failed(ctx, r ? r->code : -1); }
static void on_connfail5(void *ctx, MQTTAsync_failureData5 *r)
{
    connect_failed(ctx, r ? (int)r->reasonCode : -1);
}

static void on_lost(void *ctx, char *cause)
{
    struct cl *c = ctx;
    fprintf(stderr, "paho_bench: client %d lost: %s\n", c->idx, cause ? cause : "?");
    pthread_mutex_lock(&mu);
    kill_client(c);
    c->connected = 0;
    pthread_mutex_unlock(&mu);
}

static int on_message(void *ctx, char *topic, int topic_len, MQTTAsync_message *m)
{
    struct cl *c = ctx;
    uint64_t t0, now = bench_now_ns();
    int have = bench_read_stamp(m->payload, (size_t)m->payloadlen, &t0);
    (void)topic_len;
    pthread_mutex_lock(&mu);
    if (st.done == 0)
        st.t_start_ns = now;
    if (have && now >= t0)
        bench_stats_add(&st, now - t0);
    c->received++;
    st.done++;
    st.t_end_ns = now;
    if (st.done + lost >= target())
        pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    MQTTAsync_freeMessage(&m);
    MQTTAsync_free(topic);
    return 1;
}

static const char *lib_version(void)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "paho-mqtt-c");
    for (MQTTAsync_nameValue *nv = MQTTAsync_getVersionInfo(); nv && nv->name; nv++) {
        if (strcmp(nv->name, "Version") == 0) {
            snprintf(buf, sizeof buf, "paho-mqtt-c %s", nv->value);
            break;
        }
    }
    return buf;
}

static void start_client(struct cl *c, MQTTProperties *props)
{
    char id[128], uri[300];
    MQTTAsync_createOptions co = MQTTAsync_createOptions_initializer;
    snprintf(id, sizeof id, "%s%d", o.prefix, c->idx);
    snprintf(uri, sizeof uri, "tcp://%s:%d", o.host, o.port);
    co.MQTTVersion = o.version == 5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1;
    co.sendWhileDisconnected = 0;
    if (MQTTAsync_createWithOptions(&c->h, uri, id, MQTTCLIENT_PERSISTENCE_NONE, NULL, &co) !=
        MQTTASYNC_SUCCESS) {
        fprintf(stderr, "paho_bench: create failed\n");
        exit(1);
    }
    MQTTAsync_setCallbacks(c->h, c, on_lost, on_message, NULL);

    MQTTAsync_connectOptions v3 = MQTTAsync_connectOptions_initializer;
    MQTTAsync_connectOptions v5 = MQTTAsync_connectOptions_initializer5;
    MQTTAsync_connectOptions *cop = o.version == 5 ? &v5 : &v3;
    cop->keepAliveInterval = o.keepalive;
    cop->maxInflight = o.window;
    cop->automaticReconnect = 0;
    cop->connectTimeout = 30;
    cop->context = c;
    if (o.version == 5) {
        cop->cleanstart = 1;
        cop->connectProperties = props;
        cop->onSuccess5 = on_conn5;
        cop->onFailure5 = on_connfail5;
    } else {
        cop->cleansession = 1;
        cop->onSuccess = on_conn;
        cop->onFailure = on_connfail;
    }
    pthread_mutex_lock(&mu);
    c->t_connect = bench_now_ns();
    c->opening = 1;
    opening++;
    pthread_mutex_unlock(&mu);
    int rc = MQTTAsync_connect(c->h, cop);
    if (rc != MQTTASYNC_SUCCESS)
        connect_failed(c, rc);
}

/* Opens connections while fewer than --conn-window are waiting for CONNACK.
 * Called and returns with mu held. */
static void start_connects(MQTTProperties *props)
{
    while (next_connect < o.clients && opening < o.conn_window) {
        struct cl *c = &cls[next_connect++];
        pthread_mutex_unlock(&mu);
        start_client(c, props);
        pthread_mutex_lock(&mu);
    }
}

static void wait_ms(int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&cv, &mu, &ts);
}

int main(int argc, char **argv)
{
    pthread_condattr_t ca;
    bench_parse(&o, "paho_bench", argc, argv);
    bench_raise_nofile();
    bench_catch_signals();
    interval_ns = (uint64_t)(o.interval_ms * 1e6);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &ca);

    size_t cap = o.mode == BENCH_CONN ? (size_t)o.clients : (size_t)(o.messages * o.clients);
    cls = calloc((size_t)o.clients, sizeof *cls);
    if (!cls || bench_stats_init(&st, cap) != 0) {
        fprintf(stderr, "paho_bench: out of memory\n");
        return 1;
    }
    /* 5.0: our Receive Maximum is the window, as for the other drivers. */
    MQTTProperties props = MQTTProperties_initializer;
    if (o.version == 5) {
        MQTTProperty p;
        memset(&p, 0, sizeof p);
        p.identifier = MQTTPROPERTY_CODE_RECEIVE_MAXIMUM;
        p.value.integer2 = (unsigned short)o.window;
        MQTTProperties_add(&props, &p);
    }

    st.rss_before_kb = bench_vm_kb("VmRSS");
    uint64_t t0 = bench_now_ns();
    if (o.mode == BENCH_CONN)
        st.t_start_ns = t0;
    for (int i = 0; i < o.clients; i++) {
        struct cl *c = &cls[i];
        c->idx = i;
        bench_topic(c->topic, sizeof c->topic, o.topic, i);
        if (o.mode == BENCH_PUB && bench_pending_init(&c->pend, o.window) != 0) {
            fprintf(stderr, "paho_bench: out of memory\n");
            return 1;
        }
    }

    uint64_t deadline = t0 + (uint64_t)o.timeout_s * 1000000000u;
    int ready = 0;
    pthread_mutex_lock(&mu);
    while (st.done + lost < target() && bench_now_ns() < deadline && !bench_stop) {
        int live = 0, wait = 100;
        for (int i = 0; i < o.clients; i++)
            live += !cls[i].dead;
        if (!live)
            break;
        start_connects(&props);
        if (next_connect < o.clients) {
            /* still opening: wait for CONNACKs */
        } else if (!ready && o.mode == BENCH_PUB && n_connected == live) {
            ready = 1;
            st.t_start_ns = bench_now_ns();
            pthread_mutex_unlock(&mu);
            for (int i = 0; i < o.clients; i++)
                pump(&cls[i]);
            pthread_mutex_lock(&mu);
        } else if (!ready && o.mode == BENCH_SUB && n_subscribed == live) {
            ready = 1;
            fprintf(stderr, "bench: ready\n");
        }
        if (ready && interval_ns && o.mode == BENCH_PUB) {
            uint64_t now = bench_now_ns(), next = UINT64_MAX;
            pthread_mutex_unlock(&mu);
            for (int i = 0; i < o.clients; i++)
                pump(&cls[i]);
            pthread_mutex_lock(&mu);
            for (int i = 0; i < o.clients; i++)
                if (!cls[i].dead && cls[i].sent < o.messages && cls[i].next_ns < next)
                    next = cls[i].next_ns;
            if (next != UINT64_MAX)
                wait = next <= now ? 0 : (int)((next - now) / 1000000u);
            if (wait > 100)
                wait = 100;
        }
        if (wait > 0)
            wait_ms(wait);
        long inflight = 0;
        for (int i = 0; o.mode == BENCH_PUB && i < o.clients; i++)
            inflight += cls[i].inflight;
        st.errors = lost;
        bench_progress(&o, &st, inflight, 0);
    }
    st.errors = target() - st.done;
    if (!st.t_end_ns)
        st.t_end_ns = bench_now_ns();
    pthread_mutex_unlock(&mu);
    if (o.mode == BENCH_CONN) {
        st.rss_after_kb = bench_vm_kb("VmRSS");
        struct timespec hold = {o.hold_ms / 1000, (o.hold_ms % 1000) * 1000000L};
        nanosleep(&hold, NULL);
    }
    pthread_mutex_lock(&mu);
    bench_progress(&o, &st, 0, 1);
    bench_report(&o, &st, "paho", lib_version());
    long errors = st.errors;
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < o.clients; i++) {
        MQTTAsync_disconnectOptions d = MQTTAsync_disconnectOptions_initializer;
        d.timeout = 0;
        if (cls[i].connected && !cls[i].dead)
            MQTTAsync_disconnect(cls[i].h, &d);
    }
    for (int i = 0; i < o.clients; i++) {
        MQTTAsync_destroy(&cls[i].h);
        bench_pending_free(&cls[i].pend);
    }
    MQTTProperties_free(&props);
    return errors ? 1 : 0;
}
