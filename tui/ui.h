/* tui/ui.h — colour roles and drawing helpers over stdscr (curses). */
#ifndef STN_TUI_UI_H
#define STN_TUI_UI_H

#include "tui/tui.h"

/* X(role, foreground, background, colour attributes, monochrome attributes).
 * Colour is never the only signal: every role also reads on a monochrome terminal. */
#define TUI_ROLES(X)                                                         \
    X(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                    \
    X(HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)                    \
    X(HEADER_BAD, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)        \
    X(TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD)                                 \
    X(DIM, -1, -1, A_DIM, A_DIM)                                             \
    X(PASS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                                 \
    X(FAIL, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE)                     \
    X(WARN, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                                \
    X(BAN_PASS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                             \
    X(BAN_FAIL, COLOR_RED, -1, A_BOLD, A_BOLD)                               \
    X(BAN_TEXT_PASS, COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE)            \
    X(BAN_TEXT_FAIL, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)     \
    X(FOCUS, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                   \
    X(INPUT, -1, -1, A_BOLD, A_BOLD)                                         \
    X(KEYS, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)

#define TUI_ROLE_ENUM(name, fg, bg, attr, mono) TUI_R_##name,
enum tui_role { TUI_ROLES(TUI_ROLE_ENUM) TUI_R_COUNT };
#undef TUI_ROLE_ENUM

/* Colours unless mono (or the terminal has none). */
void tui_ui_init(int mono);
int tui_ui_mono(void);
int tui_attr(enum tui_role r);

/* Text cut/padded to cols columns at (y, x); returns the columns written. */
int tui_put(int y, int x, int cols, const char *text, enum tui_role r);
void tui_hline(int y);
/* Wrapped text in rows y..y+rows-1; returns the rows used. */
int tui_put_wrapped(int y, int x, int cols, int rows, const char *text, enum tui_role r);
/* A large block-letter word (PASS, FAIL, ERROR) centred in cols; 5 rows. */
void tui_big_word(int y, int x, int cols, const char *word, enum tui_role r);

/* The frame: header, message lines, input line and footer around a screen's body;
 * returns the body's first row and row count through top/rows. */
void tui_draw_frame(struct tui_app *a, const struct tui_screen *s, int *top, int *rows);
/* The banner over the body (when one is up); returns the rows it took. */
int tui_draw_banner(struct tui_app *a, int top, int rows);
/* The input line, last: it leaves the cursor where typing goes. */
void tui_draw_input(struct tui_app *a, const struct tui_screen *s);
void tui_draw_small(void);

#endif
