/* mqc: the command-line front door (mqc pub, mqc sub, mqc rr, mqc bench). */
#include <string.h>

#include "bench.h"
#include "cli.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_usage_main(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "pub"))
        return cli_pub(argc - 2, argv + 2);
    if (!strcmp(argv[1], "sub"))
        return cli_sub(argc - 2, argv + 2);
    if (!strcmp(argv[1], "rr"))
        return cli_rr(argc - 2, argv + 2);
    if (!strcmp(argv[1], "bench"))
        return bench_main(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        cli_usage_main(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("mqc %s\n", MQC_VERSION_STRING);
        return CLI_EXIT_OK;
    }
    fprintf(stderr, "mqc: unknown command '%s'\n\n", argv[1]);
    cli_usage_main(stderr);
    return CLI_EXIT_USAGE;
}
