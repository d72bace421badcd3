/* mqc_mem hooks over one static array, for a firmware without a heap. A
 * bump allocator with a size word before each block: freeing or growing
 * the newest block works in place, anything else stays used. Enough for
 * the demo's short life; a product that runs for months needs hooks that
 * really free (its RTOS's heap or pools): the session frees SUBSCRIBE
 * requests at their SUBACK and grows its output and inbound buffers as
 * traffic needs. */
#ifndef MQC_PORT_ARENA_H
#define MQC_PORT_ARENA_H

#include <stddef.h>

#include "mqc.h"

typedef struct arena {
    unsigned char *base;
    size_t cap, used, peak;
} arena;

void arena_init(arena *a, void *buf, size_t cap);
/* Hooks that allocate from a; a must outlive every object made with them. */
mqc_mem arena_hooks(arena *a);

#endif
