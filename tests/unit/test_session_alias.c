/*
 * Session, 5.0 Topic Aliases: the inbound map (and its hostile cases: alias
 * 0, over our maximum, unknown, forgotten on a new connection) and the
 * outbound policy, with the exact packets: the first PUBLISH of a topic
 * carries topic and alias, later ones the alias alone; a full table is worn
 * down by new topics; a resend always carries the full topic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

static hs H;

/* A 5.0 PUBLISH with topic (may be "") and alias (0 = none), into b[256]. */
static size_t pub(uint8_t *b, uint8_t qos, uint8_t dup, uint16_t id, const char *topic,
                  uint16_t alias, const char *payload)
{
    mqc_publish p;
    mqc_props props;
    mqc_ssize n;

    memset(&p, 0, sizeof(p));
    memset(&props, 0, sizeof(props));
    p.topic.ptr = topic;
    p.topic.len = strlen(topic);
    p.payload.ptr = (const uint8_t *)payload;
    p.payload.len = strlen(payload);
    p.qos = qos;
    p.dup = dup;
    p.id = id;
    if (alias) {
        mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS);
        props.topic_alias = alias;
        p.props = &props;
    }
    n = mqc_encode_publish(b, 256, MQC_V5, &p);
    assert_true(n > 0);
    return (size_t)n;
}

static void expect_pub(uint8_t qos, uint8_t dup, uint16_t id, const char *topic, uint16_t alias,
                       const char *payload)
{
    uint8_t b[256];

    hs_expect_bytes(&H, b, pub(b, qos, dup, id, topic, alias, payload));
}

static mqc_ssize peer_pub(uint8_t qos, uint16_t id, const char *topic, uint16_t alias,
                          const char *payload)
{
    uint8_t b[256];

    return hs_peer(&H, b, pub(b, qos, 0, id, topic, alias, payload));
}

/* Connects (session present sp) to a server announcing Topic Alias Maximum tam (0: none). */
static void connect_tam(uint8_t sp, uint16_t tam)
{
    mqc_props props;

    memset(&props, 0, sizeof(props));
    if (tam) {
        mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS_MAX);
        props.topic_alias_max = tam;
    }
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    assert_true(hs_peer_connack(&H, sp, 0, &props) > 0);
}

static void start(uint16_t our_max, uint16_t our_out, uint16_t tam)
{
    mqc_session_opts o;

    hs_opts(&o, MQC_V5);
    o.topic_alias_max = our_max;
    o.topic_alias_out = our_out;
    o.clean = 0;
    o.session_expiry = 100;
    hs_new(&H, &o, 1);
    connect_tam(0, tam);
}

#if MQC_ENABLE_TOPIC_ALIAS
static void test_inbound_map(void **state)
{
    (void)state;
    start(4, 0, 0);
    assert_true(peer_pub(0, 0, "a/b", 3, "1") > 0);  /* sets alias 3 */
    assert_true(peer_pub(1, 7, "", 3, "2") > 0);     /* uses it */
    hs_expect_ack(&H, MQC_PUBACK, 7, 0);
    assert_true(peer_pub(0, 0, "c", 3, "3") > 0);    /* the server changes it */
    assert_true(peer_pub(0, 0, "", 3, "4") > 0);
    assert_true(peer_pub(0, 0, "d", 4, "5") > 0);    /* our maximum itself is fine */
    assert_true(peer_pub(0, 0, "", 4, "6") > 0);
    assert_int_equal(H.nmsgs, 6);
    assert_string_equal(H.msgs[0].topic, "a/b");
    assert_string_equal(H.msgs[1].topic, "a/b");
    assert_int_equal(H.msgs[1].id, 7);
    assert_string_equal(H.msgs[2].topic, "c");
    assert_string_equal(H.msgs[3].topic, "c");
    assert_string_equal(H.msgs[4].topic, "d");
    assert_string_equal(H.msgs[5].topic, "d");
    hs_expect_none(&H);
    hs_del(&H);
}

/* The bad aliases: 0, over our maximum, never set; each closes with 0x94. */
static void test_inbound_bad_alias(void **state)
{
    int i;

    (void)state;
    for (i = 0; i < 4; i++) {
        start(4, 0, 0);
        if (i == 0) {
            /* Alias 0 cannot be encoded by our codec: the bytes by hand. */
            static const uint8_t zero[] = {0x30, 0x07, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00};
            assert_int_equal(hs_peer(&H, zero, sizeof(zero)), MQC_ERR_TOPIC_ALIAS);
        } else if (i == 1) {
            assert_int_equal(peer_pub(1, 1, "t", 5, "x"), MQC_ERR_TOPIC_ALIAS);
        } else if (i == 2) {
            assert_int_equal(peer_pub(1, 1, "", 2, "x"), MQC_ERR_TOPIC_ALIAS);
        } else {
            /* Learnt on one connection, unknown on the next. */
            assert_true(peer_pub(0, 0, "t", 2, "x") > 0);
            hs_drop(&H);
            connect_tam(1, 0);
            assert_int_equal(peer_pub(0, 0, "", 2, "y"), MQC_ERR_TOPIC_ALIAS);
        }
        assert_int_equal(H.nmsgs, i == 3 ? 1 : 0);
        hs_expect_disconnect(&H, 0x94);
        hs_expect_none(&H);
        hs_del(&H);
    }
}

/* The outbound policy, step by step, on a server allowing 2 aliases. */
static void test_outbound_policy(void **state)
{
    static const char *seq[] = {"x", "x", "y", "z", "x", "w", "w", "v", "v", "x"};
    /* What goes out: topic sent ("" = alias alone), alias (0 = none). */
    static const char *topic[] = {"x", "", "y", "z", "", "w", "", "v", "v", ""};
    static const uint16_t alias[] = {1, 1, 2, 2, 1, 2, 2, 0, 2, 1};
    size_t i;

    (void)state;
    start(0, 16, 2);
    for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
        assert_int_equal(hs_publish(&H, 0, seq[i], "p", i), 0);
        expect_pub(0, 0, 0, topic[i], alias[i], "p");
    }
    /* x: 4 uses; y, z taken over after one; w worn down by v, then v took it. */
    hs_expect_none(&H);
    assert_int_equal(H.ndone, sizeof(seq) / sizeof(seq[0]));
    hs_del(&H);
}

/* Our own cap applies within the server's; 0 turns aliases off; no Topic
 * Alias Maximum from the server means none. */
static void test_outbound_caps(void **state)
{
    (void)state;
    start(0, 1, 10);
    assert_int_equal(hs_publish(&H, 0, "a", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 0, "b", "2", 2), 0);
    assert_int_equal(hs_publish(&H, 0, "a", "3", 3), 0);
    expect_pub(0, 0, 0, "a", 1, "1");
    expect_pub(0, 0, 0, "b", 1, "2"); /* a had one use: b takes its alias over */
    expect_pub(0, 0, 0, "a", 1, "3");
    hs_expect_none(&H);
    hs_del(&H);

    start(0, 0, 10);
    assert_int_equal(hs_publish(&H, 0, "a", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 0, "a", "2", 2), 0);
    expect_pub(0, 0, 0, "a", 0, "1");
    expect_pub(0, 0, 0, "a", 0, "2");
    hs_del(&H);

    start(0, 16, 0);
    assert_int_equal(hs_publish(&H, 1, "a", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 1, "a", "2", 2), 0);
    expect_pub(1, 0, 1, "a", 0, "1");
    expect_pub(1, 0, 2, "a", 0, "2");
    hs_del(&H);
}

/* A resend carries the full topic and no alias: the alias belonged to the
 * connection that is gone. The new connection starts a new map. */
static void test_resend_full_topic(void **state)
{
    (void)state;
    start(0, 16, 5);
    assert_int_equal(hs_publish(&H, 1, "t/1", "a", 1), 0);
    assert_int_equal(hs_publish(&H, 2, "t/1", "b", 2), 0);
    expect_pub(1, 0, 1, "t/1", 1, "a");
    expect_pub(2, 0, 2, "", 1, "b");
    hs_expect_none(&H);
    hs_drop(&H);
    connect_tam(1, 5);
    expect_pub(1, 1, 1, "t/1", 0, "a");
    expect_pub(2, 1, 2, "t/1", 0, "b");
    hs_expect_none(&H);
    assert_int_equal(hs_publish(&H, 1, "t/1", "c", 3), 0);
    expect_pub(1, 0, 3, "t/1", 1, "c"); /* a new map: the topic again */
    assert_true(hs_peer_ack(&H, MQC_PUBACK, 1, 0) > 0);
    assert_true(hs_peer_ack(&H, MQC_PUBREC, 2, 0) > 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    hs_expect_none(&H);
    /* The server lowered its maximum to 0 after another drop: no aliases. */
    hs_drop(&H);
    connect_tam(1, 0);
    hs_expect_ack(&H, MQC_PUBREL, 2, 0);
    expect_pub(1, 1, 3, "t/1", 0, "c");
    assert_int_equal(hs_publish(&H, 0, "t/1", "d", 4), 0);
    expect_pub(0, 0, 0, "t/1", 0, "d");
    hs_expect_none(&H);
    hs_del(&H);
}
#else
/* A build without Topic Aliases (MQC_ENABLE_TOPIC_ALIAS 0, make
 * test-lean): asked for both ways, to a server that takes 10, none is
 * used; CONNECT announces no maximum (test_session_qos), so an alias from
 * the server closes with 0x94. */
static void test_without_aliases(void **state)
{
    (void)state;
    start(4, 16, 10);
    assert_int_equal(hs_publish(&H, 0, "a", "1", 1), 0);
    assert_int_equal(hs_publish(&H, 0, "a", "2", 2), 0);
    expect_pub(0, 0, 0, "a", 0, "1");
    expect_pub(0, 0, 0, "a", 0, "2");
    hs_expect_none(&H);
    assert_int_equal(peer_pub(0, 0, "t", 1, "x"), MQC_ERR_TOPIC_ALIAS);
    assert_int_equal(H.nmsgs, 0);
    hs_expect_disconnect(&H, 0x94);
    hs_expect_none(&H);
    hs_del(&H);
}
#endif

/* The session gives aliases itself: one passed in by the application is refused. */
static void test_application_alias_refused(void **state)
{
    mqc_publish p;
    mqc_props props;

    (void)state;
    start(0, 16, 5);
    memset(&p, 0, sizeof(p));
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS);
    props.topic_alias = 1;
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.props = &props;
    assert_int_equal(mqc_session_publish(H.s, &p, 1, 0), MQC_ERR_INVAL);
    assert_int_equal(mqc_session_queued(H.s) + mqc_session_inflight(H.s), 0);
    hs_expect_none(&H);
    hs_del(&H);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#if MQC_ENABLE_TOPIC_ALIAS
        cmocka_unit_test(test_inbound_map),
        cmocka_unit_test(test_inbound_bad_alias),
        cmocka_unit_test(test_outbound_policy),
        cmocka_unit_test(test_outbound_caps),
        cmocka_unit_test(test_resend_full_topic),
#else
        cmocka_unit_test(test_without_aliases),
#endif
        cmocka_unit_test(test_application_alias_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
