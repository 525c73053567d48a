/* tui/scr_login.c — login: scan a badge, then type the PIN when core asks for one. */
#include "tui/scr_login.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

void tui_login_reset(struct tui_app *a)
{
    a->login.pin = 0;
    memset(a->login.badge, 0, sizeof a->login.badge);
}

static void welcome(struct tui_app *a, const struct core_user *u)
{
    tui_session_reload_routing(a);
    tui_login_reset(a);
    tui_log_in(a, u);
    tui_msg(a, TUI_MSG_OK, _("Logged in: %s (%s)."), u->full_name, core_role_name(u->role));
    tui_log("login %s (%s) at %s", u->username, core_role_name(u->role), a->actor.station_id);
}

static void login(struct tui_app *a, const char *badge, const char *pin)
{
    struct core_user u;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc = core_auth_login(a->db, badge, pin, a->actor.station_id,
                                       a->cfg->pin_for_operators, &u, &why, &err);

    if (rc == STN_OK) {
        welcome(a, &u);
        return;
    }
    tui_check_db(a, rc);
    tui_refusal_msg(a, &why);
    if (rc != STN_E_AUTH || !pin) /* a wrong PIN may be typed again */
        tui_login_reset(a);
}

static int offline(struct tui_app *a, const char *what)
{
    struct core_refusal why;

    if (tui_db_online(a) && core_db_connected(a->db))
        return 0;
    core_refuse_db(&why, STN_E_DB_CONN, 0, what);
    tui_refusal_msg(a, &why);
    return 1;
}

static void badge_scanned(struct tui_app *a, const char *badge)
{
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;
    int needs_pin = 1;

    if (offline(a, badge))
        return;
    rc = core_auth_lookup(a->db, badge, a->cfg->pin_for_operators, &needs_pin, &why, &err);
    if (rc != STN_OK) {
        tui_check_db(a, rc);
        tui_refusal_msg(a, &why);
        return;
    }
    if (!needs_pin) {
        login(a, badge, NULL);
        return;
    }
    a->login.pin = 1;
    snprintf(a->login.badge, sizeof a->login.badge, "%.32s", badge);
    tui_msg(a, TUI_MSG_INFO, _("Badge %s: type the PIN, then Enter."), badge);
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    (void)why;
    if (!*text)
        return;
    if (a->login.pin) {
        if (sc && sc->kind == CORE_SCAN_BADGE && !strcmp(sc->text, a->login.badge)) {
            tui_msg(a, TUI_MSG_WARN, _("Badge %s: type the PIN, then Enter."), a->login.badge);
            return; /* the badge scanned again is no wrong PIN */
        }
        if (!offline(a, a->login.badge))
            login(a, a->login.badge, text);
        return;
    }
    if (sc->kind != CORE_SCAN_BADGE) {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Log in first: scan your badge."));
        beep();
        return;
    }
    badge_scanned(a, sc->text);
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    (void)arg;
    if (c == CORE_CMD_CANCEL && a->login.pin) {
        tui_login_reset(a);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Cancelled. Scan your badge."));
        return;
    }
    if (c == CORE_CMD_LOGOUT && a->cfg->quit_at_login && !a->login.pin) {
        tui_log("quit at the badge prompt");
        a->quit = 1;
        return;
    }
    tui_msg(a, TUI_MSG_WARN, "%s", _("Log in first: scan your badge."));
}

static void draw(struct tui_app *a, int top, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_process *p = tui_process(a);
    char buf[256];
    int y = top + rows / 4;

    snprintf(buf, sizeof buf, "wipstation %s", STN_VERSION);
    tui_put(ui, y, 4, COLS - 8, buf, TUI_R_TITLE);
    snprintf(buf, sizeof buf, _("Station %s, process %d %s"), a->actor.station_id, a->process,
             p ? tui_process_name(ui, p) : "");
    tui_put(ui, y + 2, 4, COLS - 8, buf, TUI_R_NORMAL);
    if (a->login.pin)
        snprintf(buf, sizeof buf, _("Badge %s: type the PIN (hidden), then Enter. Esc: cancel."),
                 a->login.badge);
    else
        snprintf(buf, sizeof buf, "%s", _("Scan your badge to log in."));
    tui_put(ui, y + 4, 4, COLS - 8, buf, TUI_R_INPUT);
    if (a->cfg->login_hint && a->cfg->login_hint[0] && y + 6 < top + rows)
        tui_put_wrapped(ui, y + 6, 4, COLS - 8, top + rows - (y + 6) > 1 ? 2 : 1,
                        a->cfg->login_hint, TUI_R_NORMAL);
}

static const char *prompt(struct tui_app *a)
{
    return a->login.pin ? _("PIN") : _("Badge");
}

static int masked(struct tui_app *a)
{
    return a->login.pin;
}

static const char *keys(struct tui_app *a)
{
    if (a->cfg->quit_at_login && !a->login.pin)
        return _("Scan badge | PIN + Enter | ^Q: quit the program | ^L: repaint");
    return _("Scan badge | PIN + Enter | Esc / CMD:CANCEL: back | ^L: repaint");
}

const struct tui_screen tui_login_screen = { draw, line, cmd, NULL, prompt, keys, masked };
