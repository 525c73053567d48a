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
    memset(f->values, 0, sizeof f->values);
    f->field = 0;
    f->judged = 0;
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

    spec_text(f, spec, sizeof spec);
    snprintf(label, sizeof label, "%s%s", ui->ko && f->label_ko[0] ? f->label_ko : f->label_en,
             f->required ? " *" : "");
    snprintf(line, sizeof line, "%s%2d. ", focus ? ">" : " ", i + 1);
    tui_put(ui, y, 1, 6, line, focus ? TUI_R_FOCUS : TUI_R_NORMAL);
    /* 80 columns: label 29, spec 14, value 14, mark 12 ("OUT OF SPEC" whole) */
    tui_put(ui, y, 7, 29, label, focus ? TUI_R_FOCUS : TUI_R_NORMAL);
    tui_put(ui, y, 37, 14, spec, TUI_R_DIM);
    tui_put(ui, y, 52, 14, v[0] ? v : "_", TUI_R_INPUT);
    if (st >= 0)
        tui_put(ui, y, 67, COLS - 68, _(marks[st]), st == 0 ? TUI_R_PASS : TUI_R_FAIL);
}

void tui_form_draw(const struct tui_ui *ui, const struct tui_form *f, const struct core_process *p,
                   int top, int rows)
{
    char title[200];
    int list = rows - 2, first = 0;

    if (!p || rows < 3)
        return;
    snprintf(title, sizeof title, _("Measurements: process %d %s (* = required)"), p->number,
             tui_process_name(ui, p));
    tui_put(ui, top, 1, COLS - 2, title, TUI_R_TITLE);
    if (f->field >= list)
        first = f->field - list + 1;
    for (int i = first; i < p->n_fields && i - first < list; i++)
        draw_field(ui, f, p, i, top + 1 + i - first);
    if (f->judged && f->judge.proposal == CORE_RES_PASS) {
        tui_put(ui, top + rows - 1, 1, COLS - 2,
                _("Proposal: PASS  -  CMD:OK / ^O records it, CMD:FAIL / ^F fails it"),
                TUI_R_PASS);
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
