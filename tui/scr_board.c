/* tui/scr_board.c — the line board (see tui/scr_board.h): refreshed live through
 * LISTEN/NOTIFY, 200 ms and 1.5 s after a notification, and every 10 s on its own. */
#include "tui/scr_board.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/i18n.h"
#include "tui/layout.h"
#include "tui/tui.h"
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
    a->board.live.loaded_ms = a->now_ms;
    memset(&b, 0, sizeof b);
    rc = core_board_get(a->db, MAX_LOTS, &b, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) {
        tui_log("board: %s", err.msg);
        core_board_fini(&b);
        return;
    }
    core_board_fini(&a->board.b);
    a->board.b = b;
    a->board.have = 1;
    if (a->board.top >= b.n)
        a->board.top = b.n > 0 ? b.n - 1 : 0;
    a->dirty = 1;
}

void tui_board_notified(struct tui_app *a)
{
    tui_live_notified(&a->board.live, a->scr == TUI_SCR_BOARD, a->now_ms);
}

void tui_board_tick(struct tui_app *a)
{
    tui_live_tick(&a->board.live, a, a->scr == TUI_SCR_BOARD, tui_board_refresh);
}

long tui_board_timeout(const struct tui_app *a)
{
    return tui_live_timeout(&a->board.live, a->now_ms);
}

void tui_board_fini(struct tui_app *a)
{
    core_board_fini(&a->board.b);
    a->board.have = 0;
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
    struct tui_board *bd = &a->board;

    if ((key == KEY_UP || key == KEY_PPAGE) && bd->top > 0)
        bd->top--;
    else if ((key == KEY_DOWN || key == KEY_NPAGE) && bd->top + 1 < bd->b.n)
        bd->top++;
}

#define LABEL_COLS 15
#define CELL_COLS 8

static void row_of(const struct tui_ui *ui, const struct core_board_row *r, int which, int y)
{
    static const char *const names[] = { N_("wait/work/hold"), N_("pass/fail"), N_("1st-pass %") };

    tui_put(ui, y, 1, LABEL_COLS - 1, _(names[which]), TUI_R_DIM);
    for (int p = 1; p <= 8; p++) {
        const struct core_board_cell *c = &r->cell[p];
        char cell[24], right[24];
        if (which == 0)
            snprintf(cell, sizeof cell, "%d/%d/%d", c->waiting, c->in_progress, c->on_hold);
        else if (which == 1)
            snprintf(cell, sizeof cell, "%d/%d", c->passed, c->failed);
        else if (c->attempted > 0)
            snprintf(cell, sizeof cell, "%d%%", c->first_pass * 100 / c->attempted);
        else
            snprintf(cell, sizeof cell, "-");
        snprintf(right, sizeof right, "%*s", CELL_COLS, cell);
        tui_put(ui, y, LABEL_COLS + (p - 1) * CELL_COLS, CELL_COLS, right,
                (which == 1 && c->failed) || (which == 0 && c->on_hold) ? TUI_R_FAIL
                                                                        : TUI_R_NORMAL);
    }
}

static void draw_lot(const struct tui_ui *ui, const struct core_board_row *r, int y)
{
    char buf[300], bar[128];

    tui_bar(bar, sizeof bar, 20, r->done, r->target, ui->ascii);
    snprintf(buf, sizeof buf, _("%s  %-11s done %d/%d  scrapped %d  "), r->lot_number, _(r->status),
             r->done, r->target, r->scrapped);
    tui_put(ui, y, 1, COLS - 2, buf, TUI_R_INPUT);
    tui_put(ui, y, 1 + tui_text_width(buf), 22, bar, TUI_R_PASS);
    if (r->held > 0) {
        snprintf(buf, sizeof buf, _("held %d"), r->held);
        tui_put(ui, y, COLS - 12, 11, buf, TUI_R_WARN);
    }
    for (int p = 1; p <= 8; p++) {
        char h[16];
        snprintf(h, sizeof h, "P%d", p);
        tui_put(ui, y + 1, LABEL_COLS + p * CELL_COLS - 2, 2, h, TUI_R_DIM);
    }
    for (int k = 0; k < 3; k++)
        row_of(ui, r, k, y + 2 + k);
}

static void draw(struct tui_app *a, int top, int rows)
{
    const struct tui_ui *ui = &a->ui;
    const struct tui_board *bd = &a->board;
    int y;

    tui_put(ui, top, 1, COLS - 2, _("LINE BOARD (live)"), TUI_R_TITLE);
    /* what each figure counts, once for every lot */
    tui_put_wrapped(ui, top + 1, 1, COLS - 2, 2,
                    _("Units per process: waiting / in work / ON HOLD (failed, no decision); "
                      "pass / fail of their latest attempt; 1st-pass %: units passing at the "
                      "first attempt."),
                    TUI_R_DIM);
    y = top + 3;
    if (!bd->have || bd->b.n == 0) {
        tui_put(ui, top + 2, 1, COLS - 2, bd->have ? _("No open lots.") : _("Loading..."),
                TUI_R_DIM);
        return;
    }
    for (int i = bd->top; i < bd->b.n && y + LOT_ROWS - 1 <= top + rows; i++) {
        draw_lot(ui, &bd->b.rows[i], y);
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

const struct tui_screen tui_board_screen = { draw, line, cmd, nav, prompt, keys, NULL };
