/* tests/fuzz/fuzz_rigmsg.c — a rig's message from hostile bytes: decoded (core/rigmsg.h),
 * judged against process 3 with fields of every kind (core/rig.h) and answered
 * (rig/reply.h). Input: byte 0 bit 0 picks the drop-folder reading; the rest is the
 * message. Properties: a decoded message is START or COMPLETE, names a WIP ID or serial,
 * carries PASS or FAIL exactly when it is a COMPLETE, within the bounds, every string
 * clean UTF-8; its canonical form is JSON and the same on a second decoding; a refusal
 * names a fault; the station proposes PASS only when every field it judged passed and
 * the rig said PASS, and a FAIL carries a defect code of the process; every reply is one
 * JSON object with status, code and message. */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/rig.h"
#include "rig/reply.h"
#include "tests/fuzz/fuzz.h"

static void field(struct core_process *p, const char *code, enum core_field_type type, int required,
                  const char *defect)
{
    struct core_field *f = &p->fields[p->n_fields++];
    memset(f, 0, sizeof *f);
    strcpy(f->code, code);
    strcpy(f->label_en, code);
    f->type = type;
    f->required = required;
    strcpy(f->defect, defect);
}

static void build(struct core_process *p)
{
    memset(p, 0, sizeof *p);
    p->number = 3;
    p->active = 1;
    strcpy(p->defects[p->n_defects++], "SENSOR_TEMP_FAIL");
    strcpy(p->defects[p->n_defects++], "SENSOR_TOF_FAIL");
    field(p, "measured_temp", CORE_FT_NUMBER, 1, "SENSOR_TEMP_FAIL");
    p->fields[0].min = 59.0, p->fields[0].max = 61.0;
    p->fields[0].has_min = p->fields[0].has_max = 1;
    field(p, "tof_i2c", CORE_FT_PASSFAIL, 1, "SENSOR_TOF_FAIL");
    field(p, "firmware", CORE_FT_TEXT, 0, "");
    field(p, "spring_lot", CORE_FT_LOT, 0, "");
    strcpy(p->fields[3].prefix, "SPRING-");
}

static void check_reply(char *text)
{
    struct json_object *o = json_tokener_parse(text), *v;
    FUZZ_CHECK(o && json_object_is_type(o, json_type_object));
    FUZZ_CHECK(json_object_object_get_ex(o, "status", &v) &&
               json_object_is_type(v, json_type_string));
    FUZZ_CHECK(json_object_object_get_ex(o, "code", &v));
    FUZZ_CHECK(json_object_object_get_ex(o, "message", &v));
    FUZZ_CHECK(core_utf8_clean(text));
    json_object_put(o);
    free(text);
}

static void check_msg(const struct core_rig_msg *m)
{
    FUZZ_CHECK(m->type == CORE_RIG_START || m->type == CORE_RIG_COMPLETE);
    FUZZ_CHECK(m->unit.kind == CORE_SCAN_WIP || m->unit.kind == CORE_SCAN_SERIAL);
    FUZZ_CHECK((m->type == CORE_RIG_COMPLETE) == (m->result != CORE_RIG_NONE));
    FUZZ_CHECK(m->n_items <= CORE_RIG_MAX_ITEMS && m->n_defects <= CORE_RIG_MAX_DEFECTS);
    FUZZ_CHECK(core_utf8_clean(m->msg_id) && m->process >= 0 && m->process <= 99);
    for (int i = 0; i < m->n_items; i++) {
        const struct core_rig_item *it = &m->items[i];
        FUZZ_CHECK(it->code[0] && core_utf8_clean(it->code) && core_utf8_clean(it->text));
        FUZZ_CHECK(it->has_value || it->n_readings > 0);
        FUZZ_CHECK(it->n_readings <= CORE_RIG_MAX_READINGS);
    }
}

static void check_judgement(const struct core_process *p, const struct core_rig_msg *m,
                            const struct core_rig_judgement *j)
{
    if (j->proposal == CORE_RES_FAIL) {
        FUZZ_CHECK(core_process_has_defect(p, j->defect));
        return;
    }
    FUZZ_CHECK(m->result == CORE_RIG_PASS);
    for (int i = 0; i < j->n; i++)
        FUZZ_CHECK((j->c[i].verdict == CORE_RIG_FV_PASS && !j->c[i].disagree) ||
                   j->c[i].verdict == CORE_RIG_FV_ABSENT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct core_rig_msg m, again;
    enum core_rig_fault fault;
    struct stn_err err;
    unsigned flags;

    if (size < 1)
        return 0;
    flags = data[0] & 1 ? CORE_RIG_FROM_FILE : 0;
    if (core_rig_decode((const char *)data + 1, size - 1, flags, &m, &fault, &err) != STN_OK) {
        FUZZ_CHECK(fault == CORE_RIG_BAD_JSON || fault == CORE_RIG_BAD_FIELD);
        FUZZ_CHECK(m.items == NULL && err.msg[0] && core_utf8_clean(err.msg));
        check_reply(rig_reply_simple(rig_code_of_fault(fault), err.msg, NULL));
        return 0;
    }
    check_msg(&m);
    {
        char *c1 = core_rig_canonical(&m), *c2;
        struct json_object *o = json_tokener_parse(c1);
        FUZZ_CHECK(o != NULL);
        json_object_put(o);
        FUZZ_CHECK(core_rig_decode((const char *)data + 1, size - 1, flags, &again, NULL, NULL) ==
                   STN_OK);
        c2 = core_rig_canonical(&again);
        FUZZ_CHECK(!strcmp(c1, c2));
        free(c1);
        free(c2);
        core_rig_msg_fini(&again);
    }
    if (m.type == CORE_RIG_COMPLETE) {
        static struct core_process p;
        static struct core_rig_result res;
        struct core_refusal why;
        build(&p);
        memset(&res, 0, sizeof res);
        if (core_rig_judge(&p, &m, &res.judgement, &why)) {
            struct rig_reply r = { RIG_C_COMPLETED, "", &m, &res, "P3-FUZZ", 3 };
            check_judgement(&p, &m, &res.judgement);
            res.recorded = res.judgement.proposal;
            strcpy(res.defect, res.judgement.defect);
            check_reply(rig_reply_render(&r));
        } else {
            char text[400];
            FUZZ_CHECK(why.code == CORE_R_FIELD_INVALID);
            check_reply(rig_reply_simple(rig_code_of_reason(why.code),
                                         rig_reason_message(&why, text, sizeof text), &m));
        }
    } else {
        check_reply(rig_reply_simple(RIG_C_STARTED, NULL, &m));
    }
    core_rig_msg_fini(&m);
    return 0;
}
