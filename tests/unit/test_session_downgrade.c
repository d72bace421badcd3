/* Session: a server without QoS 2 (RabbitMQ's MQTT plugin) answers a QoS 2
 * PUBLISH with PUBACK. The message ends MQC_OUTCOME_DOWNGRADED (never silently
 * acknowledged, never waited on forever), the connection closes as a protocol
 * error (5.0: DISCONNECT 0x82), and the message is not sent again. 3.1.1 and 5.0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

/* start(): a resumable session, which shows what is (not) resent. */
#include "session_probe.h"

static void expect_protocol_close(void)
{
    if (H.proto == MQC_V5)
        hs_expect_disconnect(&H, 0x82);
    hs_expect_none(&H);
}

static void test_puback_for_qos2_downgrades(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 2, "t", "exactly once", 7), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "exactly once");
    assert_int_equal(hs_peer_ack(&H, MQC_PUBACK, 1, 0), MQC_ERR_QOS2_PUBACK);
    assert_true(mqc_err_is_fatal(MQC_ERR_QOS2_PUBACK));
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_DOWNGRADED);
    assert_int_equal(H.done[0].token, 7);
    assert_int_equal(H.done[0].qos, 2);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    /* No PUBREL: the server ended the exchange with its PUBACK. */
    expect_protocol_close();
    /* Resumed: nothing to resend; new messages go as usual. */
    reconnect(1);
    hs_expect_none(&H);
    assert_int_equal(hs_publish(&H, 1, "t", "next", 8), 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "next");
    hs_del(&H);
}

static void test_others_in_flight_are_resent(void **state)
{
    start(state);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    hs_expect_publish(&H, 2, 0, 2, "t", "b");
    assert_int_equal(hs_peer_ack(&H, MQC_PUBACK, 1, 0), MQC_ERR_QOS2_PUBACK);
    expect_protocol_close();
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].token, 1);
    /* b keeps its place: resent (DUP) on the resumed session, its own outcome
     * decided by the answer it gets there. */
    reconnect(1);
    hs_expect_publish(&H, 2, 1, 2, "t", "b");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

static void test_puback_after_pubrec_is_ignored(void **state)
{
    /* Past PUBREC only PUBCOMP ends it; a stray PUBACK does not. */
    start(state);
    assert_int_equal(hs_publish(&H, 2, "t", "m", 3), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "m");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

#define V3(f) cmocka_unit_test_prestate(f, (void *)&v3)
#define V5(f) cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        V3(test_puback_for_qos2_downgrades),
        V5(test_puback_for_qos2_downgrades),
        V3(test_others_in_flight_are_resent),
        V5(test_others_in_flight_are_resent),
        V3(test_puback_after_pubrec_is_ignored),
        V5(test_puback_after_pubrec_is_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
