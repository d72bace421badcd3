/*
 * A scripted MQTT 3.1.1 broker inside the firmware, built on the codec: one
 * client, one exact-topic subscription, QoS 2 both ways, a persistent
 * session across drops. It can cut the connection at the first PUBREL it
 * receives and at the first PUBREC, the two points where QoS 2 must resume
 * (the client resends PUBREL; the broker resends PUBLISH with DUP, which
 * the client must not deliver again).
 */
#ifndef MQC_PORT_MINI_BROKER_H
#define MQC_PORT_MINI_BROKER_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"
#include "pipe.h"

#define MB_SLOTS 8

typedef struct mb_msg {
    char topic[32];
    uint8_t payload[32];
    size_t tlen, plen;
    uint16_t id;
    uint8_t state;               /* 0 free; in: 1 held for PUBREL; out: 1 PUBLISH sent, 2 PUBREL sent */
} mb_msg;

typedef struct mini_broker {
    mqc_framer framer;
    uint8_t fbuf[256];
    uint8_t out[512];            /* packets waiting for room in the pipe */
    size_t out_len;
    pipe *down;                  /* broker -> client */
    int connected, has_session;
    char filter[32];
    size_t flen;
    mb_msg in[MB_SLOTS];         /* client's QoS 2 messages awaiting PUBREL */
    mb_msg outq[MB_SLOTS];       /* messages to the client awaiting PUBREC / PUBCOMP */
    uint16_t next_id;
    int drop_at_pubrel, drop_at_pubrec; /* scripted drops still to do */
    /* what it saw */
    unsigned connects, resumed, publishes_in, dup_publishes_in, dup_publishes_out, forwarded,
        completed_out;
    int error;                   /* a protocol error the script did not expect */
} mini_broker;

void mb_init(mini_broker *b, pipe *down);
/* Bytes from the client. Returns 1 when the script drops the connection now. */
int mb_feed(mini_broker *b, const uint8_t *in, size_t n);
/* Moves waiting output into the pipe. */
void mb_flush(mini_broker *b);
/* The connection is gone: partial input and unsent output with it. */
void mb_connection_lost(mini_broker *b);

#endif
