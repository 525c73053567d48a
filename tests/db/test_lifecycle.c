/* tests/db/test_lifecycle.c — the seed's test plan (its section 5) and the unit rules
 * against a real database, through the station API as role wip_station. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/lot.h"
#include "core/query.h"
#include "core/routing.h"
#include "core/unit.h"
#include "tests/db/dbtest.h"

#define DB "t_lifecycle"

static char q[512];
#define SQLF(...) (snprintf(q, sizeof q, __VA_ARGS__), q)

static struct dbt_station mgr;

static int setup(void **state)
{
    (void)state;
    if (!words_init()) {
        print_error("no Korean: a UTF-8 locale and WIPSTATION_LOCALEDIR are needed\n");
        return -1;
    }
    dbt_fresh(DB);
    dbt_station_open(&mgr, DB, 1, "P1-01", "MG-0001");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dbt_station_close(&mgr);
    return 0;
}

/* Process 1: a new WIP with its attempt open, then the read-back scan passes it. */
static void new_wip(struct dbt_station *p1, const char *lot, char wip[CORE_WIP_LEN + 1])
{
    struct core_label_data l;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    struct core_answer ans;

    assert_int_equal(core_wip_create(p1->db, &p1->a, lot, &l, &why, &err), STN_OK);
    snprintf(wip, CORE_WIP_LEN + 1, "%s", l.wip_id);
    sc = dbt_scan(wip);
    assert_int_equal(core_unit_scan(p1->db, &p1->a, &sc, &ans, &why, &err), STN_OK);
    assert_int_equal(ans.done, CORE_ACT_COMPLETE);
    assert_int_equal(ans.result, CORE_RES_PASS);
}

/* A lot of 100 and its first unit, created and read back at process 1 on p1 (opened here). */
static void first_unit(struct dbt_station *p1, char lot[51], char wip[CORE_WIP_LEN + 1])
{
    dbt_lot(&mgr, 100, lot);
    dbt_station_open(p1, DB, 1, "P1-01", "OP-0001");
    new_wip(p1, lot, wip);
}

static void convert(struct dbt_station *p7, const char *wip, char serial[51])
{
    struct core_scan sc = dbt_scan(wip);
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;

    if (core_unit_scan(p7->db, &p7->a, &sc, &ans, &why, &err) != STN_OK) {
        fprintf(stderr, "convert %s: %s / %s\n", wip, say(&why, 0), err.msg);
        fail();
    }
    assert_int_equal(ans.done, CORE_ACT_CONVERT);
    assert_int_equal(ans.unit.status, CORE_US_CONVERTED);
    snprintf(serial, 51, "%s", ans.unit.serial_number);
    /* the printed label scanned back completes process 7 */
    sc = dbt_scan(serial);
    if (core_unit_scan(p7->db, &p7->a, &sc, &ans, &why, &err) != STN_OK) {
        fprintf(stderr, "verify %s: %s / %s\n", serial, say(&why, 0), err.msg);
        fail();
    }
    assert_int_equal(ans.done, CORE_ACT_VERIFY);
}

/* Seed 5.1: a created WIP ID starts with the lot number. */
static void test_create_wip(void **state)
{
    struct dbt_station p1;
    char lot[51], wip[CORE_WIP_LEN + 1];
    (void)state;
    first_unit(&p1, lot, wip);
    assert_int_equal(strncmp(wip, lot, strlen(lot)), 0);
    assert_string_equal(wip + strlen(lot), "-W0001");
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM lots WHERE lot_number = '%s'", lot)),
                        "IN_PROGRESS");
    dbt_station_close(&p1);
}

/* Seed 5.2: CREATED → IN_PROGRESS → COMPLETED → CONVERTED, and 5.1 conversion. */
static void test_complete_workflow(void **state)
{
    struct dbt_station p1, p7, p8;
    struct core_label_data l;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], serial[51];
    (void)state;
    dbt_lot(&mgr, 100, lot);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", l.wip_id)),
                        "CREATED");
    {
        struct core_scan sc = dbt_scan(l.wip_id);
        struct core_answer ans;
        assert_int_equal(core_unit_scan(p1.db, &p1.a, &sc, &ans, &why, &err), STN_OK);
    }
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", l.wip_id)),
                        "IN_PROGRESS");
    dbt_walk(DB, l.wip_id, 2, 6);
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", l.wip_id)),
                        "COMPLETED");
    dbt_station_open(&p7, DB, 7, "P7-01", "OP-0001");
    convert(&p7, l.wip_id, serial);
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT w.status || ' ' || s.serial_number FROM wip_items w "
                                     "JOIN serials s ON s.id = w.serial_id WHERE w.wip_id = '%s'",
                                     l.wip_id)),
                        (snprintf(serial, sizeof serial, "CONVERTED %.14s0001", lot), serial));
    assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM wip_items WHERE wip_id = '%s' AND "
                                     "converted_at IS NOT NULL AND serial_id IS NOT NULL",
                                     l.wip_id)),
                     1);
    dbt_station_open(&p8, DB, 8, "P8-01", "OP-0001");
    snprintf(serial, sizeof serial, "%.14s0001", lot);
    dbt_start(&p8, serial);
    dbt_pass(&p8, serial);
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM serials WHERE serial_number = '%s'",
                                         serial)),
                        "PASSED");
    dbt_station_close(&p1);
    dbt_station_close(&p7);
    dbt_station_close(&p8);
}

/* UAT 1: ten WIPs through processes 1–8 at eight stations. */
static void test_uat1_ten_units(void **state)
{
    struct dbt_station st[9];
    char lot[51], wips[10][CORE_WIP_LEN + 1], serials[10][51];
    (void)state;
    dbt_lot(&mgr, 10, lot);
    for (int n = 1; n <= 8; n++) {
        char sid[16];
        snprintf(sid, sizeof sid, "P%d-01", n);
        dbt_station_open(&st[n], DB, n, sid, "OP-0001");
    }
    for (int i = 0; i < 10; i++)
        new_wip(&st[1], lot, wips[i]);
    for (int n = 2; n <= 6; n++)
        for (int i = 0; i < 10; i++) {
            dbt_start(&st[n], wips[i]);
            dbt_pass(&st[n], wips[i]);
        }
    for (int i = 0; i < 10; i++)
        convert(&st[7], wips[i], serials[i]);
    for (int i = 0; i < 10; i++) {
        dbt_start(&st[8], serials[i]);
        dbt_pass(&st[8], serials[i]);
    }
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT count(*) FROM wip_items w JOIN lots l ON l.id = w.lot_id "
                                 "WHERE l.lot_number = '%s' AND w.status = 'CONVERTED'",
                                 lot)),
                     10);
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT count(*) FROM serials s JOIN lots l ON l.id = s.lot_id "
                                 "WHERE l.lot_number = '%s' AND s.status = 'PASSED'",
                                 lot)),
                     10);
    assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w "
                                     "ON w.id = h.wip_item_id JOIN lots l ON l.id = w.lot_id WHERE "
                                     "l.lot_number = '%s' AND h.result = 'PASS'",
                                     lot)),
                     60);
    /* the lot reached its target with every unit PASSED: COMPLETED, counts consistent */
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT status || ' ' || passed_quantity || ' ' || "
                                     "failed_quantity || ' ' || actual_quantity FROM lots WHERE "
                                     "lot_number = '%s'",
                                     lot)),
                        "COMPLETED 10 0 10");
    for (int n = 1; n <= 8; n++)
        dbt_station_close(&st[n]);
}

/* UAT 2: FAIL at process 3, supervisor REWORK, rework PASS, the rest proceeds. */
static void test_uat2_rework(void **state)
{
    struct dbt_station p1, p3, sup;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], wip[CORE_WIP_LEN + 1];
    struct core_scan sc;
    (void)state;
    first_unit(&p1, lot, wip);
    dbt_walk(DB, wip, 2, 2);
    dbt_station_open(&p3, DB, 3, "P3-01", "OP-0001");
    dbt_start(&p3, wip);
    dbt_fail(&p3, wip, "SENSOR_TEMP_FAIL");
    /* on hold: another start is refused and names the hold */
    sc = dbt_scan(wip);
    assert_int_equal(core_unit_scan(p3.db, &p3.a, &sc, &ans, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ON_HOLD);
    assert_int_equal(ans.next.action, CORE_ACT_DISPOSITION);
    assert_true(ans.next.rework_allowed);
    /* an operator cannot decide */
    assert_int_equal(core_unit_dispose(p3.db, &p3.a, &sc, CORE_DEC_REWORK, "retest", &ans, &why,
                                       &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ROLE);
    dbt_station_open(&sup, DB, 3, "P3-01", "MG-0001");
    assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_REWORK, "sensor reseated",
                                       &ans, &why, &err),
                     STN_OK);
    dbt_start(&p3, wip);
    dbt_pass(&p3, wip);
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON "
                                 "w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 3 "
                                 "AND h.is_rework AND h.result = 'PASS'",
                                 wip)),
                     1);
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT d.decision || ' ' || u.username || ' ' || d.reason FROM "
                         "wip_dispositions d JOIN users u ON u.id = d.decided_by JOIN "
                         "wip_items w ON w.id = d.wip_item_id WHERE w.wip_id = '%s'",
                         wip)),
        "REWORK lee.jiyoung sensor reseated");
    assert_int_equal(
        dbt_ll(DB, "SELECT count(*) FROM wip_audit_log WHERE action = 'DISPOSITION_REWORK'"), 1);
    dbt_walk(DB, wip, 4, 6);
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", wip)),
                        "COMPLETED");
    dbt_station_close(&p1);
    dbt_station_close(&p3);
    dbt_station_close(&sup);
}

/* Each attempt records the version of the criteria its station judged it with: the one the
 * station read with its routing, until it reads the routing again (a login). */
static void test_criteria_version(void **state)
{
    struct dbt_station p1, p3;
    char lot[51], w[3][CORE_WIP_LEN + 1];
    const struct core_routing *r;
    struct stn_err err;
    (void)state;
    dbt_lot(&mgr, 100, lot);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    for (int i = 0; i < 3; i++) {
        new_wip(&p1, lot, w[i]);
        dbt_walk(DB, w[i], 2, 2);
    }
    dbt_station_open(&p3, DB, 3, "P3-01", "OP-0001");
    dbt_start(&p3, w[0]);
    dbt_pass(&p3, w[0]);
    /* an administrator moves a limit: version 2 */
    dbt_sql(DB, "UPDATE processes SET quality_criteria = jsonb_set(quality_criteria,"
                " '{fields,0,max}', '61.5') WHERE process_number = 3");
    dbt_start(&p3, w[1]);
    dbt_pass(&p3, w[1]); /* still judged with version 1, which it holds */
    core_routing_invalidate(p3.db);
    assert_int_equal(core_routing_get(p3.db, &r, &err), STN_OK);
    assert_int_equal(core_routing_find(r, 3)->criteria_version, 2);
    dbt_start(&p3, w[2]);
    dbt_pass(&p3, w[2]);
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT string_agg(h.criteria_version::text, ' ' ORDER BY"
                         " w.sequence_in_lot) FROM wip_process_history h JOIN wip_items w"
                         " ON w.id = h.wip_item_id JOIN lots l ON l.id = w.lot_id WHERE"
                         " l.lot_number = '%s' AND h.process_id = 3",
                         lot)),
        "1 1 2");
    /* process 1's read-back and process 2 recorded theirs too */
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON"
                                 " w.id = h.wip_item_id JOIN lots l ON l.id = w.lot_id WHERE"
                                 " l.lot_number = '%s' AND h.criteria_version = 1",
                                 lot)),
                     8);
    dbt_station_close(&p1);
    dbt_station_close(&p3);
}

/* UAT 3: starting process 3 while process 2 is incomplete is refused, naming process 2. */
static void test_uat3_skip_refused(void **state)
{
    struct dbt_station p1, p2, p3;
    struct core_answer ans;
    struct core_refusal why;
    char lot[51], wip[CORE_WIP_LEN + 1];
    (void)state;
    first_unit(&p1, lot, wip);
    dbt_station_open(&p3, DB, 3, "P3-01", "OP-0001");
    /* process 2 never started */
    assert_int_equal(dbt_try_scan(&p3, wip, &ans, &why), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_PREV_NOT_PASSED);
    assert_non_null(strstr(say(&why, 0), "Process 2"));
    assert_non_null(strstr(say(&why, 1), "공정 2"));
    /* process 2 started but not completed */
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_start(&p2, wip);
    assert_int_equal(dbt_try_scan(&p3, wip, &ans, &why), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_OPEN_ELSEWHERE);
    assert_non_null(strstr(say(&why, 0), "process 2"));
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON "
                                 "w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 3",
                                 wip)),
                     0);
    dbt_station_close(&p1);
    dbt_station_close(&p2);
    dbt_station_close(&p3);
}

/* Process 1 FAIL scraps at once (not reworkable); a scrapped unit cannot be worked. */
static void test_p1_fail_scraps(void **state)
{
    struct dbt_station p1, p2;
    struct core_label_data l;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    char lot[51];
    (void)state;
    dbt_lot(&mgr, 100, lot);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
    dbt_fail(&p1, l.wip_id, "MARKING_FAIL");
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", l.wip_id)),
                        "SCRAPPED");
    assert_string_equal(dbt_str(DB,
                                SQLF("SELECT decision FROM wip_dispositions d JOIN wip_items w ON "
                                     "w.id = d.wip_item_id WHERE w.wip_id = '%s'",
                                     l.wip_id)),
                        "SCRAP");
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    assert_int_equal(dbt_try_scan(&p2, l.wip_id, &ans, &why), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_SCRAPPED);
    dbt_station_close(&p1);
    dbt_station_close(&p2);
}

/* Three reworks, then the fourth FAIL: only SCRAP. */
static void test_rework_limit(void **state)
{
    struct dbt_station p1, p4, sup;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], wip[CORE_WIP_LEN + 1];
    struct core_scan sc;
    (void)state;
    first_unit(&p1, lot, wip);
    dbt_walk(DB, wip, 2, 3);
    dbt_station_open(&p4, DB, 4, "P4-01", "OP-0001");
    dbt_station_open(&sup, DB, 4, "P4-01", "MG-0001");
    sc = dbt_scan(wip);
    for (int i = 0; i < 3; i++) {
        dbt_start(&p4, wip);
        dbt_fail(&p4, wip, "FIRMWARE_COMM_ERROR");
        assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_REWORK, "retry", &ans,
                                           &why, &err),
                         STN_OK);
    }
    dbt_start(&p4, wip);
    dbt_fail(&p4, wip, "FIRMWARE_UPLOAD_FAIL");
    assert_int_equal(core_unit_look(p4.db, &p4.a, &sc, &ans, &why, &err), STN_OK);
    assert_int_equal(ans.next.action, CORE_ACT_DISPOSITION);
    assert_false(ans.next.rework_allowed);
    assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_REWORK, "again", &ans, &why,
                                       &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_REWORK_LIMIT);
    assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_SCRAP, "firmware flash dead",
                                       &ans, &why, &err),
                     STN_OK);
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", wip)),
                        "SCRAPPED");
    assert_int_equal(dbt_ll(DB,
                            SQLF("SELECT failed_quantity FROM lots WHERE lot_number = '%s'", lot)),
                     1);
    dbt_station_close(&p1);
    dbt_station_close(&p4);
    dbt_station_close(&sup);
}

/* Completing twice (scanner bounce) is refused and changes nothing. */
static void test_complete_twice(void **state)
{
    struct dbt_station p1, p2;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], wip[CORE_WIP_LEN + 1];
    struct core_scan sc;
    struct core_completion c;
    long long before;
    (void)state;
    first_unit(&p1, lot, wip);
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_start(&p2, wip);
    dbt_pass(&p2, wip);
    before = dbt_ll(DB, "SELECT count(*) FROM wip_process_history");
    sc = dbt_scan(wip);
    c = (struct core_completion){ CORE_RES_PASS, NULL, NULL, dbt_pass_values(&p2) };
    assert_int_equal(core_unit_complete(p2.db, &p2.a, &sc, &c, &ans, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ALREADY_COMPLETED);
    assert_int_equal(dbt_ll(DB, "SELECT count(*) FROM wip_process_history"), before);
    /* a FAIL needs a defect code of this process */
    dbt_station_close(&p2);
    dbt_station_open(&p2, DB, 3, "P3-01", "OP-0001");
    dbt_start(&p2, wip);
    c = (struct core_completion){ CORE_RES_FAIL, NULL, NULL, NULL };
    assert_int_equal(core_unit_complete(p2.db, &p2.a, &sc, &c, &ans, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_DEFECT_REQUIRED);
    c.defect = "PACKAGING_ERROR";
    assert_int_equal(core_unit_complete(p2.db, &p2.a, &sc, &c, &ans, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_DEFECT_UNKNOWN);
    /* PASS with a required field empty is refused */
    c = (struct core_completion){ CORE_RES_PASS, NULL, NULL, (const char *const[]){ "", "PASS" } };
    assert_int_equal(core_unit_complete(p2.db, &p2.a, &sc, &c, &ans, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_FIELD_REQUIRED);
    /* measurements and defect are stored as JSONB */
    c = (struct core_completion){ CORE_RES_FAIL, "SENSOR_TEMP_FAIL", "too hot",
                                  (const char *const[]){ "63.5", "PASS" } };
    assert_int_equal(core_unit_complete(p2.db, &p2.a, &sc, &c, &ans, &why, &err), STN_OK);
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT (process_data->'measurements'->>'measured_temp') || ' ' "
                         "|| (process_data->>'defect') || ' ' || (process_data->>'notes') "
                         "FROM wip_process_history h JOIN wip_items w ON w.id = "
                         "h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 3",
                         wip)),
        "63.5 SENSOR_TEMP_FAIL too hot");
    dbt_station_close(&p1);
    dbt_station_close(&p2);
}

/* An attempt opened behind the unit's row lock (another system writing the table) makes
 * the start fail on the one-open-attempt index: core recognises the index by the
 * constraint the server names, so the refusal is "busy, scan again" whether or not the
 * caller asked for the error text, and nothing is recorded. */
static void test_open_elsewhere(void **state)
{
    /* the other system: an open attempt of the unit right before the station's own */
    static const char other_system[] =
        "CREATE FUNCTION t_open_elsewhere() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN IF pg_trigger_depth() = 1 AND NEW.station_id = 'P2-ELSEWHERE' THEN"
        "  INSERT INTO wip_process_history (wip_item_id, process_id, started_at)"
        "  VALUES (NEW.wip_item_id, NEW.process_id, now()); END IF; RETURN NEW; END $$;"
        " CREATE TRIGGER t_open_elsewhere BEFORE INSERT ON wip_process_history"
        " FOR EACH ROW EXECUTE FUNCTION t_open_elsewhere()";
    char lot[51], wip[CORE_WIP_LEN + 1];
    struct dbt_station p1, p2;
    struct core_scan sc;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    long long before;
    (void)state;
    dbt_sql(DB, other_system);
    first_unit(&p1, lot, wip);
    dbt_station_open(&p2, DB, 2, "P2-ELSEWHERE", "OP-0001");
    before = dbt_ll(DB, "SELECT count(*) FROM wip_process_history");
    sc = dbt_scan(wip);
    assert_int_equal(core_unit_scan(p2.db, &p2.a, &sc, &ans, &why, &err), STN_E_DUPLICATE);
    assert_int_equal(why.code, CORE_R_BUSY);
    assert_int_equal(err.code, STN_E_DUPLICATE);
    assert_string_equal(err.sqlstate, "23505");
    assert_int_equal(core_unit_scan(p2.db, &p2.a, &sc, &ans, &why, NULL), STN_E_DUPLICATE);
    assert_int_equal(why.code, CORE_R_BUSY);
    assert_int_equal(dbt_ll(DB, "SELECT count(*) FROM wip_process_history"), before);
    dbt_sql(DB, "DROP TRIGGER t_open_elsewhere ON wip_process_history;"
                " DROP FUNCTION t_open_elsewhere()");
    dbt_start(&p2, wip); /* the station's session is fine afterwards */
    dbt_station_close(&p1);
    dbt_station_close(&p2);
}

/* Round trips per transition: at most 2, commit included (docs/DESIGN.md, Transactions). */
static void test_round_trips(void **state)
{
    struct dbt_station p1, p2, p7;
    char lot[51], wip[CORE_WIP_LEN + 1], serial[51];
    long rt;
    (void)state;
    first_unit(&p1, lot, wip);
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_start(&p2, wip); /* warm: routing loaded, statements prepared */
    dbt_pass(&p2, wip);
    dbt_walk(DB, wip, 3, 5);
    dbt_station_close(&p2);
    dbt_station_open(&p2, DB, 6, "P6-01", "OP-0001");
    {
        struct core_scan sc = dbt_scan("KR01PSA0001001-W0001");
        struct core_answer ans;
        struct core_refusal why;
        struct stn_err err;
        core_unit_look(p2.db, &p2.a, &sc, &ans, &why, &err); /* loads routing */
    }
    rt = core_db_round_trips(p2.db);
    dbt_start(&p2, wip);
    print_message("round trips: start %ld\n", core_db_round_trips(p2.db) - rt);
    assert_true(core_db_round_trips(p2.db) - rt <= 2);
    rt = core_db_round_trips(p2.db);
    dbt_pass(&p2, wip);
    print_message("round trips: complete %ld\n", core_db_round_trips(p2.db) - rt);
    assert_true(core_db_round_trips(p2.db) - rt <= 2);
    dbt_station_open(&p7, DB, 7, "P7-01", "OP-0001");
    {
        struct core_scan sc = dbt_scan("KR01PSA0001001-W0001");
        struct core_answer ans;
        struct core_refusal why;
        struct stn_err err;
        core_unit_look(p7.db, &p7.a, &sc, &ans, &why, &err);
    }
    rt = core_db_round_trips(p7.db);
    convert(&p7, wip, serial);
    print_message("round trips: convert + verify %ld\n", core_db_round_trips(p7.db) - rt);
    assert_true(core_db_round_trips(p7.db) - rt <= 4);
    { /* CMD:NEW at process 1: the WIP, its card and the lot after it, in 2 */
        struct core_wip_created made;
        struct core_refusal why;
        struct stn_err err;
        rt = core_db_round_trips(p1.db);
        assert_int_equal(core_wip_create_show(p1.db, &p1.a, lot, &made, &why, &err), STN_OK);
        print_message("round trips: create with card and lot %ld\n",
                      core_db_round_trips(p1.db) - rt);
        assert_int_equal(core_db_round_trips(p1.db) - rt, 2);
        assert_true(made.card.found);
        assert_string_equal(made.card.unit.wip_id, made.label.wip_id);
        assert_int_equal(made.card.unit.n_att, 1);
        assert_int_equal(made.card.unit.att[0].process, 1);
        assert_int_equal(made.card.unit.att[0].result, CORE_RES_OPEN);
        assert_int_equal(made.card.next.action, CORE_ACT_COMPLETE);
        assert_true(made.lot_read);
        assert_string_equal(made.lot.lot_number, lot);
        assert_int_equal(made.lot.units, 2);
    }
    dbt_station_close(&p1);
    dbt_station_close(&p2);
    dbt_station_close(&p7);
}

/* Unknown IDs and closed lots. */
static void test_unknown_and_closed(void **state)
{
    struct dbt_station p2;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc = dbt_scan("KR01PSA2511999-W0042");
    (void)state;
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    assert_int_equal(core_unit_scan(p2.db, &p2.a, &sc, &ans, &why, &err), STN_E_NOT_FOUND);
    assert_int_equal(why.code, CORE_R_UNKNOWN_ID);
    assert_int_equal(core_unit_look(p2.db, &p2.a, &sc, &ans, &why, &err), STN_E_NOT_FOUND);
    dbt_station_close(&p2);
}

/* Trace of a unit and of its lot; the line board with first-pass yield. */
static void test_trace_and_board(void **state)
{
    struct dbt_station p1, p2, sup;
    struct core_trace t;
    struct core_board b;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    char lot[51], w1[CORE_WIP_LEN + 1], w2[CORE_WIP_LEN + 1];
    struct core_scan sc;
    int found_fail = 0, found_rework = 0;
    (void)state;
    dbt_lot(&mgr, 5, lot);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
    dbt_station_open(&sup, DB, 2, "P2-01", "MG-0001");
    new_wip(&p1, lot, w1);
    new_wip(&p1, lot, w2);
    dbt_start(&p2, w1);
    dbt_fail(&p2, w1, "PART_DEFECT");
    sc = dbt_scan(w1);
    assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_REWORK, "new spring", &ans,
                                       &why, &err),
                     STN_OK);
    dbt_start(&p2, w1);
    dbt_pass(&p2, w1);
    dbt_start(&p2, w2);
    assert_int_equal(core_trace_get(p2.db, w1, &t, &err), STN_OK);
    assert_non_null(strstr(t.header, w1));
    assert_true(t.n >= 5);
    assert_int_equal(t.ev[0].kind, CORE_EV_CREATED);
    for (int i = 0; i < t.n; i++) {
        if (t.ev[i].process == 2 && !strcmp(t.ev[i].what, "FAIL") &&
            strstr(t.ev[i].detail, "PART_DEFECT"))
            found_fail = 1;
        if (t.ev[i].kind == CORE_EV_DISPOSITION && !strcmp(t.ev[i].what, "REWORK"))
            found_rework = 1;
    }
    assert_true(found_fail);
    assert_true(found_rework);
    core_trace_fini(&t);
    assert_int_equal(core_trace_get(p2.db, lot, &t, &err), STN_OK);
    assert_non_null(strstr(t.header, "LOT"));
    assert_true(t.n >= 8);
    core_trace_fini(&t);
    assert_int_equal(core_trace_get(p2.db, "KR01PSA2511999", &t, &err), STN_E_NOT_FOUND);
    core_trace_fini(&t);
    assert_int_equal(core_board_get(p2.db, 10, &b, &err), STN_OK);
    assert_true(b.n >= 1);
    assert_string_equal(b.rows[0].lot_number, lot);
    assert_int_equal(b.rows[0].units, 2);
    assert_int_equal(b.rows[0].cell[1].passed, 2);
    assert_int_equal(b.rows[0].cell[2].passed, 1);
    assert_int_equal(b.rows[0].cell[2].in_progress, 1);
    assert_int_equal(b.rows[0].cell[2].attempted, 1);
    assert_int_equal(b.rows[0].cell[2].first_pass, 0);
    assert_int_equal(b.rows[0].cell[3].waiting, 1);
    core_board_fini(&b);
    dbt_station_close(&p1);
    dbt_station_close(&p2);
    dbt_station_close(&sup);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void nap_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Notifications received by a listening session within wait_ms (polled every 10 ms). */
static int notifications(struct core_db *db, long wait_ms)
{
    int n = 0, got;
    long end = now_ms() + wait_ms;
    do {
        nap_ms(10);
        got = core_db_drain_notifications(db, NULL, NULL);
        assert_true(got >= 0);
        n += got;
    } while (now_ms() < end);
    return n;
}

/* Migration 004: boards hear about changes through LISTEN/NOTIFY, at most once per tenth
 * of a second for the whole line (a NOTIFY in every transition serialised the commits),
 * and a lone change after a quiet tenth is always announced. */
static void test_notifications(void **state)
{
    struct dbt_station p1, board;
    struct stn_err err;
    char lot[51], w[CORE_WIP_LEN + 1];
    long t0, burst_ms;
    int n;
    (void)state;
    dbt_lot(&mgr, 40, lot);
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    dbt_station_open(&board, DB, 2, "P2-01", "OP-0001");
    assert_int_equal(core_db_listen(board.db, &err), STN_OK);
    assert_int_equal(notifications(board.db, 150), 0);
    /* a lone change */
    new_wip(&p1, lot, w);
    assert_int_equal(notifications(board.db, 300) >= 1, 1);
    /* a burst: 30 WIPs created and passed, 60 transitions */
    t0 = now_ms();
    for (int i = 0; i < 30; i++)
        new_wip(&p1, lot, w);
    burst_ms = now_ms() - t0;
    n = notifications(board.db, 300);
    fprintf(stderr, "notifications: %d for 60 transitions in %ld ms\n", n, burst_ms);
    assert_true(n >= 1);
    assert_true(n <= burst_ms / 100 + 2);
    /* quiet, then one more change: announced */
    dbt_start(&board, w);
    assert_int_equal(notifications(board.db, 300) >= 1, 1);
    dbt_station_close(&p1);
    dbt_station_close(&board);
}

/* The status trigger (migration 004 keeps migration 002's rules in one UPDATE): a PASS
 * moves the unit forward, also from a current process without a number (a routing adopted
 * from the old system), never back; a CONVERTED unit is never touched. */
/* Records a finished attempt of unit pk at process by SQL, as the trigger sees one; the unit's
 * "process status" after it. */
static const char *recorded(const char *db, long long pk, int process, const char *result)
{
    dbt_sql(db, SQLF("INSERT INTO wip_process_history (wip_item_id, process_id, started_at,"
                     " completed_at, result) VALUES (%lld, %d, NOW(), NOW(), '%s')",
                     pk, process, result));
    return dbt_str(db, SQLF("SELECT current_process_id || ' ' || status FROM wip_items"
                            " WHERE id = %lld",
                            pk));
}

static void test_status_trigger(void **state)
{
#define TDB "t_trigger"
    struct dbt_station m, p1;
    char lot[51], w[CORE_WIP_LEN + 1], before[64];
    long long pk;
    (void)state;
    dbt_fresh(TDB);
    dbt_station_open(&m, TDB, 1, "P1-01", "MG-0001");
    dbt_station_open(&p1, TDB, 1, "P1-01", "OP-0001");
    dbt_lot(&m, 5, lot);
    new_wip(&p1, lot, w);
    dbt_station_close(&p1);
    dbt_station_close(&m);
    pk = dbt_ll(TDB, SQLF("SELECT id FROM wip_items WHERE wip_id = '%s'", w));
    dbt_sql(TDB, "ALTER TABLE processes ALTER COLUMN process_number DROP NOT NULL");
    dbt_sql(TDB, "UPDATE processes SET process_number = NULL WHERE id = 8");
    dbt_sql(TDB, SQLF("UPDATE wip_items SET current_process_id = 8 WHERE id = %lld", pk));
    assert_string_equal(recorded(TDB, pk, 3, "PASS"), "3 IN_PROGRESS");
    /* a PASS at an earlier process does not move it back */
    assert_string_equal(recorded(TDB, pk, 2, "PASS"), "3 IN_PROGRESS");
    /* the last WIP process completes it */
    assert_string_equal(recorded(TDB, pk, 6, "PASS"), "6 COMPLETED");
    /* a CONVERTED unit: neither status, process nor updated_at change */
    dbt_sql(TDB, SQLF("UPDATE wip_items SET status = 'CONVERTED' WHERE id = %lld", pk));
    snprintf(before, sizeof before, "%s",
             dbt_str(TDB, SQLF("SELECT updated_at::text FROM wip_items WHERE id = %lld", pk)));
    assert_string_equal(recorded(TDB, pk, 5, "FAIL"), "6 CONVERTED");
    assert_string_equal(dbt_str(TDB,
                                SQLF("SELECT updated_at::text FROM wip_items WHERE id = %lld", pk)),
                        before);
#undef TDB
}

/* Lots: numbering, who may create and close, closing only when every unit is done. */
static void test_lots(void **state)
{
    struct dbt_station op;
    struct core_lot l, l2;
    struct core_refusal why;
    struct stn_err err;
    struct core_label_data w;
    struct core_label_data batch[2];
    int first = 0;
    (void)state;
    dbt_station_open(&op, DB, 1, "P1-01", "OP-0001");
    assert_int_equal(core_lot_create(op.db, &op.a, "KR01", "PSA", NULL, 10, &l, &why, &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ROLE);
    assert_int_equal(core_lot_create(mgr.db, &mgr.a, "ZZ99", "PSA", NULL, 10, &l, &why, &err),
                     STN_E_RULE);
    assert_int_equal(why.code, CORE_R_UNKNOWN_ID);
    assert_int_equal(core_lot_create(mgr.db, &mgr.a, "KR01", "PSA", "2025-02-30x", 10, &l, &why,
                                     &err),
                     STN_E_RULE);
    assert_int_equal(core_lot_create(mgr.db, &mgr.a, "KR01", "PSA", NULL, 201, &l, &why, &err),
                     STN_E_RULE);
    assert_int_equal(core_lot_create(mgr.db, &mgr.a, "KR01", "PSA", "2024-03-01", 3, &l, &why,
                                     &err),
                     STN_OK);
    assert_string_equal(l.lot_number, "KR01PSA2403001");
    assert_int_equal(core_lot_create(mgr.db, &mgr.a, "KR01", "PSA", "2024-03-09", 3, &l2, &why,
                                     &err),
                     STN_OK);
    assert_string_equal(l2.lot_number, "KR01PSA2403002");
    /* batch creation: supervisors only, never past the target */
    assert_int_equal(core_wip_batch_create(op.db, &op.a, l.lot_number, 2, &first, NULL, &why, &err),
                     STN_E_RULE);
    assert_int_equal(core_wip_batch_create(mgr.db, &mgr.a, l.lot_number, 2, &first, batch, &why,
                                           &err),
                     STN_OK);
    assert_int_equal(first, 1);
    /* what their labels need, in order */
    assert_string_equal(batch[0].wip_id, "KR01PSA2403001-W0001");
    assert_string_equal(batch[1].wip_id, "KR01PSA2403001-W0002");
    assert_true(batch[0].wip_pk > 0 && batch[1].wip_pk > batch[0].wip_pk);
    assert_true(batch[0].lot_pk == l.id && batch[1].lot_pk == l.id);
    assert_string_equal(batch[1].lot, l.lot_number);
    assert_string_equal(batch[1].model_code, "PSA");
    assert_string_equal(batch[1].production_date, "2024-03-01");
    assert_string_equal(batch[1].serial, "");
    assert_int_equal(core_wip_create(op.db, &op.a, l.lot_number, &w, &why, &err), STN_OK);
    assert_string_equal(w.wip_id, "KR01PSA2403001-W0003");
    assert_int_equal(core_wip_create(op.db, &op.a, l.lot_number, &w, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_LOT_FULL);
    assert_int_equal(why.n, 0); /* how many more fit */
    assert_string_equal(why.b, "3");
    /* a batch-created WIP is started at process 1 by its first scan */
    dbt_start(&op, "KR01PSA2403001-W0001");
    /* closing needs every unit PASSED or SCRAPPED */
    assert_int_equal(core_lot_close(op.db, &op.a, l.lot_number, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_ROLE);
    assert_int_equal(core_lot_close(mgr.db, &mgr.a, l.lot_number, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_LOT_NOT_DONE);
    assert_int_equal(core_lot_close(mgr.db, &mgr.a, l2.lot_number, &why, &err), STN_OK);
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM lots WHERE lot_number = '%s'",
                                         l2.lot_number)),
                        "CLOSED");
    assert_int_equal(
        dbt_ll(DB, SQLF("SELECT count(*) FROM wip_audit_log WHERE action = 'LOT_CLOSE' AND "
                        "entity_key = '%s'",
                        l2.lot_number)),
        1);
    assert_int_equal(core_lot_close(mgr.db, &mgr.a, l2.lot_number, &why, &err), STN_E_RULE);
    assert_int_equal(core_wip_create(op.db, &op.a, l2.lot_number, &w, &why, &err), STN_E_RULE);
    assert_int_equal(why.code, CORE_R_LOT_CLOSED);
    dbt_station_close(&op);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_wip),        cmocka_unit_test(test_complete_workflow),
        cmocka_unit_test(test_uat1_ten_units),    cmocka_unit_test(test_uat2_rework),
        cmocka_unit_test(test_uat3_skip_refused), cmocka_unit_test(test_criteria_version),
        cmocka_unit_test(test_p1_fail_scraps),    cmocka_unit_test(test_rework_limit),
        cmocka_unit_test(test_complete_twice),    cmocka_unit_test(test_open_elsewhere),
        cmocka_unit_test(test_round_trips),       cmocka_unit_test(test_unknown_and_closed),
        cmocka_unit_test(test_trace_and_board),   cmocka_unit_test(test_notifications),
        cmocka_unit_test(test_status_trigger),    cmocka_unit_test(test_lots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
