/* tui/screen.h — what a screen is to the app (as tig's view_ops): the app draws the frame
 * (header, message lines, input line, footer) and asks the screen shown to draw the body
 * between them and to act on what arrives: complete lines (scans or typing), commands
 * (scanned CMD:... or hotkeys) and navigation keys. Each screen is one file,
 * tui/scr_<name>.c, with its state in its own struct (tui/scr_<name>.h) that the app
 * holds and only that file touches. */
#ifndef STN_TUI_SCREEN_H
#define STN_TUI_SCREEN_H

#include "core/ident.h"

struct tui_app;

enum tui_scr {
    TUI_SCR_LOGIN,
    TUI_SCR_STATION,
    TUI_SCR_TRACE,
    TUI_SCR_BOARD,
    TUI_SCR_SUPER,
    TUI_SCR_QUALITY
};

struct tui_screen {
    /* The body: rows top..top+rows-1. */
    void (*draw)(struct tui_app *a, int top, int rows);
    /* A complete line: sc/why are core_scan_parse's verdict on it (never hostile); sc is
     * NULL for Enter alone. */
    void (*line)(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why);
    void (*cmd)(struct tui_app *a, enum core_cmd cmd, const char *arg);
    void (*nav)(struct tui_app *a, int key); /* KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE, ... */
    const char *(*prompt)(struct tui_app *a);
    const char *(*keys)(struct tui_app *a); /* footer help */
    /* 1 while the input line takes a secret (a PIN): it shows '*'. */
    int (*masked)(struct tui_app *a);
};

extern const struct tui_screen tui_login_screen;
extern const struct tui_screen tui_station_screen;
extern const struct tui_screen tui_trace_screen;
extern const struct tui_screen tui_board_screen;
extern const struct tui_screen tui_quality_screen;
extern const struct tui_screen tui_super_screen;

#endif
