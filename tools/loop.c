/* The command's event loop: the client's socket, one optional extra fd
 * (stdin for pub -l), and a self-pipe that turns SIGINT/SIGTERM into an
 * event. It drives the client through its external-loop interface. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int sig_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    char b = (char)sig;
    if (write(sig_pipe[1], &b, 1) < 0) {
        /* Pipe full: a signal is already pending, nothing to add. */
    }
    errno = saved;
}

int cli_loop_init(void)
{
    struct sigaction sa;
    int i;
    if (pipe(sig_pipe) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A closed stdout (sub | head) must be a write error, handled like any
     * other (nothing unprinted is acked, DISCONNECT goes out), not a kill. */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    return 0;
}

int cli_loop_once(mqc_client *c, int extra_fd, int *extra_ready, int timeout_ms)
{
    struct pollfd p[3];
    int n = 0, ci = -1, si, xi = -1, t, got_signal = 0, rv;
    int cfd = mqc_client_fd(c);

    if (extra_ready)
        *extra_ready = 0;
    if (cfd >= 0) {
        ci = n;
        p[n].fd = cfd;
        p[n].events = (short)((mqc_client_want_read(c) ? POLLIN : 0) |
                              (mqc_client_want_write(c) ? POLLOUT : 0));
        p[n++].revents = 0;
    }
    si = n;
    p[n].fd = sig_pipe[0];
    p[n].events = POLLIN;
    p[n++].revents = 0;
    if (extra_fd >= 0) {
        xi = n;
        p[n].fd = extra_fd;
        p[n].events = POLLIN;
        p[n++].revents = 0;
    }
    t = mqc_client_timeout_ms(c);
    if (timeout_ms >= 0 && (t < 0 || timeout_ms < t))
        t = timeout_ms;
    rv = poll(p, (nfds_t)n, t);
    if (rv < 0)
        rv = 0; /* EINTR: the self-pipe tells us about signals */
    if (rv > 0 && (p[si].revents & POLLIN)) {
        char buf[16];
        while (read(sig_pipe[0], buf, sizeof(buf)) > 0) {
        }
        got_signal = 1;
    }
    if (rv > 0 && ci >= 0) {
        if (p[ci].revents & (POLLIN | POLLERR | POLLHUP))
            mqc_client_handle_read(c);
        /* A reconnect inside handle_read may have replaced the socket;
         * handle_write on the new one is harmless. */
        if ((p[ci].revents & POLLOUT) && mqc_client_fd(c) == cfd)
            mqc_client_handle_write(c);
    }
    if (rv > 0 && xi >= 0 && extra_ready)
        *extra_ready = p[xi].revents;
    if (mqc_client_get_state(c) != MQC_CLIENT_STOPPED)
        mqc_client_handle_timeout(c);
    return got_signal;
}
