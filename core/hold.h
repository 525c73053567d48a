/* core/hold.h — quarantine holds (CMD:HOLD, CMD:RELEASE): a supervisor stops a unit, or a
 * whole lot, without failing it, and later releases it; both with a reason, both audited.
 * Each is one round trip to the database's wip_hold() / wip_release() (migration 009),
 * which check the supervisor, the target and the reason again under the unit's and the
 * lot's locks; the database refuses every start of a held unit, whichever station asks. */
#ifndef STN_CORE_HOLD_H
#define STN_CORE_HOLD_H

#include "base/status.h"
#include "core/reason.h"
#include "core/rules.h"

struct core_db;

struct core_hold_done {
    int on_lot;      /* a lot (every unit of it), not one unit */
    char target[51]; /* the WIP ID or the lot number */
    long units;      /* hold: the units it stops now (a lot's unfinished units) */
};

/* key: a WIP ID, serial number or lot number. STN_OK, or STN_E_RULE with *why (R_ROLE,
 * R_REASON_REQUIRED, R_UNKNOWN_ID, R_ALREADY_HELD, R_SCRAPPED ...), or a database error
 * with *why saying what to do. */
enum stn_code core_hold_place(struct core_db *db, const struct core_actor *approver,
                              const char *key, const char *reason, struct core_hold_done *out,
                              struct core_refusal *why, struct stn_err *err);
/* Releases the active hold of the unit or lot key names (R_NOT_HELD, R_HELD_WITH_LOT). */
enum stn_code core_hold_release(struct core_db *db, const struct core_actor *approver,
                                const char *key, const char *reason, struct core_hold_done *out,
                                struct core_refusal *why, struct stn_err *err);

#endif
