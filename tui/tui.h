/* tui/tui.h — the station program's state and what its files share (the design:
 * docs/DESIGN.md, "The station").
 *
 * One poll() loop (tui/app.c) owns the terminal and the timers; the database session
 * is tui/session.c, what input does is tui/dispatch.c, printed labels are followed by
 * tui/printjobs.c. Screens (tui/scr_*.c, tui/screen.h) draw the area between the header
 * and the input line and act on lines, commands and navigation keys; each keeps its own
 * state in one member of struct tui_app that only its file touches. Nothing blocks for
 * long: database calls are bounded by core's session timeouts and print jobs are followed
 * in steps. */
#ifndef STN_TUI_TUI_H
#define STN_TUI_TUI_H

#include <stddef.h>

#include "core/auth.h"
#include "core/cfg.h"
#include "core/ident.h"
#include "core/rules.h"
#include "tui/dispatch.h"
#include "tui/input.h"
#include "tui/printjobs.h"
#include "tui/rig.h"
#include "tui/scr_board.h"
#include "tui/scr_login.h"
#include "tui/scr_quality.h"
#include "tui/scr_station.h"
#include "tui/scr_super.h"
#include "tui/scr_trace.h"
#include "tui/screen.h"
#include "tui/session.h"
#include "tui/ui.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

struct core_db;

/* What the log says of the terminal's speed (app.c). */
struct tui_timing {
    long start_us; /* program start, until the first screen */
    long line_us;  /* when the line being handled arrived */
    size_t line_bytes;
    long line_rt; /* database round trips before it */
};

struct tui_app {
    struct core_cfg *cfg;
    struct core_db *db;     /* the connection: session.c opens and reopens it */
    struct tui_session ses; /* session.c */
    struct tui_ui ui;       /* language, ASCII only, colours: decided at start */
    int process;            /* the station's process (switchable by a supervisor) */

    int logged_in; /* who works here: tui_log_in, tui_logout */
    struct core_user user;
    struct core_actor actor;

    enum tui_scr scr;         /* the screen shown: tui_go */
    struct tui_input in;      /* the input line (app.c feeds it, ui.c draws it) */
    struct tui_repeat repeat; /* dispatch.c */

    struct tui_msgs msgs; /* ui.c: the message line and the banner */

    /* each screen's own state, touched only by its file */
    struct tui_login login;
    struct tui_station station;
    struct tui_trace trace;
    struct tui_board board;
    struct tui_quality quality;
    struct tui_flow flow;

    struct tui_printjobs print; /* printjobs.c */
    struct tui_rig rig;         /* rig.c: the station's test rigs */

    long now_ms, last_key_ms;
    struct tui_timing timing;
    int dirty, quit;
};

/* ---- app.c ------------------------------------------------------------------- */
long tui_now_ms(void);
void tui_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tui_go(struct tui_app *a, enum tui_scr scr);
/* The screen shown. */
const struct tui_screen *tui_screen(const struct tui_app *a);
/* Draws at once: before a call that may take a moment (a printer that does not answer). */
void tui_draw_now(struct tui_app *a);
/* Switches the station to process n (equipment looked up again). */
void tui_set_process(struct tui_app *a, int n);
/* u logged in: the station screen, at the station's process. */
void tui_log_in(struct tui_app *a, const struct core_user *u);
void tui_logout(struct tui_app *a, const char *why);
/* Parses text as a scan the way the configuration says (prefix, AIM identifiers). */
enum core_scan_why tui_parse(const struct tui_app *a, const char *text, struct core_scan *sc);
/* The cleaned scan text with its case as typed (for values, reasons): core's text is
 * upper-cased. */
void tui_typed_value(const char *raw, const struct core_scan *sc, char *out, size_t n);

#endif
