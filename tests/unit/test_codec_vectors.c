/* Byte-exact vectors for every packet, both protocols: encoded bytes are
 * compared with hex written from the specifications, and decoded fields are
 * asserted one by one. */
#include <stdlib.h>

#include "test_codec.h"

static uint8_t out[1024];

#define ENC(hex, fn, ...) ASSERT_ENCODED(fn(out, sizeof out, __VA_ARGS__), fn(NULL, 0, __VA_ARGS__), out, hex)

/* ---- 3.1.1 ---- */

#define V3_CONNECT "10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63"
#define V3_CONNECT_FULL "10 1B 00 04 4D 51 54 54 04 EC 00 0A 00 01 63 00 01 77 00 03 62 79 65" \
                        " 00 01 75 00 01 70"

static void v3_connect(void **state)
{
    mqc_connect c;
    mqc_bytes pw = B("p");
    mqc_packet p;

    (void)state;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V311;
    c.client_id = S("abc");
    c.keep_alive = 60;
    c.clean = 1;
    ENC(V3_CONNECT, mqc_encode_connect, &c);
    assert_int_equal(decode_hex(V3_CONNECT, MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_CONNECT);
    assert_int_equal(p.connect.protocol, MQC_V311);
    assert_str(p.connect.client_id, "abc");
    assert_int_equal(p.connect.keep_alive, 60);
    assert_int_equal(p.connect.clean, 1);
    assert_null(p.connect.username);
    assert_null(p.connect.password);
    assert_null(p.connect.will.topic);

    memset(&c, 0, sizeof c);
    c.protocol = MQC_V311;
    c.client_id = S("c");
    c.keep_alive = 10;
    c.username = "u";
    c.password = &pw;
    c.will.topic = "w";
    c.will.payload = B("bye");
    c.will.qos = 1;
    c.will.retain = 1;
    ENC(V3_CONNECT_FULL, mqc_encode_connect, &c);
    assert_int_equal(decode_hex(V3_CONNECT_FULL, MQC_V311, &p), 0);
    assert_int_equal(p.connect.clean, 0);
    assert_int_equal(p.connect.keep_alive, 10);
    assert_str(p.will_topic, "w");
    assert_ptr_equal(p.connect.will.topic, p.will_topic.ptr);
    assert_int_equal(p.connect.will.payload.len, 3);
    assert_memory_equal(p.connect.will.payload.ptr, "bye", 3);
    assert_int_equal(p.connect.will.qos, 1);
    assert_int_equal(p.connect.will.retain, 1);
    assert_str(p.username, "u");
    assert_non_null(p.connect.password);
    assert_int_equal(p.connect.password->len, 1);
    assert_memory_equal(p.connect.password->ptr, "p", 1);
}

static void v3_connack(void **state)
{
    mqc_packet p;

    (void)state;
    ENC("20 02 01 00", mqc_encode_connack, MQC_V311, 1, 0, NULL);
    ENC("20 02 00 05", mqc_encode_connack, MQC_V311, 0, 5, NULL);
    assert_int_equal(decode_hex("20 02 01 00", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_CONNACK);
    assert_int_equal(p.session_present, 1);
    assert_int_equal(p.reason, 0);
    assert_int_equal(decode_hex("20 02 00 04", MQC_V311, &p), 0);
    assert_int_equal(p.session_present, 0);
    assert_int_equal(p.reason, 4);
}

static void v3_publish(void **state)
{
    mqc_publish m;
    mqc_packet p;

    (void)state;
    memset(&m, 0, sizeof m);
    m.topic = S("a/b");
    m.payload = B("hi");
    ENC("30 07 00 03 61 2F 62 68 69", mqc_encode_publish, MQC_V311, &m);
    assert_int_equal(decode_hex("30 07 00 03 61 2F 62 68 69", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_PUBLISH);
    assert_str(p.publish.topic, "a/b");
    assert_int_equal(p.publish.payload.len, 2);
    assert_memory_equal(p.publish.payload.ptr, "hi", 2);
    assert_int_equal(p.publish.qos, 0);
    assert_int_equal(p.publish.id, 0);
    assert_null(p.publish.props);

    m.topic = S("t");
    m.payload = B("x");
    m.qos = 1;
    m.retain = 1;
    m.dup = 1;
    m.id = 10;
    ENC("3B 06 00 01 74 00 0A 78", mqc_encode_publish, MQC_V311, &m);
    assert_int_equal(decode_hex("3B 06 00 01 74 00 0A 78", MQC_V311, &p), 0);
    assert_int_equal(p.publish.qos, 1);
    assert_int_equal(p.publish.retain, 1);
    assert_int_equal(p.publish.dup, 1);
    assert_int_equal(p.publish.id, 10);
    assert_int_equal(p.id, 10);
    assert_int_equal(p.flags, 0xB);

    m.qos = 2;
    m.retain = 0;
    m.dup = 0;
    m.id = 0xABCD;
    m.payload.len = 0;
    ENC("34 05 00 01 74 AB CD", mqc_encode_publish, MQC_V311, &m);
    assert_int_equal(decode_hex("34 05 00 01 74 AB CD", MQC_V311, &p), 0);
    assert_int_equal(p.publish.qos, 2);
    assert_int_equal(p.publish.id, 0xABCD);
    assert_int_equal(p.publish.payload.len, 0);
}

static void v3_acks(void **state)
{
    static const char *hex[] = {"40 02 00 0A", "50 02 00 0A", "62 02 00 0A", "70 02 00 0A"};
    mqc_packet p;
    int t;

    (void)state;
    for (t = MQC_PUBACK; t <= MQC_PUBCOMP; t++) {
        ENC(hex[t - MQC_PUBACK], mqc_encode_ack, MQC_V311, (uint8_t)t, 10, 0, NULL);
        assert_int_equal(decode_hex(hex[t - MQC_PUBACK], MQC_V311, &p), 0);
        assert_int_equal(p.type, t);
        assert_int_equal(p.id, 10);
        assert_int_equal(p.reason, 0);
    }
}

static void v3_subscribe(void **state)
{
    const char *hex = "82 0C 00 01 00 03 61 2F 2B 01 00 01 23 02";
    mqc_subscription subs[2];
    mqc_subscription s;
    mqc_packet p;
    size_t it = 0;

    (void)state;
    memset(subs, 0, sizeof subs);
    subs[0].filter = S("a/+");
    subs[0].qos = 1;
    subs[1].filter = S("#");
    subs[1].qos = 2;
    ENC(hex, mqc_encode_subscribe, MQC_V311, 1, subs, 2, NULL);
    assert_int_equal(decode_hex(hex, MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_SUBSCRIBE);
    assert_int_equal(p.id, 1);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V311, &it, &s), 1);
    assert_str(s.filter, "a/+");
    assert_int_equal(s.qos, 1);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V311, &it, &s), 1);
    assert_str(s.filter, "#");
    assert_int_equal(s.qos, 2);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V311, &it, &s), 0);
}

static void v3_suback_unsub(void **state)
{
    static const uint8_t codes[] = {0x01, 0x80};
    mqc_str f = S("a/+");
    mqc_str got;
    mqc_packet p;
    size_t it = 0;

    (void)state;
    ENC("90 04 00 01 01 80", mqc_encode_suback, MQC_V311, 1, codes, 2, NULL);
    assert_int_equal(decode_hex("90 04 00 01 01 80", MQC_V311, &p), 0);
    assert_int_equal(p.id, 1);
    assert_int_equal(p.reasons.len, 2);
    assert_memory_equal(p.reasons.ptr, codes, 2);

    ENC("A2 07 00 02 00 03 61 2F 2B", mqc_encode_unsubscribe, MQC_V311, 2, &f, 1, NULL);
    assert_int_equal(decode_hex("A2 07 00 02 00 03 61 2F 2B", MQC_V311, &p), 0);
    assert_int_equal(p.id, 2);
    assert_int_equal(mqc_packet_next_filter(&p, &it, &got), 1);
    assert_str(got, "a/+");
    assert_int_equal(mqc_packet_next_filter(&p, &it, &got), 0);

    ENC("B0 02 00 02", mqc_encode_unsuback, MQC_V311, 2, NULL, 0, NULL);
    assert_int_equal(decode_hex("B0 02 00 02", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_UNSUBACK);
    assert_int_equal(p.id, 2);
    assert_int_equal(p.reasons.len, 0);
}

static void v3_ping_disconnect(void **state)
{
    mqc_packet p;

    (void)state;
    ENC("C0 00", mqc_encode_ping, MQC_PINGREQ);
    ENC("D0 00", mqc_encode_ping, MQC_PINGRESP);
    ENC("E0 00", mqc_encode_disconnect, MQC_V311, 0, NULL);
    assert_int_equal(decode_hex("C0 00", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_PINGREQ);
    assert_int_equal(decode_hex("D0 00", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_PINGRESP);
    assert_int_equal(decode_hex("E0 00", MQC_V311, &p), 0);
    assert_int_equal(p.type, MQC_DISCONNECT);
}

/* ---- 5.0 ---- */

#if MQC_ENABLE_V5

#define V5_CONNECT "10 1D 00 04 4D 51 54 54 05 02 00 1E 0F 11 00 00 00 3C 21 00 14" \
                   " 26 00 01 6B 00 01 76 00 01 63"
#define V5_CONNECT_WILL "10 23 00 04 4D 51 54 54 05 D6 00 00 00 00 01 63" \
                        " 07 01 01 18 00 00 00 05 00 01 77 00 01 78 00 01 75 00 02 70 77"

static void v5_connect(void **state)
{
    mqc_user_prop up = {S("k"), S("v")};
    mqc_user_prop got;
    mqc_props cp, wp;
    mqc_connect c;
    mqc_bytes pw = B("pw");
    mqc_packet p;
    size_t it = 0;

    (void)state;
    memset(&cp, 0, sizeof cp);
    mqc_props_set(&cp, MQC_PROP_SESSION_EXPIRY);
    cp.session_expiry = 60;
    mqc_props_set(&cp, MQC_PROP_RECEIVE_MAX);
    cp.receive_max = 20;
    cp.user = &up;
    cp.user_count = 1;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V5;
    c.client_id = S("c");
    c.keep_alive = 30;
    c.clean = 1;
    c.props = &cp;
    ENC(V5_CONNECT, mqc_encode_connect, &c);
    assert_int_equal(decode_hex(V5_CONNECT, MQC_V5, &p), 0);
    assert_int_equal(p.connect.protocol, MQC_V5);
    assert_int_equal(p.connect.keep_alive, 30);
    assert_ptr_equal(p.connect.props, &p.props);
    assert_true(mqc_props_has(&p.props, MQC_PROP_SESSION_EXPIRY));
    assert_int_equal(p.props.session_expiry, 60);
    assert_true(mqc_props_has(&p.props, MQC_PROP_RECEIVE_MAX));
    assert_int_equal(p.props.receive_max, 20);
    assert_false(mqc_props_has(&p.props, MQC_PROP_MAX_PACKET_SIZE));
    assert_int_equal(p.props.user_count, 1);
    assert_int_equal(mqc_props_user_next(&p.props, &it, &got), 1);
    assert_str(got.key, "k");
    assert_str(got.value, "v");
    assert_int_equal(mqc_props_user_next(&p.props, &it, &got), 0);
    assert_str(p.connect.client_id, "c");

    memset(&wp, 0, sizeof wp);
    mqc_props_set(&wp, MQC_PROP_WILL_DELAY);
    wp.will_delay = 5;
    mqc_props_set(&wp, MQC_PROP_PAYLOAD_FORMAT);
    wp.payload_format = 1;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V5;
    c.client_id = S("c");
    c.clean = 1;
    c.username = "u";
    c.password = &pw;
    c.will.topic = "w";
    c.will.payload = B("x");
    c.will.qos = 2;
    c.will.props = &wp;
    ENC(V5_CONNECT_WILL, mqc_encode_connect, &c);
    assert_int_equal(decode_hex(V5_CONNECT_WILL, MQC_V5, &p), 0);
    assert_int_equal(p.props.present, 0);
    assert_int_equal(p.connect.will.qos, 2);
    assert_int_equal(p.connect.will.retain, 0);
    assert_str(p.will_topic, "w");
    assert_ptr_equal(p.connect.will.props, &p.will_props);
    assert_int_equal(p.will_props.will_delay, 5);
    assert_int_equal(p.will_props.payload_format, 1);
    assert_int_equal(p.will_props.present,
                     (1ull << MQC_PROP_WILL_DELAY) | (1ull << MQC_PROP_PAYLOAD_FORMAT));
    assert_str(p.username, "u");
    assert_int_equal(p.connect.password->len, 2);
}

#define V5_CONNACK "20 0D 00 00 0A 12 00 02 69 64 22 00 0A 24 01"

static void v5_connack(void **state)
{
    mqc_props pr;
    mqc_packet p;

    (void)state;
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_TOPIC_ALIAS_MAX);
    pr.topic_alias_max = 10;
    mqc_props_set(&pr, MQC_PROP_MAX_QOS);
    pr.max_qos = 1;
    mqc_props_set(&pr, MQC_PROP_ASSIGNED_CLIENT_ID);
    pr.assigned_client_id = S("id");
    ENC(V5_CONNACK, mqc_encode_connack, MQC_V5, 0, 0, &pr);
    ENC("20 03 01 00 00", mqc_encode_connack, MQC_V5, 1, 0, NULL);
    ENC("20 03 00 87 00", mqc_encode_connack, MQC_V5, 0, 0x87, NULL);
    assert_int_equal(decode_hex(V5_CONNACK, MQC_V5, &p), 0);
    assert_int_equal(p.session_present, 0);
    assert_int_equal(p.reason, 0);
    assert_int_equal(p.props.topic_alias_max, 10);
    assert_int_equal(p.props.max_qos, 1);
    assert_str(p.props.assigned_client_id, "id");
    assert_int_equal(p.props.present, (1ull << 0x12) | (1ull << 0x22) | (1ull << 0x24));
    /* Every CONNACK property at once, in identifier order. */
    assert_int_equal(decode_hex("20 3D 00 00 3A 11 00 00 00 0A 12 00 01 63 13 00 3C 15 00 01 6D"
                                " 16 00 01 01 1A 00 01 72 1C 00 01 73 1F 00 01 78 21 00 0A 22 00 05"
                                " 24 01 25 00 27 00 00 10 00 28 01 29 01 2A 00 26 00 00 00 00",
                                MQC_V5, &p), 0);
    assert_int_equal(p.props.session_expiry, 10);
    assert_str(p.props.assigned_client_id, "c");
    assert_int_equal(p.props.server_keep_alive, 60);
    assert_str(p.props.auth_method, "m");
    assert_int_equal(p.props.auth_data.len, 1);
    assert_str(p.props.response_info, "r");
    assert_str(p.props.server_reference, "s");
    assert_str(p.props.reason_string, "x");
    assert_int_equal(p.props.receive_max, 10);
    assert_int_equal(p.props.topic_alias_max, 5);
    assert_int_equal(p.props.max_qos, 1);
    assert_int_equal(p.props.retain_available, 0);
    assert_int_equal(p.props.max_packet_size, 4096);
    assert_int_equal(p.props.wildcard_sub_available, 1);
    assert_int_equal(p.props.sub_id_available, 1);
    assert_int_equal(p.props.shared_sub_available, 0);
    assert_int_equal(p.props.user_count, 1);
    assert_int_equal(p.props.present, (1ull << 0x11) | (1ull << 0x12) | (1ull << 0x13) |
                     (1ull << 0x15) | (1ull << 0x16) | (1ull << 0x1A) | (1ull << 0x1C) |
                     (1ull << 0x1F) | (1ull << 0x21) | (1ull << 0x22) | (1ull << 0x24) |
                     (1ull << 0x25) | (1ull << 0x26) | (1ull << 0x27) | (1ull << 0x28) |
                     (1ull << 0x29) | (1ull << 0x2A));
    /* A 3.1.1 server refusing a 5.0 CONNECT answers in 3.1.1 form. */
    assert_int_equal(decode_hex("20 02 00 01", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 1);
}

#define V5_PUBLISH "32 25 00 01 74 00 05 1E 01 01 02 00 00 00 64 03 00 01 6A 08 00 01 72" \
                   " 09 00 02 01 02 23 00 03 26 00 01 61 00 01 62 50"

static void v5_publish(void **state)
{
    mqc_user_prop up = {S("a"), S("b")};
    mqc_user_prop got;
    mqc_publish m;
    mqc_props pr;
    mqc_packet p;
    size_t it = 0;

    (void)state;
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_PAYLOAD_FORMAT);
    pr.payload_format = 1;
    mqc_props_set(&pr, MQC_PROP_MESSAGE_EXPIRY);
    pr.message_expiry = 100;
    mqc_props_set(&pr, MQC_PROP_CONTENT_TYPE);
    pr.content_type = S("j");
    mqc_props_set(&pr, MQC_PROP_RESPONSE_TOPIC);
    pr.response_topic = S("r");
    mqc_props_set(&pr, MQC_PROP_CORRELATION_DATA);
    pr.correlation_data = B("\x01\x02");
    mqc_props_set(&pr, MQC_PROP_TOPIC_ALIAS);
    pr.topic_alias = 3;
    pr.user = &up;
    pr.user_count = 1;
    memset(&m, 0, sizeof m);
    m.topic = S("t");
    m.payload = B("P");
    m.qos = 1;
    m.id = 5;
    m.props = &pr;
    ENC(V5_PUBLISH, mqc_encode_publish, MQC_V5, &m);
    assert_int_equal(decode_hex(V5_PUBLISH, MQC_V5, &p), 0);
    assert_int_equal(p.publish.id, 5);
    assert_int_equal(p.publish.qos, 1);
    assert_str(p.publish.topic, "t");
    assert_int_equal(p.publish.payload.len, 1);
    assert_int_equal(p.publish.payload.ptr[0], 'P');
    assert_ptr_equal(p.publish.props, &p.props);
    assert_int_equal(p.props.payload_format, 1);
    assert_int_equal(p.props.message_expiry, 100);
    assert_str(p.props.content_type, "j");
    assert_str(p.props.response_topic, "r");
    assert_int_equal(p.props.correlation_data.len, 2);
    assert_memory_equal(p.props.correlation_data.ptr, "\x01\x02", 2);
    assert_int_equal(p.props.topic_alias, 3);
    assert_int_equal(p.props.user_count, 1);
    assert_int_equal(mqc_props_user_next(&p.props, &it, &got), 1);
    assert_str(got.key, "a");
    assert_str(got.value, "b");
    assert_int_equal(mqc_props_user_next(&p.props, &it, &got), 0);

    memset(&m, 0, sizeof m);
    m.topic = S("t");
    m.payload = B("x");
    ENC("30 05 00 01 74 00 78", mqc_encode_publish, MQC_V5, &m);

    /* Empty topic with a Topic Alias. */
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_TOPIC_ALIAS);
    pr.topic_alias = 7;
    memset(&m, 0, sizeof m);
    m.props = &pr;
    ENC("30 06 00 00 03 23 00 07", mqc_encode_publish, MQC_V5, &m);
    assert_int_equal(decode_hex("30 06 00 00 03 23 00 07", MQC_V5, &p), 0);
    assert_int_equal(p.publish.topic.len, 0);
    assert_int_equal(p.props.topic_alias, 7);

    /* Several Subscription Identifiers (server to client). */
    assert_int_equal(decode_hex("30 0B 00 01 74 07 0B 01 0B 80 01 0B 02", MQC_V5, &p), 0);
    assert_int_equal(p.props.subscription_id_count, 3);
    assert_int_equal(p.props.subscription_ids[0], 1);
    assert_int_equal(p.props.subscription_ids[1], 128);
    assert_int_equal(p.props.subscription_ids[2], 2);
}

static void v5_acks(void **state)
{
    mqc_user_prop up = {S("a"), S("b")};
    mqc_props pr;
    mqc_packet p;

    (void)state;
    ENC("40 02 00 05", mqc_encode_ack, MQC_V5, MQC_PUBACK, 5, 0, NULL);
    ENC("40 03 00 05 10", mqc_encode_ack, MQC_V5, MQC_PUBACK, 5, 0x10, NULL);
    ENC("62 03 00 05 92", mqc_encode_ack, MQC_V5, MQC_PUBREL, 5, 0x92, NULL);
    ENC("70 02 00 05", mqc_encode_ack, MQC_V5, MQC_PUBCOMP, 5, 0, NULL);
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_REASON_STRING);
    pr.reason_string = S("no");
    ENC("40 09 00 05 80 05 1F 00 02 6E 6F", mqc_encode_ack, MQC_V5, MQC_PUBACK, 5, 0x80, &pr);
    memset(&pr, 0, sizeof pr);
    pr.user = &up;
    pr.user_count = 1;
    ENC("50 0B 00 05 00 07 26 00 01 61 00 01 62", mqc_encode_ack, MQC_V5, MQC_PUBREC, 5, 0, &pr);

    assert_int_equal(decode_hex("40 02 00 05", MQC_V5, &p), 0);
    assert_int_equal(p.id, 5);
    assert_int_equal(p.reason, 0);
    assert_int_equal(decode_hex("62 03 00 05 92", MQC_V5, &p), 0);
    assert_int_equal(p.type, MQC_PUBREL);
    assert_int_equal(p.reason, 0x92);
    assert_int_equal(decode_hex("40 09 00 05 80 05 1F 00 02 6E 6F", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 0x80);
    assert_str(p.props.reason_string, "no");
    assert_int_equal(decode_hex("50 0B 00 05 00 07 26 00 01 61 00 01 62", MQC_V5, &p), 0);
    assert_int_equal(p.type, MQC_PUBREC);
    assert_int_equal(p.props.user_count, 1);
    /* Reason code with an empty property block. */
    assert_int_equal(decode_hex("70 04 00 05 92 00", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 0x92);
}

#define V5_SUBSCRIBE "82 16 00 07 09 0B 05 26 00 01 61 00 01 62 00 03 61 2F 23 2E 00 01 2B 10"

static void v5_subscribe(void **state)
{
    mqc_user_prop up = {S("a"), S("b")};
    mqc_subscription subs[2], s;
    mqc_props pr;
    mqc_packet p;
    size_t it = 0;

    (void)state;
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_SUBSCRIPTION_ID);
    pr.subscription_ids[0] = 5;
    pr.subscription_id_count = 1;
    pr.user = &up;
    pr.user_count = 1;
    memset(subs, 0, sizeof subs);
    subs[0].filter = S("a/#");
    subs[0].qos = 2;
    subs[0].no_local = 1;
    subs[0].retain_as_published = 1;
    subs[0].retain_handling = 2;
    subs[1].filter = S("+");
    subs[1].retain_handling = 1;
    ENC(V5_SUBSCRIBE, mqc_encode_subscribe, MQC_V5, 7, subs, 2, &pr);
    assert_int_equal(decode_hex(V5_SUBSCRIBE, MQC_V5, &p), 0);
    assert_int_equal(p.id, 7);
    assert_int_equal(p.props.subscription_id_count, 1);
    assert_int_equal(p.props.subscription_ids[0], 5);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V5, &it, &s), 1);
    assert_str(s.filter, "a/#");
    assert_int_equal(s.qos, 2);
    assert_int_equal(s.no_local, 1);
    assert_int_equal(s.retain_as_published, 1);
    assert_int_equal(s.retain_handling, 2);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V5, &it, &s), 1);
    assert_str(s.filter, "+");
    assert_int_equal(s.qos, 0);
    assert_int_equal(s.no_local, 0);
    assert_int_equal(s.retain_as_published, 0);
    assert_int_equal(s.retain_handling, 1);
    assert_int_equal(mqc_packet_next_subscription(&p, MQC_V5, &it, &s), 0);
}

static void v5_suback_unsub(void **state)
{
    static const uint8_t codes[] = {0x02, 0x00, 0x87};
    static const uint8_t ucodes[] = {0x00, 0x11};
    mqc_str f = S("a");
    mqc_props pr;
    mqc_packet p;

    (void)state;
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_REASON_STRING);
    pr.reason_string = S("x");
    ENC("90 0A 00 07 04 1F 00 01 78 02 00 87", mqc_encode_suback, MQC_V5, 7, codes, 3, &pr);
    assert_int_equal(decode_hex("90 0A 00 07 04 1F 00 01 78 02 00 87", MQC_V5, &p), 0);
    assert_int_equal(p.id, 7);
    assert_str(p.props.reason_string, "x");
    assert_int_equal(p.reasons.len, 3);
    assert_memory_equal(p.reasons.ptr, codes, 3);

    ENC("A2 06 00 08 00 00 01 61", mqc_encode_unsubscribe, MQC_V5, 8, &f, 1, NULL);
    assert_int_equal(decode_hex("A2 06 00 08 00 00 01 61", MQC_V5, &p), 0);
    assert_int_equal(p.id, 8);
    assert_int_equal(p.entries.len, 3);

    ENC("B0 05 00 08 00 00 11", mqc_encode_unsuback, MQC_V5, 8, ucodes, 2, NULL);
    assert_int_equal(decode_hex("B0 05 00 08 00 00 11", MQC_V5, &p), 0);
    assert_int_equal(p.reasons.len, 2);
    assert_memory_equal(p.reasons.ptr, ucodes, 2);
}

static void v5_disconnect_auth(void **state)
{
    mqc_props pr;
    mqc_packet p;

    (void)state;
    ENC("E0 00", mqc_encode_disconnect, MQC_V5, 0, NULL);
    ENC("E0 01 04", mqc_encode_disconnect, MQC_V5, 0x04, NULL);
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_SESSION_EXPIRY);
    ENC("E0 07 8E 05 11 00 00 00 00", mqc_encode_disconnect, MQC_V5, 0x8E, &pr);
    assert_int_equal(decode_hex("E0 00", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 0);
    assert_int_equal(decode_hex("E0 01 04", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 4);
    assert_int_equal(decode_hex("E0 07 8E 05 11 00 00 00 00", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 0x8E);
    assert_true(mqc_props_has(&p.props, MQC_PROP_SESSION_EXPIRY));

    ENC("F0 00", mqc_encode_auth, 0, NULL);
    memset(&pr, 0, sizeof pr);
    mqc_props_set(&pr, MQC_PROP_AUTH_METHOD);
    pr.auth_method = S("m");
    mqc_props_set(&pr, MQC_PROP_AUTH_DATA);
    pr.auth_data = B("\x01");
    ENC("F0 0A 18 08 15 00 01 6D 16 00 01 01", mqc_encode_auth, 0x18, &pr);
    assert_int_equal(decode_hex("F0 0A 18 08 15 00 01 6D 16 00 01 01", MQC_V5, &p), 0);
    assert_int_equal(p.type, MQC_AUTH);
    assert_int_equal(p.reason, 0x18);
    assert_str(p.props.auth_method, "m");
    assert_int_equal(p.props.auth_data.len, 1);
    assert_int_equal(decode_hex("F0 00", MQC_V5, &p), 0);
    assert_int_equal(p.reason, 0);
}

#else

/* A 3.1.1-only build refuses 5.0 everywhere. */
static void v5_refused(void **state)
{
    static const uint8_t ping[] = {0xC0, 0x00};
    mqc_publish m = {{"t", 1}, {NULL, 0}, 0, 0, 0, 0, NULL};
    mqc_connect c;
    mqc_packet p;

    (void)state;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V5;
    assert_int_equal(mqc_decode(ping, 2, MQC_V5, &p), MQC_ERR_INVAL);
    assert_int_equal(mqc_decode(ping, 2, MQC_V311, &p), 0);
    assert_int_equal(mqc_encode_connect(out, sizeof out, &c), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_publish(out, sizeof out, MQC_V5, &m), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_ack(out, sizeof out, MQC_V5, MQC_PUBACK, 1, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_disconnect(out, sizeof out, MQC_V5, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_auth(out, sizeof out, 0, NULL), MQC_ERR_INVAL);
}
#endif

static void fixed_header(void **state)
{
    static const uint8_t two[] = {0x30, 0xC1, 0x02};
    static const uint8_t max[] = {0x30, 0xFF, 0xFF, 0xFF, 0x7F};
    static const uint8_t five[] = {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
    uint8_t fb;
    uint32_t rem;

    (void)state;
    assert_int_equal(mqc_decode_fixed_header(two, 3, &fb, &rem), 3);
    assert_int_equal(fb, 0x30);
    assert_int_equal(rem, 321);
    assert_int_equal(mqc_decode_fixed_header(two, 2, &fb, &rem), MQC_ERR_INCOMPLETE);
    assert_int_equal(mqc_decode_fixed_header(two, 1, &fb, &rem), MQC_ERR_INCOMPLETE);
    assert_int_equal(mqc_decode_fixed_header(max, 5, &fb, &rem), 5);
    assert_int_equal(rem, 268435455u);
    assert_int_equal(mqc_decode_fixed_header(five, 6, &fb, &rem),
                     MQC_ERR_MALFORMED_REMAINING_LENGTH);
}

static void utf8(void **state)
{
    (void)state;
    assert_true(mqc_utf8_valid("", 0));
    assert_true(mqc_utf8_valid("a/b", 3));
    assert_true(mqc_utf8_valid("\xC3\xA9", 2));         /* U+00E9 */
    assert_true(mqc_utf8_valid("\xEF\xBB\xBF", 3));     /* U+FEFF */
    assert_true(mqc_utf8_valid("\xF0\x9F\x98\x80", 4)); /* U+1F600 */
    assert_true(mqc_utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
    assert_false(mqc_utf8_valid("a\0b", 3));
    assert_false(mqc_utf8_valid("\xC0\x80", 2));        /* overlong U+0000 */
    assert_false(mqc_utf8_valid("\xC1\xBF", 2));        /* overlong */
    assert_false(mqc_utf8_valid("\xE0\x80\xAF", 3));    /* overlong */
    assert_false(mqc_utf8_valid("\xF0\x8F\xBF\xBF", 4)); /* overlong */
    assert_false(mqc_utf8_valid("\xED\xA0\x80", 3));    /* surrogate D800 */
    assert_false(mqc_utf8_valid("\xED\xBF\xBF", 3));    /* surrogate DFFF */
    assert_false(mqc_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(mqc_utf8_valid("\x80", 1));
    assert_false(mqc_utf8_valid("\xC3", 1));
    assert_false(mqc_utf8_valid("\xE2\x82", 2));
    assert_false(mqc_utf8_valid("\xF8\x88\x80\x80\x80", 5));
    assert_false(mqc_utf8_valid("\xFF", 1));
}

/* Long strings go through the ASCII runs: every position of a NUL, a bad
 * byte and a good 2-byte character, inside a run, across its end, after it.
 * Each string is a heap block of its own size: under ASan a read before or
 * after it fails. */
static void utf8_runs(void **state)
{
    size_t len, at;

    (void)state;
    for (len = 1; len <= 40; len++) {
        char *s = malloc(len);

        assert_non_null(s);
        memset(s, 'a', len);
        assert_true(mqc_utf8_valid(s, len));
        for (at = 0; at < len; at++) {
            memset(s, 'a', len);
            s[at] = '\0';
            assert_false(mqc_utf8_valid(s, len));
            s[at] = (char)0xFF;
            assert_false(mqc_utf8_valid(s, len));
            s[at] = (char)0x7F;
            assert_true(mqc_utf8_valid(s, len));
            if (at + 1 < len) {
                s[at] = (char)0xC3;
                s[at + 1] = (char)0xA9;
                assert_true(mqc_utf8_valid(s, len));
                s[at + 1] = 'a';
                assert_false(mqc_utf8_valid(s, len)); /* a lead without its continuation */
            }
        }
        free(s);
    }
}

/* A wildcard anywhere in a topic name of any length up to 40 is refused,
 * by the encoder and by the decoder. */
static void topic_name_wildcards(void **state)
{
    static const char wild[] = "+#";
    char topic[41];
    uint8_t wire[64];
    mqc_packet p;
    mqc_ssize n;
    size_t len, at, w;

    (void)state;
    for (len = 1; len < sizeof topic; len++) {
        mqc_publish msg = {{topic, len}, {NULL, 0}, 0, 0, 0, 0, NULL};

        memset(topic, 'a', len);
        n = mqc_encode_publish(wire, sizeof wire, MQC_V311, &msg);
        assert_true(n > 0);
        assert_int_equal(mqc_decode(wire, (size_t)n, MQC_V311, &p), 0);
        for (at = 0; at < len; at++) {
            for (w = 0; w < 2; w++) {
                memset(topic, 'a', len);
                topic[at] = wild[w];
                assert_int_equal(mqc_encode_publish(wire, sizeof wire, MQC_V311, &msg),
                                 MQC_ERR_INVAL);
                /* The same bytes as a received PUBLISH. */
                wire[0] = 0x30;
                wire[1] = (uint8_t)(2 + len);
                wire[2] = 0;
                wire[3] = (uint8_t)len;
                memcpy(wire + 4, topic, len);
                assert_int_equal(mqc_decode(wire, 4 + len, MQC_V311, &p),
                                 MQC_ERR_MALFORMED_TOPIC);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(v3_connect),
        cmocka_unit_test(v3_connack),
        cmocka_unit_test(v3_publish),
        cmocka_unit_test(v3_acks),
        cmocka_unit_test(v3_subscribe),
        cmocka_unit_test(v3_suback_unsub),
        cmocka_unit_test(v3_ping_disconnect),
#if MQC_ENABLE_V5
        cmocka_unit_test(v5_connect),
        cmocka_unit_test(v5_connack),
        cmocka_unit_test(v5_publish),
        cmocka_unit_test(v5_acks),
        cmocka_unit_test(v5_subscribe),
        cmocka_unit_test(v5_suback_unsub),
        cmocka_unit_test(v5_disconnect_auth),
#else
        cmocka_unit_test(v5_refused),
#endif
        cmocka_unit_test(fixed_header),
        cmocka_unit_test(utf8),
        cmocka_unit_test(utf8_runs),
        cmocka_unit_test(topic_name_wildcards),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
