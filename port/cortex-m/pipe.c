#include "pipe.h"

size_t pipe_write(pipe *p, const uint8_t *data, size_t n)
{
    size_t i;
    for (i = 0; i < n && p->len < PIPE_CAP; i++, p->len++)
        p->buf[(p->head + p->len) % PIPE_CAP] = data[i];
    return i;
}

size_t pipe_read(pipe *p, uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n && p->len > 0; i++, p->len--) {
        out[i] = p->buf[p->head];
        p->head = (p->head + 1) % PIPE_CAP;
    }
    return i;
}

void pipe_clear(pipe *p)
{
    p->head = p->len = 0;
}
