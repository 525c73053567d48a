/* tui/input.c — framing of scanner bursts and keyboard lines (see tui/input.h). */
#include "tui/input.h"

#include <curses.h>
#include <limits.h>
#include <string.h>

void tui_input_init(struct tui_input *in, size_t max_len, enum core_suffix suffix)
{
    memset(in, 0, sizeof *in);
    in->max_len = max_len > 0 && max_len <= TUI_IN_MAX ? max_len : CORE_SCAN_MAX;
    in->tab_ends_line = suffix == CORE_SUFFIX_TAB;
}

void tui_input_clear(struct tui_input *in)
{
    memset(in->line, 0, sizeof in->line);
    in->len = 0;
}

void tui_input_backspace(struct tui_input *in)
{
    while (in->len > 0) {
        unsigned char c = (unsigned char)in->line[--in->len];
        in->line[in->len] = '\0';
        if ((c & 0xc0) != 0x80) /* stop after the lead byte */
            break;
    }
}

static void reject(struct tui_input *in, enum tui_in_reject why, int ended, struct tui_in_out *out)
{
    tui_input_clear(in);
    in->pending = 0;
    in->discarding = !ended;
    out->ev = TUI_IN_REJECT;
    out->why = why;
}

static int is_terminator(const struct tui_input *in, wint_t ch, int is_fn)
{
    if (is_fn)
        return ch == KEY_ENTER;
    return ch == L'\r' || ch == L'\n' || (ch == L'\t' && in->tab_ends_line);
}

static void deliver_line(struct tui_input *in, struct tui_in_out *out)
{
    memcpy(out->text, in->line, in->len + 1);
    out->len = in->len;
    out->ev = TUI_IN_LINE;
    tui_input_clear(in);
}

/* A control character, ESC or function key: a hotkey alone on an empty line, an
 * editing key, or the sign of a hostile burst. */
static void control_key(struct tui_input *in, wint_t ch, int is_fn, long now_ms, int typed,
                        struct tui_in_out *out)
{
    if ((is_fn && ch == KEY_BACKSPACE) || (!is_fn && (ch == 127 || ch == 8))) {
        tui_input_backspace(in);
        out->ev = TUI_IN_EDIT;
        return;
    }
    if (!is_fn && ch == 21) { /* ^U: clear the line */
        tui_input_clear(in);
        out->ev = TUI_IN_EDIT;
        return;
    }
    if ((in->len == 0 || typed) && (is_fn || ch < 0x20)) {
        in->pending = 1;
        in->pending_key = (int)ch;
        in->pending_is_fn = is_fn;
        in->pending_ms = now_ms;
        return;
    }
    reject(in, is_fn ? TUI_REJ_KEY : ch == 27 ? TUI_REJ_ESCAPE : TUI_REJ_CONTROL, 0, out);
}

void tui_input_feed(struct tui_input *in, wint_t ch, int is_fn, long now_ms, struct tui_in_out *out)
{
    char mb[MB_LEN_MAX];
    mbstate_t st;
    size_t n;
    int term = is_terminator(in, ch, is_fn);
    int typed = in->len > 0 && now_ms - in->last_ms >= TUI_IN_TYPED_MS;

    out->ev = TUI_IN_NONE;
    in->last_ms = now_ms;
    if (in->discarding) {
        if (term)
            in->discarding = 0;
        return;
    }
    if (in->pending) { /* something followed the control key at once: a burst */
        reject(in,
               in->pending_key == 27 ? TUI_REJ_ESCAPE
               : in->pending_is_fn   ? TUI_REJ_KEY
                                     : TUI_REJ_CONTROL,
               term, out);
        return;
    }
    if (term) {
        int pair = !is_fn && in->len == 0 && now_ms - in->last_term_ms < TUI_IN_PAIR_MS &&
                   ((ch == L'\n' && in->last_term == '\r') ||
                    (ch == L'\r' && in->last_term == '\n'));
        in->last_term = pair ? 0 : is_fn ? 0 : (int)ch;
        in->last_term_ms = now_ms;
        if (!pair)
            deliver_line(in, out);
        return;
    }
    if (is_fn || ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0)) {
        control_key(in, ch, is_fn, now_ms, typed, out);
        return;
    }
    memset(&st, 0, sizeof st);
    n = wcrtomb(mb, (wchar_t)ch, &st);
    if (n == (size_t)-1) {
        reject(in, TUI_REJ_CONTROL, 0, out);
        return;
    }
    if (in->len + n > in->max_len) {
        reject(in, TUI_REJ_LONG, 0, out);
        return;
    }
    memcpy(in->line + in->len, mb, n);
    in->len += n;
    in->line[in->len] = '\0';
    out->ev = TUI_IN_EDIT;
}

void tui_input_tick(struct tui_input *in, long now_ms, struct tui_in_out *out)
{
    out->ev = TUI_IN_NONE;
    if (in->pending && now_ms - in->pending_ms >= TUI_IN_HOTKEY_MS) {
        in->pending = 0;
        out->ev = TUI_IN_HOTKEY;
        out->key = in->pending_key;
        out->is_fn = in->pending_is_fn;
    } else if (in->discarding && now_ms - in->last_ms >= TUI_IN_QUIET_MS) {
        in->discarding = 0;
    }
}

long tui_input_timeout(const struct tui_input *in, long now_ms)
{
    long t;
    if (in->pending)
        t = in->pending_ms + TUI_IN_HOTKEY_MS - now_ms;
    else if (in->discarding)
        t = in->last_ms + TUI_IN_QUIET_MS - now_ms;
    else
        return -1;
    return t < 0 ? 0 : t;
}
