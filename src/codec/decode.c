/* mqc_decode: one whole packet in, typed fields out, every malformed rule checked. */
#include <string.h>

#include "codec/wire.h"

/* What follows the fixed header, per packet type (CONNECT, CONNACK and
 * PUBLISH have their own readers). */
enum {
    L_ID = 1,       /* packet identifier, never 0 */
    L_PROPS = 2,    /* 5.0 properties */
    L_TAIL = 4,     /* 5.0 reason code and properties, both optional */
    L_CODES = 8,    /* one reason code per filter, at least one */
    L_FILTERS = 16, /* topic filters, at least one */
    L_OPTIONS = 32, /* a subscription options byte after each filter */
    L_FLAGS2 = 64   /* fixed header flags must be 0010 */
};

static const uint8_t layout[16] = {
    0, 0, 0, 0,
    L_ID | L_TAIL,                                  /* PUBACK */
    L_ID | L_TAIL,                                  /* PUBREC */
    L_ID | L_TAIL | L_FLAGS2,                       /* PUBREL */
    L_ID | L_TAIL,                                  /* PUBCOMP */
    L_ID | L_PROPS | L_FILTERS | L_OPTIONS | L_FLAGS2, /* SUBSCRIBE */
    L_ID | L_PROPS | L_CODES,                       /* SUBACK */
    L_ID | L_PROPS | L_FILTERS | L_FLAGS2,          /* UNSUBSCRIBE */
    L_ID | L_PROPS | L_CODES,                       /* UNSUBACK (codes: 5.0 only) */
    0, 0,                                           /* PINGREQ, PINGRESP */
    L_TAIL,                                         /* DISCONNECT */
    L_TAIL                                          /* AUTH */
};

static void check_reason(mqc_wire_rd *r, unsigned type, int v5, uint8_t rc)
{
    if (!mqc_wire_reason_ok(type, v5, rc))
        mqc_wire_fail(r, MQC_ERR_MALFORMED_REASON);
}

static mqc_str read_topic_name(mqc_wire_rd *r)
{
    mqc_str t;

    mqc_wire_str(r, &t);

    if (!mqc_wire_topic_name_ok(t.ptr, t.len))
        mqc_wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
    return t;
}

#if MQC_CODEC_SERVER
static void decode_connect(mqc_wire_rd *r, mqc_packet *out)
{
    mqc_connect *c = &out->connect;
    mqc_str name;
    uint8_t level, flags;
    int v5;

    mqc_wire_str(r, &name);
    level = mqc_wire_u8(r);
    flags = mqc_wire_u8(r);
    c->keep_alive = mqc_wire_u16(r);
    if (r->err)
        return;
    /* "MQIsdp" goes with level 3 (MQTT 3.1), "MQTT" with 4 and 5. */
    if (!mqc_wire_protocol_ok((mqc_protocol)level) ||
        name.len != (level == MQC_V31 ? 6u : 4u) ||
        memcmp(name.ptr, level == MQC_V31 ? "MQIsdp" : "MQTT", name.len)) {
        mqc_wire_fail(r, MQC_ERR_MALFORMED_VALUE);
        return;
    }
    c->protocol = (mqc_protocol)level;
    v5 = WIRE_V5(c->protocol);
    /* Reserved bit 0; will QoS/retain only with a will; 3.1.1 password needs a username. */
    if ((flags & 0x01) || (!(flags & 0x04) && (flags & 0x38)) ||
        (!v5 && (flags & 0xC0) == 0x40))
        mqc_wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
    if (((flags >> 3) & 3) == 3)
        mqc_wire_fail(r, MQC_ERR_MALFORMED_QOS);
    c->clean = (flags >> 1) & 1;
    if (v5) {
        mqc_wire_props_read(r, MQC_CONNECT, &out->props);
        c->props = &out->props;
    }
    mqc_wire_str(r, &c->client_id);
    if (flags & 0x04) {
        if (v5) {
            mqc_wire_props_read(r, WIRE_WILL, &out->will_props);
            c->will.props = &out->will_props;
        }
        out->will_topic = read_topic_name(r);
        if (!r->err && !out->will_topic.len)
            mqc_wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
        c->will.topic = out->will_topic.ptr;
        mqc_wire_bin(r, &c->will.payload);
        c->will.qos = (flags >> 3) & 3;
        c->will.retain = (flags >> 5) & 1;
    }
    if (flags & 0x80) {
        mqc_wire_str(r, &out->username);
        c->username = out->username.ptr;
    }
    if (flags & 0x40) {
        mqc_wire_bin(r, &out->password_store);
        c->password = &out->password_store;
    }
}
#endif

static void decode_connack(mqc_wire_rd *r, int v5, mqc_packet *out)
{
    uint8_t flags = mqc_wire_u8(r);

    /* A 2-byte CONNACK under 5.0 comes from a 3.1.1-only server refusing
     * our protocol level: read it with the 3.1.1 return codes. */
    if (mqc_wire_left(r) == 1 && v5 > 0)
        v5 = 0;
    out->reason = mqc_wire_u8(r);
    /* 3.1: the first byte is reserved and unused, there is no session present. */
    if (v5 < 0)
        flags = 0;
    if (flags & 0xFE)
        mqc_wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
    check_reason(r, MQC_CONNACK, v5, out->reason);
    out->session_present = flags & 1;
    /* Session present must be 0 when the connection is refused. */
    if (out->session_present && out->reason)
        mqc_wire_fail(r, MQC_ERR_MALFORMED_VALUE);
    if (v5 > 0)
        mqc_wire_props_read(r, MQC_CONNACK, &out->props);
}

static void decode_publish(mqc_wire_rd *r, int v5, mqc_packet *out)
{
    mqc_publish *p = &out->publish;

    p->qos = (out->flags >> 1) & 3;
    p->retain = out->flags & 1;
    p->dup = (out->flags >> 3) & 1;
    p->topic = read_topic_name(r);
    if (p->qos)
        out->id = p->id = mqc_wire_u16(r);
    if (p->qos && !p->id)
        mqc_wire_fail(r, MQC_ERR_MALFORMED_PACKET_ID);
    if (v5 > 0) {
        mqc_wire_props_read(r, MQC_PUBLISH, &out->props);
        p->props = &out->props;
    }
    if (!mqc_props_has(&out->props, MQC_PROP_TOPIC_ALIAS)) {
        if (!p->topic.len)
            mqc_wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
    } else if (!out->props.topic_alias) {
        mqc_wire_fail(r, MQC_ERR_TOPIC_ALIAS); /* [MQTT-3.3.2-8] */
    }
    p->payload.ptr = r->p;
    p->payload.len = mqc_wire_left(r);
    r->p = r->end;
}

/* The packets of the layout table. */
static void decode_common(mqc_wire_rd *r, int v5, mqc_packet *out)
{
    unsigned type = out->type;
    unsigned l = layout[type];

    if (l & L_ID) {
        out->id = mqc_wire_u16(r);
        if (!out->id)
            mqc_wire_fail(r, MQC_ERR_MALFORMED_PACKET_ID);
    }
    if (v5 > 0 && (l & L_PROPS))
        mqc_wire_props_read(r, type, &out->props);
    if (l & L_TAIL) {
        if (v5 > 0 && mqc_wire_left(r)) {
            out->reason = mqc_wire_u8(r);
            if (mqc_wire_left(r) || type == MQC_AUTH)
                mqc_wire_props_read(r, type, &out->props);
        }
        check_reason(r, type, v5, out->reason);
    }
    if (v5 <= 0 && type == MQC_UNSUBACK)
        l = 0; /* 3.1.1 UNSUBACK has no codes */
    if (l & (L_CODES | L_FILTERS)) {
        mqc_bytes *list = (l & L_CODES) ? &out->reasons : &out->entries;

        list->ptr = r->p;
        list->len = mqc_wire_left(r);
        if (!list->len)
            mqc_wire_fail(r, MQC_ERR_MALFORMED_VALUE); /* at least one entry */
    }
    if (l & L_CODES) {
        size_t i;

        for (i = 0; i < out->reasons.len; i++)
            check_reason(r, type, v5, out->reasons.ptr[i]);
        r->p = r->end;
    }
#if MQC_CODEC_SERVER
    while ((l & L_FILTERS) && !r->err && mqc_wire_left(r)) {
        mqc_str f;

        mqc_wire_str(r, &f);

        if (!mqc_wire_topic_filter_ok(f.ptr, f.len))
            mqc_wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
        if (l & L_OPTIONS) {
            uint8_t o = mqc_wire_u8(r);

            if (o & (v5 > 0 ? 0xC0 : 0xFC))
                mqc_wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
            if ((o & 3) == 3)
                mqc_wire_fail(r, MQC_ERR_MALFORMED_QOS);
            if (((o >> 4) & 3) == 3)
                mqc_wire_fail(r, MQC_ERR_MALFORMED_VALUE);
        }
    }
#endif
}

/* Zeroes the fields the type uses (mqc.h says which), not the whole packet:
 * its 744 bytes cost more to clear than a PUBACK costs to decode. */
static void clear_fields(mqc_packet *out, unsigned type)
{
    if (type == MQC_CONNECT) {
        memset(out, 0, sizeof *out);
        return;
    }
    if (type == MQC_PUBLISH)
        memset(&out->publish, 0, sizeof out->publish);
    memset(&out->reasons, 0, sizeof out->reasons);
    memset(&out->entries, 0, sizeof out->entries);
    memset(&out->props, 0, sizeof out->props);
}

int mqc_decode(const uint8_t *buf, size_t len, mqc_protocol protocol, mqc_packet *out)
{
    uint8_t first;
    uint32_t rem;
    mqc_ssize h;
    mqc_wire_rd r;
    unsigned type, flags;
    int v5 = WIRE_RC_MODE(protocol); /* 1: 5.0, 0: 3.1.1, -1: 3.1 */

    if (!buf || !out || !mqc_wire_protocol_ok(protocol))
        return MQC_ERR_INVAL;
    out->type = out->flags = 0;
    out->id = 0;
    out->reason = out->session_present = 0;
    h = mqc_decode_fixed_header(buf, len, &first, &rem);
    if (h < 0)
        return (int)h;
    if (len - (size_t)h < rem)
        return MQC_ERR_INCOMPLETE;
    if (len - (size_t)h > rem)
        return MQC_ERR_MALFORMED_LENGTH;
    type = first >> 4;
    flags = first & 15;
    clear_fields(out, type);
    out->type = (uint8_t)type;
    out->flags = (uint8_t)flags;
    /* Type 0 is reserved; AUTH is 5.0 only; a client-only build reads no
     * packet that only a server receives. */
    if (type == 0 || (type == MQC_AUTH && v5 <= 0) ||
        (!MQC_CODEC_SERVER && (layout[type] & L_FILTERS || type == MQC_CONNECT)))
        return MQC_ERR_MALFORMED_TYPE;
    if (type == MQC_PUBLISH) {
        if ((flags & 6) == 6 || (!(flags & 6) && (flags & 8)))
            return MQC_ERR_MALFORMED_QOS;
    } else if (flags != ((layout[type] & L_FLAGS2) ? 2u : 0u)) {
        return MQC_ERR_MALFORMED_FLAGS;
    }
    r.p = buf + h;
    r.end = buf + len;
    r.err = 0;
    if (type == MQC_PUBLISH)
        decode_publish(&r, v5, out);
    else if (type == MQC_CONNACK)
        decode_connack(&r, v5, out);
#if MQC_CODEC_SERVER
    else if (type == MQC_CONNECT)
        decode_connect(&r, out);
#endif
    else
        decode_common(&r, v5, out);
    if (!r.err && r.p != r.end)
        r.err = MQC_ERR_MALFORMED_LENGTH;
    return r.err;
}

#if MQC_CODEC_SERVER
/* Walks the entries of a decoded SUBSCRIBE or UNSUBSCRIBE (already checked). */
static int next_entry(const mqc_packet *pkt, unsigned type, size_t *iter, mqc_str *filter,
                      uint8_t *opts)
{
    mqc_wire_rd r;

    if (!pkt || !iter || !filter || pkt->type != type || *iter >= pkt->entries.len)
        return 0;
    r.p = pkt->entries.ptr + *iter;
    r.end = pkt->entries.ptr + pkt->entries.len;
    r.err = 0;
    mqc_wire_str(&r, filter);
    if (opts)
        *opts = mqc_wire_u8(&r);
    *iter = (size_t)(r.p - pkt->entries.ptr);
    return !r.err;
}

int mqc_packet_next_subscription(const mqc_packet *pkt, mqc_protocol protocol,
                                 size_t *iter, mqc_subscription *out)
{
    uint8_t o = 0;

    (void)protocol;
    if (!out || !next_entry(pkt, MQC_SUBSCRIBE, iter, &out->filter, &o))
        return 0;
    if (!WIRE_V5(protocol))
        o &= 3;
    out->qos = o & 3;
    out->no_local = (o >> 2) & 1;
    out->retain_as_published = (o >> 3) & 1;
    out->retain_handling = (o >> 4) & 3;
    return 1;
}

int mqc_packet_next_filter(const mqc_packet *pkt, size_t *iter, mqc_str *out)
{
    return next_entry(pkt, MQC_UNSUBSCRIBE, iter, out, NULL);
}
#else
int mqc_packet_next_subscription(const mqc_packet *pkt, mqc_protocol protocol,
                                 size_t *iter, mqc_subscription *out)
{
    (void)pkt; (void)protocol; (void)iter; (void)out;
    return 0;
}

int mqc_packet_next_filter(const mqc_packet *pkt, size_t *iter, mqc_str *out)
{
    (void)pkt; (void)iter; (void)out;
    return 0;
}
#endif
