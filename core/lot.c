/* core/lot.c — lots: numbering, creation, closing; WIP creation at process 1. */
#include "core/lot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db_int.h"
#include "core/routing.h"

/* a lot holds at most this many units; a line and model have at most SEQ_MAX lots a
 * month (the lot number's three digits) */
#define TARGET_MAX 200
#define SEQ_MAX 999

static int supervisor(const struct core_actor *a, struct core_refusal *why)
{
    if (a->role == CORE_ROLE_MANAGER || a->role == CORE_ROLE_ADMIN)
        return 1;
    core_refuse(why, CORE_R_ROLE, 0, NULL, NULL, NULL);
    return 0;
}

static void fill_lot(const PGresult *r, struct core_lot *l)
{
    memset(l, 0, sizeof *l);
    l->id = db_ll(r, 0, "id");
    snprintf(l->lot_number, sizeof l->lot_number, "%s", db_str(r, 0, "lot_number"));
    l->status = core_lot_status_parse(db_str(r, 0, "status"));
    l->target = db_int(r, 0, "target_quantity");
    l->units = db_int(r, 0, "units");
    l->max_seq = db_int(r, 0, "max_seq");
    l->open_units = db_int(r, 0, "open_units");
    l->passed = db_int(r, 0, "passed_quantity");
    l->failed = db_int(r, 0, "failed_quantity");
    snprintf(l->model_code, sizeof l->model_code, "%s", db_str(r, 0, "model_code"));
    snprintf(l->model_name, sizeof l->model_name, "%s", db_str(r, 0, "model_name"));
    snprintf(l->line_code, sizeof l->line_code, "%s", db_str(r, 0, "line_code"));
    snprintf(l->production_date, sizeof l->production_date, "%s", db_str(r, 0, "production_date"));
    l->hold.active = db_bool(r, 0, "held");
    l->hold.on_lot = l->hold.active;
    snprintf(l->hold.reason, sizeof l->hold.reason, "%s", db_str(r, 0, "held_reason"));
    snprintf(l->hold.by, sizeof l->hold.by, "%s", db_str(r, 0, "held_by"));
    snprintf(l->hold.at, sizeof l->hold.at, "%s", db_str(r, 0, "held_at"));
    l->held_units = db_int(r, 0, "held_units");
}

/* A held lot gets no new units (R_HELD, naming the lot). */
static int lot_not_held(const struct core_lot *l, struct core_refusal *why)
{
    char by[sizeof l->hold.by + sizeof l->hold.at + 2];

    if (!l->hold.active)
        return 1;
    snprintf(by, sizeof by, "%s %s", l->hold.by, l->hold.at);
    core_refuse(why, CORE_R_HELD, 0, l->lot_number, by, l->hold.reason);
    return 0;
}

enum stn_code core_lot_get(struct core_db *db, const char *lot_number, struct core_lot *out,
                           struct stn_err *err)
{
    const char *p[1] = { lot_number };
    PGresult *r;
    enum stn_code rc = db_exec_stmt(db, DB_LOAD_LOT, 1, p, &r, err);

    if (rc != STN_OK)
        return rc;
    if (PQntuples(r) == 0)
        rc = stn_err_set(err, STN_E_NOT_FOUND, "lot %s is not known", lot_number);
    else
        fill_lot(r, out);
    PQclear(r);
    return rc;
}

/* BEGIN + lock the lot row + load it (round trip 1). */
static enum stn_code lot_lock_load(struct core_db *db, const char *lot_number, struct core_lot *l,
                                   struct stn_err *err)
{
    const char *p[1] = { lot_number };
    struct db_pipe pp;
    enum stn_code rc;

    db_pipe_begin(&pp, db);
    db_pipe_stmt(&pp, DB_BEGIN, 0, NULL);
    db_pipe_stmt(&pp, DB_LOCK_LOT, 1, p);
    db_pipe_stmt(&pp, DB_LOAD_LOT, 1, p);
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK && PQntuples(pp.res[2]) == 0)
        rc = stn_err_set(err, STN_E_NOT_FOUND, "lot %s is not known", lot_number);
    if (rc == STN_OK)
        fill_lot(pp.res[2], l);
    db_pipe_end(&pp);
    if (rc != STN_OK)
        db_rollback(db);
    return rc;
}

static int lot_open_for_units(const struct core_lot *l, int n, struct core_refusal *why)
{
    char st[16];
    if (l->status == CORE_LS_CLOSED || l->status == CORE_LS_COMPLETED) {
        snprintf(st, sizeof st, "%s", core_lot_status_name(l->status));
        core_refuse(why, CORE_R_LOT_CLOSED, 0, l->lot_number, st, NULL);
        return 0;
    }
    if (l->max_seq + n > l->target || l->max_seq + n > TARGET_MAX) {
        /* how many more fit, not how many there are: a batch of 7 at 14 of 20 is told 6 */
        int cap = l->target < TARGET_MAX ? l->target : TARGET_MAX;
        snprintf(st, sizeof st, "%d", l->target);
        core_refuse(why, CORE_R_LOT_FULL, cap > l->max_seq ? cap - l->max_seq : 0, l->lot_number,
                    st, NULL);
        return 0;
    }
    return 1;
}

static enum stn_code refuse(struct core_db *db, enum stn_code rc, struct core_refusal *why,
                            const char *what)
{
    db_rollback(db);
    if (rc == STN_E_NOT_FOUND)
        core_refuse(why, CORE_R_UNKNOWN_ID, 0, what, NULL, NULL);
    else if (rc != STN_E_RULE)
        core_refuse_db(why, rc, rc == STN_E_DB_CONN, what);
    return rc;
}

/* Round trip 2 of a WIP's creation: the WIP and its attempt, COMMIT, and when show is
 * given the new card and the lot read after COMMIT into it. */
static enum stn_code create_commit(struct core_db *db, const struct core_routing *r,
                                   const struct core_actor *a, const char *const q[7],
                                   const struct core_lot *l, struct core_label_data *out,
                                   struct core_wip_created *show, struct stn_err *err)
{
    const char *wip = q[1];
    struct db_pipe pp;
    enum stn_code rc;

    db_pipe_begin(&pp, db);
    db_pipe_stmt(&pp, DB_CREATE_WIP, 7, q);
    db_pipe_stmt(&pp, DB_COMMIT, 0, NULL);
    if (show) {
        const char *card_key[2] = { wip, NULL };
        const char *lot_key[1] = { l->lot_number };
        db_pipe_stmt(&pp, DB_LOAD_CARD, 2, card_key);
        db_pipe_stmt(&pp, DB_LOAD_LOT, 1, lot_key);
    }
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK && show && PQntuples(pp.res[2]) > 0) {
        show->card.found = 1;
        show->card.kind = CORE_SCAN_WIP;
        db_fill_unit(pp.res[2], &show->card.unit);
        core_rule_next(r, &show->card.unit, a, &show->card.next);
    }
    if (rc == STN_OK && show && PQntuples(pp.res[3]) > 0) {
        fill_lot(pp.res[3], &show->lot);
        show->lot_read = 1;
    }
    if (rc == STN_OK) {
        out->wip_pk = db_ll(pp.res[0], 0, "wip_pk");
        out->lot_pk = l->id;
        snprintf(out->wip_id, sizeof out->wip_id, "%s", wip);
        snprintf(out->lot, sizeof out->lot, "%s", l->lot_number);
        snprintf(out->model_code, sizeof out->model_code, "%s", l->model_code);
        snprintf(out->model_name, sizeof out->model_name, "%s", l->model_name);
        snprintf(out->production_date, sizeof out->production_date, "%s", l->production_date);
    }
    db_pipe_end(&pp);
    return rc;
}

/* The next WIP of the lot in two round trips: the lot locked and read, then
 * create_commit. */
static enum stn_code wip_create(struct core_db *db, const struct core_actor *a,
                                const char *lot_number, struct core_label_data *out,
                                struct core_wip_created *show, struct core_refusal *why,
                                struct stn_err *err)
{
    const struct core_routing *r;
    const struct core_process *p1;
    struct core_lot l;
    char lot[24], seq[12], pid[24], user[24], equip[24], wip[CORE_WIP_LEN + 1];
    const char *q[7] = { lot, wip, seq, pid, user, equip, a->station_id };
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    if ((rc = core_routing_get(db, &r, err)) != STN_OK)
        return refuse(db, rc, why, lot_number);
    p1 = core_routing_find(r, a->process);
    if (!p1 || a->process != r->first_number) {
        core_refuse(why, CORE_R_WRONG_KIND, a->process, "CMD:NEW", "WIP", NULL);
        return STN_E_RULE;
    }
    if ((rc = lot_lock_load(db, lot_number, &l, err)) != STN_OK)
        return refuse(db, rc, why, lot_number);
    if (!lot_open_for_units(&l, 1, why) || !lot_not_held(&l, why))
        return refuse(db, STN_E_RULE, why, lot_number);
    snprintf(lot, sizeof lot, "%lld", (long long)l.id);
    snprintf(seq, sizeof seq, "%d", l.max_seq + 1);
    snprintf(pid, sizeof pid, "%lld", (long long)p1->id);
    snprintf(user, sizeof user, "%lld", (long long)a->user_id);
    snprintf(equip, sizeof equip, "%lld", (long long)a->equipment_id);
    core_wip_format(wip, l.lot_number, l.max_seq + 1);
    rc = create_commit(db, r, a, q, &l, out, show, err);
    if (rc == STN_E_RULE && err && !strcmp(err->sqlstate, "WS002")) {
        /* the lot was held after it was read: say so with the hold as it is now */
        struct stn_err e2;
        db_rollback(db);
        if (core_lot_get(db, lot_number, &l, &e2) == STN_OK && !lot_not_held(&l, why))
            return STN_E_RULE;
        core_refuse(why, CORE_R_HELD, 0, lot_number, NULL, NULL);
        return STN_E_RULE;
    }
    return rc == STN_OK ? rc : refuse(db, rc, why, lot_number);
}

enum stn_code core_wip_create(struct core_db *db, const struct core_actor *a,
                              const char *lot_number, struct core_label_data *out,
                              struct core_refusal *why, struct stn_err *err)
{
    return wip_create(db, a, lot_number, out, NULL, why, err);
}

enum stn_code core_wip_create_show(struct core_db *db, const struct core_actor *a,
                                   const char *lot_number, struct core_wip_created *out,
                                   struct core_refusal *why, struct stn_err *err)
{
    memset(out, 0, sizeof *out);
    return wip_create(db, a, lot_number, &out->label, out, why, err);
}

/* The label data of a batch's WIPs: the rows of its INSERT ... RETURNING, and the lot. */
static void batch_labels(const PGresult *r, const struct core_lot *l, int n,
                         struct core_label_data *labels)
{
    for (int i = 0; i < n; i++) {
        struct core_label_data *d = &labels[i];

        memset(d, 0, sizeof *d);
        if (i < PQntuples(r)) {
            d->wip_pk = db_ll(r, i, "wip_pk");
            snprintf(d->wip_id, sizeof d->wip_id, "%s", db_str(r, i, "wip_id"));
        }
        d->lot_pk = l->id;
        snprintf(d->lot, sizeof d->lot, "%s", l->lot_number);
        snprintf(d->model_code, sizeof d->model_code, "%s", l->model_code);
        snprintf(d->model_name, sizeof d->model_name, "%s", l->model_name);
        snprintf(d->production_date, sizeof d->production_date, "%s", l->production_date);
    }
}

enum stn_code core_wip_batch_create(struct core_db *db, const struct core_actor *approver,
                                    const char *lot_number, int n, int *first,
                                    struct core_label_data *labels, struct core_refusal *why,
                                    struct stn_err *err)
{
    struct core_lot l;
    struct db_pipe pp;
    char lot[24], from[12], to[12], actor[24], detail[64];
    enum stn_code rc;

    if (!supervisor(approver, why))
        return STN_E_RULE;
    if (n < 1 || n > TARGET_MAX) {
        core_refuse(why, CORE_R_QUANTITY_RANGE, TARGET_MAX, NULL, NULL, NULL);
        return STN_E_RULE;
    }
    if ((rc = lot_lock_load(db, lot_number, &l, err)) != STN_OK)
        return refuse(db, rc, why, lot_number);
    if (!lot_open_for_units(&l, n, why) || !lot_not_held(&l, why))
        return refuse(db, STN_E_RULE, why, lot_number);
    snprintf(lot, sizeof lot, "%lld", (long long)l.id);
    snprintf(from, sizeof from, "%d", l.max_seq + 1);
    snprintf(to, sizeof to, "%d", l.max_seq + n);
    snprintf(actor, sizeof actor, "%lld", (long long)approver->user_id);
    snprintf(detail, sizeof detail, "{\"from\": %d, \"to\": %d}", l.max_seq + 1, l.max_seq + n);
    {
        const char *q[4] = { lot, l.lot_number, from, to };
        const char *au[7] = { actor,        NULL,  approver->station_id, "WIP_BATCH", "lot",
                              l.lot_number, detail };
        db_pipe_begin(&pp, db);
        db_pipe_sql(&pp,
                    "WITH w AS (INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot)"
                    " SELECT $2 || '-W' || lpad(g::text, 4, '0'), $1, g"
                    " FROM generate_series($3::int, $4::int) g"
                    " RETURNING id, wip_id, sequence_in_lot),"
                    " l AS (UPDATE lots SET status = 'IN_PROGRESS', updated_at = NOW()"
                    " WHERE id = $1 AND status = 'CREATED' RETURNING id)"
                    " SELECT id AS wip_pk, wip_id FROM w ORDER BY sequence_in_lot",
                    4, q);
        db_pipe_stmt(&pp, DB_AUDIT, 7, au);
        db_pipe_stmt(&pp, DB_COMMIT, 0, NULL);
        rc = db_pipe_sync(&pp, err);
        if (rc == STN_OK && labels) /* the labels to print, in the lot's order */
            batch_labels(pp.res[0], &l, n, labels);
        db_pipe_end(&pp);
    }
    if (rc != STN_OK)
        return refuse(db, rc, why, lot_number);
    if (first)
        *first = l.max_seq + 1;
    return STN_OK;
}

static int code_ok(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static int date_ok(const char *d)
{
    int y, m, dd;
    char tail;
    return d && strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3 &&
           y >= 2000 && y <= 2099 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

/* Round trip 1: BEGIN, a lock on the number's prefix, the ids and the highest
 * sequence used this month. On STN_OK the transaction is open. */
static enum stn_code lot_number_alloc(struct core_db *db, const char *line, const char *model,
                                      const char *prefix, char line_id[24], char model_id[24],
                                      int *seq, struct core_refusal *why, struct stn_err *err)
{
    char key[40];
    const char *k[1] = { key };
    const char *q[3] = { line, model, prefix };
    struct db_pipe pp;
    enum stn_code rc;

    snprintf(key, sizeof key, "wipstation lot %s", prefix);
    db_pipe_begin(&pp, db);
    db_pipe_stmt(&pp, DB_BEGIN, 0, NULL);
    db_pipe_sql(&pp, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, k);
    db_pipe_sql(&pp,
                "SELECT (SELECT id FROM production_lines WHERE line_code = $1) AS line_id,"
                " (SELECT id FROM product_models WHERE model_code = $2) AS model_id,"
                " (SELECT COALESCE(max(substr(lot_number, 12, 3)::int), 0) FROM lots"
                "  WHERE lot_number ~ ('^' || $3 || '[0-9]{3}$')) AS max_seq",
                3, q);
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK) {
        const PGresult *r = pp.res[2];
        snprintf(line_id, 24, "%s", db_str(r, 0, "line_id"));
        snprintf(model_id, 24, "%s", db_str(r, 0, "model_id"));
        *seq = db_int(r, 0, "max_seq") + 1;
        if (!line_id[0] || !model_id[0]) {
            core_refuse(why, CORE_R_UNKNOWN_ID, 0, !line_id[0] ? line : model, NULL, NULL);
            rc = STN_E_RULE;
        } else if (*seq > SEQ_MAX) {
            core_refuse(why, CORE_R_LOT_SEQUENCE_FULL, SEQ_MAX, NULL, NULL, NULL);
            rc = STN_E_RULE;
        }
    }
    db_pipe_end(&pp);
    return rc;
}

enum stn_code core_lot_codes_get(struct core_db *db, struct core_lot_codes *out,
                                 struct stn_err *err)
{
    PGresult *r;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    rc = db_exec(db,
                 "(SELECT 'L' AS k, line_code AS c FROM production_lines WHERE is_active"
                 "  AND line_code IS NOT NULL ORDER BY line_code LIMIT 16)"
                 " UNION ALL (SELECT 'M', model_code FROM product_models WHERE is_active"
                 "  AND model_code IS NOT NULL ORDER BY model_code LIMIT 16)",
                 0, NULL, &r, err);
    if (rc != STN_OK)
        return rc;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *c = db_str(r, i, "c");
        if (!strcmp(db_str(r, i, "k"), "L") && out->n_lines < CORE_MAX_CODES)
            snprintf(out->lines[out->n_lines++], sizeof out->lines[0], "%s", c);
        else if (out->n_models < CORE_MAX_CODES)
            snprintf(out->models[out->n_models++], sizeof out->models[0], "%s", c);
    }
    PQclear(r);
    return STN_OK;
}

static int lot_args_ok(const char *line, const char *model, const char *production_date, int target,
                       char date[11], struct core_refusal *why)
{
    if (!code_ok(line, 4, 4) || !code_ok(model, 3, 20) || target < 1 || target > TARGET_MAX ||
        (production_date && !date_ok(production_date))) {
        core_refuse(why, CORE_R_LOT_ARGS_INVALID, TARGET_MAX, NULL, NULL, NULL);
        return 0;
    }
    if (production_date) {
        snprintf(date, 11, "%s", production_date);
    } else {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(date, 11, "%Y-%m-%d", &tm);
    }
    return 1;
}

enum stn_code core_lot_create(struct core_db *db, const struct core_actor *a, const char *line,
                              const char *model, const char *production_date, int target,
                              struct core_lot *out, struct core_refusal *why, struct stn_err *err)
{
    char date[11], prefix[12], model3[4], tgt[12], actor[24], lotno[CORE_LOT_LEN + 1] = "";
    char line_id[24], model_id[24];
    struct db_pipe pp;
    enum stn_code rc;
    int seq = 0;

    if (!supervisor(a, why))
        return STN_E_RULE;
    if (!lot_args_ok(line, model, production_date, target, date, why))
        return STN_E_RULE;
    snprintf(model3, sizeof model3, "%.3s", model);
    snprintf(prefix, sizeof prefix, "%.4s%.3s%.2s%.2s", line, model3, date + 2, date + 5);
    rc = lot_number_alloc(db, line, model, prefix, line_id, model_id, &seq, why, err);
    if (rc != STN_OK)
        return refuse(db, rc, why, prefix);
    core_lot_format(lotno, line, model3, atoi(date + 2), atoi(date + 5), seq);
    snprintf(tgt, sizeof tgt, "%d", target);
    snprintf(actor, sizeof actor, "%lld", (long long)a->user_id);
    {
        const char *ins[5] = { lotno, model_id, line_id, date, tgt };
        const char *au[7] = { actor, NULL, a->station_id, "LOT_CREATE", "lot", lotno, NULL };
        db_pipe_begin(&pp, db);
        db_pipe_sql(&pp,
                    "INSERT INTO lots (lot_number, product_model_id, production_line_id,"
                    " production_date, target_quantity) VALUES ($1, $2, $3, $4::date, $5)"
                    " RETURNING id",
                    5, ins);
        db_pipe_stmt(&pp, DB_AUDIT, 7, au);
        db_pipe_stmt(&pp, DB_COMMIT, 0, NULL);
        rc = db_pipe_sync(&pp, err);
        db_pipe_end(&pp);
    }
    if (rc != STN_OK)
        return refuse(db, rc, why, lotno);
    /* the lot exists once COMMIT succeeded: a connection lost while it is read back does
     * not make the creation fail (the caller would count a committed lot as not recorded) */
    memset(out, 0, sizeof *out);
    snprintf(out->lot_number, sizeof out->lot_number, "%s", lotno);
    snprintf(out->production_date, sizeof out->production_date, "%s", date);
    out->status = CORE_LS_CREATED;
    out->target = target;
    (void)core_lot_get(db, lotno, out, NULL);
    return STN_OK;
}

enum stn_code core_lot_close(struct core_db *db, const struct core_actor *approver,
                             const char *lot_number, struct core_refusal *why, struct stn_err *err)
{
    struct core_lot l;
    struct db_pipe pp;
    char id[24], actor[24];
    enum stn_code rc;

    if (!supervisor(approver, why))
        return STN_E_RULE;
    if ((rc = lot_lock_load(db, lot_number, &l, err)) != STN_OK)
        return refuse(db, rc, why, lot_number);
    if (l.status == CORE_LS_CLOSED) {
        core_refuse(why, CORE_R_LOT_CLOSED, 0, l.lot_number, "CLOSED", NULL);
        return refuse(db, STN_E_RULE, why, lot_number);
    }
    if (l.open_units > 0) {
        core_refuse(why, CORE_R_LOT_NOT_DONE, l.open_units, l.lot_number, NULL, NULL);
        return refuse(db, STN_E_RULE, why, lot_number);
    }
    snprintf(id, sizeof id, "%lld", (long long)l.id);
    snprintf(actor, sizeof actor, "%lld", (long long)approver->user_id);
    {
        const char *q[1] = { id };
        const char *au[7] = { actor,        NULL, approver->station_id, "LOT_CLOSE", "lot",
                              l.lot_number, NULL };
        db_pipe_begin(&pp, db);
        db_pipe_sql(&pp,
                    "UPDATE lots SET status = 'CLOSED', closed_at = NOW(), updated_at = NOW()"
                    " WHERE id = $1",
                    1, q);
        db_pipe_stmt(&pp, DB_AUDIT, 7, au);
        db_pipe_stmt(&pp, DB_COMMIT, 0, NULL);
        rc = db_pipe_sync(&pp, err);
        db_pipe_end(&pp);
    }
    return rc == STN_OK ? rc : refuse(db, rc, why, lot_number);
}
