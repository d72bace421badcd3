/*
 * Inbound QoS 1/2 receiver. Every unfinished inbound message has an entry
 * in arrival order; acks leave in that order, and an entry the application
 * has not acked yet holds back the acks behind it. A QoS 2 id stays until
 * PUBREL, through reconnects of a resumed session, so a resent PUBLISH is
 * answered without being delivered again; once its PUBREC is written it
 * leaves the entries for the set of ids awaiting PUBREL (relset.c).
 *
 * Receive Maximum (5.0 §4.9): a PUBLISH QoS 1/2 counts from its arrival on
 * this connection until we send PUBACK, PUBREC >= 0x80 or PUBCOMP; PUBRELs
 * do not count, and the count starts at 0 on each connection (the server's
 * quota does too), so entries kept from an earlier connection count again
 * only when their PUBLISH is resent. At the limit (3.1.1: it only paces us)
 * the session stops taking input until the acks are written (see
 * mqcs_hold). A server that goes over it anyway (Mosquitto 2.0.11 sends
 * more QoS 2 PUBLISHes while ours await PUBREL) is tolerated: the set of
 * ids awaiting PUBREL grows through the memory hooks; only a failed
 * allocation closes.
 */
#include "session/session.h"

/* in_ids: a new id (most of them) is told from the entries in one step;
 * a set bit may be stale (mqcs_fill_acks clears them), never missing. */
#define IN_BIT(id) ((uint64_t)1 << ((id) & 63u))

static mqcs_in *in_find(mqc_session *s, uint16_t id)
{
    size_t i;

    if (!(s->in_ids & IN_BIT(id)))
        return NULL;
    for (i = 0; i < s->nin; i++)
        if (s->in[i].id == id)
            return &s->in[i];
    return NULL;
}

/* The newest entry for id still waiting for the application (QoS 1 may
 * have several entries with one id: see mqcs_on_publish). */
static mqcs_in *find_app(mqc_session *s, uint16_t id, int newest)
{
    size_t i, k;

    for (k = 0; k < s->nin; k++) {
        i = newest ? s->nin - 1 - k : k; /* the newest: from the end (it is the last one) */
        if (s->in[i].id == id && s->in[i].st == IN_APP)
            return &s->in[i];
    }
    return NULL;
}

/* 1 when the next packet (its first byte is b) must wait until acks are
 * written: a PUBLISH QoS 1/2 while we are at our Receive Maximum, or a
 * PUBLISH QoS 1/2 or PUBREL while MQCS_ACK_BATCH acks are ready to send
 * (a PUBREL would add one more: a read of thousands of them made as many
 * entries, each looked for among all the others). At the maximum, only
 * while some entry can still drain without more input (the ids awaiting
 * PUBREL cannot: the PUBRELs that free them come behind it). The counts
 * are taken here, not kept: the entries have them (the ready ones as
 * mqcs_fill_acks sends them: in order, none past an entry the application
 * still holds). */
int mqcs_hold(const mqc_session *s, uint8_t b)
{
    size_t i;
    uint32_t n = s->rel_counting, ready = 0;
    int blocked = 0, pub = b >> 4 == MQC_PUBLISH && (b & 6);

    if (!pub && b >> 4 != MQC_PUBREL)
        return 0;
    /* Each entry counts at most once and is ready at most once: below both
     * limits by the number of entries, no need to look at them. So the
     * look is taken once per batch of acks, not for every packet. */
    if (s->nin < MQCS_ACK_BATCH && (!pub || n + s->nin < s->o.receive_max))
        return 0;
    for (i = 0; i < s->nin; i++) {
        const mqcs_in *e = &s->in[i];
        n += e->cnt;
        blocked |= e->st == IN_APP;
        ready += e->st == IN_COMP || (e->st == IN_ACK && !blocked);
    }
    return (pub && s->nin && n >= s->o.receive_max) || ready >= MQCS_ACK_BATCH;
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
    s->in_ids |= IN_BIT(id);
    return e;
}

/* A new connection: the server's quota starts again at our Receive Maximum. */
void mqcs_in_reset_count(mqc_session *s)
{
    size_t i;

    for (i = 0; i < s->nin; i++)
        s->in[i].cnt = 0;
    mqcs_rel_uncount(s);
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
    mqc_publish pub;

    /* An alias is learnt even from a duplicate that is not delivered. */
    if (IS_V5(s)) {
        pub = *m;
        rc = mqcs_alias_in(s, p, &pub.topic);
        if (rc)
            return rc;
        m = &pub;
    }
#endif
    if (m->qos) {
        e = in_find(s, m->id);
        /* The same message again, its ack not written yet (QoS 2: any
         * PUBLISH with the id; QoS 1: a resend, DUP 1): one ack answers
         * both, no second delivery. A QoS 1 PUBLISH with DUP 0 is new
         * although our PUBACK for the id is still to be written: the server
         * may have had an earlier PUBACK of ours for the id and reused it
         * (found by the Spin model, model/README.md). It is delivered, and
         * each one acked. */
        if (e && (e->qos == 2 || m->qos == 2 || m->dup)) {
            e->cnt = 1;
            return 0;
        }
        /* Room in the set for every QoS 2 entry, so their PUBREC never
         * waits on an allocation (relset.c). */
        if (mqcs_rel_reserve(s, s->nrel + s->nin + 1) || !(e = mqcs_in_add(s, m->id)))
            return MQC_ERR_RECEIVE_MAX_EXCEEDED; /* more than we can hold */
        e->cnt = 1;
        if (mqcs_rel_take(s, m->id) >= 0) {
            /* Our PUBREC went, the PUBREL has not come: the same message.
             * PUBREC again, no second delivery. */
            e->qos = 2;
            e->st = IN_ACK;
            return 0;
        }
        e->qos = m->qos; /* IN_APP */
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
    mqcs_in *e = in_find(s, p->id);
    int counted;

    if (e) {
        if (e->st == IN_APP)
            return MQC_ERR_PROTOCOL; /* PUBREL before our PUBREC */
        if (mqcs_store_inbound(s, p->id, 0))
            return MQC_ERR_STORE_SYNC; /* PUBCOMP waits until the release is kept */
        e->st = IN_COMP;
        return 0;
    }
    e = mqcs_in_add(s, p->id);
    if (!e)
        return MQC_ERR_NOMEM;
    e->qos = 2;
    e->st = IN_COMP;
    counted = mqcs_rel_take(s, p->id);
    if (counted < 0) {
        e->reason = 0x92; /* Packet Identifier not found */
        return 0;
    }
    if (mqcs_store_inbound(s, p->id, 0)) {
        s->nin--; /* still awaiting PUBREL; its slot was just freed */
        mqcs_rel_add(s, p->id, counted);
        return MQC_ERR_STORE_SYNC;
    }
    e->cnt = (uint8_t)counted; /* counts until PUBCOMP */
    return 0;
}

/* Writes the acks that may go, in arrival order; an entry whose ack is
 * written leaves (a QoS 2 one for the set awaiting PUBREL). The kept ones
 * close up in one pass. 0 when the output is full. */
int mqcs_fill_acks(mqc_session *s)
{
    size_t i, kept = 0;
    int blocked = 0, room = 1;
    uint8_t type;

    s->in_ids = 0;
    for (i = 0; i < s->nin; i++) {
        mqcs_in *e = &s->in[i];
        blocked |= e->st == IN_APP;
        if (room && (e->st == IN_COMP || (e->st == IN_ACK && !blocked))) {
            type = e->st == IN_COMP ? MQC_PUBCOMP : e->qos == 1 ? MQC_PUBACK : MQC_PUBREC;
            if (mqcs_put_ack(s, type, e->id, e->reason)) {
                if (type == MQC_PUBREC && e->reason < 0x80)
                    mqcs_rel_add(s, e->id, e->cnt);
                continue;
            }
            room = 0;
        }
        s->in_ids |= IN_BIT(e->id);
        s->in[kept++] = *e;
    }
    s->nin = (uint32_t)kept;
    return room;
}

int mqc_session_ack(mqc_session *s, uint16_t id, uint8_t reason, mqc_tstamp now)
{
    mqcs_in *e = s ? find_app(s, id, 0) : NULL;

    (void)now;
    if (!e)
        return MQC_ERR_STATE;
    return accepted(s, e, IS_V5(s) ? reason : 0);
}
