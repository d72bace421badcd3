/*
 * 5.0 Message Expiry on the client side: a message's lifetime counts from
 * mqc_session_publish(); one whose interval passed before it is sent ends
 * with MQC_OUTCOME_EXPIRED, and each PUBLISH carries what is left of it
 * (rounded up to a second), patched into the record before the send, so
 * a large message sent in place from its record carries it too. A message
 * recovered from a durable store counts from its recovery, with the
 * interval its last send carried (the time in between is not known).
 * An interval of 0 means: expired unless sent in the millisecond it was
 * published.
 */
#include "session/session.h"

#if MQC_ENABLE_V5

/* When a message with these properties, published now, has expired. */
mqc_tstamp mqcs_expiry_of(const mqc_publish *msg, mqc_tstamp now)
{
    if (!msg->props || !mqc_props_has(msg->props, MQC_PROP_MESSAGE_EXPIRY))
        return 0;
    return now + (mqc_tstamp)msg->props->message_expiry * 1000u + 1;
}

/* Offset of the Message Expiry value in record rec, 0 if none. The
 * encoder writes properties in identifier order: only Payload Format
 * Indicator (0x01, one byte) can come before it (0x02). */
static size_t value_off(const uint8_t *rec, size_t len)
{
    const uint8_t *p = rec + REC_HDR;
    uint8_t first;
    uint32_t rem;
    mqc_ssize hl = mqc_decode_fixed_header(p, len - REC_HDR, &first, &rem);
    size_t off, end = len;
    unsigned i;

    if (hl < 0 || (size_t)hl + 2 > len - REC_HDR)
        return 0;
    off = REC_HDR + (size_t)hl + 2 + ((size_t)p[hl] << 8 | p[hl + 1]) + (first & 6 ? 2u : 0u);
    for (i = 0; i < 4 && off < end && (rec[off++] & 0x80); i++)
        ; /* the property length */
    if (off + 2 <= end && rec[off] == MQC_PROP_PAYLOAD_FORMAT)
        off += 2;
    return off + 5 <= end && rec[off] == MQC_PROP_MESSAGE_EXPIRY ? off + 1 : 0;
}

/* ms / 1000, rounded up, for ms below 1000 << 32 (the longest interval).
 * By long division in 16-bit digits: a 64-bit division would link libgcc's
 * __aeabi_uldivmod (about 700 bytes on Cortex-M) into the core. */
static uint32_t seconds_up(mqc_tstamp ms)
{
    uint32_t hi, lo, digit[4], q = 0, r = 0;
    size_t i;

    ms += 999;
    hi = (uint32_t)(ms >> 32);
    lo = (uint32_t)ms;
    digit[0] = hi >> 16;
    digit[1] = hi & 0xFFFF;
    digit[2] = lo >> 16;
    digit[3] = lo & 0xFFFF;
    for (i = 0; i < 4; i++) {
        uint32_t cur = r << 16 | digit[i]; /* r < 1000: no overflow */

        q = q << 16 | cur / 1000;
        r = cur % 1000;
    }
    return q;
}

/* Record h is about to be sent (not expired: now < exp): its interval
 * becomes what is left. */
void mqcs_expiry_patch(mqc_session *s, uint32_t h, mqc_tstamp exp)
{
    uint8_t *r, b[4];
    size_t len, off;
    uint32_t left = seconds_up(exp - 1 - s->now);

    s->store.ops->get(s->store.ctx, h, &r, &len);
    off = value_off(r, len);
    if (!off)
        return;
    b[0] = (uint8_t)(left >> 24);
    b[1] = (uint8_t)(left >> 16);
    b[2] = (uint8_t)(left >> 8);
    b[3] = (uint8_t)left;
    if (memcmp(r + off, b, 4))
        s->store.ops->patch(s->store.ctx, h, off, b, 4);
}

#endif
