/* 5.0 enhanced authentication through the client library: SCRAM-SHA-256
 * with mqc_scram_* driving on_auth / mqc_client_auth, the CONNACK's server
 * signature checked in on_connected. argv: port user password. Prints
 * "authenticated", "server signature wrong" or "stopped: <error>" and the
 * number of connection attempts; exits 0 when authenticated, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mqc.h"

static mqc_scram *sc;
static int authenticated, attempts, sig_wrong;

static int on_auth(mqc_client *c, uint8_t reason, const mqc_props *props, void *ud)
{
    mqc_props p;
    mqc_bytes cf;

    (void)ud;
    if (reason != 0x18 || !mqc_props_has(props, MQC_PROP_AUTH_DATA)
        || mqc_scram_final(sc, props->auth_data, &cf))
        return 0x87; /* the client stops: the same answer would fail again */
    memset(&p, 0, sizeof p);
    mqc_props_set(&p, MQC_PROP_AUTH_DATA);
    p.auth_data = cf;
    return mqc_client_auth(c, 0x18, &p) ? 0x87 : 0;
}

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    (void)ud;
    if (mqc_props_has(info->props, MQC_PROP_AUTH_DATA)
        && mqc_scram_verify(sc, info->props->auth_data) == 0) {
        authenticated = 1;
        printf("authenticated\n");
    } else {
        sig_wrong = 1;
        printf("server signature wrong\n");
    }
    mqc_client_disconnect(c, 0);
}

static void on_connect_failed(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    (void)c;
    (void)ud;
    printf("connect failed: %s (reason 0x%02x), retry %d\n", mqc_strerror(err),
           info ? info->reason : 0, will_retry);
}

static void on_trace(mqc_client *c, int outgoing, const mqc_packet *pkt, void *ud)
{
    (void)c;
    (void)ud;
    attempts += outgoing && pkt->type == MQC_CONNECT;
}

static void on_stopped(mqc_client *c, int err, void *ud)
{
    (void)c;
    (void)ud;
    printf("stopped: %s\n", err ? mqc_strerror(err) : "ok");
}

int main(int argc, char **argv)
{
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_props cp;
    mqc_client *c;
    mqc_tstamp end;

    if (argc != 4)
        return 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (mqc_scram_new(&sc, argv[2], argv[3], NULL))
        return 2;
    memset(&cp, 0, sizeof cp);
    mqc_props_set(&cp, MQC_PROP_AUTH_METHOD);
    cp.auth_method.ptr = MQC_SCRAM_METHOD;
    cp.auth_method.len = strlen(MQC_SCRAM_METHOD);
    mqc_props_set(&cp, MQC_PROP_AUTH_DATA);
    cp.auth_data = mqc_scram_first(sc);
    mqc_client_opts_default(&o);
    o.host = "127.0.0.1";
    o.port = (uint16_t)atoi(argv[1]);
    o.session.protocol = MQC_V5;
    o.session.client_id.ptr = "scram-test";
    o.session.client_id.len = 10;
    o.session.connect_props = &cp;
    o.reconnect_min_ms = 50;
    o.reconnect_max_ms = 100;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_auth = on_auth;
    cb.on_connected = on_connected;
    cb.on_connect_failed = on_connect_failed;
    cb.on_trace = on_trace;
    cb.on_stopped = on_stopped;
    if (mqc_client_new(&c, &o, &cb, NULL) < 0)
        return 2;
    mqc_client_connect(c);
    /* Long enough for many retries, were the client to retry. */
    end = mqc_client_now_ms() + 3000;
    while (mqc_client_now_ms() < end && mqc_client_get_state(c) != MQC_CLIENT_STOPPED)
        mqc_client_poll(c, 50);
    printf("attempts: %d\n", attempts);
    mqc_client_del(c);
    mqc_scram_del(sc);
    return authenticated ? 0 : 1;
}
