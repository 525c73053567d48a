/* tui/scr_trace.c — trace: scan or type any LOT, WIP ID or serial and read its whole
 * timeline (who, when, equipment, result, measurements, defects, dispositions, prints). */
#include "tui/scr_trace.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

/* The unit on the station's card, else the station's lot, else nothing. */
static const char *default_subject(const struct tui_app *a)
{
    const struct tui_card *c = tui_station_card(a);
    const struct core_lot *lot = tui_station_lot(a);

    return c ? c->key : lot ? lot->lot_number : NULL;
}

void tui_trace_show(struct tui_app *a, const char *text)
{
    struct core_trace t;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (!text)
        text = default_subject(a);
    if (!text) {
        tui_trace_fini(a);
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
    core_trace_fini(&a->trace.t);
    a->trace.t = t;
    a->trace.have = 1;
    a->trace.top = 0;
    tui_msg(a, TUI_MSG_OK, _("Trace of %s: %d events. Up/Down/PgUp/PgDn scroll; Esc: back."),
            a->trace.t.subject, a->trace.t.n);
}

void tui_trace_fini(struct tui_app *a)
{
    core_trace_fini(&a->trace.t);
    a->trace.have = 0;
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
    int *top = &a->trace.top;
    int max = a->trace.t.n - page();

    if (key == KEY_UP)
        (*top)--;
    else if (key == KEY_DOWN)
        (*top)++;
    else if (key == KEY_PPAGE)
        *top -= page();
    else if (key == KEY_NPAGE)
        *top += page();
    else if (key == KEY_HOME)
        *top = 0;
    else if (key == KEY_END)
        *top = max;
    if (*top > max)
        *top = max;
    if (*top < 0)
        *top = 0;
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
    const struct tui_ui *ui = &a->ui;
    const struct core_trace *t = &a->trace.t;
    char buf[1024];
    int y = top + 3;

    tui_put(ui, top, 1, COLS - 2, _("TRACE"), TUI_R_TITLE);
    if (!a->trace.have) {
        tui_put(ui, top + 2, 1, COLS - 2, _("Scan a LOT, WIP ID or serial to see its timeline."),
                TUI_R_NORMAL);
        return;
    }
    tui_put_wrapped(ui, top + 1, 1, COLS - 2, 2, t->header, TUI_R_INPUT);
    for (int i = a->trace.top; i < t->n && y < top + rows; i++) {
        const struct core_event *e = &t->ev[i];
        event_line(t, e, buf, sizeof buf);
        tui_put(ui, y++, 1, COLS - 2, buf, event_role(e));
        if (e->detail[0] && y < top + rows)
            tui_put(ui, y++, 5, COLS - 6, e->detail, TUI_R_DIM);
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

const struct tui_screen tui_trace_screen = { draw, line, cmd, nav, prompt, keys, NULL };
