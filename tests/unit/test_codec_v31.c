/* MQTT 3.1 ("MQIsdp", protocol level 3): exact packets both ways, and what
 * differs from 3.1.1 (client id length, CONNACK flags, SUBACK codes). */
#include "test_codec.h"

#define MQISDP "00 06 4D 51 49 73 64 70"

static void connect_packets(void **state)
{
    uint8_t buf[128];
    mqc_connect c;
    mqc_bytes pw = B("pw");
    mqc_packet p;

    (void)state;
    memset(&c, 0, sizeof c);
    c.protocol = MQC_V31;
    c.clean = 1;
    c.keep_alive = 60;
    c.client_id = S("cid");
    ASSERT_ENCODED(mqc_encode_connect(buf, sizeof buf, &c), mqc_encode_connect(NULL, 0, &c), buf,
                   "10 11 " MQISDP " 03 02 00 3C 00 03 63 69 64");
    /* Will, user name, password, CleanSession 0. */
    c.clean = 0;
    c.will.topic = "w";
    c.will.payload = B("x");
    c.will.qos = 1;
    c.will.retain = 1;
    c.username = "u";
    c.password = &pw;
    ASSERT_ENCODED(mqc_encode_connect(buf, sizeof buf, &c), mqc_encode_connect(NULL, 0, &c), buf,
                   "10 1E " MQISDP " 03 EC 00 3C 00 03 63 69 64 00 01 77 00 01 78 00 01 75"
                   " 00 02 70 77");
    /* Read back (server side): level 3, the same fields. */
    assert_int_equal(decode_hex("10 1E " MQISDP " 03 EC 00 3C 00 03 63 69 64 00 01 77 00 01 78"
                                " 00 01 75 00 02 70 77", MQC_V31, &p), 0);
    assert_int_equal(p.type, MQC_CONNECT);
    assert_int_equal(p.connect.protocol, MQC_V31);
    assert_int_equal(p.connect.clean, 0);
    assert_str(p.connect.client_id, "cid");
    assert_str(p.username, "u");
    assert_int_equal(p.connect.will.qos, 1);

    /* 3.1 client ids are 1 to 23 bytes; 3.1.1 allows 0 and more. */
    c.username = NULL;
    c.password = NULL;
    c.will.topic = NULL;
    c.client_id = S("abcdefghijklmnopqrstuvw");
    assert_true(mqc_encode_connect(buf, sizeof buf, &c) > 0);
    c.client_id = S("abcdefghijklmnopqrstuvwx");
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.client_id = S("");
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
    c.protocol = MQC_V311;
    assert_true(mqc_encode_connect(buf, sizeof buf, &c) > 0);
    c.client_id = S("abcdefghijklmnopqrstuvwx");
    assert_true(mqc_encode_connect(buf, sizeof buf, &c) > 0);
    /* A password needs a user name, as in 3.1.1. */
    c.protocol = MQC_V31;
    c.client_id = S("a");
    c.password = &pw;
    assert_int_equal(mqc_encode_connect(buf, sizeof buf, &c), MQC_ERR_INVAL);
}

static void connack_packets(void **state)
{
    uint8_t buf[8];
    mqc_packet p;
    uint8_t rc;

    (void)state;
    /* Return codes 0-5 as in 3.1.1. */
    for (rc = 0; rc <= 5; rc++) {
        char hex[16] = "20 02 00 0X";

        hex[10] = (char)('0' + rc);
        assert_int_equal(decode_hex(hex, MQC_V31, &p), 0);
        assert_int_equal(p.reason, rc);
        ASSERT_ENCODED(mqc_encode_connack(buf, sizeof buf, MQC_V31, 0, rc, NULL),
                       mqc_encode_connack(NULL, 0, MQC_V31, 0, rc, NULL), buf, hex);
    }
    /* The first byte is reserved and unused in 3.1: no session present, and
     * nothing there is malformed (3.1.1 rejects both of these). */
    assert_int_equal(decode_hex("20 02 01 00", MQC_V31, &p), 0);
    assert_int_equal(p.session_present, 0);
    assert_int_equal(decode_hex("20 02 01 05", MQC_V31, &p), 0);
    assert_int_equal(p.reason, 5);
    assert_int_equal(decode_hex("20 02 FE 00", MQC_V31, &p), 0);
    assert_int_equal(decode_hex("20 02 02 00", MQC_V311, &p), MQC_ERR_MALFORMED_FLAGS);
    assert_int_equal(decode_hex("20 02 01 05", MQC_V311, &p), MQC_ERR_MALFORMED_VALUE);
    assert_int_equal(decode_hex("20 02 01 00", MQC_V311, &p), 0);
    assert_int_equal(p.session_present, 1);
    /* A 3.1 server sends no session present flag. */
    assert_int_equal(mqc_encode_connack(buf, sizeof buf, MQC_V31, 1, 0, NULL), MQC_ERR_INVAL);
    assert_int_equal(mqc_encode_connack(buf, sizeof buf, MQC_V31, 0, 6, NULL), MQC_ERR_INVAL);
}

static void suback_packets(void **state)
{
    static const uint8_t granted[] = {0, 1, 2};
    static const uint8_t failure[] = {1, 0x80};
    uint8_t buf[16];
    mqc_packet p;

    (void)state;
    ASSERT_ENCODED(mqc_encode_suback(buf, sizeof buf, MQC_V31, 7, granted, 3, NULL),
                   mqc_encode_suback(NULL, 0, MQC_V31, 7, granted, 3, NULL), buf,
                   "90 05 00 07 00 01 02");
    assert_int_equal(decode_hex("90 05 00 07 00 01 02", MQC_V31, &p), 0);
    assert_int_equal(p.id, 7);
    assert_int_equal(p.reasons.len, 3);
    assert_int_equal(p.reasons.ptr[2], 2);
    /* 0x80 (failure) exists from 3.1.1 on. */
    assert_int_equal(mqc_encode_suback(buf, sizeof buf, MQC_V31, 7, failure, 2, NULL),
                     MQC_ERR_INVAL);
    assert_true(mqc_encode_suback(buf, sizeof buf, MQC_V311, 7, failure, 2, NULL) > 0);
    assert_int_equal(decode_hex("90 04 00 07 01 80", MQC_V31, &p), MQC_ERR_MALFORMED_REASON);
    assert_int_equal(decode_hex("90 04 00 07 01 80", MQC_V311, &p), 0);
}

/* Everything else is laid out as in 3.1.1. */
static void other_packets(void **state)
{
    static const mqc_subscription subs[] = {{{"a/#", 3}, 1, 0, 0, 0}};
    static const mqc_str filters[] = {{"a/#", 3}};
    uint8_t buf[64];
    mqc_publish pub;
    mqc_packet p;

    (void)state;
    memset(&pub, 0, sizeof pub);
    pub.topic = S("t");
    pub.payload = B("hi");
    pub.qos = 2;
    pub.id = 0x1234;
    pub.dup = 1;
    ASSERT_ENCODED(mqc_encode_publish(buf, sizeof buf, MQC_V31, &pub),
                   mqc_encode_publish(NULL, 0, MQC_V31, &pub), buf, "3C 07 00 01 74 12 34 68 69");
    assert_int_equal(decode_hex("3C 07 00 01 74 12 34 68 69", MQC_V31, &p), 0);
    assert_int_equal(p.publish.qos, 2);
    assert_int_equal(p.publish.dup, 1);
    assert_int_equal(p.id, 0x1234);
    ASSERT_ENCODED(mqc_encode_ack(buf, sizeof buf, MQC_V31, MQC_PUBREL, 0x1234, 0, NULL),
                   mqc_encode_ack(NULL, 0, MQC_V31, MQC_PUBREL, 0x1234, 0, NULL), buf,
                   "62 02 12 34");
    ASSERT_ENCODED(mqc_encode_ack(buf, sizeof buf, MQC_V31, MQC_PUBACK, 9, 0, NULL),
                   mqc_encode_ack(NULL, 0, MQC_V31, MQC_PUBACK, 9, 0, NULL), buf, "40 02 00 09");
    assert_int_equal(decode_hex("50 02 00 09", MQC_V31, &p), 0);
    assert_int_equal(decode_hex("70 02 00 09", MQC_V31, &p), 0);
    ASSERT_ENCODED(mqc_encode_subscribe(buf, sizeof buf, MQC_V31, 2, subs, 1, NULL),
                   mqc_encode_subscribe(NULL, 0, MQC_V31, 2, subs, 1, NULL), buf,
                   "82 08 00 02 00 03 61 2F 23 01");
    ASSERT_ENCODED(mqc_encode_unsubscribe(buf, sizeof buf, MQC_V31, 3, filters, 1, NULL),
                   mqc_encode_unsubscribe(NULL, 0, MQC_V31, 3, filters, 1, NULL), buf,
                   "A2 07 00 03 00 03 61 2F 23");
    assert_int_equal(decode_hex("B0 02 00 03", MQC_V31, &p), 0);
    ASSERT_ENCODED(mqc_encode_disconnect(buf, sizeof buf, MQC_V31, 0, NULL),
                   mqc_encode_disconnect(NULL, 0, MQC_V31, 0, NULL), buf, "E0 00");
    assert_int_equal(decode_hex("D0 00", MQC_V31, &p), 0);
    /* Protocol levels that do not exist are refused. */
    assert_int_equal(mqc_encode_ack(buf, sizeof buf, (mqc_protocol)2, MQC_PUBACK, 9, 0, NULL),
                     MQC_ERR_INVAL);
    assert_int_equal(decode_hex("D0 00", (mqc_protocol)2, &p), MQC_ERR_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(connect_packets),
        cmocka_unit_test(connack_packets),
        cmocka_unit_test(suback_packets),
        cmocka_unit_test(other_packets),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
