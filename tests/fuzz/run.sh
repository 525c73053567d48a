#!/bin/sh
# tests/fuzz/run.sh — fuzz targets (tests/fuzz/fuzz_*.c, each an LLVMFuzzerTestOneInput).
#   regress BIN...   make check-fuzz: each BIN (built by the Makefile with gcc, ASan and
#                    UBSan, linked with tests/fuzz/driver.c) replays its seed corpus
#                    tests/fuzz/corpus/<target>/ and the inputs of every crash found so far,
#                    tests/fuzz/crashes/<target>/.
#   fuzz [TARGET...] make fuzz: builds each target with clang -fsanitize=fuzzer,address,
#                    undefined into $B/fuzz/ and runs libFuzzer for FUZZ_SECONDS (60) over a
#                    working copy of its corpus ($B/fuzz/corpus/<target>/; the committed seeds
#                    are not touched). Reports executions per target; a crash leaves its input
#                    in $B/fuzz/crashes/<target>/ (fix the bug, then copy the input to
#                    tests/fuzz/crashes/<target>/ so that make check replays it).
# Prints "N passed, M failed"; exit 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
MODE=${1:-}
[ $# -gt 0 ] && shift
pass=0; fail=0

regress() {
    for bin in "$@"; do
        t=$(basename "$bin")
        if out=$(ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" "tests/fuzz/corpus/$t" \
                 "tests/fuzz/crashes/$t" 2>&1); then
            pass=$((pass + 1)); echo "ok - $t: $(echo "$out" | tail -n 1 | sed 's/^.*: //')"
        else
            fail=$((fail + 1)); echo "not ok - $t"; echo "$out" | tail -n 30
        fi
    done
}

# Builds the code under test once (core and print, with coverage), then each target.
build() {
    o=$B/fuzz/obj
    mkdir -p "$o" "$B/fuzz/bin"
    cc=${FUZZ_CC:-clang}
    san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
    # shellcheck disable=SC2089 # the quotes are meant literally: string macros
    flags="-std=c11 -D_POSIX_C_SOURCE=200809L -DSTN_VERSION=\"fuzz\" -DSTN_SYSCONFDIR=\"/etc\"
           -DSTN_LOCALEDIR=\"/usr/share/locale\" -I. -g -O1 -fno-omit-frame-pointer $san
           $(pkg-config --cflags libpq inih freetype2 json-c) $(cups-config --cflags 2>/dev/null)"
    libs="$(pkg-config --libs libpq inih json-c) -lcrypt $(cups-config --libs 2>/dev/null || echo -lcups)"
    sh tools/embed-migrations.sh core/migrations/*.sql >"$o/migrations_gen.c" || return 1
    objs=
    for c in base/*.c core/*.c print/*.c rig/*.c "$o/migrations_gen.c"; do
        ob=$o/$(echo "$c" | tr '/' '_' | sed 's/\.c$/.o/')
        # shellcheck disable=SC2086,SC2090
        $cc $flags -fsanitize=fuzzer-no-link -c -o "$ob" "$c" || return 1
        objs="$objs $ob"
    done
    for t in $TARGETS; do
        # shellcheck disable=SC2086,SC2090
        $cc $flags -fsanitize=fuzzer -o "$B/fuzz/bin/$t" "tests/fuzz/$t.c" $objs $libs ||
            return 1
    done
}

fuzz_one() {
    t=$1
    work=$B/fuzz/corpus/$t
    crashes=$B/fuzz/crashes/$t
    mkdir -p "$work" "$crashes"
    log=$B/fuzz/$t.log
    seeds=tests/fuzz/corpus/$t
    [ ! -d "tests/fuzz/crashes/$t" ] || seeds="$seeds tests/fuzz/crashes/$t"
    # shellcheck disable=SC2086
    "$B/fuzz/bin/$t" -max_total_time="$SECS" -print_final_stats=1 -rss_limit_mb=2048 \
        -timeout=10 -artifact_prefix="$crashes/" "$work" $seeds >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    size=$(find "$work" -type f | wc -l)
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1))
        echo "ok - $t: ${execs:-?} executions in $SECS s, working corpus $size inputs"
    else
        fail=$((fail + 1))
        echo "not ok - $t: crash after ${execs:-?} executions (exit $rc); inputs in $crashes/"
        grep -m 5 -e 'ERROR:' -e 'runtime error' -e 'fuzz property failed' -e '^    #[0-4] ' "$log"
    fi
}

case $MODE in
regress)
    regress "$@"
    ;;
fuzz)
    SECS=${FUZZ_SECONDS:-60}
    TARGETS=${*:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c; done)}
    if ! build; then
        echo "not ok - build of the fuzz targets (clang, libclang-rt-14-dev)"; fail=1
    else
        for t in $TARGETS; do fuzz_one "$t"; done
    fi
    ;;
*)
    echo "usage: $0 regress BIN... | fuzz [TARGET...]" >&2
    exit 2
    ;;
esac
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
