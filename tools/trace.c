/* Diagnostics on stderr: -d packet trace, runtime notes, errors, and the
 * names of CONNACK / reason codes. */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

static const char *const type_names[16] = {
    "RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
    "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
    "AUTH"};

void cli_err(const cli_opts *o, const char *fmt, ...)
{
    va_list ap;
    if (o->quiet)
        return;
    fprintf(stderr, "%s: ", o->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

char cli_last_note[320];

void cli_log(const cli_opts *o, const char *msg)
{
    snprintf(cli_last_note, sizeof(cli_last_note), "%s", msg);
    if (o->debug)
        fprintf(stderr, "%s: %s\n", o->prog, msg);
}

const char *cli_connack_name(mqc_protocol protocol, uint8_t code)
{
    if (protocol != MQC_V5) {
        switch (code) {
        case 0: return "connection accepted";
        case 1: return "unacceptable protocol version";
        case 2: return "identifier rejected";
        case 3: return "server unavailable";
        case 4: return "bad user name or password";
        case 5: return "not authorized";
        default: return "unknown return code";
        }
    }
    /* 1-5 are no 5.0 CONNACK reasons: a 3.1.1-only server answers a 5.0
     * CONNECT with its own return code 1 (aedes does). */
    if (code == 1)
        return "unacceptable protocol version (3.1.1 return code 1: the broker does not "
               "speak MQTT 5.0; try -V mqttv311)";
    if (code > 1 && code < 0x80)
        return "not a 5.0 reason code (a 3.1.1 return code? the broker may not speak MQTT 5.0)";
    return cli_reason_name(code);
}

const char *cli_reason_name(uint8_t code)
{
    switch (code) {
    case 0x00: return "success";
    case 0x01: return "granted QoS 1";
    case 0x02: return "granted QoS 2";
    case 0x04: return "disconnect with will message";
    case 0x10: return "no matching subscribers";
    case 0x11: return "no subscription existed";
    case 0x80: return "unspecified error";
    case 0x81: return "malformed packet";
    case 0x82: return "protocol error";
    case 0x83: return "implementation specific error";
    case 0x84: return "unsupported protocol version";
    case 0x85: return "client identifier not valid";
    case 0x86: return "bad user name or password";
    case 0x87: return "not authorized";
    case 0x88: return "server unavailable";
    case 0x89: return "server busy";
    case 0x8A: return "banned";
    case 0x8B: return "server shutting down";
    case 0x8C: return "bad authentication method";
    case 0x8D: return "keep alive timeout";
    case 0x8E: return "session taken over";
    case 0x8F: return "topic filter invalid";
    case 0x90: return "topic name invalid";
    case 0x91: return "packet identifier in use";
    case 0x92: return "packet identifier not found";
    case 0x93: return "receive maximum exceeded";
    case 0x94: return "topic alias invalid";
    case 0x95: return "packet too large";
    case 0x96: return "message rate too high";
    case 0x97: return "quota exceeded";
    case 0x98: return "administrative action";
    case 0x99: return "payload format invalid";
    case 0x9A: return "retain not supported";
    case 0x9B: return "QoS not supported";
    case 0x9C: return "use another server";
    case 0x9D: return "server moved";
    case 0x9E: return "shared subscriptions not supported";
    case 0x9F: return "connection rate exceeded";
    case 0xA0: return "maximum connect time";
    case 0xA1: return "subscription identifiers not supported";
    case 0xA2: return "wildcard subscriptions not supported";
    default: return "unknown reason code";
    }
}

static void trace_user_props(const mqc_props *p)
{
    size_t it = 0;
    mqc_user_prop u;
    if (!p)
        return;
    if (p->raw.len) {
        while (mqc_props_user_next(p, &it, &u) == 1)
            fprintf(stderr, ", user-property '%.*s'='%.*s'", (int)u.key.len, u.key.ptr,
                    (int)u.value.len, u.value.ptr);
    } else {
        for (it = 0; p->user && it < p->user_count; it++)
            fprintf(stderr, ", user-property '%.*s'='%.*s'", (int)p->user[it].key.len,
                    p->user[it].key.ptr, (int)p->user[it].value.len, p->user[it].value.ptr);
    }
}

void cli_trace_packet(const cli_opts *o, int outgoing, const mqc_packet *pkt)
{
    const char *name = type_names[pkt->type & 15];
    size_t it = 0, k;
    if (!o->debug)
        return;
    fprintf(stderr, "%s: %s %s (flags 0x%x", o->prog, outgoing ? "sent" : "received", name,
            pkt->flags);
    switch (pkt->type) {
    case MQC_CONNECT:
        fprintf(stderr, ", v%d, id '%.*s', clean %u, keepalive %u%s%s",
                pkt->connect.protocol == MQC_V5 ? 5 : pkt->connect.protocol == MQC_V31 ? 31 : 311, (int)pkt->connect.client_id.len,
                pkt->connect.client_id.ptr ? pkt->connect.client_id.ptr : "",
                pkt->connect.clean, pkt->connect.keep_alive,
                pkt->connect.username ? ", user name" : "",
                pkt->connect.will.topic ? ", will" : "");
        break;
    case MQC_CONNACK:
        fprintf(stderr, ", session present %u, code 0x%02x %s", pkt->session_present,
                pkt->reason, cli_connack_name(o->protocol, pkt->reason));
        break;
    case MQC_PUBLISH:
        fprintf(stderr, ", d%u, q%u, r%u, m%u, '%.*s', %zu bytes", pkt->publish.dup,
                pkt->publish.qos, pkt->publish.retain, pkt->publish.id,
                (int)pkt->publish.topic.len, pkt->publish.topic.ptr, pkt->publish.payload.len);
        break;
    case MQC_PUBACK: case MQC_PUBREC: case MQC_PUBREL: case MQC_PUBCOMP:
    case MQC_UNSUBACK:
        fprintf(stderr, ", m%u", pkt->id);
        if (o->protocol == MQC_V5 && pkt->type != MQC_UNSUBACK)
            fprintf(stderr, ", reason 0x%02x", pkt->reason);
        for (k = 0; k < pkt->reasons.len; k++)
            fprintf(stderr, ", code 0x%02x", pkt->reasons.ptr[k]);
        break;
    case MQC_SUBSCRIBE: {
        mqc_subscription s;
        fprintf(stderr, ", m%u", pkt->id);
        while (pkt->entries.len &&
               mqc_packet_next_subscription(pkt, o->protocol, &it, &s) == 1)
            fprintf(stderr, ", '%.*s' q%u", (int)s.filter.len, s.filter.ptr, s.qos);
        break;
    }
    case MQC_UNSUBSCRIBE: {
        mqc_str f;
        fprintf(stderr, ", m%u", pkt->id);
        while (pkt->entries.len && mqc_packet_next_filter(pkt, &it, &f) == 1)
            fprintf(stderr, ", '%.*s'", (int)f.len, f.ptr);
        break;
    }
    case MQC_SUBACK:
        fprintf(stderr, ", m%u", pkt->id);
        for (k = 0; k < pkt->reasons.len; k++)
            fprintf(stderr, ", code 0x%02x", pkt->reasons.ptr[k]);
        break;
    case MQC_DISCONNECT: case MQC_AUTH:
        if (o->protocol == MQC_V5)
            fprintf(stderr, ", reason 0x%02x %s", pkt->reason, cli_reason_name(pkt->reason));
        break;
    default:
        break;
    }
    if (o->protocol == MQC_V5) {
        const mqc_props *cp = &pkt->props;
        if (mqc_props_has(cp, MQC_PROP_SESSION_EXPIRY))
            fprintf(stderr, ", session expiry %lu", (unsigned long)cp->session_expiry);
        if (mqc_props_has(cp, MQC_PROP_RECEIVE_MAX))
            fprintf(stderr, ", receive maximum %u", cp->receive_max);
        if (mqc_props_has(cp, MQC_PROP_MAX_PACKET_SIZE))
            fprintf(stderr, ", maximum packet size %lu", (unsigned long)cp->max_packet_size);
        if (mqc_props_has(cp, MQC_PROP_SERVER_KEEP_ALIVE))
            fprintf(stderr, ", server keep alive %u", cp->server_keep_alive);
        if (mqc_props_has(cp, MQC_PROP_ASSIGNED_CLIENT_ID))
            fprintf(stderr, ", assigned client id '%.*s'", (int)cp->assigned_client_id.len,
                    cp->assigned_client_id.ptr);
    }
    if (o->protocol == MQC_V5) {
        const mqc_props *p = pkt->type == MQC_PUBLISH && pkt->publish.props
                                 ? pkt->publish.props : &pkt->props;
        trace_user_props(p);
        if (pkt->props.reason_string.len)
            fprintf(stderr, ", reason string '%.*s'", (int)pkt->props.reason_string.len,
                    pkt->props.reason_string.ptr);
    }
    fputs(")\n", stderr);
}
