/* Encoders: each packet is a body function run twice by mqc_wire_encode (size, write). */
#include <string.h>

#include "codec/codec.h"
#include "codec/wire.h"

static size_t cstrlen(const char *s)
{
    return s ? strlen(s) : 0;
}

static int topic_ok(const char *s, size_t n)
{
    return n && mqc_wire_topic_name_ok(s, n);
}

static void connect_body(mqc_wire_wr *w, const void *arg)
{
    const mqc_connect *c = arg;
    int v31 = c->protocol == MQC_V31;
    const mqc_will *will = &c->will;
    int v5 = WIRE_V5(c->protocol);
    uint8_t flags = c->clean ? 0x02 : 0;

    if (will->topic)
        flags |= (uint8_t)(0x04 | will->qos << 3 | (will->retain ? 0x20 : 0));
    if (c->username)
        flags |= 0x80;
    if (c->password)
        flags |= 0x40;
    mqc_wire_put_str(w, v31 ? "MQIsdp" : "MQTT", v31 ? 6 : 4);
    mqc_wire_put_u8(w, (uint8_t)c->protocol);
    mqc_wire_put_u8(w, flags);
    mqc_wire_put_u16(w, c->keep_alive);
    if (v5)
        mqc_wire_props_write(w, MQC_CONNECT, c->props);
    mqc_wire_put_str(w, c->client_id.ptr, c->client_id.len);
    if (will->topic) {
        if (v5)
            mqc_wire_props_write(w, WIRE_WILL, will->props);
        mqc_wire_put_str(w, will->topic, cstrlen(will->topic));
        mqc_wire_put_bin(w, will->payload.ptr, will->payload.len);
    }
    if (c->username)
        mqc_wire_put_str(w, c->username, cstrlen(c->username));
    if (c->password)
        mqc_wire_put_bin(w, c->password->ptr, c->password->len);
}

mqc_ssize mqc_encode_connect(uint8_t *buf, size_t cap, const mqc_connect *c)
{
    if (!c || !mqc_wire_protocol_ok(c->protocol) ||
        (c->will.topic && (c->will.qos > 2 || !topic_ok(c->will.topic, cstrlen(c->will.topic)))) ||
        (!WIRE_V5(c->protocol) && c->password && !c->username) ||
        /* 3.1: the client identifier is 1 to 23 bytes */
        (c->protocol == MQC_V31 && (!c->client_id.len || c->client_id.len > 23)))
        return MQC_ERR_INVAL;
    return mqc_wire_encode(buf, cap, MQC_CONNECT << 4, connect_body, c);
}

typedef struct publish_args {
    const mqc_publish *p;
    int v5;
} publish_args;

static void publish_body(mqc_wire_wr *w, const void *arg)
{
    const publish_args *a = arg;

    mqc_wire_put_str(w, a->p->topic.ptr, a->p->topic.len);
    if (a->p->qos)
        mqc_wire_put_u16(w, a->p->id);
    if (a->v5)
        mqc_wire_props_write(w, MQC_PUBLISH, a->p->props);
    mqc_wire_put(w, a->p->payload.ptr, a->p->payload.len);
}

mqc_ssize mqc_encode_publish(uint8_t *buf, size_t cap, mqc_protocol protocol,
                             const mqc_publish *p)
{
    publish_args a;
    int alias;

    if (!p || !mqc_wire_protocol_ok(protocol) || p->qos > 2 || (p->qos && !p->id) ||
        (!p->qos && p->dup) || !mqc_wire_topic_name_ok(p->topic.ptr, p->topic.len) ||
        (p->payload.len && !p->payload.ptr))
        return MQC_ERR_INVAL;
    alias = WIRE_V5(protocol) && p->props && mqc_props_has(p->props, MQC_PROP_TOPIC_ALIAS);
    if ((!p->topic.len && !alias) || (alias && !p->props->topic_alias))
        return MQC_ERR_INVAL;
    a.p = p;
    a.v5 = WIRE_V5(protocol);
    return mqc_wire_encode(buf, cap, (uint8_t)(MQC_PUBLISH << 4 | (p->dup ? 8 : 0) | p->qos << 1 |
                                           (p->retain ? 1 : 0)),
                       publish_body, &a);
}

/* Packets made of an optional id, reason codes or entries, and properties. */
enum {
    S_ID = 1,       /* starts with a packet identifier */
    S_V5 = 2,
    S_TRIM = 4,     /* 5.0: reason 0 and no properties may be left out */
    S_RC_FIRST = 8, /* reason codes come before the properties */
    S_SUBS = 16,    /* list: mqc_subscription entries (SUBSCRIBE) */
    S_FILTERS = 32  /* list: mqc_str topic filters (UNSUBSCRIBE) */
};

typedef struct simple_args {
    const mqc_props *props;
    const void *list; /* reason codes, or the entries of S_SUBS / S_FILTERS */
    size_t n;
    uint16_t id;
    uint8_t type;
    uint8_t mode;
} simple_args;

static void entries_body(mqc_wire_wr *w, const simple_args *a)
{
    const mqc_subscription *subs = (a->mode & S_SUBS) ? a->list : NULL;
    int v5 = a->mode & S_V5;
    size_t i;

    for (i = 0; i < a->n; i++) {
        const mqc_str *f = subs ? &subs[i].filter : &((const mqc_str *)a->list)[i];

        if (!mqc_wire_topic_filter_ok(f->ptr, f->len))
            w->err = MQC_ERR_INVAL;
        mqc_wire_put_str(w, f->ptr, f->len);
        if (subs) {
            const mqc_subscription *s = &subs[i];
            uint8_t o = s->qos;

            if (s->qos > 2 || s->retain_handling > 2 || s->no_local > 1 ||
                s->retain_as_published > 1)
                w->err = MQC_ERR_INVAL;
            if (v5)
                o |= (uint8_t)(s->no_local << 2 | s->retain_as_published << 3 |
                               s->retain_handling << 4);
            mqc_wire_put_u8(w, o);
        }
    }
}

static void simple_body(mqc_wire_wr *w, const void *arg)
{
    const simple_args *a = arg;
    const uint8_t *codes = a->list;
    int v5 = a->mode & S_V5;

    if (a->mode & S_ID)
        mqc_wire_put_u16(w, a->id);
    if (v5 && (a->mode & S_TRIM)) {
        int props = !mqc_wire_props_empty(a->props);

        if (props || codes[0])
            mqc_wire_put_u8(w, codes[0]);
        if (props)
            mqc_wire_props_write(w, a->type, a->props);
        return;
    }
    if (v5 && !(a->mode & S_RC_FIRST))
        mqc_wire_props_write(w, a->type, a->props);
    if (a->mode & (S_SUBS | S_FILTERS))
        entries_body(w, a);
    else
        mqc_wire_put(w, codes, a->n);
    if (v5 && (a->mode & S_RC_FIRST))
        mqc_wire_props_write(w, a->type, a->props);
}

/* Checks the reason codes and encodes a simple packet. CONNACK's first
 * byte is its flags; entries are checked while written. */
static mqc_ssize simple(uint8_t *buf, size_t cap, mqc_protocol protocol, unsigned type,
                        unsigned mode, uint16_t id, const void *list, size_t n,
                        const mqc_props *props)
{
    simple_args a;
    const uint8_t *codes = list;
    size_t i = (mode & S_RC_FIRST) ? 1 : 0;
    int v5 = WIRE_V5(protocol);

    if (!mqc_wire_protocol_ok(protocol) || ((mode & S_ID) && !id) || (n && !list))
        return MQC_ERR_INVAL;
    for (; i < n && !(mode & (S_SUBS | S_FILTERS)); i++)
        if (!mqc_wire_reason_ok(type, WIRE_RC_MODE(protocol), codes[i]))
            return MQC_ERR_INVAL;
    a.props = props;
    a.list = list;
    a.n = v5 || !(mode & S_TRIM) ? n : 0;
    a.id = id;
    a.type = (uint8_t)type;
    a.mode = (uint8_t)(mode | (v5 ? S_V5 : 0));
    return mqc_wire_encode(buf, cap,
                           (uint8_t)(type << 4 | (type == MQC_PUBREL ||
                                                  (mode & (S_SUBS | S_FILTERS)) ? 2 : 0)),
                           simple_body, &a);
}

mqc_ssize mqc_codec_encode_short(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                 unsigned type, uint16_t id, uint8_t reason,
                                 const mqc_props *props)
{
    /* PINGREQ and PINGRESP are two bytes in every version. */
    if (type == MQC_PINGREQ || type == MQC_PINGRESP)
        return simple(buf, cap, MQC_V311, type, 0, 0, NULL, 0, NULL);
    return simple(buf, cap, protocol, type,
                  type >= MQC_PUBACK && type <= MQC_PUBCOMP ? S_ID | S_TRIM : S_TRIM, id,
                  &reason, 1, props);
}

mqc_ssize mqc_encode_ack(uint8_t *buf, size_t cap, mqc_protocol protocol, uint8_t type,
                         uint16_t id, uint8_t reason, const mqc_props *props)
{
    if (type < MQC_PUBACK || type > MQC_PUBCOMP)
        return MQC_ERR_INVAL;
    return mqc_codec_encode_short(buf, cap, protocol, type, id, reason, props);
}

mqc_ssize mqc_encode_ping(uint8_t *buf, size_t cap, uint8_t type)
{
    if (type != MQC_PINGREQ && type != MQC_PINGRESP)
        return MQC_ERR_INVAL;
    return mqc_codec_encode_short(buf, cap, MQC_V311, type, 0, 0, NULL);
}

mqc_ssize mqc_encode_disconnect(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                uint8_t reason, const mqc_props *props)
{
    return mqc_codec_encode_short(buf, cap, protocol, MQC_DISCONNECT, 0, reason, props);
}

mqc_ssize mqc_encode_auth(uint8_t *buf, size_t cap, uint8_t reason, const mqc_props *props)
{
    if (!WIRE_V5(MQC_V5))
        return MQC_ERR_INVAL;
    return mqc_codec_encode_short(buf, cap, MQC_V5, MQC_AUTH, 0, reason, props);
}

mqc_ssize mqc_codec_encode_request(uint8_t *buf, size_t cap, mqc_protocol protocol,
                                   unsigned type, uint16_t id, const void *items, size_t n,
                                   const mqc_props *props)
{
    if (!n)
        return MQC_ERR_INVAL;
    return simple(buf, cap, protocol, type, S_ID | (type == MQC_SUBSCRIBE ? S_SUBS : S_FILTERS),
                  id, items, n, props);
}

mqc_ssize mqc_encode_subscribe(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                               const mqc_subscription *subs, size_t n, const mqc_props *props)
{
    return mqc_codec_encode_request(buf, cap, protocol, MQC_SUBSCRIBE, id, subs, n, props);
}

mqc_ssize mqc_encode_unsubscribe(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                                 const mqc_str *filters, size_t n, const mqc_props *props)
{
    return mqc_codec_encode_request(buf, cap, protocol, MQC_UNSUBSCRIBE, id, filters, n, props);
}

#if MQC_CODEC_SERVER
/* What only a server sends (for tests, fuzzing and brokers). */
mqc_ssize mqc_encode_connack(uint8_t *buf, size_t cap, mqc_protocol protocol,
                             uint8_t session_present, uint8_t reason, const mqc_props *props)
{
    uint8_t codes[2];

    codes[0] = session_present ? 1 : 0;
    codes[1] = reason;
    /* 3.1 has no session present flag. */
    if (session_present && (reason || protocol == MQC_V31))
        return MQC_ERR_INVAL;
    return simple(buf, cap, protocol, MQC_CONNACK, S_RC_FIRST, 0, codes, 2, props);
}

mqc_ssize mqc_encode_suback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                            const uint8_t *reasons, size_t n, const mqc_props *props)
{
    if (!n)
        return MQC_ERR_INVAL;
    return simple(buf, cap, protocol, MQC_SUBACK, S_ID, id, reasons, n, props);
}

mqc_ssize mqc_encode_unsuback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                              const uint8_t *reasons, size_t n, const mqc_props *props)
{
    /* 3.1.1 has no codes; 5.0 has one per filter. */
    if (WIRE_V5(protocol) ? !n : n != 0)
        return MQC_ERR_INVAL;
    return simple(buf, cap, protocol, MQC_UNSUBACK, S_ID, id, reasons, n, props);
}

#else
mqc_ssize mqc_encode_connack(uint8_t *buf, size_t cap, mqc_protocol protocol,
                             uint8_t session_present, uint8_t reason, const mqc_props *props)
{
    (void)buf; (void)cap; (void)protocol; (void)session_present; (void)reason; (void)props;
    return MQC_ERR_INVAL;
}

mqc_ssize mqc_encode_suback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                            const uint8_t *reasons, size_t n, const mqc_props *props)
{
    (void)buf; (void)cap; (void)protocol; (void)id; (void)reasons; (void)n; (void)props;
    return MQC_ERR_INVAL;
}

mqc_ssize mqc_encode_unsuback(uint8_t *buf, size_t cap, mqc_protocol protocol, uint16_t id,
                              const uint8_t *reasons, size_t n, const mqc_props *props)
{
    (void)buf; (void)cap; (void)protocol; (void)id; (void)reasons; (void)n; (void)props;
    return MQC_ERR_INVAL;
}
#endif
