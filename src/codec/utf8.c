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
