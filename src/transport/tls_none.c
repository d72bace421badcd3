/* TLS for a build without it (-DMQC_TLS=off): asking for it is a clear
 * configuration error, never a silent plain connection. */
#include <stdio.h>

#include "transport/transport.h"

int tls_config_new(tls_config **out, const mqc_tls_opts *o, const char *server_name,
                   const mqc_mem *mem, char *reason, size_t cap)
{
    (void)o;
    (void)server_name;
    (void)mem;
    *out = NULL;
    snprintf(reason, cap, "TLS is not built in (built with MQC_TLS=off)");
    return MQC_ERR_TLS_CONFIG;
}

int tls_config_set_name(tls_config *cfg, const char *server_name)
{
    (void)cfg;
    (void)server_name;
    return 0;
}

void tls_config_free(tls_config *cfg)
{
    (void)cfg;
}

const char *tls_backend_name(void)
{
    return NULL;
}

int transport_tls_new(transport **out, transport *lower, tls_config *cfg)
{
    (void)lower;
    (void)cfg;
    *out = NULL;
    return MQC_ERR_TLS_CONFIG;
}

int tls_config_resumed(const tls_config *cfg)
{
    (void)cfg;
    return 0;
}

const char *tls_config_describe(const tls_config *cfg)
{
    (void)cfg;
    return "";
}
