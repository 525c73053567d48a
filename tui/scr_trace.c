/* tui/scr_trace.c — trace: scan or type any LOT, WIP ID or serial and read its whole
 * timeline (who, when, equipment, result, measurements, defects, dispositions, prints). */
#include "tui/tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/ui.h"

void tui_trace_show(struct tui_app *a, const char *text)
{
    struct core_trace t;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!text)
        text = a->card.have ? a->card.key : a->have_lot ? a->lot.lot_number : NULL;
    if (!text) {
        core_trace_fini(&a->trace);
        a->have_trace = 0;
        tui_msg(a, TUI_MSG_INFO, "%s", _("Trace: scan a LOT, WIP ID or serial."));
        return;
    }
    if (!tui_db_online(a)) {
        core_refuse_db(&why, STN_E_DB_CONN, 0, text);
        tui_refusal_msg(a, &why);
        return;
    }
    memset(&t, 0, sizeof t);
    rc = core_trace_get(a->db, text, &t, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        if (rc == STN_E_NOT_FOUND)
            core_refuse(&why, CORE_R_UNKNOWN_ID, 0, text, NULL, NULL);
        else
            core_refuse_db(&why, rc, 0, text);
        tui_refusal_msg(a, &why);
        core_trace_fini(&t);
        return;
    }
    core_trace_fini(&a->trace);
    a->trace = t;
    a->have_trace = 1;
    a->trace_top = 0;
    tui_msg(a, TUI_MSG_OK, _("Trace of %s: %d events. Up/Down/PgUp/PgDn scroll; Esc: back."),
            a->trace.subject, a->trace.n);
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    (void)text, (void)why;
    if (!sc)
        return;
    if (sc->kind == CORE_SCAN_LOT || sc->kind == CORE_SCAN_WIP || sc->kind == CORE_SCAN_SERIAL)
        tui_trace_show(a, sc->text);
    else
        tui_msg(a, TUI_MSG_WARN, "%s", _("Trace: scan a LOT, WIP ID or serial."));
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    (void)arg;
    if (c == CORE_CMD_CANCEL || c == CORE_CMD_OK) {
        tui_go(a, TUI_SCR_STATION);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Back to the station."));
    } else {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Trace: Esc or CMD:CANCEL goes back to the station."));
    }
}

static int page(void)
{
    return (LINES - 12) / 2 > 1 ? (LINES - 12) / 2 : 1;
}

static void nav(struct tui_app *a, int key)
{
    int max = a->trace.n - page();

    if (key == KEY_UP)
        a->trace_top--;
    else if (key == KEY_DOWN)
        a->trace_top++;
    else if (key == KEY_PPAGE)
        a->trace_top -= page();
    else if (key == KEY_NPAGE)
        a->trace_top += page();
    else if (key == KEY_HOME)
        a->trace_top = 0;
    else if (key == KEY_END)
        a->trace_top = max;
    if (a->trace_top > max)
        a->trace_top = max;
    if (a->trace_top < 0)
        a->trace_top = 0;
}

static void event_line(const struct core_trace *t, const struct core_event *e, char *buf,
                       size_t n)
{
    char unit[64] = "", proc[8] = "";
    if (strcmp(e->unit, t->subject) && e->unit[0])
        snprintf(unit, sizeof unit, " %s", e->unit);
    if (e->process)
        snprintf(proc, sizeof proc, "P%d", e->process);
    snprintf(buf, n, "%s %-3s %-9s %-16s %-8s %s%s", e->at, proc, e->what, e->who, e->station,
             e->equipment, unit);
}

static enum tui_role event_role(const struct core_event *e)
{
    if (!strcmp(e->what, "FAIL") || !strcmp(e->what, "SCRAP") || !strcmp(e->what, "FAILED") ||
        !strcmp(e->what, "ABORTED"))
        return TUI_R_FAIL;
    return !strcmp(e->what, "PASS") ? TUI_R_PASS : TUI_R_NORMAL;
}

static void draw(struct tui_app *a, int top, int rows)
{
    char buf[1024];
    int y = top + 3;

    tui_put(top, 1, COLS - 2, _("TRACE"), TUI_R_TITLE);
    if (!a->have_trace) {
        tui_put(top + 2, 1, COLS - 2, _("Scan a LOT, WIP ID or serial to see its timeline."),
                TUI_R_NORMAL);
        return;
    }
    tui_put_wrapped(top + 1, 1, COLS - 2, 2, a->trace.header, TUI_R_INPUT);
    for (int i = a->trace_top; i < a->trace.n && y < top + rows; i++) {
        const struct core_event *e = &a->trace.ev[i];
        event_line(&a->trace, e, buf, sizeof buf);
        tui_put(y++, 1, COLS - 2, buf, event_role(e));
        if (e->detail[0] && y < top + rows)
            tui_put(y++, 5, COLS - 6, e->detail, TUI_R_DIM);
    }
}

static const char *prompt(struct tui_app *a)
{
    (void)a;
    return _("Trace");
}

static const char *keys(struct tui_app *a)
{
    (void)a;
    return _("Scan a LOT / WIP ID / serial | Up/Down PgUp/PgDn scroll | Esc / CMD:CANCEL back");
}

const struct tui_screen tui_trace_screen = { draw, line, cmd, nav, prompt, keys };
