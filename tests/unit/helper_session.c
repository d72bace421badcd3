/* Session test harness (see helper_session.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "helper_session.h"
#include "common/config.h"

static void on_connack(mqc_session *s, const mqc_connack_info *info, void *ud)
{
    hs *h = ud;

    (void)s;
    h->connack = *info;
    h->nconnack++;
}

static int on_message(mqc_session *s, const mqc_publish *m, void *ud)
{
    hs *h = ud;
    hs_msg *r;

    (void)s;
    assert_true(h->nmsgs < HS_MAX);
    r = &h->msgs[h->nmsgs++];
    memset(r, 0, sizeof(*r));
    assert_true(m->topic.len < sizeof(r->topic) && m->payload.len <= sizeof(r->payload));
    memcpy(r->topic, m->topic.ptr, m->topic.len);
    if (m->payload.len)
        memcpy(r->payload, m->payload.ptr, m->payload.len);
    r->plen = m->payload.len;
    r->qos = m->qos;
    r->dup = m->dup;
    r->retain = m->retain;
    r->id = m->id;
    h->msg_expiry[h->nmsgs - 1] = m->props && mqc_props_has(m->props, MQC_PROP_MESSAGE_EXPIRY)
                                      ? m->props->message_expiry + 1 : 0;
    h->msg_subid[h->nmsgs - 1] = m->props && m->props->subscription_id_count
                                     ? m->props->subscription_ids[0] : 0;
    return h->defer ? MQC_ACK_DEFER : 0;
}

static void on_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    hs *h = ud;

    (void)s;
    assert_true(h->ndone < HS_MAX);
    h->done_reason_string[h->ndone][0] = 0;
    if (r->props && mqc_props_has(r->props, MQC_PROP_REASON_STRING)) {
        assert_true(r->props->reason_string.len < 32);
        memcpy(h->done_reason_string[h->ndone], r->props->reason_string.ptr,
               r->props->reason_string.len);
        h->done_reason_string[h->ndone][r->props->reason_string.len] = 0;
    }
    h->done[h->ndone++] = *r;
}

static int on_auth(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    hs *h = ud;
    mqc_props p;

    h->nauth++;
    h->auth_reason = reason;
    h->auth_data[0] = 0;
    if (mqc_props_has(props, MQC_PROP_AUTH_DATA)) {
        assert_true(props->auth_data.len < sizeof(h->auth_data));
        memcpy(h->auth_data, props->auth_data.ptr, props->auth_data.len);
        h->auth_data[props->auth_data.len] = 0;
    }
    if (h->auth_reply && reason == 0x18) {
        memset(&p, 0, sizeof(p));
        mqc_props_set(&p, MQC_PROP_AUTH_DATA);
        p.auth_data.ptr = (const uint8_t *)h->auth_reply;
        p.auth_data.len = strlen(h->auth_reply);
        h->auth_reply_rc = mqc_session_auth(s, 0x18, &p, h->now);
    }
    return h->auth_ret;
}

static void record_sub(mqc_session *s, hs *h, int unsub, uint16_t id, uint64_t token,
                       const uint8_t *codes, size_t n)
{
    const mqc_props *p = mqc_session_packet_props(s);
    hs_sub_ev *e;

    assert_true(h->nsubs < 16 && n <= 8);
    e = &h->subs[h->nsubs++];
    e->reason_string[0] = 0;
    if (p && mqc_props_has(p, MQC_PROP_REASON_STRING) && p->reason_string.len < 32) {
        memcpy(e->reason_string, p->reason_string.ptr, p->reason_string.len);
        e->reason_string[p->reason_string.len] = 0;
    }
    e->unsub = unsub;
    e->id = id;
    e->token = token;
    e->n = n;
    if (n)
        memcpy(e->codes, codes, n);
}

static void on_suback(mqc_session *s, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    record_sub(s, ud, 0, id, token, codes, n);
}

static void on_unsuback(mqc_session *s, uint16_t id, uint64_t token, const uint8_t *codes,
                        size_t n, void *ud)
{
    record_sub(s, ud, 1, id, token, codes, n);
}

static void on_disconnect(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    hs *h = ud;

    (void)s;
    (void)props;
    h->ndisconnect++;
    h->disconnect_reason = reason;
}

static void on_packet(mqc_session *s, int outgoing, const mqc_packet *p, void *ud)
{
    hs *h = ud;

    (void)s;
    assert_true(p->type >= MQC_CONNECT && p->type <= MQC_AUTH);
    if (outgoing)
        h->npackets_out++;
    else
        h->npackets_in++;
}

void hs_opts(mqc_session_opts *o, mqc_protocol proto)
{
#if !MQC_ENABLE_V5
    /* A 3.1.1-only build refuses 5.0 (checked in test_session_output's
     * bad-args case): every 5.0 case starts here and is skipped. */
    if (proto == MQC_V5)
        skip();
#endif
    mqc_session_opts_default(o);
    o->protocol = proto;
    o->client_id.ptr = "c";
    o->client_id.len = 1;
    o->keep_alive = 0;
}

void hs_new(hs *h, const mqc_session_opts *o, int trace)
{
    hs_new_mem(h, o, trace, NULL);
}

void hs_new_mem(hs *h, const mqc_session_opts *o, int trace, const mqc_mem *mem)
{
    mqc_callbacks cb;

    memset(h, 0, sizeof(*h));
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_connack = on_connack;
    cb.on_message = on_message;
    cb.on_publish_done = on_done;
    cb.on_suback = on_suback;
    cb.on_unsuback = on_unsuback;
    cb.on_disconnect = on_disconnect;
    cb.on_auth = on_auth;
    if (trace)
        cb.on_packet = on_packet;
    h->o = *o;
    h->proto = o->protocol;
    assert_int_equal(mqc_session_new(&h->s, o, &cb, h, mem), 0);
}

void hs_del(hs *h)
{
    mqc_session_del(h->s);
    h->s = NULL;
}

size_t hs_drain(hs *h)
{
    const uint8_t *d;
    mqc_ssize n;
    size_t total = 0, take;

    for (;;) {
        n = mqc_session_send(h->s, &d, h->now);
        assert_true(n >= 0);
        if (n == 0)
            break;
        take = h->max_write && h->max_write < (size_t)n ? h->max_write : (size_t)n;
        if (h->woff == h->wlen)
            h->woff = h->wlen = 0;
        assert_true(h->wlen + take <= sizeof(h->wire));
        memcpy(h->wire + h->wlen, d, take);
        h->wlen += take;
        total += take;
        mqc_session_sent(h->s, take, h->now);
    }
    assert_false(mqc_session_want_write(h->s));
    return total;
}

/* Length of the packet at the head of the unchecked wire. */
static size_t head_len(hs *h)
{
    uint8_t first;
    uint32_t rem;
    mqc_ssize hl;

    if (h->woff == h->wlen)
        hs_drain(h);
    assert_true(h->wlen > h->woff);
    hl = mqc_decode_fixed_header(h->wire + h->woff, h->wlen - h->woff, &first, &rem);
    assert_true(hl > 0);
    assert_true(h->woff + (size_t)hl + rem <= h->wlen);
    return (size_t)hl + rem;
}

void hs_expect_bytes(hs *h, const uint8_t *b, size_t n)
{
    size_t len = head_len(h);

    assert_int_equal(len, n);
    assert_memory_equal(h->wire + h->woff, b, n);
    h->woff += n;
}

uint8_t hs_next_type(hs *h)
{
    size_t len = head_len(h);
    uint8_t t = h->wire[h->woff] >> 4;

    h->woff += len;
    return t;
}

uint16_t hs_next_publish_id(hs *h)
{
    size_t len = head_len(h);
    mqc_packet p;

    assert_int_equal(mqc_decode(h->wire + h->woff, len, h->proto, &p), 0);
    assert_int_equal(p.type, MQC_PUBLISH);
    h->woff += len;
    return p.publish.id;
}

/* Encodes a PUBLISH with text topic and payload into b[512]. */
static size_t encode_publish(const hs *h, uint8_t *b, uint8_t qos, uint8_t dup, uint16_t id,
                             const char *topic, const char *payload)
{
    mqc_publish p;
    mqc_ssize n;

    memset(&p, 0, sizeof(p));
    p.topic.ptr = topic;
    p.topic.len = strlen(topic);
    p.payload.ptr = (const uint8_t *)payload;
    p.payload.len = strlen(payload);
    p.qos = qos;
    p.dup = dup;
    p.id = id;
    n = mqc_encode_publish(b, 512, h->proto, &p);
    assert_true(n > 0);
    return (size_t)n;
}

void hs_expect_publish(hs *h, uint8_t qos, uint8_t dup, uint16_t id, const char *topic,
                       const char *payload)
{
    uint8_t b[512];

    hs_expect_bytes(h, b, encode_publish(h, b, qos, dup, id, topic, payload));
}

void hs_expect_ack(hs *h, uint8_t type, uint16_t id, uint8_t reason)
{
    uint8_t b[16];
    mqc_ssize n = mqc_encode_ack(b, sizeof(b), h->proto, type, id, reason, NULL);

    assert_true(n > 0);
    hs_expect_bytes(h, b, (size_t)n);
}

void hs_expect_ping(hs *h)
{
    static const uint8_t ping[2] = {0xC0, 0x00};

    hs_expect_bytes(h, ping, 2);
}

void hs_expect_disconnect(hs *h, uint8_t reason)
{
    uint8_t b[16];
    mqc_ssize n = mqc_encode_disconnect(b, sizeof(b), h->proto, reason, NULL);

    assert_true(n > 0);
    hs_expect_bytes(h, b, (size_t)n);
}

void hs_expect_none(hs *h)
{
    hs_drain(h);
    assert_int_equal(h->wlen - h->woff, 0);
}

mqc_ssize hs_peer(hs *h, const uint8_t *b, size_t n)
{
    mqc_ssize r = mqc_session_recv(h->s, b, n, h->now);

    if (r >= 0)
        assert_int_equal(r, n);
    return r;
}

mqc_ssize hs_peer_connack(hs *h, uint8_t sp, uint8_t reason, const mqc_props *props)
{
    uint8_t b[256];
    mqc_ssize n;

    /* 3.1 has no session present flag: CleanSession 0 is taken as resumed. */
    if (h->proto == MQC_V31)
        sp = 0;
    n = mqc_encode_connack(b, sizeof(b), h->proto, sp, reason, props);

    assert_true(n > 0);
    return hs_peer(h, b, (size_t)n);
}

mqc_ssize hs_peer_publish(hs *h, uint8_t qos, uint8_t dup, uint16_t id, const char *topic,
                          const char *payload)
{
    uint8_t b[512];

    return hs_peer(h, b, encode_publish(h, b, qos, dup, id, topic, payload));
}

mqc_ssize hs_peer_ack(hs *h, uint8_t type, uint16_t id, uint8_t reason)
{
    uint8_t b[16];
    mqc_ssize n = mqc_encode_ack(b, sizeof(b), h->proto, type, id, reason, NULL);

    assert_true(n > 0);
    return hs_peer(h, b, (size_t)n);
}

void hs_connect(hs *h, uint8_t session_present)
{
    assert_int_equal(mqc_session_connect(h->s, h->now), 0);
    assert_int_equal(hs_next_type(h), MQC_CONNECT);
    assert_true(hs_peer_connack(h, session_present, 0, NULL) > 0);
}

void hs_drop(hs *h)
{
    mqc_session_connection_lost(h->s, h->now);
    h->wlen = h->woff = 0;
}

int hs_publish(hs *h, uint8_t qos, const char *topic, const char *payload, uint64_t token)
{
    mqc_publish p;

    memset(&p, 0, sizeof(p));
    p.topic.ptr = topic;
    p.topic.len = strlen(topic);
    p.payload.ptr = (const uint8_t *)payload;
    p.payload.len = strlen(payload);
    p.qos = qos;
    return mqc_session_publish(h->s, &p, token, h->now);
}
