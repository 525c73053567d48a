/* tui/ui.h — how the terminal is drawn (struct tui_ui: language, ASCII only, colours),
 * drawing helpers over stdscr, the frame around a screen's body, and the message line
 * and banner under and over it. */
#ifndef STN_TUI_UI_H
#define STN_TUI_UI_H

#include "core/reason.h"
#include "core/rules.h"

#define TUI_MSG_LEN 700

struct tui_app;
struct tui_screen;

/* X(role, foreground, background, colour attributes, monochrome attributes).
 * Colour is never the only signal: every role also reads on a monochrome terminal. */
#define TUI_ROLES(X)                                                     \
    X(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                \
    X(HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)                \
    X(HEADER_BAD, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)    \
    X(TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD)                             \
    X(DIM, -1, -1, A_DIM, A_DIM)                                         \
    X(PASS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                             \
    X(FAIL, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE)                 \
    X(WARN, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                            \
    X(BAN_PASS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                         \
    X(BAN_FAIL, COLOR_RED, -1, A_BOLD, A_BOLD)                           \
    X(BAN_TEXT_PASS, COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE)        \
    X(BAN_TEXT_FAIL, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD) \
    X(FOCUS, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)               \
    X(INPUT, -1, -1, A_BOLD, A_BOLD)                                     \
    X(KEYS, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)

#define TUI_ROLE_ENUM(name, fg, bg, attr, mono) TUI_R_##name,
enum tui_role { TUI_ROLES(TUI_ROLE_ENUM) TUI_R_COUNT };
#undef TUI_ROLE_ENUM

/* How this terminal is drawn, decided once at start (the app holds it; every drawing
 * function receives it). */
struct tui_ui {
    int ko;                /* Korean screens (core's refusals in Korean too) */
    int ascii;             /* ASCII only: no UTF-8 locale, or a console without the glyphs */
    int mono;              /* no colours: attributes only */
    int attr[TUI_R_COUNT]; /* each role's curses attributes */
};

/* Colours unless mono (or the terminal has none); after the terminal is set up. */
void tui_ui_init(struct tui_ui *ui, int mono);
int tui_attr(const struct tui_ui *ui, enum tui_role r);

/* Text cut/padded to cols columns at (y, x); returns the columns written. */
int tui_put(const struct tui_ui *ui, int y, int x, int cols, const char *text, enum tui_role r);
void tui_hline(const struct tui_ui *ui, int y);
/* Wrapped text in rows y..y+rows-1; returns the rows used. */
/* One line of text cut at a word, with " ..." when words were left out (never mid-word). */
void tui_put_clipped(const struct tui_ui *ui, int y, int x, int cols, const char *text,
                     enum tui_role r);
int tui_put_wrapped(const struct tui_ui *ui, int y, int x, int cols, int rows, const char *text,
                    enum tui_role r);
/* A large block-letter word (PASS, FAIL, ERROR) centred in cols; 5 rows. */
void tui_big_word(const struct tui_ui *ui, int y, int x, int cols, const char *word,
                  enum tui_role r);
/* A process's name in the screen's language. */
const char *tui_process_name(const struct tui_ui *ui, const struct core_process *p);

/* The frame: header, message lines, input line and footer around a screen's body;
 * returns the body's first row and row count through top/rows. */
void tui_draw_frame(struct tui_app *a, const struct tui_screen *s, int *top, int *rows);
/* The banner over the body (when one is up); returns the rows it took. */
int tui_draw_banner(struct tui_app *a, int top, int rows);
/* The input line, last: it leaves the cursor where typing goes. */
void tui_draw_input(struct tui_app *a, const struct tui_screen *s);
void tui_draw_small(const struct tui_ui *ui);

/* ---- the message line and the banner ------------------------------------------------ */
enum tui_banner { TUI_BAN_NONE, TUI_BAN_PASS, TUI_BAN_FAIL, TUI_BAN_ERROR };

enum tui_msg_kind { TUI_MSG_INFO, TUI_MSG_OK, TUI_MSG_WARN, TUI_MSG_ERROR };

/* What the frame shows on every screen: one message and, over the body, a banner. An
 * ERROR banner is latched: input does nothing else until it is acknowledged
 * (tui/dispatch.c). The latch lives here and not in a screen's mode because any screen
 * may raise it (a refusal, a database gone) and it must be answered before any screen
 * sees input. Only ui.c touches this. */
struct tui_msgs {
    enum tui_msg_kind kind;
    char text[TUI_MSG_LEN];
    enum tui_banner banner;
    char ban_text[TUI_MSG_LEN];
    int latched;                  /* the ERROR waits for CMD:OK, Enter or a key */
    enum core_reason latched_why; /* the refusal that latched it */
    long ban_ms;                  /* when the banner was raised */
};

void tui_msg(struct tui_app *a, enum tui_msg_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A core refusal: ERROR banner (latched, bell) with its text in the screen's language. */
void tui_refusal(struct tui_app *a, const struct core_refusal *why);
/* A refusal that only needs reading (form hints, wrong PIN): message + bell. */
void tui_refusal_msg(struct tui_app *a, const struct core_refusal *why);
/* A PASS or FAIL banner (it ends a latch). */
void tui_result(struct tui_app *a, enum tui_banner b, const char *text);
/* The operator acknowledged the latched ERROR. */
void tui_ack(struct tui_app *a);
/* Takes the banner down (a latch stays). */
void tui_banner_clear(struct tui_app *a);
/* The banner shown (TUI_BAN_NONE when none). */
enum tui_banner tui_banner_shown(const struct tui_app *a);
/* An ERROR banner with text that waits for acknowledgement, for trouble that is not a
 * refusal of core's (a label that did not print); why names it for the remedy
 * that acknowledges and proceeds (tui/dispatch.c). */
void tui_alert(struct tui_app *a, enum core_reason why, const char *text);
/* Takes the banner down and ends a latch, silently (a new operator starts clean). */
void tui_banner_reset(struct tui_app *a);
/* 1 while an ERROR waits for acknowledgement; why (may be NULL) gets its reason. */
int tui_latched(const struct tui_app *a, enum core_reason *why);

#endif
