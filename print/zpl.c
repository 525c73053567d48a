/* print/zpl.c — renders a checked template (print/template.c) to ZPL bytes. Pure: no
 * I/O, no clock, no locale. See print/zpl.h for the template rules. */
#include "print/zpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/status.h"

/* The ZPL II commands a template may use. dots: bit i = parameter i (0-based) is a
 * length in 203-dpi dots and is scaled for 300 dpi. Anything else is refused at load,
 * so nothing that carries a size can escape the scaling. */
static const struct prn_zcmd zcmds[] = {
    { '^', "XA", 0, PRN_ZC_NOPARAMS | PRN_ZC_XA },
    { '^', "XZ", 0, PRN_ZC_NOPARAMS | PRN_ZC_XZ },
    { '^', "CI", 0, PRN_ZC_CI },           /* must be ^CI28 */
    { '^', "PW", 1u << 0, 0 },             /* print width */
    { '^', "LL", 1u << 0, 0 },             /* label length */
    { '^', "LH", 1u << 0 | 1u << 1, 0 },   /* label home x,y */
    { '^', "LS", 1u << 0, PRN_ZC_SIGNED }, /* label shift */
    { '^', "LT", 1u << 0, PRN_ZC_SIGNED }, /* label top */
    { '^', "LR", 0, 0 },                   /* reverse print */
    { '^', "PO", 0, 0 },                   /* orientation */
    { '^', "PQ", 0, 0 },                   /* quantity */
    { '^', "PR", 0, 0 },                   /* speed */
    { '^', "MD", 0, 0 },                   /* darkness */
    { '^', "MN", 0, 0 },                   /* media tracking */
    { '^', "MT", 0, 0 },                   /* media type */
    { '^', "MM", 0, 0 },                   /* print mode */
    { '^', "FW", 0, 0 },                   /* field orientation */
    { '^', "CF", 1u << 1 | 1u << 2, 0 },   /* default font f,h,w */
    { '^', "CW", 0, 0 },                   /* font letter for a stored font a,d:f.x */
    { '^', "FO", 1u << 0 | 1u << 1, PRN_ZC_ORIGIN },
    { '^', "FT", 1u << 0 | 1u << 1, PRN_ZC_ORIGIN },
    { '^', "FB", 1u << 0 | 1u << 2 | 1u << 4, 0 }, /* field block w,lines,space,just,hang */
    { '^', "FR", 0, 0 },                           /* field reverse */
    { '^', "FH", 0, PRN_ZC_FH },
    { '^', "FD", 0, PRN_ZC_FD },
    { '^', "FS", 0, PRN_ZC_NOPARAMS | PRN_ZC_FS },
    { '^', "BY", 1u << 0 | 1u << 2, PRN_ZC_MODULE }, /* module width, ratio, height */
    { '^', "BC", 1u << 1, 0 },                       /* Code 128 o,h,f,g,e,m */
    { '^', "B3", 1u << 2, 0 },                       /* Code 39 o,e,h,f,g */
    { '^', "BQ", 1u << 2, PRN_ZC_MODULE },           /* QR o,model,magnification */
    { '^', "BX", 1u << 1, 0 },                       /* Data Matrix o,h(module),... */
    { '^', "GB", 1u << 0 | 1u << 1 | 1u << 2, 0 },   /* box w,h,t,c,r */
    { '^', "GC", 1u << 0 | 1u << 1, 0 },             /* circle d,t,c */
    { '~', "SD", 0, 0 },                             /* darkness */
    { '~', "TA", 1u << 0, PRN_ZC_SIGNED },           /* tear-off position */
};

/* ^A<font>o,h,w: the font letter (0-9, A-Z) is part of the command's name; ^A@o,h,w,d:f.x
 * names a font stored on the printer by its file (fonts with Hangul are stored fonts). */
static const struct prn_zcmd font_cmd = { '^', "A", 1u << 1 | 1u << 2, PRN_ZC_FONT };

const struct prn_zcmd *prn_zcmd_find(char prefix, const char name[2])
{
    size_t i;

    if (prefix == '^' && name[0] == 'A') {
        if ((name[1] >= '0' && name[1] <= '9') || (name[1] >= 'A' && name[1] <= 'Z') ||
            name[1] == '@')
            return &font_cmd;
        return NULL;
    }
    for (i = 0; i < sizeof zcmds / sizeof zcmds[0]; i++)
        if (zcmds[i].prefix == prefix && zcmds[i].name[0] == name[0] && zcmds[i].name[1] == name[1])
            return &zcmds[i];
    return NULL;
}

#define PRN_VAR_NAME(id, name) name,
static const char *const var_names[] = { PRN_VARS(PRN_VAR_NAME) };
#undef PRN_VAR_NAME

const char *prn_var_name(enum prn_var v)
{
    return (unsigned)v < PRN_VAR_COUNT ? var_names[v] : "?";
}

int prn_var_allowed(enum prn_tpl_kind kind, enum prn_var v, int in_block)
{
    if (kind == PRN_TPL_LABEL)
        return v <= PRN_VAR_ROLE;
    switch (v) {
    case PRN_VAR_STATION:
    case PRN_VAR_PRINTED_AT:
    case PRN_VAR_PROCESS:
    case PRN_VAR_PROCESS_NAME:
    case PRN_VAR_PAGE:
    case PRN_VAR_PAGES: return 1;
    case PRN_VAR_CODE:
    case PRN_VAR_TEXT: return in_block;
    default: return 0;
    }
}

/* ---- text ------------------------------------------------------------------------- */
int prn_utf8_seq(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;
    int len, i;

    if (!n)
        return 0;
    if (u[0] < 0x80)
        return 1;
    if (u[0] >= 0xC2 && u[0] <= 0xDF)
        len = 2, cp = u[0] & 0x1Fu;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF)
        len = 3, cp = u[0] & 0x0Fu;
    else if (u[0] >= 0xF0 && u[0] <= 0xF4)
        len = 4, cp = u[0] & 0x07u;
    else
        return 0;
    if (n < (size_t)len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (u[i] & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0; /* overlong, surrogate, out of range */
    return len;
}

size_t prn_zpl_clean(const char *value, char dst[PRN_VALUE_MAX + 1])
{
    size_t n = 0, i = 0, len = value ? strlen(value) : 0;
    int k;

    while (i < len) {
        k = prn_utf8_seq(value + i, len - i);
        if (n + (size_t)(k ? k : 1) > PRN_VALUE_MAX)
            break;
        if (!k) {
            dst[n++] = '?';
            i++;
            continue;
        }
        memcpy(dst + n, value + i, (size_t)k);
        n += (size_t)k;
        i += (size_t)k;
    }
    dst[n] = '\0';
    return n;
}

size_t prn_zpl_escape(const char *src, size_t len, char *dst)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c < 0x20 || c == 0x7F || c == '^' || c == '~' || c == '_') {
            dst[n++] = '_';
            dst[n++] = hex[c >> 4];
            dst[n++] = hex[c & 15];
        } else {
            dst[n++] = (char)c;
        }
    }
    dst[n] = '\0';
    return n;
}

long prn_zpl_scale(long dots203, int dpi)
{
    long dpmm = dpi == 300 ? 12 : 8;

    if (dots203 < 0)
        return -((-dots203 * dpmm + 4) / 8);
    return (dots203 * dpmm + 4) / 8;
}

long prn_zpl_scale_module(long dots203, int dpi)
{
    long v = dpi == 300 ? (dots203 * 12 + 3) / 8 : dots203;

    return v < 1 ? 1 : v > 10 ? 10 : v;
}

/* ---- output buffer ---------------------------------------------------------------- */
void prn_out_put(struct prn_out *o, const char *s, size_t n)
{
    char *np;
    size_t ncap;

    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        ncap = o->cap ? o->cap : 1024;
        while (ncap < o->len + n + 1)
            ncap *= 2;
        if (!(np = realloc(o->p, ncap))) {
            o->oom = 1;
            return;
        }
        o->p = np;
        o->cap = ncap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void put_value(struct prn_out *o, const char *v)
{
    char clean[PRN_VALUE_MAX + 1], esc[3 * PRN_VALUE_MAX + 1];
    size_t n = prn_zpl_clean(v, clean);

    prn_out_put(o, esc, prn_zpl_escape(clean, n, esc));
}

/* Parameters of a command, with dimensions scaled (and moved by the cell). */
static void put_params(struct prn_out *o, const struct prn_tpl *t, const struct prn_tcmd *c,
                       int dpi, const long cell[2])
{
    const char *s = t->src + c->poff, *e = s + c->plen, *f;
    unsigned i, first = c->z->dots & (~c->z->dots + 1u);
    char num[24];
    long v;

    if (!c->z->dots) {
        prn_out_put(o, s, c->plen);
        return;
    }
    for (i = 0; s <= e; i++, s = f + 1) {
        f = memchr(s, ',', (size_t)(e - s));
        if (!f)
            f = e;
        if (i)
            prn_out_put(o, ",", 1);
        if (i >= 32 || !(c->z->dots >> i & 1) || f == s) { /* dots has 32 bits */
            prn_out_put(o, s, (size_t)(f - s));
            continue;
        }
        v = strtol(s, NULL, 10);
        if ((c->z->flags & PRN_ZC_ORIGIN) && i < 2)
            v += cell[i];
        if ((c->z->flags & PRN_ZC_MODULE) && 1u << i == first)
            v = prn_zpl_scale_module(v, dpi);
        else
            v = prn_zpl_scale(v, dpi);
        snprintf(num, sizeof num, "%ld", v);
        prn_out_put(o, num, strlen(num));
    }
}

static void put_cmd(struct prn_out *o, const struct prn_tpl *t, const struct prn_tcmd *c, int dpi,
                    const char *const *vals, const long cell[2])
{
    const struct prn_piece *pc;
    int i;

    prn_out_put(o, &c->z->prefix, 1);
    prn_out_put(o, c->name, 2);
    if (c->z->flags & PRN_ZC_FD) {
        for (i = 0; i < c->n_pieces; i++) {
            pc = &t->piece[c->piece + i];
            if (pc->var < 0)
                prn_out_put(o, t->src + pc->off, pc->len);
            else
                put_value(o, vals[pc->var]);
        }
    } else {
        put_params(o, t, c, dpi, cell);
    }
    if (c->eol)
        prn_out_put(o, "\n", 1);
}

static void put_range(struct prn_out *o, const struct prn_tpl *t, int from, int to, int dpi,
                      const char *const *vals, const long cell[2])
{
    int i;

    for (i = from; i < to; i++)
        put_cmd(o, t, &t->cmd[i], dpi, vals, cell);
}

static enum stn_code finish(struct prn_out *o, struct prn_buf *out, struct stn_err *err)
{
    if (o->oom) {
        free(o->p);
        return stn_err_set(err, STN_E_PRINT, "out of memory while rendering a label");
    }
    out->data = o->p;
    out->len = o->len;
    return STN_OK;
}

static enum stn_code check_dpi(int dpi, struct stn_err *err)
{
    if (dpi == 203 || dpi == 300)
        return STN_OK;
    return stn_err_set(err, STN_E_CONFIG, "dpi must be 203 or 300, not %d", dpi);
}

enum stn_code prn_zpl_render(const struct prn_tpl *t, int dpi, const char *const *vals,
                             struct prn_buf *out, struct stn_err *err)
{
    static const long origin[2] = { 0, 0 };
    struct prn_out o = { NULL, 0, 0, 0 };
    enum stn_code rc;

    out->data = NULL;
    out->len = 0;
    if ((rc = check_dpi(dpi, err)) != STN_OK)
        return rc;
    if (t->kind != PRN_TPL_LABEL)
        return stn_err_set(err, STN_E_CONFIG, "%s: not a label template", t->name);
    put_range(&o, t, 0, t->n_cmd, dpi, vals, origin);
    return finish(&o, out, err);
}

/* ---- command sheet ---------------------------------------------------------------- */
/* Every action a station takes from the scanner has a command barcode on the sheet. */
static const struct {
    const char *code, *text;
} sheet_cmds[] = {
    { "CMD:PASS", "PASS" },
    { "CMD:FAIL", "FAIL" },
    { "CMD:OK", "OK / CONFIRM" },
    { "CMD:CANCEL", "CANCEL" },
    { "CMD:NEW", "NEW WIP" },
    { "CMD:REWORK", "REWORK" },
    { "CMD:SCRAP", "SCRAP" },
    { "CMD:REPRINT", "REPRINT LABEL" },
    { "CMD:TRACE", "TRACE" },
    { "CMD:BOARD", "LINE BOARD" },
    { "CMD:LOGOUT", "LOGOUT" },
    { "CMD:YES", "YES (Y)" },
    { "CMD:NO", "NO (N)" },
    { "CMD:NEXT", "NEXT FIELD" },
    { "CMD:PREV", "PREVIOUS FIELD" },
    { "CMD:MENU", "SUPERVISOR MENU" },
    { "CMD:HOLD", "HOLD (QUARANTINE)" },
    { "CMD:RELEASE", "RELEASE HOLD" },
};
#define N_SHEET_CMDS ((int)(sizeof sheet_cmds / sizeof sheet_cmds[0]))

int prn_command_count(void)
{
    return N_SHEET_CMDS;
}

/* Item i of the sheet: its code and text (defects: "CMD:DEFECT:<code>"). */
static void sheet_item(const struct prn_command_sheet *s, int i, char *code, size_t n,
                       const char **text)
{
    if (i < N_SHEET_CMDS) {
        snprintf(code, n, "%s", sheet_cmds[i].code);
        *text = sheet_cmds[i].text;
    } else {
        *text = s->defects[i - N_SHEET_CMDS];
        snprintf(code, n, "CMD:DEFECT:%s", *text);
    }
}

static void sheet_page(struct prn_out *o, const struct prn_tpl *t, int dpi,
                       const struct prn_command_sheet *s, const char **vals, int first, int n)
{
    static const long origin[2] = { 0, 0 };
    char code[PRN_VALUE_MAX + 16];
    long cell[2];
    int i, k;

    put_range(o, t, 0, t->block_begin, dpi, vals, origin);
    for (i = 0; i < n; i++) {
        k = i % (t->cols * t->rows);
        cell[0] = t->x + (long)(k % t->cols) * t->dx;
        cell[1] = t->y + (long)(k / t->cols) * t->dy;
        sheet_item(s, first + i, code, sizeof code, &vals[PRN_VAR_TEXT]);
        vals[PRN_VAR_CODE] = code;
        put_range(o, t, t->block_begin, t->block_end, dpi, vals, cell);
    }
    vals[PRN_VAR_CODE] = vals[PRN_VAR_TEXT] = NULL;
    put_range(o, t, t->block_end, t->n_cmd, dpi, vals, origin);
}

enum stn_code prn_zpl_render_sheet(const struct prn_tpl *t, int dpi,
                                   const struct prn_command_sheet *s, const char *printed_at,
                                   struct prn_buf *out, struct stn_err *err)
{
    struct prn_out o = { NULL, 0, 0, 0 };
    const char *vals[PRN_VAR_COUNT] = { NULL };
    char process[16], page[16], pages[16];
    enum stn_code rc;
    int n, per, np, p, i;

    out->data = NULL;
    out->len = 0;
    if ((rc = check_dpi(dpi, err)) != STN_OK)
        return rc;
    if (t->kind != PRN_TPL_SHEET || t->block_begin < 0)
        return stn_err_set(err, STN_E_CONFIG, "%s: not a command sheet template", t->name);
    for (i = 0; i < s->n_defects; i++)
        if (!s->defects[i] || !s->defects[i][0])
            return stn_err_set(err, STN_E_INPUT, "command sheet: defect code %d is empty", i + 1);
    n = N_SHEET_CMDS + (s->n_defects > 0 ? s->n_defects : 0);
    if (n > PRN_SHEET_MAX_ITEMS)
        return stn_err_set(err, STN_E_INPUT, "command sheet: %d items, at most %d", n,
                           PRN_SHEET_MAX_ITEMS);
    per = t->cols * t->rows;
    np = (n + per - 1) / per;
    snprintf(process, sizeof process, "%d", s->process);
    snprintf(pages, sizeof pages, "%d", np);
    vals[PRN_VAR_STATION] = s->station;
    vals[PRN_VAR_PROCESS] = process;
    vals[PRN_VAR_PROCESS_NAME] = s->process_name;
    vals[PRN_VAR_PRINTED_AT] = printed_at;
    vals[PRN_VAR_PAGES] = pages;
    vals[PRN_VAR_PAGE] = page;
    for (p = 0; p < np; p++) {
        snprintf(page, sizeof page, "%d", p + 1);
        sheet_page(&o, t, dpi, s, vals, p * per, p + 1 < np ? per : n - p * per);
    }
    return finish(&o, out, err);
}
