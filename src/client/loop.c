/* The client's life cycle: attempts, backoff, graceful stop, timers, and
 * the loop entry points (built-in poll(2) loop or the caller's own). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "client/client_internal.h"

/* After DISCONNECT is queued, how long to wait for it to be written. */
#define DISCONNECT_FLUSH_MS 2000

mqc_tstamp mqc_client_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (mqc_tstamp)ts.tv_sec * 1000u + (mqc_tstamp)ts.tv_nsec / 1000000u;
}

static uint64_t next_random(mqc_client *c)
{
    /* xorshift64: jitter only needs to spread clients apart. */
    uint64_t x = c->rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c->rng = x;
    return x;
}

int client_refusal_is_fatal(mqc_protocol protocol, uint8_t reason)
{
    if (protocol != MQC_V5) /* 3.1 and 3.1.1 share the return codes */
        return reason != 3; /* 3 = server unavailable */
    switch (reason) {
    case 0x80: /* unspecified error */
    case 0x88: /* server unavailable */
    case 0x89: /* server busy */
    case 0x97: /* quota exceeded */
    case 0x9F: /* connection rate exceeded */
        return 0;
    default:
        return 1;
    }
}

/* Final: retrying cannot heal it (the application must change something). */
static int failure_is_final(const mqc_client *c)
{
    return (c->refused && c->refused_fatal) || c->last_err == MQC_ERR_TLS_VERIFY ||
           c->redirect_loop;
}

static int should_retry(mqc_client *c, mqc_tstamp now)
{
    if (failure_is_final(c))
        return 0;
    /* The application gave up an AUTH exchange: the same data fails again. */
    if (c->last_err == MQC_ERR_AUTH)
        return 0;
    if (!c->opts.reconnect)
        return 0;
    if (!c->ever_connected && !c->opts.retry_first_connect)
        return 0;
    if (c->opts.max_reconnects && c->bo.failures >= c->opts.max_reconnects)
        return 0;
    if (c->draining)
        return mqc_session_unfinished(c->session) > 0 &&
               (c->drain_deadline == MQC_TSTAMP_NONE || now < c->drain_deadline);
    return 1;
}

void client_stop(mqc_client *c, int err, mqc_tstamp now)
{
    if (c->phase == PHASE_STOPPED)
        return;
    client_close_socket(c, now);
    if (c->ai_list) {
        freeaddrinfo(c->ai_list);
        c->ai_list = c->ai_next = NULL;
    }
    c->phase = PHASE_STOPPED;
    c->stop_err = err;
    if (c->cb.on_stopped)
        c->cb.on_stopped(c, err, c->user_data);
}

/* A 0x9C/0x9D with a Server Reference ended this connection: follow it if
 * the application allows (mqc.h, broker lists and redirects). 1 when the
 * next broker to try is one it names. */
static int follow_redirect(mqc_client *c)
{
    int rv;
    uint8_t reason = c->redirect_reason;

    c->redirect_reason = 0;
    if (!reason || !c->server_ref)
        return 0;
    if (!c->opts.follow_redirects) {
        client_logf(c, "server reference not followed (follow_redirects is off)");
        return 0;
    }
    rv = brokers_redirect(c, c->server_ref);
    if (rv == MQC_ERR_REDIRECT_LOOP) {
        c->redirect_loop = 1;
        return 0;
    }
    if (rv < 0)
        return 0;
    /* Sent elsewhere on purpose: not the refusal it would be on its own. */
    c->refused_fatal = 0;
    return 1;
}

void client_conn_failed(mqc_client *c, int err, mqc_tstamp now)
{
    int was_up = c->phase == PHASE_UP;
    int retry, redirected;
    mqc_connack_info info;
    backoff_kind kind;
    uint32_t delay;

    if (c->phase == PHASE_STOPPED)
        return;
    client_close_socket(c, now);
    c->gen++;
    /* A DISCONNECT belongs to one connection; a drain goes on afresh. */
    c->disconnect_sent = 0;
    c->wr_shut = 0;
    if (c->ai_list) {
        freeaddrinfo(c->ai_list);
        c->ai_list = c->ai_next = NULL;
    }
    c->last_err = err;
    /* A connection that lasted was no redirect storm: start a new chain. */
    if (was_up && now - c->bo.up_at >= MQC_RECONNECT_STABLE_MS)
        brokers_chain_reset(c);
    redirected = follow_redirect(c);
    if (c->redirect_loop) /* the callbacks say so, not just the last refusal */
        c->last_err = err = MQC_ERR_REDIRECT_LOOP;
    /* Before CONNACK, a failure that may heal moves on to the next broker
     * of the list (or the server a redirect named) at once, as a connect
     * error moves on to the next address: one attempt, one pass. */
    if (!was_up && !failure_is_final(c) && c->last_err != MQC_ERR_AUTH &&
        (!c->draining || (mqc_session_unfinished(c->session) > 0 &&
                          (c->drain_deadline == MQC_TSTAMP_NONE || now < c->drain_deadline)))) {
        char failed[300];
        snprintf(failed, sizeof(failed), "%s:%u", c->at_host ? c->at_host : "?",
                 (unsigned)c->at_port);
        if (redirected ? brokers_redirected(c) : brokers_next(c)) {
            client_logf(c, "broker %s failed (%s); trying %s %s:%u", failed, mqc_strerror(err),
                        c->at_redirect ? "the server it referred to," : "the next broker",
                        c->at_host, (unsigned)c->at_port);
            client_start_broker(c, now);
            return;
        }
    } else if (was_up && !redirected) {
        brokers_lost(c);
    }
    if (!was_up)
        c->bo.up_at = MQC_TSTAMP_NONE;
    delay = backoff_next(&c->bo, now, next_random(c), &kind);
    retry = should_retry(c, now);
    c->phase = PHASE_BACKOFF;
    if (was_up) {
        if (c->cb.on_connection_lost)
            c->cb.on_connection_lost(c, err, retry, c->user_data);
    } else if (c->cb.on_connect_failed) {
        info.session_present = c->refused_session_present;
        info.reason = c->refused_reason;
        info.session_lost = 0;
        info.props = NULL;
        c->cb.on_connect_failed(c, err,
                                c->refused && err == MQC_ERR_CONNACK_REFUSED ? &info : NULL,
                                retry, c->user_data);
    }
    if (c->phase == PHASE_STOPPED)
        return;
    if (retry) {
        c->backoff_until = now + delay;
        client_logf(c, "reconnecting in %u ms (backoff after %u consecutive failures; %s)",
                    (unsigned)delay, (unsigned)c->bo.failures, backoff_kind_name(kind));
        return;
    }
    /* A drain that cannot continue still ends the way the caller asked. */
    client_stop(c, c->draining && !failure_is_final(c) ? 0 : err, now);
}

void client_check_drain(mqc_client *c, mqc_tstamp now)
{
    if (!c->draining || c->phase == PHASE_STOPPED)
        return;
    if (!c->disconnect_sent) {
        int expired = c->drain_deadline != MQC_TSTAMP_NONE && now >= c->drain_deadline;
        if (mqc_session_unfinished(c->session) > 0 && !expired) {
            size_t n = mqc_session_unfinished(c->session);
            /* Said at the start, every 1000 fewer, and for the last few, so
             * -d shows what the exit waits for without a line per ack. */
            if (n != c->drain_logged &&
                (!c->drain_logged || n + 1000 <= c->drain_logged || n < 10)) {
                client_logf(c, "finishing: waiting for acks of %zu message(s)%s", n,
                            c->phase == PHASE_UP ? "" : " (not connected)");
                c->drain_logged = n;
            }
            return;
        }
        if (c->phase != PHASE_UP) {
            client_stop(c, 0, now);
            return;
        }
        if (mqc_session_disconnect(c->session, 0, now) < 0) {
            client_stop(c, 0, now);
            return;
        }
        c->disconnect_sent = 1;
        c->disconnect_sent_at = now;
        client_flush(c, now);
        if (c->phase == PHASE_STOPPED)
            return;
    }
    if (c->phase != PHASE_UP) {
        client_stop(c, 0, now);
        return;
    }
    if (now >= c->disconnect_sent_at + DISCONNECT_FLUSH_MS) {
        /* Output still unwritten (QoS 0 bytes, DISCONNECT) is lost: say so. */
        int unwritten = !c->wr_shut && mqc_session_want_write(c->session);
        if (unwritten)
            client_logf(c, "closing with output not yet written to the socket");
        client_stop(c, unwritten ? MQC_ERR_IO : 0, now);
        return;
    }
    /* Closing with unread bytes (a PUBREL on its way) makes the kernel send
     * RST, and the broker then drops the acks it has not read yet. So shut
     * our side once DISCONNECT is out and wait for the broker to close. */
    if (!c->wr_shut && !mqc_session_want_write(c->session)) {
        (void)transport_shutdown(c->tp);
        c->wr_shut = 1;
    }
}

int mqc_client_connect(mqc_client *c)
{
    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase != PHASE_IDLE || c->draining)
        return MQC_ERR_STATE;
    client_start_attempt(c, mqc_client_now_ms());
    return 0;
}

int mqc_client_disconnect(mqc_client *c, int timeout_ms)
{
    mqc_tstamp now;
    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase == PHASE_STOPPED)
        return MQC_ERR_STATE;
    now = mqc_client_now_ms();
    if (c->phase == PHASE_IDLE) {
        client_stop(c, 0, now);
        return 0;
    }
    {
        /* A later call may only shorten the wait (a signal after an
         * unbounded drain must still end it). */
        mqc_tstamp deadline = timeout_ms < 0 ? MQC_TSTAMP_NONE : now + (mqc_tstamp)timeout_ms;
        if (!c->draining || deadline < c->drain_deadline)
            c->drain_deadline = deadline;
        c->draining = 1;
    }
    /* Inside a callback the session is mid-call: the loop finishes the job. */
    if (!c->busy)
        client_check_drain(c, now);
    return 0;
}

int mqc_client_fd(const mqc_client *c)
{
    return c->fd;
}

unsigned mqc_client_fd_generation(const mqc_client *c)
{
    return c->gen; /* net.c bumps it for each socket it opens */
}

int mqc_client_want_read(const mqc_client *c)
{
    if (c->fd < 0)
        return 0;
    if (c->phase == PHASE_HANDSHAKE)
        return (transport_wants(c->tp) & TRANSPORT_WANT_READ) != 0;
    return c->roff == c->rlen || (c->tp && (c->tp->write_wants & TRANSPORT_WANT_READ));
}

int mqc_client_want_write(const mqc_client *c)
{
    if (c->fd < 0)
        return 0;
    if (c->phase == PHASE_TCP)
        return 1;
    if (c->phase == PHASE_HANDSHAKE)
        return (transport_wants(c->tp) & TRANSPORT_WANT_WRITE) != 0;
    if (c->phase != PHASE_CONNACK && c->phase != PHASE_UP)
        return 0;
    /* A TLS read may wait for the socket to take its own bytes. */
    return mqc_session_want_write(c->session) ||
           (c->tp && (c->tp->read_wants & TRANSPORT_WANT_WRITE));
}

static mqc_tstamp earlier(mqc_tstamp a, mqc_tstamp b)
{
    return a < b ? a : b;
}

mqc_tstamp mqc_client_next_deadline_ms(const mqc_client *c)
{
    mqc_tstamp t = MQC_TSTAMP_NONE;
    switch (c->phase) {
    case PHASE_TCP:
    case PHASE_HANDSHAKE:
        t = c->attempt_deadline;
        break;
    case PHASE_CONNACK:
        t = earlier(c->attempt_deadline, mqc_session_get_expiry(c->session));
        break;
    case PHASE_UP:
        t = mqc_session_get_expiry(c->session);
        break;
    case PHASE_BACKOFF:
        t = c->backoff_until;
        break;
    default:
        return MQC_TSTAMP_NONE;
    }
    if (c->draining) {
        if (c->disconnect_sent)
            t = c->disconnect_sent_at + DISCONNECT_FLUSH_MS; /* session timers are over */
        else
            t = earlier(t, c->drain_deadline);
    }
    return t;
}

int mqc_client_timeout_ms(const mqc_client *c)
{
    mqc_tstamp t = mqc_client_next_deadline_ms(c), now;
    if (t == MQC_TSTAMP_NONE)
        return -1;
    now = mqc_client_now_ms();
    if (t <= now)
        return 0;
    if (t - now > 0x7fffffff)
        return 0x7fffffff;
    return (int)(t - now);
}

/* Runs one handler with the client marked busy, then finishes a pending drain. */
#define CLIENT_ENTER(c, now)                 \
    do {                                     \
        if ((c)->phase == PHASE_STOPPED)     \
            return MQC_ERR_STATE;            \
        (c)->busy++;                         \
        (now) = mqc_client_now_ms();         \
    } while (0)

static int client_leave(mqc_client *c, mqc_tstamp now)
{
    int rv;

    c->busy--;
    if (!c->busy) {
        /* Group commit: one per handler call, whatever it changed. */
        rv = mqc_session_sync(c->session);
        if (rv < 0)
            client_logf(c, "store: %s (kept for the next commit)", mqc_strerror(rv));
        client_check_drain(c, now);
    }
    return 0;
}

int mqc_client_handle_read(mqc_client *c)
{
    mqc_tstamp now;
    CLIENT_ENTER(c, now);
    if (c->wr_shut)
        client_read_discard(c, now);
    else if (c->phase == PHASE_TCP && c->fd >= 0)
        client_tcp_check(c, now);
    else if (c->phase == PHASE_HANDSHAKE)
        client_handshake_step(c, now);
    else if ((c->phase == PHASE_CONNACK || c->phase == PHASE_UP) && c->fd >= 0) {
        client_read(c, now);
        /* A write that waited for input (TLS) can go on now. */
        if (c->tp && (c->tp->write_wants & TRANSPORT_WANT_READ))
            client_flush(c, now);
    }
    return client_leave(c, now);
}

int mqc_client_handle_write(mqc_client *c)
{
    mqc_tstamp now;
    CLIENT_ENTER(c, now);
    if (c->phase == PHASE_TCP && c->fd >= 0)
        client_tcp_check(c, now);
    else if (c->phase == PHASE_HANDSHAKE)
        client_handshake_step(c, now);
    else if (!c->wr_shut) {
        client_flush(c, now);
        /* Input held back until our acks went out can go on now, and so
         * can a read that waited for the socket to take bytes (TLS). */
        if ((c->roff < c->rlen || (c->tp && (c->tp->read_wants & TRANSPORT_WANT_WRITE))) &&
            (c->phase == PHASE_CONNACK || c->phase == PHASE_UP))
            client_read(c, now);
    }
    return client_leave(c, now);
}

int mqc_client_handle_timeout(mqc_client *c)
{
    mqc_tstamp now;
    CLIENT_ENTER(c, now);
    switch (c->phase) {
    case PHASE_TCP:
        if (c->fd >= 0 && now >= c->attempt_deadline)
            client_tcp_timeout(c, now);
        break;
    case PHASE_HANDSHAKE:
    case PHASE_CONNACK:
        if (now >= c->attempt_deadline)
            client_connack_timeout(c, now);
        break;
    case PHASE_BACKOFF:
        if (now >= c->backoff_until && !(c->draining && !should_retry(c, now)))
            client_start_attempt(c, now);
        break;
    default:
        break;
    }
    if ((c->phase == PHASE_CONNACK || c->phase == PHASE_UP) && !c->disconnect_sent &&
        now >= mqc_session_get_expiry(c->session)) {
        int rv = mqc_session_handle_expiry(c->session, now);
        if (rv < 0 && mqc_err_is_fatal(rv)) {
            client_logf(c, "closing the connection: %s", mqc_strerror(rv));
            client_flush(c, now);
            if (c->phase == PHASE_CONNACK || c->phase == PHASE_UP)
                client_conn_failed(c, rv, now);
        } else {
            client_flush(c, now);
        }
    }
    client_read_idle(c, now);
    mqc_session_trim(c->session, now);
    return client_leave(c, now);
}

int mqc_client_poll(mqc_client *c, int timeout_ms)
{
    struct pollfd pfd;
    int t, n;
    unsigned gen;

    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase == PHASE_STOPPED || c->phase == PHASE_IDLE)
        return MQC_ERR_STATE;
    t = mqc_client_timeout_ms(c);
    if (timeout_ms >= 0 && (t < 0 || timeout_ms < t))
        t = timeout_ms;
    pfd.fd = c->fd;
    /* Held input (see client_read) is fed again after a write, not a read. */
    pfd.events = (short)((mqc_client_want_read(c) ? POLLIN : 0) |
                         (mqc_client_want_write(c) ? POLLOUT : 0));
    pfd.revents = 0;
    n = poll(&pfd, c->fd >= 0 ? 1 : 0, t);
    if (n < 0)
        return errno == EINTR ? 0 : MQC_ERR_IO;
    gen = c->gen;
    if (n > 0 && (pfd.revents & (POLLIN | POLLERR | POLLHUP)))
        mqc_client_handle_read(c);
    if (n > 0 && (pfd.revents & POLLOUT) && c->gen == gen)
        mqc_client_handle_write(c);
    if (c->phase != PHASE_STOPPED)
        mqc_client_handle_timeout(c);
    return 0;
}

int mqc_client_run(mqc_client *c)
{
    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase == PHASE_IDLE)
        return MQC_ERR_STATE;
    while (c->phase != PHASE_STOPPED) {
        int rv = mqc_client_poll(c, -1);
        if (rv == MQC_ERR_IO)
            return rv;
    }
    return c->stop_err;
}
