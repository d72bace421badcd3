/*
 * An in-memory mqc_log_io for the log store's tests and fuzzer: the log
 * and its replacement are byte arrays that outlive the store, so a test
 * can "crash" (drop the store without closing), cut or flip the bytes, and
 * open a new store on them.
 */
#ifndef MQC_TEST_HELPER_LOGIO_H
#define MQC_TEST_HELPER_LOGIO_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"

typedef struct memio {
    uint8_t *file[2];
    size_t len[2], cap[2];
    size_t synced;               /* bytes of the log fsynced */
    unsigned syncs, appends, truncates, damaged_saves, replaces;
    int fail_append;             /* the next append fails after writing this many bytes + 1 */
} memio;

/* An io over m (m must outlive every store opened on it). */
mqc_log_io memio_io(memio *m);
void memio_set(memio *m, const uint8_t *bytes, size_t len);
void memio_free(memio *m);

#endif
