/* core/reason.c — refusal messages. */
#include "core/reason.h"

#include <stdio.h>
#include <string.h>

#include "core/ident.h"

struct tmpl {
    const char *name, *en, *ko;
};

#define CORE_REASON_ROW(code, en, ko) { #code, en, ko },
static const struct tmpl tmpls[] = { CORE_REASONS(CORE_REASON_ROW) };
#undef CORE_REASON_ROW

/* Length of buf[0..o) without a trailing incomplete UTF-8 sequence. */
static size_t utf8_complete_len(const char *buf, size_t o)
{
    size_t i = o;
    size_t need;
    unsigned char lead;

    while (i > 0 && o - i < 4 && ((unsigned char)buf[i - 1] & 0xc0) == 0x80)
        i--;
    if (i == 0)
        return o;
    lead = (unsigned char)buf[i - 1];
    if (lead < 0x80)
        return o;
    need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    return (o - (i - 1) < need) ? i - 1 : o;
}

/* Appends the text sub at out[*o] (len bytes in all), whole characters only; bytes
 * that are no printable UTF-8 (control characters, escape sequences, invalid
 * sequences) become '?'. Returns 1 when sub did not fit. */
static int put_arg(char *out, size_t len, size_t *o, const char *sub)
{
    size_t n = strlen(sub);

    for (size_t i = 0; i < n;) {
        size_t l = core_utf8_char(sub + i, n - i);
        const char *src = l ? sub + i : "?";
        size_t w = l ? l : 1;
        if (*o + w > len - 1)
            return 1;
        memcpy(out + *o, src, w);
        *o += w;
        i += w;
    }
    return 0;
}

static void expand(char *out, size_t len, const char *t, int n, const char *a, const char *b,
                   const char *c)
{
    size_t o = 0;
    int cut = 0;
    char num[16];

    snprintf(num, sizeof num, "%d", n);
    while (*t && !cut) {
        const char *sub = NULL;
        if (t[0] == '{' && t[1] && t[2] == '}') {
            switch (t[1]) {
            case 'n': sub = num; break;
            case 'a': sub = a ? a : ""; break;
            case 'b': sub = b ? b : ""; break;
            case 'c': sub = c ? c : ""; break;
            default: break;
            }
        }
        if (sub) {
            cut = put_arg(out, len, &o, sub);
            t += 3;
        } else if (o + 1 < len) {
            out[o++] = *t++;
        } else {
            cut = 1;
        }
    }
    if (cut)
        o = utf8_complete_len(out, o);
    out[o] = '\0';
}

void core_refuse(struct core_refusal *why, enum core_reason code, int n, const char *a,
                 const char *b, const char *c)
{
    if (!why)
        return;
    if ((unsigned)code >= CORE_REASON_COUNT)
        code = CORE_R_BAD_INPUT;
    why->code = code;
    expand(why->en, sizeof why->en, tmpls[code].en, n, a, b, c);
    expand(why->ko, sizeof why->ko, tmpls[code].ko, n, a, b, c);
}

const char *core_reason_name(enum core_reason code)
{
    if ((unsigned)code >= CORE_REASON_COUNT)
        return "R_?";
    return tmpls[code].name;
}

const char *core_refusal_text(const struct core_refusal *why, int ko)
{
    return ko ? why->ko : why->en;
}

void core_refuse_db(struct core_refusal *why, enum stn_code code, int commit_sent,
                    const char *what)
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
