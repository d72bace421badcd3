/* The transport stack (src/transport/): handshake ordering, what the stack
 * waits for, reasons and freeing with scripted layers; the TCP layer on a
 * socketpair; and (OpenSSL builds) the TLS layer against an in-process
 * OpenSSL server through a lower layer that moves one byte at a time and
 * says "would block" every other call, so every WANT path is taken.
 * MQC_TEST_HOST_ONLY: the client layer (sockets, TLS), not built for the Cortex-M port.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/mem.h"
#include "transport/transport.h"

static mqc_mem mem;

/* ---- scripted layers ---- */

typedef struct fake {
    transport base;
    int steps_left;              /* handshake steps before it is done */
    int calls;                   /* handshake calls */
    int *destroyed;              /* order log */
    int id;
    int fail;                    /* handshake fails with this */
} fake;

static int destroy_log[8], destroy_n;

static int fake_handshake(transport *t)
{
    fake *f = (fake *)t;
    f->calls++;
    if (f->fail)
        return transport_fail(t, f->fail, "fake %d failed", f->id);
    if (f->steps_left-- > 0) {
        t->wants = f->id == 1 ? TRANSPORT_WANT_READ : TRANSPORT_WANT_WRITE;
        return TRANSPORT_AGAIN;
    }
    return 0;
}

static mqc_ssize fake_read(transport *t, uint8_t *b, size_t n)
{
    (void)b;
    (void)n;
    t->read_wants = TRANSPORT_WANT_WRITE; /* as TLS may: reading needs a write */
    return 0;
}

static mqc_ssize fake_write(transport *t, const uint8_t *b, size_t n)
{
    (void)b;
    (void)t;
    return (mqc_ssize)n;
}

static int fake_shutdown(transport *t)
{
    (void)t;
    return 0;
}

static void fake_destroy(transport *t)
{
    destroy_log[destroy_n++] = ((fake *)t)->id;
    mqc_mem_free(t->mem, t);
}

static const transport_ops fake_ops = {
    "fake", fake_handshake, fake_read, fake_write, NULL, fake_shutdown, fake_destroy,
};

static fake *fake_new(transport *lower, int id, int steps)
{
    fake *f = (fake *)transport_alloc(sizeof(fake), &fake_ops, lower, &mem);
    assert_non_null(f);
    f->id = id;
    f->steps_left = steps;
    return f;
}

static void test_handshake_bottom_first(void **state)
{
    fake *a, *b;
    (void)state;
    destroy_n = 0;
    a = fake_new(NULL, 1, 2);
    a->base.fd = 7;
    b = fake_new(&a->base, 2, 1);
    assert_int_equal(b->base.fd, 7); /* every layer sees the socket */
    /* a needs two more steps: b is not asked meanwhile, and the stack waits
     * for what a waits for. */
    assert_int_equal(transport_handshake(&b->base), TRANSPORT_AGAIN);
    assert_int_equal(transport_wants(&b->base), TRANSPORT_WANT_READ);
    assert_int_equal(transport_handshake(&b->base), TRANSPORT_AGAIN);
    assert_int_equal(b->calls, 0);
    /* a is done; b takes its one step, then is done. */
    assert_int_equal(transport_handshake(&b->base), TRANSPORT_AGAIN);
    assert_true(a->base.ready);
    assert_int_equal(b->calls, 1);
    assert_int_equal(transport_wants(&b->base), TRANSPORT_WANT_WRITE);
    assert_int_equal(transport_handshake(&b->base), 0);
    assert_true(b->base.ready);
    assert_int_equal(transport_handshake(&b->base), 0); /* idempotent */
    assert_int_equal(b->calls, 2);
    /* Once ready, the stack waits for what its last read asked for. */
    assert_int_equal(transport_read(&b->base, NULL, 0), 0);
    assert_int_equal(transport_wants(&b->base), TRANSPORT_WANT_WRITE);
    transport_free(&b->base);
    assert_int_equal(destroy_n, 2);
    assert_int_equal(destroy_log[0], 2); /* top first */
    assert_int_equal(destroy_log[1], 1);
}

static void test_failure_reason_found_below(void **state)
{
    fake *a, *b;
    (void)state;
    a = fake_new(NULL, 1, 0);
    a->fail = MQC_ERR_TLS;
    b = fake_new(&a->base, 2, 0);
    assert_string_equal(transport_reason(&b->base), "");
    assert_int_equal(transport_handshake(&b->base), MQC_ERR_TLS);
    assert_int_equal(b->calls, 0);
    assert_string_equal(transport_reason(&b->base), "fake 1 failed");
    transport_fail(&b->base, MQC_ERR_IO, "top says %d", 42);
    assert_string_equal(transport_reason(&b->base), "top says 42"); /* the highest wins */
    transport_free(&b->base);
    transport_free(NULL);
}

/* A layer's failure text is allocated when it fails, not carried by every
 * healthy connection; without memory for it the error code still stands. */
static int counted_live, counted_refuse;

static void *counted_malloc(size_t n, void *u)
{
    (void)u;
    if (counted_refuse)
        return NULL;
    counted_live++;
    return malloc(n);
}

static void *counted_realloc(void *p, size_t n, void *u)
{
    (void)u;
    return realloc(p, n);
}

static void counted_free(void *p, void *u)
{
    (void)u;
    counted_live -= p != NULL;
    free(p);
}

static void test_reason_made_at_failure(void **state)
{
    mqc_mem counted = {NULL, counted_malloc, counted_realloc, counted_free};
    fake *f;
    (void)state;
    counted_live = counted_refuse = 0;
    f = (fake *)transport_alloc(sizeof(fake), &fake_ops, NULL, &counted);
    assert_non_null(f);
    assert_null(f->base.reason);
    assert_int_equal(transport_handshake(&f->base), 0);
    assert_int_equal(counted_live, 1); /* the layer alone */
    assert_int_equal(transport_fail(&f->base, MQC_ERR_IO, "first %d", 1), MQC_ERR_IO);
    assert_int_equal(counted_live, 2);
    assert_int_equal(transport_fail(&f->base, MQC_ERR_IO, "second"), MQC_ERR_IO);
    assert_int_equal(counted_live, 2); /* the same text buffer again */
    assert_string_equal(transport_reason(&f->base), "second");
    transport_free(&f->base);
    assert_int_equal(counted_live, 0);

    f = (fake *)transport_alloc(sizeof(fake), &fake_ops, NULL, &counted);
    assert_non_null(f);
    counted_refuse = 1;
    assert_int_equal(transport_fail(&f->base, MQC_ERR_TLS, "lost"), MQC_ERR_TLS);
    assert_string_equal(transport_reason(&f->base), "");
    counted_refuse = 0;
    transport_free(&f->base);
    assert_int_equal(counted_live, 0);
}

/* ---- tcp over a socketpair ---- */

static void nonblocking(int fd)
{
    assert_int_equal(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
}

static void test_tcp_layer(void **state)
{
    int sv[2], sndbuf = 4096;
    transport *t;
    uint8_t buf[65536];
    mqc_ssize n, total = 0;
    (void)state;
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    nonblocking(sv[0]);
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
    assert_int_equal(transport_tcp_new(&t, sv[0], &mem), 0);
    assert_true(t->ready);
    assert_int_equal(transport_handshake(t), 0);
    /* nothing to read: 0, wait for readability */
    assert_int_equal(transport_read(t, buf, sizeof(buf)), 0);
    assert_int_equal(t->read_wants, TRANSPORT_WANT_READ);
    assert_int_equal(write(sv[1], "hello", 5), 5);
    /* a read that fills the buffer may have left more: read again */
    assert_int_equal(transport_read(t, buf, 3), 3);
    assert_int_equal(t->read_wants, 0);
    /* a short one took all there was: the next would wait for readability */
    assert_int_equal(transport_read(t, buf + 3, sizeof(buf) - 3), 2);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(t->read_wants, TRANSPORT_WANT_READ);
    /* write until the socket is full: 0, wait for writability */
    memset(buf, 'x', sizeof(buf));
    while ((n = transport_write(t, buf, sizeof(buf))) > 0)
        total += n;
    assert_int_equal(n, 0);
    assert_true(total > 0);
    assert_int_equal(t->write_wants, TRANSPORT_WANT_WRITE);
    /* the peer goes away with our bytes unread: a reset */
    close(sv[1]);
    assert_int_equal(transport_read(t, buf, sizeof(buf)), MQC_ERR_IO);
    assert_non_null(strstr(transport_reason(t), "recv:"));
    transport_free(t); /* closes sv[0] */
    assert_int_equal(fcntl(sv[0], F_GETFD), -1);

    /* the peer closes cleanly: an orderly end, in words */
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    nonblocking(sv[0]);
    assert_int_equal(transport_tcp_new(&t, sv[0], &mem), 0);
    close(sv[1]);
    assert_int_equal(transport_read(t, buf, sizeof(buf)), MQC_ERR_CLOSED);
    assert_string_equal(transport_reason(t), "connection closed by the server");
    assert_int_equal(transport_write(t, buf, 10), MQC_ERR_IO);
    assert_non_null(strstr(transport_reason(t), "send:"));
    transport_free(t);
}

#ifdef MQC_TEST_TLS_OPENSSL
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include "transport/tls_common.h"

/* ---- a byte pipe: the client's lower layer, and the server's memory BIOs ---- */

typedef struct pipe_layer {
    transport base;
    uint8_t *c2s, *s2c;          /* client to server, server to client */
    size_t c2s_len, s2c_len, s2c_off;
    unsigned tick;               /* every other call would block */
    int eof;                     /* the server side closed */
    int bulk;                    /* like a socket: all there is, no blocking */
    size_t bulk_max;             /* bulk: at most this much per read (0 = no limit) */
    unsigned reads;              /* read calls */
} pipe_layer;

#define PIPE_CAP (1u << 22)

static mqc_ssize pipe_read(transport *t, uint8_t *buf, size_t cap)
{
    pipe_layer *p = (pipe_layer *)t;
    p->reads++;
    if (p->s2c_off == p->s2c_len) {
        if (p->eof)
            return transport_fail(t, MQC_ERR_CLOSED, "connection closed by the server");
        t->read_wants = TRANSPORT_WANT_READ;
        return 0;
    }
    if (p->bulk) {
        size_t n = p->s2c_len - p->s2c_off < cap ? p->s2c_len - p->s2c_off : cap;
        if (p->bulk_max && n > p->bulk_max)
            n = p->bulk_max;
        memcpy(buf, p->s2c + p->s2c_off, n);
        p->s2c_off += n;
        /* as tcp: all there was (a short read), or perhaps more */
        t->read_wants = p->s2c_off == p->s2c_len && n < cap ? TRANSPORT_WANT_READ : 0;
        return (mqc_ssize)n;
    }
    if (++p->tick & 1) {
        t->read_wants = TRANSPORT_WANT_READ;
        return 0;
    }
    buf[0] = p->s2c[p->s2c_off++]; /* one byte at a time */
    t->read_wants = 0;
    return 1;
}

static mqc_ssize pipe_write(transport *t, const uint8_t *buf, size_t len)
{
    pipe_layer *p = (pipe_layer *)t;
    if (p->bulk) {
        assert_true(p->c2s_len + len <= PIPE_CAP);
        memcpy(p->c2s + p->c2s_len, buf, len);
        p->c2s_len += len;
        return (mqc_ssize)len;
    }
    if (++p->tick & 1) {
        t->write_wants = TRANSPORT_WANT_WRITE;
        return 0;
    }
    assert_true(p->c2s_len + 1 <= PIPE_CAP);
    (void)len;
    p->c2s[p->c2s_len++] = buf[0];
    return 1;
}

static void pipe_destroy(transport *t)
{
    pipe_layer *p = (pipe_layer *)t;
    free(p->c2s);
    free(p->s2c);
    mqc_mem_free(t->mem, t);
}

static const transport_ops pipe_ops = {
    "pipe", fake_handshake, pipe_read, pipe_write, NULL, fake_shutdown, pipe_destroy,
};

static pipe_layer *pipe_new(void)
{
    pipe_layer *p = (pipe_layer *)transport_alloc(sizeof(*p), &pipe_ops, NULL, &mem);
    assert_non_null(p);
    p->base.ready = 1;
    p->c2s = malloc(PIPE_CAP);
    p->s2c = malloc(PIPE_CAP);
    assert_non_null(p->c2s);
    assert_non_null(p->s2c);
    return p;
}

typedef struct server {
    SSL_CTX *ctx;
    SSL *ssl;
    BIO *in, *out;
} server;

static EVP_PKEY *key;
static X509 *cert;
static char ca_path[64] = "";

/* A self-signed certificate for localhost, written to ca_path for the client. */
static void make_cert(void)
{
    X509V3_CTX v3;
    X509_EXTENSION *ext;
    FILE *f;
    int fd;
    key = EVP_EC_gen("P-256");
    assert_non_null(key);
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                               (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(cert));
    X509V3_set_ctx(&v3, cert, cert, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "DNS:localhost");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints, "critical,CA:TRUE");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    assert_true(X509_sign(cert, key, EVP_sha256()) > 0);
    strcpy(ca_path, "/tmp/mqc-test-transport-XXXXXX");
    fd = mkstemp(ca_path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    PEM_write_X509(f, cert);
    fclose(f);
}

static SSL_CTX *server_ctx; /* one for all connections: its ticket keys too */

/* The server speaks "mqtt" if the client offers it. */
static int alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    static const unsigned char mqtt[] = "\x04mqtt";
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto((unsigned char **)out, outlen, mqtt, 5, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    return SSL_TLSEXT_ERR_OK;
}

static void server_start(server *s)
{
    if (!server_ctx) {
        server_ctx = SSL_CTX_new(TLS_server_method());
        assert_int_equal(SSL_CTX_use_certificate(server_ctx, cert), 1);
        assert_int_equal(SSL_CTX_use_PrivateKey(server_ctx, key), 1);
        SSL_CTX_set_alpn_select_cb(server_ctx, alpn_select, NULL);
    }
    s->ctx = server_ctx;
    s->ssl = SSL_new(s->ctx);
    s->in = BIO_new(BIO_s_mem());
    s->out = BIO_new(BIO_s_mem());
    SSL_set_bio(s->ssl, s->in, s->out);
    SSL_set_accept_state(s->ssl);
}

static void server_stop(server *s)
{
    SSL_free(s->ssl);
}

/* Moves the client's bytes in, lets the server work, moves its bytes out.
 * Returns what SSL_do_handshake said. */
static int pump(server *s, pipe_layer *p, uint8_t *sink, size_t *sunk)
{
    char out[16384];
    int n, hs;
    if (p->c2s_len) {
        BIO_write(s->in, p->c2s, (int)p->c2s_len);
        p->c2s_len = 0;
    }
    hs = SSL_do_handshake(s->ssl);
    if (hs == 1 && sink) {
        while ((n = SSL_read(s->ssl, sink + *sunk, 16384)) > 0)
            *sunk += (size_t)n;
    }
    while ((n = BIO_read(s->out, out, sizeof(out))) > 0) {
        assert_true(p->s2c_len + (size_t)n <= PIPE_CAP);
        memcpy(p->s2c + p->s2c_len, out, (size_t)n);
        p->s2c_len += (size_t)n;
    }
    return hs;
}

static tls_config *client_config_alpn(const char *ca, const char *name, const char *alpn)
{
    mqc_tls_opts o;
    tls_config *cfg;
    char why[256] = "";
    memset(&o, 0, sizeof(o));
    o.enable = 1;
    o.ca_file = ca;
    o.alpn = alpn;
    o.session_resume = 1;
    assert_int_equal(tls_config_new(&cfg, &o, name, &mem, why, sizeof(why)), 0);
    return cfg;
}

static tls_config *client_config(const char *ca, const char *name)
{
    return client_config_alpn(ca, name, NULL);
}

/* Steps the client's handshake against the server; returns its result. */
static int handshake(transport *t, server *s, pipe_layer *p)
{
    int i, rv = TRANSPORT_AGAIN;
    for (i = 0; i < 200000 && rv == TRANSPORT_AGAIN; i++) {
        rv = transport_handshake(t);
        if (rv == TRANSPORT_AGAIN)
            assert_true(transport_wants(t) != 0); /* never waits for nothing */
        pump(s, p, NULL, NULL);
    }
    return rv;
}

static void test_tls_byte_at_a_time(void **state)
{
    server s;
    pipe_layer *p = pipe_new();
    tls_config *cfg = client_config(ca_path, "localhost");
    transport *t;
    static uint8_t data[100000], got[100000];
    size_t sent = 0, sunk = 0, i, recvd = 0;
    (void)state;
    server_start(&s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, &s, p), 0);
    assert_non_null(strstr(tls_config_describe(cfg), "TLSv1.3"));
    assert_false(tls_config_resumed(cfg));
    /* SNI carried the name */
    assert_non_null(SSL_get_servername(s.ssl, TLSEXT_NAMETYPE_host_name));
    assert_string_equal(SSL_get_servername(s.ssl, TLSEXT_NAMETYPE_host_name), "localhost");
    assert_null(strstr(tls_config_describe(cfg), "ALPN"));
    /* client to server: 100 kB through one-byte writes that often block */
    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7 + 3);
    while (sent < sizeof(data)) {
        mqc_ssize n = transport_write(t, data + sent, sizeof(data) - sent);
        assert_true(n >= 0);
        if (n == 0)
            assert_int_equal(t->write_wants, TRANSPORT_WANT_WRITE);
        sent += (size_t)n;
        pump(&s, p, got, &sunk);
    }
    for (i = 0; i < 1000 && sunk < sizeof(data); i++) {
        (void)transport_write(t, data, 0);
        pump(&s, p, got, &sunk);
    }
    assert_int_equal(sunk, sizeof(data));
    assert_memory_equal(got, data, sizeof(data));
    /* server to client */
    assert_int_equal(SSL_write(s.ssl, data, 50000), 50000);
    pump(&s, p, NULL, NULL);
    while (recvd < 50000) {
        mqc_ssize n = transport_read(t, got + recvd, sizeof(got) - recvd);
        assert_true(n >= 0);
        if (n == 0)
            assert_int_equal(t->read_wants, TRANSPORT_WANT_READ);
        recvd += (size_t)n;
    }
    assert_memory_equal(got, data, 50000);
    assert_int_equal(transport_read(t, got, sizeof(got)), 0);
    /* the server closes the TCP connection: an orderly end */
    p->eof = 1;
    assert_int_equal(transport_read(t, got, sizeof(got)), MQC_ERR_CLOSED);
    transport_free(t);
    server_stop(&s);

    /* a second connection with the same config resumes (TLS 1.3 ticket,
     * read above with the data) */
    p = pipe_new();
    server_start(&s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, &s, p), 0);
    assert_true(tls_config_resumed(cfg));
    assert_non_null(strstr(tls_config_describe(cfg), "session resumed"));
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
}

/* A TLS layer over a bulk pipe, its handshake done and the server's
 * session tickets read: ready for records. */
static transport *tls_ready(server *s, pipe_layer *p, tls_config *cfg)
{
    transport *t;
    uint8_t got[4096];

    p->bulk = 1;
    server_start(s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, s, p), 0);
    assert_int_equal(transport_read(t, got, sizeof(got)), 0); /* the tickets only */
    return t;
}

/* The server sends n PUBACKs, a record each (numbered: id i for the i-th),
 * and they cross the pipe. */
static void send_acks(server *s, pipe_layer *p, int n, int numbered)
{
    uint8_t ack[4] = {0x40, 0x02, 0, 0};
    int i;

    for (i = 0; i < n; i++) {
        ack[3] = (uint8_t)(numbered ? i : 0);
        assert_int_equal(SSL_write(s->ssl, ack, 4), 4);
    }
    pump(s, p, NULL, NULL);
}

/* A burst of small records (a broker's PUBACKs, one record each) that
 * arrived together comes up in one read, so the client handles them as a
 * batch and answers with one record; a close after them comes with the
 * next read, not instead of them. */
static void test_tls_records_batched(void **state)
{
    server s;
    pipe_layer *p = pipe_new();
    tls_config *cfg = client_config(ca_path, "localhost");
    transport *t = tls_ready(&s, p, cfg);
    uint8_t got[4096];
    int i;
    (void)state;
    send_acks(&s, p, 20, 1);
    assert_int_equal(transport_read(t, got, sizeof(got)), 80);
    for (i = 0; i < 20; i++)
        assert_int_equal(got[4 * i + 3], i);
    assert_int_equal(transport_read(t, got, sizeof(got)), 0);
    assert_int_equal(t->read_wants, TRANSPORT_WANT_READ);
    /* a small buffer takes what fits; the rest waits in OpenSSL */
    send_acks(&s, p, 3, 0);
    assert_int_equal(transport_read(t, got, 6), 6);
    assert_int_equal(transport_pending(t), 2);
    assert_int_equal(transport_read(t, got, sizeof(got)), 6);
    /* records, then close_notify: the records first, the end next */
    send_acks(&s, p, 5, 0);
    assert_true(SSL_shutdown(s.ssl) >= 0);
    pump(&s, p, NULL, NULL);
    assert_int_equal(transport_read(t, got, sizeof(got)), 20);
    assert_int_equal(transport_read(t, got, sizeof(got)), MQC_ERR_CLOSED);
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
}

/* A read says when it took all there was (TRANSPORT_WANT_READ after > 0:
 * the client then polls instead of reading into EAGAIN): only when the
 * last read below was short and OpenSSL holds nothing, neither decrypted
 * bytes nor records read ahead, nor a failure for the next call. */
static void test_tls_read_says_drained(void **state)
{
    server s;
    pipe_layer *p = pipe_new();
    tls_config *cfg = client_config(ca_path, "localhost");
    transport *t = tls_ready(&s, p, cfg);
    uint8_t got[4096];
    size_t before, record, total;
    unsigned reads;
    mqc_ssize n;
    (void)state;
    /* a burst, read in one: one read below, none into "EAGAIN" after it */
    before = p->s2c_len;
    send_acks(&s, p, 20, 0);
    record = (p->s2c_len - before) / 20;
    reads = p->reads;
    assert_int_equal(transport_read(t, got, sizeof(got)), 80);
    assert_int_equal(p->reads - reads, 1);
    assert_int_equal(t->read_wants, TRANSPORT_WANT_READ);
    /* records left in OpenSSL (the buffer was too small): not drained */
    send_acks(&s, p, 3, 0);
    assert_int_equal(transport_read(t, got, 6), 6);
    assert_int_equal(t->read_wants, 0);
    /* (the rest comes from OpenSSL's buffer alone: whether the socket has
     * had more since its last read is not known, so read again) */
    assert_int_equal(transport_read(t, got, sizeof(got)), 6);
    assert_int_equal(t->read_wants, 0);
    assert_int_equal(transport_read(t, got, sizeof(got)), 0);
    /* the layer below filled OpenSSL's buffer at a record's end and has
     * more: not drained either, until the read that empties it */
    p->bulk_max = 5 * record;
    send_acks(&s, p, 20, 0);
    assert_int_equal(transport_read(t, got, sizeof(got)), 20);
    assert_int_equal(t->read_wants, 0);
    for (total = 20; total < 80; total += (size_t)n) {
        n = transport_read(t, got, sizeof(got));
        assert_int_equal(n, 20);
        assert_int_equal(t->read_wants, total + 20 < 80 ? 0 : TRANSPORT_WANT_READ);
    }
    p->bulk_max = 0;
    /* records, then close_notify: the end is for the next read to say */
    send_acks(&s, p, 2, 0);
    assert_true(SSL_shutdown(s.ssl) >= 0);
    pump(&s, p, NULL, NULL);
    assert_int_equal(transport_read(t, got, sizeof(got)), 8);
    assert_int_equal(t->read_wants, 0);
    assert_int_equal(transport_read(t, got, sizeof(got)), MQC_ERR_CLOSED);
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
}

static void test_tls_alpn_and_no_sni_for_addresses(void **state)
{
    server s;
    pipe_layer *p = pipe_new();
    tls_config *cfg = client_config_alpn(ca_path, "localhost", "x-other,mqtt");
    transport *t;
    (void)state;
    server_start(&s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, &s, p), 0);
    assert_non_null(strstr(tls_config_describe(cfg), "ALPN mqtt"));
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
    /* an address: no SNI (RFC 6066), and the certificate has no IP SAN */
    p = pipe_new();
    cfg = client_config(ca_path, "127.0.0.1");
    server_start(&s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, &s, p), MQC_ERR_TLS_VERIFY);
    assert_non_null(strstr(transport_reason(t), "IP address mismatch"));
    assert_null(SSL_get_servername(s.ssl, TLSEXT_NAMETYPE_host_name));
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
}

static void refused(const char *ca, const char *name, int want, const char *why)
{
    server s;
    pipe_layer *p = pipe_new();
    tls_config *cfg = client_config(ca, name);
    transport *t;
    server_start(&s);
    assert_int_equal(transport_tls_new(&t, &p->base, cfg), 0);
    assert_int_equal(handshake(t, &s, p), want);
    if (!strstr(transport_reason(t), why))
        fail_msg("reason '%s' lacks '%s'", transport_reason(t), why);
    transport_free(t);
    server_stop(&s);
    tls_config_free(cfg);
}

static void test_tls_verify_failures(void **state)
{
    (void)state;
    refused(ca_path, "other.example", MQC_ERR_TLS_VERIFY, "hostname mismatch");
    refused("/etc/ssl/certs/ca-certificates.crt", "localhost", MQC_ERR_TLS_VERIFY,
            "self-signed certificate");
}

static void test_tls_config_errors(void **state)
{
    mqc_tls_opts o;
    tls_config *cfg;
    char why[256];
    (void)state;
    memset(&o, 0, sizeof(o));
    o.ca_file = "/nonexistent/ca.pem";
    assert_int_equal(tls_config_new(&cfg, &o, "h", &mem, why, sizeof(why)), MQC_ERR_TLS_CONFIG);
    assert_non_null(strstr(why, "No such file"));
    memset(&o, 0, sizeof(o));
    o.psk = (const uint8_t *)"k";
    o.psk_len = 1;
    assert_int_equal(tls_config_new(&cfg, &o, "h", &mem, why, sizeof(why)), MQC_ERR_TLS_CONFIG);
    assert_non_null(strstr(why, "identity"));
    memset(&o, 0, sizeof(o));
    o.min_version = 0x0301;
    assert_int_equal(tls_config_new(&cfg, &o, "h", &mem, why, sizeof(why)), MQC_ERR_TLS_CONFIG);
    memset(&o, 0, sizeof(o));
    o.alpn = "mqtt,,x";
    assert_int_equal(tls_config_new(&cfg, &o, "h", &mem, why, sizeof(why)), MQC_ERR_TLS_CONFIG);
    assert_non_null(strstr(why, "ALPN"));
    memset(&o, 0, sizeof(o));
    o.key_file = ca_path; /* readable, but no certificate for it */
    assert_int_equal(tls_config_new(&cfg, &o, "h", &mem, why, sizeof(why)), MQC_ERR_TLS_CONFIG);
    assert_string_equal(why, "a key file needs a certificate file");
}

/* A new server name replaces the old one; the same name changes nothing. */
static void test_tls_name_replace(void **state)
{
    char *name = tls_strdup(&mem, "a.example");
    char *before = name;
    (void)state;
    assert_int_equal(tls_name_replace(&mem, &name, "a.example"), 0);
    assert_ptr_equal(name, before);
    assert_int_equal(tls_name_replace(&mem, &name, "b.example"), 1);
    assert_string_equal(name, "b.example");
    mqc_mem_free(&mem, name);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_bottom_first),
        cmocka_unit_test(test_failure_reason_found_below),
        cmocka_unit_test(test_reason_made_at_failure),
        cmocka_unit_test(test_tcp_layer),
#ifdef MQC_TEST_TLS_OPENSSL
        cmocka_unit_test(test_tls_byte_at_a_time),
        cmocka_unit_test(test_tls_records_batched),
        cmocka_unit_test(test_tls_read_says_drained),
        cmocka_unit_test(test_tls_verify_failures),
        cmocka_unit_test(test_tls_alpn_and_no_sni_for_addresses),
        cmocka_unit_test(test_tls_config_errors),
        cmocka_unit_test(test_tls_name_replace),
#endif
    };
    int rv;
    mqc_mem_resolve(&mem, NULL);
#ifdef MQC_TEST_TLS_OPENSSL
    make_cert();
#endif
    rv = cmocka_run_group_tests(tests, NULL, NULL);
#ifdef MQC_TEST_TLS_OPENSSL
    unlink(ca_path);
    SSL_CTX_free(server_ctx);
    X509_free(cert);
    EVP_PKEY_free(key);
#endif
    return rv;
}
