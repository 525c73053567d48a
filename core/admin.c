/* core/admin.c — administration through the functions of migration 008 (see
 * core/admin.h). Every change is one call of a SECURITY DEFINER function; the lists are
 * plain reads of what wip_admin may see. */
#include "core/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/auth.h"
#include "core/db_int.h"

/* One call; *flag (when given) is the first column of the first row read as a boolean. */
static enum stn_code call(struct core_db *db, const char *sql, int n, const char *const *p,
                          int *flag, struct stn_err *err)
{
    PGresult *r = NULL;
    enum stn_code rc = db_exec(db, sql, n, p, &r, err);

    if (rc == STN_OK && flag)
        *flag = PQntuples(r) > 0 && PQnfields(r) > 0 && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return rc;
}

enum stn_code core_admin_begin(struct core_db *db, const char *os_user, struct stn_err *err)
{
    const char *p[1] = { os_user && *os_user ? os_user : "" };
    PGresult *r = NULL;
    enum stn_code rc;

    rc = db_exec(
        db,
        "SELECT set_config('wipstation.os_user', $1, false), session_user AS role,"
        " to_regprocedure('wip_admin_user_add(text,text,text,text)') IS NOT NULL AS installed,"
        " COALESCE(has_function_privilege("
        "  to_regprocedure('wip_admin_user_add(text,text,text,text)'), 'EXECUTE'), false) AS allowed",
        1, p, &r, err);
    if (rc != STN_OK)
        return rc;
    if (!db_bool(r, 0, "installed"))
        rc = stn_err_set(err, STN_E_SCHEMA,
                         "this database has no administration functions "
                         "(migration 008): run wipstation migrate");
    else if (!db_bool(r, 0, "allowed"))
        rc = stn_err_set(err, STN_E_CONFIG,
                         "the database role %s may not administer: connect as "
                         "wip_admin or a role granted it ([database] user, or -c FILE)",
                         db_str(r, 0, "role"));
    PQclear(r);
    return rc;
}

/* ---- users ------------------------------------------------------------------------------ */
enum stn_code core_admin_user_add(struct core_db *db, const char *badge, const char *name,
                                  const char *role, const char *username, struct stn_err *err)
{
    const char *p[4] = { badge, name, role, username };
    return call(db, "SELECT wip_admin_user_add($1, $2, $3, $4)", 4, p, NULL, err);
}

enum stn_code core_admin_user_pin(struct core_db *db, const char *badge, const char *pin,
                                  int *had_pin, struct stn_err *err)
{
    char hash[CORE_PIN_HASH_LEN];
    const char *p[2] = { badge, hash };
    enum stn_code rc;

    *had_pin = 0;
    if ((rc = core_pin_hash(pin, hash, sizeof hash, err)) != STN_OK)
        return rc;
    rc = call(db, "SELECT wip_admin_user_pin($1, $2)", 2, p, had_pin, err);
    memset(hash, 0, sizeof hash);
    return rc;
}

enum stn_code core_admin_user_unlock(struct core_db *db, const char *badge, int *changed,
                                     struct stn_err *err)
{
    const char *p[1] = { badge };
    return call(db, "SELECT wip_admin_user_unlock($1)", 1, p, changed, err);
}

enum stn_code core_admin_user_active(struct core_db *db, const char *badge, int active,
                                     int *changed, struct stn_err *err)
{
    const char *p[2] = { badge, active ? "true" : "false" };
    return call(db, "SELECT wip_admin_user_active($1, $2)", 2, p, changed, err);
}

/* ---- lists ---------------------------------------------------------------------------------- */
#define BOOL_TEXT(x) "CASE WHEN " x " THEN 'true' ELSE 'false' END"
/* A process's columns; reworkable as stations read it (NULL: reworkable unless the process
 * creates the WIP, core/routing.c). */
#define PROCESS_COLS                                                                                                                                                              \
    "p.process_number AS process, COALESCE(p.process_code, '') AS code,"                                                                                                          \
    " COALESCE(p.process_name_en, p.process_name_ko, '') AS name,"                                                                                                                \
    " COALESCE(p.process_type, 'MANUFACTURING') AS type,"                                                                                                                         \
    " " BOOL_TEXT(                                                                                                                                                                \
        "COALESCE(p.is_active, TRUE)") " AS active,"                                                                                                                              \
                                       " " BOOL_TEXT(                                                                                                                             \
                                           "COALESCE(p.reworkable, p.process_number <> (SELECT min(process_number)"                                                               \
                                           " FROM processes WHERE COALESCE(is_active, TRUE)))") " AS reworkable,"                                                                 \
                                                                                                " CASE WHEN jsonb_typeof(p.quality_criteria->'fields') = 'array'"                 \
                                                                                                "  THEN jsonb_array_length(p.quality_criteria->'fields') ELSE 0 END AS fields,"   \
                                                                                                " CASE WHEN jsonb_typeof(p.defect_items) = 'array'"                               \
                                                                                                "  THEN jsonb_array_length(p.defect_items) ELSE 0 END AS defects,"                \
                                                                                                " (SELECT max(v.version) FROM wip_criteria_versions v WHERE v.process_id = p.id)" \
                                                                                                "  AS criteria_version"

static const char *const list_sql[] = {
    [CORE_ADMIN_USERS] =
        "SELECT COALESCE(u.badge_code, '') AS badge, COALESCE(u.full_name, '') AS name, u.role,"
        " " BOOL_TEXT(
            "u.is_active") " AS active,"
                           " COALESCE(to_char(s.locked_until, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), '') AS locked_until"
                           " FROM users u LEFT JOIN wip_login_state s ON s.user_id = u.id AND s.locked_until > NOW()"
                           " ORDER BY u.badge_code IS NULL, upper(u.badge_code), u.username",
    [CORE_ADMIN_PROCESSES] = "SELECT " PROCESS_COLS " FROM processes p"
                             " WHERE p.process_number IS NOT NULL"
                             " ORDER BY p.process_number",
    [CORE_ADMIN_PROCESS] =
        "SELECT " PROCESS_COLS ", COALESCE(p.process_name_ko, '') AS name_ko,"
        " " BOOL_TEXT(
            "COALESCE(p.auto_print_label, FALSE)") " AS auto_print_label"
                                                   " FROM processes p WHERE p.process_number = $1",
    [CORE_ADMIN_FIELDS] =
        "SELECT x.o - 1 AS field, COALESCE(f->>'code', '') AS code, COALESCE(f->>'type', '') AS type,"
        " COALESCE(f->>'unit', '') AS unit, COALESCE(f->>'min', '') AS min,"
        " COALESCE(f->>'max', '') AS max, COALESCE(f->>'target', '') AS target,"
        " " BOOL_TEXT(
            "f->'required' = 'true'::jsonb") " AS required,"
                                             " COALESCE(f->>'defect', '') AS defect, COALESCE(f->>'prefix', '') AS prefix,"
                                             " COALESCE(f->>'label_en', '') AS label_en, COALESCE(f->>'label_ko', '') AS label_ko"
                                             " FROM processes p CROSS JOIN LATERAL jsonb_array_elements("
                                             "  CASE WHEN jsonb_typeof(p.quality_criteria->'fields') = 'array'"
                                             "  THEN p.quality_criteria->'fields' ELSE '[]' END) WITH ORDINALITY x(f, o)"
                                             " WHERE p.process_number = $1 ORDER BY x.o",
    [CORE_ADMIN_DEFECTS] =
        "SELECT d.code, COALESCE(t.text_en, '') AS text_en, COALESCE(t.text_ko, '') AS text_ko"
        " FROM processes p CROSS JOIN LATERAL jsonb_array_elements_text("
        "  CASE WHEN jsonb_typeof(p.defect_items) = 'array' THEN p.defect_items ELSE '[]' END)"
        "  WITH ORDINALITY d(code, o)"
        " LEFT JOIN wip_defect_texts t ON t.process_id = p.id AND t.code = d.code"
        " WHERE p.process_number = $1 ORDER BY d.o",
    [CORE_ADMIN_VERSIONS] =
        "SELECT v.version, to_char(v.created_at, 'YYYY-MM-DD HH24:MI') AS created, v.source,"
        " COALESCE(v.db_role, '') AS db_role, COALESCE(v.os_user, '') AS os_user,"
        " CASE WHEN jsonb_typeof(v.criteria->'fields') = 'array'"
        "  THEN jsonb_array_length(v.criteria->'fields') ELSE 0 END AS fields"
        " FROM wip_criteria_versions v JOIN processes p ON p.id = v.process_id"
        " WHERE p.process_number = $1 ORDER BY v.version",
    [CORE_ADMIN_EQUIPMENT] =
        "SELECT e.equipment_code AS code, COALESCE(e.equipment_name, '') AS name,"
        " COALESCE(p.process_number::text, '') AS process, COALESCE(e.status, '') AS status,"
        " " BOOL_TEXT(
            "COALESCE(e.is_active, TRUE)") " AS active"
                                           " FROM equipment e LEFT JOIN processes p ON p.id = e.process_id"
                                           " ORDER BY p.process_number NULLS LAST, e.equipment_code",
    [CORE_ADMIN_LINES] =
        "SELECT line_code AS code, COALESCE(line_name, '') AS name,"
        " " BOOL_TEXT("COALESCE(is_active, TRUE)") " AS active"
                                                   " FROM production_lines ORDER BY line_code",
    [CORE_ADMIN_MODELS] =
        "SELECT model_code AS code, COALESCE(model_name, '') AS name,"
        " " BOOL_TEXT("COALESCE(is_active, TRUE)") " AS active"
                                                   " FROM product_models ORDER BY model_code",
    [CORE_ADMIN_SETTINGS] =
        "SELECT key, value, to_char(updated_at, 'YYYY-MM-DD HH24:MI') AS updated"
        " FROM wip_settings ORDER BY key",
};

static int per_process(enum core_admin_list which)
{
    return which == CORE_ADMIN_PROCESS || which == CORE_ADMIN_FIELDS ||
           which == CORE_ADMIN_DEFECTS || which == CORE_ADMIN_VERSIONS;
}

enum stn_code core_admin_list(struct core_db *db, enum core_admin_list which, int arg,
                              struct core_table *out, struct stn_err *err)
{
    char num[16];
    const char *p[1] = { num };
    int one = per_process(which);
    struct db_pipe pp;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    if ((unsigned)which >= sizeof list_sql / sizeof list_sql[0])
        return stn_err_set(err, STN_E_USAGE, "unknown list %d", (int)which);
    snprintf(num, sizeof num, "%d", arg);
    db_pipe_begin(&pp, db);
    db_pipe_sql(&pp, list_sql[which], one, p);
    if (one)
        db_pipe_sql(&pp, "SELECT count(*) AS n FROM processes WHERE process_number = $1", 1, p);
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK && one && db_int(pp.res[1], 0, "n") == 0)
        rc = stn_err_set(err, STN_E_NOT_FOUND, "process %d: no such process", arg);
    if (rc == STN_OK)
        db_table_from(pp.res[0], out);
    db_pipe_end(&pp);
    return rc;
}

/* ---- measurement criteria ------------------------------------------------------------------ */
enum stn_code core_admin_criteria_export(struct core_db *db, int process, int version, char **json,
                                         struct stn_err *err)
{
    char num[16], ver[16];
    const char *p[2] = { num, version > 0 ? ver : NULL };
    PGresult *r = NULL;
    enum stn_code rc;

    *json = NULL;
    snprintf(num, sizeof num, "%d", process);
    snprintf(ver, sizeof ver, "%d", version);
    rc = db_exec(db, "SELECT wip_admin_criteria_export($1, $2) AS json", 2, p, &r, err);
    if (rc == STN_OK)
        *json = xstrdup(db_str(r, 0, "json"));
    PQclear(r);
    return rc;
}

/* The bytes as a bytea parameter in text form ("\x" and hex); the caller frees it. */
static char *bytea_text(const void *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = data;
    char *out = xmalloc(2 * len + 3), *o = out;

    *o++ = '\\';
    *o++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *o++ = hex[s[i] >> 4];
        *o++ = hex[s[i] & 15];
    }
    *o = '\0';
    return out;
}

enum stn_code core_admin_criteria_import(struct core_db *db, int process, const void *doc,
                                         size_t len, int dry_run, struct core_table *changes,
                                         int *version, struct stn_err *err)
{
    char num[16];
    char *bytes = bytea_text(doc, len);
    const char *p[2] = { num, bytes };
    struct db_pipe pp;
    enum stn_code rc;
    int at = 0; /* the result of the diff */

    memset(changes, 0, sizeof *changes);
    *version = 0;
    snprintf(num, sizeof num, "%d", process);
    /* the changes shown and the import are one transaction: what is shown is what changed */
    db_pipe_begin(&pp, db);
    if (!dry_run) {
        db_pipe_stmt(&pp, DB_BEGIN, 0, NULL);
        at = 1;
    }
    db_pipe_sql(&pp, "SELECT * FROM wip_admin_criteria_diff($1, $2::bytea) AS change", 2, p);
    if (!dry_run) {
        db_pipe_sql(&pp, "SELECT wip_admin_criteria_import($1, $2::bytea) AS version", 2, p);
        db_pipe_stmt(&pp, DB_COMMIT, 0, NULL);
    }
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK) {
        db_table_from(pp.res[at], changes);
        if (!dry_run)
            *version = db_int(pp.res[at + 1], 0, "version");
    }
    db_pipe_end(&pp);
    if (rc != STN_OK && !dry_run)
        db_rollback(db);
    free(bytes);
    return rc;
}

/* ---- defect codes, equipment, lines, models, settings ----------------------------------------- */
enum stn_code core_admin_defect_add(struct core_db *db, int process, const char *code,
                                    const char *text_ko, const char *text_en, struct stn_err *err)
{
    char num[16];
    const char *p[4] = { num, code, text_ko, text_en };

    snprintf(num, sizeof num, "%d", process);
    return call(db, "SELECT wip_admin_defect_add($1, $2, $3, $4)", 4, p, NULL, err);
}

enum stn_code core_admin_equipment_add(struct core_db *db, const char *code, int process,
                                       const char *name, struct stn_err *err)
{
    char num[16];
    const char *p[3] = { code, num, name };

    snprintf(num, sizeof num, "%d", process);
    return call(db, "SELECT wip_admin_equipment_add($1, $2, $3)", 3, p, NULL, err);
}

enum stn_code core_admin_equipment_retire(struct core_db *db, const char *code, int *changed,
                                          struct stn_err *err)
{
    const char *p[1] = { code };
    return call(db, "SELECT wip_admin_equipment_retire($1)", 1, p, changed, err);
}

enum stn_code core_admin_line_add(struct core_db *db, const char *code, const char *name,
                                  struct stn_err *err)
{
    const char *p[2] = { code, name };
    return call(db, "SELECT wip_admin_line_add($1, $2)", 2, p, NULL, err);
}

enum stn_code core_admin_model_add(struct core_db *db, const char *code, const char *name,
                                   struct stn_err *err)
{
    const char *p[2] = { code, name };
    return call(db, "SELECT wip_admin_model_add($1, $2)", 2, p, NULL, err);
}

enum stn_code core_admin_setting_set(struct core_db *db, const char *key, const char *value,
                                     int *changed, struct stn_err *err)
{
    const char *p[2] = { key, value };
    return call(db, "SELECT wip_admin_setting_set($1, $2)", 2, p, changed, err);
}

/* ---- badge labels ------------------------------------------------------------------------------ */
enum stn_code core_admin_badge_label(struct core_db *db, const char *badge, const char *queue,
                                     const char *station_id, struct core_badge_label *out,
                                     struct stn_err *err)
{
    const char *p[3] = { badge, queue, station_id };
    PGresult *r = NULL;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    rc = db_exec(db, "SELECT job_id, badge, full_name, role FROM wip_admin_badge_label($1, $2, $3)",
                 3, p, &r, err);
    if (rc == STN_OK) {
        out->job_pk = db_ll(r, 0, "job_id");
        stn_strlcpy(out->badge, db_str(r, 0, "badge"), sizeof out->badge);
        stn_strlcpy(out->name, db_str(r, 0, "full_name"), sizeof out->name);
        stn_strlcpy(out->role, db_str(r, 0, "role"), sizeof out->role);
    }
    PQclear(r);
    return rc;
}

enum stn_code core_admin_badge_label_state(struct core_db *db, int64_t job_pk, const char *state,
                                           int cups_job_id, const char *error_text,
                                           struct stn_err *err)
{
    char id[24], job[16];
    const char *p[4] = { id, state, cups_job_id > 0 ? job : NULL, error_text };

    snprintf(id, sizeof id, "%lld", (long long)job_pk);
    snprintf(job, sizeof job, "%d", cups_job_id);
    return call(db, "SELECT wip_admin_print_state($1, $2, $3, $4)", 4, p, NULL, err);
}
