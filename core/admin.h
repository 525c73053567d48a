/* core/admin.h — administration (`wipstation admin`): users, badges and PINs, processes
 * and their measurement criteria, defect codes, equipment, lines, models, settings. Each
 * change is one call of a SECURITY DEFINER function of migration 008, which validates its
 * input, writes an audit row and refuses anything else (docs/DESIGN.md, Security); the
 * session must be a role granted wip_admin.
 *
 * Refusals of input come back as STN_E_INPUT (malformed), STN_E_NOT_FOUND (no such badge,
 * process, equipment, defect code ...) and STN_E_DUPLICATE (already exists, or changed
 * meanwhile), with the database's message naming what and where in err->msg; nothing was
 * changed. Any other code is a failure of the database. */
#ifndef STN_CORE_ADMIN_H
#define STN_CORE_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "base/status.h"
#include "core/table.h"

struct core_db;

/* Starts an administrator's session on db: the operating-system user (os_user, recorded in
 * every audit row) and a check that the schema has migration 008 (STN_E_SCHEMA) and that
 * the session's role may administer (STN_E_CONFIG, naming the role). */
enum stn_code core_admin_begin(struct core_db *db, const char *os_user, struct stn_err *err);

/* ---- users ---------------------------------------------------------------------------- */
/* role: OPERATOR, MANAGER or ADMIN; username NULL: the badge in lower case. */
enum stn_code core_admin_user_add(struct core_db *db, const char *badge, const char *name,
                                  const char *role, const char *username, struct stn_err *err);
/* The PIN (4-12 digits, core_pin_valid) is hashed here (yescrypt) and only its hash sent;
 * wrong PINs counted against the old one are forgotten. *had_pin: whether one was set. */
enum stn_code core_admin_user_pin(struct core_db *db, const char *badge, const char *pin,
                                  int *had_pin, struct stn_err *err);
/* *changed 0: the badge was neither locked nor had wrong PINs counted. */
enum stn_code core_admin_user_unlock(struct core_db *db, const char *badge, int *changed,
                                     struct stn_err *err);
/* Enables (active 1) or disables a badge; *changed 0: it already was. */
enum stn_code core_admin_user_active(struct core_db *db, const char *badge, int active,
                                     int *changed, struct stn_err *err);

/* ---- lists ------------------------------------------------------------------------------- */
enum core_admin_list {
    CORE_ADMIN_USERS,     /* badge, name, role, active, locked_until (ISO 8601, or "") */
    CORE_ADMIN_PROCESSES, /* process, code, name, type, active, reworkable, fields, defects,
                           * criteria version */
    CORE_ADMIN_PROCESS,   /* one row of a process (arg): the columns above and name_ko */
    CORE_ADMIN_FIELDS,    /* a process's measurement fields */
    CORE_ADMIN_DEFECTS,   /* a process's defect codes and their words */
    CORE_ADMIN_VERSIONS,  /* a process's criteria versions: when, source, by whom */
    CORE_ADMIN_EQUIPMENT,
    CORE_ADMIN_LINES,
    CORE_ADMIN_MODELS,
    CORE_ADMIN_SETTINGS,
};
/* arg: the process number for PROCESS, FIELDS, DEFECTS and VERSIONS (STN_E_NOT_FOUND
 * when there is none); out is the caller's (core_table_fini). */
enum stn_code core_admin_list(struct core_db *db, enum core_admin_list which, int arg,
                              struct core_table *out, struct stn_err *err);

/* ---- measurement criteria ----------------------------------------------------------------- */
/* A version of a process's criteria as JSON text (version 0: the current one); the caller
 * frees *json. */
enum stn_code core_admin_criteria_export(struct core_db *db, int process, int version, char **json,
                                         struct stn_err *err);
/* Checks a criteria document (the file's len bytes) for process and gives what importing
 * it would change, one line per change in *changes (one column; no row: nothing). Unless
 * dry_run it then imports it in the same transaction: *version is the new version, or 0
 * when it changes nothing. */
enum stn_code core_admin_criteria_import(struct core_db *db, int process, const void *doc,
                                         size_t len, int dry_run, struct core_table *changes,
                                         int *version, struct stn_err *err);

/* ---- defect codes, equipment, lines, models, settings ------------------------------------- */
enum stn_code core_admin_defect_add(struct core_db *db, int process, const char *code,
                                    const char *text_ko, const char *text_en, struct stn_err *err);
enum stn_code core_admin_equipment_add(struct core_db *db, const char *code, int process,
                                       const char *name, struct stn_err *err);
/* *changed 0: it was already retired. */
enum stn_code core_admin_equipment_retire(struct core_db *db, const char *code, int *changed,
                                          struct stn_err *err);
enum stn_code core_admin_line_add(struct core_db *db, const char *code, const char *name,
                                  struct stn_err *err);
enum stn_code core_admin_model_add(struct core_db *db, const char *code, const char *name,
                                   struct stn_err *err);
/* *changed 0: the setting already had that value. */
enum stn_code core_admin_setting_set(struct core_db *db, const char *key, const char *value,
                                     int *changed, struct stn_err *err);

/* ---- badge labels --------------------------------------------------------------------------- */
struct core_badge_label {
    int64_t job_pk; /* its wip_print_jobs row, SUBMITTING */
    char badge[33];
    char name[101];
    char role[21];
};
/* What the badge's label shows, and its print job recorded before it is submitted. */
enum stn_code core_admin_badge_label(struct core_db *db, const char *badge, const char *queue,
                                     const char *station_id, struct core_badge_label *out,
                                     struct stn_err *err);
/* The job's state as print/ reports it (PENDING ... COMPLETED, FAILED, TIMEOUT). */
enum stn_code core_admin_badge_label_state(struct core_db *db, int64_t job_pk, const char *state,
                                           int cups_job_id, const char *error_text,
                                           struct stn_err *err);

#endif
