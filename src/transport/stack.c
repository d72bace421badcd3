/* Builds the layers a connection needs on its connected socket. */
#include <stdio.h>

#include "transport/transport.h"

int transport_stack_open(transport **out, int fd, const transport_stack_cfg *cfg,
                         const mqc_mem *mem, char *reason, size_t cap)
{
    transport *t, *up;
    int rv;

    *out = NULL;
    rv = transport_tcp_new(&t, fd, mem);
    if (rv < 0) {
        snprintf(reason, cap, "out of memory");
        return rv;
    }
    if (cfg->tls) {
        rv = transport_tls_new(&up, t, cfg->tls);
        if (rv < 0) {
            snprintf(reason, cap, "TLS layer: %s", mqc_strerror(rv));
            transport_free(t);
            return rv;
        }
        t = up;
    }
    if (cfg->ws) {
        /* The WebSocket layer (ws.c) plugs in here. */
        snprintf(reason, cap, "WebSocket is not built in");
        transport_free(t);
        return MQC_ERR_INVAL;
    }
    *out = t;
    return 0;
}
