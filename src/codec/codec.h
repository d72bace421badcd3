/* What the codec offers the rest of the core beyond mqc.h. Internal: the
 * mqc_codec_ prefix only keeps the names out of the application's way. */
#ifndef MQC_CODEC_CODEC_H
#define MQC_CODEC_CODEC_H

#include "mqc.h"

/* The short packets, one encoder for the family: PUBACK, PUBREC, PUBREL,
 * PUBCOMP (id, reason), PINGREQ, PINGRESP, DISCONNECT and AUTH (reason).
 * The type is the caller's to check; the reason and properties are checked
 * here, and 5.0's short forms used (reason 0, no properties). The public
 * mqc_encode_ack/ping/disconnect/auth are this after their type checks. */
mqc_ssize mqc_codec_encode_short(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                 unsigned type, uint16_t id, uint8_t reason,
                                 const mqc_props *props);

/* SUBSCRIBE (items: n mqc_subscription) or UNSUBSCRIBE (items: n mqc_str),
 * as mqc_encode_subscribe/unsubscribe, which are this after their checks. */
mqc_ssize mqc_codec_encode_request(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                   unsigned type, uint16_t id, const void *items, size_t n,
                                   const mqc_props *props);

#endif
