/*
 * Session, 5.0 enhanced authentication with the exact packets: the AUTH
 * exchange before CONNACK, re-authentication, the application giving up,
 * and the hostile cases (AUTH not asked for, another method, before or
 * outside an exchange, 0x19 from the server, a step while ours is awaited).
 * Also the Assigned Client Identifier and the ack properties reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

static hs H;
static mqc_props CP; /* CONNECT properties: must outlive the session */

static void auth_props(mqc_props *p, const char *method, const char *data)
{
    memset(p, 0, sizeof(*p));
    if (method) {
        mqc_props_set(p, MQC_PROP_AUTH_METHOD);
        p->auth_method.ptr = method;
        p->auth_method.len = strlen(method);
    }
    if (data) {
        mqc_props_set(p, MQC_PROP_AUTH_DATA);
        p->auth_data.ptr = (const uint8_t *)data;
        p->auth_data.len = strlen(data);
    }
}

static mqc_ssize peer_auth(uint8_t reason, const char *method, const char *data)
{
    mqc_props p;
    uint8_t b[128];
    mqc_ssize n;

    auth_props(&p, method, data);
    n = mqc_encode_auth(b, sizeof(b), reason, &p);
    assert_true(n > 0);
    return hs_peer(&H, b, (size_t)n);
}

#if MQC_ENABLE_AUTH
static void expect_auth(uint8_t reason, const char *method, const char *data)
{
    mqc_props p;
    uint8_t b[128];
    mqc_ssize n;

    auth_props(&p, method, data);
    n = mqc_encode_auth(b, sizeof(b), reason, &p);
    assert_true(n > 0);
    hs_expect_bytes(&H, b, (size_t)n);
}
#endif

/* A session whose CONNECT names method (NULL: none), with data. */
static void start(const char *method, const char *data)
{
    mqc_session_opts o;

    hs_opts(&o, MQC_V5);
    auth_props(&CP, method, data);
    o.connect_props = &CP;
    hs_new(&H, &o, 0);
}

#if MQC_ENABLE_AUTH
/* CONNECT carries the method and data; AUTH 0x18 steps until CONNACK. */
static void test_exchange_before_connack(void **state)
{
    mqc_packet p;
    size_t len;

    (void)state;
    start("SCRAM-SHA-256", "client-first");
    H.auth_reply = "client-final";
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    hs_drain(&H);
    len = H.wlen - H.woff;
    assert_int_equal(mqc_decode(H.wire + H.woff, len, MQC_V5, &p), 0);
    assert_int_equal(p.type, MQC_CONNECT);
    assert_true(mqc_props_has(&p.props, MQC_PROP_AUTH_METHOD));
    assert_memory_equal(p.props.auth_method.ptr, "SCRAM-SHA-256", 13);
    assert_memory_equal(p.props.auth_data.ptr, "client-first", 12);
    H.woff = H.wlen;
    assert_true(peer_auth(0x18, "SCRAM-SHA-256", "server-first") > 0);
    assert_int_equal(H.nauth, 1);
    assert_int_equal(H.auth_reason, 0x18);
    assert_string_equal(H.auth_data, "server-first");
    assert_int_equal(H.auth_reply_rc, 0);
    expect_auth(0x18, "SCRAM-SHA-256", "client-final");
    hs_expect_none(&H);
    /* Our step went: another one may not be sent before the server's. */
    assert_int_equal(mqc_session_auth(H.s, 0x18, NULL, 0), MQC_ERR_STATE);
    assert_int_equal(hs_publish(&H, 1, "t", "x", 1), 0);
    hs_expect_none(&H); /* nothing but AUTH before CONNACK */
    assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
    assert_true(mqc_session_is_connected(H.s));
    hs_expect_publish(&H, 1, 0, 1, "t", "x");
    hs_expect_none(&H);
    hs_del(&H);
}

/* The application answers later, outside the callback. */
static void test_answer_later(void **state)
{
    mqc_props p;

    (void)state;
    start("M", NULL);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(peer_auth(0x18, "M", "challenge") > 0);
    hs_expect_none(&H);
    auth_props(&p, NULL, "response");
    assert_int_equal(mqc_session_auth(H.s, 0x18, &p, 0), 0);
    expect_auth(0x18, "M", "response");
    hs_expect_none(&H);
    hs_del(&H);
}

/* Re-authentication: our 0x19, the server's 0x18, ours, the server's 0x00. */
static void test_reauthentication(void **state)
{
    mqc_props p;

    (void)state;
    start("M", "d0");
    hs_connect(&H, 0);
    H.auth_reply = "d2";
    auth_props(&p, "M", "d1"); /* the same method may be given */
    assert_int_equal(mqc_session_auth(H.s, 0x19, &p, 0), 0);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE); /* one at a time */
    expect_auth(0x19, "M", "d1");
    hs_expect_none(&H);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE); /* in progress */
    assert_true(peer_auth(0x18, "M", "s1") > 0);
    expect_auth(0x18, "M", "d2");
    assert_true(peer_auth(0x00, "M", "s2") > 0);
    assert_int_equal(H.nauth, 2);
    assert_int_equal(H.auth_reason, 0x00);
    assert_string_equal(H.auth_data, "s2");
    hs_expect_none(&H);
    /* Over: a new one may start; a stray 0x00 is a protocol error. */
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), 0);
    expect_auth(0x19, "M", NULL);
    assert_true(peer_auth(0x00, "M", NULL) > 0);
    assert_int_equal(peer_auth(0x00, "M", NULL), MQC_ERR_PROTOCOL);
    hs_expect_disconnect(&H, 0x82);
    hs_del(&H);
}

/* The application gives up: DISCONNECT with its reason, MQC_ERR_AUTH. */
static void test_application_gives_up(void **state)
{
    (void)state;
    start("M", NULL);
    H.auth_ret = 0x87;
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_int_equal(peer_auth(0x18, "M", "bad"), MQC_ERR_AUTH);
    hs_expect_disconnect(&H, 0x87);
    hs_expect_none(&H);
    hs_del(&H);

    start("M", NULL);
    H.auth_ret = 1; /* not a reason code: Not authorized */
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_int_equal(peer_auth(0x18, "M", "bad"), MQC_ERR_AUTH);
    hs_expect_disconnect(&H, 0x87);
    hs_del(&H);
}

/* Each AUTH the session did not ask for closes with 0x82, the callback not called. */
static void test_hostile_auth(void **state)
{
    int i;

    (void)state;
    for (i = 0; i < 7; i++) {
        mqc_ssize r;

        start(i == 0 ? NULL : "M", NULL);
        assert_int_equal(mqc_session_connect(H.s, 0), 0);
        assert_int_equal(hs_next_type(&H), MQC_CONNECT);
        switch (i) {
        case 0: r = peer_auth(0x18, "M", "x"); break;       /* no method in CONNECT */
        case 1: r = peer_auth(0x18, "OTHER", "x"); break;   /* another method */
        case 2: r = peer_auth(0x18, NULL, "x"); break;      /* no method */
        case 3: r = peer_auth(0x00, "M", NULL); break;      /* success before CONNACK */
        case 4: r = peer_auth(0x19, "M", NULL); break;      /* the server re-authenticates */
        case 5:                                             /* 0x18 on a connection, none asked */
            assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
            r = peer_auth(0x18, "M", NULL);
            break;
        default:                                            /* a step while ours is awaited */
            assert_true(peer_auth(0x18, "M", NULL) > 0);
            assert_int_equal(H.nauth, 1);
            r = peer_auth(0x18, "M", NULL);
            break;
        }
        assert_int_equal(r, MQC_ERR_PROTOCOL);
        assert_int_equal(H.nauth, i == 6 ? 1 : 0);
        hs_expect_disconnect(&H, 0x82);
        hs_expect_none(&H);
        hs_del(&H);
    }
}

static void test_auth_call_checks(void **state)
{
    mqc_session_opts o;
    mqc_props p;

    (void)state;
    start(NULL, NULL);
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE); /* no method */
    hs_del(&H);

    start("M", NULL);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE); /* not connected */
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_auth(H.s, 0x18, NULL, 0), MQC_ERR_STATE); /* none awaited */
    assert_int_equal(mqc_session_auth(H.s, 0x00, NULL, 0), MQC_ERR_INVAL);
    auth_props(&p, "OTHER", NULL);
    assert_int_equal(mqc_session_auth(H.s, 0x19, &p, 0), MQC_ERR_INVAL);
    hs_expect_none(&H);
    hs_del(&H);

    hs_opts(&o, MQC_V311);
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE);
    hs_del(&H);
}

/* A dropped connection ends the exchange: the next CONNECT starts over. */
static void test_exchange_reset_on_drop(void **state)
{
    (void)state;
    start("M", "a");
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(peer_auth(0x18, "M", "x") > 0);
    hs_drop(&H);
    assert_int_equal(mqc_session_auth(H.s, 0x18, NULL, 0), MQC_ERR_STATE);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    hs_expect_none(&H);
    assert_true(peer_auth(0x18, "M", "y") > 0);
    assert_int_equal(H.nauth, 2);
    hs_del(&H);
}
#else
/* A build without AUTH (MQC_ENABLE_AUTH 0, make test-lean): no exchange
 * can be asked for, and every AUTH from the server is unasked for. */
static void test_without_auth(void **state)
{
    (void)state;
    start("M", NULL);
    assert_int_equal(mqc_session_connect(H.s, 0), MQC_ERR_INVAL);
    assert_int_equal(mqc_session_auth(H.s, 0x19, NULL, 0), MQC_ERR_STATE);
    hs_del(&H);

    start(NULL, NULL);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_int_equal(peer_auth(0x18, "M", "x"), MQC_ERR_PROTOCOL);
    assert_int_equal(H.nauth, 0);
    hs_expect_disconnect(&H, 0x82);
    hs_expect_none(&H);
    hs_del(&H);
}
#endif

/* An empty client id: the server's Assigned Client Identifier is used on
 * the next CONNECT, so the session can be resumed. */
static void test_assigned_client_id(void **state)
{
    mqc_session_opts o;
    mqc_props props;
    mqc_packet p;
    mqc_str id;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.client_id.ptr = "";
    o.client_id.len = 0;
    o.clean = 0;
    o.session_expiry = 60;
    hs_new(&H, &o, 0);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_ASSIGNED_CLIENT_ID);
    props.assigned_client_id.ptr = "auto-42";
    props.assigned_client_id.len = 7;
    assert_true(hs_peer_connack(&H, 0, 0, &props) > 0);
    id = mqc_session_client_id(H.s);
    assert_int_equal(id.len, 7);
    assert_memory_equal(id.ptr, "auto-42", 7);
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    hs_drain(&H);
    assert_int_equal(mqc_decode(H.wire + H.woff, H.wlen - H.woff, MQC_V5, &p), 0);
    assert_int_equal(p.connect.client_id.len, 7);
    assert_memory_equal(p.connect.client_id.ptr, "auto-42", 7);
    hs_del(&H);
}

/* The ack's reason string reaches on_publish_done. */
static void test_ack_props_reported(void **state)
{
    mqc_session_opts o;
    mqc_props props;
    uint8_t b[64];
    mqc_ssize n;

    (void)state;
    hs_opts(&o, MQC_V5);
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    assert_int_equal(hs_publish(&H, 1, "t", "x", 7), 0);
    hs_expect_publish(&H, 1, 0, 1, "t", "x");
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_REASON_STRING);
    props.reason_string.ptr = "quota";
    props.reason_string.len = 5;
    n = mqc_encode_ack(b, sizeof(b), MQC_V5, MQC_PUBACK, 1, 0x97, &props);
    assert_true(n > 0);
    assert_true(hs_peer(&H, b, (size_t)n) > 0);
    assert_int_equal(H.ndone, 1);
    assert_int_equal(H.done[0].outcome, MQC_OUTCOME_REJECTED);
    assert_int_equal(H.done[0].reason, 0x97);
    assert_string_equal(H.done_reason_string[0], "quota");
    hs_del(&H);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#if MQC_ENABLE_AUTH
        cmocka_unit_test(test_exchange_before_connack),
        cmocka_unit_test(test_answer_later),
        cmocka_unit_test(test_reauthentication),
        cmocka_unit_test(test_application_gives_up),
        cmocka_unit_test(test_hostile_auth),
        cmocka_unit_test(test_auth_call_checks),
        cmocka_unit_test(test_exchange_reset_on_drop),
#else
        cmocka_unit_test(test_without_auth),
#endif
        cmocka_unit_test(test_assigned_client_id),
        cmocka_unit_test(test_ack_props_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
