-- wipstation migration 007: test rigs (docs/DESIGN.md, Rigs).
--
-- Every rig message a station recorded, under its key, with the reply the rig was given.
-- The row is written in the transaction that records the START or COMPLETE, so a message
-- is recorded exactly when its key is: the same key again records nothing and gets the
-- first reply again, whether the rig resent it (a lost reply), the drop folder held it
-- twice, or the station stopped between COMMIT and moving the file.
--
-- The key is the rig's msg_id ('id:' || msg_id), or, when the rig sends none, the
-- sha256 of the message's canonical form ('sha256:' || hex). A rig's own id names one
-- message for good (unique per station). A digest names a content, which a unit can
-- legitimately send again (a START after a rework is the same bytes as the first): the
-- station takes it as the same message only while the attempt it recorded is still the
-- unit's latest at that process, so those rows are not unique.
--
-- The rig's readings, limits and verdicts are stored in the attempt's JSON document
-- beside the station's own judgement ("rig" next to "measurements"), not here.

CREATE TABLE IF NOT EXISTS wip_rig_messages (
    id BIGSERIAL PRIMARY KEY,
    station_id VARCHAR(32) NOT NULL,
    msg_key VARCHAR(80) NOT NULL,
    digest CHAR(64) NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    message_type VARCHAR(10) NOT NULL CHECK (message_type IN ('START', 'COMPLETE')),
    source VARCHAR(10) NOT NULL CHECK (source IN ('TCP', 'FILE')),
    wip_item_id BIGINT NOT NULL REFERENCES wip_items(id) ON DELETE RESTRICT,
    history_id BIGINT REFERENCES wip_process_history(id) ON DELETE RESTRICT,
    process_data_id BIGINT REFERENCES process_data(id) ON DELETE RESTRICT,
    operator_id BIGINT REFERENCES users(id) ON DELETE RESTRICT,
    reply TEXT NOT NULL CHECK (length(reply) BETWEEN 2 AND 4000),
    received_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    CHECK (msg_key ~ '^(id:.+|sha256:[0-9a-f]{64})$'),
    CHECK ((history_id IS NULL) <> (process_data_id IS NULL))
);
CREATE INDEX IF NOT EXISTS idx_wip_rig_messages_key
    ON wip_rig_messages (station_id, msg_key, id DESC);
CREATE UNIQUE INDEX IF NOT EXISTS uq_wip_rig_messages_id
    ON wip_rig_messages (station_id, msg_key) WHERE msg_key LIKE 'id:%';
CREATE INDEX IF NOT EXISTS idx_wip_rig_messages_wip ON wip_rig_messages (wip_item_id);

DROP TRIGGER IF EXISTS trg_wip_rig_messages_ro ON wip_rig_messages;
CREATE TRIGGER trg_wip_rig_messages_ro BEFORE UPDATE OR DELETE ON wip_rig_messages
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();

-- What a trace shows of a rig's results, from the attempt's document: the rig's verdict,
-- the items it judged otherwise than the station (or that match no field), and the
-- readings per step ("measured_temp 25C=60.1 85C=61.4!", ! out of spec). NULL for an
-- attempt that is not a rig's.
CREATE OR REPLACE FUNCTION wip_rig_summary(d JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN d ->> 'source' = 'rig' AND jsonb_typeof(d -> 'rig' -> 'items') = 'array' THEN
        concat_ws(' ', 'rig=' || (d -> 'rig' ->> 'result'),
            (SELECT string_agg((i ->> 'code') || ':rig ' || COALESCE(i ->> 'result', '-')
                               || '/station ' || COALESCE(i ->> 'station', '-'), ' ')
               FROM jsonb_array_elements(d -> 'rig' -> 'items') i
              WHERE i ->> 'disagree' = 'true' OR i ->> 'station' = 'UNKNOWN'),
            (SELECT string_agg((i ->> 'code') || ' '
                               || (SELECT string_agg(COALESCE(r ->> 'step', '#') || '='
                                                     || (r ->> 'value')
                                                     || CASE WHEN r ->> 'station' = 'FAIL'
                                                             THEN '!' ELSE '' END, ' ')
                                     FROM jsonb_array_elements(i -> 'readings') r), ' ')
               FROM jsonb_array_elements(d -> 'rig' -> 'items') i
              WHERE jsonb_typeof(i -> 'readings') = 'array'))
    END
$$;

GRANT SELECT, INSERT ON wip_rig_messages TO wip_station;
GRANT USAGE ON SEQUENCE wip_rig_messages_id_seq TO wip_station;

-- migrate:down
DROP FUNCTION IF EXISTS wip_rig_summary(JSONB);
DROP TABLE IF EXISTS wip_rig_messages;
