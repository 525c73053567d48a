/* tui/scr_station.c — the station screen: lot context (process 1), the unit card, the
 * measurement form and defect picker, and what a scan or command does here. Every rule
 * decision is core's: this file shows its answers and refusals. */
#include "tui/scr_station.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "tui/form.h"
#include "tui/i18n.h"
#include "tui/layout.h"
#include "tui/reasons.h"
#include "tui/rig.h"
#include "tui/tui.h"
#include "tui/ui.h"

static int is_first_process(struct tui_app *a)
{
    const struct core_routing *r = tui_routing(a);
    return r && a->process == r->first_number;
}

static int n_fields(struct tui_app *a)
{
    const struct core_process *p = tui_process(a);
    return p ? p->n_fields : 0;
}

/* ---- modes ----------------------------------------------------------------------- */
static int has_card(const struct tui_app *a)
{
    return a->station.mode != TUI_ST_EMPTY;
}

/* The form is open, possibly under the picker. */
static int form_open(const struct tui_app *a)
{
    return a->station.mode == TUI_ST_FORM || a->station.mode == TUI_ST_FORM_PICK;
}

static int picking(const struct tui_app *a)
{
    return a->station.mode == TUI_ST_PICK || a->station.mode == TUI_ST_FORM_PICK;
}

static void open_picker(struct tui_app *a, const char *preselect)
{
    struct tui_station *st = &a->station;

    tui_picker_open(&st->pick, tui_process(a), preselect);
    st->mode = form_open(a) ? TUI_ST_FORM_PICK : TUI_ST_PICK;
}

/* Back to what the picker was opened from. */
static void close_picker(struct tui_app *a)
{
    struct tui_station *st = &a->station;

    if (st->mode == TUI_ST_FORM_PICK)
        st->mode = TUI_ST_FORM;
    else if (st->mode == TUI_ST_PICK)
        st->mode = TUI_ST_CARD;
}

/* ---- the card and the lot, for the other screens ------------------------------------ */
void tui_station_reset(struct tui_app *a)
{
    struct tui_station *st = &a->station;

    st->mode = TUI_ST_EMPTY;
    memset(&st->card, 0, sizeof st->card);
    memset(&st->form, 0, sizeof st->form);
    memset(&st->pick, 0, sizeof st->pick);
    a->dirty = 1;
}

/* The form opens when the unit is to be measured here, and keeps its values while the
 * same unit stays to be completed. */
void tui_station_set_card(struct tui_app *a, const struct core_answer *ans)
{
    struct tui_station *st = &a->station;
    struct tui_card *c = &st->card;
    int same = has_card(a) && c->ans.unit.wip_pk == ans->unit.wip_pk;
    int form = form_open(a);
    enum tui_label_state label = same ? c->label : TUI_LABEL_NONE;
    char msg[sizeof c->label_msg];

    snprintf(msg, sizeof msg, "%s", same ? c->label_msg : "");
    if (!same || ans->next.action != CORE_ACT_COMPLETE) {
        tui_station_reset(a);
        form = 0;
    }
    c->ans = *ans;
    c->label = label;
    snprintf(c->label_msg, sizeof c->label_msg, "%s", msg);
    snprintf(c->key, sizeof c->key, "%s",
             ans->unit.serial_number[0] ? ans->unit.serial_number : ans->unit.wip_id);
    if (ans->next.action == CORE_ACT_COMPLETE && n_fields(a) > 0 && !form) {
        tui_form_open(&st->form);
        form = 1;
    } else if (ans->next.action != CORE_ACT_COMPLETE) {
        form = 0;
    }
    st->mode = form ? TUI_ST_FORM : TUI_ST_CARD;
    st->card_ms = a->now_ms;
    a->dirty = 1;
}

#define PASS_SHOWN_MS 20000   /* a PASS banner this old is history, not news */
#define CARD_FRESH_MS 60000   /* a card this old is read again while the station is idle */
#define CARD_NOTIFIED_MS 3000 /* after a change on the line, a card this old is read again */

void tui_station_refresh(struct tui_app *a, long max_age_ms)
{
    struct tui_station *st = &a->station;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    enum stn_code rc;

    if (!has_card(a) || a->now_ms - st->card_ms < max_age_ms || tui_station_unsaved(a) ||
        picking(a) || !tui_db_online(a) || tui_parse(a, st->card.key, &sc) != CORE_SCAN_WHY_OK)
        return;
    rc = core_unit_look(a->db, &a->actor, &sc, &ans, &why, &err);
    tui_check_db(a, rc);
    if (ans.found && (rc == STN_OK || rc == STN_E_RULE))
        tui_station_set_card(a, &ans);
    else
        st->card_ms = a->now_ms; /* not now: tried again later, not at every tick */
}

void tui_station_tick(struct tui_app *a)
{
    if (tui_banner_shown(a) == TUI_BAN_PASS && a->now_ms - a->msgs.ban_ms > PASS_SHOWN_MS) {
        tui_banner_clear(a);
        a->dirty = 1;
    }
    if (a->scr != TUI_SCR_STATION || !a->logged_in || !has_card(a)) {
        a->station.notified = 0;
        return;
    }
    if (a->station.notified && a->now_ms - a->station.card_ms < CARD_NOTIFIED_MS)
        return; /* just read: once it is a few seconds old */
    tui_station_refresh(a, a->station.notified ? CARD_NOTIFIED_MS : CARD_FRESH_MS);
    a->station.notified = 0;
}

const struct tui_card *tui_station_card(const struct tui_app *a)
{
    return has_card(a) ? &a->station.card : NULL;
}

const char *tui_station_unsaved(const struct tui_app *a)
{
    const struct tui_station *st = &a->station;

    if (!form_open(a))
        return NULL;
    for (int i = 0; i < CORE_MAX_FIELDS; i++)
        if (st->form.values[i][0])
            return st->card.key;
    return NULL;
}

void tui_station_reload(struct tui_app *a)
{
    static struct core_answer ans; /* too big for the stack */
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    struct core_lot lot;

    if (!tui_db_online(a))
        return;
    if (has_card(a) && tui_parse(a, a->station.card.key, &sc) == CORE_SCAN_WHY_OK &&
        core_unit_look(a->db, &a->actor, &sc, &ans, &why, &err) == STN_OK)
        tui_station_set_card(a, &ans);
    if (a->station.have_lot && core_lot_get(a->db, a->station.lot.lot_number, &lot, &err) == STN_OK)
        a->station.lot = lot;
    a->dirty = 1;
}

const struct core_lot *tui_station_lot(const struct tui_app *a)
{
    return a->station.have_lot ? &a->station.lot : NULL;
}

void tui_station_set_lot(struct tui_app *a, const struct core_lot *lot)
{
    a->station.have_lot = lot != NULL;
    if (lot)
        a->station.lot = *lot;
}

void tui_station_label_done(struct tui_app *a, int64_t wip_pk, int ok, const char *msg)
{
    struct tui_card *c = &a->station.card;

    if (!has_card(a) || c->ans.unit.wip_pk != wip_pk)
        return;
    c->label = ok ? TUI_LABEL_PRINTED : TUI_LABEL_FAILED;
    snprintf(c->label_msg, sizeof c->label_msg, "%s", msg ? msg : "");
    /* "Printing its label..." is over; a message about something else stays */
    if (ok && a->msgs.kind != TUI_MSG_ERROR && strstr(a->msgs.text, c->key))
        tui_msg(a, TUI_MSG_OK,
                c->ans.next.action == CORE_ACT_VERIFY
                    ? _("Label of %s printed: scan it back to PASS.")
                    : _("Label of %s printed."),
                c->key);
    if (!ok) {
        char text[TUI_MSG_LEN];
        snprintf(text, sizeof text,
                 _("Label of %s NOT PRINTED: %s. Ask a supervisor to "
                   "reprint it (CMD:REPRINT)."),
                 c->key, msg && *msg ? msg : "?");
        tui_alert(a, CORE_R_LABEL_NOT_PRINTED, text);
    }
    a->dirty = 1;
}

void tui_station_label_busy(struct tui_app *a, int64_t wip_pk)
{
    if (!has_card(a) || a->station.card.ans.unit.wip_pk != wip_pk)
        return;
    a->station.card.label = TUI_LABEL_PRINTING;
    tui_msg(a, TUI_MSG_INFO, "%s", _("Sending the label to the printer..."));
}

/* ---- results --------------------------------------------------------------------- */
static void completed(struct tui_app *a, const struct core_answer *ans, const char *defect)
{
    const struct core_unit *u = &ans->unit;
    const char *id = u->serial_number[0] ? u->serial_number : u->wip_id;
    char text[TUI_MSG_LEN];

    tui_station_set_card(a, ans);
    if (a->station.mode == TUI_ST_FORM) /* done with: the values stay until the next form */
        a->station.mode = TUI_ST_CARD;
    if (ans->result == CORE_RES_PASS) {
        snprintf(text, sizeof text, _("PASS  %s  process %d"), id, a->process);
        tui_result(a, TUI_BAN_PASS, text);
        return;
    }
    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED)
        snprintf(text, sizeof text,
                 _("FAIL  %s  process %d  %s  -  SCRAPPED: put it in the "
                   "scrap bin"),
                 id, a->process, defect ? defect : "");
    else if (ans->next.action == CORE_ACT_DISPOSITION && !ans->next.rework_allowed)
        snprintf(text, sizeof text,
                 _("FAIL  %s  process %d  %s  -  ON HOLD: call a supervisor "
                   "to SCRAP it (no more REWORK)"),
                 id, a->process, defect ? defect : "");
    else
        snprintf(text, sizeof text,
                 _("FAIL  %s  process %d  %s  -  ON HOLD: call a supervisor "
                   "(REWORK or SCRAP)"),
                 id, a->process, defect ? defect : "");
    tui_result(a, TUI_BAN_FAIL, text);
}

static void complete(struct tui_app *a, enum core_result res, const char *defect)
{
    const char *vals[CORE_MAX_FIELDS];
    struct core_completion c = { res, defect, NULL, NULL };
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    enum stn_code rc;
    const char *key = a->station.card.key;

    if (!tui_online(a, key) || tui_parse(a, key, &sc) != CORE_SCAN_WHY_OK)
        return;
    if (form_open(a))
        c.values = tui_form_values(&a->station.form, vals);
    rc = core_unit_complete(a->db, &a->actor, &sc, &c, &ans, &why, &err);
    tui_check_db(a, rc);
    if (rc == STN_OK) {
        completed(a, &ans, defect);
        return;
    }
    if (ans.found)
        tui_station_set_card(a, &ans);
    tui_refusal(a, &why);
}

static void started(struct tui_app *a, const struct core_answer *ans)
{
    if (n_fields(a) > 0)
        tui_msg(a, TUI_MSG_OK, _("Started process %d%s. Enter the measurements."), a->process,
                ans->next.is_rework ? _(" (rework)") : "");
    else if (is_first_process(a))
        tui_msg(a, TUI_MSG_OK,
                _("Started process %d. Mark the unit, then scan its WIP ID to "
                  "PASS."),
                a->process);
    else
        tui_msg(a, TUI_MSG_OK,
                _("Started process %d%s. Scan the unit again to PASS, or "
                  "CMD:FAIL."),
                a->process, ans->next.is_rework ? _(" (rework)") : "");
}

static void converted(struct tui_app *a, const struct core_answer *ans)
{
    struct core_label_data ld;

    core_label_from_unit(&ans->unit, &ld);
    a->station.card.label = TUI_LABEL_PRINTING;
    if (tui_printjobs_submit(a, CORE_LABEL_SERIAL, &ld, &a->actor, NULL) == 0)
        tui_msg(a, TUI_MSG_OK, _("Converted to serial %s. Printing its label..."),
                ans->unit.serial_number);
    else
        tui_msg(a, TUI_MSG_ERROR,
                _("Converted to serial %s, but its label was not printed: "
                  "%s. A supervisor can reprint it: CMD:REPRINT."),
                ans->unit.serial_number, a->station.card.label_msg);
}

static void after_scan(struct tui_app *a, const struct core_answer *ans)
{
    char text[TUI_MSG_LEN];

    tui_station_set_card(a, ans);
    switch (ans->done) {
    case CORE_ACT_START: started(a, ans); break;
    case CORE_ACT_COMPLETE: completed(a, ans, NULL); break;
    case CORE_ACT_CONVERT: converted(a, ans); break;
    case CORE_ACT_VERIFY:
        snprintf(text, sizeof text, _("PASS  %s  label verified  process %d"),
                 ans->unit.serial_number, a->process);
        tui_result(a, TUI_BAN_PASS, text);
        break;
    default: break;
    }
}

/* ---- a rig's results ------------------------------------------------------------------ */
static int rig_form(const struct tui_app *a)
{
    return form_open(a) && a->station.form.source == TUI_FORM_RIG_HELD;
}

/* The operator is typing a form of another unit: a rig's result must not wipe it. */
static int typing_other(const struct tui_app *a, const struct core_rig_result *res)
{
    const struct tui_form *f = &a->station.form;
    int typed = 0;

    if (!form_open(a) || f->source != TUI_FORM_TYPED ||
        a->station.card.ans.unit.wip_pk == res->card.unit.wip_pk)
        return 0;
    for (int i = 0; i < CORE_MAX_FIELDS; i++)
        typed |= f->values[i][0] != '\0';
    return typed;
}

void tui_station_rig_form(struct tui_app *a, const struct core_rig_msg *m,
                          const struct core_rig_result *res)
{
    const struct core_process *p = tui_process(a);
    struct tui_station *st = &a->station;

    if (!p || typing_other(a, res)) {
        tui_msg(a, TUI_MSG_WARN, _("Rig results for %s wait: scan it to see them."), m->unit.text);
        return;
    }
    tui_banner_clear(a); /* the last unit's PASS or FAIL would cover the form */
    tui_station_set_card(a, &res->card);
    tui_form_fill_rig(&st->form, p, m, &res->judgement, TUI_FORM_RIG_HELD);
    st->mode = TUI_ST_FORM;
    if (res->judgement.proposal == CORE_RES_PASS)
        tui_msg(a, TUI_MSG_OK,
                _("Rig results for %s: PASS. CMD:OK (^O) records them, CMD:FAIL "
                  "fails the unit, Esc rejects them."),
                m->unit.text);
    else
        tui_msg(a, TUI_MSG_WARN,
                _("Rig results for %s: the station judges FAIL (%s). CMD:OK "
                  "(^O) records the FAIL, CMD:FAIL another defect, Esc rejects "
                  "them."),
                m->unit.text, res->judgement.defect);
    a->dirty = 1;
}

void tui_station_rig_recorded(struct tui_app *a, const struct core_rig_msg *m,
                              const struct core_rig_result *res)
{
    const struct core_process *p = tui_process(a);
    struct tui_station *st = &a->station;

    if (a->scr != TUI_SCR_STATION || typing_other(a, res) || tui_latched(a, NULL)) {
        tui_msg(a, TUI_MSG_INFO, _("Rig: %s %s recorded."), core_rig_type_name(m->type),
                m->unit.text);
        return;
    }
    if (m->type == CORE_RIG_START) {
        tui_banner_clear(a);
        tui_station_set_card(a, &res->card);
        tui_msg(a, TUI_MSG_OK, _("Rig: %s started at process %d."), m->unit.text, a->process);
        return;
    }
    completed(a, &res->card, res->defect[0] ? res->defect : NULL);
    if (p) { /* the card shows the rig's values as they were recorded (read only) */
        tui_form_fill_rig(&st->form, p, m, &res->judgement, TUI_FORM_RIG_DONE);
        st->form.judge.proposal = res->recorded;
        snprintf(st->form.judge.defect, sizeof st->form.judge.defect, "%s", res->defect);
    }
}

void tui_station_rig_drop(struct tui_app *a)
{
    if (rig_form(a))
        a->station.mode = TUI_ST_CARD;
}

/* ---- scans ------------------------------------------------------------------------- */
static int label_mismatch(struct tui_app *a, const struct core_scan *sc)
{
    const struct core_unit *u = &a->station.card.ans.unit;
    struct core_refusal why;

    if (!has_card(a) || a->station.card.ans.next.action != CORE_ACT_VERIFY ||
        sc->kind != CORE_SCAN_SERIAL || !strcmp(sc->text, u->serial_number))
        return 0;
    core_refuse(&why, CORE_R_LABEL_MISMATCH, 0, u->serial_number, sc->text, NULL);
    tui_refusal(a, &why);
    return 1;
}

/* The first active process the unit has not PASSED (0: every one PASSED). */
static int needed_process(const struct core_routing *r, const struct core_unit *u)
{
    for (int i = 0; r && i < r->n; i++) {
        const struct core_attempt *t = core_unit_latest(u, r->p[i].number);
        if (r->p[i].active && (!t || t->result != CORE_RES_PASS))
            return r->p[i].number;
    }
    return 0;
}

/* A unit with nothing to do here, refused in the words of where it goes (the card's own
 * next step): finished, or past this process and which one it needs. */
static int refuse_from_card(struct tui_app *a, const char *scanned, const struct core_refusal *why)
{
    const struct core_unit *u = &a->station.card.ans.unit;
    char text[TUI_MSG_LEN];
    int need;

    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED ||
        (why->code != CORE_R_ALREADY_PASSED && why->code != CORE_R_CONVERTED &&
         why->code != CORE_R_WRONG_KIND) ||
        !tui_routing(a))
        return 0;
    need = needed_process(tui_routing(a), u);
    if (need == 0)
        snprintf(text, sizeof text,
                 _("%s is finished: every process PASSED. Pack it; nothing "
                   "more to do here."),
                 scanned);
    else if (need > a->process)
        snprintf(text, sizeof text, _("%s is past process %d: take it to process %d."), scanned,
                 a->process, need);
    else
        return 0;
    tui_alert(a, why->code, text);
    return 1;
}

static void unit_scan(struct tui_app *a, const struct core_scan *sc)
{
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (label_mismatch(a, sc) || !tui_online(a, sc->text))
        return;
    if (tui_station_unsaved(a) && strcmp(sc->text, a->station.card.key) &&
        strcmp(sc->text, a->station.card.ans.unit.wip_id) &&
        strcmp(sc->text, a->station.leave_for)) {
        /* another unit in the middle of a form: the typed values are not thrown away
         * unasked */
        snprintf(a->station.leave_for, sizeof a->station.leave_for, "%s", sc->text);
        tui_msg(a, TUI_MSG_WARN,
                _("The form of %s holds values not recorded. Finish it "
                  "(CMD:OK), or scan %s again to leave them."),
                a->station.card.key, sc->text);
        beep();
        return;
    }
    a->station.leave_for[0] = '\0';
    tui_banner_clear(a);
    rc = core_unit_scan(a->db, &a->actor, sc, &ans, &why, &err);
    tui_check_db(a, rc);
    if (rc == STN_OK) {
        after_scan(a, &ans);
        return;
    }
    if (!ans.found) {
        tui_station_reset(a);
        tui_refusal(a, &why);
        return;
    }
    tui_station_set_card(a, &ans);
    if (rc == STN_E_RULE && ans.next.action == CORE_ACT_COMPLETE && why.code == CORE_R_OK &&
        tui_rig_held(a)) {
        tui_rig_show_held(a, sc->text);
        if (!rig_form(a))
            tui_msg(a, TUI_MSG_INFO, "%s", _("Open here: continue with the measurements."));
    } else if (rc == STN_E_RULE && ans.next.action == CORE_ACT_COMPLETE && why.code == CORE_R_OK) {
        tui_msg(a, TUI_MSG_INFO, "%s", _("Open here: continue with the measurements."));
    } else if (!refuse_from_card(a, sc->text, &why)) {
        tui_refusal(a, &why);
    }
}

static void lot_scan(struct tui_app *a, const struct core_scan *sc)
{
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!is_first_process(a)) {
        const struct core_routing *r = tui_routing(a);
        enum core_phase ph = r ? core_routing_phase(r, a->process) : CORE_PHASE_WIP;
        core_refuse(&why, CORE_R_WRONG_KIND, a->process, sc->text,
                    ph == CORE_PHASE_SERIAL ? _("a serial") : _("a WIP ID"), NULL);
        tui_refusal(a, &why);
        return;
    }
    if (!tui_online(a, sc->text))
        return;
    rc = core_lot_get(a->db, sc->text, &a->station.lot, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        a->station.have_lot = 0;
        if (rc == STN_E_NOT_FOUND)
            core_refuse(&why, CORE_R_UNKNOWN_ID, 0, sc->text, NULL, NULL);
        else
            core_refuse_db(&why, rc, 0, sc->text);
        tui_refusal(a, &why);
        return;
    }
    a->station.have_lot = 1;
    tui_station_reset(a);
    tui_banner_clear(a);
    tui_msg(a, TUI_MSG_OK, _("Lot %s: %d of %d units. CMD:NEW (^N) creates the next WIP."),
            a->station.lot.lot_number, a->station.lot.units, a->station.lot.target);
}

static void choose_defect(struct tui_app *a, const char *code)
{
    char defect[41];
    snprintf(defect, sizeof defect, "%s", code);
    close_picker(a);
    if (rig_form(a)) {
        enum core_result fail = CORE_RES_FAIL;
        tui_rig_confirm(a, &fail, defect);
        return;
    }
    complete(a, CORE_RES_FAIL, defect);
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    struct core_refusal r;
    char value[TUI_VALUE_LEN];
    const char *code;

    if (!sc) { /* Enter alone */
        if (picking(a) && (code = tui_picker_selected(&a->station.pick, tui_process(a))))
            choose_defect(a, code);
        return;
    }
    a->station.switch_badge[0] = '\0';
    if (picking(a) && (code = tui_picker_resolve(tui_process(a), sc->text))) {
        choose_defect(a, code);
        return;
    }
    if (picking(a) && sc->kind != CORE_SCAN_WIP && sc->kind != CORE_SCAN_SERIAL &&
        sc->kind != CORE_SCAN_LOT) {
        /* a number out of range or a code of another process: the list stays */
        const struct core_process *p = tui_process(a);
        tui_msg(a, TUI_MSG_WARN,
                _("%s is not on the list: choose 1 to %d, or scan "
                  "CMD:DEFECT:<code>. Esc: back."),
                sc->text, p ? p->n_defects : 0);
        beep();
        return;
    }
    if (sc->kind == CORE_SCAN_BADGE && strchr(sc->text, '-') && a->station.mode != TUI_ST_FORM) {
        /* a badge while someone is logged in: a shift change, offered, never silent */
        snprintf(a->station.switch_badge, sizeof a->station.switch_badge, "%.32s", sc->text);
        a->station.switch_ms = a->now_ms;
        tui_msg(a, TUI_MSG_WARN, _("Badge %s: log out %s and log in? CMD:OK (^O) within 10 s."),
                sc->text, a->user.full_name);
        return;
    }
    if (sc->kind == CORE_SCAN_WIP || sc->kind == CORE_SCAN_SERIAL) {
        unit_scan(a, sc);
    } else if (sc->kind == CORE_SCAN_LOT) {
        lot_scan(a, sc);
    } else if (a->station.mode == TUI_ST_FORM && a->station.form.source != TUI_FORM_TYPED) {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("These are the rig's values: CMD:OK records them, "
                  "CMD:FAIL fails the unit, Esc rejects them."));
        beep();
    } else if (a->station.mode == TUI_ST_FORM) {
        tui_typed_value(text, sc, value, sizeof value);
        tui_form_set(a, &a->station.form, tui_process(a), value);
    } else {
        (void)why;
        core_refuse(&r, CORE_R_BAD_SCAN, 0, sc->text, NULL, NULL);
        tui_refusal(a, &r);
    }
}

/* ---- commands ------------------------------------------------------------------------ */
static int need_card(struct tui_app *a)
{
    if (has_card(a))
        return 1;
    tui_msg(a, TUI_MSG_WARN, "%s", _("Scan a unit first."));
    beep();
    return 0;
}

/* Core's own reason why this unit cannot be completed here now. */
static void refuse_complete(struct tui_app *a, enum core_result res, const char *defect)
{
    const struct core_routing *r = tui_routing(a);
    struct core_refusal why;

    if (!r)
        return;
    if (core_rule_complete(r, &a->station.card.ans.unit, &a->actor, res, defect, &why))
        return;
    tui_refusal(a, &why);
}

static void cmd_pass(struct tui_app *a)
{
    struct tui_form *f = &a->station.form;
    struct core_refusal why;
    enum core_action act = a->station.card.ans.next.action;

    if (!need_card(a))
        return;
    if (act == CORE_ACT_VERIFY) {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("Scan the printed serial label: the match records "
                  "the PASS."));
    } else if (act != CORE_ACT_COMPLETE) {
        refuse_complete(a, CORE_RES_PASS, NULL);
    } else if (n_fields(a) == 0 && is_first_process(a)) {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("Scan the marked WIP ID: the read-back records the "
                  "PASS."));
    } else if (n_fields(a) == 0) {
        complete(a, CORE_RES_PASS, NULL);
    } else if (!f->judged && tui_form_fill_pass(f, tui_process(a))) {
        /* a checklist: PASS sets every empty check, and one CMD:OK records it */
        tui_form_judge(f, tui_process(a), &why);
        tui_msg(a, TUI_MSG_OK, "%s",
                _("Every empty check set to PASS. Look over the list, "
                  "then CMD:OK (^O) records it."));
    } else if (!tui_form_judge(f, tui_process(a), &why)) {
        tui_refusal_msg(a, &why);
    } else if (f->judge.proposal == CORE_RES_FAIL) {
        tui_msg(a, TUI_MSG_WARN,
                _("Out of specification: the proposal is FAIL (%s). CMD:OK "
                  "records it; CMD:FAIL chooses another defect."),
                f->judge.defect);
        beep();
    } else {
        complete(a, CORE_RES_PASS, NULL);
    }
}

static void cmd_fail(struct tui_app *a, const char *defect)
{
    const struct tui_form *f = &a->station.form;
    enum core_action act = a->station.card.ans.next.action;

    if (!need_card(a))
        return;
    if (act != CORE_ACT_COMPLETE && act != CORE_ACT_VERIFY) {
        refuse_complete(a, CORE_RES_FAIL, defect && *defect ? defect : "?");
    } else if (defect && *defect) {
        choose_defect(a, defect);
    } else {
        open_picker(a, f->judged && f->judge.proposal == CORE_RES_FAIL ? f->judge.defect : NULL);
        tui_msg(a, TUI_MSG_INFO, "%s", _("FAIL: choose the defect."));
    }
}

/* The shift change offered for a badge: the one logged in leaves, the badge logs in. */
static int switch_user(struct tui_app *a)
{
    char badge[33];
    struct core_scan sc;

    if (!a->station.switch_badge[0] || a->now_ms - a->station.switch_ms > 10000)
        return 0;
    snprintf(badge, sizeof badge, "%s", a->station.switch_badge);
    a->station.switch_badge[0] = '\0';
    tui_logout(a, NULL);
    if (tui_parse(a, badge, &sc) == CORE_SCAN_WHY_OK && tui_screen(a)->line)
        tui_screen(a)->line(a, badge, &sc, CORE_SCAN_WHY_OK);
    return 1;
}

static void cmd_ok(struct tui_app *a)
{
    struct tui_form *f = &a->station.form;
    const char *code;

    if (switch_user(a))
        return;
    if (picking(a) && (code = tui_picker_selected(&a->station.pick, tui_process(a)))) {
        choose_defect(a, code);
    } else if (form_open(a) && f->judged) {
        char defect[41];
        snprintf(defect, sizeof defect, "%s", f->judge.defect);
        complete(a, f->judge.proposal, f->judge.proposal == CORE_RES_FAIL ? defect : NULL);
    } else if (form_open(a) && tui_form_focus_passfail(f, tui_process(a))) {
        tui_form_set(a, f, tui_process(a), "PASS");
    } else if (tui_banner_shown(a) == TUI_BAN_PASS || tui_banner_shown(a) == TUI_BAN_FAIL) {
        /* a second confirmation (a bounce, an impatient scan) leaves the result shown */
        tui_msg(a, TUI_MSG_INFO, "%s",
                _("Already recorded (shown above). Scan the next "
                  "unit."));
    } else {
        tui_banner_clear(a);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Nothing to confirm."));
    }
}

static void cmd_cancel(struct tui_app *a)
{
    tui_banner_clear(a);
    if (picking(a)) {
        close_picker(a);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Defect choice cancelled."));
    } else if (has_card(a)) {
        tui_station_reset(a);
        tui_msg(a, TUI_MSG_INFO, "%s",
                _("Card cleared. An open attempt stays open: scan the "
                  "unit to continue."));
    } else if (a->station.have_lot) {
        a->station.have_lot = 0;
        tui_msg(a, TUI_MSG_INFO, "%s", _("Lot cleared."));
    }
}

static void cmd_new(struct tui_app *a)
{
    const struct core_process *p = tui_process(a);
    struct core_wip_created made;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!is_first_process(a) || !a->station.have_lot) {
        if (!is_first_process(a))
            core_refuse(&why, CORE_R_WRONG_KIND, a->process, "CMD:NEW", "WIP", NULL);
        else
            core_refuse(&why, CORE_R_NO_LOT, 0, NULL, NULL, NULL);
        tui_refusal(a, &why);
        return;
    }
    if (has_card(a) && a->station.card.ans.next.action == CORE_ACT_COMPLETE) {
        /* a second CMD:NEW would leave this unit open and off the card */
        tui_msg(a, TUI_MSG_WARN,
                _("%s is not read back yet: scan its WIP ID to PASS it "
                  "first (CMD:CANCEL leaves it open)."),
                a->station.card.key);
        beep();
        return;
    }
    if (!tui_online(a, a->station.lot.lot_number))
        return;
    tui_banner_clear(a);
    rc = core_wip_create_show(a->db, &a->actor, a->station.lot.lot_number, &made, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        return;
    }
    if (made.card.found) /* with the lot, read in the creation's second round trip */
        tui_station_set_card(a, &made.card);
    if (made.lot_read)
        a->station.lot = made.lot;
    if (p && p->auto_print_label) {
        a->station.card.label = TUI_LABEL_PRINTING;
        if (tui_printjobs_submit(a, CORE_LABEL_WIP, &made.label, &a->actor, NULL) != 0) {
            tui_msg(a, TUI_MSG_ERROR,
                    _("Created %s, but its label was not printed: %s. Mark "
                      "it, then scan its WIP ID to PASS."),
                    made.label.wip_id, a->station.card.label_msg);
            return;
        }
    }
    tui_msg(a, TUI_MSG_OK, _("Created %s. Mark it, then scan its WIP ID to PASS."),
            made.label.wip_id);
}

static void cmd_dispose(struct tui_app *a, enum core_cmd c)
{
    const struct core_routing *r = tui_routing(a);
    const struct core_unit *u = &a->station.card.ans.unit;
    struct core_refusal why;

    if (!has_card(a)) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Scan the unit on hold first."));
        beep();
        return;
    }
    if (a->station.card.ans.next.action != CORE_ACT_DISPOSITION || !r) {
        core_refuse(&why, CORE_R_NOT_ON_HOLD, 0, a->station.card.key, NULL, NULL);
        tui_refusal(a, &why);
        return;
    }
    if (c == CORE_CMD_REWORK && !a->station.card.ans.next.rework_allowed) {
        struct core_actor sup = a->actor; /* core says why, as it would to a supervisor */
        sup.role = CORE_ROLE_MANAGER;
        if (!core_rule_disposition(r, u, &sup, CORE_DEC_REWORK, "-", &why)) {
            tui_refusal(a, &why);
            return;
        }
    }
    tui_flow_start(a, c == CORE_CMD_REWORK ? TUI_JOB_REWORK : TUI_JOB_SCRAP);
}

/* The scanner's keyboard: YES and NO answer the focused check, NEXT and PREV move. */
static void cmd_form(struct tui_app *a, enum core_cmd c)
{
    struct tui_form *f = &a->station.form;

    if (c == CORE_CMD_NEXT || c == CORE_CMD_PREV) {
        if (picking(a))
            tui_picker_nav(&a->station.pick, tui_process(a),
                           c == CORE_CMD_NEXT ? KEY_DOWN : KEY_UP);
        else if (form_open(a))
            tui_form_nav(f, tui_process(a), c == CORE_CMD_NEXT ? KEY_DOWN : KEY_UP);
        else
            tui_msg(a, TUI_MSG_WARN, "%s",
                    _("No form open: CMD:NEXT and CMD:PREV move between "
                      "its fields."));
        return;
    }
    if (f->source != TUI_FORM_TYPED && a->station.mode == TUI_ST_FORM) {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("These are the rig's values: CMD:OK records them, "
                  "CMD:FAIL fails the unit, Esc rejects them."));
        beep();
        return;
    }
    if (a->station.mode != TUI_ST_FORM || !tui_form_focus_passfail(f, tui_process(a))) {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("CMD:YES and CMD:NO answer a Y/N check of the form: "
                  "move to one first (CMD:NEXT, CMD:PREV)."));
        beep();
        return;
    }
    tui_form_set(a, f, tui_process(a), c == CORE_CMD_YES ? "Y" : "N");
}

/* The operator's answer to a rig's results on the form. */
static int rig_cmd(struct tui_app *a, enum core_cmd c)
{
    enum core_result pass = CORE_RES_PASS;

    if (!rig_form(a) || picking(a))
        return 0;
    switch (c) {
    case CORE_CMD_OK: tui_rig_confirm(a, NULL, NULL); return 1;
    case CORE_CMD_PASS: tui_rig_confirm(a, &pass, NULL); return 1;
    case CORE_CMD_CANCEL: tui_rig_reject(a); return 1;
    default: return 0;
    }
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    if (rig_cmd(a, c))
        return;
    switch (c) {
    case CORE_CMD_PASS: cmd_pass(a); break;
    case CORE_CMD_FAIL: cmd_fail(a, NULL); break;
    case CORE_CMD_DEFECT: cmd_fail(a, arg); break;
    case CORE_CMD_OK: cmd_ok(a); break;
    case CORE_CMD_CANCEL: cmd_cancel(a); break;
    case CORE_CMD_NEW: cmd_new(a); break;
    case CORE_CMD_REWORK:
    case CORE_CMD_SCRAP: cmd_dispose(a, c); break;
    case CORE_CMD_REPRINT: tui_flow_start(a, TUI_JOB_REPRINT); break;
    case CORE_CMD_YES:
    case CORE_CMD_NO:
    case CORE_CMD_NEXT:
    case CORE_CMD_PREV: cmd_form(a, c); break;
    default: tui_msg(a, TUI_MSG_WARN, _("CMD:%s does nothing here."), core_cmd_name(c)); break;
    }
}

static void nav(struct tui_app *a, int key)
{
    if (picking(a))
        tui_picker_nav(&a->station.pick, tui_process(a), key);
    else if (form_open(a))
        tui_form_nav(&a->station.form, tui_process(a), key);
}

/* ---- drawing ------------------------------------------------------------------------- */
static void draw_context(struct tui_app *a, int y)
{
    const struct tui_ui *ui = &a->ui;
    enum core_phase ph = tui_routing(a) ? core_routing_phase(tui_routing(a), a->process)
                                        : CORE_PHASE_NONE;
    const struct core_lot *lot = &a->station.lot;
    char buf[300];

    if (is_first_process(a) && a->station.have_lot)
        snprintf(buf, sizeof buf, _("Lot %s  %s  %d/%d units  -  CMD:NEW (^N): next WIP"),
                 lot->lot_number, core_lot_status_name(lot->status), lot->units, lot->target);
    else if (is_first_process(a))
        snprintf(buf, sizeof buf, "%s", _("Scan a LOT, then CMD:NEW (^N) creates its next WIP."));
    else if (ph == CORE_PHASE_CONVERT)
        snprintf(buf, sizeof buf, "%s",
                 _("Scan a COMPLETED WIP: it becomes a serial, its label "
                   "prints; scan that label."));
    else if (ph == CORE_PHASE_SERIAL)
        snprintf(buf, sizeof buf, "%s", _("Scan a serial number."));
    else
        snprintf(buf, sizeof buf, "%s", _("Scan a WIP ID."));
    tui_put(ui, y, 1, COLS - 2, buf, TUI_R_TITLE);
}

/* Status words as core names them, for the catalogue. */
static const char *const status_words[] __attribute__((unused)) = {
    N_("CREATED"),  N_("IN_PROGRESS"), N_("COMPLETED"), N_("CONVERTED"),
    N_("SCRAPPED"), N_("PASSED"),      N_("FAILED"),
};

static const char *status_text(const struct core_unit *u, const struct core_next *nx)
{
    if (nx->action == CORE_ACT_DISPOSITION)
        return _("ON HOLD");
    if (u->hold.active && u->status != CORE_US_SCRAPPED)
        return _("HELD");
    if (u->serial_status != CORE_SS_NONE && u->status == CORE_US_CONVERTED)
        return _(core_serial_status_name(u->serial_status));
    return _(core_unit_status_name(u->status));
}

/* "HH:MM:SS" of a "YYYY-MM-DD HH:MM:SS" time stamp. */
static const char *hms(const char *ts)
{
    return strlen(ts) >= 19 ? ts + 11 : ts;
}

static void where_text(const struct core_unit *u, char *buf, size_t n)
{
    const struct core_attempt *open = core_unit_open(u), *hold = core_unit_on_hold(u);
    const struct core_attempt *last = u->n_att ? &u->att[u->n_att - 1] : NULL;

    if (open)
        snprintf(buf, n, _("process %d open at %s since %s (%s)"), open->process, open->station_id,
                 hms(open->started_at), open->operator_name);
    else if (u->hold.active && !hold)
        snprintf(buf, n, u->hold.on_lot ? _("lot held by %s %s: %s") : _("held by %s %s: %s"),
                 u->hold.by, u->hold.at, u->hold.reason);
    else if (hold)
        snprintf(buf, n, _("FAIL at process %d (%s) %s"), hold->process, hold->defect,
                 hms(hold->completed_at));
    else if (last)
        snprintf(buf, n, _("last: process %d %s %s"), last->process,
                 last->result == CORE_RES_PASS ? "PASS" : "FAIL", hms(last->completed_at));
    else
        snprintf(buf, n, "%s", _("no process yet"));
}

static const char *label_text(struct tui_app *a)
{
    const struct tui_card *c = &a->station.card;
    switch (c->label) {
    case TUI_LABEL_PRINTING: return _("printing...");
    case TUI_LABEL_PRINTED: return _("printed");
    case TUI_LABEL_FAILED: return _("NOT PRINTED (CMD:REPRINT)");
    case TUI_LABEL_NONE: break;
    }
    if (c->ans.unit.status != CORE_US_CONVERTED)
        return NULL;
    return c->ans.unit.label_printed ? _("printed") : _("NOT PRINTED (CMD:REPRINT)");
}

/* Where a unit that has nothing to do here goes: said from the unit, not the refusal,
 * so a finished unit is called finished and a unit past this process is sent on. */
static int where_next(struct tui_app *a, char *buf, size_t n)
{
    const struct core_unit *u = &a->station.card.ans.unit;
    enum core_reason why = a->station.card.ans.next.why.code;
    int need;

    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED ||
        (why != CORE_R_ALREADY_PASSED && why != CORE_R_CONVERTED && why != CORE_R_WRONG_KIND))
        return 0;
    need = tui_routing(a) ? needed_process(tui_routing(a), u) : -1;
    if (need == 0)
        snprintf(buf, n, "%s", _("finished: every process PASSED. Pack it; nothing more here."));
    else if (need > a->process)
        snprintf(buf, n, _("past process %d: take it to process %d"), a->process, need);
    else
        return 0;
    return 1;
}

static void next_text(struct tui_app *a, char *buf, size_t n)
{
    const struct core_next *nx = &a->station.card.ans.next;
    const struct tui_card *c = &a->station.card;

    if (nx->action == CORE_ACT_VERIFY &&
        (c->label == TUI_LABEL_FAILED ||
         (c->label == TUI_LABEL_NONE && !c->ans.unit.label_printed))) {
        snprintf(buf, n, "%s", _("label NOT PRINTED: ask a supervisor to reprint (CMD:REPRINT)"));
        return;
    }
    if (nx->action == CORE_ACT_NONE && where_next(a, buf, n))
        return;
    switch (nx->action) {
    case CORE_ACT_START:
        snprintf(buf, n, _("scan to start process %d%s"), a->process,
                 nx->is_rework ? _(" (rework)") : "");
        break;
    case CORE_ACT_COMPLETE:
        snprintf(buf, n, "%s",
                 n_fields(a)           ? _("measurements, then CMD:OK / CMD:PASS / CMD:FAIL")
                 : is_first_process(a) ? _("scan its WIP ID to PASS, or CMD:FAIL")
                                       : _("scan again to PASS, or CMD:FAIL"));
        break;
    case CORE_ACT_CONVERT: snprintf(buf, n, "%s", _("scan it to convert to a serial")); break;
    case CORE_ACT_VERIFY: snprintf(buf, n, "%s", _("scan the printed serial label")); break;
    case CORE_ACT_DISPOSITION:
        snprintf(buf, n, "%s",
                 nx->rework_allowed ? _("supervisor: CMD:REWORK (^R) or CMD:SCRAP (^X)")
                                    : _("supervisor: CMD:SCRAP (^X); no more REWORK"));
        break;
    case CORE_ACT_NONE: tui_reason_text(&nx->why, a->ui.ko, buf, n); break;
    }
}

static void draw_card(struct tui_app *a, int y)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_routing *r = tui_routing(a);
    const struct tui_card *c = &a->station.card;
    const struct core_unit *u = &c->ans.unit;
    const char *label = label_text(a);
    char buf[600], part[400];

    snprintf(buf, sizeof buf, _("Unit    %-21s Lot %-15s Serial %s"), u->wip_id, u->lot_number,
             u->serial_number[0] ? u->serial_number : "-");
    tui_put(ui, y, 1, COLS - 2, buf, TUI_R_INPUT);
    where_text(u, part, sizeof part);
    tui_put(ui, y + 1, 1, 8, _("Status"), TUI_R_NORMAL);
    tui_put(ui, y + 1, 9, 14, status_text(u, &c->ans.next),
            c->ans.next.action == CORE_ACT_DISPOSITION || u->status == CORE_US_SCRAPPED ||
                    u->hold.active
                ? TUI_R_FAIL
                : TUI_R_PASS);
    tui_put(ui, y + 1, 24, COLS - 25, part, TUI_R_NORMAL);
    if (r)
        tui_history(r, u, ui->ascii, part, sizeof part);
    else
        part[0] = '\0'; /* the routing is not known yet: no marks */
    snprintf(buf, sizeof buf, _("History %s   Reworks %d/%d"), part, core_unit_rework_count(u),
             r ? r->max_rework : 3);
    if (label)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), _("   Label %s"), label);
    tui_put(ui, y + 2, 1, COLS - 2, buf, TUI_R_NORMAL);
    next_text(a, part, sizeof part);
    snprintf(buf, sizeof buf, _("Next    %s"), part);
    tui_put_clipped(ui, y + 3, 1, COLS - 2, buf, TUI_R_WARN); /* the message line has it all */
}

static void draw(struct tui_app *a, int top, int rows)
{
    const struct tui_ui *ui = &a->ui;
    int area = top + 6, arows = rows - 6;

    draw_context(a, top);
    if (has_card(a))
        draw_card(a, top + 1);
    else
        tui_put(ui, top + 2, 1, COLS - 2, _("No unit on the card."), TUI_R_DIM);
    tui_hline(ui, top + 5);
    if (tui_draw_banner(a, area, arows) > 0)
        return;
    if (picking(a))
        tui_picker_draw(ui, &a->station.pick, tui_process(a), area, arows);
    else if (form_open(a) || (has_card(a) && a->station.form.source == TUI_FORM_RIG_DONE))
        tui_form_draw(ui, &a->station.form, tui_process(a), area, arows);
}

static const char *prompt(struct tui_app *a)
{
    if (picking(a))
        return _("Defect");
    if (form_open(a) && !a->station.form.judged)
        return _("Value");
    return _("Scan");
}

static const char *keys(struct tui_app *a)
{
    (void)a;
    return _("^P PASS  ^F FAIL  ^O OK  Esc CANCEL  ^N NEW  ^R REWORK  ^X SCRAP  ^E REPRINT  "
             "^T TRACE  ^B BOARD  ^A MENU  ^Q LOGOUT   (or scan CMD:PASS, CMD:FAIL, CMD:OK ...)");
}

const struct tui_screen tui_station_screen = { draw, line, cmd, nav, prompt, keys, NULL };
