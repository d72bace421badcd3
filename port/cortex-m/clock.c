#include "clock.h"

#include <stdint.h>

#define SYST_CSR (*(volatile uint32_t *)0xE000E010)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018)

static volatile uint64_t ticks;

void systick_handler(void);
void systick_handler(void)
{
    ticks++;
}

void clock_start(unsigned long hz)
{
    SYST_RVR = (uint32_t)(hz / 1000u) - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7; /* processor clock, interrupt, enable */
}

mqc_tstamp clock_ms(void)
{
    /* Two loads on a 32-bit core: read until SysTick did not step between. */
    uint64_t a, b;
    do {
        a = ticks;
        b = ticks;
    } while (a != b);
    return a;
}
