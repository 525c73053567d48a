/* print/zpl_text.c — a rendered label's text fields that the printer's built-in font
 * cannot show, put right (print/glyph.h, prn_zpl_text): drawn on the station as a ^GF
 * graphic in the text's place, or sent in a font stored on the printer.
 *
 * It reads the ZPL the renderer (print/zpl.c) produced, where every command starts at a
 * '^' or '~' (field data is ^FH-escaped, so none hides there), and changes nothing but
 * those fields: a label whose text the built-in font shows comes out byte for byte as it
 * went in. Pure: no I/O but the font file (print/glyph.c). */
#include "print/glyph.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/zpl.h"

#define TEXT_MAX 1024 /* bytes of one field's decoded text (values are 64 bytes) */
#define MAX_ALIASES 36

struct tok {
    const char *p; /* from the prefix */
    size_t n;      /* up to the next prefix (trailing newline included) */
};

__attribute__((format(printf, 2, 3))) static void putf(struct prn_out *o, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        prn_out_put(o, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* ---- commands ------------------------------------------------------------------------ */
static int is_cmd(const struct tok *t, const char *name)
{
    return t->n >= 3 && t->p[0] == '^' && t->p[1] == name[0] && t->p[2] == name[1];
}

/* Parameter i (comma-separated, after the two-letter name) as [*s, *s + *n). */
static int param(const struct tok *t, int i, const char **s, size_t *n)
{
    const char *p = t->p + 3, *e = t->p + t->n, *c;

    while (e > p && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    for (; i > 0; i--) {
        if (!(c = memchr(p, ',', (size_t)(e - p))))
            return 0;
        p = c + 1;
    }
    c = memchr(p, ',', (size_t)(e - p));
    *s = p;
    *n = (size_t)((c ? c : e) - p);
    return 1;
}

/* Parameter i as a number; def when absent or not a number. */
static long num(const struct tok *t, int i, long def)
{
    const char *s;
    size_t n, k;
    long v = 0;
    int neg = 0;

    if (!param(t, i, &s, &n) || !n)
        return def;
    if (s[0] == '-')
        neg = 1;
    for (k = (size_t)neg; k < n; k++) {
        if (s[k] < '0' || s[k] > '9' || v > 1000000)
            return def;
        v = v * 10 + (s[k] - '0');
    }
    return k == (size_t)neg ? def : neg ? -v : v;
}

static char letter(const struct tok *t, int i, char def)
{
    const char *s;
    size_t n;

    return param(t, i, &s, &n) && n ? s[0] : def;
}

/* ---- label and field state ----------------------------------------------------------- */
struct label {
    long pw, ll, lhx, lhy;
    char cf_font, fw;
    long cf_h, cf_w;
    char alias[MAX_ALIASES]; /* font letters named by ^CW: fonts stored on the printer */
    int n_alias;
};

struct field {
    int begin, end; /* tokens [begin, end], end is the ^FS */
    int ft, fr, fh, other;
    long x, y;
    char font, orient; /* 0: not given */
    long h, w;
    long fbw, fb_lines;
    char just, esc;
    int fd; /* token of ^FD, or -1 */
};

static int is_alias(const struct label *l, char f)
{
    for (int i = 0; i < l->n_alias; i++)
        if (l->alias[i] == f)
            return 1;
    return 0;
}

/* Commands that set the label's defaults: kept as they are wherever they stand. */
static void label_cmd(struct label *l, const struct tok *t)
{
    if (is_cmd(t, "XA")) {
        l->pw = l->ll = -1;
        l->lhx = l->lhy = 0;
        l->cf_font = 'A', l->cf_h = l->cf_w = 0, l->fw = 'N';
    } else if (is_cmd(t, "PW")) {
        l->pw = num(t, 0, -1);
    } else if (is_cmd(t, "LL")) {
        l->ll = num(t, 0, -1);
    } else if (is_cmd(t, "LH")) {
        l->lhx = num(t, 0, 0), l->lhy = num(t, 1, 0);
    } else if (is_cmd(t, "CF")) {
        l->cf_font = letter(t, 0, l->cf_font);
        l->cf_h = num(t, 1, l->cf_h), l->cf_w = num(t, 2, l->cf_w);
    } else if (is_cmd(t, "FW")) {
        l->fw = letter(t, 0, l->fw);
    } else if (is_cmd(t, "CW") && l->n_alias < MAX_ALIASES) {
        l->alias[l->n_alias++] = letter(t, 0, 0);
    }
}

/* A command that belongs to the field being built (sets *f), or 0 for a label one. */
static int field_cmd(struct field *f, const struct tok *t, int i)
{
    if (t->p[0] != '^' || t->n < 3)
        return 0;
    if (is_cmd(t, "FO") || is_cmd(t, "FT")) {
        f->ft = t->p[2] == 'T';
        f->x = num(t, 0, 0), f->y = num(t, 1, 0);
    } else if (t->p[1] == 'A') {
        f->font = t->p[2];
        f->orient = t->n > 3 && t->p[3] >= 'A' && t->p[3] <= 'Z' ? t->p[3] : 0;
        f->h = num(t, 1, 0), f->w = num(t, 2, 0);
    } else if (is_cmd(t, "FB")) {
        f->fbw = num(t, 0, 0), f->fb_lines = num(t, 1, 1), f->just = letter(t, 3, 'L');
    } else if (is_cmd(t, "FH")) {
        f->fh = 1, f->esc = letter(t, 0, '_');
    } else if (is_cmd(t, "FR")) {
        f->fr = 1;
    } else if (is_cmd(t, "FD")) {
        f->fd = i;
    } else if ((t->p[1] == 'B' && t->p[2] != 'Y') || t->p[1] == 'G' || is_cmd(t, "FV") ||
               is_cmd(t, "FN")) {
        f->other = 1; /* a bar code, a box, a graphic, a stored field: not text */
    } else if (!is_cmd(t, "FS")) {
        return 0;
    }
    return 1;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                  : -1;
}

/* The field's text as the printer reads it (^FH escapes decoded). */
static size_t field_text(const struct field *f, const struct tok *fd, char *out)
{
    const char *s = fd->p + 3, *e = fd->p + fd->n;
    size_t n = 0;

    while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
        e--;
    for (; s < e && n < TEXT_MAX; s++) {
        if (f->fh && *s == f->esc && e - s >= 3 && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
            out[n++] = (char)(hexval(s[1]) << 4 | hexval(s[2]));
            s += 2;
        } else {
            out[n++] = *s;
        }
    }
    return n;
}

/* ---- the two ways out ------------------------------------------------------------------- */
static const char *trailing(const struct tok *t, size_t *n)
{
    const char *e = t->p + t->n, *s = e;

    while (s > t->p && (s[-1] == '\n' || s[-1] == '\r'))
        s--;
    *n = (size_t)(e - s);
    return s;
}

/* The label commands among the field's tokens, kept in place of the field's own. */
static void put_label_cmds(struct prn_out *o, const struct tok *tk, const struct field *f)
{
    struct field scratch;

    for (int i = f->begin; i < f->end; i++) {
        memset(&scratch, 0, sizeof scratch);
        if (!field_cmd(&scratch, &tk[i], i))
            prn_out_put(o, tk[i].p, tk[i].n);
    }
}

/* The field as it was, with its font command now naming the printer's stored font. */
static void put_printer_font(struct prn_out *o, const struct tok *tk, const struct field *f,
                             const struct label *l, const char *font)
{
    char orient = f->orient ? f->orient : l->fw;
    long h = f->h > 0 ? f->h : l->cf_h, w = f->w > 0 ? f->w : f->font ? 0 : l->cf_w;
    int font_put = 0;

    for (int i = f->begin; i <= f->end; i++) {
        if (tk[i].p[0] == '^' && tk[i].p[1] == 'A' && tk[i].n >= 3) {
            font_put = 1;
        } else if (i == f->fd && !font_put) {
            font_put = 1;
        } else {
            prn_out_put(o, tk[i].p, tk[i].n);
            continue;
        }
        putf(o, "^A@%c,%ld,%ld,%s", orient, h, w > 0 ? w : h, font);
        if (i == f->fd)
            prn_out_put(o, tk[i].p, tk[i].n);
    }
}

static enum stn_code put_bitmap(struct prn_out *o, const struct tok *tk, const struct field *f,
                                const struct label *l, const char *text, size_t n, const char *font,
                                struct prn_text_stats *st, struct stn_err *err)
{
    struct prn_glyph_box box;
    struct prn_glyph_info info;
    struct prn_bitmap b;
    long x = f->x, y, rows;
    const char *tail;
    size_t tn;
    char *gf;
    enum stn_code rc;

    box.height = (int)(f->h > 0 ? f->h : l->cf_h);
    box.width = (int)(f->w > 0 ? f->w : f->font ? 0 : l->cf_w);
    box.max_w = (int)(f->fbw > 0 ? f->fbw : l->pw > 0 ? l->pw - l->lhx - f->x : 8000);
    if (box.max_w < 1)
        box.max_w = 1;
    if ((rc = prn_glyph_draw(font, text, n, &box, &b, &info, err)) != STN_OK)
        return rc;
    if (f->fbw > 0 && (f->just == 'C' || f->just == 'R'))
        x += f->just == 'C' ? (f->fbw - b.w) / 2 : f->fbw - b.w;
    y = f->ft ? f->y - info.baseline : f->y;
    rows = l->ll > 0 ? l->ll - l->lhy - y : b.h; /* nothing below the label's end */
    if (rows < b.h)
        b.h = rows < 1 ? 1 : (int)rows;
    if (!(gf = malloc(prn_gf_bound(&b)))) {
        prn_bitmap_free(&b);
        o->oom = 1;
        return STN_OK;
    }
    put_label_cmds(o, tk, f);
    putf(o, "^FO%ld,%ld%s", x, y < 0 ? 0 : y, f->fr ? "^FR" : "");
    prn_out_put(o, gf, prn_gf_encode(&b, gf));
    prn_out_put(o, "^FS", 3);
    tail = trailing(&tk[f->end], &tn);
    prn_out_put(o, tail, tn);
    st->bitmaps++;
    st->missing += info.missing;
    st->condensed += info.condensed;
    st->cut += info.cut;
    free(gf);
    prn_bitmap_free(&b);
    return STN_OK;
}

/* One field, ended by the ^FS at tk[f->end]. */
static enum stn_code put_field(struct prn_out *o, const struct tok *tk, const struct field *f,
                               const struct label *l, const struct prn_text_fonts *fonts,
                               struct prn_text_stats *st, struct stn_err *err)
{
    char text[TEXT_MAX];
    char font = f->font ? f->font : l->cf_font, orient = f->orient ? f->orient : l->fw;
    size_t n = 0;
    int i;

    if (f->fd >= 0)
        n = field_text(f, &tk[f->fd], text);
    if (f->fd < 0 || f->other || prn_text_builtin(text, n) || font == '@' || is_alias(l, font) ||
        orient != 'N' || (f->h <= 0 && l->cf_h <= 0)) {
        for (i = f->begin; i <= f->end; i++) /* the printer shows it, or we cannot help */
            prn_out_put(o, tk[i].p, tk[i].n);
        return STN_OK;
    }
    if (fonts->printer_font && fonts->printer_font[0]) {
        put_printer_font(o, tk, f, l, fonts->printer_font);
        st->printer_font++;
        return STN_OK;
    }
    return put_bitmap(o, tk, f, l, text, n, fonts->bitmap_font, st, err);
}

/* ---- the pass ----------------------------------------------------------------------------- */
static struct tok *tokenize(const char *p, size_t len, int *count)
{
    struct tok *tk;
    size_t i, start = 0;
    int n = 0, cap = 64;

    if (!(tk = malloc((size_t)cap * sizeof *tk)))
        return NULL;
    for (i = 1; i <= len; i++) {
        if (i < len && p[i] != '^' && p[i] != '~')
            continue;
        if (n == cap) {
            struct tok *nt = realloc(tk, (size_t)(cap *= 2) * sizeof *tk);
            if (!nt) {
                free(tk);
                return NULL;
            }
            tk = nt;
        }
        tk[n].p = p + start;
        tk[n++].n = i - start;
        start = i;
    }
    *count = n;
    return tk;
}

enum stn_code prn_zpl_text(struct prn_buf *label, const struct prn_text_fonts *fonts,
                           struct prn_text_stats *stats, struct stn_err *err)
{
    struct prn_text_stats dummy;
    struct prn_out o = { NULL, 0, 0, 0 };
    struct label l;
    struct field f;
    struct tok *tk;
    int n, i, open = 0;
    enum stn_code rc = STN_OK;

    stats = stats ? stats : &dummy;
    memset(stats, 0, sizeof *stats);
    if (!label->len)
        return STN_OK;
    if (!(tk = tokenize(label->data, label->len, &n)))
        goto oom;
    memset(&l, 0, sizeof l);
    l.pw = l.ll = -1, l.cf_font = 'A', l.fw = 'N';
    for (i = 0; i < n && rc == STN_OK; i++) {
        if (!open) {
            memset(&f, 0, sizeof f);
            f.fd = -1;
            f.begin = i;
        }
        if (field_cmd(&f, &tk[i], i)) {
            open = 1;
            if (is_cmd(&tk[i], "FS")) {
                f.end = i;
                rc = put_field(&o, tk, &f, &l, fonts, stats, err);
                open = 0;
            }
            continue;
        }
        label_cmd(&l, &tk[i]);
        if (!open)
            prn_out_put(&o, tk[i].p, tk[i].n);
    }
    for (i = open ? f.begin : n; i < n && rc == STN_OK; i++) /* a field without ^FS */
        prn_out_put(&o, tk[i].p, tk[i].n);
    free(tk);
    if (rc != STN_OK) {
        free(o.p);
        return rc;
    }
    if (o.oom)
        goto oom;
    if (!stats->bitmaps && !stats->printer_font) { /* unchanged: keep the caller's bytes */
        free(o.p);
        return STN_OK;
    }
    free(label->data);
    label->data = o.p;
    label->len = o.len;
    return STN_OK;
oom:
    free(o.p);
    return stn_err_set(err, STN_E_IO, "out of memory while drawing a label's text");
}
