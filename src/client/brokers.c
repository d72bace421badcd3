/* The broker list and 5.0 redirects: which broker each connection attempt
 * tries, in what order, and when a chain of Server References goes round
 * (documented at mqc_broker in mqc.h). net.c resolves and connects to what
 * this picks; loop.c says when a broker failed or a connection ended. */
#include <string.h>
#include <strings.h>

#include "client/client_internal.h"
#include "common/mem.h"

static char *broker_strndup(const mqc_mem *m, const char *s, size_t n)
{
    char *d = mqc_mem_alloc(m, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static void broker_clear(mqc_client *c, client_broker *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        mqc_mem_free(&c->mem, b[i].host);
        b[i].host = NULL;
    }
}

static const char *list_host(const mqc_client_opts *o, size_t i)
{
    return o->nbrokers ? o->brokers[i].host : o->host;
}

/* One block: the list, then its host names. */
int brokers_init(mqc_client *c, const mqc_client_opts *o)
{
    size_t i, len, n = o->nbrokers ? o->nbrokers : 1, names = 0;
    char *w;
    for (i = 0; i < n; i++)
        names += strlen(list_host(o, i)) + 1;
    c->list = mqc_mem_alloc(&c->mem, n * sizeof(*c->list) + names);
    if (!c->list)
        return MQC_ERR_NOMEM;
    c->nlist = n;
    w = (char *)(c->list + n);
    for (i = 0; i < n; i++) {
        len = strlen(list_host(o, i)) + 1;
        memcpy(w, list_host(o, i), len);
        c->list[i].host = w;
        c->list[i].port = o->nbrokers && o->brokers[i].port ? o->brokers[i].port : o->port;
        w += len;
    }
    return 0;
}

/* The redirect state goes once it holds no server. */
static void redirects_trim(mqc_client *c)
{
    if (c->rd && !c->rd->nredir && !c->rd->nvisited) {
        mqc_mem_free(&c->mem, c->rd);
        c->rd = NULL;
    }
}

/* Back to our own list: the servers referred to are forgotten. */
static void redirects_clear(mqc_client *c)
{
    if (!c->rd)
        return;
    broker_clear(c, c->rd->redir, c->rd->nredir);
    c->rd->nredir = c->rd->redir_pos = 0;
    redirects_trim(c);
}

void brokers_free(mqc_client *c)
{
    mqc_mem_free(&c->mem, c->list);
    c->list = NULL;
    redirects_clear(c);
    brokers_chain_reset(c);
    if (c->at_redirect)
        mqc_mem_free(&c->mem, c->at_host);
    c->at_host = NULL;
}

/* Makes b the broker being tried. One a redirect named is copied (the
 * redirect's list may go while the application still asks where we were);
 * one of our own list is that list's, which lives as long as the client. */
static int broker_take(mqc_client *c, const client_broker *b, int redirected, int quiet)
{
    char *h = redirected ? broker_strndup(&c->mem, b->host, strlen(b->host)) : b->host;
    if (!h)
        return MQC_ERR_NOMEM;
    if (c->at_redirect)
        mqc_mem_free(&c->mem, c->at_host);
    c->at_host = h;
    c->at_port = b->port;
    c->at_redirect = (uint8_t)redirected;
    if (!quiet && (c->nlist > 1 || redirected))
        client_logf(c, "broker %s:%u%s", h, (unsigned)b->port,
                    redirected ? " (Server Reference)" : "");
    return 0;
}

/* quiet: the caller says which broker it moves to. */
static int broker_take_current(mqc_client *c, int quiet)
{
    if (c->rd && c->rd->redir_pos < c->rd->nredir)
        return broker_take(c, &c->rd->redir[c->rd->redir_pos], 1, quiet);
    return broker_take(c, &c->list[c->bi], 0, quiet);
}

int brokers_first(mqc_client *c)
{
    c->left = c->nlist;
    return broker_take_current(c, 0);
}

/* Past the current broker; 1 if the attempt has another one. */
static int brokers_step(mqc_client *c)
{
    if (c->at_redirect && c->rd) {
        c->rd->redir_pos++;
        if (c->rd->redir_pos < c->rd->nredir)
            return 1;
        /* Every server referred to failed: back to our own list. */
        redirects_clear(c);
        return c->left > 0;
    }
    c->bi = (c->bi + 1) % c->nlist;
    return --c->left > 0;
}

int brokers_next(mqc_client *c)
{
    return brokers_step(c) && broker_take_current(c, 1) == 0;
}

int brokers_redirected(mqc_client *c)
{
    return broker_take_current(c, 1) == 0;
}

void brokers_lost(mqc_client *c)
{
    (void)brokers_step(c);
}

static int broker_same(const client_broker *a, const char *host, uint16_t port)
{
    return a->port == port && strcasecmp(a->host, host) == 0;
}

static int broker_visited(const mqc_client *c, const char *host, uint16_t port)
{
    size_t i;
    for (i = 0; c->rd && i < c->rd->nvisited; i++)
        if (broker_same(&c->rd->visited[i], host, port))
            return 1;
    return 0;
}

void brokers_chain_reset(mqc_client *c)
{
    if (!c->rd)
        return;
    broker_clear(c, c->rd->visited, c->rd->nvisited);
    c->rd->nvisited = 0;
    redirects_trim(c);
}

/* One "host[:port]" of a Server Reference (5.0 §4.11: the format is not
 * fixed; this is the one the spec's examples use). [v6]:port works too. */
static int redirect_parse_one(const char *s, size_t n, uint16_t dflt, const char **host,
                              size_t *hlen, uint16_t *port)
{
    const char *colon = NULL;
    size_t i;
    unsigned long p = 0;
    if (n && s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (!close || close == s + 1)
            return -1;
        *host = s + 1;
        *hlen = (size_t)(close - s - 1);
        if (close + 1 < s + n) {
            if (close[1] != ':')
                return -1;
            colon = close + 1;
        }
    } else {
        colon = memchr(s, ':', n);
        *host = s;
        *hlen = colon ? (size_t)(colon - s) : n;
        if (colon && memchr(colon + 1, ':', (size_t)(s + n - colon - 1)))
            return -1; /* a bare IPv6 address needs brackets */
    }
    if (!*hlen)
        return -1;
    if (!colon) {
        *port = dflt;
        return 0;
    }
    if (colon + 1 == s + n)
        return -1;
    for (i = 1; colon + i < s + n; i++) {
        if (colon[i] < '0' || colon[i] > '9' || p > 65535)
            return -1;
        p = p * 10 + (unsigned long)(colon[i] - '0');
    }
    if (p == 0 || p > 65535)
        return -1;
    *port = (uint16_t)p;
    return 0;
}

int brokers_redirect(mqc_client *c, const char *ref)
{
    client_broker got[MQC_REDIRECT_MAX];
    size_t ngot = 0, nvalid = 0;
    const char *p = ref;

    client_redirects *rd = c->rd;

    if (!rd) {
        rd = mqc_mem_alloc(&c->mem, sizeof(*rd));
        if (!rd)
            return MQC_ERR_NOMEM;
        memset(rd, 0, sizeof(*rd));
        c->rd = rd;
    }
    /* The chain so far: where we were sent from. */
    if (c->at_host && !broker_visited(c, c->at_host, c->at_port)) {
        if (rd->nvisited == MQC_REDIRECT_MAX) {
            client_logf(c, "redirect loop: %u redirects in a row; giving up",
                        (unsigned)MQC_REDIRECT_MAX);
            return MQC_ERR_REDIRECT_LOOP;
        }
        rd->visited[rd->nvisited].host = broker_strndup(&c->mem, c->at_host, strlen(c->at_host));
        if (!rd->visited[rd->nvisited].host) {
            redirects_trim(c);
            return MQC_ERR_NOMEM;
        }
        rd->visited[rd->nvisited++].port = c->at_port;
    }
    while (*p && ngot < MQC_REDIRECT_MAX) {
        const char *host;
        size_t len, hlen;
        uint16_t port;
        while (*p == ' ')
            p++;
        len = strcspn(p, " ");
        if (!len)
            break;
        if (redirect_parse_one(p, len, c->at_port, &host, &hlen, &port) < 0) {
            client_logf(c, "server reference: cannot read \"%.*s\" (host[:port]); skipped",
                        (int)len, p);
        } else {
            char *h = broker_strndup(&c->mem, host, hlen);
            nvalid++;
            if (!h) {
                broker_clear(c, got, ngot);
                redirects_trim(c);
                return MQC_ERR_NOMEM;
            }
            if (broker_visited(c, h, port)) {
                client_logf(c, "server reference %s:%u: already visited in this chain of "
                            "redirects", h, (unsigned)port);
                mqc_mem_free(&c->mem, h);
            } else {
                got[ngot].host = h;
                got[ngot++].port = port;
            }
        }
        p += len;
    }
    if (!ngot && nvalid) {
        client_logf(c, "redirect loop: \"%s\" names only servers already visited in this "
                    "chain; giving up", ref);
        return MQC_ERR_REDIRECT_LOOP;
    }
    if (!ngot) {
        client_logf(c, "server reference \"%s\" names no server: not followed", ref);
        redirects_trim(c);
        return MQC_ERR_INVAL;
    }
    broker_clear(c, rd->redir, rd->nredir);
    memcpy(rd->redir, got, ngot * sizeof(got[0]));
    rd->nredir = ngot;
    rd->redir_pos = 0;
    client_logf(c, "following the server reference to %s:%u%s", got[0].host,
                (unsigned)got[0].port, ngot > 1 ? " (and the others it names)" : "");
    return 0;
}
