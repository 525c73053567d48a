/* tests/unit/test_rules_complete.c — completing an attempt: not started, twice (a bounce changes nothing), and the
 * defect a FAIL needs.
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

/* ---- complete (5.4) -------------------------------------------------------------------------- */

static void test_complete_not_started(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_NOT_STARTED);
    assert_contains(say(&why, 0), "process 3");
    assert_contains(say(&why, 0), "KR01PSA2511001-W0001");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why), &why,
                   CORE_R_NOT_STARTED);
    /* open at another station of the same process: finish it there */
    snprintf(att(u, 3, CORE_RES_OPEN)->station_id, sizeof u->att[0].station_id, "P3-02");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_OPEN_ELSEWHERE);
    assert_contains(say(&why, 0), "P3-02");
    /* at its own station it completes */
    snprintf(u->att[2].station_id, sizeof u->att[2].station_id, "P3-01");
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, NULL));
}

static void test_complete_twice(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    att(u, 3, CORE_RES_OPEN);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    u->att[2].result = CORE_RES_PASS; /* the first completion was written */
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_ALREADY_COMPLETED);
    assert_contains(say(&why, 0), "process 3");
    assert_contains(say(&why, 0), "PASS");
    assert_contains(say(&why, 0), "Nothing changed");
    assert_contains(say(&why, 1), "합격");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why), &why,
                   CORE_R_ALREADY_COMPLETED);

    /* a FAIL bounced: the second one changes nothing either */
    u = passed_upto(2);
    att(u, 3, CORE_RES_OPEN);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    mark_failed(&u->att[2], "SENSOR_TEMP_FAIL");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why), &why,
                   CORE_R_ALREADY_COMPLETED);
    assert_contains(say(&why, 0), "FAIL");
    assert_contains(say(&why, 1), "불합격");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_ALREADY_COMPLETED);
    /* at another process, the hold is what matters */
    {
        struct core_actor b = actor(4, CORE_ROLE_OPERATOR);
        assert_refusal(core_rule_complete(&R, u, &b, CORE_RES_PASS, NULL, &why), &why,
                       CORE_R_ON_HOLD);
    }
}

static void test_complete_defects(void **state)
{
    /* at process 3 a FAIL needs one of process 3's own codes; the result is PASS or FAIL */
    static const struct {
        enum core_result res;
        const char *defect;
        enum core_reason code; /* CORE_R_OK: accepted */
    } cases[] = {
        { CORE_RES_FAIL, NULL, CORE_R_DEFECT_REQUIRED },
        { CORE_RES_FAIL, "", CORE_R_DEFECT_REQUIRED },
        { CORE_RES_FAIL, "PART_DEFECT", CORE_R_DEFECT_UNKNOWN }, /* a code of another process */
        { CORE_RES_FAIL, "VISUAL_DEFECT", CORE_R_DEFECT_UNKNOWN },
        { CORE_RES_FAIL, "sensor_temp_fail", CORE_R_DEFECT_UNKNOWN },
        { CORE_RES_FAIL, "NO_SUCH_CODE", CORE_R_DEFECT_UNKNOWN },
        { CORE_RES_FAIL, "SENSOR_TEMP_FAIL", CORE_R_OK },
        { CORE_RES_FAIL, "SENSOR_TOF_FAIL", CORE_R_OK },
        { CORE_RES_PASS, NULL, CORE_R_OK }, /* PASS needs no defect */
        { CORE_RES_PASS, "", CORE_R_OK },
        { CORE_RES_OPEN, NULL, CORE_R_RESULT_INVALID },
    };
    struct core_unit *u = passed_upto(2);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    att(u, 3, CORE_RES_OPEN);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int ok = core_rule_complete(&R, u, &a, cases[i].res, cases[i].defect, &why);
        if (cases[i].code == CORE_R_OK)
            assert_true(ok);
        else
            assert_refusal(ok, &why, cases[i].code);
    }
    /* the refusal names the code and the process */
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "PART_DEFECT", &why), &why,
                   CORE_R_DEFECT_UNKNOWN);
    assert_contains(say(&why, 0), "PART_DEFECT");
    assert_contains(say(&why, 0), "process 3");
    assert_refusal(core_rule_complete(&R, u, &a, CORE_RES_OPEN, NULL, &why), &why,
                   CORE_R_RESULT_INVALID);
    assert_true(say(&why, 0)[0] != '\0' && say(&why, 1)[0] != '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_complete_not_started, setup_routing),
        cmocka_unit_test_setup(test_complete_twice, setup_routing),
        cmocka_unit_test_setup(test_complete_defects, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_complete", tests, setup_words, NULL);
}
