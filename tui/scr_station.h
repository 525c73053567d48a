/* tui/scr_station.h — the station screen: the lot (at the first process), the card of the
 * unit scanned, its measurement form and the defect picker. */
#ifndef STN_TUI_SCR_STATION_H
#define STN_TUI_SCR_STATION_H

#include <stdint.h>

#include "core/ident.h"
#include "core/lot.h"
#include "core/rig.h"
#include "core/unit.h"
#include "tui/form.h"

struct tui_app;

/* What the station screen is doing; one at a time. A latched ERROR is not one of them:
 * any screen may raise it and input goes to it before any screen (tui/ui.h, struct
 * tui_msgs), so it stays over whatever mode is under it. */
enum tui_st_mode {
    TUI_ST_EMPTY,     /* no unit on the card: scan one */
    TUI_ST_CARD,      /* a unit's card: scans and commands act on it */
    TUI_ST_FORM,      /* the card and its measurement form, which takes typed values */
    TUI_ST_PICK,      /* the defect picker, opened from the card */
    TUI_ST_FORM_PICK, /* the defect picker, opened over the form: leaving it returns there */
};

enum tui_label_state { TUI_LABEL_NONE, TUI_LABEL_PRINTING, TUI_LABEL_PRINTED, TUI_LABEL_FAILED };

/* The unit on the card, as core last answered for it. */
struct tui_card {
    struct core_answer ans;
    char key[CORE_SCAN_MAX + 1]; /* the WIP ID or serial that addresses it */
    enum tui_label_state label;  /* its label printed from this station */
    char label_msg[256];
};

/* The station screen's state (scr_station.c and its form.c only). */
struct tui_station {
    enum tui_st_mode mode;
    struct tui_card card;   /* unless EMPTY */
    struct tui_form form;   /* FORM, FORM_PICK */
    struct tui_picker pick; /* PICK, FORM_PICK */
    int have_lot;
    struct core_lot lot;               /* the first process's lot: CMD:NEW adds a WIP to it */
    char leave_for[CORE_SCAN_MAX + 1]; /* the unit scanned while the form held values */
    long card_ms;                      /* when the card was read from the database */
    int notified;                      /* the line changed since: an old card is read again */
    char switch_badge[33]; /* a badge scanned while someone works here: CMD:OK switches */
    long switch_ms;
};

/* Reads the unit on the card again (read-only) when its card is older than max_age_ms
 * and its form holds nothing typed, so a card never shows a state long gone. */
void tui_station_refresh(struct tui_app *a, long max_age_ms);
/* Timers: a PASS banner gives way after a while; an old card is read again. */
void tui_station_tick(struct tui_app *a);
/* Clears the card (not the lot). */
void tui_station_reset(struct tui_app *a);
/* Shows core's answer for a unit on the card (the form opens when it is to be measured
 * here); the label state stays when it is the same unit. */
void tui_station_set_card(struct tui_app *a, const struct core_answer *ans);
/* The card, or NULL when there is no unit on it. */
const struct tui_card *tui_station_card(const struct tui_app *a);
/* The key of the unit whose form holds values not yet recorded, or NULL. */
const char *tui_station_unsaved(const struct tui_app *a);
/* Reads the unit on the card and the station's lot again (after a hold or release). */
void tui_station_reload(struct tui_app *a);
/* The lot, or NULL. */
const struct core_lot *tui_station_lot(const struct tui_app *a);
/* Takes lot as the station's lot (NULL: none); the card stays. */
void tui_station_set_lot(struct tui_app *a, const struct core_lot *lot);
/* A rig's COMPLETE that waits for the operator: its unit on the card, its values in the
 * form (read only, marked as the rig's) with the station's proposal. Not over a form the
 * operator is typing for another unit: the header says a result waits, and scanning its
 * unit shows it. */
void tui_station_rig_form(struct tui_app *a, const struct core_rig_msg *m,
                          const struct core_rig_result *res);
/* A rig's START or COMPLETE was recorded: the card as it now is, and for a COMPLETE the
 * PASS or FAIL banner over the rig's values. */
void tui_station_rig_recorded(struct tui_app *a, const struct core_rig_msg *m,
                              const struct core_rig_result *res);
/* The rig's results that waited are answered: the form is an ordinary card again. */
void tui_station_rig_drop(struct tui_app *a);
/* The label of the unit wip_pk is being sent, or reached its final state. */
void tui_station_label_busy(struct tui_app *a, int64_t wip_pk);
void tui_station_label_done(struct tui_app *a, int64_t wip_pk, int ok, const char *msg);

#endif
