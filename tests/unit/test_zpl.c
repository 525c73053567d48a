/* tests/unit/test_zpl.c — ZPL templates and rendering: golden files, hostile
 * field data, template errors with file:line, dpi scaling, the command sheet.
 * Runs from the repository root (etc/labels, tests/fixtures). To regenerate the golden
 * files after a deliberate template change: PRN_UPDATE_GOLDEN=1 <this binary>, then
 * review the diff of tests/fixtures/. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print/print.h"
#include "print/zpl.h"
#include "tests/unit/label_fixture.h"

#define LABELS "etc/labels"
#define FIXTURES "tests/fixtures"

static const struct prn_label_data fixed = {
    LABEL_FIXTURE_UNIT,
    "OP-0001",
    "Kim Minsu",
    "OPERATOR",
};
static const char *const sheet_defects[] = { "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL" };
static const char *const kinds[] = { "wip", "serial", "lot", "test", "badge" };

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 20);

    assert_non_null(buf);
    *len = 0;
    if (!f) {
        free(buf);
        return NULL;
    }
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Compares a rendering with tests/fixtures/<name>.zpl, byte for byte. */
static void golden(const char *name, const struct prn_buf *b)
{
    char path[256];
    size_t len;
    char *want;
    FILE *f;

    snprintf(path, sizeof path, FIXTURES "/%s.zpl", name);
    if (getenv("PRN_UPDATE_GOLDEN")) {
        assert_non_null(f = fopen(path, "wb"));
        assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
        fclose(f);
    }
    want = slurp(path, &len);
    if (!want)
        fail_msg("missing golden file %s", path);
    if (len != b->len || memcmp(want, b->data, len))
        fail_msg("%s: rendering differs from the golden file (%zu vs %zu bytes):\n%.*s", path,
                 b->len, len, (int)b->len, b->data);
    free(want);
}

/* The renderer alone (text the printer cannot show stays text: test_glyph checks it). */
static const struct prn_style *style(const char *dir, int dpi)
{
    static struct prn_style st;

    st = (struct prn_style){ dir, dpi, NULL, NULL, NULL };
    return &st;
}

/* As a station draws them: with its font for text the printer cannot show (Latin text
 * stays text, byte for byte). */
static const struct prn_style *station_style(int dpi, const char *wip_template)
{
    static struct prn_style st;

    st = (struct prn_style){ LABELS, dpi, wip_template,
                             "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", NULL };
    return &st;
}

static void render_label(int kind, int dpi, const struct prn_label_data *d, struct prn_buf *b)
{
    struct stn_err err = { STN_OK, "", "" };

    if (prn_label_render(style(LABELS, dpi), (enum prn_label_kind)kind, d, b, &err) != STN_OK)
        fail_msg("%s at %d dpi: %s", kinds[kind], dpi, err.msg);
}

static void render_sheet(int dpi, const char *const *defects, int n, struct prn_buf *b)
{
    struct prn_command_sheet s = {
        "P3-01", 3, "Sensor inspection", defects, n, "2025-11-26 08:30"
    };
    struct stn_err err = { STN_OK, "", "" };

    if (prn_command_sheet_render(style(LABELS, dpi), &s, b, &err) != STN_OK)
        fail_msg("commands at %d dpi: %s", dpi, err.msg);
}

/* ---- golden files ----------------------------------------------------------------- */
static void test_golden_labels(void **state)
{
    static const int dpis[] = { 203, 300 };
    struct prn_buf b;
    char name[64];
    int k, i;

    (void)state;
    struct stn_err err;

    for (k = 0; k < 6; k++) /* the last: wip-dm.zpl, the WIP label with a Data Matrix */
        for (i = 0; i < 2; i++) {
            if (prn_label_render(station_style(dpis[i], k == 5 ? "wip-dm" : NULL),
                                 (enum prn_label_kind)(k == 5 ? PRN_LABEL_WIP : k), &fixed, &b,
                                 &err) != STN_OK)
                fail_msg("%s at %d dpi: %s", k == 5 ? "wip-dm" : kinds[k], dpis[i], err.msg);
            snprintf(name, sizeof name, "%s-%d", k == 5 ? "wip-dm" : kinds[k], dpis[i]);
            golden(name, &b);
            prn_buf_free(&b);
        }
}

static void test_golden_commands(void **state)
{
    struct prn_buf b;

    (void)state;
    render_sheet(203, sheet_defects, 2, &b);
    golden("commands-203", &b);
    prn_buf_free(&b);
    render_sheet(300, sheet_defects, 2, &b);
    golden("commands-300", &b);
    prn_buf_free(&b);
}

/* ---- hostile data ------------------------------------------------------------------- */
/* The command names of a rendering, in order ("^XA^CI^PW..."), the way a printer reads
 * them: a command starts at every ^ or ~, field data included. */
static char *command_list(const struct prn_buf *b)
{
    char *list = calloc(1, 3 * b->len + 1);
    size_t i, n = 0;

    assert_non_null(list);
    for (i = 0; i < b->len; i++)
        if (b->data[i] == '^' || b->data[i] == '~') {
            assert_true(i + 2 < b->len);
            memcpy(list + n, b->data + i, 3);
            n += 3;
        }
    return list;
}

/* Every field's data is clean: no control bytes, valid UTF-8, ends at ^FS. */
static void check_fields(const struct prn_buf *b)
{
    const char *p = b->data, *e = b->data + b->len, *fd;
    int k;

    while ((fd = strstr(p, "^FD")) && fd < e) {
        for (p = fd + 3; p < e && *p != '^' && *p != '~'; p += k) {
            assert_false((unsigned char)*p < 0x20 || *p == 0x7F);
            k = prn_utf8_seq(p, (size_t)(e - p));
            assert_true(k > 0);
        }
        assert_true(p + 3 <= e && !memcmp(p, "^FS", 3));
        assert_true(p - fd - 3 <= 3 * PRN_VALUE_MAX * 4 + 64);
    }
}

static const char *hostile_values(int i, char *big)
{
    static const char *const v[] = {
        "^XZ^XA^FO0,0^A0N,50,50^FDpwned^FS^XZ",
        "~JR~JA~SD30",
        "line1\nline2\r\n^FS^XZ\n",
        "한글 라벨 시리얼 번호 — 테스트",
        "\xff\xfe\xc3(\xe2\x82 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80",
        "{{serial}} {{wip_id}} _5E_7E _5F",
        "\x01\x02\x1b[31m\x7f\t",
        "",
    };
    size_t j;

    if (i < (int)(sizeof v / sizeof v[0]))
        return v[i];
    if (i == (int)(sizeof v / sizeof v[0])) { /* 500 characters of specials */
        for (j = 0; j < 500; j++)
            big[j] = "^~_\n한"[j % 5];
        big[500] = '\0';
        return big;
    }
    return NULL;
}

/* Field f of d (0..N_FIELDS-1) set to v; f = -1 sets all of them. */
#define N_FIELDS 12
static void set_field(struct prn_label_data *d, int f, const char *v)
{
    const char **fields[N_FIELDS] = { &d->serial,     &d->wip_id,     &d->lot,
                                      &d->model_code, &d->model_name, &d->production_date,
                                      &d->printed_at, &d->station,    &d->operator_name,
                                      &d->badge,      &d->name,       &d->role };
    int i;

    for (i = 0; i < N_FIELDS; i++)
        if (f < 0 || f == i)
            *fields[i] = v;
}

static void hostile_kind(int kind, int dpi)
{
    struct prn_buf base, b;
    char big[520], *want, *got;
    struct prn_label_data d;
    const char *v;
    int i, f;

    render_label(kind, dpi, &fixed, &base);
    want = command_list(&base);
    for (i = 0; (v = hostile_values(i, big)); i++)
        for (f = -1; f < N_FIELDS; f++) {
            d = fixed;
            set_field(&d, f, v);
            render_label(kind, dpi, &d, &b);
            got = command_list(&b);
            if (strcmp(got, want))
                fail_msg("%s@%d field %d value %d added commands:\n%s", kinds[kind], dpi, f, i,
                         b.data);
            assert_null(memchr(b.data, '~', b.len));
            check_fields(&b);
            free(got);
            prn_buf_free(&b);
        }
    free(want);
    prn_buf_free(&base);
}

static void test_hostile_data(void **state)
{
    int k;

    (void)state;
    for (k = 0; k < 5; k++) {
        hostile_kind(k, 203);
        hostile_kind(k, 300);
    }
}

static void test_hostile_defect_codes(void **state)
{
    static const char *const bad[] = { "A^XZ^XA", "~JR", "X\nY", "불량_코드", "\xff\xfe" };
    struct prn_buf base, b;
    char *want, *got, *p;
    int i;

    (void)state;
    render_sheet(203, sheet_defects, 2, &base);
    want = command_list(&base);
    for (i = 0; i < 5; i++) {
        const char *codes[2] = { bad[i], bad[(i + 1) % 5] };
        render_sheet(203, codes, 2, &b);
        got = command_list(&b);
        assert_string_equal(got, want);
        check_fields(&b);
        free(got);
        prn_buf_free(&b);
    }
    render_sheet(203, bad, 1, &b);
    assert_non_null(p = strstr(b.data, "^FDCMD:DEFECT:A_5EXZ_5EXA^FS"));
    free(want);
    prn_buf_free(&b);
    prn_buf_free(&base);
}

/* Renders "{{serial}}" alone and returns the field data, hex escapes decoded. */
static size_t field_roundtrip(const char *value, char *out)
{
    static const char tpl[] = "^XA\n^CI28\n^FO0,0^FH^FD{{serial}}^FS\n^XZ\n";
    const char *vals[PRN_VAR_COUNT] = { NULL };
    struct prn_tpl *t;
    struct prn_buf b;
    struct stn_err err;
    const char *p, *e;
    size_t n = 0;
    unsigned x;

    assert_int_equal(prn_tpl_parse("t.zpl", tpl, strlen(tpl), PRN_TPL_LABEL, &t, &err), STN_OK);
    vals[PRN_VAR_SERIAL] = value;
    assert_int_equal(prn_zpl_render(t, 203, vals, &b, &err), STN_OK);
    p = strstr(b.data, "^FD") + 3;
    e = strstr(p, "^FS");
    assert_non_null(e);
    for (; p < e; p++) {
        if (*p == '_') {
            assert_int_equal(sscanf(p + 1, "%2x", &x), 1);
            out[n++] = (char)x;
            p += 2;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    prn_buf_free(&b);
    prn_tpl_free(t);
    return n;
}

static void test_field_data_roundtrip(void **state)
{
    char out[4 * PRN_VALUE_MAX], big[520], clean[PRN_VALUE_MAX + 1];
    const char *v;
    int i;

    (void)state;
    for (i = 0; (v = hostile_values(i, big)); i++) {
        size_t n = field_roundtrip(v, out);
        size_t c = prn_zpl_clean(v, clean);
        assert_int_equal(n, c);
        assert_memory_equal(out, clean, n); /* exactly the cleaned value reaches the printer */
        assert_true(n <= PRN_VALUE_MAX);
    }
    assert_int_equal(field_roundtrip("a^b~c_d\n", out), 8);
    assert_string_equal(out, "a^b~c_d\n");
}

/* ---- cleaning and escaping ------------------------------------------------------------ */
static void test_clean(void **state)
{
    char d[PRN_VALUE_MAX + 1], in[200];
    int i;

    (void)state;
    assert_int_equal(prn_zpl_clean(NULL, d), 0);
    assert_string_equal(d, "");
    assert_int_equal(prn_zpl_clean("abc", d), 3);
    memset(in, 'x', 70);
    in[70] = '\0';
    assert_int_equal(prn_zpl_clean(in, d), 64);
    for (i = 0; i < 30; i++)
        memcpy(in + 3 * i, "한", 3);
    in[90] = '\0';
    assert_int_equal(prn_zpl_clean(in, d), 63); /* 21 characters, none cut in half */
    assert_int_equal(memcmp(d, in, 63), 0);
    prn_zpl_clean("\xff", d);
    assert_string_equal(d, "?");
    prn_zpl_clean("\xc0\xaf|\xed\xa0\x80|\xe2\x82|\xf4\x90\x80\x80", d);
    assert_string_equal(d, "??|???|??|????");
    prn_zpl_clean("😀é", d);
    assert_string_equal(d, "😀é");
}

static void test_escape(void **state)
{
    char d[64];

    (void)state;
    assert_int_equal(prn_zpl_escape("a^b~c_d\n\x7f\x01", 10, d), 22);
    assert_string_equal(d, "a_5Eb_7Ec_5Fd_0A_7F_01");
    assert_int_equal(prn_zpl_escape("한 {}", 6, d), 6);
}

/* ---- scaling ----------------------------------------------------------------------- */
static void test_scale(void **state)
{
    (void)state;
    assert_int_equal(prn_zpl_scale(320, 300), 480);
    assert_int_equal(prn_zpl_scale(21, 300), 32);
    assert_int_equal(prn_zpl_scale(1, 300), 2);
    assert_int_equal(prn_zpl_scale(-10, 300), -15);
    assert_int_equal(prn_zpl_scale(77, 203), 77);
    assert_int_equal(prn_zpl_scale_module(1, 300), 1);
    assert_int_equal(prn_zpl_scale_module(2, 300), 3);
    assert_int_equal(prn_zpl_scale_module(3, 300), 4);
    assert_int_equal(prn_zpl_scale_module(4, 300), 6);
    assert_int_equal(prn_zpl_scale_module(10, 300), 10);
    assert_int_equal(prn_zpl_scale_module(0, 203), 1);
}

static void render_text(const char *tpl, int dpi, char *out, size_t n)
{
    const char *vals[PRN_VAR_COUNT] = { NULL };
    struct stn_err err;
    struct prn_tpl *t;
    struct prn_buf b;

    if (prn_tpl_parse("s.zpl", tpl, strlen(tpl), PRN_TPL_LABEL, &t, &err) != STN_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(prn_zpl_render(t, dpi, vals, &b, &err), STN_OK);
    snprintf(out, n, "%.*s", (int)b.len, b.data);
    prn_buf_free(&b);
    prn_tpl_free(t);
}

static void test_scaled_template(void **state)
{
    static const char tpl[] = "# comment\n^XA\n  ^PW320^LL160 \n"
                              "^FO10,21^BY1,3.0,50^BCN,70,N,N,N,A^FDX^FS\n"
                              "^FO0,0^GB100,50,1^FS^FO5,5^BQN,2,3^FDQA,X^FS\n~TA-8\n^XZ";
    char out[512];

    (void)state;
    render_text(tpl, 300, out, sizeof out);
    assert_string_equal(out, "^XA\n^PW480^LL240\n^FO15,32^BY1,3.0,75^BCN,105,N,N,N,A^FDX^FS\n"
                             "^FO0,0^GB150,75,2^FS^FO8,8^BQN,2,4^FDQA,X^FS\n~TA-12\n^XZ");
    render_text(tpl, 203, out, sizeof out);
    assert_string_equal(out, "^XA\n^PW320^LL160\n^FO10,21^BY1,3.0,50^BCN,70,N,N,N,A^FDX^FS\n"
                             "^FO0,0^GB100,50,1^FS^FO5,5^BQN,2,3^FDQA,X^FS\n~TA-8\n^XZ");
}

/* A font stored on the printer (Hangul): ^CW names it, ^A@ uses it by file; heights scale. */
static void test_stored_font_template(void **state)
{
    static const char tpl[] = "^XA\n^CI28\n^CWK,E:NANUMGOTHIC.TTF\n"
                              "^FO10,10^A@N,30,28,E:NANUMGOTHIC.TTF^FDx^FS\n"
                              "^FO10,50^AKN,24,22^FDy^FS\n^XZ\n";
    char out[512];

    (void)state;
    render_text(tpl, 300, out, sizeof out);
    assert_string_equal(out, "^XA\n^CI28\n^CWK,E:NANUMGOTHIC.TTF\n"
                             "^FO15,15^A@N,45,42,E:NANUMGOTHIC.TTF^FDx^FS\n"
                             "^FO15,75^AKN,36,33^FDy^FS\n^XZ\n");
    render_text(tpl, 203, out, sizeof out);
    assert_string_equal(out, tpl);
}

/* ---- template errors ------------------------------------------------------------------ */
static void bad_template(enum prn_tpl_kind kind, const char *text, const char *want)
{
    static struct prn_tpl dummy;
    struct stn_err err = { STN_OK, "", "" };
    struct prn_tpl *t = &dummy; /* must be reset to NULL */
    enum stn_code rc = prn_tpl_parse("bad.zpl", text, strlen(text), kind, &t, &err);

    if (rc == STN_OK)
        fail_msg("accepted: %s", text);
    assert_int_equal(rc, STN_E_CONFIG);
    assert_int_equal(err.code, STN_E_CONFIG);
    assert_null(t);
    if (strncmp(err.msg, want, strlen(want)))
        fail_msg("expected '%s...', got '%s'", want, err.msg);
}

static void test_template_errors(void **state)
{
    (void)state;
    bad_template(PRN_TPL_LABEL, "# c\n^XA\n^CI28\n^FO0,0^FH^FD{{serail}}^FS\n^XZ\n",
                 "bad.zpl:4: unknown placeholder {{serail}}");
    bad_template(PRN_TPL_LABEL, "^XA\n^CI28\n^FO0,0^FDx^FS\n", "bad.zpl:1: ^XA not closed by ^XZ");
    bad_template(PRN_TPL_LABEL, "\n^XZ\n", "bad.zpl:2: ^XZ without ^XA");
    bad_template(PRN_TPL_LABEL, "^XA\n^XZ\n^XA\n^XZ\n", "bad.zpl:3: a template holds one label");
    bad_template(PRN_TPL_LABEL, "^XA\n^XA\n^XZ\n", "bad.zpl:2: ^XA inside the label");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^FDabc\n^FS\n^XZ\n", "bad.zpl:2: ^FD not closed");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^FDabc^FO1,1^FS\n^XZ\n", "bad.zpl:2: ^FD not closed");
    bad_template(PRN_TPL_LABEL, "^XA\n^CI28\n^FO0,0^FD{{serial}}^FS\n^XZ\n",
                 "bad.zpl:3: a field with placeholders needs ^FH");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^FH^FD{{serial}}^FS\n^XZ\n",
                 "bad.zpl:2: a field with placeholders needs ^CI28");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO{{lot}},0^FS\n^XZ\n", "bad.zpl:2: placeholders belong");
    bad_template(PRN_TPL_LABEL, "^XA\n^CI28^FO0,0^FH^FD{{lot}^FS\n^XZ\n",
                 "bad.zpl:2: placeholder not closed");
    bad_template(PRN_TPL_LABEL, "^XA\n^DFR:X.ZPL^FS\n^XZ\n",
                 "bad.zpl:2: unsupported ZPL command ^DF");
    bad_template(PRN_TPL_LABEL, "^XA\n~JR\n^XZ\n", "bad.zpl:2: unsupported ZPL command ~JR");
    bad_template(PRN_TPL_LABEL, "^XA\n^FOabc,10^FS\n^XZ\n", "bad.zpl:2: ^FO parameter 1 must");
    bad_template(PRN_TPL_LABEL, "^XA\nhello\n^XZ\n", "bad.zpl:2: text outside a ZPL command");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^FD\xff^FS\n^XZ\n", "bad.zpl:2: invalid UTF-8");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^FH^FDa_zz^FS\n^XZ\n", "bad.zpl:2: '_' in ^FH");
    bad_template(PRN_TPL_LABEL, "^XA\n^CI0\n^XZ\n", "bad.zpl:2: only ^CI28");
    bad_template(PRN_TPL_LABEL, "^XA\n^FO0,0^GB10,10,1\n^XZ\n", "bad.zpl:3: ^XZ inside the field");
    bad_template(PRN_TPL_LABEL, "^XA\n^XZ junk\n", "bad.zpl:2: ^XZ takes no parameters");
    bad_template(PRN_TPL_LABEL, "# nothing\n", "bad.zpl:1: no label");
    bad_template(PRN_TPL_LABEL, "^XA\n@items rows=2\n@end\n^XZ\n", "bad.zpl:2: @items belongs");
    bad_template(PRN_TPL_LABEL, "^XA\n^CI28\n^FO0,0^FH^FD{{code}}^FS\n^XZ\n",
                 "bad.zpl:3: {{code}} is not available");
}

static void test_sheet_template_errors(void **state)
{
    (void)state;
    bad_template(PRN_TPL_SHEET, "^XA\n^XZ\n", "bad.zpl:2: the command sheet needs an @items");
    bad_template(PRN_TPL_SHEET, "^XA\n@items rows=2\n^FO0,0^FS\n^XZ\n",
                 "bad.zpl:4: ^XZ inside the @items block");
    bad_template(PRN_TPL_SHEET,
                 "^XA\n^CI28\n^FO0,0^FH^FD{{code}}^FS\n@items\n^FO0,0^FS\n@end\n^XZ\n",
                 "bad.zpl:3: {{code}} is only available inside the @items block");
    bad_template(PRN_TPL_SHEET, "^XA\n^CI28\n@items\n^FO0,0^FH^FD{{serial}}^FS\n@end\n^XZ\n",
                 "bad.zpl:4: {{serial}} is not available");
    bad_template(PRN_TPL_SHEET, "^XA\n@items columns=0\n", "bad.zpl:2: @items: '0' is not");
    bad_template(PRN_TPL_SHEET, "^XA\n@items size=3\n", "bad.zpl:2: @items: unknown key 'size'");
    bad_template(PRN_TPL_SHEET, "^XA\n@repeat\n", "bad.zpl:2: unknown directive '@repeat'");
    bad_template(PRN_TPL_SHEET, "^XA\n@end\n^XZ\n", "bad.zpl:2: @end without @items");
    bad_template(PRN_TPL_SHEET, "^XA\n@items\n@end\n^XZ\n", "bad.zpl:3: empty @items block");
}

/* A broken file in a templates directory: file:line, and nothing rendered. */
static void test_template_file_errors(void **state)
{
    char dir[] = "/tmp/test_zpl.XXXXXX", path[128], want[160], stale[] = "x";
    struct stn_err err;
    struct prn_buf b = { stale, 1 };
    FILE *f;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/wip.zpl", dir);
    assert_non_null(f = fopen(path, "w"));
    fputs("# wip\n^XA\n^CI28\n^FO0,0^FH^FD{{wip_id}}^FS\n^FO0,40^FH^FD{{nope}}^FS\n^XZ\n", f);
    fclose(f);
    assert_int_equal(prn_label_render(style(dir, 203), PRN_LABEL_WIP, &fixed, &b, &err),
                     STN_E_CONFIG);
    snprintf(want, sizeof want, "%s:5: unknown placeholder {{nope}}", path);
    assert_string_equal(err.msg, want);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(prn_label_render(style(dir, 203), PRN_LABEL_SERIAL, &fixed, &b, &err),
                     STN_E_IO);
    assert_non_null(strstr(err.msg, "serial.zpl: cannot open label template"));
    assert_non_null(f = fopen(path, "w"));
    for (int i = 0; i < PRN_TPL_MAX / 8 + 1; i++)
        fputs("# 12345\n", f); /* 8 bytes */
    fclose(f);
    assert_int_equal(prn_label_render(style(dir, 203), PRN_LABEL_WIP, &fixed, &b, &err),
                     STN_E_CONFIG);
    assert_non_null(strstr(err.msg, "template larger than"));
    unlink(path);
    rmdir(dir);
}

/* ---- rendering details ------------------------------------------------------------------ */
static void test_render_details(void **state)
{
    struct prn_label_data d = { 0 };
    struct stn_err err;
    struct prn_buf b;
    const char *p;

    (void)state;
    render_label(PRN_LABEL_TEST, 203, &d, &b); /* NULL fields: empty; printed_at: now */
    assert_non_null(p = strstr(b.data, "^FH^FD  "));
    assert_true(p[8] == '2' && p[12] == '-' && p[15] == '-' && p[18] == ' ' && p[21] == ':');
    prn_buf_free(&b);
    assert_int_equal(prn_label_render(style(LABELS, 600), PRN_LABEL_WIP, &fixed, &b, &err),
                     STN_E_CONFIG);
    assert_string_equal(err.msg, "dpi must be 203 or 300, not 600");
    assert_int_equal(prn_label_render(style(LABELS, 203), (enum prn_label_kind)9, &fixed, &b, &err),
                     STN_E_USAGE);
}

static int count(const struct prn_buf *b, const char *s)
{
    const char *p = b->data;
    int n = 0;

    while ((p = strstr(p, s))) {
        n++;
        p++;
    }
    return n;
}

static void test_command_sheet(void **state)
{
    const char *many[300];
    char codes[300][16], want[64];
    struct stn_err err;
    struct prn_command_sheet s = { "P3-01", 3, "x", many, 16, "2025-11-26 08:30" };
    struct prn_buf b;
    int i;

    (void)state;
    assert_int_equal(prn_command_count(), 18);
    render_sheet(203, NULL, 0, &b);
    assert_int_equal(count(&b, "^XA"), 2); /* 18 commands, 11 per sheet */
    assert_int_equal(count(&b, "^BCN"), 18);
    assert_non_null(strstr(b.data, "^FDCMD:LOGOUT^FS"));
    assert_non_null(strstr(b.data, "^FDCMD:YES^FS"));
    assert_non_null(strstr(b.data, "^FDCMD:NEXT^FS"));
    assert_non_null(strstr(b.data, "^FDCMD:MENU^FS"));
    assert_non_null(strstr(b.data, "^FDCMD:RELEASE^FS"));
    prn_buf_free(&b);
    for (i = 0; i < 300; i++) {
        snprintf(codes[i], sizeof codes[i], "D%03d", i);
        many[i] = codes[i];
    }
    render_sheet(203, many, 16, &b);
    assert_int_equal(count(&b, "^XA"), 4); /* 34 items, 11 per sheet */
    assert_int_equal(count(&b, "^BCN"), 34);
    assert_non_null(strstr(b.data, "sheet 4/4"));
    for (i = 0; i < 16; i++) {
        snprintf(want, sizeof want, "^FDCMD:DEFECT:%.15s^FS", codes[i]);
        assert_non_null(strstr(b.data, want));
    }
    prn_buf_free(&b);
    s.n_defects = 300;
    assert_int_equal(prn_command_sheet_render(style(LABELS, 203), &s, &b, &err), STN_E_INPUT);
    assert_non_null(strstr(err.msg, "at most"));
    s.n_defects = 2;
    many[1] = "";
    assert_int_equal(prn_command_sheet_render(style(LABELS, 203), &s, &b, &err), STN_E_INPUT);
    assert_string_equal(err.msg, "command sheet: defect code 2 is empty");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_labels),
        cmocka_unit_test(test_golden_commands),
        cmocka_unit_test(test_hostile_data),
        cmocka_unit_test(test_hostile_defect_codes),
        cmocka_unit_test(test_field_data_roundtrip),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_scaled_template),
        cmocka_unit_test(test_stored_font_template),
        cmocka_unit_test(test_template_errors),
        cmocka_unit_test(test_sheet_template_errors),
        cmocka_unit_test(test_template_file_errors),
        cmocka_unit_test(test_render_details),
        cmocka_unit_test(test_command_sheet),
    };

    return cmocka_run_group_tests_name("zpl", tests, NULL, NULL);
}
