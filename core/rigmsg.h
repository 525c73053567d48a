/* core/rigmsg.h — a test rig's message (docs/DESIGN.md, Rigs): START or COMPLETE of one
 * unit at the station's process, with the rig's measurements, decoded strictly from the
 * rig's JSON (json-c). The rig names only the unit, its verdict and its readings; the
 * station adds who, where and when, and judges the readings itself (core/rig.h). Pure:
 * no I/O, no database. */
#ifndef STN_CORE_RIGMSG_H
#define STN_CORE_RIGMSG_H

#include <stddef.h>

#include "base/status.h"
#include "core/ident.h"

#define CORE_RIG_MAX_ITEMS 64
#define CORE_RIG_MAX_READINGS 32
#define CORE_RIG_MAX_DEFECTS 16
#define CORE_RIG_ID_LEN 64    /* a rig's msg_id, bytes */
#define CORE_RIG_TEXT_LEN 100 /* a string value (text and lot fields), bytes */

enum core_rig_type { CORE_RIG_START = 1, CORE_RIG_COMPLETE };
enum core_rig_verdict { CORE_RIG_NONE = 0, CORE_RIG_PASS, CORE_RIG_FAIL };

/* One reading of an item: one step of the test (e.g. one temperature). */
struct core_rig_reading {
    double value;
    char step[41]; /* the step's name, "" when not given */
    char unit[17];
    enum core_rig_verdict result; /* the rig's verdict on this reading, NONE when not given */
};

struct core_rig_item {
    char code[41]; /* matched to a field of the process's criteria */
    char name[81];
    int has_value;
    int is_text; /* the value was a JSON string (text and lot fields), else a number */
    double value;
    char text[CORE_RIG_TEXT_LEN + 1];
    char unit[17];
    int has_min, has_max, has_target; /* the rig's spec */
    double min, max, target;
    enum core_rig_verdict result;      /* the rig's verdict on the item, NONE when not given */
    struct core_rig_reading *readings; /* owned */
    int n_readings;
};

struct core_rig_defect {
    char code[41];
    char reason[201];
};

struct core_rig_msg {
    enum core_rig_type type;
    char msg_id[CORE_RIG_ID_LEN + 1]; /* "" when the rig sent none */
    struct core_scan unit;            /* a WIP ID or a serial, upper-cased and classified */
    int process;                      /* the process the rig names, 0 when it names none */
    enum core_rig_verdict result;     /* COMPLETE: PASS or FAIL; START: NONE */
    struct core_rig_item *items;      /* owned; COMPLETE only */
    int n_items;
    struct core_rig_defect defects[CORE_RIG_MAX_DEFECTS];
    int n_defects;
};

/* Why a message was refused before any rule looked at it. */
enum core_rig_fault {
    CORE_RIG_FAULT_NONE,
    CORE_RIG_BAD_JSON,  /* not UTF-8, not JSON, not one object */
    CORE_RIG_BAD_FIELD, /* a field missing, of the wrong type or with a value not allowed */
};

/* Decoding flags. */
#define CORE_RIG_FROM_FILE \
    1u /* a drop-folder file: no message_type means COMPLETE, as the
                               * original file format (which has none) meant */

/* Decodes len bytes (need not be NUL-terminated; a leading UTF-8 BOM is skipped). Strict:
 * message_type START or COMPLETE (any case), result PASS or FAIL, values JSON numbers
 * (strings only where a text or lot field takes them), every string clean UTF-8; unknown
 * keys are ignored. Returns STN_OK, or STN_E_INPUT with *fault set and err->msg naming
 * the field ("measurements[2].value: a number is required"). *out is always initialised
 * and must be released with core_rig_msg_fini. */
enum stn_code core_rig_decode(const char *text, size_t len, unsigned flags,
                              struct core_rig_msg *out, enum core_rig_fault *fault,
                              struct stn_err *err);
void core_rig_msg_fini(struct core_rig_msg *m);

/* The message's content in one canonical form: fixed key order, no whitespace, numbers
 * printed exactly. Two messages that mean the same give the same text, however the rig
 * spaced or ordered them; a message without msg_id is known by this text's digest. The
 * caller frees it. */
char *core_rig_canonical(const struct core_rig_msg *m);

const char *core_rig_type_name(enum core_rig_type t);       /* "START", "COMPLETE" */
const char *core_rig_verdict_name(enum core_rig_verdict v); /* "PASS", "FAIL", "" */

#endif
