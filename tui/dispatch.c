/* tui/dispatch.c — what input does (see tui/dispatch.h). */
#include "tui/dispatch.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

/* ---- the repeat window ------------------------------------------------------------------ */
/* A scanner may read one barcode twice: the same unit, lot or command again within the
 * window is a bounce. CMD:OK, CMD:CANCEL and the form's CMD:YES, CMD:NO, CMD:NEXT and
 * CMD:PREV are left out: two in a row are deliberate (five checks, five YES). */
static int deliberate_twice(enum core_cmd c)
{
    return c == CORE_CMD_OK || c == CORE_CMD_CANCEL || c == CORE_CMD_YES || c == CORE_CMD_NO ||
           c == CORE_CMD_NEXT || c == CORE_CMD_PREV;
}

static int repeated(struct tui_app *a, const struct core_scan *sc)
{
    int eligible = sc->kind == CORE_SCAN_LOT || sc->kind == CORE_SCAN_WIP ||
                   sc->kind == CORE_SCAN_SERIAL ||
                   (sc->kind == CORE_SCAN_COMMAND && !deliberate_twice(sc->cmd));
    int rep = eligible && !strcmp(sc->text, a->repeat.last) &&
              a->now_ms - a->repeat.at_ms < a->cfg->repeat_window_ms;

    if (!rep) {
        snprintf(a->repeat.last, sizeof a->repeat.last, "%s", eligible ? sc->text : "");
        a->repeat.at_ms = a->now_ms;
    }
    return rep;
}

/* A deliberate key ends a bounce sequence: the same scan after it counts again. */
static void repeat_end(struct tui_app *a)
{
    a->repeat.last[0] = '\0';
}

/* ---- commands --------------------------------------------------------------------------- */
#define ASK_MS 5000 /* how long a question ("log out anyway?") waits for its answer */

/* Logging out in the middle of a form asks first: the values typed would be lost. */
static void logout(struct tui_app *a)
{
    const char *key = a->scr == TUI_SCR_STATION ? tui_station_unsaved(a) : NULL;

    if (key && (a->repeat.logout_asked_ms == 0 || a->now_ms - a->repeat.logout_asked_ms > ASK_MS)) {
        a->repeat.logout_asked_ms = a->now_ms;
        tui_msg(a, TUI_MSG_WARN,
                _("The form of %s holds values not recorded. Log out anyway? "
                  "^Q or CMD:LOGOUT again within 5 s."),
                key);
        beep();
        return;
    }
    a->repeat.logout_asked_ms = 0;
    tui_logout(a, NULL);
}

static void dispatch_cmd(struct tui_app *a, enum core_cmd cmd, const char *arg)
{
    const struct tui_screen *s = tui_screen(a);

    if (a->logged_in && a->scr != TUI_SCR_SUPER) {
        switch (cmd) {
        case CORE_CMD_LOGOUT: logout(a); return;
        case CORE_CMD_TRACE:
            tui_go(a, TUI_SCR_TRACE);
            tui_trace_show(a, NULL);
            return;
        case CORE_CMD_BOARD:
            tui_go(a, TUI_SCR_BOARD);
            tui_board_refresh(a);
            return;
        case CORE_CMD_MENU: tui_flow_start(a, TUI_JOB_MENU); return;
        case CORE_CMD_LOT: tui_flow_start(a, TUI_JOB_LOT); return;
        case CORE_CMD_BATCH: tui_flow_start(a, TUI_JOB_BATCH); return;
        case CORE_CMD_CLOSE: tui_flow_start(a, TUI_JOB_CLOSE); return;
        case CORE_CMD_HOLD: tui_flow_start(a, TUI_JOB_HOLD); return;
        case CORE_CMD_RELEASE: tui_flow_start(a, TUI_JOB_RELEASE); return;
        default: break;
        }
    } else if (a->logged_in && cmd == CORE_CMD_LOGOUT) {
        tui_logout(a, NULL);
        return;
    }
    if (s->cmd)
        s->cmd(a, cmd, arg);
}

/* ---- the latched message ------------------------------------------------------------------ */
/* A scan while an ERROR waits for acknowledgement. CMD:OK or CMD:CANCEL acknowledges it;
 * the remedy the message itself names (REWORK or SCRAP of a unit on hold, REPRINT of a
 * label not printed, RELEASE of a held unit) acknowledges
 * and proceeds; anything else is kept from acting, visibly: the operator sees why. */
static void latched_scan(struct tui_app *a, const struct core_scan *sc)
{
    int is_cmd = sc->kind == CORE_SCAN_COMMAND;
    enum core_reason why;

    if (is_cmd && (sc->cmd == CORE_CMD_OK || sc->cmd == CORE_CMD_CANCEL)) {
        tui_ack(a);
        return;
    }
    if (is_cmd && tui_latched(a, &why) &&
        ((why == CORE_R_ON_HOLD && (sc->cmd == CORE_CMD_REWORK || sc->cmd == CORE_CMD_SCRAP)) ||
         ((why == CORE_R_HELD || why == CORE_R_LOT_HELD) && sc->cmd == CORE_CMD_RELEASE))) {
        tui_ack(a);
        dispatch_cmd(a, sc->cmd, sc->arg);
        return;
    }
    if (is_cmd && tui_latched(a, &why) && why == CORE_R_LABEL_NOT_PRINTED &&
        sc->cmd == CORE_CMD_REPRINT) {
        tui_ack(a);
        dispatch_cmd(a, sc->cmd, sc->arg);
        return;
    }
    tui_msg(a, TUI_MSG_WARN, "%s",
            _("Acknowledge first (Enter or CMD:OK): that scan was not used."));
    tui_log("scan ignored while a message waits for acknowledgement");
    beep();
}

/* ---- lines ------------------------------------------------------------------------------ */
static void hostile(struct tui_app *a, const char *what)
{
    tui_msg(a, TUI_MSG_WARN, "%s %s", what,
            _("The input was rejected and nothing was recorded. Scan again."));
    tui_log("input rejected: %s", what);
    beep();
}

static void on_scan(struct tui_app *a, const char *text, const struct core_scan *sc,
                    enum core_scan_why why)
{
    const struct tui_screen *s = tui_screen(a);

    if (why == CORE_SCAN_WHY_CONTROL || why == CORE_SCAN_WHY_UTF8 ||
        why == CORE_SCAN_WHY_TOO_LONG || why == CORE_SCAN_WHY_EMPTY) {
        hostile(a, why == CORE_SCAN_WHY_TOO_LONG ? _("Too long.")
                   : why == CORE_SCAN_WHY_EMPTY  ? _("Empty scan.")
                                                 : _("Control characters or invalid text."));
        return;
    }
    if (tui_latched(a, NULL)) {
        latched_scan(a, sc);
        return;
    }
    if (repeated(a, sc)) {
        tui_msg(a, TUI_MSG_INFO, "%s", _("Same scan again within the repeat window: ignored."));
        return;
    }
    if (sc->kind == CORE_SCAN_COMMAND)
        dispatch_cmd(a, sc->cmd, sc->arg);
    else if (s->line)
        s->line(a, text, sc, why);
}

static void on_line(struct tui_app *a, const char *text)
{
    const struct tui_screen *s = tui_screen(a);
    struct core_scan sc;

    if (!*text || tui_latched(a, NULL))
        repeat_end(a);
    if (!*text) { /* Enter alone: acknowledges, else lets the screen move on */
        if (tui_latched(a, NULL))
            tui_ack(a);
        else if (s->line)
            s->line(a, "", NULL, CORE_SCAN_WHY_EMPTY);
        return;
    }
    on_scan(a, text, &sc, tui_parse(a, text, &sc));
    memset(&sc, 0, sizeof sc); /* may have held a PIN */
}

/* ---- keys ------------------------------------------------------------------------------- */
/* Control keys (ASCII code) and function keys (F-number) that stand for a command. */
static const struct {
    int key, fn;
    enum core_cmd cmd;
} hotkeys[] = {
    { 16, 0, CORE_CMD_PASS },   { 6, 0, CORE_CMD_FAIL },    { 15, 0, CORE_CMD_OK },
    { 27, 0, CORE_CMD_CANCEL }, { 3, 0, CORE_CMD_CANCEL },  { 14, 0, CORE_CMD_NEW },
    { 18, 0, CORE_CMD_REWORK }, { 24, 0, CORE_CMD_SCRAP },  { 5, 0, CORE_CMD_REPRINT },
    { 20, 0, CORE_CMD_TRACE },  { 2, 0, CORE_CMD_BOARD },   { 17, 0, CORE_CMD_LOGOUT },
    { 1, 0, CORE_CMD_MENU },    { 0, 2, CORE_CMD_PASS },    { 0, 3, CORE_CMD_FAIL },
    { 0, 4, CORE_CMD_NEW },     { 0, 5, CORE_CMD_TRACE },   { 0, 6, CORE_CMD_BOARD },
    { 0, 7, CORE_CMD_REWORK },  { 0, 8, CORE_CMD_SCRAP },   { 0, 9, CORE_CMD_REPRINT },
    { 0, 10, CORE_CMD_MENU },   { 0, 12, CORE_CMD_LOGOUT },
};

static int is_nav(int key)
{
    return key == KEY_UP || key == KEY_DOWN || key == KEY_PPAGE || key == KEY_NPAGE ||
           key == KEY_HOME || key == KEY_END;
}

static void on_hotkey(struct tui_app *a, int key, int is_fn)
{
    const struct tui_screen *s = tui_screen(a);

    if (!is_fn && key == 12) { /* ^L: repaint everything, the card read again */
        clearok(curscr, TRUE);
        if (a->scr == TUI_SCR_STATION && a->logged_in)
            tui_station_refresh(a, 0);
        a->dirty = 1;
        return;
    }
    repeat_end(a);
    if (tui_latched(a, NULL)) { /* any key acknowledges, and does nothing else */
        tui_ack(a);
        return;
    }
    if (is_fn && is_nav(key)) {
        if (s->nav)
            s->nav(a, key);
        a->dirty = 1;
        return;
    }
    for (size_t i = 0; i < sizeof hotkeys / sizeof hotkeys[0]; i++) {
        if (is_fn ? hotkeys[i].fn && key == KEY_F(hotkeys[i].fn)
                  : !hotkeys[i].fn && key == hotkeys[i].key) {
            dispatch_cmd(a, hotkeys[i].cmd, "");
            return;
        }
    }
}

/* ---- entry ------------------------------------------------------------------------------ */
void tui_dispatch(struct tui_app *a, const struct tui_in_out *ev)
{
    static const char *const rej[] = { N_("Control character in the scan."),
                                       N_("Escape sequence in the scan."), N_("Scan too long."),
                                       N_("Unexpected key inside a scan.") };
    switch (ev->ev) {
    case TUI_IN_NONE: return;
    case TUI_IN_EDIT: break;
    case TUI_IN_REJECT: hostile(a, _(rej[ev->why])); break;
    case TUI_IN_HOTKEY: on_hotkey(a, ev->key, ev->is_fn); break;
    case TUI_IN_LINE: on_line(a, ev->text); break;
    }
    a->dirty = 1;
}
