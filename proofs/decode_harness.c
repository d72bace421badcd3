/*
 * Frama-C EVA harness: mqc_decode (decode.c, props.c, fixed_header.c,
 * utf8.c, wire.c) and the packet iterators, for every input of each length
 * 0..PROOF_LEN with fully unknown bytes, under each protocol. The packet
 * ends at the end of its array: a read past `len` is an alarm.
 *
 * EVA is not relational: after the fixed header it cannot tie the reader's
 * position to the bytes left when the header's own length varies, so the
 * harness splits the input space into cases whose union is every input:
 * by packet type (first byte), and by the one-byte remaining length being
 * shorter than, equal to or longer than the body, or longer than one byte.
 * Each case is its own call site, analysed on its own.
 */
#include "__fc_builtin.h"
#include "mqc.h"

#ifndef PROOF_LEN
#define PROOF_LEN 8
#endif

static uint8_t mem[PROOF_LEN];
/* Byte k of the packet of length n. The cases test the array itself: EVA
 * narrows what a condition names, not a copy of it. */
#define B(n, k) mem[PROOF_LEN - (n) + (k)]

/* The iterators, on a packet mqc_decode accepted. */
static void walk(const mqc_packet *p, mqc_protocol proto)
{
    size_t it = 0;
    mqc_subscription sub;
    mqc_str f;
#if MQC_ENABLE_V5
    mqc_user_prop up;

    while (mqc_props_user_next(&p->props, &it, &up) == 1)
        ;
    it = 0;
#endif
    while (mqc_packet_next_subscription(p, proto, &it, &sub) == 1)
        ;
    it = 0;
    while (mqc_packet_next_filter(p, &it, &f) == 1)
        ;
}

static void run(mqc_protocol proto, size_t n)
{
    mqc_packet p;

    if (mqc_decode(mem + (PROOF_LEN - n), n, proto, &p) == 0)
        walk(&p, proto);
}

/* Length byte k of a remaining length that goes on past byte 1: zero
 * (malformed), the last one (then the length is >= 128 > the body), or not
 * the last. EVA does not follow recursion: one function per byte. */
#define LONG_LENGTH(k, next)                                \
    static void by_length##k(mqc_protocol proto, size_t n)  \
    {                                                       \
        if ((k) >= n) {                                     \
            run(proto, n);                                  \
            return;                                         \
        }                                                   \
        if (B(n, k) == 0)                                   \
            run(proto, n);                                  \
        else if (B(n, k) < 128)                             \
            run(proto, n);                                  \
        else                                                \
            next(proto, n);                                 \
    }

LONG_LENGTH(4, run) /* a fifth length byte is malformed whatever it is */
LONG_LENGTH(3, by_length4)
LONG_LENGTH(2, by_length3)

/* Remaining length (byte 1) against the body n - 2. */
static void by_length(mqc_protocol proto, size_t n)
{
    if (B(n, 1) >= 128)
        by_length2(proto, n);
    else if (B(n, 1) < n - 2)
        run(proto, n);
    else if (B(n, 1) > n - 2)
        run(proto, n);
    else
        run(proto, n);          /* exactly the body */
}

#define TYPE(t) else if (B(n, 0) >= 16 * (t) && B(n, 0) < 16 * (t) + 16) by_length(proto, n);

static void one(mqc_protocol proto, size_t n)
{
    Frama_C_make_unknown((char *)mem, PROOF_LEN);
    if (n < 2) {
        run(proto, n);
        return;
    }
    if (0) {
    }
    TYPE(0) TYPE(1) TYPE(2) TYPE(3) TYPE(4) TYPE(5) TYPE(6) TYPE(7)
    TYPE(8) TYPE(9) TYPE(10) TYPE(11) TYPE(12) TYPE(13) TYPE(14) TYPE(15)
}

#define LEN(n) \
    if ((n) <= PROOF_LEN) { one(MQC_V31, (n)); one(MQC_V311, (n)); one(MQC_V5, (n)); }

int main(void)
{
    LEN(0) LEN(1) LEN(2) LEN(3) LEN(4) LEN(5) LEN(6) LEN(7) LEN(8)
    LEN(9) LEN(10) LEN(11) LEN(12) LEN(13) LEN(14) LEN(15) LEN(16)
    return 0;
}
