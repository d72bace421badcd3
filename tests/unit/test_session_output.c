/*
 * Session output and memory: coalescing, partial writes, large messages
 * sent straight from the store, tracing, cancel on delete, no allocation
 * per message after warm-up, offline subscribe and renewal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;

static void start(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
}

static void test_coalesced(void **state)
{
    const uint8_t *d;
    mqc_ssize n;
    uint8_t one[32];
    mqc_publish p;
    mqc_ssize len1;

    start(state);
    assert_int_equal(hs_publish(&H, 1, "t", "x", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "x", 2), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "x", 3), 0);
    assert_true(hs_peer_publish(&H, 1, 0, 5, "i", "y") > 0);
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.payload.ptr = (const uint8_t *)"x";
    p.payload.len = 1;
    p.qos = 1;
    p.id = 1;
    len1 = mqc_encode_publish(one, sizeof(one), H.proto, &p);
    /* One contiguous buffer: PUBACK, PUBLISH, PUBLISH, PUBLISH. */
    n = mqc_session_send(H.s, &d, 0);
    assert_int_equal(n, 4 + 2 * len1 + (len1 - 2));
    /* Asking again without writing returns the same bytes. */
    assert_int_equal(mqc_session_send(H.s, &d, 0), n);
    hs_expect_ack(&H, MQC_PUBACK, 5, 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "x");
    hs_expect_publish(&H, 1, 0, 2, "t", "x");
    hs_expect_publish(&H, 0, 0, 0, "t", "x");
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_partial_writes(void **state)
{
    start(state);
    H.max_write = 1;
    assert_int_equal(hs_publish(&H, 2, "topic", "payload", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "topic", "payload2", 2), 0);
    hs_expect_publish(&H, 2, 0, 1, "topic", "payload");
    hs_expect_publish(&H, 1, 0, 2, "topic", "payload2");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_large_message_zero_copy(void **state)
{
    enum { BIG = 40000 };
    static char payload[BIG + 1];
    static uint8_t expect[BIG + 16];
    mqc_publish p;
    const uint8_t *d;
    mqc_ssize n, len;
    size_t got = 0;
    int qos;

    start(state);
    memset(payload, 'z', BIG);
    for (qos = 0; qos <= 1; qos++) {
        memset(&p, 0, sizeof(p));
        p.topic.ptr = "big";
        p.topic.len = 3;
        p.payload.ptr = (const uint8_t *)payload;
        p.payload.len = BIG;
        p.qos = (uint8_t)qos;
        assert_int_equal(mqc_session_publish(H.s, &p, 9, 0), 0);
        assert_int_equal(hs_publish(&H, 1, "s", "small", 10), 0);
        p.id = qos ? 2 : 0; /* QoS 0 round: "small" took id 1 */
        len = mqc_encode_publish(expect, sizeof(expect), H.proto, &p);
        assert_true(len > 16384);
        /* The whole message in one piece: straight from its record. */
        n = mqc_session_send(H.s, &d, 0);
        assert_int_equal(n, len);
        assert_memory_equal(d, expect, (size_t)len);
        /* Written in pieces. */
        got = 0;
        while (got < (size_t)len) {
            mqc_session_sent(H.s, 1000, 0);
            got += 1000;
            n = mqc_session_send(H.s, &d, 0);
            if (got < (size_t)len) {
                assert_int_equal(n, len - (mqc_ssize)got);
                assert_memory_equal(d, expect + got, (size_t)n);
            }
        }
        hs_expect_publish(&H, 1, 0, qos ? 3 : 1, "s", "small");
        hs_expect_none(&H);
        if (qos) {
            assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
            assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0) > 0);
        } else {
            assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
        }
    }
    assert_int_equal(H.ndone, 4);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].qos, 0);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
}

static void test_zero_copy_dropped_midway(void **state)
{
    enum { BIG = 20000 };
    static char payload[BIG + 1];
    const uint8_t *d;
    mqc_ssize n;
    int i;

    start(state);
    memset(payload, 'q', BIG);
    for (i = 0; i < 3; i++) {
        mqc_publish p;

        memset(&p, 0, sizeof(p));
        p.topic.ptr = "b";
        p.topic.len = 1;
        p.payload.ptr = (const uint8_t *)payload;
        p.payload.len = BIG;
        p.qos = 0;
        assert_int_equal(mqc_session_publish(H.s, &p, (uint64_t)i, 0), 0);
        n = mqc_session_send(H.s, &d, 0);
        assert_true(n > BIG);
        mqc_session_sent(H.s, 10, 0);
        hs_drop(&H);
        hs_connect(&H, 0);
    }
    /* QoS 0 is done once in the output; the records were all released. */
    assert_int_equal(H.ndone, 3);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
}

static void test_trace(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 1);
    hs_connect(&H, 0);
    assert_int_equal(hs_publish(&H, 2, "t", "x", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "x");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.npackets_out, 3); /* CONNECT, PUBLISH, PUBREL */
    assert_int_equal(H.npackets_in, 3);  /* CONNACK, PUBREC, PUBCOMP */
    hs_del(&H);
}

static void test_del_cancels(void **state)
{
    mqc_session_opts o;
    mqc_session *s;
    mqc_publish_result *r;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 2;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "2", 2), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "3", 3), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "4", 4), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "1");
    hs_expect_publish(&H, 2, 0, 2, "t", "2");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    s = H.s;
    mqc_session_del(s);
    assert_int_equal(H.ndone, 4);
    for (r = H.done; r < H.done + 4; r++) {
        assert_int_equal(r->outcome, MQC_OUTCOME_CANCELLED);
        assert_int_equal(r->token, (uint64_t)(r - H.done) + 1);
    }
    assert_int_equal(H.done[1].qos, 2);
    assert_int_equal(H.done[2].qos, 1);
    assert_int_equal(H.done[3].qos, 0);
}

/* Counting allocator: no allocation per message after warm-up. */
static size_t nalloc;
static void *c_malloc(size_t n, void *u)
{
    (void)u;
    nalloc++;
    return malloc(n);
}
static void *c_realloc(void *p, size_t n, void *u)
{
    (void)u;
    nalloc++;
    return realloc(p, n);
}
static void c_free(void *p, void *u)
{
    (void)u;
    free(p);
}

static void test_no_alloc_per_message(void **state)
{
    mqc_session_opts o;
    mqc_callbacks cb;
    mqc_mem mem = {NULL, c_malloc, c_realloc, c_free};
    uint16_t id = 4;
    int i;

    hs_opts(&o, *(const mqc_protocol *)*state);
    memset(&H, 0, sizeof(H));
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION;
    H.proto = o.protocol;
    nalloc = 0;
    assert_int_equal(mqc_session_new(&H.s, &o, &cb, &H, &mem), 0);
    assert_int_equal(nalloc, 1); /* one block: the session and its store */
    hs_connect(&H, 0);
    for (i = 0; i < 3; i++) { /* warm-up */
        assert_int_equal(hs_publish(&H, 2, "t", "x", 0), 0);
        hs_next_type(&H);
        hs_peer_ack(&H, MQC_PUBREC, (uint16_t)(i + 1), 0);
        hs_next_type(&H);
        hs_peer_ack(&H, MQC_PUBCOMP, (uint16_t)(i + 1), 0);
        hs_peer_publish(&H, 2, 0, 1, "in", "y");
        hs_peer_ack(&H, MQC_PUBREL, 1, 0);
        hs_drain(&H);
        H.woff = H.wlen;
    }
    nalloc = 0;
    for (i = 3; i < 3000; i++) {
        uint8_t qos = (uint8_t)(i % 3);

        assert_int_equal(hs_publish(&H, qos, "t", "x", 0), 0);
        hs_drain(&H);
        if (qos)
            assert_true(hs_peer_ack(&H, qos == 1 ? MQC_PUBACK : MQC_PUBREC, id, 0) > 0);
        hs_drain(&H);
        if (qos == 2)
            assert_true(hs_peer_ack(&H, MQC_PUBCOMP, id, 0) > 0);
        if (qos)
            id++;
        assert_true(hs_peer_publish(&H, qos, 0, qos ? 1 : 0, "in", "y") > 0);
        if (qos == 2)
            assert_true(hs_peer_ack(&H, MQC_PUBREL, 1, 0) > 0);
        hs_drain(&H);
        H.woff = H.wlen;
    }
    assert_int_equal(nalloc, 0);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
}

#if MQC_ENABLE_RENEWAL
static void test_offline_subscribe_and_renewal(void **state)
{
    mqc_session_opts o;
    mqc_subscription sub[2];
    uint8_t b[64], codes[2] = {1, 0};
    uint16_t id;
    mqc_ssize n;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 100;
    hs_new(&H, &o, 0);
    memset(sub, 0, sizeof(sub));
    sub[0].filter.ptr = "a";
    sub[0].filter.len = 1;
    sub[0].qos = 1;
    sub[1].filter.ptr = "b/#";
    sub[1].filter.len = 3;
    sub[1].qos = 0;
    assert_int_equal(mqc_session_subscribe(H.s, sub, 2, NULL, 5, &id, 0), 0);
    assert_int_equal(id, 1);
    assert_int_equal(mqc_session_unfinished(H.s), 1);
    hs_connect(&H, 0);
    n = mqc_encode_subscribe(b, sizeof(b), H.proto, 1, sub, 2, NULL);
    hs_expect_bytes(&H, b, (size_t)n);
    /* Dropped before SUBACK: it goes again on the next connection. */
    hs_drop(&H);
    hs_connect(&H, 1);
    hs_expect_bytes(&H, b, (size_t)n);
    n = mqc_encode_suback(b, sizeof(b), H.proto, 1, codes, 2, NULL);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nsubs, 1);
    assert_int_equal(H.subs[0].token, 5);
    hs_expect_none(&H);
    /* Resumed: nothing to renew. Lost: everything remembered again. */
    hs_drop(&H);
    hs_connect(&H, 1);
    hs_expect_none(&H);
    hs_drop(&H);
    hs_connect(&H, 0);
    assert_int_equal(H.connack.session_lost, 1);
    n = mqc_encode_subscribe(b, sizeof(b), H.proto, 2, sub, 2, NULL);
    hs_expect_bytes(&H, b, (size_t)n);
    hs_expect_none(&H);
    n = mqc_encode_suback(b, sizeof(b), H.proto, 2, codes, 2, NULL);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nsubs, 2);
    assert_int_equal(H.subs[1].token, MQC_TOKEN_RENEWAL);
    /* Unsubscribed filters are not renewed. */
    assert_int_equal(mqc_session_unsubscribe(H.s, &sub[0].filter, 1, NULL, 6, &id, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_UNSUBSCRIBE);
    hs_drop(&H);
    hs_connect(&H, 0);
    assert_int_equal(hs_next_type(&H), MQC_UNSUBSCRIBE); /* still pending */
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);   /* the renewal of b/# */
    hs_expect_none(&H);
    hs_del(&H);
}
#endif

#if MQC_ENABLE_RENEWAL
/* A SUBSCRIBE still waiting for its SUBACK when the session is lost is not
 * repeated by the renewal: each filter is subscribed once per connection. */
static void test_renewal_skips_pending(void **state)
{
    mqc_session_opts o;
    mqc_subscription a = {{"a", 1}, 1, 0, 0, 0}, b = {{"b", 1}, 0, 0, 0, 0};
    uint8_t buf[64], code = 1;
    uint16_t id;
    mqc_ssize n;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_subscribe(H.s, &a, 1, NULL, 1, &id, 0), 0);
    assert_int_equal(id, 1);
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 1, &a, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n);
    n = mqc_encode_suback(buf, sizeof(buf), H.proto, 1, &code, 1, NULL);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    assert_int_equal(mqc_session_subscribe(H.s, &b, 1, NULL, 2, &id, 0), 0);
    assert_int_equal(id, 2);
    hs_drop(&H);
    hs_connect(&H, 0); /* clean session: the server forgot "a" */
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 2, &b, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n); /* pending: goes again as it was */
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 3, &a, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n); /* renewal: only "a" */
    hs_expect_none(&H);
    /* Lost again before either SUBACK: each goes once more, nothing doubled. */
    hs_drop(&H);
    hs_connect(&H, 0);
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 2, &b, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n);
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 4, &a, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n);
    hs_expect_none(&H);
    hs_del(&H);
}
#else
/* Without renewal (MQC_ENABLE_RENEWAL 0, make test-lean): a pending
 * request still goes again after a reconnect, but an acknowledged
 * subscription is not renewed when the server has lost the session; the
 * application learns it from on_connack and subscribes itself. */
static void test_no_renewal(void **state)
{
    mqc_session_opts o;
    mqc_subscription a = {{"a", 1}, 1, 0, 0, 0}, b = {{"b", 1}, 0, 0, 0, 0};
    uint8_t buf[64], code = 1;
    uint16_t id;
    mqc_ssize n;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_subscribe(H.s, &a, 1, NULL, 1, &id, 0), 0);
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 1, &a, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n);
    n = mqc_encode_suback(buf, sizeof(buf), H.proto, 1, &code, 1, NULL);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    assert_int_equal(mqc_session_subscribe(H.s, &b, 1, NULL, 2, &id, 0), 0);
    assert_int_equal(id, 2);
    hs_drop(&H);
    hs_connect(&H, 0); /* clean session: the server forgot "a" */
    assert_int_equal(H.connack.session_present, 0);
    n = mqc_encode_subscribe(buf, sizeof(buf), H.proto, 2, &b, 1, NULL);
    hs_expect_bytes(&H, buf, (size_t)n); /* pending: goes again as it was */
    hs_expect_none(&H);                  /* "a" is the application's to renew */
    hs_del(&H);
}
#endif

static void test_bad_args(void **state)
{
    mqc_session_opts o;
    mqc_session *s;
    mqc_callbacks cb;

    hs_opts(&o, *(const mqc_protocol *)*state);
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION + 1;
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), MQC_ERR_INVAL);
    cb.version = MQC_CALLBACKS_VERSION;
    o.version = 99;
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), MQC_ERR_INVAL);
    o.version = MQC_SESSION_OPTS_VERSION;
    o.protocol = (mqc_protocol)2; /* 3 is MQTT 3.1 */
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), MQC_ERR_INVAL);
#if !MQC_ENABLE_V5
    o.protocol = MQC_V5; /* a 3.1.1-only build refuses 5.0 */
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), MQC_ERR_INVAL);
#endif
    hs_opts(&o, *(const mqc_protocol *)*state);
    o.store_capacity = 1; /* a tiny ring: nothing fits, nothing breaks */
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), 0);
    {
        mqc_publish p = {{"t", 1}, {NULL, 0}, 1, 0, 0, 0, NULL};

        assert_int_equal(mqc_session_publish(s, &p, 0, 0), MQC_ERR_QUEUE_FULL);
    }
    mqc_session_del(s);
    hs_opts(&o, *(const mqc_protocol *)*state);
    {
        static uint8_t ring[256];
        mqc_store st;
        mqc_store_ops ops;

        assert_int_equal(mqc_store_mem_init(&st, ring, sizeof(ring)), 0);
        ops = *st.ops;
        ops.version = MQC_STORE_VERSION + 1;
        st.ops = &ops;
        o.store = &st;
        assert_int_equal(mqc_session_new(&s, &o, NULL, NULL, NULL), MQC_ERR_INVAL);
        o.store = NULL;
    }
    assert_int_equal(mqc_session_new(&s, &o, NULL, NULL, NULL), 0);
    assert_int_equal(mqc_session_disconnect(s, 0, 0), MQC_ERR_STATE);
    assert_int_equal(mqc_session_protocol(s), o.protocol);
    mqc_session_del(s);
    start(state);
    assert_int_equal(hs_publish(&H, 3, "t", "x", 0), MQC_ERR_INVAL);
    assert_int_equal(hs_publish(&H, 1, "t/#", "x", 0), MQC_ERR_INVAL);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    assert_int_equal(mqc_session_disconnect(H.s, 0, 0), 0);
    hs_expect_disconnect(&H, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_disconnect_graceful(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    assert_int_equal(mqc_session_disconnect(H.s, 0, 0), 0);
    /* DISCONNECT is the last packet: "b" and the PUBACK below stay behind. */
    hs_expect_disconnect(&H, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0); /* still taken in */
    assert_true(hs_peer_publish(&H, 1, 0, 4, "t", "in") > 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(mqc_session_disconnect(H.s, 0, 0), 0);
    hs_expect_disconnect(&H, 0);
    hs_drop(&H);
    assert_int_equal(mqc_session_disconnect(H.s, 0, 0), MQC_ERR_STATE);
    hs_connect(&H, 0);
    hs_expect_publish(&H, 1, 0, 3, "t", "b"); /* clean session: a fresh id */
    hs_expect_none(&H);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_coalesced),
        BOTH(test_partial_writes),
        BOTH(test_large_message_zero_copy),
        BOTH(test_zero_copy_dropped_midway),
        BOTH(test_trace),
        BOTH(test_del_cancels),
        BOTH(test_no_alloc_per_message),
#if MQC_ENABLE_RENEWAL
        BOTH(test_offline_subscribe_and_renewal),
        BOTH(test_renewal_skips_pending),
#else
        BOTH(test_no_renewal),
#endif
        BOTH(test_bad_args),
        BOTH(test_disconnect_graceful),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
