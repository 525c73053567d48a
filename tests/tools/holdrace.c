/* tests/tools/holdrace.c — quarantine holds racing with working stations.
 *
 * Two lots of N units that passed process 1; two stations at each of processes 2-6
 * (threads, each its own session, through the core API only) scan and complete units as
 * fast as they can. A supervisor holds and releases, each round: a whole lot, or one unit.
 * Right after a hold has committed it counts the attempts of what it held; a moment later,
 * before the release, it counts again: no start may have been recorded in between.
 * Stations refused meanwhile must have been told that the unit is HELD, never "database
 * error". Prints
 *   holdrace: rounds=R stable=S live=L held=H starts=N dberrors=E busy=B
 * (stable: rounds whose counts matched; live: rounds with starts before the hold and
 * refusals of held units during it; held: refusals R_HELD/R_LOT_HELD). Exit 0 when it
 * ran (tests/db/quality.sh judges), 1 on a setup error, 2 on a usage error. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/db.h"
#include "core/hold.h"
#include "core/lot.h"
#include "core/unit.h"
#include "tests/tools/racecommon.h"

#define MAX_UNITS 400
#define WORKERS 10

static char g_units[MAX_UNITS][CORE_WIP_LEN + 1];
static int g_n;
static atomic_int g_stop, g_held, g_starts, g_dberr, g_busy;
static atomic_int g_focus = -1; /* the unit every station scans every other time, or -1 */

#define LOT_SUFFIX "HOLDRACE" /* the lot field's value after its prefix */

const char race_name[] = "holdrace";

/* A lot of n more units through process 1 (created and read back at p1). */
static int make_lot(struct race_stn *mgr, struct race_stn *p1, int n, char lot[51])
{
    int last = g_n + n;
    struct core_lot l;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };

    if (core_lot_create(mgr->db, &mgr->a, "KR01", "PSA", NULL, n, &l, &why, &err) != STN_OK)
        return race_fail("lot create", &why, &err);
    snprintf(lot, 51, "%s", l.lot_number);
    for (; g_n < last; g_n++) {
        struct core_label_data d;
        struct core_answer ans;
        struct core_scan sc;
        if (core_wip_create(p1->db, &p1->a, lot, &d, &why, &err) != STN_OK)
            return race_fail("wip create", &why, &err);
        snprintf(g_units[g_n], sizeof g_units[g_n], "%s", d.wip_id);
        sc = race_scan_of(d.wip_id);
        if (core_unit_scan(p1->db, &p1->a, &sc, &ans, &why, &err) != STN_OK)
            return race_fail("read back", &why, &err);
    }
    return 0;
}

static void tally(enum stn_code rc, const struct core_refusal *why, const char *unit)
{
    if (why->code == CORE_R_HELD || why->code == CORE_R_LOT_HELD)
        atomic_fetch_add(&g_held, 1);
    else if (why->code == CORE_R_DB_ERROR) {
        atomic_fetch_add(&g_dberr, 1);
        fprintf(stderr, "holdrace: %s: %s\n", unit, core_reason_name(why->code));
    } else if (rc == STN_E_DB_BUSY)
        atomic_fetch_add(&g_busy, 1);
}

/* A station: every unit in turn, started and completed PASS when it may be; every other
 * scan is of the unit in focus, when there is one. */
static void *worker(void *arg)
{
    struct race_stn *s = arg;
    struct core_answer *ans = malloc(sizeof *ans);
    struct core_completion c = { CORE_RES_PASS, NULL, NULL, s->valp };
    int next = s->a.process * 41 + s->a.station_id[7];

    for (int i = 0; !atomic_load(&g_stop); i++) {
        int f = atomic_load(&g_focus);
        const char *u = g_units[i % 2 && f >= 0 ? f : next++ % g_n];
        struct core_scan sc = race_scan_of(u);
        struct core_refusal why = { 0 };
        struct stn_err err = { 0 };
        enum stn_code rc = core_unit_scan(s->db, &s->a, &sc, ans, &why, &err);
        if (rc != STN_OK) {
            tally(rc, &why, u);
            continue;
        }
        if (ans->done != CORE_ACT_START)
            continue;
        atomic_fetch_add(&g_starts, 1);
        rc = core_unit_complete(s->db, &s->a, &sc, &c, ans, &why, &err);
        if (rc != STN_OK)
            tally(rc, &why, u);
    }
    free(ans);
    return NULL;
}

static long count_attempts(PGconn *c, const char *key)
{
    const char *p[1] = { key };
    PGresult *r = PQexecParams(c,
                               "SELECT count(*) FROM wip_process_history h"
                               " JOIN wip_items w ON w.id = h.wip_item_id"
                               " JOIN lots l ON l.id = w.lot_id"
                               " WHERE l.lot_number = $1 OR w.wip_id = $1",
                               1, NULL, p, NULL, NULL, 0);
    long n = PQresultStatus(r) == PGRES_TUPLES_OK ? atol(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* The supervisor's rounds: even ones hold a lot, odd ones a unit; counts the rounds that
 * saw no start between the hold and the release (stable), and those where the stations
 * were busy before the hold and refused during it (live). */
static void supervise(struct race_stn *mgr, PGconn *c, char lots[2][51], int rounds, int *stable,
                      int *live)
{
    *stable = *live = 0;
    for (int k = 0; k < rounds; k++) {
        int unit = k % 2 ? (k * 37) % g_n : -1;
        const char *key = unit < 0 ? lots[(k / 2) % 2] : g_units[unit];
        struct core_hold_done done;
        struct core_refusal why = { 0 };
        struct stn_err err = { 0 };
        int s0 = atomic_load(&g_starts), h0;
        long n1, n2;
        atomic_store(&g_focus, unit);
        sleep_ms(150);
        if (core_hold_place(mgr->db, &mgr->a, key, "holdrace", &done, &why, &err) != STN_OK) {
            race_fail("hold", &why, &err);
            continue;
        }
        h0 = atomic_load(&g_held);
        n1 = count_attempts(c, key);
        sleep_ms(250);
        n2 = count_attempts(c, key);
        if (core_hold_release(mgr->db, &mgr->a, key, "holdrace over", &done, &why, &err) != STN_OK)
            race_fail("release", &why, &err);
        atomic_store(&g_focus, -1);
        if (n1 >= 0 && n1 == n2)
            (*stable)++;
        else
            fprintf(stderr, "holdrace: %s: %ld attempts after the hold, %ld before the release\n",
                    key, n1, n2);
        *live += atomic_load(&g_starts) > s0 && atomic_load(&g_held) > h0;
    }
}

int main(int argc, char **argv)
{
    const char *ci = "";
    int rounds = 6, n = 200, c, stable, live;
    static struct race_stn mgr, p1, w[WORKERS];
    pthread_t th[WORKERS];
    char lots[2][51], sid[33];
    PGconn *pc;

    while ((c = getopt(argc, argv, "c:r:n:")) != -1) {
        if (c == 'c')
            ci = optarg;
        else if (c == 'r')
            rounds = atoi(optarg) > 0 && atoi(optarg) <= 100 ? atoi(optarg) : 6;
        else if (c == 'n')
            n = atoi(optarg) > 0 && atoi(optarg) <= MAX_UNITS / 2 ? atoi(optarg) : 200;
        else
            return fprintf(stderr, "usage: holdrace [-c CONNINFO] [-r ROUNDS] [-n UNITS]\n"), 2;
    }
    if (race_open_station(&mgr, ci, "P3-HOLD", 3, "MG-0001", "1234", LOT_SUFFIX) ||
        race_open_station(&p1, ci, "P1-HOLD", 1, "OP-0001", NULL, LOT_SUFFIX) ||
        make_lot(&mgr, &p1, n, lots[0]) || make_lot(&mgr, &p1, n, lots[1]))
        return 1;
    for (int i = 0; i < WORKERS; i++) {
        snprintf(sid, sizeof sid, "P%d-HOLD%d", 2 + i / 2, i % 2);
        if (race_open_station(&w[i], ci, sid, 2 + i / 2, "OP-0001", NULL, LOT_SUFFIX))
            return 1;
    }
    pc = PQconnectdb(ci);
    if (PQstatus(pc) != CONNECTION_OK)
        return fprintf(stderr, "holdrace: %s", PQerrorMessage(pc)), 1;
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&th[i], NULL, worker, &w[i]);
    supervise(&mgr, pc, lots, rounds, &stable, &live);
    atomic_store(&g_stop, 1);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(th[i], NULL);
    printf("holdrace: rounds=%d stable=%d live=%d held=%d starts=%d dberrors=%d busy=%d\n", rounds,
           stable, live, atomic_load(&g_held), atomic_load(&g_starts), atomic_load(&g_dberr),
           atomic_load(&g_busy));
    PQfinish(pc);
    for (int i = 0; i < WORKERS; i++)
        core_db_close(w[i].db);
    core_db_close(mgr.db);
    core_db_close(p1.db);
    return 0;
}
