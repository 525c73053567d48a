/* tui/labels.c — printing after core has committed: render, record the attempt
 * (core_print_begin), submit, then follow the job in bounded steps from the loop and
 * record its final state (core_print_finish). A failed print never undoes anything. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "print/print.h"
#include "tui/i18n.h"

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
    if (a->dbst != TUI_DB_ONLINE)
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
    if (!finish(a, &p) && a->n_jobs < TUI_MAX_JOBS) {
        p.final = 1;
        a->jobs[a->n_jobs++] = p;
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

int tui_label_print(struct tui_app *a, enum core_label_type type, const struct core_label_data *d,
                    const struct core_actor *who, const char *reason)
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

    memset(&rec, 0, sizeof rec);
    rec.type = type;
    rec.wip_pk = d->wip_pk, rec.serial_pk = d->serial_pk, rec.lot_pk = d->lot_pk;
    snprintf(rec.label_id, sizeof rec.label_id, "%s",
             type == CORE_LABEL_SERIAL && d->serial[0] ? d->serial : d->wip_id);
    snprintf(rec.queue, sizeof rec.queue, "%s", a->cfg->queue);
    rec.is_reprint = reason != NULL;
    rec.reason = reason;
    label_data(a, d, &pd);
    stn_err_clear(&perr);
    rendered = prn_label_render(a->cfg->templates, a->cfg->dpi, prn_kind(type), &pd, &buf,
                                &perr) == STN_OK;
    rc = core_print_begin(a->db, who, &rec, &job_pk, &why, &err);
    tui_check_db(a, rc);
    if (rc != STN_OK) { /* not recorded: not printed either */
        prn_buf_free(&buf);
        tui_refusal(a, &why);
        tui_station_label_done(a, d->wip_pk, 0, core_refusal_text(&why, tui_ko()));
        return -1;
    }
    if (rendered && a->n_jobs < TUI_MAX_JOBS) { /* show the state before CUPS answers */
        tui_station_label_busy(a, d->wip_pk);
        tui_draw_now(a);
    }
    if (!rendered || a->n_jobs >= TUI_MAX_JOBS ||
        prn_submit(a->cfg->server, a->cfg->queue, rec.label_id, &buf, a->cfg->print_wait_s, &job,
                   &perr) != STN_OK) {
        prn_buf_free(&buf);
        failed_now(a, job_pk, d->wip_pk, perr.msg[0] ? perr.msg : _("too many print jobs"));
        return -1;
    }
    prn_buf_free(&buf);
    memset(&a->jobs[a->n_jobs], 0, sizeof a->jobs[0]);
    a->jobs[a->n_jobs].job = job;
    a->jobs[a->n_jobs].job_pk = job_pk;
    a->jobs[a->n_jobs].wip_pk = d->wip_pk;
    a->jobs[a->n_jobs].cups_id = prn_job_id(job);
    snprintf(a->jobs[a->n_jobs].label_id, sizeof a->jobs[0].label_id, "%s", rec.label_id);
    a->jobs[a->n_jobs].next_poll_ms = a->now_ms + POLL_MS;
    a->n_jobs++;
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

void tui_label_poll(struct tui_app *a)
{
    for (int i = 0; i < a->n_jobs;) {
        if (a->now_ms < a->jobs[i].next_poll_ms || !step(a, &a->jobs[i])) {
            i++;
            continue;
        }
        a->jobs[i] = a->jobs[--a->n_jobs];
    }
}

long tui_label_timeout(const struct tui_app *a)
{
    long t = -1;
    for (int i = 0; i < a->n_jobs; i++) {
        long x = a->jobs[i].next_poll_ms - a->now_ms;
        if (t < 0 || x < t)
            t = x < 0 ? 0 : x;
    }
    return t;
}

void tui_label_fini(struct tui_app *a)
{
    for (int i = 0; i < a->n_jobs; i++)
        prn_job_free(a->jobs[i].job);
    a->n_jobs = 0;
}
