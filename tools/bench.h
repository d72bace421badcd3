#ifndef MQC_TOOLS_BENCH_H
#define MQC_TOOLS_BENCH_H

/* `mqc bench pub|sub|conn ...`: argv[0] is "bench", argv[1] the mode.
 * Returns the exit status (0 ok, 1 errors seen, 2 usage is exited from). */
int bench_main(int argc, char **argv);

#endif
