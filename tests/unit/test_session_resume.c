/*
 * Session: the connection drops after every single step of the QoS 1 and
 * QoS 2 exchanges, both directions, then comes back (a) resumed: exactly the
 * right packets are resent, nothing is delivered twice or lost; (b) with
 * session present 0: the documented policy (MQC_LOST_RESEND / MQC_LOST_FAIL).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5, v31 = MQC_V31;

static void start(void **state, mqc_lost_policy policy)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 3600;
    o.lost_policy = policy;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(H.connack.session_lost, 0);
}

static void reconnect(uint8_t sp)
{
    hs_drop(&H);
    H.now += 1000;
    hs_connect(&H, sp);
}

/* ---- outbound QoS 1 ---- */

static void test_out_qos1_drop_before_write_resumed(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    reconnect(1);
    hs_expect_publish(&H, 1, 0, 1, "t", "a"); /* never written: DUP 0 */
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

static void test_out_qos1_drop_after_publish_resumed(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    reconnect(1);
    hs_expect_publish(&H, 1, 1, 1, "t", "a"); /* DUP 1, same id */
    hs_expect_none(&H);
    reconnect(1); /* and again */
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].token, 1);
    reconnect(1);
    hs_expect_none(&H); /* acked: never again */
    assert_int_equal(H.ndone, 1);
    hs_del(&H);
}

static void test_out_qos1_drop_after_publish_lost_resend(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    reconnect(0);
    assert_int_equal(H.connack.session_lost, 1);
    hs_expect_publish(&H, 1, 0, 2, "t", "a"); /* a new message: fresh id, DUP 0 */
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[0].id, 2);
    hs_del(&H);
}

static void test_out_qos1_drop_after_publish_lost_fail(void **state)
{
    start(state, MQC_LOST_FAIL);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_expect_publish(&H, 1, 0, 2, "t", "b");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    reconnect(0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_SESSION_LOST);
    assert_int_equal(H.done[1].token, 1);
    assert_int_equal(H.done[1].id, 1);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
}

/* ---- outbound QoS 2 ---- */

static void test_out_qos2_drop_after_publish(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    reconnect(1);
    hs_expect_publish(&H, 2, 1, 1, "t", "a");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

static void test_out_qos2_drop_after_pubrec(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    /* PUBREL queued but the connection drops before it is written. */
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0); /* PUBREL, never the PUBLISH */
    hs_expect_none(&H);
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    reconnect(1);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_out_qos2_drop_after_pubrel_sent(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    /* A late PUBREC for it changes nothing: no PUBLISH, no second PUBREL. */
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    hs_del(&H);
}

static void test_out_qos2_lost_after_publish(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    reconnect(0);
    hs_expect_publish(&H, 2, 0, 2, "t", "a"); /* documented: may duplicate */
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

static void test_out_qos2_lost_after_pubrec(void **state)
{
    start(state, MQC_LOST_FAIL);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    reconnect(0);
    /* PUBREC moved the message to the server: acked, under both policies. */
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

static void test_out_qos2_lost_fail(void **state)
{
    start(state, MQC_LOST_FAIL);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    reconnect(0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_SESSION_LOST);
    hs_del(&H);
}

/* Clean session: every reconnect has session present 0; in-flight messages
 * follow the policy and the queue is kept. */
static void test_clean_reconnect_keeps_queue(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.max_inflight = 1;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "b", 2), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_expect_none(&H);
    reconnect(0);
    assert_int_equal(H.connack.session_lost, 0); /* we did not ask to resume */
    hs_expect_publish(&H, 1, 0, 2, "t", "a");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 2, 0) > 0);
    hs_expect_publish(&H, 1, 0, 3, "t", "b");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[1].token, 2);
    hs_del(&H);
}

/* ---- inbound QoS 1 ---- */

static void test_in_qos1_drop_after_publish(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 1, 0, 7, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    reconnect(1);
    /* The broker resends before our PUBACK went: not delivered again. */
    assert_true(hs_peer_publish(&H, 1, 1, 7, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBACK, 7, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_in_qos1_drop_after_puback(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 1, 0, 7, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBACK, 7, 0);
    reconnect(1);
    hs_expect_none(&H);
    hs_del(&H);
}

/* ---- inbound QoS 2 ---- */

static void test_in_qos2_drop_after_publish(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    reconnect(1);
    assert_true(hs_peer_publish(&H, 2, 1, 7, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, 0);
    assert_int_equal(H.nmsgs, 1);
    hs_del(&H);
}

static void test_in_qos2_drop_after_pubrec(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    reconnect(1);
    hs_expect_none(&H);
    /* The broker did not see our PUBREC: it resends the PUBLISH. */
    assert_true(hs_peer_publish(&H, 2, 1, 7, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    reconnect(1);
    /* This time it had it: PUBREL. */
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, 0);
    hs_expect_none(&H);
    assert_int_equal(H.nmsgs, 1);
    hs_del(&H);
}

static void test_in_qos2_drop_after_pubrel(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    reconnect(1);
    /* PUBCOMP was never written; the broker resends PUBREL: one PUBCOMP. */
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, 0);
    hs_expect_none(&H);
    assert_int_equal(H.nmsgs, 1);
    hs_del(&H);
}

static void test_in_qos2_drop_after_pubcomp(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, 0);
    reconnect(1);
    hs_expect_none(&H);
    /* Our PUBCOMP was lost: the broker resends PUBREL, we answer again. */
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, H.proto == MQC_V5 ? 0x92 : 0);
    assert_int_equal(H.nmsgs, 1);
    hs_del(&H);
}

static void test_in_qos2_session_lost_clears_set(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    reconnect(0);
    hs_expect_none(&H);
    /* The broker has no session: id 7 is a new message now. */
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 2);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    hs_del(&H);
}

/* Delivered, not yet acked by the application, broker resends after a
 * reconnect: not delivered again; PUBREC goes once the application acks. */
static void test_in_qos2_deferred_across_reconnect(void **state)
{
    start(state, MQC_LOST_RESEND);
    H.defer = 1;
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "a") > 0);
    hs_expect_none(&H);
    reconnect(1);
    assert_true(hs_peer_publish(&H, 2, 1, 7, "t", "a") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 7, 0, H.now), 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 7, 0, H.now), MQC_ERR_STATE);
    hs_del(&H);
}

/* ---- order ---- */

static void test_resend_order_mixed(void **state)
{
    start(state, MQC_LOST_RESEND);
    assert_int_equal(hs_publish(&H, 1, "t", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "2", 2), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "3", 3), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "4", 4), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "5", 5), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "1");
    hs_expect_publish(&H, 2, 0, 2, "t", "2");
    hs_expect_publish(&H, 1, 0, 3, "t", "3");
    hs_expect_publish(&H, 2, 0, 4, "t", "4");
    hs_expect_publish(&H, 2, 0, 5, "t", "5");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 4, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 4, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0) > 0);
    assert_int_equal(hs_publish(&H, 1, "t", "6", 6), 0); /* new: after the resends */
    reconnect(1);
    hs_expect_publish(&H, 1, 1, 1, "t", "1");
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_ack(&H, MQC_PUBREL, 4, 0);
    hs_expect_publish(&H, 2, 1, 5, "t", "5");
    hs_expect_publish(&H, 1, 0, 6, "t", "6"); /* never written: DUP 0 */
    hs_expect_none(&H);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)
/* Also in 3.1, where a session asked to resume is always resumed (no lost case). */
#define ALL3(f) BOTH(f), cmocka_unit_test_prestate(f, (void *)&v31)

int main(void)
{
    const struct CMUnitTest tests[] = {
        ALL3(test_out_qos1_drop_before_write_resumed),
        ALL3(test_out_qos1_drop_after_publish_resumed),
        BOTH(test_out_qos1_drop_after_publish_lost_resend),
        BOTH(test_out_qos1_drop_after_publish_lost_fail),
        ALL3(test_out_qos2_drop_after_publish),
        ALL3(test_out_qos2_drop_after_pubrec),
        ALL3(test_out_qos2_drop_after_pubrel_sent),
        BOTH(test_out_qos2_lost_after_publish),
        BOTH(test_out_qos2_lost_after_pubrec),
        BOTH(test_out_qos2_lost_fail),
        ALL3(test_clean_reconnect_keeps_queue),
        ALL3(test_in_qos1_drop_after_publish),
        ALL3(test_in_qos1_drop_after_puback),
        ALL3(test_in_qos2_drop_after_publish),
        ALL3(test_in_qos2_drop_after_pubrec),
        ALL3(test_in_qos2_drop_after_pubrel),
        ALL3(test_in_qos2_drop_after_pubcomp),
        BOTH(test_in_qos2_session_lost_clears_set),
        ALL3(test_in_qos2_deferred_across_reconnect),
        ALL3(test_resend_order_mixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
