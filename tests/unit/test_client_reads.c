/*
 * How often the client reads its socket (net.c client_read over the tcp
 * layer): a read that returned fewer bytes than asked took all there was,
 * so the client goes back to poll() instead of reading again into EAGAIN.
 * At window 1 that is one recv() per inbound PUBLISH, not two; a burst of
 * small packets in one write is one recv() and every packet is delivered.
 * The test plays the broker on a Unix socket and counts the client's
 * recv() calls (this program's recv() wraps the system call).
 * MQC_TEST_HOST_ONLY: the client layer (sockets), not built for the Cortex-M port.
 */
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "mqc.h"

static unsigned long recv_calls;

/* The client's tcp layer calls recv(): counted, then the system call. */
ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    recv_calls++;
    return syscall(SYS_recvfrom, fd, buf, n, flags, NULL, NULL);
}

typedef struct seen {
    int connected;
    int messages;
    uint16_t last_id;
} seen;

static void on_connected(mqc_client *c, const mqc_connack_info *info, void *ud)
{
    (void)c;
    (void)info;
    ((seen *)ud)->connected = 1;
}

static int on_message(mqc_client *c, const mqc_publish *msg, void *ud)
{
    seen *s = ud;
    (void)c;
    s->messages++;
    s->last_id = msg->id;
    return 0;
}

/* Reads exactly n bytes the client sent, running it meanwhile. */
static void broker_read(mqc_client *c, int bfd, uint8_t *buf, size_t n)
{
    size_t got = 0;
    int i;
    for (i = 0; i < 2000 && got < n; i++) {
        struct pollfd p = {bfd, POLLIN, 0};
        mqc_client_poll(c, 5);
        if (poll(&p, 1, 0) > 0) {
            ssize_t r = read(bfd, buf + got, n - got);
            assert_true(r > 0);
            got += (size_t)r;
        }
    }
    assert_int_equal(got, n);
}

/* A client connected to the test over a Unix socket; *bfd is the broker's end. */
static mqc_client *connect_client(seen *s, int *bfd, char *path, size_t cap)
{
    mqc_client_opts o;
    mqc_client_callbacks cb;
    mqc_client *c = NULL;
    struct sockaddr_un a;
    uint8_t fixed[2], rest[256];
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0), i;

    snprintf(path, cap, "/tmp/mqc-test-reads-%ld.sock", (long)getpid());
    unlink(path);
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, path);
    assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(lfd, 1), 0);
    mqc_client_opts_default(&o);
    o.host = "localhost";
    o.local.unix_path = path;
    o.retry_first_connect = 0;
    memset(&cb, 0, sizeof(cb));
    cb.version = MQC_CLIENT_CALLBACKS_VERSION;
    cb.on_connected = on_connected;
    cb.on_message = on_message;
    assert_int_equal(mqc_client_new(&c, &o, &cb, s), 0);
    assert_int_equal(mqc_client_connect(c), 0);
    *bfd = -1;
    for (i = 0; i < 200 && *bfd < 0; i++) {
        struct pollfd p = {lfd, POLLIN, 0};
        mqc_client_poll(c, 5);
        if (poll(&p, 1, 5) > 0)
            *bfd = accept(lfd, NULL, NULL);
    }
    close(lfd);
    assert_true(*bfd >= 0);
    broker_read(c, *bfd, fixed, 2); /* CONNECT: its length fits one byte */
    assert_int_equal(fixed[0], 0x10);
    broker_read(c, *bfd, rest, fixed[1]);
    assert_int_equal(write(*bfd, "\x20\x02\x00\x00", 4), 4);
    for (i = 0; i < 200 && !s->connected; i++)
        mqc_client_poll(c, 5);
    assert_true(s->connected);
    return c;
}

/* PUBLISH QoS 1 to topic "t" with packet id `id` and a 4-byte payload. */
static size_t publish_q1(uint8_t *out, uint16_t id)
{
    static const uint8_t head[] = {0x32, 0x09, 0x00, 0x01, 't'};
    memcpy(out, head, sizeof(head));
    out[5] = (uint8_t)(id >> 8);
    out[6] = (uint8_t)id;
    memcpy(out + 7, "data", 4);
    return 11;
}

/* Window 1 inbound: each PUBLISH arrives alone, is acked, then the next. */
static void test_one_recv_per_message(void **state)
{
    seen s;
    char path[108];
    uint8_t pkt[16], ack[4];
    int bfd;
    uint16_t id;
    mqc_client *c;
    (void)state;
    memset(&s, 0, sizeof(s));
    c = connect_client(&s, &bfd, path, sizeof(path));
    recv_calls = 0;
    for (id = 1; id <= 50; id++) {
        size_t n = publish_q1(pkt, id);
        assert_int_equal(write(bfd, pkt, n), (ssize_t)n);
        broker_read(c, bfd, ack, 4);
        assert_memory_equal(ack, "\x40\x02", 2);
        assert_int_equal(ack[2] << 8 | ack[3], id);
    }
    assert_int_equal(s.messages, 50);
    /* One read per message: none that only meets EAGAIN. */
    assert_int_equal(recv_calls, 50);
    mqc_client_del(c);
    close(bfd);
    unlink(path);
}

/* A burst of small packets in one write: all delivered with no further
 * input (nothing left unread in the client), in one read. */
static void test_burst_in_one_recv(void **state)
{
    seen s;
    char path[108];
    uint8_t burst[100 * 11], acks[100 * 4];
    size_t n = 0;
    int bfd, i;
    uint16_t id;
    mqc_client *c;
    (void)state;
    memset(&s, 0, sizeof(s));
    c = connect_client(&s, &bfd, path, sizeof(path));
    for (id = 1; id <= 100; id++)
        n += publish_q1(burst + n, id);
    recv_calls = 0;
    assert_int_equal(write(bfd, burst, n), (ssize_t)n);
    broker_read(c, bfd, acks, sizeof(acks));
    assert_int_equal(s.messages, 100);
    assert_int_equal(s.last_id, 100);
    for (i = 0; i < 100; i++)
        assert_int_equal(acks[4 * i + 3], i + 1);
    assert_int_equal(recv_calls, 1);
    mqc_client_del(c);
    close(bfd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_recv_per_message),
        cmocka_unit_test(test_burst_in_one_recv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
