-- tests/bench/gen-scale.sql — a realistic plant history in SQL, for the scale benchmark.
-- A migrated database with the demo master data; as a superuser (triggers and foreign
-- keys are bypassed with session_replication_role). Four stages, so that the big inserts
-- and the index builds can run in two sessions at once (tests/bench/run.sh does this):
--   psql -v stage=prep -v units=1000000 -f gen-scale.sql
--   psql -v stage=load -v part=0 -v parts=2 -f gen-scale.sql   (and part=1, at once)
--   psql -v stage=index -v part=0 -f gen-scale.sql              (and part=1, at once)
--   psql -v stage=final -f gen-scale.sql
--
-- Lots of 100-200 units, about six a day going back in time; the newest six lots are in
-- progress (their units spread over processes 1-8, some with an attempt open), the two
-- before them COMPLETED and not yet closed, every older lot CLOSED. A finished unit has
-- 8 attempts: processes 1-6 in wip_process_history and 7-8 in process_data (station_id
-- set, the JSON the station writes), a serial, and two print jobs (WIP and serial label).
-- One unit in 97 failed process 3 once, was reworked by a supervisor and passed.
-- Secondary indexes are dropped during the load and rebuilt after it (their definitions
-- are kept), then VACUUM ANALYZE. Every id is computed, so the run is deterministic. The
-- work tables (bench_g_*) are unlogged and dropped at the end.
\set ON_ERROR_STOP on
\set open_lots 6
\set done_lots 2
SELECT :'stage' = 'prep' AS st_prep, :'stage' = 'load' AS st_load,
       :'stage' = 'index' AS st_index, :'stage' = 'final' AS st_final \gset
SET session_replication_role = replica;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SET synchronous_commit = off;
SET client_min_messages = warning;

\if :st_prep
-- people and equipment a real line has: 40 operators, three stations per process
INSERT INTO users (username, full_name, role, badge_code)
SELECT 'bench.op' || i, 'Operator ' || i, 'OPERATOR', 'OP-' || (1000 + i)
  FROM generate_series(1, 40) i ON CONFLICT DO NOTHING;
INSERT INTO equipment (equipment_code, equipment_name, process_id)
SELECT 'BENCH-P' || p.process_number || '-' || k, 'Bench ' || p.process_number || '/' || k, p.id
  FROM processes p, generate_series(2, 3) k ON CONFLICT DO NOTHING;

CREATE UNLOGGED TABLE bench_g_ops AS
SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM users WHERE role = 'OPERATOR';
CREATE UNLOGGED TABLE bench_g_eq AS
SELECT p.process_number AS p, row_number() OVER (PARTITION BY p.process_number ORDER BY e.id) - 1 AS i,
       e.id
  FROM equipment e JOIN processes p ON p.id = e.process_id;
SELECT count(*) AS nops FROM bench_g_ops \gset

SELECT COALESCE(max(id), 0) AS lot0 FROM lots \gset
SELECT COALESCE(max(id), 0) AS wip0 FROM wip_items \gset
SELECT COALESCE(max(id), 0) AS ser0 FROM serials \gset
SELECT COALESCE(max(id), 0) AS his0 FROM wip_process_history \gset
SELECT COALESCE(max(id), 0) AS pd0 FROM process_data \gset

-- secondary indexes: remember, drop, rebuild after the load
CREATE UNLOGGED TABLE bench_g_idx AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i
 WHERE i.indrelid IN ('lots'::regclass, 'serials'::regclass, 'wip_items'::regclass,
                      'wip_process_history'::regclass, 'process_data'::regclass,
                      'wip_dispositions'::regclass, 'wip_print_jobs'::regclass)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM bench_g_idx \gexec

-- lots: k = 0 is the oldest; a = age rank (0 = newest)
CREATE UNLOGGED TABLE bench_g_lot AS
WITH t AS (SELECT k, 100 + (k * 37) % 101 AS target FROM generate_series(0, :units / 100) k),
     c AS (SELECT k, target, sum(target) OVER (ORDER BY k) - target AS first FROM t)
SELECT k, target, first, least(target, :units - first) AS n FROM c WHERE first < :units;
SELECT count(*) AS nlots FROM bench_g_lot \gset
ALTER TABLE bench_g_lot ADD COLUMN a int, ADD COLUMN created timestamptz, ADD COLUMN status text,
    ADD COLUMN lot_number text, ADD COLUMN id bigint;
UPDATE bench_g_lot SET a = :nlots - 1 - k,
    created = date_trunc('hour', now()) - (:nlots - 1 - k) * interval '4 hours' - interval '2 hours',
    status = CASE WHEN :nlots - 1 - k < :open_lots THEN 'IN_PROGRESS'
                  WHEN :nlots - 1 - k < :open_lots + :done_lots THEN 'COMPLETED' ELSE 'CLOSED' END,
    id = :lot0 + k + 1;
UPDATE bench_g_lot g SET lot_number = 'KR01PSA' || to_char(g.created, 'YYMM')
    || lpad(x.seq::text, 3, '0')
  FROM (SELECT k, row_number() OVER (PARTITION BY to_char(created, 'YYMM') ORDER BY k) AS seq
          FROM bench_g_lot) x WHERE x.k = g.k;

-- units: d = processes passed (0..8), o = 1 when an attempt at process d+1 is open
CREATE UNLOGGED TABLE bench_g_unit AS
SELECT l.first + s AS u, l.k, l.id AS lot_id, l.lot_number, l.a, s AS seq,
       l.created + s * interval '2 minutes' AS created,
       CASE WHEN l.a >= :open_lots THEN 8
            ELSE least(8, floor(10.0 * (l.a + 1) / :open_lots - 9.0 * s / l.n))::int END AS d,
       0 AS o
  FROM bench_g_lot l, generate_series(1, l.n) s
 WHERE l.a >= :open_lots OR 10.0 * (l.a + 1) / :open_lots - 9.0 * s / l.n >= 0 OR s = 1;
UPDATE bench_g_unit SET d = 0 WHERE d < 0;
UPDATE bench_g_unit SET o = CASE WHEN d = 0 OR seq % 3 <> 0 THEN 1 ELSE 0 END WHERE d < 8;
ALTER TABLE bench_g_unit ADD PRIMARY KEY (u);
ANALYZE bench_g_unit;

INSERT INTO lots (id, lot_number, product_model_id, production_line_id, production_date,
                  target_quantity, actual_quantity, passed_quantity, failed_quantity, status,
                  created_at, updated_at, closed_at)
SELECT l.id, l.lot_number, (SELECT id FROM product_models WHERE model_code = 'PSA'),
       (SELECT id FROM production_lines WHERE line_code = 'KR01'), l.created::date, l.target,
       COALESCE(c.conv, 0), COALESCE(c.passed, 0), 0, l.status, l.created,
       l.created + interval '1 day', CASE WHEN l.status = 'CLOSED' THEN l.created + interval '1 day' END
  FROM bench_g_lot l LEFT JOIN (SELECT k, count(*) FILTER (WHERE d >= 7 OR (d = 6 AND o = 1)) AS conv,
                                 count(*) FILTER (WHERE d = 8) AS passed
                            FROM bench_g_unit GROUP BY k) c ON c.k = l.k;

INSERT INTO serials (id, serial_number, lot_id, sequence_in_lot, status, rework_count,
                     created_at, updated_at, completed_at)
SELECT :ser0 + u, lot_number || lpad(seq::text, 4, '0'), lot_id, seq,
       CASE WHEN d = 8 THEN 'PASSED' ELSE 'IN_PROGRESS' END, 0,
       created + interval '90 minutes', created + interval '2 hours',
       CASE WHEN d = 8 THEN created + interval '2 hours' END
  FROM bench_g_unit WHERE d >= 7 OR (d = 6 AND o = 1);

INSERT INTO wip_items (id, wip_id, lot_id, sequence_in_lot, status, current_process_id, serial_id,
                       created_at, updated_at, converted_at)
SELECT :wip0 + u, lot_number || '-W' || lpad(seq::text, 4, '0'), lot_id, seq,
       CASE WHEN d >= 7 OR (d = 6 AND o = 1) THEN 'CONVERTED' WHEN d = 6 THEN 'COMPLETED'
            WHEN d = 0 THEN 'CREATED' ELSE 'IN_PROGRESS' END,
       CASE WHEN d >= 7 OR (d = 6 AND o = 1) THEN 7 WHEN d = 0 THEN NULL ELSE d END,
       CASE WHEN d >= 7 OR (d = 6 AND o = 1) THEN :ser0 + u END,
       created, created + interval '2 hours',
       CASE WHEN d >= 7 OR (d = 6 AND o = 1) THEN created + interval '90 minutes' END
  FROM bench_g_unit;

-- processes 1-6: slot p; the failed first attempt of a reworked unit: slot 0 (process 3).
-- The JSON is what the station writes (core/db_unit.c build_data); the documents that do
-- not name the unit are built once per (slot, station, variant) and shared.
CREATE UNLOGGED TABLE bench_g_json AS
SELECT slot, k, v, jsonb_strip_nulls(jsonb_build_object(
           'result', CASE WHEN slot = 0 THEN 'FAIL' ELSE 'PASS' END,
           'defect', CASE WHEN slot = 0 THEN 'SENSOR_TEMP_FAIL' END,
           'station', 'P' || CASE WHEN slot = 0 THEN 3 ELSE slot END || '-0' || k,
           'measurements', CASE slot
               WHEN 0 THEN jsonb_build_object('measured_temp', 61.8, 'tof_i2c', 'PASS')
               WHEN 3 THEN jsonb_build_object('measured_temp', round(59.5 + v / 10.0, 1), 'tof_i2c', 'PASS')
               WHEN 4 THEN jsonb_build_object('firmware_version', 'v2.1.0', 'upload_ok', 'PASS')
               WHEN 5 THEN jsonb_build_object('cable_connection', 'PASS', 'final_visual_check', 'PASS')
               WHEN 6 THEN jsonb_build_object('measured_force', round(14.0 + v / 10.0, 1)) END)) AS doc
  FROM generate_series(0, 6) slot, generate_series(1, 3) k, generate_series(0, 20) v
 WHERE v = 0 OR (slot = 3 AND v < 11) OR slot = 6;
ALTER TABLE bench_g_json ADD PRIMARY KEY (slot, k, v);
CREATE UNLOGGED TABLE bench_g_var AS
SELECT :nops AS nops, :wip0 AS wip0, :ser0 AS ser0, :his0 AS his0, :pd0 AS pd0;
\endif

\if :st_load
-- this session's share of the units: u % parts = part
SELECT * FROM bench_g_var \gset
INSERT INTO wip_process_history (id, wip_item_id, process_id, operator_id, equipment_id, started_at,
                                 completed_at, result, process_data, is_rework, station_id,
                                 created_at, updated_at)
SELECT :his0 + (x.u - 1) * 8 + x.slot, :wip0 + x.u, x.pp, op.id, eq.id, x.st,
       CASE WHEN x.done THEN x.st + interval '90 seconds' + (x.u % 60) * interval '1 second' END,
       CASE WHEN x.done THEN x.res END,
       CASE WHEN NOT x.done THEN NULL
            WHEN x.slot = 1 THEN ('{"result": "PASS", "station": "P1-0' || x.k
                                  || '", "barcode_verified": true, "scanned_label": "'
                                  || x.lot_number || '-W' || lpad(x.seq::text, 4, '0') || '"}')::jsonb
            WHEN x.slot = 2 THEN ('{"result": "PASS", "station": "P2-0' || x.k
                                  || '", "measurements": {"busbar_lot": "BUSBAR-20'
                                  || substr(x.lot_number, 8, 4) || '02", "sma_spring_lot": "SPRING-20'
                                  || substr(x.lot_number, 8, 4) || '01", "visual_inspection": "PASS"}}')::jsonb
            ELSE j.doc END,
       x.rework, 'P' || x.pp || '-0' || x.k, x.st, x.st
  FROM (SELECT g.u, g.lot_number, g.seq, p AS slot, CASE WHEN p = 0 THEN 3 ELSE p END AS pp,
               1 + g.u % 3 AS k, CASE p WHEN 3 THEN g.u % 11 WHEN 6 THEN g.u % 21 ELSE 0 END AS v,
               g.created + (CASE WHEN p = 0 THEN 3 ELSE p END - 1) * interval '15 minutes'
                 + CASE WHEN p = 3 AND g.u % 97 = 0 AND g.d >= 3 THEN interval '10 minutes'
                        ELSE interval '0' END AS st,
               p <= g.d AS done,
               CASE WHEN p = 0 THEN 'FAIL' ELSE 'PASS' END AS res,
               p = 3 AND g.u % 97 = 0 AND g.d >= 3 AS rework
          FROM bench_g_unit g, generate_series(0, 6) p
         WHERE g.u % :parts = :part
           AND ((p BETWEEN 1 AND least(g.d, 6))
                OR (p = g.d + 1 AND g.o = 1 AND p <= 6)
                OR (p = 0 AND g.u % 97 = 0 AND g.d >= 3))) x
  JOIN bench_g_json j ON j.slot = x.slot AND j.k = x.k AND j.v = x.v
  JOIN bench_g_ops op ON op.i = (x.u + x.pp) % :nops
  JOIN bench_g_eq eq ON eq.p = x.pp AND eq.i = x.u % 3;

-- processes 7 (conversion, label read back) and 8 (packaging) on the serial
INSERT INTO process_data (id, lot_id, serial_id, process_id, operator_id, equipment_id, start_time,
                          complete_time, result, process_specific_data, is_rework, station_id,
                          created_at, updated_at)
SELECT :pd0 + (x.u - 1) * 2 + (x.p - 6), x.lot_id, :ser0 + x.u, x.p, op.id, eq.id, x.st,
       CASE WHEN x.done THEN x.st + interval '60 seconds' END, CASE WHEN x.done THEN 'PASS' END,
       CASE WHEN NOT x.done AND x.p = 7 THEN jsonb_build_object('serial_number', x.serial, 'process', 7)
            WHEN NOT x.done THEN NULL
            WHEN x.p = 7 THEN jsonb_build_object('result', 'PASS', 'station', x.station,
                              'barcode_verified', true, 'scanned_label', x.serial)
            ELSE jsonb_build_object('result', 'PASS', 'station', x.station, 'measurements',
                 jsonb_build_object('no_scratch', 'PASS', 'no_contamination', 'PASS',
                                    'no_missing_part', 'PASS', 'label_placement', 'PASS',
                                    'no_damage', 'PASS')) END,
       false, x.station, x.st, x.st
  FROM (SELECT g.u, g.lot_id, p, g.lot_number || lpad(g.seq::text, 4, '0') AS serial,
               'P' || p || '-0' || (1 + g.u % 3) AS station,
               g.created + (p - 1) * interval '15 minutes' AS st, p <= g.d AS done
          FROM bench_g_unit g, generate_series(7, 8) p
         WHERE g.u % :parts = :part AND (p <= g.d OR (p = g.d + 1 AND g.o = 1))) x
  JOIN bench_g_ops op ON op.i = (x.u + x.p) % :nops
  JOIN bench_g_eq eq ON eq.p = x.p AND eq.i = x.u % 3;

-- labels: a WIP label at process 1, a serial label at conversion
INSERT INTO wip_print_jobs (label_type, wip_item_id, serial_id, lot_id, label_id, queue, cups_job_id,
                            state, operator_id, station_id, created_at, finished_at)
SELECT 'WIP', :wip0 + u, NULL, lot_id, lot_number || '-W' || lpad(seq::text, 4, '0'), 'zebra-p1',
       (u % 100000)::int, 'COMPLETED', (SELECT id FROM bench_g_ops WHERE i = u % :nops), 'P1-0' || (1 + u % 3),
       created, created + interval '3 seconds'
  FROM bench_g_unit WHERE u % :parts = :part
UNION ALL
SELECT 'SERIAL', :wip0 + u, :ser0 + u, lot_id, lot_number || lpad(seq::text, 4, '0'), 'zebra-p7',
       ((u + 50000) % 100000)::int, 'COMPLETED', (SELECT id FROM bench_g_ops WHERE i = u % :nops),
       'P7-0' || (1 + u % 3), created + interval '90 minutes', created + interval '90 minutes 3 seconds'
  FROM bench_g_unit WHERE u % :parts = :part AND (d >= 7 OR (d = 6 AND o = 1));
\endif

\if :st_index
-- part 0: the GIN index (the longest build, not parallel in PostgreSQL 15); part 1: the rest
SELECT def FROM bench_g_idx WHERE (def LIKE '% USING gin %') = (:part = 0) \gexec
\endif

\if :st_final
SELECT * FROM bench_g_var \gset
INSERT INTO wip_dispositions (wip_item_id, process_id, history_id, decision, reason, decided_by,
                              station_id, decided_at)
SELECT :wip0 + u, 3, :his0 + (u - 1) * 8, 'REWORK', 'retest after recalibration',
       (SELECT id FROM users WHERE badge_code = 'MG-0001'), 'P3-01', created + interval '35 minutes'
  FROM bench_g_unit WHERE u % 97 = 0 AND d >= 3;

SELECT setval('lots_id_seq', (SELECT max(id) FROM lots));
SELECT setval('wip_items_id_seq', (SELECT max(id) FROM wip_items));
SELECT setval('serials_id_seq', GREATEST((SELECT max(id) FROM serials), 1));
SELECT setval('wip_process_history_id_seq', (SELECT max(id) FROM wip_process_history));
SELECT setval('process_data_id_seq', GREATEST((SELECT max(id) FROM process_data), 1));
RESET session_replication_role;
DROP TABLE bench_g_ops, bench_g_eq, bench_g_idx, bench_g_lot, bench_g_unit, bench_g_json,
    bench_g_var;
-- what autovacuum would do later, done now: statistics, visibility map, hint bits
VACUUM (ANALYZE) lots, serials, wip_items, wip_process_history, process_data, wip_print_jobs,
    wip_dispositions, users, equipment;
\endif
