/* What both TLS backends share: option checks, small copies, the read step. */
#ifndef MQC_TLS_COMMON_H
#define MQC_TLS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"
#include "transport/transport.h"

/* Checks what needs no library: files readable, versions, PSK pieces, a
 * key with its certificate. 0 or MQC_ERR_TLS_CONFIG. */
int tls_opts_check(const mqc_tls_opts *o, char *reason, size_t cap);
/* "mqtt,x-amzn-mqtt-ca" in ALPN wire form (length-prefixed). Returns its
 * length, or -1 for an empty or over-long name or no room. */
int tls_alpn_wire(const char *list, uint8_t *out, size_t cap);
/* Splits the list in place-free form: up to max names copied into store
 * (NUL-separated), pointers in names. Returns the count or -1. */
int tls_alpn_split(const char *list, char *store, size_t cap, const char **names, int max);
/* The TLS alert description's name ("certificate required"). */
const char *tls_alert_name(unsigned code);
/* After our handshake flight met a reset: reads what the server sent
 * before it closed. Returns its alert code if that is a plaintext alert
 * record (as servers send them in the handshake), else -1. */
int tls_raw_alert(transport *lower);
/* The same for bytes already read: the alert code, or -1. */
int tls_alert_in(const uint8_t *rec, size_t n);
char *tls_strdup(const mqc_mem *mem, const char *s);
void *tls_memdup(const mqc_mem *mem, const void *p, size_t n);
/* tls_config_set_name's common part: *name becomes a copy of server_name.
 * Returns 1 when it changed (a saved session is for the old name), 0 when
 * it was that name already, or MQC_ERR_NOMEM (the old name stays). */
int tls_name_replace(const mqc_mem *mem, char **name, const char *server_name);

/* The read step both backends share. Their libraries return one record a
 * call; the records that came with it already sit in the library's
 * buffer, and are taken in the same call, or a burst of acks (a record
 * each) is handled one at a time and each one's answer goes out in a
 * record and a send() of its own. */
typedef struct tls_reader {
    int deferred_err;            /* a failure met after bytes were returned: the next read's */
    int lower_drained;           /* this read's last read below took all there was */
} tls_reader;

typedef struct tls_read_hooks {
    /* One library read: > 0 bytes, 0 = not now (t->read_wants set), or < 0
     * (the reason set). */
    mqc_ssize (*read)(transport *t, uint8_t *buf, size_t cap);
    /* Input the library holds: decrypted bytes or records read ahead. */
    int (*has_pending)(const transport *t);
} tls_read_hooks;

/* The layer's read (transport.h), t->read_wants included. */
mqc_ssize tls_read_records(transport *t, tls_reader *rd, const tls_read_hooks *h, uint8_t *buf,
                           size_t cap);
/* The backends' bio calls it after each read of the layer below (n: what
 * that returned): whether it took all there was. */
void tls_lower_read(tls_reader *rd, const transport *lower, mqc_ssize n);

#endif
