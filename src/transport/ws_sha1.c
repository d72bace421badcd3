/* Sec-WebSocket-Accept needs SHA-1: taken from the TLS library mqc links
 * (libcrypto, or mbedTLS when that is the TLS backend), never written here. */
#include "transport/ws_http.h"

#include <string.h>

#if defined(MQC_TLS_MBEDTLS)
#include <mbedtls/sha1.h>
#include <mbedtls/version.h>
#if MBEDTLS_VERSION_NUMBER < 0x03000000
#define mbedtls_sha1 mbedtls_sha1_ret /* 2.x: the int-returning one */
#endif
#elif !defined(MQC_WS_NO_SHA1)
#include <openssl/evp.h>
#endif

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

int ws_accept_for(const char *key, char accept[29])
{
    char in[WS_KEY_LEN + sizeof(WS_GUID)];
    uint8_t md[20];
    size_t n = strlen(key);
    if (n != WS_KEY_LEN)
        return -1;
    memcpy(in, key, n);
    memcpy(in + n, WS_GUID, sizeof(WS_GUID) - 1);
    n += sizeof(WS_GUID) - 1;
#if defined(MQC_TLS_MBEDTLS)
    if (mbedtls_sha1((const unsigned char *)in, n, md) != 0)
        return -1;
#elif defined(MQC_WS_NO_SHA1)
    (void)md;
    return -1; /* built with neither OpenSSL nor mbedTLS */
#else
    unsigned mdlen = 0;
    if (EVP_Digest(in, n, md, &mdlen, EVP_sha1(), NULL) != 1 || mdlen != sizeof(md))
        return -1;
#endif
    ws_base64(md, sizeof(md), accept);
    return 0;
}
