/* tui/live.c — the reads of the live screens (see tui/live.h). */
#include "tui/live.h"

#include "tui/tui.h"

void tui_live_notified(struct tui_live *l, int shown, long now_ms)
{
    if (!shown)
        return;
    if (l->due_ms == 0 || l->due_ms > now_ms + TUI_LIVE_NOTIFIED_MS)
        l->due_ms = now_ms + TUI_LIVE_NOTIFIED_MS;
    l->followup = 1;
}

void tui_live_tick(struct tui_live *l, struct tui_app *a, int shown,
                   void (*read)(struct tui_app *a))
{
    if (shown && !l->due_ms && a->now_ms - l->loaded_ms >= TUI_LIVE_SAFETY_MS)
        l->due_ms = a->now_ms; /* a notification lost with a rolled-back change */
    if (!l->due_ms || a->now_ms < l->due_ms)
        return;
    l->due_ms = 0;
    if (shown) {
        read(a);
        if (l->followup)
            l->due_ms = a->now_ms + TUI_LIVE_FOLLOWUP_MS;
    }
    l->followup = 0;
}

long tui_live_timeout(const struct tui_live *l, long now_ms)
{
    long t = l->due_ms - now_ms;

    if (!l->due_ms)
        return -1;
    return t < 0 ? 0 : t;
}
