/* tests/unit/test_reason.c — refusal messages (core/reason.h): templates, every code in
 * both languages, truncation of long Hangul arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/assert_text.h"

#include <stdio.h>
#include <string.h>

#include "core/reason.h"

static void test_templates(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_OPEN_ELSEWHERE, 3, "KR01PSA2511001-W0001", "P3-02", "09:41");
    assert_int_equal(why.code, CORE_R_OPEN_ELSEWHERE);
    assert_string_equal(why.en, "KR01PSA2511001-W0001 is in progress at process 3, station P3-02 "
                                "since 09:41. Finish it there first.");
    assert_string_equal(why.ko, "KR01PSA2511001-W0001은(는) 공정 3 스테이션 P3-02에서 09:41부터 "
                                "작업 중입니다. 그곳에서 먼저 완료하세요.");
    assert_string_equal(core_refusal_text(&why, 0), why.en);
    assert_string_equal(core_refusal_text(&why, 1), why.ko);
    /* {n} more than once, {b} in English and {c} in Korean */
    core_refuse(&why, CORE_R_PREV_NOT_PASSED, 2, "W1", "LMA assembly", "LMA 조립");
    assert_string_equal(why.en, "Process 2 (LMA assembly) is not PASSED for W1. "
                                "Take it to process 2 first.");
    assert_string_equal(why.ko, "W1: 공정 2 (LMA 조립)이(가) 완료(합격)되지 않았습니다. "
                                "먼저 공정 2(으)로 보내세요.");
    /* {a}, {b} and {c} in one message */
    core_refuse(&why, CORE_R_REWORK_LIMIT, 0, "W7", "3", "3");
    assert_string_equal(why.en, "W7 was reworked 3 times (limit 3). Only SCRAP is possible.");
    /* a template without placeholders ignores the arguments */
    core_refuse(&why, CORE_R_NO_LOT, 9, "x", "y", "z");
    assert_string_equal(why.en, "Scan a LOT first.");
    assert_string_equal(why.ko, "먼저 LOT을 스캔하세요.");
}

static void test_null_and_numbers(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_OPEN_ELSEWHERE, -1, NULL, NULL, NULL);
    assert_string_equal(why.en, " is in progress at process -1, station  since . Finish it "
                                "there first.");
    core_refuse(&why, CORE_R_BAD_PIN, 2147483647, NULL, NULL, NULL);
    assert_contains(why.en, "(2147483647 of 5)");
    core_refuse(&why, CORE_R_BAD_INPUT, 0, "english", "한국어", NULL);
    assert_string_equal(why.en, "english");
    assert_string_equal(why.ko, "한국어");
    core_refuse(NULL, CORE_R_OK, 0, NULL, NULL, NULL); /* allowed */
}

static void test_no_reexpansion(void **state)
{
    struct core_refusal why;
    (void)state;
    /* placeholders inside arguments are text */
    core_refuse(&why, CORE_R_UNKNOWN_ID, 7, "{n}{a}{", NULL, NULL);
    assert_string_equal(why.en, "{n}{a}{ is not known. Check the label and scan again.");
    core_refuse(&why, CORE_R_BAD_INPUT, 7, "{b}", "{c}", "never");
    assert_string_equal(why.en, "{b}");
    assert_string_equal(why.ko, "{c}");
}

static void test_codes_and_names(void **state)
{
    struct core_refusal why;
    (void)state;
    /* a code out of range becomes BAD_INPUT */
    core_refuse(&why, (enum core_reason)9999, 0, "x", "y", NULL);
    assert_int_equal(why.code, CORE_R_BAD_INPUT);
    assert_string_equal(why.en, "x");
    assert_string_equal(why.ko, "y");
    core_refuse(&why, CORE_REASON_COUNT, 0, "x", "y", NULL);
    assert_int_equal(why.code, CORE_R_BAD_INPUT);
    assert_string_equal(core_reason_name(CORE_R_ON_HOLD), "R_ON_HOLD");
    assert_string_equal(core_reason_name(CORE_R_OK), "R_OK");
    assert_string_equal(core_reason_name(CORE_REASON_COUNT), "R_?");
    assert_string_equal(core_reason_name((enum core_reason)9999), "R_?");
}

/* Arguments come from scans, the database and typed values: what could move the
 * cursor or break the UTF-8 of a message becomes '?'. */
static void test_arguments_cleaned(void **state)
{
    struct core_refusal why;
    (void)state;
    core_refuse(&why, CORE_R_UNKNOWN_ID, 0, "A\x1b[2J\x07" "B", NULL, NULL);
    assert_printable(&why);
    assert_string_equal(why.en, "A?[2J?B is not known. Check the label and scan again.");
    core_refuse(&why, CORE_R_BAD_INPUT, 0, "a\nb\tc\x7f", "x\xc2\x9b" "1m", NULL);
    assert_string_equal(why.en, "a?b?c?");
    assert_string_equal(why.ko, "x??1m");
    core_refuse(&why, CORE_R_BAD_INPUT, 0, "\xff\xfe", "한\xed\x95", NULL);
    assert_string_equal(why.en, "??");
    assert_string_equal(why.ko, "한??");
    /* printable UTF-8 stays as it is */
    core_refuse(&why, CORE_R_BAD_INPUT, 0, "온도 59.0–61.0 °C \xf0\x9f\x98\x80", "é", NULL);
    assert_string_equal(why.en, "온도 59.0–61.0 °C \xf0\x9f\x98\x80");
    assert_string_equal(why.ko, "é");
}

static void test_every_code(void **state)
{
    (void)state;
    for (int c = 0; c < CORE_REASON_COUNT; c++) {
        struct core_refusal why;
        const char *name = core_reason_name((enum core_reason)c);
        memset(&why, 0x55, sizeof why);
        core_refuse(&why, (enum core_reason)c, 4, "AAA", "BBB", "CCC");
        assert_int_equal(why.code, c);
        assert_true(strncmp(name, "R_", 2) == 0);
        if (strlen(why.en) == 0 || strlen(why.ko) == 0)
            print_error("%s has an empty message\n", name);
        assert_true(strlen(why.en) > 0);
        assert_true(strlen(why.ko) > 0);
        assert_printable(&why);
        for (const char *ph = "nabc"; *ph; ph++) { /* every placeholder is expanded */
            char t[4] = { '{', *ph, '}', '\0' };
            assert_null(strstr(why.en, t));
            assert_null(strstr(why.ko, t));
        }
        for (int d = 0; d < c; d++)
            assert_string_not_equal(name, core_reason_name((enum core_reason)d));
    }
}

/* 300-byte Hangul arguments: messages are cut, never in the middle of a character. */
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
            if (!utf8_ok(why.en) || !utf8_ok(why.ko))
                print_error("%s shift %d: cut UTF-8\n", core_reason_name((enum core_reason)c),
                            shift);
            assert_printable(&why);
            assert_true(strlen(why.en) < sizeof why.en);
            assert_true(strlen(why.ko) < sizeof why.ko);
            assert_true(strlen(why.ko) > 0);
        }
    }
}

/* Long ASCII arguments move the cut through the template's own Hangul text. */
static void test_truncation_in_template(void **state)
{
    char arg[300];
    (void)state;
    for (int c = 0; c < CORE_REASON_COUNT; c++) {
        for (size_t n = 150; n < sizeof arg; n++) {
            struct core_refusal why;
            memset(arg, 'a', n);
            arg[n] = '\0';
            core_refuse(&why, (enum core_reason)c, 3, arg, NULL, NULL);
            if (!utf8_ok(why.ko))
                print_error("%s, argument of %zu bytes: cut UTF-8\n",
                            core_reason_name((enum core_reason)c), n);
            assert_printable(&why);
            assert_true(strlen(why.ko) < sizeof why.ko);
        }
    }
    {
        /* what fits is not cut: 239 bytes of a 240-byte buffer */
        struct core_refusal why;
        memset(arg, 'b', 239);
        arg[239] = '\0';
        core_refuse(&why, CORE_R_BAD_INPUT, 0, arg, arg, NULL);
        assert_int_equal(strlen(why.en), 239);
        assert_string_equal(why.en, arg);
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
        cmocka_unit_test(test_truncation_in_template),
    };
    return cmocka_run_group_tests_name("reason", tests, NULL, NULL);
}
