/* Memory store: put/get/patch/remove, out-of-order removal, wrap-around, full. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "mqc.h"

static uint8_t mem[1024];

/* A store whose ring is exactly `ring` bytes. */
static void init(mqc_store *st, size_t ring)
{
    uint8_t *p = mem;

    while ((uintptr_t)p & 7u)
        p++;
    assert_int_equal(mqc_store_mem_init(st, p, mqc_store_mem_overhead() - 7 + ring), 0);
    assert_int_equal(st->ops->version, MQC_STORE_VERSION);
}

static uint32_t put(mqc_store *st, uint8_t fill, size_t len)
{
    uint8_t b[256];
    uint32_t h;

    memset(b, fill, len);
    assert_int_equal(st->ops->put(st->ctx, b, len, &h), 0);
    return h;
}

static void check(mqc_store *st, uint32_t h, uint8_t fill, size_t len)
{
    uint8_t *r;
    size_t n, i;

    assert_int_equal(st->ops->get(st->ctx, h, &r, &n), 0);
    assert_int_equal(n, len);
    for (i = 0; i < len; i++)
        assert_int_equal(r[i], fill);
}

static int full(mqc_store *st, size_t len)
{
    uint8_t b[256] = {0};
    uint32_t h;

    return st->ops->put(st->ctx, b, len, &h) == MQC_ERR_QUEUE_FULL;
}

static void test_put_get_patch_remove(void **state)
{
    mqc_store st;
    uint32_t a, b;
    uint8_t *r;
    size_t n;

    (void)state;
    init(&st, 128);
    a = put(&st, 0xA1, 10);
    b = put(&st, 0xB2, 7);
    check(&st, a, 0xA1, 10);
    check(&st, b, 0xB2, 7);
    assert_int_equal(st.ops->patch(st.ctx, a, 3, (const uint8_t *)"xy", 2), 0);
    st.ops->get(st.ctx, a, &r, &n);
    assert_memory_equal(r, "\xA1\xA1\xA1xy\xA1", 6);
    check(&st, b, 0xB2, 7);
    st.ops->remove(st.ctx, a);
    check(&st, b, 0xB2, 7);
    st.ops->remove(st.ctx, b);
    /* Empty again: the whole ring is free (4-byte header per record). */
    put(&st, 1, 124);
    assert_true(full(&st, 0));
    st.ops->destroy(st.ctx);
}

static void test_reserve_then_commit(void **state)
{
    mqc_store st;
    uint32_t h;
    uint8_t *r;
    size_t n;

    (void)state;
    init(&st, 64);
    assert_int_equal(st.ops->put(st.ctx, NULL, 5, &h), 0);
    st.ops->get(st.ctx, h, &r, &n);
    assert_int_equal(n, 5);
    memcpy(r, "hello", 5);
    assert_int_equal(st.ops->patch(st.ctx, h, 0, r, 5), 0);
    st.ops->get(st.ctx, h, &r, &n);
    assert_memory_equal(r, "hello", 5);
}

static void test_out_of_order_removal(void **state)
{
    mqc_store st;
    uint32_t h[4];
    int i;

    (void)state;
    init(&st, 64); /* four records of 12 bytes + 4 header = 64 */
    for (i = 0; i < 4; i++)
        h[i] = put(&st, (uint8_t)i, 12);
    assert_true(full(&st, 0));
    /* Newer ones go first: nothing is reclaimed while the oldest stays. */
    st.ops->remove(st.ctx, h[2]);
    st.ops->remove(st.ctx, h[1]);
    assert_true(full(&st, 0));
    check(&st, h[0], 0, 12);
    check(&st, h[3], 3, 12);
    /* The oldest goes: the tail passes all three at once. */
    st.ops->remove(st.ctx, h[0]);
    h[0] = put(&st, 9, 12);
    h[1] = put(&st, 8, 12);
    h[2] = put(&st, 7, 12);
    assert_true(full(&st, 0));
    check(&st, h[3], 3, 12);
    check(&st, h[0], 9, 12);
    check(&st, h[2], 7, 12);
}

static void test_wrap_around(void **state)
{
    mqc_store st;
    uint32_t a, b, c, d;

    (void)state;
    init(&st, 64);
    a = put(&st, 1, 20); /* 24 bytes at 0 */
    b = put(&st, 2, 20); /* 24 bytes at 24 */
    st.ops->remove(st.ctx, a);
    /* 16 bytes left at the end: a 20-byte record wraps to the start. */
    assert_true(full(&st, 28)); /* 32 needed: neither end nor start has it */
    c = put(&st, 3, 20);
    assert_int_equal(c, 0);
    check(&st, b, 2, 20);
    check(&st, c, 3, 20);
    assert_true(full(&st, 0)); /* start [24..24) full, end taken by the marker */
    st.ops->remove(st.ctx, b); /* tail jumps over the wrap marker to c */
    d = put(&st, 4, 36);
    assert_int_equal(d, 24);
    check(&st, c, 3, 20);
    check(&st, d, 4, 36);
    assert_true(full(&st, 0));
    st.ops->remove(st.ctx, d);
    st.ops->remove(st.ctx, c);
    put(&st, 5, 60);
}

static void test_many_cycles(void **state)
{
    mqc_store st;
    uint32_t h[3];
    size_t lens[3] = {5, 13, 0};
    unsigned i, old;

    (void)state;
    init(&st, 100);
    h[0] = put(&st, 0, 5);
    h[1] = put(&st, 1, 13);
    /* Two records live at any time, of varying sizes, round and round. */
    for (i = 2; i < 2000; i++) {
        lens[i % 3] = (i * 7) % 23;
        h[i % 3] = put(&st, (uint8_t)i, lens[i % 3]);
        old = (i + 1) % 3;
        check(&st, h[old], (uint8_t)(i - 2), lens[old]);
        st.ops->remove(st.ctx, h[old]);
    }
}

static void test_clear_and_full(void **state)
{
    mqc_store st;

    (void)state;
    init(&st, 32);
    put(&st, 1, 8);
    put(&st, 2, 8);
    assert_true(full(&st, 9));
    st.ops->clear(st.ctx);
    put(&st, 3, 28);
    assert_true(full(&st, 0));
}

static void test_new_and_bad_args(void **state)
{
    mqc_store st;
    uint8_t small[8];

    (void)state;
    assert_int_equal(mqc_store_mem_new(&st, 1000, NULL), 0);
    check(&st, put(&st, 7, 200), 7, 200);
    st.ops->destroy(st.ctx);
    assert_int_equal(mqc_store_mem_new(&st, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_store_mem_init(&st, small, sizeof(small)), MQC_ERR_INVAL);
    assert_int_equal(mqc_store_mem_init(&st, NULL, 100), MQC_ERR_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_patch_remove),
        cmocka_unit_test(test_reserve_then_commit),
        cmocka_unit_test(test_out_of_order_removal),
        cmocka_unit_test(test_wrap_around),
        cmocka_unit_test(test_many_cycles),
        cmocka_unit_test(test_clear_and_full),
        cmocka_unit_test(test_new_and_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
