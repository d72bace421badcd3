/* Session lifecycle, CONNECT and CONNACK. */
#include "session/session.h"

void mqc_session_opts_default(mqc_session_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->version = MQC_SESSION_OPTS_VERSION;
    o->protocol = MQC_V311;
    o->keep_alive = 60;
    o->clean = 1;
    o->max_inflight = 20;
    o->max_queued = 1000;
    o->receive_max = 64;
    o->max_packet_in = 16u << 20;
    o->retry_max_interval_ms = 60000;
    o->store_capacity = 1u << 20;
    o->topic_alias_max = 16;
    o->topic_alias_out = 16;
}


int mqc_session_new(mqc_session **out, const mqc_session_opts *opts,
                    const mqc_callbacks *cb, void *user_data, const mqc_mem *mem)
{
    mqc_session *s;
    mqc_mem m;
    size_t nwin = 0, nq = 0;
    int rc;

    if (!out || !opts || opts->version != MQC_SESSION_OPTS_VERSION
        || (cb && cb->version != MQC_CALLBACKS_VERSION) || opts->max_inflight == 0
        || opts->receive_max == 0 || opts->max_queued > 0x3fffffffu
        || (opts->store && (!opts->store->ops || opts->store->ops->version < 1
                            || opts->store->ops->version > MQC_STORE_VERSION))
        || (opts->protocol != MQC_V311 && opts->protocol != MQC_V31
            && !(MQC_ENABLE_V5 && opts->protocol == MQC_V5)))
        return MQC_ERR_INVAL;
    rc = mqc_mem_resolve(&m, mem);
    if (!rc && opts->store)
        rc = mqcs_recover_count(opts->store, opts->protocol, &nwin, &nq);
    if (rc)
        return rc;
    if (nwin && nwin < opts->max_inflight)
        nwin = opts->max_inflight; /* recovered in-flight messages all keep their ids */
    /* The window, the queue index, the inbound set and (unless the caller
     * gave a store) the memory store come when first needed, so an idle
     * session costs little. */
    s = mqc_mem_alloc(&m, sizeof(*s));
    if (!s)
        return MQC_ERR_NOMEM;
    memset(s, 0, sizeof(*s));
    s->mem = m;
    s->o = *opts;
    if (cb)
        s->cb = *cb;
    s->ud = user_data;
    s->next_id = 1;
    s->ka = opts->keep_alive;
    if (opts->store)
        s->store = *opts->store;
    mqc_framer_init(&s->fr, NULL, 0, opts->max_packet_in);
    if (mqcs_durable(s)) {
        rc = nwin ? mqcs_win_alloc(s, nwin) : 0;
        if (!rc)
            rc = mqcs_recover(s, nq);
        if (!rc && nwin)
            rc = mqcs_win_index(s);
        if (rc) {
            s->nwin = 0;
            s->qlen = 0;
            mqc_session_del(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

/* One out-of-line copy for all of the session's files. */
void mqc_session_del(mqc_session *s)
{
    if (!s)
        return;
    /* A durable store keeps the unfinished ones for the next session. */
    if (!mqcs_durable(s))
        mqcs_cancel_all(s);
    mqcs_subs_free(s);
    if (!s->o.store && s->store.ops)
        s->store.ops->destroy(s->store.ctx);
#if MQC_ENABLE_V5
    mqcs_alias_reset(s);
    mqcs_auth_reset(s);
    mqc_mem_free(&s->mem, s->qt);
    mqc_mem_free(&s->mem, s->assigned_id);
#endif
    mqc_mem_free(&s->mem, s->wbase);
    mqc_mem_free(&s->mem, s->widx);
    mqc_mem_free(&s->mem, s->q);
    mqc_mem_free(&s->mem, s->in);
    mqc_mem_free(&s->mem, s->rel);
    mqc_mem_free(&s->mem, s->ob);
    mqc_mem_free(&s->mem, s->fr.buf);
    mqc_mem_free(&s->mem, s);
}

/* The CONNECT for our options; with buf == NULL, its length. */
mqc_ssize mqcs_build_connect(mqc_session *s, uint8_t *buf, size_t cap)
{
    mqc_connect c;
#if MQC_ENABLE_V5
    mqc_props props;
#endif

    memset(&c, 0, sizeof(c));
    c.protocol = s->o.protocol;
    c.client_id = mqc_session_client_id(s);
    c.keep_alive = s->o.keep_alive;
    c.clean = s->o.clean;
    c.username = s->o.username;
    c.password = s->o.password;
    c.will = s->o.will;
#if MQC_ENABLE_V5
    if (IS_V5(s)) {
        if (s->o.connect_props)
            props = *s->o.connect_props;
        else
            memset(&props, 0, sizeof(props));
        if (s->o.session_expiry) {
            mqc_props_set(&props, MQC_PROP_SESSION_EXPIRY);
            props.session_expiry = s->o.session_expiry;
        }
        mqc_props_set(&props, MQC_PROP_RECEIVE_MAX);
        props.receive_max = s->o.receive_max;
        if (MQC_ENABLE_TOPIC_ALIAS && s->o.topic_alias_max) {
            mqc_props_set(&props, MQC_PROP_TOPIC_ALIAS_MAX);
            props.topic_alias_max = s->o.topic_alias_max;
        }
        if (s->o.max_packet_in && s->o.max_packet_in < PROTOCOL_MAX_PACKET) {
            mqc_props_set(&props, MQC_PROP_MAX_PACKET_SIZE);
            props.max_packet_size = s->o.max_packet_in;
        }
        /* Without AUTH support no exchange may be asked for. */
        if (!MQC_ENABLE_AUTH && mqc_props_has(&props, MQC_PROP_AUTH_METHOD))
            return MQC_ERR_INVAL;
        c.props = &props;
    }
#endif
    return mqc_encode_connect(buf, cap, &c);
}

int mqc_session_connect(mqc_session *s, mqc_tstamp now)
{
    mqc_ssize n;

    if (!s)
        return MQC_ERR_INVAL;
    n = mqcs_build_connect(s, NULL, 0);
    if (n < 0)
        return (int)n;
    if (s->state != ST_OFFLINE)
        mqc_session_connection_lost(s, now);
#if MQC_ENABLE_V5
    mqcs_auth_reset(s);
#endif
    s->now = now;
    s->state = ST_CONNECTING;
    s->flags = (uint8_t)((s->flags & (F_EVER | F_RENEW)) | F_CONNECT);
    s->t_tx = s->t_rx = now;
    s->rx_packets = 0;
    return 0;
}

void mqc_session_connection_lost(mqc_session *s, mqc_tstamp now)
{
    uint8_t i;

    (void)now;
    if (!s)
        return;
    s->state = ST_OFFLINE;
    s->olen = s->ooff = 0;
    mqcs_out_free(s); /* offline, nothing is written until the next CONNECT */
    if (s->zc)
        mqcs_zc_end(s);
    s->flags &= F_EVER | F_RENEW;
    mqc_framer_reset(&s->fr);
    for (i = 0; i < s->nreq; i++)
        s->req[i].sent = 0;
#if MQC_ENABLE_V5
    mqcs_alias_reset(s);
    mqcs_auth_reset(s);
#endif
}

int mqc_session_disconnect(mqc_session *s, uint8_t reason, mqc_tstamp now)
{
    (void)now;
    if (!s || s->state == ST_OFFLINE || s->state == ST_CLOSING)
        return MQC_ERR_STATE;
    /* Acks may still arrive until the caller closes: they are taken in. */
    s->flags = (uint8_t)((s->flags & ~F_PING) | F_DISC | F_BYE);
    s->disc_reason = reason;
    return 0;
}

#if MQC_ENABLE_V5
/* An Assigned Client Identifier (we sent none) is ours from now on: later
 * CONNECTs use it, so the session can be resumed. */
static void assigned(mqc_session *s, const mqc_packet *p)
{
    const mqc_str *a = &p->props.assigned_client_id;
    char *c;

    if (!mqc_props_has(&p->props, MQC_PROP_ASSIGNED_CLIENT_ID) || s->o.client_id.len || !a->len)
        return;
    c = mqc_mem_realloc(&s->mem, s->assigned_id, a->len);
    if (!c)
        return; /* the next CONNECT asks again: a new session, not a lost one */
    memcpy(c, a->ptr, a->len);
    s->assigned_id = c;
    s->assigned_len = a->len;
}

int mqc_session_set_disconnect_expiry(mqc_session *s, uint32_t seconds)
{
    if (!s)
        return MQC_ERR_INVAL;
    if (!IS_V5(s))
        return MQC_ERR_STATE;
    if (!s->o.session_expiry && seconds)
        return MQC_ERR_INVAL; /* [MQTT-3.14.2-2] */
    s->disc_expiry = seconds;
    s->v5f |= V_DISC_EXP;
    return 0;
}
#else
int mqc_session_set_disconnect_expiry(mqc_session *s, uint32_t seconds)
{
    (void)seconds;
    return s ? MQC_ERR_STATE : MQC_ERR_INVAL;
}
#endif

mqc_str mqc_session_client_id(const mqc_session *s)
{
#if MQC_ENABLE_V5
    if (s->assigned_id && !s->o.client_id.len) {
        mqc_str a;

        a.ptr = s->assigned_id;
        a.len = s->assigned_len;
        return a;
    }
#endif
    return s->o.client_id;
}

/* CONNACK accepted: the server's limits, then resume or start over. */
static void connack_accept(mqc_session *s, const mqc_packet *p, uint8_t sp)
{
    s->state = ST_CONNECTED;
    s->win_cap = s->o.max_inflight;
    s->ka = s->o.keep_alive;
    mqcs_in_reset_count(s);
#if MQC_ENABLE_V5
    /* The server's limits: only 5.0 reads them. */
    s->srv_max_packet = PROTOCOL_MAX_PACKET;
    s->srv_max_qos = 2;
    s->srv_retain = 1;
    if (IS_V5(s)) {
        if (mqc_props_has(&p->props, MQC_PROP_MAX_QOS))
            s->srv_max_qos = p->props.max_qos;
        if (mqc_props_has(&p->props, MQC_PROP_RETAIN_AVAILABLE))
            s->srv_retain = p->props.retain_available;
        if (mqc_props_has(&p->props, MQC_PROP_RECEIVE_MAX) && p->props.receive_max < s->win_cap)
            s->win_cap = p->props.receive_max;
        if (mqc_props_has(&p->props, MQC_PROP_MAX_PACKET_SIZE))
            s->srv_max_packet = p->props.max_packet_size;
        if (mqc_props_has(&p->props, MQC_PROP_SERVER_KEEP_ALIVE))
            s->ka = p->props.server_keep_alive;
#if MQC_ENABLE_TOPIC_ALIAS
        if (mqc_props_has(&p->props, MQC_PROP_TOPIC_ALIAS_MAX))
            s->aout_cap = p->props.topic_alias_max < s->o.topic_alias_out
                              ? p->props.topic_alias_max : s->o.topic_alias_out;
#endif
        s->v5f &= ~(V_AUTH_WAIT | V_REAUTH); /* CONNACK ends the exchange */
        assigned(s, p);
    }
#else
    (void)p;
#endif
    if (sp)
        mqcs_resume(s);
    else if (s->flags & F_EVER)
        mqcs_lost(s);
    s->flags |= F_EVER;
    /* The CONNECT (client id, credentials, will) sized the output buffer
     * for itself; the traffic from now on makes its own, so a connection
     * that stays idle holds none. */
    mqcs_out_free(s);
#if MQC_ENABLE_V5
    if (s->srv_max_packet < PROTOCOL_MAX_PACKET)
        mqcs_refuse_large(s);
#endif
}

int mqcs_on_connack(mqc_session *s, const mqc_packet *p)
{
    mqc_connack_info info;
    /* 3.1 CONNACK has no session present flag, and a 3.1 server keeps the
     * session of a client that asks it to: with CleanSession 0 we resume. */
    uint8_t present = s->o.protocol == MQC_V31 ? !s->o.clean && !p->reason : p->session_present;
    uint8_t sp = present && !s->o.clean;

    /* Session present to a clean start: the server is confused, we have no
     * state to match it (3.1.1 §3.2.2.2, 5.0 §3.2.2.1.1). */
    if (s->state != ST_CONNECTING || (p->session_present && s->o.clean && !p->reason))
        return MQC_ERR_PROTOCOL;
    info.session_present = present;
    info.reason = p->reason;
    info.session_lost = !sp && !s->o.clean && (s->flags & F_EVER);
    info.props = &p->props;
    if (!p->reason)
        connack_accept(s, p, sp);
    if (s->cb.on_connack)
        s->cb.on_connack(s, &info, s->ud);
    return p->reason ? MQC_ERR_CONNACK_REFUSED : 0;
}

int mqc_session_is_connected(const mqc_session *s)
{
    return s->state == ST_CONNECTED;
}

size_t mqc_session_inflight(const mqc_session *s)
{
    return s->nwin;
}

size_t mqc_session_queued(const mqc_session *s)
{
    return s->qlen;
}

size_t mqc_session_unfinished(const mqc_session *s)
{
    return (size_t)s->nwin + s->qlen + s->nreq;
}

uint32_t mqc_session_received(const mqc_session *s)
{
    return s->rx_packets;
}

uint16_t mqc_session_keep_alive(const mqc_session *s)
{
    return s->ka;
}

mqc_protocol mqc_session_protocol(const mqc_session *s)
{
    return s->o.protocol;
}

void *mqc_session_user_data(const mqc_session *s)
{
    return s->ud;
}
