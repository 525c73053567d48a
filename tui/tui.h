/* tui/tui.h — the station program's state and what its files share.
 *
 * One poll() loop (tui/app.c) owns the terminal, the database session and the timers.
 * Screens (tui/scr_*.c) draw the area between the header and the input line and
 * receive complete input lines, commands (scanned CMD:... or hotkeys) and navigation
 * keys. Nothing here blocks for long: database calls are bounded by core's session
 * timeouts and print jobs are followed in steps. */
#ifndef STN_TUI_TUI_H
#define STN_TUI_TUI_H

#include <stdint.h>

#include "core/auth.h"
#include "core/cfg.h"
#include "core/ident.h"
#include "core/lot.h"
#include "core/printrec.h"
#include "core/query.h"
#include "core/routing.h"
#include "core/unit.h"
#include "tui/dispatch.h"
#include "tui/input.h"
#include "tui/printjobs.h"
#include "tui/session.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24
#define TUI_MSG_LEN 700
#define TUI_VALUE_LEN 101

struct core_db;

enum tui_scr { TUI_SCR_LOGIN, TUI_SCR_STATION, TUI_SCR_TRACE, TUI_SCR_BOARD, TUI_SCR_SUPER };

enum tui_banner { TUI_BAN_NONE, TUI_BAN_PASS, TUI_BAN_FAIL, TUI_BAN_ERROR };

enum tui_msg_kind { TUI_MSG_INFO, TUI_MSG_OK, TUI_MSG_WARN, TUI_MSG_ERROR };

enum tui_label_state { TUI_LABEL_NONE, TUI_LABEL_PRINTING, TUI_LABEL_PRINTED, TUI_LABEL_FAILED };

/* The unit on the station screen. */
struct tui_card {
    int have;
    struct core_answer ans;
    char key[CORE_SCAN_MAX + 1]; /* the WIP ID or serial that addresses it */
    int form;                    /* measurement form open */
    int field;                   /* focused field */
    char values[CORE_MAX_FIELDS][TUI_VALUE_LEN];
    int judged;                  /* every value valid and the required ones present */
    struct core_judgement judge;
    int picking;                 /* defect picker open */
    int pick_sel;
    enum tui_label_state label;
    char label_msg[256];
};

/* A supervisor flow (scr_super.c): approval, then the steps of one job. */
struct tui_flow {
    int job;
    int step;
    int approved;
    struct core_actor approver;
    char badge[33];
    char val[4][CORE_SCAN_MAX + 1];
    enum tui_scr back; /* screen to return to */
};

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

    int logged_in;
    struct core_user user;
    struct core_actor actor;
    enum tui_scr scr;
    int login_pin;               /* login: waiting for the PIN of login_badge */
    char login_badge[33];

    struct tui_input in;
    int masked;                  /* the input line shows '*' (PINs) */
    struct tui_repeat repeat;    /* dispatch.c */

    enum tui_banner banner;
    int latched;                 /* ERROR waits for CMD:OK or a key */
    enum core_reason latched_why; /* the refusal that latched it */
    char ban_text[TUI_MSG_LEN];
    enum tui_msg_kind msg_kind;
    char msg[TUI_MSG_LEN];

    struct tui_card card;
    int have_lot;
    struct core_lot lot;
    struct tui_flow flow;

    struct core_trace trace;
    int have_trace, trace_top;
    struct core_board board;
    int have_board, board_top;
    long board_due_ms;
    long board_loaded_ms; /* when the board was last read (safety refresh) */
    int board_followup;   /* read once more after the refresh a notification brought */

    struct tui_printjobs print; /* printjobs.c */

    long now_ms, last_key_ms;
    struct tui_timing timing;
    int dirty, quit, small, mono;
};

/* A screen: draw the body (rows top..top+rows-1) and react to input. */
struct tui_screen {
    void (*draw)(struct tui_app *a, int top, int rows);
    /* A complete line: sc/why are core_scan_parse's verdict on it (never hostile). */
    void (*line)(struct tui_app *a, const char *text, const struct core_scan *sc,
                 enum core_scan_why why);
    void (*cmd)(struct tui_app *a, enum core_cmd cmd, const char *arg);
    void (*nav)(struct tui_app *a, int key); /* KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE */
    const char *(*prompt)(struct tui_app *a);
    const char *(*keys)(struct tui_app *a);  /* footer help */
};

extern const struct tui_screen tui_login_screen;
extern const struct tui_screen tui_station_screen;
extern const struct tui_screen tui_trace_screen;
extern const struct tui_screen tui_board_screen;
extern const struct tui_screen tui_super_screen;

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

/* ---- scr_station.c --------------------------------------------------------------- */
void tui_station_reset(struct tui_app *a);     /* clears the card (not the lot) */
/* Reloads the card of the unit shown (read-only), e.g. after a disposition. */
void tui_station_set_card(struct tui_app *a, const struct core_answer *ans);
void tui_station_label_done(struct tui_app *a, int64_t wip_pk, int ok, const char *msg);
void tui_station_label_busy(struct tui_app *a, int64_t wip_pk);

/* ---- scr_super.c ------------------------------------------------------------------ */
enum tui_job {
    TUI_JOB_NONE,
    TUI_JOB_MENU,
    TUI_JOB_REWORK,
    TUI_JOB_SCRAP,
    TUI_JOB_REPRINT,
    TUI_JOB_LOT,
    TUI_JOB_BATCH,
    TUI_JOB_CLOSE,
    TUI_JOB_SWITCH,
    TUI_JOB_QUIT,
};
void tui_flow_start(struct tui_app *a, enum tui_job job);

/* ---- scr_trace.c / scr_board.c ---------------------------------------------------- */
void tui_trace_show(struct tui_app *a, const char *text);
void tui_board_refresh(struct tui_app *a);

#endif
