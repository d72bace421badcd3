/* Shared by the session review and fix suites: one session under test (H)
 * driven through tests/unit/helper_session.h, and small probes on it. A
 * header (not a helper_*.c) because each suite owns its own H. */
#ifndef MQC_TEST_SESSION_PROBE_H
#define MQC_TEST_SESSION_PROBE_H

#include "helper_session.h"

static hs H;
static const mqc_protocol v3 = MQC_V311, v5 = MQC_V5;

static inline void start_opts(mqc_session_opts *o)
{
    hs_new(&H, o, 0);
    hs_connect(&H, 0);
}

/* A resumable session (clean 0, 5.0 expiry 3600), first connection up. */
static inline void start(void **state)
{
    mqc_session_opts o;

    hs_opts(&o, *(const mqc_protocol *)*state);
    o.clean = 0;
    o.session_expiry = 3600;
    start_opts(&o);
}

static inline void reconnect(uint8_t sp)
{
    hs_drop(&H);
    H.now += 1000;
    hs_connect(&H, sp);
}

/* Advances the clock and runs the timers. */
static inline int at(mqc_tstamp t)
{
    H.now = t;
    return mqc_session_handle_expiry(H.s, t);
}

/* Takes the next chunk the session offers but writes only k bytes of it. */
static inline void write_part(size_t k)
{
    const uint8_t *d;
    mqc_ssize n = mqc_session_send(H.s, &d, H.now);

    assert_true(n > (mqc_ssize)k);
    mqc_session_sent(H.s, k, H.now);
}

/* 1 when written packets wait to be checked (drains first). */
static inline int more(void)
{
    if (H.woff == H.wlen)
        hs_drain(&H);
    return H.wlen > H.woff;
}

/* Decodes the next written packet; returns its whole length. */
static inline size_t next_pkt(mqc_packet *p)
{
    uint8_t first;
    uint32_t rem;
    mqc_ssize hl;
    size_t n;

    assert_true(more());
    hl = mqc_decode_fixed_header(H.wire + H.woff, H.wlen - H.woff, &first, &rem);
    assert_true(hl > 0);
    n = (size_t)hl + rem;
    assert_true(H.woff + n <= H.wlen);
    assert_int_equal(mqc_decode(H.wire + H.woff, n, H.proto, p), 0);
    H.woff += n;
    return n;
}

/* How many outcomes carry this token (each message must have one). */
static inline size_t outcomes(uint64_t token)
{
    size_t i, n = 0;

    for (i = 0; i < H.ndone; i++)
        n += H.done[i].token == token;
    return n;
}

static inline const mqc_publish_result *outcome_of(uint64_t token)
{
    size_t i;

    for (i = 0; i < H.ndone; i++)
        if (H.done[i].token == token)
            return &H.done[i];
    fail_msg("no outcome for token %llu", (unsigned long long)token);
    return NULL;
}

static inline mqc_ssize peer_suback(uint16_t id, uint8_t code)
{
    uint8_t b[32];
    mqc_ssize n = mqc_encode_suback(b, sizeof(b), H.proto, id, &code, 1, NULL);

    assert_true(n > 0);
    return hs_peer(&H, b, (size_t)n);
}

static inline mqc_ssize peer_connack_props(uint8_t sp, const mqc_props *props)
{
    assert_int_equal(mqc_session_connect(H.s, H.now), 0);
    assert_int_equal(hs_next_type(&H), MQC_CONNECT);
    return hs_peer_connack(&H, sp, 0, props);
}

#endif
