/* The WebSocket opening handshake, client side: see ws_http.h. */
#include "transport/ws_http.h"

#include <stdio.h>
#include <string.h>

void ws_base64(const uint8_t *in, size_t n, char *out)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, o = 0;
    for (i = 0; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = abc[v >> 18];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = abc[(v >> 6) & 63];
        out[o++] = abc[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        out[o++] = abc[v >> 18];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = i + 1 < n ? abc[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    out[o] = '\0';
}

int ws_path_valid(const char *path)
{
    const unsigned char *p = (const unsigned char *)path;
    if (!p || *p != '/')
        return 0;
    for (; *p; p++)
        if (*p <= 0x20 || *p >= 0x7F)
            return 0;
    return 1;
}

long ws_http_request(char *out, size_t cap, const char *host, uint16_t port, int tls,
                     const char *path, const uint8_t nonce[16], char key[WS_KEY_LEN + 1])
{
    char hostport[300];
    int n, v6 = strchr(host, ':') != NULL; /* an IPv6 literal goes in brackets */
    if (!ws_path_valid(path))
        return -1;
    if (port == (tls ? 443 : 80))
        n = snprintf(hostport, sizeof(hostport), v6 ? "[%s]" : "%s", host);
    else
        n = snprintf(hostport, sizeof(hostport), v6 ? "[%s]:%u" : "%s:%u", host, (unsigned)port);
    if (n < 0 || (size_t)n >= sizeof(hostport))
        return -1;
    ws_base64(nonce, 16, key);
    n = snprintf(out, cap,
                 "GET %s HTTP/1.1\r\n"
                 "Host: %s\r\n"
                 "Upgrade: websocket\r\n"
                 "Connection: Upgrade\r\n"
                 "Sec-WebSocket-Key: %s\r\n"
                 "Sec-WebSocket-Version: 13\r\n"
                 "Sec-WebSocket-Protocol: mqtt\r\n"
                 "\r\n",
                 path, hostport, key);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    return n;
}

/* why = prefix + the text at s[0..n), made printable and cut to fit. */
static long refuse(char *why, size_t whycap, const char *prefix, const uint8_t *s, size_t n)
{
    size_t o, i;
    if (!whycap)
        return -1;
    o = (size_t)snprintf(why, whycap, "%s", prefix);
    if (o >= whycap)
        return -1;
    for (i = 0; i < n && o + 1 < whycap; i++)
        why[o++] = s[i] >= 0x20 && s[i] < 0x7F ? (char)s[i] : '?';
    why[o] = '\0';
    return -1;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive: s[0..n) equals the lowercase word w. */
static int word_is(const uint8_t *s, size_t n, const char *w)
{
    size_t i;
    if (strlen(w) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower(s[i]) != w[i])
            return 0;
    return 1;
}

/* A comma-separated header value holds the lowercase token w. */
static int has_token(const uint8_t *s, size_t n, const char *w)
{
    size_t i = 0;
    while (i < n) {
        size_t a, b;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
            i++;
        a = i;
        while (i < n && s[i] != ',')
            i++;
        b = i;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b > a && word_is(s + a, b - a, w))
            return 1;
    }
    return 0;
}

long ws_http_response(const uint8_t *buf, size_t len, const char *key,
                      char *why, size_t whycap)
{
    size_t end, i, line;
    int upgrade = 0, connection = 0, accepted = 0;
    char accept[29];

    for (end = 0; end + 4 <= len; end++)
        if (memcmp(buf + end, "\r\n\r\n", 4) == 0)
            break;
    if (end + 4 > len) {
        if (len >= WS_RESPONSE_MAX)
            return refuse(why, whycap, "WebSocket upgrade: the server's response header is over 8 KiB", NULL, 0);
        return 0;
    }
    end += 2; /* the header lines are buf[0..end), each ending in CRLF */

    for (line = 0; line < end && buf[line] != '\r'; line++)
        ;
    /* "HTTP/1.1 101 Switching Protocols" */
    if (line + 1 >= len || buf[line + 1] != '\n' || line < 12 || memcmp(buf, "HTTP/1.", 7) != 0 ||
        buf[8] != ' ' || memcmp(buf + 9, "101", 3) != 0 || (line > 12 && buf[12] != ' '))
        return refuse(why, whycap, "WebSocket upgrade refused: ", buf, line);
    if (ws_accept_for(key, accept) != 0)
        return refuse(why, whycap, "WebSocket needs SHA-1 from OpenSSL or mbedTLS; this build has neither", NULL, 0);

    for (i = line + 2; i < end;) {
        size_t eol = i, colon, v, ve;
        while (eol < end && buf[eol] != '\r')
            eol++;
        if (eol + 1 >= len || buf[eol + 1] != '\n')
            return refuse(why, whycap, "WebSocket upgrade: bad response header line: ", buf + i, eol - i);
        for (colon = i; colon < eol && buf[colon] != ':'; colon++)
            ;
        if (colon == eol || colon == i)
            return refuse(why, whycap, "WebSocket upgrade: bad response header line: ", buf + i, eol - i);
        for (v = colon + 1; v < eol && (buf[v] == ' ' || buf[v] == '\t'); v++)
            ;
        for (ve = eol; ve > v && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t'); ve--)
            ;
        if (word_is(buf + i, colon - i, "upgrade")) {
            upgrade = word_is(buf + v, ve - v, "websocket");
        } else if (word_is(buf + i, colon - i, "connection")) {
            connection = has_token(buf + v, ve - v, "upgrade");
        } else if (word_is(buf + i, colon - i, "sec-websocket-accept")) {
            accepted = ve - v == 28 && memcmp(buf + v, accept, 28) == 0;
            if (!accepted)
                return refuse(why, whycap, "WebSocket upgrade: wrong Sec-WebSocket-Accept: ", buf + v, ve - v);
        } else if (word_is(buf + i, colon - i, "sec-websocket-protocol")) {
            if (!(ve - v == 4 && memcmp(buf + v, "mqtt", 4) == 0))
                return refuse(why, whycap, "WebSocket upgrade: the server chose subprotocol ", buf + v, ve - v);
        } else if (word_is(buf + i, colon - i, "sec-websocket-extensions")) {
            if (ve > v)
                return refuse(why, whycap, "WebSocket upgrade: the server chose an extension we did not offer: ",
                              buf + v, ve - v);
        }
        i = eol + 2;
    }
    if (!upgrade)
        return refuse(why, whycap, "WebSocket upgrade: no \"Upgrade: websocket\" in the response", NULL, 0);
    if (!connection)
        return refuse(why, whycap, "WebSocket upgrade: no \"Connection: Upgrade\" in the response", NULL, 0);
    if (!accepted)
        return refuse(why, whycap, "WebSocket upgrade: no Sec-WebSocket-Accept in the response", NULL, 0);
    return (long)end + 2;
}
