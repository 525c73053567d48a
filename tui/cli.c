/* tui/cli.c — migrate and check. */
#include "tui/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/backfill.h"
#include "core/db.h"
#include "core/migrate.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "print/print.h"

int cli_load_config(const struct cli_opts *o, struct core_cfg *cfg, int required)
{
    struct stn_err err;
    const char *path = o->config ? o->config : CORE_CFG_DEFAULT_PATH;

    core_cfg_init(cfg);
    if (!o->config && access(path, F_OK) != 0 && !required)
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

static int fail(const struct stn_err *err)
{
    fprintf(stderr, "wipstation: %s\n", err->msg);
    return err->code == STN_E_USAGE || err->code == STN_E_CONFIG ? CLI_USAGE : CLI_FAIL;
}

int cli_migrate(const struct cli_opts *o)
{
    struct core_cfg cfg;
    struct core_db *db = NULL;
    struct stn_err err;
    enum stn_code rc;
    int ex;

    if ((ex = cli_load_config(o, &cfg, 0)) != CLI_OK)
        return ex;
    stn_err_clear(&err);
    rc = core_db_open(&db, &cfg, &err);
    if (rc == STN_OK)
        rc = core_db_maintenance(db, &err);
    if (rc == STN_OK) {
        if (o->backfill)
            rc = core_backfill_in_progress(db, o->since, o->dry_run, stdout, &err);
        else if (o->down_to >= 0)
            rc = core_migrate_down_to(db, o->down_to, o->dry_run, stdout, &err);
        else
            rc = core_migrate_up(db, o->dry_run, stdout, &err);
    }
    core_db_close(db);
    core_cfg_fini(&cfg);
    return rc == STN_OK ? CLI_OK : fail(&err);
}

int cli_check(const struct cli_opts *o)
{
    struct core_cfg cfg;
    struct core_db *db = NULL;
    struct stn_err err;
    char info[256];
    int version = 0, problems = 0, ex;

    if ((ex = cli_load_config(o, &cfg, 0)) != CLI_OK)
        return ex;
    printf("config: %s: ok (station %s, process %d)\n", cfg.path ? cfg.path : "(defaults)",
           cfg.station_id, cfg.process);
    stn_err_clear(&err);
    if (core_db_open(&db, &cfg, &err) != STN_OK) {
        printf("database: FAILED: %s\n", err.msg);
        problems++;
    } else if (core_db_server_info(db, info, sizeof info, &err) != STN_OK) {
        printf("database: FAILED: %s\n", err.msg);
        problems++;
    } else {
        printf("database: ok: %s\n", info);
        if (core_migrate_status(db, &version, &err) != STN_OK) {
            printf("schema: FAILED: %s\n", err.msg);
            problems++;
        } else if (version != core_schema_version()) {
            printf("schema: FAILED: version %d, this program needs %d (run: wipstation migrate)\n",
                   version, core_schema_version());
            problems++;
        } else {
            printf("schema: ok: version %d\n", version);
        }
    }
    core_db_close(db);
    if (!(o->queue ? o->queue : cfg.queue)[0]) {
        printf("printer: not configured\n");
    } else if (prn_queue_check(cfg.server, o->queue ? o->queue : cfg.queue, info, sizeof info,
                               &err) != STN_OK) {
        printf("printer: FAILED: %s\n", err.msg);
        problems++;
    } else {
        printf("printer: ok: %s\n", info);
    }
    core_cfg_fini(&cfg);
    if (problems)
        printf("%d problem%s found\n", problems, problems == 1 ? "" : "s");
    return problems ? CLI_FAIL : CLI_OK;
}
