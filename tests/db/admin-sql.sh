#!/bin/sh
# Migration 008 in SQL: who may call the administration functions (wip_admin only; the
# station two narrow ones), what they refuse (SQLSTATE WA001/WA002/WA003 and the message),
# the audit rows they write, criteria versions and the version each attempt records, and
# an ADMIN's unlock and new PIN at a station (badge and PIN checked in the same call).
# Runs inside tests/run-db.sh (PGHOST/PGPORT of the throwaway cluster).
set -u
W=${WIPSTATION:?}
TAP=1
. tests/lib.sh
demo_db adm_sql
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
# as ROLE SQL: the result, or "SQLSTATE: message" of the error
as() {
    psql -X -q -At -U "$1" -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -c "$2" 2>&1 |
        sed 's/^ERROR:  //'
}
# err ROLE SQL: "SQLSTATE message" of the error (its primary message only)
err() {
    psql -X -q -At -U "$1" -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$2" 2>&1 |
        sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): /\1 /p'
}
audits() { q "SELECT count(*) FROM wip_audit_log WHERE action LIKE '$1'"; }

# ---- who may call what ---------------------------------------------------------------------
ADMIN_FNS=$(q "SELECT string_agg(p.oid::regprocedure::text, ' ') FROM pg_proc p
    WHERE p.proname LIKE 'wip\\_admin\\_%' AND p.pronamespace = 'public'::regnamespace")
n=0; denied=0; granted=0
for f in $ADMIN_FNS; do
    n=$((n + 1))
    [ "$(q "SELECT has_function_privilege('wip_station', '$f', 'EXECUTE')")" = f ] && denied=$((denied + 1))
done
is "wip_station may execute none of the $n wip_admin_* functions" "$denied" "$n"
is "PUBLIC may execute no administration or station function" "$(q "SELECT count(*) FROM pg_proc p,
    aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0
    AND (p.proname LIKE 'wip\\_admin\\_%' OR p.proname LIKE 'wip\\_station\\_%')")" 0
is "wip_station may execute exactly two functions of migration 008" "$(q "SELECT string_agg(proname, ','
    ORDER BY proname) FROM pg_proc WHERE (proname LIKE 'wip\\_admin\\_%' OR proname LIKE 'wip\\_station\\_%')
    AND has_function_privilege('wip_station', oid, 'EXECUTE')")" "wip_station_set_pin,wip_station_unlock"
is "wip_admin may execute the fifteen entry points (and no helper)" "$(q "SELECT count(*) FROM pg_proc
    WHERE proname LIKE 'wip\\_admin\\_%' AND has_function_privilege('wip_admin', oid, 'EXECUTE')")" 15
is "every entry point is SECURITY DEFINER with its search_path fixed" "$(q "SELECT count(*) FROM pg_proc
    WHERE (has_function_privilege('wip_admin', oid, 'EXECUTE') AND proname LIKE 'wip\\_admin\\_%'
        OR proname LIKE 'wip\\_station\\_%')
    AND NOT (prosecdef AND 'search_path=public, pg_temp' = ANY (proconfig))")" 0
for sql in "SELECT wip_admin_user_add('OP-0999', 'Evil', 'ADMIN', NULL)" \
           "SELECT wip_admin_user_unlock('OP-0001')" \
           "SELECT wip_admin_setting_set('max_rework', '1')" \
           "SELECT wip_admin_criteria_import(3, convert_to('{\"fields\": []}', 'UTF8'))"; do
    is "wip_station is refused: $sql" "$(err wip_station "$sql" | cut -c1-5)" 42501
done
for sql in "UPDATE users SET role = 'ADMIN'" "UPDATE users SET password_hash = NULL" \
           "INSERT INTO users (username, role) VALUES ('x', 'ADMIN')" "UPDATE processes SET quality_criteria = '{}'" \
           "UPDATE wip_login_state SET locked_until = NULL" "UPDATE wip_settings SET value = '1'" \
           "INSERT INTO equipment (equipment_code) VALUES ('X')" "DELETE FROM wip_audit_log" \
           "SELECT password_hash FROM users" "INSERT INTO wip_criteria_versions (process_id, version, criteria, source) VALUES (3, 9, '{}', 'ADMIN')"; do
    is "wip_admin writes nothing directly: $sql" "$(err wip_admin "$sql" | cut -c1-5)" 42501
done
is "wip_admin reads the master data" "$(as wip_admin "SELECT count(*) FROM users WHERE badge_code IS NOT NULL")" 3

# ---- refusals: SQLSTATE and a message naming what and where ------------------------------------
r() { # r DESC SQL WANT-SQLSTATE WANT-MESSAGE-PART
    got=$(err wip_admin "$2")
    case $got in "$3 "*"$4"*) ok "$1" ;; *) no "$1 (got '$got')" ;; esac
}
r "unknown badge" "SELECT wip_admin_user_unlock('OP-7777')" WA002 'badge "OP-7777": no such badge'
r "duplicate badge, any case" "SELECT wip_admin_user_add('op-0001', 'X', 'OPERATOR', NULL)" WA003 'badge OP-0001: already exists (Kim Minsu, OPERATOR)'
r "a space in a badge" "SELECT wip_admin_user_add('OP 1', 'X', 'OPERATOR', NULL)" WA001 'badge "OP 1": a space at position 3'
r "a control character in a badge" "SELECT wip_admin_user_add(E'OP\\t1', 'X', 'OPERATOR', NULL)" WA001 'badge "OP\x091": a control character at position 3'
r "a badge a scanner reads as a LOT" "SELECT wip_admin_user_add('KR01PSA2511001', 'X', 'OPERATOR', NULL)" WA001 'read it as a LOT'
r "an unknown role" "SELECT wip_admin_user_add('OP-0100', 'X', 'BOSS', NULL)" WA001 '--role "BOSS": one of OPERATOR, MANAGER, ADMIN'
r "a name with a control character" "SELECT wip_admin_user_add('OP-0100', E'Kim\\nX', 'OPERATOR', NULL)" WA001 '--name "Kim\x0aX": a control character at position 4'
r "a taken username" "SELECT wip_admin_user_add('OP-0100', 'X', 'OPERATOR', 'KIM.MINSU')" WA003 '--username KIM.MINSU: already taken (badge OP-0001, Kim Minsu)'
r "a PIN that is no crypt hash" "SELECT wip_admin_user_pin('OP-0001', '1234')" WA001 'PIN hash: not a yescrypt or bcrypt hash'
r "an unknown process" "SELECT wip_admin_criteria_diff(9, convert_to('{}', 'UTF8'))" WA002 'process 9: no such process (processes: 1, 2, 3, 4, 5, 6, 7, 8)'
r "criteria that are no JSON object" "SELECT wip_admin_criteria_diff(3, convert_to('[1]', 'UTF8'))" WA001 'not a JSON object but an array'
r "criteria that are no JSON" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [', 'UTF8'))" WA001 'not valid JSON'
r "criteria that are no UTF-8" "SELECT wip_admin_criteria_diff(3, '\\x7bff7d'::bytea)" WA001 'not UTF-8 text'
r "criteria: max below min" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"number\"}, {\"code\": \"b\", \"type\": \"passfail\"}, {\"code\": \"c\", \"type\": \"number\", \"min\": 5, \"max\": 4.5}]}', 'UTF8'))" WA001 'fields[2].max: below min (4.5 < 5)'
r "criteria: an unknown defect" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"passfail\", \"defect\": \"PERFORMANCE_FAIL\"}]}', 'UTF8'))" WA002 'fields[0].defect: "PERFORMANCE_FAIL" is not a defect code of process 3 (SENSOR_TEMP_FAIL, SENSOR_TOF_FAIL)'
r "criteria: a code twice" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"text\"}, {\"code\": \"a\", \"type\": \"text\"}]}', 'UTF8'))" WA001 'fields[1].code: "a" repeats fields[0]'
r "criteria: a field type" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"float\"}]}', 'UTF8'))" WA001 'fields[0].type: "float" is not number, passfail, text or lot'
r "criteria: a unit on a pass/fail field" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"passfail\", \"unit\": \"V\"}]}', 'UTF8'))" WA001 'fields[0].unit: only a number field has a unit'
r "criteria: required must be true or false" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"text\", \"required\": \"yes\"}]}', 'UTF8'))" WA001 'fields[0].required: true or false, not "yes"'
r "criteria: a limit that is text" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"number\", \"min\": \"59\"}]}', 'UTF8'))" WA001 'fields[0].min: not a number ("59")'
r "criteria: a misspelt key" "SELECT wip_admin_criteria_diff(3, convert_to('{\"fields\": [{\"code\": \"a\", \"type\": \"number\", \"mx\": 1}]}', 'UTF8'))" WA001 'fields[0].mx: unknown key'
r "criteria for another process" "SELECT wip_admin_criteria_diff(3, convert_to('{\"process\": 6, \"fields\": []}', 'UTF8'))" WA001 'process: 6, but this is process 3'
r "a defect code already there" "SELECT wip_admin_defect_add(3, 'SENSOR_TOF_FAIL', 'x', 'x')" WA003 'defect SENSOR_TOF_FAIL: already a defect code of process 3'
r "a defect code in lower case" "SELECT wip_admin_defect_add(3, 'bad_code', 'x', 'x')" WA001 'defect code "bad_code"'
r "equipment twice" "SELECT wip_admin_equipment_add('laser-001', 1, NULL)" WA003 'equipment LASER-001: already exists (process 1)'
r "retiring unknown equipment" "SELECT wip_admin_equipment_retire('NOPE-1')" WA002 'equipment "NOPE-1": no such equipment'
r "a line code of 3" "SELECT wip_admin_line_add('KR1', NULL)" WA001 'line code "KR1": 4 letters or digits'
r "a model whose lots would look like another's" "SELECT wip_admin_model_add('PSA2', NULL)" WA003 'as those of model PSA do'
r "an unknown setting" "SELECT wip_admin_setting_set('speed', '1')" WA002 'setting "speed": unknown'
r "max_rework above 3" "SELECT wip_admin_setting_set('max_rework', '4')" WA001 'max_rework "4": 1, 2 or 3'
is "the refusals changed nothing and audited nothing" "$(q "SELECT (SELECT count(*) FROM users) || '/' ||
    (SELECT count(*) FROM wip_audit_log) || '/' || (SELECT count(*) FROM wip_criteria_versions)")" "3/0/8"

# ---- audit rows: who (database role, OS user), what, old and new value --------------------------
as wip_admin "SELECT set_config('wipstation.os_user', 'alice', false), wip_admin_user_add('op-0100', 'Hong Gildong', 'operator', NULL)" >/dev/null
is "user add: badge upper case, username from it, active, no PIN" "$(q "SELECT badge_code || '|' || username ||
    '|' || role || '|' || is_active || '|' || (password_hash IS NULL) FROM users WHERE badge_code = 'OP-0100'")" \
    "OP-0100|op-0100|OPERATOR|true|true"
is "user add: audited with role, OS user and the new value" "$(q "SELECT action || '|' || entity_key || '|' ||
    db_role || '|' || os_user || '|' || (old_value IS NULL) || '|' || (new_value->>'name')
    FROM wip_audit_log WHERE action = 'USER_ADD'")" "USER_ADD|OP-0100|wip_admin|alice|true|Hong Gildong"
HASH='$y$j9T$L2x4I2Fx8ttOZXeYkIuC71$d5lh5oAIaTcNMe2uVaP/ObiQBlZ7BKPBmfgAUz74oEC'
q "INSERT INTO wip_login_state (user_id, failed_count, locked_until) SELECT id, 5, now() + interval '10 minutes'
   FROM users WHERE badge_code = 'OP-0100'" >/dev/null
is "user pin: stored; the lock of the old PIN forgotten" "$(as wip_admin "SELECT wip_admin_user_pin('OP-0100', '$HASH')")" f
is "user pin: the hash is the one given" "$(q "SELECT password_hash = '$HASH' FROM users WHERE badge_code = 'OP-0100'")" t
is "user pin: audited without the hash" "$(q "SELECT (old_value->>'failed_count') || '|' || (new_value->>'hash')
    || '|' || (old_value::text || new_value::text LIKE '%j9T%') FROM wip_audit_log WHERE action = 'USER_PIN'")" "5|yescrypt|false"
q "UPDATE wip_login_state SET failed_count = 5, locked_until = now() + interval '10 minutes'
   WHERE user_id = (SELECT id FROM users WHERE badge_code = 'OP-0100')" >/dev/null
is "user unlock: TRUE when locked" "$(as wip_admin "SELECT wip_admin_user_unlock('OP-0100')")" t
is "user unlock: FALSE the second time, and not audited again" "$(as wip_admin "SELECT wip_admin_user_unlock('OP-0100')")/$(audits USER_UNLOCK)" "f/1"
is "user unlock: old and new value" "$(q "SELECT (old_value->>'failed_count') || '|' || (old_value->>'locked_until' IS NOT NULL)
    || '|' || new_value::text FROM wip_audit_log WHERE action = 'USER_UNLOCK'")" '5|true|{"failed_count": 0, "locked_until": null}'
is "user disable, twice" "$(as wip_admin "SELECT wip_admin_user_active('OP-0100', false), wip_admin_user_active('OP-0100', false)")/$(audits USER_DISABLE)" "t|f/1"
is "user enable" "$(as wip_admin "SELECT wip_admin_user_active('OP-0100', true)")/$(q "SELECT is_active FROM users WHERE badge_code = 'OP-0100'")" "t/t"
as wip_admin "SELECT wip_admin_setting_set('max_rework', '2')" >/dev/null
is "setting: old and new value" "$(q "SELECT old_value::text || '>' || new_value::text FROM wip_audit_log WHERE action = 'SETTING_SET'")" '"3">"2"'
as wip_admin "SELECT wip_admin_defect_add(3, 'SENSOR_LOOSE', '센서 풀림', 'Sensor loose')" >/dev/null
is "defect add: appended to the process's codes, words beside them" "$(q "SELECT p.defect_items::text || '|' || t.text_en
    FROM processes p JOIN wip_defect_texts t ON t.process_id = p.id AND t.code = 'SENSOR_LOOSE' WHERE p.process_number = 3")" \
    '["SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL", "SENSOR_LOOSE"]|Sensor loose'
is "defect texts seeded for the default codes" "$(q "SELECT text_ko FROM wip_defect_texts WHERE code = 'MARKING_FAIL'")" "마킹 불량"
is "equipment, line and model added and audited" "$(as wip_admin "SELECT wip_admin_equipment_add('sensor-002', 3, 'Sensor tester 2') > 0,
    wip_admin_line_add('KR02', 'Korea line 2') > 0, wip_admin_model_add('PSB', 'PSB model') > 0")/$(audits '%_ADD')" "t|t|t/5"
is "equipment retire, twice" "$(as wip_admin "SELECT wip_admin_equipment_retire('SENSOR-002'), wip_admin_equipment_retire('SENSOR-002')")" "t|f"
is "every audit row of an administrator names the role" "$(q "SELECT count(*) FROM wip_audit_log WHERE db_role IS DISTINCT FROM 'wip_admin'")" 0
is "audit rows cannot be changed, even by their owner" "$(err postgres "UPDATE wip_audit_log SET os_user = 'x'" | cut -c1-5)" WS001

# ---- criteria versions ------------------------------------------------------------------------
is "version 1 of every process, from the migration" "$(q "SELECT count(*) || '|' || min(version) || '|' || max(source)
    FROM wip_criteria_versions")" "8|1|MIGRATION"
EXPORT=$(as wip_admin "SELECT wip_admin_criteria_export(3, NULL)")
is "export: process, version, one field per line" "$(echo "$EXPORT" | head -4 | tr -d '\n')" \
    '{  "process": 3,  "version": 1,  "fields": ['
NEW=$(echo "$EXPORT" | sed 's/"max": 61.0/"max": 61.5/')
is "diff of an unchanged export: nothing" "$(as wip_admin "SELECT count(*) FROM wip_admin_criteria_diff(3, convert_to(\$j\$$EXPORT\$j\$, 'UTF8'))")" 0
is "diff names the field and the key" "$(as wip_admin "SELECT * FROM wip_admin_criteria_diff(3, convert_to(\$j\$$NEW\$j\$, 'UTF8'))")" \
    "~ fields[0] measured_temp.max: 61.0 -> 61.5"
is "the diff changed nothing" "$(q "SELECT count(*) FROM wip_criteria_versions WHERE process_id = 3")" 1
is "import: version 2" "$(as wip_admin "SELECT wip_admin_criteria_import(3, convert_to(\$j\$$NEW\$j\$, 'UTF8'))")" 2
is "import again: no change, no version" "$(as wip_admin "SELECT wip_admin_criteria_import(3, convert_to(\$j\$$NEW\$j\$, 'UTF8')) IS NULL")/$(audits CRITERIA_IMPORT)" "t/1"
is "version 2 kept beside version 1 (source ADMIN)" "$(q "SELECT string_agg(version || source, ',' ORDER BY version)
    FROM wip_criteria_versions WHERE process_id = 3")" "1MIGRATION,2ADMIN"
is "an import based on version 1 that changes something is refused" "$(err wip_admin "SELECT wip_admin_criteria_import(3,
    convert_to(\$j\$$(echo "$EXPORT" | sed 's/"max": 61.0/"max": 62.0/')\$j\$, 'UTF8'))")" \
    "WA003 version: the file was exported at version 1; process 3 is at version 2 now: export it again and redo the change"
is "export of version 1 still shows the old limit" "$(as wip_admin "SELECT wip_admin_criteria_export(3, 1)" | grep -c '"max": 61.0')" 1
q "UPDATE processes SET quality_criteria = '{\"fields\": []}' WHERE process_number = 6" >/dev/null
is "a change made in SQL is a version too (source SQL)" "$(q "SELECT version || source FROM wip_criteria_versions
    WHERE process_id = 6 ORDER BY version DESC LIMIT 1")" "2SQL"
is "versions cannot be changed" "$(err postgres "DELETE FROM wip_criteria_versions" | cut -c1-5)" WS001

# ---- the version each attempt was judged against -------------------------------------------------
q "INSERT INTO lots (lot_number) VALUES ('KR01PSA2511009');
   INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) SELECT 'KR01PSA2511009-W000' || g, id, g FROM lots, generate_series(1, 3) g
    WHERE lot_number = 'KR01PSA2511009'" >/dev/null
hist() { q "INSERT INTO wip_process_history (wip_item_id, process_id, started_at, station_id)
    SELECT id, 3, now(), 'P3' FROM wip_items WHERE wip_id = 'KR01PSA2511009-W000$1'" >/dev/null; }
hist 1; hist 2; hist 3
as wip_station "UPDATE wip_process_history SET completed_at = now(), result = 'PASS', criteria_version = 1
    WHERE wip_item_id = (SELECT id FROM wip_items WHERE wip_id = 'KR01PSA2511009-W0001')" >/dev/null
is "the station records the version it judged with (1, held since it connected)" "$(q "SELECT criteria_version FROM
    wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id WHERE w.wip_id = 'KR01PSA2511009-W0001'")" 1
as wip_station "UPDATE wip_process_history SET completed_at = now(), result = 'PASS'
    WHERE wip_item_id = (SELECT id FROM wip_items WHERE wip_id = 'KR01PSA2511009-W0002')" >/dev/null
is "a completion that names none (not a station's) records none" "$(q "SELECT COALESCE(criteria_version::text, 'none')
    FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id WHERE w.wip_id = 'KR01PSA2511009-W0002'")" none
is "a completed attempt's version cannot be changed" "$(err wip_station "UPDATE wip_process_history SET criteria_version = 9
    WHERE completed_at IS NOT NULL" | cut -c1-5)" WS001
is "an old PASS stays explainable: the limits of its version" "$(q "SELECT c.criteria->'fields'->0->>'max' FROM
    wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id
    JOIN wip_criteria_versions c ON c.process_id = h.process_id AND c.version = h.criteria_version
    WHERE w.wip_id = 'KR01PSA2511009-W0001'")" 61.0

# ---- an ADMIN at a station -----------------------------------------------------------------------
# crypt(PIN, setting) as a station computes it (core/auth.c)
PINCHECK=$(dirname "$W")/tests/tools/pincheck
[ -x "$PINCHECK" ] || no "tests/tools/pincheck is built (make check-db builds it)"
computed() { "$PINCHECK" "$2" "$(q "SELECT setting FROM wip_auth_setting('$1')")"; }
AD_OK=$(computed AD-0001 9999); AD_BAD=$(computed AD-0001 1111); MG_OK=$(computed MG-0001 1234)
lock() { q "INSERT INTO wip_login_state (user_id, failed_count, locked_until) SELECT id, 5, now() + interval '10 minutes'
    FROM users WHERE badge_code = '$1' ON CONFLICT (user_id) DO UPDATE SET failed_count = 5,
    locked_until = EXCLUDED.locked_until" >/dev/null; }
locked() { q "SELECT count(*) FROM wip_login_state s JOIN users u ON u.id = s.user_id WHERE u.badge_code = '$1' AND s.locked_until > now()"; }
lock OP-0001
is "station unlock: a MANAGER's badge may not" "$(as wip_station "SELECT outcome FROM wip_station_unlock('MG-0001', '$MG_OK', 'P3-01', 'OP-0001')")/$(locked OP-0001)" "NOT_ADMIN/1"
is "station unlock: a wrong ADMIN PIN is counted and unlocks nothing" "$(as wip_station "SELECT outcome || '|' || failed_count FROM wip_station_unlock('AD-0001', '$AD_BAD', 'P3-01', 'OP-0001')")/$(locked OP-0001)" "BAD_PIN|1/1"
is "station unlock: ADMIN badge and PIN in the same call" "$(as wip_station "SELECT outcome || '|' || admin_name || '|' || badge_name FROM wip_station_unlock('AD-0001', '$AD_OK', 'P3-01', 'OP-0001')")/$(locked OP-0001)" "OK|Park Admin|Kim Minsu/0"
is "station unlock: the ADMIN's own wrong PIN count is cleared by the right one" "$(q "SELECT failed_count FROM wip_login_state s JOIN users u ON u.id = s.user_id WHERE u.badge_code = 'AD-0001'")" 0
is "station unlock: nothing to do the second time" "$(as wip_station "SELECT outcome FROM wip_station_unlock('AD-0001', '$AD_OK', 'P3-01', 'OP-0001')")" NOT_LOCKED
is "station unlock: an unknown badge" "$(as wip_station "SELECT outcome FROM wip_station_unlock('AD-0001', '$AD_OK', 'P3-01', 'OP-4242')")" UNKNOWN_BADGE
is "station unlock: audited with the ADMIN, the station, old and new value" "$(q "SELECT actor_badge || '|' || station_id || '|' ||
    entity_key || '|' || db_role || '|' || (old_value->>'failed_count') || '|' || (new_value->>'failed_count')
    FROM wip_audit_log WHERE action = 'STATION_UNLOCK'")" "AD-0001|P3-01|OP-0001|wip_station|5|0"
is "station PIN: an ADMIN sets an operator's PIN" "$(as wip_station "SELECT outcome FROM wip_station_set_pin('AD-0001', '$AD_OK', 'P3-01', 'OP-0001', '$HASH')")" OK
is "station PIN: the operator's new PIN checks" "$(computed OP-0001 1234)" "$HASH"
is "station PIN: not an ADMIN's PIN" "$(as wip_station "SELECT outcome FROM wip_station_set_pin('AD-0001', '$AD_OK', 'P3-01', 'AD-0001', '$HASH')")" NOT_ALLOWED
is "station PIN: a MANAGER may not" "$(as wip_station "SELECT outcome FROM wip_station_set_pin('MG-0001', '$MG_OK', 'P3-01', 'OP-0001', '$HASH')")" NOT_ADMIN
is "station PIN: a malformed hash is refused" "$(err wip_station "SELECT * FROM wip_station_set_pin('AD-0001', '$AD_OK', 'P3-01', 'OP-0001', '1234')" | cut -c1-5)" WA001
is "station PIN: audited" "$(audits STATION_PIN)" 1
for i in 1 2 3 4 5; do as wip_station "SELECT 1 FROM wip_station_unlock('AD-0001', '$AD_BAD', 'P3-01', 'OP-0001')" >/dev/null; done
is "five wrong ADMIN PINs at approvals lock the ADMIN's badge" "$(locked AD-0001)" 1
is "a locked ADMIN approves nothing, even with the right PIN" "$(as wip_station "SELECT outcome FROM wip_station_unlock('AD-0001', '$AD_OK', 'P3-01', 'OP-0001')")" LOCKED

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
