/* Option checks and helpers shared by the TLS backends. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/mem.h"
#include "transport/tls_common.h"

/* The libraries' words for a missing file are poor ("system lib"): say it first. */
static int readable(const char *what, const char *path, char *reason, size_t cap)
{
    if (!path || access(path, R_OK) == 0)
        return 0;
    snprintf(reason, cap, "%s '%s': %s", what, path, strerror(errno));
    return MQC_ERR_TLS_CONFIG;
}

int tls_opts_check(const mqc_tls_opts *o, char *reason, size_t cap)
{
    if (readable("CA file", o->ca_file, reason, cap) ||
        readable("CA directory", o->ca_path, reason, cap) ||
        readable("certificate", o->cert_file, reason, cap) ||
        readable("key", o->key_file, reason, cap))
        return MQC_ERR_TLS_CONFIG;
    if (o->min_version && o->min_version != MQC_TLS_1_2 && o->min_version != MQC_TLS_1_3) {
        snprintf(reason, cap, "unknown minimum TLS version 0x%04x", (unsigned)o->min_version);
        return MQC_ERR_TLS_CONFIG;
    }
    if (o->psk && (!o->psk_identity || !o->psk_identity[0])) {
        snprintf(reason, cap, "a PSK needs an identity");
        return MQC_ERR_TLS_CONFIG;
    }
    if (o->psk && (o->psk_len == 0 || o->psk_len > 64)) {
        snprintf(reason, cap, "a PSK is 1 to 64 bytes");
        return MQC_ERR_TLS_CONFIG;
    }
    if (!o->psk && o->psk_identity) {
        snprintf(reason, cap, "a PSK identity needs the key");
        return MQC_ERR_TLS_CONFIG;
    }
    if (o->key_file && !o->cert_file) {
        snprintf(reason, cap, "a key file needs a certificate file");
        return MQC_ERR_TLS_CONFIG;
    }
    return 0;
}

int tls_name_replace(const mqc_mem *mem, char **name, const char *server_name)
{
    char *n;
    if (!strcmp(*name, server_name))
        return 0;
    n = tls_strdup(mem, server_name);
    if (!n)
        return MQC_ERR_NOMEM;
    mqc_mem_free(mem, *name);
    *name = n;
    return 1;
}

int tls_alpn_split(const char *list, char *store, size_t cap, const char **names, int max)
{
    size_t len = strlen(list);
    int n = 0;
    char *p, *end;
    if (len + 1 > cap)
        return -1;
    memcpy(store, list, len + 1);
    for (p = store;; p = end + 1) {
        end = strchr(p, ',');
        if (end)
            *end = 0;
        if (!*p || strlen(p) > 255 || n >= max)
            return -1;
        names[n++] = p;
        if (!end)
            return n;
    }
}

int tls_alpn_wire(const char *list, uint8_t *out, size_t cap)
{
    char store[256];
    const char *names[16];
    size_t used = 0;
    int i, n = tls_alpn_split(list, store, sizeof(store), names, 16);
    if (n < 0)
        return -1;
    for (i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        if (used + 1 + l > cap)
            return -1;
        out[used++] = (uint8_t)l;
        memcpy(out + used, names[i], l);
        used += l;
    }
    return (int)used;
}

char *tls_strdup(const mqc_mem *mem, const char *s)
{
    return s ? tls_memdup(mem, s, strlen(s) + 1) : NULL;
}

void *tls_memdup(const mqc_mem *mem, const void *p, size_t n)
{
    void *d = mqc_mem_alloc(mem, n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

const char *tls_alert_name(unsigned code)
{
    switch (code) {
    case 0: return "close notify";
    case 10: return "unexpected message";
    case 20: return "bad record mac";
    case 40: return "handshake failure";
    case 42: return "bad certificate";
    case 43: return "unsupported certificate";
    case 44: return "certificate revoked";
    case 45: return "certificate expired";
    case 46: return "certificate unknown";
    case 47: return "illegal parameter";
    case 48: return "unknown CA";
    case 49: return "access denied";
    case 50: return "decode error";
    case 51: return "decrypt error";
    case 70: return "protocol version";
    case 71: return "insufficient security";
    case 80: return "internal error";
    case 112: return "unrecognized name";
    case 115: return "unknown PSK identity";
    case 116: return "certificate required";
    case 120: return "no application protocol";
    default: return "alert";
    }
}

int tls_alert_in(const uint8_t *rec, size_t n)
{
    /* type 21 (alert), version 3.x, length 2, level, description */
    if (n >= 7 && rec[0] == 21 && rec[1] == 3 && rec[3] == 0 && rec[4] == 2)
        return rec[6];
    return -1;
}

int tls_raw_alert(transport *lower)
{
    uint8_t rec[64];
    mqc_ssize n = transport_read(lower, rec, sizeof(rec));
    return n > 0 ? tls_alert_in(rec, (size_t)n) : -1;
}

mqc_ssize tls_read_records(transport *t, tls_reader *rd, const tls_read_hooks *h, uint8_t *buf,
                           size_t cap)
{
    size_t got = 0;
    mqc_ssize r;
    if (rd->deferred_err) { /* met after the bytes the last call returned */
        int err = rd->deferred_err;
        rd->deferred_err = 0;
        return err;
    }
    rd->lower_drained = 0;
    do {
        r = h->read(t, buf + got, cap - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    } while (got < cap && h->has_pending(t));
    if (got == 0)
        return r;
    if (r < 0) {
        /* The bytes so far go up first, the failure with the next call. */
        rd->deferred_err = (int)r;
        t->read_wants = 0;
    } else if (r > 0) {
        /* Nothing held, and the socket was empty at the last recv(): the
         * caller may go back to poll() without reading again. */
        t->read_wants = rd->lower_drained && !h->has_pending(t) ? TRANSPORT_WANT_READ : 0;
    } /* else the library waits for the fd: r == 0 set t->read_wants */
    return (mqc_ssize)got;
}

void tls_lower_read(tls_reader *rd, const transport *lower, mqc_ssize n)
{
    rd->lower_drained = n >= 0 && (lower->read_wants & TRANSPORT_WANT_READ);
}
