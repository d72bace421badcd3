/*
 * Session: flow control and limits (window, Receive Maximum both ways,
 * queue and store full, packet ids wrapping), rejected acks, ack ordering,
 * and closing on malformed input or protocol errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;

static void start_opts(mqc_session_opts *o)
{
    hs_new(&H, o, 0);
    hs_connect(&H, 0);
}

static void start(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    start_opts(&o);
}

static void test_window_caps_inflight(void **state)
{
    mqc_session_opts o;
    char p[8];
    int i;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 3;
    start_opts(&o);
    for (i = 0; i < 5; i++) {
        snprintf(p, sizeof(p), "%d", i);
        assert_int_equal(hs_publish(&H, 1, "t", p, (uint64_t)i), 0);
    }
    assert_int_equal(mqc_session_inflight(H.s), 3);
    assert_int_equal(mqc_session_queued(H.s), 2);
    hs_expect_publish(&H, 1, 0, 1, "t", "0");
    hs_expect_publish(&H, 1, 0, 2, "t", "1");
    hs_expect_publish(&H, 1, 0, 3, "t", "2");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    hs_expect_publish(&H, 1, 0, 4, "t", "3");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    hs_expect_publish(&H, 1, 0, 5, "t", "4");
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_server_receive_max_caps_window(void **state)
{
    mqc_session_opts o;
    mqc_props props;
    int i;

    (void)state;
    hs_opts(&o, MQC_V5);
    hs_new(&H, &o, 0);
    for (i = 0; i < 4; i++)
        assert_int_equal(hs_publish(&H, 2, "t", "x", (uint64_t)i), 0);
    assert_int_equal(mqc_session_queued(H.s), 4); /* offline queue */
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_RECEIVE_MAX);
    props.receive_max = 2;
    assert_true(hs_peer_connack(&H, 0, 0, &props) > 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "x");
    hs_expect_publish(&H, 2, 0, 2, "t", "x");
    hs_expect_none(&H);
    /* PUBREC does not free a slot: the exchange is open until PUBCOMP. */
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    hs_expect_publish(&H, 2, 0, 3, "t", "x");
    hs_expect_none(&H);
    hs_del(&H);
}

/* The server's Receive Maximum shrank across a reconnect: the resends obey
 * it too (a PUBREL is always allowed). */
static void test_receive_max_shrinks_on_resume(void **state)
{
    mqc_session_opts o;
    mqc_props props;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.clean = 0;
    o.session_expiry = 100;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "c", 3), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    hs_expect_publish(&H, 1, 0, 2, "t", "b");
    hs_expect_publish(&H, 2, 0, 3, "t", "c");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 3, 0) > 0);
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_RECEIVE_MAX);
    props.receive_max = 1;
    assert_true(hs_peer_connack(&H, 1, 0, &props) > 0);
    hs_expect_publish(&H, 2, 1, 1, "t", "a");
    hs_expect_ack(&H, MQC_PUBREL, 3, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    hs_expect_publish(&H, 1, 1, 2, "t", "b");
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_our_receive_max_enforced(void **state)
{
    mqc_session_opts o;
    uint16_t i;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.receive_max = 3;
    start_opts(&o);
    uint8_t b[32];
    mqc_publish p;
    mqc_ssize n;

    H.defer = 1;
    for (i = 1; i <= 3; i++)
        assert_true(hs_peer_publish(&H, 1, 0, i, "t", "x") > 0);
    /* At the limit, with acks the application still owes: input waits. */
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.qos = 2;
    p.id = 4;
    n = mqc_encode_publish(b, sizeof(b), H.proto, &p);
    assert_true(n > 0);
    assert_int_equal(mqc_session_recv(H.s, b, (size_t)n, H.now), 0);
    assert_int_equal(H.nmsgs, 3);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 1, 0, H.now), 0);
    assert_int_equal(mqc_session_recv(H.s, b, (size_t)n, H.now), 0); /* PUBACK not out yet */
    hs_expect_ack(&H, MQC_PUBACK, 1, 0);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nmsgs, 4);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_receive_max_counts_until_ack_written(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.receive_max = 1;
    start_opts(&o);
    assert_true(hs_peer_publish(&H, 2, 0, 1, "t", "x") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 1, 0);
    /* Still open until our PUBCOMP: a second one is too many. */
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 1, 0);
    assert_true(hs_peer_publish(&H, 1, 0, 2, "t", "x") > 0);
    hs_expect_ack(&H, MQC_PUBACK, 2, 0);
    assert_int_equal(H.nmsgs, 2);
    hs_del(&H);
}

static void test_packet_id_wrap(void **state)
{
    mqc_session_opts o;
    uint32_t n;
    uint16_t id, prev;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 4;
    o.store_capacity = 4u << 20; /* A pins the ring's tail all along */
    start_opts(&o);
    /* Message A keeps id 1 in flight while the counter goes all the way
     * round. Ids rise; those in use are skipped, and those sharing their
     * residue in the window's index (outbound.c) too. */
    assert_int_equal(hs_publish(&H, 2, "t", "A", 0), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "A");
    assert_int_equal(hs_publish(&H, 1, "t", "B", 0), 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "B");
    for (n = 0, prev = 2;; n++, prev = id) {
        assert_int_equal(hs_publish(&H, 1, "t", "x", n), 0);
        id = hs_next_publish_id(&H);
        if (id < prev)
            break;
        assert_true(id > prev);
        assert_true(hs_peer_ack(&H, MQC_PUBACK, id, 0) > 0);
        H.ndone = 0;
    }
    assert_true(n > 32768); /* most ids were given */
    /* Past 65535: 0 is skipped, 1 and 2 are in use. */
    assert_int_equal(id, 3);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    assert_int_equal(mqc_session_subscribe(H.s, &(mqc_subscription){{"f", 1}, 1, 0, 0, 0}, 1,
                                           NULL, 9, &id, 0), 0);
    assert_int_equal(id, 4);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    assert_int_equal(hs_publish(&H, 1, "t", "D", 0), 0);
    hs_expect_publish(&H, 1, 0, 5, "t", "D");
    hs_expect_none(&H);
    hs_del(&H);
}

/* Acks in any order find their entries (the window moves the shorter side
 * over a finished entry and keeps its index by id); the order of the rest
 * is kept for a resend. */
static void test_acks_out_of_order(void **state)
{
    static const uint16_t order[] = {5, 2, 8, 1, 99, 5, 10, 3};
    mqc_session_opts o;
    size_t k, n;
    uint16_t id;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 8;
    o.clean = 0;
    o.session_expiry = 3600;
    start_opts(&o);
    for (id = 1; id <= 8; id++) {
        assert_int_equal(hs_publish(&H, 1, "t", "x", id), 0);
        hs_expect_publish(&H, 1, 0, id, "t", "x");
    }
    H.ndone = 0;
    for (k = n = 0; k < sizeof(order) / sizeof(order[0]); k++) {
        assert_true(hs_peer_ack(&H, MQC_PUBACK, order[k], 0) > 0);
        /* 99 is no id of ours, 5 is done already: both ignored. */
        if (order[k] != 99 && (order[k] != 5 || k == 0) && order[k] != 10) {
            assert_int_equal(H.ndone, ++n);
            assert_int_equal(H.done[n - 1].token, order[k]);
        }
        if (k == 3) { /* room for two more: 9 and 10 */
            assert_int_equal(hs_publish(&H, 1, "t", "x", 9), 0);
            assert_int_equal(hs_publish(&H, 1, "t", "x", 10), 0);
            hs_expect_publish(&H, 1, 0, 9, "t", "x");
            hs_expect_publish(&H, 1, 0, 10, "t", "x");
        }
        if (order[k] == 10) {
            assert_int_equal(H.ndone, ++n);
            assert_int_equal(H.done[n - 1].token, 10);
        }
    }
    /* Left: 4, 6, 7, 9 in that order, resent so after a reconnect. */
    hs_drop(&H);
    hs_connect(&H, 1);
    hs_expect_publish(&H, 1, 1, 4, "t", "x");
    hs_expect_publish(&H, 1, 1, 6, "t", "x");
    hs_expect_publish(&H, 1, 1, 7, "t", "x");
    hs_expect_publish(&H, 1, 1, 9, "t", "x");
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_queue_full(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 2;
    o.max_queued = 3;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "2", 2), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "3", 3), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "4", 4), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "5", 5), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "6", 6), MQC_ERR_QUEUE_FULL);
    assert_int_equal(hs_publish(&H, 0, "t", "6", 6), MQC_ERR_QUEUE_FULL);
    assert_int_equal(mqc_session_inflight(H.s), 2);
    assert_int_equal(mqc_session_queued(H.s), 3);
    assert_int_equal(H.ndone, 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "1");
    hs_expect_publish(&H, 1, 0, 2, "t", "2");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    /* Order kept: QoS 0 waited behind the QoS 1 before it, needs no slot. */
    hs_expect_publish(&H, 1, 0, 3, "t", "3");
    hs_expect_publish(&H, 0, 0, 0, "t", "4");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[1].token, 4);
    assert_int_equal(hs_publish(&H, 1, "t", "6", 6), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "7", 7), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "8", 8), MQC_ERR_QUEUE_FULL);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    hs_expect_publish(&H, 2, 0, 4, "t", "5");
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_store_full(void **state)
{
    mqc_session_opts o;
    mqc_store st;
    static uint8_t mem[256];
    int i, ok = 0;

    hs_opts(&o, *(const mqc_protocol *)*state);
    assert_int_equal(mqc_store_mem_init(&st, mem, sizeof(mem)), 0);
    o.store = &st;
    hs_new(&H, &o, 0);
    for (i = 0; i < 100; i++) {
        int rc = hs_publish(&H, 1, "topic", "payload-payload", (uint64_t)i);
        if (rc) {
            assert_int_equal(rc, MQC_ERR_QUEUE_FULL);
            break;
        }
        ok++;
    }
    assert_true(ok > 2 && ok < 100);
    assert_int_equal(mqc_session_queued(H.s), (size_t)ok);
    /* Connect: they all go out; the freed space takes new ones. */
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
    for (i = 0; i < ok; i++)
        hs_expect_publish(&H, 1, 0, (uint16_t)(i + 1), "topic", "payload-payload");
    for (i = 0; i < ok; i++)
        assert_true(hs_peer_ack(&H, MQC_PUBACK, (uint16_t)(i + 1), 0) > 0);
    assert_int_equal(H.ndone, (size_t)ok);
    for (i = 0; i < ok; i++)
        assert_int_equal(hs_publish(&H, 1, "topic", "payload-payload", 0), 0);
    assert_int_equal(hs_publish(&H, 1, "topic", "payload-payload", 0), MQC_ERR_QUEUE_FULL);
    hs_del(&H);
}

static void test_v5_rejected_acks(void **state)
{
    (void)state;
    {
        mqc_session_opts o;

        hs_opts(&o, MQC_V5);
        o.clean = 0;
        o.session_expiry = 100;
        start_opts(&o);
    }
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "c", 3), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_expect_publish(&H, 2, 0, 2, "t", "b");
    hs_expect_publish(&H, 1, 0, 3, "t", "c");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0x87) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0x97) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0x10) > 0); /* < 0x80: success */
    hs_expect_none(&H);                                   /* no PUBREL */
    assert_int_equal(H.ndone, 3);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_REJECTED);
    assert_int_equal(H.done[0].reason, 0x87);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_REJECTED);
    assert_int_equal(H.done[1].reason, 0x97);
    assert_int_equal(H.done[1].qos, 2);
    assert_int_equal(H.done[2].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[2].reason, 0x10);
    hs_drop(&H);
    hs_connect(&H, 1);
    hs_expect_none(&H); /* no resend */
    hs_del(&H);
}

static void test_server_max_packet_size(void **state)
{
    mqc_session_opts o;
    mqc_props props;

    (void)state;
    hs_opts(&o, MQC_V5);
    hs_new(&H, &o, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "0123456789", 1), 0); /* 2+3+2+10 = 17 bytes */
    assert_int_equal(hs_publish(&H, 1, "t", "01234", 2), 0);      /* 12 bytes */
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_MAX_PACKET_SIZE);
    props.max_packet_size = 16;
    assert_true(hs_peer_connack(&H, 0, 0, &props) > 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "01234");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_TOO_LARGE);
    assert_int_equal(H.done[0].token, 1);
    hs_del(&H);
}

static void test_server_max_qos_and_retain(void **state)
{
    mqc_session_opts o;
    mqc_props props;
    mqc_publish p;

    (void)state;
    hs_opts(&o, MQC_V5);
    hs_new(&H, &o, 0);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.retain = 1;
    assert_int_equal(mqc_session_publish(H.s, &p, 3, 0), 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_MAX_QOS);
    props.max_qos = 1;
    mqc_props_set(&props, MQC_PROP_RETAIN_AVAILABLE);
    props.retain_available = 0;
    assert_true(hs_peer_connack(&H, 0, 0, &props) > 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "b");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_REJECTED);
    assert_int_equal(H.done[0].reason, 0x9B);
    assert_int_equal(H.done[1].token, 3);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_REJECTED);
    assert_int_equal(H.done[1].reason, 0x9A);
    hs_del(&H);
}

static void test_deferred_ack_order(void **state)
{
    start(state);
    H.defer = 1;
    assert_true(hs_peer_publish(&H, 1, 0, 10, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 2, 0, 11, "t", "b") > 0);
    assert_true(hs_peer_publish(&H, 1, 0, 12, "t", "c") > 0);
    assert_true(hs_peer_publish(&H, 0, 0, 0, "t", "d") > 0);
    assert_int_equal(H.nmsgs, 4);
    hs_expect_none(&H);
    /* Later acks wait for the earlier one. */
    assert_int_equal(mqc_session_ack(H.s, 12, 0, 0), 0);
    assert_int_equal(mqc_session_ack(H.s, 11, 0, 0), 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 99, 0, 0), MQC_ERR_STATE);
    assert_int_equal(mqc_session_ack(H.s, 10, 0, 0), 0);
    hs_expect_ack(&H, MQC_PUBACK, 10, 0);
    hs_expect_ack(&H, MQC_PUBREC, 11, 0);
    hs_expect_ack(&H, MQC_PUBACK, 12, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_manual_ack_v5_refuse(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.manual_ack = 1;
    start_opts(&o);
    assert_true(hs_peer_publish(&H, 2, 0, 3, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 1, 0, 4, "t", "b") > 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 3, 0x80, 0), 0);
    hs_expect_ack(&H, MQC_PUBREC, 3, 0x80);
    hs_expect_none(&H);
    /* Refused: the exchange is over, id 3 is free again. */
    assert_true(hs_peer_publish(&H, 2, 0, 3, "t", "c") > 0);
    assert_int_equal(H.nmsgs, 3);
    assert_int_equal(mqc_session_ack(H.s, 4, 0, 0), 0);
    hs_expect_ack(&H, MQC_PUBACK, 4, 0);
    hs_del(&H);
}

static void test_malformed_closes(void **state)
{
    static const uint8_t bad_flags[] = {0x62, 0x02, 0x00, 0x01}; /* PUBREL flags 0010 required */
    static const uint8_t pubrel_bad[] = {0x60, 0x02, 0x00, 0x01};

    (void)bad_flags;
    start(state);
    assert_true(hs_peer(&H, pubrel_bad, sizeof(pubrel_bad)) <= MQC_ERR_CONN_FATAL);
    if (H.proto == MQC_V5)
        hs_expect_disconnect(&H, 0x81);
    hs_expect_none(&H);
    /* Nothing more is taken on this connection. */
    assert_int_equal(hs_peer(&H, bad_flags, sizeof(bad_flags)), MQC_ERR_STATE);
    hs_del(&H);
}

static void test_protocol_errors(void **state)
{
    static const uint8_t pingreq[] = {0xC0, 0x00};
    mqc_subscription sub = {{"a", 1}, 0, 0, 0, 0};
    uint8_t subscribe[16];
    mqc_ssize sn;
    mqc_session_opts o;
    int i;

    for (i = 0; i < 4; i++) {
        hs_opts(&o, *(const mqc_protocol *)*state);
        hs_new(&H, &o, 0);
        assert_int_equal(mqc_session_connect(H.s, 0), 0);
        assert_int_equal(hs_next_type(&H), MQC_CONNECT);
        if (i == 0) { /* a packet before CONNACK */
            assert_int_equal(hs_peer_publish(&H, 0, 0, 0, "t", "x"), MQC_ERR_PROTOCOL);
        } else {
            assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
            if (i == 1)
                assert_int_equal(hs_peer_connack(&H, 0, 0, NULL), MQC_ERR_PROTOCOL);
            else if (i == 2)
                assert_int_equal(hs_peer(&H, pingreq, 2), MQC_ERR_PROTOCOL);
            else {
                sn = mqc_encode_subscribe(subscribe, sizeof(subscribe), H.proto, 1, &sub, 1, NULL);
                assert_int_equal(hs_peer(&H, subscribe, (size_t)sn), MQC_ERR_PROTOCOL);
            }
        }
        assert_int_equal(H.nmsgs, 0);
        if (H.proto == MQC_V5)
            hs_expect_disconnect(&H, 0x82);
        hs_expect_none(&H);
        hs_del(&H);
    }
}

/* Session present in answer to a clean start: we have no state to match. */
static void test_session_present_on_clean_start(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_int_equal(hs_peer_connack(&H, 1, 0, NULL), MQC_ERR_PROTOCOL);
    assert_int_equal(H.nconnack, 0);
    assert_false(mqc_session_is_connected(H.s));
    if (H.proto == MQC_V5)
        hs_expect_disconnect(&H, 0x82);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_packet_too_large_refused_on_header(void **state)
{
    mqc_session_opts o;
    uint8_t hdr[] = {0x30, 0xE9, 0x07}; /* PUBLISH, remaining length 1001 */

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_packet_in = 1000;
    start_opts(&o);
    /* Refused as soon as the header is known, not one body byte needed. */
    assert_int_equal(hs_peer(&H, hdr, sizeof(hdr)), MQC_ERR_PACKET_TOO_LARGE);
    if (H.proto == MQC_V5)
        hs_expect_disconnect(&H, 0x95);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_packet_at_limit_in_pieces(void **state)
{
    mqc_session_opts o;
    uint8_t b[600];
    char payload[501];
    mqc_publish p;
    mqc_ssize n;
    size_t i;

    hs_opts(&o, *(const mqc_protocol *)*state);
    memset(payload, 'p', 500);
    payload[500] = 0;
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.payload.ptr = (const uint8_t *)payload;
    p.payload.len = 500;
    p.qos = 1;
    p.id = 3;
    n = mqc_encode_publish(b, sizeof(b), o.protocol, &p);
    assert_true(n > 0);
    o.max_packet_in = (uint32_t)n;
    start_opts(&o);
    for (i = 0; i < (size_t)n; i++)
        assert_int_equal(mqc_session_recv(H.s, b + i, 1, 0), 1);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBACK, 3, 0);
    hs_del(&H);
}

static void test_server_disconnect(void **state)
{
    static const uint8_t disc[] = {0xE0, 0x01, 0x8B};

    (void)state;
    {
        mqc_session_opts o;

        hs_opts(&o, MQC_V5);
        start_opts(&o);
    }
    assert_int_equal(hs_peer(&H, disc, sizeof(disc)), MQC_ERR_SERVER_DISCONNECT);
    assert_int_equal(H.ndisconnect, 1);
    assert_int_equal(H.disconnect_reason, 0x8B);
    hs_expect_none(&H);
    hs_del(&H);
}

/* With Topic Alias Maximum 0 (not announced) any alias is over it: 0x94. */
static void test_topic_alias_refused(void **state)
{
    mqc_session_opts o;
    mqc_publish p;
    mqc_props props;
    uint8_t b[64];
    mqc_ssize n;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.topic_alias_max = 0;
    start_opts(&o);
    memset(&p, 0, sizeof(p));
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS);
    props.topic_alias = 1;
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.props = &props;
    n = mqc_encode_publish(b, sizeof(b), MQC_V5, &p);
    assert_true(n > 0);
    assert_int_equal(hs_peer(&H, b, (size_t)n), MQC_ERR_TOPIC_ALIAS);
    assert_int_equal(H.nmsgs, 0);
    hs_expect_disconnect(&H, 0x94);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)
#define V5(f) cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_window_caps_inflight),
        V5(test_server_receive_max_caps_window),
        V5(test_receive_max_shrinks_on_resume),
        BOTH(test_our_receive_max_enforced),
        BOTH(test_receive_max_counts_until_ack_written),
        BOTH(test_packet_id_wrap),
        BOTH(test_acks_out_of_order),
        BOTH(test_queue_full),
        BOTH(test_store_full),
        V5(test_v5_rejected_acks),
        V5(test_server_max_packet_size),
        V5(test_server_max_qos_and_retain),
        BOTH(test_deferred_ack_order),
        V5(test_manual_ack_v5_refuse),
        BOTH(test_malformed_closes),
        BOTH(test_protocol_errors),
        BOTH(test_session_present_on_clean_start),
        BOTH(test_packet_too_large_refused_on_header),
        BOTH(test_packet_at_limit_in_pieces),
        V5(test_server_disconnect),
        V5(test_topic_alias_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
