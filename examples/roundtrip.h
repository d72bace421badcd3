/*
 * roundtrip.h: what the adapter examples (uv.c, ev.c, poll.c) share, so
 * each of them shows only its loop. One client subscribes to TOPIC at
 * QoS 2 and publishes COUNT numbered QoS 2 messages to it ("0".."COUNT-1");
 * each of its own messages that comes back is printed on stdout, one
 * number a line. The run ends when every number came back and every
 * publish completed (exit 0), or after LIMIT seconds (exit 1); a number
 * seen twice also fails it.
 *
 * Publishing happens from the application's own periodic timer
 * (roundtrip_tick), outside the client's callbacks: that is the case an
 * adapter must notice by itself (the client now wants to write).
 *
 * Usage: PROG HOST PORT TOPIC COUNT [LIMIT_SECONDS]
 */
#ifndef MQC_EXAMPLE_ROUNDTRIP_H
#define MQC_EXAMPLE_ROUNDTRIP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mqc.h"

#define ROUNDTRIP_TICK_MS 5        /* the application timer's period */
#define ROUNDTRIP_BATCH 50         /* messages offered per tick at most */

typedef struct roundtrip {
    const char *prog;
    const char *host;
    const char *topic;
    unsigned port;
    long count;
    long limit_s;
    char client_id[64];
    mqc_client *client;
    int subscribed;
    long next;                 /* the next number to publish */
    long acked;                /* publishes completed with MQC_OUTCOME_ACKED */
    long failed;               /* publishes that ended any other way */
    long distinct;             /* numbers received at least once */
    long dups;                 /* receptions of a number already seen */
    long strays;               /* payloads that are not one of our numbers */
    long losses;               /* connections lost (the reconnects the run went through) */
    unsigned char *seen;
    int finishing;
    int timed_out;
} roundtrip;

static int roundtrip_usage(const char *prog)
{
    fprintf(stderr, "usage: %s HOST PORT TOPIC COUNT [LIMIT_SECONDS]\n", prog);
    return 1;
}

static int roundtrip_number(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void roundtrip_finish(roundtrip *rt)
{
    if (rt->finishing)
        return;
    rt->finishing = 1;
    mqc_client_disconnect(rt->client, 5000);
}

static void roundtrip_check_done(roundtrip *rt)
{
    if (rt->distinct == rt->count && rt->acked + rt->failed == rt->count)
        roundtrip_finish(rt);
}

static void rt_on_connected(mqc_client *c, const mqc_connack_info *info, void *user)
{
    (void)c;
    (void)user;
    fprintf(stderr, "connected, session present %u\n", (unsigned)info->session_present);
}

static void rt_on_lost(mqc_client *c, int err, int will_retry, void *user)
{
    roundtrip *rt = (roundtrip *)user;
    (void)c;
    rt->losses++;
    fprintf(stderr, "connection lost: %s%s\n", mqc_strerror(err),
            will_retry ? " (reconnecting)" : "");
}

static void rt_on_suback(mqc_client *c, uint16_t id, uint64_t token, const uint8_t *codes,
                         size_t n, void *user)
{
    roundtrip *rt = (roundtrip *)user;
    (void)c;
    (void)id;
    if (token == MQC_TOKEN_RENEWAL)
        return;
    if (n != 1 || codes[0] != 2) {
        fprintf(stderr, "subscription refused or not QoS 2 (code 0x%02x)\n",
                n ? (unsigned)codes[0] : 0u);
        rt->failed = rt->count; /* nothing can come back: give up */
        roundtrip_finish(rt);
        return;
    }
    rt->subscribed = 1;
}

static int rt_on_message(mqc_client *c, const mqc_publish *msg, void *user)
{
    roundtrip *rt = (roundtrip *)user;
    char buf[24];
    long v;
    (void)c;
    if (msg->payload.len == 0 || msg->payload.len >= sizeof(buf)) {
        rt->strays++;
        return 0;
    }
    memcpy(buf, msg->payload.ptr, msg->payload.len);
    buf[msg->payload.len] = 0;
    if (roundtrip_number(buf, 0, rt->count - 1, &v) < 0) {
        rt->strays++;
        return 0;
    }
    printf("%ld\n", v);
    if (rt->seen[v]) {
        rt->dups++;
    } else {
        rt->seen[v] = 1;
        rt->distinct++;
    }
    roundtrip_check_done(rt);
    return 0;
}

static void rt_on_done(mqc_client *c, const mqc_publish_result *r, void *user)
{
    roundtrip *rt = (roundtrip *)user;
    (void)c;
    if (r->outcome == MQC_OUTCOME_ACKED)
        rt->acked++;
    else
        rt->failed++;
    roundtrip_check_done(rt);
}

static void rt_on_log(mqc_client *c, const char *msg, void *user)
{
    (void)c;
    (void)user;
    fprintf(stderr, "  mqc: %s\n", msg);
}

static void rt_on_stopped(mqc_client *c, int err, void *user)
{
    (void)c;
    (void)user;
    if (err)
        fprintf(stderr, "stopped: %s\n", mqc_strerror(err));
}

/* Parses the arguments and creates and starts the client. 0, or the exit status. */
static int roundtrip_start(roundtrip *rt, int argc, char **argv)
{
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_subscription sub;
    long port;
    int rv;

    memset(rt, 0, sizeof(*rt));
    rt->prog = argv[0];
    rt->limit_s = 60;
    if (argc < 5 || argc > 6 || roundtrip_number(argv[2], 1, 65535, &port) < 0 ||
        roundtrip_number(argv[4], 1, 10000000, &rt->count) < 0 ||
        (argc == 6 && roundtrip_number(argv[5], 1, 86400, &rt->limit_s) < 0) || !*argv[3])
        return roundtrip_usage(argv[0]);
    rt->host = argv[1];
    rt->port = (unsigned)port;
    rt->topic = argv[3];
    rt->seen = (unsigned char *)calloc((size_t)rt->count, 1);
    if (!rt->seen)
        return 1;
    /* A persistent session: what the broker holds for us survives the resets. */
    snprintf(rt->client_id, sizeof(rt->client_id), "mqc-rt-%.40s", rt->topic);

    mqc_client_opts_default(&o);
    o.host = rt->host;
    o.port = (uint16_t)rt->port;
    o.session.client_id.ptr = rt->client_id;
    o.session.client_id.len = strlen(rt->client_id);
    o.session.clean = 0;
    o.session.keep_alive = 10;
    o.reconnect_min_ms = 100;
    o.reconnect_max_ms = 1000;
    o.connect_timeout_ms = 2000;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = rt_on_connected;
    cb.on_connection_lost = rt_on_lost;
    cb.on_suback = rt_on_suback;
    cb.on_message = rt_on_message;
    cb.on_publish_done = rt_on_done;
    cb.on_stopped = rt_on_stopped;
    cb.on_log = rt_on_log;
    rv = mqc_client_new(&rt->client, &o, &cb, rt);
    if (rv < 0) {
        fprintf(stderr, "%s: %s\n", rt->prog, mqc_strerror(rv));
        return 1;
    }
    memset(&sub, 0, sizeof(sub));
    sub.filter.ptr = rt->topic;
    sub.filter.len = strlen(rt->topic);
    sub.qos = 2;
    rv = mqc_client_subscribe(rt->client, &sub, 1, NULL, 1, NULL);
    if (rv == 0)
        rv = mqc_client_connect(rt->client);
    if (rv < 0) {
        fprintf(stderr, "%s: %s\n", rt->prog, mqc_strerror(rv));
        return 1;
    }
    return 0;
}

/* The application timer: offers the next batch once subscribed. Returns 1
 * while the timer should keep running. */
static int roundtrip_tick(roundtrip *rt)
{
    char buf[24];
    int i;
    if (rt->finishing || mqc_client_get_state(rt->client) == MQC_CLIENT_STOPPED)
        return 0;
    for (i = 0; rt->subscribed && i < ROUNDTRIP_BATCH && rt->next < rt->count; i++) {
        int n = snprintf(buf, sizeof(buf), "%ld", rt->next);
        int rv = mqc_client_publish(rt->client, rt->topic, buf, (size_t)n, 2, 0, NULL,
                                    (uint64_t)rt->next);
        if (rv == MQC_ERR_QUEUE_FULL)
            break; /* the window and queue are full: the next tick tries again */
        if (rv < 0) {
            fprintf(stderr, "publish: %s\n", mqc_strerror(rv));
            rt->failed++;
        }
        rt->next++;
    }
    return 1;
}

/* The limit passed: stop now, whatever is missing. */
static void roundtrip_give_up(roundtrip *rt)
{
    rt->timed_out = 1;
    fprintf(stderr, "no complete round trip within %ld s\n", rt->limit_s);
    rt->finishing = 1;
    mqc_client_disconnect(rt->client, 0);
}

/* Prints the tally, frees the client; the exit status. */
static int roundtrip_end(roundtrip *rt)
{
    int ok = !rt->timed_out && rt->distinct == rt->count && rt->dups == 0 &&
             rt->acked == rt->count && rt->strays == 0;
    fprintf(stderr,
            "%s: published %ld, acked %ld, failed %ld; received %ld distinct of %ld, "
            "%ld duplicated, %ld stray; %ld connection(s) lost\n",
            ok ? "ok" : "FAILED", rt->next, rt->acked, rt->failed, rt->distinct, rt->count,
            rt->dups, rt->strays, rt->losses);
    fflush(stdout);
    mqc_client_del(rt->client);
    free(rt->seen);
    return ok ? 0 : 1;
}

#endif /* MQC_EXAMPLE_ROUNDTRIP_H */
