/* Messages about the connection, shared by pub and sub. */
#include "cli.h"

void cli_report_connect_failed(const cli_opts *o, int err, const mqc_connack_info *info,
                               int will_retry)
{
    if (info) {
        if (o->protocol == MQC_V5)
            cli_err(o, "connection refused by %s:%u: %s (CONNACK reason code 0x%02x)%s",
                    o->host, o->port, cli_connack_name(o->protocol, info->reason),
                    info->reason, will_retry ? ", retrying" : "");
        else
            cli_err(o, "connection refused by %s:%u: %s (CONNACK return code %u)%s",
                    o->host, o->port, cli_connack_name(o->protocol, info->reason),
                    info->reason, will_retry ? ", retrying" : "");
        return;
    }
    if (will_retry) {
        if (o->debug)
            cli_err(o, "connecting to %s:%u failed: %s; retrying", o->host, o->port,
                    mqc_strerror(err));
        return;
    }
    if (cli_last_note[0] && err != MQC_ERR_CONNACK_REFUSED)
        cli_err(o, "cannot connect to %s:%u: %s (%s)", o->host, o->port, mqc_strerror(err),
                cli_last_note);
    else
        cli_err(o, "cannot connect to %s:%u: %s", o->host, o->port, mqc_strerror(err));
}

void cli_report_lost(const cli_opts *o, int err, int will_retry)
{
    cli_err(o, "connection lost: %s%s", mqc_strerror(err), will_retry ? "; reconnecting" : "");
}
