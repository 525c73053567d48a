/* tests/unit/test_tui_input.c — framing of the input line (tui/input.c): scanner bursts,
 * suffixes, editing, hotkeys, and hostile bursts rejected whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <string.h>

/* The unit under test is compiled in, under other names: the Makefile's unit-test link
 * line takes only $(TEST_EXTRA_<name>) besides the test object, and this stays correct
 * if it links the tui objects one day. */
#define tui_input_init test_tui_input_init
#define tui_input_feed test_tui_input_feed
#define tui_input_tick test_tui_input_tick
#define tui_input_timeout test_tui_input_timeout
#define tui_input_clear test_tui_input_clear
#define tui_input_backspace test_tui_input_backspace
#include "tui/input.c"

static struct tui_input in;
static long now;

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    tui_input_init(&in, 32, CORE_SUFFIX_ENTER);
    now = 1000;
    return 0;
}

/* Feeds a UTF-8 string as characters 1 ms apart; returns the last event. */
static enum tui_in_ev type(const char *s, struct tui_in_out *out)
{
    mbstate_t st;
    wchar_t wc;
    size_t n, len = strlen(s);
    enum tui_in_ev last = TUI_IN_NONE;

    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < len; i += n) {
        n = mbrtowc(&wc, s + i, len - i, &st);
        assert_true(n > 0 && n <= 4);
        tui_input_feed(&in, (wint_t)wc, 0, now++, out);
        if (out->ev != TUI_IN_NONE)
            last = out->ev;
    }
    return last;
}

static void test_burst_ends_with_enter(void **state)
{
    struct tui_in_out o;
    (void)state;
    assert_int_equal(type("KR01PSA2511001-W0001", &o), TUI_IN_EDIT);
    tui_input_feed(&in, L'\r', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_LINE);
    assert_string_equal(o.text, "KR01PSA2511001-W0001");
    assert_int_equal(in.len, 0);
    tui_input_feed(&in, KEY_ENTER, 1, now++, &o); /* an empty line is delivered too */
    assert_int_equal(o.ev, TUI_IN_LINE);
    assert_string_equal(o.text, "");
}

static void test_crlf_is_one_line(void **state)
{
    struct tui_in_out o;
    (void)state;
    type("KR01", &o);
    tui_input_feed(&in, L'\r', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_LINE);
    tui_input_feed(&in, L'\n', 0, now++, &o); /* the LF of CR LF: no empty line */
    assert_int_equal(o.ev, TUI_IN_NONE);
    tui_input_feed(&in, L'\r', 0, now++, &o); /* Enter pressed again: an empty line */
    assert_int_equal(o.ev, TUI_IN_LINE);
    assert_int_equal(o.len, 0);
    now += TUI_IN_PAIR_MS;
    tui_input_feed(&in, L'\n', 0, now++, &o); /* a late LF is a key of its own */
    assert_int_equal(o.ev, TUI_IN_LINE);
}

static void test_suffixes(void **state)
{
    struct tui_in_out o;
    (void)state;
    type("AB", &o);
    tui_input_feed(&in, L'\t', 0, now++, &o); /* Tab is no suffix by default: a control key */
    assert_int_equal(o.ev, TUI_IN_REJECT);
    tui_input_feed(&in, L'\n', 0, now++, &o); /* ends the rejected burst, delivers nothing */
    assert_int_equal(o.ev, TUI_IN_NONE);
    tui_input_init(&in, 32, CORE_SUFFIX_TAB);
    type("AB", &o);
    tui_input_feed(&in, L'\t', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_LINE);
    assert_string_equal(o.text, "AB");
}

static void test_editing(void **state)
{
    struct tui_in_out o;
    (void)state;
    type("6O.x", &o);
    tui_input_feed(&in, 127, 0, now++, &o);
    tui_input_feed(&in, KEY_BACKSPACE, 1, now++, &o);
    assert_int_equal(o.ev, TUI_IN_EDIT);
    assert_string_equal(in.line, "6O");
    type("센서", &o);
    tui_input_feed(&in, 8, 0, now++, &o); /* removes the whole glyph, not a byte */
    assert_string_equal(in.line, "6O센");
    tui_input_feed(&in, 21, 0, now++, &o); /* ^U clears */
    assert_int_equal(in.len, 0);
}

static void test_hotkey_after_quiet(void **state)
{
    struct tui_in_out o;
    (void)state;
    tui_input_feed(&in, 16, 0, now, &o); /* ^P alone on an empty line */
    assert_int_equal(o.ev, TUI_IN_NONE);
    assert_int_equal(tui_input_timeout(&in, now), TUI_IN_HOTKEY_MS);
    tui_input_tick(&in, now + TUI_IN_HOTKEY_MS - 1, &o);
    assert_int_equal(o.ev, TUI_IN_NONE);
    tui_input_tick(&in, now + TUI_IN_HOTKEY_MS, &o);
    assert_int_equal(o.ev, TUI_IN_HOTKEY);
    assert_int_equal(o.key, 16);
    assert_int_equal(o.is_fn, 0);
    now += 100;
    tui_input_feed(&in, KEY_UP, 1, now, &o);
    tui_input_tick(&in, now + 50, &o);
    assert_int_equal(o.ev, TUI_IN_HOTKEY);
    assert_int_equal(o.key, KEY_UP);
    assert_int_equal(o.is_fn, 1);
    assert_int_equal(tui_input_timeout(&in, now), -1);
}

/* Typed text, then Down or ^P a moment later: a hotkey, and the text stays on the line;
 * the same keys inside a burst are still the sign of a hostile one. */
static void test_hotkey_after_typing(void **state)
{
    struct tui_in_out o;
    (void)state;
    type("60.1", &o);
    now += TUI_IN_TYPED_MS;
    tui_input_feed(&in, KEY_DOWN, 1, now, &o);
    assert_int_equal(o.ev, TUI_IN_NONE);
    tui_input_tick(&in, now + TUI_IN_HOTKEY_MS, &o);
    assert_int_equal(o.ev, TUI_IN_HOTKEY);
    assert_int_equal(o.key, KEY_DOWN);
    assert_string_equal(in.line, "60.1");
    now += 100;
    tui_input_feed(&in, 16, 0, now, &o);
    tui_input_tick(&in, now + TUI_IN_HOTKEY_MS, &o);
    assert_int_equal(o.ev, TUI_IN_HOTKEY);
    assert_int_equal(o.key, 16);
    assert_string_equal(in.line, "60.1");
    now += 100;
    tui_input_feed(&in, L'\r', 0, now, &o);
    assert_int_equal(o.ev, TUI_IN_LINE);
    assert_string_equal(o.text, "60.1");
    type("KR01", &o);
    tui_input_feed(&in, KEY_DOWN, 1, now++, &o); /* 1 ms after the text: inside a burst */
    assert_int_equal(o.ev, TUI_IN_REJECT);
}

/* A burst starting with ESC or a control character is rejected whole. */
static void test_hostile_start(void **state)
{
    struct tui_in_out o;
    (void)state;
    tui_input_feed(&in, 27, 0, now++, &o);
    tui_input_feed(&in, L'[', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_REJECT);
    assert_int_equal(o.why, TUI_REJ_ESCAPE);
    assert_int_equal(type("31mCMD:NEW", &o), TUI_IN_NONE); /* the rest is swallowed */
    tui_input_feed(&in, L'\r', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_NONE); /* ... and its Enter too */
    tui_input_feed(&in, 1, 0, now++, &o);
    tui_input_feed(&in, L'C', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_REJECT);
    assert_int_equal(o.why, TUI_REJ_CONTROL);
}

static void test_hostile_middle(void **state)
{
    struct tui_in_out o;
    (void)state;
    type("CMD:", &o);
    tui_input_feed(&in, 0x1d, 0, now++, &o); /* GS inside a scan */
    assert_int_equal(o.ev, TUI_IN_REJECT);
    assert_int_equal(in.len, 0);
    tui_input_feed(&in, L'\r', 0, now++, &o);
    type("KR01", &o);
    tui_input_feed(&in, KEY_DOWN, 1, now++, &o); /* a decoded sequence inside a scan */
    assert_int_equal(o.ev, TUI_IN_REJECT);
    assert_int_equal(o.why, TUI_REJ_KEY);
    tui_input_feed(&in, L'\r', 0, now++, &o);
    type("A", &o);
    tui_input_feed(&in, 0x9b, 0, now++, &o); /* C1 CSI */
    assert_int_equal(o.ev, TUI_IN_REJECT);
}

static void test_too_long(void **state)
{
    struct tui_in_out o;
    (void)state;
    assert_int_equal(type("0123456789012345678901234567890", &o), TUI_IN_EDIT); /* 31 */
    assert_int_equal(type("1", &o), TUI_IN_EDIT);                               /* 32 */
    assert_int_equal(type("2", &o), TUI_IN_REJECT);
    assert_int_equal(o.why, TUI_REJ_LONG);
    tui_input_feed(&in, L'\r', 0, now++, &o);
    assert_int_equal(o.ev, TUI_IN_NONE);
    /* the max counts bytes: 11 Hangul glyphs are 33 bytes */
    assert_int_equal(type("가나다라마바사아자차카", &o), TUI_IN_REJECT);
}

static void test_quiet_ends_discard(void **state)
{
    struct tui_in_out o;
    (void)state;
    tui_input_feed(&in, 27, 0, now, &o);
    tui_input_feed(&in, L']', 0, now, &o); /* OSC without terminator */
    assert_int_equal(o.ev, TUI_IN_REJECT);
    assert_int_equal(tui_input_timeout(&in, now), TUI_IN_QUIET_MS);
    tui_input_tick(&in, now + TUI_IN_QUIET_MS, &o);
    now += TUI_IN_QUIET_MS + 1;
    assert_int_equal(type("OK", &o), TUI_IN_EDIT); /* typing works again */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_burst_ends_with_enter, setup),
        cmocka_unit_test_setup(test_crlf_is_one_line, setup),
        cmocka_unit_test_setup(test_suffixes, setup),
        cmocka_unit_test_setup(test_editing, setup),
        cmocka_unit_test_setup(test_hotkey_after_quiet, setup),
        cmocka_unit_test_setup(test_hostile_start, setup),
        cmocka_unit_test_setup(test_hostile_middle, setup),
        cmocka_unit_test_setup(test_too_long, setup),
        cmocka_unit_test_setup(test_hotkey_after_typing, setup),
        cmocka_unit_test_setup(test_quiet_ends_discard, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
