/*
 * The inbound side at volume: thousands of QoS 2 ids awaiting PUBREL (the
 * set in src/session/relset.c, grown, probed and shrunk in every order),
 * and acks leaving in batches while a large read is taken in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "session/session.h" /* MQCS_ACK_BATCH */
#include "helper_session.h"
#include "session_probe.h"

#define MANY 3000u

static uint32_t lcg(uint32_t *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x >> 8;
}

static void publish_expect(uint16_t id, uint8_t dup, size_t deliveries)
{
    H.nmsgs = 0;
    assert_true(hs_peer_publish(&H, 2, dup, id, "t", "x") > 0);
    hs_expect_ack(&H, MQC_PUBREC, id, 0);
    assert_int_equal(H.nmsgs, deliveries);
    if (deliveries)
        assert_int_equal(H.msgs[0].id, id);
}

/* Ids in a shuffled order, so the set removes from every probe position. */
static void shuffled(uint16_t *ids, uint32_t seed)
{
    uint32_t i, j;
    uint16_t t;

    for (i = 0; i < MANY; i++)
        ids[i] = (uint16_t)(i + 1);
    for (i = MANY - 1; i > 0; i--) {
        j = lcg(&seed) % (i + 1);
        t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
    }
}

/* Every id is delivered once, answered again (not delivered) when resent
 * before its PUBREL, across a resumed session too, completed by its own
 * PUBREL in any order; a PUBREL for a completed id gets 0x92 and the id is
 * free for a new message. */
static void test_many_awaiting_pubrel(void **state)
{
    static uint16_t ids[MANY];
    uint32_t i;

    start(state);
    for (i = 1; i <= MANY; i++)
        publish_expect((uint16_t)i, 0, 1);
    reconnect(1);
    shuffled(ids, 7);
    for (i = 0; i < MANY; i += 3)
        publish_expect(ids[i], 1, 0);
    shuffled(ids, 11);
    for (i = 0; i < MANY; i++) {
        assert_true(hs_peer_ack(&H, MQC_PUBREL, ids[i], 0) > 0);
        hs_expect_ack(&H, MQC_PUBCOMP, ids[i], 0);
        if (i % 500 == 0) /* a resend of one still waiting: not delivered */
            publish_expect(ids[MANY - 1], 1, 0);
    }
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, ids[0], 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, ids[0], H.proto == MQC_V5 ? 0x92 : 0);
    publish_expect(ids[0], 0, 1);
    hs_del(&H);
}

/* The server lost the session: the ids awaiting PUBREL go with it, so the
 * same ids are new messages on the new session. */
static void test_awaiting_pubrel_forgotten_with_session(void **state)
{
    uint16_t i;

    start(state);
    for (i = 1; i <= 100; i++)
        publish_expect(i, 0, 1);
    reconnect(0);
    for (i = 1; i <= 100; i++)
        publish_expect(i, 0, 1);
    hs_del(&H);
}

/* 100 QoS 1 PUBLISHes in one read: the session takes them until
 * MQCS_ACK_BATCH acks are ready, the caller writes those, and the rest
 * follows, so the server's window refills while the read is worked off. */
static void test_acks_leave_in_batches(void **state)
{
    static uint8_t in[100 * 16];
    mqc_publish p;
    size_t len = 0, off = 0, one = 0, acked = 0;
    mqc_ssize n;
    uint16_t i;

    start(state);
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.qos = 1;
    for (i = 1; i <= 100; i++) {
        p.id = i;
        n = mqc_encode_publish(in + len, sizeof(in) - len, H.proto, &p);
        assert_true(n > 0);
        one = (size_t)n;
        len += one;
    }
    while (off < len) {
        n = mqc_session_recv(H.s, in + off, len - off, H.now);
        assert_true(n > 0);
        off += (size_t)n;
        assert_int_equal((size_t)n, off < len ? MQCS_ACK_BATCH * one : (100 % MQCS_ACK_BATCH) * one);
        for (; acked < off / one; acked++)
            hs_expect_ack(&H, MQC_PUBACK, (uint16_t)(acked + 1), 0);
        hs_expect_none(&H);
    }
    assert_int_equal(acked, 100);
    hs_del(&H);
}

/* 100 PUBRELs in one read (ids awaiting PUBREL): they wait behind
 * MQCS_ACK_BATCH ready PUBCOMPs like PUBLISHes do, so the entries stay few
 * (a read of thousands made as many, each looked for among all). */
static void test_pubcomps_leave_in_batches(void **state)
{
    static uint8_t in[100 * 4];
    size_t len = 0, off = 0, done = 0;
    mqc_ssize n;
    uint16_t i;

    start(state);
    for (i = 1; i <= 100; i++)
        publish_expect(i, 0, 1);
    for (i = 1; i <= 100; i++) {
        n = mqc_encode_ack(in + len, sizeof(in) - len, H.proto, MQC_PUBREL, i, 0, NULL);
        assert_int_equal(n, 4);
        len += 4;
    }
    while (off < len) {
        n = mqc_session_recv(H.s, in + off, len - off, H.now);
        assert_true(n > 0);
        off += (size_t)n;
        assert_int_equal((size_t)n, off < len ? MQCS_ACK_BATCH * 4 : (100 % MQCS_ACK_BATCH) * 4);
        for (; done < off / 4; done++)
            hs_expect_ack(&H, MQC_PUBCOMP, (uint16_t)(done + 1), 0);
        hs_expect_none(&H);
    }
    assert_int_equal(done, 100);
    hs_del(&H);
}

#define V3(f) cmocka_unit_test_prestate(f, (void *)&v3)
#define V5(f) cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        V3(test_many_awaiting_pubrel),
        V5(test_many_awaiting_pubrel),
        V3(test_awaiting_pubrel_forgotten_with_session),
        V5(test_awaiting_pubrel_forgotten_with_session),
        V3(test_acks_leave_in_batches),
        V5(test_acks_leave_in_batches),
        V3(test_pubcomps_leave_in_batches),
        V5(test_pubcomps_leave_in_batches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
