/* --store: the file store of mqc pub and mqc sub, and the note in it (two
 * counters: pub keeps messages accepted and the input offset after the
 * last; sub the output offset and messages written). */
#include <errno.h>
#include <string.h>

#include "cli.h"

static int report(const cli_opts *o, const mqc_log_recovery *r)
{
    if (r->torn)
        cli_err(o, "store %s: the log ended inside a commit (a write cut short): "
                   "recovered %zu commits up to byte %llu of %llu, the rest dropped",
                o->store_dir, r->commits, (unsigned long long)r->valid_bytes,
                (unsigned long long)r->log_bytes);
    if (r->damaged && !o->store_repair)
        cli_err(o, "store %s: DAMAGED: a commit failed its check at byte %llu of %llu; "
                   "recovered %zu commits before it (%zu messages, %zu inbound ids). Not "
                   "used: what came after is lost to it, and going on could duplicate. "
                   "--store-repair goes on from there (the whole log is saved to "
                   "%s/log.damaged first)",
                o->store_dir, (unsigned long long)r->valid_bytes,
                (unsigned long long)r->log_bytes, r->commits, r->messages, r->inbound,
                o->store_dir);
    else if (r->damaged)
        cli_err(o, "store %s: DAMAGED: a commit failed its check at byte %llu of %llu; "
                   "recovered %zu commits before it, %zu messages, %zu inbound ids; the "
                   "whole log was saved to %s/log.damaged (--store-repair)",
                o->store_dir, (unsigned long long)r->valid_bytes,
                (unsigned long long)r->log_bytes, r->commits, r->messages, r->inbound,
                o->store_dir);
    else if (o->debug && (r->messages || r->inbound))
        cli_err(o, "store %s: recovered %zu messages and %zu inbound QoS 2 ids",
                o->store_dir, r->messages, r->inbound);
    return 0;
}

int cli_store_open(const cli_opts *o, mqc_store *st, mqc_client_opts *co,
                   int (*before_commit)(void *, int), void *user)
{
    char id[1024];
    mqc_log_opts lo;
    mqc_log_recovery r;
    int n, rv;

    /* Whose session this is: the same client id at the same broker in the
     * same protocol, or the broker's state and ours do not belong together. */
    n = snprintf(id, sizeof(id), "mqc store 1\nclient id %s\nprotocol %d\nbroker %s:%u\n",
                 o->id, (int)o->protocol, o->host, o->port);
    if (n < 0 || (size_t)n >= sizeof(id)) {
        cli_err(o, "--store: client id or host too long");
        return CLI_EXIT_STORE;
    }
    mqc_log_opts_default(&lo);
    lo.sync = o->sync;
    lo.identity.ptr = (const uint8_t *)id;
    lo.identity.len = (size_t)n;
    lo.before_commit = before_commit;
    lo.user = user;
    lo.repair = (uint8_t)o->store_repair;
    memset(&r, 0, sizeof(r));
    rv = mqc_store_file_open(st, o->store_dir, &lo, &r);
    if (rv == MQC_ERR_STORE_CORRUPT && r.damaged) {
        report(o, &r);
        return CLI_EXIT_STORE;
    }
    if (rv == MQC_ERR_STORE_MISMATCH) {
        cli_err(o, "store %s belongs to another session (client id, protocol or broker "
                   "differ from '%s', %s, %s:%u): refusing to mix them",
                o->store_dir, o->id, o->protocol == MQC_V5 ? "MQTT 5.0" : "MQTT 3.1.1",
                o->host, o->port);
        return CLI_EXIT_STORE;
    }
    if (rv == MQC_ERR_STORE_LOCKED) {
        cli_err(o, "store %s is in use by another process", o->store_dir);
        return CLI_EXIT_STORE;
    }
    if (rv < 0) {
        cli_err(o, "cannot open store %s: %s%s%s", o->store_dir, mqc_strerror(rv),
                rv == MQC_ERR_STORE ? ": " : "", rv == MQC_ERR_STORE ? strerror(errno) : "");
        return CLI_EXIT_STORE;
    }
    co->session.store = st;
    /* A store an earlier run wrote is a session going on (a restart after a
     * crash, its messages waiting): a failed first connection is retried like
     * a lost one, not the error it is for a client that never started. */
    if (r.commits > 0)
        co->retry_first_connect = 1;
    return report(o, &r);
}

void cli_store_get_note(const mqc_store *st, uint64_t *a, uint64_t *b)
{
    const uint8_t *p;
    size_t len;
    unsigned i;

    *a = *b = 0;
    mqc_store_log_get_note(st, &p, &len);
    if (len != 16)
        return;
    for (i = 0; i < 8; i++) {
        *a |= (uint64_t)p[i] << (8 * i);
        *b |= (uint64_t)p[8 + i] << (8 * i);
    }
}

int cli_store_set_note(mqc_store *st, uint64_t a, uint64_t b)
{
    uint8_t p[16];
    unsigned i;

    for (i = 0; i < 8; i++) {
        p[i] = (uint8_t)(a >> (8 * i));
        p[8 + i] = (uint8_t)(b >> (8 * i));
    }
    return mqc_store_log_note(st, p, sizeof(p));
}
