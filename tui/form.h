/* tui/form.h — the station's measurement form and defect picker (SPEC.md 5.6). The form
 * is rendered from the process's fields; every value goes through core_form_judge,
 * which proposes PASS or FAIL (with the defect of the first field out of spec). */
#ifndef STN_TUI_FORM_H
#define STN_TUI_FORM_H

#include "tui/tui.h"

/* Opens an empty form for the card's unit at the station's process. */
void tui_form_open(struct tui_app *a);
/* Stores value in the focused field (passfail answers normalised to PASS/FAIL), judges
 * the form and moves the focus to the next empty field. */
void tui_form_set(struct tui_app *a, const char *value);
/* Judges the values: 1 when acceptable (card.judge holds the proposal), else 0 with
 * why filled (a required field empty, an invalid value). */
int tui_form_judge(struct tui_app *a, struct core_refusal *why);
/* The values as core_unit_complete takes them (vals has CORE_MAX_FIELDS slots). */
const char *const *tui_form_values(struct tui_app *a, const char **vals);
void tui_form_nav(struct tui_app *a, int key);
void tui_form_draw(struct tui_app *a, int top, int rows);
int tui_form_focus_passfail(struct tui_app *a);

/* Defect picker: opens with preselect highlighted (or the first code). */
void tui_picker_open(struct tui_app *a, const char *preselect);
/* Resolves a typed number (1..n) or code; returns the code or NULL. */
const char *tui_picker_resolve(struct tui_app *a, const char *text);
const char *tui_picker_selected(struct tui_app *a);
void tui_picker_nav(struct tui_app *a, int key);
void tui_picker_draw(struct tui_app *a, int top, int rows);

#endif
