/* WebSocket framing (src/transport/ws_frame.c) on exact bytes: client frame
 * headers and masking, server frames carrying MQTT packets split and joined
 * every way, ping/pong, close, and each malformed frame refused by name.
 * MQC_TEST_HOST_ONLY: the client layer (WebSocket transport), not built for the Cortex-M port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "helper_hex.h"
#include "transport/ws_frame.h"

static const uint8_t mask0[4] = {0, 0, 0, 0};
static const uint8_t mask_rfc[4] = {0x37, 0xfa, 0x21, 0x3d}; /* RFC 6455 §5.7 */

static size_t hex(const char *h, uint8_t *out, size_t cap)
{
    size_t n = hex_to_bytes(h, out, cap);
    assert_int_not_equal(n, (size_t)-1);
    return n;
}

static void assert_bytes(const uint8_t *got, size_t n, const char *want_hex)
{
    uint8_t want[512];
    size_t m = hex(want_hex, want, sizeof(want));
    assert_int_equal(n, m);
    assert_memory_equal(got, want, m);
}

/* Feeds the hex bytes in one call; returns the result, data in out. */
static int feed(ws_rx *w, const char *h, uint8_t *out, size_t *out_len)
{
    size_t n = hex(h, out, 4096);
    return ws_rx_feed(w, out, n, out_len);
}

static void test_header_lengths(void **st)
{
    uint8_t h[WS_HEADER_MAX];
    (void)st;
    assert_int_equal(ws_frame_header(h, WS_OP_BINARY, 0, mask_rfc), 6);
    assert_bytes(h, 6, "82 80 37fa213d");
    assert_int_equal(ws_frame_header(h, WS_OP_BINARY, 125, mask_rfc), 6);
    assert_bytes(h, 6, "82 fd 37fa213d");
    assert_int_equal(ws_frame_header(h, WS_OP_BINARY, 126, mask_rfc), 8);
    assert_bytes(h, 8, "82 fe 007e 37fa213d");
    assert_int_equal(ws_frame_header(h, WS_OP_BINARY, 65535, mask_rfc), 8);
    assert_bytes(h, 8, "82 fe ffff 37fa213d");
    assert_int_equal(ws_frame_header(h, WS_OP_BINARY, 65536, mask_rfc), 14);
    assert_bytes(h, 14, "82 ff 0000000000010000 37fa213d");
    assert_int_equal(ws_frame_header(h, WS_OP_CLOSE, 2, mask0), 6);
    assert_bytes(h, 6, "88 82 00000000");
}

/* RFC 6455 §5.7's masked "Hello", as a binary frame. */
static void test_masked_hello(void **st)
{
    uint8_t out[64];
    (void)st;
    assert_int_equal(ws_frame(out, sizeof(out), WS_OP_BINARY, (const uint8_t *)"Hello", 5, mask_rfc), 11);
    assert_bytes(out, 11, "82 85 37fa213d 7f9f4d5158");
    assert_int_equal(ws_frame(out, 10, WS_OP_BINARY, (const uint8_t *)"Hello", 5, mask_rfc), WS_ERR_BUFFER);
}

/* Masking resumes at the payload offset: a payload masked in pieces equals
 * the payload masked at once. */
static void test_mask_offset(void **st)
{
    const uint8_t src[7] = {1, 2, 3, 4, 5, 6, 7};
    uint8_t whole[7], parts[7];
    (void)st;
    ws_mask(whole, src, 7, mask_rfc, 0);
    ws_mask(parts, src, 3, mask_rfc, 0);
    ws_mask(parts + 3, src + 3, 4, mask_rfc, 3);
    assert_memory_equal(whole, parts, 7);
    assert_bytes(whole, 7, "36f8223932fc26");
}

static void test_one_packet(void **st)
{
    ws_rx w;
    uint8_t b[64];
    size_t n = 99;
    (void)st;
    ws_rx_init(&w, 0);
    assert_int_equal(feed(&w, "82 02 d000", b, &n), 0); /* PINGRESP */
    assert_bytes(b, n, "d000");
}

static void test_frame_with_several_packets(void **st)
{
    ws_rx w;
    uint8_t b[64];
    size_t n;
    (void)st;
    ws_rx_init(&w, 0);
    /* CONNACK, PINGRESP, PUBACK 7 in one frame */
    assert_int_equal(feed(&w, "82 0a 20020000 d000 40020007", b, &n), 0);
    assert_bytes(b, n, "20020000 d000 40020007");
}

static void test_packet_across_frames(void **st)
{
    ws_rx w;
    uint8_t b[64];
    size_t n;
    (void)st;
    ws_rx_init(&w, 0);
    /* CONNACK in a binary frame without FIN, a continuation, a final one */
    assert_int_equal(feed(&w, "02 01 20  00 02 0200  80 01 00", b, &n), 0);
    assert_bytes(b, n, "20020000");
    /* and then a new message may begin */
    assert_int_equal(feed(&w, "82 02 d000", b, &n), 0);
    assert_bytes(b, n, "d000");
}

/* The same stream fed one byte at a time gives the same bytes. */
static void test_byte_by_byte(void **st)
{
    const char *stream = "02 01 20  89 02 6869  80 03 020000  82 7e 007e";
    uint8_t in[512], got[512];
    size_t n = hex(stream, in, sizeof(in)), i, total = 0, k;
    ws_rx w;
    (void)st;
    memset(in + n, 0xab, 126); /* the 126-byte frame's payload */
    n += 126;
    ws_rx_init(&w, 0);
    for (i = 0; i < n; i++) {
        uint8_t one = in[i];
        assert_int_equal(ws_rx_feed(&w, &one, 1, &k), 0);
        if (k)
            got[total++] = one;
    }
    assert_int_equal(total, 4 + 126);
    assert_bytes(got, 4, "20020000");
    for (i = 4; i < total; i++)
        assert_int_equal(got[i], 0xab);
    assert_true(w.pong_due);
}

/* A ping between the fragments of a message is answered with its payload. */
static void test_ping_pong(void **st)
{
    ws_rx w;
    uint8_t b[64], out[64];
    const uint8_t m[4] = {1, 2, 3, 4};
    size_t n;
    (void)st;
    ws_rx_init(&w, 0);
    assert_int_equal(feed(&w, "02 01 20  89 02 6869  80 03 020000", b, &n), 0);
    assert_bytes(b, n, "20020000");
    assert_true(w.pong_due);
    assert_int_equal(ws_frame_pong(&w, out, sizeof(out), m), 8);
    assert_bytes(out, 8, "8a 82 01020304 696b");
    assert_false(w.pong_due);
    /* an empty ping, and pongs from the server are taken quietly */
    assert_int_equal(feed(&w, "89 00 8a 01 00", b, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(ws_frame_pong(&w, out, sizeof(out), mask0), 6);
    assert_bytes(out, 6, "8a 80 00000000");
}

static void test_close(void **st)
{
    ws_rx w;
    uint8_t b[64], out[16];
    size_t n;
    (void)st;
    ws_rx_init(&w, 0);
    /* data, then Close 1000 "bye", then bytes that must be ignored */
    assert_int_equal(feed(&w, "82 02 d000  88 05 03e8 627965  82 02 d000", b, &n), WS_ERR_CLOSED);
    assert_bytes(b, n, "d000");
    assert_true(w.closed);
    assert_int_equal(w.close_code, 1000);
    assert_string_equal(w.close_reason, "bye");
    assert_int_equal(feed(&w, "82 02 d000", b, &n), WS_ERR_CLOSED);
    assert_int_equal(n, 0);
    assert_int_equal(ws_frame_close(out, sizeof(out), 1000, mask0), 8);
    assert_bytes(out, 8, "88 82 00000000 03e8");

    ws_rx_init(&w, 0);
    assert_int_equal(feed(&w, "88 00", b, &n), WS_ERR_CLOSED);
    assert_int_equal(w.close_code, 1005);
    assert_string_equal(w.close_reason, "");

    /* a reason with control bytes is made printable */
    ws_rx_init(&w, 0);
    assert_int_equal(feed(&w, "88 04 03ea 0a41", b, &n), WS_ERR_CLOSED);
    assert_int_equal(w.close_code, 1002);
    assert_string_equal(w.close_reason, "?A");
}

static void test_long_lengths(void **st)
{
    static uint8_t b[70000];
    ws_rx w;
    size_t n, h;
    (void)st;
    ws_rx_init(&w, 0);
    h = hex("82 7f 0000000000010000", b, sizeof(b));
    memset(b + h, 0x5a, 65536);
    assert_int_equal(ws_rx_feed(&w, b, h + 65536, &n), 0);
    assert_int_equal(n, 65536);
    assert_int_equal(b[0], 0x5a);
    assert_int_equal(b[65535], 0x5a);
    assert_true(w.in_header);
}

/* Each malformed frame: the error, its reason, and no data from it. */
static void expect_bad(const char *h, int err, const char *why_part, uint64_t max)
{
    ws_rx w;
    uint8_t b[256];
    size_t n;
    ws_rx_init(&w, max);
    assert_int_equal(feed(&w, h, b, &n), err);
    assert_int_equal(n, 0);
    assert_non_null(w.why);
    assert_non_null(strstr(w.why, why_part));
}

static void test_malformed(void **st)
{
    (void)st;
    expect_bad("c2 00", WS_ERR_PROTOCOL, "reserved bits", 0);
    expect_bad("92 00", WS_ERR_PROTOCOL, "reserved bits", 0);
    expect_bad("83 00", WS_ERR_PROTOCOL, "reserved opcode", 0);
    expect_bad("8b 00", WS_ERR_PROTOCOL, "reserved opcode", 0);
    expect_bad("82 82 01020304 0000", WS_ERR_PROTOCOL, "masked", 0);
    expect_bad("81 02 6869", WS_ERR_PROTOCOL, "text frame", 0);
    expect_bad("89 7e 007e", WS_ERR_PROTOCOL, "over 125", 0);
    expect_bad("09 00", WS_ERR_PROTOCOL, "fragmented", 0);
    expect_bad("80 01 00", WS_ERR_PROTOCOL, "continuation", 0);
    expect_bad("82 7e 0005 0000000000", WS_ERR_PROTOCOL, "shortest form", 0);
    expect_bad("82 7f 000000000000ffff", WS_ERR_PROTOCOL, "shortest form", 0);
    expect_bad("82 7f 8000000000000000", WS_ERR_PROTOCOL, "top bit", 0);
    expect_bad("82 7f 7fffffffffffffff", WS_ERR_TOO_LARGE, "limit", 0);
    expect_bad("82 0b 0000000000000000000000", WS_ERR_TOO_LARGE, "limit", 10);
    expect_bad("88 01 03", WS_ERR_PROTOCOL, "1-byte", 0);
}

/* A new data frame inside an unfinished message: the data before it stays. */
static void test_binary_inside_message(void **st)
{
    ws_rx w;
    uint8_t b[64];
    size_t n;
    (void)st;
    ws_rx_init(&w, 0);
    assert_int_equal(feed(&w, "02 01 20  82 01 02", b, &n), WS_ERR_PROTOCOL);
    assert_bytes(b, n, "20");
    assert_non_null(strstr(w.why, "unfinished message"));
}

/* A frame exactly at the limit passes. */
static void test_limit_inclusive(void **st)
{
    ws_rx w;
    uint8_t b[64];
    size_t n;
    (void)st;
    ws_rx_init(&w, 10);
    assert_int_equal(feed(&w, "82 0a 00010203040506070809", b, &n), 0);
    assert_int_equal(n, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_lengths),
        cmocka_unit_test(test_masked_hello),
        cmocka_unit_test(test_mask_offset),
        cmocka_unit_test(test_one_packet),
        cmocka_unit_test(test_frame_with_several_packets),
        cmocka_unit_test(test_packet_across_frames),
        cmocka_unit_test(test_byte_by_byte),
        cmocka_unit_test(test_ping_pong),
        cmocka_unit_test(test_close),
        cmocka_unit_test(test_long_lengths),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_binary_inside_message),
        cmocka_unit_test(test_limit_inclusive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
