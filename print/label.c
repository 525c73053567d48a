/* print/label.c — the label API of print/print.h: loads <templates>/<kind>.zpl, fills
 * the placeholders, renders (print/zpl.c) and puts right the text the printer's font
 * cannot show (print/zpl_text.c). The only clock reading is "printed_at" when the caller
 * gives none. */
#include "print/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/status.h"
#include "print/glyph.h"
#include "print/zpl.h"

void prn_buf_free(struct prn_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

static const char *const kind_files[] = { "wip.zpl", "serial.zpl", "lot.zpl", "test.zpl",
                                          "badge.zpl" };

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

/* The text the printer's font cannot show, put right as the style says. */
static enum stn_code fonts(const struct prn_style *st, struct prn_buf *out, struct stn_err *err)
{
    const struct prn_text_fonts f = { st->bitmap_font, st->printer_font };
    enum stn_code rc;

    if ((!f.bitmap_font || !f.bitmap_font[0]) && (!f.printer_font || !f.printer_font[0]))
        return STN_OK;
    if ((rc = prn_zpl_text(out, &f, NULL, err)) != STN_OK)
        prn_buf_free(out);
    return rc;
}

/* A template name from the configuration: a file in the templates directory. */
static int plain_name(const char *s)
{
    if (!s[0] || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

enum stn_code prn_label_render(const struct prn_style *st, enum prn_label_kind kind,
                               const struct prn_label_data *d, struct prn_buf *out,
                               struct stn_err *err)
{
    const char *vals[PRN_VAR_COUNT] = { NULL };
    const char *file;
    struct prn_tpl *t = NULL;
    char now[32], wip[80];
    enum stn_code rc;

    out->data = NULL;
    out->len = 0;
    if ((unsigned)kind >= sizeof kind_files / sizeof kind_files[0])
        return stn_err_set(err, STN_E_USAGE, "unknown label kind %d", (int)kind);
    file = kind_files[kind];
    if (kind == PRN_LABEL_WIP && st->wip_template && st->wip_template[0]) {
        if (!plain_name(st->wip_template))
            return stn_err_set(err, STN_E_CONFIG,
                               "WIP label template '%s': a name such as "
                               "wip-dm (a-z, 0-9, - and _), without .zpl",
                               st->wip_template);
        snprintf(wip, sizeof wip, "%s.zpl", st->wip_template);
        file = wip;
    }
    if ((rc = load(st->templates_dir, file, PRN_TPL_LABEL, &t, err)) != STN_OK)
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
    vals[PRN_VAR_BADGE] = d->badge;
    vals[PRN_VAR_NAME] = d->name;
    vals[PRN_VAR_ROLE] = d->role;
    rc = prn_zpl_render(t, st->dpi, vals, out, err);
    prn_tpl_free(t);
    return rc == STN_OK ? fonts(st, out, err) : rc;
}

enum stn_code prn_command_sheet_render(const struct prn_style *st,
                                       const struct prn_command_sheet *s, struct prn_buf *out,
                                       struct stn_err *err)
{
    struct prn_tpl *t = NULL;
    char now[32];
    enum stn_code rc;

    out->data = NULL;
    out->len = 0;
    if ((rc = load(st->templates_dir, "commands.zpl", PRN_TPL_SHEET, &t, err)) != STN_OK)
        return rc;
    if (!s->printed_at)
        now_text(now, sizeof now);
    rc = prn_zpl_render_sheet(t, st->dpi, s, s->printed_at ? s->printed_at : now, out, err);
    prn_tpl_free(t);
    return rc == STN_OK ? fonts(st, out, err) : rc;
}
