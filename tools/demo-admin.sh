#!/bin/sh
# The demo's line, model, equipment, people, PINs and measurement criteria, made with
# `wipstation admin` as an administrator makes them (tools/demo.sh runs it on a new demo
# database, so every demo exercises the commands). tools/demo-master.sql makes the same
# master data in SQL for the tests, which need it in milliseconds; tests/db/demo.sh checks
# that both agree.
#   WIPSTATION=build/rel/wipstation sh tools/demo-admin.sh
# The database is the libpq environment's (PGHOST, PGDATABASE ...); the commands connect
# as wip_admin. Badges and PINs: OP-0001 1111, MG-0001 1234, AD-0001 9999.
set -eu
cd "$(dirname "$0")/.."
W=${WIPSTATION:?}
adm() { PGUSER=wip_admin "$W" admin "$@"; }

adm line add KR01 --name "Korea line 1"
adm model add PSA --name "Withforce Wearable Robot PSA"
while read -r code process name; do
    adm equipment add "$code" --process "$process" --name "$name"
done <<'LIST'
LASER-001 1 Laser marker 1
ASSY-001 2 LMA bench 1
SENSOR-001 3 Sensor tester 1
FW-001 4 Firmware jig 1
ROBOT-001 5 Robot bench 1
PERF-001 6 Performance tester 1
LABEL-001 7 Label station 1
PACK-001 8 Packing table 1
LIST
while read -r badge pin role username name; do
    adm user add "$badge" --name "$name" --role "$role" --username "$username"
    echo "$pin" | adm user pin "$badge"
done <<'LIST'
OP-0001 1111 OPERATOR kim.minsu Kim Minsu
MG-0001 1234 MANAGER lee.jiyoung Lee Jiyoung
AD-0001 9999 ADMIN park.admin Park Admin
LIST
for f in tools/demo-criteria/*.json; do
    n=$(basename "$f" .json)
    adm criteria import "$n" "$f"
done
adm setting set max_rework 3
