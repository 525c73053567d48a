/* core/reason.h — why a scan or action was refused: a reason code and its arguments.
 * Core says which rule refused and with what; the terminal says it in words (tui/reasons.h,
 * docs/DESIGN.md, Words). The stable names ("R_ON_HOLD") are for logs and tests. */
#ifndef STN_CORE_REASON_H
#define STN_CORE_REASON_H

#include <stddef.h>

#include "base/status.h"

#define CORE_REASONS(X)    \
    X(R_OK)                \
    X(R_BAD_SCAN)          \
    X(R_UNKNOWN_ID)        \
    X(R_WRONG_KIND)        \
    X(R_SCRAPPED)          \
    X(R_CONVERTED)         \
    X(R_LOT_CLOSED)        \
    X(R_OPEN_ELSEWHERE)    \
    X(R_ALREADY_PASSED)    \
    X(R_PREV_NOT_PASSED)   \
    X(R_ON_HOLD)           \
    X(R_PROCESS_INACTIVE)  \
    X(R_NOT_STARTED)       \
    X(R_ALREADY_COMPLETED) \
    X(R_DEFECT_REQUIRED)   \
    X(R_DEFECT_UNKNOWN)    \
    X(R_FIELD_REQUIRED)    \
    X(R_FIELD_INVALID)     \
    X(R_NOT_COMPLETED)     \
    X(R_ROLE)              \
    X(R_NOT_ON_HOLD)       \
    X(R_NOT_REWORKABLE)    \
    X(R_REWORK_LIMIT)      \
    X(R_REASON_REQUIRED)   \
    X(R_REASON_INVALID)    \
    X(R_RESULT_INVALID)    \
    X(R_DECISION_INVALID)  \
    X(R_NOTES_INVALID)     \
    X(R_LABEL_MISMATCH)    \
    X(R_LABEL_NOT_PRINTED) \
    X(R_LOT_FULL)          \
    X(R_NO_LOT)            \
    X(R_LOT_NOT_DONE)      \
    X(R_QUANTITY_RANGE)    \
    X(R_LOT_ARGS_INVALID)  \
    X(R_LOT_SEQUENCE_FULL) \
    X(R_HELD)              \
    X(R_LOT_HELD)          \
    X(R_ALREADY_HELD)      \
    X(R_NOT_HELD)          \
    X(R_HELD_WITH_LOT)     \
    X(R_BADGE_UNKNOWN)     \
    X(R_BAD_PIN)           \
    X(R_BADGE_LOCKED)      \
    X(R_ADMIN_ONLY)        \
    X(R_PIN_ADMIN_ONLY)    \
    X(R_PIN_INVALID)       \
    X(R_NOT_RECORDED)      \
    X(R_UNKNOWN_OUTCOME)   \
    X(R_BUSY)              \
    X(R_DB_ERROR)          \
    X(R_RIG_OTHER_PROCESS) \
    X(R_RIG_KEY_REUSED)    \
    X(R_RIG_NOT_HERE)      \
    X(R_RIG_JUDGED_FAIL)   \
    X(R_INTERNAL)

#define CORE_REASON_ENUM(code) CORE_##code,
enum core_reason { CORE_REASONS(CORE_REASON_ENUM) CORE_REASON_COUNT };
#undef CORE_REASON_ENUM

/* Bytes of one text argument, its NUL included: longer texts are cut at a character. */
#define CORE_REFUSAL_ARG 160

/* A refusal: the reason and what it names. n is a process number or a count; a, b, c are
 * texts (a unit, a station, a time, a process's English and Korean names ...), always
 * printable UTF-8 (core_refuse cleans them), "" when not given. */
struct core_refusal {
    enum core_reason code;
    int n;
    char a[CORE_REFUSAL_ARG];
    char b[CORE_REFUSAL_ARG];
    char c[CORE_REFUSAL_ARG];
};

/* Fills why (NULL allowed: nothing happens); any text may be NULL (""). A code out of
 * range is a broken caller and becomes R_INTERNAL. */
void core_refuse(struct core_refusal *why, enum core_reason code, int n, const char *a,
                 const char *b, const char *c);
const char *core_reason_name(enum core_reason code); /* "R_ON_HOLD"; "R_?" out of range */

/* Appends the n bytes of src to dst at *o (dst holds len bytes) and moves *o on: whole
 * characters only, and every byte that is not printable UTF-8 (control characters,
 * escape sequences, invalid sequences) becomes '?'. Keeps dst NUL-terminated. Returns 1
 * when src did not fit (what fitted is there), 0 otherwise. */
int core_text_put(char *dst, size_t len, size_t *o, const char *src, size_t n);

/* The refusal for a database error code: R_BUSY (busy, scan again), R_UNKNOWN_OUTCOME
 * (the connection was lost after COMMIT was sent: commit_sent), R_NOT_RECORDED (lost
 * before), R_DB_ERROR (anything else). what names the unit or badge. */
void core_refuse_db(struct core_refusal *why, enum stn_code code, int commit_sent,
                    const char *what);

#endif
