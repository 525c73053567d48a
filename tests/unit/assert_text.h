/* tests/unit/assert_text.h — text assertions shared by the unit tests (include after
 * <cmocka.h>). Independent of core's own UTF-8 code, so they can catch its mistakes. */
#ifndef STN_TESTS_UNIT_ASSERT_TEXT_H
#define STN_TESTS_UNIT_ASSERT_TEXT_H

#include <string.h>

#include "core/reason.h"

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

/* Messages reach terminals: well-formed UTF-8 and no control characters. */
static inline void assert_printable(const struct core_refusal *why)
{
    assert_true(utf8_ok(why->en) && utf8_ok(why->ko));
    for (const char *s = why->en; *s; s++)
        assert_true((unsigned char)*s >= 0x20 && *s != 0x7f);
    for (const char *s = why->ko; *s; s++)
        assert_true((unsigned char)*s >= 0x20 && *s != 0x7f);
}

#endif
