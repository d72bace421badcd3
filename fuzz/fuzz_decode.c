/*
 * Fuzzes the codec: mqc_decode under both protocols, the framer at split
 * points the input chooses, and decode -> encode -> decode round trips.
 * Input: byte 0 = control (protocol, max packet), byte 1 = split seed, rest = bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mqc.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

/* Re-encodes a decoded packet; returns the length or an error. */
static mqc_ssize encode(const mqc_packet *p, mqc_protocol proto, uint8_t *out, size_t cap)
{
    char user[65536], topic[65536];
    size_t it = 0, k = 0;

    switch (p->type) {
    case MQC_CONNECT: {
        mqc_connect c = p->connect;

        /* Decoded strings are slices; the encoder takes C strings. */
        if (c.username) {
            memcpy(user, p->username.ptr, p->username.len);
            user[p->username.len] = 0;
            c.username = user;
        }
        if (c.will.topic) {
            memcpy(topic, p->will_topic.ptr, p->will_topic.len);
            topic[p->will_topic.len] = 0;
            c.will.topic = topic;
        }
        return mqc_encode_connect(out, cap, &c);
    }
    case MQC_CONNACK:
        return mqc_encode_connack(out, cap, proto, p->session_present, p->reason, &p->props);
    case MQC_PUBLISH:
        return mqc_encode_publish(out, cap, proto, &p->publish);
    case MQC_PUBACK: case MQC_PUBREC: case MQC_PUBREL: case MQC_PUBCOMP:
        return mqc_encode_ack(out, cap, proto, p->type, p->id, p->reason, &p->props);
    case MQC_SUBSCRIBE: {
        static mqc_subscription subs[32768];

        while (mqc_packet_next_subscription(p, proto, &it, &subs[k]))
            k++;
        return mqc_encode_subscribe(out, cap, proto, p->id, subs, k, &p->props);
    }
    case MQC_UNSUBSCRIBE: {
        static mqc_str f[32768];

        while (mqc_packet_next_filter(p, &it, &f[k]))
            k++;
        return mqc_encode_unsubscribe(out, cap, proto, p->id, f, k, &p->props);
    }
    case MQC_SUBACK:
        return mqc_encode_suback(out, cap, proto, p->id, p->reasons.ptr, p->reasons.len, &p->props);
    case MQC_UNSUBACK:
        return mqc_encode_unsuback(out, cap, proto, p->id, p->reasons.ptr, p->reasons.len, &p->props);
    case MQC_PINGREQ: case MQC_PINGRESP:
        return mqc_encode_ping(out, cap, p->type);
    case MQC_DISCONNECT:
        return mqc_encode_disconnect(out, cap, proto, p->reason, &p->props);
    default:
        return mqc_encode_auth(out, cap, p->reason, &p->props);
    }
}

static int str_eq(mqc_str a, mqc_str b)
{
    return a.len == b.len && (!a.len || !memcmp(a.ptr, b.ptr, a.len));
}

static void same_packet(const mqc_packet *a, const mqc_packet *b)
{
    CHECK(a->type == b->type && a->flags == b->flags && a->id == b->id);
    CHECK(a->reason == b->reason && a->session_present == b->session_present);
    CHECK(a->props.present == b->props.present && a->props.user_count == b->props.user_count);
    CHECK(a->reasons.len == b->reasons.len);
    /* The other fields are set only for their own type (mqc.h). */
    if (a->type == MQC_PUBLISH) {
        CHECK(str_eq(a->publish.topic, b->publish.topic));
        CHECK(a->publish.payload.len == b->publish.payload.len);
        CHECK(!a->publish.payload.len ||
              !memcmp(a->publish.payload.ptr, b->publish.payload.ptr, a->publish.payload.len));
    }
    if (a->type == MQC_CONNECT) {
        CHECK(a->will_props.present == b->will_props.present);
        CHECK(str_eq(a->connect.client_id, b->connect.client_id) &&
              str_eq(a->username, b->username));
        CHECK(str_eq(a->will_topic, b->will_topic));
    }
}

static void roundtrip(const uint8_t *data, size_t size, mqc_protocol proto, const mqc_packet *p)
{
    size_t cap = 2 * size + 64;
    uint8_t *e1 = malloc(cap), *e2 = malloc(cap);
    mqc_packet p1, p2;
    mqc_ssize n1, n2;

    CHECK(e1 && e2);
    /* A 2-byte CONNACK under 5.0 is a 3.1.1 server's answer. */
    if (p->type == MQC_CONNACK && proto == MQC_V5 && size == 4)
        proto = MQC_V311;
    n1 = encode(p, p->type == MQC_CONNECT ? p->connect.protocol : proto, e1, cap);
    CHECK(n1 > 0 && (size_t)n1 <= size);
    CHECK(mqc_decode(e1, (size_t)n1, proto, &p1) == 0);
    same_packet(p, &p1);
    n2 = encode(&p1, p1.type == MQC_CONNECT ? p1.connect.protocol : proto, e2, cap);
    CHECK(n2 == n1 && !memcmp(e1, e2, (size_t)n1));
    CHECK(mqc_decode(e2, (size_t)n2, proto, &p2) == 0);
    same_packet(&p1, &p2);
    (void)data;
    free(e1);
    free(e2);
}

static void framer(const uint8_t *data, size_t size, uint8_t ctl, uint8_t seed, mqc_protocol proto)
{
    static const uint32_t maxes[4] = {0, 16, 200, 65536};
    mqc_framer f;
    size_t used = 0, emitted = 0;
    uint32_t rnd = seed * 2654435761u + 1;

    mqc_framer_init(&f, NULL, 0, maxes[(ctl >> 1) & 3]);
    while (used < size) {
        const uint8_t *pkt;
        size_t plen, n;
        mqc_ssize r;

        rnd = rnd * 1103515245u + 12345u;
        n = 1 + (rnd >> 16) % (size - used);
        r = mqc_framer_feed(&f, data + used, n, &pkt, &plen);
        if (r == MQC_ERR_BUFFER) {
            uint8_t *nb;

            CHECK(plen <= f.have + n && plen > f.cap);
            nb = malloc(plen);
            CHECK(nb);
            if (f.have)
                memcpy(nb, f.buf, f.have);
            free(f.buf);
            mqc_framer_set_buffer(&f, nb, plen);
            continue;
        }
        if (r < 0)
            break;
        CHECK((size_t)r <= n);
        used += (size_t)r;
        if (pkt) {
            mqc_packet p;

            /* Packets come out whole and in order. */
            CHECK(emitted + plen <= used && !memcmp(pkt, data + emitted, plen));
            CHECK(f.max_packet >= plen);
            emitted += plen;
            (void)mqc_decode(pkt, plen, proto, &p);
        }
    }
    CHECK(emitted + f.have == used);
    free(f.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mqc_protocol proto;
    mqc_packet p;
    uint8_t ctl, seed;
    int r;

    if (size < 2)
        return 0;
    ctl = data[0];
    seed = data[1];
    data += 2;
    size -= 2;
    proto = (ctl & 1) ? MQC_V5 : MQC_V311;
    r = mqc_decode(data, size, proto, &p);
    CHECK(r <= 0);
    if (r == 0)
        roundtrip(data, size, proto, &p);
    framer(data, size, ctl, seed, proto);
    return 0;
}
