/*
 * The example firmware: the mqc session (sans-I/O) talks over a byte pipe
 * to a broker scripted inside the firmware (mini_broker.c). The session
 * allocates from a static arena (arena.h hooks), keeps its messages in a
 * memory store over a static buffer and takes its time from SysTick.
 * It subscribes, publishes MESSAGES QoS 2 messages to its own topic and
 * must get each back exactly once and each completed (PUBCOMP) once,
 * through two dropped connections at the points QoS 2 has to resume (the
 * broker then resends a PUBLISH with DUP, which must not be delivered again).
 * Exits 0 only then; prints "qos2 demo: ok ..." last.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "mini_broker.h"
#include "mqc.h"
#include "pipe.h"

#define MESSAGES 3
#define TOPIC "fw/loop"
#define STEPS 100000 /* a bound on the loop: a stuck exchange fails, not hangs */

static pipe up, down;
static mini_broker broker;
static unsigned char arena_buf[16384];
static unsigned char store_buf[4096];
static arena heap;

static unsigned acked[MESSAGES], received[MESSAGES], other_outcomes, subacks, connacks;

static int on_message(mqc_session *s, const mqc_publish *m, void *ud)
{
    (void)s;
    (void)ud;
    if (m->payload.len == 1 && m->payload.ptr[0] >= '0' && m->payload.ptr[0] < '0' + MESSAGES) {
        received[m->payload.ptr[0] - '0']++;
        printf("delivered: %.*s = %c (QoS %u)\n", (int)m->topic.len, m->topic.ptr,
               m->payload.ptr[0], (unsigned)m->qos);
    }
    return 0;
}

static void on_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    (void)s;
    (void)ud;
    if (r->outcome == MQC_OUTCOME_ACKED && r->token < MESSAGES)
        acked[r->token]++;
    else
        other_outcomes++;
    printf("completed: message %u (id %u), outcome %d\n", (unsigned)r->token, (unsigned)r->id,
           (int)r->outcome);
}

static void on_connack(mqc_session *s, const mqc_connack_info *info, void *ud)
{
    (void)s;
    (void)ud;
    connacks++;
    printf("connected: session present %u\n", (unsigned)info->session_present);
}

static void on_suback(mqc_session *s, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    (void)s;
    (void)id;
    (void)token;
    (void)ud;
    if (n == 1 && codes[0] == 2)
        subacks++;
}

static void on_packet(mqc_session *s, int outgoing, const mqc_packet *pk, void *ud)
{
    static const char *const names[16] = {"?", "CONNECT", "CONNACK", "PUBLISH", "PUBACK",
                                          "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK",
                                          "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
                                          "DISCONNECT", "AUTH"};
    (void)s;
    (void)ud;
    printf("  client %s %s", outgoing ? "->" : "<-", names[pk->type & 15]);
    if (pk->type == MQC_PUBLISH)
        printf(" id %u%s", (unsigned)pk->publish.id, pk->publish.dup ? " DUP" : "");
    else if (pk->type >= MQC_PUBACK && pk->type <= MQC_UNSUBACK)
        printf(" id %u", (unsigned)pk->id);
    printf("\n");
}

/* Stack high-water mark: paint below main's frame, see how deep it got. */
#define PAINT_BYTES 32768
static uint8_t *paint_top;

__attribute__((noinline)) static void stack_paint(void)
{
    volatile uint8_t *p, *top = (volatile uint8_t *)__builtin_frame_address(0);
    paint_top = (uint8_t *)top;
    for (p = top - PAINT_BYTES; p < top - 64; p++)
        *p = 0xA5;
}

static unsigned long stack_used(void)
{
    const volatile uint8_t *p = paint_top - PAINT_BYTES;
    while (p < paint_top && *p == 0xA5)
        p++;
    return (unsigned long)(paint_top - (const uint8_t *)p);
}

static int all_done(void)
{
    int i;
    for (i = 0; i < MESSAGES; i++)
        if (acked[i] != 1 || received[i] != 1)
            return 0;
    return broker.completed_out == MESSAGES;
}

int main(void)
{
    mqc_session_opts o;
    mqc_callbacks cb;
    mqc_session *s;
    mqc_store store;
    mqc_mem mem;
    mqc_subscription sub;
    uint8_t in[8];
    size_t in_len = 0, in_off = 0;
    unsigned drops = 0;
    long step;
    int i, rv, ok;

    stack_paint();
    clock_start(25000000ul);
    arena_init(&heap, arena_buf, sizeof arena_buf);
    mem = arena_hooks(&heap);
    mb_init(&broker, &down);
    broker.drop_at_pubrel = broker.drop_at_pubrec = 1;

    mqc_session_opts_default(&o);
    o.client_id.ptr = "fw-1";
    o.client_id.len = 4;
    o.clean = 0;
    o.keep_alive = 30;
    o.max_inflight = 2; /* smaller than MESSAGES: one waits for a free slot */
    if (mqc_store_mem_init(&store, store_buf, sizeof store_buf) < 0)
        return 1;
    o.store = &store;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_connack = on_connack;
    cb.on_message = on_message;
    cb.on_publish_done = on_done;
    cb.on_suback = on_suback;
    cb.on_packet = on_packet;
    rv = mqc_session_new(&s, &o, &cb, NULL, &mem);
    if (rv < 0) {
        printf("session: %s\n", mqc_strerror(rv));
        return 1;
    }
    memset(&sub, 0, sizeof sub);
    sub.filter.ptr = TOPIC;
    sub.filter.len = strlen(TOPIC);
    sub.qos = 2;
    if (mqc_session_subscribe(s, &sub, 1, NULL, 100, NULL, clock_ms()) < 0 ||
        mqc_session_connect(s, clock_ms()) < 0)
        return 1;
    for (i = 0; i < MESSAGES; i++) {
        char payload = (char)('0' + i);
        mqc_publish p;
        memset(&p, 0, sizeof p);
        p.topic.ptr = TOPIC;
        p.topic.len = strlen(TOPIC);
        p.payload.ptr = (const uint8_t *)&payload;
        p.payload.len = 1;
        p.qos = 2;
        if (mqc_session_publish(s, &p, (uint64_t)i, clock_ms()) < 0)
            return 1;
    }

    for (step = 0; step < STEPS && !all_done() && !broker.error; step++) {
        mqc_tstamp now = clock_ms();
        const uint8_t *data;
        uint8_t chunk[5];
        mqc_ssize n = mqc_session_send(s, &data, now);
        size_t got;

        /* Client -> pipe: at most 7 bytes a step, as a slow link takes them. */
        if (n > 0)
            mqc_session_sent(s, pipe_write(&up, data, n < 7 ? (size_t)n : 7), now);
        /* Pipe -> broker, 5 bytes at a time: packets arrive in pieces. */
        got = pipe_read(&up, chunk, sizeof chunk);
        if (got && mb_feed(&broker, chunk, got)) {
            /* The script cuts the connection: both ends lose what was in flight. */
            drops++;
            pipe_clear(&up);
            pipe_clear(&down);
            mb_connection_lost(&broker);
            mqc_session_connection_lost(s, now);
            in_len = in_off = 0;
            if (mqc_session_connect(s, now) < 0)
                break;
            continue;
        }
        mb_flush(&broker);
        /* Pipe -> client. The session may take fewer (its inbound window):
         * the rest is offered again on the next step. */
        if (in_off == in_len) {
            in_len = pipe_read(&down, in, sizeof in);
            in_off = 0;
        }
        if (in_off < in_len) {
            mqc_ssize used = mqc_session_recv(s, in + in_off, in_len - in_off, now);
            if (used < 0) {
                printf("session: %s\n", mqc_strerror((int)used));
                break;
            }
            in_off += (size_t)used;
        }
        if (now >= mqc_session_get_expiry(s) && mqc_session_handle_expiry(s, now) < 0)
            break;
    }

    ok = all_done() && !broker.error && other_outcomes == 0 && drops == 2 && subacks == 1 &&
         broker.resumed == 2 && broker.dup_publishes_out >= 1;
    printf("qos2 demo: %s after %ld steps, %lu ms: %d published, completed %u/%u/%u, "
           "delivered %u/%u/%u, broker forwarded %u and completed %u, %u drop(s), "
           "%u resume(s), DUP resends: %u by the client, %u by the broker; "
           "%u CONNACK(s), arena peak %lu bytes, stack below main %lu bytes\n",
           ok ? "ok" : "FAILED", step, (unsigned long)clock_ms(), MESSAGES, acked[0], acked[1],
           acked[2], received[0], received[1], received[2], broker.forwarded,
           broker.completed_out, drops, broker.resumed, broker.dup_publishes_in,
           broker.dup_publishes_out, connacks, (unsigned long)heap.peak, stack_used());
    mqc_session_del(s);
    return ok ? 0 : 1;
}
