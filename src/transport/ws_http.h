/* The WebSocket opening handshake (RFC 6455 §4), client side, sans I/O:
 * the HTTP/1.1 Upgrade request asking for subprotocol "mqtt", and the
 * check of the server's 101 answer. */
#ifndef MQC_WS_HTTP_H
#define MQC_WS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define WS_DEFAULT_PATH "/mqtt"  /* what hosted brokers serve MQTT on */
#define WS_KEY_LEN 24             /* base64 of a 16-byte nonce */
#define WS_RESPONSE_MAX 8192u     /* a longer response header is refused */

/* 1 if path can go on the request line: starts with '/', visible ASCII. */
int ws_path_valid(const char *path);

/* Writes the Upgrade request for host, port and path into out[0..cap) and
 * the key it sends (from the 16 random bytes of nonce) into key. The port is
 * left out of Host when it is the scheme's default (80 ws, 443 wss).
 * Returns the length, or -1 if cap is too small or path is not valid. */
long ws_http_request(char *out, size_t cap, const char *host, uint16_t port, int tls,
                     const char *path, const uint8_t nonce[16], char key[WS_KEY_LEN + 1]);

/* Looks at the first len bytes the server sent. Returns 0 when the header
 * is not complete yet, its length (the bytes after it are WebSocket frames)
 * when it accepts the upgrade, or -1 with the reason in why[0..whycap). */
long ws_http_response(const uint8_t *buf, size_t len, const char *key,
                      char *why, size_t whycap);

/* base64(SHA-1(key + RFC 6455 GUID)) into accept (29 bytes with NUL).
 * Returns 0, or -1 if the hash is unavailable. (ws_sha1.c) */
int ws_accept_for(const char *key, char accept[29]);

/* Standard base64 with padding; out holds 4 * ceil(n / 3) + 1 bytes. */
void ws_base64(const uint8_t *in, size_t n, char *out);

#endif
