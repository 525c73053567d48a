/* tui/session.h — the station's database session. One connection, opened at start and,
 * once lost, reopened in the background in non-blocking steps from the loop (the screen
 * keeps working and says "offline"). On every (re)connection it LISTENs for the line's
 * change notifications (the line board follows them) and reads what a station needs
 * once: the routing and the station's equipment. Only session.c touches struct
 * tui_session; the loop and the screens use these functions. */
#ifndef STN_TUI_SESSION_H
#define STN_TUI_SESSION_H

#include "base/status.h"
#include "core/rules.h"

struct tui_app;

enum tui_db_state { TUI_DB_ONLINE, TUI_DB_OFFLINE, TUI_DB_CONNECTING };

struct tui_session {
    enum tui_db_state st;
    long next_try_ms; /* OFFLINE: when the next attempt starts */
    long started_ms;  /* CONNECTING: when this attempt started */
    int want_write;   /* CONNECTING: libpq waits to write, not to read */
    int have_routing;
    struct core_routing routing; /* the last copy loaded (kept while offline) */
};

/* The first connection, at start: a failure leaves the station offline, retrying. */
void tui_session_open(struct tui_app *a);
void tui_session_close(struct tui_app *a);

/* For the loop's poll(): the socket to watch (-1: none) and what to wait for on it. */
int tui_session_socket(const struct tui_app *a);
short tui_session_events(const struct tui_app *a);
/* The socket is readable: a connection step, or notifications to take. */
void tui_session_readable(struct tui_app *a);
/* Notifications libpq has already read while a query waited for its answer (the socket
 * shows nothing for them). */
void tui_session_drain(struct tui_app *a);
/* Reconnection steps that are due. */
void tui_session_tick(struct tui_app *a);
/* t, or less when a reconnection step is due sooner. */
long tui_session_timeout(const struct tui_app *a, long t);

/* 1 while the session is connected and usable (no round trip). */
int tui_db_online(const struct tui_app *a);
/* 1 when the database is usable; else shows "not recorded" for what and returns 0. */
int tui_online(struct tui_app *a, const char *what);
/* After a core call: a lost connection starts the reconnection. */
void tui_check_db(struct tui_app *a, enum stn_code rc);

/* The routing (read again when the session lost it); NULL when unknown. */
const struct core_routing *tui_routing(struct tui_app *a);
/* Reads the routing again (one round trip), so that a login works with the measurement
 * criteria, defect codes and rework limit an administrator set since the last one. */
void tui_session_reload_routing(struct tui_app *a);
/* The station's process in the routing, or NULL. */
const struct core_process *tui_process(struct tui_app *a);
/* Looks up the station's equipment for its process (the actor records it). */
void tui_session_find_equipment(struct tui_app *a);

#endif
