/* The mqc command: options shared by its subcommands, and the helpers
 * (argument parsing, properties, tracing, output format, event loop). */
#ifndef MQC_TOOLS_CLI_H
#define MQC_TOOLS_CLI_H

#include <stdio.h>

#include "mqc.h"

/* Exit status, as mosquitto_pub/sub 2.0 give it where they have the case.
 * mosquitto also returns a CONNACK refusal's code (1-5 in 3.1/3.1.1,
 * 128-162 in 5.0) and libmosquitto error numbers (0-31, e.g. 7 connection
 * lost, 27 timeout), so mqc's own codes start at 40. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_ERROR 1         /* any error, cannot connect, name lookup failed */
#define CLI_EXIT_USAGE 1         /* bad arguments; pub/sub --help and --version */
#define CLI_EXIT_TIMEOUT 27      /* sub/rr -W expired */
#define CLI_EXIT_UNACKED 40      /* pub stopped by SIGINT/SIGTERM before every message
                                  * was published and acknowledged */
#define CLI_EXIT_FAILED 41       /* pub: a message failed (rejected, out of retries) */
#define CLI_EXIT_STORE 42        /* --store cannot be opened, read or written */

#define CLI_MAX_TOPICS 64
#define CLI_MAX_USER_PROPS 32

/* Which packet a -D property goes into. */
typedef enum cli_prop_cmd {
    CLI_PROP_CONNECT = 0,
    CLI_PROP_PUBLISH,
    CLI_PROP_SUBSCRIBE,
    CLI_PROP_UNSUBSCRIBE,
    CLI_PROP_DISCONNECT,
    CLI_PROP_WILL,
    CLI_PROP_COUNT
} cli_prop_cmd;

typedef struct cli_props {
    mqc_props props;
    mqc_user_prop users[CLI_MAX_USER_PROPS];
    int used;                    /* anything set: pass props, else NULL */
} cli_props;

/* rr: mosquitto_rr's request/response (publish, then wait for one answer). */
typedef enum cli_mode { CLI_PUB, CLI_SUB, CLI_RR } cli_mode;

typedef struct cli_opts {
    cli_mode mode;
    const char *prog;            /* "mqc pub" / "mqc sub" / "mqc rr" for messages */
    const char *config_file;     /* the default options file read (or -o), or NULL */

    /* connection */
    const char *host;            /* the first broker (messages, the store's identity) */
    unsigned port;
    /* Every -h and -L in order: the broker list (a port of 0: -p or the default). */
#define CLI_MAX_BROKERS 16
    const char *hosts[CLI_MAX_BROKERS];
    unsigned host_ports[CLI_MAX_BROKERS];
    size_t nhosts;
    const char *url_topic;       /* the topic of the first -L */
    int ws;                      /* MQTT over WebSocket: -L ws[s]:// or --ws-path */
    const char *ws_path;         /* NULL = the library's default, /mqtt */
    char ws_path_buf[1024];      /* the path cut out of -L ws[s]:// */
    const char *unix_path;       /* --unix: AF_UNIX socket instead of host:port */
    const char *bind_address;    /* -A */
    mqc_protocol protocol;
    const char *id;
    const char *id_prefix;
    char id_buf[128];
    unsigned keepalive;
    int persistent;              /* -c */
    long long session_expiry;    /* -x; -1 = not given */
    const char *username;
    const char *password;
    unsigned max_inflight;       /* 0 = library default */
    unsigned long max_packet;    /* 0 = library default */
    double retry_interval;       /* seconds; 0 = off */
    unsigned max_retries;        /* 0 = unlimited */
    double reconnect_min;        /* seconds */
    double reconnect_max;
    double connect_timeout;
    int debug;
    int quiet;
    const char *store_dir;       /* --store: durable session */
    mqc_sync_policy sync;        /* --sync */
    int store_repair;            /* --store-repair */

    /* TLS (mosquitto_pub/sub flags) */
    int tls;                     /* on: --cafile, --capath, --cert, --psk, --tls-use-os-certs
                                  * or mqtts:// */
    int port_given;              /* -p or a port in -L: else 8883 with TLS */
    const char *cafile;
    const char *capath;
    const char *cert;
    const char *key;
    const char *key_password;    /* --key-password (mqc's own: mosquitto would prompt) */
    int insecure;
    int use_os_certs;
    uint16_t tls_min_version;    /* --tls-version; 0 = library default (1.2) */
    const char *alpn;
    const char *psk_identity;
    uint8_t psk[64];
    size_t psk_len;              /* 0 = no --psk */
    int tls_modifier;            /* a flag that needs TLS on was given */

    /* will */
    const char *will_topic;
    const char *will_payload;
    unsigned will_qos;
    int will_retain;

    cli_props props[CLI_PROP_COUNT];
    int any_props;
    uint32_t connect_session_expiry; /* -D connect session-expiry-interval */
    int has_connect_session_expiry;
    uint16_t receive_max;        /* -D connect receive-maximum; 0 = default */
    uint32_t max_packet_prop;    /* -D connect maximum-packet-size */
    uint32_t disconnect_expiry;  /* -D disconnect session-expiry-interval */
    int has_disconnect_expiry;

    /* topics: pub uses the first */
    const char *topics[CLI_MAX_TOPICS];
    size_t ntopics;
    unsigned qos;
    int retain;

    /* pub */
    const char *message;
    const char *file;
    int stdin_lines;             /* -l */
    int stdin_whole;             /* -s */
    int null_message;            /* -n */
    unsigned long repeat;        /* --repeat */
    double repeat_delay;

    /* sub */
    long long count;             /* -C; 0 = no limit */
    int verbose;                 /* -v */
    int no_eol;                  /* -N */
    int no_retained;             /* -R */
    int exit_after_sub;          /* -E */
    double wait_timeout;         /* -W; 0 = none */
    const char *filter_out[CLI_MAX_TOPICS];
    size_t nfilter_out;
    const char *unsub[CLI_MAX_TOPICS];
    size_t nunsub;
    const char *format;          /* -F */
    int pretty;                  /* --pretty: %j/%J indented */
    int retained_only;           /* --retained-only */
    int remove_retained;         /* --remove-retained */
    double random_filter;        /* --random-filter percent; 0 = off (print all) */
    int no_local;                /* --no-local (mqc's; 5.0) */
    int rap;                     /* --retain-as-published (5.0) */
    int retain_handling;         /* --retain-handling (mqc's; 5.0); 0 = default */

    /* rr */
    const char *response_topic;  /* -e */
    const char *output;          /* --output: exactly-once sink (with --store) */
} cli_opts;

/* args.c: fills *o from the default options file (or -o FILE) and then
 * argv (after the subcommand). Returns 0, or an exit code (CLI_EXIT_USAGE
 * after printing why and the usage, or after --help or --version:
 * mosquitto_pub/sub exit 1 there too). */
int cli_parse(cli_opts *o, cli_mode mode, int argc, char **argv);
/* config.c: the options of the default options file, or of -o FILE
 * (*out, *n; none when there is no file). Returns 0 or CLI_EXIT_USAGE. */
int cli_config_load(cli_opts *o, int argc, char **argv, char ***out, int *n);
/* Client options from the parsed command line. */
void cli_client_opts(const cli_opts *o, mqc_client_opts *co, mqc_bytes *pw_store);
/* props.c: handles "-D command identifier value [value]" at argv[*i]. */
int cli_parse_property(cli_opts *o, int argc, char **argv, int *i);
const mqc_props *cli_props_get(const cli_opts *o, cli_prop_cmd cmd);
/* -D disconnect session-expiry-interval, given to the new client's session.
 * Returns 0, or -1 after saying why. */
int cli_apply_disconnect_props(const cli_opts *o, mqc_client *c);
/* usage.c */
void cli_usage(FILE *f, cli_mode mode);
void cli_usage_main(FILE *f);
/* trace.c: -d output and runtime notes. */
void cli_trace_packet(const cli_opts *o, int outgoing, const mqc_packet *pkt);
void cli_log(const cli_opts *o, const char *msg);
/* The last runtime note (e.g. why a connect failed), for error messages. */
extern char cli_last_note[320];
/* Errors go to stderr unless --quiet. */
void cli_err(const cli_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* report.c */
/* detail: mqc_client_error_detail() ("certificate has expired"), or NULL. */
void cli_report_connect_failed(const cli_opts *o, int err, const mqc_connack_info *info,
                               int will_retry, const char *detail);
void cli_report_lost(const cli_opts *o, int err, int will_retry, const char *detail);
/* The exit status for a run that stopped with err (0 = none): a final
 * refusal's CONNACK code (as mosquitto), CLI_EXIT_STORE for store errors,
 * else CLI_EXIT_ERROR; 0 for 0. */
int cli_exit_status(int err);
/* The error of the last connection failure that was not retried, or 0: a
 * pub draining its messages ends with 0 from the client even then. */
int cli_final_error(void);
/* Names of CONNACK codes for messages. */
const char *cli_connack_name(mqc_protocol protocol, uint8_t code);
const char *cli_reason_name(uint8_t code);
/* format.c: prints one message as -F / -v / -N ask, then flushes. Returns 0
 * or -1 on a write error. */
int cli_print_message(const cli_opts *o, const mqc_publish *msg, FILE *out);
/* json.c: %j (raw 0) or %J (raw 1: the payload must be JSON, else
 * nothing is printed and -1 returned). */
int cli_json_print(const cli_opts *o, const mqc_publish *m, int raw, FILE *out);
/* Checks a -F format. Returns 0, or -1 after printing why. */
int cli_format_check(const cli_opts *o);
/* 1 if topic matches the filter (+ and # wildcards). */
int cli_topic_matches(const char *filter, const mqc_str *topic);
/* loop.c: waits for the client and one optional extra fd (stdin); runs
 * the client's handlers. *extra_ready gets the extra fd's revents.
 * Returns 1 when SIGINT/SIGTERM arrived, else 0. */
int cli_loop_init(void);
int cli_loop_once(mqc_client *c, int extra_fd, int *extra_ready, int timeout_ms);
/* store.c: --store. Opens the file store for this client id, protocol and
 * broker (before_commit may be NULL), reports what was recovered and makes
 * it co's session store. Returns 0, or CLI_EXIT_STORE after saying why. */
int cli_store_open(const cli_opts *o, mqc_store *st, mqc_client_opts *co,
                   int (*before_commit)(void *, int), void *user);
/* The note's two counters (0, 0 when there is none). */
void cli_store_get_note(const mqc_store *st, uint64_t *a, uint64_t *b);
int cli_store_set_note(mqc_store *st, uint64_t a, uint64_t b);
int cli_pub(int argc, char **argv);
int cli_sub(int argc, char **argv);
int cli_rr(int argc, char **argv);

#endif
