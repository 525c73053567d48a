#!/bin/sh
# Migrations: empty database, twice, dry run, an existing F2X database with data,
# the back-fill (ours and the seed's literal SQL), down-to, checksums, check.
# Runs inside tests/run-db.sh (PGHOST/PGPORT of the throwaway cluster).
set -u
W=${WIPSTATION:?}
TAP=1
. tests/lib.sh
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
TOP=$(ls core/migrations/*.sql | sed 's|.*/0*||; s|_.*||' | sort -n | tail -1) # the newest version this program knows

# ---- empty database ------------------------------------------------------------
mkdb m_empty
PGDATABASE=m_empty $W migrate --dry-run >"$T/dry" 2>&1
check "dry run lists the migrations" grep -q 'would apply 009 quality' "$T/dry"
check "dry run changes nothing" test "$(q m_empty "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0
PGDATABASE=m_empty $W migrate >"$T/m1" 2>&1
check "dry run lists 008" grep -q 'would apply 008 admin' "$T/dry"
check "migrate applies every migration" grep -q "schema is now at version $TOP" "$T/m1"
PGDATABASE=m_empty $W migrate >"$T/m2" 2>&1
check "second migrate changes nothing and says so" grep -q "up to date at version $TOP; nothing to do" "$T/m2"
# 004: statement-level, rate-limited notifications; no row-level NOTIFY left
check "004: notifications per statement, not per row" test "$(q m_empty "SELECT string_agg(tgrelid::regclass || ':' || (tgtype & 1), ',' ORDER BY tgrelid::regclass::text) FROM pg_trigger WHERE tgname LIKE '%notify'")" = 'lots:0,process_data:0,serials:0,wip_items:0'
check "004: the notification clock is not the station's" test "$(q m_empty "SELECT has_sequence_privilege('wip_station', 'wip_notify_clock', 'SELECT,UPDATE,USAGE')")" = f
check "004: the board's open-lot index" test "$(q m_empty "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_lots_open_newest'")" = 1
check "eight processes seeded" test "$(q m_empty "SELECT count(*) FROM processes")" = 8
check "defect codes seeded" test "$(q m_empty "SELECT defect_items::text FROM processes WHERE process_number = 3")" = '["SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL"]'
check "P3 temperature form 59-61" test "$(q m_empty "SELECT f->>'min' || '-' || (f->>'max') FROM processes, jsonb_array_elements(quality_criteria->'fields') f WHERE process_number = 3 AND f->>'code' = 'measured_temp'")" = "59.0-61.0"

# the seed's verification (its 3.1.3): every column, constraint and index it defines
psql -X -d m_empty -c '\dt wip*' >"$T/dt" 2>&1
check "\\dt wip* lists wip_items" grep -q ' wip_items ' "$T/dt"
check "\\dt wip* lists wip_process_history" grep -q ' wip_process_history ' "$T/dt"
psql -X -d m_empty -c '\d wip_items' >"$T/d1" 2>&1
for c in 'id' 'wip_id' 'lot_id' 'sequence_in_lot' 'status' 'current_process_id' 'serial_id' 'created_at' 'updated_at' 'converted_at' \
         'wip_items_pkey' 'wip_items_wip_id_key' 'wip_items_lot_id_sequence_in_lot_key' 'idx_wip_lot' 'idx_wip_status' \
         'idx_wip_current_process' 'idx_wip_not_converted' 'wip_items_sequence_in_lot_check' 'wip_items_status_check' \
         'wip_items_lot_id_fkey' 'wip_items_current_process_id_fkey' 'wip_items_serial_id_fkey' "'SCRAPPED'"; do
    check "\\d wip_items shows $c" grep -q -- "$c" "$T/d1"
done
psql -X -d m_empty -c '\d wip_process_history' >"$T/d2" 2>&1
for c in 'wip_item_id' 'process_id' 'operator_id' 'equipment_id' 'started_at' 'completed_at' 'result' 'process_data' 'is_rework' \
         'chk_wip_process_completion' 'idx_wip_history_wip"' 'idx_wip_history_process"' 'idx_wip_history_wip_process' \
         'idx_wip_history_incomplete' 'idx_wip_history_jsonb' 'gin (process_data)' 'uq_wip_history_one_open' \
         'trg_update_wip_status' 'ON DELETE CASCADE' 'station_id'; do
    check "\\d wip_process_history shows $c" grep -q -- "$c" "$T/d2"
done
check "comment on wip_items kept" test -n "$(q m_empty "SELECT obj_description('wip_items'::regclass)")"

# ---- check ---------------------------------------------------------------------
PGDATABASE=m_empty $W check >"$T/c1" 2>&1; rc=$?
check "check passes on a migrated database (exit 0)" test $rc = 0
mkdb m_none
PGDATABASE=m_none $W check >"$T/c2" 2>&1; rc=$?
check "check fails on an unmigrated database (exit 1)" test $rc = 1
check "check names the fix" grep -q 'run: wipstation migrate' "$T/c2"
PGPORT=1 PGHOST=127.0.0.1 $W check >"$T/c3" 2>&1; rc=$?
check "check reports an unreachable database (exit 1)" test $rc = 1
printf '[station]\nprocess = 12x\n' >"$T/bad.ini"
$W check -c "$T/bad.ini" >"$T/c4" 2>&1; rc=$?
check "bad config: exit 2" test $rc = 2
check "bad config: file:line" grep -q "bad.ini:2: process must be" "$T/c4"

# ---- checksums -----------------------------------------------------------------
mkdb m_sum
PGDATABASE=m_sum $W migrate >/dev/null 2>&1
q m_sum "UPDATE wipstation_schema_migrations SET checksum = 'x' WHERE version = 2" >/dev/null
PGDATABASE=m_sum $W migrate >"$T/s1" 2>&1; rc=$?
check "a changed migration is refused (exit 1)" test $rc = 1
check "the refusal names the migration" grep -q 'migration 002 (wip) was applied with a different checksum' "$T/s1"
# a database migrated by a program that checksummed migration 002's whole text, comments
# included, before its comments were reworded: as current as one migrated now
q m_sum "UPDATE wipstation_schema_migrations SET checksum =
    'cfd98960a2426faaacc107643dbf50b0f134c6d3d1e7eff6a09eb1d0ea5f3282' WHERE version = 2" >/dev/null
PGDATABASE=m_sum $W migrate >"$T/s2" 2>&1; rc=$?
check "the whole-text checksum an earlier program recorded is accepted (exit 0)" test $rc = 0
check "... and nothing is applied again" grep -q 'up to date' "$T/s2"

# ---- down-to -------------------------------------------------------------------
mkdb m_down
PGDATABASE=m_down $W migrate >/dev/null 2>&1
q m_down "INSERT INTO production_lines (line_code) VALUES ('KR01')" >/dev/null
PGDATABASE=m_down $W migrate --down-to 8 >"$T/d8" 2>&1
check "down-to 8 removes 009 only" test "$(grep -c '^removed' "$T/d8")/$(grep -c 'removed 009 quality' "$T/d8")" = 1/1
check "down-to 8: no holds, genealogy, attempts view, report functions, settings or report rights left" test "$(q m_down "SELECT
    (SELECT count(*) FROM pg_class WHERE relname IN ('wip_holds', 'wip_component_usage', 'wip_attempts'))
    + (SELECT count(*) FROM pg_proc WHERE proname LIKE 'wip\_report\_%' OR proname LIKE 'wip\_hold%' OR proname = 'wip_where_used')
    + (SELECT count(*) FROM wip_settings WHERE key IN ('plant_time_zone', 'shift_starts', 'report_max_days'))
    + (SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'wip_report')")" = 0
check "down-to 8 keeps 008's criteria versions, the version of each attempt and the station's right to read them" test "$(q m_down "SELECT
    (SELECT count(*) FROM pg_trigger WHERE tgname = 'trg_processes_criteria_version')
    + (SELECT count(*) FROM information_schema.columns WHERE column_name = 'criteria_version')
    || ':' || (SELECT count(*) > 0 FROM wip_criteria_versions)
    || ':' || has_table_privilege('wip_station', 'wip_criteria_versions', 'SELECT')")" = 3:true:true
PGDATABASE=m_down $W migrate >"$T/u9" 2>&1
check "a database at 008 is brought to 009" test "$(grep -c 'applied [0-9]' "$T/u9")/$(grep -c 'applied 009 quality' "$T/u9")" = 1/1
PGDATABASE=m_down $W migrate --down-to 7 >"$T/d7" 2>&1
check "down-to 7 removes 009 and 008" test "$(grep -c '^removed' "$T/d7")/$(grep -c 'removed 009 quality\|removed 008 admin' "$T/d7")" = 2/2
check "down-to 7 keeps the rigs' table" test "$(q m_down "SELECT to_regclass('wip_rig_messages') IS NOT NULL")" = t
PGDATABASE=m_down $W migrate >"$T/u8" 2>&1
check "a database at 007 is brought to 008" grep -q 'applied 008 admin' "$T/u8"
check "... and to 009" grep -q 'applied 009 quality' "$T/u8"
PGDATABASE=m_down $W migrate --down-to 4 >"$T/d4" 2>&1
check "down-to 4 removes 009, 008 and 007" test "$(grep -c '^removed' "$T/d4")/$(grep -c 'removed 009 quality\|removed 008 admin\|removed 007 rig' "$T/d4")" = 3/3
check "down-to 4: no criteria versions, defect texts or admin functions left" test "$(q m_down "SELECT
    (SELECT count(*) FROM pg_class WHERE relname IN ('wip_criteria_versions', 'wip_defect_texts'))
    + (SELECT count(*) FROM pg_proc WHERE proname LIKE 'wip\_admin\_%' OR proname LIKE 'wip\_station\_%')
    + (SELECT count(*) FROM information_schema.columns WHERE column_name IN ('criteria_version', 'db_role', 'os_user'))")" = 0
check "down-to 4: the station writes its audit rows as before" test "$(q m_down "SELECT has_table_privilege('wip_station', 'wip_audit_log', 'INSERT')")" = t
check "down-to 4: the administrators' role holds nothing here" test "$(q m_down "SELECT has_table_privilege('wip_admin', 'processes', 'SELECT')")" = f
PGDATABASE=m_down $W migrate --down-to 3 >"$T/d3" 2>&1
check "down-to 3 removes 004" grep -q 'removed 004 throughput' "$T/d3"
check "down-to 3: 003's row-level notifications back" test "$(q m_down "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%notify' AND tgtype & 1 = 1")" = 3
check "down-to 3: no 004 objects left" test "$(q m_down "SELECT count(*) FROM pg_class WHERE relname IN ('wip_notify_clock', 'idx_lots_open_newest')")" = 0
check "down-to 3: the SQL status function back" test "$(q m_down "SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE proname = 'wip_last_manufacturing_number'")" = sql
PGDATABASE=m_down $W migrate --down-to 2 --dry-run >"$T/dd" 2>&1
check "down-to dry run" grep -q 'would remove 003 station' "$T/dd"
check "down-to dry run keeps the audit log" test "$(q m_down "SELECT to_regclass('wip_audit_log') IS NOT NULL")" = t
PGDATABASE=m_down $W migrate --down-to 2 >"$T/d2" 2>&1
check "down-to 2 removes 003" grep -q 'removed 003 station' "$T/d2"
check "audit log gone" test "$(q m_down "SELECT to_regclass('wip_audit_log') IS NULL")" = t
check "wip tables kept at 2" test "$(q m_down "SELECT to_regclass('wip_items') IS NOT NULL")" = t
PGDATABASE=m_down $W migrate --down-to 1 >/dev/null 2>&1
check "down-to 1 removes the WIP tables" test "$(q m_down "SELECT to_regclass('wip_items') IS NULL")" = t
check "base data untouched" test "$(q m_down "SELECT count(*) FROM production_lines")" = 1
PGDATABASE=m_down $W migrate --down-to 0 >"$T/d0" 2>&1; rc=$?
check "down-to 0 refused (exit 2)" test $rc = 2
PGDATABASE=m_down $W migrate >/dev/null 2>&1
check "migrate again after down-to" test "$(q m_down "SELECT max(version) FROM wipstation_schema_migrations")" = "$TOP"
$W migrate --down-to x >/dev/null 2>&1; rc=$?
check "down-to x: usage error (exit 2)" test $rc = 2
$W migrate --backfill-in-progress >/dev/null 2>&1; rc=$?
check "backfill without --since: usage error (exit 2)" test $rc = 2

# ---- an existing F2X NeuroHub database ------------------------------------------
mkdb m_f2x
psql -X -q -v ON_ERROR_STOP=1 -d m_f2x >"$T/f2x.log" 2>&1 <<'SQL'
-- the original system's runtime schema (reduced): no reworkable, SERIAL_CONVERSION at 7 and 8,
-- 13-character lot numbers, in-progress process_data rows with result PASS
CREATE TABLE production_lines (id SERIAL PRIMARY KEY, line_code VARCHAR(10) UNIQUE NOT NULL, line_name VARCHAR(100));
CREATE TABLE product_models (id SERIAL PRIMARY KEY, model_code VARCHAR(20) UNIQUE NOT NULL, model_name VARCHAR(100));
CREATE TABLE processes (id SERIAL PRIMARY KEY, process_number INTEGER UNIQUE NOT NULL, process_code VARCHAR(50) UNIQUE NOT NULL,
  process_name_ko VARCHAR(255) NOT NULL, process_name_en VARCHAR(255) NOT NULL, is_active BOOLEAN DEFAULT TRUE,
  quality_criteria JSONB DEFAULT '{}', process_type VARCHAR(30) DEFAULT 'MANUFACTURING', defect_items JSONB,
  auto_print_label BOOLEAN DEFAULT FALSE, label_template_type VARCHAR(30));
CREATE TABLE users (id SERIAL PRIMARY KEY, username VARCHAR(50) UNIQUE NOT NULL, full_name VARCHAR(100), email VARCHAR(100),
  role VARCHAR(20) NOT NULL, password_hash VARCHAR(255), is_active BOOLEAN DEFAULT TRUE);
CREATE TABLE equipment (id SERIAL PRIMARY KEY, equipment_code VARCHAR(50) UNIQUE NOT NULL, equipment_name VARCHAR(100));
CREATE TABLE lots (id SERIAL PRIMARY KEY, lot_number VARCHAR(50) UNIQUE NOT NULL, product_model_id INTEGER REFERENCES product_models(id),
  production_line_id INTEGER REFERENCES production_lines(id), production_date DATE NOT NULL, target_quantity INTEGER DEFAULT 100,
  actual_quantity INTEGER DEFAULT 0, passed_quantity INTEGER DEFAULT 0, failed_quantity INTEGER DEFAULT 0,
  status VARCHAR(20) DEFAULT 'CREATED', created_at TIMESTAMPTZ DEFAULT NOW(), closed_at TIMESTAMPTZ);
CREATE TABLE serials (id SERIAL PRIMARY KEY, serial_number VARCHAR(50) UNIQUE NOT NULL, lot_id INTEGER NOT NULL REFERENCES lots(id),
  sequence_in_lot INTEGER NOT NULL, status VARCHAR(20) DEFAULT 'CREATED', rework_count INTEGER DEFAULT 0,
  failure_reason TEXT, created_at TIMESTAMPTZ DEFAULT NOW(), completed_at TIMESTAMPTZ);
CREATE TABLE process_data (id SERIAL PRIMARY KEY, lot_id INTEGER REFERENCES lots(id), serial_id INTEGER REFERENCES serials(id),
  process_id INTEGER NOT NULL REFERENCES processes(id), operator_id INTEGER REFERENCES users(id), equipment_id INTEGER,
  data_level VARCHAR(10), start_time TIMESTAMPTZ, complete_time TIMESTAMPTZ, result VARCHAR(20) DEFAULT 'PASS',
  process_specific_data JSONB, created_at TIMESTAMPTZ DEFAULT NOW());
INSERT INTO production_lines (line_code, line_name) VALUES ('KR01', 'Line 1');
INSERT INTO product_models (model_code, model_name) VALUES ('PSA10', 'PSA 10');
INSERT INTO processes (process_number, process_code, process_name_ko, process_name_en, process_type, defect_items)
SELECT n, 'P' || n, '공정 ' || n, 'Process ' || n, CASE WHEN n >= 7 THEN 'SERIAL_CONVERSION' ELSE 'MANUFACTURING' END, '["X_FAIL"]'
FROM generate_series(1, 8) n;
INSERT INTO users (username, full_name, role) VALUES ('admin', 'Admin', 'ADMIN'), ('w1', 'Worker 1', 'OPERATOR');
INSERT INTO lots (lot_number, product_model_id, production_line_id, production_date, status, created_at)
VALUES ('KR01PSA251101', 1, 1, '2025-11-03', 'IN_PROGRESS', '2025-11-03'),
       ('KR01PSA251001', 1, 1, '2025-10-03', 'CLOSED', '2025-10-03');
INSERT INTO serials (serial_number, lot_id, sequence_in_lot, status, created_at)
SELECT 'KR01PSA251101' || lpad(g::text, 3, '0'), 1, g, 'PASSED', '2025-11-05' FROM generate_series(1, 5) g;
INSERT INTO serials (serial_number, lot_id, sequence_in_lot, status, created_at) VALUES ('KR01PSA251001001', 2, 1, 'PASSED', '2025-10-05');
-- processes 1..6 done for each serial of lot 1, plus an unfinished (result PASS, no complete time) attempt
INSERT INTO process_data (lot_id, serial_id, process_id, operator_id, start_time, complete_time, result, process_specific_data)
SELECT 1, s.id, p, 2, '2025-11-04 09:00'::timestamptz + p * interval '1 hour', '2025-11-04 09:30'::timestamptz + p * interval '1 hour',
       CASE WHEN p = 3 AND s.sequence_in_lot = 2 THEN 'FAIL' ELSE 'PASS' END, jsonb_build_object('p', p)
FROM serials s, generate_series(1, 6) p WHERE s.lot_id = 1;
INSERT INTO process_data (lot_id, serial_id, process_id, operator_id, start_time, result) VALUES (1, 1, 7, 2, '2025-11-06', 'PASS');
SQL
check "old F2X schema created" test "$(q m_f2x "SELECT count(*) FROM process_data")" = 31
snap() { q m_f2x "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
  SELECT 'l' || row(id, lot_number, status, production_date, target_quantity)::text AS t FROM lots UNION ALL
  SELECT 's' || row(id, serial_number, status, lot_id, sequence_in_lot)::text FROM serials UNION ALL
  SELECT 'd' || row(id, serial_id, process_id, result, start_time, complete_time, process_specific_data)::text FROM process_data UNION ALL
  SELECT 'p' || row(id, process_number, process_type, is_active, quality_criteria, defect_items)::text FROM processes UNION ALL
  SELECT 'u' || row(id, username, role, password_hash)::text FROM users) x"; }
before=$(snap)
PGDATABASE=m_f2x $W migrate >"$T/f1" 2>&1; rc=$?
check "migrate on an existing F2X database (exit 0)" test $rc = 0
check "migrate reports the tables it kept" grep -q 'existing tables kept as they are' "$T/f1"
check "no existing row changed" test "$(snap)" = "$before"
check "existing processes kept (8, types unchanged)" test "$(q m_f2x "SELECT count(*) || ' ' || count(*) FILTER (WHERE process_type = 'SERIAL_CONVERSION') FROM processes")" = "8 2"
check "badge column added" test "$(q m_f2x "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'badge_code'")" = 1
PGDATABASE=m_f2x $W migrate >"$T/f2" 2>&1
check "second migrate on F2X: nothing to do" grep -q 'nothing to do' "$T/f2"

# ---- back-fill (option 2) -------------------------------------------------------
PGDATABASE=m_f2x $W migrate --backfill-in-progress --since 2025-11-01 --dry-run >"$T/b0" 2>&1; rc=$?
check "back-fill dry run (exit 0)" test $rc = 0
check "back-fill dry run counts 5 WIPs" grep -q 'WIPs to create (status CONVERTED): 5' "$T/b0"
check "back-fill dry run changes nothing" test "$(q m_f2x "SELECT count(*) FROM wip_items")" = 0
PGDATABASE=m_f2x $W migrate --backfill-in-progress --since 2025-11-01 >"$T/b1" 2>&1
check "back-fill creates 5 WIPs" grep -q 'WIPs created (status CONVERTED): 5' "$T/b1"
check "back-fill copies 30 history rows" grep -q 'history rows copied (processes before the conversion): 30' "$T/b1"
check "units stay CONVERTED" test "$(q m_f2x "SELECT string_agg(DISTINCT status, ',') FROM wip_items")" = CONVERTED
check "WIP ids in the seed's format" test "$(q m_f2x "SELECT min(wip_id) FROM wip_items")" = "KR01PSA251101-W0001"
check "closed lot not back-filled" test "$(q m_f2x "SELECT count(*) FROM wip_items WHERE lot_id = 2")" = 0
check "FAIL history kept" test "$(q m_f2x "SELECT count(*) FROM wip_process_history WHERE result = 'FAIL'")" = 1
PGDATABASE=m_f2x $W migrate --backfill-in-progress --since 2025-11-01 >"$T/b2" 2>&1
check "second back-fill adds nothing" grep -q 'WIPs created (status CONVERTED): 0' "$T/b2"
check "second back-fill copies nothing" grep -q 'history rows copied (processes before the conversion): 0' "$T/b2"
check "second back-fill reports the earlier ones" grep -q 'already back-filled (left alone): 5' "$T/b2"
check "still 30 history rows" test "$(q m_f2x "SELECT count(*) FROM wip_process_history")" = 30
check "base rows still unchanged" test "$(snap)" = "$before"
# the administrators' functions work on the original system's tables (no timestamps there)
check "F2X: an operator added, a PIN set and equipment retired by wip_admin" test "$(psql -X -q -At -U wip_admin -d m_f2x -c "
    SELECT wip_admin_user_add('OP-0100', 'Old Plant Op', 'OPERATOR', NULL) > 0,
           wip_admin_user_pin('OP-0100', '\$y\$j9T\$L2x4I2Fx8ttOZXeYkIuC71\$d5lh5oAIaTcNMe2uVaP/ObiQBlZ7BKPBmfgAUz74oEC'),
           wip_admin_equipment_add('OLD-1', 3, NULL) > 0, wip_admin_equipment_retire('OLD-1')" 2>&1)" = "t|f|t|t"
check "F2X: criteria imported into a process of the original system" test "$(psql -X -q -At -U wip_admin -d m_f2x -c "
    SELECT wip_admin_criteria_import(3, convert_to('{\"fields\": []}', 'UTF8'))" 2>&1)" = 2
PGDATABASE=m_f2x $W migrate --backfill-in-progress --since 2025-13-45 >/dev/null 2>&1; rc=$?
check "back-fill with a bad date fails" test $rc != 0

# ---- the seed's own back-fill SQL runs unchanged on our schema ---------------------
mkdb m_seed
PGDATABASE=m_seed $W migrate >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d m_seed >/dev/null 2>&1 <<'SQL'
INSERT INTO lots (lot_number, production_date, status) VALUES ('KR01PSA2511001', '2025-11-02', 'IN_PROGRESS');
INSERT INTO serials (serial_number, lot_id, sequence_in_lot, status, created_at)
SELECT 'KR01PSA2511001' || lpad(g::text, 4, '0'), 1, g, 'IN_PROGRESS', '2025-11-03' FROM generate_series(1, 3) g;
INSERT INTO process_data (lot_id, serial_id, process_id, start_time, complete_time, result)
SELECT 1, s.id, p, '2025-11-03'::timestamptz + p * interval '1 hour', '2025-11-03'::timestamptz + p * interval '1 hour' + interval '5 minutes', 'PASS'
FROM serials s, generate_series(6, 1, -1) p;
SQL
psql -X -q -v ON_ERROR_STOP=1 -d m_seed >"$T/seed.log" 2>&1 <<'SQL'
-- 진행 중인 LOT의 Serial에 대해 WIP 소급 생성
INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot, status, serial_id, converted_at)
SELECT
    CONCAT(l.lot_number, '-W', LPAD(s.sequence_in_lot::TEXT, 4, '0')) AS wip_id,
    s.lot_id,
    s.sequence_in_lot,
    'CONVERTED' AS status,
    s.id AS serial_id,
    s.created_at AS converted_at
FROM serials s
JOIN lots l ON s.lot_id = l.id
WHERE l.status IN ('IN_PROGRESS', 'COMPLETED')
AND s.created_at >= '2025-11-01';  -- 마이그레이션 기준일

-- 기존 process_data에서 WIP 이력 소급 생성
INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, equipment_id, started_at, completed_at, result, process_data)
SELECT
    w.id AS wip_item_id,
    pd.process_id,
    pd.operator_id,
    pd.equipment_id,
    pd.start_time AS started_at,
    pd.complete_time AS completed_at,
    pd.result,
    pd.process_specific_data AS process_data
FROM process_data pd
JOIN serials s ON pd.serial_id = s.id
JOIN wip_items w ON w.serial_id = s.id
WHERE pd.process_id BETWEEN 1 AND 6;
SQL
rc=$?
check "the seed's back-fill SQL runs unchanged (exit 0)" test $rc = 0
check "the seed's back-fill leaves every unit CONVERTED (fixed trigger)" test "$(q m_seed "SELECT string_agg(DISTINCT status, ',') FROM wip_items")" = CONVERTED
check "18 history rows from the seed's SQL" test "$(q m_seed "SELECT count(*) FROM wip_process_history")" = 18

# ---- the trigger moves forward only ------------------------------------------------
q m_seed "INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) VALUES ('KR01PSA2511001-W0009', 1, 9)" >/dev/null
wid=$(q m_seed "SELECT id FROM wip_items WHERE sequence_in_lot = 9")
q m_seed "INSERT INTO wip_process_history (wip_item_id, process_id, started_at, completed_at, result) VALUES ($wid, 1, now(), now(), 'PASS')" >/dev/null
check "P1 PASS: IN_PROGRESS at 1" test "$(q m_seed "SELECT status || ' ' || current_process_id FROM wip_items WHERE id = $wid")" = "IN_PROGRESS 1"
q m_seed "INSERT INTO wip_process_history (wip_item_id, process_id, started_at, completed_at, result) VALUES ($wid, 6, now(), now(), 'PASS')" >/dev/null
check "last WIP process PASS: COMPLETED at 6" test "$(q m_seed "SELECT status || ' ' || current_process_id FROM wip_items WHERE id = $wid")" = "COMPLETED 6"
q m_seed "INSERT INTO wip_process_history (wip_item_id, process_id, started_at, completed_at, result) VALUES ($wid, 2, now(), now(), 'PASS')" >/dev/null
check "an older process never moves it back" test "$(q m_seed "SELECT status || ' ' || current_process_id FROM wip_items WHERE id = $wid")" = "COMPLETED 6"
check "a second open attempt is refused by the database" test -n "$(q m_seed "INSERT INTO wip_process_history (wip_item_id, process_id, started_at) VALUES ($wid, 3, now()), ($wid, 4, now())" 2>&1 | grep uq_wip_history_one_open)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
