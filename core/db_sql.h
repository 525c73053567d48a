/* core/db_sql.h — every statement a station prepares, as DB_STMT_ENUM(id, sql).
 * Included by core/db_int.h and core/db.c with DB_STMT_ENUM defined; no guard. */
/* clang-format off */

/* The unit: by WIP ID ($1) or serial number ($2), one of them NULL. */
#define DB_UNIT_ID_SQL \
    "(SELECT id FROM (SELECT w0.id FROM wip_items w0 WHERE w0.wip_id = $1 " \
    "  UNION ALL SELECT w1.id FROM wip_items w1 JOIN serials s1 ON s1.id = w1.serial_id " \
    "  WHERE s1.serial_number = $2) x LIMIT 1)"

#define DB_TS(col) "to_char(" col ", 'YYYY-MM-DD HH24:MI:SS')"

DB_STMT_ENUM(BEGIN, "BEGIN")
DB_STMT_ENUM(COMMIT, "COMMIT")
DB_STMT_ENUM(ROLLBACK, "ROLLBACK")

DB_STMT_ENUM(LOCK_UNIT,
    "SELECT id FROM wip_items WHERE id = " DB_UNIT_ID_SQL " FOR UPDATE")

/* The unit's card in one statement: the unit's columns on every row and one row per
 * attempt, oldest first: WIP history, then the serial-phase records (process_data of the
 * converting process and after); REWORK results read as FAIL. A unit without attempts is
 * one row with NULL attempt columns; an unknown unit is no row. */
DB_STMT_ENUM(LOAD_CARD,
    "WITH un AS MATERIALIZED (SELECT w.id AS wip_pk, w.wip_id, w.lot_id, w.sequence_in_lot AS seq,"
    " w.status, COALESCE(w.serial_id, 0) AS serial_pk, l.lot_number, l.status AS lot_status,"
    " COALESCE(s.serial_number, '') AS serial_number, COALESCE(s.status, '') AS serial_status,"
    " COALESCE(s.rework_count, 0) AS rework_count, COALESCE(m.model_code, '') AS model_code,"
    " COALESCE(m.model_name, '') AS model_name, l.production_date::text AS production_date,"
    " EXISTS (SELECT 1 FROM wip_print_jobs j WHERE j.serial_id = w.serial_id"
    "         AND j.label_type = 'SERIAL' AND j.state = 'COMPLETED') AS label_printed,"
    " hd.hold_id IS NOT NULL AS held, COALESCE(hd.on_lot, FALSE) AS held_on_lot,"
    " COALESCE(hd.reason, '') AS held_reason, COALESCE(hd.held_by, '') AS held_by,"
    " COALESCE(to_char(hd.held_at, 'YYYY-MM-DD HH24:MI'), '') AS held_at"
    " FROM wip_items w JOIN lots l ON l.id = w.lot_id"
    " LEFT JOIN serials s ON s.id = w.serial_id"
    " LEFT JOIN product_models m ON m.id = l.product_model_id"
    " LEFT JOIN LATERAL wip_active_hold(w.id, w.lot_id) hd ON TRUE"
    " WHERE w.id = " DB_UNIT_ID_SQL "),"
    " conv AS (SELECT COALESCE(min(process_number), 2147483647) AS n FROM processes"
    "          WHERE is_active AND process_type = 'SERIAL_CONVERSION'),"
    " att AS ("
    " SELECT 0 AS on_serial, h.id, p.process_number AS process, h.result, h.is_rework,"
    "  h.started_at AS ts, " DB_TS("h.started_at") " AS started_at,"
    "  COALESCE(" DB_TS("h.completed_at") ", '') AS completed_at,"
    "  COALESCE(h.station_id, '') AS station_id,"
    "  COALESCE(ou.full_name, ou.username, '') AS operator_name,"
    "  COALESCE(h.process_data->>'defect', '') AS defect, COALESCE(d.decision, '') AS decision,"
    "  COALESCE(du.full_name, du.username, '') AS decided_by, COALESCE(d.reason, '') AS reason"
    " FROM un JOIN wip_process_history h ON h.wip_item_id = un.wip_pk"
    " JOIN processes p ON p.id = h.process_id"
    " LEFT JOIN users ou ON ou.id = h.operator_id"
    " LEFT JOIN wip_dispositions d ON d.history_id = h.id"
    " LEFT JOIN users du ON du.id = d.decided_by"
    " UNION ALL"
    " SELECT 1, pd.id, p.process_number, pd.result, pd.is_rework,"
    "  pd.start_time, " DB_TS("pd.start_time") ", COALESCE(" DB_TS("pd.complete_time") ", ''),"
    "  COALESCE(pd.station_id, ''), COALESCE(ou.full_name, ou.username, ''),"
    "  COALESCE(pd.process_specific_data->>'defect', ''), COALESCE(d.decision, ''),"
    "  COALESCE(du.full_name, du.username, ''), COALESCE(d.reason, '')"
    " FROM un JOIN process_data pd ON pd.serial_id = un.serial_pk"
    " JOIN processes p ON p.id = pd.process_id"
    " LEFT JOIN users ou ON ou.id = pd.operator_id"
    " LEFT JOIN wip_dispositions d ON d.process_data_id = pd.id"
    " LEFT JOIN users du ON du.id = d.decided_by"
    " WHERE p.process_number >= (SELECT n FROM conv)"
    "   AND (pd.complete_time IS NOT NULL OR pd.station_id IS NOT NULL))"
    " SELECT un.*, att.* FROM un LEFT JOIN att ON TRUE ORDER BY att.ts, att.on_serial, att.id")

DB_STMT_ENUM(START_WIP,
    "INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, equipment_id,"
    " started_at, is_rework, station_id) VALUES ($1, $2, $3, NULLIF($4, 0), NOW(), $5, $6)"
    " RETURNING id")

/* $4: the version of the criteria the station judged with (0: unknown) */
DB_STMT_ENUM(COMPLETE_WIP,
    "UPDATE wip_process_history SET completed_at = NOW(), result = $2, process_data = $3::jsonb,"
    " criteria_version = NULLIF($4::int, 0) WHERE id = $1 AND completed_at IS NULL RETURNING id")

DB_STMT_ENUM(START_SERIAL,
    "INSERT INTO process_data (lot_id, serial_id, process_id, operator_id, equipment_id,"
    " start_time, is_rework, station_id)"
    " VALUES ($1, $2, $3, $4, NULLIF($5, 0), NOW(), $6, $7) RETURNING id")

DB_STMT_ENUM(COMPLETE_SERIAL,
    "UPDATE process_data SET complete_time = NOW(), result = $2, process_specific_data = $3::jsonb,"
    " criteria_version = NULLIF($4::int, 0) WHERE id = $1 AND complete_time IS NULL RETURNING id")

/* $1 serial id, $2 new status, $3 failure reason (NULL keeps), $4 rework increment */
DB_STMT_ENUM(SERIAL_STATUS,
    "UPDATE serials SET status = $2::varchar, failure_reason = COALESCE($3, failure_reason),"
    " rework_count = rework_count + $4, updated_at = NOW(),"
    " completed_at = CASE WHEN $2::varchar IN ('PASSED', 'SCRAPPED') THEN NOW() ELSE completed_at END"
    " WHERE id = $1 RETURNING id")

DB_STMT_ENUM(WIP_SCRAP,
    "UPDATE wip_items SET status = 'SCRAPPED', updated_at = NOW() WHERE id = $1 RETURNING id")

/* Lot counters: $1 lot, $2 passed +, $3 failed +. Takes the lot's row lock. */
DB_STMT_ENUM(LOT_COUNT,
    "UPDATE lots SET passed_quantity = passed_quantity + $2,"
    " failed_quantity = failed_quantity + $3, updated_at = NOW()"
    " WHERE id = $1 RETURNING status")

/* Lot completion, right after LOT_COUNT in the same pipeline: $1 lot. COMPLETED when the
 * lot has reached its target and every unit is PASSED or SCRAPPED. A statement of its
 * own, so that its snapshot is taken once LOT_COUNT holds the lot's row lock and sees
 * the units that other stations finished (and committed) meanwhile: decided inside
 * LOT_COUNT, two last units finishing at once would each see the other still open, and
 * the lot would stay IN_PROGRESS for ever. */
DB_STMT_ENUM(LOT_COMPLETE,
    "UPDATE lots l SET status = 'COMPLETED', updated_at = NOW()"
    " WHERE l.id = $1 AND l.status = 'IN_PROGRESS'"
    "   AND (SELECT count(*) FROM wip_items w WHERE w.lot_id = l.id) >= l.target_quantity"
    "   AND NOT EXISTS (SELECT 1 FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id"
    "        WHERE w.lot_id = l.id AND w.status <> 'SCRAPPED'"
    "        AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED'))"
    " RETURNING status")

/* Conversion: $1 wip pk, $2 lot id, $3 serial number, $4 seq, $5 process id,
 * $6 operator, $7 equipment, $8 station, $9 process number */
DB_STMT_ENUM(CONVERT,
    "WITH s AS (INSERT INTO serials (serial_number, lot_id, sequence_in_lot, status)"
    "           VALUES ($3, $2, $4, 'IN_PROGRESS') RETURNING id, serial_number),"
    " w AS (UPDATE wip_items SET serial_id = (SELECT id FROM s), status = 'CONVERTED',"
    "       converted_at = NOW(), current_process_id = $5, updated_at = NOW()"
    "       WHERE id = $1 AND status = 'COMPLETED' AND serial_id IS NULL RETURNING id),"
    " pd AS (INSERT INTO process_data (lot_id, serial_id, process_id, operator_id, equipment_id,"
    "        start_time, is_rework, station_id, process_specific_data)"
    "        SELECT $2, s.id, $5, $6, NULLIF($7, 0), NOW(), FALSE, $8,"
    "        jsonb_build_object('serial_number', s.serial_number, 'process', $9::int)"
    "        FROM s RETURNING id),"
    " lc AS (UPDATE lots SET actual_quantity = actual_quantity + 1, updated_at = NOW()"
    "        WHERE id = $2 RETURNING id)"
    " SELECT s.id AS serial_pk, s.serial_number, (SELECT id FROM pd) AS pd_id,"
    "  (SELECT count(*) FROM w) AS converted, (SELECT count(*) FROM lc) AS lots FROM s")

/* Dispositions: $1 wip, $2 serial (NULL), $3 process id, $4 history id, $5 pd id,
 * $6 decision, $7 reason, $8 decided by, $9 station */
DB_STMT_ENUM(DISPOSITION,
    "INSERT INTO wip_dispositions (wip_item_id, serial_id, process_id, history_id, process_data_id,"
    " decision, reason, decided_by, station_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " RETURNING id")

/* $1 actor, $2 badge, $3 station, $4 action, $5 entity, $6 key, $7 detail json */
DB_STMT_ENUM(AUDIT,
    "INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, entity, entity_key, detail)"
    " VALUES (NULLIF($1, 0), $2, $3, $4, $5, $6, $7::jsonb) RETURNING id")

/* Lots */
DB_STMT_ENUM(LOCK_LOT,
    "SELECT id FROM lots WHERE lot_number = $1 FOR UPDATE")
DB_STMT_ENUM(LOAD_LOT,
    "SELECT l.id, l.lot_number, l.status, l.target_quantity, l.production_date::text AS production_date,"
    " COALESCE(m.model_code, '') AS model_code, COALESCE(m.model_name, '') AS model_name,"
    " COALESCE(pl.line_code, '') AS line_code, l.passed_quantity, l.failed_quantity,"
    " (SELECT count(*) FROM wip_items w WHERE w.lot_id = l.id) AS units,"
    " (SELECT COALESCE(max(w.sequence_in_lot), 0) FROM wip_items w WHERE w.lot_id = l.id) AS max_seq,"
    " (SELECT count(*) FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id"
    "   WHERE w.lot_id = l.id AND w.status <> 'SCRAPPED'"
    "   AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED')) AS open_units,"
    " hd.hold_id IS NOT NULL AS held, COALESCE(hd.reason, '') AS held_reason,"
    " COALESCE(hd.held_by, '') AS held_by,"
    " COALESCE(to_char(hd.held_at, 'YYYY-MM-DD HH24:MI'), '') AS held_at,"
    " wip_held_units(l.id) AS held_units"
    " FROM lots l LEFT JOIN product_models m ON m.id = l.product_model_id"
    " LEFT JOIN production_lines pl ON pl.id = l.production_line_id"
    " LEFT JOIN LATERAL wip_active_hold(NULL, l.id) hd ON TRUE"
    " WHERE l.lot_number = $1")
/* $1 lot id, $2 wip id, $3 seq, $4 process id (or NULL: no attempt), $5 operator,
 * $6 equipment, $7 station */
DB_STMT_ENUM(CREATE_WIP,
    "WITH w AS (INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) VALUES ($2, $1, $3)"
    "           RETURNING id, wip_id),"
    " h AS (INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, equipment_id,"
    "       started_at, station_id) SELECT w.id, $4, $5, NULLIF($6, 0), NOW(), $7 FROM w"
    "       WHERE $4::bigint IS NOT NULL RETURNING id),"
    " l AS (UPDATE lots SET status = 'IN_PROGRESS', updated_at = NOW()"
    "       WHERE id = $1 AND status = 'CREATED' RETURNING id)"
    " SELECT w.id AS wip_pk, w.wip_id, (SELECT count(*) FROM l) AS lot_started FROM w")

DB_STMT_ENUM(SETTING, "SELECT value FROM wip_settings WHERE key = $1")

/* Rig messages (migration 007). The key: 'id:' || the rig's msg_id ($2), or without one
 * 'sha256:' || the digest of the canonical form ($3); one row always, with the latest
 * message this station recorded under that key when there is one. $1 station. */
DB_STMT_ENUM(RIG_LOOKUP,
    "WITH k AS (SELECT encode(sha256(convert_to($3, 'UTF8')), 'hex') AS digest),"
    " kk AS (SELECT COALESCE('id:' || $2, 'sha256:' || k.digest) AS msg_key, k.digest FROM k)"
    " SELECT kk.msg_key, kk.digest, m.id IS NOT NULL AS seen, COALESCE(m.digest, '') AS seen_digest,"
    "  COALESCE(m.reply, '') AS reply, COALESCE(m.history_id, m.process_data_id, 0) AS attempt,"
    "  m.process_data_id IS NOT NULL AS on_serial"
    " FROM kk LEFT JOIN LATERAL (SELECT x.* FROM wip_rig_messages x"
    "  WHERE x.station_id = $1 AND x.msg_key = kk.msg_key ORDER BY x.id DESC LIMIT 1) m ON TRUE")

/* $1 station, $2 key, $3 digest, $4 type, $5 source, $6 wip pk, $7 the attempt (NULL: the
 * unit's open attempt, which the START just inserted), $8 'W' (history) or 'S' (serial
 * phase), $9 serial pk, $10 operator, $11 reply */
DB_STMT_ENUM(RIG_RECORD,
    "INSERT INTO wip_rig_messages (station_id, msg_key, digest, message_type, source,"
    " wip_item_id, history_id, process_data_id, operator_id, reply)"
    " SELECT $1, $2, $3, $4, $5, $6,"
    "  CASE WHEN $8 = 'W' THEN COALESCE($7::bigint, (SELECT h.id FROM wip_process_history h"
    "   WHERE h.wip_item_id = $6 AND h.completed_at IS NULL)) END,"
    "  CASE WHEN $8 = 'S' THEN COALESCE($7::bigint, (SELECT pd.id FROM process_data pd"
    "   WHERE pd.serial_id = $9 AND pd.complete_time IS NULL AND pd.station_id IS NOT NULL)) END,"
    "  NULLIF($10::bigint, 0), $11"
    " RETURNING id")

/* clang-format on */
