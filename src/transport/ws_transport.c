/* The WebSocket layer (ws:// and wss://): the HTTP Upgrade as its
 * handshake, then MQTT bytes in masked binary frames, over any byte layer
 * (tcp, or tls for wss). The frame and handshake logic is sans-I/O
 * (ws_frame.c, ws_http.c); this file moves its bytes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/mem.h"
#include "transport/transport.h"
#include "transport/ws_frame.h"
#include "transport/ws_http.h"

/* Payload bytes per outgoing frame: large enough that the header is noise. */
#define WS_TX_CHUNK 16384u
#define WS_CTL_FRAME (WS_HEADER_MAX + WS_CONTROL_MAX)

typedef struct ws_layer {
    transport t;
    int step;                      /* handshake: SEND_REQUEST, then READ_RESPONSE */
    char key[WS_KEY_LEN + 1];
    char req[1024];
    size_t req_len, req_off;
    uint8_t resp[WS_RESPONSE_MAX]; /* the response; after it, frames read with it */
    size_t resp_len;
    size_t early_off, early_len;   /* resp[early_off..early_len): frames not yet read */
    ws_rx rx;
    int closed_err;                /* after the server's Close: returned by every read */
    /* The data frame being written; its n payload bytes are the caller's,
     * reported taken only when the whole frame is out (so after a 0 the
     * caller offers the same bytes again, as over TLS). */
    uint8_t tx[WS_HEADER_MAX + WS_TX_CHUNK];
    size_t tx_len, tx_off, tx_payload;
    /* Control frames (pong, close) waiting for the end of a data frame. */
    uint8_t ctl[2 * WS_CTL_FRAME];
    size_t ctl_len, ctl_off;
    int close_queued;
    uint8_t rnd[256];              /* mask keys, refilled from getentropy() */
    size_t rnd_off;
} ws_layer;

enum { SEND_REQUEST = 0, READ_RESPONSE };

/* RFC 6455 §5.3: each frame's mask key must be unpredictable. */
static int random_bytes(ws_layer *w, uint8_t *out, size_t n)
{
    if (w->rnd_off + n > sizeof(w->rnd)) {
        if (getentropy(w->rnd, sizeof(w->rnd)) != 0)
            return transport_fail(&w->t, MQC_ERR_IO, "WebSocket: no random bytes for the mask");
        w->rnd_off = 0;
    }
    memcpy(out, w->rnd + w->rnd_off, n);
    w->rnd_off += n;
    return 0;
}

/* Writes out[*off..len) to the lower layer. Returns 1 when all is out,
 * 0 when the lower layer is full (write_wants set), or < 0. */
static int push(ws_layer *w, const uint8_t *out, size_t *off, size_t len)
{
    while (*off < len) {
        mqc_ssize n = transport_write(w->t.lower, out + *off, len - *off);
        if (n < 0)
            return (int)n;
        if (n == 0) {
            w->t.write_wants = w->t.lower->write_wants;
            return 0;
        }
        *off += (size_t)n;
    }
    return 1;
}

/* The frame in flight first (frames cannot interleave), then control frames. */
static int flush(ws_layer *w)
{
    int rv;
    if (w->tx_off < w->tx_len) {
        rv = push(w, w->tx, &w->tx_off, w->tx_len);
        if (rv <= 0)
            return rv;
    }
    if (w->ctl_off < w->ctl_len) {
        rv = push(w, w->ctl, &w->ctl_off, w->ctl_len);
        if (rv <= 0)
            return rv;
        w->ctl_off = w->ctl_len = 0;
    }
    return 1;
}

static int queue_close(ws_layer *w, uint16_t code)
{
    uint8_t mask[4];
    long n;
    int rv;
    if (w->close_queued)
        return 0;
    if ((rv = random_bytes(w, mask, 4)) < 0)
        return rv;
    n = ws_frame_close(w->ctl + w->ctl_len, sizeof(w->ctl) - w->ctl_len, code, mask);
    if (n < 0)
        return 0; /* no room: the close is best effort */
    w->ctl_len += (size_t)n;
    w->close_queued = 1;
    return 0;
}

static int queue_pong(ws_layer *w)
{
    uint8_t mask[4];
    long n;
    int rv;
    if ((rv = random_bytes(w, mask, 4)) < 0)
        return rv;
    n = ws_frame_pong(&w->rx, w->ctl + w->ctl_len, sizeof(w->ctl) - w->ctl_len, mask);
    if (n < 0)
        return 0; /* a pong still unsent: the server gets the one before */
    w->ctl_len += (size_t)n;
    return 0;
}

static int ws_handshake(transport *t)
{
    ws_layer *w = (ws_layer *)t;
    char why[TRANSPORT_REASON_MAX];
    long h;
    int rv;

    if (w->step == SEND_REQUEST) {
        rv = push(w, (const uint8_t *)w->req, &w->req_off, w->req_len);
        if (rv < 0)
            return transport_fail(t, rv, "WebSocket upgrade: %s", transport_reason(t->lower));
        if (rv == 0) {
            t->wants = t->lower->write_wants ? t->lower->write_wants : TRANSPORT_WANT_WRITE;
            return TRANSPORT_AGAIN;
        }
        w->step = READ_RESPONSE;
    }
    for (;;) {
        mqc_ssize n = transport_read(t->lower, w->resp + w->resp_len, sizeof(w->resp) - w->resp_len);
        if (n == MQC_ERR_CLOSED)
            return transport_fail(t, MQC_ERR_CLOSED,
                                  "WebSocket upgrade: the server closed the connection before answering");
        if (n < 0)
            return transport_fail(t, (int)n, "WebSocket upgrade: %s", transport_reason(t->lower));
        if (n == 0) {
            t->wants = t->lower->read_wants ? t->lower->read_wants : TRANSPORT_WANT_READ;
            return TRANSPORT_AGAIN;
        }
        w->resp_len += (size_t)n;
        h = ws_http_response(w->resp, w->resp_len, w->key, why, sizeof(why));
        if (h < 0)
            return transport_fail(t, MQC_ERR_WEBSOCKET, "%s", why);
        if (h > 0) {
            /* What a lower layer already holds (TLS read ahead) would not
             * wake poll(): take it along with the frames read so far. */
            while (transport_pending(t->lower) > 0 && w->resp_len < sizeof(w->resp)) {
                n = transport_read(t->lower, w->resp + w->resp_len, sizeof(w->resp) - w->resp_len);
                if (n <= 0)
                    break; /* an error shows again on the first read */
                w->resp_len += (size_t)n;
            }
            w->early_off = (size_t)h;
            w->early_len = w->resp_len;
            t->wants = 0;
            return 0;
        }
    }
}

/* The code our Close answers the server's with: its own, as RFC 6455
 * §5.5.1 suggests, when it is one an endpoint may send (§7.4). */
static uint16_t echo_code(uint16_t code)
{
    if ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
        (code >= 3000 && code <= 4999))
        return code;
    return 1000;
}

/* Frames turned into MQTT bytes in place; 0 when they held none. */
static mqc_ssize ws_take(ws_layer *w, uint8_t *buf, size_t n)
{
    size_t out;
    int rv = ws_rx_feed(&w->rx, buf, n, &out);
    if (w->rx.pong_due && queue_pong(w) < 0)
        return MQC_ERR_IO;
    if (rv == WS_ERR_CLOSED) {
        (void)queue_close(w, echo_code(w->rx.close_code));
        (void)flush(w);
        w->closed_err = transport_fail(&w->t, MQC_ERR_CLOSED, "the server closed the WebSocket (%u%s%s)",
                                       (unsigned)w->rx.close_code, w->rx.close_reason[0] ? ": " : "",
                                       w->rx.close_reason);
        return out ? (mqc_ssize)out : w->closed_err; /* the data before the Close first */
    }
    if (rv < 0) {
        (void)queue_close(w, rv == WS_ERR_TOO_LARGE ? 1009 : 1002);
        (void)flush(w);
        /* The frame sequence is lost: every later read says so too. */
        w->closed_err = transport_fail(&w->t, MQC_ERR_WEBSOCKET, "%s", w->rx.why);
        return w->closed_err;
    }
    return (mqc_ssize)out;
}

/* A pong (or close) owed goes out now, not with our next packet: the
 * server may be waiting for it. When the lower layer is full, the read
 * side waits for the fd to be writable too (and this runs again). */
static int send_owed(ws_layer *w)
{
    int rv;
    if (w->ctl_off == w->ctl_len)
        return 0;
    rv = flush(w);
    if (rv == 0)
        w->t.read_wants |= w->t.lower->write_wants ? w->t.lower->write_wants : TRANSPORT_WANT_WRITE;
    return rv < 0 ? rv : 0;
}

static mqc_ssize ws_read(transport *t, uint8_t *buf, size_t cap)
{
    ws_layer *w = (ws_layer *)t;
    int rv;
    if (w->closed_err)
        return w->closed_err;
    t->read_wants = 0;
    if ((rv = send_owed(w)) < 0)
        return rv;
    while (w->early_off < w->early_len) {
        size_t k = w->early_len - w->early_off;
        mqc_ssize out;
        if (k > cap)
            k = cap;
        memcpy(buf, w->resp + w->early_off, k);
        w->early_off += k;
        out = ws_take(w, buf, k);
        if (out >= 0 && (rv = send_owed(w)) < 0)
            return rv;
        if (out != 0)
            return out;
    }
    for (;;) {
        mqc_ssize n = transport_read(t->lower, buf, cap), out;
        int drained;
        if (n == 0) {
            t->read_wants |= t->lower->read_wants;
            return 0;
        }
        if (n < 0)
            return n;
        out = ws_take(w, buf, (size_t)n);
        if (out >= 0 && (rv = send_owed(w)) < 0)
            return rv;
        /* The lower layer gave all it had (no early bytes are left here,
         * and a Close behind these bytes is for the next read to say). */
        drained = (t->lower->read_wants & TRANSPORT_WANT_READ) && !w->closed_err;
        if (out != 0 || drained) {
            if (drained)
                t->read_wants |= TRANSPORT_WANT_READ;
            return out; /* 0: frames without data (a ping, part of one) */
        }
    }
}

static mqc_ssize ws_write(transport *t, const uint8_t *buf, size_t len)
{
    ws_layer *w = (ws_layer *)t;
    uint8_t mask[4];
    size_t h, n;
    int rv;

    t->write_wants = 0;
    if (w->tx_off < w->tx_len || w->ctl_off < w->ctl_len) {
        rv = flush(w);
        if (rv <= 0)
            return rv;
    }
    if (w->tx_payload) {
        /* The frame of these bytes is out (perhaps sent by a read's flush). */
        n = w->tx_payload;
        w->tx_payload = w->tx_len = w->tx_off = 0;
        return (mqc_ssize)n;
    }
    if (len == 0)
        return 0;
    if ((rv = random_bytes(w, mask, 4)) < 0)
        return rv;
    n = len < WS_TX_CHUNK ? len : WS_TX_CHUNK;
    h = ws_frame_header(w->tx, WS_OP_BINARY, n, mask);
    ws_mask(w->tx + h, buf, n, mask, 0);
    w->tx_len = h + n;
    w->tx_off = 0;
    rv = push(w, w->tx, &w->tx_off, w->tx_len);
    if (rv < 0)
        return rv;
    if (rv == 0) {
        w->tx_payload = n;
        return 0;
    }
    w->tx_len = w->tx_off = 0;
    return (mqc_ssize)n;
}

static size_t ws_pending(const transport *t)
{
    const ws_layer *w = (const ws_layer *)t;
    return (w->early_len - w->early_off) + transport_pending(t->lower);
}

/* Close 1000, then the lower layer's shutdown. A data frame cut short
 * cannot be followed by a Close: then only the lower layer shuts. */
static int ws_shutdown(transport *t)
{
    ws_layer *w = (ws_layer *)t;
    if (t->ready && w->tx_off == w->tx_len) {
        (void)queue_close(w, 1000);
        (void)flush(w);
    }
    return transport_shutdown(t->lower);
}

static void ws_destroy(transport *t)
{
    mqc_mem_free(t->mem, t);
}

static const transport_ops ws_ops = {
    "ws", ws_handshake, ws_read, ws_write, ws_pending, ws_shutdown, ws_destroy,
};

int transport_ws_new(transport **out, transport *lower, const ws_config *cfg)
{
    ws_layer *w;
    uint8_t nonce[16];
    long n;

    *out = NULL;
    w = (ws_layer *)transport_alloc(sizeof(*w), &ws_ops, lower, lower->mem);
    if (!w)
        return MQC_ERR_NOMEM;
    ws_rx_init(&w->rx, 0);
    w->rnd_off = sizeof(w->rnd); /* empty: filled on first use */
    if (getentropy(nonce, sizeof(nonce)) != 0) {
        mqc_mem_free(lower->mem, w);
        return MQC_ERR_IO;
    }
    n = ws_http_request(w->req, sizeof(w->req), cfg->host, cfg->port, cfg->tls,
                        cfg->path ? cfg->path : WS_DEFAULT_PATH, nonce, w->key);
    if (n < 0) {
        mqc_mem_free(lower->mem, w);
        return MQC_ERR_INVAL; /* a path or host the options check let through */
    }
    w->req_len = (size_t)n;
    *out = &w->t;
    return 0;
}
