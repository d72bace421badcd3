/* WebSocket frames, client side (RFC 6455 §5): see ws_frame.h. */
#include "transport/ws_frame.h"

#include <string.h>

void ws_rx_init(ws_rx *w, uint64_t max_frame)
{
    memset(w, 0, sizeof(*w));
    w->max_frame = max_frame ? max_frame : WS_FRAME_MAX_DEFAULT;
    w->in_header = 1;
}

static int fail(ws_rx *w, int err, const char *why)
{
    w->why = why;
    return err;
}

/* The first two header bytes are known: refuse what no length can fix. */
static int check_start(ws_rx *w)
{
    uint8_t b0 = w->hdr[0], b1 = w->hdr[1], op = b0 & 0x0F;
    if (b0 & 0x70)
        return fail(w, WS_ERR_PROTOCOL, "WebSocket frame with reserved bits set (no extension was agreed)");
    if (op != WS_OP_CONT && op != WS_OP_TEXT && op != WS_OP_BINARY && op != WS_OP_CLOSE &&
        op != WS_OP_PING && op != WS_OP_PONG)
        return fail(w, WS_ERR_PROTOCOL, "WebSocket frame with a reserved opcode");
    if (b1 & 0x80)
        return fail(w, WS_ERR_PROTOCOL, "masked WebSocket frame from the server (RFC 6455 §5.1)");
    return 0;
}

static size_t header_need(const ws_rx *w)
{
    uint8_t len7 = w->hdr[1] & 0x7F;
    return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
}

/* The whole header is in w->hdr: check it against the frame sequence. */
static int start_frame(ws_rx *w)
{
    uint8_t op = w->hdr[0] & 0x0F, fin = w->hdr[0] >> 7, len7 = w->hdr[1] & 0x7F;
    uint64_t n = len7;
    size_t i;
    if (len7 == 126) {
        n = (uint64_t)w->hdr[2] << 8 | w->hdr[3];
        if (n < 126)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket frame length not in its shortest form");
    } else if (len7 == 127) {
        n = 0;
        for (i = 2; i < 10; i++)
            n = n << 8 | w->hdr[i];
        if (n >> 63)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket frame length with the top bit set");
        if (n <= 0xFFFF)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket frame length not in its shortest form");
    }
    if (op >= WS_OP_CLOSE) {
        if (!fin)
            return fail(w, WS_ERR_PROTOCOL, "fragmented WebSocket control frame");
        if (n > WS_CONTROL_MAX)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket control frame over 125 bytes");
        w->ctl_len = 0;
    } else {
        if (op == WS_OP_TEXT)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket text frame (MQTT travels in binary frames only)");
        if (op == WS_OP_CONT && !w->in_message)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket continuation frame with no message begun");
        if (op == WS_OP_BINARY && w->in_message)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket data frame inside an unfinished message");
        if (n > w->max_frame)
            return fail(w, WS_ERR_TOO_LARGE, "WebSocket frame longer than the limit");
        w->in_message = !fin;
    }
    w->opcode = op;
    w->fin = fin;
    w->left = n;
    w->in_header = 0;
    w->hlen = 0;
    return 0;
}

static void take_close(ws_rx *w)
{
    size_t i, n;
    w->closed = 1;
    if (w->ctl_len < 2) {
        w->close_code = 1005; /* "no status received" (§7.4.1) */
        return;
    }
    w->close_code = (uint16_t)(w->ctl[0] << 8 | w->ctl[1]);
    n = (size_t)w->ctl_len - 2;
    for (i = 0; i < n; i++) /* printed in logs: keep it to visible ASCII */
        w->close_reason[i] = w->ctl[2 + i] >= 0x20 && w->ctl[2 + i] < 0x7F ? (char)w->ctl[2 + i] : '?';
    w->close_reason[n] = '\0';
}

/* The current frame's payload is complete. */
static int end_frame(ws_rx *w)
{
    w->in_header = 1;
    switch (w->opcode) {
    case WS_OP_PING:
        memcpy(w->pong, w->ctl, w->ctl_len);
        w->pong_len = w->ctl_len;
        w->pong_due = 1;
        break;
    case WS_OP_CLOSE:
        if (w->ctl_len == 1)
            return fail(w, WS_ERR_PROTOCOL, "WebSocket Close frame with a 1-byte payload");
        take_close(w);
        return fail(w, WS_ERR_CLOSED, "the server closed the WebSocket");
    default:
        break; /* data: already delivered; pong: nothing to do */
    }
    return 0;
}

int ws_rx_feed(ws_rx *w, uint8_t *buf, size_t len, size_t *out_len)
{
    size_t i = 0, o = 0;
    int rv = 0;
    if (w->closed) {
        *out_len = 0;
        return fail(w, WS_ERR_CLOSED, "the server closed the WebSocket");
    }
    while (i < len && rv == 0) {
        if (w->in_header) {
            w->hdr[w->hlen++] = buf[i++];
            if (w->hlen == 2)
                rv = check_start(w);
            if (rv == 0 && w->hlen >= 2 && w->hlen == header_need(w)) {
                rv = start_frame(w);
                if (rv == 0 && w->left == 0)
                    rv = end_frame(w);
            }
            continue;
        }
        size_t k = len - i;
        if ((uint64_t)k > w->left)
            k = (size_t)w->left;
        if (w->opcode >= WS_OP_CLOSE) {
            memcpy(w->ctl + w->ctl_len, buf + i, k);
            w->ctl_len = (uint8_t)(w->ctl_len + k);
        } else {
            memmove(buf + o, buf + i, k); /* o <= i: the headers are squeezed out */
            o += k;
        }
        i += k;
        w->left -= k;
        if (w->left == 0)
            rv = end_frame(w);
    }
    *out_len = o;
    return rv;
}

size_t ws_frame_header(uint8_t *out, enum ws_opcode op, uint64_t n, const uint8_t mask[4])
{
    size_t h = 2, i;
    out[0] = (uint8_t)(0x80 | op);
    if (n < 126) {
        out[1] = (uint8_t)(0x80 | n);
    } else if (n <= 0xFFFF) {
        out[1] = 0x80 | 126;
        out[2] = (uint8_t)(n >> 8);
        out[3] = (uint8_t)n;
        h = 4;
    } else {
        out[1] = 0x80 | 127;
        for (i = 0; i < 8; i++)
            out[2 + i] = (uint8_t)(n >> (56 - 8 * i));
        h = 10;
    }
    memcpy(out + h, mask, 4);
    return h + 4;
}

void ws_mask(uint8_t *dst, const uint8_t *src, size_t n, const uint8_t mask[4], uint64_t at)
{
    size_t i;
    for (i = 0; i < n; i++)
        dst[i] = src[i] ^ mask[(at + i) & 3];
}

long ws_frame(uint8_t *out, size_t cap, enum ws_opcode op, const uint8_t *p, size_t n,
              const uint8_t mask[4])
{
    uint8_t hdr[WS_HEADER_MAX];
    size_t h;
    if (op >= WS_OP_CLOSE && n > WS_CONTROL_MAX)
        return WS_ERR_BUFFER;
    h = ws_frame_header(hdr, op, n, mask);
    if (cap < h || cap - h < n)
        return WS_ERR_BUFFER;
    memcpy(out, hdr, h);
    ws_mask(out + h, p, n, mask, 0);
    return (long)(h + n);
}

long ws_frame_pong(ws_rx *w, uint8_t *out, size_t cap, const uint8_t mask[4])
{
    long n = ws_frame(out, cap, WS_OP_PONG, w->pong, w->pong_len, mask);
    if (n > 0)
        w->pong_due = 0;
    return n;
}

long ws_frame_close(uint8_t *out, size_t cap, uint16_t code, const uint8_t mask[4])
{
    uint8_t p[2] = {(uint8_t)(code >> 8), (uint8_t)code};
    return ws_frame(out, cap, WS_OP_CLOSE, p, sizeof(p), mask);
}
