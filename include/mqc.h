/*
 * mqc: an embeddable MQTT 3.1.1 / 5.0 client library.
 *
 * One public header, four layers (each uses only the ones above it here):
 *   1. codec    pure encode/decode over caller buffers (mqc_encode_*, mqc_decode)
 *   2. session  sans-I/O protocol engine: bytes and time in, bytes and events out
 *   3. store    where outbound messages live until the broker has them
 *   4. client   POSIX runtime: sockets, reconnect, event loop (not freestanding)
 *
 * Conventions: functions return 0 (or a length) on success and a negative
 * mqc_err on failure; mqc_strerror() explains a code. Time is an mqc_tstamp in
 * milliseconds from any fixed origin, always passed in by the caller.
 */
#ifndef MQC_H
#define MQC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MQC_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------------ */
/* Basic types                                                               */
/* ------------------------------------------------------------------------ */

/* Signed size: a byte count, or a negative mqc_err. */
typedef long mqc_ssize;

/* Milliseconds from an origin the caller chooses; MQC_TSTAMP_NONE = no deadline. */
typedef uint64_t mqc_tstamp;
#define MQC_TSTAMP_NONE UINT64_MAX

/* A zero-copy slice of text (not NUL-terminated) or of bytes. */
typedef struct mqc_str {
    const char *ptr;
    size_t len;
} mqc_str;

typedef struct mqc_bytes {
    const uint8_t *ptr;
    size_t len;
} mqc_bytes;

/* Protocol level as it appears in CONNECT. */
typedef enum mqc_protocol {
    MQC_V31 = 3,   /* MQTT 3.1, "MQIsdp": client id 1-23 bytes, no session present flag */
    MQC_V311 = 4,
    MQC_V5 = 5
} mqc_protocol;

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * Codes from MQC_ERR_INVAL to MQC_ERR_TOO_LARGE concern one call and change
 * nothing. Codes at or below MQC_ERR_CONN_FATAL mean the network connection
 * must be closed (then reconnect: the session keeps its state). The
 * MQC_ERR_MALFORMED_* codes each name one rule of MQTT 3.1.1 §4.8 / 5.0 §4.13.
 */
typedef enum mqc_err {
    MQC_OK = 0,
    MQC_ERR_INVAL = -1,          /* bad argument: fix the call */
    MQC_ERR_NOMEM = -2,          /* allocation hook failed */
    MQC_ERR_INCOMPLETE = -3,     /* codec: more bytes needed */
    MQC_ERR_BUFFER = -4,         /* codec: output buffer too small */
    MQC_ERR_QUEUE_FULL = -5,     /* queue or store full: retry later */
    MQC_ERR_STATE = -6,          /* not allowed in the current state */
    MQC_ERR_TOO_LARGE = -7,      /* exceeds a size limit (ours or the server's) */
    MQC_ERR_NO_ID = -8,          /* every packet identifier is in use */
    MQC_ERR_STORE = -9,          /* the store could not write or read (disk full, I/O) */
    MQC_ERR_STORE_LOCKED = -10,  /* another process has this store open */
    MQC_ERR_STORE_MISMATCH = -11, /* the store belongs to another client id, protocol or broker */
    MQC_ERR_STORE_CORRUPT = -12, /* the store is not a log this version can read */
    MQC_ERR_TLS_CONFIG = -13,    /* TLS options unusable: a file missing or unreadable, a bad
                                  * key or password, or TLS not in this build (on_log says) */

    MQC_ERR_CONN_FATAL = -100,   /* cut-off: codes <= this close the connection */
    MQC_ERR_MALFORMED_REMAINING_LENGTH = -101, /* varint longer than 4 bytes */
    MQC_ERR_MALFORMED_FLAGS = -102,      /* reserved fixed-header flag bits wrong */
    MQC_ERR_MALFORMED_LENGTH = -103,     /* a length runs past the packet, or bytes left over */
    MQC_ERR_MALFORMED_UTF8 = -104,       /* string is not well-formed UTF-8 (or has U+0000) */
    MQC_ERR_MALFORMED_TYPE = -105,       /* packet type 0, or not valid in this direction/version */
    MQC_ERR_PACKET_TOO_LARGE = -106,     /* larger than the maximum we accept */
    MQC_ERR_MALFORMED_PROPERTY = -107,   /* unknown property, or not allowed in this packet */
    MQC_ERR_DUPLICATE_PROPERTY = -108,   /* a property that may appear once appears twice */
    MQC_ERR_MALFORMED_PACKET_ID = -109,  /* packet identifier 0 where one is required */
    MQC_ERR_MALFORMED_QOS = -110,        /* QoS 3, or DUP set on QoS 0 */
    MQC_ERR_MALFORMED_REASON = -111,     /* reason/return code not valid for the packet */
    MQC_ERR_MALFORMED_TOPIC = -112,      /* empty topic with no alias, wildcard in topic name */
    MQC_ERR_MALFORMED_VALUE = -113,      /* a field has a value the spec forbids */
    MQC_ERR_PROTOCOL = -130,             /* valid packet at the wrong time */
    MQC_ERR_RECEIVE_MAX_EXCEEDED = -131, /* server sent more QoS>0 than our Receive Maximum */
    MQC_ERR_QOS2_PUBACK = -132,          /* server answered a QoS 2 PUBLISH with PUBACK: it
                                          * has no QoS 2 (see MQC_OUTCOME_DOWNGRADED) */
    MQC_ERR_TOPIC_ALIAS = -133,          /* 5.0: Topic Alias 0, over our maximum, or unknown */
    MQC_ERR_AUTH = -134,                 /* 5.0: enhanced authentication failed or refused */
    MQC_ERR_KEEPALIVE_TIMEOUT = -140,    /* no PINGRESP in time: connection is dead */
    MQC_ERR_ACK_TIMEOUT = -141,          /* 5.0: no ack in time: reconnect to resend */
    MQC_ERR_CONNACK_REFUSED = -142,      /* CONNACK refused the connection */
    MQC_ERR_SERVER_DISCONNECT = -143,    /* server sent DISCONNECT */
    MQC_ERR_CLOSED = -150,               /* connection closed by peer */
    MQC_ERR_IO = -151,                   /* socket error (see errno) */
    MQC_ERR_RESOLVE = -152,              /* name resolution failed */
    MQC_ERR_CONNECT_TIMEOUT = -153,      /* TCP connect, handshake or CONNACK took too long */
    MQC_ERR_TLS = -154,                  /* TLS handshake or record failed (an alert, bad data) */
    MQC_ERR_TLS_VERIFY = -155,           /* the server's certificate failed verification
                                          * (unknown CA, expired, name mismatch): not retried */
    MQC_ERR_WEBSOCKET = -156,            /* WebSocket upgrade refused (HTTP status, bad
                                          * answer) or a malformed WebSocket frame */
    MQC_ERR_REDIRECT_LOOP = -157,        /* 5.0: Server References lead back to a server
                                          * already visited, or too many in a row */
    MQC_ERR_STORE_SYNC = -160            /* the store could not make state durable: nothing
                                          * that depends on it was written; reconnect later */
} mqc_err;

const char *mqc_strerror(int err);
/* Non-zero when err means the network connection must be closed. */
int mqc_err_is_fatal(int err);

/* ------------------------------------------------------------------------ */
/* Memory hooks                                                              */
/* ------------------------------------------------------------------------ */

/* Per-object allocator. NULL where one is taken means the C library's. */
typedef struct mqc_mem {
    void *user;
    void *(*malloc)(size_t size, void *user);
    void *(*realloc)(void *ptr, size_t size, void *user);
    void (*free)(void *ptr, void *user);
} mqc_mem;

/* ------------------------------------------------------------------------ */
/* 1. Codec                                                                  */
/* ------------------------------------------------------------------------ */

typedef enum mqc_packet_type {
    MQC_CONNECT = 1,
    MQC_CONNACK = 2,
    MQC_PUBLISH = 3,
    MQC_PUBACK = 4,
    MQC_PUBREC = 5,
    MQC_PUBREL = 6,
    MQC_PUBCOMP = 7,
    MQC_SUBSCRIBE = 8,
    MQC_SUBACK = 9,
    MQC_UNSUBSCRIBE = 10,
    MQC_UNSUBACK = 11,
    MQC_PINGREQ = 12,
    MQC_PINGRESP = 13,
    MQC_DISCONNECT = 14,
    MQC_AUTH = 15
} mqc_packet_type;

/* MQTT 5 property identifiers (5.0 §2.2.2.2). */
typedef enum mqc_prop_id {
    MQC_PROP_PAYLOAD_FORMAT = 0x01,
    MQC_PROP_MESSAGE_EXPIRY = 0x02,
    MQC_PROP_CONTENT_TYPE = 0x03,
    MQC_PROP_RESPONSE_TOPIC = 0x08,
    MQC_PROP_CORRELATION_DATA = 0x09,
    MQC_PROP_SUBSCRIPTION_ID = 0x0B,
    MQC_PROP_SESSION_EXPIRY = 0x11,
    MQC_PROP_ASSIGNED_CLIENT_ID = 0x12,
    MQC_PROP_SERVER_KEEP_ALIVE = 0x13,
    MQC_PROP_AUTH_METHOD = 0x15,
    MQC_PROP_AUTH_DATA = 0x16,
    MQC_PROP_REQUEST_PROBLEM_INFO = 0x17,
    MQC_PROP_WILL_DELAY = 0x18,
    MQC_PROP_REQUEST_RESPONSE_INFO = 0x19,
    MQC_PROP_RESPONSE_INFO = 0x1A,
    MQC_PROP_SERVER_REFERENCE = 0x1C,
    MQC_PROP_REASON_STRING = 0x1F,
    MQC_PROP_RECEIVE_MAX = 0x21,
    MQC_PROP_TOPIC_ALIAS_MAX = 0x22,
    MQC_PROP_TOPIC_ALIAS = 0x23,
    MQC_PROP_MAX_QOS = 0x24,
    MQC_PROP_RETAIN_AVAILABLE = 0x25,
    MQC_PROP_USER = 0x26,
    MQC_PROP_MAX_PACKET_SIZE = 0x27,
    MQC_PROP_WILDCARD_SUB_AVAILABLE = 0x28,
    MQC_PROP_SUB_ID_AVAILABLE = 0x29,
    MQC_PROP_SHARED_SUB_AVAILABLE = 0x2A
} mqc_prop_id;

typedef struct mqc_user_prop {
    mqc_str key;
    mqc_str value;
} mqc_user_prop;

#define MQC_MAX_SUB_IDS 4

/*
 * MQTT 5 properties, typed. `present` has bit (1ull << id) set for each
 * property that is there; mqc_props_has() tests it. When encoding, set the
 * bit and the field. User properties: when encoding, `user`/`user_count`
 * name an array; when decoding, `user_count` counts them and
 * mqc_props_user_next() walks them in order (the decoder keeps `raw`).
 * Decoded props can be encoded again as they are (with `user` NULL the
 * user properties come from `raw`). A decoded PUBLISH keeps its first
 * MQC_MAX_SUB_IDS Subscription Identifiers (later ones are checked only).
 */
typedef struct mqc_props {
    uint64_t present;
    uint8_t payload_format;
    uint32_t message_expiry;
    mqc_str content_type;
    mqc_str response_topic;
    mqc_bytes correlation_data;
    uint32_t subscription_ids[MQC_MAX_SUB_IDS]; /* PUBLISH may carry several */
    uint8_t subscription_id_count;
    uint32_t session_expiry;
    mqc_str assigned_client_id;
    uint16_t server_keep_alive;
    mqc_str auth_method;
    mqc_bytes auth_data;
    uint8_t request_problem_info;
    uint32_t will_delay;
    uint8_t request_response_info;
    mqc_str response_info;
    mqc_str server_reference;
    mqc_str reason_string;
    uint16_t receive_max;
    uint16_t topic_alias_max;
    uint16_t topic_alias;
    uint8_t max_qos;
    uint8_t retain_available;
    uint32_t max_packet_size;
    uint8_t wildcard_sub_available;
    uint8_t sub_id_available;
    uint8_t shared_sub_available;
    const mqc_user_prop *user;
    size_t user_count;
    mqc_bytes raw; /* decoded property block, for mqc_props_user_next() */
} mqc_props;

#define mqc_props_has(p, id) ((((p)->present) >> (id)) & 1u)
#define mqc_props_set(p, id) ((p)->present |= (1ull << (id)))

/* Walks decoded user properties. *iter starts at 0. Returns 1 and fills
 * *out while there is one, 0 at the end. */
int mqc_props_user_next(const mqc_props *props, size_t *iter, mqc_user_prop *out);

typedef struct mqc_will {
    const char *topic;           /* NUL-terminated; NULL = no will */
    mqc_bytes payload;
    uint8_t qos;
    uint8_t retain;
    const mqc_props *props;      /* 5.0 will properties, or NULL */
} mqc_will;

typedef struct mqc_connect {
    mqc_protocol protocol;
    mqc_str client_id;
    uint16_t keep_alive;         /* seconds */
    uint8_t clean;               /* 3.1.1 CleanSession / 5.0 Clean Start */
    const char *username;        /* NULL = none */
    const mqc_bytes *password;   /* NULL = none */
    mqc_will will;
    const mqc_props *props;      /* 5.0 CONNECT properties, or NULL */
} mqc_connect;

typedef struct mqc_publish {
    mqc_str topic;
    mqc_bytes payload;
    uint8_t qos;
    uint8_t retain;
    uint8_t dup;
    uint16_t id;                 /* 0 for QoS 0 */
    const mqc_props *props;      /* encode: NULL = none; decode: points into mqc_packet */
} mqc_publish;

/* One entry of a SUBSCRIBE. The options are 5.0 only. */
typedef struct mqc_subscription {
    mqc_str filter;
    uint8_t qos;
    uint8_t no_local;
    uint8_t retain_as_published;
    uint8_t retain_handling;     /* 0, 1 or 2 */
} mqc_subscription;

/*
 * A decoded packet. Slices point into the buffer given to mqc_decode() and
 * are valid as long as it is. Which fields are meaningful depends on `type`.
 * mqc_decode() sets type, flags, id, reason, session_present, reasons,
 * entries and props of every packet (zero or empty where it has none),
 * publish for a PUBLISH and every field for a CONNECT; the fields of other
 * types it leaves as they were.
 */
typedef struct mqc_packet {
    uint8_t type;                /* mqc_packet_type */
    uint8_t flags;               /* low nibble of the fixed header */
    uint16_t id;                 /* packet identifier, where the type has one */
    uint8_t reason;              /* CONNACK return/reason code; ack, DISCONNECT, AUTH reason */
    uint8_t session_present;     /* CONNACK */
    mqc_publish publish;         /* PUBLISH */
    mqc_connect connect;         /* CONNECT (decoded for servers and tests) */
    mqc_bytes password_store;    /* backing for connect.password */
    mqc_str will_topic;          /* CONNECT: connect.will.topic and connect.username */
    mqc_str username;            /*   point here and are NOT NUL-terminated when decoded */
    mqc_bytes reasons;           /* SUBACK / UNSUBACK (5.0) reason codes */
    mqc_bytes entries;           /* SUBSCRIBE / UNSUBSCRIBE payload: see mqc_packet_next_* */
    mqc_props props;             /* 5.0 properties of the packet */
    mqc_props will_props;        /* 5.0 CONNECT will properties */
} mqc_packet;

/*
 * Reads a fixed header from the start of buf. Returns its length (2..5) and
 * sets *first_byte and *remaining; MQC_ERR_INCOMPLETE when buf ends inside
 * it; MQC_ERR_MALFORMED_REMAINING_LENGTH for a length field over 4 bytes.
 */
mqc_ssize mqc_decode_fixed_header(const uint8_t *buf, size_t len,
                                  uint8_t *first_byte, uint32_t *remaining);

/*
 * Decodes exactly one whole packet (fixed header included) of `len` bytes.
 * `protocol` decides the 3.1.1 or 5.0 layout. Returns 0 or a negative
 * mqc_err; MQC_ERR_MALFORMED_* names the broken rule, MQC_ERR_INCOMPLETE
 * means len is shorter than the fixed header says. Never reads outside
 * [buf, buf+len) and never allocates. A 2-byte CONNACK under 5.0 (a 3.1.1
 * server refusing the protocol level) is read with 3.1.1 return codes.
 */
int mqc_decode(const uint8_t *buf, size_t len, mqc_protocol protocol, mqc_packet *out);

/* Walks a decoded SUBSCRIBE's entries (*iter starts at 0). 1 = got one, 0 = end. */
int mqc_packet_next_subscription(const mqc_packet *pkt, mqc_protocol protocol,
                                 size_t *iter, mqc_subscription *out);
/* Walks a decoded UNSUBSCRIBE's topic filters. */
int mqc_packet_next_filter(const mqc_packet *pkt, size_t *iter, mqc_str *out);

/*
 * Streaming framer: takes bytes in pieces of any size (down to one) and
 * yields whole packets. The caller owns `buf` (the partial packet store).
 * The size limit is checked on the fixed header, before any body byte is
 * kept; the buffer must never be grown beyond what has actually arrived.
 */
typedef struct mqc_framer {
    uint8_t *buf;                /* storage for a packet split across feeds */
    size_t cap;
    size_t have;                 /* bytes of the current packet held in buf */
    size_t need;                 /* whole size of the current packet; 0 = header unknown */
    uint32_t max_packet;         /* largest whole packet accepted; 0 = 268435460 */
} mqc_framer;

void mqc_framer_init(mqc_framer *f, uint8_t *buf, size_t cap, uint32_t max_packet);
void mqc_framer_reset(mqc_framer *f);

/*
 * Consumes bytes from `in`. Returns the number consumed (>= 0) or a negative
 * error. When a whole packet is ready, *pkt / *pkt_len point at it (inside
 * `in` when it arrived whole, else inside f->buf) and it stays valid until
 * the next call; otherwise *pkt is NULL. Returns MQC_ERR_BUFFER when f->buf is
 * too small for the bytes at hand: then *pkt_len is the capacity wanted now
 * (never more than the bytes held plus the bytes offered); grow with
 * mqc_framer_set_buffer() and call again.
 */
mqc_ssize mqc_framer_feed(mqc_framer *f, const uint8_t *in, size_t len,
                          const uint8_t **pkt, size_t *pkt_len);
/* Replaces the storage (contents up to f->have must already be copied). */
void mqc_framer_set_buffer(mqc_framer *f, uint8_t *buf, size_t cap);

/*
 * Encoders. Each writes one whole packet into buf[0..cap) and returns its
 * length; with buf == NULL it returns the length it would need. Errors:
 * MQC_ERR_BUFFER (cap too small), MQC_ERR_INVAL (a field the spec forbids,
 * e.g. QoS 3, id 0 at QoS>0, a string over 65535 bytes, invalid UTF-8),
 * MQC_ERR_TOO_LARGE (over 268435455 bytes of remaining length).
 */
mqc_ssize mqc_encode_connect(uint8_t *buf, size_t cap, const mqc_connect *c);
mqc_ssize mqc_encode_connack(uint8_t *buf, size_t cap, mqc_protocol protocol,
                             uint8_t session_present, uint8_t reason, const mqc_props *props);
mqc_ssize mqc_encode_publish(uint8_t *buf, size_t cap, mqc_protocol protocol,
                             const mqc_publish *p);
/* PUBACK, PUBREC, PUBREL, PUBCOMP. 5.0: reason 0 with no props is the 2-byte short form. */
mqc_ssize mqc_encode_ack(uint8_t *buf, size_t cap, mqc_protocol protocol, uint8_t type,
                         uint16_t id, uint8_t reason, const mqc_props *props);
mqc_ssize mqc_encode_subscribe(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                               const mqc_subscription *subs, size_t n, const mqc_props *props);
mqc_ssize mqc_encode_suback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                            const uint8_t *reasons, size_t n, const mqc_props *props);
mqc_ssize mqc_encode_unsubscribe(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                                 const mqc_str *filters, size_t n, const mqc_props *props);
/* 3.1.1 UNSUBACK has no reason codes: pass n = 0. */
mqc_ssize mqc_encode_unsuback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                              const uint8_t *reasons, size_t n, const mqc_props *props);
/* PINGREQ or PINGRESP. */
mqc_ssize mqc_encode_ping(uint8_t *buf, size_t cap, uint8_t type);
mqc_ssize mqc_encode_disconnect(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                uint8_t reason, const mqc_props *props);
mqc_ssize mqc_encode_auth(uint8_t *buf, size_t cap, uint8_t reason, const mqc_props *props);

/* Validates MQTT UTF-8 (well-formed, no U+0000, no surrogates). 1 = valid. */
int mqc_utf8_valid(const char *s, size_t len);

/* ------------------------------------------------------------------------ */
/* 3. Store (declared before the session, which takes one)                   */
/* ------------------------------------------------------------------------ */

/*
 * Where outbound messages live between mqc_session_publish() and their
 * final acknowledgement, and (version 2) the rest of the session state a
 * store that outlives the process must keep. Message records are opaque
 * bytes the session writes; the store keeps them in insertion order.
 *
 * A durable store follows write-ahead rules the session relies on: every
 * change is kept in the order made, and mqc_store_ops.sync() is called
 * before any byte that depends on the changes goes to the network (a
 * PUBLISH on its accepted record, PUBREL on "PUBREC received", PUBREC on
 * the inbound id being held, PUBCOMP on its release). So after a crash the
 * broker never knows more than the store.
 */
#define MQC_STORE_VERSION 2

/* Why mqc_store_ops.sync() is called; the store's policy decides what it does. */
typedef enum mqc_store_sync_why {
    MQC_STORE_SYNC_ACCEPT = 0,   /* mqc_session_publish() accepted a message */
    MQC_STORE_SYNC_OUTPUT = 1,   /* bytes that depend on the state are about to be written */
    MQC_STORE_SYNC_IDLE = 2      /* the end of a loop iteration (mqc_session_sync()) */
} mqc_store_sync_why;

/* Session values a version 2 store keeps, each replaced whole. */
typedef enum mqc_store_key {
    MQC_STORE_KEY_SUBS = 1,      /* the remembered (acknowledged) subscriptions */
    MQC_STORE_KEY_APP = 2        /* the application's own note (mqc_store_log_note()) */
} mqc_store_key;

/* What a store hands back to the session at recovery (mqc_store_ops.load). */
typedef struct mqc_store_visitor {
    /* A message record, in insertion order. */
    int (*message)(void *arg, uint32_t handle, const uint8_t *rec, size_t len);
    /* An inbound QoS 2 id held: delivered, its PUBREL not yet received. */
    int (*inbound)(void *arg, uint16_t id);
    int (*value)(void *arg, unsigned key, const uint8_t *val, size_t len);
} mqc_store_visitor;

typedef struct mqc_store_ops {
    unsigned version;            /* MQC_STORE_VERSION (1: messages only, no fields below) */
    /* Keeps a copy of rec[0..len). MQC_ERR_QUEUE_FULL when there is no room.
     * rec == NULL reserves len bytes: the session then writes them in place
     * through get() and commits them with one patch() of the whole record. */
    int (*put)(void *ctx, const uint8_t *rec, size_t len, uint32_t *handle);
    /* The bytes of a kept record, valid until it is removed or patched. */
    int (*get)(void *ctx, uint32_t handle, uint8_t **rec, size_t *len);
    /* Overwrites rec[off..off+n) of a kept record (state changes, DUP, id). */
    int (*patch)(void *ctx, uint32_t handle, size_t off, const uint8_t *bytes, size_t n);
    void (*remove)(void *ctx, uint32_t handle);
    /* Drops every record (the session was discarded). */
    void (*clear)(void *ctx);
    void (*destroy)(void *ctx);
    /* Version 2; each may be NULL in a store that keeps nothing across a
     * restart (the memory store). An inbound QoS 2 id is held (1: delivered
     * and acknowledged by the application) or released (0: PUBREL came;
     * id 0 releases all). */
    int (*inbound)(void *ctx, uint16_t id, int held);
    /* Replaces session value key (mqc_store_key) with val[0..len). */
    int (*set)(void *ctx, unsigned key, const uint8_t *val, size_t len);
    /* Makes the changes so far as durable as the store promises. An error
     * means nothing that depends on them may be written. */
    int (*sync)(void *ctx, mqc_store_sync_why why);
    /* Recovery: visits every record, held id and value the store has. */
    int (*load)(void *ctx, const mqc_store_visitor *v, void *arg);
} mqc_store_ops;

typedef struct mqc_store {
    const mqc_store_ops *ops;
    void *ctx;
} mqc_store;

/*
 * Memory store: one ring of `capacity` bytes, allocated once through `mem`
 * (NULL = C library). No allocation per message. Space comes back in
 * order: a message that stays in flight holds back the space of the ones
 * after it, even when they are done. That is bounded by the ring: at worst
 * publish returns MQC_ERR_QUEUE_FULL (nothing is dropped) until the old
 * message completes, or fails by max_attempts or (5.0) ack_timeout_ms, so
 * set one of those when a broker may never answer. The log store frees
 * each record on its own and has no such wait.
 */
int mqc_store_mem_new(mqc_store *out, size_t capacity, const mqc_mem *mem);
/* Same, in caller memory (no heap at all); buf must stay valid. */
int mqc_store_mem_init(mqc_store *out, void *buf, size_t len);
/* Bytes the memory store needs for its bookkeeping on top of the ring. */
size_t mqc_store_mem_overhead(void);

/*
 * Log store: a durable, crash-consistent store (layer 3, freestanding) that
 * keeps the whole session: message records, inbound QoS 2 ids awaiting
 * PUBREL, the remembered subscriptions, and an application note. Every
 * change goes into an append-only log of commits, each one CRC-checked and
 * applied whole or not at all; recovery replays the log and stops at the
 * first torn or bad commit, so it yields the state as of a commit and never
 * brings back a message whose completion was committed. Once the log passes
 * compact_bytes and twice the live state, it is rewritten (live state to a
 * new file, synced, renamed over the old one).
 *
 * The packet id a message was sent with, "PUBREC received" and the DUP flag
 * are in the record itself; the next packet id is the one after the newest
 * in-flight message. Subscriptions not yet acknowledged when the process
 * died are not recovered: subscribe again after a restart.
 *
 * Sync policies: what a crash (kill -9) and a power loss leave.
 *   MQC_SYNC_ALWAYS  each commit is fsynced; mqc_session_publish() returns
 *                    only once its record is on stable storage. Crash and
 *                    power loss: nothing accepted is lost, nothing
 *                    completed comes back, no QoS 2 duplicate.
 *   MQC_SYNC_BATCH   (default) group commit: the changes of one loop
 *                    iteration are written and fsynced together, at the
 *                    latest before any byte that depends on them goes out.
 *                    Crash and power loss: the state of the last commit; a
 *                    message accepted in the iteration that was cut short
 *                    may be missing, but then the broker never saw it (its
 *                    PUBLISH waits for the commit), so an application that
 *                    keeps its input position in the note (mqc_store_log_note)
 *                    offers it again: still exactly once.
 *   MQC_SYNC_NEVER   commits are written to the OS at the same points but
 *                    never fsynced. Crash of the process: as BATCH (the OS
 *                    has the bytes). Power loss or OS crash: recent commits
 *                    may be gone although the broker acted on them: QoS 2
 *                    may then duplicate and QoS 1 lose what was accepted.
 *
 * Before PUBREC (inbound) or PUBLISH (outbound) leaves, the commit holding
 * its state is written, and under ALWAYS and BATCH fsynced: that ordering
 * is what makes exactly once hold across a crash.
 */
typedef enum mqc_sync_policy {
    MQC_SYNC_BATCH = 0,
    MQC_SYNC_ALWAYS = 1,
    MQC_SYNC_NEVER = 2
} mqc_sync_policy;

/* Where a log store keeps its bytes: POSIX files (mqc_store_file_open), or a
 * firmware's flash. Each returns 0 or a negative mqc_err (MQC_ERR_STORE). */
typedef struct mqc_log_io {
    void *ctx;
    /* Reads log bytes at off: the count, 0 at the end, or a negative mqc_err. */
    mqc_ssize (*read)(void *ctx, uint64_t off, uint8_t *buf, size_t len);
    /* Appends to the log (file 0) or to the replacement being built (file 1). */
    int (*append)(void *ctx, int file, const uint8_t *buf, size_t len);
    /* What was appended to file is on stable storage. */
    int (*sync)(void *ctx, int file);
    /* Recovery cuts the log to len bytes; damaged: the cut part failed its
     * check (not merely a write cut short), so keep a copy of it first. */
    int (*truncate)(void *ctx, uint64_t len, int damaged);
    /* Starts an empty replacement (file 1). */
    int (*begin_rewrite)(void *ctx);
    /* Makes the replacement the log, atomically and durably. */
    int (*replace)(void *ctx);
    void (*close)(void *ctx);
} mqc_log_io;

#define MQC_LOG_OPTS_VERSION 1

typedef struct mqc_log_opts {
    unsigned version;            /* MQC_LOG_OPTS_VERSION */
    mqc_sync_policy sync;        /* default MQC_SYNC_BATCH */
    mqc_bytes identity;          /* whose session (e.g. client id, protocol, broker): a log
                                  * made with another is refused (MQC_ERR_STORE_MISMATCH) */
    size_t capacity;             /* bytes of message records at most; default 16 MiB */
    uint64_t compact_bytes;      /* rewrite past this size (and twice the live state);
                                  * default 4 MiB */
    /* Called before each commit is written (will_sync: it is going to be
     * fsynced), e.g. to fsync the file an output offset in the note refers
     * to. An error fails the commit. */
    int (*before_commit)(void *user, int will_sync);
    void *user;
    /* A damaged log (a whole commit fails its check: not what a crash
     * leaves): 0 (default) refuses it, MQC_ERR_STORE_CORRUPT with *rec
     * saying where, the log untouched; 1 keeps what comes before the damage
     * (the rest is saved first, POSIX: log.damaged) and goes on. Commits
     * after the damage are then forgotten: QoS 2 may duplicate. */
    uint8_t repair;
} mqc_log_opts;

/* What recovery found. */
typedef struct mqc_log_recovery {
    size_t commits;              /* commits replayed */
    size_t messages;             /* message records recovered */
    size_t inbound;              /* inbound QoS 2 ids held */
    uint64_t log_bytes;          /* size of the log found */
    uint64_t valid_bytes;        /* where recovery stopped; the rest was cut off */
    uint8_t torn;                /* the log ended inside a commit (a write cut short) */
    uint8_t damaged;             /* a whole commit failed its CRC or did not parse: refused,
                                  * or with repair the cut part saved (POSIX: log.damaged) */
} mqc_log_recovery;

void mqc_log_opts_default(mqc_log_opts *o);
/* Opens a log store over io, recovering what the log holds (*rec, may be
 * NULL; filled on MQC_ERR_STORE_CORRUPT too). On success the store owns io
 * (closed by destroy). MQC_ERR_INVAL, MQC_ERR_NOMEM, MQC_ERR_STORE (read
 * failed), MQC_ERR_STORE_CORRUPT (not a log, or damaged without repair),
 * MQC_ERR_STORE_MISMATCH (another identity). */
int mqc_store_log_open(mqc_store *out, const mqc_log_io *io, const mqc_log_opts *o,
                       const mqc_mem *mem, mqc_log_recovery *rec);
/* The application's own state, kept with the session (an input or output
 * offset): written with the next commit, atomically with the session
 * changes made since the last one. */
int mqc_store_log_note(mqc_store *st, const void *note, size_t len);
/* The note last set or recovered (*note NULL, *len 0 when none). */
void mqc_store_log_get_note(const mqc_store *st, const uint8_t **note, size_t *len);
/* Closes any store: ops->destroy. */
void mqc_store_close(mqc_store *st);

/* ------------------------------------------------------------------------ */
/* 2. Session (sans-I/O)                                                     */
/* ------------------------------------------------------------------------ */

typedef struct mqc_session mqc_session;

/*
 * What the session does with in-flight messages when the server answers a
 * reconnect with session present = 0 (it no longer knows them): after a
 * resume was asked for (connack_info.session_lost = 1), and on every
 * reconnect of a clean session. Either way the inbound "awaiting PUBREL"
 * set is cleared, remembered subscriptions are renewed (one SUBSCRIBE,
 * token MQC_TOKEN_RENEWAL), queued messages stay queued, and a QoS 2
 * message whose PUBREC had arrived counts as MQC_OUTCOME_ACKED (the server
 * had taken it over). A message counts as sent again for max_attempts.
 */
typedef enum mqc_lost_policy {
    MQC_LOST_RESEND = 0,         /* send them again as new messages (QoS 2 may duplicate) */
    MQC_LOST_FAIL = 1            /* fail them with MQC_OUTCOME_SESSION_LOST */
} mqc_lost_policy;

#define MQC_SESSION_OPTS_VERSION 1

typedef struct mqc_session_opts {
    unsigned version;            /* MQC_SESSION_OPTS_VERSION */
    mqc_protocol protocol;
    mqc_str client_id;
    uint16_t keep_alive;         /* seconds; 0 = off */
    uint8_t clean;               /* CleanSession / Clean Start */
    uint32_t session_expiry;     /* 5.0 Session Expiry Interval, seconds */
    const char *username;
    const mqc_bytes *password;
    mqc_will will;
    const mqc_props *connect_props; /* extra 5.0 CONNECT properties (user props, auth) */
    uint16_t max_inflight;       /* our window; default 20 (see mqtt-rules.md) */
    uint32_t max_queued;         /* messages waiting beyond the window; default 1000 */
    uint16_t receive_max;        /* 5.0: our Receive Maximum; default 64. Both versions:
                                  * at this many unacked inbound QoS>0 messages,
                                  * mqc_session_recv() takes no more PUBLISH until the
                                  * acks are written. A server over it is tolerated
                                  * (the inbound set grows through the memory hooks);
                                  * only a failed allocation closes (5.0: 0x93). */
    uint32_t max_packet_in;      /* largest packet we accept; default 16 MiB */
    uint32_t retry_interval_ms;  /* 3.1.1 resend on a live connection; 0 = off (default) */
    uint32_t retry_max_interval_ms; /* cap of the doubling retry interval; default 60000;
                                    * 0 = the interval does not grow */
    uint32_t ack_timeout_ms;     /* 5.0: no ack this long closes the connection; 0 = off */
    uint16_t max_attempts;       /* PUBLISH sends of one message before it fails; 0 = unlimited.
                                  * Checked before each resend; after PUBREC it no
                                  * longer applies (PUBREL goes until PUBCOMP). */
    uint32_t ping_timeout_ms;    /* wait for PINGRESP; default: a quarter keep alive.
                                  * PINGREQ goes after a keep alive without sending or
                                  * without receiving: a dead link is noticed within
                                  * 1.25 keep alives of the last received byte. */
    uint8_t manual_ack;          /* inbound acks wait for mqc_session_ack() */
    mqc_lost_policy lost_policy;
    const mqc_store *store;      /* NULL = a memory store the session owns. A durable
                                  * store (a log store) that holds a session is
                                  * resumed: in-flight messages are resent with DUP
                                  * and their ids (PUBREL after PUBREC), queued ones
                                  * follow, inbound QoS 2 ids stay held, and each
                                  * reaches on_publish_done with its token */
    size_t store_capacity;       /* for that memory store; default 1 MiB, allocated
                                  * at the first publish */
    /* 5.0 Topic Aliases (both maps are forgotten on every new connection;
     * a core built with MQC_ENABLE_TOPIC_ALIAS 0 ignores both options and
     * uses none, announcing no Topic Alias Maximum). */
    uint16_t topic_alias_max;    /* inbound: our Topic Alias Maximum, announced in
                                  * CONNECT; default 16; 0 = none. An alias 0, over it,
                                  * or unknown with an empty topic closes with 0x94 */
    uint16_t topic_alias_out;    /* outbound: aliases we use at most (within the
                                  * server's Topic Alias Maximum); default 16; 0 = none.
                                  * Policy: a topic's first PUBLISH on a connection
                                  * takes a free alias (sent with the topic); later
                                  * ones send only the alias. Once all are taken, each
                                  * new topic wears down the least used one by a use;
                                  * at none left the new topic takes its alias over. So
                                  * the aliases end up with the most used topics. Only a
                                  * first transmission that fits the output buffer is
                                  * aliased: a resend always carries the full topic. */
} mqc_session_opts;

void mqc_session_opts_default(mqc_session_opts *o);

/* Terminal outcome of an outbound message. */
typedef enum mqc_outcome {
    MQC_OUTCOME_ACKED = 0,       /* QoS 0: written out; QoS 1: PUBACK; QoS 2: PUBCOMP */
    MQC_OUTCOME_REJECTED = 1,    /* 5.0 PUBACK/PUBREC reason >= 0x80 (see reason); also
                                  * over the server's Maximum QoS (0x9B) or a retained
                                  * message when it has no Retain Available (0x9A) */
    MQC_OUTCOME_FAILED = 2,      /* max_attempts sends without an ack: delivery unknown.
                                  * QoS 2: the id stays in use and a PUBREL releases it
                                  * at the server before it can be reused. */
    MQC_OUTCOME_SESSION_LOST = 3, /* server lost the session and policy is MQC_LOST_FAIL */
    MQC_OUTCOME_TOO_LARGE = 4,   /* over the server's Maximum Packet Size */
    MQC_OUTCOME_CANCELLED = 5,   /* session destroyed before the message completed */
    MQC_OUTCOME_DOWNGRADED = 6,  /* QoS 2 answered with PUBACK: the server took it at
                                  * QoS 1 (at least once, not exactly once; a resend
                                  * could duplicate it, so none follows). A protocol
                                  * error: the connection closes (MQC_ERR_QOS2_PUBACK) */
    MQC_OUTCOME_EXPIRED = 7      /* 5.0: its Message Expiry Interval passed before it was
                                  * sent (or, sent before, before its resend: delivery
                                  * then unknown, as FAILED, and QoS 2 sends PUBREL).
                                  * Reported when it would have been sent: on the next
                                  * connection at the latest, not by a timer */
} mqc_outcome;

typedef struct mqc_publish_result {
    uint16_t id;                 /* packet id it had (0 if never sent at QoS>0) */
    uint64_t token;              /* the application's token from mqc_session_publish() */
    mqc_outcome outcome;
    uint8_t reason;              /* 5.0 reason code from the ack, else 0 */
    uint8_t qos;
    const mqc_props *props;      /* 5.0 properties of the ack that ended it (reason
                                  * string, user properties), valid in the callback;
                                  * NULL when no ack ended it */
} mqc_publish_result;

typedef struct mqc_connack_info {
    uint8_t session_present;
    uint8_t reason;              /* 3.1.1 return code or 5.0 reason code */
    uint8_t session_lost;        /* we asked to resume and the server had nothing */
    const mqc_props *props;      /* 5.0 CONNACK properties */
} mqc_connack_info;

/* Token of the SUBSCRIBE that renews remembered subscriptions after the
 * server lost the session (reported through on_suback). Reserved: do not
 * pass it to mqc_session_subscribe/unsubscribe. */
#define MQC_TOKEN_RENEWAL UINT64_MAX

/* Return from on_message to keep the ack back until mqc_session_ack(). */
#define MQC_ACK_DEFER 1

#define MQC_CALLBACKS_VERSION 1

typedef struct mqc_callbacks {
    unsigned version;            /* MQC_CALLBACKS_VERSION */
    /* CONNACK arrived (accepted or refused). */
    void (*on_connack)(mqc_session *s, const mqc_connack_info *info, void *user_data);
    /* An inbound message, delivered once. Return 0 to ack it when this
     * returns, or MQC_ACK_DEFER to ack later with mqc_session_ack(). */
    int (*on_message)(mqc_session *s, const mqc_publish *msg, void *user_data);
    /* An outbound message reached its final outcome. */
    void (*on_publish_done)(mqc_session *s, const mqc_publish_result *r, void *user_data);
    /* SUBACK / UNSUBACK: one code per filter (3.1.1 UNSUBACK: n = 0). */
    void (*on_suback)(mqc_session *s, uint16_t id, uint64_t token,
                      const uint8_t *codes, size_t n, void *user_data);
    void (*on_unsuback)(mqc_session *s, uint16_t id, uint64_t token,
                        const uint8_t *codes, size_t n, void *user_data);
    /* The server sent DISCONNECT (5.0). */
    void (*on_disconnect)(mqc_session *s, uint8_t reason, const mqc_props *props,
                          void *user_data);
    /* Every packet sent or received, for tracing (optional). */
    void (*on_packet)(mqc_session *s, int outgoing, const mqc_packet *pkt, void *user_data);
    /* 5.0 enhanced authentication: the server sent AUTH. reason is 0x18
     * (continue: during the CONNECT exchange or a re-authentication) or
     * 0x00 (a re-authentication succeeded); props->auth_data is the
     * server's step. Answer a 0x18 with mqc_session_auth(s, 0x18, ...)
     * (here or later). Return 0 to go on, or a reason code >= 0x80 to give
     * up: the session then sends DISCONNECT with it and the connection
     * closes (MQC_ERR_AUTH). An AUTH we did not ask for (no Authentication
     * Method in CONNECT, another method, 0x18 outside an exchange, 0x19)
     * is a protocol error (0x82); so is any AUTH without this callback. */
    int (*on_auth)(mqc_session *s, uint8_t reason, const mqc_props *props, void *user_data);
} mqc_callbacks;

int mqc_session_new(mqc_session **out, const mqc_session_opts *opts,
                    const mqc_callbacks *cb, void *user_data, const mqc_mem *mem);
/* Fails every unfinished message with MQC_OUTCOME_CANCELLED, then frees.
 * With a durable store (version 2 with load) nothing is cancelled: the
 * unfinished messages stay in the store for the next session opened on it. */
void mqc_session_del(mqc_session *s);

/* A new network connection is up: queues CONNECT. Nothing else is written
 * until CONNACK. Pointers in the options (client id, will, credentials,
 * properties) must stay valid for the session's life. */
int mqc_session_connect(mqc_session *s, mqc_tstamp now);
/* The network connection is gone (closed, reset, or after a fatal error).
 * Unsent output is dropped; in-flight state is kept for the next connect. */
void mqc_session_connection_lost(mqc_session *s, mqc_tstamp now);
/* Queues DISCONNECT (5.0 with reason); the caller closes after it is sent.
 * It is the last packet written; received acks are still taken in. */
int mqc_session_disconnect(mqc_session *s, uint8_t reason, mqc_tstamp now);

/*
 * 5.0 enhanced authentication (see on_auth). The Authentication Method is
 * the one of session.connect_props (it must have one, else MQC_ERR_STATE);
 * props (NULL = none) gives the Authentication Data and may add a reason
 * string or user properties; its method, when set, must be the same.
 * reason 0x18 answers the server's AUTH 0x18 (while one is awaited);
 * 0x19 starts a re-authentication on an accepted connection (not while one
 * is in progress). The props are encoded at once (need not outlive the
 * call). Returns 0, MQC_ERR_STATE, MQC_ERR_INVAL, MQC_ERR_NOMEM. A core
 * built with MQC_ENABLE_AUTH 0 has no enhanced authentication: this
 * returns MQC_ERR_STATE and a connect with an Authentication Method
 * MQC_ERR_INVAL.
 */
int mqc_session_auth(mqc_session *s, uint8_t reason, const mqc_props *props, mqc_tstamp now);
/* 5.0: the Session Expiry Interval the DISCONNECT that ends this
 * connection carries (as mqc_session_disconnect or the client's graceful
 * stop send it). MQC_ERR_INVAL when the CONNECT had 0 and this is not
 * (5.0 §3.14.2.2.2 forbids that); MQC_ERR_STATE under 3.1.1. */
int mqc_session_set_disconnect_expiry(mqc_session *s, uint32_t seconds);
/* Inside a callback run by mqc_session_recv(): the 5.0 properties of the
 * packet being handled (the reason string and user properties of a SUBACK
 * or UNSUBACK in on_suback / on_unsuback, of any packet), else NULL. */
const mqc_props *mqc_session_packet_props(const mqc_session *s);
/* The client identifier in use: the configured one, or the one the server
 * assigned (5.0 Assigned Client Identifier), which later CONNECTs of this
 * session then use so that it can be resumed. */
mqc_str mqc_session_client_id(const mqc_session *s);

/* Feeds received bytes. Returns the number consumed, or a negative error.
 * Fewer than len (0 too) while the inbound window is full (see receive_max)
 * or when a callback dropped the connection: write what mqc_session_send()
 * has, then feed the rest again. An error <=
 * MQC_ERR_CONN_FATAL means: send what mqc_session_send() still has (5.0
 * DISCONNECT with reason), then close the connection. Callbacks run inside. */
mqc_ssize mqc_session_recv(mqc_session *s, const uint8_t *in, size_t len, mqc_tstamp now);

/* Bytes ready to write: sets *data and returns their length (0 = none).
 * After writing n of them, call mqc_session_sent(s, n). Small packets come
 * coalesced in one buffer; a large message comes straight from its store
 * record. *data stays valid until the next send/sent/connection_lost. */
mqc_ssize mqc_session_send(mqc_session *s, const uint8_t **data, mqc_tstamp now);
void mqc_session_sent(mqc_session *s, size_t n, mqc_tstamp now);
int mqc_session_want_write(const mqc_session *s);
/* Gives the output buffer back once all of it is written and nothing was
 * written for a second, so an idle connection holds none (the next packet
 * makes it again; a steady stream keeps it). The first write after such a
 * second gives it back by itself once it is out; runtimes may call this
 * from their timers too, as mqc_client does. */
void mqc_session_trim(mqc_session *s, mqc_tstamp now);

/* The next time mqc_session_handle_expiry() must be called, or MQC_TSTAMP_NONE. */
mqc_tstamp mqc_session_get_expiry(const mqc_session *s);
/* Runs timers (keep alive, resend, ack timeout). A fatal error means close. */
int mqc_session_handle_expiry(mqc_session *s, mqc_tstamp now);

/* Queues an outbound message (also while disconnected). The store keeps a
 * copy. MQC_ERR_QUEUE_FULL when window, queue and store are full; nothing
 * is queued then. Packet ids are given when a message enters the window.
 * QoS 0 is queued like the others (offline too) and keeps its place in the
 * order; it is MQC_OUTCOME_ACKED once it is in the output (see the memory
 * store for how its space comes back). With a durable store the record is
 * committed as its policy says (ALWAYS: before this returns); MQC_ERR_STORE
 * when it could not be, and nothing is queued then. */
int mqc_session_publish(mqc_session *s, const mqc_publish *msg, uint64_t token,
                        mqc_tstamp now);
/* Subscribes; remembered and renewed if the server loses the session (not
 * in a core built with MQC_ENABLE_RENEWAL 0: then the application
 * subscribes again when on_connack reports session present 0). */
int mqc_session_subscribe(mqc_session *s, const mqc_subscription *subs, size_t n,
                          const mqc_props *props, uint64_t token, uint16_t *id_out,
                          mqc_tstamp now);
int mqc_session_unsubscribe(mqc_session *s, const mqc_str *filters, size_t n,
                            const mqc_props *props, uint64_t token, uint16_t *id_out,
                            mqc_tstamp now);
/* Acks an inbound message kept back with MQC_ACK_DEFER. 5.0: a reason
 * >= 0x80 refuses it. Acks leave in the order the messages arrived. */
int mqc_session_ack(mqc_session *s, uint16_t id, uint8_t reason, mqc_tstamp now);
/* Group commit: makes every change so far durable as the store's policy
 * promises (MQC_STORE_SYNC_IDLE). Runtimes call it once per loop
 * iteration; output is synced before it leaves in any case. */
int mqc_session_sync(mqc_session *s);

/* State, for runtimes and tools. */
int mqc_session_is_connected(const mqc_session *s);   /* CONNACK accepted */
size_t mqc_session_inflight(const mqc_session *s);    /* outbound QoS>0 awaiting ack */
size_t mqc_session_queued(const mqc_session *s);      /* waiting beyond the window */
size_t mqc_session_unfinished(const mqc_session *s);  /* inflight + queued + pending subs */
uint16_t mqc_session_keep_alive(const mqc_session *s); /* in force (5.0 Server Keep Alive) */
uint32_t mqc_session_received(const mqc_session *s);  /* packets on this connection, CONNACK included */
mqc_protocol mqc_session_protocol(const mqc_session *s);
void *mqc_session_user_data(const mqc_session *s);

/* ------------------------------------------------------------------------ */
/* 4. Client (POSIX runtime: sockets, reconnect, event loop)                 */
/* ------------------------------------------------------------------------ */

/*
 * An mqc_client owns one mqc_session and one non-blocking TCP connection
 * (IPv4 or IPv6), with TLS on it when opts.tls asks (see mqc_tls_opts). It
 * resolves the host with getaddrinfo() (a blocking call: pass a numeric
 * address to avoid it), tries each address in turn, bounds TCP connect plus
 * the TLS handshake plus CONNACK by connect_timeout_ms, and reconnects with
 * exponential backoff and jitter, resuming the session. Time comes from
 * CLOCK_MONOTONIC in milliseconds.
 *
 * Two ways to drive it:
 *   - mqc_client_poll(c, timeout_ms) runs one iteration with poll(2);
 *     mqc_client_run() loops until the client stops.
 *   - With your own loop (select, poll, epoll, libuv): before each wait ask
 *     mqc_client_fd() (it changes across reconnects; -1 = no socket; a new
 *     socket may get the old number: mqc_client_fd_generation() tells),
 *     mqc_client_want_write() and mqc_client_next_deadline_ms(); after it
 *     call mqc_client_handle_read() / _handle_write() / _handle_timeout().
 *     Reads go until EAGAIN or a short read (the socket was empty then:
 *     epoll(7) counts it the same), with nothing left buffered in TLS or
 *     WebSocket; writes go until EAGAIN; so edge-triggered epoll works too.
 *     adapters/ has this done for libuv, libev and poll/epoll (headers).
 *
 * While disconnected, publish/subscribe/unsubscribe are queued by the
 * session (bounded: MQC_ERR_QUEUE_FULL is returned, nothing is dropped).
 * QoS 0 messages are queued like the others and sent after the reconnect.
 *
 * Callbacks run from inside mqc_client_poll() and the handle_* functions.
 * They may call mqc_client_publish/subscribe/unsubscribe/ack/disconnect,
 * but never mqc_client_del().
 */
typedef struct mqc_client mqc_client;

typedef enum mqc_client_state {
    MQC_CLIENT_IDLE = 0,         /* created, mqc_client_connect() not called yet */
    MQC_CLIENT_CONNECTING = 1,   /* TCP connect or waiting for CONNACK */
    MQC_CLIENT_CONNECTED = 2,    /* CONNACK accepted */
    MQC_CLIENT_BACKOFF = 3,      /* waiting before the next connection attempt */
    MQC_CLIENT_DISCONNECTING = 4, /* mqc_client_disconnect(): draining, then DISCONNECT */
    MQC_CLIENT_STOPPED = 5       /* finished: disconnected, or gave up (see on_stopped) */
} mqc_client_state;

/*
 * The reconnect policy. Each ended attempt or connection is one of:
 *   - attempt failed: no CONNACK (TCP error, refusal, closed, no CONNACK
 *     within connect_timeout_ms on the last resolved address; a CONNACK
 *     timeout on an earlier address tries the next one at once);
 *   - unproven: CONNACK accepted, then lost before the broker sent any
 *     packet and before MQC_RECONNECT_STABLE_MS (a broker that accepts and
 *     drops);
 *   - sent away (5.0): the broker ended it with DISCONNECT (session taken
 *     over, quota, shutdown), whatever came before;
 *   - proven: lost after the broker answered (any packet after CONNACK:
 *     an ack, a PUBLISH, PINGRESP), but before MQC_RECONNECT_STABLE_MS;
 *   - stable: lost after MQC_RECONNECT_STABLE_MS up.
 * Failed, unproven and sent-away ones are counted; the k-th in a row waits
 * d = max(reconnect_min_ms, 100) * 2^(k-1), capped at reconnect_max_ms
 * (but never below 100), uniformly jittered in [d/2, d]. A proven or
 * stable connection resets the count and retries soon, in
 * [0, reconnect_min_ms/4]: the broker served it, so the network cut it,
 * and every idle moment is backlog on a link that drops often. So
 * reconnect_min_ms 0 means: reconnect at once after a connection that
 * worked, but failures still back off from 100 ms (never a hot loop).
 * max_reconnects counts the failures in a row.
 * on_log says each wait ("reconnecting in N ms (backoff after K
 * consecutive failures; why)"), held input and what drains wait for.
 */
#define MQC_RECONNECT_STABLE_MS 10000

/*
 * TLS (version 2 of mqc_client_opts). Built with OpenSSL (the default) or
 * mbedTLS (CMake -DMQC_TLS=mbedtls), or without (-DMQC_TLS=off: enabling it
 * fails with MQC_ERR_TLS_CONFIG). Files are PEM. With no ca_file and no
 * ca_path the system trust store is used; use_os_certs adds it to them.
 * The server's certificate chain is always verified and its name (the
 * host, or server_name) is checked unless insecure; the name also goes in
 * SNI. A verification failure ends the attempt with MQC_ERR_TLS_VERIFY and
 * is not retried (on_connect_failed will_retry 0, then on_stopped); other
 * TLS failures (MQC_ERR_TLS: an alert such as "certificate required",
 * garbage) are retried like any failed attempt. The reason text of either
 * ("certificate has expired", "unable to get local issuer certificate",
 * "hostname mismatch") is in on_log and mqc_client_error_detail().
 * The handshake counts against connect_timeout_ms; each reconnect does it
 * again, resuming the last session (tickets) when the server offers it.
 * Files are read, and the key decrypted, in mqc_client_new(): a problem
 * there returns MQC_ERR_TLS_CONFIG and says why through on_log.
 */
#define MQC_TLS_1_2 0x0303
#define MQC_TLS_1_3 0x0304

typedef struct mqc_tls_opts {
    uint8_t enable;              /* 1 = TLS; default 0 */
    const char *ca_file;         /* trusted CA certificates (PEM bundle), or NULL */
    const char *ca_path;         /* directory of hashed CA certificates (c_rehash), or NULL */
    uint8_t use_os_certs;        /* also trust the system store when ca_file/ca_path given */
    const char *cert_file;       /* client certificate (chain) for mTLS, or NULL */
    const char *key_file;        /* its private key; NULL = in cert_file */
    const char *key_password;    /* for an encrypted key, or NULL */
    uint8_t insecure;            /* 1 = do not check the server's name (chain still checked) */
    const char *server_name;     /* name for SNI and the check; NULL = host */
    const char *alpn;            /* ALPN protocols, comma-separated ("mqtt"), or NULL */
    uint16_t min_version;        /* MQC_TLS_1_2 (default, also for 0) or MQC_TLS_1_3 */
    const char *psk_identity;    /* pre-shared key instead of certificates: identity */
    const uint8_t *psk;          /*   and key bytes (psk_len); NULL = no PSK */
    size_t psk_len;
    uint8_t session_resume;      /* resume the last TLS session on reconnect; default 1 */
} mqc_tls_opts;

/*
 * MQTT over WebSocket (version 3 of mqc_client_opts): ws:// with ws.enable,
 * wss:// with tls.enable too (TLS below, WebSocket on it). The client sends
 * an HTTP/1.1 Upgrade for ws.path with subprotocol "mqtt" and Host: host
 * (":port" unless 80, or 443 with TLS), and checks the 101 answer. Set the
 * port yourself (80, 443, or the broker's WebSocket listener). The upgrade
 * counts against connect_timeout_ms and is redone on each reconnect. MQTT
 * then travels in masked binary frames; a packet may span frames and a frame
 * may hold several. A refused upgrade (an HTTP status other than 101, a
 * wrong Sec-WebSocket-Accept, another subprotocol) or a malformed frame ends
 * the connection with MQC_ERR_WEBSOCKET, the server's Close with
 * MQC_ERR_CLOSED; both are retried like any failed attempt, and
 * mqc_client_error_detail() has the words ("WebSocket upgrade refused:
 * HTTP/1.1 404 Not Found", "the server closed the WebSocket (1001)").
 */
typedef struct mqc_ws_opts {
    uint8_t enable;              /* 1 = WebSocket; default 0 */
    const char *path;            /* request path, '/' then visible ASCII; NULL = "/mqtt";
                                  * copied */
} mqc_ws_opts;

/*
 * Broker lists and redirects (version 4 of mqc_client_opts).
 * With nbrokers > 0 the client connects to brokers[0..nbrokers) instead of
 * host:port (a port of 0 means opts.port). Each connection attempt walks
 * the list like the addresses of one name: a connect error or timeout, a
 * CONNACK timeout, a refusal that may heal (see on_connect_failed), a close
 * or a TLS or WebSocket failure before CONNACK moves on to the next broker
 * at once (and to each of its resolved addresses in turn); only when every
 * broker of the list failed in this attempt does the client back off (the
 * reconnect policy above, unchanged: one attempt is one pass over the
 * list). After a lost connection, the next attempt starts with the broker
 * after the one it was connected to, so a dead node is tried last. Final
 * failures (a refusal that cannot heal, TLS verification, AUTH) stop the
 * client as with one broker. The new broker resumes the session only if
 * its CONNACK says session present (a cluster that shares sessions);
 * otherwise session.lost_policy applies as on any reconnect.
 * mqc_client_broker() names the broker of the current (or last) attempt;
 * on_log says "broker H:P failed (...); trying the next broker H2:P2".
 *
 * follow_redirects (5.0): a CONNACK or DISCONNECT with reason 0x9C (use
 * another server) or 0x9D (server moved) and a Server Reference sends the
 * client to the servers it names (host[:port], several separated by
 * spaces; [v6]:port; no port = the redirecting broker's port), tried
 * first, then the list again. A CONNACK redirect is followed at once,
 * within the attempt; a DISCONNECT redirect after the usual backoff (sent
 * away, counted). A redirect to servers all already visited in this chain
 * of redirects, or one more after MQC_REDIRECT_MAX servers redirected us
 * in a row, stops
 * the client with MQC_ERR_REDIRECT_LOOP (on_stopped) instead of going
 * round; the chain is forgotten once a connection stays up for
 * MQC_RECONNECT_STABLE_MS. Off (the default), a redirect is only reported
 * (mqc_client_server_reference()) and a 0x9C/0x9D CONNACK is a final
 * refusal, as before.
 * TLS checks every broker against tls.server_name, or else the host of the
 * broker being connected to.
 */
#define MQC_REDIRECT_MAX 8

typedef struct mqc_broker {
    const char *host;            /* name or numeric address (copied) */
    uint16_t port;               /* 0 = opts.port */
} mqc_broker;


/*
 * Where the client's own end of the connection is (version 4 of
 * mqc_client_opts). bind_address: bind each outgoing socket to this local
 * name or address first (mosquitto's -A), of the same family as the broker's
 * address being tried; a failed bind fails that address (MQC_ERR_IO, the
 * reason in on_log). unix_path: connect to this AF_UNIX stream socket
 * instead of resolving host:port (host and port are then only used for a
 * WebSocket Host header and TLS names). Both are copied; NULL = off.
 */
typedef struct mqc_local_opts {
    const char *bind_address;
    const char *unix_path;
} mqc_local_opts;

/* 2: tls added; 3: ws added; 4: brokers, nbrokers, follow_redirects and
 * local (bind address, Unix socket) added. Older callers (version 1: the
 * fields up to mem; 2: up to tls; 3: up to brokers) still work, with the
 * defaults for the rest. */
#define MQC_CLIENT_OPTS_VERSION 4

typedef struct mqc_client_opts {
    unsigned version;            /* MQC_CLIENT_OPTS_VERSION */
    mqc_session_opts session;    /* protocol, client id, keep alive, window, ... */
    const char *host;            /* name or numeric address; default "localhost" */
    uint16_t port;               /* default 1883 (set 8883 for TLS yourself) */
    int family;                  /* 0 = any (default), 4 = IPv4 only, 6 = IPv6 only */
    uint32_t connect_timeout_ms; /* TCP connect + handshake + CONNACK, per address; default 10000 */
    uint8_t reconnect;           /* reconnect after a lost connection; default 1 */
    uint8_t retry_first_connect; /* also retry when the very first attempt fails; default 1 */
    uint32_t reconnect_min_ms;   /* first backoff delay (policy above); default 1000 */
    uint32_t reconnect_max_ms;   /* backoff cap (the delay doubles up to it); default 30000 */
    uint32_t max_reconnects;     /* counted failures in a row before giving up; 0 = unlimited */
    size_t read_chunk;           /* bytes per read from the connection; default 65536 */
    const mqc_mem *mem;          /* allocator for client and session; NULL = C library */
    /* Version 2 */
    mqc_tls_opts tls;            /* TLS, off by default (see above); strings are copied */
    /* Version 3 */
    mqc_ws_opts ws;              /* WebSocket, off by default (see above) */
    /* Version 4 (broker lists and redirects, bind address and Unix socket: see above) */
    const mqc_broker *brokers;   /* NULL = host:port alone; the list is copied */
    size_t nbrokers;
    uint8_t follow_redirects;    /* 5.0: follow Server References; default 0 */
    mqc_local_opts local;        /* bind address, Unix socket: off by default (see above) */
} mqc_client_opts;

/* Fills *o with the defaults above (and mqc_session_opts_default() for o->session). */
void mqc_client_opts_default(mqc_client_opts *o);

#define MQC_CLIENT_CALLBACKS_VERSION 1

/* Every callback is optional (NULL = not interested). */
typedef struct mqc_client_callbacks {
    unsigned version;            /* MQC_CLIENT_CALLBACKS_VERSION */
    /* CONNACK accepted. info->session_present; info->session_lost when we
     * asked to resume and the server had nothing (subscriptions are renewed
     * by the session; in-flight messages follow session.lost_policy). */
    void (*on_connected)(mqc_client *c, const mqc_connack_info *info, void *user_data);
    /* A connection attempt failed: err is MQC_ERR_RESOLVE, MQC_ERR_IO,
     * MQC_ERR_CLOSED, MQC_ERR_CONNECT_TIMEOUT, MQC_ERR_TLS,
     * MQC_ERR_TLS_VERIFY (not retried; mqc_client_error_detail() says
     * why for both), or MQC_ERR_CONNACK_REFUSED
     * with info->reason the CONNACK return/reason code (info is NULL for
     * the others). will_retry says whether another attempt is scheduled.
     * Refusals that cannot heal by retrying are not retried: 3.1.1 codes 1
     * (protocol version), 2 (identifier rejected), 4 (bad user name or
     * password), 5 (not authorized); 5.0 reason codes 0x81-0x87, 0x8A,
     * 0x8C, 0x90, 0x95, 0x99-0x9D. Others (3.1.1 code 3, 5.0 0x80, 0x88,
     * 0x89, 0x97, 0x9F) are retried with backoff. With a broker list,
     * once per attempt, for the last broker it tried (on_log tells the
     * others). A redirect loop: err MQC_ERR_REDIRECT_LOOP, info NULL,
     * will_retry 0 (on_connection_lost too, for one by DISCONNECT). */
    void (*on_connect_failed)(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *user_data);
    /* An established connection was lost (err: MQC_ERR_CLOSED, MQC_ERR_IO,
     * MQC_ERR_KEEPALIVE_TIMEOUT, MQC_ERR_SERVER_DISCONNECT, MQC_ERR_MALFORMED_*,
     * ...). will_retry says whether a reconnect is scheduled. */
    void (*on_connection_lost)(mqc_client *c, int err, int will_retry, void *user_data);
    /* An inbound message, delivered once. Return 0 to ack it on return, or
     * MQC_ACK_DEFER to ack later with mqc_client_ack(). */
    int (*on_message)(mqc_client *c, const mqc_publish *msg, void *user_data);
    /* An outbound message reached its final outcome. */
    void (*on_publish_done)(mqc_client *c, const mqc_publish_result *r, void *user_data);
    /* SUBACK / UNSUBACK: one code per filter (3.1.1 UNSUBACK: n = 0). */
    void (*on_suback)(mqc_client *c, uint16_t id, uint64_t token,
                      const uint8_t *codes, size_t n, void *user_data);
    void (*on_unsuback)(mqc_client *c, uint16_t id, uint64_t token,
                        const uint8_t *codes, size_t n, void *user_data);
    /* The server sent DISCONNECT (5.0); on_connection_lost follows. */
    void (*on_server_disconnect)(mqc_client *c, uint8_t reason, const mqc_props *props,
                                 void *user_data);
    /* Every packet sent (outgoing = 1) or received, for tracing. */
    void (*on_trace)(mqc_client *c, int outgoing, const mqc_packet *pkt, void *user_data);
    /* Runtime notes for diagnostics ("connecting to [::1]:1883", ...). */
    void (*on_log)(mqc_client *c, const char *msg, void *user_data);
    /* The client stopped for good: err 0 after mqc_client_disconnect(),
     * else why it gave up (a fatal refusal, max_reconnects reached, or
     * reconnect off). Unfinished messages stay in the session until
     * mqc_client_del(), which cancels them. */
    void (*on_stopped)(mqc_client *c, int err, void *user_data);
    /* 5.0 enhanced authentication, as mqc_callbacks.on_auth: answer with
     * mqc_client_auth(); a non-zero return gives up (MQC_ERR_AUTH): the
     * client then stops (on_stopped) instead of reconnecting. NULL: an AUTH
     * from the server is a protocol error. */
    int (*on_auth)(mqc_client *c, uint8_t reason, const mqc_props *props, void *user_data);
} mqc_client_callbacks;

/*
 * Creates a client (and its session) from *opts (NULL = the defaults of
 * mqc_client_opts_default(): localhost:1883). host, client id, user name,
 * password, will topic and will payload are copied; the mqc_props that
 * session.connect_props and session.will.props point to, and a
 * session.store, must outlive the client. Nothing touches the network
 * until mqc_client_connect().
 * Returns 0, MQC_ERR_INVAL (bad opts or version) or MQC_ERR_NOMEM.
 */
int mqc_client_new(mqc_client **out, const mqc_client_opts *opts,
                   const mqc_client_callbacks *cb, void *user_data);
/* Closes the socket without DISCONNECT, cancels unfinished messages
 * (on_publish_done with MQC_OUTCOME_CANCELLED) and frees. NULL is fine. */
void mqc_client_del(mqc_client *c);

/* Starts the first connection attempt (non-blocking apart from name
 * resolution). Returns 0, or MQC_ERR_STATE if already started. Failures
 * are reported through on_connect_failed. */
int mqc_client_connect(mqc_client *c);

/*
 * Graceful stop, non-blocking: waits (still driven by the loop, still
 * reconnecting if needed) until every queued and in-flight message and
 * pending (un)subscription has completed, or timeout_ms has passed
 * (-1 = no limit, 0 = now), then sends DISCONNECT (5.0 reason 0), closes
 * and enters MQC_CLIENT_STOPPED (on_stopped with 0). Returns 0, or
 * MQC_ERR_STATE when already stopped.
 */
int mqc_client_disconnect(mqc_client *c, int timeout_ms);

/*
 * Queues a message (also while disconnected). topic is NUL-terminated;
 * payload may be NULL when len is 0; props are 5.0 PUBLISH properties or
 * NULL; token comes back in on_publish_done. The message is copied.
 * Returns 0, MQC_ERR_QUEUE_FULL (nothing queued: retry after some
 * on_publish_done), MQC_ERR_INVAL (bad topic, QoS > 2),
 * MQC_ERR_TOO_LARGE, or MQC_ERR_STATE after disconnect/stop.
 */
int mqc_client_publish(mqc_client *c, const char *topic, const void *payload, size_t len,
                       int qos, int retain, const mqc_props *props, uint64_t token);
/* The same with a ready mqc_publish (its dup and id are ignored). */
int mqc_client_publish_msg(mqc_client *c, const mqc_publish *msg, uint64_t token);
/* Subscribes to n filters; on_suback reports the granted codes. *id_out
 * (may be NULL) gets the packet id. Returns 0 or a negative mqc_err as
 * mqc_client_publish(). */
int mqc_client_subscribe(mqc_client *c, const mqc_subscription *subs, size_t n,
                         const mqc_props *props, uint64_t token, uint16_t *id_out);
int mqc_client_unsubscribe(mqc_client *c, const mqc_str *filters, size_t n,
                           const mqc_props *props, uint64_t token, uint16_t *id_out);
/* 5.0 enhanced authentication step or re-authentication: see
 * mqc_session_auth(). */
int mqc_client_auth(mqc_client *c, uint8_t reason, const mqc_props *props);
/* The 5.0 Server Reference the server last sent (CONNACK or DISCONNECT,
 * e.g. with 0x9C use another server / 0x9D server moved), NUL-terminated,
 * or NULL. Valid until the next one or mqc_client_del(). */
const char *mqc_client_server_reference(const mqc_client *c);
/* The broker of the current connection or attempt (the last one once
 * stopped; before mqc_client_connect() the first of the list): its host as
 * given (a broker of the list, host, or a Server Reference followed), and
 * its port in *port (port may be NULL). Valid until the next attempt. */
const char *mqc_client_broker(const mqc_client *c, uint16_t *port);
/* Acks an inbound message kept back with MQC_ACK_DEFER (5.0: reason
 * >= 0x80 refuses it). Returns 0 or a negative mqc_err. */
int mqc_client_ack(mqc_client *c, uint16_t id, uint8_t reason);

/* One loop iteration: poll(2) on the socket for at most timeout_ms
 * (-1 = until something happens), then handles reads, writes and timers.
 * Returns 0, MQC_ERR_STATE when the client is stopped or not started
 * (mqc_client_connect() not called), or MQC_ERR_IO when poll() itself
 * fails (EINTR returns 0). */
int mqc_client_poll(mqc_client *c, int timeout_ms);
/* Loops mqc_client_poll() until the client stops. Returns the error
 * on_stopped reported (0 after a clean mqc_client_disconnect()),
 * MQC_ERR_STATE if not started, or MQC_ERR_IO if poll() fails. */
int mqc_client_run(mqc_client *c);

/* External loop interface. The fd to wait on for reading when
 * mqc_client_want_read() is non-zero (and for writing when
 * mqc_client_want_write() is), or -1 when there is no socket (waiting for a
 * deadline only). want_read is 0 while received input is held back until
 * our acks are written or the application acks (mqc_client_ack): waiting
 * for readability then would spin. */
int mqc_client_fd(const mqc_client *c);
/* A count that changes each time the client opens a new socket (since
 * 0.1.0, MQC_CLIENT_HAS_FD_GENERATION). A closed socket's number is often
 * the next one's too, so a loop that registers the fd (epoll, libev,
 * libuv) compares this, not the number, to know it must register again. */
#define MQC_CLIENT_HAS_FD_GENERATION 1
unsigned mqc_client_fd_generation(const mqc_client *c);
int mqc_client_want_read(const mqc_client *c);
int mqc_client_want_write(const mqc_client *c);
/* The next deadline in mqc_client_now_ms() time, or MQC_TSTAMP_NONE. */
mqc_tstamp mqc_client_next_deadline_ms(const mqc_client *c);
/* Milliseconds from now until that deadline (0 if past), -1 for none:
 * ready to pass to poll(2). */
int mqc_client_timeout_ms(const mqc_client *c);
/* CLOCK_MONOTONIC in milliseconds. */
mqc_tstamp mqc_client_now_ms(void);
/* Call when the fd is readable / writable / the deadline passed (calling
 * them spuriously is harmless). Each returns 0, or MQC_ERR_STATE when the
 * client is stopped. Connection errors are handled inside (callbacks,
 * reconnect), not returned. */
int mqc_client_handle_read(mqc_client *c);
int mqc_client_handle_write(mqc_client *c);
int mqc_client_handle_timeout(mqc_client *c);

/*
 * File store: a log store (see mqc_store_log_open) in directory dir, made
 * if missing: DIR/log, DIR/lock (flock()ed while open: a second process
 * gets MQC_ERR_STORE_LOCKED), DIR/log.damaged (a copy of a log whose tail
 * failed its check; *rec says so). Pass it as session.store (it must
 * outlive the client) with the same client id and a persistent session
 * (clean 0); close it with mqc_store_close() after mqc_client_del().
 * Returns 0, MQC_ERR_STORE (with errno), MQC_ERR_STORE_LOCKED,
 * MQC_ERR_STORE_MISMATCH, MQC_ERR_STORE_CORRUPT, MQC_ERR_NOMEM or
 * MQC_ERR_INVAL.
 */
int mqc_store_file_open(mqc_store *out, const char *dir, const mqc_log_opts *o,
                        mqc_log_recovery *rec);

/*
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) for 5.0 enhanced authentication, the
 * worked example of on_auth (OpenSSL's primitives; client library only).
 * Method MQC_SCRAM_METHOD. Steps:
 *   1. mqc_scram_new(): session.connect_props gets Authentication Method
 *      MQC_SCRAM_METHOD and Authentication Data mqc_scram_first();
 *   2. on_auth(0x18): mqc_scram_final() on the server's data, then
 *      mqc_client_auth(c, 0x18, props with the client-final as data); an
 *      error returns 0x87 from on_auth (the client stops: no retry storm);
 *   3. on_connected: mqc_scram_verify() on the CONNACK's Authentication
 *      Data proves the server knew the password; on failure disconnect.
 * nonce NULL draws 18 random bytes (give one only to test); the user name
 * is escaped as SCRAM wants, the password used as given (no SASLprep). The
 * nonce is one per mqc_scram: make a new one for each connection.
 * Server messages that do not fit (our nonce missing, a bad salt, an
 * iteration count over 1,000,000, "e=", a wrong signature) are
 * MQC_ERR_AUTH. Returned slices stay valid until the next call or del.
 */
#define MQC_SCRAM_METHOD "SCRAM-SHA-256"
typedef struct mqc_scram mqc_scram;
int mqc_scram_new(mqc_scram **out, const char *user, const char *password, const char *nonce);
mqc_bytes mqc_scram_first(const mqc_scram *sc);
int mqc_scram_final(mqc_scram *sc, mqc_bytes server_first, mqc_bytes *client_final);
int mqc_scram_verify(const mqc_scram *sc, mqc_bytes server_final);
void mqc_scram_del(mqc_scram *sc);

/* State and access. */
mqc_client_state mqc_client_get_state(const mqc_client *c);
int mqc_client_is_connected(const mqc_client *c);
/* The last error the client saw (a failed attempt or lost connection), 0 if none. */
int mqc_client_last_error(const mqc_client *c);
/* Words on that error from the transport ("certificate verify failed:
 * certificate has expired"), "" when it has none. Valid until the next
 * attempt; read it in on_connect_failed / on_connection_lost. */
const char *mqc_client_error_detail(const mqc_client *c);
/* 1 if the current or last TLS connection resumed a saved session. */
int mqc_client_tls_resumed(const mqc_client *c);
/* The session, for its state queries (mqc_session_inflight(), ...). */
mqc_session *mqc_client_session(mqc_client *c);
void *mqc_client_user_data(const mqc_client *c);

#ifdef __cplusplus
}
#endif

#endif /* MQC_H */
