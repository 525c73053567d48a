/* core/rigjudge.c — the station judges a rig's COMPLETE against its own criteria (pure).
 *
 * The original system trusted the rig: values were never checked against the spec and
 * the overall verdict never against the items. Here the station's criteria decide; the
 * rig's verdict can only make things stricter (a rig that says FAIL is never overruled to
 * PASS), and whatever the two disagree on is recorded. */
#include "core/rig.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The rig's spec differs from the station's limits by more than rounding. */
static int limit_differs(int rig_has, double rig, int has, double mine)
{
    if (!rig_has)
        return 0;
    return !has || fabs(rig - mine) > 1e-9 * (fabs(mine) > 1 ? fabs(mine) : 1);
}

static int out_of_spec(const struct core_field *f, double x)
{
    return (f->has_min && x < f->min) || (f->has_max && x > f->max);
}

/* A number as a form shows it. */
static void show_number(char *out, size_t n, double x)
{
    snprintf(out, n, "%.15g", x);
    if (strlen(out) > 15 || strchr(out, 'e'))
        snprintf(out, n, "%.6g", x);
}

static const struct core_rig_item *find_item(const struct core_rig_msg *m, const char *code,
                                             int *idx)
{
    for (int i = 0; i < m->n_items; i++) {
        if (!strcasecmp(m->items[i].code, code)) {
            *idx = i;
            return &m->items[i];
        }
    }
    *idx = -1;
    return NULL;
}

static int invalid(const struct core_field *f, const char *value, struct core_refusal *why)
{
    core_refuse(why, CORE_R_FIELD_INVALID, 0, f->label_en, f->label_ko, value);
    return -1;
}

/* Whether the rig's verdict (NONE: none given) differs from the station's. */
static int differs(enum core_rig_verdict rig, int station_pass)
{
    return rig != CORE_RIG_NONE && (rig == CORE_RIG_PASS) != station_pass;
}

/* A number field: the value and every reading within [min, max]. */
static int judge_number(const struct core_field *f, const struct core_rig_item *it,
                        struct core_rig_check *c, struct core_refusal *why)
{
    int worst = -1, oos = 0;

    if (it->is_text)
        return invalid(f, it->text, why);
    if (it->has_value)
        oos = out_of_spec(f, it->value);
    for (int i = 0; i < it->n_readings; i++) {
        int bad = out_of_spec(f, it->readings[i].value);
        if (bad && c->bad_reading < 0)
            c->bad_reading = worst = i;
        c->disagree |= differs(it->readings[i].result, !bad);
        oos |= bad;
    }
    if (it->has_value)
        show_number(c->value, sizeof c->value, it->value);
    else /* the item is its readings: the form shows the first one out of spec, else the last */
        show_number(c->value, sizeof c->value,
                    it->readings[worst >= 0 ? worst : it->n_readings - 1].value);
    c->limits_differ = limit_differs(it->has_min, it->min, f->has_min, f->min) ||
                       limit_differs(it->has_max, it->max, f->has_max, f->max);
    return oos;
}

/* A pass/fail field: the protocol has no boolean, so 1 is PASS and 0 FAIL (value and
 * readings alike). */
static int judge_passfail(const struct core_field *f, const struct core_rig_item *it,
                          struct core_rig_check *c, struct core_refusal *why)
{
    char shown[32];
    int fail = 0;

    if (it->is_text)
        return invalid(f, it->text, why);
    if (it->has_value && it->value != 0 && it->value != 1) {
        show_number(shown, sizeof shown, it->value);
        return invalid(f, shown, why);
    }
    if (it->has_value)
        fail = it->value == 0;
    for (int i = 0; i < it->n_readings; i++) {
        double v = it->readings[i].value;
        if (v != 0 && v != 1) {
            show_number(shown, sizeof shown, v);
            return invalid(f, shown, why);
        }
        if (v == 0 && c->bad_reading < 0)
            c->bad_reading = i;
        c->disagree |= differs(it->readings[i].result, v == 1);
        fail |= v == 0;
    }
    snprintf(c->value, sizeof c->value, "%s", fail ? "FAIL" : "PASS");
    return fail;
}

/* Text and lot fields take the rig's string (a number is taken as its text); a lot must
 * start with the field's prefix, or it is the wrong component: out of spec. */
static int judge_text(const struct core_field *f, const struct core_rig_item *it,
                      struct core_rig_check *c)
{
    if (it->is_text)
        snprintf(c->value, sizeof c->value, "%s", it->text);
    else if (it->has_value)
        show_number(c->value, sizeof c->value, it->value);
    if (f->type == CORE_FT_LOT && f->prefix[0])
        return strncmp(c->value, f->prefix, strlen(f->prefix)) != 0 ||
               strlen(c->value) <= strlen(f->prefix);
    return 0;
}

/* Judges field f against the rig's item; 0 in spec, 1 out of spec, -1 refused. */
static int judge_one(const struct core_field *f, const struct core_rig_item *it,
                     struct core_rig_check *c, struct core_refusal *why)
{
    switch (f->type) {
    case CORE_FT_NUMBER: return judge_number(f, it, c, why);
    case CORE_FT_PASSFAIL: return judge_passfail(f, it, c, why);
    case CORE_FT_TEXT:
    case CORE_FT_LOT: return judge_text(f, it, c);
    }
    return -1;
}

static const char *field_defect(const struct core_process *p, const struct core_field *f)
{
    if (f && f->defect[0])
        return f->defect;
    return p->n_defects ? p->defects[0] : "";
}

/* The defect of a FAIL the station found nothing for: a code the rig named that belongs
 * to the process, else the field of the first item the rig failed, else the first. */
static const char *rig_fail_defect(const struct core_process *p, const struct core_rig_msg *m,
                                   const struct core_rig_judgement *j)
{
    for (int i = 0; i < m->n_defects; i++)
        if (core_process_has_defect(p, m->defects[i].code))
            return m->defects[i].code;
    for (int i = 0; i < j->n; i++)
        if (j->c[i].item >= 0 && j->c[i].field >= 0 &&
            m->items[j->c[i].item].result == CORE_RIG_FAIL)
            return field_defect(p, &p->fields[j->c[i].field]);
    return field_defect(p, NULL);
}

/* Fills the checks of the process's fields, then of the unknown items; -1 refused. */
static int check_all(const struct core_process *p, const struct core_rig_msg *m,
                     struct core_rig_judgement *out, struct core_refusal *why)
{
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        struct core_rig_check *c = &out->c[out->n++];
        const struct core_rig_item *it = find_item(m, f->code, &c->item);
        int r;
        snprintf(c->code, sizeof c->code, "%s", f->code);
        c->field = i;
        c->bad_reading = -1;
        if (!it || (it->is_text && !it->text[0])) {
            c->verdict = f->required ? CORE_RIG_FV_MISSING : CORE_RIG_FV_ABSENT;
            continue;
        }
        if ((r = judge_one(f, it, c, why)) < 0)
            return -1;
        c->verdict = r ? CORE_RIG_FV_FAIL : CORE_RIG_FV_PASS;
        c->disagree |= differs(it->result, r == 0);
    }
    for (int i = 0; i < m->n_items; i++) {
        int known = 0;
        for (int k = 0; k < p->n_fields && !known; k++)
            known = !strcasecmp(p->fields[k].code, m->items[i].code);
        if (!known) {
            struct core_rig_check *c = &out->c[out->n++];
            snprintf(c->code, sizeof c->code, "%s", m->items[i].code);
            c->field = -1;
            c->item = i;
            c->bad_reading = -1;
            c->verdict = CORE_RIG_FV_UNKNOWN;
        }
    }
    return 0;
}

int core_rig_judge(const struct core_process *p, const struct core_rig_msg *m,
                   struct core_rig_judgement *out, struct core_refusal *why)
{
    memset(out, 0, sizeof *out);
    out->proposal = CORE_RES_PASS;
    out->decisive = -1;
    if (check_all(p, m, out, why) < 0)
        return 0;
    for (int i = 0; i < out->n && out->proposal == CORE_RES_PASS; i++) {
        const struct core_rig_check *c = &out->c[i];
        if (c->verdict == CORE_RIG_FV_PASS && !c->disagree)
            continue;
        if (c->verdict == CORE_RIG_FV_ABSENT)
            continue;
        out->proposal = CORE_RES_FAIL;
        out->decisive = i;
        snprintf(out->defect, sizeof out->defect, "%s",
                 field_defect(p, c->field >= 0 ? &p->fields[c->field] : NULL));
    }
    if (out->proposal == CORE_RES_PASS && m->result != CORE_RIG_PASS) {
        out->proposal = CORE_RES_FAIL;
        snprintf(out->defect, sizeof out->defect, "%s", rig_fail_defect(p, m, out));
    }
    return 1;
}
