#!/bin/sh
# tests/bench/run.sh — `make bench`: round trips, stations under load beside pgbench -N,
# the unit card / trace / line board at 10 thousand to 1 million units, the terminal.
# Starts its own throwaway PostgreSQL (tests/pg-env.sh, TCP on 127.0.0.1) twice: with the
# test settings (fsync off) and durable (fsync + synchronous_commit on); stops each by its
# directory. Writes $B/bench/results.md (+ metrics.txt, explain/, logs/) and prints it.
#
# Environment: B (build dir, default build), BENCH_SECONDS (per timed run, default 10),
# BENCH_SCALES (default "10000 100000 1000000"), BENCH_SAMPLES (random units per size,
# default 50), BENCH_DURABLE (0 skips the durable cluster), BENCH_TUI (0 skips the
# terminal), BENCH_STARTS (warm starts of the terminal, default 9; the first, cold start
# drops the page cache, as root), BENCH_OUT (results directory), BENCH_RIG (0 skips the
# test rigs), BENCH_RIG_LOTS (lots of 200 units per rig run, default 5; at most 16).
set -eu
cd "$(dirname "$0")/../.."
T_START=$(date +%s)
B=${B:-build}
BIN=$B/rel/tests/tools/benchdrv
WIPSTATION=$B/rel/wipstation
SECS=${BENCH_SECONDS:-10}
SCALES=${BENCH_SCALES-10000 100000 1000000}
SAMPLES=${BENCH_SAMPLES:-50}
R=${BENCH_OUT:-$B/bench}
STATIONS=32
RATE=20

[ -x "$BIN" ] || { echo "bench: $BIN missing (make B=$B tools)" >&2; exit 1; }
mkdir -p "$R"
rm -rf "$R/explain" "$R/logs" "$R/metrics.txt" "$R/results.md"
mkdir -p "$R/explain" "$R/logs"
M=$R/metrics.txt
: >"$M"

say() { echo "bench: [$(( $(date +%s) - T_START ))s] $*" >&2; }
put() { echo "$1 $2" >>"$M"; }
# m KEY: the last value recorded for KEY, or "-"
m() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$M"; }

CLUSTER=
stop_cluster() {
    if [ -n "$CLUSTER" ]; then
        sh tests/pg-env.sh stop "$CLUSTER" || true
        CLUSTER=
    fi
}
trap 'stop_cluster' EXIT
trap 'stop_cluster; exit 1' INT TERM

# ---- CPU accounting: how much of the machine others used during a timed run ---------
NCPU=$(nproc)
TCK=$(getconf CLK_TCK)
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
# CPU ticks of the cluster: postmaster, its live children, and the children it reaped
cluster_ticks() {
    pm=$(head -n 1 "$CLUSTER/data/postmaster.pid")
    for p in $pm $(ps -o pid= --ppid "$pm"); do
        [ -r "/proc/$p/stat" ] && sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null |
            awk -v pm="$p" -v top="$pm" '{ t = $12 + $13; if (pm == top) t += $14 + $15; print t }'
    done | awk '{ s += $1 } END { print s + 0 }'
}
# ticks this shell's finished children used (benchdrv, pgbench, psql): `times` must run
# in this shell, not in a command substitution's subshell
child_ticks() {
    times >"$R/.times"
    awk -v tck="$TCK" 'NR == 2 {
        n = split($0, f, /[ ]+/); s = 0
        for (i = 1; i <= n; i++) { if (f[i] == "") continue; split(f[i], a, "m"); sub(/s$/, "", a[2]); s += a[1] * 60 + a[2] }
        printf "%d\n", s * tck }' "$R/.times"
}
phase_begin() {
    child_ticks >"$R/.ch"
    P_T=$(date +%s%N); P_BUSY=$(machine_busy); P_CL=$(cluster_ticks); P_CH=$(cat "$R/.ch")
}
# phase_end NAME: NAME.foreign_cpu = % of the machine used by processes not in the run
phase_end() {
    el=$(( ($(date +%s%N) - P_T) / 1000000 ))
    child_ticks >"$R/.ch"
    busy=$(( $(machine_busy) - P_BUSY )); cl=$(( $(cluster_ticks) - P_CL )); ch=$(( $(cat "$R/.ch") - P_CH ))
    put "$1.server_cpu_s" "$(awk -v c="$cl" -v t="$TCK" 'BEGIN { printf "%.2f", c / t }')"
    put "$1.client_cpu_s" "$(awk -v c="$ch" -v t="$TCK" 'BEGIN { printf "%.2f", c / t }')"
    put "$1.foreign_cpu" "$(awk -v b="$busy" -v c="$cl" -v h="$ch" -v e="$el" -v n="$NCPU" -v t="$TCK" \
        'BEGIN { f = (b - c - h) / (e / 1000 * n * t) * 100; if (f < 0) f = 0; printf "%.0f", f }')"
}
# Waits for the machine to be quiet (other work may share it): at most 10 s a run and
# QUIET_BUDGET seconds in all; the CPU others used during each run is reported anyway.
QUIET_BUDGET=${BENCH_QUIET_BUDGET:-60}
wait_quiet() {
    i=0
    [ "$QUIET_BUDGET" -gt 0 ] || return 0
    while [ $i -lt 10 ] && [ "$QUIET_BUDGET" -gt 0 ]; do
        a=$(machine_busy); sleep 1; b=$(machine_busy)
        pct=$(( (b - a) * 100 / (NCPU * TCK) ))
        [ "$pct" -gt 25 ] || return 0
        i=$((i + 1)); QUIET_BUDGET=$((QUIET_BUDGET - 1))
    done
    say "the machine is busy (${pct}% of $NCPU CPUs used by others); measuring anyway"
}

# ---- cluster ------------------------------------------------------------------------------
start_cluster() { # $1 = 0 (test settings) or 1 (durable)
    env="$(PG_TEST_TCP=1 PG_TEST_DURABLE="$1" PG_TEST_MAXCONN=100 \
        PG_TEST_OPTS="-c max_wal_size=4GB -c log_min_messages=warning" sh tests/pg-env.sh start)"
    eval "$env"
    CLUSTER=$PG_TEST_DIR
    export PGHOST PGPORT PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
    LOG=$PG_TEST_DIR/server.log
    PGBENCH=$PG_TEST_BIN/pgbench
    [ -x "$PGBENCH" ] || { say "no $PGBENCH (apt-get install postgresql-contrib)"; exit 1; }
}
station() { echo "host=127.0.0.1 port=$PGPORT dbname=$1 user=wip_station"; }
admin() { echo "host=$PGHOST port=$PGPORT dbname=$1 user=postgres"; }
new_db() { # a migrated database with the demo master data
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    "$BIN" migrate "$(admin "$1")"
    psql -qX -v ON_ERROR_STOP=1 -d "$1" -f tools/demo-master.sql >/dev/null
}
# metrics from benchdrv: "key value" lines, prefixed
collect() { sed "s/^/$1./" >>"$M"; }

pgbench_run() { # $1 = name, $2 = clients, $3 = threads
    rm -f "$R/logs/pgb_$1".*
    "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -n -N -c "$2" -j "$3" -T "$SECS" \
        -l --log-prefix="$R/logs/pgb_$1" pgbench >"$R/logs/pgbench-$MODE-$1.txt" 2>&1
    put "$MODE.$1.tps" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$R/logs/pgbench-$MODE-$1.txt" | tail -n 1)"
    put "$MODE.$1.transitions_all" "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' \
        "$R/logs/pgbench-$MODE-$1.txt" | tail -n 1)"
    cat "$R/logs/pgb_$1".* | awk '{ print $3 }' | sort -n | awk -v p="$MODE.$1" '
        { v[NR] = $1 } END { if (!NR) exit
          split("50 99 99.9", q, " ")
          for (i = 1; i <= 3; i++) { k = int(q[i] / 100 * NR + 0.999999); if (k < 1) k = 1
                                     printf "%s.p%s %.3f\n", p, (q[i] == 99.9 ? "999" : q[i]), v[k] / 1000 }
          printf "%s.max %.3f\n", p, v[NR] / 1000 }' >>"$M"
    rm -f "$R/logs/pgb_$1".*
}

# What the stations' server processes are doing, sampled 30 times during a run: on the CPU,
# waiting for the station (Client), or waiting for a lock or I/O (pg_stat_activity).
sample_waits() { # $1 = output file; one session, 30 samples 0.2 s apart after 3 s
    i=0
    { echo "SELECT pg_sleep(3);"
      while [ $i -lt 30 ]; do
          echo "SELECT CASE WHEN state LIKE 'idle%' THEN 'Client' WHEN wait_event IS NULL"
          echo " THEN 'CPU' ELSE wait_event_type || ':' || wait_event END"
          echo " FROM pg_stat_activity WHERE usename = 'wip_station'; SELECT pg_sleep(0.2);"
          i=$((i + 1))
      done; } | psql -qXAt -d bench 2>/dev/null | grep -v '^$' >"$1" || true
}
load_run() { # $1 = name, $2 = stations, $3 = rate (0 = closed loop)
    wait_quiet
    phase_begin
    SAMPLER=
    if [ "$2" -gt 1 ]; then sample_waits "$R/logs/$MODE-$1.waits" & SAMPLER=$!; fi
    "$BIN" load "$(station bench)" "$(admin bench)" "$1" "$2" "$SECS" 2 "$3" \
        2>"$R/logs/$MODE-$1.err" | collect "$MODE"
    if [ -n "$SAMPLER" ]; then
        wait "$SAMPLER" || true
        sort "$R/logs/$MODE-$1.waits" | uniq -c | sort -rn | awk -v p="$MODE.$1.wait" '
            { n[NR] = $1; k[NR] = $2; t += $1 }
            END { for (i = 1; i <= NR && i <= 4; i++) printf "%s.%d %s=%.0f%%\n", p, i, k[i], 100 * n[i] / t }' >>"$M"
    fi
    phase_end "$MODE.$1"
    [ ! -s "$R/logs/$MODE-$1.err" ] || { say "$1:"; head -n 5 "$R/logs/$MODE-$1.err" >&2; }
}

stations_suite() {
    say "$MODE: databases"
    new_db bench
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench" >/dev/null
    "$PGBENCH" -h "$PGHOST" -p "$PGPORT" -U postgres -i -s 10 -q pgbench >"$R/logs/pgbench-init-$MODE.txt" 2>&1
    if [ "$MODE" = fsyncoff ]; then
        say "round trips"
        "$BIN" rt "$(station bench)" "$(admin bench)" "$LOG" 2>"$R/logs/rt.err" >>"$M" ||
            { say "rt failed"; cat "$R/logs/rt.err" >&2; }
    fi
    say "$MODE: pgbench -N, 1 and $STATIONS clients, ${SECS}s each"
    wait_quiet; phase_begin; pgbench_run pgb1 1 1; phase_end "$MODE.pgb1"
    wait_quiet; phase_begin; pgbench_run pgb32 32 2; phase_end "$MODE.pgb32"
    say "$MODE: stations: 1 closed loop, $STATIONS closed loop, $STATIONS paced at $RATE/s"
    load_run c1 1 0
    load_run c32 "$STATIONS" 0
    load_run p32 "$STATIONS" "$RATE"
    put "$MODE.c32.ratio" "$(awk -v a="$(m "$MODE.c32.tps")" -v b="$(m "$MODE.pgb32.tps")" \
        'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    psql -qX -d postgres -c "DROP DATABASE pgbench" >/dev/null
}

# EXPLAIN (ANALYZE, BUFFERS) of the station's own queries, from auto_explain in the log
explain_extract() { # $1 = log offset, $2 = directory
    mkdir -p "$2"
    tail -c +"$(($1 + 1))" "$LOG" | awk -v d="$2" '
        /LOG:  duration: .* plan:/ { f = ""; on = 1; next }
        on && /^\t/ {
            if (f == "" && /Query Text:/) {
                if (/AS wip_pk, w.wip_id/) f = "card.txt"
                else if (/SELECT .WIP . \|\|/) f = (++h == 1 ? "trace-1-header-unit.txt" : "trace-1-header-lot.txt")
                else if (/ev ORDER BY t, k, ord/) f = (++t == 1 ? "trace-2-unit.txt" : "trace-2-lot.txt")
                else if (/WITH lo AS/) f = "board.txt"
                else f = "-"
                if (f != "-") { close(d "/" f); printf "" >(d "/" f) } # the last one stays
            }
            if (f != "-" && f != "") print substr($0, 2) >(d "/" f)
            next }
        { on = 0 }'
}

# gen-scale.sql in its four stages; the inserts and the index builds in two sessions
gen_stage() { # db stage [part]
    psql -qX -v ON_ERROR_STOP=1 -v units="$GEN_UNITS" -v stage="$2" -v part="${3:-0}" -v parts=2 \
        -d "$1" -f tests/bench/gen-scale.sql >>"$R/logs/gen-$GEN_UNITS-$2-${3:-0}.txt" 2>&1
}
generate() { # db units
    GEN_UNITS=$2
    gen_stage "$1" prep || { say "generator failed"; cat "$R/logs/gen-$2-prep-0.txt" >&2; exit 1; }
    for st in load index; do
        gen_stage "$1" "$st" 0 & g0=$!
        gen_stage "$1" "$st" 1 & g1=$!
        r0=0; r1=0; wait "$g0" || r0=$?; wait "$g1" || r1=$?
        if [ "$r0" -ne 0 ] || [ "$r1" -ne 0 ]; then
            say "generator failed ($st)"; cat "$R/logs/gen-$2-$st-"*.txt >&2; exit 1
        fi
    done
    gen_stage "$1" final || { say "generator failed"; cat "$R/logs/gen-$2-final-0.txt" >&2; exit 1; }
}

scale_suite() {
    for n in $SCALES; do
        db=scale_$n
        say "scale: $n units (generate, VACUUM ANALYZE, measure)"
        new_db "$db"
        t0=$(date +%s%N)
        generate "$db" "$n"
        put "scale.$n.gen_s" "$(( ($(date +%s%N) - t0) / 1000000000 ))"
        psql -qXAt -F ' ' -d "$db" -c "
            SELECT 'units', count(*) FROM wip_items
            UNION ALL SELECT 'history', (SELECT count(*) FROM wip_process_history)
                                        + (SELECT count(*) FROM process_data)
            UNION ALL SELECT 'lots', count(*) FROM lots
            UNION ALL SELECT 'open_lots', count(*) FROM lots WHERE status <> 'CLOSED'
            UNION ALL SELECT 'db_mb', pg_database_size(current_database()) / 1048576" |
            while read -r k v; do put "scale.$n.$k" "$v"; done
        wait_quiet
        phase_begin
        "$BIN" query "$(station "$db")" "$(admin "$db")" "scale.$n" "$SAMPLES" \
            2>"$R/logs/query-$n.err" >>"$M" || { say "query failed"; cat "$R/logs/query-$n.err" >&2; }
        phase_end "scale.$n"
        off=$(stat -c %s "$LOG")
        "$BIN" explain "$(station "$db")" "$(admin "$db")" 2>>"$R/logs/query-$n.err" || true
        explain_extract "$off" "$R/explain/$n"
        [ "$n" != "$QUALITY_SCALE" ] || quality_suite "$db" "$n"
        psql -qX -d postgres -c "DROP DATABASE $db" >/dev/null
    done
}

# ---- the terminal --------------------------------------------------------------------
tui_suite() {
    new_db tui
    wait_quiet
    phase_begin
    if ! /usr/bin/python3 tests/bench/tui.py "$WIPSTATION" "$BIN" "$(station tui)" "$(admin tui)" \
        "$R/logs" 20 "${BENCH_STARTS:-9}" >"$R/logs/tui.txt" 2>"$R/logs/tui.err"; then
        say "terminal: failed"; tail -n 20 "$R/logs/tui.err" >&2
    fi
    phase_end tui
    cat "$R/logs/tui.txt" >>"$M"
    [ ! -s "$R/logs/tui.err" ] || { say "terminal:"; head -n 5 "$R/logs/tui.err" >&2; }
}

# ---- the quality reports (wipstation report) on the largest database ------------------------
QUALITY_SCALE=$(echo "$SCALES" | awk '{ print $NF }')
# qtime KEY ARGS...: milliseconds of `wipstation report ARGS` (output discarded), and its exit
qtime() {
    k=$1; shift
    t0=$(date +%s%N)
    PGDATABASE=$QDB "$WIPSTATION" report "$@" >/dev/null 2>>"$R/logs/quality.err"
    put "$k.rc" $?
    put "$k.ms" $(( ($(date +%s%N) - t0) / 1000000 ))
}
quality_suite() { # db units
    QDB=$1; q="quality.$2"
    say "quality: genealogy back-fill, the reports and an export at $2 units"
    wait_quiet
    t0=$(date +%s%N)
    put "$q.backfill_rows" "$(psql -qXAt -d "$QDB" -c 'SELECT wip_components_backfill()')"
    put "$q.backfill_ms" $(( ($(date +%s%N) - t0) / 1000000 ))
    # the plant's yesterday, the 30 days up to it, and 120 days for the export
    day=$(psql -qXAt -d "$QDB" -c "SELECT ((now() AT TIME ZONE wip_plant_tz())::date - 1)::text")
    m30=$(date -d "$day - 29 days" +%F); m120=$(date -d "$day - 119 days" +%F)
    for w in "1d $day" "30d $m30"; do
        set -- $w
        qtime "$q.fpy_$1" fpy --from "$2" --to "$day"
        qtime "$q.fpy_shift_$1" fpy --from "$2" --to "$day" --by shift
        qtime "$q.pareto_$1" pareto --from "$2" --to "$day"
        qtime "$q.spc_$1" spc --process 3 --field measured_temp --from "$2" --to "$day"
        qtime "$q.cycle_$1" cycle --from "$2" --to "$day"
    done
    lot=$(psql -qXAt -d "$QDB" -c "SELECT component_lot FROM wip_component_usage ORDER BY id DESC LIMIT 1")
    put "$q.where_used_units" "$(psql -qXAt -d "$QDB" -c "SELECT count(*) FROM wip_where_used('$lot')")"
    qtime "$q.where_used" where-used "$lot"
    /usr/bin/time -f '%M %e' -o "$R/logs/quality-export.time" \
        env PGDATABASE="$QDB" "$WIPSTATION" report export attempts --from "$m120" --to "$day" \
        2>"$R/logs/quality-export.err" | wc -c >"$R/logs/quality-export.bytes"
    put "$q.export_rows" "$(sed -n 's/.*attempts: \([0-9]*\) rows.*/\1/p' "$R/logs/quality-export.err")"
    put "$q.export_kb" "$(tail -n 1 "$R/logs/quality-export.time" | cut -d ' ' -f 1)"
    put "$q.export_s" "$(tail -n 1 "$R/logs/quality-export.time" | cut -d ' ' -f 2)"
    put "$q.export_mb" "$(awk '{ printf "%.0f", $1 / 1048576 }' "$R/logs/quality-export.bytes")"
}

# ---- the machine -----------------------------------------------------------------------
put machine.nproc "$NCPU"
put machine.cpu "$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1 | tr ' ' '_')"
put machine.mem_gb "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
put machine.kernel "$(uname -r)"
put machine.commit "$(git rev-parse --short HEAD 2>/dev/null || echo -)"

MODE=fsyncoff
say "cluster 1: test settings (fsync off, synchronous_commit off, full_page_writes off)"
start_cluster 0
put machine.pg "$(psql -qXAt -d postgres -c 'SHOW server_version' | tr ' ' '_')"
stations_suite
scale_suite
if [ "${BENCH_TUI:-1}" != 0 ]; then say "terminal"; tui_suite; fi
stop_cluster

if [ "${BENCH_DURABLE:-1}" != 0 ]; then
    MODE=durable
    say "cluster 2: durable (fsync on, synchronous_commit on, full_page_writes on)"
    start_cluster 1
    stations_suite
    stop_cluster
fi
# ---- labels with Korean text: drawn on the station (print/glyph.c), no database -------------
if [ "${BENCH_LABELS:-1}" != 0 ]; then
    say "labels with Korean text"
    "$B/rel/tests/tools/labelbench" etc/labels /usr/share/fonts/truetype/nanum/NanumGothic.ttf \
        1000 >>"$M" 2>"$R/logs/labelbench.err" ||
        { say "labels: failed"; cat "$R/logs/labelbench.err" >&2; }
fi
# ---- test rigs: messages through one station ----------------------------------------------
# The terminal station (release build) on a pseudo-terminal (script(1)), an operator logged
# in by badge, [rig] listen on 127.0.0.1 and auto_complete = yes; the rig simulator sends
# START and COMPLETE for units waiting at process 3: one rig at a time (closed loop), then
# four at once. Messages per second from the simulator; the latency from a frame's last
# byte to its reply written (after COMMIT) from the station's own log, p50 and p99; the
# simulator's own figure (last byte sent to the end of the reply) beside it.
rig_suite() {
    sim=$B/rel/tests/tools/rigsim
    lots=${BENCH_RIG_LOTS:-5} # of 200 units (a lot's most), per run
    new_db rig
    for k in $(seq 1 $((2 * lots))); do
        psql -qX -v ON_ERROR_STOP=1 -d rig -v lot="$(printf 'KR01PSA2501%03d' "$k")" -v n=200 \
            -f tests/rig/units.sql >/dev/null
    done
    port=$((PGPORT + 1000))
    ini=$R/logs/bench-rig.ini
    slog=$R/logs/rig-station.log
    printf '[database]\nconninfo = %s\n[station]\nid = P3-BENCH\nprocess = 3\nidle_logout_min = 0\n[rig]\nlisten = 127.0.0.1:%s\nauto_complete = yes\nmax_connections = 16\n' \
        "$(station rig)" "$port" >"$ini"
    : >"$slog"
    rm -f "$R/logs/rig-keys"
    mkfifo "$R/logs/rig-keys"
    TERM=xterm-256color LANG=C.UTF-8 WIPSTATION_LOG=$slog script -qfc "$WIPSTATION -c $ini" /dev/null \
        <"$R/logs/rig-keys" >/dev/null 2>&1 &
    pty=$!
    exec 8>"$R/logs/rig-keys" # the keyboard: open until the station is stopped
    i=0
    while [ $i -lt 100 ] && ! grep -q 'start: station' "$slog"; do sleep 0.1; i=$((i + 1)); done
    sleep 1
    printf 'OP-0001\r' >&8
    i=0
    while [ $i -lt 100 ] && ! grep -q ' login ' "$slog"; do sleep 0.1; i=$((i + 1)); done
    if ! grep -q 'rig: listening' "$slog" || ! grep -q ' login ' "$slog"; then
        say "rigs: the station did not start or log in"; tail -n 5 "$slog" >&2
    else
        for c in 1 4; do
            set -- $(for k in $(seq 1 $((2 * lots))); do printf 'KR01PSA2501%03d\n' "$k"; done)
            [ "$c" = 1 ] || shift "$lots"
            list=$(echo "$@" | tr ' ' '\n' | head -n "$lots" | paste -sd,)
            before=$(wc -l <"$slog")
            wait_quiet
            "$sim" -a "127.0.0.1:$port" run -L "$list" -f 1 -n 200 -c "$c" \
                >"$R/logs/rig-c$c.txt" 2>&1 || say "rigs: c$c: not every reply was the one expected"
            sed -n 's/^rigsim: //p' "$R/logs/rig-c$c.txt" | tr ' ' '\n' | awk -F= -v p="rig.c$c" '
                $1 == "messages" || $1 == "rate" || $1 == "ok" { print p "." $1, $2 }
                $1 == "p50_ms" { print p ".client_p50_ms", $2 } $1 == "p99_ms" { print p ".client_p99_ms", $2 }' >>"$M"
            tail -n +"$((before + 1))" "$slog" | sed -n 's/^.* rig from .*, \([0-9.]*\) ms$/\1/p' |
                sort -n | awk -v p="rig.c$c" '{ v[NR] = $1 } END { if (!NR) exit
                    k = int(0.5 * NR + 0.999999); printf "%s.ack_p50_ms %.3f\n", p, v[k]
                    k = int(0.99 * NR + 0.999999); printf "%s.ack_p99_ms %.3f\n", p, v[k]
                    printf "%s.acks %d\n", p, NR }' >>"$M"
        done
        put rig.recorded "$(psql -qXAt -d rig -c "SELECT count(*) FROM wip_rig_messages")"
    fi
    for p in $(pgrep -f -- "$ini" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
    exec 8>&-
    wait "$pty" 2>/dev/null || true
    rm -f "$R/logs/rig-keys"
}
if [ "${BENCH_RIG:-1}" != 0 ]; then
    MODE=rig
    say "test rigs: messages through one station (test settings)"
    start_cluster 0
    rig_suite
    stop_cluster
fi
put total_s "$(( $(date +%s) - T_START ))"
sh tests/bench/report.sh "$M" "$R" >"$R/results.md"
cat "$R/results.md"
