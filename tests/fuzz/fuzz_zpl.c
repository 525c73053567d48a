/* tests/fuzz/fuzz_zpl.c — ZPL label templates: the template parser
 * (prn_tpl_parse) on hostile template text, the renderers (prn_zpl_render,
 * prn_zpl_render_sheet) on whatever it accepts, with hostile field data, and the pass
 * that draws the text the printer's font cannot show (prn_zpl_text) on what they render.
 * Input: byte 0 picks the template kind (label or command sheet), the dpi and the set
 * of values; the rest is the template. Properties: a refusal has a message naming the
 * template; nothing a value contains becomes a ZPL command (^INJ / ~INJ in the values
 * never reach the output unless the template itself has them); the value cleaner and
 * the ^FH escaper keep their contracts on the raw input. */
#include <stdlib.h>
#include <string.h>

#include "print/glyph.h"
#include "print/print.h"
#include "print/zpl.h"
#include "tests/fuzz/fuzz.h"

#define NAME "fuzz.zpl"

static const char *const hostile[] = {
    "^XA^INJ^FS~INJ^XZ",
    "\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4 ^INJ",
    "\xff\xfe~INJ\xc3",
    "_5EINJ _7EINJ {{serial}}",
    "\x01\x1b[2J^INJ\r\n~INJ\t",
    "^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ^INJ",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

/* Whether hay (n bytes) contains the NUL-terminated needle. */
static int has(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (!memcmp(hay + i, needle, k))
            return 1;
    return 0;
}

static void check_output(const struct prn_buf *out, const char *tpl, size_t tlen)
{
    FUZZ_CHECK(out->data != NULL || out->len == 0);
    FUZZ_CHECK(!has(out->data, out->len, "^INJ") || has(tpl, tlen, "^INJ"));
    FUZZ_CHECK(!has(out->data, out->len, "~INJ") || has(tpl, tlen, "~INJ"));
}

static void render(const struct prn_tpl *t, int dpi, unsigned variant, const char *tpl, size_t tlen)
{
    const char *vals[PRN_VAR_COUNT];
    const char *defects[3];
    struct prn_buf out = { NULL, 0 };
    struct stn_err err = { STN_OK, "", "" };
    enum stn_code rc;

    for (int i = 0; i < PRN_VAR_COUNT; i++)
        vals[i] = variant & 1 ? NULL : hostile[(variant + (unsigned)i) % N_HOSTILE];
    for (int i = 0; i < 3; i++)
        defects[i] = hostile[(variant + (unsigned)i) % N_HOSTILE];
    if (t->kind == PRN_TPL_LABEL) {
        rc = prn_zpl_render(t, dpi, vals, &out, &err);
    } else {
        struct prn_command_sheet s = { hostile[variant % N_HOSTILE], 8,   hostile[1], defects,
                                       (int)(variant % 4),           NULL };
        rc = prn_zpl_render_sheet(t, dpi, &s, hostile[4], &out, &err);
    }
    if (rc == STN_OK) {
        /* the station's pass over the label: bitmaps, or the printer's stored font */
        const struct prn_text_fonts fonts = { "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
                                              variant & 2 ? "E:NANUMGOTHIC.TTF" : NULL };
        check_output(&out, tpl, tlen);
        rc = prn_zpl_text(&out, &fonts, NULL, &err);
        FUZZ_CHECK(rc == STN_OK || (err.code == rc && err.msg[0]));
        if (rc == STN_OK)
            check_output(&out, tpl, tlen);
    } else
        FUZZ_CHECK(err.code == rc && memchr(err.msg, '\0', sizeof err.msg) && err.msg[0]);
    prn_buf_free(&out);
}

/* The contracts of the cleaner and the escaper, on the raw input. */
static void check_text(const char *s)
{
    char clean[PRN_VALUE_MAX + 1], esc[3 * PRN_VALUE_MAX + 1];
    size_t n = prn_zpl_clean(s, clean), e;

    FUZZ_CHECK(n <= PRN_VALUE_MAX && strlen(clean) == n);
    for (size_t i = 0, k; i < n; i += k)
        FUZZ_CHECK((k = (size_t)prn_utf8_seq(clean + i, n - i)) > 0);
    e = prn_zpl_escape(clean, n, esc);
    FUZZ_CHECK(e <= 3 * n && strlen(esc) == e);
    for (size_t i = 0; i < e; i++) {
        unsigned char c = (unsigned char)esc[i];
        FUZZ_CHECK(c >= 0x20 && c != 0x7f && c != '^' && c != '~');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct prn_tpl *t = NULL;
    struct stn_err err = { STN_OK, "", "" };
    char *text, *str;
    enum prn_tpl_kind kind;
    int dpi;

    if (size < 1)
        return 0;
    kind = data[0] & 1 ? PRN_TPL_SHEET : PRN_TPL_LABEL;
    dpi = data[0] & 2 ? 300 : 203;
    text = malloc(size - 1 ? size - 1 : 1); /* exactly the template: no NUL after it */
    str = malloc(size);
    if (!text || !str)
        goto out;
    memcpy(text, data + 1, size - 1);
    memcpy(str, data + 1, size - 1);
    str[size - 1] = '\0';
    check_text(str);
    if (prn_tpl_parse(NAME, text, size - 1, kind, &t, &err) == STN_OK) {
        FUZZ_CHECK(t != NULL && t->kind == kind);
        render(t, dpi, (unsigned)data[0] >> 2, text, size - 1);
        prn_tpl_free(t);
    } else {
        FUZZ_CHECK(t == NULL && !strncmp(err.msg, NAME, strlen(NAME)));
    }
out:
    free(text);
    free(str);
    return 0;
}
