#!/bin/sh
# The README and the man pages agree with the program: every command and option
# they show exists (wipstation --help), every option of --help is documented, and
# every configuration key documented in wipstation.ini(5) or shown in the sample
# configuration is accepted by the loader (and the other way round).
set -u
cd "$(dirname "$0")/.."
W=${WIPSTATION:?}
pass=0; fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "check-docs: $1"; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
$W --help >"$T/help" || no "--help failed"

opts() { grep -o -- '--[a-z][a-z-]*' "$@" | sed 's/^.*:--/--/' | sort -u; }
# man pages use \- for -
sed 's/\\-/-/g' man/wipstation.1 >"$T/man1"
opts README.md >"$T/o_readme"
opts "$T/man1" >"$T/o_man"
opts "$T/help" >"$T/o_help"
for o in $(cat "$T/o_readme" "$T/o_man" | sort -u); do
    grep -qx -- "$o" "$T/o_help" && ok || no "$o is documented but not in wipstation --help"
done
for o in $(cat "$T/o_help"); do
    grep -qx -- "$o" "$T/o_man" && ok || no "$o (wipstation --help) is missing from wipstation(1)"
done
cmds() { grep -hoE '(^|`|^\.B )wipstation [a-z][a-z-]+' "$@" | awk '{print $NF}' | sort -u; }
# README: commands in code blocks and in `backticks` only (not prose)
awk '/^```/{f=!f; next} f' README.md >"$T/readme_code"
grep -o '`wipstation [^`]*`' README.md | tr -d '`' >>"$T/readme_code"
for c in $(cmds "$T/readme_code" "$T/man1"); do
    grep -qE "wipstation $c( |$)" "$T/help" && ok || no "command '$c' is documented but not in --help"
done
for c in $(cmds "$T/help"); do
    grep -q "B wipstation $c" "$T/man1" && ok || no "command '$c' (--help) is missing from wipstation(1) SYNOPSIS"
done

# configuration keys: wipstation.ini(5) <-> the loader <-> the sample file
awk '/^\.SH \[/{s=$2} /^\.TP/{getline; if ($1 == ".B" || $1 == ".BR") print s, $0}' man/wipstation.ini.5 |
    sed 's/\\-/-/g; s/"//g' | while read -r sec macro rest; do
        for k in $(echo "$rest" | tr ',' ' '); do echo "$sec $k"; done
    done | grep -v ' [(]' | sort -u >"$T/keys"
[ -s "$T/keys" ] || no "no keys found in wipstation.ini(5)"
sample() {
    case $1 in
        process|idle_logout_min|repeat_window_ms|max_length|wait_s|timeout_s|max_connections) echo 9 ;;
        dpi) echo 203 ;; max_frame) echo 65536 ;; confirm_s) echo 60 ;; listen) echo 127.0.0.1:9000 ;;
        spool) echo /tmp ;; allow) echo 127.0.0.2 ;;
        pin_for_operators|strip_aim|quit_at_login|auto_complete) echo no ;; language|colour) echo auto ;; suffix) echo enter ;;
        bitmap_font) echo /usr/share/fonts/truetype/nanum/NanumGothic.ttf ;; font) echo E:NANUMGOTHIC.TTF ;;
        wip_template) echo wip-dm ;;
        *) echo x ;;
    esac
}
while read -r sec key; do
    printf '%s\n%s = %s\n' "$sec" "$key" "$(sample "$key")" >"$T/k.ini"
    PGHOST=/nonexistent PGCONNECT_TIMEOUT=1 $W check -c "$T/k.ini" >"$T/k.out" 2>&1
    [ $? -ne 2 ] && ok || no "documented key $sec $key is refused: $(cat "$T/k.out")"
done <"$T/keys"
grep -E '^[;]? ?[a-z_]+ =' etc/wipstation.ini | sed 's/^; *//; s/ =.*//' | sort -u >"$T/sample_keys"
for k in $(cat "$T/sample_keys"); do
    grep -q " $k\$" "$T/keys" && ok || no "key '$k' of etc/wipstation.ini is not in wipstation.ini(5)"
done
printf '[station]\nno_such_key = 1\n' >"$T/bad.ini"
$W check -c "$T/bad.ini" >/dev/null 2>&1
[ $? -eq 2 ] && ok || no "an unknown key is not refused"

echo "check-docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
