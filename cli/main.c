/* cli/main.c — wipstation's options and subcommands (see usage_text), the
 * configuration they name, and the start of the full-screen station. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/status.h"
#include "base/xalloc.h"
#include "core/cfg.h"
#include "core/db.h"
#include "tui/app.h"

static const char usage_text[] =
    "usage:\n"
    "  wipstation [-c FILE] [--station ID]           full-screen station\n"
    "  wipstation migrate [-c FILE] [--dry-run]      create or upgrade the schema\n"
    "  wipstation migrate --backfill-in-progress --since DATE [--dry-run]\n"
    "                                                WIPs for serials of lots in progress\n"
    "  wipstation migrate --down-to N [--dry-run]    remove wipstation's additions above N\n"
    "  wipstation check [-c FILE]                    verify config, database, schema, printer\n"
    "  wipstation print-test [-c FILE] [--queue Q]   print a test label and wait for it\n"
    "  wipstation print-commands [-c FILE]           print the station's command sheet\n"
    "  wipstation font-upload FILE [--queue Q] [--du]\n"
    "                                                store a TrueType font on the printer\n"
    "  wipstation submit FILE [-c FILE]              a rig's message to the running station\n"
    "  wipstation admin [-c FILE] COMMAND ...        users, badges, PINs, criteria, master data\n"
    "                                                (wipstation admin help, man wipstation-admin)\n"
    "  wipstation report fpy|pareto|spc|cycle --from DATE --to DATE [--csv]\n"
    "                                                quality reports (read-only)\n"
    "  wipstation report export units|attempts|measurements|serials --from DATE --to DATE\n"
    "  wipstation report where-used LOT [--csv]      the units a component lot went into\n"
    "  wipstation --version | --help\n"
    "\n"
    "options:\n"
    "  -c, --config FILE   configuration (default " STN_SYSCONFDIR "/wipstation/wipstation.ini)\n"
    "      --station ID    station id (overrides [station] id)\n"
    "      --queue Q       CUPS queue (overrides [printer] queue)\n"
    "      --dry-run       show what would be done, change nothing\n"
    "      --du            font-upload with ~DU (stored as .FNT) for older firmware\n"
    "      --name TEXT, --role ROLE, --username U, --process N, --ko TEXT, --en TEXT, --csv\n"
    "                      options of admin's commands (wipstation admin help)\n"
    "      --backfill-in-progress, --since DATE, --down-to N   see above\n"
    "      --from DATE, --to DATE   report: the plant's days covered (both included)\n"
    "      --by process|day|shift|station|operator   report fpy: the grouping\n"
    "      --process N, --field CODE   report pareto/spc: the process, the measurement\n"
    "      --csv           report: CSV instead of a table\n"
    "\n"
    "exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error\n";

/* GnuTLS is mapped into every station by libpq's LDAP library, and its constructor
 * initialises it at load time (0.7 MB resident, p11-kit included) although nothing in a
 * station uses it: libpq uses OpenSSL, and libcups, when a label is printed, initialises
 * GnuTLS itself. GnuTLS skips that with GNUTLS_NO_IMPLICIT_INIT=1 in the environment,
 * which only counts before the libraries are loaded: so a station that starts without it
 * sets it and runs itself again (a few milliseconds, once). */
static void without_tls_init(char **argv)
{
    const char *pre = getenv("LD_PRELOAD");
    char path[4096];
    ssize_t n;

    /* under valgrind /proc/self/exe is valgrind's tool, which cannot be run directly */
    if (pre && strstr(pre, "vgpreload"))
        return;
    if (getenv("GNUTLS_NO_IMPLICIT_INIT") || setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 1) != 0)
        return;
    /* the program's real path, not /proc/self/exe: the kernel names a process after the
     * file it executed, and ps, pgrep, top and killall look for "wipstation" */
    n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0 || (size_t)n >= sizeof path - 1)
        return; /* no /proc: carry on as is */
    path[n] = '\0';
    execv(path, argv);
}

static int usage(FILE *f, int code)
{
    fputs(usage_text, f);
    return code;
}

int cli_load_config(const struct cli_opts *o, struct core_cfg *cfg)
{
    struct stn_err err;
    const char *path = o->config ? o->config : CORE_CFG_DEFAULT_PATH;

    core_cfg_init(cfg);
    if (!o->config && access(path, F_OK) != 0)
        return CLI_OK; /* no file: defaults and the libpq environment */
    if (core_cfg_load(cfg, path, &err) != STN_OK) {
        fprintf(stderr, "wipstation: %s\n", err.msg);
        core_cfg_fini(cfg);
        return CLI_USAGE;
    }
    if (o->station) {
        free(cfg->station_id);
        cfg->station_id = xstrdup(o->station);
    }
    return CLI_OK;
}

int cli_maintenance_session(const struct cli_opts *o, struct core_cfg *cfg, struct core_db **db,
                            enum stn_code *rc, struct stn_err *err)
{
    int ex = cli_load_config(o, cfg);

    if (ex != CLI_OK)
        return ex;
    stn_err_clear(err);
    *rc = core_db_open(db, cfg, err);
    if (*rc == STN_OK)
        *rc = core_db_maintenance(*db, err);
    return CLI_OK;
}

/* The full-screen station (tui/) on the configuration the options name. */
static int station(const struct cli_opts *o)
{
    struct core_cfg cfg;
    int ex = cli_load_config(o, &cfg);

    if (ex != CLI_OK)
        return ex;
    ex = tui_station_main(&cfg) == EXIT_SUCCESS ? CLI_OK : CLI_FAIL;
    core_cfg_fini(&cfg);
    return ex;
}

int main(int argc, char **argv)
{
    enum { O_STATION = 1000, O_QUEUE, O_DRY, O_BACKFILL, O_SINCE, O_DOWN, O_VERSION, O_HELP, O_DU };
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'c' },
        { "station", required_argument, NULL, O_STATION },
        { "queue", required_argument, NULL, O_QUEUE },
        { "dry-run", no_argument, NULL, O_DRY },
        { "backfill-in-progress", no_argument, NULL, O_BACKFILL },
        { "since", required_argument, NULL, O_SINCE },
        { "down-to", required_argument, NULL, O_DOWN },
        { "version", no_argument, NULL, O_VERSION },
        { "help", no_argument, NULL, O_HELP },
        { "du", no_argument, NULL, O_DU },
        { NULL, 0, NULL, 0 },
    };
    struct cli_opts o = { NULL, NULL, NULL, NULL, NULL, 0, 0, 0, -1 };
    const char *cmd = NULL;
    char *end;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "+c:h", longopts, NULL)) != -1 || optind < argc) {
        if (c == -1) {                                  /* a subcommand word, then more options */
            if (!cmd && !strcmp(argv[optind], "admin")) /* admin parses the rest itself */
                return cli_admin(&o, argc - optind, argv + optind);
            if (cmd && (!strcmp(cmd, "font-upload") || !strcmp(cmd, "submit")) && !o.file) {
                o.file = argv[optind++];
                continue;
            }
            if (cmd) {
                fprintf(stderr, "wipstation: unexpected argument '%s'\n", argv[optind]);
                return usage(stderr, CLI_USAGE);
            }
            cmd = argv[optind++];
            if (!strcmp(cmd, "report")) /* its own options and words follow */
                return cli_report(&o, argc - optind + 1, argv + optind - 1);
            continue;
        }
        switch (c) {
        case 'c': o.config = optarg; break;
        case O_STATION: o.station = optarg; break;
        case O_QUEUE: o.queue = optarg; break;
        case O_DRY: o.dry_run = 1; break;
        case O_DU: o.du = 1; break;
        case O_BACKFILL: o.backfill = 1; break;
        case O_SINCE: o.since = optarg; break;
        case O_DOWN:
            o.down_to = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || o.down_to < 0) {
                fprintf(stderr, "wipstation: --down-to needs a version number\n");
                return CLI_USAGE;
            }
            break;
        case O_VERSION: printf("wipstation %s\n", STN_VERSION); return CLI_OK;
        case 'h':
        case O_HELP: return usage(stdout, CLI_OK);
        default:
            fprintf(stderr, "wipstation: unknown option '%s'\n", argv[optind - 1]);
            return usage(stderr, CLI_USAGE);
        }
    }
    if ((o.backfill || o.since || o.down_to >= 0 || o.dry_run) &&
        (!cmd || strcmp(cmd, "migrate"))) {
        fprintf(stderr, "wipstation: --dry-run, --backfill-in-progress, --since and --down-to "
                        "belong to 'migrate'\n");
        return CLI_USAGE;
    }
    if (o.du && (!cmd || strcmp(cmd, "font-upload"))) {
        fprintf(stderr, "wipstation: --du belongs to 'font-upload'\n");
        return CLI_USAGE;
    }
    if (o.backfill && !o.since) {
        fprintf(stderr, "wipstation: --backfill-in-progress needs --since DATE\n");
        return CLI_USAGE;
    }
    if (o.backfill && o.down_to >= 0) {
        fprintf(stderr, "wipstation: --backfill-in-progress and --down-to exclude each other\n");
        return CLI_USAGE;
    }
    if (!cmd) {
        without_tls_init(argv);
        return station(&o);
    }
    if (!strcmp(cmd, "migrate"))
        return cli_migrate(&o);
    if (!strcmp(cmd, "check"))
        return cli_check(&o);
    if (!strcmp(cmd, "print-test"))
        return cli_print_test(&o);
    if (!strcmp(cmd, "print-commands"))
        return cli_print_commands(&o);
    if (!strcmp(cmd, "font-upload"))
        return cli_font_upload(&o);
    if (!strcmp(cmd, "submit"))
        return cli_submit(&o);
    if (!strcmp(cmd, "help"))
        return usage(stdout, CLI_OK);
    fprintf(stderr, "wipstation: unknown command '%s'\n", cmd);
    return usage(stderr, CLI_USAGE);
}
