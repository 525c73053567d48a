/* core/printrec.c — a record for every print attempt: the label, the queue, who asked
 * (a reprint: the supervisor and the reason, audited), then CUPS's final state. */
#include "core/printrec.h"

#include <stdio.h>
#include <string.h>

#include "core/db_int.h"

static const char *const label_types[] = { "WIP", "SERIAL", "LOT", "COMMANDS", "TEST" };

static const char *id_or_null(char *buf, size_t n, int64_t v)
{
    if (!v)
        return NULL;
    snprintf(buf, n, "%lld", (long long)v);
    return buf;
}

enum stn_code core_print_begin(struct core_db *db, const struct core_actor *a,
                               const struct core_print_rec *rec, int64_t *job_pk,
                               struct core_refusal *why, struct stn_err *err)
{
    char wip[24], ser[24], lot[24], user[24], count[12];
    const char *q[11];
    struct db_pipe p;
    enum stn_code rc;

    *job_pk = 0;
    if (rec->is_reprint && !core_rule_reprint(a, rec->reason, why))
        return STN_E_RULE;
    q[0] = label_types[rec->type];
    q[1] = id_or_null(wip, sizeof wip, rec->wip_pk);
    q[2] = id_or_null(ser, sizeof ser, rec->serial_pk);
    q[3] = id_or_null(lot, sizeof lot, rec->lot_pk);
    q[4] = rec->label_id[0] ? rec->label_id : NULL;
    q[5] = rec->queue;
    q[6] = rec->is_reprint ? "true" : "false";
    q[7] = rec->is_reprint ? rec->reason : NULL;
    q[8] = id_or_null(user, sizeof user, a->user_id);
    q[9] = a->station_id;
    q[10] = count;
    snprintf(count, sizeof count, "0");
    db_pipe_begin(&p, db);
    db_pipe_sql(
        &p,
        "INSERT INTO wip_print_jobs (label_type, wip_item_id, serial_id, lot_id, label_id,"
        " queue, is_reprint, reprint_reason, operator_id, station_id, reprint_count)"
        " VALUES ($1::varchar, $2, $3, $4, $5::varchar, $6, $7, $8, $9, $10,"
        " CASE WHEN $7::boolean THEN (SELECT count(*) FROM wip_print_jobs j"
        "  WHERE j.label_type = $1::varchar AND j.label_id = $5::varchar AND j.is_reprint) + 1"
        "  ELSE $11::int END)"
        " RETURNING id",
        11, q);
    if (rec->is_reprint) {
        const char *au[7] = { user, NULL, a->station_id, "REPRINT", "label", q[4], NULL };
        db_pipe_stmt(&p, DB_AUDIT, 7, au);
    }
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK)
        *job_pk = db_ll(p.res[0], 0, "id");
    db_pipe_end(&p);
    if (rc != STN_OK)
        core_refuse_db(why, rc, 0, rec->label_id);
    return rc;
}

enum stn_code core_print_finish(struct core_db *db, int64_t job_pk, const char *state,
                                int cups_job_id, const char *error_text, struct stn_err *err)
{
    char id[24], job[12];
    const char *q[4] = { id, state, cups_job_id > 0 ? job : NULL, error_text };

    snprintf(id, sizeof id, "%lld", (long long)job_pk);
    snprintf(job, sizeof job, "%d", cups_job_id);
    return db_exec(
        db,
        "UPDATE wip_print_jobs SET state = $2::varchar, cups_job_id = COALESCE($3::int, cups_job_id),"
        " error_text = $4,"
        " finished_at = CASE WHEN $2::varchar IN ('COMPLETED', 'FAILED', 'ABORTED', 'CANCELED',"
        "  'TIMEOUT') THEN NOW() ELSE NULL END WHERE id = $1",
        4, q, NULL, err);
}
