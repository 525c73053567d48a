/* tests/unit/test_rules_forms.c — the measurement forms (numbers against their limits, PASS/FAIL fields, required,
 * invalid, text and part-lot fields) and how a typed number is read.
 * Over the default routing of tests/unit/rules_fixture.c; the words of refusals in
 * test_reason.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/assert_text.h"
#include "tests/unit/rules_fixture.h"

#include <stdio.h>
#include <string.h>

#include "core/reason.h"
#include "core/rules.h"

/* ---- forms and numbers (5.6) ----------------------------------------------------------------- */

static int judge(int process, const char *const *values, struct core_judgement *j,
                 struct core_refusal *why)
{
    memset(why, 0, sizeof *why);
    return core_form_judge(core_routing_find(&R, process), values, j, why);
}

static void test_form_number(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    {
        const char *v[] = { "60.0", "PASS" };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_string_equal(j.defect, "");
        assert_int_equal(j.bad_field, -1);
    }
    { /* bounds are inside */
        const char *lo[] = { "59.0", "PASS" }, *hi[] = { "61", "OK" };
        assert_true(judge(3, lo, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_true(judge(3, hi, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        static const char *const out[] = { "58.99", "61.01", "-60", "0", "100", "+61.5" };
        for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
            const char *v[] = { out[i], "PASS" };
            assert_true(judge(3, v, &j, &why));
            assert_int_equal(j.proposal, CORE_RES_FAIL);
            assert_string_equal(j.defect, "SENSOR_TEMP_FAIL");
            assert_int_equal(j.bad_field, 0);
        }
    }
    { /* P6: force within 10 +- 2; accuracy has only a minimum and no defect of its own */
        const char *ok[] = { "10.5", "99.9", "" }, *lowacc[] = { "10", "94.9", "" };
        const char *both[] = { "12.5", "90", "slow" }, *huge[] = { "9", "1000000", "" };
        assert_true(judge(6, ok, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_true(judge(6, lowacc, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "PERFORMANCE_FAIL");
        assert_int_equal(j.bad_field, 1);
        assert_true(judge(6, both, &j, &why)); /* the first field out of spec decides */
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_int_equal(j.bad_field, 0);
        assert_true(judge(6, huge, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    { /* P5: its own defect per field */
        const char *v[] = { "1.3", "PASS" };
        assert_true(judge(5, v, &j, &why));
        assert_string_equal(j.defect, "ASSEMBLY_ERROR");
    }
}

static void test_form_passfail(void **state)
{
    static const char *const pass[] = { "PASS", "OK", "Y", "CMD:PASS", "CMD:OK" };
    static const char *const failv[] = { "FAIL", "NG", "N", "CMD:FAIL" };
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++) {
        const char *v[] = { "60", pass[i] };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    for (size_t i = 0; i < sizeof failv / sizeof failv[0]; i++) {
        const char *v[] = { "60", failv[i] };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "SENSOR_TOF_FAIL");
        assert_int_equal(j.bad_field, 1);
    }
    {
        const char *v[] = { "60", "MAYBE" };
        assert_refusal(judge(3, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
        assert_contains(say(&why, 0), "TOF");
        assert_contains(say(&why, 0), "'MAYBE'");
        assert_contains(say(&why, 1), "TOF 센서");
    }
    { /* P8 checklist: a missing part proposes PACKAGING_ERROR */
        const char *v[] = { "PASS", "FAIL" };
        assert_true(judge(8, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "PACKAGING_ERROR");
    }
}

static void test_form_required(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    {
        const char *v[] = { "", "PASS" };
        assert_refusal(judge(3, v, &j, &why), &why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 0);
        assert_contains(say(&why, 0), "Temperature");
        assert_contains(say(&why, 1), "온도");
    }
    {
        const char *v[] = { "60", NULL };
        assert_refusal(judge(3, v, &j, &why), &why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 1);
    }
    /* no values at all */
    assert_refusal(judge(3, NULL, &j, &why), &why, CORE_R_FIELD_REQUIRED);
    assert_int_equal(j.bad_field, 0);
    { /* a FAIL may be recorded with a required field empty */
        const char *v[] = { "", "FAIL" };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "SENSOR_TOF_FAIL");
    }
    { /* optional fields may stay empty */
        const char *v[] = { "1.0", "" };
        assert_true(judge(5, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    /* a process without fields has nothing to judge */
    assert_true(judge(7, NULL, &j, &why));
    assert_int_equal(j.proposal, CORE_RES_PASS);
    assert_int_equal(j.bad_field, -1);
}

static void test_form_invalid(void **state)
{
    /* Laid out by hand: "6\x1b" "0" is one value (a hex escape would swallow the 0),
     * which the formatter would split onto two lines as if it were two. */
    /* clang-format off */
    static const char *const bad[] = {
        "1e3", "1E3", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1,5", " 60", "60 ",
        "60\n", "6\x1b" "0", "6\x7f", "60..1", "--1", "-", "+", ".", "60°", "١٢",
        "\xef\xbc\x96\xef\xbc\x90", /* full-width 60 */
        "1234567890123456",         /* 16 characters */
        "60.000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    };
    /* clang-format on */
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *v[] = { bad[i], "PASS" };
        memset(&j, 0, sizeof j);
        if (judge(3, v, &j, &why))
            print_error("'%s' was accepted as a number\n", bad[i]);
        assert_refusal(judge(3, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 0);
        assert_contains(say(&why, 0), "Temperature");
        assert_printable(&why); /* the value is quoted, its control characters are not */
    }
    { /* an invalid value is refused even when another field is out of spec */
        const char *v[] = { "70", "PERHAPS" };
        assert_refusal(judge(3, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
    }
}

static void test_form_text(void **state)
{
    /* Laid out by hand: each comment names the line's values, and "v\xc2\x9b" "2J" is one
     * value; the formatter would give every value a line and split that one in two. */
    /* clang-format off */
    static const char *const bad[] = {
        "1.2\x1b[2J", "v1\t2", "v1\r", "v\x7f",          /* ESC, Tab, CR, DEL */
        "v\xc2\x9b" "2J", "v\xff", "v\xed\xa0\x80", "v\xed\x95", /* C1 CSI, bad UTF-8 */
    };
    /* clang-format on */
    struct core_judgement j;
    struct core_refusal why;
    char longv[200];
    (void)state;
    {
        const char *v[] = { "FW 1.2.3", "PASS" };
        assert_true(judge(4, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        const char *v[] = { "펌웨어 1.0 (최종)", "OK" };
        assert_true(judge(4, v, &j, &why));
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *v[] = { bad[i], "PASS" };
        if (judge(4, v, &j, &why))
            print_error("text value %zu was accepted\n", i);
        assert_refusal(judge(4, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 0);
    }
    /* 100 bytes is the longest text, 101 is refused */
    memset(longv, 'x', sizeof longv);
    longv[100] = '\0';
    {
        const char *v[] = { longv, "PASS" };
        assert_true(judge(4, v, &j, &why));
        longv[100] = 'x';
        longv[101] = '\0';
        assert_refusal(judge(4, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        longv[199] = '\0';
        assert_false(judge(4, v, &j, &why));
    }
}

static void test_form_lot(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    char longv[64];
    (void)state;
    {
        const char *v[] = { "SPRING-2511-0042", "BUSBAR-77" };
        assert_true(judge(2, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        static const char *const bad[] = { "BUSBAR-77", "SPRING-",      "SPRING",
                                           "XSPRING-1", "SPRING-1\x1b", "SPRING-\xc2\x85" };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            const char *v[] = { bad[i], "BUSBAR-77" };
            assert_refusal(judge(2, v, &j, &why), &why, CORE_R_FIELD_INVALID);
            assert_int_equal(j.bad_field, 0);
            assert_contains(say(&why, 0), "Spring lot");
        }
    }
    { /* the second field has its own prefix */
        const char *v[] = { "SPRING-1", "SPRING-2" };
        assert_refusal(judge(2, v, &j, &why), &why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
        assert_contains(say(&why, 0), "Busbar lot");
    }
    { /* both required */
        const char *v[] = { "SPRING-1", "" };
        assert_refusal(judge(2, v, &j, &why), &why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 1);
    }
    /* 40 bytes at most */
    memset(longv, '9', sizeof longv);
    memcpy(longv, "SPRING-", 7);
    longv[40] = '\0';
    {
        const char *v[] = { longv, "BUSBAR-1" };
        assert_true(judge(2, v, &j, &why));
        longv[40] = '9';
        longv[41] = '\0';
        assert_refusal(judge(2, v, &j, &why), &why, CORE_R_FIELD_INVALID);
    }
}

static void test_parse_number(void **state)
{
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        { "0", 0 },
        { "60", 60 },
        { "59.5", 59.5 },
        { "-1.25", -1.25 },
        { "+7", 7 },
        { ".5", 0.5 },
        { "5.", 5 },
        { "007", 7 },
        { "-0", 0 },
        { "123456789012345", 123456789012345.0 },
        { "0.000000000001", 1e-12 },
    };
    static const char *const bad[] = {
        "",
        "1e3",
        "1E-3",
        "nan",
        "inf",
        "-inf",
        "0x10",
        "1,5",
        " 1",
        "1 ",
        "1\n",
        "--1",
        "+-1",
        "1-",
        "1.2.3",
        ".",
        "-",
        "+",
        "1234567890123456",
        "-123456789012345",
        "abc",
        "6\x1b",
        "١",
    };
    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -999;
        if (core_parse_number(ok[i].s, &v))
            print_error("'%s' refused\n", ok[i].s);
        assert_int_equal(core_parse_number(ok[i].s, &v), 0);
        assert_true(v == ok[i].v);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = -999;
        if (!core_parse_number(bad[i], &v))
            print_error("'%s' accepted\n", bad[i]);
        assert_int_not_equal(core_parse_number(bad[i], &v), 0);
        assert_true(v == -999); /* untouched */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_form_number, setup_routing),
        cmocka_unit_test_setup(test_form_passfail, setup_routing),
        cmocka_unit_test_setup(test_form_required, setup_routing),
        cmocka_unit_test_setup(test_form_invalid, setup_routing),
        cmocka_unit_test_setup(test_form_text, setup_routing),
        cmocka_unit_test_setup(test_form_lot, setup_routing),
        cmocka_unit_test_setup(test_parse_number, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_forms", tests, setup_words, NULL);
}
