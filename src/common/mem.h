/* Allocation through the per-object hooks (mqc_mem); NULL hooks = C library. */
#ifndef MQC_COMMON_MEM_H
#define MQC_COMMON_MEM_H

#include "mqc.h"

/* C99 inline without extern definitions: static is enough here. */
#define MQC_INLINE inline

/* Copies *mem, or the C library's hooks when mem is NULL. Returns
 * MQC_ERR_INVAL when mem is NULL and the build has no C library heap
 * (MQC_NO_STDLIB_HEAP). */
int mqc_mem_resolve(mqc_mem *out, const mqc_mem *mem);

static MQC_INLINE void *mqc_mem_alloc(const mqc_mem *m, size_t n) { return m->malloc(n, m->user); }
static MQC_INLINE void *mqc_mem_realloc(const mqc_mem *m, void *p, size_t n) { return m->realloc(p, n, m->user); }
/* Out of line: every layer frees in many places, and one copy is smaller. */
void mqc_mem_free(const mqc_mem *m, void *p);

#endif
