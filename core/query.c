/* core/query.c — trace timelines and the line board (read-only, one round trip each). */
#include "core/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/db_int.h"
#include "core/ident.h"

#define TRACE_MAX 2000

/* The units a trace covers: a WIP ($1), a serial ($2), or every unit of a lot ($3). A
 * parameter is NULL when the text cannot be that kind of number: the planner then knows
 * a unit trace covers one unit (with the lot branch counted in, it would expect a lot's
 * units and scan the history tables of a small database). */
#define TRACE_UNITS                                                                         \
    "WITH u AS (SELECT w.id, w.wip_id, w.serial_id, w.lot_id, w.created_at, w.converted_at" \
    "  FROM wip_items w WHERE w.wip_id = $1"                                                \
    "  UNION SELECT w.id, w.wip_id, w.serial_id, w.lot_id, w.created_at, w.converted_at"    \
    "  FROM wip_items w JOIN serials s ON s.id = w.serial_id WHERE s.serial_number = $2"    \
    "  UNION SELECT w.id, w.wip_id, w.serial_id, w.lot_id, w.created_at, w.converted_at"    \
    "  FROM wip_items w JOIN lots l ON l.id = w.lot_id WHERE l.lot_number = $3),"           \
    " conv AS (SELECT COALESCE(min(process_number), 2147483647) AS n FROM processes"        \
    "  WHERE is_active AND process_type = 'SERIAL_CONVERSION')"

#define TS(c) "to_char(" c ", 'YYYY-MM-DD HH24:MI:SS')"
/* An attempt's measurements, defect and notes, and for a rig's results what the rig said
 * beside the station's judgement and the readings per step (wip_rig_summary, migration
 * 007). */
#define MEAS(j)                                                                        \
    "concat_ws(' ', (SELECT string_agg(key || '=' || value, ' ' ORDER BY key)"         \
    "  FROM jsonb_each_text(CASE WHEN jsonb_typeof(" j "->'measurements') = 'object'"  \
    "  THEN " j "->'measurements' ELSE '{}' END)), 'defect=' || (" j "->>'defect'),"   \
    "  'notes=' || (" j "->>'notes'), CASE WHEN (" j "->>'barcode_verified') = 'true'" \
    "  THEN 'label verified' END, wip_rig_summary(" j "))"

/* Kept as written: the TS() and MEAS() pieces inside the string make the formatter
 * indent each line past the last, far beyond the right margin. */
/* clang-format off */
static const char sql_trace[] = TRACE_UNITS
    " SELECT * FROM ("
    " SELECT u.created_at AS t, 0 AS k, 0 AS ord, " TS("u.created_at") " AS at, u.wip_id AS unit,"
    "  0 AS process, 'CREATED' AS what, '' AS who, '' AS station, '' AS equipment, '' AS detail"
    " FROM u"
    " UNION ALL SELECT h.started_at, 1, h.id, " TS("h.started_at") ", u.wip_id, p.process_number,"
    "  COALESCE(h.result, 'OPEN') || CASE WHEN h.is_rework THEN ' (rework)' ELSE '' END,"
    "  COALESCE(us.full_name, us.username, ''), COALESCE(h.station_id, ''),"
    "  COALESCE(e.equipment_code, ''),"
    "  concat_ws(' ', 'done ' || " TS("h.completed_at") ", " MEAS("h.process_data") ")"
    " FROM u JOIN wip_process_history h ON h.wip_item_id = u.id JOIN processes p ON p.id = h.process_id"
    " LEFT JOIN users us ON us.id = h.operator_id LEFT JOIN equipment e ON e.id = h.equipment_id"
    " UNION ALL SELECT pd.start_time, 1, pd.id, " TS("pd.start_time") ", u.wip_id, p.process_number,"
    "  COALESCE(pd.result, 'OPEN') || CASE WHEN pd.is_rework THEN ' (rework)' ELSE '' END,"
    "  COALESCE(us.full_name, us.username, ''), COALESCE(pd.station_id, ''),"
    "  COALESCE(e.equipment_code, ''),"
    "  concat_ws(' ', 'done ' || " TS("pd.complete_time") ", " MEAS("pd.process_specific_data") ")"
    " FROM u JOIN process_data pd ON pd.serial_id = u.serial_id JOIN processes p ON p.id = pd.process_id"
    " LEFT JOIN users us ON us.id = pd.operator_id LEFT JOIN equipment e ON e.id = pd.equipment_id"
    " WHERE p.process_number >= (SELECT n FROM conv)"
    " UNION ALL SELECT d.decided_at, 2, d.id, " TS("d.decided_at") ", u.wip_id, p.process_number,"
    "  d.decision, COALESCE(us.full_name, us.username, ''), d.station_id, '', d.reason"
    " FROM u JOIN wip_dispositions d ON d.wip_item_id = u.id JOIN processes p ON p.id = d.process_id"
    " LEFT JOIN users us ON us.id = d.decided_by"
    " UNION ALL SELECT u.converted_at, 3, 0, " TS("u.converted_at") ", u.wip_id, 0, 'CONVERTED', '',"
    "  '', '', 'serial ' || COALESCE(s.serial_number, '?')"
    " FROM u LEFT JOIN serials s ON s.id = u.serial_id WHERE u.converted_at IS NOT NULL"
    " UNION ALL SELECT j.created_at, 4, j.id, " TS("j.created_at") ", u.wip_id, 0, j.state,"
    "  COALESCE(us.full_name, us.username, ''), j.station_id, j.queue,"
    "  concat_ws(' ', j.label_type || ' label', 'cups job ' || j.cups_job_id,"
    "  CASE WHEN j.is_reprint THEN 'reprint ' || j.reprint_count || ': ' || j.reprint_reason END,"
    "  j.error_text)"
    " FROM u JOIN wip_print_jobs j ON j.wip_item_id = u.id OR j.serial_id = u.serial_id"
    " LEFT JOIN users us ON us.id = j.operator_id"
    " ) ev ORDER BY t, k, ord LIMIT 2000";
/* clang-format on */

/* The unit by WIP ID or by serial: two index lookups (an OR across the join would scan
 * every unit and serial). */
static const char sql_header[] =
    "SELECT 'WIP ' || w.wip_id || '  lot ' || l.lot_number || '  ' || w.status"
    "  || COALESCE('  serial ' || s.serial_number || ' ' || s.status, '') AS h"
    " FROM wip_items w JOIN lots l ON l.id = w.lot_id LEFT JOIN serials s ON s.id = w.serial_id"
    " WHERE w.id IN (SELECT w0.id FROM wip_items w0 WHERE w0.wip_id = $1"
    "  UNION ALL SELECT w1.id FROM wip_items w1 JOIN serials s1 ON s1.id = w1.serial_id"
    "  WHERE s1.serial_number = $2)"
    " UNION ALL SELECT 'LOT ' || l.lot_number || '  ' || l.status || '  target ' || l.target_quantity"
    "  || '  units ' || (SELECT count(*) FROM wip_items w WHERE w.lot_id = l.id)"
    "  || '  passed ' || l.passed_quantity || '  scrapped ' || l.failed_quantity"
    " FROM lots l WHERE l.lot_number = $3 LIMIT 1";

/* A component lot: every attempt that scanned it (migration 009's where-used). */
static const char sql_component[] =
    "SELECT to_char(used_at, 'YYYY-MM-DD HH24:MI:SS') AS at, wip_id, lot_number,"
    " COALESCE(serial_number, '') AS serial_number, process_number, result, field,"
    " COALESCE(station_id, '') AS station_id, in_unit, on_hold"
    " FROM wip_where_used($1) LIMIT 2000";

/* The where-used of a component lot as a trace (rows ordered by lot, unit, time). */
static void component_trace(const PGresult *r, struct core_trace *out)
{
    int n = PQntuples(r), units = 0, lots = 0, still = 0, serials = 0;

    out->ev = xcalloc((size_t)(n ? n : 1), sizeof *out->ev);
    for (int i = 0; i < n && i < TRACE_MAX; i++) {
        struct core_event *e = &out->ev[out->n++];
        const char *wip = db_str(r, i, "wip_id");
        int first_of_unit = i == 0 || strcmp(wip, db_str(r, i - 1, "wip_id"));
        units += first_of_unit;
        lots += i == 0 || strcmp(db_str(r, i, "lot_number"), db_str(r, i - 1, "lot_number"));
        serials += first_of_unit && db_str(r, i, "serial_number")[0];
        still += db_bool(r, i, "in_unit");
        e->kind = CORE_EV_COMPONENT;
        stn_strlcpy(e->at, db_str(r, i, "at"), sizeof e->at);
        stn_strlcpy(e->unit, wip, sizeof e->unit);
        e->process = db_int(r, i, "process_number");
        stn_strlcpy(e->what, db_str(r, i, "result"), sizeof e->what);
        stn_strlcpy(e->station, db_str(r, i, "station_id"), sizeof e->station);
        snprintf(e->detail, sizeof e->detail, "%s lot %s%s%s%s%s", db_str(r, i, "field"),
                 db_str(r, i, "lot_number"), db_str(r, i, "serial_number")[0] ? " serial " : "",
                 db_str(r, i, "serial_number"), db_bool(r, i, "in_unit") ? "" : ", replaced later",
                 db_bool(r, i, "on_hold") ? ", HELD" : "");
    }
    snprintf(out->header, sizeof out->header,
             "COMPONENT LOT %s  used in %d unit%s (%d still hold%s it) of %d lot%s, %d serial%s",
             out->subject, units, units == 1 ? "" : "s", still, still == 1 ? "s" : "", lots,
             lots == 1 ? "" : "s", serials, serials == 1 ? "" : "s");
}

static enum core_event_kind kind_of(int k)
{
    static const enum core_event_kind map[] = { CORE_EV_CREATED, CORE_EV_ATTEMPT,
                                                CORE_EV_DISPOSITION, CORE_EV_CONVERTED,
                                                CORE_EV_PRINT };
    return k >= 0 && k <= 4 ? map[k] : CORE_EV_ATTEMPT;
}

enum stn_code core_trace_get(struct core_db *db, const char *text, struct core_trace *out,
                             struct stn_err *err)
{
    const char *p[3] = { text, text, text }; /* WIP, serial, lot */
    struct core_scan sc;
    struct db_pipe pp;
    enum stn_code rc;
    int component = 1; /* not a unit's or lot's number: perhaps a component lot */

    memset(out, 0, sizeof *out);
    stn_strlcpy(out->subject, text, sizeof out->subject);
    /* a well-formed number is looked up as what it is; anything else as all three */
    if (core_scan_parse(text, strlen(text), "", 0, &sc) == CORE_SCAN_WHY_OK &&
        (sc.kind == CORE_SCAN_WIP || sc.kind == CORE_SCAN_SERIAL || sc.kind == CORE_SCAN_LOT) &&
        !strcmp(sc.text, text)) {
        p[0] = sc.kind == CORE_SCAN_WIP ? text : NULL;
        p[1] = sc.kind == CORE_SCAN_SERIAL ? text : NULL;
        p[2] = sc.kind == CORE_SCAN_LOT ? text : NULL;
        component = 0;
    }
    db_pipe_begin(&pp, db);
    db_pipe_sql(&pp, sql_header, 3, p);
    db_pipe_sql(&pp, sql_trace, 3, p);
    if (component)
        db_pipe_sql(&pp, sql_component, 1, p);
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK && PQntuples(pp.res[0]) == 0 && component && PQntuples(pp.res[2]) > 0) {
        component_trace(pp.res[2], out);
        db_pipe_end(&pp);
        return STN_OK;
    }
    if (rc == STN_OK && PQntuples(pp.res[0]) == 0)
        rc = stn_err_set(err, STN_E_NOT_FOUND, "%s is not known", text);
    if (rc == STN_OK) {
        PGresult *r = pp.res[1];
        int n = PQntuples(r);
        stn_strlcpy(out->header, db_str(pp.res[0], 0, "h"), sizeof out->header);
        out->ev = xcalloc((size_t)(n ? n : 1), sizeof *out->ev);
        for (int i = 0; i < n && i < TRACE_MAX; i++) {
            struct core_event *e = &out->ev[out->n++];
            e->kind = kind_of(db_int(r, i, "k"));
            stn_strlcpy(e->at, db_str(r, i, "at"), sizeof e->at);
            stn_strlcpy(e->unit, db_str(r, i, "unit"), sizeof e->unit);
            e->process = db_int(r, i, "process");
            stn_strlcpy(e->what, db_str(r, i, "what"), sizeof e->what);
            stn_strlcpy(e->who, db_str(r, i, "who"), sizeof e->who);
            stn_strlcpy(e->station, db_str(r, i, "station"), sizeof e->station);
            stn_strlcpy(e->equipment, db_str(r, i, "equipment"), sizeof e->equipment);
            stn_strlcpy(e->detail, db_str(r, i, "detail"), sizeof e->detail);
        }
    }
    db_pipe_end(&pp);
    return rc;
}

void core_trace_fini(struct core_trace *t)
{
    if (!t)
        return;
    free(t->ev);
    memset(t, 0, sizeof *t);
}

/* Per lot (newest open lots) and process: open, latest PASS, latest FAIL, first-pass.
 * Bounded by the open lots' attempts, not by the size of the tables: the per-lot unit
 * counts are one pass over the open lots' units (lu); each unit's latest and first
 * completed attempt at a process come from one sort of those attempts (a window over the
 * unit and process, completed attempts first: the first one's result is the first-pass
 * figure, and an open attempt makes the latest OPEN), and the counts are grouped by (lot,
 * process) before the lots' text columns are joined. */
static const char sql_board[] =
    "WITH lo AS MATERIALIZED (SELECT id, lot_number, status, target_quantity,"
    "  wip_held_units(id) AS held FROM (SELECT id, lot_number, status, target_quantity FROM lots"
    "  WHERE status <> 'CLOSED' ORDER BY created_at DESC, id DESC LIMIT $1) ol),"
    " conv AS (SELECT COALESCE(min(process_number), 2147483647) AS n FROM processes"
    "  WHERE is_active AND process_type = 'SERIAL_CONVERSION'),"
    " lu AS (SELECT w.lot_id, count(*) AS units,"
    "   count(*) FILTER (WHERE w.status = 'SCRAPPED' OR s.status = 'SCRAPPED') AS scrapped,"
    "   count(*) FILTER (WHERE s.status = 'PASSED') AS done"
    "  FROM lo JOIN wip_items w ON w.lot_id = lo.id LEFT JOIN serials s ON s.id = w.serial_id"
    "  GROUP BY w.lot_id),"
    " att AS (SELECT w.lot_id, w.id AS unit, p.process_number AS n, h.result, h.completed_at,"
    "   h.started_at, h.id, w.status = 'SCRAPPED' AS scr FROM lo JOIN wip_items w ON w.lot_id = lo.id"
    "   JOIN wip_process_history h ON h.wip_item_id = w.id JOIN processes p ON p.id = h.process_id"
    "  UNION ALL SELECT w.lot_id, w.id, p.process_number, pd.result, pd.complete_time,"
    "   pd.start_time, pd.id, s.status = 'SCRAPPED' FROM lo JOIN wip_items w ON w.lot_id = lo.id"
    "   JOIN serials s ON s.id = w.serial_id"
    "   JOIN process_data pd ON pd.serial_id = w.serial_id JOIN processes p ON p.id = pd.process_id"
    "   WHERE p.process_number >= (SELECT n FROM conv)"
    "   AND (pd.station_id IS NOT NULL OR pd.complete_time IS NOT NULL)),"
    " r AS (SELECT lot_id, unit, n, scr, row_number() OVER w AS rn,"
    "   last_value(CASE WHEN completed_at IS NULL THEN 'OPEN' ELSE result END) OVER w AS latest,"
    "   first_value(result) OVER w AS first"
    "  FROM att WINDOW w AS (PARTITION BY unit, n ORDER BY completed_at IS NULL, started_at, id"
    "   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),"
    " pc AS (SELECT lot_id, n,"
    "   count(*) FILTER (WHERE latest = 'OPEN') AS open,"
    "   count(*) FILTER (WHERE latest = 'PASS') AS pass,"
    "   count(*) FILTER (WHERE latest IN ('FAIL', 'REWORK')) AS fail,"
    "   count(*) FILTER (WHERE latest = 'FAIL' AND NOT scr) AS hold,"
    "   count(*) FILTER (WHERE first = 'PASS') AS first_pass,"
    "   count(*) FILTER (WHERE first IS NOT NULL) AS attempted,"
    "   count(*) AS touched"
    "  FROM r WHERE rn = 1 GROUP BY lot_id, n)"
    " SELECT lo.id, lo.lot_number, lo.status, lo.target_quantity,"
    "  COALESCE(lu.units, 0) AS units, COALESCE(lu.scrapped, 0) AS scrapped,"
    "  COALESCE(lu.done, 0) AS done, COALESCE(pc.n, 0) AS n, COALESCE(pc.open, 0) AS open,"
    "  COALESCE(pc.pass, 0) AS pass, COALESCE(pc.fail, 0) AS fail, COALESCE(pc.hold, 0) AS hold,"
    "  COALESCE(pc.first_pass, 0) AS first_pass, COALESCE(pc.attempted, 0) AS attempted,"
    "  COALESCE(pc.touched, 0) AS touched, lo.held"
    " FROM lo LEFT JOIN lu ON lu.lot_id = lo.id LEFT JOIN pc ON pc.lot_id = lo.id"
    " ORDER BY lo.id DESC, n";

static struct core_board_row *row_for(struct core_board *b, int64_t lot_id)
{
    for (int i = 0; i < b->n; i++)
        if (b->rows[i].lot_id == lot_id)
            return &b->rows[i];
    return NULL;
}

/* waiting at n = units whose latest at the previous process is PASS and that have no
 * attempt at n; at the first process, units without any attempt there. */
static void derive_waiting(struct core_board_row *row, const int *touched)
{
    int prev_pass = row->units - row->scrapped;
    for (int n = 1; n <= 8; n++) {
        int w = prev_pass - touched[n];
        row->cell[n].waiting = w > 0 ? w : 0;
        prev_pass = row->cell[n].passed;
    }
}

enum stn_code core_board_get(struct core_db *db, int max_lots, struct core_board *out,
                             struct stn_err *err)
{
    char lim[12];
    const char *p[1] = { lim };
    PGresult *r;
    enum stn_code rc;
    int touched[64][9];

    memset(out, 0, sizeof *out);
    if (max_lots < 1 || max_lots > 64)
        max_lots = 64;
    snprintf(lim, sizeof lim, "%d", max_lots);
    if ((rc = db_exec(db, sql_board, 1, p, &r, err)) != STN_OK)
        return rc;
    memset(touched, 0, sizeof touched);
    out->rows = xcalloc((size_t)max_lots, sizeof *out->rows);
    for (int i = 0; i < PQntuples(r); i++) {
        int64_t id = db_ll(r, i, "id");
        struct core_board_row *row = row_for(out, id);
        int n = db_int(r, i, "n");
        if (!row) {
            if (out->n == max_lots)
                continue;
            row = &out->rows[out->n++];
            row->lot_id = id;
            stn_strlcpy(row->lot_number, db_str(r, i, "lot_number"), sizeof row->lot_number);
            stn_strlcpy(row->status, db_str(r, i, "status"), sizeof row->status);
            row->target = db_int(r, i, "target_quantity");
            row->units = db_int(r, i, "units");
            row->scrapped = db_int(r, i, "scrapped");
            row->done = db_int(r, i, "done");
            row->held = db_int(r, i, "held");
        }
        if (n < 1 || n > 8)
            continue;
        row->cell[n].in_progress = db_int(r, i, "open");
        row->cell[n].passed = db_int(r, i, "pass");
        row->cell[n].failed = db_int(r, i, "fail");
        row->cell[n].on_hold = db_int(r, i, "hold");
        row->cell[n].first_pass = db_int(r, i, "first_pass");
        row->cell[n].attempted = db_int(r, i, "attempted");
        touched[row - out->rows][n] = db_int(r, i, "touched");
    }
    for (int i = 0; i < out->n; i++)
        derive_waiting(&out->rows[i], touched[i]);
    PQclear(r);
    return STN_OK;
}

void core_board_fini(struct core_board *b)
{
    if (!b)
        return;
    free(b->rows);
    memset(b, 0, sizeof *b);
}
