/* tui/scr_board.c — the line board: per lot and process, units waiting / in progress /
 * passed / failed and first-pass yield, refreshed live through LISTEN/NOTIFY (the
 * database notifies at most ten times a second: migration 004): 200 ms and 1.5 s after a
 * notification, and every 10 s on its own. */
#include "tui/tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/layout.h"
#include "tui/ui.h"

#define MAX_LOTS 12
#define LOT_ROWS 6

void tui_board_refresh(struct tui_app *a)
{
    struct core_board b;
    struct stn_err err;
    enum stn_code rc;

    if (!tui_db_online(a))
        return;
    a->board_loaded_ms = a->now_ms;
    memset(&b, 0, sizeof b);
    rc = core_board_get(a->db, MAX_LOTS, &b, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_log("board: %s", err.msg);
        core_board_fini(&b);
        return;
    }
    core_board_fini(&a->board);
    a->board = b;
    a->have_board = 1;
    if (a->board_top >= b.n)
        a->board_top = b.n > 0 ? b.n - 1 : 0;
    a->dirty = 1;
}

static void line(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why)
{
    (void)text, (void)sc, (void)why;
    tui_msg(a, TUI_MSG_WARN, "%s", _("Line board: Esc or CMD:CANCEL goes back to the station."));
}

static void cmd(struct tui_app *a, enum core_cmd c, const char *arg)
{
    (void)arg;
    if (c == CORE_CMD_CANCEL || c == CORE_CMD_OK) {
        tui_go(a, TUI_SCR_STATION);
        tui_msg(a, TUI_MSG_INFO, "%s", _("Back to the station."));
    } else if (c == CORE_CMD_BOARD) {
        tui_board_refresh(a);
    } else {
        tui_msg(a, TUI_MSG_WARN, "%s", _("Line board: Esc or CMD:CANCEL goes back."));
    }
}

static void nav(struct tui_app *a, int key)
{
    if ((key == KEY_UP || key == KEY_PPAGE) && a->board_top > 0)
        a->board_top--;
    else if ((key == KEY_DOWN || key == KEY_NPAGE) && a->board_top + 1 < a->board.n)
        a->board_top++;
}

#define LABEL_COLS 12
#define CELL_COLS 8

static void row_of(const struct core_board_row *r, int which, int y)
{
    static const char *const names[] = { N_("wait/work"), N_("pass/fail"), N_("1st pass") };

    tui_put(y, 1, LABEL_COLS - 1, _(names[which]), TUI_R_DIM);
    for (int p = 1; p <= 8; p++) {
        const struct core_board_cell *c = &r->cell[p];
        char cell[24], right[24];
        if (which == 0)
            snprintf(cell, sizeof cell, "%d/%d", c->waiting, c->in_progress);
        else if (which == 1)
            snprintf(cell, sizeof cell, "%d/%d", c->passed, c->failed);
        else if (c->attempted > 0)
            snprintf(cell, sizeof cell, "%d%%", c->first_pass * 100 / c->attempted);
        else
            snprintf(cell, sizeof cell, "-");
        snprintf(right, sizeof right, "%*s", CELL_COLS, cell);
        tui_put(y, LABEL_COLS + (p - 1) * CELL_COLS, CELL_COLS, right,
                which == 1 && c->failed ? TUI_R_FAIL : TUI_R_NORMAL);
    }
}

static void draw_lot(const struct core_board_row *r, int y)
{
    char buf[300], bar[128];

    tui_bar(bar, sizeof bar, 20, r->done, r->target, tui_ascii());
    snprintf(buf, sizeof buf, _("%s  %-11s done %d/%d  scrapped %d  "), r->lot_number, r->status,
             r->done, r->target, r->scrapped);
    tui_put(y, 1, COLS - 2, buf, TUI_R_INPUT);
    tui_put(y, 1 + tui_text_width(buf), 22, bar, TUI_R_PASS);
    for (int p = 1; p <= 8; p++) {
        char h[16];
        snprintf(h, sizeof h, "P%d", p);
        tui_put(y + 1, LABEL_COLS + p * CELL_COLS - 2, 2, h, TUI_R_DIM);
    }
    for (int k = 0; k < 3; k++)
        row_of(r, k, y + 2 + k);
}

static void draw(struct tui_app *a, int top, int rows)
{
    int y = top + 1;

    tui_put(top, 1, COLS - 2, _("LINE BOARD (live)"), TUI_R_TITLE);
    if (!a->have_board || a->board.n == 0) {
        tui_put(top + 2, 1, COLS - 2, a->have_board ? _("No open lots.") : _("Loading..."),
                TUI_R_DIM);
        return;
    }
    for (int i = a->board_top; i < a->board.n && y + LOT_ROWS - 1 <= top + rows; i++) {
        draw_lot(&a->board.rows[i], y);
        y += LOT_ROWS;
    }
}

static const char *prompt(struct tui_app *a)
{
    (void)a;
    return _("Board");
}

static const char *keys(struct tui_app *a)
{
    (void)a;
    return _("Live through LISTEN/NOTIFY | Up/Down: lots | Esc / CMD:CANCEL: back to the station");
}

const struct tui_screen tui_board_screen = { draw, line, cmd, nav, prompt, keys };
