/* print/glyph.c — label text drawn with FreeType into a 1-bit bitmap, and the ^GF command
 * that carries it (print/glyph.h). The only file that includes FreeType's headers.
 *
 * libfreetype is loaded with dlopen() when the first field needs it, as print/cups.c
 * loads libcups: linked, it and what it brings (libpng, brotli) cost every station about
 * 0.85 MB of resident memory at start (measured on Debian 12 beside libpq), although only
 * a label with Korean text ever uses it. The font file is opened with FT_New_Face, which
 * maps it: only the pages of the glyphs drawn become resident. Both stay loaded for the
 * next label. */
#include "print/glyph.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "print/dlib.h"
#include "print/zpl.h"

#define GLYPH_LIBFT "libfreetype.so.6"
#define GLYPH_MAX_CHARS 512 /* a field's characters: values are 64 bytes, literals short */
#define GLYPH_MIN_H 4
#define GLYPH_MAX_H 2000
#define GLYPH_MAX_W 8000 /* dots: wider than any label (a 4-inch label is 1200 at 300 dpi) */

/* Every FreeType function this file calls, resolved by ft_load(). */
/* Several entries a line: the formatter would put the first alone and stair-step the
 * rest, as it reads the list as one expression. */
/* clang-format off */
#define FT_FUNCS(X)                                                                           \
    X(FT_Init_FreeType) X(FT_Done_FreeType) X(FT_New_Face) X(FT_Done_Face) X(FT_Set_Char_Size) \
    X(FT_Get_Char_Index) X(FT_Load_Glyph)
/* clang-format on */

FT_FUNCS(PRN_DL_POINTER)
static const struct prn_dl_sym ft_syms[] = { FT_FUNCS(PRN_DL_SYM) };

/* The loaded library and the open font (one: a station uses one font). */
static struct {
    void *lib;
    int ready;
    FT_Library ft;
    FT_Face face;
    char *path;
} G;

static enum stn_code ft_load(struct stn_err *err)
{
    enum stn_code rc;

    if (G.ready)
        return STN_OK;
    rc = prn_dl_load(&G.lib, GLYPH_LIBFT, ft_syms, sizeof ft_syms / sizeof ft_syms[0], STN_E_IO,
                     "drawing Korean text", err);
    if (rc != STN_OK)
        return rc;
    if (p_FT_Init_FreeType(&G.ft))
        return stn_err_set(err, STN_E_IO,
                           "drawing Korean text unavailable: FreeType did not start");
    G.ready = 1;
    return STN_OK;
}

void prn_glyph_close(void)
{
    if (G.face)
        p_FT_Done_Face(G.face);
    if (G.ft)
        p_FT_Done_FreeType(G.ft);
    free(G.path);
    G.face = NULL;
    G.ft = NULL;
    G.path = NULL;
    G.ready = 0;
}

static enum stn_code open_font(const char *path, struct stn_err *err)
{
    FILE *f;
    enum stn_code rc;

    if (!path || !path[0])
        return stn_err_set(err, STN_E_IO,
                           "no font for text the printer cannot show "
                           "([printer] bitmap_font)");
    if (G.face && !strcmp(G.path, path))
        return STN_OK;
    if ((rc = ft_load(err)) != STN_OK)
        return rc;
    if (G.face) {
        p_FT_Done_Face(G.face);
        G.face = NULL;
        free(G.path);
        G.path = NULL;
    }
    if (!(f = fopen(path, "rb"))) /* FreeType's own error would not say why */
        return stn_err_set(err, STN_E_IO, "font %s for text the printer cannot show: %s", path,
                           strerror(errno));
    fclose(f);
    if (p_FT_New_Face(G.ft, path, 0, &G.face)) {
        G.face = NULL;
        return stn_err_set(err, STN_E_IO, "font %s: not a font FreeType can read", path);
    }
    if (!FT_IS_SCALABLE(G.face) || !G.face->charmap || G.face->ascender <= G.face->descender) {
        p_FT_Done_Face(G.face);
        G.face = NULL;
        return stn_err_set(err, STN_E_IO, "font %s: not a scalable Unicode font", path);
    }
    if (!(G.path = strdup(path))) {
        p_FT_Done_Face(G.face);
        G.face = NULL;
        return stn_err_set(err, STN_E_IO, "out of memory");
    }
    return STN_OK;
}

/* ---- text ------------------------------------------------------------------------ */
static uint32_t decode(const char *s, int k)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp = k == 1 ? u[0] : k == 2 ? u[0] & 0x1Fu : k == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
    int i;

    for (i = 1; i < k; i++)
        cp = cp << 6 | (u[i] & 0x3Fu);
    return cp;
}

int prn_text_builtin(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    int k;

    while (i < n) {
        if (!(k = prn_utf8_seq(s + i, n - i)))
            return 0;
        cp = decode(s + i, k);
        if (cp < 0x20 || (cp > 0x7E && cp < 0xA0) || cp > 0xFF)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* UTF-8 to code points; invalid bytes become '?'. Returns how many (at most max). */
static int to_codepoints(const char *s, size_t n, uint32_t *cp, int max)
{
    size_t i = 0;
    int c = 0, k;

    while (i < n && c < max) {
        k = prn_utf8_seq(s + i, n - i);
        cp[c++] = k ? decode(s + i, k) : '?';
        i += (size_t)(k ? k : 1);
    }
    return c;
}

/* ---- drawing ------------------------------------------------------------------------ */
struct run {
    const uint32_t *cp;
    int n;
    long ink_l, ink_r; /* dots, from the pen's start */
    int missing;
};

/* FT_Set_Char_Size in 26.6 pixels: y so that the face's ascent to descent is height
 * dots; x scaled by width/height and by the condensing factor (per mille). */
static int set_size(int height, int width, int permille)
{
    FT_Face f = G.face;
    long span = (long)f->ascender - f->descender;
    long y = (long)height * 64 * f->units_per_EM / span;
    long x = y * (width > 0 ? width : height) / height * permille / 1000;

    if (x < 64)
        x = 64;
    return p_FT_Set_Char_Size(f, x, y, 72, 72) ? -1 : 0;
}

/* Places (or, with b NULL, only measures) the run's glyphs; pen starts at x0. */
static void place(struct run *r, struct prn_bitmap *b, long x0, int baseline, int max_w)
{
    FT_GlyphSlot g = G.face->glyph;
    long pen = x0, gx, gy;
    unsigned gi;
    int i, row, col;

    r->ink_l = r->ink_r = 0;
    r->missing = 0;
    for (i = 0; i < r->n; i++) {
        if (!(gi = p_FT_Get_Char_Index(G.face, r->cp[i])))
            r->missing++;
        if (p_FT_Load_Glyph(G.face, gi, FT_LOAD_RENDER | FT_LOAD_TARGET_MONO) ||
            g->bitmap.pixel_mode != FT_PIXEL_MODE_MONO) {
            r->missing += gi != 0;
            continue;
        }
        gx = pen + g->bitmap_left;
        gy = baseline - g->bitmap_top;
        if (g->bitmap.width && g->bitmap.rows) {
            if (gx < r->ink_l)
                r->ink_l = gx;
            if (gx + (long)g->bitmap.width > r->ink_r)
                r->ink_r = gx + (long)g->bitmap.width;
        }
        for (row = 0; b && row < (int)g->bitmap.rows; row++) {
            const unsigned char *src = g->bitmap.buffer + (long)row * g->bitmap.pitch;
            long y = gy + row;

            if (y < 0 || y >= b->h)
                continue;
            for (col = 0; col < (int)g->bitmap.width; col++) {
                long x = gx + col;
                if (x < 0 || x >= b->w || x >= max_w || !(src[col >> 3] & (0x80 >> (col & 7))))
                    continue;
                b->bits[y * b->stride + (x >> 3)] |= (unsigned char)(0x80 >> (x & 7));
            }
        }
        pen += (g->advance.x + 32) >> 6;
    }
}

/* Chooses the condensing that makes the run fit max_w (1000 = none, at least 500). */
static int fit(struct run *r, const struct prn_glyph_box *box, int *permille)
{
    int baseline = 0, tries;

    *permille = 1000;
    for (tries = 0; tries < 8; tries++) {
        if (set_size(box->height, box->width, *permille))
            return -1;
        place(r, NULL, 0, baseline, box->max_w);
        if (r->ink_r - (r->ink_l < 0 ? r->ink_l : 0) <= box->max_w || *permille <= 500)
            return 0;
        /* hinting rounds each glyph: aim a little under, then step down */
        *permille = (int)(*permille * box->max_w / (r->ink_r - r->ink_l + 1)) - 5 * tries;
        if (*permille < 500)
            *permille = 500;
    }
    return 0;
}

enum stn_code prn_glyph_draw(const char *font_path, const char *s, size_t n,
                             const struct prn_glyph_box *box, struct prn_bitmap *out,
                             struct prn_glyph_info *info, struct stn_err *err)
{
    uint32_t cp[GLYPH_MAX_CHARS];
    struct prn_glyph_info dummy;
    struct run r;
    int permille, baseline, w, shift;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    info = info ? info : &dummy;
    memset(info, 0, sizeof *info);
    if (box->height < GLYPH_MIN_H || box->height > GLYPH_MAX_H || box->max_w < 1 ||
        box->max_w > GLYPH_MAX_W)
        return stn_err_set(err, STN_E_INPUT,
                           "text %d dots high, at most %d wide: must be %d to %d "
                           "high, 1 to %d wide",
                           box->height, box->max_w, GLYPH_MIN_H, GLYPH_MAX_H, GLYPH_MAX_W);
    if ((rc = open_font(font_path, err)) != STN_OK)
        return rc;
    r.cp = cp;
    r.n = to_codepoints(s, n, cp, GLYPH_MAX_CHARS);
    if (fit(&r, box, &permille))
        return stn_err_set(err, STN_E_IO, "font %s: cannot be drawn %d dots high", font_path,
                           box->height);
    baseline = (int)((G.face->size->metrics.ascender + 32) >> 6);
    if (baseline > box->height)
        baseline = box->height;
    shift = r.ink_l < 0 ? (int)-r.ink_l : 0; /* a first glyph reaching left of its pen */
    w = (int)(r.ink_r + shift);
    info->cut = w > box->max_w;
    w = w < 1 ? 1 : w > box->max_w ? box->max_w : w;
    out->w = w;
    out->h = box->height;
    out->stride = (w + 7) / 8;
    if (!(out->bits = calloc((size_t)out->h, (size_t)out->stride)))
        return stn_err_set(err, STN_E_IO, "out of memory");
    place(&r, out, shift, baseline, box->max_w);
    info->baseline = baseline;
    info->missing = r.missing;
    info->condensed = permille < 1000;
    return STN_OK;
}

void prn_bitmap_free(struct prn_bitmap *b)
{
    if (!b)
        return;
    free(b->bits);
    memset(b, 0, sizeof *b);
}

int prn_bitmap_get(const struct prn_bitmap *b, int x, int y)
{
    if (x < 0 || y < 0 || x >= b->w || y >= b->h)
        return 0;
    return b->bits[y * b->stride + (x >> 3)] >> (7 - (x & 7)) & 1;
}

/* ---- ^GF ------------------------------------------------------------------------------ */
/* Worst case: every byte as two hex digits, plus ",\n"-free framing and the header. */
size_t prn_gf_bound(const struct prn_bitmap *b)
{
    return (size_t)b->h * ((size_t)b->stride * 2 + 1) + 64;
}

/* A run of count equal hex digits c: the count letters (g..z for 20..400, G..Y for 1..19)
 * then the digit; runs of 1 or 2 are cheaper written out. */
static size_t put_run(char *d, char c, int count)
{
    size_t n = 0;
    int k;

    while (count > 0) {
        k = count > 419 ? 419 : count;
        count -= k;
        if (k <= 2) {
            while (k--)
                d[n++] = c;
            continue;
        }
        if (k >= 20)
            d[n++] = (char)('f' + k / 20); /* g = 20 ... z = 400 */
        if (k % 20)
            d[n++] = (char)('F' + k % 20); /* G = 1 ... Y = 19 */
        d[n++] = c;
    }
    return n;
}

static size_t put_row(char *d, const unsigned char *row, int stride)
{
    static const char hex[] = "0123456789ABCDEF";
    char digits[2 * ((GLYPH_MAX_W + 7) / 8)];
    int nd = 2 * stride, i, j, end;
    size_t n = 0;

    for (i = 0; i < stride; i++) {
        digits[2 * i] = hex[row[i] >> 4];
        digits[2 * i + 1] = hex[row[i] & 15];
    }
    for (end = nd; end > 0 && digits[end - 1] == '0'; end--)
        ;
    for (i = 0; i < end; i = j) {
        for (j = i + 1; j < end && digits[j] == digits[i]; j++)
            ;
        n += put_run(d + n, digits[i], j - i);
    }
    if (end < nd)
        d[n++] = ','; /* the rest of the row is white */
    return n;
}

size_t prn_gf_encode(const struct prn_bitmap *b, char *dst)
{
    size_t total = (size_t)b->h * (size_t)b->stride, n;
    int y;

    n = (size_t)snprintf(dst, 64, "^GFA,%zu,%zu,%d,", total, total, b->stride);
    for (y = 0; y < b->h; y++) {
        const unsigned char *row = b->bits + (size_t)y * (size_t)b->stride;

        if (y > 0 && !memcmp(row, row - b->stride, (size_t)b->stride))
            dst[n++] = ':'; /* the same as the row before */
        else
            n += put_row(dst + n, row, b->stride);
    }
    dst[n] = '\0';
    return n;
}
