/* base/status.c — result codes and the error record. */
#include "base/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STN_CODE_TEXT(name, text) text,
static const char *const code_text[] = { STN_CODES(STN_CODE_TEXT) };
#undef STN_CODE_TEXT

const char *stn_code_str(enum stn_code code)
{
    if ((unsigned)code >= STN_CODE_COUNT)
        return "unknown error";
    return code_text[code];
}

enum stn_code stn_err_set(struct stn_err *err, enum stn_code code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->sqlstate[0] = '\0';
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void stn_err_clear(struct stn_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}
