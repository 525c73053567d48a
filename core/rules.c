/* core/rules.c — the unit lifecycle rules, pure (docs/DESIGN.md, Lifecycle). */
#include "core/rules.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct core_process *core_routing_find(const struct core_routing *r, int number)
{
    for (int i = 0; i < r->n; i++)
        if (r->p[i].number == number)
            return &r->p[i];
    return NULL;
}

void core_routing_derive(struct core_routing *r)
{
    r->conv_number = 0;
    r->first_number = 0;
    for (int i = 0; i < r->n; i++) {
        const struct core_process *p = &r->p[i];
        if (!p->active)
            continue;
        if (!r->first_number || p->number < r->first_number)
            r->first_number = p->number;
        if (p->type == CORE_PT_SERIAL_CONVERSION && (!r->conv_number || p->number < r->conv_number))
            r->conv_number = p->number;
    }
    /* wip_settings' max_rework, 1 to 3: a serial's rework_count is CHECKed 0..3 in the
     * schema (migration 001), so a fourth rework could never be recorded */
    if (r->max_rework <= 0 || r->max_rework > CORE_REWORK_CEILING)
        r->max_rework = CORE_REWORK_CEILING;
}

void core_routing_copy(struct core_routing *dst, const struct core_routing *src)
{
    dst->n = src->n;
    dst->conv_number = src->conv_number;
    dst->first_number = src->first_number;
    dst->max_rework = src->max_rework;
    memcpy(dst->p, src->p, sizeof src->p[0] * (size_t)src->n);
}

enum core_phase core_routing_phase(const struct core_routing *r, int number)
{
    const struct core_process *p = core_routing_find(r, number);
    if (!p)
        return CORE_PHASE_NONE;
    if (!r->conv_number || number < r->conv_number)
        return CORE_PHASE_WIP;
    if (number == r->conv_number)
        return CORE_PHASE_CONVERT;
    return CORE_PHASE_SERIAL;
}

int core_routing_prev(const struct core_routing *r, int number)
{
    int prev = 0;
    for (int i = 0; i < r->n; i++)
        if (r->p[i].active && r->p[i].number < number && r->p[i].number > prev)
            prev = r->p[i].number;
    return prev;
}

int core_process_has_defect(const struct core_process *p, const char *code)
{
    for (int i = 0; i < p->n_defects; i++)
        if (!strcmp(p->defects[i], code))
            return 1;
    return 0;
}

const struct core_attempt *core_unit_latest(const struct core_unit *u, int process)
{
    for (int i = u->n_att - 1; i >= 0; i--)
        if (u->att[i].process == process)
            return &u->att[i];
    return NULL;
}

const struct core_attempt *core_unit_open(const struct core_unit *u)
{
    for (int i = u->n_att - 1; i >= 0; i--)
        if (u->att[i].result == CORE_RES_OPEN)
            return &u->att[i];
    return NULL;
}

const struct core_attempt *core_unit_on_hold(const struct core_unit *u)
{
    for (int i = u->n_att - 1; i >= 0; i--) {
        const struct core_attempt *t = &u->att[i];
        if (t->result == CORE_RES_FAIL && t->decision == CORE_DEC_NONE &&
            core_unit_latest(u, t->process) == t)
            return t;
    }
    return NULL;
}

int core_unit_passed(const struct core_unit *u, int process)
{
    for (int i = 0; i < u->n_att; i++)
        if (u->att[i].process == process && u->att[i].result == CORE_RES_PASS)
            return 1;
    return 0;
}

int core_unit_rework_count(const struct core_unit *u)
{
    int n = 0;
    for (int i = 0; i < u->n_att; i++)
        n += u->att[i].decision == CORE_DEC_REWORK;
    return n;
}

static const char *pname(const struct core_routing *r, int number, int ko)
{
    const struct core_process *p = core_routing_find(r, number);
    if (!p)
        return "?";
    return ko ? p->name_ko : p->name_en;
}

static const char *unit_label(const struct core_unit *u)
{
    return u->serial_number[0] ? u->serial_number : u->wip_id;
}

/* Where and by whom an attempt runs: "P3-02 (Kim Minsu)". */
static void attempt_place(const struct core_attempt *t, char *buf, size_t len)
{
    const char *st = t->station_id[0] ? t->station_id : "?";
    if (t->operator_name[0])
        snprintf(buf, len, "%s (%s)", st, t->operator_name);
    else
        snprintf(buf, len, "%s", st);
}

/* A reason is given when it has more than blanks. */
#define REASON_MAX 500

/* A reason must be plain text (valid UTF-8, no control characters), not blank and
 * at most REASON_MAX bytes: it is stored and shown to people. */
static int reason_ok(const char *s, struct core_refusal *why)
{
    if (s && (strlen(s) > REASON_MAX || !core_utf8_clean(s))) {
        core_refuse(why, CORE_R_REASON_INVALID, REASON_MAX, NULL, NULL, NULL);
        return 0;
    }
    return 1;
}

static int reason_given(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 1;
    return 0;
}

/* A decision's reason: one must be given, and it must be one the record can keep. */
static int reason_accepted(const char *s, struct core_refusal *why)
{
    if (!reason_given(s)) {
        core_refuse(why, CORE_R_REASON_REQUIRED, 0, NULL, NULL, NULL);
        return 0;
    }
    return reason_ok(s, why);
}

/* The first WIP-based process (up to and including last) whose latest attempt is
 * not PASS, or 0. */
static int first_missing(const struct core_routing *r, const struct core_unit *u, int last)
{
    for (int i = 0; i < r->n; i++) {
        const struct core_process *p = &r->p[i];
        const struct core_attempt *t;
        if (!p->active || p->number > last)
            continue;
        t = core_unit_latest(u, p->number);
        if (!t || t->result != CORE_RES_PASS)
            return p->number;
    }
    return 0;
}

static int refuse_prev(const struct core_routing *r, const struct core_unit *u, int prev,
                       struct core_refusal *why)
{
    core_refuse(why, CORE_R_PREV_NOT_PASSED, prev, unit_label(u), pname(r, prev, 0),
                pname(r, prev, 1));
    return 0;
}

/* Fills the START answer for process n, after the common checks. */
static int next_start(const struct core_routing *r, const struct core_unit *u, int n,
                      struct core_next *out)
{
    const struct core_attempt *t = core_unit_latest(u, n);
    int prev = core_routing_prev(r, n);

    if (core_unit_passed(u, n)) {
        core_refuse(&out->why, CORE_R_ALREADY_PASSED, n, unit_label(u), NULL, NULL);
        return 0;
    }
    if (prev) {
        const struct core_attempt *pt = core_unit_latest(u, prev);
        if (!pt || pt->result != CORE_RES_PASS)
            return refuse_prev(r, u, prev, &out->why);
    }
    out->action = CORE_ACT_START;
    out->is_rework = t && t->result == CORE_RES_FAIL && t->decision == CORE_DEC_REWORK;
    return 1;
}

static int next_hold(const struct core_routing *r, const struct core_unit *u,
                     const struct core_attempt *hold, struct core_next *out)
{
    const struct core_process *p = core_routing_find(r, hold->process);
    int reworkable = p ? p->reworkable : 0;
    out->action = CORE_ACT_DISPOSITION;
    out->hold_process = hold->process;
    out->rework_allowed = reworkable && core_unit_rework_count(u) < r->max_rework;
    core_refuse(&out->why, CORE_R_ON_HOLD, hold->process, unit_label(u), pname(r, hold->process, 0),
                pname(r, hold->process, 1));
    return 0;
}

/* The unit has an open attempt: complete it at its own station, else say where it is. */
static int next_open(const struct core_unit *u, const struct core_actor *a,
                     const struct core_attempt *open, enum core_phase phase, struct core_next *out)
{
    char place[140];

    if (open->process == a->process && !strcmp(open->station_id, a->station_id)) {
        out->action = phase == CORE_PHASE_CONVERT ? CORE_ACT_VERIFY : CORE_ACT_COMPLETE;
        out->is_rework = open->is_rework;
        return 1;
    }
    attempt_place(open, place, sizeof place);
    core_refuse(&out->why, CORE_R_OPEN_ELSEWHERE, open->process, unit_label(u), place,
                open->started_at);
    return 0;
}

int core_rule_next(const struct core_routing *r, const struct core_unit *u,
                   const struct core_actor *a, struct core_next *out)
{
    const struct core_process *sp = core_routing_find(r, a->process);
    const struct core_attempt *open, *hold;
    enum core_phase phase = core_routing_phase(r, a->process);
    char lotstat[16];

    memset(out, 0, sizeof *out);
    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED) {
        core_refuse(&out->why, CORE_R_SCRAPPED, 0, unit_label(u), NULL, NULL);
        return 0;
    }
    if (u->lot_status == CORE_LS_CLOSED || u->lot_status == CORE_LS_COMPLETED) {
        snprintf(lotstat, sizeof lotstat, "%s", core_lot_status_name(u->lot_status));
        core_refuse(&out->why, CORE_R_LOT_CLOSED, 0, u->lot_number, lotstat, NULL);
        return 0;
    }
    if (!sp || !sp->active) {
        core_refuse(&out->why, CORE_R_PROCESS_INACTIVE, a->process, NULL, NULL, NULL);
        return 0;
    }
    open = core_unit_open(u);
    if (open)
        return next_open(u, a, open, phase, out);
    hold = core_unit_on_hold(u);
    if (hold)
        return next_hold(r, u, hold, out);
    /* a held unit may finish the attempt it has open (above) and get its FAIL decided,
     * but starts nothing */
    if (core_hold_refusal(u, &out->why))
        return 0;

    switch (phase) {
    case CORE_PHASE_WIP:
        if (u->status == CORE_US_CONVERTED) {
            core_refuse(&out->why, CORE_R_CONVERTED, 0, u->wip_id, u->serial_number, NULL);
            return 0;
        }
        return next_start(r, u, a->process, out);
    case CORE_PHASE_CONVERT:
        if (u->status != CORE_US_CONVERTED) {
            int miss = first_missing(r, u, a->process - 1);
            char mb[12];
            if (miss) {
                snprintf(mb, sizeof mb, "%d", miss);
                core_refuse(&out->why, CORE_R_NOT_COMPLETED, core_routing_prev(r, a->process),
                            u->wip_id, mb, NULL);
                return 0;
            }
            out->action = CORE_ACT_CONVERT;
            return 1;
        }
        return next_start(r, u, a->process, out);
    case CORE_PHASE_SERIAL:
        if (u->status != CORE_US_CONVERTED)
            return refuse_prev(r, u, r->conv_number, &out->why);
        return next_start(r, u, a->process, out);
    case CORE_PHASE_NONE: break;
    }
    core_refuse(&out->why, CORE_R_PROCESS_INACTIVE, a->process, NULL, NULL, NULL);
    return 0;
}

int core_rule_start(const struct core_routing *r, const struct core_unit *u,
                    const struct core_actor *a, int *is_rework, struct core_refusal *why)
{
    struct core_next nx;
    char place[140];

    if (core_rule_next(r, u, a, &nx) && nx.action == CORE_ACT_START) {
        if (is_rework)
            *is_rework = nx.is_rework;
        return 1;
    }
    if (nx.action == CORE_ACT_COMPLETE || nx.action == CORE_ACT_VERIFY) {
        const struct core_attempt *open = core_unit_open(u);
        attempt_place(open, place, sizeof place);
        core_refuse(&nx.why, CORE_R_OPEN_ELSEWHERE, a->process, unit_label(u), place,
                    open->started_at);
    } else if (nx.action == CORE_ACT_CONVERT)
        core_refuse(&nx.why, CORE_R_WRONG_KIND, a->process, u->wip_id, "CMD:OK", NULL);
    if (why)
        *why = nx.why;
    return 0;
}

int core_rule_complete(const struct core_routing *r, const struct core_unit *u,
                       const struct core_actor *a, enum core_result res, const char *defect,
                       struct core_refusal *why)
{
    struct core_next nx;
    const struct core_process *sp = core_routing_find(r, a->process);

    if (!core_rule_next(r, u, a, &nx) ||
        (nx.action != CORE_ACT_COMPLETE && nx.action != CORE_ACT_VERIFY)) {
        const struct core_attempt *t = core_unit_latest(u, a->process);
        /* completed already (scanner bounce): a PASS moved on, a FAIL is on hold here */
        int done = t && t->result != CORE_RES_OPEN &&
                   ((nx.action == CORE_ACT_START && !nx.is_rework) ||
                    (nx.action == CORE_ACT_DISPOSITION && nx.hold_process == a->process));
        if (done)
            core_refuse(&nx.why, CORE_R_ALREADY_COMPLETED, a->process, unit_label(u),
                        t->result == CORE_RES_PASS ? "PASS" : "FAIL", NULL);
        else if (nx.action == CORE_ACT_START || nx.action == CORE_ACT_CONVERT)
            core_refuse(&nx.why, CORE_R_NOT_STARTED, a->process, unit_label(u), NULL, NULL);
        else if (nx.why.code == CORE_R_ALREADY_PASSED)
            core_refuse(&nx.why, CORE_R_ALREADY_COMPLETED, a->process, unit_label(u), "PASS", NULL);
        if (why)
            *why = nx.why;
        return 0;
    }
    if (res == CORE_RES_FAIL) {
        if (!defect || !*defect) {
            core_refuse(why, CORE_R_DEFECT_REQUIRED, a->process, NULL, NULL, NULL);
            return 0;
        }
        if (!sp || !core_process_has_defect(sp, defect)) {
            core_refuse(why, CORE_R_DEFECT_UNKNOWN, a->process, defect, NULL, NULL);
            return 0;
        }
    } else if (res != CORE_RES_PASS) {
        core_refuse(why, CORE_R_RESULT_INVALID, 0, NULL, NULL, NULL);
        return 0;
    }
    return 1;
}

int core_rule_convert(const struct core_routing *r, const struct core_unit *u,
                      const struct core_actor *a, struct core_refusal *why)
{
    struct core_next nx;
    if (core_routing_phase(r, a->process) != CORE_PHASE_CONVERT) {
        core_refuse(why, CORE_R_WRONG_KIND, a->process, u->wip_id, "LOT/WIP", NULL);
        return 0;
    }
    if (core_rule_next(r, u, a, &nx) && nx.action == CORE_ACT_CONVERT)
        return 1;
    if (u->status == CORE_US_CONVERTED && nx.why.code == CORE_R_OK)
        core_refuse(&nx.why, CORE_R_CONVERTED, 0, u->wip_id, u->serial_number, NULL);
    if (why)
        *why = nx.why;
    return 0;
}

int core_rule_disposition(const struct core_routing *r, const struct core_unit *u,
                          const struct core_actor *approver, enum core_decision d,
                          const char *reason, struct core_refusal *why)
{
    const struct core_attempt *hold;
    const struct core_process *p;
    char cnt[12], lim[12];

    if (approver->role != CORE_ROLE_MANAGER && approver->role != CORE_ROLE_ADMIN) {
        core_refuse(why, CORE_R_ROLE, 0, NULL, NULL, NULL);
        return 0;
    }
    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED) {
        core_refuse(why, CORE_R_SCRAPPED, 0, unit_label(u), NULL, NULL);
        return 0;
    }
    hold = core_unit_on_hold(u);
    if (!hold) {
        core_refuse(why, CORE_R_NOT_ON_HOLD, 0, unit_label(u), NULL, NULL);
        return 0;
    }
    if (!reason_accepted(reason, why))
        return 0;
    if (d == CORE_DEC_REWORK) {
        p = core_routing_find(r, hold->process);
        if (!p || !p->reworkable) {
            core_refuse(why, CORE_R_NOT_REWORKABLE, hold->process, NULL, NULL, NULL);
            return 0;
        }
        if (core_unit_rework_count(u) >= r->max_rework) {
            snprintf(cnt, sizeof cnt, "%d", core_unit_rework_count(u));
            snprintf(lim, sizeof lim, "%d", r->max_rework);
            core_refuse(why, CORE_R_REWORK_LIMIT, 0, unit_label(u), cnt, lim);
            return 0;
        }
        return 1;
    }
    if (d == CORE_DEC_SCRAP)
        return 1;
    core_refuse(why, CORE_R_DECISION_INVALID, 0, NULL, NULL, NULL);
    return 0;
}

int core_rule_reprint(const struct core_actor *a, const char *reason, struct core_refusal *why)
{
    if (a->role != CORE_ROLE_MANAGER && a->role != CORE_ROLE_ADMIN) {
        core_refuse(why, CORE_R_ROLE, 0, NULL, NULL, NULL);
        return 0;
    }
    return reason_accepted(reason, why);
}

int core_rule_hold(const struct core_actor *approver, const char *reason, struct core_refusal *why)
{
    return core_rule_reprint(approver, reason, why);
}

int core_hold_refusal(const struct core_unit *u, struct core_refusal *why)
{
    char by[sizeof u->lot_number + sizeof u->hold.by + sizeof u->hold.at + 4];

    if (!u->hold.active)
        return 0;
    if (u->hold.on_lot)
        snprintf(by, sizeof by, "%s, %s %s", u->lot_number, u->hold.by, u->hold.at);
    else
        snprintf(by, sizeof by, "%s %s", u->hold.by, u->hold.at);
    core_refuse(why, u->hold.on_lot ? CORE_R_LOT_HELD : CORE_R_HELD, 0, unit_label(u), by,
                u->hold.reason);
    return 1;
}

int core_parse_number(const char *s, double *out)
{
    char *end;
    double v;
    size_t n = strlen(s);

    if (n == 0 || n > 15)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || c == '.' || ((c == '-' || c == '+') && i == 0)))
            return -1;
    }
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || end == s || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int passfail_value(const char *v, int *pass)
{
    if (!strcmp(v, "PASS") || !strcmp(v, "OK") || !strcmp(v, "Y") || !strcmp(v, "CMD:PASS") ||
        !strcmp(v, "CMD:OK"))
        return *pass = 1, 0;
    if (!strcmp(v, "FAIL") || !strcmp(v, "NG") || !strcmp(v, "N") || !strcmp(v, "CMD:FAIL"))
        return *pass = 0, 0;
    return -1;
}

/* At most max bytes of valid UTF-8 without control characters (C0, DEL, C1): the
 * value is stored as JSONB and shown on terminals later. */
static int text_clean(const char *v, size_t max)
{
    return strlen(v) <= max && core_utf8_clean(v);
}

static int judge_field(const struct core_field *f, const char *v, int *out_of_spec)
{
    double x;
    int pass;

    *out_of_spec = 0;
    switch (f->type) {
    case CORE_FT_NUMBER:
        if (core_parse_number(v, &x))
            return -1;
        *out_of_spec = (f->has_min && x < f->min) || (f->has_max && x > f->max);
        return 0;
    case CORE_FT_PASSFAIL:
        if (passfail_value(v, &pass))
            return -1;
        *out_of_spec = !pass;
        return 0;
    case CORE_FT_LOT:
        if (!text_clean(v, 40) || (f->prefix[0] && strncmp(v, f->prefix, strlen(f->prefix))) ||
            strlen(v) <= strlen(f->prefix))
            return -1;
        return 0;
    case CORE_FT_TEXT: return text_clean(v, 100) ? 0 : -1;
    }
    return -1;
}

int core_form_judge(const struct core_process *p, const char *const *values,
                    struct core_judgement *out, struct core_refusal *why)
{
    int missing = -1;

    out->proposal = CORE_RES_PASS;
    out->defect[0] = '\0';
    out->bad_field = -1;
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        const char *v = values && values[i] ? values[i] : "";
        int oos;
        if (!*v) {
            if (f->required && missing < 0)
                missing = i;
            continue;
        }
        if (judge_field(f, v, &oos)) {
            out->bad_field = i;
            core_refuse(why, CORE_R_FIELD_INVALID, 0, f->label_en, f->label_ko, v);
            return 0;
        }
        if (oos && out->proposal == CORE_RES_PASS) {
            out->proposal = CORE_RES_FAIL;
            out->bad_field = i;
            snprintf(out->defect, sizeof out->defect, "%s",
                     f->defect[0] ? f->defect : (p->n_defects ? p->defects[0] : ""));
        }
    }
    if (missing >= 0 && out->proposal == CORE_RES_PASS) {
        out->bad_field = missing;
        core_refuse(why, CORE_R_FIELD_REQUIRED, 0, p->fields[missing].label_en,
                    p->fields[missing].label_ko, NULL);
        return 0;
    }
    return 1;
}

const char *core_role_name(enum core_role role)
{
    switch (role) {
    case CORE_ROLE_ADMIN: return "ADMIN";
    case CORE_ROLE_MANAGER: return "MANAGER";
    case CORE_ROLE_OPERATOR: return "OPERATOR";
    }
    return "?";
}

int core_role_parse(const char *s, enum core_role *out)
{
    if (!strcmp(s, "ADMIN"))
        *out = CORE_ROLE_ADMIN;
    else if (!strcmp(s, "MANAGER"))
        *out = CORE_ROLE_MANAGER;
    else if (!strcmp(s, "OPERATOR"))
        *out = CORE_ROLE_OPERATOR;
    else
        return -1;
    return 0;
}

const char *core_unit_status_name(enum core_unit_status s)
{
    static const char *const n[] = { "CREATED", "IN_PROGRESS", "COMPLETED", "CONVERTED",
                                     "SCRAPPED" };
    return (unsigned)s < 5 ? n[s] : "?";
}

const char *core_serial_status_name(enum core_serial_status s)
{
    static const char *const n[] = { "", "CREATED", "IN_PROGRESS", "PASSED", "FAILED", "SCRAPPED" };
    return (unsigned)s < 6 ? n[s] : "?";
}

const char *core_lot_status_name(enum core_lot_status s)
{
    static const char *const n[] = { "CREATED", "IN_PROGRESS", "COMPLETED", "CLOSED" };
    return (unsigned)s < 4 ? n[s] : "?";
}

enum core_lot_status core_lot_status_parse(const char *s)
{
    if (!strcmp(s, "IN_PROGRESS"))
        return CORE_LS_IN_PROGRESS;
    if (!strcmp(s, "COMPLETED"))
        return CORE_LS_COMPLETED;
    if (!strcmp(s, "CLOSED"))
        return CORE_LS_CLOSED;
    return CORE_LS_CREATED;
}
