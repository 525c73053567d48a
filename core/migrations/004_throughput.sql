-- wipstation migration 004: what many stations at once need from the database.
--
-- 1. Change notifications that do not serialise commits: PostgreSQL takes one
--    database-wide lock when a transaction that notified commits and holds it to the end
--    of the commit, so a NOTIFY from every changed row would make every station commit one
--    after another. A statement-level trigger notifies at most once per tenth of a second
--    for the whole line: the first change of a tenth sends the NOTIFY, the others of the
--    same tenth do not. So a board (tui/scr_board.c) reads 200 ms after a notification and
--    once more 1.5 s later, for a silent transaction of that tenth that committed after
--    the notifying one; and every 10 s on its own, for the changes of a tenth whose
--    notifying transaction rolled back.
-- 2. The status trigger in as few statements as its rules allow: one UPDATE of the unit
--    (its guard in the WHERE clause), and the last WIP process from a PL/pgSQL function
--    whose plan the session keeps.
-- 3. The line board's open lots from an index, not a scan of every lot.

-- 1. Notifications ---------------------------------------------------------------------
-- The last tenth of a second (since the epoch) in which a notification was sent.
CREATE SEQUENCE IF NOT EXISTS wip_notify_clock MINVALUE 0 START 0 NO CYCLE;

-- SECURITY DEFINER: the station role may neither move the clock nor read it.
CREATE OR REPLACE FUNCTION wip_notify_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_now BIGINT := floor(extract(epoch FROM clock_timestamp()) * 10)::bigint;
    v_last BIGINT;
BEGIN
    SELECT last_value INTO v_last FROM wip_notify_clock;
    IF v_now > v_last OR v_now < v_last - 10 THEN -- (or the clock went back)
        PERFORM setval('wip_notify_clock', v_now);
        PERFORM pg_notify('wip_events', '');
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION wip_notify_change() FROM PUBLIC;

DROP TRIGGER IF EXISTS trg_wip_items_notify ON wip_items;
CREATE TRIGGER trg_wip_items_notify AFTER INSERT OR UPDATE ON wip_items
    FOR EACH STATEMENT EXECUTE FUNCTION wip_notify_change();
DROP TRIGGER IF EXISTS trg_wip_history_notify ON wip_process_history;
DROP TRIGGER IF EXISTS trg_process_data_notify ON process_data;
CREATE TRIGGER trg_process_data_notify AFTER INSERT OR UPDATE ON process_data
    FOR EACH STATEMENT EXECUTE FUNCTION wip_notify_change();
DROP TRIGGER IF EXISTS trg_serials_notify ON serials;
CREATE TRIGGER trg_serials_notify AFTER INSERT OR UPDATE ON serials
    FOR EACH STATEMENT EXECUTE FUNCTION wip_notify_change();
DROP TRIGGER IF EXISTS trg_lots_notify ON lots;
CREATE TRIGGER trg_lots_notify AFTER INSERT OR UPDATE ON lots
    FOR EACH STATEMENT EXECUTE FUNCTION wip_notify_change();

-- 2. The status trigger -----------------------------------------------------------------
CREATE OR REPLACE FUNCTION wip_last_manufacturing_number() RETURNS INTEGER
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT max(p.process_number)
              FROM processes p
             WHERE p.is_active
               AND p.process_number < COALESCE((SELECT min(c.process_number) FROM processes c
                                                 WHERE c.is_active
                                                   AND c.process_type = 'SERIAL_CONVERSION'),
                                               2147483647));
END $$;

-- Same rules as migration 002: a PASS moves the unit forward only (current process never
-- goes back; COMPLETED once the last WIP process passed, and stays so); anything else
-- only keeps updated_at current; a CONVERTED or SCRAPPED unit is never touched.
CREATE OR REPLACE FUNCTION update_wip_status()
RETURNS TRIGGER AS $$
DECLARE
    v_num INTEGER;
BEGIN
    IF NEW.result = 'PASS' AND NEW.completed_at IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.result IS DISTINCT FROM 'PASS') THEN
        SELECT process_number INTO v_num FROM processes WHERE id = NEW.process_id;
        UPDATE wip_items w
           SET current_process_id =
                   CASE WHEN (SELECT c.process_number FROM processes c
                               WHERE c.id = w.current_process_id) IS NULL -- none, or unnumbered
                          OR v_num > (SELECT c.process_number FROM processes c
                                       WHERE c.id = w.current_process_id)
                        THEN NEW.process_id ELSE w.current_process_id END,
               status = CASE WHEN w.status = 'COMPLETED' OR v_num >= wip_last_manufacturing_number()
                             THEN 'COMPLETED' ELSE 'IN_PROGRESS' END,
               updated_at = NOW()
         WHERE w.id = NEW.wip_item_id AND w.status NOT IN ('CONVERTED', 'SCRAPPED');
    ELSE
        UPDATE wip_items SET updated_at = NOW()
         WHERE id = NEW.wip_item_id AND status NOT IN ('CONVERTED', 'SCRAPPED');
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- 3. The line board's open lots, newest first ----------------------------------------------
CREATE INDEX IF NOT EXISTS idx_lots_open_newest ON lots (created_at DESC, id DESC)
    WHERE status <> 'CLOSED';

-- migrate:down
DROP INDEX IF EXISTS idx_lots_open_newest;

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

CREATE OR REPLACE FUNCTION wip_last_manufacturing_number() RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT max(p.process_number)
      FROM processes p
     WHERE p.is_active
       AND p.process_number < COALESCE((SELECT min(c.process_number) FROM processes c
                                         WHERE c.is_active AND c.process_type = 'SERIAL_CONVERSION'),
                                       2147483647)
$$;

DROP TRIGGER IF EXISTS trg_lots_notify ON lots;
DROP TRIGGER IF EXISTS trg_serials_notify ON serials;
DROP TRIGGER IF EXISTS trg_process_data_notify ON process_data;
DROP TRIGGER IF EXISTS trg_wip_items_notify ON wip_items;
DROP FUNCTION IF EXISTS wip_notify_change();
DROP SEQUENCE IF EXISTS wip_notify_clock;
-- migration 003's row-level notifications, as they were
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
CREATE TRIGGER trg_wip_items_notify AFTER INSERT OR UPDATE ON wip_items
    FOR EACH ROW EXECUTE FUNCTION wip_notify_change();
CREATE TRIGGER trg_wip_history_notify AFTER INSERT OR UPDATE ON wip_process_history
    FOR EACH ROW EXECUTE FUNCTION wip_notify_change();
CREATE TRIGGER trg_process_data_notify AFTER INSERT OR UPDATE ON process_data
    FOR EACH ROW WHEN (NEW.station_id IS NOT NULL) EXECUTE FUNCTION wip_notify_change();
