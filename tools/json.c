/* %j and %J of mqc sub/rr -F: a message as one JSON object, laid out as
 * mosquitto_sub 2.0 prints it (cJSON's layout: keys tst, topic, qos,
 * retain, payloadlen, mid, properties in packet order, payload; --pretty
 * indents with tabs). %J re-prints a payload that must itself be JSON. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define JSON_MAX_DEPTH 1000

static void json_str(FILE *out, const char *p, size_t len)
{
    size_t i;
    fputc('"', out);
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)p[i];
        switch (ch) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (ch < 0x20)
                fprintf(out, "\\u%04x", ch);
            else
                fputc(ch, out);
        }
    }
    fputc('"', out);
}

static void tabs(FILE *out, int n)
{
    while (n-- > 0)
        fputc('\t', out);
}

/* One member of an object at depth (members indented depth tabs). */
static void json_key(FILE *out, int pretty, int depth, int *first, const char *key)
{
    if (!*first)
        fputc(',', out);
    if (pretty) {
        fputc('\n', out);
        tabs(out, depth);
    }
    *first = 0;
    json_str(out, key, strlen(key));
    fputs(pretty ? ":\t" : ":", out);
}

static void json_end(FILE *out, int pretty, int depth)
{
    if (pretty) {
        fputc('\n', out);
        tabs(out, depth - 1);
    }
    fputc('}', out);
}

/* ---- re-printing a JSON payload (%J), with cJSON's parse rules ---- */

typedef struct jp {
    const char *p, *end;
    FILE *out;
    int pretty;
} jp;

static void skip_ws(jp *j)
{
    while (j->p < j->end && (unsigned char)*j->p <= 32 && *j->p)
        j->p++;
}

static int hex4(const char *p, unsigned *v)
{
    int i;
    *v = 0;
    for (i = 0; i < 4; i++) {
        char ch = p[i];
        *v <<= 4;
        if (ch >= '0' && ch <= '9')
            *v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            *v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            *v |= (unsigned)(ch - 'A' + 10);
        else
            return -1;
    }
    return 0;
}

static void put_utf8(char **o, unsigned cp)
{
    char *q = *o;
    if (cp < 0x80) {
        *q++ = (char)cp;
    } else if (cp < 0x800) {
        *q++ = (char)(0xC0 | (cp >> 6));
        *q++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *q++ = (char)(0xE0 | (cp >> 12));
        *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *q++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *q++ = (char)(0xF0 | (cp >> 18));
        *q++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *q++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = q;
}

/* A string at j->p ('"'): decoded and printed escaped. */
static int jp_string(jp *j)
{
    const char *p = j->p + 1;
    char *buf, *o;
    int rv = -1;
    buf = malloc((size_t)(j->end - j->p) + 4);
    if (!buf)
        return -1;
    o = buf;
    while (p < j->end && *p != '"') {
        unsigned cp, lo;
        if (*p != '\\') {
            if (!*p)
                goto out;
            *o++ = *p++;
            continue;
        }
        if (p + 1 >= j->end)
            goto out;
        switch (p[1]) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case '"': case '\\': case '/': *o++ = p[1]; break;
        case 'u':
            if (j->end - p < 6 || hex4(p + 2, &cp))
                goto out;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                goto out;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (j->end - p < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    goto out;
                cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
                p += 6;
            }
            if (cp == 0)
                goto out; /* cJSON cannot hold a NUL in a string */
            put_utf8(&o, cp);
            p += 4;
            break;
        default:
            goto out;
        }
        p += 2;
    }
    if (p >= j->end)
        goto out;
    json_str(j->out, buf, (size_t)(o - buf));
    j->p = p + 1;
    rv = 0;
out:
    free(buf);
    return rv;
}

static int jp_number(jp *j)
{
    char tmp[64], *end;
    size_t n = 0;
    double d;
    while (j->p + n < j->end && n < sizeof(tmp) - 1 && strchr("0123456789+-eE.", j->p[n]))
        n++;
    memcpy(tmp, j->p, n);
    tmp[n] = 0;
    d = strtod(tmp, &end);
    if (end == tmp)
        return -1;
    j->p += end - tmp;
    if (isnan(d) || isinf(d)) {
        fputs("null", j->out);
    } else if (d >= INT32_MIN && d <= INT32_MAX && d == (double)(int)d) {
        fprintf(j->out, "%d", (int)d);
    } else {
        char b[32];
        snprintf(b, sizeof(b), "%1.15g", d);
        if (strtod(b, NULL) != d)
            snprintf(b, sizeof(b), "%1.17g", d);
        fputs(b, j->out);
    }
    return 0;
}

static int jp_value(jp *j, int depth);

static int jp_object(jp *j, int depth)
{
    int first = 1;
    j->p++;
    fputc('{', j->out);
    skip_ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        if (j->pretty) {
            fputc('\n', j->out);
            tabs(j->out, depth - 1);
        }
        fputc('}', j->out);
        return 0;
    }
    for (;;) {
        skip_ws(j);
        if (j->p >= j->end || *j->p != '"')
            return -1;
        if (!first)
            fputc(',', j->out);
        if (j->pretty) {
            fputc('\n', j->out);
            tabs(j->out, depth);
        }
        first = 0;
        if (jp_string(j) < 0)
            return -1;
        skip_ws(j);
        if (j->p >= j->end || *j->p != ':')
            return -1;
        j->p++;
        fputs(j->pretty ? ":\t" : ":", j->out);
        skip_ws(j);
        if (jp_value(j, depth) < 0)
            return -1;
        skip_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            json_end(j->out, j->pretty, depth);
            return 0;
        }
        return -1;
    }
}

static int jp_array(jp *j, int depth)
{
    j->p++;
    fputc('[', j->out);
    skip_ws(j);
    if (j->p < j->end && *j->p == ']') {
        j->p++;
        fputc(']', j->out);
        return 0;
    }
    for (;;) {
        skip_ws(j);
        if (jp_value(j, depth) < 0)
            return -1;
        skip_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            fputs(j->pretty ? ", " : ",", j->out);
            continue;
        }
        if (j->p < j->end && *j->p == ']') {
            j->p++;
            fputc(']', j->out);
            return 0;
        }
        return -1;
    }
}

static int jp_value(jp *j, int depth)
{
    size_t left = (size_t)(j->end - j->p);
    if (depth > JSON_MAX_DEPTH || !left)
        return -1;
    if (left >= 4 && !memcmp(j->p, "null", 4)) {
        j->p += 4;
        fputs("null", j->out);
        return 0;
    }
    if (left >= 5 && !memcmp(j->p, "false", 5)) {
        j->p += 5;
        fputs("false", j->out);
        return 0;
    }
    if (left >= 4 && !memcmp(j->p, "true", 4)) {
        j->p += 4;
        fputs("true", j->out);
        return 0;
    }
    if (*j->p == '"')
        return jp_string(j);
    if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
        return jp_number(j);
    if (*j->p == '[')
        return jp_array(j, depth + 1);
    if (*j->p == '{')
        return jp_object(j, depth + 1);
    return -1;
}

/* ---- the message object ---- */

static uint32_t be(const uint8_t *p, int n)
{
    uint32_t v = 0;
    while (n--)
        v = (v << 8) | *p++;
    return v;
}

/* The 5.0 properties mosquitto_sub shows, in the order they came. */
static void json_props(FILE *out, int pretty, const mqc_bytes *raw)
{
    const uint8_t *p = raw->ptr, *end = raw->ptr + raw->len;
    int first = 1, users = 0;
    while (p < end) {
        uint8_t id = *p++;
        uint32_t v = 0, shift = 0, n;
        switch (id) {
        case 0x01: /* byte */
            json_key(out, pretty, 2, &first, "payload-format-indicator");
            fprintf(out, "%u", *p++);
            break;
        case 0x02:
            json_key(out, pretty, 2, &first, "message-expiry-interval");
            fprintf(out, "%u", (unsigned)be(p, 4));
            p += 4;
            break;
        case 0x23:
            json_key(out, pretty, 2, &first, "topic-alias");
            fprintf(out, "%u", (unsigned)be(p, 2));
            p += 2;
            break;
        case 0x0B:
            do {
                v |= (uint32_t)(*p & 0x7F) << shift;
                shift += 7;
            } while (*p++ & 0x80);
            json_key(out, pretty, 2, &first, "subscription-identifier");
            fprintf(out, "%u", (unsigned)v);
            break;
        case 0x03: case 0x08: case 0x09:
            n = be(p, 2);
            p += 2;
            json_key(out, pretty, 2, &first,
                     id == 0x03 ? "content-type" : id == 0x08 ? "response-topic"
                                                              : "correlation-data");
            json_str(out, (const char *)p, id == 0x09 && memchr(p, 0, n)
                                               ? (size_t)((const uint8_t *)memchr(p, 0, n) - p)
                                               : n);
            p += n;
            break;
        case 0x26: {
            uint32_t kl = be(p, 2), vl;
            const uint8_t *k = p + 2;
            vl = be(k + kl, 2);
            if (!users) {
                json_key(out, pretty, 2, &first, "user-properties");
                fputc('{', out);
            }
            if (users)
                fputc(',', out);
            if (pretty) {
                fputc('\n', out);
                tabs(out, 3);
            }
            users = 1;
            json_str(out, (const char *)k, kl);
            fputs(pretty ? ":\t" : ":", out);
            json_str(out, (const char *)k + kl + 2, vl);
            p = k + kl + 2 + vl;
            /* The object closes when the next property is not a user property. */
            if (p >= end || *p != 0x26) {
                json_end(out, pretty, 3);
                users = 0;
            }
            break;
        }
        default:
            return; /* nothing else comes in a PUBLISH from a broker */
        }
    }
}

int cli_json_print(const cli_opts *o, const mqc_publish *m, int raw, FILE *out)
{
    struct timespec ts;
    struct tm tm;
    char tst[64];
    int first = 1, pretty = o->pretty, rv = 0;
    char *mem = NULL;
    size_t memlen = 0;
    FILE *f = out;

    /* %J: into memory first, so an invalid payload prints nothing. */
    if (raw && !(f = open_memstream(&mem, &memlen)))
        return -1;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    strftime(tst, sizeof(tst), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(tst + strlen(tst), sizeof(tst) - strlen(tst), ".%06ldZ", ts.tv_nsec / 1000);
    strftime(tst + strlen(tst), sizeof(tst) - strlen(tst), "%z", &tm);
    fputc('{', f);
    json_key(f, pretty, 1, &first, "tst");
    json_str(f, tst, strlen(tst));
    json_key(f, pretty, 1, &first, "topic");
    json_str(f, m->topic.ptr, m->topic.len);
    json_key(f, pretty, 1, &first, "qos");
    fprintf(f, "%u", m->qos);
    json_key(f, pretty, 1, &first, "retain");
    fprintf(f, "%u", m->retain);
    json_key(f, pretty, 1, &first, "payloadlen");
    fprintf(f, "%zu", m->payload.len);
    if (m->qos) {
        json_key(f, pretty, 1, &first, "mid");
        fprintf(f, "%u", m->id);
    }
    if (m->props && m->props->raw.len) {
        json_key(f, pretty, 1, &first, "properties");
        fputc('{', f);
        json_props(f, pretty, &m->props->raw);
        json_end(f, pretty, 2);
    }
    json_key(f, pretty, 1, &first, "payload");
    if (!m->payload.len) {
        fputs("null", f);
    } else if (!raw) {
        json_str(f, (const char *)m->payload.ptr, m->payload.len);
    } else {
        jp j = {(const char *)m->payload.ptr, (const char *)m->payload.ptr + m->payload.len, f,
                pretty};
        skip_ws(&j);
        rv = jp_value(&j, 1);
        skip_ws(&j);
        if (j.p != j.end)
            rv = -1;
    }
    json_end(f, pretty, 1);
    if (raw) {
        fclose(f);
        if (rv == 0)
            fwrite(mem, 1, memlen, out);
        free(mem);
    }
    return rv;
}
