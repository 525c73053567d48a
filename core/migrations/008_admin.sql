-- wipstation migration 008: administration without SQL (`wipstation admin`, man
-- wipstation-admin) and an ADMIN's unlock and new PIN at a station.
--
-- Administrators connect as wip_admin (or a role granted it). That role reads the master
-- data and writes nothing directly: every change goes through a SECURITY DEFINER function
-- below that validates its input and writes an audit row (the database role, the
-- operating-system user the command names in the session setting wipstation.os_user, the
-- old and the new value). Refusals of input are SQLSTATE WA001 (malformed), WA002 (no
-- such thing) and WA003 (already exists, or changed meanwhile), with a message that names
-- what is wrong and where. The station role may call two of these functions only: an
-- ADMIN's unlock and new PIN at a station, each checking the ADMIN's badge and PIN in the
-- same call.
--
-- Measurement criteria are versioned: every version of a process's quality_criteria is
-- kept (wip_criteria_versions, written by a trigger whoever changes them), and each
-- completed attempt records the version it was judged against (criteria_version, set by
-- the station's completion in the same statement).

-- ---- the administrators' role ----------------------------------------------------------
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wip_admin') THEN
        CREATE ROLE wip_admin LOGIN;
    END IF;
END $$;

-- ---- timestamps the functions below keep --------------------------------------------------
-- The original system's tables may lack them: added without a value for the rows already
-- there, which nobody changed at the time this migration ran.
ALTER TABLE users ADD COLUMN IF NOT EXISTS created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ALTER COLUMN created_at SET DEFAULT NOW();
ALTER TABLE users ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ALTER COLUMN updated_at SET DEFAULT NOW();
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE equipment ALTER COLUMN updated_at SET DEFAULT NOW();
ALTER TABLE processes ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE processes ALTER COLUMN updated_at SET DEFAULT NOW();

-- ---- audit: who, from where, old and new value -----------------------------------------
-- No default for the rows already there (they were written by stations, not by the role
-- that runs this migration); new rows name the session's role.
ALTER TABLE wip_audit_log ADD COLUMN IF NOT EXISTS db_role TEXT;
ALTER TABLE wip_audit_log ALTER COLUMN db_role SET DEFAULT session_user;
ALTER TABLE wip_audit_log ADD COLUMN IF NOT EXISTS os_user TEXT;
ALTER TABLE wip_audit_log ADD COLUMN IF NOT EXISTS old_value JSONB;
ALTER TABLE wip_audit_log ADD COLUMN IF NOT EXISTS new_value JSONB;
-- a station writes its own audit rows but cannot pose as someone else: the columns that
-- name the writer keep their defaults
REVOKE INSERT ON wip_audit_log FROM wip_station;
GRANT INSERT (actor_id, actor_badge, station_id, action, entity, entity_key, detail)
    ON wip_audit_log TO wip_station;

-- ---- criteria versions ------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS wip_criteria_versions (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE RESTRICT,
    version INTEGER NOT NULL CHECK (version > 0),
    criteria JSONB NOT NULL,
    source VARCHAR(10) NOT NULL CHECK (source IN ('MIGRATION', 'ADMIN', 'SQL')),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    db_role TEXT DEFAULT session_user,
    os_user TEXT,
    UNIQUE (process_id, version)
);
INSERT INTO wip_criteria_versions (process_id, version, criteria, source)
SELECT id, 1, COALESCE(quality_criteria, '{}'::jsonb), 'MIGRATION' FROM processes
ON CONFLICT DO NOTHING;

-- A new version whenever quality_criteria changes, by whatever means: the import below
-- says so in wipstation.change_source, anything else is recorded as a change made in SQL.
CREATE OR REPLACE FUNCTION wip_criteria_versioned() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.quality_criteria IS NOT DISTINCT FROM OLD.quality_criteria THEN
        RETURN NULL;
    END IF;
    INSERT INTO wip_criteria_versions (process_id, version, criteria, source, os_user)
    SELECT NEW.id, COALESCE(max(v.version), 0) + 1, COALESCE(NEW.quality_criteria, '{}'::jsonb),
           COALESCE(NULLIF(current_setting('wipstation.change_source', true), ''), 'SQL'),
           NULLIF(current_setting('wipstation.os_user', true), '')
      FROM wip_criteria_versions v WHERE v.process_id = NEW.id;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION wip_criteria_versioned() FROM PUBLIC;
DROP TRIGGER IF EXISTS trg_processes_criteria_version ON processes;
CREATE TRIGGER trg_processes_criteria_version AFTER INSERT OR UPDATE OF quality_criteria
    ON processes FOR EACH ROW EXECUTE FUNCTION wip_criteria_versioned();

DROP TRIGGER IF EXISTS trg_wip_criteria_versions_ro ON wip_criteria_versions;
CREATE TRIGGER trg_wip_criteria_versions_ro BEFORE UPDATE OR DELETE ON wip_criteria_versions
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();

-- The version each attempt was judged against: the station sets it in the statement that
-- completes the attempt (the version of the criteria it holds). NULL: not judged by a
-- station that knows versions (the original system's rows, a back-fill).
ALTER TABLE wip_process_history ADD COLUMN IF NOT EXISTS criteria_version INTEGER;
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS criteria_version INTEGER;

GRANT SELECT ON wip_criteria_versions TO wip_station;
GRANT UPDATE (criteria_version) ON wip_process_history, process_data TO wip_station;

-- ---- defect texts -------------------------------------------------------------------------
-- processes.defect_items stays the seed's array of codes (what the original system and the
-- stations read); the words for each code live beside it.
CREATE TABLE IF NOT EXISTS wip_defect_texts (
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    code VARCHAR(40) NOT NULL,
    text_ko VARCHAR(200) NOT NULL,
    text_en VARCHAR(200) NOT NULL,
    PRIMARY KEY (process_id, code)
);
INSERT INTO wip_defect_texts (process_id, code, text_ko, text_en)
SELECT p.id, t.code, t.ko, t.en
  FROM processes p
  CROSS JOIN LATERAL jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(p.defect_items) = 'array' THEN p.defect_items ELSE '[]' END) d(code)
  JOIN (VALUES
    ('MARKING_FAIL', '마킹 불량', 'Marking failed'),
    ('PART_DEFECT', '부품 불량', 'Defective part'),
    ('ASSEMBLY_ERROR', '조립 불량', 'Assembly error'),
    ('SENSOR_TEMP_FAIL', '센서 온도 불량', 'Sensor temperature out of spec'),
    ('SENSOR_TOF_FAIL', 'TOF 센서 불량', 'TOF sensor does not respond'),
    ('FIRMWARE_UPLOAD_FAIL', '펌웨어 업로드 실패', 'Firmware upload failed'),
    ('FIRMWARE_COMM_ERROR', '펌웨어 통신 오류', 'Firmware communication error'),
    ('APPEARANCE_DEFECT', '외관 불량', 'Appearance defect'),
    ('PERFORMANCE_FAIL', '성능 불량', 'Performance out of spec'),
    ('LABEL_PRINT_FAIL', '라벨 인쇄 불량', 'Label print failed'),
    ('LABEL_ATTACH_ERROR', '라벨 부착 불량', 'Label attached wrongly'),
    ('VISUAL_DEFECT', '외관 검사 불량', 'Visual defect'),
    ('PACKAGING_ERROR', '포장 불량', 'Packaging error')) AS t(code, ko, en) ON t.code = d.code
ON CONFLICT DO NOTHING;

-- ---- badge labels are print jobs too -------------------------------------------------------
ALTER TABLE wip_print_jobs DROP CONSTRAINT IF EXISTS wip_print_jobs_label_type_check,
    ADD CONSTRAINT wip_print_jobs_label_type_check
    CHECK (label_type IN ('WIP', 'SERIAL', 'LOT', 'COMMANDS', 'TEST', 'BADGE'));

-- ---- helpers (no role may call them; the functions below run as their owner) ----------------

-- A value as a message may show it: control characters as \xNN, at most 40 characters,
-- in double quotes (p_quote) or as it is (a JSON value's text).
CREATE OR REPLACE FUNCTION wip_admin_show(p TEXT, p_quote BOOLEAN DEFAULT TRUE) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_quote THEN '"' ELSE '' END
           || COALESCE(string_agg(CASE WHEN c ~ '[\u0001-\u001f\u007f-\u009f]'
                                  THEN '\x' || lpad(to_hex(ascii(c)), 2, '0') ELSE c END,
                                  '' ORDER BY i), '')
           || CASE WHEN length(p) > 40 THEN '...' ELSE '' END || CASE WHEN p_quote THEN '"' ELSE '' END
      FROM unnest(string_to_array(left(p, 40), NULL)) WITH ORDINALITY AS t(c, i)
$$;

CREATE OR REPLACE FUNCTION wip_admin_fail(p_state TEXT, p_msg TEXT) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RAISE EXCEPTION '%', p_msg USING ERRCODE = p_state;
END $$;

-- A line of text typed by an administrator (a name, a label): trimmed, no control
-- characters, 1..p_max characters (p_required) or NULL.
CREATE OR REPLACE FUNCTION wip_admin_text(p_what TEXT, p TEXT, p_max INTEGER, p_required BOOLEAN)
RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v TEXT := btrim(p);
BEGIN
    IF v IS NULL OR v = '' THEN
        IF p_required THEN
            PERFORM wip_admin_fail('WA001', p_what || ': empty');
        END IF;
        RETURN NULL;
    END IF;
    IF v ~ '[\u0001-\u001f\u007f-\u009f]' THEN
        PERFORM wip_admin_fail('WA001', format('%s %s: a control character at position %s',
            p_what, wip_admin_show(v), length(substring(v FROM '^[^\u0001-\u001f\u007f-\u009f]*')) + 1));
    END IF;
    IF length(v) > p_max THEN
        PERFORM wip_admin_fail('WA001', format('%s %s: longer than %s characters', p_what,
                                               wip_admin_show(v), p_max));
    END IF;
    RETURN v;
END $$;

-- A badge as stations read it (upper case; see core_badge_valid and the scan classifier).
CREATE OR REPLACE FUNCTION wip_admin_badge(p TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v TEXT := upper(p);
BEGIN
    IF v IS NULL OR v = '' THEN
        PERFORM wip_admin_fail('WA001', 'badge: empty');
    END IF;
    IF v ~ '[\u0001-\u001f\u007f-\u009f]' THEN
        PERFORM wip_admin_fail('WA001', format('badge %s: a control character at position %s',
            wip_admin_show(p), length(substring(v FROM '^[^\u0001-\u001f\u007f-\u009f]*')) + 1));
    END IF;
    IF v ~ '\s' THEN
        PERFORM wip_admin_fail('WA001', format('badge %s: a space at position %s',
            wip_admin_show(p), length(substring(v FROM '^\S*')) + 1));
    END IF;
    IF length(v) > 32 THEN
        PERFORM wip_admin_fail('WA001', format('badge %s: longer than 32 characters', wip_admin_show(p)));
    END IF;
    IF v !~ '^[A-Z0-9][A-Z0-9._-]*$' THEN
        PERFORM wip_admin_fail('WA001', format('badge %s: only letters, digits, ".", "_" and "-",'
            ' beginning with a letter or digit', wip_admin_show(p)));
    END IF;
    IF v ~ '^[A-Z0-9]{7}[0-9]{7}' THEN
        PERFORM wip_admin_fail('WA001', format('badge %s: a scanner would read it as a LOT, WIP ID'
            ' or serial number', wip_admin_show(p)));
    END IF;
    RETURN v;
END $$;

-- A code (of equipment, a line, a model) in upper case, or a refusal naming the rule.
CREATE OR REPLACE FUNCTION wip_admin_code(p_what TEXT, p TEXT, p_pattern TEXT, p_rule TEXT)
RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v TEXT := upper(btrim(COALESCE(p, '')));
BEGIN
    IF v !~ p_pattern THEN
        PERFORM wip_admin_fail('WA001', format('%s %s: %s', p_what, wip_admin_show(p), p_rule));
    END IF;
    RETURN v;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_user(p_badge TEXT) RETURNS users
LANGUAGE plpgsql STABLE AS $$
DECLARE
    u users;
BEGIN
    SELECT * INTO u FROM users WHERE upper(badge_code) = wip_admin_badge(p_badge);
    IF u.id IS NULL THEN
        PERFORM wip_admin_fail('WA002', format('badge %s: no such badge', wip_admin_show(upper(p_badge))));
    END IF;
    RETURN u;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_process(p_number INTEGER) RETURNS processes
LANGUAGE plpgsql STABLE AS $$
DECLARE
    p processes;
BEGIN
    SELECT * INTO p FROM processes WHERE process_number = p_number;
    IF p.id IS NULL THEN
        PERFORM wip_admin_fail('WA002', format('process %s: no such process (processes: %s)',
            p_number, (SELECT string_agg(process_number::text, ', ' ORDER BY process_number)
                         FROM processes)));
    END IF;
    RETURN p;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_audit(p_action TEXT, p_entity TEXT, p_key TEXT, p_old JSONB,
                                           p_new JSONB, p_actor BIGINT DEFAULT NULL,
                                           p_badge TEXT DEFAULT NULL, p_station TEXT DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, entity, entity_key,
                               db_role, os_user, old_value, new_value)
    VALUES (p_actor, p_badge, p_station, p_action, p_entity, left(p_key, 60), session_user,
            NULLIF(current_setting('wipstation.os_user', true), ''), p_old, p_new)
$$;

-- A crypt(3) hash of a PIN as stations check it: yescrypt ($y$) or bcrypt ($2a/b/y$).
CREATE OR REPLACE FUNCTION wip_admin_pin_hash(p TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p IS NULL OR NOT (p ~ '^\$y\$[./0-9A-Za-z]+\$[./0-9A-Za-z]+\$[./0-9A-Za-z]{43}$'
                         OR p ~ '^\$2[aby]\$[0-9]{2}\$[./0-9A-Za-z]{53}$') THEN
        PERFORM wip_admin_fail('WA001', 'PIN hash: not a yescrypt or bcrypt hash');
    END IF;
    RETURN p;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_lock_state(p_user BIGINT) RETURNS JSONB
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('failed_count', COALESCE(max(s.failed_count), 0),
                              'locked_until', max(s.locked_until) FILTER (WHERE s.locked_until > NOW()))
      FROM wip_login_state s WHERE s.user_id = p_user
$$;

-- ---- users, badges and PINs ------------------------------------------------------------------

CREATE OR REPLACE FUNCTION wip_admin_user_add(p_badge TEXT, p_name TEXT, p_role TEXT, p_username TEXT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_badge TEXT := wip_admin_badge(p_badge);
    v_name TEXT := wip_admin_text('--name', p_name, 100, TRUE);
    v_role TEXT := upper(btrim(COALESCE(p_role, '')));
    v_user TEXT := COALESCE(NULLIF(btrim(p_username), ''), lower(v_badge));
    v_other users;
    v_id BIGINT;
BEGIN
    IF v_role NOT IN ('OPERATOR', 'MANAGER', 'ADMIN') THEN
        PERFORM wip_admin_fail('WA001', format('--role %s: one of OPERATOR, MANAGER, ADMIN',
                                               wip_admin_show(p_role)));
    END IF;
    IF v_user !~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$' THEN
        PERFORM wip_admin_fail('WA001', format('--username %s: 1-50 letters, digits, ".", "_" and "-",'
            ' beginning with a letter or digit', wip_admin_show(v_user)));
    END IF;
    SELECT * INTO v_other FROM users WHERE upper(badge_code) = v_badge;
    IF v_other.id IS NOT NULL THEN
        PERFORM wip_admin_fail('WA003', format('badge %s: already exists (%s, %s%s)', v_badge,
            COALESCE(v_other.full_name, v_other.username), v_other.role,
            CASE WHEN v_other.is_active THEN '' ELSE ', disabled' END));
    END IF;
    SELECT * INTO v_other FROM users WHERE lower(username) = lower(v_user);
    IF v_other.id IS NOT NULL THEN
        PERFORM wip_admin_fail('WA003', format('--username %s: already taken (badge %s, %s)',
            v_user, COALESCE(v_other.badge_code, 'none'), COALESCE(v_other.full_name, v_other.username)));
    END IF;
    INSERT INTO users (username, full_name, role, badge_code, is_active)
    VALUES (v_user, v_name, v_role, v_badge, TRUE) RETURNING id INTO v_id;
    PERFORM wip_admin_audit('USER_ADD', 'user', v_badge, NULL,
        jsonb_build_object('badge', v_badge, 'name', v_name, 'role', v_role, 'username', v_user,
                           'active', true));
    RETURN v_id;
END $$;

-- A user's new PIN hash (made by the caller: the PIN itself never reaches the database).
-- The wrong PINs counted against the old one are forgotten, and a lock with them. Audited
-- as p_action by p_actor (an ADMIN at a station) or by the session's role.
CREATE OR REPLACE FUNCTION wip_admin_set_pin(u users, p_hash TEXT, p_action TEXT,
                                             p_actor BIGINT, p_badge TEXT, p_station TEXT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_hash TEXT := wip_admin_pin_hash(p_hash);
    v_old JSONB;
BEGIN
    PERFORM 1 FROM users WHERE id = u.id FOR UPDATE;
    v_old := wip_admin_lock_state(u.id) || jsonb_build_object('pin', u.password_hash IS NOT NULL);
    UPDATE users SET password_hash = v_hash, updated_at = NOW() WHERE id = u.id;
    UPDATE wip_login_state SET failed_count = 0, locked_until = NULL WHERE user_id = u.id;
    PERFORM wip_admin_audit(p_action, 'user', u.badge_code, v_old,
        jsonb_build_object('pin', true, 'failed_count', 0, 'locked_until', NULL,
                           'hash', CASE WHEN v_hash LIKE '$y$%' THEN 'yescrypt' ELSE 'bcrypt' END),
        p_actor, p_badge, p_station);
END $$;

-- Clears a user's lock and wrong-PIN count: FALSE when there was neither (nothing audited).
CREATE OR REPLACE FUNCTION wip_admin_unlock(u users, p_action TEXT, p_actor BIGINT,
                                            p_badge TEXT, p_station TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    v_old JSONB;
BEGIN
    PERFORM 1 FROM wip_login_state WHERE user_id = u.id FOR UPDATE;
    v_old := wip_admin_lock_state(u.id);
    IF (v_old->>'failed_count')::int = 0 AND v_old->>'locked_until' IS NULL THEN
        RETURN FALSE;
    END IF;
    UPDATE wip_login_state SET failed_count = 0, locked_until = NULL WHERE user_id = u.id;
    PERFORM wip_admin_audit(p_action, 'user', u.badge_code, v_old,
                            jsonb_build_object('failed_count', 0, 'locked_until', NULL),
                            p_actor, p_badge, p_station);
    RETURN TRUE;
END $$;

-- TRUE when the badge had a PIN before.
CREATE OR REPLACE FUNCTION wip_admin_user_pin(p_badge TEXT, p_hash TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u users := wip_admin_user(p_badge);
BEGIN
    PERFORM wip_admin_set_pin(u, p_hash, 'USER_PIN', NULL, NULL, NULL);
    RETURN u.password_hash IS NOT NULL;
END $$;

-- TRUE when the badge was locked or had wrong PINs counted; FALSE: nothing to do.
CREATE OR REPLACE FUNCTION wip_admin_user_unlock(p_badge TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN wip_admin_unlock(wip_admin_user(p_badge), 'USER_UNLOCK', NULL, NULL, NULL);
END $$;

-- Disables or enables a badge; FALSE when it already was.
CREATE OR REPLACE FUNCTION wip_admin_user_active(p_badge TEXT, p_active BOOLEAN)
RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u users := wip_admin_user(p_badge);
BEGIN
    IF p_active IS NULL THEN
        PERFORM wip_admin_fail('WA001', 'active: true or false');
    END IF;
    IF u.is_active = p_active THEN
        RETURN FALSE;
    END IF;
    UPDATE users SET is_active = p_active, updated_at = NOW() WHERE id = u.id;
    PERFORM wip_admin_audit(CASE WHEN p_active THEN 'USER_ENABLE' ELSE 'USER_DISABLE' END,
                            'user', u.badge_code, jsonb_build_object('active', u.is_active),
                            jsonb_build_object('active', p_active));
    RETURN TRUE;
END $$;

-- ---- measurement criteria ---------------------------------------------------------------------

-- The JSON text of a criteria file (its bytes), or a refusal saying why it is none.
CREATE OR REPLACE FUNCTION wip_admin_json(p_doc BYTEA) RETURNS JSONB
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_text TEXT;
    v_detail TEXT;
    v_ctx TEXT;
BEGIN
    BEGIN
        v_text := convert_from(p_doc, 'UTF8');
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
        PERFORM wip_admin_fail('WA001', 'not UTF-8 text: ' || SQLERRM);
    END;
    BEGIN
        RETURN v_text::jsonb;
    EXCEPTION WHEN invalid_text_representation THEN
        GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_ctx = PG_EXCEPTION_CONTEXT;
        PERFORM wip_admin_fail('WA001', 'not valid JSON: ' || COALESCE(v_detail || ' ', '')
            || COALESCE('(' || substring(v_ctx FROM 'JSON data, line [0-9]+') || ')', ''));
    END;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_is_number(v JSONB) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$ SELECT jsonb_typeof(v) = 'number' $$;

-- Checks one field of a criteria document (at index i, 0-based as in the messages); the
-- defects are the process's codes. Refuses with "fields[i].key: what".
CREATE OR REPLACE FUNCTION wip_admin_check_field(f JSONB, i INTEGER, p_defects TEXT[], p_process INTEGER)
RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    w TEXT := format('fields[%s]', i);
    k TEXT;
    t TEXT;
BEGIN
    IF jsonb_typeof(f) <> 'object' THEN
        PERFORM wip_admin_fail('WA001', w || ': not a JSON object');
    END IF;
    FOR k IN SELECT jsonb_object_keys(f) LOOP
        IF k NOT IN ('code', 'label_ko', 'label_en', 'type', 'unit', 'min', 'max', 'target',
                     'required', 'defect', 'prefix') THEN
            PERFORM wip_admin_fail('WA001', format('%s.%s: unknown key (code, label_ko, label_en,'
                ' type, unit, min, max, target, required, defect, prefix)', w, k));
        END IF;
    END LOOP;
    IF NOT f ? 'code' THEN
        PERFORM wip_admin_fail('WA001', w || '.code: missing');
    END IF;
    IF jsonb_typeof(f->'code') <> 'string' OR f->>'code' !~ '^[a-z][a-z0-9_]{0,39}$' THEN
        PERFORM wip_admin_fail('WA001', format('%s.code: %s is not 1-40 lower-case letters, digits'
            ' and "_" beginning with a letter', w, wip_admin_show((f->'code')::text, FALSE)));
    END IF;
    FOREACH k IN ARRAY ARRAY['label_ko', 'label_en'] LOOP
        IF f ? k AND (jsonb_typeof(f->k) <> 'string' OR btrim(f->>k) = ''
                      OR f->>k ~ '[\u0001-\u001f\u007f-\u009f]' OR octet_length(f->>k) > 80) THEN
            PERFORM wip_admin_fail('WA001', format('%s.%s: not a line of text of 1-80 bytes', w, k));
        END IF;
    END LOOP;
    t := f->>'type';
    IF NOT f ? 'type' THEN
        PERFORM wip_admin_fail('WA001', w || '.type: missing (number, passfail, text or lot)');
    END IF;
    IF jsonb_typeof(f->'type') <> 'string' OR t NOT IN ('number', 'passfail', 'text', 'lot') THEN
        PERFORM wip_admin_fail('WA001', format('%s.type: %s is not number, passfail, text or lot',
                                               w, wip_admin_show((f->'type')::text, FALSE)));
    END IF;
    IF f ? 'unit' THEN
        IF t <> 'number' THEN
            PERFORM wip_admin_fail('WA001', format('%s.unit: only a number field has a unit (this is %s)', w, t));
        END IF;
        IF jsonb_typeof(f->'unit') <> 'string' OR btrim(f->>'unit') = '' OR btrim(f->>'unit') <> f->>'unit'
           OR f->>'unit' ~ '[\u0001-\u001f\u007f-\u009f]' OR octet_length(f->>'unit') > 16 THEN
            PERFORM wip_admin_fail('WA001', format('%s.unit: %s is not a unit of 1-16 bytes (such as'
                ' "°C", "kgf", "mm")', w, wip_admin_show((f->'unit')::text, FALSE)));
        END IF;
    END IF;
    FOREACH k IN ARRAY ARRAY['min', 'max', 'target'] LOOP
        IF f ? k THEN
            IF t <> 'number' THEN
                PERFORM wip_admin_fail('WA001', format('%s.%s: only a number field has limits (this is %s)', w, k, t));
            END IF;
            IF NOT wip_admin_is_number(f->k) THEN
                PERFORM wip_admin_fail('WA001', format('%s.%s: not a number (%s)', w, k,
                                                       wip_admin_show((f->k)::text, FALSE)));
            END IF;
        END IF;
    END LOOP;
    IF f ? 'min' AND f ? 'max' AND (f->>'max')::numeric < (f->>'min')::numeric THEN
        PERFORM wip_admin_fail('WA001', format('%s.max: below min (%s < %s)', w, f->>'max', f->>'min'));
    END IF;
    IF f ? 'target' AND ((f ? 'min' AND (f->>'target')::numeric < (f->>'min')::numeric)
                         OR (f ? 'max' AND (f->>'target')::numeric > (f->>'max')::numeric)) THEN
        PERFORM wip_admin_fail('WA001', format('%s.target: %s is outside min..max', w, f->>'target'));
    END IF;
    IF f ? 'required' AND jsonb_typeof(f->'required') <> 'boolean' THEN
        PERFORM wip_admin_fail('WA001', format('%s.required: true or false, not %s', w,
                                               wip_admin_show((f->'required')::text, FALSE)));
    END IF;
    IF f ? 'defect' AND (jsonb_typeof(f->'defect') <> 'string' OR NOT (f->>'defect' = ANY (p_defects))) THEN
        PERFORM wip_admin_fail('WA002', format('%s.defect: %s is not a defect code of process %s (%s)',
            w, wip_admin_show((f->'defect')::text, FALSE), p_process,
            COALESCE(array_to_string(p_defects, ', '), 'none: wipstation admin defect add')));
    END IF;
    IF f ? 'prefix' THEN
        IF t <> 'lot' THEN
            PERFORM wip_admin_fail('WA001', format('%s.prefix: only a lot field has a prefix (this is %s)', w, t));
        END IF;
        IF jsonb_typeof(f->'prefix') <> 'string' OR f->>'prefix' !~ '^[A-Z0-9][A-Z0-9._-]{0,19}$' THEN
            PERFORM wip_admin_fail('WA001', format('%s.prefix: %s is not 1-20 upper-case letters, digits,'
                ' ".", "_" or "-"', w, wip_admin_show((f->'prefix')::text, FALSE)));
        END IF;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_defects(p processes) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(array_agg(d ORDER BY o), '{}')
      FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p.defect_items) = 'array'
                                          THEN p.defect_items ELSE '[]' END) WITH ORDINALITY x(d, o)
$$;

-- A criteria document checked for process p: {"fields": [...]}, optionally with the
-- "process" and "version" that `criteria export` writes. Returns {"fields": [...]}.
CREATE OR REPLACE FUNCTION wip_admin_criteria_check(p processes, d JSONB) RETURNS JSONB
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k TEXT;
    f JSONB;
    i INTEGER;
    v_defects TEXT[] := wip_admin_defects(p);
    v_codes TEXT[] := '{}';
BEGIN
    IF jsonb_typeof(d) <> 'object' THEN
        PERFORM wip_admin_fail('WA001', format('not a JSON object but %s %s: criteria are'
            ' {"fields": [...]}', CASE jsonb_typeof(d) WHEN 'array' THEN 'an' ELSE 'a' END,
            jsonb_typeof(d)));
    END IF;
    FOR k IN SELECT jsonb_object_keys(d) LOOP
        IF k NOT IN ('fields', 'process', 'version') THEN
            PERFORM wip_admin_fail('WA001', format('%s: unknown key (fields; process and version'
                ' as criteria export writes them)', k));
        END IF;
    END LOOP;
    IF d ? 'process' AND (NOT wip_admin_is_number(d->'process')
                          OR (d->>'process')::numeric <> p.process_number) THEN
        PERFORM wip_admin_fail('WA001', format('process: %s, but this is process %s',
                                               wip_admin_show((d->'process')::text, FALSE), p.process_number));
    END IF;
    IF d ? 'version' AND (NOT wip_admin_is_number(d->'version') OR (d->>'version')::numeric < 1
                          OR (d->>'version')::numeric <> trunc((d->>'version')::numeric)) THEN
        PERFORM wip_admin_fail('WA001', format('version: %s is not a version number',
                                               wip_admin_show((d->'version')::text, FALSE)));
    END IF;
    IF NOT d ? 'fields' THEN
        PERFORM wip_admin_fail('WA001', 'fields: missing ({"fields": []} for no form)');
    END IF;
    IF jsonb_typeof(d->'fields') <> 'array' THEN
        PERFORM wip_admin_fail('WA001', 'fields: not a JSON array');
    END IF;
    IF jsonb_array_length(d->'fields') > 16 THEN
        PERFORM wip_admin_fail('WA001', format('fields: %s fields; a station shows at most 16',
                                               jsonb_array_length(d->'fields')));
    END IF;
    FOR f, i IN SELECT e, o - 1 FROM jsonb_array_elements(d->'fields') WITH ORDINALITY x(e, o) LOOP
        PERFORM wip_admin_check_field(f, i, v_defects, p.process_number);
        IF f->>'code' = ANY (v_codes) THEN
            PERFORM wip_admin_fail('WA001', format('fields[%s].code: "%s" repeats fields[%s]',
                i, f->>'code', array_position(v_codes, f->>'code') - 1));
        END IF;
        v_codes := v_codes || (f->>'code');
    END LOOP;
    RETURN jsonb_build_object('fields', d->'fields');
END $$;

-- One field's settings as a line of the diff.
CREATE OR REPLACE FUNCTION wip_admin_field_text(f JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(format('%s=%s', k, f->k), ' ' ORDER BY array_position(ARRAY['code', 'label_ko',
           'label_en', 'type', 'unit', 'min', 'max', 'target', 'required', 'defect', 'prefix'], k), k)
      FROM jsonb_object_keys(CASE WHEN jsonb_typeof(f) = 'object' THEN f ELSE '{}' END) k
     WHERE k <> 'code'
$$;

-- What importing d would change in process p's criteria, one line per change:
--   + code: a new field   - code: a field removed   ~ code.key: old -> new   ~ code: moved
CREATE OR REPLACE FUNCTION wip_admin_criteria_changes(p_old JSONB, p_new JSONB)
RETURNS SETOF TEXT LANGUAGE sql IMMUTABLE AS $$
    WITH o AS (SELECT e->>'code' AS code, e AS f, n - 1 AS i
                 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_old->'fields') = 'array'
                                                THEN p_old->'fields' ELSE '[]' END) WITH ORDINALITY x(e, n)),
         n AS (SELECT e->>'code' AS code, e AS f, m - 1 AS i
                 FROM jsonb_array_elements(p_new->'fields') WITH ORDINALITY x(e, m)),
         lines AS (
           SELECT 0 AS part, -1 AS i, format('- %s: dropped (only "fields" is kept)', k) AS line, k AS key
             FROM jsonb_object_keys(CASE WHEN jsonb_typeof(p_old) = 'object' THEN p_old ELSE '{}' END) k
            WHERE k <> 'fields'
           UNION ALL
           SELECT 1, o.i, format('- fields[%s] %s: removed (%s)', o.i, o.code, wip_admin_field_text(o.f)), o.code
             FROM o WHERE o.code IS NULL OR NOT EXISTS (SELECT 1 FROM n WHERE n.code = o.code)
           UNION ALL
           SELECT 2, n.i, format('+ fields[%s] %s: added (%s)', n.i, n.code, wip_admin_field_text(n.f)), n.code
             FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.code = n.code)
           UNION ALL
           SELECT 2, n.i, format('~ fields[%s] %s: moved from fields[%s]', n.i, n.code, o.i), n.code
             FROM n JOIN o ON o.code = n.code WHERE o.i <> n.i
           UNION ALL
           SELECT 2, n.i, format('~ fields[%s] %s.%s: %s -> %s', n.i, n.code, k,
                                 COALESCE((o.f->k)::text, '(none)'), COALESCE((n.f->k)::text, '(none)')), n.code || '.' || k
             FROM n JOIN o ON o.code = n.code
             CROSS JOIN LATERAL (SELECT jsonb_object_keys(o.f) UNION SELECT jsonb_object_keys(n.f)) ks(k)
            WHERE (o.f->k) IS DISTINCT FROM (n.f->k))
    SELECT line FROM lines ORDER BY part, i, key
$$;

CREATE OR REPLACE FUNCTION wip_admin_criteria_diff(p_process INTEGER, p_doc BYTEA)
RETURNS SETOF TEXT LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    p processes := wip_admin_process(p_process);
BEGIN
    RETURN QUERY SELECT wip_admin_criteria_changes(p.quality_criteria,
                                                   wip_admin_criteria_check(p, wip_admin_json(p_doc)));
END $$;

-- Imports a criteria document into process p_process: its new version, or NULL when it
-- changes nothing. A document exported at an older version than the process's is refused
-- when it would change something (someone else changed the criteria meanwhile).
CREATE OR REPLACE FUNCTION wip_admin_criteria_import(p_process INTEGER, p_doc BYTEA)
RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    p processes := wip_admin_process(p_process);
    v_in JSONB := wip_admin_json(p_doc);
    v_doc JSONB;
    v_cur INTEGER;
BEGIN
    SELECT * INTO p FROM processes WHERE id = p.id FOR UPDATE;
    v_doc := wip_admin_criteria_check(p, v_in);
    IF v_doc = p.quality_criteria THEN
        RETURN NULL;
    END IF;
    SELECT max(version) INTO v_cur FROM wip_criteria_versions WHERE process_id = p.id;
    IF v_in ? 'version' AND (v_in->>'version')::int <> v_cur THEN
        PERFORM wip_admin_fail('WA003', format('version: the file was exported at version %s;'
            ' process %s is at version %s now: export it again and redo the change',
            v_in->>'version', p.process_number, v_cur));
    END IF;
    PERFORM set_config('wipstation.change_source', 'ADMIN', true);
    UPDATE processes SET quality_criteria = v_doc, updated_at = NOW() WHERE id = p.id;
    PERFORM set_config('wipstation.change_source', '', true);
    SELECT max(version) INTO v_cur FROM wip_criteria_versions WHERE process_id = p.id;
    PERFORM wip_admin_audit('CRITERIA_IMPORT', 'process', p.process_number::text,
                            p.quality_criteria, v_doc || jsonb_build_object('version', v_cur));
    RETURN v_cur;
END $$;

-- A version of a process's criteria as `criteria export` writes it: the process, the
-- version, then one field per line (keys in the order the documentation lists them).
CREATE OR REPLACE FUNCTION wip_admin_criteria_export(p_process INTEGER, p_version INTEGER)
RETURNS TEXT LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    p processes := wip_admin_process(p_process);
    v INTEGER := p_version;
    d JSONB;
BEGIN
    IF v IS NULL THEN
        SELECT max(version) INTO v FROM wip_criteria_versions WHERE process_id = p.id;
    END IF;
    SELECT criteria INTO d FROM wip_criteria_versions WHERE process_id = p.id AND version = v;
    IF d IS NULL THEN
        PERFORM wip_admin_fail('WA002', format('process %s has no criteria version %s (versions 1-%s)',
            p.process_number, v, (SELECT max(version) FROM wip_criteria_versions WHERE process_id = p.id)));
    END IF;
    RETURN E'{\n  "process": ' || p.process_number || E',\n  "version": ' || v
        || COALESCE((SELECT string_agg(E',\n  ' || to_json(k)::text || ': ' || (d->k)::text, '' ORDER BY k)
                       FROM jsonb_object_keys(CASE WHEN jsonb_typeof(d) = 'object' THEN d ELSE '{}' END) k
                      WHERE k NOT IN ('fields', 'process', 'version')), '')
        || E',\n  "fields": ['
        || COALESCE((SELECT string_agg(E'\n    ' || CASE WHEN jsonb_typeof(f) <> 'object' THEN f::text
               ELSE '{' || COALESCE((SELECT string_agg(to_json(k)::text || ': ' || (f->k)::text, ', '
                   ORDER BY array_position(ARRAY['code', 'label_ko', 'label_en', 'type', 'unit', 'min',
                                                 'max', 'target', 'required', 'defect', 'prefix'], k), k)
                 FROM jsonb_object_keys(f) k), '') || '}' END, ',' ORDER BY o) || E'\n  '
             FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d->'fields') = 'array' THEN d->'fields'
                                            ELSE '[]' END) WITH ORDINALITY x(f, o)), '')
        || E']\n}\n';
END $$;

-- ---- defect codes ----------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION wip_admin_defect_add(p_process INTEGER, p_code TEXT, p_ko TEXT, p_en TEXT)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    p processes := wip_admin_process(p_process);
    v_code TEXT := btrim(COALESCE(p_code, ''));
    v_ko TEXT := wip_admin_text('--ko', p_ko, 200, TRUE);
    v_en TEXT := wip_admin_text('--en', p_en, 200, TRUE);
    v_defects TEXT[];
BEGIN
    IF v_code !~ '^[A-Z][A-Z0-9_]{1,39}$' THEN
        PERFORM wip_admin_fail('WA001', format('defect code %s: 2-40 upper-case letters, digits and'
            ' "_", beginning with a letter', wip_admin_show(p_code)));
    END IF;
    SELECT * INTO p FROM processes WHERE id = p.id FOR UPDATE;
    IF p.defect_items IS NOT NULL AND jsonb_typeof(p.defect_items) <> 'array' THEN
        PERFORM wip_admin_fail('WA001', format('process %s: its defect_items are not a JSON array of'
            ' codes; correct them in SQL first', p.process_number));
    END IF;
    v_defects := wip_admin_defects(p);
    IF v_code = ANY (v_defects) THEN
        PERFORM wip_admin_fail('WA003', format('defect %s: already a defect code of process %s',
                                               v_code, p.process_number));
    END IF;
    IF cardinality(v_defects) >= 16 THEN
        PERFORM wip_admin_fail('WA001', format('process %s has 16 defect codes, the most a station'
                                               ' shows', p.process_number));
    END IF;
    UPDATE processes SET defect_items = COALESCE(defect_items, '[]'::jsonb) || to_jsonb(v_code),
                         updated_at = NOW() WHERE id = p.id;
    INSERT INTO wip_defect_texts (process_id, code, text_ko, text_en) VALUES (p.id, v_code, v_ko, v_en)
    ON CONFLICT (process_id, code) DO UPDATE SET text_ko = EXCLUDED.text_ko, text_en = EXCLUDED.text_en;
    PERFORM wip_admin_audit('DEFECT_ADD', 'process', p.process_number || ':' || v_code,
        jsonb_build_object('defects', to_jsonb(v_defects)),
        jsonb_build_object('defects', to_jsonb(v_defects || v_code), 'code', v_code,
                           'text_ko', v_ko, 'text_en', v_en));
END $$;

-- ---- equipment, lines, models -----------------------------------------------------------------

CREATE OR REPLACE FUNCTION wip_admin_equipment_add(p_code TEXT, p_process INTEGER, p_name TEXT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_code TEXT := wip_admin_code('equipment code', p_code, '^[A-Z0-9][A-Z0-9._-]{0,49}$',
                                  '1-50 letters, digits, ".", "_" and "-", beginning with a letter or digit');
    p processes := wip_admin_process(p_process);
    v_name TEXT := wip_admin_text('--name', p_name, 100, FALSE);
    e equipment;
    v_id BIGINT;
BEGIN
    SELECT * INTO e FROM equipment WHERE upper(equipment_code) = v_code;
    IF e.id IS NOT NULL THEN
        PERFORM wip_admin_fail('WA003', format('equipment %s: already exists (process %s%s)', v_code,
            COALESCE((SELECT process_number::text FROM processes WHERE id = e.process_id), 'none'),
            CASE WHEN e.is_active THEN '' ELSE ', retired' END));
    END IF;
    INSERT INTO equipment (equipment_code, equipment_name, process_id, status, is_active)
    VALUES (v_code, v_name, p.id, 'AVAILABLE', TRUE) RETURNING id INTO v_id;
    PERFORM wip_admin_audit('EQUIPMENT_ADD', 'equipment', v_code, NULL,
        jsonb_build_object('code', v_code, 'name', v_name, 'process', p.process_number, 'active', true));
    RETURN v_id;
END $$;

-- Retires equipment (stations stop recording it); FALSE when it already was.
CREATE OR REPLACE FUNCTION wip_admin_equipment_retire(p_code TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_code TEXT := upper(btrim(COALESCE(p_code, '')));
    e equipment;
BEGIN
    SELECT * INTO e FROM equipment WHERE upper(equipment_code) = v_code FOR UPDATE;
    IF e.id IS NULL THEN
        PERFORM wip_admin_fail('WA002', format('equipment %s: no such equipment', wip_admin_show(p_code)));
    END IF;
    IF NOT e.is_active THEN
        RETURN FALSE;
    END IF;
    UPDATE equipment SET is_active = FALSE, status = 'RETIRED', updated_at = NOW() WHERE id = e.id;
    PERFORM wip_admin_audit('EQUIPMENT_RETIRE', 'equipment', e.equipment_code,
        jsonb_build_object('active', true, 'status', e.status),
        jsonb_build_object('active', false, 'status', 'RETIRED'));
    RETURN TRUE;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_line_add(p_code TEXT, p_name TEXT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_code TEXT := wip_admin_code('line code', p_code, '^[A-Z0-9]{4}$',
                                  '4 letters or digits (a lot number begins with it, e.g. KR01)');
    v_name TEXT := wip_admin_text('--name', p_name, 100, FALSE);
    v_id BIGINT;
BEGIN
    IF EXISTS (SELECT 1 FROM production_lines WHERE upper(line_code) = v_code) THEN
        PERFORM wip_admin_fail('WA003', format('line %s: already exists', v_code));
    END IF;
    INSERT INTO production_lines (line_code, line_name) VALUES (v_code, v_name) RETURNING id INTO v_id;
    PERFORM wip_admin_audit('LINE_ADD', 'line', v_code, NULL,
                            jsonb_build_object('code', v_code, 'name', v_name));
    RETURN v_id;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_model_add(p_code TEXT, p_name TEXT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_code TEXT := wip_admin_code('model code', p_code, '^[A-Z0-9]{3,20}$',
                                  '3-20 letters or digits (a lot number carries its first 3, e.g. PSA)');
    v_name TEXT := wip_admin_text('--name', p_name, 100, FALSE);
    v_other TEXT;
    v_id BIGINT;
BEGIN
    IF EXISTS (SELECT 1 FROM product_models WHERE upper(model_code) = v_code) THEN
        PERFORM wip_admin_fail('WA003', format('model %s: already exists', v_code));
    END IF;
    SELECT model_code INTO v_other FROM product_models
     WHERE upper(left(model_code, 3)) = left(v_code, 3) LIMIT 1;
    IF v_other IS NOT NULL THEN
        PERFORM wip_admin_fail('WA003', format('model %s: its lot numbers would carry %s, as those of'
            ' model %s do (a lot number carries the first 3 characters)', v_code, left(v_code, 3), v_other));
    END IF;
    INSERT INTO product_models (model_code, model_name) VALUES (v_code, v_name) RETURNING id INTO v_id;
    PERFORM wip_admin_audit('MODEL_ADD', 'model', v_code, NULL,
                            jsonb_build_object('code', v_code, 'name', v_name));
    RETURN v_id;
END $$;

-- ---- settings ---------------------------------------------------------------------------------

-- FALSE when the setting already had that value.
-- A setting's value as it is stored, or a refusal naming the setting and what it takes.
-- A later migration's setting brings its own check, wip_setting_check_KEY(TEXT), which
-- returns the value to store or refuses; its down section drops it, and nothing here
-- changes.
CREATE OR REPLACE FUNCTION wip_admin_setting_value(p_key TEXT, p_value TEXT)
RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    v_value TEXT := btrim(COALESCE(p_value, ''));
    v_check TEXT;
BEGIN
    IF p_key = 'max_rework' THEN
        IF v_value !~ '^[1-3]$' THEN
            PERFORM wip_admin_fail('WA001', format('max_rework %s: 1, 2 or 3 (reworks a unit may have;'
                ' a serial holds at most 3)', wip_admin_show(p_value)));
        END IF;
        RETURN v_value;
    END IF;
    IF p_key ~ '^[a-z][a-z_]{0,39}$'
       AND to_regprocedure(format('public.%I(text)', 'wip_setting_check_' || p_key)) IS NOT NULL THEN
        v_check := 'wip_setting_check_' || p_key;
    END IF;
    IF v_check IS NULL THEN
        PERFORM wip_admin_fail('WA002', format('setting %s: unknown (settings: %s)', wip_admin_show(p_key),
            (SELECT string_agg(k, ', ' ORDER BY k)
               FROM (SELECT 'max_rework' AS k
                     UNION ALL SELECT substr(proname, 19) FROM pg_proc
                      WHERE proname LIKE 'wip\_setting\_check\_%'
                        AND pronamespace = 'public'::regnamespace) known)));
    END IF;
    EXECUTE format('SELECT public.%I($1)', v_check) INTO v_value USING v_value;
    RETURN v_value;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_setting_set(p_key TEXT, p_value TEXT)
RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_old TEXT;
    v_value TEXT := wip_admin_setting_value(p_key, p_value);
BEGIN
    SELECT value INTO v_old FROM wip_settings WHERE key = p_key FOR UPDATE;
    IF v_old = v_value THEN
        RETURN FALSE;
    END IF;
    INSERT INTO wip_settings (key, value, updated_at) VALUES (p_key, v_value, NOW())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = NOW();
    PERFORM wip_admin_audit('SETTING_SET', 'setting', p_key, to_jsonb(v_old), to_jsonb(v_value));
    RETURN TRUE;
END $$;

-- ---- badge labels -----------------------------------------------------------------------------

-- What a badge label shows, and its print job (SUBMITTING) for wip_admin_print_state.
CREATE OR REPLACE FUNCTION wip_admin_badge_label(p_badge TEXT, p_queue TEXT, p_station TEXT)
RETURNS TABLE (job_id BIGINT, badge TEXT, full_name TEXT, role TEXT)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u users := wip_admin_user(p_badge);
    v_queue TEXT := wip_admin_text('--queue', p_queue, 128, TRUE);
BEGIN
    IF NOT u.is_active THEN
        PERFORM wip_admin_fail('WA001', format('badge %s is disabled: enable it before printing its label',
                                               u.badge_code));
    END IF;
    INSERT INTO wip_print_jobs (label_type, label_id, queue, station_id, state)
    VALUES ('BADGE', u.badge_code, v_queue, left(COALESCE(NULLIF(p_station, ''), 'admin'), 32), 'SUBMITTING')
    RETURNING id INTO job_id;
    PERFORM wip_admin_audit('BADGE_LABEL', 'user', u.badge_code, NULL,
                            jsonb_build_object('queue', v_queue, 'print_job', job_id));
    badge := u.badge_code;
    full_name := COALESCE(u.full_name, u.username);
    role := u.role;
    RETURN NEXT;
END $$;

CREATE OR REPLACE FUNCTION wip_admin_print_state(p_job BIGINT, p_state TEXT, p_cups_job INTEGER, p_error TEXT)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE wip_print_jobs SET state = p_state, cups_job_id = COALESCE(p_cups_job, cups_job_id),
           error_text = left(p_error, 500),
           finished_at = CASE WHEN p_state IN ('COMPLETED', 'FAILED', 'ABORTED', 'CANCELED', 'TIMEOUT')
                              THEN NOW() END
     WHERE id = p_job AND label_type = 'BADGE';
    IF NOT FOUND THEN
        PERFORM wip_admin_fail('WA002', format('print job %s: no such badge label', p_job));
    END IF;
END $$;

-- ---- an ADMIN at a station: unlock a badge, set a PIN -------------------------------------------

-- An ADMIN's change at a station (p_hash NULL: unlock badge; else its new PIN). The ADMIN's
-- badge and PIN (crypt(PIN, setting) from wip_auth_setting) are checked in the same call,
-- by wip_login as any approval at a station is: a wrong PIN counts towards the ADMIN's own
-- lock. outcome: OK, NOT_LOCKED (nothing to unlock), UNKNOWN_BADGE (the badge to change),
-- NOT_ALLOWED (a new PIN for an ADMIN's badge: wipstation admin only), NOT_ADMIN, or
-- wip_login's refusal (UNKNOWN, LOCKED, BAD_PIN).
CREATE OR REPLACE FUNCTION wip_admin_at_station(p_admin_badge TEXT, p_admin_computed TEXT,
                                                p_station TEXT, p_badge TEXT, p_hash TEXT,
    OUT outcome TEXT, OUT admin_name TEXT, OUT failed_count INTEGER, OUT locked_until TIMESTAMPTZ,
    OUT badge_name TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    a RECORD;
    u users;
    v_admin TEXT := left(upper(p_admin_badge), 32);
BEGIN
    SELECT * INTO a FROM wip_login(p_admin_badge, p_admin_computed, p_station, TRUE);
    outcome := CASE WHEN a.outcome = 'OK' AND a.role <> 'ADMIN' THEN 'NOT_ADMIN' ELSE a.outcome END;
    admin_name := COALESCE(a.full_name, a.username);
    failed_count := a.failed_count; locked_until := a.locked_until;
    IF outcome <> 'OK' THEN
        RETURN;
    END IF;
    SELECT * INTO u FROM users x WHERE upper(x.badge_code) = upper(p_badge)
       AND (p_hash IS NULL OR x.is_active);
    badge_name := COALESCE(u.full_name, u.username);
    IF u.id IS NULL THEN
        outcome := 'UNKNOWN_BADGE';
    ELSIF p_hash IS NULL THEN
        IF NOT wip_admin_unlock(u, 'STATION_UNLOCK', a.user_id, v_admin, p_station) THEN
            outcome := 'NOT_LOCKED';
        END IF;
    ELSIF u.role NOT IN ('OPERATOR', 'MANAGER') THEN
        outcome := 'NOT_ALLOWED';
    ELSE
        PERFORM wip_admin_set_pin(u, p_hash, 'STATION_PIN', a.user_id, v_admin, p_station);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION wip_station_unlock(p_admin_badge TEXT, p_admin_computed TEXT,
                                              p_station TEXT, p_badge TEXT)
RETURNS TABLE (outcome TEXT, admin_name TEXT, failed_count INTEGER, locked_until TIMESTAMPTZ,
               badge_name TEXT)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT * FROM wip_admin_at_station(p_admin_badge, p_admin_computed, p_station, p_badge, NULL)
$$;

CREATE OR REPLACE FUNCTION wip_station_set_pin(p_admin_badge TEXT, p_admin_computed TEXT,
                                               p_station TEXT, p_badge TEXT, p_hash TEXT)
RETURNS TABLE (outcome TEXT, admin_name TEXT, failed_count INTEGER, locked_until TIMESTAMPTZ,
               badge_name TEXT)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT * FROM wip_admin_at_station(p_admin_badge, p_admin_computed, p_station, p_badge,
                                       wip_admin_pin_hash(p_hash))
$$;

-- ---- who may call what ------------------------------------------------------------------------
DO $$
DECLARE
    f RECORD;
BEGIN
    FOR f IN SELECT p.oid::regprocedure AS sig, p.proname FROM pg_proc p
              WHERE p.pronamespace = 'public'::regnamespace
                AND (p.proname LIKE 'wip\_admin\_%' OR p.proname LIKE 'wip\_station\_%'
                     OR p.proname = 'wip_criteria_versioned') LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION
    wip_admin_user_add(TEXT, TEXT, TEXT, TEXT), wip_admin_user_pin(TEXT, TEXT),
    wip_admin_user_unlock(TEXT), wip_admin_user_active(TEXT, BOOLEAN),
    wip_admin_criteria_diff(INTEGER, BYTEA), wip_admin_criteria_import(INTEGER, BYTEA),
    wip_admin_criteria_export(INTEGER, INTEGER), wip_admin_defect_add(INTEGER, TEXT, TEXT, TEXT),
    wip_admin_equipment_add(TEXT, INTEGER, TEXT), wip_admin_equipment_retire(TEXT),
    wip_admin_line_add(TEXT, TEXT), wip_admin_model_add(TEXT, TEXT),
    wip_admin_setting_set(TEXT, TEXT), wip_admin_badge_label(TEXT, TEXT, TEXT),
    wip_admin_print_state(BIGINT, TEXT, INTEGER, TEXT)
    TO wip_admin;
GRANT EXECUTE ON FUNCTION wip_station_unlock(TEXT, TEXT, TEXT, TEXT),
    wip_station_set_pin(TEXT, TEXT, TEXT, TEXT, TEXT) TO wip_station;

-- what the administrators read (never a password hash)
GRANT USAGE ON SCHEMA public TO wip_admin;
GRANT SELECT ON production_lines, product_models, processes, equipment, wip_settings,
    wip_login_state, wip_criteria_versions, wip_defect_texts, wip_audit_log,
    wipstation_schema_migrations TO wip_admin;
GRANT SELECT (id, username, full_name, role, badge_code, is_active, created_at, updated_at)
    ON users TO wip_admin;

-- migrate:down
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM wip_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM wip_admin;
REVOKE ALL ON SCHEMA public FROM wip_admin;
DROP FUNCTION IF EXISTS wip_station_set_pin(TEXT, TEXT, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_station_unlock(TEXT, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_at_station(TEXT, TEXT, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_print_state(BIGINT, TEXT, INTEGER, TEXT);
DROP FUNCTION IF EXISTS wip_admin_badge_label(TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_setting_set(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_setting_value(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_model_add(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_line_add(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_equipment_retire(TEXT);
DROP FUNCTION IF EXISTS wip_admin_equipment_add(TEXT, INTEGER, TEXT);
DROP FUNCTION IF EXISTS wip_admin_defect_add(INTEGER, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_criteria_export(INTEGER, INTEGER);
DROP FUNCTION IF EXISTS wip_admin_criteria_import(INTEGER, BYTEA);
DROP FUNCTION IF EXISTS wip_admin_criteria_diff(INTEGER, BYTEA);
DROP FUNCTION IF EXISTS wip_admin_criteria_changes(JSONB, JSONB);
DROP FUNCTION IF EXISTS wip_admin_field_text(JSONB);
DROP FUNCTION IF EXISTS wip_admin_criteria_check(processes, JSONB);
DROP FUNCTION IF EXISTS wip_admin_defects(processes);
DROP FUNCTION IF EXISTS wip_admin_check_field(JSONB, INTEGER, TEXT[], INTEGER);
DROP FUNCTION IF EXISTS wip_admin_is_number(JSONB);
DROP FUNCTION IF EXISTS wip_admin_json(BYTEA);
DROP FUNCTION IF EXISTS wip_admin_user_active(TEXT, BOOLEAN);
DROP FUNCTION IF EXISTS wip_admin_user_unlock(TEXT);
DROP FUNCTION IF EXISTS wip_admin_user_pin(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_user_add(TEXT, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_unlock(users, TEXT, BIGINT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_set_pin(users, TEXT, TEXT, BIGINT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_lock_state(BIGINT);
DROP FUNCTION IF EXISTS wip_admin_pin_hash(TEXT);
DROP FUNCTION IF EXISTS wip_admin_audit(TEXT, TEXT, TEXT, JSONB, JSONB, BIGINT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_process(INTEGER);
DROP FUNCTION IF EXISTS wip_admin_user(TEXT);
DROP FUNCTION IF EXISTS wip_admin_code(TEXT, TEXT, TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_badge(TEXT);
DROP FUNCTION IF EXISTS wip_admin_text(TEXT, TEXT, INTEGER, BOOLEAN);
DROP FUNCTION IF EXISTS wip_admin_fail(TEXT, TEXT);
DROP FUNCTION IF EXISTS wip_admin_show(TEXT, BOOLEAN);
-- badge labels recorded meanwhile stay (print jobs are never deleted): the narrower check
-- holds for new rows only
ALTER TABLE wip_print_jobs DROP CONSTRAINT IF EXISTS wip_print_jobs_label_type_check;
ALTER TABLE wip_print_jobs ADD CONSTRAINT wip_print_jobs_label_type_check
    CHECK (label_type IN ('WIP', 'SERIAL', 'LOT', 'COMMANDS', 'TEST')) NOT VALID;
DROP TABLE IF EXISTS wip_defect_texts;
REVOKE UPDATE (criteria_version) ON wip_process_history, process_data FROM wip_station;
ALTER TABLE process_data DROP COLUMN IF EXISTS criteria_version;
ALTER TABLE wip_process_history DROP COLUMN IF EXISTS criteria_version;
DROP TRIGGER IF EXISTS trg_processes_criteria_version ON processes;
DROP FUNCTION IF EXISTS wip_criteria_versioned();
DROP TABLE IF EXISTS wip_criteria_versions;
GRANT INSERT ON wip_audit_log TO wip_station;
ALTER TABLE wip_audit_log DROP COLUMN IF EXISTS new_value;
ALTER TABLE wip_audit_log DROP COLUMN IF EXISTS old_value;
ALTER TABLE wip_audit_log DROP COLUMN IF EXISTS os_user;
ALTER TABLE wip_audit_log DROP COLUMN IF EXISTS db_role;
