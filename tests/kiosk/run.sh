#!/bin/bash
# tests/kiosk/run.sh — the kiosk account runs the station and nothing else
# (etc/kiosk/station-shell, etc/kiosk/sshd_config). As root: a throwaway account
# (wipkiosk<pid>) whose login shell is a copy of the station shell that starts a fake
# station (it records how it was started and exits as told); a private sshd on
# 127.0.0.1 with its own host key, listening on two ports: on the first the account
# has only its login shell, on the second the Match block of etc/kiosk/sshd_config
# applies (ForceCommand, DisableForwarding, PermitTTY). Commands, scp, sftp and
# sessions without a terminal must be refused at once with one line and exit status 1,
# leaving no process of the account; a login on a terminal must start the station;
# a terminal that hangs up must end the session. The shell is also run directly on a
# pseudo-terminal (tests/kiosk/onpty.py) for its restart rules.
# Every wait is bounded; everything started here is stopped by its process id, and the
# account and the temporary directory are removed, on failure too.
#   tests/kiosk/run.sh        prints "kiosk: N passed, M failed"; exits non-zero on failure
#   STATION_SHELL=FILE        tests another version of the shell (default etc/kiosk/station-shell)
set -u
PATH=$PATH:/usr/sbin:/sbin
export PATH
cd "$(dirname "$0")/../.." || exit 1
LINE="this account only runs the wipstation station"
PY=/usr/bin/python3
# the shell reads these: the runner's own must not decide a result
unset WIPSTATION_CONFIG WIPSTATION_KIOSK SSH_ORIGINAL_COMMAND
STARTED=$(date +%s%N)

. tests/lib.sh
# a suite that cannot run fails, with its totals line for make check's count
give_up() { echo "kiosk: $*"; echo "kiosk: $pass passed, $((fail + 1)) failed"; exit 1; }

[ "$(id -u)" -eq 0 ] || give_up "must run as root (it creates a throwaway account and an sshd)"
for t in /usr/sbin/sshd ssh sftp scp ssh-keygen useradd userdel pgrep timeout "$PY"; do
    command -v "$t" >/dev/null || give_up "$t is missing (apt-get install openssh-server openssh-client passwd procps coreutils python3)"
done
[ -x /usr/lib/openssh/sftp-server ] || give_up "/usr/lib/openssh/sftp-server is missing (apt-get install openssh-sftp-server)"

T=$(mktemp -d /tmp/wip-kiosk.XXXXXX) || give_up "no temporary directory"
chmod 755 "$T"
U=wipkiosk$$
SSHD='' CLIENT='' MADE_RUN=0 USER_MADE=0

# pids_of_test: the processes of the throwaway account, and any other started from this
# directory (a station or shell run here directly) but the listening sshd
pids_of_test() {
    { pgrep -u "$U" 2>/dev/null; pgrep -f -- "$T/" 2>/dev/null; } | grep -vx -- "${SSHD:-none}" |
        sort -u | tr '\n' ' '
}
stop_pid() { # PID: TERM, then KILL after 3 s
    local i
    kill -TERM "$1" 2>/dev/null || return 0
    for ((i = 0; i < 30; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}
cleanup() {
    local p
    exec 7>&- 2>/dev/null
    [ -z "$CLIENT" ] || stop_pid "$CLIENT"
    [ -z "$SSHD" ] || stop_pid "$SSHD"
    if [ "$USER_MADE" = 1 ]; then
        p=$(pids_of_test)
        # shellcheck disable=SC2086
        [ -z "${p// /}" ] || { kill -KILL $p 2>/dev/null; sleep 0.2; }
        userdel -r "$U" >/dev/null 2>&1 || userdel "$U" >/dev/null 2>&1 ||
            echo "kiosk: could not remove the account $U"
    fi
    [ "$MADE_RUN" = 0 ] || rmdir /run/sshd 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "kiosk: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- the shell under test and the fake station ------------------------------------------
mkdir -p "$T/bin" "$T/skel"
SH=$T/bin/station-shell
FAKE=$T/bin/fake-station
SRC=${STATION_SHELL:-etc/kiosk/station-shell}
sed "s|^STATION=/usr/bin/wipstation\$|STATION=$FAKE|" "$SRC" >"$SH"
grep -qx "STATION=$FAKE" "$SH" ||
    give_up "$SRC has no line STATION=/usr/bin/wipstation to point at the fake station"
[ "$(diff "$SRC" "$SH" | grep -c '^>')" = 1 ] || give_up "the test copy differs in more than the station's path"
# The fake station: records each start (user, terminal, arguments) in calls and behaves
# as the line of modes for that start says: an exit status, or "hang": run until SIGHUP
# or SIGTERM comes or the terminal is gone, then exit 3 as a crash would (the real
# station exits 0 on those signals: a shell that restarted a crashed station would
# show here).
cat >"$FAKE" <<EOF
#!/bin/sh
D=$T
n=\$((\$(grep -c 'uid=' "\$D/calls") + 1))
mode=\$(sed -n "\${n}p" "\$D/modes"); [ -n "\$mode" ] || mode=\$(tail -n 1 "\$D/modes")
if [ "\$mode" = hang ]; then # ready for the signals before anyone sees it started
    trap 'echo "start \$n: SIGHUP" >>"\$D/calls"; exit 3' HUP
    trap 'echo "start \$n: SIGTERM" >>"\$D/calls"; exit 3' TERM
fi
tty=no; [ -t 0 ] && [ -t 1 ] && tty=yes
echo "start \$n uid=\$(id -u) tty=\$tty kiosk=\${WIPSTATION_KIOSK-unset} args=\$*" >>"\$D/calls"
echo "FAKE-STATION-RUNNING \$n"
[ "\$mode" = hang ] || exit "\$mode"
i=0
while [ \$i -lt 300 ] && [ -t 0 ]; do sleep 0.1; i=\$((i + 1)); done
# the terminal is gone: a SIGHUP the shell passes on may still be on its way (a loaded
# machine), so give it a second to arrive before calling this a lost terminal
i=0
while [ \$i -lt 10 ]; do sleep 0.1; i=\$((i + 1)); done
echo "start \$n: no terminal" >>"\$D/calls"
exit 3
EOF
chmod 755 "$SH" "$FAKE"
touch "$T/calls" "$T/modes"
chmod 666 "$T/calls"
chmod 644 "$T/modes"
# fresh MODE...: the fake station's behaviour for its next starts, no start recorded yet
fresh() { : >"$T/calls"; printf '%s\n' "$@" >"$T/modes"; }
starts() { grep -c 'uid=' "$T/calls"; }
start_line() { grep -m 1 'uid=' "$T/calls" | sed 's/^start [0-9]* //'; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# live PIDS: those of the process ids that run (not ended, not zombies waiting for a parent)
live() { local p; for p in $1; do case $(ps -o stat= -p "$p" 2>/dev/null) in Z* | "") ;; *) echo "$p" ;; esac; done; }
# no_process_left: nothing of the account or from this directory runs (waits 2 s at most)
no_process_left() {
    local i p
    for ((i = 0; i < 20; i++)); do
        p=$(pids_of_test)
        [ -z "${p// /}" ] && return 0
        sleep 0.1
    done
    echo "    still running:"; ps -o pid,user,args -p "${p// /,}" | sed 's/^/      /'
    return 1
}
# onpty NAME [onpty.py options] -- ARGV: the shell on a pseudo-terminal; NAME.out, NAME.res
onpty() { local n=$1; shift; "$PY" tests/kiosk/onpty.py "$T/$n.res" "$@" >"$T/$n.out" 2>"$T/$n.err"; }
res() { awk -v k="$2" '$1 == k { print $2 }' "$T/$1.res"; }

# ---- the shell run directly ----------------------------------------------------------------
direct() {
    echo "kiosk: the shell run directly"
    check "station-shell is valid sh" sh -n "$SRC"

    local t0 rc ms
    fresh 0
    t0=$(now_ms); "$SH" -c id </dev/null >"$T/d1.out" 2>"$T/d1.err"; rc=$?; ms=$(($(now_ms) - t0))
    check "-c id, no terminal: exit status 1" eq "$rc" 1
    check "-c id, no terminal: the one line on stderr" eq "$(cat "$T/d1.err")" "$LINE"
    check "-c id, no terminal: nothing on stdout (id did not run)" eq "$(cat "$T/d1.out")" ""
    check "-c id, no terminal: at once ($ms ms)" lt "$ms" 1000
    check "-c id, no terminal: the station was not started" eq "$(starts)" 0

    fresh 0
    "$SH" </dev/null >"$T/d2.out" 2>"$T/d2.err"; rc=$?
    check "a login without a terminal (stdin, stdout not ttys): exit status 1" eq "$rc" 1
    check "a login without a terminal: the one line on stderr" eq "$(cat "$T/d2.err")" "$LINE"
    check "a login without a terminal: the station was not started" eq "$(starts)" 0

    fresh 0
    echo | "$SH" >"$T/d3.out" 2>"$T/d3.err"; rc=$?
    check "stdin a pipe: refused (exit 1, the one line)" eq "$rc $(cat "$T/d3.err")" "1 $LINE"

    fresh 0
    onpty d4 --timeout 10 -- "$SH" -c id
    check "-c id on a terminal: refused (exit 1)" eq "$(res d4 rc)" 1
    check "-c id on a terminal: the one line is all it writes" eq "$(tr -d '\r' <"$T/d4.out")" "$LINE"
    check "-c id on a terminal: the station was not started" eq "$(starts)" 0

    fresh 0
    onpty d5 --timeout 10 -- /usr/bin/env SSH_ORIGINAL_COMMAND=id "$SH" -c "$SH"
    check "ForceCommand form with SSH_ORIGINAL_COMMAND on a terminal: refused" \
        eq "$(res d5 rc) $(tr -d '\r' <"$T/d5.out")" "1 $LINE"
    check "ForceCommand form with SSH_ORIGINAL_COMMAND: the station was not started" eq "$(starts)" 0

    fresh 0
    onpty d6 --timeout 10 -- "$SH" -l
    check "an unknown argument (-l): refused" eq "$(res d6 rc) $(tr -d '\r' <"$T/d6.out")" "1 $LINE"
    onpty d7 --timeout 10 -- "$SH" -c "$SH" extra
    check "-c with its own path and more: refused" eq "$(res d7 rc) $(tr -d '\r' <"$T/d7.out")" "1 $LINE"
    check "refused runs never started the station" eq "$(starts)" 0

    fresh 0
    onpty d8 --timeout 10 -- /usr/bin/env -u WIPSTATION_CONFIG "$SH"
    check "a login on a terminal: the station runs, exit 0 ends the session" eq "$(res d8 rc)" 0
    check "a login on a terminal: started once, on the terminal, with the default configuration" \
        eq "$(start_line)" "uid=0 tty=yes kiosk=1 args=-c /etc/wipstation/wipstation.ini"

    fresh 0
    onpty d9 --timeout 10 -- /usr/bin/env WIPSTATION_CONFIG=/etc/wipstation/p3.ini "$SH" -c "$SH"
    check "ForceCommand form (-c with its own path) on a terminal: the station runs" eq "$(res d9 rc)" 0
    check "WIPSTATION_CONFIG chooses the configuration" \
        eq "$(start_line)" "uid=0 tty=yes kiosk=1 args=-c /etc/wipstation/p3.ini"

    fresh 1 0
    onpty d10 --timeout 10 -- "$SH"
    check "a crash restarts the station (2 starts, then exit 0)" eq "$(starts) $(res d10 rc)" "2 0"
    check "... after 2 s ($(res d10 ms) ms in all)" ge "$(res d10 ms)" 2000
    check "... and not much later" lt "$(res d10 ms)" 4000

    fresh 2
    onpty d11 --timeout 10 --hangup-on "call the administrator" --hangup-after 2.5 -- "$SH"
    check "a configuration error is shown" \
        grep -qF "wipstation: configuration error in /etc/wipstation/wipstation.ini - call the administrator" "$T/d11.out"
    check "... and stays (no restart within 2.5 s)" eq "$(starts)" 1
    check "... a hangup then ends the session at once ($(res d11 hangup_ms) ms)" lt "$(res d11 hangup_ms)" 1000
    check "... with no process left" no_process_left

    fresh hang
    onpty d12 --timeout 10 --hangup-on "FAKE-STATION-RUNNING 1" -- "$SH"
    check "the terminal hangs up under the station: the station gets SIGHUP" grep -q "start 1: SIGHUP" "$T/calls"
    check "... it is not restarted" eq "$(starts)" 1
    check "... the session ends at once ($(res d12 hangup_ms) ms, exit $(res d12 rc))" lt "$(res d12 hangup_ms)" 1000
    check "... with no process left" no_process_left

    fresh hang
    onpty d14 --timeout 10 --term-on "FAKE-STATION-RUNNING 1" -- "$SH"
    check "SIGTERM to the shell: passed on to the station" grep -q "start 1: SIGTERM" "$T/calls"
    check "... it is not restarted" eq "$(starts)" 1
    check "... the session ends at once ($(res d14 term_ms) ms, exit $(res d14 rc))" lt "$(res d14 term_ms)" 1000
    check "... with no process left" no_process_left

    fresh hang
    onpty d13 --timeout 15 --hup-ignored --hangup-on "FAKE-STATION-RUNNING 1" -- "$SH"
    check "SIGHUP ignored from the start, the terminal hangs up: the station ends (terminal gone)" \
        grep -q "start 1: no terminal" "$T/calls"
    check "... it is not restarted into the dead terminal" eq "$(starts)" 1
    check "... the session ends after the crash pause ($(res d13 hangup_ms) ms after the hangup)" \
        lt "$(res d13 hangup_ms)" 4000
    check "... with no process left" no_process_left
}

# ---- sshd ------------------------------------------------------------------------------------
free_ports() {
    "$PY" -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))'
}
SSH_OPTS=()
start_sshd() {
    local try i
    useradd -M -d "$T/home" -s "$SH" -p '*' "$U" || give_up "useradd $U failed"
    USER_MADE=1
    mkdir -p "$T/home"; chown "$U:" "$T/home"
    ssh-keygen -q -t ed25519 -N '' -C kiosk-host -f "$T/hostkey" || give_up "ssh-keygen failed"
    ssh-keygen -q -t ed25519 -N '' -C kiosk-client -f "$T/id" || give_up "ssh-keygen failed"
    cp "$T/id.pub" "$T/authorized_keys"; chmod 644 "$T/authorized_keys"
    if [ ! -d /run/sshd ]; then mkdir -m 755 /run/sshd && MADE_RUN=1; fi
    for ((try = 0; try < 3; try++)); do
        read -r P1 P2 < <(free_ports)
        # the repo's Match block, for this account on the second port and this shell
        sed -e "s|^Match User station\*\$|Match User $U LocalPort $P2|" \
            -e "s|/usr/libexec/wipstation/station-shell|$SH|g" etc/kiosk/sshd_config >"$T/match.conf"
        grep -q "^Match User $U LocalPort $P2\$" "$T/match.conf" ||
            give_up "etc/kiosk/sshd_config has no 'Match User station*' line"
        {
            echo "Port $P1"
            echo "Port $P2"
            echo "ListenAddress 127.0.0.1"
            echo "HostKey $T/hostkey"
            echo "PidFile $T/sshd.pid"
            echo "AuthorizedKeysFile $T/authorized_keys"
            echo "AllowUsers $U"
            echo "StrictModes no"
            echo "UsePAM no"
            echo "PasswordAuthentication no"
            echo "KbdInteractiveAuthentication no"
            echo "PubkeyAuthentication yes"
            # sshd serves internal-sftp itself, without the login shell: ForceCommand
            # must catch it
            echo "Subsystem sftp internal-sftp"
            echo "LogLevel VERBOSE"
            cat "$T/match.conf"
        } >"$T/sshd_config"
        /usr/sbin/sshd -t -f "$T/sshd_config" 2>"$T/sshd-t.err" ||
            give_up "sshd refuses the configuration: $(cat "$T/sshd-t.err")"
        : >"$T/sshd.log"
        /usr/sbin/sshd -D -f "$T/sshd_config" -E "$T/sshd.log" &
        SSHD=$!
        for ((i = 0; i < 50; i++)); do
            [ "$(grep -c "Server listening on 127.0.0.1 port" "$T/sshd.log")" = 2 ] && break
            kill -0 "$SSHD" 2>/dev/null || break
            sleep 0.1
        done
        if [ "$(grep -c "Server listening on 127.0.0.1 port" "$T/sshd.log")" = 2 ] && kill -0 "$SSHD" 2>/dev/null; then
            break
        fi
        stop_pid "$SSHD"; SSHD=''
    done
    [ -n "$SSHD" ] || give_up "sshd did not start: $(tail -n 3 "$T/sshd.log")"
    for p in "$P1" "$P2"; do echo "[127.0.0.1]:$p $(cut -d' ' -f1,2 "$T/hostkey.pub")"; done >"$T/known_hosts"
    SSH_OPTS=(-F /dev/null -i "$T/id" -o IdentitiesOnly=yes -o BatchMode=yes
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$T/known_hosts"
        -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR
        -o ControlPath=none -o EscapeChar=none)
}

# refused NAME KIND CMD...: a connection that must be refused at once
#   KIND ssh: stderr is exactly the line and the exit status 1; other: the line once in
#   what the client shows (a terminal carries stderr on stdout) among its own messages,
#   and a non-zero exit status; subsystem: a non-zero exit status (sshd throws away what
#   a subsystem writes on stderr, so the line cannot reach the client)
refused() {
    local name=$1 kind=$2 t0 rc ms n
    shift 2
    fresh 0
    t0=$(now_ms)
    timeout 10 "$@" </dev/null >"$T/c.out" 2>"$T/c.err"; rc=$?
    ms=$(($(now_ms) - t0))
    if [ "$kind" = ssh ]; then
        check "$name: exit status 1" eq "$rc" 1
        check "$name: the one line on stderr" eq "$(tr -d '\r' <"$T/c.err")" "$LINE"
        check "$name: nothing else ran (stdout empty)" eq "$(cat "$T/c.out")" ""
    elif [ "$kind" = subsystem ]; then
        check "$name: fails (exit status $rc)" ge "$rc" 1
    else
        check "$name: fails (exit status $rc)" ge "$rc" 1
        n=$(cat "$T/c.out" "$T/c.err" | tr -d '\r' | grep -cxF "$LINE")
        check "$name: the line, once" eq "$n" 1 || cat "$T/c.out" "$T/c.err" | sed 's/^/      /'
        check "$name: nothing else ran (stdout empty or the line)" \
            eq "$(tr -d '\r' <"$T/c.out" | grep -vxF "$LINE")" ""
    fi
    check "$name: ended within 1 s ($ms ms)" lt "$ms" 1000
    check "$name: the station was not started" eq "$(starts)" 0
    check "$name: no process of $U left" no_process_left
}

# station PORT NAME: an interactive login on a terminal starts the station as the account
station() {
    local rc uid
    uid=$(id -u "$U")
    fresh 0
    timeout 10 ssh "${SSH_OPTS[@]}" -tt -p "$1" "$U@127.0.0.1" </dev/null >"$T/s.out" 2>"$T/s.err"; rc=$?
    check "$2: ssh -tt starts the station; its exit 0 ends the session" eq "$rc" 0
    check "$2: the station ran once, as $U, on the terminal, with the default configuration" \
        eq "$(starts) $(start_line)" "1 uid=$uid tty=yes kiosk=1 args=-c /etc/wipstation/wipstation.ini"
    check "$2: its screen reached the client" grep -q "FAKE-STATION-RUNNING 1" "$T/s.out"
    check "$2: no process of $U left" no_process_left
}

over_ssh() {
    local out rc t0 ms i p
    echo "kiosk: over SSH (sshd $(/usr/sbin/sshd -V 2>&1 | head -n 1 | cut -d, -f1), ports $P1 and $P2)"
    out=$(/usr/sbin/sshd -T -f "$T/sshd_config" -C "user=$U,host=localhost,addr=127.0.0.1,lport=$P2" 2>&1)
    check "etc/kiosk/sshd_config applies: ForceCommand the station shell" grep -qx "forcecommand $SH" <<<"$out"
    check "etc/kiosk/sshd_config applies: DisableForwarding yes" grep -qx "disableforwarding yes" <<<"$out"
    check "etc/kiosk/sshd_config applies: PermitTTY yes" grep -qx "permittty yes" <<<"$out"

    local S1=(ssh "${SSH_OPTS[@]}" -p "$P1" "$U@127.0.0.1")
    local S2=(ssh "${SSH_OPTS[@]}" -p "$P2" "$U@127.0.0.1")
    echo "kiosk: login shell only (sshd runs it as 'station-shell -c COMMAND')"
    refused "ssh user@host id" ssh "${S1[@]}" id
    refused "ssh -T (no terminal, no command)" ssh ssh "${SSH_OPTS[@]}" -T -p "$P1" "$U@127.0.0.1"
    refused "ssh -tt user@host id (a command on a terminal)" other \
        ssh "${SSH_OPTS[@]}" -tt -p "$P1" "$U@127.0.0.1" id
    refused "scp -O (scp protocol)" other \
        scp -O "${SSH_OPTS[@]}" -P "$P1" "$U@127.0.0.1:/etc/hostname" "$T/copied1"
    check "scp -O: nothing was copied" test ! -e "$T/copied1"
    echo "get /etc/hostname $T/copied3" >"$T/batch3"
    refused "sftp -s /usr/lib/openssh/sftp-server (a command)" other \
        sftp -b "$T/batch3" -s /usr/lib/openssh/sftp-server "${SSH_OPTS[@]}" -P "$P1" "$U@127.0.0.1"
    check "sftp -s: nothing was copied" test ! -e "$T/copied3"
    station "$P1" "login shell only"

    echo "kiosk: with etc/kiosk/sshd_config (ForceCommand: SSH_ORIGINAL_COMMAND)"
    refused "ssh user@host id" ssh "${S2[@]}" id
    refused "ssh -T (no terminal, no command)" ssh ssh "${SSH_OPTS[@]}" -T -p "$P2" "$U@127.0.0.1"
    refused "ssh -tt user@host id (a command on a terminal)" other \
        ssh "${SSH_OPTS[@]}" -tt -p "$P2" "$U@127.0.0.1" id
    echo "get /etc/hostname $T/copied4" >"$T/batch4"
    refused "sftp (internal-sftp subsystem)" subsystem \
        sftp -b "$T/batch4" "${SSH_OPTS[@]}" -P "$P2" "$U@127.0.0.1"
    check "sftp: nothing was copied" test ! -e "$T/copied4"
    refused "scp (over sftp)" subsystem \
        scp "${SSH_OPTS[@]}" -P "$P2" "$U@127.0.0.1:/etc/hostname" "$T/copied2"
    check "scp: nothing was copied" test ! -e "$T/copied2"
    station "$P2" "with the example"

    # forwarding: -W (what ProxyJump uses) opens a direct-tcpip channel; -R asks the server
    # to listen. Both must be refused, the session never opened (-N).
    fresh 0
    t0=$(now_ms)
    timeout 10 ssh "${SSH_OPTS[@]}" -W "127.0.0.1:$P1" -p "$P2" "$U@127.0.0.1" </dev/null >"$T/w.out" 2>"$T/w.err"; rc=$?
    ms=$(($(now_ms) - t0))
    check "ssh -W (jump through the station): refused (exit $rc, $ms ms)" eq "$rc" 255
    check "ssh -W: stdio forwarding failed" grep -q "stdio forwarding failed" "$T/w.err"
    check "ssh -W: no SSH banner came through" eq "$(grep -c SSH- "$T/w.out")" 0
    t0=$(now_ms)
    timeout 10 ssh "${SSH_OPTS[@]}" -N -o ExitOnForwardFailure=yes -R "127.0.0.1:0:127.0.0.1:$P1" \
        -p "$P2" "$U@127.0.0.1" </dev/null >"$T/r.out" 2>"$T/r.err"; rc=$?
    ms=$(($(now_ms) - t0))
    check "ssh -R (listen on the station host): refused (exit $rc, $ms ms)" eq "$rc" 255
    check "ssh -R: forwarding failed" grep -qi "forwarding failed" "$T/r.err"
    check "forwarding attempts: no process of $U left" no_process_left

    # a session whose client vanishes: sshd closes the terminal, the station gets SIGHUP
    echo "kiosk: the client of a station session is killed"
    fresh hang
    rm -f "$T/in"; mkfifo "$T/in"; exec 7<>"$T/in"
    ssh "${SSH_OPTS[@]}" -tt -p "$P2" "$U@127.0.0.1" <"$T/in" >"$T/h.out" 2>&1 &
    CLIENT=$!
    for ((i = 0; i < 50; i++)); do [ "$(starts)" = 1 ] && break; sleep 0.1; done
    check "the station runs in the session" eq "$(starts)" 1
    kill -KILL "$CLIENT"; wait "$CLIENT" 2>/dev/null; CLIENT=''
    exec 7>&-
    t0=$(now_ms)
    for ((i = 0; i < 50; i++)); do [ -z "$(live "$(pgrep -u "$U")")" ] && break; sleep 0.05; done
    ms=$(($(now_ms) - t0))
    check "the station and its shell ended within 1 s of the client's death ($ms ms)" lt "$ms" 1000
    # the ended shell stays a zombie until its sshd reaps it, which sshd does by itself
    for ((i = 0; i < 50; i++)); do [ -z "$(pgrep -u "$U")" ] && break; sleep 0.1; done
    ms=$(($(now_ms) - t0))
    check "sshd reaped the session within 5 s ($ms ms)" lt "$ms" 5000
    check "the station got SIGHUP" grep -q "start 1: SIGHUP" "$T/calls"
    check "the station was not restarted" eq "$(starts)" 1
}

echo "kiosk: station shell $SRC, account $U"
direct
start_sshd
over_ssh
check "nothing of the test left running" no_process_left
echo "kiosk: $pass passed, $fail failed ($((($(date +%s%N) - STARTED) / 1000000000)) s)"
[ "$fail" -eq 0 ]
