/* tui/scr_trace.c — trace: scan or type any LOT, WIP ID or serial and read its whole
 * timeline (who, when, equipment, result, measurements, defects, dispositions, prints);
 * or a component lot (e.g. SPRING-...) and read where it went: every unit, serial and lot
 * that used it. */
#include "tui/scr_trace.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/layout.h"
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
    (void)text;
    if (!sc)
        return;
    if (sc->kind == CORE_SCAN_LOT || sc->kind == CORE_SCAN_WIP || sc->kind == CORE_SCAN_SERIAL)
        tui_trace_show(a, sc->text);
    else if (sc->kind == CORE_SCAN_BADGE || why == CORE_SCAN_WHY_UNKNOWN)
        /* a component lot (SPRING-...): where it went */
        tui_trace_show(a, sc->text);
    else
        tui_msg(a, TUI_MSG_WARN, "%s", _("Trace: scan a LOT, WIP ID, serial or component lot."));
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

/* Words of the database (events, states, the header's labels) in the screen's language:
 * each whole word found here is translated, anything else (IDs, names, codes) kept. */
static const char *const trace_words[] __attribute__((unused)) = {
    N_("PASS"),    N_("FAIL"),        N_("OPEN"),      N_("REWORK"),    N_("SCRAP"),
    N_("CREATED"), N_("IN_PROGRESS"), N_("COMPLETED"), N_("CONVERTED"), N_("SCRAPPED"),
    N_("PASSED"),  N_("FAILED"),      N_("CLOSED"),    N_("PENDING"),   N_("PRINTING"),
    N_("ABORTED"), N_("CANCELED"),    N_("(rework)"),  N_("done"),      N_("target"),
    N_("units"),   N_("passed"),      N_("scrapped"),  N_("serial"),    N_("lot"),
    N_("label"),   N_("verified"),    N_("cups"),      N_("job"),       N_("reprint"),
    N_("WIP"),     N_("LOT"),
};

static int known_word(const char *w)
{
    for (size_t i = 0; i < sizeof trace_words / sizeof trace_words[0]; i++)
        if (!strcmp(w, trace_words[i]))
            return 1;
    return 0;
}

static void translate_words(const char *src, char *dst, size_t n)
{
    size_t o = 0;

    dst[0] = '\0';
    while (*src && o + 1 < n) {
        size_t len = strcspn(src, " "), sp = strspn(src + len, " ");
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)(len < sizeof w ? len : sizeof w - 1), src);
        int k = snprintf(dst + o, n - o, "%s%.*s", len < sizeof w && known_word(w) ? _(w) : w,
                         (int)sp, src + len);
        if (k < 0 || (size_t)k >= n - o)
            break;
        o += (size_t)k;
        src += len + sp;
    }
}

/* Column c of width w (display columns, cut whole glyphs) appended at o. */
static void column(char *buf, size_t n, size_t *o, const char *text, int w, int ascii)
{
    char cell[256];
    int k;

    tui_fit(cell, sizeof cell, text, w, 1, ascii);
    k = snprintf(buf + *o, n - *o, "%s ", cell);
    if (k > 0 && (size_t)k < n - *o)
        *o += (size_t)k;
}

/* One event in 78 columns: MM-DD HH:MM:SS, process, event, who, station, equipment, then
 * the unit: in a lot's trace the part after the lot number (-W0002), never cut. */
static void event_line(const struct tui_ui *ui, const struct core_trace *t,
                       const struct core_event *e, char *buf, size_t n)
{
    char unit[64] = "", proc[8] = "", what[64];
    size_t o = 0, sl = strlen(t->subject);

    if (strcmp(e->unit, t->subject) && e->unit[0])
        snprintf(unit, sizeof unit, "%s",
                 !strncmp(e->unit, t->subject, sl) && e->unit[sl] ? e->unit + sl : e->unit);
    if (e->process)
        snprintf(proc, sizeof proc, "P%d", e->process);
    translate_words(e->what, what, sizeof what);
    buf[0] = '\0';
    column(buf, n, &o, strlen(e->at) >= 19 ? e->at + 5 : e->at, 14, ui->ascii);
    column(buf, n, &o, proc, 3, ui->ascii);
    column(buf, n, &o, what, 14, ui->ascii);
    if (e->kind == CORE_EV_COMPONENT) { /* the unit it went into, whole, then where */
        column(buf, n, &o, e->unit, 21, ui->ascii);
        snprintf(buf + o, n - o, "%s", e->station);
        return;
    }
    column(buf, n, &o, e->who, 12, ui->ascii);
    column(buf, n, &o, e->station, 7, ui->ascii);
    column(buf, n, &o, e->equipment, 10, ui->ascii);
    snprintf(buf + o, n - o, "%s", unit);
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
    translate_words(t->header, buf, sizeof buf);
    tui_put_wrapped(ui, top + 1, 1, COLS - 2, 2, buf, TUI_R_INPUT);
    for (int i = a->trace.top; i < t->n && y < top + rows; i++) {
        const struct core_event *e = &t->ev[i];
        event_line(ui, t, e, buf, sizeof buf);
        tui_put(ui, y++, 1, COLS - 2, buf, event_role(e));
        if (e->detail[0] && y < top + rows) {
            translate_words(e->detail, buf, sizeof buf);
            y += tui_put_wrapped(ui, y, 5, COLS - 6, top + rows - y, buf, TUI_R_DIM);
        }
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
    return _("Scan a LOT / WIP ID / serial / component lot | Up/Down PgUp/PgDn | Esc back");
}

const struct tui_screen tui_trace_screen = { draw, line, cmd, nav, prompt, keys, NULL };
