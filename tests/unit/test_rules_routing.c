/* tests/unit/test_rules_routing.c — the routing as core derives it (phases, previous process, rework limit), the unit
 * helpers and the names of roles and statuses.
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

/* ---- routing and unit helpers ---------------------------------------------------------------- */

static void test_routing_derive(void **state)
{
    struct core_routing *r = &R;
    (void)state;
    assert_int_equal(r->n, 8);
    assert_int_equal(r->conv_number, 7);
    assert_int_equal(r->first_number, 1);
    assert_int_equal(r->max_rework, 3);
    for (int n = 1; n <= 6; n++)
        assert_int_equal(core_routing_phase(r, n), CORE_PHASE_WIP);
    assert_int_equal(core_routing_phase(r, 7), CORE_PHASE_CONVERT);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_SERIAL);
    assert_int_equal(core_routing_phase(r, 9), CORE_PHASE_NONE);
    assert_int_equal(core_routing_prev(r, 1), 0);
    assert_int_equal(core_routing_prev(r, 3), 2);
    assert_int_equal(core_routing_prev(r, 8), 7);
    assert_string_equal(core_routing_find(r, 3)->code, "SENSOR_INSPECTION");
    assert_null(core_routing_find(r, 0));
    assert_null(core_routing_find(r, 9));
    assert_true(core_process_has_defect(core_routing_find(r, 3), "SENSOR_TOF_FAIL"));
    assert_false(core_process_has_defect(core_routing_find(r, 3), "PART_DEFECT"));
    assert_false(core_process_has_defect(core_routing_find(r, 3), ""));
    { /* a copy carries the header and the processes in use, nothing past them */
        static struct core_routing c;
        memset(&c, 0x5a, sizeof c);
        core_routing_copy(&c, r);
        assert_int_equal(c.n, 8);
        assert_int_equal(c.conv_number, 7);
        assert_int_equal(c.first_number, 1);
        assert_int_equal(c.max_rework, 3);
        assert_memory_equal(c.p, r->p, sizeof r->p[0] * 8);
        assert_string_equal(core_routing_find(&c, 3)->code, "SENSOR_INSPECTION");
        assert_int_equal(((unsigned char *)&c.p[8])[0], 0x5a);
    }

    /* an inactive process is skipped by prev; a legacy database marks P8 SERIAL_CONVERSION
     * too: the lowest active one converts */
    r->p[3].active = 0;
    r->p[7].type = CORE_PT_SERIAL_CONVERSION;
    r->max_rework = 2;
    core_routing_derive(r);
    assert_int_equal(core_routing_prev(r, 5), 3);
    assert_int_equal(r->conv_number, 7);
    assert_int_equal(r->max_rework, 2);
    /* above what a serial's rework_count may hold (0..3): 3 */
    r->max_rework = 5;
    core_routing_derive(r);
    assert_int_equal(r->max_rework, 3);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_SERIAL);
    /* process 7 inactive: process 8 converts */
    r->p[6].active = 0;
    core_routing_derive(r);
    assert_int_equal(r->conv_number, 8);
    assert_int_equal(core_routing_phase(r, 6), CORE_PHASE_WIP);
    /* no conversion at all: everything is WIP-based; process 1 inactive: 2 creates */
    r->p[7].type = CORE_PT_SERIAL;
    r->p[0].active = 0;
    core_routing_derive(r);
    assert_int_equal(r->conv_number, 0);
    assert_int_equal(r->first_number, 2);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_WIP);
    build_routing();
}

static void test_unit_helpers(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    const struct core_attempt *f1, *f2;
    (void)state;
    assert_null(core_unit_latest(u, 1));
    assert_null(core_unit_open(u));
    assert_null(core_unit_on_hold(u));
    assert_int_equal(core_unit_rework_count(u), 0);
    pass_upto(u, 1, 2);
    f1 = fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_REWORK);
    f2 = fail_at(u, 3, "SENSOR_TOF_FAIL", CORE_DEC_NONE);
    assert_ptr_equal(core_unit_latest(u, 3), f2);
    assert_ptr_equal(core_unit_on_hold(u), f2);
    assert_true(f1 != f2);
    assert_true(core_unit_passed(u, 2));
    assert_false(core_unit_passed(u, 3));
    assert_int_equal(core_unit_rework_count(u), 1);
    att(u, 3, CORE_RES_OPEN); /* not possible while on hold, but the helpers still answer */
    assert_ptr_equal(core_unit_open(u), &u->att[4]);
    assert_null(core_unit_on_hold(u)); /* the FAIL is no longer the latest of process 3 */
}

static void test_names(void **state)
{
    enum core_role role = CORE_ROLE_OPERATOR;
    (void)state;
    assert_string_equal(core_role_name(CORE_ROLE_ADMIN), "ADMIN");
    assert_string_equal(core_role_name(CORE_ROLE_MANAGER), "MANAGER");
    assert_string_equal(core_role_name(CORE_ROLE_OPERATOR), "OPERATOR");
    assert_int_equal(core_role_parse("MANAGER", &role), 0);
    assert_int_equal(role, CORE_ROLE_MANAGER);
    assert_int_equal(core_role_parse("ADMIN", &role), 0);
    assert_int_equal(role, CORE_ROLE_ADMIN);
    assert_int_equal(core_role_parse("OPERATOR", &role), 0);
    assert_int_equal(role, CORE_ROLE_OPERATOR);
    assert_int_not_equal(core_role_parse("SUPERVISOR", &role), 0);
    assert_int_not_equal(core_role_parse("", &role), 0);
    assert_string_equal(core_unit_status_name(CORE_US_CONVERTED), "CONVERTED");
    assert_string_equal(core_unit_status_name(CORE_US_SCRAPPED), "SCRAPPED");
    assert_string_equal(core_unit_status_name((enum core_unit_status)42), "?");
    assert_string_equal(core_serial_status_name(CORE_SS_FAILED), "FAILED");
    assert_string_equal(core_serial_status_name(CORE_SS_NONE), "");
    assert_string_equal(core_lot_status_name(CORE_LS_CLOSED), "CLOSED");
    assert_string_equal(core_lot_status_name((enum core_lot_status)42), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_routing_derive, setup_routing),
        cmocka_unit_test_setup(test_unit_helpers, setup_routing),
        cmocka_unit_test_setup(test_names, setup_routing),
    };
    return cmocka_run_group_tests_name("rules_routing", tests, setup_words, NULL);
}
