-- wipstation migration 009: quality. Reports as SQL functions (first-pass yield, defect
-- Pareto, measurement statistics, cycle times, CSV exports) read by the role wip_report,
-- which may read and nothing else; the component-lot genealogy (which units used a
-- component lot); quarantine holds of a unit or a whole lot, enforced by the database.
-- Measurements are judged by the criteria versions of migration 008.
--
-- Times: a report's dates are days of the plant (wip_settings.plant_time_zone), its
-- shifts start at wip_settings.shift_starts. An attempt belongs to the moment it was
-- completed. Arguments a person typed wrongly (dates reversed, an unknown process or
-- field, a range longer than wip_settings.report_max_days) raise SQLSTATE 22023 with a
-- message meant for that person; `wipstation report` exits 2 on them.

-- 1. Settings ----------------------------------------------------------------------------
INSERT INTO wip_settings (key, value) VALUES
    ('plant_time_zone', 'Asia/Seoul'),
    ('shift_starts', '06:00,14:00,22:00'),
    ('report_max_days', '366')
ON CONFLICT DO NOTHING;

-- The plant's time zone, checked (a misspelt zone would otherwise be read as UTC by no one
-- and fail deep inside a report).
CREATE OR REPLACE FUNCTION wip_plant_tz() RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v text;
BEGIN
    SELECT btrim(value) INTO v FROM wip_settings WHERE key = 'plant_time_zone';
    v := COALESCE(NULLIF(v, ''), 'Asia/Seoul');
    BEGIN
        PERFORM now() AT TIME ZONE v;
    EXCEPTION WHEN invalid_parameter_value THEN
        RAISE EXCEPTION 'wip_settings plant_time_zone: "%" is not a time zone (e.g. Asia/Seoul)', v
            USING ERRCODE = 'WS101';
    END;
    RETURN v;
END $$;

-- The shift start times, sorted: "06:00,14:00,22:00". A shift runs from its start to the
-- next one; the last runs past midnight to the first start of the next day and belongs
-- to the day it started.
CREATE OR REPLACE FUNCTION wip_shift_starts() RETURNS time[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v text;
    r time[];
BEGIN
    SELECT value INTO v FROM wip_settings WHERE key = 'shift_starts';
    v := COALESCE(NULLIF(btrim(v), ''), '06:00,14:00,22:00');
    BEGIN
        SELECT array_agg(DISTINCT btrim(x)::time ORDER BY btrim(x)::time) INTO r
          FROM unnest(string_to_array(v, ',')) x WHERE btrim(x) <> '';
    EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow THEN
        r := NULL;
    END;
    IF r IS NULL OR cardinality(r) = 0 THEN
        RAISE EXCEPTION 'wip_settings shift_starts: "%" is not a list of times (e.g. 06:00,14:00,22:00)', v
            USING ERRCODE = 'WS101';
    END IF;
    RETURN r;
END $$;

-- The checks of these settings for `wipstation admin setting set` (see
-- wip_admin_setting_value): each returns the value to store or refuses, so that a typing
-- error is refused at the command rather than found later inside a report.
CREATE OR REPLACE FUNCTION wip_setting_check_plant_time_zone(p_value TEXT)
RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p_value) THEN
        PERFORM wip_admin_fail('WA001', format('plant_time_zone %s: not a time zone name'
            ' (e.g. Asia/Seoul, Europe/Berlin)', wip_admin_show(p_value)));
    END IF;
    RETURN p_value;
END $$;

-- 1 to 6 distinct HH:MM, stored sorted as HH:MM
CREATE OR REPLACE FUNCTION wip_setting_check_shift_starts(p_value TEXT)
RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    t time[];
BEGIN
    IF p_value !~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]( *, *([01]?[0-9]|2[0-3]):[0-5][0-9]){0,5}$' THEN
        PERFORM wip_admin_fail('WA001', format('shift_starts %s: 1 to 6 start times HH:MM'
            ' separated by commas (e.g. 06:00,14:00,22:00)', wip_admin_show(p_value)));
    END IF;
    SELECT array_agg(btrim(x)::time ORDER BY btrim(x)::time) INTO t
      FROM unnest(string_to_array(p_value, ',')) x;
    IF cardinality(t) <> (SELECT count(DISTINCT u) FROM unnest(t) u) THEN
        PERFORM wip_admin_fail('WA001', format('shift_starts %s: a start time repeats',
                                               wip_admin_show(p_value)));
    END IF;
    RETURN (SELECT string_agg(to_char(u, 'HH24:MI'), ',' ORDER BY u) FROM unnest(t) u);
END $$;

CREATE OR REPLACE FUNCTION wip_setting_check_report_max_days(p_value TEXT)
RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF p_value !~ '^[0-9]{1,4}$' OR p_value::int NOT BETWEEN 1 AND 3660 THEN
        PERFORM wip_admin_fail('WA001', format('report_max_days %s: 1 to 3660 (the longest'
            ' range a report may cover, in days)', wip_admin_show(p_value)));
    END IF;
    RETURN (p_value::int)::text;
END $$;
REVOKE ALL ON FUNCTION wip_setting_check_plant_time_zone(TEXT), wip_setting_check_shift_starts(TEXT),
    wip_setting_check_report_max_days(TEXT) FROM PUBLIC;

-- The shift a moment belongs to, as the local time its shift started ("2025-11-20 22:00"),
-- given the plant's zone, the first start and the other starts' offsets from it (see
-- wip_shift_offsets). Immutable so that a report computes it per row without lookups.
CREATE OR REPLACE FUNCTION wip_shift_label(p_at timestamptz, p_tz text, p_first time,
                                           p_offsets interval[])
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_char(date_trunc('day', (p_at AT TIME ZONE p_tz) - p_first) + p_first
                   + p_offsets[width_bucket(((p_at AT TIME ZONE p_tz) - p_first)::time, p_offsets::time[])],
                   'YYYY-MM-DD HH24:MI')
$$;

CREATE OR REPLACE FUNCTION wip_shift_offsets(p_starts time[]) RETURNS interval[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(s - p_starts[1] ORDER BY s) FROM unnest(p_starts) s
$$;

-- The shift running at p_at: its label, start and end.
CREATE OR REPLACE FUNCTION wip_shift_window(p_at timestamptz DEFAULT now(),
                                            OUT shift text, OUT t0 timestamptz, OUT t1 timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tz text := wip_plant_tz();
    s time[] := wip_shift_starts();
    offs interval[] := wip_shift_offsets(s);
    k int;
    day timestamp;
BEGIN
    shift := wip_shift_label(p_at, tz, s[1], offs);
    day := date_trunc('day', (p_at AT TIME ZONE tz) - s[1]) + s[1];
    k := array_position(offs, ((shift::timestamp) - day));
    t0 := shift::timestamp AT TIME ZONE tz;
    t1 := (CASE WHEN k < cardinality(offs) THEN day + offs[k + 1] ELSE day + interval '1 day' END)
          AT TIME ZONE tz;
END $$;

-- Local dates [p_from, p_to] (both included) as a time window, checked.
CREATE OR REPLACE FUNCTION wip_report_window(p_from date, p_to date,
                                             OUT t0 timestamptz, OUT t1 timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tz text := wip_plant_tz();
    maxd int;
BEGIN
    IF p_from IS NULL OR p_to IS NULL THEN
        RAISE EXCEPTION 'a report needs --from DATE and --to DATE' USING ERRCODE = '22023';
    END IF;
    IF p_from > p_to THEN
        RAISE EXCEPTION '--from % is after --to %: the dates are reversed', p_from, p_to
            USING ERRCODE = '22023';
    END IF;
    SELECT CASE WHEN value ~ '^\s*[0-9]{1,6}\s*$' THEN value::int END INTO maxd
      FROM wip_settings WHERE key = 'report_max_days';
    maxd := COALESCE(maxd, 366);
    IF p_to - p_from + 1 > maxd THEN
        RAISE EXCEPTION '% to % is % days; a report covers at most % (wip_settings report_max_days)',
            p_from, p_to, p_to - p_from + 1, maxd USING ERRCODE = '22023';
    END IF;
    t0 := p_from::timestamp AT TIME ZONE tz;
    t1 := (p_to + 1)::timestamp AT TIME ZONE tz;
END $$;

CREATE OR REPLACE FUNCTION wip_report_process(p_process int) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v bigint;
BEGIN
    SELECT id INTO v FROM processes WHERE process_number = p_process;
    IF v IS NULL THEN
        RAISE EXCEPTION 'there is no process %; the processes are %', p_process,
            (SELECT string_agg(process_number::text, ', ' ORDER BY process_number) FROM processes
              WHERE process_number IS NOT NULL)
            USING ERRCODE = '22023';
    END IF;
    RETURN v;
END $$;

-- 2. Every attempt of every unit ---------------------------------------------------------
-- WIP history, then the serial-phase records (process_data of the converting process and
-- after, as the unit card reads them); the old system's REWORK result reads as FAIL.
-- src 'H' or 'D' and id name the row.
CREATE OR REPLACE VIEW wip_attempts AS
SELECT 'H'::text AS src, h.id, h.wip_item_id, h.process_id, p.process_number, h.operator_id,
       h.equipment_id, h.station_id, h.started_at, h.completed_at,
       CASE WHEN h.result = 'REWORK' THEN 'FAIL' ELSE h.result END::text AS result,
       h.is_rework, h.process_data AS data, h.criteria_version
  FROM wip_process_history h
  JOIN processes p ON p.id = h.process_id
UNION ALL
SELECT 'D', pd.id, w.id, pd.process_id, p.process_number, pd.operator_id, pd.equipment_id,
       pd.station_id, pd.start_time, pd.complete_time,
       CASE WHEN pd.result = 'REWORK' THEN 'FAIL' ELSE pd.result END,
       pd.is_rework, pd.process_specific_data, pd.criteria_version
  FROM process_data pd
  JOIN wip_items w ON w.serial_id = pd.serial_id
  JOIN processes p ON p.id = pd.process_id
 WHERE p.process_number >= (SELECT COALESCE(min(c.process_number), 2147483647) FROM processes c
                             WHERE c.is_active AND c.process_type = 'SERIAL_CONVERSION')
   AND (pd.complete_time IS NOT NULL OR pd.station_id IS NOT NULL);

-- Reports find attempts by the time they were completed.
CREATE INDEX IF NOT EXISTS idx_wip_history_completed ON wip_process_history (completed_at)
    WHERE completed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_process_data_completed ON process_data (complete_time)
    WHERE complete_time IS NOT NULL;

-- The first completed attempt of each unit at each process, completed in [t0, t1): the
-- attempt first-pass yield judges. An earlier completed attempt of the same unit at the
-- same process, even before t0, makes a later one not the first. The first one is looked
-- up per attempt in the unit's own attempts (a subquery the planner keeps as such): as an
-- anti-join it would read every attempt of the line once a month is asked for.
CREATE OR REPLACE FUNCTION wip_first_attempts(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (wip_item_id bigint, process_id bigint, result text, completed_at timestamptz,
               station_id text, operator_id bigint)
LANGUAGE sql STABLE AS $$
    SELECT h.wip_item_id, h.process_id, CASE WHEN h.result = 'REWORK' THEN 'FAIL' ELSE h.result END,
           h.completed_at, h.station_id, h.operator_id
      FROM wip_process_history h
     WHERE h.completed_at >= p_t0 AND h.completed_at < p_t1
       AND h.id = (SELECT e.id FROM wip_process_history e
                    WHERE e.wip_item_id = h.wip_item_id AND e.process_id = h.process_id
                      AND e.completed_at IS NOT NULL
                    ORDER BY e.completed_at, e.id LIMIT 1)
    UNION ALL
    SELECT w.id, pd.process_id, CASE WHEN pd.result = 'REWORK' THEN 'FAIL' ELSE pd.result END,
           pd.complete_time, pd.station_id, pd.operator_id
      FROM process_data pd
      JOIN wip_items w ON w.serial_id = pd.serial_id
     WHERE pd.complete_time >= p_t0 AND pd.complete_time < p_t1
       AND pd.process_id IN (SELECT p.id FROM processes p
                              WHERE p.process_number >= (SELECT COALESCE(min(c.process_number), 2147483647)
                                                           FROM processes c WHERE c.is_active
                                                            AND c.process_type = 'SERIAL_CONVERSION'))
       AND pd.id = (SELECT e.id FROM process_data e
                     WHERE e.serial_id = pd.serial_id AND e.process_id = pd.process_id
                       AND e.complete_time IS NOT NULL
                     ORDER BY e.complete_time, e.id LIMIT 1)
$$;

-- 3. First-pass yield --------------------------------------------------------------------
-- Per group and process: the units whose first completed attempt at the process falls in
-- [t0, t1), how many of those first attempts were a PASS, and their ratio. p_by: process
-- (one group, ''), day (the plant's local date), shift (its label), station or operator
-- (of the first attempt). For process, day and shift each group ends with a row whose
-- process_code is 'RTY' and fpy the rolled throughput yield: the product of the group's
-- per-process yields.
CREATE OR REPLACE FUNCTION wip_fpy_between(p_t0 timestamptz, p_t1 timestamptz,
                                           p_by text DEFAULT 'process')
RETURNS TABLE (grp text, process_number int, process_code text, units bigint,
               first_pass bigint, fpy numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tz text := wip_plant_tz();
    s time[] := wip_shift_starts();
    offs interval[] := wip_shift_offsets(s);
BEGIN
    IF p_by IS NULL OR p_by NOT IN ('process', 'day', 'shift', 'station', 'operator') THEN
        RAISE EXCEPTION '--by %: use process, day, shift, station or operator', COALESCE(p_by, '')
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH f AS (
        SELECT CASE p_by
                   WHEN 'process' THEN ''
                   WHEN 'day' THEN to_char(a.completed_at AT TIME ZONE tz, 'YYYY-MM-DD')
                   WHEN 'shift' THEN wip_shift_label(a.completed_at, tz, s[1], offs)
                   WHEN 'station' THEN COALESCE(a.station_id, '-')
                   ELSE COALESCE(u.username, '-') END AS g,
               a.process_id, a.result
          FROM wip_first_attempts(p_t0, p_t1) a
          LEFT JOIN users u ON u.id = a.operator_id AND p_by = 'operator'
    ), c AS (
        SELECT f.g, p.process_number AS pn, p.process_code::text AS pc, count(*) AS n,
               count(*) FILTER (WHERE f.result = 'PASS') AS ok
          FROM f JOIN processes p ON p.id = f.process_id
         GROUP BY f.g, p.process_number, p.process_code
    )
    SELECT c.g::text, c.pn, c.pc, c.n, c.ok, c.ok::numeric / c.n FROM c
    UNION ALL
    SELECT c.g::text, NULL::int, 'RTY'::text, NULL::bigint, NULL::bigint,
           CASE WHEN bool_or(c.ok = 0) THEN 0::numeric
                ELSE exp(sum(ln(NULLIF(c.ok, 0)::numeric / c.n))) END
      FROM c WHERE p_by IN ('process', 'day', 'shift')
     GROUP BY c.g
     ORDER BY 1, 2 NULLS LAST;
END $$;

CREATE OR REPLACE FUNCTION wip_report_fpy(p_from date, p_to date, p_by text DEFAULT 'process')
RETURNS TABLE (grp text, process_number int, process_code text, units bigint,
               first_pass bigint, fpy numeric)
LANGUAGE sql STABLE AS $$
    SELECT f.* FROM wip_report_window(p_from, p_to) w, wip_fpy_between(w.t0, w.t1, p_by) f
$$;

-- 4. Defect Pareto -----------------------------------------------------------------------
-- FAILs completed in [t0, t1) by process and defect code, largest first, with each one's
-- share of all of them and the cumulative share. A FAIL without a code counts as
-- UNSPECIFIED.
CREATE OR REPLACE FUNCTION wip_pareto_between(p_t0 timestamptz, p_t1 timestamptz,
                                              p_process int DEFAULT NULL)
RETURNS TABLE (process_number int, process_code text, defect text, count bigint,
               share numeric, cumulative numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    pid bigint;
BEGIN
    IF p_process IS NOT NULL THEN
        pid := wip_report_process(p_process);
    END IF;
    RETURN QUERY
    WITH f AS (
        SELECT h.process_id, h.process_data ->> 'defect' AS d
          FROM wip_process_history h
         WHERE h.completed_at >= p_t0 AND h.completed_at < p_t1 AND h.result IN ('FAIL', 'REWORK')
           AND (pid IS NULL OR h.process_id = pid)
        UNION ALL
        SELECT a.process_id, a.data ->> 'defect'
          FROM wip_attempts a
         WHERE a.src = 'D' AND a.completed_at >= p_t0 AND a.completed_at < p_t1
           AND a.result = 'FAIL' AND (pid IS NULL OR a.process_id = pid)
    ), c AS (
        SELECT p.process_number AS pn, p.process_code::text AS pc,
               COALESCE(NULLIF(btrim(f.d), ''), 'UNSPECIFIED')::text AS dc, count(*) AS n
          FROM f JOIN processes p ON p.id = f.process_id
         GROUP BY 1, 2, 3
    )
    SELECT c.pn, c.pc, c.dc, c.n, c.n::numeric / sum(c.n) OVER (),
           sum(c.n) OVER (ORDER BY c.n DESC, c.pn, c.dc ROWS UNBOUNDED PRECEDING)::numeric
               / sum(c.n) OVER ()
      FROM c
     ORDER BY c.n DESC, c.pn, c.dc;
END $$;

CREATE OR REPLACE FUNCTION wip_report_pareto(p_from date, p_to date, p_process int DEFAULT NULL)
RETURNS TABLE (process_number int, process_code text, defect text, count bigint,
               share numeric, cumulative numeric)
LANGUAGE sql STABLE AS $$
    SELECT f.* FROM wip_report_window(p_from, p_to) w, wip_pareto_between(w.t0, w.t1, p_process) f
$$;

-- 5. Measurements ------------------------------------------------------------------------
-- Each value is judged by the limits of the criteria its attempt was judged against: the
-- version of wip_criteria_versions (migration 008) the station recorded with it; for an
-- attempt without one (the original system's rows, a back-fill), the version in force when
-- it was completed. Version 1 holds the criteria found when versions began to be kept and
-- stands for everything before (what came before is not known). See wip_spc_values.

-- A field's definition in a criteria document.
CREATE OR REPLACE FUNCTION wip_criteria_field(p_criteria jsonb, p_code text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT f FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_criteria -> 'fields') = 'array'
                                            THEN p_criteria -> 'fields' ELSE '[]' END) f
     WHERE f ->> 'code' = p_code LIMIT 1
$$;

-- A JSON value as a number (the station writes numbers; older data may hold strings).
CREATE OR REPLACE FUNCTION wip_json_number(p jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jsonb_typeof(p) = 'number' THEN (p #>> '{}')::numeric
                WHEN jsonb_typeof(p) = 'string'
                     AND btrim(p #>> '{}') ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
                THEN btrim(p #>> '{}')::numeric END
$$;

-- The values of one number field at one process, completed in [t0, t1), oldest first,
-- each with the limits it was judged by (the attempt's criteria version, see above).
CREATE OR REPLACE FUNCTION wip_spc_values(p_process_id bigint, p_field text,
                                          p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (src text, id bigint, wip_item_id bigint, completed_at timestamptz, value numeric,
               lsl numeric, usl numeric)
LANGUAGE sql STABLE AS $$
    SELECT a.src, a.id, a.wip_item_id, a.completed_at, wip_json_number(a.data -> 'measurements' -> p_field),
           wip_json_number(wip_criteria_field(c.criteria, p_field) -> 'min'),
           wip_json_number(wip_criteria_field(c.criteria, p_field) -> 'max')
      FROM wip_attempts a
      LEFT JOIN LATERAL (SELECT v.criteria FROM wip_criteria_versions v
                          WHERE v.process_id = a.process_id
                            AND CASE WHEN a.criteria_version IS NOT NULL THEN v.version = a.criteria_version
                                     ELSE v.created_at <= a.completed_at OR v.version = 1 END
                          ORDER BY v.version DESC LIMIT 1) c ON TRUE
     WHERE a.process_id = p_process_id AND a.completed_at >= p_t0 AND a.completed_at < p_t1
       AND wip_json_number(a.data -> 'measurements' -> p_field) IS NOT NULL
$$;

-- Checks the process and the field of an SPC report; returns the process's id.
CREATE OR REPLACE FUNCTION wip_report_field(p_process int, p_field text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    pid bigint := wip_report_process(p_process);
    known text;
BEGIN
    IF EXISTS (SELECT 1 FROM wip_criteria_versions v
                WHERE v.process_id = pid
                  AND wip_criteria_field(v.criteria, p_field) ->> 'type' = 'number') THEN
        RETURN pid;
    END IF;
    SELECT string_agg(DISTINCT f ->> 'code', ', ') INTO known
      FROM wip_criteria_versions v,
           jsonb_array_elements(CASE WHEN jsonb_typeof(v.criteria -> 'fields') = 'array'
                                     THEN v.criteria -> 'fields' ELSE '[]' END) f
     WHERE v.process_id = pid AND f ->> 'type' = 'number';
    RAISE EXCEPTION 'process % has no number field "%"; %', p_process, COALESCE(p_field, ''),
        CASE WHEN known IS NULL THEN 'it measures no numbers'
             ELSE 'its number fields are: ' || known END
        USING ERRCODE = '22023';
END $$;

-- Statistics per set of limits the values were judged by (one row when the limits did not
-- change), and, when there were several, a last row over every value (lsl, usl, cp and
-- cpk NULL, all_values true). sd is the sample standard deviation; cp = (usl - lsl) / 6 sd,
-- cpk = min(usl - mean, mean - lsl) / 3 sd (the one side there is when a limit is
-- missing). out_of_spec: values below lsl or above usl.
CREATE OR REPLACE FUNCTION wip_spc_between(p_process int, p_field text,
                                           p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (all_values boolean, lsl numeric, usl numeric, n bigint, mean numeric, sd numeric,
               min numeric, max numeric, cp numeric, cpk numeric, out_of_spec bigint,
               first_at timestamptz, last_at timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    pid bigint := wip_report_field(p_process, p_field);
BEGIN
    RETURN QUERY
    WITH v AS (SELECT * FROM wip_spc_values(pid, p_field, p_t0, p_t1)),
    g AS (
        SELECT GROUPING(v.lsl, v.usl) = 3 AS whole, v.lsl AS lo, v.usl AS hi, count(*) AS k,
               avg(v.value) AS m, stddev_samp(v.value) AS s, min(v.value) AS mn, max(v.value) AS mx,
               count(*) FILTER (WHERE v.value < v.lsl OR v.value > v.usl) AS oos,
               min(v.completed_at) AS fa, max(v.completed_at) AS la
          FROM v GROUP BY GROUPING SETS ((v.lsl, v.usl), ())
    )
    SELECT g.whole, g.lo, g.hi, g.k, g.m, g.s, g.mn, g.mx,
           CASE WHEN NOT g.whole AND COALESCE(g.s, 0) > 0 AND g.lo IS NOT NULL AND g.hi IS NOT NULL
                THEN (g.hi - g.lo) / (6 * g.s) END,
           CASE WHEN NOT g.whole AND COALESCE(g.s, 0) > 0 AND (g.lo IS NOT NULL OR g.hi IS NOT NULL)
                THEN least((g.hi - g.m) / (3 * g.s), (g.m - g.lo) / (3 * g.s)) END,
           g.oos, g.fa, g.la
      FROM g
     WHERE g.k > 0 AND (NOT g.whole OR (SELECT count(*) FROM g x WHERE NOT x.whole) > 1)
     ORDER BY g.whole, g.fa;
END $$;

CREATE OR REPLACE FUNCTION wip_report_spc(p_process int, p_field text, p_from date, p_to date)
RETURNS TABLE (all_values boolean, lsl numeric, usl numeric, n bigint, mean numeric, sd numeric,
               min numeric, max numeric, cp numeric, cpk numeric, out_of_spec bigint,
               first_at timestamptz, last_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT s.* FROM wip_report_window(p_from, p_to) w, wip_spc_between(p_process, p_field, w.t0, w.t1) s
$$;

-- The run chart: the values in completion order cut into at most p_points consecutive
-- runs of equal size (one value each when there are fewer), each with its mean, extremes
-- and the limits of its last value.
CREATE OR REPLACE FUNCTION wip_report_spc_chart(p_process int, p_field text, p_from date,
                                                p_to date, p_points int DEFAULT 60)
RETURNS TABLE (point int, n bigint, mean numeric, min numeric, max numeric, lsl numeric,
               usl numeric, first_at timestamptz, out_of_spec bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    pid bigint := wip_report_field(p_process, p_field);
    w record;
BEGIN
    SELECT * INTO w FROM wip_report_window(p_from, p_to);
    RETURN QUERY
    WITH v AS (SELECT x.*, ntile(GREATEST(1, LEAST(COALESCE(p_points, 60), 500)))
                               OVER (ORDER BY x.completed_at, x.src, x.id) AS b
                 FROM wip_spc_values(pid, p_field, w.t0, w.t1) x)
    SELECT v.b, count(*), avg(v.value), min(v.value), max(v.value),
           (array_agg(v.lsl ORDER BY v.completed_at DESC, v.src DESC, v.id DESC))[1],
           (array_agg(v.usl ORDER BY v.completed_at DESC, v.src DESC, v.id DESC))[1],
           min(v.completed_at), count(*) FILTER (WHERE v.value < v.lsl OR v.value > v.usl)
      FROM v GROUP BY v.b ORDER BY v.b;
END $$;

-- The values out of their limits, oldest first (at most p_limit).
CREATE OR REPLACE FUNCTION wip_report_spc_out(p_process int, p_field text, p_from date,
                                              p_to date, p_limit int DEFAULT 20)
RETURNS TABLE (completed_at timestamptz, wip_id text, serial_number text, value numeric,
               lsl numeric, usl numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    pid bigint := wip_report_field(p_process, p_field);
    w record;
BEGIN
    SELECT * INTO w FROM wip_report_window(p_from, p_to);
    RETURN QUERY
    SELECT v.completed_at, u.wip_id::text, s.serial_number::text, v.value, v.lsl, v.usl
      FROM wip_spc_values(pid, p_field, w.t0, w.t1) v
      JOIN wip_items u ON u.id = v.wip_item_id
      LEFT JOIN serials s ON s.id = u.serial_id
     WHERE v.value < v.lsl OR v.value > v.usl
     ORDER BY v.completed_at, v.src, v.id
     LIMIT GREATEST(COALESCE(p_limit, 20), 0);
END $$;

-- 6. Cycle time --------------------------------------------------------------------------
-- Per process, over the attempts completed in [t0, t1): how long an attempt took (start to
-- completion), and how long a unit waited before its first attempt at the process since
-- it passed the process before (the active routing's predecessor); seconds, median (p50)
-- and 90th percentile (interpolated, as percentile_cont).
CREATE OR REPLACE FUNCTION wip_cycle_between(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (process_number int, process_code text, attempts bigint, work_p50 double precision,
               work_p90 double precision, waits bigint, wait_p50 double precision,
               wait_p90 double precision)
LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT p.id, p.process_number AS pn, p.process_code::text AS pc,
               lag(p.id) OVER (ORDER BY p.process_number) AS prev_id
          FROM processes p WHERE p.is_active AND p.process_number IS NOT NULL
    ), a AS (
        SELECT x.* FROM wip_attempts x WHERE x.completed_at >= p_t0 AND x.completed_at < p_t1
    ), wk AS (
        SELECT a.process_id, count(*) AS k,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.completed_at - a.started_at)) AS p50,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.completed_at - a.started_at)) AS p90
          FROM a WHERE a.started_at IS NOT NULL GROUP BY a.process_id
    ), wt AS (
        SELECT a.process_id, count(*) AS k,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - pp.done)) AS p50,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - pp.done)) AS p90
          FROM a JOIN r ON r.id = a.process_id
          CROSS JOIN LATERAL (SELECT max(b.completed_at) AS done FROM wip_attempts b
                               WHERE b.wip_item_id = a.wip_item_id AND b.process_id = r.prev_id
                                 AND b.result = 'PASS' AND b.completed_at <= a.started_at) pp
         WHERE NOT a.is_rework AND r.prev_id IS NOT NULL AND pp.done IS NOT NULL
         GROUP BY a.process_id
    )
    SELECT r.pn, r.pc, COALESCE(wk.k, 0), wk.p50, wk.p90, COALESCE(wt.k, 0), wt.p50, wt.p90
      FROM r LEFT JOIN wk ON wk.process_id = r.id LEFT JOIN wt ON wt.process_id = r.id
     WHERE wk.k IS NOT NULL OR wt.k IS NOT NULL
     ORDER BY r.pn
$$;

CREATE OR REPLACE FUNCTION wip_report_cycle(p_from date, p_to date)
RETURNS TABLE (process_number int, process_code text, attempts bigint, work_p50 double precision,
               work_p90 double precision, waits bigint, wait_p50 double precision,
               wait_p90 double precision)
LANGUAGE sql STABLE AS $$
    SELECT c.* FROM wip_report_window(p_from, p_to) w, wip_cycle_between(w.t0, w.t1) c
$$;

-- 7. Component-lot genealogy -------------------------------------------------------------
-- Each component lot scanned into a unit (a criteria field of type "lot", e.g. SPRING-...
-- and BUSBAR-... at process 2), one row per completed attempt and field, written by a
-- trigger in the attempt's own transaction. A rework that scans another lot adds a row;
-- the earlier one stays (where-used tells which lot the unit holds now).
CREATE TABLE IF NOT EXISTS wip_component_usage (
    id BIGSERIAL PRIMARY KEY,
    component_lot VARCHAR(100) NOT NULL,
    field_code VARCHAR(50) NOT NULL,
    wip_item_id BIGINT NOT NULL REFERENCES wip_items(id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL,
    history_id BIGINT REFERENCES wip_process_history(id) ON DELETE CASCADE,
    process_data_id BIGINT REFERENCES process_data(id) ON DELETE CASCADE,
    result VARCHAR(20) NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL,
    station_id VARCHAR(32),
    CHECK ((history_id IS NULL) <> (process_data_id IS NULL))
);
CREATE INDEX IF NOT EXISTS idx_component_usage_lot ON wip_component_usage (component_lot);
CREATE INDEX IF NOT EXISTS idx_component_usage_wip ON wip_component_usage (wip_item_id, field_code);
CREATE UNIQUE INDEX IF NOT EXISTS uq_component_usage_h ON wip_component_usage (history_id, field_code)
    WHERE history_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS uq_component_usage_d ON wip_component_usage (process_data_id, field_code)
    WHERE process_data_id IS NOT NULL;
DROP TRIGGER IF EXISTS trg_component_usage_ro ON wip_component_usage;
CREATE TRIGGER trg_component_usage_ro BEFORE UPDATE ON wip_component_usage
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();

-- The component-lot fields of a criteria document: type "lot", or any field with a prefix.
CREATE OR REPLACE FUNCTION wip_lot_fields(p_criteria jsonb) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT f ->> 'code'
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_criteria -> 'fields') = 'array'
                                     THEN p_criteria -> 'fields' ELSE '[]' END) f
     WHERE jsonb_typeof(f) = 'object' AND f ? 'code'
       AND (f ->> 'type' = 'lot' OR COALESCE(f ->> 'prefix', '') <> '')
$$;

-- SECURITY DEFINER: stations write genealogy only through their attempts.
CREATE OR REPLACE FUNCTION wip_record_components() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_wip BIGINT;
BEGIN
    IF TG_TABLE_NAME = 'wip_process_history' THEN
        INSERT INTO wip_component_usage (component_lot, field_code, wip_item_id, process_id,
                                         history_id, result, used_at, station_id)
        SELECT left(btrim(NEW.process_data -> 'measurements' ->> c), 100), c, NEW.wip_item_id,
               NEW.process_id, NEW.id, NEW.result, NEW.completed_at, NEW.station_id
          FROM processes p, wip_lot_fields(p.quality_criteria) c
         WHERE p.id = NEW.process_id
           AND jsonb_typeof(NEW.process_data -> 'measurements' -> c) = 'string'
           AND btrim(NEW.process_data -> 'measurements' ->> c) <> ''
        ON CONFLICT DO NOTHING;
    ELSE
        SELECT w.id INTO v_wip FROM wip_items w WHERE w.serial_id = NEW.serial_id;
        IF v_wip IS NULL THEN
            RETURN NULL;
        END IF;
        INSERT INTO wip_component_usage (component_lot, field_code, wip_item_id, process_id,
                                         process_data_id, result, used_at, station_id)
        SELECT left(btrim(NEW.process_specific_data -> 'measurements' ->> c), 100), c, v_wip,
               NEW.process_id, NEW.id, NEW.result, NEW.complete_time, NEW.station_id
          FROM processes p, wip_lot_fields(p.quality_criteria) c
         WHERE p.id = NEW.process_id
           AND jsonb_typeof(NEW.process_specific_data -> 'measurements' -> c) = 'string'
           AND btrim(NEW.process_specific_data -> 'measurements' ->> c) <> ''
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION wip_record_components() FROM PUBLIC;

DROP TRIGGER IF EXISTS trg_wip_history_components ON wip_process_history;
CREATE TRIGGER trg_wip_history_components AFTER INSERT OR UPDATE OF completed_at ON wip_process_history
    FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL AND NEW.process_data ? 'measurements')
    EXECUTE FUNCTION wip_record_components();
DROP TRIGGER IF EXISTS trg_process_data_components ON process_data;
CREATE TRIGGER trg_process_data_components AFTER INSERT OR UPDATE OF complete_time ON process_data
    FOR EACH ROW WHEN (NEW.complete_time IS NOT NULL AND NEW.process_specific_data ? 'measurements')
    EXECUTE FUNCTION wip_record_components();

-- The genealogy of attempts recorded before this migration (or loaded with triggers off):
-- adds what is missing, returns how many rows it added. Run by the migration; an
-- administrator may run it again.
CREATE OR REPLACE FUNCTION wip_components_backfill() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    n1 bigint;
    n2 bigint;
BEGIN
    INSERT INTO wip_component_usage (component_lot, field_code, wip_item_id, process_id,
                                     history_id, result, used_at, station_id)
    SELECT left(btrim(h.process_data -> 'measurements' ->> c), 100), c, h.wip_item_id,
           h.process_id, h.id, h.result, h.completed_at, h.station_id
      FROM processes p
      CROSS JOIN LATERAL wip_lot_fields(p.quality_criteria) c
      JOIN wip_process_history h ON h.process_id = p.id
     WHERE h.completed_at IS NOT NULL
       AND jsonb_typeof(h.process_data -> 'measurements' -> c) = 'string'
       AND btrim(h.process_data -> 'measurements' ->> c) <> ''
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n1 = ROW_COUNT;
    INSERT INTO wip_component_usage (component_lot, field_code, wip_item_id, process_id,
                                     process_data_id, result, used_at, station_id)
    SELECT left(btrim(pd.process_specific_data -> 'measurements' ->> c), 100), c, w.id,
           pd.process_id, pd.id, pd.result, pd.complete_time, pd.station_id
      FROM processes p
      CROSS JOIN LATERAL wip_lot_fields(p.quality_criteria) c
      JOIN process_data pd ON pd.process_id = p.id
      JOIN wip_items w ON w.serial_id = pd.serial_id
     WHERE pd.complete_time IS NOT NULL AND pd.result IS NOT NULL
       AND jsonb_typeof(pd.process_specific_data -> 'measurements' -> c) = 'string'
       AND btrim(pd.process_specific_data -> 'measurements' ->> c) <> ''
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n2 = ROW_COUNT;
    RETURN n1 + n2;
END $$;
REVOKE ALL ON FUNCTION wip_components_backfill() FROM PUBLIC;
SELECT wip_components_backfill();

-- 8. Quarantine holds --------------------------------------------------------------------
-- SQLSTATEs a station turns into its own words: WS002 a start of a held unit, WS003 not a
-- MANAGER or ADMIN, WS004 no such unit or lot, WS005 no reason (or a longer one than 500),
-- WS006 already held, WS007 not held, WS008 a scrapped unit, WS009 a unit held with its lot.
-- A MANAGER or ADMIN holds a unit or a whole lot, with a reason, without failing it; the
-- next start of a held unit (or of any unit of a held lot, new ones included) is refused
-- until a MANAGER or ADMIN releases the hold with a reason. One row per hold: who, why and
-- when it was placed and released. Holds and releases are also in wip_audit_log.
CREATE TABLE IF NOT EXISTS wip_holds (
    id BIGSERIAL PRIMARY KEY,
    wip_item_id BIGINT REFERENCES wip_items(id) ON DELETE RESTRICT,
    lot_id BIGINT REFERENCES lots(id) ON DELETE RESTRICT,
    reason TEXT NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    held_by BIGINT NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
    held_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    held_station VARCHAR(32),
    released_by BIGINT REFERENCES users(id) ON DELETE RESTRICT,
    released_at TIMESTAMP WITH TIME ZONE,
    release_reason TEXT CHECK (length(btrim(release_reason)) BETWEEN 1 AND 500),
    released_station VARCHAR(32),
    CHECK ((wip_item_id IS NULL) <> (lot_id IS NULL)),
    CHECK ((released_at IS NULL) = (released_by IS NULL)
           AND (released_at IS NULL) = (release_reason IS NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_wip_holds_unit_active ON wip_holds (wip_item_id)
    WHERE released_at IS NULL AND wip_item_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS uq_wip_holds_lot_active ON wip_holds (lot_id)
    WHERE released_at IS NULL AND lot_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_wip_holds_unit ON wip_holds (wip_item_id);
CREATE INDEX IF NOT EXISTS idx_wip_holds_lot ON wip_holds (lot_id);

-- A hold is released once, and nothing else about it ever changes.
CREATE OR REPLACE FUNCTION wip_hold_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.released_at IS NOT NULL OR NEW.released_at IS NULL
       OR NEW.wip_item_id IS DISTINCT FROM OLD.wip_item_id OR NEW.lot_id IS DISTINCT FROM OLD.lot_id
       OR NEW.reason <> OLD.reason OR NEW.held_by <> OLD.held_by OR NEW.held_at <> OLD.held_at
       OR NEW.held_station IS DISTINCT FROM OLD.held_station THEN
        RAISE EXCEPTION 'hold % can only be released, once', OLD.id USING ERRCODE = 'WS001';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_wip_holds_guard ON wip_holds;
CREATE TRIGGER trg_wip_holds_guard BEFORE UPDATE ON wip_holds
    FOR EACH ROW EXECUTE FUNCTION wip_hold_row_guard();
DROP TRIGGER IF EXISTS trg_wip_holds_ro ON wip_holds;
CREATE TRIGGER trg_wip_holds_ro BEFORE DELETE ON wip_holds
    FOR EACH ROW EXECUTE FUNCTION wip_forbid_change();

-- Holds of a lot serialise with the starts of its units through this advisory lock: a
-- start takes it shared, a hold or release exclusive. So a start either finished before
-- the hold committed or sees it (unit holds are serialised by the unit's row lock too).
CREATE OR REPLACE FUNCTION wip_hold_lock_key(p_lot bigint) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (p_lot % 2147483647)::integer
$$;

-- The active hold that stops a unit: its own, else its lot's.
CREATE OR REPLACE FUNCTION wip_active_hold(p_wip bigint, p_lot bigint)
RETURNS TABLE (hold_id bigint, on_lot boolean, reason text, held_by text, held_at timestamptz,
               held_station text)
LANGUAGE sql STABLE AS $$
    (SELECT h.id, FALSE, h.reason, COALESCE(u.full_name, u.username)::text, h.held_at, h.held_station::text
       FROM wip_holds h JOIN users u ON u.id = h.held_by
      WHERE h.wip_item_id = p_wip AND h.released_at IS NULL
     UNION ALL
     SELECT h.id, TRUE, h.reason, COALESCE(u.full_name, u.username)::text, h.held_at, h.held_station::text
       FROM wip_holds h JOIN users u ON u.id = h.held_by
      WHERE h.lot_id = p_lot AND h.released_at IS NULL)
    LIMIT 1
$$;

-- Refuses the start of an attempt on a held unit: every station obeys, whatever its
-- version. Only starts (an open attempt) are refused: the work in progress may be
-- completed, and back-filled history (completed rows) is not a start.
CREATE OR REPLACE FUNCTION wip_hold_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_wip BIGINT;
    v_lot BIGINT;
    h RECORD;
BEGIN
    IF TG_TABLE_NAME = 'wip_process_history' THEN
        v_wip := NEW.wip_item_id;
        SELECT w.lot_id INTO v_lot FROM wip_items w WHERE w.id = v_wip;
    ELSE
        SELECT w.id, w.lot_id INTO v_wip, v_lot FROM wip_items w WHERE w.serial_id = NEW.serial_id;
        v_lot := COALESCE(v_lot, NEW.lot_id);
    END IF;
    IF v_lot IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock_shared(74946206, wip_hold_lock_key(v_lot));
    END IF;
    SELECT * INTO h FROM wip_active_hold(v_wip, v_lot);
    IF FOUND THEN
        RAISE EXCEPTION '% is held (quarantine)%: "%" (held by % at % on %); a MANAGER releases it with CMD:RELEASE',
            COALESCE((SELECT w.wip_id FROM wip_items w WHERE w.id = v_wip), 'the unit'),
            CASE WHEN h.on_lot THEN ' with its lot ' || (SELECT l.lot_number FROM lots l WHERE l.id = v_lot)
                 ELSE '' END,
            h.reason, h.held_by, to_char(h.held_at AT TIME ZONE wip_plant_tz(), 'YYYY-MM-DD HH24:MI'),
            COALESCE(h.held_station, '-')
            USING ERRCODE = 'WS002', HINT = 'hold ' || h.hold_id;
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS trg_wip_history_hold ON wip_process_history;
CREATE TRIGGER trg_wip_history_hold BEFORE INSERT ON wip_process_history
    FOR EACH ROW WHEN (NEW.completed_at IS NULL) EXECUTE FUNCTION wip_hold_guard();
DROP TRIGGER IF EXISTS trg_process_data_hold ON process_data;
CREATE TRIGGER trg_process_data_hold BEFORE INSERT ON process_data
    FOR EACH ROW WHEN (NEW.complete_time IS NULL AND NEW.station_id IS NOT NULL)
    EXECUTE FUNCTION wip_hold_guard();

-- Who may hold and release: an active MANAGER or ADMIN (the station has checked the badge
-- and PIN with wip_login, as for a disposition).
CREATE OR REPLACE FUNCTION wip_hold_actor(p_user bigint, p_what text, OUT id bigint,
                                          OUT badge text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    SELECT x.id, x.badge_code INTO id, badge
      FROM users x WHERE x.id = p_user AND x.is_active AND x.role IN ('MANAGER', 'ADMIN');
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only a MANAGER or ADMIN may % a hold', p_what USING ERRCODE = 'WS003';
    END IF;
END $$;

-- What a scanned key names: a lot (by its number) or a unit (WIP ID or serial number).
CREATE OR REPLACE FUNCTION wip_hold_target(p_key text, OUT kind text, OUT wip_item_id bigint,
                                           OUT lot_id bigint, OUT label text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    SELECT 'LOT', NULL, l.id, l.lot_number INTO kind, wip_item_id, lot_id, label
      FROM lots l WHERE l.lot_number = btrim(p_key);
    IF kind IS NULL THEN
        SELECT 'UNIT', w.id, w.lot_id, w.wip_id INTO kind, wip_item_id, lot_id, label
          FROM wip_items w WHERE w.wip_id = btrim(p_key)
         UNION ALL
        SELECT 'UNIT', w.id, w.lot_id, w.wip_id
          FROM serials s JOIN wip_items w ON w.serial_id = s.id WHERE s.serial_number = btrim(p_key)
         LIMIT 1;
    END IF;
    IF kind IS NULL THEN
        RAISE EXCEPTION 'no unit or lot "%"', p_key USING ERRCODE = 'WS004';
    END IF;
END $$;

CREATE OR REPLACE FUNCTION wip_check_reason(p_reason text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_reason IS NULL OR length(btrim(p_reason)) = 0 THEN
        RAISE EXCEPTION 'a reason is needed' USING ERRCODE = 'WS005';
    END IF;
    IF length(btrim(p_reason)) > 500 THEN
        RAISE EXCEPTION 'the reason is longer than 500 characters' USING ERRCODE = 'WS005';
    END IF;
    RETURN btrim(p_reason);
END $$;

-- Holds a unit or a lot. Returns the hold and how many units it stops now (a lot's units
-- that are neither scrapped nor finished; its later units are stopped too).
CREATE OR REPLACE FUNCTION wip_hold(p_key text, p_reason text, p_user bigint, p_station text)
RETURNS TABLE (hold_id bigint, kind text, target text, units bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u RECORD;
    t RECORD;
    h RECORD;
    v_reason text := wip_check_reason(p_reason);
    v_status text;
BEGIN
    SELECT * INTO u FROM wip_hold_actor(p_user, 'place');
    SELECT * INTO t FROM wip_hold_target(p_key);
    -- the unit's row lock first, as a station's transition takes it before its start
    -- takes the lot's advisory lock: the other order deadlocks with a station
    IF t.kind = 'UNIT' THEN
        SELECT w.status INTO v_status FROM wip_items w WHERE w.id = t.wip_item_id FOR UPDATE;
    END IF;
    PERFORM pg_advisory_xact_lock(74946206, wip_hold_lock_key(t.lot_id));
    IF t.kind = 'UNIT' THEN
        IF v_status = 'SCRAPPED' THEN
            RAISE EXCEPTION '% is scrapped: there is nothing to hold', t.label USING ERRCODE = 'WS008';
        END IF;
        SELECT * INTO h FROM wip_active_hold(t.wip_item_id, NULL);
    ELSE
        SELECT * INTO h FROM wip_active_hold(NULL, t.lot_id);
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION '% is already held: "%" (held by % at %)', t.label, h.reason, h.held_by,
            to_char(h.held_at AT TIME ZONE wip_plant_tz(), 'YYYY-MM-DD HH24:MI') USING ERRCODE = 'WS006';
    END IF;
    INSERT INTO wip_holds (wip_item_id, lot_id, reason, held_by, held_station)
    VALUES (CASE WHEN t.kind = 'UNIT' THEN t.wip_item_id END, CASE WHEN t.kind = 'LOT' THEN t.lot_id END,
            v_reason, u.id, left(p_station, 32))
    RETURNING id INTO hold_id;
    INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, entity, entity_key, detail)
    VALUES (u.id, u.badge, left(p_station, 32), 'HOLD', lower(t.kind), t.label,
            jsonb_build_object('hold', hold_id, 'reason', v_reason));
    kind := t.kind;
    target := t.label;
    SELECT count(*) INTO units
      FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id
     WHERE (w.id = t.wip_item_id OR (t.kind = 'LOT' AND w.lot_id = t.lot_id))
       AND w.status <> 'SCRAPPED' AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED');
    RETURN NEXT;
END $$;

-- Releases the active hold of a unit or a lot. A unit held through its lot is released
-- with the lot.
CREATE OR REPLACE FUNCTION wip_release(p_key text, p_reason text, p_user bigint, p_station text)
RETURNS TABLE (hold_id bigint, kind text, target text, held_for interval)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u RECORD;
    t RECORD;
    h RECORD;
    v_reason text := wip_check_reason(p_reason);
BEGIN
    SELECT * INTO u FROM wip_hold_actor(p_user, 'release');
    SELECT * INTO t FROM wip_hold_target(p_key);
    PERFORM pg_advisory_xact_lock(74946206, wip_hold_lock_key(t.lot_id));
    SELECT x.id, x.held_at INTO h FROM wip_holds x
     WHERE x.released_at IS NULL
       AND ((t.kind = 'UNIT' AND x.wip_item_id = t.wip_item_id) OR (t.kind = 'LOT' AND x.lot_id = t.lot_id))
       FOR UPDATE;
    IF NOT FOUND THEN
        IF t.kind = 'UNIT' AND EXISTS (SELECT 1 FROM wip_holds x WHERE x.lot_id = t.lot_id
                                                                  AND x.released_at IS NULL) THEN
            RAISE EXCEPTION '% is held with its lot %: release the lot',
                t.label, (SELECT l.lot_number FROM lots l WHERE l.id = t.lot_id) USING ERRCODE = 'WS009';
        END IF;
        RAISE EXCEPTION '% is not held', t.label USING ERRCODE = 'WS007';
    END IF;
    UPDATE wip_holds SET released_by = u.id, released_at = NOW(), release_reason = v_reason,
                         released_station = left(p_station, 32)
     WHERE id = h.id;
    INSERT INTO wip_audit_log (actor_id, actor_badge, station_id, action, entity, entity_key, detail)
    VALUES (u.id, u.badge, left(p_station, 32), 'RELEASE', lower(t.kind), t.label,
            jsonb_build_object('hold', h.id, 'reason', v_reason));
    hold_id := h.id;
    kind := t.kind;
    target := t.label;
    held_for := NOW() - h.held_at;
    RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION wip_hold(text, text, bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION wip_release(text, text, bigint, text) FROM PUBLIC;

-- Units held now per lot (its own holds and the lot's), for the line board.
CREATE OR REPLACE FUNCTION wip_held_units(p_lot bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM wip_holds h WHERE h.lot_id = p_lot AND h.released_at IS NULL)
                THEN (SELECT count(*) FROM wip_items w LEFT JOIN serials s ON s.id = w.serial_id
                       WHERE w.lot_id = p_lot AND w.status <> 'SCRAPPED'
                         AND COALESCE(s.status, '') NOT IN ('PASSED', 'SCRAPPED'))
                ELSE (SELECT count(*) FROM wip_holds h JOIN wip_items w ON w.id = h.wip_item_id
                       WHERE w.lot_id = p_lot AND h.released_at IS NULL) END
$$;

-- 9. Where-used --------------------------------------------------------------------------
-- Every unit that a component lot went into, with its lot, WIP ID, serial (once it has
-- one), the attempt that scanned it, and in_unit: whether it is still the unit's lot for
-- that field (false when a later attempt, e.g. after a rework, scanned another lot). The
-- old system's REWORK result reads as FAIL.
CREATE OR REPLACE FUNCTION wip_where_used(p_component_lot text)
RETURNS TABLE (component_lot text, field text, lot_number text, wip_id text, serial_number text,
               unit_status text, serial_status text, process_number int, result text,
               used_at timestamptz, station_id text, in_unit boolean, on_hold boolean)
LANGUAGE sql STABLE AS $$
    SELECT c.component_lot::text, c.field_code::text, l.lot_number::text, w.wip_id::text,
           s.serial_number::text, w.status::text, s.status::text, p.process_number,
           CASE WHEN c.result = 'REWORK' THEN 'FAIL' ELSE c.result END::text,
           c.used_at, c.station_id::text,
           NOT EXISTS (SELECT 1 FROM wip_component_usage c2
                        WHERE c2.wip_item_id = c.wip_item_id AND c2.field_code = c.field_code
                          AND (c2.used_at > c.used_at OR (c2.used_at = c.used_at AND c2.id > c.id))),
           EXISTS (SELECT 1 FROM wip_active_hold(w.id, w.lot_id))
      FROM wip_component_usage c
      JOIN wip_items w ON w.id = c.wip_item_id
      JOIN lots l ON l.id = w.lot_id
      LEFT JOIN serials s ON s.id = w.serial_id
      LEFT JOIN processes p ON p.id = c.process_id
     WHERE c.component_lot = btrim(p_component_lot)
     ORDER BY l.lot_number, w.sequence_in_lot, c.used_at, c.id
$$;

-- 10. Exports ----------------------------------------------------------------------------
-- Plain SQL functions that PostgreSQL inlines into the caller's query, so that
-- COPY (SELECT * FROM wip_export_...(t0, t1)) TO STDOUT streams rows as it reads them.
-- Units and serials by the time they were created; attempts completed in [t0, t1) and
-- those open that started in it; measurements of attempts completed in it.
CREATE OR REPLACE FUNCTION wip_export_units(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (wip_id text, lot_number text, sequence_in_lot integer, status text,
               current_process integer, serial_number text, serial_status text,
               created_at timestamptz, converted_at timestamptz, updated_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT w.wip_id, l.lot_number, w.sequence_in_lot, w.status, p.process_number,
           s.serial_number, s.status, w.created_at, w.converted_at, w.updated_at
      FROM wip_items w
      JOIN lots l ON l.id = w.lot_id
      LEFT JOIN processes p ON p.id = w.current_process_id
      LEFT JOIN serials s ON s.id = w.serial_id
     WHERE w.created_at >= p_t0 AND w.created_at < p_t1
$$;

CREATE OR REPLACE FUNCTION wip_export_attempts(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (attempt text, wip_id text, serial_number text, lot_number text, process integer,
               station_id text, operator text, equipment text, started_at timestamptz,
               completed_at timestamptz, result text, is_rework boolean, defect text,
               seconds numeric)
LANGUAGE sql STABLE AS $$
    SELECT a.src || a.id, w.wip_id, s.serial_number, l.lot_number, a.process_number, a.station_id,
           u.username, e.equipment_code, a.started_at, a.completed_at, a.result, a.is_rework,
           a.data ->> 'defect', round(extract(epoch FROM a.completed_at - a.started_at), 3)
      FROM wip_attempts a
      JOIN wip_items w ON w.id = a.wip_item_id
      JOIN lots l ON l.id = w.lot_id
      LEFT JOIN serials s ON s.id = w.serial_id
      LEFT JOIN users u ON u.id = a.operator_id
      LEFT JOIN equipment e ON e.id = a.equipment_id
     WHERE (a.completed_at >= p_t0 AND a.completed_at < p_t1)
        OR (a.completed_at IS NULL AND a.started_at >= p_t0 AND a.started_at < p_t1)
$$;

CREATE OR REPLACE FUNCTION wip_export_measurements(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (attempt text, wip_id text, serial_number text, process integer,
               completed_at timestamptz, result text, field text, value text, lsl numeric,
               usl numeric, in_spec boolean)
LANGUAGE sql STABLE AS $$
    SELECT a.src || a.id, w.wip_id, s.serial_number, a.process_number, a.completed_at, a.result,
           m.key, m.value #>> '{}', lim.lo, lim.hi,
           CASE WHEN wip_json_number(m.value) IS NULL OR (lim.lo IS NULL AND lim.hi IS NULL) THEN NULL
                ELSE NOT (wip_json_number(m.value) < lim.lo OR wip_json_number(m.value) > lim.hi) END
      FROM wip_attempts a
      JOIN wip_items w ON w.id = a.wip_item_id
      LEFT JOIN serials s ON s.id = w.serial_id
      CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(a.data -> 'measurements') = 'object'
                                         THEN a.data -> 'measurements' ELSE '{}' END) m
      -- the limits as wip_spc_values finds them
      LEFT JOIN LATERAL (
          SELECT wip_json_number(f.def -> 'min') AS lo, wip_json_number(f.def -> 'max') AS hi
            FROM (SELECT wip_criteria_field(v.criteria, m.key) AS def FROM wip_criteria_versions v
                   WHERE v.process_id = a.process_id
                     AND CASE WHEN a.criteria_version IS NOT NULL THEN v.version = a.criteria_version
                              ELSE v.created_at <= a.completed_at OR v.version = 1 END
                   ORDER BY v.version DESC LIMIT 1) f) lim ON TRUE
     WHERE a.completed_at >= p_t0 AND a.completed_at < p_t1
$$;

CREATE OR REPLACE FUNCTION wip_export_serials(p_t0 timestamptz, p_t1 timestamptz)
RETURNS TABLE (serial_number text, lot_number text, wip_id text, sequence_in_lot integer,
               status text, rework_count integer, failure_reason text, created_at timestamptz,
               completed_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT s.serial_number, l.lot_number, w.wip_id, s.sequence_in_lot, s.status, s.rework_count,
           s.failure_reason, s.created_at, s.completed_at
      FROM serials s
      JOIN lots l ON l.id = s.lot_id
      LEFT JOIN wip_items w ON w.serial_id = s.id
     WHERE s.created_at >= p_t0 AND s.created_at < p_t1
$$;

-- 11. Roles ------------------------------------------------------------------------------
-- wip_report: supervisors' and quality engineers' reports. It reads; it never writes (no
-- INSERT, UPDATE, DELETE or TRUNCATE anywhere, no sequence, no hold) and its sessions are
-- read-only by default.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wip_report') THEN
        CREATE ROLE wip_report LOGIN;
    END IF;
END $$;
ALTER ROLE wip_report SET default_transaction_read_only = on;
GRANT USAGE ON SCHEMA public TO wip_report;
GRANT SELECT ON production_lines, product_models, processes, equipment, wip_settings, lots, serials,
    wip_items, wip_process_history, process_data, wip_dispositions, wip_print_jobs, wip_audit_log,
    wip_attempts, wip_criteria_versions, wip_component_usage, wip_holds TO wip_report;
GRANT SELECT (id, username, full_name, role, badge_code, is_active) ON users TO wip_report;
GRANT EXECUTE ON FUNCTION wip_plant_tz(), wip_shift_starts(), wip_shift_label(timestamptz, text, time, interval[]),
    wip_shift_offsets(time[]), wip_shift_window(timestamptz), wip_report_window(date, date),
    wip_report_process(int), wip_first_attempts(timestamptz, timestamptz),
    wip_fpy_between(timestamptz, timestamptz, text), wip_report_fpy(date, date, text),
    wip_pareto_between(timestamptz, timestamptz, int), wip_report_pareto(date, date, int),
    wip_criteria_field(jsonb, text), wip_json_number(jsonb),
    wip_spc_values(bigint, text, timestamptz, timestamptz), wip_report_field(int, text),
    wip_spc_between(int, text, timestamptz, timestamptz), wip_report_spc(int, text, date, date),
    wip_report_spc_chart(int, text, date, date, int), wip_report_spc_out(int, text, date, date, int),
    wip_cycle_between(timestamptz, timestamptz), wip_report_cycle(date, date),
    wip_lot_fields(jsonb), wip_active_hold(bigint, bigint), wip_held_units(bigint),
    wip_where_used(text), wip_export_units(timestamptz, timestamptz),
    wip_export_attempts(timestamptz, timestamptz), wip_export_measurements(timestamptz, timestamptz),
    wip_export_serials(timestamptz, timestamptz) TO wip_report, wip_station;

-- The station: its Quality screen reads the reports; it holds and releases through the
-- functions above (not by writing wip_holds), and reads holds for the unit card. (The
-- criteria versions the reports read it may read since migration 008.)
GRANT SELECT ON wip_attempts, wip_component_usage, wip_holds TO wip_station;
GRANT EXECUTE ON FUNCTION wip_hold(text, text, bigint, text), wip_release(text, text, bigint, text)
    TO wip_station;

-- migrate:down
REVOKE ALL ON FUNCTION wip_hold(text, text, bigint, text), wip_release(text, text, bigint, text)
    FROM wip_station;
DROP FUNCTION IF EXISTS wip_export_serials(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_export_measurements(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_export_attempts(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_export_units(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_where_used(text);
DROP FUNCTION IF EXISTS wip_held_units(bigint);
DROP FUNCTION IF EXISTS wip_release(text, text, bigint, text);
DROP FUNCTION IF EXISTS wip_hold(text, text, bigint, text);
DROP FUNCTION IF EXISTS wip_check_reason(text);
DROP FUNCTION IF EXISTS wip_hold_target(text);
DROP FUNCTION IF EXISTS wip_hold_actor(bigint, text);
DROP TRIGGER IF EXISTS trg_process_data_hold ON process_data;
DROP TRIGGER IF EXISTS trg_wip_history_hold ON wip_process_history;
DROP FUNCTION IF EXISTS wip_hold_guard();
DROP FUNCTION IF EXISTS wip_active_hold(bigint, bigint);
DROP FUNCTION IF EXISTS wip_hold_lock_key(bigint);
DROP TABLE IF EXISTS wip_holds;
DROP FUNCTION IF EXISTS wip_hold_row_guard();
DROP TRIGGER IF EXISTS trg_process_data_components ON process_data;
DROP TRIGGER IF EXISTS trg_wip_history_components ON wip_process_history;
DROP FUNCTION IF EXISTS wip_components_backfill();
DROP FUNCTION IF EXISTS wip_record_components();
DROP FUNCTION IF EXISTS wip_lot_fields(jsonb);
DROP TABLE IF EXISTS wip_component_usage;
DROP FUNCTION IF EXISTS wip_report_cycle(date, date);
DROP FUNCTION IF EXISTS wip_cycle_between(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_report_spc_out(int, text, date, date, int);
DROP FUNCTION IF EXISTS wip_report_spc_chart(int, text, date, date, int);
DROP FUNCTION IF EXISTS wip_report_spc(int, text, date, date);
DROP FUNCTION IF EXISTS wip_spc_between(int, text, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_report_field(int, text);
DROP FUNCTION IF EXISTS wip_spc_values(bigint, text, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS wip_json_number(jsonb);
DROP FUNCTION IF EXISTS wip_criteria_field(jsonb, text);
DROP FUNCTION IF EXISTS wip_report_pareto(date, date, int);
DROP FUNCTION IF EXISTS wip_pareto_between(timestamptz, timestamptz, int);
DROP FUNCTION IF EXISTS wip_report_fpy(date, date, text);
DROP FUNCTION IF EXISTS wip_fpy_between(timestamptz, timestamptz, text);
DROP FUNCTION IF EXISTS wip_first_attempts(timestamptz, timestamptz);
DROP INDEX IF EXISTS idx_process_data_completed;
DROP INDEX IF EXISTS idx_wip_history_completed;
DROP VIEW IF EXISTS wip_attempts;
DROP FUNCTION IF EXISTS wip_report_process(int);
DROP FUNCTION IF EXISTS wip_report_window(date, date);
DROP FUNCTION IF EXISTS wip_shift_window(timestamptz);
DROP FUNCTION IF EXISTS wip_shift_offsets(time[]);
DROP FUNCTION IF EXISTS wip_shift_label(timestamptz, text, time, interval[]);
DROP FUNCTION IF EXISTS wip_shift_starts();
DROP FUNCTION IF EXISTS wip_plant_tz();
DELETE FROM wip_settings WHERE key IN ('plant_time_zone', 'shift_starts', 'report_max_days');
DROP FUNCTION IF EXISTS wip_setting_check_report_max_days(TEXT);
DROP FUNCTION IF EXISTS wip_setting_check_shift_starts(TEXT);
DROP FUNCTION IF EXISTS wip_setting_check_plant_time_zone(TEXT);
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wip_report') THEN
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM wip_report;
        REVOKE ALL ON SCHEMA public FROM wip_report;
        ALTER ROLE wip_report RESET default_transaction_read_only;
    END IF;
END $$;
