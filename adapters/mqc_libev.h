/*
 * mqc_libev.h: drives an mqc_client from a libev loop (header only).
 *
 *     mqc_ev a;
 *     mqc_client_connect(c);
 *     mqc_ev_attach(&a, EV_DEFAULT, c);
 *     ev_run(EV_DEFAULT, 0);          // returns once c stops
 *     mqc_ev_detach(&a);              // before mqc_client_del(c)
 *
 * One ev_io on the client's socket, one ev_timer on its next deadline and
 * one ev_prepare that brings both up to date before the loop blocks, so
 * calls the application makes from its own watchers are noticed. libev
 * takes a descriptor as new only when ev_io_set() is called, and a new
 * socket often has the old one's number: the adapter calls it whenever
 * mqc_client_fd_generation() changes. Once the client stops, the adapter
 * stops its watchers, so ev_run() returns when nothing else is active.
 * The mqc_ev lives where the caller puts it; it allocates nothing.
 */
#ifndef MQC_LIBEV_H
#define MQC_LIBEV_H

#include <ev.h>

#include "mqc.h"

typedef struct mqc_ev {
    struct ev_loop *loop;
    mqc_client *client;
    ev_prepare prepare;
    ev_timer timer;
    ev_io io;                    /* active while the socket waits for something */
    int fd;                      /* the descriptor io was set to, or -1 */
    unsigned gen;                /* its mqc_client_fd_generation() */
    int events;                  /* EV_READ | EV_WRITE io waits for */
    mqc_tstamp deadline;         /* the timer is armed for this, or MQC_TSTAMP_NONE */
    int attached;
} mqc_ev;

static inline void mqc_ev__sync(mqc_ev *a);

static inline void mqc_ev__on_io(struct ev_loop *loop, ev_io *w, int revents)
{
    mqc_ev *a = (mqc_ev *)w->data;
    unsigned gen = a->gen;
    (void)loop;
    /* EV_ERROR: libev found the descriptor bad; reading tells the client. */
    if (revents & (EV_READ | EV_ERROR))
        mqc_client_handle_read(a->client);
    if ((revents & EV_WRITE) && mqc_client_fd_generation(a->client) == gen)
        mqc_client_handle_write(a->client);
    mqc_ev__sync(a);
}

static inline void mqc_ev__on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
    mqc_ev *a = (mqc_ev *)w->data;
    (void)loop;
    (void)revents;
    a->deadline = MQC_TSTAMP_NONE;
    mqc_client_handle_timeout(a->client);
    mqc_ev__sync(a);
}

static inline void mqc_ev__on_prepare(struct ev_loop *loop, ev_prepare *w, int revents)
{
    (void)loop;
    (void)revents;
    mqc_ev__sync((mqc_ev *)w->data);
}

static inline void mqc_ev__stop_all(mqc_ev *a)
{
    ev_io_stop(a->loop, &a->io);
    ev_timer_stop(a->loop, &a->timer);
    ev_prepare_stop(a->loop, &a->prepare);
    a->events = 0;
    a->deadline = MQC_TSTAMP_NONE;
}

/* Makes the watchers wait for what the client wants now. */
static inline void mqc_ev__sync(mqc_ev *a)
{
    mqc_client *c = a->client;
    int fd, events = 0;
    unsigned gen;
    mqc_tstamp deadline;

    if (!a->attached)
        return;
    if (mqc_client_get_state(c) == MQC_CLIENT_STOPPED) {
        mqc_ev__stop_all(a);
        return;
    }
    fd = mqc_client_fd(c);
    gen = mqc_client_fd_generation(c);
    if (fd >= 0) {
        if (mqc_client_want_read(c))
            events |= EV_READ;
        if (mqc_client_want_write(c))
            events |= EV_WRITE;
    }
    /* libev stops the watcher itself on a bad descriptor (EV_ERROR). */
    if (fd != a->fd || gen != a->gen || events != a->events ||
        (events && !ev_is_active(&a->io))) {
        ev_io_stop(a->loop, &a->io);
        a->fd = fd;
        a->gen = gen;
        a->events = events;
        if (events) {
            ev_io_set(&a->io, fd, events);
            ev_io_start(a->loop, &a->io);
        }
    }
    deadline = mqc_client_next_deadline_ms(c);
    if (deadline != a->deadline) {
        int ms = mqc_client_timeout_ms(c);
        a->deadline = deadline;
        ev_timer_stop(a->loop, &a->timer);
        if (ms >= 0) {
            /* ev_now() lags real time by this iteration's work: a timer
             * that fires early finds nothing due and is armed again. */
            ev_now_update(a->loop);
            ev_timer_set(&a->timer, ms / 1000.0, 0.);
            ev_timer_start(a->loop, &a->timer);
        }
    }
}

/* Starts driving c (connected with mqc_client_connect() or not yet) on
 * loop. Returns 0 or MQC_ERR_INVAL. */
static inline int mqc_ev_attach(mqc_ev *a, struct ev_loop *loop, mqc_client *c)
{
    if (!a || !loop || !c)
        return MQC_ERR_INVAL;
    a->loop = loop;
    a->client = c;
    a->fd = -1;
    a->gen = 0;
    a->events = 0;
    a->deadline = MQC_TSTAMP_NONE;
    ev_prepare_init(&a->prepare, mqc_ev__on_prepare);
    ev_timer_init(&a->timer, mqc_ev__on_timer, 0., 0.);
    ev_init(&a->io, mqc_ev__on_io);
    a->prepare.data = a->timer.data = a->io.data = a;
    a->attached = 1;
    ev_prepare_start(loop, &a->prepare);
    mqc_ev__sync(a);
    return 0;
}

/* Stops every watcher. Call before mqc_client_del(). */
static inline void mqc_ev_detach(mqc_ev *a)
{
    if (!a || !a->attached)
        return;
    mqc_ev__stop_all(a);
    a->attached = 0;
}

#endif /* MQC_LIBEV_H */
