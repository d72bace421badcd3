/* mqc_strerror covers every code; the fatal cut-off sorts them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "mqc.h"

static void test_every_code_has_text(void **state)
{
    (void)state;
    for (int e = 0; e >= -200; e--) {
        const char *s = mqc_strerror(e);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
    }
    assert_string_equal(mqc_strerror(MQC_ERR_MALFORMED_UTF8), "malformed packet: invalid UTF-8 string");
    assert_string_equal(mqc_strerror(-99999), "unknown error");
}

static void test_fatal_cutoff(void **state)
{
    (void)state;
    assert_false(mqc_err_is_fatal(MQC_OK));
    assert_false(mqc_err_is_fatal(MQC_ERR_QUEUE_FULL));
    assert_false(mqc_err_is_fatal(MQC_ERR_INCOMPLETE));
    assert_true(mqc_err_is_fatal(MQC_ERR_MALFORMED_FLAGS));
    assert_true(mqc_err_is_fatal(MQC_ERR_KEEPALIVE_TIMEOUT));
    assert_true(mqc_err_is_fatal(MQC_ERR_CLOSED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_has_text),
        cmocka_unit_test(test_fatal_cutoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
