/* core/db_int.h — the database internals shared by core's database files (db, auth,
 * unit, lot, printrec, routing, query, migrate, backfill, admin): the one header that
 * includes libpq-fe.h, and only those files include it (tests/check-layering.sh). */
#ifndef STN_CORE_DB_INT_H
#define STN_CORE_DB_INT_H

#include <libpq-fe.h>

#include "core/db.h"
#include "core/rules.h"
#include "core/table.h"
#include "core/unit.h"

#define DB_MAX_PARAMS 24
#define DB_PIPE_MAX 24

enum { DB_GIVEN_SERVICE = 1, DB_GIVEN_CONNECT_TIMEOUT = 2, DB_GIVEN_GSSENCMODE = 4 };

struct core_db {
    PGconn *conn;
    char *conninfo; /* as given; expanded by libpq */
    char station_id[33];
    char options[256]; /* session settings passed as the options keyword */
    long round_trips;
    unsigned prepared[2]; /* bit per statement id, this session */
    char notice[200];
    int maintenance;             /* core_db_maintenance(): no statement timeout, no answer bound */
    unsigned given;              /* DB_GIVEN_*: settings the connection string names */
    struct core_routing routing; /* cached; loaded on first use and after reconnect */
    int routing_loaded;
};

/* Statement ids: prepared lazily, once per session, inside the pipeline that first
 * uses them (so preparing costs no round trip). */
enum db_stmt {
#define DB_STMT_ENUM(id, sql) DB_##id,
#include "core/db_sql.h"
#undef DB_STMT_ENUM
    DB_STMT_COUNT
};

struct db_pipe {
    struct core_db *db;
    int n;                     /* queries queued (kept results) */
    int nitems;                /* items including prepares */
    int keep[DB_PIPE_MAX * 2]; /* item -> result index, or -1 - id for a prepare */
    PGresult *res[DB_PIPE_MAX];
    /* The first statement that could not be queued, latched: nothing after it is queued
     * (a COMMIT after a missing write would commit half a transition) and
     * db_pipe_sync reports it. */
    struct stn_err latched;
    /* After a failed db_pipe_sync: the constraint the failing statement violated, or "". */
    char constraint[64];
};

/* One round trip: a single statement with text parameters (NULL = SQL NULL). STN_OK with
 * the result in *res (the caller PQclears it; res NULL: the result is not wanted), or the
 * mapped error with *res NULL. */
enum stn_code db_exec(struct core_db *db, const char *sql, int n, const char *const *params,
                      PGresult **res, struct stn_err *err);
/* Same for a prepared statement id. */
enum stn_code db_exec_stmt(struct core_db *db, enum db_stmt id, int n, const char *const *params,
                           PGresult **res, struct stn_err *err);

/* Pipelines: begin, queue statements, sync (one round trip), read res[i], end. A
 * statement that cannot be queued (a lost connection, a full pipe) is latched in the
 * pipe and reported by db_pipe_sync: callers queue without checking. */
void db_pipe_begin(struct db_pipe *p, struct core_db *db);
void db_pipe_sql(struct db_pipe *p, const char *sql, int n, const char *const *params);
void db_pipe_stmt(struct db_pipe *p, enum db_stmt id, int n, const char *const *params);
/* The unit from a LOAD_CARD result (at least one row): core/unit.c. */
void db_fill_unit(const PGresult *r, struct core_unit *u);
/* STN_OK when every statement was queued and succeeded; otherwise the latched failure or
 * the first error, mapped (p->constraint names a violated constraint). */
enum stn_code db_pipe_sync(struct db_pipe *p, struct stn_err *err);
void db_pipe_end(struct db_pipe *p);

/* ---- core/unit.c, for the other transitions on a unit (core/rig.c) ------------------ */
/* Text parameters shared by the statements of one transition. */
struct db_ids {
    char wip_pk[24], lot_pk[24], serial_pk[24], user[24], equip[24], proc_id[24], attempt[24];
};
void db_set_ids(struct db_ids *id, const struct core_unit *u, const struct core_actor *a,
                const struct core_process *p);

/* Statements a transition adds to its first round trip, after BEGIN, LOCK_UNIT and
 * LOAD_CARD (results 0..2): queue() queues them, read() reads them from result first on,
 * before the rule decides. */
struct db_load_hook {
    void (*queue)(void *ctx, struct db_pipe *p);
    void (*read)(void *ctx, const struct db_pipe *p, int first);
    void *ctx;
};

/* Decides and queues the writes of round trip 2 into p; returns how many results it
 * queued (0: nothing to write, the transaction just commits), or -1 to roll back with
 * *why set. */
typedef int (*db_act_fn)(void *ctx, struct db_pipe *p, const struct core_routing *r,
                         struct core_unit *u, struct core_answer *out, struct core_refusal *why);

/* One transition in two round trips (core/unit.h), retried on deadlock and serialization
 * failure; hook may be NULL. */
enum stn_code db_transition(struct core_db *db, const struct core_actor *a,
                            const struct core_scan *scan, const struct db_load_hook *hook,
                            db_act_fn act, void *ctx, struct core_answer *out,
                            struct core_refusal *why, struct stn_err *err);

/* The writes of a START; returns the number of results queued. */
int db_queue_start(struct db_pipe *p, const struct core_routing *r, const struct core_unit *u,
                   const struct core_actor *a, int is_rework, struct db_ids *id);

#define DB_REASON_LEN 120
/* The writes of a completion of the open attempt (a FAIL at a process that cannot be
 * reworked also scraps the unit, with the reason written into reason, DB_REASON_LEN
 * bytes); json is the attempt's document. Returns the number of results queued. */
int db_queue_completion(struct db_pipe *p, const struct core_routing *r, const struct core_unit *u,
                        const struct core_actor *a, const struct core_completion *c,
                        const char *json, struct db_ids *id, char *actor, char *reason);

/* Maps a failed result (or a broken connection when res is NULL). */
enum stn_code db_map_error(struct core_db *db, const PGresult *res, struct stn_err *err);

/* Rolls back whatever is open, ignoring errors (one round trip when connected). */
void db_rollback(struct core_db *db);

/* Column helpers: by name, NULL-safe. */
const char *db_str(const PGresult *r, int row, const char *col);
long long db_ll(const PGresult *r, int row, const char *col);
int db_int(const PGresult *r, int row, const char *col);
int db_bool(const PGresult *r, int row, const char *col);
int db_isnull(const PGresult *r, int row, const char *col);

/* A result as rows of text (core/table.h); t is overwritten. */
void db_table_from(const PGresult *r, struct core_table *t);

#endif
