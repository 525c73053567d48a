/* tui/dispatch.h — what input does. Every event of the input line arrives here: a
 * complete line is parsed as a scan and goes to the screen shown, a command (scanned
 * CMD:... or its hotkey) is taken by the app when it is the same on every screen
 * (TRACE, BOARD, MENU, LOGOUT, ...) and by the screen otherwise, navigation keys go to
 * the screen. Before the screen sees anything: a hostile burst is refused, a latched
 * ERROR takes the input as its acknowledgement, and a scan repeated within the repeat
 * window (a scanner's bounce) is ignored. */
#ifndef STN_TUI_DISPATCH_H
#define STN_TUI_DISPATCH_H

#include "core/ident.h"
#include "tui/input.h"

struct tui_app;

/* The repeat window: the last eligible scan and when it came (dispatch.c only). */
struct tui_repeat {
    char last[CORE_SCAN_MAX + 1];
    long at_ms;
    long logout_asked_ms; /* a logout that would lose typed values was asked for then */
};

void tui_dispatch(struct tui_app *a, const struct tui_in_out *ev);

#endif
