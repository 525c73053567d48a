/* core/reason.c — refusals: a code and its cleaned arguments. */
#include "core/reason.h"

#include <string.h>

#include "core/ident.h"

#define CORE_REASON_NAME(code) #code,
static const char *const names[] = { CORE_REASONS(CORE_REASON_NAME) };
#undef CORE_REASON_NAME

int core_text_put(char *dst, size_t len, size_t *o, const char *src, size_t n)
{
    int cut = 0;

    if (len == 0)
        return 1;
    for (size_t i = 0; i < n;) {
        size_t l = core_utf8_char(src + i, n - i);
        const char *from = l ? src + i : "?";
        size_t w = l ? l : 1;
        if (*o + w > len - 1) {
            cut = 1;
            break;
        }
        memcpy(dst + *o, from, w);
        *o += w;
        i += w;
    }
    dst[*o] = '\0';
    return cut;
}

static void put(char *dst, const char *src)
{
    size_t o = 0;
    core_text_put(dst, CORE_REFUSAL_ARG, &o, src ? src : "", src ? strlen(src) : 0);
}

void core_refuse(struct core_refusal *why, enum core_reason code, int n, const char *a,
                 const char *b, const char *c)
{
    if (!why)
        return;
    if ((unsigned)code >= CORE_REASON_COUNT)
        code = CORE_R_INTERNAL;
    why->code = code;
    why->n = n;
    put(why->a, a);
    put(why->b, b);
    put(why->c, c);
}

const char *core_reason_name(enum core_reason code)
{
    if ((unsigned)code >= CORE_REASON_COUNT)
        return "R_?";
    return names[code];
}

void core_refuse_db(struct core_refusal *why, enum stn_code code, int commit_sent, const char *what)
{
    if (code == STN_E_DB_BUSY)
        core_refuse(why, CORE_R_BUSY, 0, what, NULL, NULL);
    else if (code == STN_E_DB_CONN && commit_sent)
        core_refuse(why, CORE_R_UNKNOWN_OUTCOME, 0, what, NULL, NULL);
    else if (code != STN_E_DB_CONN)
        core_refuse(why, CORE_R_DB_ERROR, 0, what, NULL, NULL);
    else
        core_refuse(why, CORE_R_NOT_RECORDED, 0, what, NULL, NULL);
}
