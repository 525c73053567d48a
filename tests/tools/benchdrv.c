/* tests/tools/benchdrv.c — benchmark driver: stations as threads, through the core API.
 *
 *   benchdrv migrate ADMIN
 *   benchdrv rt STATION ADMIN [SERVER_LOG]
 *   benchdrv load STATION ADMIN NAME STATIONS SECONDS [WARMUP_S [RATE_PER_STATION]]
 *   benchdrv query STATION ADMIN NAME SAMPLES
 *   benchdrv explain STATION ADMIN
 *   benchdrv prep STATION ADMIN N
 *
 * STATION is the libpq conninfo of the station role (wip_station), ADMIN a superuser's.
 * Each station thread has its own core session and drives whole routes, exactly as the
 * stations of a line would: core_wip_create and the read-back scan at process 1,
 * core_unit_scan (start) + core_unit_complete (passing form values) at 2-6 and 8,
 * core_unit_scan convert + verify at 7. Every call is one transition (one transaction).
 *
 * rt:      one warm route; per transition the round trips counted by the core
 *          (core_db_round_trips), the request/response turns seen on the wire by a
 *          loopback proxy in between, and (with SERVER_LOG) the statements the server
 *          logged (log_statement = all for the station role, this database only).
 * load:    closed loop (RATE 0) or paced at RATE scans/s per station (latency counted
 *          from the scheduled time, so a late start counts); WARMUP_S then SECONDS.
 * query:   unit card (core_unit_look), trace of a unit and of a lot (core_trace_get),
 *          line board (core_board_get) on SAMPLES random units (seeded).
 * explain: the same queries a few times with auto_explain (ANALYZE, BUFFERS) enabled
 *          for the station role in this database; the plans go to the server log.
 * prep:    a new lot and N WIPs that passed process 1 (for the terminal benchmark);
 *          prints their WIP IDs.
 *
 * Output: "key value" lines on stdout (times in ms); diagnostics on stderr. Every loop is
 * bounded in count and in time. Exit 0, 1 on failure, 2 on usage. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <libpq-fe.h>

#include "core/auth.h"
#include "core/db.h"
#include "core/lot.h"
#include "core/migrate.h"
#include "core/query.h"
#include "core/routing.h"
#include "core/unit.h"

#define MAX_STATIONS 64
#define MAX_SAMPLES (1L << 21) /* per station */
#define MAX_LOTS 400           /* per station and run */
#define MAX_QUERY_SAMPLES 1000
#define MAX_SECONDS 600
#define NPROC 8

enum kind { K_CREATE, K_READBACK, K_START, K_COMPLETE, K_CONVERT, K_VERIFY, K_COUNT };
static const char *const kind_name[K_COUNT] = { "create",   "readback", "start",
                                                "complete", "convert",  "verify" };

/* One step of a route: what to do at which process, and what the core must answer. */
struct step {
    enum kind kind;
    int process;
    int on_serial; /* scan the serial instead of the WIP ID */
};
static const struct step route_steps[] = {
    { K_CREATE, 1, 0 },  { K_READBACK, 1, 0 }, { K_START, 2, 0 }, { K_COMPLETE, 2, 0 },
    { K_START, 3, 0 },   { K_COMPLETE, 3, 0 }, { K_START, 4, 0 }, { K_COMPLETE, 4, 0 },
    { K_START, 5, 0 },   { K_COMPLETE, 5, 0 }, { K_START, 6, 0 }, { K_COMPLETE, 6, 0 },
    { K_CONVERT, 7, 0 }, { K_VERIFY, 7, 1 },   { K_START, 8, 1 }, { K_COMPLETE, 8, 1 },
};
#define ROUTE_LEN ((int)(sizeof route_steps / sizeof route_steps[0]))

struct sample {
    int64_t ns;
    int kind;
};

struct station;
typedef void (*step_hook)(struct station *s, const struct step *st, int64_t ns);

struct station {
    int idx;
    const char *conninfo;
    struct core_db *db;
    struct core_actor act[NPROC + 1]; /* by process */
    struct core_actor mgr;
    const char *vals[NPROC + 1][CORE_MAX_FIELDS];
    char valbuf[NPROC + 1][CORE_MAX_FIELDS][48];
    char lot[51];
    int lot_left, lots;
    char wip[CORE_WIP_LEN + 1];
    char serial[51];
    /* pacing and measurement */
    int64_t period_ns, next_due;
    int64_t win_start, win_end;
    struct sample *smp;
    long n_smp, cap_smp;
    long late, errors, units;
    long done_all; /* transitions done, warm-up included (CPU per transition) */
    int setup_failed;
    step_hook hook; /* rt mode */
    void *hook_ctx;
    pthread_t th;
};

/* ---- time ------------------------------------------------------------------------ */
static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
    struct timespec ts = { (time_t)(t / 1000000000LL), (long)(t % 1000000000LL) };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

static double ms(int64_t ns)
{
    return (double)ns / 1e6;
}

/* ---- admin connection (libpq directly: setup and sampling, never measured) ---------- */
static PGconn *admin_open(const char *conninfo)
{
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "benchdrv: admin connect: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* Runs sql; returns the result (caller clears) or NULL after printing the error. */
static PGresult *admin_q(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        fprintf(stderr, "benchdrv: %s\n  in: %.200s\n", PQerrorMessage(c), sql);
        PQclear(r);
        return NULL;
    }
    return r;
}

static int admin_do(PGconn *c, const char *sql)
{
    PGresult *r = admin_q(c, sql);
    PQclear(r);
    return r ? 0 : -1;
}

/* ---- statistics -------------------------------------------------------------------- */
static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static int64_t pct(const int64_t *v, long n, double p)
{
    long k;
    if (n <= 0)
        return 0;
    k = (long)((p / 100.0) * (double)n + 0.999999) - 1;
    if (k < 0)
        k = 0;
    if (k >= n)
        k = n - 1;
    return v[k];
}

static void print_dist(const char *prefix, int64_t *v, long n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_i64);
    printf("%s.n %ld\n", prefix, n);
    if (n == 0)
        return;
    printf("%s.p50 %.3f\n", prefix, ms(pct(v, n, 50)));
    printf("%s.p90 %.3f\n", prefix, ms(pct(v, n, 90)));
    printf("%s.p99 %.3f\n", prefix, ms(pct(v, n, 99)));
    printf("%s.p999 %.3f\n", prefix, ms(pct(v, n, 99.9)));
    printf("%s.max %.3f\n", prefix, ms(v[n - 1]));
}

/* ---- stations ---------------------------------------------------------------------- */
static int64_t user_id(PGconn *adm, const char *badge)
{
    char sql[160];
    PGresult *r;
    int64_t id = 0;
    snprintf(sql, sizeof sql, "SELECT id FROM users WHERE badge_code = '%s'", badge);
    if ((r = admin_q(adm, sql)) != NULL && PQntuples(r) == 1)
        id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return id;
}

/* Actors of station idx at each process: the equipment of that process, the operator. */
static int actors_init(struct station *s, PGconn *adm)
{
    PGresult *r = admin_q(adm, "SELECT p.process_number, min(e.id) FROM processes p"
                               " LEFT JOIN equipment e ON e.process_id = p.id AND e.is_active"
                               " GROUP BY 1 ORDER BY 1");
    int64_t op = user_id(adm, "OP-0001"), mg = user_id(adm, "MG-0001");
    if (!r || !op || !mg) {
        PQclear(r);
        fprintf(stderr, "benchdrv: no routing or demo users (load tools/demo-master.sql)\n");
        return -1;
    }
    for (int n = 0; n <= NPROC; n++) {
        struct core_actor *a = &s->act[n];
        memset(a, 0, sizeof *a);
        a->user_id = op;
        a->role = CORE_ROLE_OPERATOR;
        snprintf(a->name, sizeof a->name, "Kim Minsu");
        snprintf(a->station_id, sizeof a->station_id, "P%d-B%02d", n, s->idx);
        a->process = n;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        int n = atoi(PQgetvalue(r, i, 0));
        if (n >= 1 && n <= NPROC)
            s->act[n].equipment_id = strtoll(PQgetvalue(r, i, 1), NULL, 10);
    }
    PQclear(r);
    s->mgr = s->act[1];
    s->mgr.user_id = mg;
    s->mgr.role = CORE_ROLE_MANAGER;
    snprintf(s->mgr.name, sizeof s->mgr.name, "Lee Jiyoung");
    return 0;
}

/* Form values that pass every field of every process. */
static int values_init(struct station *s)
{
    const struct core_routing *r;
    struct stn_err err;
    if (core_routing_get(s->db, &r, &err) != STN_OK) {
        fprintf(stderr, "benchdrv: routing: %s\n", err.msg);
        return -1;
    }
    for (int n = 1; n <= NPROC; n++) {
        const struct core_process *p = core_routing_find(r, n);
        for (int i = 0; p && i < p->n_fields && i < CORE_MAX_FIELDS; i++) {
            const struct core_field *f = &p->fields[i];
            char *v = s->valbuf[n][i];
            size_t len = sizeof s->valbuf[n][i];
            switch (f->type) {
            case CORE_FT_NUMBER:
                snprintf(v, len, "%.2f", f->has_min && f->has_max ? (f->min + f->max) / 2 : 1.0);
                break;
            case CORE_FT_PASSFAIL: snprintf(v, len, "PASS"); break;
            case CORE_FT_LOT: snprintf(v, len, "%s2025112701", f->prefix); break;
            case CORE_FT_TEXT: snprintf(v, len, "v2.1.0"); break;
            }
            s->vals[n][i] = v;
        }
    }
    return 0;
}

/* Connects as the station role and logs the operator and the supervisor in (as a
 * station does at the start of a shift). */
static int station_open(struct station *s, PGconn *adm)
{
    struct stn_err err;
    struct core_user u;
    struct core_refusal why;
    char sid[24];

    snprintf(sid, sizeof sid, "BENCH-%02d", s->idx);
    if (actors_init(s, adm) != 0)
        return -1;
    if (core_db_open_conninfo(&s->db, s->conninfo, sid, &err) != STN_OK) {
        fprintf(stderr, "benchdrv: station %d: %s\n", s->idx, err.msg);
        return -1;
    }
    if (core_auth_login(s->db, "OP-0001", NULL, sid, 0, &u, &why, &err) != STN_OK ||
        core_auth_login(s->db, "MG-0001", "1234", sid, 0, &u, &why, &err) != STN_OK) {
        fprintf(stderr, "benchdrv: station %d: login: %s %s %s\n", s->idx,
                core_reason_name(why.code), why.a, err.msg);
        return -1;
    }
    return values_init(s);
}

static int new_lot(struct station *s)
{
    struct core_lot l;
    struct core_refusal why;
    struct stn_err err;
    if (s->lots >= MAX_LOTS ||
        core_lot_create(s->db, &s->mgr, "KR01", "PSA", NULL, 200, &l, &why, &err) != STN_OK) {
        fprintf(stderr, "benchdrv: station %d: lot: %s %s\n", s->idx, core_reason_name(why.code),
                err.msg);
        return -1;
    }
    snprintf(s->lot, sizeof s->lot, "%s", l.lot_number);
    s->lot_left = l.target;
    s->lots++;
    return 0;
}

static void record(struct station *s, const struct step *st, int64_t t0, int64_t t1)
{
    s->done_all++;
    if (s->hook) {
        s->hook(s, st, t1 - t0);
        return;
    }
    if (t0 < s->win_start || t0 >= s->win_end || s->n_smp >= MAX_SAMPLES)
        return;
    if (s->n_smp == s->cap_smp) {
        long cap = s->cap_smp ? s->cap_smp * 2 : 4096;
        struct sample *n = realloc(s->smp, sizeof *n * (size_t)cap);
        if (!n)
            return;
        s->smp = n;
        s->cap_smp = cap;
    }
    s->smp[s->n_smp].ns = t1 - t0;
    s->smp[s->n_smp].kind = st->kind;
    s->n_smp++;
}

static void report_error(struct station *s, const struct step *st, enum stn_code rc,
                         const struct core_answer *ans, const struct core_refusal *why,
                         const struct stn_err *err)
{
    if (++s->errors <= 3)
        fprintf(stderr, "benchdrv: station %d: %s at P%d of %s: rc=%s done=%d: %s %s\n", s->idx,
                kind_name[st->kind], st->process, s->wip, stn_code_str(rc),
                ans ? (int)ans->done : -1, core_reason_name(why->code),
                rc == STN_OK ? "" : err->msg);
}

/* One transition: paced (when a period is set), timed, checked. 0 when it did what
 * the route expects. */
static int do_step(struct station *s, const struct step *st)
{
    static const enum core_action expect[K_COUNT] = { CORE_ACT_NONE,    CORE_ACT_COMPLETE,
                                                      CORE_ACT_START,   CORE_ACT_COMPLETE,
                                                      CORE_ACT_CONVERT, CORE_ACT_VERIFY };
    const struct core_actor *a = &s->act[st->process];
    const char *id = st->on_serial ? s->serial : s->wip;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    enum stn_code rc;
    int64_t t0, t1;

    memset(&why, 0, sizeof why);
    memset(&err, 0, sizeof err);
    if (s->period_ns > 0) {
        int64_t due = s->next_due;
        s->next_due += s->period_ns;
        if (now_ns() < due)
            sleep_until(due);
        else if (now_ns() - due > s->period_ns && due >= s->win_start && due < s->win_end)
            s->late++;
        t0 = due;
    } else {
        t0 = now_ns();
    }
    if (st->kind == K_CREATE) {
        struct core_label_data l;
        rc = core_wip_create(s->db, a, s->lot, &l, &why, &err);
        t1 = now_ns();
        if (rc != STN_OK) {
            report_error(s, st, rc, NULL, &why, &err);
            return -1;
        }
        snprintf(s->wip, sizeof s->wip, "%s", l.wip_id);
        s->serial[0] = '\0';
        s->lot_left--;
        record(s, st, t0, t1);
        return 0;
    }
    core_scan_parse(id, strlen(id), "", 0, &sc);
    if (st->kind == K_COMPLETE) {
        struct core_completion c = { CORE_RES_PASS, NULL, NULL, s->vals[st->process] };
        rc = core_unit_complete(s->db, a, &sc, &c, &ans, &why, &err);
    } else {
        rc = core_unit_scan(s->db, a, &sc, &ans, &why, &err);
    }
    t1 = now_ns();
    if (rc != STN_OK || ans.done != expect[st->kind]) {
        report_error(s, st, rc, &ans, &why, &err);
        return -1;
    }
    if (st->kind == K_CONVERT)
        snprintf(s->serial, sizeof s->serial, "%s", ans.unit.serial_number);
    record(s, st, t0, t1);
    return 0;
}

/* One unit through processes 1-8; stops early (abandoning the unit) after end. */
static int route(struct station *s, int64_t end)
{
    if (s->lot_left <= 0 && new_lot(s) != 0)
        return -1;
    for (int i = 0; i < ROUTE_LEN; i++) {
        if (end && now_ns() >= end)
            return 0;
        if (do_step(s, &route_steps[i]) != 0)
            return s->errors > 100 ? -1 : 0; /* abandon the unit; too many errors: stop */
    }
    s->units++;
    return 0;
}

/* ---- migrate --------------------------------------------------------------------- */
static int cmd_migrate(const char *admin)
{
    struct core_db *db;
    struct stn_err err;
    FILE *devnull = fopen("/dev/null", "w");
    int rc = 0;
    if (core_db_open_conninfo(&db, admin, "bench-migrate", &err) != STN_OK) {
        fprintf(stderr, "benchdrv: %s\n", err.msg);
        if (devnull)
            fclose(devnull);
        return 1;
    }
    if (core_migrate_up(db, 0, devnull ? devnull : stderr, &err) != STN_OK) {
        fprintf(stderr, "benchdrv: migrate: %s\n", err.msg);
        rc = 1;
    }
    core_db_close(db);
    if (devnull)
        fclose(devnull);
    return rc;
}

/* ---- rt: round trips per transition ------------------------------------------------- */
/* A loopback proxy between the station and the server that counts turns: a turn starts
 * when the client sends after the server last spoke (or first). For a client that waits
 * for the server after sending, turns = round trips. */
struct proxy {
    int lfd, cfd, sfd, port;
    struct sockaddr_in up;
    atomic_long turns;
    atomic_int stop;
    pthread_t th;
};

static int pump(int from, int to)
{
    char buf[65536];
    ssize_t n = read(from, buf, sizeof buf);
    if (n <= 0)
        return -1;
    for (ssize_t off = 0; off < n;) {
        ssize_t w = write(to, buf + off, (size_t)(n - off));
        if (w <= 0)
            return -1;
        off += w;
    }
    return 0;
}

static void *proxy_main(void *arg)
{
    struct proxy *p = arg;
    struct pollfd pf[2];
    int last = 0;
    int64_t deadline = now_ns() + 10LL * 1000000000LL;

    pf[0].fd = p->lfd;
    pf[0].events = POLLIN;
    while (!atomic_load(&p->stop) && now_ns() < deadline)
        if (poll(pf, 1, 100) > 0)
            break;
    if (atomic_load(&p->stop) || (p->cfd = accept(p->lfd, NULL, NULL)) < 0)
        return NULL;
    p->sfd = socket(AF_INET, SOCK_STREAM, 0);
    if (p->sfd < 0 || connect(p->sfd, (struct sockaddr *)&p->up, sizeof p->up) != 0) {
        perror("benchdrv: proxy connect");
        return NULL;
    }
    pf[0].fd = p->cfd;
    pf[1].fd = p->sfd;
    pf[1].events = POLLIN;
    /* bounded: the run stops the proxy; at most MAX_SECONDS of forwarding */
    deadline = now_ns() + (int64_t)MAX_SECONDS * 1000000000LL;
    while (!atomic_load(&p->stop) && now_ns() < deadline) {
        int n = poll(pf, 2, 100);
        if (n <= 0)
            continue;
        if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (last != 1)
                atomic_fetch_add(&p->turns, 1);
            last = 1;
            if (pump(p->cfd, p->sfd) != 0)
                break;
        }
        if (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            last = 2;
            if (pump(p->sfd, p->cfd) != 0)
                break;
        }
    }
    return NULL;
}

static int proxy_start(struct proxy *p, const char *host, const char *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;

    memset(p, 0, sizeof *p);
    p->cfd = p->sfd = -1;
    p->up.sin_family = AF_INET;
    p->up.sin_port = htons((uint16_t)atoi(port));
    if (inet_pton(AF_INET, host, &p->up.sin_addr) != 1) {
        fprintf(stderr, "benchdrv: rt needs a TCP conninfo (host=127.0.0.1), not '%s'\n", host);
        return -1;
    }
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((p->lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
        bind(p->lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(p->lfd, 1) != 0 ||
        getsockname(p->lfd, (struct sockaddr *)&a, &len) != 0) {
        perror("benchdrv: proxy");
        return -1;
    }
    p->port = ntohs(a.sin_port);
    if (pthread_create(&p->th, NULL, proxy_main, p) != 0)
        return -1;
    return 0;
}

static void proxy_stop(struct proxy *p)
{
    atomic_store(&p->stop, 1);
    pthread_join(p->th, NULL);
    if (p->cfd >= 0)
        close(p->cfd);
    if (p->sfd >= 0)
        close(p->sfd);
    close(p->lfd);
}

/* Counts the statements the server logged since the last call. */
struct logcount {
    FILE *f;
};

static long log_statements(struct logcount *lc)
{
    char line[4096];
    long n = 0;
    if (!lc->f)
        return -1;
    clearerr(lc->f);
    while (fgets(line, sizeof line, lc->f))
        if (strstr(line, "LOG:  execute ") || strstr(line, "LOG:  statement: "))
            n++;
    return n;
}

struct rt_ctx {
    struct proxy *px;
    struct logcount *lc;
    long rt0, turns0;
    int print;
};

static void rt_hook(struct station *s, const struct step *st, int64_t ns)
{
    struct rt_ctx *c = s->hook_ctx;
    long rt = core_db_round_trips(s->db), turns = atomic_load(&c->px->turns);
    long stmts = log_statements(c->lc);
    if (c->print) {
        char key[48];
        snprintf(key, sizeof key, "rt.p%d.%s", st->process, kind_name[st->kind]);
        printf("%s.core %ld\n%s.wire %ld\n%s.statements %ld\n%s.ms %.3f\n", key, rt - c->rt0, key,
               turns - c->turns0, key, stmts, key, ms(ns));
    }
    c->rt0 = rt;
    c->turns0 = turns;
}

static void rt_reset(struct station *s, struct rt_ctx *c)
{
    c->rt0 = core_db_round_trips(s->db);
    c->turns0 = atomic_load(&c->px->turns);
    log_statements(c->lc);
}

/* One read-only call measured the same way. */
static void rt_query(struct station *s, struct rt_ctx *c, const char *name, int which)
{
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    int64_t t0;
    long rt, turns, stmts;

    rt_reset(s, c);
    t0 = now_ns();
    if (which == 0) {
        core_scan_parse(s->wip, strlen(s->wip), "", 0, &sc);
        if (core_unit_look(s->db, &s->act[8], &sc, &ans, &why, &err) != STN_OK)
            fprintf(stderr, "benchdrv: look: %s %s\n", core_reason_name(why.code), why.a);
    } else if (which == 1) {
        struct core_trace t;
        if (core_trace_get(s->db, s->serial, &t, &err) != STN_OK)
            fprintf(stderr, "benchdrv: trace: %s\n", err.msg);
        core_trace_fini(&t);
    } else {
        struct core_board b;
        if (core_board_get(s->db, 64, &b, &err) != STN_OK)
            fprintf(stderr, "benchdrv: board: %s\n", err.msg);
        core_board_fini(&b);
    }
    t0 = now_ns() - t0;
    rt = core_db_round_trips(s->db) - c->rt0;
    turns = atomic_load(&c->px->turns) - c->turns0;
    stmts = log_statements(c->lc);
    printf("rt.%s.core %ld\nrt.%s.wire %ld\nrt.%s.statements %ld\nrt.%s.ms %.3f\n", name, rt, name,
           turns, name, stmts, name, ms(t0));
}

static int cmd_rt(const char *station, const char *admin, const char *server_log)
{
    PQconninfoOption *opts = PQconninfoParse(station, NULL);
    const char *host = "", *port = "5432";
    struct station s;
    struct proxy px;
    struct logcount lc = { NULL };
    struct rt_ctx c;
    char conninfo[1024], sql[256];
    PGconn *adm = admin_open(admin);
    int rc = 1;

    memset(&s, 0, sizeof s);
    memset(&c, 0, sizeof c);
    if (!opts || !adm) {
        PQconninfoFree(opts);
        PQfinish(adm);
        return 1;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!strcmp(o->keyword, "host") && o->val)
            host = o->val;
        if (!strcmp(o->keyword, "port") && o->val)
            port = o->val;
    }
    if (proxy_start(&px, host, port) != 0) {
        PQconninfoFree(opts);
        PQfinish(adm);
        return 1;
    }
    /* later keywords win: the station talks to the proxy */
    snprintf(conninfo, sizeof conninfo, "%s host=127.0.0.1 port=%d", station, px.port);
    PQconninfoFree(opts);
    if (server_log) {
        snprintf(sql, sizeof sql,
                 "ALTER ROLE wip_station IN DATABASE \"%s\" SET log_statement = 'all'", PQdb(adm));
        if (admin_do(adm, sql) != 0)
            goto out;
        if (!(lc.f = fopen(server_log, "r")))
            perror(server_log);
        else
            fseek(lc.f, 0, SEEK_END);
    }
    c.px = &px;
    c.lc = &lc;
    s.conninfo = conninfo;
    s.hook = rt_hook;
    s.hook_ctx = &c;
    if (station_open(&s, adm) != 0)
        goto out;
    /* first route warms the session (routing cached, statements prepared), the second
     * is the one reported */
    for (int pass = 0; pass < 2; pass++) {
        c.print = pass == 1;
        rt_reset(&s, &c);
        if (route(&s, 0) != 0 || s.errors)
            goto out;
    }
    rt_query(&s, &c, "look", 0);
    rt_query(&s, &c, "trace", 1);
    rt_query(&s, &c, "board", 2);
    rc = 0;
out:
    core_db_close(s.db);
    proxy_stop(&px);
    if (lc.f)
        fclose(lc.f);
    if (server_log) {
        snprintf(sql, sizeof sql, "ALTER ROLE wip_station IN DATABASE \"%s\" RESET log_statement",
                 PQdb(adm));
        admin_do(adm, sql);
    }
    PQfinish(adm);
    return rc;
}

/* ---- load ------------------------------------------------------------------------- */
static pthread_barrier_t g_barrier;
static int64_t g_t0, g_warm_ns, g_dur_ns;
static double g_rate;

static void *station_main(void *arg)
{
    struct station *s = arg;
    int64_t end;
    long guard = 0;

    pthread_barrier_wait(&g_barrier); /* every station connected and logged in */
    s->win_start = g_t0 + g_warm_ns;
    s->win_end = s->win_start + g_dur_ns;
    end = s->win_end;
    if (g_rate > 0) {
        s->period_ns = (int64_t)(1e9 / g_rate);
        /* independent scanners: a random phase within the first period */
        s->next_due = g_t0 +
                      (int64_t)((double)s->period_ns * (double)((s->idx * 7919) % 1000) / 1000.0);
    }
    if (now_ns() < g_t0)
        sleep_until(g_t0);
    while (!s->setup_failed && now_ns() < end && guard++ < 10000000L)
        if (route(s, end) != 0)
            break;
    return NULL;
}

/* A line board's view of the run: the change notifications (LISTEN wip_events) that
 * arrive during the timed window, counted on a session of its own while the stations run.
 * Returns the count, or -1 when the session failed. */
static long listen_window(PGconn *lis)
{
    int64_t from = g_t0 + g_warm_ns, to = from + g_dur_ns;
    long n = 0;
    PGnotify *x;

    while (now_ns() < to + 300000000LL) { /* and 0.3 s for the last commits */
        sleep_until(now_ns() + 20000000LL);
        if (!PQconsumeInput(lis))
            return -1;
        while ((x = PQnotifies(lis)) != NULL) {
            int64_t t = now_ns();
            if (t >= from && t < to + 300000000LL)
                n++;
            PQfreemem(x);
        }
    }
    return n;
}

static int cmd_load(const char *station, const char *admin, const char *name, int n, double seconds,
                    double warmup, double rate)
{
    struct station *st = calloc((size_t)n, sizeof *st);
    PGconn *adm = admin_open(admin), *lis = admin_open(admin);
    PGresult *lr;
    int64_t *v, lots = 0;
    long total = 0, errors = 0, late = 0, units = 0, all = 0, heard;
    int rc = 0, started = 0;

    if (!st || !adm || !lis) {
        free(st);
        PQfinish(adm);
        PQfinish(lis);
        return 1;
    }
    lr = PQexec(lis, "LISTEN wip_events");
    PQclear(lr);
    for (int i = 0; i < n; i++) {
        st[i].idx = i + 1;
        st[i].conninfo = station;
        if (station_open(&st[i], adm) != 0 || new_lot(&st[i]) != 0) {
            st[i].setup_failed = 1;
            rc = 1;
        }
    }
    PQfinish(adm);
    if (rc != 0)
        goto out;
    g_warm_ns = (int64_t)(warmup * 1e9);
    g_dur_ns = (int64_t)(seconds * 1e9);
    g_rate = rate;
    pthread_barrier_init(&g_barrier, NULL, (unsigned)n + 1);
    for (int i = 0; i < n; i++)
        if (pthread_create(&st[i].th, NULL, station_main, &st[i]) == 0)
            started++;
    if (started != n) { /* cannot happen with 64 threads; fail loudly */
        fprintf(stderr, "benchdrv: only %d of %d threads\n", started, n);
        exit(1);
    }
    g_t0 = now_ns() + 20000000LL;
    pthread_barrier_wait(&g_barrier);
    heard = listen_window(lis);
    PQfinish(lis);
    for (int i = 0; i < n; i++)
        pthread_join(st[i].th, NULL);
    pthread_barrier_destroy(&g_barrier);
    for (int i = 0; i < n; i++) {
        total += st[i].n_smp;
        errors += st[i].errors;
        late += st[i].late;
        units += st[i].units;
        lots += st[i].lots;
        all += st[i].done_all;
    }
    printf("%s.stations %d\n%s.seconds %.1f\n%s.rate %.1f\n", name, n, name, seconds, name, rate);
    printf("%s.transitions_all %ld\n", name, all);
    printf("%s.notifications %ld\n%s.notify_per_s %.1f\n", name, heard, name,
           heard < 0 ? -1.0 : (double)heard / seconds);
    printf("%s.transitions %ld\n%s.tps %.1f\n%s.errors %ld\n%s.late %ld\n%s.units %ld\n"
           "%s.lots %lld\n",
           name, total, name, (double)total / seconds, name, errors, name, late, name, units, name,
           (long long)lots);
    v = malloc(sizeof *v * (size_t)(total ? total : 1));
    if (!v) {
        rc = 1;
        goto out;
    }
    for (int k = -1; k < K_COUNT; k++) {
        char prefix[64];
        long m = 0;
        for (int i = 0; i < n; i++)
            for (long j = 0; j < st[i].n_smp; j++)
                if (k < 0 || st[i].smp[j].kind == k)
                    v[m++] = st[i].smp[j].ns;
        if (k < 0)
            snprintf(prefix, sizeof prefix, "%s.all", name);
        else
            snprintf(prefix, sizeof prefix, "%s.%s", name, kind_name[k]);
        print_dist(prefix, v, m);
    }
    free(v);
    if (errors)
        rc = 1;
out:
    for (int i = 0; i < n; i++) {
        core_db_close(st[i].db);
        free(st[i].smp);
    }
    free(st);
    return rc;
}

/* ---- query / explain -------------------------------------------------------------------- */
struct unit_ref {
    char wip[CORE_WIP_LEN + 1];
    char serial[51];
    char lot[51];
};

static long sample_units(PGconn *adm, struct unit_ref *u, long n)
{
    char sql[512];
    PGresult *r;
    long got;
    snprintf(sql, sizeof sql,
             "SELECT setseed(0.42); SELECT w.wip_id, COALESCE(s.serial_number, ''), l.lot_number"
             " FROM wip_items w JOIN lots l ON l.id = w.lot_id"
             " LEFT JOIN serials s ON s.id = w.serial_id ORDER BY random() LIMIT %ld",
             n);
    if (!(r = admin_q(adm, sql)))
        return -1;
    got = PQntuples(r);
    for (long i = 0; i < got; i++) {
        snprintf(u[i].wip, sizeof u[i].wip, "%s", PQgetvalue(r, (int)i, 0));
        snprintf(u[i].serial, sizeof u[i].serial, "%s", PQgetvalue(r, (int)i, 1));
        snprintf(u[i].lot, sizeof u[i].lot, "%s", PQgetvalue(r, (int)i, 2));
    }
    PQclear(r);
    return got;
}

enum q_kind { Q_CARD, Q_TRACE_UNIT, Q_TRACE_LOT, Q_BOARD, Q_COUNT };
static const char *const q_name[Q_COUNT] = { "card", "trace", "lottrace", "board" };

/* One read-only call; returns its time, *rows what it returned, -1 on error. */
static int64_t one_query(struct station *s, enum q_kind k, const struct unit_ref *u, long i,
                         long *rows)
{
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    struct core_scan sc;
    const char *id = (i % 2 && u->serial[0]) ? u->serial : u->wip;
    enum stn_code rc = STN_OK;
    int64_t t0 = now_ns(), t;

    *rows = 0;
    switch (k) {
    case Q_CARD:
        core_scan_parse(id, strlen(id), "", 0, &sc);
        rc = core_unit_look(s->db, &s->act[8], &sc, &ans, &why, &err);
        *rows = ans.unit.n_att;
        break;
    case Q_TRACE_UNIT:
    case Q_TRACE_LOT: {
        struct core_trace tr;
        rc = core_trace_get(s->db, k == Q_TRACE_LOT ? u->lot : id, &tr, &err);
        *rows = tr.n;
        core_trace_fini(&tr);
        break;
    }
    case Q_BOARD: {
        struct core_board b;
        rc = core_board_get(s->db, 64, &b, &err);
        *rows = b.n;
        core_board_fini(&b);
        break;
    }
    case Q_COUNT: break;
    }
    t = now_ns() - t0;
    if (rc != STN_OK) {
        fprintf(stderr, "benchdrv: %s %s: %s\n", q_name[k], id, stn_code_str(rc));
        return -1;
    }
    return t;
}

static int query_session(struct station *s, const char *station, PGconn *adm)
{
    struct stn_err err;
    memset(s, 0, sizeof *s);
    s->idx = 99;
    s->conninfo = station;
    if (actors_init(s, adm) != 0)
        return -1;
    if (core_db_open_conninfo(&s->db, station, "BENCH-QUERY", &err) != STN_OK) {
        fprintf(stderr, "benchdrv: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int cmd_query(const char *station, const char *admin, const char *name, long n)
{
    PGconn *adm = admin_open(admin);
    struct unit_ref *u = calloc((size_t)n, sizeof *u);
    int64_t *v = calloc((size_t)n, sizeof *v);
    struct station s;
    long got, rows;
    int rc = 1;

    memset(&s, 0, sizeof s);
    if (!adm || !u || !v || (got = sample_units(adm, u, n)) <= 0 ||
        query_session(&s, station, adm) != 0)
        goto out;
    PQfinish(adm);
    adm = NULL;
    for (int k = 0; k < Q_COUNT; k++) {
        char prefix[64];
        long total_rows = 0;
        for (long i = 0; i < 5; i++) /* warm: prepared statements, caches */
            if (one_query(&s, (enum q_kind)k, &u[i % got], i, &rows) < 0)
                goto out;
        for (long i = 0; i < got; i++) {
            if ((v[i] = one_query(&s, (enum q_kind)k, &u[i], i, &rows)) < 0)
                goto out;
            total_rows += rows;
        }
        snprintf(prefix, sizeof prefix, "%s.%s", name, q_name[k]);
        printf("%s.rows %.1f\n", prefix, (double)total_rows / (double)got);
        print_dist(prefix, v, got);
    }
    rc = 0;
out:
    core_db_close(s.db);
    PQfinish(adm);
    free(u);
    free(v);
    return rc;
}

static int cmd_explain(const char *station, const char *admin)
{
    static const char *const set[] = {
        "session_preload_libraries = 'auto_explain'",
        "auto_explain.log_min_duration = 0",
        "auto_explain.log_analyze = on",
        "auto_explain.log_buffers = on",
        "auto_explain.log_timing = on",
        "auto_explain.log_format = text",
    };
    PGconn *adm = admin_open(admin);
    struct unit_ref u[8];
    struct station s;
    char sql[256];
    long got, rows;
    int rc = 1;

    memset(&s, 0, sizeof s);
    if (!adm || (got = sample_units(adm, u, 8)) <= 0)
        goto out;
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
        snprintf(sql, sizeof sql, "ALTER ROLE wip_station IN DATABASE \"%s\" SET %s", PQdb(adm),
                 set[i]);
        if (admin_do(adm, sql) != 0)
            goto out;
    }
    if (query_session(&s, station, adm) != 0)
        goto out;
    /* 6 executions first: a prepared statement's plan is the one after the first five */
    for (int k = 0; k < Q_COUNT; k++)
        for (long i = 0; i < (k == Q_CARD ? 7 : 1); i++)
            if (one_query(&s, (enum q_kind)k, &u[i % got], 1, &rows) < 0)
                goto out;
    rc = 0;
out:
    core_db_close(s.db);
    if (adm) {
        snprintf(sql, sizeof sql, "ALTER ROLE wip_station IN DATABASE \"%s\" RESET ALL", PQdb(adm));
        admin_do(adm, sql);
    }
    PQfinish(adm);
    return rc;
}

static int cmd_prep(const char *station, const char *admin, int n)
{
    static const struct step p1[2] = { { K_CREATE, 1, 0 }, { K_READBACK, 1, 0 } };
    PGconn *adm = admin_open(admin);
    struct station s;
    int rc = 1;

    memset(&s, 0, sizeof s);
    s.idx = 98;
    s.conninfo = station;
    if (!adm || station_open(&s, adm) != 0 || new_lot(&s) != 0)
        goto out;
    for (int i = 0; i < n; i++) {
        if (do_step(&s, &p1[0]) != 0 || do_step(&s, &p1[1]) != 0)
            goto out;
        printf("%s\n", s.wip);
    }
    rc = 0;
out:
    core_db_close(s.db);
    PQfinish(adm);
    return rc;
}

static int usage(void)
{
    fprintf(stderr, "usage: benchdrv migrate ADMIN\n"
                    "       benchdrv rt STATION ADMIN [SERVER_LOG]\n"
                    "       benchdrv load STATION ADMIN NAME STATIONS SECONDS [WARMUP [RATE]]\n"
                    "       benchdrv query STATION ADMIN NAME SAMPLES\n"
                    "       benchdrv explain STATION ADMIN\n"
                    "       benchdrv prep STATION ADMIN N\n");
    return 2;
}

int main(int argc, char **argv)
{
    int rc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3)
        return usage();
    if (!strcmp(argv[1], "migrate"))
        return cmd_migrate(argv[2]);
    if (argc < 4)
        return usage();
    if (!strcmp(argv[1], "rt"))
        return cmd_rt(argv[2], argv[3], argc > 4 ? argv[4] : NULL);
    if (!strcmp(argv[1], "explain"))
        return cmd_explain(argv[2], argv[3]);
    if (!strcmp(argv[1], "prep") && argc == 5) {
        int n = atoi(argv[4]);
        if (n < 1 || n > 200)
            return usage();
        return cmd_prep(argv[2], argv[3], n);
    }
    if (!strcmp(argv[1], "query") && argc == 6) {
        long n = atol(argv[5]);
        if (n < 1 || n > MAX_QUERY_SAMPLES)
            return usage();
        return cmd_query(argv[2], argv[3], argv[4], n);
    }
    if (!strcmp(argv[1], "load") && argc >= 7) {
        int n = atoi(argv[5]);
        double secs = atof(argv[6]), warm = argc > 7 ? atof(argv[7]) : 1.0;
        double rate = argc > 8 ? atof(argv[8]) : 0.0;
        if (n < 1 || n > MAX_STATIONS || secs <= 0 || secs > MAX_SECONDS || warm < 0 || warm > 60 ||
            rate < 0 || rate > 10000)
            return usage();
        rc = cmd_load(argv[2], argv[3], argv[4], n, secs, warm, rate);
        return rc;
    }
    return usage();
}
