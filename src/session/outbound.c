/*
 * Outbound messages: the queue (store handles in application order), the
 * in-flight window (in order of entry, so resends keep that order), the
 * QoS 1/2 sender state machines and what happens to them on reconnect.
 */
#include "session/session.h"

/* Called from many places: one copy of each store call. */
static uint8_t *rec(const mqc_session *s, uint32_t h, size_t *len)
{
    uint8_t *p;

    s->store.ops->get(s->store.ctx, h, &p, len);
    return p;
}

/* A durable store may fail to log a change (no memory): then nothing may
 * act on it. */
static int patch(mqc_session *s, uint32_t h, size_t off, const uint8_t *d, size_t n)
{
    return s->store.ops->patch(s->store.ctx, h, off, d, n);
}

static MQC_NOINLINE int qos_of(const mqc_session *s, uint32_t h)
{
    size_t len;

    return REC_QOS(rec(s, h, &len));
}

int mqcs_head_qos(const mqc_session *s)
{
    return qos_of(s, s->q[s->qhead]);
}

static uint32_t pop(mqc_session *s)
{
    uint32_t h = s->q[s->qhead];

    s->qhead = (s->qhead + 1) % s->qcap;
    s->qlen--;
    return h;
}

/* The window: entries in order of entry at win[0..nwin), a stretch of the
 * wslots slots at wbase. Acks come mostly in order: the acked head is
 * dropped by moving win up, and the entries close up (toward wbase) only
 * when the stretch reaches the last slot, at most once per wslots - nwin
 * entries. widx finds an entry by its packet id: the window's ids differ
 * modulo its size (ids.c skips the others), so no probing. */
#define WSLOT(s, i) ((uint32_t)((s)->win - (s)->wbase) + (uint32_t)(i))
#define WIDX(s, id) ((s)->widx[(id) & (s)->wmask])

/* Slots for n entries and half as many again; the index comes with
 * mqcs_win_index. */
int mqcs_win_alloc(mqc_session *s, size_t n)
{
    size_t slots = n + n / 2 + 1;

    if (slots > 65535)
        slots = 65535; /* no more ids than that (the window closes up more often) */
    s->wbase = mqc_mem_alloc(&s->mem, slots * sizeof(mqcs_msg));
    if (!s->wbase)
        return MQC_ERR_NOMEM;
    s->win = s->wbase;
    s->wslots = (uint32_t)slots;
    if (mqcs_win_index(s)) {
        mqc_mem_free(&s->mem, s->wbase); /* no window without its index */
        s->win = s->wbase = NULL;
        return MQC_ERR_NOMEM;
    }
    return 0;
}

/* (Re)builds the index, at least twice as large as the slots; larger
 * when two ids share a residue (a recovered window's ids were given under
 * another size). */
int mqcs_win_index(mqc_session *s)
{
    uint32_t n = s->widx ? s->wmask + 1 : 16, i, *t = s->widx;

    while (n < 2 * s->wslots)
        n *= 2;
    for (;;) {
        if (!t || n != s->wmask + 1) {
            t = mqc_mem_alloc(&s->mem, n * sizeof(*t));
            if (!t)
                return MQC_ERR_NOMEM;
            mqc_mem_free(&s->mem, s->widx);
            s->widx = t;
            s->wmask = n - 1;
        }
        memset(t, 0, n * sizeof(*t));
        for (i = 0; i < s->nwin && !(s->win[i].id && WIDX(s, s->win[i].id)); i++)
            if (s->win[i].id) /* 0: mqcs_lost is giving it a new one */
                WIDX(s, s->win[i].id) = WSLOT(s, i) + 1;
        if (i == s->nwin)
            return 0;
        n *= 2;
    }
}

/* The window's entry with id, or -1. */
static long win_find(const mqc_session *s, uint16_t id)
{
    uint32_t k = s->nwin ? WIDX(s, id) : 0;
    size_t i = k - 1 - WSLOT(s, 0);

    return k && i < s->nwin && s->win[i].id == id ? (long)i : -1;
}

/* Takes entry i out, moving the shorter side: the entries behind it come
 * one forward (their index drops by one), those before it keep theirs. */
static void win_drop(mqc_session *s, size_t i)
{
    size_t j, a, b;

    if (s->win[i].id)
        WIDX(s, s->win[i].id) = 0;
    s->nwin--;
    if (i < s->nwin - i) {
        memmove(s->win + 1, s->win, i * sizeof(mqcs_msg));
        s->win++;
        a = 0, b = i;
    } else {
        memmove(s->win + i, s->win + i + 1, (s->nwin - i) * sizeof(mqcs_msg));
        a = i, b = s->nwin;
    }
    for (j = a; j < b; j++)
        if (s->win[j].id)
            WIDX(s, s->win[j].id) = WSLOT(s, j) + 1;
    if (!s->nwin)
        s->win = s->wbase;
}

/* Reports a final outcome and gives the record back to the store. */
static void done(mqc_session *s, uint32_t h, uint16_t id, mqc_outcome outcome, uint8_t reason)
{
    mqc_publish_result r;
    size_t len;
    uint8_t *p = rec(s, h, &len);

    memcpy(&r.token, p, 8);
    r.id = id;
    r.qos = (uint8_t)REC_QOS(p);
    r.outcome = outcome;
    r.reason = reason;
    r.props = s->ack_props; /* only the ack's own outcome has them */
    s->ack_props = NULL;
    mqcs_release(s, h);
    if (s->cb.on_publish_done)
        s->cb.on_publish_done(s, &r, s->ud);
}

/* Ends window entry i. A QoS 2 message we give up on (no ack, or over a
 * limit the server lowered on a resume) after its PUBLISH went out keeps
 * its id and sends PUBREL, so the server can free the id before we reuse
 * it. Returns 1 when the entry stays at i. */
int mqcs_finish(mqc_session *s, size_t i, mqc_outcome outcome, uint8_t reason)
{
    mqcs_msg *m = &s->win[i];
    uint32_t h = m->h;
    uint16_t id = m->id;
    uint8_t st = m->st;
    int stays = m->qos == 2 && (st & M_DUP)
                && ((1u << MQC_OUTCOME_FAILED | 1u << MQC_OUTCOME_TOO_LARGE
                     | 1u << MQC_OUTCOME_REJECTED | 1u << MQC_OUTCOME_EXPIRED) >> outcome & 1u);

    if (stays) {
        m->st = M_REL | M_DONE;
        m->sends = 0;
    } else {
        win_drop(s, i);
    }
    if (!(st & M_DONE))
        done(s, h, id, outcome, reason);
    return stays;
}

size_t mqcs_rec_id_off(const uint8_t *rec, size_t len)
{
    const uint8_t *p = rec + REC_HDR;
    uint8_t first;
    uint32_t rem;
    mqc_ssize hl = mqc_decode_fixed_header(p, len - REC_HDR, &first, &rem);
    size_t off;

    if (hl < 0 || !(first & 6) || (size_t)hl + 2 > len - REC_HDR)
        return 0;
    off = REC_HDR + (size_t)hl + 2 + ((size_t)p[hl] << 8 | p[hl + 1]);
    return off + 2 <= len ? off : 0;
}

/* p, len: record h as get() gave it. */
static int set_id(mqc_session *s, uint32_t h, const uint8_t *p, size_t len, uint16_t id)
{
    uint8_t b[2];

    b[0] = (uint8_t)(id >> 8);
    b[1] = (uint8_t)id;
    return patch(s, h, mqcs_rec_id_off(p, len), b, 2);
}

/* The queue index grows (doubling) up to max_queued + 1; the session's own
 * memory store is made at the first message. */
static MQC_NOINLINE int room(mqc_session *s)
{
    uint32_t cap = s->qcap ? s->qcap * 2 : 8, i;
    size_t ring = s->o.store_capacity ? s->o.store_capacity : 1u << 20;
    uint32_t *q;
    int rc;
#if MQC_ENABLE_V5
    mqc_tstamp *qt = NULL;
#endif

    if (!s->store.ops) {
        /* 8: the smallest ring the store takes (no record fits in it). */
        rc = mqc_store_mem_new(&s->store, ring < 8 ? 8 : ring, &s->mem);
        if (rc)
            return rc;
    }
    /* 5.0: the expiry times go beside (a recovered queue has none yet). */
#if MQC_ENABLE_V5
    if (s->qlen < s->qcap && (s->qt || !IS_V5(s)))
#else
    if (s->qlen < s->qcap)
#endif
        return 0;
    if (s->qlen < s->qcap)
        cap = s->qcap;
    if (cap > s->o.max_queued + 1)
        cap = s->o.max_queued + 1;
    q = mqc_mem_alloc(&s->mem, cap * sizeof(*q));
#if MQC_ENABLE_V5
    if (q && IS_V5(s) && !(qt = mqc_mem_alloc(&s->mem, cap * sizeof(*qt)))) {
        mqc_mem_free(&s->mem, q);
        q = NULL;
    }
#endif
    if (!q)
        return MQC_ERR_NOMEM;
    for (i = 0; i < s->qlen; i++) {
        q[i] = s->q[(s->qhead + i) % s->qcap];
#if MQC_ENABLE_V5
        if (qt)
            qt[i] = s->qt ? s->qt[(s->qhead + i) % s->qcap] : 0;
#endif
    }
#if MQC_ENABLE_V5
    mqc_mem_free(&s->mem, s->qt);
    s->qt = qt;
#endif
    mqc_mem_free(&s->mem, s->q);
    s->q = q;
    s->qcap = cap;
    s->qhead = 0;
    return 0;
}

int mqc_session_publish(mqc_session *s, const mqc_publish *msg, uint64_t token, mqc_tstamp now)
{
    uint8_t small[MQC_SESSION_PUB_SMALL];
    mqc_publish p;
    mqc_ssize n;
    uint32_t h;
    uint8_t *r;
    size_t len, off;
    int rc, direct;

    if (!s || !msg)
        return MQC_ERR_INVAL; /* the encoder refuses QoS 3 before anything is kept */
    s->now = now;
#if MQC_ENABLE_V5
    /* The session gives the aliases (see topic_alias_out). */
    if (IS_V5(s) && msg->props && mqc_props_has(msg->props, MQC_PROP_TOPIC_ALIAS))
        return MQC_ERR_INVAL;
#endif
    /* A message that can enter the window at once needs no queue room. */
    direct = msg->qos && s->state == ST_CONNECTED && !s->qlen && s->nwin < s->win_cap;
    if (s->qlen >= s->o.max_queued + (uint32_t)direct)
        return MQC_ERR_QUEUE_FULL;
    p = *msg;
    p.dup = 0;
    p.id = p.qos ? 1 : 0; /* 0 in the record: patched when it enters the window */
    /* A small message is encoded once, on the stack, and copied into its
     * record; only a larger one is measured first and encoded in place
     * (each encoding validates and walks the message twice). */
    n = mqc_encode_publish(small, sizeof(small), s->o.protocol, &p);
    if (n == MQC_ERR_BUFFER)
        n = mqc_encode_publish(NULL, 0, s->o.protocol, &p);
    if (n < 0)
        return (int)n;
    rc = room(s);
    if (rc)
        return rc;
    rc = s->store.ops->put(s->store.ctx, NULL, REC_HDR + (size_t)n, &h);
    if (rc)
        return rc;
    r = rec(s, h, &len);
    memcpy(r, &token, 8);
    r[REC_PHASE] = 0;
    if ((size_t)n <= sizeof(small))
        memcpy(r + REC_HDR, small, (size_t)n);
    else
        mqc_encode_publish(r + REC_HDR, (size_t)n, s->o.protocol, &p);
    if (p.qos) {
        off = mqcs_rec_id_off(r, len);
        r[off] = r[off + 1] = 0;
    }
    rc = patch(s, h, 0, r, len);
    /* ALWAYS: on stable storage before the call returns. */
    if (!rc && mqcs_store_sync(s, MQC_STORE_SYNC_ACCEPT))
        rc = MQC_ERR_STORE;
    if (rc) {
        s->store.ops->remove(s->store.ctx, h);
        return rc;
    }
    s->q[(s->qhead + s->qlen) % s->qcap] = h;
#if MQC_ENABLE_V5
    if (s->qt)
        s->qt[(s->qhead + s->qlen) % s->qcap] = mqcs_expiry_of(msg, now);
#endif
    s->qlen++;
    mqcs_admit(s);
    return 0;
}

/* What the server said it cannot take (CONNACK limits) fails before the
 * wire: the outcome, or -1 when the message passes. r, len: the record. */
static int refusal(const mqc_session *s, const uint8_t *r, size_t len, uint8_t *reason)
{
    uint8_t first = r[REC_HDR];

    *reason = 0;
#if MQC_ENABLE_V5
    if (len - REC_HDR > s->srv_max_packet)
        return MQC_OUTCOME_TOO_LARGE;
    if (REC_QOS(r) > s->srv_max_qos || ((first & 1) && !s->srv_retain)) {
        *reason = REC_QOS(r) > s->srv_max_qos ? 0x9B : 0x9A;
        return MQC_OUTCOME_REJECTED;
    }
#else
    (void)s;
    (void)first;
    (void)len;
#endif
    return -1;
}

/* The expiry of the message at the head of the queue (0: never). */
static mqc_tstamp head_exp(const mqc_session *s)
{
#if MQC_ENABLE_V5
    return s->qt ? s->qt[s->qhead] : 0;
#else
    (void)s;
    return 0;
#endif
}

/* Moves QoS>0 messages from the head of the queue into the window. */
void mqcs_admit(mqc_session *s)
{
    mqcs_msg *m;
    uint32_t h;
    uint16_t id;
    uint8_t qos, reason;
    const uint8_t *r;
    size_t len;
    int out;

    while (s->state == ST_CONNECTED && s->qlen) {
        /* The record once, for all of the below: valid until it is patched. */
        h = s->q[s->qhead];
        r = rec(s, h, &len);
        out = refusal(s, r, len, &reason);
#if MQC_ENABLE_V5
        if (MQCS_EXPIRED(head_exp(s), s->now))
            out = MQC_OUTCOME_EXPIRED;
#endif
        if (out >= 0) {
            pop(s);
            done(s, h, 0, (mqc_outcome)out, reason);
            continue;
        }
        qos = (uint8_t)REC_QOS(r);
        if (!qos || s->nwin >= s->win_cap)
            return;
        /* No memory now: it waits in the queue, and the next fill tries again. */
        if (!s->wbase && mqcs_win_alloc(s, s->o.max_inflight))
            return;
        if (s->win + s->nwin == s->wbase + s->wslots) {
            memmove(s->wbase, s->win, s->nwin * sizeof(mqcs_msg));
            s->win = s->wbase;
            mqcs_win_index(s); /* the same size: no allocation */
        }
        if (!(id = mqcs_alloc_id(s)) || set_id(s, h, r, len, id))
            return;
        WIDX(s, id) = WSLOT(s, s->nwin) + 1;
        m = &s->win[s->nwin++];
        memset(m, 0, sizeof(*m));
        m->h = h;
        m->id = id;
        m->qos = qos;
#if MQC_ENABLE_V5
        m->exp = head_exp(s);
#endif
        pop(s);
    }
}

static mqc_tstamp due(const mqc_session *s, const mqcs_msg *m, mqc_tstamp now)
{
    uint32_t iv = s->o.retry_interval_ms, cap = s->o.retry_max_interval_ms;
    unsigned k = m->sends;

    if (!IS_V5(s) && iv) {
        /* 3.1.1 resend on a live connection: the interval doubles per send
         * up to the cap (0: it stays the same). In 32 bits: a doubling
         * past the cap stops at it. */
        while (--k && iv < cap)
            iv = iv > cap - iv ? cap : iv * 2;
        return now + (cap && iv > cap ? cap : iv);
    }
    return s->o.ack_timeout_ms ? now + s->o.ack_timeout_ms : MQC_TSTAMP_NONE;
}

/* Unsent, and a PUBREL or within the server's Receive Maximum (which may
 * have shrunk since the message entered the window). */
int mqcs_sendable(const mqc_session *s, size_t i)
{
    return !(s->win[i].st & M_SENT) && (i < s->win_cap || (s->win[i].st & M_REL));
}

/* Puts out the PUBLISH in record h (see mqcs_emit), what is left of its
 * Message Expiry patched in; an alias only on a first transmission. */
static int emit_rec(mqc_session *s, uint32_t h, mqc_tstamp exp, int first)
{
    size_t len;
    uint8_t *p;

#if MQC_ENABLE_V5
    if (exp)
        mqcs_expiry_patch(s, h, exp);
    p = rec(s, h, &len);
    if (first && IS_V5(s))
        return mqcs_alias_emit(s, p + REC_HDR, len - REC_HDR, h);
#else
    (void)exp;
    (void)first;
    p = rec(s, h, &len);
#endif
    return mqcs_emit(s, p + REC_HDR, len - REC_HDR, h, 0);
}

static mqc_tstamp msg_exp(const mqcs_msg *m)
{
#if MQC_ENABLE_V5
    return m->exp;
#else
    (void)m;
    return 0;
#endif
}

/* Writes the current packet of entry i: 1 = done, 0 = stop filling. */
static int send_msg(mqc_session *s, size_t i, mqc_tstamp now)
{
    mqcs_msg *m = &s->win[i];
    int r = 1;
    size_t len;
    uint8_t *p, first;

    if (m->st & M_REL) {
        if (!mqcs_put_ack(s, MQC_PUBREL, m->id, 0))
            return 0;
    } else {
        p = rec(s, m->h, &len);
        first = (uint8_t)((p[REC_HDR] & ~8u) | (m->st & M_DUP ? 8u : 0u));
        if (first != p[REC_HDR])
            patch(s, m->h, REC_HDR, &first, 1);
        r = emit_rec(s, m->h, msg_exp(m), !(m->st & M_DUP));
        if (!r)
            return 0;
        m = &s->win[i]; /* a trace callback may have published: the window may have closed up */
        m->st |= M_DUP;
    }
    m->st |= M_SENT;
    m->sends++;
    m->due = due(s, m, now);
    return r == 1;
}

int mqcs_fill_window(mqc_session *s, mqc_tstamp now)
{
    size_t i = 0;
    uint32_t h;
    int r;

    s->now = now;
    for (;;) {
        while (i < s->nwin) {
            if (!mqcs_sendable(s, i)) {
                i++;
            } else if (!(s->win[i].st & M_REL) && MQCS_EXPIRED(msg_exp(&s->win[i]), now)) {
                mqcs_finish(s, i, MQC_OUTCOME_EXPIRED, 0); /* a PUBREL may stay at i */
            } else if (send_msg(s, i, now)) {
                i++;
            } else {
                return 0;
            }
        }
        mqcs_admit(s);
        if (i < s->nwin)
            continue;
        if (!s->qlen || mqcs_head_qos(s))
            return 1;
        /* QoS 0: done once it is in the output. */
        h = s->q[s->qhead];
        if (MQCS_EXPIRED(head_exp(s), now)) {
            pop(s);
            done(s, h, 0, MQC_OUTCOME_EXPIRED, 0);
            continue;
        }
        r = emit_rec(s, h, head_exp(s), 1);
        if (!r)
            return 0;
        pop(s);
        done(s, h, 0, MQC_OUTCOME_ACKED, 0);
        if (r == 2)
            return 0;
    }
}

/* Readies entry i for another send, or fails it after max_attempts.
 * Returns 1 when the entry stays at i. */
int mqcs_again(mqc_session *s, size_t i)
{
    mqcs_msg *m = &s->win[i];

    if (!(m->st & M_REL) && s->o.max_attempts && m->sends >= s->o.max_attempts)
        return mqcs_finish(s, i, MQC_OUTCOME_FAILED, 0);
    m->st &= ~M_SENT;
    return 1;
}

/* Readies entry i after a reconnect: a PUBLISH the server's new limits
 * exclude fails (a PUBREL always goes). Returns 1 when it stays at i. */
static int again_within(mqc_session *s, size_t i)
{
    uint8_t reason;
    size_t len;
    int out = -1;

    /* A PUBREL needs no record, and may have none left (mqcs_finish). */
    if (!(s->win[i].st & M_REL)) {
        const uint8_t *r = rec(s, s->win[i].h, &len);

        out = refusal(s, r, len, &reason);
    }

    return out < 0 ? mqcs_again(s, i) : mqcs_finish(s, i, (mqc_outcome)out, reason);
}

/* Session resumed: everything unacknowledged goes again, in order. Only
 * the entries there before: a callback may add new ones at the end. */
void mqcs_resume(mqc_session *s)
{
    size_t i = 0, n = s->nwin;

    for (; n; n--)
        i += (size_t)again_within(s, i);
}

/* The server has no session for us: see MQC_LOST_RESEND / MQC_LOST_FAIL.
 * A PUBREC already moved the message to the server: it counts as acked. */
void mqcs_lost(mqc_session *s)
{
    size_t i = 0, n = s->nwin, k;
    mqcs_msg *m;

    s->nin = 0;
    mqcs_rel_clear(s);
    mqcs_store_inbound(s, 0, 0);
    /* Only the entries there before the loss: a callback may publish, and
     * its new message must not be failed by this loss. */
    for (; n; n--) {
        m = &s->win[i];
        if (m->st & M_REL) {
            mqcs_finish(s, i, MQC_OUTCOME_ACKED, 0);
        } else if (s->o.lost_policy == MQC_LOST_FAIL) {
            mqcs_finish(s, i, MQC_OUTCOME_SESSION_LOST, 0);
        } else {
            m->st = 0;
            WIDX(s, m->id) = 0;
            m->id = 0;
            i += (size_t)again_within(s, i);
        }
    }
    /* Old ids mean nothing now: the kept entries (first, before anything a
     * callback added) get new ones. */
    for (k = 0; k < i; k++) {
        size_t len;
        const uint8_t *r = rec(s, s->win[k].h, &len);

        s->win[k].id = mqcs_alloc_id(s);
        WIDX(s, s->win[k].id) = WSLOT(s, k) + 1;
        set_id(s, s->win[k].h, r, len, s->win[k].id);
    }
    /* Without memory for it now, the next output tries again (subs.c). */
    if (mqcs_renew(s) < 0)
        s->flags |= F_RENEW;
    else
        s->flags &= ~F_RENEW;
}

int mqcs_on_ack(mqc_session *s, const mqc_packet *p)
{
    long k = win_find(s, p->id);
    size_t i = (size_t)k;
    mqcs_msg *m;
    uint8_t one = 1;
    int rejected = IS_V5(s) && p->reason >= 0x80;

    /* An unknown id is a late ack of a message already given up: ignored. */
    if (k < 0)
        return 0;
    m = &s->win[i];
    if (p->type == MQC_PUBREC && m->qos == 2 && !(m->st & M_REL)) {
        if (!rejected) {
            /* Kept first: PUBREL must never leave while the store could
             * still resend the PUBLISH after a restart. */
            if (patch(s, m->h, REC_PHASE, &one, 1))
                return MQC_ERR_STORE_SYNC;
            m->st = M_REL;
            m->sends = 0;
            return 0;
        }
        m->st &= ~M_DUP; /* the server ended the exchange: the id is free */
    } else if (p->type == MQC_PUBCOMP && (m->st & M_REL)) {
        rejected = 0;
    } else if (p->type == MQC_PUBACK && m->qos == 2 && !(m->st & M_REL)) {
        /* A server without QoS 2 (RabbitMQ) acks it as QoS 1. Exactly once is
         * not to be had: say so, and resend nothing (a resend would be another
         * copy). The exchange is over at the server: no PUBREL follows. */
        m->st &= ~M_DUP;
        mqcs_finish(s, i, MQC_OUTCOME_DOWNGRADED, 0);
        return MQC_ERR_QOS2_PUBACK;
    } else if (p->type != MQC_PUBACK || m->qos != 1) {
        return 0;
    }
    s->ack_props = &p->props;
    mqcs_finish(s, i, rejected ? MQC_OUTCOME_REJECTED : MQC_OUTCOME_ACKED, p->reason);
    s->ack_props = NULL;
    return 0;
}

void mqcs_cancel_all(mqc_session *s)
{
    while (s->nwin)
        mqcs_finish(s, 0, MQC_OUTCOME_CANCELLED, 0);
    while (s->qlen)
        done(s, pop(s), 0, MQC_OUTCOME_CANCELLED, 0);
}
