/* The client's network side: name resolution, non-blocking connect over
 * each resolved address, the transport handshake (TLS, ...), and the
 * coalesced reads and writes through the transport stack. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client/client_internal.h"
#include "common/mem.h"

void client_set_detail(mqc_client *c, const char *text)
{
    mqc_mem_free(&c->mem, c->err_detail);
    c->err_detail = NULL;
    if (text && text[0] && (c->err_detail = mqc_mem_alloc(&c->mem, strlen(text) + 1)))
        strcpy(c->err_detail, text);
}

void client_logf(mqc_client *c, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    if (!c->cb.on_log)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    c->cb.on_log(c, msg, c->user_data);
}

static void describe_addr(const struct addrinfo *ai, char *out, size_t cap)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        snprintf(out, cap, "(unprintable address)");
        return;
    }
    if (ai->ai_family == AF_INET6)
        snprintf(out, cap, "[%s]:%s", host, serv);
    else
        snprintf(out, cap, "%s:%s", host, serv);
}

static mqc_tstamp deadline_after(mqc_tstamp now, uint32_t ms)
{
    return ms ? now + ms : MQC_TSTAMP_NONE;
}

void client_close_socket(mqc_client *c, mqc_tstamp now)
{
    if (c->tp) {
        transport_free(c->tp); /* closes the fd */
        c->tp = NULL;
        c->fd = -1;
    }
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    c->roff = c->rlen = 0;
    c->held = 0;
    if (c->phase == PHASE_CONNACK || c->phase == PHASE_UP)
        mqc_session_connection_lost(c->session, now);
}

/* Keeps the transport's words on err for the application and logs them. */
static void note_transport_error(mqc_client *c, int err)
{
    const char *why = transport_reason(c->tp);
    client_set_detail(c, why);
    if (err == MQC_ERR_TLS_VERIFY)
        client_logf(c, "TLS: server certificate verify failed: %s", why);
    else if (err == MQC_ERR_TLS)
        client_logf(c, "TLS: %s", why);
    else
        client_logf(c, "%s", why);
}

/* The transport failed (handshake or later): end the connection. */
static void transport_failed(mqc_client *c, int err, mqc_tstamp now)
{
    note_transport_error(c, err);
    client_conn_failed(c, c->refused && err == MQC_ERR_CLOSED ? MQC_ERR_CONNACK_REFUSED : err,
                       now);
}

/* Every layer is ready: hand the connection to the session, which queues CONNECT. */
static void transport_established(mqc_client *c, mqc_tstamp now)
{
    int rv;
    c->phase = PHASE_CONNACK;
    c->refused = 0;
    rv = mqc_session_connect(c->session, now);
    if (rv < 0) {
        client_conn_failed(c, rv, now);
        return;
    }
    client_flush(c, now);
}

/* One step of the stack's handshake (a no-op for plain TCP). */
void client_handshake_step(mqc_client *c, mqc_tstamp now)
{
    int rv = transport_handshake(c->tp);
    if (rv == TRANSPORT_AGAIN)
        return;
    if (rv < 0) {
        transport_failed(c, rv, now);
        return;
    }
    if (c->tls)
        client_logf(c, "TLS handshake done: %s", tls_config_describe(c->tls));
    transport_established(c, now);
}

/* TCP is up: stack the transport layers on the socket and start their handshake. */
static void tcp_established(mqc_client *c, mqc_tstamp now)
{
    ws_config ws = {c->at_host, c->at_port, c->opts.ws.path, c->tls != NULL};
    transport_stack_cfg cfg = {c->tls, c->opts.ws.enable ? &ws : NULL};
    char why[TRANSPORT_REASON_MAX] = "";
    int rv = transport_stack_open(&c->tp, c->fd, &cfg, &c->mem, why, sizeof(why));
    if (rv < 0) {
        c->fd = -1; /* closed by transport_stack_open */
        client_set_detail(c, why);
        client_logf(c, "transport: %s", why);
        client_conn_failed(c, rv, now);
        return;
    }
    c->phase = PHASE_HANDSHAKE;
    client_handshake_step(c, now);
}

/* Tries the remaining addresses of this attempt, in getaddrinfo() order. */
static void try_next_address(mqc_client *c, mqc_tstamp now)
{
    char where[NI_MAXHOST + NI_MAXSERV + 8];
    while (c->ai_next) {
        struct addrinfo *ai = c->ai_next;
        int fd, one = 1, flags;
        c->ai_next = ai->ai_next;
        describe_addr(ai, where, sizeof(where));
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            client_logf(c, "socket for %s: %s", where, strerror(errno));
            c->attempt_err = MQC_ERR_IO;
            continue;
        }
        flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
            fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
            client_logf(c, "fcntl: %s", strerror(errno));
            close(fd);
            c->attempt_err = MQC_ERR_IO;
            continue;
        }
        /* Small packets (acks, pings) must not wait for Nagle. */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        if (c->opts.local.bind_address && client_bind_local(c, fd, ai->ai_family) < 0) {
            close(fd);
            c->attempt_err = MQC_ERR_IO;
            continue;
        }
        client_logf(c, "connecting to %s", where);
        c->fd = fd;
        c->gen++;
        c->attempt_deadline = deadline_after(now, c->opts.connect_timeout_ms);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            tcp_established(c, now);
            return;
        }
        if (errno == EINPROGRESS || errno == EINTR) {
            c->phase = PHASE_TCP;
            return;
        }
        client_logf(c, "connect to %s: %s", where, strerror(errno));
        close(fd);
        c->fd = -1;
        c->attempt_err = MQC_ERR_IO;
    }
    client_conn_failed(c, c->attempt_err ? c->attempt_err : MQC_ERR_IO, now);
}

/* Resolves the broker in at_host and tries its addresses. */
void client_start_broker(mqc_client *c, mqc_tstamp now)
{
    struct addrinfo hints;
    char port[8];
    int rv;

    if (c->ai_list) {
        freeaddrinfo(c->ai_list);
        c->ai_list = c->ai_next = NULL;
    }
    c->attempt_err = 0;
    c->refused = 0;
    c->redirect_reason = 0;
    client_set_detail(c, NULL);
    c->phase = PHASE_TCP;
    /* Each broker's own name for SNI and the certificate check. */
    if (c->tls && !c->opts.tls.server_name && tls_config_set_name(c->tls, c->at_host) < 0) {
        client_conn_failed(c, MQC_ERR_NOMEM, now);
        return;
    }
    if (c->opts.local.unix_path) {
        rv = client_unix_connect(c, now);
        if (rv > 0)
            tcp_established(c, now);
        else if (rv < 0)
            client_conn_failed(c, rv, now);
        return;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = c->opts.family == 4 ? AF_INET : c->opts.family == 6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICSERV;
    snprintf(port, sizeof(port), "%u", (unsigned)c->at_port);
    rv = getaddrinfo(c->at_host, port, &hints, &c->ai_list);
    if (rv != 0) {
        client_logf(c, "resolving %s: %s", c->at_host, gai_strerror(rv));
        c->ai_list = NULL;
        client_conn_failed(c, MQC_ERR_RESOLVE, now);
        return;
    }
    c->ai_next = c->ai_list;
    try_next_address(c, now);
}

void client_start_attempt(mqc_client *c, mqc_tstamp now)
{
    if (brokers_first(c) < 0) {
        c->phase = PHASE_TCP;
        client_conn_failed(c, MQC_ERR_NOMEM, now);
        return;
    }
    client_start_broker(c, now);
}

/* The non-blocking connect() may have finished: find out how. */
void client_tcp_check(mqc_client *c, mqc_tstamp now)
{
    struct pollfd pfd;
    int err = 0;
    socklen_t len = sizeof(err);

    pfd.fd = c->fd;
    pfd.events = POLLOUT;
    pfd.revents = 0;
    if (poll(&pfd, 1, 0) <= 0)
        return; /* still in progress: a spurious call */
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    if (err == 0) {
        tcp_established(c, now);
        return;
    }
    client_logf(c, "connect: %s", strerror(err));
    close(c->fd);
    c->fd = -1;
    c->attempt_err = err == ETIMEDOUT ? MQC_ERR_CONNECT_TIMEOUT : MQC_ERR_IO;
    try_next_address(c, now);
}

/* The connect timer of the current address expired. */
void client_tcp_timeout(mqc_client *c, mqc_tstamp now)
{
    client_logf(c, "connect: no answer within %u ms", (unsigned)c->opts.connect_timeout_ms);
    close(c->fd);
    c->fd = -1;
    c->attempt_err = MQC_ERR_CONNECT_TIMEOUT;
    try_next_address(c, now);
}

/* No handshake or no CONNACK in time on this address: the next resolved
 * address may be a working broker, so try it before backing off (only when
 * none is left). */
void client_connack_timeout(mqc_client *c, mqc_tstamp now)
{
    client_logf(c, "no %s within %u ms%s",
                c->phase == PHASE_HANDSHAKE ? "finished handshake" : "CONNACK",
                (unsigned)c->opts.connect_timeout_ms,
                c->ai_next ? "; trying the next address" : "");
    if (!c->ai_next) {
        client_conn_failed(c, MQC_ERR_CONNECT_TIMEOUT, now);
        return;
    }
    client_close_socket(c, now);
    c->phase = PHASE_TCP;
    c->attempt_err = MQC_ERR_CONNECT_TIMEOUT;
    try_next_address(c, now);
}

/* Writes what the session offers until it has nothing or the socket is
 * full. Returns 0, or a negative mqc_err (the connection is broken). */
static int write_pending(mqc_client *c, mqc_tstamp now)
{
    for (;;) {
        const uint8_t *data;
        mqc_ssize n, w;
        if (!c->tp)
            return 0;
        n = mqc_session_send(c->session, &data, now);
        if (n < 0)
            return (int)n;
        if (n == 0)
            return 0;
        w = transport_write(c->tp, data, (size_t)n);
        if (w < 0) {
            note_transport_error(c, (int)w);
            return (int)w;
        }
        if (w == 0)
            return 0;
        mqc_session_sent(c->session, (size_t)w, now);
    }
}

void client_flush(mqc_client *c, mqc_tstamp now)
{
    int rv;
    if (c->phase != PHASE_CONNACK && c->phase != PHASE_UP)
        return;
    rv = write_pending(c, now);
    if (rv < 0)
        client_conn_failed(c, rv, now);
}

/* The read buffer follows the traffic. Reads that fit READ_STACK bytes
 * (acks, PINGRESP, CONNACK: all an idle or publishing connection gets) go
 * to the stack, so such a connection has no read buffer at all. A read
 * that fills its buffer asks for a larger one on the heap (doubling up to
 * read_chunk), kept while the reads stay large: no allocation per read in
 * a steady stream. It is given back once it is empty and READ_IDLE_MS
 * have passed without a read larger than the stack's. Input the session
 * holds back (its inbound window is full) moves to the heap buffer. */
#define READ_STACK 2048u
#define READ_IDLE_MS 1000u

static size_t read_limit(const mqc_client *c)
{
    return c->opts.read_chunk ? c->opts.read_chunk : 65536;
}

/* Empty, and no large read for a while: give the heap buffer back. */
void client_read_idle(mqc_client *c, mqc_tstamp now)
{
    if (c->rbuf && c->roff == c->rlen && now - c->rbusy_at >= READ_IDLE_MS) {
        mqc_mem_free(&c->mem, c->rbuf);
        c->rbuf = NULL;
        c->rcap = 0;
    }
}

/* A heap buffer of at least n bytes, its contents kept (NULL: no memory). */
static uint8_t *read_heap(mqc_client *c, size_t n)
{
    uint8_t *b;

    if (c->rcap >= n)
        return c->rbuf;
    b = mqc_mem_realloc(&c->mem, c->rbuf, n);
    if (b) {
        c->rbuf = b;
        c->rcap = n;
    }
    return b;
}

/* Reads once: into the heap buffer if there is one, else the stack; a
 * full buffer grows the heap one for the next read. */
static mqc_ssize read_some(mqc_client *c, uint8_t *stack, uint8_t **buf, mqc_tstamp now)
{
    size_t lim = read_limit(c), cap = c->rbuf ? c->rcap : READ_STACK < lim ? READ_STACK : lim;
    mqc_ssize r;

    *buf = c->rbuf ? c->rbuf : stack;
    r = transport_read(c->tp, *buf, cap);
    if (r > (mqc_ssize)READ_STACK)
        c->rbusy_at = now;
    if (r == (mqc_ssize)cap && cap < lim) {
        c->rbusy_at = now;
        /* Not now: the bytes just read are in *buf. At the next read. */
        c->rgrow = cap * 2 < lim ? cap * 2 : lim;
    }
    return r;
}

/* Reads until the socket is drained (a short read says so too), feeding
 * the session. The session may take only part (its inbound window is
 * full): the rest stays in rbuf and goes again after the acks are
 * written; while nothing moves, stop. */
void client_read(mqc_client *c, mqc_tstamp now)
{
    unsigned gen = c->gen;
    uint8_t stack[READ_STACK];
    uint8_t *buf = c->rbuf;
    int drained = 0;

    for (;;) {
        size_t start;
        int moved;
        if (c->roff == c->rlen) {
            mqc_ssize r;
            /* The last read took all there was (transport.h): poll() tells
             * when more comes, and a read now would only meet EAGAIN. */
            if (drained) {
                client_read_idle(c, now);
                return;
            }
            /* A grown buffer only while nothing waits in the old one. */
            if (c->rgrow && read_heap(c, c->rgrow))
                c->rgrow = 0;
            r = read_some(c, stack, &buf, now);
            if (r == 0) {
                client_read_idle(c, now);
                return;
            }
            if (r < 0) {
                transport_failed(c, (int)r, now);
                return;
            }
            c->roff = 0;
            c->rlen = (size_t)r;
            drained = (c->tp->read_wants & TRANSPORT_WANT_READ) != 0;
        }
        start = c->roff;
        while (c->roff < c->rlen) {
            mqc_ssize n = mqc_session_recv(c->session, buf + c->roff, c->rlen - c->roff, now);
            if (c->gen != gen || c->phase == PHASE_STOPPED)
                return;
            if (n < 0 || c->refused) {
                int err = c->refused ? MQC_ERR_CONNACK_REFUSED : (int)n;
                if (!c->refused)
                    client_logf(c, "closing the connection: %s", mqc_strerror(err));
                /* 5.0: the session may have queued DISCONNECT with a reason. */
                (void)write_pending(c, now);
                client_conn_failed(c, err, now);
                return;
            }
            if (n == 0)
                break;
            c->roff += (size_t)n;
        }
        moved = c->roff > start;
        if (buf == stack && c->roff < c->rlen) {
            /* Held input outlives this call: onto the heap. */
            if (!read_heap(c, c->rlen - c->roff)) {
                client_conn_failed(c, MQC_ERR_NOMEM, now);
                return;
            }
            memcpy(c->rbuf, stack + c->roff, c->rlen - c->roff);
            c->rlen -= c->roff;
            c->roff = 0;
            buf = c->rbuf;
        }
        /* Anything from the broker after CONNACK proves the connection works. */
        if (c->phase == PHASE_UP && mqc_session_received(c->session) > 1)
            backoff_answered(&c->bo);
        if (c->held && moved) {
            c->held = 0; /* only changes are logged: held, then going again */
            client_logf(c, "held input going again");
        }
        client_flush(c, now);
        if (c->gen != gen || c->phase == PHASE_STOPPED)
            return;
        if (c->roff < c->rlen && !moved) {
            if (!c->held)
                client_logf(c, "input held: %zu bytes wait until our acks are written%s",
                            c->rlen - c->roff,
                            mqc_session_want_write(c->session) ? "" : " or the application acks");
            c->held = 1;
            /* Held: the acks wait for the socket or the application. We do
             * not read meanwhile, so look for a reset peer here, or poll()
             * would report it forever and keep alive is the only way out. */
            struct pollfd p = {c->fd, 0, 0};
            if (poll(&p, 1, 0) > 0 && (p.revents & (POLLERR | POLLHUP))) {
                client_logf(c, "connection closed by the server while input was held");
                client_conn_failed(c, MQC_ERR_CLOSED, now);
            }
            return;
        }
    }
}

/* After DISCONNECT: read and drop whatever still arrives until the broker
 * closes its side (or fails), then stop. */
void client_read_discard(mqc_client *c, mqc_tstamp now)
{
    uint8_t drop[READ_STACK];

    for (;;) {
        mqc_ssize r = transport_read(c->tp, drop, sizeof(drop));
        if (r > 0)
            continue;
        if (r == 0)
            return;
        client_stop(c, 0, now);
        return;
    }
}
