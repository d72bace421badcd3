/* The reconnect policy: how long to wait, from how the last connection
 * ended. No clock, no I/O (see backoff.h). */
#include "client/backoff.h"

void backoff_init(backoff *b, uint32_t min_ms, uint32_t max_ms, uint32_t stable_ms)
{
    b->min_ms = min_ms;
    b->max_ms = max_ms;
    b->stable_ms = stable_ms;
    b->failures = 0;
    b->up_at = MQC_TSTAMP_NONE;
    b->answered = 0;
    b->sent_away = 0;
}

void backoff_connected(backoff *b, mqc_tstamp now)
{
    b->up_at = now;
    b->answered = 0;
    b->sent_away = 0;
}

void backoff_answered(backoff *b)
{
    b->answered = 1;
}

void backoff_sent_away(backoff *b)
{
    b->sent_away = 1;
}

/* Uniform in [lo, hi]. */
static uint32_t pick(uint64_t rnd, uint32_t lo, uint32_t hi)
{
    return lo + (uint32_t)(rnd % ((uint64_t)(hi - lo) + 1));
}

uint32_t backoff_next(backoff *b, mqc_tstamp now, uint64_t rnd, backoff_kind *kind)
{
    backoff_kind k;
    uint64_t delay;
    uint32_t base, cap, i;

    if (b->up_at == MQC_TSTAMP_NONE)
        k = BACKOFF_ATTEMPT_FAILED;
    else if (b->sent_away)
        k = BACKOFF_SENT_AWAY;
    else if (now - b->up_at >= b->stable_ms)
        k = BACKOFF_STABLE;
    else if (b->answered)
        k = BACKOFF_PROVEN;
    else
        k = BACKOFF_UNPROVEN;
    b->up_at = MQC_TSTAMP_NONE;
    b->answered = 0;
    b->sent_away = 0;
    if (kind)
        *kind = k;
    if (k == BACKOFF_STABLE || k == BACKOFF_PROVEN) {
        /* The broker served this connection, so address, credentials and
         * broker are good and the network cut it: every idle millisecond
         * now is backlog (waiting [min/2, min] here let a lagging
         * subscriber fall 10 s and more behind, issue 10). Retry soon,
         * spread over a quarter of the minimum so a restarted broker is
         * not hit by all its clients at once. */
        b->failures = 0;
        return pick(rnd, 0, b->min_ms / 4);
    }
    /* Counted: the minimum (at least the floor) doubled per consecutive
     * failure up to the cap, then "equal jitter": in [delay/2, delay]. */
    if (b->failures < UINT32_MAX)
        b->failures++;
    base = b->min_ms > BACKOFF_FLOOR_MS ? b->min_ms : BACKOFF_FLOOR_MS;
    cap = b->max_ms > base ? b->max_ms : base;
    delay = base;
    for (i = 1; i < b->failures && delay < cap; i++)
        delay *= 2;
    if (delay > cap)
        delay = cap;
    return pick(rnd, (uint32_t)delay / 2, (uint32_t)delay);
}

const char *backoff_kind_name(backoff_kind k)
{
    switch (k) {
    case BACKOFF_ATTEMPT_FAILED: return "attempt failed";
    case BACKOFF_UNPROVEN: return "connection dropped before the server answered";
    case BACKOFF_PROVEN: return "connection lost after the server answered";
    case BACKOFF_SENT_AWAY: return "the server ended the connection with DISCONNECT";
    default: return "connection lost after it was stable";
    }
}
