/* tui/scr_trace.h — the trace screen: the whole timeline of a LOT, WIP ID or serial. */
#ifndef STN_TUI_SCR_TRACE_H
#define STN_TUI_SCR_TRACE_H

#include "core/query.h"

/* The trace screen's state (scr_trace.c only). */
struct tui_trace {
    int have;
    struct core_trace t; /* owned: core_trace_fini */
    int top;             /* first event shown */
};

struct tui_app;

/* Reads and shows the trace of text; NULL: of the unit on the station's card, else of
 * its lot, else asks for a scan. */
void tui_trace_show(struct tui_app *a, const char *text);
void tui_trace_fini(struct tui_app *a);

#endif
