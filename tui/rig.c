/* tui/rig.c — the station's test rigs on the screen (see tui/rig.h). */
#include "tui/rig.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "rig/service.h"
#include "tui/i18n.h"
#include "tui/tui.h"
#include "tui/ui.h"

static const char *kind_name(enum rig_ev_kind k)
{
    static const char *const n[] = { "recorded",        "nothing to record", "repeat",
                                     "awaiting CMD:OK", "refused",           "rejected" };
    return (unsigned)k < 6 ? n[k] : "?";
}

/* The log line of every request: what it was, the answer, the time to the answer. */
static void log_event(const struct rig_event *ev)
{
    tui_log("rig %s %s: %s %s: %s %s, %.2f ms", ev->source == CORE_RIG_SRC_FILE ? "file" : "from",
            ev->from ? ev->from : "?", ev->msg ? core_rig_type_name(ev->msg->type) : "message",
            ev->msg ? ev->msg->unit.text : "-", kind_name(ev->kind), rig_code_name(ev->code),
            (double)ev->ack_us / 1000.0);
    if (ev->kind == RIG_EV_REFUSED)
        tui_log("rig reply: %s", ev->reply ? ev->reply : "");
}

/* The reply's message, for the message line. */
static void reply_message(const char *reply, char *out, size_t n)
{
    const char *p = reply ? strstr(reply, "\"message\":\"") : NULL;
    size_t k = 0;

    out[0] = '\0';
    if (!p)
        return;
    for (p += 11; *p && *p != '"' && k + 1 < n; p++)
        out[k++] = *p == '\\' && p[1] ? *++p : *p;
    out[k] = '\0';
}

static void on_event(void *ctx, const struct rig_event *ev)
{
    struct tui_app *a = ctx;
    const char *unit = ev->msg ? ev->msg->unit.text : "";
    char text[400];

    log_event(ev);
    if (ev->rc != STN_OK)
        tui_check_db(a, ev->rc);
    switch (ev->kind) {
    case RIG_EV_RECORDED: tui_station_rig_recorded(a, ev->msg, ev->res); break;
    case RIG_EV_AWAITING:
        if (a->scr != TUI_SCR_SUPER)
            tui_go(a, TUI_SCR_STATION);
        tui_station_rig_form(a, ev->msg, ev->res);
        beep();
        break;
    case RIG_EV_REPLAY:
        tui_msg(a, TUI_MSG_INFO,
                _("Rig: %s %s again: answered as the first time, nothing "
                  "recorded."),
                ev->msg ? core_rig_type_name(ev->msg->type) : "", unit);
        break;
    case RIG_EV_NOTHING:
        tui_msg(a, TUI_MSG_INFO, _("Rig: %s is already open here; nothing changed."), unit);
        break;
    case RIG_EV_REJECTED:
        tui_station_rig_drop(a);
        tui_msg(a, TUI_MSG_INFO, _("Rig results for %s rejected; the rig was told."), unit);
        break;
    case RIG_EV_REFUSED:
        reply_message(ev->reply, text, sizeof text);
        tui_msg(a, TUI_MSG_WARN, _("Rig %s refused (%s): %s"), ev->from ? ev->from : "",
                rig_code_name(ev->code), text);
        break;
    }
    a->dirty = 1;
}

void tui_rig_open(struct tui_app *a)
{
    const struct core_cfg *c = a->cfg;
    struct rig_service_cfg rc;
    struct stn_err err;

    if (!c->rig_listen[0] && !c->rig_spool[0])
        return;
    memset(&rc, 0, sizeof rc);
    rc.listen = c->rig_listen, rc.allow = c->rig_allow, rc.spool = c->rig_spool;
    rc.max_frame = (uint32_t)c->rig_max_frame;
    rc.frame_timeout_ms = c->rig_timeout_s * 1000;
    rc.max_conns = c->rig_max_conns;
    rc.auto_complete = c->rig_auto_complete;
    rc.confirm_ms = c->rig_confirm_s * 1000;
    rc.station = c->station_id;
    if (rig_service_open(&a->rig.svc, &rc, on_event, a, &err) != STN_OK) {
        snprintf(a->rig.failed, sizeof a->rig.failed, "%s", err.msg);
        tui_log("rig: %s", err.msg);
        tui_msg(a, TUI_MSG_ERROR, _("Rigs cannot reach this station: %s"), err.msg);
        return;
    }
    tui_log("rig: %s%s%s%s (%s)", c->rig_listen[0] ? "listening on " : "", c->rig_listen,
            c->rig_spool[0] ? ", drop folder " : "", c->rig_spool,
            c->rig_auto_complete ? "recorded at once" : "the operator confirms");
}

void tui_rig_close(struct tui_app *a)
{
    rig_service_close(a->rig.svc);
    a->rig.svc = NULL;
}

int tui_rig_fds(struct tui_app *a, struct pollfd *fds, int room)
{
    return a->rig.svc ? rig_service_fds(a->rig.svc, fds, room) : 0;
}

void tui_rig_events(struct tui_app *a, const struct pollfd *fds, int n)
{
    if (a->rig.svc)
        rig_service_events(a->rig.svc, fds, n, a->now_ms);
}

/* The service follows the station: its session, whether it is online (the drop folder is
 * read again after every reconnection), and who is logged in. */
static void follow(struct tui_app *a)
{
    struct tui_rig *r = &a->rig;
    int online = tui_db_online(a);

    rig_service_set_db(r->svc, a->db, online);
    if (online && !r->was_online)
        rig_service_reconnected(r->svc);
    r->was_online = online;
    if (a->logged_in != r->logged_in || a->logged_in)
        rig_service_set_actor(r->svc, a->logged_in ? &a->actor : NULL);
    r->logged_in = a->logged_in;
}

void tui_rig_step(struct tui_app *a)
{
    if (!a->rig.svc)
        return;
    follow(a);
    rig_service_step(a->rig.svc, a->now_ms);
    if (!rig_service_held(a->rig.svc, NULL))
        tui_station_rig_drop(a); /* answered or given up meanwhile: the form is no longer one */
}

long tui_rig_timeout(const struct tui_app *a, long t)
{
    long r = a->rig.svc ? rig_service_timeout(a->rig.svc, a->now_ms) : -1;
    return r >= 0 && r < t ? r : t;
}

void tui_rig_header(const struct tui_app *a, char *buf, size_t n)
{
    struct rig_service_status st;
    size_t used;

    buf[0] = '\0';
    if (a->rig.failed[0]) {
        snprintf(buf, n, "%s", _("RIG OFF"));
        return;
    }
    if (!a->rig.svc)
        return;
    rig_service_status(a->rig.svc, &st);
    snprintf(buf, n, "%s", _("RIG"));
    used = strlen(buf);
    if (st.held)
        used += (size_t)snprintf(buf + used, n - used, " %s", _("waits"));
    if (st.conns > 0 && used < n)
        used += (size_t)snprintf(buf + used, n - used, _(" %d conn"), st.conns);
    if (st.files_waiting > 0 && used < n)
        used += (size_t)snprintf(buf + used, n - used, _(" %d files"), st.files_waiting);
    if (!st.held && !st.conns && !st.files_waiting && used < n)
        snprintf(buf + used, n - used, " %s", _("ok"));
}

int tui_rig_held(const struct tui_app *a)
{
    return a->rig.svc && rig_service_held(a->rig.svc, NULL) != NULL;
}

void tui_rig_confirm(struct tui_app *a, const enum core_result *result, const char *defect)
{
    struct core_refusal why;
    enum stn_code rc;

    if (!tui_rig_held(a) || !tui_online(a, rig_service_held(a->rig.svc, NULL)->unit.text))
        return;
    tui_banner_clear(a);
    rc = rig_service_confirm(a->rig.svc, result, defect, &why);
    tui_check_db(a, rc);
    if (rc != STN_OK)
        tui_refusal(a, &why);
}

void tui_rig_reject(struct tui_app *a)
{
    if (tui_rig_held(a))
        rig_service_reject(a->rig.svc);
}

/* The held result again on the card when its unit is scanned. */
void tui_rig_show_held(struct tui_app *a, const char *unit)
{
    const struct core_rig_result *res;
    const struct core_rig_msg *m = a->rig.svc ? rig_service_held(a->rig.svc, &res) : NULL;

    if (m && unit && !strcmp(m->unit.text, unit))
        tui_station_rig_form(a, m, res);
}
