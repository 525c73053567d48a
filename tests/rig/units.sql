-- tests/rig/units.sql: a lot (:lot) of :n units that passed processes 1 and 2 at their
-- stations and wait for process 3 (psql -v lot=... -v n=...). Written as a station would
-- have written them, so the invariant check holds before the rigs start.
INSERT INTO lots (lot_number, product_model_id, production_line_id, production_date,
                  target_quantity, status)
SELECT :'lot', (SELECT id FROM product_models WHERE model_code = 'PSA'),
       (SELECT id FROM production_lines WHERE line_code = 'KR01'), CURRENT_DATE, :n,
       'IN_PROGRESS';
INSERT INTO wip_items (wip_id, lot_id, sequence_in_lot)
SELECT :'lot' || '-W' || lpad(g::text, 4, '0'), l.id, g
  FROM lots l, generate_series(1, :n) g WHERE l.lot_number = :'lot';
INSERT INTO wip_process_history (wip_item_id, process_id, operator_id, started_at,
                                 completed_at, result, process_data, station_id)
SELECT w.id, p, (SELECT id FROM users WHERE badge_code = 'OP-0001'),
       now() - interval '1 hour' + p * interval '1 minute',
       now() - interval '1 hour' + p * interval '1 minute' + interval '10 seconds',
       'PASS', '{"result": "PASS"}', 'P' || p || '-SETUP'
  FROM wip_items w JOIN lots l ON l.id = w.lot_id, generate_series(1, 2) p
 WHERE l.lot_number = :'lot'
 ORDER BY w.id, p;
