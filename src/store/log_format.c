/* The log's byte format: CRC-32C, little-endian integers, parsing a change. */
#include "store/log.h"

/* CRC-32C (Castagnoli), four bits a step: a 64-byte table, not 1 KiB. */
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x105EC76F, 0x20BD8EDE, 0x30E349B1, 0x417B1DBC, 0x5125DAD3,
    0x61C69362, 0x7198540D, 0x82F63B78, 0x92A8FC17, 0xA24BB5A6, 0xB21572C9,
    0xC38D26C4, 0xD3D3E1AB, 0xE330A81A, 0xF36E6F75
};

uint32_t mqc_log_crc32c(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
    }
    return ~crc;
}

void mqc_log_le(uint8_t *p, uint64_t v, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint64_t mqc_log_rd(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;

    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* Fixed part of each change after its type byte, by type. */
static const uint8_t fixed_len[] = {0, 12, 16, 8, 0, 3, 5};

int mqc_log_next(const uint8_t *body, size_t len, size_t *off, log_change *c)
{
    size_t at = *off, left;
    const uint8_t *p;
    uint32_t var = 0;

    if (at >= len)
        return 0;
    memset(c, 0, sizeof(*c));
    c->type = body[at++];
    left = len - at;
    if (c->type < C_ADD || c->type > C_SET || left < fixed_len[c->type])
        return -1;
    p = body + at;
    switch (c->type) {
    case C_ADD:
    case C_PATCH:
    case C_DEL:
        c->seq = mqc_log_rd(p, 8);
        if (c->type == C_ADD)
            var = c->len = (uint32_t)mqc_log_rd(p + 8, 4);
        if (c->type == C_PATCH) {
            c->off = (uint32_t)mqc_log_rd(p + 8, 4);
            var = c->len = (uint32_t)mqc_log_rd(p + 12, 4);
        }
        break;
    case C_IN:
        c->id = (uint16_t)mqc_log_rd(p, 2);
        c->held = p[2];
        if (c->held > 1 || (c->held && !c->id))
            return -1;
        break;
    case C_SET:
        c->key = p[0];
        var = c->len = (uint32_t)mqc_log_rd(p + 1, 4);
        if (c->key >= NKEYS)
            return -1;
        break;
    default:
        break;
    }
    left -= fixed_len[c->type];
    if (var > left)
        return -1;
    c->bytes = p + fixed_len[c->type];
    *off = at + fixed_len[c->type] + var;
    return 1;
}
