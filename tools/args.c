/* Command-line parsing for mqc pub, sub and rr, with mosquitto_pub /
 * mosquitto_sub / mosquitto_rr flag names and meanings, after the default
 * options file (config.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "transport/ws_http.h"

static int usage_error(const cli_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int usage_error(const cli_opts *o, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", o->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n\n", stderr);
    cli_usage(stderr, o->mode);
    return CLI_EXIT_USAGE;
}

static int parse_ull(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_seconds(const char *s, double *out)
{
    char *end;
    double v;
    if (!s || !*s)
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || !(v >= 0) || v > 4294967.0)
        return -1;
    *out = v;
    return 0;
}

/* One more broker for the list (-h, -L): the first is also o->host. */
static int add_broker(cli_opts *o, const char *flag, const char *host, unsigned port)
{
    if (o->nhosts == CLI_MAX_BROKERS)
        return usage_error(o, "%s: at most %d brokers", flag, CLI_MAX_BROKERS);
    if (!o->nhosts)
        o->host = host;
    o->hosts[o->nhosts] = host;
    o->host_ports[o->nhosts++] = port;
    return 0;
}

/* -h HOST, HOST:PORT or [V6]:PORT (a bare IPv6 address has several colons
 * and no port). Cut in place. */
static int parse_host(cli_opts *o, const char *flag, char *v)
{
    char *colon = NULL;
    unsigned long long port = 0;
    if (*v == '[') {
        char *close = strchr(v, ']');
        if (!close || (close[1] && close[1] != ':'))
            return usage_error(o, "%s: expected HOST, HOST:PORT or [IPv6]:PORT, got '%s'", flag, v);
        *close = 0;
        colon = close[1] == ':' ? close + 1 : NULL;
        v++;
    } else if ((colon = strchr(v, ':')) && strchr(colon + 1, ':')) {
        colon = NULL; /* a bare IPv6 address */
    }
    if (colon) {
        *colon = 0;
        if (parse_ull(colon + 1, 65535, &port) || port == 0)
            return usage_error(o, "%s: bad port '%s'", flag, colon + 1);
    }
    if (!*v)
        return usage_error(o, "%s: no host", flag);
    return add_broker(o, flag, v, (unsigned)port);
}

/* ws[s]://[user[:pass]@]host[:port][/path]: the path is the WebSocket
 * request path (the topic comes with -t). Returns the host part, cut. */
static char *parse_ws_url(cli_opts *o, char *url)
{
    char *p = url + (url[2] == 's' ? 6 : 5), *slash = strchr(p, '/');
    o->ws = 1;
    if (url[2] == 's')
        o->tls = 1;
    if (slash) {
        if (strlen(slash) >= sizeof(o->ws_path_buf) || !ws_path_valid(slash))
            return NULL;
        strcpy(o->ws_path_buf, slash);
        o->ws_path = o->ws_path_buf;
        *slash = 0;
    }
    return p;
}

/* mqtt[s]://[user[:pass]@]host[:port]/topic; host may be [v6]. The pieces
 * are cut out of the (writable) argument in place. */
static int parse_url(cli_opts *o, char *url)
{
    char *p, *at, *slash, *host, *colon;
    unsigned long long port;
    if (strncmp(url, "ws://", 5) == 0 || strncmp(url, "wss://", 6) == 0) {
        if (!(p = parse_ws_url(o, url)))
            return usage_error(o, "-L: bad WebSocket path (it goes on the HTTP request line: "
                                  "visible ASCII, no spaces)");
    } else {
        if (strncmp(url, "mqtts://", 8) == 0) {
            o->tls = 1;
            p = url + 8;
        } else if (strncmp(url, "mqtt://", 7) == 0) {
            p = url + 7;
        } else {
            return usage_error(o, "-L: URL must start with mqtt:// or mqtts:// (or ws://, wss:// for WebSocket)");
        }
        slash = strchr(p, '/');
        if (!slash || !slash[1])
            return usage_error(o, "-L: URL must name a topic: mqtt://host[:port]/topic");
        *slash = 0;
        /* Several -L are one broker list: they share their topic. */
        if (o->url_topic && strcmp(o->url_topic, slash + 1))
            return usage_error(o, "-L: every URL of the broker list must name the same topic "
                                  "('%s', not '%s')", o->url_topic, slash + 1);
        if (!o->url_topic)
            o->topics[o->ntopics++] = o->url_topic = slash + 1;
    }
    at = strrchr(p, '@');
    if (at) {
        *at = 0;
        colon = strchr(p, ':');
        if (colon) {
            *colon = 0;
            o->password = colon + 1;
        }
        o->username = p;
        p = at + 1;
    }
    host = p;
    if (*host == '[') {
        char *close = strchr(host, ']');
        if (!close)
            return usage_error(o, "-L: unterminated [IPv6 address]");
        *close = 0;
        colon = close[1] == ':' ? close + 1 : NULL;
        host++;
    } else {
        colon = strchr(host, ':');
    }
    port = 0;
    if (colon) {
        *colon = 0;
        if (parse_ull(colon + 1, 65535, &port) || port == 0)
            return usage_error(o, "-L: bad port");
        if (!o->nhosts) { /* the first broker's port is the default, as before lists */
            o->port = (unsigned)port;
            o->port_given = 1;
        }
    }
    if (!*host)
        return usage_error(o, "-L: no host");
    return add_broker(o, "-L", host, (unsigned)port);
}

static int parse_version(cli_opts *o, const char *v)
{
    if (!strcmp(v, "mqttv311") || !strcmp(v, "311") || !strcmp(v, "v311"))
        o->protocol = MQC_V311;
    else if (!strcmp(v, "mqttv5") || !strcmp(v, "5") || !strcmp(v, "v5"))
        o->protocol = MQC_V5;
    else if (!strcmp(v, "mqttv31") || !strcmp(v, "31") || !strcmp(v, "v31"))
        o->protocol = MQC_V31;
    else
        return usage_error(o, "-V: unknown protocol version '%s' (mqttv31, 31, mqttv311, 311, mqttv5, 5)", v);
    return 0;
}

static int parse_expiry(cli_opts *o, const char *v)
{
    unsigned long long x;
    if (!strcmp(v, "-1") || !strcmp(v, "\xe2\x88\x9e")) { /* "∞" */
        o->session_expiry = 0xFFFFFFFFll;
        return 0;
    }
    if (parse_ull(v, 0xFFFFFFFFull, &x))
        return usage_error(o, "-x: expected 0-4294967295, -1 or \xe2\x88\x9e, got '%s'", v);
    o->session_expiry = (long long)x;
    return 0;
}

/* --psk: the key in hex, as mosquitto takes it. */
static int parse_psk(cli_opts *o, const char *v)
{
    size_t i, n = strlen(v);
    if (n == 0 || n % 2 || n / 2 > sizeof(o->psk))
        return usage_error(o, "--psk: expected an even number of hex digits (at most %zu), got '%s'",
                           2 * sizeof(o->psk), v);
    for (i = 0; i < n; i += 2) {
        char pair[3] = {v[i], v[i + 1], 0}, *end;
        unsigned long b = strtoul(pair, &end, 16);
        if (*end || pair[0] == '+' || pair[0] == '-' || pair[0] == ' ')
            return usage_error(o, "--psk: '%s' is not hex", v);
        o->psk[i / 2] = (uint8_t)b;
    }
    o->psk_len = n / 2;
    return 0;
}

static int parse_tls_version(cli_opts *o, const char *v)
{
    if (!strcmp(v, "tlsv1.2"))
        o->tls_min_version = MQC_TLS_1_2;
    else if (!strcmp(v, "tlsv1.3"))
        o->tls_min_version = MQC_TLS_1_3;
    else if (!strcmp(v, "tlsv1.1") || !strcmp(v, "tlsv1"))
        return usage_error(o, "--tls-version: %s is too old (tlsv1.2 or tlsv1.3)", v);
    else
        return usage_error(o, "--tls-version: expected tlsv1.2 or tlsv1.3, got '%s'", v);
    return 0;
}

/* mosquitto's rules for the TLS flags, then the port default. */
static int finish_tls(cli_opts *o)
{
    if (o->cafile || o->capath || o->cert || o->psk_len || o->use_os_certs)
        o->tls = 1;
    if (!o->tls && (o->tls_modifier || o->key || o->psk_identity))
        return usage_error(o, "--insecure, --key, --tls-version, --tls-alpn and --psk-identity "
                              "need TLS: --cafile, --capath, --tls-use-os-certs, --cert, --psk "
                              "or -L mqtts://");
    if (!o->cert != !o->key)
        return usage_error(o, "--cert and --key must be given together");
    if (o->key_password && !o->key)
        return usage_error(o, "--key-password needs --key");
    if (o->psk_len && !o->psk_identity)
        return usage_error(o, "--psk needs --psk-identity");
    if (o->psk_identity && !o->psk_len)
        return usage_error(o, "--psk-identity needs --psk");
    if (o->psk_len && (o->cafile || o->capath || o->cert))
        return usage_error(o, "--psk cannot be used with --cafile, --capath or --cert");
    if (o->tls && !o->port_given)
        o->port = 8883;
    return 0;
}

static void defaults(cli_opts *o, cli_mode mode)
{
    memset(o, 0, sizeof(*o));
    o->mode = mode;
    o->prog = mode == CLI_PUB ? "mqc pub" : mode == CLI_SUB ? "mqc sub" : "mqc rr";
    o->host = "localhost";
    o->port = 1883;
    /* mosquitto_rr's default: request/response is MQTT 5. */
    o->protocol = mode == CLI_RR ? MQC_V5 : MQC_V311;
    o->keepalive = 60;
    o->session_expiry = -1;
    o->reconnect_min = 1;
    o->reconnect_max = 30;
    o->connect_timeout = 10;
    o->repeat = 1;
}

/* Cross-checks once every flag is known (mosquitto's rules where it has them). */
static int finish(cli_opts *o)
{
    int sources = (o->message != NULL) + (o->file != NULL) + o->stdin_lines +
                  o->stdin_whole + o->null_message;
    if (o->ntopics == 0)
        return usage_error(o, o->ws ? "a topic is required (-t: a ws:// URL's path is the WebSocket path)"
                                    : "a topic is required (-t or -L)");
    if (finish_tls(o))
        return CLI_EXIT_USAGE;
    /* WebSocket's own ports, as in a browser's ws:// and wss:// URLs. */
    if (o->ws && !o->port_given)
        o->port = o->tls ? 443 : 80;
    if (o->mode == CLI_RR) {
        if (!o->response_topic)
            return usage_error(o, "a response topic is required (-e)");
        if (o->protocol != MQC_V5)
            return usage_error(o, "request/response needs MQTT v5 (-V mqttv5, the default): "
                                  "3.1.1 has no response topic");
        if (sources == 0)
            return usage_error(o, "a request is required: -m, -f, -s or -n");
    }
    if (o->mode != CLI_SUB) {
        if (o->ntopics > 1)
            return usage_error(o, "only one topic (-t) can be published to");
        if (sources == 0)
            return usage_error(o, "a message source is required: -m, -f, -l, -s or -n");
        if (sources > 1)
            return usage_error(o, "only one of -m, -f, -l, -s, -n may be given");
        if (o->repeat == 0)
            return usage_error(o, "--repeat must be at least 1");
    }
    if (o->persistent && !o->id && !o->id_prefix)
        return usage_error(o, "-c needs a client id (-i or -I)");
    if (o->id && o->id_prefix)
        return usage_error(o, "-i and -I cannot be used together");
    if (o->protocol != MQC_V5) {
        if (o->any_props)
            return usage_error(o, "-D properties need MQTT v5 (-V mqttv5)");
        if (o->session_expiry >= 0)
            return usage_error(o, "-x needs MQTT v5 (-V mqttv5)");
    }
    if (o->protocol != MQC_V5 && (o->no_local || o->rap || o->retain_handling))
        return usage_error(o, "--no-local, --retain-as-published and --retain-handling are "
                              "MQTT v5 subscription options (-V mqttv5)");
    if (o->unix_path && o->ws)
        return usage_error(o, "--unix cannot be used with WebSocket");
    if (o->password && !o->username && o->protocol != MQC_V5)
        return usage_error(o, "-P needs -u in MQTT 3.1 and 3.1.1");
    if ((o->will_payload || o->will_qos || o->will_retain) && !o->will_topic)
        return usage_error(o, "--will-payload/--will-qos/--will-retain need --will-topic");
    if (o->reconnect_min > o->reconnect_max)
        return usage_error(o, "--reconnect-min must not exceed --reconnect-max");
    if (o->store_dir && !o->id)
        return usage_error(o, "--store needs -i: the store belongs to one client id");
    if (o->output && !o->store_dir)
        return usage_error(o, "--output needs --store (the store keeps the output offset)");
    if (o->store_dir)
        o->persistent = 1; /* the point of a durable session is to resume it */
    if (o->id_prefix) {
        snprintf(o->id_buf, sizeof(o->id_buf), "%s%ld", o->id_prefix, (long)getpid());
        o->id = o->id_buf;
    } else if (!o->id) {
        snprintf(o->id_buf, sizeof(o->id_buf), "mqc_%s_%ld",
                 o->mode == CLI_PUB ? "pub" : o->mode == CLI_SUB ? "sub" : "rr",
                 (long)getpid());
        o->id = o->id_buf;
    }
    if (strlen(o->id) > 65535)
        return usage_error(o, "client id too long");
    if (o->protocol == MQC_V31 && (!*o->id || strlen(o->id) > 23))
        return usage_error(o, "-i: MQTT 3.1 client ids are 1 to 23 bytes");
    if (o->format && cli_format_check(o))
        return CLI_EXIT_USAGE;
    return 0;
}

#define NEED_ARG()                                                        \
    do {                                                                  \
        if (i + 1 >= argc)                                                \
            return usage_error(o, "option %s needs an argument", a);      \
        v = argv[++i];                                                    \
    } while (0)

#define NUM_ARG(dst, max, what)                                           \
    do {                                                                  \
        unsigned long long n_;                                            \
        NEED_ARG();                                                       \
        if (parse_ull(v, (max), &n_))                                     \
            return usage_error(o, "%s: expected %s, got '%s'", a, (what), v); \
        (dst) = n_;                                                       \
    } while (0)

#define SECONDS_ARG(dst)                                                  \
    do {                                                                  \
        NEED_ARG();                                                       \
        if (parse_seconds(v, &(dst)))                                     \
            return usage_error(o, "%s: expected seconds, got '%s'", a, v); \
    } while (0)

static int add_topic(cli_opts *o, const char **list, size_t *n, const char *t, const char *a)
{
    if (*n >= CLI_MAX_TOPICS)
        return usage_error(o, "%s: at most %d", a, CLI_MAX_TOPICS);
    if (!*t)
        return usage_error(o, "%s: empty topic", a);
    list[(*n)++] = t;
    return 0;
}

/* Options of mosquitto's clients that mqc does not have: a usage error
 * that says so, not "unknown option". */
static const char *const unsupported[] = {
    "--ciphers", "--proxy", "--tls-engine", "--tls-engine-kpass-sha1", NULL};

static int parse_args(cli_opts *o, cli_mode mode, int argc, char **argv)
{
    int i, rv;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int pub = mode == CLI_PUB, sub = mode == CLI_SUB, rr = mode == CLI_RR;
        size_t k;
        for (k = 0; unsupported[k]; k++)
            if (!strcmp(a, unsupported[k]))
                return usage_error(o, "%s is not supported by mqc (mqc's TLS uses its "
                                      "library's defaults; no SOCKS proxy, no engines)", a);
        unsigned long long n;
        /* Both exit 1, as mosquitto_pub/sub do. */
        if (!strcmp(a, "--help")) {
            cli_usage(stdout, mode);
            return CLI_EXIT_USAGE;
        } else if (!strcmp(a, "--version")) {
            printf("%s version %s\n", o->prog, MQC_VERSION_STRING);
            return CLI_EXIT_USAGE;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--host")) {
            NEED_ARG();
            if ((rv = parse_host(o, a, argv[i])))
                return rv;
        } else if (!strcmp(a, "-p") || !strcmp(a, "--port")) {
            NUM_ARG(n, 65535, "a port 1-65535");
            if (n == 0)
                return usage_error(o, "-p: port 0");
            o->port = (unsigned)n;
            o->port_given = 1;
        } else if (!strcmp(a, "-t") || !strcmp(a, "--topic")) {
            NEED_ARG();
            if ((rv = add_topic(o, o->topics, &o->ntopics, v, a)))
                return rv;
        } else if (!strcmp(a, "-L") || !strcmp(a, "--url")) {
            NEED_ARG();
            if ((rv = parse_url(o, argv[i])))
                return rv;
        } else if (!strcmp(a, "--ws-path")) {
            NEED_ARG();
            if (!ws_path_valid(v))
                return usage_error(o, "--ws-path: expected /PATH (visible ASCII, no spaces), got '%s'", v);
            o->ws = 1;
            o->ws_path = v;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--qos")) {
            NUM_ARG(o->qos, 2, "0, 1 or 2");
        } else if (!strcmp(a, "-i") || !strcmp(a, "--id")) {
            NEED_ARG();
            o->id = v;
        } else if (!strcmp(a, "-I") || !strcmp(a, "--id-prefix")) {
            NEED_ARG();
            o->id_prefix = v;
        } else if (!strcmp(a, "-k") || !strcmp(a, "--keepalive")) {
            NUM_ARG(o->keepalive, 65535, "seconds 0-65535");
        } else if (!strcmp(a, "-c") || !strcmp(a, "--disable-clean-session")) {
            o->persistent = 1;
        } else if (!strcmp(a, "-x") || !strcmp(a, "--session-expiry-interval")) {
            NEED_ARG();
            if ((rv = parse_expiry(o, v)))
                return rv;
        } else if (!strcmp(a, "-u") || !strcmp(a, "--username")) {
            NEED_ARG();
            o->username = v;
        } else if (!strcmp(a, "-P") || !strcmp(a, "--pw")) {
            NEED_ARG();
            o->password = v;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--protocol-version")) {
            NEED_ARG();
            if ((rv = parse_version(o, v)))
                return rv;
        } else if (!strcmp(a, "-M") || !strcmp(a, "--max-inflight")) {
            NUM_ARG(o->max_inflight, 65535, "1-65535");
            if (o->max_inflight == 0)
                return usage_error(o, "%s: must be at least 1", a);
        } else if (!strcmp(a, "-d") || !strcmp(a, "--debug")) {
            o->debug = 1;
        } else if (!strcmp(a, "--quiet")) {
            o->quiet = 1;
        } else if (!strcmp(a, "--nodelay")) {
            /* TCP_NODELAY is always on. */
        } else if (!strcmp(a, "--unix")) {
            NEED_ARG();
            if (!*v)
                return usage_error(o, "--unix: empty path");
            o->unix_path = v;
        } else if (!strcmp(a, "-A")) {
            NEED_ARG();
            if (!*v)
                return usage_error(o, "-A: empty address");
            o->bind_address = v;
        } else if (!strcmp(a, "-o")) {
            i++; /* the options file: read by cli_parse before everything else */
        } else if (!strcmp(a, "--will-topic")) {
            NEED_ARG();
            o->will_topic = v;
        } else if (!strcmp(a, "--will-payload")) {
            NEED_ARG();
            o->will_payload = v;
        } else if (!strcmp(a, "--will-qos")) {
            NUM_ARG(o->will_qos, 2, "0, 1 or 2");
        } else if (!strcmp(a, "--will-retain")) {
            o->will_retain = 1;
        } else if (!strcmp(a, "-D") || !strcmp(a, "--property")) {
            if ((rv = cli_parse_property(o, argc, argv, &i)))
                return rv;
        } else if (!strcmp(a, "--retry-interval")) {
            SECONDS_ARG(o->retry_interval);
        } else if (!strcmp(a, "--max-retries")) {
            NUM_ARG(o->max_retries, 65534, "a count 0-65534");
        } else if (!strcmp(a, "--reconnect-min")) {
            SECONDS_ARG(o->reconnect_min);
        } else if (!strcmp(a, "--reconnect-max")) {
            SECONDS_ARG(o->reconnect_max);
        } else if (!strcmp(a, "--connect-timeout")) {
            SECONDS_ARG(o->connect_timeout);
        } else if (!strcmp(a, "--max-packet")) {
            NUM_ARG(o->max_packet, 268435460ull, "bytes");
            if (o->max_packet < 16)
                return usage_error(o, "%s: too small", a);
        } else if (!strcmp(a, "--cafile")) {
            NEED_ARG();
            o->cafile = v;
        } else if (!strcmp(a, "--capath")) {
            NEED_ARG();
            o->capath = v;
        } else if (!strcmp(a, "--cert")) {
            NEED_ARG();
            o->cert = v;
        } else if (!strcmp(a, "--key")) {
            NEED_ARG();
            o->key = v;
        } else if (!strcmp(a, "--key-password")) {
            NEED_ARG();
            o->key_password = v;
        } else if (!strcmp(a, "--keyform")) {
            NEED_ARG();
            if (strcmp(v, "pem"))
                return usage_error(o, "--keyform: only pem is supported (no TLS engines), got '%s'", v);
        } else if (!strcmp(a, "--insecure")) {
            o->insecure = 1;
            o->tls_modifier = 1;
        } else if (!strcmp(a, "--tls-use-os-certs")) {
            o->use_os_certs = 1;
        } else if (!strcmp(a, "--tls-version")) {
            NEED_ARG();
            if ((rv = parse_tls_version(o, v)))
                return rv;
            o->tls_modifier = 1;
        } else if (!strcmp(a, "--tls-alpn")) {
            NEED_ARG();
            if (!*v)
                return usage_error(o, "--tls-alpn: empty protocol name");
            o->alpn = v;
            o->tls_modifier = 1;
        } else if (!strcmp(a, "--psk")) {
            NEED_ARG();
            if ((rv = parse_psk(o, v)))
                return rv;
        } else if (!strcmp(a, "--psk-identity")) {
            NEED_ARG();
            if (!*v)
                return usage_error(o, "--psk-identity: empty identity");
            o->psk_identity = v;
        } else if (!strcmp(a, "--store")) {
            NEED_ARG();
            o->store_dir = v;
        } else if (!strcmp(a, "--store-repair")) {
            o->store_repair = 1;
        } else if (!strcmp(a, "--sync")) {
            NEED_ARG();
            if (!strcmp(v, "always"))
                o->sync = MQC_SYNC_ALWAYS;
            else if (!strcmp(v, "batch"))
                o->sync = MQC_SYNC_BATCH;
            else if (!strcmp(v, "never"))
                o->sync = MQC_SYNC_NEVER;
            else
                return usage_error(o, "--sync: expected always, batch or never, got '%s'", v);
        } else if (sub && !strcmp(a, "--output")) {
            NEED_ARG();
            o->output = v;
        } else if ((pub || rr) && (!strcmp(a, "-m") || !strcmp(a, "--message"))) {
            NEED_ARG();
            o->message = v;
        } else if ((pub || rr) && (!strcmp(a, "-f") || !strcmp(a, "--file"))) {
            NEED_ARG();
            o->file = v;
        } else if (pub && (!strcmp(a, "-l") || !strcmp(a, "--stdin-line"))) {
            o->stdin_lines = 1;
        } else if ((pub || rr) && (!strcmp(a, "-s") || !strcmp(a, "--stdin-file"))) {
            o->stdin_whole = 1;
        } else if ((pub || rr) && (!strcmp(a, "-n") || !strcmp(a, "--null-message"))) {
            o->null_message = 1;
        } else if (rr && !strcmp(a, "-e")) {
            NEED_ARG();
            if (!*v)
                return usage_error(o, "-e: empty response topic");
            o->response_topic = v;
        } else if (pub && (!strcmp(a, "-r") || !strcmp(a, "--retain"))) {
            o->retain = 1;
        } else if (pub && !strcmp(a, "--repeat")) {
            NUM_ARG(o->repeat, 1000000000ull, "a count");
            if (o->repeat == 0)
                return usage_error(o, "--repeat must be at least 1");
        } else if (pub && !strcmp(a, "--repeat-delay")) {
            SECONDS_ARG(o->repeat_delay);
        } else if (sub && (!strcmp(a, "-C") || !strcmp(a, "--count"))) {
            NUM_ARG(o->count, 1000000000000ull, "a count");
        } else if ((sub || rr) && (!strcmp(a, "-v") || !strcmp(a, "--verbose"))) {
            o->verbose = 1;
        } else if ((sub || rr) && !strcmp(a, "-N")) {
            o->no_eol = 1;
        } else if ((sub || rr) && (!strcmp(a, "-R") || !strcmp(a, "--no-retained"))) {
            o->no_retained = 1;
        } else if (sub && !strcmp(a, "-E")) {
            o->exit_after_sub = 1;
        } else if ((sub || rr) && (!strcmp(a, "-W") || !strcmp(a, "--timeout"))) {
            SECONDS_ARG(o->wait_timeout);
        } else if ((sub || rr) && !strcmp(a, "--pretty")) {
            o->pretty = 1;
        } else if (sub && !strcmp(a, "--retained-only")) {
            o->retained_only = 1;
        } else if (sub && !strcmp(a, "--remove-retained")) {
            o->remove_retained = 1;
        } else if (sub && !strcmp(a, "--random-filter")) {
            char *end;
            NEED_ARG();
            o->random_filter = strtod(v, &end);
            /* mosquitto's range (above 100: everything, as there) */
            if (*end || end == v || !(o->random_filter >= 0.1))
                return usage_error(o, "--random-filter: chance must be between 0.1 and 100.0, "
                                      "got '%s'", v);
        } else if (sub && (!strcmp(a, "--retain-as-published") || !strcmp(a, "--rap"))) {
            o->rap = 1;
        } else if (sub && (!strcmp(a, "--no-local") || !strcmp(a, "--nl"))) {
            o->no_local = 1;
        } else if (sub && !strcmp(a, "--retain-handling")) {
            NUM_ARG(o->retain_handling, 2, "0, 1 or 2");
        } else if (sub && (!strcmp(a, "-T") || !strcmp(a, "--filter-out"))) {
            NEED_ARG();
            if ((rv = add_topic(o, o->filter_out, &o->nfilter_out, v, a)))
                return rv;
        } else if (sub && (!strcmp(a, "-U") || !strcmp(a, "--unsubscribe"))) {
            NEED_ARG();
            if ((rv = add_topic(o, o->unsub, &o->nunsub, v, a)))
                return rv;
        } else if ((sub || rr) && (!strcmp(a, "-F") || !strcmp(a, "--format"))) {
            NEED_ARG();
            o->format = v;
        } else {
            return usage_error(o, "unknown option '%s'", a);
        }
    }
    return 0;
}

int cli_parse(cli_opts *o, cli_mode mode, int argc, char **argv)
{
    int n = 0, rv;
    char **file_args = NULL;
    defaults(o, mode);
    rv = cli_config_load(o, argc, argv, &file_args, &n);
    if (rv)
        return rv;
    if (n && (rv = parse_args(o, mode, n, file_args)))
        return rv;
    if ((rv = parse_args(o, mode, argc, argv)))
        return rv;
    return finish(o);
}

void cli_client_opts(const cli_opts *o, mqc_client_opts *co, mqc_bytes *pw_store)
{
    static mqc_broker list[CLI_MAX_BROKERS]; /* copied by mqc_client_new() */
    mqc_session_opts *so = &co->session;
    size_t i;
    mqc_client_opts_default(co);
    co->host = o->host;
    co->port = (uint16_t)o->port;
    for (i = 0; i < o->nhosts; i++) {
        list[i].host = o->hosts[i];
        list[i].port = (uint16_t)o->host_ports[i]; /* 0: co->port */
    }
    co->brokers = o->nhosts ? list : NULL;
    co->nbrokers = o->nhosts;
    /* A 5.0 server that sends us elsewhere (0x9C, 0x9D) is followed. */
    co->follow_redirects = 1;
    co->local.bind_address = o->bind_address;
    co->local.unix_path = o->unix_path;
    co->ws.enable = (uint8_t)o->ws;
    co->ws.path = o->ws_path;
    co->connect_timeout_ms = (uint32_t)(o->connect_timeout * 1000.0);
    co->reconnect_min_ms = (uint32_t)(o->reconnect_min * 1000.0);
    co->reconnect_max_ms = (uint32_t)(o->reconnect_max * 1000.0);
    /* Like mosquitto: a broker that is not there at all is an error. */
    co->retry_first_connect = 0;
    so->protocol = o->protocol;
    so->client_id.ptr = o->id;
    so->client_id.len = strlen(o->id);
    so->keep_alive = (uint16_t)o->keepalive;
    so->clean = o->persistent ? 0 : 1;
    if (o->protocol == MQC_V5) {
        if (o->session_expiry >= 0)
            so->session_expiry = (uint32_t)o->session_expiry;
        else if (o->has_connect_session_expiry)
            so->session_expiry = o->connect_session_expiry;
        else
            so->session_expiry = o->persistent ? 0xFFFFFFFFu : 0;
        so->connect_props = cli_props_get(o, CLI_PROP_CONNECT);
    }
    /* Announce (5.0) and pace at 65535 unless -D connect receive-maximum:
     * Mosquitto 2.0.11 with a small 5.0 Receive Maximum sometimes goes over
     * it and sometimes stops sending for good (measured: a QoS 1 subscriber
     * with 64, everything acked, nothing more came). The session's inbound
     * set grows on demand, so the large value costs nothing until used. */
    so->receive_max = 65535;
    if (o->protocol == MQC_V5 && o->receive_max)
        so->receive_max = o->receive_max;
    so->username = o->username;
    if (o->password) {
        pw_store->ptr = (const uint8_t *)o->password;
        pw_store->len = strlen(o->password);
        so->password = pw_store;
    }
    if (o->will_topic) {
        so->will.topic = o->will_topic;
        so->will.payload.ptr = (const uint8_t *)(o->will_payload ? o->will_payload : "");
        so->will.payload.len = o->will_payload ? strlen(o->will_payload) : 0;
        so->will.qos = (uint8_t)o->will_qos;
        so->will.retain = (uint8_t)o->will_retain;
        so->will.props = cli_props_get(o, CLI_PROP_WILL);
    }
    if (o->max_inflight)
        so->max_inflight = (uint16_t)o->max_inflight;
    if (o->max_packet)
        so->max_packet_in = (uint32_t)o->max_packet;
    if (o->max_packet_prop)
        so->max_packet_in = o->max_packet_prop;
    /* 5.0 forbids resending on a live connection: there the same flag means
     * "no ack this long: reconnect and resend". */
    if (o->retry_interval > 0 && o->protocol != MQC_V5)
        so->retry_interval_ms = (uint32_t)(o->retry_interval * 1000.0);
    else if (o->retry_interval > 0)
        so->ack_timeout_ms = (uint32_t)(o->retry_interval * 1000.0);
    if (o->max_retries)
        so->max_attempts = (uint16_t)(o->max_retries + 1);
    if (o->tls) {
        co->tls.enable = 1;
        co->tls.ca_file = o->cafile;
        co->tls.ca_path = o->capath;
        co->tls.use_os_certs = (uint8_t)o->use_os_certs;
        co->tls.cert_file = o->cert;
        co->tls.key_file = o->key;
        co->tls.key_password = o->key_password;
        co->tls.insecure = (uint8_t)o->insecure;
        co->tls.alpn = o->alpn;
        if (o->tls_min_version)
            co->tls.min_version = o->tls_min_version;
        if (o->psk_len) {
            co->tls.psk = o->psk;
            co->tls.psk_len = o->psk_len;
            co->tls.psk_identity = o->psk_identity;
        }
    }
}
