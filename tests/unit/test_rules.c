/* tests/unit/test_rules.c — the lifecycle rules of SPEC.md 5.2-5.8 and forms (5.6), over a
 * routing built like the database's default one. Refusal texts: test_reason.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/assert_text.h"

#include <stdio.h>
#include <string.h>

#include "core/reason.h"
#include "core/rules.h"

static struct core_routing R; /* the default routing (SPEC.md 3.1) */
static struct core_unit U;    /* the unit under test (too big for the stack) */

/* ---- the default routing --------------------------------------------------------------------- */

static struct core_process *add_process(int number, const char *code, const char *ko,
                                        const char *en, enum core_ptype type, int reworkable,
                                        const char *d1, const char *d2)
{
    struct core_process *p = &R.p[R.n++];
    memset(p, 0, sizeof *p);
    p->id = number;
    p->number = number;
    snprintf(p->code, sizeof p->code, "%s", code);
    snprintf(p->name_ko, sizeof p->name_ko, "%s", ko);
    snprintf(p->name_en, sizeof p->name_en, "%s", en);
    p->type = type;
    p->active = 1;
    p->reworkable = reworkable;
    p->auto_print_label = number == 1 || number == 7;
    if (d1)
        snprintf(p->defects[p->n_defects++], sizeof p->defects[0], "%s", d1);
    if (d2)
        snprintf(p->defects[p->n_defects++], sizeof p->defects[0], "%s", d2);
    return p;
}

static void add_field(struct core_process *p, struct core_field f)
{
    p->fields[p->n_fields++] = f;
}

static void build_routing(void)
{
    struct core_process *p;

    memset(&R, 0, sizeof R);
    add_process(1, "LASER_MARKING", "레이저 마킹", "Laser marking", CORE_PT_MANUFACTURING, 0,
                "MARKING_FAIL", NULL);
    p = add_process(2, "LMA_ASSEMBLY", "LMA 조립", "LMA assembly", CORE_PT_MANUFACTURING, 1,
                    "PART_DEFECT", "ASSEMBLY_ERROR");
    add_field(p, (struct core_field){ .code = "spring_lot", .label_ko = "스프링 LOT",
                                      .label_en = "Spring lot", .type = CORE_FT_LOT,
                                      .required = 1, .defect = "PART_DEFECT",
                                      .prefix = "SPRING-" });
    add_field(p, (struct core_field){ .code = "busbar_lot", .label_ko = "버스바 LOT",
                                      .label_en = "Busbar lot", .type = CORE_FT_LOT,
                                      .required = 1, .defect = "PART_DEFECT",
                                      .prefix = "BUSBAR-" });
    p = add_process(3, "SENSOR_INSPECTION", "센서 검사", "Sensor inspection",
                    CORE_PT_MANUFACTURING, 1, "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL");
    add_field(p, (struct core_field){ .code = "temperature", .label_ko = "온도",
                                      .label_en = "Temperature", .type = CORE_FT_NUMBER,
                                      .unit = "°C", .min = 59.0, .max = 61.0, .has_min = 1,
                                      .has_max = 1, .required = 1,
                                      .defect = "SENSOR_TEMP_FAIL" });
    add_field(p, (struct core_field){ .code = "tof", .label_ko = "TOF 센서", .label_en = "TOF",
                                      .type = CORE_FT_PASSFAIL, .required = 1,
                                      .defect = "SENSOR_TOF_FAIL" });
    p = add_process(4, "FIRMWARE_UPLOAD", "펌웨어 업로드", "Firmware upload",
                    CORE_PT_MANUFACTURING, 1, "FIRMWARE_UPLOAD_FAIL", "FIRMWARE_COMM_ERROR");
    add_field(p, (struct core_field){ .code = "fw_version", .label_ko = "펌웨어 버전",
                                      .label_en = "Firmware version", .type = CORE_FT_TEXT,
                                      .required = 1 });
    add_field(p, (struct core_field){ .code = "checksum", .label_ko = "체크섬",
                                      .label_en = "Checksum", .type = CORE_FT_PASSFAIL,
                                      .required = 1, .defect = "FIRMWARE_UPLOAD_FAIL" });
    p = add_process(5, "ROBOT_ASSEMBLY", "로봇 조립", "Robot assembly", CORE_PT_MANUFACTURING, 1,
                    "ASSEMBLY_ERROR", "APPEARANCE_DEFECT");
    add_field(p, (struct core_field){ .code = "torque", .label_ko = "토크", .label_en = "Torque",
                                      .type = CORE_FT_NUMBER, .unit = "Nm", .min = 0.8,
                                      .max = 1.2, .has_min = 1, .has_max = 1, .required = 1,
                                      .defect = "ASSEMBLY_ERROR" });
    add_field(p, (struct core_field){ .code = "appearance", .label_ko = "외관",
                                      .label_en = "Appearance", .type = CORE_FT_PASSFAIL,
                                      .defect = "APPEARANCE_DEFECT" });
    p = add_process(6, "PERFORMANCE_TEST", "성능검사", "Performance test", CORE_PT_MANUFACTURING,
                    1, "PERFORMANCE_FAIL", NULL);
    add_field(p, (struct core_field){ .code = "force", .label_ko = "힘", .label_en = "Force",
                                      .type = CORE_FT_NUMBER, .unit = "kgf", .min = 8.0,
                                      .max = 12.0, .has_min = 1, .has_max = 1, .required = 1,
                                      .defect = "PERFORMANCE_FAIL" });
    /* no defect of its own: the process's first one is proposed */
    add_field(p, (struct core_field){ .code = "accuracy", .label_ko = "정확도",
                                      .label_en = "Accuracy", .type = CORE_FT_NUMBER,
                                      .unit = "%", .min = 95.0, .has_min = 1 });
    add_field(p, (struct core_field){ .code = "note", .label_ko = "비고", .label_en = "Note",
                                      .type = CORE_FT_TEXT });
    add_process(7, "LABEL_PRINTING", "라벨 프린팅", "Label printing", CORE_PT_SERIAL_CONVERSION, 1,
                "LABEL_PRINT_FAIL", "LABEL_ATTACH_ERROR");
    p = add_process(8, "PACKAGING_INSPECTION", "포장 + 외관검사", "Packaging + visual inspection",
                    CORE_PT_SERIAL, 1, "VISUAL_DEFECT", "PACKAGING_ERROR");
    add_field(p, (struct core_field){ .code = "scratch", .label_ko = "스크래치",
                                      .label_en = "Scratch", .type = CORE_FT_PASSFAIL,
                                      .required = 1, .defect = "VISUAL_DEFECT" });
    add_field(p, (struct core_field){ .code = "missing_part", .label_ko = "부품 누락",
                                      .label_en = "Missing part", .type = CORE_FT_PASSFAIL,
                                      .required = 1, .defect = "PACKAGING_ERROR" });
    R.max_rework = 0; /* derive sets the default */
    core_routing_derive(&R);
}

static int setup_routing(void **state)
{
    (void)state;
    build_routing();
    return 0;
}

/* ---- units and actors ------------------------------------------------------------------------ */

static struct core_unit *unit(enum core_unit_status st)
{
    memset(&U, 0, sizeof U);
    U.wip_pk = 10;
    U.lot_pk = 1;
    snprintf(U.wip_id, sizeof U.wip_id, "KR01PSA2511001-W0001");
    snprintf(U.lot_number, sizeof U.lot_number, "KR01PSA2511001");
    U.seq = 1;
    U.status = st;
    U.lot_status = CORE_LS_IN_PROGRESS;
    return &U;
}

/* Appends an attempt at process n, done at station Pn-01 by "Kim Minsu". */
static struct core_attempt *att(struct core_unit *u, int n, enum core_result res)
{
    struct core_attempt *t = &u->att[u->n_att++];
    memset(t, 0, sizeof *t);
    t->id = u->n_att;
    t->on_serial = n >= 7;
    t->process = n;
    t->result = res;
    snprintf(t->started_at, sizeof t->started_at, "2025-11-20 09:%02d", u->n_att);
    if (res != CORE_RES_OPEN)
        snprintf(t->completed_at, sizeof t->completed_at, "2025-11-20 10:%02d", u->n_att);
    snprintf(t->station_id, sizeof t->station_id, "P%d-01", n);
    snprintf(t->operator_name, sizeof t->operator_name, "Kim Minsu");
    return t;
}

static void pass_upto(struct core_unit *u, int from, int to)
{
    for (int n = from; n <= to; n++)
        att(u, n, CORE_RES_PASS);
}

static struct core_attempt *fail_at(struct core_unit *u, int n, const char *defect,
                                 enum core_decision d)
{
    struct core_attempt *t = att(u, n, CORE_RES_FAIL);
    snprintf(t->defect, sizeof t->defect, "%s", defect);
    t->decision = d;
    if (d != CORE_DEC_NONE) {
        snprintf(t->decided_by, sizeof t->decided_by, "Park Supervisor");
        snprintf(t->decision_reason, sizeof t->decision_reason, "retest");
    }
    return t;
}

/* A unit that PASSed 1..6 and was converted; its P7 record is not there yet. */
static struct core_unit *converted(void)
{
    struct core_unit *u = unit(CORE_US_CONVERTED);
    pass_upto(u, 1, 6);
    u->serial_pk = 77;
    snprintf(u->serial_number, sizeof u->serial_number, "KR01PSA25110010001");
    u->serial_status = CORE_SS_IN_PROGRESS;
    return u;
}

static struct core_actor actor(int process, enum core_role role)
{
    struct core_actor a;
    memset(&a, 0, sizeof a);
    a.user_id = role == CORE_ROLE_OPERATOR ? 3 : 2;
    a.role = role;
    snprintf(a.name, sizeof a.name, "%s", role == CORE_ROLE_OPERATOR ? "Lee Operator" : "Park");
    snprintf(a.station_id, sizeof a.station_id, "P%d-01", process);
    a.process = process;
    a.equipment_id = 100 + process;
    return a;
}

static struct core_next next_at(const struct core_unit *u, int process)
{
    struct core_actor a = actor(process, CORE_ROLE_OPERATOR);
    struct core_next nx;
    int ok = core_rule_next(&R, u, &a, &nx);
    assert_int_equal(ok, nx.action != CORE_ACT_NONE && nx.action != CORE_ACT_DISPOSITION);
    return nx;
}

static void assert_refused(const struct core_next *nx, enum core_reason code)
{
    if (nx->why.code != code)
        print_error("expected %s, got %s: %s\n", core_reason_name(code),
                    core_reason_name(nx->why.code), nx->why.en);
    assert_int_equal(nx->action, CORE_ACT_NONE);
    assert_int_equal(nx->why.code, code);
}

static void assert_why(const struct core_refusal *why, enum core_reason code)
{
    if (why->code != code)
        print_error("expected %s, got %s: %s\n", core_reason_name(code),
                    core_reason_name(why->code), why->en);
    assert_int_equal(why->code, code);
}

static void assert_start(const struct core_next *nx, int is_rework)
{
    if (nx->action != CORE_ACT_START)
        print_error("expected START, got action %d: %s\n", (int)nx->action, nx->why.en);
    assert_int_equal(nx->action, CORE_ACT_START);
    assert_int_equal(nx->is_rework, is_rework);
}

/* ---- routing and unit helpers ---------------------------------------------------------------- */

static void test_routing_derive(void **state)
{
    struct core_routing *r = &R;
    (void)state;
    assert_int_equal(r->n, 8);
    assert_int_equal(r->conv_number, 7);
    assert_int_equal(r->first_number, 1);
    assert_int_equal(r->max_rework, 3);
    for (int n = 1; n <= 6; n++)
        assert_int_equal(core_routing_phase(r, n), CORE_PHASE_WIP);
    assert_int_equal(core_routing_phase(r, 7), CORE_PHASE_CONVERT);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_SERIAL);
    assert_int_equal(core_routing_phase(r, 9), CORE_PHASE_NONE);
    assert_int_equal(core_routing_prev(r, 1), 0);
    assert_int_equal(core_routing_prev(r, 3), 2);
    assert_int_equal(core_routing_prev(r, 8), 7);
    assert_string_equal(core_routing_find(r, 3)->code, "SENSOR_INSPECTION");
    assert_null(core_routing_find(r, 0));
    assert_null(core_routing_find(r, 9));
    assert_true(core_process_has_defect(core_routing_find(r, 3), "SENSOR_TOF_FAIL"));
    assert_false(core_process_has_defect(core_routing_find(r, 3), "PART_DEFECT"));
    assert_false(core_process_has_defect(core_routing_find(r, 3), ""));
    {   /* a copy carries the header and the processes in use, nothing past them */
        static struct core_routing c;
        memset(&c, 0x5a, sizeof c);
        core_routing_copy(&c, r);
        assert_int_equal(c.n, 8);
        assert_int_equal(c.conv_number, 7);
        assert_int_equal(c.first_number, 1);
        assert_int_equal(c.max_rework, 3);
        assert_memory_equal(c.p, r->p, sizeof r->p[0] * 8);
        assert_string_equal(core_routing_find(&c, 3)->code, "SENSOR_INSPECTION");
        assert_int_equal(((unsigned char *)&c.p[8])[0], 0x5a);
    }

    /* an inactive process is skipped by prev; a legacy database marks P8 SERIAL_CONVERSION
     * too: the lowest active one converts */
    r->p[3].active = 0;
    r->p[7].type = CORE_PT_SERIAL_CONVERSION;
    r->max_rework = 2;
    core_routing_derive(r);
    assert_int_equal(core_routing_prev(r, 5), 3);
    assert_int_equal(r->conv_number, 7);
    assert_int_equal(r->max_rework, 2);
    /* above what a serial's rework_count may hold (0..3): 3 */
    r->max_rework = 5;
    core_routing_derive(r);
    assert_int_equal(r->max_rework, 3);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_SERIAL);
    /* process 7 inactive: process 8 converts */
    r->p[6].active = 0;
    core_routing_derive(r);
    assert_int_equal(r->conv_number, 8);
    assert_int_equal(core_routing_phase(r, 6), CORE_PHASE_WIP);
    /* no conversion at all: everything is WIP-based; process 1 inactive: 2 creates */
    r->p[7].type = CORE_PT_SERIAL;
    r->p[0].active = 0;
    core_routing_derive(r);
    assert_int_equal(r->conv_number, 0);
    assert_int_equal(r->first_number, 2);
    assert_int_equal(core_routing_phase(r, 8), CORE_PHASE_WIP);
    build_routing();
}

static void test_unit_helpers(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    const struct core_attempt *f1, *f2;
    (void)state;
    assert_null(core_unit_latest(u, 1));
    assert_null(core_unit_open(u));
    assert_null(core_unit_on_hold(u));
    assert_int_equal(core_unit_rework_count(u), 0);
    pass_upto(u, 1, 2);
    f1 = fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_REWORK);
    f2 = fail_at(u, 3, "SENSOR_TOF_FAIL", CORE_DEC_NONE);
    assert_ptr_equal(core_unit_latest(u, 3), f2);
    assert_ptr_equal(core_unit_on_hold(u), f2);
    assert_true(f1 != f2);
    assert_true(core_unit_passed(u, 2));
    assert_false(core_unit_passed(u, 3));
    assert_int_equal(core_unit_rework_count(u), 1);
    att(u, 3, CORE_RES_OPEN); /* not possible while on hold, but the helpers still answer */
    assert_ptr_equal(core_unit_open(u), &u->att[4]);
    assert_null(core_unit_on_hold(u)); /* the FAIL is no longer the latest of process 3 */
}

/* ---- refusals of an unknown or finished state ------------------------------------------------ */

static void test_scrapped(void **state)
{
    struct core_unit *u = unit(CORE_US_SCRAPPED);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    int rw = -1;
    (void)state;
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_SCRAP);
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n);
        assert_refused(&nx, CORE_R_SCRAPPED);
        assert_contains(nx.why.en, "KR01PSA2511001-W0001");
        assert_contains(nx.why.en, "SCRAPPED");
        assert_contains(nx.why.ko, "폐기");
    }
    assert_false(core_rule_start(&R, u, &sup, &rw, &why));
    assert_why(&why, CORE_R_SCRAPPED);
    assert_int_equal(rw, -1);
    assert_false(core_rule_complete(&R, u, &sup, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_SCRAPPED);
    assert_false(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "again", &why));
    assert_why(&why, CORE_R_SCRAPPED);
    /* a scrapped serial names the serial */
    u = converted();
    fail_at(u, 8, "VISUAL_DEFECT", CORE_DEC_SCRAP);
    u->serial_status = CORE_SS_SCRAPPED;
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_SCRAPPED);
    assert_contains(nx.why.en, "KR01PSA25110010001");
}

static void test_converted_at_wip_station(void **state)
{
    struct core_unit *u = converted();
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    att(u, 7, CORE_RES_PASS);
    for (int n = 1; n <= 6; n++) {
        struct core_next nx = next_at(u, n);
        assert_refused(&nx, CORE_R_CONVERTED);
        assert_contains(nx.why.en, "KR01PSA2511001-W0001");
        assert_contains(nx.why.en, "KR01PSA25110010001");
        assert_contains(nx.why.ko, "KR01PSA25110010001");
    }
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_CONVERTED);
}

static void test_lot_closed(void **state)
{
    static const enum core_lot_status st[] = { CORE_LS_CLOSED, CORE_LS_COMPLETED };
    static const char *const names[] = { "CLOSED", "COMPLETED" };
    (void)state;
    for (int i = 0; i < 2; i++) {
        struct core_unit *u = unit(CORE_US_IN_PROGRESS);
        struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
        struct core_refusal why;
        struct core_next nx;
        pass_upto(u, 1, 2);
        u->lot_status = st[i];
        nx = next_at(u, 3);
        assert_refused(&nx, CORE_R_LOT_CLOSED);
        assert_contains(nx.why.en, "KR01PSA2511001");
        assert_contains(nx.why.en, names[i]);
        assert_contains(nx.why.ko, names[i]);
        assert_false(core_rule_start(&R, u, &a, NULL, &why));
        assert_why(&why, CORE_R_LOT_CLOSED);
    }
    /* CREATED and IN_PROGRESS lots are open for work */
    unit(CORE_US_IN_PROGRESS);
    pass_upto(&U, 1, 2);
    U.lot_status = CORE_LS_CREATED;
    {
        struct core_next nx = next_at(&U, 3);
        assert_start(&nx, 0);
    }
}

static void test_inactive_process(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 3);
    R.p[3].active = 0; /* process 4 */
    core_routing_derive(&R);
    nx = next_at(u, 4);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
    assert_contains(nx.why.en, "Process 4");
    /* process 5 follows process 3 while 4 is inactive */
    nx = next_at(u, 5);
    assert_start(&nx, 0);
    build_routing();
    /* a station configured for a process the routing does not have */
    nx = next_at(u, 9);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
    assert_contains(nx.why.en, "Process 9");
    nx = next_at(u, 0);
    assert_refused(&nx, CORE_R_PROCESS_INACTIVE);
}

/* ---- start (5.2) ----------------------------------------------------------------------------- */

static void test_start_each_process(void **state)
{
    (void)state;
    for (int n = 2; n <= 6; n++) {
        struct core_unit *u = unit(CORE_US_IN_PROGRESS);
        struct core_actor a = actor(n, CORE_ROLE_OPERATOR);
        struct core_refusal why;
        struct core_next nx;
        int rw = -1;
        pass_upto(u, 1, n - 1);
        nx = next_at(u, n);
        assert_start(&nx, 0);
        assert_true(core_rule_start(&R, u, &a, &rw, &why));
        assert_int_equal(rw, 0);
        assert_true(core_rule_start(&R, u, &a, NULL, NULL));
        /* once started here, the same scan means "complete" */
        att(u, n, CORE_RES_OPEN);
        nx = next_at(u, n);
        assert_int_equal(nx.action, CORE_ACT_COMPLETE);
        assert_int_equal(nx.is_rework, 0);
        assert_false(core_rule_start(&R, u, &a, &rw, &why));
        assert_int_equal(why.code, CORE_R_OPEN_ELSEWHERE);
    }
    /* process 1 of a unit made by batch creation (no attempt yet) */
    {
        struct core_next nx = next_at(unit(CORE_US_CREATED), 1);
        assert_start(&nx, 0);
    }
}

static void test_open_elsewhere(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_attempt *t;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 2);
    t = att(u, 3, CORE_RES_OPEN);
    snprintf(t->station_id, sizeof t->station_id, "P3-02");
    snprintf(t->started_at, sizeof t->started_at, "2025-11-20 09:41");
    snprintf(t->operator_name, sizeof t->operator_name, "Choi Jiwoo");
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n); /* station Pn-01 */
        assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
        assert_contains(nx.why.en, "process 3");
        assert_contains(nx.why.en, "P3-02");
        assert_contains(nx.why.en, "2025-11-20 09:41");
        assert_contains(nx.why.en, "Choi Jiwoo"); /* SPEC 5.2: say by whom */
        assert_contains(nx.why.ko, "P3-02");
        assert_contains(nx.why.ko, "2025-11-20 09:41");
        assert_contains(nx.why.ko, "Choi Jiwoo");
    }
    /* a station without a recorded id still gets a message */
    t->station_id[0] = '\0';
    t->operator_name[0] = '\0';
    nx = next_at(u, 3);
    assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
    assert_contains(nx.why.en, "station ?");
}

static void test_already_passed(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 4);
    for (int n = 1; n <= 4; n++) {
        nx = next_at(u, n);
        assert_refused(&nx, CORE_R_ALREADY_PASSED);
        assert_contains(nx.why.en, "KR01PSA2511001-W0001");
        if (n == 3)
            assert_contains(nx.why.en, "process 3");
    }
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_ALREADY_PASSED);
    nx = next_at(u, 5);
    assert_start(&nx, 0);
}

/* Seed UAT scenario 3: starting process 3 while process 2 is not done. */
static void test_uat3_skip(void **state)
{
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    (void)state;

    /* process 2 missing */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    nx = next_at(u, 3);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 2");
    assert_contains(nx.why.en, "LMA assembly");
    assert_contains(nx.why.en, "process 2 first");
    assert_contains(nx.why.ko, "공정 2");
    assert_contains(nx.why.ko, "LMA 조립");
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_PREV_NOT_PASSED);
    assert_contains(why.en, "Process 2");
    /* skipping further names the first process that is missing */
    nx = next_at(u, 5);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 4");

    /* process 2 open at its station */
    att(u, 2, CORE_RES_OPEN);
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_OPEN_ELSEWHERE);
    assert_contains(why.en, "process 2");
    assert_contains(why.en, "P2-01");

    /* process 2 FAILed and undecided: the unit is on hold at process 2 */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_NONE);
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_ON_HOLD);
    assert_contains(why.en, "process 2");
    assert_contains(why.en, "LMA assembly");

    /* process 2 FAILed, REWORK decided, not yet redone */
    u->att[1].decision = CORE_DEC_REWORK;
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_PREV_NOT_PASSED);
    assert_contains(why.en, "Process 2");

    /* redone and PASSed: now process 3 may start */
    att(u, 2, CORE_RES_PASS);
    assert_true(core_rule_start(&R, u, &a, NULL, &why));

    /* process 1 missing at process 2 */
    u = unit(CORE_US_CREATED);
    nx = next_at(u, 2);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 1");
    assert_contains(nx.why.en, "Laser marking");
}

/* ---- hold, rework, scrap (5.5) --------------------------------------------------------------- */

static void test_on_hold(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 2);
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    for (int n = 1; n <= 8; n++) {
        nx = next_at(u, n);
        assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
        assert_int_equal(nx.hold_process, 3);
        assert_true(nx.rework_allowed);
        assert_int_equal(nx.why.code, CORE_R_ON_HOLD);
        assert_contains(nx.why.en, "ON HOLD");
        assert_contains(nx.why.en, "process 3");
        assert_contains(nx.why.en, "Sensor inspection");
        assert_contains(nx.why.ko, "센서 검사");
    }
    assert_false(core_rule_start(&R, u, &a, NULL, &why));
    assert_why(&why, CORE_R_ON_HOLD);
}

static void test_rework_marks_is_rework(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    int rw = -1;
    (void)state;
    pass_upto(u, 1, 2);
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "sensor reseated", &why));
    u->att[2].decision = CORE_DEC_REWORK; /* what the database records */
    nx = next_at(u, 3);
    assert_start(&nx, 1);
    assert_true(core_rule_start(&R, u, &a, &rw, &why));
    assert_int_equal(rw, 1);
    /* other processes still wait for process 3 */
    nx = next_at(u, 4);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 3");
    /* the rework attempt, once open, completes as a rework */
    att(u, 3, CORE_RES_OPEN)->is_rework = 1;
    nx = next_at(u, 3);
    assert_int_equal(nx.action, CORE_ACT_COMPLETE);
    assert_int_equal(nx.is_rework, 1);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    /* after its PASS, the unit moves on without rework marks */
    u->att[3].result = CORE_RES_PASS;
    nx = next_at(u, 4);
    assert_start(&nx, 0);
}

static void test_rework_limit(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor sup = actor(3, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    pass_upto(u, 1, 2);
    for (int i = 0; i < 3; i++) {
        fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
        nx = next_at(u, 3);
        assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
        assert_true(nx.rework_allowed);
        assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "retest", &why));
        u->att[u->n_att - 1].decision = CORE_DEC_REWORK;
        nx = next_at(u, 3);
        assert_start(&nx, 1);
    }
    assert_int_equal(core_unit_rework_count(u), 3);
    /* the 4th FAIL: only SCRAP */
    fail_at(u, 3, "SENSOR_TOF_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 3);
    assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
    assert_int_equal(nx.hold_process, 3);
    assert_false(nx.rework_allowed);
    assert_false(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "once more", &why));
    assert_why(&why, CORE_R_REWORK_LIMIT);
    assert_contains(why.en, "KR01PSA2511001-W0001");
    assert_contains(why.en, "reworked 3 times (limit 3)");
    assert_contains(why.ko, "3회");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_SCRAP, "sensor broken", &why));

    /* the limit counts the unit's reworks over all processes, and follows max_rework */
    u = unit(CORE_US_IN_PROGRESS);
    att(u, 1, CORE_RES_PASS);
    fail_at(u, 2, "PART_DEFECT", CORE_DEC_REWORK);
    att(u, 2, CORE_RES_PASS);
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_REWORK);
    att(u, 3, CORE_RES_PASS);
    fail_at(u, 4, "FIRMWARE_UPLOAD_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 4);
    assert_true(nx.rework_allowed);
    R.max_rework = 2;
    nx = next_at(u, 4);
    assert_false(nx.rework_allowed);
    assert_false(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "again", &why));
    assert_why(&why, CORE_R_REWORK_LIMIT);
    assert_contains(why.en, "reworked 2 times (limit 2)");
    R.max_rework = 3;
}

static void test_p1_not_reworkable(void **state)
{
    struct core_unit *u = unit(CORE_US_CREATED);
    struct core_actor sup = actor(1, CORE_ROLE_ADMIN);
    struct core_refusal why;
    struct core_next nx;
    (void)state;
    fail_at(u, 1, "MARKING_FAIL", CORE_DEC_NONE);
    nx = next_at(u, 1);
    assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
    assert_int_equal(nx.hold_process, 1);
    assert_false(nx.rework_allowed);
    assert_false(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "re-mark", &why));
    assert_why(&why, CORE_R_NOT_REWORKABLE);
    assert_contains(why.en, "Process 1");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_SCRAP, "marking unreadable", &why));
}

static void test_disposition_role_reason(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor op = actor(3, CORE_ROLE_OPERATOR);
    struct core_actor mgr = actor(3, CORE_ROLE_MANAGER);
    struct core_actor adm = actor(3, CORE_ROLE_ADMIN);
    struct core_refusal why;
    (void)state;
    pass_upto(u, 1, 2);
    /* not on hold */
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_REWORK, "why not", &why));
    assert_why(&why, CORE_R_NOT_ON_HOLD);
    assert_contains(why.en, "KR01PSA2511001-W0001");
    fail_at(u, 3, "SENSOR_TEMP_FAIL", CORE_DEC_NONE);
    /* operators cannot decide, whatever they decide */
    assert_false(core_rule_disposition(&R, u, &op, CORE_DEC_REWORK, "retest", &why));
    assert_why(&why, CORE_R_ROLE);
    assert_false(core_rule_disposition(&R, u, &op, CORE_DEC_SCRAP, "broken", &why));
    assert_why(&why, CORE_R_ROLE);
    assert_contains(why.en, "MANAGER or ADMIN");
    /* a reason is required */
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_REWORK, NULL, &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_SCRAP, "", &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_SCRAP, "   ", &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    /* no decision */
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_NONE, "hmm", &why));
    assert_why(&why, CORE_R_BAD_INPUT);
    assert_true(why.en[0] != '\0' && why.ko[0] != '\0');
    /* MANAGER and ADMIN may */
    assert_true(core_rule_disposition(&R, u, &mgr, CORE_DEC_REWORK, "retest", &why));
    assert_true(core_rule_disposition(&R, u, &adm, CORE_DEC_REWORK, "재검사", &why));
    assert_true(core_rule_disposition(&R, u, &adm, CORE_DEC_SCRAP, "폐기", NULL));
    assert_false(core_rule_disposition(&R, u, &op, CORE_DEC_SCRAP, "x", NULL)); /* why NULL */
    /* decided already: nothing left to decide */
    u->att[2].decision = CORE_DEC_REWORK;
    assert_false(core_rule_disposition(&R, u, &mgr, CORE_DEC_SCRAP, "changed my mind", &why));
    assert_why(&why, CORE_R_NOT_ON_HOLD);
}

/* ---- complete (5.4) -------------------------------------------------------------------------- */

static void test_complete_not_started(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    pass_upto(u, 1, 2);
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_NOT_STARTED);
    assert_contains(why.en, "process 3");
    assert_contains(why.en, "KR01PSA2511001-W0001");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    assert_why(&why, CORE_R_NOT_STARTED);
    /* open at another station of the same process: finish it there */
    snprintf(att(u, 3, CORE_RES_OPEN)->station_id, sizeof u->att[0].station_id, "P3-02");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_OPEN_ELSEWHERE);
    assert_contains(why.en, "P3-02");
    /* at its own station it completes */
    snprintf(u->att[2].station_id, sizeof u->att[2].station_id, "P3-01");
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, NULL));
}

static void test_complete_twice(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    pass_upto(u, 1, 2);
    att(u, 3, CORE_RES_OPEN);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    u->att[2].result = CORE_RES_PASS; /* the first completion was written */
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);
    assert_contains(why.en, "process 3");
    assert_contains(why.en, "PASS");
    assert_contains(why.en, "Nothing changed");
    assert_contains(why.ko, "합격");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);

    /* a FAIL bounced: the second one changes nothing either */
    u = unit(CORE_US_IN_PROGRESS);
    pass_upto(u, 1, 2);
    att(u, 3, CORE_RES_OPEN);
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    u->att[2].result = CORE_RES_FAIL;
    snprintf(u->att[2].defect, sizeof u->att[2].defect, "SENSOR_TEMP_FAIL");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);
    assert_contains(why.en, "FAIL");
    assert_contains(why.ko, "불합격");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);
    /* at another process, the hold is what matters */
    {
        struct core_actor b = actor(4, CORE_ROLE_OPERATOR);
        assert_false(core_rule_complete(&R, u, &b, CORE_RES_PASS, NULL, &why));
        assert_why(&why, CORE_R_ON_HOLD);
    }
}

static void test_complete_defects(void **state)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    struct core_actor a = actor(3, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    (void)state;
    pass_upto(u, 1, 2);
    att(u, 3, CORE_RES_OPEN);
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, NULL, &why));
    assert_why(&why, CORE_R_DEFECT_REQUIRED);
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "", &why));
    assert_why(&why, CORE_R_DEFECT_REQUIRED);
    /* a code of another process */
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "PART_DEFECT", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    assert_contains(why.en, "PART_DEFECT");
    assert_contains(why.en, "process 3");
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "VISUAL_DEFECT", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "sensor_temp_fail", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "NO_SUCH_CODE", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    /* its own codes */
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TEMP_FAIL", &why));
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_FAIL, "SENSOR_TOF_FAIL", &why));
    /* PASS needs no defect */
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, NULL, &why));
    assert_true(core_rule_complete(&R, u, &a, CORE_RES_PASS, "", &why));
    /* the result is PASS or FAIL */
    assert_false(core_rule_complete(&R, u, &a, CORE_RES_OPEN, NULL, &why));
    assert_why(&why, CORE_R_BAD_INPUT);
    assert_true(why.en[0] != '\0' && why.ko[0] != '\0');
}

/* ---- conversion, process 7 (5.7) ------------------------------------------------------------- */

static void test_convert(void **state)
{
    struct core_actor a7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor a6 = actor(6, CORE_ROLE_OPERATOR);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    (void)state;
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 6);
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_CONVERT);
    assert_true(core_rule_convert(&R, u, &a7, &why));
    assert_true(core_rule_convert(&R, u, &a7, NULL));
    /* a start at process 7 is the conversion, not an attempt */
    assert_false(core_rule_start(&R, u, &a7, NULL, &why));
    assert_why(&why, CORE_R_WRONG_KIND);
    /* a complete without the P7 record is refused */
    assert_false(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_NOT_STARTED);
    /* only a converting station converts */
    assert_false(core_rule_convert(&R, u, &a6, &why));
    assert_why(&why, CORE_R_WRONG_KIND);

    /* each missing manufacturing process is named */
    for (int miss = 1; miss <= 6; miss++) {
        char want[32];
        u = unit(CORE_US_IN_PROGRESS);
        for (int n = 1; n <= 6; n++)
            if (n != miss)
                att(u, n, CORE_RES_PASS);
        nx = next_at(u, 7);
        assert_refused(&nx, CORE_R_NOT_COMPLETED);
        snprintf(want, sizeof want, "Missing: process %d", miss);
        assert_contains(nx.why.en, want);
        assert_contains(nx.why.en, "processes 1 to 6");
        snprintf(want, sizeof want, "누락: 공정 %d", miss);
        assert_contains(nx.why.ko, want);
        assert_false(core_rule_convert(&R, u, &a7, &why));
        assert_why(&why, CORE_R_NOT_COMPLETED);
    }
    /* a FAIL that was reworked but not redone is missing too */
    u = unit(CORE_US_IN_PROGRESS);
    pass_upto(u, 1, 5);
    fail_at(u, 6, "PERFORMANCE_FAIL", CORE_DEC_REWORK);
    assert_false(core_rule_convert(&R, u, &a7, &why));
    assert_why(&why, CORE_R_NOT_COMPLETED);
    assert_contains(why.en, "process 6");
    /* an undecided FAIL is a hold */
    u->att[5].decision = CORE_DEC_NONE;
    assert_false(core_rule_convert(&R, u, &a7, &why));
    assert_why(&why, CORE_R_ON_HOLD);
    /* already converted */
    u = converted();
    assert_false(core_rule_convert(&R, u, &a7, &why));
    assert_why(&why, CORE_R_CONVERTED);
    assert_contains(why.en, "KR01PSA25110010001");
    /* an inactive manufacturing process is not required */
    R.p[4].active = 0; /* process 5 */
    core_routing_derive(&R);
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 4);
    att(u, 6, CORE_RES_PASS);
    assert_true(core_rule_convert(&R, u, &a7, &why));
    build_routing();
}

static void test_p7_verify(void **state)
{
    struct core_actor a7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor b7 = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(7, CORE_ROLE_MANAGER);
    struct core_refusal why;
    struct core_unit *u = converted();
    struct core_next nx;
    int rw = -1;
    (void)state;
    snprintf(b7.station_id, sizeof b7.station_id, "P7-02");
    att(u, 7, CORE_RES_OPEN); /* opened by the conversion at P7-01 */
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_VERIFY);
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why));
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "LABEL_PRINT_FAIL", &why));
    assert_true(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "LABEL_ATTACH_ERROR", &why));
    assert_false(core_rule_complete(&R, u, &a7, CORE_RES_FAIL, "VISUAL_DEFECT", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    assert_false(core_rule_complete(&R, u, &b7, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_OPEN_ELSEWHERE);
    assert_contains(why.en, "process 7");
    assert_contains(why.en, "P7-01");
    assert_false(core_rule_start(&R, u, &a7, NULL, &why));
    assert_why(&why, CORE_R_OPEN_ELSEWHERE);
    /* a P7 FAIL holds the serial; rework re-opens process 7 */
    u->att[6].result = CORE_RES_FAIL;
    snprintf(u->att[6].defect, sizeof u->att[6].defect, "LABEL_PRINT_FAIL");
    u->serial_status = CORE_SS_FAILED;
    nx = next_at(u, 8);
    assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
    assert_int_equal(nx.hold_process, 7);
    assert_true(nx.rework_allowed);
    assert_contains(nx.why.en, "KR01PSA25110010001");
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "reprinted", &why));
    u->att[6].decision = CORE_DEC_REWORK;
    nx = next_at(u, 7);
    assert_start(&nx, 1);
    assert_true(core_rule_start(&R, u, &a7, &rw, &why));
    assert_int_equal(rw, 1);
    assert_false(core_rule_convert(&R, u, &a7, &why));
    assert_why(&why, CORE_R_CONVERTED);
    att(u, 7, CORE_RES_OPEN)->is_rework = 1;
    nx = next_at(u, 7);
    assert_int_equal(nx.action, CORE_ACT_VERIFY);
    assert_int_equal(nx.is_rework, 1);
    /* P7 PASSed: scanning it again at P7 */
    u->att[7].result = CORE_RES_PASS;
    nx = next_at(u, 7);
    assert_refused(&nx, CORE_R_ALREADY_PASSED);
    assert_false(core_rule_complete(&R, u, &a7, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);
}

/* ---- process 8 (5.8) ------------------------------------------------------------------------- */

static void test_p8(void **state)
{
    struct core_actor a8 = actor(8, CORE_ROLE_OPERATOR);
    struct core_actor sup = actor(8, CORE_ROLE_ADMIN);
    struct core_refusal why;
    struct core_unit *u;
    struct core_next nx;
    int rw = -1;
    (void)state;
    /* not converted yet */
    u = unit(CORE_US_COMPLETED);
    pass_upto(u, 1, 6);
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 7");
    assert_contains(nx.why.en, "Label printing");
    /* converted, P7 record missing */
    u = converted();
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_PREV_NOT_PASSED);
    assert_contains(nx.why.en, "Process 7");
    /* P7 open (label not verified) */
    att(u, 7, CORE_RES_OPEN);
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_OPEN_ELSEWHERE);
    assert_contains(nx.why.en, "process 7");
    assert_contains(nx.why.en, "KR01PSA25110010001");
    /* P7 PASS: P8 starts */
    u->att[6].result = CORE_RES_PASS;
    nx = next_at(u, 8);
    assert_start(&nx, 0);
    assert_true(core_rule_start(&R, u, &a8, &rw, &why));
    assert_int_equal(rw, 0);
    att(u, 8, CORE_RES_OPEN);
    nx = next_at(u, 8);
    assert_int_equal(nx.action, CORE_ACT_COMPLETE);
    assert_true(core_rule_complete(&R, u, &a8, CORE_RES_FAIL, "VISUAL_DEFECT", &why));
    assert_false(core_rule_complete(&R, u, &a8, CORE_RES_FAIL, "LABEL_PRINT_FAIL", &why));
    assert_why(&why, CORE_R_DEFECT_UNKNOWN);
    /* P8 FAIL: serial FAILED, on hold */
    u->att[7].result = CORE_RES_FAIL;
    snprintf(u->att[7].defect, sizeof u->att[7].defect, "VISUAL_DEFECT");
    u->serial_status = CORE_SS_FAILED;
    nx = next_at(u, 8);
    assert_int_equal(nx.action, CORE_ACT_DISPOSITION);
    assert_int_equal(nx.hold_process, 8);
    assert_true(nx.rework_allowed);
    assert_contains(nx.why.en, "process 8");
    assert_contains(nx.why.en, "Packaging + visual inspection");
    assert_contains(nx.why.ko, "포장 + 외관검사");
    assert_false(core_rule_start(&R, u, &a8, NULL, &why));
    assert_why(&why, CORE_R_ON_HOLD);
    assert_true(core_rule_disposition(&R, u, &sup, CORE_DEC_REWORK, "repacked", &why));
    u->att[7].decision = CORE_DEC_REWORK;
    u->serial_status = CORE_SS_IN_PROGRESS;
    nx = next_at(u, 8);
    assert_start(&nx, 1);
    /* P8 PASS: serial PASSED, nothing left */
    att(u, 8, CORE_RES_PASS)->is_rework = 1;
    u->serial_status = CORE_SS_PASSED;
    nx = next_at(u, 8);
    assert_refused(&nx, CORE_R_ALREADY_PASSED);
    assert_contains(nx.why.en, "KR01PSA25110010001");
    assert_false(core_rule_complete(&R, u, &a8, CORE_RES_PASS, NULL, &why));
    assert_why(&why, CORE_R_ALREADY_COMPLETED);
}

static void test_reprint(void **state)
{
    struct core_actor op = actor(7, CORE_ROLE_OPERATOR);
    struct core_actor mgr = actor(7, CORE_ROLE_MANAGER);
    struct core_actor adm = actor(7, CORE_ROLE_ADMIN);
    struct core_refusal why;
    (void)state;
    assert_false(core_rule_reprint(&op, "label smudged", &why));
    assert_why(&why, CORE_R_ROLE);
    assert_false(core_rule_reprint(&mgr, NULL, &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_false(core_rule_reprint(&mgr, "", &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_false(core_rule_reprint(&adm, " \t", &why));
    assert_why(&why, CORE_R_REASON_REQUIRED);
    assert_true(core_rule_reprint(&mgr, "label smudged", &why));
    assert_true(core_rule_reprint(&adm, "라벨 훼손", &why));
    assert_true(core_rule_reprint(&adm, "x", NULL));
    /* a stored reason is plain text, 500 bytes at most */
    assert_false(core_rule_reprint(&mgr, "smudged\x1b[2J", &why));
    assert_why(&why, CORE_R_BAD_INPUT);
    assert_false(core_rule_reprint(&mgr, "bad \xff utf-8", &why));
    assert_why(&why, CORE_R_BAD_INPUT);
    {
        char long_reason[502];
        memset(long_reason, 'x', 501);
        long_reason[501] = '\0';
        assert_false(core_rule_reprint(&mgr, long_reason, &why));
        assert_why(&why, CORE_R_BAD_INPUT);
        long_reason[500] = '\0';
        assert_true(core_rule_reprint(&mgr, long_reason, &why));
    }
}

/* ---- forms and numbers (5.6) ----------------------------------------------------------------- */

static int judge(int process, const char *const *values, struct core_judgement *j,
                 struct core_refusal *why)
{
    memset(why, 0, sizeof *why);
    return core_form_judge(core_routing_find(&R, process), values, j, why);
}

static void test_form_number(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    {
        const char *v[] = { "60.0", "PASS" };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_string_equal(j.defect, "");
        assert_int_equal(j.bad_field, -1);
    }
    { /* bounds are inside */
        const char *lo[] = { "59.0", "PASS" }, *hi[] = { "61", "OK" };
        assert_true(judge(3, lo, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_true(judge(3, hi, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        static const char *const out[] = { "58.99", "61.01", "-60", "0", "100", "+61.5" };
        for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
            const char *v[] = { out[i], "PASS" };
            assert_true(judge(3, v, &j, &why));
            assert_int_equal(j.proposal, CORE_RES_FAIL);
            assert_string_equal(j.defect, "SENSOR_TEMP_FAIL");
            assert_int_equal(j.bad_field, 0);
        }
    }
    { /* P6: force within 10 +- 2; accuracy has only a minimum and no defect of its own */
        const char *ok[] = { "10.5", "99.9", "" }, *lowacc[] = { "10", "94.9", "" };
        const char *both[] = { "12.5", "90", "slow" }, *huge[] = { "9", "1000000", "" };
        assert_true(judge(6, ok, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
        assert_true(judge(6, lowacc, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "PERFORMANCE_FAIL");
        assert_int_equal(j.bad_field, 1);
        assert_true(judge(6, both, &j, &why)); /* the first field out of spec decides */
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_int_equal(j.bad_field, 0);
        assert_true(judge(6, huge, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    { /* P5: its own defect per field */
        const char *v[] = { "1.3", "PASS" };
        assert_true(judge(5, v, &j, &why));
        assert_string_equal(j.defect, "ASSEMBLY_ERROR");
    }
}

static void test_form_passfail(void **state)
{
    static const char *const pass[] = { "PASS", "OK", "Y", "CMD:PASS", "CMD:OK" };
    static const char *const failv[] = { "FAIL", "NG", "N", "CMD:FAIL" };
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++) {
        const char *v[] = { "60", pass[i] };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    for (size_t i = 0; i < sizeof failv / sizeof failv[0]; i++) {
        const char *v[] = { "60", failv[i] };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "SENSOR_TOF_FAIL");
        assert_int_equal(j.bad_field, 1);
    }
    {
        const char *v[] = { "60", "MAYBE" };
        assert_false(judge(3, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
        assert_contains(why.en, "TOF");
        assert_contains(why.en, "'MAYBE'");
        assert_contains(why.ko, "TOF 센서");
    }
    { /* P8 checklist: a missing part proposes PACKAGING_ERROR */
        const char *v[] = { "PASS", "FAIL" };
        assert_true(judge(8, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "PACKAGING_ERROR");
    }
}

static void test_form_required(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    {
        const char *v[] = { "", "PASS" };
        assert_false(judge(3, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 0);
        assert_contains(why.en, "Temperature");
        assert_contains(why.ko, "온도");
    }
    {
        const char *v[] = { "60", NULL };
        assert_false(judge(3, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 1);
    }
    /* no values at all */
    assert_false(judge(3, NULL, &j, &why));
    assert_why(&why, CORE_R_FIELD_REQUIRED);
    assert_int_equal(j.bad_field, 0);
    { /* a FAIL may be recorded with a required field empty */
        const char *v[] = { "", "FAIL" };
        assert_true(judge(3, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_FAIL);
        assert_string_equal(j.defect, "SENSOR_TOF_FAIL");
    }
    { /* optional fields may stay empty */
        const char *v[] = { "1.0", "" };
        assert_true(judge(5, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    /* a process without fields has nothing to judge */
    assert_true(judge(7, NULL, &j, &why));
    assert_int_equal(j.proposal, CORE_RES_PASS);
    assert_int_equal(j.bad_field, -1);
}

static void test_form_invalid(void **state)
{
    static const char *const bad[] = {
        "1e3", "1E3", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1,5", " 60", "60 ",
        "60\n", "6\x1b" "0", "6\x7f", "60..1", "--1", "-", "+", ".", "60°", "١٢",
        "\xef\xbc\x96\xef\xbc\x90", /* full-width 60 */
        "1234567890123456",         /* 16 characters */
        "60.000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    };
    struct core_judgement j;
    struct core_refusal why;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *v[] = { bad[i], "PASS" };
        memset(&j, 0, sizeof j);
        if (judge(3, v, &j, &why))
            print_error("'%s' was accepted as a number\n", bad[i]);
        assert_false(judge(3, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 0);
        assert_contains(why.en, "Temperature");
        assert_printable(&why); /* the value is quoted, its control characters are not */
    }
    { /* an invalid value is refused even when another field is out of spec */
        const char *v[] = { "70", "PERHAPS" };
        assert_false(judge(3, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
    }
}

static void test_form_text(void **state)
{
    static const char *const bad[] = {
        "1.2\x1b[2J", "v1\t2", "v1\r", "v\x7f",          /* ESC, Tab, CR, DEL */
        "v\xc2\x9b" "2J", "v\xff", "v\xed\xa0\x80", "v\xed\x95", /* C1 CSI, bad UTF-8 */
    };
    struct core_judgement j;
    struct core_refusal why;
    char longv[200];
    (void)state;
    {
        const char *v[] = { "FW 1.2.3", "PASS" };
        assert_true(judge(4, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        const char *v[] = { "펌웨어 1.0 (최종)", "OK" };
        assert_true(judge(4, v, &j, &why));
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *v[] = { bad[i], "PASS" };
        if (judge(4, v, &j, &why))
            print_error("text value %zu was accepted\n", i);
        assert_false(judge(4, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 0);
    }
    /* 100 bytes is the longest text, 101 is refused */
    memset(longv, 'x', sizeof longv);
    longv[100] = '\0';
    {
        const char *v[] = { longv, "PASS" };
        assert_true(judge(4, v, &j, &why));
        longv[100] = 'x';
        longv[101] = '\0';
        assert_false(judge(4, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        longv[199] = '\0';
        assert_false(judge(4, v, &j, &why));
    }
}

static void test_form_lot(void **state)
{
    struct core_judgement j;
    struct core_refusal why;
    char longv[64];
    (void)state;
    {
        const char *v[] = { "SPRING-2511-0042", "BUSBAR-77" };
        assert_true(judge(2, v, &j, &why));
        assert_int_equal(j.proposal, CORE_RES_PASS);
    }
    {
        static const char *const bad[] = { "BUSBAR-77", "SPRING-", "SPRING", "XSPRING-1",
                                           "SPRING-1\x1b", "SPRING-\xc2\x85" };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            const char *v[] = { bad[i], "BUSBAR-77" };
            assert_false(judge(2, v, &j, &why));
            assert_why(&why, CORE_R_FIELD_INVALID);
            assert_int_equal(j.bad_field, 0);
            assert_contains(why.en, "Spring lot");
        }
    }
    { /* the second field has its own prefix */
        const char *v[] = { "SPRING-1", "SPRING-2" };
        assert_false(judge(2, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
        assert_int_equal(j.bad_field, 1);
        assert_contains(why.en, "Busbar lot");
    }
    { /* both required */
        const char *v[] = { "SPRING-1", "" };
        assert_false(judge(2, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_REQUIRED);
        assert_int_equal(j.bad_field, 1);
    }
    /* 40 bytes at most */
    memset(longv, '9', sizeof longv);
    memcpy(longv, "SPRING-", 7);
    longv[40] = '\0';
    {
        const char *v[] = { longv, "BUSBAR-1" };
        assert_true(judge(2, v, &j, &why));
        longv[40] = '9';
        longv[41] = '\0';
        assert_false(judge(2, v, &j, &why));
        assert_why(&why, CORE_R_FIELD_INVALID);
    }
}

static void test_parse_number(void **state)
{
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        { "0", 0 },        { "60", 60 },          { "59.5", 59.5 },     { "-1.25", -1.25 },
        { "+7", 7 },       { ".5", 0.5 },         { "5.", 5 },          { "007", 7 },
        { "-0", 0 },       { "123456789012345", 123456789012345.0 }, { "0.000000000001", 1e-12 },
    };
    static const char *const bad[] = {
        "", "1e3", "1E-3", "nan", "inf", "-inf", "0x10", "1,5", " 1", "1 ", "1\n", "--1",
        "+-1", "1-", "1.2.3", ".", "-", "+", "1234567890123456", "-123456789012345", "abc",
        "6\x1b", "١",
    };
    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -999;
        if (core_parse_number(ok[i].s, &v))
            print_error("'%s' refused\n", ok[i].s);
        assert_int_equal(core_parse_number(ok[i].s, &v), 0);
        assert_true(v == ok[i].v);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = -999;
        if (!core_parse_number(bad[i], &v))
            print_error("'%s' accepted\n", bad[i]);
        assert_int_not_equal(core_parse_number(bad[i], &v), 0);
        assert_true(v == -999); /* untouched */
    }
}

static void test_names(void **state)
{
    enum core_role role = CORE_ROLE_OPERATOR;
    (void)state;
    assert_string_equal(core_role_name(CORE_ROLE_ADMIN), "ADMIN");
    assert_string_equal(core_role_name(CORE_ROLE_MANAGER), "MANAGER");
    assert_string_equal(core_role_name(CORE_ROLE_OPERATOR), "OPERATOR");
    assert_int_equal(core_role_parse("MANAGER", &role), 0);
    assert_int_equal(role, CORE_ROLE_MANAGER);
    assert_int_equal(core_role_parse("ADMIN", &role), 0);
    assert_int_equal(role, CORE_ROLE_ADMIN);
    assert_int_equal(core_role_parse("OPERATOR", &role), 0);
    assert_int_equal(role, CORE_ROLE_OPERATOR);
    assert_int_not_equal(core_role_parse("SUPERVISOR", &role), 0);
    assert_int_not_equal(core_role_parse("", &role), 0);
    assert_string_equal(core_unit_status_name(CORE_US_CONVERTED), "CONVERTED");
    assert_string_equal(core_unit_status_name(CORE_US_SCRAPPED), "SCRAPPED");
    assert_string_equal(core_unit_status_name((enum core_unit_status)42), "?");
    assert_string_equal(core_serial_status_name(CORE_SS_FAILED), "FAILED");
    assert_string_equal(core_serial_status_name(CORE_SS_NONE), "");
    assert_string_equal(core_lot_status_name(CORE_LS_CLOSED), "CLOSED");
    assert_string_equal(core_lot_status_name((enum core_lot_status)42), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_routing_derive, setup_routing),
        cmocka_unit_test_setup(test_unit_helpers, setup_routing),
        cmocka_unit_test_setup(test_scrapped, setup_routing),
        cmocka_unit_test_setup(test_converted_at_wip_station, setup_routing),
        cmocka_unit_test_setup(test_lot_closed, setup_routing),
        cmocka_unit_test_setup(test_inactive_process, setup_routing),
        cmocka_unit_test_setup(test_start_each_process, setup_routing),
        cmocka_unit_test_setup(test_open_elsewhere, setup_routing),
        cmocka_unit_test_setup(test_already_passed, setup_routing),
        cmocka_unit_test_setup(test_uat3_skip, setup_routing),
        cmocka_unit_test_setup(test_on_hold, setup_routing),
        cmocka_unit_test_setup(test_rework_marks_is_rework, setup_routing),
        cmocka_unit_test_setup(test_rework_limit, setup_routing),
        cmocka_unit_test_setup(test_p1_not_reworkable, setup_routing),
        cmocka_unit_test_setup(test_disposition_role_reason, setup_routing),
        cmocka_unit_test_setup(test_complete_not_started, setup_routing),
        cmocka_unit_test_setup(test_complete_twice, setup_routing),
        cmocka_unit_test_setup(test_complete_defects, setup_routing),
        cmocka_unit_test_setup(test_convert, setup_routing),
        cmocka_unit_test_setup(test_p7_verify, setup_routing),
        cmocka_unit_test_setup(test_p8, setup_routing),
        cmocka_unit_test_setup(test_reprint, setup_routing),
        cmocka_unit_test_setup(test_form_number, setup_routing),
        cmocka_unit_test_setup(test_form_passfail, setup_routing),
        cmocka_unit_test_setup(test_form_required, setup_routing),
        cmocka_unit_test_setup(test_form_invalid, setup_routing),
        cmocka_unit_test_setup(test_form_text, setup_routing),
        cmocka_unit_test_setup(test_form_lot, setup_routing),
        cmocka_unit_test_setup(test_parse_number, setup_routing),
        cmocka_unit_test_setup(test_names, setup_routing),
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
