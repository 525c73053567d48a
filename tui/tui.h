/* tui/tui.h — the station program's state and what its files share.
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
#include "core/reason.h"
#include "core/rules.h"
#include "tui/dispatch.h"
#include "tui/input.h"
#include "tui/printjobs.h"
#include "tui/scr_board.h"
#include "tui/scr_login.h"
#include "tui/scr_station.h"
#include "tui/scr_super.h"
#include "tui/scr_trace.h"
#include "tui/screen.h"
#include "tui/session.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24
#define TUI_MSG_LEN 700

struct core_db;

enum tui_banner { TUI_BAN_NONE, TUI_BAN_PASS, TUI_BAN_FAIL, TUI_BAN_ERROR };

enum tui_msg_kind { TUI_MSG_INFO, TUI_MSG_OK, TUI_MSG_WARN, TUI_MSG_ERROR };

/* What the log says of the terminal's speed (app.c). */
struct tui_timing {
    long start_us;     /* program start, until the first screen */
    long line_us;      /* when the line being handled arrived */
    size_t line_bytes;
    long line_rt;      /* database round trips before it */
};

struct tui_app {
    struct core_cfg *cfg;
    struct core_db *db;          /* the connection: session.c opens and reopens it */
    struct tui_session ses;      /* session.c */
    int process;                 /* the station's process (switchable by a supervisor) */

    int logged_in;               /* who works here: tui_log_in, tui_logout */
    struct core_user user;
    struct core_actor actor;

    enum tui_scr scr;            /* the screen shown: tui_go */
    struct tui_input in;
    struct tui_repeat repeat;    /* dispatch.c */

    enum tui_banner banner;
    int latched;                 /* ERROR waits for CMD:OK or a key */
    enum core_reason latched_why; /* the refusal that latched it */
    char ban_text[TUI_MSG_LEN];
    enum tui_msg_kind msg_kind;
    char msg[TUI_MSG_LEN];

    /* each screen's own state, touched only by its file */
    struct tui_login login;
    struct tui_station station;
    struct tui_trace trace;
    struct tui_board board;
    struct tui_flow flow;

    struct tui_printjobs print;  /* printjobs.c */

    long now_ms, last_key_ms;
    struct tui_timing timing;
    int dirty, quit, mono;
};

/* ---- app.c ------------------------------------------------------------------- */
long tui_now_ms(void);
void tui_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tui_go(struct tui_app *a, enum tui_scr scr);
/* The screen shown. */
const struct tui_screen *tui_screen(const struct tui_app *a);
/* Draws at once: before a call that may take a moment (a printer that does not answer). */
void tui_draw_now(struct tui_app *a);
const char *tui_process_name(const struct core_process *p);
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

/* ---- ui.c: messages and banners ----------------------------------------------- */
void tui_msg(struct tui_app *a, enum tui_msg_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A core refusal: ERROR banner (latched, bell) with its text in the screen's language. */
void tui_refusal(struct tui_app *a, const struct core_refusal *why);
/* A refusal that only needs reading (form hints, wrong PIN): message + bell. */
void tui_refusal_msg(struct tui_app *a, const struct core_refusal *why);
void tui_result(struct tui_app *a, enum tui_banner b, const char *text);
void tui_ack(struct tui_app *a);

#endif
