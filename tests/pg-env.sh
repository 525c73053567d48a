#!/bin/sh
# Throwaway PostgreSQL cluster for tests (root-safe: the server runs as `postgres`).
#   eval "$(sh tests/pg-env.sh start)"     exports PGHOST, PGPORT, PGDATABASE, PGUSER, PG_TEST_DIR
#   sh tests/pg-env.sh stop [DIR]
#   sh tests/pg-env.sh restart [DIR]       start the server again (after a crash or an
#                                          immediate stop) with the options it ran with
# Never touches a system cluster: its own data directory, a unix socket in that
# directory, and no TCP unless PG_TEST_TCP=1 (127.0.0.1 only).
set -eu
PATH=$PATH:/usr/sbin:/sbin
export PATH

say() { echo "pg-env: $*" >&2; }

bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
    b=
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && b=$d; done
    [ -n "$b" ] || { say "initdb not found (apt-get install postgresql)"; exit 1; }
    echo "$b"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$RUNAS" -- "$@"; else "$@"; fi
}

start() {
    BIN=$(bindir)
    parent=${PG_TEST_PARENT:-${TMPDIR:-/tmp}}
    RUNAS=
    if [ "$(id -u)" -eq 0 ]; then
        RUNAS=postgres
        id -u postgres >/dev/null 2>&1 || { say "no postgres user (apt-get install postgresql)"; exit 1; }
    fi
    DIR=$(mktemp -d "$parent/wip-pg.XXXXXX")
    : >"$DIR/.wip-pg-env"
    chmod 755 "$DIR"
    [ -z "$RUNAS" ] || chown -R "$RUNAS" "$DIR"
    trap 'set +e; say "start failed"; cat "$DIR"/*.log >&2 2>/dev/null; as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$DIR"' EXIT
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=trust --no-sync >"$DIR/initdb.log" 2>&1
    listen=
    [ "${PG_TEST_TCP:-0}" != 1 ] || listen=127.0.0.1
    port=${PG_TEST_PORT:-$((20000 + $$ % 20000))}
    tries=0
    durable="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_TEST_DURABLE:-0}" != 1 ] || durable="-c fsync=on -c synchronous_commit=on"
    while :; do
        if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 -o \
            "-p $port -c listen_addresses='$listen' -c unix_socket_directories='$DIR' $durable -c max_connections=${PG_TEST_MAXCONN:-100} ${PG_TEST_OPTS:-}" \
            start >/dev/null 2>&1; then break; fi
        tries=$((tries + 1))
        if [ $tries -ge 20 ] || ! grep -q -e 'could not bind' -e 'could not create any TCP' -e 'already in use' "$DIR/server.log"; then exit 1; fi
        port=$((port + 1)); : >"$DIR/server.log"
    done
    trap - EXIT
    echo "export PG_TEST_DIR='$DIR'"
    echo "export PGHOST='$DIR'"
    echo "export PGPORT='$port'"
    echo "export PGDATABASE='postgres'"
    echo "export PGUSER='postgres'"
    echo "export PG_TEST_BIN='$BIN'"
}

stop() {
    DIR=${1:-${PG_TEST_DIR:-}}
    if [ -z "$DIR" ] || [ ! -f "$DIR/.wip-pg-env" ]; then say "not a test cluster: '$DIR'"; exit 1; fi
    BIN=$(bindir)
    RUNAS=$(stat -c %U "$DIR/data" 2>/dev/null || id -un)
    if [ -f "$DIR/data/postmaster.pid" ]; then
        pid=$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null || true)
        if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 20 stop >/dev/null 2>&1; then
            [ -z "$pid" ] || kill -QUIT "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
    rm -rf "$DIR"
}

# Starts the cluster's server again with the options of its last start (postgres keeps
# them in postmaster.opts, quoted for sh: pg_ctl passes -o through the shell); a running
# server is restarted (-m fast). Crash recovery runs first when it was stopped -m immediate.
restart() {
    DIR=${1:-${PG_TEST_DIR:-}}
    if [ -z "$DIR" ] || [ ! -f "$DIR/.wip-pg-env" ]; then say "not a test cluster: '$DIR'"; exit 1; fi
    BIN=$(bindir)
    RUNAS=$(stat -c %U "$DIR/data" 2>/dev/null || id -un)
    if as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -m fast -w -t 60 restart >/dev/null
        return
    fi
    [ -s "$DIR/data/postmaster.opts" ] || { say "no postmaster.opts in $DIR/data"; exit 1; }
    opts=$(sed -e 's/^[^ ]* //' "$DIR/data/postmaster.opts")
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$opts" start >/dev/null
}

case "${1:-}" in
    start) start ;;
    stop) shift; stop "$@" ;;
    restart) shift; restart "$@" ;;
    *) echo "usage: $0 start | stop [DIR] | restart [DIR]" >&2; exit 2 ;;
esac
