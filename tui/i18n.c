/* tui/i18n.c — gettext set-up and the language decision (see tui/i18n.h). */
#include "tui/i18n.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define DOMAIN "wipstation"

static int mentions_utf8(const char *s)
{
    return s &&
           (strstr(s, "UTF-8") || strstr(s, "utf8") || strstr(s, "UTF8") || strstr(s, "utf-8"));
}

void tui_locale_init(void)
{
    if (setlocale(LC_ALL, "") == NULL) {
        const char *env = getenv("LC_ALL");
        if (!env || !*env)
            env = getenv("LC_CTYPE");
        if (!env || !*env)
            env = getenv("LANG");
        if (!mentions_utf8(env) || setlocale(LC_ALL, "C.UTF-8") == NULL)
            setlocale(LC_ALL, "C");
    }
    /* numbers are typed and stored with a decimal point whatever the locale says
     * (core parses measurements with strtod and writes JSON with printf) */
    setlocale(LC_NUMERIC, "C");
}

/* First non-empty of LANGUAGE, LC_ALL, LC_MESSAGES, LANG starts with "ko". */
static int env_wants_korean(void)
{
    static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return !strncmp(v, "ko", 2);
    }
    return 0;
}

static int term_draws_hangul(const char *term)
{
    if (!term || !*term)
        return 1;
    return strcmp(term, "linux") && strncmp(term, "linux-", 6) && strncmp(term, "vt", 2) &&
           strcmp(term, "dumb") && strncmp(term, "cons", 4);
}

void tui_i18n_init(enum core_lang lang, const char *term, int *ko, int *ascii)
{
    int utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
    int want = lang == CORE_LANG_KO || (lang == CORE_LANG_AUTO && env_wants_korean());
    const char *dir = getenv("WIPSTATION_LOCALEDIR");

    *ascii = !utf8 || !term_draws_hangul(term);
    *ko = want && !*ascii;
    if (!*ko)
        return;
    setenv("LANGUAGE", "ko", 1); /* the configuration wins over the environment */
    bindtextdomain(DOMAIN, dir && *dir ? dir : STN_LOCALEDIR);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
}

/* English screens leave gettext's text domain at its default, which holds none of these
 * ids: the id is the text, without a catalogue lookup. */
const char *tui_tr(const char *msgid)
{
    return strcmp(textdomain(NULL), DOMAIN) ? msgid : dgettext(DOMAIN, msgid);
}
