#!/bin/sh
# `wipstation admin`, the built binary against the throwaway cluster, as role wip_admin:
# every command, each refusal (exit 2, a message naming what and where, nothing changed),
# a database that fails (exit 1), a role that may not administer, and the audit rows.
# (A badge label printed through CUPS is checked by tests/print/run.sh; the station's side,
# a new MANAGER approving a rework and a locked badge freed, by tests/tui/run.sh.)
# Runs inside tests/run-db.sh (PGHOST/PGPORT of the throwaway cluster).
set -u
W=${WIPSTATION:?}
PINCHECK=$(dirname "$W")/tests/tools/pincheck
TAP=1
. tests/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
demo_db adm_cli
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
ME=$(id -un)

# adm ARGS...: wipstation admin as wip_admin; output in $T/out, exit status in RC
adm() { PGUSER=wip_admin $W admin "$@" >"$T/out" 2>&1 </dev/null; RC=$?; }
# adm_in INPUT ARGS...: the same with INPUT on standard input
adm_in() { i=$1; shift; printf '%s' "$i" | PGUSER=wip_admin $W admin "$@" >"$T/out" 2>&1; RC=$?; }
out() { cat "$T/out"; }
# done_ok DESC: exit 0; refused DESC TEXT: exit 2 and the message names TEXT
done_ok() { if [ "$RC" = 0 ]; then ok "$1"; else no "$1 (exit $RC: $(out))"; fi; }
refused() {
    if [ "$RC" = 2 ] && grep -qF -- "$2" "$T/out"; then ok "$1"; else no "$1 (exit $RC: $(out))"; fi
}
snap() { q "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
    SELECT row(id, username, full_name, role, password_hash, badge_code, is_active)::text AS t FROM users
    UNION ALL SELECT row(process_number, quality_criteria, defect_items)::text FROM processes
    UNION ALL SELECT row(equipment_code, equipment_name, is_active)::text FROM equipment
    UNION ALL SELECT row(line_code)::text FROM production_lines UNION ALL SELECT row(model_code)::text FROM product_models
    UNION ALL SELECT row(key, value)::text FROM wip_settings
    UNION ALL SELECT row(user_id, failed_count, locked_until)::text FROM wip_login_state
    UNION ALL SELECT row(id)::text FROM wip_audit_log UNION ALL SELECT row(id)::text FROM wip_criteria_versions) x"; }
audit() { q "SELECT concat_ws('|', action, entity_key, db_role, os_user, old_value, new_value)
    FROM wip_audit_log WHERE action = '$1' ORDER BY id DESC LIMIT 1"; }

# ---- who may administer ---------------------------------------------------------------------
PGUSER=wip_station $W admin user list >"$T/out" 2>&1; RC=$?
refused "the station's role is refused, and told which role may" "the database role wip_station may not administer: connect as wip_admin"
PGHOST=/nonexistent-wip-db $W admin user list >"$T/out" 2>&1; RC=$?
is "a database that cannot be reached: exit 1" "$RC" 1
adm; is "no command: usage, exit 2" "$RC" 2
adm help; done_ok "admin help: usage on standard output"
adm user fly OP-0001; refused "an unknown command" "unknown command 'user fly'"

# ---- users -----------------------------------------------------------------------------------
before=$(snap)
adm user add OP-0100 --name "Hong Gildong"; refused "user add without --role" "--role: missing"
adm user add OP-0100 --name "Hong Gildong" --role BOSS; refused "user add: an unknown role" '--role "BOSS": one of OPERATOR, MANAGER, ADMIN'
adm user add "OP 0100" --name "Hong Gildong" --role OPERATOR; refused "user add: a space in a badge" 'badge "OP 0100": a space at position 3'
adm user add "$(printf 'OP\0330100')" --name "Hong Gildong" --role OPERATOR; refused "user add: a control character in a badge, shown escaped" 'badge "OP\x1b0100": a control character at position 3'
adm user add op-0001 --name "Someone Else" --role OPERATOR; refused "user add: a duplicate badge (any case)" "badge OP-0001: already exists (Kim Minsu, OPERATOR)"
adm user add KR01PSA2511001 --name "Lot Shaped" --role OPERATOR; refused "user add: a badge a scanner reads as a LOT" "a scanner would read it as a LOT"
adm user add OP-0100 --name "Hong Gildong" --role OPERATOR --csv; refused "user add: an option of another command" "--csv: not an option of this command"
is "the refusals changed nothing" "$(snap)" "$before"
adm user add op-0100 --name "Hong, Gildong" --role operator; done_ok "user add OP-0100 (OPERATOR)"
is "user add: stored upper case, active, no PIN yet" "$(q "SELECT badge_code || '|' || role || '|' || is_active || '|' || (password_hash IS NULL) FROM users WHERE username = 'op-0100'")" "OP-0100|OPERATOR|true|true"
is "user add: says how to set the PIN" "$(out)" "user OP-0100 added: Hong, Gildong, OPERATOR; set the PIN with: wipstation admin user pin OP-0100"
is "user add: audited with the database role and the OS user" "$(q "SELECT db_role || '|' || os_user || '|' || (new_value->>'badge') FROM wip_audit_log WHERE action = 'USER_ADD'")" "wip_admin|$ME|OP-0100"
adm user add MG-0100 --name "박 관리" --role MANAGER --username park.mgr; done_ok "user add MG-0100 (MANAGER, Korean name, own username)"

before=$(snap)
adm user pin OP-0100 2468; refused "user pin: a PIN given as an argument is refused" "a PIN is never given on the command line"
adm user pin 2468; refused "user pin: a PIN in place of the badge is refused" "a PIN is never given on the command line"
adm user pin OP-0100 --pin=2468; refused "user pin: a --pin option is refused" "a PIN is never given on the command line"
adm_in "123
" user pin OP-0100; refused "user pin: three digits" "PIN: 4 to 12 digits; nothing changed"
adm_in "1234567890123
" user pin OP-0100; refused "user pin: thirteen digits" "PIN: 4 to 12 digits"
adm_in "12a4
" user pin OP-0100; refused "user pin: not digits" "PIN: 4 to 12 digits"
adm_in "" user pin OP-0100; refused "user pin: nothing on standard input" "no line on standard input"
adm_in "2468
" user pin OP-0999; refused "user pin: an unknown badge" 'badge "OP-0999": no such badge'
is "the refusals changed nothing" "$(snap)" "$before"
adm_in "2468
" user pin OP-0100; done_ok "user pin OP-0100 from standard input"
hash=$(q "SELECT password_hash FROM users WHERE badge_code = 'OP-0100'")
case $hash in '$y$'*) ok "user pin: a yescrypt hash" ;; *) no "user pin: a yescrypt hash (got '$hash')" ;; esac
is "user pin: the station's check accepts the PIN" "$("$PINCHECK" 2468 "$(q "SELECT setting FROM wip_auth_setting('OP-0100')")")" "$hash"
is "user pin: the station's check refuses another" "$([ "$("$PINCHECK" 2469 "$(q "SELECT setting FROM wip_auth_setting('OP-0100')")")" = "$hash" ] && echo same || echo differs)" differs
is "user pin: audited without the hash" "$(q "SELECT count(*) FROM wip_audit_log WHERE action = 'USER_PIN' AND db_role = 'wip_admin'
    AND os_user = '$ME' AND entity_key = 'OP-0100' AND position('\$y\$' IN old_value::text || new_value::text) = 0")" 1
adm_in "13579" user pin OP-0100; done_ok "user pin: a new PIN replaces the old one (a last line without its newline)"
case $(out) in "PIN changed for OP-0100"*) ok "user pin: says it was changed" ;; *) no "user pin: says it was changed ($(out))" ;; esac

q "INSERT INTO wip_login_state (user_id, failed_count, locked_until) SELECT id, 5, now() + interval '10 minutes'
   FROM users WHERE badge_code = 'OP-0100'" >/dev/null
adm user list; done_ok "user list"
grep -q '^OP-0100 .*OPERATOR  *true  *20[0-9-]*T' "$T/out" && ok "user list: the locked badge shows until when" || no "user list: locked until ($(out))"
adm user unlock op-0100; done_ok "user unlock"
is "user unlock: says so" "$(out)" "op-0100 unlocked: it may log in again"
is "user unlock: free" "$(q "SELECT failed_count || '|' || (locked_until IS NULL) FROM wip_login_state s JOIN users u ON u.id = s.user_id WHERE u.badge_code = 'OP-0100'")" "0|true"
is "user unlock: audited, old and new value" "$(q "SELECT (old_value->>'failed_count') || '|' || (new_value->>'failed_count') || '|' || os_user FROM wip_audit_log WHERE action = 'USER_UNLOCK'")" "5|0|$ME"
adm user unlock OP-0100; is "user unlock again: nothing to do (exit 0)" "$RC:$(out)" "0:OP-0100 was not locked; nothing changed"
adm user unlock OP-0999; refused "user unlock: an unknown badge" 'badge "OP-0999": no such badge'
adm user disable OP-0100; done_ok "user disable"
adm user disable OP-0100; is "user disable again: says so" "$(out)" "OP-0100 was already disabled"
is "user disable: the station no longer knows the badge" "$(q "SELECT count(*) FROM wip_auth_setting('OP-0100')")" 0
adm user enable OP-0100; done_ok "user enable"
is "user disable/enable: audited once each" "$(q "SELECT count(*) FROM wip_audit_log WHERE action IN ('USER_DISABLE', 'USER_ENABLE')")" 2
adm user list --csv; done_ok "user list --csv"
is "user list --csv: the header" "$(head -1 "$T/out")" "badge,name,role,active,locked_until"
is "user list --csv: a comma in a name is quoted" "$(grep '^OP-0100,' "$T/out")" 'OP-0100,"Hong, Gildong",OPERATOR,true,'
is "user list --csv: one line per user, Korean kept" "$(grep -c '' "$T/out")/$(grep -c '^MG-0100,박 관리,MANAGER,true,$' "$T/out")" "6/1"

# ---- processes and criteria ------------------------------------------------------------------
adm process list; done_ok "process list"
is "process list: eight processes" "$(grep -c '^[1-8] ' "$T/out")" 8
adm process show 3; done_ok "process show 3"
for t in "process 3 SENSOR_INSPECTION: Sensor inspection" "measured_temp" "SENSOR_TOF_FAIL   TOF sensor does not respond" "MIGRATION"; do
    grep -qF -- "$t" "$T/out" && ok "process show 3: $t" || no "process show 3: $t ($(out))"
done
adm process show 42; refused "process show: an unknown process" "process 42: no such process"
adm process show x; refused "process show: not a number" "process: not a process number"
adm criteria export 3; done_ok "criteria export 3"
cp "$T/out" "$T/c3.json"
is "criteria export: JSON PostgreSQL reads, version 1" "$(q "SELECT (\$j\$$(cat "$T/c3.json")\$j\$::jsonb)->>'version'")" 1
sed 's/"max": 61.0/"max": 61.5/' "$T/c3.json" >"$T/c3b.json"
before=$(snap)
adm criteria import 3 "$T/c3b.json" --dry-run; done_ok "criteria import --dry-run"
is "criteria import --dry-run: the change, and that nothing changed" "$(out)" "  ~ fields[0] measured_temp.max: 61.0 -> 61.5
process 3: 1 change (dry run: nothing changed)"
is "criteria import --dry-run: changed nothing" "$(snap)" "$before"
# refusals: what and where
# bad_criteria DESC JSON TEXT: importing JSON into process 3 is refused, naming TEXT
bad_criteria() { printf '%s' "$2" >"$T/criteria.json"; adm criteria import 3 "$T/criteria.json"; refused "$1" "$3"; }
bad_criteria "criteria that are not a JSON object" '[1, 2]' "$T/criteria.json: not a JSON object but an array"
bad_criteria "criteria: max below min, named by place" \
    '{"fields": [{"code": "a", "type": "number"}, {"code": "b", "type": "text"}, {"code": "c", "type": "number", "unit": "V", "min": 5, "max": 4}]}' \
    "$T/criteria.json: fields[2].max: below min (4 < 5)"
bad_criteria "criteria: an unknown defect" '{"fields": [{"code": "a", "type": "passfail", "defect": "NO_SUCH"}]}' \
    'fields[0].defect: "NO_SUCH" is not a defect code of process 3'
bad_criteria "criteria: a required flag that is not true or false" \
    '{"fields": [{"code": "a", "type": "passfail", "required": "yes"}, {"code": "a", "type": "text"}]}' \
    'fields[0].required: true or false, not "yes"'
bad_criteria "criteria: codes unique" '{"fields": [{"code": "a", "type": "text"}, {"code": "a", "type": "text"}]}' \
    'fields[1].code: "a" repeats fields[0]'
bad_criteria "criteria: a unit on a text field" '{"fields": [{"code": "a", "type": "text", "unit": "mm"}]}' \
    "fields[0].unit: only a number field has a unit"
bad_criteria "criteria: not JSON" '{"fields": [' "$T/criteria.json: not valid JSON"
printf '{"fields": []}' >"$T/criteria.json"
adm criteria import 42 "$T/criteria.json"; refused "criteria: an unknown process" "process 42: no such process"
adm criteria import 3 "$T/missing.json"; refused "criteria: a file that is not there" "$T/missing.json: cannot be read"
is "the refusals changed nothing" "$(snap)" "$before"
adm criteria import 3 "$T/c3b.json"; done_ok "criteria import"
case $(out) in *"process 3: criteria version 2 (1 change)"*) ok "criteria import: version 2" ;; *) no "criteria import: version 2 ($(out))" ;; esac
adm criteria import 3 "$T/c3b.json"; is "criteria import again: no change (exit 0)" "$RC:$(tail -1 "$T/out")" "0:process 3: no change; its criteria version stays"
sed 's/"max": 61.0/"max": 62.0/' "$T/c3.json" >"$T/c3c.json"
adm criteria import 3 "$T/c3c.json"; refused "criteria exported at version 1, changed since: refused" "version: the file was exported at version 1; process 3 is at version 2 now"
is "criteria import: audited with old and new" "$(q "SELECT (old_value->'fields'->0->>'max') || '>' || (new_value->'fields'->0->>'max') || '|' || (new_value->>'version') || '|' || os_user FROM wip_audit_log WHERE action = 'CRITERIA_IMPORT'")" "61.0>61.5|2|$ME"
adm criteria export 3 1; is "criteria export of version 1: the old limit" "$(grep -c '"max": 61.0' "$T/out")" 1
adm criteria export 3 7; refused "criteria export: a version that does not exist" "process 3 has no criteria version 7 (versions 1-2)"
PGUSER=wip_admin $W admin criteria import 6 - --dry-run <"$T/criteria.json" >"$T/out" 2>&1; RC=$?
is "criteria import from standard input (-)" "$RC:$(tail -1 "$T/out")" "0:process 6: 1 change (dry run: nothing changed)"

# ---- defect codes ----------------------------------------------------------------------------
adm defect add 3 SENSOR_LOOSE --ko "센서 풀림"; refused "defect add without --en" "--en: missing"
adm defect add 3 sensor_loose --ko "센서 풀림" --en "Sensor loose"; refused "defect add: a code in lower case" 'defect code "sensor_loose"'
adm defect add 3 SENSOR_TOF_FAIL --ko "x" --en "x"; refused "defect add: a code already there" "defect SENSOR_TOF_FAIL: already a defect code of process 3"
adm defect add 42 SENSOR_LOOSE --ko "x" --en "x"; refused "defect add: an unknown process" "process 42: no such process"
adm defect add 3 SENSOR_LOOSE --ko "센서 풀림" --en "Sensor loose"; done_ok "defect add"
adm defect list 3; is "defect list: the new code with its words" "$(grep SENSOR_LOOSE "$T/out" | tr -s ' ')" "SENSOR_LOOSE Sensor loose 센서 풀림"
is "defect add: a station reads it as a defect code of the process" "$(q "SELECT defect_items->>2 FROM processes WHERE process_number = 3")" SENSOR_LOOSE
printf '{"fields": [{"code": "loose", "type": "passfail", "required": true, "defect": "SENSOR_LOOSE"}]}' >"$T/criteria.json"
adm criteria import 3 "$T/criteria.json" --dry-run; done_ok "criteria may now name the new defect code"

# ---- equipment, lines, models, settings --------------------------------------------------------
adm equipment add SENSOR-002 --name "Tester 2"; refused "equipment add without --process" "--process: missing"
adm equipment add SENSOR-002 --process 42; refused "equipment add: an unknown process" "process 42: no such process"
adm equipment add laser-001 --process 1; refused "equipment add: a code already there" "equipment LASER-001: already exists (process 1)"
adm equipment add sensor-002 --process 3 --name "Sensor tester 2"; done_ok "equipment add"
adm equipment retire SENSOR-002; is "equipment retire" "$RC:$(out)" "0:equipment SENSOR-002 retired: stations no longer record it"
adm equipment retire SENSOR-002; is "equipment retire again" "$(out)" "equipment SENSOR-002 was already retired"
adm equipment retire NOPE-1; refused "equipment retire: unknown" 'equipment "NOPE-1": no such equipment'
adm equipment list --csv; is "equipment list --csv: retired, with its process" "$(grep '^SENSOR-002,' "$T/out")" "SENSOR-002,Sensor tester 2,3,RETIRED,false"
adm line add KR2; refused "line add: 3 characters" 'line code "KR2": 4 letters or digits'
adm line add kr02 --name "Korea line 2"; done_ok "line add"
adm line add KR02; refused "line add: twice" "line KR02: already exists"
adm line list; is "line list" "$(grep -c '^KR0[12] ' "$T/out")" 2
adm model add PSA2; refused "model add: its lots would look like another model's" "as those of model PSA do"
adm model add PSB --name "PSB robot"; done_ok "model add"
adm model list --csv; is "model list --csv" "$(grep '^PSB' "$T/out")" "PSB,PSB robot,true"
before=$(snap)
adm setting set max_rework 4; refused "setting set: max_rework above 3" 'max_rework "4": 1, 2 or 3'
adm setting set speed 3; refused "setting set: an unknown setting, the known ones named" 'setting "speed": unknown (settings: max_rework, plant_time_zone, report_max_days, shift_starts)'
adm setting set plant_time_zone Asia/Seol; refused "setting set: a time zone that does not exist" 'plant_time_zone "Asia/Seol": not a time zone name'
adm setting set shift_starts "06:00,25:00"; refused "setting set: a shift start that is no time of day" 'shift_starts "06:00,25:00": 1 to 6 start times HH:MM'
adm setting set shift_starts "06:00,14:00,6:00"; refused "setting set: a shift start twice" 'shift_starts "06:00,14:00,6:00": a start time repeats'
adm setting set report_max_days 0; refused "setting set: report_max_days 0" 'report_max_days "0": 1 to 3660'
is "the refused settings changed nothing" "$(snap)" "$before"
adm setting set shift_starts "22:00, 7:00,15:00"; is "setting set shift_starts" "$RC:$(out)" "0:shift_starts = 22:00, 7:00,15:00; reports use it from the next one"
is "shift_starts stored sorted, as HH:MM" "$(q "SELECT value FROM wip_settings WHERE key = 'shift_starts'")" "07:00,15:00,22:00"
is "shift_starts: the reports' shifts follow" "$(q "SELECT array_to_string(wip_shift_starts(), ',')")" "07:00:00,15:00:00,22:00:00"
adm setting set plant_time_zone Europe/Berlin; done_ok "setting set plant_time_zone"
is "plant_time_zone: the reports' zone follows" "$(q "SELECT wip_plant_tz()")" "Europe/Berlin"
adm setting set report_max_days 31; done_ok "setting set report_max_days"
PGUSER=wip_report $W report fpy --from 2025-01-01 --to 2025-03-01 >"$T/out" 2>&1 </dev/null; RC=$?
refused "a report over the new report_max_days is refused" "report_max_days"
adm setting set plant_time_zone Asia/Seoul; adm setting set shift_starts 06:00,14:00,22:00; adm setting set report_max_days 366
is "setting set: audited, old and new value of a report setting" "$(audit SETTING_SET)" "SETTING_SET|report_max_days|wip_admin|$ME|\"31\"|\"366\""
adm setting set max_rework 2; is "setting set max_rework 2" "$RC:$(out)" "0:max_rework = 2; stations read it when they connect"
adm setting list; is "setting list" "$(grep '^max_rework' "$T/out" | tr -s ' ' | cut -d' ' -f1-2)" "max_rework 2"
is "setting set: audited, old and new value" "$(audit SETTING_SET)" "SETTING_SET|max_rework|wip_admin|$ME|\"3\"|\"2\""

# ---- badge labels (the print itself: tests/print/run.sh) ------------------------------------------
printf '[database]\n[printer]\nqueue =\n' >"$T/noq.ini"
adm badge-label OP-0100 -c "$T/noq.ini"; refused "badge-label without a queue" "no printer queue"
adm badge-label OP-0100-WITH-A-LONG-NAME --queue q; refused "badge-label: longer than the label's bar code" "longer than the 16 characters"

# ---- every change audited, as wip_admin, by this OS user ---------------------------------------------
is "audit: every administrator's row names the role and the OS user" "$(q "SELECT count(*) FROM wip_audit_log
    WHERE action NOT LIKE 'LOGIN%' AND (db_role IS DISTINCT FROM 'wip_admin' OR os_user IS DISTINCT FROM '$ME')")" 0
is "audit: one row per change" "$(q "SELECT string_agg(action || ':' || n, ' ' ORDER BY action) FROM (SELECT action, count(*) n
    FROM wip_audit_log GROUP BY action) x")" "CRITERIA_IMPORT:1 DEFECT_ADD:1 EQUIPMENT_ADD:1 EQUIPMENT_RETIRE:1 LINE_ADD:1 MODEL_ADD:1 SETTING_SET:7 USER_ADD:2 USER_DISABLE:1 USER_ENABLE:1 USER_PIN:2 USER_UNLOCK:1"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
