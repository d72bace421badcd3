/*
 * A cmocka-compatible subset for targets without cmocka (the Cortex-M
 * port under QEMU): the same test sources as tests/unit/ build and run
 * here unchanged. Only what those tests use: the assert_* macros, fail,
 * skip, unit tests with initial state, setup and teardown, and a group
 * runner that prints cmocka's summary lines ("[==========] N test(s) run.",
 * "[  PASSED  ] N test(s).") so a host run and a target run compare.
 * A failed assertion ends its test with longjmp, as in cmocka.
 */
#ifndef MQC_PORT_CMOCKA_H
#define MQC_PORT_CMOCKA_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef uintmax_t LargestIntegralType;
#define cast_to_largest_integral_type(v) ((LargestIntegralType)(v))
#define cast_ptr_to_largest_integral_type(v) ((LargestIntegralType)(uintptr_t)(v))

typedef void (*CMUnitTestFunction)(void **state);
typedef int (*CMFixtureFunction)(void **state);

struct CMUnitTest {
    const char *name;
    CMUnitTestFunction test_func;
    CMFixtureFunction setup_func;
    CMFixtureFunction teardown_func;
    void *initial_state;
};

#define cmocka_unit_test(f) {#f, f, NULL, NULL, NULL}
#define cmocka_unit_test_setup(f, setup) {#f, f, setup, NULL, NULL}
#define cmocka_unit_test_teardown(f, teardown) {#f, f, NULL, teardown, NULL}
#define cmocka_unit_test_setup_teardown(f, setup, teardown) {#f, f, setup, teardown, NULL}
#define cmocka_unit_test_prestate(f, state) {#f, f, NULL, NULL, state}
#define cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, state) \
    {#f, f, setup, teardown, state}

int _cmocka_run_group_tests(const char *group, const struct CMUnitTest *tests, size_t n,
                            CMFixtureFunction setup, CMFixtureFunction teardown);
#define cmocka_run_group_tests(tests, setup, teardown) \
    _cmocka_run_group_tests(#tests, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)
#define cmocka_run_group_tests_name(name, tests, setup, teardown) \
    _cmocka_run_group_tests(name, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)

void _cmocka_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
void _cmocka_skip(const char *file, int line) __attribute__((noreturn));
void _cmocka_int_equal(LargestIntegralType a, LargestIntegralType b, int equal,
                       const char *file, int line);
void _cmocka_memory_equal(const void *a, const void *b, size_t n, int equal,
                          const char *file, int line);
void _cmocka_string_equal(const char *a, const char *b, int equal, const char *file,
                          int line);
void _cmocka_in_range(LargestIntegralType v, LargestIntegralType lo, LargestIntegralType hi,
                      const char *file, int line);
void print_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define fail() _cmocka_fail(__FILE__, __LINE__, "failure")
#define fail_msg(...) _cmocka_fail(__FILE__, __LINE__, __VA_ARGS__)
#define skip() _cmocka_skip(__FILE__, __LINE__)

#define assert_true(c) \
    ((c) ? (void)0 : _cmocka_fail(__FILE__, __LINE__, "%s is not true", #c))
#define assert_false(c) \
    (!(c) ? (void)0 : _cmocka_fail(__FILE__, __LINE__, "%s is not false", #c))
#define assert_null(p) \
    ((p) == NULL ? (void)0 : _cmocka_fail(__FILE__, __LINE__, "%s is not NULL", #p))
#define assert_non_null(p) \
    ((p) != NULL ? (void)0 : _cmocka_fail(__FILE__, __LINE__, "%s is NULL", #p))
#define assert_return_code(rc, err) \
    ((rc) >= 0 ? (void)0 : _cmocka_fail(__FILE__, __LINE__, "%s < 0", #rc))
#define assert_int_equal(a, b) \
    _cmocka_int_equal(cast_to_largest_integral_type(a), cast_to_largest_integral_type(b), 1, \
                      __FILE__, __LINE__)
#define assert_int_not_equal(a, b) \
    _cmocka_int_equal(cast_to_largest_integral_type(a), cast_to_largest_integral_type(b), 0, \
                      __FILE__, __LINE__)
#define assert_ptr_equal(a, b) \
    _cmocka_int_equal(cast_ptr_to_largest_integral_type(a), \
                      cast_ptr_to_largest_integral_type(b), 1, __FILE__, __LINE__)
#define assert_ptr_not_equal(a, b) \
    _cmocka_int_equal(cast_ptr_to_largest_integral_type(a), \
                      cast_ptr_to_largest_integral_type(b), 0, __FILE__, __LINE__)
#define assert_in_range(v, lo, hi) \
    _cmocka_in_range(cast_to_largest_integral_type(v), cast_to_largest_integral_type(lo), \
                     cast_to_largest_integral_type(hi), __FILE__, __LINE__)
#define assert_memory_equal(a, b, n) _cmocka_memory_equal(a, b, n, 1, __FILE__, __LINE__)
#define assert_memory_not_equal(a, b, n) _cmocka_memory_equal(a, b, n, 0, __FILE__, __LINE__)
#define assert_string_equal(a, b) _cmocka_string_equal(a, b, 1, __FILE__, __LINE__)
#define assert_string_not_equal(a, b) _cmocka_string_equal(a, b, 0, __FILE__, __LINE__)

/* cmocka's checked allocator; here the plain one (no leak or overrun
 * check: the host run under ASan does that). */
#define test_malloc(n) malloc(n)
#define test_calloc(n, m) calloc(n, m)
#define test_realloc(p, n) realloc(p, n)
#define test_free(p) free(p)

#endif /* MQC_PORT_CMOCKA_H */
