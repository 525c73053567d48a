/* core/rig.h — what a test rig's message does at a station (docs/DESIGN.md, Rigs).
 *
 * A message acts at the station's process with the logged-in operator as the actor.
 * START starts an attempt. COMPLETE completes the unit's open attempt at this process
 * with the rig's measurements: the station judges every value against its own criteria
 * and keeps the rig's value, unit, limits and verdict beside its own judgement; a
 * disagreement, an unknown item or a missing required one proposes FAIL. Every message
 * has a key (the rig's msg_id, or the digest of its canonical form), recorded in the
 * transaction that records the message: the same key again records nothing and gets the
 * first reply again. Two round trips, as every transition (core/unit.h). */
#ifndef STN_CORE_RIG_H
#define STN_CORE_RIG_H

#include "base/status.h"
#include "core/reason.h"
#include "core/rigmsg.h"
#include "core/rules.h"
#include "core/unit.h"

struct core_db;

/* ---- the station's judgement (pure) ---------------------------------------------------- */
enum core_rig_fv {
    CORE_RIG_FV_PASS,    /* in spec */
    CORE_RIG_FV_FAIL,    /* out of spec, or one of its readings is */
    CORE_RIG_FV_MISSING, /* a required field the rig did not send */
    CORE_RIG_FV_ABSENT,  /* an optional field the rig did not send */
    CORE_RIG_FV_UNKNOWN, /* an item of the rig that matches no field */
};

/* One field of the process, or one item of the rig that matches none. */
struct core_rig_check {
    char code[41]; /* the field's code, or the unknown item's */
    int field;     /* index in the process's fields, -1 for an unknown item */
    int item;      /* index in the message's items, -1 when the rig sent none */
    enum core_rig_fv verdict;
    int disagree;      /* the rig's verdict (on the item or a reading) differs from the station's */
    int limits_differ; /* the rig's spec is not the station's limits */
    int bad_reading;   /* the first reading out of spec, -1 */
    char value[CORE_RIG_TEXT_LEN + 1]; /* as a form shows it: "63.2", "PASS", the text */
};

struct core_rig_judgement {
    enum core_result proposal; /* PASS only when every check passed and the rig said PASS */
    char defect[41];           /* FAIL: the defect code proposed */
    int decisive;              /* FAIL: the check that decided it, -1 for the rig's own FAIL */
    struct core_rig_check c[CORE_MAX_FIELDS + CORE_RIG_MAX_ITEMS];
    int n; /* the process's fields first, in order, then the unknown items */
};

/* Judges a COMPLETE against process p's criteria. Returns 1, or 0 with why
 * (R_FIELD_INVALID) when a value cannot be judged: a string for a number, 2 for a
 * pass/fail field. */
int core_rig_judge(const struct core_process *p, const struct core_rig_msg *m,
                   struct core_rig_judgement *out, struct core_refusal *why);

/* ---- the transaction ---------------------------------------------------------------------- */
enum core_rig_source { CORE_RIG_SRC_TCP, CORE_RIG_SRC_FILE };

enum core_rig_outcome {
    CORE_RIG_RECORDED, /* committed: an attempt started or completed, the key recorded */
    CORE_RIG_REPLAY,   /* the key was recorded before: nothing changed; reply is the first */
    CORE_RIG_NOTHING,  /* nothing to record: START of an attempt already open here, or a
                        * check (CORE_RIG_CHECK) that found the COMPLETE can be recorded */
};

struct core_rig_result {
    enum core_rig_outcome outcome;
    enum core_rig_type type;
    struct core_answer card;             /* the unit as the transaction left it */
    struct core_rig_judgement judgement; /* COMPLETE */
    enum core_result recorded;           /* COMPLETE: what was (or would be) recorded */
    char defect[41];                     /* with it, for a FAIL */
    char key[81];                        /* "id:..." or "sha256:..." */
    char *reply;                         /* REPLAY: the first reply (owned) */
};

/* Builds the reply a recorded message gets, from what is about to be committed: it is
 * stored with the key, so the same key later gets it again. Returns text the callee
 * owns until the transaction ends. */
typedef const char *(*core_rig_reply_fn)(void *ctx, const struct core_rig_msg *m,
                                         const struct core_rig_result *res);

enum { CORE_RIG_CHECK = 1 }; /* flags: check only, record nothing (1 round trip) */

struct core_rig_req {
    const struct core_rig_msg *msg;
    enum core_rig_source source;
    unsigned flags;
    /* COMPLETE: what to record instead of the station's proposal (an operator's choice);
     * NULL records the proposal. A PASS over a proposed FAIL is refused. */
    const enum core_result *result;
    const char *defect;
    core_rig_reply_fn reply;
    void *reply_ctx;
};

/* Returns STN_OK with *out filled; STN_E_RULE with *why (a refusal: nothing changed);
 * STN_E_NOT_FOUND (R_UNKNOWN_ID); or a database error with *why as core/unit.h says. The
 * actor must be logged in (user_id set): the caller refuses otherwise. */
enum stn_code core_rig_apply(struct core_db *db, const struct core_actor *a,
                             const struct core_rig_req *req, struct core_rig_result *out,
                             struct core_refusal *why, struct stn_err *err);
void core_rig_result_fini(struct core_rig_result *r);

#endif
