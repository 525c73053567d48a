/* tui/scr_super.c — supervisor screens: approval by a MANAGER or ADMIN badge + PIN at
 * this station, then one job: rework/scrap disposition, reprint, create lot, batch WIP
 * creation, close lot, switch process, the Quality screen, hold and release; for an
 * ADMIN quit, unlock a badge, a badge's new PIN (and the menu that leads to them). */
#include "tui/scr_super.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/auth.h"
#include "core/db.h"
#include "core/lot.h"
#include "core/hold.h"
#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

enum step {
    S_DONE,
    S_MENU,
    S_REASON,
    S_LINE,
    S_MODEL,
    S_TARGET,
    S_LOT,
    S_COUNT,
    S_PROCESS,
    S_UNIT,
    S_BADGE,
    S_NEWPIN,
    S_NEWPIN2,
    S_CONFIRM,
    S_HELD /* the unit or lot held or released: val[KEY] */
};

#define KEY 2 /* the value slot of S_HELD: the reason, after it, is slot 0 */

static const enum step steps[][5] = {
    [TUI_JOB_NONE] = { S_DONE },
    [TUI_JOB_MENU] = { S_MENU, S_DONE },
    [TUI_JOB_REWORK] = { S_REASON, S_DONE },
    [TUI_JOB_SCRAP] = { S_REASON, S_DONE },
    [TUI_JOB_REPRINT] = { S_UNIT, S_REASON, S_DONE },
    [TUI_JOB_LOT] = { S_LINE, S_MODEL, S_TARGET, S_DONE },
    [TUI_JOB_BATCH] = { S_LOT, S_COUNT, S_DONE },
    [TUI_JOB_CLOSE] = { S_LOT, S_DONE },
    [TUI_JOB_SWITCH] = { S_PROCESS, S_DONE },
    [TUI_JOB_QUALITY] = { S_DONE },
    [TUI_JOB_HOLD] = { S_HELD, S_REASON, S_DONE },
    [TUI_JOB_RELEASE] = { S_HELD, S_REASON, S_DONE },
    [TUI_JOB_QUIT] = { S_DONE },
    /* the ADMIN's PIN again last: the database checks it in the same call as the change */
    [TUI_JOB_UNLOCK] = { S_BADGE, S_CONFIRM, S_DONE },
    [TUI_JOB_SETPIN] = { S_BADGE, S_NEWPIN, S_NEWPIN2, S_CONFIRM, S_DONE },
};

static const char *const job_names[] = {
    "",
    N_("Supervisor menu"),
    N_("REWORK decision"),
    N_("SCRAP decision"),
    N_("Reprint label"),
    N_("Create lot"),
    N_("Create WIPs in a batch"),
    N_("Close lot"),
    N_("Switch process"),
    N_("Quality: first-pass yield and defects"),
    N_("HOLD a unit or lot (quarantine)"),
    N_("RELEASE a hold"),
    N_("Quit the station (ADMIN)"),
    N_("Unlock a badge (ADMIN)"),
    N_("New PIN for a badge (ADMIN)"),
};

/* Menu entries, in order (1..n); those after the first MENU_ALL only for an ADMIN. */
static const enum tui_job menu_jobs[] = { TUI_JOB_REPRINT, TUI_JOB_LOT,     TUI_JOB_BATCH,
                                          TUI_JOB_CLOSE,   TUI_JOB_SWITCH,  TUI_JOB_QUALITY,
                                          TUI_JOB_HOLD,    TUI_JOB_RELEASE, TUI_JOB_QUIT,
                                          TUI_JOB_UNLOCK,  TUI_JOB_SETPIN };
#define MENU_ALL 8

static int menu_len(const struct tui_app *a)
{
    int n = (int)(sizeof menu_jobs / sizeof menu_jobs[0]);
    return a->flow.approver.role == CORE_ROLE_ADMIN ? n : MENU_ALL;
}

static const char *const reasons[][4] = {
    [TUI_JOB_REWORK] = { N_("Re-test after adjustment"), N_("Part replaced"),
                         N_("Measurement error, measure again"), N_("Operator error") },
    [TUI_JOB_SCRAP] = { N_("Cannot be repaired"), N_("Damaged"), N_("Rework limit reached"),
                        N_("Part not available") },
    [TUI_JOB_REPRINT] = { N_("Label damaged"), N_("Label not printed"), N_("Label lost"),
                          N_("Printer jam") },
    [TUI_JOB_HOLD] = { N_("Suspect component lot"), N_("Customer complaint"),
                       N_("Measurement in doubt"), N_("Quality audit") },
    [TUI_JOB_RELEASE] = { N_("Checked: no defect"), N_("Component lot cleared"),
                          N_("Held by mistake"), N_("Released by quality engineering") },
};

static enum step cur(const struct tui_app *a)
{
    return steps[a->flow.job][a->flow.step];
}

static int is_supervisor(enum core_role r)
{
    return r == CORE_ROLE_MANAGER || r == CORE_ROLE_ADMIN;
}

#define APPROVAL_MS 60000 /* a supervisor's approval serves further jobs for a minute */

/* Forgets the job, keeps the approval's session. */
static void clear_flow(struct tui_app *a)
{
    struct core_actor s = a->flow.session;
    long s_ms = a->flow.session_ms;
    char s_badge[sizeof a->flow.session_badge];

    memcpy(s_badge, a->flow.session_badge, sizeof s_badge);
    memset(&a->flow, 0, sizeof a->flow);
    a->flow.session = s;
    a->flow.session_ms = s_ms;
    memcpy(a->flow.session_badge, s_badge, sizeof s_badge);
}

/* Approved by the session's supervisor (approved a moment ago at this station). */
static void approved_before(struct tui_app *a)
{
    a->flow.approved = 1;
    a->flow.approver = a->flow.session;
    memcpy(a->flow.approver_badge, a->flow.session_badge, sizeof a->flow.approver_badge);
}

static void end_flow(struct tui_app *a)
{
    enum tui_scr back = a->flow.back;
    clear_flow(a);
    tui_go(a, back == TUI_SCR_SUPER ? TUI_SCR_STATION : back);
}

/* A job's first step; the values default to the station's lot where they can. */
static void begin_job(struct tui_app *a, enum tui_job job)
{
    const struct core_lot *lot = tui_station_lot(a);

    a->flow.job = job;
    a->flow.step = 0;
    memset(a->flow.val, 0, sizeof a->flow.val);
    if (job == TUI_JOB_LOT && lot) {
        snprintf(a->flow.val[0], sizeof a->flow.val[0], "%s", lot->line_code);
        snprintf(a->flow.val[1], sizeof a->flow.val[1], "%s", lot->model_code);
    }
    if (job == TUI_JOB_LOT)
        snprintf(a->flow.val[2], sizeof a->flow.val[2], "100");
    if (job == TUI_JOB_LOT && !a->flow.have_codes && tui_db_online(a)) {
        struct stn_err err;
        a->flow.have_codes = core_lot_codes_get(a->db, &a->flow.codes, &err) == STN_OK;
    }
    if ((job == TUI_JOB_BATCH || job == TUI_JOB_CLOSE) && lot)
        snprintf(a->flow.val[0], sizeof a->flow.val[0], "%s", lot->lot_number);
    if ((job == TUI_JOB_HOLD || job == TUI_JOB_RELEASE) && tui_station_card(a))
        snprintf(a->flow.val[KEY], sizeof a->flow.val[KEY], "%s", tui_station_card(a)->key);
}

void tui_flow_reset(struct tui_app *a)
{
    memset(&a->flow, 0, sizeof a->flow);
}

void tui_flow_start(struct tui_app *a, enum tui_job job)
{
    enum tui_scr back = a->scr == TUI_SCR_SUPER ? a->flow.back : a->scr;

    clear_flow(a);
    a->flow.back = back;
    if (is_supervisor(a->actor.role)) { /* the supervisor is the one logged in */
        a->flow.approved = 1;
        a->flow.approver = a->actor;
        snprintf(a->flow.approver_badge, sizeof a->flow.approver_badge, "%s", a->user.badge);
    } else if (job == TUI_JOB_MENU && a->flow.session_ms &&
               a->now_ms - a->flow.session_ms < APPROVAL_MS) {
        /* the menu approved a moment ago: no second badge and PIN. A REWORK or SCRAP
         * decision always takes the badge: it is a decision about one unit. */
        approved_before(a);
    }
    begin_job(a, job);
    tui_banner_clear(a);
    tui_go(a, TUI_SCR_SUPER);
    tui_msg(a, TUI_MSG_INFO, "%s",
            a->flow.approved ? _("Supervisor: follow the prompts. Esc cancels.")
                             : _("Supervisor approval: scan a MANAGER or ADMIN badge."));
}

/* ---- approval -------------------------------------------------------------------------- */
static void approved(struct tui_app *a, const struct core_user *u)
{
    struct core_actor *ap = &a->flow.approver;

    *ap = a->actor;
    ap->user_id = u->id;
    ap->role = u->role;
    snprintf(ap->name, sizeof ap->name, "%s", u->full_name);
    a->flow.approved = 1;
    a->flow.session = *ap;
    a->flow.session_ms = a->now_ms;
    snprintf(a->flow.approver_badge, sizeof a->flow.approver_badge, "%s", a->flow.badge);
    snprintf(a->flow.session_badge, sizeof a->flow.session_badge, "%s", a->flow.badge);
    memset(a->flow.badge, 0, sizeof a->flow.badge);
    tui_log("approval by %s (%s) at %s", u->username, core_role_name(u->role), ap->station_id);
    tui_msg(a, TUI_MSG_OK, _("Approved by %s (%s)."), u->full_name, core_role_name(u->role));
}

static void approval_pin(struct tui_app *a, const char *pin)
{
    struct core_user u;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_online(a, a->flow.badge))
        return;
    rc = core_auth_login(a->db, a->flow.badge, *pin ? pin : NULL, a->actor.station_id, 1, &u, &why,
                         &err);
    tui_check_db(a, rc);
    if (rc == STN_OK && is_supervisor(u.role)) {
        approved(a, &u);
        return;
    }
    if (rc == STN_OK)
        core_refuse(&why, CORE_R_ROLE, 0, NULL, NULL, NULL);
    tui_refusal_msg(a, &why);
    if (rc != STN_E_AUTH) { /* locked, not a supervisor: scan another badge */
        a->flow.badge[0] = '\0';
    }
}

static void approval_line(struct tui_app *a, const char *text, const struct core_scan *sc)
{
    if (a->flow.badge[0]) {
        if (sc && sc->kind == CORE_SCAN_BADGE && !strcmp(sc->text, a->flow.badge))
            tui_msg(a, TUI_MSG_WARN, _("Badge %s: type the PIN, then Enter."), a->flow.badge);
        else
            approval_pin(a, text);
        return;
    }
    if (!sc || sc->kind != CORE_SCAN_BADGE) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Scan a MANAGER or ADMIN badge (Esc cancels)."));
        beep();
        return;
    }
    snprintf(a->flow.badge, sizeof a->flow.badge, "%.32s", sc->text);
    tui_msg(a, TUI_MSG_INFO, _("Badge %s: type the PIN, then Enter."), sc->text);
}

/* ---- the jobs ----------------------------------------------------------------------------- */
/* The unit on the station's card, parsed as the scan that addresses it. */
static const struct tui_card *card_scan(struct tui_app *a, struct core_scan *sc)
{
    const struct tui_card *c = tui_station_card(a);

    return c && tui_parse(a, c->key, sc) == CORE_SCAN_WHY_OK ? c : NULL;
}

static void run_dispose(struct tui_app *a)
{
    enum core_decision d = a->flow.job == TUI_JOB_REWORK ? CORE_DEC_REWORK : CORE_DEC_SCRAP;
    const struct tui_card *c;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    enum stn_code rc;

    if (!(c = card_scan(a, &sc)) || !tui_online(a, c->key))
        return;
    rc = core_unit_dispose(a->db, &a->flow.approver, &sc, d, a->flow.val[0], &ans, &why, &err);
    tui_check_db(a, rc);
    if (ans.found)
        tui_station_set_card(a, &ans);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        return;
    }
    if (d == CORE_DEC_REWORK)
        tui_msg(a, TUI_MSG_OK, _("REWORK approved by %s for %s: scan it at process %d again."),
                a->flow.approver.name, c->key,
                c->ans.next.hold_process ? c->ans.next.hold_process : a->process);
    else
        tui_msg(a, TUI_MSG_WARN, _("%s SCRAPPED by %s: put it in the scrap bin."), c->key,
                a->flow.approver.name);
}

/* The label of the unit on the card; the station's card follows its state. */
/* A reprint's lot, when a LOT was scanned instead of a unit (the reason is val[0]). */
#define REPRINT_LOT 3

/* What a lot's label needs. */
static void lot_label(const struct core_lot *l, struct core_label_data *d)
{
    memset(d, 0, sizeof *d);
    d->lot_pk = l->id;
    snprintf(d->lot, sizeof d->lot, "%s", l->lot_number);
    snprintf(d->model_code, sizeof d->model_code, "%s", l->model_code);
    snprintf(d->model_name, sizeof d->model_name, "%s", l->model_name);
    snprintf(d->production_date, sizeof d->production_date, "%s", l->production_date);
}

static void reprint_lot(struct tui_app *a, const char *lot_number)
{
    struct core_label_data ld;
    struct core_lot lot;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_online(a, lot_number))
        return;
    rc = core_lot_get(a->db, lot_number, &lot, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_msg(a, TUI_MSG_ERROR, _("Lot %s: %s"), lot_number, err.msg);
        return;
    }
    lot_label(&lot, &ld);
    if (tui_printjobs_submit(a, CORE_LABEL_LOT, &ld, &a->flow.approver, a->flow.val[0]) == 0)
        tui_msg(a, TUI_MSG_OK, _("Reprint of lot %s submitted (approved by %s)."), lot.lot_number,
                a->flow.approver.name);
}

static void run_reprint(struct tui_app *a)
{
    const struct tui_card *c = tui_station_card(a);
    const struct core_unit *u;
    struct core_label_data ld;
    enum core_label_type t;

    if (a->flow.val[REPRINT_LOT][0]) {
        reprint_lot(a, a->flow.val[REPRINT_LOT]);
        return;
    }
    if (!c || !tui_online(a, c->key))
        return;
    u = &c->ans.unit;
    t = u->serial_number[0] ? CORE_LABEL_SERIAL : CORE_LABEL_WIP;
    core_label_from_unit(u, &ld);
    if (tui_printjobs_submit(a, t, &ld, &a->flow.approver, a->flow.val[0]) == 0)
        tui_msg(a, TUI_MSG_OK, _("Reprint of %s submitted (approved by %s)."),
                t == CORE_LABEL_SERIAL ? u->serial_number : u->wip_id, a->flow.approver.name);
}

static void run_lot(struct tui_app *a)
{
    struct core_label_data ld;
    struct core_lot lot;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_online(a, a->flow.val[0]))
        return;
    rc = core_lot_create(a->db, &a->flow.approver, a->flow.val[0], a->flow.val[1], NULL,
                         atoi(a->flow.val[2]), &lot, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        return;
    }
    tui_msg(a, TUI_MSG_OK, _("Lot %s created (target %d)."), lot.lot_number, lot.target);
    tui_log("lot %s created by %s", lot.lot_number, a->flow.approver.name);
    if (a->process == (tui_routing(a) ? tui_routing(a)->first_number : 1)) {
        tui_station_set_lot(a, &lot);
        tui_station_reset(a);
    }
    lot_label(&lot, &ld); /* the lot's label, as a WIP's follows its creation */
    tui_printjobs_submit(a, CORE_LABEL_LOT, &ld, &a->flow.approver, NULL);
}

/* The station's lot read again when it is lot_number (NULL when it cannot be read). */
static void refresh_lot(struct tui_app *a, const char *lot_number)
{
    const struct core_lot *cur = tui_station_lot(a);
    struct core_lot lot;
    struct stn_err err;

    if (!cur || strcmp(cur->lot_number, lot_number))
        return;
    tui_station_set_lot(a, core_lot_get(a->db, lot_number, &lot, &err) == STN_OK ? &lot : NULL);
}

static void run_lot_job(struct tui_app *a)
{
    struct core_label_data *labels = NULL;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;
    int n = atoi(a->flow.val[1]), first = 0;

    if (!tui_online(a, a->flow.val[0]))
        return;
    if (a->flow.job == TUI_JOB_BATCH) {
        labels = xcalloc((size_t)(n > 0 ? n : 1), sizeof *labels);
        rc = core_wip_batch_create(a->db, &a->flow.approver, a->flow.val[0], n, &first, labels,
                                   &why, &err);
    } else {
        rc = core_lot_close(a->db, &a->flow.approver, a->flow.val[0], &why, &err);
    }
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        free(labels);
        return;
    }
    if (a->flow.job == TUI_JOB_BATCH) {
        tui_msg(a, TUI_MSG_OK,
                _("%d WIPs created in lot %s: W%04d to W%04d; their labels "
                  "print in this order."),
                n, a->flow.val[0], first, first + n - 1);
        tui_printjobs_queue(a, CORE_LABEL_WIP, labels, n, &a->flow.approver);
    } else {
        tui_msg(a, TUI_MSG_OK, _("Lot %s closed."), a->flow.val[0]);
    }
    free(labels);
    refresh_lot(a, a->flow.val[0]);
}

/* An ADMIN's unlock or new PIN: the database checks the ADMIN's badge and PIN (typed again
 * as the last step) in the same call as the change. */
static void run_admin(struct tui_app *a)
{
    int setpin = a->flow.job == TUI_JOB_SETPIN;
    const char *badge = a->flow.val[0], *pin = a->flow.val[setpin ? 3 : 1];
    struct core_station_admin out;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_online(a, badge))
        return;
    if (setpin)
        rc = core_auth_station_pin(a->db, a->flow.approver_badge, pin, a->actor.station_id, badge,
                                   a->flow.val[1], &out, &why, &err);
    else
        rc = core_auth_station_unlock(a->db, a->flow.approver_badge, pin, a->actor.station_id,
                                      badge, &out, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        return;
    }
    tui_log("%s %s by %s",
            setpin        ? "new PIN for"
            : out.changed ? "unlocked"
                          : "not locked:",
            badge, out.admin_name);
    if (setpin)
        tui_msg(a, TUI_MSG_OK, _("New PIN for %s (%s) set by %s."), badge, out.badge_name,
                out.admin_name);
    else if (out.changed)
        tui_msg(a, TUI_MSG_OK, _("Badge %s (%s) unlocked by %s: it may log in again."), badge,
                out.badge_name, out.admin_name);
    else
        tui_msg(a, TUI_MSG_INFO, _("Badge %s (%s) was not locked."), badge, out.badge_name);
}

/* Holds or releases the unit or lot of val[KEY]; the station's card follows. */
static void run_hold(struct tui_app *a)
{
    int hold = a->flow.job == TUI_JOB_HOLD;
    const char *key = a->flow.val[KEY];
    struct core_hold_done done;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_online(a, key))
        return;
    rc = hold ? core_hold_place(a->db, &a->flow.approver, key, a->flow.val[0], &done, &why, &err)
              : core_hold_release(a->db, &a->flow.approver, key, a->flow.val[0], &done, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal(a, &why);
        return;
    }
    tui_log("%s %s by %s: %s", hold ? "hold" : "release", done.target, a->flow.approver.name,
            a->flow.val[0]);
    if (hold && done.on_lot)
        tui_msg(a, TUI_MSG_WARN, _("Lot %s HELD by %s: its %ld unfinished units are stopped."),
                done.target, a->flow.approver.name, done.units);
    else if (hold)
        tui_msg(a, TUI_MSG_WARN, _("%s HELD by %s: set it aside."), done.target,
                a->flow.approver.name);
    else
        tui_msg(a, TUI_MSG_OK, _("%s released by %s: it may be worked again."), done.target,
                a->flow.approver.name);
    tui_station_reload(a);
}

static void run(struct tui_app *a)
{
    struct tui_flow f = a->flow;
    enum tui_job job = (enum tui_job)f.job;

    end_flow(a);
    a->flow = f; /* the runners read the flow's values */
    switch (job) {
    case TUI_JOB_REWORK:
    case TUI_JOB_SCRAP: run_dispose(a); break;
    case TUI_JOB_REPRINT: run_reprint(a); break;
    case TUI_JOB_LOT: run_lot(a); break;
    case TUI_JOB_BATCH:
    case TUI_JOB_CLOSE: run_lot_job(a); break;
    case TUI_JOB_SWITCH:
        tui_set_process(a, atoi(a->flow.val[0]));
        tui_msg(a, TUI_MSG_OK, _("This station now works process %d."), a->process);
        break;
    case TUI_JOB_UNLOCK:
    case TUI_JOB_SETPIN: run_admin(a); break;
    case TUI_JOB_HOLD:
    case TUI_JOB_RELEASE: run_hold(a); break;
    case TUI_JOB_QUALITY: tui_quality_open(a); break;
    case TUI_JOB_MENU:
    case TUI_JOB_QUIT:
    case TUI_JOB_NONE: break;
    }
    clear_flow(a);
    memset(&f, 0, sizeof f); /* PINs typed in the flow */
}

/* ---- steps ------------------------------------------------------------------------------- */
static void advance(struct tui_app *a)
{
    a->flow.step++;
    if (cur(a) == S_DONE)
        run(a);
    else
        tui_msg(a, TUI_MSG_INFO, "%s", _("Next step."));
}

/* A whole number in lo..hi typed on the line, or -1. */
static int number(const char *text, int lo, int hi)
{
    char *end;
    long n = strtol(text, &end, 10);
    return *text && !*end && n >= lo && n <= hi ? (int)n : -1;
}

static int process_active(struct tui_app *a, int n)
{
    const struct core_routing *r = tui_routing(a);
    const struct core_process *p = r ? core_routing_find(r, n) : NULL;
    return p && p->active;
}

/* Under the kiosk shell (station-shell sets WIPSTATION_KIOSK) the program is the
 * account's whole session, which the shell would only start again: there the quit job
 * logs out and leaves the station at its badge prompt. */
static void quit_station(struct tui_app *a)
{
    const char *kiosk = getenv("WIPSTATION_KIOSK");

    tui_log("quit requested by %s (ADMIN)", a->flow.approver.name);
    end_flow(a);
    if (kiosk && *kiosk) {
        tui_logout(a, _("Logged out. This kiosk station keeps running: scan a badge."));
        return;
    }
    a->quit = 1;
}

static void pick_menu(struct tui_app *a, const char *text)
{
    int n = number(text, 1, menu_len(a));
    if (n < 0) {
        tui_msg(a, TUI_MSG_WARN, _("Type a number from 1 to %d, then Enter."), menu_len(a));
        return;
    }
    if (menu_jobs[n - 1] == TUI_JOB_QUIT) {
        quit_station(a);
        return;
    }
    a->flow.from_menu = 1;
    begin_job(a, menu_jobs[n - 1]);
    tui_msg(a, TUI_MSG_INFO, "%s", _(job_names[a->flow.job]));
    if (cur(a) == S_DONE) /* a job without steps: the Quality screen */
        run(a);
}

static void pick_reason(struct tui_app *a, const char *text, const struct core_scan *sc)
{
    int n = number(text, 1, 4);
    char typed[CORE_SCAN_MAX + 1];

    if (n > 0) {
        snprintf(a->flow.val[0], sizeof a->flow.val[0], "%s", reasons[a->flow.job][n - 1]);
    } else if (sc && strlen(sc->text) >= 3) {
        tui_typed_value(text, sc, typed, sizeof typed);
        snprintf(a->flow.val[0], sizeof a->flow.val[0], "%s", typed);
    } else {
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("Choose a reason (1-4) or type one (3 characters or "
                  "more), then Enter."));
        return;
    }
    advance(a);
}

/* A value that may default to what is already in the slot. */
static void take(struct tui_app *a, const char *value, int ok)
{
    char *slot = a->flow.val[a->flow.step];
    if (*value)
        snprintf(slot, sizeof a->flow.val[0], "%s", value);
    if (!ok || !*slot) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("That value is not accepted here. Try again."));
        slot[0] = '\0';
        beep();
        return;
    }
    advance(a);
}

/* A line or model code, checked as typed against the codes the database knows. */
static void take_code(struct tui_app *a, const char *v)
{
    const struct core_lot_codes *k = &a->flow.codes;
    int is_line = cur(a) == S_LINE, n = is_line ? k->n_lines : k->n_models;
    const char *have = *v ? v : a->flow.val[a->flow.step];

    if (!a->flow.have_codes || n == 0) {
        take(a, v, 1); /* not read: core checks them at the end */
        return;
    }
    for (int i = 0; i < n; i++) {
        if (!strcmp(have, is_line ? k->lines[i] : k->models[i])) {
            take(a, v, 1);
            return;
        }
    }
    tui_msg(a, TUI_MSG_WARN,
            is_line ? _("%s is not a production line code: choose one listed.")
                    : _("%s is not a model code: choose one listed."),
            *have ? have : "-");
    beep();
}

/* The unit whose label is reprinted, looked up read-only onto the card. */
static void pick_unit(struct tui_app *a, const struct core_scan *sc)
{
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    a->flow.val[REPRINT_LOT][0] = '\0';
    if (!sc && tui_station_card(a)) { /* Enter alone: the unit on the card */
        advance(a);
        return;
    }
    if ((sc && sc->kind == CORE_SCAN_LOT) || (!sc && tui_station_lot(a))) { /* a lot's label */
        snprintf(a->flow.val[REPRINT_LOT], sizeof a->flow.val[0], "%s",
                 sc ? sc->text : tui_station_lot(a)->lot_number);
        advance(a);
        return;
    }
    if (!sc || (sc->kind != CORE_SCAN_WIP && sc->kind != CORE_SCAN_SERIAL)) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Scan the WIP ID or serial of the unit, or a LOT."));
        return;
    }
    if (!tui_online(a, sc->text))
        return;
    rc = core_unit_look(a->db, &a->actor, sc, &ans, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_refusal_msg(a, &why);
        return;
    }
    tui_station_set_card(a, &ans);
    advance(a);
}

/* The new PIN, typed twice (hidden); a mismatch starts the pair again. */
static void pick_pin(struct tui_app *a, const char *text)
{
    if (!core_pin_valid(text)) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("A PIN is 4 to 12 digits. Type it again."));
        beep();
        return;
    }
    if (cur(a) == S_NEWPIN2 && strcmp(text, a->flow.val[1])) {
        memset(a->flow.val[1], 0, sizeof a->flow.val[1]);
        a->flow.step--;
        tui_msg(a, TUI_MSG_WARN, "%s", _("The two PINs differ. Type the new PIN again."));
        beep();
        return;
    }
    snprintf(a->flow.val[a->flow.step], sizeof a->flow.val[0], "%s", text);
    advance(a);
}

/* What is held or released: a scanned WIP ID, serial or LOT, or (Enter) the unit on the
 * card. */
static void pick_held(struct tui_app *a, const struct core_scan *sc)
{
    if (sc &&
        (sc->kind == CORE_SCAN_WIP || sc->kind == CORE_SCAN_SERIAL || sc->kind == CORE_SCAN_LOT))
        snprintf(a->flow.val[KEY], sizeof a->flow.val[KEY], "%s", sc->text);
    else if (sc || !a->flow.val[KEY][0]) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Scan the WIP ID, serial or LOT (Esc cancels)."));
        beep();
        return;
    }
    advance(a);
}

static void step_line(struct tui_app *a, const char *text, const struct core_scan *sc)
{
    const char *v = sc ? sc->text : "";

    switch (cur(a)) {
    case S_MENU: pick_menu(a, text); break;
    case S_REASON: pick_reason(a, text, sc); break;
    case S_LINE:
    case S_MODEL: take_code(a, v); break;
    case S_TARGET: take(a, v, !*v || number(v, 1, 200) > 0); break;
    case S_LOT: take(a, v, !sc || sc->kind == CORE_SCAN_LOT); break;
    case S_COUNT: take(a, v, number(v, 1, 200) > 0); break;
    case S_PROCESS: take(a, v, number(v, 1, 99) > 0 && process_active(a, atoi(v))); break;
    case S_UNIT: pick_unit(a, sc); break;
    case S_BADGE: take(a, v, sc && sc->kind == CORE_SCAN_BADGE); break;
    case S_NEWPIN:
    case S_NEWPIN2: pick_pin(a, text); break;
    case S_CONFIRM:
        snprintf(a->flow.val[a->flow.step], sizeof a->flow.val[0], "%s", text);
        advance(a);
        break;
    case S_HELD: pick_held(a, sc); break;
    case S_DONE: break;
    }
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    (void)why;
    if (a->flow.approved && cur(a) == S_MENU && sc && sc->kind == CORE_SCAN_BADGE &&
        number(text, 1, 99) < 0 && !is_supervisor(a->actor.role)) {
        a->flow.approved = 0; /* a badge at the menu: that supervisor approves anew */
    }
    if (!a->flow.approved) {
        if (*text)
            approval_line(a, text, sc);
        return;
    }
    step_line(a, text, sc);
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    (void)arg;
    if (c == CORE_CMD_CANCEL && a->flow.from_menu && a->flow.approved &&
        a->now_ms - a->flow.session_ms < APPROVAL_MS) {
        enum tui_scr back = a->flow.back;
        clear_flow(a); /* back to the menu, still approved */
        a->flow.back = back;
        approved_before(a);
        begin_job(a, TUI_JOB_MENU);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Cancelled: back to the menu. Esc again: the station."));
    } else if (c == CORE_CMD_CANCEL) {
        end_flow(a);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Cancelled."));
    } else if (c == CORE_CMD_OK && a->flow.approved) {
        step_line(a, "", NULL);
    } else {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Finish this step, or cancel it with Esc / CMD:CANCEL."));
        beep();
    }
}

/* ---- drawing ----------------------------------------------------------------------------- */
static void draw_subject(struct tui_app *a, int y)
{
    const struct tui_ui *ui = &a->ui;
    const struct tui_card *c = tui_station_card(a);
    const struct core_attempt *hold = c ? core_unit_on_hold(&c->ans.unit) : NULL;
    const char *key = c ? c->key : "";
    char buf[300];

    if ((a->flow.job == TUI_JOB_UNLOCK || a->flow.job == TUI_JOB_SETPIN) && a->flow.val[0][0]) {
        snprintf(buf, sizeof buf, _("Badge %s"), a->flow.val[0]);
        tui_put(ui, y, 2, COLS - 4, buf, TUI_R_INPUT);
        return;
    }
    if (a->flow.job != TUI_JOB_REWORK && a->flow.job != TUI_JOB_SCRAP &&
        a->flow.job != TUI_JOB_REPRINT)
        return;
    if (a->flow.job == TUI_JOB_REPRINT && a->flow.val[REPRINT_LOT][0])
        snprintf(buf, sizeof buf, _("Lot %s"), a->flow.val[REPRINT_LOT]);
    else if (hold)
        snprintf(buf, sizeof buf, _("Unit %s: FAIL at process %d (%s), reworks %d"), key,
                 hold->process, hold->defect, core_unit_rework_count(&c->ans.unit));
    else
        snprintf(buf, sizeof buf, _("Unit %s"), key);
    tui_put(ui, y, 2, COLS - 4, buf, TUI_R_INPUT);
}

static void draw_list(struct tui_app *a, int y, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_routing *r = tui_routing(a);
    char buf[200];
    int n = 0;

    if (cur(a) == S_MENU) {
        int w = menu_len(a) >= 10 ? 2 : 1; /* the entries' words start in one column */

        for (int i = 0; i < menu_len(a) && n < rows; i++, n++) {
            snprintf(buf, sizeof buf, "%*d  %s", w, i + 1, _(job_names[menu_jobs[i]]));
            tui_put(ui, y + n, 4, COLS - 8, buf, TUI_R_NORMAL);
        }
    } else if (cur(a) == S_REASON) {
        for (int i = 0; i < 4 && n < rows; i++, n++) {
            snprintf(buf, sizeof buf, "%d  %s", i + 1, _(reasons[a->flow.job][i]));
            tui_put(ui, y + n, 4, COLS - 8, buf, TUI_R_NORMAL);
        }
    } else if (cur(a) == S_PROCESS && r) {
        for (int i = 0; i < r->n && n < rows; i++) {
            if (!r->p[i].active)
                continue;
            snprintf(buf, sizeof buf, "%d  %s", r->p[i].number, tui_process_name(ui, &r->p[i]));
            tui_put(ui, y + n++, 4, COLS - 8, buf,
                    r->p[i].number == a->process ? TUI_R_FOCUS : TUI_R_NORMAL);
        }
    }
}

static const char *step_text(struct tui_app *a)
{
    switch (cur(a)) {
    case S_MENU: return _("Choose (number + Enter):");
    case S_REASON: return _("Reason: choose (number + Enter) or type it:");
    case S_LINE: return _("Production line code (4 characters), then Enter:");
    case S_MODEL: return _("Model code, then Enter:");
    case S_TARGET: return _("Target quantity 1-200, then Enter:");
    case S_LOT: return _("Scan the LOT:");
    case S_COUNT: return _("How many WIPs (1-200)? Then Enter:");
    case S_PROCESS: return _("Process number, then Enter:");
    case S_UNIT: return _("Scan the WIP ID, serial or LOT whose label is reprinted:");
    case S_BADGE: return _("Scan the badge (or type it), then Enter:");
    case S_NEWPIN: return _("New PIN, 4 to 12 digits (hidden), then Enter:");
    case S_NEWPIN2: return _("The same new PIN again (hidden), then Enter:");
    case S_CONFIRM: return _("ADMIN: your PIN again to confirm (hidden), then Enter:");
    case S_HELD:
        return a->flow.job == TUI_JOB_HOLD ? _("Scan the WIP ID, serial or LOT to hold:")
                                           : _("Scan the WIP ID, serial or LOT to release:");
    case S_DONE: break;
    }
    return "";
}

static void draw(struct tui_app *a, int top, int rows)
{
    const struct tui_ui *ui = &a->ui;
    char buf[300];
    const char *dflt = a->flow.val[a->flow.step];

    tui_put(ui, top + 1, 2, COLS - 4, _(job_names[a->flow.job]), TUI_R_TITLE);
    if (tui_draw_banner(a, top + 3, rows - 3) > 0)
        return;
    draw_subject(a, top + 2);
    if (!a->flow.approved) {
        if (a->flow.badge[0])
            snprintf(buf, sizeof buf, _("Supervisor %s: type the PIN (hidden), then Enter."),
                     a->flow.badge);
        else
            snprintf(buf, sizeof buf, "%s",
                     _("Needs a supervisor: scan a MANAGER or ADMIN "
                       "badge."));
        tui_put(ui, top + 4, 2, COLS - 4, buf, TUI_R_WARN);
        return;
    }
    snprintf(buf, sizeof buf, _("Approved by %s (%s)"), a->flow.approver.name,
             core_role_name(a->flow.approver.role));
    tui_put(ui, top + 3, 2, COLS - 4, buf, TUI_R_PASS);
    /* the menu has no default line: its prompt and list start higher, so that an ADMIN's
     * whole menu fits at 24 rows */
    tui_put(ui, top + (cur(a) == S_MENU ? 4 : 5), 2, COLS - 4, step_text(a), TUI_R_INPUT);
    if (cur(a) == S_UNIT && tui_station_card(a))
        dflt = tui_station_card(a)->key;
    else if (cur(a) == S_UNIT && tui_station_lot(a)) /* process 1 between units: its lot */
        dflt = tui_station_lot(a)->lot_number;
    if (cur(a) == S_HELD)
        dflt = a->flow.val[KEY];
    if (*dflt && (cur(a) == S_LINE || cur(a) == S_MODEL || cur(a) == S_TARGET || cur(a) == S_LOT ||
                  cur(a) == S_UNIT || cur(a) == S_HELD)) {
        snprintf(buf, sizeof buf, _("Enter alone keeps: %s"), dflt);
        tui_put(ui, top + 6, 4, COLS - 8, buf, TUI_R_DIM);
    }
    if ((cur(a) == S_LINE || cur(a) == S_MODEL) && a->flow.have_codes) {
        const struct core_lot_codes *k = &a->flow.codes;
        int n = cur(a) == S_LINE ? k->n_lines : k->n_models;
        size_t o = (size_t)snprintf(buf, sizeof buf, "%s", _("Valid codes:"));
        for (int i = 0; i < n && o < sizeof buf; i++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "  %s",
                                  cur(a) == S_LINE ? k->lines[i] : k->models[i]);
        tui_put_wrapped(ui, top + 7, 4, COLS - 8, 2, buf, TUI_R_NORMAL);
        return;
    }
    if (cur(a) == S_MENU)
        draw_list(a, top + 5, rows - 5);
    else
        draw_list(a, top + 7, rows - 8);
}

static const char *prompt(struct tui_app *a)
{
    static const char *const names[] = { "",          N_("Choice"),    N_("Reason"),
                                         N_("Line"),  N_("Model"),     N_("Target"),
                                         N_("Lot"),   N_("Count"),     N_("Process"),
                                         N_("Unit"),  N_("Badge"),     N_("New PIN"),
                                         N_("Again"), N_("ADMIN PIN"), N_("Unit or lot") };
    if (!a->flow.approved)
        return a->flow.badge[0] ? _("PIN") : _("Badge");
    return _(names[cur(a)]);
}

/* The approver's PIN is typed after the badge; an ADMIN's job's PINs are typed hidden too. */
static int masked(struct tui_app *a)
{
    return a->flow.badge[0] != '\0' ||
           (a->flow.approved && (cur(a) == S_NEWPIN || cur(a) == S_NEWPIN2 || cur(a) == S_CONFIRM));
}

static const char *keys(struct tui_app *a)
{
    (void)a;
    return _("Enter: confirm | Esc / CMD:CANCEL: cancel | CMD:OK: keep the shown value");
}

const struct tui_screen tui_super_screen = { draw, line, cmd, NULL, prompt, keys, masked };
