/* The round trip of roundtrip.h on a libuv loop (adapters/mqc_libuv.h). */
#include "mqc_libuv.h"
#include "roundtrip.h"

static roundtrip rt;
static uv_timer_t tick, limit;

static void on_tick(uv_timer_t *t)
{
    if (!roundtrip_tick(&rt)) {
        uv_timer_stop(t);
        uv_timer_stop(&limit);
    }
}

static void on_limit(uv_timer_t *t)
{
    (void)t;
    uv_timer_stop(&tick);
    roundtrip_give_up(&rt);
}

int main(int argc, char **argv)
{
    uv_loop_t *loop = uv_default_loop();
    mqc_uv *a;
    int rv = roundtrip_start(&rt, argc, argv);

    if (rv)
        return rv;
    if (mqc_uv_attach(&a, loop, rt.client) < 0)
        return 1;
    uv_timer_init(loop, &tick);
    uv_timer_init(loop, &limit);
    uv_timer_start(&tick, on_tick, ROUNDTRIP_TICK_MS, ROUNDTRIP_TICK_MS);
    uv_timer_start(&limit, on_limit, (uint64_t)rt.limit_s * 1000, 0);
    uv_run(loop, UV_RUN_DEFAULT); /* until the client stopped and our timers too */
    mqc_uv_detach(a);
    uv_close((uv_handle_t *)&tick, NULL);
    uv_close((uv_handle_t *)&limit, NULL);
    uv_run(loop, UV_RUN_DEFAULT); /* lets the closes finish */
    uv_loop_close(loop);
    return roundtrip_end(&rt);
}
