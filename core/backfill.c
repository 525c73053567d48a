/* core/backfill.c — WIPs for the serials of lots in progress since a date: units stay
 * CONVERTED, their process history is copied, counts are reported, and a second run
 * adds nothing (every insert skips what exists). The dry run does the same work in a
 * transaction and rolls it back. */
#include "core/backfill.h"

#include <stdio.h>
#include <string.h>

#include "core/db_int.h"

#define CANDIDATES                                   \
    "FROM serials s JOIN lots l ON s.lot_id = l.id " \
    "WHERE l.status IN ('IN_PROGRESS', 'COMPLETED') AND s.created_at >= $1::date "

static const char sql_count[] =
    "SELECT count(*) AS serials,"
    " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM wip_items w WHERE w.serial_id = s.id)) AS done,"
    " count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM wip_items w WHERE w.serial_id = s.id)"
    "   AND (s.sequence_in_lot NOT BETWEEN 1 AND 200 OR EXISTS (SELECT 1 FROM wip_items w"
    "   WHERE (w.lot_id = s.lot_id AND w.sequence_in_lot = s.sequence_in_lot)"
    "      OR w.wip_id = CONCAT(l.lot_number, '-W', LPAD(s.sequence_in_lot::TEXT, 4, '0'))))) AS conflict " CANDIDATES;

static const char sql_wips[] =
    "INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot, status, serial_id, converted_at)"
    " SELECT CONCAT(l.lot_number, '-W', LPAD(s.sequence_in_lot::TEXT, 4, '0')), s.lot_id,"
    " s.sequence_in_lot, 'CONVERTED', s.id, s.created_at " CANDIDATES
    " AND s.sequence_in_lot BETWEEN 1 AND 200"
    " AND NOT EXISTS (SELECT 1 FROM wip_items w WHERE w.serial_id = s.id"
    "   OR (w.lot_id = s.lot_id AND w.sequence_in_lot = s.sequence_in_lot)"
    "   OR w.wip_id = CONCAT(l.lot_number, '-W', LPAD(s.sequence_in_lot::TEXT, 4, '0')))";

#define HISTORY_FROM                                                                             \
    " FROM process_data pd JOIN serials s ON pd.serial_id = s.id JOIN lots l ON l.id = s.lot_id" \
    " JOIN wip_items w ON w.serial_id = s.id AND w.status = 'CONVERTED'"                         \
    " JOIN processes p ON p.id = pd.process_id"                                                  \
    " WHERE l.status IN ('IN_PROGRESS', 'COMPLETED') AND s.created_at >= $1::date"               \
    " AND p.process_number < COALESCE((SELECT min(c.process_number) FROM processes c"            \
    "      WHERE c.is_active AND c.process_type = 'SERIAL_CONVERSION'), 2147483647)"

static const char sql_history[] =
    "INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, equipment_id,"
    " started_at, completed_at, result, process_data)"
    " SELECT w.id, pd.process_id, pd.operator_id, pd.equipment_id,"
    " COALESCE(pd.start_time, pd.complete_time), pd.complete_time, pd.result,"
    " pd.process_specific_data" HISTORY_FROM
    " AND pd.complete_time IS NOT NULL AND pd.result IN ('PASS', 'FAIL', 'REWORK')"
    " AND NOT EXISTS (SELECT 1 FROM wip_process_history h WHERE h.wip_item_id = w.id"
    "   AND h.process_id = pd.process_id"
    "   AND h.started_at = COALESCE(pd.start_time, pd.complete_time)"
    "   AND h.completed_at = pd.complete_time)";

static const char sql_skipped[] =
    "SELECT count(*) AS n" HISTORY_FROM
    " AND (pd.complete_time IS NULL OR pd.result IS NULL OR pd.result NOT IN ('PASS', 'FAIL', 'REWORK'))";

static long count_of(PGresult *r, const char *col)
{
    return r ? db_ll(r, 0, col) : 0;
}

enum stn_code core_backfill_in_progress(struct core_db *db, const char *since, int dry_run,
                                        FILE *out, struct stn_err *err)
{
    const char *p[1] = { since };
    PGresult *c = NULL, *sk = NULL, *w = NULL, *h = NULL;
    enum stn_code rc;

    if (!since || strlen(since) != 10 || since[4] != '-' || since[7] != '-')
        return stn_err_set(err, STN_E_USAGE, "--since needs a date as YYYY-MM-DD");
    if ((rc = core_db_exec_script(db, "BEGIN", err)) != STN_OK)
        return rc;
    if ((rc = db_exec(db, sql_count, 1, p, &c, err)) != STN_OK ||
        (rc = db_exec(db, sql_wips, 1, p, &w, err)) != STN_OK ||
        (rc = db_exec(db, sql_history, 1, p, &h, err)) != STN_OK ||
        (rc = db_exec(db, sql_skipped, 1, p, &sk, err)) != STN_OK)
        goto fail;
    /* reported once it is committed (a failed COMMIT reports nothing as done) */
    rc = core_db_exec_script(db, dry_run ? "ROLLBACK" : "COMMIT", err);
    if (rc == STN_OK)
        fprintf(out,
                "%s back-fill of lots in progress since %s:\n"
                "  serials of lots IN_PROGRESS/COMPLETED: %ld\n"
                "  already back-filled (left alone): %ld\n"
                "  skipped, sequence out of 1..200 or WIP number taken: %ld\n"
                "  WIPs %s (status CONVERTED): %s\n"
                "  history rows %s (processes before the conversion): %s\n"
                "  unfinished or unrecognised old attempts not copied: %ld\n",
                dry_run ? "dry run (rolled back):" : "done:", since, count_of(c, "serials"),
                count_of(c, "done"), count_of(c, "conflict"), dry_run ? "to create" : "created",
                PQcmdTuples(w), dry_run ? "to copy" : "copied", PQcmdTuples(h), count_of(sk, "n"));
    PQclear(c);
    PQclear(w);
    PQclear(h);
    PQclear(sk);
    return rc;
fail:
    PQclear(c);
    PQclear(w);
    PQclear(h);
    PQclear(sk);
    db_rollback(db);
    return rc;
}
