/* ARM semihosting calls (bkpt 0xab) and the newlib system calls built on
 * them: _write (printf), _sbrk (malloc) and _exit. Everything else newlib
 * might want comes from libnosys. */
#include <errno.h>
#include <stdint.h>
#include <sys/types.h>

#include "semihost.h"

#define SYS_OPEN 0x01
#define SYS_WRITE 0x05
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost_call(int op, void *arg)
{
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static int tt = -1;

void semihost_write(const char *buf, size_t len)
{
    uintptr_t block[3];
    if (tt < 0) {
        /* ":tt" opened for writing (mode 4, "w") is the host's stdout. */
        block[0] = (uintptr_t)":tt";
        block[1] = 4;
        block[2] = 3;
        tt = semihost_call(SYS_OPEN, block);
    }
    block[0] = (uintptr_t)tt;
    block[1] = (uintptr_t)buf;
    block[2] = len;
    semihost_call(SYS_WRITE, block);
}

void semihost_exit(int status)
{
    /* The extended form carries the status (plain SYS_EXIT on 32-bit ARM
     * can only say success or failure). */
    uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status};
    semihost_call(SYS_EXIT_EXTENDED, block);
    for (;;)
        ;
}

/* newlib system calls. */
int _write(int fd, const char *buf, int len);
void *_sbrk(ptrdiff_t incr);
void _exit(int status);

int _write(int fd, const char *buf, int len)
{
    (void)fd; /* stdout and stderr both go to the host's stdout */
    semihost_write(buf, (size_t)len);
    return len;
}

extern char __heap_start[], __heap_end[];
static char *brk = __heap_start;

void *_sbrk(ptrdiff_t incr)
{
    char *old = brk;
    if (incr > __heap_end - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    brk += incr;
    return old;
}

void _exit(int status)
{
    semihost_exit(status);
}
