/* base/status.h — the error contract of every module: a function that can fail returns
 * an enum stn_code and, when the caller passes one, fills a struct stn_err with the same
 * code and a message a person can act on. No dependencies: core, print, tui and the
 * command line all speak it. */
#ifndef STN_BASE_STATUS_H
#define STN_BASE_STATUS_H

#include <stddef.h>

/* X(name, text): one line per code. */
#define STN_CODES(X)                                                  \
    X(STN_OK, "ok")                                                   \
    X(STN_E_USAGE, "usage error")                                     \
    X(STN_E_CONFIG, "configuration error")                            \
    X(STN_E_IO, "input/output error")                                 \
    X(STN_E_INPUT, "input rejected")                                  \
    X(STN_E_NOT_FOUND, "not found")                                   \
    X(STN_E_RULE, "refused by a rule")                                \
    X(STN_E_AUTH, "authentication failed")                            \
    X(STN_E_LOCKED, "badge locked")                                   \
    X(STN_E_DUPLICATE, "duplicate")                                   \
    X(STN_E_DB_CONN, "database connection lost")                      \
    X(STN_E_DB_BUSY, "database busy, not recorded")                   \
    X(STN_E_DB, "database error")                                     \
    X(STN_E_SCHEMA, "database schema is not at the expected version") \
    X(STN_E_PRINT, "printing failed")

#define STN_CODE_ENUM(name, text) name,
enum stn_code { STN_CODES(STN_CODE_ENUM) STN_CODE_COUNT };
#undef STN_CODE_ENUM

/* One line: long enough for a CUPS reason or a template's "file:line: what". */
#define STN_ERR_MSG_LEN 256

struct stn_err {
    enum stn_code code;
    char sqlstate[6]; /* the server's SQLSTATE for database errors, else "" */
    char msg[STN_ERR_MSG_LEN];
};

const char *stn_code_str(enum stn_code code);

/* Fills err (when not NULL) and returns code. printf-style message. */
enum stn_code stn_err_set(struct stn_err *err, enum stn_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void stn_err_clear(struct stn_err *err);

#endif
