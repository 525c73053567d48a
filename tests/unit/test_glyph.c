/* tests/unit/test_glyph.c — text the printer's built-in font cannot show (print/glyph.h):
 * which text that is, FreeType's drawing of it, the ^GF encoding (decoded again here by
 * an independent reader of ZPL's compressed hex), and the pass over a rendered label
 * (prn_zpl_text): Latin labels untouched byte for byte, Korean fields replaced in place.
 * Needs the font of fonts-nanum (tools/deps.sh installs it): without it the tests fail,
 * saying so. Runs from the repository root (etc/labels). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print/font.h"
#include "print/glyph.h"
#include "print/print.h"
#include "print/zpl.h"
#include "tests/unit/label_fixture.h"

#define FONT "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
#define LABELS "etc/labels"

static int font_present(void **state)
{
    (void)state;
    if (access(FONT, R_OK) != 0) {
        fprintf(stderr, "test_glyph: %s is missing: install fonts-nanum (tools/deps.sh check)\n",
                FONT);
        return -1;
    }
    return 0;
}

static int close_font(void **state)
{
    (void)state;
    prn_glyph_close();
    return 0;
}

/* ---- an independent ^GF reader (ZPL II manual, "ASCII hex compression") -------------- */
static int count_of(char c)
{
    if (c >= 'G' && c <= 'Y')
        return c - 'F';
    if (c >= 'g' && c <= 'z')
        return (c - 'f') * 20;
    return 0;
}

/* Decodes "^GFA,b,c,d,data" into bits (b bytes); returns the bytes per row, -1 on error. */
static int gf_decode(const char *gf, unsigned char *bits, size_t cap, int *rows)
{
    unsigned total, total2, stride;
    const char *p;
    char *row, *prev;
    size_t nrow = 0, out = 0, len;
    int count = 0, n;

    if (sscanf(gf, "^GFA,%u,%u,%u,%n", &total, &total2, &stride, &n) != 3 || total != total2 ||
        !stride || total % stride || total > cap)
        return -1;
    row = calloc(2 * stride + 1, 1);
    prev = calloc(2 * stride + 1, 1);
    for (p = gf + n; *p && out < total; p++) {
        if (count_of(*p)) {
            count += count_of(*p);
            continue;
        }
        if (*p == ',' || *p == '!') {
            memset(row + nrow, *p == ',' ? '0' : 'F', 2 * stride - nrow);
            nrow = 2 * stride;
        } else if (*p == ':') {
            memcpy(row, prev, 2 * stride);
            nrow = 2 * stride;
        } else {
            if (!strchr("0123456789ABCDEF", *p))
                break;
            for (count = count ? count : 1; count-- && nrow < 2 * stride;)
                row[nrow++] = *p;
            count = 0;
        }
        if (nrow == 2 * stride) {
            for (size_t i = 0; i < stride; i++) {
                unsigned v;
                sscanf(row + 2 * i, "%2x", &v);
                bits[out++] = (unsigned char)v;
            }
            memcpy(prev, row, 2 * stride);
            nrow = 0;
        }
    }
    len = strlen(p);
    free(row);
    free(prev);
    if (out != total || len)
        return -1;
    *rows = (int)(total / stride);
    return (int)stride;
}

static void roundtrip(const struct prn_bitmap *b)
{
    char *gf = malloc(prn_gf_bound(b));
    unsigned char *bits = malloc((size_t)b->h * (size_t)b->stride + 1);
    size_t n;
    int rows = 0;

    assert_non_null(gf);
    n = prn_gf_encode(b, gf);
    assert_int_equal(n, strlen(gf));
    assert_true(n < prn_gf_bound(b));
    assert_int_equal(gf_decode(gf, bits, (size_t)b->h * (size_t)b->stride, &rows), b->stride);
    assert_int_equal(rows, b->h);
    assert_memory_equal(bits, b->bits, (size_t)b->h * (size_t)b->stride);
    free(gf);
    free(bits);
}

/* ---- which text needs drawing ------------------------------------------------------- */
static void test_builtin(void **state)
{
    (void)state;
    assert_true(prn_text_builtin("", 0));
    assert_true(prn_text_builtin("KR01PSA2511001-W0001 {}|~^_", 27));
    assert_true(prn_text_builtin("Café Zürich ±½", strlen("Café Zürich ±½")));
    assert_false(prn_text_builtin("김민수", strlen("김민수")));
    assert_false(prn_text_builtin("PSA 로봇", strlen("PSA 로봇")));
    assert_false(prn_text_builtin("a—b", strlen("a—b"))); /* em dash: not in font 0 */
    assert_false(prn_text_builtin("Привет", strlen("Привет")));
    assert_false(prn_text_builtin("tab\there", 8));
    assert_false(prn_text_builtin("\x7f", 1));
    assert_false(prn_text_builtin("\xc2\x85", 2)); /* a C1 control */
    assert_false(prn_text_builtin("\xff", 1));
}

/* ---- ^GF ---------------------------------------------------------------------------- */
static void test_gf_exact(void **state)
{
    unsigned char bits[] = {
        0xFF, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x0F, 0xF0, 0xAA, 0xAA, 0xAA, 0xAA
    };
    struct prn_bitmap b = { 16, 6, 2, bits };
    char gf[128];

    (void)state;
    prn_gf_encode(&b, gf);
    /* FF then white; the same again; all white; 0FF then white (runs of 2 written out);
     * AAAA as a run of 4 (J); the same again */
    assert_string_equal(gf, "^GFA,12,12,2,FF,:,0FF,JA:");
    b.w = 8, b.h = 1, b.stride = 1;
    bits[0] = 0;
    prn_gf_encode(&b, gf);
    assert_string_equal(gf, "^GFA,1,1,1,,");
}

static void test_gf_long_runs(void **state)
{
    struct prn_bitmap b = { 8 * 300, 3, 300, NULL };
    char *gf;

    (void)state;
    assert_non_null(b.bits = calloc(3, 300));
    memset(b.bits, 0xFF, 300);       /* 600 F: 419 (z+Y) and 181 (o+G); a full row, no "," */
    memset(b.bits + 300, 0xFF, 299); /* 598 F then 00: the white rest */
    b.bits[600] = 0x01;              /* 01 then white */
    assert_non_null(gf = malloc(prn_gf_bound(&b)));
    prn_gf_encode(&b, gf);
    assert_string_equal(gf, "^GFA,900,900,300,zYFoGFzYFnYF,01,");
    roundtrip(&b);
    free(gf);
    free(b.bits);
}

static void test_gf_random(void **state)
{
    struct prn_bitmap b;
    int i, k;

    (void)state;
    srand(16);
    for (i = 0; i < 300; i++) {
        b.w = 1 + rand() % 1300;
        b.h = 1 + rand() % 40;
        b.stride = (b.w + 7) / 8;
        assert_non_null(b.bits = calloc((size_t)b.h, (size_t)b.stride));
        for (k = 0; k < b.h * b.stride; k++) { /* runs, repeated rows, noise */
            int r = rand() % 10;
            b.bits[k] = r < 4                    ? 0
                        : r < 6                  ? 0xFF
                        : r < 8 && k >= b.stride ? b.bits[k - b.stride]
                                                 : (unsigned char)rand();
        }
        roundtrip(&b);
        free(b.bits);
    }
}

/* ---- FreeType's drawing --------------------------------------------------------------- */
static int ink(const struct prn_bitmap *b, int x0, int x1)
{
    int n = 0;

    for (int y = 0; y < b->h; y++)
        for (int x = x0; x < x1; x++)
            n += prn_bitmap_get(b, x, y);
    return n;
}

static void draw(const char *text, int h, int w, int max_w, struct prn_bitmap *b,
                 struct prn_glyph_info *info)
{
    struct prn_glyph_box box = { h, w, max_w };
    struct stn_err err;

    if (prn_glyph_draw(FONT, text, strlen(text), &box, b, info, &err) != STN_OK)
        fail_msg("%s: %s", text, err.msg);
}

static void test_draw_hangul(void **state)
{
    struct prn_glyph_info info, i2;
    struct prn_bitmap b, b2, box;

    (void)state;
    draw("김민수", 24, 22, 440, &b, &info);
    assert_int_equal(b.h, 24);
    assert_int_equal(b.stride, (b.w + 7) / 8);
    assert_int_equal(info.missing, 0);
    assert_false(info.condensed || info.cut);
    assert_in_range(info.baseline, 16, 23);
    assert_in_range(b.w, 50, 3 * 24); /* three syllables, about square each */
    assert_in_range(ink(&b, 0, b.w), b.w * b.h / 8, b.w * b.h * 2 / 3);
    assert_int_equal(ink(&b, 0, b.w / 3) > 0 && ink(&b, b.w * 2 / 3, b.w) > 0, 1);
    roundtrip(&b);
    /* a character the font lacks is its .notdef box: different from a syllable */
    draw("\xf3\xb0\x80\x80", 24, 22, 440, &box, &i2); /* U+F0000, private use */
    assert_int_equal(i2.missing, 1);
    draw("김", 24, 22, 440, &b2, &i2);
    assert_int_equal(i2.missing, 0);
    assert_false(b2.w == box.w && !memcmp(b2.bits, box.bits, (size_t)(b2.h * b2.stride)));
    prn_bitmap_free(&b2);
    prn_bitmap_free(&box);
    /* 300 dpi: the same text, half as tall again */
    draw("김민수", 36, 33, 660, &b2, &i2);
    assert_int_equal(b2.h, 36);
    assert_in_range(b2.w * 2, b.w * 3 - 8, b.w * 3 + 8);
    prn_bitmap_free(&b2);
    prn_bitmap_free(&b);
}

static void test_draw_fit(void **state)
{
    static const char long_text[] = "위드포스 웨어러블 로봇 PSA 생산 라인 시리얼 라벨";
    struct prn_glyph_info info;
    struct prn_bitmap b, wide;

    (void)state;
    draw(long_text, 24, 22, 4000, &wide, &info);
    assert_false(info.condensed);
    draw(long_text, 24, 22, wide.w * 3 / 4, &b, &info); /* condensed to fit */
    assert_true(info.condensed);
    assert_false(info.cut);
    assert_true(b.w <= wide.w * 3 / 4);
    assert_int_equal(b.h, 24);
    prn_bitmap_free(&b);
    draw(long_text, 24, 22, wide.w / 4, &b, &info); /* half as wide at most, then cut */
    assert_true(info.condensed && info.cut);
    assert_int_equal(b.w, wide.w / 4);
    prn_bitmap_free(&b);
    prn_bitmap_free(&wide);
    draw("", 24, 0, 100, &b, &info); /* nothing to draw: one white dot's width */
    assert_int_equal(b.w, 1);
    assert_int_equal(ink(&b, 0, 1), 0);
    prn_bitmap_free(&b);
    draw("\xff\xfe?", 24, 0, 100, &b, &info); /* invalid bytes drawn as '?' */
    assert_int_equal(info.missing, 0);
    prn_bitmap_free(&b);
}

static void test_draw_errors(void **state)
{
    struct prn_glyph_box box = { 24, 0, 100 }, tiny = { 2, 0, 100 };
    char path[] = "/tmp/test_glyph.XXXXXX";
    struct prn_bitmap b;
    struct stn_err err;
    int fd;

    (void)state;
    assert_int_equal(prn_glyph_draw("/nonexistent/Font.ttf", "한", 3, &box, &b, NULL, &err),
                     STN_E_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/Font.ttf"));
    assert_non_null(strstr(err.msg, "No such file"));
    assert_null(b.bits);
    assert_int_equal(prn_glyph_draw("", "한", 3, &box, &b, NULL, &err), STN_E_IO);
    assert_non_null(strstr(err.msg, "bitmap_font"));
    assert_int_equal(prn_glyph_draw(FONT, "한", 3, &tiny, &b, NULL, &err), STN_E_INPUT);
    assert_true((fd = mkstemp(path)) >= 0);
    assert_int_equal(write(fd, "not a font\n", 11), 11);
    close(fd);
    assert_int_equal(prn_glyph_draw(path, "한", 3, &box, &b, NULL, &err), STN_E_IO);
    assert_non_null(strstr(err.msg, "not a font"));
    unlink(path);
    assert_int_equal(prn_glyph_draw(FONT, "한", 3, &box, &b, NULL, NULL), STN_OK); /* again */
    prn_bitmap_free(&b);
}

/* ---- the pass over a rendered label ----------------------------------------------------- */
static const struct prn_label_data latin = {
    LABEL_FIXTURE_UNIT,
    NULL,
    NULL,
    NULL,
};

/* The renderer alone: these tests run the text pass themselves. */
static void render(int kind, int dpi, const struct prn_label_data *d, struct prn_buf *b)
{
    const struct prn_style st = { LABELS, dpi, NULL, NULL, NULL };
    struct stn_err err;

    if (prn_label_render(&st, (enum prn_label_kind)kind, d, b, &err) != STN_OK)
        fail_msg("%s", err.msg);
}

static void test_latin_untouched(void **state)
{
    const struct prn_text_fonts fonts = { "/nonexistent/never-opened.ttf", NULL };
    struct prn_text_stats st;
    struct prn_buf b;
    struct stn_err err;
    char *before;

    (void)state;
    for (int k = 0; k < 4; k++)
        for (int dpi = 203; dpi <= 300; dpi += 97) {
            render(k, dpi, &latin, &b);
            before = b.data;
            /* no font needed: the missing file is never opened */
            assert_int_equal(prn_zpl_text(&b, &fonts, &st, &err), STN_OK);
            assert_ptr_equal(b.data, before);
            assert_int_equal(st.bitmaps + st.printer_font, 0);
            prn_buf_free(&b);
        }
}

/* The rendering with the field "^FO20,172^FB440,1,0,L^A0N,24,22^FH^FD<model>^FS" of
 * serial.zpl at 203 dpi. */
static void test_korean_field(void **state)
{
    const struct prn_text_fonts fonts = { FONT, NULL };
    struct prn_label_data d = latin;
    struct prn_text_stats st;
    struct prn_buf b, ref;
    struct stn_err err;
    const char *p, *q;
    char head[64];
    int x, y;

    (void)state;
    render(PRN_LABEL_SERIAL, 203, &latin, &ref);
    d.model_name = "위드포스 웨어러블 로봇";
    render(PRN_LABEL_SERIAL, 203, &d, &b);
    assert_int_equal(prn_zpl_text(&b, &fonts, &st, &err), STN_OK);
    assert_int_equal(st.bitmaps, 1);
    assert_int_equal(st.missing + st.cut, 0);
    /* every other line is the same as in the Latin label */
    p = strstr(b.data, "^FO20,172^GFA,");
    assert_non_null(p);
    assert_non_null(q = strstr(p, "^FS\n"));
    assert_int_equal(p - b.data, strstr(ref.data, "^FO20,172") - ref.data);
    assert_string_equal(q, strstr(strstr(ref.data, "^FO20,172"), "^FS\n"));
    assert_int_equal(sscanf(p, "^FO%d,%d%63[^,]", &x, &y, head), 3);
    assert_string_equal(head, "^GFA");
    assert_null(strstr(b.data, "위드"));
    prn_buf_free(&b);
    /* with a font stored on the printer: text, in that font */
    const struct prn_text_fonts pf = { FONT, "E:NANUMGOTHIC.TTF" };
    render(PRN_LABEL_SERIAL, 203, &d, &b);
    assert_int_equal(prn_zpl_text(&b, &pf, &st, &err), STN_OK);
    assert_int_equal(st.printer_font, 1);
    assert_int_equal(st.bitmaps, 0);
    assert_non_null(strstr(b.data, "^FO20,172^FB440,1,0,L^A@N,24,22,E:NANUMGOTHIC.TTF^FH^FD"));
    prn_buf_free(&b);
    prn_buf_free(&ref);
}

/* Justification, ^FT, ^LH/^PW/^LL bounds, label commands inside a field, stored fonts. */
static void text_pass(const char *in, const char *font, struct prn_buf *out,
                      struct prn_text_stats *st)
{
    const struct prn_text_fonts fonts = { FONT, font };
    struct stn_err err;

    out->len = strlen(in);
    assert_non_null(out->data = strdup(in));
    if (prn_zpl_text(out, &fonts, st, &err) != STN_OK)
        fail_msg("%s", err.msg);
}

static void gf_at(const char *zpl, const char *origin, int *w, int *h)
{
    const char *p = strstr(zpl, origin);
    unsigned char bits[1 << 16];
    char *gf;
    int stride;

    if (!p)
        fail_msg("no %s in:\n%s", origin, zpl);
    p += strlen(origin);
    assert_non_null(strstr(p, "^FS"));
    gf = strndup(p, (size_t)(strstr(p, "^FS") - p));
    stride = gf_decode(gf, bits, sizeof bits, h);
    free(gf);
    if (stride <= 0)
        fail_msg("not a ^GF at %s:\n%s", origin, zpl);
    *w = stride * 8;
}

static void test_pass_geometry(void **state)
{
    struct prn_text_stats st;
    struct prn_buf b, l;
    int w, h, x, lw;

    (void)state;
    /* the same text left and centred in a 300-dot block: centred is moved by (300-w)/2 */
    text_pass("^XA^CI28^PW400^LL200\n^FO10,20^FB300,1,0,L^A0N,30,30^FD김민수^FS\n^XZ\n", NULL, &l,
              &st);
    text_pass("^XA^CI28^PW400^LL200\n^FO10,20^FB300,1,0,C^A0N,30,30^FD김민수^FS\n^XZ\n", NULL, &b,
              &st);
    gf_at(l.data, "^FO10,20", &lw, &h);
    assert_int_equal(h, 30);
    assert_int_equal(sscanf(strstr(b.data, "^FO"), "^FO%d,20^GFA", &x), 1);
    assert_in_range(x, 10 + (300 - lw) / 2, 10 + (300 - lw + 8) / 2);
    prn_buf_free(&b);
    prn_buf_free(&l);
    /* ^FT: the origin is the baseline; a label command inside the field is kept */
    text_pass("^XA^CI28\n^FT50,100^A0N,30,30^BY3^FD한^FS^FO0,0^BCN,20^FDX^FS\n^XZ\n", NULL, &b,
              &st);
    assert_int_equal(sscanf(strstr(b.data, "^FO"), "^FO50,%d", &x), 1);
    assert_in_range(x, 100 - 30, 100 - 15);
    assert_non_null(strstr(b.data, "^BY3^FO50,"));
    assert_non_null(strstr(b.data, "^FO0,0^BCN,20^FDX^FS"));
    prn_buf_free(&b);
    /* no ^FB: never past ^PW (from ^LH); never below ^LL */
    text_pass("^XA^CI28^PW200^LL60^LH20,10\n^FO100,40^A0N,40,40^FD김민수 김민수 김민수^FS\n^XZ\n",
              NULL, &b, &st);
    assert_int_equal(st.cut, 1);
    gf_at(b.data, "^FO100,40", &w, &h);
    assert_true(w <= 200 - 20 - 100 + 7);
    assert_int_equal(h, 60 - 10 - 40);
    prn_buf_free(&b);
    /* ^CF default font and size; ^A@ and ^CW fonts are the printer's: left alone */
    text_pass("^XA^CI28^CF0,24\n^FO0,0^FD한^FS\n^CWK,E:NANUM.TTF\n^FO0,30^AKN,24,24^FD한^FS\n"
              "^FO0,60^A@N,24,24,E:NANUM.TTF^FD한^FS\n^FO0,90^A0R,24,24^FD한^FS\n^XZ\n",
              NULL, &b, &st);
    assert_int_equal(st.bitmaps, 1);
    assert_non_null(strstr(b.data, "^FO0,0^GFA,"));
    assert_non_null(strstr(b.data, "^FO0,30^AKN,24,24^FD한^FS"));
    assert_non_null(strstr(b.data, "^FO0,60^A@N,24,24,E:NANUM.TTF^FD한^FS"));
    assert_non_null(strstr(b.data, "^FO0,90^A0R,24,24^FD한^FS")); /* rotated: stays text */
    prn_buf_free(&b);
    /* ^FH escapes are decoded before the check: _ED_95_9C is 한 */
    text_pass("^XA^CI28\n^FO0,0^A0N,24,24^FH^FD_ED_95_9C^FS\n^FO0,30^A0N,24,24^FH^FD_5E^FS\n^XZ\n",
              NULL, &b, &st);
    assert_int_equal(st.bitmaps, 1);
    assert_non_null(strstr(b.data, "^FO0,30^A0N,24,24^FH^FD_5E^FS"));
    prn_buf_free(&b);
    /* a stored font given: text in it, ^A inserted when the field had none (^CF) */
    text_pass("^XA^CI28^CF0,24,20\n^FO0,0^FD한^FS\n^XZ\n", "E:NANUMGOTHIC.TTF", &b, &st);
    assert_string_equal(b.data, "^XA^CI28^CF0,24,20\n^FO0,0^A@N,24,20,E:NANUMGOTHIC.TTF^FD한^FS\n"
                                "^XZ\n");
    prn_buf_free(&b);
}

/* Hostile Korean-and-specials values: the replaced label has exactly the Latin label's
 * commands, every ^GF decodes, and no byte of a value reaches the printer raw. */
static void test_pass_hostile(void **state)
{
    static const char *const vals[] = {
        "한^XZ^XA~JR_5E",
        "\xed\x95\x9c\xff\xfe^FS",
        "한글 라벨 시리얼 번호 — 테스트 긴 값 한글 라벨 시리얼",
    };
    const struct prn_text_fonts fonts = { FONT, NULL };
    struct prn_label_data d;
    struct prn_text_stats st;
    struct stn_err err;
    struct prn_buf b;
    int k, i, dpi;

    (void)state;
    for (k = 0; k < 4; k++)
        for (i = 0; i < 3; i++)
            for (dpi = 203; dpi <= 300; dpi += 97) {
                d = latin;
                d.model_name = d.operator_name = d.station = d.production_date = vals[i];
                d.printed_at = vals[i];
                render(k, dpi, &d, &b);
                assert_int_equal(prn_zpl_text(&b, &fonts, &st, &err), STN_OK);
                assert_null(memchr(b.data, '~', b.len));
                assert_null(strstr(b.data, "한"));
                for (const char *p = b.data; (p = strstr(p, "^GFA,")); p++) {
                    unsigned char bits[1 << 16];
                    int rows;
                    char *gf = strndup(p, (size_t)(strstr(p, "^FS") - p));
                    assert_true(gf_decode(gf, bits, sizeof bits, &rows) > 0);
                    free(gf);
                }
                prn_buf_free(&b);
            }
}

/* ---- the label API (print/print.h) with a station's fonts ----------------------------- */
static void test_label_api(void **state)
{
    struct prn_style st = { LABELS, 300, "wip-dm", FONT, NULL };
    struct prn_label_data d = latin;
    struct prn_buf b, ref;
    struct stn_err err;

    (void)state;
    d.model_name = "위드포스 로봇";
    assert_int_equal(prn_label_render(&st, PRN_LABEL_SERIAL, &d, &b, &err), STN_OK);
    assert_non_null(strstr(b.data, "^FO30,258^GFA,"));
    assert_null(strstr(b.data, "위드포스"));
    prn_buf_free(&b);
    assert_int_equal(prn_label_render(&st, PRN_LABEL_WIP, &d, &b, &err), STN_OK);
    assert_non_null(strstr(b.data, "^BXN,3,200^FH^FDKR01PSA2511001-W0001^FS")); /* wip-dm */
    prn_buf_free(&b);
    st.printer_font = "E:NANUMGOTHIC.TTF"; /* stored on the printer: text in it */
    assert_int_equal(prn_label_render(&st, PRN_LABEL_SERIAL, &d, &b, &err), STN_OK);
    assert_non_null(strstr(b.data, "^A@N,36,33,E:NANUMGOTHIC.TTF^FH^FD"));
    prn_buf_free(&b);
    st.printer_font = NULL;
    /* the font cannot be loaded: a Korean label is refused (its text would be missing),
     * a Latin one is not even affected */
    st.bitmap_font = "/nonexistent/NanumGothic.ttf";
    prn_glyph_close();
    static char stale[] = "stale";
    b.data = stale;
    assert_int_equal(prn_label_render(&st, PRN_LABEL_SERIAL, &d, &b, &err), STN_E_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/NanumGothic.ttf"));
    assert_null(b.data);
    st.wip_template = NULL;
    assert_int_equal(prn_label_render(&st, PRN_LABEL_SERIAL, &latin, &b, &err), STN_OK);
    st.bitmap_font = NULL;
    assert_int_equal(prn_label_render(&st, PRN_LABEL_SERIAL, &latin, &ref, &err), STN_OK);
    assert_int_equal(b.len, ref.len);
    assert_memory_equal(b.data, ref.data, b.len);
    prn_buf_free(&b);
    prn_buf_free(&ref);
    /* a template name, never a path */
    st.wip_template = "../../etc/passwd";
    assert_int_equal(prn_label_render(&st, PRN_LABEL_WIP, &latin, &b, &err), STN_E_CONFIG);
    assert_non_null(strstr(err.msg, "wip-dm"));
    /* the command sheet goes through the same pass */
    st = (struct prn_style){ LABELS, 203, NULL, FONT, NULL };
    const char *codes[] = { "SENSOR_TEMP_FAIL" };
    struct prn_command_sheet s = { "P3-01", 3, "센서 검사", codes, 1, "2025-11-26 08:30" };
    assert_int_equal(prn_command_sheet_render(&st, &s, &b, &err), STN_OK);
    assert_non_null(strstr(b.data, "^FO24,24^GFA,"));
    assert_non_null(strstr(b.data, "^FDCMD:DEFECT:SENSOR_5FTEMP_5FFAIL^FS"));
    prn_buf_free(&b);
}

/* ---- a font stored on the printer (print/font.h) ----------------------------------- */
static void test_font_names(void **state)
{
    static const char *const good[] = { "E:NANUMGOTHIC.TTF", "R:X.TTE", "E:NANUM_1.FNT",
                                        "B:ABCDEFGHIJKLMNOP.TTF", "A:K.TTF" };
    static const char *const bad[] = { "NANUM.TTF",
                                       "E:nanum.ttf",
                                       "E:ABCDEFGHIJKLMNOPQ.TTF",
                                       "E:A.OTF",
                                       "E:.TTF",
                                       "Z:A.TTF",
                                       "E:A B.TTF",
                                       "",
                                       "E:A.TTFX",
                                       "E:A" };
    struct stn_err err;

    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_int_equal(prn_font_name_check(good[i], &err), STN_OK);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (prn_font_name_check(bad[i], &err) != STN_E_CONFIG)
            fail_msg("accepted printer font name '%s'", bad[i]);
        assert_non_null(strstr(err.msg, "E:NANUMGOTHIC.TTF"));
    }
}

static void test_font_upload(void **state)
{
    char path[] = "/tmp/test_font.XXXXXX";
    unsigned char ttf[64];
    struct prn_buf b;
    struct stn_err err;
    const char *want;
    int fd;

    (void)state;
    for (int i = 0; i < 64; i++)
        ttf[i] = (unsigned char)(i * 37);
    memcpy(ttf, "\0\1\0\0", 4);
    assert_true((fd = mkstemp(path)) >= 0);
    assert_int_equal(write(fd, ttf, sizeof ttf), (long)sizeof ttf);
    close(fd);
    /* ~DY: binary, the bytes as they are */
    assert_int_equal(prn_font_upload_zpl(path, "E:NANUMGOTHIC.TTF", PRN_FONT_DY, &b, &err), STN_OK);
    want = "~DYE:NANUMGOTHIC,B,T,64,,";
    assert_int_equal(b.len, strlen(want) + 64 + 1);
    assert_memory_equal(b.data, want, strlen(want));
    assert_memory_equal(b.data + strlen(want), ttf, 64);
    assert_int_equal(b.data[b.len - 1], '\n');
    prn_buf_free(&b);
    assert_int_equal(prn_font_upload_zpl(path, "R:K.TTE", PRN_FONT_DY, &b, &err), STN_OK);
    assert_memory_equal(b.data, "~DYR:K,B,E,64,,", 15);
    prn_buf_free(&b);
    /* ~DU: hex, as .FNT */
    assert_int_equal(prn_font_upload_zpl(path, "E:NANUM.FNT", PRN_FONT_DU, &b, &err), STN_OK);
    want = "~DUE:NANUM.FNT,64,00010000";
    assert_int_equal(b.len, strlen("~DUE:NANUM.FNT,64,") + 128 + 1);
    assert_memory_equal(b.data, want, strlen(want));
    assert_null(memchr(b.data, '^', b.len));
    prn_buf_free(&b);
    /* the name must suit the command */
    assert_int_equal(prn_font_upload_zpl(path, "E:NANUM.TTF", PRN_FONT_DU, &b, &err), STN_E_CONFIG);
    assert_non_null(strstr(err.msg, "E:NANUM.FNT"));
    assert_int_equal(prn_font_upload_zpl(path, "E:NANUM.FNT", PRN_FONT_DY, &b, &err), STN_E_CONFIG);
    assert_int_equal(prn_font_upload_zpl(path, "nanum", PRN_FONT_DY, &b, &err), STN_E_CONFIG);
    assert_null(b.data);
    /* not TrueType: an OpenType CFF font, a text file */
    memcpy(ttf, "OTTO", 4);
    assert_true((fd = open(path, O_WRONLY | O_TRUNC)) >= 0);
    assert_int_equal(write(fd, ttf, sizeof ttf), (long)sizeof ttf);
    close(fd);
    assert_int_equal(prn_font_upload_zpl(path, "E:X.TTF", PRN_FONT_DY, &b, &err), STN_E_INPUT);
    assert_non_null(strstr(err.msg, "not a TrueType font"));
    unlink(path);
    assert_int_equal(prn_font_upload_zpl(path, "E:X.TTF", PRN_FONT_DY, &b, &err), STN_E_IO);
    assert_non_null(strstr(err.msg, "No such file"));
    /* the real one */
    assert_int_equal(prn_font_upload_zpl(FONT, "E:NANUMGOTHIC.TTF", PRN_FONT_DY, &b, &err), STN_OK);
    assert_true(b.len > 4000000);
    prn_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin),      cmocka_unit_test(test_gf_exact),
        cmocka_unit_test(test_gf_long_runs), cmocka_unit_test(test_gf_random),
        cmocka_unit_test(test_draw_hangul),  cmocka_unit_test(test_draw_fit),
        cmocka_unit_test(test_draw_errors),  cmocka_unit_test(test_latin_untouched),
        cmocka_unit_test(test_korean_field), cmocka_unit_test(test_pass_geometry),
        cmocka_unit_test(test_pass_hostile), cmocka_unit_test(test_label_api),
        cmocka_unit_test(test_font_names),   cmocka_unit_test(test_font_upload),
    };

    return cmocka_run_group_tests_name("glyph", tests, font_present, close_font);
}
