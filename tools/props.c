/* -D / --property: MQTT 5 properties by packet, as mosquitto_pub/sub take them:
 *   -D command identifier value      (user-property takes a key and a value) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef enum { T_BYTE, T_U16, T_U32, T_VARINT, T_STR, T_BIN, T_PAIR } prop_type;

typedef struct prop_def {
    const char *name;
    mqc_prop_id id;
    prop_type type;
    unsigned cmds;               /* bit per cli_prop_cmd where it is allowed */
} prop_def;

#define C(x) (1u << CLI_PROP_##x)

static const prop_def defs[] = {
    {"payload-format-indicator", MQC_PROP_PAYLOAD_FORMAT, T_BYTE, C(PUBLISH) | C(WILL)},
    {"message-expiry-interval", MQC_PROP_MESSAGE_EXPIRY, T_U32, C(PUBLISH) | C(WILL)},
    {"content-type", MQC_PROP_CONTENT_TYPE, T_STR, C(PUBLISH) | C(WILL)},
    {"response-topic", MQC_PROP_RESPONSE_TOPIC, T_STR, C(PUBLISH) | C(WILL)},
    {"correlation-data", MQC_PROP_CORRELATION_DATA, T_BIN, C(PUBLISH) | C(WILL)},
    {"subscription-identifier", MQC_PROP_SUBSCRIPTION_ID, T_VARINT, C(SUBSCRIBE)},
    {"session-expiry-interval", MQC_PROP_SESSION_EXPIRY, T_U32, C(CONNECT) | C(DISCONNECT)},
    {"request-problem-information", MQC_PROP_REQUEST_PROBLEM_INFO, T_BYTE, C(CONNECT)},
    {"will-delay-interval", MQC_PROP_WILL_DELAY, T_U32, C(WILL)},
    {"request-response-information", MQC_PROP_REQUEST_RESPONSE_INFO, T_BYTE, C(CONNECT)},
    {"receive-maximum", MQC_PROP_RECEIVE_MAX, T_U16, C(CONNECT)},
    {"maximum-packet-size", MQC_PROP_MAX_PACKET_SIZE, T_U32, C(CONNECT)},
    {"user-property", MQC_PROP_USER, T_PAIR,
     C(CONNECT) | C(PUBLISH) | C(SUBSCRIBE) | C(UNSUBSCRIBE) | C(DISCONNECT) | C(WILL)},
};

static const char *const cmd_names[CLI_PROP_COUNT] = {
    "connect", "publish", "subscribe", "unsubscribe", "disconnect", "will"};

static int fail(const cli_opts *o, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s: -D: ", o->prog);
    fprintf(stderr, fmt, a, b);
    fputs("\n\n", stderr);
    cli_usage(stderr, o->mode);
    return CLI_EXIT_USAGE;
}

static int parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || *end || *out > max ? -1 : 0;
}

int cli_parse_property(cli_opts *o, int argc, char **argv, int *i)
{
    const char *cmd, *ident, *value;
    const prop_def *d = NULL;
    cli_props *cp;
    mqc_props *p;
    unsigned long long n = 0;
    int c;
    size_t k;

    if (*i + 3 >= argc)
        return fail(o, "expected: -D command identifier value%s%s", "", "");
    cmd = argv[*i + 1];
    ident = argv[*i + 2];
    value = argv[*i + 3];
    for (c = 0; c < CLI_PROP_COUNT; c++)
        if (!strcmp(cmd, cmd_names[c]))
            break;
    if (c == CLI_PROP_COUNT)
        return fail(o, "unknown command '%s'%s (connect, publish, subscribe, unsubscribe, "
                       "will)", cmd, "");
    for (k = 0; k < sizeof(defs) / sizeof(defs[0]); k++)
        if (!strcmp(ident, defs[k].name))
            d = &defs[k];
    if (!d)
        return fail(o, "unknown or unsupported property '%s'%s", ident, "");
    if (!(d->cmds & (1u << c)))
        return fail(o, "property '%s' is not allowed in %s", ident, cmd);
    /* The client's DISCONNECT carries only the session expiry. */
    if (c == CLI_PROP_DISCONNECT && d->id != MQC_PROP_SESSION_EXPIRY)
        return fail(o, "%s: only session-expiry-interval is supported in %s", ident, cmd);
    cp = &o->props[c];
    p = &cp->props;
    if (d->type != T_PAIR && d->type != T_VARINT && mqc_props_has(p, d->id))
        return fail(o, "property '%s' given twice for %s", ident, cmd);
    switch (d->type) {
    case T_BYTE:
        if (parse_number(value, 1, &n))
            return fail(o, "%s: expected 0 or 1, got '%s'", ident, value);
        break;
    case T_U16:
        if (parse_number(value, 65535, &n) || n == 0)
            return fail(o, "%s: expected 1-65535, got '%s'", ident, value);
        break;
    case T_U32:
        if (parse_number(value, 0xFFFFFFFFull, &n))
            return fail(o, "%s: expected 0-4294967295, got '%s'", ident, value);
        break;
    case T_VARINT:
        if (parse_number(value, 268435455, &n) || n == 0)
            return fail(o, "%s: expected 1-268435455, got '%s'", ident, value);
        break;
    case T_STR:
        if (!mqc_utf8_valid(value, strlen(value)))
            return fail(o, "%s: not valid UTF-8: '%s'", ident, value);
        break;
    default:
        break;
    }
    *i += 3;
    o->any_props = 1;

    /* Properties the session puts in CONNECT itself go to its options. */
    if (c == CLI_PROP_CONNECT && d->id == MQC_PROP_SESSION_EXPIRY) {
        o->connect_session_expiry = (uint32_t)n;
        o->has_connect_session_expiry = 1;
        return 0;
    }
    if (c == CLI_PROP_DISCONNECT) {
        o->disconnect_expiry = (uint32_t)n;
        o->has_disconnect_expiry = 1;
        return 0;
    }
    if (c == CLI_PROP_CONNECT && d->id == MQC_PROP_RECEIVE_MAX) {
        o->receive_max = (uint16_t)n;
        return 0;
    }
    if (c == CLI_PROP_CONNECT && d->id == MQC_PROP_MAX_PACKET_SIZE) {
        if (n < 16)
            return fail(o, "%s: too small: '%s'", ident, value);
        o->max_packet_prop = (uint32_t)n;
        return 0;
    }

    cp->used = 1;
    switch (d->type) {
    case T_PAIR:
        if (*i + 1 >= argc)
            return fail(o, "user-property needs a key and a value%s%s", "", "");
        if (cp->props.user_count >= CLI_MAX_USER_PROPS)
            return fail(o, "too many user properties for %s%s", cmd, "");
        {
            const char *key = argv[*i], *val = argv[*i + 1];
            mqc_user_prop *u = &cp->users[cp->props.user_count++];
            if (!mqc_utf8_valid(key, strlen(key)) || !mqc_utf8_valid(val, strlen(val)))
                return fail(o, "user-property: not valid UTF-8: '%s' '%s'", key, val);
            u->key.ptr = key;
            u->key.len = strlen(key);
            u->value.ptr = val;
            u->value.len = strlen(val);
            p->user = cp->users;
            *i += 1;
        }
        break;
    case T_BYTE:
        if (d->id == MQC_PROP_PAYLOAD_FORMAT)
            p->payload_format = (uint8_t)n;
        else if (d->id == MQC_PROP_REQUEST_PROBLEM_INFO)
            p->request_problem_info = (uint8_t)n;
        else
            p->request_response_info = (uint8_t)n;
        break;
    case T_U32:
        if (d->id == MQC_PROP_MESSAGE_EXPIRY)
            p->message_expiry = (uint32_t)n;
        else if (d->id == MQC_PROP_SESSION_EXPIRY)
            p->session_expiry = (uint32_t)n;
        else if (d->id == MQC_PROP_WILL_DELAY)
            p->will_delay = (uint32_t)n;
        break;
    case T_VARINT:
        if (p->subscription_id_count >= 1)
            return fail(o, "%s given twice for %s", ident, cmd);
        p->subscription_ids[p->subscription_id_count++] = (uint32_t)n;
        break;
    case T_STR:
        if (d->id == MQC_PROP_CONTENT_TYPE) {
            p->content_type.ptr = value;
            p->content_type.len = strlen(value);
        } else {
            p->response_topic.ptr = value;
            p->response_topic.len = strlen(value);
        }
        break;
    case T_BIN:
        p->correlation_data.ptr = (const uint8_t *)value;
        p->correlation_data.len = strlen(value);
        break;
    default:
        break;
    }
    mqc_props_set(p, d->id);
    return 0;
}

int cli_apply_disconnect_props(const cli_opts *o, mqc_client *c)
{
    int rv;
    if (!o->has_disconnect_expiry)
        return 0;
    rv = mqc_session_set_disconnect_expiry(mqc_client_session(c), o->disconnect_expiry);
    if (rv < 0)
        cli_err(o, "-D disconnect session-expiry-interval %u: %s", (unsigned)o->disconnect_expiry,
                rv == MQC_ERR_INVAL ? "the CONNECT's session expiry was 0 (MQTT 5 forbids "
                                      "changing it then; use -x or -c)"
                                    : mqc_strerror(rv));
    return rv < 0 ? -1 : 0;
}

const mqc_props *cli_props_get(const cli_opts *o, cli_prop_cmd cmd)
{
    return o->props[cmd].used ? &o->props[cmd].props : NULL;
}
