/* tests/tools/faultrace.c — races and waits that only a timed interleaving shows.
 *
 * Default: the last two units of a lot finish at the same moment. Each round creates
 * a lot of two units through the core API, walks both through processes 1-7 and
 * starts them at process 8 on two stations; then both stations complete PASS at once
 * (a barrier). Every unit of the lot is then PASSED and the lot is full, so the lot
 * must be COMPLETED (docs/DESIGN.md, Lifecycle) whichever commit came first.
 * Prints "faultrace: rounds=R completed=C stuck=S errors=E"; exit 0 when every round
 * ran (whatever the lots' status: tests/faults/run.sh judges), 1 on a setup error.
 *
 * -b: a write waits past lock_timeout. Another session holds the lot's row lock for
 * 4 s while a station completes the lot's last unit (PASS at process 8 moves the
 * lot's counters): the first attempt times out (3 s) and core retries. Prints
 * "faultrace: busy rc=CODE why=REASON then=CODE" (then: the station's next scan);
 * both must be STN_OK or a busy refusal, never a database error. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/lot.h"
#include "core/unit.h"
#include "tests/tools/racecommon.h"

struct racer {
    struct race_stn st;
    pthread_barrier_t *go, *done;
    char serial[CORE_SCAN_MAX + 1];
    enum stn_code rc;
    int rounds;
};

#define LOT_SUFFIX "2025112701" /* the lot field's value after its prefix */

const char race_name[] = "faultrace";

/* One scan (start, read-back PASS, convert or label check) that must succeed. */
static int do_scan(struct race_stn *s, const char *id, struct core_answer *ans)
{
    struct core_scan sc = race_scan_of(id);
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    if (core_unit_scan(s->db, &s->a, &sc, ans, &why, &err) != STN_OK)
        return race_fail(id, &why, &err);
    return 0;
}

static enum stn_code pass(struct race_stn *s, const char *id)
{
    struct core_scan sc = race_scan_of(id);
    struct core_completion c = { CORE_RES_PASS, NULL, NULL, s->valp };
    struct core_answer ans;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    enum stn_code rc = core_unit_complete(s->db, &s->a, &sc, &c, &ans, &why, &err);
    if (rc != STN_OK)
        race_fail(id, &why, &err);
    return rc;
}

/* A new WIP of lot through processes 1-7, started at process 8 on p8; its serial. */
static int walk(struct race_stn st[8], struct race_stn *p8, const char *lot, char *serial,
                size_t len)
{
    struct core_label_data l;
    struct core_answer ans;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };

    if (core_wip_create(st[1].db, &st[1].a, lot, &l, &why, &err) != STN_OK)
        return race_fail("wip create", &why, &err);
    if (do_scan(&st[1], l.wip_id, &ans))
        return -1;
    for (int n = 2; n <= 6; n++)
        if (do_scan(&st[n], l.wip_id, &ans) || pass(&st[n], l.wip_id) != STN_OK)
            return -1;
    if (do_scan(&st[7], l.wip_id, &ans))
        return -1;
    snprintf(serial, len, "%s", ans.unit.serial_number);
    if (do_scan(&st[7], serial, &ans) || do_scan(p8, serial, &ans))
        return -1;
    return 0;
}

static void *racer_main(void *arg)
{
    struct racer *r = arg;
    for (int i = 0; i < r->rounds; i++) {
        pthread_barrier_wait(r->go);
        r->rc = pass(&r->st, r->serial);
        pthread_barrier_wait(r->done);
    }
    return NULL;
}

static int round_setup(struct race_stn st[8], struct racer rc[2], char lot[51])
{
    struct core_lot l;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };

    if (core_lot_create(st[0].db, &st[0].a, "KR01", "PSA", NULL, 2, &l, &why, &err) != STN_OK)
        return race_fail("lot create", &why, &err);
    snprintf(lot, 51, "%s", l.lot_number);
    for (int k = 0; k < 2; k++)
        if (walk(st, &rc[k].st, lot, rc[k].serial, sizeof rc[k].serial))
            return -1;
    return 0;
}

static int open_all(const char *ci, struct race_stn st[8], struct racer rc[2])
{
    char sid[33];

    if (race_open_station(&st[0], ci, "P1-RACE", 1, "MG-0001", "1234", LOT_SUFFIX))
        return -1;
    for (int n = 1; n <= 7; n++) {
        snprintf(sid, sizeof sid, "P%d-RACE", n);
        if (race_open_station(&st[n], ci, sid, n, "OP-0001", NULL, LOT_SUFFIX))
            return -1;
    }
    if (race_open_station(&rc[0].st, ci, "P8-RACE-A", 8, "OP-0001", NULL, LOT_SUFFIX) ||
        race_open_station(&rc[1].st, ci, "P8-RACE-B", 8, "OP-0001", NULL, LOT_SUFFIX))
        return -1;
    return 0;
}

/* The lock holder of -b: lets go after 3.5 s, past lock_timeout (3 s) and short of the
 * idle-in-transaction timeout (5 s). */
static void *release_later(void *arg)
{
    struct stn_err err;
    struct timespec ts = { 3, 500000000 };

    nanosleep(&ts, NULL);
    core_db_exec_script(arg, "COMMIT", &err);
    return NULL;
}

/* -b: see the top of the file. */
static int busy_round(const char *ci, struct race_stn st[8], struct racer rc[2])
{
    struct core_db *h = NULL;
    pthread_t th;
    struct core_answer ans;
    struct core_refusal why = { 0 }, why2 = { 0 };
    struct stn_err err = { 0 };
    struct core_scan sc;
    enum stn_code first, then;
    char lot[51], sql[160];

    if (round_setup(st, rc, lot) || core_db_open_conninfo(&h, ci, "H-LOCK", &err) != STN_OK)
        return race_fail("busy setup", NULL, &err);
    snprintf(sql, sizeof sql, "BEGIN; SELECT 1 FROM lots WHERE lot_number = '%s' FOR UPDATE", lot);
    if (pass(&rc[0].st, rc[0].serial) != STN_OK || core_db_exec_script(h, sql, &err) != STN_OK)
        return race_fail("busy lock", NULL, &err);
    pthread_create(&th, NULL, release_later, h);
    {
        struct core_completion c = { CORE_RES_PASS, NULL, NULL, rc[1].st.valp };
        sc = race_scan_of(rc[1].serial);
        first = core_unit_complete(rc[1].st.db, &rc[1].st.a, &sc, &c, &ans, &why, &err);
    }
    pthread_join(th, NULL);
    then = core_unit_look(rc[1].st.db, &rc[1].st.a, &sc, &ans, &why2, &err);
    printf("faultrace: busy rc=%s why=%s then=%s\n", stn_code_str(first),
           core_reason_name(why.code), stn_code_str(then));
    if (then != STN_OK)
        fprintf(stderr, "faultrace: next call: %s [%s]\n", err.msg, err.sqlstate);
    core_db_close(h);
    return 0;
}

int main(int argc, char **argv)
{
    const char *ci = "";
    int rounds = 20, c, completed = 0, stuck = 0, errors = 0, busy = 0;
    struct race_stn st[8];
    struct racer rc[2];
    pthread_barrier_t go, done;
    pthread_t th[2];

    while ((c = getopt(argc, argv, "bc:r:")) != -1) {
        if (c == 'b')
            busy = 1;
        else if (c == 'c')
            ci = optarg;
        else if (c == 'r')
            rounds = atoi(optarg) > 0 && atoi(optarg) <= 1000 ? atoi(optarg) : 20;
        else
            return fprintf(stderr, "usage: faultrace [-b] [-c CONNINFO] [-r ROUNDS]\n"), 2;
    }
    if (open_all(ci, st, rc))
        return 1;
    if (busy) {
        c = busy_round(ci, st, rc);
        rounds = 0; /* the racers have nothing to do */
    }
    pthread_barrier_init(&go, NULL, 3);
    pthread_barrier_init(&done, NULL, 3);
    for (int k = 0; k < 2; k++) {
        rc[k].go = &go, rc[k].done = &done, rc[k].rounds = rounds;
        pthread_create(&th[k], NULL, racer_main, &rc[k]);
    }
    for (int i = 0; !busy && i < rounds; i++) {
        char lot[51] = "";
        struct core_lot l;
        struct stn_err err;
        int bad = round_setup(st, rc, lot);
        pthread_barrier_wait(&go); /* a failed setup still lets the racers through */
        pthread_barrier_wait(&done);
        if (bad || rc[0].rc != STN_OK || rc[1].rc != STN_OK ||
            core_lot_get(st[0].db, lot, &l, &err) != STN_OK) {
            errors++;
            continue;
        }
        if (l.status == CORE_LS_COMPLETED)
            completed++;
        else
            stuck++, fprintf(stderr, "faultrace: lot %s is %s with %d of %d units passed\n", lot,
                             core_lot_status_name(l.status), l.passed, l.target);
    }
    for (int k = 0; k < 2; k++)
        pthread_join(th[k], NULL);
    if (!busy)
        printf("faultrace: rounds=%d completed=%d stuck=%d errors=%d\n", rounds, completed, stuck,
               errors);
    for (int n = 0; n < 8; n++)
        core_db_close(st[n].db);
    core_db_close(rc[0].st.db);
    core_db_close(rc[1].st.db);
    pthread_barrier_destroy(&go);
    pthread_barrier_destroy(&done);
    return busy && c ? 1 : 0;
}
