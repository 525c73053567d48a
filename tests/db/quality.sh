#!/bin/sh
# Quality (migration 009): every report against a generated plant history whose answers
# this script computes on its own (tests/db/quality-expect.awk over the generator's truth,
# never the functions it checks); the wip_report role; genealogy across rework; holds, and
# holds racing with stations. Runs inside tests/run-db.sh (PGHOST/PGPORT of the cluster).
set -u
W=${WIPSTATION:?}
D=$(dirname "$0")
TAP=1
. tests/lib.sh
# same DESC EXPECTED ACTUAL [TOL]: the files agree (numbers within 1e-6, or TOL); shows the
# difference
same() {
    if out=$(awk -v tol="${4:-}" -f "$D/quality-cmp.awk" "$2" "$3" 2>&1) && [ -s "$2" ]; then ok "$1"
    else no "$1"; echo "# $out" | head -n 5; fi
}
DB=q_quality
q() { psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -d $DB -c "$1"; }
# sqlstate SQL: the SQLSTATE the statement fails with (empty when it succeeds)
sqlstate() { psql -X -q -At -d $DB -c '\set VERBOSITY sqlstate' -c "$1" 2>&1 >/dev/null | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\).*/\1/p' | head -n 1; }
has() { printf '%s\n' "$1" | grep -q -- "$2"; }
errmsg() { psql -X -q -At -d $DB -c "$1" 2>&1 >/dev/null | sed -n 's/^ERROR:  //p' | head -n 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

mkdb $DB
PGDATABASE=$DB $W migrate >"$T/m" 2>&1
check "migrate applies 009 quality" grep -q 'applied 009 quality' "$T/m"
check "009: settings for the plant's time zone, shifts and the longest report" \
    test "$(q "SELECT string_agg(key || '=' || value, ' ' ORDER BY key) FROM wip_settings WHERE key IN ('plant_time_zone', 'shift_starts', 'report_max_days')")" = 'plant_time_zone=Asia/Seoul report_max_days=366 shift_starts=06:00,14:00,22:00'

# ---- the generated history ---------------------------------------------------------------
# Day 0 is 2025-03-10 in Seoul; process 3's limits widen at 2025-03-12 12:00 (+60 h) (criteria
# versions: see quality-gen.awk).
t0=$(date -u -d '2025-03-09 15:00:00' +%s)
chg=$((t0 + 60 * 3600))
G=$T/gen; mkdir -p "$G"
awk -v t0="$t0" -v chg="$chg" -v dir="$G" -f "$D/quality-gen.awk" </dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $DB >"$T/load.log" 2>&1 <<SQL
INSERT INTO users (id, username, full_name, role, badge_code) VALUES
  (101, 'gen.op1', 'Gen Operator 1', 'OPERATOR', 'OP-0101'), (102, 'gen.op2', 'Gen Operator 2', 'OPERATOR', 'OP-0102'),
  (103, 'gen.op3', 'Gen Operator 3', 'OPERATOR', 'OP-0103'), (104, 'gen.op4', 'Gen Operator 4', 'OPERATOR', 'OP-0104'),
  (105, 'gen.mg', 'Gen Manager', 'MANAGER', 'MG-0105'), (106, 'gen.admin', 'Gen Admin', 'ADMIN', 'AD-0106');
CREATE UNLOGGED TABLE gen_lots (id bigint, num text, c float8);
CREATE UNLOGGED TABLE gen_units (id bigint, wip text, lot bigint, seq int, status text, cur int, serial bigint, c float8);
CREATE UNLOGGED TABLE gen_serials (id bigint, num text, lot bigint, seq int, c float8);
CREATE UNLOGGED TABLE gen_hist (id bigint, wip bigint, proc int, op bigint, st float8, en float8, res text, data jsonb, rw bool, station text, cv int);
CREATE UNLOGGED TABLE gen_pd (id bigint, lot bigint, serial bigint, proc int, op bigint, st float8, en float8, res text, data jsonb, rw bool, station text);
\copy gen_lots FROM '$G/lots.tsv'
\copy gen_units FROM '$G/units.tsv'
\copy gen_serials FROM '$G/serials.tsv'
\copy gen_hist FROM '$G/hist.tsv'
\copy gen_pd FROM '$G/pd.tsv'
INSERT INTO lots (id, lot_number, production_date, status, created_at)
SELECT id, num, (to_timestamp(c) AT TIME ZONE 'Asia/Seoul')::date, 'IN_PROGRESS', to_timestamp(c) FROM gen_lots;
INSERT INTO wip_items (id, wip_id, lot_id, sequence_in_lot, created_at)
SELECT id, wip, lot, seq, to_timestamp(c) FROM gen_units;
INSERT INTO serials (id, serial_number, lot_id, sequence_in_lot, status, created_at)
SELECT id, num, lot, seq, 'IN_PROGRESS', to_timestamp(c) FROM gen_serials;
-- what the station does: a start, then its completion (the genealogy trigger's path)
DO \$\$
DECLARE
    g RECORD;
BEGIN
    FOR g IN SELECT * FROM gen_hist ORDER BY id LOOP
        INSERT INTO wip_process_history (id, wip_item_id, process_id, operator_id, started_at, is_rework, station_id)
        VALUES (g.id, g.wip, g.proc, g.op, to_timestamp(g.st), g.rw, g.station);
        IF g.en IS NOT NULL THEN
            UPDATE wip_process_history SET completed_at = to_timestamp(g.en), result = g.res, process_data = g.data,
                   criteria_version = g.cv
             WHERE id = g.id;
        END IF;
    END LOOP;
    FOR g IN SELECT * FROM gen_pd ORDER BY id LOOP
        INSERT INTO process_data (id, lot_id, serial_id, process_id, operator_id, start_time, is_rework, station_id)
        VALUES (g.id, g.lot, g.serial, g.proc, g.op, to_timestamp(g.st), g.rw, g.station);
        IF g.en IS NOT NULL THEN
            UPDATE process_data SET complete_time = to_timestamp(g.en), result = g.res, process_specific_data = g.data
             WHERE id = g.id;
        END IF;
    END LOOP;
END \$\$;
UPDATE wip_items w SET status = g.status, serial_id = g.serial,
       current_process_id = CASE WHEN g.status = 'CONVERTED' THEN 7 ELSE g.cur END
  FROM gen_units g WHERE g.id = w.id;
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM gen_units) * 100)
  FROM unnest(ARRAY['lots', 'wip_items', 'serials', 'wip_process_history', 'process_data']) t;
-- process 3's temperature limits: version 2 (59.5-60.5) and version 3 (58.5-61.5), written
-- by the versions trigger, then dated back to the change in this history (versions are
-- append-only: the guard is lifted for that alone)
UPDATE processes SET quality_criteria = jsonb_set(quality_criteria, '{fields}',
       (SELECT jsonb_agg(CASE WHEN f->>'code' = 'measured_temp' THEN f || '{"min": 59.5, "max": 60.5}' ELSE f END ORDER BY o)
          FROM jsonb_array_elements(quality_criteria->'fields') WITH ORDINALITY x(f, o)))
 WHERE process_number = 3;
UPDATE processes SET quality_criteria = jsonb_set(quality_criteria, '{fields}',
       (SELECT jsonb_agg(CASE WHEN f->>'code' = 'measured_temp' THEN f || '{"min": 58.5, "max": 61.5}' ELSE f END ORDER BY o)
          FROM jsonb_array_elements(quality_criteria->'fields') WITH ORDINALITY x(f, o)))
 WHERE process_number = 3;
ALTER TABLE wip_criteria_versions DISABLE TRIGGER trg_wip_criteria_versions_ro;
UPDATE wip_criteria_versions SET created_at = to_timestamp($chg) WHERE process_id = 3 AND version IN (2, 3);
ALTER TABLE wip_criteria_versions ENABLE TRIGGER trg_wip_criteria_versions_ro;
DROP TABLE gen_lots, gen_units, gen_serials, gen_hist, gen_pd;
SQL
rc=$?
[ $rc = 0 ] || sed 's/^/# /' "$T/load.log" | tail -n 5
check "the generated history loads (1688 attempts)" test $rc = 0 -a "$(q "SELECT (SELECT count(*) FROM wip_process_history) + (SELECT count(*) FROM process_data)")" = 1688
check "the criteria change is versioned with its moment" test "$(q "SELECT string_agg(version || ':' || (created_at = to_timestamp($chg)) || ':' || (criteria->'fields' @> '[{\"code\": \"measured_temp\", \"min\": 58.5}]'), ',' ORDER BY version) FROM wip_criteria_versions WHERE process_id = 3")" = '1:false:false,2:true:false,3:true:true'
check "attempts with and without a recorded version" test "$(q "SELECT string_agg(COALESCE(v::text, '-'), ',' ORDER BY v NULLS FIRST) FROM (SELECT DISTINCT criteria_version AS v FROM wip_process_history WHERE process_id = 3 AND completed_at IS NOT NULL) x")" = '-,1,2,3'

TRUTH=$G/truth.txt
# window [2025-03-11, 2025-03-12] in Seoul; the whole history is 2025-03-10 .. 2025-03-14
w0=$((t0 + 86400)); w1=$((t0 + 3 * 86400))
a0=$t0; a1=$((t0 + 5 * 86400))

# ---- first-pass yield ---------------------------------------------------------------------
for by in process day shift station operator; do
    awk -v what=fpy -v by=$by -v w0=$w0 -v w1=$w1 -f "$D/quality-expect.awk" "$TRUTH" | LC_ALL=C sort >"$T/e.fpy.$by"
    q "SELECT grp, COALESCE(process_number::text, process_code), COALESCE(units::text, ''), COALESCE(first_pass::text, ''),
              round(fpy, 10) FROM wip_report_fpy('2025-03-11', '2025-03-12', '$by')" | LC_ALL=C sort >"$T/a.fpy.$by"
    same "fpy --by $by: units, first passes, yield$(case $by in process|day|shift) echo ' and rolled throughput yield';; esac)" "$T/e.fpy.$by" "$T/a.fpy.$by"
done
awk -v what=fpy -v by=process -v w0=$a0 -v w1=$a1 -f "$D/quality-expect.awk" "$TRUTH" | LC_ALL=C sort >"$T/e.fpy.all"
q "SELECT grp, COALESCE(process_number::text, process_code), COALESCE(units::text, ''), COALESCE(first_pass::text, ''),
          round(fpy, 10) FROM wip_report_fpy('2025-03-10', '2025-03-14')" | LC_ALL=C sort >"$T/a.fpy.all"
same "fpy over the whole history" "$T/e.fpy.all" "$T/a.fpy.all"
check "fpy: a unit whose first attempt was before the window is not counted in it" \
    test "$(q "SELECT sum(units) FROM wip_report_fpy('2025-03-11', '2025-03-12')")" -lt "$(q "SELECT count(DISTINCT (wip_item_id, process_id)) FROM wip_attempts WHERE completed_at >= '2025-03-11 00:00+09' AND completed_at < '2025-03-13 00:00+09'")"
check "fpy --by day: local days, not UTC days" \
    test "$(q "SELECT string_agg(DISTINCT grp, ',') FROM wip_report_fpy('2025-03-11', '2025-03-12', 'day')")" = '2025-03-11,2025-03-12'
check "fpy --by shift: the night shift belongs to the day it started" \
    test "$(q "SELECT wip_shift_label('2025-03-11 03:00+09', 'Asia/Seoul', '06:00', wip_shift_offsets('{06:00,14:00,22:00}'))")" = '2025-03-10 22:00'
check "the old system's REWORK result reads as a FAIL" \
    test "$(q "SELECT count(*) FROM wip_process_history WHERE result = 'REWORK'")" -gt 0

# ---- Pareto ----------------------------------------------------------------------------
pareto_expect() { # PROC W0 W1
    awk -v what=pareto -v proc="$1" -v w0="$2" -v w1="$3" -f "$D/quality-expect.awk" "$TRUTH" |
        LC_ALL=C sort -t '|' -k3,3nr -k1,1n -k2,2 | awk -v what=cumul -f "$D/quality-expect.awk"
}
pareto_expect "" $w0 $w1 >"$T/e.par"
q "SELECT process_number, defect, count, round(share, 10), round(cumulative, 10) FROM wip_report_pareto('2025-03-11', '2025-03-12')" >"$T/a.par"
same "pareto: defects by count, share and cumulative share, largest first" "$T/e.par" "$T/a.par"
pareto_expect 3 $a0 $a1 >"$T/e.par3"
q "SELECT process_number, defect, count, round(share, 10), round(cumulative, 10) FROM wip_report_pareto('2025-03-10', '2025-03-14', 3)" >"$T/a.par3"
same "pareto --process 3" "$T/e.par3" "$T/a.par3"
check "pareto: a FAIL without a defect code counts as UNSPECIFIED" grep -q '|UNSPECIFIED|' "$T/a.par"
check "pareto: the cumulative share ends at 1" test "$(tail -n 1 "$T/a.par" | cut -d '|' -f 5)" = 1.0000000000

# ---- measurement statistics --------------------------------------------------------------
awk -v what=spc -v w0=$a0 -v w1=$a1 -f "$D/quality-expect.awk" "$TRUTH" >"$T/e.spc"
q "SELECT COALESCE(lsl::text, ''), COALESCE(usl::text, ''), n, round(mean, 10), round(sd, 10), min, max,
          COALESCE(round(cp, 10)::text, ''), COALESCE(round(cpk, 10)::text, ''), out_of_spec
     FROM wip_report_spc(3, 'measured_temp', '2025-03-10', '2025-03-14')" >"$T/a.spc"
same "spc: n, mean, sd, min, max, Cp, Cpk, out of spec per set of limits the values were judged by" "$T/e.spc" "$T/a.spc"
check "spc: three sets of limits (versions 1, 2 and 3 of the criteria)" test "$(q "SELECT count(*) FROM wip_report_spc(3, 'measured_temp', '2025-03-10', '2025-03-14') WHERE NOT all_values")" = 3
awk -v what=spc -v w0=$w0 -v w1=$((t0 + 2 * 86400)) -f "$D/quality-expect.awk" "$TRUTH" >"$T/e.spc1"
q "SELECT COALESCE(lsl::text, ''), COALESCE(usl::text, ''), n, round(mean, 10), round(sd, 10), min, max,
          COALESCE(round(cp, 10)::text, ''), COALESCE(round(cpk, 10)::text, ''), out_of_spec
     FROM wip_report_spc(3, 'measured_temp', '2025-03-11', '2025-03-11')" >"$T/a.spc1"
same "spc over one day" "$T/e.spc1" "$T/a.spc1"
check "spc: the run chart has at most the points asked for, all values in them" \
    test "$(q "SELECT count(*) || '/' || sum(n) FROM wip_report_spc_chart(3, 'measured_temp', '2025-03-10', '2025-03-14', 40)")" = "40/$(awk -F'|' 'END { print $3 }' "$T/a.spc")"
check "spc: the values out of spec are listed with their unit" \
    test "$(q "SELECT count(*) FROM wip_report_spc_out(3, 'measured_temp', '2025-03-10', '2025-03-14', 1000) WHERE wip_id LIKE 'KR01PSA2503%'")" = "$(awk -F'|' 'END { print $10 }' "$T/a.spc")"

# ---- cycle time --------------------------------------------------------------------------
awk -v what=cycle -v w0=$w0 -v w1=$w1 -f "$D/quality-expect.awk" "$TRUTH" >"$T/e.cyc"
q "SELECT process_number, attempts, COALESCE(round(work_p50::numeric, 6)::text, ''), COALESCE(round(work_p90::numeric, 6)::text, ''),
          waits, COALESCE(round(wait_p50::numeric, 6)::text, ''), COALESCE(round(wait_p90::numeric, 6)::text, '')
     FROM wip_report_cycle('2025-03-11', '2025-03-12')" >"$T/a.cyc"
same "cycle: time per process and waiting time before it (p50, p90)" "$T/e.cyc" "$T/a.cyc"

# ---- exports -----------------------------------------------------------------------------
exp_copy() { # KIND FROM TO FILE [ROLE]: as the command does, with the window as literals
    win=$(q "SELECT quote_literal(t0) || ', ' || quote_literal(t1) FROM wip_report_window('$2', '$3')")
    psql -X -q -v ON_ERROR_STOP=1 -d $DB -c "SET ROLE ${5:-postgres}" \
        -c "\\copy (SELECT * FROM wip_export_$1($win)) TO '$4' (FORMAT csv, HEADER)"
}
exp_copy attempts 2025-03-11 2025-03-12 "$T/x.att" wip_report
awk -v what=attempts -v w0=$w0 -v w1=$w1 -f "$D/quality-expect.awk" "$TRUTH" | LC_ALL=C sort >"$T/e.att"
tail -n +2 "$T/x.att" | cut -d , -f 1 | LC_ALL=C sort >"$T/a.att"
same "export attempts: the attempts completed in the window and those open that started in it" "$T/e.att" "$T/a.att"
check "export attempts: header" test "$(head -n 1 "$T/x.att")" = 'attempt,wip_id,serial_number,lot_number,process,station_id,operator,equipment,started_at,completed_at,result,is_rework,defect,seconds'
exp_copy measurements 2025-03-11 2025-03-12 "$T/x.meas" wip_report
check "export measurements: one row per value" test "$(($(wc -l <"$T/x.meas") - 1))" = "$(awk -v what=meas -v w0=$w0 -v w1=$w1 -f "$D/quality-expect.awk" "$TRUTH")"
awk -v what=temp -v w0=$w0 -v w1=$w1 -f "$D/quality-expect.awk" "$TRUTH" | LC_ALL=C sort >"$T/e.temp"
awk -F , '$7 == "measured_temp" { print $1 "|" $11 }' "$T/x.meas" | LC_ALL=C sort >"$T/a.temp"
same "export measurements: each temperature judged in or out of its own limits" "$T/e.temp" "$T/a.temp"
exp_copy units 2025-03-10 2025-03-14 "$T/x.units"
check "export units: every unit of the history" test "$(($(wc -l <"$T/x.units") - 1))" = 240
exp_copy serials 2025-03-11 2025-03-12 "$T/x.ser"
check "export serials: the serials created in the window" test "$(($(wc -l <"$T/x.ser") - 1))" = "$(awk -F '\t' -v w0=$w0 -v w1=$w1 '$5 >= w0 && $5 < w1' "$G/serials.tsv" | wc -l)"
for k in units attempts measurements serials; do
    check "export $k streams (the function is inlined, no tuplestore)" \
        sh -c "! psql -X -At -d $DB -c \"EXPLAIN SELECT * FROM wip_export_$k(now() - interval '1 day', now())\" | grep -q 'Function Scan on wip_export'"
done

# ---- the command line: wipstation report ---------------------------------------------------
R() { PGDATABASE=$DB $W report "$@"; }
R fpy --from 2025-03-11 --to 2025-03-12 --csv >"$T/c.fpy" 2>"$T/c.err"; rc=$?
check "report fpy --csv (exit 0)" test $rc = 0
check "report fpy --csv --by process: the header" test "$(head -n 1 "$T/c.fpy")" = 'process,units,first_pass,fpy'
sed 's/^|//' "$T/e.fpy.process" | LC_ALL=C sort >"$T/e.cfpy"
tail -n +2 "$T/c.fpy" | tr ',' '|' | LC_ALL=C sort >"$T/a.cfpy"
same "report fpy --csv: the figures (four decimals)" "$T/e.cfpy" "$T/a.cfpy" 0.00005
R fpy --from 2025-03-11 --to 2025-03-12 --by shift --csv >"$T/c.fpys"
check "report fpy --by shift --csv: the header" test "$(head -n 1 "$T/c.fpys")" = 'shift,process,units,first_pass,fpy'
tail -n +2 "$T/c.fpys" | tr ',' '|' | LC_ALL=C sort >"$T/a.cfpys"
same "report fpy --by shift --csv: the figures" "$T/e.fpy.shift" "$T/a.cfpys" 0.00005
R fpy --from 2025-03-11 --to 2025-03-12 >"$T/t.fpy"
check "report fpy: a table with the rolled throughput yield" grep -q 'rolled throughput yield' "$T/t.fpy"
R pareto --from 2025-03-11 --to 2025-03-12 --csv >"$T/c.par"
check "report pareto --csv: the header" test "$(head -n 1 "$T/c.par")" = 'process,defect,count,share,cumulative'
tail -n +2 "$T/c.par" | tr ',' '|' >"$T/a.cpar"
same "report pareto --csv: the figures, largest first" "$T/e.par" "$T/a.cpar" 0.00005
R pareto --from 2025-03-11 --to 2025-03-12 >"$T/t.par"
R spc --process 3 --field measured_temp --from 2025-03-10 --to 2025-03-14 >"$T/t.spc"
check "report spc: statistics, a run chart and the values out of spec" \
    sh -c "grep -q 'Cpk' '$T/t.spc' && grep -q 'Run chart' '$T/t.spc' && grep -q 'Out of spec' '$T/t.spc'"
check "report spc: the run chart has a row per level and a point per column" \
    test "$(grep -c '^ *[0-9.-]* |' "$T/t.spc")" = 12
R spc --process 3 --field measured_temp --from 2025-03-10 --to 2025-03-14 --csv >"$T/c.spc"
check "report spc --csv: a row per set of limits and one over all values" test "$(grep -c '^judged,' "$T/c.spc") $(grep -c '^all,' "$T/c.spc")" = '3 1'
R cycle --from 2025-03-11 --to 2025-03-12 --csv >"$T/c.cyc"
tail -n +2 "$T/c.cyc" | tr ',' '|' >"$T/a.ccyc"
same "report cycle --csv: the figures (seconds, one decimal)" "$T/e.cyc" "$T/a.ccyc" 0.06
R cycle --from 2025-03-11 --to 2025-03-12 >"$T/t.cyc"
R where-used SPRING-BAD7 >"$T/t.wu"
R where-used SPRING-BAD7 --csv >"$T/c.wu"
check "report where-used --csv: one row per use" test "$(($(wc -l <"$T/c.wu") - 1))" = "$(awk -v what=where -v lot=SPRING-BAD7 -f "$D/quality-expect.awk" "$G/serials.tsv" "$G/spring.txt" | wc -l)"
check "report where-used: the units, lots and serials" grep -q 'used in 11 units (10 still hold it) of 2 lots;' "$T/t.wu"
for f in t.fpy t.par t.spc t.cyc t.wu; do
    check "report $f reads at 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/$f")" -le 80
done
R export attempts --from 2025-03-11 --to 2025-03-12 >"$T/x.catt" 2>"$T/x.cerr"
check "report export attempts: the rows of the SQL export" test "$(wc -l <"$T/x.catt")" = "$(wc -l <"$T/x.att")"
check "report export: the count on stderr, not in the CSV" grep -q "attempts: $(($(wc -l <"$T/x.att") - 1)) rows" "$T/x.cerr"
check "report as wip_report (the reporting role)" sh -c "PGUSER=wip_report PGDATABASE=$DB $W report pareto --from 2025-03-11 --to 2025-03-12 --csv | cmp -s - '$T/c.par'"
refused() { # DESC EXIT ARGS...: the command refuses with that exit code and a message
    d=$1; e=$2; shift 2
    PGDATABASE=$DB $W report "$@" >"$T/b.out" 2>"$T/b.err"; rc=$?
    if [ $rc = "$e" ] && [ -s "$T/b.err" ] && [ ! -s "$T/b.out" ]; then ok "$d (exit $e)"
    else no "$d (exit $rc, wanted $e)"; sed 's/^/# /' "$T/b.err" | head -n 3; fi
}
refused "report: dates reversed" 2 fpy --from 2025-03-12 --to 2025-03-11
refused "report: a range over report_max_days" 2 cycle --from 2024-01-01 --to 2025-03-11
refused "report: an unknown process" 2 pareto --from 2025-03-11 --to 2025-03-12 --process 42
refused "report: an unknown field" 2 spc --process 3 --field nope --from 2025-03-11 --to 2025-03-12
refused "report: a day that does not exist" 2 fpy --from 2025-02-30 --to 2025-03-11
refused "report: not a date" 2 fpy --from 11.03.2025 --to 2025-03-12
refused "report: an unknown grouping" 2 fpy --from 2025-03-11 --to 2025-03-12 --by week
refused "report: without dates" 2 pareto
refused "report: an unknown report" 2 yield --from 2025-03-11 --to 2025-03-12
refused "report: export of an unknown kind" 2 export lots --from 2025-03-11 --to 2025-03-12
refused "report: spc without a field" 2 spc --process 3 --from 2025-03-11 --to 2025-03-12
refused "report: where-used without a lot" 2 where-used
PGHOST=/nonexistent PGCONNECT_TIMEOUT=1 $W report fpy --from 2025-03-11 --to 2025-03-12 >/dev/null 2>"$T/b.err"; rc=$?
check "report: a database that cannot be reached (exit 1)" test $rc = 1
check "report --help" sh -c "$W report --help | grep -q 'where-used LOT'"

# ---- argument errors ----------------------------------------------------------------------
check "reversed dates: 22023" test "$(sqlstate "SELECT * FROM wip_report_fpy('2025-03-12', '2025-03-11')")" = 22023
check "reversed dates: a message that says so" has "$(errmsg "SELECT * FROM wip_report_fpy('2025-03-12', '2025-03-11')")" reversed
check "a range over report_max_days: 22023" test "$(sqlstate "SELECT * FROM wip_report_pareto('2024-01-01', '2025-03-11')")" = 22023
check "an unknown process: 22023" test "$(sqlstate "SELECT * FROM wip_report_pareto('2025-03-11', '2025-03-12', 42)")" = 22023
check "an unknown field: 22023" test "$(sqlstate "SELECT * FROM wip_report_spc(3, 'nope', '2025-03-11', '2025-03-12')")" = 22023
check "an unknown field: the message names the process's number fields" has "$(errmsg "SELECT * FROM wip_report_spc(3, 'nope', '2025-03-11', '2025-03-12')")" measured_temp
check "a field that is not a number: 22023" test "$(sqlstate "SELECT * FROM wip_report_spc(3, 'tof_i2c', '2025-03-11', '2025-03-12')")" = 22023
check "an unknown grouping: 22023" test "$(sqlstate "SELECT * FROM wip_report_fpy('2025-03-11', '2025-03-12', 'week')")" = 22023
q "UPDATE wip_settings SET value = '7' WHERE key = 'report_max_days'" >/dev/null
check "report_max_days is read from the settings" test "$(sqlstate "SELECT * FROM wip_report_cycle('2025-03-01', '2025-03-08')")" = 22023
q "UPDATE wip_settings SET value = '366' WHERE key = 'report_max_days'" >/dev/null
q "UPDATE wip_settings SET value = 'Mars/Olympus' WHERE key = 'plant_time_zone'" >/dev/null
check "a bad time zone setting is named" has "$(errmsg "SELECT * FROM wip_report_fpy('2025-03-11', '2025-03-12')")" plant_time_zone
q "UPDATE wip_settings SET value = 'Asia/Seoul' WHERE key = 'plant_time_zone'" >/dev/null
check "the shift running at a moment" test "$(q "SELECT shift || ' ' || to_char(t0 AT TIME ZONE 'Asia/Seoul', 'HH24:MI') || '-' || to_char(t1 AT TIME ZONE 'Asia/Seoul', 'DD HH24:MI') FROM wip_shift_window('2025-03-11 03:30+09')")" = '2025-03-10 22:00 22:00-11 06:00'

# ---- the wip_report role -----------------------------------------------------------------
check "wip_report: no write right on any table or view" test "$(q "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'p', 'm') AND (has_table_privilege('wip_report', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER') OR has_any_column_privilege('wip_report', c.oid, 'INSERT,UPDATE,REFERENCES'))")" = 0
check "wip_report: no sequence" test "$(q "SELECT count(*) FROM pg_class c WHERE CASE WHEN c.relkind = 'S' THEN has_sequence_privilege('wip_report', c.oid, 'USAGE,UPDATE') END")" = 0
check "wip_report: cannot create in the schema" test "$(q "SELECT has_schema_privilege('wip_report', 'public', 'CREATE')")" = f
check "wip_report: cannot hold, release or back-fill" test "$(q "SELECT count(*) FROM pg_proc WHERE proname IN ('wip_hold', 'wip_release', 'wip_components_backfill', 'wip_login') AND has_function_privilege('wip_report', oid, 'EXECUTE')")" = 0
check "wip_report: no password hashes, no login state" test "$(q "SELECT has_column_privilege('wip_report', 'users', 'password_hash', 'SELECT') OR has_table_privilege('wip_report', 'wip_login_state', 'SELECT')")" = f
check "wip_report: its sessions are read-only" test "$(psql -X -At -U wip_report -d $DB -c 'SHOW default_transaction_read_only')" = on
check "wip_report: an INSERT is refused" test "$(sqlstate "SET ROLE wip_report; SET default_transaction_read_only = off; INSERT INTO wip_settings VALUES ('x', 'y')")" = 42501
check "wip_report: runs every report" psql -X -q -v ON_ERROR_STOP=1 -U wip_report -d $DB \
    -c "SELECT count(*) FROM wip_report_fpy('2025-03-11', '2025-03-12', 'operator')" \
    -c "SELECT count(*) FROM wip_report_pareto('2025-03-11', '2025-03-12')" \
    -c "SELECT count(*) FROM wip_report_spc(3, 'measured_temp', '2025-03-11', '2025-03-12')" \
    -c "SELECT count(*) FROM wip_report_spc_chart(3, 'measured_temp', '2025-03-11', '2025-03-12')" \
    -c "SELECT count(*) FROM wip_report_spc_out(3, 'measured_temp', '2025-03-11', '2025-03-12')" \
    -c "SELECT count(*) FROM wip_report_cycle('2025-03-11', '2025-03-12')" \
    -c "SELECT count(*) FROM wip_where_used('SPRING-BAD7')" -c "SELECT * FROM wip_shift_window()"

# ---- genealogy ---------------------------------------------------------------------------
for lot in SPRING-BAD7 SPRING-RPL03 SPRING-250301; do
    awk -v what=where -v lot=$lot -f "$D/quality-expect.awk" "$G/serials.tsv" "$G/spring.txt" | LC_ALL=C sort >"$T/e.wu"
    q "SELECT wip_id, COALESCE(serial_number, ''), result, in_unit FROM wip_where_used('$lot')" | LC_ALL=C sort >"$T/a.wu"
    same "where-used $lot: every unit, its serial, and whether the lot is still in it" "$T/e.wu" "$T/a.wu"
done
check "genealogy: the busbar lot too (every process-2 attempt of lots 1-4)" test "$(q "SELECT count(*) FROM wip_where_used('BUSBAR-A1')")" = "$(awk '$1 <= 120' "$G/spring.txt" | wc -l)"
check "genealogy: indexed by component lot" test "$(q "SELECT count(*) FROM pg_indexes WHERE tablename = 'wip_component_usage' AND indexdef LIKE '%(component_lot)%'")" = 1
q "CREATE TABLE q_usage AS SELECT component_lot, field_code, wip_item_id, process_id, history_id, process_data_id, result, used_at, station_id FROM wip_component_usage; TRUNCATE wip_component_usage" >/dev/null
check "back-fill finds what the trigger wrote" test "$(q "SELECT wip_components_backfill()")" = "$(q "SELECT count(*) FROM q_usage")"
check "back-fill: the same rows" test "$(q "SELECT count(*) FROM (SELECT component_lot, field_code, wip_item_id, process_id, history_id, process_data_id, result, used_at, station_id FROM wip_component_usage EXCEPT SELECT * FROM q_usage) x")" = 0
check "back-fill again adds nothing" test "$(q "SELECT wip_components_backfill()")" = 0

# a unit worked the way a station does, as wip_station: P2 FAIL with a bad spring lot,
# REWORK, P2 again with another lot, then on to its serial
psql -X -q -v ON_ERROR_STOP=1 -d $DB >"$T/st.log" 2>&1 <<'SQL'
INSERT INTO lots (lot_number, status) VALUES ('KR01PSA2503099', 'IN_PROGRESS');
SET ROLE wip_station;
INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) SELECT 'KR01PSA2503099-W0001', id, 1 FROM lots WHERE lot_number = 'KR01PSA2503099';
CREATE TEMP TABLE u AS SELECT id FROM wip_items WHERE wip_id = 'KR01PSA2503099-W0001';
INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, started_at, station_id) SELECT id, 1, 101, now(), 'P1-01' FROM u;
UPDATE wip_process_history SET completed_at = now(), result = 'PASS', process_data = '{"result": "PASS"}' WHERE wip_item_id = (SELECT id FROM u) AND completed_at IS NULL;
INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, started_at, station_id) SELECT id, 2, 101, now(), 'P2-01' FROM u;
UPDATE wip_process_history SET completed_at = clock_timestamp(), result = 'FAIL',
       process_data = '{"result": "FAIL", "defect": "PART_DEFECT", "measurements": {"sma_spring_lot": "SPRING-X1", "busbar_lot": "BUSBAR-X", "visual_inspection": "PASS"}}'
 WHERE wip_item_id = (SELECT id FROM u) AND completed_at IS NULL;
INSERT INTO wip_dispositions (wip_item_id, process_id, history_id, decision, reason, decided_by, station_id)
SELECT u.id, 2, h.id, 'REWORK', 'replace the spring', 105, 'P2-01' FROM u JOIN wip_process_history h ON h.wip_item_id = u.id AND h.result = 'FAIL';
INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, started_at, is_rework, station_id) SELECT id, 2, 102, now(), true, 'P2-02' FROM u;
UPDATE wip_process_history SET completed_at = clock_timestamp(), result = 'PASS',
       process_data = '{"result": "PASS", "measurements": {"sma_spring_lot": "SPRING-X2", "busbar_lot": "BUSBAR-X", "visual_inspection": "PASS"}}'
 WHERE wip_item_id = (SELECT id FROM u) AND completed_at IS NULL;
SQL
check "genealogy as wip_station: the attempts are recorded" test "$(q "SELECT count(*) FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id WHERE w.wip_id = 'KR01PSA2503099-W0001'")" = 3
check "genealogy across rework: the failed attempt's lot is listed, no longer in the unit" \
    test "$(q "SELECT wip_id || ' ' || result || ' ' || in_unit FROM wip_where_used('SPRING-X1')")" = 'KR01PSA2503099-W0001 FAIL false'
check "genealogy across rework: the replacement lot is in the unit" \
    test "$(q "SELECT wip_id || ' ' || result || ' ' || in_unit FROM wip_where_used('SPRING-X2')")" = 'KR01PSA2503099-W0001 PASS true'
check "genealogy across rework: a lot scanned again stays in the unit" \
    test "$(q "SELECT string_agg(result || ' ' || in_unit, ',' ORDER BY used_at) FROM wip_where_used('BUSBAR-X')")" = 'FAIL false,PASS true'
check "wip_station cannot write genealogy itself" test "$(sqlstate "SET ROLE wip_station; INSERT INTO wip_component_usage (component_lot, field_code, wip_item_id, process_id, history_id, result, used_at) VALUES ('SPRING-FAKE', 'x', 1, 2, 1, 'PASS', now())")" = 42501
check "genealogy rows never change" test "$(sqlstate "UPDATE wip_component_usage SET component_lot = 'SPRING-Y' WHERE component_lot = 'SPRING-X1'")" = WS001
psql -X -q -v ON_ERROR_STOP=1 -d $DB >>"$T/st.log" 2>&1 <<'SQL'
INSERT INTO serials (serial_number, lot_id, sequence_in_lot, status)
SELECT 'KR01PSA25030990001', lot_id, 1, 'IN_PROGRESS' FROM wip_items WHERE wip_id = 'KR01PSA2503099-W0001';
UPDATE wip_items SET serial_id = (SELECT id FROM serials WHERE serial_number = 'KR01PSA25030990001'), status = 'CONVERTED'
 WHERE wip_id = 'KR01PSA2503099-W0001';
SQL
check "a process without a first pass: yield 0 and the rolled throughput yield 0" \
    test "$(q "SELECT string_agg(COALESCE(process_number::text, process_code) || '=' || round(fpy, 2), ' ' ORDER BY process_number NULLS LAST) FROM wip_fpy_between(now() - interval '1 hour', now() + interval '1 hour')")" = '1=1.00 2=0.00 RTY=0.00'
check "where-used names the serial once the unit has one" test "$(q "SELECT serial_number || ' ' || lot_number FROM wip_where_used('SPRING-X2')")" = 'KR01PSA25030990001 KR01PSA2503099'

# ---- holds -------------------------------------------------------------------------------
MG=105; OP=101; AD=106
start() { # WIP PROCESS: a station's start of an attempt, as wip_station
    sqlstate "SET ROLE wip_station; INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, started_at, station_id) SELECT id, $2, 101, now(), 'P$2-01' FROM wip_items WHERE wip_id = '$1'"
}
H1=KR01PSA2503001-W0002    # a lot with no open attempts; units at various places
check "an operator cannot hold" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_hold('$H1', 'x', $OP, 'P3-01')")" = WS003
check "wip_report cannot hold" test "$(sqlstate "SET ROLE wip_report; SELECT * FROM wip_hold('$H1', 'x', $MG, 'P3-01')")" = 42501
check "a hold needs a reason" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_hold('$H1', '  ', $MG, 'P3-01')")" = WS005
check "an unknown unit or lot" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_hold('NOPE-1', 'x', $MG, 'P3-01')")" = WS004
check "a MANAGER holds a unit (station role)" test "$(q "SET ROLE wip_station; SELECT kind || ' ' || target || ' ' || units FROM wip_hold('$H1', 'suspect spring lot', $MG, 'P3-01')" | tail -n 1)" = "UNIT $H1 1"
check "a second hold of the same unit is refused" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_hold('$H1', 'again', $AD, 'P3-01')")" = WS006
check "the held unit's start is refused by the database (WS002)" test "$(start $H1 3)" = WS002
msg=$(errmsg "SET ROLE wip_station; INSERT INTO wip_process_history (wip_item_id, process_id, started_at, station_id) SELECT id, 3, now(), 'P3-01' FROM wip_items WHERE wip_id = '$H1'")
check "the refusal says why" has "$msg" '"suspect spring lot"'
check "the refusal says who held it" has "$msg" 'held by Gen Manager'

check "another unit of the lot still starts" test -z "$(start KR01PSA2503001-W0003 3)"
check "the hold is audited" test "$(q "SELECT action || ' ' || entity_key || ' ' || (detail->>'reason') || ' ' || actor_badge FROM wip_audit_log WHERE action = 'HOLD'")" = "HOLD $H1 suspect spring lot MG-0105"
check "a hold row cannot be rewritten" test "$(sqlstate "UPDATE wip_holds SET reason = 'nothing' WHERE wip_item_id IS NOT NULL")" = WS001
check "a hold row cannot be deleted" test "$(sqlstate "DELETE FROM wip_holds")" = WS001
check "the line board's count of held units" test "$(q "SELECT wip_held_units(1)")" = 1
check "an operator cannot release" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_release('$H1', 'ok', $OP, 'P3-01')")" = WS003
check "a release needs a reason" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_release('$H1', '', $MG, 'P3-01')")" = WS005
check "a MANAGER releases it" test "$(q "SET ROLE wip_station; SELECT kind || ' ' || target FROM wip_release('$H1', 'spring lot cleared', $MG, 'P3-02')" | tail -n 1)" = "UNIT $H1"
check "released: the unit starts again" test -z "$(start $H1 3)"
check "the release is audited with who, why and where" test "$(q "SELECT r.name || ' ' || h.release_reason || ' ' || h.released_station FROM wip_holds h, LATERAL (SELECT full_name AS name FROM users WHERE id = h.released_by) r WHERE h.released_at IS NOT NULL")" = 'Gen Manager spring lot cleared P3-02'
check "a released hold cannot be released again" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_release('$H1', 'again', $MG, 'P3-01')")" = WS007

# a whole lot, new units included; work in progress may still be completed
L2=KR01PSA2503008
u8=$(q "SELECT w.wip_id FROM wip_items w WHERE w.lot_id = 8 AND w.status <> 'SCRAPPED' AND NOT EXISTS (SELECT 1 FROM wip_attempts a WHERE a.wip_item_id = w.id AND a.completed_at IS NULL) ORDER BY w.id LIMIT 1")
open=$(q "SELECT w.wip_id FROM wip_items w JOIN wip_process_history h ON h.wip_item_id = w.id AND h.completed_at IS NULL JOIN lots l ON l.id = w.lot_id WHERE l.lot_number = '$L2' LIMIT 1")
check "an ADMIN holds a lot; the units it stops are counted" test "$(q "SET ROLE wip_station; SELECT kind || ' ' || (units > 0) FROM wip_hold('$L2', 'lot quarantine', $AD, 'P1-01')" | tail -n 1)" = "LOT true"
check "every unit of the held lot is stopped" test "$(start $u8 2)" = WS002
check "a new unit of the held lot is stopped at process 1" test "$(sqlstate "SET ROLE wip_station; WITH w AS (INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) SELECT 'KR01PSA2503008-W0031', id, 31 FROM lots WHERE lot_number = '$L2' RETURNING id) INSERT INTO wip_process_history (wip_item_id, process_id, started_at, station_id) SELECT id, 1, now(), 'P1-01' FROM w")" = WS002
check "work in progress of the held lot may be completed" test -z "$(sqlstate "SET ROLE wip_station; UPDATE wip_process_history h SET completed_at = now(), result = 'PASS', process_data = '{\"result\": \"PASS\"}' FROM wip_items w WHERE w.id = h.wip_item_id AND w.wip_id = '$open' AND h.completed_at IS NULL")"
check "a unit held with its lot is released with the lot" has "$(errmsg "SET ROLE wip_station; SELECT * FROM wip_release('$u8', 'x', $MG, 'P1-01')")" 'release the lot'
check "wip_held_units counts the lot's open units" test "$(q "SELECT wip_held_units(8)")" = "$(q "SELECT count(*) FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id WHERE w.lot_id = 8 AND w.status <> 'SCRAPPED' AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED')")"
check "the lot is released" test "$(q "SET ROLE wip_station; SELECT kind FROM wip_release('$L2', 'parts checked', $MG, 'P1-01')" | tail -n 1)" = LOT
check "released: the lot's units start again" test -z "$(start $u8 2)"
check "a scrapped unit cannot be held" test "$(sqlstate "SET ROLE wip_station; SELECT * FROM wip_hold((SELECT wip_id FROM wip_items WHERE status = 'SCRAPPED' LIMIT 1), 'x', $MG, 'P1-01')")" = WS008
check "a unit held by its serial number" test "$(q "SET ROLE wip_station; SELECT target FROM wip_hold((SELECT serial_number FROM serials WHERE id = 1), 'by serial', $MG, 'P8-01')" | tail -n 1)" = KR01PSA2503001-W0001
check "the serial phase obeys too (a start at process 8)" test "$(sqlstate "SET ROLE wip_station; INSERT INTO process_data (lot_id, serial_id, process_id, start_time, station_id) VALUES (1, 1, 8, now(), 'P8-01')")" = WS002

# ---- holds racing with stations ----------------------------------------------------------
# Eight clients work the units of one lot as fast as they can (each step locks the unit
# and starts or completes an attempt, as a station's transition does) while the lot is held
# and released. After the hold has committed no start may succeed; after the release they
# resume. The same for one unit that every client works at once.
psql -X -q -v ON_ERROR_STOP=1 -d $DB >"$T/race.log" 2>&1 <<'SQL'
INSERT INTO lots (lot_number, status) VALUES ('KR01PSA2503077', 'IN_PROGRESS');
INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot)
SELECT 'KR01PSA2503077-W' || lpad(g::text, 4, '0'), l.id, g FROM lots l, generate_series(1, 40) g WHERE l.lot_number = 'KR01PSA2503077';
CREATE UNLOGGED TABLE race_log (what text, at timestamptz DEFAULT clock_timestamp());
CREATE FUNCTION race_step(p_seq int, p_lot text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    u bigint;
    v bigint;
BEGIN
    SELECT w.id INTO u FROM wip_items w JOIN lots l ON l.id = w.lot_id
     WHERE l.lot_number = p_lot AND w.sequence_in_lot = p_seq FOR UPDATE OF w;
    SELECT id INTO v FROM wip_process_history WHERE wip_item_id = u AND completed_at IS NULL;
    IF v IS NOT NULL THEN
        UPDATE wip_process_history SET completed_at = now(), result = 'PASS', process_data = '{"result": "PASS"}' WHERE id = v;
        INSERT INTO race_log (what) VALUES ('complete');
    ELSE
        BEGIN
            INSERT INTO wip_process_history (wip_item_id, process_id, started_at, station_id) VALUES (u, 1, now(), 'RACE');
            INSERT INTO race_log (what) VALUES ('start');
        EXCEPTION WHEN SQLSTATE 'WS002' THEN
            INSERT INTO race_log (what) VALUES ('refused');
        END;
    END IF;
END $$;
SQL
printf '\\set s random(:lo, :hi)\nSELECT race_step(:s, :lot);\n' >"$T/race.sql"
race() { # KEY LO HI: hold KEY while 8 clients work units LO..HI of the race lot
    q "TRUNCATE race_log" >/dev/null
    count="SELECT count(*) FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id JOIN lots l ON l.id = w.lot_id WHERE l.lot_number = 'KR01PSA2503077'"
    # long enough for the hold, the wait and the release on a busy machine
    "$PG_TEST_BIN/pgbench" -n -c 8 -j 2 -T 10 -D lo=$2 -D hi=$3 -D lot="'KR01PSA2503077'" -f "$T/race.sql" $DB >"$T/pgb" 2>&1 &
    pid=$!
    sleep 1.2
    q "SELECT * FROM wip_hold('$1', 'race', $MG, 'RACE')" >/dev/null
    n1=$(q "$count")
    sleep 1.5
    n2=$(q "$count")
    q "SELECT * FROM wip_release('$1', 'race over', $MG, 'RACE')" >/dev/null
    n3=$(q "$count")
    n4=$n3 i=0
    while [ "$n4" = "$n3" ] && [ $i -lt 50 ]; do sleep 0.1; n4=$(q "$count"); i=$((i + 1)); done
    wait $pid; prc=$?
    refused=$(q "SELECT count(*) FROM race_log WHERE what = 'refused'")
    check "race ($4): the clients ran without error" test $prc = 0 -a -z "$(grep -i -e 'aborted' -e 'error' "$T/pgb")"
    check "race ($4): no start after the hold committed ($n1 = $n2 attempts)" test "$n1" = "$n2"
    check "race ($4): starts were refused meanwhile ($refused)" test "$refused" -gt 0
    check "race ($4): starts resume after the release ($n3 < $n4)" test "$n4" -gt "$n3"
}
race KR01PSA2503077 1 40 "a lot"
race KR01PSA2503077-W0007 7 7 "one unit"

# the same with stations: ten of them (processes 2-6, through core) work two lots while a
# supervisor holds and releases a lot or a unit, six times (tests/tools/holdrace.c)
psql -X -q -d $DB -f tools/demo-master.sql >/dev/null 2>&1
"$(dirname "$W")/tests/tools/holdrace" -c "host=$PGHOST port=$PGPORT dbname=$DB user=wip_station" >"$T/hr" 2>"$T/hr.err"
rc=$?; sed 's/^/# /' "$T/hr"
hr() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" "$T/hr"; }
check "stations: the race ran (exit 0)" test $rc = 0 -a -n "$(hr rounds)"
check "stations: no start recorded while held, in every round" test "$(hr stable)" = "$(hr rounds)"
check "stations: every round had work before the hold and refusals during it" test "$(hr live)" = "$(hr rounds)"
check "stations: a refused station was told the unit is HELD, never a database error" test "$(hr dberrors)" = 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
