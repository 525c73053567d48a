/* core/routing.h — the routing a session reads from the database (processes, their
 * forms and defect codes, the rework limit), and the equipment a station records. */
#ifndef STN_CORE_ROUTING_H
#define STN_CORE_ROUTING_H

#include <stdint.h>

#include "base/status.h"
#include "core/rules.h"

struct core_db;

/* The routing, cached per session (read again after a reconnect): borrowed until the
 * next call on db. */
enum stn_code core_routing_get(struct core_db *db, const struct core_routing **out,
                               struct stn_err *err);
void core_routing_invalidate(struct core_db *db);

/* The equipment a station of this process records: the active one with this code
 * when it belongs to the process, else the process's first active one; *id = 0 when
 * the process has none. */
enum stn_code core_equipment_find(struct core_db *db, const char *code, int process, int64_t *id,
                                  struct stn_err *err);

#endif
