/* core/status.h — result codes shared by every module (no dependencies). */
#ifndef STN_CORE_STATUS_H
#define STN_CORE_STATUS_H

#include <stddef.h>

/* X(name, text): one line per code. */
#define STN_CODES(X)                                                     \
    X(STN_OK, "ok")                                                      \
    X(STN_E_USAGE, "usage error")                                        \
    X(STN_E_CONFIG, "configuration error")                               \
    X(STN_E_IO, "input/output error")                                    \
    X(STN_E_INPUT, "input rejected")                                     \
    X(STN_E_NOT_FOUND, "not found")                                      \
    X(STN_E_RULE, "refused by a rule")                                   \
    X(STN_E_AUTH, "authentication failed")                               \
    X(STN_E_LOCKED, "badge locked")                                      \
    X(STN_E_DUPLICATE, "duplicate")                                      \
    X(STN_E_DB_CONN, "database connection lost")                         \
    X(STN_E_DB_BUSY, "database busy, not recorded")                      \
    X(STN_E_DB, "database error")                                        \
    X(STN_E_SCHEMA, "database schema is not at the expected version")    \
    X(STN_E_PRINT, "printing failed")

#define STN_CODE_ENUM(name, text) name,
enum stn_code { STN_CODES(STN_CODE_ENUM) STN_CODE_COUNT };
#undef STN_CODE_ENUM

struct stn_err {
    enum stn_code code;
    char sqlstate[6];
    char msg[200];
};

const char *stn_code_str(enum stn_code code);

/* Fills err (when not NULL) and returns code. printf-style message. */
enum stn_code stn_err_set(struct stn_err *err, enum stn_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void stn_err_clear(struct stn_err *err);

#endif
