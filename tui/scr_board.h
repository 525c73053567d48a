/* tui/scr_board.h — the line board: per open lot and process, units waiting, in progress,
 * passed and failed, and the first-pass yield; read again when the database notifies a
 * change, and on its own now and then. */
#ifndef STN_TUI_SCR_BOARD_H
#define STN_TUI_SCR_BOARD_H

#include "core/query.h"
#include "tui/live.h"

struct tui_app;

/* The board screen's state (scr_board.c only). */
struct tui_board {
    struct core_board b;  /* owned: core_board_fini */
    int have;             /* b holds a read */
    int top;              /* first lot shown */
    struct tui_live live; /* its reads */
};

/* Reads the board now (when the database is online). */
void tui_board_refresh(struct tui_app *a);
/* The database notified a change: a read is planned (only while the board is shown). */
void tui_board_notified(struct tui_app *a);
/* Reads that are due. */
void tui_board_tick(struct tui_app *a);
/* Milliseconds until a read is due (0 when overdue), or -1 when none is planned. */
long tui_board_timeout(const struct tui_app *a);
void tui_board_fini(struct tui_app *a);

#endif
