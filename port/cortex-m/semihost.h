/* ARM semihosting: the debugger (here QEMU -semihosting) does the I/O the
 * firmware has no device for. Only what the tests and examples need. */
#ifndef MQC_PORT_SEMIHOST_H
#define MQC_PORT_SEMIHOST_H

#include <stddef.h>

/* Writes to the host's stdout (":tt"). */
void semihost_write(const char *buf, size_t len);
/* Ends the emulation with this exit status (SYS_EXIT_EXTENDED). */
void semihost_exit(int status) __attribute__((noreturn));

#endif
