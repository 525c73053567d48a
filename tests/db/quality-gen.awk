# tests/db/quality-gen.awk — a plant's history for the report tests, and the truth about it.
#   awk -v t0=EPOCH -v chg=EPOCH -v dir=DIR -f quality-gen.awk </dev/null
# t0 is the plant's midnight the data starts at; chg the moment process 3's temperature
# limits were widened from 59.0-61.0 (criteria version 1) to 58.5-61.5 (version 3; version
# 2, 59.5-60.5, is the one station P3-TIGHT judged by; the test dates versions 2 and 3 to
# chg). At process 3, station P3-01 records the version it judged by, as does every
# station that kept an older one (P3-TIGHT, and P3-OLD after the change); P3-02 and P3-03
# record none, as the original system's stations did, and are judged by the version in
# force when they completed. Writes, as tab-separated COPY text with epoch seconds:
#   lots.tsv units.tsv serials.tsv hist.tsv pd.tsv   what the database is loaded with
#               (hist.tsv's last column: the criteria version recorded, or \N)
#   truth.txt   one line per attempt: src id unit wip proc station operator start end
#               result rework defect temp lsl usl force   ("-" where none; result as a
#               report reads it: the old system's REWORK is a FAIL)
#   spring.txt  one line per completed process-2 attempt, in order: unit wip spring_lot
#               attempt_id result
# Eight lots of 30 units over three days; failures, reworks (up to two), scrap at process
# 1 or after the third FAIL; long waits that cross shifts and midnight; the last lots still
# in progress with some attempts open. Deterministic (Park-Miller generator).

function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function gauss(   u, v) { u = rnd(); v = rnd(); if (u < 1e-9) u = 1e-9; return sqrt(-2 * log(u)) * cos(6.283185307179586 * v) }
function pick(n) { return 1 + int(rnd() * n) }
function q(s) { return "\"" s "\"" }

function emit_attempt(proc, st, en, res, defect, meas, version, station, rework,   js, data, op) {
    op = 100 + pick(4)
    if (en == "") {
        data = "\\N"
    } else {
        js = "{" q("result") ": " q(res == "REWORK" ? "FAIL" : res)
        if (defect != "") js = js ", " q("defect") ": " q(defect)
        js = js ", " q("station") ": " q(station)
        if (meas != "") js = js ", " q("measurements") ": {" meas "}"
        data = js "}"
    }
    if (proc < 7) {
        hid++
        printf "%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", hid, unit, proc, op, st,
            en == "" ? "\\N" : en, en == "" ? "\\N" : res, data, rework ? "t" : "f", station,
            en == "" || version == "" ? "\\N" : version > (dir "/hist.tsv")
        aid = hid; src = "H"
    } else {
        did++
        printf "%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", did, lot, serial_id, proc, op, st,
            en == "" ? "\\N" : en, en == "" ? "\\N" : res, data, rework ? "t" : "f", station > (dir "/pd.tsv")
        aid = did; src = "D"
    }
    printf "%s %d %d %s %d %s gen.op%d %d %s %s %d %s %s %s %s %s\n", src, aid, unit, wip, proc, station,
        op - 100, st, en == "" ? "-" : en, en == "" ? "-" : (res == "REWORK" ? "FAIL" : res), rework,
        defect == "" ? "-" : defect, t_temp, t_lsl, t_usl, t_force > (dir "/truth.txt")
}

BEGIN {
    seed = 20250310
    split("MARKING_FAIL|PART_DEFECT ASSEMBLY_ERROR|SENSOR_TEMP_FAIL SENSOR_TOF_FAIL|FIRMWARE_UPLOAD_FAIL FIRMWARE_COMM_ERROR|ASSEMBLY_ERROR APPEARANCE_DEFECT|PERFORMANCE_FAIL|LABEL_PRINT_FAIL LABEL_ATTACH_ERROR|VISUAL_DEFECT PACKAGING_ERROR", dl, "|")
    hid = 0; did = 0; sid = 0
    for (lot = 1; lot <= 8; lot++) {
        lotno = sprintf("KR01PSA2503%03d", lot)
        lcreated = t0 + (lot - 1) * 9 * 3600 + 3600
        printf "%d\t%s\t%d\n", lot, lotno, lcreated > (dir "/lots.tsv")
        for (s = 1; s <= 30; s++) {
            unit = (lot - 1) * 30 + s
            wip = sprintf("%s-W%04d", lotno, s)
            created = lcreated + (s - 1) * 240
            stop_at = 9                    # the process the unit stops before (9: none)
            open_at = 0
            if (lot >= 7) { stop_at = pick(8); if (rnd() < 0.5) open_at = stop_at }
            serial_id = 0; serial = ""; status = "CREATED"; cur = 0; rwk = 0
            t = created + 30
            spring = (lot == 3 || lot == 4) && s % 5 == 0 ? "SPRING-BAD7" : sprintf("SPRING-2503%02d", lot)
            busbar = lot <= 4 ? "BUSBAR-A1" : "BUSBAR-A2"
            for (p = 1; p <= 8; p++) {
                t += 60 + int(rnd() * 1800)
                if (rnd() < 0.05) t += 8 * 3600
                if (p == stop_at) {
                    if (open_at) {
                        t_temp = "-"; t_lsl = "-"; t_usl = "-"; t_force = "-"
                        if (p == 7) { sid++; serial_id = sid; serial = lotno sprintf("%04d", s)
                                      printf "%d\t%s\t%d\t%d\t%d\n", sid, serial, lot, s, t > (dir "/serials.tsv")
                                      status = "CONVERTED" }
                        emit_attempt(p, t, "", "", "", "", "", sprintf("P%d-0%d", p, pick(3)), 0)
                    }
                    break
                }
                if (p == 7) {
                    sid++; serial_id = sid; serial = lotno sprintf("%04d", s); status = "CONVERTED"
                    printf "%d\t%s\t%d\t%d\t%d\n", sid, serial, lot, s, t > (dir "/serials.tsv")
                }
                scrapped = 0
                for (a = 0; ; a++) {
                    st = t; en = st + 30 + int(rnd() * 300)
                    station = sprintf("P%d-0%d", p, pick(3))
                    meas = ""; version = ""; defect = ""; fail = 0
                    t_temp = "-"; t_lsl = "-"; t_usl = "-"; t_force = "-"
                    if (p == 2) {
                        if (a > 0 && last_defect == "PART_DEFECT") spring = sprintf("SPRING-RPL%02d", lot)
                        fail = rnd() < (a ? 0.2 : 0.1)
                        if (fail) defect = rnd() < 0.6 ? "PART_DEFECT" : "ASSEMBLY_ERROR"
                        meas = q("sma_spring_lot") ": " q(spring) ", " q("busbar_lot") ": " q(busbar) \
                               ", " q("visual_inspection") ": " q(fail && defect == "ASSEMBLY_ERROR" ? "FAIL" : "PASS")
                    } else if (p == 3) {
                        t_temp = sprintf("%.2f", 60 + 0.45 * gauss())
                        r = rnd()
                        if (r < 0.1) { station = "P3-TIGHT"; t_lsl = "59.5"; t_usl = "60.5"; version = 2 }
                        else if (en >= chg && r < 0.4) { station = "P3-OLD"; t_lsl = "59"; t_usl = "61"; version = 1 }
                        else if (en >= chg) { t_lsl = "58.5"; t_usl = "61.5"; if (station == "P3-01") version = 3 }
                        else { t_lsl = "59.0"; t_usl = "61.0"; if (station == "P3-01") version = 1 }
                        if (t_temp + 0 < t_lsl + 0 || t_temp + 0 > t_usl + 0) { fail = 1; defect = "SENSOR_TEMP_FAIL" }
                        else if (rnd() < 0.03) { fail = 1; defect = "SENSOR_TOF_FAIL" }
                        meas = q("measured_temp") ": " t_temp ", " q("tof_i2c") ": " q(defect == "SENSOR_TOF_FAIL" ? "FAIL" : "PASS")
                    } else if (p == 6) {
                        t_force = sprintf("%.1f", 15 + 1.0 * gauss())
                        if (t_force + 0 < 13 || t_force + 0 > 17) { fail = 1; defect = "PERFORMANCE_FAIL" }
                        meas = q("measured_force") ": " t_force
                    } else {
                        fail = rnd() < (p == 1 ? 0.04 : 0.06)
                        if (fail) { n = split(dl[p], dd, " "); defect = dd[pick(n)] }
                        if (fail && p == 4 && rnd() < 0.3) defect = ""
                        if (p == 4) meas = q("firmware_version") ": " q("v2.1.0") ", " q("upload_ok") ": " q(fail ? "FAIL" : "PASS")
                        if (p == 5) meas = q("cable_connection") ": " q("PASS") ", " q("final_visual_check") ": " q(fail ? "FAIL" : "PASS")
                    }
                    res = fail ? (rnd() < 0.1 ? "REWORK" : "FAIL") : "PASS"
                    emit_attempt(p, st, en, res, defect, meas, version, station, a > 0)
                    if (p == 2)
                        printf "%d %s %s %d %s\n", unit, wip, spring, aid, res == "PASS" ? "PASS" : "FAIL" > (dir "/spring.txt")
                    t = en
                    if (!fail) break
                    last_defect = defect
                    if (p == 1 || a >= 2) { scrapped = 1; break }
                    t += 600 + int(rnd() * 3600)
                }
                if (scrapped) { status = "SCRAPPED"; break }
                if (p <= 6) { cur = p; status = p == 6 ? "COMPLETED" : "IN_PROGRESS" }
            }
            printf "%d\t%s\t%d\t%d\t%s\t%s\t%s\t%d\n", unit, wip, lot, s, status, cur ? cur : "\\N",
                serial_id ? serial_id : "\\N", created > (dir "/units.tsv")
        }
    }
}
