/*
 * Shared by every bench driver (mqc bench, the libmosquitto and Paho peers):
 * one option syntax, one way to pace and to measure, one output format.
 * Keeping this in one file is what makes the side-by-side numbers comparable.
 */
#ifndef MQC_TOOLS_BENCH_LIB_H
#define MQC_TOOLS_BENCH_LIB_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

enum bench_mode { BENCH_PUB, BENCH_SUB, BENCH_CONN };

struct bench_opts {
    enum bench_mode mode;
    const char *host;
    int port;
    int version;          /* 4 = MQTT 3.1.1, 5 = MQTT 5.0 */
    int keepalive;        /* seconds */
    const char *prefix;   /* client id prefix; the client index is appended */
    const char *topic;    /* "%i" is replaced by the client index */
    int clients;
    long messages;        /* per client: sent (pub) or expected (sub) */
    size_t size;          /* payload bytes; >= 8 carries the send timestamp */
    int qos;
    int window;           /* in-flight window (messages awaiting their ack) */
    double interval_ms;   /* per client between publishes; 0 = as fast as the window allows */
    int hold_ms;          /* conn: keep the idle connections this long */
    int timeout_s;        /* give up (and count errors) after this long */
    int conn_window;      /* connections opening at once (CONNECT sent, no CONNACK yet) */
    int json;
    int quiet;
    const char *store_dir; /* --store: a fresh run directory is made under it */
    const char *sync;      /* --sync always|batch|never (mqc only); NULL: default */
    const char *cafile;    /* --cafile: TLS, trusting these CAs; NULL = plain TCP */
    int insecure;          /* --insecure: TLS without the server name check */
    int reconnect;         /* --reconnect: conn times reconnects, not first connects */
    int no_resume;         /* --no-resume: reconnects do a full TLS handshake */
};

/* Parses argv after the mode word. Prints usage and exits 2 on a bad flag. */
void bench_parse(struct bench_opts *o, const char *prog, int argc, char **argv);
void bench_usage(FILE *f, const char *prog);

/* CLOCK_MONOTONIC in nanoseconds; system-wide, so valid across processes. */
uint64_t bench_now_ns(void);

/* The payload: the first 8 bytes carry bench_now_ns() at publish time
 * (little endian), so a subscriber in another process can time delivery. */
void bench_stamp(uint8_t *payload, size_t size, uint64_t now_ns);
int bench_read_stamp(const uint8_t *payload, size_t size, uint64_t *ns);

/* "%i" in the topic pattern becomes the client index. */
void bench_topic(char *out, size_t cap, const char *pattern, int index);

/* Latency samples in microseconds, and the run's counters. */
struct bench_stats {
    uint32_t *lat_us;
    size_t n_lat, cap_lat;
    long done;            /* messages completed (acked / received) or connections up */
    long errors;
    uint64_t t_start_ns, t_end_ns;
    long rss_before_kb, rss_after_kb;  /* conn mode */
    int tls_known;        /* the driver reports tls_resumed (conn over TLS) */
    long tls_resumed;     /* timed connections whose handshake resumed a session */
};

int bench_stats_init(struct bench_stats *s, size_t cap);
void bench_stats_add(struct bench_stats *s, uint64_t lat_ns);

/* Open-addressing map from a small key (packet id, sequence number) to a
 * send time: sized for the window, so lookups stay O(1). */
struct bench_pending {
    uint32_t mask;
    uint32_t *key;        /* key + 1; 0 = empty */
    uint64_t *val;
};
int bench_pending_init(struct bench_pending *p, int window);
void bench_pending_free(struct bench_pending *p);
int bench_pending_put(struct bench_pending *p, uint32_t key, uint64_t val);
/* Removes key; 1 and *val when found, 0 otherwise. */
int bench_pending_take(struct bench_pending *p, uint32_t key, uint64_t *val);

/* Memory from /proc/self/status, in KiB (-1 if unavailable). */
long bench_vm_kb(const char *field);

/* A one-line progress report on stderr (only when it is a terminal and
 * not -Q); at most every 500 ms. */
void bench_progress(const struct bench_opts *o, const struct bench_stats *s, long inflight,
                    int force);

/* Final report: JSON line (--json) or text, on stdout. tool names the
 * implementation ("mqc", "mosquitto", "paho"), lib its version. */
void bench_report(const struct bench_opts *o, const struct bench_stats *s, const char *tool,
                  const char *lib);

/* Set by SIGINT/SIGTERM once bench_catch_signals() ran: drivers stop and
 * report what they have (the rest counts as errors). */
extern volatile sig_atomic_t bench_stop;
void bench_catch_signals(void);

/* Lifts RLIMIT_NOFILE to the hard limit (many connections need many fds). */
void bench_raise_nofile(void);

/* One client's bookkeeping, the same for every library. The library's own
 * handle lives in the driver, indexed by idx. */
struct bench_client {
    int idx;
    char topic[256];
    int connected, subscribed, dead, opening;
    int cut, reconnected;    /* conn --reconnect: connection cut / up again */
    long sent, acked, received;
    int inflight;
    uint32_t seq;            /* the driver's publish counter, if it keys by it */
    uint64_t next_ns;        /* pacing: not before this time */
    uint64_t t_connect;
    struct bench_pending pend;
};

/* What a driver supplies. Every hook but pump and poll may be NULL.
 * start_connect, pump and prepare run without the lock; poll runs with it
 * held (a threaded driver waits on a condition there, which releases it). */
struct bench_adapter {
    const char *name;                  /* prefixes error messages */
    void (*prepare)(int i);            /* before the connect clock starts */
    int (*start_connect)(int i);       /* nonzero: failed (reported), client dies */
    void (*pump)(int i);               /* pub: publish what window and pacing allow */
    void (*poll)(int timeout_ms);      /* one round of I/O, or a wait */
    void (*misc)(uint64_t now_ns);     /* after each round */
    /* Paho calls back on its own threads: these guard the shared counters. */
    void (*lock)(void);
    void (*unlock)(void);
    void (*wake)(void);                /* state changed: poll may return early */
    /* conn --reconnect: ends client i's connection as a network cut would
     * (the library then reconnects by itself); nonzero: failed. NULL: the
     * driver cannot, and --reconnect is refused. */
    int (*cut)(int i);
};

/* A run: options, counters, clients and the main loop, shared by drivers. */
struct bench_run {
    struct bench_opts o;
    struct bench_stats st;
    const struct bench_adapter *ad;
    struct bench_client *cl;
    uint8_t *payload;        /* -s bytes, filled; the drivers stamp it */
    int n_connected, n_subscribed;
    long lost;               /* messages (or connections) that can no longer complete */
    uint64_t interval_ns;
    int next_connect, opening;   /* connections started / not yet answered */
    int next_cut;            /* conn --reconnect: connections cut so far */
    uint64_t t0;
    char *store_run;         /* --store: this run's directory (removed at the end) */
};

/* Parses argv and allocates the clients; 0 or -1 (reported) on out of
 * memory. The driver allocates its own per-client arrays next. */
int bench_run_init(struct bench_run *r, const struct bench_adapter *ad, const char *prog,
                   int argc, char **argv);
/* calloc of one size bytes element per client; NULL (reported) when out
 * of memory. For the driver's own per-client arrays. */
void *bench_per_client(const struct bench_run *r, size_t size);
/* Reads VmRSS, starts the clock and sets up each client (index, topic,
 * pending map); the driver creates its library handles next. 0 or -1. */
int bench_run_start(struct bench_run *r);
/* Connects, waits until every client is ready, measures, reports; then the
 * driver tears its handles down and calls bench_run_free. Returns the
 * exit status (0: no errors). */
int bench_run_main(struct bench_run *r, const char *tool, const char *lib);
void bench_run_free(struct bench_run *r);

/* --store: makes a fresh directory <store_dir>/<tool>-XXXXXX for this run
 * (store_dir itself is made if missing); 0 or -1 (reported). */
int bench_store_begin(struct bench_run *r, const char *tool);
/* Client i's own empty subdirectory of the run directory, made; its path
 * in out. 0 or -1 (reported). */
int bench_store_client_dir(const struct bench_run *r, int i, char *out, size_t cap);
/* Removes the run directory and everything in it (after the stores closed). */
void bench_store_end(struct bench_run *r);

/* Events, from the drivers' callbacks (they take the lock themselves). */
void bench_connected(struct bench_run *r, struct bench_client *c);
void bench_subscribed(struct bench_run *r, struct bench_client *c, int ok);
/* A connection that failed or broke: its remaining work counts as lost. */
void bench_client_dead(struct bench_run *r, struct bench_client *c);
/* Completes the message key from c's pending map, acked or failed;
 * 0 when key was not pending (nothing counted). */
int bench_settle(struct bench_run *r, struct bench_client *c, uint32_t key, int ok,
                 uint64_t now);
/* An ack for a message sent at t0 that was never put in the pending map. */
void bench_acked(struct bench_run *r, struct bench_client *c, uint64_t t0);
void bench_received(struct bench_run *r, struct bench_client *c, const void *payload,
                    size_t len, uint64_t now);
/* Pub: if c may publish now (connected, live, window, pacing), books the
 * next message (sequence number, in flight, pending from *now) and returns
 * 1 with *now and *seq; 0 otherwise. For drivers that key by sequence. */
int bench_claim(struct bench_run *r, struct bench_client *c, uint64_t *now, uint32_t *seq);
/* The same test without booking, for drivers keyed by the library's ids. */
int bench_may_send(const struct bench_run *r, const struct bench_client *c, uint64_t now);

#endif
