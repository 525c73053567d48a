/* tui/app.c — start-up, the poll() loop, the database session, signals and timers. */
#include "tui/app.h"
#include "tui/tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "core/db.h"
#include "tui/i18n.h"
#include "tui/ui.h"

#define RECONNECT_MS 1000
#define CONNECT_LIMIT_MS 10000
#define BOARD_SAFETY_MS 10000 /* the board re-read without a notification */
#define BOARD_FOLLOWUP_MS 1500 /* a second read after a notification */

static volatile sig_atomic_t g_stop;

/* Where tui_log writes: syslog (journald keeps it) unless WIPSTATION_LOG names a file,
 * which then also takes the libraries' stderr. */
static struct {
    int to_syslog;
    int saved_stderr; /* the terminal's stderr while the screen is up, else -1 */
    char station[40];
} g_log = { 0, -1, "" };

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

long tui_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000L + t.tv_nsec / 1000L;
}

void tui_log(const char *fmt, ...)
{
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm;
    va_list ap;

    if (g_log.to_syslog) {
        char line[512];

        va_start(ap, fmt);
        vsnprintf(line, sizeof line, fmt, ap);
        va_end(ap);
        syslog(LOG_INFO, "station %s: %s", g_log.station, line);
        return;
    }
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    fprintf(stderr, "%s ", stamp);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

static const struct tui_screen *screen(const struct tui_app *a)
{
    switch (a->scr) {
    case TUI_SCR_LOGIN: return &tui_login_screen;
    case TUI_SCR_STATION: return &tui_station_screen;
    case TUI_SCR_TRACE: return &tui_trace_screen;
    case TUI_SCR_BOARD: return &tui_board_screen;
    case TUI_SCR_SUPER: return &tui_super_screen;
    }
    return &tui_login_screen;
}

void tui_go(struct tui_app *a, enum tui_scr scr)
{
    a->scr = scr;
    a->masked = 0;
    a->dirty = 1;
}

enum core_scan_why tui_parse(const struct tui_app *a, const char *text, struct core_scan *sc)
{
    return core_scan_parse(text, strlen(text), a->cfg->prefix, a->cfg->strip_aim, sc);
}

void tui_typed_value(const char *raw, const struct core_scan *sc, char *out, size_t n)
{
    size_t tl = strlen(sc->text), rl = strlen(raw);

    for (size_t i = 0; tl && i + tl <= rl; i++) {
        if (!strncasecmp(raw + i, sc->text, tl)) {
            snprintf(out, n, "%.*s", (int)tl, raw + i);
            return;
        }
    }
    snprintf(out, n, "%s", sc->text);
}

/* ---- routing and process ---------------------------------------------------------- */
static void load_routing(struct tui_app *a)
{
    const struct core_routing *r;
    struct stn_err err;
    enum stn_code rc = core_routing_get(a->db, &r, &err);

    if (rc == STN_OK) {
        core_routing_copy(&a->routing, r);
        a->have_routing = 1;
    } else {
        tui_log("routing: %s", err.msg);
        tui_check_db(a, rc);
    }
}

const struct core_routing *tui_routing(struct tui_app *a)
{
    if (!a->have_routing && a->dbst == TUI_DB_ONLINE)
        load_routing(a);
    return a->have_routing ? &a->routing : NULL;
}

const struct core_process *tui_process(struct tui_app *a)
{
    const struct core_routing *r = tui_routing(a);
    return r ? core_routing_find(r, a->process) : NULL;
}

const char *tui_process_name(const struct core_process *p)
{
    return tui_ko() && p->name_ko[0] ? p->name_ko : p->name_en;
}

static void find_equipment(struct tui_app *a)
{
    struct stn_err err;
    enum stn_code rc;

    if (a->dbst != TUI_DB_ONLINE)
        return;
    rc = core_equipment_find(a->db, a->cfg->equipment, a->process, &a->actor.equipment_id, &err);
    if (rc != STN_OK) {
        tui_log("equipment: %s", err.msg);
        tui_check_db(a, rc);
    }
}

void tui_set_process(struct tui_app *a, int n)
{
    a->process = n;
    a->actor.process = n;
    a->have_lot = 0;
    tui_station_reset(a);
    find_equipment(a);
    tui_log("station %s now works process %d", a->actor.station_id, n);
    a->dirty = 1;
}

void tui_logout(struct tui_app *a, const char *why)
{
    tui_log("logout %s%s%s", a->user.username, why ? ": " : "", why ? why : "");
    a->logged_in = 0;
    memset(&a->user, 0, sizeof a->user);
    a->actor.user_id = 0;
    a->actor.name[0] = '\0';
    a->have_lot = 0;
    a->login_pin = 0;
    memset(&a->flow, 0, sizeof a->flow);
    tui_station_reset(a);
    a->banner = TUI_BAN_NONE;
    a->latched = 0;
    tui_input_clear(&a->in);
    tui_go(a, TUI_SCR_LOGIN);
    tui_msg(a, TUI_MSG_INFO, "%s", why ? why : _("Logged out."));
}

/* ---- database session ---------------------------------------------------------------- */
static void db_lost(struct tui_app *a)
{
    if (a->dbst != TUI_DB_ONLINE)
        return;
    a->dbst = TUI_DB_OFFLINE;
    a->db_next_try_ms = a->now_ms + RECONNECT_MS;
    a->dirty = 1;
    tui_log("database connection lost; reconnecting");
}

void tui_check_db(struct tui_app *a, enum stn_code rc)
{
    if (rc == STN_E_DB_CONN || !core_db_connected(a->db))
        db_lost(a);
}

int tui_online(struct tui_app *a, const char *what)
{
    struct core_refusal why;

    if (a->dbst == TUI_DB_ONLINE && core_db_connected(a->db))
        return 1;
    db_lost(a);
    core_refuse_db(&why, STN_E_DB_CONN, 0, what);
    tui_refusal(a, &why);
    return 0;
}

static void online_again(struct tui_app *a, int quiet)
{
    struct stn_err err;

    a->dbst = TUI_DB_ONLINE;
    a->dirty = 1;
    if (core_db_listen(a->db, &err) != STN_OK) {
        tui_log("LISTEN: %s", err.msg);
        db_lost(a);
        return;
    }
    tui_log("database connection (re)established");
    core_routing_invalidate(a->db);
    load_routing(a);
    find_equipment(a);
    if (a->scr == TUI_SCR_BOARD)
        tui_board_refresh(a);
    if (!quiet && !a->latched)
        tui_msg(a, TUI_MSG_OK, "%s", _("Database connection restored."));
}

static void db_first_open(struct tui_app *a)
{
    struct stn_err err;

    if (core_db_open(&a->db, a->cfg, &err) == STN_OK) {
        online_again(a, 1);
    } else {
        a->db_next_try_ms = a->now_ms + 2 * RECONNECT_MS;
        tui_log("%s", err.msg);
    }
}

static void db_step(struct tui_app *a)
{
    enum core_db_poll p;

    if (a->dbst == TUI_DB_OFFLINE && a->now_ms >= a->db_next_try_ms) {
        if (!a->db) {
            db_first_open(a);
            return;
        }
        p = core_db_reconnect_start(a->db);
        a->db_started_ms = a->now_ms;
        if (p == CORE_DB_POLL_FAILED) {
            a->db_next_try_ms = a->now_ms + RECONNECT_MS;
            return;
        }
        a->dbst = TUI_DB_CONNECTING;
        a->db_want_write = p == CORE_DB_POLL_WRITE;
        return;
    }
    if (a->dbst != TUI_DB_CONNECTING)
        return;
    p = core_db_reconnect_poll(a->db);
    if (p == CORE_DB_POLL_OK) {
        online_again(a, 0);
    } else if (p == CORE_DB_POLL_FAILED || a->now_ms - a->db_started_ms > CONNECT_LIMIT_MS) {
        a->dbst = TUI_DB_OFFLINE;
        a->db_next_try_ms = a->now_ms + RECONNECT_MS;
    } else {
        a->db_want_write = p == CORE_DB_POLL_WRITE;
    }
}

/* The database notifies at most once a tenth of a second for the whole line (migration
 * 004): the other transactions of that tenth stay silent, and one may commit after the
 * notifying one. So a notification brings a read 200 ms later (coalescing a burst) and one
 * more BOARD_FOLLOWUP_MS after that. */
static void on_notify(void *ctx, const char *payload)
{
    struct tui_app *a = ctx;
    (void)payload;
    if (a->scr != TUI_SCR_BOARD)
        return;
    if (a->board_due_ms == 0 || a->board_due_ms > a->now_ms + 200)
        a->board_due_ms = a->now_ms + 200;
    a->board_followup = 1;
}

static void db_readable(struct tui_app *a)
{
    if (a->dbst == TUI_DB_CONNECTING) {
        db_step(a);
        return;
    }
    if (core_db_drain_notifications(a->db, on_notify, a) < 0)
        db_lost(a);
}

/* ---- input ------------------------------------------------------------------------------ */
static int repeated(struct tui_app *a, const struct core_scan *sc)
{
    int eligible = sc->kind == CORE_SCAN_LOT || sc->kind == CORE_SCAN_WIP ||
                   sc->kind == CORE_SCAN_SERIAL ||
                   (sc->kind == CORE_SCAN_COMMAND && sc->cmd != CORE_CMD_OK &&
                    sc->cmd != CORE_CMD_CANCEL);
    int rep = eligible && !strcmp(sc->text, a->last_scan) &&
              a->now_ms - a->last_scan_ms < a->cfg->repeat_window_ms;

    if (!rep) {
        snprintf(a->last_scan, sizeof a->last_scan, "%s", eligible ? sc->text : "");
        a->last_scan_ms = a->now_ms;
    }
    return rep;
}

static void dispatch_cmd(struct tui_app *a, enum core_cmd cmd, const char *arg)
{
    const struct tui_screen *s = screen(a);

    if (a->logged_in && a->scr != TUI_SCR_SUPER) {
        switch (cmd) {
        case CORE_CMD_LOGOUT: tui_logout(a, NULL); return;
        case CORE_CMD_TRACE: tui_go(a, TUI_SCR_TRACE); tui_trace_show(a, NULL); return;
        case CORE_CMD_BOARD: tui_go(a, TUI_SCR_BOARD); tui_board_refresh(a); return;
        case CORE_CMD_MENU: tui_flow_start(a, TUI_JOB_MENU); return;
        case CORE_CMD_LOT: tui_flow_start(a, TUI_JOB_LOT); return;
        case CORE_CMD_BATCH: tui_flow_start(a, TUI_JOB_BATCH); return;
        case CORE_CMD_CLOSE: tui_flow_start(a, TUI_JOB_CLOSE); return;
        default: break;
        }
    } else if (a->logged_in && cmd == CORE_CMD_LOGOUT) {
        tui_logout(a, NULL);
        return;
    }
    if (s->cmd)
        s->cmd(a, cmd, arg);
}

static void hostile(struct tui_app *a, const char *what)
{
    tui_msg(a, TUI_MSG_WARN, "%s %s", what,
            _("The input was rejected and nothing was recorded. Scan again."));
    tui_log("input rejected: %s", what);
    beep();
}

static void on_scan(struct tui_app *a, const char *text, const struct core_scan *sc,
                    enum core_scan_why why)
{
    const struct tui_screen *s = screen(a);

    if (why == CORE_SCAN_WHY_CONTROL || why == CORE_SCAN_WHY_UTF8 ||
        why == CORE_SCAN_WHY_TOO_LONG || why == CORE_SCAN_WHY_EMPTY) {
        hostile(a, why == CORE_SCAN_WHY_TOO_LONG ? _("Too long.")
                   : why == CORE_SCAN_WHY_EMPTY  ? _("Empty scan.")
                                                 : _("Control characters or invalid text."));
        return;
    }
    if (a->latched) {
        int is_cmd = sc->kind == CORE_SCAN_COMMAND;

        if (is_cmd && (sc->cmd == CORE_CMD_OK || sc->cmd == CORE_CMD_CANCEL)) {
            tui_ack(a);
            return;
        }
        /* the remedy the message itself names is taken as acknowledge-and-proceed */
        if (is_cmd && a->latched_why == CORE_R_ON_HOLD &&
            (sc->cmd == CORE_CMD_REWORK || sc->cmd == CORE_CMD_SCRAP)) {
            tui_ack(a);
            dispatch_cmd(a, sc->cmd, sc->arg);
            return;
        }
        /* anything else is kept from acting, visibly: the operator sees why */
        tui_msg(a, TUI_MSG_WARN, "%s",
                _("Acknowledge first (Enter or CMD:OK): that scan was not used."));
        tui_log("scan ignored while a message waits for acknowledgement");
        beep();
        return;
    }
    if (repeated(a, sc)) {
        tui_msg(a, TUI_MSG_INFO, "%s", _("Same scan again within the repeat window: ignored."));
        return;
    }
    if (sc->kind == CORE_SCAN_COMMAND)
        dispatch_cmd(a, sc->cmd, sc->arg);
    else if (s->line)
        s->line(a, text, sc, why);
}

static void on_line(struct tui_app *a, const char *text)
{
    const struct tui_screen *s = screen(a);
    struct core_scan sc;

    if (!*text || a->latched)
        a->last_scan[0] = '\0'; /* a deliberate key ends a bounce sequence */
    if (!*text) { /* Enter alone: acknowledges, else lets the screen move on */
        if (a->latched)
            tui_ack(a);
        else if (s->line)
            s->line(a, "", NULL, CORE_SCAN_WHY_EMPTY);
        return;
    }
    on_scan(a, text, &sc, tui_parse(a, text, &sc));
    memset(&sc, 0, sizeof sc); /* may have held a PIN */
}

static const struct {
    int key, fn;
    enum core_cmd cmd;
} hotkeys[] = {
    { 16, 0, CORE_CMD_PASS },    { 6, 0, CORE_CMD_FAIL },     { 15, 0, CORE_CMD_OK },
    { 27, 0, CORE_CMD_CANCEL },  { 3, 0, CORE_CMD_CANCEL },   { 14, 0, CORE_CMD_NEW },
    { 18, 0, CORE_CMD_REWORK },  { 24, 0, CORE_CMD_SCRAP },   { 5, 0, CORE_CMD_REPRINT },
    { 20, 0, CORE_CMD_TRACE },   { 2, 0, CORE_CMD_BOARD },    { 17, 0, CORE_CMD_LOGOUT },
    { 1, 0, CORE_CMD_MENU },     { 0, 2, CORE_CMD_PASS },     { 0, 3, CORE_CMD_FAIL },
    { 0, 4, CORE_CMD_NEW },      { 0, 5, CORE_CMD_TRACE },    { 0, 6, CORE_CMD_BOARD },
    { 0, 7, CORE_CMD_REWORK },   { 0, 8, CORE_CMD_SCRAP },    { 0, 9, CORE_CMD_REPRINT },
    { 0, 10, CORE_CMD_MENU },    { 0, 12, CORE_CMD_LOGOUT },
};

static void on_hotkey(struct tui_app *a, int key, int is_fn)
{
    const struct tui_screen *s = screen(a);

    if (!is_fn && key == 12) { /* ^L: repaint everything */
        clearok(curscr, TRUE);
        a->dirty = 1;
        return;
    }
    a->last_scan[0] = '\0';
    if (a->latched) { /* any key acknowledges, and does nothing else */
        tui_ack(a);
        return;
    }
    if (is_fn && (key == KEY_UP || key == KEY_DOWN || key == KEY_PPAGE || key == KEY_NPAGE ||
                  key == KEY_HOME || key == KEY_END)) {
        if (s->nav)
            s->nav(a, key);
        a->dirty = 1;
        return;
    }
    for (size_t i = 0; i < sizeof hotkeys / sizeof hotkeys[0]; i++) {
        if (is_fn ? hotkeys[i].fn && key == KEY_F(hotkeys[i].fn)
                  : !hotkeys[i].fn && key == hotkeys[i].key) {
            dispatch_cmd(a, hotkeys[i].cmd, "");
            return;
        }
    }
}

static void on_input(struct tui_app *a, const struct tui_in_out *ev)
{
    static const char *const rej[] = { N_("Control character in the scan."),
                                       N_("Escape sequence in the scan."),
                                       N_("Scan too long."),
                                       N_("Unexpected key inside a scan.") };
    switch (ev->ev) {
    case TUI_IN_NONE: return;
    case TUI_IN_EDIT: break;
    case TUI_IN_REJECT: hostile(a, _(rej[ev->why])); break;
    case TUI_IN_HOTKEY: on_hotkey(a, ev->key, ev->is_fn); break;
    case TUI_IN_LINE:
        a->line_us = now_us();
        a->line_bytes = ev->len;
        a->line_rt = a->db ? core_db_round_trips(a->db) : 0;
        on_line(a, ev->text);
        break;
    }
    a->dirty = 1;
}

static void drain_keys(struct tui_app *a)
{
    struct tui_in_out out;
    wint_t ch;
    int r;

    while (!a->quit && (r = get_wch(&ch)) != ERR) {
        a->now_ms = tui_now_ms();
        if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
            a->dirty = 1;
            continue;
        }
        a->last_key_ms = a->now_ms;
        tui_input_feed(&a->in, ch, r == KEY_CODE_YES, a->now_ms, &out);
        on_input(a, &out);
    }
    memset(&out, 0, sizeof out); /* may have held a PIN */
}

/* ---- drawing and timers ------------------------------------------------------------------- */
static void draw(struct tui_app *a)
{
    const struct tui_screen *s = screen(a);
    int top, rows;

    a->small = LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
    if (a->small) {
        tui_draw_small();
    } else {
        erase();
        tui_draw_frame(a, s, &top, &rows);
        s->draw(a, top, rows);
        tui_draw_input(a, s);
    }
    refresh();
    a->dirty = 0;
    if (a->start_us) {
        tui_log("first screen %.1f ms after start", (double)(now_us() - a->start_us) / 1000.0);
        a->start_us = 0;
    }
    if (a->line_us) { /* Enter to the updated screen, for the measurements */
        tui_log("line (%zu bytes) on screen in %.2f ms, %ld database round trips",
                a->line_bytes, (double)(now_us() - a->line_us) / 1000.0,
                a->db ? core_db_round_trips(a->db) - a->line_rt : 0L);
        a->line_us = 0;
    }
}

void tui_draw_now(struct tui_app *a)
{
    draw(a);
}

static void timers(struct tui_app *a, long *clock_s)
{
    long sec = (long)time(NULL);
    long idle = (long)a->cfg->idle_logout_min * 60000L;

    if (sec != *clock_s) { /* the header clock */
        *clock_s = sec;
        a->dirty = 1;
    }
    if (a->logged_in && idle > 0 && a->now_ms - a->last_key_ms > idle)
        tui_logout(a, _("Logged out: idle for too long."));
    if (a->print.n)
        tui_printjobs_poll(a);
    if (a->scr == TUI_SCR_BOARD && !a->board_due_ms &&
        a->now_ms - a->board_loaded_ms >= BOARD_SAFETY_MS)
        a->board_due_ms = a->now_ms; /* a notification lost with a rolled-back change */
    if (a->board_due_ms && a->now_ms >= a->board_due_ms) {
        a->board_due_ms = 0;
        if (a->scr == TUI_SCR_BOARD) {
            tui_board_refresh(a);
            if (a->board_followup)
                a->board_due_ms = a->now_ms + BOARD_FOLLOWUP_MS;
        }
        a->board_followup = 0;
    }
    if (a->dbst != TUI_DB_ONLINE)
        db_step(a);
}

static int next_timeout(struct tui_app *a)
{
    long t = 1000 - (long)(tui_now_ms() % 1000), x;

    if ((x = tui_input_timeout(&a->in, a->now_ms)) >= 0 && x < t)
        t = x;
    if ((x = tui_printjobs_timeout(a)) >= 0 && x < t)
        t = x;
    if (a->board_due_ms && a->board_due_ms - a->now_ms < t)
        t = a->board_due_ms - a->now_ms;
    if (a->dbst == TUI_DB_CONNECTING && t > 100)
        t = 100;
    if (a->dbst == TUI_DB_OFFLINE && a->db_next_try_ms - a->now_ms < t)
        t = a->db_next_try_ms - a->now_ms;
    return t < 0 ? 0 : (int)t;
}

static void loop(struct tui_app *a)
{
    long clock_s = 0;

    while (!a->quit && !g_stop) {
        struct pollfd fds[2];
        struct tui_in_out out;
        nfds_t n = 1;
        int sock = a->dbst != TUI_DB_OFFLINE && a->db ? core_db_socket(a->db) : -1;

        a->now_ms = tui_now_ms();
        /* notifications libpq already read while a query waited for its answer: the
         * socket shows nothing for them */
        if (a->dbst == TUI_DB_ONLINE && a->db)
            db_readable(a);
        if (a->dirty)
            draw(a);
        fds[0].fd = STDIN_FILENO, fds[0].events = POLLIN, fds[0].revents = 0;
        if (sock >= 0) {
            fds[1].fd = sock, fds[1].revents = 0, n = 2;
            fds[1].events = a->dbst == TUI_DB_CONNECTING && a->db_want_write ? POLLOUT : POLLIN;
        }
        if (poll(fds, n, next_timeout(a)) < 0 && errno != EINTR)
            break;
        a->now_ms = tui_now_ms();
        tui_input_tick(&a->in, a->now_ms, &out);
        on_input(a, &out);
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            break; /* the terminal went away */
        drain_keys(a);
        if (n == 2 && fds[1].revents)
            db_readable(a);
        timers(a, &clock_s);
    }
}

/* ---- start and stop --------------------------------------------------------------------- */
/* stderr goes to WIPSTATION_LOG, or to /dev/null while tui_log writes to syslog: the
 * libraries must not scribble over the screen. */
static void log_open(const char *station)
{
    const char *path = getenv("WIPSTATION_LOG");
    int fd;

    snprintf(g_log.station, sizeof g_log.station, "%s", station);
    g_log.to_syslog = !(path && *path);
    if (g_log.to_syslog)
        openlog("wipstation", LOG_PID | LOG_NDELAY, LOG_USER);
    g_log.saved_stderr = dup(STDERR_FILENO);
    fd = open(g_log.to_syslog ? "/dev/null" : path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
              0600);
    if (fd >= 0) {
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
}

/* stderr back to the terminal */
static void log_close(void)
{
    if (g_log.saved_stderr >= 0) {
        dup2(g_log.saved_stderr, STDERR_FILENO);
        close(g_log.saved_stderr);
        g_log.saved_stderr = -1;
    }
}

/* A fatal error: the reason goes to the log, the terminal is given back, and stn_die
 * then prints the reason on it. */
static void end_screen(const char *reason)
{
    tui_log("fatal: %s", reason);
    if (!isendwin())
        endwin();
    log_close();
}

static void start_screen(struct tui_app *a)
{
    const char *nc = getenv("NO_COLOR");
    int mono = a->cfg->colour == CORE_COLOUR_MONO ||
               (a->cfg->colour == CORE_COLOUR_AUTO && nc && *nc);

    /* newterm rather than initscr: an unusable TERM is reported through the log and
     * the terminal instead of ending the program inside curses */
    if (!newterm(NULL, stdout, stdin)) {
        const char *term = getenv("TERM");
        stn_die("cannot drive the terminal type '%s' (set TERM to the terminal's type, "
                "e.g. linux, xterm-256color or vt220)", term ? term : "");
    }
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    tui_ui_init(mono);
    a->mono = tui_ui_mono();
}

static void signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

static void app_init(struct tui_app *a, struct core_cfg *cfg)
{
    a->cfg = cfg;
    a->process = cfg->process;
    a->actor.process = cfg->process;
    snprintf(a->actor.station_id, sizeof a->actor.station_id, "%s", cfg->station_id);
    tui_input_init(&a->in, (size_t)cfg->max_length, cfg->suffix);
    a->dbst = TUI_DB_OFFLINE;
    a->now_ms = a->last_key_ms = tui_now_ms();
    a->scr = TUI_SCR_LOGIN;
    a->dirty = 1;
}

static void app_fini(struct tui_app *a)
{
    struct rusage ru;

    tui_printjobs_fini(a);
    core_trace_fini(&a->trace);
    core_board_fini(&a->board);
    core_db_close(a->db);
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        tui_log("exit: max RSS %ld kB", ru.ru_maxrss);
}

int tui_station_main(struct core_cfg *cfg)
{
    struct tui_app *a;
    long t0 = now_us();

    tui_locale_init();
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "wipstation: the station screen needs a terminal\n");
        return EXIT_FAILURE;
    }
    tui_i18n_init(cfg->language, getenv("TERM"));
    a = xcalloc(1, sizeof *a);
    app_init(a, cfg);
    a->start_us = t0;
    signals();
    log_open(cfg->station_id);
    stn_set_die_cleanup(end_screen);
    tui_log("start: station %s, process %d", cfg->station_id, cfg->process);
    db_first_open(a);
    start_screen(a);
    loop(a);
    endwin();
    app_fini(a);
    stn_set_die_cleanup(NULL);
    log_close();
    if (g_log.to_syslog)
        closelog();
    free(a);
    return EXIT_SUCCESS;
}
