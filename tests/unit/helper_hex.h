/* Test helper: hex text to bytes. */
#ifndef MQC_TEST_HELPER_HEX_H
#define MQC_TEST_HELPER_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Converts hex digits (spaces, tabs, newlines and ':' ignored) into out.
 * Returns the byte count, or (size_t)-1 on a bad digit, an odd digit count
 * or more than cap bytes. */
size_t hex_to_bytes(const char *hex, uint8_t *out, size_t cap);

#endif
