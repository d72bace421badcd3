/*
 * Fuzzes the WebSocket code (src/transport/ws_frame.c, ws_http.c): server
 * frames fed at once and at split points the input chooses must give the
 * same bytes, pong, close and error; a frame we build, turned into its server
 * form, must decode to its payload; the handshake parser must agree with
 * itself on every prefix.
 * Input: byte 0 = control (bit 0: handshake, bits 1-7: frame limit),
 * byte 1 = split seed, rest = bytes from the server.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "transport/ws_frame.h"
#include "transport/ws_http.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static uint8_t once[1 << 16], split[1 << 16], joined[1 << 16];

static void frames(const uint8_t *in, size_t n, uint64_t limit, uint8_t seed)
{
    ws_rx a, b;
    size_t na, nb, off = 0, total = 0;
    int ra, rb = 0;
    uint32_t rnd = seed * 2654435761u + 1;

    ws_rx_init(&a, limit);
    memcpy(once, in, n);
    ra = ws_rx_feed(&a, once, n, &na);
    CHECK(na <= n);
    CHECK(ra == 0 || ra == WS_ERR_PROTOCOL || ra == WS_ERR_TOO_LARGE || ra == WS_ERR_CLOSED);
    CHECK(ra == 0 || a.why);

    ws_rx_init(&b, limit);
    while (off < n && rb == 0) {
        size_t k;
        rnd = rnd * 1103515245u + 12345u;
        k = 1 + (rnd >> 16) % 23;
        if (k > n - off)
            k = n - off;
        memcpy(split, in + off, k);
        rb = ws_rx_feed(&b, split, k, &nb);
        CHECK(nb <= k);
        memcpy(joined + total, split, nb);
        total += nb;
        off += k;
    }
    CHECK(ra == rb);
    CHECK(na == total && memcmp(once, joined, na) == 0);
    CHECK(a.pong_due == b.pong_due && a.pong_len == b.pong_len &&
          memcmp(a.pong, b.pong, a.pong_len) == 0);
    if (ra == WS_ERR_CLOSED)
        CHECK(a.close_code == b.close_code && strcmp(a.close_reason, b.close_reason) == 0);
    if (a.pong_due) {
        static const uint8_t m[4] = {9, 8, 7, 6};
        CHECK(ws_frame_pong(&a, split, sizeof(split), m) == (long)(6 + a.pong_len));
    }
}

/* Our masked binary frame, unmasked as a server would send it, decodes back. */
static void round_trip(const uint8_t *p, size_t n, uint8_t seed)
{
    const uint8_t m[4] = {seed, (uint8_t)(seed * 3), (uint8_t)(seed ^ 0x5a), 0xff};
    ws_rx w;
    size_t h, out;
    long len = ws_frame(split, sizeof(split), WS_OP_BINARY, p, n, m);
    CHECK(len > 0 && (size_t)len >= n + 6);
    h = (size_t)len - n;
    CHECK(memcmp(split + h - 4, m, 4) == 0 && (split[1] & 0x80));
    split[1] &= 0x7F;
    memmove(split + h - 4, split + h, n);
    ws_mask(split + h - 4, split + h - 4, n, m, 0);
    ws_rx_init(&w, 0);
    CHECK(ws_rx_feed(&w, split, (size_t)len - 4, &out) == 0);
    CHECK(out == n && memcmp(split, p, n) == 0 && w.in_header);
}

static void handshake(const uint8_t *in, size_t n)
{
    static const uint8_t nonce[16] = "the sample nonce";
    char key[WS_KEY_LEN + 1], why[128], req[1024], host[64], path[64];
    long r, r2;
    size_t k;

    r = ws_http_response(in, n, "dGhlIHNhbXBsZSBub25jZQ==", why, sizeof(why));
    CHECK(r >= -1 && r <= (long)n);
    if (r < 0)
        CHECK(memchr(why, '\0', sizeof(why)) != NULL);
    if (r > 0) {
        /* the header alone gives the same answer, one byte less asks for more */
        CHECK(ws_http_response(in, (size_t)r, "dGhlIHNhbXBsZSBub25jZQ==", why, sizeof(why)) == r);
        r2 = ws_http_response(in, (size_t)r - 1, "dGhlIHNhbXBsZSBub25jZQ==", why, sizeof(why));
        CHECK(r2 == 0);
    }
    /* host and path from the input: a request, or a clean refusal */
    k = n < sizeof(host) - 1 ? n : sizeof(host) - 1;
    memcpy(host, in, k);
    host[k] = '\0';
    memcpy(path, in, k);
    path[k] = '\0';
    r = ws_http_request(req, sizeof(req), host, 9001, 0, path, nonce, key);
    CHECK(r == -1 || (r > 0 && (size_t)r < sizeof(req) && ws_path_valid(path)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size - 2 > sizeof(once))
        return 0;
    if (data[0] & 1) {
        handshake(data + 2, size - 2);
        return 0;
    }
    /* bits 1-7: 0 = the default limit, else a small one to reach it */
    frames(data + 2, size - 2, (uint64_t)(data[0] >> 1) * 37, data[1]);
    if (size - 2 <= sizeof(split) - 14)
        round_trip(data + 2, size - 2, data[1]);
    return 0;
}
