/* tui/form.c — measurement form and defect picker of the station screen. */
#include "tui/form.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

void tui_form_open(struct tui_form *f)
{
    memset(f, 0, sizeof *f);
}

/* "25C 60.1  85C 61.4!": an item's readings, those out of spec marked. */
static void readings_text(const struct core_field *fd, const struct core_rig_item *it, char *out,
                          size_t n)
{
    size_t used = 0;

    out[0] = '\0';
    for (int i = 0; i < it->n_readings && used + 1 < n; i++) {
        const struct core_rig_reading *rd = &it->readings[i];
        int bad = fd->type == CORE_FT_NUMBER
                      ? (fd->has_min && rd->value < fd->min) || (fd->has_max && rd->value > fd->max)
                      : rd->value != 1;
        int k = snprintf(out + used, n - used, "%s%s%s%g%s", i ? "  " : "", rd->step,
                         rd->step[0] ? " " : "", rd->value, bad ? "!" : "");
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

void tui_form_fill_rig(struct tui_form *f, const struct core_process *p,
                       const struct core_rig_msg *m, const struct core_rig_judgement *j,
                       enum tui_form_source source)
{
    static const char *const marks[] = { N_("ok"), N_("OUT OF SPEC"), N_("missing"), "",
                                         N_("unknown") };
    size_t used = 0;

    tui_form_open(f);
    f->source = source;
    for (int i = 0; i < j->n; i++) {
        const struct core_rig_check *c = &j->c[i];
        if (c->field < 0 || c->field >= p->n_fields) { /* an item of the rig without a field */
            int k = snprintf(f->rig_note + used, sizeof f->rig_note - used, "%s%s",
                             used ? ", " : _("Not in this process's criteria: "), c->code);
            if (k > 0 && (size_t)k < sizeof f->rig_note - used)
                used += (size_t)k;
            continue;
        }
        snprintf(f->values[c->field], TUI_VALUE_LEN, "%s", c->value);
        snprintf(f->rig_mark[c->field], sizeof f->rig_mark[0], "%s%s",
                 (unsigned)c->verdict < 5 ? _(marks[c->verdict]) : "",
                 c->disagree ? _(" (rig differs)") : "");
        if (c->item >= 0 && m->items[c->item].n_readings > 1)
            readings_text(&p->fields[c->field], &m->items[c->item], f->rig_readings[c->field],
                          sizeof f->rig_readings[0]);
    }
    f->judged = 1;
    f->judge.proposal = j->proposal;
    snprintf(f->judge.defect, sizeof f->judge.defect, "%s", j->defect);
    f->judge.bad_field = j->decisive >= 0 ? j->c[j->decisive].field : -1;
    f->field = f->judge.bad_field >= 0 ? f->judge.bad_field : 0;
}

const char *const *tui_form_values(const struct tui_form *f, const char **vals)
{
    for (int i = 0; i < CORE_MAX_FIELDS; i++)
        vals[i] = f->values[i];
    return vals;
}

int tui_form_judge(struct tui_form *f, const struct core_process *p, struct core_refusal *why)
{
    const char *vals[CORE_MAX_FIELDS];

    f->judged = 0;
    if (!p)
        return 0;
    f->judged = core_form_judge(p, tui_form_values(f, vals), &f->judge, why);
    return f->judged;
}

int tui_form_focus_passfail(const struct tui_form *f, const struct core_process *p)
{
    return p && f->field < p->n_fields && p->fields[f->field].type == CORE_FT_PASSFAIL;
}

int tui_form_fill_pass(struct tui_form *f, const struct core_process *p)
{
    int filled = 0;

    if (!p || p->n_fields == 0)
        return 0;
    for (int i = 0; i < p->n_fields; i++)
        if (p->fields[i].type != CORE_FT_PASSFAIL)
            return 0;
    for (int i = 0; i < p->n_fields; i++) {
        if (!f->values[i][0]) {
            snprintf(f->values[i], TUI_VALUE_LEN, "PASS");
            filled++;
        }
    }
    return filled;
}

static void normalise_passfail(char *v, size_t n)
{
    static const char *const yes[] = { "Y", "YES", "OK", "PASS" };
    static const char *const no[] = { "N", "NO", "NG", "FAIL" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (!strcasecmp(v, yes[i])) {
            snprintf(v, n, "PASS");
            return;
        }
        if (!strcasecmp(v, no[i])) {
            snprintf(v, n, "FAIL");
            return;
        }
    }
}

/* The next empty field after the focused one (wrapping), or the focused one. */
static int next_empty(const struct tui_form *f, int n_fields)
{
    for (int k = 1; k <= n_fields; k++) {
        int i = (f->field + k) % n_fields;
        if (!f->values[i][0])
            return i;
    }
    return f->field;
}

void tui_form_set(struct tui_app *a, struct tui_form *f, const struct core_process *p,
                  const char *value)
{
    struct core_refusal why;
    char old[TUI_VALUE_LEN], *v;

    if (!p || f->field >= p->n_fields)
        return;
    v = f->values[f->field];
    snprintf(old, sizeof old, "%s", v);
    snprintf(v, TUI_VALUE_LEN, "%s", value);
    if (p->fields[f->field].type == CORE_FT_PASSFAIL)
        normalise_passfail(v, TUI_VALUE_LEN);
    if (!tui_form_judge(f, p, &why) && why.code == CORE_R_FIELD_INVALID &&
        f->judge.bad_field == f->field) {
        tui_refusal_msg(a, &why);
        snprintf(v, TUI_VALUE_LEN, "%s", old); /* a wrong value never erases a right one */
        return;
    }
    f->field = next_empty(f, p->n_fields);
    if (f->judged && f->judge.proposal == CORE_RES_PASS)
        tui_msg(a, TUI_MSG_OK, "%s", _("Proposal: PASS. Scan CMD:OK (or ^O) to record it."));
    else if (f->judged)
        tui_msg(a, TUI_MSG_WARN,
                _("Proposal: FAIL (%s). CMD:OK records the FAIL; CMD:FAIL chooses another "
                  "defect."),
                f->judge.defect);
    else
        tui_msg(a, TUI_MSG_INFO, "%s", _("Value recorded on the form. Next field."));
}

void tui_form_nav(struct tui_form *f, const struct core_process *p, int key)
{
    if (!p || p->n_fields == 0)
        return;
    if (key == KEY_UP && f->field > 0)
        f->field--;
    else if (key == KEY_DOWN && f->field + 1 < p->n_fields)
        f->field++;
    else if (key == KEY_HOME)
        f->field = 0;
    else if (key == KEY_END)
        f->field = p->n_fields - 1;
}

static void spec_text(const struct core_field *f, char *buf, size_t n)
{
    switch (f->type) {
    case CORE_FT_NUMBER:
        if (f->has_min && f->has_max)
            snprintf(buf, n, "%g-%g %s", f->min, f->max, f->unit);
        else
            snprintf(buf, n, "%s %s", _("number"), f->unit);
        break;
    case CORE_FT_PASSFAIL: snprintf(buf, n, "Y/N"); break;
    case CORE_FT_LOT: snprintf(buf, n, "%s...", f->prefix[0] ? f->prefix : _("lot")); break;
    case CORE_FT_TEXT: snprintf(buf, n, "%s", _("text")); break;
    }
}

/* What core's judgement says of one value alone: 0 ok, 1 out of spec, 2 invalid. */
static int field_state(const struct core_process *p, int i, const char *v)
{
    const char *vals[CORE_MAX_FIELDS] = { 0 };
    struct core_judgement j;
    struct core_refusal why;

    vals[i] = v;
    if (!core_form_judge(p, vals, &j, &why))
        return why.code == CORE_R_FIELD_INVALID && j.bad_field == i ? 2 : 0;
    return j.proposal == CORE_RES_FAIL ? 1 : 0;
}

static void draw_field(const struct tui_ui *ui, const struct tui_form *fm,
                       const struct core_process *p, int i, int y)
{
    const struct core_field *f = &p->fields[i];
    const char *v = fm->values[i];
    char label[160], spec[64], line[400];
    int focus = i == fm->field, st = v[0] ? field_state(p, i, v) : -1;
    static const char *const marks[] = { N_("ok"), N_("OUT OF SPEC"), N_("invalid") };

    int rig = fm->source != TUI_FORM_TYPED;

    spec_text(f, spec, sizeof spec);
    snprintf(label, sizeof label, "%s%s", ui->ko && f->label_ko[0] ? f->label_ko : f->label_en,
             f->required ? " *" : "");
    /* "R" before the number: the value is the rig's, not typed here */
    snprintf(line, sizeof line, "%s%s%2d. ", focus ? ">" : " ", rig ? "R" : " ", i + 1);
    tui_put(ui, y, 0, 7, line, focus ? TUI_R_FOCUS : TUI_R_NORMAL);
    /* 80 columns: label 29, spec 14, value 14, mark 12 ("OUT OF SPEC" whole) */
    tui_put(ui, y, 7, 29, label, focus ? TUI_R_FOCUS : TUI_R_NORMAL);
    tui_put(ui, y, 37, 14, spec, TUI_R_DIM);
    tui_put(ui, y, 52, 14, v[0] ? v : "_", rig ? TUI_R_TITLE : TUI_R_INPUT);
    if (rig && fm->rig_mark[i][0])
        tui_put(ui, y, 67, COLS - 68, fm->rig_mark[i],
                !strcmp(fm->rig_mark[i], _("ok")) ? TUI_R_PASS : TUI_R_FAIL);
    else if (!rig && st >= 0)
        tui_put(ui, y, 67, COLS - 68, _(marks[st]), st == 0 ? TUI_R_PASS : TUI_R_FAIL);
}

/* The proposal line of a rig's results. */
static void draw_rig_proposal(const struct tui_ui *ui, const struct tui_form *f, int y)
{
    char text[300];

    if (f->source == TUI_FORM_RIG_DONE)
        snprintf(text, sizeof text, _("Rig results recorded: %s %s"),
                 f->judge.proposal == CORE_RES_PASS ? "PASS" : "FAIL", f->judge.defect);
    else if (f->judge.proposal == CORE_RES_PASS)
        snprintf(text, sizeof text, "%s",
                 _("Rig results: PASS  -  CMD:OK / ^O records, CMD:FAIL fails, Esc rejects"));
    else
        snprintf(text, sizeof text,
                 _("Rig results: FAIL %s  -  CMD:OK / ^O records, CMD:FAIL another defect, "
                   "Esc rejects"),
                 f->judge.defect);
    tui_put(ui, y, 1, COLS - 2, text, f->judge.proposal == CORE_RES_PASS ? TUI_R_PASS : TUI_R_FAIL);
}

void tui_form_draw(const struct tui_ui *ui, const struct tui_form *f, const struct core_process *p,
                   int top, int rows)
{
    char title[200];
    int list = rows - 2, first = 0;

    if (!p || rows < 3)
        return;
    if (f->source != TUI_FORM_TYPED)
        snprintf(title, sizeof title, _("Measurements from the rig (R): process %d %s"), p->number,
                 tui_process_name(ui, p));
    else
        snprintf(title, sizeof title, _("Measurements: process %d %s (* = required)"), p->number,
                 tui_process_name(ui, p));
    tui_put(ui, top, 1, COLS - 2, title, TUI_R_TITLE);
    if (f->source != TUI_FORM_TYPED) { /* read only: readings under their field, then notes */
        int y = top + 1, last = top + rows - 2;
        for (int i = 0; i < p->n_fields && y <= last; i++) {
            draw_field(ui, f, p, i, y++);
            if (f->rig_readings[i][0] && y <= last)
                tui_put(ui, y++, 9, COLS - 10, f->rig_readings[i], TUI_R_DIM);
        }
        if (f->rig_note[0] && y <= last)
            tui_put(ui, y, 1, COLS - 2, f->rig_note, TUI_R_WARN);
        draw_rig_proposal(ui, f, top + rows - 1);
        return;
    }
    if (f->field >= list)
        first = f->field - list + 1;
    for (int i = first; i < p->n_fields && i - first < list; i++)
        draw_field(ui, f, p, i, top + 1 + i - first);
    if (f->judged && f->judge.proposal == CORE_RES_PASS) {
        tui_put(ui, top + rows - 1, 1, COLS - 2,
                _("Proposal: PASS  -  CMD:OK / ^O records it, CMD:FAIL / ^F fails it"), TUI_R_PASS);
    } else if (f->judged) {
        snprintf(title, sizeof title, _("Proposal: FAIL %s  -  CMD:OK / ^O records it"),
                 f->judge.defect);
        tui_put(ui, top + rows - 1, 1, COLS - 2, title, TUI_R_FAIL);
    } else {
        tui_put(ui, top + rows - 1, 1, COLS - 2,
                _("Value of the marked field + Enter. Move: Up/Down or CMD:NEXT, CMD:PREV."),
                TUI_R_DIM);
    }
}

/* ---- defect picker ----------------------------------------------------------------- */
void tui_picker_open(struct tui_picker *k, const struct core_process *p, const char *preselect)
{
    k->sel = 0;
    for (int i = 0; p && preselect && i < p->n_defects; i++)
        if (!strcmp(p->defects[i], preselect))
            k->sel = i;
}

const char *tui_picker_resolve(const struct core_process *p, const char *text)
{
    char *end;
    long n;

    if (!p)
        return NULL;
    n = strtol(text, &end, 10);
    if (*text && !*end && n >= 1 && n <= p->n_defects)
        return p->defects[n - 1];
    for (int i = 0; i < p->n_defects; i++)
        if (!strcasecmp(p->defects[i], text))
            return p->defects[i];
    return NULL;
}

const char *tui_picker_selected(const struct tui_picker *k, const struct core_process *p)
{
    return p && k->sel < p->n_defects ? p->defects[k->sel] : NULL;
}

void tui_picker_nav(struct tui_picker *k, const struct core_process *p, int key)
{
    if (!p)
        return;
    if (key == KEY_UP && k->sel > 0)
        k->sel--;
    else if (key == KEY_DOWN && k->sel + 1 < p->n_defects)
        k->sel++;
}

void tui_picker_draw(const struct tui_ui *ui, const struct tui_picker *k,
                     const struct core_process *p, int top, int rows)
{
    char line[128];

    if (!p)
        return;
    tui_put(ui, top, 1, COLS - 2,
            _("FAIL: choose the defect - number + Enter, or scan CMD:DEFECT:<code>. Esc: back"),
            TUI_R_FAIL);
    for (int i = 0; i < p->n_defects && i < rows - 1; i++) {
        int sel = i == k->sel;
        snprintf(line, sizeof line, "%s %2d  %s", sel ? ">" : " ", i + 1, p->defects[i]);
        tui_put(ui, top + 1 + i, 2, 50, line, sel ? TUI_R_FOCUS : TUI_R_NORMAL);
    }
}
