/* core/migrate.c — versioned migrations, each applied in its own transaction and
 * recorded with a checksum of its SQL (whole-line comments left out): a migration whose
 * SQL differs from the one applied stops `migrate` and fails `check`. */
#include "core/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db_int.h"

#define MIGRATIONS_TABLE                                                        \
    "CREATE TABLE IF NOT EXISTS wipstation_schema_migrations ("                 \
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL," \
    " applied_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,"              \
    " applied_by TEXT DEFAULT current_user NOT NULL)"

/* Serialises concurrent `wipstation migrate` runs. */
#define MIGRATE_LOCK "SELECT pg_advisory_xact_lock(74946201)"

int core_schema_version(void)
{
    return core_migrations[core_migration_count - 1].version;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static enum stn_code run(struct core_db *db, const char *sql, struct stn_err *err)
{
    return core_db_exec_script(db, sql, err);
}

struct applied {
    int version;
    char checksum[65];
};

/* Reads the applied migrations (table created if missing when create). */
static enum stn_code read_applied(struct core_db *db, struct applied *a, int *n, int create,
                                  struct stn_err *err)
{
    struct stn_err e; /* its SQLSTATE decides, whether the caller wants the error or not */
    PGresult *r;
    enum stn_code rc;

    *n = 0;
    if (create && (rc = run(db, MIGRATIONS_TABLE, err)) != STN_OK)
        return rc;
    rc = db_exec(db,
                 "SELECT version, checksum FROM wipstation_schema_migrations "
                 "WHERE to_regclass('wipstation_schema_migrations') IS NOT NULL ORDER BY version",
                 0, NULL, &r, &e);
    if (rc != STN_OK) {
        if (!create && !strcmp(e.sqlstate, "42P01")) {
            stn_err_clear(err);
            return STN_OK; /* never migrated */
        }
        if (err)
            *err = e;
        return rc;
    }
    for (int i = 0; i < PQntuples(r) && i < 64; i++) {
        a[i].version = db_int(r, i, "version");
        snprintf(a[i].checksum, sizeof a[i].checksum, "%s", db_str(r, i, "checksum"));
        (*n)++;
    }
    PQclear(r);
    return STN_OK;
}

/* The checksum covers what runs: whole-line comments are left out, so a comment can be
 * reworded in an applied migration without every migrated database refusing it. */
static enum stn_code checksum(struct core_db *db, const struct core_migration *m, char *out,
                              struct stn_err *err)
{
    const char *p[2] = { m->up, m->down ? m->down : "" };
    PGresult *r;
    enum stn_code rc = db_exec(db,
                               "SELECT encode(sha256(convert_to("
                               "regexp_replace($1, '^[ \\t]*--[^\\n]*\\n?', '', 'gn')"
                               " || E'\\n-- down\\n' || "
                               "regexp_replace($2, '^[ \\t]*--[^\\n]*\\n?', '', 'gn'), "
                               "'UTF8')), 'hex') AS c",
                               2, p, &r, err);
    if (rc != STN_OK)
        return rc;
    snprintf(out, 65, "%s", db_str(r, 0, "c"));
    PQclear(r);
    return STN_OK;
}

/* What programs that checksummed the whole text, comments included, recorded for the
 * migrations they applied: a database migrated by them is as current as one migrated now. */
static const struct {
    int version;
    const char *sum;
} whole_text_sums[] = {
    { 1, "a07448635887134261767e3c7df7fcc3a2eba47ceedfcac541b2c4d5ffb7c6fa" },
    { 2, "cfd98960a2426faaacc107643dbf50b0f134c6d3d1e7eff6a09eb1d0ea5f3282" },
    { 3, "10d8622c66cdfc5dd01ce5f3b0b1ca5653d24cf26175968864fbbd8cc259ea33" },
    { 4, "4bd00f824d05d383ccc7d03be3c0eb45c1b2b53c97c78a5629abef1728a30e17" },
    { 7, "629a565c5181d0677be24db79d14cec81f016d1f012a2c0d5c8bad68d3b0db59" },
};

/* 1 when a recorded checksum stands for this program's text of the migration */
static int sum_matches(int version, const char *recorded, const char *sum)
{
    if (!strcmp(recorded, sum))
        return 1;
    for (size_t i = 0; i < sizeof whole_text_sums / sizeof whole_text_sums[0]; i++)
        if (whole_text_sums[i].version == version && !strcmp(recorded, whole_text_sums[i].sum))
            return 1;
    return 0;
}

static const struct applied *find_applied(const struct applied *a, int n, int version)
{
    for (int i = 0; i < n; i++)
        if (a[i].version == version)
            return &a[i];
    return NULL;
}

/* Existing tables of an F2X database that migration 1 keeps. */
static void report_existing(struct core_db *db, FILE *out)
{
    PGresult *r;

    if (db_exec(db,
                "SELECT string_agg(t, ', ' ORDER BY t) AS t FROM unnest(ARRAY["
                "'production_lines','product_models','processes','users','equipment',"
                "'lots','serials','process_data','wip_items','wip_process_history']) t "
                "WHERE to_regclass(t) IS NOT NULL",
                0, NULL, &r, NULL) == STN_OK &&
        db_str(r, 0, "t")[0])
        fprintf(out,
                "  existing tables kept as they are (only missing columns, indexes and "
                "rows are added): %s\n",
                db_str(r, 0, "t"));
    PQclear(r);
}

static enum stn_code apply_one(struct core_db *db, const struct core_migration *m, const char *sum,
                               struct stn_err *err)
{
    char ver[12];
    const char *p[3] = { ver, m->name, sum };
    PGresult *r;
    enum stn_code rc;

    snprintf(ver, sizeof ver, "%d", m->version);
    if ((rc = run(db, "BEGIN", err)) != STN_OK || (rc = run(db, MIGRATE_LOCK, err)) != STN_OK)
        goto fail;
    rc = db_exec(db, "SELECT 1 FROM wipstation_schema_migrations WHERE version = $1", 1, p, &r,
                 err);
    if (rc != STN_OK)
        goto fail;
    if (PQntuples(r) > 0) { /* another run applied it meanwhile */
        PQclear(r);
        return run(db, "ROLLBACK", err);
    }
    PQclear(r);
    if ((rc = run(db, m->up, err)) != STN_OK ||
        (rc = db_exec(db,
                      "INSERT INTO wipstation_schema_migrations (version, name, checksum) "
                      "VALUES ($1, $2, $3)",
                      3, p, NULL, err)) != STN_OK)
        goto fail;
    return run(db, "COMMIT", err);
fail:
    db_rollback(db);
    if (err) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg,
                 "migration %03d (%s) failed and was rolled back: %.140s", m->version, m->name,
                 msg);
    }
    return rc;
}

enum stn_code core_migrate_up(struct core_db *db, int dry_run, FILE *out, struct stn_err *err)
{
    struct applied a[64];
    int n, todo = 0, top = 0;
    char sum[65];
    enum stn_code rc;

    if ((rc = read_applied(db, a, &n, !dry_run, err)) != STN_OK)
        return rc;
    for (int i = 0; i < n; i++)
        top = a[i].version > top ? a[i].version : top;
    for (int i = 0; i < core_migration_count; i++) {
        const struct core_migration *m = &core_migrations[i];
        const struct applied *got = find_applied(a, n, m->version);
        if ((rc = checksum(db, m, sum, err)) != STN_OK)
            return rc;
        if (got) {
            if (!sum_matches(m->version, got->checksum, sum))
                return stn_err_set(
                    err, STN_E_SCHEMA,
                    "migration %03d (%s) was applied with a different checksum: "
                    "the database has %.12s…, this program %.12s…; refusing to go on",
                    m->version, m->name, got->checksum, sum);
            continue;
        }
        if (!todo++)
            fprintf(out, "%s:\n", dry_run ? "plan (dry run, nothing is changed)" : "applying");
        if (m->version == 1)
            report_existing(db, out);
        if (dry_run) {
            fprintf(out, "  would apply %03d %s\n", m->version, m->name);
        } else {
            double t0 = now_ms();
            if ((rc = apply_one(db, m, sum, err)) != STN_OK)
                return rc;
            fprintf(out, "  applied %03d %s (%.0f ms)\n", m->version, m->name, now_ms() - t0);
        }
    }
    if (top > core_schema_version())
        fprintf(out, "note: the database has version %d, newer than this program's %d\n", top,
                core_schema_version());
    if (!todo)
        fprintf(out, "schema is up to date at version %d; nothing to do\n",
                top > core_schema_version() ? top : core_schema_version());
    else if (!dry_run)
        fprintf(out, "schema is now at version %d\n", core_schema_version());
    return STN_OK;
}

enum stn_code core_migrate_down_to(struct core_db *db, int version, int dry_run, FILE *out,
                                   struct stn_err *err)
{
    struct applied a[64];
    int n, done = 0;
    enum stn_code rc;

    if (version < 1)
        return stn_err_set(err, STN_E_USAGE,
                           "--down-to must be 1 or more: version 1 holds the base tables, which "
                           "wipstation never drops (restore a pg_dump backup instead)");
    if ((rc = read_applied(db, a, &n, 0, err)) != STN_OK)
        return rc;
    for (int i = core_migration_count - 1; i >= 0; i--) {
        const struct core_migration *m = &core_migrations[i];
        char ver[12];
        const char *p[1] = { ver };
        if (m->version <= version || !find_applied(a, n, m->version))
            continue;
        if (!m->down)
            return stn_err_set(err, STN_E_USAGE, "migration %03d cannot be removed", m->version);
        done++;
        if (dry_run) {
            fprintf(out, "would remove %03d %s\n", m->version, m->name);
            continue;
        }
        snprintf(ver, sizeof ver, "%d", m->version);
        if ((rc = run(db, "BEGIN", err)) != STN_OK || (rc = run(db, MIGRATE_LOCK, err)) != STN_OK ||
            (rc = run(db, m->down, err)) != STN_OK ||
            (rc = db_exec(db, "DELETE FROM wipstation_schema_migrations WHERE version = $1", 1, p,
                          NULL, err)) != STN_OK ||
            (rc = run(db, "COMMIT", err)) != STN_OK)
            goto fail;
        fprintf(out, "removed %03d %s\n", m->version, m->name);
    }
    if (!done)
        fprintf(out, "nothing above version %d is applied; nothing to do\n", version);
    return STN_OK;
fail:
    db_rollback(db);
    return rc;
}

enum stn_code core_migrate_status(struct core_db *db, int *version, struct stn_err *err)
{
    struct applied a[64];
    int n;
    char sum[65];
    enum stn_code rc;

    *version = 0;
    if ((rc = read_applied(db, a, &n, 0, err)) != STN_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        if (a[i].version > *version)
            *version = a[i].version;
        for (int j = 0; j < core_migration_count; j++) {
            if (core_migrations[j].version != a[i].version)
                continue;
            if ((rc = checksum(db, &core_migrations[j], sum, err)) != STN_OK)
                return rc;
            if (!sum_matches(a[i].version, a[i].checksum, sum))
                return stn_err_set(err, STN_E_SCHEMA,
                                   "migration %03d was applied with a different checksum",
                                   a[i].version);
        }
    }
    return STN_OK;
}
