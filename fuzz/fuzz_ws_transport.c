/*
 * Fuzzes the WebSocket layer (src/transport/ws_transport.c) over a scripted
 * lower layer: after a good upgrade, the input interleaves server bytes
 * (any frames, read in chunks), socket budgets (how much the "socket" takes
 * before it is full) and writes of a known byte stream. Whatever happens, the
 * client's output must be masked frames (binary, pong, close; control ones
 * <= 125 bytes) whose binary payloads are exactly the bytes the layer said it
 * took, in order, and a read never returns more than asked.
 * Input: a sequence of ops, op byte & 3: 0 = server bytes (len byte, bytes),
 * 1 = socket budget (byte * 8, 0 = full), 2 = write (two length bytes),
 * 3 = read with a small buffer (len byte).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "transport/transport.h"
#include "transport/ws_http.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)
#define OUT_MAX (1u << 20)
#define STREAM_MAX (1u << 19)

typedef struct fake {
    transport t;
    uint8_t in[1 << 16];
    size_t in_len, in_off;
    uint8_t *out;
    size_t out_len;
    size_t budget;
} fake;

static mqc_ssize fake_read(transport *t, uint8_t *buf, size_t cap)
{
    fake *f = (fake *)t;
    size_t n = f->in_len - f->in_off;
    if (n == 0) {
        t->read_wants = TRANSPORT_WANT_READ;
        return 0;
    }
    if (n > cap)
        n = cap;
    memcpy(buf, f->in + f->in_off, n);
    f->in_off += n;
    return (mqc_ssize)n;
}

static mqc_ssize fake_write(transport *t, const uint8_t *buf, size_t len)
{
    fake *f = (fake *)t;
    size_t n = len < f->budget ? len : f->budget;
    if (n > OUT_MAX - f->out_len)
        n = OUT_MAX - f->out_len;
    if (n == 0) {
        t->write_wants = TRANSPORT_WANT_WRITE;
        return 0;
    }
    memcpy(f->out + f->out_len, buf, n);
    f->out_len += n;
    f->budget -= n;
    return (mqc_ssize)n;
}

static int fake_handshake(transport *t)
{
    (void)t;
    return 0;
}

static int fake_shutdown(transport *t)
{
    (void)t;
    return 0;
}

static void fake_destroy(transport *t)
{
    mqc_mem_free(t->mem, t);
}

static const transport_ops fake_ops = {
    "fake", fake_handshake, fake_read, fake_write, NULL, fake_shutdown, fake_destroy,
};

static uint8_t stream[STREAM_MAX];
static uint8_t payloads[OUT_MAX];
static uint8_t out_buf[OUT_MAX];

/* Checks the client's frames in out[0..len); the binary payloads go to
 * payloads[]. Returns their length; a frame cut at the end is left out. */
static size_t decode_client(const uint8_t *out, size_t len)
{
    size_t pos = 0, got = 0, i;
    while (pos + 2 <= len) {
        uint8_t op = out[pos] & 0x0F;
        uint64_t n = out[pos + 1] & 0x7F;
        size_t hl = 2;
        CHECK(out[pos] & 0x80);          /* FIN: we never fragment */
        CHECK((out[pos] & 0x70) == 0);
        CHECK(out[pos + 1] & 0x80);      /* masked */
        CHECK(op == 0x2 || op == 0x8 || op == 0xA);
        if (n == 126) {
            if (pos + 4 > len)
                break;
            n = (uint64_t)out[pos + 2] << 8 | out[pos + 3];
            CHECK(n >= 126);
            hl = 4;
        } else if (n == 127) {
            if (pos + 10 > len)
                break;
            n = 0;
            for (i = 0; i < 8; i++)
                n = n << 8 | out[pos + 2 + i];
            CHECK(n > 0xFFFF);
            hl = 10;
        }
        if (op != 0x2)
            CHECK(n <= 125);
        if (pos + hl + 4 + n > len)
            break;
        if (op == 0x2) {
            const uint8_t *m = out + pos + hl;
            for (i = 0; i < n; i++)
                payloads[got + i] = out[pos + hl + 4 + i] ^ m[i & 3];
            got += (size_t)n;
        }
        pos += hl + 4 + (size_t)n;
    }
    return got;
}

static transport *start(fake **fp, mqc_mem *mem)
{
    transport *low, *ws;
    fake *f;
    ws_config cfg = {"fuzz.example", 9001, "/mqtt", 0};
    char key[WS_KEY_LEN + 1], accept[29], resp[256];
    const char *k;
    int n;
    low = transport_alloc(sizeof(fake), &fake_ops, NULL, mem);
    CHECK(low);
    low->ready = 1;
    f = (fake *)low;
    f->out = out_buf;
    f->budget = (size_t)-1;
    CHECK(transport_ws_new(&ws, low, &cfg) == 0);
    CHECK(transport_handshake(ws) == TRANSPORT_AGAIN);
    f->out[f->out_len] = 0;
    k = strstr((char *)f->out, "Sec-WebSocket-Key: ");
    CHECK(k);
    memcpy(key, k + 19, WS_KEY_LEN);
    key[WS_KEY_LEN] = 0;
    CHECK(ws_accept_for(key, accept) == 0);
    n = snprintf(resp, sizeof(resp), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", accept);
    memcpy(f->in, resp, (size_t)n);
    f->in_len = (size_t)n;
    CHECK(transport_handshake(ws) == 0);
    f->out_len = 0;
    *fp = f;
    return ws;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    static mqc_mem mem;
    fake *f;
    transport *ws;
    size_t i = 0, taken = 0, last_offer = 0, got;
    int failed = 0;
    uint8_t buf[70000];

    if (!init) {
        for (i = 0; i < STREAM_MAX; i++)
            stream[i] = (uint8_t)(i * 31 + 7);
        CHECK(mqc_mem_resolve(&mem, NULL) == 0);
        init = 1;
        i = 0;
    }
    ws = start(&f, &mem);
    while (i < size && !failed) {
        uint8_t op = data[i++] & 3;
        if (op == 0 && i < size) {
            size_t n = data[i++];
            if (n > size - i)
                n = size - i;
            if (f->in_len + n > sizeof(f->in))
                break;
            memcpy(f->in + f->in_len, data + i, n);
            f->in_len += n;
            i += n;
        } else if (op == 1 && i < size) {
            f->budget = (size_t)data[i++] * 8;
            continue;
        } else if (op == 2 && i + 1 < size) {
            size_t n = (size_t)data[i] << 8 | data[i + 1];
            mqc_ssize w;
            i += 2;
            /* After 0 the same bytes (or more) are offered again. */
            if (n < last_offer)
                n = last_offer;
            if (taken + n > STREAM_MAX)
                break;
            w = transport_write(ws, stream + taken, n);
            if (w < 0) {
                failed = 1;
                break;
            }
            CHECK((size_t)w <= n);
            last_offer = w ? 0 : n;
            taken += (size_t)w;
            continue;
        }
        /* Reads until the lower layer is empty (as the client does). */
        {
            size_t cap = op == 3 && i < size ? 1 + data[i++] : sizeof(buf);
            for (;;) {
                mqc_ssize r = transport_read(ws, buf, cap);
                if (r < 0) {
                    failed = 1;
                    CHECK(transport_reason(ws)[0] != 0);
                    break;
                }
                CHECK((size_t)r <= cap);
                if (r == 0)
                    break;
            }
        }
    }
    if (!failed && last_offer) {
        /* An open socket finishes the frame in flight. */
        f->budget = (size_t)-1;
        mqc_ssize w = transport_write(ws, stream + taken, last_offer);
        CHECK(w > 0);
        taken += (size_t)w;
    }
    got = decode_client(f->out, f->out_len);
    if (!failed) {
        CHECK(got == taken);
    } else {
        CHECK(got <= taken + 16384); /* at most the frame in flight beyond */
    }
    CHECK(memcmp(payloads, stream, got < taken ? got : taken) == 0);
    transport_free(ws);
    return 0;
}
