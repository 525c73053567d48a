/* tests/db/test_quality.c — quarantine holds, genealogy and the Quality screen's figures
 * through the station API (role wip_station), against a real database. The reports'
 * figures themselves are checked by tests/db/quality.sh. */
#include <stdio.h>
#include <string.h>

#include "core/hold.h"
#include "core/lot.h"
#include "core/query.h"
#include "core/report.h"
#include "core/unit.h"
#include "tests/db/dbtest.h"

#define DB "t_quality"

static char q[512];
#define SQLF(...) (snprintf(q, sizeof q, __VA_ARGS__), q)

static struct dbt_station mgr;

static int setup(void **state)
{
    (void)state;
    dbt_fresh(DB);
    dbt_station_open(&mgr, DB, 3, "P3-01", "MG-0001");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dbt_station_close(&mgr);
    return 0;
}

/* A lot with n units that passed process 1 (process 2 is next). */
static void lot_with_units(int n, char lot[51], char wips[][CORE_WIP_LEN + 1])
{
    struct dbt_station p1;
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    dbt_lot(&mgr, 100, lot);
    for (int i = 0; i < n; i++) {
        struct core_label_data l;
        struct core_refusal why;
        struct stn_err err;
        assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
        snprintf(wips[i], CORE_WIP_LEN + 1, "%s", l.wip_id);
        dbt_pass(&p1, l.wip_id);
    }
    dbt_station_close(&p1);
}

/* A hold stops the unit's next start with who, why and when; the release lets it go. */
static void test_hold_unit(void **state)
{
    static struct core_answer ans;
    struct dbt_station p2, op;
    struct core_hold_done done;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], w[2][CORE_WIP_LEN + 1];
    long rt;
    (void)state;
    lot_with_units(2, lot, w);
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_station_open(&op, DB, 2, "P2-02", "OP-0001");
    assert_int_equal(core_hold_place(op.db, &op.a, w[0], "suspect", &done, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ROLE);
    assert_int_equal(core_hold_place(mgr.db, &mgr.a, w[0], "suspect spring lot", &done, &why, &err),
                     STN_OK);
    assert_string_equal(done.target, w[0]);
    assert_int_equal(done.on_lot, 0);
    assert_int_equal(done.units, 1);
    /* the card shows the hold; the scan is refused in two round trips (the routing is
     * loaded by the session's first scan) */
    assert_int_equal(dbt_try_scan(&p2, w[0], &ans, &why), STN_E_RULE);
    rt = core_db_round_trips(p2.db);
    assert_int_equal(dbt_try_scan(&p2, w[0], &ans, &why), STN_E_RULE);
    assert_true(core_db_round_trips(p2.db) - rt <= 2);
    assert_int_equal(why.code, CORE_R_HELD);
    assert_true(ans.unit.hold.active);
    assert_string_equal(ans.unit.hold.reason, "suspect spring lot");
    assert_string_equal(ans.unit.hold.by, "Lee Jiyoung");
    assert_non_null(strstr(why.c, "suspect spring lot")); /* the reason, in the refusal */
    /* another unit of the lot is not held */
    assert_int_equal(dbt_try_scan(&p2, w[1], &ans, &why), STN_OK);
    assert_int_equal(ans.done, CORE_ACT_START);
    /* a second hold names the first */
    assert_int_equal(core_hold_place(mgr.db, &mgr.a, w[0], "again", &done, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ALREADY_HELD);
    assert_non_null(strstr(why.c, "suspect spring lot"));
    assert_non_null(strstr(why.b, "Lee Jiyoung"));
    /* released with a reason, it starts */
    assert_int_equal(core_hold_release(mgr.db, &mgr.a, w[0], "", &done, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_REASON_REQUIRED);
    assert_int_equal(core_hold_release(mgr.db, &mgr.a, w[0], "lot cleared", &done, &why, &err),
                     STN_OK);
    assert_int_equal(core_hold_release(mgr.db, &mgr.a, w[0], "again", &done, &why, &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_NOT_HELD);
    assert_int_equal(dbt_try_scan(&p2, w[0], &ans, &why), STN_OK);
    assert_int_equal(ans.done, CORE_ACT_START);
    assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM wip_audit_log WHERE entity_key = '%s' "
                                     "AND action IN ('HOLD', 'RELEASE')",
                                     w[0])),
                     2);
    assert_int_equal(core_hold_place(mgr.db, &mgr.a, "KR01PSA2511999-W0001", "x", &done, &why,
                                     &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_UNKNOWN_ID);
    dbt_station_close(&p2);
    dbt_station_close(&op);
}

/* A lot's hold stops its units and its next WIP; the line board and the lot count them. */
static void test_hold_lot(void **state)
{
    static struct core_answer ans;
    struct dbt_station p1, p2;
    struct core_hold_done done;
    struct core_refusal why;
    struct stn_err err;
    struct core_label_data l;
    struct core_board b;
    struct core_lot info;
    char lot[51], w[3][CORE_WIP_LEN + 1];
    int held = -1;
    (void)state;
    lot_with_units(3, lot, w);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    assert_int_equal(core_hold_place(mgr.db, &mgr.a, lot, "lot quarantine", &done, &why, &err),
                     STN_OK);
    assert_int_equal(done.on_lot, 1);
    assert_int_equal(done.units, 3);
    assert_int_equal(dbt_try_scan(&p2, w[1], &ans, &why), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_LOT_HELD);
    assert_non_null(strstr(why.b, lot));
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_HELD);
    assert_int_equal(core_lot_get(p1.db, lot, &info, &err), STN_OK);
    assert_true(info.hold.active);
    assert_int_equal(info.held_units, 3);
    assert_int_equal(core_board_get(p1.db, 16, &b, &err), STN_OK);
    for (int i = 0; i < b.n; i++)
        if (!strcmp(b.rows[i].lot_number, lot))
            held = b.rows[i].held;
    core_board_fini(&b);
    assert_int_equal(held, 3);
    /* a unit is released with its lot */
    assert_int_equal(core_hold_release(mgr.db, &mgr.a, w[1], "x", &done, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_HELD_WITH_LOT);
    assert_int_equal(core_hold_release(mgr.db, &mgr.a, lot, "parts checked", &done, &why, &err),
                     STN_OK);
    assert_int_equal(dbt_try_scan(&p2, w[1], &ans, &why), STN_OK);
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
    dbt_station_close(&p1);
    dbt_station_close(&p2);
}

/* A hold that commits between a transition's two round trips: the database refuses the
 * start, the transition runs again, and the station says the unit is held (never
 * "database error"). The test commits the hold from another session (dblink) just before
 * the station's start reaches the database's guard. */
static void test_hold_between_round_trips(void **state)
{
    static struct core_answer ans;
    struct dbt_station p2;
    struct core_refusal why;
    char lot[51], w[1][CORE_WIP_LEN + 1];
    static char sql[2048];
    (void)state;
    lot_with_units(1, lot, w);
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    snprintf(sql, sizeof sql,
             "CREATE EXTENSION IF NOT EXISTS dblink;"
             "CREATE FUNCTION t_late_hold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
             " SET search_path = public AS $$ BEGIN"
             " PERFORM dblink_exec('%s', 'INSERT INTO wip_holds (lot_id, reason, held_by)"
             " SELECT id, ''late hold'', (SELECT id FROM users WHERE badge_code = ''MG-0001'')"
             " FROM lots WHERE lot_number = ''%s'' AND NOT EXISTS (SELECT 1 FROM wip_holds h"
             " WHERE h.released_at IS NULL AND h.lot_id = lots.id)');"
             " RETURN NEW; END $$;"
             "CREATE TRIGGER a_late_hold BEFORE INSERT ON wip_process_history FOR EACH ROW"
             " EXECUTE FUNCTION t_late_hold()",
             dbt_conninfo(DB, "postgres"), lot);
    dbt_sql(DB, sql);
    assert_int_equal(dbt_try_scan(&p2, w[0], &ans, &why), STN_E_RULE);
    dbt_sql(DB, "DROP TRIGGER a_late_hold ON wip_process_history; DROP FUNCTION t_late_hold()");
    assert_int_equal(why.code, CORE_R_LOT_HELD);
    assert_non_null(strstr(why.c, "late hold"));
    assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w"
                                     " ON w.id = h.wip_item_id WHERE w.wip_id = '%s'",
                                     w[0])),
                     1); /* process 1 only: nothing was started */
    dbt_sql(DB, SQLF("UPDATE wip_holds SET released_by = held_by, released_at = now(),"
                     " release_reason = 'test over' WHERE released_at IS NULL"));
    dbt_station_close(&p2);
}

/* The station records the component lots of process 2 (genealogy) in the attempt's own
 * transaction: still two round trips; the trace of a component lot is its where-used. */
static void test_genealogy(void **state)
{
    struct dbt_station p2;
    struct core_trace t;
    struct stn_err err;
    char lot[51], w[2][CORE_WIP_LEN + 1];
    long rt;
    (void)state;
    lot_with_units(2, lot, w);
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_start(&p2, w[0]);
    rt = core_db_round_trips(p2.db);
    dbt_pass(&p2, w[0]);
    assert_true(core_db_round_trips(p2.db) - rt <= 2);
    dbt_start(&p2, w[1]);
    dbt_pass(&p2, w[1]);
    {
        const char *lot2 = dbt_str(DB,
                                   SQLF("SELECT process_data->'measurements'->>'sma_spring_lot' "
                                        "FROM wip_process_history h JOIN wip_items w ON "
                                        "w.id = h.wip_item_id WHERE w.wip_id = '%s' AND "
                                        "h.process_id = 2",
                                        w[0]));
        char spring[64];
        snprintf(spring, sizeof spring, "%s", lot2);
        assert_true(strlen(spring) > 7);
        assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM wip_component_usage WHERE "
                                         "component_lot = '%s'",
                                         spring)),
                         dbt_ll(DB, SQLF("SELECT count(*) FROM wip_process_history WHERE "
                                         "process_data->'measurements'->>'sma_spring_lot' = '%s'",
                                         spring)));
        assert_int_equal(core_trace_get(p2.db, spring, &t, &err), STN_OK);
        assert_true(t.n >= 2);
        assert_int_equal(t.ev[0].kind, CORE_EV_COMPONENT);
        assert_non_null(strstr(t.header, "COMPONENT LOT"));
        core_trace_fini(&t);
    }
    /* the limits the station judged by are those of the criteria version it recorded */
    assert_string_equal(dbt_str(DB, SQLF("SELECT count(*) FROM wip_process_history h WHERE "
                                         "h.process_id = 3 AND h.process_data ? 'measurements' "
                                         "AND NOT EXISTS (SELECT 1 FROM wip_criteria_versions v "
                                         "WHERE v.process_id = 3 AND v.version = "
                                         "h.criteria_version AND wip_criteria_field(v.criteria, "
                                         "'measured_temp') ?& '{min,max}')")),
                        "0");
    dbt_station_close(&p2);
}

/* The Quality screen's figures for the shift: yield per process, top defects, held. */
static void test_quality_screen(void **state)
{
    struct dbt_station p3;
    struct core_quality qs;
    struct core_hold_done done;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], w[2][CORE_WIP_LEN + 1];
    int found = 0;
    (void)state;
    lot_with_units(2, lot, w);
    dbt_walk(DB, w[0], 2, 2);
    dbt_walk(DB, w[1], 2, 2);
    dbt_station_open(&p3, DB, 3, "P3-01", "OP-0001");
    dbt_start(&p3, w[0]);
    dbt_fail(&p3, w[0], "SENSOR_TOF_FAIL");
    assert_int_equal(core_hold_place(mgr.db, &mgr.a, w[1], "check", &done, &why, &err), STN_OK);
    if (core_quality_get(p3.db, 0, &qs, &err) != STN_OK) {
        fprintf(stderr, "quality: %s\n", err.msg);
        fail();
    }
    assert_true(strlen(qs.scope) == 16); /* "YYYY-MM-DD HH:MM" */
    for (int i = 0; i < qs.np; i++)
        if (qs.p[i].process == 3) {
            assert_true(qs.p[i].units >= 1);
            assert_true(qs.p[i].first_pass < qs.p[i].units);
            found = 1;
        }
    assert_true(found);
    assert_true(qs.nd >= 1);
    assert_true(qs.fails >= 1);
    assert_true(qs.held >= 1);
    assert_int_equal(core_quality_get(p3.db, 1, &qs, &err), STN_OK);
    assert_true(strlen(qs.scope) == 10); /* the day */
    dbt_station_close(&p3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hold_unit),
        cmocka_unit_test(test_hold_lot),
        cmocka_unit_test(test_hold_between_round_trips),
        cmocka_unit_test(test_genealogy),
        cmocka_unit_test(test_quality_screen),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
