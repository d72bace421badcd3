/* MQTT 5 properties (5.0 §2.2.2): one table drives reading, checking and writing. */
#include <stddef.h>
#include <string.h>

#include "codec/wire.h"

#if MQC_ENABLE_V5

enum { K_BYTE, K_U16, K_U32, K_VARINT, K_STR, K_BIN, K_PAIR };
#define K_MASK 0x0F
#define F_BOOL 0x10    /* value 0 or 1 */
#define F_NONZERO 0x20 /* value 0 is forbidden */

/* Allowed-set bits: packet type, WIRE_WILL for will properties. */
#define B(t) (1u << (t))
#define WILL B(WIRE_WILL)
#define PUB_LIKE (B(MQC_PUBLISH) | WILL)
#define ACKS (B(MQC_PUBACK) | B(MQC_PUBREC) | B(MQC_PUBREL) | B(MQC_PUBCOMP))
#define REASON_PKTS (B(MQC_CONNACK) | ACKS | B(MQC_SUBACK) | B(MQC_UNSUBACK) | \
                     B(MQC_DISCONNECT) | B(MQC_AUTH))
#define USER_PKTS (REASON_PKTS | B(MQC_CONNECT) | PUB_LIKE | B(MQC_SUBSCRIBE) | B(MQC_UNSUBSCRIBE))
#define CC (B(MQC_CONNECT) | B(MQC_CONNACK))

typedef struct prop_def {
    uint8_t id;
    uint8_t kind;
    uint8_t off;
    uint8_t allowed[2]; /* bytes, not a uint16_t: no padding in the table */
} prop_def;

#define P(id, kind, field, allowed) \
    {id, kind, (uint8_t)offsetof(mqc_props, field), {(uint8_t)(allowed), (uint8_t)((allowed) >> 8)}}

/* Out of line: 12 bytes less than inlined. */
static MQC_NOINLINE int prop_allowed(const prop_def *d, unsigned ptype)
{
    return (d->allowed[ptype >> 3] >> (ptype & 7)) & 1;
}

/* 5.0 §2.2.2.2, in identifier order (the order properties are written in). */
static const prop_def defs[] = {
    P(MQC_PROP_PAYLOAD_FORMAT, K_BYTE | F_BOOL, payload_format, PUB_LIKE),
    P(MQC_PROP_MESSAGE_EXPIRY, K_U32, message_expiry, PUB_LIKE),
    P(MQC_PROP_CONTENT_TYPE, K_STR, content_type, PUB_LIKE),
    P(MQC_PROP_RESPONSE_TOPIC, K_STR, response_topic, PUB_LIKE),
    P(MQC_PROP_CORRELATION_DATA, K_BIN, correlation_data, PUB_LIKE),
    P(MQC_PROP_SUBSCRIPTION_ID, K_VARINT | F_NONZERO, subscription_ids,
      B(MQC_PUBLISH) | B(MQC_SUBSCRIBE)),
    P(MQC_PROP_SESSION_EXPIRY, K_U32, session_expiry, CC | B(MQC_DISCONNECT)),
    P(MQC_PROP_ASSIGNED_CLIENT_ID, K_STR, assigned_client_id, B(MQC_CONNACK)),
    P(MQC_PROP_SERVER_KEEP_ALIVE, K_U16, server_keep_alive, B(MQC_CONNACK)),
    P(MQC_PROP_AUTH_METHOD, K_STR, auth_method, CC | B(MQC_AUTH)),
    P(MQC_PROP_AUTH_DATA, K_BIN, auth_data, CC | B(MQC_AUTH)),
    P(MQC_PROP_REQUEST_PROBLEM_INFO, K_BYTE | F_BOOL, request_problem_info, B(MQC_CONNECT)),
    P(MQC_PROP_WILL_DELAY, K_U32, will_delay, WILL),
    P(MQC_PROP_REQUEST_RESPONSE_INFO, K_BYTE | F_BOOL, request_response_info, B(MQC_CONNECT)),
    P(MQC_PROP_RESPONSE_INFO, K_STR, response_info, B(MQC_CONNACK)),
    P(MQC_PROP_SERVER_REFERENCE, K_STR, server_reference, B(MQC_CONNACK) | B(MQC_DISCONNECT)),
    P(MQC_PROP_REASON_STRING, K_STR, reason_string, REASON_PKTS),
    P(MQC_PROP_RECEIVE_MAX, K_U16 | F_NONZERO, receive_max, CC),
    P(MQC_PROP_TOPIC_ALIAS_MAX, K_U16, topic_alias_max, CC),
    /* 0 is refused by the PUBLISH codec: a receiver answers it with 0x94. */
    P(MQC_PROP_TOPIC_ALIAS, K_U16, topic_alias, B(MQC_PUBLISH)),
    P(MQC_PROP_MAX_QOS, K_BYTE | F_BOOL, max_qos, B(MQC_CONNACK)),
    P(MQC_PROP_RETAIN_AVAILABLE, K_BYTE | F_BOOL, retain_available, B(MQC_CONNACK)),
    P(MQC_PROP_USER, K_PAIR, user, USER_PKTS),
    P(MQC_PROP_MAX_PACKET_SIZE, K_U32 | F_NONZERO, max_packet_size, CC),
    P(MQC_PROP_WILDCARD_SUB_AVAILABLE, K_BYTE | F_BOOL, wildcard_sub_available, B(MQC_CONNACK)),
    P(MQC_PROP_SUB_ID_AVAILABLE, K_BYTE | F_BOOL, sub_id_available, B(MQC_CONNACK)),
    P(MQC_PROP_SHARED_SUB_AVAILABLE, K_BYTE | F_BOOL, shared_sub_available, B(MQC_CONNACK)),
};

#define NDEFS (sizeof defs / sizeof defs[0])

/* The table stores field offsets in one byte. */
typedef char offsets_fit_in_a_byte[offsetof(mqc_props, user) < 256 ? 1 : -1];

/* Out of line: both readers share it (26 bytes less than inlined twice). */
static MQC_NOINLINE const prop_def *prop_find(uint32_t id)
{
    size_t i;

    for (i = 0; i < NDEFS; i++)
        if (defs[i].id == id)
            return &defs[i];
    return NULL;
}

/* By 32-bit halves: a 64-bit shift by a variable is long on the target. */
static size_t has(const mqc_props *p, unsigned id)
{
    uint32_t half = (uint32_t)(id < 32 ? p->present : p->present >> 32);

    return (half >> (id & 31)) & 1u;
}

static int value_ok(uint8_t kind, uint32_t v)
{
    return !((kind & F_BOOL) && v > 1) && !((kind & F_NONZERO) && v == 0);
}

/* Integer fields are 1, 2 or 4 bytes wide: 1 << kind. Out of line: 16
 * bytes less than inlined. */
static MQC_NOINLINE uint32_t prop_load(const uint8_t *f, unsigned k)
{
    return k == K_BYTE ? *f : k == K_U16 ? *(const uint16_t *)f : *(const uint32_t *)f;
}

/* Reads one property value of kind k into field f (NULL: skip it). */
static void read_value(mqc_wire_rd *r, uint8_t kind, uint8_t *f)
{
    unsigned k = kind & K_MASK;
    uint32_t v;

    if (k == K_PAIR) {
        mqc_str s;

        mqc_wire_str(r, &s);
        mqc_wire_str(r, &s);
    } else if (k >= K_STR) {
        mqc_bytes b;

        mqc_wire_bin(r, &b);

        if (k == K_STR && !mqc_utf8_valid((const char *)b.ptr, b.len))
            mqc_wire_fail(r, MQC_ERR_MALFORMED_UTF8);
        if (f)
            memcpy(f, &b, sizeof b); /* mqc_str and mqc_bytes share a layout */
    } else {
        v = k == K_VARINT ? mqc_wire_varint(r) : mqc_wire_be(r, 1u << k);
        if (!value_ok(kind, v))
            mqc_wire_fail(r, MQC_ERR_MALFORMED_VALUE);
        if (f) {
            if (k == K_BYTE)
                *f = (uint8_t)v;
            else if (k == K_U16)
                *(uint16_t *)f = (uint16_t)v;
            else
                *(uint32_t *)f = v;
        }
    }
}

void mqc_wire_props_read(mqc_wire_rd *r, unsigned ptype, mqc_props *out)
{
    uint32_t len = mqc_wire_varint(r);
    mqc_wire_rd in;

    if (r->err)
        return;
    if (mqc_wire_left(r) < len) {
        mqc_wire_fail(r, MQC_ERR_MALFORMED_LENGTH);
        return;
    }
    in.p = r->p;
    in.end = r->p + len;
    in.err = 0;
    r->p += len;
    out->raw.ptr = in.p;
    out->raw.len = len;
    while (!in.err && in.p < in.end) {
        uint32_t id = mqc_wire_varint(&in);
        const prop_def *d = prop_find(id);
        uint64_t bit;
        uint8_t *f;

        /* An unreadable id keeps its own error: mqc_wire_fail keeps the first. */
        if (!d || !prop_allowed(d, ptype)) {
            mqc_wire_fail(&in, MQC_ERR_MALFORMED_PROPERTY);
            break;
        }
        bit = 1ull << id; /* id < 64: it is in the table */
        f = (uint8_t *)out + d->off;
        if (id == MQC_PROP_USER) {
            f = NULL;
            out->user_count++;
        } else if ((out->present & bit) &&
                   !(id == MQC_PROP_SUBSCRIPTION_ID && ptype == MQC_PUBLISH)) {
            mqc_wire_fail(&in, MQC_ERR_DUPLICATE_PROPERTY);
            break;
        } else if (id == MQC_PROP_SUBSCRIPTION_ID) {
            /* Beyond MQC_MAX_SUB_IDS the identifiers are checked but not kept. */
            f = out->subscription_id_count < MQC_MAX_SUB_IDS
                    ? (uint8_t *)&out->subscription_ids[out->subscription_id_count++] : NULL;
        }
        out->present |= bit;
        read_value(&in, d->kind, f);
    }
    if (in.err)
        mqc_wire_fail(r, in.err);
}

int mqc_props_user_next(const mqc_props *props, size_t *iter, mqc_user_prop *out)
{
    mqc_wire_rd r;

    if (!props || !iter || !out || !props->raw.ptr || *iter > props->raw.len)
        return 0;
    r.p = props->raw.ptr + *iter;
    r.end = props->raw.ptr + props->raw.len;
    r.err = 0;
    while (!r.err && r.p < r.end) {
        const prop_def *d = prop_find(mqc_wire_varint(&r));

        if (!d)
            return 0;
        if (d->id == MQC_PROP_USER) {
            mqc_wire_str(&r, &out->key);
            mqc_wire_str(&r, &out->value);
            if (r.err)
                return 0;
            *iter = (size_t)(r.p - props->raw.ptr);
            return 1;
        }
        read_value(&r, d->kind, NULL);
    }
    return 0;
}

int mqc_wire_props_empty(const mqc_props *p)
{
    return !p || (!p->present && !p->user_count);
}

static void write_block(mqc_wire_wr *w, unsigned ptype, const mqc_props *p)
{
    mqc_user_prop up = {{NULL, 0}, {NULL, 0}};
    size_t i, j, it = 0;

    for (i = 0; i < NDEFS; i++) {
        const prop_def *d = &defs[i];
        const uint8_t *f = (const uint8_t *)p + d->off;
        size_t n = has(p, d->id);
        uint32_t v;

        if (d->id == MQC_PROP_USER)
            n = p->user_count;
        else if (d->id == MQC_PROP_SUBSCRIPTION_ID && n)
            n = p->subscription_id_count;
        if (!n)
            continue;
        /* Not allowed here, or more Subscription Identifiers than fit. */
        if (!prop_allowed(d, ptype) ||
            (d->id == MQC_PROP_SUBSCRIPTION_ID &&
             n > (ptype == MQC_PUBLISH ? MQC_MAX_SUB_IDS : 1))) {
            w->err = MQC_ERR_INVAL;
            return;
        }
        for (j = 0; j < n; j++) {
            unsigned k = d->kind & K_MASK;

            mqc_wire_put_u8(w, d->id);
            if (k == K_PAIR) {
                const mqc_user_prop *u = &up;

                /* Decoded properties have no array: read from the raw block. */
                if (p->user)
                    u = &p->user[j];
                else if (!mqc_props_user_next(p, &it, &up))
                    w->err = MQC_ERR_INVAL;
                mqc_wire_put_str(w, u->key.ptr, u->key.len);
                mqc_wire_put_str(w, u->value.ptr, u->value.len);
            } else if (k >= K_STR) {
                mqc_bytes b;

                memcpy(&b, f, sizeof b);
                if (k == K_BIN)
                    mqc_wire_put_bin(w, b.ptr, b.len);
                else
                    mqc_wire_put_str(w, (const char *)b.ptr, b.len);
            } else {
                /* n > 1 only for Subscription Identifiers, 4 bytes apart. */
                v = prop_load(f + 4 * j, k);
                if (!value_ok(d->kind, v) || v > (k == K_VARINT ? WIRE_MAX_REMAINING : 0xFFFFFFFFu))
                    w->err = MQC_ERR_INVAL;
                if (k == K_VARINT)
                    mqc_wire_put_varint(w, v);
                else
                    mqc_wire_put_be(w, v, 1u << k);
            }
        }
    }
}

#define BIT(id) (1ull << MQC_PROP_##id)
/* Identifiers the table knows: any other presence bit is a caller error. */
#define KNOWN_IDS (BIT(PAYLOAD_FORMAT) | BIT(MESSAGE_EXPIRY) | BIT(CONTENT_TYPE) | \
    BIT(RESPONSE_TOPIC) | BIT(CORRELATION_DATA) | BIT(SUBSCRIPTION_ID) | BIT(SESSION_EXPIRY) | \
    BIT(ASSIGNED_CLIENT_ID) | BIT(SERVER_KEEP_ALIVE) | BIT(AUTH_METHOD) | BIT(AUTH_DATA) | \
    BIT(REQUEST_PROBLEM_INFO) | BIT(WILL_DELAY) | BIT(REQUEST_RESPONSE_INFO) | \
    BIT(RESPONSE_INFO) | BIT(SERVER_REFERENCE) | BIT(REASON_STRING) | BIT(RECEIVE_MAX) | \
    BIT(TOPIC_ALIAS_MAX) | BIT(TOPIC_ALIAS) | BIT(MAX_QOS) | BIT(RETAIN_AVAILABLE) | BIT(USER) | \
    BIT(MAX_PACKET_SIZE) | BIT(WILDCARD_SUB_AVAILABLE) | BIT(SUB_ID_AVAILABLE) | \
    BIT(SHARED_SUB_AVAILABLE))

void mqc_wire_props_write(mqc_wire_wr *w, unsigned ptype, const mqc_props *p)
{
    mqc_wire_wr sz = {NULL, 0, 0};

    if (!p) {
        mqc_wire_put_u8(w, 0);
        return;
    }
    if (p->present & ~KNOWN_IDS) {
        w->err = MQC_ERR_INVAL;
        return;
    }
    write_block(&sz, ptype, p);
    if (sz.err || sz.n > WIRE_MAX_REMAINING) {
        w->err = sz.err ? sz.err : MQC_ERR_TOO_LARGE;
        return;
    }
    mqc_wire_put_varint(w, (uint32_t)sz.n);
    write_block(w, ptype, p);
}

#else

int mqc_props_user_next(const mqc_props *props, size_t *iter, mqc_user_prop *out)
{
    (void)props; (void)iter; (void)out;
    return 0;
}

#endif
