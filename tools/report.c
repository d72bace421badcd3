/* Messages about the connection, shared by pub, sub and rr. */
#include "cli.h"

static uint8_t refused_code; /* the last CONNACK refusal's code */
static int final_err;        /* the last connection failure not retried */

/* The broker for messages: host:port, or the --unix socket. */
static const char *where(const cli_opts *o)
{
    static char buf[1100];
    if (o->unix_path)
        snprintf(buf, sizeof(buf), "unix:%s", o->unix_path);
    else
        snprintf(buf, sizeof(buf), "%s:%u", o->host, o->port);
    return buf;
}

void cli_report_connect_failed(const cli_opts *o, int err, const mqc_connack_info *info,
                               int will_retry, const char *detail)
{
    if (!will_retry)
        final_err = err;
    if (info) {
        refused_code = info->reason;
        if (o->protocol == MQC_V5)
            cli_err(o, "connection refused by %s: %s (CONNACK reason code 0x%02x)%s",
                    where(o), cli_connack_name(o->protocol, info->reason),
                    info->reason, will_retry ? ", retrying" : "");
        else
            cli_err(o, "connection refused by %s: %s (CONNACK return code %u)%s",
                    where(o), cli_connack_name(o->protocol, info->reason),
                    info->reason, will_retry ? ", retrying" : "");
        return;
    }
    if (will_retry) {
        if (o->debug)
            cli_err(o, "connecting to %s failed: %s; retrying", where(o),
                    mqc_strerror(err));
        return;
    }
    if (detail && detail[0])
        cli_err(o, "cannot connect to %s: %s (%s)", where(o), mqc_strerror(err),
                detail);
    else if (cli_last_note[0] && err != MQC_ERR_CONNACK_REFUSED)
        cli_err(o, "cannot connect to %s: %s (%s)", where(o), mqc_strerror(err),
                cli_last_note);
    else
        cli_err(o, "cannot connect to %s: %s", where(o), mqc_strerror(err));
}

void cli_report_lost(const cli_opts *o, int err, int will_retry, const char *detail)
{
    if (!will_retry)
        final_err = err;
    if (detail && detail[0] && (err == MQC_ERR_TLS || err == MQC_ERR_TLS_VERIFY))
        cli_err(o, "connection lost: %s (%s)%s", mqc_strerror(err), detail,
                will_retry ? "; reconnecting" : "");
    else
        cli_err(o, "connection lost: %s%s", mqc_strerror(err),
                will_retry ? "; reconnecting" : "");
}

int cli_final_error(void)
{
    return final_err;
}

int cli_exit_status(int err)
{
    switch (err) {
    case 0:
        return CLI_EXIT_OK;
    case MQC_ERR_CONNACK_REFUSED:
        /* mosquitto_pub/sub exit with the code itself: 5 "not authorized"
         * in 3.1/3.1.1, 135 (0x87) in 5.0. */
        return refused_code ? refused_code : CLI_EXIT_ERROR;
    case MQC_ERR_STORE:
    case MQC_ERR_STORE_LOCKED:
    case MQC_ERR_STORE_MISMATCH:
    case MQC_ERR_STORE_CORRUPT:
    case MQC_ERR_STORE_SYNC:
        return CLI_EXIT_STORE;
    default:
        return CLI_EXIT_ERROR;
    }
}
