/* tests/unit/test_tui_layout.c — display-width helpers of tui/layout.c: Hangul takes
 * two columns, text is cut by columns and never inside a wide glyph. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

/* The unit under test is compiled in, under other names: the Makefile's unit-test link
 * line takes only $(TEST_EXTRA_<name>) besides the test object, and this stays correct
 * if it links the tui objects one day. */
#define tui_text_width test_tui_text_width
#define tui_fit_tail test_tui_fit_tail
#define tui_fit test_tui_fit
#define tui_wrap test_tui_wrap
#define tui_history test_tui_history
#define tui_bar test_tui_bar
#include "tui/layout.c"

static int utf8_setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
        return -1; /* cmocka reports the group set-up as failed: no UTF-8 locale */
    return 0;
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(tui_text_width(""), 0);
    assert_int_equal(tui_text_width("PASS"), 4);
    assert_int_equal(tui_text_width("센서 검사"), 9);
    assert_int_equal(tui_text_width("공정 3 (센서)"), 13);
    assert_int_equal(tui_text_width("\x01"
                                    "A"),
                     2);                             /* a control character shows as '?' */
    assert_int_equal(tui_text_width("\xff\xfe"), 2); /* so does an invalid byte */
}

/* tui_fit of text into cols (padded, ASCII-only as asked) gives want, and the columns it
 * says it used are want's width. */
static void fits(const char *text, int cols, int pad, int ascii, int want_cols, const char *want)
{
    char buf[64];
    assert_int_equal(tui_fit(buf, sizeof buf, text, cols, pad, ascii), want_cols);
    assert_string_equal(buf, want);
    assert_int_equal(tui_text_width(buf), want_cols);
}

static void test_fit_ascii_and_hangul(void **state)
{
    (void)state;
    fits("KR01PSA2511001", 7, 0, 0, 7, "KR01PSA");
    fits("센서 검사", 4, 0, 0, 4, "센서");
    /* 5 columns: the third glyph would straddle the edge, so it is left out */
    fits("센서검사", 5, 0, 0, 4, "센서");
    /* with padding the odd column becomes a space, the width is exact */
    fits("센서검사", 5, 1, 0, 5, "센서 ");
}

static void test_fit_pads_and_cleans(void **state)
{
    (void)state;
    fits("OK", 6, 1, 0, 6, "OK    ");
    fits("A\x1b[31mB", 10, 0, 0, 7, "A?[31mB"); /* ESC never reaches the terminal */
    fits("라벨 OK", 10, 0, 1, 5, "?? OK");      /* ASCII terminals get '?' per glyph */
}

static void test_fit_small_buffer(void **state)
{
    char buf[5];
    (void)state;
    /* never overflows: a 3-byte glyph that does not fit in the bytes left is dropped */
    tui_fit(buf, sizeof buf, "센서검사", 20, 1, 0);
    assert_string_equal(buf, "센 "); /* then pads with what fits */
    assert_int_equal(tui_fit(buf, 0, "x", 3, 1, 0), 0);
}

static void test_fit_tail(void **state)
{
    char buf[64];
    (void)state;
    assert_int_equal(tui_fit_tail(buf, sizeof buf, "KR01PSA2511001-W0001", 8, 0), 8);
    assert_string_equal(buf, "<1-W0001");
    assert_int_equal(tui_fit_tail(buf, sizeof buf, "short", 8, 0), 5);
    assert_string_equal(buf, "short");
    tui_fit_tail(buf, sizeof buf, "한글한글한글", 6, 0);
    assert_true(tui_text_width(buf) <= 6);
    assert_int_equal(buf[0], '<');
}

static void test_wrap(void **state)
{
    char lines[4][TUI_WRAP_LEN];
    int n;
    (void)state;
    n = tui_wrap("Process 2 (LMA assembly) is not PASSED", 20, lines, 4, 0);
    assert_int_equal(n, 3);
    assert_string_equal(lines[0], "Process 2 (LMA");
    assert_string_equal(lines[1], "assembly) is not");
    assert_string_equal(lines[2], "PASSED");
    n = tui_wrap("공정 2 (LMA 조립)이(가) 완료되지 않았습니다", 16, lines, 4, 0);
    for (int i = 0; i < n; i++)
        assert_true(tui_text_width(lines[i]) <= 16);
    assert_int_equal(tui_wrap("", 10, lines, 4, 0), 0);
    /* a word longer than the line is broken at glyph boundaries */
    n = tui_wrap("가나다라마바사", 5, lines, 4, 0);
    assert_int_equal(n, 4);
    assert_string_equal(lines[3], "사");
    assert_string_equal(lines[0], "가나");
    /* runs of spaces inside a line are kept (banner columns) */
    tui_wrap("PASS  W1  process 3", 40, lines, 2, 0);
    assert_string_equal(lines[0], "PASS  W1  process 3");
    /* at most max lines */
    assert_int_equal(tui_wrap("a b c d e f g h", 1, lines, 3, 0), 3);
}

static void test_history(void **state)
{
    struct core_routing r;
    struct core_unit u;
    char buf[128];
    (void)state;
    memset(&r, 0, sizeof r);
    memset(&u, 0, sizeof u);
    for (int i = 0; i < 4; i++) {
        r.p[i].number = i + 1;
        r.p[i].active = i != 3; /* process 4 inactive: not shown */
    }
    r.n = 4;
    u.att[0] = (struct core_attempt){ .process = 1, .result = CORE_RES_PASS };
    u.att[1] = (struct core_attempt){ .process = 2, .result = CORE_RES_FAIL };
    u.att[2] = (struct core_attempt){ .process = 2, .result = CORE_RES_OPEN };
    u.n_att = 3;
    tui_history(&r, &u, 1, buf, sizeof buf);
    assert_string_equal(buf, "1+ 2> 3.");
    tui_history(&r, &u, 0, buf, sizeof buf);
    assert_string_equal(buf, "1\u2713 2\u25b6 3\u00b7");
    u.n_att = 2;
    u.att[1].decision = CORE_DEC_SCRAP;
    tui_history(&r, &u, 1, buf, sizeof buf);
    assert_string_equal(buf, "1+ 2X 3.");
}

static void test_bar(void **state)
{
    char buf[64];
    (void)state;
    tui_bar(buf, sizeof buf, 10, 3, 10, 1);
    assert_string_equal(buf, "###.......");
    tui_bar(buf, sizeof buf, 4, 9, 4, 1); /* never more than full */
    assert_string_equal(buf, "####");
    tui_bar(buf, sizeof buf, 4, 1, 0, 1);
    assert_string_equal(buf, "....");
    tui_bar(buf, sizeof buf, 3, 3, 3, 0);
    assert_int_equal(tui_text_width(buf), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_fit_ascii_and_hangul),
        cmocka_unit_test(test_fit_pads_and_cleans),
        cmocka_unit_test(test_fit_small_buffer),
        cmocka_unit_test(test_fit_tail),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_bar),
    };
    return cmocka_run_group_tests(tests, utf8_setup, NULL);
}
