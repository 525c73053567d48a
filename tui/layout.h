/* tui/layout.h — display-width helpers, pure (no curses): text is UTF-8 and is cut and
 * padded by terminal columns (wcwidth), never by bytes, never inside a wide glyph. */
#ifndef STN_TUI_LAYOUT_H
#define STN_TUI_LAYOUT_H

#include <stddef.h>

#include "core/rules.h"

#define TUI_WRAP_LEN 512 /* bytes per wrapped line */

/* Columns src takes (unprintable characters count as one: they are shown as '?'). */
int tui_text_width(const char *src);

/* Copies into dst (size n) the longest prefix of src that fits in cols columns; with
 * pad, fills up to exactly cols with spaces (also when a wide glyph does not fit).
 * ascii replaces every non-ASCII character by '?' (terminals without UTF-8).
 * Control characters become '?'. Returns the columns written. */
int tui_fit(char *dst, size_t n, const char *src, int cols, int pad, int ascii);

/* Same, keeping the end of src and starting with "<" when it had to cut (an input line
 * longer than its field). */
int tui_fit_tail(char *dst, size_t n, const char *src, int cols, int ascii);

/* Word-wraps src into at most max lines of cols columns (long words are broken at
 * glyph boundaries). Returns the number of lines. */
int tui_wrap(const char *src, int cols, char (*lines)[TUI_WRAP_LEN], int max, int ascii);

/* Compact history of a unit's processes: "1✓ 2✓ 3✗ 4▶ 5· ..." (ascii: "1+ 2+ 3x 4> 5.").
 * The marks follow the latest attempt of each active process. */
void tui_history(const struct core_routing *r, const struct core_unit *u, int ascii, char *buf,
                 size_t n);

/* A bar of cols cells, filled num/den ("█████░░░" or "#####..."). */
void tui_bar(char *buf, size_t n, int cols, int num, int den, int ascii);

#endif
