#include "mini_broker.h"

#include <stdio.h>
#include <string.h>

#define PROTO MQC_V311

static void put(mini_broker *b, mqc_ssize n)
{
    if (n < 0) {
        printf("broker: encode failed: %s\n", mqc_strerror((int)n));
        b->error = 1;
        return;
    }
    b->out_len += (size_t)n;
}

static void send_ack(mini_broker *b, uint8_t type, uint16_t id)
{
    put(b, mqc_encode_ack(b->out + b->out_len, sizeof b->out - b->out_len, PROTO, type, id, 0,
                          NULL));
}

static void send_publish(mini_broker *b, const mb_msg *m, int dup)
{
    mqc_publish p;
    memset(&p, 0, sizeof p);
    p.topic.ptr = m->topic;
    p.topic.len = m->tlen;
    p.payload.ptr = m->payload;
    p.payload.len = m->plen;
    p.qos = 2;
    p.dup = (uint8_t)dup;
    p.id = m->id;
    put(b, mqc_encode_publish(b->out + b->out_len, sizeof b->out - b->out_len, PROTO, &p));
}

static mb_msg *find(mb_msg *slots, uint16_t id)
{
    int i;
    for (i = 0; i < MB_SLOTS; i++)
        if (slots[i].state && slots[i].id == id)
            return &slots[i];
    return NULL;
}

static mb_msg *free_slot(mini_broker *b, mb_msg *slots)
{
    int i;
    for (i = 0; i < MB_SLOTS; i++)
        if (!slots[i].state)
            return &slots[i];
    printf("broker: no free slot\n");
    b->error = 1;
    return NULL;
}

static void on_connect(mini_broker *b, const mqc_packet *pk)
{
    int i, present = b->has_session && !pk->connect.clean;
    b->connects++;
    if (!present) {
        memset(b->in, 0, sizeof b->in);
        memset(b->outq, 0, sizeof b->outq);
        b->flen = 0;
    } else {
        b->resumed++;
    }
    b->has_session = !pk->connect.clean;
    b->connected = 1;
    put(b, mqc_encode_connack(b->out + b->out_len, sizeof b->out - b->out_len, PROTO,
                              (uint8_t)present, 0, NULL));
    /* Resume what the client has not acknowledged (3.1.1 §4.4). */
    for (i = 0; i < MB_SLOTS; i++) {
        if (b->outq[i].state == 1) {
            b->dup_publishes_out++;
            send_publish(b, &b->outq[i], 1);
        }
        else if (b->outq[i].state == 2)
            send_ack(b, MQC_PUBREL, b->outq[i].id);
    }
}

static void on_subscribe(mini_broker *b, const mqc_packet *pk)
{
    mqc_subscription sub;
    size_t iter = 0;
    uint8_t granted = 2;
    if (mqc_packet_next_subscription(pk, PROTO, &iter, &sub) == 1 &&
        sub.filter.len < sizeof b->filter) {
        memcpy(b->filter, sub.filter.ptr, sub.filter.len);
        b->flen = sub.filter.len;
    } else {
        granted = 0x80;
    }
    put(b, mqc_encode_suback(b->out + b->out_len, sizeof b->out - b->out_len, PROTO, pk->id,
                             &granted, 1, NULL));
}

static void on_publish(mini_broker *b, const mqc_packet *pk)
{
    const mqc_publish *p = &pk->publish;
    mb_msg *m;
    b->publishes_in++;
    if (p->qos != 2 || p->topic.len >= sizeof m->topic || p->payload.len > sizeof m->payload) {
        printf("broker: the script takes QoS 2 messages of a few bytes only\n");
        b->error = 1;
        return;
    }
    if (p->dup)
        b->dup_publishes_in++;
    /* A resent PUBLISH of an id still held is the same message: PUBREC again, keep one. */
    if (!find(b->in, p->id)) {
        m = free_slot(b, b->in);
        if (!m)
            return;
        memcpy(m->topic, p->topic.ptr, p->topic.len);
        m->tlen = p->topic.len;
        memcpy(m->payload, p->payload.ptr, p->payload.len);
        m->plen = p->payload.len;
        m->id = p->id;
        m->state = 1;
    }
    send_ack(b, MQC_PUBREC, p->id);
}

static void on_pubrel(mini_broker *b, uint16_t id)
{
    mb_msg *m = find(b->in, id), *o;
    if (m) {
        /* Released: now it goes to the subscriber (the same client). */
        if (b->flen == m->tlen && memcmp(b->filter, m->topic, m->tlen) == 0 &&
            (o = free_slot(b, b->outq)) != NULL) {
            *o = *m;
            o->id = ++b->next_id;
            o->state = 1;
            b->forwarded++;
            send_publish(b, o, 0);
        }
        m->state = 0;
    }
    send_ack(b, MQC_PUBCOMP, id); /* also for an id already released: it is a resend */
}

static void on_pubrec(mini_broker *b, uint16_t id)
{
    mb_msg *o = find(b->outq, id);
    if (!o) {
        printf("broker: PUBREC for unknown id %u\n", (unsigned)id);
        b->error = 1;
        return;
    }
    o->state = 2;
    send_ack(b, MQC_PUBREL, id);
}

static void on_pubcomp(mini_broker *b, uint16_t id)
{
    mb_msg *o = find(b->outq, id);
    if (!o || o->state != 2) {
        printf("broker: unexpected PUBCOMP %u\n", (unsigned)id);
        b->error = 1;
        return;
    }
    o->state = 0;
    b->completed_out++;
}

/* One whole packet. Returns 1 to drop the connection before handling it. */
static int handle(mini_broker *b, const uint8_t *raw, size_t len)
{
    mqc_packet pk;
    int rv = mqc_decode(raw, len, PROTO, &pk);
    if (rv < 0) {
        printf("broker: bad packet from the client: %s\n", mqc_strerror(rv));
        b->error = 1;
        return 0;
    }
    if (!b->connected && pk.type != MQC_CONNECT) {
        printf("broker: packet type %u before CONNECT\n", (unsigned)pk.type);
        b->error = 1;
        return 0;
    }
    switch (pk.type) {
    case MQC_CONNECT:
        on_connect(b, &pk);
        break;
    case MQC_SUBSCRIBE:
        on_subscribe(b, &pk);
        break;
    case MQC_PUBLISH:
        on_publish(b, &pk);
        break;
    case MQC_PUBREL:
        if (b->drop_at_pubrel) {
            b->drop_at_pubrel = 0;
            printf("broker: dropping the connection at PUBREL %u\n", (unsigned)pk.id);
            return 1;
        }
        on_pubrel(b, pk.id);
        break;
    case MQC_PUBREC:
        if (b->drop_at_pubrec) {
            b->drop_at_pubrec = 0;
            printf("broker: dropping the connection at PUBREC %u\n", (unsigned)pk.id);
            return 1;
        }
        on_pubrec(b, pk.id);
        break;
    case MQC_PUBCOMP:
        on_pubcomp(b, pk.id);
        break;
    case MQC_PINGREQ:
        put(b, mqc_encode_ping(b->out + b->out_len, sizeof b->out - b->out_len, MQC_PINGRESP));
        break;
    default:
        printf("broker: the script has no answer to packet type %u\n", (unsigned)pk.type);
        b->error = 1;
    }
    return 0;
}

int mb_feed(mini_broker *b, const uint8_t *in, size_t n)
{
    while (n > 0) {
        const uint8_t *pkt;
        size_t plen;
        mqc_ssize used = mqc_framer_feed(&b->framer, in, n, &pkt, &plen);
        if (used < 0) {
            printf("broker: framing: %s\n", mqc_strerror((int)used));
            b->error = 1;
            return 0;
        }
        in += used;
        n -= (size_t)used;
        if (pkt && handle(b, pkt, plen))
            return 1;
    }
    return 0;
}

void mb_flush(mini_broker *b)
{
    size_t n = pipe_write(b->down, b->out, b->out_len);
    memmove(b->out, b->out + n, b->out_len - n);
    b->out_len -= n;
}

void mb_connection_lost(mini_broker *b)
{
    mqc_framer_reset(&b->framer);
    b->out_len = 0;
    b->connected = 0;
}

void mb_init(mini_broker *b, pipe *down)
{
    memset(b, 0, sizeof *b);
    b->down = down;
    mqc_framer_init(&b->framer, b->fbuf, sizeof b->fbuf, sizeof b->fbuf);
}
