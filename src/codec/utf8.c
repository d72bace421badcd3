/* MQTT UTF-8 (3.1.1 §1.5.3, 5.0 §1.5.4): well-formed, no U+0000, no surrogates. */
#include "mqc.h"

int mqc_utf8_valid(const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    const uint8_t *end;

    if (!s)
        return len == 0;
    end = p + len;
    while (p < end) {
        uint32_t c = *p++;
        uint32_t min;
        int n;

        if (c < 0x80) {
            if (c == 0)
                return 0;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            n = 1; c &= 0x1F; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2; c &= 0x0F; min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3; c &= 0x07; min = 0x10000;
        } else {
            return 0;
        }
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
