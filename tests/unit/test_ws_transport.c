/* The WebSocket layer (src/transport/ws_transport.c) over a scripted lower
 * layer: the Upgrade as a handshake step by step, frames the response came
 * with, writes the lower layer takes a few bytes at a time (bytes reported
 * only once their frame is out), pongs owed while the socket is full, the
 * order of a data frame and a control frame, the server's Close, shutdown.
 * MQC_TEST_HOST_ONLY: the client layer (WebSocket transport), not built for the Cortex-M port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "common/mem.h"
#include "transport/transport.h"
#include "transport/ws_frame.h"
#include "transport/ws_http.h"

/* The lower layer: reads come from `in`, writes go to `out` while `budget` lasts. */
typedef struct fake {
    transport t;
    uint8_t in[70000];
    size_t in_len, in_off;
    size_t read_max;             /* bytes per read (0 = all) */
    int holds;                   /* pending() counts the unread input (TLS read ahead) */
    int in_eof;
    unsigned reads;              /* read calls */
    uint8_t out[200000];
    size_t out_len;
    size_t budget;               /* bytes the "socket" takes before it is full */
    int shut;
} fake;

static mqc_ssize fake_read(transport *t, uint8_t *buf, size_t cap)
{
    fake *f = (fake *)t;
    size_t n = f->in_len - f->in_off;
    f->reads++;
    if (n == 0) {
        if (f->in_eof)
            return transport_fail(t, MQC_ERR_CLOSED, "connection closed by the server");
        t->read_wants = TRANSPORT_WANT_READ;
        return 0;
    }
    if (n > cap)
        n = cap;
    if (f->read_max && n > f->read_max)
        n = f->read_max;
    memcpy(buf, f->in + f->in_off, n);
    f->in_off += n;
    /* as tcp after a short read: all there was */
    t->read_wants = f->in_off == f->in_len ? TRANSPORT_WANT_READ : 0;
    return (mqc_ssize)n;
}

static mqc_ssize fake_write(transport *t, const uint8_t *buf, size_t len)
{
    fake *f = (fake *)t;
    size_t n = len < f->budget ? len : f->budget;
    if (n == 0) {
        t->write_wants = TRANSPORT_WANT_WRITE;
        return 0;
    }
    assert_true(f->out_len + n <= sizeof(f->out));
    memcpy(f->out + f->out_len, buf, n);
    f->out_len += n;
    f->budget -= n;
    return (mqc_ssize)n;
}

static size_t fake_pending(const transport *t)
{
    const fake *f = (const fake *)t;
    return f->holds ? f->in_len - f->in_off : 0;
}

static int fake_handshake(transport *t)
{
    (void)t;
    return 0;
}

static int fake_shutdown(transport *t)
{
    ((fake *)t)->shut = 1;
    return 0;
}

static void fake_destroy(transport *t)
{
    mqc_mem_free(t->mem, t);
}

static const transport_ops fake_ops = {
    "fake", fake_handshake, fake_read, fake_write, fake_pending, fake_shutdown, fake_destroy,
};

static mqc_mem mem;

static void feed(fake *f, const void *p, size_t n)
{
    assert_true(f->in_len + n <= sizeof(f->in));
    memcpy(f->in + f->in_len, p, n);
    f->in_len += n;
}

/* An unmasked server frame. */
static void feed_frame(fake *f, uint8_t b0, const void *p, size_t n)
{
    uint8_t h[4] = {b0, (uint8_t)n};
    size_t hl = 2;
    if (n >= 126) {
        h[1] = 126;
        h[2] = (uint8_t)(n >> 8);
        h[3] = (uint8_t)n;
        hl = 4;
    }
    feed(f, h, hl);
    feed(f, p, n);
}

/* The client's frames in f->out from *pos: opcode and unmasked payload of the next. */
static int next_client_frame(fake *f, size_t *pos, uint8_t *payload, size_t *n)
{
    const uint8_t *b = f->out + *pos;
    size_t hl = 2, len, i;
    if (*pos + 2 > f->out_len)
        return -1;
    assert_true(b[1] & 0x80); /* masked, always */
    len = b[1] & 0x7F;
    if (len == 126) {
        len = (size_t)b[2] << 8 | b[3];
        hl = 4;
    } else if (len == 127) {
        len = 0;
        for (i = 0; i < 8; i++)
            len = len << 8 | b[2 + i];
        hl = 10;
    }
    if (*pos + hl + 4 + len > f->out_len)
        return -1;
    for (i = 0; i < len; i++)
        payload[i] = b[hl + 4 + i] ^ b[hl + (i & 3)];
    *n = len;
    *pos += hl + 4 + len;
    return b[0] & 0x0F;
}

/* A stack of fake <- ws, its handshake done; f->out cleared. */
static transport *up(fake **fp)
{
    transport *low, *ws;
    fake *f;
    ws_config cfg = {"example.com", 80, NULL, 0};
    char key[WS_KEY_LEN + 1], accept[29], resp[256];
    const char *k;
    low = transport_alloc(sizeof(fake), &fake_ops, NULL, &mem);
    assert_non_null(low);
    low->ready = 1;
    f = (fake *)low;
    f->budget = (size_t)-1;
    assert_int_equal(transport_ws_new(&ws, low, &cfg), 0);
    /* Step 1: the request goes out, then it waits for the answer. */
    assert_int_equal(transport_handshake(ws), TRANSPORT_AGAIN);
    assert_int_equal(transport_wants(ws), TRANSPORT_WANT_READ);
    f->out[f->out_len] = 0;
    assert_true(strncmp((char *)f->out, "GET /mqtt HTTP/1.1\r\nHost: example.com\r\n", 39) == 0);
    k = strstr((char *)f->out, "Sec-WebSocket-Key: ");
    assert_non_null(k);
    memcpy(key, k + 19, WS_KEY_LEN);
    key[WS_KEY_LEN] = 0;
    assert_int_equal(ws_accept_for(key, accept), 0);
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n", accept);
    /* The answer in two pieces: the first is not enough. */
    feed(f, resp, 20);
    assert_int_equal(transport_handshake(ws), TRANSPORT_AGAIN);
    feed(f, resp + 20, strlen(resp) - 20);
    f->out_len = 0;
    *fp = f;
    return ws;
}

static int finish_handshake(transport *ws)
{
    return transport_handshake(ws);
}

static void test_handshake_and_early_frames(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64];
    (void)st;
    /* CONNACK arrives with the 101, in the same read. */
    feed_frame(f, 0x82, "\x20\x02\x00\x00", 4);
    assert_int_equal(finish_handshake(ws), 0);
    assert_true(ws->ready);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 4);
    assert_memory_equal(buf, "\x20\x02\x00\x00", 4);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0);
    assert_true(ws->read_wants & TRANSPORT_WANT_READ);
    transport_free(ws);
}

/* Early frames larger than the reader's buffer come in pieces. */
static void test_early_frames_small_buffer(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[3], got[16];
    size_t n = 0;
    mqc_ssize r;
    (void)st;
    feed_frame(f, 0x82, "\x30\x05\x00\x01tab", 7);
    assert_int_equal(finish_handshake(ws), 0);
    assert_true(transport_pending(ws) > 0);
    while ((r = transport_read(ws, buf, sizeof(buf))) > 0) {
        memcpy(got + n, buf, (size_t)r);
        n += (size_t)r;
    }
    assert_int_equal(r, 0);
    assert_int_equal(n, 7);
    assert_memory_equal(got, "\x30\x05\x00\x01tab", 7);
    transport_free(ws);
}

/* Frames a lower layer already holds after the 101 (TLS read ahead, one
 * record per read) are taken along: poll() would not report them. */
static void test_early_frames_held_below(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64];
    (void)st;
    f->holds = 1;
    f->read_max = f->in_len - f->in_off; /* the first read ends with the 101 */
    feed_frame(f, 0x89, "hi", 2);
    feed_frame(f, 0x82, "\xd0\x00", 2);
    assert_int_equal(finish_handshake(ws), 0);
    assert_int_equal(f->in_off, f->in_len);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 2);
    assert_memory_equal(buf, "\xd0\x00", 2);
    transport_free(ws);
}

/* A read says when it took all there was (TRANSPORT_WANT_READ after > 0,
 * so the client polls instead of reading into EAGAIN): only when the
 * lower layer said so for its read and nothing waits here, neither early
 * frames nor a Close behind the data. Frames without data (a ping) on an
 * emptied lower layer are "nothing now" after one read below, not two. */
static void test_read_says_drained(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64];
    unsigned reads;
    (void)st;
    /* early frames, one per read here: never "drained" while they last */
    feed_frame(f, 0x82, "\x40\x02\x00\x01", 4);
    feed_frame(f, 0x82, "\x40\x02\x00\x02", 4);
    assert_int_equal(finish_handshake(ws), 0);
    assert_int_equal(transport_read(ws, buf, 6), 4);
    assert_false(ws->read_wants & TRANSPORT_WANT_READ);
    assert_int_equal(transport_read(ws, buf, 6), 4);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0);
    /* from below: drained only once the lower layer is */
    f->read_max = 6;
    feed_frame(f, 0x82, "\x40\x02\x00\x03", 4);
    feed_frame(f, 0x82, "\x40\x02\x00\x04", 4);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 4);
    assert_false(ws->read_wants & TRANSPORT_WANT_READ);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 4);
    assert_true(ws->read_wants & TRANSPORT_WANT_READ);
    f->read_max = 0;
    /* a ping alone: answered, nothing now, one read below */
    feed_frame(f, 0x89, "p", 1);
    reads = f->reads;
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0);
    assert_int_equal(f->reads - reads, 1);
    assert_true(ws->read_wants & TRANSPORT_WANT_READ);
    /* data and the server's Close in one read: the Close is the next read's */
    feed_frame(f, 0x82, "\x40\x02\x00\x05", 4);
    feed_frame(f, 0x88, "\x03\xe8", 2);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 4);
    assert_false(ws->read_wants & TRANSPORT_WANT_READ);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_CLOSED);
    transport_free(ws);
}

static void test_refused_and_closed_upgrade(void **st)
{
    transport *low, *ws;
    fake *f;
    ws_config cfg = {"::1", 9001, "/ws", 0};
    (void)st;
    low = transport_alloc(sizeof(fake), &fake_ops, NULL, &mem);
    f = (fake *)low;
    low->ready = 1;
    f->budget = (size_t)-1;
    assert_int_equal(transport_ws_new(&ws, low, &cfg), 0);
    assert_int_equal(transport_handshake(ws), TRANSPORT_AGAIN);
    f->out[f->out_len] = 0;
    assert_non_null(strstr((char *)f->out, "GET /ws HTTP/1.1\r\nHost: [::1]:9001\r\n"));
    feed(f, "HTTP/1.1 403 Forbidden\r\n\r\n", 26);
    assert_int_equal(transport_handshake(ws), MQC_ERR_WEBSOCKET);
    assert_string_equal(transport_reason(ws), "WebSocket upgrade refused: HTTP/1.1 403 Forbidden");
    transport_free(ws);

    low = transport_alloc(sizeof(fake), &fake_ops, NULL, &mem);
    f = (fake *)low;
    low->ready = 1;
    f->budget = (size_t)-1;
    f->in_eof = 1;
    assert_int_equal(transport_ws_new(&ws, low, &cfg), 0);
    assert_int_equal(transport_handshake(ws), MQC_ERR_CLOSED);
    assert_non_null(strstr(transport_reason(ws), "closed the connection before answering"));
    transport_free(ws);

    /* A path that cannot go on the request line. */
    low = transport_alloc(sizeof(fake), &fake_ops, NULL, &mem);
    cfg.path = "/a b";
    assert_int_equal(transport_ws_new(&ws, low, &cfg), MQC_ERR_INVAL);
    transport_free(low);
}

/* The request waits while the socket is full. */
static void test_request_waits_for_socket(void **st)
{
    transport *low, *ws;
    fake *f;
    ws_config cfg = {"h", 443, NULL, 1};
    (void)st;
    low = transport_alloc(sizeof(fake), &fake_ops, NULL, &mem);
    f = (fake *)low;
    low->ready = 1;
    f->budget = 10;
    assert_int_equal(transport_ws_new(&ws, low, &cfg), 0);
    assert_int_equal(transport_handshake(ws), TRANSPORT_AGAIN);
    assert_int_equal(transport_wants(ws), TRANSPORT_WANT_WRITE);
    assert_int_equal(f->out_len, 10);
    f->budget = (size_t)-1;
    assert_int_equal(transport_handshake(ws), TRANSPORT_AGAIN);
    assert_int_equal(transport_wants(ws), TRANSPORT_WANT_READ);
    f->out[f->out_len] = 0;
    assert_non_null(strstr((char *)f->out, "\r\nHost: h\r\n")); /* 443 with TLS: left out */
    transport_free(ws);
}

/* Bytes are taken only once their whole frame is out; the caller offers
 * them again meanwhile. */
static void test_partial_writes(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t data[40000], payload[20000];
    size_t i, pos = 0, n;
    mqc_ssize w;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7);
    f->budget = 5;
    assert_int_equal(transport_write(ws, data, 1000), 0);
    assert_true(ws->write_wants & TRANSPORT_WANT_WRITE);
    f->budget = 100;
    assert_int_equal(transport_write(ws, data, 1000), 0);
    f->budget = (size_t)-1;
    assert_int_equal(transport_write(ws, data, 1000), 1000);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_BINARY);
    assert_int_equal(n, 1000);
    assert_memory_equal(payload, data, 1000);
    /* More than one frame's worth: 16 KiB per frame. */
    w = transport_write(ws, data + 1000, 39000);
    assert_int_equal(w, 16384);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_BINARY);
    assert_int_equal(n, 16384);
    assert_memory_equal(payload, data + 1000, 16384);
    assert_int_equal(pos, f->out_len);
    transport_free(ws);
}

/* A ping while the socket is full: the pong waits (read wants write), and
 * a data frame cut short goes out whole before it. */
static void test_pong_when_owed(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64], payload[256];
    size_t pos = 0, n;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    f->budget = 3;
    assert_int_equal(transport_write(ws, (const uint8_t *)"\xc0\x00", 2), 0); /* PINGREQ, cut */
    feed_frame(f, 0x89, "p1", 2);
    feed_frame(f, 0x82, "\xd0\x00", 2);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 2);
    assert_memory_equal(buf, "\xd0\x00", 2);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0);
    assert_true(ws->read_wants & TRANSPORT_WANT_WRITE); /* the pong is owed */
    f->budget = (size_t)-1;
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0); /* flushes: frame, then pong */
    assert_false(ws->read_wants & TRANSPORT_WANT_WRITE);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_BINARY);
    assert_memory_equal(payload, "\xc0\x00", 2);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_PONG);
    assert_int_equal(n, 2);
    assert_memory_equal(payload, "p1", 2);
    /* The cut frame's bytes are reported taken when offered again. */
    assert_int_equal(transport_write(ws, (const uint8_t *)"\xc0\x00", 2), 2);
    assert_int_equal(pos, f->out_len);
    /* A ping on an idle connection is answered in the same read. */
    feed_frame(f, 0x89, "p2", 2);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 0);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_PONG);
    assert_memory_equal(payload, "p2", 2);
    transport_free(ws);
}

static void test_server_close(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64], payload[256];
    size_t pos = 0, n;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    feed_frame(f, 0x82, "\xd0\x00", 2);
    feed_frame(f, 0x88, "\x03\xe8" "bye", 5);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), 2); /* the data first */
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_CLOSED);
    assert_string_equal(transport_reason(ws), "the server closed the WebSocket (1000: bye)");
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_CLOSED);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_CLOSE);
    assert_int_equal(n, 2);
    assert_memory_equal(payload, "\x03\xe8", 2);
    transport_free(ws);
}

/* 1006 ("abnormal closure") may not be sent: the answer is 1000. */
static void test_close_code_not_echoed(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64], payload[256];
    size_t pos = 0, n;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    feed_frame(f, 0x88, "\x03\xee", 2);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_CLOSED);
    assert_string_equal(transport_reason(ws), "the server closed the WebSocket (1006)");
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_CLOSE);
    assert_memory_equal(payload, "\x03\xe8", 2);
    transport_free(ws);
}

static void test_malformed_frame(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t buf[64], payload[256];
    size_t pos = 0, n;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    feed_frame(f, 0x81, "x", 1);
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_WEBSOCKET);
    assert_non_null(strstr(transport_reason(ws), "text frame"));
    feed_frame(f, 0x82, "\xd0\x00", 2); /* nothing more is taken from a broken stream */
    assert_int_equal(transport_read(ws, buf, sizeof(buf)), MQC_ERR_WEBSOCKET);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_CLOSE);
    assert_memory_equal(payload, "\x03\xea", 2); /* 1002 protocol error */
    transport_free(ws);
}

static void test_shutdown_sends_close(void **st)
{
    fake *f;
    transport *ws = up(&f);
    uint8_t payload[256];
    size_t pos = 0, n;
    (void)st;
    assert_int_equal(finish_handshake(ws), 0);
    assert_int_equal(transport_shutdown(ws), 0);
    assert_true(f->shut);
    assert_int_equal(next_client_frame(f, &pos, payload, &n), WS_OP_CLOSE);
    assert_memory_equal(payload, "\x03\xe8", 2);
    transport_free(ws);
}

static int setup(void **st)
{
    (void)st;
    return mqc_mem_resolve(&mem, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_and_early_frames),
        cmocka_unit_test(test_early_frames_small_buffer),
        cmocka_unit_test(test_early_frames_held_below),
        cmocka_unit_test(test_read_says_drained),
        cmocka_unit_test(test_refused_and_closed_upgrade),
        cmocka_unit_test(test_request_waits_for_socket),
        cmocka_unit_test(test_partial_writes),
        cmocka_unit_test(test_pong_when_owed),
        cmocka_unit_test(test_server_close),
        cmocka_unit_test(test_close_code_not_echoed),
        cmocka_unit_test(test_malformed_frame),
        cmocka_unit_test(test_shutdown_sends_close),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
