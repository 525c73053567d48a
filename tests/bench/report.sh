#!/bin/sh
# tests/bench/report.sh METRICS RESULTS_DIR — renders the results of tests/bench/run.sh
# (metrics.txt: "key value" lines) as Markdown on stdout.
set -eu
M=$1
R=$2

m() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$M"; }
# f KEY [DECIMALS]: a number rounded, or "-"
f() { v=$(m "$1"); case $v in -) echo - ;; *) awk -v v="$v" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }' ;; esac; }
# mb KEY: a kB figure in MB ("-" when missing)
mb() { v=$(m "$1"); case $v in -) echo - ;; *) awk -v k="$v" 'BEGIN { printf "%.1f", k / 1024 }' ;; esac; }
# verdict VALUE OP LIMIT: met / NOT met / - (no figure)
verdict() {
    case $1 in -) echo "no figure"; return ;; esac
    awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
        ok = (op == "<" ? a < b : op == "<=" ? a <= b : a >= b); print (ok ? "met" : "**NOT met**") }'
}
# d KEY1 KEY2 [DECIMALS]: KEY1 - KEY2, or "-"
d() {
    a=$(m "$1"); b=$(m "$2")
    case "$a$b" in *-*) case "$a:$b" in -:* | *:-) echo - ; return ;; esac ;; esac
    awk -v a="$a" -v b="$b" -v p="${3:-1}" 'BEGIN { printf "%.*f", p, a - b }'
}
maxof() { # the largest of the keys' values
    for k in "$@"; do m "$k"; done | awk '$1 != "-" { if (!n++ || $1 > x) x = $1 } END { print (n ? x : "-") }'
}

echo "# wipstation benchmark results"
echo
echo "\`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(m machine.commit), took $(m total_s) s."
echo "Machine: $(m machine.nproc) CPUs ($(m machine.cpu | tr '_' ' ')), $(m machine.mem_gb) GB memory,"
echo "Linux $(m machine.kernel), PostgreSQL $(m machine.pg | tr '_' ' '). Client and server share the CPUs;"
echo "stations and pgbench connect over TCP to 127.0.0.1."
echo
echo "- **fsync off**: the test cluster's settings (fsync, synchronous_commit and full_page_writes off)."
echo "- **durable**: fsync, synchronous_commit and full_page_writes on (the disk here does an fdatasync in ~0.1 ms)."
echo "- Both: PostgreSQL defaults otherwise (shared_buffers 128 MB), max_wal_size 4 GB."
echo "- \"other CPU\": the share of the machine used by processes outside the benchmark during"
echo "  the run (other work on a shared machine makes every figure worse)."
echo

# ---- the summary: every performance target (README, Performance) in one table ----------------
# the scan-driven transitions; the most round trips of any of them, counted by the core and
# on the wire
TRANSITIONS="p1.create p1.readback p2.start p2.complete p3.start p3.complete p4.start p4.complete
    p5.start p5.complete p6.start p6.complete p7.convert p7.verify p8.start p8.complete"
# shellcheck disable=SC2046
rtmax=$(maxof $(for t in $TRANSITIONS; do echo "rt.$t.core"; done))
# shellcheck disable=SC2046
wmax=$(maxof $(for t in $TRANSITIONS; do echo "rt.$t.wire"; done))
big=$(awk '$1 ~ /^scale\.[0-9]+\.units$/ { split($1, a, "."); if (a[2] + 0 > x) x = a[2] + 0 } END { print x + 0 }' "$M")
both() { # verdict for the fsync-off and the durable figure
    a=$(verdict "$1" "$3" "$4"); b=$(verdict "$2" "$3" "$4")
    if [ "$a" = "$b" ]; then echo "$a"; else echo "$a (fsync off), $b (durable)"; fi
}
echo "## Summary"
echo
echo "| target | fsync off | durable | |"
echo "|---|---|---|---|"
echo "| a scan-driven transition costs at most 2 round trips, commit included | $rtmax (core), $wmax (wire) | (same code) | $(verdict "$rtmax" "<=" 2) |"
echo "| 1 station, closed loop: p99 scan-to-commit < 2 ms | $(f fsyncoff.c1.all.p99 2) ms | $(f durable.c1.all.p99 2) ms | $(both "$(m fsyncoff.c1.all.p99)" "$(m durable.c1.all.p99)" "<" 2) |"
echo "| 32 stations, closed loop: transitions/s ≥ pgbench -N tps at 32 clients | $(f fsyncoff.c32.tps 0) / $(f fsyncoff.pgb32.tps 0) = $(m fsyncoff.c32.ratio) | $(f durable.c32.tps 0) / $(f durable.pgb32.tps 0) = $(m durable.c32.ratio) | $(both "$(m fsyncoff.c32.ratio)" "$(m durable.c32.ratio)" ">=" 1) |"
echo "| 32 stations paced at 20 scans/s: p99 < 5 ms | $(f fsyncoff.p32.all.p99 2) ms | $(f durable.p32.all.p99 2) ms | $(both "$(m fsyncoff.p32.all.p99)" "$(m durable.p32.all.p99)" "<" 5) |"
if [ "$big" -gt 0 ]; then
    for q in card trace board; do
        case $q in card) lbl="unit card" ;; trace) lbl="trace of a unit" ;; board) lbl="line board" ;; esac
        echo "| $lbl at $(m "scale.$big.units") units: p99 < 20 ms | $(f "scale.$big.$q.p99" 2) ms (p50 $(f "scale.$big.$q.p50" 2)) | | $(verdict "$(m "scale.$big.$q.p99")" "<" 20) |"
    done
fi
if [ "$(m tui.startup_cold_dropped)" = 1 ]; then
    cold_how="page cache dropped"
else
    cold_how="page cache NOT dropped (not permitted): only the first start of the run"
fi
if [ "$(m tui.startup_warm_ms.p50)" != - ]; then
    echo "| start to a usable screen < 100 ms | first start $(f tui.startup_cold_ms 1) ms ($cold_how); then median $(f tui.startup_warm_ms.p50 1) ms of $(m tui.startup_warm_ms.n) | | $(verdict "$(m tui.startup_cold_ms)" "<" 100) (first), $(verdict "$(m tui.startup_warm_ms.p50)" "<" 100) (median) |"
    echo "| resident memory per station < 8 MB | peak $(mb tui.vmhwm_kb) MB at a form station, $(mb tui.vmhwm_print_kb) MB at a printing one (private $(mb tui.rssanon_kb) MB, Pss $(mb tui.pss_kb) MB) | | $(verdict "$(m tui.vmhwm_kb)" "<" 8192) (form station); $(verdict "$(m tui.vmhwm_print_kb)" "<" 8192) (printing station); $(verdict "$(m tui.pss_kb)" "<" 8192) (Pss) |"
fi
echo "| CPU used by other processes during the station runs (c1 / c32 / paced) | $(m fsyncoff.c1.foreign_cpu) / $(m fsyncoff.c32.foreign_cpu) / $(m fsyncoff.p32.foreign_cpu) % | $(m durable.c1.foreign_cpu) / $(m durable.c32.foreign_cpu) / $(m durable.p32.foreign_cpu) % | 0 on a dedicated machine |"
echo

echo "## 1. Round trips per transition (counted)"
echo
echo "A warm station session (routing cached, statements prepared), fsync-off cluster."
echo "*core*: \`core_db_round_trips()\` before/after; *wire*: request/response turns seen by a"
echo "loopback proxy between the station and the server; *statements*: what the server logged"
echo "(\`log_statement = all\` for the station role), i.e. how many statements the round trips carry."
echo
echo "| transition | API call | core | wire | statements | ms |"
echo "|---|---|---|---|---|---|"
row_rt() { # label call key
    echo "| $1 | $2 | $(m "rt.$3.core") | $(m "rt.$3.wire") | $(m "rt.$3.statements") | $(f "rt.$3.ms" 2) |"
}
row_rt "P1 create the WIP" "core_wip_create" p1.create
row_rt "P1 read-back scan (PASS)" "core_unit_scan" p1.readback
for n in 2 3 4 5 6; do
    row_rt "P$n start" "core_unit_scan" "p$n.start"
    row_rt "P$n complete (form)" "core_unit_complete" "p$n.complete"
done
row_rt "P7 convert to serial" "core_unit_scan" p7.convert
row_rt "P7 verify the label" "core_unit_scan" p7.verify
row_rt "P8 start" "core_unit_scan" p8.start
row_rt "P8 complete (checklist)" "core_unit_complete" p8.complete
row_rt "unit card (read-only)" "core_unit_look" look
row_rt "trace (read-only)" "core_trace_get" trace
row_rt "line board (read-only)" "core_board_get" board
echo
echo "Most round trips of any transition: $rtmax counted by the core, $wmax on the wire"
echo "(target at most 2, commit included: $(verdict "$rtmax" "<=" 2))."
echo

secs=$(m fsyncoff.c1.seconds)
echo "## 2. Stations under load (${secs} s each after 2 s of warm-up)"
echo
echo "Each station is a thread with its own core session, driving whole routes (process 1-8) as"
echo "a line's stations would: \`core_wip_create\` + read-back at P1, start + complete with"
echo "passing form values at P2-P6 and P8, convert + verify at P7 (15 transitions a unit, each"
echo "one transaction). Latency is scan-to-commit (the API call); paced stations count it from"
echo "the scheduled scan time. pgbench: \`pgbench -N\` (simple-update, -M simple), scale 10,"
echo "its own database on the same cluster, same duration."
echo
echo "| measure | fsync off | durable | target |"
echo "|---|---|---|---|"
two() { echo "| $1 | $2 | $3 | $4 |"; }
lat() { echo "$(f "$1.p50" 2) / $(f "$1.p99" 2) / $(f "$1.max" 1)"; }
two "pgbench -N, 1 client: tps" "$(f fsyncoff.pgb1.tps 0)" "$(f durable.pgb1.tps 0)" "(reference)"
two "pgbench -N, 1 client: p50 / p99 / max ms" "$(lat fsyncoff.pgb1)" "$(lat durable.pgb1)" ""
two "pgbench -N, 32 clients (-j 2): tps" "$(f fsyncoff.pgb32.tps 0)" "$(f durable.pgb32.tps 0)" "(the ceiling)"
two "pgbench -N, 32 clients: p50 / p99 / max ms" "$(lat fsyncoff.pgb32)" "$(lat durable.pgb32)" ""
two "**1 station**, closed loop: transitions/s" "$(f fsyncoff.c1.tps 0)" "$(f durable.c1.tps 0)" ""
two "**1 station**: scan-to-commit p50 / p99 / max ms" "$(lat fsyncoff.c1.all)" "$(lat durable.c1.all)" \
    "p99 < 2 ms: $(verdict "$(m fsyncoff.c1.all.p99)" "<" 2) (fsync off), $(verdict "$(m durable.c1.all.p99)" "<" 2) (durable)"
two "**32 stations**, closed loop: transitions/s" "$(f fsyncoff.c32.tps 0)" "$(f durable.c32.tps 0)" ""
two "**32 stations**: ratio to pgbench -N at 32 clients" "$(m fsyncoff.c32.ratio)" "$(m durable.c32.ratio)" \
    "≥ 1.0: $(verdict "$(m fsyncoff.c32.ratio)" ">=" 1) (fsync off), $(verdict "$(m durable.c32.ratio)" ">=" 1) (durable)"
two "**32 stations**: p50 / p99 / max ms" "$(lat fsyncoff.c32.all)" "$(lat durable.c32.all)" ""
two "**32 stations paced at 20 scans/s**: scans/s" "$(f fsyncoff.p32.tps 0)" "$(f durable.p32.tps 0)" "(640 offered)"
two "**32 stations paced**: p50 / p99 / max ms" "$(lat fsyncoff.p32.all)" "$(lat durable.p32.all)" \
    "p99 < 5 ms: $(verdict "$(m fsyncoff.p32.all.p99)" "<" 5) (fsync off), $(verdict "$(m durable.p32.all.p99)" "<" 5) (durable)"
two "change notifications a listening board received per second (32 closed loop / paced)" \
    "$(m fsyncoff.c32.notify_per_s) / $(m fsyncoff.p32.notify_per_s)" \
    "$(m durable.c32.notify_per_s) / $(m durable.p32.notify_per_s)" "about 10 (migration 004)"
# cpu MODE.NAME: server / client CPU ms per transition (transaction for pgbench), whole run
cpu() {
    awk -v s="$(m "$1.server_cpu_s")" -v c="$(m "$1.client_cpu_s")" -v n="$(m "$1.transitions_all")" \
        'BEGIN { if (n + 0 > 0 && s != "-") printf "%.3f / %.3f", 1000 * s / n, 1000 * c / n; else print "-" }'
}
two "CPU per transaction, pgbench -N 1 client: server / client ms" "$(cpu fsyncoff.pgb1)" "$(cpu durable.pgb1)" ""
two "CPU per transaction, pgbench -N 32 clients: server / client ms" "$(cpu fsyncoff.pgb32)" "$(cpu durable.pgb32)" ""
two "CPU per transition, 1 station: server / client ms" "$(cpu fsyncoff.c1)" "$(cpu durable.c1)" ""
two "CPU per transition, 32 stations closed loop: server / client ms" "$(cpu fsyncoff.c32)" "$(cpu durable.c32)" ""
waits() { echo "$(m "$1.wait.1") $(m "$1.wait.2") $(m "$1.wait.3")" | sed 's/ -//g; s/=/ /g'; }
two "32 stations closed loop: what their server processes did (top 3 of 30 samples)" \
    "$(waits fsyncoff.c32)" "$(waits durable.c32)" ""
two "32 stations paced: what their server processes did" "$(waits fsyncoff.p32)" "$(waits durable.p32)" ""
two "transitions refused or failed (all runs)" \
    "$(( $(m fsyncoff.c1.errors | sed 's/-/0/') + $(m fsyncoff.c32.errors | sed 's/-/0/') + $(m fsyncoff.p32.errors | sed 's/-/0/') ))" \
    "$(( $(m durable.c1.errors | sed 's/-/0/') + $(m durable.c32.errors | sed 's/-/0/') + $(m durable.p32.errors | sed 's/-/0/') ))" "0"
two "other CPU during pgbench 32 / stations 1 / 32 / paced (%)" \
    "$(m fsyncoff.pgb32.foreign_cpu) / $(m fsyncoff.c1.foreign_cpu) / $(m fsyncoff.c32.foreign_cpu) / $(m fsyncoff.p32.foreign_cpu)" \
    "$(m durable.pgb32.foreign_cpu) / $(m durable.c1.foreign_cpu) / $(m durable.c32.foreign_cpu) / $(m durable.p32.foreign_cpu)" "0 (quiet machine)"
echo
echo "Change notifications: a transaction that has sent a NOTIFY takes one database-wide lock at"
echo "commit (wait event Lock:object) and holds it until its commit is done. Migration 003 notified"
echo "from every changed row, so the stations committed one after the other (Lock:object in 90 % of"
echo "the samples at 32 stations); migration 004 notifies at most once per tenth of a second for the"
echo "whole line, and a board reads 200 ms and 1.5 s after a notification (and every 10 s)."
echo
echo "Per transition, 1 station, p50 / p99 ms:"
echo
echo "| | create | read-back | start | complete | convert | verify |"
echo "|---|---|---|---|---|---|---|"
for mode in fsyncoff durable; do
    line="| $( [ $mode = fsyncoff ] && echo 'fsync off' || echo durable )"
    for k in create readback start complete convert verify; do
        line="$line | $(f "$mode.c1.$k.p50" 2) / $(f "$mode.c1.$k.p99" 2)"
    done
    echo "$line |"
done
echo

echo "## 3. A million units: unit card, trace, line board"
echo
echo "Generated in SQL (\`tests/bench/gen-scale.sql\`): lots of 100-200 units, ~6 a day back in"
echo "time; the newest 6 lots in progress and 2 COMPLETED (the board shows these 8), all older"
echo "lots CLOSED; a finished unit has 8 attempts (P1-6 in \`wip_process_history\`, P7-8 in"
echo "\`process_data\`, station_id set, the station's JSON), a serial, 2 print jobs; 1 unit in 97"
echo "failed P3 once and was reworked. Secondary indexes rebuilt, then VACUUM ANALYZE."
echo "$(m scale.10000.card.n) random units per size (seeded); times are the API call from a station"
echo "session over TCP, ms as p50 / p99. fsync-off cluster."
echo
echo "| units | attempts (history rows) | lots (not closed) | database | generated in | unit card | unit trace | lot trace (events) | line board (lots) |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $(awk '$1 ~ /^scale\.[0-9]+\.units$/ { split($1, a, "."); print a[2] }' "$M"); do
    s=scale.$n
    echo "| $(m "$s.units") | $(m "$s.history") | $(m "$s.lots") ($(m "$s.open_lots")) | $(m "$s.db_mb") MB | $(m "$s.gen_s") s |" \
        "$(f "$s.card.p50" 2) / $(f "$s.card.p99" 2) | $(f "$s.trace.p50" 2) / $(f "$s.trace.p99" 2) |" \
        "$(f "$s.lottrace.p50" 1) / $(f "$s.lottrace.p99" 1) ($(f "$s.lottrace.rows" 0)) |" \
        "$(f "$s.board.p50" 1) / $(f "$s.board.p99" 1) ($(f "$s.board.rows" 0)) |"
done
big=$(awk '$1 ~ /^scale\.[0-9]+\.units$/ { split($1, a, "."); if (a[2] + 0 > x) x = a[2] + 0 } END { print x + 0 }' "$M")
echo
if [ "$big" -gt 0 ]; then
    worst=$(maxof "scale.$big.card.p99" "scale.$big.trace.p99" "scale.$big.board.p99")
    echo "At $(m "scale.$big.units") units the slowest of card, unit trace and board has p99 $worst ms"
    echo "(target < 20 ms: $(verdict "$worst" "<" 20)); other CPU during the measurements:"
    for n in $(awk '$1 ~ /^scale\.[0-9]+\.foreign_cpu$/ { split($1, a, "."); print a[2] }' "$M"); do
        printf '%s %s%%; ' "$n" "$(m "scale.$n.foreign_cpu")"
    done
    echo
    echo
    echo "Plans: \`explain/<units>/*.txt\` (EXPLAIN ANALYZE, BUFFERS through auto_explain, the"
    echo "station's own statements). Sequential scans in them:"
    echo
    for d in "$R"/explain/*/; do
        [ -d "$d" ] || continue
        for p in "$d"*.txt; do
            [ -f "$p" ] || continue
            s=$(grep -o 'Seq Scan on [a-z_]*' "$p" | sed 's/Seq Scan on //' | sort | uniq | tr '\n' ' ')
            echo "- $(basename "$d") $(basename "$p" .txt): ${s:-none}"
        done
    done
fi
echo

echo "## 4. The terminal"
echo
if [ "$(m tui.startup_warm_ms.p50)" = - ]; then
    echo "Not measured (see logs/tui.err)."
else
    echo "\`wipstation\` at a process-2 station on an 80x24 pseudo-terminal (TERM=xterm-256color,"
    echo "English), read through a small screen model (\`tests/bench/tui.py\`); fsync-off cluster."
    echo
    echo "| measure | value | target |"
    echo "|---|---|---|"
    echo "| first (cold) start to the login screen: $cold_how | $(f tui.startup_cold_ms 1) ms | < 100 ms: $(verdict "$(m tui.startup_cold_ms)" "<" 100) |"
    echo "| warm start to the login screen: median (min / max) of $(m tui.startup_warm_ms.n) | $(f tui.startup_warm_ms.p50 1) ($(f tui.startup_warm_ms.min 1) / $(f tui.startup_warm_ms.max 1)) ms | < 100 ms: $(verdict "$(m tui.startup_warm_ms.p50)" "<" 100) |"
    echo "| badge Enter to logged in | $(f tui.login_ms 1) ms | |"
    echo "| scan Enter to the started unit on screen, p50 / max | $(f tui.scan_ms.p50 1) / $(f tui.scan_ms.max 1) ms | |"
    echo "| CMD:OK Enter to the PASS banner, p50 / max | $(f tui.complete_ms.p50 1) / $(f tui.complete_ms.max 1) ms | |"
    echo "| bytes written to the terminal per unit (scan, 3 form fields, OK, banner) | $(m tui.bytes_cycle) | |"
    echo "| peak resident memory (VmHWM) at the login screen | $(mb tui.vmhwm_login_kb) MB | |"
    echo "| peak resident memory (VmHWM), process 2 after the units above | $(mb tui.vmhwm_kb) MB | < 8 MB: $(verdict "$(m tui.vmhwm_kb)" "<" 8192) |"
    echo "| peak resident memory (VmHWM), process 1 after printing a label (libcups loaded) | $(mb tui.vmhwm_print_kb) MB | < 8 MB: $(verdict "$(m tui.vmhwm_print_kb)" "<" 8192) |"
    echo "| ... of it private (RssAnon) / shared library and program pages (RssFile) | $(awk -v a="$(m tui.rssanon_kb)" -v b="$(m tui.rssfile_kb)" 'BEGIN { printf "%.1f / %.1f", a / 1024, b / 1024 }') MB | |"
    echo "| proportional set size (Pss) | $(awk -v k="$(m tui.pss_kb)" 'BEGIN { printf "%.1f", k / 1024 }') MB | |"
    echo
    echo "Other CPU during the terminal runs: $(m tui.foreign_cpu) %."
    echo
    echo "### What a start is made of"
    echo
    echo "Medians of $(m tui.startup_warm_ms.n) runs of each kind, interleaved; a part is the difference"
    echo "of two medians. Every start runs to the login screen on the pseudo-terminal and is then"
    echo "stopped. \"main() to the screen\" is the station's own log line (\"first screen N ms after"
    echo "start\", from the start of the station's main function in the process that draws)."
    echo
    echo "| part (warm) | ms | measured as |"
    echo "|---|---|---|"
    echo "| **whole start** | $(f tui.startup_warm_ms.p50 1) | exec to the login screen |"
    echo "| exec to main() | $(d tui.start.noreexec_ms tui.start.main_to_screen_noreexec_ms) | a start without the re-exec ($(f tui.start.noreexec_ms 1)) minus its main() to the screen |"
    echo "| ... of it ld.so loading and relocating $(m tui.start.libs) libraries | $(f tui.start.ldso_ms 2) | LD_DEBUG=statistics of \`wipstation --version\` (cycles / cpu MHz) |"
    echo "| ... \`wipstation --version\` (exec, libraries, their constructors, exit) | $(f tui.start.version_noinit_ms 1) | with GNUTLS_NO_IMPLICIT_INIT=1; /bin/true the same way: $(f tui.start.exec_ms 1) |"
    echo "| the re-exec (cli/main.c runs itself again once, with GNUTLS_NO_IMPLICIT_INIT=1) | $(d tui.startup_warm_ms.p50 tui.start.noreexec_ms) | the start minus the same start with the variable already set |"
    echo "| ... of it GnuTLS's load-time initialisation, in the first process | $(d tui.start.version_ms tui.start.version_noinit_ms 2) | \`--version\` without minus with the variable |"
    echo "| main() to the login screen | $(f tui.start.main_to_screen_noreexec_ms 1) | the station's log (without the re-exec; with it: $(f tui.start.main_to_screen_ms 1)) |"
    echo "| ... of it the database: connect, authenticate, session settings, LISTEN, routing, equipment | $(d tui.start.main_to_screen_noreexec_ms tui.start.main_to_screen_nodb_ms) | main() to the screen minus the same with the database on a closed port |"
    echo "| ... configuration, locale, curses, the first screen | $(f tui.start.main_to_screen_nodb_ms 1) | main() to the screen, database refused at once |"
    if [ "$(m tui.start.cold_version_ms)" != - ]; then
        echo "| **first start, page cache dropped** | $(f tui.startup_cold_ms 1) | $(d tui.startup_cold_ms tui.startup_warm_ms.p50) ms more than warm |"
        echo "| ... \`wipstation --version\`, page cache dropped | $(f tui.start.cold_version_ms 1) | $(d tui.start.cold_version_ms tui.start.version_ms) ms more than warm: the libraries read from disk |"
        echo "| ... a start with the database refused, page cache dropped | $(f tui.start.cold_nodb_ms 1) | the database's part when cold: $(d tui.startup_cold_ms tui.start.cold_nodb_ms) ms (the server reads its files again too) |"
    fi
    echo
    # what the warm start is made of, in words, and what the cold start adds
    awk -v w="$(m tui.startup_warm_ms.p50)" -v e="$(d tui.start.noreexec_ms tui.start.main_to_screen_noreexec_ms)" \
        -v r="$(d tui.startup_warm_ms.p50 tui.start.noreexec_ms)" \
        -v db="$(d tui.start.main_to_screen_noreexec_ms tui.start.main_to_screen_nodb_ms)" \
        -v rest="$(m tui.start.main_to_screen_nodb_ms)" 'BEGIN {
        if (e == "-" || r == "-" || db == "-" || rest == "-") exit
        printf "Warm (%.1f ms), starting the program and loading its libraries takes %.1f ms, twice", w, e + r
        printf " (exec to main() %.1f, the re-exec %.1f); the database connection %.1f; the", e, r, db
        printf " configuration and the first screen %.1f.", rest }'
    if [ "$(m tui.start.cold_version_ms)" != - ]; then
        awk -v c="$(m tui.startup_cold_ms)" -v w="$(m tui.startup_warm_ms.p50)" -v cv="$(m tui.start.cold_version_ms)" \
            -v v="$(m tui.start.version_ms)" -v cn="$(m tui.start.cold_nodb_ms)" \
            -v db="$(d tui.start.main_to_screen_noreexec_ms tui.start.main_to_screen_nodb_ms)" 'BEGIN {
            printf " Cold (%.1f ms, %.1f more): reading the program and its libraries from disk", c, c - w
            printf " (--version %.1f ms more than warm); the database'"'"'s part, %.1f ms warm,", cv - v, db
            printf " is %.1f ms cold (one start each: single cold figures vary from run to run).\n", c - cn }'
    else
        echo " The page cache could not be dropped (not root): there is no cold figure."
    fi
fi
echo

echo "## 5. Labels with Korean text"
echo
if [ "$(m label.korean.203.bytes)" = - ]; then
    echo "Not measured (see logs/labelbench.err)."
else
    echo "The serial label as the station draws it (\`tests/tools/labelbench\`, release build):"
    echo "template and values, then the Korean model name drawn with FreeType"
    echo "(NanumGothic) into a ^GF graphic; beside it the same label in Latin text. Times over"
    echo "1000 labels after the first; the first Korean label of a process loads libfreetype"
    echo "and opens the font."
    echo
    echo "| label | dpi | bytes | first label | p50 | p99 |"
    echo "|---|---|---|---|---|---|"
    for k in latin korean; do
        for dpi in 203 300; do
            echo "| $k | $dpi | $(m "label.$k.$dpi.bytes") | $(f "label.$k.$dpi.first_ms" 2) ms | $(f "label.$k.$dpi.p50_ms" 3) ms | $(f "label.$k.$dpi.p99_ms" 3) ms |"
        done
    done
    echo
    echo "Resident memory the first Korean label adds to the process: $(mb label.korean.rss_kb) MB."
fi
echo

echo "## 6. Test rigs through one station"
echo
if [ "$(m rig.c1.rate)" = - ]; then
    echo "Not measured (BENCH_RIG=0, or see logs/rig-station.log)."
else
    echo "The terminal station (release build, on a pseudo-terminal, an operator logged in,"
    echo "\`auto_complete = yes\`) with \`[rig] listen\` on 127.0.0.1; \`tests/tools/rigsim\` sends"
    echo "START and COMPLETE (two measurements each) for units waiting at process 3, one rig at a"
    echo "time, then four at once; test cluster (fsync off). Each message is one transition of"
    echo "two round trips with its key recorded; the reply is written after COMMIT. \"last byte"
    echo "to ACK\" is the station's own figure (its log), from the frame's last byte read to the"
    echo "reply written; the rig's figure adds the loopback and its own scheduling."
    echo
    echo "| rigs at once | messages | messages/s | last byte to ACK p50 | p99 | rig's view p50 | p99 |"
    echo "|---|---|---|---|---|---|---|"
    for c in 1 4; do
        echo "| $c | $(m "rig.c$c.messages") | $(f "rig.c$c.rate" 0) | $(f "rig.c$c.ack_p50_ms" 2) ms | $(f "rig.c$c.ack_p99_ms" 2) ms | $(f "rig.c$c.client_p50_ms" 2) ms | $(f "rig.c$c.client_p99_ms" 2) ms |"
    done
    echo
    echo "Every reply as expected: $( [ "$(m rig.c1.ok)$(m rig.c4.ok)" = 11 ] && echo yes || echo '**no**' ); rig messages recorded: $(m rig.recorded)."
fi

# ---- the quality reports (wipstation report) --------------------------------------------
qs=$(awk '$1 ~ /^quality\.[0-9]+\.fpy_1d\.ms$/ { split($1, a, "."); print a[2] }' "$M" | tail -n 1)
if [ -n "$qs" ]; then
    q=quality.$qs
    echo
    echo "## 7. Quality reports at $(m "scale.$qs.units") units"
    echo
    echo "\`wipstation report\` (release build) on the largest database, after its genealogy was"
    echo "back-filled ($(m "$q.backfill_rows") component-lot uses in $(f "$q.backfill_ms" 0) ms: the generator"
    echo "writes the history with triggers off). Each figure is one run of the command, connection"
    echo "and read-only transaction included; \"1 day\" is the plant's yesterday (~$(awk -v u="$(m "scale.$qs.units")" 'BEGIN { printf "%d", u / 1111 }') units), \"30 days\" the"
    echo "30 days up to it."
    echo
    echo "| report | 1 day (ms) | 30 days (ms) |"
    echo "|---|---|---|"
    for r in fpy:"fpy (by process)" fpy_shift:"fpy --by shift" pareto:pareto spc:"spc (process 3, measured_temp)" cycle:cycle; do
        k=${r%%:*}; name=${r#*:}
        echo "| $name | $(m "$q.${k}_1d.ms") | $(m "$q.${k}_30d.ms") |"
    done
    echo "| where-used of a spring lot ($(m "$q.where_used_units") uses) | $(m "$q.where_used.ms") | |"
    echo
    awk -v r="$(m "$q.export_rows")" -v s="$(m "$q.export_s")" -v k="$(m "$q.export_kb")" -v mb="$(m "$q.export_mb")" 'BEGIN {
        if (r == "-" || s == "-" || s + 0 == 0) exit
        printf "Export of 120 days of attempts: %d rows (%d MB of CSV) in %.1f s, %.0f rows/s; the", r, mb, s, r / s
        printf " command'"'"'s peak resident memory %.1f MB (the rows are streamed, not held).\n", k / 1024 }'
fi
