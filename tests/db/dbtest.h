/* tests/db/dbtest.h — helpers for integration tests on the throwaway cluster
 * (PGHOST/PGPORT from tests/pg-env.sh). Admin SQL goes through libpq directly;
 * the code under test goes through core as the station role. */
#ifndef STN_TESTS_DBTEST_H
#define STN_TESTS_DBTEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/db.h"
#include "core/ident.h"
#include "core/rules.h"
#include "core/unit.h"
#include "tests/unit/assert_text.h"

/* Creates database name from scratch, migrates it, loads tools/demo-master.sql. */
void dbt_fresh(const char *name);
/* Same without migrating (for migration tests). */
void dbt_create_empty(const char *name);
/* Runs SQL as the superuser in database name; fails the test on error. */
void dbt_sql(const char *name, const char *sql);
/* Runs SQL as the superuser; returns 0 on success, -1 with the SQLSTATE in state. */
int dbt_try(const char *name, const char *role, const char *sql, char state[6]);
/* The first column of the first row as text ("" when none); static buffer. */
const char *dbt_str(const char *name, const char *sql);
long long dbt_ll(const char *name, const char *sql);

/* A station session (role wip_station) at a process, logged in as badge. */
struct dbt_station {
    struct core_db *db;
    struct core_actor a;
};
void dbt_station_open(struct dbt_station *s, const char *dbname, int process,
                      const char *station_id, const char *badge);
void dbt_station_close(struct dbt_station *s);
/* Superuser conninfo for database name (static buffer). */
const char *dbt_conninfo(const char *name, const char *user);

/* Parses text into a scan (asserts it is valid). */
struct core_scan dbt_scan(const char *text);
/* One scan of id by station s that may be refused: core_unit_scan's result, with its answer
 * and refusal. */
enum stn_code dbt_try_scan(struct dbt_station *s, const char *id, struct core_answer *ans,
                           struct core_refusal *why);

/* Creates a lot KR01PSA... for today (target) as the manager; returns its number. */
void dbt_lot(struct dbt_station *mgr, int target, char lot[51]);

/* Convenience transitions that assert success. */
void dbt_start(struct dbt_station *s, const char *id);
void dbt_pass(struct dbt_station *s, const char *id); /* with a passing form */
void dbt_fail(struct dbt_station *s, const char *id, const char *defect);
/* Form values that pass every field of process n (static storage). */
const char *const *dbt_pass_values(struct dbt_station *s);
/* Walks a WIP through processes from..to (start + pass), each at its own station. */
void dbt_walk(const char *dbname, const char *wip, int from, int to);

#endif
