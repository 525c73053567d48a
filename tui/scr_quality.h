/* tui/scr_quality.h — the supervisors' Quality screen: the first-pass yield of each process
 * and the top defects of the shift running now (or of the plant's day), as bars, with the
 * units held on the line; read again when the database notifies a change, as the line
 * board is. */
#ifndef STN_TUI_SCR_QUALITY_H
#define STN_TUI_SCR_QUALITY_H

#include "core/report.h"
#include "tui/live.h"

struct tui_app;

/* The Quality screen's state (scr_quality.c only). */
struct tui_quality {
    struct core_quality q; /* the last read */
    int have;              /* q holds a read */
    int whole_day;         /* the plant's day instead of the shift */
    struct tui_live live;  /* its reads */
};

/* Shows the screen and reads it. */
void tui_quality_open(struct tui_app *a);
/* The database notified a change: a read is planned (only while the screen is shown). */
void tui_quality_notified(struct tui_app *a);
/* Reads that are due. */
void tui_quality_tick(struct tui_app *a);
/* Milliseconds until a read is due (0 when overdue), or -1 when none is planned. */
long tui_quality_timeout(const struct tui_app *a);

#endif
