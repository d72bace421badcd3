/*
 * Frama-C EVA harness: the property reader mqc_wire_props_read (props.c)
 * and then, on a block it accepted, mqc_props_user_next, over every reader
 * of each length 0..PROOF_LEN with fully unknown bytes, for every
 * allowed-set (the packet type, 0..15, WIRE_WILL = 0 among them), and on a
 * reader already failed. The reader ends at the end of its array: a read
 * past it is an alarm. The assertions after the call are the contract
 * that stubs.c assumes for mqc_wire_props_read in the body proofs: EVA
 * must prove them (an unproven one fails the run like an alarm).
 */
#include <string.h>

#include "__fc_builtin.h"
#include "codec/wire.h"

unsigned char proof_mem[PROOF_LEN];

static void walk(const mqc_props *props)
{
    size_t it = 0;
    mqc_user_prop up;

    while (mqc_props_user_next(props, &it, &up) == 1)
        ;
}

static void run(size_t n, int err)
{
    const uint8_t *start = proof_mem + (PROOF_LEN - n);
    const uint8_t *end = proof_mem + PROOF_LEN;
    mqc_wire_rd r;
    mqc_props props;

    Frama_C_make_unknown((char *)proof_mem, PROOF_LEN);
    memset(&props, 0, sizeof props); /* as mqc_decode leaves it */
    r.p = start;
    r.end = end;
    r.err = err;
    mqc_wire_props_read(&r, Frama_C_unsigned_int_interval(0, 15), &props);
    /*@ assert contract: r.err <= 0 && start <= r.p && r.p <= end; */
#ifndef NO_WALK
    if (!r.err)
        walk(&props);
#endif
}

int main(void)
{
    size_t n;

    /*@ loop unroll PROOF_LEN + 1; */
    for (n = 0; n <= PROOF_LEN; n++)
        run(n, 0);
    run(PROOF_LEN, MQC_ERR_MALFORMED_LENGTH);
    run(0, MQC_ERR_MALFORMED_LENGTH);
    return 0;
}
