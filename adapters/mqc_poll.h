/*
 * mqc_poll.h: drives an mqc_client from the application's own poll(2) or
 * (Linux) epoll(7) loop, next to its other descriptors (header only).
 *
 * poll(): one struct pollfd of the array is the client's.
 *
 *     for (;;) {
 *         int t = mqc_poll_prepare(c, &fds[0], my_timeout_ms);
 *         // fds[1..n) are the application's
 *         if (poll(fds, n, t) < 0 && errno != EINTR) break;
 *         if (mqc_poll_dispatch(c, &fds[0]) == MQC_ERR_STATE) break;  // stopped
 *         ...
 *     }
 *
 * poll() takes the descriptor afresh on every call, so a new socket after
 * a reconnect needs nothing more. epoll keeps a registration, and a new
 * socket often has the old one's number: mqc_epoll registers it again
 * whenever mqc_client_fd_generation() changes.
 *
 *     mqc_epoll a;
 *     mqc_epoll_attach(&a, epfd, c);     // events carry data.ptr == &a
 *     for (;;) {
 *         int t = mqc_epoll_sync(&a);   // call before each epoll_wait
 *         n = epoll_wait(epfd, evs, N, t);
 *         for each event e: if (e.data.ptr == &a) mqc_epoll_dispatch(&a, e.events);
 *         if (mqc_epoll_dispatch(&a, 0) == MQC_ERR_STATE) break;    // timers; stopped
 *     }
 */
#ifndef MQC_POLL_H
#define MQC_POLL_H

#include <poll.h>

#include "mqc.h"

/* Fills *pfd for the client (fd -1 when it has no socket: poll() skips
 * it) and returns the poll() timeout: the client's next deadline or
 * timeout_ms (-1 = none), whichever comes first. */
static inline int mqc_poll_prepare(mqc_client *c, struct pollfd *pfd, int timeout_ms)
{
    int t = mqc_client_timeout_ms(c);
    pfd->fd = mqc_client_fd(c);
    pfd->events = (short)((mqc_client_want_read(c) ? POLLIN : 0) |
                          (mqc_client_want_write(c) ? POLLOUT : 0));
    pfd->revents = 0;
    if (pfd->events == 0)
        pfd->fd = -1; /* input held back and nothing to write: only a deadline */
    if (timeout_ms >= 0 && (t < 0 || timeout_ms < t))
        t = timeout_ms;
    return t;
}

/* Handles what poll() reported in pfd->revents, then the timers. Returns
 * 0, or MQC_ERR_STATE once the client has stopped. */
static inline int mqc_poll_dispatch(mqc_client *c, const struct pollfd *pfd)
{
    unsigned gen = mqc_client_fd_generation(c);
    if (pfd->fd >= 0 && pfd->fd == mqc_client_fd(c)) {
        if (pfd->revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL))
            mqc_client_handle_read(c);
        /* The read may have ended this socket: its POLLOUT is no longer ours. */
        if ((pfd->revents & POLLOUT) && mqc_client_fd_generation(c) == gen)
            mqc_client_handle_write(c);
    }
    return mqc_client_handle_timeout(c);
}

#ifdef __linux__
#include <errno.h>
#include <sys/epoll.h>

typedef struct mqc_epoll {
    int epfd;
    mqc_client *client;
    int fd;                      /* registered with epfd, or -1 */
    unsigned gen;                /* its mqc_client_fd_generation() */
    uint32_t events;             /* EPOLLIN | EPOLLOUT registered */
} mqc_epoll;

static inline void mqc_epoll_attach(mqc_epoll *a, int epfd, mqc_client *c)
{
    a->epfd = epfd;
    a->client = c;
    a->fd = -1;
    a->gen = 0;
    a->events = 0;
}

/* Brings the registration up to date; returns the epoll_wait() timeout
 * (-1 = none). 0, or a negative errno from epoll_ctl in *err (may be NULL). */
static inline int mqc_epoll_sync_err(mqc_epoll *a, int *err)
{
    mqc_client *c = a->client;
    int fd = mqc_client_fd(c);
    unsigned gen = mqc_client_fd_generation(c);
    uint32_t events = 0;
    struct epoll_event ev;

    if (err)
        *err = 0;
    if (fd >= 0) {
        events = (mqc_client_want_read(c) ? EPOLLIN : 0u) |
                 (mqc_client_want_write(c) ? EPOLLOUT : 0u);
    }
    if (a->fd >= 0 && (fd != a->fd || gen != a->gen)) {
        /* The client closes a socket before it opens the next, and a closed
         * one leaves the set by itself (the number may be someone else's
         * now: not ours to remove). */
        a->fd = -1;
        a->events = 0;
    }
    if (a->fd >= 0 && !events) {
        /* Held input, nothing to write: registered with no events, a hung-up
         * socket would still report EPOLLHUP on every wait. */
        epoll_ctl(a->epfd, EPOLL_CTL_DEL, a->fd, &ev);
        a->fd = -1;
        a->events = 0;
    }
    ev.data.ptr = a;
    ev.events = events;
    if (events && a->fd < 0) {
        if (epoll_ctl(a->epfd, EPOLL_CTL_ADD, fd, &ev) == 0) {
            a->fd = fd;
            a->gen = gen;
            a->events = events;
        } else if (err) {
            *err = -errno;
        }
    } else if (events && events != a->events) {
        if (epoll_ctl(a->epfd, EPOLL_CTL_MOD, fd, &ev) == 0)
            a->events = events;
        else if (err)
            *err = -errno;
    }
    return mqc_client_timeout_ms(c);
}

static inline int mqc_epoll_sync(mqc_epoll *a)
{
    return mqc_epoll_sync_err(a, NULL);
}

/* Handles the events epoll_wait() reported for the client (0: none, just
 * the timers), then the timers. Returns 0, or MQC_ERR_STATE once stopped. */
static inline int mqc_epoll_dispatch(mqc_epoll *a, uint32_t events)
{
    mqc_client *c = a->client;
    unsigned gen = a->gen;
    if (events && a->fd >= 0 && mqc_client_fd_generation(c) == gen) {
        if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
            mqc_client_handle_read(c);
        if ((events & EPOLLOUT) && mqc_client_fd_generation(c) == gen)
            mqc_client_handle_write(c);
        return mqc_client_get_state(c) == MQC_CLIENT_STOPPED ? MQC_ERR_STATE : 0;
    }
    return mqc_client_handle_timeout(c);
}

/* Takes the client's socket out of the set. Call before mqc_client_del(). */
static inline void mqc_epoll_detach(mqc_epoll *a)
{
    struct epoll_event ev;
    if (a->fd >= 0 && mqc_client_fd(a->client) == a->fd &&
        mqc_client_fd_generation(a->client) == a->gen)
        epoll_ctl(a->epfd, EPOLL_CTL_DEL, a->fd, &ev);
    a->fd = -1;
}
#endif /* __linux__ */

#endif /* MQC_POLL_H */
