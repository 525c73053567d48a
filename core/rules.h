/* core/rules.h — the unit lifecycle rules as pure functions over a loaded state: no
 * database, no I/O (docs/DESIGN.md, Lifecycle). core/unit.c loads the state under a
 * row lock, asks these functions, and writes what they allow. */
#ifndef STN_CORE_RULES_H
#define STN_CORE_RULES_H

#include <stdint.h>

#include "core/ident.h"
#include "core/reason.h"

#define CORE_MAX_PROCESSES 32
#define CORE_MAX_DEFECTS 16
#define CORE_MAX_FIELDS 16
#define CORE_MAX_ATTEMPTS 64
#define CORE_REWORK_CEILING 3 /* serials.rework_count CHECK 0..3 */

enum core_ptype { CORE_PT_MANUFACTURING, CORE_PT_SERIAL_CONVERSION, CORE_PT_SERIAL };
enum core_field_type { CORE_FT_NUMBER, CORE_FT_PASSFAIL, CORE_FT_TEXT, CORE_FT_LOT };
enum core_role { CORE_ROLE_OPERATOR, CORE_ROLE_MANAGER, CORE_ROLE_ADMIN };

struct core_field {
    char code[41];
    char label_ko[81];
    char label_en[81];
    enum core_field_type type;
    char unit[17];
    double min, max;
    int has_min, has_max;
    int required;
    char defect[41];
    char prefix[21]; /* lot fields: expected start, e.g. SPRING- */
};

struct core_process {
    int64_t id;
    int number;
    char code[51];
    char name_ko[101];
    char name_en[101];
    enum core_ptype type;
    int active;
    int reworkable;
    int auto_print_label;
    int criteria_version; /* of the fields below; each completion records it (0: unknown) */
    char defects[CORE_MAX_DEFECTS][41];
    int n_defects;
    struct core_field fields[CORE_MAX_FIELDS];
    int n_fields;
};

/* The routing as the database holds it, with what is derived from it. */
struct core_routing {
    struct core_process p[CORE_MAX_PROCESSES];
    int n;            /* sorted by number */
    int conv_number;  /* the converting process, 0 when none */
    int first_number; /* the process that creates the WIP */
    int max_rework;
};

enum core_phase { CORE_PHASE_NONE, CORE_PHASE_WIP, CORE_PHASE_CONVERT, CORE_PHASE_SERIAL };

enum core_result { CORE_RES_OPEN, CORE_RES_PASS, CORE_RES_FAIL };
enum core_decision { CORE_DEC_NONE, CORE_DEC_REWORK, CORE_DEC_SCRAP };

struct core_attempt {
    int64_t id;
    int on_serial; /* 1: process_data row (serial phase), 0: wip_process_history */
    int process;   /* number */
    enum core_result result;
    int is_rework;
    char started_at[32];
    char completed_at[32];
    char station_id[33];
    char operator_name[101];
    char defect[41];
    enum core_decision decision;
    char decided_by[101];
    char decision_reason[121];
};

enum core_unit_status {
    CORE_US_CREATED,
    CORE_US_IN_PROGRESS,
    CORE_US_COMPLETED,
    CORE_US_CONVERTED,
    CORE_US_SCRAPPED
};
enum core_serial_status {
    CORE_SS_NONE,
    CORE_SS_CREATED,
    CORE_SS_IN_PROGRESS,
    CORE_SS_PASSED,
    CORE_SS_FAILED,
    CORE_SS_SCRAPPED
};
enum core_lot_status { CORE_LS_CREATED, CORE_LS_IN_PROGRESS, CORE_LS_COMPLETED, CORE_LS_CLOSED };

/* A quarantine hold of the unit or of its lot (CMD:HOLD): its next start is refused until a
 * supervisor releases it. Not the hold after a FAIL, which waits for a disposition. */
struct core_hold {
    int active;
    int on_lot; /* the lot is held, not the unit alone */
    char reason[201];
    char by[101]; /* who held it */
    char at[20];  /* YYYY-MM-DD HH:MM */
};

struct core_unit {
    int64_t wip_pk, lot_pk, serial_pk;
    char wip_id[CORE_WIP_LEN + 1];
    char lot_number[51];
    int seq;
    enum core_unit_status status;
    enum core_lot_status lot_status;
    char serial_number[51];
    enum core_serial_status serial_status;
    int serial_rework_count;
    char model_code[21];
    char model_name[101];
    char production_date[11];
    int label_printed; /* a SERIAL label print job completed */
    struct core_hold hold;
    struct core_attempt att[CORE_MAX_ATTEMPTS];
    int n_att; /* oldest first */
};

/* Who acts, where. */
struct core_actor {
    int64_t user_id;
    enum core_role role;
    char name[101];
    char station_id[33];
    int process;          /* the station's process number */
    int64_t equipment_id; /* 0 = none */
};

/* What a scan of this unit means at this station. */
enum core_action {
    CORE_ACT_NONE,        /* refused (see the refusal) or nothing to do */
    CORE_ACT_START,       /* start an attempt (is_rework says whether it is one) */
    CORE_ACT_COMPLETE,    /* the station's open attempt: complete PASS/FAIL */
    CORE_ACT_CONVERT,     /* process 7: convert to serial */
    CORE_ACT_VERIFY,      /* process 7: scan the printed label back */
    CORE_ACT_DISPOSITION, /* on hold after a FAIL: supervisor REWORK/SCRAP */
};

struct core_next {
    enum core_action action;
    int is_rework;
    int hold_process; /* DISPOSITION: the failed process */
    int rework_allowed;
    struct core_refusal why; /* when action == NONE, or a warning */
};

/* Routing helpers. */
const struct core_process *core_routing_find(const struct core_routing *r, int number);
enum core_phase core_routing_phase(const struct core_routing *r, int number);
/* The active process before number (0 when number is the first). */
int core_routing_prev(const struct core_routing *r, int number);
/* Fills the derived members after p[] and n are loaded. */
/* Copies the header and the n processes in use (not the whole table). */
void core_routing_copy(struct core_routing *dst, const struct core_routing *src);
void core_routing_derive(struct core_routing *r);
int core_process_has_defect(const struct core_process *p, const char *code);

/* Unit helpers. */
const struct core_attempt *core_unit_latest(const struct core_unit *u, int process);
const struct core_attempt *core_unit_open(const struct core_unit *u);
/* The FAIL attempt without a decision, or NULL. */
const struct core_attempt *core_unit_on_hold(const struct core_unit *u);
int core_unit_passed(const struct core_unit *u, int process);
int core_unit_rework_count(const struct core_unit *u);

/* The rules. Each returns 1 when allowed, else 0 with why filled. */
int core_rule_next(const struct core_routing *r, const struct core_unit *u,
                   const struct core_actor *a, struct core_next *out);
int core_rule_start(const struct core_routing *r, const struct core_unit *u,
                    const struct core_actor *a, int *is_rework, struct core_refusal *why);
int core_rule_complete(const struct core_routing *r, const struct core_unit *u,
                       const struct core_actor *a, enum core_result res, const char *defect,
                       struct core_refusal *why);
int core_rule_convert(const struct core_routing *r, const struct core_unit *u,
                      const struct core_actor *a, struct core_refusal *why);
int core_rule_disposition(const struct core_routing *r, const struct core_unit *u,
                          const struct core_actor *approver, enum core_decision d,
                          const char *reason, struct core_refusal *why);
int core_rule_reprint(const struct core_actor *a, const char *reason, struct core_refusal *why);
/* Holding or releasing a unit or lot (CMD:HOLD, CMD:RELEASE): a MANAGER or ADMIN, with a
 * reason; the database checks the rest under its locks. */
int core_rule_hold(const struct core_actor *approver, const char *reason, struct core_refusal *why);
/* The refusal a held unit gets (R_HELD or R_LOT_HELD); 0 when it is not held. */
int core_hold_refusal(const struct core_unit *u, struct core_refusal *why);

/* Measurement forms. values[i] is the text typed or scanned for
 * fields[i] ("" = empty). Proposes PASS or FAIL (with the defect of the first field
 * out of spec); refuses invalid values. Returns 1 when the values are acceptable. */
struct core_judgement {
    enum core_result proposal;
    char defect[41];
    int bad_field; /* index of the first out-of-spec or invalid field, -1 */
};
int core_form_judge(const struct core_process *p, const char *const *values,
                    struct core_judgement *out, struct core_refusal *why);
/* Parses a number field: plain decimal, optional sign, at most 15 significant chars. */
int core_parse_number(const char *s, double *out);

const char *core_role_name(enum core_role role);
int core_role_parse(const char *s, enum core_role *out);
const char *core_unit_status_name(enum core_unit_status s);
const char *core_serial_status_name(enum core_serial_status s);
const char *core_lot_status_name(enum core_lot_status s);
/* The database's text of a lot status; anything unknown reads as CREATED. */
enum core_lot_status core_lot_status_parse(const char *s);

#endif
