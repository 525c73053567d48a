/* tests/fuzz/fuzz_form.c — measurement forms: core_form_judge and
 * core_parse_number on a built-in process with every field type, from hostile values.
 * Input: byte 0 picks how many fields the process has; the rest is the values, one a
 * line. Properties: a judgement names a field in range; a FAIL proposal carries a
 * defect code of the process; PASS means every required field is filled and in spec;
 * a refusal says which field and why, in clean UTF-8 in both languages; a parsed
 * number is finite and agrees with the spec limits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "tests/fuzz/fuzz.h"

#define NF 8

static void field(struct core_process *p, const char *code, enum core_field_type type, int required,
                  const char *defect)
{
    struct core_field *f = &p->fields[p->n_fields++];
    snprintf(f->code, sizeof f->code, "%s", code);
    snprintf(f->label_en, sizeof f->label_en, "Field %s", code);
    snprintf(f->label_ko, sizeof f->label_ko, "\xed\x95\x84\xeb\x93\x9c %s", code); /* 필드 */
    f->type = type;
    f->required = required;
    snprintf(f->defect, sizeof f->defect, "%s", defect);
}

/* Process 3 of the default routing, with one field of every kind and limit. */
static void build(struct core_process *p, int n_fields)
{
    static const char *const defects[] = { "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL", "PART_DEFECT" };
    memset(p, 0, sizeof *p);
    p->id = p->number = 3;
    snprintf(p->code, sizeof p->code, "SENSOR_INSPECTION");
    p->active = p->reworkable = 1;
    for (int i = 0; i < 3; i++)
        snprintf(p->defects[p->n_defects++], sizeof p->defects[0], "%s", defects[i]);
    field(p, "measured_temp", CORE_FT_NUMBER, 1, "SENSOR_TEMP_FAIL");
    p->fields[0].min = 59.0, p->fields[0].max = 61.0;
    p->fields[0].has_min = p->fields[0].has_max = 1;
    field(p, "force_min_only", CORE_FT_NUMBER, 0, ""); /* out of spec: the first defect */
    p->fields[1].min = 13.0, p->fields[1].has_min = 1;
    field(p, "tof_i2c", CORE_FT_PASSFAIL, 1, "SENSOR_TOF_FAIL");
    field(p, "firmware_version", CORE_FT_TEXT, 1, "");
    field(p, "sma_spring_lot", CORE_FT_LOT, 1, "PART_DEFECT");
    snprintf(p->fields[4].prefix, sizeof p->fields[4].prefix, "SPRING-");
    field(p, "any_lot", CORE_FT_LOT, 0, "");
    field(p, "any_number", CORE_FT_NUMBER, 0, "");
    field(p, "note", CORE_FT_TEXT, 0, "");
    p->n_fields = n_fields;
}

static void check_number(const char *v)
{
    double x;
    if (core_parse_number(v, &x) != 0)
        return;
    FUZZ_CHECK(isfinite(x));
    FUZZ_CHECK(strlen(v) <= 15);
}

static void check_judgement(const struct core_process *p, const char *const *vals, int ok,
                            const struct core_judgement *j, const struct core_refusal *why)
{
    FUZZ_CHECK(j->bad_field >= -1 && j->bad_field < p->n_fields);
    if (!ok) {
        FUZZ_CHECK(why->code == CORE_R_FIELD_INVALID || why->code == CORE_R_FIELD_REQUIRED);
        FUZZ_CHECK(j->bad_field >= 0);
        FUZZ_CHECK(core_utf8_clean(why->a) && core_utf8_clean(why->b) && core_utf8_clean(why->c));
        return;
    }
    if (j->proposal == CORE_RES_FAIL) {
        FUZZ_CHECK(j->bad_field >= 0 && core_process_has_defect(p, j->defect));
        return;
    }
    FUZZ_CHECK(j->proposal == CORE_RES_PASS && j->bad_field == -1);
    for (int i = 0; i < p->n_fields; i++) {
        const struct core_field *f = &p->fields[i];
        double x;
        FUZZ_CHECK(!f->required || vals[i][0]);
        if (f->type == CORE_FT_NUMBER && vals[i][0]) {
            FUZZ_CHECK(core_parse_number(vals[i], &x) == 0);
            FUZZ_CHECK(!(f->has_min && x < f->min) && !(f->has_max && x > f->max));
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct core_process p;
    struct core_judgement j;
    struct core_refusal why;
    char *vals[NF] = { 0 };
    const char *cvals[NF];
    size_t at = 1;
    int ok;

    if (size < 1)
        return 0;
    build(&p, 1 + data[0] % NF);
    for (int i = 0; i < NF; i++) { /* value i: up to the next newline, each its own buffer */
        size_t e = at;
        while (e < size && data[e] != '\n')
            e++;
        vals[i] = malloc(e - at + 1);
        if (!vals[i])
            goto out;
        memcpy(vals[i], data + at, e - at);
        vals[i][e - at] = '\0';
        cvals[i] = vals[i];
        at = e < size ? e + 1 : e;
    }
    memset(&why, 0, sizeof why);
    ok = core_form_judge(&p, cvals, &j, &why);
    check_judgement(&p, cvals, ok, &j, &why);
    for (int i = 0; i < NF; i++)
        check_number(cvals[i]);
out:
    for (int i = 0; i < NF; i++)
        free(vals[i]);
    return 0;
}
