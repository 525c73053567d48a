/* print/template.c — reads and checks ZPL label templates (print/zpl.h).
 *
 * Template syntax, line by line:
 *   # ...            a comment (not sent to the printer); so are blank lines
 *   @items k=v ...   the command sheet's repeated block, up to a line "@end"
 *   ^XX... ~XX...    ZPL commands; several may share a line
 * Every error names file:line; a template that does not pass is never rendered. */
#include "print/zpl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/status.h"

struct parser {
    struct prn_tpl *t;
    const char *src;
    size_t len;
    int line;
    struct stn_err *err;
    int cap_cmd, cap_piece;
    /* state */
    int in_format, format_line, n_formats;
    int field_open, field_line, fh, ci28;
    int fd_open; /* ^FD seen in this field, ^FS not yet */
    int in_block, block_line;
};

/* A template that breaks a rule: STN_E_CONFIG, "name:line: what". */
__attribute__((format(printf, 2, 3))) static enum stn_code fail(struct parser *p, const char *fmt,
                                                                ...)
{
    char msg[STN_ERR_MSG_LEN];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return stn_err_set(p->err, STN_E_CONFIG, "%s:%d: %s", p->t->name, p->line, msg);
}

/* The first "{{" (or "}}") in s[0, n), or NULL: memmem is not POSIX. */
static const char *find2(const char *s, size_t n, char c)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if (s[i] == c && s[i + 1] == c)
            return s + i;
    return NULL;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static enum stn_code grow(struct parser *p, void **arr, int *cap, int n, size_t size)
{
    void *a;
    int ncap;

    if (n < *cap)
        return STN_OK;
    ncap = *cap ? *cap * 2 : 32;
    a = realloc(*arr, (size_t)ncap * size);
    if (!a)
        return stn_err_set(p->err, STN_E_PRINT, "%s:%d: out of memory", p->t->name, p->line);
    *arr = a;
    *cap = ncap;
    return STN_OK;
}

/* Checks a line: valid UTF-8, no control characters but tab (and CR at its end). */
static enum stn_code check_line(struct parser *p, size_t b, size_t e)
{
    size_t i = b;
    int n;

    while (i < e) {
        unsigned char c = (unsigned char)p->src[i];
        if (c == '\r' && i + 1 == e)
            break;
        if (c < 0x20 && c != '\t')
            return fail(p, "control character 0x%02x in the template", c);
        n = prn_utf8_seq(p->src + i, e - i);
        if (!n)
            return fail(p, "invalid UTF-8 (byte 0x%02x)", c);
        i += (size_t)n;
    }
    return STN_OK;
}

static int is_num(const char *s, size_t n, int sign)
{
    size_t i = 0;

    if (n && sign && s[0] == '-')
        i = 1;
    if (i == n || n - i > 6)
        return 0;
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Non-field parameters: dimensions must be numbers; no placeholders anywhere. */
static enum stn_code check_params(struct parser *p, const struct prn_tcmd *c)
{
    const char *s = p->src + c->poff, *e = s + c->plen, *f;
    unsigned i;

    if (find2(s, c->plen, '{'))
        return fail(p, "placeholders belong in field data (^FD...^FS), not in ^%s", c->name);
    if ((c->z->flags & PRN_ZC_NOPARAMS) && c->plen)
        return fail(p, "%c%s takes no parameters", c->z->prefix, c->name);
    if ((c->z->flags & PRN_ZC_CI) && (c->plen != 2 || memcmp(s, "28", 2)))
        return fail(p, "only ^CI28 (UTF-8) is supported, not ^CI%.*s", (int)c->plen, s);
    if ((c->z->flags & PRN_ZC_FH) && c->plen && (c->plen != 1 || s[0] != '_'))
        return fail(p, "^FH must use the default escape character _");
    for (i = 0; s <= e; i++, s = f + 1) {
        f = memchr(s, ',', (size_t)(e - s));
        if (!f)
            f = e;
        if (i < 32 && (c->z->dots >> i & 1) && f > s &&
            !is_num(s, (size_t)(f - s), c->z->flags & PRN_ZC_SIGNED))
            return fail(p, "%c%s parameter %u must be a number of dots (203 dpi), not '%.*s'",
                        c->z->prefix, c->name, i + 1, (int)(f - s), s);
    }
    return STN_OK;
}

static enum stn_code add_piece(struct parser *p, int var, size_t off, size_t len)
{
    struct prn_tpl *t = p->t;
    enum stn_code rc = grow(p, (void **)&t->piece, &p->cap_piece, t->n_piece, sizeof *t->piece);

    if (rc != STN_OK)
        return rc;
    t->piece[t->n_piece].var = var;
    t->piece[t->n_piece].off = off;
    t->piece[t->n_piece].len = len;
    t->n_piece++;
    return STN_OK;
}

static enum stn_code check_literal(struct parser *p, size_t off, size_t len)
{
    const char *s = p->src + off;
    size_t i;

    for (i = 0; p->fh && i < len; i++) {
        if (s[i] != '_')
            continue;
        if (i + 2 >= len || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
            return fail(p, "'_' in ^FH field data must start a hex escape such as _5F");
        i += 2;
    }
    return add_piece(p, -1, off, len);
}

static enum stn_code lookup_var(struct parser *p, const char *name, size_t n, int *var)
{
    const char *vn;
    int v;

    for (v = 0; v < PRN_VAR_COUNT; v++) {
        vn = prn_var_name((enum prn_var)v);
        if (strlen(vn) != n || memcmp(vn, name, n))
            continue;
        *var = v;
        if (prn_var_allowed(p->t->kind, (enum prn_var)v, p->in_block))
            return STN_OK;
        if (prn_var_allowed(p->t->kind, (enum prn_var)v, 1))
            return fail(p, "{{%.*s}} is only available inside the @items block", (int)n, name);
        return fail(p, "{{%.*s}} is not available in this kind of template", (int)n, name);
    }
    return fail(p, "unknown placeholder {{%.*s}}", (int)n, name);
}

/* ^FD data [off, off + len): literal pieces and placeholders. */
static enum stn_code parse_fd(struct parser *p, struct prn_tcmd *c, size_t off, size_t len)
{
    const char *s = p->src + off, *e = s + len, *o, *cl;
    enum stn_code rc;
    int v = -1, vars = 0;

    c->piece = p->t->n_piece;
    while (s < e) {
        o = find2(s, (size_t)(e - s), '{');
        if (!o)
            o = e;
        if (o > s && (rc = check_literal(p, (size_t)(s - p->src), (size_t)(o - s))) != STN_OK)
            return rc;
        if (o == e)
            break;
        cl = find2(o + 2, (size_t)(e - o - 2), '}');
        if (!cl)
            return fail(p, "placeholder not closed with }}");
        if ((rc = lookup_var(p, o + 2, (size_t)(cl - o - 2), &v)) != STN_OK ||
            (rc = add_piece(p, v, 0, 0)) != STN_OK)
            return rc;
        vars++;
        s = cl + 2;
    }
    c->n_pieces = p->t->n_piece - c->piece;
    if (vars && !p->fh)
        return fail(p, "a field with placeholders needs ^FH before ^FD (hex-escaped data)");
    if (vars && !p->ci28)
        return fail(p, "a field with placeholders needs ^CI28 (UTF-8) earlier in the label");
    return STN_OK;
}

static enum stn_code format_state(struct parser *p, const struct prn_tcmd *c)
{
    unsigned f = c->z->flags;

    if (f & PRN_ZC_XA) {
        if (p->in_format)
            return fail(p, "^XA inside the label opened at line %d (missing ^XZ?)", p->format_line);
        if (p->n_formats)
            return fail(p, "a template holds one label: second ^XA (the first is at line %d)",
                        p->format_line);
        p->in_format = 1;
        p->format_line = p->line;
        p->n_formats++;
        return STN_OK;
    }
    if (!p->in_format && (f & PRN_ZC_XZ))
        return fail(p, "^XZ without ^XA");
    if (!p->in_format && c->z->prefix == '^')
        return fail(p, "^%s outside ^XA ... ^XZ", c->name);
    if (f & PRN_ZC_XZ) {
        if (p->field_open)
            return fail(p, "^XZ inside the field opened at line %d (missing ^FS?)", p->field_line);
        if (p->in_block)
            return fail(p, "^XZ inside the @items block opened at line %d (missing @end?)",
                        p->block_line);
        p->in_format = 0;
        p->ci28 = 0;
    }
    return STN_OK;
}

static enum stn_code field_state(struct parser *p, const struct prn_tcmd *c)
{
    unsigned f = c->z->flags;

    if (p->fd_open && !(f & PRN_ZC_FS))
        return fail(p, "^FD not closed by ^FS on its line");
    if (f & PRN_ZC_CI)
        p->ci28 = 1;
    if (f & PRN_ZC_FS) {
        p->field_open = p->fh = p->fd_open = 0;
        return STN_OK;
    }
    if ((f & (PRN_ZC_ORIGIN | PRN_ZC_FD | PRN_ZC_FH)) && !p->field_open) {
        p->field_open = 1;
        p->field_line = p->line;
    }
    if (f & PRN_ZC_FH)
        p->fh = 1;
    if (f & PRN_ZC_FD)
        p->fd_open = 1;
    return STN_OK;
}

/* One command at src[*i] (a prefix) on the line ending at e. */
static enum stn_code parse_cmd(struct parser *p, size_t *i, size_t e)
{
    struct prn_tpl *t = p->t;
    struct prn_tcmd *c;
    size_t b = *i, pe;
    enum stn_code rc;

    if (e - b < 3)
        return fail(p, "incomplete ZPL command '%.*s'", (int)(e - b), p->src + b);
    if ((rc = grow(p, (void **)&t->cmd, &p->cap_cmd, t->n_cmd, sizeof *t->cmd)) != STN_OK)
        return rc;
    c = &t->cmd[t->n_cmd];
    memset(c, 0, sizeof *c);
    c->line = p->line;
    c->name[0] = p->src[b + 1];
    c->name[1] = p->src[b + 2];
    c->z = prn_zcmd_find(p->src[b], c->name);
    if (!c->z)
        return fail(p, "unsupported ZPL command %.3s (see the list in print/zpl.c)", p->src + b);
    for (pe = b + 3; pe < e && p->src[pe] != '^' && p->src[pe] != '~'; pe++)
        ;
    *i = pe;
    if (!(c->z->flags & PRN_ZC_FD))
        while (pe > b + 3 && (p->src[pe - 1] == ' ' || p->src[pe - 1] == '\t'))
            pe--;
    c->poff = b + 3;
    c->plen = pe - c->poff;
    if ((rc = format_state(p, c)) != STN_OK || (rc = field_state(p, c)) != STN_OK)
        return rc;
    if (c->z->flags & PRN_ZC_FD) {
        if ((rc = parse_fd(p, c, c->poff, c->plen)) != STN_OK)
            return rc;
        c->plen = 0;
    } else if ((rc = check_params(p, c)) != STN_OK) {
        return rc;
    }
    t->n_cmd++;
    return STN_OK;
}

static enum stn_code dir_int(struct parser *p, const char *v, int lo, int hi, int *out)
{
    char *end;
    long x;

    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return fail(p, "@items: '%s' is not a number from %d to %d", v, lo, hi);
    *out = (int)x;
    return STN_OK;
}

static enum stn_code dir_pair(struct parser *p, char *v, int *a, int *b)
{
    char *comma = strchr(v, ',');
    enum stn_code rc;

    if (!comma)
        return fail(p, "@items: '%s' must be two numbers, x,y", v);
    *comma = '\0';
    if ((rc = dir_int(p, v, 0, 10000, a)) != STN_OK)
        return rc;
    return dir_int(p, comma + 1, 0, 10000, b);
}

static enum stn_code dir_items(struct parser *p, char *args)
{
    struct prn_tpl *t = p->t;
    char *tok, *save = NULL, *eq;
    enum stn_code r = STN_OK;

    if (t->kind != PRN_TPL_SHEET)
        return fail(p, "@items belongs in the command sheet template only");
    if (p->in_block || t->block_begin >= 0)
        return fail(p, "a command sheet has one @items block");
    if (!p->in_format || p->field_open)
        return fail(p, "@items must be inside ^XA ... ^XZ and outside a field");
    t->cols = t->rows = 1;
    for (tok = strtok_r(args, " \t", &save); tok && !r; tok = strtok_r(NULL, " \t", &save)) {
        if (!(eq = strchr(tok, '=')))
            return fail(p, "@items: expected key=value, not '%s'", tok);
        *eq++ = '\0';
        if (!strcmp(tok, "columns"))
            r = dir_int(p, eq, 1, 20, &t->cols);
        else if (!strcmp(tok, "rows"))
            r = dir_int(p, eq, 1, 100, &t->rows);
        else if (!strcmp(tok, "origin"))
            r = dir_pair(p, eq, &t->x, &t->y);
        else if (!strcmp(tok, "step"))
            r = dir_pair(p, eq, &t->dx, &t->dy);
        else
            return fail(p, "@items: unknown key '%s' (columns, rows, origin, step)", tok);
    }
    p->in_block = 1;
    p->block_line = p->line;
    t->block_begin = t->n_cmd;
    return r;
}

static enum stn_code directive(struct parser *p, size_t b, size_t e)
{
    char buf[256];
    size_t n = e - b;

    while (n && p->src[b + n - 1] && strchr("\r \t", p->src[b + n - 1]))
        n--;
    if (n >= sizeof buf)
        return fail(p, "directive too long");
    memcpy(buf, p->src + b, n);
    buf[n] = '\0';
    if (!strncmp(buf, "@items", 6) && (buf[6] == '\0' || buf[6] == ' ' || buf[6] == '\t'))
        return dir_items(p, buf + 6);
    if (strcmp(buf, "@end"))
        return fail(p, "unknown directive '%s' (@items or @end)", buf);
    if (!p->in_block)
        return fail(p, "@end without @items");
    if (p->field_open)
        return fail(p, "@end inside the field opened at line %d (missing ^FS?)", p->field_line);
    if (p->t->n_cmd == p->t->block_begin)
        return fail(p, "empty @items block");
    p->in_block = 0;
    p->t->block_end = p->t->n_cmd;
    return STN_OK;
}

static enum stn_code parse_line(struct parser *p, size_t b, size_t e, int has_nl)
{
    size_t i = b;
    enum stn_code rc;

    if ((rc = check_line(p, b, e)) != STN_OK)
        return rc;
    while (i < e && (p->src[i] == ' ' || p->src[i] == '\t' || p->src[i] == '\r'))
        i++;
    if (i == e || p->src[i] == '#')
        return STN_OK;
    if (p->src[i] == '@')
        return directive(p, i, e);
    if (p->src[i] != '^' && p->src[i] != '~')
        return fail(p, "text outside a ZPL command: a line starts with ^, ~, # or @");
    if (e > b && p->src[e - 1] == '\r')
        e--;
    while (i < e)
        if ((rc = parse_cmd(p, &i, e)) != STN_OK)
            return rc;
    if (p->fd_open)
        return fail(p, "^FD not closed by ^FS on its line");
    p->t->cmd[p->t->n_cmd - 1].eol = has_nl;
    return STN_OK;
}

static enum stn_code parse_all(struct parser *p)
{
    size_t b = 0, e;
    const char *nl;
    enum stn_code rc;

    while (b < p->len) {
        p->line++;
        nl = memchr(p->src + b, '\n', p->len - b);
        e = nl ? (size_t)(nl - p->src) : p->len;
        if ((rc = parse_line(p, b, e, nl != NULL)) != STN_OK)
            return rc;
        b = e + 1;
    }
    if (p->in_block) {
        p->line = p->block_line;
        return fail(p, "@items block not closed by @end");
    }
    if (p->in_format) {
        p->line = p->format_line;
        return fail(p, "^XA not closed by ^XZ");
    }
    if (!p->n_formats)
        return fail(p, "no label: the template needs ^XA ... ^XZ");
    if (p->t->kind == PRN_TPL_SHEET && p->t->block_begin < 0)
        return fail(p, "the command sheet needs an @items ... @end block");
    return STN_OK;
}

enum stn_code prn_tpl_parse(const char *name, const char *text, size_t len, enum prn_tpl_kind kind,
                            struct prn_tpl **out, struct stn_err *err)
{
    struct parser p;
    struct prn_tpl *t;
    enum stn_code rc;

    *out = NULL;
    t = calloc(1, sizeof *t);
    if (!t || !(t->name = strdup(name)) || !(t->src = malloc(len + 1))) {
        prn_tpl_free(t);
        return stn_err_set(err, STN_E_PRINT, "%s: out of memory", name);
    }
    memcpy(t->src, text, len);
    t->src[len] = '\0';
    t->kind = kind;
    t->block_begin = t->block_end = -1;
    memset(&p, 0, sizeof p);
    p.t = t;
    p.src = t->src;
    p.len = len;
    p.err = err;
    if ((rc = parse_all(&p)) != STN_OK) {
        prn_tpl_free(t);
        return rc;
    }
    *out = t;
    return STN_OK;
}

enum stn_code prn_tpl_load(const char *path, enum prn_tpl_kind kind, struct prn_tpl **out,
                           struct stn_err *err)
{
    FILE *f;
    char *buf;
    size_t n;
    enum stn_code rc;

    *out = NULL;
    if (!(f = fopen(path, "rb")))
        return stn_err_set(err, STN_E_IO, "%s: cannot open label template: %s", path,
                           strerror(errno));
    if (!(buf = malloc(PRN_TPL_MAX + 1))) {
        rc = stn_err_set(err, STN_E_PRINT, "%s: out of memory", path);
        goto out;
    }
    n = fread(buf, 1, PRN_TPL_MAX + 1, f);
    if (ferror(f))
        rc = stn_err_set(err, STN_E_IO, "%s: cannot read: %s", path, strerror(errno));
    else if (n > PRN_TPL_MAX)
        rc = stn_err_set(err, STN_E_CONFIG, "%s: template larger than %d bytes", path, PRN_TPL_MAX);
    else
        rc = prn_tpl_parse(path, buf, n, kind, out, err);
out:
    free(buf);
    fclose(f);
    return rc;
}

void prn_tpl_free(struct prn_tpl *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->src);
    free(t->cmd);
    free(t->piece);
    free(t);
}
