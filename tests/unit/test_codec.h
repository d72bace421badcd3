/* Shared by the codec tests: compare an encoder's output with spec hex. */
#ifndef MQC_TEST_CODEC_H
#define MQC_TEST_CODEC_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mqc.h"
#include "common/config.h" /* MQC_ENABLE_V5: 5.0 tests only where it is built */
#include "helper_hex.h"

#define S(lit) ((mqc_str){(lit), sizeof(lit) - 1})
#define B(lit) ((mqc_bytes){(const uint8_t *)(lit), sizeof(lit) - 1})

/* Asserts that encoder result n and buf hold exactly the bytes of hex, and
 * that the size-only call (buf NULL) agrees. */
#define ASSERT_ENCODED(call_with_buf, call_without_buf, buf, hex) do { \
        uint8_t want_[1024]; \
        size_t wn_ = hex_to_bytes((hex), want_, sizeof want_); \
        mqc_ssize n_ = (call_with_buf); \
        assert_int_not_equal(wn_, (size_t)-1); \
        assert_int_equal(n_, (mqc_ssize)wn_); \
        assert_memory_equal((buf), want_, wn_); \
        assert_int_equal((call_without_buf), (mqc_ssize)wn_); \
    } while (0)

/* Decodes hex into *pkt, asserting the result code. Keeps the bytes in a
 * static buffer so the slices in *pkt stay valid. */
static inline int decode_hex(const char *hex, mqc_protocol proto, mqc_packet *pkt)
{
    static uint8_t buf[4][1024];
    static int slot;
    uint8_t *b = buf[slot++ & 3];
    size_t n = hex_to_bytes(hex, b, sizeof buf[0]);

    assert_int_not_equal(n, (size_t)-1);
    return mqc_decode(b, n, proto, pkt);
}

static inline void assert_str(mqc_str s, const char *want)
{
    assert_int_equal(s.len, strlen(want));
    assert_memory_equal(s.ptr, want, s.len);
}

#endif
