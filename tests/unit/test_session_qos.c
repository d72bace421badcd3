/* Session: CONNECT/CONNACK and each QoS flow in both directions, exact packets,
 * in 3.1.1 and 5.0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;

static mqc_protocol proto_of(void **state)
{
    return *(const mqc_protocol *)*state;
}

static void start(void **state, int trace)
{
    mqc_session_opts o;

    hs_opts(&o, proto_of(state));
    hs_new(&H, &o, trace);
    hs_connect(&H, 0);
}

static void test_connect_packet(void **state)
{
    mqc_session_opts o;
    mqc_connect c;
    mqc_props p;
    uint8_t b[128];
    mqc_ssize n;

    hs_opts(&o, proto_of(state));
    o.keep_alive = 30;
    o.clean = 0;
    o.session_expiry = 600;
    hs_new(&H, &o, 0);
    assert_false(mqc_session_want_write(H.s));
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_true(mqc_session_want_write(H.s));
    memset(&c, 0, sizeof(c));
    memset(&p, 0, sizeof(p));
    c.protocol = H.proto;
    c.client_id = o.client_id;
    c.keep_alive = 30;
    c.clean = 0;
    if (H.proto == MQC_V5) {
        mqc_props_set(&p, MQC_PROP_SESSION_EXPIRY);
        p.session_expiry = 600;
        mqc_props_set(&p, MQC_PROP_RECEIVE_MAX);
        p.receive_max = 64;
        if (MQC_ENABLE_TOPIC_ALIAS) { /* none announced without them */
            mqc_props_set(&p, MQC_PROP_TOPIC_ALIAS_MAX);
            p.topic_alias_max = 16;
        }
        mqc_props_set(&p, MQC_PROP_MAX_PACKET_SIZE);
        p.max_packet_size = 16u << 20;
        c.props = &p;
    }
    n = mqc_encode_connect(b, sizeof(b), &c);
    assert_true(n > 0);
    hs_expect_bytes(&H, b, (size_t)n);
    /* Nothing but CONNECT before CONNACK, even with a message waiting. */
    assert_int_equal(hs_publish(&H, 1, "t", "x", 1), 0);
    hs_expect_none(&H);
    assert_false(mqc_session_is_connected(H.s));
    assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
    assert_int_equal(H.nconnack, 1);
    assert_int_equal(H.connack.session_present, 0);
    assert_int_equal(H.connack.session_lost, 0); /* first connection */
    assert_true(mqc_session_is_connected(H.s));
    hs_expect_publish(&H, 1, 0, 1, "t", "x");
    hs_del(&H);
}

static void test_connack_refused(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, proto_of(state));
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_int_equal(hs_peer_connack(&H, 0, H.proto == MQC_V5 ? 0x87 : 5, NULL),
                     MQC_ERR_CONNACK_REFUSED);
    assert_int_equal(H.nconnack, 1);
    assert_int_equal(H.connack.reason, H.proto == MQC_V5 ? 0x87 : 5);
    assert_false(mqc_session_is_connected(H.s));
    hs_del(&H);
}

static void test_qos0_out(void **state)
{
    start(state, 1);
    assert_int_equal(hs_publish(&H, 0, "a/b", "hello", 7), 0);
    hs_expect_publish(&H, 0, 0, 0, "a/b", "hello");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].token, 7);
    assert_int_equal(H.done[0].id, 0);
    assert_int_equal(H.done[0].qos, 0);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    assert_int_equal(H.npackets_out, 2); /* CONNECT, PUBLISH */
    assert_int_equal(H.npackets_in, 1);  /* CONNACK */
    hs_del(&H);
}

/* Offline: every QoS is queued, and goes out in order after CONNACK. */
static void test_offline_queue(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    assert_int_equal(hs_publish(&H, 0, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "c", 3), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "d", 4), 0);
    assert_int_equal(mqc_session_queued(H.s), 4);
    assert_int_equal(mqc_session_inflight(H.s), 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    hs_connect(&H, 0);
    hs_expect_publish(&H, 0, 0, 0, "t", "a");
    hs_expect_publish(&H, 1, 0, 1, "t", "b");
    hs_expect_publish(&H, 0, 0, 0, "t", "c");
    hs_expect_publish(&H, 2, 0, 2, "t", "d");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[1].token, 3);
    hs_del(&H);
}

static void test_qos1_out(void **state)
{
    start(state, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "m1", 11), 0);
    assert_int_equal(mqc_session_inflight(H.s), 1);
    hs_expect_publish(&H, 1, 0, 1, "t", "m1");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].token, 11);
    assert_int_equal(H.done[0].id, 1);
    assert_int_equal(H.done[0].qos, 1);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    /* A second ack for the same id changes nothing. */
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_qos2_out(void **state)
{
    start(state, 0);
    assert_int_equal(hs_publish(&H, 2, "t", "m2", 22), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "m2");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    assert_int_equal(H.ndone, 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].token, 22);
    assert_int_equal(H.done[0].qos, 2);
    assert_int_equal(mqc_session_inflight(H.s), 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_qos0_in(void **state)
{
    start(state, 0);
    assert_true(hs_peer_publish(&H, 0, 0, 0, "x/y", "zz") > 0);
    assert_int_equal(H.nmsgs, 1);
    assert_string_equal(H.msgs[0].topic, "x/y");
    assert_memory_equal(H.msgs[0].payload, "zz", 2);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_qos1_in(void **state)
{
    start(state, 0);
    assert_true(hs_peer_publish(&H, 1, 0, 5, "x", "p") > 0);
    assert_int_equal(H.nmsgs, 1);
    assert_int_equal(H.msgs[0].id, 5);
    hs_expect_ack(&H, MQC_PUBACK, 5, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_qos2_in(void **state)
{
    start(state, 0);
    assert_true(hs_peer_publish(&H, 2, 0, 9, "x", "p") > 0);
    assert_int_equal(H.nmsgs, 1); /* delivered at PUBLISH time */
    hs_expect_ack(&H, MQC_PUBREC, 9, 0);
    hs_expect_none(&H);
    /* Same id again before PUBREL, DUP or not: PUBREC again, no delivery. */
    assert_true(hs_peer_publish(&H, 2, 1, 9, "x", "p") > 0);
    assert_true(hs_peer_publish(&H, 2, 0, 9, "x", "p") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 9, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 9, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 9, 0);
    hs_expect_none(&H);
    /* After PUBREL the id is free: the same id is a new message. */
    assert_true(hs_peer_publish(&H, 2, 0, 9, "x", "q") > 0);
    assert_int_equal(H.nmsgs, 2);
    hs_expect_ack(&H, MQC_PUBREC, 9, 0);
    hs_del(&H);
}

static void test_pubrel_unknown(void **state)
{
    start(state, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 77, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 77, H.proto == MQC_V5 ? 0x92 : 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_both_directions_interleaved(void **state)
{
    start(state, 0);
    assert_int_equal(hs_publish(&H, 2, "o", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "o", "2", 2), 0);
    assert_true(hs_peer_publish(&H, 2, 0, 1, "i", "a") > 0); /* server ids are their own space */
    hs_expect_ack(&H, MQC_PUBREC, 1, 0);
    hs_expect_publish(&H, 2, 0, 1, "o", "1");
    hs_expect_publish(&H, 1, 0, 2, "o", "2");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 1, 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 2);
    assert_int_equal(H.done[1].token, 1);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_subscribe(void **state)
{
    mqc_subscription sub[2];
    mqc_str f = {"a/+", 3};
    uint8_t b[64], codes[2] = {1, 0x80}, ucode = 0x11;
    uint16_t id = 0;
    mqc_ssize n;

    start(state, 0);
    memset(sub, 0, sizeof(sub));
    sub[0].filter = f;
    sub[0].qos = 1;
    sub[1].filter.ptr = "b/#";
    sub[1].filter.len = 3;
    sub[1].qos = 2;
    assert_int_equal(mqc_session_subscribe(H.s, sub, 2, NULL, 42, &id, 0), 0);
    assert_int_equal(id, 1);
    n = mqc_encode_subscribe(b, sizeof(b), H.proto, 1, sub, 2, NULL);
    assert_true(n > 0);
    hs_expect_bytes(&H, b, (size_t)n);
    /* The subscription's id is in use: a message gets the next one. */
    assert_int_equal(hs_publish(&H, 1, "t", "x", 1), 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "x");
    n = mqc_encode_suback(b, sizeof(b), H.proto, 1, codes, 2, NULL);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nsubs, 1);
    assert_int_equal(H.subs[0].id, 1);
    assert_int_equal(H.subs[0].token, 42);
    assert_int_equal(H.subs[0].n, 2);
    assert_memory_equal(H.subs[0].codes, codes, 2);
    assert_int_equal(mqc_session_unsubscribe(H.s, &f, 1, NULL, 43, &id, 0), 0);
    assert_int_equal(id, 3);
    n = mqc_encode_unsubscribe(b, sizeof(b), H.proto, 3, &f, 1, NULL);
    hs_expect_bytes(&H, b, (size_t)n);
    n = mqc_encode_unsuback(b, sizeof(b), H.proto, 3, &ucode, H.proto == MQC_V5 ? 1 : 0, NULL);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nsubs, 2);
    assert_int_equal(H.subs[1].unsub, 1);
    assert_int_equal(H.subs[1].token, 43);
    assert_int_equal(H.subs[1].n, H.proto == MQC_V5 ? 1 : 0);
    if (H.proto == MQC_V5)
        assert_int_equal(H.subs[1].codes[0], 0x11);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_connect_packet),
        BOTH(test_connack_refused),
        BOTH(test_qos0_out),
        BOTH(test_offline_queue),
        BOTH(test_qos1_out),
        BOTH(test_qos2_out),
        BOTH(test_qos0_in),
        BOTH(test_qos1_in),
        BOTH(test_qos2_in),
        BOTH(test_pubrel_unknown),
        BOTH(test_both_directions_interleaved),
        BOTH(test_subscribe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
