-- wipstation migration 001: base tables of the F2X NeuroHub MES (docs/DESIGN.md, Data model).
-- On an existing F2X database every table is already there: CREATE ... IF NOT EXISTS
-- keeps it, ADD COLUMN IF NOT EXISTS adds only what wipstation needs (nullable or
-- with a default), and the default routing is inserted only where the process
-- number is free. No existing row is changed.

CREATE TABLE IF NOT EXISTS production_lines (
    id BIGSERIAL PRIMARY KEY,
    line_code VARCHAR(10) UNIQUE NOT NULL,
    line_name VARCHAR(100),
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE production_lines ADD COLUMN IF NOT EXISTS line_code VARCHAR(10);
ALTER TABLE production_lines ADD COLUMN IF NOT EXISTS line_name VARCHAR(100);
ALTER TABLE production_lines ADD COLUMN IF NOT EXISTS is_active BOOLEAN DEFAULT TRUE;

CREATE TABLE IF NOT EXISTS product_models (
    id BIGSERIAL PRIMARY KEY,
    model_code VARCHAR(20) UNIQUE NOT NULL,
    model_name VARCHAR(100),
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE product_models ADD COLUMN IF NOT EXISTS model_code VARCHAR(20);
ALTER TABLE product_models ADD COLUMN IF NOT EXISTS model_name VARCHAR(100);
ALTER TABLE product_models ADD COLUMN IF NOT EXISTS is_active BOOLEAN DEFAULT TRUE;

CREATE TABLE IF NOT EXISTS processes (
    id BIGSERIAL PRIMARY KEY,
    process_number INTEGER UNIQUE NOT NULL CHECK (process_number BETWEEN 1 AND 100),
    process_code VARCHAR(50) UNIQUE NOT NULL,
    process_name_ko VARCHAR(255) NOT NULL,
    process_name_en VARCHAR(255) NOT NULL,
    process_type VARCHAR(30) DEFAULT 'MANUFACTURING' NOT NULL
        CHECK (process_type IN ('MANUFACTURING', 'SERIAL_CONVERSION', 'SERIAL')),
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    quality_criteria JSONB DEFAULT '{"fields": []}'::jsonb NOT NULL,
    defect_items JSONB DEFAULT '[]'::jsonb NOT NULL,
    reworkable BOOLEAN DEFAULT TRUE NOT NULL,
    auto_print_label BOOLEAN DEFAULT FALSE NOT NULL,
    label_template_type VARCHAR(30),
    sort_order INTEGER,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE processes ADD COLUMN IF NOT EXISTS process_number INTEGER;
ALTER TABLE processes ADD COLUMN IF NOT EXISTS process_code VARCHAR(50);
ALTER TABLE processes ADD COLUMN IF NOT EXISTS process_name_ko VARCHAR(255);
ALTER TABLE processes ADD COLUMN IF NOT EXISTS process_name_en VARCHAR(255);
ALTER TABLE processes ADD COLUMN IF NOT EXISTS process_type VARCHAR(30) DEFAULT 'MANUFACTURING';
ALTER TABLE processes ADD COLUMN IF NOT EXISTS is_active BOOLEAN DEFAULT TRUE;
ALTER TABLE processes ADD COLUMN IF NOT EXISTS quality_criteria JSONB;
ALTER TABLE processes ADD COLUMN IF NOT EXISTS defect_items JSONB;
-- NULL on rows that existed before: read as "reworkable unless it creates the WIP"
ALTER TABLE processes ADD COLUMN IF NOT EXISTS reworkable BOOLEAN;
ALTER TABLE processes ADD COLUMN IF NOT EXISTS auto_print_label BOOLEAN DEFAULT FALSE;
ALTER TABLE processes ADD COLUMN IF NOT EXISTS label_template_type VARCHAR(30);
ALTER TABLE processes ADD COLUMN IF NOT EXISTS sort_order INTEGER;

CREATE TABLE IF NOT EXISTS users (
    id BIGSERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    full_name VARCHAR(100),
    role VARCHAR(20) DEFAULT 'OPERATOR' NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'OPERATOR')),
    password_hash VARCHAR(255),
    badge_code VARCHAR(32) UNIQUE,
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE users ADD COLUMN IF NOT EXISTS username VARCHAR(50);
ALTER TABLE users ADD COLUMN IF NOT EXISTS full_name VARCHAR(100);
ALTER TABLE users ADD COLUMN IF NOT EXISTS role VARCHAR(20) DEFAULT 'OPERATOR';
ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash VARCHAR(255);
ALTER TABLE users ADD COLUMN IF NOT EXISTS badge_code VARCHAR(32);
ALTER TABLE users ADD COLUMN IF NOT EXISTS is_active BOOLEAN DEFAULT TRUE;
CREATE UNIQUE INDEX IF NOT EXISTS uq_users_badge_code_upper ON users (upper(badge_code));

CREATE TABLE IF NOT EXISTS equipment (
    id BIGSERIAL PRIMARY KEY,
    equipment_code VARCHAR(50) UNIQUE NOT NULL,
    equipment_name VARCHAR(100),
    process_id BIGINT REFERENCES processes(id) ON DELETE SET NULL,
    status VARCHAR(20) DEFAULT 'AVAILABLE' NOT NULL,
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS equipment_code VARCHAR(50);
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS equipment_name VARCHAR(100);
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS process_id BIGINT;
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS status VARCHAR(20) DEFAULT 'AVAILABLE';
ALTER TABLE equipment ADD COLUMN IF NOT EXISTS is_active BOOLEAN DEFAULT TRUE;

CREATE TABLE IF NOT EXISTS lots (
    id BIGSERIAL PRIMARY KEY,
    lot_number VARCHAR(50) UNIQUE NOT NULL,
    product_model_id BIGINT REFERENCES product_models(id) ON DELETE RESTRICT,
    production_line_id BIGINT REFERENCES production_lines(id) ON DELETE RESTRICT,
    production_date DATE DEFAULT CURRENT_DATE NOT NULL,
    target_quantity INTEGER DEFAULT 100 NOT NULL CHECK (target_quantity BETWEEN 1 AND 200),
    actual_quantity INTEGER DEFAULT 0 NOT NULL,
    passed_quantity INTEGER DEFAULT 0 NOT NULL,
    failed_quantity INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(20) DEFAULT 'CREATED' NOT NULL
        CHECK (status IN ('CREATED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED')),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    closed_at TIMESTAMP WITH TIME ZONE
);
ALTER TABLE lots ADD COLUMN IF NOT EXISTS product_model_id BIGINT;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS production_line_id BIGINT;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS production_date DATE DEFAULT CURRENT_DATE;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS target_quantity INTEGER DEFAULT 100;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS actual_quantity INTEGER DEFAULT 0;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS passed_quantity INTEGER DEFAULT 0;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS failed_quantity INTEGER DEFAULT 0;
ALTER TABLE lots ADD COLUMN IF NOT EXISTS created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW();
ALTER TABLE lots ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW();
ALTER TABLE lots ADD COLUMN IF NOT EXISTS closed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE IF NOT EXISTS serials (
    id BIGSERIAL PRIMARY KEY,
    serial_number VARCHAR(50) UNIQUE NOT NULL,
    lot_id BIGINT NOT NULL REFERENCES lots(id) ON DELETE RESTRICT,
    sequence_in_lot INTEGER NOT NULL CHECK (sequence_in_lot > 0),
    status VARCHAR(20) DEFAULT 'CREATED' NOT NULL
        CHECK (status IN ('CREATED', 'IN_PROGRESS', 'PASSED', 'FAILED', 'SCRAPPED')),
    rework_count INTEGER DEFAULT 0 NOT NULL CHECK (rework_count BETWEEN 0 AND 3),
    failure_reason TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    UNIQUE (lot_id, sequence_in_lot)
);
ALTER TABLE serials ADD COLUMN IF NOT EXISTS status VARCHAR(20) DEFAULT 'CREATED';
ALTER TABLE serials ADD COLUMN IF NOT EXISTS rework_count INTEGER DEFAULT 0;
ALTER TABLE serials ADD COLUMN IF NOT EXISTS failure_reason TEXT;
ALTER TABLE serials ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW();
ALTER TABLE serials ADD COLUMN IF NOT EXISTS completed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE IF NOT EXISTS process_data (
    id BIGSERIAL PRIMARY KEY,
    lot_id BIGINT REFERENCES lots(id) ON DELETE RESTRICT,
    serial_id BIGINT REFERENCES serials(id) ON DELETE RESTRICT,
    process_id BIGINT NOT NULL REFERENCES processes(id) ON DELETE RESTRICT,
    operator_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    equipment_id BIGINT REFERENCES equipment(id) ON DELETE SET NULL,
    start_time TIMESTAMP WITH TIME ZONE,
    complete_time TIMESTAMP WITH TIME ZONE,
    result VARCHAR(20) CHECK (result IN ('PASS', 'FAIL', 'REWORK')),
    process_specific_data JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS lot_id BIGINT;
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW();
ALTER TABLE process_data ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW();
CREATE INDEX IF NOT EXISTS idx_process_data_serial ON process_data (serial_id, process_id);
CREATE INDEX IF NOT EXISTS idx_process_data_lot ON process_data (lot_id);

-- The default routing: id = process_number, as the seed's trigger assumed.
INSERT INTO processes (id, process_number, process_code, process_name_ko, process_name_en,
                       process_type, reworkable, auto_print_label, label_template_type,
                       quality_criteria, defect_items, sort_order)
VALUES
 (1, 1, 'LASER_MARKING', '레이저 마킹', 'Laser marking', 'MANUFACTURING', FALSE, TRUE, 'WIP_LABEL',
  '{"fields": []}',
  '["MARKING_FAIL"]', 1),
 (2, 2, 'LMA_ASSEMBLY', 'LMA 조립', 'LMA assembly', 'MANUFACTURING', TRUE, FALSE, NULL,
  '{"fields": [{"code": "sma_spring_lot", "label_ko": "SMA 스프링 LOT", "label_en": "SMA spring lot", "type": "lot", "prefix": "SPRING-", "required": true, "defect": "PART_DEFECT"}, {"code": "busbar_lot", "label_ko": "부스바 LOT", "label_en": "Busbar lot", "type": "lot", "prefix": "BUSBAR-", "required": true, "defect": "PART_DEFECT"}, {"code": "visual_inspection", "label_ko": "육안 검사", "label_en": "Visual inspection", "type": "passfail", "required": true, "defect": "ASSEMBLY_ERROR"}]}',
  '["PART_DEFECT", "ASSEMBLY_ERROR"]', 2),
 (3, 3, 'SENSOR_INSPECTION', '센서 검사', 'Sensor inspection', 'MANUFACTURING', TRUE, FALSE, NULL,
  '{"fields": [{"code": "measured_temp", "label_ko": "측정 온도", "label_en": "Measured temperature", "type": "number", "unit": "°C", "min": 59.0, "max": 61.0, "target": 60.0, "required": true, "defect": "SENSOR_TEMP_FAIL"}, {"code": "tof_i2c", "label_ko": "TOF I2C 응답", "label_en": "TOF I2C responds", "type": "passfail", "required": true, "defect": "SENSOR_TOF_FAIL"}]}',
  '["SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL"]', 3),
 (4, 4, 'FIRMWARE_UPLOAD', '펌웨어 업로드', 'Firmware upload', 'MANUFACTURING', TRUE, FALSE, NULL,
  '{"fields": [{"code": "firmware_version", "label_ko": "펌웨어 버전", "label_en": "Firmware version", "type": "text", "required": true, "defect": "FIRMWARE_UPLOAD_FAIL"}, {"code": "upload_ok", "label_ko": "업로드 성공", "label_en": "Upload succeeded", "type": "passfail", "required": true, "defect": "FIRMWARE_UPLOAD_FAIL"}]}',
  '["FIRMWARE_UPLOAD_FAIL", "FIRMWARE_COMM_ERROR"]', 4),
 (5, 5, 'ROBOT_ASSEMBLY', '로봇 조립', 'Robot assembly', 'MANUFACTURING', TRUE, FALSE, NULL,
  '{"fields": [{"code": "cable_connection", "label_ko": "케이블 연결", "label_en": "Cable connection", "type": "passfail", "required": true, "defect": "ASSEMBLY_ERROR"}, {"code": "final_visual_check", "label_ko": "최종 외관", "label_en": "Final visual check", "type": "passfail", "required": true, "defect": "APPEARANCE_DEFECT"}]}',
  '["ASSEMBLY_ERROR", "APPEARANCE_DEFECT"]', 5),
 (6, 6, 'PERFORMANCE_TEST', '성능검사', 'Performance test', 'MANUFACTURING', TRUE, FALSE, NULL,
  '{"fields": [{"code": "measured_force", "label_ko": "측정 힘", "label_en": "Measured force", "type": "number", "unit": "kgf", "min": 13.0, "max": 17.0, "target": 15.0, "required": true, "defect": "PERFORMANCE_FAIL"}]}',
  '["PERFORMANCE_FAIL"]', 6),
 (7, 7, 'LABEL_PRINTING', '라벨 프린팅', 'Label printing', 'SERIAL_CONVERSION', TRUE, TRUE, 'SERIAL_LABEL',
  '{"fields": []}',
  '["LABEL_PRINT_FAIL", "LABEL_ATTACH_ERROR"]', 7),
 (8, 8, 'PACKAGING_INSPECTION', '포장 + 외관검사', 'Packaging + visual inspection', 'SERIAL', TRUE, FALSE, NULL,
  '{"fields": [{"code": "no_scratch", "label_ko": "스크래치 없음", "label_en": "No scratch", "type": "passfail", "required": true, "defect": "VISUAL_DEFECT"}, {"code": "no_contamination", "label_ko": "오염 없음", "label_en": "No contamination", "type": "passfail", "required": true, "defect": "VISUAL_DEFECT"}, {"code": "no_missing_part", "label_ko": "누락 부품 없음", "label_en": "No missing part", "type": "passfail", "required": true, "defect": "PACKAGING_ERROR"}, {"code": "label_placement", "label_ko": "라벨 위치", "label_en": "Label placement", "type": "passfail", "required": true, "defect": "PACKAGING_ERROR"}, {"code": "no_damage", "label_ko": "파손 없음", "label_en": "No damage", "type": "passfail", "required": true, "defect": "VISUAL_DEFECT"}]}',
  '["VISUAL_DEFECT", "PACKAGING_ERROR"]', 8)
ON CONFLICT DO NOTHING;

SELECT setval(pg_get_serial_sequence('processes', 'id'),
              GREATEST((SELECT max(id) FROM processes), 1))
 WHERE pg_get_serial_sequence('processes', 'id') IS NOT NULL;

-- migrate:down
-- The base tables hold the plant's data: they are never dropped by wipstation.
DO $$ BEGIN
    RAISE EXCEPTION 'migration 001 holds the base tables and cannot be removed; restore a pg_dump backup instead';
END $$;
