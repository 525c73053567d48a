/* tests/unit/assert_text.h — text assertions shared by the unit and database tests (include
 * after <cmocka.h>), and the words of refusals (tui/reasons.h, linked in by the Makefile).
 * Independent of core's own UTF-8 code, so they can catch its mistakes. */
#ifndef STN_TESTS_UNIT_ASSERT_TEXT_H
#define STN_TESTS_UNIT_ASSERT_TEXT_H

#include <locale.h>
#include <string.h>

#include "core/reason.h"
#include "tui/i18n.h"
#include "tui/reasons.h"

static inline void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        print_error("'%s' does not contain '%s'\n", hay, needle);
    assert_non_null(strstr(hay, needle));
}

/* Bytes after a UTF-8 lead byte: 0 for ASCII, -1 when c cannot start a character. */
static inline int utf8_tail(unsigned char c)
{
    if (c < 0x80)
        return 0;
    if (c >= 0xc2 && c <= 0xdf)
        return 1;
    if (c >= 0xe0 && c <= 0xef)
        return 2;
    if (c >= 0xf0 && c <= 0xf4)
        return 3;
    return -1;
}

/* 1 when str is well-formed UTF-8 (enough to catch a cut character). */
static inline int utf8_ok(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        int n = utf8_tail(*s++);
        if (n < 0)
            return 0;
        for (int i = 0; i < n; i++, s++)
            if ((*s & 0xc0) != 0x80)
                return 0;
    }
    return 1;
}

/* The words of a refusal, English (ko 0) or Korean (ko 1, after words_init): from a ring
 * of buffers, so that one assertion may hold a few. */
static inline const char *say(const struct core_refusal *why, int ko)
{
    static char ring[4][TUI_REASON_LEN];
    static unsigned next;
    char *buf = ring[next++ % 4];
    return tui_reason_text(why, ko, buf, TUI_REASON_LEN);
}

/* Korean words come from the catalogue the Makefile builds (WIPSTATION_LOCALEDIR, set by
 * make check-unit and check-db). Returns 1 when Korean is on and the catalogue found. */
static inline int words_init(void)
{
    static const char probe[] = "Scan a LOT first.";
    int ko = 0, ascii = 1;
    if (setlocale(LC_ALL, "C.UTF-8"))
        tui_i18n_init(CORE_LANG_KO, "xterm", &ko, &ascii);
    return ko && strcmp(tui_tr(probe), probe) != 0;
}

/* Printable: well-formed UTF-8 and no control characters. */
static inline void assert_clean(const char *str)
{
    assert_true(utf8_ok(str));
    for (const char *s = str; *s; s++)
        assert_true((unsigned char)*s >= 0x20 && *s != 0x7f);
}

/* Refusals reach terminals: their arguments and their words in both languages. */
static inline void assert_printable(const struct core_refusal *why)
{
    assert_clean(why->a);
    assert_clean(why->b);
    assert_clean(why->c);
    assert_clean(say(why, 0));
    assert_clean(say(why, 1));
}

#endif
