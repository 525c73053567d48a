/* core/ident.h — identifiers (lot, WIP ID, serial, badge, command) and the
 * classification of a scan. Pure. */
#ifndef STN_CORE_IDENT_H
#define STN_CORE_IDENT_H

#include <stddef.h>

#define CORE_LOT_LEN 14    /* KR01PSA2511001 */
#define CORE_WIP_LEN 20    /* KR01PSA2511001-W0001 */
#define CORE_SERIAL_LEN 18 /* KR01PSA25110010001 */
#define CORE_SCAN_MAX 128  /* longest scan accepted, bytes */

enum core_scan_kind {
    CORE_SCAN_INVALID = 0,
    CORE_SCAN_LOT,
    CORE_SCAN_WIP,
    CORE_SCAN_SERIAL,
    CORE_SCAN_BADGE,
    CORE_SCAN_COMMAND,
};

/* Several entries a line: the formatter would put the first alone and stair-step the
 * rest, as it reads the list as one expression. */
/* clang-format off */
#define CORE_COMMANDS(X)                                                  \
    X(PASS) X(FAIL) X(OK) X(CANCEL) X(NEW) X(REWORK) X(SCRAP) X(REPRINT)  \
    X(TRACE) X(BOARD) X(LOGOUT) X(DEFECT) X(MENU) X(LOT) X(BATCH) X(CLOSE)  \
    X(YES) X(NO) X(NEXT) X(PREV) X(HOLD) X(RELEASE)
/* clang-format on */

#define CORE_CMD_ENUM(name) CORE_CMD_##name,
enum core_cmd { CORE_CMD_NONE = 0, CORE_COMMANDS(CORE_CMD_ENUM) CORE_CMD_COUNT };
#undef CORE_CMD_ENUM

struct core_lot_no {
    char line[5];  /* KR01 */
    char model[4]; /* PSA */
    int yy, mm;
    int seq; /* 1..999 */
};

struct core_scan {
    enum core_scan_kind kind;
    char text[CORE_SCAN_MAX + 1]; /* the cleaned scan */
    struct core_lot_no lot;       /* LOT, WIP, SERIAL */
    char lot_number[CORE_LOT_LEN + 1];
    int seq;           /* WIP/serial sequence in lot */
    enum core_cmd cmd; /* COMMAND */
    char arg[64];      /* CMD:DEFECT:<code> → code */
};

enum core_scan_why {
    CORE_SCAN_WHY_OK = 0,
    CORE_SCAN_WHY_EMPTY,
    CORE_SCAN_WHY_TOO_LONG,
    CORE_SCAN_WHY_CONTROL, /* control character or escape sequence */
    CORE_SCAN_WHY_UTF8,    /* invalid UTF-8 */
    CORE_SCAN_WHY_UNKNOWN, /* well-formed text that is no identifier we know */
    CORE_SCAN_WHY_BAD_LOT, /* looks like a LOT/WIP/serial but a part is wrong */
    CORE_SCAN_WHY_BAD_CMD, /* CMD: with an unknown word */
};

/* Strips an AIM symbology identifier (]Xn) when strip_aim, then prefix, then
 * classifies. raw is len bytes (need not be NUL-terminated). Never reads past
 * len; the result is complete even when it refuses. */
enum core_scan_why core_scan_parse(const char *raw, size_t len, const char *prefix, int strip_aim,
                                   struct core_scan *out);

/* English text of a refusal reason, e.g. for a log. */
const char *core_scan_why_str(enum core_scan_why why);

const char *core_cmd_name(enum core_cmd cmd); /* "PASS" */
enum core_cmd core_cmd_from_name(const char *word);

/* Parses a 14-character LOT number; 0 on success. */
int core_lot_parse(const char *s, struct core_lot_no *out);

/* Formatting. Buffers must hold the *_LEN + 1 bytes. */
void core_lot_format(char *buf, const char *line, const char *model, int yy, int mm, int seq);
void core_wip_format(char *buf, const char *lot_number, int seq);
void core_serial_format(char *buf, const char *lot_number, int seq);

/* Checks a badge code: 1..32 of [A-Z0-9-_.], first char alphanumeric. */
int core_badge_valid(const char *s);

/* Defect codes: [A-Z][A-Z0-9_]{1,39}. */
int core_defect_code_valid(const char *s);

/* Length of the printable UTF-8 character at s (at most n bytes, n > 0); 0 when
 * the sequence is invalid or cut, or is a control character (C0, DEL, C1). */
size_t core_utf8_char(const char *s, size_t n);

/* 1 when s is valid UTF-8 without control characters (C0, DEL, C1). */
int core_utf8_clean(const char *s);

#endif
