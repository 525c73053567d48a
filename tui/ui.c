/* tui/ui.c — colour roles, drawing helpers, messages and banners, the frame. */
#include "tui/ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/reason.h"
#include "tui/i18n.h"
#include "tui/layout.h"
#include "tui/reasons.h"
#include "tui/tui.h"

struct role_def {
    short fg, bg;
    int attr, mono;
};

#define TUI_ROLE_DEF(name, fg, bg, attr, mono) { fg, bg, attr, mono },
static const struct role_def roles[TUI_R_COUNT] = { TUI_ROLES(TUI_ROLE_DEF) };
#undef TUI_ROLE_DEF

void tui_ui_init(struct tui_ui *ui, int mono)
{
    int defaults;

    ui->mono = mono || !has_colors();
    if (!ui->mono && start_color() == ERR)
        ui->mono = 1;
    defaults = !ui->mono && use_default_colors() == OK;
    for (int i = 0; i < TUI_R_COUNT; i++) {
        short fg = roles[i].fg, bg = roles[i].bg;
        if (ui->mono || i + 1 >= COLOR_PAIRS) {
            ui->attr[i] = roles[i].mono;
            continue;
        }
        if (!defaults) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        init_pair((short)(i + 1), fg, bg);
        ui->attr[i] = (int)COLOR_PAIR(i + 1) | roles[i].attr;
    }
}

int tui_attr(const struct tui_ui *ui, enum tui_role r)
{
    return (unsigned)r < TUI_R_COUNT ? ui->attr[r] : (int)A_NORMAL;
}

int tui_put(const struct tui_ui *ui, int y, int x, int cols, const char *text, enum tui_role r)
{
    char buf[2048];
    int w;

    if (cols <= 0 || y < 0 || y >= LINES)
        return 0;
    w = tui_fit(buf, sizeof buf, text, cols, 0, ui->ascii);
    attrset(tui_attr(ui, r));
    mvaddstr(y, x, buf);
    attrset(A_NORMAL);
    return w;
}

void tui_hline(const struct tui_ui *ui, int y)
{
    move(y, 0);
    attrset(tui_attr(ui, TUI_R_DIM));
    hline(ACS_HLINE, COLS);
    attrset(A_NORMAL);
}

int tui_put_wrapped(const struct tui_ui *ui, int y, int x, int cols, int rows, const char *text,
                    enum tui_role r)
{
    char lines[8][TUI_WRAP_LEN];
    int n = tui_wrap(text, cols, lines, rows < 8 ? rows : 8, ui->ascii);
    for (int i = 0; i < n; i++)
        tui_put(ui, y + i, x, cols, lines[i], r);
    return n;
}

void tui_put_clipped(const struct tui_ui *ui, int y, int x, int cols, const char *text,
                     enum tui_role r)
{
    char lines[2][TUI_WRAP_LEN];
    int n;

    if (tui_text_width(text) <= cols) {
        tui_put(ui, y, x, cols, text, r);
        return;
    }
    n = tui_wrap(text, cols - 4, lines, 2, ui->ascii);
    if (n > 0) {
        size_t l = strlen(lines[0]);
        snprintf(lines[0] + l, sizeof lines[0] - l, " ...");
        tui_put(ui, y, x, cols, lines[0], r);
    }
}

/* 5x5 block letters for the banner words. */
static const struct {
    char c;
    const char *rows[5];
} font[] = {
    { 'A', { " ### ", "#   #", "#####", "#   #", "#   #" } },
    { 'E', { "#####", "#    ", "#### ", "#    ", "#####" } },
    { 'F', { "#####", "#    ", "#### ", "#    ", "#    " } },
    { 'I', { "#####", "  #  ", "  #  ", "  #  ", "#####" } },
    { 'L', { "#    ", "#    ", "#    ", "#    ", "#####" } },
    { 'O', { " ### ", "#   #", "#   #", "#   #", " ### " } },
    { 'P', { "#### ", "#   #", "#### ", "#    ", "#    " } },
    { 'R', { "#### ", "#   #", "#### ", "#  # ", "#   #" } },
    { 'S', { " ####", "#    ", " ### ", "    #", "#### " } },
};

static const char *const *glyph_rows(char c)
{
    for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
        if (font[i].c == c)
            return font[i].rows;
    return NULL;
}

void tui_big_word(const struct tui_ui *ui, int y, int x, int cols, const char *word,
                  enum tui_role r)
{
    int n = (int)strlen(word);
    int px = n * 12 - 2 <= cols ? 2 : 1; /* columns per pixel */
    int width = n * (5 * px + px) - px;

    /* pixels are reverse-video blanks: solid on every terminal, one byte a cell */
    x += width < cols ? (cols - width) / 2 : 0;
    attrset(tui_attr(ui, r) | A_REVERSE);
    for (int row = 0; row < 5; row++) {
        for (int i = 0; i < n; i++) {
            const char *const *g = glyph_rows(word[i]);
            for (int c = 0; g && c < 5; c++) {
                if (g[row][c] != '#')
                    continue;
                for (int k = 0; k < px; k++)
                    mvaddch(y + row, x + i * 6 * px + c * px + k, ' ');
            }
        }
    }
    attrset(A_NORMAL);
}

const char *tui_process_name(const struct tui_ui *ui, const struct core_process *p)
{
    return ui->ko && p->name_ko[0] ? p->name_ko : p->name_en;
}

/* ---- messages and banners ------------------------------------------------------------- */
void tui_msg(struct tui_app *a, enum tui_msg_kind k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msgs.text, sizeof a->msgs.text, fmt, ap);
    va_end(ap);
    a->msgs.kind = k;
    a->dirty = 1;
}

void tui_refusal(struct tui_app *a, const struct core_refusal *why)
{
    struct tui_msgs *m = &a->msgs;
    char en[TUI_REASON_LEN];

    tui_reason_text(why, a->ui.ko, m->ban_text, sizeof m->ban_text);
    m->banner = TUI_BAN_ERROR;
    m->latched = 1;
    m->latched_why = why->code;
    tui_msg(a, TUI_MSG_ERROR, "%s", m->ban_text);
    tui_log("refused: %s: %s", core_reason_name(why->code), tui_reason_text(why, 0, en, sizeof en));
    beep();
}

void tui_refusal_msg(struct tui_app *a, const struct core_refusal *why)
{
    char text[TUI_REASON_LEN];

    tui_msg(a, TUI_MSG_WARN, "%s", tui_reason_text(why, a->ui.ko, text, sizeof text));
    beep();
}

void tui_result(struct tui_app *a, enum tui_banner b, const char *text)
{
    a->msgs.banner = b;
    a->msgs.latched = 0;
    a->msgs.ban_ms = a->now_ms;
    snprintf(a->msgs.ban_text, sizeof a->msgs.ban_text, "%s", text);
    tui_msg(a, b == TUI_BAN_PASS ? TUI_MSG_OK : TUI_MSG_ERROR, "%s", text);
}

void tui_ack(struct tui_app *a)
{
    tui_banner_reset(a);
    tui_msg(a, TUI_MSG_INFO, "%s", _("Error acknowledged."));
}

void tui_banner_clear(struct tui_app *a)
{
    a->msgs.banner = TUI_BAN_NONE;
}

enum tui_banner tui_banner_shown(const struct tui_app *a)
{
    return a->msgs.banner;
}

void tui_alert(struct tui_app *a, enum core_reason why, const char *text)
{
    struct tui_msgs *m = &a->msgs;

    snprintf(m->ban_text, sizeof m->ban_text, "%s", text);
    m->banner = TUI_BAN_ERROR;
    m->latched = 1;
    m->latched_why = why;
    tui_msg(a, TUI_MSG_ERROR, "%s", text);
    tui_log("alert: %s", text);
    beep();
}

void tui_banner_reset(struct tui_app *a)
{
    a->msgs.latched = 0;
    a->msgs.banner = TUI_BAN_NONE;
}

int tui_latched(const struct tui_app *a, enum core_reason *why)
{
    if (why)
        *why = a->msgs.latched_why;
    return a->msgs.latched;
}

/* ---- the frame ------------------------------------------------------------------------ */
int tui_draw_banner(struct tui_app *a, int top, int rows)
{
    static const char *const words[] = { "", "PASS", "FAIL", "ERROR" };
    const struct tui_msgs *m = &a->msgs;
    const struct tui_ui *ui = &a->ui;
    enum tui_role big = m->banner == TUI_BAN_PASS ? TUI_R_BAN_PASS : TUI_R_BAN_FAIL;
    enum tui_role txt = m->banner == TUI_BAN_PASS ? TUI_R_BAN_TEXT_PASS : TUI_R_BAN_TEXT_FAIL;
    int used;

    if (m->banner == TUI_BAN_NONE || rows < 9)
        return 0;
    for (int r = 0; r < rows && r < 9; r++) {
        move(top + r, 0);
        clrtoeol();
    }
    tui_big_word(ui, top, 0, COLS, words[m->banner], big);
    used = 6;
    for (int r = 0; r < 2; r++) {
        move(top + used + r, 0);
        attrset(tui_attr(ui, txt));
        hline(' ', COLS);
        attrset(A_NORMAL);
    }
    used += tui_put_wrapped(ui, top + used, 1, COLS - 2, rows - used > 2 ? 2 : 1, m->ban_text, txt);
    used = 8;
    if (m->latched && rows > used) {
        tui_put(ui, top + used, 1, COLS - 2, _("Acknowledge: press Enter or Esc, or scan CMD:OK"),
                TUI_R_WARN);
        used++;
    }
    return used;
}

static void draw_header(struct tui_app *a)
{
    const struct core_process *p = tui_process(a);
    const struct tui_ui *ui = &a->ui;
    char left[512], right[192], clock[16], name[128], sid[128], rig[64];
    time_t t = time(NULL);
    struct tm tm;
    int offline = !tui_db_online(a);
    enum tui_role r = offline ? TUI_R_HEADER_BAD : TUI_R_HEADER;
    int rw;

    localtime_r(&t, &tm);
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    tui_rig_header(a, rig, sizeof rig);
    snprintf(right, sizeof right, "%s%s%s  %s ", rig, rig[0] ? "  " : "",
             offline ? _("database offline - reconnecting") : _("DB ok"), clock);
    rw = tui_text_width(right);
    /* a station switched by a supervisor says so: its configured id names another process */
    if (a->process != a->cfg->process)
        snprintf(sid, sizeof sid, _("%s (switched from P%d)"), a->actor.station_id,
                 a->cfg->process);
    else
        snprintf(sid, sizeof sid, "%s", a->actor.station_id);
    /* the process name gives way, never the station or the operator's name */
    snprintf(left, sizeof left, " %s | %d  | %s", sid, a->process,
             a->logged_in ? a->user.full_name : _("not logged in"));
    tui_fit(name, sizeof name, p ? tui_process_name(ui, p) : "?",
            COLS - rw - 2 - tui_text_width(left), 0, ui->ascii);
    snprintf(left, sizeof left, " %s | %d %s | %s", sid, a->process, name,
             a->logged_in ? a->user.full_name : _("not logged in"));
    move(0, 0);
    attrset(tui_attr(ui, r));
    hline(' ', COLS);
    attrset(A_NORMAL);
    tui_put(ui, 0, 0, COLS - rw - 1, left, r);
    tui_put(ui, 0, COLS - rw, rw, right, r);
}

void tui_draw_input(struct tui_app *a, const struct tui_screen *s)
{
    const struct tui_ui *ui = &a->ui;
    int y = LINES - 3;
    char shown[TUI_IN_MAX + 1];
    const char *prompt = s->prompt ? s->prompt(a) : _("Scan");
    int x;

    move(y, 0);
    clrtoeol();
    x = tui_put(ui, y, 0, COLS / 2, prompt, TUI_R_TITLE);
    x += tui_put(ui, y, x, 3, " > ", TUI_R_TITLE);
    if (s->masked && s->masked(a)) {
        size_t n = 0;
        for (size_t i = 0; i < a->in.len && n < sizeof shown - 1; i++)
            if (((unsigned char)a->in.line[i] & 0xc0) != 0x80)
                shown[n++] = '*';
        shown[n] = '\0';
    } else {
        tui_fit_tail(shown, sizeof shown, a->in.line, COLS - x - 2, ui->ascii);
    }
    x += tui_put(ui, y, x, COLS - x - 1, shown, TUI_R_INPUT);
    move(y, x);
}

/* The key legend: entries are separated by two spaces or " | " and are never split
 * across lines ("^T TRACE" stays whole); an entry that no longer fits is left out whole. */
static void put_keys(const struct tui_ui *ui, int y, int cols, int rows, const char *text)
{
    int x = 0, row = 0;
    const char *s = text;

    while (*s && row < rows) {
        const char *bar = strstr(s, " | "), *sp = strstr(s, "  ");
        const char *end = bar && (!sp || bar < sp) ? bar : sp;
        size_t len = end ? (size_t)(end - s) : strlen(s);
        size_t seplen = !end ? 0 : end == bar ? 3 : strspn(end, " ");
        char item[TUI_WRAP_LEN];
        int w;

        snprintf(item, sizeof item, "%.*s", (int)len, s);
        w = tui_text_width(item);
        if (x > 0 && x + w > cols) {
            row++;
            x = 0;
        }
        if (row < rows && w <= cols)
            x += tui_put(ui, y + row, x, cols - x, item, TUI_R_DIM);
        if (end && x > 0 && x + (int)seplen < cols)
            x += tui_put(ui, y + row, x, (int)seplen, end == bar ? " | " : "  ", TUI_R_DIM);
        s += len + seplen;
    }
}

void tui_draw_frame(struct tui_app *a, const struct tui_screen *s, int *top, int *rows)
{
    enum tui_msg_kind k = a->msgs.kind;
    enum tui_role mr = k == TUI_MSG_ERROR  ? TUI_R_FAIL
                       : k == TUI_MSG_WARN ? TUI_R_WARN
                       : k == TUI_MSG_OK   ? TUI_R_PASS
                                           : TUI_R_NORMAL;
    int msg_y = LINES - 6;

    draw_header(a);
    tui_hline(&a->ui, msg_y - 1);
    tui_put_wrapped(&a->ui, msg_y, 1, COLS - 2, 3, a->msgs.text, mr);
    put_keys(&a->ui, LINES - 2, COLS, 2, s->keys ? s->keys(a) : "");
    *top = 1;
    *rows = msg_y - 2;
}

void tui_draw_small(const struct tui_ui *ui)
{
    char size[64];
    erase();
    snprintf(size, sizeof size, "(%dx%d)", COLS, LINES);
    tui_put(ui, LINES / 2 - 1, 0, COLS, _("Enlarge the window to at least 80x24"), TUI_R_WARN);
    tui_put(ui, LINES / 2, 0, COLS, size, TUI_R_NORMAL);
}
