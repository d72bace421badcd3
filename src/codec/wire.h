/* Internal to the codec: bounded reader, counting writer, shared checks.
 * Not public API; the mqc_wire_ prefix only keeps the names out of the
 * application's way when linked statically. */
#ifndef MQC_CODEC_WIRE_H
#define MQC_CODEC_WIRE_H

#include "mqc.h"
#include "common/config.h"

/* Largest remaining length a 4-byte variable byte integer holds. */
#define WIRE_MAX_REMAINING 268435455u

/* Reader over [p, end). The first error sticks in `err`; later reads then
 * return zeros, so callers check once per step instead of per field. */
typedef struct mqc_wire_rd {
    const uint8_t *p;
    const uint8_t *end;
    int err;
} mqc_wire_rd;

/* Writer. p == NULL only counts, so one body function both sizes and
 * writes a packet. The first error sticks in `err`. */
typedef struct mqc_wire_wr {
    uint8_t *p;
    size_t n;
    int err;
} mqc_wire_wr;

/* Parses a variable byte integer: returns bytes used (1..4), 0 when p ends
 * inside it, -1 when it is longer than 4 bytes or not minimal. */
int mqc_wire_varint_parse(const uint8_t *p, size_t len, uint32_t *v);
size_t mqc_wire_varint_size(uint32_t v);

/* Records the first error and ends the reader. Takes the code negated:
 * a small positive constant is a 2-byte Thumb instruction at each caller. */
void mqc_wire_fail_neg(mqc_wire_rd *r, unsigned neg_err);
#define mqc_wire_fail(r, err) mqc_wire_fail_neg((r), (unsigned)-(err))
/* Big-endian integer of n (1..4) bytes. */
uint32_t mqc_wire_be(mqc_wire_rd *r, size_t n);
uint8_t mqc_wire_u8(mqc_wire_rd *r);
uint16_t mqc_wire_u16(mqc_wire_rd *r);
uint32_t mqc_wire_varint(mqc_wire_rd *r);
/* A 2-byte-length-prefixed field; mqc_wire_str also checks MQTT UTF-8. */
void mqc_wire_bin(mqc_wire_rd *r, mqc_bytes *out);
void mqc_wire_str(mqc_wire_rd *r, mqc_str *out);
static inline size_t mqc_wire_left(const mqc_wire_rd *r)
{
    return (size_t)(r->end - r->p);
}

void mqc_wire_put(mqc_wire_wr *w, const void *src, size_t n);
void mqc_wire_put_be(mqc_wire_wr *w, uint32_t v, size_t n);
void mqc_wire_put_u8(mqc_wire_wr *w, uint8_t v);
void mqc_wire_put_u16(mqc_wire_wr *w, uint16_t v);
void mqc_wire_put_varint(mqc_wire_wr *w, uint32_t v);
void mqc_wire_put_bin(mqc_wire_wr *w, const void *src, size_t n);
void mqc_wire_put_str(mqc_wire_wr *w, const char *s, size_t n);

/* Frames one packet: runs body twice (size, then write) around the fixed
 * header. Returns the whole length or a negative mqc_err. */
typedef void (*mqc_wire_body_fn)(mqc_wire_wr *w, const void *arg);
mqc_ssize mqc_wire_encode(uint8_t *buf, size_t cap, uint8_t first, mqc_wire_body_fn body,
                      const void *arg);

/* Reason code valid for this packet type and protocol (v5 < 0: MQTT 3.1). */
int mqc_wire_reason_ok(unsigned type, int v5, uint8_t rc);
/* Topic name: no wildcards. Topic filter: non-empty, wildcards whole levels. */
int mqc_wire_topic_name_ok(const char *s, size_t n);
int mqc_wire_topic_filter_ok(const char *s, size_t n);
/* MQC_V311, or MQC_V5 when built in. */
int mqc_wire_protocol_ok(mqc_protocol p);

/* Bit for the property allowed-set table: the packet type, or 0 for the
 * will properties of CONNECT. */
#define WIRE_WILL 0u

/* The v5 argument of mqc_wire_reason_ok: 1 for 5.0, 0 for 3.1.1, -1 for 3.1. */
#define WIRE_RC_MODE(proto) ((proto) == MQC_V31 ? -1 : WIRE_V5(proto))

#if MQC_ENABLE_V5
#define WIRE_V5(proto) ((proto) == MQC_V5)
/* Reads a property length and block, checks and stores it in *out. */
void mqc_wire_props_read(mqc_wire_rd *r, unsigned ptype, mqc_props *out);
/* Writes a property length and block (NULL props: an empty block). */
void mqc_wire_props_write(mqc_wire_wr *w, unsigned ptype, const mqc_props *p);
int mqc_wire_props_empty(const mqc_props *p);
#else
#define WIRE_V5(proto) 0
static inline void mqc_wire_props_read(mqc_wire_rd *r, unsigned ptype, mqc_props *out)
{
    (void)r; (void)ptype; (void)out;
}
static inline void mqc_wire_props_write(mqc_wire_wr *w, unsigned ptype, const mqc_props *p)
{
    (void)w; (void)ptype; (void)p;
}
static inline int mqc_wire_props_empty(const mqc_props *p) { (void)p; return 1; }
#endif

#endif
