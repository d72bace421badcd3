/*
 * Session memory that exists only while it is used: the SUBSCRIBE and
 * UNSUBSCRIBE request table and the subscription table are made at the
 * first request and given back when empty; the output buffer goes after
 * CONNACK, when the connection is lost, and after a second without writing
 * (mqc_session_trim). An allocation that fails is MQC_ERR_NOMEM with
 * nothing queued, and the session goes on as before. Measured with an
 * allocator that counts live bytes and can fail the n-th allocation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "session_probe.h"
#include "common/config.h"

/* Live bytes, and allocations until the one that fails (-1: none fails). */
static size_t live;
static long fail_in = -1;

typedef union hdr {
    size_t n;
    max_align_t align;
} hdr;

static void *t_realloc(void *p, size_t n, void *u)
{
    hdr *h = p ? (hdr *)p - 1 : NULL;

    (void)u;
    if (fail_in == 0) { /* this one only */
        fail_in = -1;
        return NULL;
    }
    if (fail_in > 0)
        fail_in--;
    if (h)
        live -= h->n;
    h = realloc(h, sizeof(hdr) + n);
    assert_non_null(h);
    h->n = n;
    live += n;
    return h + 1;
}
static void *t_malloc(size_t n, void *u) { return t_realloc(NULL, n, u); }
static void t_free(void *p, void *u)
{
    hdr *h = (hdr *)p - 1;

    (void)u;
    live -= h->n;
    free(h);
}

static const mqc_mem tmem = {NULL, t_malloc, t_realloc, t_free};

/* A clean session on the counting allocator, connected. */
static void start_counted(void **state)
{
    mqc_session_opts o;

    live = 0;
    fail_in = -1;
    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new_mem(&H, &o, 0, &tmem);
    hs_connect(&H, 0);
}

static mqc_subscription one(const char *f)
{
    mqc_subscription s;

    memset(&s, 0, sizeof(s));
    s.filter.ptr = f;
    s.filter.len = strlen(f);
    s.qos = 1;
    return s;
}

static void suback(uint16_t id)
{
    uint8_t b[32], code = 1;
    mqc_ssize n = mqc_encode_suback(b, sizeof(b), H.proto, id, &code, 1, NULL);

    assert_true(n > 0);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
}

static void unsuback(uint16_t id)
{
    uint8_t b[32], code = 0;
    /* 3.1.1 UNSUBACK carries no codes. */
    mqc_ssize n = mqc_encode_unsuback(b, sizeof(b), H.proto, id, &code, H.proto == MQC_V5, NULL);

    assert_true(n > 0);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
}

/* An idle connected session is its one block: no request or subscription
 * table, no output buffer (the CONNECT's went with CONNACK). */
static void test_idle_session_holds_one_block(void **state)
{
    mqc_session_opts o;
    size_t block;

    live = 0;
    fail_in = -1;
    hs_opts(&o, *(const mqc_protocol *)*state);
    hs_new_mem(&H, &o, 0, &tmem);
    block = live;
    assert_true(block < 1024);
    hs_connect(&H, 0);
    hs_expect_none(&H);
    assert_int_equal(live, block);
    hs_del(&H);
    assert_int_equal(live, 0);
}

/* Subscribe, then unsubscribe the last filter: the tables come and go. */
static void test_tables_made_on_first_use_and_freed_when_empty(void **state)
{
    mqc_subscription s = one("a/b");
    mqc_str f = s.filter;
    size_t idle;
    uint16_t id;

    start_counted(state);
    idle = live;
    assert_int_equal(mqc_session_subscribe(H.s, &s, 1, NULL, 1, &id, H.now), 0);
    assert_true(live > idle);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    suback(id);
    assert_int_equal(H.nsubs, 1);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    mqc_session_trim(H.s, H.now + 1000); /* the SUBSCRIBE's output buffer */
#if MQC_ENABLE_RENEWAL
    /* The subscription stays remembered: its table and filter only. */
    assert_true(live > idle);
    assert_true(live < idle + 256);
#endif
    assert_int_equal(mqc_session_unsubscribe(H.s, &f, 1, NULL, 2, &id, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_UNSUBSCRIBE);
    unsuback(id);
    assert_int_equal(H.nsubs, 2);
    mqc_session_trim(H.s, H.now + 2000);
    assert_int_equal(live, idle);
    hs_del(&H);
}

/* Each allocation a SUBSCRIBE makes fails in turn: MQC_ERR_NOMEM, nothing
 * queued or written, memory as before; the next try works and is renewed
 * after a lost session as usual. */
static void test_subscribe_nomem_leaves_session_as_before(void **state)
{
    mqc_subscription s = one("x/#");
    size_t idle;
    uint16_t id = 0;
    long k;
    int rc;

    start_counted(state);
    idle = live;
    for (k = 0;; k++) {
        fail_in = k;
        rc = mqc_session_subscribe(H.s, &s, 1, NULL, 9, &id, H.now);
        fail_in = -1;
        if (rc == 0)
            break;
        assert_int_equal(rc, MQC_ERR_NOMEM);
        assert_int_equal(mqc_session_unfinished(H.s), 0);
        assert_false(mqc_session_want_write(H.s));
        hs_expect_none(&H);
        assert_int_equal(live, idle);
    }
    /* The request table and the packet at least; with renewal also the
     * subscription table and the filter's copy. */
    assert_true(k >= (MQC_ENABLE_RENEWAL ? 4 : 2));
    assert_int_equal(mqc_session_unfinished(H.s), 1);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    suback(id);
    assert_int_equal(H.nsubs, 1);
    assert_int_equal(H.subs[0].token, 9);
    hs_del(&H);
}

#if MQC_ENABLE_RENEWAL
/* The renewal after a lost session finds no memory for its request: the
 * CONNACK is still taken, and the renewal goes with the next output. */
static void test_renewal_nomem_then_renewed(void **state)
{
    mqc_session_opts o;
    mqc_subscription s = one("r");
    uint16_t id;
    mqc_ssize n;

    live = 0;
    fail_in = -1;
    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 100;
    hs_new_mem(&H, &o, 0, &tmem);
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_subscribe(H.s, &s, 1, NULL, 1, &id, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    suback(id);
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    fail_in = 0; /* the renewal's request table */
    n = hs_peer_connack(&H, 0, 0, NULL);
    fail_in = -1;
    assert_true(n > 0);
    assert_true(H.connack.session_lost);
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    assert_int_equal(mqc_session_unfinished(H.s), 1);
    /* Owed across a lost connection too (the server's session of the
     * next CONNACK has no subscriptions either). */
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    fail_in = 0;
    assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
    fail_in = -1;
    assert_int_equal(mqc_session_unfinished(H.s), 0);
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(hs_peer_connack(&H, 1, 0, NULL) > 0);
    assert_int_equal(hs_next_type(&H), MQC_SUBSCRIBE);
    hs_del(&H);
    assert_int_equal(live, 0);
}
#endif

/* The output buffer: made for traffic, kept while it flows, given back
 * after a second without writing (by mqc_session_trim, or by the next
 * write itself) and when the connection is lost. */
static void test_output_buffer_given_back_when_idle(void **state)
{
    size_t base, busy;

    start_counted(state);
    /* The memory store comes with the first message: not measured. */
    assert_int_equal(hs_publish(&H, 0, "t", "payload", 0), 0);
    hs_drain(&H);
    H.woff = H.wlen;
    mqc_session_trim(H.s, H.now + 1000);
    base = live;
    /* Traffic: the buffer stays while it flows... */
    H.now = 5000;
    assert_int_equal(hs_publish(&H, 0, "t", "payload", 0), 0);
    hs_drain(&H);
    H.woff = H.wlen;
    assert_int_equal(live, base); /* the first after a quiet second took it along */
    assert_int_equal(hs_publish(&H, 0, "t", "payload", 0), 0);
    hs_drain(&H);
    H.woff = H.wlen;
    busy = live;
    assert_true(busy > base);
    /* ...and goes after a second without writing. */
    mqc_session_trim(H.s, H.now + 999);
    assert_int_equal(live, busy);
    mqc_session_trim(H.s, H.now + 1000);
    assert_int_equal(live, base);
    /* Unwritten output is kept whatever the time. */
    H.now += 2000;
    assert_int_equal(hs_publish(&H, 0, "t", "payload", 0), 0);
    write_part(2);
    busy = live;
    assert_true(busy > base);
    mqc_session_trim(H.s, H.now + 5000);
    assert_int_equal(live, busy);
    hs_drop(&H);
    assert_int_equal(live, base);
    hs_del(&H);
    assert_int_equal(live, 0);
}

#define V3(f) cmocka_unit_test_prestate(f, (void *)&v3)
#define V5(f) cmocka_unit_test_prestate(f, (void *)&v5)

int main(void)
{
    const struct CMUnitTest tests[] = {
        V3(test_idle_session_holds_one_block),
        V5(test_idle_session_holds_one_block),
        V3(test_tables_made_on_first_use_and_freed_when_empty),
        V5(test_tables_made_on_first_use_and_freed_when_empty),
        V3(test_subscribe_nomem_leaves_session_as_before),
        V5(test_subscribe_nomem_leaves_session_as_before),
#if MQC_ENABLE_RENEWAL
        V3(test_renewal_nomem_then_renewed),
        V5(test_renewal_nomem_then_renewed),
#endif
        V3(test_output_buffer_given_back_when_idle),
        V5(test_output_buffer_given_back_when_idle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
