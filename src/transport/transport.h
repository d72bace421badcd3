/*
 * Transports: the byte stream MQTT runs on, as a stack of layers behind one
 * small vtable. The bottom layer owns the socket; each layer above reads and
 * writes through the one below it:
 *
 *     mqtt://   tcp
 *     mqtts://  tcp <- tls
 *     ws://     tcp <- ws
 *     wss://    tcp <- tls <- ws
 *
 * The client (src/client/net.c) does name resolution and the non-blocking
 * connect(), wraps the connected fd in a tcp layer, stacks the others on it
 * (transport_stack_open), steps transport_handshake() from its event loop
 * until it returns 0 (all of it inside connect_timeout_ms), then moves MQTT
 * bytes with transport_read()/transport_write(). A reconnect builds a new
 * stack (and so redoes every handshake); what outlives one connection (a
 * TLS context, a saved TLS session for resumption) lives in the layer's
 * config object, owned by the client.
 *
 * Contract of every layer (all calls are non-blocking):
 *   handshake  0 = done; TRANSPORT_AGAIN = not yet: wait for the directions
 *              in t->wants on the fd, then call again; < 0 = failed.
 *              Called only once the lower layer is ready (transport_handshake
 *              does the ordering).
 *   read       > 0 = bytes of payload; 0 = nothing now (t->read_wants says
 *              which fd direction to wait for: TLS may need to write to
 *              read); < 0 = failed, MQC_ERR_CLOSED for an orderly end.
 *              After > 0, TRANSPORT_WANT_READ in t->read_wants says the
 *              read took all there was: its last recv() was short (an empty
 *              socket then, as EAGAIN would say, also for edge-triggered
 *              epoll) and no layer holds input, so the next read would
 *              return 0 until the fd is readable. Not set = unknown: read
 *              again. (Other bits after > 0: what the layer waits for to
 *              finish its own business, as a WebSocket pong.)
 *   write      >= 0 = bytes taken (0 = none now: t->write_wants says what to
 *              wait for). A layer that took bytes owns them (it finishes
 *              sending them itself); after 0 the caller offers the same
 *              bytes again (possibly more after them).
 *   pending    bytes this layer already holds that read returns without the
 *              fd becoming readable (decrypted TLS, a buffered WS frame).
 *   shutdown   ends our sending side politely (TLS close_notify, WS close,
 *              TCP SHUT_WR) and keeps reading possible: best effort, 0 or < 0.
 *   destroy    frees this layer only (transport_free frees the stack).
 * Errors are negative mqc_err codes (MQC_ERR_IO, MQC_ERR_CLOSED,
 * MQC_ERR_TLS, MQC_ERR_TLS_VERIFY, ...) and the layer that failed says why,
 * in words, in t->reason (transport_reason finds it in the stack).
 */
#ifndef MQC_TRANSPORT_H
#define MQC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mqc.h"

#define TRANSPORT_AGAIN 1

/* Directions a layer waits for on the fd (bit mask). */
#define TRANSPORT_WANT_READ 1u
#define TRANSPORT_WANT_WRITE 2u

#define TRANSPORT_REASON_MAX 256

typedef struct transport transport;

typedef struct transport_ops {
    const char *name; /* "tcp", "tls", "ws": for log lines */
    int (*handshake)(transport *t);
    mqc_ssize (*read)(transport *t, uint8_t *buf, size_t cap);
    mqc_ssize (*write)(transport *t, const uint8_t *buf, size_t len);
    size_t (*pending)(const transport *t);
    int (*shutdown)(transport *t);
    void (*destroy)(transport *t);
} transport_ops;

/* The part every layer starts with (a layer's own struct embeds it first). */
struct transport {
    const transport_ops *ops;
    transport *lower;            /* NULL for the bottom (tcp) layer */
    int fd;                      /* the socket, the same in every layer */
    int ready;                   /* handshake done */
    unsigned wants;              /* after handshake returned TRANSPORT_AGAIN */
    unsigned read_wants;         /* after a read: see the contract above */
    unsigned write_wants;        /* after write returned 0 */
    const mqc_mem *mem;          /* allocator of this layer */
    /* Why it failed (NULL: see the lower layer). Made at the failure, so a
     * healthy connection does not carry TRANSPORT_REASON_MAX bytes per layer. */
    char *reason;
};

/* Steps the whole stack's handshake, lowest unready layer first. Returns
 * 0 when every layer is ready, TRANSPORT_AGAIN (see transport_wants), or
 * a negative mqc_err. */
int transport_handshake(transport *top);
/* The fd directions the stack waits for: during the handshake, or for the
 * last read (read side) and write (write side) that returned 0. */
unsigned transport_wants(const transport *top);
mqc_ssize transport_read(transport *top, uint8_t *buf, size_t cap);
mqc_ssize transport_write(transport *top, const uint8_t *buf, size_t len);
size_t transport_pending(const transport *top);
int transport_shutdown(transport *top);
/* The failure text of the highest layer that has one, or "". */
const char *transport_reason(const transport *top);
/* Frees every layer (the tcp layer closes the fd). NULL is fine. */
void transport_free(transport *top);

/* For layers: fills t->reason (printf style) and returns err. Without
 * memory for the text there is none (""); err still says what failed. */
int transport_fail(transport *t, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* For layers: allocates a layer of `size` bytes (>= sizeof(transport)) on
 * top of lower (NULL for the bottom), zeroed, ops and fd set. */
transport *transport_alloc(size_t size, const transport_ops *ops, transport *lower,
                           const mqc_mem *mem);

/* ---- tcp.c: the bottom layer, over a connected non-blocking socket. ---- */
/* Takes the fd (closed by transport_free, also when this fails). */
int transport_tcp_new(transport **out, int fd, const mqc_mem *mem);

/* ---- tls_*.c: TLS (OpenSSL or mbedTLS, chosen by CMake MQC_TLS). ---- */
/* What outlives one connection: the loaded trust store, certificate and
 * key, and the saved session for resumption. Made once per client. */
typedef struct tls_config tls_config;
/* Loads everything *o names. Returns 0, MQC_ERR_TLS_CONFIG with why in
 * reason (cap bytes), or MQC_ERR_NOMEM. server_name: for SNI and the name
 * check (o->server_name, else the host the client connects to). */
int tls_config_new(tls_config **out, const mqc_tls_opts *o, const char *server_name,
                   const mqc_mem *mem, char *reason, size_t cap);
void tls_config_free(tls_config *cfg);
/* The name for the next connections' SNI and check, when the client moves
 * to another broker of its list (a saved session of another name is not
 * offered). Returns 0 or MQC_ERR_NOMEM (the old name stays). */
int tls_config_set_name(tls_config *cfg, const char *server_name);
/* "OpenSSL 3.0.x" / "mbed TLS 2.28.x" / NULL when built without TLS. */
const char *tls_backend_name(void);
/* A TLS layer on lower; the handshake starts with the first step. On
 * failure lower is left to the caller. */
int transport_tls_new(transport **out, transport *lower, tls_config *cfg);
/* The last finished handshake: 1 if it resumed a saved session, and in
 * words ("TLSv1.3 TLS_AES_256_GCM_SHA384, session resumed"). */
int tls_config_resumed(const tls_config *cfg);
const char *tls_config_describe(const tls_config *cfg);

/* ---- ws.c: WebSocket (RFC 6455) over a byte layer, by the WS work. ---- */
/* Subprotocol "mqtt" (MQTT §6); frames and handshake in ws_frame.c, ws_http.c. */
typedef struct ws_config {
    const char *host;            /* Host: header */
    uint16_t port;               /* in Host: unless the default (80, 443 with tls) */
    const char *path;            /* request target; NULL = WS_DEFAULT_PATH ("/mqtt") */
    uint8_t tls;                 /* wss: over a tls layer */
} ws_config;
/* A WebSocket layer on lower; the handshake (HTTP Upgrade) starts with the
 * first step. Fails with MQC_ERR_INVAL for a path ws_path_valid() refuses.
 * Its own failures are MQC_ERR_WEBSOCKET (refused upgrade, malformed
 * frame) and MQC_ERR_CLOSED (the server's Close), with the reason. */
int transport_ws_new(transport **out, transport *lower, const ws_config *cfg);

/* ---- stack.c: builds the stack a client's options ask for. ---- */
typedef struct transport_stack_cfg {
    tls_config *tls;             /* NULL = no TLS layer */
    const ws_config *ws;         /* NULL = no WebSocket layer */
} transport_stack_cfg;
/* Wraps the connected fd (taken, closed on failure too) and stacks the
 * layers cfg asks for. Returns 0 or a negative mqc_err, *reason filled. */
int transport_stack_open(transport **out, int fd, const transport_stack_cfg *cfg,
                         const mqc_mem *mem, char *reason, size_t cap);

#endif
