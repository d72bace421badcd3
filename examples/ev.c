/* The round trip of roundtrip.h on a libev loop (adapters/mqc_libev.h). */
#include "mqc_libev.h"
#include "roundtrip.h"

static roundtrip rt;
static ev_timer tick, limit;

static void on_tick(struct ev_loop *loop, ev_timer *t, int revents)
{
    (void)revents;
    if (!roundtrip_tick(&rt)) {
        ev_timer_stop(loop, t);
        ev_timer_stop(loop, &limit);
    }
}

static void on_limit(struct ev_loop *loop, ev_timer *t, int revents)
{
    (void)t;
    (void)revents;
    ev_timer_stop(loop, &tick);
    roundtrip_give_up(&rt);
}

int main(int argc, char **argv)
{
    struct ev_loop *loop = EV_DEFAULT;
    mqc_ev a;
    int rv = roundtrip_start(&rt, argc, argv);

    if (rv)
        return rv;
    if (mqc_ev_attach(&a, loop, rt.client) < 0)
        return 1;
    ev_timer_init(&tick, on_tick, ROUNDTRIP_TICK_MS / 1000.0, ROUNDTRIP_TICK_MS / 1000.0);
    ev_timer_init(&limit, on_limit, (double)rt.limit_s, 0.);
    ev_timer_start(loop, &tick);
    ev_timer_start(loop, &limit);
    ev_run(loop, 0); /* until the client stopped and our timers too */
    mqc_ev_detach(&a);
    return roundtrip_end(&rt);
}
