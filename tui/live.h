/* tui/live.h — when a live screen (the line board, Quality) reads its data again. The
 * database notifies at most once a tenth of a second for the whole line (docs/DESIGN.md,
 * "Data model"): the other transactions of that tenth stay silent, and one may commit after
 * the notifying one. So a notification brings a read TUI_LIVE_NOTIFIED_MS later (coalescing
 * a burst) and one more TUI_LIVE_FOLLOWUP_MS after that; a screen shown reads on its own
 * every TUI_LIVE_SAFETY_MS (a notification lost with a rolled-back change). */
#ifndef STN_TUI_LIVE_H
#define STN_TUI_LIVE_H

#define TUI_LIVE_NOTIFIED_MS 200
#define TUI_LIVE_FOLLOWUP_MS 1500
#define TUI_LIVE_SAFETY_MS 10000

struct tui_app;

struct tui_live {
    long due_ms;    /* the next read, 0: none planned */
    long loaded_ms; /* the last read */
    int followup;   /* read once more after the read a notification brought */
};

/* The database notified a change: a read is planned (only while shown). */
void tui_live_notified(struct tui_live *l, int shown, long now_ms);
/* Reads that are due: read(a) when the screen is shown (it sets loaded_ms), and plans the
 * follow-up of a notification's read. */
void tui_live_tick(struct tui_live *l, struct tui_app *a, int shown,
                   void (*read)(struct tui_app *a));
/* Milliseconds until a read is due (0 when overdue), or -1 when none is planned. */
long tui_live_timeout(const struct tui_live *l, long now_ms);

#endif
