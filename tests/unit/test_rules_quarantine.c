/* tests/unit/test_rules_quarantine.c — a quarantine hold (CMD:HOLD) of a unit or of its lot
 * stops the unit's next start, saying why, who and when; work already open finishes and a
 * FAIL still goes to a supervisor; only a MANAGER or ADMIN with a reason holds or releases.
 * Over the default routing of tests/unit/rules_fixture.c. */
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

static void hold(struct core_unit *u, int on_lot)
{
    u->hold.active = 1;
    u->hold.on_lot = on_lot;
    snprintf(u->hold.reason, sizeof u->hold.reason, "suspect spring lot SPRING-2511-07");
    snprintf(u->hold.by, sizeof u->hold.by, "Lee Jiyoung");
    snprintf(u->hold.at, sizeof u->hold.at, "2025-11-20 10:31");
}

static void test_held_unit(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 2);
    hold(u, 0);
    /* its next start is refused everywhere, saying why, who and when */
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n);
        assert_refused(&nx, CORE_R_HELD);
    }
    nx = next_at(u, 3);
    assert_contains(say(&nx.why, 0), "KR01PSA2511001-W0001 is HELD");
    assert_contains(say(&nx.why, 0), "suspect spring lot SPRING-2511-07");
    assert_contains(say(&nx.why, 0), "Lee Jiyoung 2025-11-20 10:31");
    assert_contains(say(&nx.why, 0), "CMD:RELEASE");
    assert_contains(say(&nx.why, 1), "격리 보류");
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_HELD);
    /* released: it starts again */
    u->hold.active = 0;
    nx = next_at(u, 3);
    assert_start(&nx, 0);
}

static void test_held_lot(void **state)
{
    struct core_unit *u = unit(CORE_US_COMPLETED);
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 6);
    hold(u, 1);
    /* not converted either; the message names the lot */
    nx = next_at(u, 7);
    assert_refused(&nx, CORE_R_LOT_HELD);
    assert_contains(say(&nx.why, 0), "its lot is HELD");
    assert_contains(say(&nx.why, 0), "KR01PSA2511001, Lee Jiyoung");
    /* a serial held in the serial phase */
    u = converted();
    att(u, 7, CORE_RES_PASS);
    hold(u, 0);
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_HELD);
    assert_contains(say(&nx.why, 0), "KR01PSA25110010001 is HELD");
}

static void test_held_work_in_progress(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 2);
    att(u, 3, CORE_RES_OPEN);
    hold(u, 1);
    /* the attempt open here is finished: a hold stops what comes next */
    nx = next_at(u, 3);
    assert_int_equal(nx.action, CORE_ACT_COMPLETE);
    assert_true(core_rule_complete(&R, u, &sup, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    /* elsewhere the open attempt is what the operator hears about */
    nx = next_at(u, 4);
    assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
    /* a FAIL of a held unit still goes to a supervisor's decision */
    mark_failed(&u->att[u->n_att - 1], "SENSOR_TEMP_FAIL");
    nx = next_at(u, 3);
    assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "retest", &why));
    /* and once REWORK is decided, the rework does not start while it is held */
    u->att[u->n_att - 1].decision = CORE_DEC_REWORK;
    nx = next_at(u, 3);
    assert_refused(&nx, CORE_R_LOT_HELD);
}

static void test_hold_role_reason(void **state)
{
    struct core_actor op = actor(3, CORE_ROLE_OPERATOR);
    struct core_actor mgr = actor(3, CORE_ROLE_MANAGER);
    struct core_actor adm = actor(3, CORE_ROLE_ADMIN);
    struct core_refusal why;
    (void)state;
    assert_false(core_rule_hold(&op, "suspect lot", &why));
    assert_why(&why, CORE_R_ROLE);
    assert_false(core_rule_hold(&mgr, " ", &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_false(core_rule_hold(&mgr, "x\x1b[2J", &why));
    assert_why(&why, CORE_R_REASON_INVALID);
    assert_true(core_rule_hold(&mgr, "suspect lot", &why));
    assert_true(core_rule_hold(&adm, "스프링 LOT 의심", &why));
    /* an unheld unit has no hold refusal */
    assert_false(core_hold_refusal(unit(CORE_US_IN_PROGRESS), &why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_held_unit, setup_routing),
        cmocka_unit_test_setup(test_held_lot, setup_routing),
        cmocka_unit_test_setup(test_held_work_in_progress, setup_routing),
        cmocka_unit_test_setup(test_hold_role_reason, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_quarantine", tests, setup_words, NULL);
}
