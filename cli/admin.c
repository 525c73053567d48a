/* cli/admin.c — `wipstation admin NOUN VERB ...` (man wipstation-admin): users, badges
 * and PINs, processes and their measurement criteria, defect codes, equipment, lines,
 * models, settings, badge labels. The arguments are parsed and the results shown here;
 * every change is one call of core/admin.h, which the database validates and audits.
 *
 * Exit codes: 0 done (or nothing to do), 1 the database or the printer failed, 2 a usage
 * error or input the database refused (nothing was changed). */
#include "cli/cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/status.h"
#include "base/xalloc.h"
#include "core/admin.h"
#include "core/auth.h"
#include "core/cfg.h"
#include "core/db.h"
#include "print/print.h"
#include "tui/layout.h"

/* Options (bits of admin.given and of a command's allowed and required sets). */
enum {
    A_NAME = 1 << 0,
    A_ROLE = 1 << 1,
    A_USERNAME = 1 << 2,
    A_KO = 1 << 3,
    A_EN = 1 << 4,
    A_QUEUE = 1 << 5,
    A_PROCESS = 1 << 6,
    A_CSV = 1 << 7,
    A_DRY = 1 << 8,
};

/* The longest badge whose Code 128 fits etc/labels/badge.zpl at 0.25 mm modules. */
#define BADGE_LABEL_MAX 16
/* A criteria file larger than this is no criteria file. */
#define CRITERIA_MAX (1 << 20)

struct admin {
    struct cli_opts o; /* the options given before "admin", -c from after it */
    const char *name, *role, *username, *ko, *en, *queue, *process;
    unsigned given;
    char **pos; /* the command's arguments after NOUN VERB */
    int npos;
    const char *cmd; /* "user add", for messages */
    struct core_cfg cfg;
    struct core_db *db;
    int64_t job_pk; /* badge-label: its print job */
};

struct admin_cmd {
    const char *noun, *verb; /* verb NULL: the noun alone (badge-label) */
    const char *usage;
    int min, max; /* arguments after NOUN VERB */
    unsigned allowed, required;
    int (*run)(struct admin *a);
};

/* ---- output ------------------------------------------------------------------------------ */

static int fail(const struct admin *a, enum stn_code rc, const char *where, const char *msg)
{
    fprintf(stderr, "wipstation admin %s: %s%s%s\n", a->cmd, where ? where : "", where ? ": " : "",
            msg);
    switch (rc) {
    case STN_E_USAGE:
    case STN_E_CONFIG:
    case STN_E_INPUT:
    case STN_E_NOT_FOUND:
    case STN_E_DUPLICATE: return CLI_USAGE;
    default: return CLI_FAIL;
    }
}

static int failed(const struct admin *a, const struct stn_err *err)
{
    return fail(a, err->code, NULL, err->msg);
}

static void print_csv(const struct core_table *t)
{
    for (int c = 0; c < t->ncols; c++)
        cli_csv_field(t->names[c], c + 1 == t->ncols);
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++)
            cli_csv_field(core_table_at(t, r, c), c + 1 == t->ncols);
}

/* Columns aligned by display width (Hangul is two columns); control characters as '?'. */
static void print_table(const struct core_table *t, const char *indent)
{
    enum { MAX_COLS = 32, MAX_WIDTH = 48, CELL = MAX_WIDTH * 4 + 1 };
    int w[MAX_COLS] = { 0 }, nc = t->ncols < MAX_COLS ? t->ncols : MAX_COLS;
    char *line = xmalloc((size_t)nc * (CELL + 2) + 1), cell[CELL];

    for (int c = 0; c < nc; c++) {
        w[c] = tui_text_width(t->names[c]);
        for (int r = 0; r < t->nrows; r++) {
            int x = tui_text_width(core_table_at(t, r, c));
            w[c] = x > w[c] ? x : w[c];
        }
        w[c] = w[c] > MAX_WIDTH ? MAX_WIDTH : w[c];
    }
    for (int r = -1; r < t->nrows; r++) {
        size_t n = 0;
        for (int c = 0; c < nc; c++) {
            tui_fit(cell, sizeof cell, r < 0 ? t->names[c] : core_table_at(t, r, c), w[c], 1, 0);
            n += (size_t)sprintf(line + n, "%s%s", c ? "  " : "", cell);
        }
        while (n > 0 && line[n - 1] == ' ')
            n--;
        printf("%s%.*s\n", indent, (int)n, line);
    }
    free(line);
}

static int show_list(struct admin *a, enum core_admin_list which, int arg, const char *title)
{
    struct core_table t;
    struct stn_err err;

    if (core_admin_list(a->db, which, arg, &t, &err) != STN_OK)
        return failed(a, &err);
    if (title)
        printf("%s:\n", title);
    if (a->given & A_CSV)
        print_csv(&t);
    else if (t.nrows == 0 && title)
        printf("  (none)\n");
    else
        print_table(&t, title ? "  " : "");
    core_table_fini(&t);
    return CLI_OK;
}

/* ---- arguments ------------------------------------------------------------------------------ */

/* A process number argument (1-100), or -1 after saying why not. */
static int process_arg(struct admin *a, const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (!*s || *end || n < 1 || n > 100) {
        fail(a, STN_E_USAGE, "process", "not a process number (1-100)");
        return -1;
    }
    return (int)n;
}

/* Whether s could be a PIN (4-12 digits): such an argument is never taken. */
static int pin_like(const char *s)
{
    return core_pin_valid(s);
}

static int refuse_pin_argument(struct admin *a)
{
    return fail(a, STN_E_USAGE, NULL,
                "a PIN is never given on the command line (shell history, ps): type it when "
                "asked, or give it as one line on standard input");
}

/* ---- users ----------------------------------------------------------------------------------- */

/* src in upper case (badges and roles are stored so), cut to n - 1 bytes. */
static void upper(char *dst, size_t n, const char *src)
{
    size_t i = 0;

    for (; src[i] && i + 1 < n; i++)
        dst[i] = (char)(src[i] >= 'a' && src[i] <= 'z' ? src[i] - 32 : src[i]);
    dst[i] = '\0';
}

/* One line of standard input, without its line end; 0 at end of input. */
static int read_line(char *buf, size_t n)
{
    if (!fgets(buf, (int)n, stdin))
        return 0;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 1;
}

/* The terminal's settings while a PIN is typed without echo, restored on a signal. */
static struct termios saved_tty;
static volatile sig_atomic_t tty_changed;

static void restore_tty(int sig)
{
    if (tty_changed)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    tty_changed = 0;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A line typed on the terminal without echo; 0, or -1 when it cannot be read. Ctrl-Z is
 * ignored meanwhile: stopped and continued, the read would go on with the echo back. */
static int read_hidden(char *buf, size_t n)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    struct termios t;
    int ok;

    if (tcgetattr(STDIN_FILENO, &saved_tty) != 0)
        return -1;
    t = saved_tty;
    t.c_lflag &= ~(tcflag_t)ECHO;
    t.c_lflag |= ECHONL;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], restore_tty);
    signal(SIGTSTP, SIG_IGN);
    tty_changed = 1;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) != 0) {
        tty_changed = 0;
        signal(SIGTSTP, SIG_DFL);
        return -1;
    }
    ok = read_line(buf, n);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    tty_changed = 0;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    return ok ? 0 : -1;
}

static int run_user_add(struct admin *a)
{
    struct stn_err err;
    char badge[33], role[16];

    if (core_admin_user_add(a->db, a->pos[0], a->name, a->role, a->username, &err) != STN_OK)
        return failed(a, &err);
    upper(badge, sizeof badge, a->pos[0]);
    upper(role, sizeof role, a->role);
    printf("user %s added: %s, %s; set the PIN with: wipstation admin user pin %s\n", badge,
           a->name, role, badge);
    return CLI_OK;
}

static int run_user_pin(struct admin *a)
{
    char pin[64] = "", again[64] = "";
    struct stn_err err;
    int had = 0, ex = CLI_OK;

    if (isatty(STDIN_FILENO)) {
        fprintf(stderr, "PIN for %s (%d to %d digits, not shown): ", a->pos[0], CORE_PIN_MIN,
                CORE_PIN_MAX);
        if (read_hidden(pin, sizeof pin) == 0) {
            fprintf(stderr, "The same PIN again: ");
            if (read_hidden(again, sizeof again) != 0 || strcmp(pin, again))
                ex = fail(a, STN_E_INPUT, "PIN", "the two PINs differ; nothing changed");
        } else {
            ex = fail(a, STN_E_INPUT, "PIN", "not read from the terminal; nothing changed");
        }
    } else if (!read_line(pin, sizeof pin)) {
        ex = fail(a, STN_E_INPUT, "PIN", "no line on standard input; nothing changed");
    }
    if (ex == CLI_OK && !core_pin_valid(pin))
        ex = fail(a, STN_E_INPUT, "PIN", "4 to 12 digits; nothing changed");
    if (ex == CLI_OK && core_admin_user_pin(a->db, a->pos[0], pin, &had, &err) != STN_OK)
        ex = failed(a, &err);
    if (ex == CLI_OK)
        printf("PIN %s for %s%s\n", had ? "changed" : "set", a->pos[0],
               had ? "; wrong PINs counted against the old one are forgotten" : "");
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    return ex;
}

static int run_user_unlock(struct admin *a)
{
    struct stn_err err;
    int changed = 0;

    if (core_admin_user_unlock(a->db, a->pos[0], &changed, &err) != STN_OK)
        return failed(a, &err);
    printf(changed ? "%s unlocked: it may log in again\n" : "%s was not locked; nothing changed\n",
           a->pos[0]);
    return CLI_OK;
}

static int set_active(struct admin *a, int active)
{
    struct stn_err err;
    int changed = 0;

    if (core_admin_user_active(a->db, a->pos[0], active, &changed, &err) != STN_OK)
        return failed(a, &err);
    printf("%s %s%s\n", a->pos[0], changed ? "" : "was already ", active ? "enabled" : "disabled");
    return CLI_OK;
}

static int run_user_disable(struct admin *a)
{
    return set_active(a, 0);
}

static int run_user_enable(struct admin *a)
{
    return set_active(a, 1);
}

static int run_user_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_USERS, 0, NULL);
}

/* ---- processes and criteria ------------------------------------------------------------------- */

static int run_process_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_PROCESSES, 0, NULL);
}

/* The first row's value in the column named name ("" when there is none). */
static const char *cell(const struct core_table *t, const char *name)
{
    const char *v = core_table_get(t, 0, name);
    return v ? v : "";
}

static int run_process_show(struct admin *a)
{
    int n = process_arg(a, a->pos[0]), ex;
    struct core_table t;
    struct stn_err err;

    if (n < 0)
        return CLI_USAGE;
    if (core_admin_list(a->db, CORE_ADMIN_PROCESS, n, &t, &err) != STN_OK)
        return failed(a, &err);
    printf("process %s %s: %s (%s)\n", cell(&t, "process"), cell(&t, "code"), cell(&t, "name"),
           cell(&t, "name_ko"));
    for (int c = 0; c < t.ncols; c++) { /* the others, one a line */
        const char *h = t.names[c];
        if (strcmp(h, "process") && strcmp(h, "code") && strcmp(h, "name") && strcmp(h, "name_ko"))
            printf("  %-17s %s\n", h, core_table_at(&t, 0, c));
    }
    core_table_fini(&t);
    a->given &= ~(unsigned)A_CSV;
    if ((ex = show_list(a, CORE_ADMIN_FIELDS, n, "measurement fields")) == CLI_OK &&
        (ex = show_list(a, CORE_ADMIN_DEFECTS, n, "defect codes")) == CLI_OK)
        ex = show_list(a, CORE_ADMIN_VERSIONS, n, "criteria versions");
    return ex;
}

static int run_criteria_export(struct admin *a)
{
    int n = process_arg(a, a->pos[0]), v = 0;
    struct stn_err err;
    char *json = NULL, *end;

    if (n < 0)
        return CLI_USAGE;
    if (a->npos > 1) {
        long l = strtol(a->pos[1], &end, 10);
        if (!*a->pos[1] || *end || l < 1 || l > 1000000)
            return fail(a, STN_E_USAGE, "VERSION", "not a version number");
        v = (int)l;
    }
    if (core_admin_criteria_export(a->db, n, v, &json, &err) != STN_OK)
        return failed(a, &err);
    fputs(json, stdout);
    free(json);
    return CLI_OK;
}

/* The file's bytes (at most CRITERIA_MAX; "-": standard input), or NULL after saying why. */
static char *slurp(struct admin *a, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char *buf;

    if (!f) {
        fail(a, STN_E_USAGE, path, "cannot be read");
        return NULL;
    }
    buf = xmalloc(CRITERIA_MAX + 1);
    *len = fread(buf, 1, CRITERIA_MAX + 1, f);
    if (ferror(f) || *len > CRITERIA_MAX) {
        fail(a, STN_E_USAGE, path, ferror(f) ? "cannot be read" : "larger than 1 MiB");
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    return buf;
}

static int run_criteria_import(struct admin *a)
{
    int n = process_arg(a, a->pos[0]), version = 0, dry = (a->given & A_DRY) != 0;
    const char *path = a->pos[1], *where = strcmp(path, "-") ? path : "standard input";
    struct core_table changes;
    struct stn_err err;
    size_t len = 0;
    char *doc;

    if (n < 0)
        return CLI_USAGE;
    if (!(doc = slurp(a, path, &len)))
        return CLI_USAGE;
    if (core_admin_criteria_import(a->db, n, doc, len, dry, &changes, &version, &err) != STN_OK) {
        free(doc);
        /* the database's message names the place in the file (fields[2].max: ...) */
        return fail(a, err.code,
                    err.code == STN_E_INPUT || err.code == STN_E_NOT_FOUND ||
                            err.code == STN_E_DUPLICATE
                        ? where
                        : NULL,
                    err.msg);
    }
    free(doc);
    for (int r = 0; r < changes.nrows; r++)
        printf("  %s\n", core_table_at(&changes, r, 0));
    if (changes.nrows == 0)
        printf("process %d: no change%s\n", n, dry ? "" : "; its criteria version stays");
    else if (dry)
        printf("process %d: %d change%s (dry run: nothing changed)\n", n, changes.nrows,
               changes.nrows == 1 ? "" : "s");
    else
        printf("process %d: criteria version %d (%d change%s); stations judge with it from "
               "their next connection or login, and record the version with each attempt\n",
               n, version, changes.nrows, changes.nrows == 1 ? "" : "s");
    core_table_fini(&changes);
    return CLI_OK;
}

/* ---- defect codes, equipment, lines, models, settings -------------------------------------------- */

static int run_defect_add(struct admin *a)
{
    int n = process_arg(a, a->pos[0]);
    struct stn_err err;

    if (n < 0)
        return CLI_USAGE;
    if (core_admin_defect_add(a->db, n, a->pos[1], a->ko, a->en, &err) != STN_OK)
        return failed(a, &err);
    printf("process %d: defect code %s added (scan it as CMD:DEFECT:%s; print-commands prints "
           "the station's sheet again)\n",
           n, a->pos[1], a->pos[1]);
    return CLI_OK;
}

static int run_defect_list(struct admin *a)
{
    int n = process_arg(a, a->pos[0]);
    return n < 0 ? CLI_USAGE : show_list(a, CORE_ADMIN_DEFECTS, n, NULL);
}

static int run_equipment_add(struct admin *a)
{
    int n = process_arg(a, a->process);
    struct stn_err err;
    char code[64];

    if (n < 0)
        return CLI_USAGE;
    if (core_admin_equipment_add(a->db, a->pos[0], n, a->name, &err) != STN_OK)
        return failed(a, &err);
    upper(code, sizeof code, a->pos[0]);
    printf("equipment %s added at process %d\n", code, n);
    return CLI_OK;
}

static int run_equipment_retire(struct admin *a)
{
    struct stn_err err;
    int changed = 0;

    if (core_admin_equipment_retire(a->db, a->pos[0], &changed, &err) != STN_OK)
        return failed(a, &err);
    printf(changed ? "equipment %s retired: stations no longer record it\n"
                   : "equipment %s was already retired\n",
           a->pos[0]);
    return CLI_OK;
}

static int run_equipment_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_EQUIPMENT, 0, NULL);
}

static int run_line_add(struct admin *a)
{
    struct stn_err err;
    char code[64];

    if (core_admin_line_add(a->db, a->pos[0], a->name, &err) != STN_OK)
        return failed(a, &err);
    upper(code, sizeof code, a->pos[0]);
    printf("line %s added\n", code);
    return CLI_OK;
}

static int run_line_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_LINES, 0, NULL);
}

static int run_model_add(struct admin *a)
{
    struct stn_err err;
    char code[64];

    if (core_admin_model_add(a->db, a->pos[0], a->name, &err) != STN_OK)
        return failed(a, &err);
    upper(code, sizeof code, a->pos[0]);
    printf("model %s added\n", code);
    return CLI_OK;
}

static int run_model_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_MODELS, 0, NULL);
}

static int run_setting_set(struct admin *a)
{
    struct stn_err err;
    int changed = 0;

    if (core_admin_setting_set(a->db, a->pos[0], a->pos[1], &changed, &err) != STN_OK)
        return failed(a, &err);
    if (!changed)
        printf("%s was already %s; nothing changed\n", a->pos[0], a->pos[1]);
    else if (!strcmp(a->pos[0], "max_rework"))
        printf("%s = %s; stations read it when they connect\n", a->pos[0], a->pos[1]);
    else /* the report settings: read by each report, none held by a station */
        printf("%s = %s; reports use it from the next one\n", a->pos[0], a->pos[1]);
    return CLI_OK;
}

static int run_setting_list(struct admin *a)
{
    return show_list(a, CORE_ADMIN_SETTINGS, 0, NULL);
}

/* ---- badge labels ---------------------------------------------------------------------------------- */

static void record_badge(void *ctx, const char *state, int job_id, const char *text)
{
    struct admin *a = ctx;
    struct stn_err err;

    if (core_admin_badge_label_state(a->db, a->job_pk, state, job_id, text, &err) != STN_OK)
        fprintf(stderr, "wipstation admin badge-label: state %s not recorded: %s\n", state,
                err.msg);
}

static int run_badge_label(struct admin *a)
{
    const char *queue = a->queue ? a->queue : a->o.queue ? a->o.queue : a->cfg.queue;
    struct prn_label_data d = { 0 };
    struct prn_buf buf = { NULL, 0 };
    struct core_badge_label bl;
    struct prn_style st;
    struct stn_err err;
    int ex;

    if (!queue || !queue[0])
        return fail(a, STN_E_CONFIG, NULL,
                    "no printer queue: set [printer] queue in the "
                    "configuration or use --queue");
    if (strlen(a->pos[0]) > BADGE_LABEL_MAX)
        return fail(a, STN_E_INPUT, a->pos[0],
                    "longer than the 16 characters a badge label's "
                    "bar code holds");
    if (core_admin_badge_label(a->db, a->pos[0], queue, a->cfg.station_id, &bl, &err) != STN_OK)
        return failed(a, &err);
    a->job_pk = bl.job_pk;
    d.badge = bl.badge;
    d.name = bl.name;
    d.role = bl.role;
    d.station = a->cfg.station_id;
    cli_print_style(&a->cfg, &st);
    if (prn_label_render(&st, PRN_LABEL_BADGE, &d, &buf, &err) != STN_OK) {
        record_badge(a, "FAILED", 0, err.msg);
        return failed(a, &err);
    }
    ex = cli_print_follow(&a->cfg, "badge-label", queue, &buf, record_badge, a);
    prn_buf_free(&buf);
    return ex;
}

/* ---- the commands ------------------------------------------------------------------------------------ */

static const struct admin_cmd cmds[] = {
    { "user", "add", "BADGE --name NAME --role OPERATOR|MANAGER|ADMIN [--username U]", 1, 1,
      A_NAME | A_ROLE | A_USERNAME, A_NAME | A_ROLE, run_user_add },
    { "user", "pin", "BADGE            (the PIN is asked for, or read from standard input)", 1, 9,
      0, 0, run_user_pin },
    { "user", "unlock", "BADGE", 1, 1, 0, 0, run_user_unlock },
    { "user", "disable", "BADGE", 1, 1, 0, 0, run_user_disable },
    { "user", "enable", "BADGE", 1, 1, 0, 0, run_user_enable },
    { "user", "list", "[--csv]", 0, 0, A_CSV, 0, run_user_list },
    { "process", "list", "[--csv]", 0, 0, A_CSV, 0, run_process_list },
    { "process", "show", "N", 1, 1, 0, 0, run_process_show },
    { "criteria", "export", "N [VERSION]", 1, 2, 0, 0, run_criteria_export },
    { "criteria", "import", "N FILE [--dry-run]", 2, 2, A_DRY, 0, run_criteria_import },
    { "defect", "add", "N CODE --ko TEXT --en TEXT", 2, 2, A_KO | A_EN, A_KO | A_EN,
      run_defect_add },
    { "defect", "list", "N [--csv]", 1, 1, A_CSV, 0, run_defect_list },
    { "equipment", "add", "CODE --process N [--name TEXT]", 1, 1, A_PROCESS | A_NAME, A_PROCESS,
      run_equipment_add },
    { "equipment", "retire", "CODE", 1, 1, 0, 0, run_equipment_retire },
    { "equipment", "list", "[--csv]", 0, 0, A_CSV, 0, run_equipment_list },
    { "line", "add", "CODE [--name TEXT]", 1, 1, A_NAME, 0, run_line_add },
    { "line", "list", "[--csv]", 0, 0, A_CSV, 0, run_line_list },
    { "model", "add", "CODE [--name TEXT]", 1, 1, A_NAME, 0, run_model_add },
    { "model", "list", "[--csv]", 0, 0, A_CSV, 0, run_model_list },
    { "setting", "set", "KEY VALUE", 2, 2, 0, 0, run_setting_set },
    { "setting", "list", "[--csv]", 0, 0, A_CSV, 0, run_setting_list },
    { "badge-label", NULL, "BADGE [--queue Q]", 1, 1, A_QUEUE, 0, run_badge_label },
};
#define N_CMDS ((int)(sizeof cmds / sizeof cmds[0]))

static const char *const option_names[] = { "--name",    "--role", "--username",
                                            "--ko",      "--en",   "--queue",
                                            "--process", "--csv",  "--dry-run" };

static int usage(FILE *f, int code)
{
    fputs("usage: wipstation admin [-c FILE] COMMAND (man wipstation-admin)\n", f);
    for (int i = 0; i < N_CMDS; i++)
        fprintf(f, "  wipstation admin %s%s%s %s\n", cmds[i].noun, cmds[i].verb ? " " : "",
                cmds[i].verb ? cmds[i].verb : "", cmds[i].usage);
    fputs("Connects as [database] says, as a role granted wip_admin; every change is audited.\n"
          "exit codes: 0 ok, 1 database or printer failure, 2 usage error or refused input\n",
          f);
    return code;
}

/* The operating-system user who runs the command, as the audit rows name it. */
static void os_user(char *buf, size_t n)
{
    struct passwd *pw = getpwuid(getuid());
    const char *sudo = getenv("SUDO_USER");

    snprintf(buf, n, "%s", pw ? pw->pw_name : "?");
    if (getuid() == 0 && sudo && *sudo)
        snprintf(buf + strlen(buf), n - strlen(buf), " (sudo from %.64s)", sudo);
}

/* Text is UTF-8 from the database: columns are measured in a UTF-8 locale. */
static void text_locale(void)
{
    const char *cs;

    if (!setlocale(LC_CTYPE, "") || !(cs = nl_langinfo(CODESET)) ||
        (strcmp(cs, "UTF-8") && strcmp(cs, "utf8")))
        setlocale(LC_CTYPE, "C.UTF-8");
}

/* The options of a command; -1 (after saying why) or the exit code of a help request. */
static int parse(struct admin *a, int argc, char **argv)
{
    enum { O_NAME = 1000, O_ROLE, O_USERNAME, O_KO, O_EN, O_QUEUE, O_PROCESS, O_CSV, O_DRY };
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { "name", required_argument, NULL, O_NAME },
        { "role", required_argument, NULL, O_ROLE },
        { "username", required_argument, NULL, O_USERNAME },
        { "ko", required_argument, NULL, O_KO },
        { "en", required_argument, NULL, O_EN },
        { "queue", required_argument, NULL, O_QUEUE },
        { "process", required_argument, NULL, O_PROCESS },
        { "csv", no_argument, NULL, O_CSV },
        { "dry-run", no_argument, NULL, O_DRY },
        { NULL, 0, NULL, 0 },
    };
    const char **slot[] = {
        &a->name, &a->role, &a->username, &a->ko, &a->en, &a->queue, &a->process
    };
    int c;

    optind = 0; /* GNU getopt: start again on this argument vector */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":c:h", longopts, NULL)) != -1) {
        if (c == 'c') {
            a->o.config = optarg;
        } else if (c == 'h') {
            return usage(stdout, CLI_OK);
        } else if (c >= O_NAME && c <= O_DRY) {
            a->given |= 1u << (c - O_NAME);
            if (c < O_CSV)
                *slot[c - O_NAME] = optarg;
        } else {
            const char *bad = argv[optind - 1];
            fprintf(stderr, "wipstation admin: %s option '%s'%s\n",
                    c == ':' ? "a value is missing after the" : "unknown", bad,
                    strstr(bad, "pin") ? ": a PIN is never given on the command line" : "");
            return usage(stderr, CLI_USAGE);
        }
    }
    a->pos = argv + optind;
    a->npos = argc - optind;
    return -1;
}

static const struct admin_cmd *find(struct admin *a)
{
    for (int i = 0; i < N_CMDS; i++) {
        int words = cmds[i].verb ? 2 : 1;
        if (a->npos >= words && !strcmp(a->pos[0], cmds[i].noun) &&
            (!cmds[i].verb || !strcmp(a->pos[1], cmds[i].verb))) {
            a->pos += words;
            a->npos -= words;
            return &cmds[i];
        }
    }
    return NULL;
}

/* The options and arguments the command takes; an exit code, CLI_OK to go on. */
static int check(struct admin *a, const struct admin_cmd *c)
{
    unsigned extra = a->given & ~c->allowed, missing = c->required & ~a->given;

    for (int i = 0; i < (int)(sizeof option_names / sizeof option_names[0]); i++) {
        if (extra & (1u << i))
            return fail(a, STN_E_USAGE, option_names[i], "not an option of this command");
        if (missing & (1u << i))
            return fail(a, STN_E_USAGE, option_names[i], "missing");
    }
    if (c->run == run_user_pin && a->npos >= 1 && (a->npos > 1 || pin_like(a->pos[0])))
        return refuse_pin_argument(a);
    if (a->npos < c->min || a->npos > c->max) {
        fprintf(stderr, "usage: wipstation admin %s %s\n", a->cmd, c->usage);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int connect_and_run(struct admin *a, const struct admin_cmd *c)
{
    struct stn_err err;
    char who[160];
    int ex;

    if ((ex = cli_load_config(&a->o, &a->cfg)) != CLI_OK)
        return ex;
    stn_err_clear(&err);
    os_user(who, sizeof who);
    if (core_db_open(&a->db, &a->cfg, &err) != STN_OK ||
        core_admin_begin(a->db, who, &err) != STN_OK)
        ex = failed(a, &err);
    else
        ex = c->run(a);
    core_db_close(a->db);
    core_cfg_fini(&a->cfg);
    return ex;
}

int cli_admin(const struct cli_opts *o, int argc, char **argv)
{
    struct admin a;
    const struct admin_cmd *c;
    char cmd[64];
    int ex;

    memset(&a, 0, sizeof a);
    a.o = *o;
    a.cmd = "";
    if (o->dry_run) /* wipstation --dry-run admin criteria import ... */
        a.given |= A_DRY;
    if ((ex = parse(&a, argc, argv)) >= 0)
        return ex;
    if (a.npos == 0 || !strcmp(a.pos[0], "help"))
        return usage(a.npos ? stdout : stderr, a.npos ? CLI_OK : CLI_USAGE);
    snprintf(cmd, sizeof cmd, "%.30s%s%.30s", a.pos[0], a.npos > 1 ? " " : "",
             a.npos > 1 ? a.pos[1] : "");
    if (!(c = find(&a))) {
        fprintf(stderr, "wipstation admin: unknown command '%s'\n", cmd);
        return usage(stderr, CLI_USAGE);
    }
    if (!c->verb) /* the command is the first word only */
        snprintf(cmd, sizeof cmd, "%s", c->noun);
    a.cmd = cmd;
    if ((ex = check(&a, c)) != CLI_OK)
        return ex;
    text_locale();
    return connect_and_run(&a, c);
}
