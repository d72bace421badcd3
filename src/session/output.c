/*
 * Output: packets are produced lazily, from the session state, when the
 * caller asks for bytes. Small packets are coalesced into one buffer; a
 * message too large for it is handed out straight from its store record.
 */
#include "codec/codec.h"
#include "session/session.h"

void mqcs_trace(mqc_session *s, const uint8_t *p, size_t n, int outgoing)
{
    mqc_packet pkt;

    if (s->cb.on_packet && mqc_decode(p, n, s->o.protocol, &pkt) == 0)
        s->cb.on_packet(s, outgoing, &pkt, s->ud);
}

/* n free bytes at the end of the output, growing it up to the bound (or
 * beyond when forced: CONNECT and SUBSCRIBE have no other way out). */
uint8_t *mqcs_room(mqc_session *s, size_t n, int force)
{
    size_t cap = s->ocap ? s->ocap : MQC_SESSION_OUT_MIN;
    uint8_t *b;

    if (s->ocap - s->olen >= n)
        return s->ob + s->olen;
    while (cap < s->olen + n && cap < MQC_SESSION_OUT_MAX)
        cap *= 2;
    if (cap > MQC_SESSION_OUT_MAX)
        cap = MQC_SESSION_OUT_MAX;
    if (cap < s->olen + n) {
        if (!force || s->olen)
            return NULL;
        cap = n;
    }
    b = mqc_mem_realloc(&s->mem, s->ob, cap);
    if (!b)
        return NULL;
    s->ob = b;
    s->ocap = cap;
    return b + s->olen;
}

void mqcs_commit(mqc_session *s, size_t n)
{
    mqcs_trace(s, s->ob + s->olen, n, 1);
    s->olen += n;
}

/* Puts bytes out: 1 = copied, 2 = handed out in place (stop filling until
 * they are written), 0 = no room now. */
int mqcs_emit(mqc_session *s, const uint8_t *p, size_t n, uint32_t h, int force)
{
    uint8_t *d = mqcs_room(s, n, force);

    if (d) {
        memcpy(d, p, n);
        mqcs_commit(s, n);
        return 1;
    }
    if (s->olen || force)
        return 0;
    s->zc = p;
    s->zlen = n;
    s->zoff = 0;
    s->zh = h;
    mqcs_trace(s, p, n, 1);
    return 2;
}

int mqcs_put_ack(mqc_session *s, uint8_t type, uint16_t id, uint8_t reason)
{
    uint8_t *d = mqcs_room(s, 8, 0);
    mqc_ssize n;

    if (!d)
        return 0;
    if (!IS_V5(s))
        reason = 0;
    n = mqc_codec_encode_short(d, 8, s->o.protocol, type, id, reason, NULL);
    if (n > 0)
        mqcs_commit(s, (size_t)n);
    return 1;
}

/* The zero-copy output is over (written, or the connection is gone). */
void mqcs_zc_end(mqc_session *s)
{
    s->zc = NULL;
    if (s->flags & F_ZC_FREE)
        s->store.ops->remove(s->store.ctx, s->zh);
    s->flags &= ~F_ZC_FREE;
}

/* A store record is no longer needed; the one being written goes later. */
void mqcs_release(mqc_session *s, uint32_t h)
{
    if (s->zc && s->zh == h)
        s->flags |= F_ZC_FREE;
    else
        s->store.ops->remove(s->store.ctx, h);
}

/* Our DISCONNECT; the application's carries a Session Expiry when set. */
static int put_disconnect(mqc_session *s)
{
#if MQC_ENABLE_V5
    mqc_props pr;
    uint8_t *d;
    mqc_ssize n;

    if ((s->v5f & V_DISC_EXP) && (s->flags & F_BYE) && s->state != ST_CLOSING) {
        d = mqcs_room(s, 16, 0);
        if (!d)
            return 0;
        memset(&pr, 0, sizeof(pr));
        mqc_props_set(&pr, MQC_PROP_SESSION_EXPIRY);
        pr.session_expiry = s->disc_expiry;
        n = mqc_codec_encode_short(d, 16, s->o.protocol, MQC_DISCONNECT, 0, s->disc_reason, &pr);
        if (n > 0)
            mqcs_commit(s, (size_t)n);
        return 1;
    }
#endif
    return mqcs_put_ack(s, MQC_DISCONNECT, 0, s->disc_reason);
}

static void fill(mqc_session *s, mqc_tstamp now)
{
    if (s->flags & F_CONNECT) {
        mqc_ssize n = mqcs_build_connect(s, NULL, 0);
        uint8_t *d = n > 0 ? mqcs_room(s, (size_t)n, 1) : NULL;

        if (!d)
            return;
        mqcs_build_connect(s, d, (size_t)n);
        mqcs_commit(s, (size_t)n);
        s->flags &= ~F_CONNECT;
    }
    if (s->state == ST_CLOSING || (s->flags & F_BYE)) {
        if ((s->flags & F_DISC) && put_disconnect(s))
            s->flags &= ~F_DISC;
        return;
    }
#if MQC_ENABLE_V5
    if (!mqcs_fill_auth(s))
        return;
#endif
    if (s->state != ST_CONNECTED || !mqcs_fill_acks(s))
        return;
    if (s->flags & F_PING) {
        if (!mqcs_put_ack(s, MQC_PINGREQ, 0, 0))
            return;
        s->flags &= ~F_PING;
    }
    if (mqcs_fill_subs(s))
        mqcs_fill_window(s, now);
}

mqc_ssize mqc_session_send(mqc_session *s, const uint8_t **data, mqc_tstamp now)
{
    if (s->ooff == s->olen && !s->zc) {
        s->ooff = s->olen = 0;
        fill(s, now);
        /* Write-ahead: what this output depends on is kept first. */
        if ((s->olen || s->zc) && mqcs_store_sync(s, MQC_STORE_SYNC_OUTPUT)) {
            mqc_session_connection_lost(s, now);
            return MQC_ERR_STORE_SYNC;
        }
    }
    if (s->ooff < s->olen) {
        *data = s->ob + s->ooff;
        return (mqc_ssize)(s->olen - s->ooff);
    }
    if (s->zc) {
        *data = s->zc + s->zoff;
        return (mqc_ssize)(s->zlen - s->zoff);
    }
    *data = NULL;
    return 0;
}

void mqc_session_sent(mqc_session *s, size_t n, mqc_tstamp now)
{
    size_t left;
    int quiet;

    if (!n)
        return;
    quiet = now - s->t_tx >= MQC_SESSION_OUT_IDLE_MS;
    s->t_tx = now;
    if (s->ooff < s->olen) {
        left = s->olen - s->ooff;
        s->ooff += n < left ? n : left;
        /* Output after a quiet second (a PINGREQ of an idle connection)
         * takes its buffer along: no runtime need wake up to trim it. */
        if (quiet)
            mqcs_out_free(s);
        return;
    }
    if (!s->zc)
        return;
    s->zoff += n;
    if (s->zoff >= s->zlen)
        mqcs_zc_end(s);
}

/* The output buffer, when everything in it is written. */
void mqcs_out_free(mqc_session *s)
{
    if (s->ooff == s->olen) {
        mqc_mem_free(&s->mem, s->ob);
        s->ob = NULL;
        s->ocap = s->olen = s->ooff = 0;
    }
}

void mqc_session_trim(mqc_session *s, mqc_tstamp now)
{
    if (s && s->ob && now - s->t_tx >= MQC_SESSION_OUT_IDLE_MS)
        mqcs_out_free(s);
}

int mqc_session_sync(mqc_session *s)
{
    return s ? mqcs_store_sync(s, MQC_STORE_SYNC_IDLE) : MQC_ERR_INVAL;
}

int mqc_session_want_write(const mqc_session *s)
{
    size_t i;
    int blocked = 0;

    if (s->ooff < s->olen || s->zc || (s->flags & (F_CONNECT | F_DISC)))
        return 1;
#if MQC_ENABLE_AUTH
    if (s->auth_pkt && s->state != ST_CLOSING && s->state != ST_OFFLINE && !(s->flags & F_BYE))
        return 1;
#endif
    /* After DISCONNECT (or a fatal error) nothing else goes, PINGREQ neither. */
    if (s->state != ST_CONNECTED || (s->flags & F_BYE))
        return 0;
    if (s->flags & F_PING)
        return 1;
    for (i = 0; i < s->nin; i++) {
        if (s->in[i].st == IN_APP)
            blocked = 1;
        if (s->in[i].st == IN_COMP || (s->in[i].st == IN_ACK && !blocked))
            return 1;
    }
    for (i = 0; i < s->nreq; i++)
        if (!s->req[i].sent)
            return 1;
    for (i = 0; i < s->nwin; i++)
        if (mqcs_sendable(s, i))
            return 1;
    return s->qlen && (s->nwin < s->win_cap || mqcs_head_qos(s) == 0);
}
