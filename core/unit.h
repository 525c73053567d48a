/* core/unit.h — what a station does to a unit, as transactions.
 *
 * Every transition is one transaction holding a row lock on the unit and costs two
 * round trips: (1) BEGIN + lock + load, pipelined; (2) the writes + COMMIT + the card
 * after them, pipelined (or ROLLBACK when a rule refuses); docs/DESIGN.md,
 * Transactions. Functions return STN_OK, STN_E_RULE with *why filled (a refusal:
 * nothing changed), STN_E_NOT_FOUND, or a database error; then *why says whether the
 * operator must scan again (R_NOT_RECORDED, R_UNKNOWN_OUTCOME, R_BUSY). */
#ifndef STN_CORE_UNIT_H
#define STN_CORE_UNIT_H

#include <stdint.h>

#include "base/status.h"
#include "core/ident.h"
#include "core/reason.h"
#include "core/rules.h"

struct core_db;

struct core_answer {
    enum core_scan_kind kind;
    int found;
    struct core_unit unit;   /* the card, after whatever was done */
    struct core_next next;   /* what the next scan or command of this unit does */
    enum core_action done;   /* what this call did: START, COMPLETE, CONVERT, VERIFY, or NONE */
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
    const char *defect;        /* FAIL: a code of the process */
    const char *notes;         /* may be NULL */
    const char *const *values; /* one per form field of the process, or NULL */
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

/* What a label of a unit needs. */
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

#endif
