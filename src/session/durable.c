/*
 * A store that outlives the process (version 2, with load): the session
 * state besides the message records goes there too, and a new session on
 * it starts from what it holds. The write-ahead rule (see mqc_store_ops):
 * the store is synced before output that depends on its changes leaves.
 */
#include "session/session.h"

#if MQC_ENABLE_DURABLE

int mqcs_store_sync(mqc_session *s, mqc_store_sync_why why)
{
    if (!mqcs_durable(s) || !s->store.ops->sync)
        return 0;
    return s->store.ops->sync(s->store.ctx, why) ? MQC_ERR_STORE_SYNC : 0;
}

int mqcs_store_inbound(mqc_session *s, uint16_t id, int held)
{
    if (!mqcs_durable(s) || !s->store.ops->inbound)
        return 0;
    return s->store.ops->inbound(s->store.ctx, id, held) ? MQC_ERR_STORE_SYNC : 0;
}

/* Subscriptions are kept once the server has acknowledged them, as
 * [u16 filter length][filter][options: qos | no local << 2 | retain as
 * published << 3 | retain handling << 4 | 5.0 Subscription Identifier
 * follows << 6][that identifier: u32, only with bit 6]. */
#define SUB_HAS_SID 0x40

static uint32_t get_be(const uint8_t *p, unsigned n)
{
    uint32_t v = 0;

    while (n--)
        v = v << 8 | *p++;
    return v;
}

#if MQC_ENABLE_RENEWAL
static uint8_t *put_be(uint8_t *b, uint32_t v, unsigned n)
{
    while (n--)
        *b++ = (uint8_t)(v >> (8 * n));
    return b;
}

void mqcs_store_subs(mqc_session *s)
{
    uint8_t *b, *w;
    size_t i, n = 1;
    const mqcs_sub *e;

    if (!mqcs_durable(s) || !s->store.ops->set)
        return;
    for (i = 0; i < s->nsubs; i++)
        n += s->subs[i].req ? 0 : 3 + s->subs[i].sub.filter.len + (SUB_SID(&s->subs[i]) ? 4u : 0u);
    b = mqc_mem_alloc(&s->mem, n);
    if (!b)
        return; /* the store keeps the last set; a renewal may miss one */
    for (w = b, e = s->subs; e < s->subs + s->nsubs; e++) {
        if (e->req)
            continue;
        w = put_be(w, (uint32_t)e->sub.filter.len, 2);
        memcpy(w, e->sub.filter.ptr, e->sub.filter.len);
        w += e->sub.filter.len;
        *w++ = (uint8_t)(e->sub.qos | e->sub.no_local << 2 | e->sub.retain_as_published << 3
                         | e->sub.retain_handling << 4 | (SUB_SID(e) ? SUB_HAS_SID : 0));
        if (SUB_SID(e))
            w = put_be(w, SUB_SID(e), 4);
    }
    s->store.ops->set(s->store.ctx, MQC_STORE_KEY_SUBS, b, (size_t)(w - b));
    mqc_mem_free(&s->mem, b);
}

static int load_subs(mqc_session *s, const uint8_t *v, size_t len)
{
    const uint8_t *p = v, *end = v + len, *o;
    size_t fl;
    mqcs_sub *e;
    char *copy;

    while (end - p >= 3 && s->nsubs < MQC_SESSION_MAX_SUBS) {
        fl = get_be(p, 2);
        if ((size_t)(end - p) < 3 + fl)
            break;
        o = p + 2 + fl; /* the options byte */
        if ((*o & SUB_HAS_SID) && end - o < 5)
            break;
        copy = mqcs_subs_reserve(s, s->nsubs + 1u) ? NULL : mqc_mem_alloc(&s->mem, fl + 1);
        if (!copy)
            return MQC_ERR_NOMEM;
        memcpy(copy, p + 2, fl);
        e = &s->subs[s->nsubs++];
        memset(e, 0, sizeof(*e));
        e->sub.filter.ptr = copy;
        e->sub.filter.len = fl;
        e->sub.qos = *o & 3;
        e->sub.no_local = (*o >> 2) & 1;
        e->sub.retain_as_published = (*o >> 3) & 1;
        e->sub.retain_handling = (*o >> 4) & 3;
#if MQC_ENABLE_V5
        e->sid = (*o & SUB_HAS_SID) ? get_be(o + 1, 4) : 0;
#endif
        p = o + 1 + ((*o & SUB_HAS_SID) ? 4 : 0);
    }
    return 0;
}
#else
/* Nothing remembered, nothing kept: a stored set is ignored. */
void mqcs_store_subs(mqc_session *s) { (void)s; }
static int load_subs(mqc_session *s, const uint8_t *v, size_t len)
{
    (void)s;
    (void)v;
    (void)len;
    return 0;
}
#endif

/* The packet id a record was given when it entered the window; 0 while it
 * waits in the queue (and for QoS 0). */
static uint16_t rec_id(const uint8_t *rec, size_t len)
{
    size_t off = mqcs_rec_id_off(rec, len);

    return off ? (uint16_t)get_be(rec + off, 2) : 0;
}

typedef struct loader {
    mqc_session *s;
    mqc_protocol protocol;
    size_t nwin, nq;     /* counted (s NULL), or filled */
} loader;

/* A record as the session writes them: a PUBLISH of this protocol (its id
 * 0 while queued), phase 1 only at QoS 2. The log's CRCs make anything
 * else unlikely, but a store is input like any other. */
static int valid(const loader *ld, const uint8_t *rec, size_t len, uint16_t id)
{
    mqc_packet p;
    int rc;

    if (len <= REC_HDR || rec[REC_PHASE] > 1
        || (rec[REC_PHASE] && REC_QOS(rec) != 2))
        return 0;
    rc = mqc_decode(rec + REC_HDR, len - REC_HDR, ld->protocol, &p);
    return p.type == MQC_PUBLISH && (rc == 0 || (rc == MQC_ERR_MALFORMED_PACKET_ID && !id));
}

static int load_message(void *arg, uint32_t h, const uint8_t *rec, size_t len)
{
    loader *ld = arg;
    mqc_session *s = ld->s;
    uint16_t id = len > REC_HDR ? rec_id(rec, len) : 0;
    mqcs_msg *m;

    if (!valid(ld, rec, len, id))
        return MQC_ERR_STORE_CORRUPT;
    if (!s) {
        ld->nwin += id != 0;
        ld->nq += id == 0;
        return 0;
    }
    if (!id) {
        s->q[s->qlen++] = h;
        return 0;
    }
    /* In flight when the process ended: the server may have it, so it goes
     * again with DUP and its id, or as PUBREL once PUBREC had come. */
    m = &s->win[s->nwin++];
    memset(m, 0, sizeof(*m));
    m->h = h;
    m->id = id;
    m->qos = (uint8_t)REC_QOS(rec);
    m->st = rec[REC_PHASE] ? M_REL : M_DUP;
    m->sends = 1;
    s->next_id = (uint16_t)(id == 65535 ? 1 : id + 1);
    return 0;
}

static int load_inbound(void *arg, uint16_t id)
{
    loader *ld = arg;

    if (!ld->s)
        return 0;
    if (mqcs_rel_reserve(ld->s, ld->s->nrel + ld->s->nin + 1))
        return MQC_ERR_NOMEM;
    mqcs_rel_add(ld->s, id, 0); /* delivered; PUBREC may have to go again */
    return 0;
}

static int load_value(void *arg, unsigned key, const uint8_t *v, size_t len)
{
    loader *ld = arg;

    return ld->s && key == MQC_STORE_KEY_SUBS ? load_subs(ld->s, v, len) : 0;
}

static const mqc_store_visitor visitor = {load_message, load_inbound, load_value};

int mqcs_recover_count(const mqc_store *st, mqc_protocol protocol, size_t *nwin, size_t *nq)
{
    loader ld = {NULL, MQC_V311, 0, 0};
    int rc;

    ld.protocol = protocol;
    *nwin = *nq = 0;
    if (!mqcs_store_durable(st))
        return 0;
    rc = st->ops->load(st->ctx, &visitor, &ld);
    *nwin = ld.nwin;
    *nq = ld.nq;
    return rc;
}

/* Fills the session from its store; the window has room for nwin, the
 * queue index is allocated here for nq. */
int mqcs_recover(mqc_session *s, size_t nq)
{
    loader ld;
    int rc;

    ld.s = s;
    ld.protocol = s->o.protocol;
    if (nq) {
        s->q = mqc_mem_alloc(&s->mem, (nq + 1) * sizeof(*s->q));
        if (!s->q)
            return MQC_ERR_NOMEM;
        s->qcap = (uint32_t)(nq + 1);
    }
    rc = s->store.ops->load(s->store.ctx, &visitor, &ld);
    /* A session that has state has been connected: a CONNACK without it
     * means the server lost it (lost_policy applies). */
    if (s->nwin || s->nin || s->nrel || mqcs_nsubs(s))
        s->flags |= F_EVER;
    return rc;
}
#endif
