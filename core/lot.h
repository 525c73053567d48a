/* core/lot.h — lots (numbering, creation, closing) and the creation of their WIPs. */
#ifndef STN_CORE_LOT_H
#define STN_CORE_LOT_H

#include <stdint.h>

#include "base/status.h"
#include "core/reason.h"
#include "core/rules.h"
#include "core/unit.h"

struct core_db;

struct core_lot {
    int64_t id;
    char lot_number[51];
    enum core_lot_status status;
    int target, units, max_seq, open_units, passed, failed;
    char model_code[21], model_name[101], line_code[11], production_date[11];
    struct core_hold hold; /* the lot's own quarantine hold (on_lot set) */
    int held_units;        /* its units held now: by the lot's hold or their own */
};
enum stn_code core_lot_get(struct core_db *db, const char *lot_number, struct core_lot *out,
                           struct stn_err *err);

#define CORE_MAX_CODES 16
/* The active production line and model codes a lot may be created with (at most
 * CORE_MAX_CODES of each, sorted). */
struct core_lot_codes {
    char lines[CORE_MAX_CODES][11];
    int n_lines;
    char models[CORE_MAX_CODES][21];
    int n_models;
};
enum stn_code core_lot_codes_get(struct core_db *db, struct core_lot_codes *out,
                                 struct stn_err *err);
/* production_date "YYYY-MM-DD" or NULL for today; target 1..200. */
enum stn_code core_lot_create(struct core_db *db, const struct core_actor *a, const char *line,
                              const char *model, const char *production_date, int target,
                              struct core_lot *out, struct core_refusal *why, struct stn_err *err);
enum stn_code core_lot_close(struct core_db *db, const struct core_actor *approver,
                             const char *lot_number, struct core_refusal *why, struct stn_err *err);

/* Process 1: the next WIP of the lot, with its process-1 attempt opened. */
enum stn_code core_wip_create(struct core_db *db, const struct core_actor *a,
                              const char *lot_number, struct core_label_data *out,
                              struct core_refusal *why, struct stn_err *err);

/* What the station shows after CMD:NEW, read after COMMIT in the creation's second
 * round trip. */
struct core_wip_created {
    struct core_label_data label; /* the new WIP */
    struct core_answer card;      /* its card; card.found set when it was read */
    struct core_lot lot;          /* the lot as it is now, when lot_read */
    int lot_read;
};
/* core_wip_create, and the new unit's card and its lot in the same two round trips. */
enum stn_code core_wip_create_show(struct core_db *db, const struct core_actor *a,
                                   const char *lot_number, struct core_wip_created *out,
                                   struct core_refusal *why, struct stn_err *err);

/* Supervisor: n WIPs at once (no attempt opened); *first gets the first sequence and,
 * when labels is not NULL, labels[0 .. n-1] what each new WIP's label needs, in order
 * (read in the same round trip as the creation). */
enum stn_code core_wip_batch_create(struct core_db *db, const struct core_actor *approver,
                                    const char *lot_number, int n, int *first,
                                    struct core_label_data *labels, struct core_refusal *why,
                                    struct stn_err *err);

#endif
