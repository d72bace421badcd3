/*
 * SUBSCRIBE / UNSUBSCRIBE: requests wait (encoded, with their id) for their
 * ack and go again after any reconnect; subscriptions are remembered (owned
 * copies) so they can be renewed when the server loses the session (unless
 * MQC_ENABLE_RENEWAL is 0: then the application subscribes again).
 */
#include "codec/codec.h"
#include "session/session.h"

/* The request table lives while a request waits: an idle session has none. */
static void req_table_trim(mqc_session *s)
{
    if (!s->nreq) {
        mqc_mem_free(&s->mem, s->req);
        s->req = NULL;
    }
}

static void drop_req(mqc_session *s, size_t i)
{
    mqc_mem_free(&s->mem, s->req[i].pkt);
    s->nreq--;
    memmove(&s->req[i], &s->req[i + 1], (s->nreq - i) * sizeof(mqcs_req));
    req_table_trim(s);
}

/* Queues an encoded request; returns its packet id, or a negative error. */
static int request(mqc_session *s, uint8_t type, const void *items, size_t n,
                   const mqc_props *props, uint64_t token)
{
    mqcs_req *r;
    mqc_ssize len = 0, got;
    uint8_t *b = NULL;
    uint16_t id;

    id = mqcs_alloc_id(s);
    if (!id)
        return MQC_ERR_NO_ID;
    /* Twice: the length (b NULL), then the packet. */
    for (;;) {
        got = mqc_codec_encode_request(b, (size_t)len, s->o.protocol, type, id, items, n, props);
        if (b)
            break;
        len = got;
        if (len < 0)
            return (int)len;
        /* 5.0 [MQTT-3.2.2-15]; known now only when connected (else see
         * mqcs_refuse_large). */
        if (IS_V5(s) && token != MQC_TOKEN_RENEWAL && s->state == ST_CONNECTED
            && (size_t)len > s->srv_max_packet)
            return MQC_ERR_TOO_LARGE;
        b = mqc_mem_alloc(&s->mem, (size_t)len);
        if (!b)
            return MQC_ERR_NOMEM;
    }
    if (!s->req && !(s->req = mqc_mem_alloc(&s->mem, (MQC_SESSION_MAX_PENDING + 1)
                                                         * sizeof(mqcs_req)))) {
        mqc_mem_free(&s->mem, b);
        return MQC_ERR_NOMEM;
    }
    r = &s->req[s->nreq++];
    r->pkt = b;
    r->len = (size_t)len;
    r->token = token;
    r->id = id;
    r->type = type;
    r->sent = 0;
    r->n = (uint8_t)(n < 255 ? n : 255); /* the codes mqcs_refuse_large reports */
    return id;
}

#if MQC_ENABLE_RENEWAL
/* Subscriptions remembered (owned copies of the filters) so that they can
 * be renewed when the server loses the session; a durable store keeps the
 * acknowledged ones (durable.c). */

static mqcs_sub *find_sub(mqc_session *s, const mqc_str *f)
{
    size_t i;

    for (i = 0; i < s->nsubs; i++)
        if (s->subs[i].sub.filter.len == f->len
            && !memcmp(s->subs[i].sub.filter.ptr, f->ptr, f->len))
            return &s->subs[i];
    return NULL;
}

/* The table grows by this many entries, up to MQC_SESSION_MAX_SUBS. */
#define SUBS_STEP 4u

/* The last one takes its place; the table goes with the last one. */
static void remove_sub(mqc_session *s, mqcs_sub *e)
{
    mqc_mem_free(&s->mem, (void *)(uintptr_t)e->sub.filter.ptr);
    *e = s->subs[--s->nsubs];
    if (!s->nsubs)
        mqcs_forget_subs(s);
}

/* Room for n subscriptions in all (n <= MQC_SESSION_MAX_SUBS): 0 or
 * MQC_ERR_NOMEM, with the table as it was. */
int mqcs_subs_reserve(mqc_session *s, size_t n)
{
    size_t cap;
    mqcs_sub *t;

    if (n <= s->subcap)
        return 0;
    cap = (n + SUBS_STEP - 1) / SUBS_STEP * SUBS_STEP;
    if (cap > MQC_SESSION_MAX_SUBS)
        cap = MQC_SESSION_MAX_SUBS;
    t = mqc_mem_realloc(&s->mem, s->subs, cap * sizeof(mqcs_sub));
    if (!t)
        return MQC_ERR_NOMEM;
    s->subs = t;
    s->subcap = (uint8_t)cap;
    return 0;
}

/* Copies of the SUBSCRIBE's filters not remembered yet (NULL for the
 * others), made before the request is queued: once it is, nothing fails. */
static int copy_filters(mqc_session *s, const mqc_subscription *subs, size_t n, char **copies)
{
    size_t i;

    for (i = 0; i < n; i++) {
        copies[i] = NULL;
        if (find_sub(s, &subs[i].filter))
            continue;
        copies[i] = mqc_mem_alloc(&s->mem, subs[i].filter.len + 1);
        if (!copies[i]) {
            while (i--)
                mqc_mem_free(&s->mem, copies[i]);
            return MQC_ERR_NOMEM;
        }
        memcpy(copies[i], subs[i].filter.ptr, subs[i].filter.len);
    }
    return 0;
}

/* Request id has been queued: the filters of its n items are remembered
 * (SUBSCRIBE, items: mqc_subscription, with copy_filters' copies; pending
 * until its SUBACK), or forgotten (UNSUBSCRIBE, items: mqc_str). Both
 * begin with the filter, so one walk with a stride serves both. */
static void remember(mqc_session *s, uint8_t type, const void *items, size_t n,
                     const mqc_props *props, uint16_t id, char **copies)
{
    size_t stride = type == MQC_SUBSCRIBE ? sizeof(mqc_subscription) : sizeof(mqc_str);
    const mqc_subscription *sub;
    mqcs_sub *e;
    size_t i;
    char *copy;

    for (i = 0; i < n; i++) {
        sub = (const mqc_subscription *)(const void *)((const uint8_t *)items + i * stride);
        e = find_sub(s, &sub->filter);
        if (type == MQC_UNSUBSCRIBE) {
            if (e) {
                remove_sub(s, e);
                mqcs_store_subs(s);
            }
            continue;
        }
        if (!e) {
            copy = copies[i];
            e = &s->subs[s->nsubs++];
        } else {
            mqc_mem_free(&s->mem, copies[i]); /* the same filter twice in one request */
            copy = (char *)(uintptr_t)e->sub.filter.ptr;
        }
        e->sub = *sub;
        e->sub.filter.ptr = copy;
        e->req = id;
        e->pos = (uint8_t)i;
#if MQC_ENABLE_V5
        /* Kept for the renewal: the server reports it with each message. */
        e->sid = props && mqc_props_has(props, MQC_PROP_SUBSCRIPTION_ID)
                     && props->subscription_id_count
                     ? props->subscription_ids[0] : 0;
#else
        (void)props;
#endif
    }
}

/* Request id is over (acked or dropped): the subscriptions it carries are
 * settled, and those refused (one of the n codes >= 0x80) forgotten: a
 * refused subscription is not renewed after a session loss. */
static void settle(mqc_session *s, uint16_t id, const uint8_t *codes, size_t n)
{
    size_t k = 0;

    while (k < s->nsubs) {
        mqcs_sub *e = &s->subs[k];

        if (e->req != id) {
            k++;
        } else if (e->pos < n && codes[e->pos] >= 0x80) {
            remove_sub(s, e); /* the last one moves to k */
        } else {
            e->req = 0;
            k++;
        }
    }
    mqcs_store_subs(s);
}

/* The server lost our session: subscribe again to every remembered filter
 * that no pending SUBSCRIBE carries already (a second SUBSCRIBE would make
 * the broker send its retained messages twice). A renewal still pending
 * from an earlier loss is replaced. One SUBSCRIBE per 5.0 Subscription
 * Identifier (a SUBSCRIBE has one); the last free request slot takes all
 * that are left, with their identifier only if they share it. */
int mqcs_renew(mqc_session *s)
{
    mqc_subscription subs[MQC_SESSION_MAX_SUBS];
    mqc_props props;
    mqcs_sub *e;
    size_t i, k, n;
    uint32_t sid;
    int id, all, mixed;

    for (i = 0; i < s->nreq; i++) {
        if (s->req[i].token == MQC_TOKEN_RENEWAL) {
            settle(s, s->req[i].id, NULL, 0);
            drop_req(s, i--);
        }
    }
    for (;;) {
#if MQC_ENABLE_V5
        all = s->nreq >= MQC_SESSION_MAX_PENDING;
#else
        all = 1; /* no identifiers: one SUBSCRIBE takes them all */
#endif
        for (k = 0; k < s->nsubs && s->subs[k].req; k++)
            ;
        if (k == s->nsubs)
            return 0;
        sid = SUB_SID(&s->subs[k]);
        for (n = 0, mixed = 0; k < s->nsubs; k++) {
            e = &s->subs[k];
            if (e->req || (!all && SUB_SID(e) != sid))
                continue;
            mixed |= SUB_SID(e) != sid;
            subs[n++] = e->sub;
        }
        if (sid && !mixed) {
            memset(&props, 0, sizeof(props));
            mqc_props_set(&props, MQC_PROP_SUBSCRIPTION_ID);
            props.subscription_ids[0] = sid;
            props.subscription_id_count = 1;
        }
        id = request(s, MQC_SUBSCRIBE, subs, n, sid && !mixed ? &props : NULL,
                     MQC_TOKEN_RENEWAL);
        if (id < 0)
            return id;
        for (n = k = 0; k < s->nsubs; k++) {
            e = &s->subs[k];
            if (!e->req && (all || SUB_SID(e) == sid)) {
                e->req = (uint16_t)id;
                e->pos = (uint8_t)n++;
            }
        }
    }
}

void mqcs_forget_subs(mqc_session *s)
{
    while (s->nsubs)
        mqc_mem_free(&s->mem, (void *)(uintptr_t)s->subs[--s->nsubs].sub.filter.ptr);
    mqc_mem_free(&s->mem, s->subs);
    s->subs = NULL;
    s->subcap = 0;
}

#else
/* Nothing remembered: the application subscribes again after a loss. */
static void remember(mqc_session *s, uint8_t type, const void *items, size_t n,
                     const mqc_props *props, uint16_t id, char **copies)
{
    (void)s;
    (void)type;
    (void)items;
    (void)n;
    (void)props;
    (void)id;
    (void)copies;
}

static void settle(mqc_session *s, uint16_t id, const uint8_t *codes, size_t n)
{
    (void)s;
    (void)id;
    (void)codes;
    (void)n;
}
#endif

/* SUBSCRIBE (items: mqc_subscription) or UNSUBSCRIBE (items: mqc_str). */
static int call(mqc_session *s, uint8_t type, const void *items, size_t n,
                const mqc_props *props, uint64_t token, uint16_t *id_out)
{
#if MQC_ENABLE_RENEWAL
    char *copies[MQC_SESSION_MAX_SUBS];
#else
    char **copies = NULL;
#endif
    int rc;

    if (!s || !items || !n)
        return MQC_ERR_INVAL;
    /* Room for every filter as a new one: refusing early never leaves a
     * subscription unremembered. */
    if (s->nreq >= MQC_SESSION_MAX_PENDING
        || (MQC_ENABLE_RENEWAL && type == MQC_SUBSCRIBE
            && mqcs_nsubs(s) + n > MQC_SESSION_MAX_SUBS))
        return MQC_ERR_QUEUE_FULL;
#if MQC_ENABLE_RENEWAL
    /* All that remembering needs, before the request is queued. */
    if (type == MQC_SUBSCRIBE) {
        rc = mqcs_subs_reserve(s, mqcs_nsubs(s) + n);
        if (!rc)
            rc = copy_filters(s, items, n, copies);
        if (rc < 0) {
            if (!mqcs_nsubs(s))
                mqcs_forget_subs(s); /* the table just reserved, still empty */
            return rc;
        }
    }
#endif
    rc = request(s, type, items, n, props, token);
    if (rc < 0) {
#if MQC_ENABLE_RENEWAL
        if (type == MQC_SUBSCRIBE) {
            while (n--)
                mqc_mem_free(&s->mem, copies[n]);
            if (!mqcs_nsubs(s))
                mqcs_forget_subs(s);
        }
#endif
        return rc;
    }
    if (id_out)
        *id_out = (uint16_t)rc;
    remember(s, type, items, n, props, (uint16_t)rc, copies);
    return 0;
}

int mqc_session_subscribe(mqc_session *s, const mqc_subscription *subs, size_t n,
                          const mqc_props *props, uint64_t token, uint16_t *id_out,
                          mqc_tstamp now)
{
    (void)now;
    return call(s, MQC_SUBSCRIBE, subs, n, props, token, id_out);
}

int mqc_session_unsubscribe(mqc_session *s, const mqc_str *filters, size_t n,
                            const mqc_props *props, uint64_t token, uint16_t *id_out,
                            mqc_tstamp now)
{
    (void)now;
    return call(s, MQC_UNSUBSCRIBE, filters, n, props, token, id_out);
}

/* Request i ends with these codes (one per filter). */
static void end_req(mqc_session *s, size_t i, const uint8_t *codes, size_t n)
{
    uint64_t token = s->req[i].token;
    uint16_t id = s->req[i].id;
    void (*f)(mqc_session *, uint16_t, uint64_t, const uint8_t *, size_t, void *) =
        s->req[i].type == MQC_SUBSCRIBE ? s->cb.on_suback : s->cb.on_unsuback;

    drop_req(s, i);
    settle(s, id, codes, n); /* only a SUBSCRIBE's id is a subscription's req */
    if (f)
        f(s, id, token, codes, n, s->ud);
}

int mqcs_on_suback(mqc_session *s, const mqc_packet *p)
{
    size_t i;

    /* SUBACK is 9 for SUBSCRIBE 8, UNSUBACK 11 for UNSUBSCRIBE 10. */
    for (i = 0; i < s->nreq; i++) {
        if (s->req[i].id == p->id && s->req[i].type + 1 == p->type) {
            end_req(s, i, p->reasons.ptr, p->reasons.len);
            break;
        }
    }
    return 0; /* an ack nobody waits for: ignored */
}

#if MQC_ENABLE_V5
/* 5.0: requests over the server's Maximum Packet Size (learnt from CONNACK)
 * are never written: they end with code 0x80 for each filter. */
void mqcs_refuse_large(mqc_session *s)
{
    uint8_t codes[255];
    size_t i;

    memset(codes, 0x80, sizeof(codes));
    for (i = 0; i < s->nreq; i++) {
        if (s->req[i].len > s->srv_max_packet) {
            end_req(s, i, codes, s->req[i].n);
            i = (size_t)-1; /* a callback may have changed the list: again */
        }
    }
}
#endif

int mqcs_fill_subs(mqc_session *s)
{
    size_t i;

#if MQC_ENABLE_RENEWAL
    if ((s->flags & F_RENEW) && !mqcs_renew(s))
        s->flags &= ~F_RENEW;
#endif
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
    mqcs_forget_subs(s);
}
