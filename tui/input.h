/* tui/input.h — the always-focused input line: scanner bursts and keyboard editing.
 *
 * Pure: the caller feeds every key from get_wch() with the time it arrived and asks
 * tui_input_tick() when the deadline passes. A line ends with CR, LF or KEY_ENTER (and
 * Tab when the scanner suffix is tab). Control characters, escape sequences, stray
 * function keys inside a burst and over-long bursts reject the whole burst: nothing of
 * it is delivered, its terminator included. A control key, ESC or a function key alone
 * on an empty line is a hotkey, delivered after TUI_IN_HOTKEY_MS of quiet (so that a
 * burst that merely starts with one is still recognised as hostile). After typed text
 * (the key before it came TUI_IN_TYPED_MS or more earlier, slower than any scanner) a
 * control or function key is a hotkey too and the text stays on the line. A scanner that
 * sends CR LF produces one line, not a line and an empty one (which would acknowledge
 * the error banner the scan just raised). */
#ifndef STN_TUI_INPUT_H
#define STN_TUI_INPUT_H

#include <stddef.h>
#include <wchar.h>

#include "core/cfg.h"
#include "core/ident.h"

#define TUI_IN_MAX (4 * CORE_SCAN_MAX) /* bytes kept; the configured max_length is smaller */
#define TUI_IN_HOTKEY_MS 30
#define TUI_IN_QUIET_MS 300
#define TUI_IN_PAIR_MS 100 /* CR LF (or LF CR) closer than this ends one line */
#define TUI_IN_TYPED_MS 40 /* a key this long after the one before is typed, not scanned */

enum tui_in_ev {
    TUI_IN_NONE,
    TUI_IN_EDIT,   /* the line changed: redraw it */
    TUI_IN_LINE,   /* a complete line in text (may be empty) */
    TUI_IN_HOTKEY, /* key: a control character, 27 (ESC) or a KEY_* code */
    TUI_IN_REJECT, /* a hostile burst was dropped: why */
};

enum tui_in_reject { TUI_REJ_CONTROL, TUI_REJ_ESCAPE, TUI_REJ_LONG, TUI_REJ_KEY };

struct tui_in_out {
    enum tui_in_ev ev;
    int key;
    int is_fn; /* HOTKEY: key is a KEY_* code */
    enum tui_in_reject why;
    char text[TUI_IN_MAX + 1];
    size_t len;
};

struct tui_input {
    char line[TUI_IN_MAX + 1];
    size_t len;
    size_t max_len;    /* bytes */
    int tab_ends_line; /* scanner suffix = tab */
    int discarding;    /* inside a rejected burst */
    int pending;       /* a hotkey waits for quiet */
    int pending_key;
    int pending_is_fn;
    long pending_ms;
    long last_ms;  /* last key seen */
    int last_term; /* the character that ended the last line */
    long last_term_ms;
};

void tui_input_init(struct tui_input *in, size_t max_len, enum core_suffix suffix);
/* Feeds one key: ch is a character (is_fn 0) or a KEY_* code (is_fn 1). */
void tui_input_feed(struct tui_input *in, wint_t ch, int is_fn, long now_ms,
                    struct tui_in_out *out);
/* Delivers a pending hotkey after quiet and ends a discarded burst. */
void tui_input_tick(struct tui_input *in, long now_ms, struct tui_in_out *out);
/* Milliseconds until tui_input_tick has something to do, or -1. */
long tui_input_timeout(const struct tui_input *in, long now_ms);
/* Forgets the line (e.g. after a PIN); wipes the bytes. */
void tui_input_clear(struct tui_input *in);
/* Removes the last character (UTF-8 aware). */
void tui_input_backspace(struct tui_input *in);

#endif
