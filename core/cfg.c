/* core/cfg.c — INI loading through inih with file:line errors.
 *
 * Debian's inih (r55) passes no line number to the handler and cuts lines at
 * 200 bytes. We feed it through our own line reader, which counts lines (inih
 * calls the handler for a line before it reads the next one) and refuses an
 * over-long line instead of letting inih parse its tail as a new line. */
#include "core/cfg.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "base/xalloc.h"
#include "core/ident.h"

#define LINE_MAX_BYTES 200

struct reader {
    FILE *fp;         /* file source, or */
    const char *text; /* string source */
    int line;
    int too_long; /* line number of the first over-long line */
    int io_errno; /* a read error (e.g. the path is a directory) */
};

struct parse {
    struct core_cfg *cfg;
    struct reader *rd;
    const char *name;
    struct stn_err *err;
    int failed; /* line of the handler's first refusal, 0 = none */
};

static char *reader_gets(char *str, int num, void *stream)
{
    struct reader *rd = stream;
    int n = 0;
    int c = 0;

    for (;;) {
        if (rd->fp) {
            c = fgetc(rd->fp);
            if (c == EOF) {
                if (ferror(rd->fp))
                    rd->io_errno = errno ? errno : EIO;
                break;
            }
        } else {
            if (!*rd->text)
                break;
            c = (unsigned char)*rd->text++;
        }
        if (n < num - 1 && n < LINE_MAX_BYTES)
            str[n++] = (char)c;
        else if (c != '\n' && c != '\r' && !rd->too_long)
            rd->too_long = rd->line + 1;
        if (c == '\n')
            break;
    }
    if (n == 0 && c != '\n')
        return NULL;
    str[n] = '\0';
    rd->line++;
    return str;
}

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = xstrdup(v);
}

static int fail(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parse *p, const char *fmt, ...)
{
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    stn_err_set(p->err, STN_E_CONFIG, "%s:%d: %s", p->name, p->rd->line, what);
    p->failed = p->rd->line;
    return 0;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    long x;
    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (!strcmp(v, yes[i]))
            return *out = 1, 0;
        if (!strcmp(v, no[i]))
            return *out = 0, 0;
    }
    return -1;
}

/* A value that is one of a few words, each standing for a value of an enum. */
struct word {
    const char *word; /* NULL ends a list */
    int value;
};

static int parse_word(const char *v, const struct word *words, int *out)
{
    for (; words->word; words++)
        if (!strcmp(v, words->word))
            return *out = words->value, 0;
    return -1;
}

/* Rejects control characters (C0, DEL, C1) and invalid UTF-8 in any value: values
 * reach the screen, the labels and the database. */
static int value_clean(const char *v)
{
    return core_utf8_clean(v);
}

static int set_dbkey(struct core_cfg *cfg, const char *name, const char *value)
{
    static const char *const known[] = {
#define DBKEY_NAME(k) #k,
        CORE_CFG_DB_KEYS(DBKEY_NAME)
#undef DBKEY_NAME
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(name, known[i]))
            continue;
        for (int j = 0; j < cfg->n_dbkeys; j++) {
            if (!strcmp(cfg->dbkeys[j].name, known[i])) {
                set_str(&cfg->dbkeys[j].value, value);
                return 1;
            }
        }
        cfg->dbkeys[cfg->n_dbkeys].name = known[i];
        cfg->dbkeys[cfg->n_dbkeys].value = xstrdup(value);
        cfg->n_dbkeys++;
        return 1;
    }
    return 0;
}

/* The keys whose value is a whole number in a range, or yes or no, each an int member of
 * struct core_cfg: one row each, one way to read and refuse them. */
struct num_key {
    const char *section, *name;
    int lo, hi;       /* lo > hi: yes or no (parse_bool) */
    const char *what; /* the refusal's "NAME must be WHAT, not 'VALUE'" */
    size_t member;    /* offsetof struct core_cfg */
};

#define NUM_KEY(sec, key, lo, hi, what, m)                   \
    {                                                        \
        sec, key, lo, hi, what, offsetof(struct core_cfg, m) \
    }
#define YESNO_KEY(sec, key, m) NUM_KEY(sec, key, 1, 0, "yes or no", m)
static const struct num_key num_keys[] = {
    NUM_KEY("station", "process", 1, 99, "a number from 1 to 99", process),
    NUM_KEY("station", "idle_logout_min", 0, 1440, "0 to 1440 minutes", idle_logout_min),
    YESNO_KEY("station", "pin_for_operators", pin_for_operators),
    YESNO_KEY("station", "quit_at_login", quit_at_login),
    NUM_KEY("printer", "wait_s", 1, 60, "1 to 60 seconds", print_wait_s),
    YESNO_KEY("scanner", "strip_aim", strip_aim),
    NUM_KEY("scanner", "repeat_window_ms", 0, 10000, "0 to 10000", repeat_window_ms),
    NUM_KEY("scanner", "max_length", 8, 128, "8 to 128", max_length),
    YESNO_KEY("rig", "auto_complete", rig_auto_complete),
    NUM_KEY("rig", "max_frame", 256, 1048575, "256 to 1048575 bytes", rig_max_frame),
    NUM_KEY("rig", "timeout_s", 1, 60, "1 to 60 seconds", rig_timeout_s),
    NUM_KEY("rig", "max_connections", 1, 64, "1 to 64", rig_max_conns),
    NUM_KEY("rig", "confirm_s", 5, 3600, "5 to 3600 seconds", rig_confirm_s),
};
#undef YESNO_KEY
#undef NUM_KEY

static const struct num_key *find_num_key(const char *section, const char *name)
{
    for (size_t i = 0; i < sizeof num_keys / sizeof num_keys[0]; i++)
        if (!strcmp(num_keys[i].section, section) && !strcmp(num_keys[i].name, name))
            return &num_keys[i];
    return NULL;
}

static int handle_num(struct parse *p, const struct num_key *k, const char *value)
{
    int *dst = (int *)(void *)((char *)p->cfg + k->member);
    int bad = k->lo > k->hi ? parse_bool(value, dst) : parse_int(value, k->lo, k->hi, dst);

    if (bad)
        return fail(p, "%s must be %s, not '%s'", k->name, k->what, value);
    return 1;
}

static int handle_database(struct parse *p, const char *name, const char *value)
{
    if (!strcmp(name, "conninfo")) {
        set_str(&p->cfg->conninfo, value);
        return 1;
    }
    if (set_dbkey(p->cfg, name, value))
        return 1;
    return fail(p, "unknown key '%s' in [%s]", name, "database");
}

static int handle_station(struct parse *p, const char *name, const char *value)
{
    struct core_cfg *c = p->cfg;
    int w;
    if (!strcmp(name, "id")) {
        if (!*value || strlen(value) > 32)
            return fail(p, "station id must be 1 to 32 characters%s%s", "", "");
        set_str(&c->station_id, value);
    } else if (!strcmp(name, "equipment")) {
        if (strlen(value) > 50)
            return fail(p, "equipment code is longer than 50 characters%s%s", "", "");
        set_str(&c->equipment, value);
    } else if (!strcmp(name, "language")) {
        static const struct word langs[] = {
            { "auto", CORE_LANG_AUTO }, { "ko", CORE_LANG_KO }, { "en", CORE_LANG_EN }, { NULL, 0 }
        };
        if (parse_word(value, langs, &w))
            return fail(p, "language must be auto, ko or en, not '%s'%s", value, "");
        c->language = (enum core_lang)w;
    } else if (!strcmp(name, "login_hint")) {
        if (strlen(value) > 120)
            return fail(p, "login_hint is longer than 120 bytes");
        set_str(&c->login_hint, value);
    } else if (!strcmp(name, "colour") || !strcmp(name, "color")) {
        static const struct word colours[] = { { "auto", CORE_COLOUR_AUTO },
                                               { "mono", CORE_COLOUR_MONO },
                                               { "no", CORE_COLOUR_MONO },
                                               { "yes", CORE_COLOUR_ON },
                                               { NULL, 0 } };
        if (parse_word(value, colours, &w))
            return fail(p, "colour must be auto, yes or mono, not '%s'%s", value, "");
        c->colour = (enum core_colour)w;
    } else {
        return fail(p, "unknown key '%s' in [%s]", name, "station");
    }
    return 1;
}

/* The same rules as print/ applies (core does not call print): a template file name
 * without its .zpl, and a printer font's name (print/font.h). */
static int template_name(const char *s)
{
    size_t n = strlen(s);

    if (!n || n > 64)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static int printer_font_name(const char *s)
{
    const char *dot = strrchr(s, '.');
    size_t n;

    if (!s[0] || s[1] != ':' || !strchr("REBA", s[0]) || !dot || dot < s + 3)
        return 0;
    n = (size_t)(dot - s - 2);
    if (n > 16 || strspn(s + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n)
        return 0;
    return !strcmp(dot, ".TTF") || !strcmp(dot, ".TTE") || !strcmp(dot, ".FNT");
}

static int handle_printer(struct parse *p, const char *name, const char *value)
{
    struct core_cfg *c = p->cfg;
    if (!strcmp(name, "queue")) {
        if (strlen(value) > 127 || strchr(value, '/') || strchr(value, ' ') || strchr(value, '#'))
            return fail(p, "queue name '%s' is not a valid CUPS queue name%s", value, "");
        set_str(&c->queue, value);
    } else if (!strcmp(name, "server")) {
        set_str(&c->server, value);
    } else if (!strcmp(name, "dpi")) {
        int dpi;
        if (parse_int(value, 0, 1000, &dpi) || (dpi != 203 && dpi != 300))
            return fail(p, "dpi must be 203 or 300, not '%s'%s", value, "");
        c->dpi = dpi;
    } else if (!strcmp(name, "templates")) {
        set_str(&c->templates, value);
    } else if (!strcmp(name, "wip_template")) {
        if (!template_name(value))
            return fail(p,
                        "wip_template '%s': a template name such as wip or wip-dm "
                        "(a-z, 0-9, - and _; without .zpl)%s",
                        value, "");
        set_str(&c->wip_template, value);
    } else if (!strcmp(name, "bitmap_font")) {
        if (value[0] != '/')
            return fail(p, "bitmap_font '%s': the absolute path of a TrueType font%s", value, "");
        set_str(&c->bitmap_font, value);
    } else if (!strcmp(name, "font")) {
        if (value[0] && !printer_font_name(value))
            return fail(p,
                        "font '%s': a font stored on the printer, such as E:NANUMGOTHIC.TTF "
                        "(device, 1 to 16 capitals, digits or _, .TTF, .TTE or .FNT)%s",
                        value, "");
        set_str(&c->printer_font, value);
    } else {
        return fail(p, "unknown key '%s' in [%s]", name, "printer");
    }
    return 1;
}

static int handle_scanner(struct parse *p, const char *name, const char *value)
{
    struct core_cfg *c = p->cfg;
    if (!strcmp(name, "suffix")) {
        static const struct word suffixes[] = { { "enter", CORE_SUFFIX_ENTER },
                                                { "cr", CORE_SUFFIX_CR },
                                                { "lf", CORE_SUFFIX_LF },
                                                { "tab", CORE_SUFFIX_TAB },
                                                { NULL, 0 } };
        int w;
        if (parse_word(value, suffixes, &w))
            return fail(p, "suffix must be enter, cr, lf or tab, not '%s'%s", value, "");
        c->suffix = (enum core_suffix)w;
    } else if (!strcmp(name, "prefix")) {
        if (strlen(value) > 8)
            return fail(p, "prefix is longer than 8 characters%s%s", "", "");
        if (strchr(value, 0x1b))
            return fail(p, "prefix must not contain ESC%s%s", "", "");
        set_str(&c->prefix, value);
    } else {
        return fail(p, "unknown key '%s' in [%s]", name, "scanner");
    }
    return 1;
}

/* HOST:PORT (HOST may be [v6]) or an absolute path; the listener resolves it. */
static int listen_addr_ok(const char *v)
{
    const char *colon = strrchr(v, ':');
    int port;
    if (!*v || v[0] == '/')
        return strlen(v) < 108; /* sun_path */
    return colon && colon != v && !parse_int(colon + 1, 1, 65535, &port);
}

static int handle_rig(struct parse *p, const char *name, const char *value)
{
    struct core_cfg *c = p->cfg;
    if (!strcmp(name, "listen")) {
        if (!listen_addr_ok(value))
            return fail(p, "listen must be HOST:PORT or an absolute socket path, not '%s'%s", value,
                        "");
        set_str(&c->rig_listen, value);
    } else if (!strcmp(name, "allow")) {
        set_str(&c->rig_allow, value);
    } else if (!strcmp(name, "spool")) {
        if (*value && *value != '/')
            return fail(p, "spool must be an absolute directory, not '%s'%s", value, "");
        set_str(&c->rig_spool, value);
    } else {
        return fail(p, "unknown key '%s' in [%s]", name, "rig");
    }
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    const struct num_key *k;

    if (p->failed)
        return 0;
    if (!value)
        return fail(p, "'%s' has no value%s", name, "");
    if (!value_clean(value))
        return fail(p, "value of '%s' contains a control character or invalid UTF-8%s", name, "");
    if ((k = find_num_key(section, name)))
        return handle_num(p, k, value);
    if (!strcmp(section, "database"))
        return handle_database(p, name, value);
    if (!strcmp(section, "station"))
        return handle_station(p, name, value);
    if (!strcmp(section, "printer"))
        return handle_printer(p, name, value);
    if (!strcmp(section, "scanner"))
        return handle_scanner(p, name, value);
    if (!strcmp(section, "rig"))
        return handle_rig(p, name, value);
    if (!*section)
        return fail(p, "key '%s' is outside any [section]%s", name, "");
    return fail(p, "unknown section [%s]%s", section, "");
}

void core_cfg_init(struct core_cfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->conninfo = xstrdup("");
    cfg->station_id = xstrdup("STATION");
    cfg->process = 1;
    cfg->equipment = xstrdup("");
    cfg->login_hint = xstrdup("");
    cfg->language = CORE_LANG_AUTO;
    cfg->idle_logout_min = 30;
    cfg->queue = xstrdup("");
    cfg->server = xstrdup("");
    cfg->dpi = 203;
    cfg->templates = xstrdup(STN_SYSCONFDIR "/wipstation/labels");
    cfg->wip_template = xstrdup("wip");
    cfg->bitmap_font = xstrdup(CORE_CFG_BITMAP_FONT);
    cfg->printer_font = xstrdup("");
    cfg->print_wait_s = 10;
    cfg->suffix = CORE_SUFFIX_ENTER;
    cfg->prefix = xstrdup("");
    cfg->strip_aim = 1;
    cfg->repeat_window_ms = 1000;
    cfg->max_length = 64;
    cfg->rig_listen = xstrdup("");
    cfg->rig_allow = xstrdup("");
    cfg->rig_spool = xstrdup("");
    cfg->rig_max_frame = 65536;
    cfg->rig_timeout_s = 5;
    cfg->rig_max_conns = 8;
    cfg->rig_confirm_s = 60;
}

void core_cfg_fini(struct core_cfg *cfg)
{
    if (!cfg)
        return;
    free(cfg->path);
    free(cfg->conninfo);
    for (int i = 0; i < cfg->n_dbkeys; i++)
        free(cfg->dbkeys[i].value);
    free(cfg->station_id);
    free(cfg->equipment);
    free(cfg->login_hint);
    free(cfg->queue);
    free(cfg->server);
    free(cfg->templates);
    free(cfg->wip_template);
    free(cfg->bitmap_font);
    free(cfg->printer_font);
    free(cfg->prefix);
    free(cfg->rig_listen);
    free(cfg->rig_allow);
    free(cfg->rig_spool);
    memset(cfg, 0, sizeof *cfg);
}

static enum stn_code run(struct core_cfg *cfg, const char *name, struct reader *rd,
                         struct stn_err *err)
{
    struct parse p = { cfg, rd, name, err, 0 };
    int rc = ini_parse_stream(reader_gets, rd, handler, &p);
    int first = rc > 0 ? rc : 0; /* the first line that inih or the handler refused */

    if (rd->io_errno)
        return stn_err_set(err, STN_E_IO, "%s: cannot read: %s", name, strerror(rd->io_errno));
    /* report the first error of the file, whichever kind it is */
    if (rd->too_long && (!first || rd->too_long <= first))
        return stn_err_set(err, STN_E_CONFIG,
                           "%s:%d: line is longer than %d bytes (split conninfo into "
                           "host=, dbname=, user=... keys, or use service=)",
                           name, rd->too_long, LINE_MAX_BYTES - 1);
    if (p.failed && p.failed == first)
        return STN_E_CONFIG; /* the handler's message */
    if (rc != 0)
        return stn_err_set(err, STN_E_CONFIG, "%s:%d: not a 'key = value' line or [section]", name,
                           first ? first : rd->line);
    if (p.failed)
        return STN_E_CONFIG;
    free(cfg->path);
    cfg->path = xstrdup(name);
    return STN_OK;
}

enum stn_code core_cfg_load(struct core_cfg *cfg, const char *path, struct stn_err *err)
{
    struct reader rd = { 0 };
    enum stn_code rc;

    rd.fp = fopen(path, "r");
    if (!rd.fp)
        return stn_err_set(err, STN_E_IO, "%s: cannot read: %s", path, strerror(errno));
    rc = run(cfg, path, &rd, err);
    fclose(rd.fp);
    return rc;
}

enum stn_code core_cfg_load_string(struct core_cfg *cfg, const char *name, const char *text,
                                   struct stn_err *err)
{
    struct reader rd = { 0 };
    rd.text = text;
    return run(cfg, name, &rd, err);
}
