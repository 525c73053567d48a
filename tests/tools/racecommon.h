/* tests/tools/racecommon.h — what the race tools (faultrace, holdrace) share: a station
 * session of its own through the core API, logged in, at one process, with form values
 * that pass every field of that process. */
#ifndef STN_TESTS_TOOLS_RACECOMMON_H
#define STN_TESTS_TOOLS_RACECOMMON_H

#include "core/db.h"
#include "core/reason.h"
#include "core/unit.h"

struct race_stn {
    struct core_db *db;
    struct core_actor a;
    char vals[CORE_MAX_FIELDS][48];
    const char *valp[CORE_MAX_FIELDS];
};

/* The tool's name, which starts its messages; each tool defines it. */
extern const char race_name[];

/* Says on stderr what failed and why; returns -1, the setup error. */
int race_fail(const char *what, const struct core_refusal *why, const struct stn_err *err);
/* Opens s as station sid at process, logged in as badge (pin when a manager); the values
 * of lot fields are the field's prefix and lot_suffix. 0, or -1 said on stderr. */
int race_open_station(struct race_stn *s, const char *ci, const char *sid, int process,
                      const char *badge, const char *pin, const char *lot_suffix);
/* text as a scanner reads it. */
struct core_scan race_scan_of(const char *text);

#endif
