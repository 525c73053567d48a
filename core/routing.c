/* core/routing.c — loads the routing (processes, forms, defect codes) once a session,
 * and finds the equipment a station records. */
#include "core/routing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/db_int.h"

static const char sql_processes[] =
    "SELECT id, process_number, COALESCE(process_code, '') AS code,"
    " COALESCE(process_name_ko, process_name_en, '') AS name_ko,"
    " COALESCE(process_name_en, process_name_ko, '') AS name_en,"
    " COALESCE(process_type, 'MANUFACTURING') AS type, COALESCE(is_active, TRUE) AS active,"
    " COALESCE(reworkable, process_number <> (SELECT min(process_number) FROM processes"
    "   WHERE COALESCE(is_active, TRUE))) AS reworkable,"
    " COALESCE(auto_print_label, FALSE) AS auto_print,"
    " (SELECT max(v.version) FROM wip_criteria_versions v WHERE v.process_id = processes.id)"
    "   AS criteria_version,"
    " (SELECT string_agg(d, ' ' ORDER BY o) FROM jsonb_array_elements_text("
    "   CASE WHEN jsonb_typeof(defect_items) = 'array' THEN defect_items ELSE '[]' END)"
    "   WITH ORDINALITY AS x(d, o) WHERE d ~ '^[A-Z][A-Z0-9_]{1,39}$') AS defects"
    " FROM processes WHERE process_number IS NOT NULL ORDER BY process_number LIMIT 32";

static const char sql_fields[] =
    "SELECT p.process_number, f->>'code' AS code, COALESCE(f->>'label_ko', f->>'code') AS label_ko,"
    " COALESCE(f->>'label_en', f->>'code') AS label_en, COALESCE(f->>'type', 'text') AS type,"
    " COALESCE(f->>'unit', '') AS unit, f->>'min' AS min, f->>'max' AS max,"
    " COALESCE((f->>'required')::boolean, FALSE) AS required,"
    " COALESCE(f->>'defect', '') AS defect, COALESCE(f->>'prefix', '') AS prefix"
    " FROM processes p, jsonb_array_elements(CASE WHEN jsonb_typeof(p.quality_criteria->'fields')"
    "   = 'array' THEN p.quality_criteria->'fields' ELSE '[]' END) WITH ORDINALITY AS x(f, o)"
    " WHERE jsonb_typeof(f) = 'object' AND f ? 'code' ORDER BY p.process_number, o";

static void load_defects(struct core_process *p, const char *list)
{
    char buf[CORE_MAX_DEFECTS * 42];
    char *save = NULL;
    stn_strlcpy(buf, list, sizeof buf);
    for (char *t = strtok_r(buf, " ", &save); t && p->n_defects < CORE_MAX_DEFECTS;
         t = strtok_r(NULL, " ", &save))
        stn_strlcpy(p->defects[p->n_defects++], t, sizeof p->defects[0]);
}

static void load_field(struct core_routing *r, PGresult *res, int i)
{
    struct core_process *p = NULL;
    struct core_field *f;
    int num = db_int(res, i, "process_number");
    const char *type = db_str(res, i, "type");
    char *end;

    for (int k = 0; k < r->n; k++)
        if (r->p[k].number == num)
            p = &r->p[k];
    if (!p || p->n_fields >= CORE_MAX_FIELDS)
        return;
    f = &p->fields[p->n_fields++];
    memset(f, 0, sizeof *f);
    stn_strlcpy(f->code, db_str(res, i, "code"), sizeof f->code);
    stn_strlcpy(f->label_ko, db_str(res, i, "label_ko"), sizeof f->label_ko);
    stn_strlcpy(f->label_en, db_str(res, i, "label_en"), sizeof f->label_en);
    stn_strlcpy(f->unit, db_str(res, i, "unit"), sizeof f->unit);
    stn_strlcpy(f->defect, db_str(res, i, "defect"), sizeof f->defect);
    stn_strlcpy(f->prefix, db_str(res, i, "prefix"), sizeof f->prefix);
    f->required = db_bool(res, i, "required");
    f->type = !strcmp(type, "number")     ? CORE_FT_NUMBER
              : !strcmp(type, "passfail") ? CORE_FT_PASSFAIL
              : !strcmp(type, "lot")      ? CORE_FT_LOT
                                          : CORE_FT_TEXT;
    if (!db_isnull(res, i, "min")) {
        f->min = strtod(db_str(res, i, "min"), &end);
        f->has_min = *end == '\0';
    }
    if (!db_isnull(res, i, "max")) {
        f->max = strtod(db_str(res, i, "max"), &end);
        f->has_max = *end == '\0';
    }
}

/* Loads the routing cache if needed. */
static enum stn_code load(struct core_db *db, struct stn_err *err)
{
    struct core_routing *r = &db->routing;
    static const char *const key[1] = { "max_rework" };
    struct db_pipe p;
    enum stn_code rc;

    if (db->routing_loaded)
        return STN_OK;
    db_pipe_begin(&p, db);
    db_pipe_sql(&p, sql_processes, 0, NULL);
    db_pipe_sql(&p, sql_fields, 0, NULL);
    db_pipe_stmt(&p, DB_SETTING, 1, key);
    rc = db_pipe_sync(&p, err);
    if (rc == STN_OK) {
        /* entries past r->n are never read: only those in use are cleared (the whole
         * table is ~200 KB, which a station would otherwise keep resident) */
        r->n = r->conv_number = r->first_number = r->max_rework = 0;
        for (int i = 0; i < PQntuples(p.res[0]) && r->n < CORE_MAX_PROCESSES; i++) {
            struct core_process *q = &r->p[r->n++];
            const char *type = db_str(p.res[0], i, "type");
            memset(q, 0, sizeof *q);
            q->id = db_ll(p.res[0], i, "id");
            q->number = db_int(p.res[0], i, "process_number");
            stn_strlcpy(q->code, db_str(p.res[0], i, "code"), sizeof q->code);
            stn_strlcpy(q->name_ko, db_str(p.res[0], i, "name_ko"), sizeof q->name_ko);
            stn_strlcpy(q->name_en, db_str(p.res[0], i, "name_en"), sizeof q->name_en);
            q->type = !strcmp(type, "SERIAL_CONVERSION") ? CORE_PT_SERIAL_CONVERSION
                      : !strcmp(type, "SERIAL")          ? CORE_PT_SERIAL
                                                         : CORE_PT_MANUFACTURING;
            q->active = db_bool(p.res[0], i, "active");
            q->reworkable = db_bool(p.res[0], i, "reworkable");
            q->auto_print_label = db_bool(p.res[0], i, "auto_print");
            q->criteria_version = db_int(p.res[0], i, "criteria_version");
            load_defects(q, db_str(p.res[0], i, "defects"));
        }
        for (int i = 0; i < PQntuples(p.res[1]); i++)
            load_field(r, p.res[1], i);
        r->max_rework = PQntuples(p.res[2]) ? db_int(p.res[2], 0, "value") : 3;
        core_routing_derive(r);
        db->routing_loaded = 1;
    }
    db_pipe_end(&p);
    return rc;
}

enum stn_code core_routing_get(struct core_db *db, const struct core_routing **out,
                               struct stn_err *err)
{
    enum stn_code rc = load(db, err);
    *out = rc == STN_OK ? &db->routing : NULL;
    return rc;
}

void core_routing_invalidate(struct core_db *db)
{
    db->routing_loaded = 0;
}

enum stn_code core_equipment_find(struct core_db *db, const char *code, int process, int64_t *id,
                                  struct stn_err *err)
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
