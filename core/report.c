/* core/report.c — the quality reports, their CSV exports and the Quality screen's figures
 * (see core/report.h). Every figure comes from the report functions of migration 009. */
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/db_int.h"

/* A bad argument is the person's mistake, not the database's: the report functions
 * raise SQLSTATE 22023 for it, and PostgreSQL class 22 for a date it cannot read. */
static enum stn_code usage_or(enum stn_code rc, struct stn_err *err)
{
    if (rc != STN_OK && err && !strncmp(err->sqlstate, "22", 2))
        err->code = rc = STN_E_USAGE;
    return rc;
}

static enum stn_code query(struct core_db *db, const char *sql, int n, const char *const *p,
                           struct core_table *out, struct stn_err *err)
{
    PGresult *r;
    enum stn_code rc = db_exec(db, sql, n, p, &r, err);

    memset(out, 0, sizeof *out);
    if (rc != STN_OK)
        return usage_or(rc, err);
    db_table_from(r, out);
    PQclear(r);
    return STN_OK;
}

enum stn_code core_report_begin(struct core_db *db, char *tz, size_t tzlen, struct stn_err *err)
{
    PGresult *r;
    enum stn_code rc = db_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL,
                               err);

    if (rc == STN_OK)
        rc = db_exec(db, "SELECT set_config('TimeZone', wip_plant_tz(), true) AS tz", 0, NULL, &r,
                     err);
    if (rc != STN_OK) {
        db_rollback(db);
        return rc;
    }
    if (tz)
        snprintf(tz, tzlen, "%s", db_str(r, 0, "tz"));
    PQclear(r);
    return STN_OK;
}

void core_report_end(struct core_db *db)
{
    db_rollback(db);
}

enum stn_code core_report_fpy(struct core_db *db, const struct core_report_args *a,
                              struct core_table *out, struct stn_err *err)
{
    const char *p[3] = { a->from, a->to, a->by ? a->by : "process" };
    return query(db, "SELECT * FROM wip_report_fpy($1::date, $2::date, $3)", 3, p, out, err);
}

enum stn_code core_report_pareto(struct core_db *db, const struct core_report_args *a,
                                 struct core_table *out, struct stn_err *err)
{
    char proc[12];
    const char *p[3] = { a->from, a->to, a->process > 0 ? proc : NULL };

    snprintf(proc, sizeof proc, "%d", a->process);
    return query(db, "SELECT * FROM wip_report_pareto($1::date, $2::date, $3::int)", 3, p, out,
                 err);
}

enum stn_code core_report_spc(struct core_db *db, const struct core_report_args *a, int points,
                              int max_out, struct core_table *stats, struct core_table *chart,
                              struct core_table *out, struct stn_err *err)
{
    char proc[12], pts[12], lim[12];
    const char *p[5] = { proc, a->field, a->from, a->to, pts };
    const char *q[5] = { proc, a->field, a->from, a->to, lim };
    enum stn_code rc;

    memset(chart, 0, sizeof *chart);
    memset(out, 0, sizeof *out);
    snprintf(proc, sizeof proc, "%d", a->process);
    snprintf(pts, sizeof pts, "%d", points);
    snprintf(lim, sizeof lim, "%d", max_out);
    rc = query(db,
               "SELECT all_values, lsl, usl, n, mean, sd, min, max, cp, cpk, out_of_spec,"
               " to_char(first_at, 'YYYY-MM-DD HH24:MI') AS first_at,"
               " to_char(last_at, 'YYYY-MM-DD HH24:MI') AS last_at"
               " FROM wip_report_spc($1::int, $2, $3::date, $4::date)",
               4, p, stats, err);
    if (rc == STN_OK)
        rc = query(db,
                   "SELECT point, n, mean, min, max, lsl, usl,"
                   " to_char(first_at, 'YYYY-MM-DD HH24:MI') AS first_at, out_of_spec"
                   " FROM wip_report_spc_chart($1::int, $2, $3::date, $4::date, $5::int)",
                   5, p, chart, err);
    if (rc == STN_OK)
        rc = query(db,
                   "SELECT to_char(completed_at, 'YYYY-MM-DD HH24:MI') AS completed_at, wip_id,"
                   " serial_number, value, lsl, usl"
                   " FROM wip_report_spc_out($1::int, $2, $3::date, $4::date, $5::int)",
                   5, q, out, err);
    if (rc != STN_OK) {
        core_table_fini(stats);
        core_table_fini(chart);
        core_table_fini(out);
    }
    return rc;
}

enum stn_code core_report_cycle(struct core_db *db, const struct core_report_args *a,
                                struct core_table *out, struct stn_err *err)
{
    const char *p[2] = { a->from, a->to };
    return query(db, "SELECT * FROM wip_report_cycle($1::date, $2::date)", 2, p, out, err);
}

enum stn_code core_report_where_used(struct core_db *db, const char *component_lot,
                                     struct core_table *out, struct stn_err *err)
{
    const char *p[1] = { component_lot };
    return query(db,
                 "SELECT component_lot, field, lot_number, wip_id, serial_number, unit_status,"
                 " serial_status, process_number, result,"
                 " to_char(used_at, 'YYYY-MM-DD HH24:MI') AS used_at, station_id, in_unit,"
                 " on_hold FROM wip_where_used($1)",
                 1, p, out, err);
}

/* COPY (query) TO STDOUT as CSV with a header, each row handed to sink as it arrives. A
 * sink that stops cancels the query. */
static enum stn_code copy_out(struct core_db *db, const char *sql, core_sink sink, void *ctx,
                              long *rows, struct stn_err *err)
{
    enum stn_code rc = STN_OK;
    PGresult *r;
    char *buf;
    int n, stopped = 0;
    long lines = 0;

    *rows = 0;
    if (!core_db_connected(db) || !PQsendQuery(db->conn, sql))
        return db_map_error(db, NULL, err);
    r = PQgetResult(db->conn);
    if (PQresultStatus(r) != PGRES_COPY_OUT) {
        rc = usage_or(db_map_error(db, r, err), err);
        PQclear(r);
        while ((r = PQgetResult(db->conn)) != NULL)
            PQclear(r);
        return rc;
    }
    PQclear(r);
    db->round_trips++;
    while ((n = PQgetCopyData(db->conn, &buf, 0)) > 0) {
        if (!stopped && sink(ctx, buf, (size_t)n) != 0) {
            PGcancel *c = PQgetCancel(db->conn);
            char e[256];
            stopped = 1;
            if (c)
                PQcancel(c, e, sizeof e);
            PQfreeCancel(c);
        }
        lines++;
        PQfreemem(buf);
    }
    while ((r = PQgetResult(db->conn)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == STN_OK && !stopped)
            rc = db_map_error(db, r, err);
        PQclear(r);
    }
    if (stopped)
        return stn_err_set(err, STN_E_IO, "the output was closed: export stopped");
    if (n == -2 && rc == STN_OK)
        rc = db_map_error(db, NULL, err);
    *rows = lines > 0 ? lines - 1 : 0; /* the header line */
    return rc;
}

enum stn_code core_report_export(struct core_db *db, const char *kind,
                                 const struct core_report_args *a, core_sink sink, void *ctx,
                                 long *rows, struct stn_err *err)
{
    static const char *const kinds[] = { "units", "attempts", "measurements", "serials" };
    const char *p[2] = { a->from, a->to };
    char sql[512];
    PGresult *r;
    enum stn_code rc;
    int known = 0;

    *rows = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        known |= kind && !strcmp(kind, kinds[i]);
    if (!known)
        return stn_err_set(err, STN_E_USAGE,
                           "export what? units, attempts, measurements or serials");
    /* COPY takes no parameters: the window goes in as literals the server quoted */
    rc = db_exec(db,
                 "SELECT quote_literal(t0) || ', ' || quote_literal(t1) AS w"
                 " FROM wip_report_window($1::date, $2::date)",
                 2, p, &r, err);
    if (rc != STN_OK)
        return usage_or(rc, err);
    snprintf(sql, sizeof sql,
             "COPY (SELECT * FROM wip_export_%s(%s)) TO STDOUT (FORMAT csv, HEADER)", kind,
             db_str(r, 0, "w"));
    PQclear(r);
    return copy_out(db, sql, sink, ctx, rows, err);
}

enum stn_code core_report_where_used_csv(struct core_db *db, const char *component_lot,
                                         core_sink sink, void *ctx, long *rows, struct stn_err *err)
{
    char *lit;
    char *sql;
    enum stn_code rc;

    *rows = 0;
    if (!core_db_connected(db))
        return db_map_error(db, NULL, err);
    lit = PQescapeLiteral(db->conn, component_lot, strlen(component_lot));
    if (!lit)
        return db_map_error(db, NULL, err);
    sql = xmalloc(strlen(lit) + 128);
    sprintf(sql, "COPY (SELECT * FROM wip_where_used(%s)) TO STDOUT (FORMAT csv, HEADER)", lit);
    PQfreemem(lit);
    rc = copy_out(db, sql, sink, ctx, rows, err);
    free(sql);
    return rc;
}

/* The Quality screen: the scope's label, its yield per process, its top defects and the
 * number of all its FAILs, and the held units, in one round trip. */
#define QUALITY_WINDOW(day)                                                                      \
    ((day) ? "(SELECT t0, t1, to_char(now() AT TIME ZONE wip_plant_tz(), 'YYYY-MM-DD') AS label" \
             " FROM wip_report_window((now() AT TIME ZONE wip_plant_tz())::date,"                \
             " (now() AT TIME ZONE wip_plant_tz())::date))"                                      \
           : "(SELECT t0, t1, shift AS label FROM wip_shift_window(now()))")

enum stn_code core_quality_get(struct core_db *db, int whole_day, struct core_quality *out,
                               struct stn_err *err)
{
    char fpy[512], par[512], lab[256];
    struct db_pipe p;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    snprintf(lab, sizeof lab, "SELECT label FROM %s w", QUALITY_WINDOW(whole_day));
    snprintf(fpy, sizeof fpy, "SELECT f.* FROM %s w, wip_fpy_between(w.t0, w.t1, 'process') f",
             QUALITY_WINDOW(whole_day));
    snprintf(par, sizeof par,
             "SELECT f.*, round(f.count / f.share)::int AS fails"
             " FROM %s w, wip_pareto_between(w.t0, w.t1) f LIMIT %d",
             QUALITY_WINDOW(whole_day), CORE_QUALITY_DEFECTS);
    db_pipe_begin(&p, db);
    db_pipe_sql(&p, lab, 0, NULL);
    db_pipe_sql(&p, fpy, 0, NULL);
    db_pipe_sql(&p, par, 0, NULL);
    db_pipe_sql(&p,
                "SELECT COALESCE(sum(wip_held_units(id)), 0) AS held FROM lots"
                " WHERE status <> 'CLOSED'",
                0, NULL);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK) {
        const PGresult *f = p.res[1], *d = p.res[2];
        snprintf(out->scope, sizeof out->scope, "%s", db_str(p.res[0], 0, "label"));
        for (int i = 0; i < PQntuples(f); i++) {
            struct core_quality_row *q = &out->p[out->np];
            if (db_isnull(f, i, "process_number")) {
                out->rty = strtod(db_str(f, i, "fpy"), NULL);
                continue;
            }
            if (out->np == CORE_MAX_PROCESSES)
                continue;
            q->process = db_int(f, i, "process_number");
            snprintf(q->code, sizeof q->code, "%s", db_str(f, i, "process_code"));
            q->units = db_int(f, i, "units");
            q->first_pass = db_int(f, i, "first_pass");
            out->np++;
        }
        for (int i = 0; i < PQntuples(d) && i < CORE_QUALITY_DEFECTS; i++) {
            struct core_quality_defect *q = &out->d[out->nd++];
            q->process = db_int(d, i, "process_number");
            snprintf(q->defect, sizeof q->defect, "%s", db_str(d, i, "defect"));
            q->count = db_int(d, i, "count");
            out->fails = db_int(d, i, "fails");
        }
        out->held = db_int(p.res[3], 0, "held");
    }
    db_pipe_end(&p);
    return rc;
}
