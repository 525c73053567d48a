/* core/backfill.h — WIPs for the serials of lots already in progress when the line
 * moves to wipstation (docs/DESIGN.md, Migration). */
#ifndef STN_CORE_BACKFILL_H
#define STN_CORE_BACKFILL_H

#include <stdio.h>

#include "base/status.h"

struct core_db;

/* For each serial of a lot IN_PROGRESS or COMPLETED since since (YYYY-MM-DD): a
 * CONVERTED WIP and the serial's process history before the conversion. Reports the
 * counts on out; a second run adds nothing; dry_run does the work and rolls it back. */
enum stn_code core_backfill_in_progress(struct core_db *db, const char *since, int dry_run,
                                        FILE *out, struct stn_err *err);

#endif
