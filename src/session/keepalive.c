/*
 * Timers: keep alive, PINGRESP timeout, 3.1.1 resend, ack timeout.
 *
 * PINGREQ goes when nothing was sent for a keep alive (the spec's duty) or
 * nothing was received for one (so a dead link is tested from the last
 * byte that came in, not from our own writes into it). PINGRESP is awaited
 * a quarter keep alive by default: a blackholed connection is closed within
 * 1.25 keep alives of the last received byte.
 */
#include "session/session.h"

/* Keep alive in force (it stops at DISCONNECT). */
static int pinging(const mqc_session *s)
{
    return s->ka && !(s->flags & F_BYE);
}

/* The PINGRESP deadline while one is awaited, else when the next PINGREQ
 * is due; MQC_TSTAMP_NONE when neither. */
static mqc_tstamp ping_at(const mqc_session *s)
{
    if (s->flags & F_PING_OUT)
        return s->t_ping;
    if (!pinging(s))
        return MQC_TSTAMP_NONE;
    return (s->t_tx < s->t_rx ? s->t_tx : s->t_rx) + s->ka * 1000u;
}

mqc_tstamp mqc_session_get_expiry(const mqc_session *s)
{
    mqc_tstamp t = MQC_TSTAMP_NONE;
    size_t i;

    if (s->state != ST_CONNECTED)
        return t;
    t = ping_at(s);
    for (i = 0; i < s->nwin; i++)
        if ((s->win[i].st & M_SENT) && s->win[i].due < t)
            t = s->win[i].due;
    return t;
}

int mqc_session_handle_expiry(mqc_session *s, mqc_tstamp now)
{
    size_t i = 0;

    if (!s || s->state != ST_CONNECTED)
        return 0;
    if (now >= ping_at(s)) {
        if (s->flags & F_PING_OUT)
            return MQC_ERR_KEEPALIVE_TIMEOUT;
        if (pinging(s)) {
            s->flags |= F_PING | F_PING_OUT;
            s->t_ping = now + (s->o.ping_timeout_ms ? s->o.ping_timeout_ms : s->ka * 250u);
        }
    }
    while (i < s->nwin) {
        if (!(s->win[i].st & M_SENT) || now < s->win[i].due) {
            i++;
            continue;
        }
        /* 5.0 never resends on a live connection: reconnect, then resend. */
        if (IS_V5(s) || !s->o.retry_interval_ms)
            return MQC_ERR_ACK_TIMEOUT;
        i += (size_t)mqcs_again(s, i);
    }
    return 0;
}
