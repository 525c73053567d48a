/* tui/i18n.h — language of the screens (gettext, text domain "wipstation").
 * Message ids are English; po/ko.po holds the Korean. Korean needs a UTF-8 locale
 * and a terminal that draws Hangul (not TERM=linux or a VT): otherwise English. */
#ifndef STN_TUI_I18N_H
#define STN_TUI_I18N_H

#include "core/cfg.h"

/* setlocale(LC_ALL, ""), falling back to C.UTF-8 when the environment names a UTF-8
 * locale that is not installed. Call before anything else that prints. */
void tui_locale_init(void);

/* Chooses the language and whether the terminal can draw non-ASCII from the
 * configuration, the locale and TERM: *ko 1 for Korean screens (core's refusals in Korean
 * too), *ascii 1 to draw ASCII only (no UTF-8 locale, or TERM=linux/vt*). For Korean it
 * binds the catalogue (WIPSTATION_LOCALEDIR when set, else STN_LOCALEDIR) and makes it
 * gettext's text domain, which is what tui_tr follows. */
void tui_i18n_init(enum core_lang lang, const char *term, int *ko, int *ascii);

/* The translation of an English message id (the id itself in English). gettext keeps
 * the choice tui_i18n_init made, so that _() needs no context where it is used. */
const char *tui_tr(const char *msgid) __attribute__((format_arg(1)));

/* gettext's conventional markers (xgettext -k_ -kN_). */
#define _(s) tui_tr(s)
#define N_(s) s

#endif
