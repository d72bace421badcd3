/*
 * Inbound QoS 1/2 receiver. Every unfinished inbound message has an entry
 * in arrival order; acks leave in that order, and an entry the application
 * has not acked yet holds back the acks behind it. A QoS 2 id stays until
 * PUBREL, through reconnects of a resumed session, so a resent PUBLISH is
 * answered without being delivered again.
 *
 * Receive Maximum (5.0 §4.9): a PUBLISH QoS 1/2 counts from its arrival on
 * this connection until we send PUBACK, PUBREC >= 0x80 or PUBCOMP; PUBRELs
 * do not count, and the count starts at 0 on each connection (the server's
 * quota does too), so entries kept from an earlier connection count again
 * only when their PUBLISH is resent. At the limit (3.1.1: it only bounds our
 * memory) the session stops taking input until the acks are written (see
 * mqcs_hold); a server that goes over it is tolerated while there is room.
 */
#include "session/session.h"

static mqcs_in *find(mqc_session *s, uint16_t id)
{
    size_t i;

    for (i = 0; i < s->nin; i++)
        if (s->in[i].id == id)
            return &s->in[i];
    return NULL;
}

static void count(mqc_session *s, mqcs_in *e)
{
    if (!e->cnt) {
        e->cnt = 1;
        s->ncnt++;
    }
}

/* 1 when the next packet (its first byte is b) must wait until acks are
 * written: it may need an entry and we are at the limit. Only while some
 * entry can still drain without more input (not awaiting PUBREL). */
int mqcs_hold(const mqc_session *s, uint8_t b)
{
    size_t i;
    int full;

    if (b >> 4 == MQC_PUBLISH && (b & 6))
        full = s->ncnt >= s->o.receive_max || s->nin >= s->incap - MQCS_IN_SLACK;
    else
        full = b >> 4 == MQC_PUBREL && s->nin >= s->incap;
    for (i = 0; full && i < s->nin; i++)
        if (s->in[i].st != IN_REL)
            return 1;
    return 0;
}

/* A new connection: the server's quota starts again at our Receive Maximum. */
void mqcs_in_reset_count(mqc_session *s)
{
    size_t i;

    for (i = 0; i < s->nin; i++)
        s->in[i].cnt = 0;
    s->ncnt = 0;
}

int mqcs_on_publish(mqc_session *s, const mqc_packet *p)
{
    const mqc_publish *m = &p->publish;
    mqcs_in *e;
    int rc = 0;

#if MQC_ENABLE_V5
    /* We announce Topic Alias Maximum 0: an alias is a protocol error. */
    if (IS_V5(s) && mqc_props_has(&p->props, MQC_PROP_TOPIC_ALIAS))
        return MQC_ERR_PROTOCOL;
#endif
    if (m->qos) {
        e = find(s, m->id);
        if (e) {
            /* The same message again: answer, do not deliver. */
            if (e->st == IN_REL)
                e->st = IN_ACK;
            count(s, e);
            return 0;
        }
        /* Only when nothing can drain (see mqcs_hold): memory is exhausted. */
        if (s->nin >= s->incap - MQCS_IN_SLACK)
            return MQC_ERR_RECEIVE_MAX_EXCEEDED;
        e = &s->in[s->nin++];
        e->id = m->id;
        e->qos = m->qos;
        e->st = IN_APP;
        e->reason = 0;
        e->cnt = 0;
        count(s, e);
    }
    if (s->cb.on_message)
        rc = s->cb.on_message(s, m, s->ud);
    if (m->qos && !s->o.manual_ack && rc != MQC_ACK_DEFER) {
        e = find(s, m->id);
        if (e && e->st == IN_APP)
            e->st = IN_ACK;
    }
    return 0;
}

int mqcs_on_pubrel(mqc_session *s, const mqc_packet *p)
{
    mqcs_in *e = find(s, p->id);

    if (e) {
        if (e->st == IN_APP)
            return MQC_ERR_PROTOCOL; /* PUBREL before our PUBREC */
        e->st = IN_COMP;
        e->reason = 0;
        return 0;
    }
    if (s->nin >= s->incap)
        return MQC_ERR_RECEIVE_MAX_EXCEEDED;
    e = &s->in[s->nin++];
    e->id = p->id;
    e->qos = 2;
    e->st = IN_COMP;
    e->reason = 0x92; /* Packet Identifier not found */
    e->cnt = 0;
    return 0;
}

int mqcs_fill_acks(mqc_session *s)
{
    size_t i = 0;
    int blocked = 0;
    mqcs_in *e;
    uint8_t type;

    while (i < s->nin) {
        e = &s->in[i];
        if (e->st == IN_APP)
            blocked = 1;
        if (e->st == IN_COMP || (e->st == IN_ACK && !blocked)) {
            type = e->st == IN_COMP ? MQC_PUBCOMP : e->qos == 1 ? MQC_PUBACK : MQC_PUBREC;
            if (!mqcs_put_ack(s, type, e->id, e->reason))
                return 0;
            if (type == MQC_PUBREC && e->reason < 0x80) {
                e->st = IN_REL;
            } else {
                s->ncnt -= e->cnt;
                s->nin--;
                memmove(e, e + 1, (s->nin - i) * sizeof(*e));
                continue;
            }
        }
        i++;
    }
    return 1;
}

int mqc_session_ack(mqc_session *s, uint16_t id, uint8_t reason, mqc_tstamp now)
{
    mqcs_in *e = s ? find(s, id) : NULL;

    (void)now;
    if (!e || e->st != IN_APP)
        return MQC_ERR_STATE;
    e->st = IN_ACK;
    e->reason = IS_V5(s) ? reason : 0;
    return 0;
}
