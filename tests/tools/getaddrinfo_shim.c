/*
 * LD_PRELOAD shim for tests: makes one host name resolve to several
 * addresses, each with its own port, so a test can give a client a first
 * address that never answers and a second that works.
 *
 *   MQC_TEST_ADDRS="NAME=127.0.0.1:PORT1,127.0.0.1:PORT2"
 *
 * Other names go to the C library's getaddrinfo(). IPv4 only.
 *   cc -shared -fPIC -o getaddrinfo_shim.so getaddrinfo_shim.c -ldl
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

/* Marks the lists made here, so freeaddrinfo() knows whose they are. */
static char mark[] = "mqc-test-shim";

typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
typedef void (*fai_fn)(struct addrinfo *);

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res)
{
    const char *spec = getenv("MQC_TEST_ADDRS"), *eq, *p;
    struct addrinfo *head = NULL, **tail = &head;

    eq = spec ? strchr(spec, '=') : NULL;
    if (!node || !eq || strlen(node) != (size_t)(eq - spec) || strncmp(node, spec, (size_t)(eq - spec)))
        return ((gai_fn)dlsym(RTLD_NEXT, "getaddrinfo"))(node, service, hints, res);
    if (hints && hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET)
        return EAI_FAMILY;
    for (p = eq + 1; *p;) {
        char host[64];
        const char *colon = strchr(p, ':'), *end = strchr(p, ',');
        struct {
            struct addrinfo ai;
            struct sockaddr_in sin;
        } *n;
        if (!end)
            end = p + strlen(p);
        if (!colon || colon > end || (size_t)(colon - p) >= sizeof host)
            return EAI_NONAME;
        memcpy(host, p, (size_t)(colon - p));
        host[colon - p] = 0;
        n = calloc(1, sizeof *n);
        if (!n)
            return EAI_MEMORY;
        n->sin.sin_family = AF_INET;
        n->sin.sin_port = htons((unsigned short)atoi(colon + 1));
        if (inet_pton(AF_INET, host, &n->sin.sin_addr) != 1) {
            free(n);
            return EAI_NONAME;
        }
        n->ai.ai_family = AF_INET;
        n->ai.ai_socktype = SOCK_STREAM;
        n->ai.ai_protocol = IPPROTO_TCP;
        n->ai.ai_addrlen = sizeof n->sin;
        n->ai.ai_addr = (struct sockaddr *)&n->sin;
        n->ai.ai_canonname = mark;
        *tail = &n->ai;
        tail = &n->ai.ai_next;
        p = *end ? end + 1 : end;
    }
    *res = head;
    return head ? 0 : EAI_NONAME;
}

void freeaddrinfo(struct addrinfo *ai)
{
    if (ai && ai->ai_canonname == mark) {
        while (ai) {
            struct addrinfo *next = ai->ai_next;
            free(ai); /* the node and its address are one block */
            ai = next;
        }
        return;
    }
    ((fai_fn)dlsym(RTLD_NEXT, "freeaddrinfo"))(ai);
}
