/*
 * Frama-C EVA harness: mqc_decode (decode.c, props.c, fixed_header.c,
 * utf8.c, wire.c), mqc_decode_fixed_header, and the iterators of an accepted packet
 * (mqc_props_user_next, mqc_packet_next_subscription,
 * mqc_packet_next_filter), on every input of each length 0..PROOF_LEN with
 * fully unknown bytes, under 3.1, 3.1.1 and 5.0. The packet ends at the
 * end of its array: a read past `len` is an alarm. The precision comes
 * from eva-splits.patch (states partitioned by the reader's position), not
 * from cases chosen here: each length is one call over all its inputs.
 */
#include "__fc_builtin.h"
#include "mqc.h"

unsigned char proof_mem[PROOF_LEN];

static void walk(const mqc_packet *p, mqc_protocol proto)
{
    size_t it = 0;
    mqc_subscription sub;
    mqc_str f;
    mqc_user_prop up;

    while (mqc_props_user_next(&p->props, &it, &up) == 1)
        ;
    it = 0;
    while (mqc_packet_next_subscription(p, proto, &it, &sub) == 1)
        ;
    it = 0;
    while (mqc_packet_next_filter(p, &it, &f) == 1)
        ;
}

static void run(mqc_protocol proto, size_t n)
{
    mqc_packet p;
    uint8_t first;
    uint32_t rem;

    Frama_C_make_unknown((char *)proof_mem, PROOF_LEN);
    (void)mqc_decode_fixed_header(proof_mem + (PROOF_LEN - n), n, &first, &rem);
    if (mqc_decode(proof_mem + (PROOF_LEN - n), n, proto, &p) == 0)
        walk(&p, proto);
}

/* The argument checks: NULL pointers, an unknown protocol. */
static void edges(void)
{
    mqc_packet p;
    size_t it = 0;
    mqc_str f;
    mqc_subscription sub;
    mqc_user_prop up;
    uint8_t first;
    uint32_t rem;

    (void)mqc_decode_fixed_header(NULL, 0, &first, &rem);
    (void)mqc_decode_fixed_header(NULL, 1, &first, &rem);
    (void)mqc_decode(NULL, 0, MQC_V311, &p);
    (void)mqc_decode(proof_mem, 0, MQC_V311, NULL);
    (void)mqc_decode(proof_mem, 0, (mqc_protocol)6, &p);
    (void)mqc_packet_next_filter(NULL, &it, &f);
    (void)mqc_packet_next_subscription(NULL, MQC_V5, &it, &sub);
    (void)mqc_props_user_next(NULL, &it, &up);
}

int main(void)
{
    size_t n;

    edges();

    /*@ loop unroll PROOF_LEN + 1; */
    for (n = 0; n <= PROOF_LEN; n++) {
        run(MQC_V31, n);
        run(MQC_V311, n);
        run(MQC_V5, n);
    }
    return 0;
}
