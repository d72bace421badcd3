/*
 * SCRAM-SHA-256 helper: the exchange of RFC 7677 §3 byte for byte, then
 * what a wrong or hostile server gets (MQC_ERR_AUTH): another nonce, a
 * bad salt, iteration counts out of range, an "e=" error, a wrong server
 * signature; the user name escaping; random nonces differ.
 * MQC_TEST_HOST_ONLY: the client layer (OpenSSL), not built for the Cortex-M port.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "mqc.h"

static const char *SF = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

static mqc_bytes text(const char *s)
{
    mqc_bytes b;

    b.ptr = (const uint8_t *)s;
    b.len = strlen(s);
    return b;
}

static void assert_text(mqc_bytes b, const char *want)
{
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.ptr, want, b.len);
}

static void test_rfc7677_vector(void **state)
{
    mqc_scram *sc;
    mqc_bytes cf;

    (void)state;
    assert_int_equal(mqc_scram_new(&sc, "user", "pencil", "rOprNGfwEbeRWgbNEkqO"), 0);
    assert_text(mqc_scram_first(sc), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    assert_int_equal(mqc_scram_final(sc, text(SF), &cf), 0);
    assert_text(cf, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    assert_int_equal(mqc_scram_verify(sc, text("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")),
                     0);
    /* One bit off, or the server's error: refused. */
    assert_int_equal(mqc_scram_verify(sc, text("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")),
                     MQC_ERR_AUTH);
    assert_int_equal(mqc_scram_verify(sc, text("e=invalid-proof")), MQC_ERR_AUTH);
    assert_int_equal(mqc_scram_verify(sc, text("v=")), MQC_ERR_AUTH);
    mqc_scram_del(sc);
}

static void test_wrong_password_differs(void **state)
{
    mqc_scram *sc;
    mqc_bytes cf;

    (void)state;
    assert_int_equal(mqc_scram_new(&sc, "user", "pencils", "rOprNGfwEbeRWgbNEkqO"), 0);
    assert_int_equal(mqc_scram_final(sc, text(SF), &cf), 0);
    assert_true(cf.len > 2 && memcmp(cf.ptr + cf.len - 45, "p=dHzbZapWIk4jUhN+Ute9ytag9z", 28));
    assert_int_equal(mqc_scram_verify(sc, text("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")),
                     MQC_ERR_AUTH);
    mqc_scram_del(sc);
}

static void test_hostile_server_first(void **state)
{
    static const char *bad[] = {
        "",
        "r=someoneelse%xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",     /* not our nonce */
        "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", /* nothing added */
        "r=rOprNGfwEbeRWgbNEkqO%x,s=***,i=4096",                    /* salt not base64 */
        "r=rOprNGfwEbeRWgbNEkqO%x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=rOprNGfwEbeRWgbNEkqO%x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001",
        "r=rOprNGfwEbeRWgbNEkqO%x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-5",
        "r=rOprNGfwEbeRWgbNEkqO%x,s=W22ZaJ0SNY7soEsUEjb6gQ==",      /* no count */
        "m=ext,r=rOprNGfwEbeRWgbNEkqO%x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "e=other-error",
    };
    mqc_scram *sc;
    mqc_bytes cf;
    size_t i;

    (void)state;
    assert_int_equal(mqc_scram_new(&sc, "user", "pencil", "rOprNGfwEbeRWgbNEkqO"), 0);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        print_message("server-first %zu: %s\n", i, bad[i]);
        assert_int_equal(mqc_scram_final(sc, text(bad[i]), &cf), MQC_ERR_AUTH);
    }
    /* Nothing was signed: a verify cannot pass. */
    assert_int_equal(mqc_scram_verify(sc, text("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")),
                     MQC_ERR_AUTH);
    mqc_scram_del(sc);
}

static void test_names_and_nonces(void **state)
{
    mqc_scram *a, *b;
    mqc_bytes fa, fb;

    (void)state;
    assert_int_equal(mqc_scram_new(&a, "a,b=c", "p", "N"), 0);
    assert_text(mqc_scram_first(a), "n,,n=a=2Cb=3Dc,r=N");
    mqc_scram_del(a);
    assert_int_equal(mqc_scram_new(&a, "u", "p", "bad,nonce"), MQC_ERR_INVAL);
    assert_int_equal(mqc_scram_new(&a, "u", "p", ""), MQC_ERR_INVAL);
    assert_int_equal(mqc_scram_new(&a, NULL, "p", NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_scram_new(&a, "u", "p", NULL), 0);
    assert_int_equal(mqc_scram_new(&b, "u", "p", NULL), 0);
    fa = mqc_scram_first(a);
    fb = mqc_scram_first(b);
    assert_int_equal(fa.len, strlen("n,,n=u,r=") + 24);
    assert_int_equal(fa.len, fb.len);
    assert_true(memcmp(fa.ptr, fb.ptr, fa.len) != 0);
    mqc_scram_del(a);
    mqc_scram_del(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc7677_vector),
        cmocka_unit_test(test_wrong_password_differs),
        cmocka_unit_test(test_hostile_server_first),
        cmocka_unit_test(test_names_and_nonces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
