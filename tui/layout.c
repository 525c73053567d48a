/* tui/layout.c — display-width helpers (see tui/layout.h). */
#include "tui/layout.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Decodes one character at s (at most n bytes): *len gets its byte length (1 for an
 * invalid byte) and the return value is its width; *out is what to write (s itself, or
 * "?" when it cannot be shown). */
static int glyph(const char *s, size_t n, size_t *len, const char **out, int ascii)
{
    mbstate_t st;
    wchar_t wc;
    size_t l;
    int w;

    memset(&st, 0, sizeof st);
    l = mbrtowc(&wc, s, n, &st);
    if (l == (size_t)-1 || l == (size_t)-2 || l == 0) {
        *len = 1;
        *out = "?";
        return 1;
    }
    *len = l;
    w = wcwidth(wc);
    if (w < 0 || (ascii && (unsigned char)s[0] >= 0x80)) {
        *out = "?";
        return 1;
    }
    *out = s;
    return w;
}

int tui_text_width(const char *src)
{
    size_t n = strlen(src), l;
    const char *o;
    int w = 0;

    for (size_t i = 0; i < n; i += l)
        w += glyph(src + i, n - i, &l, &o, 0);
    return w;
}

/* Appends bytes when they fit (keeps room for the terminator). */
static int put(char *dst, size_t n, size_t *o, const char *s, size_t len)
{
    if (*o + len + 1 > n)
        return 0;
    memcpy(dst + *o, s, len);
    *o += len;
    dst[*o] = '\0';
    return 1;
}

int tui_fit(char *dst, size_t n, const char *src, int cols, int pad, int ascii)
{
    size_t sl = strlen(src), o = 0, l;
    int used = 0;

    if (n == 0)
        return 0;
    dst[0] = '\0';
    for (size_t i = 0; i < sl; i += l) {
        const char *g;
        int w = glyph(src + i, sl - i, &l, &g, ascii);
        if (used + w > cols)
            break;
        if (!put(dst, n, &o, g, g == src + i ? l : 1))
            break;
        used += w;
    }
    while (pad && used < cols && put(dst, n, &o, " ", 1))
        used++;
    return used;
}

int tui_fit_tail(char *dst, size_t n, const char *src, int cols, int ascii)
{
    size_t sl = strlen(src), start = 0, l;
    const char *g;
    int total = tui_text_width(src);

    if (total <= cols || cols < 2)
        return tui_fit(dst, n, src, cols, 0, ascii);
    /* drop glyphs from the front until the rest fits behind "<" */
    while (start < sl && total > cols - 1) {
        total -= glyph(src + start, sl - start, &l, &g, 0);
        start += l;
    }
    if (n < 2)
        return 0;
    dst[0] = '<';
    return 1 + tui_fit(dst + 1, n - 1, src + start, cols - 1, 0, ascii);
}

/* Width of the word starting at s (up to a space or the end); *len gets its bytes. */
static int word_width(const char *s, size_t *len)
{
    size_t n = strcspn(s, " "), l;
    const char *g;
    int w = 0;
    for (size_t i = 0; i < n; i += l)
        w += glyph(s + i, n - i, &l, &g, 0);
    *len = n;
    return w;
}

struct wrap {
    char (*lines)[TUI_WRAP_LEN];
    int max, nl, used;
    size_t o;
};

static int new_line(struct wrap *w)
{
    if (w->nl + 1 >= w->max)
        return 0;
    w->nl++;
    w->lines[w->nl][0] = '\0';
    w->used = 0;
    w->o = 0;
    return 1;
}

int tui_wrap(const char *src, int cols, char (*lines)[TUI_WRAP_LEN], int max, int ascii)
{
    struct wrap w = { lines, max, -1, 0, 0 };
    const char *s = src;

    if (cols <= 0)
        return 0;
    while (*s) {
        size_t wl, l;
        int ww, sp = 0;
        while (*s == ' ')
            s++, sp++;
        if (!*s)
            break;
        ww = word_width(s, &wl);
        if (w.nl < 0 || (w.used > 0 && w.used + sp + ww > cols)) {
            if (!new_line(&w))
                return w.nl + 1;
        } else {
            for (; w.used > 0 && sp > 0 && put(lines[w.nl], TUI_WRAP_LEN, &w.o, " ", 1); sp--)
                w.used++;
        }
        for (; wl > 0; s += l, wl -= l) { /* broken where wider than a line */
            const char *g;
            int gw = glyph(s, wl, &l, &g, ascii);
            if (w.used > 0 && w.used + gw > cols && !new_line(&w))
                return w.nl + 1;
            put(lines[w.nl], TUI_WRAP_LEN, &w.o, g, g == s ? l : 1);
            w.used += gw;
        }
    }
    return w.nl + 1;
}

static const char *mark(const struct core_attempt *t, int ascii)
{
    if (!t)
        return ascii ? "." : "\u00b7";
    switch (t->result) {
    case CORE_RES_PASS: return ascii ? "+" : "\u2713";
    case CORE_RES_FAIL:
        if (t->decision == CORE_DEC_SCRAP)
            return ascii ? "X" : "\u2716";
        return ascii ? "x" : "\u2717";
    case CORE_RES_OPEN: return ascii ? ">" : "\u25b6";
    }
    return "?";
}

void tui_history(const struct core_routing *r, const struct core_unit *u, int ascii, char *buf,
                 size_t n)
{
    size_t o = 0;

    if (n == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < r->n; i++) {
        const struct core_process *p = &r->p[i];
        char cell[16];
        int len;
        if (!p->active)
            continue;
        len = snprintf(cell, sizeof cell, "%s%d%s", o ? " " : "", p->number,
                       mark(core_unit_latest(u, p->number), ascii));
        if (len < 0 || !put(buf, n, &o, cell, (size_t)len))
            break;
    }
}

void tui_bar(char *buf, size_t n, int cols, int num, int den, int ascii)
{
    size_t o = 0;
    int fill = den > 0 ? (int)((long)num * cols / den) : 0;

    if (n == 0)
        return;
    buf[0] = '\0';
    if (fill > cols)
        fill = cols;
    for (int i = 0; i < cols; i++) {
        const char *c = i < fill ? (ascii ? "#" : "\u2588") : (ascii ? "." : "\u2591");
        if (!put(buf, n, &o, c, strlen(c)))
            break;
    }
}
