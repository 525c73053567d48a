/* core/jsonw.c — JSON writing with full string escaping. */
#include "core/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/ident.h"

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

/* Writes s as a JSON string. PostgreSQL refuses a document that is not UTF-8:
 * bytes that are no valid UTF-8 become U+FFFD; control characters (C0, DEL, C1)
 * are escaped. */
static void quoted(struct jsonw *w, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);

    put(w, "\"", 1);
    for (size_t i = 0; i < n;) {
        char esc[8];
        size_t l = 1;
        if (p[i] == '"' || p[i] == '\\') {
            esc[0] = '\\', esc[1] = (char)p[i];
            put(w, esc, 2);
        } else if (p[i] < 0x20 || p[i] == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", p[i]);
            puts_(w, esc);
        } else if (p[i] < 0x80 || (l = core_utf8_char(s + i, n - i)) > 0) {
            put(w, s + i, l);
        } else if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
            snprintf(esc, sizeof esc, "\\u%04x", p[i + 1]);
            puts_(w, esc);
            l = 2;
        } else {
            puts_(w, "\\ufffd");
            l = 1;
        }
        i += l;
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
    /* 15 significant digits give back what was typed (DBL_DIG); JSON has no NaN */
    if (isfinite(value))
        snprintf(b, sizeof b, "%.15g", value);
    else
        snprintf(b, sizeof b, "null");
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
