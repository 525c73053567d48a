/* core/jsonw.c — JSON writing with full string escaping. */
#include "core/jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void put(struct jsonw *w, const char *s, size_t n)
{
    if (w->len + n + 1 > w->cap) {
        while (w->len + n + 1 > w->cap)
            w->cap = w->cap ? w->cap * 2 : 256;
        w->buf = xrealloc(w->buf, w->cap);
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void puts_(struct jsonw *w, const char *s)
{
    put(w, s, strlen(s));
}

static void quoted(struct jsonw *w, const char *s)
{
    put(w, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\', esc[1] = (char)*p;
            put(w, esc, 2);
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            puts_(w, esc);
        } else {
            put(w, (const char *)p, 1);
        }
    }
    put(w, "\"", 1);
}

void jsonw_init(struct jsonw *w)
{
    memset(w, 0, sizeof *w);
    put(w, "", 0);
}

void jsonw_fini(struct jsonw *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

void jsonw_open(struct jsonw *w)
{
    put(w, "{", 1);
    w->need_comma = 0;
}

void jsonw_close(struct jsonw *w)
{
    put(w, "}", 1);
    w->need_comma = 1;
}

void jsonw_key(struct jsonw *w, const char *key)
{
    if (w->need_comma)
        put(w, ",", 1);
    quoted(w, key);
    put(w, ":", 1);
    w->need_comma = 0;
}

void jsonw_str(struct jsonw *w, const char *key, const char *value)
{
    jsonw_key(w, key);
    quoted(w, value ? value : "");
    w->need_comma = 1;
}

void jsonw_num(struct jsonw *w, const char *key, double value)
{
    char b[40];
    jsonw_key(w, key);
    snprintf(b, sizeof b, "%.10g", value);
    puts_(w, b);
    w->need_comma = 1;
}

void jsonw_bool(struct jsonw *w, const char *key, int value)
{
    jsonw_key(w, key);
    puts_(w, value ? "true" : "false");
    w->need_comma = 1;
}

const char *jsonw_text(const struct jsonw *w)
{
    return w->buf ? w->buf : "";
}
