/*
 * Frama-C EVA harness: mqc_decode_fixed_header on every input of 0..5
 * bytes (fully unknown: every first byte, every Remaining Length of 1 to 4
 * bytes and every malformed or unfinished one), and on the 5 bytes of a
 * header followed by a body of any length (len up to SIZE_MAX): the
 * array holds only the 5 header bytes, so a read of the body would be an
 * alarm. A header is at most 5 bytes (1 + a 4-byte Remaining Length).
 */
#include <stdint.h>

#include "__fc_builtin.h"
#include "mqc.h"

unsigned char proof_mem[5];

int main(void)
{
    uint8_t first;
    uint32_t rem;
    size_t n;

    Frama_C_make_unknown((char *)proof_mem, 5);
    /*@ loop unroll 6; */
    for (n = 0; n <= 5; n++)
        (void)mqc_decode_fixed_header(proof_mem + (5 - n), n, &first, &rem);
    (void)mqc_decode_fixed_header(proof_mem, Frama_C_size_t_interval(5, SIZE_MAX), &first, &rem);
    (void)mqc_decode_fixed_header(NULL, 0, &first, &rem);
    (void)mqc_decode_fixed_header(NULL, 1, &first, &rem);
    return 0;
}
