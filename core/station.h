/* core/station.h — what a station does, as transactions: the API tui/ uses.
 *
 * Every transition is one transaction holding a row lock on the unit and costs two
 * round trips: (1) BEGIN + lock + load, pipelined; (2) the writes + COMMIT,
 * pipelined (or ROLLBACK when a rule refuses). Functions return STN_OK, STN_E_RULE
 * with *why filled (a refusal: nothing changed), STN_E_NOT_FOUND, or a database
 * error; then *why says whether the operator must scan again (R_NOT_RECORDED,
 * R_UNKNOWN_OUTCOME, R_BUSY). */
#ifndef STN_CORE_STATION_H
#define STN_CORE_STATION_H

#include "core/rules.h"
#include "base/status.h"

struct core_db;

/* The routing (cached per session; reloaded after a reconnect). */
enum stn_code core_routing_get(struct core_db *db, const struct core_routing **out,
                               struct stn_err *err);
void core_routing_invalidate(struct core_db *db);

/* ---- operators ---------------------------------------------------------------- */
struct core_user {
    int64_t id;
    char username[51];
    char full_name[101];
    enum core_role role;
    char badge[33];
};

/* Whether this badge needs a PIN here (MANAGER/ADMIN always; operators when
 * pin_for_operators). STN_E_AUTH (unknown) and STN_E_LOCKED fill why. */
enum stn_code core_auth_lookup(struct core_db *db, const char *badge, int pin_for_operators,
                               int *needs_pin, struct core_refusal *why, struct stn_err *err);
/* Checks badge + PIN (pin may be NULL when none is needed). Five wrong PINs lock the
 * badge for ten minutes at every station. */
enum stn_code core_auth_login(struct core_db *db, const char *badge, const char *pin,
                              const char *station_id, int pin_for_operators,
                              struct core_user *out, struct core_refusal *why,
                              struct stn_err *err);

/* ---- units -------------------------------------------------------------------- */
struct core_answer {
    enum core_scan_kind kind;
    int found;
    struct core_unit unit; /* the card, after whatever was done */
    struct core_next next; /* what the next scan or command of this unit does */
    enum core_action done; /* what this call did: START, COMPLETE, CONVERT, VERIFY, or NONE */
    enum core_result result; /* for COMPLETE/VERIFY */
};

/* Read-only: the card of a WIP or serial and what a scan would do here (1 round trip). */
enum stn_code core_unit_look(struct core_db *db, const struct core_actor *a,
                             const struct core_scan *scan, struct core_answer *out,
                             struct core_refusal *why, struct stn_err *err);

/* "Do what this scan means": start an attempt; complete PASS an open attempt of a
 * process without a form (read-back); convert at the converting process; verify a
 * scanned serial label. Otherwise changes nothing and says what is needed next. */
enum stn_code core_unit_scan(struct core_db *db, const struct core_actor *a,
                             const struct core_scan *scan, struct core_answer *out,
                             struct core_refusal *why, struct stn_err *err);

struct core_completion {
    enum core_result result;
    const char *defect;              /* FAIL: a code of the process */
    const char *notes;               /* may be NULL */
    const char *const *values;       /* one per form field of the process, or NULL */
};
enum stn_code core_unit_complete(struct core_db *db, const struct core_actor *a,
                                 const struct core_scan *scan, const struct core_completion *c,
                                 struct core_answer *out, struct core_refusal *why,
                                 struct stn_err *err);

/* Supervisor decision on a unit on hold. */
enum stn_code core_unit_dispose(struct core_db *db, const struct core_actor *approver,
                                const struct core_scan *scan, enum core_decision d,
                                const char *reason, struct core_answer *out,
                                struct core_refusal *why, struct stn_err *err);

/* What a label needs. */
struct core_label_data {
    int64_t wip_pk, serial_pk, lot_pk;
    char wip_id[CORE_WIP_LEN + 1];
    char serial[51];
    char lot[51];
    char model_code[21];
    char model_name[101];
    char production_date[11];
};
void core_label_from_unit(const struct core_unit *u, struct core_label_data *out);

/* ---- lots --------------------------------------------------------------------- */
struct core_lot {
    int64_t id;
    char lot_number[51];
    enum core_lot_status status;
    int target, units, max_seq, open_units, passed, failed;
    char model_code[21], model_name[101], line_code[11], production_date[11];
};
enum stn_code core_lot_get(struct core_db *db, const char *lot_number, struct core_lot *out,
                           struct stn_err *err);
/* production_date "YYYY-MM-DD" or NULL for today; target 1..200. */
enum stn_code core_lot_create(struct core_db *db, const struct core_actor *a, const char *line,
                              const char *model, const char *production_date, int target,
                              struct core_lot *out, struct core_refusal *why,
                              struct stn_err *err);
enum stn_code core_lot_close(struct core_db *db, const struct core_actor *approver,
                             const char *lot_number, struct core_refusal *why,
                             struct stn_err *err);
/* Process 1: the next WIP of the lot, with its process-1 attempt opened. */
enum stn_code core_wip_create(struct core_db *db, const struct core_actor *a,
                              const char *lot_number, struct core_label_data *out,
                              struct core_refusal *why, struct stn_err *err);
/* The same, and in its second round trip (after COMMIT) the new unit's card (card->found
 * set when it was read) and the lot as it is now (*lot_read set when it was read):
 * what the station shows after CMD:NEW, in 2 round trips instead of 4. */
enum stn_code core_wip_create_show(struct core_db *db, const struct core_actor *a,
                                   const char *lot_number, struct core_label_data *out,
                                   struct core_answer *card, struct core_lot *lot,
                                   int *lot_read, struct core_refusal *why,
                                   struct stn_err *err);
/* Supervisor: n WIPs at once (no attempt opened); *first gets the first sequence. */
enum stn_code core_wip_batch_create(struct core_db *db, const struct core_actor *approver,
                                    const char *lot_number, int n, int *first,
                                    struct core_refusal *why, struct stn_err *err);

/* ---- print records ------------------------------------------------------------ */
enum core_label_type { CORE_LABEL_WIP, CORE_LABEL_SERIAL, CORE_LABEL_LOT, CORE_LABEL_COMMANDS,
                       CORE_LABEL_TEST };
struct core_print_rec {
    enum core_label_type type;
    int64_t wip_pk, serial_pk, lot_pk; /* 0 = none */
    char label_id[51];
    char queue[129];
    int is_reprint;
    const char *reason; /* reprints */
};
/* Records an attempt before it is submitted (reprints: MANAGER/ADMIN and a reason). */
enum stn_code core_print_begin(struct core_db *db, const struct core_actor *a,
                               const struct core_print_rec *rec, int64_t *job_pk,
                               struct core_refusal *why, struct stn_err *err);
/* state: PENDING, PROCESSING, COMPLETED, FAILED, ABORTED, CANCELED, STOPPED, TIMEOUT. */
enum stn_code core_print_finish(struct core_db *db, int64_t job_pk, const char *state,
                                int cups_job_id, const char *error_text, struct stn_err *err);

/* Refusal for a database error code (R_NOT_RECORDED, R_UNKNOWN_OUTCOME, R_BUSY). */
void core_refuse_db(struct core_refusal *why, enum stn_code code, int commit_sent,
                    const char *what);

/* ---- added for tui/ (core/db_tui_extra.c) ------------------------------------- */
/* The equipment a station of this process records: the active one with this code
 * when it belongs to the process, else the process's first active one; *id = 0 when
 * the process has none. */
enum stn_code core_equipment_find(struct core_db *db, const char *code, int process,
                                  int64_t *id, struct stn_err *err);

#endif
