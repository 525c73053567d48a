-- wipstation migration 002: the seed's WIP tables (WIP_MIGRATION_GUIDE 3.1.1, 3.1.2),
-- with deliberate changes (docs/DESIGN.md, Data model): SCRAPPED status, one open attempt per
-- unit, and the status trigger fixed (forward only, routing-derived, never touches a
-- CONVERTED or SCRAPPED unit, keeps updated_at current).

CREATE TABLE IF NOT EXISTS wip_items (
    id BIGSERIAL PRIMARY KEY,
    wip_id VARCHAR(50) UNIQUE NOT NULL,
    lot_id BIGINT NOT NULL REFERENCES lots(id) ON DELETE RESTRICT,
    sequence_in_lot INTEGER NOT NULL CHECK (sequence_in_lot > 0 AND sequence_in_lot <= 200),
    status VARCHAR(20) DEFAULT 'CREATED' NOT NULL CHECK (status IN ('CREATED', 'IN_PROGRESS', 'COMPLETED', 'CONVERTED', 'SCRAPPED')),
    current_process_id BIGINT REFERENCES processes(id),
    serial_id BIGINT REFERENCES serials(id) ON DELETE SET NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    converted_at TIMESTAMP WITH TIME ZONE,
    UNIQUE(lot_id, sequence_in_lot)
);

COMMENT ON TABLE wip_items IS 'WIP (작업 중인 제품) 관리 테이블';
COMMENT ON COLUMN wip_items.wip_id IS 'WIP ID (예: KR01PSA2511001-W0001)';
COMMENT ON COLUMN wip_items.sequence_in_lot IS 'LOT 내 순번 (1~200)';
COMMENT ON COLUMN wip_items.status IS 'WIP 상태 (CREATED → IN_PROGRESS → COMPLETED → CONVERTED; SCRAPPED)';
COMMENT ON COLUMN wip_items.current_process_id IS '현재 진행 중인 공정 ID';
COMMENT ON COLUMN wip_items.serial_id IS '전환된 Serial ID (NULL=미전환)';

CREATE INDEX IF NOT EXISTS idx_wip_lot ON wip_items(lot_id);
CREATE INDEX IF NOT EXISTS idx_wip_status ON wip_items(status);
CREATE INDEX IF NOT EXISTS idx_wip_current_process ON wip_items(current_process_id);
CREATE INDEX IF NOT EXISTS idx_wip_not_converted ON wip_items(lot_id, status) WHERE status != 'CONVERTED';
CREATE UNIQUE INDEX IF NOT EXISTS uq_wip_serial ON wip_items(serial_id) WHERE serial_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS wip_process_history (
    id BIGSERIAL PRIMARY KEY,
    wip_item_id BIGINT NOT NULL REFERENCES wip_items(id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE RESTRICT,
    operator_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    equipment_id BIGINT REFERENCES equipment(id) ON DELETE SET NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    result VARCHAR(20) CHECK (result IN ('PASS', 'FAIL', 'REWORK')),
    process_data JSONB,
    is_rework BOOLEAN DEFAULT FALSE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    CONSTRAINT chk_wip_process_completion CHECK (
        (completed_at IS NOT NULL AND result IS NOT NULL) OR
        (completed_at IS NULL AND result IS NULL)
    )
);

COMMENT ON TABLE wip_process_history IS 'WIP 공정 이력 테이블 (공정 1~6)';
COMMENT ON COLUMN wip_process_history.wip_item_id IS 'WIP FK';
COMMENT ON COLUMN wip_process_history.process_id IS '공정 FK (1~6)';

CREATE INDEX IF NOT EXISTS idx_wip_history_wip ON wip_process_history(wip_item_id);
CREATE INDEX IF NOT EXISTS idx_wip_history_process ON wip_process_history(process_id);
CREATE INDEX IF NOT EXISTS idx_wip_history_wip_process ON wip_process_history(wip_item_id, process_id);
CREATE INDEX IF NOT EXISTS idx_wip_history_incomplete ON wip_process_history(wip_item_id, process_id) WHERE completed_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_wip_history_jsonb ON wip_process_history USING GIN (process_data);
-- One open attempt per unit: two stations can never both start it.
CREATE UNIQUE INDEX IF NOT EXISTS uq_wip_history_one_open ON wip_process_history(wip_item_id) WHERE completed_at IS NULL;

-- The last WIP-based process of the active routing: the highest active process
-- numbered below the first active SERIAL_CONVERSION process (or the highest active
-- process when there is none).
CREATE OR REPLACE FUNCTION wip_last_manufacturing_number() RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT max(p.process_number)
      FROM processes p
     WHERE p.is_active
       AND p.process_number < COALESCE((SELECT min(c.process_number) FROM processes c
                                         WHERE c.is_active AND c.process_type = 'SERIAL_CONVERSION'),
                                       2147483647)
$$;

-- WIP 상태 자동 업데이트 Trigger (fixed)
CREATE OR REPLACE FUNCTION update_wip_status()
RETURNS TRIGGER AS $$
DECLARE
    v_status   VARCHAR(20);
    v_cur      BIGINT;
    v_num      INTEGER;
    v_cur_num  INTEGER;
    v_last     INTEGER;
BEGIN
    SELECT status, current_process_id INTO v_status, v_cur FROM wip_items WHERE id = NEW.wip_item_id;
    IF v_status IS NULL OR v_status IN ('CONVERTED', 'SCRAPPED') THEN
        RETURN NEW;
    END IF;
    IF NEW.result = 'PASS' AND NEW.completed_at IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.result IS DISTINCT FROM 'PASS') THEN
        SELECT process_number INTO v_num FROM processes WHERE id = NEW.process_id;
        SELECT process_number INTO v_cur_num FROM processes WHERE id = v_cur;
        v_last := wip_last_manufacturing_number();
        UPDATE wip_items
           SET current_process_id = CASE WHEN v_cur_num IS NULL OR v_num > v_cur_num
                                         THEN NEW.process_id ELSE current_process_id END,
               status = CASE WHEN status = 'COMPLETED' OR v_num >= v_last THEN 'COMPLETED'
                             ELSE 'IN_PROGRESS' END,
               updated_at = NOW()
         WHERE id = NEW.wip_item_id;
    ELSE
        UPDATE wip_items SET updated_at = NOW() WHERE id = NEW.wip_item_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS trg_update_wip_status ON wip_process_history;
CREATE TRIGGER trg_update_wip_status
AFTER INSERT OR UPDATE ON wip_process_history
FOR EACH ROW
EXECUTE FUNCTION update_wip_status();

-- migrate:down
DROP TRIGGER IF EXISTS trg_update_wip_status ON wip_process_history;
DROP FUNCTION IF EXISTS update_wip_status();
DROP TABLE IF EXISTS wip_process_history;
DROP TABLE IF EXISTS wip_items;
DROP FUNCTION IF EXISTS wip_last_manufacturing_number();
