/* The cmocka subset's own check: 2 tests pass, 1 is skipped, 3 fail (one
 * per kind of assertion), and the teardown runs after a failure. The QEMU
 * test expects exactly that, so a shim that passed everything would fail it. */
#include <stdio.h>
#include <string.h>

#include "cmocka.h"

static int teardowns;

static void passes(void **state)
{
    assert_int_equal(*(int *)*state, 7);
    assert_true(1);
    assert_memory_equal("abc", "abc", 3);
    assert_string_equal("x", "x");
}

static void passes_64(void **state)
{
    uint64_t big = 0x123456789ull;
    (void)state;
    assert_int_equal(big, 0x123456789ull);
    assert_int_not_equal(big, 0x23456789u);
}

static void skipped(void **state)
{
    (void)state;
    skip();
}

static void fails_int(void **state)
{
    (void)state;
    assert_int_equal(-1, 1);
}

static void fails_memory(void **state)
{
    (void)state;
    assert_memory_equal("abc", "abd", 3);
}

static void fails_bool(void **state)
{
    (void)state;
    assert_false(1);
}

static int count_teardown(void **state)
{
    (void)state;
    teardowns++;
    return 0;
}

static int seven = 7;

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(passes, &seven),
        cmocka_unit_test(passes_64),
        cmocka_unit_test(skipped),
        cmocka_unit_test_teardown(fails_int, count_teardown),
        cmocka_unit_test(fails_memory),
        cmocka_unit_test(fails_bool),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    printf("selftest: %d failed, %d teardown(s) run\n", failed, teardowns);
    return failed;
}
