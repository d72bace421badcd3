/*
 * The body proofs (body_harness.c) replace two functions by these stubs
 * (props_harness.c, with PROOF_KEEP_PROPS, only mqc_utf8_valid),
 * each the contract its own proof establishes, over-approximated: every
 * behaviour the real function can have, the stub can have too, so a body
 * proof with the stub covers the real function (within that proof's
 * bound, see proofs/README.md). Each stub first checks, as assertions EVA
 * must prove at every call, what its proof assumed of the caller.
 */
#include <limits.h>

#include "__fc_builtin.h"
#include "codec/wire.h"

#ifndef PROOF_KEEP_PROPS
/* props_harness.c: reads only [r->p, r->end); afterwards r->err <= 0 and
 * r->p is between where it was and r->end; *out: any value (the block in
 * out->raw is walked in props_harness.c). */
void mqc_wire_props_read(mqc_wire_rd *r, unsigned ptype, mqc_props *out)
{
    size_t left;

    /*@ assert ptype <= 15; */
    /*@ assert \valid(r) && \valid(out); */
    /*@ assert r->p <= r->end; */
    left = (size_t)(r->end - r->p);
    /* Both ends readable in one object: so is every byte between. */
    if (r->p < r->end) {
        /*@ assert \valid_read(r->p) && \valid_read(r->end - 1) &&
                   \base_addr(r->p) == \base_addr(r->end); */
    }
    Frama_C_make_unknown((char *)out, sizeof *out);
    if (!r->err && Frama_C_nondet(0, 1))
        r->err = Frama_C_interval(INT_MIN, -1);
    /* Any position from the lowest r->p may have up to r->end: the real
     * 1..left bytes on success and r->end on an error, and more. Counted
     * from r->end so that when states are joined (r->p a range) no
     * position lies past it. */
    r->p = r->end - Frama_C_size_t_interval(0, left);
}
#endif

/* utf8_harness.c: reads only s[0 .. len-1] (nothing when s is NULL). */
int mqc_utf8_valid(const char *s, size_t len)
{
    if (s && len) {
        /*@ assert \valid_read(s + (0 .. len - 1)); */
    }
    return Frama_C_nondet(0, 1);
}
