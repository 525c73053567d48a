/* tui/cli.h — the administrative subcommands (SPEC.md 9). */
#ifndef STN_TUI_CLI_H
#define STN_TUI_CLI_H

#include "core/cfg.h"

/* Exit codes: 0 ok, 1 runtime failure, 2 usage/configuration error. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli_opts {
    const char *config;  /* -c FILE, or NULL for the default */
    const char *station; /* --station ID */
    const char *queue;   /* --queue Q */
    const char *since;   /* --since DATE */
    int dry_run;
    int backfill;
    int down_to; /* -1 = not given */
};

/* Loads the configuration the options name; prints the error; returns an exit code. */
int cli_load_config(const struct cli_opts *o, struct core_cfg *cfg, int required);

int cli_migrate(const struct cli_opts *o);
int cli_check(const struct cli_opts *o);

#endif
