/*
 * libmosquitto peer of `mqc bench`: the same workloads, flags and output.
 * One thread drives every connection with poll(2) over mosquitto_socket(),
 * mosquitto_loop_read/_write/_misc: the library's external-loop mode, the
 * closest match to mqc's single event loop. The loop and the bookkeeping
 * are bench_lib.c's; this file holds only the libmosquitto calls.
 */
#include "bench_lib.h"

#include <mosquitto.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct mq {
    struct mosquitto *m;
    int pumping;             /* inside pump(): an ack callback must not recurse */
    int recon;               /* --reconnect: our cut ended the connection */
};

static struct bench_run R;
static struct mq *mqs;       /* per client index */
static struct pollfd *pfd;
static struct bench_client *publishing;  /* inside mosquitto_publish() for this client */
static int publishing_acked;
static long unknown_acks;   /* on_publish for a mid not in flight */

static void pump(int i)
{
    struct bench_client *c = &R.cl[i];
    if (mqs[i].pumping)
        return;
    mqs[i].pumping = 1;
    for (;;) {
        uint64_t now = bench_now_ns();
        int mid = 0;
        if (!bench_may_send(&R, c, now))
            break;
        bench_stamp(R.payload, R.o.size, now);
        /* Outside a callback libmosquitto writes at once and, for QoS 0,
         * reports the publish before mosquitto_publish() returns the mid. */
        publishing = c;
        publishing_acked = 0;
        int rc = mosquitto_publish(mqs[i].m, &mid, c->topic, (int)R.o.size, R.payload,
                                   R.o.qos, false);
        publishing = NULL;
        c->sent++;
        if (rc != MOSQ_ERR_SUCCESS) {
            R.lost++;
            continue;
        }
        c->inflight++;
        if (publishing_acked)
            bench_acked(&R, c, now);
        else
            bench_pending_put(&c->pend, (uint32_t)mid, now);
        c->next_ns = (c->next_ns ? c->next_ns : now) + R.interval_ns;
    }
    mqs[i].pumping = 0;
}

static void on_connect(struct mosquitto *m, void *ud, int rc)
{
    struct bench_client *c = ud;
    if (rc != 0) {
        fprintf(stderr, "mosq_bench: connection refused: %s\n", mosquitto_connack_string(rc));
        bench_client_dead(&R, c);
        return;
    }
    int first = !c->cut;        /* --reconnect: the untimed first connection */
    bench_connected(&R, c);
    /* --reconnect subscribes too: bench_lib cuts once every client is subscribed. */
    if ((R.o.mode == BENCH_SUB || (R.o.reconnect && first)) && mosquitto_subscribe(m, NULL, c->topic, R.o.qos) != MOSQ_ERR_SUCCESS)
        bench_client_dead(&R, c);
}

/* --reconnect: the connection our cut ended (the reconnect is not up yet). */
static int cut_ended(const struct bench_client *c)
{
    return R.o.reconnect && c->cut && !c->reconnected && !c->dead;
}

static void on_disconnect(struct mosquitto *m, void *ud, int rc)
{
    struct bench_client *c = ud;
    (void)m;
    if (rc != 0 && cut_ended(c)) {
        mqs[c->idx].recon = 1;
        return;
    }
    if (!c->dead && rc != 0)
        fprintf(stderr, "mosq_bench: client %d lost: %s\n", c->idx, mosquitto_strerror(rc));
    bench_client_dead(&R, c);
}

static void on_subscribe(struct mosquitto *m, void *ud, int mid, int n, const int *granted)
{
    (void)m;
    (void)mid;
    bench_subscribed(&R, ud, n >= 1 && granted[0] <= 2);
}

static void on_publish(struct mosquitto *m, void *ud, int mid)
{
    struct bench_client *c = ud;
    (void)m;
    if (!bench_settle(&R, c, (uint32_t)mid, 1, bench_now_ns())) {
        /* Writing the new message may flush older ones first: only a mid
         * we do not hold yet is the one being published. */
        if (c == publishing)
            publishing_acked = 1;   /* pump() finishes the bookkeeping */
        else
            unknown_acks++;
        return;
    }
    if (R.interval_ns == 0)
        pump(c->idx);
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
    (void)m;
    bench_received(&R, ud, msg->payload, (size_t)msg->payloadlen, bench_now_ns());
}

static int start_connect(int i)
{
    int rc = mosquitto_connect(mqs[i].m, R.o.host, R.o.port, R.o.keepalive);
    if (rc != MOSQ_ERR_SUCCESS)
        fprintf(stderr, "mosq_bench: connect %s:%d: %s\n", R.o.host, R.o.port,
                mosquitto_strerror(rc));
    return rc;
}

/* One poll round over every live connection. */
static void loop_once(int timeout_ms)
{
    for (int i = 0; i < R.o.clients; i++) {
        int fd = R.cl[i].dead ? -1 : mosquitto_socket(mqs[i].m);
        pfd[i].fd = fd;
        pfd[i].events = fd < 0 ? 0 : POLLIN | (mosquitto_want_write(mqs[i].m) ? POLLOUT : 0);
        pfd[i].revents = 0;
    }
    poll(pfd, (nfds_t)R.o.clients, timeout_ms);
    for (int i = 0; i < R.o.clients; i++) {
        struct bench_client *c = &R.cl[i];
        struct mosquitto *m = mqs[i].m;
        if (c->dead || pfd[i].fd < 0)
            continue;
        if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) {
            int rc = mosquitto_loop_read(m, 1);
            if (rc != MOSQ_ERR_SUCCESS && cut_ended(c)) {
                mqs[i].recon = 1;
            } else if (rc != MOSQ_ERR_SUCCESS) {
                if (!c->dead)
                    fprintf(stderr, "mosq_bench: client %d: %s\n", i, mosquitto_strerror(rc));
                on_disconnect(m, c, rc);
                continue;
            }
        }
        if (!mqs[i].recon && mosquitto_want_write(m))
            mosquitto_loop_write(m, 1);
        if (mqs[i].recon) {
            /* Reconnect at once. libmosquitto 2.0 makes a new SSL object
             * and sets no saved session: the handshake is a full one. */
            mqs[i].recon = 0;
            int rc = mosquitto_reconnect(m);
            if (rc != MOSQ_ERR_SUCCESS) {
                fprintf(stderr, "mosq_bench: client %d: reconnect: %s\n", i,
                        mosquitto_strerror(rc));
                bench_client_dead(&R, c);
            }
        }
    }
}

/* --reconnect: what a network cut does to the socket. */
static int cut(int i)
{
    int fd = mosquitto_socket(mqs[i].m);
    return fd < 0 ? -1 : shutdown(fd, SHUT_RDWR);
}

/* Keep-alive and retries: libmosquitto wants this about once a second. */
static void misc(uint64_t now)
{
    static uint64_t last_misc;
    if (now - last_misc <= 1000000000u)
        return;
    for (int i = 0; i < R.o.clients; i++)
        if (!R.cl[i].dead)
            mosquitto_loop_misc(mqs[i].m);
    last_misc = now;
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
    static const struct bench_adapter ad = {
        .name = "mosq_bench",
        .start_connect = start_connect,
        .pump = pump,
        .poll = loop_once,
        .misc = misc,
        .cut = cut,
    };
    /* Before the driver's arrays, as always: where they land in the heap
     * shows in the memory per connection. */
    mosquitto_lib_init();
    if (bench_run_init(&R, &ad, "mosq_bench", argc, argv) != 0)
        return 1;
    const struct bench_opts *o = &R.o;
    mqs = bench_per_client(&R, sizeof *mqs);
    pfd = bench_per_client(&R, sizeof *pfd);
    if (!mqs || !pfd)
        return 1;
    if (R.o.store_dir) {
        /* libmosquitto keeps outbound messages in memory only. */
        fprintf(stderr, "mosq_bench: --store: libmosquitto has no persistence\n");
        return 2;
    }
    if (bench_run_start(&R) != 0)
        return 1;
    for (int i = 0; i < o->clients; i++) {
        char id[128];
        struct mosquitto *m;
        snprintf(id, sizeof id, "%s%d", o->prefix, i);
        m = mqs[i].m = mosquitto_new(id, true, &R.cl[i]);
        if (!m) {
            fprintf(stderr, "mosq_bench: mosquitto_new failed\n");
            return 1;
        }
        mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION,
                             o->version == 5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
        mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
        mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, o->window);
        mosquitto_max_inflight_messages_set(m, (unsigned)o->window);
        if (o->version == 5)
            mosquitto_int_option(m, MOSQ_OPT_RECEIVE_MAXIMUM, o->window);
        if (o->cafile && (mosquitto_tls_set(m, o->cafile, NULL, NULL, NULL, NULL) != 0 ||
                          mosquitto_tls_insecure_set(m, o->insecure ? true : false) != 0)) {
            fprintf(stderr, "mosq_bench: cannot use --cafile %s\n", o->cafile);
            return 1;
        }
        mosquitto_connect_callback_set(m, on_connect);
        mosquitto_disconnect_callback_set(m, on_disconnect);
        mosquitto_publish_callback_set(m, on_publish);
        mosquitto_message_callback_set(m, on_message);
        mosquitto_subscribe_callback_set(m, on_subscribe);
    }

    int status = bench_run_main(&R, "mosquitto", lib_version());
    if (unknown_acks)
        fprintf(stderr, "mosq_bench: %ld publish callbacks for unknown mids\n", unknown_acks);
    for (int i = 0; i < o->clients; i++) {
        if (!R.cl[i].dead)
            mosquitto_disconnect(mqs[i].m);
        mosquitto_destroy(mqs[i].m);
    }
    free(pfd);
    free(mqs);
    bench_run_free(&R);
    mosquitto_lib_cleanup();
    return status;
}
