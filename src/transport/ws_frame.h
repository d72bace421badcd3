/* WebSocket framing (RFC 6455) for an MQTT client, sans I/O: bytes in,
 * bytes out, no sockets, no clock, no allocation, no randomness (the caller
 * passes mask keys). MQTT over WebSocket uses binary data frames only
 * (MQTT 3.1.1 §6, 5.0 §6); packets need not align with frames.
 *
 * Written here rather than taken from libwslay: wslay copies each outgoing
 * message into its own heap queue and reports every malformed frame as one
 * generic protocol error, where mqc wants in-place receive and a reason. */
#ifndef MQC_WS_FRAME_H
#define MQC_WS_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* Results: 0 or a length, else one of these (each with w->why). */
enum ws_err {
    WS_ERR_PROTOCOL = -1,  /* the server broke RFC 6455 or MQTT §6 */
    WS_ERR_TOO_LARGE = -2, /* a frame over our limit */
    WS_ERR_CLOSED = -3,    /* the server sent Close (its code and reason in w) */
    WS_ERR_BUFFER = -4     /* caller buffer too small */
};

enum ws_opcode {
    WS_OP_CONT = 0x0,
    WS_OP_TEXT = 0x1,
    WS_OP_BINARY = 0x2,
    WS_OP_CLOSE = 0x8,
    WS_OP_PING = 0x9,
    WS_OP_PONG = 0xA
};

#define WS_CONTROL_MAX 125u      /* RFC 6455 §5.5 */
#define WS_HEADER_MAX 14u        /* 2 + 8 (length) + 4 (mask) */
/* Default frame limit: the largest MQTT packet (remaining length 268435455
 * plus a 5-byte fixed header). Data is streamed, so this bounds no memory. */
#define WS_FRAME_MAX_DEFAULT 268435460ull

/* The receive side of one connection; zero it with ws_rx_init(). */
typedef struct ws_rx {
    uint64_t max_frame;          /* frames with a longer payload are refused */
    uint64_t left;               /* payload bytes of the current frame still to come */
    uint8_t hdr[WS_HEADER_MAX];  /* a header split across reads */
    uint8_t hlen;
    uint8_t opcode;              /* of the current frame */
    uint8_t fin;
    uint8_t in_header;           /* 1: between frames or inside a header */
    uint8_t in_message;          /* a fragmented data message awaits continuations */
    uint8_t ctl[WS_CONTROL_MAX]; /* a control frame's payload, gathered */
    uint8_t ctl_len;
    /* A ping's payload to answer with a pong (the latest ping wins, §5.5.3). */
    uint8_t pong[WS_CONTROL_MAX];
    uint8_t pong_len;
    uint8_t pong_due;
    uint8_t closed;              /* Close received: nothing more is read */
    uint16_t close_code;         /* 1005 when the Close carried none */
    char close_reason[WS_CONTROL_MAX - 1];
    const char *why;             /* what the last error means (static text) */
} ws_rx;

void ws_rx_init(ws_rx *w, uint64_t max_frame);

/* Takes all of buf[0..len) (received from the server) and moves the MQTT
 * bytes it carries to the front of buf, in order; *out_len says how many.
 * Headers split across calls are kept in w. After a Ping, w->pong_due is
 * set (send ws_frame_pong()). Returns 0, WS_ERR_CLOSED (the server closed:
 * *out_len still counts the data before the Close; answer with
 * ws_frame_close()), or WS_ERR_PROTOCOL / WS_ERR_TOO_LARGE with w->why. */
int ws_rx_feed(ws_rx *w, uint8_t *buf, size_t len, size_t *out_len);

/* Header of a client frame (FIN set, masked) with payload length n into out
 * (WS_HEADER_MAX bytes suffice). Returns the header length. */
size_t ws_frame_header(uint8_t *out, enum ws_opcode op, uint64_t n, const uint8_t mask[4]);

/* XORs n bytes with the mask key, starting at offset `at` of the payload. */
void ws_mask(uint8_t *dst, const uint8_t *src, size_t n, const uint8_t mask[4], uint64_t at);

/* One whole masked client frame of payload p[0..n) into out[0..cap).
 * Returns its length, or WS_ERR_BUFFER. n of a control frame <= 125. */
long ws_frame(uint8_t *out, size_t cap, enum ws_opcode op, const uint8_t *p, size_t n,
              const uint8_t mask[4]);

/* The pong owed for the last ping (clears pong_due). Same returns as ws_frame(). */
long ws_frame_pong(ws_rx *w, uint8_t *out, size_t cap, const uint8_t mask[4]);

/* A Close frame with a status code (e.g. 1000 normal, 1002 protocol error). */
long ws_frame_close(uint8_t *out, size_t cap, uint16_t code, const uint8_t mask[4]);

#endif
