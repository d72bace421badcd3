/*
 * Session, 5.0 subscriptions and server notes, exact packets: Subscription
 * Identifiers go in SUBSCRIBE, come back with each message and survive a
 * renewal after a lost session (one SUBSCRIBE per identifier), together
 * with the options No Local, Retain As Published, Retain Handling; server
 * redirection (0x9C / 0x9D with a Server Reference) reaches the application.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

#if MQC_ENABLE_RENEWAL
static hs H;

static void sid_props(mqc_props *p, uint32_t sid)
{
    memset(p, 0, sizeof(*p));
    if (sid) {
        mqc_props_set(p, MQC_PROP_SUBSCRIPTION_ID);
        p->subscription_ids[0] = sid;
        p->subscription_id_count = 1;
    }
}

static void expect_subscribe(uint16_t id, const mqc_subscription *subs, size_t n, uint32_t sid)
{
    mqc_props p;
    uint8_t b[256];
    mqc_ssize len;

    sid_props(&p, sid);
    len = mqc_encode_subscribe(b, sizeof(b), MQC_V5, id, subs, n, sid ? &p : NULL);
    assert_true(len > 0);
    hs_expect_bytes(&H, b, (size_t)len);
}

static mqc_subscription sub(const char *f, uint8_t qos, uint8_t nl, uint8_t rap, uint8_t rh)
{
    mqc_subscription s;

    memset(&s, 0, sizeof(s));
    s.filter.ptr = f;
    s.filter.len = strlen(f);
    s.qos = qos;
    s.no_local = nl;
    s.retain_as_published = rap;
    s.retain_handling = rh;
    return s;
}

static void test_subscription_ids_and_renewal(void **state)
{
    mqc_session_opts o;
    mqc_subscription a[2], b[1], c[1];
    mqc_props p, mp;
    uint8_t codes[2] = {1, 1};
    uint8_t buf[128];
    mqc_publish m;
    mqc_ssize n;

    (void)state;
    hs_opts(&o, MQC_V5);
    o.clean = 0;
    o.session_expiry = 60;
    hs_new(&H, &o, 0);
    hs_connect(&H, 0);
    a[0] = sub("a/#", 1, 1, 0, 2);
    a[1] = sub("b", 2, 0, 1, 1);
    b[0] = sub("c", 0, 0, 0, 0);
    c[0] = sub("d/+", 1, 1, 1, 0);
    sid_props(&p, 7);
    assert_int_equal(mqc_session_subscribe(H.s, a, 2, &p, 1, NULL, 0), 0);
    assert_int_equal(mqc_session_subscribe(H.s, b, 1, NULL, 2, NULL, 0), 0);
    sid_props(&p, 300);
    assert_int_equal(mqc_session_subscribe(H.s, c, 1, &p, 3, NULL, 0), 0);
    expect_subscribe(1, a, 2, 7);
    expect_subscribe(2, b, 1, 0);
    expect_subscribe(3, c, 1, 300);
    n = mqc_encode_suback(buf, sizeof(buf), MQC_V5, 1, codes, 2, NULL);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    n = mqc_encode_suback(buf, sizeof(buf), MQC_V5, 2, codes, 1, NULL);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    memset(&mp, 0, sizeof(mp));
    mqc_props_set(&mp, MQC_PROP_REASON_STRING);
    mp.reason_string.ptr = "granted";
    mp.reason_string.len = 7;
    n = mqc_encode_suback(buf, sizeof(buf), MQC_V5, 3, codes, 1, &mp);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    /* The SUBACK's reason string reaches on_suback. */
    assert_int_equal(H.nsubs, 3);
    assert_string_equal(H.subs[0].reason_string, "");
    assert_string_equal(H.subs[2].reason_string, "granted");
    assert_null(mqc_session_packet_props(H.s)); /* only inside a callback */
    /* The server reports the identifiers with each message. */
    memset(&m, 0, sizeof(m));
    memset(&mp, 0, sizeof(mp));
    mqc_props_set(&mp, MQC_PROP_SUBSCRIPTION_ID);
    mp.subscription_ids[0] = 300;
    mp.subscription_ids[1] = 7;
    mp.subscription_id_count = 2;
    m.topic.ptr = "d/x";
    m.topic.len = 3;
    m.props = &mp;
    n = mqc_encode_publish(buf, sizeof(buf), MQC_V5, &m);
    assert_true(hs_peer(&H, buf, (size_t)n) > 0);
    assert_int_equal(H.nmsgs, 1);
    assert_int_equal(H.msg_subid[0], 300);
    /* The server lost the session: one SUBSCRIBE per identifier, same options. */
    hs_drop(&H);
    assert_int_equal(mqc_session_connect(H.s, 0), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(hs_peer_connack(&H, 0, 0, NULL) > 0);
    assert_int_equal(H.connack.session_lost, 1);
    expect_subscribe(4, a, 2, 7);
    expect_subscribe(5, b, 1, 0);
    expect_subscribe(6, c, 1, 300);
    hs_expect_none(&H);
    hs_del(&H);
}
#endif

/* CONNACK 0x9C with a Server Reference, and DISCONNECT 0x9D with one: the
 * reference reaches the application (on_connack, on_disconnect props). */
static mqc_str ref_seen;
static uint8_t ref_buf[64];

static void on_disc(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    (void)s;
    (void)ud;
    (void)reason;
    ref_seen.len = 0;
    if (mqc_props_has(props, MQC_PROP_SERVER_REFERENCE)) {
        memcpy(ref_buf, props->server_reference.ptr, props->server_reference.len);
        ref_seen.ptr = (const char *)ref_buf;
        ref_seen.len = props->server_reference.len;
    }
}

static void on_connack(mqc_session *s, const mqc_connack_info *info, void *ud)
{
    on_disc(s, info->reason, info->props, ud);
}

static void test_server_redirection(void **state)
{
    mqc_session_opts o;
    mqc_callbacks cb;
    mqc_session *s;
    mqc_props p;
    uint8_t b[64];
    const uint8_t *d;
    mqc_ssize n;

    (void)state;
    hs_opts(&o, MQC_V5);
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_connack = on_connack;
    cb.on_disconnect = on_disc;
    memset(&p, 0, sizeof(p));
    mqc_props_set(&p, MQC_PROP_SERVER_REFERENCE);
    p.server_reference.ptr = "other:1883";
    p.server_reference.len = 10;

    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), 0);
    assert_int_equal(mqc_session_connect(s, 0), 0);
    assert_true(mqc_session_send(s, &d, 0) > 0);
    n = mqc_encode_connack(b, sizeof(b), MQC_V5, 0, 0x9C, &p);
    assert_int_equal(mqc_session_recv(s, b, (size_t)n, 0), MQC_ERR_CONNACK_REFUSED);
    assert_int_equal(ref_seen.len, 10);
    assert_memory_equal(ref_seen.ptr, "other:1883", 10);
    mqc_session_del(s);

    ref_seen.len = 0;
    assert_int_equal(mqc_session_new(&s, &o, &cb, NULL, NULL), 0);
    assert_int_equal(mqc_session_connect(s, 0), 0);
    assert_true(mqc_session_send(s, &d, 0) > 0);
    n = mqc_encode_connack(b, sizeof(b), MQC_V5, 0, 0, NULL);
    assert_int_equal(mqc_session_recv(s, b, (size_t)n, 0), n);
    p.server_reference.ptr = "moved:8883";
    n = mqc_encode_disconnect(b, sizeof(b), MQC_V5, 0x9D, &p);
    assert_int_equal(mqc_session_recv(s, b, (size_t)n, 0), MQC_ERR_SERVER_DISCONNECT);
    assert_int_equal(ref_seen.len, 10);
    assert_memory_equal(ref_seen.ptr, "moved:8883", 10);
    mqc_session_del(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#if MQC_ENABLE_RENEWAL
        cmocka_unit_test(test_subscription_ids_and_renewal),
#endif
        cmocka_unit_test(test_server_redirection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
