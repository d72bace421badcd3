/* MQTT UTF-8 (3.1.1 §1.5.3, 5.0 §1.5.4): well-formed, no U+0000, no surrogates. */
#include "mqc.h"

/* Topics are ASCII almost always: they are checked a run of ASCII_RUN
 * bytes at a time (a loop of fixed length that compilers unroll or
 * vectorise), the rest byte by byte, up to any multi-byte character. */
#define ASCII_RUN 8

/* 1 when none of the ASCII_RUN bytes at p is NUL or outside ASCII. */
static int ascii_run(const uint8_t *p)
{
    int i;
    uint8_t others = 0; /* a byte, so that vector code can count in bytes */

    for (i = 0; i < ASCII_RUN; i++)
        others += p[i] == 0 || p[i] >= 0x80;
    return others == 0;
}

int mqc_utf8_valid(const char *s, size_t len)
{
    const uint8_t *start = (const uint8_t *)s, *p = start;
    const uint8_t *end;

    if (!s)
        return len == 0;
    end = p + len;
    while (p < end) {
        uint32_t c, min;
        int n;

        while (end - p >= ASCII_RUN && ascii_run(p))
            p += ASCII_RUN;
        /* Fewer bytes left than a run: the run that ends the string, when
         * the string is that long (it overlaps bytes already checked). */
        if (p < end && end - p < ASCII_RUN && end - start >= ASCII_RUN &&
            ascii_run(end - ASCII_RUN))
            return 1;
        while (p < end && *p != 0 && *p < 0x80)
            p++;
        if (p == end)
            break;
        c = *p++;
        if (c == 0)
            return 0;
        /* Leads 0xC0, 0xC1 only start overlong forms, 0xF5 and up only code
         * points beyond Unicode: reject them here, so the lower bound for
         * n continuation bytes can be 2^(5n+1) (it binds for n = 2, 3). */
        if (c < 0xC2 || c > 0xF4)
            return 0;
        n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        c &= 0x3Fu >> n;
        min = 1ul << (5 * n + 1);
        if (end - p < n)
            return 0;
        while (n--) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (*p++ & 0x3F);
        }
        /* Overlong forms, surrogates and beyond Unicode are all ill-formed. */
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
    }
    return 1;
}
