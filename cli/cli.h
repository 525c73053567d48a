/* cli/cli.h — the command line: wipstation's options, its subcommands and the start of
 * the full-screen station (tui/). Nothing else uses this directory. */
#ifndef STN_CLI_CLI_H
#define STN_CLI_CLI_H

#include "base/status.h"
#include "core/cfg.h"
#include "core/db.h"
#include "print/print.h"

/* Exit codes: 0 ok, 1 runtime failure, 2 usage/configuration error. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli_opts {
    const char *config;  /* -c FILE, or NULL for the default */
    const char *file;    /* the subcommand's FILE (font-upload, submit) */
    const char *station; /* --station ID */
    const char *queue;   /* --queue Q */
    const char *since;   /* --since DATE */
    int dry_run;
    int backfill;
    int du;      /* --du: font-upload with ~DU */
    int down_to; /* -1 = not given */
};

/* ---- main.c --------------------------------------------------------------------- */
/* Loads the configuration the options name (no -c and no default file: the defaults and
 * the libpq environment); prints the error; returns an exit code. */
int cli_load_config(const struct cli_opts *o, struct core_cfg *cfg);
/* The configuration the options name (cli_load_config) and a maintenance session on its
 * database (core_db_open, core_db_maintenance): CLI_OK with the session's result in *rc and
 * err (*db to core_db_close, cfg to core_cfg_fini, whatever it is), or the exit code of a
 * configuration that does not load (said; nothing to free). */
int cli_maintenance_session(const struct cli_opts *o, struct core_cfg *cfg, struct core_db **db,
                            enum stn_code *rc, struct stn_err *err);

/* ---- csv.c ----------------------------------------------------------------------- */
/* Writes v (NULL: empty) as one CSV field on standard output, RFC 4180 quoting, control
 * characters as '?', then ',' or, for the last field of a row, a newline. */
void cli_csv_field(const char *v, int last);

/* ---- migrate.c: wipstation migrate [--backfill-in-progress | --down-to N] ---------- */
int cli_migrate(const struct cli_opts *o);

/* ---- check.c: wipstation check ---------------------------------------------------- */
int cli_check(const struct cli_opts *o);

/* ---- submit.c: wipstation submit FILE --------------------------------------------- */
int cli_submit(const struct cli_opts *o);

/* ---- report.c: wipstation report fpy|pareto|spc|cycle|export|where-used ----------- */
/* argv[0] is "report"; the options given before it are in o. */
int cli_report(const struct cli_opts *o, int argc, char **argv);

/* ---- print.c: wipstation print-test, wipstation print-commands -------------------- */
int cli_print_test(const struct cli_opts *o);
int cli_print_commands(const struct cli_opts *o);
/* How labels are drawn with cfg's [printer] settings (pointers into cfg). */
void cli_print_style(const struct core_cfg *cfg, struct prn_style *st);
/* Records a job's state (PENDING, then its final one) where the command keeps it. */
typedef void (*cli_print_record_fn)(void *ctx, const char *state, int job_id, const char *text);
/* Submits buf to queue on cfg's CUPS server, follows the job to its final state (bounded by
 * [printer] wait_s), gives each state to record (when not NULL) and prints one result line,
 * "what: queue Q, job N, B bytes: STATE after T ms". CLI_OK only for COMPLETED. */
int cli_print_follow(const struct core_cfg *cfg, const char *what, const char *queue,
                     const struct prn_buf *buf, cli_print_record_fn record, void *ctx);
/* The same for a job titled title that may take wait_s seconds; its result line starts with
 * head ("what: queue Q" above) and goes on ", job N, B bytes: STATE after T ms". */
int cli_print_follow_job(const struct core_cfg *cfg, const char *title, const char *head,
                         const char *queue, int wait_s, const struct prn_buf *buf,
                         cli_print_record_fn record, void *ctx);

/* ---- admin.c: wipstation admin NOUN VERB ... (man wipstation-admin) ---------------- */
/* argc/argv: from "admin" on (argv[0] is "admin"); o holds the options given before it. */
int cli_admin(const struct cli_opts *o, int argc, char **argv);

/* ---- font.c: wipstation font-upload FILE [--du] ------------------------------------ */
int cli_font_upload(const struct cli_opts *o);

#endif
