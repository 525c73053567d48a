/* tui/reasons.h — a refusal in words (docs/DESIGN.md, Words). Core gives the reason code
 * and its arguments; here each code has its English template, a gettext msgid whose
 * Korean is in po/ko.po. Curses-free, so that the command line, the tests and the tools
 * can say a refusal in English too (tests/check-layering.sh keeps it so). */
#ifndef STN_TUI_REASONS_H
#define STN_TUI_REASONS_H

#include <stddef.h>

#include "core/reason.h"

/* Room for any refusal: the longest template and three full arguments. */
#define TUI_REASON_LEN 640

/* Writes the words of why into buf (len bytes) and returns buf: the template in English
 * (ko 0, no catalogue needed) or translated (ko 1: gettext, as tui_i18n_init set it up),
 * then {n}, {a}, {b}, {c} filled in, so that a translation may reorder or drop them.
 * A text that does not fit is cut at a character. */
char *tui_reason_text(const struct core_refusal *why, int ko, char *buf, size_t len);

/* The English template of a code (the msgid), NULL out of range: for tests. */
const char *tui_reason_template(enum core_reason code);

#endif
