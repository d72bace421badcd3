/*
 * Session, 5.0 Message Expiry on the client side (fake clock): each
 * PUBLISH carries what is left of the interval, resends too; a message
 * whose interval passed before it was sent ends with MQC_OUTCOME_EXPIRED
 * (QoS 0 and 1 queued, a resend of QoS 1, a resend of QoS 2 that then
 * releases its id with PUBREL); an interval of 0. Also the Session Expiry
 * Interval of our DISCONNECT.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

static hs H;

static void fill(mqc_publish *p, mqc_props *props, uint8_t qos, uint32_t expiry, const char *payload)
{
    memset(p, 0, sizeof(*p));
    memset(props, 0, sizeof(*props));
    p->topic.ptr = "t";
    p->topic.len = 1;
    p->payload.ptr = (const uint8_t *)payload;
    p->payload.len = strlen(payload);
    p->qos = qos;
    mqc_props_set(props, MQC_PROP_MESSAGE_EXPIRY);
    props->message_expiry = expiry;
    p->props = props;
}

static int publish(uint8_t qos, uint32_t expiry, const char *payload, uint64_t token)
{
    mqc_publish p;
    mqc_props props;

    fill(&p, &props, qos, expiry, payload);
    return mqc_session_publish(H.s, &p, token, H.now);
}

static void expect(uint8_t qos, uint8_t dup, uint16_t id, uint32_t expiry, const char *payload)
{
    mqc_publish p;
    mqc_props props;
    uint8_t b[128];
    mqc_ssize n;

    fill(&p, &props, qos, expiry, payload);
    p.dup = dup;
    p.id = id;
    n = mqc_encode_publish(b, sizeof(b), MQC_V5, &p);
    assert_true(n > 0);
    hs_expect_bytes(&H, b, (size_t)n);
}

static void new_session(void)
{
    mqc_session_opts o;

    hs_opts(&o, MQC_V5);
    o.clean = 0;
    o.session_expiry = 100;
    o.topic_alias_out = 0; /* the exact packets here carry the topic */
    hs_new(&H, &o, 0);
}

static void reconnect(uint8_t sp)
{
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(hs_peer_connack(&H, sp, 0, NULL) > 0);
}

/* Queued offline: sent with what is left (rounded up to a second), and the
 * resend after a drop with what is left then. */
static void test_remaining_interval(void **state)
{
    (void)state;
    new_session();
    assert_int_equal(publish(1, 10, "a", 1), 0);
    assert_int_equal(publish(2, 10, "b", 2), 0);
    H.now = 4500;
    reconnect(0);
    expect(1, 0, 1, 6, "a"); /* 5.5 s left: 6 */
    expect(2, 0, 2, 6, "b");
    hs_expect_none(&H);
    hs_drop(&H);
    H.now = 7000;
    reconnect(1);
    expect(1, 1, 1, 3, "a");
    expect(2, 1, 2, 3, "b");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    /* After PUBREC only PUBREL goes, whatever the expiry. */
    hs_drop(&H);
    H.now = 60000;
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

/* Rounded up at each millisecond past a whole second, and intervals whose
 * milliseconds pass 32 bits (about 50 days) are kept exactly: the seconds
 * left are computed without a 64-bit division (expiry.c). */
static void test_remaining_interval_exact(void **state)
{
    (void)state;
    new_session();
    assert_int_equal(publish(1, 10, "a", 1), 0);
    assert_int_equal(publish(1, 4000000000u, "b", 2), 0);
    H.now = 2999;
    reconnect(0);
    expect(1, 0, 1, 8, "a"); /* 7.001 s left: 8 */
    expect(1, 0, 2, 3999999998u, "b"); /* 3,999,999,997.001 s left */
    hs_expect_none(&H);
    hs_drop(&H);
    H.now = 3000;
    reconnect(1);
    expect(1, 1, 1, 7, "a"); /* exactly 7 s left */
    expect(1, 1, 2, 3999999997u, "b");
    hs_expect_none(&H);
    hs_del(&H);
}

/* Expired in the queue: not sent, their own outcome, in order; the ones
 * still alive go. The last millisecond still counts as alive (0 s left). */
static void test_expired_in_queue(void **state)
{
    (void)state;
    new_session();
    assert_int_equal(publish(0, 2, "q0", 10), 0);
    assert_int_equal(publish(1, 2, "q1", 11), 0);
    assert_int_equal(publish(1, 3, "alive", 12), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "forever", 13), 0);
    assert_int_equal(publish(0, 3, "edge", 14), 0);
    H.now = 3000;
    reconnect(0);
    expect(1, 0, 1, 0, "alive");
    hs_expect_publish(&H, 1, 0, 2, "t", "forever");
    expect(0, 0, 0, 0, "edge");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 3);
    assert_int_equal(H.done[0].token, 10);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_EXPIRED);
    assert_int_equal(H.done[1].token, 11);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_EXPIRED);
    assert_int_equal(H.done[1].id, 0);
    assert_int_equal(H.done[2].token, 14);
    assert_int_equal(H.done[2].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

/* Sent, then expired before the resend: QoS 1 ends EXPIRED; QoS 2 too, and
 * its id is released with PUBREL (the server may hold the PUBLISH). */
static void test_expired_before_resend(void **state)
{
    (void)state;
    new_session();
    reconnect(0);
    assert_int_equal(publish(1, 5, "a", 1), 0);
    assert_int_equal(publish(2, 5, "b", 2), 0);
    assert_int_equal(publish(1, 50, "c", 3), 0);
    expect(1, 0, 1, 5, "a");
    expect(2, 0, 2, 5, "b");
    expect(1, 0, 3, 50, "c");
    hs_drop(&H);
    H.now = 5001;
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    expect(1, 1, 3, 45, "c");
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_EXPIRED);
    assert_int_equal(H.done[1].token, 2);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_EXPIRED);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 3, 0) > 0);
    assert_int_equal(H.ndone, 3); /* the PUBCOMP only freed the id */
    hs_del(&H);
}

/* Past PUBREC the message is the server's: its expiry no longer applies, the
 * PUBREL goes again after the interval passed and PUBCOMP ends it ACKED. */
static void test_expiry_ignored_after_pubrec(void **state)
{
    (void)state;
    new_session();
    reconnect(0);
    assert_int_equal(publish(2, 5, "b", 1), 0);
    expect(2, 0, 1, 5, "b");
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_drop(&H);
    H.now = 5001;
    reconnect(1);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_ACKED);
    hs_del(&H);
}

/* Interval 0: sent with 0 in the millisecond it was published, else expired. */
static void test_expiry_zero(void **state)
{
    (void)state;
    new_session();
    reconnect(0);
    H.now = 100;
    assert_int_equal(publish(1, 0, "now", 1), 0);
    expect(1, 0, 1, 0, "now");
    hs_drop(&H);
    assert_int_equal(publish(1, 0, "late", 2), 0);
    H.now = 101;
    reconnect(1);
    hs_expect_none(&H); /* "now" expired before its resend, "late" before its send */
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_EXPIRED);
    assert_int_equal(H.done[1].token, 2);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_EXPIRED);
    hs_del(&H);
}

/* The DISCONNECT that ends the session carries the Session Expiry set. */
static void test_disconnect_session_expiry(void **state)
{
    mqc_session_opts o;
    mqc_props props;
    uint8_t b[32];
    mqc_ssize n;

    (void)state;
    new_session();
    reconnect(0);
    assert_int_equal(mqc_session_set_disconnect_expiry(H.s, 0), 0);
    assert_int_equal(mqc_session_disconnect(H.s, 0, H.now), 0);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_SESSION_EXPIRY);
    props.session_expiry = 0;
    n = mqc_encode_disconnect(b, sizeof(b), MQC_V5, 0, &props);
    assert_true(n > 0);
    hs_expect_bytes(&H, b, (size_t)n);
    hs_expect_none(&H);
    hs_del(&H);

    /* CONNECT said 0: a DISCONNECT may not make it non-zero. */
    hs_opts(&o, MQC_V5);
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_set_disconnect_expiry(H.s, 5), MQC_ERR_INVAL);
    assert_int_equal(mqc_session_set_disconnect_expiry(H.s, 0), 0);
    hs_del(&H);

    hs_opts(&o, MQC_V311);
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_set_disconnect_expiry(H.s, 0), MQC_ERR_STATE);
    hs_del(&H);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_remaining_interval),
        cmocka_unit_test(test_remaining_interval_exact),
        cmocka_unit_test(test_expired_in_queue),
        cmocka_unit_test(test_expired_before_resend),
        cmocka_unit_test(test_expiry_ignored_after_pubrec),
        cmocka_unit_test(test_expiry_zero),
        cmocka_unit_test(test_disconnect_session_expiry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
