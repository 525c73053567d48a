/* print/label.c — the label API of print/print.h: loads <templates>/<kind>.zpl, fills
 * the placeholders and renders (print/zpl.c). The only clock reading is "printed_at"
 * when the caller gives none. */
#include "print/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/status.h"
#include "print/zpl.h"

void prn_buf_free(struct prn_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

static const char *const kind_files[] = { "wip.zpl", "serial.zpl", "lot.zpl", "test.zpl" };

static void now_text(char *buf, size_t n)
{
    struct tm tm;
    time_t t = time(NULL);

    if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M", &tm))
        snprintf(buf, n, "?");
}

static enum stn_code load(const char *dir, const char *file, enum prn_tpl_kind kind,
                          struct prn_tpl **t, struct stn_err *err)
{
    char path[4096];

    if (!dir || !dir[0])
        dir = ".";
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return stn_err_set(err, STN_E_CONFIG, "label templates directory name too long");
    return prn_tpl_load(path, kind, t, err);
}

enum stn_code prn_label_render(const char *templates_dir, int dpi, enum prn_label_kind kind,
                               const struct prn_label_data *d, struct prn_buf *out,
                               struct stn_err *err)
{
    const char *vals[PRN_VAR_COUNT] = { NULL };
    struct prn_tpl *t = NULL;
    char now[32];
    enum stn_code rc;

    out->data = NULL;
    out->len = 0;
    if ((unsigned)kind >= sizeof kind_files / sizeof kind_files[0])
        return stn_err_set(err, STN_E_USAGE, "unknown label kind %d", (int)kind);
    if ((rc = load(templates_dir, kind_files[kind], PRN_TPL_LABEL, &t, err)) != STN_OK)
        return rc;
    if (!d->printed_at)
        now_text(now, sizeof now);
    vals[PRN_VAR_SERIAL] = d->serial;
    vals[PRN_VAR_WIP_ID] = d->wip_id;
    vals[PRN_VAR_LOT] = d->lot;
    vals[PRN_VAR_MODEL_CODE] = d->model_code;
    vals[PRN_VAR_MODEL_NAME] = d->model_name;
    vals[PRN_VAR_PRODUCTION_DATE] = d->production_date;
    vals[PRN_VAR_PRINTED_AT] = d->printed_at ? d->printed_at : now;
    vals[PRN_VAR_STATION] = d->station;
    vals[PRN_VAR_OPERATOR] = d->operator_name;
    rc = prn_zpl_render(t, dpi, vals, out, err);
    prn_tpl_free(t);
    return rc;
}

enum stn_code prn_command_sheet_render(const char *templates_dir, int dpi,
                                       const struct prn_command_sheet *s, struct prn_buf *out,
                                       struct stn_err *err)
{
    struct prn_tpl *t = NULL;
    char now[32];
    enum stn_code rc;

    out->data = NULL;
    out->len = 0;
    if ((rc = load(templates_dir, "commands.zpl", PRN_TPL_SHEET, &t, err)) != STN_OK)
        return rc;
    if (!s->printed_at)
        now_text(now, sizeof now);
    rc = prn_zpl_render_sheet(t, dpi, s, s->printed_at ? s->printed_at : now, out, err);
    prn_tpl_free(t);
    return rc;
}
