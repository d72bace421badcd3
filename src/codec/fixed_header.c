/* The fixed header: first byte and remaining length (a variable byte integer). */
#include "codec/wire.h"

mqc_ssize mqc_decode_fixed_header(const uint8_t *buf, size_t len,
                                  uint8_t *first_byte, uint32_t *remaining)
{
    uint32_t v;
    int n;

    if (!buf || len < 2)
        return buf || !len ? MQC_ERR_INCOMPLETE : MQC_ERR_INVAL;
    if (buf[1] < 0x80) {
        /* Remaining length in one byte: every packet under 130 bytes. */
        *first_byte = buf[0];
        *remaining = buf[1];
        return 2;
    }
    n = mqc_wire_varint_parse(buf + 1, len - 1, &v);
    if (n == 0)
        return MQC_ERR_INCOMPLETE;
    if (n < 0)
        return MQC_ERR_MALFORMED_REMAINING_LENGTH;
    *first_byte = buf[0];
    *remaining = v;
    return n + 1;
}
