/* core/hold.c — placing and releasing quarantine holds (see core/hold.h). */
#include "core/hold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db_int.h"

/* What the key names and the hold that stops it now (its own, else its lot's): read in
 * the same round trip before the change, for the words of a refusal. */
static const char sql_target[] =
    "SELECT t.kind, t.label, COALESCE(l.lot_number, '') AS lot_number,"
    " h.hold_id IS NOT NULL AS held, COALESCE(h.reason, '') AS reason,"
    " COALESCE(h.held_by, '') AS held_by, COALESCE(to_char(h.held_at, 'YYYY-MM-DD HH24:MI'), '') AS held_at"
    " FROM wip_hold_target($1) t LEFT JOIN lots l ON l.id = t.lot_id"
    " LEFT JOIN LATERAL wip_active_hold(CASE WHEN t.kind = 'UNIT' THEN t.wip_item_id END, t.lot_id) h"
    " ON TRUE";

static void set_done(const PGresult *r, struct core_hold_done *out, int release)
{
    snprintf(out->target, sizeof out->target, "%s", db_str(r, 0, "target"));
    out->on_lot = !strcmp(db_str(r, 0, "kind"), "LOT");
    out->units = release ? 0 : db_ll(r, 0, "units");
}

/* The refusal for the database's answer (migration 009, section 8). */
static void refuse(const struct stn_err *e, const PGresult *t, const char *key, enum stn_code rc,
                   struct core_refusal *why)
{
    const char *label = t && PQntuples(t) ? db_str(t, 0, "label") : key;
    const char *s = e->sqlstate;
    char by[160];

    if (t && PQntuples(t))
        snprintf(by, sizeof by, "%s %s", db_str(t, 0, "held_by"), db_str(t, 0, "held_at"));
    else
        by[0] = '\0';
    if (rc != STN_E_RULE)
        core_refuse_db(why, rc, 0, key);
    else if (!strcmp(s, "WS003") || !strcmp(s, "42501"))
        core_refuse(why, CORE_R_ROLE, 0, NULL, NULL, NULL);
    else if (!strcmp(s, "WS004"))
        core_refuse(why, CORE_R_UNKNOWN_ID, 0, key, NULL, NULL);
    else if (!strcmp(s, "WS005"))
        core_refuse(why, CORE_R_REASON_REQUIRED, 0, NULL, NULL, NULL);
    else if (!strcmp(s, "WS006"))
        core_refuse(why, CORE_R_ALREADY_HELD, 0, label, by,
                    t && PQntuples(t) ? db_str(t, 0, "reason") : "");
    else if (!strcmp(s, "WS007"))
        core_refuse(why, CORE_R_NOT_HELD, 0, label, NULL, NULL);
    else if (!strcmp(s, "WS008"))
        core_refuse(why, CORE_R_SCRAPPED, 0, label, NULL, NULL);
    else if (!strcmp(s, "WS009"))
        core_refuse(why, CORE_R_HELD_WITH_LOT, 0, label,
                    t && PQntuples(t) ? db_str(t, 0, "lot_number") : "", NULL);
    else
        core_refuse_db(why, STN_E_DB, 0, key);
}

static enum stn_code hold_call(struct core_db *db, const struct core_actor *approver,
                               const char *key, const char *reason, int release,
                               struct core_hold_done *out, struct core_refusal *why,
                               struct stn_err *err)
{
    char user[24];
    const char *k[1] = { key };
    const char *q[4] = { key, reason, user, approver->station_id };
    struct stn_err own;
    struct db_pipe p;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    core_refuse(why, CORE_R_OK, 0, NULL, NULL, NULL);
    if (!err)
        err = &own;
    if (!core_rule_hold(approver, reason, why))
        return STN_E_RULE;
    snprintf(user, sizeof user, "%lld", (long long)approver->user_id);
    db_pipe_begin(&p, db);
    db_pipe_sql(&p, sql_target, 1, k);
    db_pipe_sql(&p,
                release
                    ? "SELECT hold_id, kind, target FROM wip_release($1, $2, $3::bigint, $4)"
                    : "SELECT hold_id, kind, target, units FROM wip_hold($1, $2, $3::bigint, $4)",
                4, q);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK)
        set_done(p.res[1], out, release);
    else
        refuse(err, p.res[0], key, rc, why);
    db_pipe_end(&p);
    return rc;
}

enum stn_code core_hold_place(struct core_db *db, const struct core_actor *approver,
                              const char *key, const char *reason, struct core_hold_done *out,
                              struct core_refusal *why, struct stn_err *err)
{
    return hold_call(db, approver, key, reason, 0, out, why, err);
}

enum stn_code core_hold_release(struct core_db *db, const struct core_actor *approver,
                                const char *key, const char *reason, struct core_hold_done *out,
                                struct core_refusal *why, struct stn_err *err)
{
    return hold_call(db, approver, key, reason, 1, out, why, err);
}
