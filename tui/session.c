/* tui/session.c — the database session (see tui/session.h). */
#include "tui/session.h"

#include <poll.h>
#include <stdio.h>

#include "core/db.h"
#include "core/routing.h"
#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

#define RECONNECT_MS 1000
#define CONNECT_LIMIT_MS 10000

/* ---- routing and equipment ---------------------------------------------------------- */
static void load_routing(struct tui_app *a)
{
    const struct core_routing *r;
    struct stn_err err;
    enum stn_code rc = core_routing_get(a->db, &r, &err);

    if (rc == STN_OK) {
        core_routing_copy(&a->ses.routing, r);
        a->ses.have_routing = 1;
    } else {
        tui_log("routing: %s", err.msg);
        tui_check_db(a, rc);
    }
}

void tui_session_reload_routing(struct tui_app *a)
{
    if (!tui_db_online(a))
        return;
    core_routing_invalidate(a->db);
    load_routing(a);
}

const struct core_routing *tui_routing(struct tui_app *a)
{
    if (!a->ses.have_routing && a->ses.st == TUI_DB_ONLINE)
        load_routing(a);
    return a->ses.have_routing ? &a->ses.routing : NULL;
}

const struct core_process *tui_process(struct tui_app *a)
{
    const struct core_routing *r = tui_routing(a);
    return r ? core_routing_find(r, a->process) : NULL;
}

void tui_session_find_equipment(struct tui_app *a)
{
    struct stn_err err;
    enum stn_code rc;

    if (a->ses.st != TUI_DB_ONLINE)
        return;
    rc = core_equipment_find(a->db, a->cfg->equipment, a->process, &a->actor.equipment_id, &err);
    if (rc != STN_OK) {
        tui_log("equipment: %s", err.msg);
        tui_check_db(a, rc);
    }
}

/* ---- connection ------------------------------------------------------------------------- */
static void db_lost(struct tui_app *a)
{
    if (a->ses.st != TUI_DB_ONLINE)
        return;
    a->ses.st = TUI_DB_OFFLINE;
    a->ses.next_try_ms = a->now_ms + RECONNECT_MS;
    a->dirty = 1;
    tui_log("database connection lost; reconnecting");
}

void tui_check_db(struct tui_app *a, enum stn_code rc)
{
    if (rc == STN_E_DB_CONN || !core_db_connected(a->db))
        db_lost(a);
}

int tui_online(struct tui_app *a, const char *what)
{
    struct core_refusal why;

    if (a->ses.st == TUI_DB_ONLINE && core_db_connected(a->db))
        return 1;
    db_lost(a);
    core_refuse_db(&why, STN_E_DB_CONN, 0, what);
    tui_refusal(a, &why);
    return 0;
}

static void online_again(struct tui_app *a, int quiet)
{
    struct stn_err err;

    a->ses.st = TUI_DB_ONLINE;
    a->dirty = 1;
    if (core_db_listen(a->db, &err) != STN_OK) {
        tui_log("LISTEN: %s", err.msg);
        db_lost(a);
        return;
    }
    tui_log("database connection (re)established");
    core_routing_invalidate(a->db);
    load_routing(a);
    tui_session_find_equipment(a);
    if (a->scr == TUI_SCR_BOARD)
        tui_board_refresh(a);
    if (a->scr == TUI_SCR_QUALITY)
        tui_quality_open(a);
    if (!quiet && !tui_latched(a, NULL))
        tui_msg(a, TUI_MSG_OK, "%s", _("Database connection restored."));
}

static void db_first_open(struct tui_app *a)
{
    struct stn_err err;

    if (core_db_open(&a->db, a->cfg, &err) == STN_OK) {
        online_again(a, 1);
    } else {
        a->ses.next_try_ms = a->now_ms + 2 * RECONNECT_MS;
        tui_log("%s", err.msg);
    }
}

static void db_step(struct tui_app *a)
{
    enum core_db_poll p;

    if (a->ses.st == TUI_DB_OFFLINE && a->now_ms >= a->ses.next_try_ms) {
        if (!a->db) {
            db_first_open(a);
            return;
        }
        p = core_db_reconnect_start(a->db);
        a->ses.started_ms = a->now_ms;
        if (p == CORE_DB_POLL_FAILED) {
            a->ses.next_try_ms = a->now_ms + RECONNECT_MS;
            return;
        }
        a->ses.st = TUI_DB_CONNECTING;
        a->ses.want_write = p == CORE_DB_POLL_WRITE;
        return;
    }
    if (a->ses.st != TUI_DB_CONNECTING)
        return;
    p = core_db_reconnect_poll(a->db);
    if (p == CORE_DB_POLL_OK) {
        online_again(a, 0);
    } else if (p == CORE_DB_POLL_FAILED || a->now_ms - a->ses.started_ms > CONNECT_LIMIT_MS) {
        a->ses.st = TUI_DB_OFFLINE;
        a->ses.next_try_ms = a->now_ms + RECONNECT_MS;
    } else {
        a->ses.want_write = p == CORE_DB_POLL_WRITE;
    }
}

/* The line board and the Quality screen follow the line's changes, and so does the unit
 * on the card when its card is more than a few seconds old (a change made at another
 * station). */
static void on_notify(void *ctx, const char *payload)
{
    struct tui_app *a = ctx;

    (void)payload;
    tui_board_notified(a);
    a->station.notified = 1; /* read after the drain, not inside it */
    tui_quality_notified(a);
}

static void db_readable(struct tui_app *a)
{
    if (a->ses.st == TUI_DB_CONNECTING) {
        db_step(a);
        return;
    }
    if (core_db_drain_notifications(a->db, on_notify, a) < 0)
        db_lost(a);
}

/* ---- the loop's side -------------------------------------------------------------------- */
void tui_session_open(struct tui_app *a)
{
    a->ses.st = TUI_DB_OFFLINE;
    db_first_open(a);
}

void tui_session_close(struct tui_app *a)
{
    core_db_close(a->db);
    a->db = NULL;
}

int tui_session_socket(const struct tui_app *a)
{
    return a->ses.st != TUI_DB_OFFLINE && a->db ? core_db_socket(a->db) : -1;
}

short tui_session_events(const struct tui_app *a)
{
    return a->ses.st == TUI_DB_CONNECTING && a->ses.want_write ? POLLOUT : POLLIN;
}

void tui_session_readable(struct tui_app *a)
{
    db_readable(a);
}

void tui_session_drain(struct tui_app *a)
{
    if (a->ses.st == TUI_DB_ONLINE && a->db)
        db_readable(a);
}

void tui_session_tick(struct tui_app *a)
{
    if (a->ses.st != TUI_DB_ONLINE)
        db_step(a);
}

long tui_session_timeout(const struct tui_app *a, long t)
{
    if (a->ses.st == TUI_DB_CONNECTING && t > 100)
        t = 100;
    if (a->ses.st == TUI_DB_OFFLINE && a->ses.next_try_ms - a->now_ms < t)
        t = a->ses.next_try_ms - a->now_ms;
    return t;
}

int tui_db_online(const struct tui_app *a)
{
    return a->ses.st == TUI_DB_ONLINE;
}
