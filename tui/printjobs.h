/* tui/printjobs.h — the terminal's print-job follower. A label is printed after core has
 * committed what it labels: rendered (print/), recorded as an attempt
 * (core_print_begin), submitted to CUPS, then followed from the loop in bounded steps
 * until CUPS gives a final state, which is recorded (core_print_finish) and shown on the
 * station's card. A label that does not print never undoes anything. */
#ifndef STN_TUI_PRINTJOBS_H
#define STN_TUI_PRINTJOBS_H

#include <stdint.h>

#include "core/printrec.h"
#include "core/rules.h"
#include "core/unit.h"

#define TUI_MAX_JOBS 8

struct prn_job;
struct tui_app;

/* One job followed until its final state is known and recorded. */
struct tui_print {
    struct prn_job *job;
    int64_t job_pk;
    int64_t wip_pk;
    char label_id[51];
    long next_poll_ms;
    int final; /* final state known, core_print_finish still to record */
    char state[16];
    int cups_id;
    int batch; /* one of the labels queued by tui_printjobs_queue */
    char msg[256];
};

/* A label waiting for a free job slot (tui_printjobs_queue). */
struct tui_print_wait {
    enum core_label_type type;
    struct core_label_data d;
    struct core_actor who;
};

/* The jobs in flight (the app holds one; only printjobs.c touches it). */
struct tui_printjobs {
    struct tui_print job[TUI_MAX_JOBS];
    int n;
    struct tui_print_wait *wait; /* owned: [head, n_wait) still to submit, in order */
    int head, n_wait;
    int batch_total, batch_done, batch_failed; /* the queued labels' final states */
};

/* Renders, records and submits a label; who is the operator or, for a reprint, the
 * approving supervisor with reason. Returns 0 when submitted. */
int tui_printjobs_submit(struct tui_app *a, enum core_label_type type,
                         const struct core_label_data *d, const struct core_actor *who,
                         const char *reason);
/* Queues n labels (a batch's WIPs) to print in this order: each is submitted as
 * tui_printjobs_submit does once a job slot is free (at most TUI_MAX_JOBS followed at a
 * time), and followed alike; a label that does not print is named on the message line,
 * and the batch's count of printed and not printed labels follows its last one. */
void tui_printjobs_queue(struct tui_app *a, enum core_label_type type,
                         const struct core_label_data *d, int n, const struct core_actor *who);
/* Polls the jobs that are due and records those that reached a final state. */
void tui_printjobs_poll(struct tui_app *a);
/* Milliseconds until a job is due, or -1 when none is followed. */
long tui_printjobs_timeout(const struct tui_app *a);
/* Lets go of the jobs still followed (at exit). */
void tui_printjobs_fini(struct tui_app *a);

#endif
