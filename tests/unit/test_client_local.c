/*
 * mqc_client_opts.local (version 4): unix_path connects over AF_UNIX (no
 * name lookup: the host does not resolve) and the CONNECT arrives there;
 * bind_address is the source address the listener sees (127.0.0.2); a bind
 * that cannot be done fails the attempt with MQC_ERR_IO; a version 3
 * caller's struct ends before local, so whatever follows it is ignored; an
 * empty unix_path is MQC_ERR_INVAL.
 * MQC_TEST_HOST_ONLY: the client layer (sockets), not built for the Cortex-M port.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "mqc.h"

typedef struct seen {
    int failed_err;
    int stopped;
} seen;

static void on_connect_failed(mqc_client *c, int err, const mqc_connack_info *info,
                              int will_retry, void *ud)
{
    seen *s = ud;
    (void)c;
    (void)info;
    (void)will_retry;
    s->failed_err = err;
}

static void on_stopped(mqc_client *c, int err, void *ud)
{
    seen *s = ud;
    (void)c;
    (void)err;
    s->stopped = 1;
}

static mqc_client *new_client(mqc_client_opts *o, seen *s)
{
    mqc_client_callbacks cb;
    mqc_client *c = NULL;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connect_failed = on_connect_failed;
    cb.on_stopped = on_stopped;
    o->retry_first_connect = 0;
    assert_int_equal(mqc_client_new(&c, o, &cb, s), 0);
    return c;
}

static void step(mqc_client *c, int ms)
{
    struct pollfd p = {mqc_client_fd(c), 0, 0};
    if (p.fd >= 0) {
        p.events = (short)((mqc_client_want_read(c) ? POLLIN : 0) |
                           (mqc_client_want_write(c) ? POLLOUT : 0));
        if (poll(&p, 1, ms) > 0) {
            if (p.revents & (POLLIN | POLLERR | POLLHUP))
                mqc_client_handle_read(c);
            if ((p.revents & POLLOUT) && mqc_client_fd(c) == p.fd)
                mqc_client_handle_write(c);
        }
    }
    mqc_client_handle_timeout(c);
}

/* Runs the client until lfd has a connection and its first byte came:
 * returns that byte (0x10 for CONNECT), the peer's address in *peer. */
static int first_byte(mqc_client *c, int lfd, struct sockaddr_storage *peer)
{
    socklen_t len = sizeof(*peer);
    int fd = -1, i;
    uint8_t b;
    for (i = 0; i < 200 && fd < 0; i++) {
        struct pollfd p = {lfd, POLLIN, 0};
        step(c, 10);
        if (poll(&p, 1, 10) > 0)
            fd = accept(lfd, (struct sockaddr *)peer, &len);
    }
    assert_true(fd >= 0);
    for (i = 0; i < 200; i++) {
        struct pollfd p = {fd, POLLIN, 0};
        step(c, 10);
        if (poll(&p, 1, 10) > 0) {
            assert_int_equal(read(fd, &b, 1), 1);
            close(fd);
            return b;
        }
    }
    close(fd);
    return -1;
}

static int tcp_listener(uint16_t *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static int unix_listener(char *path, size_t cap)
{
    struct sockaddr_un a;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(path, cap, "/tmp/mqc-test-local-%ld.sock", (long)getpid());
    unlink(path);
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, path);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(fd, 4), 0);
    return fd;
}

static void test_unix_path(void **state)
{
    mqc_client_opts o;
    struct sockaddr_storage peer;
    char path[108];
    seen s = {0, 0};
    int lfd = unix_listener(path, sizeof(path));
    mqc_client *c;
    (void)state;
    mqc_client_opts_default(&o);
    o.host = "no-such-host.invalid"; /* a lookup would fail: it must not happen */
    o.local.unix_path = path;
    c = new_client(&o, &s);
    assert_int_equal(mqc_client_connect(c), 0);
    assert_int_equal(first_byte(c, lfd, &peer), 0x10);
    assert_int_equal(peer.ss_family, AF_UNIX);
    assert_int_equal(s.failed_err, 0);
    mqc_client_del(c);
    close(lfd);
    unlink(path);
}

static void test_bind_address(void **state)
{
    mqc_client_opts o;
    struct sockaddr_storage peer;
    char addr[INET_ADDRSTRLEN];
    seen s = {0, 0};
    uint16_t port;
    int lfd = tcp_listener(&port);
    mqc_client *c;
    (void)state;
    mqc_client_opts_default(&o);
    o.host = "127.0.0.1";
    o.port = port;
    o.local.bind_address = "127.0.0.2";
    c = new_client(&o, &s);
    assert_int_equal(mqc_client_connect(c), 0);
    assert_int_equal(first_byte(c, lfd, &peer), 0x10);
    assert_int_equal(peer.ss_family, AF_INET);
    inet_ntop(AF_INET, &((struct sockaddr_in *)&peer)->sin_addr, addr, sizeof(addr));
    assert_string_equal(addr, "127.0.0.2");
    mqc_client_del(c);
    close(lfd);
}

static void test_bind_fails(void **state)
{
    mqc_client_opts o;
    seen s = {0, 0};
    uint16_t port;
    int lfd = tcp_listener(&port), i;
    mqc_client *c;
    (void)state;
    mqc_client_opts_default(&o);
    o.host = "127.0.0.1";
    o.port = port;
    o.local.bind_address = "192.0.2.1"; /* TEST-NET-1: not an address of ours */
    c = new_client(&o, &s);
    assert_int_equal(mqc_client_connect(c), 0);
    for (i = 0; i < 200 && !s.stopped; i++)
        step(c, 10);
    assert_int_equal(s.failed_err, MQC_ERR_IO);
    assert_true(s.stopped);
    mqc_client_del(c);
    close(lfd);
}

static void test_version3_ignores_local(void **state)
{
    mqc_client_opts o;
    struct sockaddr_storage peer;
    seen s = {0, 0};
    uint16_t port;
    int lfd = tcp_listener(&port);
    mqc_client *c;
    (void)state;
    mqc_client_opts_default(&o);
    o.version = 3;
    o.host = "127.0.0.1";
    o.port = port;
    /* Past the end of a version 3 struct: not the caller's, so not read. */
    o.local.unix_path = "/nonexistent/socket";
    o.local.bind_address = "192.0.2.1";
    c = new_client(&o, &s);
    assert_int_equal(mqc_client_connect(c), 0);
    assert_int_equal(first_byte(c, lfd, &peer), 0x10);
    assert_int_equal(peer.ss_family, AF_INET);
    mqc_client_del(c);
    close(lfd);
}

static void test_empty_unix_path(void **state)
{
    mqc_client_opts o;
    mqc_client *c = NULL;
    (void)state;
    mqc_client_opts_default(&o);
    o.local.unix_path = "";
    assert_int_equal(mqc_client_new(&c, &o, NULL, NULL), MQC_ERR_INVAL);
    assert_null(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unix_path),
        cmocka_unit_test(test_bind_address),
        cmocka_unit_test(test_bind_fails),
        cmocka_unit_test(test_version3_ignores_local),
        cmocka_unit_test(test_empty_unix_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
