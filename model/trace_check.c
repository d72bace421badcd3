/*
 * Replays a trace of the Spin model (the '@' lines that model/mqc.pml
 * prints in `spin -T` simulation or trail replay) against the real
 * src/session code: the model's broker becomes a scripted peer, and every
 * packet the model's clients send, every delivery and every outcome must
 * be exactly what the real publisher and subscriber sessions do.
 * Exit 0: model and code agree; 1: the first disagreement is printed.
 *
 * Usage: trace_check < trace      (other lines are ignored)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mqc.h"

#define MAXEV 256

typedef struct side {
    const char *name;
    mqc_session *s;
    uint8_t wire[4096];          /* written by the session, not yet matched */
    size_t wlen, woff;
    uint64_t done_tok[MAXEV];    /* on_publish_done, in order */
    int done_out[MAXEV];
    size_t ndone, done_seen;
    int msgs[MAXEV];             /* on_message: the model's message number */
    size_t nmsgs, msgs_seen;
} side;

static side P, S;
static unsigned line_no;
static char line[512];
static int qos = 2;

static void fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "trace_check: line %u: %s", line_no, line);
    fprintf(stderr, "trace_check: model and code disagree: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void on_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    side *d = ud;

    (void)s;
    if (d->ndone == MAXEV)
        fail("too many outcomes");
    d->done_tok[d->ndone] = r->token;
    d->done_out[d->ndone++] = (int)r->outcome;
}

static int on_message(mqc_session *s, const mqc_publish *m, void *ud)
{
    side *d = ud;
    char b[16];

    (void)s;
    if (d->nmsgs == MAXEV || m->payload.len >= sizeof(b))
        fail("too many deliveries, or a payload the model did not send");
    memcpy(b, m->payload.ptr, m->payload.len);
    b[m->payload.len] = 0;
    d->msgs[d->nmsgs++] = atoi(b + 1);
    return 0;
}

static void make(side *d, int win, int maxq, int lost)
{
    mqc_session_opts o;
    mqc_callbacks cb;

    mqc_session_opts_default(&o);
    o.client_id.ptr = d == &P ? "p" : "s";
    o.client_id.len = 1;
    o.keep_alive = 0;
    o.clean = 0;
    o.max_inflight = (uint16_t)win;
    o.max_queued = (uint32_t)maxq;
    o.lost_policy = lost ? MQC_LOST_FAIL : MQC_LOST_RESEND;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CALLBACKS_VERSION;
    cb.on_publish_done = on_done;
    cb.on_message = on_message;
    if (mqc_session_new(&d->s, &o, &cb, d, NULL))
        fail("mqc_session_new");
}

/* Everything the session has to write now goes onto d->wire. */
static void pull(side *d)
{
    const uint8_t *p;
    mqc_ssize n;

    if (d->woff == d->wlen)
        d->woff = d->wlen = 0;
    while ((n = mqc_session_send(d->s, &p, 0)) > 0) {
        if (d->wlen + (size_t)n > sizeof(d->wire))
            fail("%s wrote more than the model could", d->name);
        memcpy(d->wire + d->wlen, p, (size_t)n);
        d->wlen += (size_t)n;
        mqc_session_sent(d->s, (size_t)n, 0);
    }
    if (n < 0)
        fail("%s: mqc_session_send: %s", d->name, mqc_strerror((int)n));
}

/* The next packet the session wrote, decoded. */
static void next_packet(side *d, mqc_packet *pk)
{
    uint8_t first;
    uint32_t rem;
    mqc_ssize hl;

    if (d->woff == d->wlen)
        pull(d);
    if (d->woff == d->wlen)
        fail("%s wrote nothing, the model sends a packet", d->name);
    hl = mqc_decode_fixed_header(d->wire + d->woff, d->wlen - d->woff, &first, &rem);
    if (hl <= 0 || d->woff + (size_t)hl + rem > d->wlen
        || mqc_decode(d->wire + d->woff, (size_t)hl + rem, MQC_V311, pk))
        fail("%s wrote a packet that does not decode", d->name);
    d->woff += (size_t)hl + rem;
}

static void nothing_more(side *d)
{
    pull(d);
    if (d->woff != d->wlen)
        fail("%s writes a packet (type %u) the model does not", d->name,
             d->wire[d->woff] >> 4);
}

/* Callbacks the model has not announced are a disagreement. */
static void no_unseen(side *d)
{
    if (d->done_seen < d->ndone)
        fail("%s reported message %llu (outcome %d), the model did not", d->name,
             (unsigned long long)d->done_tok[d->done_seen], d->done_out[d->done_seen]);
    if (d->msgs_seen < d->nmsgs)
        fail("%s delivered message %d, the model did not", d->name, d->msgs[d->msgs_seen]);
}

static void feed(side *d, const uint8_t *b, mqc_ssize n)
{
    mqc_ssize r;

    if (n <= 0)
        fail("encoding the peer's packet");
    r = mqc_session_recv(d->s, b, (size_t)n, 0);
    if (r != n)
        fail("%s did not take the peer's packet: %s", d->name,
             r < 0 ? mqc_strerror((int)r) : "partly");
}

static uint8_t type_of(const char *t)
{
    static const char *const names[] = {"PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"};
    size_t i;

    for (i = 0; i < 5; i++)
        if (!strcmp(t, names[i]))
            return (uint8_t)(MQC_PUBLISH + i);
    fail("unknown packet type %s", t);
    return 0;
}

static void feed_publish(side *d, int q, int id, int m, int dup)
{
    mqc_publish p;
    char pay[16];
    uint8_t b[64];

    snprintf(pay, sizeof(pay), "m%d", m);
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.payload.ptr = (const uint8_t *)pay;
    p.payload.len = strlen(pay);
    p.qos = (uint8_t)q;
    p.dup = (uint8_t)dup;
    p.id = (uint16_t)id;
    feed(d, b, mqc_encode_publish(b, sizeof(b), MQC_V311, &p));
}

static void expect_out(side *d, uint8_t type, int id, int m, int dup)
{
    mqc_packet pk;
    char pay[16];

    next_packet(d, &pk);
    if (pk.type != type || pk.id != id)
        fail("%s wrote type %u id %u", d->name, pk.type, pk.id);
    if (type != MQC_PUBLISH)
        return;
    snprintf(pay, sizeof(pay), "m%d", m);
    if (pk.publish.qos != qos || pk.publish.dup != dup
        || pk.publish.payload.len != strlen(pay)
        || memcmp(pk.publish.payload.ptr, pay, strlen(pay)))
        fail("%s wrote PUBLISH qos %u dup %u payload %.*s", d->name, pk.publish.qos,
             pk.publish.dup, (int)pk.publish.payload.len,
             (const char *)pk.publish.payload.ptr);
}

static void connect(side *d, int sp)
{
    mqc_packet pk;
    uint8_t b[16];

    if (mqc_session_connect(d->s, 0))
        fail("mqc_session_connect");
    next_packet(d, &pk);
    if (pk.type != MQC_CONNECT)
        fail("%s did not start with CONNECT", d->name);
    nothing_more(d);
    feed(d, b, mqc_encode_connack(b, sizeof(b), MQC_V311, (uint8_t)sp, 0, NULL));
}

static void publish(int m, int want)
{
    mqc_publish p;
    char pay[16];
    int rc;

    snprintf(pay, sizeof(pay), "m%d", m);
    memset(&p, 0, sizeof(p));
    p.topic.ptr = "t";
    p.topic.len = 1;
    p.payload.ptr = (const uint8_t *)pay;
    p.payload.len = strlen(pay);
    p.qos = (uint8_t)qos;
    rc = mqc_session_publish(P.s, &p, (uint64_t)m, 0);
    if (rc != want)
        fail("mqc_session_publish returned %d (%s), the model %s", rc, mqc_strerror(rc),
             want ? "refuses it" : "takes it");
}

static void event(side *d, char *rest)
{
    char what[16], t[16];
    int a = 0, b = 0, c = 0, e = 0, n;
    uint8_t buf[16];

    n = sscanf(rest, "%15s %d %d %d %d", what, &a, &b, &c, &e);
    if (n < 1)
        fail("bad trace line");
    if (!strcmp(what, "done")) {
        if (d->done_seen == d->ndone)
            fail("the model reports message %d (outcome %d), the code does not", a, b);
        if (d->done_tok[d->done_seen] != (uint64_t)a || d->done_out[d->done_seen] != b)
            fail("the code reports message %llu outcome %d",
                 (unsigned long long)d->done_tok[d->done_seen], d->done_out[d->done_seen]);
        d->done_seen++;
        return;
    }
    if (!strcmp(what, "deliver")) {
        if (d->msgs_seen == d->nmsgs)
            fail("the model delivers message %d, the code does not", a);
        if (d->msgs[d->msgs_seen] != a)
            fail("the code delivers message %d", d->msgs[d->msgs_seen]);
        d->msgs_seen++;
        return;
    }
    no_unseen(d);
    if (!strcmp(what, "pub") || !strcmp(what, "full")) {
        publish(a, what[0] == 'p' ? 0 : MQC_ERR_QUEUE_FULL);
    } else if (!strcmp(what, "conn")) {
        connect(d, a);
    } else if (!strcmp(what, "drop")) {
        if (mqc_session_want_write(d->s) != a)
            fail("%s %s output due when the connection drops", d->name,
                 a ? "has no" : "has");
        mqc_session_connection_lost(d->s, 0);
        d->wlen = d->woff = 0;
    } else if (!strcmp(what, "fill")) {
        nothing_more(d);
    } else if (!strcmp(what, "out") && sscanf(rest, "%*s %15s %d %d %d", t, &a, &b, &c) >= 2) {
        expect_out(d, type_of(t), a, b, c);
    } else if (!strcmp(what, "in") && sscanf(rest, "%*s %15s %d %d %d %d", t, &a, &b, &c, &e) >= 2) {
        if (type_of(t) == MQC_PUBLISH)
            feed_publish(d, a, b, c, e);    /* qos id message dup */
        else
            feed(d, buf, mqc_encode_ack(buf, sizeof(buf), MQC_V311, type_of(t), (uint16_t)a, 0, NULL));
    } else {
        fail("an event the trace check does not know (crash traces are not replayed)");
    }
}

int main(void)
{
    int win = 0, maxq = 0, lost = 0, idmax = 0;
    unsigned events = 0;

    P.name = "publisher";
    S.name = "subscriber";
    while (fgets(line, sizeof(line), stdin)) {
        line_no++;
        if (line[0] != '@')
            continue;
        if (line[1] == 'E' && P.s) {
            /* The model's end: nothing may be left to write either. */
            no_unseen(&P);
            no_unseen(&S);
            if (mqc_session_is_connected(P.s))
                nothing_more(&P);
            if (mqc_session_is_connected(S.s))
                nothing_more(&S);
            continue;
        }
        if (line[1] == 'C') {
            if (P.s || sscanf(line + 2, "%d %d %d %d %d", &qos, &win, &maxq, &lost, &idmax) != 5)
                fail("bad configuration line");
            /* The code's ids wrap at 65535: a trace of a model that wraps
             * sooner is compared id by id all the same, and disagrees once
             * it wraps (simulate with a large IDMAX). */
            (void)idmax;
            make(&P, win, maxq, lost);
            make(&S, win, maxq, lost);
            continue;
        }
        if (!P.s || (line[1] != 'P' && line[1] != 'S') || line[2] != ' ')
            fail("trace line before the configuration, or not for P or S");
        event(line[1] == 'P' ? &P : &S, line + 3);
        events++;
    }
    if (!P.s)
        fail("no trace");
    no_unseen(&P);
    no_unseen(&S);
    printf("trace_check: %u events, %zu outcomes, %zu deliveries: model and code agree\n",
           events, P.ndone, S.nmsgs);
    mqc_session_del(P.s);
    mqc_session_del(S.s);
    return 0;
}
