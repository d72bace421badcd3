/* Session defects found by the Spin model (model/README.md), each as the
 * model's counter-example replayed here, in 3.1.1 and 5.0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;

/*
 * QoS 1 inbound: our PUBACK for id 2 reaches the server after a reconnect,
 * while its resend of the same PUBLISH (DUP) is on the way to us; we take
 * that as a new publication (3.1.1 §4.3.2) and owe PUBACK 2 again. The
 * server, holding our first PUBACK, reuses id 2 for a new message. It
 * must be delivered: the session used to take it for the resend and drop
 * it, and its PUBACK then acknowledged a message never delivered.
 */
static void test_qos1_id_reused_while_puback_pending(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 3600;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_true(hs_peer_publish(&H, 1, 0, 2, "t", "m0") > 0);
    hs_drop(&H);                                /* PUBACK 2 not written */
    hs_connect(&H, 1);
    hs_expect_ack(&H, MQC_PUBACK, 2, 0);
    assert_true(hs_peer_publish(&H, 1, 1, 2, "t", "m0") > 0); /* the resend */
    assert_true(hs_peer_publish(&H, 1, 0, 2, "t", "m1") > 0); /* id 2 reused */
    assert_int_equal(H.nmsgs, 3);
    assert_memory_equal(H.msgs[2].payload, "m1", 2);
    hs_expect_ack(&H, MQC_PUBACK, 2, 0);
    hs_expect_ack(&H, MQC_PUBACK, 2, 0);
    hs_expect_none(&H);
    hs_del(&H);
}

/* Manual acks of two QoS 1 entries with one id: each is acked once. */
static void test_qos1_same_id_manual_ack(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.manual_ack = 1;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_true(hs_peer_publish(&H, 1, 0, 7, "t", "a") > 0);
    assert_true(hs_peer_publish(&H, 1, 0, 7, "t", "b") > 0);
    assert_int_equal(H.nmsgs, 2);
    hs_expect_none(&H);                         /* both wait for the app */
    assert_int_equal(mqc_session_ack(H.s, 7, 0, 0), 0);
    hs_expect_ack(&H, MQC_PUBACK, 7, 0);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_ack(H.s, 7, 0, 0), 0);
    hs_expect_ack(&H, MQC_PUBACK, 7, 0);
    assert_int_equal(mqc_session_ack(H.s, 7, 0, 0), MQC_ERR_STATE);
    hs_expect_none(&H);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_qos1_id_reused_while_puback_pending),
        BOTH(test_qos1_same_id_manual_ack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
