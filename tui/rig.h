/* tui/rig.h — the station's test rigs on the screen (docs/DESIGN.md, Rigs): the rig
 * service (rig/service.h) runs in the station's poll() loop with the station's database
 * session and its logged-in operator; what it records or refuses shows on the message
 * line and the card, a COMPLETE waiting for the operator fills the form (marked as the
 * rig's) until CMD:OK, CMD:FAIL or CMD:CANCEL; the header says how the rigs stand. Only
 * rig.c touches struct tui_rig. */
#ifndef STN_TUI_RIG_H
#define STN_TUI_RIG_H

#include <poll.h>
#include <stddef.h>

#include "core/rules.h"

struct tui_app;
struct rig_service;

struct tui_rig {
    struct rig_service *svc; /* NULL: no [rig] listen or spool configured, or it failed */
    char failed[256];        /* why the service could not start, else "" */
    int was_online;
    int logged_in; /* what the service was last told */
};

/* Starts the service [rig] configures (a failure shows in the header and the log). */
void tui_rig_open(struct tui_app *a);
void tui_rig_close(struct tui_app *a);

/* The loop: descriptors to poll (fills up to room, returns how many), their events,
 * the work that is due, and t or less when a rig deadline comes sooner. */
int tui_rig_fds(struct tui_app *a, struct pollfd *fds, int room);
void tui_rig_events(struct tui_app *a, const struct pollfd *fds, int n);
void tui_rig_step(struct tui_app *a);
long tui_rig_timeout(const struct tui_app *a, long t);

/* The header's words for the rigs ("" when none is configured). */
void tui_rig_header(const struct tui_app *a, char *buf, size_t n);

/* A rig's COMPLETE waits for the operator (its unit is on the card). */
int tui_rig_held(const struct tui_app *a);
/* The operator's answer to it: record the station's proposal (result NULL), a FAIL with
 * a defect, or a PASS (refused when the station judged FAIL); or reject it. */
void tui_rig_confirm(struct tui_app *a, const enum core_result *result, const char *defect);
void tui_rig_reject(struct tui_app *a);
/* The unit on the card was scanned: when it is the one whose rig results wait, they are
 * shown again. */
void tui_rig_show_held(struct tui_app *a, const char *unit);

#endif
