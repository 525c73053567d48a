/* tests/unit/test_rules_hold.c — a FAIL puts the unit ON HOLD; a supervisor decides REWORK or SCRAP (the rework limit,
 * process 1 not reworkable, role and reason); rework is marked is_rework (UAT scenario 2).
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

/* ---- hold, rework, scrap (5.5) --------------------------------------------------------------- */

static void test_on_hold(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n);
        assert_hold(&nx, 3, 1);
        assert_int_equal(nx.why.code, CORE_R_ON_HOLD);
        assert_contains(say(&nx.why, 0), "ON HOLD");
        assert_contains(say(&nx.why, 0), "process 3");
        assert_contains(say(&nx.why, 0), "Sensor inspection");
        assert_contains(say(&nx.why, 1), "센서 검사");
    }
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_ON_HOLD);
}

static void test_rework_marks_is_rework(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    int rw = -1;
    (void)state;
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "sensor reseated", &why));
    u->att[2].decision = CORE_DEC_REWORK; /* what the database records */
    nx = next_at(u, 3);
    assert_start(&nx, 1);
    assert_true(core_rule_start(&R, u, &a, &rw, &why));
    assert_int_equal(rw, 1);
    /* other processes still wait for process 3 */
    nx = next_at(u, 4);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 3");
    /* the rework attempt, once open, completes as a rework */
    att(u, 3, CORE_RES_OPEN)->is_rework = 1;
    nx = next_at(u, 3);
    assert_int_equal(nx.action, CORE_ACT_COMPLETE);
    assert_int_equal(nx.is_rework, 1);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    /* after its PASS, the unit moves on without rework marks */
    u->att[3].result = CORE_RES_PASS;
    nx = next_at(u, 4);
    assert_start(&nx, 0);
}

static void test_rework_limit(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    for (int i = 0; i < 3; i++) {
        fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
        nx = next_at(u, 3);
        assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
        assert_true(nx.rework_allowed);
        assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "retest", &why));
        u->att[u->n_att - 1].decision = CORE_DEC_REWORK;
        nx = next_at(u, 3);
        assert_start(&nx, 1);
    }
    assert_int_equal(core_unit_rework_count(u), 3);
    /* the 4th FAIL: only SCRAP */
    fail_at(u, 3, "SENSOR_TOF_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 3);
    assert_hold(&nx, 3, 0);
    assert_refusal(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "once more", &why), &why,
                   CORE_R_REWORK_LIMIT);
    assert_contains(say(&why, 0), "KR01PSA2511001-W0001");
    assert_contains(say(&why, 0), "reworked 3 times (limit 3)");
    assert_contains(say(&why, 1), "3회");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_SCRAP, "sensor broken", &why));

    /* the limit counts the unit's reworks over all processes, and follows max_rework */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_REWORK);
    att(u, 2, CORE_RES_PASS);
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_REWORK);
    att(u, 3, CORE_RES_PASS);
    fail_at(u, 4, "FIRMWARE_UPLOAD_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 4);
    assert_true(nx.rework_allowed);
    R.max_rework = 2;
    nx = next_at(u, 4);
    assert_false(nx.rework_allowed);
    assert_refusal(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "again", &why), &why,
                   CORE_R_REWORK_LIMIT);
    assert_contains(say(&why, 0), "reworked 2 times (limit 2)");
    R.max_rework = 3;
}

static void test_p1_not_reworkable(void **state)
{
    struct core_unit *u = unit(CORE_US_CREATED);
    struct core_actor sup = actor(1, CORE_ROLE_ADMIN);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    fail_at(u, 1, "MARKING_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 1);
    assert_hold(&nx, 1, 0);
    assert_refusal(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "re-mark", &why), &why,
                   CORE_R_NOT_REWORKABLE);
    assert_contains(say(&why, 0), "Process 1");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_SCRAP, "marking unreadable", &why));
}

static void test_disposition_role_reason(void **state)
{
    static const struct {
        enum core_decision dec;
        const char *reason;
    } no_reason[] = { { CORE_DEC_REWORK, NULL },
                      { CORE_DEC_SCRAP, "" },
                      { CORE_DEC_SCRAP, "   " } };
    struct core_unit *u = passed_upto(2);
    struct core_actor op = actor(3, CORE_ROLE_OPERATOR);
    struct core_actor mgr = actor(3, CORE_ROLE_MANAGER);
    struct core_actor adm = actor(3, CORE_ROLE_ADMIN);
    struct core_refusal why;
    (void)state;
    /* not on hold */
    assert_refusal(core_rule_disposition(&R, u, &mgr, CORE_DEC_REWORK, "why not", &why), &why,
                   CORE_R_NOT_ON_HOLD);
    assert_contains(say(&why, 0), "KR01PSA2511001-W0001");
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    /* operators cannot decide, whatever they decide */
    assert_refusal(core_rule_disposition(&R, u, &op, CORE_DEC_REWORK, "retest", &why), &why,
                   CORE_R_ROLE);
    assert_refusal(core_rule_disposition(&R, u, &op, CORE_DEC_SCRAP, "broken", &why), &why,
                   CORE_R_ROLE);
    assert_contains(say(&why, 0), "MANAGER or ADMIN");
    /* a reason is required */
    for (size_t i = 0; i < sizeof no_reason / sizeof no_reason[0]; i++)
        assert_refusal(core_rule_disposition(&R, u, &mgr, no_reason[i].dec, no_reason[i].reason,
                                             &why),
                       &why, CORE_R_REASON_REQUIRED);
    /* no decision */
    assert_refusal(core_rule_disposition(&R, u, &mgr, CORE_DEC_NONE, "hmm", &why), &why,
                   CORE_R_DECISION_INVALID);
    assert_true(say(&why, 0)[0] != '\0' && say(&why, 1)[0] != '\0');
    /* MANAGER and ADMIN may */
    assert_true(core_rule_disposition(&R, u, &mgr, CORE_DEC_REWORK, "retest", &why));
    assert_true(core_rule_disposition(&R, u, &adm, CORE_DEC_REWORK, "재검사", &why));
    assert_true(core_rule_disposition(&R, u, &adm, CORE_DEC_SCRAP, "폐기", NULL));
    assert_false(core_rule_disposition(&R, u, &op, CORE_DEC_SCRAP, "x", NULL)); /* why NULL */
    /* decided already: nothing left to decide */
    u->att[2].decision = CORE_DEC_REWORK;
    assert_refusal(core_rule_disposition(&R, u, &mgr, CORE_DEC_SCRAP, "changed my mind", &why),
                   &why, CORE_R_NOT_ON_HOLD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_on_hold, setup_routing),
        cmocka_unit_test_setup(test_rework_marks_is_rework, setup_routing),
        cmocka_unit_test_setup(test_rework_limit, setup_routing),
        cmocka_unit_test_setup(test_p1_not_reworkable, setup_routing),
        cmocka_unit_test_setup(test_disposition_role_reason, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_hold", tests, setup_words, NULL);
}
