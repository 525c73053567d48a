/* tui/printjobs.c — the terminal's print-job follower (see tui/printjobs.h). */
#include "tui/printjobs.h"

#include <stdio.h>
#include <string.h>

#include "print/print.h"
#include "tui/i18n.h"
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
    rc = core_print_finish(a->db, p->job_pk, p->state, p->cups_id, p->msg[0] ? p->msg : NULL,
                           &err);
    tui_check_db(a, rc);
    if (rc != STN_OK)
        tui_log("print record %lld: %s", (long long)p->job_pk, err.msg);
    return rc == STN_OK || rc != STN_E_DB_CONN;
}

static void failed_now(struct tui_app *a, int64_t job_pk, int64_t wip_pk, const char *msg)
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
    tui_station_label_done(a, wip_pk, 0, msg);
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
static void record_of(struct tui_app *a, enum core_label_type type,
                      const struct core_label_data *d, const char *reason,
                      struct core_print_rec *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->type = type;
    rec->wip_pk = d->wip_pk, rec->serial_pk = d->serial_pk, rec->lot_pk = d->lot_pk;
    snprintf(rec->label_id, sizeof rec->label_id, "%s",
             type == CORE_LABEL_SERIAL && d->serial[0] ? d->serial : d->wip_id);
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

int tui_printjobs_submit(struct tui_app *a, enum core_label_type type,
                         const struct core_label_data *d, const struct core_actor *who,
                         const char *reason)
{
    struct core_print_rec rec;
    struct prn_label_data pd;
    struct prn_buf buf = { NULL, 0 };
    struct core_refusal why;
    struct stn_err err, perr;
    struct prn_job *job = NULL;
    int64_t job_pk = 0;
    int rendered;
    enum stn_code rc;

    record_of(a, type, d, reason, &rec);
    label_data(a, d, &pd);
    stn_err_clear(&perr);
    rendered = prn_label_render(&(struct prn_style){ a->cfg->templates, a->cfg->dpi,
                                                     a->cfg->wip_template, a->cfg->bitmap_font,
                                                     a->cfg->printer_font },
                                prn_kind(type), &pd, &buf, &perr) == STN_OK;
    rc = core_print_begin(a->db, who, &rec, &job_pk, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) { /* not recorded: not printed either */
        prn_buf_free(&buf);
        tui_refusal(a, &why);
        tui_station_label_done(a, d->wip_pk, 0, core_refusal_text(&why, a->ui.ko));
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
        failed_now(a, job_pk, d->wip_pk, perr.msg[0] ? perr.msg : _("too many print jobs"));
        return -1;
    }
    prn_buf_free(&buf);
    follow(a, job, job_pk, d->wip_pk, rec.label_id);
    tui_log("label %s submitted to '%s' (CUPS job %d)", rec.label_id, rec.queue, prn_job_id(job));
    return 0;
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
        tui_station_label_done(a, p->wip_pk, st == PRN_COMPLETED, p->msg);
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
}

long tui_printjobs_timeout(const struct tui_app *a)
{
    long t = -1;
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
}
