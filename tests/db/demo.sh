#!/bin/sh
# make demo's data loader is idempotent: a second run finds the demo lot and changes nothing.
set -u
L=${DEMO_LOAD:?}
W=${WIPSTATION:?}
pass=0; fail=0
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok - $d"; else fail=$((fail + 1)); echo "not ok - $d"; fi; }
q() { psql -X -q -At -d demo_t -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS demo_t WITH (FORCE)" -c "CREATE DATABASE demo_t" >/dev/null 2>&1
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
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
