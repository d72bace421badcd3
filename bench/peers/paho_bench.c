/*
 * Paho C (MQTTAsync) peer of `mqc bench`: the same workloads, flags and
 * output. Paho runs its own send and receive threads; our callbacks run on
 * them, so the shared counters sit behind one mutex. With no pacing the
 * next publish is issued straight from the ack callback (Paho's fastest
 * pattern); with -I/--rate the main thread paces. The loop and the
 * bookkeeping are bench_lib.c's, run with the adapter's lock around them.
 */
#include "bench_lib.h"

#include <MQTTAsync.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct bench_run R;
static MQTTAsync *hs;        /* per client index */
static MQTTProperties props;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static _Thread_local uint8_t *tls_payload;

/* Context of a publish: client index and sequence number in one pointer. */
static void *ctx_of(int idx, uint32_t seq)
{
    return (void *)(uintptr_t)(((uint64_t)(uint32_t)idx << 32) | seq);
}

static struct bench_client *ctx_client(void *ctx, uint32_t *seq)
{
    uint64_t v = (uint64_t)(uintptr_t)ctx;
    *seq = (uint32_t)v;
    return &R.cl[v >> 32];
}

static void on_sent(void *ctx, MQTTAsync_successData *r);
static void on_sent5(void *ctx, MQTTAsync_successData5 *r);
static void on_send_failed(void *ctx, MQTTAsync_failureData *r);
static void on_send_failed5(void *ctx, MQTTAsync_failureData5 *r);

/* Runs on the main thread and on Paho's (from the ack callback): each
 * thread stamps its own copy of the payload. */
static void pump(int i)
{
    struct bench_client *c = &R.cl[i];
    uint64_t now;
    uint32_t seq;
    if (!tls_payload) {
        tls_payload = calloc(1, R.o.size ? R.o.size : 1);
        for (size_t k = 0; tls_payload && k < R.o.size; k++)
            tls_payload[k] = (uint8_t)('a' + k % 26);
        if (!tls_payload)
            return;
    }
    while (bench_claim(&R, c, &now, &seq)) {
        MQTTAsync_message msg = MQTTAsync_message_initializer;
        MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
        bench_stamp(tls_payload, R.o.size, now);
        msg.payload = tls_payload;
        msg.payloadlen = (int)R.o.size;
        msg.qos = R.o.qos;
        ro.context = ctx_of(i, seq);
        if (R.o.version == 5) {
            ro.onSuccess5 = on_sent5;
            ro.onFailure5 = on_send_failed5;
        } else {
            ro.onSuccess = on_sent;
            ro.onFailure = on_send_failed;
        }
        if (MQTTAsync_sendMessage(hs[i], c->topic, &msg, &ro) != MQTTASYNC_SUCCESS) {
            bench_settle(&R, c, seq, 0, now);
            return;
        }
    }
}

static void sent(void *ctx)
{
    uint32_t seq;
    uint64_t now = bench_now_ns();
    struct bench_client *c = ctx_client(ctx, &seq);
    bench_settle(&R, c, seq, 1, now);
    if (R.interval_ns == 0)
        pump(c->idx);
}

static void send_failed(void *ctx)
{
    uint32_t seq;
    struct bench_client *c = ctx_client(ctx, &seq);
    bench_settle(&R, c, seq, 0, 0);
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

static void on_suback(void *ctx, MQTTAsync_successData *r) { bench_subscribed(&R, ctx, r && r->alt.qos <= 2); }
static void on_suback5(void *ctx, MQTTAsync_successData5 *r) { bench_subscribed(&R, ctx, r && r->reasonCode < 0x80); }
static void on_subfail(void *ctx, MQTTAsync_failureData *r) { (void)r; bench_subscribed(&R, ctx, 0); }
static void on_subfail5(void *ctx, MQTTAsync_failureData5 *r) { (void)r; bench_subscribed(&R, ctx, 0); }

static void connected(struct bench_client *c)
{
    bench_connected(&R, c);
    if (R.o.mode == BENCH_SUB) {
        MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
        ro.context = c;
        if (R.o.version == 5) {
            ro.onSuccess5 = on_suback5;
            ro.onFailure5 = on_subfail5;
        } else {
            ro.onSuccess = on_suback;
            ro.onFailure = on_subfail;
        }
        if (MQTTAsync_subscribe(hs[c->idx], c->topic, R.o.qos, &ro) != MQTTASYNC_SUCCESS)
            bench_subscribed(&R, c, 0);
    }
}

static void connect_failed(struct bench_client *c, int code)
{
    fprintf(stderr, "paho_bench: client %d: connect failed (%d)\n", c->idx, code);
    bench_client_dead(&R, c);
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
    struct bench_client *c = ctx;
    fprintf(stderr, "paho_bench: client %d lost: %s\n", c->idx, cause ? cause : "?");
    bench_client_dead(&R, c);
}

static int on_message(void *ctx, char *topic, int topic_len, MQTTAsync_message *m)
{
    (void)topic_len;
    bench_received(&R, ctx, m->payload, (size_t)m->payloadlen, bench_now_ns());
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

/* Creating the handle happens before the connect clock starts. */
static void create(int i)
{
    char id[128], uri[300];
    MQTTAsync_createOptions co = MQTTAsync_createOptions_initializer;
    snprintf(id, sizeof id, "%s%d", R.o.prefix, i);
    snprintf(uri, sizeof uri, "tcp://%s:%d", R.o.host, R.o.port);
    co.MQTTVersion = R.o.version == 5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1;
    co.sendWhileDisconnected = 0;
    /* --store: Paho's file persistence, in this client's own directory
     * (Paho adds a subdirectory per client id and server). */
    static char dir[4096];
    int pers = MQTTCLIENT_PERSISTENCE_NONE;
    if (R.o.store_dir) {
        if (bench_store_client_dir(&R, i, dir, sizeof dir) != 0)
            exit(1);
        pers = MQTTCLIENT_PERSISTENCE_DEFAULT;
    }
    if (MQTTAsync_createWithOptions(&hs[i], uri, id, pers, R.o.store_dir ? dir : NULL, &co) !=
        MQTTASYNC_SUCCESS) {
        fprintf(stderr, "paho_bench: create failed\n");
        exit(1);
    }
    MQTTAsync_setCallbacks(hs[i], &R.cl[i], on_lost, on_message, NULL);
}

static int start_connect(int i)
{
    MQTTAsync_connectOptions v3 = MQTTAsync_connectOptions_initializer;
    MQTTAsync_connectOptions v5 = MQTTAsync_connectOptions_initializer5;
    MQTTAsync_connectOptions *cop = R.o.version == 5 ? &v5 : &v3;
    cop->keepAliveInterval = R.o.keepalive;
    cop->maxInflight = R.o.window;
    cop->automaticReconnect = 0;
    cop->connectTimeout = 30;
    cop->context = &R.cl[i];
    /* With persistence a persistent session, as mqc's file store has. */
    if (R.o.version == 5) {
        cop->cleanstart = !R.o.store_dir;
        cop->connectProperties = &props;
        cop->onSuccess5 = on_conn5;
        cop->onFailure5 = on_connfail5;
    } else {
        cop->cleansession = !R.o.store_dir;
        cop->onSuccess = on_conn;
        cop->onFailure = on_connfail;
    }
    int rc = MQTTAsync_connect(hs[i], cop);
    if (rc != MQTTASYNC_SUCCESS)
        fprintf(stderr, "paho_bench: client %d: connect failed (%d)\n", i, rc);
    return rc != MQTTASYNC_SUCCESS;
}

/* Paho's threads do the I/O: the main thread only waits for news (or the
 * pacing deadline), with mu held as the loop expects. */
static void wait_ms(int ms)
{
    struct timespec ts;
    if (ms <= 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&cv, &mu, &ts);
}

static void lock(void) { pthread_mutex_lock(&mu); }
static void unlock(void) { pthread_mutex_unlock(&mu); }
static void wake(void) { pthread_cond_signal(&cv); }

int main(int argc, char **argv)
{
    static const struct bench_adapter ad = {
        .name = "paho_bench",
        .prepare = create,
        .start_connect = start_connect,
        .pump = pump,
        .poll = wait_ms,
        .lock = lock,
        .unlock = unlock,
        .wake = wake,
    };
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &ca);
    if (bench_run_init(&R, &ad, "paho_bench", argc, argv) != 0)
        return 1;
    const struct bench_opts *o = &R.o;
    if (o->cafile) {
        fprintf(stderr, "paho_bench: --cafile (TLS) is not supported by this driver\n");
        return 2;
    }
    hs = bench_per_client(&R, sizeof *hs);
    if (!hs)
        return 1;
    /* 5.0: our Receive Maximum is the window, as for the other drivers. */
    props = (MQTTProperties)MQTTProperties_initializer;
    if (o->version == 5) {
        MQTTProperty p;
        memset(&p, 0, sizeof p);
        p.identifier = MQTTPROPERTY_CODE_RECEIVE_MAXIMUM;
        p.value.integer2 = (unsigned short)o->window;
        MQTTProperties_add(&props, &p);
    }
    if (o->sync) {
        fprintf(stderr, "paho_bench: --sync: Paho's file persistence has no sync policy\n");
        return 2;
    }
    if (bench_store_begin(&R, "paho") != 0 || bench_run_start(&R) != 0)
        return 1;

    int status = bench_run_main(&R, "paho", lib_version());
    for (int i = 0; i < o->clients; i++) {
        MQTTAsync_disconnectOptions d = MQTTAsync_disconnectOptions_initializer;
        d.timeout = 0;
        lock();
        int up = R.cl[i].connected && !R.cl[i].dead;
        unlock();
        if (hs[i] && up)
            MQTTAsync_disconnect(hs[i], &d);
    }
    for (int i = 0; i < o->clients; i++)
        if (hs[i])
            MQTTAsync_destroy(&hs[i]);
    bench_store_end(&R);
    MQTTProperties_free(&props);
    free(hs);
    bench_run_free(&R);
    return status;
}
