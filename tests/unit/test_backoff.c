/* The reconnect policy (src/client/backoff.c) on a fake clock: connect-then-drop
 * brokers, failed attempts, long stable connections, reconnect_min 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "client/backoff.h"

#define RMIN 1000u
#define RMAX 30000u
#define STABLE 10000u

static mqc_tstamp now = 1000000;
static uint64_t rnd_state = 88172645463325252ull;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/* One connection: CONNACK, optionally an answer, lost after up_ms. */
static uint32_t session(backoff *b, uint32_t up_ms, int answered, backoff_kind *k)
{
    uint32_t d;
    backoff_connected(b, now);
    if (answered)
        backoff_answered(b);
    now += up_ms;
    d = backoff_next(b, now, rnd(), k);
    now += d;
    return d;
}

static void test_failed_attempts_double_to_cap(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t i, want = RMIN, d;
    (void)st;
    backoff_init(&b, RMIN, RMAX, STABLE);
    for (i = 1; i <= 12; i++) {
        d = backoff_next(&b, now, rnd(), &k);
        assert_int_equal(k, BACKOFF_ATTEMPT_FAILED);
        assert_int_equal(b.failures, i);
        assert_in_range(d, want / 2, want);
        want = want * 2 > RMAX ? RMAX : want * 2;
    }
}

static void test_connect_then_drop_grows(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t i, d = 0;
    (void)st;
    backoff_init(&b, RMIN, RMAX, STABLE);
    /* Accepted, then dropped 50 ms later with no packet from the broker. */
    for (i = 1; i <= 8; i++) {
        d = session(&b, 50, 0, &k);
        assert_int_equal(k, BACKOFF_UNPROVEN);
        assert_int_equal(b.failures, i);
    }
    assert_in_range(d, RMAX / 2, RMAX);
    /* Same broker but idle for 9.9 s: still not stable, still counted. */
    d = session(&b, STABLE - 100, 0, &k);
    assert_int_equal(k, BACKOFF_UNPROVEN);
    assert_int_equal(b.failures, 9);
}

static void test_answered_resets(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t d, i;
    (void)st;
    backoff_init(&b, RMIN, RMAX, STABLE);
    for (i = 0; i < 5; i++)
        (void)backoff_next(&b, now, rnd(), &k);
    assert_int_equal(b.failures, 5);
    /* A short connection in which the broker acked something: the network
     * cut a working link, so the retry comes soon (issue 10: waiting up to
     * the minimum after each let a subscriber fall far behind). */
    d = session(&b, 120, 1, &k);
    assert_int_equal(k, BACKOFF_PROVEN);
    assert_int_equal(b.failures, 0);
    assert_in_range(d, 0, RMIN / 4);
    /* A flaky link that keeps cutting working connections: never more. */
    for (i = 0; i < 100; i++) {
        d = session(&b, 50 + i, 1, &k);
        assert_int_equal(b.failures, 0);
        assert_in_range(d, 0, RMIN / 4);
    }
    /* A failed attempt after it starts from the minimum again. */
    d = backoff_next(&b, now, rnd(), &k);
    assert_int_equal(b.failures, 1);
    assert_in_range(d, RMIN / 2, RMIN);
}

static void test_sent_away_counts(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t i, d = 0, want = RMIN;
    (void)st;
    backoff_init(&b, RMIN, RMAX, STABLE);
    /* A 5.0 broker that answers, then says DISCONNECT (e.g. another client
     * takes our id over): counted and doubling, answered or not, short or
     * long, so two clients with one id do not fight at full speed. */
    for (i = 1; i <= 7; i++) {
        backoff_connected(&b, now);
        backoff_answered(&b);
        now += i == 3 ? STABLE * 2 : 80;
        backoff_sent_away(&b);
        d = backoff_next(&b, now, rnd(), &k);
        assert_int_equal(k, BACKOFF_SENT_AWAY);
        assert_int_equal(b.failures, i);
        assert_in_range(d, want / 2, want);
        want = want * 2 > RMAX ? RMAX : want * 2;
        now += d;
    }
    /* The next connection lost without DISCONNECT is judged afresh. */
    d = session(&b, 120, 1, &k);
    assert_int_equal(k, BACKOFF_PROVEN);
    assert_int_equal(b.failures, 0);
}

static void test_stable_retries_soon(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t d, i, lo = UINT32_MAX, hi = 0;
    (void)st;
    backoff_init(&b, RMIN, RMAX, STABLE);
    for (i = 0; i < 7; i++)
        (void)backoff_next(&b, now, rnd(), &k);
    /* Up for an hour, idle (no answer needed): a drop is retried soon. */
    d = session(&b, 3600000, 0, &k);
    assert_int_equal(k, BACKOFF_STABLE);
    assert_int_equal(b.failures, 0);
    assert_in_range(d, 0, RMIN / 4);
    /* Jitter kept: the quick retries spread over [0, min/4]. */
    for (i = 0; i < 200; i++) {
        d = session(&b, STABLE, 1, &k);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    assert_true(lo < RMIN / 16);
    assert_true(hi > RMIN / 4 - RMIN / 16);
}

static void test_min_zero_is_not_hot(void **st)
{
    backoff b;
    backoff_kind k;
    uint32_t d, i;
    (void)st;
    backoff_init(&b, 0, 0, STABLE);
    /* A broker that drops every connection: never below the floor. */
    for (i = 0; i < 20; i++) {
        d = session(&b, 10, 0, &k);
        assert_in_range(d, BACKOFF_FLOOR_MS / 2, BACKOFF_FLOOR_MS);
    }
    backoff_init(&b, 0, 5000, STABLE);
    for (i = 0; i < 20; i++)
        d = backoff_next(&b, now, rnd(), &k);
    assert_in_range(d, 2500, 5000);
    /* After a connection that worked: at once. */
    d = session(&b, 200, 1, &k);
    assert_int_equal(d, 0);
    d = session(&b, STABLE, 0, &k);
    assert_int_equal(d, 0);
}

static void test_connack_timeouts_count(void **st)
{
    backoff b;
    backoff_kind k;
    (void)st;
    /* A CONNACK timeout (on the last address) is a failed attempt; a
     * connection that was up before does not leak its CONNACK time. */
    backoff_init(&b, RMIN, RMAX, STABLE);
    (void)session(&b, 20000, 1, &k);
    assert_int_equal(k, BACKOFF_STABLE);
    now += 10000; /* the connect timeout */
    (void)backoff_next(&b, now, rnd(), &k);
    assert_int_equal(k, BACKOFF_ATTEMPT_FAILED);
    (void)backoff_next(&b, now, rnd(), &k);
    assert_int_equal(k, BACKOFF_ATTEMPT_FAILED);
    assert_int_equal(b.failures, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_attempts_double_to_cap),
        cmocka_unit_test(test_connect_then_drop_grows),
        cmocka_unit_test(test_answered_resets),
        cmocka_unit_test(test_sent_away_counts),
        cmocka_unit_test(test_stable_retries_soon),
        cmocka_unit_test(test_min_zero_is_not_hot),
        cmocka_unit_test(test_connack_timeouts_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
