/* cli/print.c — `wipstation print-test` and `wipstation print-commands`.
 *
 * Both render a template from [printer] templates at [printer] dpi, submit it to the
 * queue, follow the job to its final state (bounded by [printer] wait_s) and print one
 * result line. Each attempt is recorded (core_print_begin / core_print_finish) when
 * the database is reachable. Exit 0 only when CUPS reports the job COMPLETED. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/status.h"
#include "base/xalloc.h"
#include "core/cfg.h"
#include "core/db.h"
#include "core/printrec.h"
#include "core/routing.h"
#include "print/print.h"

struct print_run {
    const char *what; /* "print-test" */
    const struct core_cfg *cfg;
    const char *queue;
    struct core_db *db; /* NULL: the attempt is not recorded */
    struct core_print_rec rec;
    int64_t pk;
};

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cli_print_style(const struct core_cfg *cfg, struct prn_style *st)
{
    st->templates_dir = cfg->templates;
    st->dpi = cfg->dpi;
    st->wip_template = cfg->wip_template;
    st->bitmap_font = cfg->bitmap_font;
    st->printer_font = cfg->printer_font;
}

/* Config + queue; returns an exit code (CLI_OK to go on). */
static int setup(const struct cli_opts *o, struct core_cfg *cfg, const char **queue)
{
    int ex = cli_load_config(o, cfg);

    if (ex != CLI_OK)
        return ex;
    *queue = o->queue && o->queue[0] ? o->queue : cfg->queue;
    if (!*queue || !(*queue)[0]) {
        fprintf(stderr, "wipstation: no printer queue: set [printer] queue in %s or use --queue\n",
                cfg->path ? cfg->path : "the configuration");
        core_cfg_fini(cfg);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static void open_db(struct print_run *r, const char *without)
{
    struct stn_err err;

    stn_err_clear(&err);
    if (core_db_open(&r->db, r->cfg, &err) == STN_OK)
        return;
    fprintf(stderr, "wipstation: %s: database unavailable (%s): %s; the attempt is not recorded\n",
            r->what, err.msg, without);
    core_db_close(r->db);
    r->db = NULL;
}

static void record_begin(struct print_run *r, enum core_label_type type)
{
    struct core_actor a;
    struct core_refusal why;
    struct stn_err err;

    memset(&a, 0, sizeof a);
    a.user_id = 0; /* an administrator's command, not an operator's */
    stn_strlcpy(a.station_id, r->cfg->station_id, sizeof a.station_id);
    a.process = r->cfg->process;
    memset(&r->rec, 0, sizeof r->rec);
    r->rec.type = type;
    stn_strlcpy(r->rec.label_id, r->cfg->station_id, sizeof r->rec.label_id);
    stn_strlcpy(r->rec.queue, r->queue, sizeof r->rec.queue);
    r->pk = 0;
    stn_err_clear(&err);
    if (r->db && core_print_begin(r->db, &a, &r->rec, &r->pk, &why, &err) != STN_OK) {
        fprintf(stderr, "wipstation: %s: print job not recorded: %s\n", r->what, err.msg);
        r->pk = 0;
    }
}

static void record_state(struct print_run *r, const char *state, int job_id, const char *text)
{
    struct stn_err err;

    stn_err_clear(&err);
    if (r->pk && core_print_finish(r->db, r->pk, state, job_id, text, &err) != STN_OK)
        fprintf(stderr, "wipstation: %s: print job %lld: state %s not recorded: %s\n", r->what,
                (long long)r->pk, state, err.msg);
}

int cli_print_follow_job(const struct core_cfg *cfg, const char *title, const char *head,
                         const char *queue, int wait_s, const struct prn_buf *buf,
                         cli_print_record_fn record, void *ctx)
{
    struct prn_job *job = NULL;
    struct stn_err err;
    char msg[PRN_ERR_LEN];
    enum prn_state st;
    long t0 = now_ms();

    stn_err_clear(&err);
    if (prn_submit(cfg->server, queue, title, buf, wait_s, &job, &err) != STN_OK) {
        if (record)
            record(ctx, "FAILED", 0, err.msg);
        printf("%s, %zu bytes: FAILED after %ld ms: %s\n", head, buf->len, now_ms() - t0, err.msg);
        return CLI_FAIL;
    }
    if (record)
        record(ctx, "PENDING", prn_job_id(job), NULL);
    st = prn_job_wait(job, msg, sizeof msg);
    if (record)
        record(ctx, prn_state_name(st), prn_job_id(job), st == PRN_COMPLETED ? NULL : msg);
    printf("%s, job %d, %zu bytes: %s after %ld ms%s%s\n", head, prn_job_id(job), buf->len,
           prn_state_name(st), now_ms() - t0, st == PRN_COMPLETED ? "" : ": ",
           st == PRN_COMPLETED ? "" : msg);
    prn_job_free(job);
    return st == PRN_COMPLETED ? CLI_OK : CLI_FAIL;
}

int cli_print_follow(const struct core_cfg *cfg, const char *what, const char *queue,
                     const struct prn_buf *buf, cli_print_record_fn record, void *ctx)
{
    char head[256];

    snprintf(head, sizeof head, "%s: queue %s", what, queue);
    return cli_print_follow_job(cfg, what, head, queue, cfg->print_wait_s, buf, record, ctx);
}

static void record_run(void *ctx, const char *state, int job_id, const char *text)
{
    record_state(ctx, state, job_id, text);
}

/* Records the attempt, submits buf, follows it to its final state, records that and prints
 * the result line; then frees buf, the connection and cfg (r's). The exit code. */
static int send_recorded(struct print_run *r, enum core_label_type type, struct prn_buf *buf,
                         struct core_cfg *cfg)
{
    int ex;

    record_begin(r, type);
    ex = cli_print_follow(r->cfg, r->what, r->queue, buf, record_run, r);
    prn_buf_free(buf);
    core_db_close(r->db);
    core_cfg_fini(cfg);
    return ex;
}

int cli_print_test(const struct cli_opts *o)
{
    struct print_run r = { "print-test", NULL, NULL, NULL, { 0 }, 0 };
    struct prn_label_data d = { 0 };
    struct prn_buf buf = { NULL, 0 };
    struct prn_style st;
    struct core_cfg cfg;
    struct stn_err err;
    int ex;

    if ((ex = setup(o, &cfg, &r.queue)) != CLI_OK)
        return ex;
    r.cfg = &cfg;
    d.station = cfg.station_id;
    d.serial = "TEST";
    cli_print_style(&cfg, &st);
    if (prn_label_render(&st, PRN_LABEL_TEST, &d, &buf, &err) != STN_OK) {
        fprintf(stderr, "wipstation: print-test: %s\n", err.msg);
        core_cfg_fini(&cfg);
        return CLI_USAGE;
    }
    open_db(&r, "printing anyway");
    return send_recorded(&r, CORE_LABEL_TEST, &buf, &cfg);
}

/* The station's process from the routing: its name and defect codes. */
static void sheet_from_routing(struct print_run *r, struct prn_command_sheet *s, const char **codes)
{
    const struct core_routing *rt = NULL;
    const struct core_process *p;
    struct stn_err err;
    int i;

    stn_err_clear(&err);
    if (!r->db)
        return;
    if (core_routing_get(r->db, &rt, &err) != STN_OK) {
        fprintf(stderr,
                "wipstation: print-commands: cannot read the routing (%s): "
                "no defect codes on the sheet\n",
                err.msg);
        return;
    }
    if (!(p = core_routing_find(rt, r->cfg->process))) {
        fprintf(stderr,
                "wipstation: print-commands: process %d is not in the routing: "
                "no defect codes on the sheet\n",
                r->cfg->process);
        return;
    }
    s->process_name = p->name_en[0] ? p->name_en : p->code;
    for (i = 0; i < p->n_defects && i < CORE_MAX_DEFECTS; i++)
        codes[i] = p->defects[i];
    s->n_defects = i;
}

int cli_print_commands(const struct cli_opts *o)
{
    struct print_run r = { "print-commands", NULL, NULL, NULL, { 0 }, 0 };
    struct prn_command_sheet s = { NULL, 0, "", NULL, 0, NULL };
    const char *codes[CORE_MAX_DEFECTS];
    struct prn_buf buf = { NULL, 0 };
    struct prn_style st;
    struct core_cfg cfg;
    struct stn_err err;
    int ex;

    if ((ex = setup(o, &cfg, &r.queue)) != CLI_OK)
        return ex;
    r.cfg = &cfg;
    s.station = cfg.station_id;
    s.process = cfg.process;
    s.defects = codes;
    open_db(&r, "printing the sheet without defect codes");
    sheet_from_routing(&r, &s, codes);
    cli_print_style(&cfg, &st);
    if (prn_command_sheet_render(&st, &s, &buf, &err) != STN_OK) {
        fprintf(stderr, "wipstation: print-commands: %s\n", err.msg);
        core_db_close(r.db);
        core_cfg_fini(&cfg);
        return CLI_USAGE;
    }
    printf("print-commands: station %s, process %d: %d commands and %d defect codes\n",
           cfg.station_id, cfg.process, prn_command_count(), s.n_defects);
    return send_recorded(&r, CORE_LABEL_COMMANDS, &buf, &cfg);
}
