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

#endif
