/* rig/reply.h — the station's reply to a rig (docs/DESIGN.md, Rigs): one JSON object with
 * the original protocol's "status" ("OK" or "ERROR") and "message", the "message_type"
 * it answers, and a stable "code" the original lacked. Every request gets one, whatever
 * went wrong; "status":"OK" means committed (or, for ALREADY_STARTED, already so). */
#ifndef STN_RIG_REPLY_H
#define STN_RIG_REPLY_H

#include "core/reason.h"
#include "core/rig.h"
#include "core/rigmsg.h"
#include "rig/frame.h"

/* X(code, ok): every code a rig can get (wipstation(1) lists them). */
#define RIG_CODES(X)                                                                         \
    X(STARTED, 1)          /* START recorded: an attempt is open at this process */          \
    X(ALREADY_STARTED, 1)  /* START of a unit whose attempt is open here: nothing changed */ \
    X(COMPLETED, 1)        /* COMPLETE recorded; "result" says PASS or FAIL */               \
    X(BAD_FRAME, 0)        /* length 0, no length prefix, or the frame cut short */          \
    X(FRAME_TOO_LARGE, 0)  /* the length is above the station's bound */                     \
    X(TIMEOUT, 0)          /* the frame did not arrive in time */                            \
    X(BAD_JSON, 0)         /* not UTF-8 JSON, or not one object */                           \
    X(BAD_FIELD, 0)        /* a field missing, mistyped, or not a value the protocol has */  \
    X(BAD_VALUE, 0)        /* a value that does not fit its field at this process */         \
    X(BUSY, 0)             /* the station is waiting for its operator on another result */   \
    X(FORBIDDEN, 0)        /* the peer's address is not allowed */                           \
    X(NOT_LOGGED_IN, 0)    /* nobody is logged in at the station */                          \
    X(NOT_CONFIRMED, 0)    /* the operator did not confirm in time: not recorded yet */      \
    X(REJECTED, 0)         /* the operator cancelled the rig's result */                     \
    X(DB_OFFLINE, 0)       /* the database is not reachable: nothing recorded */             \
    X(DB_BUSY, 0)          /* the database is busy: nothing recorded */                      \
    X(UNKNOWN_OUTCOME, 0)  /* the connection broke while committing: send again */           \
    X(DB_ERROR, 0)         /* another database error: nothing recorded */                    \
    X(UNKNOWN_UNIT, 0)     /* no such WIP ID or serial */                                    \
    X(WRONG_PROCESS, 0)    /* the message names another process than the station's */        \
    X(WRONG_KIND, 0)       /* a WIP ID where the serial is needed, or the other way */       \
    X(NO_OPEN_ATTEMPT, 0)  /* COMPLETE, but the unit has no open attempt at this process */  \
    X(OPEN_ELSEWHERE, 0)   /* the unit is open at another process or station */              \
    X(ALREADY_PASSED, 0)   /* START of a process the unit already passed */                  \
    X(PREV_NOT_PASSED, 0)  /* START before the previous process passed */                    \
    X(ON_HOLD, 0)          /* the unit failed and awaits a supervisor's decision */          \
    X(SCRAPPED, 0)         /* the unit is scrapped */                                        \
    X(CONVERTED, 0)        /* the WIP ID of a unit that has become a serial */               \
    X(LOT_CLOSED, 0)       /* the unit's lot is closed */                                    \
    X(PROCESS_INACTIVE, 0) /* the station's process is not active */                         \
    X(NOT_RIG_PROCESS, 0)  /* a rig cannot do what the unit needs here (conversion) */       \
    X(KEY_REUSED, 0)       /* the msg_id was used before for another content */              \
    X(DEFECT_REQUIRED, 0)  /* a FAIL without a defect code the process knows */              \
    X(JUDGED_FAIL, 0)      /* a PASS asked for a result the station judged FAIL */           \
    X(REFUSED, 0)          /* any other refusal of the rules; "message" says why */

#define RIG_CODE_ENUM(name, ok) RIG_C_##name,
enum rig_code { RIG_CODES(RIG_CODE_ENUM) RIG_CODE_COUNT };
#undef RIG_CODE_ENUM

const char *rig_code_name(enum rig_code code); /* "COMPLETED" */
int rig_code_ok(enum rig_code code);           /* the reply's status is OK */

/* A refusal of the rules in the protocol's words (English: rigs and their logs read
 * them; the station's screen says it in its own words, tui/reasons.h). Returns buf. */
char *rig_reason_message(const struct core_refusal *why, char *buf, size_t n);

/* The code of a refusal (core/reason.h), a frame's fault, a decoder's fault. */
enum rig_code rig_code_of_reason(enum core_reason reason);
enum rig_code rig_code_of_frame(enum rig_frame_fault fault);
enum rig_code rig_code_of_fault(enum core_rig_fault fault);

struct rig_reply {
    enum rig_code code;
    const char *message;               /* "" or NULL: the code's own words */
    const struct core_rig_msg *msg;    /* what is known of the request, or NULL */
    const struct core_rig_result *res; /* a recorded or checked COMPLETE, or NULL */
    const char *station;               /* the station's id, or NULL */
    int process;                       /* the station's process, 0 when unknown */
};

/* The reply as JSON text (no newline; the caller frees it). */
char *rig_reply_render(const struct rig_reply *r);

/* The reply to a request refused before any rule: framing, decoding, the station's own
 * state (not logged in, busy, ...); message may be NULL. The caller frees it. */
char *rig_reply_simple(enum rig_code code, const char *message, const struct core_rig_msg *msg);

#endif
