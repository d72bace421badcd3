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
 * only when their PUBLISH is resent. At the limit (3.1.1: it only paces us)
 * the session stops taking input until the acks are written (see
 * mqcs_hold). A server that goes over it anyway (Mosquitto 2.0.11 sends
 * more QoS 2 PUBLISHes while ours await PUBREL) is tolerated: the entries
 * grow through the memory hooks; only a failed allocation closes.
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

/* The newest entry for id still waiting for the application (QoS 1 may
 * have several entries with one id: see mqcs_on_publish). */
static mqcs_in *find_app(mqc_session *s, uint16_t id, int newest)
{
    mqcs_in *hit = NULL;
    size_t i;

    for (i = 0; i < s->nin; i++)
        if (s->in[i].id == id && s->in[i].st == IN_APP) {
            hit = &s->in[i];
            if (!newest)
                break;
        }
    return hit;
}

/* 1 when the next packet (its first byte is b) must wait until acks are
 * written: a PUBLISH QoS 1/2 while we are at our Receive Maximum. Only
 * while some entry can still drain without more input (not awaiting
 * PUBREL): the PUBRELs that free the others come behind it. The count is
 * taken here, not kept: the entries have it. */
int mqcs_hold(const mqc_session *s, uint8_t b)
{
    size_t i;
    uint32_t n = 0;
    int drains = 0;

    if (b >> 4 != MQC_PUBLISH || !(b & 6))
        return 0;
    for (i = 0; i < s->nin; i++) {
        n += s->in[i].cnt;
        drains |= s->in[i].st != IN_REL;
    }
    return drains && n >= s->o.receive_max;
}

/* A new entry at the end (zeroed but for the id), or NULL: no memory. */
mqcs_in *mqcs_in_add(mqc_session *s, uint16_t id)
{
    uint32_t cap = s->incap ? s->incap * 2 : MQCS_IN_MIN;
    mqcs_in *e;

    if (s->nin == s->incap) {
        e = mqc_mem_realloc(&s->mem, s->in, cap * sizeof(*e));
        if (!e)
            return NULL;
        s->in = e;
        s->incap = cap;
    }
    e = &s->in[s->nin++];
    memset(e, 0, sizeof(*e));
    e->id = id;
    return e;
}

/* A new connection: the server's quota starts again at our Receive Maximum. */
void mqcs_in_reset_count(mqc_session *s)
{
    size_t i;

    for (i = 0; i < s->nin; i++)
        s->in[i].cnt = 0;
}

/* Entry e is acknowledged by the application. A QoS 2 id that is to be
 * answered with PUBREC is kept in a durable store first (the PUBREC waits
 * for its sync), so a restarted process still refuses the resent PUBLISH. */
static int accepted(mqc_session *s, mqcs_in *e, uint8_t reason)
{
    int rc = e->qos == 2 && reason < 0x80 ? mqcs_store_inbound(s, e->id, 1) : 0;

    if (rc) {
        /* Not kept, not acknowledged: the entry goes, and the server's
         * resend after the reconnect is delivered again. */
        s->nin--;
        memmove(e, e + 1, (size_t)(s->in + s->nin - e) * sizeof(*e));
        return rc;
    }
    e->st = IN_ACK;
    e->reason = reason;
    return 0;
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
        /* The same message again (QoS 2: any PUBLISH with the id until
         * PUBREL; QoS 1: a resend, DUP 1): answer, do not deliver. A QoS 1
         * PUBLISH with DUP 0 is new although our PUBACK for the id is still
         * to be written: the server may have had an earlier PUBACK of ours
         * for the id and reused it (found by the Spin model, model/README.md).
         * It is delivered, and each one acked. */
        if (e && (e->qos == 2 || m->qos == 2 || m->dup)) {
            if (e->st == IN_REL)
                e->st = IN_ACK;
            e->cnt = 1;
            return 0;
        }
        e = mqcs_in_add(s, m->id); /* IN_APP */
        if (!e)
            return MQC_ERR_RECEIVE_MAX_EXCEEDED; /* more than we can hold */
        e->qos = m->qos;
        e->cnt = 1;
    }
    if (s->cb.on_message)
        rc = s->cb.on_message(s, m, s->ud);
    if (m->qos && !s->o.manual_ack && rc != MQC_ACK_DEFER) {
        e = find_app(s, m->id, 1);
        if (e)
            return accepted(s, e, 0);
    }
    return 0;
}

int mqcs_on_pubrel(mqc_session *s, const mqc_packet *p)
{
    mqcs_in *e = find(s, p->id);
    uint8_t reason = 0;

    if (!e) {
        e = mqcs_in_add(s, p->id);
        if (!e)
            return MQC_ERR_NOMEM;
        e->qos = 2;
        reason = 0x92; /* Packet Identifier not found */
    } else if (e->st == IN_APP) {
        return MQC_ERR_PROTOCOL; /* PUBREL before our PUBREC */
    } else if (mqcs_store_inbound(s, p->id, 0)) {
        return MQC_ERR_STORE_SYNC; /* PUBCOMP waits until the release is kept */
    }
    e->st = IN_COMP;
    e->reason = reason;
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
    mqcs_in *e = s ? find_app(s, id, 0) : NULL;

    (void)now;
    if (!e)
        return MQC_ERR_STATE;
    return accepted(s, e, IS_V5(s) ? reason : 0);
}
