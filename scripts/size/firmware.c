/* A firmware that uses every client-side call of the core, so that a linked
 * image with --gc-sections shows what mqc costs a real Cortex-M product:
 * server-side codec functions (CONNACK/SUBACK encoders, CONNECT decoding)
 * are not pulled in because a client never calls them. */
#include "mqc.h"

static uint8_t store_ring[4096];
static uint8_t heap[8192];
static size_t heap_used;

static void *bump_alloc(size_t n, void *user)
{
    (void)user;
    n = (n + 7u) & ~(size_t)7u;
    if (heap_used + n > sizeof heap)
        return 0;
    heap_used += n;
    return heap + heap_used - n;
}

static void *bump_realloc(void *p, size_t n, void *user)
{
    (void)p;
    return bump_alloc(n, user);
}

static void bump_free(void *p, void *user)
{
    (void)p;
    (void)user;
}

static int on_message(mqc_session *s, const mqc_publish *m, void *ud)
{
    (void)s;
    (void)ud;
    return m->payload.len > 0 ? 0 : MQC_ACK_DEFER;
}

static volatile uint32_t sink;

static void on_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    (void)s;
    (void)ud;
    sink += r->outcome;
}

int main(void)
{
    static const mqc_mem mem = {0, bump_alloc, bump_realloc, bump_free};
    static mqc_callbacks cb;
    mqc_session_opts o;
    mqc_store store;
    mqc_session *s;
    const uint8_t *out;
    uint8_t in[64] = {0x20, 0x02, 0, 0};
    mqc_publish p = {{"t", 1}, {in, 4}, 1, 0, 0, 0, 0};
    mqc_subscription sub = {{"t/#", 3}, 1, 0, 0, 0};
    mqc_str filter = {"t/#", 3};
    mqc_tstamp now = 0;

    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_message = on_message;
    cb.on_publish_done = on_done;
    mqc_session_opts_default(&o);
    o.protocol = (mqc_protocol)(MQC_V311 + (sink & 1));
    o.client_id.ptr = "dev";
    o.client_id.len = 3;
    if (mqc_store_mem_init(&store, store_ring, sizeof store_ring) != 0)
        return 1;
    o.store = &store;
    if (mqc_session_new(&s, &o, &cb, 0, &mem) != 0)
        return 1;
    mqc_session_connect(s, now);
    for (;;) {
        mqc_ssize n = mqc_session_send(s, &out, now);
        if (n > 0) {
            sink += out[0];
            mqc_session_sent(s, (size_t)n, now);
        }
        if (mqc_session_recv(s, in, sink & 63, now) < 0)
            mqc_session_connection_lost(s, now);
        if (mqc_session_get_expiry(s) <= now)
            mqc_session_handle_expiry(s, now);
        mqc_session_publish(s, &p, sink, now);
        mqc_session_subscribe(s, &sub, 1, 0, 0, 0, now);
        mqc_session_unsubscribe(s, &filter, 1, 0, 0, 0, now);
        mqc_session_ack(s, (uint16_t)sink, 0, now);
        sink += mqc_session_unfinished(s) + (uint32_t)mqc_session_is_connected(s);
        if (sink == 12345u)
            break;
        now += sink & 7;
    }
    mqc_session_disconnect(s, 0, now);
    mqc_session_del(s);
    return 0;
}
