/* Timers: keep alive, PINGRESP timeout, 3.1.1 resend, ack timeout. */
#include "session/session.h"

mqc_tstamp mqc_session_get_expiry(const mqc_session *s)
{
    mqc_tstamp t = MQC_TSTAMP_NONE;
    size_t i;

    if (s->state != ST_CONNECTED)
        return t;
    if (s->flags & F_PING_OUT)
        t = s->t_ping;
    else if (s->ka)
        t = s->t_tx + s->ka * 1000u;
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
    if (s->flags & F_PING_OUT) {
        if (now >= s->t_ping)
            return MQC_ERR_KEEPALIVE_TIMEOUT;
    } else if (s->ka && now >= s->t_tx + s->ka * 1000u) {
        s->flags |= F_PING | F_PING_OUT;
        s->t_ping = now + (s->o.ping_timeout_ms ? s->o.ping_timeout_ms : s->ka * 1000u);
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
