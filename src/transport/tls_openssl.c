/* The TLS layer with OpenSSL (1.1.1 or 3.x). The SSL object talks to the
 * layer below through a BIO of our own, so TLS stacks on any byte layer
 * and never touches the socket itself. */
#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "common/mem.h"
#include "transport/tls_common.h"
#include "transport/transport.h"

struct tls_config {
    const mqc_mem *mem;
    SSL_CTX *ctx;
    BIO_METHOD *bio_method;
    char *server_name;
    int check_name;
    int resume;
    SSL_SESSION *session;        /* the last one the server gave, for resumption */
    uint8_t *psk;
    size_t psk_len;
    char *psk_identity;
    int resumed;
    char desc[128];
};

typedef struct tls_layer {
    transport base;
    SSL *ssl;
    tls_config *cfg;
    int lower_err;               /* what the layer below failed with, in a BIO call */
    int tls_failed;              /* a TLS-level failure: the session must not be resumed */
    unsigned lower_wants;        /* what it waited for when it returned 0 */
    tls_reader rd;
} tls_layer;

/* ---- BIO over the lower layer ---- */

static int bio_write(BIO *b, const char *buf, int len)
{
    tls_layer *l = BIO_get_data(b);
    mqc_ssize n;
    BIO_clear_retry_flags(b);
    n = transport_write(l->base.lower, (const uint8_t *)buf, (size_t)len);
    if (n > 0)
        return (int)n;
    if (n == 0) {
        l->lower_wants = l->base.lower->write_wants;
        BIO_set_retry_write(b);
        return -1;
    }
    l->lower_err = (int)n;
    return -1;
}

static int bio_read(BIO *b, char *buf, int len)
{
    tls_layer *l = BIO_get_data(b);
    mqc_ssize n;
    BIO_clear_retry_flags(b);
    n = transport_read(l->base.lower, (uint8_t *)buf, (size_t)len);
    tls_lower_read(&l->rd, l->base.lower, n);
    if (n > 0)
        return (int)n;
    if (n == 0) {
        l->lower_wants = l->base.lower->read_wants;
        BIO_set_retry_read(b);
        return -1;
    }
    l->lower_err = (int)n;
    return n == MQC_ERR_CLOSED ? 0 : -1;
}

static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0; /* the lower layer writes at once */
}

static int bio_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}

/* ---- configuration ---- */

const char *tls_backend_name(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

/* The first queued error names the cause ("bad decrypt"); the later ones
 * where it surfaced ("PEM lib"). */
static const char *last_ssl_error(void)
{
    unsigned long e = ERR_peek_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    return r ? r : "unknown error";
}

static int pem_password(char *buf, int size, int rwflag, void *user)
{
    const char *pw = user;
    size_t n;
    (void)rwflag;
    if (!pw)
        return 0; /* never prompt on a terminal: fail instead */
    n = strlen(pw);
    if (n > (size_t)size)
        return 0;
    memcpy(buf, pw, n);
    return (int)n;
}

static int new_session(SSL *ssl, SSL_SESSION *sess)
{
    tls_config *cfg = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    if (!cfg->resume)
        return 0;
    if (cfg->session)
        SSL_SESSION_free(cfg->session);
    cfg->session = sess;
    return 1; /* we keep the reference */
}

static unsigned int psk_client(SSL *ssl, const char *hint, char *identity,
                               unsigned int max_identity, unsigned char *psk,
                               unsigned int max_psk)
{
    tls_config *cfg = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    (void)hint;
    if (strlen(cfg->psk_identity) + 1 > max_identity || cfg->psk_len > max_psk)
        return 0;
    memcpy(identity, cfg->psk_identity, strlen(cfg->psk_identity) + 1);
    memcpy(psk, cfg->psk, cfg->psk_len);
    return (unsigned int)cfg->psk_len;
}

static int load_trust(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    if (o->ca_file || o->ca_path) {
        if (!SSL_CTX_load_verify_locations(cfg->ctx, o->ca_file, o->ca_path)) {
            snprintf(reason, cap, "cannot load CA %s '%s': %s", o->ca_file ? "file" : "directory",
                     o->ca_file ? o->ca_file : o->ca_path, last_ssl_error());
            return MQC_ERR_TLS_CONFIG;
        }
    }
    if ((!o->ca_file && !o->ca_path) || o->use_os_certs) {
        if (!SSL_CTX_set_default_verify_paths(cfg->ctx)) {
            snprintf(reason, cap, "cannot load the system trust store: %s", last_ssl_error());
            return MQC_ERR_TLS_CONFIG;
        }
    }
    return 0;
}

static int load_identity(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    const char *key = o->key_file ? o->key_file : o->cert_file;
    if (!o->cert_file)
        return 0; /* (a key alone is refused by tls_opts_check) */
    if (!SSL_CTX_use_certificate_chain_file(cfg->ctx, o->cert_file)) {
        snprintf(reason, cap, "cannot load certificate '%s': %s", o->cert_file, last_ssl_error());
        return MQC_ERR_TLS_CONFIG;
    }
    SSL_CTX_set_default_passwd_cb(cfg->ctx, pem_password);
    SSL_CTX_set_default_passwd_cb_userdata(cfg->ctx, (void *)o->key_password);
    if (!SSL_CTX_use_PrivateKey_file(cfg->ctx, key, SSL_FILETYPE_PEM)) {
        snprintf(reason, cap, "cannot load private key '%s': %s%s", key, last_ssl_error(),
                 o->key_password ? "" : " (encrypted? give its password)");
        return MQC_ERR_TLS_CONFIG;
    }
    /* The password is not kept: the key is decrypted now. */
    SSL_CTX_set_default_passwd_cb_userdata(cfg->ctx, NULL);
    if (!SSL_CTX_check_private_key(cfg->ctx)) {
        snprintf(reason, cap, "private key '%s' does not match certificate '%s'", key,
                 o->cert_file);
        return MQC_ERR_TLS_CONFIG;
    }
    return 0;
}

static int setup_ctx(tls_config *cfg, const mqc_tls_opts *o, char *reason, size_t cap)
{
    uint8_t alpn[256];
    int rv, alpn_len;

    cfg->ctx = SSL_CTX_new(TLS_client_method());
    if (!cfg->ctx)
        return MQC_ERR_NOMEM;
    SSL_CTX_set_app_data(cfg->ctx, cfg);
    SSL_CTX_set_mode(cfg->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
                                   SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
    /* MQTT packets delimit themselves; a broker that just closes is a close. */
    SSL_CTX_set_options(cfg->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
    if (!SSL_CTX_set_min_proto_version(cfg->ctx, o->min_version == MQC_TLS_1_3
                                                     ? TLS1_3_VERSION
                                                     : TLS1_2_VERSION)) {
        snprintf(reason, cap, "cannot set the minimum TLS version: %s", last_ssl_error());
        return MQC_ERR_TLS_CONFIG;
    }
    /* One read takes whatever has arrived, not a record header and then its
     * body: a stream of small acks costs one recv() per batch, not two each. */
    SSL_CTX_set_read_ahead(cfg->ctx, 1);
    SSL_CTX_set_verify(cfg->ctx, SSL_VERIFY_PEER, NULL);
    if ((rv = load_trust(cfg, o, reason, cap)) || (rv = load_identity(cfg, o, reason, cap)))
        return rv;
    if (o->alpn) {
        alpn_len = tls_alpn_wire(o->alpn, alpn, sizeof(alpn));
        if (alpn_len < 0 || SSL_CTX_set_alpn_protos(cfg->ctx, alpn, (unsigned)alpn_len)) {
            snprintf(reason, cap, "bad ALPN list '%s'", o->alpn);
            return MQC_ERR_TLS_CONFIG;
        }
    }
    if (o->psk) {
        SSL_CTX_set_psk_client_callback(cfg->ctx, psk_client);
        /* TLS 1.2 needs PSK cipher suites (as libmosquitto does it). */
        if (!SSL_CTX_set_cipher_list(cfg->ctx, "PSK")) {
            snprintf(reason, cap, "no PSK cipher suites: %s", last_ssl_error());
            return MQC_ERR_TLS_CONFIG;
        }
    }
    SSL_CTX_set_session_cache_mode(cfg->ctx,
                                   SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(cfg->ctx, new_session);
    cfg->bio_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "mqc transport");
    if (!cfg->bio_method)
        return MQC_ERR_NOMEM;
    BIO_meth_set_write(cfg->bio_method, bio_write);
    BIO_meth_set_read(cfg->bio_method, bio_read);
    BIO_meth_set_ctrl(cfg->bio_method, bio_ctrl);
    BIO_meth_set_create(cfg->bio_method, bio_create);
    return 0;
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
    cfg->check_name = !o->insecure;
    cfg->resume = o->session_resume;
    cfg->server_name = tls_strdup(mem, server_name);
    rv = cfg->server_name ? 0 : MQC_ERR_NOMEM;
    if (!rv && o->psk) {
        cfg->psk = tls_memdup(mem, o->psk, o->psk_len);
        cfg->psk_len = o->psk_len;
        cfg->psk_identity = tls_strdup(mem, o->psk_identity);
        if (!cfg->psk || !cfg->psk_identity)
            rv = MQC_ERR_NOMEM;
    }
    ERR_clear_error();
    if (!rv)
        rv = setup_ctx(cfg, o, reason, cap);
    ERR_clear_error();
    if (rv) {
        if (rv == MQC_ERR_NOMEM && !reason[0])
            snprintf(reason, cap, "out of memory");
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
    if (cfg->session) { /* another server's ticket would only be refused */
        SSL_SESSION_free(cfg->session);
        cfg->session = NULL;
    }
    return 0;
}

void tls_config_free(tls_config *cfg)
{
    if (!cfg)
        return;
    if (cfg->session)
        SSL_SESSION_free(cfg->session);
    SSL_CTX_free(cfg->ctx);
    BIO_meth_free(cfg->bio_method);
    mqc_mem_free(cfg->mem, cfg->server_name);
    if (cfg->psk)
        OPENSSL_cleanse(cfg->psk, cfg->psk_len);
    mqc_mem_free(cfg->mem, cfg->psk);
    mqc_mem_free(cfg->mem, cfg->psk_identity);
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

/* SSL_get_error() needs an empty error queue before each call. Emptying
 * an empty one still walks all its slots (~800 instructions in OpenSSL
 * 3.0), three times per message at window 1: look first. */
static void clear_errors(void)
{
    if (ERR_peek_error())
        ERR_clear_error();
}

/* A write failed at the socket: if the server's reason (an alert, such as
 * TLS 1.3's "certificate required" after our handshake seemed done) is
 * still readable, it is the real cause. Peeking consumes no payload. */
static int alert_waiting(tls_layer *l)
{
    char byte;
    int r;
    ERR_clear_error();
    l->lower_err = 0;
    r = SSL_peek(l->ssl, &byte, 1);
    if (r > 0 || SSL_get_error(l->ssl, r) != SSL_ERROR_SSL || !ERR_peek_error()) {
        ERR_clear_error();
        return 0;
    }
    transport_fail(&l->base, MQC_ERR_TLS, "%s", last_ssl_error());
    ERR_clear_error();
    return 1;
}

/* Maps an SSL call's failure: TRANSPORT_AGAIN with *wants, or an error
 * with the reason in the layer. */
static int ssl_failure(tls_layer *l, int ret, int handshake, unsigned *wants)
{
    int e = SSL_get_error(l->ssl, ret);
    long vr;
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        unsigned w = l->lower_wants;
        if (!w)
            w = e == SSL_ERROR_WANT_READ ? TRANSPORT_WANT_READ : TRANSPORT_WANT_WRITE;
        *wants = w;
        return TRANSPORT_AGAIN;
    }
    l->tls_failed = 1; /* cleared below for the transport's own failures */
    if (handshake && (vr = SSL_get_verify_result(l->ssl)) != X509_V_OK) {
        ERR_clear_error();
        return transport_fail(&l->base, MQC_ERR_TLS_VERIFY, "%s",
                              X509_verify_cert_error_string(vr));
    }
    if (e == SSL_ERROR_ZERO_RETURN || l->lower_err == MQC_ERR_CLOSED) {
        l->tls_failed = 0;
        ERR_clear_error();
        return transport_fail(&l->base, MQC_ERR_CLOSED, "%s",
                              handshake ? "connection closed by the server during the TLS handshake"
                                        : "connection closed by the server");
    }
    if (l->lower_err && !handshake && SSL_get_error(l->ssl, ret) == SSL_ERROR_SYSCALL &&
        alert_waiting(l))
        return MQC_ERR_TLS; /* a write met the reset that followed the server's alert */
    if (l->lower_err == MQC_ERR_IO && handshake) {
        int alert = tls_raw_alert(l->base.lower);
        if (alert >= 0) { /* our flight met the reset after the server's refusal */
            ERR_clear_error();
            return transport_fail(&l->base, MQC_ERR_TLS,
                                  "alert from the server: %s (%d) (in the handshake)",
                                  tls_alert_name((unsigned)alert), alert);
        }
    }
    if (l->lower_err) {
        l->tls_failed = 0;
        ERR_clear_error();
        return l->lower_err; /* the lower layer has the words */
    }
    transport_fail(&l->base, MQC_ERR_TLS, "%s%s",
                   ERR_peek_error() ? last_ssl_error()
                                    : e == SSL_ERROR_SYSCALL ? "I/O error" : "error",
                   handshake ? " (in the handshake)" : "");
    ERR_clear_error();
    return MQC_ERR_TLS;
}

static void describe(tls_layer *l)
{
    tls_config *cfg = l->cfg;
    const unsigned char *proto = NULL;
    unsigned proto_len = 0;
    SSL_get0_alpn_selected(l->ssl, &proto, &proto_len);
    /* A TLS 1.3 external PSK counts as "reused" in OpenSSL: it is not a resumption. */
    cfg->resumed = SSL_session_reused(l->ssl) && !cfg->psk;
    snprintf(cfg->desc, sizeof(cfg->desc), "%s %s%s%.*s, %s", SSL_get_version(l->ssl),
             SSL_get_cipher_name(l->ssl), proto_len ? ", ALPN " : "", (int)proto_len,
             proto ? (const char *)proto : "",
             cfg->psk ? "pre-shared key" : cfg->resumed ? "session resumed" : "new session");
}

static int tls_handshake(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    int r;
    l->lower_err = 0;
    l->lower_wants = 0;
    ERR_clear_error();
    r = SSL_connect(l->ssl);
    if (r == 1) {
        describe(l);
        return 0;
    }
    return ssl_failure(l, r, 1, &t->wants);
}

/* One SSL_read, for tls_read_records. */
static mqc_ssize read_record(transport *t, uint8_t *buf, size_t cap)
{
    tls_layer *l = (tls_layer *)t;
    int r, rv;
    l->lower_err = 0;
    l->lower_wants = 0;
    clear_errors();
    r = SSL_read(l->ssl, buf, cap > INT_MAX ? INT_MAX : (int)cap);
    if (r > 0)
        return r;
    rv = ssl_failure(l, r, 0, &t->read_wants);
    return rv == TRANSPORT_AGAIN ? 0 : rv;
}

/* With read_ahead, the records that came with the last one. */
static int has_pending(const transport *t)
{
    return SSL_has_pending(((const tls_layer *)t)->ssl);
}

static const tls_read_hooks read_hooks = {read_record, has_pending};

static mqc_ssize tls_read(transport *t, uint8_t *buf, size_t cap)
{
    return tls_read_records(t, &((tls_layer *)t)->rd, &read_hooks, buf, cap);
}

static mqc_ssize tls_write(transport *t, const uint8_t *buf, size_t len)
{
    tls_layer *l = (tls_layer *)t;
    int r, rv;
    if (len == 0)
        return 0;
    l->lower_err = 0;
    l->lower_wants = 0;
    clear_errors();
    r = SSL_write(l->ssl, buf, len > INT_MAX ? INT_MAX : (int)len);
    if (r > 0) {
        t->write_wants = 0;
        return r;
    }
    rv = ssl_failure(l, r, 0, &t->write_wants);
    return rv == TRANSPORT_AGAIN ? 0 : rv;
}

static size_t tls_pending(const transport *t)
{
    const tls_layer *l = (const tls_layer *)t;
    return (size_t)SSL_pending(l->ssl);
}

static int tls_shutdown(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    ERR_clear_error();
    (void)SSL_shutdown(l->ssl); /* close_notify; the answer is not awaited */
    ERR_clear_error();
    return transport_shutdown(t->lower);
}

static void tls_destroy(transport *t)
{
    tls_layer *l = (tls_layer *)t;
    /* OpenSSL marks the session of a connection freed without close_notify
     * not resumable. A cut TCP connection (the usual reason to reconnect)
     * says nothing against the session's keys: keep it, unless TLS itself
     * failed. */
    if (!l->tls_failed && SSL_is_init_finished(l->ssl))
        SSL_set_shutdown(l->ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_free(l->ssl);
    mqc_mem_free(t->mem, l);
}

static const transport_ops tls_ops = {
    "tls", tls_handshake, tls_read, tls_write, tls_pending, tls_shutdown, tls_destroy,
};

static int is_ip_literal(const char *name)
{
    unsigned char a[16];
    return inet_pton(AF_INET, name, a) == 1 || inet_pton(AF_INET6, name, a) == 1;
}

int transport_tls_new(transport **out, transport *lower, tls_config *cfg)
{
    tls_layer *l;
    BIO *bio;
    int ip = is_ip_literal(cfg->server_name);

    *out = NULL;
    l = (tls_layer *)transport_alloc(sizeof(*l), &tls_ops, lower, cfg->mem);
    if (!l)
        return MQC_ERR_NOMEM;
    l->cfg = cfg;
    l->ssl = SSL_new(cfg->ctx);
    bio = l->ssl ? BIO_new(cfg->bio_method) : NULL;
    if (!bio) {
        SSL_free(l->ssl);
        mqc_mem_free(cfg->mem, l);
        return MQC_ERR_NOMEM;
    }
    BIO_set_data(bio, l);
    SSL_set_bio(l->ssl, bio, bio);
    /* SNI carries names only (RFC 6066 §3), never an address. */
    if (!ip)
        SSL_set_tlsext_host_name(l->ssl, cfg->server_name);
    if (cfg->check_name && !cfg->psk) {
        X509_VERIFY_PARAM *vp = SSL_get0_param(l->ssl);
        if (ip)
            X509_VERIFY_PARAM_set1_ip_asc(vp, cfg->server_name);
        else
            X509_VERIFY_PARAM_set1_host(vp, cfg->server_name, 0);
    }
    if (cfg->resume && cfg->session)
        SSL_set_session(l->ssl, cfg->session);
    cfg->resumed = 0;
    l->base.wants = TRANSPORT_WANT_WRITE; /* ClientHello first */
    ERR_clear_error();
    *out = &l->base;
    return 0;
}
