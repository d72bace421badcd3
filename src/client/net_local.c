/* The client's own end of the connection (mqc_local_opts): a local address
 * to bind to, or an AF_UNIX socket instead of TCP. Kept apart from net.c,
 * which only calls in here when one of them is set. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "client/client_internal.h"

int client_bind_local(mqc_client *c, int fd, int family)
{
    struct addrinfo hints, *list = NULL, *ai;
    int rv;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    rv = getaddrinfo(c->opts.local.bind_address, NULL, &hints, &list);
    if (rv != 0) {
        client_logf(c, "bind address %s: %s", c->opts.local.bind_address, gai_strerror(rv));
        return -1;
    }
    for (ai = list; ai; ai = ai->ai_next)
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
    if (!ai)
        client_logf(c, "bind to %s: %s", c->opts.local.bind_address, strerror(errno));
    freeaddrinfo(list);
    return ai ? 0 : -1;
}

int client_unix_connect(mqc_client *c, mqc_tstamp now)
{
    struct sockaddr_un sa;
    const char *path = c->opts.local.unix_path;
    int fd, flags;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        client_logf(c, "unix socket path too long: %s", path);
        return MQC_ERR_IO;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path));
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        client_logf(c, "unix socket: %s", strerror(errno));
        return MQC_ERR_IO;
    }
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        client_logf(c, "fcntl: %s", strerror(errno));
        close(fd);
        return MQC_ERR_IO;
    }
    client_logf(c, "connecting to unix:%s", path);
    c->fd = fd;
    c->gen++;
    c->attempt_deadline = c->opts.connect_timeout_ms ? now + c->opts.connect_timeout_ms
                                                     : MQC_TSTAMP_NONE;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
        return 1;
    /* A full listen queue says EAGAIN on AF_UNIX; it completes like TCP's
     * EINPROGRESS (writable, then SO_ERROR). */
    if (errno == EINPROGRESS || errno == EAGAIN || errno == EINTR)
        return 0;
    client_logf(c, "connect to unix:%s: %s", path, strerror(errno));
    close(fd);
    c->fd = -1;
    return MQC_ERR_IO;
}
