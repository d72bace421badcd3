/*
 * Frama-C EVA harness: mqc_utf8_valid on every string of each length
 * 0..PROOF_LEN with fully unknown bytes (and the NULL cases). The string
 * ends at the end of its array: a read past `len` is an alarm.
 */
#include "__fc_builtin.h"
#include "mqc.h"

unsigned char proof_mem[PROOF_LEN];

int main(void)
{
    size_t n;

    Frama_C_make_unknown((char *)proof_mem, PROOF_LEN);
    /*@ loop unroll PROOF_LEN + 1; */
    for (n = 0; n <= PROOF_LEN; n++)
        (void)mqc_utf8_valid((const char *)proof_mem + (PROOF_LEN - n), n);
    (void)mqc_utf8_valid(0, 0);
    (void)mqc_utf8_valid(0, 1);
    return 0;
}
