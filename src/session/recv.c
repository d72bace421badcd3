/* Received bytes: framing, decoding, dispatch, and closing on bad input. */
#include "session/session.h"

static int dispatch(mqc_session *s, const mqc_packet *p)
{
    if (p->type == MQC_CONNACK)
        return mqcs_on_connack(s, p);
#if MQC_ENABLE_V5
    if (p->type == MQC_AUTH && IS_V5(s))
        return mqcs_on_auth(s, p); /* also before CONNACK */
#endif
    if (s->state != ST_CONNECTED)
        return MQC_ERR_PROTOCOL; /* nothing but CONNACK comes first */
    switch (p->type) {
    case MQC_PUBLISH:
        return mqcs_on_publish(s, p);
    case MQC_PUBACK:
    case MQC_PUBREC:
    case MQC_PUBCOMP:
        return mqcs_on_ack(s, p);
    case MQC_PUBREL:
        return mqcs_on_pubrel(s, p);
    case MQC_SUBACK:
    case MQC_UNSUBACK:
        return mqcs_on_suback(s, p);
    case MQC_PINGRESP:
        s->flags &= ~F_PING_OUT;
        return 0;
#if MQC_ENABLE_V5
    case MQC_DISCONNECT:
        if (!IS_V5(s))
            break;
        if (s->cb.on_disconnect)
            s->cb.on_disconnect(s, p->reason, &p->props, s->ud);
        return MQC_ERR_SERVER_DISCONNECT;
#endif
    default:
        break;
    }
    /* CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ: not for a client. */
    return MQC_ERR_PROTOCOL;
}

/* 5.0 DISCONNECT reason for a fatal error found in the input, or 0. */
static MQC_NOINLINE uint8_t disconnect_reason(const mqc_session *s, int rc)
{
    if (rc == MQC_ERR_TOPIC_ALIAS)
        return 0x94;
    if (rc == MQC_ERR_AUTH)
        return s->disc_reason; /* the application's (mqcs_on_auth) */
    if (rc == MQC_ERR_PACKET_TOO_LARGE)
        return 0x95;
    if (rc == MQC_ERR_RECEIVE_MAX_EXCEEDED)
        return 0x93;
    if (rc == MQC_ERR_PROTOCOL || rc == MQC_ERR_QOS2_PUBACK)
        return 0x82;
    return rc <= MQC_ERR_MALFORMED_REMAINING_LENGTH && rc > MQC_ERR_PROTOCOL ? 0x81 : 0;
}

static mqc_ssize fatal(mqc_session *s, int rc)
{
    uint8_t reason = disconnect_reason(s, rc);

    s->state = ST_CLOSING;
    if (IS_V5(s) && reason) {
        s->flags |= F_DISC;
        s->disc_reason = reason;
    }
    return rc;
}

const mqc_props *mqc_session_packet_props(const mqc_session *s)
{
    return s ? s->pkt_props : NULL;
}

mqc_ssize mqc_session_recv(mqc_session *s, const uint8_t *in, size_t len, mqc_tstamp now)
{
    size_t off = 0, plen, want;
    const uint8_t *pkt;
    mqc_packet p;
    mqc_ssize n;
    uint8_t *b;
    int rc;

    if (!s || (!in && len))
        return MQC_ERR_INVAL;
    if (s->state == ST_OFFLINE || s->state == ST_CLOSING)
        return MQC_ERR_STATE;
    if (len)
        s->t_rx = now;
    s->now = now;
    while (off < len) {
        /* The inbound window is full: the caller writes the acks, then
         * feeds the rest again. */
        if (s->state == ST_CONNECTED && mqcs_hold(s, s->fr.have ? s->fr.buf[0] : in[off]))
            break;
        n = mqc_framer_feed(&s->fr, in + off, len - off, &pkt, &plen);
        if (n == MQC_ERR_BUFFER) {
            /* Grow with what has arrived (at most twice it), never to what a
             * header merely claims; the header passed the size check. */
            want = s->fr.cap * 2 < s->fr.need ? s->fr.cap * 2 : s->fr.need;
            if (want < plen)
                want = plen;
            b = mqc_mem_realloc(&s->mem, s->fr.buf, want);
            if (!b)
                return MQC_ERR_NOMEM;
            mqc_framer_set_buffer(&s->fr, b, want);
            continue;
        }
        if (n < 0)
            return fatal(s, (int)n);
        off += (size_t)n;
        if (!pkt)
            continue;
        rc = mqc_decode(pkt, plen, s->o.protocol, &p);
        if (rc == 0) {
            s->rx_packets++;
            if (s->cb.on_packet)
                s->cb.on_packet(s, 0, &p, s->ud);
            s->pkt_props = IS_V5(s) ? &p.props : NULL;
            rc = dispatch(s, &p);
            s->pkt_props = NULL;
        }
        if (rc < 0)
            return fatal(s, rc);
        if (s->state != ST_CONNECTED && s->state != ST_CONNECTING)
            break; /* a callback closed or dropped the connection */
    }
    return (mqc_ssize)off;
}
