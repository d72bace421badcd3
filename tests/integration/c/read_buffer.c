/* The client's read buffer follows the traffic (src/client/net.c): none on
 * the heap while only small packets come, one while a burst needs it, given
 * back after a quiet second. argv: port, messages, payload size, Receive
 * Maximum (0: the default; a small one makes the session hold input back,
 * which then moves from the stack to the heap buffer). Counts the
 * live heap blocks of 4 KiB and more through the memory hooks (the session
 * and client blocks are smaller; the first heap read buffer is 4 KiB) and
 * checks each message's payload (its index in every byte). Prints
 * "idle burst quiet received intact". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mqc.h"

#define BIG 4096u
#define SLOTS 256

static struct { void *p; size_t n; } blocks[SLOTS]; /* live blocks of BIG and more */
static int big_live, big_peak, received, intact = 1;

static void track(void *p, size_t n)
{
    int i;

    if (!p || n < BIG)
        return;
    for (i = 0; i < SLOTS && blocks[i].p; i++)
        ;
    if (i == SLOTS)
        abort();
    blocks[i].p = p;
    blocks[i].n = n;
    if (++big_live > big_peak)
        big_peak = big_live;
}

/* Forgets p; its size if it was tracked, else 0. */
static size_t untrack(void *p)
{
    int i;

    for (i = 0; p && i < SLOTS; i++)
        if (blocks[i].p == p) {
            blocks[i].p = NULL;
            big_live--;
            return blocks[i].n;
        }
    return 0;
}

static void *hook_malloc(size_t n, void *u)
{
    void *p = malloc(n);

    (void)u;
    track(p, n);
    return p;
}

static void *hook_realloc(void *old, size_t n, void *u)
{
    size_t was = untrack(old);
    void *p = realloc(old, n);

    (void)u;
    if (p)
        track(p, n);
    else if (n)
        track(old, was); /* unchanged */
    return p;
}

static void hook_free(void *p, void *u)
{
    (void)u;
    untrack(p);
    free(p);
}

static size_t want_size;

static int on_message(mqc_client *c, const mqc_publish *m, void *ud)
{
    size_t i;

    (void)c;
    (void)ud;
    if (m->payload.len != want_size)
        intact = 0;
    for (i = 0; i < m->payload.len; i++)
        if (m->payload.ptr[i] != (uint8_t)received)
            intact = 0;
    received++;
    return 0;
}

/* Runs the loop for ms milliseconds, or until n messages have come. */
static void run(mqc_client *c, int ms, int n)
{
    mqc_tstamp end = mqc_client_now_ms() + (mqc_tstamp)ms;

    while (mqc_client_now_ms() < end && received < n
           && mqc_client_get_state(c) != MQC_CLIENT_STOPPED)
        mqc_client_poll(c, 50);
}

int main(int argc, char **argv)
{
    mqc_mem mem = {NULL, hook_malloc, hook_realloc, hook_free};
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_client *c;
    mqc_subscription sub = {{"t", 1}, 0, 0, 0, 0};
    int n, idle, burst;

    if (argc != 5)
        return 2;
    n = atoi(argv[2]);
    want_size = (size_t)atoi(argv[3]);
    mqc_client_opts_default(&o);
    o.host = "127.0.0.1";
    o.port = (uint16_t)atoi(argv[1]);
    o.reconnect = 0;
    o.mem = &mem;
    if (atoi(argv[4]))
        o.session.receive_max = (uint16_t)atoi(argv[4]);
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_message = on_message;
    if (mqc_client_new(&c, &o, &cb, NULL) < 0)
        return 2;
    mqc_client_connect(c);
    while (mqc_client_get_state(c) != MQC_CLIENT_CONNECTED
           && mqc_client_get_state(c) != MQC_CLIENT_STOPPED)
        mqc_client_poll(c, 50);
    run(c, 200, 1);
    idle = big_live;
    /* The broker sends its burst once our SUBSCRIBE is there. */
    if (mqc_client_subscribe(c, &sub, 1, NULL, 1, NULL) < 0)
        return 2;
    run(c, 10000, n);
    burst = big_peak;
    run(c, 1500, n + 1); /* quiet */
    printf("%d %d %d %d %d\n", idle, burst, big_live, received, intact);
    mqc_client_del(c);
    return 0;
}
