/*
 * mqc_libuv.h: drives an mqc_client from a libuv loop (header only).
 *
 *     mqc_uv *a;
 *     mqc_client_connect(c);
 *     mqc_uv_attach(&a, uv_default_loop(), c);
 *     uv_run(uv_default_loop(), UV_RUN_DEFAULT);   // returns once c stops
 *     mqc_uv_detach(a);                            // before mqc_client_del(c)
 *
 * The adapter keeps one uv_poll_t on the client's socket, one uv_timer_t
 * on its next deadline and one uv_prepare_t that brings both up to date
 * before the loop waits, so calls the application makes from its own
 * callbacks (mqc_client_publish from a uv timer, ...) are noticed. A new
 * socket (each reconnect) gets a new uv_poll_t: libuv wants the old one
 * closed first, and its number may be the new one's
 * (mqc_client_fd_generation tells them apart). Once the client stops, the
 * adapter stops its handles, so uv_run() returns when nothing else is
 * active.
 */
#ifndef MQC_LIBUV_H
#define MQC_LIBUV_H

#include <stdlib.h>
#include <uv.h>

#include "mqc.h"

typedef struct mqc_uv {
    uv_loop_t *loop;
    mqc_client *client;
    uv_prepare_t prepare;
    uv_timer_t timer;
    uv_poll_t *poll;             /* on the current socket, or NULL */
    unsigned gen;                /* mqc_client_fd_generation() poll watches */
    int events;                  /* UV_READABLE | UV_WRITABLE poll waits for */
    mqc_tstamp deadline;         /* the timer is armed for this, or MQC_TSTAMP_NONE */
    int open_handles;            /* freed when the last one is closed after detach */
    int detached;
} mqc_uv;

static inline void mqc_uv__sync(mqc_uv *a);

static inline void mqc_uv__closed(uv_handle_t *h)
{
    mqc_uv *a = (mqc_uv *)h->data;
    if (h->type == UV_POLL)
        free(h);
    if (--a->open_handles == 0 && a->detached)
        free(a);
}

static inline void mqc_uv__drop_poll(mqc_uv *a)
{
    if (a->poll) {
        uv_close((uv_handle_t *)a->poll, mqc_uv__closed);
        a->poll = NULL;
    }
    a->events = 0;
}

static inline void mqc_uv__on_poll(uv_poll_t *h, int status, int events)
{
    mqc_uv *a = (mqc_uv *)h->data;
    unsigned gen = a->gen;
    /* An error on the socket (status < 0) is the client's to find out by reading. */
    if (status < 0 || (events & (UV_READABLE | UV_DISCONNECT)))
        mqc_client_handle_read(a->client);
    if ((events & UV_WRITABLE) && mqc_client_fd_generation(a->client) == gen &&
        h == a->poll)
        mqc_client_handle_write(a->client);
    mqc_uv__sync(a);
}

static inline void mqc_uv__on_timer(uv_timer_t *h)
{
    mqc_uv *a = (mqc_uv *)h->data;
    a->deadline = MQC_TSTAMP_NONE;
    mqc_client_handle_timeout(a->client);
    mqc_uv__sync(a);
}

static inline void mqc_uv__on_prepare(uv_prepare_t *h)
{
    mqc_uv__sync((mqc_uv *)h->data);
}

/* Makes the handles watch what the client wants now. */
static inline void mqc_uv__sync(mqc_uv *a)
{
    mqc_client *c = a->client;
    int fd, events = 0;
    mqc_tstamp deadline;

    if (a->detached)
        return;
    if (mqc_client_get_state(c) == MQC_CLIENT_STOPPED) {
        mqc_uv__drop_poll(a);
        uv_timer_stop(&a->timer);
        uv_prepare_stop(&a->prepare);
        return;
    }
    fd = mqc_client_fd(c);
    if (a->poll && (fd < 0 || mqc_client_fd_generation(c) != a->gen))
        mqc_uv__drop_poll(a);
    if (fd >= 0 && !a->poll) {
        a->poll = (uv_poll_t *)malloc(sizeof(*a->poll));
        if (a->poll && uv_poll_init_socket(a->loop, a->poll, fd) == 0) {
            a->poll->data = a;
            a->open_handles++;
            a->gen = mqc_client_fd_generation(c);
        } else {
            /* Out of memory or a socket libuv refuses: the deadline still
             * runs, and the client's timers end the connection. */
            free(a->poll);
            a->poll = NULL;
        }
    }
    if (a->poll) {
        if (mqc_client_want_read(c))
            events |= UV_READABLE;
        if (mqc_client_want_write(c))
            events |= UV_WRITABLE;
        /* libuv stops a handle itself when polling fails (status < 0). */
        if (events != a->events || (events && !uv_is_active((uv_handle_t *)a->poll))) {
            if (events)
                uv_poll_start(a->poll, events, mqc_uv__on_poll);
            else
                uv_poll_stop(a->poll);
            a->events = events;
        }
    }
    deadline = mqc_client_next_deadline_ms(c);
    if (deadline != a->deadline) {
        int ms = mqc_client_timeout_ms(c);
        a->deadline = deadline;
        if (ms < 0) {
            uv_timer_stop(&a->timer);
        } else {
            /* uv_now() lags real time by this iteration's work: a timer
             * that fires early finds nothing due and is armed again. */
            uv_update_time(a->loop);
            uv_timer_start(&a->timer, mqc_uv__on_timer, (uint64_t)ms, 0);
        }
    }
}

/* Starts driving c (connected with mqc_client_connect() or not yet) on
 * loop. Returns 0, MQC_ERR_INVAL or MQC_ERR_NOMEM. */
static inline int mqc_uv_attach(mqc_uv **out, uv_loop_t *loop, mqc_client *c)
{
    mqc_uv *a;
    if (!out || !loop || !c)
        return MQC_ERR_INVAL;
    a = (mqc_uv *)calloc(1, sizeof(*a));
    if (!a)
        return MQC_ERR_NOMEM;
    a->loop = loop;
    a->client = c;
    a->deadline = MQC_TSTAMP_NONE;
    uv_prepare_init(loop, &a->prepare);
    uv_timer_init(loop, &a->timer);
    a->prepare.data = a->timer.data = a;
    a->open_handles = 2;
    uv_prepare_start(&a->prepare, mqc_uv__on_prepare);
    mqc_uv__sync(a);
    *out = a;
    return 0;
}

/* Stops watching the client; the adapter is freed once libuv has closed
 * its handles (on a later loop iteration). Call before mqc_client_del(). */
static inline void mqc_uv_detach(mqc_uv *a)
{
    if (!a || a->detached)
        return;
    mqc_uv__drop_poll(a);
    a->detached = 1;
    uv_close((uv_handle_t *)&a->prepare, mqc_uv__closed);
    uv_close((uv_handle_t *)&a->timer, mqc_uv__closed);
}

#endif /* MQC_LIBUV_H */
