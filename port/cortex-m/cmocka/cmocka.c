/* The runner and failure reporting of the cmocka subset (cmocka.h). */
#include "cmocka.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { RESULT_PASS, RESULT_FAIL, RESULT_SKIP };

static jmp_buf test_env;
static int in_test;
/* Static, not local: the runner's frame is re-entered by longjmp. */
static void *cur_state;
static int setup_done;

void print_message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void print_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

static void end_test(int result)
{
    if (in_test)
        longjmp(test_env, result);
    printf("[  ERROR   ] outside a test: stopping\n");
    fflush(stdout);
    _Exit(2);
}

void _cmocka_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n%s:%d: error: Failure!\n", file, line);
    end_test(RESULT_FAIL);
    for (;;)
        ; /* end_test does not return */
}

void _cmocka_skip(const char *file, int line)
{
    (void)file;
    (void)line;
    end_test(RESULT_SKIP);
    for (;;)
        ;
}

/* newlib-nano's printf has no %ll: 64-bit values are formatted here. */
static const char *u64_text(LargestIntegralType v, char *buf, size_t cap)
{
    char *p = buf + cap - 1;
    *p = 0;
    do {
        *--p = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v && p > buf);
    return p;
}

static const char *as_signed(LargestIntegralType v, char *buf, size_t cap)
{
    const char *s;
    if ((intmax_t)v >= 0)
        return u64_text(v, buf, cap);
    s = u64_text((LargestIntegralType)0 - v, buf + 1, cap - 1);
    buf[s - buf - 1] = '-';
    return s - 1;
}

void _cmocka_int_equal(LargestIntegralType a, LargestIntegralType b, int equal,
                       const char *file, int line)
{
    char x[24], y[24];
    if ((a == b) == equal)
        return;
    _cmocka_fail(file, line, "%s %s %s", as_signed(a, x, sizeof x), equal ? "!=" : "==",
                 as_signed(b, y, sizeof y));
}

void _cmocka_in_range(LargestIntegralType v, LargestIntegralType lo, LargestIntegralType hi,
                      const char *file, int line)
{
    char a[24], b[24], c[24];
    if (v >= lo && v <= hi)
        return;
    _cmocka_fail(file, line, "%s is not within the range [%s, %s]", u64_text(v, a, sizeof a),
                 u64_text(lo, b, sizeof b), u64_text(hi, c, sizeof c));
}

void _cmocka_memory_equal(const void *a, const void *b, size_t n, int equal,
                          const char *file, int line)
{
    const unsigned char *x = a, *y = b;
    size_t i;
    for (i = 0; i < n && x[i] == y[i]; i++)
        ;
    if ((i == n) == equal)
        return;
    if (equal)
        _cmocka_fail(file, line, "%lu byte(s) differ, first at %lu: 0x%02x != 0x%02x",
                     (unsigned long)n, (unsigned long)i, x[i], y[i]);
    _cmocka_fail(file, line, "%lu byte(s) are equal", (unsigned long)n);
}

void _cmocka_string_equal(const char *a, const char *b, int equal, const char *file, int line)
{
    if ((strcmp(a, b) == 0) == equal)
        return;
    _cmocka_fail(file, line, "\"%s\" %s \"%s\"", a, equal ? "!=" : "==", b);
}

int _cmocka_run_group_tests(const char *group, const struct CMUnitTest *tests, size_t n,
                            CMFixtureFunction setup, CMFixtureFunction teardown)
{
    void *group_state = NULL;
    /* volatile: setjmp returns a second time into this frame */
    volatile size_t i, passed = 0, failed = 0, skipped = 0;

    printf("[==========] Running %lu test(s).\n", (unsigned long)n);
    if (setup && setup(&group_state) != 0) {
        printf("[  ERROR   ] %s: group setup failed\n", group);
        return (int)n;
    }
    for (i = 0; i < n; i++) {
        const struct CMUnitTest *t = &tests[i];
        volatile int result = RESULT_PASS;
        int jumped;

        printf("[ RUN      ] %s\n", t->name);
        cur_state = t->initial_state ? t->initial_state : group_state;
        setup_done = 0;
        in_test = 1;
        jumped = setjmp(test_env);
        if (jumped) {
            result = jumped;
        } else {
            if (t->setup_func && t->setup_func(&cur_state) != 0)
                _cmocka_fail(__FILE__, __LINE__, "setup of %s failed", t->name);
            setup_done = 1;
            t->test_func(&cur_state);
        }
        /* As cmocka: the teardown runs after a failed test too. */
        if (setup_done && t->teardown_func) {
            setup_done = 0;
            jumped = setjmp(test_env);
            if (jumped) {
                if (result == RESULT_PASS)
                    result = RESULT_FAIL;
            } else if (t->teardown_func(&cur_state) != 0) {
                _cmocka_fail(__FILE__, __LINE__, "teardown of %s failed", t->name);
            }
        }
        in_test = 0;
        if (result == RESULT_PASS) {
            passed++;
            printf("[       OK ] %s\n", t->name);
        } else if (result == RESULT_SKIP) {
            skipped++;
            printf("[  SKIPPED ] %s\n", t->name);
        } else {
            failed++;
            printf("[  FAILED  ] %s\n", t->name);
        }
    }
    if (teardown)
        teardown(&group_state);
    printf("[==========] %lu test(s) run.\n", (unsigned long)n);
    printf("[  PASSED  ] %lu test(s).\n", (unsigned long)passed);
    if (skipped)
        printf("[  SKIPPED ] %lu test(s).\n", (unsigned long)skipped);
    if (failed)
        printf("[  FAILED  ] %lu test(s).\n", (unsigned long)failed);
    return (int)failed;
}
