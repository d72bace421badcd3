/* Streaming framer: every split point, one byte at a time, size limits on
 * the header, and buffer requests never above what is at hand. */
#include <stdlib.h>

#include "test_codec.h"

/* A stream of several packets, two of them over 128 bytes (2-byte length). */
static uint8_t stream[2048];
static size_t stream_len;
static size_t pkt_off[8], pkt_len[8];
static size_t npkts;

static void add(const uint8_t *p, mqc_ssize n)
{
    assert_true(n > 0);
    pkt_off[npkts] = stream_len;
    pkt_len[npkts++] = (size_t)n;
    memcpy(stream + stream_len, p, (size_t)n);
    stream_len += (size_t)n;
}

static int setup(void **state)
{
    static uint8_t payload[700];
    uint8_t b[1024];
    mqc_publish m;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)(i * 7);
    stream_len = npkts = 0;
    memset(&m, 0, sizeof m);
    m.topic = S("big/topic");
    m.payload.ptr = payload;
    m.payload.len = 200;
    m.qos = 1;
    m.id = 1;
    add(b, mqc_encode_publish(b, sizeof b, MQC_V311, &m));
    add(b, mqc_encode_ack(b, sizeof b, MQC_V311, MQC_PUBACK, 1, 0, NULL));
    add(b, mqc_encode_ping(b, sizeof b, MQC_PINGRESP));
    m.payload.len = 700;
    m.qos = 2;
    m.id = 2;
    add(b, mqc_encode_publish(b, sizeof b, MQC_V311, &m));
    m.payload.len = 3;
    m.qos = 0;
    m.id = 0;
    add(b, mqc_encode_publish(b, sizeof b, MQC_V311, &m));
    assert_int_equal(stream[pkt_off[0] + 1] & 0x80, 0x80); /* 2-byte remaining length */
    assert_int_equal(stream[pkt_off[3] + 1] & 0x80, 0x80);
    return 0;
}

/* Feeds `len` bytes, collecting packets, growing the buffer on request. */
static size_t feed_all(mqc_framer *f, const uint8_t *in, size_t len, size_t *got)
{
    size_t used = 0;

    while (used < len) {
        const uint8_t *pkt;
        size_t plen;
        mqc_ssize r = mqc_framer_feed(f, in + used, len - used, &pkt, &plen);

        if (r == MQC_ERR_BUFFER) {
            uint8_t *nb;

            /* Never more than held + offered, and more than we have. */
            assert_true(plen <= f->have + (len - used));
            assert_true(plen > f->cap);
            nb = malloc(plen);
            assert_non_null(nb);
            if (f->have)
                memcpy(nb, f->buf, f->have);
            free(f->buf);
            mqc_framer_set_buffer(f, nb, plen);
            continue;
        }
        assert_true(r >= 0);
        used += (size_t)r;
        if (pkt) {
            assert_true(*got < npkts);
            assert_int_equal(plen, pkt_len[*got]);
            assert_memory_equal(pkt, stream + pkt_off[*got], plen);
            (*got)++;
        } else {
            assert_true(r > 0 || len == used);
        }
    }
    return used;
}

static void every_split(void **state)
{
    size_t split;

    (void)state;
    for (split = 0; split <= stream_len; split++) {
        mqc_framer f;
        size_t got = 0;

        mqc_framer_init(&f, NULL, 0, 0);
        feed_all(&f, stream, split, &got);
        feed_all(&f, stream + split, stream_len - split, &got);
        assert_int_equal(got, npkts);
        assert_int_equal(f.have, 0);
        free(f.buf);
    }
}

static void two_splits(void **state)
{
    size_t a, b;

    (void)state;
    /* Every pair of split points across the first three packets. */
    for (a = 0; a <= pkt_off[3]; a += 3) {
        for (b = a; b <= pkt_off[3]; b += 5) {
            mqc_framer f;
            size_t got = 0;

            mqc_framer_init(&f, NULL, 0, 0);
            feed_all(&f, stream, a, &got);
            feed_all(&f, stream + a, b - a, &got);
            feed_all(&f, stream + b, stream_len - b, &got);
            assert_int_equal(got, npkts);
            free(f.buf);
        }
    }
}

static void byte_at_a_time(void **state)
{
    static uint8_t buf[1024];
    mqc_framer f;
    size_t i, got = 0;

    (void)state;
    mqc_framer_init(&f, buf, sizeof buf, 0);
    for (i = 0; i < stream_len; i++) {
        const uint8_t *pkt;
        size_t plen;

        assert_int_equal(mqc_framer_feed(&f, stream + i, 1, &pkt, &plen), 1);
        if (pkt) {
            assert_ptr_equal(pkt, buf);
            assert_int_equal(plen, pkt_len[got]);
            assert_memory_equal(pkt, stream + pkt_off[got], plen);
            got++;
        }
    }
    assert_int_equal(got, npkts);
}

static void zero_copy(void **state)
{
    mqc_framer f;
    const uint8_t *pkt;
    size_t plen, i;
    size_t used = 0;

    (void)state;
    /* No buffer at all: whole packets come straight out of the input. */
    mqc_framer_init(&f, NULL, 0, 0);
    for (i = 0; i < npkts; i++) {
        mqc_ssize r = mqc_framer_feed(&f, stream + used, stream_len - used, &pkt, &plen);

        assert_int_equal(r, (mqc_ssize)pkt_len[i]);
        assert_ptr_equal(pkt, stream + used);
        assert_int_equal(plen, pkt_len[i]);
        used += plen;
    }
    assert_int_equal(mqc_framer_feed(&f, stream, 0, &pkt, &plen), 0);
    assert_null(pkt);
}

static void too_large_on_header(void **state)
{
    /* 200 MB claimed: refused with only the 5 header bytes fed. */
    static const uint8_t hdr[] = {0x30, 0x80, 0x80, 0x80, 0x64};
    uint8_t buf[8];
    mqc_framer f;
    const uint8_t *pkt;
    size_t plen;
    uint32_t rem;
    uint8_t fb;
    size_t i;

    (void)state;
    assert_int_equal(mqc_decode_fixed_header(hdr, 5, &fb, &rem), 5);
    assert_int_equal(rem, 200u << 20);
    mqc_framer_init(&f, buf, sizeof buf, 16u << 20);
    assert_int_equal(mqc_framer_feed(&f, hdr, 5, &pkt, &plen), MQC_ERR_PACKET_TOO_LARGE);
    /* Same, when the header arrives byte by byte. */
    mqc_framer_init(&f, buf, sizeof buf, 16u << 20);
    for (i = 0; i < 4; i++)
        assert_int_equal(mqc_framer_feed(&f, hdr + i, 1, &pkt, &plen), 1);
    assert_int_equal(mqc_framer_feed(&f, hdr + 4, 1, &pkt, &plen), MQC_ERR_PACKET_TOO_LARGE);
    assert_int_equal(f.have, 4);
    /* Exactly the limit passes, one above fails. */
    mqc_framer_init(&f, NULL, 0, (uint32_t)pkt_len[0]);
    assert_int_equal(mqc_framer_feed(&f, stream, 3, &pkt, &plen), MQC_ERR_BUFFER);
    assert_int_equal(plen, 3);
    mqc_framer_init(&f, NULL, 0, (uint32_t)pkt_len[0] - 1);
    assert_int_equal(mqc_framer_feed(&f, stream, 3, &pkt, &plen), MQC_ERR_PACKET_TOO_LARGE);
    /* The protocol maximum with max_packet 0. */
    mqc_framer_init(&f, NULL, 0, 0);
    assert_int_equal(f.max_packet, 268435460u);
}

static void buffer_request_bounded(void **state)
{
    static const uint8_t hdr[] = {0x30, 0xFF, 0xFF, 0xFF, 0x7F, 'a', 'b'};
    uint8_t small[4];
    uint8_t big[16];
    mqc_framer f;
    const uint8_t *pkt;
    size_t plen;

    (void)state;
    /* A 256 MB claim never asks for more than the bytes at hand. */
    mqc_framer_init(&f, small, sizeof small, 0);
    assert_int_equal(mqc_framer_feed(&f, hdr, sizeof hdr, &pkt, &plen), MQC_ERR_BUFFER);
    assert_int_equal(plen, sizeof hdr);
    mqc_framer_set_buffer(&f, big, sizeof big);
    assert_int_equal(mqc_framer_feed(&f, hdr, sizeof hdr, &pkt, &plen), (mqc_ssize)sizeof hdr);
    assert_null(pkt);
    assert_int_equal(f.have, sizeof hdr);
    assert_int_equal(f.need, 268435460u);
    /* Next request: held + offered. */
    assert_int_equal(mqc_framer_feed(&f, stream, 20, &pkt, &plen), MQC_ERR_BUFFER);
    assert_int_equal(plen, sizeof hdr + 20);
    /* A header split before its end asks only for the header bytes. */
    mqc_framer_init(&f, NULL, 0, 0);
    assert_int_equal(mqc_framer_feed(&f, hdr, 3, &pkt, &plen), MQC_ERR_BUFFER);
    assert_int_equal(plen, 3);
    /* Over-long remaining length is malformed on the header. */
    {
        static const uint8_t bad[] = {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};

        mqc_framer_init(&f, big, sizeof big, 0);
        assert_int_equal(mqc_framer_feed(&f, bad, sizeof bad, &pkt, &plen),
                         MQC_ERR_MALFORMED_REMAINING_LENGTH);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(every_split, setup),
        cmocka_unit_test_setup(two_splits, setup),
        cmocka_unit_test_setup(byte_at_a_time, setup),
        cmocka_unit_test_setup(zero_copy, setup),
        cmocka_unit_test_setup(too_large_on_header, setup),
        cmocka_unit_test_setup(buffer_request_bounded, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
