/*
 * Frama-C EVA harness: mqc_framer_feed (framer.c, fixed_header.c) fed two
 * pieces of fully unknown bytes, every split of every input up to
 * PROOF_LEN bytes, into a buffer of every capacity up to PROOF_LEN, with
 * and without a packet size limit. Each piece ends at the end of its
 * array: a read past it is an alarm; so is a write past the buffer.
 */
#include "__fc_builtin.h"
#include "mqc.h"

#ifndef PROOF_LEN
#define PROOF_LEN 8
#endif

static uint8_t in1[PROOF_LEN], in2[PROOF_LEN], store[PROOF_LEN];

/* One call; 0 when the piece is used up or the framer refused it. */
static int step(mqc_framer *f, const uint8_t *in, size_t len, size_t *off)
{
    const uint8_t *pkt;
    size_t plen;
    mqc_ssize n;

    if (*off >= len)
        return 0;
    n = mqc_framer_feed(f, in + *off, len - *off, &pkt, &plen);
    if (n <= 0)
        return 0;
    *off += (size_t)n;
    return 1;
}

/* Each call consumes a byte at least, or stops: PROOF_LEN calls at most,
 * each its own call site (EVA keeps them apart). */
#define STEP if (!step(f, in, len, &off)) return;
#ifndef STEPS
#define STEPS STEP STEP STEP STEP STEP STEP STEP STEP
#endif
static void feed(mqc_framer *f, const uint8_t *in, size_t len)
{
    size_t off = 0;

    STEPS
#if PROOF_LEN > 8
#error "feed: add STEPs"
#endif
}

#define HELD(k) else if (f.have == (k)) feed(&f, in2 + (PROOF_LEN - b), b);

static void split(size_t cap, uint32_t max, size_t a, size_t b)
{
    mqc_framer f;

    Frama_C_make_unknown((char *)in1, PROOF_LEN);
    Frama_C_make_unknown((char *)in2, PROOF_LEN);
    mqc_framer_init(&f, cap ? store + (PROOF_LEN - cap) : NULL, cap, max);
    feed(&f, in1 + (PROOF_LEN - a), a);
    /* What the first piece left (bytes held), case by case. */
    if (0) {
    }
    HELD(0) HELD(1) HELD(2) HELD(3) HELD(4) HELD(5) HELD(6) HELD(7) HELD(8)
}

int main(void)
{
    size_t cap, a, b;

    for (cap = 0; cap <= PROOF_LEN; cap++)
        for (a = 0; a <= PROOF_LEN; a++)
            for (b = 0; a + b <= PROOF_LEN; b++) {
                split(cap, 0, a, b);
                split(cap, 4, a, b);
            }
    return 0;
}
