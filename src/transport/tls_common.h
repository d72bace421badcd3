/* What both TLS backends share: option checks and small copies. */
#ifndef MQC_TLS_COMMON_H
#define MQC_TLS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"
#include "transport/transport.h"

/* Checks what needs no library: versions, PSK pieces. 0 or MQC_ERR_TLS_CONFIG. */
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
char *tls_strdup(const mqc_mem *mem, const char *s);
void *tls_memdup(const mqc_mem *mem, const void *p, size_t n);

#endif
