/* tests/unit/test_rules_start.c — what a scan means before any work (docs/DESIGN.md, Lifecycle): refusals of a
 * finished or unknown state, START at each process, a unit open elsewhere, already passed, and
 * a process skipped (UAT scenario 3).
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

/* ---- refusals of an unknown or finished state ------------------------------------------------ */

static void test_scrapped(void **state)
{
    struct core_unit *u = unit(CORE_US_SCRAPPED);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    int rw = -1;
    (void)state;
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_SCRAP);
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n);
        assert_refused(&nx, CORE_R_SCRAPPED);
        assert_contains(say(&nx.why, 0), "KR01PSA2511001-W0001");
        assert_contains(say(&nx.why, 0), "SCRAPPED");
        assert_contains(say(&nx.why, 1), "폐기");
    }
    assert_refusal(core_rule_start(&R, u, &sup, &rw, &why), &why, CORE_R_SCRAPPED);
    assert_int_equal(rw, -1);
    assert_refusal(core_rule_complete(&R, u, &sup, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_SCRAPPED);
    assert_refusal(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "again", &why), &why,
                   CORE_R_SCRAPPED);
    /* a scrapped serial names the serial */
    u = converted();
    fail_at(u, 8, "VISUAL_DEFECT", CORE_DEC_SCRAP);
    u->serial_status = CORE_SS_SCRAPPED;
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_SCRAPPED);
    assert_contains(say(&nx.why, 0), "KR01PSA25110010001");
}

static void test_converted_at_wip_station(void **state)
{
    struct core_unit *u = converted();
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    att(u, 7, CORE_RES_PASS);
    for (int n = 1; n <= 6; n++) {
        struct core_next nx = next_at(u, n);
        assert_refused(&nx, CORE_R_CONVERTED);
        assert_contains(say(&nx.why, 0), "KR01PSA2511001-W0001");
        assert_contains(say(&nx.why, 0), "KR01PSA25110010001");
        assert_contains(say(&nx.why, 1), "KR01PSA25110010001");
    }
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_CONVERTED);
}

static void test_lot_closed(void **state)
{
    static const enum core_lot_status st[] = { CORE_LS_CLOSED, CORE_LS_COMPLETED };
    static const char *const names[] = { "CLOSED", "COMPLETED" };
    (void)state;
    for (int i = 0; i < 2; i++) {
        struct core_unit *u = passed_upto(2);
        struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
        struct core_refusal why;
        struct core_next nx;
        u->lot_status = st[i];
        nx = next_at(u, 3);
        assert_refused(&nx, CORE_R_LOT_CLOSED);
        assert_contains(say(&nx.why, 0), "KR01PSA2511001");
        assert_contains(say(&nx.why, 0), names[i]);
        assert_contains(say(&nx.why, 1), names[i]);
        assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_LOT_CLOSED);
    }
    /* CREATED and IN_PROGRESS lots are open for work */
    passed_upto(2);
    U.lot_status = CORE_LS_CREATED;
    {
        struct core_next nx = next_at(&U, 3);
        assert_start(&nx, 0);
    }
}

static void test_inactive_process(void **state)
{
    struct core_unit *u = passed_upto(3);
    struct core_next nx;
    (void)state;
    R.p[3].active = 0; /* process 4 */
    core_routing_derive(&R);
    nx = next_at(u, 4);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
    assert_contains(say(&nx.why, 0), "Process 4");
    /* process 5 follows process 3 while 4 is inactive */
    nx = next_at(u, 5);
    assert_start(&nx, 0);
    build_routing();
    /* a station configured for a process the routing does not have */
    nx = next_at(u, 9);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
    assert_contains(say(&nx.why, 0), "Process 9");
    nx = next_at(u, 0);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
}

/* ---- start (5.2) ----------------------------------------------------------------------------- */

static void test_start_each_process(void **state)
{
    (void)state;
    for (int n = 2; n <= 6; n++) {
        struct core_unit *u = passed_upto(n - 1);
        struct core_actor a = actor(n, CORE_ROLE_OPERATOR);
        struct core_refusal why;
        struct core_next nx;
        int rw = -1;
        nx = next_at(u, n);
        assert_start(&nx, 0);
        assert_true(core_rule_start(&R, u, &a, &rw, &why));
        assert_int_equal(rw, 0);
        assert_true(core_rule_start(&R, u, &a, NULL, NULL));
        /* once started here, the same scan means "complete" */
        att(u, n, CORE_RES_OPEN);
        nx = next_at(u, n);
        assert_int_equal(nx.action, CORE_ACT_COMPLETE);
        assert_int_equal(nx.is_rework, 0);
        assert_false(core_rule_start(&R, u, &a, &rw, &why));
        assert_int_equal(why.code, CORE_R_OPEN_ELSEWHERE);
    }
    /* process 1 of a unit made by batch creation (no attempt yet) */
    {
        struct core_next nx = next_at(unit(CORE_US_CREATED), 1);
        assert_start(&nx, 0);
    }
}

static void test_open_elsewhere(void **state)
{
    struct core_unit *u = passed_upto(2);
    struct core_attempt *t;
    struct core_next nx;
    (void)state;
    t = att(u, 3, CORE_RES_OPEN);
    snprintf(t->station_id, sizeof t->station_id, "P3-02");
    snprintf(t->started_at, sizeof t->started_at, "2025-11-20 09:41");
    snprintf(t->operator_name, sizeof t->operator_name, "Choi Jiwoo");
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n); /* station Pn-01 */
        assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
        assert_contains(say(&nx.why, 0), "process 3");
        assert_contains(say(&nx.why, 0), "P3-02");
        assert_contains(say(&nx.why, 0), "2025-11-20 09:41");
        assert_contains(say(&nx.why, 0), "Choi Jiwoo"); /* the refusal says by whom */
        assert_contains(say(&nx.why, 1), "P3-02");
        assert_contains(say(&nx.why, 1), "2025-11-20 09:41");
        assert_contains(say(&nx.why, 1), "Choi Jiwoo");
    }
    /* a station without a recorded id still gets a message */
    t->station_id[0] = '\0';
    t->operator_name[0] = '\0';
    nx = next_at(u, 3);
    assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
    assert_contains(say(&nx.why, 0), "station ?");
}

static void test_already_passed(void **state)
{
    struct core_unit *u = passed_upto(4);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    for (int n = 1; n <= 4; n++) {
        nx = next_at(u, n);
        assert_refused(&nx, CORE_R_ALREADY_PASSED);
        assert_contains(say(&nx.why, 0), "KR01PSA2511001-W0001");
        if (n == 3)
            assert_contains(say(&nx.why, 0), "process 3");
    }
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_ALREADY_PASSED);
    nx = next_at(u, 5);
    assert_start(&nx, 0);
}

/* Seed UAT scenario 3: starting process 3 while process 2 is not done. */
static void test_uat3_skip(void **state)
{
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    (void)state;

    /* process 2 missing */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    nx = next_at(u, 3);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 2");
    assert_contains(say(&nx.why, 0), "LMA assembly");
    assert_contains(say(&nx.why, 0), "process 2 first");
    assert_contains(say(&nx.why, 1), "공정 2");
    assert_contains(say(&nx.why, 1), "LMA 조립");
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&why, 0), "Process 2");
    /* skipping further names the first process that is missing */
    nx = next_at(u, 5);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 4");

    /* process 2 open at its station */
    att(u, 2, CORE_RES_OPEN);
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_OPEN_ELSEWHERE);
    assert_contains(say(&why, 0), "process 2");
    assert_contains(say(&why, 0), "P2-01");

    /* process 2 FAILed and undecided: the unit is on hold at process 2 */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_NONE);
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_ON_HOLD);
    assert_contains(say(&why, 0), "process 2");
    assert_contains(say(&why, 0), "LMA assembly");

    /* process 2 FAILed, REWORK decided, not yet redone */
    u->att[1].decision = CORE_DEC_REWORK;
    assert_refusal(core_rule_start(&R, u, &a, NULL, &why), &why, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&why, 0), "Process 2");

    /* redone and PASSed: now process 3 may start */
    att(u, 2, CORE_RES_PASS);
    assert_true(core_rule_start(&R, u, &a, NULL, &why));

    /* process 1 missing at process 2 */
    u = unit(CORE_US_CREATED);
    nx = next_at(u, 2);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 1");
    assert_contains(say(&nx.why, 0), "Laser marking");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_scrapped, setup_routing),
        cmocka_unit_test_setup(test_converted_at_wip_station, setup_routing),
        cmocka_unit_test_setup(test_lot_closed, setup_routing),
        cmocka_unit_test_setup(test_inactive_process, setup_routing),
        cmocka_unit_test_setup(test_start_each_process, setup_routing),
        cmocka_unit_test_setup(test_open_elsewhere, setup_routing),
        cmocka_unit_test_setup(test_already_passed, setup_routing),
        cmocka_unit_test_setup(test_uat3_skip, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_start", tests, setup_words, NULL);
}
