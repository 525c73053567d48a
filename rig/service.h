/* rig/service.h — a station's rigs (docs/DESIGN.md, Rigs): the listener and the drop
 * folder, their messages decoded and recorded through core, every request answered. Driven
 * from the station's poll() loop, which owns the database session and says who is logged
 * in; the screen learns what happened through an event callback. No curses, no libpq:
 * the same service runs inside the terminal station and in the tests' headless one. */
#ifndef STN_RIG_SERVICE_H
#define STN_RIG_SERVICE_H

#include <poll.h>
#include <stdint.h>

#include "base/status.h"
#include "core/rig.h"
#include "rig/listen.h"
#include "rig/reply.h"

/* The most descriptors rig_service_fds fills: the listener's and the drop folder's. */
#define RIG_SERVICE_MAX_FDS (RIG_LISTEN_MAX_FDS + 1)

struct core_db;

struct rig_service_cfg {
    const char *listen; /* "" = no listener */
    const char *allow;
    const char *spool; /* "" = no drop folder */
    uint32_t max_frame;
    int frame_timeout_ms;
    int max_conns;
    int auto_complete;   /* record a COMPLETE at once; else it waits for the operator */
    int confirm_ms;      /* how long a rig waits for that before NOT_CONFIRMED */
    const char *station; /* the station's id, named in replies */
};

enum rig_ev_kind {
    RIG_EV_RECORDED, /* a START or COMPLETE committed */
    RIG_EV_NOTHING,  /* accepted without a change (START of an attempt open here) */
    RIG_EV_REPLAY,   /* a key seen before: answered from it, nothing changed */
    RIG_EV_AWAITING, /* a COMPLETE checked and judged: it waits for the operator */
    RIG_EV_REFUSED,  /* refused (decoding, a rule, the station's state, the database) */
    RIG_EV_REJECTED, /* the operator cancelled the COMPLETE that waited */
};

struct rig_event {
    enum rig_ev_kind kind;
    enum core_rig_source source;
    const char *from;                  /* the peer, or the file's name */
    const struct core_rig_msg *msg;    /* NULL when it could not be decoded */
    const struct core_rig_result *res; /* the unit and the judgement, or NULL */
    enum rig_code code;                /* the reply's code */
    const char *reply;                 /* the reply (JSON) */
    const struct core_refusal *why;    /* a rule's refusal, or NULL */
    enum stn_code rc;                  /* a database error (the loop notices a lost session) */
    long ack_us;                       /* TCP: last byte of the frame to the reply, else 0 */
};

typedef void (*rig_event_fn)(void *ctx, const struct rig_event *ev);

struct rig_service;

enum stn_code rig_service_open(struct rig_service **out, const struct rig_service_cfg *cfg,
                               rig_event_fn on_event, void *ctx, struct stn_err *err);
void rig_service_close(struct rig_service *s);

/* The station's state: its database session (online or not) and its operator (NULL:
 * nobody is logged in; a COMPLETE waiting for the operator is then given up). */
void rig_service_set_db(struct rig_service *s, struct core_db *db, int online);
void rig_service_set_actor(struct rig_service *s, const struct core_actor *a);
/* After every reconnection: the drop folder is read again. */
void rig_service_reconnected(struct rig_service *s);

/* poll() integration, as rig/listen.h. rig_service_step does the work that is due (a
 * bounded amount per call) and returns 1 when it did something. */
int rig_service_fds(struct rig_service *s, struct pollfd *fds, int room);
void rig_service_events(struct rig_service *s, const struct pollfd *fds, int n, long now_ms);
long rig_service_timeout(const struct rig_service *s, long now_ms);
int rig_service_step(struct rig_service *s, long now_ms);

/* The COMPLETE waiting for the operator, or NULL; *res is its check (unit, judgement). */
const struct core_rig_msg *rig_service_held(const struct rig_service *s,
                                            const struct core_rig_result **res);
/* The operator's answer: record it (result NULL: the station's proposal, or FAIL with a
 * defect of the process), or reject it. Returns what core returned (STN_E_RULE with why:
 * still waiting, e.g. a PASS over the station's FAIL). */
enum stn_code rig_service_confirm(struct rig_service *s, const enum core_result *result,
                                  const char *defect, struct core_refusal *why);
void rig_service_reject(struct rig_service *s);

struct rig_service_status {
    int listening; /* the listener is up */
    char addr[128];
    int conns;         /* rig connections open now */
    int files_waiting; /* in pending/ (and work/) */
    int held;          /* a COMPLETE waits for the operator */
    long messages;     /* requests and files handled since the start */
    long recorded, refused;
    long last_ms; /* when the last one was handled, 0: never */
};
void rig_service_status(const struct rig_service *s, struct rig_service_status *out);

#endif
