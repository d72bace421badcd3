/* The POSIX client runtime's private state, shared by its source files. */
#ifndef MQC_CLIENT_INTERNAL_H
#define MQC_CLIENT_INTERNAL_H

#include <netdb.h>

#include "mqc.h"
#include "client/backoff.h"
#include "transport/transport.h"

/* Where the network connection stands (the public state adds draining and stop). */
typedef enum conn_phase {
    PHASE_IDLE = 0,      /* never started */
    PHASE_TCP,           /* non-blocking connect() in progress */
    PHASE_HANDSHAKE,     /* transport handshake (TLS, WebSocket) in progress */
    PHASE_CONNACK,       /* CONNECT written or queued, waiting for CONNACK */
    PHASE_UP,            /* CONNACK accepted */
    PHASE_BACKOFF,       /* no socket, waiting for the next attempt */
    PHASE_STOPPED
} conn_phase;

/* A broker of the list (its host in the list's block) or of a Server
 * Reference (host owned). */
typedef struct client_broker {
    char *host;
    uint16_t port;
} client_broker;

/* What the client reads of its mqc_client_opts after mqc_client_new (the
 * same names; the session keeps its own options, the broker list is c->list,
 * TLS is c->tls). Strings are owned copies. */
typedef struct client_settings {
    int family;
    uint32_t connect_timeout_ms;
    uint32_t max_reconnects;
    size_t read_chunk;
    uint8_t reconnect;
    uint8_t retry_first_connect;
    uint8_t follow_redirects;
    struct {
        uint8_t enable;
        char *path;
    } ws;
    struct {
        char *bind_address;
        char *unix_path;
    } local;
    struct {
        uint8_t server_name;       /* 1: the caller named the server (c->tls keeps it) */
    } tls;
} client_settings;

/* 5.0 redirects: made at the first Server Reference followed, freed when
 * the chain ends (brokers.c). */
typedef struct client_redirects {
    client_broker redir[MQC_REDIRECT_MAX]; /* servers a redirect named, tried first */
    size_t nredir, redir_pos;
    client_broker visited[MQC_REDIRECT_MAX]; /* servers that redirected us, this chain */
    size_t nvisited;
} client_redirects;

struct mqc_client {
    mqc_mem mem;
    client_settings opts;
    mqc_client_callbacks cb;
    void *user_data;
    mqc_session *session;

    char *client_id;
    char *username;
    char *will_topic;
    uint8_t *password_bytes;
    mqc_bytes password;
    uint8_t *will_payload;

    conn_phase phase;
    int fd;                        /* the socket (also c->tp->fd once the stack is up) */
    transport *tp;                 /* the transport stack on fd, from TCP connected on */
    tls_config *tls;               /* NULL = plain TCP */
    char *err_detail;              /* the transport's words on last_err; NULL = none */
    struct addrinfo *ai_list;      /* addresses of the current attempt */
    struct addrinfo *ai_next;      /* the next one to try */
    mqc_tstamp attempt_deadline;   /* TCP connect + handshake + CONNACK of the current address */
    mqc_tstamp backoff_until;
    backoff bo;                    /* the reconnect policy's state (backoff.h) */
    unsigned gen;                  /* bumped for each new socket */
    int attempt_err;               /* why the last address of this attempt failed */
    uint8_t ever_connected;
    uint8_t refused;               /* CONNACK refused on this connection */
    uint8_t refused_fatal;
    uint8_t refused_reason;
    uint8_t refused_session_present;
    uint8_t redirect_reason;       /* 0x9C/0x9D with a Server Reference on this connection */
    uint8_t redirect_loop;         /* the redirects went round: stop (MQC_ERR_REDIRECT_LOOP) */
    uint8_t at_redirect;           /* at_host came from a Server Reference */
    char *server_ref;              /* 5.0 Server Reference last received (NUL-terminated) */

    /* brokers.c: the list, the cursor, redirects and their chain. */
    client_broker *list;           /* opts.brokers, or host:port alone */
    size_t nlist;
    size_t bi;                     /* the list's broker tried now or next */
    size_t left;                   /* of the list, brokers this attempt may still try */
    client_redirects *rd;          /* NULL: no redirect in this chain */
    char *at_host;                 /* the broker being tried or last connected (owned
                                    * when at_redirect, else a host of list) */
    uint16_t at_port;
    uint8_t draining;              /* mqc_client_disconnect() called */
    uint8_t disconnect_sent;
    uint8_t wr_shut;               /* DISCONNECT written, write side shut: await EOF */
    int last_err;
    int stop_err;
    int busy;                      /* inside a handler: callbacks may be running */
    uint64_t rng;

    mqc_tstamp drain_deadline;
    size_t drain_logged;           /* unfinished count last logged while draining */
    mqc_tstamp disconnect_sent_at;

    uint8_t *rbuf;                 /* heap read buffer, only while the traffic needs one (net.c) */
    size_t rcap;
    size_t rgrow;                  /* a read filled the buffer: this size for the next one */
    mqc_tstamp rbusy_at;           /* last read larger than the stack buffer */
    int held;                      /* input held back (logged once per hold) */
    size_t roff, rlen;             /* read, not yet taken by the session: rbuf[roff..rlen)
                                    * (within client_read, perhaps its stack buffer) */
};

/* net_local.c (mqc_local_opts): bind fd to the bind address (0, or -1
 * after logging why); start connecting to the Unix socket: 1 connected,
 * 0 in progress (c->fd set either way), or a negative mqc_err. */
int client_bind_local(mqc_client *c, int fd, int family);
int client_unix_connect(mqc_client *c, mqc_tstamp now);
/* net.c */
void client_start_attempt(mqc_client *c, mqc_tstamp now);
void client_start_broker(mqc_client *c, mqc_tstamp now);
void client_tcp_check(mqc_client *c, mqc_tstamp now);
void client_handshake_step(mqc_client *c, mqc_tstamp now);
void client_tcp_timeout(mqc_client *c, mqc_tstamp now);
void client_connack_timeout(mqc_client *c, mqc_tstamp now);
void client_close_socket(mqc_client *c, mqc_tstamp now);
void client_flush(mqc_client *c, mqc_tstamp now);
void client_read(mqc_client *c, mqc_tstamp now);
void client_read_discard(mqc_client *c, mqc_tstamp now);
void client_read_idle(mqc_client *c, mqc_tstamp now);
/* Keeps text as mqc_client_error_detail() (NULL or "" clears it); without
 * memory for it the detail stays empty (the error code still tells). */
void client_set_detail(mqc_client *c, const char *text);
void client_logf(mqc_client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* brokers.c */
int brokers_init(mqc_client *c, const mqc_client_opts *o);
void brokers_free(mqc_client *c);
/* A new attempt: its first broker becomes at_host. 0 or MQC_ERR_NOMEM. */
int brokers_first(mqc_client *c);
/* The current broker failed before CONNACK: 1 with the next one of this
 * attempt in at_host, 0 when the attempt has tried them all. */
int brokers_next(mqc_client *c);
/* After brokers_redirect() within an attempt: at_host = its first server. */
int brokers_redirected(mqc_client *c);
/* A connection was lost: the next attempt starts with the broker after it. */
void brokers_lost(mqc_client *c);
/* ref (a Server Reference) comes from at_host: its servers not yet visited
 * in this chain are tried first from now. 0, MQC_ERR_REDIRECT_LOOP (all
 * visited, or too many), MQC_ERR_INVAL (names no server), MQC_ERR_NOMEM. */
int brokers_redirect(mqc_client *c, const char *ref);
void brokers_chain_reset(mqc_client *c);

/* loop.c */
/* The current connection or attempt ended with err (connect failure or loss). */
void client_conn_failed(mqc_client *c, int err, mqc_tstamp now);
void client_stop(mqc_client *c, int err, mqc_tstamp now);
void client_check_drain(mqc_client *c, mqc_tstamp now);
/* 1 if a CONNACK refusal with this code should not be retried. */
int client_refusal_is_fatal(mqc_protocol protocol, uint8_t reason);

#endif
