/* tests/unit/test_rules_serial.c — the serial phase: conversion at process 7, the label scanned back (verify), process
 * 8, and a supervisor's reprint.
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

/* ---- conversion, process 7 (5.7) ------------------------------------------------------------- */

static void test_convert(void **state)
{
    struct core_actor a7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor a6 = actor(6, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    (void)state;
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 6);
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_CONVERT);
    assert_true(core_rule_convert(&R, u, &a7, &why));
    assert_true(core_rule_convert(&R, u, &a7, NULL));
    /* a start at process 7 is the conversion, not an attempt */
    assert_refusal(core_rule_start(&R, u, &a7, NULL, &why), &why, CORE_R_WRONG_KIND);
    /* a complete without the P7 record is refused */
    assert_refusal(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_NOT_STARTED);
    /* only a converting station converts */
    assert_refusal(core_rule_convert(&R, u, &a6, &why), &why, CORE_R_WRONG_KIND);

    /* each missing manufacturing process is named */
    for (int miss = 1; miss <= 6; miss++) {
        char want[32];
        u = unit(CORE_US_IN_PROGRESS);
        for (int n = 1; n <= 6; n++)
            if (n != miss)
                att(u, n, CORE_RES_PASS);
        nx = next_at(u, 7);
        assert_refused(&nx, CORE_R_NOT_COMPLETED);
        snprintf(want, sizeof want, "Missing: process %d", miss);
        assert_contains(say(&nx.why, 0), want);
        assert_contains(say(&nx.why, 0), "processes 1 to 6");
        snprintf(want, sizeof want, "누락: 공정 %d", miss);
        assert_contains(say(&nx.why, 1), want);
        assert_refusal(core_rule_convert(&R, u, &a7, &why), &why, CORE_R_NOT_COMPLETED);
    }
    /* a FAIL that was reworked but not redone is missing too */
    u = passed_upto(5);
    fail_at(u, 6, "PERFORMANCE_FAIL", CORE_DEC_REWORK);
    assert_refusal(core_rule_convert(&R, u, &a7, &why), &why, CORE_R_NOT_COMPLETED);
    assert_contains(say(&why, 0), "process 6");
    /* an undecided FAIL is a hold */
    u->att[5].decision = CORE_DEC_NONE;
    assert_refusal(core_rule_convert(&R, u, &a7, &why), &why, CORE_R_ON_HOLD);
    /* already converted */
    u = converted();
    assert_refusal(core_rule_convert(&R, u, &a7, &why), &why, CORE_R_CONVERTED);
    assert_contains(say(&why, 0), "KR01PSA25110010001");
    /* an inactive manufacturing process is not required */
    R.p[4].active = 0; /* process 5 */
    core_routing_derive(&R);
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 4);
    att(u, 6, CORE_RES_PASS);
    assert_true(core_rule_convert(&R, u, &a7, &why));
    build_routing();
}

static void test_p7_verify(void **state)
{
    struct core_actor a7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor b7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(7, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_unit *u = converted();
    struct core_next nx;
    int rw = -1;
    (void)state;
    snprintf(b7.station_id, sizeof b7.station_id, "P7-02");
    att(u, 7, CORE_RES_OPEN); /* opened by the conversion at P7-01 */
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_VERIFY);
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why));
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "LABEL_PRINT_FAIL", &why));
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "LABEL_ATTACH_ERROR", &why));
    assert_refusal(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "VISUAL_DEFECT", &why), &why,
                   CORE_R_DEFECT_UNKNOWN);
    assert_refusal(core_rule_complete(&R, u, &b7, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_OPEN_ELSEWHERE);
    assert_contains(say(&why, 0), "process 7");
    assert_contains(say(&why, 0), "P7-01");
    assert_refusal(core_rule_start(&R, u, &a7, NULL, &why), &why, CORE_R_OPEN_ELSEWHERE);
    /* a P7 FAIL holds the serial; rework re-opens process 7 */
    mark_failed(&u->att[6], "LABEL_PRINT_FAIL");
    u->serial_status = CORE_SS_FAILED;
    nx = next_at(u, 8);
    assert_hold(&nx, 7, 1);
    assert_contains(say(&nx.why, 0), "KR01PSA25110010001");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "reprinted", &why));
    u->att[6].decision = CORE_DEC_REWORK;
    nx = next_at(u, 7);
    assert_start(&nx, 1);
    assert_true(core_rule_start(&R, u, &a7, &rw, &why));
    assert_int_equal(rw, 1);
    assert_refusal(core_rule_convert(&R, u, &a7, &why), &why, CORE_R_CONVERTED);
    att(u, 7, CORE_RES_OPEN)->is_rework = 1;
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_VERIFY);
    assert_int_equal(nx.is_rework, 1);
    /* P7 PASSed: scanning it again at P7 */
    u->att[7].result = CORE_RES_PASS;
    nx = next_at(u, 7);
    assert_refused(&nx, CORE_R_ALREADY_PASSED);
    assert_refusal(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_ALREADY_COMPLETED);
}

/* ---- process 8 (5.8) ------------------------------------------------------------------------- */

static void test_p8(void **state)
{
    struct core_actor a8 = actor(8, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(8, CORE_ROLE_ADMIN);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    int rw = -1;
    (void)state;
    /* not converted yet */
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 6);
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 7");
    assert_contains(say(&nx.why, 0), "Label printing");
    /* converted, P7 record missing */
    u = converted();
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(say(&nx.why, 0), "Process 7");
    /* P7 open (label not verified) */
    att(u, 7, CORE_RES_OPEN);
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
    assert_contains(say(&nx.why, 0), "process 7");
    assert_contains(say(&nx.why, 0), "KR01PSA25110010001");
    /* P7 PASS: P8 starts */
    u->att[6].result = CORE_RES_PASS;
    nx = next_at(u, 8);
    assert_start(&nx, 0);
    assert_true(core_rule_start(&R, u, &a8, &rw, &why));
    assert_int_equal(rw, 0);
    att(u, 8, CORE_RES_OPEN);
    nx = next_at(u, 8);
    assert_int_equal(nx.action, CORE_ACT_COMPLETE);
    assert_true(core_rule_complete(&R, u, &a8, CORE_RES_FAIL, "VISUAL_DEFECT", &why));
    assert_refusal(core_rule_complete(&R, u, &a8, CORE_RES_FAIL, "LABEL_PRINT_FAIL", &why), &why,
                   CORE_R_DEFECT_UNKNOWN);
    /* P8 FAIL: serial FAILED, on hold */
    mark_failed(&u->att[7], "VISUAL_DEFECT");
    u->serial_status = CORE_SS_FAILED;
    nx = next_at(u, 8);
    assert_hold(&nx, 8, 1);
    assert_contains(say(&nx.why, 0), "process 8");
    assert_contains(say(&nx.why, 0), "Packaging + visual inspection");
    assert_contains(say(&nx.why, 1), "포장 + 외관검사");
    assert_refusal(core_rule_start(&R, u, &a8, NULL, &why), &why, CORE_R_ON_HOLD);
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "repacked", &why));
    u->att[7].decision = CORE_DEC_REWORK;
    u->serial_status = CORE_SS_IN_PROGRESS;
    nx = next_at(u, 8);
    assert_start(&nx, 1);
    /* P8 PASS: serial PASSED, nothing left */
    att(u, 8, CORE_RES_PASS)->is_rework = 1;
    u->serial_status = CORE_SS_PASSED;
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_ALREADY_PASSED);
    assert_contains(say(&nx.why, 0), "KR01PSA25110010001");
    assert_refusal(core_rule_complete(&R, u, &a8, CORE_RES_PASS, NULL, &why), &why,
                   CORE_R_ALREADY_COMPLETED);
}

static void test_reprint(void **state)
{
    struct core_actor op = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor mgr = actor(7, CORE_ROLE_MANAGER);
    struct core_actor adm = actor(7, CORE_ROLE_ADMIN);
    struct core_refusal why;
    (void)state;
    assert_refusal(core_rule_reprint(&op, "label smudged", &why), &why, CORE_R_ROLE);
    assert_refusal(core_rule_reprint(&mgr, NULL, &why), &why, CORE_R_REASON_REQUIRED);
    assert_refusal(core_rule_reprint(&mgr, "", &why), &why, CORE_R_REASON_REQUIRED);
    assert_refusal(core_rule_reprint(&adm, " \t", &why), &why, CORE_R_REASON_REQUIRED);
    assert_true(core_rule_reprint(&mgr, "label smudged", &why));
    assert_true(core_rule_reprint(&adm, "라벨 훼손", &why));
    assert_true(core_rule_reprint(&adm, "x", NULL));
    /* a stored reason is plain text, 500 bytes at most */
    assert_refusal(core_rule_reprint(&mgr, "smudged\x1b[2J", &why), &why, CORE_R_REASON_INVALID);
    assert_refusal(core_rule_reprint(&mgr, "bad \xff utf-8", &why), &why, CORE_R_REASON_INVALID);
    {
        char long_reason[502];
        memset(long_reason, 'x', 501);
        long_reason[501] = '\0';
        assert_refusal(core_rule_reprint(&mgr, long_reason, &why), &why, CORE_R_REASON_INVALID);
        long_reason[500] = '\0';
        assert_true(core_rule_reprint(&mgr, long_reason, &why));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_convert, setup_routing),
        cmocka_unit_test_setup(test_p7_verify, setup_routing),
        cmocka_unit_test_setup(test_p8, setup_routing),
        cmocka_unit_test_setup(test_reprint, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_serial", tests, setup_words, NULL);
}
