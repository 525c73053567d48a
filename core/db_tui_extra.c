/* core/db_tui_extra.c — small read-only queries the station screens need (added for
 * tui/, issue 4). */
#include <stdio.h>

#include "core/db_int.h"
#include "core/station.h"

enum stn_code core_equipment_find(struct core_db *db, const char *code, int process,
                                  int64_t *id, struct stn_err *err)
{
    char num[12];
    const char *p[2] = { code ? code : "", num };
    PGresult *r;
    enum stn_code rc;

    *id = 0;
    snprintf(num, sizeof num, "%d", process);
    rc = db_exec(db,
                 "SELECT e.id FROM equipment e JOIN processes p ON p.id = e.process_id"
                 " WHERE p.process_number = $2::int AND e.is_active"
                 " ORDER BY (e.equipment_code = $1) DESC, e.id LIMIT 1",
                 2, p, &r, err);
    if (rc != STN_OK)
        return rc;
    if (PQntuples(r) > 0)
        *id = db_ll(r, 0, "id");
    PQclear(r);
    return STN_OK;
}
