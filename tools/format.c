/* mqc sub output: payload, -v, or a -F format (mosquitto_sub's sequences:
 * %-conversions with optional [-0][width][.max], @-strftime, \-escapes),
 * written and flushed per message. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct spec {
    int left;                    /* '-' flag */
    int zero;                    /* '0' flag */
    int width;                   /* -1 = none */
    int max;                     /* -1 = none */
    char conv;
} spec;

static const char *parse_spec(const char *f, spec *s)
{
    s->left = s->zero = 0;
    s->width = s->max = -1;
    for (;; f++) {
        if (*f == '-')
            s->left = 1;
        else if (*f == '0')
            s->zero = 1;
        else
            break;
    }
    if (*f >= '1' && *f <= '9')
        s->width = (int)strtol(f, (char **)&f, 10);
    if (*f == '.') {
        f++;
        s->max = (int)strtol(f, (char **)&f, 10);
    }
    s->conv = *f;
    return *f ? f + 1 : f;
}

static void put_padded(FILE *out, const spec *s, const char *p, size_t len, int numeric)
{
    size_t pad = 0, i;
    char fill = s->zero && !s->left && numeric ? '0' : ' ';
    if (s->max >= 0 && len > (size_t)s->max)
        len = (size_t)s->max;
    if (s->width > 0 && (size_t)s->width > len)
        pad = (size_t)s->width - len;
    if (!s->left)
        for (i = 0; i < pad; i++)
            fputc(fill, out);
    fwrite(p, 1, len, out);
    if (s->left)
        for (i = 0; i < pad; i++)
            fputc(' ', out);
}

static void put_number(FILE *out, const spec *s, unsigned long long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%llu", v);
    put_padded(out, s, buf, (size_t)n, 1);
}

static void put_hex(FILE *out, const spec *s, const mqc_bytes *b, int upper)
{
    static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
    const char *digits = upper ? up : lo;
    size_t i, len = b->len * 2, pad = 0;
    if (s->width > 0 && (size_t)s->width > len)
        pad = (size_t)s->width - len;
    if (!s->left)
        for (i = 0; i < pad; i++)
            fputc(s->zero ? '0' : ' ', out);
    for (i = 0; i < b->len; i++) {
        fputc(digits[b->ptr[i] >> 4], out);
        fputc(digits[b->ptr[i] & 15], out);
    }
    if (s->left)
        for (i = 0; i < pad; i++)
            fputc(' ', out);
}

static void put_time(FILE *out, const char *fmt)
{
    char buf[128];
    struct timespec ts;
    struct tm tm;
    size_t n;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    n = strftime(buf, sizeof(buf), fmt, &tm);
    fwrite(buf, 1, n, out);
}

static void put_user_props(FILE *out, const mqc_props *p)
{
    size_t it = 0;
    mqc_user_prop u;
    int first = 1;
    if (!p)
        return;
    while (mqc_props_user_next(p, &it, &u) == 1) {
        fprintf(out, "%s%.*s:%.*s", first ? "" : " ", (int)u.key.len, u.key.ptr,
                (int)u.value.len, u.value.ptr);
        first = 0;
    }
}

static int known_conv(char c)
{
    return c && strchr("%tpqrmilxXPCDEFRSIUA", c) != NULL;
}

int cli_format_check(const cli_opts *o)
{
    const char *f = o->format;
    while (*f) {
        spec s;
        if (*f == '\\' && f[1]) {
            f += 2;
            continue;
        }
        if (*f == '@' && f[1]) {
            f += 2;
            continue;
        }
        if (*f != '%') {
            f++;
            continue;
        }
        f = parse_spec(f + 1, &s);
        if (!known_conv(s.conv)) {
            fprintf(stderr, "%s: -F: unknown format sequence '%%%c'\n\n", o->prog,
                    s.conv ? s.conv : ' ');
            cli_usage(stderr, o->mode);
            return -1;
        }
    }
    return 0;
}

static void print_format(const cli_opts *o, const mqc_publish *m, FILE *out)
{
    const char *f = o->format;
    const mqc_props *p = m->props;
    while (*f) {
        spec s;
        if (*f == '\\' && f[1]) {
            char c = f[1];
            f += 2;
            switch (c) {
            case 'n': fputc('\n', out); break;
            case 't': fputc('\t', out); break;
            case 'r': fputc('\r', out); break;
            case 'a': fputc('\a', out); break;
            case 'v': fputc('\v', out); break;
            case 'e': fputc('\033', out); break;
            case '0': fputc('\0', out); break;
            case '\\': fputc('\\', out); break;
            default: fputc('\\', out); fputc(c, out); break;
            }
            continue;
        }
        if (*f == '@' && f[1]) {
            char fmt[3] = {'%', f[1], 0};
            if (f[1] == '@') {
                fputc('@', out);
            } else if (f[1] == 'N') {
                struct timespec ts;
                clock_gettime(CLOCK_REALTIME, &ts);
                fprintf(out, "%09ld", (long)ts.tv_nsec);
            } else {
                put_time(out, fmt);
            }
            f += 2;
            continue;
        }
        if (*f != '%') {
            fputc(*f++, out);
            continue;
        }
        f = parse_spec(f + 1, &s);
        switch (s.conv) {
        case '%': fputc('%', out); break;
        case 't': put_padded(out, &s, m->topic.ptr, m->topic.len, 0); break;
        case 'p':
            put_padded(out, &s, (const char *)m->payload.ptr, m->payload.len, 0);
            break;
        case 'q': put_number(out, &s, m->qos); break;
        case 'r': put_number(out, &s, m->retain); break;
        case 'm': case 'i': put_number(out, &s, m->id); break;
        case 'l': put_number(out, &s, m->payload.len); break;
        case 'x': put_hex(out, &s, &m->payload, 0); break;
        case 'X': put_hex(out, &s, &m->payload, 1); break;
        case 'P': put_user_props(out, p); break;
        case 'C':
            if (p && mqc_props_has(p, MQC_PROP_CONTENT_TYPE))
                put_padded(out, &s, p->content_type.ptr, p->content_type.len, 0);
            break;
        case 'D':
            if (p && mqc_props_has(p, MQC_PROP_CORRELATION_DATA))
                fwrite(p->correlation_data.ptr, 1, p->correlation_data.len, out);
            break;
        case 'E':
            if (p && mqc_props_has(p, MQC_PROP_MESSAGE_EXPIRY))
                put_number(out, &s, p->message_expiry);
            break;
        case 'F':
            if (p && mqc_props_has(p, MQC_PROP_PAYLOAD_FORMAT))
                put_number(out, &s, p->payload_format);
            break;
        case 'A':
            if (p && mqc_props_has(p, MQC_PROP_TOPIC_ALIAS))
                put_number(out, &s, p->topic_alias);
            break;
        case 'R':
            if (p && mqc_props_has(p, MQC_PROP_RESPONSE_TOPIC))
                put_padded(out, &s, p->response_topic.ptr, p->response_topic.len, 0);
            break;
        case 'S':
            if (p) {
                unsigned k;
                for (k = 0; k < p->subscription_id_count; k++) {
                    if (k)
                        fputc(',', out);
                    put_number(out, &s, p->subscription_ids[k]);
                }
            }
            break;
        case 'I': put_time(out, "%Y-%m-%dT%H:%M:%S%z"); break;
        case 'U': {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            fprintf(out, "%lld.%09ld", (long long)ts.tv_sec, (long)ts.tv_nsec);
            break;
        }
        default: break;
        }
    }
}

int cli_print_message(const cli_opts *o, const mqc_publish *m, FILE *out)
{
    if (o->format) {
        print_format(o, m, out);
    } else {
        if (o->verbose) {
            fwrite(m->topic.ptr, 1, m->topic.len, out);
            fputc(' ', out);
        }
        fwrite(m->payload.ptr, 1, m->payload.len, out);
    }
    if (!o->no_eol)
        fputc('\n', out);
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}

/* MQTT topic matching (3.1.1 §4.7): '+' one level, '#' the rest, and
 * wildcards at the first level do not match topics starting with '$'. */
int cli_topic_matches(const char *filter, const mqc_str *topic)
{
    const char *t = topic->ptr, *end = topic->ptr + topic->len;
    if (topic->len && t[0] == '$' && (filter[0] == '+' || filter[0] == '#'))
        return 0;
    for (;;) {
        const char *fl = strchr(filter, '/');
        size_t flen = fl ? (size_t)(fl - filter) : strlen(filter);
        const char *tl = memchr(t, '/', (size_t)(end - t));
        size_t tlen = tl ? (size_t)(tl - t) : (size_t)(end - t);
        if (flen == 1 && filter[0] == '#')
            return 1;
        if (!(flen == 1 && filter[0] == '+') && (flen != tlen || memcmp(filter, t, flen)))
            return 0;
        if (!fl && !tl)
            return 1;
        if (!fl)
            return 0;
        if (!tl)
            return strcmp(fl + 1, "#") == 0; /* "a/#" matches "a" */
        filter = fl + 1;
        t = tl + 1;
    }
}
