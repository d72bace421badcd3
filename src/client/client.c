/* mqc_client: construction, options, the application-facing calls, and the
 * mapping of session events to client events. */
#include <stddef.h>
#include <string.h>

#include "client/client_internal.h"
#include "transport/ws_http.h"
#include "common/mem.h"

void mqc_client_opts_default(mqc_client_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->version = MQC_CLIENT_OPTS_VERSION;
    mqc_session_opts_default(&o->session);
    o->host = "localhost";
    o->port = 1883;
    o->family = 0;
    o->connect_timeout_ms = 10000;
    o->reconnect = 1;
    o->retry_first_connect = 1;
    o->reconnect_min_ms = 1000;
    o->reconnect_max_ms = 30000;
    o->max_reconnects = 0;
    o->read_chunk = 65536;
    o->mem = NULL;
    o->tls.min_version = MQC_TLS_1_2;
    o->tls.session_resume = 1;
}

static void *dup_bytes(const mqc_mem *m, const void *p, size_t n, int nul)
{
    uint8_t *d = mqc_mem_alloc(m, n + (nul ? 1 : 0) + (n == 0));
    if (!d)
        return NULL;
    if (n)
        memcpy(d, p, n);
    if (nul)
        d[n] = 0;
    return d;
}

/* Session events, forwarded with the client as the subject. */

/* 5.0 server redirection (0x9C use another server, 0x9D server moved, or
 * any reason with a Server Reference): kept for mqc_client_server_reference()
 * and logged; with 0x9C/0x9D, client_conn_failed() follows it when
 * follow_redirects allows. */
static void note_server_ref(mqc_client *c, uint8_t reason, const mqc_props *props)
{
    char *r;

    if (!props || !mqc_props_has(props, MQC_PROP_SERVER_REFERENCE))
        return;
    r = dup_bytes(&c->mem, props->server_reference.ptr, props->server_reference.len, 1);
    if (!r)
        return;
    mqc_mem_free(&c->mem, c->server_ref);
    c->server_ref = r;
    if (reason == 0x9C || reason == 0x9D)
        c->redirect_reason = reason;
    client_logf(c, "server reference \"%s\" (reason 0x%02x%s)", r, reason,
                reason == 0x9C ? ": use another server" : reason == 0x9D ? ": server moved" : "");
}

static void on_connack(mqc_session *s, const mqc_connack_info *info, void *ud)
{
    mqc_client *c = ud;
    note_server_ref(c, info->reason, info->props);
    if (info->reason == 0) {
        c->phase = PHASE_UP;
        c->ever_connected = 1;
        backoff_connected(&c->bo, mqc_client_now_ms());
        c->last_err = 0;
        if (c->ai_list) {
            freeaddrinfo(c->ai_list);
            c->ai_list = c->ai_next = NULL;
        }
        client_logf(c, "connected to %s:%u (session present %u%s)", c->at_host,
                    (unsigned)c->at_port, info->session_present,
                    info->session_lost ? ", session lost" : "");
        if (c->cb.on_connected)
            c->cb.on_connected(c, info, c->user_data);
        return;
    }
    /* Reported by client_conn_failed() once the socket is closed. */
    c->refused = 1;
    c->refused_reason = info->reason;
    c->refused_session_present = info->session_present;
    c->refused_fatal = client_refusal_is_fatal(mqc_session_protocol(s), info->reason);
}

static int on_message(mqc_session *s, const mqc_publish *msg, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    return c->cb.on_message ? c->cb.on_message(c, msg, c->user_data) : 0;
}

static void on_publish_done(mqc_session *s, const mqc_publish_result *r, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    if (c->cb.on_publish_done)
        c->cb.on_publish_done(c, r, c->user_data);
}

static void on_suback(mqc_session *s, uint16_t id, uint64_t token, const uint8_t *codes,
                      size_t n, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    if (c->cb.on_suback)
        c->cb.on_suback(c, id, token, codes, n, c->user_data);
}

static void on_unsuback(mqc_session *s, uint16_t id, uint64_t token, const uint8_t *codes,
                        size_t n, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    if (c->cb.on_unsuback)
        c->cb.on_unsuback(c, id, token, codes, n, c->user_data);
}

static void on_disconnect(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    client_logf(c, "server sent DISCONNECT (reason 0x%02x)", reason);
    note_server_ref(c, reason, props);
    backoff_sent_away(&c->bo);
    if (c->cb.on_server_disconnect)
        c->cb.on_server_disconnect(c, reason, props, c->user_data);
}

static int on_auth(mqc_session *s, uint8_t reason, const mqc_props *props, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    return c->cb.on_auth(c, reason, props, c->user_data);
}

static void on_packet(mqc_session *s, int outgoing, const mqc_packet *pkt, void *ud)
{
    mqc_client *c = ud;
    (void)s;
    c->cb.on_trace(c, outgoing, pkt, c->user_data);
}

/* host, or with a list every broker's host, is a non-empty name. */
static int brokers_valid(const mqc_client_opts *o)
{
    size_t i;
    if (!o->nbrokers)
        return o->host && o->host[0];
    if (!o->brokers)
        return 0;
    for (i = 0; i < o->nbrokers; i++)
        if (!o->brokers[i].host || !o->brokers[i].host[0])
            return 0;
    return 1;
}

/* Copies what the client reads later (client_settings) and what the
 * session's options point to (into *so), so the caller's strings may go away. */
static int copy_opts(mqc_client *c, const mqc_client_opts *src, mqc_session_opts *so)
{
    client_settings *cs = &c->opts;
    int rv;
    *so = src->session;
    cs->family = src->family;
    cs->connect_timeout_ms = src->connect_timeout_ms;
    cs->max_reconnects = src->max_reconnects;
    cs->read_chunk = src->read_chunk;
    cs->reconnect = src->reconnect;
    cs->retry_first_connect = src->retry_first_connect;
    cs->follow_redirects = src->follow_redirects;
    cs->ws.enable = src->ws.enable;
    cs->tls.server_name = src->tls.server_name != NULL;
    if ((rv = brokers_init(c, src)))
        return rv;
    if (so->client_id.len) {
        c->client_id = dup_bytes(&c->mem, so->client_id.ptr, so->client_id.len, 1);
        if (!c->client_id)
            return MQC_ERR_NOMEM;
        so->client_id.ptr = c->client_id;
    } else {
        so->client_id.ptr = "";
    }
    if (so->username) {
        c->username = dup_bytes(&c->mem, so->username, strlen(so->username), 1);
        if (!c->username)
            return MQC_ERR_NOMEM;
        so->username = c->username;
    }
    if (so->password) {
        c->password_bytes = dup_bytes(&c->mem, so->password->ptr, so->password->len, 0);
        if (!c->password_bytes)
            return MQC_ERR_NOMEM;
        c->password.ptr = c->password_bytes;
        c->password.len = so->password->len;
        so->password = &c->password;
    }
    if (so->will.topic) {
        c->will_topic = dup_bytes(&c->mem, so->will.topic, strlen(so->will.topic), 1);
        c->will_payload = dup_bytes(&c->mem, so->will.payload.ptr, so->will.payload.len, 0);
        if (!c->will_topic || !c->will_payload)
            return MQC_ERR_NOMEM;
        so->will.topic = c->will_topic;
        so->will.payload.ptr = c->will_payload;
    }
    if (src->ws.path &&
        !(cs->ws.path = dup_bytes(&c->mem, src->ws.path, strlen(src->ws.path), 1)))
        return MQC_ERR_NOMEM;
    if (src->local.bind_address &&
        !(cs->local.bind_address = dup_bytes(&c->mem, src->local.bind_address,
                                             strlen(src->local.bind_address), 1)))
        return MQC_ERR_NOMEM;
    if (src->local.unix_path &&
        !(cs->local.unix_path = dup_bytes(&c->mem, src->local.unix_path,
                                          strlen(src->local.unix_path), 1)))
        return MQC_ERR_NOMEM;
    return 0;
}

int mqc_client_new(mqc_client **out, const mqc_client_opts *opts,
                   const mqc_client_callbacks *cb, void *user_data)
{
    mqc_client_opts defaults;
    mqc_session_opts so;
    mqc_mem mem;
    mqc_client *c;
    mqc_callbacks scb;
    int rv;

    if (!out)
        return MQC_ERR_INVAL;
    *out = NULL;
    if (!opts) {
        mqc_client_opts_default(&defaults);
        opts = &defaults;
    }
    if (opts->version >= 1 && opts->version <= 3) {
        /* An older caller's struct ends before tls (1), ws (2) or brokers (3). */
        mqc_client_opts_default(&defaults);
        memcpy(&defaults, opts, opts->version == 1   ? offsetof(mqc_client_opts, tls)
                                : opts->version == 2 ? offsetof(mqc_client_opts, ws)
                                                     : offsetof(mqc_client_opts, brokers));
        defaults.version = MQC_CLIENT_OPTS_VERSION;
        opts = &defaults;
    }
    if (opts->version != MQC_CLIENT_OPTS_VERSION || !brokers_valid(opts) ||
        (cb && cb->version != MQC_CLIENT_CALLBACKS_VERSION) ||
        (opts->family != 0 && opts->family != 4 && opts->family != 6) ||
        opts->reconnect_min_ms > opts->reconnect_max_ms ||
        (opts->ws.enable && opts->ws.path && !ws_path_valid(opts->ws.path)) ||
        (opts->local.unix_path && !opts->local.unix_path[0]))
        return MQC_ERR_INVAL;
    rv = mqc_mem_resolve(&mem, opts->mem);
    if (rv)
        return rv;
    c = mqc_mem_alloc(&mem, sizeof(*c));
    if (!c)
        return MQC_ERR_NOMEM;
    memset(c, 0, sizeof(*c));
    c->mem = mem;
    c->fd = -1;
    c->user_data = user_data;
    if (cb)
        c->cb = *cb;
    backoff_init(&c->bo, opts->reconnect_min_ms, opts->reconnect_max_ms,
                 MQC_RECONNECT_STABLE_MS);
    c->rng = (uint64_t)(uintptr_t)c ^ mqc_client_now_ms() ^ 0x9E3779B97F4A7C15ull;
    rv = copy_opts(c, opts, &so);
    if (rv)
        goto fail;
    if (opts->tls.enable) {
        char why[TRANSPORT_REASON_MAX];
        const char *name = opts->tls.server_name ? opts->tls.server_name : c->list[0].host;
        why[0] = 0;
        rv = tls_config_new(&c->tls, &opts->tls, name, &c->mem, why, sizeof(why));
        if (rv) {
            client_logf(c, "TLS: %s", why);
            goto fail;
        }
    }
    /* No read buffer yet: net.c makes one when the traffic needs it. */
    memset(&scb, 0, sizeof(scb));
    scb.version = MQC_CALLBACKS_VERSION;
    scb.on_connack = on_connack;
    scb.on_message = on_message;
    scb.on_publish_done = on_publish_done;
    scb.on_suback = on_suback;
    scb.on_unsuback = on_unsuback;
    scb.on_disconnect = on_disconnect;
    /* Only a trace needs every packet: decoding each one we send again
     * for it cost the publisher an eighth of its instructions. */
    scb.on_packet = c->cb.on_trace ? on_packet : NULL;
    if (c->cb.on_auth) /* without it an AUTH is a protocol error */
        scb.on_auth = on_auth;
    rv = mqc_session_new(&c->session, &so, &scb, c, opts->mem);
    if (rv)
        goto fail;
    *out = c;
    return 0;
fail:
    mqc_client_del(c);
    return rv;
}

void mqc_client_del(mqc_client *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        client_close_socket(c, mqc_client_now_ms());
    if (c->ai_list)
        freeaddrinfo(c->ai_list);
    if (c->session)
        mqc_session_del(c->session);
    tls_config_free(c->tls);
    mqc_mem_free(&c->mem, c->server_ref);
    brokers_free(c);
    mqc_mem_free(&c->mem, c->opts.ws.path);
    mqc_mem_free(&c->mem, c->opts.local.bind_address);
    mqc_mem_free(&c->mem, c->opts.local.unix_path);
    mqc_mem_free(&c->mem, c->err_detail);
    mqc_mem_free(&c->mem, c->client_id);
    mqc_mem_free(&c->mem, c->username);
    mqc_mem_free(&c->mem, c->password_bytes);
    mqc_mem_free(&c->mem, c->will_topic);
    mqc_mem_free(&c->mem, c->will_payload);
    mqc_mem_free(&c->mem, c->rbuf);
    mqc_mem_free(&c->mem, c);
}

static int accepting(const mqc_client *c)
{
    return c->phase != PHASE_STOPPED && !c->draining;
}

int mqc_client_publish_msg(mqc_client *c, const mqc_publish *msg, uint64_t token)
{
    mqc_publish m;
    if (!c || !msg)
        return MQC_ERR_INVAL;
    if (!accepting(c))
        return MQC_ERR_STATE;
    m = *msg;
    m.dup = 0;
    m.id = 0;
    return mqc_session_publish(c->session, &m, token, mqc_client_now_ms());
}

int mqc_client_publish(mqc_client *c, const char *topic, const void *payload, size_t len,
                       int qos, int retain, const mqc_props *props, uint64_t token)
{
    mqc_publish m;
    if (!topic || qos < 0 || qos > 2 || (len && !payload))
        return MQC_ERR_INVAL;
    memset(&m, 0, sizeof(m));
    m.topic.ptr = topic;
    m.topic.len = strlen(topic);
    m.payload.ptr = payload;
    m.payload.len = len;
    m.qos = (uint8_t)qos;
    m.retain = retain ? 1 : 0;
    m.props = props;
    return mqc_client_publish_msg(c, &m, token);
}

int mqc_client_subscribe(mqc_client *c, const mqc_subscription *subs, size_t n,
                         const mqc_props *props, uint64_t token, uint16_t *id_out)
{
    if (!c || !subs || !n)
        return MQC_ERR_INVAL;
    if (!accepting(c))
        return MQC_ERR_STATE;
    return mqc_session_subscribe(c->session, subs, n, props, token, id_out,
                                 mqc_client_now_ms());
}

int mqc_client_unsubscribe(mqc_client *c, const mqc_str *filters, size_t n,
                           const mqc_props *props, uint64_t token, uint16_t *id_out)
{
    if (!c || !filters || !n)
        return MQC_ERR_INVAL;
    if (!accepting(c))
        return MQC_ERR_STATE;
    return mqc_session_unsubscribe(c->session, filters, n, props, token, id_out,
                                   mqc_client_now_ms());
}

int mqc_client_ack(mqc_client *c, uint16_t id, uint8_t reason)
{
    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase == PHASE_STOPPED)
        return MQC_ERR_STATE;
    return mqc_session_ack(c->session, id, reason, mqc_client_now_ms());
}

int mqc_client_auth(mqc_client *c, uint8_t reason, const mqc_props *props)
{
    if (!c)
        return MQC_ERR_INVAL;
    if (c->phase == PHASE_STOPPED)
        return MQC_ERR_STATE;
    return mqc_session_auth(c->session, reason, props, mqc_client_now_ms());
}

const char *mqc_client_server_reference(const mqc_client *c)
{
    return c ? c->server_ref : NULL;
}

const char *mqc_client_broker(const mqc_client *c, uint16_t *port)
{
    const char *h = c->at_host ? c->at_host : c->list[c->bi].host;
    if (port)
        *port = c->at_host ? c->at_port : c->list[c->bi].port;
    return h;
}

mqc_client_state mqc_client_get_state(const mqc_client *c)
{
    switch (c->phase) {
    case PHASE_IDLE: return MQC_CLIENT_IDLE;
    case PHASE_STOPPED: return MQC_CLIENT_STOPPED;
    default: break;
    }
    if (c->draining)
        return MQC_CLIENT_DISCONNECTING;
    switch (c->phase) {
    case PHASE_UP: return MQC_CLIENT_CONNECTED;
    case PHASE_BACKOFF: return MQC_CLIENT_BACKOFF;
    default: return MQC_CLIENT_CONNECTING;
    }
}

int mqc_client_is_connected(const mqc_client *c)
{
    return c->phase == PHASE_UP;
}

int mqc_client_last_error(const mqc_client *c)
{
    return c->last_err;
}

const char *mqc_client_error_detail(const mqc_client *c)
{
    return c->err_detail ? c->err_detail : "";
}

int mqc_client_tls_resumed(const mqc_client *c)
{
    return c->tls ? tls_config_resumed(c->tls) : 0;
}

mqc_session *mqc_client_session(mqc_client *c)
{
    return c->session;
}

void *mqc_client_user_data(const mqc_client *c)
{
    return c->user_data;
}
