/* cli/font.c — `wipstation font-upload FILE [--queue Q] [--du]`: stores a TrueType font
 * on the station's printer, under the name [printer] font gives (or one made from the
 * file's name), so that labels can send their Korean text in it (^A@) instead of drawing
 * it on the station. One job, followed to its final state; exit 0 only for COMPLETED.
 * Not recorded in wip_print_jobs: it is no label. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/status.h"
#include "print/font.h"
#include "print/print.h"

/* A font is megabytes: over USB at full speed 4.7 MB take about 4 s, and the printer
 * writes them to flash; wait_s (labels of a few hundred bytes) is too short for that. */
#define FONT_WAIT_S 120

/* E:<FILE'S NAME, capitals, at most 16>.TTF (or .FNT for ~DU). */
static void name_from_file(const char *path, int du, char *out, size_t n)
{
    const char *base = strrchr(path, '/');
    size_t k = 0;

    base = base ? base + 1 : path;
    snprintf(out, n, "E:");
    for (; *base && *base != '.' && k < PRN_FONT_NAME_MAX && k + 7 < n; base++, k++) {
        char c = *base;
        out[2 + k] = c >= 'a' && c <= 'z'                               ? (char)(c - 32)
                     : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c
                                                                        : '_';
    }
    snprintf(out + 2 + k, n - 2 - k, "%s", du ? ".FNT" : ".TTF");
}

static int send(const struct core_cfg *cfg, const char *queue, const char *name,
                const struct prn_buf *buf)
{
    char head[256];

    snprintf(head, sizeof head, "font-upload: %s to queue %s", name, queue);
    return cli_print_follow_job(cfg, "font-upload", head, queue, FONT_WAIT_S, buf, NULL, NULL);
}

int cli_font_upload(const struct cli_opts *o)
{
    struct prn_buf buf = { NULL, 0 };
    struct core_cfg cfg;
    struct stn_err err;
    const char *queue;
    char name[64];
    enum stn_code rc;
    int ex;

    if (!o->file) {
        fprintf(stderr, "wipstation: font-upload needs the TrueType FILE to store\n");
        return CLI_USAGE;
    }
    if ((ex = cli_load_config(o, &cfg)) != CLI_OK)
        return ex;
    queue = o->queue && o->queue[0] ? o->queue : cfg.queue;
    if (!queue[0]) {
        fprintf(stderr, "wipstation: no printer queue: set [printer] queue or use --queue\n");
        core_cfg_fini(&cfg);
        return CLI_USAGE;
    }
    if (cfg.printer_font[0])
        snprintf(name, sizeof name, "%s", cfg.printer_font);
    else
        name_from_file(o->file, o->du, name, sizeof name);
    rc = prn_font_upload_zpl(o->file, name, o->du ? PRN_FONT_DU : PRN_FONT_DY, &buf, &err);
    if (rc != STN_OK) {
        fprintf(stderr, "wipstation: font-upload: %s\n", err.msg);
        core_cfg_fini(&cfg);
        return rc == STN_E_IO ? CLI_FAIL : CLI_USAGE;
    }
    ex = send(&cfg, queue, name, &buf);
    if (ex == CLI_OK && !cfg.printer_font[0])
        printf("font-upload: labels use it once %s says: [printer] font = %s\n",
               cfg.path ? cfg.path : "the configuration", name);
    prn_buf_free(&buf);
    core_cfg_fini(&cfg);
    return ex;
}
