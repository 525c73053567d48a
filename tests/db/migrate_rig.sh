#!/bin/sh
# Migration 007 (test rigs): the table of recorded rig messages, what the station role may
# do with it (insert and read, never change or delete), its keys (a rig's id once per
# station; digests may repeat), and --down-to 6 removing it.
# Runs inside tests/run-db.sh (PGHOST/PGPORT of the throwaway cluster).
set -u
W=${WIPSTATION:?}
TAP=1
. tests/lib.sh
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
# as the station's role
qs() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "SET ROLE wip_station; $2"; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

mkdb m_rig
PGDATABASE=m_rig $W migrate >"$T/m" 2>&1
check "007 applied" grep -q 'applied 007 rig' "$T/m"
check "wip_rig_messages exists" test "$(q m_rig "SELECT to_regclass('wip_rig_messages') IS NOT NULL")" = t

# a unit and its open attempt to point at
q m_rig "INSERT INTO lots (lot_number, production_date, status) VALUES ('KR01PSA2511001', '2025-11-02', 'IN_PROGRESS');
         INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot) VALUES ('KR01PSA2511001-W0001', 1, 1);
         INSERT INTO wip_process_history (wip_item_id, process_id, started_at, station_id) VALUES (1, 1, NOW(), 'P1-T')" >/dev/null
D=$(printf '%064d' 0)
row() { # KEY [DIGEST]
    echo "INSERT INTO wip_rig_messages (station_id, msg_key, digest, message_type, source, wip_item_id, history_id, reply)
          VALUES ('P1-T', '$1', '${2:-$D}', 'START', 'TCP', 1, 1, '{\"status\":\"OK\"}')"
}
check "the station records a message under a rig's id" qs m_rig "$(row id:rig-1)"
check "the station reads it back" test "$(qs m_rig "SELECT count(*) FROM wip_rig_messages WHERE msg_key = 'id:rig-1'")" = 1
fails "a rig's id is recorded once per station" qs m_rig "$(row id:rig-1)"
check "the same id at another station is another message" \
    qs m_rig "INSERT INTO wip_rig_messages (station_id, msg_key, digest, message_type, source, wip_item_id, history_id, reply)
              VALUES ('P1-U', 'id:rig-1', '$D', 'START', 'TCP', 1, 1, '{}')"
check "a digest key may repeat (the same content after a rework)" \
    qs m_rig "$(row "sha256:$D"); $(row "sha256:$D")"
fails "the station cannot change a recorded message" qs m_rig "UPDATE wip_rig_messages SET reply = '{}'"
fails "the station cannot delete a recorded message" qs m_rig "DELETE FROM wip_rig_messages"
fails "not even the owner changes one (append-only trigger)" q m_rig "UPDATE wip_rig_messages SET reply = '{}'"
fails "a key is an id or a sha256" qs m_rig "$(row 'nonsense')"
fails "a digest is 64 hex digits" qs m_rig "$(row id:rig-2 XYZ)"
fails "a message names its attempt" \
    qs m_rig "INSERT INTO wip_rig_messages (station_id, msg_key, digest, message_type, source, wip_item_id, reply)
              VALUES ('P1-T', 'id:rig-3', '$D', 'START', 'TCP', 1, '{}')"
fails "message_type is START or COMPLETE" \
    qs m_rig "INSERT INTO wip_rig_messages (station_id, msg_key, digest, message_type, source, wip_item_id, history_id, reply)
              VALUES ('P1-T', 'id:rig-4', '$D', 'PASS', 'TCP', 1, 1, '{}')"
check "the key lookup uses its index" \
    sh -c "psql -X -At -d m_rig -c \"SET enable_seqscan = off; EXPLAIN SELECT * FROM wip_rig_messages WHERE station_id = 'P1-T' AND msg_key = 'id:x' ORDER BY id DESC LIMIT 1\" | grep -q idx_wip_rig_messages_key"

PGDATABASE=m_rig $W migrate --down-to 6 >"$T/d" 2>&1
check "down-to 6 removes 007" grep -q 'removed 007 rig' "$T/d"
check "wip_rig_messages gone" test "$(q m_rig "SELECT to_regclass('wip_rig_messages') IS NULL")" = t
check "the units stay" test "$(q m_rig "SELECT count(*) FROM wip_items")" = 1
PGDATABASE=m_rig $W migrate >"$T/m2" 2>&1
check "007 applied again" grep -q 'applied 007 rig' "$T/m2"
PGDATABASE=m_rig $W check >"$T/c" 2>&1
TOP=$(ls core/migrations/*.sql | sed 's|.*/0*||; s|_.*||' | sort -n | tail -1)
check "check: schema current at the newest version" grep -q "version $TOP" "$T/c"

echo "migrate_rig: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
