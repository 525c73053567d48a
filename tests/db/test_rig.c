/* tests/db/test_rig.c — a rig's START and COMPLETE through core (core/rig.h) against a real
 * database as role wip_station: the station judges the rig's values, keeps them beside
 * its judgement, records every key once and answers a repeated key with the first reply,
 * in two round trips per transition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lot.h"
#include "core/rig.h"
#include "core/routing.h"
#include "core/unit.h"
#include "tests/db/dbtest.h"

#define DB "t_rig"

static char q[1024];
#define SQLF(...) (snprintf(q, sizeof q, __VA_ARGS__), q)

static struct dbt_station mgr, p3;
static char lot[51];
static int next_seq;

static int setup(void **state)
{
    const struct core_routing *r;
    struct stn_err err;
    (void)state;
    dbt_fresh(DB);
    dbt_station_open(&mgr, DB, 1, "P1-01", "MG-0001");
    dbt_station_open(&p3, DB, 3, "P3-01", "OP-0001");
    /* the routing is read once per session: not part of a transition's round trips */
    assert_int_equal(core_routing_get(p3.db, &r, &err), STN_OK);
    dbt_lot(&mgr, 200, lot);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dbt_station_close(&p3);
    dbt_station_close(&mgr);
    return 0;
}

/* A new unit that passed processes 1 and 2: it waits for process 3. */
static void unit_at_p3(char wip[CORE_WIP_LEN + 1])
{
    struct dbt_station p1;
    struct core_label_data l;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    struct core_answer ans;

    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
    sc = dbt_scan(l.wip_id);
    assert_int_equal(core_unit_scan(p1.db, &p1.a, &sc, &ans, &why, &err), STN_OK);
    dbt_station_close(&p1);
    dbt_walk(DB, l.wip_id, 2, 2);
    snprintf(wip, CORE_WIP_LEN + 1, "%s", l.wip_id);
    next_seq++;
}

/* The reply stored with a key: what the tests compare on replay. */
static const char *reply(void *ctx, const struct core_rig_msg *m, const struct core_rig_result *r)
{
    static char buf[256];
    (void)ctx;
    snprintf(buf, sizeof buf,
             "{\"type\":\"%s\",\"unit\":\"%s\",\"result\":\"%s\",\"defect\":\"%s\"}",
             core_rig_type_name(m->type), m->unit.text,
             m->type == CORE_RIG_START      ? ""
             : r->recorded == CORE_RES_PASS ? "PASS"
                                            : "FAIL",
             r->defect);
    return buf;
}

struct run {
    enum stn_code rc;
    struct core_rig_result res;
    struct core_refusal why;
    struct stn_err err;
    long round_trips;
};

/* Decodes json and applies it at station s. */
static void apply(struct dbt_station *s, const char *json, unsigned flags,
                  const enum core_result *override, const char *defect, struct run *out)
{
    struct core_rig_msg m;
    struct core_rig_req req;
    long rt0 = core_db_round_trips(s->db);

    if (core_rig_decode(json, strlen(json), 0, &m, NULL, &out->err) != STN_OK) {
        fprintf(stderr, "decode: %s\n", out->err.msg);
        fail();
    }
    memset(&req, 0, sizeof req);
    req.msg = &m;
    req.flags = flags;
    req.result = override;
    req.defect = defect;
    req.reply = reply;
    out->rc = core_rig_apply(s->db, &s->a, &req, &out->res, &out->why, &out->err);
    out->round_trips = core_db_round_trips(s->db) - rt0;
    core_rig_msg_fini(&m);
}

static void done(struct run *r)
{
    core_rig_result_fini(&r->res);
}

static char *start_json(const char *wip, const char *id)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "{\"message_type\":\"START\",\"wip_id\":\"%s\"%s%s%s}", wip,
             id ? ",\"msg_id\":\"" : "", id ? id : "", id ? "\"" : "");
    return buf;
}

/* A new unit waiting for process 3 (unit_at_p3) that the rig has started there. */
static void started_at_p3(char wip[CORE_WIP_LEN + 1])
{
    struct run r;
    unit_at_p3(wip);
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    done(&r);
}

/* A COMPLETE of process 3 (measured_temp, tof_i2c) with the rig's verdict and extra items. */
static char *complete_json(const char *wip, const char *result, const char *temp, const char *tof,
                           const char *extra)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"message_type\":\"COMPLETE\",\"wip_id\":\"%s\",\"result\":\"%s\","
             "\"measurements\":[%s%s%s%s%s]}",
             wip, result, temp ? temp : "", temp && (tof || extra) ? "," : "", tof ? tof : "",
             tof && extra ? "," : "", extra ? extra : "");
    return buf;
}

#define TEMP_OK \
    "{\"code\":\"MEASURED_TEMP\",\"value\":60.2,\"unit\":\"C\",\"spec\":{\"min\":59,\"max\":61},\"result\":\"PASS\"}"
#define TEMP_HIGH "{\"code\":\"measured_temp\",\"value\":63.2,\"unit\":\"C\",\"result\":\"PASS\"}"
#define TOF_OK "{\"code\":\"tof_i2c\",\"value\":1,\"result\":\"PASS\"}"

static long long count(const char *sql)
{
    return dbt_ll(DB, sql);
}

static void test_start_then_complete(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    (void)state;
    unit_at_p3(wip);
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    assert_int_equal(r.res.card.done, CORE_ACT_START);
    assert_int_equal(r.round_trips, 2);
    assert_non_null(strstr(r.res.key, "sha256:"));
    done(&r);
    assert_int_equal(count(SQLF("SELECT count(*) FROM wip_rig_messages m JOIN wip_process_history h"
                                " ON h.id = m.history_id JOIN wip_items w ON w.id = h.wip_item_id"
                                " WHERE w.wip_id = '%s' AND h.completed_at IS NULL"
                                " AND m.message_type = 'START' AND m.station_id = 'P3-01'",
                                wip)),
                     1);

    apply(&p3, complete_json(wip, "PASS", TEMP_OK, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    assert_int_equal(r.res.recorded, CORE_RES_PASS);
    assert_int_equal(r.res.judgement.proposal, CORE_RES_PASS);
    assert_int_equal(r.round_trips, 2);
    done(&r);
    /* the station's values and judgement, and the rig's data beside them */
    assert_string_equal(
        dbt_str(DB,
                SQLF("SELECT h.result || ' ' || (h.process_data->'measurements'->>'measured_temp')"
                     " || ' ' || (h.process_data->'judgement'->>'tof_i2c')"
                     " || ' ' || (h.process_data->'rig'->'items'->0->'spec'->>'max')"
                     " || ' ' || (h.process_data->>'source')"
                     " FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id"
                     " WHERE w.wip_id = '%s' AND h.process_id = 3",
                     wip)),
        "PASS 60.2 PASS 61 rig");
    assert_string_equal(dbt_str(DB, SQLF("SELECT status FROM wip_items WHERE wip_id = '%s'", wip)),
                        "IN_PROGRESS");
}

/* The same START and COMPLETE again: nothing recorded, the first reply again. */
static void test_duplicates_replay(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    long long rows, atts;
    (void)state;
    unit_at_p3(wip);
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    done(&r);
    rows = count("SELECT count(*) FROM wip_rig_messages");
    atts = count("SELECT count(*) FROM wip_process_history");
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_REPLAY);
    assert_non_null(r.res.reply);
    assert_non_null(strstr(r.res.reply, "\"type\":\"START\""));
    done(&r);
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    assert_int_equal(r.res.recorded, CORE_RES_FAIL);
    done(&r);
    for (int i = 0; i < 3; i++) {
        apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, NULL, NULL, &r);
        assert_int_equal(r.rc, STN_OK);
        assert_int_equal(r.res.outcome, CORE_RIG_REPLAY);
        assert_non_null(strstr(r.res.reply, "\"result\":\"FAIL\",\"defect\":\"SENSOR_TEMP_FAIL\""));
        assert_int_equal(r.round_trips, 2);
        done(&r);
    }
    assert_int_equal(count("SELECT count(*) FROM wip_rig_messages"), rows + 1);
    assert_int_equal(count("SELECT count(*) FROM wip_process_history"), atts);
}

/* A rig's own id: once per station; the same id with other content is refused. */
static void test_msg_id(void **state)
{
    char a[CORE_WIP_LEN + 1], b[CORE_WIP_LEN + 1];
    struct run r;
    (void)state;
    unit_at_p3(a);
    unit_at_p3(b);
    apply(&p3, start_json(a, "rig3-0001"), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    assert_string_equal(r.res.key, "id:rig3-0001");
    done(&r);
    apply(&p3, start_json(a, "rig3-0001"), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_REPLAY);
    done(&r);
    apply(&p3, start_json(b, "rig3-0001"), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_RIG_KEY_REUSED);
    done(&r);
    assert_int_equal(count(SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON"
                                " w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 3",
                                b)),
                     0);
    /* another id starts b */
    apply(&p3, start_json(b, "rig3-0002"), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    done(&r);
}

static void test_complete_refusals(void **state)
{
    char wip[CORE_WIP_LEN + 1], other[CORE_WIP_LEN + 1];
    struct run r;
    (void)state;
    unit_at_p3(wip);
    /* COMPLETE without START */
    apply(&p3, complete_json(wip, "PASS", TEMP_OK, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_NOT_STARTED);
    done(&r);
    /* COMPLETE for a unit at another process (open at process 2 elsewhere) */
    {
        struct dbt_station p1, p2;
        struct core_label_data l;
        struct core_scan sc;
        struct core_answer ans;
        dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
        assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &r.why, &r.err), STN_OK);
        sc = dbt_scan(l.wip_id);
        assert_int_equal(core_unit_scan(p1.db, &p1.a, &sc, &ans, &r.why, &r.err), STN_OK);
        dbt_station_close(&p1);
        dbt_station_open(&p2, DB, 2, "P2-01", "OP-0001");
        dbt_start(&p2, l.wip_id);
        dbt_station_close(&p2);
        snprintf(other, sizeof other, "%s", l.wip_id);
    }
    apply(&p3, complete_json(other, "PASS", TEMP_OK, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_OPEN_ELSEWHERE);
    done(&r);
    apply(&p3, start_json(other, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.why.code, CORE_R_OPEN_ELSEWHERE);
    done(&r);
    /* a message for another process */
    apply(&p3, "{\"message_type\":\"START\",\"wip_id\":\"KR01PSA2511001-W0001\",\"process_id\":4}",
          0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_RIG_OTHER_PROCESS);
    assert_int_equal(r.round_trips, 0);
    done(&r);
    /* an unknown unit */
    apply(&p3, start_json("KR01PSA2511999-W0199", NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_NOT_FOUND);
    assert_int_equal(r.why.code, CORE_R_UNKNOWN_ID);
    done(&r);
    /* a string for a number: not judged, not recorded */
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    done(&r);
    apply(&p3,
          complete_json(wip, "PASS", "{\"code\":\"measured_temp\",\"value\":\"60.0\"}", TOF_OK,
                        NULL),
          0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_FIELD_INVALID);
    done(&r);
    apply(&p3, complete_json(wip, "PASS", TEMP_OK, "{\"code\":\"tof_i2c\",\"value\":2}", NULL), 0,
          NULL, NULL, &r);
    assert_int_equal(r.why.code, CORE_R_FIELD_INVALID);
    done(&r);
    assert_int_equal(
        count(SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON"
                   " w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.completed_at IS NOT NULL"
                   " AND h.process_id = 3",
                   wip)),
        0);
}

/* What the station finds: out of spec, missing, unknown, disagreement, the rig's FAIL. */
static void judged(const char *json_fmt_result, const char *temp, const char *tof,
                   const char *extra, enum core_result want, const char *defect)
{
    char wip[CORE_WIP_LEN + 1], expect[64];
    struct run r;
    started_at_p3(wip);
    apply(&p3, complete_json(wip, json_fmt_result, temp, tof, extra), 0, NULL, NULL, &r);
    if (r.rc != STN_OK)
        fprintf(stderr, "complete: %s / %s\n", core_reason_name(r.why.code), r.err.msg);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.recorded, want);
    assert_string_equal(r.res.defect, defect);
    done(&r);
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT h.result || ' ' || COALESCE(h.process_data->>'defect', '-')"
                         " FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id"
                         " WHERE w.wip_id = '%s' AND h.process_id = 3",
                         wip)),
        (snprintf(expect, sizeof expect, "%s %s", want == CORE_RES_PASS ? "PASS" : "FAIL",
                  *defect ? defect : "-"),
         expect));
}

static void test_judgement(void **state)
{
    (void)state;
    judged("PASS", TEMP_OK, TOF_OK, NULL, CORE_RES_PASS, "");
    judged("PASS", TEMP_HIGH, TOF_OK, NULL, CORE_RES_FAIL, "SENSOR_TEMP_FAIL");
    judged("PASS", TEMP_OK, NULL, NULL, CORE_RES_FAIL, "SENSOR_TOF_FAIL"); /* missing */
    judged("PASS", TEMP_OK, TOF_OK, "{\"code\":\"VOLTAGE\",\"value\":12}", CORE_RES_FAIL,
           "SENSOR_TEMP_FAIL"); /* unknown item: the process's first defect */
    judged("PASS", TEMP_OK, "{\"code\":\"tof_i2c\",\"value\":1,\"result\":\"FAIL\"}", NULL,
           CORE_RES_FAIL, "SENSOR_TOF_FAIL"); /* the rig disagrees */
    judged("FAIL", TEMP_OK, TOF_OK, NULL, CORE_RES_FAIL, "SENSOR_TEMP_FAIL"); /* the rig's FAIL */
    {
        char wip[CORE_WIP_LEN + 1];
        struct run r;
        started_at_p3(wip);
        snprintf(q, sizeof q,
                 "{\"message_type\":\"COMPLETE\",\"wip_id\":\"%s\",\"result\":\"FAIL\","
                 "\"measurements\":[" TEMP_OK "," TOF_OK "],"
                 "\"defects\":[{\"code\":\"SENSOR_TOF_FAIL\",\"reason\":\"flaky\"}]}",
                 wip);
        apply(&p3, q, 0, NULL, NULL, &r);
        assert_string_equal(r.res.defect, "SENSOR_TOF_FAIL"); /* the rig's code, the process's */
        done(&r);
    }
}

/* Readings per step are stored under the item and judged one by one. */
static void test_readings(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    (void)state;
    started_at_p3(wip);
    apply(&p3,
          complete_json(wip, "PASS",
                        "{\"code\":\"measured_temp\",\"unit\":\"C\",\"readings\":["
                        "{\"step\":\"25C\",\"value\":60.1},{\"step\":\"85C\",\"value\":61.4},"
                        "{\"step\":\"-10C\",\"value\":59.5}]}",
                        TOF_OK, NULL),
          0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.recorded, CORE_RES_FAIL);
    assert_int_equal(r.res.judgement.c[0].bad_reading, 1);
    assert_string_equal(r.res.judgement.c[0].value, "61.4");
    done(&r);
    assert_string_equal(
        dbt_str(
            DB,
            SQLF(
                "SELECT string_agg((x->>'step') || '=' || (x->>'value') || ':' || (x->>'station'), ' ')"
                " FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id,"
                " jsonb_array_elements(h.process_data->'rig'->'items'->0->'readings') x"
                " WHERE w.wip_id = '%s' AND h.process_id = 3",
                wip)),
        "25C=60.1:PASS 85C=61.4:FAIL -10C=59.5:PASS");
}

/* The operator confirms: a check first (1 round trip, nothing written), then the record;
 * a FAIL of the operator's choice is taken, a PASS over the station's FAIL is not. */
static void test_confirmation(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    enum core_result pass = CORE_RES_PASS, failr = CORE_RES_FAIL;
    long long rows;
    (void)state;
    started_at_p3(wip);
    rows = count("SELECT count(*) FROM wip_rig_messages");
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), CORE_RIG_CHECK, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_NOTHING);
    assert_int_equal(r.res.judgement.proposal, CORE_RES_FAIL);
    assert_int_equal(r.round_trips, 1);
    done(&r);
    assert_int_equal(count("SELECT count(*) FROM wip_rig_messages"), rows);
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, &pass, NULL, &r);
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_RIG_JUDGED_FAIL);
    done(&r);
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, &failr, "SENSOR_TOF_FAIL",
          &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.recorded, CORE_RES_FAIL);
    assert_string_equal(r.res.defect, "SENSOR_TOF_FAIL");
    done(&r);
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT h.process_data->'rig'->>'decided_by' FROM wip_process_history h"
                         " JOIN wip_items w ON w.id = h.wip_item_id"
                         " WHERE w.wip_id = '%s' AND h.process_id = 3",
                         wip)),
        "operator");
    /* and the check of a COMPLETE already recorded replays */
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), CORE_RIG_CHECK, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_REPLAY);
    done(&r);
}

/* After a FAIL and a REWORK, the same START bytes start a new attempt (a digest names a
 * content, which a rework repeats), and the same COMPLETE bytes complete it. */
static void test_rework_repeats(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    struct core_answer ans;
    struct core_scan sc;
    (void)state;
    started_at_p3(wip);
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.res.recorded, CORE_RES_FAIL);
    done(&r);
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r); /* on hold: refused */
    assert_int_equal(r.rc, STN_E_RULE);
    assert_int_equal(r.why.code, CORE_R_ON_HOLD);
    done(&r);
    {
        struct dbt_station sup;
        dbt_station_open(&sup, DB, 3, "P3-01", "MG-0001");
        sc = dbt_scan(wip);
        assert_int_equal(core_unit_dispose(sup.db, &sup.a, &sc, CORE_DEC_REWORK, "retest", &ans,
                                           &r.why, &r.err),
                         STN_OK);
        dbt_station_close(&sup);
    }
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    done(&r);
    apply(&p3, complete_json(wip, "PASS", TEMP_HIGH, TOF_OK, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.res.outcome, CORE_RIG_RECORDED);
    done(&r);
    assert_int_equal(count(SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON"
                                " w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 3"
                                " AND h.is_rework",
                                wip)),
                     1);
    /* START of an attempt already open here: nothing changed, no key recorded */
}

static void test_already_started(void **state)
{
    char wip[CORE_WIP_LEN + 1];
    struct run r;
    long long rows;
    (void)state;
    unit_at_p3(wip);
    dbt_start(&p3, wip); /* the operator scanned it */
    rows = count("SELECT count(*) FROM wip_rig_messages");
    apply(&p3, start_json(wip, NULL), 0, NULL, NULL, &r);
    assert_int_equal(r.rc, STN_OK);
    assert_int_equal(r.res.outcome, CORE_RIG_NOTHING);
    done(&r);
    assert_int_equal(count("SELECT count(*) FROM wip_rig_messages"), rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_then_complete),
        cmocka_unit_test(test_duplicates_replay),
        cmocka_unit_test(test_msg_id),
        cmocka_unit_test(test_complete_refusals),
        cmocka_unit_test(test_judgement),
        cmocka_unit_test(test_readings),
        cmocka_unit_test(test_confirmation),
        cmocka_unit_test(test_rework_repeats),
        cmocka_unit_test(test_already_started),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
