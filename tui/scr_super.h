/* tui/scr_super.h — supervisor flows: approval by a MANAGER or ADMIN badge and PIN at this
 * station, then the steps of one job (rework or scrap decision, reprint, create lot,
 * batch WIP creation, close lot, switch process, the Quality screen, hold or release a unit
 * or lot; for an ADMIN also quit, unlock a badge and set a badge's new PIN), or the menu
 * that leads to them. */
#ifndef STN_TUI_SCR_SUPER_H
#define STN_TUI_SCR_SUPER_H

#include "core/lot.h"
#include "core/ident.h"
#include "core/rules.h"
#include "tui/screen.h"

struct tui_app;

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
    TUI_JOB_QUALITY,
    TUI_JOB_HOLD,
    TUI_JOB_RELEASE,
    TUI_JOB_QUIT,
    TUI_JOB_UNLOCK, /* an ADMIN frees a locked badge */
    TUI_JOB_SETPIN, /* an ADMIN sets an operator's or supervisor's new PIN */
};

/* The supervisor screen's state: one flow (scr_super.c only). */
struct tui_flow {
    int job;
    int step;
    int approved;
    struct core_actor approver;
    char badge[33];                 /* the approver's badge, waiting for the PIN */
    char approver_badge[33];        /* the approver's badge, once approved */
    char val[4][CORE_SCAN_MAX + 1]; /* the steps' values */
    enum tui_scr back;              /* screen to return to */
    int from_menu;                  /* the job was chosen in the menu: Esc goes back there */
    struct core_lot_codes codes;    /* create lot: the codes it may use (when read) */
    int have_codes;
    /* an approval lasts APPROVAL_MS for further jobs at this station (kept by the flow's
     * resets; a logout ends it) */
    struct core_actor session;
    long session_ms;
    char session_badge[33];
};

/* Opens the supervisor screen on job (approval first unless a supervisor is logged in). */
void tui_flow_start(struct tui_app *a, enum tui_job job);
/* Forgets the flow (a logout). */
void tui_flow_reset(struct tui_app *a);

#endif
