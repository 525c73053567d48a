-- wipstation migration 003: what the station adds (docs/DESIGN.md, Data model): station ids on
-- attempts, dispositions, print jobs, the audit log, settings, badge lockout, the
-- append-only rules, change notifications and the station's database role.

CREATE TABLE IF NOT EXISTS wip_settings (
    key VARCHAR(50) PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
INSERT INTO wip_settings (key, value) VALUES ('max_rework', '3') ON CONFLICT DO NOTHING;

ALTER TABLE wip_process_history ADD COLUMN IF NOT EXISTS station_id VARCHAR(32);
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS station_id VARCHAR(32);
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS is_rework BOOLEAN DEFAULT FALSE NOT NULL;
-- one open serial attempt per serial, for the rows a station writes (legacy rows have
-- no station id and may hold the old system's duplicates)
CREATE UNIQUE INDEX IF NOT EXISTS uq_process_data_one_open ON process_data (serial_id)
    WHERE complete_time IS NULL AND station_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_process_data_station_open ON process_data (serial_id, process_id)
    WHERE station_id IS NOT NULL;

-- Rework / scrap decisions after a FAIL: exactly one per failed attempt.
CREATE TABLE IF NOT EXISTS wip_dispositions (
    id BIGSERIAL PRIMARY KEY,
    wip_item_id BIGINT NOT NULL REFERENCES wip_items(id) ON DELETE RESTRICT,
    serial_id BIGINT REFERENCES serials(id) ON DELETE RESTRICT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE RESTRICT,
    history_id BIGINT UNIQUE REFERENCES wip_process_history(id) ON DELETE RESTRICT,
    process_data_id BIGINT UNIQUE REFERENCES process_data(id) ON DELETE RESTRICT,
    decision VARCHAR(10) NOT NULL CHECK (decision IN ('REWORK', 'SCRAP')),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    decided_by BIGINT NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
    station_id VARCHAR(32) NOT NULL,
    decided_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    CHECK ((history_id IS NULL) <> (process_data_id IS NULL))
);
CREATE INDEX IF NOT EXISTS idx_wip_dispositions_wip ON wip_dispositions (wip_item_id);

-- Every print attempt.
CREATE TABLE IF NOT EXISTS wip_print_jobs (
    id BIGSERIAL PRIMARY KEY,
    label_type VARCHAR(20) NOT NULL CHECK (label_type IN ('WIP', 'SERIAL', 'LOT', 'COMMANDS', 'TEST')),
    wip_item_id BIGINT REFERENCES wip_items(id) ON DELETE RESTRICT,
    serial_id BIGINT REFERENCES serials(id) ON DELETE RESTRICT,
    lot_id BIGINT REFERENCES lots(id) ON DELETE RESTRICT,
    label_id VARCHAR(50),
    queue VARCHAR(128) NOT NULL,
    cups_job_id INTEGER,
    state VARCHAR(20) DEFAULT 'SUBMITTING' NOT NULL
        CHECK (state IN ('SUBMITTING', 'PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'ABORTED', 'CANCELED', 'STOPPED', 'TIMEOUT')),
    error_text TEXT,
    is_reprint BOOLEAN DEFAULT FALSE NOT NULL,
    reprint_count INTEGER DEFAULT 0 NOT NULL,
    reprint_reason TEXT,
    operator_id BIGINT REFERENCES users(id) ON DELETE RESTRICT,
    station_id VARCHAR(32) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    CHECK (NOT is_reprint OR (reprint_reason IS NOT NULL AND length(reprint_reason) > 0))
);
CREATE INDEX IF NOT EXISTS idx_wip_print_jobs_wip ON wip_print_jobs (wip_item_id);
CREATE INDEX IF NOT EXISTS idx_wip_print_jobs_serial ON wip_print_jobs (serial_id);

-- Append-only audit log.
CREATE TABLE IF NOT EXISTS wip_audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE RESTRICT,
    actor_badge VARCHAR(32),
    station_id VARCHAR(32),
    action VARCHAR(40) NOT NULL,
    entity VARCHAR(40),
    entity_key VARCHAR(60),
    detail JSONB
);
CREATE INDEX IF NOT EXISTS idx_wip_audit_at ON wip_audit_log (at);

-- Badge lockout state (kept out of users: the station never reads password hashes).
CREATE TABLE IF NOT EXISTS wip_login_state (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    failed_count INTEGER DEFAULT 0 NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    last_failed_at TIMESTAMP WITH TIME ZONE
);

-- Append-only: completed history, dispositions and audit rows never change; print
-- jobs change only until they reach a final state.
CREATE OR REPLACE FUNCTION wip_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'WS001';
END $$;

CREATE OR REPLACE FUNCTION wip_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.completed_at IS NOT NULL THEN
        RAISE EXCEPTION 'completed attempt % cannot be changed', OLD.id USING ERRCODE = 'WS001';
    END IF;
    IF NEW.wip_item_id <> OLD.wip_item_id OR NEW.process_id <> OLD.process_id
       OR NEW.started_at <> OLD.started_at OR NEW.is_rework <> OLD.is_rework THEN
        RAISE EXCEPTION 'an open attempt can only be completed' USING ERRCODE = 'WS001';
    END IF;
    NEW.updated_at := NOW();
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION wip_process_data_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.station_id IS NOT NULL AND OLD.complete_time IS NOT NULL THEN
        RAISE EXCEPTION 'completed attempt % cannot be changed', OLD.id USING ERRCODE = 'WS001';
    END IF;
    NEW.updated_at := NOW();
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION wip_print_job_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state IN ('COMPLETED', 'FAILED', 'ABORTED', 'CANCELED', 'TIMEOUT') THEN
        RAISE EXCEPTION 'print job % is final', OLD.id USING ERRCODE = 'WS001';
    END IF;
    IF NEW.label_type <> OLD.label_type OR NEW.queue <> OLD.queue
       OR NEW.is_reprint <> OLD.is_reprint OR NEW.station_id <> OLD.station_id THEN
        RAISE EXCEPTION 'only the state of a print job can change' USING ERRCODE = 'WS001';
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS trg_wip_history_guard ON wip_process_history;
CREATE TRIGGER trg_wip_history_guard BEFORE UPDATE ON wip_process_history
    FOR EACH ROW EXECUTE FUNCTION wip_history_guard();
DROP TRIGGER IF EXISTS trg_process_data_guard ON process_data;
CREATE TRIGGER trg_process_data_guard BEFORE UPDATE ON process_data
    FOR EACH ROW EXECUTE FUNCTION wip_process_data_guard();
DROP TRIGGER IF EXISTS trg_wip_dispositions_ro ON wip_dispositions;
CREATE TRIGGER trg_wip_dispositions_ro BEFORE UPDATE OR DELETE ON wip_dispositions
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();
DROP TRIGGER IF EXISTS trg_wip_audit_ro ON wip_audit_log;
CREATE TRIGGER trg_wip_audit_ro BEFORE UPDATE OR DELETE ON wip_audit_log
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();
DROP TRIGGER IF EXISTS trg_wip_print_job_guard ON wip_print_jobs;
CREATE TRIGGER trg_wip_print_job_guard BEFORE UPDATE ON wip_print_jobs
    FOR EACH ROW EXECUTE FUNCTION wip_print_job_guard();
DROP TRIGGER IF EXISTS trg_wip_print_job_ro ON wip_print_jobs;
CREATE TRIGGER trg_wip_print_job_ro BEFORE DELETE ON wip_print_jobs
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();

-- Change notifications for line boards and the unit on screen: payload "lot_id wip_id".
CREATE OR REPLACE FUNCTION wip_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_lot BIGINT;
    v_wip VARCHAR(50);
BEGIN
    IF TG_TABLE_NAME = 'wip_items' THEN
        v_lot := NEW.lot_id; v_wip := NEW.wip_id;
    ELSIF TG_TABLE_NAME = 'wip_process_history' THEN
        SELECT lot_id, wip_id INTO v_lot, v_wip FROM wip_items WHERE id = NEW.wip_item_id;
    ELSE
        v_lot := NEW.lot_id; v_wip := '';
    END IF;
    PERFORM pg_notify('wip_events', COALESCE(v_lot, 0)::text || ' ' || COALESCE(v_wip, ''));
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS trg_wip_items_notify ON wip_items;
CREATE TRIGGER trg_wip_items_notify AFTER INSERT OR UPDATE ON wip_items
    FOR EACH ROW EXECUTE FUNCTION wip_notify_change();
DROP TRIGGER IF EXISTS trg_wip_history_notify ON wip_process_history;
CREATE TRIGGER trg_wip_history_notify AFTER INSERT OR UPDATE ON wip_process_history
    FOR EACH ROW EXECUTE FUNCTION wip_notify_change();
DROP TRIGGER IF EXISTS trg_process_data_notify ON process_data;
CREATE TRIGGER trg_process_data_notify AFTER INSERT OR UPDATE ON process_data
    FOR EACH ROW WHEN (NEW.station_id IS NOT NULL) EXECUTE FUNCTION wip_notify_change();

-- Login without reading password hashes. The station asks for the hash *setting*
-- (algorithm and salt), computes crypt(pin, setting) itself, and hands the result to
-- wip_login(), which compares, counts failures, locks and audits.
CREATE OR REPLACE FUNCTION wip_auth_setting(p_badge TEXT)
RETURNS TABLE (setting TEXT, locked_until TIMESTAMPTZ)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_hash TEXT;
    v_user BIGINT;
BEGIN
    SELECT u.id, u.password_hash INTO v_user, v_hash
      FROM users u WHERE upper(u.badge_code) = upper(p_badge) AND u.is_active;
    IF v_user IS NULL THEN
        RETURN;
    END IF;
    setting := CASE
        WHEN v_hash IS NULL THEN NULL
        WHEN v_hash ~ '^\$2[abyx]\$[0-9]{2}\$' THEN substr(v_hash, 1, 29)
        WHEN v_hash LIKE '$%$%$%' THEN regexp_replace(v_hash, '\$[^$]*$', '')
        ELSE NULL END;
    SELECT s.locked_until INTO locked_until FROM wip_login_state s
     WHERE s.user_id = v_user AND s.locked_until > NOW();
    RETURN NEXT;
END $$;

CREATE OR REPLACE FUNCTION wip_login(p_badge TEXT, p_computed TEXT, p_station TEXT, p_pin_required BOOLEAN)
RETURNS TABLE (outcome TEXT, user_id BIGINT, username TEXT, full_name TEXT, role TEXT,
               failed_count INTEGER, locked_until TIMESTAMPTZ)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u RECORD;
    s RECORD;
    v_ok BOOLEAN;
    v_need BOOLEAN;
BEGIN
    SELECT x.id, x.username, x.full_name, x.role, x.password_hash INTO u
      FROM users x WHERE upper(x.badge_code) = upper(p_badge) AND x.is_active;
    IF u.id IS NULL THEN
        INSERT INTO wip_audit_log (actor_badge, station_id, action, detail)
        VALUES (left(p_badge, 32), p_station, 'LOGIN_UNKNOWN_BADGE', NULL);
        outcome := 'UNKNOWN';
        RETURN NEXT;
        RETURN;
    END IF;
    user_id := u.id; username := u.username; full_name := u.full_name; role := u.role;
    INSERT INTO wip_login_state (user_id) VALUES (u.id) ON CONFLICT DO NOTHING;
    SELECT * INTO s FROM wip_login_state ls WHERE ls.user_id = u.id FOR UPDATE;
    IF s.locked_until IS NOT NULL AND s.locked_until > NOW() THEN
        INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action)
        VALUES (u.id, left(p_badge, 32), p_station, 'LOGIN_LOCKED');
        outcome := 'LOCKED'; failed_count := s.failed_count; locked_until := s.locked_until;
        RETURN NEXT;
        RETURN;
    END IF;
    v_need := p_pin_required OR u.role IN ('ADMIN', 'MANAGER');
    IF v_need THEN
        v_ok := u.password_hash IS NOT NULL AND p_computed IS NOT NULL
                AND length(p_computed) = length(u.password_hash) AND p_computed = u.password_hash;
    ELSE
        v_ok := TRUE;
    END IF;
    IF v_ok THEN
        UPDATE wip_login_state ls SET failed_count = 0, locked_until = NULL WHERE ls.user_id = u.id;
        INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, detail)
        VALUES (u.id, left(p_badge, 32), p_station, 'LOGIN', jsonb_build_object('pin', v_need));
        outcome := 'OK'; failed_count := 0;
    ELSE
        UPDATE wip_login_state ls
           SET failed_count = CASE WHEN ls.locked_until IS NOT NULL THEN 1 ELSE ls.failed_count + 1 END,
               last_failed_at = NOW(),
               locked_until = CASE WHEN (CASE WHEN ls.locked_until IS NOT NULL THEN 1 ELSE ls.failed_count + 1 END) >= 5
                                   THEN NOW() + INTERVAL '10 minutes' ELSE NULL END
         WHERE ls.user_id = u.id
        RETURNING ls.failed_count, ls.locked_until INTO failed_count, locked_until;
        INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, detail)
        VALUES (u.id, left(p_badge, 32), p_station,
                CASE WHEN locked_until IS NOT NULL THEN 'LOGIN_LOCKOUT' ELSE 'LOGIN_FAILED' END,
                jsonb_build_object('failed_count', failed_count));
        outcome := CASE WHEN locked_until IS NOT NULL THEN 'LOCKED' ELSE 'BAD_PIN' END;
    END IF;
    RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION wip_auth_setting(TEXT) FROM PUBLIC;
REVOKE ALL ON FUNCTION wip_login(TEXT, TEXT, TEXT, BOOLEAN) FROM PUBLIC;

-- The station's database role: what a station does and nothing else.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wip_station') THEN
        CREATE ROLE wip_station LOGIN;
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO wip_station;
GRANT SELECT ON production_lines, product_models, processes, equipment, wip_settings TO wip_station;
GRANT SELECT (id, username, full_name, role, badge_code, is_active) ON users TO wip_station;
GRANT SELECT, INSERT ON lots, serials, wip_items, wip_process_history, process_data,
    wip_dispositions, wip_print_jobs, wip_audit_log TO wip_station;
GRANT UPDATE (status, updated_at, closed_at, actual_quantity, passed_quantity, failed_quantity) ON lots TO wip_station;
GRANT UPDATE (status, rework_count, failure_reason, updated_at, completed_at) ON serials TO wip_station;
GRANT UPDATE (status, current_process_id, serial_id, updated_at, converted_at) ON wip_items TO wip_station;
GRANT UPDATE (completed_at, result, process_data, updated_at) ON wip_process_history TO wip_station;
GRANT UPDATE (complete_time, result, process_specific_data, updated_at) ON process_data TO wip_station;
GRANT UPDATE (state, cups_job_id, error_text, finished_at) ON wip_print_jobs TO wip_station;
GRANT USAGE ON SEQUENCE lots_id_seq, serials_id_seq, wip_items_id_seq, wip_process_history_id_seq,
    process_data_id_seq, wip_dispositions_id_seq, wip_print_jobs_id_seq, wip_audit_log_id_seq TO wip_station;
GRANT EXECUTE ON FUNCTION wip_auth_setting(TEXT), wip_login(TEXT, TEXT, TEXT, BOOLEAN) TO wip_station;

-- migrate:down
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM wip_station;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM wip_station;
REVOKE ALL ON SCHEMA public FROM wip_station;
DROP FUNCTION IF EXISTS wip_login(TEXT, TEXT, TEXT, BOOLEAN);
DROP FUNCTION IF EXISTS wip_auth_setting(TEXT);
DROP TRIGGER IF EXISTS trg_wip_items_notify ON wip_items;
DROP TRIGGER IF EXISTS trg_wip_history_notify ON wip_process_history;
DROP TRIGGER IF EXISTS trg_process_data_notify ON process_data;
DROP FUNCTION IF EXISTS wip_notify_change();
DROP TRIGGER IF EXISTS trg_wip_history_guard ON wip_process_history;
DROP TRIGGER IF EXISTS trg_process_data_guard ON process_data;
DROP FUNCTION IF EXISTS wip_history_guard();
DROP FUNCTION IF EXISTS wip_process_data_guard();
DROP TABLE IF EXISTS wip_login_state;
DROP TABLE IF EXISTS wip_audit_log;
DROP TABLE IF EXISTS wip_print_jobs;
DROP TABLE IF EXISTS wip_dispositions;
DROP FUNCTION IF EXISTS wip_print_job_guard();
DROP FUNCTION IF EXISTS wip_forbid_change();
DROP INDEX IF EXISTS idx_process_data_station_open;
DROP INDEX IF EXISTS uq_process_data_one_open;
ALTER TABLE process_data DROP COLUMN IF EXISTS is_rework;
ALTER TABLE process_data DROP COLUMN IF EXISTS station_id;
ALTER TABLE wip_process_history DROP COLUMN IF EXISTS station_id;
DROP TABLE IF EXISTS wip_settings;
