/* tui/printjobs.c — the terminal's print-job follower (see tui/printjobs.h). */
#include "tui/printjobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "print/print.h"
#include "tui/i18n.h"
#include "tui/reasons.h"
#include "tui/tui.h"

#define POLL_MS 200

static enum prn_label_kind prn_kind(enum core_label_type t)
{
    switch (t) {
    case CORE_LABEL_WIP: return PRN_LABEL_WIP;
    case CORE_LABEL_LOT: return PRN_LABEL_LOT;
    case CORE_LABEL_TEST: return PRN_LABEL_TEST;
    case CORE_LABEL_SERIAL:
    case CORE_LABEL_COMMANDS: break;
    }
    return PRN_LABEL_SERIAL;
}

/* Records a final state; keeps it for later when the database is away. */
static int finish(struct tui_app *a, struct tui_print *p)
{
    struct stn_err err;
    enum stn_code rc;

    if (!p->job_pk)
        return 1;
    if (!tui_db_online(a))
        return 0;
    rc = core_print_finish(a->db, p->job_pk, p->state, p->cups_id, p->msg[0] ? p->msg : NULL, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK)
        tui_log("print record %lld: %s", (long long)p->job_pk, err.msg);
    return rc == STN_OK || rc != STN_E_DB_CONN;
}

/* A label that did not print: on the card when it is the card's unit's, else named on the
 * message line (a lot label, a batch's WIP, a label of a unit no longer shown). */
static void not_printed(struct tui_app *a, int64_t wip_pk, const char *label_id, const char *msg)
{
    const struct tui_card *c = tui_station_card(a);

    tui_station_label_done(a, wip_pk, 0, msg);
    if (!wip_pk || !c || c->ans.unit.wip_pk != wip_pk)
        tui_msg(a, TUI_MSG_ERROR,
                _("Label %s not printed: %s. A supervisor can reprint it: "
                  "CMD:REPRINT."),
                label_id, msg && *msg ? msg : "?");
}

static void failed_now(struct tui_app *a, int64_t job_pk, int64_t wip_pk, const char *label_id,
                       const char *msg)
{
    struct tui_print p;

    memset(&p, 0, sizeof p);
    p.job_pk = job_pk;
    snprintf(p.state, sizeof p.state, "FAILED");
    snprintf(p.msg, sizeof p.msg, "%s", msg);
    tui_log("label not printed: %s", msg);
    if (!finish(a, &p) && a->print.n < TUI_MAX_JOBS) {
        p.final = 1;
        a->print.job[a->print.n++] = p;
    }
    not_printed(a, wip_pk, label_id, msg);
}

static void label_data(struct tui_app *a, const struct core_label_data *d,
                       struct prn_label_data *pd)
{
    memset(pd, 0, sizeof *pd);
    pd->serial = d->serial[0] ? d->serial : NULL;
    pd->wip_id = d->wip_id;
    pd->lot = d->lot;
    pd->model_code = d->model_code;
    pd->model_name = d->model_name;
    pd->production_date = d->production_date;
    pd->station = a->actor.station_id;
    pd->operator_name = a->actor.name;
}

/* What core records of the attempt (the type, the unit, the queue, a reprint's reason). */
static void record_of(struct tui_app *a, enum core_label_type type, const struct core_label_data *d,
                      const char *reason, struct core_print_rec *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->type = type;
    rec->wip_pk = d->wip_pk, rec->serial_pk = d->serial_pk, rec->lot_pk = d->lot_pk;
    snprintf(rec->label_id, sizeof rec->label_id, "%s",
             type == CORE_LABEL_LOT                      ? d->lot
             : type == CORE_LABEL_SERIAL && d->serial[0] ? d->serial
                                                         : d->wip_id);
    snprintf(rec->queue, sizeof rec->queue, "%s", a->cfg->queue);
    rec->is_reprint = reason != NULL;
    rec->reason = reason;
}

/* Starts following a submitted job (there is room: the caller checked). */
static void follow(struct tui_app *a, struct prn_job *job, int64_t job_pk, int64_t wip_pk,
                   const char *label_id)
{
    struct tui_print *p = &a->print.job[a->print.n++];

    memset(p, 0, sizeof *p);
    p->job = job;
    p->job_pk = job_pk;
    p->wip_pk = wip_pk;
    p->cups_id = prn_job_id(job);
    snprintf(p->label_id, sizeof p->label_id, "%s", label_id);
    p->next_poll_ms = a->now_ms + POLL_MS;
}

/* The station's [printer] settings for print/. */
static void style_of(const struct tui_app *a, struct prn_style *st)
{
    st->templates_dir = a->cfg->templates;
    st->dpi = a->cfg->dpi;
    st->wip_template = a->cfg->wip_template;
    st->bitmap_font = a->cfg->bitmap_font;
    st->printer_font = a->cfg->printer_font;
}

static int submit(struct tui_app *a, enum core_label_type type, const struct core_label_data *d,
                  const struct core_actor *who, const char *reason, int batch)
{
    struct core_print_rec rec;
    struct prn_label_data pd;
    struct prn_buf buf = { NULL, 0 };
    struct prn_style style;
    struct core_refusal why;
    char text[TUI_REASON_LEN];
    struct stn_err err, perr;
    struct prn_job *job = NULL;
    int64_t job_pk = 0;
    int rendered;
    enum stn_code rc;

    record_of(a, type, d, reason, &rec);
    label_data(a, d, &pd);
    stn_err_clear(&perr);
    style_of(a, &style);
    rendered = prn_label_render(&style, prn_kind(type), &pd, &buf, &perr) == STN_OK;
    rc = core_print_begin(a->db, who, &rec, &job_pk, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) { /* not recorded: not printed either */
        prn_buf_free(&buf);
        tui_refusal(a, &why);
        tui_reason_text(&why, a->ui.ko, text, sizeof text);
        if (batch)
            not_printed(a, d->wip_pk, rec.label_id, text);
        else
            tui_station_label_done(a, d->wip_pk, 0, text);
        return -1;
    }
    if (rendered && a->print.n < TUI_MAX_JOBS) { /* show the state before CUPS answers */
        tui_station_label_busy(a, d->wip_pk);
        tui_draw_now(a);
    }
    if (!rendered || a->print.n >= TUI_MAX_JOBS ||
        prn_submit(a->cfg->server, a->cfg->queue, rec.label_id, &buf, a->cfg->print_wait_s, &job,
                   &perr) != STN_OK) {
        prn_buf_free(&buf);
        failed_now(a, job_pk, d->wip_pk, rec.label_id,
                   perr.msg[0] ? perr.msg : _("too many print jobs"));
        return -1;
    }
    prn_buf_free(&buf);
    follow(a, job, job_pk, d->wip_pk, rec.label_id);
    a->print.job[a->print.n - 1].batch = batch;
    tui_log("label %s submitted to '%s' (CUPS job %d)", rec.label_id, rec.queue, prn_job_id(job));
    return 0;
}

int tui_printjobs_submit(struct tui_app *a, enum core_label_type type,
                         const struct core_label_data *d, const struct core_actor *who,
                         const char *reason)
{
    return submit(a, type, d, who, reason, 0);
}

/* A queued label reached its final state (or was never submitted). */
static void batch_one(struct tui_app *a, int printed)
{
    struct tui_printjobs *pj = &a->print;

    pj->batch_done++;
    pj->batch_failed += !printed;
    if (pj->batch_done < pj->batch_total)
        return;
    if (pj->batch_failed)
        tui_msg(a, TUI_MSG_ERROR,
                _("Batch labels: %d printed, %d not printed. A supervisor "
                  "can reprint them: CMD:REPRINT."),
                pj->batch_total - pj->batch_failed, pj->batch_failed);
    else
        tui_msg(a, TUI_MSG_OK, _("Batch labels: all %d printed."), pj->batch_total);
    tui_log("batch labels: %d of %d printed", pj->batch_total - pj->batch_failed, pj->batch_total);
    pj->batch_total = pj->batch_done = pj->batch_failed = 0;
}

/* Submits queued labels, in order, while there is a free job slot. */
static void drain(struct tui_app *a)
{
    struct tui_printjobs *pj = &a->print;

    while (pj->head < pj->n_wait && pj->n < TUI_MAX_JOBS) {
        struct tui_print_wait *w = &pj->wait[pj->head++];
        if (submit(a, w->type, &w->d, &w->who, NULL, 1) != 0)
            batch_one(a, 0);
    }
    if (pj->head == pj->n_wait) {
        free(pj->wait);
        pj->wait = NULL;
        pj->head = pj->n_wait = 0;
    }
}

void tui_printjobs_queue(struct tui_app *a, enum core_label_type type,
                         const struct core_label_data *d, int n, const struct core_actor *who)
{
    struct tui_printjobs *pj = &a->print;

    if (n <= 0)
        return;
    pj->wait = xrealloc(pj->wait, (size_t)(pj->n_wait + n) * sizeof *pj->wait);
    for (int i = 0; i < n; i++) {
        struct tui_print_wait *w = &pj->wait[pj->n_wait++];
        w->type = type;
        w->d = d[i];
        w->who = *who;
    }
    pj->batch_total += n;
    drain(a);
}

/* One step of one job; returns 1 when it is done with. */
static int step(struct tui_app *a, struct tui_print *p)
{
    enum prn_state st;

    if (!p->final) {
        st = prn_job_poll(p->job, p->msg, sizeof p->msg);
        if (st == PRN_PENDING || st == PRN_PROCESSING) {
            p->next_poll_ms = a->now_ms + POLL_MS;
            return 0;
        }
        p->final = 1;
        snprintf(p->state, sizeof p->state, "%s", prn_state_name(st));
        tui_log("label %s: %s %s", p->label_id, p->state, p->msg);
        if (st == PRN_COMPLETED)
            tui_station_label_done(a, p->wip_pk, 1, p->msg);
        else
            not_printed(a, p->wip_pk, p->label_id, p->msg);
        if (p->batch)
            batch_one(a, st == PRN_COMPLETED);
        prn_job_free(p->job);
        p->job = NULL;
    }
    if (!finish(a, p)) {
        p->next_poll_ms = a->now_ms + 1000; /* record it once the database is back */
        return 0;
    }
    return 1;
}

void tui_printjobs_poll(struct tui_app *a)
{
    for (int i = 0; i < a->print.n;) {
        if (a->now_ms < a->print.job[i].next_poll_ms || !step(a, &a->print.job[i])) {
            i++;
            continue;
        }
        a->print.job[i] = a->print.job[--a->print.n];
    }
    drain(a);
}

long tui_printjobs_timeout(const struct tui_app *a)
{
    long t = a->print.head < a->print.n_wait && a->print.n < TUI_MAX_JOBS ? 0 : -1;
    for (int i = 0; i < a->print.n; i++) {
        long x = a->print.job[i].next_poll_ms - a->now_ms;
        if (t < 0 || x < t)
            t = x < 0 ? 0 : x;
    }
    return t;
}

void tui_printjobs_fini(struct tui_app *a)
{
    for (int i = 0; i < a->print.n; i++)
        prn_job_free(a->print.job[i].job);
    a->print.n = 0;
    free(a->print.wait);
    a->print.wait = NULL;
    a->print.head = a->print.n_wait = 0;
    a->print.batch_total = a->print.batch_done = a->print.batch_failed = 0;
}
