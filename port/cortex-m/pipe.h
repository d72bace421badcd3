/* A byte pipe: one direction of a stream connection, as a small ring. It
 * stands for the firmware's transport (a UART, a modem, a TCP stack). */
#ifndef MQC_PORT_PIPE_H
#define MQC_PORT_PIPE_H

#include <stddef.h>
#include <stdint.h>

#define PIPE_CAP 64 /* small on purpose: writes are cut short and packets split */

typedef struct pipe {
    uint8_t buf[PIPE_CAP];
    size_t head, len;
} pipe;

/* Takes up to n bytes; returns how many fit. */
size_t pipe_write(pipe *p, const uint8_t *data, size_t n);
/* Gives up to n bytes; returns how many there were. */
size_t pipe_read(pipe *p, uint8_t *out, size_t n);
/* The connection dropped: bytes in flight are gone. */
void pipe_clear(pipe *p);

#endif
