/*
 * Session review: adversarial cases around partial writes, reconnects, id
 * reuse, deferred acks, v5 CONNACK limits, keep alive and hostile input.
 * Every test counts on_publish_done: each outbound message gets exactly one
 * outcome, no more, no less.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

#include "session_probe.h"

/* ---- outbound QoS 2 ---- */

/* The PUBREL is only partly written when the connection drops: on resume
 * PUBREL again (never the PUBLISH), again after a second drop; a PUBCOMP
 * for an id not in flight is ignored; one outcome only. */
static void test_qos2_pubrel_partly_written(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    write_part(1);
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 99, 0) > 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].id, 1);
    assert_int_equal(H.done[0].qos, 2);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0); /* duplicate: nothing */
    assert_int_equal(H.ndone, 1);
    assert_int_equal(mqc_session_inflight(H.s), 0);
    reconnect(1);
    hs_expect_none(&H);
    hs_del(&H);
    assert_int_equal(H.ndone, 1);
}

/* Acks of the wrong type for an id (but PUBACK for QoS 2) are ignored without
 * changing state. */
static void test_wrong_ack_type_ignored(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_expect_publish(&H, 2, 0, 2, "t", "b");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);  /* QoS 1 message */
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    /* (A PUBACK for the QoS 2 message is no longer ignored: a server without
     * QoS 2 sends it; see test_session_downgrade.c.) */
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0); /* before PUBREC */
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    assert_int_equal(mqc_session_inflight(H.s), 2);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(outcome_of(1)->outcome, MQC_OUTCOME_ACKED);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(outcome_of(2)->outcome, MQC_OUTCOME_ACKED);
    hs_expect_none(&H);
    hs_del(&H);
    assert_int_equal(H.ndone, 2);
}

/* ---- partial writes, order, window refill ---- */

static void test_partial_write_mixed_order(void **state)
{
    mqc_session_opts o;
    uint64_t t;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 3600;
    o.max_inflight = 3;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "c", 3), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "d", 4), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "e", 5), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "f", 6), 0);
    assert_int_equal(mqc_session_inflight(H.s), 3);
    assert_int_equal(mqc_session_queued(H.s), 3);
    write_part(5); /* a, b, c handed out, 5 bytes written */
    reconnect(1);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    hs_expect_publish(&H, 2, 1, 2, "t", "b");
    hs_expect_publish(&H, 1, 1, 3, "t", "c");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    /* The window refills in application order as acks arrive. */
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0) > 0);
    hs_expect_publish(&H, 2, 0, 4, "t", "d");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    hs_expect_publish(&H, 1, 0, 5, "t", "e");
    hs_expect_publish(&H, 0, 0, 0, "t", "f");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 4, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 4, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 4, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 5, 0) > 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 6);
    for (t = 1; t <= 6; t++) {
        assert_int_equal(outcomes(t), 1);
        assert_int_equal(outcome_of(t)->outcome, MQC_OUTCOME_ACKED);
    }
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
    assert_int_equal(H.ndone, 6);
}

/* ---- inbound QoS 2 ---- */

/* PUBREC sent, drop, resumed, DUP resend: not delivered, PUBREC again;
 * PUBREL -> PUBCOMP; then id 5 reused for a NEW message: delivered. */
static void test_in_qos2_dup_then_id_reused(void **state)
{
    start(state);
    assert_true(hs_peer_publish(&H, 2, 0, 5, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 5, 0);
    reconnect(1);
    assert_true(hs_peer_publish(&H, 2, 1, 5, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 5, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 5, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 5, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_publish(&H, 2, 0, 5, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 2);
    assert_int_equal(H.msgs[1].payload[0], 'b');
    hs_expect_ack(&H, MQC_PUBREC, 5, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 5, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 5, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* Session present 0 after a reconnect: the awaiting-PUBREL set is void,
 * so PUBLISH id 5 is a new message. */
static void test_in_qos2_session_lost_id_is_new(void **state)
{
    start(state);
    assert_true(hs_peer_publish(&H, 2, 0, 5, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 5, 0);
    reconnect(0);
    assert_int_equal(H.connack.session_lost, 1);
    assert_true(hs_peer_publish(&H, 2, 0, 5, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 2);
    hs_expect_ack(&H, MQC_PUBREC, 5, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* ---- deferred acks across reconnects ---- */

static void test_deferred_across_reconnect_acked_once(void **state)
{
    start(state);
    H.defer = 1;
    assert_true(hs_peer_publish(&H, 1, 0, 3, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 2, 0, 4, "t", "b") > 0);
    assert_true(hs_peer_publish(&H, 1, 0, 6, "t", "c") > 0);
    hs_expect_none(&H);
    reconnect(1);
    assert_true(hs_peer_publish(&H, 1, 1, 3, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 2, 1, 4, "t", "b") > 0);
    assert_true(hs_peer_publish(&H, 1, 1, 6, "t", "c") > 0);
    assert_int_equal(H.nmsgs, 3);
    hs_expect_none(&H);
    /* Out of order from the application, in arrival order on the wire. */
    assert_int_equal(mqc_session_ack(H.s, 6, 0, H.now), 0);
    assert_int_equal(mqc_session_ack(H.s, 4, 0, H.now), 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 3, 0, H.now), 0);
    hs_expect_ack(&H, MQC_PUBACK, 3, 0);
    hs_expect_ack(&H, MQC_PUBREC, 4, 0);
    hs_expect_ack(&H, MQC_PUBACK, 6, 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 3, 0, H.now), MQC_ERR_STATE);
    assert_int_equal(mqc_session_ack(H.s, 4, 0, H.now), MQC_ERR_STATE);
    assert_int_equal(mqc_session_ack(H.s, 6, 0, H.now), MQC_ERR_STATE);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 4, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 4, 0);
    hs_expect_none(&H);
    reconnect(1);
    hs_expect_none(&H);
    assert_int_equal(H.nmsgs, 3);
    hs_del(&H);
}

/* The application acks while offline: the PUBREC goes out once on the next
 * connection; the broker's resend is answered, not delivered. */
static void test_deferred_acked_while_offline(void **state)
{
    start(state);
    H.defer = 1;
    assert_true(hs_peer_publish(&H, 2, 0, 4, "t", "b") > 0);
    hs_drop(&H);
    assert_int_equal(mqc_session_ack(H.s, 4, 0, H.now), 0);
    H.now += 1000;
    hs_connect(&H, 1);
    hs_expect_ack(&H, MQC_PUBREC, 4, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_publish(&H, 2, 1, 4, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 4, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 4, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 4, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* A 3.1.1 broker resending on a live connection while the application
 * still holds the message: no second delivery, no ack before the app's. */
static void test_in_dup_while_deferred(void **state)
{
    start(state);
    H.defer = 1;
    assert_true(hs_peer_publish(&H, 2, 0, 8, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 1, 0, 9, "t", "b") > 0);
    assert_true(hs_peer_publish(&H, 2, 1, 8, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 1, 1, 9, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 2);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 9, 0, H.now), 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 8, 0, H.now), 0);
    hs_expect_ack(&H, MQC_PUBREC, 8, 0);
    hs_expect_ack(&H, MQC_PUBACK, 9, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_publish(&H, 2, 1, 8, "t", "a") > 0); /* after PUBREC: again PUBREC */
    assert_int_equal(H.nmsgs, 2);
    hs_expect_ack(&H, MQC_PUBREC, 8, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 8, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 8, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* ---- packet identifiers ---- */

/* SUBSCRIBE/UNSUBSCRIBE and PUBLISH share the client's id space; ids are
 * kept across a resume. */
static void test_ids_shared_and_kept(void **state)
{
    mqc_subscription sub = {{"f", 1}, 1, 0, 0, 0};
    mqc_str unsub = {"g", 1};
    mqc_packet p;
    uint16_t id;

    start(state);
    assert_int_equal(mqc_session_subscribe(H.s, &sub, 1, NULL, 10, &id, H.now), 0);
    assert_int_equal(id, 1);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(mqc_session_unsubscribe(H.s, &unsub, 1, NULL, 11, &id, H.now), 0);
    assert_int_equal(id, 3);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    next_pkt(&p);
    assert_int_equal(p.type, MQC_SUBSCRIBE);
    assert_int_equal(p.id, 1);
    next_pkt(&p);
    assert_int_equal(p.type, MQC_UNSUBSCRIBE);
    assert_int_equal(p.id, 3);
    hs_expect_publish(&H, 1, 0, 2, "t", "a");
    hs_expect_publish(&H, 2, 0, 4, "t", "b");
    hs_expect_none(&H);
    assert_true(peer_suback(1, 1) > 0);
    assert_int_equal(H.nsubs, 1);
    reconnect(1);
    next_pkt(&p);
    assert_int_equal(p.type, MQC_UNSUBSCRIBE);
    assert_int_equal(p.id, 3);
    hs_expect_publish(&H, 1, 1, 2, "t", "a");
    hs_expect_publish(&H, 2, 1, 4, "t", "b");
    hs_expect_none(&H);
    assert_int_equal(hs_publish(&H, 1, "t", "c", 3), 0);
    hs_expect_publish(&H, 1, 0, 5, "t", "c");
    assert_int_equal(mqc_session_subscribe(H.s, &sub, 1, NULL, 12, &id, H.now), 0);
    assert_int_equal(id, 6);
    hs_del(&H);
    assert_int_equal(H.ndone, 3);
    assert_int_equal(outcomes(1) + outcomes(2) + outcomes(3), 3);
}

/* Session lost with a SUBSCRIBE pending: renumbered messages never take
 * the SUBSCRIBE's id. */
static void test_ids_unique_after_session_lost(void **state)
{
    mqc_subscription sub = {{"f", 1}, 1, 0, 0, 0};
    mqc_packet p;
    uint16_t id, ids[3];
    int i;

    start(state);
    assert_int_equal(mqc_session_subscribe(H.s, &sub, 1, NULL, 10, &id, H.now), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    hs_expect_publish(&H, 1, 0, 2, "t", "a");
    hs_expect_publish(&H, 2, 0, 3, "t", "b");
    reconnect(0);
    next_pkt(&p);
    assert_int_equal(p.type, MQC_SUBSCRIBE);
    ids[0] = p.id;
    assert_int_equal(p.id, id);
    for (i = 1; i < 3; i++) {
        next_pkt(&p);
        assert_int_equal(p.type, MQC_PUBLISH);
        assert_int_equal(p.publish.dup, 0);
        assert_int_equal(p.publish.qos, i);
        ids[i] = p.id;
    }
    hs_expect_none(&H);
    assert_true(ids[0] != ids[1] && ids[0] != ids[2] && ids[1] != ids[2]);
    assert_int_equal(H.ndone, 0);
    hs_del(&H);
    assert_int_equal(H.ndone, 2);
}

/* ---- 5.0 CONNACK limits ---- */

static void test_v5_pubrec_success_code(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0x10) > 0); /* no subscribers: success */
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_v5_server_keep_alive_zero(void **state)
{
    mqc_session_opts o;
    mqc_props props;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.keep_alive = 30;
    hs_new(&H, &o, 0);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_SERVER_KEEP_ALIVE);
    props.server_keep_alive = 0;
    assert_true(peer_connack_props(0, &props) > 0);
    assert_int_equal(mqc_session_keep_alive(H.s), 0);
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE);
    assert_int_equal(at(1000000), 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* ---- timers ---- */

/* A PUBLISH received does not postpone the PINGREQ (the last write does
 * not either: the earlier of the two decides), nor does it stand in for
 * the PINGRESP, awaited a quarter keep alive. */
static void test_keepalive_counts_sent_only(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.keep_alive = 10;
    start_opts(&o); /* CONNECT written at 0 */
    H.now = 5000;
    assert_true(hs_peer_publish(&H, 0, 0, 0, "t", "x") > 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_get_expiry(H.s), 10000);
    assert_int_equal(at(10000), 0);
    hs_expect_ping(&H);
    H.now = 12000;
    assert_true(hs_peer_publish(&H, 0, 0, 0, "t", "y") > 0);
    assert_int_equal(at(12499), 0);
    assert_int_equal(at(12500), MQC_ERR_KEEPALIVE_TIMEOUT);
    hs_del(&H);
}

/* 3.1.1 live resend: a QoS 2 message FAILED after max_attempts keeps its id
 * until a PUBREL/PUBCOMP releases it; its outcome is reported once, and
 * mqc_session_del() does not cancel it a second time. */
static void test_v3_failed_qos2_reported_once(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.retry_interval_ms = 1000;
    o.max_attempts = 2;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_int_equal(at(1000), 0);
    hs_expect_publish(&H, 2, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 3000); /* interval doubled */
    assert_int_equal(at(3000), 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_FAILED);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "b"); /* id 1 still held */
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_publish(&H, 1, 1, 2, "t", "b");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(mqc_session_inflight(H.s), 1);
    hs_del(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(outcome_of(2)->outcome, MQC_OUTCOME_CANCELLED);
}

/* Deleted while offline with a FAILED QoS 2 still holding its id, an
 * in-flight QoS 1, a PUBREC'd QoS 2 and queued messages: CANCELLED once
 * each for the unfinished ones, nothing for the one already reported. */
static void test_del_offline_cancels_once(void **state)
{
    mqc_session_opts o;
    uint64_t t;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.max_inflight = 3;
    o.retry_interval_ms = 1000;
    o.max_attempts = 1;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_int_equal(at(1000), 0); /* FAILED, id 1 held */
    assert_int_equal(H.ndone, 1);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "c", 3), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "d", 4), 0);
    assert_int_equal(hs_publish(&H, 0, "t", "e", 5), 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "b");
    hs_expect_publish(&H, 2, 0, 3, "t", "c");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 3, 0) > 0);
    hs_drop(&H);
    hs_del(&H);
    assert_int_equal(H.ndone, 5);
    assert_int_equal(outcome_of(1)->outcome, MQC_OUTCOME_FAILED);
    for (t = 1; t <= 5; t++)
        assert_int_equal(outcomes(t), 1);
    for (t = 2; t <= 5; t++)
        assert_int_equal(outcome_of(t)->outcome, MQC_OUTCOME_CANCELLED);
}

/* ---- hostile input ---- */

static void test_publish_id_zero(void **state)
{
    static const uint8_t v3_pub[] = {0x32, 0x05, 0x00, 0x01, 't', 0x00, 0x00};
    static const uint8_t v5_pub[] = {0x32, 0x06, 0x00, 0x01, 't', 0x00, 0x00, 0x00};

    start(state);
    if (H.proto == MQC_V5)
        assert_int_equal(hs_peer(&H, v5_pub, sizeof(v5_pub)), MQC_ERR_MALFORMED_PACKET_ID);
    else
        assert_int_equal(hs_peer(&H, v3_pub, sizeof(v3_pub)), MQC_ERR_MALFORMED_PACKET_ID);
    assert_int_equal(H.nmsgs, 0);
    if (H.proto == MQC_V5)
        hs_expect_disconnect(&H, 0x81);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_unknown_suback_ignored(void **state)
{
    uint8_t b[16];
    mqc_ssize n;

    start(state);
    assert_true(peer_suback(77, 0) > 0);
    n = mqc_encode_unsuback(b, sizeof(b), H.proto, 78, (const uint8_t *)"\0",
                            H.proto == MQC_V5 ? 1 : 0, NULL);
    assert_true(n > 0);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.nsubs, 0);
    hs_expect_none(&H);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_del(&H);
}

static void test_remaining_length_hostile(void **state)
{
    static const uint8_t huge[] = {0x30, 0xFF, 0xFF, 0xFF, 0x7F};
    static const uint8_t five[] = {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
    mqc_session_opts o;
    int i;

    for (i = 0; i < 2; i++) {
        hs_opts(&o, *(const mqc_protocol *)*state);
        o.max_packet_in = 1024;
        start_opts(&o);
        if (i == 0)
            assert_int_equal(hs_peer(&H, huge, sizeof(huge)), MQC_ERR_PACKET_TOO_LARGE);
        else
            assert_int_equal(hs_peer(&H, five, sizeof(five)),
                             MQC_ERR_MALFORMED_REMAINING_LENGTH);
        if (H.proto == MQC_V5)
            hs_expect_disconnect(&H, i == 0 ? 0x95 : 0x81);
        hs_expect_none(&H);
        assert_int_equal(H.nmsgs, 0);
        hs_del(&H);
    }
}

/* Everything from CONNACK on, fed one byte at a time. */
static void test_one_byte_at_a_time(void **state)
{
    uint8_t in[512];
    size_t n = 0, i;
    mqc_ssize k;
    mqc_publish p;
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    k = mqc_encode_connack(in + n, sizeof(in) - n, H.proto, 0, 0, NULL);
    assert_true(k > 0);
    n += (size_t)k;
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "topic";
    p.topic.len = 5;
    p.payload.ptr = (const uint8_t *)"hello";
    p.payload.len = 5;
    p.qos = 2;
    p.id = 9;
    k = mqc_encode_publish(in + n, sizeof(in) - n, H.proto, &p);
    assert_true(k > 0);
    n += (size_t)k;
    p.qos = 1;
    p.id = 10;
    k = mqc_encode_publish(in + n, sizeof(in) - n, H.proto, &p);
    n += (size_t)k;
    for (i = 0; i < n; i++)
        assert_int_equal(hs_peer(&H, in + i, 1), 1);
    assert_int_equal(H.nconnack, 1);
    assert_int_equal(H.nmsgs, 2);
    assert_int_equal(H.msgs[0].id, 9);
    assert_int_equal(H.msgs[1].id, 10);
    assert_memory_equal(H.msgs[1].payload, "hello", 5);
    hs_expect_ack(&H, MQC_PUBREC, 9, 0);
    hs_expect_ack(&H, MQC_PUBACK, 10, 0);
    hs_expect_none(&H);
    n = (size_t)mqc_encode_ack(in, sizeof(in), H.proto, MQC_PUBREL, 9, 0, NULL);
    for (i = 0; i < n; i++)
        assert_int_equal(hs_peer(&H, in + i, 1), 1);
    hs_expect_ack(&H, MQC_PUBCOMP, 9, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)
#define V3(f) cmocka_unit_test_prestate(f, (void *)&v3)
#define V5(f) cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_qos2_pubrel_partly_written),
        BOTH(test_wrong_ack_type_ignored),
        BOTH(test_partial_write_mixed_order),
        BOTH(test_in_qos2_dup_then_id_reused),
        BOTH(test_in_qos2_session_lost_id_is_new),
        BOTH(test_deferred_across_reconnect_acked_once),
        BOTH(test_deferred_acked_while_offline),
        BOTH(test_in_dup_while_deferred),
        BOTH(test_ids_shared_and_kept),
        BOTH(test_ids_unique_after_session_lost),
        V5(test_v5_pubrec_success_code),
        V5(test_v5_server_keep_alive_zero),
        BOTH(test_keepalive_counts_sent_only),
        V3(test_v3_failed_qos2_reported_once),
        V3(test_del_offline_cancels_once),
        BOTH(test_publish_id_zero),
        BOTH(test_unknown_suback_ignored),
        BOTH(test_remaining_length_hostile),
        BOTH(test_one_byte_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
