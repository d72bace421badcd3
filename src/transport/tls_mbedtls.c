/* The TLS layer with mbed TLS 2.28 (TLS 1.2: that version has no 1.3).
 * The SSL context talks to the layer below through its bio callbacks. */
#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/asn1.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

#include "common/mem.h"
#include "transport/tls_common.h"
#include "transport/transport.h"

#define MAX_ALPN 16

struct tls_config {
    const mqc_mem *mem;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt ca;
    mbedtls_x509_crt cert;
    mbedtls_pk_context key;
    char *server_name;
    uint8_t ip[16];              /* server_name as an address, when it is one */
    size_t ip_len;
    int check_name;
    int resume;
    mbedtls_ssl_session session; /* the last one, for resumption */
    int have_session;
    int resumed;
    const char *alpn[MAX_ALPN + 1];
    char alpn_store[256];
    char desc[128];
};

typedef struct tls_layer {
    transport base;
    mbedtls_ssl_context ssl;
    tls_config *cfg;
    int lower_err;
    unsigned lower_wants;
    size_t wpending;             /* length of a record mbedtls_ssl_write is still sending */
    int resumed;                 /* the server took the offered session (ServerHello) */
    tls_reader rd;
    /* Read ahead: mbed TLS asks for a record's header, then its body; this
     * takes whatever has arrived in one read and hands it out. */
    size_t in_off, in_len;
    uint8_t in[16 * 1024 + 512];
} tls_layer;

const char *tls_backend_name(void)
{
    return "mbed TLS " MBEDTLS_VERSION_STRING;
}

/* ---- bio over the lower layer ---- */

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    tls_layer *l = ctx;
    mqc_ssize n = transport_write(l->base.lower, buf, len);
    if (n > 0)
        return (int)n;
    if (n == 0) {
        l->lower_wants = l->base.lower->write_wants;
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    l->lower_err = (int)n;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    tls_layer *l = ctx;
    mqc_ssize n;
    if (l->in_off == l->in_len) {
        n = transport_read(l->base.lower, l->in, sizeof(l->in));
        tls_lower_read(&l->rd, l->base.lower, n);
        if (n > 0) {
            l->in_off = 0;
            l->in_len = (size_t)n;
        }
    } else {
        n = 1;
    }
    if (n > 0) {
        size_t k = l->in_len - l->in_off;
        if (k > len)
            k = len;
        if (k > INT_MAX)
            k = INT_MAX;
        memcpy(buf, l->in + l->in_off, k);
        l->in_off += k;
        return (int)k;
    }
    if (n == 0) {
        l->lower_wants = l->base.lower->read_wants;
        return MBEDTLS_ERR_SSL_WANT_READ;
    }
    l->lower_err = (int)n;
    return n == MQC_ERR_CLOSED ? 0 : MBEDTLS_ERR_NET_RECV_FAILED;
}

/* ---- configuration ---- */

static void lib_error(int ret, char *out, size_t cap)
{
    mbedtls_strerror(ret, out, cap);
}

/* mbed TLS 2.28 matches DNS names only: an address is checked here
 * against the certificate's iPAddress entries. */
static int san_has_ip(const mbedtls_x509_crt *crt, const uint8_t *ip, size_t len)
{
    const mbedtls_x509_sequence *s;
    for (s = &crt->subject_alt_names; s && s->buf.p; s = s->next)
        if (s->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && s->buf.len == len &&
            memcmp(s->buf.p, ip, len) == 0)
            return 1;
    return 0;
}

static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    tls_config *cfg = ctx;
    if (depth != 0)
        return 0;
    if (!cfg->check_name)
        *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH;
    else if (cfg->ip_len && !san_has_ip(crt, cfg->ip, cfg->ip_len))
        *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    return 0;
}

static const char *const system_bundles[] = {
    "/etc/ssl/certs/ca-certificates.crt", /* Debian, Ubuntu */
    "/etc/pki/tls/certs/ca-bundle.crt",   /* Fedora, RHEL */
    "/etc/ssl/cert.pem",                  /* Alpine, BSDs */
    NULL,
};

static int load_trust(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    char why[128];
    int r, i;
    if (o->ca_file && (r = mbedtls_x509_crt_parse_file(&cfg->ca, o->ca_file)) != 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot load CA file '%s': %s", o->ca_file, why);
        return MQC_ERR_TLS_CONFIG;
    }
    /* > 0 counts certificates that failed to parse: others in it are kept. */
    if (o->ca_path && (r = mbedtls_x509_crt_parse_path(&cfg->ca, o->ca_path)) < 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot load CA directory '%s': %s", o->ca_path, why);
        return MQC_ERR_TLS_CONFIG;
    }
    if ((!o->ca_file && !o->ca_path) || o->use_os_certs) {
        for (i = 0; system_bundles[i]; i++)
            if (access(system_bundles[i], R_OK) == 0 &&
                mbedtls_x509_crt_parse_file(&cfg->ca, system_bundles[i]) >= 0)
                break;
        if (!system_bundles[i] && mbedtls_x509_crt_parse_path(&cfg->ca, "/etc/ssl/certs") < 0) {
            snprintf(reason, cap, "no system trust store found (give a CA file)");
            return MQC_ERR_TLS_CONFIG;
        }
    }
    mbedtls_ssl_conf_ca_chain(&cfg->conf, &cfg->ca, NULL);
    return 0;
}

static int load_identity(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    const char *keyf = o->key_file ? o->key_file : o->cert_file;
    char why[128];
    int r;
    if (!o->cert_file)
        return 0; /* (a key alone is refused by tls_opts_check) */
    if ((r = mbedtls_x509_crt_parse_file(&cfg->cert, o->cert_file)) != 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot load certificate '%s': %s", o->cert_file, why);
        return MQC_ERR_TLS_CONFIG;
    }
    if ((r = mbedtls_pk_parse_keyfile(&cfg->key, keyf, o->key_password)) != 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot load private key '%s': %s", keyf, why);
        return MQC_ERR_TLS_CONFIG;
    }
    if (mbedtls_pk_check_pair(&cfg->cert.pk, &cfg->key) != 0) {
        snprintf(reason, cap, "private key '%s' does not match certificate '%s'", keyf,
                 o->cert_file);
        return MQC_ERR_TLS_CONFIG;
    }
    if ((r = mbedtls_ssl_conf_own_cert(&cfg->conf, &cfg->cert, &cfg->key)) != 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot use certificate '%s': %s", o->cert_file, why);
        return MQC_ERR_TLS_CONFIG;
    }
    return 0;
}

static int setup(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    static const char pers[] = "mqc tls";
    char why[128];
    int r, n;

    if (o->min_version == MQC_TLS_1_3) {
        snprintf(reason, cap, "TLS 1.3 is not available with %s (build with MQC_TLS=openssl)",
                 tls_backend_name());
        return MQC_ERR_TLS_CONFIG;
    }
    r = mbedtls_ctr_drbg_seed(&cfg->drbg, mbedtls_entropy_func, &cfg->entropy,
                              (const unsigned char *)pers, sizeof(pers) - 1);
    if (r == 0)
        r = mbedtls_ssl_config_defaults(&cfg->conf, MBEDTLS_SSL_IS_CLIENT,
                                        MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (r != 0) {
        lib_error(r, why, sizeof(why));
        snprintf(reason, cap, "cannot set up TLS: %s", why);
        return MQC_ERR_TLS_CONFIG;
    }
    mbedtls_ssl_conf_rng(&cfg->conf, mbedtls_ctr_drbg_random, &cfg->drbg);
    mbedtls_ssl_conf_min_version(&cfg->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_authmode(&cfg->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_verify(&cfg->conf, verify_cb, cfg);
    mbedtls_ssl_conf_session_tickets(&cfg->conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
    if ((r = load_trust(cfg, o, reason, cap)) || (r = load_identity(cfg, o, reason, cap)))
        return r;
    if (o->alpn) {
        n = tls_alpn_split(o->alpn, cfg->alpn_store, sizeof(cfg->alpn_store), cfg->alpn,
                           MAX_ALPN);
        if (n >= 0)
            cfg->alpn[n] = NULL; /* the list mbed TLS keeps a pointer to */
        if (n < 0 || mbedtls_ssl_conf_alpn_protocols(&cfg->conf, cfg->alpn) != 0) {
            snprintf(reason, cap, "bad ALPN list '%s'", o->alpn);
            return MQC_ERR_TLS_CONFIG;
        }
    }
    if (o->psk) {
        r = mbedtls_ssl_conf_psk(&cfg->conf, o->psk, o->psk_len,
                                 (const unsigned char *)o->psk_identity, strlen(o->psk_identity));
        if (r != 0) {
            lib_error(r, why, sizeof(why));
            snprintf(reason, cap, "cannot use the PSK: %s", why);
            return MQC_ERR_TLS_CONFIG;
        }
    }
    return 0;
}

/* cfg->ip: the server name as an address, when it is one (verify_cb). */
static void name_as_address(tls_config *cfg)
{
    cfg->ip_len = 0;
    if (inet_pton(AF_INET, cfg->server_name, cfg->ip) == 1)
        cfg->ip_len = 4;
    else if (inet_pton(AF_INET6, cfg->server_name, cfg->ip) == 1)
        cfg->ip_len = 16;
}

int tls_config_new(tls_config **out, const mqc_tls_opts *o, const char *server_name,
                   const mqc_mem *mem, char *reason, size_t cap)
{
    tls_config *cfg;
    int rv;

    *out = NULL;
    if ((rv = tls_opts_check(o, reason, cap)))
        return rv;
    cfg = mqc_mem_alloc(mem, sizeof(*cfg));
    if (!cfg)
        return MQC_ERR_NOMEM;
    memset(cfg, 0, sizeof(*cfg));
    cfg->mem = mem;
    mbedtls_ssl_config_init(&cfg->conf);
    mbedtls_entropy_init(&cfg->entropy);
    mbedtls_ctr_drbg_init(&cfg->drbg);
    mbedtls_x509_crt_init(&cfg->ca);
    mbedtls_x509_crt_init(&cfg->cert);
    mbedtls_pk_init(&cfg->key);
    mbedtls_ssl_session_init(&cfg->session);
    cfg->check_name = !o->insecure;
    cfg->resume = o->session_resume;
    cfg->server_name = tls_strdup(mem, server_name);
    if (!cfg->server_name) {
        tls_config_free(cfg);
        return MQC_ERR_NOMEM;
    }
    name_as_address(cfg);
    rv = setup(cfg, o, reason, cap);
    if (rv) {
        tls_config_free(cfg);
        return rv;
    }
    *out = cfg;
    return 0;
}

int tls_config_set_name(tls_config *cfg, const char *server_name)
{
    int rv = tls_name_replace(cfg->mem, &cfg->server_name, server_name);
    if (rv <= 0)
        return rv;
    name_as_address(cfg);
    if (cfg->have_session) { /* another server's session would only be refused */
        mbedtls_ssl_session_free(&cfg->session);
        mbedtls_ssl_session_init(&cfg->session);
        cfg->have_session = 0;
    }
    return 0;
}

void tls_config_free(tls_config *cfg)
{
    if (!cfg)
        return;
    mbedtls_ssl_session_free(&cfg->session);
    mbedtls_ssl_config_free(&cfg->conf);
    mbedtls_x509_crt_free(&cfg->ca);
    mbedtls_x509_crt_free(&cfg->cert);
    mbedtls_pk_free(&cfg->key);
    mbedtls_ctr_drbg_free(&cfg->drbg);
    mbedtls_entropy_free(&cfg->entropy);
    mqc_mem_free(cfg->mem, cfg->server_name);
    mqc_mem_free(cfg->mem, cfg);
}

int tls_config_resumed(const tls_config *cfg)
{
    return cfg->resumed;
}

const char *tls_config_describe(const tls_config *cfg)
{
    return cfg->desc;
}

/* ---- the layer ---- */

/* Joins mbedtls_x509_crt_verify_info()'s lines with "; ". */
static void verify_text(uint32_t flags, char *out, size_t cap)
{
    char *p;
    size_t n;
    mbedtls_x509_crt_verify_info(out, cap, "", flags);
    n = strlen(out);
    while (n && out[n - 1] == '\n')
        out[--n] = 0;
    for (p = out; (p = strchr(p, '\n')) != NULL;)
        *p = ';';
}

static int ssl_failure(tls_layer *l, int r, int handshake, unsigned *wants)
{
    char why[200];
    uint32_t flags;
    if (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE) {
        unsigned w = l->lower_wants;
        if (!w)
            w = r == MBEDTLS_ERR_SSL_WANT_READ ? TRANSPORT_WANT_READ : TRANSPORT_WANT_WRITE;
        *wants = w;
        return TRANSPORT_AGAIN;
    }
    if (handshake && (flags = mbedtls_ssl_get_verify_result(&l->ssl)) != 0 &&
        flags != (uint32_t)-1) {
        verify_text(flags, why, sizeof(why));
        return transport_fail(&l->base, MQC_ERR_TLS_VERIFY, "%s", why);
    }
    if (r == 0 || r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || r == MBEDTLS_ERR_SSL_CONN_EOF ||
        l->lower_err == MQC_ERR_CLOSED)
        return transport_fail(&l->base, MQC_ERR_CLOSED, "%s",
                              handshake ? "connection closed by the server during the TLS handshake"
                                        : "connection closed by the server");
    if (l->lower_err == MQC_ERR_IO && handshake && r == MBEDTLS_ERR_NET_SEND_FAILED) {
        int alert = l->in_off < l->in_len ? tls_alert_in(l->in + l->in_off, l->in_len - l->in_off)
                                          : tls_raw_alert(l->base.lower);
        if (alert >= 0) /* our flight met the reset after the server's refusal */
            return transport_fail(&l->base, MQC_ERR_TLS,
                                  "alert from the server: %s (%d) (in the handshake)",
                                  tls_alert_name((unsigned)alert), alert);
    }
    if (l->lower_err)
        return l->lower_err;
    if (r == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && l->ssl.in_msg)
        return transport_fail(&l->base, MQC_ERR_TLS, "alert from the server: %s (%u)%s",
                              tls_alert_name(l->ssl.in_msg[1]), (unsigned)l->ssl.in_msg[1],
                              handshake ? " (in the handshake)" : "");
    lib_error(r, why, sizeof(why));
    return transport_fail(&l->base, MQC_ERR_TLS, "%s%s", why,
                          handshake ? " (in the handshake)" : "");
}

static void describe(tls_layer *l)
{
    tls_config *cfg = l->cfg;
    const char *proto = mbedtls_ssl_get_alpn_protocol(&l->ssl);
    cfg->resumed = l->resumed;
    snprintf(cfg->desc, sizeof(cfg->desc), "%s %s%s%s, %s", mbedtls_ssl_get_version(&l->ssl),
             mbedtls_ssl_get_ciphersuite(&l->ssl), proto ? ", ALPN " : "", proto ? proto : "",
             cfg->resumed ? "session resumed" : "new session");
    if (cfg->resume) {
        mbedtls_ssl_session_free(&cfg->session);
        mbedtls_ssl_session_init(&cfg->session);
        cfg->have_session = mbedtls_ssl_get_session(&l->ssl, &cfg->session) == 0;
    }
}

static int tls_handshake(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    int r;
    l->lower_err = 0;
    l->lower_wants = 0;
    /* mbedtls_ssl_handshake() step by step, to see whether the server
     * resumed (2.28 has no public call for it). */
    r = 0;
    while (l->ssl.state != MBEDTLS_SSL_HANDSHAKE_OVER) {
        int before = l->ssl.state;
        r = mbedtls_ssl_handshake_step(&l->ssl);
        /* A resumed TLS 1.2 handshake goes from ServerHello straight to
         * the server's ChangeCipherSpec (no certificate, no key exchange). */
        if (before == MBEDTLS_SSL_SERVER_HELLO && l->ssl.state != MBEDTLS_SSL_SERVER_HELLO)
            l->resumed = l->ssl.state == MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC;
        if (r != 0)
            break;
    }
    if (r == 0) {
        describe(l);
        return 0;
    }
    return ssl_failure(l, r, 1, &t->wants);
}

/* One mbedtls_ssl_read, for tls_read_records. */
static mqc_ssize read_record(transport *t, uint8_t *buf, size_t cap)
{
    tls_layer *l = (tls_layer *)t;
    int r, rv;
    l->lower_err = 0;
    l->lower_wants = 0;
    r = mbedtls_ssl_read(&l->ssl, buf, cap);
    if (r > 0)
        return r;
    rv = ssl_failure(l, r, 0, &t->read_wants);
    return rv == TRANSPORT_AGAIN ? 0 : rv;
}

/* Decrypted bytes, and the records bio_recv read ahead. */
static int has_pending(const transport *t)
{
    const tls_layer *l = (const tls_layer *)t;
    return l->in_off < l->in_len || mbedtls_ssl_get_bytes_avail(&l->ssl) > 0;
}

static const tls_read_hooks read_hooks = {read_record, has_pending};

static mqc_ssize tls_read(transport *t, uint8_t *buf, size_t cap)
{
    return tls_read_records(t, &((tls_layer *)t)->rd, &read_hooks, buf, cap);
}

static mqc_ssize tls_write(transport *t, const uint8_t *buf, size_t len)
{
    tls_layer *l = (tls_layer *)t;
    int r, rv, max;
    if (len == 0)
        return 0;
    l->lower_err = 0;
    l->lower_wants = 0;
    /* A record cut short by a full socket goes again with the length it
     * had: mbed TLS would otherwise count the whole new buffer as sent. */
    if (l->wpending) {
        if (len < l->wpending) /* the contract: the same bytes again, or more */
            return transport_fail(t, MQC_ERR_STATE, "TLS: a retried write got fewer bytes");
        len = l->wpending;
    } else {
        max = mbedtls_ssl_get_max_out_record_payload(&l->ssl);
        if (max > 0 && len > (size_t)max)
            len = (size_t)max;
    }
    r = mbedtls_ssl_write(&l->ssl, buf, len);
    if (r > 0) {
        l->wpending = 0;
        t->write_wants = 0;
        return r;
    }
    rv = ssl_failure(l, r, 0, &t->write_wants);
    if (rv == TRANSPORT_AGAIN) {
        l->wpending = len;
        return 0;
    }
    return rv;
}

static size_t tls_pending(const transport *t)
{
    const tls_layer *l = (const tls_layer *)t;
    /* decrypted bytes, and records already read ahead */
    return mbedtls_ssl_get_bytes_avail(&l->ssl) + (l->in_len - l->in_off);
}

static int tls_shutdown(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    (void)mbedtls_ssl_close_notify(&l->ssl); /* best effort */
    return transport_shutdown(t->lower);
}

static void tls_destroy(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    mbedtls_ssl_free(&l->ssl);
    mqc_mem_free(t->mem, l);
}

static const transport_ops tls_ops = {
    "tls", tls_handshake, tls_read, tls_write, tls_pending, tls_shutdown, tls_destroy,
};

int transport_tls_new(transport **out, transport *lower, tls_config *cfg)
{
    tls_layer *l;

    *out = NULL;
    l = (tls_layer *)transport_alloc(sizeof(*l), &tls_ops, lower, cfg->mem);
    if (!l)
        return MQC_ERR_NOMEM;
    l->cfg = cfg;
    mbedtls_ssl_init(&l->ssl);
    if (mbedtls_ssl_setup(&l->ssl, &cfg->conf) != 0 ||
        /* SNI and the name check; an address gets neither (verify_cb checks it). */
        (!cfg->ip_len && mbedtls_ssl_set_hostname(&l->ssl, cfg->server_name) != 0)) {
        mbedtls_ssl_free(&l->ssl);
        mqc_mem_free(cfg->mem, l);
        return MQC_ERR_NOMEM;
    }
    mbedtls_ssl_set_bio(&l->ssl, l, bio_send, bio_recv, NULL);
    if (cfg->resume && cfg->have_session)
        (void)mbedtls_ssl_set_session(&l->ssl, &cfg->session); /* else a full handshake */
    cfg->resumed = 0;
    l->base.wants = TRANSPORT_WANT_WRITE; /* ClientHello first */
    *out = &l->base;
    return 0;
}
