/* The reconnect policy (documented at mqc_client_opts in mqc.h), pure: the
 * time and the random number come in, so fake-clock tests can drive it. */
#ifndef MQC_CLIENT_BACKOFF_H
#define MQC_CLIENT_BACKOFF_H

#include "mqc.h"

/* A failed attempt or an unproven connection never waits less than this,
 * whatever reconnect_min_ms says (0 must not be a hot loop). */
#define BACKOFF_FLOOR_MS 100u

typedef enum backoff_kind {
    BACKOFF_ATTEMPT_FAILED = 0, /* no CONNACK (TCP, refusal, timeout): counted */
    BACKOFF_UNPROVEN,           /* lost after CONNACK, broker never answered, short: counted */
    BACKOFF_PROVEN,             /* the broker answered after CONNACK: count reset, quick retry */
    BACKOFF_STABLE,             /* up for stable_ms or more: count reset, quick retry */
    BACKOFF_SENT_AWAY           /* the broker sent DISCONNECT (5.0): counted */
} backoff_kind;

typedef struct backoff {
    uint32_t min_ms, max_ms, stable_ms;
    uint32_t failures;     /* counted failures since the last proven connection */
    mqc_tstamp up_at;      /* CONNACK time, MQC_TSTAMP_NONE when not connected */
    int answered;          /* a packet came from the broker after CONNACK */
    int sent_away;         /* the broker ended it with DISCONNECT */
} backoff;

void backoff_init(backoff *b, uint32_t min_ms, uint32_t max_ms, uint32_t stable_ms);
void backoff_connected(backoff *b, mqc_tstamp now);
void backoff_answered(backoff *b);
/* A broker that says DISCONNECT chose to end the connection (taken over by
 * another client with our id, quota, shutting down): retrying at once
 * would fight it, so this counts as a failure whatever came before. */
void backoff_sent_away(backoff *b);
/* The attempt or connection ended at now: classifies it (*kind), updates
 * the count and returns the delay before the next attempt. rnd: any
 * uniformly random 64-bit value (the jitter). */
uint32_t backoff_next(backoff *b, mqc_tstamp now, uint64_t rnd, backoff_kind *kind);
const char *backoff_kind_name(backoff_kind k);

#endif
