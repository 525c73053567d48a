#!/bin/sh
# A private, throwaway CUPS scheduler for the print tests (never /etc/cups, never the
# system's cupsd): its own cups-files.conf and cupsd.conf in a mktemp -d directory,
# listening only on a unix socket in that directory, no authentication.
#   eval "$(sh tests/print/cupsd-env.sh start)"   exports CUPSD_TEST_DIR, CUPS_SERVER
#   sh tests/print/cupsd-env.sh stop [DIR]
set -eu
PATH=$PATH:/usr/sbin:/sbin
export PATH

say() { echo "cupsd-env: $*" >&2; }

alive() { # running and not a zombie (PID 1 may reap late)
    kill -0 "$1" 2>/dev/null || return 1
    case "$(ps -o stat= -p "$1" 2>/dev/null)" in Z* | "") return 1 ;; esac
}

stop() {
    DIR=${1:-${CUPSD_TEST_DIR:-}}
    if [ -z "$DIR" ] || [ ! -f "$DIR/.cupsd-env" ]; then
        say "not a cupsd-env dir: '$DIR'"
        exit 1
    fi
    if [ -s "$DIR/cupsd.pid" ]; then
        pid=$(cat "$DIR/cupsd.pid")
        if alive "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            i=0
            while alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
            if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    fi
    rm -rf "$DIR"
}

start() {
    command -v cupsd >/dev/null 2>&1 || { say "cupsd not found (apt-get install cups)"; exit 1; }
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/wip-cupsd.XXXXXX")
    chmod 755 "$DIR" # backends run as user lp and read the spool
    : >"$DIR/.cupsd-env"
    mkdir -p "$DIR/etc/ppd" "$DIR/spool/tmp" "$DIR/cache" "$DIR/state" "$DIR/log"
    trap 'set +e; say "start failed"; cat "$DIR"/log/* >&2 2>/dev/null; stop "$DIR"' EXIT
    cat >"$DIR/etc/cups-files.conf" <<CONF
ServerRoot $DIR/etc
RequestRoot $DIR/spool
TempDir $DIR/spool/tmp
CacheDir $DIR/cache
StateDir $DIR/state
AccessLog $DIR/log/access_log
ErrorLog $DIR/log/error_log
PageLog $DIR/log/page_log
Printcap $DIR/state/printcap
SystemGroup root
FatalErrors config listen
CONF
    if [ "$(id -u)" -ne 0 ]; then
        printf 'User %s\nGroup %s\n' "$(id -un)" "$(id -gn)" >>"$DIR/etc/cups-files.conf"
    fi
    cat >"$DIR/etc/cupsd.conf" <<CONF
LogLevel ${CUPSD_TEST_LOGLEVEL:-info}
Listen $DIR/cups.sock
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
DefaultEncryption Never
JobRetryInterval 1
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
    # the installed cupsd judges its own configuration first: a refusal is printed as it
    # gives it, instead of a scheduler that never answers
    if ! cupsd -t -c "$DIR/etc/cupsd.conf" -s "$DIR/etc/cups-files.conf" \
        </dev/null >"$DIR/log/cupsd-t.out" 2>&1; then
        say "cupsd refuses the configuration in $DIR/etc:"
        sed 's/^/  /' "$DIR/log/cupsd-t.out" >&2
        exit 1
    fi
    cupsd -f -c "$DIR/etc/cupsd.conf" -s "$DIR/etc/cups-files.conf" \
        </dev/null >>"$DIR/log/cupsd.out" 2>&1 &
    echo $! >"$DIR/cupsd.pid"
    i=0
    until CUPS_SERVER="$DIR/cups.sock" lpstat -r 2>/dev/null | grep -q 'is running'; do
        alive "$(cat "$DIR/cupsd.pid")" || exit 1
        i=$((i + 1))
        [ $i -lt 200 ] || exit 1 # 10 s
        sleep 0.05
    done
    trap - EXIT
    echo "export CUPSD_TEST_DIR='$DIR'"
    echo "export CUPS_SERVER='$DIR/cups.sock'"
}

case "${1:-}" in
start) start ;;
stop) shift; stop "$@" ;;
*) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
