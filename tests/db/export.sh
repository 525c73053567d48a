#!/bin/sh
# `wipstation report export` streams: a million attempts go out without being held in
# memory. The peak resident memory of the command exporting 1,000,002 attempts is
# compared with the same command exporting one day's (86,400): the difference must stay small
# (bounded by libpq's buffer), not grow with the rows. Runs inside tests/run-db.sh.
set -u
W=${WIPSTATION:?}
TAP=1
. tests/lib.sh
DB=q_export
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $DB -c "$1"; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# ASan keeps freed memory in quarantine (256 MB by default): that is the sanitizer's
# memory, not the program's: each row is freed as soon as it is written
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"

mkdb $DB
PGDATABASE=$DB $W migrate >/dev/null 2>&1
# 166,667 units of 6 attempts each (processes 1-6), completed from 2025-01-01 on, one
# attempt a second; triggers and foreign keys are off for the load (what is exported is
# plain rows)
psql -X -q -v ON_ERROR_STOP=1 -d $DB >"$T/gen.log" 2>&1 <<'SQL'
SET session_replication_role = replica;
INSERT INTO users (id, username, full_name, role) VALUES (9001, 'x.op', 'X Operator', 'OPERATOR');
INSERT INTO lots (id, lot_number, status, target_quantity, created_at)
SELECT k, 'KR01PSA2501' || lpad(k::text, 3, '0'), 'IN_PROGRESS', 200, '2025-01-01 00:00+09'
  FROM generate_series(1, 834) k;
INSERT INTO wip_items (id, wip_id, lot_id, sequence_in_lot, status, created_at)
SELECT u, 'KR01PSA2501' || lpad((1 + (u - 1) / 200)::text, 3, '0') || '-W' || lpad((1 + (u - 1) % 200)::text, 4, '0'),
       1 + (u - 1) / 200, 1 + (u - 1) % 200, 'IN_PROGRESS', '2025-01-01 00:00+09'
  FROM generate_series(1, 166667) u;
INSERT INTO wip_process_history (id, wip_item_id, process_id, operator_id, started_at, completed_at,
                                 result, station_id)
SELECT a, 1 + (a - 1) / 6, 1 + (a - 1) % 6, 9001,
       '2025-01-01 00:00+09'::timestamptz + a * interval '1 second' - interval '30 seconds',
       '2025-01-01 00:00+09'::timestamptz + a * interval '1 second',
       CASE WHEN a % 50 = 0 THEN 'FAIL' ELSE 'PASS' END, 'P' || (1 + (a - 1) % 6) || '-01'
  FROM generate_series(1, 1000002) a;
RESET session_replication_role;
ANALYZE;
SQL
rc=$?
check "a million attempts generated" test $rc = 0 -a "$(q "SELECT count(*) FROM wip_process_history")" = 1000002

export PGDATABASE=$DB
# 1,000,002 attempts completed 2025-01-01 00:00:01 .. 2025-01-12 14:46:42 (Seoul)
/usr/bin/time -f '%M %e' -o "$T/big.time" $W report export attempts --from 2025-01-01 --to 2025-01-31 \
    2>"$T/big.err" | awk -v h="$T/big.head" 'NR == 1 { print > h } END { print NR - 1 }' >"$T/big.lines"
check "export of a million attempts (exit 0)" grep -q 'attempts: 1000002 rows' "$T/big.err"
check "a million lines after the header" test "$(cat "$T/big.lines")" = 1000002
check "the CSV header" test "$(cat "$T/big.head")" = 'attempt,wip_id,serial_number,lot_number,process,station_id,operator,equipment,started_at,completed_at,result,is_rework,defect,seconds'
# one day's: 86,400 attempts
/usr/bin/time -f '%M %e' -o "$T/small.time" $W report export attempts --from 2025-01-02 --to 2025-01-02 \
    2>"$T/small.err" >/dev/null
big=$(tail -n 1 "$T/big.time" | cut -d ' ' -f 1); small=$(tail -n 1 "$T/small.time" | cut -d ' ' -f 1)
secs=$(tail -n 1 "$T/big.time" | cut -d ' ' -f 2)
echo "# peak RSS: 1000002 attempts ${big} kB in ${secs} s; $(sed -n 's/.*attempts: \([0-9]*\) rows.*/\1/p' "$T/small.err") attempts ${small} kB"
check "one day exported (86400 attempts)" grep -q 'attempts: 86400 rows' "$T/small.err"
check "bounded memory: a million attempts need at most 8 MB more than a day's ($big vs $small kB)" \
    test $((big - small)) -le 8192
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
