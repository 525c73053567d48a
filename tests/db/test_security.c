/* tests/db/test_security.c — the station role can do what a station does and nothing
 * else; PIN login, lockout across stations, audit. */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/db_int.h"
#include "core/lot.h"
#include "core/printrec.h"
#include "tests/db/dbtest.h"

#define DB "t_security"

static int setup(void **state)
{
    (void)state;
    dbt_fresh(DB);
    return 0;
}

/* Every forbidden action, tried as wip_station, with the SQLSTATE expected. */
static void test_forbidden_actions(void **state)
{
    static const struct {
        const char *sql;
        const char *state;
    } cases[] = {
        { "CREATE TABLE evil (x int)", "42501" },
        { "DROP TABLE lots", "42501" },
        { "ALTER TABLE wip_items ADD COLUMN x int", "42501" },
        { "TRUNCATE wip_process_history", "42501" },
        { "DELETE FROM wip_process_history", "42501" },
        { "DELETE FROM wip_items", "42501" },
        { "DELETE FROM wip_dispositions", "42501" },
        { "DELETE FROM wip_print_jobs", "42501" },
        { "DELETE FROM wip_audit_log", "42501" },
        { "DELETE FROM serials", "42501" },
        { "DELETE FROM lots", "42501" },
        { "UPDATE wip_audit_log SET action = 'X'", "42501" },
        { "UPDATE wip_dispositions SET reason = 'X'", "42501" },
        { "UPDATE wip_process_history SET result = 'PASS' WHERE completed_at IS NOT NULL",
          "WS001" },
        { "UPDATE wip_process_history SET started_at = now()", "42501" },
        { "UPDATE wip_process_history SET operator_id = 1", "42501" },
        { "UPDATE wip_print_jobs SET state = 'PENDING' WHERE state = 'COMPLETED'", "WS001" },
        { "UPDATE wip_print_jobs SET reprint_reason = 'x'", "42501" },
        { "SELECT password_hash FROM users", "42501" },
        { "SELECT * FROM users", "42501" },
        { "UPDATE users SET role = 'ADMIN'", "42501" },
        { "INSERT INTO users (username, role) VALUES ('evil', 'ADMIN')", "42501" },
        { "UPDATE processes SET is_active = false", "42501" },
        { "UPDATE wip_settings SET value = '99'", "42501" },
        { "SELECT * FROM wip_login_state", "42501" },
        { "UPDATE wip_login_state SET failed_count = 0", "42501" },
        { "UPDATE serials SET serial_number = 'X'", "42501" },
        { "UPDATE wip_items SET wip_id = 'X'", "42501" },
        { "DELETE FROM wipstation_schema_migrations", "42501" },
        { "CREATE FUNCTION evil() RETURNS int LANGUAGE sql AS 'SELECT 1'", "42501" },
    };
    char st[6];
    struct dbt_station s;
    char lot[51];

    (void)state;
    /* data for the guarded rows: a completed attempt and a finished print job */
    dbt_station_open(&s, DB, 1, "P1-01", "MG-0001");
    dbt_lot(&s, 10, lot);
    {
        struct core_label_data l;
        struct core_refusal why;
        struct stn_err err;
        struct core_print_rec rec = { CORE_LABEL_WIP, 0, 0, 0, "", "zebra", 0, NULL };
        int64_t job;
        assert_int_equal(core_wip_create(s.db, &s.a, lot, &l, &why, &err), STN_OK);
        dbt_pass(&s, l.wip_id);
        rec.wip_pk = l.wip_pk;
        snprintf(rec.label_id, sizeof rec.label_id, "%s", l.wip_id);
        if (core_print_begin(s.db, &s.a, &rec, &job, &why, &err) != STN_OK) {
            fprintf(stderr, "print_begin: %s\n", err.msg);
            fail();
        }
        assert_int_equal(core_print_finish(s.db, job, "COMPLETED", 7, NULL, &err), STN_OK);
        /* a finished job cannot change, even through core */
        assert_int_not_equal(core_print_finish(s.db, job, "FAILED", 7, "x", &err), STN_OK);
    }
    dbt_station_close(&s);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = dbt_try(DB, "wip_station", cases[i].sql, st);
        if (rc == 0 || strcmp(st, cases[i].state)) {
            fprintf(stderr, "not refused as expected: %s (rc %d, state '%s')\n", cases[i].sql, rc,
                    st);
            fail();
        }
    }
    print_message("forbidden actions tried: %zu, all refused\n", sizeof cases / sizeof cases[0]);
    /* the superuser still can (the guard is the role, plus triggers for history) */
    assert_int_equal(dbt_try(DB, "postgres", "SELECT password_hash FROM users LIMIT 1", st), 0);
}

static enum stn_code login(struct core_db *db, const char *badge, const char *pin,
                           const char *station, struct core_refusal *why)
{
    struct core_user u;
    struct stn_err err;
    return core_auth_login(db, badge, pin, station, 0, &u, why, &err);
}

static void test_pin_and_lockout(void **state)
{
    struct core_db *a = NULL, *b = NULL;
    struct stn_err err;
    struct core_refusal why;
    int needs;
    (void)state;
    assert_int_equal(core_db_open_conninfo(&a, dbt_conninfo(DB, "wip_station"), "P3-01", &err),
                     STN_OK);
    assert_int_equal(core_db_open_conninfo(&b, dbt_conninfo(DB, "wip_station"), "P5-01", &err),
                     STN_OK);
    /* who needs a PIN */
    assert_int_equal(core_auth_lookup(a, "OP-0001", 0, &needs, &why, &err), STN_OK);
    assert_false(needs);
    assert_int_equal(core_auth_lookup(a, "OP-0001", 1, &needs, &why, &err), STN_OK);
    assert_true(needs);
    assert_int_equal(core_auth_lookup(a, "MG-0001", 0, &needs, &why, &err), STN_OK);
    assert_true(needs);
    assert_int_equal(core_auth_lookup(a, "XX-9999", 0, &needs, &why, &err), STN_E_AUTH);
    assert_int_equal(why.code, CORE_R_BADGE_UNKNOWN);
    /* SQL in a badge is just a wrong badge */
    assert_int_equal(login(a, "X' OR '1'='1", "1234", "P3-01", &why), STN_E_AUTH);
    assert_int_equal(login(a, "OP-0001') OR 1=1 --", NULL, "P3-01", &why), STN_E_AUTH);
    /* operator without PIN, manager with PIN */
    assert_int_equal(login(a, "op-0001", NULL, "P3-01", &why), STN_OK);
    assert_int_equal(login(a, "MG-0001", NULL, "P3-01", &why), STN_E_AUTH);
    assert_int_equal(login(a, "MG-0001", "1234", "P3-01", &why), STN_OK);
    /* four wrong PINs at one station, the fifth at another: locked everywhere */
    for (int i = 1; i <= 4; i++) {
        assert_int_equal(login(a, "MG-0001", "0000", "P3-01", &why), STN_E_AUTH);
        assert_int_equal(why.code, CORE_R_BAD_PIN);
    }
    assert_int_equal(login(b, "MG-0001", "0000", "P5-01", &why), STN_E_LOCKED);
    assert_int_equal(login(a, "MG-0001", "1234", "P3-01", &why), STN_E_LOCKED);
    assert_int_equal(why.code, CORE_R_BADGE_LOCKED);
    assert_int_equal(core_auth_lookup(b, "MG-0001", 0, &needs, &why, &err), STN_E_LOCKED);
    assert_int_equal(dbt_ll(DB, "SELECT count(*) FROM wip_audit_log WHERE action = 'LOGIN_FAILED'"),
                     5);
    assert_int_equal(dbt_ll(DB, "SELECT count(*) FROM wip_audit_log WHERE action = 'LOGIN_LOCKOUT' "
                                "AND station_id = 'P5-01'"),
                     1);
    /* ten minutes later (moved back in time by the superuser) the PIN works again */
    dbt_sql(DB, "UPDATE wip_login_state SET locked_until = now() - interval '1 second'");
    assert_int_equal(login(a, "MG-0001", "1234", "P3-01", &why), STN_OK);
    core_db_close(a);
    core_db_close(b);
}

static void test_yescrypt(void **state)
{
    struct core_db *a = NULL;
    struct stn_err err;
    struct core_refusal why;
    char sql[512], salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data cd;
    (void)state;
    assert_non_null(crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt));
    memset(&cd, 0, sizeof cd);
    assert_non_null(crypt_r("2468", salt, &cd));
    assert_int_equal(strncmp(cd.output, "$y$", 3), 0);
    snprintf(sql, sizeof sql,
             "INSERT INTO users (username, role, password_hash, badge_code) "
             "VALUES ('yes.crypt', 'ADMIN', '%s', 'AD-0777')",
             cd.output);
    dbt_sql(DB, sql);
    assert_int_equal(core_db_open_conninfo(&a, dbt_conninfo(DB, "wip_station"), "P1-01", &err),
                     STN_OK);
    assert_int_equal(login(a, "AD-0777", "2468", "P1-01", &why), STN_OK);
    assert_int_equal(login(a, "AD-0777", "2469", "P1-01", &why), STN_E_AUTH);
    core_db_close(a);
}

/* The value libpq used for keyword on the session's connection ("" when none). */
static const char *conn_option(struct core_db *db, const char *keyword)
{
    static char v[64];
    PQconninfoOption *o = PQconninfo(db->conn);
    v[0] = '\0';
    for (PQconninfoOption *i = o; i && i->keyword; i++)
        if (!strcmp(i->keyword, keyword) && i->val)
            snprintf(v, sizeof v, "%s", i->val);
    PQconninfoFree(o);
    return v;
}

/* Kerberos encryption is not negotiated unless asked for (core/db.c); the session
 * settings that bound every wait are in place. */
static void test_connection_settings(void **state)
{
    struct core_db *db = NULL;
    struct stn_err err;
    char ci[512];
    (void)state;
    /* (the word "service" in a value names no service) */
    snprintf(ci, sizeof ci, "%s application_name=service-desk", dbt_conninfo(DB, "wip_station"));
    assert_int_equal(core_db_open_conninfo(&db, ci, "P2-01", &err), STN_OK);
    assert_string_equal(conn_option(db, "gssencmode"), "disable");
    assert_string_equal(conn_option(db, "connect_timeout"), "3");
    core_db_close(db);
    db = NULL;
    snprintf(ci, sizeof ci, "%s gssencmode=prefer options='-c work_mem=8MB'",
             dbt_conninfo(DB, "wip_station"));
    assert_int_equal(core_db_open_conninfo(&db, ci, "P2-01", &err), STN_OK);
    assert_string_equal(conn_option(db, "gssencmode"), "prefer");
    assert_true(strstr(conn_option(db, "options"), "statement_timeout=5000") != NULL);
    /* the connection string's own options are kept beside the session settings */
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting('work_mem')"
                                         " <> '8MB' THEN RAISE 'not 8MB'; END IF; END $$",
                                         &err),
                     STN_OK);
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting("
                                         "'idle_in_transaction_session_timeout') <> '5s'"
                                         " THEN RAISE 'not 5s'; END IF; END $$",
                                         &err),
                     STN_OK);
    /* a station's statement ends at 5 s; a maintenance session's (migrate) runs on */
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting('statement_timeout')"
                                         " <> '5s' THEN RAISE 'not 5s'; END IF; END $$",
                                         &err),
                     STN_OK);
    assert_int_equal(core_db_maintenance(db, &err), STN_OK);
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting("
                                         "'client_connection_check_interval') <> '2s'"
                                         " THEN RAISE 'not 2s'; END IF; END $$",
                                         &err),
                     STN_OK);
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting('statement_timeout')"
                                         " <> '0' THEN RAISE 'not 0'; END IF; END $$",
                                         &err),
                     STN_OK);
    assert_int_equal(core_db_exec_script(db,
                                         "DO $$ BEGIN IF current_setting('lock_timeout')"
                                         " <> '3s' THEN RAISE 'not 3s'; END IF; END $$",
                                         &err),
                     STN_OK);
    core_db_close(db);
    { /* a named service decides for itself: its file's gssencmode is kept */
        char path[] = "/tmp/wipsvc.XXXXXX";
        int fd = mkstemp(path);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        assert_non_null(f);
        fprintf(f, "[wipsvc]\nhost=%s\nport=%s\ndbname=%s\nuser=wip_station\ngssencmode=prefer\n",
                getenv("PGHOST") ? getenv("PGHOST") : "",
                getenv("PGPORT") ? getenv("PGPORT") : "5432", DB);
        fclose(f);
        setenv("PGSERVICEFILE", path, 1);
        db = NULL;
        assert_int_equal(core_db_open_conninfo(&db, "service=wipsvc", "P2-01", &err), STN_OK);
        assert_string_equal(conn_option(db, "gssencmode"), "prefer");
        core_db_close(db);
        unsetenv("PGSERVICEFILE");
        unlink(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forbidden_actions),
        cmocka_unit_test(test_pin_and_lockout),
        cmocka_unit_test(test_yescrypt),
        cmocka_unit_test(test_connection_settings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
