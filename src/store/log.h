/* Log store internals, shared by the files of src/store/ that make it up. */
#ifndef MQC_STORE_LOG_H
#define MQC_STORE_LOG_H

#include <string.h>

#include "mqc.h"
#include "common/mem.h"

/*
 * The log: MAGIC, then commits. A commit is [u32 body length][u32 CRC-32C
 * of the body][body]; the body is a run of changes, applied together or
 * not at all. Integers are little endian. Changes:
 *   ADD   seq u64, len u32, bytes      a message record
 *   PATCH seq u64, off u32, n u32, bytes
 *   DEL   seq u64
 *   CLEAR                              every message record goes
 *   IN    id u16, held u8              inbound QoS 2 id (id 0, held 0: all)
 *   SET   key u8, len u32, bytes       a session value (key 0: identity)
 * Message records are named by a sequence number that only grows, so a
 * replay can refuse an ADD that would bring an old record back.
 */
#define LOG_MAGIC "MQCLOG1\n"
#define LOG_MAGIC_LEN 8
#define LOG_FRAME_HDR 8
/* A longer body is damage, not data: more than any store could hold. */
#define LOG_FRAME_MAX 0x40000000u

enum { C_ADD = 1, C_PATCH, C_DEL, C_CLEAR, C_IN, C_SET };

#define KEY_IDENTITY 0
#define NKEYS 3          /* identity, MQC_STORE_KEY_SUBS, MQC_STORE_KEY_APP */

/* One change as parsed from a body. */
typedef struct log_change {
    uint8_t type;
    uint8_t key;         /* SET */
    uint8_t held;        /* IN */
    uint16_t id;         /* IN */
    uint64_t seq;        /* ADD, PATCH, DEL */
    uint32_t off;        /* PATCH */
    const uint8_t *bytes;
    uint32_t len;        /* ADD, PATCH (n), SET */
} log_change;

/* A message record in memory; p NULL once removed. */
typedef struct log_slot {
    uint64_t seq;
    uint8_t *p;
    uint32_t len;
    uint8_t fresh;       /* reserved by put(NULL): logged whole at its first patch */
} log_slot;

typedef struct log_value {
    uint8_t *p;
    size_t len;
} log_value;

typedef struct log_store {
    mqc_mem mem;
    mqc_log_io io;
    mqc_log_opts o;

    log_slot *slots;     /* in seq order, removed ones until the next squeeze */
    size_t nslots, capslots, ndead;
    uint64_t next_seq;
    size_t live_bytes;

    uint16_t *in;        /* inbound QoS 2 ids held */
    size_t nin, capin;
    log_value val[NKEYS];

    uint8_t *pend;       /* the commit being built: LOG_FRAME_HDR bytes, then changes */
    size_t plen, pcap;   /* plen counts the change bytes only */
    int unsynced;        /* written to the OS since the last fsync */
    uint64_t log_bytes;
    uint64_t compact_at;
} log_store;

uint32_t mqc_log_crc32c(uint32_t crc, const uint8_t *p, size_t n);
void mqc_log_le(uint8_t *p, uint64_t v, unsigned n);
uint64_t mqc_log_rd(const uint8_t *p, unsigned n);
/* Parses the change at body[*off..len): 1 and *c when there is one, 0 at
 * the end, -1 when the bytes are not a change. */
int mqc_log_next(const uint8_t *body, size_t len, size_t *off, log_change *c);

/* store_log.c: the in-memory state, shared with recovery. */
int mqc_log_apply(log_store *l, const log_change *c);
/* A change made now: encoded into the commit being built, then applied. */
int mqc_log_record(log_store *l, const log_change *c);
int mqc_log_commit(log_store *l, int fsync);
void mqc_log_free(log_store *l);
extern const mqc_store_ops mqc_log_ops;

#endif
