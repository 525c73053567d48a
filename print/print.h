/* print/print.h — labels: ZPL rendering from templates and submission to CUPS raw
 * queues. No curses, no libpq: tui/ calls this after core has committed, and records
 * each attempt through core (core_print_begin / core_print_finish). */
#ifndef STN_PRINT_PRINT_H
#define STN_PRINT_PRINT_H

#include <stddef.h>

#include "base/status.h"

/* Functions that can fail return an enum stn_code and fill err (NULL allowed):
 *   STN_E_CONFIG  a label template that breaks a rule ("file:line: what"), a dpi other
 *                 than 203 or 300, no printer queue configured;
 *   STN_E_IO      a template file that cannot be read;
 *   STN_E_INPUT   data no label can carry (an empty defect code, too many items);
 *   STN_E_USAGE   a label kind this module does not know;
 *   STN_E_PRINT   CUPS's own reason (missing queue, queue stopped or refusing jobs,
 *                 server silent, libcups not loadable), or no memory to render. */

/* Bytes of a job's state message (CUPS's reason text). */
#define PRN_ERR_LEN 256

enum prn_label_kind {
    PRN_LABEL_WIP,
    PRN_LABEL_SERIAL,
    PRN_LABEL_LOT,
    PRN_LABEL_TEST,
    PRN_LABEL_BADGE
};

/* Field data for the named placeholders; NULL members render as empty. */
struct prn_label_data {
    const char *serial;
    const char *wip_id;
    const char *lot;
    const char *model_code;
    const char *model_name;
    const char *production_date; /* YYYY-MM-DD */
    const char *printed_at;      /* YYYY-MM-DD HH:MM; NULL = now */
    const char *station;
    const char *operator_name;
    const char *badge; /* a person's badge label: the badge, the name, the role */
    const char *name;
    const char *role;
};

/* A rendered label (owned bytes). */
struct prn_buf {
    char *data;
    size_t len;
};
void prn_buf_free(struct prn_buf *b);

/* How a station draws its labels: its [printer] settings. */
struct prn_style {
    const char *templates_dir;
    int dpi;                  /* 203 or 300: the same physical label */
    const char *wip_template; /* the WIP label's template in templates_dir, without .zpl:
                               * "wip" (NULL or "": the default) or "wip-dm" */
    /* Text the printer's built-in font cannot show (Hangul): drawn on the station with
     * this TrueType font and sent as a ^GF graphic in its place (print/glyph.h) ... */
    const char *bitmap_font;
    /* ... or, when set, sent as text in this font stored on the printer, such as
     * "E:NANUMGOTHIC.TTF" (print/font.h). Both NULL or "": sent as the template has it. */
    const char *printer_font;
};

/* Loads the template of kind (wip or st->wip_template, serial, lot, test, badge), checks it
 * (file:line errors for unknown placeholders or malformed ZPL), renders it at st->dpi
 * and puts right the text the printer's font cannot show (prn_zpl_text: STN_E_IO when the
 * font cannot be loaded, and then nothing is printed: its text would be missing). */
enum stn_code prn_label_render(const struct prn_style *st, enum prn_label_kind kind,
                               const struct prn_label_data *d, struct prn_buf *out,
                               struct stn_err *err);

/* The station's command sheet: one Code 128 per command (CMD:PASS ...) and per
 * defect code of the station's process (CMD:DEFECT:<code>). */
struct prn_command_sheet {
    const char *station;
    int process;
    const char *process_name;
    const char *const *defects; /* n_defects codes */
    int n_defects;
    const char *printed_at; /* YYYY-MM-DD HH:MM; NULL = now */
};
/* How many commands every sheet carries (before the defect codes). */
int prn_command_count(void);
enum stn_code prn_command_sheet_render(const struct prn_style *st,
                                       const struct prn_command_sheet *s, struct prn_buf *out,
                                       struct stn_err *err);

/* ---- CUPS ---------------------------------------------------------------------- */
enum prn_state {
    PRN_PENDING,    /* queued, printer not yet done */
    PRN_PROCESSING, /* being sent */
    PRN_COMPLETED,  /* final: the bytes reached the printer */
    PRN_FAILED,     /* final: aborted, canceled, stopped queue, unreachable printer */
    PRN_TIMEOUT,    /* final: no final state within the wait bound */
};

struct prn_job; /* opaque */

/* Submits raw bytes to queue (server "" or NULL = CUPS default). STN_OK with *out (the
 * job, holding its CUPS job id), or STN_E_PRINT with CUPS's own reason (missing queue,
 * queue not accepting jobs ...). Bounded: never blocks for minutes. A stopped queue or
 * one that refuses jobs is refused before a job is created. At most 5 s in all
 * (connecting to the CUPS server: at most 3 s of it). */
enum stn_code prn_submit(const char *server, const char *queue, const char *title,
                         const struct prn_buf *data, int wait_s, struct prn_job **out,
                         struct stn_err *err);

int prn_job_id(const struct prn_job *job);

/* One bounded step of following the job (a single status request, at most 1 s, and
 * a cancel request of at most 1 s more when it ends the job): returns the state; msg
 * gets CUPS's reason text for failures. Call it from the event loop (e.g. every
 * 200 ms) until a final state. After wait_s seconds (from prn_submit) without a final
 * state it returns PRN_TIMEOUT and cancels the job, as it does for a queue that
 * stopped: a label reported failed never comes out later. */
enum prn_state prn_job_poll(struct prn_job *job, char *msg, size_t msglen);

/* Blocking convenience for command-line use: polls until final. */
enum prn_state prn_job_wait(struct prn_job *job, char *msg, size_t msglen);

void prn_job_free(struct prn_job *job);

const char *prn_state_name(enum prn_state s); /* "COMPLETED", ... as core records them */

/* For `wipstation check`: STN_OK when the queue exists and accepts jobs, with what CUPS
 * says of it in info (state, device, last message); else the reason in err. */
enum stn_code prn_queue_check(const char *server, const char *queue, char *info, size_t infolen,
                              struct stn_err *err);

#endif
