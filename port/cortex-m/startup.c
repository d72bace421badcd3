/* Cortex-M3 start-up: the vector table, copying .data and zeroing .bss,
 * newlib's constructors, main(), then the exit status to the host. A fault
 * prints where it happened and exits 3, so a crash fails a test run
 * instead of hanging it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semihost.h"

extern char __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern char __stack_top[];
extern int main(void);
extern void __libc_init_array(void);

void reset_handler(void);
void fault_handler(void);
void systick_handler(void) __attribute__((weak, alias("default_handler")));
void default_handler(void);

__attribute__((section(".vectors"), used)) static void *const vectors[16] = {
    __stack_top,
    (void *)reset_handler,
    (void *)fault_handler,   /* NMI */
    (void *)fault_handler,   /* HardFault */
    (void *)fault_handler,   /* MemManage */
    (void *)fault_handler,   /* BusFault */
    (void *)fault_handler,   /* UsageFault */
    0, 0, 0, 0,
    (void *)default_handler, /* SVCall */
    (void *)default_handler, /* DebugMonitor */
    0,
    (void *)default_handler, /* PendSV */
    (void *)systick_handler,
};

void reset_handler(void)
{
    memcpy(__data_start, __data_load, (size_t)(__data_end - __data_start));
    memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
    __libc_init_array();
    exit(main()); /* flushes stdio, then _exit -> semihost_exit */
}

void fault_handler(void)
{
    static const char msg[] = "\nfault: a CPU exception (HardFault, bus or usage fault)\n";
    volatile uint32_t *cfsr = (volatile uint32_t *)0xE000ED28;
    char hex[16];
    int n = snprintf(hex, sizeof hex, "CFSR %08lx\n", (unsigned long)*cfsr);
    semihost_write(msg, sizeof msg - 1);
    semihost_write(hex, (size_t)n);
    semihost_exit(3);
}

void default_handler(void)
{
}

/* newlib's __libc_init_array calls _init; there is nothing to do in it. */
void _init(void);
void _init(void)
{
}
