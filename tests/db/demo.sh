#!/bin/sh
# make demo's data loader is idempotent: a second run finds the demo lot and changes nothing.
set -u
L=${DEMO_LOAD:?}
W=${WIPSTATION:?}
TAP=1
. tests/lib.sh
q() { psql -X -q -At -d demo_t -c "$1"; }
mkdb demo_t
PGDATABASE=demo_t $W migrate >/dev/null 2>&1
psql -X -q -d demo_t -f tools/demo-master.sql >/dev/null 2>&1
psql -X -q -d demo_t -f tools/demo-master.sql >/dev/null 2>&1
check "master data loads twice" test "$(q "SELECT count(*) FROM users")" = 3
CI="host=$PGHOST port=$PGPORT dbname=demo_t user=wip_station"
check "first load" $L "$CI"
snap() { q "SELECT (SELECT count(*) FROM wip_items) || '/' || (SELECT count(*) FROM wip_process_history) || '/' || (SELECT count(*) FROM process_data) || '/' || (SELECT count(*) FROM lots) || '/' || (SELECT count(*) FROM wip_dispositions)"; }
first=$(snap)
check "12 units spread over the line" test "$(q "SELECT count(*) FROM wip_items")" = 12
check "one unit on hold (FAIL without a decision)" test "$(q "SELECT count(*) FROM wip_process_history h WHERE h.result = 'FAIL' AND NOT EXISTS (SELECT 1 FROM wip_dispositions d WHERE d.history_id = h.id)")" = 1
check "one unit scrapped" test "$(q "SELECT count(*) FROM wip_items WHERE status = 'SCRAPPED'")" = 1
check "two serials PASSED" test "$(q "SELECT count(*) FROM serials WHERE status = 'PASSED'")" = 2
check "second load succeeds" $L "$CI"
check "second load changes nothing" test "$(snap)" = "$first"
# make demo's way: the same master data through `wipstation admin` (tools/demo-admin.sh)
mkdb demo_a
PGDATABASE=demo_a $W migrate >/dev/null 2>&1
check "tools/demo-admin.sh: the demo's master data through wipstation admin" \
    env PGDATABASE=demo_a WIPSTATION="$W" sh tools/demo-admin.sh
master() { psql -X -q -At -d "$1" -c "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
    SELECT row(badge_code, username, full_name, role, is_active)::text AS t FROM users
    UNION ALL SELECT row(e.equipment_code, e.equipment_name, p.process_number, e.is_active)::text
        FROM equipment e JOIN processes p ON p.id = e.process_id
    UNION ALL SELECT row(line_code, line_name)::text FROM production_lines
    UNION ALL SELECT row(model_code, model_name)::text FROM product_models
    UNION ALL SELECT row(process_number, quality_criteria, defect_items)::text FROM processes
    UNION ALL SELECT row(key, value)::text FROM wip_settings) x"; }
check "wipstation admin makes what tools/demo-master.sql makes" test "$(master demo_a)" = "$(master demo_t)"
PINCHECK=$(dirname "$W")/tests/tools/pincheck
pins() { # the PIN each badge's hash accepts, in both databases
    for bp in OP-0001:1111 MG-0001:1234 AD-0001:9999; do
        for db in demo_a demo_t; do
            h=$(psql -X -q -At -d $db -c "SELECT password_hash FROM users WHERE badge_code = '${bp%:*}'")
            [ "$("$PINCHECK" "${bp#*:}" "$h")" = "$h" ] || return 1
        done
    done
}
check "the same PINs in both (yescrypt from wipstation admin, bcrypt in SQL)" pins
check "the demo's units load on it (the supervisor logs in with a yescrypt PIN)" \
    $L "host=$PGHOST port=$PGPORT dbname=demo_a user=wip_station"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
