/* tui/app.c — start-up, the poll() loop, drawing, timers, signals and the log; who is
 * logged in and at which process. The database session is tui/session.c, what input
 * does is tui/dispatch.c. */
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
#include "rig/service.h"
#include "tui/i18n.h"
#include "tui/ui.h"

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

const struct tui_screen *tui_screen(const struct tui_app *a)
{
    switch (a->scr) {
    case TUI_SCR_LOGIN: return &tui_login_screen;
    case TUI_SCR_STATION: return &tui_station_screen;
    case TUI_SCR_TRACE: return &tui_trace_screen;
    case TUI_SCR_BOARD: return &tui_board_screen;
    case TUI_SCR_SUPER: return &tui_super_screen;
    case TUI_SCR_QUALITY: return &tui_quality_screen;
    }
    return &tui_login_screen;
}

void tui_go(struct tui_app *a, enum tui_scr scr)
{
    a->scr = scr;
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

/* ---- who works here, and at which process ------------------------------------------ */
void tui_set_process(struct tui_app *a, int n)
{
    a->process = n;
    a->actor.process = n;
    tui_station_set_lot(a, NULL);
    tui_station_reset(a);
    tui_session_find_equipment(a);
    tui_log("station %s now works process %d", a->actor.station_id, n);
    a->dirty = 1;
}

void tui_log_in(struct tui_app *a, const struct core_user *u)
{
    a->user = *u;
    a->logged_in = 1;
    a->actor.user_id = u->id;
    a->actor.role = u->role;
    snprintf(a->actor.name, sizeof a->actor.name, "%s", u->full_name);
    tui_set_process(a, a->process);
    tui_go(a, TUI_SCR_STATION);
    a->last_key_ms = a->now_ms;
}

void tui_logout(struct tui_app *a, const char *why)
{
    tui_log("logout %s%s%s", a->user.username, why ? ": " : "", why ? why : "");
    a->logged_in = 0;
    memset(&a->user, 0, sizeof a->user);
    a->actor.user_id = 0;
    a->actor.name[0] = '\0';
    tui_station_set_lot(a, NULL);
    tui_login_reset(a);
    tui_flow_reset(a);
    tui_station_reset(a);
    tui_banner_reset(a);
    tui_input_clear(&a->in);
    tui_go(a, TUI_SCR_LOGIN);
    tui_msg(a, TUI_MSG_INFO, "%s", why ? why : _("Logged out."));
}

/* ---- input ------------------------------------------------------------------------------ */
static void on_input(struct tui_app *a, const struct tui_in_out *ev)
{
    if (ev->ev == TUI_IN_LINE) { /* Enter to the updated screen, for the measurements */
        a->timing.line_us = now_us();
        a->timing.line_bytes = ev->len;
        a->timing.line_rt = a->db ? core_db_round_trips(a->db) : 0;
    }
    tui_dispatch(a, ev);
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
    const struct tui_screen *s = tui_screen(a);
    int top, rows;

    if (LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS) {
        tui_draw_small(&a->ui);
    } else {
        erase();
        tui_draw_frame(a, s, &top, &rows);
        s->draw(a, top, rows);
        tui_draw_input(a, s);
    }
    refresh();
    a->dirty = 0;
    if (a->timing.start_us) {
        tui_log("first screen %.1f ms after start",
                (double)(now_us() - a->timing.start_us) / 1000.0);
        a->timing.start_us = 0;
    }
    if (a->timing.line_us) {
        tui_log("line (%zu bytes) on screen in %.2f ms, %ld database round trips",
                a->timing.line_bytes, (double)(now_us() - a->timing.line_us) / 1000.0,
                a->db ? core_db_round_trips(a->db) - a->timing.line_rt : 0L);
        a->timing.line_us = 0;
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
    tui_printjobs_poll(a);
    tui_board_tick(a);
    tui_station_tick(a);
    tui_quality_tick(a);
    tui_session_tick(a);
}

static int next_timeout(struct tui_app *a)
{
    long t = 1000 - (long)(tui_now_ms() % 1000), x;

    if ((x = tui_input_timeout(&a->in, a->now_ms)) >= 0 && x < t)
        t = x;
    if ((x = tui_printjobs_timeout(a)) >= 0 && x < t)
        t = x;
    if ((x = tui_board_timeout(a)) >= 0 && x < t)
        t = x;
    if ((x = tui_quality_timeout(a)) >= 0 && x < t)
        t = x;
    t = tui_session_timeout(a, t);
    t = tui_rig_timeout(a, t);
    return t < 0 ? 0 : (int)t;
}

static void loop(struct tui_app *a)
{
    long clock_s = 0;

    while (!a->quit && !g_stop) {
        struct pollfd fds[2 + RIG_SERVICE_MAX_FDS];
        struct tui_in_out out;
        int n = 1, db = -1, rig, n_rig;
        int sock = tui_session_socket(a);

        a->now_ms = tui_now_ms();
        tui_session_drain(a);
        if (a->dirty)
            draw(a);
        fds[0].fd = STDIN_FILENO, fds[0].events = POLLIN, fds[0].revents = 0;
        if (sock >= 0) {
            db = n++;
            fds[db].fd = sock, fds[db].revents = 0;
            fds[db].events = tui_session_events(a);
        }
        rig = n;
        n_rig = tui_rig_fds(a, fds + rig, RIG_SERVICE_MAX_FDS);
        n += n_rig;
        if (poll(fds, (nfds_t)n, next_timeout(a)) < 0 && errno != EINTR)
            break;
        a->now_ms = tui_now_ms();
        tui_input_tick(&a->in, a->now_ms, &out);
        on_input(a, &out);
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            break; /* the terminal went away */
        drain_keys(a);
        if (db >= 0 && fds[db].revents)
            tui_session_readable(a);
        tui_rig_events(a, fds + rig, n_rig);
        timers(a, &clock_s);
        tui_rig_step(a); /* the rigs' requests, after the operator's keys of this turn */
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

    /* newterm returns NULL for an unusable TERM (initscr would end the program inside
     * curses): the reason then reaches the log and the terminal */
    if (!newterm(NULL, stdout, stdin)) {
        const char *term = getenv("TERM");
        stn_die("cannot drive the terminal type '%s' (set TERM to the terminal's type, "
                "e.g. linux, xterm-256color or vt220)",
                term ? term : "");
    }
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    tui_ui_init(&a->ui, mono);
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
    a->now_ms = a->last_key_ms = tui_now_ms();
    a->scr = TUI_SCR_LOGIN;
    a->dirty = 1;
}

static void app_fini(struct tui_app *a)
{
    struct rusage ru;

    tui_rig_close(a);
    tui_printjobs_fini(a);
    tui_trace_fini(a);
    tui_board_fini(a);
    tui_session_close(a);
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
    a = xcalloc(1, sizeof *a);
    tui_i18n_init(cfg->language, getenv("TERM"), &a->ui.ko, &a->ui.ascii);
    app_init(a, cfg);
    a->timing.start_us = t0;
    signals();
    log_open(cfg->station_id);
    stn_set_die_cleanup(end_screen);
    tui_log("start: station %s, process %d", cfg->station_id, cfg->process);
    tui_session_open(a);
    tui_rig_open(a);
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
