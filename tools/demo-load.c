/* tools/demo-load.c — loads the demo's units through the station API, so the demo
 * shows real histories: a lot with units spread over processes 1–8, some failed,
 * one on hold. Idempotent: a second run finds the demo lot and changes nothing.
 * usage: demo-load CONNINFO   (master data from tools/demo-master.sql first) */
#include <stdio.h>
#include <string.h>

#include "core/auth.h"
#include "core/db.h"
#include "core/lot.h"
#include "core/routing.h"
#include "core/unit.h"

struct ctx {
    struct core_db *db;
    struct core_actor op, sup;
    int errors;
};

static void actor_at(struct core_actor *a, int process)
{
    a->process = process;
    snprintf(a->station_id, sizeof a->station_id, "P%d-DEMO", process);
    a->equipment_id = 0;
}

static void scan(struct ctx *c, int process, const char *id)
{
    struct core_scan sc;
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;
    actor_at(&c->op, process);
    core_scan_parse(id, strlen(id), "", 0, &sc);
    if (core_unit_scan(c->db, &c->op, &sc, &ans, &why, &err) != STN_OK) {
        fprintf(stderr, "demo-load: P%d %s: %s\n", process, id, core_reason_name(why.code));
        c->errors++;
    }
}

static void complete(struct ctx *c, int process, const char *id, enum core_result res,
                     const char *defect)
{
    const struct core_routing *r;
    const struct core_process *p;
    static const char *vals[CORE_MAX_FIELDS];
    static char buf[CORE_MAX_FIELDS][32];
    struct core_scan sc;
    struct core_completion cc = { res, defect, NULL, vals };
    struct core_answer ans;
    struct core_refusal why;
    struct stn_err err;

    actor_at(&c->op, process);
    if (core_routing_get(c->db, &r, &err) != STN_OK || !(p = core_routing_find(r, process)))
        return;
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        if (f->type == CORE_FT_NUMBER)
            snprintf(buf[i], sizeof buf[i], "%.1f", (f->min + f->max) / 2);
        else if (f->type == CORE_FT_LOT)
            snprintf(buf[i], sizeof buf[i], "%s2025112001", f->prefix);
        else if (f->type == CORE_FT_TEXT)
            snprintf(buf[i], sizeof buf[i], "v2.1.0");
        else
            snprintf(buf[i], sizeof buf[i], "PASS");
        vals[i] = buf[i];
    }
    core_scan_parse(id, strlen(id), "", 0, &sc);
    if (core_unit_complete(c->db, &c->op, &sc, &cc, &ans, &why, &err) != STN_OK) {
        fprintf(stderr, "demo-load: complete P%d %s: %s\n", process, id,
                core_reason_name(why.code));
        c->errors++;
    }
}

static void walk(struct ctx *c, const char *wip, int to)
{
    for (int n = 2; n <= to && n <= 6; n++) {
        scan(c, n, wip);
        complete(c, n, wip, CORE_RES_PASS, NULL);
    }
}

static void serial_of(const char *wip, char *serial)
{
    snprintf(serial, 19, "%.14s%s", wip, wip + 16);
}

int main(int argc, char **argv)
{
    struct ctx c;
    struct core_user u;
    struct core_refusal why;
    struct stn_err err;
    struct core_lot lot;
    char wips[12][CORE_WIP_LEN + 1], serial[20];

    memset(&c, 0, sizeof c);
    if (argc != 2) {
        fprintf(stderr, "usage: demo-load CONNINFO\n");
        return 2;
    }
    if (core_db_open_conninfo(&c.db, argv[1], "DEMO", &err) != STN_OK) {
        fprintf(stderr, "demo-load: %s\n", err.msg);
        return 1;
    }
    if (core_lot_get(c.db, "KR01PSA2511001", &lot, &err) == STN_OK) {
        printf("demo data already loaded (lot %s, %d units)\n", lot.lot_number, lot.units);
        core_db_close(c.db);
        return 0;
    }
    if (core_auth_login(c.db, "OP-0001", NULL, "DEMO", 0, &u, &why, &err) != STN_OK)
        goto fail;
    c.op.user_id = u.id, c.op.role = u.role;
    if (core_auth_login(c.db, "MG-0001", "1234", "DEMO", 0, &u, &why, &err) != STN_OK)
        goto fail;
    c.sup.user_id = u.id, c.sup.role = u.role;
    actor_at(&c.sup, 1);
    if (core_lot_create(c.db, &c.sup, "KR01", "PSA", "2025-11-20", 20, &lot, &why, &err) != STN_OK)
        goto fail;
    actor_at(&c.op, 1);
    for (int i = 0; i < 12; i++) {
        struct core_label_data l;
        if (core_wip_create(c.db, &c.op, lot.lot_number, &l, &why, &err) != STN_OK)
            goto fail;
        snprintf(wips[i], sizeof wips[i], "%s", l.wip_id);
        if (i == 11)
            break; /* the last one stays at process 1, being marked */
        if (i == 10)
            complete(&c, 1, wips[i], CORE_RES_FAIL, "MARKING_FAIL"); /* scrapped */
        else
            scan(&c, 1, wips[i]); /* read-back: PASS */
    }
    for (int i = 0; i < 4; i++) { /* 0..3: through process 6 */
        walk(&c, wips[i], 6);
    }
    for (int i = 0; i < 3; i++) { /* 0..2: serials, label verified */
        scan(&c, 7, wips[i]);
        serial_of(wips[i], serial);
        scan(&c, 7, serial);
    }
    for (int i = 0; i < 2; i++) { /* 0..1: packed */
        serial_of(wips[i], serial);
        scan(&c, 8, serial);
        complete(&c, 8, serial, CORE_RES_PASS, NULL);
    }
    walk(&c, wips[4], 4); /* waiting for process 5 */
    walk(&c, wips[5], 2); /* waiting for process 3 */
    scan(&c, 3, wips[5]); /* ... and in progress there */
    walk(&c, wips[6], 2);
    scan(&c, 3, wips[6]);
    complete(&c, 3, wips[6], CORE_RES_FAIL, "SENSOR_TEMP_FAIL"); /* on hold */
    walk(&c, wips[7], 3);                                        /* waiting for process 4 */
    /* 8, 9: passed process 1 only */
    printf("demo data loaded: lot %s with 12 units (2 packed, 1 at process 8, 1 at 7, "
           "1 on hold at 3, 1 scrapped, 1 being marked)\n",
           lot.lot_number);
    core_db_close(c.db);
    return c.errors ? 1 : 0;
fail:
    fprintf(stderr, "demo-load: %s %s\n", core_reason_name(why.code), err.msg);
    core_db_close(c.db);
    return 1;
}
