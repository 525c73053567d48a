/* tests/fuzz/fuzz_rules.c — the lifecycle rules over any unit state the
 * database could hold (legacy rows, hand edits, other stations' text): a routing with
 * processes switched off or a second converting process, a unit with up to
 * CORE_MAX_ATTEMPTS attempts of any process, result and decision, and station,
 * operator and defect texts taken from the input. Properties: core_rule_next never
 * fails to explain a refusal, every message is clean UTF-8 in both languages, and the
 * specific rules agree with it (what next says can start, complete, convert or be
 * decided is allowed by core_rule_start, _complete, _convert and _disposition). */
#include <stdio.h>
#include <string.h>

#include "core/rules.h"
#include "tests/fuzz/fuzz.h"

struct in {
    const uint8_t *d;
    size_t n, at;
};

static unsigned byte(struct in *in)
{
    return in->at < in->n ? in->d[in->at++] : 0;
}

/* A text field: usually a plausible value, sometimes raw input bytes. */
static void text(struct in *in, char *dst, size_t len, const char *usual)
{
    unsigned k = byte(in);
    size_t n = 0;
    if (k < 200) {
        snprintf(dst, len, "%s", usual);
        return;
    }
    for (k %= 24; k > 0 && n + 1 < len; k--)
        dst[n++] = (char)(byte(in) | 1); /* no NUL inside */
    dst[n] = '\0';
}

static void routing(struct in *in, struct core_routing *r)
{
    static const char *const defects[8][2] = {
        { "MARKING_FAIL", "" },
        { "PART_DEFECT", "ASSEMBLY_ERROR" },
        { "SENSOR_TEMP_FAIL", "SENSOR_TOF_FAIL" },
        { "FIRMWARE_UPLOAD_FAIL", "" },
        { "ASSEMBLY_ERROR", "APPEARANCE_DEFECT" },
        { "PERFORMANCE_FAIL", "" },
        { "LABEL_PRINT_FAIL", "LABEL_ATTACH_ERROR" },
        { "VISUAL_DEFECT", "PACKAGING_ERROR" },
    };
    unsigned off = byte(in), conv8 = byte(in);

    memset(r, 0, sizeof *r);
    for (int i = 0; i < 8; i++) {
        struct core_process *p = &r->p[r->n++];
        p->id = p->number = i + 1;
        snprintf(p->code, sizeof p->code, "P%d", i + 1);
        snprintf(p->name_en, sizeof p->name_en, "Process %d", i + 1);
        snprintf(p->name_ko, sizeof p->name_ko, "\xea\xb3\xb5\xec\xa0\x95 %d", i + 1); /* 공정 */
        p->type = i == 6 || (i == 7 && conv8 & 1) ? CORE_PT_SERIAL_CONVERSION
                  : i == 7                        ? CORE_PT_SERIAL
                                                  : CORE_PT_MANUFACTURING;
        p->active = off < 64 ? !(off >> (i % 8) & 1) : 1;
        p->reworkable = i > 0;
        for (int k = 0; k < 2; k++)
            if (defects[i][k][0])
                snprintf(p->defects[p->n_defects++], sizeof p->defects[0], "%s", defects[i][k]);
    }
    r->max_rework = 1 + (int)(conv8 >> 1) % 4;
    core_routing_derive(r);
}

static void attempt(struct in *in, struct core_attempt *t, const char *own)
{
    static const char *const sids[] = { "P3-01", "P3-02", "P7-01", "P8-01" };
    unsigned b = byte(in), c = byte(in);

    memset(t, 0, sizeof *t);
    t->id = (int64_t)c + 1;
    t->process = 1 + (int)(b % 9); /* 9: a process the routing does not have */
    t->result = (enum core_result)((b >> 4) % 3);
    t->decision = t->result == CORE_RES_FAIL ? (enum core_decision)((c >> 1) % 3) : CORE_DEC_NONE;
    t->on_serial = t->process >= 7;
    t->is_rework = (int)(c & 1);
    text(in, t->station_id, sizeof t->station_id, c & 0x40 ? own : sids[(c >> 3) % 4]);
    text(in, t->operator_name, sizeof t->operator_name, "Kim Minsu");
    text(in, t->defect, sizeof t->defect, t->result == CORE_RES_FAIL ? "PART_DEFECT" : "");
    text(in, t->started_at, sizeof t->started_at, "2025-11-26 10:00:00");
    if (t->result != CORE_RES_OPEN)
        snprintf(t->completed_at, sizeof t->completed_at, "2025-11-26 10:05:00");
}

static void unit(struct in *in, struct core_unit *u, const char *own)
{
    unsigned b = byte(in), n = byte(in) % (CORE_MAX_ATTEMPTS + 1);

    memset(u, 0, sizeof *u);
    u->wip_pk = 1;
    text(in, u->wip_id, sizeof u->wip_id, "KR01PSA2511001-W0001");
    text(in, u->lot_number, sizeof u->lot_number, "KR01PSA2511001");
    u->status = (enum core_unit_status)(b % 5);
    u->lot_status = (enum core_lot_status)((b >> 3) % 4);
    u->serial_status = u->status == CORE_US_CONVERTED ? (enum core_serial_status)(1 + (b >> 5) % 5)
                                                      : CORE_SS_NONE;
    if (u->status == CORE_US_CONVERTED)
        text(in, u->serial_number, sizeof u->serial_number, "KR01PSA25110010001");
    u->label_printed = (int)(b >> 7);
    for (unsigned i = 0; i < n; i++)
        attempt(in, &u->att[u->n_att++], own);
}

static void check_text(const struct core_refusal *why)
{
    FUZZ_CHECK(why->code >= CORE_R_OK && why->code < CORE_REASON_COUNT);
    FUZZ_CHECK(core_utf8_clean(why->a) && core_utf8_clean(why->b) && core_utf8_clean(why->c));
}

/* What next says is allowed is allowed by the rule that does it. */
static void check_agree(const struct core_routing *r, const struct core_unit *u,
                        const struct core_actor *a, const struct core_next *nx)
{
    const struct core_process *sp = core_routing_find(r, a->process);
    struct core_actor boss = *a;
    struct core_refusal why;
    int rw = -1;

    boss.role = CORE_ROLE_MANAGER;
    memset(&why, 0, sizeof why);
    FUZZ_CHECK(core_rule_start(r, u, a, &rw, &why) == (nx->action == CORE_ACT_START));
    FUZZ_CHECK(nx->action != CORE_ACT_START || rw == nx->is_rework);
    check_text(&why);
    if (nx->action == CORE_ACT_COMPLETE || nx->action == CORE_ACT_VERIFY) {
        FUZZ_CHECK(core_rule_complete(r, u, a, CORE_RES_PASS, NULL, &why));
        FUZZ_CHECK(!core_rule_complete(r, u, a, CORE_RES_FAIL, "", &why) &&
                   why.code == CORE_R_DEFECT_REQUIRED);
        FUZZ_CHECK(!sp->n_defects ||
                   core_rule_complete(r, u, a, CORE_RES_FAIL, sp->defects[0], &why));
    } else {
        FUZZ_CHECK(!core_rule_complete(r, u, a, CORE_RES_PASS, NULL, &why));
        check_text(&why);
    }
    FUZZ_CHECK(core_rule_convert(r, u, a, &why) == (nx->action == CORE_ACT_CONVERT));
    check_text(&why);
    if (nx->action == CORE_ACT_DISPOSITION) {
        FUZZ_CHECK(core_rule_disposition(r, u, &boss, CORE_DEC_SCRAP, "broken", &why));
        FUZZ_CHECK(core_rule_disposition(r, u, &boss, CORE_DEC_REWORK, "again", &why) ==
                   nx->rework_allowed);
        FUZZ_CHECK(!core_rule_disposition(r, u, &boss, CORE_DEC_SCRAP, " \t", &why) &&
                   why.code == CORE_R_REASON_REQUIRED);
    }
    FUZZ_CHECK(a->role != CORE_ROLE_OPERATOR ||
               !core_rule_disposition(r, u, a, CORE_DEC_SCRAP, "x", &why));
    check_text(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct core_routing r; /* large: not on the stack */
    static struct core_unit u;
    struct in in = { data, size, 0 };
    struct core_actor a;
    struct core_next nx;
    unsigned b;
    int ok;

    routing(&in, &r);
    memset(&a, 0, sizeof a);
    b = byte(&in);
    a.user_id = 1;
    a.process = 1 + (int)(b % 9);
    a.role = (enum core_role)((b >> 4) % 3);
    snprintf(a.station_id, sizeof a.station_id, "P%d-01", a.process);
    unit(&in, &u, a.station_id);
    ok = core_rule_next(&r, &u, &a, &nx);
    check_text(&nx.why);
    FUZZ_CHECK(ok == (nx.action == CORE_ACT_START || nx.action == CORE_ACT_COMPLETE ||
                      nx.action == CORE_ACT_VERIFY || nx.action == CORE_ACT_CONVERT));
    FUZZ_CHECK(ok || nx.why.code != CORE_R_OK);
    FUZZ_CHECK(nx.action != CORE_ACT_DISPOSITION || core_unit_on_hold(&u) != NULL);
    check_agree(&r, &u, &a, &nx);
    return 0;
}
