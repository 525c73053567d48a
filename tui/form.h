/* tui/form.h — the station's measurement form and defect picker. The form is drawn from
 * the process's fields; every value goes through core_form_judge, which proposes PASS or
 * FAIL (with the defect of the first field out of spec). Both are parts of the station
 * screen: scr_station.c holds them and decides when they are open. */
#ifndef STN_TUI_FORM_H
#define STN_TUI_FORM_H

#include "core/reason.h"
#include "core/rig.h"
#include "core/rules.h"

#define TUI_VALUE_LEN 101

struct tui_app;
struct tui_ui;

enum tui_form_source {
    TUI_FORM_TYPED,    /* typed or scanned here */
    TUI_FORM_RIG_HELD, /* a rig's results, waiting for the operator's CMD:OK */
    TUI_FORM_RIG_DONE, /* a rig's results, recorded */
};

struct tui_form {
    int field; /* focused field */
    char values[CORE_MAX_FIELDS][TUI_VALUE_LEN];
    int judged;                  /* every value valid and the required ones present */
    struct core_judgement judge; /* judged: the proposal */
    /* a rig's results (values read only): the station's verdict on each field, the
     * readings per step of an item that has several, and what has no field */
    enum tui_form_source source;
    char rig_mark[CORE_MAX_FIELDS][32];
    char rig_readings[CORE_MAX_FIELDS][160];
    char rig_note[240];
};

struct tui_picker {
    int sel; /* the highlighted defect */
};

/* Empties the form, focus on the first field. */
void tui_form_open(struct tui_form *f);
/* Fills the form with a rig's COMPLETE as the station judged it (core_rig_judge). */
void tui_form_fill_rig(struct tui_form *f, const struct core_process *p,
                       const struct core_rig_msg *m, const struct core_rig_judgement *j,
                       enum tui_form_source source);
/* Stores value in the focused field (passfail answers normalised to PASS/FAIL), judges
 * the form, moves the focus to the next empty field and tells the operator what follows. */
void tui_form_set(struct tui_app *a, struct tui_form *f, const struct core_process *p,
                  const char *value);
/* Judges the values: 1 when acceptable (f->judge holds the proposal), else 0 with
 * why filled (a required field empty, an invalid value). */
int tui_form_judge(struct tui_form *f, const struct core_process *p, struct core_refusal *why);
/* The values as core_unit_complete takes them (vals has CORE_MAX_FIELDS slots). */
const char *const *tui_form_values(const struct tui_form *f, const char **vals);
void tui_form_nav(struct tui_form *f, const struct core_process *p, int key);
void tui_form_draw(const struct tui_ui *ui, const struct tui_form *f, const struct core_process *p,
                   int top, int rows);
/* 1 when the focused field is a PASS/FAIL answer. */
/* A form of Y/N checks only: every empty check set to PASS; how many were set (0: not
 * such a form, or nothing empty). */
int tui_form_fill_pass(struct tui_form *f, const struct core_process *p);
int tui_form_focus_passfail(const struct tui_form *f, const struct core_process *p);

/* Defect picker: opens with preselect highlighted (or the first code). */
void tui_picker_open(struct tui_picker *k, const struct core_process *p, const char *preselect);
/* Resolves a typed number (1..n) or code; returns the code or NULL. */
const char *tui_picker_resolve(const struct core_process *p, const char *text);
const char *tui_picker_selected(const struct tui_picker *k, const struct core_process *p);
void tui_picker_nav(struct tui_picker *k, const struct core_process *p, int key);
void tui_picker_draw(const struct tui_ui *ui, const struct tui_picker *k,
                     const struct core_process *p, int top, int rows);

#endif
