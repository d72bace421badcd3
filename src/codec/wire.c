/* Bounded reader and counting writer shared by the decoder and encoders. */
#include <string.h>

#include "codec/wire.h"

int mqc_wire_varint_parse(const uint8_t *p, size_t len, uint32_t *v)
{
    uint32_t x = 0;
    int i;

    for (i = 0; i < 4; i++) {
        if ((size_t)i >= len)
            return 0;
        x |= (uint32_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80)) {
            /* A trailing zero byte means a longer encoding than needed. */
            if (i > 0 && p[i] == 0)
                return -1;
            *v = x;
            return i + 1;
        }
    }
    return -1;
}

size_t mqc_wire_varint_size(uint32_t v)
{
    size_t n = 1;

    while (v >= 128) {
        v >>= 7;
        n++;
    }
    return n;
}

void mqc_wire_fail_neg(mqc_wire_rd *r, unsigned neg_err)
{
    if (!r->err)
        r->err = -(int)neg_err;
    r->p = r->end;
}

/* Returns n bytes from the reader, or NULL (and an error) when short. */
static const uint8_t *take(mqc_wire_rd *r, size_t n)
{
    const uint8_t *p = r->p;

    if (r->err || mqc_wire_left(r) < n) {
        mqc_wire_fail(r, MQC_ERR_MALFORMED_LENGTH);
        return NULL;
    }
    r->p += n;
    return p;
}

uint32_t mqc_wire_be(mqc_wire_rd *r, size_t n)
{
    const uint8_t *p = take(r, n);
    uint32_t v = 0;

    while (p && n--)
        v = (v << 8) | *p++;
    return v;
}

uint8_t mqc_wire_u8(mqc_wire_rd *r) { return (uint8_t)mqc_wire_be(r, 1); }
uint16_t mqc_wire_u16(mqc_wire_rd *r) { return (uint16_t)mqc_wire_be(r, 2); }

uint32_t mqc_wire_varint(mqc_wire_rd *r)
{
    uint32_t v = 0;
    int n = r->err ? 0 : mqc_wire_varint_parse(r->p, mqc_wire_left(r), &v);

    if (n <= 0) {
        mqc_wire_fail(r, n < 0 ? MQC_ERR_MALFORMED_REMAINING_LENGTH : MQC_ERR_MALFORMED_LENGTH);
        return 0;
    }
    r->p += n;
    return v;
}

void mqc_wire_bin(mqc_wire_rd *r, mqc_bytes *out)
{
    size_t n = mqc_wire_be(r, 2);

    out->ptr = take(r, n);
    out->len = out->ptr ? n : 0;
}

void mqc_wire_str(mqc_wire_rd *r, mqc_str *out)
{
    mqc_bytes b;

    mqc_wire_bin(r, &b);
    out->ptr = (const char *)b.ptr;
    out->len = b.len;
    if (!mqc_utf8_valid(out->ptr, out->len))
        mqc_wire_fail(r, MQC_ERR_MALFORMED_UTF8);
}

void mqc_wire_put(mqc_wire_wr *w, const void *src, size_t n)
{
    if (w->p && n) {
        memcpy(w->p, src, n);
        w->p += n;
    }
    w->n += n;
}

void mqc_wire_put_be(mqc_wire_wr *w, uint32_t v, size_t n)
{
    uint8_t b[4];
    size_t i;

    for (i = n; i--; v >>= 8)
        b[i] = (uint8_t)v;
    mqc_wire_put(w, b, n);
}

void mqc_wire_put_u8(mqc_wire_wr *w, uint8_t v)
{
    mqc_wire_put(w, &v, 1);
}

void mqc_wire_put_u16(mqc_wire_wr *w, uint16_t v)
{
    mqc_wire_put_be(w, v, 2);
}

void mqc_wire_put_varint(mqc_wire_wr *w, uint32_t v)
{
    do {
        uint8_t b = v & 0x7F;

        v >>= 7;
        mqc_wire_put_u8(w, (uint8_t)(v ? b | 0x80 : b));
    } while (v);
}

void mqc_wire_put_bin(mqc_wire_wr *w, const void *src, size_t n)
{
    if (n > 65535 || (n && !src)) {
        w->err = MQC_ERR_INVAL;
        return;
    }
    mqc_wire_put_u16(w, (uint16_t)n);
    mqc_wire_put(w, src, n);
}

void mqc_wire_put_str(mqc_wire_wr *w, const char *s, size_t n)
{
    /* Checked when measured only: mqc_wire_encode measures the same body
     * before it writes it, and stops at an error. */
    if (!w->p && !mqc_utf8_valid(s, n))
        w->err = MQC_ERR_INVAL;
    mqc_wire_put_bin(w, s, n);
}

mqc_ssize mqc_wire_encode(uint8_t *buf, size_t cap, uint8_t first, mqc_wire_body_fn body,
                      const void *arg)
{
    mqc_wire_wr w = {NULL, 0, 0};
    size_t body_len, total;

    body(&w, arg);
    if (w.err)
        return w.err;
    body_len = w.n;
    if (body_len > WIRE_MAX_REMAINING)
        return MQC_ERR_TOO_LARGE;
    total = 1 + mqc_wire_varint_size((uint32_t)body_len) + body_len;
    if (!buf)
        return (mqc_ssize)total;
    if (cap < total)
        return MQC_ERR_BUFFER;
    w.p = buf;
    mqc_wire_put_u8(&w, first);
    mqc_wire_put_varint(&w, (uint32_t)body_len);
    body(&w, arg);
    return (mqc_ssize)total;
}

#if MQC_ENABLE_V5
/* 5.0 reason codes each packet may carry (§2.4 and the packet chapters), as
 * bitmaps of two words: [1] holds 0x80..0x9F, [0] holds 0x00..0x19 in bits
 * 0..25 and 0xA0..0xA2 in bits 29..31; no packet has any other code. */
#define LO(c) (1ul << (c))
#define HI(c) (1ul << ((c) - 0x80))
#define A(c) (1ul << ((c) - 0xA0 + 29))
static const uint32_t rc_sets[][2] = {
    {0, 0}, /* no reason codes */
    /* CONNACK */
    {LO(0x00), HI(0x80) | HI(0x81) | HI(0x82) | HI(0x83) | HI(0x84) | HI(0x85) | HI(0x86) |
     HI(0x87) | HI(0x88) | HI(0x89) | HI(0x8A) | HI(0x8C) | HI(0x90) | HI(0x95) | HI(0x97) |
     HI(0x99) | HI(0x9A) | HI(0x9B) | HI(0x9C) | HI(0x9D) | HI(0x9F)},
    /* PUBACK, PUBREC */
    {LO(0x00) | LO(0x10), HI(0x80) | HI(0x83) | HI(0x87) | HI(0x90) | HI(0x91) | HI(0x97) |
     HI(0x99)},
    /* PUBREL, PUBCOMP */
    {LO(0x00), HI(0x92)},
    /* SUBACK */
    {LO(0x00) | LO(0x01) | LO(0x02) | A(0xA1) | A(0xA2),
     HI(0x80) | HI(0x83) | HI(0x87) | HI(0x8F) | HI(0x91) | HI(0x97) | HI(0x9E)},
    /* UNSUBACK */
    {LO(0x00) | LO(0x11), HI(0x80) | HI(0x83) | HI(0x87) | HI(0x8F) | HI(0x91)},
    /* DISCONNECT */
    {LO(0x00) | LO(0x04) | A(0xA0) | A(0xA1) | A(0xA2),
     HI(0x80) | HI(0x81) | HI(0x82) | HI(0x83) | HI(0x87) | HI(0x89) | HI(0x8B) | HI(0x8D) |
     HI(0x8E) | HI(0x8F) | HI(0x90) | HI(0x93) | HI(0x94) | HI(0x95) | HI(0x96) | HI(0x97) |
     HI(0x98) | HI(0x99) | HI(0x9A) | HI(0x9B) | HI(0x9C) | HI(0x9D) | HI(0x9E) | HI(0x9F)},
    /* AUTH */
    {LO(0x00) | LO(0x18) | LO(0x19), 0}
};

/* Index in rc_sets, by packet type - MQC_CONNACK. */
static const uint8_t rc_set_of[] = {1, 0, 2, 2, 3, 3, 0, 4, 0, 5, 0, 0, 6, 7};
#endif

int mqc_wire_reason_ok(unsigned type, int v5, uint8_t rc)
{
    int v31 = v5 < 0;

#if MQC_ENABLE_V5
    if (v5 > 0) {
        const uint32_t *set = rc_sets[rc_set_of[type - MQC_CONNACK]];

        if (rc >= 0xA3 || (rc >= 0x1A && rc < 0x80))
            return 0;
        if (rc >= 0x80 && rc < 0xA0)
            return (set[1] >> (rc & 0x1F)) & 1;
        return (set[0] >> (rc < 0xA0 ? rc : rc - 0xA0 + 29)) & 1;
    }
#else
    (void)v5;
#endif
    if (type == MQC_CONNACK)
        return rc <= 5;
    return rc <= 2 || (rc == 0x80 && !v31); /* SUBACK (3.1 has no 0x80); 0 for the others */
}

int mqc_wire_topic_name_ok(const char *s, size_t n)
{
    return !n || (!memchr(s, '+', n) && !memchr(s, '#', n));
}

int mqc_wire_topic_filter_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        /* A wildcard must fill its whole level; '#' must be the last one. */
        int starts = i == 0 || s[i - 1] == '/';
        int ends = i + 1 == n || s[i + 1] == '/';

        if ((s[i] == '+' && !(starts && ends)) || (s[i] == '#' && !(starts && i + 1 == n)))
            return 0;
    }
    return 1;
}

int mqc_wire_protocol_ok(mqc_protocol p)
{
    return p == MQC_V311 || p == MQC_V31 || WIRE_V5(p);
}
