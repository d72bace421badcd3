/* The default options file, as mosquitto_pub/sub/rr have one
 * ($XDG_CONFIG_HOME/mosquitto_sub or ~/.config/mosquitto_sub): mqc reads
 * $XDG_CONFIG_HOME/mqc_pub, mqc_sub or mqc_rr, else ~/.config/mqc_pub ...
 * (its own names: mosquitto's files may hold options mqc refuses), or the
 * file given with -o (mqc's own flag). One "-option value" per line; lines
 * starting with # are comments. The options come before the command line's,
 * so the command line overrides them (and -t, -T, -U add to them). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CONFIG_MAX_ARGS 512

static int config_error(const cli_opts *o, const char *path, const char *why)
{
    fprintf(stderr, "%s: options file %s: %s\n", o->prog, path, why);
    return CLI_EXIT_USAGE;
}

/* Splits one line into args[]: the option, then its value (the rest of the
 * line, as mosquitto takes it), or for -D the words of the rest. */
static int split_line(char *line, char **args, int *n)
{
    char *p = line + strspn(line, " \t"), *rest;
    size_t len = strcspn(p, " \t");
    int prop;
    if (!*p || *p == '#')
        return 0;
    rest = p[len] ? p + len + 1 : p + len;
    p[len] = 0;
    if (*n >= CONFIG_MAX_ARGS - 5)
        return -1;
    args[(*n)++] = p;
    prop = !strcmp(p, "-D") || !strcmp(p, "--property");
    while (*rest) {
        rest += strspn(rest, " \t");
        if (!*rest)
            break;
        len = prop ? strcspn(rest, " \t") : strlen(rest);
        if (*n >= CONFIG_MAX_ARGS - 1)
            return -1;
        args[(*n)++] = rest;
        if (!rest[len])
            break;
        rest[len] = 0;
        rest += len + 1;
    }
    return 0;
}

int cli_config_load(cli_opts *o, int argc, char **argv, char ***out, int *nout)
{
    static char path_buf[4096];
    static char *args[CONFIG_MAX_ARGS];
    const char *name = o->mode == CLI_PUB ? "mqc_pub" : o->mode == CLI_SUB ? "mqc_sub" : "mqc_rr";
    const char *path = NULL, *env;
    char line[8192];
    FILE *f;
    int i, n = 0, given = 0;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-o")) {
            if (i + 1 >= argc)
                return config_error(o, "-o", "needs a file name");
            path = argv[i + 1];
            given = 1;
        }
    }
    if (!path && (env = getenv("XDG_CONFIG_HOME")) && *env) {
        snprintf(path_buf, sizeof(path_buf), "%s/%s", env, name);
        path = path_buf;
    } else if (!path && (env = getenv("HOME")) && *env) {
        snprintf(path_buf, sizeof(path_buf), "%s/.config/%s", env, name);
        path = path_buf;
    }
    *out = args;
    *nout = 0;
    if (!path)
        return 0;
    f = fopen(path, "r");
    if (!f) {
        /* The default file is optional; one named with -o is not. */
        return given ? config_error(o, path, strerror(errno)) : 0;
    }
    while (fgets(line, sizeof(line), f)) {
        char *copy;
        int before = n;
        line[strcspn(line, "\r\n")] = 0;
        copy = strdup(line); /* args point into it for the whole run */
        if (!copy || split_line(copy, args, &n) < 0) {
            const char *why = copy ? "too many options" : "out of memory";
            free(copy);
            fclose(f);
            return config_error(o, path, why);
        }
        if (n == before)
            free(copy); /* a comment or blank line: nothing points into it */
    }
    fclose(f);
    o->config_file = path;
    *nout = n;
    return 0;
}
