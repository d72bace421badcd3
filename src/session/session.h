/* Session engine internals, shared by the files of src/session/. */
#ifndef MQC_SESSION_SESSION_H
#define MQC_SESSION_SESSION_H

#include <string.h>

#include "mqc.h"
#include "common/config.h"
#include "common/mem.h"

/* SUBSCRIBE/UNSUBSCRIBE requests awaiting their ack (one more is kept for
 * the renewal after a lost session). */
#ifndef MQC_SESSION_MAX_PENDING
#define MQC_SESSION_MAX_PENDING 8
#endif
/* Subscriptions remembered for renewal. */
#ifndef MQC_SESSION_MAX_SUBS
#define MQC_SESSION_MAX_SUBS 32
#endif
/* Output buffer: first size, and the size it may grow to. Larger messages
 * are sent straight from their store record. */
#ifndef MQC_SESSION_OUT_MIN
#define MQC_SESSION_OUT_MIN 256
#endif
#ifndef MQC_SESSION_OUT_MAX
#define MQC_SESSION_OUT_MAX 16384
#endif
/* After this long without writing, mqc_session_trim() gives the output
 * buffer back, and so does the next write once it is out. */
#ifndef MQC_SESSION_OUT_IDLE_MS
#define MQC_SESSION_OUT_IDLE_MS 1000u
#endif
/* A PUBLISH up to this size is encoded once, on the stack, then copied
 * into its store record (mqc_session_publish); larger ones are measured
 * first, then encoded in place. */
#ifndef MQC_SESSION_PUB_SMALL
#define MQC_SESSION_PUB_SMALL 160
#endif

#if MQC_ENABLE_V5
#define IS_V5(s) ((s)->o.protocol == MQC_V5)
#else
#define IS_V5(s) 0
#endif


#define NO_HANDLE UINT32_MAX
/* Inbound entries: allocated on demand, doubling from this many. A server
 * cannot have more than 65535 ids in flight to us: that bounds them. */
#define MQCS_IN_MIN 8u
/* Input pauses once this many acks are ready to go, so they leave while the
 * rest of a large read waits: the server's window refills steadily, not
 * once per read, and the entries scanned per packet stay few. */
#define MQCS_ACK_BATCH 32u
#define PROTOCOL_MAX_PACKET 268435460u

/* Store record, one per outbound message, what a durable store would need
 * to rebuild the window after a restart:
 *   [0..8)  token, 8 bytes, host order
 *   [8]     phase: 0 = PUBLISH to (re)send, 1 = PUBREC received: only
 *           PUBREL from now on (patched when the PUBREC arrives)
 *   [9..)   the PUBLISH as sent: its packet id is 0 while it waits in the
 *           queue and is patched in when it enters the window, DUP when it
 *           is sent again. So a durable store tells queued from in flight. */
#define REC_PHASE 8
#define REC_HDR 9
/* The QoS of record r, from its PUBLISH's first byte. */
#define REC_QOS(r) (((r)[REC_HDR] >> 1) & 3)

/* ST_CLOSING: after a fatal error; only a 5.0 DISCONNECT may still go out. */
enum { ST_OFFLINE, ST_CONNECTING, ST_CONNECTED, ST_CLOSING };

/* mqc_session.flags */
#define F_CONNECT 1u   /* CONNECT to write */
#define F_PING 2u      /* PINGREQ to write */
#define F_PING_OUT 4u  /* PINGRESP awaited */
#define F_DISC 8u      /* DISCONNECT to write */
#define F_EVER 16u     /* a CONNACK was accepted once: later ones may resume */
#define F_ZC_FREE 32u  /* remove the zero-copy record when it is written */
#define F_BYE 64u      /* the application disconnects: DISCONNECT is the last packet */
#define F_RENEW 128u   /* subscriptions still to renew (a failed allocation stopped it) */

/* Outbound QoS>0 message in the window (mqcs_msg.st). */
#define M_REL 1u       /* PUBREC received: only PUBREL from now on */
#define M_SENT 2u      /* current packet handed to the output on this connection */
#define M_DUP 4u       /* PUBLISH was sent before: DUP=1 on the next one */
#define M_DONE 8u      /* outcome reported; a PUBREL only releases the id */

typedef struct mqcs_msg {
    mqc_tstamp due;    /* retry or ack timeout while M_SENT */
#if MQC_ENABLE_V5
    mqc_tstamp exp;    /* Message Expiry: expired from this instant on; 0 = never */
#endif
    uint32_t h;        /* store handle */
    uint16_t id;
    uint16_t sends;    /* transmissions of the current packet */
    uint8_t st;
    uint8_t qos;
} mqcs_msg;

/* Inbound QoS>0 message, in arrival order (mqcs_in.st). */
enum { IN_APP, IN_ACK, IN_COMP }; /* after PUBREC: the rel set */
typedef struct mqcs_in {
    uint16_t id;
    uint8_t qos;
    uint8_t st;
    uint8_t reason;
    uint8_t cnt;       /* counts toward our Receive Maximum on this connection */
} mqcs_in;

/* A subscription remembered for renewal. */
typedef struct mqcs_sub {
    mqc_subscription sub; /* the filter is an owned copy */
#if MQC_ENABLE_V5
    uint32_t sid;         /* its 5.0 Subscription Identifier, 0 = none */
#endif
    uint16_t req;         /* id of the SUBSCRIBE carrying it until acked, 0 = settled */
    uint8_t pos;          /* its place in that SUBSCRIBE (SUBACK code) */
} mqcs_sub;

typedef struct mqcs_req {
    uint8_t *pkt;      /* encoded SUBSCRIBE/UNSUBSCRIBE */
    size_t len;
    uint64_t token;
    uint16_t id;
    uint8_t type;
    uint8_t sent;
    uint8_t n;         /* filters */
} mqcs_req;

#if MQC_ENABLE_TOPIC_ALIAS
/* An outbound topic alias (alias = index + 1), valid on this connection. */
typedef struct mqcs_alias {
    char *topic;       /* owned copy */
    uint16_t len;
    uint16_t uses;
} mqcs_alias;
#endif
#if MQC_ENABLE_V5

/* mqc_session.v5f */
#define V_AUTH 1u      /* an Authentication Method went in CONNECT */
#define V_AUTH_WAIT 2u /* our AUTH step is expected (the server sent 0x18) */
#define V_REAUTH 4u    /* a re-authentication (0x19) is in progress */
#define V_DISC_EXP 8u  /* DISCONNECT carries disc_expiry */
#endif

struct mqc_session {
    mqc_mem mem;
    mqc_session_opts o;
    mqc_callbacks cb;
    void *ud;
    mqc_store store;

    uint8_t state;
    uint8_t flags;
    uint8_t disc_reason;
    uint16_t ka;                 /* keep alive in force, seconds */
    uint16_t win_cap;
    uint16_t next_id;
    uint32_t srv_max_packet;
    uint8_t srv_max_qos;         /* 5.0 Maximum QoS from CONNACK, else 2 */
    uint8_t srv_retain;          /* 5.0 Retain Available from CONNACK, else 1 */
    uint8_t nreq;                /* of req, and below of subs */
#if MQC_ENABLE_RENEWAL
    uint8_t nsubs, subcap;
#endif
    mqc_tstamp t_tx;             /* last bytes written */
    mqc_tstamp t_rx;             /* last bytes received */
    mqc_tstamp t_ping;           /* PINGRESP deadline */
    uint32_t rx_packets;         /* received on this connection, CONNACK included */

    mqcs_msg *win;               /* in order of entry: win[0..nwin), inside wbase */
    mqcs_msg *wbase;             /* the window's wslots slots, made at the first QoS>0 message */
    uint32_t *widx;              /* by packet id: slot + 1 of the entry whose id is i mod (wmask + 1) */
    uint32_t wslots, wmask;
    uint16_t nwin;
    uint32_t *q;                 /* ring of store handles */
    uint32_t qcap, qhead, qlen;
    mqcs_in *in;
    uint32_t nin, incap;         /* entries, and room (grown through the hooks) */
    uint64_t in_ids;             /* bit id % 64 set for every entry's id (and perhaps more) */
    uint32_t *rel;               /* QoS 2 ids awaiting PUBREL (relset.c) */
    uint32_t nrel, relcap, rel_counting;
    /* Both tables exist only while they hold something (subs.c): most
     * clients subscribe once, and a publisher never. */
    mqcs_req *req;               /* MQC_SESSION_MAX_PENDING + 1 slots, nreq used */
#if MQC_ENABLE_RENEWAL
    mqcs_sub *subs;              /* subcap slots, nsubs used */
#endif

    uint8_t *ob;                 /* output buffer */
    size_t ocap, olen, ooff;
    const uint8_t *zc;           /* zero-copy output from a store record */
    size_t zlen, zoff;
    uint32_t zh;

    mqc_framer fr;
    mqc_tstamp now;              /* of the current call into the session */
    const mqc_props *ack_props;  /* the ack being handled, for mqc_publish_result */
    const mqc_props *pkt_props;  /* the packet being handled (mqc_session_packet_props) */
#if MQC_ENABLE_V5
    mqc_tstamp *qt;              /* beside q: each queued message's expiry (as mqcs_msg.exp) */
#if MQC_ENABLE_TOPIC_ALIAS
    mqc_str *ain;                /* inbound aliases: topic of alias i + 1 (owned copies) */
    mqcs_alias *aout;            /* outbound aliases */
    uint16_t naout, aout_cap;    /* given, and usable on this connection */
#endif
    uint8_t v5f;
#if MQC_ENABLE_AUTH
    uint8_t *auth_pkt;           /* AUTH to write (encoded) */
    size_t auth_len;
#endif
    uint32_t disc_expiry;        /* Session Expiry for our DISCONNECT (V_DISC_EXP) */
    char *assigned_id;           /* Assigned Client Identifier from CONNACK */
    size_t assigned_len;
#endif
};

/* durable.c: a store that outlives the process (version 2, with load). */
#if MQC_ENABLE_DURABLE
static MQC_INLINE int mqcs_store_durable(const mqc_store *st)
{
    return st->ops && st->ops->version >= 2 && st->ops->load;
}
static MQC_INLINE int mqcs_durable(const mqc_session *s)
{
    return mqcs_store_durable(&s->store);
}
int mqcs_store_sync(mqc_session *s, mqc_store_sync_why why);
int mqcs_store_inbound(mqc_session *s, uint16_t id, int held);
void mqcs_store_subs(mqc_session *s);
int mqcs_recover_count(const mqc_store *st, mqc_protocol protocol, size_t *nwin, size_t *nq);
int mqcs_recover(mqc_session *s, size_t nq);
#else
/* Without durable support every store is a message store. */
static MQC_INLINE int mqcs_durable(const mqc_session *s) { (void)s; return 0; }
static MQC_INLINE int mqcs_store_sync(mqc_session *s, mqc_store_sync_why why)
{
    (void)s;
    (void)why;
    return 0;
}
static MQC_INLINE int mqcs_store_inbound(mqc_session *s, uint16_t id, int held)
{
    (void)s;
    (void)id;
    (void)held;
    return 0;
}
static MQC_INLINE void mqcs_store_subs(mqc_session *s) { (void)s; }
static MQC_INLINE int mqcs_recover_count(const mqc_store *st, mqc_protocol p, size_t *nwin,
                                         size_t *nq)
{
    (void)st;
    (void)p;
    *nwin = *nq = 0;
    return 0;
}
static MQC_INLINE int mqcs_recover(mqc_session *s, size_t nq) { (void)s; (void)nq; return 0; }
#endif

/* ids.c */
uint16_t mqcs_alloc_id(mqc_session *s);

/* output.c */
uint8_t *mqcs_room(mqc_session *s, size_t n, int force);
void mqcs_commit(mqc_session *s, size_t n);
int mqcs_emit(mqc_session *s, const uint8_t *p, size_t n, uint32_t h, int force);
int mqcs_put_ack(mqc_session *s, uint8_t type, uint16_t id, uint8_t reason);
void mqcs_trace(mqc_session *s, const uint8_t *p, size_t n, int outgoing);
void mqcs_release(mqc_session *s, uint32_t h);
void mqcs_zc_end(mqc_session *s);
void mqcs_out_free(mqc_session *s);

/* outbound.c */
int mqcs_win_alloc(mqc_session *s, size_t n);
int mqcs_win_index(mqc_session *s);
/* 1 while an entry of the window has an id with id's residue (ids.c). */
#define MQCS_WIN_RESIDUE(s, id) ((s)->widx && (s)->widx[(id) & (s)->wmask])
int mqcs_fill_window(mqc_session *s, mqc_tstamp now);
void mqcs_admit(mqc_session *s);
int mqcs_again(mqc_session *s, size_t i);
int mqcs_finish(mqc_session *s, size_t i, mqc_outcome outcome, uint8_t reason);
void mqcs_resume(mqc_session *s);
void mqcs_lost(mqc_session *s);
int mqcs_on_ack(mqc_session *s, const mqc_packet *p);
void mqcs_cancel_all(mqc_session *s);
int mqcs_head_qos(const mqc_session *s);
int mqcs_sendable(const mqc_session *s, size_t i);
/* Offset of the packet id in a store record; 0 for QoS 0. */
size_t mqcs_rec_id_off(const uint8_t *rec, size_t len);

/* inbound.c */
int mqcs_on_publish(mqc_session *s, const mqc_packet *p);
int mqcs_on_pubrel(mqc_session *s, const mqc_packet *p);
int mqcs_fill_acks(mqc_session *s);
int mqcs_hold(const mqc_session *s, uint8_t b);
void mqcs_in_reset_count(mqc_session *s);
mqcs_in *mqcs_in_add(mqc_session *s, uint16_t id);

/* relset.c */
int mqcs_rel_reserve(mqc_session *s, uint32_t n);
void mqcs_rel_add(mqc_session *s, uint16_t id, int counts);
int mqcs_rel_take(mqc_session *s, uint16_t id);
void mqcs_rel_uncount(mqc_session *s);
void mqcs_rel_clear(mqc_session *s);

/* subs.c */
int mqcs_fill_subs(mqc_session *s);
int mqcs_on_suback(mqc_session *s, const mqc_packet *p);
#if MQC_ENABLE_V5
#define SUB_SID(e) ((e)->sid)
#else
#define SUB_SID(e) 0u
#endif
#if MQC_ENABLE_RENEWAL
int mqcs_subs_reserve(mqc_session *s, size_t n);
int mqcs_renew(mqc_session *s);
void mqcs_forget_subs(mqc_session *s);
static MQC_INLINE size_t mqcs_nsubs(const mqc_session *s) { return s->nsubs; }
#else
/* Nothing remembered: the application subscribes again after a loss. */
static MQC_INLINE int mqcs_renew(mqc_session *s) { (void)s; return 0; }
static MQC_INLINE void mqcs_forget_subs(mqc_session *s) { (void)s; }
static MQC_INLINE size_t mqcs_nsubs(const mqc_session *s) { (void)s; return 0; }
#endif
#if MQC_ENABLE_V5
void mqcs_refuse_large(mqc_session *s);
#endif
void mqcs_subs_free(mqc_session *s);

#if MQC_ENABLE_TOPIC_ALIAS
/* alias.c */
int mqcs_alias_in(mqc_session *s, const mqc_packet *p, mqc_str *topic);
int mqcs_alias_emit(mqc_session *s, const uint8_t *pub, size_t n, uint32_t h);
void mqcs_alias_reset(mqc_session *s);
#else
/* No alias announced: the server may use none. */
static MQC_INLINE int mqcs_alias_in(mqc_session *s, const mqc_packet *p, mqc_str *topic)
{
    (void)s;
    *topic = p->publish.topic;
    return mqc_props_has(&p->props, MQC_PROP_TOPIC_ALIAS) ? MQC_ERR_TOPIC_ALIAS : 0;
}
static MQC_INLINE int mqcs_alias_emit(mqc_session *s, const uint8_t *pub, size_t n, uint32_t h)
{
    return mqcs_emit(s, pub, n, h, 0);
}
static MQC_INLINE void mqcs_alias_reset(mqc_session *s) { (void)s; }
#endif
#if MQC_ENABLE_AUTH
/* auth.c */
int mqcs_on_auth(mqc_session *s, const mqc_packet *p);
int mqcs_fill_auth(mqc_session *s);
void mqcs_auth_reset(mqc_session *s);
#else
/* CONNECT carries no Authentication Method: every AUTH is unasked for. */
static MQC_INLINE int mqcs_on_auth(mqc_session *s, const mqc_packet *p)
{
    (void)s;
    (void)p;
    return MQC_ERR_PROTOCOL;
}
static MQC_INLINE int mqcs_fill_auth(mqc_session *s) { (void)s; return 1; }
static MQC_INLINE void mqcs_auth_reset(mqc_session *s) { (void)s; }
#endif
#if MQC_ENABLE_V5
/* expiry.c */
void mqcs_expiry_patch(mqc_session *s, uint32_t h, mqc_tstamp exp);
mqc_tstamp mqcs_expiry_of(const mqc_publish *msg, mqc_tstamp now);
#endif
/* An expiry (mqcs_msg.exp) has passed; 0 never does. */
#define MQCS_EXPIRED(exp, now) ((exp) && (now) >= (exp))

/* session.c */
int mqcs_on_connack(mqc_session *s, const mqc_packet *p);
mqc_ssize mqcs_build_connect(mqc_session *s, uint8_t *buf, size_t cap);

#endif
