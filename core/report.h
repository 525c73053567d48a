/* core/report.h — the quality reports of migration 009 for `wipstation report` and the
 * station's Quality screen. The database computes every figure (its report functions);
 * core hands them over as tables of text that the caller formats, and streams the CSV
 * exports with COPY ... TO STDOUT row by row, so that no export is held in memory. */
#ifndef STN_CORE_REPORT_H
#define STN_CORE_REPORT_H

#include <stddef.h>

#include "base/status.h"
#include "core/rules.h"
#include "core/table.h"

struct core_db;

/* A report session: one read-only transaction (one snapshot for every query of the
 * report) whose times are in the plant's time zone (wip_settings plant_time_zone), which
 * is copied to tz. No statement limit: a report over a year of a big line takes a while.
 * core_report_end rolls it back. */
enum stn_code core_report_begin(struct core_db *db, char *tz, size_t tzlen, struct stn_err *err);
void core_report_end(struct core_db *db);

/* What a report covers: the plant's days from..to (YYYY-MM-DD, both included). A bad
 * argument (dates reversed, a range longer than wip_settings report_max_days, an unknown
 * process, field or grouping) is STN_E_USAGE with the database's message. */
struct core_report_args {
    const char *from, *to;
    const char *by;    /* fpy: process, day, shift, station or operator */
    int process;       /* pareto: 0 = every process; spc: the process */
    const char *field; /* spc: the number field's code */
};

/* columns grp, process_number, process_code, units, first_pass, fpy; a group's last row
 * has process_code RTY and fpy its rolled throughput yield (process, day, shift). */
enum stn_code core_report_fpy(struct core_db *db, const struct core_report_args *a,
                              struct core_table *out, struct stn_err *err);
/* process_number, process_code, defect, count, share, cumulative; largest first. */
enum stn_code core_report_pareto(struct core_db *db, const struct core_report_args *a,
                                 struct core_table *out, struct stn_err *err);
/* stats: one row per set of limits (all_values, lsl, usl, n, mean, sd, min, max, cp, cpk,
 * out_of_spec, first_at, last_at); chart: at most points runs of consecutive values
 * (point, n, mean, min, max, lsl, usl, first_at, out_of_spec); out: the first max_out values
 * out of spec (completed_at, wip_id, serial_number, value, lsl, usl). */
enum stn_code core_report_spc(struct core_db *db, const struct core_report_args *a, int points,
                              int max_out, struct core_table *stats, struct core_table *chart,
                              struct core_table *out, struct stn_err *err);
/* process_number, process_code, attempts, work_p50, work_p90, waits, wait_p50, wait_p90
 * (seconds). */
enum stn_code core_report_cycle(struct core_db *db, const struct core_report_args *a,
                                struct core_table *out, struct stn_err *err);
/* Every unit a component lot went into (wip_where_used): component_lot, field,
 * lot_number, wip_id, serial_number, unit_status, serial_status, process_number, result,
 * used_at, station_id, in_unit, on_hold. */
enum stn_code core_report_where_used(struct core_db *db, const char *component_lot,
                                     struct core_table *out, struct stn_err *err);

/* Receives the CSV bytes of an export; returns 0 to go on, anything else to stop. */
typedef int (*core_sink)(void *ctx, const char *buf, size_t len);

/* CSV with a header line of kind units, attempts, measurements or serials over the
 * report's days, streamed to sink as the database produces it; *rows counts the data
 * lines. STN_E_IO when the sink stopped (the query is cancelled). */
enum stn_code core_report_export(struct core_db *db, const char *kind,
                                 const struct core_report_args *a, core_sink sink, void *ctx,
                                 long *rows, struct stn_err *err);
/* The where-used of a component lot as CSV, the same way. */
enum stn_code core_report_where_used_csv(struct core_db *db, const char *component_lot,
                                         core_sink sink, void *ctx, long *rows,
                                         struct stn_err *err);

/* The station's Quality screen: first-pass yield per process and the top defects of the
 * shift running now (or of the plant's day), and the units held on the line. */
#define CORE_QUALITY_DEFECTS 6
struct core_quality_row {
    int process;
    char code[51];
    int units, first_pass;
};
struct core_quality_defect {
    int process;
    char defect[41];
    int count;
};
struct core_quality {
    char scope[24]; /* the shift's start "2025-11-20 14:00", or the day "2025-11-20" */
    struct core_quality_row p[CORE_MAX_PROCESSES];
    int np;
    double rty; /* rolled throughput yield, when np > 0 */
    struct core_quality_defect d[CORE_QUALITY_DEFECTS];
    int nd, fails; /* fails: every FAIL of the scope, not only the top ones */
    int held;      /* units held now in the lots not closed */
};
/* One round trip. whole_day: the plant's day instead of the shift. */
enum stn_code core_quality_get(struct core_db *db, int whole_day, struct core_quality *out,
                               struct stn_err *err);

#endif
