/* core/db.c — connection, pipelines, error mapping. */
#include "core/db_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "core/cfg.h"

static const char *const stmt_sql[] = {
#define DB_STMT_ENUM(id, sql) sql,
#include "core/db_sql.h"
#undef DB_STMT_ENUM
};
static const char *const stmt_name[] = {
#define DB_STMT_ENUM(id, sql) "wip_" #id,
#include "core/db_sql.h"
#undef DB_STMT_ENUM
};

/* Session settings: a stuck transaction or a hung server never holds a station. A
 * station's transaction is two pipelined round trips and never waits for a person, so
 * 5 s idle inside one means the station froze: the server ends it and frees the unit. */
#define SESSION_OPTIONS                               \
    "-c statement_timeout=5000 -c lock_timeout=3000 " \
    "-c idle_in_transaction_session_timeout=5000"

/* A server that says nothing for this long is hung (a stopped backend or host, a
 * storage stall, a synchronous standby gone): statement_timeout bounds each statement
 * at 5 s, so twice that is no legitimate wait. Unix sockets, and TCP keepalives that
 * the server's kernel still answers, never notice such a server: the station gives
 * the connection up instead of freezing its screen. */
#define ANSWER_TIMEOUT_MS 10000

static void on_notice(void *arg, const char *message)
{
    struct core_db *db = arg;
    stn_strlcpy(db->notice, message, sizeof db->notice);
}

/* Whether a connection setting is given by the connection string (flag, from
 * open_common's parse), its environment variable, or possibly a service file (a service is
 * named). */
static int setting_given(const struct core_db *db, unsigned flag, const char *env)
{
    return (db->given & (flag | DB_GIVEN_SERVICE)) || getenv(env) || getenv("PGSERVICE");
}

static PGconn *connect_start(struct core_db *db, int blocking)
{
    const char *keys[16];
    const char *vals[16];
    int n = 0;
    PGconn *c;

    keys[n] = "dbname", vals[n++] = db->conninfo;
    keys[n] = "fallback_application_name", vals[n++] = db->station_id;
    keys[n] = "options", vals[n++] = db->options;
    keys[n] = "keepalives", vals[n++] = "1";
    keys[n] = "keepalives_idle", vals[n++] = "5";
    keys[n] = "keepalives_interval", vals[n++] = "2";
    keys[n] = "keepalives_count", vals[n++] = "3";
    keys[n] = "tcp_user_timeout", vals[n++] = "9000";
    keys[n] = "client_encoding", vals[n++] = "UTF8";
    /* Defaults where the configuration says nothing. A keyword here would override a
     * service file's value too (libpq: keywords, then the service file, then the
     * environment), so with a service they are left to it. */
    if (!setting_given(db, DB_GIVEN_CONNECT_TIMEOUT, "PGCONNECT_TIMEOUT"))
        keys[n] = "connect_timeout", vals[n++] = "3";
    /* Kerberos (GSSAPI) encryption only when the connection asks for it: libpq's default
     * ("prefer") initialises the Kerberos libraries on every TCP connection, 0.7 MB of a
     * station's resident memory and a look for credentials that a station never has. */
    if (!setting_given(db, DB_GIVEN_GSSENCMODE, "PGGSSENCMODE"))
        keys[n] = "gssencmode", vals[n++] = "disable";
    keys[n] = NULL, vals[n] = NULL;
    c = blocking ? PQconnectdbParams(keys, vals, 1) : PQconnectStartParams(keys, vals, 1);
    if (c)
        PQsetNoticeProcessor(c, on_notice, db);
    return c;
}

static void session_reset(struct core_db *db)
{
    db->prepared[0] = db->prepared[1] = 0;
    db->routing_loaded = 0;
}

static enum stn_code open_common(struct core_db **out, const char *conninfo, const char *station,
                                 const char *extra_options, struct stn_err *err)
{
    struct core_db *db = xcalloc(1, sizeof *db);
    char *e = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &e);
    const char *own = NULL;

    *out = NULL;
    if (!opts) {
        stn_err_set(err, STN_E_CONFIG, "conninfo: %s", e ? e : "cannot be parsed");
        PQfreemem(e);
        free(db);
        return STN_E_CONFIG;
    }
    /* the connection string's own options go after the session settings (the options
     * keyword of connect_start() would otherwise replace them) */
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        if (!strcmp(o->keyword, "options"))
            own = o->val;
        else if (!strcmp(o->keyword, "service"))
            db->given |= DB_GIVEN_SERVICE;
        else if (!strcmp(o->keyword, "connect_timeout"))
            db->given |= DB_GIVEN_CONNECT_TIMEOUT;
        else if (!strcmp(o->keyword, "gssencmode"))
            db->given |= DB_GIVEN_GSSENCMODE;
    }
    snprintf(db->options, sizeof db->options, "%s%s%s%s%s", SESSION_OPTIONS, own ? " " : "",
             own ? own : "", extra_options && *extra_options ? " " : "",
             extra_options ? extra_options : "");
    PQconninfoFree(opts);
    db->conninfo = xstrdup(conninfo);
    stn_strlcpy(db->station_id, station && *station ? station : "wipstation",
                sizeof db->station_id);
    db->conn = connect_start(db, 1);
    db->round_trips++;
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        stn_err_set(err, STN_E_DB_CONN, "cannot connect to the database: %s",
                    db->conn ? PQerrorMessage(db->conn) : "out of memory");
        if (err) /* one line is enough for a screen */
            err->msg[strcspn(err->msg, "\n")] = '\0';
        core_db_close(db);
        return STN_E_DB_CONN;
    }
    *out = db;
    return STN_OK;
}

/* Appends "key='value'" to buf with libpq quoting. */
static void append_kv(char *buf, size_t len, const char *k, const char *v)
{
    size_t o = strlen(buf);
    if (o + strlen(k) + 4 >= len)
        return;
    o += (size_t)snprintf(buf + o, len - o, "%s%s='", o ? " " : "", k);
    for (; *v && o + 3 < len; v++) {
        if (*v == '\'' || *v == '\\')
            buf[o++] = '\\';
        buf[o++] = *v;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

enum stn_code core_db_open(struct core_db **out, const struct core_cfg *cfg, struct stn_err *err)
{
    char conninfo[2048];
    const char *extra = NULL;

    stn_strlcpy(conninfo, cfg->conninfo, sizeof conninfo);
    for (int i = 0; i < cfg->n_dbkeys; i++) {
        if (!strcmp(cfg->dbkeys[i].name, "options"))
            extra = cfg->dbkeys[i].value;
        else
            append_kv(conninfo, sizeof conninfo, cfg->dbkeys[i].name, cfg->dbkeys[i].value);
    }
    return open_common(out, conninfo, cfg->station_id, extra, err);
}

enum stn_code core_db_open_conninfo(struct core_db **out, const char *conninfo,
                                    const char *station_id, struct stn_err *err)
{
    return open_common(out, conninfo ? conninfo : "", station_id, NULL, err);
}

enum stn_code core_db_maintenance(struct core_db *db, struct stn_err *err)
{
    /* and the server notices within 2 s when `wipstation migrate` is interrupted, instead
     * of finishing a long statement for nobody */
    enum stn_code rc = core_db_exec_script(
        db, "SET statement_timeout = 0; SET client_connection_check_interval = 2000", err);
    if (rc == STN_OK)
        db->maintenance = 1;
    return rc;
}

void core_db_close(struct core_db *db)
{
    if (!db)
        return;
    if (db->conn)
        PQfinish(db->conn);
    free(db->conninfo);
    free(db);
}

int core_db_connected(const struct core_db *db)
{
    return db && db->conn && PQstatus(db->conn) == CONNECTION_OK;
}

int core_db_socket(const struct core_db *db)
{
    return db && db->conn ? PQsocket(db->conn) : -1;
}

long core_db_round_trips(const struct core_db *db)
{
    return db->round_trips;
}

const char *core_db_last_notice(const struct core_db *db)
{
    return db->notice;
}

static enum core_db_poll poll_map(PostgresPollingStatusType s)
{
    switch (s) {
    case PGRES_POLLING_READING: return CORE_DB_POLL_READ;
    case PGRES_POLLING_WRITING: return CORE_DB_POLL_WRITE;
    case PGRES_POLLING_OK: return CORE_DB_POLL_OK;
    default: return CORE_DB_POLL_FAILED;
    }
}

enum core_db_poll core_db_reconnect_start(struct core_db *db)
{
    if (db->conn)
        PQfinish(db->conn);
    session_reset(db);
    db->conn = connect_start(db, 0);
    if (!db->conn || PQstatus(db->conn) == CONNECTION_BAD)
        return CORE_DB_POLL_FAILED;
    return CORE_DB_POLL_WRITE;
}

enum core_db_poll core_db_reconnect_poll(struct core_db *db)
{
    if (!db->conn)
        return CORE_DB_POLL_FAILED;
    return poll_map(PQconnectPoll(db->conn));
}

enum stn_code core_db_reconnect(struct core_db *db, struct stn_err *err)
{
    if (db->conn)
        PQfinish(db->conn);
    session_reset(db);
    db->conn = connect_start(db, 1);
    db->round_trips++;
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        stn_err_set(err, STN_E_DB_CONN, "cannot connect to the database: %s",
                    db->conn ? PQerrorMessage(db->conn) : "out of memory");
        if (err)
            err->msg[strcspn(err->msg, "\n")] = '\0';
        return STN_E_DB_CONN;
    }
    return STN_OK;
}

static long long mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits until PQgetResult can return without blocking. When the server has said
 * nothing for ANSWER_TIMEOUT_MS, closes the connection and returns -1: the caller
 * reports STN_E_DB_CONN (whatever was sent may still be executed, a COMMIT too:
 * the outcome is unknown) and the station reconnects. */
static int await_answer(struct core_db *db)
{
    long long deadline = mono_ms() + ANSWER_TIMEOUT_MS;

    while (db->conn && PQstatus(db->conn) == CONNECTION_OK && PQisBusy(db->conn)) {
        struct pollfd pfd = { PQsocket(db->conn), POLLIN, 0 };
        long long left = deadline - mono_ms();
        int n = db->maintenance ? poll(&pfd, 1, -1) : left > 0 ? poll(&pfd, 1, (int)left) : 0;
        if (n == 0) {
            PQfinish(db->conn);
            db->conn = NULL;
            session_reset(db);
            return -1;
        }
        if ((n < 0 && errno != EINTR) || (n > 0 && !PQconsumeInput(db->conn)))
            break; /* a broken connection: PQgetResult reports it */
    }
    return 0;
}

/* PQgetResult, bounded by await_answer (NULL also when the server was given up). */
static PGresult *get_result(struct core_db *db)
{
    if (!db->conn || await_answer(db))
        return NULL;
    return PQgetResult(db->conn);
}

static enum stn_code given_up(struct stn_err *err)
{
    return stn_err_set(err, STN_E_DB_CONN,
                       "no answer from the database for %d s: connection "
                       "closed",
                       ANSWER_TIMEOUT_MS / 1000);
}

enum stn_code db_map_error(struct core_db *db, const PGresult *res, struct stn_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    enum stn_code code = STN_E_DB;

    if (!msg || !*msg)
        msg = db->conn ? PQerrorMessage(db->conn) : "no connection";
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK || !state || !strncmp(state, "08", 2) ||
        !strncmp(state, "57P0", 4))
        code = STN_E_DB_CONN;
    else if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") ||
             !strcmp(state, "57014"))
        code = STN_E_DB_BUSY;
    else if (!strcmp(state, "23505"))
        code = STN_E_DUPLICATE;
    else if (!strncmp(state, "WS", 2) || !strcmp(state, "42501"))
        code = STN_E_RULE;
    else if (!strcmp(state, "WA002")) /* administration (migration 008): no such thing */
        code = STN_E_NOT_FOUND;
    else if (!strcmp(state, "WA003")) /* ... already there, or changed meanwhile */
        code = STN_E_DUPLICATE;
    else if (!strncmp(state, "WA", 2)) /* ... malformed input */
        code = STN_E_INPUT;
    stn_err_set(err, code, "%s", msg);
    if (err) {
        err->msg[strcspn(err->msg, "\n")] = '\0';
        stn_strlcpy(err->sqlstate, state ? state : "", sizeof err->sqlstate);
    }
    return code;
}

/* Hands r to the caller (res) or clears it. */
static void give_result(PGresult *r, PGresult **res)
{
    if (res)
        *res = r;
    else
        PQclear(r);
}

enum stn_code db_exec(struct core_db *db, const char *sql, int n, const char *const *params,
                      PGresult **res, struct stn_err *err)
{
    PGresult *r = NULL;
    ExecStatusType st;
    enum stn_code rc;

    give_result(NULL, res);
    if (!core_db_connected(db) || !PQsendQueryParams(db->conn, sql, n, NULL, params, NULL, NULL, 0))
        return db_map_error(db, NULL, err);
    db->round_trips++;
    for (PGresult *x; (x = get_result(db)) != NULL;) { /* the last result, or the error */
        if (r && PQresultStatus(r) == PGRES_FATAL_ERROR) {
            PQclear(x);
            continue;
        }
        PQclear(r);
        r = x;
    }
    st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        give_result(r, res);
        return STN_OK;
    }
    rc = db->conn ? db_map_error(db, r, err) : given_up(err);
    PQclear(r);
    return rc;
}

enum stn_code db_exec_stmt(struct core_db *db, enum db_stmt id, int n, const char *const *params,
                           PGresult **res, struct stn_err *err)
{
    struct db_pipe p;
    enum stn_code rc;

    give_result(NULL, res);
    db_pipe_begin(&p, db);
    db_pipe_stmt(&p, id, n, params);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK) {
        give_result(p.res[0], res);
        p.res[0] = NULL;
    }
    db_pipe_end(&p);
    return rc;
}

void db_rollback(struct core_db *db)
{
    PGresult *r;
    if (!core_db_connected(db) || PQtransactionStatus(db->conn) == PQTRANS_IDLE)
        return;
    if (!PQsendQuery(db->conn, "ROLLBACK"))
        return;
    db->round_trips++;
    while ((r = get_result(db)) != NULL)
        PQclear(r);
}

void db_pipe_begin(struct db_pipe *p, struct core_db *db)
{
    memset(p, 0, sizeof *p);
    p->db = db;
    if (core_db_connected(db) && PQpipelineStatus(db->conn) == PQ_PIPELINE_OFF)
        PQenterPipelineMode(db->conn);
}

/* 1 when one more statement (and its prepare) may be queued; else latches why. */
static int pipe_ready(struct db_pipe *p)
{
    if (p->latched.code != STN_OK)
        return 0;
    if (!core_db_connected(p->db) || PQpipelineStatus(p->db->conn) == PQ_PIPELINE_OFF) {
        db_map_error(p->db, NULL, &p->latched);
        return 0;
    }
    if (p->n >= DB_PIPE_MAX || p->nitems >= DB_PIPE_MAX * 2 - 1) {
        stn_err_set(&p->latched, STN_E_DB, "more than %d statements in one pipeline", DB_PIPE_MAX);
        return 0;
    }
    return 1;
}

/* A statement the connection refused to queue. */
static void pipe_refused(struct db_pipe *p)
{
    db_map_error(p->db, NULL, &p->latched);
}

void db_pipe_sql(struct db_pipe *p, const char *sql, int n, const char *const *params)
{
    if (!pipe_ready(p))
        return;
    if (!PQsendQueryParams(p->db->conn, sql, n, NULL, params, NULL, NULL, 0)) {
        pipe_refused(p);
        return;
    }
    p->keep[p->nitems++] = p->n++;
}

void db_pipe_stmt(struct db_pipe *p, enum db_stmt id, int n, const char *const *params)
{
    struct core_db *db = p->db;
    unsigned bit = 1u << (id % 32);

    if (!pipe_ready(p))
        return;
    if (!(db->prepared[id / 32] & bit)) {
        if (!PQsendPrepare(db->conn, stmt_name[id], stmt_sql[id], n, NULL)) {
            pipe_refused(p);
            return;
        }
        db->prepared[id / 32] |= bit;
        p->keep[p->nitems++] = -1 - (int)id; /* a prepare: which statement */
    }
    if (!PQsendQueryPrepared(db->conn, stmt_name[id], n, params, NULL, NULL, 0)) {
        pipe_refused(p);
        return;
    }
    p->keep[p->nitems++] = p->n++;
}

/* A prepare that failed, or that the server skipped after an earlier error of the
 * pipeline, does not exist: that statement is prepared again on its next use. The
 * others stay (forgetting them all would make the next pipeline fail on "already
 * exists", and so every one after it). */
static void forget_prepare(struct core_db *db, int id, const PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strcmp(state, "42P05")) /* duplicate_prepared_statement: it exists */
        return;
    db->prepared[id / 32] &= ~(1u << (id % 32));
}

/* The failure latched while queueing, for the caller. */
static enum stn_code report_latched(const struct db_pipe *p, struct stn_err *err)
{
    if (err)
        *err = p->latched;
    return p->latched.code;
}

/* Reads the pipe's results up to its sync point: each statement's result goes to p->res;
 * returns the first error (the caller clears it), or NULL. */
static PGresult *read_results(struct db_pipe *p)
{
    struct core_db *db = p->db;
    PGresult *first_err = NULL;
    PGresult *r;

    for (int i = 0; i < p->nitems; i++) {
        while ((r = get_result(db)) != NULL) {
            ExecStatusType st = PQresultStatus(r);
            if (st == PGRES_FATAL_ERROR || st == PGRES_PIPELINE_ABORTED) {
                if (p->keep[i] < 0)
                    forget_prepare(db, -1 - p->keep[i], r);
                if (!first_err && st == PGRES_FATAL_ERROR)
                    first_err = r, r = NULL;
            } else if (p->keep[i] >= 0 && !p->res[p->keep[i]]) {
                p->res[p->keep[i]] = r, r = NULL;
            }
            PQclear(r);
        }
        if (!core_db_connected(db))
            break;
    }
    if (core_db_connected(db)) {
        r = get_result(db); /* the sync point */
        if (!r || PQresultStatus(r) != PGRES_PIPELINE_SYNC) {
            if (!first_err && r && PQresultStatus(r) == PGRES_FATAL_ERROR)
                first_err = r, r = NULL;
        }
        PQclear(r);
    }
    return first_err;
}

enum stn_code db_pipe_sync(struct db_pipe *p, struct stn_err *err)
{
    struct core_db *db = p->db;
    PGresult *first_err;
    enum stn_code rc = STN_OK;

    p->constraint[0] = '\0';
    if (p->latched.code != STN_OK && p->nitems == 0)
        return report_latched(p, err); /* nothing went out: nothing to wait for */
    if (!core_db_connected(db) || PQpipelineStatus(db->conn) == PQ_PIPELINE_OFF ||
        !PQpipelineSync(db->conn)) {
        db->prepared[0] = db->prepared[1] = 0;
        return p->latched.code != STN_OK ? report_latched(p, err) : db_map_error(db, NULL, err);
    }
    db->round_trips++;
    first_err = read_results(p);
    if (first_err) {
        const char *c = PQresultErrorField(first_err, PG_DIAG_CONSTRAINT_NAME);
        stn_strlcpy(p->constraint, c ? c : "", sizeof p->constraint);
    }
    if (p->latched.code != STN_OK) { /* what was queued ran, but the pipe is not whole */
        rc = report_latched(p, err);
    } else if (!db->conn) {
        rc = given_up(err);
    } else if (first_err || !core_db_connected(db) || p->n == 0 || !p->res[p->n - 1]) {
        rc = db_map_error(db, first_err, err);
        if (rc == STN_E_DB_CONN)
            db->prepared[0] = db->prepared[1] = 0;
    }
    PQclear(first_err);
    return rc;
}

void db_pipe_end(struct db_pipe *p)
{
    struct core_db *db = p->db;
    for (int i = 0; i < p->n; i++)
        PQclear(p->res[i]);
    p->n = 0;
    if (db->conn && PQpipelineStatus(db->conn) != PQ_PIPELINE_OFF &&
        !PQexitPipelineMode(db->conn)) {
        /* results still pending on a broken connection: drop it, reconnect later */
        PGresult *r;
        while ((r = get_result(db)) != NULL)
            PQclear(r);
        if (db->conn)
            PQexitPipelineMode(db->conn);
    }
}

const char *db_str(const PGresult *r, int row, const char *col)
{
    int c = PQfnumber(r, col);
    if (c < 0 || row >= PQntuples(r) || PQgetisnull(r, row, c))
        return "";
    return PQgetvalue(r, row, c);
}

long long db_ll(const PGresult *r, int row, const char *col)
{
    return strtoll(db_str(r, row, col), NULL, 10);
}

int db_int(const PGresult *r, int row, const char *col)
{
    return (int)strtol(db_str(r, row, col), NULL, 10);
}

int db_bool(const PGresult *r, int row, const char *col)
{
    return db_str(r, row, col)[0] == 't';
}

int db_isnull(const PGresult *r, int row, const char *col)
{
    int c = PQfnumber(r, col);
    return c < 0 || row >= PQntuples(r) || PQgetisnull(r, row, c);
}

void db_table_from(const PGresult *r, struct core_table *t)
{
    memset(t, 0, sizeof *t);
    t->ncols = PQnfields(r);
    t->nrows = PQntuples(r);
    t->names = xcalloc((size_t)t->ncols + 1, sizeof *t->names);
    t->cells = xcalloc((size_t)t->nrows * (size_t)t->ncols + 1, sizeof *t->cells);
    for (int c = 0; c < t->ncols; c++)
        t->names[c] = xstrdup(PQfname(r, c));
    for (int i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++)
            if (!PQgetisnull(r, i, c))
                t->cells[(size_t)i * (size_t)t->ncols + (size_t)c] = xstrdup(PQgetvalue(r, i, c));
}

enum stn_code core_db_listen(struct core_db *db, struct stn_err *err)
{
    return db_exec(db, "LISTEN wip_events", 0, NULL, NULL, err);
}

int core_db_drain_notifications(struct core_db *db, void (*cb)(void *ctx, const char *payload),
                                void *ctx)
{
    PGnotify *n;
    int count = 0;

    if (!core_db_connected(db) || !PQconsumeInput(db->conn))
        return -1;
    while ((n = PQnotifies(db->conn)) != NULL) {
        if (cb)
            cb(ctx, n->extra);
        PQfreemem(n);
        count++;
    }
    return core_db_connected(db) ? count : -1;
}

enum stn_code core_db_exec_script(struct core_db *db, const char *sql, struct stn_err *err)
{
    PGresult *r;
    ExecStatusType st;

    if (!core_db_connected(db))
        return db_map_error(db, NULL, err);
    r = PQexec(db->conn, sql);
    db->round_trips++;
    st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        enum stn_code rc = db_map_error(db, r, err);
        PQclear(r);
        return rc;
    }
    PQclear(r);
    return STN_OK;
}

enum stn_code core_db_server_info(struct core_db *db, char *buf, size_t len, struct stn_err *err)
{
    PGresult *r;
    enum stn_code rc = db_exec(db,
                               "SELECT current_setting('server_version') AS v, current_user AS u, "
                               "current_database() AS d, pg_is_in_recovery() AS ro",
                               0, NULL, &r, err);
    if (rc != STN_OK)
        return rc;
    snprintf(buf, len, "PostgreSQL %s, database %s as %s%s", db_str(r, 0, "v"), db_str(r, 0, "d"),
             db_str(r, 0, "u"), db_bool(r, 0, "ro") ? " (read-only standby)" : "");
    PQclear(r);
    return STN_OK;
}
