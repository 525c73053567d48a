/* tests/tools/labelgen.c — the labels the station sends, for tests/labels/run.sh.
 *
 *   labelgen TEMPLATES_DIR FONT OUT_DIR [PRINTER_FONT]
 *
 * Renders every template of TEMPLATES_DIR (*.zpl; commands.zpl as the command sheet) at
 * 203 and 300 dpi with four sets of values (plain, korean, long, hostile), the way the
 * station does: print/zpl.c, then print/zpl_text.c with FONT for the text the printer's
 * font cannot show. For each case it writes OUT_DIR/<case>.zpl and, when text was drawn,
 * OUT_DIR/<case>.text.zpl (the same label with that text left as ^A0 text, as a printer
 * without Hangul would get it) and one PBM per drawn field: the same text rendered with
 * FreeType directly (anti-aliased, then thresholded: not the station's mono path), to be
 * compared with what an independent renderer makes of the ^GF.
 * OUT_DIR/manifest.tsv has one line per case:
 *   case  dpmm  pw  ll  barcodes  fields
 * barcodes: what each bar code of the label must decode to, "SYM=text" joined by "%09"
 * (text percent-escaped: %25 %09 %0A ...), SYM being code128, datamatrix or qr; fields:
 * "page,x,y,w,h,file.pbm,r" joined by ";" (the label of a sheet counted from 0, the
 * field's box, the reference picture, how far from the box's corner to look for it), or
 * "-". With PRINTER_FONT (a TrueType file small enough for the renderer) two more cases,
 * serial-<dpi>-printerfont: the font stored with `wipstation font-upload --du`'s command
 * and the Korean label sent in it (^A@), its reference drawn with that font.
 * Exit 0, or 1 with a message. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "print/font.h"
#include "print/glyph.h"
#include "print/print.h"
#include "print/zpl.h"

#define MAX_TPL 32

struct valset {
    const char *name;
    const char *v[PRN_VAR_COUNT];
};

/* serial, wip_id, lot, model_code, model_name, production_date, printed_at, station,
 * operator, badge, name, role; the sheet's process and process_name come from its own struct. The IDs are
 * what bar codes carry: as long as real ones at most (a label is sized for them), the
 * hostile ones full of ZPL's own characters; '~' only last, as a Data Matrix (^BX) reads
 * '~' and the character after it as an escape (~1 is FNC1), which IDs never contain. */
static const struct valset sets[] = {
    { "plain",
      { "KR01PSA25110010001", "KR01PSA2511001-W0001", "KR01PSA2511001", "PSA",
        "Withforce Wearable Robot PSA", "2025-11-03", "2025-11-26 08:30", "P7-01", "Kim Minsu",
        "OP-0001", "Kim Minsu", "OPERATOR" } },
    { "korean",
      { "KR01PSA25110010002", "KR01PSA2511001-W0002", "KR01PSA2511001", "PSA",
        "위드포스 웨어러블 로봇", "2025-11-03", "2025-11-26 08:30", "P7-한국", "김민수", "OP-0002",
        "김민수", "OPERATOR" } },
    { "long",
      { "KR01PSA25110010003", "KR01PSA2511001-W0003", "KR01PSA2511001", "PSA-MODEL-CODE-LONG",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        "2025-11-03 and a note that goes on and on past every field",
        "2025-11-26 08:30:00.000000+09:00 (Asia/Seoul)", "P7-01-A-VERY-LONG-STATION-NAME-OF-THIRTY",
        "김민수김민수김민수김민수김민수김민수김민수김민수김민수", "OP-LONG-BADGE-16",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "MANAGER" } },
    { "hostile",
      { "KR^S_5E~", "KR^W_5E~", "KR^L_5E~", "^XA", "^XZ^XA^FO0,0^A0N,99,99^FDpwned^FS~JR한글",
        "{{serial}}_5E_7E\n\r\t", "\xff\xfe\xc3(", "P7^FS", "_5E~한글\x01\x7f", "OP^_5E~",
        "^XZ~JR한글\x01", "^FS" } },
};
#define N_SETS ((int)(sizeof sets / sizeof sets[0]))

/* defect codes are identifiers (a Code 128 cannot carry Hangul); the process name is text */
static const char *const sheet_defects[] = { "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL", "^XZ~JR" };

/* ---- FreeType, directly: the reference pictures ---------------------------------------- */
static FT_Library ft;
static FT_Face face;    /* the station's bitmap font */
static FT_Face pf_face; /* the font stored on the (rendered) printer, for the ^A@ cases */
static int em_mode;     /* reference() sizes the em to h (how a printer sizes ^A@ text),
                         * not the ascent to descent (how the station sizes bitmaps) */

static FT_Face face_station(void)
{
    return face;
}

/* text drawn h dots high (the face's ascent to descent, as the station's rule says),
 * w/h as wide times permille/1000, anti-aliased and thresholded at half, as wide as its
 * ink (returned); written as a PBM when path is not NULL. */
static int reference(const char *text, int h, int w, int permille, const char *path)
{
    FT_Face fc = em_mode ? pf_face : face_station();
    long span = (long)fc->ascender - fc->descender;
    long y26 = em_mode ? (long)h * 64 : (long)h * 64 * fc->units_per_EM / span;
    long x26 = y26 * (w > 0 ? w : h) / h * permille / 1000;
    int cap = (int)strlen(text) * (w > 0 ? w : h) * 2 + 64, ink = 1, i, k, x, y;
    long pen = 0, base;
    unsigned char *img;
    FILE *f;

    if (FT_Set_Char_Size(fc, x26, y26, 72, 72))
        return -1;
    base = (fc->size->metrics.ascender + 32) >> 6;
    if (em_mode) /* rows for the whole em and its descenders */
        h = (int)(((fc->size->metrics.ascender - fc->size->metrics.descender) + 63) >> 6);
    img = calloc((size_t)cap * (size_t)h, 1);
    for (i = 0; text[i];) {
        unsigned cp = (unsigned char)text[i];
        int len = prn_utf8_seq(text + i, strlen(text + i));
        FT_GlyphSlot g = fc->glyph;

        if (len > 1) {
            cp &= len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u;
            for (k = 1; k < len; k++)
                cp = cp << 6 | ((unsigned char)text[i + k] & 0x3Fu);
        }
        i += len ? len : 1;
        if (!len)
            cp = '?';
        if (FT_Load_Char(fc, cp, FT_LOAD_RENDER))
            continue;
        for (y = 0; y < (int)g->bitmap.rows; y++)
            for (x = 0; x < (int)g->bitmap.width; x++) {
                long px = pen + g->bitmap_left + x, py = base - g->bitmap_top + y;
                if (px >= 0 && px < cap && py >= 0 && py < h &&
                    g->bitmap.buffer[y * g->bitmap.pitch + x] >= 128) {
                    img[py * cap + px] = 1;
                    if (px + 1 > ink)
                        ink = (int)px + 1;
                }
            }
        pen += (g->advance.x + 32) >> 6;
    }
    if (!path) {
        free(img);
        return ink;
    }
    if (!(f = fopen(path, "w"))) {
        free(img);
        return -1;
    }
    fprintf(f, "P1\n%d %d\n", ink, h);
    for (y = 0; y < h; y++) {
        for (x = 0; x < ink; x++)
            fputc('0' + img[y * cap + x], f);
        fputc('\n', f);
    }
    fclose(f);
    free(img);
    return ink;
}

/* The ink width of a ^GF (its rightmost black dot + 1), read from its compressed hex. */
static int gf_ink(const char *gf, int stride)
{
    static const char hex[] = "0123456789ABCDEF";
    char *row = calloc((size_t)stride * 2 + 1, 1), *prev = calloc((size_t)stride * 2 + 1, 1);
    int n = 0, count = 0, ink = 0, k, i;
    const char *p = strchr(gf + 5, ','), *c;

    for (k = 0; p && k < 3; k++) /* past total, total, stride */
        p = strchr(p + 1, ',');
    for (p = p ? p + 1 : ""; *p && *p != '^'; p++) {
        if (*p >= 'G' && *p <= 'Y') {
            count += *p - 'F';
            continue;
        }
        if (*p >= 'g' && *p <= 'z') {
            count += (*p - 'f') * 20;
            continue;
        }
        if (*p == ',')
            memset(row + n, '0', (size_t)(2 * stride - n)), n = 2 * stride;
        else if (*p == ':')
            memcpy(row, prev, (size_t)stride * 2), n = 2 * stride;
        else if ((c = strchr(hex, *p)))
            for (count = count ? count : 1; count-- && n < 2 * stride;)
                row[n++] = *p;
        count = 0;
        if (n == 2 * stride) {
            for (i = 0; i < 2 * stride; i++) {
                int v = (int)(strchr(hex, row[i]) - hex);
                for (k = 0; k < 4; k++)
                    if (v >> (3 - k) & 1 && i * 4 + k + 1 > ink)
                        ink = i * 4 + k + 1;
            }
            memcpy(prev, row, (size_t)stride * 2);
            n = 0;
        }
    }
    free(row);
    free(prev);
    return ink;
}

/* The reference for a field the station drew ink wide: condensed as the station did when
 * the text is wider than that (the narrowing that gives the closest ink width). */
static int reference_fit(const char *text, int h, int w, int ink, const char *path)
{
    int lo = 400, hi = 1000, mid, best = 1000;

    if (reference(text, h, w, 1000, NULL) > ink + 2) {
        while (lo <= hi) {
            mid = (lo + hi) / 2;
            if (reference(text, h, w, mid, NULL) > ink)
                hi = mid - 1;
            else
                best = mid, lo = mid + 1;
        }
    }
    return reference(text, h, w, best, path) < 0 ? -1 : 0;
}

/* ---- manifest ------------------------------------------------------------------------ */
static void put_escaped(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c == '%' || c == ';' || c == 0x7F)
            fprintf(f, "%%%02X", c);
        else
            fputc(c, f);
    }
}

static int hexv(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                  : -1;
}

/* ^FD data of [s, e), ^FH escapes decoded when fh. */
static size_t fd_text(const char *s, const char *e, int fh, char *out, size_t cap)
{
    size_t n = 0;

    for (; s < e && n + 1 < cap; s++) {
        if (fh && *s == '_' && e - s >= 3 && hexv(s[1]) >= 0 && hexv(s[2]) >= 0) {
            out[n++] = (char)(hexv(s[1]) << 4 | hexv(s[2]));
            s += 2;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return n;
}

/* The fields of a rendered label: [begin, end) up to and including each ^FS. */
static const char *next_field(const char *p, const char **end)
{
    const char *fs = strstr(p, "^FS");

    if (!fs)
        return NULL;
    *end = fs + 3;
    return p;
}

static void barcodes(FILE *m, const char *zpl)
{
    const char *p = zpl, *e, *fd, *fe;
    char text[1024];
    int first = 1;

    while ((p = next_field(p, &e))) {
        const char *sym = NULL;
        if (strstr(p, "^BC") && strstr(p, "^BC") < e)
            sym = "code128";
        else if (strstr(p, "^BX") && strstr(p, "^BX") < e)
            sym = "datamatrix";
        else if (strstr(p, "^BQ") && strstr(p, "^BQ") < e)
            sym = "qr";
        if (sym && (fd = strstr(p, "^FD")) && fd < e) {
            for (fe = fd + 3; fe < e && *fe != '^'; fe++)
                ;
            size_t n = fd_text(fd + 3, fe, strstr(p, "^FH") && strstr(p, "^FH") < fd, text,
                               sizeof text);
            const char *t = text;
            if (!strcmp(sym, "qr") && n >= 3) /* QA, : the mode, not data */
                t += 3, n -= 3;
            fprintf(m, "%s%s=", first ? "" : "%09", sym);
            put_escaped(m, t, n);
            first = 0;
        }
        p = e;
    }
    if (first)
        fputc('-', m);
}

/* Pairs the fields of the label with text (before) and with bitmaps (after). */
static int fields(FILE *m, const char *dir, const char *name, const char *before, const char *after)
{
    const char *a = after, *b = before, *ae, *be, *gf, *fd, *fa;
    char text[1024], pbm[512];
    int n = 0, x, y, h, w, fw, total, stride;

    int page = -1;

    while ((a = next_field(a, &ae)) && (b = next_field(b, &be))) {
        for (const char *xa = a; (xa = strstr(xa, "^XA")) && xa < ae; xa++)
            page++;
        if ((gf = strstr(a, "^GFA,")) && gf < ae) {
            const char *fo = gf;
            while (fo > a && strncmp(fo, "^FO", 3))
                fo--;
            if (sscanf(fo, "^FO%d,%d", &x, &y) != 2 ||
                sscanf(gf, "^GFA,%d,%*d,%d,", &total, &stride) != 2 || !(fa = strstr(b, "^A0")) ||
                fa > be || sscanf(fa, "^A0N,%d,%d", &h, &fw) != 2 || !(fd = strstr(b, "^FD")) ||
                fd > be) {
                fprintf(stderr, "labelgen: %s: cannot pair a ^GF field with its text\n", name);
                return -1;
            }
            fd_text(fd + 3, be - 3, 1, text, sizeof text);
            w = stride * 8;
            snprintf(pbm, sizeof pbm, "%s/%s.f%d.pbm", dir, name, n);
            /* the ^GF's rows are whole bytes: its ink is narrower than w */
            if (reference_fit(text, h, fw, gf_ink(gf, stride), pbm)) {
                fprintf(stderr, "labelgen: %s: FreeType cannot draw the reference\n", name);
                return -1;
            }
            fprintf(m, "%s%d,%d,%d,%d,%d,%s.f%d.pbm,2", n ? ";" : "", page, x, y, w, total / stride,
                    name, n);
            n++;
        } else if ((fa = strstr(a, "^A@")) && fa < ae && pf_face) {
            /* text in the printer's stored font: where a printer puts it is its own
             * business (the renderer: the baseline about 3/4 of h below ^FO), so the
             * reference is looked for within 10 dots of the field's place */
            if (sscanf(a, "%*[^^]^FO%d,%d", &x, &y) != 2 && sscanf(a, "^FO%d,%d", &x, &y) != 2)
                return fprintf(stderr, "labelgen: %s: ^A@ field without ^FO\n", name), -1;
            if (sscanf(fa, "^A@N,%d,%d", &h, &fw) != 2 || !(fd = strstr(a, "^FD")) || fd > ae)
                return fprintf(stderr, "labelgen: %s: cannot read an ^A@ field\n", name), -1;
            fd_text(fd + 3, ae - 3, 1, text, sizeof text);
            snprintf(pbm, sizeof pbm, "%s/%s.f%d.pbm", dir, name, n);
            em_mode = 1;
            w = reference(text, h, fw, 1000, pbm);
            em_mode = 0;
            if (w < 0)
                return fprintf(stderr, "labelgen: %s: FreeType cannot draw the reference\n", name),
                       -1;
            fprintf(m, "%s%d,%d,%d,%d,%d,%s.f%d.pbm,10", n ? ";" : "", page, x, y, w + 20,
                    h * 3 / 2, name, n);
            n++;
        }
        a = ae, b = be;
    }
    if (!n)
        fputc('-', m);
    return 0;
}

static int write_file(const char *dir, const char *name, const char *ext, const struct prn_buf *b)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
    if (!(f = fopen(path, "wb")) || fwrite(b->data, 1, b->len, f) != b->len) {
        perror(path);
        if (f)
            fclose(f);
        return -1;
    }
    return fclose(f);
}

/* ---- cases ------------------------------------------------------------------------- */
/* pf_path: a TrueType file stored on the printer first (~DU, as E:NANUMPF.FNT) and used
 * for the text instead of bitmaps; NULL for the station's default, bitmaps. */
static int one_case(FILE *m, const char *dir, const char *font, const char *tpl_path,
                    const char *base, int dpi, int set, const char *pf_path)
{
    const struct prn_text_fonts fonts = { font, pf_path ? "E:NANUMPF.FNT" : NULL };
    struct prn_buf upload = { NULL, 0 };
    struct prn_command_sheet s = { sets[set].v[PRN_VAR_STATION],   3, NULL, NULL, 3,
                                   sets[set].v[PRN_VAR_PRINTED_AT] };
    struct prn_text_stats st;
    struct prn_buf before = { NULL, 0 }, after = { NULL, 0 };
    struct prn_tpl *t = NULL;
    struct stn_err serr;
    char name[256];
    int sheet = !strcmp(base, "commands"), rc = -1, pw = 0, ll = 0;
    const char *p;

    snprintf(name, sizeof name, "%s-%d-%s", base, dpi, pf_path ? "printerfont" : sets[set].name);
    s.process_name = set == 1 ? "센서 검사" : set == 3 ? "^XZ~JR" : "Sensor inspection";
    s.defects = sheet_defects;
    if (prn_tpl_load(tpl_path, sheet ? PRN_TPL_SHEET : PRN_TPL_LABEL, &t, &serr) ||
        (sheet ? prn_zpl_render_sheet(t, dpi, &s, s.printed_at, &before, &serr)
               : prn_zpl_render(t, dpi, sets[set].v, &before, &serr))) {
        fprintf(stderr, "labelgen: %s: %s\n", name, serr.msg);
        goto out;
    }
    after.data = malloc(before.len + 1);
    memcpy(after.data, before.data, before.len + 1);
    after.len = before.len;
    if (prn_zpl_text(&after, &fonts, &st, &serr) != STN_OK) {
        fprintf(stderr, "labelgen: %s: %s\n", name, serr.msg);
        goto out;
    }
    if (pf_path) { /* the font upload goes first, in the same job */
        if (prn_font_upload_zpl(pf_path, fonts.printer_font, PRN_FONT_DU, &upload, &serr)) {
            fprintf(stderr, "labelgen: %s: %s\n", name, serr.msg);
            goto out;
        }
        upload.data = realloc(upload.data, upload.len + after.len + 1);
        memcpy(upload.data + upload.len, after.data, after.len + 1);
        upload.len += after.len;
        prn_buf_free(&after);
        after = upload;
        upload.data = NULL;
        st.bitmaps = 1; /* the control label (^A0) is wanted as well */
    }
    if ((p = strstr(after.data, "^PW")))
        pw = atoi(p + 3);
    if ((p = strstr(after.data, "^LL")))
        ll = atoi(p + 3);
    if (write_file(dir, name, ".zpl", &after) ||
        (st.bitmaps && write_file(dir, name, ".text.zpl", &before)))
        goto out;
    fprintf(m, "%s\t%d\t%d\t%d\t", name, dpi == 300 ? 12 : 8, pw, ll);
    barcodes(m, after.data);
    fputc('\t', m);
    if (fields(m, dir, name, before.data, after.data))
        goto out;
    fputc('\n', m);
    rc = 0;
out:
    prn_tpl_free(t);
    prn_buf_free(&before);
    prn_buf_free(&after);
    prn_buf_free(&upload);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    char *names[MAX_TPL], path[1024], base[256];
    struct dirent *de;
    int n = 0, i, set, bad = 0;
    DIR *d;
    FILE *m;

    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: labelgen TEMPLATES_DIR FONT OUT_DIR [PRINTER_FONT]\n");
        return 2;
    }
    if (FT_Init_FreeType(&ft) || FT_New_Face(ft, argv[2], 0, &face) ||
        (argc == 5 && FT_New_Face(ft, argv[4], 0, &pf_face))) {
        fprintf(stderr, "labelgen: FreeType cannot open %s\n", argc == 5 ? argv[4] : argv[2]);
        return 1;
    }
    if (!(d = opendir(argv[1]))) {
        perror(argv[1]);
        return 1;
    }
    while ((de = readdir(d)) && n < MAX_TPL) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".zpl"))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    snprintf(path, sizeof path, "%s/manifest.tsv", argv[3]);
    if (!(m = fopen(path, "w"))) {
        perror(path);
        return 1;
    }
    for (i = 0; i < n; i++) {
        snprintf(base, sizeof base, "%.*s", (int)(strlen(names[i]) - 4), names[i]);
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        for (set = 0; set < N_SETS; set++) {
            bad |= one_case(m, argv[3], argv[2], path, base, 203, set, NULL);
            bad |= one_case(m, argv[3], argv[2], path, base, 300, set, NULL);
        }
        if (argc == 5 && !strcmp(base, "serial")) {
            bad |= one_case(m, argv[3], argv[2], path, base, 203, 1, argv[4]);
            bad |= one_case(m, argv[3], argv[2], path, base, 300, 1, argv[4]);
        }
        free(names[i]);
    }
    fclose(m);
    prn_glyph_close();
    FT_Done_Face(face);
    if (pf_face)
        FT_Done_Face(pf_face);
    FT_Done_FreeType(ft);
    return bad ? 1 : 0;
}
