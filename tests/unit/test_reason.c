/* tests/unit/test_reason.c — refusals: the arguments core keeps (core/reason.h: cleaned,
 * cut at a character) and their words (tui/reasons.h: every code in English and, from
 * po/ko.po, in Korean, placeholders filled after translation). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/assert_text.h"

#include <stdio.h>
#include <string.h>

#include "core/reason.h"
#include "tui/reasons.h"

static int setup(void **state)
{
    (void)state;
    if (!words_init()) {
        print_error("no Korean: a UTF-8 locale and WIPSTATION_LOCALEDIR are needed\n");
        return -1;
    }
    return 0;
}

static void test_templates(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_OPEN_ELSEWHERE, 3, "KR01PSA2511001-W0001", "P3-02", "09:41");
    assert_int_equal(why.code, CORE_R_OPEN_ELSEWHERE);
    assert_int_equal(why.n, 3);
    assert_string_equal(say(&why, 0), "KR01PSA2511001-W0001 is in progress at process 3, station "
                                      "P3-02 since 09:41. Finish it there first.");
    assert_string_equal(say(&why, 1), "KR01PSA2511001-W0001은(는) 공정 3 스테이션 P3-02에서 "
                                      "09:41부터 작업 중입니다. 그곳에서 먼저 완료하세요.");
    /* {n} more than once, {b} in English and {c} in Korean */
    core_refuse(&why, CORE_R_PREV_NOT_PASSED, 2, "W1", "LMA assembly", "LMA 조립");
    assert_string_equal(say(&why, 0), "Process 2 (LMA assembly) is not PASSED for W1. "
                                      "Take it to process 2 first.");
    assert_string_equal(say(&why, 1), "W1: 공정 2 (LMA 조립)이(가) 완료(합격)되지 않았습니다. "
                                      "먼저 공정 2(으)로 보내세요.");
    /* {a}, {b} and {c} in one message */
    core_refuse(&why, CORE_R_REWORK_LIMIT, 0, "W7", "3", "3");
    assert_string_equal(say(&why, 0), "W7 was reworked 3 times (limit 3). Only SCRAP is possible.");
    /* a template without placeholders ignores the arguments */
    core_refuse(&why, CORE_R_NO_LOT, 9, "x", "y", "z");
    assert_string_equal(say(&why, 0), "Scan a LOT first.");
    assert_string_equal(say(&why, 1), "먼저 LOT을 스캔하세요.");
    /* a number core gives ({n}) is the limit it applies */
    core_refuse(&why, CORE_R_NOTES_INVALID, 500, NULL, NULL, NULL);
    assert_string_equal(say(&why, 0), "Notes must be plain text of at most 500 bytes.");
    assert_string_equal(say(&why, 1), "메모는 500바이트 이하의 일반 텍스트여야 합니다.");
    /* a result named by R_ALREADY_COMPLETED is a word of the screens, said in Korean */
    core_refuse(&why, CORE_R_ALREADY_COMPLETED, 3, "W1", "FAIL", NULL);
    assert_string_equal(say(&why, 0), "W1 was already completed at process 3 (FAIL). "
                                      "Nothing changed.");
    assert_string_equal(say(&why, 1), "W1은(는) 공정 3에서 이미 완공되었습니다 (불합격). "
                                      "변경 사항 없음.");
    core_refuse(&why, CORE_R_ALREADY_COMPLETED, 3, "W1", "PASS", NULL);
    assert_contains(say(&why, 1), "(합격)");
}

static void test_null_and_numbers(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_OPEN_ELSEWHERE, -1, NULL, NULL, NULL);
    assert_string_equal(why.a, "");
    assert_string_equal(why.b, "");
    assert_string_equal(why.c, "");
    assert_string_equal(say(&why, 0), " is in progress at process -1, station  since . Finish it "
                                      "there first.");
    core_refuse(&why, CORE_R_BAD_PIN, 2147483647, NULL, NULL, NULL);
    assert_contains(say(&why, 0), "(2147483647 of 5)");
    assert_contains(say(&why, 1), "(2147483647/5)");
    core_refuse(&why, CORE_R_FIELD_REQUIRED, 0, "english", "한국어", NULL);
    assert_string_equal(why.a, "english");
    assert_string_equal(why.b, "한국어");
    assert_string_equal(say(&why, 0), "english is required before PASS. Enter or scan it.");
    assert_string_equal(say(&why, 1), "합격 전에 한국어 값이 필요합니다. 입력하거나 스캔하세요.");
    core_refuse(NULL, CORE_R_OK, 0, NULL, NULL, NULL); /* allowed */
}

static void test_no_reexpansion(void **state)
{
    struct core_refusal why;
    (void)state;
    /* placeholders inside arguments are text */
    core_refuse(&why, CORE_R_UNKNOWN_ID, 7, "{n}{a}{", NULL, NULL);
    assert_string_equal(say(&why, 0), "{n}{a}{ is not known. Check the label and scan again.");
    core_refuse(&why, CORE_R_FIELD_INVALID, 7, "{b}", "{c}", "never");
    assert_string_equal(say(&why, 0), "{b}: 'never' is not a valid value. Enter it again.");
    assert_string_equal(say(&why, 1), "{c}: 'never'은(는) 올바른 값이 아닙니다. 다시 입력하세요.");
}

static void test_codes_and_names(void **state)
{
    struct core_refusal why;
    (void)state;
    /* a code out of range is a broken caller: R_INTERNAL, arguments kept */
    core_refuse(&why, (enum core_reason)9999, 0, "x", "y", NULL);
    assert_int_equal(why.code, CORE_R_INTERNAL);
    assert_string_equal(why.a, "x");
    assert_string_equal(why.b, "y");
    assert_string_equal(say(&why, 0), "NOT RECORDED: internal error. Call the administrator.");
    core_refuse(&why, CORE_REASON_COUNT, 0, "x", "y", NULL);
    assert_int_equal(why.code, CORE_R_INTERNAL);
    /* and a refusal whose code was never set says the same */
    why.code = (enum core_reason) - 1;
    assert_string_equal(say(&why, 1), "기록되지 않음: 내부 오류입니다. 관리자를 호출하세요.");
    assert_string_equal(core_reason_name(CORE_R_ON_HOLD), "R_ON_HOLD");
    assert_string_equal(core_reason_name(CORE_R_OK), "R_OK");
    assert_string_equal(core_reason_name(CORE_R_LOT_SEQUENCE_FULL), "R_LOT_SEQUENCE_FULL");
    assert_string_equal(core_reason_name(CORE_REASON_COUNT), "R_?");
    assert_string_equal(core_reason_name((enum core_reason)9999), "R_?");
    assert_null(tui_reason_template(CORE_REASON_COUNT));
}

/* Arguments come from scans, the database and typed values: what could move the
 * cursor or break the UTF-8 of a message becomes '?'. */
static void test_arguments_cleaned(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_UNKNOWN_ID, 0,
                "A\x1b[2J\x07"
                "B",
                NULL, NULL);
    assert_printable(&why);
    assert_string_equal(why.a, "A?[2J?B");
    assert_string_equal(say(&why, 0), "A?[2J?B is not known. Check the label and scan again.");
    core_refuse(&why, CORE_R_FIELD_INVALID, 0, "a\nb\tc\x7f",
                "x\xc2\x9b"
                "1m",
                "\xff\xfe");
    assert_string_equal(why.a, "a?b?c?");
    assert_string_equal(why.b, "x??1m");
    assert_string_equal(why.c, "??");
    assert_printable(&why);
    core_refuse(&why, CORE_R_FIELD_INVALID, 0, NULL, "한\xed\x95", NULL);
    assert_string_equal(why.b, "한??");
    /* printable UTF-8 stays as it is */
    core_refuse(&why, CORE_R_FIELD_INVALID, 0, "온도 59.0–61.0 °C \xf0\x9f\x98\x80", "é", NULL);
    assert_string_equal(why.a, "온도 59.0–61.0 °C \xf0\x9f\x98\x80");
    assert_string_equal(why.b, "é");
}

static void test_every_code(void **state)
{
    (void)state;
    for (int c = 0; c < CORE_REASON_COUNT; c++) {
        struct core_refusal why;
        const char *name = core_reason_name((enum core_reason)c);
        const char *en, *ko;
        memset(&why, 0x55, sizeof why);
        core_refuse(&why, (enum core_reason)c, 4, "AAA", "BBB", "CCC");
        assert_int_equal(why.code, c);
        assert_true(strncmp(name, "R_", 2) == 0);
        if (!tui_reason_template((enum core_reason)c))
            print_error("%s has no template\n", name);
        assert_non_null(tui_reason_template((enum core_reason)c));
        en = say(&why, 0);
        ko = say(&why, 1);
        if (strlen(en) == 0 || strlen(ko) == 0)
            print_error("%s has an empty message\n", name);
        assert_true(strlen(en) > 0);
        assert_true(strlen(ko) > 0);
        /* po/ko.po translates every template (OK is OK in Korean too) */
        if (c != CORE_R_OK && !strcmp(en, ko))
            print_error("%s is not translated in po/ko.po\n", name);
        assert_true(c == CORE_R_OK || strcmp(en, ko) != 0);
        assert_printable(&why);
        for (const char *ph = "nabc"; *ph; ph++) { /* every placeholder is expanded */
            char t[4] = { '{', *ph, '}', '\0' };
            assert_null(strstr(en, t));
            assert_null(strstr(ko, t));
        }
        for (int d = 0; d < c; d++)
            assert_string_not_equal(name, core_reason_name((enum core_reason)d));
    }
}

/* 300-byte Hangul arguments: kept cut at a character, and the words too. */
static void test_truncation_hangul_args(void **state)
{
    char h[301], x1[302], x2[303];
    (void)state;
    for (int i = 0; i < 300; i += 3)
        memcpy(h + i, "\xed\x95\x9c", 3); /* 한 */
    h[300] = '\0';
    /* one or two ASCII bytes first: the cut falls at every position within a character */
    snprintf(x1, sizeof x1, "x%s", h);
    snprintf(x2, sizeof x2, "xy%s", h);
    for (int c = 0; c < CORE_REASON_COUNT; c++) {
        for (int shift = 0; shift < 3; shift++) {
            const char *arg = shift == 0 ? h : shift == 1 ? x1 : x2;
            struct core_refusal why;
            core_refuse(&why, (enum core_reason)c, 12345, arg, arg, arg);
            if (!utf8_ok(why.a) || !utf8_ok(say(&why, 0)) || !utf8_ok(say(&why, 1)))
                print_error("%s shift %d: cut UTF-8\n", core_reason_name((enum core_reason)c),
                            shift);
            assert_printable(&why);
            /* as much as fits: a character more would not */
            assert_true(strlen(why.a) < sizeof why.a);
            assert_true(strlen(why.a) + 3 > sizeof why.a - 1);
            assert_int_equal(strncmp(why.a, arg, strlen(why.a)), 0);
            assert_true(strlen(say(&why, 1)) < TUI_REASON_LEN);
            assert_true(strlen(say(&why, 1)) > 0);
        }
    }
}

/* Short buffers move the cut through the templates' own Hangul and the arguments. */
static void test_truncation_in_words(void **state)
{
    char arg[300], buf[TUI_REASON_LEN];
    (void)state;
    for (int c = 0; c < CORE_REASON_COUNT; c++) {
        struct core_refusal why;
        size_t full;
        memset(arg, 'a', 150);
        arg[150] = '\0';
        core_refuse(&why, (enum core_reason)c, 3, arg, "가나다", NULL);
        full = strlen(say(&why, 1));
        for (size_t len = 1; len <= full + 1; len++) {
            tui_reason_text(&why, 1, buf, len);
            if (!utf8_ok(buf))
                print_error("%s, %zu-byte buffer: cut UTF-8\n",
                            core_reason_name((enum core_reason)c), len);
            assert_true(utf8_ok(buf));
            assert_true(strlen(buf) < len);
            assert_true(strlen(buf) + 4 > len - 1 || strlen(buf) == full);
        }
        assert_int_equal(strlen(buf), full);
    }
    {
        /* what fits is not cut: 159 bytes of a 160-byte argument, 639 of 640 bytes of words */
        struct core_refusal why;
        memset(arg, 'b', 159);
        arg[159] = '\0';
        core_refuse(&why, CORE_R_FIELD_INVALID, 0, arg, arg, arg);
        assert_int_equal(strlen(why.a), 159);
        assert_string_equal(why.a, arg);
        memset(arg, 'b', 160);
        arg[160] = '\0';
        core_refuse(&why, CORE_R_FIELD_INVALID, 0, arg, arg, arg);
        assert_int_equal(strlen(why.c), 159);
        core_refuse(&why, CORE_R_REWORK_LIMIT, 0, arg, arg, arg);
        assert_int_equal(strlen(say(&why, 0)), 159 * 3 + strlen(" was reworked  times (limit ). "
                                                                "Only SCRAP is possible."));
        tui_reason_text(&why, 0, buf, 10);
        assert_string_equal(buf, "bbbbbbbbb");
        tui_reason_text(&why, 0, buf, 0); /* nothing written, nothing read */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_templates),
        cmocka_unit_test(test_null_and_numbers),
        cmocka_unit_test(test_no_reexpansion),
        cmocka_unit_test(test_codes_and_names),
        cmocka_unit_test(test_arguments_cleaned),
        cmocka_unit_test(test_every_code),
        cmocka_unit_test(test_truncation_hangul_args),
        cmocka_unit_test(test_truncation_in_words),
    };
    return cmocka_run_group_tests_name("reason", tests, setup, NULL);
}
