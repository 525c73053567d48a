/* core/printrec.h — the record of every print attempt (wip_print_jobs): written before
 * a label is submitted and finished with CUPS's final state. print/ prints; this only
 * records. */
#ifndef STN_CORE_PRINTREC_H
#define STN_CORE_PRINTREC_H

#include <stdint.h>

#include "base/status.h"
#include "core/reason.h"
#include "core/rules.h"

struct core_db;

enum core_label_type {
    CORE_LABEL_WIP,
    CORE_LABEL_SERIAL,
    CORE_LABEL_LOT,
    CORE_LABEL_COMMANDS,
    CORE_LABEL_TEST
};
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

#endif
