/* The session's clock: milliseconds since boot from SysTick. */
#ifndef MQC_PORT_CLOCK_H
#define MQC_PORT_CLOCK_H

#include "mqc.h"

/* hz: the core clock (mps2-an385: 25 MHz). */
void clock_start(unsigned long hz);
mqc_tstamp clock_ms(void);

#endif
