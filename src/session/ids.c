/*
 * Packet identifiers: a counter that skips ids still in use (window and
 * pending SUBSCRIBE/UNSUBSCRIBE) and wraps past 65535 to 1. The window's
 * ids differ modulo the size of its index (outbound.c), so an id whose
 * residue is taken is skipped too: the window is found by id in one step.
 * Memory is that index, not a 65,536-entry table.
 */
#include "session/session.h"

static int in_use(const mqc_session *s, uint16_t id)
{
    size_t i;

    if (MQCS_WIN_RESIDUE(s, id))
        return 1;
    for (i = 0; i < s->nreq; i++)
        if (s->req[i].id == id)
            return 1;
    return 0;
}

uint16_t mqcs_alloc_id(mqc_session *s)
{
    uint32_t tries;
    uint16_t id;

    for (tries = 0; tries < 65535; tries++) {
        id = s->next_id;
        s->next_id = (uint16_t)(id == 65535 ? 1 : id + 1);
        if (!in_use(s, id))
            return id;
    }
    return 0;
}
