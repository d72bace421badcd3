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

/* Record h is about to be sent (not expired: now < exp): its interval
 * becomes what is left. */
void mqcs_expiry_patch(mqc_session *s, uint32_t h, mqc_tstamp exp)
{
    uint8_t *r, b[4];
    size_t len, off;
    mqc_tstamp left = (exp - 1 - s->now + 999) / 1000;

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
