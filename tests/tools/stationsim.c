/* tests/tools/stationsim.c — scripted stations for the fault and soak tests.
 *
 * N stations run as threads, each with its own core_db session, station id
 * ("P<n>-S<k>", so that application_name LIKE 'P%' finds them) and process (1..8),
 * and work the same lots through the routing using the core API only: process 1
 * creates WIPs, the others start and complete them, process 7 converts and reads the
 * serial label back, random FAILs (seeded PRNG) go to a supervisor at that station
 * (REWORK while allowed, else SCRAP). On a lost connection a station reconnects with
 * a bounded backoff and carries on. Every loop is bounded in count and in time.
 * Station k works process 1 + k % 8: with fewer than 8 stations units wait at the
 * processes nobody works (and any station's supervisor decides the holds).
 *
 * Output (stdout): one "stationsim: key=value ..." summary line, refusals by reason
 * code, and "expect NAME LO HI" lines: what the database must hold afterwards (LO is
 * what the stations saw committed, HI adds the transitions whose outcome is unknown
 * because the connection was lost while committing). Exit 0, 1 on a usage or setup
 * error, 3 when a call hung past the watchdog bound. SIGTERM/SIGINT stop gracefully. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/db.h"
#include "core/lot.h"
#include "core/routing.h"
#include "core/unit.h"

#define MAX_STATIONS 64
#define MAX_UNITS 1024
#define MAX_PICK_TRIES 4

/* What the stations saw committed, by kind (and the unknown outcomes by call). */
enum kind {
    K_LOT,
    K_CREATE,
    K_START,
    K_CONVERT,
    K_PASS,
    K_FAIL,
    K_AUTOSCRAP,
    K_REWORK,
    K_SCRAP,
    K_COUNT
};
static const char *const kind_name[K_COUNT] = { "lot",  "create",    "start",  "convert", "pass",
                                                "fail", "autoscrap", "rework", "scrap" };
enum call { U_LOT, U_CREATE, U_SCAN, U_PASS, U_FAIL, U_FAIL_AUTO, U_REWORK, U_SCRAP, U_COUNT };

struct opts {
    const char *conninfo;
    int stations;
    double seconds;
    long iterations;
    unsigned long seed;
    int fail_pct, scrap_pct, stray_pct, think_ms, target;
    double hang_s;
    int verbose;
};

struct slot {
    int in_use;
    char wip[CORE_WIP_LEN + 1];
    char serial[51];
    int next;          /* the next process to work, 0 when unknown */
    int open_at;       /* process of the open attempt, 0 none */
    char open_sid[33]; /* station of the open attempt */
    int hold_at;       /* process on hold after a FAIL, 0 none */
    int rework_ok;
    int prog; /* progress of the card it was last set from (unit_progress) */
};

struct shared {
    pthread_mutex_t mu;
    struct slot u[MAX_UNITS];
    int high, in_use; /* slots [0, high) were used; how many are live */
    char lot[51];
    int creating_lot;
    int month; /* months before today for new lots (999 lots a month) */
    long done, scrapped;
};

struct station {
    int idx;
    char sid[33];
    int process;
    struct core_db *db;
    struct core_actor op, sup;
    uint64_t rng;
    char vals[CORE_MAX_FIELDS][48];
    const char *valp[CORE_MAX_FIELDS];
    char look[CORE_SCAN_MAX + 1]; /* a unit to look at after a reconnect */
    long ok[K_COUNT], unknown[U_COUNT], refusals[CORE_REASON_COUNT];
    long conn_errors, not_recorded, busy, db_errors, reconnects, reconnect_fail, idle, iters;
    long ok_after_reconnect, looks, silent, form_needed;
    int reconnected, gave_up, login_failed;
    _Atomic long call_ms; /* start of the call in progress (monotonic ms), 0 = none */
    _Atomic int finished;
    pthread_t th;
};

static struct opts opt;
static struct shared sh;
static struct station *stn;
static double deadline_ms;
static _Atomic int stop_flag; /* lock-free: set from the signal handler */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static uint64_t rnd(struct station *s)
{
    s->rng ^= s->rng >> 12;
    s->rng ^= s->rng << 25;
    s->rng ^= s->rng >> 27;
    return s->rng * 2685821657736338717ULL;
}

static int chance(struct station *s, int pct)
{
    return (int)(rnd(s) % 100) < pct;
}

static int running(const struct station *s)
{
    return !stop_flag && s->iters < opt.iterations && now_ms() < deadline_ms;
}

/* ---- shared unit registry (callers hold sh.mu) --------------------------------------- */
/* The slot of a unit: live ones, or (live = 0) a released one not reused yet. */
static int slot_find(const char *wip, int live)
{
    for (int i = 0; i < sh.high; i++)
        if (sh.u[i].in_use == live && !strcmp(sh.u[i].wip, wip))
            return i;
    return -1;
}

/* Every transition adds an attempt, completes one or adds a decision: a card with less
 * progress than the registry's is older (its station was slower to report it). */
static int unit_progress(const struct core_unit *u)
{
    int n = u->n_att;
    for (int i = 0; i < u->n_att; i++)
        n += (u->att[i].result != CORE_RES_OPEN) + (u->att[i].decision != CORE_DEC_NONE);
    return n;
}

static int slot_add(const char *wip)
{
    for (int i = 0; i < MAX_UNITS; i++) {
        if (sh.u[i].in_use)
            continue;
        memset(&sh.u[i], 0, sizeof sh.u[i]);
        sh.u[i].in_use = 1;
        snprintf(sh.u[i].wip, sizeof sh.u[i].wip, "%s", wip);
        if (i >= sh.high)
            sh.high = i + 1;
        sh.in_use++;
        return i;
    }
    return -1;
}

static void slot_release(int i, int scrapped)
{
    sh.u[i].in_use = 0;
    sh.in_use--;
    if (scrapped)
        sh.scrapped++;
    else
        sh.done++;
}

/* The registry learns the unit's state from a card the core returned. */
static void unit_sync(struct station *s, const struct core_unit *u)
{
    const struct core_routing *r;
    const struct core_attempt *open, *hold;
    struct stn_err err = { 0 };
    struct slot *sl;
    int i, gone, prog = unit_progress(u);

    if (!u->wip_id[0] || core_routing_get(s->db, &r, &err) != STN_OK)
        return;
    pthread_mutex_lock(&sh.mu);
    i = slot_find(u->wip_id, 1);
    if (i < 0 && (gone = slot_find(u->wip_id, 0)) >= 0 && sh.u[gone].prog >= prog)
        goto out; /* an old card of a unit that is done */
    if (i < 0 && u->status != CORE_US_SCRAPPED && u->serial_status != CORE_SS_SCRAPPED &&
        u->serial_status != CORE_SS_PASSED)
        i = slot_add(u->wip_id);
    if (i < 0 || sh.u[i].prog > prog)
        goto out;
    sl = &sh.u[i];
    sl->prog = prog;
    if (u->status == CORE_US_SCRAPPED || u->serial_status == CORE_SS_SCRAPPED ||
        u->serial_status == CORE_SS_PASSED) {
        slot_release(i, u->serial_status != CORE_SS_PASSED);
        goto out;
    }
    snprintf(sl->serial, sizeof sl->serial, "%s", u->serial_number);
    sl->next = 0;
    for (int k = 0; k < r->n && !sl->next; k++)
        if (r->p[k].active && !core_unit_passed(u, r->p[k].number))
            sl->next = r->p[k].number;
    open = core_unit_open(u);
    sl->open_at = open ? open->process : 0;
    snprintf(sl->open_sid, sizeof sl->open_sid, "%s", open ? open->station_id : "");
    hold = core_unit_on_hold(u);
    sl->hold_at = hold ? hold->process : 0;
    if (hold) {
        const struct core_process *hp = core_routing_find(r, hold->process);
        sl->rework_ok = hp && hp->reworkable && core_unit_rework_count(u) < r->max_rework;
    }
out:
    pthread_mutex_unlock(&sh.mu);
}

/* ---- choosing what to do ---------------------------------------------------------------- */
enum act { A_IDLE, A_COMPLETE, A_DISPOSE, A_CREATE, A_SCAN }; /* by priority */

static int holds_here(const struct station *s, const struct slot *u)
{
    return u->hold_at && (u->hold_at == s->process || opt.stations < 8);
}

/* Picks a unit for this station (a random one among the candidates). */
static enum act pick(struct station *s, struct slot *out)
{
    enum act best = A_IDLE;
    long seen = 0;
    int chosen = -1;

    pthread_mutex_lock(&sh.mu);
    for (int i = 0; i < sh.high; i++) {
        const struct slot *u = &sh.u[i];
        enum act a = A_IDLE;
        if (!u->in_use)
            continue;
        if (u->open_at == s->process && !strcmp(u->open_sid, s->sid))
            a = A_COMPLETE;
        else if (holds_here(s, u))
            a = A_DISPOSE;
        else if (!u->open_at && !u->hold_at && u->next == s->process)
            a = A_SCAN;
        if (a == A_IDLE || (best != A_IDLE && a > best))
            continue;
        if (a < best || best == A_IDLE)
            seen = 0, best = a;
        if ((long)(rnd(s) % (uint64_t)++seen) == 0)
            chosen = i;
    }
    if (chosen >= 0)
        *out = sh.u[chosen];
    if (best != A_COMPLETE && best != A_DISPOSE && s->process == 1 &&
        sh.in_use < (opt.stations * 8 < MAX_UNITS - 64 ? opt.stations * 8 : MAX_UNITS - 64))
        best = A_CREATE;
    pthread_mutex_unlock(&sh.mu);
    return best;
}

static int pick_stray(struct station *s, struct slot *out)
{
    int found = 0;
    pthread_mutex_lock(&sh.mu);
    for (int t = 0; t < MAX_PICK_TRIES && sh.high > 0 && !found; t++) {
        int i = (int)(rnd(s) % (uint64_t)sh.high);
        if (sh.u[i].in_use)
            *out = sh.u[i], found = 1;
    }
    pthread_mutex_unlock(&sh.mu);
    return found;
}

/* ---- outcomes ------------------------------------------------------------------------ */
static void call_begin(struct station *s)
{
    atomic_store(&s->call_ms, (long)now_ms());
}

/* Counts a call's outcome; returns 1 when the connection was lost. */
static int outcome(struct station *s, enum stn_code rc, const struct core_refusal *why,
                   const struct stn_err *err, enum call c, const char *unit,
                   const struct core_answer *ans)
{
    atomic_store(&s->call_ms, 0L);
    switch (rc) {
    case STN_OK: s->ok_after_reconnect++; return 0;
    case STN_E_RULE:
    case STN_E_NOT_FOUND:
    case STN_E_DUPLICATE:
        s->ok_after_reconnect++;
        if (why->code == CORE_R_OK && ans && ans->found && ans->next.action == CORE_ACT_COMPLETE) {
            s->form_needed++; /* a scan of an open attempt with a form: the form decides */
            return 0;
        }
        s->refusals[why->code]++;
        if (why->code == CORE_R_OK && s->silent++ < 3) /* a refusal must say why */
            fprintf(stderr, "stationsim: %s: %s without a reason (call %d, %s): %s [%s]\n", s->sid,
                    stn_code_str(rc), (int)c, unit ? unit : "-", err->msg, err->sqlstate);
        return 0;
    case STN_E_DB_CONN:
        s->conn_errors++;
        if (why->code == CORE_R_UNKNOWN_OUTCOME)
            s->unknown[c]++;
        else
            s->not_recorded++;
        snprintf(s->look, sizeof s->look, "%s", unit ? unit : "");
        return 1;
    case STN_E_DB_BUSY: s->busy++; return 0;
    default:
        if (s->db_errors++ == 0)
            fprintf(stderr, "stationsim: %s: %s (%s) [%s]\n", s->sid, stn_code_str(rc), err->msg,
                    err->sqlstate);
        return 0;
    }
}

static struct core_scan make_scan(const char *text)
{
    struct core_scan sc;
    core_scan_parse(text, strlen(text), "", 0, &sc);
    return sc;
}

static const char *unit_key(const struct station *s, const struct slot *u, int proc)
{
    const struct core_routing *r;
    struct stn_err err = { 0 };
    int conv = core_routing_get(s->db, &r, &err) == STN_OK ? r->conv_number : 7;
    return u->serial[0] && conv && proc >= conv ? u->serial : u->wip;
}

/* ---- actions --------------------------------------------------------------------------- */
static int do_look(struct station *s)
{
    struct core_scan sc = make_scan(s->look);
    struct core_answer ans;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    enum stn_code rc;

    s->look[0] = '\0';
    if (sc.kind != CORE_SCAN_WIP && sc.kind != CORE_SCAN_SERIAL)
        return 0;
    call_begin(s);
    rc = core_unit_look(s->db, &s->op, &sc, &ans, &why, &err);
    atomic_store(&s->call_ms, 0L);
    s->looks++;
    if (rc == STN_OK)
        unit_sync(s, &ans.unit);
    return rc == STN_E_DB_CONN;
}

static const struct core_process *my_process(const struct station *s)
{
    const struct core_routing *r;
    struct stn_err err = { 0 };
    if (core_routing_get(s->db, &r, &err) != STN_OK)
        return NULL;
    return core_routing_find(r, s->process);
}

/* One call of core on a unit: what it scans and what core answers. */
struct unit_call {
    const char *key;
    struct core_scan sc;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
};

/* c made ready for a call on the unit key, and the call's clock started. */
static void unit_call_begin(struct station *s, struct unit_call *c, const char *key)
{
    memset(c, 0, sizeof *c);
    c->key = key;
    c->sc = make_scan(key);
    call_begin(s);
}

/* The call (kind) that returned rc counted by outcome(), and the unit as core answered it
 * kept; 1 when the connection was lost. */
static int unit_call_end(struct station *s, struct unit_call *c, enum stn_code rc, enum call kind)
{
    if (outcome(s, rc, &c->why, &c->err, kind, c->key, &c->ans))
        return 1;
    if (c->ans.found)
        unit_sync(s, &c->ans.unit);
    return 0;
}

static int act_complete(struct station *s, const struct slot *u)
{
    const struct core_process *p = my_process(s);
    struct unit_call c;
    enum stn_code rc;
    int fail = chance(s, opt.fail_pct) && p && p->n_defects > 0;
    int autoscrap = fail && !p->reworkable;

    unit_call_begin(s, &c, unit_key(s, u, s->process));
    if (fail) {
        struct core_completion f = { CORE_RES_FAIL, p->defects[rnd(s) % (uint64_t)p->n_defects],
                                     "stationsim FAIL", NULL };
        rc = core_unit_complete(s->db, &s->op, &c.sc, &f, &c.ans, &c.why, &c.err);
    } else if (p && p->n_fields == 0) { /* read-back (P1) or the serial label (P7) */
        rc = core_unit_scan(s->db, &s->op, &c.sc, &c.ans, &c.why, &c.err);
    } else {
        struct core_completion f = { CORE_RES_PASS, NULL, NULL, s->valp };
        rc = core_unit_complete(s->db, &s->op, &c.sc, &f, &c.ans, &c.why, &c.err);
    }
    if (unit_call_end(s, &c, rc, fail ? (autoscrap ? U_FAIL_AUTO : U_FAIL) : U_PASS))
        return 1;
    if (rc == STN_OK && fail) {
        s->ok[K_FAIL]++;
        s->ok[K_AUTOSCRAP] += autoscrap;
    } else if (rc == STN_OK && (c.ans.done == CORE_ACT_COMPLETE || c.ans.done == CORE_ACT_VERIFY)) {
        s->ok[K_PASS]++;
    } else if (rc == STN_OK) {
        s->ok[c.ans.done == CORE_ACT_START ? K_START : K_CONVERT]++;
    }
    return 0;
}

static int act_dispose(struct station *s, const struct slot *u)
{
    int rework = u->rework_ok && !chance(s, opt.scrap_pct);
    struct unit_call c;
    enum stn_code rc;

    unit_call_begin(s, &c, unit_key(s, u, u->hold_at));
    rc = core_unit_dispose(s->db, &s->sup, &c.sc, rework ? CORE_DEC_REWORK : CORE_DEC_SCRAP,
                           rework ? "stationsim: rework" : "stationsim: scrap", &c.ans, &c.why,
                           &c.err);
    if (unit_call_end(s, &c, rc, rework ? U_REWORK : U_SCRAP))
        return 1;
    if (rc == STN_OK)
        s->ok[rework ? K_REWORK : K_SCRAP]++;
    return 0;
}

static int act_scan(struct station *s, const struct slot *u, int stray)
{
    struct unit_call c;
    enum stn_code rc;

    unit_call_begin(s, &c,
                    stray && u->serial[0] && chance(s, 50) ? u->serial
                                                           : unit_key(s, u, s->process));
    rc = core_unit_scan(s->db, &s->op, &c.sc, &c.ans, &c.why, &c.err);
    if (unit_call_end(s, &c, rc, U_SCAN))
        return 1;
    if (rc == STN_OK && c.ans.done == CORE_ACT_START)
        s->ok[K_START]++;
    else if (rc == STN_OK && c.ans.done == CORE_ACT_CONVERT)
        s->ok[K_CONVERT]++;
    else if (rc == STN_OK && (c.ans.done == CORE_ACT_COMPLETE || c.ans.done == CORE_ACT_VERIFY))
        s->ok[K_PASS]++;
    return 0;
}

/* A production date months before today, or NULL for today. */
static const char *lot_date(int months, char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    int m;

    if (months <= 0)
        return NULL;
    localtime_r(&t, &tm);
    m = tm.tm_year * 12 + tm.tm_mon - months;
    if (m < 100 * 12) /* before 2000: nothing left to number lots with */
        return NULL;
    snprintf(buf, 32, "%04d-%02d-01", 1900 + m / 12, m % 12 + 1);
    return buf;
}

static int new_lot(struct station *s)
{
    struct core_lot l;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    enum stn_code rc;
    char date[32];
    int month;

    pthread_mutex_lock(&sh.mu);
    month = sh.month;
    pthread_mutex_unlock(&sh.mu);
    call_begin(s);
    rc = core_lot_create(s->db, &s->sup, "KR01", "PSA", lot_date(month, date), opt.target, &l, &why,
                         &err);
    if (outcome(s, rc, &why, &err, U_LOT, NULL, NULL))
        rc = STN_E_DB_CONN;
    pthread_mutex_lock(&sh.mu);
    sh.creating_lot = 0;
    if (rc == STN_OK)
        snprintf(sh.lot, sizeof sh.lot, "%s", l.lot_number);
    else if (rc == STN_E_RULE && why.code == CORE_R_LOT_SEQUENCE_FULL && sh.month == month)
        sh.month++; /* 999 lots this month: go on in the month before */
    pthread_mutex_unlock(&sh.mu);
    if (rc == STN_OK)
        s->ok[K_LOT]++;
    return rc == STN_E_DB_CONN;
}

static int act_create(struct station *s)
{
    struct core_label_data l;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    enum stn_code rc;
    char lot[51];
    int need = 0;

    pthread_mutex_lock(&sh.mu);
    snprintf(lot, sizeof lot, "%s", sh.lot);
    if (!lot[0] && !sh.creating_lot)
        need = sh.creating_lot = 1;
    pthread_mutex_unlock(&sh.mu);
    if (need)
        return new_lot(s);
    if (!lot[0]) {
        s->idle++;
        return 0;
    }
    call_begin(s);
    rc = core_wip_create(s->db, &s->op, lot, &l, &why, &err);
    if (outcome(s, rc, &why, &err, U_CREATE, NULL, NULL))
        return 1;
    pthread_mutex_lock(&sh.mu);
    if (rc == STN_OK) {
        int i = slot_add(l.wip_id);
        if (i >= 0) {
            sh.u[i].next = 1;
            sh.u[i].prog = 1; /* one attempt, open */
            sh.u[i].open_at = 1;
            snprintf(sh.u[i].open_sid, sizeof sh.u[i].open_sid, "%s", s->sid);
        }
    } else if (rc == STN_E_RULE && !strcmp(sh.lot, lot)) {
        sh.lot[0] = '\0'; /* full or completed: the next creation opens a new lot */
    }
    pthread_mutex_unlock(&sh.mu);
    if (rc == STN_OK)
        s->ok[K_CREATE]++;
    return 0;
}

/* ---- sessions ---------------------------------------------------------------------------- */
static void form_values(struct station *s)
{
    const struct core_process *p = my_process(s);
    for (int i = 0; p && i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        switch (f->type) {
        case CORE_FT_NUMBER:
            snprintf(s->vals[i], sizeof s->vals[i], "%.2f",
                     f->has_min && f->has_max ? (f->min + f->max) / 2
                     : f->has_min             ? f->min
                                              : 0.0);
            break;
        case CORE_FT_PASSFAIL: snprintf(s->vals[i], sizeof s->vals[i], "PASS"); break;
        case CORE_FT_LOT: snprintf(s->vals[i], sizeof s->vals[i], "%s2025112701", f->prefix); break;
        case CORE_FT_TEXT: snprintf(s->vals[i], sizeof s->vals[i], "v2.1.0"); break;
        }
        s->valp[i] = s->vals[i];
    }
}

static enum stn_code login(struct station *s, const char *badge, const char *pin,
                           struct core_actor *a)
{
    struct core_user u;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };
    enum stn_code rc;

    call_begin(s);
    rc = core_auth_login(s->db, badge, pin, s->sid, 0, &u, &why, &err);
    atomic_store(&s->call_ms, 0L);
    if (rc != STN_OK) {
        if (rc != STN_E_DB_CONN)
            fprintf(stderr, "stationsim: %s: login %s: %s %s\n", s->sid, badge,
                    core_reason_name(why.code), err.msg);
        return rc;
    }
    memset(a, 0, sizeof *a);
    a->user_id = u.id;
    a->role = u.role;
    snprintf(a->name, sizeof a->name, "%s", u.full_name);
    snprintf(a->station_id, sizeof a->station_id, "%s", s->sid);
    a->process = s->process;
    return STN_OK;
}

/* (Re)connects with a bounded exponential backoff (50 ms .. 1 s) until the time bound.
 * Returns 0 when connected. */
static int connect_station(struct station *s)
{
    struct stn_err err = { 0 };
    long delay = 50;

    for (int attempt = 0; attempt < 100000 && running(s); attempt++) {
        enum stn_code rc;
        call_begin(s);
        rc = s->db ? core_db_reconnect(s->db, &err)
                   : core_db_open_conninfo(&s->db, opt.conninfo, s->sid, &err);
        atomic_store(&s->call_ms, 0L);
        if (rc == STN_OK) {
            if (attempt > 0 || s->reconnected || s->conn_errors)
                s->reconnects++, s->reconnected = 1, s->ok_after_reconnect = 0;
            return 0;
        }
        s->reconnect_fail++;
        sleep_ms(delay);
        delay = delay * 2 > 1000 ? 1000 : delay * 2;
    }
    return -1;
}

static int station_setup(struct station *s)
{
    for (int tries = 0; tries < 20 && running(s); tries++) {
        enum stn_code rc;
        if (connect_station(s))
            return -1;
        rc = login(s, "OP-0001", NULL, &s->op);
        if (rc == STN_OK)
            rc = login(s, "MG-0001", "1234", &s->sup);
        if (rc == STN_OK) {
            form_values(s);
            return 0;
        }
        if (rc != STN_E_DB_CONN)
            return s->login_failed = 1, -1;
        s->conn_errors++;
    }
    return -1;
}

static int step(struct station *s)
{
    struct slot u;
    enum act a;

    if (s->look[0] && do_look(s))
        return 1;
    a = pick(s, &u);
    if (a != A_COMPLETE && a != A_DISPOSE && chance(s, opt.stray_pct) && pick_stray(s, &u))
        return act_scan(s, &u, 1);
    switch (a) {
    case A_COMPLETE: return act_complete(s, &u);
    case A_DISPOSE: return act_dispose(s, &u);
    case A_CREATE: return act_create(s);
    case A_SCAN: return act_scan(s, &u, 0);
    default:
        s->idle++;
        sleep_ms(1 + opt.think_ms);
        return 0;
    }
}

static void *station_main(void *arg)
{
    struct station *s = arg;

    if (station_setup(s) == 0) {
        while (running(s)) {
            s->iters++;
            if (step(s)) {
                if (connect_station(s))
                    break;
                continue;
            }
            if (opt.think_ms > 0)
                sleep_ms((long)(rnd(s) % (uint64_t)(opt.think_ms + 1)));
        }
    }
    s->gave_up = running(s);
    atomic_store(&s->finished, 1);
    return NULL;
}

/* ---- report ------------------------------------------------------------------------------ */
struct totals {
    long ok[K_COUNT], unknown[U_COUNT], refusals[CORE_REASON_COUNT];
    long conn_errors, not_recorded, busy, db_errors, reconnects, reconnect_fail, idle, iters;
    long looks, transitions, refused, unknown_all, form_needed;
    int reconnected, progressed, gave_up, login_failed;
};

static void add_station(struct totals *t, const struct station *s)
{
    for (int k = 0; k < K_COUNT; k++)
        t->ok[k] += s->ok[k], t->transitions += k == K_AUTOSCRAP ? 0 : s->ok[k];
    for (int k = 0; k < U_COUNT; k++)
        t->unknown[k] += s->unknown[k], t->unknown_all += s->unknown[k];
    for (int k = 0; k < CORE_REASON_COUNT; k++)
        t->refusals[k] += s->refusals[k], t->refused += s->refusals[k];
    t->conn_errors += s->conn_errors;
    t->not_recorded += s->not_recorded;
    t->busy += s->busy;
    t->db_errors += s->db_errors;
    t->reconnects += s->reconnects;
    t->reconnect_fail += s->reconnect_fail;
    t->idle += s->idle;
    t->iters += s->iters;
    t->looks += s->looks;
    t->form_needed += s->form_needed;
    t->reconnected += s->reconnected;
    t->progressed += s->reconnected && s->ok_after_reconnect > 0;
    t->gave_up += s->gave_up;
    t->login_failed += s->login_failed;
}

static void print_expect(const struct totals *t)
{
    const long *k = t->ok, *u = t->unknown;
    printf("expect lots %ld %ld\n", k[K_LOT], k[K_LOT] + u[U_LOT]);
    printf("expect wip_items %ld %ld\n", k[K_CREATE], k[K_CREATE] + u[U_CREATE]);
    printf("expect attempts %ld %ld\n", k[K_CREATE] + k[K_START] + k[K_CONVERT],
           k[K_CREATE] + k[K_START] + k[K_CONVERT] + u[U_CREATE] + u[U_SCAN]);
    printf("expect serials %ld %ld\n", k[K_CONVERT], k[K_CONVERT] + u[U_SCAN]);
    printf("expect passes %ld %ld\n", k[K_PASS], k[K_PASS] + u[U_SCAN] + u[U_PASS]);
    printf("expect fails %ld %ld\n", k[K_FAIL], k[K_FAIL] + u[U_FAIL] + u[U_FAIL_AUTO]);
    printf("expect dispositions %ld %ld\n", k[K_REWORK] + k[K_SCRAP] + k[K_AUTOSCRAP],
           k[K_REWORK] + k[K_SCRAP] + k[K_AUTOSCRAP] + u[U_REWORK] + u[U_SCRAP] + u[U_FAIL_AUTO]);
    printf("expect reworks %ld %ld\n", k[K_REWORK], k[K_REWORK] + u[U_REWORK]);
    printf("expect scrapped %ld %ld\n", k[K_SCRAP] + k[K_AUTOSCRAP],
           k[K_SCRAP] + k[K_AUTOSCRAP] + u[U_SCRAP] + u[U_FAIL_AUTO]);
}

static void report(double elapsed_s)
{
    struct totals t;

    memset(&t, 0, sizeof t);
    for (int i = 0; i < opt.stations; i++)
        add_station(&t, &stn[i]);
    printf("stationsim: stations=%d seconds=%.1f transitions=%ld refusals=%ld conn_errors=%ld "
           "unknown=%ld not_recorded=%ld busy=%ld db_errors=%ld reconnects=%ld "
           "reconnect_failures=%ld reconnected_stations=%d progressed_after_reconnect=%d "
           "gave_up=%d login_failed=%d hangs=0 units_done=%ld units_scrapped=%ld units_live=%d "
           "looks=%ld form_needed=%ld idle=%ld iterations=%ld\n",
           opt.stations, elapsed_s, t.transitions, t.refused, t.conn_errors, t.unknown_all,
           t.not_recorded, t.busy, t.db_errors, t.reconnects, t.reconnect_fail, t.reconnected,
           t.progressed, t.gave_up, t.login_failed, sh.done, sh.scrapped, sh.in_use, t.looks,
           t.form_needed, t.idle, t.iters);
    printf("kinds:");
    for (int k = 0; k < K_COUNT; k++)
        printf(" %s=%ld", kind_name[k], t.ok[k]);
    printf("\nrefusals:");
    for (int k = 0; k < CORE_REASON_COUNT; k++)
        if (t.refusals[k])
            printf(" %s=%ld", core_reason_name((enum core_reason)k), t.refusals[k]);
    printf("\n");
    print_expect(&t);
    for (int i = 0; opt.verbose && i < opt.stations; i++)
        printf("station %s process=%d iterations=%ld conn_errors=%ld reconnects=%ld "
               "ok_after_reconnect=%ld\n",
               stn[i].sid, stn[i].process, stn[i].iters, stn[i].conn_errors, stn[i].reconnects,
               stn[i].ok_after_reconnect);
}

/* ---- main -------------------------------------------------------------------------------- */
static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_flag, 1);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: stationsim [-c CONNINFO] [-n STATIONS] [-t SECONDS] [-i ITERATIONS]\n"
            "                  [-s SEED] [-f FAIL_PCT] [-x SCRAP_PCT] [-y STRAY_PCT]\n"
            "                  [-w THINK_MS] [-T LOT_TARGET] [-H HANG_S] [-v]\n"
            "  -c libpq conninfo of the station role (\"\": environment)\n"
            "  -n stations (16), -t time bound (20 s), -i actions per station (1e9)\n"
            "  -s PRNG seed (1), -f FAIL per completion (5 %%), -x SCRAP although REWORK\n"
            "     is allowed (10 %%), -y scans of a random unit (2 %%), -w think time (2 ms)\n"
            "  -T lot target (50), -H a call longer than this is a hang: exit 3 (30 s)\n"
            "  -v one line per station\n");
}

static long num(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || end == s || v < lo || v > hi) {
        usage();
        exit(1);
    }
    return v;
}

static void parse(int argc, char **argv)
{
    int c;
    opt = (struct opts){ "", 16, 20, 1000000000L, 1, 5, 10, 2, 2, 50, 30, 0 };
    while ((c = getopt(argc, argv, "c:n:t:i:s:f:x:y:w:T:H:v")) != -1) {
        switch (c) {
        case 'c': opt.conninfo = optarg; break;
        case 'n': opt.stations = (int)num(optarg, 1, MAX_STATIONS); break;
        case 't': opt.seconds = (double)num(optarg, 1, 7 * 24 * 3600); break;
        case 'i': opt.iterations = num(optarg, 1, 1000000000L); break;
        case 's': opt.seed = (unsigned long)num(optarg, 0, 1L << 30); break;
        case 'f': opt.fail_pct = (int)num(optarg, 0, 100); break;
        case 'x': opt.scrap_pct = (int)num(optarg, 0, 100); break;
        case 'y': opt.stray_pct = (int)num(optarg, 0, 100); break;
        case 'w': opt.think_ms = (int)num(optarg, 0, 10000); break;
        case 'T': opt.target = (int)num(optarg, 1, 200); break;
        case 'H': opt.hang_s = (double)num(optarg, 5, 3600); break;
        case 'v': opt.verbose = 1; break;
        default: usage(); exit(1);
        }
    }
    if (optind != argc) {
        usage();
        exit(1);
    }
}

/* Waits for the stations; returns the index of a station stuck in a call, or -1.
 * Time the whole process spent stopped (SIGSTOP, a suspended VM) is no station's
 * fault: a call counts from the end of such a pause at the earliest. */
static int watch(void)
{
    double hard = deadline_ms + opt.hang_s * 1000 + 60000, last = now_ms(), resumed = 0;
    for (long tick = 0; tick < 100L * 1000 * 1000; tick++) {
        int left = 0;
        double t = now_ms();
        if (t - last > 2000) { /* this thread did not run for 2 s: the process was stopped */
            resumed = t;
            hard += t - last;
        }
        last = t;
        for (int i = 0; i < opt.stations; i++) {
            double c = (double)atomic_load(&stn[i].call_ms);
            left += !atomic_load(&stn[i].finished);
            if (c > 0 && t - (c > resumed ? c : resumed) > opt.hang_s * 1000)
                return i;
        }
        if (!left)
            return -1;
        if (t > hard)
            return 0;
        sleep_ms(100);
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    double start;
    int hung;

    parse(argc, argv);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    pthread_mutex_init(&sh.mu, NULL);
    stn = calloc((size_t)opt.stations, sizeof *stn);
    if (!stn)
        return 1;
    start = now_ms();
    deadline_ms = start + opt.seconds * 1000;
    for (int i = 0; i < opt.stations; i++) {
        struct station *s = &stn[i];
        s->idx = i;
        s->process = 1 + i % 8;
        snprintf(s->sid, sizeof s->sid, "P%d-S%02d", s->process, i);
        s->rng = (opt.seed + 1) * 0x9E3779B97F4A7C15ULL + (uint64_t)i * 0xBF58476D1CE4E5B9ULL;
        if (pthread_create(&s->th, NULL, station_main, s) != 0) {
            fprintf(stderr, "stationsim: cannot start station %d\n", i);
            return 1;
        }
    }
    hung = watch();
    if (hung >= 0) {
        printf("stationsim: HANG: station %s in a call for more than %.0f s\n", stn[hung].sid,
               opt.hang_s);
        fflush(stdout);
        _exit(3);
    }
    for (int i = 0; i < opt.stations; i++)
        pthread_join(stn[i].th, NULL);
    report((now_ms() - start) / 1000);
    for (int i = 0; i < opt.stations; i++)
        core_db_close(stn[i].db);
    free(stn);
    pthread_mutex_destroy(&sh.mu);
    return 0;
}
