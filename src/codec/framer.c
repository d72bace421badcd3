/* Streaming framer: bytes in pieces of any size, whole packets out. */
#include <string.h>

#include "codec/wire.h"

#define PROTOCOL_MAX_PACKET 268435460u /* 1 + 4 + 268435455 */

void mqc_framer_init(mqc_framer *f, uint8_t *buf, size_t cap, uint32_t max_packet)
{
    f->buf = buf;
    f->cap = buf ? cap : 0;
    f->max_packet = max_packet ? max_packet : PROTOCOL_MAX_PACKET;
    mqc_framer_reset(f);
}

void mqc_framer_reset(mqc_framer *f)
{
    f->have = 0;
    f->need = 0;
}

void mqc_framer_set_buffer(mqc_framer *f, uint8_t *buf, size_t cap)
{
    f->buf = buf;
    f->cap = buf ? cap : 0;
}

/* Keeps `n` bytes of `in` after the held ones, or asks for room. */
static mqc_ssize hold(mqc_framer *f, const uint8_t *in, size_t n, size_t *pkt_len)
{
    if (f->cap < f->have + n) {
        *pkt_len = f->have + n;
        return MQC_ERR_BUFFER;
    }
    if (n)
        memcpy(f->buf + f->have, in, n);
    f->have += n;
    return (mqc_ssize)n;
}

mqc_ssize mqc_framer_feed(mqc_framer *f, const uint8_t *in, size_t len,
                          const uint8_t **pkt, size_t *pkt_len)
{
    mqc_ssize r;
    size_t n;

    if (!f || !pkt || !pkt_len || (!in && len))
        return MQC_ERR_INVAL;
    *pkt = NULL;
    *pkt_len = 0;
    if (f->need == 0) {
        /* The header may straddle feeds: join what is held (< 5 bytes) with
         * the start of `in` and read it from there. */
        uint8_t hdr[5];
        uint8_t first;
        uint32_t rem;

        n = len < 5 - f->have ? len : 5 - f->have;
        if (f->have)
            memcpy(hdr, f->buf, f->have);
        if (n)
            memcpy(hdr + f->have, in, n);
        r = mqc_decode_fixed_header(hdr, f->have + n, &first, &rem);
        if (r == MQC_ERR_INCOMPLETE)
            return hold(f, in, len, pkt_len);
        if (r < 0)
            return r;
        /* The limit is checked before a single body byte is kept. */
        if ((uint64_t)r + rem > f->max_packet)
            return MQC_ERR_PACKET_TOO_LARGE;
        f->need = (size_t)r + rem;
    }
    if (f->have == 0 && len >= f->need) {
        /* Whole packet inside `in`: hand it out where it is. */
        *pkt = in;
        *pkt_len = f->need;
        n = f->need;
        f->need = 0;
        return (mqc_ssize)n;
    }
    n = f->need - f->have;
    r = hold(f, in, len < n ? len : n, pkt_len);
    if (r >= 0 && f->have == f->need) {
        *pkt = f->buf;
        *pkt_len = f->need;
        mqc_framer_reset(f);
    }
    return r;
}
