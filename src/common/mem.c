/* Default allocation hooks. A freestanding build without a heap defines
 * MQC_NO_STDLIB_HEAP and must pass its own hooks or caller memory. */
#include "common/mem.h"

#ifndef MQC_NO_STDLIB_HEAP
#include <stdlib.h>

static void *std_malloc(size_t n, void *user) { (void)user; return malloc(n); }
static void *std_realloc(void *p, size_t n, void *user) { (void)user; return realloc(p, n); }
static void std_free(void *p, void *user) { (void)user; free(p); }
#endif

void mqc_mem_free(const mqc_mem *m, void *p)
{
    if (p)
        m->free(p, m->user);
}

int mqc_mem_resolve(mqc_mem *out, const mqc_mem *mem)
{
    if (mem) {
        if (!mem->malloc || !mem->realloc || !mem->free)
            return MQC_ERR_INVAL;
        *out = *mem;
        return 0;
    }
#ifdef MQC_NO_STDLIB_HEAP
    return MQC_ERR_INVAL;
#else
    out->user = NULL;
    out->malloc = std_malloc;
    out->realloc = std_realloc;
    out->free = std_free;
    return 0;
#endif
}
