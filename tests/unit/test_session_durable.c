/*
 * A session on a log store, killed (the session and store dropped without
 * a word: only what was committed stays) and started again from the same
 * bytes: outbound messages resume with DUP and their ids, PUBREL after
 * PUBREC, in order, with their tokens; inbound QoS 2 ids stay held, so a
 * resent PUBLISH is not delivered twice; subscriptions are renewed; and
 * nothing leaves before the state it depends on is in the log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "mqc.h"
#include "helper_logio.h"
#include "helper_session.h"
#include "common/config.h"

static hs H;
static memio M;
static mqc_store ST;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5, v31 = MQC_V31;

/* A new process: a store opened on the log's bytes, a session on it. */
static void boot(void **state, mqc_sync_policy sync, uint16_t window, int manual)
{
    mqc_session_opts o;
    mqc_log_opts lo;
    mqc_log_io io = memio_io(&M);

    hs_opts(&o, *(const mqc_protocol *)*state);
    mqc_log_opts_default(&lo);
    lo.sync = sync;
    assert_int_equal(mqc_store_log_open(&ST, &io, &lo, NULL, NULL), 0);
    o.clean = 0;
    o.session_expiry = 3600;
    o.store = &ST;
    o.max_inflight = window;
    o.manual_ack = (uint8_t)manual;
    hs_new(&H, &o, 0);
}

/* kill -9: nothing is written on the way out. */
static void crash(void)
{
    hs_del(&H);
    mqc_store_close(&ST);
}

static int teardown(void **state)
{
    (void)state;
    if (H.s)
        crash();
    memio_free(&M);
    return 0;
}

static const mqc_publish_result *outcome(uint64_t token)
{
    size_t i;

    for (i = 0; i < H.ndone; i++)
        if (H.done[i].token == token)
            return &H.done[i];
    return NULL;
}

static void test_outbound_resumes_after_crash(void **state)
{
    boot(state, MQC_SYNC_BATCH, 3, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "A", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "B", 2), 0);
    assert_int_equal(hs_publish(&H, 2, "t", "C", 3), 0);
    assert_int_equal(hs_publish(&H, 1, "t", "D", 4), 0); /* queued: window 3 */
    hs_connect(&H, 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "A");
    hs_expect_publish(&H, 2, 0, 2, "t", "B");
    hs_expect_publish(&H, 2, 0, 3, "t", "C");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    crash();

    boot(state, MQC_SYNC_BATCH, 3, 0);
    assert_int_equal(mqc_session_inflight(H.s), 3);
    assert_int_equal(mqc_session_queued(H.s), 1);
    hs_connect(&H, 1);
    /* The same ids, DUP, in order; after PUBREC only PUBREL. */
    hs_expect_publish(&H, 1, 1, 1, "t", "A");
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_publish(&H, 2, 1, 3, "t", "C");
    hs_expect_none(&H);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    hs_expect_publish(&H, 1, 0, 4, "t", "D"); /* the next id after the newest */
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 2, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 3, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 3, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBCOMP, 3, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 4, 0) > 0);
    /* Each recovered message reaches its end with its original token. */
    assert_int_equal(H.ndone, 4);
    assert_int_equal(outcome(1)->outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(outcome(2)->outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(outcome(3)->outcome, MQC_OUTCOME_ACKED);
    assert_int_equal(outcome(4)->outcome, MQC_OUTCOME_ACKED);
    /* The completions went in with no output after them: committed at the
     * end of the loop iteration (without it a restart would resend them,
     * which QoS 1 allows and a PUBREL makes harmless). */
    assert_int_equal(mqc_session_sync(H.s), 0);
    crash();

    /* Everything completed: a third process has nothing to resend. */
    boot(state, MQC_SYNC_BATCH, 3, 0);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_connect(&H, 1);
    hs_expect_none(&H);
}

static void test_inbound_qos2_held_across_crash(void **state)
{
    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 0);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "x") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    crash();

    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 1);
    /* The broker resends (it may not have had our PUBREC): not delivered. */
    assert_true(hs_peer_publish(&H, 2, 1, 7, "t", "x") > 0);
    assert_int_equal(H.nmsgs, 0);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREL, 7, 0) > 0);
    hs_expect_ack(&H, MQC_PUBCOMP, 7, 0);
    crash();

    /* Released: id 7 is a new message now. */
    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 1);
    assert_true(hs_peer_publish(&H, 2, 0, 7, "t", "y") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_ack(&H, MQC_PUBREC, 7, 0);
}

/* Write-ahead: under BATCH nothing is written when a message is accepted,
 * and everything a packet depends on is on disk (fsynced) before the
 * session hands the packet out. */
static void test_output_waits_for_the_commit(void **state)
{
    const uint8_t *data;
    size_t before;
    mqc_ssize n;

    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 0);
    before = M.len[0];
    assert_int_equal(hs_publish(&H, 2, "t", "A", 1), 0);
    assert_int_equal(M.len[0], before);
    n = mqc_session_send(H.s, &data, H.now);
    assert_true(n > 0);
    assert_true(M.len[0] > before);
    assert_int_equal(M.synced, M.len[0]);
    mqc_session_sent(H.s, (size_t)n, H.now);

    assert_true(hs_peer_publish(&H, 2, 0, 5, "t", "in") > 0);
    before = M.len[0];
    n = mqc_session_send(H.s, &data, H.now); /* the PUBREC */
    assert_true(n > 0);
    assert_true(M.len[0] > before);
    assert_int_equal(M.synced, M.len[0]);
}

/* ALWAYS: the publish call returns with its record fsynced. */
static void test_always_commits_on_accept(void **state)
{
    size_t before;

    boot(state, MQC_SYNC_ALWAYS, 20, 0);
    before = M.len[0];
    assert_int_equal(hs_publish(&H, 1, "t", "A", 1), 0);
    assert_true(M.len[0] > before);
    assert_int_equal(M.synced, M.len[0]);
    crash();
    boot(state, MQC_SYNC_ALWAYS, 20, 0);
    assert_int_equal(mqc_session_queued(H.s), 1);
    hs_connect(&H, 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "A");
}

/* BATCH: a message accepted but not yet committed is gone after a crash,
 * and it never reached the broker either. */
static void test_batch_uncommitted_is_not_sent(void **state)
{
    boot(state, MQC_SYNC_BATCH, 20, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "A", 1), 0);
    crash();
    boot(state, MQC_SYNC_BATCH, 20, 0);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_connect(&H, 0);
    hs_expect_none(&H);
}

/* A message kept back with MQC_ACK_DEFER and not acked before the crash
 * is not held: the broker's resend delivers it again (not lost). */
static void test_deferred_is_delivered_again(void **state)
{
    boot(state, MQC_SYNC_BATCH, 20, 1);
    hs_connect(&H, 0);
    assert_true(hs_peer_publish(&H, 2, 0, 9, "t", "x") > 0);
    assert_int_equal(H.nmsgs, 1);
    hs_expect_none(&H);
    assert_int_equal(mqc_session_sync(H.s), 0);
    crash();
    boot(state, MQC_SYNC_BATCH, 20, 1);
    hs_connect(&H, 1);
    assert_true(hs_peer_publish(&H, 2, 1, 9, "t", "x") > 0);
    assert_int_equal(H.nmsgs, 1);
    assert_int_equal(mqc_session_ack(H.s, 9, 0, H.now), 0);
    hs_expect_ack(&H, MQC_PUBREC, 9, 0);
}

#if MQC_ENABLE_RENEWAL
/* Acknowledged subscriptions are kept and renewed when the broker turns
 * out to have lost the session after the restart; lost_policy applies. */
static void test_subscriptions_renewed_after_crash(void **state)
{
    mqc_subscription sub;
    mqc_props props;
    uint8_t granted = 1;
    uint8_t pkt[64];
    mqc_ssize n;

    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 0);
    memset(&sub, 0, sizeof(sub));
    sub.filter.ptr = "a/#";
    sub.filter.len = 3;
    sub.qos = 1;
    /* Every option and a Subscription Identifier (5.0) must come back. */
    memset(&props, 0, sizeof(props));
    if (mqc_session_protocol(H.s) == MQC_V5) {
        sub.no_local = 1;
        sub.retain_as_published = 1;
        sub.retain_handling = 2;
        mqc_props_set(&props, MQC_PROP_SUBSCRIPTION_ID);
        props.subscription_ids[0] = 0x123456;
        props.subscription_id_count = 1;
    }
    assert_int_equal(mqc_session_subscribe(H.s, &sub, 1, &props, 5, NULL, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    n = mqc_encode_suback(pkt, sizeof(pkt), mqc_session_protocol(H.s), 1, &granted, 1, NULL);
    assert_true(n > 0);
    assert_true(hs_peer(&H, pkt, (size_t)n) > 0);
    assert_int_equal(hs_publish(&H, 1, "t", "A", 1), 0);
    hs_expect_publish(&H, 1, 0, 2, "t", "A");
    crash();

    boot(state, MQC_SYNC_BATCH, 20, 0);
    hs_connect(&H, 0);
    assert_int_equal(H.connack.session_lost, 1);
    /* MQC_LOST_RESEND: the message again as a new one, and the renewal. */
    n = mqc_encode_subscribe(pkt, sizeof(pkt), mqc_session_protocol(H.s), 4, &sub, 1,
                             mqc_props_has(&props, MQC_PROP_SUBSCRIPTION_ID) ? &props : NULL);
    assert_true(n > 0);
    hs_expect_bytes(&H, pkt, (size_t)n);
    hs_expect_publish(&H, 1, 0, 3, "t", "A"); /* a new id: the old one meant nothing */
    hs_expect_none(&H);
}
#endif

/* A crash at every commit of a QoS 2 exchange in both directions: a new
 * process never sends PUBLISH again after PUBREC came, and never delivers
 * an inbound message twice. */
static void test_crash_at_every_commit(void **state)
{
    size_t cut, ncommits = 0, ends[64], k;
    memio full = {0};

    boot(state, MQC_SYNC_ALWAYS, 20, 0);
    ends[ncommits++] = M.len[0];
    hs_connect(&H, 0);
    assert_int_equal(hs_publish(&H, 2, "t", "A", 1), 0);
    ends[ncommits++] = M.len[0];
    hs_expect_publish(&H, 2, 0, 1, "t", "A");
    ends[ncommits++] = M.len[0];
    assert_true(hs_peer_publish(&H, 2, 0, 3, "t", "x") > 0);
    hs_expect_ack(&H, MQC_PUBREC, 3, 0);
    ends[ncommits++] = M.len[0];
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 1, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 1, 0);
    ends[ncommits++] = M.len[0];
    crash();
    memio_set(&full, M.file[0], M.len[0]);
    for (k = 0; k < ncommits; k++) {
        cut = ends[k];
        memio_set(&M, full.file[0], cut);
        boot(state, MQC_SYNC_ALWAYS, 20, 0);
        hs_connect(&H, 1);
        if (k >= 4) {
            hs_expect_ack(&H, MQC_PUBREL, 1, 0); /* PUBREC was in: never PUBLISH */
        } else if (k >= 2) {
            hs_expect_publish(&H, 2, 1, 1, "t", "A");
        } else if (k == 1) {
            hs_expect_publish(&H, 2, 0, 1, "t", "A"); /* queued, never sent */
        }
        hs_expect_none(&H);
        assert_true(hs_peer_publish(&H, 2, 1, 3, "t", "x") > 0);
        /* Delivered again only if the process died before its PUBREC left. */
        assert_int_equal(H.nmsgs, k >= 3 ? 0 : 1);
        crash();
    }
    memio_free(&full);
}

/* The window finds an entry by its id modulo the size of its index, which
 * follows the window size: ids given under a larger window may share a
 * residue under the smaller one of the next process. Both are found. */
static void test_recovered_ids_share_a_residue(void **state)
{
    uint16_t id;

    boot(state, MQC_SYNC_BATCH, 40, 0);
    hs_connect(&H, 0);
    for (id = 1; id <= 17; id++) {
        assert_int_equal(hs_publish(&H, 1, "t", "x", id), 0);
        hs_expect_publish(&H, 1, 0, id, "t", "x");
    }
    for (id = 2; id <= 16; id++)
        assert_true(hs_peer_ack(&H, MQC_PUBACK, id, 0) > 0);
    assert_int_equal(mqc_session_sync(H.s), 0);
    crash();

    boot(state, MQC_SYNC_BATCH, 4, 0); /* an index of 16 at first: 1 and 17 collide */
    assert_int_equal(mqc_session_inflight(H.s), 2);
    hs_connect(&H, 1);
    hs_expect_publish(&H, 1, 1, 1, "t", "x");
    hs_expect_publish(&H, 1, 1, 17, "t", "x");
    hs_expect_none(&H);
    H.ndone = 0;
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 17, 0) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].token, 17);
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_int_equal(H.ndone, 2);
    assert_int_equal(H.done[1].token, 1);
    assert_int_equal(mqc_session_inflight(H.s), 0);
}

#define ALL(f) cmocka_unit_test_prestate_setup_teardown(f, NULL, teardown, (void *)&v3), \
               cmocka_unit_test_prestate_setup_teardown(f, NULL, teardown, (void *)&v5), \
               cmocka_unit_test_prestate_setup_teardown(f, NULL, teardown, (void *)&v31)

int main(void)
{
    const struct CMUnitTest tests[] = {
        ALL(test_outbound_resumes_after_crash),
        ALL(test_inbound_qos2_held_across_crash),
        ALL(test_output_waits_for_the_commit),
        ALL(test_always_commits_on_accept),
        ALL(test_batch_uncommitted_is_not_sent),
        ALL(test_deferred_is_delivered_again),
#if MQC_ENABLE_RENEWAL
        cmocka_unit_test_prestate_setup_teardown(test_subscriptions_renewed_after_crash, NULL,
                                                 teardown, (void *)&v3),
        cmocka_unit_test_prestate_setup_teardown(test_subscriptions_renewed_after_crash, NULL,
                                                 teardown, (void *)&v5),
#endif
        ALL(test_crash_at_every_commit),
        ALL(test_recovered_ids_share_a_residue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
