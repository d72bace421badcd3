/*
 * Test harness for the session engine: a session with recording callbacks,
 * a fake clock (literal timestamps), a scripted peer feeding packets in and
 * expectations that compare the EXACT bytes the session writes with packets
 * encoded by the codec.
 */
#ifndef MQC_TEST_HELPER_SESSION_H
#define MQC_TEST_HELPER_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"

#define HS_MAX 128

typedef struct hs_msg {
    char topic[64];
    uint8_t payload[600];
    size_t plen;
    uint8_t qos, dup, retain;
    uint16_t id;
} hs_msg;

typedef struct hs_sub_ev {
    int unsub;
    uint16_t id;
    uint64_t token;
    uint8_t codes[8];
    size_t n;
    char reason_string[32];      /* 5.0: of the SUBACK / UNSUBACK (mqc_session_packet_props) */
} hs_sub_ev;

typedef struct hs {
    mqc_session *s;
    mqc_session_opts o;
    mqc_protocol proto;
    mqc_tstamp now;
    /* recorded events */
    mqc_publish_result done[HS_MAX];
    size_t ndone;
    hs_msg msgs[HS_MAX];
    size_t nmsgs;
    mqc_connack_info connack;
    int nconnack;
    hs_sub_ev subs[16];
    size_t nsubs;
    int ndisconnect;
    uint8_t disconnect_reason;
    int npackets_out, npackets_in;
    int defer;                   /* on_message returns MQC_ACK_DEFER */
    /* 5.0 extras: the last message's props, the last outcome's ack props,
     * AUTH steps (auth_reply: answered with mqc_session_auth(0x18) inside
     * on_auth; auth_ret: what on_auth returns) */
    uint32_t msg_expiry[HS_MAX];  /* per message: Message Expiry + 1, 0 = none */
    uint32_t msg_subid[HS_MAX];   /* per message: first Subscription Identifier, 0 = none */
    char done_reason_string[HS_MAX][32];
    int nauth;
    uint8_t auth_reason;
    char auth_data[64];
    const char *auth_reply;
    int auth_ret;
    int auth_reply_rc;
    /* bytes written by the session, not yet checked */
    uint8_t wire[1 << 16];
    size_t wlen, woff;
    size_t max_write;            /* 0 = take all the session offers at once */
} hs;

/* Options with the harness's defaults (client id "c", keep alive 0). */
void hs_opts(mqc_session_opts *o, mqc_protocol proto);
/* Creates the session (asserts success). trace != 0 sets on_packet. */
void hs_new(hs *h, const mqc_session_opts *o, int trace);
/* Same, allocating through mem. */
void hs_new_mem(hs *h, const mqc_session_opts *o, int trace, const mqc_mem *mem);
void hs_del(hs *h);
/* connect + expect CONNECT + CONNACK(session_present, 0) accepted. */
void hs_connect(hs *h, uint8_t session_present);
/* Drops the connection (unsent output is discarded, wire cleared). */
void hs_drop(hs *h);

/* Pulls everything the session has to write into h->wire. */
size_t hs_drain(hs *h);
/* Expectations on the next packet written (after draining). */
void hs_expect_bytes(hs *h, const uint8_t *b, size_t n);
void hs_expect_publish(hs *h, uint8_t qos, uint8_t dup, uint16_t id, const char *topic,
                       const char *payload);
void hs_expect_ack(hs *h, uint8_t type, uint16_t id, uint8_t reason);
void hs_expect_ping(hs *h);
void hs_expect_disconnect(hs *h, uint8_t reason);
/* Next packet's type (skips it). */
uint8_t hs_next_type(hs *h);
/* Takes the next packet, a PUBLISH, and returns its packet id. */
uint16_t hs_next_publish_id(hs *h);
void hs_expect_none(hs *h);

/* Peer sends: returns mqc_session_recv's result (asserts all consumed when >= 0). */
mqc_ssize hs_peer(hs *h, const uint8_t *b, size_t n);
mqc_ssize hs_peer_connack(hs *h, uint8_t sp, uint8_t reason, const mqc_props *props);
mqc_ssize hs_peer_publish(hs *h, uint8_t qos, uint8_t dup, uint16_t id, const char *topic,
                          const char *payload);
mqc_ssize hs_peer_ack(hs *h, uint8_t type, uint16_t id, uint8_t reason);

/* Publishes a text message, asserts the result. */
int hs_publish(hs *h, uint8_t qos, const char *topic, const char *payload, uint64_t token);

#endif
