/* mqc sub/rr output: payload, -v, or a -F format (mosquitto_sub 2.0's
 * sequences and layout: %-conversions with optional [-][0][width][.max],
 * %j/%J JSON (json.c), @-strftime, \-escapes), written and flushed per
 * message. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* One %-sequence's options, parsed as mosquitto_sub 2.0 parses them:
 * an optional '-', an optional '0', a width, an optional '.precision'. */
typedef struct spec {
    int left;                    /* '-': left-aligned, blank-padded */
    int zero;                    /* '0': zero padding (numbers, payload) */
    int width;                   /* 0 = none */
    int prec;                    /* -1 = none */
    char conv;
} spec;

static const char *parse_spec(const char *f, spec *s)
{
    s->left = s->zero = 0;
    s->width = 0;
    s->prec = -1;
    if (*f == '-') {
        s->left = 1;
        f++;
    }
    if (*f == '0') {
        s->zero = 1;
        f++;
    }
    while (*f >= '0' && *f <= '9')
        s->width = s->width * 10 + (*f++ - '0');
    if (*f == '.') {
        s->prec = 0;
        f++;
        while (*f >= '0' && *f <= '9')
            s->prec = s->prec * 10 + (*f++ - '0');
    }
    s->conv = *f;
    return *f ? f + 1 : f;
}

static void pad(FILE *out, char c, long n)
{
    while (n-- > 0)
        fputc(c, out);
}

/* A string (%t %C %R %I): printf's %-*.*s. */
static void put_str(FILE *out, const spec *s, const char *p, size_t len)
{
    if (s->prec >= 0 && len > (size_t)s->prec)
        len = (size_t)s->prec;
    if (!s->left)
        pad(out, ' ', (long)s->width - (long)len);
    fwrite(p, 1, len, out);
    if (s->left)
        pad(out, ' ', (long)s->width - (long)len);
}

/* A number (%l %m %A %E %F %S): printf's %-*d / %0*d / %*d. */
static void put_number(FILE *out, const spec *s, unsigned long long v)
{
    if (s->left)
        fprintf(out, "%-*llu", s->width, v);
    else if (s->zero)
        fprintf(out, "%0*llu", s->width, v);
    else
        fprintf(out, "%*llu", s->width, v);
}

/* An absent property with a width: the width in padding. */
static void put_blank(FILE *out, const spec *s)
{
    pad(out, s->zero && !s->left ? '0' : ' ', s->width);
}

/* The payload (%p) or its hex (%x %X), as mosquitto_sub 2.0.11 lays it
 * out: a width also cuts the payload to that many bytes, and for hex to
 * half of those (so "%4x" shows 2 bytes); '-' without a width still pads
 * with as many blanks as the payload has bytes. */
static void put_payload(FILE *out, const spec *s, const mqc_bytes *b, int hex)
{
    static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
    size_t n = b->len, i;
    long padlen;
    if (s->width > 0) {
        if (n > (size_t)s->width)
            n = (size_t)s->width;
        if (hex)
            n /= 2;
        padlen = (long)s->width - (long)(hex ? 2 * n : n);
    } else {
        padlen = (long)n; /* only the '-' case prints it */
    }
    if (!s->left && s->width > 0)
        pad(out, s->zero ? '0' : ' ', padlen);
    if (!hex) {
        fwrite(b->ptr, 1, n, out);
    } else {
        const char *d = hex == 2 ? up : lo;
        for (i = 0; i < n; i++) {
            fputc(d[b->ptr[i] >> 4], out);
            fputc(d[b->ptr[i] & 15], out);
        }
    }
    if (s->left)
        pad(out, ' ', padlen);
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

/* mosquitto_sub 2.0's sequences, no more (it refuses the others too). */
static int known_conv(char c)
{
    return c && strchr("%ACDEFIjJlmPpqRrStUxX", c) != NULL;
}

static int format_error(const cli_opts *o, const char *fmt, char c)
{
    fprintf(stderr, "%s: -F: ", o->prog);
    fprintf(stderr, fmt, c);
    fputs("\n\n", stderr);
    cli_usage(stderr, o->mode);
    return -1;
}

int cli_format_check(const cli_opts *o)
{
    const char *f = o->format;
    while (*f) {
        spec s;
        if (*f == '\\') {
            if (!f[1])
                return format_error(o, "incomplete escape sequence at the end%c", ' ');
            if (!strchr("\\0aenrtv", f[1]))
                return format_error(o, "unknown escape sequence '\\%c'", f[1]);
            f += 2;
        } else if (*f == '@') {
            if (!f[1])
                return format_error(o, "incomplete @-sequence at the end%c", ' ');
            f += 2;
        } else if (*f == '%') {
            f = parse_spec(f + 1, &s);
            if (!s.conv)
                return format_error(o, "incomplete %%-sequence at the end%c", ' ');
            if (!known_conv(s.conv))
                return format_error(o, "unknown format sequence '%%%c'", s.conv);
        } else {
            f++;
        }
    }
    return 0;
}

static void print_format(const cli_opts *o, const mqc_publish *m, FILE *out)
{
    const char *f = o->format;
    const mqc_props *p = m->props;
    char buf[128];
    struct timespec ts;
    struct tm tm;
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
            default: fputc(c, out); break; /* '\\' */
            }
            continue;
        }
        if (*f == '@' && f[1]) {
            char fmt[3] = {'%', f[1], 0};
            clock_gettime(CLOCK_REALTIME, &ts);
            if (f[1] == '@') {
                fputc('@', out);
            } else if (f[1] == 'N') {
                fprintf(out, "%09ld", (long)ts.tv_nsec);
            } else {
                localtime_r(&ts.tv_sec, &tm);
                fwrite(buf, 1, strftime(buf, sizeof(buf), fmt, &tm), out);
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
        case 't': put_str(out, &s, m->topic.ptr, m->topic.len); break;
        case 'p': put_payload(out, &s, &m->payload, 0); break;
        case 'x': put_payload(out, &s, &m->payload, 1); break;
        case 'X': put_payload(out, &s, &m->payload, 2); break;
        case 'q': fputc('0' + m->qos, out); break;
        case 'r': fputc(m->retain ? '1' : '0', out); break;
        case 'm': put_number(out, &s, m->id); break;
        case 'l': put_number(out, &s, m->payload.len); break;
        case 'P': put_user_props(out, p); break;
        case 'C':
            if (p && mqc_props_has(p, MQC_PROP_CONTENT_TYPE))
                put_str(out, &s, p->content_type.ptr, p->content_type.len);
            else
                put_blank(out, &s);
            break;
        case 'R':
            if (p && mqc_props_has(p, MQC_PROP_RESPONSE_TOPIC))
                put_str(out, &s, p->response_topic.ptr, p->response_topic.len);
            break;
        case 'D':
            if (p && mqc_props_has(p, MQC_PROP_CORRELATION_DATA))
                fwrite(p->correlation_data.ptr, 1, p->correlation_data.len, out);
            break;
        case 'E':
            if (p && mqc_props_has(p, MQC_PROP_MESSAGE_EXPIRY))
                put_number(out, &s, p->message_expiry);
            else
                put_blank(out, &s);
            break;
        case 'F':
            if (p && mqc_props_has(p, MQC_PROP_PAYLOAD_FORMAT))
                put_number(out, &s, p->payload_format);
            else
                put_blank(out, &s);
            break;
        case 'A':
            if (p && mqc_props_has(p, MQC_PROP_TOPIC_ALIAS))
                put_number(out, &s, p->topic_alias);
            else
                put_blank(out, &s);
            break;
        case 'S': /* the first, as mosquitto_sub */
            if (p && p->subscription_id_count)
                put_number(out, &s, p->subscription_ids[0]);
            else
                put_blank(out, &s);
            break;
        case 'I':
            clock_gettime(CLOCK_REALTIME, &ts);
            localtime_r(&ts.tv_sec, &tm);
            put_str(out, &s, buf, strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S%z", &tm));
            break;
        case 'U':
            clock_gettime(CLOCK_REALTIME, &ts);
            fprintf(out, "%lld.%09ld", (long long)ts.tv_sec, (long)ts.tv_nsec);
            break;
        case 'j':
        case 'J':
            if (cli_json_print(o, m, s.conv == 'J', out) < 0)
                cli_err(o, "the payload is not valid JSON on topic %.*s", (int)m->topic.len,
                        m->topic.ptr);
            break;
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
