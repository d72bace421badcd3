/*
 * SUBSCRIBE / UNSUBSCRIBE: requests wait (encoded, with their id) for their
 * ack and go again after any reconnect; subscriptions are remembered (owned
 * copies) so they can be renewed when the server loses the session.
 */
#include "session/session.h"

static mqcs_sub *find_sub(mqc_session *s, mqc_str f)
{
    size_t i;

    for (i = 0; i < s->nsubs; i++)
        if (s->subs[i].len == f.len && !memcmp(s->subs[i].filter, f.ptr, f.len))
            return &s->subs[i];
    return NULL;
}

static void forget(mqc_session *s, mqc_str f)
{
    mqcs_sub *e = find_sub(s, f);

    if (e) {
        mqc_mem_free(&s->mem, e->filter);
        *e = s->subs[--s->nsubs];
    }
}

static void drop_req(mqc_session *s, size_t i)
{
    mqc_mem_free(&s->mem, s->req[i].pkt);
    s->nreq--;
    memmove(&s->req[i], &s->req[i + 1], (s->nreq - i) * sizeof(mqcs_req));
}

static int request(mqc_session *s, uint8_t type, const void *items, size_t n,
                   const mqc_props *props, uint64_t token, uint16_t *id_out)
{
    mqcs_req *r;
    mqc_ssize len;
    uint8_t *b;
    uint16_t id;

#define ENCODE(buf, cap)                                                                     \
    (type == MQC_SUBSCRIBE                                                                   \
         ? mqc_encode_subscribe(buf, cap, s->o.protocol, id, items, n, props)                \
         : mqc_encode_unsubscribe(buf, cap, s->o.protocol, id, items, n, props))
    id = mqcs_alloc_id(s);
    if (!id)
        return MQC_ERR_NO_ID;
    len = ENCODE(NULL, 0);
    if (len < 0)
        return (int)len;
    b = mqc_mem_alloc(&s->mem, (size_t)len);
    if (!b)
        return MQC_ERR_NOMEM;
    ENCODE(b, (size_t)len);
#undef ENCODE
    r = &s->req[s->nreq++];
    r->pkt = b;
    r->len = (size_t)len;
    r->token = token;
    r->id = id;
    r->type = type;
    r->sent = 0;
    if (id_out)
        *id_out = id;
    return 0;
}

int mqc_session_subscribe(mqc_session *s, const mqc_subscription *subs, size_t n,
                          const mqc_props *props, uint64_t token, uint16_t *id_out,
                          mqc_tstamp now)
{
    size_t i, fresh = 0;
    mqcs_sub *e;
    int rc;

    (void)now;
    if (!s || !subs || !n)
        return MQC_ERR_INVAL;
    for (i = 0; i < n; i++)
        fresh += !find_sub(s, subs[i].filter);
    if (s->nreq >= MQC_SESSION_MAX_PENDING || s->nsubs + fresh > MQC_SESSION_MAX_SUBS)
        return MQC_ERR_QUEUE_FULL;
    rc = request(s, MQC_SUBSCRIBE, subs, n, props, token, id_out);
    for (i = 0; !rc && i < n; i++) {
        e = find_sub(s, subs[i].filter);
        if (!e) {
            e = &s->subs[s->nsubs];
            e->filter = mqc_mem_alloc(&s->mem, subs[i].filter.len + 1);
            if (!e->filter)
                return MQC_ERR_NOMEM;
            memcpy(e->filter, subs[i].filter.ptr, subs[i].filter.len);
            e->len = (uint16_t)subs[i].filter.len;
            s->nsubs++;
        }
        e->qos = subs[i].qos;
        e->no_local = subs[i].no_local;
        e->rap = subs[i].retain_as_published;
        e->rh = subs[i].retain_handling;
    }
    return rc;
}

int mqc_session_unsubscribe(mqc_session *s, const mqc_str *filters, size_t n,
                            const mqc_props *props, uint64_t token, uint16_t *id_out,
                            mqc_tstamp now)
{
    size_t i;
    int rc;

    (void)now;
    if (!s || !filters || !n)
        return MQC_ERR_INVAL;
    if (s->nreq >= MQC_SESSION_MAX_PENDING)
        return MQC_ERR_QUEUE_FULL;
    rc = request(s, MQC_UNSUBSCRIBE, filters, n, props, token, id_out);
    for (i = 0; !rc && i < n; i++)
        forget(s, filters[i]);
    return rc;
}

/* The server lost our session: subscribe again to everything remembered,
 * replacing a renewal still pending from an earlier loss. */
int mqcs_renew(mqc_session *s)
{
    mqc_subscription subs[MQC_SESSION_MAX_SUBS];
    size_t i;

    for (i = 0; i < s->nreq; i++)
        if (s->req[i].token == MQC_TOKEN_RENEWAL && s->req[i].type == MQC_SUBSCRIBE)
            drop_req(s, i--);
    if (!s->nsubs)
        return 0;
    for (i = 0; i < s->nsubs; i++) {
        subs[i].filter.ptr = s->subs[i].filter;
        subs[i].filter.len = s->subs[i].len;
        subs[i].qos = s->subs[i].qos;
        subs[i].no_local = s->subs[i].no_local;
        subs[i].retain_as_published = s->subs[i].rap;
        subs[i].retain_handling = s->subs[i].rh;
    }
    return request(s, MQC_SUBSCRIBE, subs, s->nsubs, NULL, MQC_TOKEN_RENEWAL, NULL);
}

int mqcs_on_suback(mqc_session *s, const mqc_packet *p)
{
    size_t i;
    mqcs_req r;
    uint8_t want = p->type == MQC_SUBACK ? MQC_SUBSCRIBE : MQC_UNSUBSCRIBE;

    for (i = 0; i < s->nreq; i++) {
        if (s->req[i].id != p->id || s->req[i].type != want)
            continue;
        r = s->req[i];
        r.pkt = NULL;
        drop_req(s, i);
        if (want == MQC_SUBSCRIBE && s->cb.on_suback)
            s->cb.on_suback(s, r.id, r.token, p->reasons.ptr, p->reasons.len, s->ud);
        else if (want == MQC_UNSUBSCRIBE && s->cb.on_unsuback)
            s->cb.on_unsuback(s, r.id, r.token, p->reasons.ptr, p->reasons.len, s->ud);
        return 0;
    }
    return 0; /* an ack nobody waits for: ignored */
}

int mqcs_fill_subs(mqc_session *s)
{
    size_t i;

    for (i = 0; i < s->nreq; i++) {
        if (s->req[i].sent)
            continue;
        if (!mqcs_emit(s, s->req[i].pkt, s->req[i].len, NO_HANDLE, 1))
            return 0;
        s->req[i].sent = 1;
    }
    return 1;
}

void mqcs_subs_free(mqc_session *s)
{
    while (s->nreq)
        drop_req(s, 0);
    while (s->nsubs)
        mqc_mem_free(&s->mem, s->subs[--s->nsubs].filter);
}
