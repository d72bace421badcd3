/* Drives a client whose inbound window is full of messages the application
 * has not acked (MQC_ACK_DEFER, Receive Maximum 2) while the broker keeps
 * sending. argv: port, "ext" (an application loop over mqc_client_fd and
 * want_read/want_write) or "poll" (mqc_client_poll). Prints how many loop
 * iterations ran in 2.5 s, how many messages arrived and the final state. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mqc.h"

static int messages;

static int on_message(mqc_client *c, const mqc_publish *m, void *ud)
{
    (void)c;
    (void)m;
    (void)ud;
    messages++;
    return MQC_ACK_DEFER;
}

int main(int argc, char **argv)
{
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_client *c;
    long iterations = 0;
    mqc_tstamp end;
    int ext;

    if (argc != 3)
        return 2;
    ext = !strcmp(argv[2], "ext");
    mqc_client_opts_default(&o);
    o.host = "127.0.0.1";
    o.port = (uint16_t)atoi(argv[1]);
    o.session.receive_max = 2;
    o.reconnect = 0;
    memset(&cb, 0, sizeof cb);
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_message = on_message;
    if (mqc_client_new(&c, &o, &cb, NULL) < 0)
        return 2;
    mqc_client_connect(c);
    end = mqc_client_now_ms() + 2500;
    while (mqc_client_now_ms() < end && mqc_client_get_state(c) != MQC_CLIENT_STOPPED) {
        iterations++;
        if (ext) {
            struct pollfd p = {mqc_client_fd(c), 0, 0};
            int t = mqc_client_timeout_ms(c);
            if (mqc_client_want_read(c))
                p.events |= POLLIN;
            if (mqc_client_want_write(c))
                p.events |= POLLOUT;
            if (t < 0 || t > 100)
                t = 100;
            if (poll(&p, p.fd >= 0, t) > 0) {
                if (p.revents & (POLLIN | POLLERR | POLLHUP))
                    mqc_client_handle_read(c);
                if (p.revents & POLLOUT)
                    mqc_client_handle_write(c);
            }
            mqc_client_handle_timeout(c);
        } else {
            mqc_client_poll(c, 100);
        }
    }
    printf("%ld %d %d\n", iterations, messages, (int)mqc_client_get_state(c));
    mqc_client_del(c);
    return 0;
}
