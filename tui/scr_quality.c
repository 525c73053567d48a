/* tui/scr_quality.c — the Quality screen (see tui/scr_quality.h): refreshed live through
 * LISTEN/NOTIFY as the line board is, 200 ms and 1.5 s after a notification and every 10 s
 * on its own (docs/DESIGN.md, "Data model": at most one notification a tenth of a second). */
#include "tui/scr_quality.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/layout.h"
#include "tui/tui.h"
#include "tui/ui.h"

#define LEFT_COLS 46 /* the yields; the defects take the rest of 80 columns */

static void read_now(struct tui_app *a)
{
    struct core_quality q;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_db_online(a))
        return;
    a->quality.live.loaded_ms = a->now_ms;
    rc = core_quality_get(a->db, a->quality.whole_day, &q, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_log("quality: %s", err.msg);
        return;
    }
    a->quality.q = q;
    a->quality.have = 1;
    a->dirty = 1;
}

void tui_quality_open(struct tui_app *a)
{
    tui_go(a, TUI_SCR_QUALITY);
    read_now(a);
}

void tui_quality_notified(struct tui_app *a)
{
    tui_live_notified(&a->quality.live, a->scr == TUI_SCR_QUALITY, a->now_ms);
}

void tui_quality_tick(struct tui_app *a)
{
    tui_live_tick(&a->quality.live, a, a->scr == TUI_SCR_QUALITY, read_now);
}

long tui_quality_timeout(const struct tui_app *a)
{
    return tui_live_timeout(&a->quality.live, a->now_ms);
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    (void)text, (void)sc, (void)why;
    tui_msg(a, TUI_MSG_WARN, "%s", _("Quality: Esc or CMD:CANCEL goes back to the station."));
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    (void)arg;
    if (c == CORE_CMD_CANCEL || c == CORE_CMD_OK) {
        tui_go(a, TUI_SCR_STATION);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Back to the station."));
    } else {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Quality: Esc or CMD:CANCEL goes back."));
    }
}

/* Up/Down or PgUp/PgDn: the shift or the whole day. */
static void nav(struct tui_app *a, int key)
{
    if (key != KEY_UP && key != KEY_DOWN && key != KEY_PPAGE && key != KEY_NPAGE)
        return;
    a->quality.whole_day = !a->quality.whole_day;
    read_now(a);
}

static void draw_yields(struct tui_app *a, int y, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_quality *q = &a->quality.q;
    char buf[200], bar[128];

    tui_put(ui, y, 1, LEFT_COLS, _("First-pass yield     units first FPY"), TUI_R_DIM);
    for (int i = 0; i < q->np && i + 1 < rows; i++) {
        const struct core_quality_row *p = &q->p[i];
        int pct = p->units ? p->first_pass * 100 / p->units : 0;
        tui_bar(bar, sizeof bar, 10, p->first_pass, p->units, ui->ascii);
        snprintf(buf, sizeof buf, "P%d %-16.16s %4d %4d %3d%% ", p->process, p->code, p->units,
                 p->first_pass, pct);
        tui_put(ui, y + 1 + i, 1, LEFT_COLS - 11, buf, pct < 90 ? TUI_R_FAIL : TUI_R_NORMAL);
        tui_put(ui, y + 1 + i, LEFT_COLS - 10, 10, bar, TUI_R_PASS);
    }
    if (q->np == 0) {
        tui_put(ui, y + 1, 1, LEFT_COLS, _("No attempt completed yet."), TUI_R_DIM);
    } else if (q->np + 1 < rows) {
        snprintf(buf, sizeof buf, _("rolled throughput yield %.0f%%"), q->rty * 100);
        tui_put(ui, y + 1 + q->np, 1, LEFT_COLS, buf, TUI_R_INPUT);
    }
}

static void draw_defects(struct tui_app *a, int y, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_quality *q = &a->quality.q;
    int x = LEFT_COLS + 2, cols = COLS - x - 1;
    char buf[200], bar[128];

    snprintf(buf, sizeof buf, _("Top defects (%d FAILs)"), q->fails);
    tui_put(ui, y, x, cols, buf, TUI_R_DIM);
    for (int i = 0; i < q->nd && i + 1 < rows; i++) {
        const struct core_quality_defect *d = &q->d[i];
        tui_bar(bar, sizeof bar, 8, d->count, q->d[0].count, ui->ascii);
        snprintf(buf, sizeof buf, "P%d %-18.18s %3d ", d->process, d->defect, d->count);
        tui_put(ui, y + 1 + i, x, cols - 9, buf, TUI_R_NORMAL);
        tui_put(ui, y + 1 + i, x + cols - 8, 8, bar, TUI_R_FAIL);
    }
    if (q->nd == 0)
        tui_put(ui, y + 1, x, cols, _("No FAIL."), TUI_R_DIM);
}

static void draw(struct tui_app *a, int top, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct core_quality *q = &a->quality.q;
    char buf[200];

    if (!a->quality.have) {
        tui_put(ui, top, 1, COLS - 2, _("QUALITY (live)"), TUI_R_TITLE);
        tui_put(ui, top + 2, 1, COLS - 2, _("Loading..."), TUI_R_DIM);
        return;
    }
    snprintf(buf, sizeof buf,
             a->quality.whole_day ? _("QUALITY today %s (live)")
                                  : _("QUALITY shift since %s (live)"),
             q->scope);
    tui_put(ui, top, 1, COLS - 2, buf, TUI_R_TITLE);
    snprintf(buf, sizeof buf, _("held units: %d"), q->held);
    tui_put(ui, top, COLS - 22, 21, buf, q->held ? TUI_R_WARN : TUI_R_DIM);
    draw_yields(a, top + 2, rows - 2);
    draw_defects(a, top + 2, rows - 2);
}

static const char *prompt(struct tui_app *a)
{
    (void)a;
    return _("Quality");
}

static const char *keys(struct tui_app *a)
{
    (void)a;
    return _("Live | Up/Down: shift or day | Esc / CMD:CANCEL: back to the station");
}

const struct tui_screen tui_quality_screen = { draw, line, cmd, nav, prompt, keys, NULL };
