#include "bench_lib.h"

#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void bench_usage(FILE *f, const char *prog)
{
    fprintf(f,
        "usage: %s pub|sub|conn [options]\n"
        "  pub: each client publishes -n messages, at most -M unacknowledged;\n"
        "  sub: each client subscribes to -t and waits for -n messages (prints\n"
        "       \"bench: ready\" on stderr once subscribed; start publishers then);\n"
        "  conn: opens -c idle connections and reports the memory per connection.\n"
        "  -h, --host HOST        broker host (default 127.0.0.1)\n"
        "  -p, --port PORT        broker port (default 1883)\n"
        "  -V VERSION             mqttv311 (311, 4; default) or mqttv5 (5)\n"
        "  -k, --keepalive SECS   keep alive (default 60)\n"
        "  -i, --id-prefix PREFIX client id prefix; the client index follows\n"
        "                         (default \"bench-<pid>-\")\n"
        "  -t, --topic TOPIC      topic; %%i = client index (default bench/%%i)\n"
        "  -c, --clients N        clients (default 1)\n"
        "  -n, --count N          messages per client: sent (pub) or expected (sub)\n"
        "                         (default 10000)\n"
        "  -s, --size BYTES       payload size (default 64; >= 8 carries a send timestamp)\n"
        "  -q, --qos 0|1|2        QoS (default 0)\n"
        "  -M, --max-inflight N   in-flight window per client (default 20; 5.0: also\n"
        "                         our Receive Maximum)\n"
        "  -I, --interval MS      per client between publishes (default 0: as fast as\n"
        "                         the window allows)\n"
        "  --rate R               total publish rate, messages/s (sets -I)\n"
        "  --hold MS              conn: keep the idle connections this long (default 0)\n"
        "  --timeout SECS         give up after SECS; what is missing counts as errors\n"
        "                         (default 120)\n"
        "  --conn-window N        connections waiting for CONNACK at once (default 50:\n"
        "                         stays under the broker's listen backlog)\n"
        "  --store DIR            pub: each client keeps its outbound messages in a\n"
        "                         durable store in its own subdirectory of a fresh\n"
        "                         directory made under DIR, removed at the end\n"
        "                         (mqc: the file store; Paho: its file persistence)\n"
        "  --sync POLICY          mqc with --store: always, batch (default) or never\n"
        "  --cafile FILE          TLS, trusting the CA certificates in FILE (conn: the\n"
        "                         connection rate is then the TLS handshake rate)\n"
        "  --insecure             with --cafile: do not check the server's name\n"
        "  --reconnect            conn: each client connects and subscribes (so the\n"
        "                         broker has answered it), then its socket is shut\n"
        "                         down as by a network cut and what is timed is the\n"
        "                         reconnect, from the cut to the new CONNACK (TLS:\n"
        "                         mqc resumes the session, libmosquitto cannot)\n"
        "  --no-resume            with --reconnect: a full TLS handshake each time\n"
        "  --json                 one JSON line at the end instead of text\n"
        "  -Q                     no progress line (it is only shown on a terminal)\n"
        "Exit status: 0 all done, 1 errors, 2 bad usage.\n", prog);
}

static long num(const char *s, long lo, long hi, const char *prog, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "%s: bad %s '%s' (%ld..%ld)\n", prog, what, s, lo, hi);
        bench_usage(stderr, prog);
        exit(2);
    }
    return v;
}

void bench_parse(struct bench_opts *o, const char *prog, int argc, char **argv)
{
    static char prefix[64];
    enum { OPT_RATE = 256, OPT_JSON, OPT_HOLD, OPT_TIMEOUT, OPT_CONN_WINDOW, OPT_HELP, OPT_STORE,
           OPT_SYNC, OPT_CAFILE, OPT_INSECURE, OPT_RECONNECT, OPT_NO_RESUME };
    static const struct option longs[] = {
        {"rate", required_argument, 0, OPT_RATE},
        {"json", no_argument, 0, OPT_JSON},
        {"hold", required_argument, 0, OPT_HOLD},
        {"timeout", required_argument, 0, OPT_TIMEOUT},
        {"conn-window", required_argument, 0, OPT_CONN_WINDOW},
        {"help", no_argument, 0, OPT_HELP},
        {"store", required_argument, 0, OPT_STORE},
        {"sync", required_argument, 0, OPT_SYNC},
        {"cafile", required_argument, 0, OPT_CAFILE},
        {"insecure", no_argument, 0, OPT_INSECURE},
        {"reconnect", no_argument, 0, OPT_RECONNECT},
        {"no-resume", no_argument, 0, OPT_NO_RESUME},
        /* the long names of `mqc pub` for the flags they share */
        {"host", required_argument, 0, 'h'},
        {"port", required_argument, 0, 'p'},
        {"keepalive", required_argument, 0, 'k'},
        {"id-prefix", required_argument, 0, 'i'},
        {"topic", required_argument, 0, 't'},
        {"qos", required_argument, 0, 'q'},
        {"max-inflight", required_argument, 0, 'M'},
        {"clients", required_argument, 0, 'c'},
        {"count", required_argument, 0, 'n'},
        {"size", required_argument, 0, 's'},
        {"interval", required_argument, 0, 'I'},
        {0, 0, 0, 0},
    };
    double rate = 0;
    int c;

    memset(o, 0, sizeof *o);
    if (argc < 2) {
        bench_usage(stderr, prog);
        exit(2);
    }
    if (strcmp(argv[1], "pub") == 0) {
        o->mode = BENCH_PUB;
    } else if (strcmp(argv[1], "sub") == 0) {
        o->mode = BENCH_SUB;
    } else if (strcmp(argv[1], "conn") == 0) {
        o->mode = BENCH_CONN;
    } else if (strcmp(argv[1], "--help") == 0) {
        bench_usage(stdout, prog);
        exit(0);
    } else {
        fprintf(stderr, "%s: unknown mode '%s'\n", prog, argv[1]);
        bench_usage(stderr, prog);
        exit(2);
    }
    o->host = "127.0.0.1";
    o->port = 1883;
    o->version = 4;
    o->keepalive = 60;
    snprintf(prefix, sizeof prefix, "bench-%ld-", (long)getpid());
    o->prefix = prefix;
    o->topic = "bench/%i";
    o->clients = 1;
    o->messages = 10000;
    o->size = 64;
    o->window = 20;
    o->timeout_s = 120;
    o->conn_window = 50;

    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h:p:V:k:i:t:c:n:s:q:M:I:Q", longs, NULL)) != -1) {
        switch (c) {
        case 'h': o->host = optarg; break;
        case 'p': o->port = (int)num(optarg, 1, 65535, prog, "port"); break;
        case 'V':
            if (strcmp(optarg, "4") == 0 || strcmp(optarg, "311") == 0 ||
                strcmp(optarg, "v311") == 0 || strcmp(optarg, "mqttv311") == 0) {
                o->version = 4;
            } else if (strcmp(optarg, "5") == 0 || strcmp(optarg, "v5") == 0 ||
                       strcmp(optarg, "mqttv5") == 0) {
                o->version = 5;
            } else {
                fprintf(stderr, "%s: bad protocol version '%s' (mqttv311, 311, 4, mqttv5, 5)\n",
                        prog, optarg);
                bench_usage(stderr, prog);
                exit(2);
            }
            break;
        case 'k': o->keepalive = (int)num(optarg, 0, 65535, prog, "keep alive"); break;
        case 'i': o->prefix = optarg; break;
        case 't': o->topic = optarg; break;
        case 'c': o->clients = (int)num(optarg, 1, 100000, prog, "client count"); break;
        case 'n': o->messages = num(optarg, 0, 1000000000L, prog, "message count"); break;
        case 's': o->size = (size_t)num(optarg, 0, 268435000L, prog, "payload size"); break;
        case 'q': o->qos = (int)num(optarg, 0, 2, prog, "QoS"); break;
        case 'M': o->window = (int)num(optarg, 1, 65535, prog, "window"); break;
        case 'I': o->interval_ms = (double)num(optarg, 0, 3600000L, prog, "interval"); break;
        case OPT_RATE:
            rate = strtod(optarg, NULL);
            if (!(rate > 0)) {
                fprintf(stderr, "%s: bad rate '%s'\n", prog, optarg);
                exit(2);
            }
            break;
        case OPT_JSON: o->json = 1; break;
        case OPT_HOLD: o->hold_ms = (int)num(optarg, 0, 86400000L, prog, "hold"); break;
        case OPT_TIMEOUT: o->timeout_s = (int)num(optarg, 1, 86400, prog, "timeout"); break;
        case OPT_CONN_WINDOW:
            o->conn_window = (int)num(optarg, 1, 100000, prog, "connect window");
            break;
        case 'Q': o->quiet = 1; break;
        case OPT_STORE:
            if (*optarg == '\0') {
                fprintf(stderr, "%s: --store needs a directory\n", prog);
                exit(2);
            }
            o->store_dir = optarg;
            break;
        case OPT_SYNC:
            if (strcmp(optarg, "always") != 0 && strcmp(optarg, "batch") != 0 &&
                strcmp(optarg, "never") != 0) {
                fprintf(stderr, "%s: bad sync policy '%s' (always, batch, never)\n", prog,
                        optarg);
                exit(2);
            }
            o->sync = optarg;
            break;
        case OPT_CAFILE: o->cafile = optarg; break;
        case OPT_INSECURE: o->insecure = 1; break;
        case OPT_RECONNECT: o->reconnect = 1; break;
        case OPT_NO_RESUME: o->no_resume = 1; break;
        case OPT_HELP: bench_usage(stdout, prog); exit(0);
        case ':':
            fprintf(stderr, "%s: option needs a value: %s\n", prog, argv[optind - 1]);
            bench_usage(stderr, prog);
            exit(2);
        default:
            fprintf(stderr, "%s: unknown option: %s\n", prog, argv[optind - 1]);
            bench_usage(stderr, prog);
            exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument: %s\n", prog, argv[optind]);
        bench_usage(stderr, prog);
        exit(2);
    }
    if (o->sync && !o->store_dir) {
        fprintf(stderr, "%s: --sync needs --store DIR\n", prog);
        exit(2);
    }
    if (o->store_dir && o->mode != BENCH_PUB) {
        fprintf(stderr, "%s: --store is for pub only\n", prog);
        exit(2);
    }
    if (rate > 0)
        o->interval_ms = 1000.0 * o->clients / rate;
}

uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void bench_stamp(uint8_t *payload, size_t size, uint64_t now_ns)
{
    for (size_t i = 0; i < 8 && i < size; i++)
        payload[i] = (uint8_t)(now_ns >> (8 * i));
}

int bench_read_stamp(const uint8_t *payload, size_t size, uint64_t *ns)
{
    uint64_t v = 0;
    if (size < 8)
        return 0;
    for (size_t i = 0; i < 8; i++)
        v |= (uint64_t)payload[i] << (8 * i);
    *ns = v;
    return 1;
}

void bench_topic(char *out, size_t cap, const char *pattern, int index)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 1 < cap; p++) {
        if (p[0] == '%' && p[1] == 'i') {
            int w = snprintf(out + n, cap - n, "%d", index);
            n += (w > 0 && (size_t)w < cap - n) ? (size_t)w : 0;
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

int bench_stats_init(struct bench_stats *s, size_t cap)
{
    /* 16 Mi samples (64 MiB) at most: percentiles of a longer run come
     * from its first 16 Mi messages. */
    if (cap > (size_t)1 << 24)
        cap = (size_t)1 << 24;
    memset(s, 0, sizeof *s);
    s->cap_lat = cap;
    s->lat_us = cap ? malloc(cap * sizeof *s->lat_us) : NULL;
    return cap && !s->lat_us ? -1 : 0;
}

void bench_stats_add(struct bench_stats *s, uint64_t lat_ns)
{
    if (s->n_lat < s->cap_lat) {
        uint64_t us = lat_ns / 1000;
        s->lat_us[s->n_lat++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
    }
}

static uint32_t hash32(uint32_t k)
{
    k ^= k >> 16;
    k *= 0x7feb352du;
    k ^= k >> 15;
    return k;
}

int bench_pending_init(struct bench_pending *p, int window)
{
    uint32_t cap = 16;
    while (cap < 4u * (uint32_t)window)
        cap <<= 1;
    p->mask = cap - 1;
    p->key = calloc(cap, sizeof *p->key);
    p->val = calloc(cap, sizeof *p->val);
    return p->key && p->val ? 0 : -1;
}

void bench_pending_free(struct bench_pending *p)
{
    free(p->key);
    free(p->val);
    p->key = NULL;
    p->val = NULL;
}

int bench_pending_put(struct bench_pending *p, uint32_t key, uint64_t val)
{
    uint32_t i = hash32(key) & p->mask;
    for (uint32_t n = 0; n <= p->mask; n++, i = (i + 1) & p->mask) {
        if (p->key[i] == 0 || p->key[i] == key + 1) {
            p->key[i] = key + 1;
            p->val[i] = val;
            return 0;
        }
    }
    return -1;
}

int bench_pending_take(struct bench_pending *p, uint32_t key, uint64_t *val)
{
    uint32_t i = hash32(key) & p->mask;
    for (uint32_t n = 0; n <= p->mask; n++, i = (i + 1) & p->mask) {
        if (p->key[i] == 0)
            return 0;
        if (p->key[i] == key + 1) {
            *val = p->val[i];
            /* Backward-shift deletion keeps every probe chain unbroken. */
            uint32_t hole = i;
            for (uint32_t j = (i + 1) & p->mask; p->key[j] != 0; j = (j + 1) & p->mask) {
                uint32_t home = hash32(p->key[j] - 1) & p->mask;
                if (((j - home) & p->mask) >= ((j - hole) & p->mask)) {
                    p->key[hole] = p->key[j];
                    p->val[hole] = p->val[j];
                    hole = j;
                }
            }
            p->key[hole] = 0;
            return 1;
        }
    }
    return 0;
}

long bench_vm_kb(const char *field)
{
    char line[256];
    size_t flen = strlen(field);
    long v = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, flen) == 0 && line[flen] == ':') {
            v = strtol(line + flen + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

static const char *mode_name(enum bench_mode m)
{
    return m == BENCH_PUB ? "pub" : m == BENCH_SUB ? "sub" : "conn";
}

void bench_progress(const struct bench_opts *o, const struct bench_stats *s, long inflight,
                    int force)
{
    static int tty = -1;
    static uint64_t last_ns, last_done_t;
    static long last_done;
    uint64_t now = bench_now_ns();

    if (tty < 0)
        tty = isatty(2);
    if (!tty || o->quiet)
        return;
    if (!force && now - last_ns < 500000000u)
        return;
    double dt = last_done_t ? (now - last_done_t) / 1e9 : 0;
    double rate = dt > 0 ? (s->done - last_done) / dt : 0;
    long total = o->mode == BENCH_CONN ? o->clients : o->messages * o->clients;
    fprintf(stderr, "\r%s: %ld/%ld %s, %.0f/s, in flight %ld, errors %ld   ", mode_name(o->mode),
            s->done, total, o->mode == BENCH_CONN ? "connected" : "messages", rate, inflight,
            s->errors);
    if (force)
        fputc('\n', stderr);
    last_ns = now;
    last_done_t = now;
    last_done = s->done;
}

/* The k-th smallest of v[0..n) (k < n), by Hoare's selection: it moves
 * the elements so that those before k are not larger and those after not
 * smaller. The report needs three order statistics, and sorting every
 * latency cost more instructions per message than the library itself. */
static uint32_t kth_smallest(uint32_t *v, size_t n, size_t k)
{
    long lo = 0, hi = (long)n - 1, want = (long)k;

    while (lo < hi) {
        uint32_t pivot = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;

        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                uint32_t t = v[i];

                v[i++] = v[j];
                v[j--] = t;
            }
        }
        /* v[lo..j] <= pivot <= v[i..hi], and what lies between is the pivot. */
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            break;
    }
    return v[want];
}

/* Where the p-quantile of n sorted values is. */
static size_t rank(size_t n, double p)
{
    size_t i = (size_t)ceil(p * (double)n);

    if (i > 0)
        i--;
    return i < n ? i : n - 1;
}

void bench_report(const struct bench_opts *o, const struct bench_stats *s, const char *tool,
                  const char *lib)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    double elapsed = s->t_end_ns > s->t_start_ns ? (s->t_end_ns - s->t_start_ns) / 1e9 : 0;
    double rate = elapsed > 0 ? s->done / elapsed : 0;
    double cpu100k = s->done > 0 ? cpu * 100000.0 / s->done : 0;
    long hwm = bench_vm_kb("VmHWM");
    double per_conn = o->clients > 0 && s->rss_after_kb > 0
                          ? (s->rss_after_kb - s->rss_before_kb) * 1024.0 / o->clients
                          : 0;

    /* Each selection leaves the larger values after its rank: the next one
     * looks only there. */
    uint32_t *v = s->lat_us, p50 = 0, p99 = 0, mx = 0;
    size_t n = s->n_lat, r50 = rank(n, 0.50), r99 = rank(n, 0.99);
    if (n) {
        p50 = kth_smallest(v, n, r50);
        p99 = kth_smallest(v + r50, n - r50, r99 - r50);
        mx = kth_smallest(v + r99, n - r99, n - 1 - r99);
    }

    if (o->json) {
        printf("{\"tool\":\"%s\",\"lib\":\"%s\",\"mode\":\"%s\",\"version\":%d,\"clients\":%d,"
               "\"messages\":%ld,\"qos\":%d,\"size\":%zu,\"window\":%d,\"interval_ms\":%.3f,"
               "\"done\":%ld,\"errors\":%ld,\"elapsed_s\":%.6f,\"rate\":%.1f,"
               "\"lat_samples\":%zu,\"lat_p50_us\":%u,\"lat_p99_us\":%u,\"lat_max_us\":%u,"
               "\"cpu_s\":%.4f,\"cpu_s_per_100k\":%.4f,\"peak_rss_kb\":%ld",
               tool, lib, mode_name(o->mode), o->version, o->clients, o->messages, o->qos,
               o->size, o->window, o->interval_ms, s->done, s->errors, elapsed, rate, s->n_lat,
               p50, p99, mx, cpu, cpu100k, hwm);
        if (o->mode == BENCH_CONN)
            printf(",\"rss_before_kb\":%ld,\"rss_after_kb\":%ld,\"bytes_per_conn\":%.0f"
                   ",\"reconnect\":%d", s->rss_before_kb, s->rss_after_kb, per_conn,
                   o->reconnect);
        if (s->tls_known)
            printf(",\"tls_resumed\":%ld", s->tls_resumed);
        printf("}\n");
    } else {
        printf("%s %s (%s), MQTT %s, %d client(s)\n", tool, mode_name(o->mode), lib,
               o->version == 5 ? "5.0" : "3.1.1", o->clients);
        if (o->mode == BENCH_CONN) {
            printf("  %s    %ld of %d in %.3f s (%.0f/s)\n",
                   o->reconnect ? "reconnected" : "connected  ", s->done, o->clients,
                   elapsed, rate);
            printf("  connect time   p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", p50 / 1e3,
                   p99 / 1e3, mx / 1e3);
            printf("  memory         %.0f bytes per connection (RSS %ld -> %ld KiB)\n",
                   per_conn, s->rss_before_kb, s->rss_after_kb);
            if (s->tls_known)
                printf("  TLS resumed    %ld of %ld %s\n", s->tls_resumed, s->done,
                       o->reconnect ? "reconnects" : "connections");
        } else {
            printf("  messages       %ld of %ld (QoS %d, %zu bytes, window %d) in %.3f s\n",
                   s->done, o->messages * o->clients, o->qos, o->size, o->window, elapsed);
            printf("  throughput     %.0f msg/s\n", rate);
            printf("  latency        p50 %.3f ms, p99 %.3f ms, max %.3f ms (%s, %zu samples)\n",
                   p50 / 1e3, p99 / 1e3, mx / 1e3,
                   o->mode == BENCH_PUB ? "publish to ack" : "publish to receipt", s->n_lat);
        }
        printf("  cpu            %.3f s (%.3f s per 100k)\n", cpu, cpu100k);
        printf("  peak memory    %ld KiB (VmHWM)\n", hwm);
        printf("  errors         %ld\n", s->errors);
    }
    fflush(stdout);
}

volatile sig_atomic_t bench_stop;

static void on_signal(int sig)
{
    (void)sig;
    bench_stop = 1;
}

void bench_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

void bench_raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* The driver loop. Every driver runs the same loop, so that connecting,
 * the start of the clock, pacing and what counts as an error are identical;
 * only I/O goes through the adapter. */

static void lock(const struct bench_run *r)
{
    if (r->ad->lock)
        r->ad->lock();
}

static void unlock(const struct bench_run *r)
{
    if (r->ad->unlock)
        r->ad->unlock();
}

static void wake(const struct bench_run *r)
{
    if (r->ad->wake)
        r->ad->wake();
}

static long target(const struct bench_run *r)
{
    return r->o.mode == BENCH_CONN ? r->o.clients : r->o.messages * r->o.clients;
}

/* What a client that just died leaves undone. */
static long remaining(const struct bench_run *r, const struct bench_client *c)
{
    if (r->o.mode == BENCH_CONN)
        return (r->o.reconnect ? c->reconnected : c->connected) ? 0 : 1;
    return r->o.messages - (r->o.mode == BENCH_PUB ? c->acked : c->received);
}

static void opened(struct bench_run *r, struct bench_client *c)
{
    if (c->opening) {
        c->opening = 0;
        r->opening--;
    }
}

static void dead_locked(struct bench_run *r, struct bench_client *c)
{
    opened(r, c);
    if (!c->dead) {
        c->dead = 1;
        r->lost += remaining(r, c);
        wake(r);
    }
    c->connected = 0;
}

void bench_client_dead(struct bench_run *r, struct bench_client *c)
{
    lock(r);
    dead_locked(r, c);
    unlock(r);
}

void bench_connected(struct bench_run *r, struct bench_client *c)
{
    uint64_t now = bench_now_ns();
    lock(r);
    opened(r, c);
    c->connected = 1;
    r->n_connected++;
    /* --reconnect: the first connection only gets the client ready. */
    if (r->o.mode == BENCH_CONN && (!r->o.reconnect || c->cut)) {
        c->reconnected = c->cut;
        bench_stats_add(&r->st, now - c->t_connect);
        r->st.done++;
        if (r->st.done == r->o.clients)
            r->st.t_end_ns = now;
    }
    wake(r);
    unlock(r);
}

void bench_subscribed(struct bench_run *r, struct bench_client *c, int ok)
{
    lock(r);
    if (ok) {
        c->subscribed = 1;
        r->n_subscribed++;
    } else {
        fprintf(stderr, "%s: client %d: subscription refused\n", r->ad->name, c->idx);
        dead_locked(r, c);
    }
    wake(r);
    unlock(r);
}

static void acked_locked(struct bench_run *r, struct bench_client *c, uint64_t t0,
                         uint64_t now)
{
    bench_stats_add(&r->st, now - t0);
    c->acked++;
    c->inflight--;
    r->st.done++;
    r->st.t_end_ns = now;
    if (r->st.done + r->lost >= target(r))
        wake(r);
}

void bench_acked(struct bench_run *r, struct bench_client *c, uint64_t t0)
{
    uint64_t now = bench_now_ns();
    lock(r);
    acked_locked(r, c, t0, now);
    unlock(r);
}

int bench_settle(struct bench_run *r, struct bench_client *c, uint32_t key, int ok,
                 uint64_t now)
{
    uint64_t t0;
    lock(r);
    int found = bench_pending_take(&c->pend, key, &t0);
    if (found && ok) {
        acked_locked(r, c, t0, now);
    } else if (found) {
        c->inflight--;
        r->lost++;
        wake(r);
    }
    unlock(r);
    return found;
}

void bench_received(struct bench_run *r, struct bench_client *c, const void *payload,
                    size_t len, uint64_t now)
{
    uint64_t t0;
    int have = bench_read_stamp(payload, len, &t0);
    lock(r);
    if (r->st.done == 0)
        r->st.t_start_ns = now;
    if (have && now >= t0)
        bench_stats_add(&r->st, now - t0);
    c->received++;
    r->st.done++;
    r->st.t_end_ns = now;
    if (r->st.done + r->lost >= target(r))
        wake(r);
    unlock(r);
}

int bench_may_send(const struct bench_run *r, const struct bench_client *c, uint64_t now)
{
    return r->o.mode == BENCH_PUB && c->connected && !c->dead && c->sent < r->o.messages &&
           c->inflight < r->o.window && !(r->interval_ns && now < c->next_ns);
}

int bench_claim(struct bench_run *r, struct bench_client *c, uint64_t *now, uint32_t *seq)
{
    *now = bench_now_ns();
    lock(r);
    if (!bench_may_send(r, c, *now)) {
        unlock(r);
        return 0;
    }
    *seq = c->seq++;
    c->sent++;
    c->inflight++;
    c->next_ns = (c->next_ns ? c->next_ns : *now) + r->interval_ns;
    bench_pending_put(&c->pend, *seq, *now);
    unlock(r);
    return 1;
}

int bench_run_init(struct bench_run *r, const struct bench_adapter *ad, const char *prog,
                   int argc, char **argv)
{
    memset(r, 0, sizeof *r);
    r->ad = ad;
    bench_parse(&r->o, prog, argc, argv);
    bench_raise_nofile();
    bench_catch_signals();
    r->interval_ns = (uint64_t)(r->o.interval_ms * 1e6);
    if (r->o.reconnect && (r->o.mode != BENCH_CONN || !ad->cut)) {
        fprintf(stderr, "%s: --reconnect: %s\n", ad->name,
                r->o.mode != BENCH_CONN ? "conn only" : "this driver cannot cut a connection");
        return -1;
    }

    const struct bench_opts *o = &r->o;
    size_t cap = o->mode == BENCH_CONN ? (size_t)o->clients : (size_t)(o->messages * o->clients);
    r->cl = calloc((size_t)o->clients, sizeof *r->cl);
    r->payload = calloc(1, o->size ? o->size : 1);
    if (!r->cl || !r->payload || bench_stats_init(&r->st, cap) != 0)
        goto oom;
    for (size_t i = 0; i < o->size; i++)
        r->payload[i] = (uint8_t)('a' + i % 26);
    return 0;
oom:
    fprintf(stderr, "%s: out of memory\n", ad->name);
    return -1;
}

void *bench_per_client(const struct bench_run *r, size_t size)
{
    void *p = calloc((size_t)r->o.clients, size);
    if (!p)
        fprintf(stderr, "%s: out of memory\n", r->ad->name);
    return p;
}

int bench_run_start(struct bench_run *r)
{
    const struct bench_opts *o = &r->o;
    r->st.rss_before_kb = bench_vm_kb("VmRSS");
    r->t0 = bench_now_ns();
    if (o->mode == BENCH_CONN && !o->reconnect)
        r->st.t_start_ns = r->t0;
    for (int i = 0; i < o->clients; i++) {
        struct bench_client *c = &r->cl[i];
        c->idx = i;
        bench_topic(c->topic, sizeof c->topic, o->topic, i);
        if (o->mode == BENCH_PUB && bench_pending_init(&c->pend, o->window) != 0) {
            fprintf(stderr, "%s: out of memory\n", r->ad->name);
            return -1;
        }
    }
    return 0;
}

/* Opens connections while fewer than --conn-window are waiting for CONNACK. */
static void start_connects(struct bench_run *r)
{
    while (r->next_connect < r->o.clients && r->opening < r->o.conn_window) {
        int i = r->next_connect++;
        struct bench_client *c = &r->cl[i];
        if (r->ad->prepare) {
            unlock(r);
            r->ad->prepare(i);
            lock(r);
        }
        c->t_connect = bench_now_ns();
        c->opening = 1;
        r->opening++;
        unlock(r);
        int rc = r->ad->start_connect(i);
        lock(r);
        if (rc != 0)
            dead_locked(r, c);
    }
}

/* conn --reconnect, once every client is up: cuts connections while fewer
 * than --conn-window are reconnecting; each one's clock runs from its cut. */
static void start_cuts(struct bench_run *r)
{
    while (r->next_cut < r->o.clients && r->opening < r->o.conn_window) {
        struct bench_client *c = &r->cl[r->next_cut++];
        if (c->dead)
            continue;
        c->cut = 1;
        c->connected = 0;
        c->opening = 1;
        r->opening++;
        c->t_connect = bench_now_ns();
        unlock(r);
        int rc = r->ad->cut(c->idx);
        lock(r);
        if (rc != 0) {
            fprintf(stderr, "%s: client %d: cannot cut the connection\n", r->ad->name, c->idx);
            dead_locked(r, c);
        }
    }
}

static void pump_all(struct bench_run *r)
{
    unlock(r);
    for (int i = 0; i < r->o.clients; i++)
        r->ad->pump(i);
    lock(r);
}

/* Pacing: until the earliest client is due, at most 100 ms. */
static int pace(struct bench_run *r)
{
    uint64_t now = bench_now_ns(), next = UINT64_MAX;
    int timeout = 100;
    pump_all(r);
    for (int i = 0; i < r->o.clients; i++) {
        const struct bench_client *c = &r->cl[i];
        if (!c->dead && c->sent < r->o.messages && c->next_ns < next)
            next = c->next_ns;
    }
    if (next != UINT64_MAX)
        timeout = next <= now ? 0 : (int)((next - now) / 1000000u);
    return timeout > 100 ? 100 : timeout;
}

int bench_run_main(struct bench_run *r, const char *tool, const char *lib)
{
    const struct bench_opts *o = &r->o;
    struct bench_stats *st = &r->st;
    uint64_t deadline = r->t0 + (uint64_t)o->timeout_s * 1000000000u;
    int ready = 0;
    lock(r);
    while (st->done + r->lost < target(r) && bench_now_ns() < deadline && !bench_stop) {
        int live = 0;
        for (int i = 0; i < o->clients; i++)
            live += !r->cl[i].dead;
        if (!live)
            break;
        start_connects(r);
        if (!ready && r->next_connect == o->clients) {
            if (o->mode == BENCH_PUB && r->n_connected == live) {
                ready = 1;
                st->t_start_ns = bench_now_ns();
                pump_all(r);
            } else if (o->mode == BENCH_SUB && r->n_subscribed == live) {
                ready = 1;
                fprintf(stderr, "bench: ready\n");
            } else if (o->mode == BENCH_CONN && o->reconnect && r->n_subscribed == live) {
                ready = 1;
                st->t_start_ns = bench_now_ns();
            }
        }
        if (ready && o->mode == BENCH_CONN && o->reconnect)
            start_cuts(r);
        int timeout = r->interval_ns && ready && o->mode == BENCH_PUB ? pace(r) : 100;
        r->ad->poll(timeout);
        if (r->ad->misc)
            r->ad->misc(bench_now_ns());
        long inflight = 0;
        for (int i = 0; o->mode == BENCH_PUB && i < o->clients; i++)
            inflight += r->cl[i].inflight;
        st->errors = r->lost;
        bench_progress(o, st, inflight, 0);
    }
    /* Every message (or connection) that did not complete is an error. */
    st->errors = target(r) - st->done;
    if (!st->t_end_ns)
        st->t_end_ns = bench_now_ns();
    if (o->mode == BENCH_CONN) {
        st->rss_after_kb = bench_vm_kb("VmRSS");
        uint64_t hold_end = bench_now_ns() + (uint64_t)o->hold_ms * 1000000u;
        while (bench_now_ns() < hold_end && !bench_stop)
            r->ad->poll(100);
    }
    bench_progress(o, st, 0, 1);
    bench_report(o, st, tool, lib);
    long errors = st->errors;
    unlock(r);
    return errors ? 1 : 0;
}

void bench_run_free(struct bench_run *r)
{
    for (int i = 0; r->cl && i < r->o.clients; i++)
        bench_pending_free(&r->cl[i].pend);
    free(r->cl);
    free(r->payload);
    free(r->st.lat_us);
    free(r->store_run);
}

/* --store. The run directory is always new (mkdtemp), so a run starts from
 * empty stores and the removal never touches anything it did not make. */
int bench_store_begin(struct bench_run *r, const char *tool)
{
    const char *dir = r->o.store_dir;
    size_t cap;
    if (!dir)
        return 0;
    cap = strlen(dir) + strlen(tool) + 16;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: --store %s: %s\n", r->ad->name, dir, strerror(errno));
        return -1;
    }
    r->store_run = malloc(cap);
    if (!r->store_run) {
        fprintf(stderr, "%s: out of memory\n", r->ad->name);
        return -1;
    }
    snprintf(r->store_run, cap, "%s/%s-XXXXXX", dir, tool);
    if (!mkdtemp(r->store_run)) {
        fprintf(stderr, "%s: --store: cannot make %s: %s\n", r->ad->name, r->store_run,
                strerror(errno));
        free(r->store_run);
        r->store_run = NULL;
        return -1;
    }
    return 0;
}

int bench_store_client_dir(const struct bench_run *r, int i, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s/%d", r->store_run, i);
    if (n < 0 || (size_t)n >= cap) {
        fprintf(stderr, "%s: --store: path too long\n", r->ad->name);
        return -1;
    }
    if (mkdir(out, 0777) != 0) {
        fprintf(stderr, "%s: --store: cannot make %s: %s\n", r->ad->name, out,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* rm -r path (no symlinks followed: lstat). */
static void rm_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            char sub[4096];
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < sizeof sub)
                rm_tree(sub);
        }
        if (d)
            closedir(d);
    }
    if ((S_ISDIR(sb.st_mode) ? rmdir(path) : unlink(path)) != 0)
        fprintf(stderr, "bench: --store: cannot remove %s: %s\n", path, strerror(errno));
}

void bench_store_end(struct bench_run *r)
{
    if (r->store_run)
        rm_tree(r->store_run);
}
