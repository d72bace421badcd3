/* A host name that resolves to two addresses, the first of which accepts TCP
 * but never sends CONNACK: the client must try the second at once when the
 * CONNACK timer expires, not back off first (include/mqc.h, the reconnect
 * policy). getaddrinfo() is replaced here so the test does not depend on
 * what the machine's resolver returns. argv: port1 port2. Prints each log
 * line and "connected" or "gave up"; exits 0 once connected, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "mqc.h"

static unsigned short ports[2];

/* Both addresses in one block, freed at once. */
struct two_addresses {
    struct addrinfo ai[2];
    struct sockaddr_in sa[2];
};

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res)
{
    struct two_addresses *t;
    int i;
    (void)service;
    (void)hints;
    if (!node || strcmp(node, "two-addresses.test"))
        return EAI_NONAME;
    t = calloc(1, sizeof *t);
    if (!t)
        return EAI_MEMORY;
    for (i = 0; i < 2; i++) {
        t->sa[i].sin_family = AF_INET;
        t->sa[i].sin_port = htons(ports[i]);
        t->sa[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        t->ai[i].ai_family = AF_INET;
        t->ai[i].ai_socktype = SOCK_STREAM;
        t->ai[i].ai_protocol = IPPROTO_TCP;
        t->ai[i].ai_addrlen = sizeof t->sa[i];
        t->ai[i].ai_addr = (struct sockaddr *)&t->sa[i];
        t->ai[i].ai_next = i == 0 ? &t->ai[1] : NULL;
    }
    *res = &t->ai[0];
    return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
    free(res); /* the block starts with ai[0] */
}

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

    if (argc != 3)
        return 2;
    ports[0] = (unsigned short)atoi(argv[1]);
    ports[1] = (unsigned short)atoi(argv[2]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    mqc_client_opts_default(&o);
    o.host = "two-addresses.test";
    o.port = 1883; /* replaced by the ports above */
    o.connect_timeout_ms = 300;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_log = on_log;
    if (mqc_client_new(&c, &o, &cb, NULL) < 0)
        return 2;
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
