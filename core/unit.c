/* core/unit.c — unit transitions: lock + load, apply a rule, write, commit.
 * Two round trips each: see core/unit.h. */
#include "core/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/db_int.h"
#include "core/jsonw.h"
#include "core/routing.h"

#define RETRIES 3
/* notes are stored and shown to people: plain text of at most this many bytes */
#define NOTES_MAX 500

static enum core_unit_status unit_status(const char *s)
{
    if (!strcmp(s, "IN_PROGRESS"))
        return CORE_US_IN_PROGRESS;
    if (!strcmp(s, "COMPLETED"))
        return CORE_US_COMPLETED;
    if (!strcmp(s, "CONVERTED"))
        return CORE_US_CONVERTED;
    if (!strcmp(s, "SCRAPPED"))
        return CORE_US_SCRAPPED;
    return CORE_US_CREATED;
}

static enum core_serial_status serial_status(const char *s)
{
    if (!strcmp(s, "CREATED"))
        return CORE_SS_CREATED;
    if (!strcmp(s, "IN_PROGRESS"))
        return CORE_SS_IN_PROGRESS;
    if (!strcmp(s, "PASSED"))
        return CORE_SS_PASSED;
    if (!strcmp(s, "FAILED"))
        return CORE_SS_FAILED;
    if (!strcmp(s, "SCRAPPED"))
        return CORE_SS_SCRAPPED;
    return CORE_SS_NONE;
}

void db_fill_unit(const PGresult *ru, struct core_unit *u)
{
    const PGresult *ra = ru;

    memset(u, 0, sizeof *u);
    u->wip_pk = db_ll(ru, 0, "wip_pk");
    u->lot_pk = db_ll(ru, 0, "lot_id");
    u->serial_pk = db_ll(ru, 0, "serial_pk");
    stn_strlcpy(u->wip_id, db_str(ru, 0, "wip_id"), sizeof u->wip_id);
    stn_strlcpy(u->lot_number, db_str(ru, 0, "lot_number"), sizeof u->lot_number);
    u->seq = db_int(ru, 0, "seq");
    u->status = unit_status(db_str(ru, 0, "status"));
    u->lot_status = core_lot_status_parse(db_str(ru, 0, "lot_status"));
    stn_strlcpy(u->serial_number, db_str(ru, 0, "serial_number"), sizeof u->serial_number);
    u->serial_status = serial_status(db_str(ru, 0, "serial_status"));
    u->serial_rework_count = db_int(ru, 0, "rework_count");
    stn_strlcpy(u->model_code, db_str(ru, 0, "model_code"), sizeof u->model_code);
    stn_strlcpy(u->model_name, db_str(ru, 0, "model_name"), sizeof u->model_name);
    stn_strlcpy(u->production_date, db_str(ru, 0, "production_date"), sizeof u->production_date);
    u->label_printed = db_bool(ru, 0, "label_printed");
    u->hold.active = db_bool(ru, 0, "held");
    u->hold.on_lot = db_bool(ru, 0, "held_on_lot");
    stn_strlcpy(u->hold.reason, db_str(ru, 0, "held_reason"), sizeof u->hold.reason);
    stn_strlcpy(u->hold.by, db_str(ru, 0, "held_by"), sizeof u->hold.by);
    stn_strlcpy(u->hold.at, db_str(ru, 0, "held_at"), sizeof u->hold.at);
    for (int i = 0; i < PQntuples(ra); i++) {
        struct core_attempt *t;
        const char *res = db_str(ra, i, "result");
        const char *dec = db_str(ra, i, "decision");
        if (db_isnull(ra, i, "id")) /* the unit has no attempt */
            continue;
        if (u->n_att == CORE_MAX_ATTEMPTS) { /* keep the newest */
            memmove(&u->att[0], &u->att[1], sizeof u->att[0] * (CORE_MAX_ATTEMPTS - 1));
            u->n_att--;
        }
        t = &u->att[u->n_att++];
        t->id = db_ll(ra, i, "id");
        t->on_serial = db_int(ra, i, "on_serial");
        t->process = db_int(ra, i, "process");
        t->result = !*res ? CORE_RES_OPEN : !strcmp(res, "PASS") ? CORE_RES_PASS : CORE_RES_FAIL;
        t->is_rework = db_bool(ra, i, "is_rework");
        stn_strlcpy(t->started_at, db_str(ra, i, "started_at"), sizeof t->started_at);
        stn_strlcpy(t->completed_at, db_str(ra, i, "completed_at"), sizeof t->completed_at);
        stn_strlcpy(t->station_id, db_str(ra, i, "station_id"), sizeof t->station_id);
        stn_strlcpy(t->operator_name, db_str(ra, i, "operator_name"), sizeof t->operator_name);
        stn_strlcpy(t->defect, db_str(ra, i, "defect"), sizeof t->defect);
        t->decision = !strcmp(dec, "REWORK")  ? CORE_DEC_REWORK
                      : !strcmp(dec, "SCRAP") ? CORE_DEC_SCRAP
                                              : CORE_DEC_NONE;
        stn_strlcpy(t->decided_by, db_str(ra, i, "decided_by"), sizeof t->decided_by);
        stn_strlcpy(t->decision_reason, db_str(ra, i, "reason"), sizeof t->decision_reason);
    }
}

static void scan_params(const struct core_scan *s, const char *p[2])
{
    p[0] = s->kind == CORE_SCAN_WIP ? s->text : NULL;
    p[1] = s->kind == CORE_SCAN_SERIAL ? s->text : NULL;
}

/* Queues LOAD_CARD (1 result). */
static void queue_load(struct db_pipe *p, const char *const key[2])
{
    db_pipe_stmt(p, DB_LOAD_CARD, 2, key);
}

enum stn_code core_unit_look(struct core_db *db, const struct core_actor *a,
                             const struct core_scan *scan, struct core_answer *out,
                             struct core_refusal *why, struct stn_err *err)
{
    const struct core_routing *r;
    const char *key[2];
    struct db_pipe p;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    out->kind = scan->kind;
    if ((rc = core_routing_get(db, &r, err)) != STN_OK) {
        core_refuse_db(why, rc, 0, scan->text);
        return rc;
    }
    scan_params(scan, key);
    db_pipe_begin(&p, db);
    queue_load(&p, key);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK && PQntuples(p.res[0]) == 0)
        rc = STN_E_NOT_FOUND;
    if (rc == STN_OK) {
        out->found = 1;
        db_fill_unit(p.res[0], &out->unit);
        core_rule_next(r, &out->unit, a, &out->next);
    }
    db_pipe_end(&p);
    if (rc == STN_E_NOT_FOUND)
        core_refuse(why, CORE_R_UNKNOWN_ID, 0, scan->text, NULL, NULL);
    else if (rc != STN_OK)
        core_refuse_db(why, rc, 0, scan->text);
    return rc;
}

/* Round trip 1: BEGIN, lock the unit, load it, and what the hook queues after that. On
 * STN_OK the transaction is open. */
static enum stn_code lock_load(struct core_db *db, const struct core_scan *scan,
                               const struct db_load_hook *hook, struct core_unit *u,
                               struct stn_err *err)
{
    const char *key[2];
    struct db_pipe p;
    enum stn_code rc;

    scan_params(scan, key);
    db_pipe_begin(&p, db);
    db_pipe_stmt(&p, DB_BEGIN, 0, NULL);
    db_pipe_stmt(&p, DB_LOCK_UNIT, 2, key);
    queue_load(&p, key);
    if (hook)
        hook->queue(hook->ctx, &p);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK && PQntuples(p.res[1]) == 0)
        rc = STN_E_NOT_FOUND;
    if (rc == STN_OK) {
        db_fill_unit(p.res[2], u);
        if (hook)
            hook->read(hook->ctx, &p, 3);
    }
    db_pipe_end(&p);
    return rc;
}

/* Builds the attempt's JSONB document. */
static void build_data(struct jsonw *w, const struct core_process *p,
                       const struct core_completion *c, const struct core_actor *a,
                       const char *verified)
{
    jsonw_fini(w);
    jsonw_init(w);
    jsonw_open(w);
    jsonw_str(w, "result", c->result == CORE_RES_PASS ? "PASS" : "FAIL");
    if (c->result == CORE_RES_FAIL && c->defect)
        jsonw_str(w, "defect", c->defect);
    if (c->notes && *c->notes)
        jsonw_str(w, "notes", c->notes);
    jsonw_str(w, "station", a->station_id);
    if (verified) {
        jsonw_bool(w, "barcode_verified", 1);
        jsonw_str(w, "scanned_label", verified);
    }
    if (p && p->n_fields && c->values) {
        jsonw_key(w, "measurements");
        jsonw_open(w);
        for (int i = 0; i < p->n_fields; i++) {
            const char *v = c->values[i] ? c->values[i] : "";
            double x;
            if (!*v)
                continue;
            if (p->fields[i].type == CORE_FT_NUMBER && core_parse_number(v, &x) == 0)
                jsonw_num(w, p->fields[i].code, x);
            else
                jsonw_str(w, p->fields[i].code, v);
        }
        jsonw_close(w);
    }
    jsonw_close(w);
}

void db_set_ids(struct db_ids *id, const struct core_unit *u, const struct core_actor *a,
                const struct core_process *p)
{
    snprintf(id->wip_pk, sizeof id->wip_pk, "%lld", (long long)u->wip_pk);
    snprintf(id->lot_pk, sizeof id->lot_pk, "%lld", (long long)u->lot_pk);
    snprintf(id->serial_pk, sizeof id->serial_pk, "%lld", (long long)u->serial_pk);
    snprintf(id->user, sizeof id->user, "%lld", (long long)a->user_id);
    snprintf(id->equip, sizeof id->equip, "%lld", (long long)a->equipment_id);
    snprintf(id->proc_id, sizeof id->proc_id, "%lld", p ? (long long)p->id : 0LL);
}

/* Round trip 2: the queued writes, COMMIT, and the unit reloaded after it. */
static enum stn_code commit_reload(struct db_pipe *p, const struct core_scan *scan,
                                   struct core_answer *out, struct stn_err *err)
{
    const char *key[2];
    enum stn_code rc;
    int first_load;

    scan_params(scan, key);
    db_pipe_stmt(p, DB_COMMIT, 0, NULL);
    first_load = p->n;
    if (key[0] || key[1])
        queue_load(p, key);
    rc = db_pipe_sync(p, err);
    if (rc == STN_OK && (key[0] || key[1]) && PQntuples(p->res[first_load]) > 0)
        db_fill_unit(p->res[first_load], &out->unit);
    return rc; /* on an error the caller rolls back, once out of pipeline mode */
}

static void queue_audit(struct db_pipe *p, const struct core_actor *a, const char *action,
                        const char *entity, const char *key, const char *detail, char *actor)
{
    const char *q[7] = { actor, NULL, a->station_id, action, entity, key, detail };
    snprintf(actor, 24, "%lld", (long long)a->user_id);
    db_pipe_stmt(p, DB_AUDIT, 7, q);
}

/* Queues the lot's counters and then its completion (two statements: see
 * LOT_COMPLETE in core/db_sql.h); returns the number of results queued. */
static int queue_lot_count(struct db_pipe *p, const char *const l[3])
{
    db_pipe_stmt(p, DB_LOT_COUNT, 3, l);
    db_pipe_stmt(p, DB_LOT_COMPLETE, 1, l);
    return 2;
}

/* Queues the writes of a START; returns the number of results queued. */
int db_queue_start(struct db_pipe *p, const struct core_routing *r, const struct core_unit *u,
                   const struct core_actor *a, int is_rework, struct db_ids *id)
{
    const struct core_process *sp = core_routing_find(r, a->process);
    const char *rw = is_rework ? "true" : "false";

    db_set_ids(id, u, a, sp);
    if (core_routing_phase(r, a->process) == CORE_PHASE_WIP) {
        const char *q[6] = { id->wip_pk, id->proc_id, id->user, id->equip, rw, a->station_id };
        db_pipe_stmt(p, DB_START_WIP, 6, q);
    } else {
        const char *q[7] = { id->lot_pk, id->serial_pk, id->proc_id, id->user, id->equip,
                             rw,         a->station_id };
        db_pipe_stmt(p, DB_START_SERIAL, 7, q);
    }
    return 1;
}

/* Queues the writes of a completion; returns the number of results queued. */
static int queue_complete(struct db_pipe *p, const struct core_routing *r,
                          const struct core_unit *u, const struct core_actor *a,
                          const struct core_completion *c, const char *json, struct db_ids *id,
                          char *actor, const char *auto_reason)
{
    const struct core_process *sp = core_routing_find(r, a->process);
    const struct core_attempt *open = core_unit_open(u);
    enum core_phase ph = core_routing_phase(r, a->process);
    const char *res = c->result == CORE_RES_PASS ? "PASS" : "FAIL";
    int n = 0, last = 1;

    db_set_ids(id, u, a, sp);
    snprintf(id->attempt, sizeof id->attempt, "%lld", (long long)open->id);
    {
        char version[16];
        const char *q[4] = { id->attempt, res, json, version };
        snprintf(version, sizeof version, "%d", sp ? sp->criteria_version : 0);
        db_pipe_stmt(p, ph == CORE_PHASE_WIP ? DB_COMPLETE_WIP : DB_COMPLETE_SERIAL, 4, q);
        n++;
    }
    for (int i = 0; i < r->n; i++)
        if (r->p[i].active && r->p[i].number > a->process)
            last = 0;
    if (ph != CORE_PHASE_WIP) {
        const char *st = c->result == CORE_RES_FAIL ? "FAILED" : last ? "PASSED" : "IN_PROGRESS";
        const char *q[4] = { id->serial_pk, st, c->result == CORE_RES_FAIL ? c->defect : NULL,
                             "0" };
        db_pipe_stmt(p, DB_SERIAL_STATUS, 4, q);
        n++;
        if (c->result == CORE_RES_PASS && last) {
            const char *l[3] = { id->lot_pk, "1", "0" };
            n += queue_lot_count(p, l);
        }
    }
    if (c->result == CORE_RES_FAIL && auto_reason) {
        /* not reworkable: the FAIL scraps the unit at once */
        const char *q[9] = { id->wip_pk,
                             ph == CORE_PHASE_WIP ? NULL : id->serial_pk,
                             id->proc_id,
                             ph == CORE_PHASE_WIP ? id->attempt : NULL,
                             ph == CORE_PHASE_WIP ? NULL : id->attempt,
                             "SCRAP",
                             auto_reason,
                             id->user,
                             a->station_id };
        const char *l[3] = { id->lot_pk, "0", "1" };
        db_pipe_stmt(p, DB_DISPOSITION, 9, q);
        if (ph == CORE_PHASE_WIP) {
            const char *w[1] = { id->wip_pk };
            db_pipe_stmt(p, DB_WIP_SCRAP, 1, w);
        } else {
            const char *s[4] = { id->serial_pk, "SCRAPPED", NULL, "0" };
            db_pipe_stmt(p, DB_SERIAL_STATUS, 4, s);
        }
        n += queue_lot_count(p, l);
        queue_audit(p, a, "AUTO_SCRAP", "unit", u->wip_id, NULL, actor);
        n += 3;
    }
    return n;
}

/* Whether a violated constraint is the one-open-attempt-per-unit index of either phase. */
static int one_open_index(const char *constraint)
{
    return !strcmp(constraint, "uq_wip_history_one_open") ||
           !strcmp(constraint, "uq_process_data_one_open");
}

enum stn_code db_transition(struct core_db *db, const struct core_actor *a,
                            const struct core_scan *scan, const struct db_load_hook *hook,
                            db_act_fn act, void *ctx, struct core_answer *out,
                            struct core_refusal *why, struct stn_err *err)
{
    const struct core_routing *r;
    enum stn_code rc = STN_OK;
    int commit_sent = 0;      /* a lost connection after this: the outcome is unknown */
    int opened_meanwhile = 0; /* set by the last commit; only a busy one is retried */
    struct stn_err own;

    if (!err) /* the SQLSTATE below is read from it */
        err = &own;

    for (int attempt = 0; attempt < RETRIES; attempt++) {
        struct db_pipe p;
        int nq;
        commit_sent = 0;
        memset(out, 0, sizeof *out);
        out->kind = scan->kind;
        core_refuse(why, CORE_R_OK, 0, NULL, NULL, NULL);
        if ((rc = core_routing_get(db, &r, err)) != STN_OK)
            break;
        rc = lock_load(db, scan, hook, &out->unit, err);
        if (rc == STN_E_NOT_FOUND) {
            db_rollback(db);
            core_refuse(why, CORE_R_UNKNOWN_ID, 0, scan->text, NULL, NULL);
            return rc;
        }
        if (rc != STN_OK) {
            db_rollback(db);
            if (rc == STN_E_DB_BUSY)
                continue;
            break;
        }
        out->found = 1;
        db_pipe_begin(&p, db);
        nq = act(ctx, &p, r, &out->unit, out, why);
        if (nq < 0) {
            db_pipe_end(&p);
            db_rollback(db);
            core_rule_next(r, &out->unit, a, &out->next);
            return STN_E_RULE;
        }
        commit_sent = 1;
        rc = commit_reload(&p, scan, out, err);
        opened_meanwhile = rc == STN_E_DUPLICATE && one_open_index(p.constraint);
        db_pipe_end(&p);
        if (rc != STN_OK) /* ROLLBACK cannot be sent in pipeline mode: only now */
            db_rollback(db);
        if (rc == STN_OK) {
            core_rule_next(r, &out->unit, a, &out->next);
            return STN_OK;
        }
        /* a hold committed after this transition loaded the unit: the database refused
         * the start (wip_hold_guard); the next round loads the hold and the rule refuses */
        if (rc != STN_E_DB_BUSY && !(rc == STN_E_RULE && !strcmp(err->sqlstate, "WS002")))
            break;
    }
    if (opened_meanwhile)
        /* another attempt opened meanwhile (the row lock makes this legacy-data only):
         * nothing was recorded, and the next scan shows where it is open and by whom */
        core_refuse(why, CORE_R_BUSY, 0, scan->text, NULL, NULL);
    else if (rc == STN_E_RULE && !strcmp(err->sqlstate, "WS002"))
        /* held on every round: the database's word stands */
        core_refuse(why, CORE_R_HELD, 0, scan->text, "-", err->msg);
    else
        core_refuse_db(why, rc, commit_sent, scan->text);
    return rc;
}

/* ---- scan ---------------------------------------------------------------------- */
struct scan_ctx {
    const struct core_actor *a;
    const struct core_scan *scan;
    struct db_ids id;
    char actor[24];
    struct jsonw json;
    struct core_label_data label;
    char serial[CORE_SERIAL_LEN + 1];
    char seq[12], pnum[12];
};

static int wrong_kind(const struct core_routing *r, const struct core_scan *s,
                      const struct core_actor *a, const struct core_unit *u,
                      const struct core_next *nx, struct core_refusal *why)
{
    enum core_phase ph = core_routing_phase(r, a->process);
    if (ph == CORE_PHASE_SERIAL && s->kind == CORE_SCAN_WIP && u->serial_number[0]) {
        core_refuse(why, CORE_R_WRONG_KIND, a->process, s->text, u->serial_number, NULL);
        return 1;
    }
    if (nx->action == CORE_ACT_VERIFY && s->kind == CORE_SCAN_WIP) {
        core_refuse(why, u->label_printed ? CORE_R_WRONG_KIND : CORE_R_LABEL_NOT_PRINTED,
                    a->process, u->label_printed ? s->text : u->serial_number, u->serial_number,
                    NULL);
        return 1;
    }
    return 0;
}

static int scan_act(void *vctx, struct db_pipe *p, const struct core_routing *r,
                    struct core_unit *u, struct core_answer *out, struct core_refusal *why)
{
    struct scan_ctx *c = vctx;
    const struct core_actor *a = c->a;
    const struct core_process *sp = core_routing_find(r, a->process);
    struct core_next nx;

    core_rule_next(r, u, a, &nx);
    if (wrong_kind(r, c->scan, a, u, &nx, why))
        return -1;
    switch (nx.action) {
    case CORE_ACT_START:
        out->done = CORE_ACT_START;
        return db_queue_start(p, r, u, a, nx.is_rework, &c->id);
    case CORE_ACT_COMPLETE:
        if (sp && sp->n_fields == 0) { /* read-back: the scan itself is the check */
            struct core_completion cc = { CORE_RES_PASS, NULL, NULL, NULL };
            build_data(&c->json, sp, &cc, a, c->scan->text);
            out->done = CORE_ACT_COMPLETE;
            out->result = CORE_RES_PASS;
            return queue_complete(p, r, u, a, &cc, jsonw_text(&c->json), &c->id, c->actor, NULL);
        }
        *why = nx.why;
        return -1; /* the form decides */
    case CORE_ACT_VERIFY:
        if (strcmp(c->scan->text, u->serial_number)) {
            core_refuse(why, CORE_R_LABEL_MISMATCH, 0, u->serial_number, c->scan->text, NULL);
            return -1;
        } else {
            struct core_completion cc = { CORE_RES_PASS, NULL, NULL, NULL };
            build_data(&c->json, sp, &cc, a, c->scan->text);
            out->done = CORE_ACT_VERIFY;
            out->result = CORE_RES_PASS;
            return queue_complete(p, r, u, a, &cc, jsonw_text(&c->json), &c->id, c->actor, NULL);
        }
    case CORE_ACT_CONVERT: {
        const char *q[9];
        db_set_ids(&c->id, u, a, sp);
        core_serial_format(c->serial, u->lot_number, u->seq);
        snprintf(c->seq, sizeof c->seq, "%d", u->seq);
        snprintf(c->pnum, sizeof c->pnum, "%d", a->process);
        q[0] = c->id.wip_pk, q[1] = c->id.lot_pk, q[2] = c->serial, q[3] = c->seq;
        q[4] = c->id.proc_id, q[5] = c->id.user, q[6] = c->id.equip, q[7] = a->station_id;
        q[8] = c->pnum;
        db_pipe_stmt(p, DB_CONVERT, 9, q);
        out->done = CORE_ACT_CONVERT;
        return 1;
    }
    case CORE_ACT_DISPOSITION:
    case CORE_ACT_NONE: break;
    }
    *why = nx.why;
    return -1;
}

enum stn_code core_unit_scan(struct core_db *db, const struct core_actor *a,
                             const struct core_scan *scan, struct core_answer *out,
                             struct core_refusal *why, struct stn_err *err)
{
    struct scan_ctx c;
    enum stn_code rc;

    memset(&c, 0, sizeof c);
    c.a = a;
    c.scan = scan;
    jsonw_init(&c.json);
    if (scan->kind != CORE_SCAN_WIP && scan->kind != CORE_SCAN_SERIAL) {
        jsonw_fini(&c.json);
        memset(out, 0, sizeof *out);
        core_refuse(why, CORE_R_BAD_SCAN, 0, scan->text, NULL, NULL);
        return STN_E_RULE;
    }
    rc = db_transition(db, a, scan, NULL, scan_act, &c, out, why, err);
    jsonw_fini(&c.json);
    return rc;
}

/* ---- complete ------------------------------------------------------------------- */
struct complete_ctx {
    const struct core_actor *a;
    const struct core_completion *c;
    struct db_ids id;
    char actor[24];
    struct jsonw json;
    char reason[DB_REASON_LEN];
};

static int complete_act(void *vctx, struct db_pipe *p, const struct core_routing *r,
                        struct core_unit *u, struct core_answer *out, struct core_refusal *why)
{
    struct complete_ctx *x = vctx;
    const struct core_process *sp = core_routing_find(r, x->a->process);
    struct core_judgement j;

    if (!core_rule_complete(r, u, x->a, x->c->result, x->c->defect, why))
        return -1;
    if (x->c->notes && (strlen(x->c->notes) > NOTES_MAX || !core_utf8_clean(x->c->notes))) {
        core_refuse(why, CORE_R_NOTES_INVALID, NOTES_MAX, NULL, NULL, NULL);
        return -1;
    }
    if (sp && sp->n_fields && x->c->values && !core_form_judge(sp, x->c->values, &j, why)) {
        if (x->c->result == CORE_RES_PASS || why->code == CORE_R_FIELD_INVALID)
            return -1; /* a FAIL may leave required fields empty */
    }
    build_data(&x->json, sp, x->c, x->a, NULL);
    out->done = CORE_ACT_COMPLETE;
    out->result = x->c->result;
    return db_queue_completion(p, r, u, x->a, x->c, jsonw_text(&x->json), &x->id, x->actor,
                               x->reason);
}

int db_queue_completion(struct db_pipe *p, const struct core_routing *r, const struct core_unit *u,
                        const struct core_actor *a, const struct core_completion *c,
                        const char *json, struct db_ids *id, char *actor, char *reason)
{
    const struct core_process *sp = core_routing_find(r, a->process);
    const char *auto_reason = NULL;

    if (c->result == CORE_RES_FAIL && sp && !sp->reworkable) {
        snprintf(reason, DB_REASON_LEN, "FAIL %s at process %d, which cannot be reworked",
                 c->defect, sp->number);
        auto_reason = reason;
    }
    return queue_complete(p, r, u, a, c, json, id, actor, auto_reason);
}

enum stn_code core_unit_complete(struct core_db *db, const struct core_actor *a,
                                 const struct core_scan *scan, const struct core_completion *c,
                                 struct core_answer *out, struct core_refusal *why,
                                 struct stn_err *err)
{
    struct complete_ctx x;
    enum stn_code rc;

    memset(&x, 0, sizeof x);
    x.a = a;
    x.c = c;
    jsonw_init(&x.json);
    rc = db_transition(db, a, scan, NULL, complete_act, &x, out, why, err);
    jsonw_fini(&x.json);
    return rc;
}

/* ---- dispositions ----------------------------------------------------------------- */
struct dispose_ctx {
    const struct core_actor *a;
    enum core_decision d;
    const char *reason;
    struct db_ids id;
    char actor[24];
    char att[24];
    struct jsonw detail;
};

static int dispose_act(void *vctx, struct db_pipe *p, const struct core_routing *r,
                       struct core_unit *u, struct core_answer *out, struct core_refusal *why)
{
    struct dispose_ctx *x = vctx;
    const struct core_attempt *hold;
    const struct core_process *hp;
    const char *dec = x->d == CORE_DEC_REWORK ? "REWORK" : "SCRAP";
    int n = 0;

    if (!core_rule_disposition(r, u, x->a, x->d, x->reason, why))
        return -1;
    hold = core_unit_on_hold(u);
    hp = core_routing_find(r, hold->process);
    db_set_ids(&x->id, u, x->a, hp);
    snprintf(x->att, sizeof x->att, "%lld", (long long)hold->id);
    {
        const char *q[9] = { x->id.wip_pk,
                             hold->on_serial ? x->id.serial_pk : NULL,
                             x->id.proc_id,
                             hold->on_serial ? NULL : x->att,
                             hold->on_serial ? x->att : NULL,
                             dec,
                             x->reason,
                             x->id.user,
                             x->a->station_id };
        db_pipe_stmt(p, DB_DISPOSITION, 9, q);
        n++;
    }
    if (x->d == CORE_DEC_SCRAP) {
        const char *l[3] = { x->id.lot_pk, "0", "1" };
        if (hold->on_serial) {
            const char *s[4] = { x->id.serial_pk, "SCRAPPED", NULL, "0" };
            db_pipe_stmt(p, DB_SERIAL_STATUS, 4, s);
        } else {
            const char *w[1] = { x->id.wip_pk };
            db_pipe_stmt(p, DB_WIP_SCRAP, 1, w);
        }
        n += 1 + queue_lot_count(p, l);
    } else if (hold->on_serial) {
        const char *s[4] = { x->id.serial_pk, "IN_PROGRESS", NULL, "1" };
        db_pipe_stmt(p, DB_SERIAL_STATUS, 4, s);
        n++;
    }
    jsonw_fini(&x->detail);
    jsonw_init(&x->detail);
    jsonw_open(&x->detail);
    jsonw_str(&x->detail, "decision", dec);
    jsonw_num(&x->detail, "process", hold->process);
    jsonw_str(&x->detail, "defect", hold->defect);
    jsonw_str(&x->detail, "reason", x->reason);
    jsonw_close(&x->detail);
    queue_audit(p, x->a, x->d == CORE_DEC_REWORK ? "DISPOSITION_REWORK" : "DISPOSITION_SCRAP",
                "unit", u->wip_id, jsonw_text(&x->detail), x->actor);
    (void)out;
    return n + 1;
}

enum stn_code core_unit_dispose(struct core_db *db, const struct core_actor *approver,
                                const struct core_scan *scan, enum core_decision d,
                                const char *reason, struct core_answer *out,
                                struct core_refusal *why, struct stn_err *err)
{
    struct dispose_ctx x;
    enum stn_code rc;

    memset(&x, 0, sizeof x);
    x.a = approver;
    x.d = d;
    x.reason = reason;
    jsonw_init(&x.detail);
    rc = db_transition(db, approver, scan, NULL, dispose_act, &x, out, why, err);
    jsonw_fini(&x.detail);
    return rc;
}

void core_label_from_unit(const struct core_unit *u, struct core_label_data *out)
{
    memset(out, 0, sizeof *out);
    out->wip_pk = u->wip_pk;
    out->serial_pk = u->serial_pk;
    out->lot_pk = u->lot_pk;
    stn_strlcpy(out->wip_id, u->wip_id, sizeof out->wip_id);
    stn_strlcpy(out->serial, u->serial_number, sizeof out->serial);
    stn_strlcpy(out->lot, u->lot_number, sizeof out->lot);
    stn_strlcpy(out->model_code, u->model_code, sizeof out->model_code);
    stn_strlcpy(out->model_name, u->model_name, sizeof out->model_name);
    stn_strlcpy(out->production_date, u->production_date, sizeof out->production_date);
}
