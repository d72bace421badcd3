/* A client of host two-addresses.test, which the test makes resolve (through
 * tests/tools/getaddrinfo_shim.c) to two addresses, the first of which accepts
 * TCP but never sends CONNACK: the client must try the second at once when
 * the CONNACK timer expires, not back off first (include/mqc.h, the
 * reconnect policy). Prints each log line and "connected" or "gave up";
 * exits 0 once connected, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "mqc.h"

static int connected;

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    (void)c;
    (void)info;
    (void)ud;
    connected = 1;
    printf("connected\n");
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
    mqc_tstamp end;
    int rv;

    (void)argc;
    (void)argv;
    setvbuf(stdout, NULL, _IOLBF, 0);
    mqc_client_opts_default(&o);
    o.host = "two-addresses.test";
    o.port = 1883; /* the shim gives each address its own port */
    o.connect_timeout_ms = 300;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_log = on_log;
    rv = mqc_client_new(&c, &o, &cb, NULL);
    if (rv < 0) {
        printf("mqc_client_new: %s\n", mqc_strerror(rv));
        return 2;
    }
    mqc_client_connect(c);
    /* Long enough for both addresses and one backoff after them. */
    end = mqc_client_now_ms() + 3000;
    while (!connected && mqc_client_now_ms() < end &&
           mqc_client_get_state(c) != MQC_CLIENT_STOPPED)
        mqc_client_poll(c, 50);
    if (!connected)
        printf("gave up\n");
    mqc_client_del(c);
    return connected ? 0 : 1;
}
