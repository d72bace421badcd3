/* mqc_strerror and the fatal cut-off. */
#include "mqc.h"

#include "common/config.h"

#if MQC_ENABLE_ERROR_TEXT
const char *mqc_strerror(int err)
{
    switch (err) {
    case MQC_OK: return "success";
    case MQC_ERR_INVAL: return "invalid argument";
    case MQC_ERR_NOMEM: return "out of memory";
    case MQC_ERR_INCOMPLETE: return "incomplete packet: more bytes needed";
    case MQC_ERR_BUFFER: return "buffer too small";
    case MQC_ERR_QUEUE_FULL: return "queue full";
    case MQC_ERR_STATE: return "not allowed in the current state";
    case MQC_ERR_TOO_LARGE: return "too large";
    case MQC_ERR_NO_ID: return "no free packet identifier";
    case MQC_ERR_STORE: return "store I/O failed";
    case MQC_ERR_STORE_LOCKED: return "store in use by another process";
    case MQC_ERR_STORE_MISMATCH: return "store belongs to another client id, protocol or broker";
    case MQC_ERR_STORE_CORRUPT: return "store is not a log this version can read";
    case MQC_ERR_TLS_CONFIG: return "TLS options unusable";
    case MQC_ERR_MALFORMED_REMAINING_LENGTH: return "malformed packet: variable byte integer longer than 4 bytes";
    case MQC_ERR_MALFORMED_FLAGS: return "malformed packet: reserved fixed header flags";
    case MQC_ERR_MALFORMED_LENGTH: return "malformed packet: length runs past the packet or bytes left over";
    case MQC_ERR_MALFORMED_UTF8: return "malformed packet: invalid UTF-8 string";
    case MQC_ERR_MALFORMED_TYPE: return "malformed packet: invalid packet type";
    case MQC_ERR_PACKET_TOO_LARGE: return "packet larger than the maximum accepted";
    case MQC_ERR_MALFORMED_PROPERTY: return "malformed packet: property not allowed";
    case MQC_ERR_DUPLICATE_PROPERTY: return "malformed packet: property repeated";
    case MQC_ERR_MALFORMED_PACKET_ID: return "malformed packet: packet identifier 0";
    case MQC_ERR_MALFORMED_QOS: return "malformed packet: invalid QoS";
    case MQC_ERR_MALFORMED_REASON: return "malformed packet: invalid reason code";
    case MQC_ERR_MALFORMED_TOPIC: return "malformed packet: invalid topic";
    case MQC_ERR_MALFORMED_VALUE: return "malformed packet: invalid field value";
    case MQC_ERR_PROTOCOL: return "protocol error";
    case MQC_ERR_RECEIVE_MAX_EXCEEDED: return "server exceeded our Receive Maximum";
    case MQC_ERR_QOS2_PUBACK: return "server answered a QoS 2 PUBLISH with PUBACK (it has no QoS 2)";
    case MQC_ERR_TOPIC_ALIAS: return "topic alias 0, over our maximum, or unknown";
    case MQC_ERR_AUTH: return "enhanced authentication failed";
    case MQC_ERR_KEEPALIVE_TIMEOUT: return "keep alive timeout: no PINGRESP";
    case MQC_ERR_ACK_TIMEOUT: return "acknowledgement timeout";
    case MQC_ERR_CONNACK_REFUSED: return "connection refused by the server";
    case MQC_ERR_SERVER_DISCONNECT: return "server sent DISCONNECT";
    case MQC_ERR_CLOSED: return "connection closed by peer";
    case MQC_ERR_IO: return "network I/O error";
    case MQC_ERR_RESOLVE: return "name resolution failed";
    case MQC_ERR_CONNECT_TIMEOUT: return "connect timeout";
    case MQC_ERR_TLS: return "TLS error";
    case MQC_ERR_TLS_VERIFY: return "server certificate verification failed";
    case MQC_ERR_WEBSOCKET: return "WebSocket error";
    case MQC_ERR_REDIRECT_LOOP: return "server redirects go round in a loop";
    case MQC_ERR_STORE_SYNC: return "store could not make the session state durable";
    default: return "unknown error";
    }
}
#else
/* Tiny builds keep the code only; the text lives in the docs. */
const char *mqc_strerror(int err)
{
    (void)err;
    return "mqc error (see mqc.h)";
}
#endif

int mqc_err_is_fatal(int err)
{
    return err <= MQC_ERR_CONN_FATAL;
}
