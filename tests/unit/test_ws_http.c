/* The WebSocket opening handshake (src/transport/ws_http.c, ws_sha1.c):
 * the exact Upgrade request, RFC 6455's accept example, and each way a
 * server's answer is refused, with the reason.
 * MQC_TEST_HOST_ONLY: the client layer (WebSocket transport), not built for the Cortex-M port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "transport/ws_http.h"

/* RFC 6455 §1.3: the nonce "the sample nonce" gives this key and accept. */
static const uint8_t nonce[16] = "the sample nonce";
#define RFC_KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define RFC_ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

static void test_base64(void **st)
{
    char out[16];
    (void)st;
    ws_base64((const uint8_t *)"", 0, out);
    assert_string_equal(out, "");
    ws_base64((const uint8_t *)"f", 1, out);
    assert_string_equal(out, "Zg==");
    ws_base64((const uint8_t *)"fo", 2, out);
    assert_string_equal(out, "Zm8=");
    ws_base64((const uint8_t *)"foo", 3, out);
    assert_string_equal(out, "Zm9v");
    ws_base64((const uint8_t *)"foobar", 6, out);
    assert_string_equal(out, "Zm9vYmFy");
    ws_base64((const uint8_t *)"\xff\xfe\xfd\xfc", 4, out);
    assert_string_equal(out, "//79/A==");
}

static void test_accept_rfc_example(void **st)
{
    char acc[29];
    (void)st;
    assert_int_equal(ws_accept_for(RFC_KEY, acc), 0);
    assert_string_equal(acc, RFC_ACCEPT);
    assert_int_equal(ws_accept_for("short", acc), -1);
}

static void test_request(void **st)
{
    char out[512], key[WS_KEY_LEN + 1];
    const char *want = "GET /mqtt HTTP/1.1\r\n"
                       "Host: broker.example:8080\r\n"
                       "Upgrade: websocket\r\n"
                       "Connection: Upgrade\r\n"
                       "Sec-WebSocket-Key: " RFC_KEY "\r\n"
                       "Sec-WebSocket-Version: 13\r\n"
                       "Sec-WebSocket-Protocol: mqtt\r\n"
                       "\r\n";
    long n;
    (void)st;
    n = ws_http_request(out, sizeof(out), "broker.example", 8080, 0, "/mqtt", nonce, key);
    assert_int_equal(n, (long)strlen(want));
    assert_string_equal(out, want);
    assert_string_equal(key, RFC_KEY);
    /* the scheme's default port is left out; IPv6 literals are bracketed */
    ws_http_request(out, sizeof(out), "h", 80, 0, "/", nonce, key);
    assert_non_null(strstr(out, "GET / HTTP/1.1\r\nHost: h\r\n"));
    ws_http_request(out, sizeof(out), "h", 443, 1, "/x?a=1", nonce, key);
    assert_non_null(strstr(out, "GET /x?a=1 HTTP/1.1\r\nHost: h\r\n"));
    ws_http_request(out, sizeof(out), "h", 80, 1, "/", nonce, key);
    assert_non_null(strstr(out, "\r\nHost: h:80\r\n"));
    ws_http_request(out, sizeof(out), "::1", 9001, 0, "/", nonce, key);
    assert_non_null(strstr(out, "\r\nHost: [::1]:9001\r\n"));
    /* too small a buffer, a bad path */
    assert_int_equal(ws_http_request(out, 40, "h", 80, 0, "/", nonce, key), -1);
    assert_int_equal(ws_http_request(out, sizeof(out), "h", 80, 0, "mqtt", nonce, key), -1);
}

static void test_path_valid(void **st)
{
    (void)st;
    assert_true(ws_path_valid("/"));
    assert_true(ws_path_valid("/mqtt"));
    assert_true(ws_path_valid("/a/b?token=x%20y"));
    assert_false(ws_path_valid(""));
    assert_false(ws_path_valid("mqtt"));
    assert_false(ws_path_valid("/a b"));
    assert_false(ws_path_valid("/a\r\nX: y"));
    assert_false(ws_path_valid("/\xc3\xa9"));
    assert_false(ws_path_valid(NULL));
}

#define GOOD "HTTP/1.1 101 Switching Protocols\r\n" \
             "Upgrade: websocket\r\n"                 \
             "Connection: Upgrade\r\n"                \
             "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n" \
             "Sec-WebSocket-Protocol: mqtt\r\n"       \
             "\r\n"

static long answer(const char *resp, char *why)
{
    why[0] = '\0';
    return ws_http_response((const uint8_t *)resp, strlen(resp), RFC_KEY, why, 200);
}

static void test_response_good(void **st)
{
    char why[200], buf[512];
    size_t i, n = strlen(GOOD);
    (void)st;
    assert_int_equal(answer(GOOD, why), (long)n);
    /* each prefix asks for more */
    for (i = 0; i < n; i++)
        assert_int_equal(ws_http_response((const uint8_t *)GOOD, i, RFC_KEY, why, sizeof(why)), 0);
    /* frames right after the header are not part of it */
    snprintf(buf, sizeof(buf), "%s\x82\x02\xd0", GOOD);
    assert_int_equal(answer(buf, why), (long)n);
    /* names and values in any case, a Connection list, no subprotocol echo */
    assert_int_equal(answer("HTTP/1.1 101 Switching Protocols\r\n"
                            "upgrade: WebSocket\r\n"
                            "CONNECTION: keep-alive, upgrade\r\n"
                            "sec-websocket-accept:" RFC_ACCEPT "  \r\n"
                            "Server: test\r\n"
                            "\r\n", why),
                     (long)strlen("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n"
                                  "CONNECTION: keep-alive, upgrade\r\nsec-websocket-accept:" RFC_ACCEPT
                                  "  \r\nServer: test\r\n\r\n"));
    assert_int_equal(answer("HTTP/1.1 101\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n", why) > 0, 1);
}

static void expect_refused(const char *resp, const char *why_part)
{
    char why[200];
    assert_int_equal(answer(resp, why), -1);
    if (!strstr(why, why_part))
        fail_msg("reason \"%s\" lacks \"%s\"", why, why_part);
}

static void test_response_refused(void **st)
{
    char big[WS_RESPONSE_MAX + 16];
    (void)st;
    expect_refused("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                   "WebSocket upgrade refused: HTTP/1.1 404 Not Found");
    expect_refused("HTTP/1.1 200 OK\r\n\r\n", "refused: HTTP/1.1 200 OK");
    expect_refused("HTTP/1.1 1010 X\r\n\r\n", "refused");
    expect_refused("SSH-2.0-OpenSSH_9.2\r\n\r\n", "refused: SSH-2.0-OpenSSH_9.2");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n", "no \"Upgrade: websocket\"");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n", "no \"Upgrade: websocket\"");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: keep-alive\r\nSec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n",
                   "no \"Connection: Upgrade\"");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\n\r\n", "no Sec-WebSocket-Accept");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n",
                   "wrong Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\nSec-WebSocket-Protocol: mqttv3.1\r\n\r\n",
                   "subprotocol mqttv3.1");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
                   "extension we did not offer: permessage-deflate");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nno colon here\r\n\r\n", "bad response header line");
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nX: a\rb\r\n\r\n", "bad response header line");
    /* a header that never ends */
    memset(big, 'a', sizeof(big));
    memcpy(big, "HTTP/1.1 101 OK\r\n", 17);
    assert_int_equal(ws_http_response((const uint8_t *)big, WS_RESPONSE_MAX - 1, RFC_KEY, big, 0), 0);
    {
        char why[200];
        assert_int_equal(ws_http_response((const uint8_t *)big, WS_RESPONSE_MAX, RFC_KEY, why, sizeof(why)), -1);
        assert_non_null(strstr(why, "over 8 KiB"));
    }
}

/* The reason is cut to the caller's buffer and stays printable. */
static void test_reason_cut(void **st)
{
    char why[40];
    const char *r = "HTTP/1.1 403 \x01Forbidden because of a very long explanation\r\n\r\n";
    (void)st;
    assert_int_equal(ws_http_response((const uint8_t *)r, strlen(r), RFC_KEY, why, sizeof(why)), -1);
    assert_int_equal(strlen(why), sizeof(why) - 1);
    assert_string_equal(why, "WebSocket upgrade refused: HTTP/1.1 403");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_accept_rfc_example),
        cmocka_unit_test(test_request),
        cmocka_unit_test(test_path_valid),
        cmocka_unit_test(test_response_good),
        cmocka_unit_test(test_response_refused),
        cmocka_unit_test(test_reason_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
