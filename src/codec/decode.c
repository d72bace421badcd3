/* mqc_decode: one whole packet in, typed fields out, every malformed rule checked. */
#include <string.h>

#include "codec/wire.h"

static void check_reason(wire_rd *r, unsigned type, int v5, uint8_t rc)
{
    if (!wire_reason_ok(type, v5, rc))
        wire_fail(r, MQC_ERR_MALFORMED_REASON);
}

static uint16_t read_id(wire_rd *r)
{
    uint16_t id = wire_u16(r);

    if (!id)
        wire_fail(r, MQC_ERR_MALFORMED_PACKET_ID);
    return id;
}

static mqc_str read_topic_name(wire_rd *r)
{
    mqc_str t = wire_str(r);

    if (!wire_topic_name_ok(t.ptr, t.len))
        wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
    return t;
}

static void decode_connect(wire_rd *r, mqc_packet *out)
{
    static const uint8_t name[] = {0, 4, 'M', 'Q', 'T', 'T'};
    mqc_connect *c = &out->connect;
    uint8_t level, flags;
    int v5;

    if (wire_left(r) < sizeof name || memcmp(r->p, name, sizeof name)) {
        wire_fail(r, wire_left(r) < sizeof name ? MQC_ERR_MALFORMED_LENGTH : MQC_ERR_MALFORMED_VALUE);
        return;
    }
    r->p += sizeof name;
    level = wire_u8(r);
    flags = wire_u8(r);
    c->keep_alive = wire_u16(r);
    if (r->err)
        return;
    if (!wire_protocol_ok((mqc_protocol)level)) {
        wire_fail(r, MQC_ERR_MALFORMED_VALUE);
        return;
    }
    c->protocol = (mqc_protocol)level;
    v5 = WIRE_V5(c->protocol);
    /* Reserved bit 0; will QoS/retain only with a will; 3.1.1 password needs a username. */
    if ((flags & 0x01) || (!(flags & 0x04) && (flags & 0x38)) ||
        (!v5 && (flags & 0xC0) == 0x40)) {
        wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
        return;
    }
    if (((flags >> 3) & 3) == 3) {
        wire_fail(r, MQC_ERR_MALFORMED_QOS);
        return;
    }
    c->clean = (flags >> 1) & 1;
    if (v5) {
        wire_props_read(r, MQC_CONNECT, &out->props);
        c->props = &out->props;
    }
    c->client_id = wire_str(r);
    if (flags & 0x04) {
        if (v5) {
            wire_props_read(r, WIRE_WILL, &out->will_props);
            c->will.props = &out->will_props;
        }
        out->will_topic = read_topic_name(r);
        if (!r->err && !out->will_topic.len)
            wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
        c->will.topic = out->will_topic.ptr;
        c->will.payload = wire_bin(r);
        c->will.qos = (flags >> 3) & 3;
        c->will.retain = (flags >> 5) & 1;
    }
    if (flags & 0x80) {
        out->username = wire_str(r);
        c->username = out->username.ptr;
    }
    if (flags & 0x40) {
        out->password_store = wire_bin(r);
        c->password = &out->password_store;
    }
}

static void decode_connack(wire_rd *r, int v5, mqc_packet *out)
{
    uint8_t flags = wire_u8(r);

    /* A 2-byte CONNACK under 5.0 comes from a 3.1.1-only server refusing
     * our protocol level: read it with the 3.1.1 return codes. */
    if (v5 && wire_left(r) == 1)
        v5 = 0;
    out->reason = wire_u8(r);
    if (r->err)
        return;
    if (flags & 0xFE)
        wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
    check_reason(r, MQC_CONNACK, v5, out->reason);
    out->session_present = flags & 1;
    /* Session present must be 0 when the connection is refused. */
    if (out->session_present && out->reason)
        wire_fail(r, MQC_ERR_MALFORMED_VALUE);
    if (v5)
        wire_props_read(r, MQC_CONNACK, &out->props);
}

static void decode_publish(wire_rd *r, int v5, mqc_packet *out)
{
    mqc_publish *p = &out->publish;

    p->qos = (out->flags >> 1) & 3;
    p->retain = out->flags & 1;
    p->dup = (out->flags >> 3) & 1;
    p->topic = read_topic_name(r);
    if (p->qos)
        out->id = p->id = read_id(r);
    if (v5) {
        wire_props_read(r, MQC_PUBLISH, &out->props);
        p->props = &out->props;
    }
    if (!r->err && !p->topic.len && !mqc_props_has(&out->props, MQC_PROP_TOPIC_ALIAS))
        wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
    p->payload.ptr = r->p;
    p->payload.len = wire_left(r);
    r->p = r->end;
}

/* Reason code and properties that 5.0 lets a packet leave out. */
static void decode_tail(wire_rd *r, unsigned type, int v5, mqc_packet *out)
{
    if (v5 && wire_left(r)) {
        out->reason = wire_u8(r);
        if (wire_left(r) || type == MQC_AUTH)
            wire_props_read(r, type, &out->props);
    }
    check_reason(r, type, v5, out->reason);
}

/* SUBSCRIBE / UNSUBSCRIBE payload: checked here, walked by mqc_packet_next_*. */
static void decode_entries(wire_rd *r, int v5, mqc_packet *out)
{
    unsigned type = out->type;

    out->id = read_id(r);
    if (v5)
        wire_props_read(r, type, &out->props);
    out->entries.ptr = r->p;
    out->entries.len = wire_left(r);
    if (!r->err && !wire_left(r))
        wire_fail(r, MQC_ERR_MALFORMED_VALUE); /* at least one entry */
    while (!r->err && wire_left(r)) {
        mqc_str f = wire_str(r);

        if (!r->err && !wire_topic_filter_ok(f.ptr, f.len))
            wire_fail(r, MQC_ERR_MALFORMED_TOPIC);
        if (type == MQC_SUBSCRIBE) {
            uint8_t o = wire_u8(r);

            if (r->err)
                break;
            if (o & (v5 ? 0xC0 : 0xFC))
                wire_fail(r, MQC_ERR_MALFORMED_FLAGS);
            else if ((o & 3) == 3)
                wire_fail(r, MQC_ERR_MALFORMED_QOS);
            else if (((o >> 4) & 3) == 3)
                wire_fail(r, MQC_ERR_MALFORMED_VALUE);
        }
    }
}

static void decode_acks(wire_rd *r, int v5, mqc_packet *out)
{
    const uint8_t *p;

    out->id = read_id(r);
    if (out->type == MQC_UNSUBACK && !v5)
        return;
    if (v5)
        wire_props_read(r, out->type, &out->props);
    out->reasons.ptr = r->p;
    out->reasons.len = wire_left(r);
    if (!r->err && !wire_left(r))
        wire_fail(r, MQC_ERR_MALFORMED_VALUE); /* at least one code */
    for (p = r->p; !r->err && p < r->end; p++)
        check_reason(r, out->type, v5, *p);
    r->p = r->end;
}

int mqc_decode(const uint8_t *buf, size_t len, mqc_protocol protocol, mqc_packet *out)
{
    uint8_t first;
    uint32_t rem;
    mqc_ssize h;
    wire_rd r;
    unsigned type, flags;
    int v5 = WIRE_V5(protocol);

    if (!buf || !out || !wire_protocol_ok(protocol))
        return MQC_ERR_INVAL;
    memset(out, 0, sizeof *out);
    h = mqc_decode_fixed_header(buf, len, &first, &rem);
    if (h < 0)
        return (int)h;
    if (len - (size_t)h < rem)
        return MQC_ERR_INCOMPLETE;
    if (len - (size_t)h > rem)
        return MQC_ERR_MALFORMED_LENGTH;
    type = first >> 4;
    flags = first & 15;
    out->type = (uint8_t)type;
    out->flags = (uint8_t)flags;
    if (type == 0 || (type == MQC_AUTH && !v5))
        return MQC_ERR_MALFORMED_TYPE;
    if (type == MQC_PUBLISH) {
        if ((flags & 6) == 6 || (!(flags & 6) && (flags & 8)))
            return MQC_ERR_MALFORMED_QOS;
    } else if (flags != ((type == MQC_PUBREL || type == MQC_SUBSCRIBE ||
                          type == MQC_UNSUBSCRIBE) ? 2u : 0u)) {
        return MQC_ERR_MALFORMED_FLAGS;
    }
    r.p = buf + h;
    r.end = buf + len;
    r.err = 0;
    switch (type) {
    case MQC_CONNECT: decode_connect(&r, out); break;
    case MQC_CONNACK: decode_connack(&r, v5, out); break;
    case MQC_PUBLISH: decode_publish(&r, v5, out); break;
    case MQC_PUBACK:
    case MQC_PUBREC:
    case MQC_PUBREL:
    case MQC_PUBCOMP:
        out->id = read_id(&r);
        /* fall through */
    case MQC_DISCONNECT:
    case MQC_AUTH:
        decode_tail(&r, type, v5, out);
        break;
    case MQC_SUBSCRIBE:
    case MQC_UNSUBSCRIBE: decode_entries(&r, v5, out); break;
    case MQC_SUBACK:
    case MQC_UNSUBACK: decode_acks(&r, v5, out); break;
    default: break; /* PINGREQ, PINGRESP: empty */
    }
    if (!r.err && r.p != r.end)
        r.err = MQC_ERR_MALFORMED_LENGTH;
    return r.err;
}

int mqc_packet_next_subscription(const mqc_packet *pkt, mqc_protocol protocol,
                                 size_t *iter, mqc_subscription *out)
{
    wire_rd r;
    uint8_t o;

    (void)protocol;
    if (!pkt || !iter || !out || pkt->type != MQC_SUBSCRIBE || *iter >= pkt->entries.len)
        return 0;
    r.p = pkt->entries.ptr + *iter;
    r.end = pkt->entries.ptr + pkt->entries.len;
    r.err = 0;
    out->filter = wire_str(&r);
    o = wire_u8(&r);
    if (r.err)
        return 0;
    if (!WIRE_V5(protocol))
        o &= 3;
    out->qos = o & 3;
    out->no_local = (o >> 2) & 1;
    out->retain_as_published = (o >> 3) & 1;
    out->retain_handling = (o >> 4) & 3;
    *iter = (size_t)(r.p - pkt->entries.ptr);
    return 1;
}

int mqc_packet_next_filter(const mqc_packet *pkt, size_t *iter, mqc_str *out)
{
    wire_rd r;

    if (!pkt || !iter || !out || pkt->type != MQC_UNSUBSCRIBE || *iter >= pkt->entries.len)
        return 0;
    r.p = pkt->entries.ptr + *iter;
    r.end = pkt->entries.ptr + pkt->entries.len;
    r.err = 0;
    *out = wire_str(&r);
    if (r.err)
        return 0;
    *iter = (size_t)(r.p - pkt->entries.ptr);
    return 1;
}
