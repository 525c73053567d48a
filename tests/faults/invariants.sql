-- tests/faults/invariants.sql — what must hold in a wipstation database whatever the
-- stations, the network or the server did (docs/DESIGN.md, Data model and Lifecycle). Run as the superuser:
--   psql -X -q -At -F ' | ' -v ON_ERROR_STOP=1 -d DB -f tests/faults/invariants.sql
-- Every query returns one row per violation ("invariant | detail") and no rows when the
-- invariant holds; tests/faults/check-invariants.sh counts them. Read-only: it creates
-- temporary tables only.
\set QUIET on
SET client_min_messages = warning;

-- Every attempt of every unit: WIP history, then the serial-phase records the stations
-- wrote (process_data rows with a station id). src 'H' < 'S' and ids grow with inserts,
-- which the unit's row lock serialises, so (src, id) is the order of a unit's attempts.
CREATE TEMP TABLE inv_att AS
SELECT 'H'::text AS src, h.id, h.wip_item_id AS wip, p.process_number AS proc, p.id AS process_id,
       h.started_at, h.completed_at,
       CASE WHEN h.result = 'REWORK' THEN 'FAIL' ELSE h.result END AS result,
       h.is_rework, h.station_id, h.process_data ->> 'defect' AS defect, d.decision, d.id AS disp
  FROM wip_process_history h
  JOIN processes p ON p.id = h.process_id
  LEFT JOIN wip_dispositions d ON d.history_id = h.id
UNION ALL
SELECT 'S', pd.id, w.id, p.process_number, p.id, pd.start_time, pd.complete_time,
       CASE WHEN pd.result = 'REWORK' THEN 'FAIL' ELSE pd.result END,
       pd.is_rework, pd.station_id, pd.process_specific_data ->> 'defect', d.decision, d.id
  FROM process_data pd
  JOIN wip_items w ON w.serial_id = pd.serial_id
  JOIN processes p ON p.id = pd.process_id
  LEFT JOIN wip_dispositions d ON d.process_data_id = pd.id
 WHERE pd.station_id IS NOT NULL;
CREATE INDEX ON inv_att (wip, proc, src, id);
ANALYZE inv_att;

-- The active routing with each process's predecessor.
CREATE TEMP TABLE inv_route AS
SELECT process_number AS proc, lag(process_number) OVER (ORDER BY process_number) AS prev,
       reworkable, process_type, defect_items
  FROM processes WHERE is_active;
CREATE TEMP TABLE inv_const AS
SELECT wip_last_manufacturing_number() AS last_wip,
       (SELECT max(proc) FROM inv_route) AS last_proc,
       (SELECT min(proc) FROM inv_route WHERE process_type = 'SERIAL_CONVERSION') AS conv,
       COALESCE((SELECT value::int FROM wip_settings WHERE key = 'max_rework'), 3) AS max_rework;

-- 1. One open attempt per unit, across the WIP and the serial phases.
SELECT 'one_open_attempt', w.wip_id || ': ' || count(*) || ' open attempts'
  FROM inv_att a JOIN wip_items w ON w.id = a.wip
 WHERE a.completed_at IS NULL
 GROUP BY w.wip_id HAVING count(*) > 1;

-- 2. An attempt at a process needs a PASS of its predecessor; a completed one needs that
--    PASS completed before it (the completing transaction began after the start, which
--    saw the PASS committed).
SELECT 'predecessor_passed', w.wip_id || ' ' || a.src || '#' || a.id || ' P' || a.proc || ' '
       || COALESCE(a.result, 'open') || ' without an earlier PASS of P' || r.prev
  FROM inv_att a JOIN inv_route r ON r.proc = a.proc JOIN wip_items w ON w.id = a.wip
 WHERE r.prev IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM inv_att b
                    WHERE b.wip = a.wip AND b.proc = r.prev AND b.result = 'PASS'
                      AND (a.completed_at IS NULL OR b.completed_at < a.completed_at));

-- 3. A process is PASSed at most once per unit (a double completion or a double start).
SELECT 'one_pass_per_process', w.wip_id || ' P' || a.proc || ': ' || count(*) || ' PASS'
  FROM inv_att a JOIN wip_items w ON w.id = a.wip
 WHERE a.result = 'PASS'
 GROUP BY w.wip_id, a.proc HAVING count(*) > 1;

-- 4. Serials and conversions: each serial belongs to exactly one CONVERTED unit (a
--    scrapped serial keeps its unit CONVERTED), with the unit's number and a record of
--    the converting process; each CONVERTED unit has its serial.
SELECT 'serial_has_unit', s.serial_number || ': ' || count(w.id) || ' converted units'
  FROM serials s LEFT JOIN wip_items w ON w.serial_id = s.id AND w.status = 'CONVERTED'
 GROUP BY s.id, s.serial_number HAVING count(w.id) <> 1;
SELECT 'converted_has_serial',
       w.wip_id || ' is ' || w.status || ', serial ' || COALESCE(w.serial_id::text, 'none')
  FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id
 WHERE (w.status = 'CONVERTED') <> (s.id IS NOT NULL);
SELECT 'serial_number', w.wip_id || ' -> ' || s.serial_number
  FROM wip_items w JOIN serials s ON s.id = w.serial_id JOIN lots l ON l.id = w.lot_id
 WHERE s.serial_number <> l.lot_number || lpad(w.sequence_in_lot::text, 4, '0')
    OR s.lot_id <> w.lot_id OR s.sequence_in_lot <> w.sequence_in_lot;
SELECT 'converted_has_conversion_record', w.wip_id
  FROM wip_items w, inv_const c
 WHERE w.status = 'CONVERTED'
   AND NOT EXISTS (SELECT 1 FROM inv_att a WHERE a.wip = w.id AND a.src = 'S' AND a.proc = c.conv);
SELECT 'converted_after_wip_processes', w.wip_id || ' converted without a PASS of P' || r.proc
  FROM wip_items w CROSS JOIN inv_route r CROSS JOIN inv_const c
 WHERE w.status = 'CONVERTED' AND r.proc < c.conv
   AND NOT EXISTS (SELECT 1 FROM inv_att a
                    WHERE a.wip = w.id AND a.proc = r.proc AND a.result = 'PASS');
SELECT 'no_wip_attempt_after_conversion', w.wip_id || ' H#' || a.id || ' started after conversion'
  FROM wip_items w JOIN inv_att a ON a.wip = w.id AND a.src = 'H'
 WHERE w.converted_at IS NOT NULL AND a.started_at > w.converted_at;
SELECT 'duplicate_serial', serial_number || ' x' || count(*)
  FROM serials GROUP BY serial_number HAVING count(*) > 1;
SELECT 'duplicate_serial_sequence', lot_id || '/' || sequence_in_lot
  FROM serials GROUP BY lot_id, sequence_in_lot HAVING count(*) > 1;

-- 5. WIP sequences of a lot are 1..max without a gap or a duplicate, within the target,
--    and every WIP ID is the lot number + -W + the sequence.
SELECT 'wip_sequence',
       l.lot_number || ': ' || count(*) || ' units, ' || count(DISTINCT w.sequence_in_lot)
       || ' sequences, max ' || max(w.sequence_in_lot) || ', target ' || l.target_quantity
  FROM lots l JOIN wip_items w ON w.lot_id = l.id
 GROUP BY l.id, l.lot_number, l.target_quantity
HAVING count(*) <> max(w.sequence_in_lot) OR count(DISTINCT w.sequence_in_lot) <> count(*)
    OR max(w.sequence_in_lot) > l.target_quantity;
SELECT 'wip_id_format', w.wip_id || ' in lot ' || l.lot_number || ' seq ' || w.sequence_in_lot
  FROM wip_items w JOIN lots l ON l.id = w.lot_id
 WHERE w.wip_id <> l.lot_number || '-W' || lpad(w.sequence_in_lot::text, 4, '0');

-- 6. wip_items.status follows from the history: SCRAPPED <=> a SCRAP of a WIP-phase
--    attempt; CONVERTED <=> a serial; COMPLETED <=> the last WIP process PASSed;
--    IN_PROGRESS <=> some PASS; else CREATED.
SELECT 'wip_status', wip_id || ' is ' || status || ', history says ' || expected
  FROM (SELECT w.wip_id, w.status,
               CASE WHEN EXISTS (SELECT 1 FROM inv_att a
                                  WHERE a.wip = w.id AND a.src = 'H' AND a.decision = 'SCRAP')
                    THEN 'SCRAPPED'
                    WHEN w.serial_id IS NOT NULL THEN 'CONVERTED'
                    WHEN EXISTS (SELECT 1 FROM inv_att a WHERE a.wip = w.id AND a.src = 'H'
                                    AND a.result = 'PASS' AND a.proc = c.last_wip) THEN 'COMPLETED'
                    WHEN EXISTS (SELECT 1 FROM inv_att a
                                  WHERE a.wip = w.id AND a.src = 'H' AND a.result = 'PASS')
                    THEN 'IN_PROGRESS'
                    ELSE 'CREATED' END AS expected
          FROM wip_items w CROSS JOIN inv_const c) x
 WHERE status <> expected;

-- 7. serials.status follows from the serial-phase attempts: SCRAPPED <=> a SCRAP; FAILED
--    <=> the latest attempt FAILed and is undecided; PASSED <=> the last process PASSed;
--    else IN_PROGRESS. rework_count = the serial-phase REWORK decisions.
SELECT 'serial_status', s.serial_number || ' is ' || s.status || ', history says ' || x.expected
       || ', rework_count ' || s.rework_count || ' vs ' || x.reworks
  FROM serials s
  JOIN (SELECT w.serial_id,
               CASE WHEN bool_or(a.decision = 'SCRAP') THEN 'SCRAPPED'
                    WHEN (array_agg(a.result ORDER BY a.id DESC))[1] = 'FAIL'
                         AND (array_agg(a.decision ORDER BY a.id DESC))[1] IS NULL THEN 'FAILED'
                    WHEN bool_or(a.result = 'PASS' AND a.proc = c.last_proc) THEN 'PASSED'
                    ELSE 'IN_PROGRESS' END AS expected,
               count(*) FILTER (WHERE a.decision = 'REWORK') AS reworks
          FROM wip_items w JOIN inv_att a ON a.wip = w.id AND a.src = 'S' CROSS JOIN inv_const c
         GROUP BY w.serial_id) x ON x.serial_id = s.id
 WHERE s.status <> x.expected OR s.rework_count <> x.reworks;

-- 8. Lot counters and status: passed = serials PASSED, failed = units scrapped (WIP or
--    serial), actual = serials; COMPLETED <=> the lot is full and every unit is PASSED or
--    SCRAPPED; CREATED <=> no unit yet.
WITH u AS (SELECT w.lot_id, count(*) AS units,
                  count(*) FILTER (WHERE w.status = 'SCRAPPED') AS wip_scrapped,
                  count(s.id) AS serials,
                  count(*) FILTER (WHERE s.status = 'PASSED') AS passed,
                  count(*) FILTER (WHERE s.status = 'SCRAPPED') AS serial_scrapped,
                  count(*) FILTER (WHERE w.status <> 'SCRAPPED'
                                   AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED'))
                  AS open_units
             FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id GROUP BY w.lot_id)
SELECT 'lot_counters', l.lot_number || ' ' || l.status || ': passed ' || l.passed_quantity || '/'
       || COALESCE(u.passed, 0) || ', failed ' || l.failed_quantity || '/'
       || COALESCE(u.wip_scrapped + u.serial_scrapped, 0) || ', actual ' || l.actual_quantity || '/'
       || COALESCE(u.serials, 0) || ', units ' || COALESCE(u.units, 0) || '/' || l.target_quantity
       || ', open ' || COALESCE(u.open_units, 0)
  FROM lots l LEFT JOIN u ON u.lot_id = l.id
 WHERE l.passed_quantity <> COALESCE(u.passed, 0)
    OR l.failed_quantity <> COALESCE(u.wip_scrapped + u.serial_scrapped, 0)
    OR l.actual_quantity <> COALESCE(u.serials, 0)
    OR (l.status = 'CREATED') <> (u.units IS NULL)
    OR (l.status <> 'CLOSED'
        AND (l.status = 'COMPLETED')
            <> COALESCE(u.units >= l.target_quantity AND u.open_units = 0, FALSE));

-- 9. Every FAIL that is not the unit's latest attempt has a decision; decisions point at
--    FAIL attempts of their unit and process; REWORK only where allowed and within the
--    limit; nothing happens to a unit after a SCRAP.
SELECT 'fail_decided', w.wip_id || ' ' || a.src || '#' || a.id || ' FAIL at P' || a.proc
       || ' undecided but followed by other attempts'
  FROM inv_att a JOIN wip_items w ON w.id = a.wip
 WHERE a.result = 'FAIL' AND a.decision IS NULL
   AND EXISTS (SELECT 1 FROM inv_att b WHERE b.wip = a.wip
                  AND (b.src > a.src OR (b.src = a.src AND b.id > a.id)));
SELECT 'disposition_target', 'disposition #' || d.id || ' ' || d.decision || ' of '
       || COALESCE('H#' || d.history_id, 'S#' || d.process_data_id)
  FROM wip_dispositions d
  LEFT JOIN wip_process_history h ON h.id = d.history_id
  LEFT JOIN process_data pd ON pd.id = d.process_data_id
  LEFT JOIN wip_items w ON w.id = d.wip_item_id
 WHERE (d.history_id IS NOT NULL
        AND (h.id IS NULL OR h.result NOT IN ('FAIL', 'REWORK') OR h.wip_item_id <> d.wip_item_id
             OR h.process_id <> d.process_id OR d.serial_id IS NOT NULL))
    OR (d.process_data_id IS NOT NULL
        AND (pd.id IS NULL OR pd.result NOT IN ('FAIL', 'REWORK')
             OR pd.serial_id IS DISTINCT FROM w.serial_id
             OR pd.serial_id IS DISTINCT FROM d.serial_id OR pd.process_id <> d.process_id));
SELECT 'rework_allowed',
       'disposition #' || d.id || ' REWORK at P' || p.process_number || ', not reworkable'
  FROM wip_dispositions d JOIN processes p ON p.id = d.process_id
 WHERE d.decision = 'REWORK' AND NOT COALESCE(p.reworkable, FALSE);
SELECT 'rework_limit', w.wip_id || ': ' || count(*) || ' REWORK decisions'
  FROM wip_dispositions d JOIN wip_items w ON w.id = d.wip_item_id CROSS JOIN inv_const c
 WHERE d.decision = 'REWORK'
 GROUP BY w.wip_id, c.max_rework HAVING count(*) > c.max_rework;
SELECT 'nothing_after_scrap',
       w.wip_id || ' ' || b.src || '#' || b.id || ' after SCRAP of ' || a.src || '#' || a.id
  FROM inv_att a
  JOIN inv_att b ON b.wip = a.wip AND (b.src > a.src OR (b.src = a.src AND b.id > a.id))
  JOIN wip_items w ON w.id = a.wip
 WHERE a.decision = 'SCRAP';

-- 10. An attempt is marked is_rework exactly when the previous attempt of its process
--     was a FAIL decided REWORK.
SELECT 'is_rework', w.wip_id || ' ' || a.src || '#' || a.id || ' P' || a.proc || ' is_rework='
       || a.is_rework || ' after '
       || COALESCE(prev.result || '/' || COALESCE(prev.decision, '-'), 'nothing')
  FROM inv_att a
  JOIN wip_items w ON w.id = a.wip
  LEFT JOIN LATERAL (SELECT b.result, b.decision FROM inv_att b
                      WHERE b.wip = a.wip AND b.proc = a.proc
                        AND (b.src < a.src OR (b.src = a.src AND b.id < a.id))
                      ORDER BY b.src DESC, b.id DESC LIMIT 1) prev ON TRUE
 WHERE a.is_rework <> COALESCE(prev.result = 'FAIL' AND prev.decision = 'REWORK', FALSE);

-- 11. Completed attempts have a result (and open ones none); a FAIL names a defect code
--     of its process; only the latest attempt of a unit may be open.
SELECT 'completion_result', a.src || '#' || a.id
  FROM inv_att a WHERE (a.completed_at IS NULL) <> (a.result IS NULL);
SELECT 'fail_defect', w.wip_id || ' ' || a.src || '#' || a.id || ' P' || a.proc || ' defect '
       || COALESCE(a.defect, 'none')
  FROM inv_att a JOIN inv_route r ON r.proc = a.proc JOIN wip_items w ON w.id = a.wip
 WHERE a.result = 'FAIL' AND a.station_id IS NOT NULL
   AND (a.defect IS NULL OR NOT (r.defect_items ? a.defect));
SELECT 'open_is_latest', w.wip_id || ' ' || a.src || '#' || a.id || ' open but followed'
  FROM inv_att a JOIN wip_items w ON w.id = a.wip
 WHERE a.completed_at IS NULL
   AND EXISTS (SELECT 1 FROM inv_att b WHERE b.wip = a.wip
                  AND (b.src > a.src OR (b.src = a.src AND b.id > a.id)));

-- 12. Every decision was audited in its own transaction (one audit row each).
WITH d AS (SELECT wip_item_id, count(*) AS n FROM wip_dispositions GROUP BY wip_item_id),
     a AS (SELECT entity_key, count(*) AS n FROM wip_audit_log
            WHERE entity = 'unit'
              AND action IN ('DISPOSITION_REWORK', 'DISPOSITION_SCRAP', 'AUTO_SCRAP')
            GROUP BY entity_key)
SELECT 'disposition_audited', w.wip_id || ': ' || COALESCE(d.n, 0) || ' decisions, '
       || COALESCE(a.n, 0) || ' audit rows'
  FROM wip_items w LEFT JOIN d ON d.wip_item_id = w.id LEFT JOIN a ON a.entity_key = w.wip_id
 WHERE COALESCE(d.n, 0) <> COALESCE(a.n, 0);

-- 13. Rig messages (migration 007): each names an attempt of its own unit made at its
--     station (a COMPLETE, one that is completed), no attempt is started or completed by
--     two messages, and every completion the station took from a rig has its message.
CREATE TEMP TABLE inv_rig (id BIGINT, station_id TEXT, message_type TEXT, wip BIGINT,
                           src TEXT, att BIGINT);
DO $$ BEGIN
    IF to_regclass('wip_rig_messages') IS NOT NULL THEN
        INSERT INTO inv_rig
        SELECT id, station_id, message_type, wip_item_id,
               CASE WHEN history_id IS NOT NULL THEN 'H' ELSE 'S' END,
               COALESCE(history_id, process_data_id)
          FROM wip_rig_messages;
    END IF;
END $$;
SELECT 'rig_message_attempt', 'rig message #' || r.id || ' ' || r.message_type || ' at '
       || r.station_id || ' names ' || r.src || '#' || r.att
       || COALESCE(' (' || a.station_id || ', ' || COALESCE(a.result, 'open') || ')', ' (missing)')
  FROM inv_rig r LEFT JOIN inv_att a ON a.src = r.src AND a.id = r.att
 WHERE a.id IS NULL OR a.wip <> r.wip OR a.station_id IS DISTINCT FROM r.station_id
    OR (r.message_type = 'COMPLETE' AND a.completed_at IS NULL);
SELECT 'rig_message_once', r.src || '#' || r.att || ': ' || count(*) || ' ' || r.message_type
       || ' messages'
  FROM inv_rig r GROUP BY r.src, r.att, r.message_type HAVING count(*) > 1;
SELECT 'rig_completion_has_message', x.src || '#' || x.id || ' completed from a rig without its message'
  FROM (SELECT 'H' AS src, h.id FROM wip_process_history h WHERE h.process_data ->> 'source' = 'rig'
        UNION ALL
        SELECT 'S', pd.id FROM process_data pd
         WHERE pd.station_id IS NOT NULL AND pd.process_specific_data ->> 'source' = 'rig') x
 WHERE NOT EXISTS (SELECT 1 FROM inv_rig r
                    WHERE r.src = x.src AND r.att = x.id AND r.message_type = 'COMPLETE');
