-- Master data for the tests: one line, one model, equipment for every process, and three
-- people. Idempotent: running it again changes nothing. `make demo` makes the same with
-- `wipstation admin` (tools/demo-admin.sh); tests/db/demo.sh checks that both agree.
-- Badges and PINs (shown on the demo's first screen and in the README):
--   OP-0001  operator   Kim Minsu    PIN 1111 (asked only when pin_for_operators = yes)
--   MG-0001  supervisor Lee Jiyoung  PIN 1234
--   AD-0001  admin      Park Admin   PIN 9999
INSERT INTO production_lines (line_code, line_name) VALUES ('KR01', 'Korea line 1')
    ON CONFLICT DO NOTHING;
INSERT INTO product_models (model_code, model_name) VALUES ('PSA', 'Withforce Wearable Robot PSA')
    ON CONFLICT DO NOTHING;
INSERT INTO users (username, full_name, role, password_hash, badge_code) VALUES
 ('kim.minsu', 'Kim Minsu', 'OPERATOR', '$2b$08$HAx5DyhRPOO6V8uUVdzKv.K.R8kMrcWCdDZ3IeEvgEjdzhpvQwtOG', 'OP-0001'),
 ('lee.jiyoung', 'Lee Jiyoung', 'MANAGER', '$2b$08$lYNK/6ydAzsc.4CF3imBY.ohXsx.Z15qAFwmk7w57vhbprYD3xrBO', 'MG-0001'),
 ('park.admin', 'Park Admin', 'ADMIN', '$2b$08$cdZsShCgtWsiz9OVg3IW/uCy4GCca3YuKgS.pcmUIsiibYYsmcDPG', 'AD-0001')
ON CONFLICT DO NOTHING;
INSERT INTO equipment (equipment_code, equipment_name, process_id)
SELECT e.code, e.name, p.id FROM (VALUES
  ('LASER-001', 'Laser marker 1', 1), ('ASSY-001', 'LMA bench 1', 2), ('SENSOR-001', 'Sensor tester 1', 3),
  ('FW-001', 'Firmware jig 1', 4), ('ROBOT-001', 'Robot bench 1', 5), ('PERF-001', 'Performance tester 1', 6),
  ('LABEL-001', 'Label station 1', 7), ('PACK-001', 'Packing table 1', 8)) AS e(code, name, num)
JOIN processes p ON p.process_number = e.num
ON CONFLICT DO NOTHING;
