/* tests/unit/test_rigjudge.c — the station judges a rig's COMPLETE itself
 * (core_rig_judge): its own limits decide, the rig's FAIL is never overruled, every
 * disagreement, unknown or missing item proposes FAIL with the right defect code. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/rig.h"

static struct core_process proc;

static void field(const char *code, enum core_field_type type, int required, const char *defect)
{
    struct core_field *f = &proc.fields[proc.n_fields++];
    memset(f, 0, sizeof *f);
    snprintf(f->code, sizeof f->code, "%s", code);
    snprintf(f->label_en, sizeof f->label_en, "%s", code);
    f->type = type;
    f->required = required;
    snprintf(f->defect, sizeof f->defect, "%s", defect);
}

/* Process 3 of the default routing, plus an optional text and a lot field. */
static int setup(void **state)
{
    (void)state;
    memset(&proc, 0, sizeof proc);
    proc.number = 3;
    proc.active = 1;
    snprintf(proc.defects[proc.n_defects++], 41, "SENSOR_TEMP_FAIL");
    snprintf(proc.defects[proc.n_defects++], 41, "SENSOR_TOF_FAIL");
    snprintf(proc.defects[proc.n_defects++], 41, "PART_DEFECT");
    field("measured_temp", CORE_FT_NUMBER, 1, "SENSOR_TEMP_FAIL");
    proc.fields[0].min = 59.0, proc.fields[0].max = 61.0;
    proc.fields[0].has_min = proc.fields[0].has_max = 1;
    field("tof_i2c", CORE_FT_PASSFAIL, 1, "SENSOR_TOF_FAIL");
    field("note", CORE_FT_TEXT, 0, "");
    field("spring_lot", CORE_FT_LOT, 0, "PART_DEFECT");
    snprintf(proc.fields[3].prefix, sizeof proc.fields[3].prefix, "SPRING-");
    return 0;
}

/* Judges a COMPLETE with these items and rig verdict; returns 1 when judged. */
static int judge(const char *result, const char *items, struct core_rig_judgement *j,
                 struct core_refusal *why)
{
    char json[2048];
    struct core_rig_msg m;
    struct stn_err err;
    int ok;

    snprintf(json, sizeof json,
             "{\"message_type\":\"COMPLETE\",\"wip_id\":\"KR01PSA2511001-W0001\","
             "\"result\":\"%s\",\"measurements\":[%s]}",
             result, items);
    if (core_rig_decode(json, strlen(json), 0, &m, NULL, &err) != STN_OK) {
        print_error("decode: %s\n", err.msg);
        fail();
    }
    ok = core_rig_judge(&proc, &m, j, why);
    core_rig_msg_fini(&m);
    return ok;
}

#define T(v) "{\"code\":\"measured_temp\",\"value\":" #v "}"
#define TOF(v) "{\"code\":\"tof_i2c\",\"value\":" #v "}"

static void proposes(const char *result, const char *items, enum core_result want,
                     const char *defect)
{
    struct core_rig_judgement j;
    struct core_refusal why;
    assert_int_equal(judge(result, items, &j, &why), 1);
    if (j.proposal != want || strcmp(j.defect, defect)) {
        print_error("%s %s: proposal %d %s, want %d %s\n", result, items, j.proposal, j.defect,
                    want, defect);
        fail();
    }
}

static void in_spec_passes(void **state)
{
    (void)state;
    proposes("PASS", T(60.0) "," TOF(1), CORE_RES_PASS, "");
    proposes("PASS", T(59) "," TOF(1), CORE_RES_PASS, ""); /* the limits are in spec */
    proposes("PASS", T(61) "," TOF(1) ",{\"code\":\"note\",\"value\":\"ok\"}", CORE_RES_PASS, "");
    proposes("pass", T(60) "," TOF(1) ",{\"code\":\"spring_lot\",\"value\":\"SPRING-7\"}",
             CORE_RES_PASS, "");
}

static void station_finds_fail(void **state)
{
    (void)state;
    proposes("PASS", T(61.01) "," TOF(1), CORE_RES_FAIL, "SENSOR_TEMP_FAIL");
    proposes("PASS", T(60) "," TOF(0), CORE_RES_FAIL, "SENSOR_TOF_FAIL");
    proposes("PASS", T(60), CORE_RES_FAIL, "SENSOR_TOF_FAIL");   /* missing */
    proposes("PASS", TOF(1), CORE_RES_FAIL, "SENSOR_TEMP_FAIL"); /* missing */
    proposes("PASS", T(60) "," TOF(1) ",{\"code\":\"X\",\"value\":1}", CORE_RES_FAIL,
             "SENSOR_TEMP_FAIL"); /* unknown item: the process's first defect */
    proposes("PASS", T(60) "," TOF(1) ",{\"code\":\"spring_lot\",\"value\":\"BUSBAR-1\"}",
             CORE_RES_FAIL, "PART_DEFECT"); /* the wrong component */
    /* the first field out of spec decides, in the process's order */
    proposes("PASS", TOF(0) "," T(70), CORE_RES_FAIL, "SENSOR_TEMP_FAIL");
}

static void disagreement_fails(void **state)
{
    struct core_rig_judgement j;
    struct core_refusal why;
    (void)state;
    /* the rig says PASS for a value out of spec: FAIL, and the disagreement is noted */
    assert_int_equal(judge("PASS",
                           "{\"code\":\"measured_temp\",\"value\":63,\"result\":\"PASS\"}," TOF(1),
                           &j, &why),
                     1);
    assert_int_equal(j.proposal, CORE_RES_FAIL);
    assert_true(j.c[0].disagree);
    assert_int_equal(j.decisive, 0);
    /* the rig says FAIL for a value in spec: never PASS */
    proposes("PASS", "{\"code\":\"measured_temp\",\"value\":60,\"result\":\"FAIL\"}," TOF(1),
             CORE_RES_FAIL, "SENSOR_TEMP_FAIL");
    /* the rig's overall FAIL with every item in spec */
    proposes("FAIL", T(60) "," TOF(1), CORE_RES_FAIL, "SENSOR_TEMP_FAIL");
    proposes("FAIL", T(60) ",{\"code\":\"tof_i2c\",\"value\":1,\"result\":\"FAIL\"}", CORE_RES_FAIL,
             "SENSOR_TOF_FAIL");
    /* other limits than the station's are recorded, not judged by */
    assert_int_equal(judge("PASS",
                           "{\"code\":\"measured_temp\",\"value\":60,\"spec\":"
                           "{\"min\":50,\"max\":61}}," TOF(1),
                           &j, &why),
                     1);
    assert_int_equal(j.proposal, CORE_RES_PASS);
    assert_true(j.c[0].limits_differ);
}

static void readings_judged_each(void **state)
{
    struct core_rig_judgement j;
    struct core_refusal why;
    (void)state;
    assert_int_equal(judge("PASS",
                           "{\"code\":\"measured_temp\",\"value\":60,\"readings\":["
                           "{\"value\":60},{\"value\":58.9},{\"value\":60.5}]}," TOF(1),
                           &j, &why),
                     1);
    assert_int_equal(j.proposal, CORE_RES_FAIL);
    assert_int_equal(j.c[0].bad_reading, 1);
    assert_string_equal(j.c[0].value, "60"); /* the item's own value is shown */
    assert_int_equal(judge("PASS",
                           "{\"code\":\"measured_temp\",\"readings\":["
                           "{\"value\":60.25,\"result\":\"PASS\"},{\"value\":60.75,"
                           "\"result\":\"FAIL\"}]}," TOF(1),
                           &j, &why),
                     1);
    assert_int_equal(j.proposal, CORE_RES_FAIL); /* the rig failed a reading in spec */
    assert_true(j.c[0].disagree);
    assert_string_equal(j.c[0].value, "60.75");
}

static void unjudgeable_values_refused(void **state)
{
    struct core_rig_judgement j;
    struct core_refusal why;
    (void)state;
    assert_int_equal(judge("PASS", "{\"code\":\"measured_temp\",\"value\":\"60\"}," TOF(1), &j,
                           &why),
                     0);
    assert_int_equal(why.code, CORE_R_FIELD_INVALID);
    assert_int_equal(judge("PASS", T(60) "," TOF(2), &j, &why), 0);
    assert_int_equal(why.code, CORE_R_FIELD_INVALID);
    assert_int_equal(judge("PASS", T(60) ",{\"code\":\"tof_i2c\",\"value\":\"PASS\"}", &j, &why),
                     0);
    assert_int_equal(judge("PASS", T(60) ",{\"code\":\"tof_i2c\",\"readings\":[{\"value\":0.5}]}",
                           &j, &why),
                     0);
}

static void codes_match_in_any_case(void **state)
{
    struct core_rig_judgement j;
    struct core_refusal why;
    (void)state;
    assert_int_equal(judge("PASS",
                           "{\"code\":\"MEASURED_TEMP\",\"value\":60},"
                           "{\"code\":\"Tof_I2C\",\"value\":1}",
                           &j, &why),
                     1);
    assert_int_equal(j.proposal, CORE_RES_PASS);
    assert_int_equal(j.n, 4); /* the four fields, no unknown item */
    assert_string_equal(j.c[1].value, "PASS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_spec_passes),
        cmocka_unit_test(station_finds_fail),
        cmocka_unit_test(disagreement_fails),
        cmocka_unit_test(readings_judged_each),
        cmocka_unit_test(unjudgeable_values_refused),
        cmocka_unit_test(codes_match_in_any_case),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
