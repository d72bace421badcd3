/*
 * 5.0 Topic Aliases (5.0 §3.3.2.3.4), both ways, for one network
 * connection: both maps are forgotten when it ends.
 * Inbound: the topics the server named, at most o.topic_alias_max (the
 * maximum we announce), as owned copies.
 * Outbound: at most min(server's Topic Alias Maximum, o.topic_alias_out)
 * topics, given as the policy at mqc_session_opts.topic_alias_out says.
 * An alias is applied to a copy of the PUBLISH in the output buffer at a
 * message's first transmission, never to its store record: a resend (on
 * another connection, where the alias means nothing) carries the topic.
 */
#include "session/session.h"

#if MQC_ENABLE_TOPIC_ALIAS

/* Resolves the topic of an inbound PUBLISH, learning a new alias. */
int mqcs_alias_in(mqc_session *s, const mqc_packet *p, mqc_str *topic)
{
    uint16_t a = p->props.topic_alias;
    mqc_str *e;
    char *c;

    *topic = p->publish.topic;
    if (!mqc_props_has(&p->props, MQC_PROP_TOPIC_ALIAS))
        return 0;
    if (!a || a > s->o.topic_alias_max)
        return MQC_ERR_TOPIC_ALIAS;
    if (!s->ain) {
        s->ain = mqc_mem_alloc(&s->mem, s->o.topic_alias_max * sizeof(*s->ain));
        if (!s->ain)
            return MQC_ERR_NOMEM;
        memset(s->ain, 0, s->o.topic_alias_max * sizeof(*s->ain));
    }
    e = &s->ain[a - 1];
    if (!topic->len) {
        if (!e->ptr)
            return MQC_ERR_TOPIC_ALIAS; /* never set on this connection */
        *topic = *e;
        return 0;
    }
    if (e->len != topic->len || memcmp(e->ptr, topic->ptr, topic->len)) {
        c = mqc_mem_realloc(&s->mem, (void *)(uintptr_t)e->ptr, topic->len);
        if (!c)
            return MQC_ERR_NOMEM;
        memcpy(c, topic->ptr, topic->len);
        e->ptr = c;
        e->len = topic->len;
    }
    return 0;
}

/* The entry for this topic, or where a new one would go: a free slot, or
 * the least used one (*known says which). */
static size_t alias_pick(const mqc_session *s, const mqc_str *t, int *known)
{
    size_t i, least = 0;

    for (i = 0; i < s->naout; i++) {
        if (s->aout[i].len == t->len && !memcmp(s->aout[i].topic, t->ptr, t->len)) {
            *known = 1;
            return i;
        }
        if (s->aout[i].uses < s->aout[least].uses)
            least = i;
    }
    *known = 0;
    return s->naout < s->aout_cap ? s->naout : least;
}

/* Puts out the first transmission of the PUBLISH pub[0..n) (a store
 * record's), with an alias where the policy gives one; as mqcs_emit. */
int mqcs_alias_emit(mqc_session *s, const uint8_t *pub, size_t n, uint32_t h)
{
    mqc_packet p;
    mqc_props props;
    mqc_publish out;
    mqcs_alias *e;
    mqc_ssize len;
    uint8_t *d;
    char *c;
    size_t i;
    int known, r;

    if (!s->aout_cap || mqc_decode(pub, n, s->o.protocol, &p))
        return mqcs_emit(s, pub, n, h, 0);
    if (!s->aout) {
        s->aout = mqc_mem_alloc(&s->mem, s->aout_cap * sizeof(*s->aout));
        if (!s->aout)
            return mqcs_emit(s, pub, n, h, 0);
    }
    out = p.publish;
    i = alias_pick(s, &out.topic, &known);
    e = &s->aout[i];
    if (!known && i < s->naout && e->uses > 1) {
        /* All taken by topics used more: this one wears the least used down. */
        r = mqcs_emit(s, pub, n, h, 0);
        if (r)
            e->uses--;
        return r;
    }
    props = p.props;
    mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS);
    props.topic_alias = (uint16_t)(i + 1);
    out.props = &props;
    if (known)
        out.topic.len = 0;
    len = mqc_encode_publish(NULL, 0, s->o.protocol, &out);
    /* Over the server's maximum (the record passed: the alias adds 3
     * bytes), or too large for the output buffer: straight from the record. */
    d = len > 0 && (size_t)len <= s->srv_max_packet ? mqcs_room(s, (size_t)len, 0) : NULL;
    if (!d)
        return mqcs_emit(s, pub, n, h, 0);
    if (known) {
        e->uses += e->uses < UINT16_MAX;
    } else {
        c = mqc_mem_realloc(&s->mem, i < s->naout ? e->topic : NULL, out.topic.len);
        if (!c)
            return mqcs_emit(s, pub, n, h, 0);
        memcpy(c, out.topic.ptr, out.topic.len);
        e->topic = c;
        e->len = (uint16_t)out.topic.len;
        e->uses = 1;
        s->naout += i == s->naout;
    }
    mqc_encode_publish(d, (size_t)len, s->o.protocol, &out);
    mqcs_commit(s, (size_t)len);
    return 1;
}

void mqcs_alias_reset(mqc_session *s)
{
    size_t i;

    if (s->ain)
        for (i = 0; i < s->o.topic_alias_max; i++)
            mqc_mem_free(&s->mem, (void *)(uintptr_t)s->ain[i].ptr);
    mqc_mem_free(&s->mem, s->ain);
    s->ain = NULL;
    while (s->naout)
        mqc_mem_free(&s->mem, s->aout[--s->naout].topic);
    /* Sized for this connection's cap: the next may have another. */
    mqc_mem_free(&s->mem, s->aout);
    s->aout = NULL;
    s->aout_cap = 0;
}

#endif
