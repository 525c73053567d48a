/* core/db.h — the station's database session (libpq stays inside core's database
 * files, behind core/db_int.h). */
#ifndef STN_CORE_DB_H
#define STN_CORE_DB_H

#include "base/status.h"

struct core_cfg;
struct core_db; /* opaque */

/* Connects (blocking, bounded by connect_timeout, default 3 s). The station id
 * names the session (application_name) and every record it writes. */
enum stn_code core_db_open(struct core_db **out, const struct core_cfg *cfg, struct stn_err *err);

/* Same from a libpq connection string ("" = environment), for tools and tests. */
enum stn_code core_db_open_conninfo(struct core_db **out, const char *conninfo,
                                    const char *station_id, struct stn_err *err);
/* For `wipstation migrate`: statements may run as long as they need (an index on a big
 * table of the old system, a long back-fill): no statement_timeout, and no bound on the
 * wait for an answer (Ctrl-C stops it; the server notices within 2 s and rolls back).
 * lock_timeout stays: a migration that would wait behind running stations fails at once
 * instead of stopping the line. */
enum stn_code core_db_maintenance(struct core_db *db, struct stn_err *err);
void core_db_close(struct core_db *db);

/* 1 while the connection is usable. */
int core_db_connected(const struct core_db *db);

/* The socket to poll() for readability (notifications), or -1. */
int core_db_socket(const struct core_db *db);

/* Non-blocking reconnection, driven from the caller's poll() loop:
 * call start once, then poll whenever the socket is ready (or every ~100 ms). */
enum core_db_poll { CORE_DB_POLL_READ, CORE_DB_POLL_WRITE, CORE_DB_POLL_OK, CORE_DB_POLL_FAILED };
enum core_db_poll core_db_reconnect_start(struct core_db *db);
enum core_db_poll core_db_reconnect_poll(struct core_db *db);

/* Blocking reconnect (tools and tests). */
enum stn_code core_db_reconnect(struct core_db *db, struct stn_err *err);

/* LISTEN for change notifications (re-issue after every reconnect). */
enum stn_code core_db_listen(struct core_db *db, struct stn_err *err);

/* Reads pending notifications without blocking; returns how many arrived, or -1
 * when the connection is lost. The payload is empty: the
 * database only says that something changed (migration 004). */
int core_db_drain_notifications(struct core_db *db, void (*cb)(void *ctx, const char *payload),
                                void *ctx);

/* Round trips (waits for the server) this session has made: for benchmarks and
 * the tests that hold a transition to its budget. */
long core_db_round_trips(const struct core_db *db);

/* The last server notice (never printed: a screen may be running). */
const char *core_db_last_notice(const struct core_db *db);

/* Server version and the applied schema version, for `wipstation check`. */
enum stn_code core_db_server_info(struct core_db *db, char *buf, size_t len, struct stn_err *err);

/* Runs a SQL script (several statements, no parameters): for tools and tests. */
enum stn_code core_db_exec_script(struct core_db *db, const char *sql, struct stn_err *err);

#endif
