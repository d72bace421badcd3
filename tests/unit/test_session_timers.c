/*
 * Session timers with a fake clock: keep alive and PINGRESP timeout, Server
 * Keep Alive, 3.1.1 resend backoff, 5.0 ack timeout, max_attempts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;
static const uint8_t pingresp[2] = {0xD0, 0x00};

static void start_opts(mqc_session_opts *o)
{
    hs_new(&H, o, 0);
    hs_connect(&H, 0);
}

/* Advances the clock and runs the timers. */
static int at(mqc_tstamp t)
{
    H.now = t;
    return mqc_session_handle_expiry(H.s, t);
}

static void test_keepalive_ping(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.keep_alive = 10;
    H.now = 1000;
    hs_new(&H, &o, 0);
    H.now = 1000;
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE); /* not connected */
    hs_connect(&H, 0); /* CONNECT written at 1000 */
    assert_int_equal(mqc_session_keep_alive(H.s), 10);
    assert_int_equal(mqc_session_get_expiry(H.s), 11000);
    assert_int_equal(at(10999), 0);
    hs_expect_none(&H);
    assert_int_equal(at(11000), 0);
    hs_expect_ping(&H); /* written at 11000 */
    hs_expect_none(&H);
    /* Waiting for PINGRESP (default: a quarter keep alive). */
    assert_int_equal(mqc_session_get_expiry(H.s), 13500);
    assert_true(hs_peer(&H, pingresp, 2) > 0);
    assert_int_equal(mqc_session_get_expiry(H.s), 21000); /* next ping: 10 s after 11000 */
    /* Sending alone does not move it: nothing was received since 11000. */
    H.now = 15000;
    assert_int_equal(hs_publish(&H, 0, "t", "x", 1), 0);
    hs_expect_publish(&H, 0, 0, 0, "t", "x");
    assert_int_equal(mqc_session_get_expiry(H.s), 21000);
    /* Receiving too: now the last write (15000) decides. */
    H.now = 16000;
    assert_true(hs_peer_publish(&H, 0, 0, 0, "t", "y") > 0);
    assert_int_equal(mqc_session_get_expiry(H.s), 25000);
    assert_int_equal(at(24999), 0);
    hs_expect_none(&H);
    assert_int_equal(at(25000), 0);
    hs_expect_ping(&H);
    assert_int_equal(at(27499), 0);
    assert_int_equal(at(27500), MQC_ERR_KEEPALIVE_TIMEOUT);
    hs_del(&H);
}

static void test_ping_timeout_option(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.keep_alive = 5;
    o.ping_timeout_ms = 1500;
    start_opts(&o);
    assert_int_equal(at(5000), 0);
    hs_expect_ping(&H);
    assert_int_equal(mqc_session_get_expiry(H.s), 6500);
    assert_int_equal(at(6499), 0);
    assert_int_equal(at(6500), MQC_ERR_KEEPALIVE_TIMEOUT);
    hs_del(&H);
}

static void test_keepalive_off(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    start_opts(&o);
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE);
    assert_int_equal(at(1000000), 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_server_keep_alive(void **state)
{
    mqc_session_opts o;
    mqc_props props;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.keep_alive = 60;
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_SERVER_KEEP_ALIVE);
    props.server_keep_alive = 3;
    assert_true(hs_peer_connack(&H, 0, 0, &props) > 0);
    assert_int_equal(mqc_session_keep_alive(H.s), 3);
    assert_int_equal(mqc_session_get_expiry(H.s), 3000);
    assert_int_equal(at(3000), 0);
    hs_expect_ping(&H);
    hs_del(&H);
}

static void test_v3_retry_backoff(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V311);
    o.retry_interval_ms = 1000;
    o.retry_max_interval_ms = 4000;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a"); /* at 0 */
    assert_int_equal(mqc_session_get_expiry(H.s), 1000);
    assert_int_equal(at(999), 0);
    hs_expect_none(&H);
    assert_int_equal(at(1000), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 3000); /* 2 s */
    assert_int_equal(at(3000), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 7000); /* 4 s */
    assert_int_equal(at(7000), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 11000); /* capped at 4 s */
    assert_int_equal(at(11000), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE);
    assert_int_equal(H.ndone, 1);
    hs_del(&H);
}

static void test_v3_retry_constant(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V311);
    o.retry_interval_ms = 500;
    o.retry_max_interval_ms = 0;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 500);
    assert_int_equal(at(500), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 1000);
    assert_int_equal(at(1000), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 1500);
    hs_del(&H);
}

static void test_v3_retry_pubrel(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V311);
    o.retry_interval_ms = 1000;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 2, "t", "a", 1), 0);
    hs_expect_publish(&H, 2, 0, 1, "t", "a");
    H.now = 500;
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0); /* at 500: the backoff starts again */
    assert_int_equal(mqc_session_get_expiry(H.s), 1500);
    assert_int_equal(at(1500), 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0); /* never the PUBLISH */
    assert_int_equal(mqc_session_get_expiry(H.s), 3500);
    hs_del(&H);
}

static void test_retry_off_by_default(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    assert_int_equal(o.retry_interval_ms, 0);
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE);
    assert_int_equal(at(10000000), 0);
    hs_expect_none(&H);
    hs_del(&H);
}

static void test_v5_no_resend_ack_timeout(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.clean = 0;
    o.session_expiry = 60;
    o.retry_interval_ms = 1000; /* ignored by 5.0 */
    o.ack_timeout_ms = 5000;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 5000);
    assert_int_equal(at(1000), 0);
    assert_int_equal(at(4999), 0);
    hs_expect_none(&H);
    assert_int_equal(at(5000), MQC_ERR_ACK_TIMEOUT);
    hs_expect_none(&H);
    /* The caller closes and reconnects: resent once the session resumes. */
    hs_drop(&H);
    H.now = 6000;
    hs_connect(&H, 1);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 11000);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 1);
    hs_del(&H);
}

static void test_max_attempts_v3_live(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V311);
    o.retry_interval_ms = 100;
    o.max_attempts = 2;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 5), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(at(100), 0);
    hs_expect_publish(&H, 1, 1, 1, "t", "a");
    assert_int_equal(H.ndone, 0);
    assert_int_equal(at(300), 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_FAILED);
    assert_int_equal(H.done[0].token, 5);
    assert_int_equal(H.done[0].id, 1);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_del(&H);
}

static void test_max_attempts_on_resume(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 60;
    o.max_attempts = 1;
    start_opts(&o);
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "b", 2), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    hs_expect_publish(&H, 2, 0, 2, "t", "b");
    hs_drop(&H);
    hs_connect(&H, 1);
    /* Both had their one send. The QoS 2 one keeps its id and releases it
     * with PUBREL (the server may hold it), without a second report. */
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_none(&H);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_FAILED);
    assert_int_equal(H.done[0].token, 1);
    assert_int_equal(H.done[1].outcome, MQC_OUTCOME_FAILED);
    assert_int_equal(H.done[1].token, 2);
    assert_int_equal(hs_publish(&H, 1, "t", "c", 3), 0);
    hs_expect_publish(&H, 1, 0, 3, "t", "c"); /* id 2 still held */
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(mqc_session_inflight(H.s), 1);
    hs_del(&H);
}

static void test_get_expiry_earliest(void **state)
{
    mqc_session_opts o;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.keep_alive = 10;
    o.ack_timeout_ms = 3000;
    start_opts(&o);
    assert_int_equal(mqc_session_get_expiry(H.s), 10000);
    H.now = 2000;
    assert_int_equal(hs_publish(&H, 1, "t", "a", 1), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "a");
    assert_int_equal(mqc_session_get_expiry(H.s), 5000);
    hs_drop(&H);
    assert_int_equal(mqc_session_get_expiry(H.s), MQC_TSTAMP_NONE);
    assert_int_equal(mqc_session_handle_expiry(H.s, 100000), 0);
    hs_del(&H);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&v3), cmocka_unit_test_prestate(f, (void *)&v5)
#define ONE(f) cmocka_unit_test_prestate(f, (void *)&v3)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_keepalive_ping),
        BOTH(test_ping_timeout_option),
        BOTH(test_keepalive_off),
        ONE(test_server_keep_alive),
        ONE(test_v3_retry_backoff),
        ONE(test_v3_retry_constant),
        ONE(test_v3_retry_pubrel),
        BOTH(test_retry_off_by_default),
        ONE(test_v5_no_resend_ack_timeout),
        ONE(test_max_attempts_v3_live),
        BOTH(test_max_attempts_on_resume),
        ONE(test_get_expiry_earliest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
