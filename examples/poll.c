/* The round trip of roundtrip.h on a plain poll(2) loop, or with --epoll
 * (Linux) on an epoll one (adapters/mqc_poll.h). The application's timers
 * are its own deadlines, merged into the wait. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "mqc_poll.h"
#include "roundtrip.h"

static roundtrip rt;

/* The application's two deadlines: the publishing tick and the limit. */
static mqc_tstamp next_tick, limit_at;

static int app_timeout(mqc_tstamp now)
{
    mqc_tstamp t = next_tick < limit_at ? next_tick : limit_at;
    if (t == MQC_TSTAMP_NONE)
        return -1;
    return t <= now ? 0 : (int)(t - now);
}

static void app_timers(mqc_tstamp now)
{
    if (next_tick != MQC_TSTAMP_NONE && now >= next_tick)
        next_tick = roundtrip_tick(&rt) ? now + ROUNDTRIP_TICK_MS : MQC_TSTAMP_NONE;
    if (limit_at != MQC_TSTAMP_NONE && now >= limit_at) {
        limit_at = next_tick = MQC_TSTAMP_NONE;
        roundtrip_give_up(&rt);
    }
    if (next_tick == MQC_TSTAMP_NONE)
        limit_at = MQC_TSTAMP_NONE;
}

static int run_poll(void)
{
    struct pollfd pfd;
    for (;;) {
        int t = mqc_poll_prepare(rt.client, &pfd, app_timeout(mqc_client_now_ms()));
        if (poll(&pfd, 1, t) < 0 && errno != EINTR) {
            perror("poll");
            return 1;
        }
        if (mqc_poll_dispatch(rt.client, &pfd) == MQC_ERR_STATE)
            return 0;
        app_timers(mqc_client_now_ms());
    }
}

#ifdef __linux__
static int run_epoll(void)
{
    struct epoll_event evs[4];
    mqc_epoll a;
    int epfd = epoll_create1(EPOLL_CLOEXEC), rv = 0;
    if (epfd < 0) {
        perror("epoll_create1");
        return 1;
    }
    mqc_epoll_attach(&a, epfd, rt.client);
    for (;;) {
        int i, n, t, app, err;
        t = mqc_epoll_sync_err(&a, &err);
        if (err) {
            fprintf(stderr, "epoll_ctl: %s\n", strerror(-err));
            rv = 1;
            break;
        }
        app = app_timeout(mqc_client_now_ms());
        if (app >= 0 && (t < 0 || app < t))
            t = app;
        n = epoll_wait(epfd, evs, 4, t);
        if (n < 0 && errno != EINTR) {
            perror("epoll_wait");
            rv = 1;
            break;
        }
        for (i = 0; i < n; i++)
            if (evs[i].data.ptr == &a)
                mqc_epoll_dispatch(&a, evs[i].events);
        if (mqc_epoll_dispatch(&a, 0) == MQC_ERR_STATE)
            break;
        app_timers(mqc_client_now_ms());
    }
    mqc_epoll_detach(&a);
    close(epfd);
    return rv;
}
#endif

int main(int argc, char **argv)
{
    int use_epoll = 0, rv;
    if (argc > 1 && strcmp(argv[1], "--epoll") == 0) {
#ifndef __linux__
        fprintf(stderr, "%s: --epoll needs Linux\n", argv[0]);
        return 1;
#endif
        use_epoll = 1;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    rv = roundtrip_start(&rt, argc, argv);
    if (rv)
        return rv;
    next_tick = mqc_client_now_ms() + ROUNDTRIP_TICK_MS;
    limit_at = mqc_client_now_ms() + (mqc_tstamp)rt.limit_s * 1000;
#ifdef __linux__
    rv = use_epoll ? run_epoll() : run_poll();
#else
    rv = run_poll();
#endif
    rv |= roundtrip_end(&rt);
    return rv ? 1 : 0;
}
