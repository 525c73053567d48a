/* rig/service.c — a station's rigs: requests from the listener and files from the drop
 * folder, decoded, recorded through core and answered (rig/service.h).
 *
 * A reply means what it says: "OK" is sent only after COMMIT (core stores the reply with
 * the key in that transaction, so a repeated key gets the same text). A file moves to
 * completed/ only then; a refusal that a later attempt could turn around (the database
 * away, nobody logged in) leaves it waiting in pending/, any other refusal puts it in
 * error/ with the reply as its reason. */
#include "rig/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "rig/listen.h"
#include "rig/spool.h"

#define REQUESTS_PER_STEP 32 /* each is two round trips: the screen is never kept long */
#define FILES_PER_STEP 8
#define RETRY_MIN_MS 1000
#define RETRY_MAX_MS 30000

struct held { /* a COMPLETE waiting for the operator */
    int active;
    int from_file;
    unsigned conn; /* its rig's connection while it waits, else 0 */
    struct rig_spool_file file;
    struct core_rig_msg msg;
    char *canonical;
    char from[64];
    long arrived_us;
};

struct rig_service {
    char listen[256], allow[512], spool[1024], station[33];
    struct rig_service_cfg cfg;
    struct rig_listener *l;
    struct rig_spool *sp;
    struct core_db *db;
    int online;
    struct core_actor actor;
    int logged_in;
    struct held h;
    rig_event_fn on_event;
    void *ctx;
    long spool_next_ms, retry_ms;
    int spool_fd_at; /* where rig_service_fds put the drop folder's descriptor, -1 */
    struct rig_service_status st;
    char *reply;                 /* the reply core stored with the last recorded key */
    struct core_rig_result *res; /* scratch (large) */
};

/* Where a request came from and how it is answered. */
struct source {
    enum core_rig_source src;
    const char *from;
    unsigned conn;               /* TCP */
    struct rig_spool_file *file; /* FILE */
    long arrived_us;
};

static long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000L + t.tv_nsec / 1000L;
}

/* A refusal that a later attempt can turn around: the file waits in pending/. */
static int passing(enum rig_code code)
{
    return code == RIG_C_NOT_LOGGED_IN || code == RIG_C_DB_OFFLINE || code == RIG_C_DB_BUSY ||
           code == RIG_C_UNKNOWN_OUTCOME || code == RIG_C_DB_ERROR || code == RIG_C_BUSY;
}

/* ---- answering -------------------------------------------------------------------------- */
struct answer {
    enum rig_ev_kind kind;
    enum rig_code code;
    const char *reply;
    const struct core_rig_msg *msg;
    const struct core_rig_result *res;
    const struct core_refusal *why;
    enum stn_code rc;
};

static void answer(struct rig_service *s, const struct source *src, const struct answer *a)
{
    struct rig_event ev;
    long ack = 0;

    if (src->src == CORE_RIG_SRC_TCP) {
        rig_listen_reply(s->l, src->conn, a->reply);
        ack = now_us() - src->arrived_us;
    } else if (src->file) {
        if (a->kind == RIG_EV_REFUSED && passing(a->code))
            rig_spool_release(s->sp, src->file);
        else if (a->kind == RIG_EV_REFUSED || a->kind == RIG_EV_REJECTED)
            rig_spool_refused(s->sp, src->file, a->reply);
        else
            rig_spool_done(s->sp, src->file);
    }
    s->st.messages++;
    if (a->kind == RIG_EV_RECORDED)
        s->st.recorded++;
    if (a->kind == RIG_EV_REFUSED || a->kind == RIG_EV_REJECTED)
        s->st.refused++;
    s->st.last_ms = now_us() / 1000;
    if (!s->on_event)
        return;
    memset(&ev, 0, sizeof ev);
    ev.kind = a->kind, ev.source = src->src, ev.from = src->from, ev.msg = a->msg;
    ev.res = a->res, ev.code = a->code, ev.reply = a->reply, ev.why = a->why, ev.rc = a->rc;
    ev.ack_us = ack;
    s->on_event(s->ctx, &ev);
}

/* A refusal before or by the rules: the reply rendered here. */
static void refuse(struct rig_service *s, const struct source *src, enum rig_code code,
                   const char *message, const struct core_rig_msg *msg,
                   const struct core_refusal *why, enum stn_code rc)
{
    struct rig_reply r = { code, message, msg, NULL, s->station, s->actor.process };
    char *text = rig_reply_render(&r);
    struct answer a = { RIG_EV_REFUSED, code, text, msg, NULL, why, rc };
    answer(s, src, &a);
    free(text);
}

static void refuse_why(struct rig_service *s, const struct source *src,
                       const struct core_rig_msg *msg, const struct core_refusal *why,
                       enum stn_code rc)
{
    char text[400];

    refuse(s, src, rig_code_of_reason(why->code), rig_reason_message(why, text, sizeof text), msg,
           why, rc == STN_E_RULE || rc == STN_E_NOT_FOUND ? STN_OK : rc);
}

/* The reply core stores with a recorded key (rendered before COMMIT). */
static const char *render_recorded(void *ctx, const struct core_rig_msg *m,
                                   const struct core_rig_result *res)
{
    struct rig_service *s = ctx;
    struct rig_reply r = { m->type == CORE_RIG_START ? RIG_C_STARTED : RIG_C_COMPLETED,
                           NULL,
                           m,
                           res,
                           s->station,
                           s->actor.process };
    char text[256];

    if (m->type == CORE_RIG_START)
        snprintf(text, sizeof text, "%s started at process %d", m->unit.text, s->actor.process);
    else
        snprintf(text, sizeof text, "%s completed at process %d: %s%s%s%s", m->unit.text,
                 s->actor.process, res->recorded == CORE_RES_PASS ? "PASS" : "FAIL",
                 res->defect[0] ? " " : "", res->defect,
                 res->recorded != CORE_RES_PASS && m->result == CORE_RIG_PASS
                     ? " (the station's judgement; the rig said PASS)"
                     : "");
    r.message = text;
    free(s->reply);
    s->reply = rig_reply_render(&r);
    return s->reply;
}

/* After core_rig_apply recorded (or not) the message: the reply and the event. */
static void answer_applied(struct rig_service *s, const struct source *src,
                           const struct core_rig_msg *m, enum stn_code rc,
                           const struct core_refusal *why)
{
    struct core_rig_result *res = s->res;
    struct answer a = { RIG_EV_RECORDED, RIG_C_STARTED, NULL, m, res, NULL, STN_OK };
    char *text = NULL;

    if (rc != STN_OK) {
        refuse_why(s, src, m, why, rc);
        return;
    }
    switch (res->outcome) {
    case CORE_RIG_RECORDED:
        a.code = m->type == CORE_RIG_START ? RIG_C_STARTED : RIG_C_COMPLETED;
        a.reply = s->reply;
        break;
    case CORE_RIG_REPLAY:
        a.kind = RIG_EV_REPLAY;
        a.code = strstr(res->reply, "\"code\":\"STARTED\"") ? RIG_C_STARTED : RIG_C_COMPLETED;
        a.reply = res->reply;
        break;
    case CORE_RIG_NOTHING: {
        struct rig_reply r = { RIG_C_ALREADY_STARTED, NULL, m, NULL, s->station, s->actor.process };
        char msg[256];
        snprintf(msg, sizeof msg, "%s is already open at process %d here; nothing changed",
                 m->unit.text, s->actor.process);
        r.message = msg;
        a.kind = RIG_EV_NOTHING;
        a.code = RIG_C_ALREADY_STARTED;
        a.reply = text = rig_reply_render(&r);
        break;
    }
    }
    answer(s, src, &a);
    free(text);
}

/* ---- a COMPLETE the operator confirms --------------------------------------------------- */
static void held_clear(struct rig_service *s)
{
    core_rig_msg_fini(&s->h.msg);
    rig_spool_file_fini(&s->h.file);
    free(s->h.canonical);
    memset(&s->h, 0, sizeof s->h);
}

static struct source held_source(struct rig_service *s)
{
    struct source src = { s->h.from_file ? CORE_RIG_SRC_FILE : CORE_RIG_SRC_TCP, s->h.from,
                          s->h.conn, s->h.from_file ? &s->h.file : NULL, s->h.arrived_us };
    return src;
}

/* Checks the COMPLETE (1 round trip, nothing written) and makes it wait; *m is taken. */
static void hold(struct rig_service *s, const struct source *src, struct core_rig_msg *m)
{
    struct core_rig_req req = { m, src->src, CORE_RIG_CHECK, NULL, NULL, NULL, NULL };
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc = core_rig_apply(s->db, &s->actor, &req, s->res, &why, &err);
    struct rig_event ev;

    if (rc != STN_OK || s->res->outcome == CORE_RIG_REPLAY) {
        answer_applied(s, src, m, rc, &why);
        core_rig_result_fini(s->res);
        return;
    }
    s->h.active = 1;
    s->h.from_file = src->src == CORE_RIG_SRC_FILE;
    s->h.conn = src->conn;
    if (src->file) {
        s->h.file = *src->file;
        src->file->body = NULL; /* the held file owns it now */
    }
    s->h.msg = *m;
    memset(m, 0, sizeof *m);
    s->h.canonical = core_rig_canonical(&s->h.msg);
    snprintf(s->h.from, sizeof s->h.from, "%s", src->from);
    s->h.arrived_us = src->arrived_us;
    if (s->on_event) {
        memset(&ev, 0, sizeof ev);
        ev.kind = RIG_EV_AWAITING, ev.source = src->src, ev.from = src->from;
        ev.msg = &s->h.msg, ev.res = s->res, ev.code = RIG_C_COMPLETED;
        s->on_event(s->ctx, &ev);
    }
}

/* The same message again while it waits (a rig that timed out and resent it): the new
 * connection waits in its place. */
static int same_as_held(const struct rig_service *s, const struct core_rig_msg *m)
{
    char *c;
    int same;

    if (strcmp(m->msg_id, s->h.msg.msg_id))
        return 0;
    c = core_rig_canonical(m);
    same = !strcmp(c, s->h.canonical);
    free(c);
    return same;
}

enum stn_code rig_service_confirm(struct rig_service *s, const enum core_result *result,
                                  const char *defect, struct core_refusal *why)
{
    struct core_rig_req req = { &s->h.msg, s->h.from_file ? CORE_RIG_SRC_FILE : CORE_RIG_SRC_TCP,
                                0,         result,
                                defect,    render_recorded,
                                s };
    struct source src;
    struct stn_err err;
    enum stn_code rc;

    if (!s->h.active)
        return STN_E_NOT_FOUND;
    rc = core_rig_apply(s->db, &s->actor, &req, s->res, why, &err);
    /* the operator's own mistake, or the database away: the result keeps waiting */
    if (rc == STN_E_RULE &&
        (why->code == CORE_R_RIG_JUDGED_FAIL || why->code == CORE_R_DEFECT_REQUIRED ||
         why->code == CORE_R_DEFECT_UNKNOWN))
        return rc;
    if (rc != STN_OK && rc != STN_E_RULE && rc != STN_E_NOT_FOUND)
        return rc;
    src = held_source(s);
    answer_applied(s, &src, &s->h.msg, rc, why);
    core_rig_result_fini(s->res);
    held_clear(s);
    return rc;
}

void rig_service_reject(struct rig_service *s)
{
    struct source src;
    struct rig_reply r;
    struct answer a;
    char *text;

    if (!s->h.active)
        return;
    src = held_source(s);
    memset(&r, 0, sizeof r);
    r.code = RIG_C_REJECTED, r.msg = &s->h.msg, r.station = s->station;
    r.process = s->actor.process;
    text = rig_reply_render(&r);
    memset(&a, 0, sizeof a);
    a.kind = RIG_EV_REJECTED, a.code = RIG_C_REJECTED, a.reply = text, a.msg = &s->h.msg;
    answer(s, &src, &a);
    free(text);
    held_clear(s);
}

/* The operator left: the rig is told, the file waits for the next one. */
static void give_up_held(struct rig_service *s)
{
    struct source src;

    if (!s->h.active)
        return;
    src = held_source(s);
    refuse(s, &src, s->h.from_file ? RIG_C_NOT_LOGGED_IN : RIG_C_NOT_CONFIRMED,
           "the operator logged out before confirming; nothing recorded: send again", &s->h.msg,
           NULL, STN_OK);
    held_clear(s);
}

const struct core_rig_msg *rig_service_held(const struct rig_service *s,
                                            const struct core_rig_result **res)
{
    if (res)
        *res = s->h.active ? s->res : NULL;
    return s->h.active ? &s->h.msg : NULL;
}

/* ---- one request ------------------------------------------------------------------------ */
static void handle(struct rig_service *s, const struct source *src, const char *body, size_t len)
{
    struct core_rig_msg m;
    enum core_rig_fault fault;
    struct core_refusal why;
    struct stn_err err;
    enum stn_code rc;

    if (core_rig_decode(body, len, src->src == CORE_RIG_SRC_FILE ? CORE_RIG_FROM_FILE : 0, &m,
                        &fault, &err) != STN_OK) {
        refuse(s, src, rig_code_of_fault(fault), err.msg, NULL, NULL, STN_OK);
        return;
    }
    if (!s->logged_in) {
        refuse(s, src, RIG_C_NOT_LOGGED_IN, NULL, &m, NULL, STN_OK);
    } else if (!s->online || !s->db) {
        refuse(s, src, RIG_C_DB_OFFLINE, NULL, &m, NULL, STN_OK);
    } else if (m.type == CORE_RIG_COMPLETE && !s->cfg.auto_complete) {
        if (s->h.active && src->src == CORE_RIG_SRC_TCP && same_as_held(s, &m)) {
            if (s->h.conn && rig_listen_waiting(s->l, s->h.conn)) {
                char *t = rig_reply_simple(RIG_C_NOT_CONFIRMED, NULL, &m);
                rig_listen_reply(s->l, s->h.conn, t);
                free(t);
            }
            s->h.conn = src->conn;
        } else if (s->h.active) {
            char text[256];
            snprintf(text, sizeof text,
                     "the station's operator has not yet confirmed %s; "
                     "nothing recorded: send again later",
                     s->h.msg.unit.text);
            refuse(s, src, RIG_C_BUSY, text, &m, NULL, STN_OK);
        } else {
            hold(s, src, &m);
        }
    } else {
        struct core_rig_req req = { &m, src->src, 0, NULL, NULL, render_recorded, s };
        rc = core_rig_apply(s->db, &s->actor, &req, s->res, &why, &err);
        answer_applied(s, src, &m, rc, &why);
        core_rig_result_fini(s->res);
    }
    core_rig_msg_fini(&m);
}

static void handle_file(struct rig_service *s, struct rig_spool_file *f)
{
    struct source src = { CORE_RIG_SRC_FILE, f->name, 0, f, 0 };

    if (!f->body) {
        refuse(s, &src, strstr(f->fault, "more than") ? RIG_C_FRAME_TOO_LARGE : RIG_C_BAD_FRAME,
               f->fault, NULL, NULL, STN_OK);
        return;
    }
    handle(s, &src, f->body, f->len);
}

/* ---- the loop's side ---------------------------------------------------------------------- */
int rig_service_step(struct rig_service *s, long now_ms)
{
    struct rig_request rq;
    int did = 0;

    for (int i = 0; s->l && i < REQUESTS_PER_STEP && rig_listen_next(s->l, &rq, now_ms); i++) {
        struct source src = { CORE_RIG_SRC_TCP, rq.peer, rq.id, NULL, rq.arrived_us };
        handle(s, &src, rq.body, rq.len);
        did = 1;
    }
    for (int i = 0; s->sp && i < FILES_PER_STEP && s->online && s->logged_in && !s->h.active &&
                    now_ms >= s->spool_next_ms && rig_spool_waiting(s->sp) > 0;
         i++) {
        struct rig_spool_file f;
        long before = s->st.refused;
        if (!rig_spool_claim(s->sp, &f))
            break;
        handle_file(s, &f);
        if (s->st.refused > before && !strncmp(rig_spool_last_move(s->sp), "pending/", 8)) {
            /* not recorded for a passing reason: try again later, less often each time */
            s->spool_next_ms = now_ms + s->retry_ms;
            s->retry_ms = s->retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : s->retry_ms * 2;
        } else {
            s->retry_ms = RETRY_MIN_MS;
        }
        rig_spool_file_fini(&f);
        did = 1;
    }
    return did;
}

int rig_service_fds(struct rig_service *s, struct pollfd *fds, int room)
{
    int n = s->l ? rig_listen_fds(s->l, fds, room - (s->sp ? 1 : 0)) : 0;

    s->spool_fd_at = -1;
    if (s->sp && n < room) {
        fds[n].fd = rig_spool_fd(s->sp), fds[n].events = POLLIN, fds[n].revents = 0;
        s->spool_fd_at = n++;
    }
    return n;
}

void rig_service_events(struct rig_service *s, const struct pollfd *fds, int n, long now_ms)
{
    if (s->l)
        rig_listen_events(s->l, fds, s->spool_fd_at >= 0 ? s->spool_fd_at : n, now_ms);
    if (s->sp && s->spool_fd_at >= 0 && s->spool_fd_at < n && fds[s->spool_fd_at].revents)
        rig_spool_readable(s->sp);
    if (s->l)
        rig_listen_tick(s->l, now_ms);
}

long rig_service_timeout(const struct rig_service *s, long now_ms)
{
    long t = s->l ? rig_listen_timeout(s->l, now_ms) : -1;

    if (s->sp && s->online && s->logged_in && !s->h.active && rig_spool_waiting(s->sp) > 0) {
        long w = s->spool_next_ms > now_ms ? s->spool_next_ms - now_ms : 0;
        if (t < 0 || w < t)
            t = w;
    }
    return t;
}

/* ---- the station's state ------------------------------------------------------------------ */
void rig_service_set_db(struct rig_service *s, struct core_db *db, int online)
{
    s->db = db;
    s->online = online;
}

void rig_service_set_actor(struct rig_service *s, const struct core_actor *a)
{
    if (!a || !a->user_id) {
        give_up_held(s);
        memset(&s->actor, 0, sizeof s->actor);
        s->logged_in = 0;
        return;
    }
    if (!s->logged_in)
        rig_service_reconnected(s); /* files that waited for somebody: now */
    s->actor = *a;
    s->logged_in = 1;
}

void rig_service_reconnected(struct rig_service *s)
{
    if (s->sp)
        rig_spool_rescan(s->sp);
    s->spool_next_ms = 0;
    s->retry_ms = RETRY_MIN_MS;
}

void rig_service_status(const struct rig_service *s, struct rig_service_status *out)
{
    struct rig_listen_stats ls;

    *out = s->st;
    out->listening = s->l != NULL;
    if (s->l) {
        rig_listen_stats(s->l, &ls);
        out->conns = ls.open;
        snprintf(out->addr, sizeof out->addr, "%s", ls.addr);
    }
    out->files_waiting = s->sp ? rig_spool_waiting(s->sp) : 0;
    out->held = s->h.active;
}

/* ---- opening ------------------------------------------------------------------------------ */
enum stn_code rig_service_open(struct rig_service **out, const struct rig_service_cfg *cfg,
                               rig_event_fn on_event, void *ctx, struct stn_err *err)
{
    struct rig_service *s = xcalloc(1, sizeof *s);
    enum stn_code rc = STN_OK;

    *out = NULL;
    s->cfg = *cfg;
    snprintf(s->listen, sizeof s->listen, "%s", cfg->listen ? cfg->listen : "");
    snprintf(s->allow, sizeof s->allow, "%s", cfg->allow ? cfg->allow : "");
    snprintf(s->spool, sizeof s->spool, "%s", cfg->spool ? cfg->spool : "");
    snprintf(s->station, sizeof s->station, "%s", cfg->station ? cfg->station : "");
    s->cfg.listen = s->listen, s->cfg.allow = s->allow, s->cfg.spool = s->spool;
    s->cfg.station = s->station;
    s->on_event = on_event;
    s->ctx = ctx;
    s->retry_ms = RETRY_MIN_MS;
    s->spool_fd_at = -1;
    s->res = xcalloc(1, sizeof *s->res);
    if (s->listen[0]) {
        struct rig_listen_cfg lc = { s->listen,       s->allow,
                                     cfg->max_frame,  cfg->frame_timeout_ms,
                                     cfg->confirm_ms, cfg->max_conns };
        rc = rig_listen_open(&s->l, &lc, err);
    }
    if (rc == STN_OK && s->spool[0])
        rc = rig_spool_open(&s->sp, s->spool, cfg->max_frame ? cfg->max_frame : 65536, err);
    if (rc != STN_OK) {
        rig_service_close(s);
        return rc;
    }
    *out = s;
    return STN_OK;
}

void rig_service_close(struct rig_service *s)
{
    if (!s)
        return;
    if (s->h.active && s->h.from_file)
        rig_spool_release(s->sp, &s->h.file); /* the next start takes it again */
    held_clear(s);
    rig_listen_close(s->l);
    rig_spool_close(s->sp);
    free(s->reply);
    free(s->res);
    free(s);
}
