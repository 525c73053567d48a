/* tests/db/test_races.c — stations racing for the same unit, lot or number: exactly
 * one wins, nothing is duplicated, sequences never collide or skip. Bounded loops. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/lot.h"
#include "core/unit.h"
#include "tests/db/dbtest.h"

#define DB "t_races"
#define ROUNDS 15

static struct dbt_station mgr, p1;
static char lot[51];
static char q[512];
#define SQLF(...) (snprintf(q, sizeof q, __VA_ARGS__), q)

static int setup(void **state)
{
    (void)state;
    dbt_fresh(DB);
    dbt_station_open(&mgr, DB, 1, "P1-01", "MG-0001");
    dbt_station_open(&p1, DB, 1, "P1-01", "OP-0001");
    dbt_lot(&mgr, 200, lot);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dbt_station_close(&mgr);
    dbt_station_close(&p1);
    return 0;
}

struct racer {
    struct dbt_station st;
    pthread_barrier_t *go;
    const char *id;
    int what; /* 0 scan, 1 complete PASS, 2 wip create (n times), 3 lot create (n times) */
    int n;
    enum stn_code rc[16];
    struct core_answer ans;
    struct core_refusal why;
};

static void *run(void *arg)
{
    struct racer *r = arg;
    struct stn_err err;
    pthread_barrier_wait(r->go);
    for (int i = 0; i < (r->n ? r->n : 1) && i < 16; i++) {
        if (r->what == 0) {
            struct core_scan sc = dbt_scan(r->id);
            r->rc[i] = core_unit_scan(r->st.db, &r->st.a, &sc, &r->ans, &r->why, &err);
        } else if (r->what == 1) {
            struct core_scan sc = dbt_scan(r->id);
            struct core_completion c = { CORE_RES_PASS, NULL, NULL,
                                         (const char *const[]){ "SPRING-1", "BUSBAR-1", "PASS" } };
            r->rc[i] = core_unit_complete(r->st.db, &r->st.a, &sc, &c, &r->ans, &r->why, &err);
        } else if (r->what == 2) {
            struct core_label_data l;
            r->rc[i] = core_wip_create(r->st.db, &r->st.a, lot, &l, &r->why, &err);
        } else {
            struct core_lot l;
            r->rc[i] = core_lot_create(r->st.db, &r->st.a, "KR01", "PSA", "2025-11-15", 10, &l,
                                       &r->why, &err);
        }
    }
    return NULL;
}

/* Runs two racers (a, b) at once; returns how many returned STN_OK on their first call. */
static int race(struct racer *a, struct racer *b)
{
    pthread_barrier_t go;
    pthread_t ta, tb;
    pthread_barrier_init(&go, NULL, 2);
    a->go = b->go = &go;
    pthread_create(&ta, NULL, run, a);
    pthread_create(&tb, NULL, run, b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    pthread_barrier_destroy(&go);
    return (a->rc[0] == STN_OK) + (b->rc[0] == STN_OK);
}

static void new_wip(char wip[CORE_WIP_LEN + 1])
{
    struct core_label_data l;
    struct core_refusal why;
    struct stn_err err;
    assert_int_equal(core_wip_create(p1.db, &p1.a, lot, &l, &why, &err), STN_OK);
    dbt_pass(&p1, l.wip_id);
    snprintf(wip, CORE_WIP_LEN + 1, "%s", l.wip_id);
}

/* a and b made ready to race: signed in as user at stations sta and stb of process, each
 * to do what (see struct racer) n times. */
static void racers_open(struct racer *a, struct racer *b, int process, const char *sta,
                        const char *stb, const char *user, int what, int n)
{
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    dbt_station_open(&a->st, DB, process, sta, user);
    dbt_station_open(&b->st, DB, process, stb, user);
    a->what = b->what = what;
    a->n = b->n = n;
}

static void racers_close(struct racer *a, struct racer *b)
{
    dbt_station_close(&a->st);
    dbt_station_close(&b->st);
}

/* The reason the racer that lost was refused. */
static enum core_reason loser_why(const struct racer *a, const struct racer *b)
{
    return (a->rc[0] == STN_OK ? b->why : a->why).code;
}

/* How many attempts at process 2 the unit wip has, those with a result only if result. */
static long long p2_attempts(const char *wip, const char *result)
{
    return dbt_ll(DB, SQLF("SELECT count(*) FROM wip_process_history h JOIN wip_items w ON "
                           "w.id = h.wip_item_id WHERE w.wip_id = '%s' AND h.process_id = 2%s%s%s",
                           wip, result ? " AND h.result = '" : "", result ? result : "",
                           result ? "'" : ""));
}

/* Two stations start the same unit: one attempt, one refusal. */
static void test_race_start(void **state)
{
    struct racer a, b;
    char wip[CORE_WIP_LEN + 1];
    (void)state;
    racers_open(&a, &b, 2, "P2-01", "P2-02", "OP-0001", 0, 0);
    for (int i = 0; i < ROUNDS; i++) {
        new_wip(wip);
        a.id = b.id = wip;
        assert_int_equal(race(&a, &b), 1);
        assert_int_equal(p2_attempts(wip, NULL), 1);
        assert_int_equal(loser_why(&a, &b), CORE_R_OPEN_ELSEWHERE);
    }
    racers_close(&a, &b);
}

/* The same open attempt completed twice at once (two sessions of one station). */
static void test_race_complete(void **state)
{
    struct racer a, b;
    char wip[CORE_WIP_LEN + 1];
    (void)state;
    racers_open(&a, &b, 2, "P2-01", "P2-01", "OP-0001", 1, 0);
    for (int i = 0; i < ROUNDS; i++) {
        new_wip(wip);
        dbt_start(&a.st, wip);
        a.id = b.id = wip;
        assert_int_equal(race(&a, &b), 1);
        assert_int_equal(loser_why(&a, &b), CORE_R_ALREADY_COMPLETED);
        assert_int_equal(p2_attempts(wip, "PASS"), 1);
    }
    racers_close(&a, &b);
}

/* Two process-7 stations convert the same unit: one serial. */
static void test_race_convert(void **state)
{
    struct racer a, b;
    char wip[CORE_WIP_LEN + 1];
    (void)state;
    racers_open(&a, &b, 7, "P7-01", "P7-02", "OP-0001", 0, 0);
    for (int i = 0; i < 4; i++) {
        new_wip(wip);
        dbt_walk(DB, wip, 2, 6);
        a.id = b.id = wip;
        assert_int_equal(race(&a, &b), 1);
        assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM serials WHERE serial_number = "
                                         "'%.14s%s'",
                                         wip, wip + 16)),
                         1);
        assert_int_equal(dbt_ll(DB, SQLF("SELECT count(*) FROM process_data pd JOIN wip_items w ON "
                                         "w.serial_id = pd.serial_id WHERE w.wip_id = '%s'",
                                         wip)),
                         1);
    }
    racers_close(&a, &b);
}

/* Concurrent WIP creation in one lot: consecutive sequences, no duplicates. */
static void test_race_wip_sequence(void **state)
{
    struct racer a, b;
    char want[64];
    long long before = dbt_ll(DB, SQLF("SELECT count(*) FROM wip_items w JOIN lots l ON l.id = "
                                       "w.lot_id WHERE l.lot_number = '%s'",
                                       lot));
    (void)state;
    racers_open(&a, &b, 1, "P1-01", "P1-02", "OP-0001", 2, 12);
    race(&a, &b);
    for (int i = 0; i < 12; i++) {
        assert_int_equal(a.rc[i], STN_OK);
        assert_int_equal(b.rc[i], STN_OK);
    }
    assert_string_equal(
        dbt_str(DB, SQLF("SELECT count(*) || ' ' || count(DISTINCT sequence_in_lot) "
                         "|| ' ' || max(sequence_in_lot) FROM wip_items w JOIN lots l ON "
                         "l.id = w.lot_id WHERE l.lot_number = '%s'",
                         lot)),
        (snprintf(want, sizeof want, "%lld %lld %lld", before + 24, before + 24, before + 24),
         want));
    racers_close(&a, &b);
}

/* Concurrent lot creation for one line/model/month: 001, 002, ... without gaps. */
static void test_race_lot_numbers(void **state)
{
    struct racer a, b;
    (void)state;
    racers_open(&a, &b, 1, "P1-01", "P1-02", "MG-0001", 3, 8);
    race(&a, &b);
    assert_string_equal(
        dbt_str(DB, "SELECT count(*) || ' ' || min(lot_number) || ' ' || max(lot_number) "
                    "FROM lots WHERE lot_number LIKE 'KR01PSA2511%'"),
        "16 KR01PSA2511001 KR01PSA2511016");
    racers_close(&a, &b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_race_start),       cmocka_unit_test(test_race_complete),
        cmocka_unit_test(test_race_convert),     cmocka_unit_test(test_race_wip_sequence),
        cmocka_unit_test(test_race_lot_numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
