/* tests/unit/test_jsonw.c — the JSON writer of the documents stored as JSONB. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/jsonw.h"

/* w, initialised, with its outer object open. */
static void begin(struct jsonw *w)
{
    jsonw_init(w);
    jsonw_open(w);
}

/* Closes w's outer object, expects its text to be want, and frees w. */
static void ends_as(struct jsonw *w, const char *want)
{
    jsonw_close(w);
    if (strcmp(jsonw_text(w), want))
        print_error("got  %s\nwant %s\n", jsonw_text(w), want);
    assert_string_equal(jsonw_text(w), want);
    jsonw_fini(w);
}

/* The text of one object {"k": value}. */
static void one_str(const char *value, const char *want)
{
    struct jsonw w;
    begin(&w);
    jsonw_str(&w, "k", value);
    ends_as(&w, want);
}

static void one_num(double value, const char *want)
{
    struct jsonw w;
    begin(&w);
    jsonw_num(&w, "n", value);
    ends_as(&w, want);
}

static void test_empty(void **state)
{
    struct jsonw w;
    (void)state;
    jsonw_init(&w);
    assert_string_equal(jsonw_text(&w), "");
    assert_int_equal(w.len, 0);
    jsonw_open(&w);
    jsonw_close(&w);
    assert_string_equal(jsonw_text(&w), "{}");
    jsonw_fini(&w);
    assert_null(w.buf);
    assert_string_equal(jsonw_text(&w), ""); /* after fini */
    jsonw_fini(&w);                          /* twice is harmless */
}

static void test_members(void **state)
{
    struct jsonw w;
    (void)state;
    begin(&w);
    jsonw_str(&w, "result", "PASS");
    jsonw_num(&w, "temperature", 60.5);
    jsonw_bool(&w, "barcode_verified", 1);
    jsonw_bool(&w, "rework", 0);
    jsonw_str(&w, "notes", NULL);
    jsonw_close(&w);
    assert_string_equal(jsonw_text(&w), "{\"result\":\"PASS\",\"temperature\":60.5,"
                                        "\"barcode_verified\":true,\"rework\":false,"
                                        "\"notes\":\"\"}");
    assert_int_equal(w.len, strlen(jsonw_text(&w)));
    jsonw_fini(&w);
}

static void test_escape_quotes_backslashes(void **state)
{
    (void)state;
    one_str("say \"hi\"", "{\"k\":\"say \\\"hi\\\"\"}");
    one_str("C:\\labels\\wip.zpl", "{\"k\":\"C:\\\\labels\\\\wip.zpl\"}");
    one_str("\\\"", "{\"k\":\"\\\\\\\"\"}");
    one_str("\"", "{\"k\":\"\\\"\"}");
    one_str("/", "{\"k\":\"/\"}");
    one_str("", "{\"k\":\"\"}");
    one_str("^FS~JA", "{\"k\":\"^FS~JA\"}");
}

static void test_escape_controls(void **state)
{
    (void)state;
    for (int c = 1; c < 0x20; c++) {
        char in[4] = { 'a', (char)c, 'b', '\0' };
        char want[32];
        snprintf(want, sizeof want, "{\"k\":\"a\\u%04xb\"}", c);
        one_str(in, want);
    }
    one_str("\x7f", "{\"k\":\"\\u007f\"}");
    one_str("line1\nline2\r\n", "{\"k\":\"line1\\u000aline2\\u000d\\u000a\"}");
    one_str("\x1b[2J", "{\"k\":\"\\u001b[2J\"}");
    one_str("tab\there", "{\"k\":\"tab\\u0009here\"}");
}

static void test_keys_escaped(void **state)
{
    struct jsonw w;
    (void)state;
    begin(&w);
    jsonw_str(&w, "a\"b", "v");
    jsonw_num(&w, "온도", 60);
    jsonw_bool(&w, "x\n", 1);
    ends_as(&w, "{\"a\\\"b\":\"v\",\"온도\":60,\"x\\u000a\":true}");
}

static void test_hangul_passthrough(void **state)
{
    (void)state;
    one_str("온도 측정 불량", "{\"k\":\"온도 측정 불량\"}");
    one_str("센서-001 \"정상\"", "{\"k\":\"센서-001 \\\"정상\\\"\"}");
    one_str("\xf0\x9f\x98\x80", "{\"k\":\"\xf0\x9f\x98\x80\"}"); /* 4-byte UTF-8 */
    one_str("é°", "{\"k\":\"é°\"}");
}

/* PostgreSQL refuses a document that is not UTF-8: bytes that are no valid UTF-8
 * become U+FFFD; C1 controls are escaped like the others. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    one_str("a\xff"
            "b",
            "{\"k\":\"a\\ufffdb\"}");
    one_str("\xed\x95", "{\"k\":\"\\ufffd\\ufffd\"}");            /* cut 한 */
    one_str("\xed\xa0\x80", "{\"k\":\"\\ufffd\\ufffd\\ufffd\"}"); /* surrogate */
    one_str("\xc0\xaf", "{\"k\":\"\\ufffd\\ufffd\"}");            /* overlong */
    one_str("\xc2\x9b"
            "2J",
            "{\"k\":\"\\u009b2J\"}"); /* C1 CSI */
    one_str("한\xff글", "{\"k\":\"한\\ufffd글\"}");
}

static void test_nested(void **state)
{
    struct jsonw w;
    (void)state;
    begin(&w);
    jsonw_str(&w, "result", "FAIL");
    jsonw_key(&w, "measurements");
    jsonw_open(&w);
    jsonw_num(&w, "temperature", 63.5);
    jsonw_str(&w, "tof", "PASS");
    jsonw_close(&w);
    jsonw_key(&w, "empty");
    jsonw_open(&w);
    jsonw_close(&w);
    jsonw_key(&w, "deep");
    jsonw_open(&w);
    jsonw_key(&w, "a");
    jsonw_open(&w);
    jsonw_key(&w, "b");
    jsonw_open(&w);
    jsonw_bool(&w, "c", 1);
    jsonw_close(&w);
    jsonw_num(&w, "after_b", 2);
    jsonw_close(&w);
    jsonw_close(&w);
    jsonw_str(&w, "defect", "SENSOR_TEMP_FAIL");
    ends_as(&w, "{\"result\":\"FAIL\",\"measurements\":{\"temperature\":63.5,"
                "\"tof\":\"PASS\"},\"empty\":{},\"deep\":{\"a\":{\"b\":{\"c\":true},"
                "\"after_b\":2}},\"defect\":\"SENSOR_TEMP_FAIL\"}");
}

static void test_numbers(void **state)
{
    (void)state;
    one_num(0, "{\"n\":0}");
    one_num(-1, "{\"n\":-1}");
    one_num(3, "{\"n\":3}");
    one_num(59.5, "{\"n\":59.5}");
    one_num(0.1, "{\"n\":0.1}");
    one_num(-273.15, "{\"n\":-273.15}");
    one_num(1e-7, "{\"n\":1e-07}");
    one_num(2.5e20, "{\"n\":2.5e+20}");
    /* what core_parse_number accepts (15 characters) comes back unchanged */
    one_num(123456789012345.0, "{\"n\":123456789012345}");
    one_num(12345.678901234, "{\"n\":12345.678901234}");
    one_num(0.000000000001, "{\"n\":1e-12}");
    one_num(60.123456789, "{\"n\":60.123456789}");
    /* JSON has no NaN or infinity */
    one_num(NAN, "{\"n\":null}");
    one_num(INFINITY, "{\"n\":null}");
    one_num(-INFINITY, "{\"n\":null}");
}

static void test_growth(void **state)
{
    struct jsonw w;
    char key[32], want[64];
    size_t len;
    (void)state;
    begin(&w);
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        jsonw_str(&w, key, "값\"\\");
    }
    jsonw_close(&w);
    len = strlen(jsonw_text(&w));
    assert_int_equal(len, w.len);
    assert_true(w.cap > w.len);
    assert_true(strncmp(jsonw_text(&w), "{\"k0\":\"값\\\"\\\\\",\"k1\":", 20) == 0);
    snprintf(want, sizeof want, ",\"k4999\":\"값\\\"\\\\\"}");
    assert_string_equal(jsonw_text(&w) + len - strlen(want), want);
    jsonw_fini(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_escape_quotes_backslashes),
        cmocka_unit_test(test_escape_controls),
        cmocka_unit_test(test_keys_escaped),
        cmocka_unit_test(test_hangul_passthrough),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
