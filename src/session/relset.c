/*
 * The QoS 2 ids whose PUBREC went out, awaiting PUBREL. A set, not a list:
 * Mosquitto 2.0.11 goes on sending QoS 2 while ours await PUBREL, so a
 * subscriber that falls behind can have thousands here, and a scan per
 * packet made it slower the further it fell behind. Open addressing with
 * linear probing; a slot holds the id (0 = empty: no packet has id 0) and
 * REL_COUNTS while the id counts toward our Receive Maximum on this
 * connection (until PUBCOMP, 5.0 §4.9).
 */
#include "session/session.h"

#define REL_COUNTS 0x10000u
#define REL_MIN 16u

static uint32_t rel_slot(uint32_t cap, uint16_t id)
{
    return (uint32_t)(((uint32_t)id * 2654435761u) >> 16) & (cap - 1);
}

static void rel_put(uint32_t *t, uint32_t cap, uint32_t v)
{
    uint32_t i = rel_slot(cap, (uint16_t)v);

    while (t[i])
        i = (i + 1) & (cap - 1);
    t[i] = v;
}

/* Room for n members at most three quarters full, so that every id the
 * inbound entries may move here finds a slot without allocating then. */
int mqcs_rel_reserve(mqc_session *s, uint32_t n)
{
    uint32_t cap = s->relcap ? s->relcap : REL_MIN, i, *t;

    while (n > cap / 4 * 3)
        cap *= 2;
    if (cap == s->relcap)
        return 0;
    t = mqc_mem_alloc(&s->mem, cap * sizeof(*t));
    if (!t)
        return MQC_ERR_NOMEM;
    memset(t, 0, cap * sizeof(*t));
    for (i = 0; i < s->relcap; i++)
        if (s->rel[i])
            rel_put(t, cap, s->rel[i]);
    mqc_mem_free(&s->mem, s->rel);
    s->rel = t;
    s->relcap = cap;
    return 0;
}

/* Room was reserved (mqcs_rel_reserve). */
void mqcs_rel_add(mqc_session *s, uint16_t id, int counts)
{
    rel_put(s->rel, s->relcap, id | (counts ? REL_COUNTS : 0));
    s->nrel++;
    s->rel_counting += counts != 0;
}

/* Takes id out of the set: -1 when it was not there, else whether it
 * counted toward our Receive Maximum. */
int mqcs_rel_take(mqc_session *s, uint16_t id)
{
    uint32_t mask = s->relcap - 1, i, j, home;
    int counted;

    if (!s->nrel)
        return -1;
    for (i = rel_slot(s->relcap, id); (uint16_t)s->rel[i] != id; i = (i + 1) & mask)
        if (!s->rel[i])
            return -1;
    counted = (s->rel[i] & REL_COUNTS) != 0;
    s->rel_counting -= (uint32_t)counted;
    s->nrel--;
    /* Backward shift: close the gap so later probes still find their ids. */
    for (j = (i + 1) & mask; s->rel[j]; j = (j + 1) & mask) {
        home = rel_slot(s->relcap, (uint16_t)s->rel[j]);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            s->rel[i] = s->rel[j];
            i = j;
        }
    }
    s->rel[i] = 0;
    return counted;
}

/* A new connection: none counts until its PUBLISH comes again. */
void mqcs_rel_uncount(mqc_session *s)
{
    uint32_t i;

    for (i = 0; i < s->relcap; i++)
        s->rel[i] &= ~REL_COUNTS;
    s->rel_counting = 0;
}

/* The server lost the session: its PUBRELs will not come. */
void mqcs_rel_clear(mqc_session *s)
{
    if (s->relcap)
        memset(s->rel, 0, s->relcap * sizeof(*s->rel));
    s->nrel = 0;
    s->rel_counting = 0;
}
