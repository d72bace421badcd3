/*
 * libFuzzer target for the session engine. The first byte picks the
 * options; the rest is a script of operations: bytes from the server (after
 * a valid CONNACK), publishes, subscribes, acks, timer runs with a fake
 * clock, partial writes, dropped connections and reconnects.
 * 5.0 extras: the server announces Topic Alias Maximum 2 (outbound
 * aliases), sends PUBLISHes with aliases (good and bad) and AUTH packets
 * (to a session with or without an Authentication Method); publishes may
 * carry a Message Expiry Interval.
 * Checked: no crash, no leak (ASan), and every accepted publish reaches
 * exactly one final outcome by the time the session is deleted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mqc.h"

#define MAX_TOKENS 4096

static uint8_t outcome_seen[MAX_TOKENS];
static uint64_t next_token;

static int on_message(mqc_session *s, const mqc_publish *m, void *ud)
{
    (void)s;
    (void)ud;
    return (m->payload.len & 1) ? MQC_ACK_DEFER : 0;
}

static void on_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    (void)s;
    (void)ud;
    if (r->token >= MAX_TOKENS || outcome_seen[r->token]++)
        abort(); /* unknown token or a second outcome */
}

/* Answers a continue with a step (data of even length), gives up on odd. */
static int on_auth(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    (void)ud;
    if (mqc_props_has(props, MQC_PROP_AUTH_DATA) && (props->auth_data.len & 1))
        return 0x87;
    if (reason == 0x18)
        mqc_session_auth(s, 0x18, props, 0);
    return 0;
}

static void drain(mqc_session *s, size_t max, mqc_tstamp now)
{
    const uint8_t *d;
    mqc_ssize n;
    int rounds = 0;

    while ((n = mqc_session_send(s, &d, now)) > 0 && rounds++ < 64) {
        size_t w = max && (size_t)n > max ? max : (size_t)n;
        volatile uint8_t sink = d[0] ^ d[w - 1]; /* the bytes must be readable */
        (void)sink;
        mqc_session_sent(s, w, now);
    }
    if (n < 0)
        abort();
}

static void reconnect(mqc_session *s, mqc_protocol proto, uint8_t clean, uint8_t sp,
                      mqc_tstamp now)
{
    uint8_t ack[16];
    mqc_props props;
    mqc_ssize n;

    mqc_session_connection_lost(s, now);
    if (mqc_session_connect(s, now))
        abort();
    drain(s, 0, now);
    memset(&props, 0, sizeof(props));
    mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS_MAX);
    props.topic_alias_max = 2;
    /* Session present to a clean start is (rightly) a protocol error. */
    n = mqc_encode_connack(ack, sizeof(ack), proto, clean ? 0 : sp, 0,
                           proto == MQC_V5 ? &props : NULL);
    if (n <= 0 || mqc_session_recv(s, ack, (size_t)n, now) != n)
        abort();
}

/* Ack, PUBLISH, SUBACK or PINGRESP with ids from 1 to 8 (those in use). */
static size_t server_packet(uint8_t *b, size_t cap, mqc_protocol proto, uint8_t kind,
                            uint8_t arg)
{
    static const uint8_t types[] = {MQC_PUBACK, MQC_PUBREC, MQC_PUBREL, MQC_PUBCOMP};
    static const uint8_t auth_reasons[] = {0x00, 0x18, 0x19, 0x18};
    uint16_t id = (uint16_t)(arg % 8 + 1);
    uint8_t reason = (arg & 0x80) ? 0x80 : 0;
    mqc_publish p;
    mqc_props props;
    mqc_ssize n;

    kind &= 15;
    memset(&props, 0, sizeof(props));
    if (kind >= 8 && proto != MQC_V5)
        kind &= 7;
    if (kind >= 8 && kind < 12) {
        /* PUBLISH with an alias (1..20: over our maximum past 16), with or
         * without its topic; 12 and up: AUTH, our method or another. */
        memset(&p, 0, sizeof(p));
        p.topic.ptr = "al/x";
        p.topic.len = (arg & 0x40) ? 0 : (size_t)(arg & 3) + 1;
        p.qos = (uint8_t)((kind & 3) % 3);
        p.id = p.qos ? id : 0;
        mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS);
        props.topic_alias = (uint16_t)(arg % 20 + 1);
        p.props = &props;
        n = mqc_encode_publish(b, cap, proto, &p);
    } else if (kind >= 12) {
        mqc_props_set(&props, MQC_PROP_AUTH_METHOD);
        props.auth_method.ptr = (arg & 0x20) ? "X" : "M";
        props.auth_method.len = 1;
        mqc_props_set(&props, MQC_PROP_AUTH_DATA);
        props.auth_data.ptr = &arg;
        props.auth_data.len = (arg & 0x40) ? 1 : 0;
        n = mqc_encode_auth(b, cap, auth_reasons[arg & 3], &props);
    } else if (kind < 4) {
        if (kind == 2 || kind == 3)
            reason = reason ? 0x92 : 0;
        if (proto != MQC_V5)
            reason = 0;
        n = mqc_encode_ack(b, cap, proto, types[kind], id, reason, NULL);
    } else if (kind < 6) {
        memset(&p, 0, sizeof(p));
        p.topic.ptr = "in";
        p.topic.len = 2;
        p.payload.ptr = &arg;
        p.payload.len = 1;
        p.qos = (uint8_t)(arg >> 6) % 3;
        p.dup = p.qos && (arg & 8);
        p.id = p.qos ? id : 0;
        n = mqc_encode_publish(b, cap, proto, &p);
    } else if (kind == 6) {
        n = mqc_encode_suback(b, cap, proto, id, &reason, 1, NULL);
    } else {
        n = mqc_encode_ping(b, cap, MQC_PINGRESP);
    }
    if (n <= 0)
        abort();
    return (size_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mqc_session_opts o;
    mqc_callbacks cb;
    mqc_session *s;
    mqc_publish p;
    mqc_props pprops, cprops;
    mqc_subscription sub;
    mqc_tstamp now = 1000;
    mqc_protocol proto;
    size_t i = 1, n;
    uint8_t cfg, op, arg;
    static const char payload[300];
    uint8_t pkt[64];
    uint16_t id;
    int rc;

    if (size < 1)
        return 0;
    cfg = data[0];
    memset(outcome_seen, 0, sizeof(outcome_seen));
    next_token = 0;
    mqc_session_opts_default(&o);
    proto = (cfg & 1) ? MQC_V5 : MQC_V311;
    o.protocol = proto;
    o.client_id.ptr = "fuzz";
    o.client_id.len = 4;
    o.keep_alive = (cfg & 2) ? 5 : 0;
    o.clean = (cfg >> 2) & 1;
    o.session_expiry = 60;
    o.manual_ack = (cfg >> 3) & 1;
    o.retry_interval_ms = (cfg & 16) ? 100 : 0;
    o.ack_timeout_ms = (cfg & 16) ? 300 : 0;
    o.max_attempts = (cfg & 32) ? 2 : 0;
    o.lost_policy = (cfg & 64) ? MQC_LOST_FAIL : MQC_LOST_RESEND;
    o.max_inflight = (cfg & 128) ? 3 : 20;
    o.max_queued = 16;
    o.receive_max = 8;
    o.max_packet_in = 4096;
    o.store_capacity = 2048;
    /* 5.0 with a clean start also authenticates (method "M"). */
    memset(&cprops, 0, sizeof(cprops));
    if (proto == MQC_V5 && o.clean) {
        mqc_props_set(&cprops, MQC_PROP_AUTH_METHOD);
        cprops.auth_method.ptr = "M";
        cprops.auth_method.len = 1;
        o.connect_props = &cprops;
    }
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_message = on_message;
    cb.on_publish_done = on_done;
    cb.on_auth = on_auth;
    if (mqc_session_new(&s, &o, &cb, NULL, NULL))
        return 0;
    reconnect(s, proto, o.clean, 0, now);
    while (i + 1 < size) {
        op = data[i++];
        arg = data[i++];
        switch (op & 7) {
        case 0:
        case 1: /* server bytes: a chunk of up to arg bytes */
        case 2: /* a well-formed server packet, to get deep into the state machines */
            if ((op & 7) == 2) {
                n = server_packet(pkt, sizeof(pkt), proto, op >> 3, arg);
                rc = (int)mqc_session_recv(s, pkt, n, now);
            } else {
                n = arg < size - i ? arg : size - i;
                rc = (int)mqc_session_recv(s, data + i, n, now);
                i += n;
            }
            if (rc < 0) {
                drain(s, 0, now);
                reconnect(s, proto, o.clean, op >> 7, now);
            }
            break;
        case 3:
            memset(&p, 0, sizeof(p));
            p.topic.ptr = (op & 8) ? "a/b" : "t";
            p.topic.len = (op & 8) ? 3 : 1;
            p.payload.ptr = (const uint8_t *)payload;
            p.payload.len = (size_t)arg;
            p.qos = (uint8_t)((op >> 4) % 3);
            if ((op & 0xC0) == 0xC0) { /* expires in 0..3 s */
                memset(&pprops, 0, sizeof(pprops));
                mqc_props_set(&pprops, MQC_PROP_MESSAGE_EXPIRY);
                pprops.message_expiry = arg % 4;
                p.props = &pprops;
            }
            if (next_token < MAX_TOKENS) {
                rc = mqc_session_publish(s, &p, next_token, now);
                if (rc == 0)
                    next_token++;
                else if (rc != MQC_ERR_QUEUE_FULL)
                    abort();
            }
            break;
        case 4:
            now += (mqc_tstamp)arg * 10;
            if (mqc_session_handle_expiry(s, now) < 0) {
                drain(s, 0, now);
                reconnect(s, proto, o.clean, op >> 7, now);
            }
            if (mqc_session_get_expiry(s) < now)
                abort(); /* a deadline in the past after handling */
            break;
        case 5:
            drain(s, (size_t)arg + 1, now);
            break;
        case 6:
            if (op & 8) {
                memset(&sub, 0, sizeof(sub));
                sub.filter.ptr = (op & 16) ? "a/#" : "b/+";
                sub.filter.len = 3;
                sub.qos = arg % 3;
                if (op & 32)
                    mqc_session_unsubscribe(s, &sub.filter, 1, NULL, arg, &id, now);
                else
                    mqc_session_subscribe(s, &sub, 1, NULL, arg, &id, now);
            } else {
                mqc_session_ack(s, (uint16_t)(arg | (op >> 4) << 8), 0, now);
            }
            break;
        default:
            if (op & 8)
                mqc_session_disconnect(s, 0, now);
            drain(s, 0, now);
            reconnect(s, proto, o.clean, (op >> 4) & 1, now);
            break;
        }
    }
    drain(s, 0, now);
    mqc_session_del(s);
    for (id = 0; id < next_token; id++)
        if (outcome_seen[id] != 1)
            abort(); /* a message without a final outcome */
    return 0;
}
