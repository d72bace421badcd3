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

mqc_ssize mqc_framer_feed(mqc_framer *f, const uint8_t *in, size_t len,
                          const uint8_t **pkt, size_t *pkt_len)
{
    size_t n;

    *pkt = NULL;
    *pkt_len = 0;
    if (f->need == 0) {
        /* The header may straddle feeds: join what is held (< 5 bytes) with
         * the start of `in` and read it from there. */
        uint8_t hdr[5];
        uint8_t first;
        uint32_t rem;
        mqc_ssize r;

        n = len < 5 - f->have ? len : 5 - f->have;
        if (!f->have) {
            r = mqc_decode_fixed_header(in, n, &first, &rem); /* all in `in`: read it there */
        } else {
            memcpy(hdr, f->buf, f->have);
            if (n)
                memcpy(hdr + f->have, in, n);
            r = mqc_decode_fixed_header(hdr, f->have + n, &first, &rem);
        }
        if (r == MQC_ERR_INCOMPLETE)
            goto keep; /* all of `in` is header (n == len) */
        if (r < 0)
            return r;
        /* The limit is checked before a single body byte is kept. */
        if ((uint64_t)r + rem > f->max_packet)
            return MQC_ERR_PACKET_TOO_LARGE;
        f->need = (size_t)r + rem;
    }
    n = f->need - f->have;
    if (f->have == 0 && len >= n) {
        /* Whole packet inside `in`: hand it out where it is. */
        *pkt = in;
        *pkt_len = n;
        f->need = 0;
        return (mqc_ssize)n;
    }
    if (n > len)
        n = len;
keep:
    if (f->cap - f->have < n) {
        *pkt_len = f->have + n; /* held + offered at most */
        return MQC_ERR_BUFFER;
    }
    if (n)
        memcpy(f->buf + f->have, in, n);
    f->have += n;
    if (f->need && f->have == f->need) {
        *pkt = f->buf;
        *pkt_len = f->need;
        mqc_framer_reset(f);
    }
    return (mqc_ssize)n;
}
