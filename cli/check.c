/* cli/check.c — `wipstation check`: the configuration, the database, the schema version,
 * the printer queue and how labels show Korean text, one line each, and what is wrong. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/status.h"
#include "core/db.h"
#include "core/migrate.h"
#include "print/glyph.h"
#include "print/print.h"

/* How labels show the text the printer's font cannot: in its stored font (which only a
 * job can show is there), or drawn on the station with bitmap_font, which must load. */
static int check_label_text(const struct core_cfg *cfg)
{
    const struct prn_glyph_box box = { 24, 0, 200 };
    struct prn_bitmap b;
    struct stn_err err;

    if (cfg->printer_font[0]) {
        printf("labels: ok: Korean text sent in the printer's font %s (stored there with "
               "wipstation font-upload)\n",
               cfg->printer_font);
        return 0;
    }
    if (prn_glyph_draw(cfg->bitmap_font, "한글", strlen("한글"), &box, &b, NULL, &err) != STN_OK) {
        printf("labels: FAILED: Korean text cannot be drawn: %s\n", err.msg);
        return 1;
    }
    prn_bitmap_free(&b);
    prn_glyph_close();
    printf("labels: ok: Korean text drawn on the station with %s\n", cfg->bitmap_font);
    return 0;
}

int cli_check(const struct cli_opts *o)
{
    struct core_cfg cfg;
    struct core_db *db = NULL;
    struct stn_err err;
    char info[256];
    int version = 0, problems = 0, ex;

    if ((ex = cli_load_config(o, &cfg)) != CLI_OK)
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
    if ((o->queue ? o->queue : cfg.queue)[0])
        problems += check_label_text(&cfg);
    core_cfg_fini(&cfg);
    if (problems)
        printf("%d problem%s found\n", problems, problems == 1 ? "" : "s");
    return problems ? CLI_FAIL : CLI_OK;
}
