/* cli/migrate.c — `wipstation migrate`: the schema brought up to date, taken down to a
 * version, or the lots in progress back-filled; the session may run as long as a
 * migration needs (core_db_maintenance). */
#include "cli/cli.h"

#include <stdio.h>

#include "base/status.h"
#include "core/backfill.h"
#include "core/db.h"
#include "core/migrate.h"

static int fail(enum stn_code rc, const struct stn_err *err)
{
    fprintf(stderr, "wipstation: %s\n", err->msg);
    return rc == STN_E_USAGE || rc == STN_E_CONFIG ? CLI_USAGE : CLI_FAIL;
}

int cli_migrate(const struct cli_opts *o)
{
    struct core_cfg cfg;
    struct core_db *db = NULL;
    struct stn_err err;
    enum stn_code rc;
    int ex;

    if ((ex = cli_maintenance_session(o, &cfg, &db, &rc, &err)) != CLI_OK)
        return ex;
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
    return rc == STN_OK ? CLI_OK : fail(rc, &err);
}
