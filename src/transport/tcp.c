/* The bottom transport: a connected non-blocking TCP socket. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/mem.h"
#include "transport/transport.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

static int tcp_handshake(transport *t)
{
    (void)t; /* connect() finished before the layer was made */
    return 0;
}

static mqc_ssize tcp_read(transport *t, uint8_t *buf, size_t cap)
{
    for (;;) {
        ssize_t r = recv(t->fd, buf, cap, 0);
        if (r > 0) {
            /* Fewer than asked: the socket is empty now (epoll(7) counts a
             * short read as EAGAIN), so the caller need not ask again. */
            t->read_wants = (size_t)r < cap ? TRANSPORT_WANT_READ : 0;
            return (mqc_ssize)r;
        }
        if (r == 0)
            return transport_fail(t, MQC_ERR_CLOSED, "connection closed by the server");
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            t->read_wants = TRANSPORT_WANT_READ;
            return 0;
        }
        return transport_fail(t, MQC_ERR_IO, "recv: %s", strerror(errno));
    }
}

static mqc_ssize tcp_write(transport *t, const uint8_t *buf, size_t len)
{
    for (;;) {
        ssize_t w = send(t->fd, buf, len, MSG_NOSIGNAL);
        if (w >= 0) {
            t->write_wants = 0;
            return (mqc_ssize)w;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            t->write_wants = TRANSPORT_WANT_WRITE;
            return 0;
        }
        return transport_fail(t, MQC_ERR_IO, "send: %s", strerror(errno));
    }
}

static int tcp_shutdown(transport *t)
{
    return shutdown(t->fd, SHUT_WR) == 0 ? 0 : MQC_ERR_IO;
}

static void tcp_destroy(transport *t)
{
    if (t->fd >= 0)
        close(t->fd);
    mqc_mem_free(t->mem, t);
}

static const transport_ops tcp_ops = {
    "tcp", tcp_handshake, tcp_read, tcp_write, NULL, tcp_shutdown, tcp_destroy,
};

int transport_tcp_new(transport **out, int fd, const mqc_mem *mem)
{
    transport *t = transport_alloc(sizeof(*t), &tcp_ops, NULL, mem);
    *out = NULL;
    if (!t) {
        close(fd);
        return MQC_ERR_NOMEM;
    }
    t->fd = fd;
    t->ready = 1;
    *out = t;
    return 0;
}
