/* tests/unit/rules_fixture.c — the rule tests' shared fixture (see rules_fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/rules_fixture.h"

#include <stdio.h>
#include <string.h>

#include "tests/unit/assert_text.h"

struct core_routing R;
struct core_unit U;

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

void build_routing(void)
{
    struct core_process *p;

    memset(&R, 0, sizeof R);
    add_process(1, "LASER_MARKING", "레이저 마킹", "Laser marking", CORE_PT_MANUFACTURING, 0,
                "MARKING_FAIL", NULL);
    p = add_process(2, "LMA_ASSEMBLY", "LMA 조립", "LMA assembly", CORE_PT_MANUFACTURING, 1,
                    "PART_DEFECT", "ASSEMBLY_ERROR");
    add_field(p, (struct core_field){ .code = "spring_lot",
                                      .label_ko = "스프링 LOT",
                                      .label_en = "Spring lot",
                                      .type = CORE_FT_LOT,
                                      .required = 1,
                                      .defect = "PART_DEFECT",
                                      .prefix = "SPRING-" });
    add_field(p, (struct core_field){ .code = "busbar_lot",
                                      .label_ko = "버스바 LOT",
                                      .label_en = "Busbar lot",
                                      .type = CORE_FT_LOT,
                                      .required = 1,
                                      .defect = "PART_DEFECT",
                                      .prefix = "BUSBAR-" });
    p = add_process(3, "SENSOR_INSPECTION", "센서 검사", "Sensor inspection", CORE_PT_MANUFACTURING,
                    1, "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL");
    add_field(p, (struct core_field){ .code = "temperature",
                                      .label_ko = "온도",
                                      .label_en = "Temperature",
                                      .type = CORE_FT_NUMBER,
                                      .unit = "°C",
                                      .min = 59.0,
                                      .max = 61.0,
                                      .has_min = 1,
                                      .has_max = 1,
                                      .required = 1,
                                      .defect = "SENSOR_TEMP_FAIL" });
    add_field(p, (struct core_field){ .code = "tof",
                                      .label_ko = "TOF 센서",
                                      .label_en = "TOF",
                                      .type = CORE_FT_PASSFAIL,
                                      .required = 1,
                                      .defect = "SENSOR_TOF_FAIL" });
    p = add_process(4, "FIRMWARE_UPLOAD", "펌웨어 업로드", "Firmware upload", CORE_PT_MANUFACTURING,
                    1, "FIRMWARE_UPLOAD_FAIL", "FIRMWARE_COMM_ERROR");
    add_field(p, (struct core_field){ .code = "fw_version",
                                      .label_ko = "펌웨어 버전",
                                      .label_en = "Firmware version",
                                      .type = CORE_FT_TEXT,
                                      .required = 1 });
    add_field(p, (struct core_field){ .code = "checksum",
                                      .label_ko = "체크섬",
                                      .label_en = "Checksum",
                                      .type = CORE_FT_PASSFAIL,
                                      .required = 1,
                                      .defect = "FIRMWARE_UPLOAD_FAIL" });
    p = add_process(5, "ROBOT_ASSEMBLY", "로봇 조립", "Robot assembly", CORE_PT_MANUFACTURING, 1,
                    "ASSEMBLY_ERROR", "APPEARANCE_DEFECT");
    add_field(p, (struct core_field){ .code = "torque",
                                      .label_ko = "토크",
                                      .label_en = "Torque",
                                      .type = CORE_FT_NUMBER,
                                      .unit = "Nm",
                                      .min = 0.8,
                                      .max = 1.2,
                                      .has_min = 1,
                                      .has_max = 1,
                                      .required = 1,
                                      .defect = "ASSEMBLY_ERROR" });
    add_field(p, (struct core_field){ .code = "appearance",
                                      .label_ko = "외관",
                                      .label_en = "Appearance",
                                      .type = CORE_FT_PASSFAIL,
                                      .defect = "APPEARANCE_DEFECT" });
    p = add_process(6, "PERFORMANCE_TEST", "성능검사", "Performance test", CORE_PT_MANUFACTURING, 1,
                    "PERFORMANCE_FAIL", NULL);
    add_field(p, (struct core_field){ .code = "force",
                                      .label_ko = "힘",
                                      .label_en = "Force",
                                      .type = CORE_FT_NUMBER,
                                      .unit = "kgf",
                                      .min = 8.0,
                                      .max = 12.0,
                                      .has_min = 1,
                                      .has_max = 1,
                                      .required = 1,
                                      .defect = "PERFORMANCE_FAIL" });
    /* no defect of its own: the process's first one is proposed */
    add_field(p, (struct core_field){ .code = "accuracy",
                                      .label_ko = "정확도",
                                      .label_en = "Accuracy",
                                      .type = CORE_FT_NUMBER,
                                      .unit = "%",
                                      .min = 95.0,
                                      .has_min = 1 });
    add_field(p,
              (struct core_field){
                  .code = "note", .label_ko = "비고", .label_en = "Note", .type = CORE_FT_TEXT });
    add_process(7, "LABEL_PRINTING", "라벨 프린팅", "Label printing", CORE_PT_SERIAL_CONVERSION, 1,
                "LABEL_PRINT_FAIL", "LABEL_ATTACH_ERROR");
    p = add_process(8, "PACKAGING_INSPECTION", "포장 + 외관검사", "Packaging + visual inspection",
                    CORE_PT_SERIAL, 1, "VISUAL_DEFECT", "PACKAGING_ERROR");
    add_field(p, (struct core_field){ .code = "scratch",
                                      .label_ko = "스크래치",
                                      .label_en = "Scratch",
                                      .type = CORE_FT_PASSFAIL,
                                      .required = 1,
                                      .defect = "VISUAL_DEFECT" });
    add_field(p, (struct core_field){ .code = "missing_part",
                                      .label_ko = "부품 누락",
                                      .label_en = "Missing part",
                                      .type = CORE_FT_PASSFAIL,
                                      .required = 1,
                                      .defect = "PACKAGING_ERROR" });
    R.max_rework = 0; /* derive sets the default */
    core_routing_derive(&R);
}

int setup_routing(void **state)
{
    (void)state;
    build_routing();
    return 0;
}

int setup_words(void **state)
{
    (void)state;
    if (!words_init()) {
        print_error("no Korean: a UTF-8 locale and WIPSTATION_LOCALEDIR are needed\n");
        return -1;
    }
    return 0;
}

/* ---- units and actors ------------------------------------------------------------------------ */

struct core_unit *unit(enum core_unit_status st)
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

struct core_attempt *att(struct core_unit *u, int n, enum core_result res)
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

void pass_upto(struct core_unit *u, int from, int to)
{
    for (int n = from; n <= to; n++)
        att(u, n, CORE_RES_PASS);
}

struct core_unit *passed_upto(int n)
{
    struct core_unit *u = unit(CORE_US_IN_PROGRESS);
    pass_upto(u, 1, n);
    return u;
}

struct core_attempt *fail_at(struct core_unit *u, int n, const char *defect, enum core_decision d)
{
    struct core_attempt *t = att(u, n, CORE_RES_FAIL);
    mark_failed(t, defect);
    t->decision = d;
    if (d != CORE_DEC_NONE) {
        snprintf(t->decided_by, sizeof t->decided_by, "Park Supervisor");
        snprintf(t->decision_reason, sizeof t->decision_reason, "retest");
    }
    return t;
}

void mark_failed(struct core_attempt *t, const char *defect)
{
    t->result = CORE_RES_FAIL;
    snprintf(t->defect, sizeof t->defect, "%s", defect);
}

struct core_unit *converted(void)
{
    struct core_unit *u = unit(CORE_US_CONVERTED);
    pass_upto(u, 1, 6);
    u->serial_pk = 77;
    snprintf(u->serial_number, sizeof u->serial_number, "KR01PSA25110010001");
    u->serial_status = CORE_SS_IN_PROGRESS;
    return u;
}

struct core_actor actor(int process, enum core_role role)
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

struct core_next next_at(const struct core_unit *u, int process)
{
    struct core_actor a = actor(process, CORE_ROLE_OPERATOR);
    struct core_next nx;
    int ok = core_rule_next(&R, u, &a, &nx);
    assert_int_equal(ok, nx.action != CORE_ACT_NONE && nx.action != CORE_ACT_DISPOSITION);
    return nx;
}

void assert_refused(const struct core_next *nx, enum core_reason code)
{
    if (nx->why.code != code)
        print_error("expected %s, got %s: %s\n", core_reason_name(code),
                    core_reason_name(nx->why.code), say(&nx->why, 0));
    assert_int_equal(nx->action, CORE_ACT_NONE);
    assert_int_equal(nx->why.code, code);
}

void assert_why(const struct core_refusal *why, enum core_reason code)
{
    if (why->code != code)
        print_error("expected %s, got %s: %s\n", core_reason_name(code),
                    core_reason_name(why->code), say(why, 0));
    assert_int_equal(why->code, code);
}

void assert_start(const struct core_next *nx, int is_rework)
{
    if (nx->action != CORE_ACT_START)
        print_error("expected START, got action %d: %s\n", (int)nx->action, say(&nx->why, 0));
    assert_int_equal(nx->action, CORE_ACT_START);
    assert_int_equal(nx->is_rework, is_rework);
}

void assert_refusal(int ok, const struct core_refusal *why, enum core_reason code)
{
    assert_false(ok);
    assert_why(why, code);
}

void assert_hold(const struct core_next *nx, int process, int rework_allowed)
{
    if (nx->action != CORE_ACT_DISPOSITION)
        print_error("expected a disposition, got action %d: %s\n", (int)nx->action,
                    say(&nx->why, 0));
    assert_int_equal(nx->action, CORE_ACT_DISPOSITION);
    assert_int_equal(nx->hold_process, process);
    assert_int_equal(!!nx->rework_allowed, rework_allowed);
}
