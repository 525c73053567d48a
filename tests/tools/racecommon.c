/* tests/tools/racecommon.c — the station sessions of the race tools (racecommon.h). */
#include "tests/tools/racecommon.h"

#include <stdio.h>
#include <string.h>

#include "core/auth.h"
#include "core/routing.h"

int race_fail(const char *what, const struct core_refusal *why, const struct stn_err *err)
{
    fprintf(stderr, "%s: %s: %s %s\n", race_name, what, why ? core_reason_name(why->code) : "",
            err ? err->msg : "");
    return -1;
}

/* Values that pass every field of the station's process. */
static void form_values(struct race_stn *s, const char *lot_suffix)
{
    const struct core_routing *r;
    const struct core_process *p;
    struct stn_err err;

    if (core_routing_get(s->db, &r, &err) != STN_OK || !(p = core_routing_find(r, s->a.process)))
        return;
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        if (f->type == CORE_FT_NUMBER)
            snprintf(s->vals[i], sizeof s->vals[i], "%.2f",
                     f->has_min && f->has_max ? (f->min + f->max) / 2
                     : f->has_min             ? f->min
                                              : 0.0);
        else if (f->type == CORE_FT_PASSFAIL)
            snprintf(s->vals[i], sizeof s->vals[i], "PASS");
        else if (f->type == CORE_FT_LOT)
            snprintf(s->vals[i], sizeof s->vals[i], "%s%s", f->prefix, lot_suffix);
        else
            snprintf(s->vals[i], sizeof s->vals[i], "v2.1.0");
        s->valp[i] = s->vals[i];
    }
}

int race_open_station(struct race_stn *s, const char *ci, const char *sid, int process,
                      const char *badge, const char *pin, const char *lot_suffix)
{
    struct core_user u;
    struct core_refusal why = { 0 };
    struct stn_err err = { 0 };

    memset(s, 0, sizeof *s);
    if (core_db_open_conninfo(&s->db, ci, sid, &err) != STN_OK)
        return race_fail("connect", NULL, &err);
    if (core_auth_login(s->db, badge, pin, sid, 0, &u, &why, &err) != STN_OK)
        return race_fail("login", &why, &err);
    s->a.user_id = u.id;
    s->a.role = u.role;
    snprintf(s->a.station_id, sizeof s->a.station_id, "%s", sid);
    s->a.process = process;
    form_values(s, lot_suffix);
    return 0;
}

struct core_scan race_scan_of(const char *text)
{
    struct core_scan sc;
    core_scan_parse(text, strlen(text), "", 0, &sc);
    return sc;
}
