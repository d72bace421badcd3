/*
 * 5.0 enhanced authentication (5.0 §4.12): the AUTH exchange during the
 * CONNECT (server 0x18, our 0x18, ... until CONNACK) and re-authentication
 * on an accepted connection (our 0x19, then 0x18 steps, ended by the
 * server's AUTH 0x00 or DISCONNECT). The session checks the exchange; the
 * application computes the steps (on_auth, mqc_session_auth).
 */
#include "session/session.h"

#if MQC_ENABLE_AUTH

static const mqc_str *our_method(const mqc_session *s)
{
    const mqc_props *cp = s->o.connect_props;

    return cp && mqc_props_has(cp, MQC_PROP_AUTH_METHOD) ? &cp->auth_method : NULL;
}

static int same_method(const mqc_session *s, const mqc_props *p)
{
    const mqc_str *m = our_method(s);

    return m && mqc_props_has(p, MQC_PROP_AUTH_METHOD) && p->auth_method.len == m->len
           && !memcmp(p->auth_method.ptr, m->ptr, m->len);
}

int mqcs_on_auth(mqc_session *s, const mqc_packet *p)
{
    int rc;

    /* Asked for: our method (it must be there, [MQTT-3.15.2-1]); 0x18
     * while an exchange is open and our step is not awaited; 0x00 only to
     * end a re-authentication (CONNACK ends the first one). */
    if (!(s->v5f & V_AUTH) || !s->cb.on_auth || !same_method(s, &p->props)
        || (s->v5f & V_AUTH_WAIT))
        return MQC_ERR_PROTOCOL;
    if (p->reason == 0x18) {
        if (s->state != ST_CONNECTING && !(s->v5f & V_REAUTH))
            return MQC_ERR_PROTOCOL;
        s->v5f |= V_AUTH_WAIT;
    } else if (p->reason == 0x00 && s->state == ST_CONNECTED && (s->v5f & V_REAUTH)) {
        s->v5f &= ~V_REAUTH;
    } else {
        return MQC_ERR_PROTOCOL;
    }
    rc = s->cb.on_auth(s, p->reason, &p->props, s->ud);
    if (!rc)
        return 0;
    s->disc_reason = (uint8_t)(rc >= 0x80 && rc <= 0xFF ? rc : 0x87); /* else Not authorized */
    return MQC_ERR_AUTH;
}

int mqc_session_auth(mqc_session *s, uint8_t reason, const mqc_props *props, mqc_tstamp now)
{
    mqc_props pr;
    mqc_ssize n;
    uint8_t *b;

    (void)now;
    if (!s)
        return MQC_ERR_INVAL;
    if (!IS_V5(s) || !our_method(s) || s->auth_pkt || (s->flags & F_BYE))
        return MQC_ERR_STATE;
    if (reason == 0x18) {
        if (!(s->v5f & V_AUTH_WAIT))
            return MQC_ERR_STATE;
    } else if (reason == 0x19) {
        if (s->state != ST_CONNECTED || (s->v5f & V_REAUTH))
            return MQC_ERR_STATE;
    } else {
        return MQC_ERR_INVAL;
    }
    if (props)
        pr = *props;
    else
        memset(&pr, 0, sizeof(pr));
    if (mqc_props_has(&pr, MQC_PROP_AUTH_METHOD) && !same_method(s, &pr))
        return MQC_ERR_INVAL;
    mqc_props_set(&pr, MQC_PROP_AUTH_METHOD);
    pr.auth_method = *our_method(s);
    n = mqc_encode_auth(NULL, 0, reason, &pr);
    if (n < 0)
        return (int)n;
    b = mqc_mem_alloc(&s->mem, (size_t)n);
    if (!b)
        return MQC_ERR_NOMEM;
    mqc_encode_auth(b, (size_t)n, reason, &pr);
    s->auth_pkt = b;
    s->auth_len = (size_t)n;
    s->v5f = (uint8_t)((s->v5f & ~V_AUTH_WAIT) | (reason == 0x19 ? V_REAUTH : 0));
    return 0;
}

/* Writes our AUTH step if one waits; 0 when the output is full. */
int mqcs_fill_auth(mqc_session *s)
{
    if (!s->auth_pkt)
        return 1;
    if (!mqcs_emit(s, s->auth_pkt, s->auth_len, NO_HANDLE, 1))
        return 0;
    mqc_mem_free(&s->mem, s->auth_pkt);
    s->auth_pkt = NULL;
    return 1;
}

/* A new connection: no exchange open; V_AUTH says whether CONNECT asks. */
void mqcs_auth_reset(mqc_session *s)
{
    mqc_mem_free(&s->mem, s->auth_pkt);
    s->auth_pkt = NULL;
    s->v5f = (uint8_t)((s->v5f & V_DISC_EXP) | (IS_V5(s) && our_method(s) ? V_AUTH : 0));
}

#else

int mqc_session_auth(mqc_session *s, uint8_t reason, const mqc_props *props, mqc_tstamp now)
{
    (void)reason;
    (void)props;
    (void)now;
    return s ? MQC_ERR_STATE : MQC_ERR_INVAL; /* 3.1.1 has no AUTH, nor this build */
}

#endif
