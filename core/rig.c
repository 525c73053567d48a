/* core/rig.c — a rig's START or COMPLETE as one transition of the unit, its key recorded
 * in the same transaction (core/rig.h). Round trip 1 adds the key's lookup to the lock
 * and the card; round trip 2 adds the key's row to the writes and the COMMIT. */
#include "core/rig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "base/xalloc.h"
#include "core/db_int.h"
#include "core/rigjson.h"
#include "core/routing.h"

struct rig_ctx {
    const struct core_actor *a;
    const struct core_rig_req *req;
    struct core_rig_result *res;
    char *canonical;
    enum core_result result; /* COMPLETE: what is recorded */
    const char *defect;
    /* the key's lookup (round trip 1) */
    char digest[65], seen_digest[65];
    int seen, seen_on_serial;
    long long seen_attempt;
    char *seen_reply;
    /* round trip 2 */
    struct db_ids id;
    char actor[24], attempt[24];
    char reason[DB_REASON_LEN];
    char *doc;
};

enum decision { D_REFUSE, D_REPLAY, D_NOTHING, D_START, D_COMPLETE };

/* ---- the key ----------------------------------------------------------------------------- */
static void queue_lookup(void *vctx, struct db_pipe *p)
{
    struct rig_ctx *x = vctx;
    const char *q[3] = { x->a->station_id, x->req->msg->msg_id[0] ? x->req->msg->msg_id : NULL,
                         x->canonical };
    db_pipe_stmt(p, DB_RIG_LOOKUP, 3, q);
}

static void read_lookup(void *vctx, const struct db_pipe *p, int first)
{
    struct rig_ctx *x = vctx;
    const PGresult *r = p->res[first];

    snprintf(x->res->key, sizeof x->res->key, "%s", db_str(r, 0, "msg_key"));
    snprintf(x->digest, sizeof x->digest, "%s", db_str(r, 0, "digest"));
    snprintf(x->seen_digest, sizeof x->seen_digest, "%s", db_str(r, 0, "seen_digest"));
    x->seen = db_bool(r, 0, "seen");
    x->seen_attempt = db_ll(r, 0, "attempt");
    x->seen_on_serial = db_bool(r, 0, "on_serial");
    free(x->seen_reply);
    x->seen_reply = xstrdup(db_str(r, 0, "reply"));
}

/* A key recorded before names this message again. A rig's id always does; a digest
 * names a content, which the same unit may send again for a new attempt (a START after a
 * rework is the same bytes as the first), so it does only while the attempt it recorded
 * is still the unit's latest at this process and as the message left it. */
static int replays(const struct rig_ctx *x, const struct core_unit *u)
{
    const struct core_attempt *t = core_unit_latest(u, x->a->process);

    if (!x->seen)
        return 0;
    if (!strncmp(x->res->key, "id:", 3))
        return 1;
    if (!t || t->id != x->seen_attempt || t->on_serial != x->seen_on_serial)
        return 0;
    return x->req->msg->type == CORE_RIG_START ? t->result == CORE_RES_OPEN
                                               : t->result != CORE_RES_OPEN;
}

/* ---- the rule -------------------------------------------------------------------------- */
static const char *unit_name(const struct core_unit *u)
{
    return u->serial_number[0] ? u->serial_number : u->wip_id;
}

static enum decision decide(struct rig_ctx *x, const struct core_routing *r,
                            const struct core_unit *u, int *is_rework, struct core_refusal *why)
{
    const struct core_rig_msg *m = x->req->msg;
    struct core_next nx;

    if (x->seen && !strncmp(x->res->key, "id:", 3) && strcmp(x->seen_digest, x->digest)) {
        core_refuse(why, CORE_R_RIG_KEY_REUSED, 0, m->msg_id, NULL, NULL);
        return D_REFUSE;
    }
    if (replays(x, u))
        return D_REPLAY;
    core_rule_next(r, u, x->a, &nx);
    if (nx.action == CORE_ACT_CONVERT || nx.action == CORE_ACT_VERIFY) {
        core_refuse(why, CORE_R_RIG_NOT_HERE, x->a->process, unit_name(u), NULL, NULL);
        return D_REFUSE;
    }
    if (m->type == CORE_RIG_START) {
        *is_rework = nx.is_rework;
        if (nx.action == CORE_ACT_START)
            return D_START;
        if (nx.action == CORE_ACT_COMPLETE)
            return D_NOTHING; /* open here already: the rig may go on */
        *why = nx.why;
        return D_REFUSE;
    }
    if (!core_rule_complete(r, u, x->a, x->result, x->defect, why)) {
        /* the unit waits for another process: for a COMPLETE that means nothing is open here */
        if (why->code == CORE_R_PREV_NOT_PASSED)
            core_refuse(why, CORE_R_NOT_STARTED, x->a->process, unit_name(u), NULL, NULL);
        return D_REFUSE;
    }
    return D_COMPLETE;
}

/* ---- the attempt's document: the station's judgement with the rig's data beside it -------- */
static void add_str(struct json_object *o, const char *key, const char *v)
{
    if (v && v[0])
        json_object_object_add(o, key, json_object_new_string(v));
}

/* A number in its shortest form that reads back the same (json-c's own prints 17 digits:
 * 60.1 would be stored as 60.100000000000001). */
static void add_num(struct json_object *o, const char *key, double v)
{
    char buf[32];

    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    json_object_object_add(o, key, json_object_new_double_s(v, buf));
}

static const char *fv_name(enum core_rig_fv v)
{
    static const char *const n[] = { "PASS", "FAIL", "MISSING", "ABSENT", "UNKNOWN" };
    return (unsigned)v < 5 ? n[v] : "?";
}

/* The number the station records for a number field: the rig's value, or without one the
 * reading the form shows (the first out of spec, else the last). */
static double item_number(const struct core_rig_item *it, const struct core_rig_check *c)
{
    if (it->has_value)
        return it->value;
    return it->readings[c->bad_reading >= 0 ? c->bad_reading : it->n_readings - 1].value;
}

static struct json_object *rig_item(const struct core_process *p, const struct core_rig_item *it,
                                    const struct core_rig_check *c)
{
    struct json_object *o = json_object_new_object();

    add_str(o, "code", it->code);
    add_str(o, "name", it->name);
    if (it->has_value && it->is_text)
        add_str(o, "value", it->text);
    else if (it->has_value)
        add_num(o, "value", it->value);
    add_str(o, "unit", it->unit);
    if (it->has_min || it->has_max || it->has_target) {
        struct json_object *s = json_object_new_object();
        if (it->has_min)
            add_num(s, "min", it->min);
        if (it->has_max)
            add_num(s, "max", it->max);
        if (it->has_target)
            add_num(s, "target", it->target);
        json_object_object_add(o, "spec", s);
    }
    add_str(o, "result", core_rig_verdict_name(it->result));
    add_str(o, "field", c && c->field >= 0 ? p->fields[c->field].code : NULL);
    add_str(o, "station", c ? fv_name(c->verdict) : NULL);
    if (c && c->disagree)
        json_object_object_add(o, "disagree", json_object_new_boolean(1));
    if (c && c->limits_differ)
        json_object_object_add(o, "limits_differ", json_object_new_boolean(1));
    if (it->n_readings) {
        struct json_object *arr = json_object_new_array();
        const struct core_field *f = c && c->field >= 0 ? &p->fields[c->field] : NULL;
        for (int i = 0; i < it->n_readings; i++) {
            const struct core_rig_reading *rd = &it->readings[i];
            struct json_object *ro = json_object_new_object();
            add_str(ro, "step", rd->step);
            add_num(ro, "value", rd->value);
            add_str(ro, "unit", rd->unit);
            add_str(ro, "result", core_rig_verdict_name(rd->result));
            if (f && f->type == CORE_FT_NUMBER)
                add_str(ro, "station",
                        (f->has_min && rd->value < f->min) || (f->has_max && rd->value > f->max)
                            ? "FAIL"
                            : "PASS");
            else if (f && f->type == CORE_FT_PASSFAIL)
                add_str(ro, "station", rd->value == 1 ? "PASS" : "FAIL");
            json_object_array_add(arr, ro);
        }
        json_object_object_add(o, "readings", arr);
    }
    return o;
}

/* The station's values, limits and verdicts per field, as a form's completion has them. */
static void station_part(struct json_object *doc, const struct core_process *p,
                         const struct core_rig_msg *m, const struct core_rig_judgement *j)
{
    struct json_object *meas = json_object_new_object(), *lim = json_object_new_object();
    struct json_object *jd = json_object_new_object();

    for (int i = 0; i < j->n; i++) {
        const struct core_rig_check *c = &j->c[i];
        const struct core_field *f;
        if (c->field < 0)
            continue;
        f = &p->fields[c->field];
        if (c->verdict != CORE_RIG_FV_ABSENT)
            add_str(jd, f->code, fv_name(c->verdict));
        if (f->type == CORE_FT_NUMBER && (f->has_min || f->has_max)) {
            struct json_object *l = json_object_new_object();
            if (f->has_min)
                add_num(l, "min", f->min);
            if (f->has_max)
                add_num(l, "max", f->max);
            json_object_object_add(lim, f->code, l);
        }
        if (c->item < 0 || c->verdict == CORE_RIG_FV_MISSING || c->verdict == CORE_RIG_FV_ABSENT)
            continue;
        if (f->type == CORE_FT_NUMBER)
            add_num(meas, f->code, item_number(&m->items[c->item], c));
        else
            add_str(meas, f->code, c->value);
    }
    json_object_object_add(doc, "measurements", meas);
    json_object_object_add(doc, "limits", lim);
    json_object_object_add(doc, "judgement", jd);
}

static char *document(const struct rig_ctx *x, const struct core_process *p)
{
    const struct core_rig_msg *m = x->req->msg;
    const struct core_rig_judgement *j = &x->res->judgement;
    struct json_object *doc = json_object_new_object(), *rig = json_object_new_object();
    struct json_object *items = json_object_new_array();
    char *text;

    add_str(doc, "result", x->result == CORE_RES_PASS ? "PASS" : "FAIL");
    if (x->result == CORE_RES_FAIL)
        add_str(doc, "defect", x->defect);
    add_str(doc, "station", x->a->station_id);
    add_str(doc, "source", "rig");
    station_part(doc, p, m, j);
    add_str(rig, "key", x->res->key);
    add_str(rig, "result", core_rig_verdict_name(m->result));
    add_str(rig, "proposal", j->proposal == CORE_RES_PASS ? "PASS" : "FAIL");
    add_str(rig, "decided_by", x->req->result ? "operator" : "station");
    for (int i = 0; i < m->n_items; i++) {
        const struct core_rig_check *c = NULL;
        for (int k = 0; k < j->n && !c; k++)
            if (j->c[k].item == i)
                c = &j->c[k];
        json_object_array_add(items, rig_item(p, &m->items[i], c));
    }
    json_object_object_add(rig, "items", items);
    core_rig_json_defects(rig, m);
    json_object_object_add(doc, "rig", rig);
    text = xstrdup(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN |
                                                           JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(doc);
    return text;
}

/* ---- round trip 2 ------------------------------------------------------------------------ */
static void queue_record(struct rig_ctx *x, struct db_pipe *p, const struct core_routing *r,
                         const struct core_unit *u, long long attempt, const char *reply)
{
    int serial = core_routing_phase(r, x->a->process) != CORE_PHASE_WIP;
    const char *q[11];

    snprintf(x->attempt, sizeof x->attempt, "%lld", attempt);
    db_set_ids(&x->id, u, x->a, core_routing_find(r, x->a->process));
    q[0] = x->a->station_id, q[1] = x->res->key, q[2] = x->digest;
    q[3] = core_rig_type_name(x->req->msg->type);
    q[4] = x->req->source == CORE_RIG_SRC_FILE ? "FILE" : "TCP";
    q[5] = x->id.wip_pk, q[6] = attempt ? x->attempt : NULL, q[7] = serial ? "S" : "W";
    q[8] = x->id.serial_pk, q[9] = x->id.user, q[10] = reply;
    db_pipe_stmt(p, DB_RIG_RECORD, 11, q);
}

static const char *reply_of(struct rig_ctx *x)
{
    const char *text = x->req->reply ? x->req->reply(x->req->reply_ctx, x->req->msg, x->res) : NULL;
    return text && *text ? text : "{}";
}

static int rig_act(void *vctx, struct db_pipe *p, const struct core_routing *r, struct core_unit *u,
                   struct core_answer *out, struct core_refusal *why)
{
    struct rig_ctx *x = vctx;
    int is_rework = 0, n;
    enum decision d = decide(x, r, u, &is_rework, why);

    switch (d) {
    case D_REFUSE: return -1;
    case D_REPLAY:
        x->res->outcome = CORE_RIG_REPLAY;
        free(x->res->reply);
        x->res->reply = xstrdup(x->seen_reply);
        return 0;
    case D_NOTHING: x->res->outcome = CORE_RIG_NOTHING; return 0;
    case D_START:
        x->res->outcome = CORE_RIG_RECORDED;
        out->done = CORE_ACT_START;
        n = db_queue_start(p, r, u, x->a, is_rework, &x->id);
        queue_record(x, p, r, u, 0, reply_of(x));
        return n + 1;
    case D_COMPLETE: {
        const struct core_process *sp = core_routing_find(r, x->a->process);
        const struct core_attempt *open = core_unit_open(u);
        struct core_completion cc = { x->result, x->result == CORE_RES_FAIL ? x->defect : NULL,
                                      NULL, NULL };
        x->res->outcome = CORE_RIG_RECORDED;
        out->done = CORE_ACT_COMPLETE;
        out->result = x->result;
        free(x->doc);
        x->doc = document(x, sp);
        n = db_queue_completion(p, r, u, x->a, &cc, x->doc, &x->id, x->actor, x->reason);
        queue_record(x, p, r, u, open->id, reply_of(x));
        return n + 1;
    }
    }
    return -1;
}

/* ---- the check without recording (an operator will confirm): 1 round trip ---------------- */
static enum stn_code check_only(struct core_db *db, struct rig_ctx *x, const struct core_routing *r,
                                struct core_refusal *why, struct stn_err *err)
{
    const struct core_scan *s = &x->req->msg->unit;
    const char *key[2] = { s->kind == CORE_SCAN_WIP ? s->text : NULL,
                           s->kind == CORE_SCAN_SERIAL ? s->text : NULL };
    struct core_answer *card = &x->res->card;
    struct db_pipe p;
    enum stn_code rc;
    int is_rework;

    db_pipe_begin(&p, db);
    db_pipe_stmt(&p, DB_LOAD_CARD, 2, key);
    queue_lookup(x, &p);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK && PQntuples(p.res[0]) == 0)
        rc = STN_E_NOT_FOUND;
    if (rc == STN_OK) {
        card->found = 1;
        db_fill_unit(p.res[0], &card->unit);
        read_lookup(x, &p, 1);
    }
    db_pipe_end(&p);
    if (rc == STN_E_NOT_FOUND) {
        core_refuse(why, CORE_R_UNKNOWN_ID, 0, s->text, NULL, NULL);
        return rc;
    }
    if (rc != STN_OK) {
        core_refuse_db(why, rc, 0, s->text);
        return rc;
    }
    core_rule_next(r, &card->unit, x->a, &card->next);
    switch (decide(x, r, &card->unit, &is_rework, why)) {
    case D_REFUSE: return STN_E_RULE;
    case D_REPLAY:
        x->res->outcome = CORE_RIG_REPLAY;
        x->res->reply = xstrdup(x->seen_reply);
        return STN_OK;
    case D_NOTHING:
    case D_START:
    case D_COMPLETE: x->res->outcome = CORE_RIG_NOTHING; return STN_OK;
    }
    return STN_OK;
}

/* What a COMPLETE records: the station's proposal, or the operator's FAIL (never a PASS the
 * station judged FAIL). */
static int choose(struct rig_ctx *x, struct core_refusal *why)
{
    const struct core_rig_judgement *j = &x->res->judgement;

    x->result = x->req->result ? *x->req->result : j->proposal;
    x->defect = x->result == CORE_RES_FAIL && x->req->result && x->req->defect ? x->req->defect
                                                                               : j->defect;
    if (x->result == CORE_RES_PASS && j->proposal == CORE_RES_FAIL) {
        core_refuse(why, CORE_R_RIG_JUDGED_FAIL, 0, x->req->msg->unit.text, j->defect, NULL);
        return 0;
    }
    x->res->recorded = x->result;
    snprintf(x->res->defect, sizeof x->res->defect, "%s",
             x->result == CORE_RES_FAIL ? x->defect : "");
    return 1;
}

/* The checks that need only the routing: the process named, the values judged. */
static enum stn_code prepare(struct rig_ctx *x, const struct core_routing *r,
                             struct core_refusal *why)
{
    const struct core_rig_msg *m = x->req->msg;
    const struct core_process *sp = core_routing_find(r, x->a->process);
    char named[12];

    if (m->process && m->process != x->a->process) {
        snprintf(named, sizeof named, "%d", m->process);
        core_refuse(why, CORE_R_RIG_OTHER_PROCESS, x->a->process, m->unit.text, named, NULL);
        return STN_E_RULE;
    }
    if (!sp) {
        core_refuse(why, CORE_R_PROCESS_INACTIVE, x->a->process, NULL, NULL, NULL);
        return STN_E_RULE;
    }
    if (m->type == CORE_RIG_COMPLETE &&
        (!core_rig_judge(sp, m, &x->res->judgement, why) || !choose(x, why)))
        return STN_E_RULE;
    return STN_OK;
}

enum stn_code core_rig_apply(struct core_db *db, const struct core_actor *a,
                             const struct core_rig_req *req, struct core_rig_result *out,
                             struct core_refusal *why, struct stn_err *err)
{
    const struct core_routing *r;
    struct rig_ctx x;
    struct db_load_hook hook = { queue_lookup, read_lookup, &x };
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    out->type = req->msg->type;
    core_refuse(why, CORE_R_OK, 0, NULL, NULL, NULL);
    x.a = a, x.req = req, x.res = out;
    if ((rc = core_routing_get(db, &r, err)) != STN_OK) {
        core_refuse_db(why, rc, 0, req->msg->unit.text);
        return rc;
    }
    if ((rc = prepare(&x, r, why)) != STN_OK)
        return rc;
    x.canonical = core_rig_canonical(req->msg);
    if (req->flags & CORE_RIG_CHECK)
        rc = check_only(db, &x, r, why, err);
    else
        rc = db_transition(db, a, &req->msg->unit, &hook, rig_act, &x, &out->card, why, err);
    free(x.canonical);
    free(x.seen_reply);
    free(x.doc);
    return rc;
}

void core_rig_result_fini(struct core_rig_result *r)
{
    if (!r)
        return;
    free(r->reply);
    r->reply = NULL;
}
