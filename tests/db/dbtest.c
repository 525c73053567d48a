/* tests/db/dbtest.c — integration test helpers. */
#include "tests/db/dbtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/auth.h"
#include "core/lot.h"
#include "core/migrate.h"
#include "core/routing.h"
#include "core/unit.h"

const char *dbt_conninfo(const char *name, const char *user)
{
    static char buf[2][512];
    static int k;
    k ^= 1;
    snprintf(buf[k], sizeof buf[k], "host=%s port=%s dbname=%s user=%s",
             getenv("PGHOST") ? getenv("PGHOST") : "", getenv("PGPORT") ? getenv("PGPORT") : "5432",
             name, user);
    return buf[k];
}

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static PGconn *admin(const char *name, const char *role)
{
    PGconn *c = PQconnectdb(dbt_conninfo(name, role ? role : "postgres"));
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "connect %s: %s", name, PQerrorMessage(c));
        fail();
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    return c;
}

int dbt_try(const char *name, const char *role, const char *sql, char state[6])
{
    PGconn *c = admin(name, role);
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (state) {
        const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        snprintf(state, 6, "%s", s ? s : "");
    }
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

void dbt_sql(const char *name, const char *sql)
{
    PGconn *c = admin(name, NULL);
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        fprintf(stderr, "SQL failed: %s\n%s", sql, PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
        fail();
    }
    PQclear(r);
    PQfinish(c);
}

const char *dbt_str(const char *name, const char *sql)
{
    static char buf[4096];
    PGconn *c = admin(name, NULL);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "query failed: %s\n%s", sql, PQerrorMessage(c));
        fail();
    }
    snprintf(buf, sizeof buf, "%s", PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    PQfinish(c);
    return buf;
}

long long dbt_ll(const char *name, const char *sql)
{
    return strtoll(dbt_str(name, sql), NULL, 10);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

void dbt_create_empty(const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    dbt_sql("postgres", sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    dbt_sql("postgres", sql);
}

void dbt_fresh(const char *name)
{
    struct core_db *db = NULL;
    struct stn_err err;
    FILE *devnull = fopen("/dev/null", "w");
    char *seed;

    dbt_create_empty(name);
    assert_int_equal(core_db_open_conninfo(&db, dbt_conninfo(name, "postgres"), "migrate", &err),
                     STN_OK);
    if (core_migrate_up(db, 0, devnull, &err) != STN_OK) {
        fprintf(stderr, "migrate: %s\n", err.msg);
        fail();
    }
    core_db_close(db);
    fclose(devnull);
    seed = read_file("tools/demo-master.sql");
    dbt_sql(name, seed);
    free(seed);
}

void dbt_station_open(struct dbt_station *s, const char *dbname, int process,
                      const char *station_id, const char *badge)
{
    struct stn_err err;
    struct core_user u;
    struct core_refusal why;
    const char *pin = !strncmp(badge, "MG", 2) ? "1234" : !strncmp(badge, "AD", 2) ? "9999" : NULL;
    char sql[256];

    memset(s, 0, sizeof *s);
    if (core_db_open_conninfo(&s->db, dbt_conninfo(dbname, "wip_station"), station_id, &err)) {
        fprintf(stderr, "station connect: %s\n", err.msg);
        fail();
    }
    if (core_auth_login(s->db, badge, pin, station_id, 0, &u, &why, &err) != STN_OK) {
        fprintf(stderr, "login %s: %s\n", badge, say(&why, 0));
        fail();
    }
    s->a.user_id = u.id;
    s->a.role = u.role;
    snprintf(s->a.name, sizeof s->a.name, "%s", u.full_name);
    snprintf(s->a.station_id, sizeof s->a.station_id, "%s", station_id);
    s->a.process = process;
    snprintf(sql, sizeof sql, "SELECT id FROM equipment WHERE process_id = %d LIMIT 1", process);
    s->a.equipment_id = dbt_ll(dbname, sql);
}

void dbt_station_close(struct dbt_station *s)
{
    core_db_close(s->db);
    s->db = NULL;
}

struct core_scan dbt_scan(const char *text)
{
    struct core_scan sc;
    enum core_scan_why why = core_scan_parse(text, strlen(text), "", 1, &sc);
    if (why != CORE_SCAN_WHY_OK) {
        fprintf(stderr, "bad scan '%s': %s\n", text, core_scan_why_str(why));
        fail();
    }
    return sc;
}

enum stn_code dbt_try_scan(struct dbt_station *s, const char *id, struct core_answer *ans,
                           struct core_refusal *why)
{
    struct core_scan sc = dbt_scan(id);
    struct stn_err err;
    return core_unit_scan(s->db, &s->a, &sc, ans, why, &err);
}

void dbt_lot(struct dbt_station *mgr, int target, char lot[51])
{
    struct core_lot l;
    struct core_refusal why;
    struct stn_err err;
    if (core_lot_create(mgr->db, &mgr->a, "KR01", "PSA", NULL, target, &l, &why, &err) != STN_OK) {
        fprintf(stderr, "lot create: %s / %s\n", say(&why, 0), err.msg);
        fail();
    }
    snprintf(lot, 51, "%s", l.lot_number);
}

void dbt_start(struct dbt_station *s, const char *id)
{
    struct core_scan sc = dbt_scan(id);
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc = core_unit_scan(s->db, &s->a, &sc, &ans, &why, &err);
    if (rc != STN_OK || ans.done != CORE_ACT_START) {
        fprintf(stderr, "start %s at %d: rc=%d done=%d: %s\n", id, s->a.process, rc, ans.done,
                say(&why, 0));
        fail();
    }
}

const char *const *dbt_pass_values(struct dbt_station *s)
{
    static char vals[CORE_MAX_FIELDS][48];
    static const char *ptr[CORE_MAX_FIELDS];
    const struct core_routing *r;
    const struct core_process *p;
    struct stn_err err;

    assert_int_equal(core_routing_get(s->db, &r, &err), STN_OK);
    p = core_routing_find(r, s->a.process);
    assert_non_null(p);
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        switch (f->type) {
        case CORE_FT_NUMBER:
            snprintf(vals[i], sizeof vals[i], "%.2f",
                     f->has_min && f->has_max ? (f->min + f->max) / 2 : 1.0);
            break;
        case CORE_FT_PASSFAIL: snprintf(vals[i], sizeof vals[i], "PASS"); break;
        case CORE_FT_LOT: snprintf(vals[i], sizeof vals[i], "%s2025112701", f->prefix); break;
        case CORE_FT_TEXT: snprintf(vals[i], sizeof vals[i], "v2.1.0"); break;
        }
        ptr[i] = vals[i];
    }
    return ptr;
}

void dbt_pass(struct dbt_station *s, const char *id)
{
    struct core_scan sc = dbt_scan(id);
    struct core_completion c = { CORE_RES_PASS, NULL, NULL, dbt_pass_values(s) };
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc = core_unit_complete(s->db, &s->a, &sc, &c, &ans, &why, &err);
    if (rc != STN_OK) {
        fprintf(stderr, "pass %s at %d: rc=%d: %s (%s)\n", id, s->a.process, rc, say(&why, 0),
                err.msg);
        fail();
    }
}

void dbt_fail(struct dbt_station *s, const char *id, const char *defect)
{
    struct core_scan sc = dbt_scan(id);
    struct core_completion c = { CORE_RES_FAIL, defect, "test failure", NULL };
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc = core_unit_complete(s->db, &s->a, &sc, &c, &ans, &why, &err);
    if (rc != STN_OK) {
        fprintf(stderr, "fail %s at %d: rc=%d: %s\n", id, s->a.process, rc, say(&why, 0));
        fail();
    }
}

void dbt_walk(const char *dbname, const char *wip, int from, int to)
{
    for (int n = from; n <= to; n++) {
        struct dbt_station s;
        char sid[16];
        snprintf(sid, sizeof sid, "P%d-01", n);
        dbt_station_open(&s, dbname, n, sid, "OP-0001");
        dbt_start(&s, wip);
        dbt_pass(&s, wip);
        dbt_station_close(&s);
    }
}
