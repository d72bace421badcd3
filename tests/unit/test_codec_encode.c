/* Encoder argument errors, buffer sizing, and encode -> decode round trips. */
#include "test_codec.h"

/* Every capacity below the size gives MQC_ERR_BUFFER; the size itself works. */
#define ASSERT_SIZED(call_buf_cap) do { \
        uint8_t *buf = NULL; \
        size_t cap = 0; \
        mqc_ssize need_ = (call_buf_cap); \
        uint8_t big_[1024]; \
        assert_true(need_ > 0); \
        for (cap = 0; cap < (size_t)need_; cap++) { \
            buf = big_; \
            assert_int_equal((call_buf_cap), MQC_ERR_BUFFER); \
            buf = NULL; \
        } \
        buf = big_; \
        assert_int_equal((call_buf_cap), need_); \
    } while (0)

static void buffer_too_small(void **state)
{
    static const uint8_t codes[] = {0, 1};
    mqc_user_prop up = {S("key"), S("value")};
    mqc_subscription sub = {S("a/#"), 1, 1, 0, 2};
    mqc_str filter = S("a/+");
    mqc_props pr;
    mqc_publish m;
    mqc_connect c;

    (void)state;
    memset(&pr, 0, sizeof pr);
    pr.user = &up;
    pr.user_count = 1;
    memset(&m, 0, sizeof m);
    m.topic = S("topic");
    m.payload = B("payload");
    m.qos = 1;
    m.id = 9;
    m.props = &pr;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V5;
    c.client_id = S("client");
    c.will.topic = "w";
    c.will.props = &pr;
    c.props = &pr;
    ASSERT_SIZED(mqc_encode_publish(buf, cap, MQC_V311, &m));
    ASSERT_SIZED(mqc_encode_ack(buf, cap, MQC_V311, MQC_PUBACK, 3, 0, NULL));
    ASSERT_SIZED(mqc_encode_ping(buf, cap, MQC_PINGREQ));
    if (!MQC_ENABLE_V5)
        return;
    ASSERT_SIZED(mqc_encode_publish(buf, cap, MQC_V5, &m));
    ASSERT_SIZED(mqc_encode_connect(buf, cap, &c));
    ASSERT_SIZED(mqc_encode_connack(buf, cap, MQC_V5, 0, 0, &pr));
    ASSERT_SIZED(mqc_encode_ack(buf, cap, MQC_V5, MQC_PUBREL, 3, 0x92, &pr));
    ASSERT_SIZED(mqc_encode_subscribe(buf, cap, MQC_V5, 4, &sub, 1, &pr));
    ASSERT_SIZED(mqc_encode_suback(buf, cap, MQC_V5, 4, codes, 2, &pr));
    ASSERT_SIZED(mqc_encode_unsubscribe(buf, cap, MQC_V5, 4, &filter, 1, &pr));
    ASSERT_SIZED(mqc_encode_unsuback(buf, cap, MQC_V5, 4, codes, 1, &pr));
    ASSERT_SIZED(mqc_encode_disconnect(buf, cap, MQC_V5, 0x8E, &pr));
    ASSERT_SIZED(mqc_encode_auth(buf, cap, 0x19, &pr));
}

static void invalid_arguments(void **state)
{
    uint8_t buf[256];
    mqc_subscription sub = {S("a"), 0, 0, 0, 0};
    mqc_str filter = S("a");
    mqc_props pr;
    mqc_publish m;
    mqc_connect c;
    uint8_t rc = 0;
    uint8_t bad_rc = 0x03;

    (void)state;
    memset(&m, 0, sizeof m);
    m.topic = S("t");
    m.qos = 3;
    m.id = 1;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_publish(NULL, 0, MQC_V311, &m), MQC_ERR_INVAL);
    m.qos = 1;
    m.id = 0;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    m.qos = 0;
    m.dup = 1;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    m.dup = 0;
    m.topic = S("a/+");
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    m.topic = S("");
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V5, &m), MQC_ERR_INVAL);
    m.topic = S("a\xC0\x80");
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    m.topic = S("t");
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, (mqc_protocol)2, &m), MQC_ERR_INVAL); /* 3 is 3.1 */

    /* Properties: not allowed in the packet, bad values, unknown ids. */
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_SESSION_EXPIRY);
    m.props = &pr;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V5, &m), MQC_ERR_INVAL);
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_PAYLOAD_FORMAT);
    pr.payload_format = 2;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V5, &m), MQC_ERR_INVAL);
    memset(&pr, 0, sizeof pr);
    pr.present = 1ull << 0x05;
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V5, &m), MQC_ERR_INVAL);
    memset(&pr, 0, sizeof pr);
    pr.user_count = 1; /* no array */
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V5, &m), MQC_ERR_INVAL);
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_RECEIVE_MAX);
    assert_int_equal(mqc_encode_connack(buf, sizeof buf, MQC_V5, 0, 0, &pr), MQC_ERR_INVAL);

    /* Ids, reason codes, empty lists. */
    assert_int_equal(mqc_encode_ack(buf, sizeof buf, MQC_V311, MQC_PUBACK, 0, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_ack(buf, sizeof buf, MQC_V5, MQC_PUBREL, 1, 0x10, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_ack(buf, sizeof buf, MQC_V5, MQC_SUBACK, 1, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V311, 0, &sub, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V311, 1, &sub, 0, NULL), MQC_ERR_INVAL);
    sub.qos = 3;
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V311, 1, &sub, 1, NULL), MQC_ERR_INVAL);
    sub.qos = 0;
    sub.retain_handling = 3;
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V5, 1, &sub, 1, NULL), MQC_ERR_INVAL);
    sub.retain_handling = 0;
    sub.filter = S("a#");
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V5, 1, &sub, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_unsubscribe(buf, sizeof buf, MQC_V5, 1, &filter, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_suback(buf, sizeof buf, MQC_V311, 1, &bad_rc, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_unsuback(buf, sizeof buf, MQC_V311, 1, &rc, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_unsuback(buf, sizeof buf, MQC_V5, 1, NULL, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_connack(buf, sizeof buf, MQC_V311, 0, 6, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_connack(buf, sizeof buf, MQC_V311, 1, 5, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_disconnect(buf, sizeof buf, MQC_V5, 0x01, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_auth(buf, sizeof buf, 0x01, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_ping(buf, sizeof buf, MQC_PUBACK), MQC_ERR_INVAL);

    /* NULL and missing arrays. */
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V311, 1, NULL, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_suback(buf, sizeof buf, MQC_V311, 1, NULL, 1, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_suback(buf, sizeof buf, MQC_V311, 1, &rc, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_decode(NULL, 2, MQC_V311, NULL), MQC_ERR_INVAL);
    memset(&m, 0, sizeof m);
    m.topic = S("t");
    m.payload.len = 3; /* no bytes */
    assert_int_equal(mqc_encode_publish(buf, sizeof buf, MQC_V311, &m), MQC_ERR_INVAL);
    sub.filter = S("a");
    sub.no_local = 2;
    assert_int_equal(mqc_encode_subscribe(buf, sizeof buf, MQC_V311, 1, &sub, 1, NULL), MQC_ERR_INVAL);

    /* CONNECT. */
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V311;
    c.will.topic = "w";
    c.will.qos = 3;
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.will.qos = 0;
    c.will.topic = "w/#";
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.will.topic = "";
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.will.topic = NULL;
    c.client_id = S("\xED\xA0\x80");
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.client_id = S("c");
    {
        mqc_bytes pw = B("p");

        /* 3.1.1 forbids a password without a username; 5.0 allows it. */
        c.password = &pw;
        assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
        c.protocol = MQC_V5;
        assert_int_equal(mqc_encode_connect(NULL, 0, &c), MQC_ENABLE_V5 ? 19 : MQC_ERR_INVAL);
    }
}

static void string_too_long(void **state)
{
    static char topic[65536];
    mqc_publish m;

    (void)state;
    memset(topic, 'a', sizeof topic);
    memset(&m, 0, sizeof m);
    m.topic.ptr = topic;
    m.topic.len = 65536;
    assert_int_equal(mqc_encode_publish(NULL, 0, MQC_V311, &m), MQC_ERR_INVAL);
    m.topic.len = 65535;
    assert_int_equal(mqc_encode_publish(NULL, 0, MQC_V311, &m), 1 + 3 + 2 + 65535);
    /* Over 268435455 bytes of remaining length. */
    m.payload.ptr = (const uint8_t *)topic;
    m.payload.len = 268435455u;
    assert_int_equal(mqc_encode_publish(NULL, 0, MQC_V311, &m), MQC_ERR_TOO_LARGE);
}

/* encode -> decode -> encode gives the same bytes, for every packet kind. */
static void roundtrip_one(const uint8_t *b, mqc_ssize n, mqc_protocol proto)
{
    mqc_packet p;
    uint8_t again[1024];
    mqc_ssize m = -1;
    size_t it = 0;

    assert_true(n > 0);
    assert_int_equal(mqc_decode(b, (size_t)n, proto, &p), 0);
    switch (p.type) {
    case MQC_CONNECT: {
        mqc_connect c = p.connect;
        char user[64], topic[64];

        /* The decoded strings are slices; the encoder wants C strings. */
        if (c.username) {
            memcpy(user, p.username.ptr, p.username.len);
            user[p.username.len] = 0;
            c.username = user;
        }
        if (c.will.topic) {
            memcpy(topic, p.will_topic.ptr, p.will_topic.len);
            topic[p.will_topic.len] = 0;
            c.will.topic = topic;
        }
        m = mqc_encode_connect(again, sizeof again, &c);
        break;
    }
    case MQC_CONNACK:
        m = mqc_encode_connack(again, sizeof again, proto, p.session_present, p.reason, &p.props);
        break;
    case MQC_PUBLISH:
        m = mqc_encode_publish(again, sizeof again, proto, &p.publish);
        break;
    case MQC_PUBACK: case MQC_PUBREC: case MQC_PUBREL: case MQC_PUBCOMP:
        m = mqc_encode_ack(again, sizeof again, proto, p.type, p.id, p.reason, &p.props);
        break;
    case MQC_SUBSCRIBE: {
        mqc_subscription subs[8];
        size_t k = 0;

        while (k < 8 && mqc_packet_next_subscription(&p, proto, &it, &subs[k]))
            k++;
        m = mqc_encode_subscribe(again, sizeof again, proto, p.id, subs, k, &p.props);
        break;
    }
    case MQC_SUBACK:
        m = mqc_encode_suback(again, sizeof again, proto, p.id, p.reasons.ptr, p.reasons.len, &p.props);
        break;
    case MQC_UNSUBSCRIBE: {
        mqc_str f[8];
        size_t k = 0;

        while (k < 8 && mqc_packet_next_filter(&p, &it, &f[k]))
            k++;
        m = mqc_encode_unsubscribe(again, sizeof again, proto, p.id, f, k, &p.props);
        break;
    }
    case MQC_UNSUBACK:
        m = mqc_encode_unsuback(again, sizeof again, proto, p.id, p.reasons.ptr, p.reasons.len, &p.props);
        break;
    case MQC_PINGREQ: case MQC_PINGRESP:
        m = mqc_encode_ping(again, sizeof again, p.type);
        break;
    case MQC_DISCONNECT:
        m = mqc_encode_disconnect(again, sizeof again, proto, p.reason, &p.props);
        break;
    case MQC_AUTH:
        m = mqc_encode_auth(again, sizeof again, p.reason, &p.props);
        break;
    }
    assert_int_equal(m, n);
    assert_memory_equal(again, b, (size_t)n);
}

static void roundtrip(void **state)
{
    static const uint8_t codes[] = {0x00, 0x01, 0x02, 0x80};
    mqc_user_prop ups[2] = {{S("k1"), S("v1")}, {S("k2"), S("")}};
    mqc_subscription subs[3] = {{S("a/+/c"), 0, 0, 0, 0}, {S("#"), 1, 1, 1, 1}, {S("+"), 2, 0, 1, 2}};
    mqc_str filters[2] = {S("x/#"), S("y")};
    mqc_bytes pw = B("\x00\x01secret");
    uint8_t b[1024];
    mqc_props pr, wp;
    mqc_publish m;
    mqc_connect c;
    int v;

    (void)state;
    for (v = 0; v < 1 + MQC_ENABLE_V5; v++) {
        mqc_protocol proto = v ? MQC_V5 : MQC_V311;
        const mqc_props *props = v ? &pr : NULL;

        memset(&pr, 0, sizeof pr);
        pr.user = ups;
        pr.user_count = 2;
        memset(&wp, 0, sizeof wp);
        mqc_props_set(&wp, MQC_PROP_MESSAGE_EXPIRY);
        wp.message_expiry = 0x01020304;
        mqc_props_set(&wp, MQC_PROP_CORRELATION_DATA);
        wp.correlation_data = B("\x00\xFF");

        memset(&c, 0, sizeof c);
        c.protocol = proto;
        c.client_id = S("client-\xC3\xA9");
        c.keep_alive = 0xFFFF;
        c.username = "user";
        c.password = &pw;
        c.will.topic = "will/topic";
        c.will.payload = B("gone");
        c.will.qos = 2;
        c.will.retain = 1;
        c.will.props = v ? &wp : NULL;
        c.props = props;
        roundtrip_one(b, mqc_encode_connect(b, sizeof b, &c), proto);
        c.password = NULL;
        c.will.topic = NULL;
        roundtrip_one(b, mqc_encode_connect(b, sizeof b, &c), proto);

        roundtrip_one(b, mqc_encode_connack(b, sizeof b, proto, 1, 0, props), proto);
        roundtrip_one(b, mqc_encode_connack(b, sizeof b, proto, 0, v ? 0x86 : 4, props), proto);

        memset(&m, 0, sizeof m);
        m.topic = S("a/b");
        m.payload = B("\x00payload");
        m.props = v ? &wp : NULL;
        roundtrip_one(b, mqc_encode_publish(b, sizeof b, proto, &m), proto);
        m.qos = 2;
        m.dup = 1;
        m.retain = 1;
        m.id = 65535;
        roundtrip_one(b, mqc_encode_publish(b, sizeof b, proto, &m), proto);

        roundtrip_one(b, mqc_encode_ack(b, sizeof b, proto, MQC_PUBACK, 1, v ? 0x10 : 0, NULL), proto);
        roundtrip_one(b, mqc_encode_ack(b, sizeof b, proto, MQC_PUBREC, 2, v ? 0x80 : 0, props), proto);
        roundtrip_one(b, mqc_encode_ack(b, sizeof b, proto, MQC_PUBREL, 3, 0, props), proto);
        roundtrip_one(b, mqc_encode_ack(b, sizeof b, proto, MQC_PUBCOMP, 4, 0, NULL), proto);
        roundtrip_one(b, mqc_encode_subscribe(b, sizeof b, proto, 5, subs, v ? 3 : 1, props), proto);
        roundtrip_one(b, mqc_encode_suback(b, sizeof b, proto, 5, codes, 4, props), proto);
        roundtrip_one(b, mqc_encode_unsubscribe(b, sizeof b, proto, 6, filters, 2, props), proto);
        roundtrip_one(b, mqc_encode_unsuback(b, sizeof b, proto, 6, codes, v ? 1 : 0, props), proto);
        roundtrip_one(b, mqc_encode_ping(b, sizeof b, MQC_PINGREQ), proto);
        roundtrip_one(b, mqc_encode_ping(b, sizeof b, MQC_PINGRESP), proto);
        roundtrip_one(b, mqc_encode_disconnect(b, sizeof b, proto, 0, NULL), proto);
        if (v) {
            roundtrip_one(b, mqc_encode_disconnect(b, sizeof b, proto, 0x8E, props), proto);
            roundtrip_one(b, mqc_encode_auth(b, sizeof b, 0x18, props), proto);
            roundtrip_one(b, mqc_encode_auth(b, sizeof b, 0, NULL), proto);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buffer_too_small),
        cmocka_unit_test(invalid_arguments),
        cmocka_unit_test(string_too_long),
        cmocka_unit_test(roundtrip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
