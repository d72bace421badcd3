/* The stack-wide calls of transport.h: each goes to the top layer, which
 * goes down itself; only the handshake is ordered here, bottom first. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/mem.h"
#include "transport/transport.h"

int transport_fail(transport *t, int err, const char *fmt, ...)
{
    va_list ap;

    if (!t->reason)
        t->reason = mqc_mem_alloc(t->mem, TRANSPORT_REASON_MAX);
    if (!t->reason)
        return err;
    va_start(ap, fmt);
    vsnprintf(t->reason, TRANSPORT_REASON_MAX, fmt, ap);
    va_end(ap);
    return err;
}

transport *transport_alloc(size_t size, const transport_ops *ops, transport *lower,
                           const mqc_mem *mem)
{
    transport *t = mqc_mem_alloc(mem, size);
    if (!t)
        return NULL;
    memset(t, 0, size);
    t->ops = ops;
    t->lower = lower;
    t->fd = lower ? lower->fd : -1;
    t->mem = mem;
    return t;
}

int transport_handshake(transport *top)
{
    int rv;
    if (top->ready)
        return 0;
    if (top->lower && !top->lower->ready) {
        rv = transport_handshake(top->lower);
        if (rv != 0)
            return rv;
    }
    rv = top->ops->handshake(top);
    if (rv == 0)
        top->ready = 1;
    return rv;
}

unsigned transport_wants(const transport *top)
{
    const transport *t = top;
    /* During the handshake the lowest unready layer is the one waiting. */
    while (t->lower && !t->lower->ready)
        t = t->lower;
    if (!t->ready)
        return t->wants;
    return top->read_wants | top->write_wants;
}

mqc_ssize transport_read(transport *top, uint8_t *buf, size_t cap)
{
    return top->ops->read(top, buf, cap);
}

mqc_ssize transport_write(transport *top, const uint8_t *buf, size_t len)
{
    return top->ops->write(top, buf, len);
}

size_t transport_pending(const transport *top)
{
    return top->ops->pending ? top->ops->pending(top) : 0;
}

int transport_shutdown(transport *top)
{
    return top->ops->shutdown(top);
}

const char *transport_reason(const transport *top)
{
    for (; top; top = top->lower)
        if (top->reason && top->reason[0])
            return top->reason;
    return "";
}

void transport_free(transport *top)
{
    while (top) {
        transport *lower = top->lower;
        mqc_mem_free(top->mem, top->reason);
        top->ops->destroy(top);
        top = lower;
    }
}
