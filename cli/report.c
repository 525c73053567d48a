/* cli/report.c — `wipstation report`: the quality reports (first-pass yield, defect Pareto,
 * measurement statistics, cycle time), the where-used of a component lot, and the CSV
 * exports. The database computes every figure (core/report.h); this file reads the
 * arguments and lays the figures out: a table that reads at 80 columns, with bars and a
 * text run chart, or CSV with --csv. A session is one read-only transaction. */
#include "cli/cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/status.h"
#include "core/db.h"
#include "core/report.h"

#define BAR_WIDTH 20
#define CHART_ROWS 12
#define CHART_POINTS 60
#define OUT_LIST 20

struct rep {
    const char *what; /* fpy, pareto, spc, cycle, export, where-used */
    const char *arg;  /* export: the kind; where-used: the component lot */
    struct core_report_args a;
    int csv;
    int utf8; /* bars of block characters, else '#' */
    char tz[64];
    struct core_db *db;
};

static const char usage_text[] =
    "usage: wipstation report fpy --from DATE --to DATE [--by process|day|shift|station|operator] [--csv]\n"
    "       wipstation report pareto --from DATE --to DATE [--process N] [--csv]\n"
    "       wipstation report spc --process N --field CODE --from DATE --to DATE [--csv]\n"
    "       wipstation report cycle --from DATE --to DATE [--csv]\n"
    "       wipstation report export units|attempts|measurements|serials --from DATE --to DATE\n"
    "       wipstation report where-used LOT [--csv]\n"
    "DATE is a day of the plant (YYYY-MM-DD, in wip_settings plant_time_zone); both are\n"
    "included. Options: -c FILE (configuration), --csv (CSV instead of a table).\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("wipstation: report: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(usage_text, stderr);
    return CLI_USAGE;
}

/* ---- figures as text --------------------------------------------------------------- */
static double num(const char *s)
{
    return s ? strtod(s, NULL) : 0;
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

/* A bar of width cells for frac (0..1): eighths of a block in UTF-8, else '#'. */
static void bar(const struct rep *r, char *buf, size_t n, double frac, int width)
{
    static const char *const part[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
    int eighths = (int)((frac < 0 ? 0 : frac > 1 ? 1 : frac) * width * 8 + 0.5);
    size_t o = 0;

    buf[0] = '\0';
    for (int i = 0; i < eighths / 8 && o + 4 < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s", r->utf8 ? "█" : "#");
    if (r->utf8 && eighths % 8 && o + 4 < n)
        snprintf(buf + o, n - o, "%s", part[eighths % 8]);
}

static void pct(char *buf, size_t n, const char *frac)
{
    if (frac)
        snprintf(buf, n, "%.1f%%", num(frac) * 100);
    else
        snprintf(buf, n, "-");
}

/* 45s, 3m12s, 2h05m, 1d04h */
static void dur(char *buf, size_t n, const char *seconds)
{
    double s = num(seconds);
    long t = (long)(s + 0.5);

    if (!seconds)
        snprintf(buf, n, "-");
    else if (s < 60)
        snprintf(buf, n, "%.0fs", s);
    else if (t < 3600)
        snprintf(buf, n, "%ldm%02lds", t / 60, t % 60);
    else if (t < 86400)
        snprintf(buf, n, "%ldh%02ldm", t / 3600, t % 3600 / 60);
    else
        snprintf(buf, n, "%ldd%02ldh", t / 86400, t % 86400 / 3600);
}

/* A number with d decimals, or "-" for NULL. */
static void fixed(char *buf, size_t n, const char *v, int d)
{
    if (v)
        snprintf(buf, n, "%.*f", d, num(v));
    else
        snprintf(buf, n, "-");
}

static void csv_num(const char *v, int d, int last)
{
    char b[48];
    if (v)
        snprintf(b, sizeof b, "%.*f", d, num(v));
    cli_csv_field(v ? b : NULL, last);
}

static void title(const struct rep *r, const char *what)
{
    printf("%s, %s to %s (%s)\n", what, r->a.from, r->a.to, r->tz);
}

/* ---- fpy ------------------------------------------------------------------------- */
static void fpy_row(const struct rep *r, const struct core_table *t, int i, int indent)
{
    const char *code = core_table_get(t, i, "process_code");
    char name[64], p[16], b[BAR_WIDTH * 4 + 8];

    pct(p, sizeof p, core_table_get(t, i, "fpy"));
    bar(r, b, sizeof b, num(core_table_get(t, i, "fpy")), BAR_WIDTH);
    if (!core_table_get(t, i, "process_number")) {
        printf(" %*s%-*s %7s  %s\n", indent, "", 45 - indent, "rolled throughput yield", p, b);
        return;
    }
    snprintf(name, sizeof name, "%s %s", core_table_get(t, i, "process_number"), or_dash(code));
    printf(" %*s%-*.*s %6s %11s %7s  %s\n", indent, "", 24 - indent, 24 - indent, name,
           core_table_get(t, i, "units"), core_table_get(t, i, "first_pass"), p, b);
}

static void fpy_csv(const struct rep *r, const struct core_table *t)
{
    int grouped = strcmp(r->a.by, "process") != 0;

    if (grouped)
        printf("%s,", r->a.by);
    printf("process,units,first_pass,fpy\n");
    for (int i = 0; i < t->nrows; i++) {
        const char *pn = core_table_get(t, i, "process_number");
        if (grouped)
            cli_csv_field(core_table_get(t, i, "grp"), 0);
        cli_csv_field(pn ? pn : "RTY", 0);
        cli_csv_field(core_table_get(t, i, "units"), 0);
        cli_csv_field(core_table_get(t, i, "first_pass"), 0);
        csv_num(core_table_get(t, i, "fpy"), 4, 1);
    }
}

static enum stn_code report_fpy(struct rep *r, struct stn_err *err)
{
    struct core_table t;
    int grouped = strcmp(r->a.by, "process") != 0;
    enum stn_code rc = core_report_fpy(r->db, &r->a, &t, err);

    if (rc != STN_OK)
        return rc;
    if (r->csv) {
        fpy_csv(r, &t);
    } else {
        title(r, "First-pass yield");
        printf("(each unit's first completed attempt at a process; by %s)\n\n", r->a.by);
        if (t.nrows == 0)
            printf(" No attempt was completed in these days.\n");
        else
            printf(" %-24s %6s %11s %7s\n", grouped ? r->a.by : "process", "units", "first pass",
                   "FPY");
        for (int i = 0; i < t.nrows; i++) {
            const char *g = core_table_get(&t, i, "grp");
            if (grouped && (i == 0 || strcmp(g, core_table_get(&t, i - 1, "grp"))))
                printf("%s %s\n", i ? "\n" : "", g);
            fpy_row(r, &t, i, grouped ? 2 : 0);
        }
    }
    core_table_fini(&t);
    return STN_OK;
}

/* ---- pareto ---------------------------------------------------------------------- */
static enum stn_code report_pareto(struct rep *r, struct stn_err *err)
{
    struct core_table t;
    enum stn_code rc = core_report_pareto(r->db, &r->a, &t, err);
    long total = 0, most = 1;

    if (rc != STN_OK)
        return rc;
    for (int i = 0; i < t.nrows; i++) {
        total += atol(core_table_get(&t, i, "count"));
        if (atol(core_table_get(&t, i, "count")) > most)
            most = atol(core_table_get(&t, i, "count"));
    }
    if (r->csv)
        printf("process,defect,count,share,cumulative\n");
    else {
        title(r, "Defects");
        printf("%ld FAILs%s\n\n", total, r->a.process ? " at this process" : "");
        if (t.nrows)
            printf(" %-27s %6s %6s %6s\n", "process defect", "count", "share", "cum.");
        else
            printf(" No FAIL was recorded in these days.\n");
    }
    for (int i = 0; i < t.nrows; i++) {
        char name[80], s[16], c[16], b[BAR_WIDTH * 4 + 8];
        if (r->csv) {
            cli_csv_field(core_table_get(&t, i, "process_number"), 0);
            cli_csv_field(core_table_get(&t, i, "defect"), 0);
            cli_csv_field(core_table_get(&t, i, "count"), 0);
            csv_num(core_table_get(&t, i, "share"), 4, 0);
            csv_num(core_table_get(&t, i, "cumulative"), 4, 1);
            continue;
        }
        snprintf(name, sizeof name, "%s %s", core_table_get(&t, i, "process_number"),
                 core_table_get(&t, i, "defect"));
        pct(s, sizeof s, core_table_get(&t, i, "share"));
        pct(c, sizeof c, core_table_get(&t, i, "cumulative"));
        /* the largest defect's bar is full: a Pareto compares the defects */
        bar(r, b, sizeof b, num(core_table_get(&t, i, "count")) / (double)most, 24);
        printf(" %-27.27s %6s %6s %6s  %s\n", name, core_table_get(&t, i, "count"), s, c, b);
    }
    core_table_fini(&t);
    return STN_OK;
}

/* ---- spc ------------------------------------------------------------------------- */
static void limits_text(char *buf, size_t n, const char *lo, const char *hi)
{
    char a[24], b[24];
    if (!lo && !hi) {
        snprintf(buf, n, "none");
        return;
    }
    snprintf(a, sizeof a, "%g", num(lo));
    snprintf(b, sizeof b, "%g", num(hi));
    snprintf(buf, n, "%s..%s", lo ? a : "", hi ? b : "");
}

static void spc_stats(const struct core_table *t)
{
    printf(" %-13s %6s %9s %8s %8s %8s %6s %6s %5s\n", "limits", "n", "mean", "sd", "min", "max",
           "Cp", "Cpk", "out");
    for (int i = 0; i < t->nrows; i++) {
        char lim[64], m[32], sd[32], lo[32], hi[32], cp[32], cpk[32];
        int all = !strcmp(core_table_get(t, i, "all_values"), "t");
        limits_text(lim, sizeof lim, core_table_get(t, i, "lsl"), core_table_get(t, i, "usl"));
        fixed(m, sizeof m, core_table_get(t, i, "mean"), 4);
        fixed(sd, sizeof sd, core_table_get(t, i, "sd"), 4);
        fixed(lo, sizeof lo, core_table_get(t, i, "min"), 3);
        fixed(hi, sizeof hi, core_table_get(t, i, "max"), 3);
        fixed(cp, sizeof cp, core_table_get(t, i, "cp"), 2);
        fixed(cpk, sizeof cpk, core_table_get(t, i, "cpk"), 2);
        printf(" %-13.13s %6s %9s %8s %8s %8s %6s %6s %5s\n", all ? "all values" : lim,
               core_table_get(t, i, "n"), m, sd, lo, hi, cp, cpk,
               core_table_get(t, i, "out_of_spec"));
        if (!all)
            printf("   %s .. %s\n", core_table_get(t, i, "first_at"),
                   core_table_get(t, i, "last_at"));
    }
}

/* The chart's value range: every point's mean and every limit. */
static void chart_range(const struct core_table *c, double *lo, double *hi)
{
    *lo = DBL_MAX;
    *hi = -DBL_MAX;
    for (int i = 0; i < c->nrows; i++) {
        static const char *const cols[] = { "mean", "lsl", "usl" };
        for (int k = 0; k < 3; k++) {
            const char *v = core_table_get(c, i, cols[k]);
            if (!v)
                continue;
            *lo = num(v) < *lo ? num(v) : *lo;
            *hi = num(v) > *hi ? num(v) : *hi;
        }
    }
    if (*hi - *lo < 1e-9) {
        *lo -= 0.5;
        *hi += 0.5;
    }
}

static int chart_row(double v, double lo, double hi)
{
    int row = (int)((hi - v) / (hi - lo) * (CHART_ROWS - 1) + 0.5);
    return row < 0 ? 0 : row >= CHART_ROWS ? CHART_ROWS - 1 : row;
}

/* Rows of values (top: the highest), one column per point: '*' its mean ('x' when a value
 * in it is out of spec), '-' the limits the point's values were judged by. */
static void spc_chart(const struct core_table *c)
{
    double lo, hi;
    long per = 0;

    if (c->nrows == 0)
        return;
    chart_range(c, &lo, &hi);
    for (int i = 0; i < c->nrows; i++)
        if (atol(core_table_get(c, i, "n")) > per)
            per = atol(core_table_get(c, i, "n"));
    printf("\nRun chart, oldest left: %d points of %s%ld value%s each\n"
           "(* their mean, x one of them out of spec, - the limits they were judged by)\n",
           c->nrows, per > 1 ? "up to " : "", per, per > 1 ? "s" : "");
    for (int row = 0; row < CHART_ROWS; row++) {
        double v = hi - (hi - lo) * row / (CHART_ROWS - 1);
        printf(" %9.3f |", v);
        for (int i = 0; i < c->nrows; i++) {
            const char *l = core_table_get(c, i, "lsl"), *u = core_table_get(c, i, "usl");
            char ch = ' ';
            if ((l && chart_row(num(l), lo, hi) == row) || (u && chart_row(num(u), lo, hi) == row))
                ch = '-';
            if (chart_row(num(core_table_get(c, i, "mean")), lo, hi) == row)
                ch = num(core_table_get(c, i, "out_of_spec")) > 0 ? 'x' : '*';
            putchar(ch);
        }
        putchar('\n');
    }
    printf(" %9s  %-*s%s\n", "", c->nrows > 34 ? c->nrows - 16 : 18,
           core_table_get(c, 0, "first_at"), core_table_get(c, c->nrows - 1, "first_at"));
}

static void spc_out(const struct core_table *stats, const struct core_table *o)
{
    long total = 0;

    for (int i = 0; i < stats->nrows; i++)
        if (stats->nrows == 1 || !strcmp(core_table_get(stats, i, "all_values"), "t"))
            total = atol(core_table_get(stats, i, "out_of_spec"));
    if (total == 0) {
        printf("\nNo value out of spec.\n");
        return;
    }
    printf("\nOut of spec: %ld value%s%s\n", total, total > 1 ? "s" : "",
           total > o->nrows ? " (the first ones)" : "");
    for (int i = 0; i < o->nrows; i++) {
        char lim[64];
        limits_text(lim, sizeof lim, core_table_get(o, i, "lsl"), core_table_get(o, i, "usl"));
        printf(" %s %-20s %-18s %9s (%s)\n", core_table_get(o, i, "completed_at"),
               core_table_get(o, i, "wip_id"), or_dash(core_table_get(o, i, "serial_number")),
               core_table_get(o, i, "value"), lim);
    }
}

static void spc_csv(const struct core_table *t)
{
    static const char *const cols[] = { "lsl", "usl", "n",   "mean",        "sd",       "min",
                                        "max", "cp",  "cpk", "out_of_spec", "first_at", "last_at" };
    printf("limits,lsl,usl,n,mean,sd,min,max,cp,cpk,out_of_spec,first_at,last_at\n");
    for (int i = 0; i < t->nrows; i++) {
        cli_csv_field(!strcmp(core_table_get(t, i, "all_values"), "t") ? "all" : "judged", 0);
        for (int k = 0; k < 12; k++)
            cli_csv_field(core_table_get(t, i, cols[k]), k == 11);
    }
}

static enum stn_code report_spc(struct rep *r, struct stn_err *err)
{
    struct core_table s, c, o;
    enum stn_code rc = core_report_spc(r->db, &r->a, CHART_POINTS, OUT_LIST, &s, &c, &o, err);

    if (rc != STN_OK)
        return rc;
    if (r->csv) {
        spc_csv(&s);
    } else {
        char what[160];
        snprintf(what, sizeof what, "Process %d, %s", r->a.process, r->a.field);
        title(r, what);
        printf("(each value against the limits it was judged by)\n\n");
        if (s.nrows == 0) {
            printf(" No value was recorded in these days.\n");
        } else {
            spc_stats(&s);
            spc_chart(&c);
            spc_out(&s, &o);
        }
    }
    core_table_fini(&s);
    core_table_fini(&c);
    core_table_fini(&o);
    return STN_OK;
}

/* ---- cycle ----------------------------------------------------------------------- */
static enum stn_code report_cycle(struct rep *r, struct stn_err *err)
{
    static const char *const cols[] = { "process_number", "attempts", "work_p50", "work_p90",
                                        "waits",          "wait_p50", "wait_p90" };
    struct core_table t;
    enum stn_code rc = core_report_cycle(r->db, &r->a, &t, err);

    if (rc != STN_OK)
        return rc;
    if (r->csv) {
        printf("process,attempts,work_p50_s,work_p90_s,waits,wait_p50_s,wait_p90_s\n");
        for (int i = 0; i < t.nrows; i++)
            for (int k = 0; k < 7; k++) {
                const char *v = core_table_get(&t, i, cols[k]);
                if (k == 2 || k == 3 || k == 5 || k == 6)
                    csv_num(v, 1, k == 6);
                else
                    cli_csv_field(v, k == 6);
            }
    } else {
        title(r, "Cycle time");
        printf("(work: start to completion of an attempt; wait: from the PASS of the process\n"
               " before to the first start here)\n\n");
        printf(" %-22s %8s %9s %7s %6s %9s %7s\n", "process", "attempts", "work p50", "p90",
               "waits", "wait p50", "p90");
        for (int i = 0; i < t.nrows; i++) {
            char name[64], a[32], b[32], c[32], d[32];
            snprintf(name, sizeof name, "%s %s", core_table_get(&t, i, "process_number"),
                     or_dash(core_table_get(&t, i, "process_code")));
            dur(a, sizeof a, core_table_get(&t, i, "work_p50"));
            dur(b, sizeof b, core_table_get(&t, i, "work_p90"));
            dur(c, sizeof c, core_table_get(&t, i, "wait_p50"));
            dur(d, sizeof d, core_table_get(&t, i, "wait_p90"));
            printf(" %-22.22s %8s %9s %7s %6s %9s %7s\n", name, core_table_get(&t, i, "attempts"),
                   a, b, core_table_get(&t, i, "waits"), c, d);
        }
        if (t.nrows == 0)
            printf(" No attempt was completed in these days.\n");
    }
    core_table_fini(&t);
    return STN_OK;
}

/* ---- where-used and exports ------------------------------------------------------- */
static int to_stdout(void *ctx, const char *buf, size_t len)
{
    (void)ctx;
    return fwrite(buf, 1, len, stdout) == len ? 0 : -1;
}

static void where_summary(const struct core_table *t, const char *lot)
{
    int units = 0, lots = 0, still = 0, serials = 0, held = 0;

    for (int i = 0; i < t->nrows; i++) {
        const char *w = core_table_get(t, i, "wip_id");
        int first = i == 0 || strcmp(w, core_table_get(t, i - 1, "wip_id"));
        units += first;
        lots += i == 0 ||
                strcmp(core_table_get(t, i, "lot_number"), core_table_get(t, i - 1, "lot_number"));
        serials += first && core_table_get(t, i, "serial_number");
        held += first && !strcmp(core_table_get(t, i, "on_hold"), "t");
        still += !strcmp(core_table_get(t, i, "in_unit"), "t");
    }
    if (t->nrows == 0) {
        printf("Component lot %s: no unit used it.\n", lot);
        return;
    }
    printf("Component lot %s: used in %d unit%s (%d still hold%s it) of %d lot%s;\n"
           "%d serial%s, %d held\n",
           lot, units, units == 1 ? "" : "s", still, still == 1 ? "s" : "", lots,
           lots == 1 ? "" : "s", serials, serials == 1 ? "" : "s", held);
}

static enum stn_code report_where(struct rep *r, struct stn_err *err)
{
    struct core_table t;
    enum stn_code rc;
    long rows;

    if (r->csv)
        return core_report_where_used_csv(r->db, r->arg, to_stdout, NULL, &rows, err);
    if ((rc = core_report_where_used(r->db, r->arg, &t, err)) != STN_OK)
        return rc;
    where_summary(&t, r->arg);
    if (t.nrows)
        printf("\n %-20s %-18s %-11s %1s %-4s %-11s %s\n", "WIP ID", "serial", "status", "P",
               "res.", "used", "in unit");
    for (int i = 0; i < t.nrows; i++) {
        const char *lot = core_table_get(&t, i, "lot_number");
        const char *ss = core_table_get(&t, i, "serial_status");
        const char *used = core_table_get(&t, i, "used_at");
        if (i == 0 || strcmp(lot, core_table_get(&t, i - 1, "lot_number")))
            printf(" lot %s\n", lot);
        printf(" %-20s %-18s %-11s %1s %-4s %-11s %s%s\n", core_table_get(&t, i, "wip_id"),
               or_dash(core_table_get(&t, i, "serial_number")),
               ss ? ss : core_table_get(&t, i, "unit_status"),
               or_dash(core_table_get(&t, i, "process_number")), core_table_get(&t, i, "result"),
               used && strlen(used) > 5 ? used + 5 : or_dash(used),
               !strcmp(core_table_get(&t, i, "in_unit"), "t") ? "yes" : "replaced",
               !strcmp(core_table_get(&t, i, "on_hold"), "t") ? ", HELD" : "");
    }
    core_table_fini(&t);
    return STN_OK;
}

static enum stn_code report_export(struct rep *r, struct stn_err *err)
{
    long rows = 0;
    enum stn_code rc = core_report_export(r->db, r->arg, &r->a, to_stdout, NULL, &rows, err);

    if (rc == STN_OK)
        fprintf(stderr, "wipstation: report export %s: %ld rows, %s to %s (%s)\n", r->arg, rows,
                r->a.from, r->a.to, r->tz);
    return rc;
}

/* ---- arguments and the session ---------------------------------------------------- */
/* YYYY-MM-DD: the database says whether it is a real day. */
static int is_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

static int check_args(struct rep *r)
{
    int dates = strcmp(r->what, "where-used") != 0;

    if (!strcmp(r->what, "export") || !strcmp(r->what, "where-used")) {
        if (!r->arg)
            return usage_error("%s", !strcmp(r->what, "export")
                                         ? "export what? units, attempts, measurements or serials"
                                         : "where-used needs a component lot");
    } else if (r->arg) {
        return usage_error("unexpected argument '%s'", r->arg);
    }
    if (dates && (!r->a.from || !r->a.to))
        return usage_error("%s needs --from DATE and --to DATE", r->what);
    if (dates && (!is_date(r->a.from) || !is_date(r->a.to)))
        return usage_error("dates are YYYY-MM-DD, not '%s'",
                           is_date(r->a.from) ? r->a.to : r->a.from);
    if (!strcmp(r->what, "spc") && (r->a.process <= 0 || !r->a.field))
        return usage_error("spc needs --process N and --field CODE");
    if (!strcmp(r->what, "export") && r->csv)
        return usage_error("an export is CSV already: leave out --csv");
    return CLI_OK;
}

static enum stn_code run(struct rep *r, struct stn_err *err)
{
    if (!strcmp(r->what, "fpy"))
        return report_fpy(r, err);
    if (!strcmp(r->what, "pareto"))
        return report_pareto(r, err);
    if (!strcmp(r->what, "spc"))
        return report_spc(r, err);
    if (!strcmp(r->what, "cycle"))
        return report_cycle(r, err);
    if (!strcmp(r->what, "where-used"))
        return report_where(r, err);
    return report_export(r, err);
}

static int session(struct rep *r, const struct cli_opts *o)
{
    struct core_cfg cfg;
    struct stn_err err;
    enum stn_code rc;
    int ex;

    if ((ex = cli_maintenance_session(o, &cfg, &r->db, &rc, &err)) != CLI_OK)
        return ex;
    if (rc == STN_OK)
        rc = core_report_begin(r->db, r->tz, sizeof r->tz, &err);
    if (rc == STN_OK) {
        rc = run(r, &err);
        core_report_end(r->db);
    }
    if (fflush(stdout) != 0 && rc == STN_OK)
        rc = stn_err_set(&err, STN_E_IO, "cannot write the report");
    core_db_close(r->db);
    core_cfg_fini(&cfg);
    if (rc == STN_OK)
        return CLI_OK;
    if (!strcmp(err.sqlstate, "42883") || !strcmp(err.sqlstate, "42P01"))
        fprintf(stderr,
                "wipstation: report: the database has no reports yet (%s): run "
                "wipstation migrate\n",
                err.msg);
    else
        fprintf(stderr, "wipstation: report: %s\n", err.msg);
    return rc == STN_E_USAGE || rc == STN_E_CONFIG ? CLI_USAGE : CLI_FAIL;
}

static int known(const char *what)
{
    static const char *const whats[] = { "fpy", "pareto", "spc", "cycle", "export", "where-used" };
    for (size_t i = 0; i < sizeof whats / sizeof whats[0]; i++)
        if (!strcmp(what, whats[i]))
            return 1;
    return 0;
}

int cli_report(const struct cli_opts *given, int argc, char **argv)
{
    enum { O_FROM = 1000, O_TO, O_BY, O_PROCESS, O_FIELD, O_CSV };
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'c' },
        { "from", required_argument, NULL, O_FROM },
        { "to", required_argument, NULL, O_TO },
        { "by", required_argument, NULL, O_BY },
        { "process", required_argument, NULL, O_PROCESS },
        { "field", required_argument, NULL, O_FIELD },
        { "csv", no_argument, NULL, O_CSV },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_opts o = *given;
    struct rep r;
    char *end;
    int c, ex;

    memset(&r, 0, sizeof r);
    r.a.by = "process";
    optind = 0; /* GNU getopt starts over; arguments may come in any order */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o.config = optarg; break;
        case O_FROM: r.a.from = optarg; break;
        case O_TO: r.a.to = optarg; break;
        case O_BY: r.a.by = optarg; break;
        case O_FIELD: r.a.field = optarg; break;
        case O_CSV: r.csv = 1; break;
        case O_PROCESS:
            r.a.process = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || r.a.process <= 0)
                return usage_error("--process needs a process number, not '%s'", optarg);
            break;
        case 'h': fputs(usage_text, stdout); return CLI_OK;
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("which report?");
    if (!known(argv[optind]))
        return usage_error("unknown report '%s'", argv[optind]);
    r.what = argv[optind++];
    r.arg = optind < argc ? argv[optind++] : NULL;
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    if ((ex = check_args(&r)) != CLI_OK)
        return ex;
    setlocale(LC_CTYPE, "");
    r.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8") && !r.csv;
    return session(&r, &o);
}
