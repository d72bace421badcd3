/*
 * Frama-C EVA harness: the packet body decoders of decode.c, through
 * mqc_decode, on a packet of each type of TYPES with a fixed header the harness
 * chooses (any flags, a Remaining Length equal to the body's length) and a
 * body of fully unknown bytes of each length 0..BODY_LEN, under 3.1, 3.1.1
 * and 5.0; then the iterators of an accepted packet. mqc_wire_props_read
 * and mqc_utf8_valid are the stubs of stubs.c (their own proofs are
 * props_harness.c and utf8_harness.c). The packet ends at the end of its
 * array: a read past it is an alarm. With BODY_LEN >= 128 (a 2-byte
 * Remaining Length) only lengths BODY_MIN..BODY_LEN are run.
 */
#include "__fc_builtin.h"
#include "mqc.h"

#ifndef BODY_MIN
#define BODY_MIN 0
#endif
#define HDR (BODY_LEN < 128 ? 2 : 3)

unsigned char proof_mem[PROOF_LEN];

static void walk(const mqc_packet *p, mqc_protocol proto)
{
    size_t it = 0;
    mqc_subscription sub;
    mqc_str f;

    while (mqc_packet_next_subscription(p, proto, &it, &sub) == 1)
        ;
    it = 0;
    while (mqc_packet_next_filter(p, &it, &f) == 1)
        ;
}

/* The sets run.sh runs, each with its own bound (a comma cannot pass
 * through frama-c's -cpp-extra-args). */
#if TYPES == 1
static const unsigned types[] = {MQC_CONNECT};
#elif TYPES == 2
static const unsigned types[] = {MQC_SUBSCRIBE, MQC_UNSUBSCRIBE};
#elif TYPES == 3
static const unsigned types[] = {MQC_PUBLISH};
#else /* the others, type 0 (reserved) among them */
static const unsigned types[] = {0, MQC_CONNACK, MQC_PUBACK, MQC_PUBREC, MQC_PUBREL,
                                 MQC_PUBCOMP, MQC_SUBACK, MQC_UNSUBACK, MQC_PINGREQ,
                                 MQC_PINGRESP, MQC_DISCONNECT, MQC_AUTH};
#endif
#define NTYPES (sizeof types / sizeof types[0])

static void run(unsigned type, mqc_protocol proto, size_t b)
{
    unsigned char *pkt = proof_mem + (PROOF_LEN - HDR - b);
    mqc_packet p;

    Frama_C_make_unknown((char *)proof_mem, PROOF_LEN);
    pkt[0] = (unsigned char)(type << 4 | Frama_C_unsigned_int_interval(0, 15));
    if (HDR == 2) {
        pkt[1] = (unsigned char)b;
    } else {
        pkt[1] = (unsigned char)(0x80 | (b & 0x7F));
        pkt[2] = (unsigned char)(b >> 7);
    }
    if (mqc_decode(pkt, HDR + b, proto, &p) == 0)
        walk(&p, proto);
}

int main(void)
{
    size_t i, b;

    /*@ loop unroll 12; */
    for (i = 0; i < NTYPES; i++) {
        /*@ loop unroll BODY_LEN + 1; */
        for (b = BODY_MIN; b <= BODY_LEN; b++) {
            run(types[i], MQC_V31, b);
            run(types[i], MQC_V311, b);
            run(types[i], MQC_V5, b);
        }
    }
    return 0;
}
