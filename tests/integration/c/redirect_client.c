/* A 5.0 client for test_fake_redirect.py: redirect_client HOST PORT FOLLOW
 * connects to HOST:PORT with follow_redirects = FOLLOW (0 or 1; "v3": an
 * mqc_client_opts of version 3, whose struct ends before brokers: the
 * garbage put there must be ignored), publishes
 * one QoS 1 message and disconnects once it is acked. Prints each log line
 * ("log: ..."), "connected to H:P" (mqc_client_broker()) on each CONNACK,
 * "reference: R" (mqc_client_server_reference()) and "stopped: E" at the
 * end. Exits 0 when the message was acked and the stop was clean, else 1. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mqc.h"

static int acked;

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    uint16_t port;
    const char *host = mqc_client_broker(c, &port);
    (void)ud;
    printf("connected to %s:%u session present %u\n", host, (unsigned)port,
           info->session_present);
}

static void on_publish_done(mqc_client *c, const mqc_publish_result *r, void *ud)
{
    (void)ud;
    printf("publish done: outcome %d\n", (int)r->outcome);
    acked = r->outcome == MQC_OUTCOME_ACKED;
    mqc_client_disconnect(c, 1000);
}

static void on_log(mqc_client *c, const char *msg, void *ud)
{
    (void)c;
    (void)ud;
    printf("log: %s\n", msg);
}

int main(int argc, char **argv)
{
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_client *c;
    const char *ref;
    int rv;

    if (argc != 4) {
        fprintf(stderr, "usage: redirect_client HOST PORT FOLLOW\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    mqc_client_opts_default(&o);
    o.session.protocol = MQC_V5;
    o.session.client_id.ptr = "redirected";
    o.session.client_id.len = strlen("redirected");
    o.host = argv[1];
    o.port = (uint16_t)atoi(argv[2]);
    if (!strcmp(argv[3], "v3")) {
        o.version = 3;
        o.brokers = (const mqc_broker *)(uintptr_t)8; /* not ours to read */
        o.nbrokers = 3;
        o.follow_redirects = 1;
    } else {
        o.follow_redirects = (uint8_t)atoi(argv[3]);
    }
    o.connect_timeout_ms = 2000;
    o.reconnect_min_ms = 50;
    o.reconnect_max_ms = 200;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_publish_done = on_publish_done;
    cb.on_log = on_log;
    rv = mqc_client_new(&c, &o, &cb, NULL);
    if (rv < 0) {
        printf("mqc_client_new: %s\n", mqc_strerror(rv));
        return 2;
    }
    mqc_client_publish(c, "t/redirect", "x", 1, 1, 0, NULL, 1);
    mqc_client_connect(c);
    rv = mqc_client_run(c);
    ref = mqc_client_server_reference(c);
    printf("reference: %s\n", ref ? ref : "(none)");
    printf("stopped: %s\n", rv ? mqc_strerror(rv) : "ok");
    mqc_client_del(c);
    return rv == 0 && acked ? 0 : 1;
}
