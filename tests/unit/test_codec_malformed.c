/* One row per malformed-input rule: hex input, protocol, exact error. */
#include "test_codec.h"

#define V3 MQC_V311
#define V31 MQC_V31
#define V5 MQC_V5

typedef struct row {
    const char *what;
    const char *hex;
    mqc_protocol proto;
    int err;
    uint32_t max_packet; /* non-zero: fed to a framer with this limit instead */
} row;

#define MQTT "00 04 4D 51 54 54"

static const row rows[] = {
    /* Remaining length and other variable byte integers. */
    {"remaining length of 5 bytes", "30 FF FF FF FF 01", V3, MQC_ERR_MALFORMED_REMAINING_LENGTH, 0},
    {"remaining length not minimal", "C0 80 00", V3, MQC_ERR_MALFORMED_REMAINING_LENGTH, 0},
    {"subscription id of 5 bytes", "30 0A 00 01 74 06 0B FF FF FF FF 01", V5, MQC_ERR_MALFORMED_REMAINING_LENGTH, 0},
    {"property length of 5 bytes", "40 08 00 01 00 FF FF FF FF 01", V5, MQC_ERR_MALFORMED_REMAINING_LENGTH, 0},
    /* Reserved flags. */
    {"PUBREL flags 0000", "60 02 00 01", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"SUBSCRIBE flags 0000", "80 06 00 01 00 01 61 00", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"UNSUBSCRIBE flags 0011", "A3 05 00 01 00 01 61", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"PUBACK flags 0001", "41 02 00 01", V5, MQC_ERR_MALFORMED_FLAGS, 0},
    {"PINGREQ flags 1000", "C8 00", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNACK flags bit 1", "20 02 02 00", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNACK v5 flags bit 7", "20 03 80 00 00", V5, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNECT reserved flag", "10 0D " MQTT " 04 03 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNECT v3 password without username", "10 10 " MQTT " 04 42 00 3C 00 01 61 00 01 70", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNECT will QoS without will", "10 0D " MQTT " 04 0A 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"CONNECT will retain without will", "10 0D " MQTT " 04 22 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"SUBSCRIBE v3 option bit 2", "82 06 00 01 00 01 61 04", V3, MQC_ERR_MALFORMED_FLAGS, 0},
    {"SUBSCRIBE v5 option bit 6", "82 07 00 01 00 00 01 61 40", V5, MQC_ERR_MALFORMED_FLAGS, 0},
    /* QoS. */
    {"PUBLISH QoS 3", "36 05 00 01 74 00 01", V3, MQC_ERR_MALFORMED_QOS, 0},
    {"PUBLISH DUP on QoS 0", "38 03 00 01 74", V3, MQC_ERR_MALFORMED_QOS, 0},
    {"CONNECT will QoS 3", "10 0D " MQTT " 04 1E 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_QOS, 0},
    {"SUBSCRIBE option QoS 3", "82 06 00 01 00 01 61 03", V3, MQC_ERR_MALFORMED_QOS, 0},
    /* Lengths. */
    {"topic runs past the packet", "30 03 00 05 74", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"topic length cut (fuzz crash: NULL slice)", "30 01 07", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"PUBACK v3 with a byte left over", "40 03 00 01 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"PINGRESP with a body", "D0 01 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"property block past the packet", "40 05 00 01 00 05 1F", V5, MQC_ERR_MALFORMED_LENGTH, 0},
    {"property value past the block", "40 07 00 01 00 02 1F 00 01 61", V5, MQC_ERR_MALFORMED_LENGTH, 0},
    {"bytes after the packet", "C0 00 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"CONNACK of one byte", "20 01 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"AUTH with a reason but no property length", "F0 01 00", V5, MQC_ERR_MALFORMED_LENGTH, 0},
    {"DISCONNECT v3 with a reason", "E0 01 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"PUBLISH QoS 1 without id", "32 03 00 01 74", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"CONNECT cut in the password", "10 10 " MQTT " 04 C2 00 3C 00 01 61 00 01 75 00 05", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    {"UNSUBACK v3 with a code", "B0 03 00 01 00", V3, MQC_ERR_MALFORMED_LENGTH, 0},
    /* UTF-8. */
    {"topic with U+0000", "30 05 00 03 61 00 62", V3, MQC_ERR_MALFORMED_UTF8, 0},
    {"topic with a surrogate", "30 05 00 03 ED A0 80", V3, MQC_ERR_MALFORMED_UTF8, 0},
    {"topic with an overlong '/'", "30 04 00 02 C0 AF", V3, MQC_ERR_MALFORMED_UTF8, 0},
    {"client id not UTF-8", "10 0D " MQTT " 04 02 00 3C 00 01 FF", V3, MQC_ERR_MALFORMED_UTF8, 0},
    {"reason string not UTF-8", "40 08 00 01 80 04 1F 00 01 FF", V5, MQC_ERR_MALFORMED_UTF8, 0},
    {"user property value cut sequence", "40 0B 00 01 80 07 26 00 01 61 00 01 C3", V5, MQC_ERR_MALFORMED_UTF8, 0},
    {"UNSUBSCRIBE filter not UTF-8", "A2 05 00 01 00 01 80", V3, MQC_ERR_MALFORMED_UTF8, 0},
    {"username not UTF-8", "10 10 " MQTT " 04 82 00 3C 00 01 61 00 01 FE", V3, MQC_ERR_MALFORMED_UTF8, 0},
    /* Packet type. */
    {"type 0", "00 00", V3, MQC_ERR_MALFORMED_TYPE, 0},
    {"type 0 under 5.0", "00 00", V5, MQC_ERR_MALFORMED_TYPE, 0},
    {"AUTH under 3.1.1", "F0 00", V3, MQC_ERR_MALFORMED_TYPE, 0},
    /* Size limit (framer). */
    {"packet over the limit", "30 05 00 01 74 41 42", V3, MQC_ERR_PACKET_TOO_LARGE, 6},
    /* Properties. */
    {"unknown property 0x05", "40 06 00 01 00 02 05 00", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"two-byte property id", "40 06 00 01 00 02 81 01", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Topic Alias in PUBACK", "40 07 00 01 00 03 23 00 01", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Session Expiry in PUBLISH", "30 09 00 01 74 05 11 00 00 00 01", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Will Delay in CONNECT properties", "10 13 " MQTT " 05 02 00 3C 05 18 00 00 00 01 00 01 61", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Reason String in PUBLISH", "30 08 00 01 74 04 1F 00 01 61", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Subscription Identifier in UNSUBSCRIBE", "A2 08 00 01 02 0B 01 00 01 61", V5, MQC_ERR_MALFORMED_PROPERTY, 0},
    {"Reason String twice", "40 0C 00 01 80 08 1F 00 01 61 1F 00 01 62", V5, MQC_ERR_DUPLICATE_PROPERTY, 0},
    {"Topic Alias twice", "30 0A 00 01 74 06 23 00 01 23 00 02", V5, MQC_ERR_DUPLICATE_PROPERTY, 0},
    {"Subscription Identifier twice in SUBSCRIBE", "82 0B 00 01 04 0B 01 0B 02 00 01 61 00", V5, MQC_ERR_DUPLICATE_PROPERTY, 0},
    {"Receive Maximum twice in CONNACK", "20 09 00 00 06 21 00 01 21 00 02", V5, MQC_ERR_DUPLICATE_PROPERTY, 0},
    /* Packet identifiers. */
    {"PUBLISH QoS 1 id 0", "32 05 00 01 74 00 00", V3, MQC_ERR_MALFORMED_PACKET_ID, 0},
    {"PUBACK id 0", "40 02 00 00", V3, MQC_ERR_MALFORMED_PACKET_ID, 0},
    {"PUBREL v5 id 0", "62 02 00 00", V5, MQC_ERR_MALFORMED_PACKET_ID, 0},
    {"SUBSCRIBE id 0", "82 06 00 00 00 01 61 00", V3, MQC_ERR_MALFORMED_PACKET_ID, 0},
    {"UNSUBACK id 0", "B0 02 00 00", V3, MQC_ERR_MALFORMED_PACKET_ID, 0},
    /* Reason codes. */
    {"CONNACK v3 return code 6", "20 02 00 06", V3, MQC_ERR_MALFORMED_REASON, 0},
    {"CONNACK v5 reason 0x01", "20 03 00 01 00", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"PUBACK v5 reason 0x92", "40 03 00 01 92", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"PUBREL v5 reason 0x10", "62 03 00 01 10", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"SUBACK v3 code 0x03", "90 03 00 01 03", V3, MQC_ERR_MALFORMED_REASON, 0},
    {"SUBACK v5 code 0x11", "90 04 00 01 00 11", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"UNSUBACK v5 code 0x02", "B0 04 00 01 00 02", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"DISCONNECT v5 reason 0x01", "E0 01 01", V5, MQC_ERR_MALFORMED_REASON, 0},
    {"AUTH reason 0x01", "F0 02 01 00", V5, MQC_ERR_MALFORMED_REASON, 0},
    /* Topics. */
    {"'+' in a topic name", "30 05 00 03 61 2F 2B", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"'#' in a topic name", "30 03 00 01 23", V5, MQC_ERR_MALFORMED_TOPIC, 0},
    {"empty topic under 3.1.1", "30 02 00 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"empty topic without alias", "30 03 00 00 00", V5, MQC_ERR_MALFORMED_TOPIC, 0},
    {"filter 'a#'", "82 07 00 01 00 02 61 23 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"filter 'a/b+'", "82 09 00 01 00 04 61 2F 62 2B 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"filter '#/a'", "82 08 00 01 00 03 23 2F 61 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"empty UNSUBSCRIBE filter", "A2 04 00 01 00 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"will topic with '#'", "10 12 " MQTT " 04 06 00 3C 00 01 61 00 01 23 00 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    {"empty will topic", "10 11 " MQTT " 04 06 00 3C 00 01 61 00 00 00 00", V3, MQC_ERR_MALFORMED_TOPIC, 0},
    /* Values. */
    {"Receive Maximum 0", "20 06 00 00 03 21 00 00", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Maximum Packet Size 0", "20 08 00 00 05 27 00 00 00 00", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Payload Format 2", "30 06 00 01 74 02 01 02", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Maximum QoS 2", "20 05 00 00 02 24 02", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Retain Available 2", "20 05 00 00 02 25 02", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Shared Subscription Available 2", "20 05 00 00 02 2A 02", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Subscription Identifier 0", "30 06 00 01 74 02 0B 00", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"Topic Alias 0", "30 07 00 01 74 03 23 00 00", V5, MQC_ERR_TOPIC_ALIAS, 0},
    {"Request Problem Information 2", "10 10 " MQTT " 05 02 00 3C 02 17 02 00 01 61", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"protocol name MQIsdp with level 4", "10 0F 00 06 4D 51 49 73 64 70 04 02 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_VALUE, 0},
    {"protocol name MQTT with level 3", "10 0D " MQTT " 03 02 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_VALUE, 0},
    {"protocol name MQIsd", "10 0E 00 05 4D 51 49 73 64 03 02 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_VALUE, 0},
    /* MQTT 3.1: what differs from 3.1.1. */
    {"3.1 SUBACK failure 0x80 (3.1.1 only)", "90 03 00 01 80", V31, MQC_ERR_MALFORMED_REASON, 0},
    {"3.1 SUBACK code 3", "90 03 00 01 03", V31, MQC_ERR_MALFORMED_REASON, 0},
    {"3.1 CONNACK return code 6", "20 02 00 06", V31, MQC_ERR_MALFORMED_REASON, 0},
    {"3.1 AUTH", "F0 00", V31, MQC_ERR_MALFORMED_TYPE, 0},
    {"3.1 UNSUBACK with a code", "B0 03 00 01 00", V31, MQC_ERR_MALFORMED_LENGTH, 0},
    {"3.1 PUBACK with a reason", "40 03 00 01 00", V31, MQC_ERR_MALFORMED_LENGTH, 0},
    {"protocol level 6", "10 0D " MQTT " 06 02 00 3C 00 01 61", V3, MQC_ERR_MALFORMED_VALUE, 0},
    {"SUBSCRIBE with no entries", "82 02 00 01", V3, MQC_ERR_MALFORMED_VALUE, 0},
    {"UNSUBSCRIBE v5 with no filters", "A2 03 00 01 00", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"retain handling 3", "82 07 00 01 00 00 01 61 30", V5, MQC_ERR_MALFORMED_VALUE, 0},
    {"CONNACK session present with refusal", "20 02 01 05", V3, MQC_ERR_MALFORMED_VALUE, 0},
    {"SUBACK with no codes", "90 02 00 01", V3, MQC_ERR_MALFORMED_VALUE, 0},
};

static void table(void **state)
{
    static const int codes[] = {
        MQC_ERR_MALFORMED_REMAINING_LENGTH, MQC_ERR_MALFORMED_FLAGS, MQC_ERR_MALFORMED_LENGTH,
        MQC_ERR_MALFORMED_UTF8, MQC_ERR_MALFORMED_TYPE, MQC_ERR_PACKET_TOO_LARGE,
        MQC_ERR_MALFORMED_PROPERTY, MQC_ERR_DUPLICATE_PROPERTY, MQC_ERR_MALFORMED_PACKET_ID,
        MQC_ERR_MALFORMED_QOS, MQC_ERR_MALFORMED_REASON, MQC_ERR_MALFORMED_TOPIC,
        MQC_ERR_MALFORMED_VALUE,
    };
    size_t i, j;
    int failed = 0;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        uint8_t buf[256];
        size_t n = hex_to_bytes(r->hex, buf, sizeof buf);
        mqc_packet p;
        int got;

        assert_int_not_equal(n, (size_t)-1);
        if (r->proto == MQC_V5 && !MQC_ENABLE_V5)
            continue;
        if (r->max_packet) {
            mqc_framer f;
            const uint8_t *pkt;
            size_t plen;

            mqc_framer_init(&f, NULL, 0, r->max_packet);
            got = (int)mqc_framer_feed(&f, buf, n, &pkt, &plen);
        } else {
            got = mqc_decode(buf, n, r->proto, &p);
        }
        if (got != r->err) {
            print_error("row %zu (%s): got %d, want %d\n", i, r->what, got, r->err);
            failed = 1;
        }
    }
    assert_false(failed);
    /* Every MQC_ERR_MALFORMED_* code has at least one row. */
    for (j = 0; j < sizeof codes / sizeof codes[0]; j++) {
        int seen = 0;

        for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
            seen |= rows[i].err == codes[j] && (MQC_ENABLE_V5 || rows[i].proto != MQC_V5);
        /* Properties exist only in 5.0. */
        seen |= !MQC_ENABLE_V5 && (codes[j] == MQC_ERR_MALFORMED_PROPERTY ||
                                   codes[j] == MQC_ERR_DUPLICATE_PROPERTY);
        assert_true(seen);
    }
    assert_true(sizeof rows / sizeof rows[0] >= 30);
}

/* Every truncation of valid packets is an error, never a read past the end. */
static void truncations(void **state)
{
    static const char *valid[] = {
        "10 23 " MQTT " 05 D6 00 00 00 00 01 63 07 01 01 18 00 00 00 05 00 01 77 00 01 78"
        " 00 01 75 00 02 70 77",
        "32 25 00 01 74 00 05 1E 01 01 02 00 00 00 64 03 00 01 6A 08 00 01 72"
        " 09 00 02 01 02 23 00 03 26 00 01 61 00 01 62 50",
        "82 16 00 07 09 0B 05 26 00 01 61 00 01 62 00 03 61 2F 23 2E 00 01 2B 10",
        "20 0D 00 00 0A 12 00 02 69 64 22 00 0A 24 01",
    };
    size_t i, cut;

    (void)state;
    if (!MQC_ENABLE_V5)
        skip();
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        uint8_t buf[256];
        size_t n = hex_to_bytes(valid[i], buf, sizeof buf);
        mqc_packet p;

        assert_int_equal(mqc_decode(buf, n, MQC_V5, &p), 0);
        for (cut = 0; cut < n; cut++) {
            uint8_t *copy = test_malloc(cut ? cut : 1);

            memcpy(copy, buf, cut);
            /* Shorter than the header says: incomplete. */
            assert_int_equal(mqc_decode(copy, cut, MQC_V5, &p), MQC_ERR_INCOMPLETE);
            if (cut >= 2 && cut < 129) {
                /* The cut bytes with the remaining length fixed up, in a
                 * buffer of exactly that size (ASan builds catch any read
                 * past it); a PUBLISH cut in its payload stays valid. */
                uint8_t *fixed = test_malloc(cut);
                size_t hl = buf[1] < 128 ? 2 : 3;

                fixed[0] = buf[0];
                fixed[1] = (uint8_t)(cut - 2);
                memcpy(fixed + 2, buf + hl, cut - 2);
                assert_true(mqc_decode(fixed, cut, MQC_V5, &p) <= 0);
                test_free(fixed);
            }
            test_free(copy);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(truncations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
