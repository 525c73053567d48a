/* tests/unit/test_cfg.c — the INI loader: defaults, every key, file:line errors.
 * Each test writes its INI files into a private temporary directory made in setup and
 * removed in teardown. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cfg.h"

#define MAX_FILES 8

struct fx {
    char dir[64];
    char files[MAX_FILES][128];
    int n_files;
    struct core_cfg cfg;
    struct stn_err err;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/wipstation-cfg-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    core_cfg_init(&f->cfg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < f->n_files; i++)
        unlink(f->files[i]);
    rmdir(f->dir);
    core_cfg_fini(&f->cfg);
    free(f);
    return 0;
}

/* Writes len bytes of text to dir/name and returns the path. */
static const char *write_file_n(struct fx *f, const char *name, const char *text, size_t len)
{
    char *path = f->files[f->n_files];
    char buf[sizeof f->files[0]];
    FILE *fp;
    assert_true(f->n_files < MAX_FILES);
    snprintf(buf, sizeof buf, "%s/%s", f->dir, name);
    memcpy(path, buf, sizeof buf);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    f->n_files++;
    return path;
}

static const char *write_file(struct fx *f, const char *name, const char *text)
{
    return write_file_n(f, name, text, strlen(text));
}

/* Loads text as "t.ini" and expects success. */
static void load_ok(struct fx *f, const char *text)
{
    enum stn_code rc = core_cfg_load_string(&f->cfg, "t.ini", text, &f->err);
    if (rc != STN_OK)
        print_error("refused: %s\n", f->err.msg);
    assert_int_equal(rc, STN_OK);
}

/* Loads text as "t.ini" and expects STN_E_CONFIG with exactly msg. */
static void load_bad(struct fx *f, const char *text, const char *msg)
{
    enum stn_code rc;
    memset(&f->err, 0, sizeof f->err);
    rc = core_cfg_load_string(&f->cfg, "t.ini", text, &f->err);
    assert_int_equal(rc, STN_E_CONFIG);
    assert_int_equal(f->err.code, STN_E_CONFIG);
    assert_string_equal(f->err.msg, msg);
}

static const char *dbkey(const struct core_cfg *c, const char *name)
{
    for (int i = 0; i < c->n_dbkeys; i++)
        if (!strcmp(c->dbkeys[i].name, name))
            return c->dbkeys[i].value;
    return NULL;
}

/* ---- defaults and a full file ---------------------------------------------------------- */

/* The members of [station], [printer] and [scanner] that the defaults and a full file set. */
struct want {
    const char *conninfo, *station_id, *equipment, *queue, *server, *templates, *prefix;
    int process, language, idle_logout_min, pin_for_operators, colour, dpi, print_wait_s;
    int suffix, strip_aim, repeat_window_ms, max_length;
};

static void assert_cfg(const struct core_cfg *c, const struct want *w)
{
    assert_string_equal(c->conninfo, w->conninfo);
    assert_string_equal(c->station_id, w->station_id);
    assert_int_equal(c->process, w->process);
    assert_string_equal(c->equipment, w->equipment);
    assert_int_equal(c->language, w->language);
    assert_int_equal(c->idle_logout_min, w->idle_logout_min);
    assert_int_equal(c->pin_for_operators, w->pin_for_operators);
    assert_int_equal(c->colour, w->colour);
    assert_string_equal(c->queue, w->queue);
    assert_string_equal(c->server, w->server);
    assert_int_equal(c->dpi, w->dpi);
    assert_string_equal(c->templates, w->templates);
    assert_int_equal(c->print_wait_s, w->print_wait_s);
    assert_int_equal(c->suffix, w->suffix);
    assert_string_equal(c->prefix, w->prefix);
    assert_int_equal(c->strip_aim, w->strip_aim);
    assert_int_equal(c->repeat_window_ms, w->repeat_window_ms);
    assert_int_equal(c->max_length, w->max_length);
}

static void test_defaults(void **state)
{
    static const struct want defaults = {
        .conninfo = "",
        .station_id = "STATION",
        .equipment = "",
        .queue = "",
        .server = "",
        .templates = STN_SYSCONFDIR "/wipstation/labels",
        .prefix = "",
        .process = 1,
        .language = CORE_LANG_AUTO,
        .idle_logout_min = 30,
        .pin_for_operators = 0,
        .colour = CORE_COLOUR_AUTO,
        .dpi = 203,
        .print_wait_s = 10,
        .suffix = CORE_SUFFIX_ENTER,
        .strip_aim = 1,
        .repeat_window_ms = 1000,
        .max_length = 64,
    };
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    assert_null(c->path);
    assert_int_equal(c->n_dbkeys, 0);
    assert_cfg(c, &defaults);
    assert_string_equal(c->wip_template, "wip");
    assert_string_equal(c->bitmap_font, "/usr/share/fonts/truetype/nanum/NanumGothic.ttf");
    assert_string_equal(c->printer_font, "");
    /* an empty file and a file of comments change nothing */
    load_ok(f, "");
    load_ok(f, "; comment\n# another\n\n   \n[station]\n; nothing here\n");
    assert_string_equal(c->station_id, "STATION");
    assert_int_equal(c->dpi, 203);
    assert_string_equal(c->path, "t.ini");
}

static void test_full_file(void **state)
{
    static const char text[] = "; wipstation station P3-01\n"
                               "[database]\n"
                               "conninfo = host=db1,db2 dbname=f2x_neurohub user=wip_station "
                               "target_session_attrs=read-write connect_timeout=3\n"
                               "\n"
                               "[station]\n"
                               "id = P3-01\n"
                               "process = 3\n"
                               "equipment = SENSOR-001\n"
                               "language = ko\n"
                               "idle_logout_min = 15\n"
                               "pin_for_operators = yes\n"
                               "colour = mono\n"
                               "\n"
                               "[printer]\n"
                               "queue = zebra-p7\n"
                               "server = cups.local:631\n"
                               "dpi = 300\n"
                               "templates = /srv/labels\n"
                               "wait_s = 5\n"
                               "\n"
                               "[scanner]\n"
                               "suffix = tab\n"
                               "prefix = #W\n"
                               "strip_aim = no\n"
                               "repeat_window_ms = 250\n"
                               "max_length = 40\n";
    static const struct want full = {
        .conninfo = "host=db1,db2 dbname=f2x_neurohub user=wip_station "
                    "target_session_attrs=read-write connect_timeout=3",
        .station_id = "P3-01",
        .equipment = "SENSOR-001",
        .queue = "zebra-p7",
        .server = "cups.local:631",
        .templates = "/srv/labels",
        .prefix = "#W",
        .process = 3,
        .language = CORE_LANG_KO,
        .idle_logout_min = 15,
        .pin_for_operators = 1,
        .colour = CORE_COLOUR_MONO,
        .dpi = 300,
        .print_wait_s = 5,
        .suffix = CORE_SUFFIX_TAB,
        .strip_aim = 0,
        .repeat_window_ms = 250,
        .max_length = 40,
    };
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    const char *path = write_file(f, "station.ini", text);
    assert_int_equal(core_cfg_load(c, path, &f->err), STN_OK);
    assert_string_equal(c->path, path);
    assert_cfg(c, &full);
    /* loading again over a loaded configuration replaces values (and leaks nothing) */
    assert_int_equal(core_cfg_load(c, path, &f->err), STN_OK);
    load_ok(f, "[station]\nid = P3-02\n");
    assert_string_equal(c->station_id, "P3-02");
    assert_int_equal(c->process, 3);
    assert_string_equal(c->path, "t.ini");
}

/* ---- every key: valid and invalid values -------------------------------------------------- */

/* Keys whose refusal names the value: each with values it accepts and values it refuses,
 * as "KEY must be WHAT, not 'VALUE'" or, for names, "KEY 'VALUE': WHAT". */
struct key_values {
    const char *section, *key;
    const char *ok[5];  /* NULL ends */
    const char *bad[8]; /* NULL ends */
    enum { MUST_BE, NAMED } style;
    const char *what;
};

#define WTMSG "a template name such as wip or wip-dm (a-z, 0-9, - and _; without .zpl)"
#define FONTMSG                                                                           \
    "a font stored on the printer, such as E:NANUMGOTHIC.TTF (device, 1 to 16 capitals, " \
    "digits or _, .TTF, .TTE or .FNT)"

static const struct key_values key_values[] = {
    { "station",
      "process",
      { "1", "99" },
      { "0", "100", "-3", "3x", "0x3", "", "99999999999999999999" },
      MUST_BE,
      "a number from 1 to 99" },
    { "station", "language", { "auto", "ko", "en" }, { "de", "KO" }, MUST_BE, "auto, ko or en" },
    { "station",
      "idle_logout_min",
      { "0", "1440" },
      { "1441", "-1" },
      MUST_BE,
      "0 to 1440 minutes" },
    { "station",
      "pin_for_operators",
      { "no", "true", "off", "1" },
      { "maybe", "2" },
      MUST_BE,
      "yes or no" },
    { "station", "colour", { "auto", "yes", "no" }, { "rainbow" }, MUST_BE, "auto, yes or mono" },
    { "printer", "dpi", { "203", "300" }, { "600", "200", "abc" }, MUST_BE, "203 or 300" },
    { "printer", "wait_s", { "1", "60" }, { "0", "61" }, MUST_BE, "1 to 60 seconds" },
    { "printer", "wip_template", { "wip-dm", "wip" }, { "wip.zpl", "../x", "" }, NAMED, WTMSG },
    { "printer",
      "bitmap_font",
      { "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf" },
      { "NanumGothic.ttf" },
      NAMED,
      "the absolute path of a TrueType font" },
    { "printer",
      "font",
      { "E:NANUMGOTHIC.TTF", "R:NANUM_2.FNT", "" },
      { "E:nanum.ttf", "NANUM.TTF", "E:ABCDEFGHIJKLMNOPQ.TTF" },
      NAMED,
      FONTMSG },
    { "scanner",
      "suffix",
      { "enter", "cr", "lf", "tab" },
      { "crlf" },
      MUST_BE,
      "enter, cr, lf or tab" },
    { "scanner", "strip_aim", { "yes", "false" }, { "Yes" }, MUST_BE, "yes or no" },
    { "scanner", "repeat_window_ms", { "0", "10000" }, { "10001", "1s" }, MUST_BE, "0 to 10000" },
    { "scanner", "max_length", { "8", "128" }, { "7", "129" }, MUST_BE, "8 to 128" },
};

/* The other keys, a value a row. */
struct kv {
    const char *section, *key, *value;
    const char *msg; /* NULL: accepted; else the message after "t.ini:2: " */
};

static const struct kv keys[] = {
    { "station", "id", "P3-01", NULL },
    { "station", "id", "A", NULL },
    { "station", "id", "S0123456789012345678901234567890", NULL }, /* 32 */
    { "station", "id", "S01234567890123456789012345678901",
      "station id must be 1 to 32 characters" },
    { "station", "id", "", "station id must be 1 to 32 characters" },
    { "station", "equipment", "", NULL },
    { "station", "equipment", "LASER-001", NULL },
    { "station", "equipment", "E12345678901234567890123456789012345678901234567890", /* 51 */
      "equipment code is longer than 50 characters" },
    { "station", "color", "mono", NULL },
    { "printer", "queue", "zebra-p7", NULL },
    { "printer", "queue", "", NULL },
    { "printer", "queue", "zebra/p7", "queue name 'zebra/p7' is not a valid CUPS queue name" },
    { "printer", "queue", "zebra p7", "queue name 'zebra p7' is not a valid CUPS queue name" },
    { "printer", "queue", "zebra#7", "queue name 'zebra#7' is not a valid CUPS queue name" },
    { "printer", "server", "", NULL },
    { "printer", "server", "print1:631", NULL },
    { "printer", "templates", "/etc/wipstation/labels", NULL },
    { "scanner", "prefix", "", NULL },
    { "scanner", "prefix", "12345678", NULL },
    { "scanner", "prefix", "123456789", "prefix is longer than 8 characters" },
};

/* [section] key = value loaded: accepted when msg is NULL, else refused on line 2 with msg. */
static void load_key(struct fx *f, const char *section, const char *key, const char *value,
                     const char *msg)
{
    char text[256], want[300];
    snprintf(text, sizeof text, "[%s]\n%s = %s\n", section, key, value);
    if (!msg) {
        load_ok(f, text);
        return;
    }
    snprintf(want, sizeof want, "t.ini:2: %s", msg);
    load_bad(f, text, want);
}

static void test_every_key(void **state)
{
    struct fx *f = *state;
    for (size_t i = 0; i < sizeof key_values / sizeof key_values[0]; i++) {
        const struct key_values *k = &key_values[i];
        for (const char *const *v = k->ok; *v; v++)
            load_key(f, k->section, k->key, *v, NULL);
        for (const char *const *v = k->bad; *v; v++) {
            char msg[256];
            if (k->style == MUST_BE)
                snprintf(msg, sizeof msg, "%s must be %s, not '%s'", k->key, k->what, *v);
            else
                snprintf(msg, sizeof msg, "%s '%s': %s", k->key, *v, k->what);
            load_key(f, k->section, k->key, *v, msg);
        }
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        load_key(f, keys[i].section, keys[i].key, keys[i].value, keys[i].msg);
}

/* Values land in the right members. */
static void test_values_stored(void **state)
{
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    load_ok(f, "[station]\nlanguage = en\ncolour = yes\npin_for_operators = on\n"
               "[scanner]\nsuffix = cr\nstrip_aim = 0\n");
    assert_int_equal(c->language, CORE_LANG_EN);
    assert_int_equal(c->colour, CORE_COLOUR_ON);
    assert_int_equal(c->pin_for_operators, 1);
    assert_int_equal(c->suffix, CORE_SUFFIX_CR);
    assert_int_equal(c->strip_aim, 0);
    load_ok(f, "[scanner]\nsuffix = lf\n[station]\ncolor = no\nlanguage = auto\n");
    assert_int_equal(c->suffix, CORE_SUFFIX_LF);
    assert_int_equal(c->colour, CORE_COLOUR_MONO);
    assert_int_equal(c->language, CORE_LANG_AUTO);
    /* inih trims blanks and inline comments */
    load_ok(f, "[printer]\n  dpi   =   300   ; high resolution\nqueue=zebra-p8\n");
    assert_int_equal(c->dpi, 300);
    assert_string_equal(c->queue, "zebra-p8");
    /* a bad value leaves the default */
    load_bad(f, "[printer]\ndpi = 250\n", "t.ini:2: dpi must be 203 or 300, not '250'");
    assert_int_equal(c->dpi, 300);
}

/* The message names the file and the line, e.g. "x.ini:7: dpi must be 203 or 300". */
static void test_file_line(void **state)
{
    static const char text[] = "[station]\n"   /* 1 */
                               "id = P7-01\n"  /* 2 */
                               "process = 7\n" /* 3 */
                               "\n"            /* 4 */
                               "; printer\n"   /* 5 */
                               "[printer]\n"   /* 6 */
                               "dpi = 250\n"   /* 7 */
                               "queue = z\n";  /* 8 */
    struct fx *f = *state;
    const char *path = write_file(f, "x.ini", text);
    char want[256];
    assert_int_equal(core_cfg_load(&f->cfg, path, &f->err), STN_E_CONFIG);
    assert_int_equal(f->err.code, STN_E_CONFIG);
    snprintf(want, sizeof want, "%s:7: dpi must be 203 or 300, not '250'", path);
    assert_string_equal(f->err.msg, want);
    /* the same from a string, CRLF line ends */
    load_bad(f, "[station]\r\nid = P7-01\r\n\r\n[printer]\r\ndpi = 250\r\n",
             "t.ini:5: dpi must be 203 or 300, not '250'");
    /* no newline at the end of the last line */
    load_bad(f, "[station]\nid = X\nprocess = 0",
             "t.ini:3: process must be a number from 1 "
             "to 99, not '0'");
    /* NULL err is allowed */
    assert_int_equal(core_cfg_load_string(&f->cfg, "t.ini", "[printer]\ndpi = 1\n", NULL),
                     STN_E_CONFIG);
}

static void test_unknown_key_section(void **state)
{
    struct fx *f = *state;
    load_bad(f, "[station]\nid = P1\nprocesss = 1\n",
             "t.ini:3: unknown key 'processs' in [station]");
    load_bad(f, "[printer]\nport = 9100\n", "t.ini:2: unknown key 'port' in [printer]");
    load_bad(f, "[scanner]\nmax_len = 10\n", "t.ini:2: unknown key 'max_len' in [scanner]");
    load_bad(f, "[database]\npassword = secret\n", "t.ini:2: unknown key 'password' in [database]");
    load_bad(f, "[Station]\nid = P1\n", "t.ini:2: unknown section [Station]");
    load_bad(f, "[station]\nid = P1\n\n[display]\nwidth = 80\n",
             "t.ini:5: unknown section [display]");
    load_bad(f, "id = P1\n[station]\n", "t.ini:1: key 'id' is outside any [section]");
    load_bad(f, "; header\n\nprocess = 3\n", "t.ini:3: key 'process' is outside any [section]");
}

static void test_syntax(void **state)
{
    struct fx *f = *state;
    load_bad(f, "[station]\nthis is no key value\n",
             "t.ini:2: not a 'key = value' line or [section]");
    load_bad(f, "[station\nid = P1\n", "t.ini:1: not a 'key = value' line or [section]");
    load_bad(f, "[station]\nid\n", "t.ini:2: not a 'key = value' line or [section]");
}

/* The first error of the file is the one reported. */
static void test_first_error(void **state)
{
    struct fx *f = *state;
    char text[600];
    load_bad(f, "[station]\nbogus line\nprocess = 0\n",
             "t.ini:2: not a 'key = value' line or [section]");
    load_bad(f, "[station]\nprocess = 0\nbogus line\n",
             "t.ini:2: process must be a number from 1 to 99, not '0'");
    load_bad(f, "[station]\nprocess = 0\nlanguage = xx\n",
             "t.ini:2: process must be a number from 1 to 99, not '0'");
    /* an unknown key on line 2 before an over-long line 4 */
    snprintf(text, sizeof text, "[station]\nfoo = 1\n\nequipment = %0250d\n", 7);
    load_bad(f, text, "t.ini:2: unknown key 'foo' in [station]");
    /* an over-long line 2 before an unknown key on line 3 */
    snprintf(text, sizeof text, "[station]\nequipment = %0250d\nfoo = 1\n", 7);
    load_bad(f, text,
             "t.ini:2: line is longer than 199 bytes (split conninfo into host=, "
             "dbname=, user=... keys, or use service=)");
}

/* Debian's inih cuts lines at 200 bytes: 199 are accepted, more are refused with their
 * line number, never cut silently or read as a new line. */
static void test_long_line(void **state)
{
    struct fx *f = *state;
    char line[400], text[600], want[200];
    const char *path;

    /* "conninfo = " is 11 bytes: a value of 188 makes 199 */
    memset(line, 0, sizeof line);
    memcpy(line, "conninfo = ", 11);
    memset(line + 11, 'h', 188);
    snprintf(text, sizeof text, "[database]\n%s\n[station]\nid = P1\n", line);
    load_ok(f, text);
    assert_int_equal(strlen(f->cfg.conninfo), 188);
    assert_string_equal(f->cfg.station_id, "P1");
    /* 200 bytes */
    line[11 + 188] = 'h';
    snprintf(text, sizeof text, "[database]\n%s\n[station]\nid = P2\n", line);
    load_bad(f, text,
             "t.ini:2: line is longer than 199 bytes (split conninfo into host=, "
             "dbname=, user=... keys, or use service=)");
    assert_int_equal(strlen(f->cfg.conninfo), 188); /* not the cut value */
    /* the same in a file, on line 4, with a tail that would parse as a key */
    memset(line, 0, sizeof line);
    snprintf(line, sizeof line, "conninfo = host=db1 %0190d id = EVIL", 0);
    snprintf(text, sizeof text, "; c\n\n[database]\n%s\n[station]\nprocess = 2\n", line);
    path = write_file(f, "long.ini", text);
    assert_int_equal(core_cfg_load(&f->cfg, path, &f->err), STN_E_CONFIG);
    snprintf(want, sizeof want, "%s:4: line is longer than 199 bytes", path);
    assert_true(strncmp(f->err.msg, want, strlen(want)) == 0);
    assert_string_not_equal(f->cfg.station_id, "EVIL");
    /* a long comment is refused too: it could hide a cut key */
    memset(line, ';', 300);
    line[300] = '\0';
    snprintf(text, sizeof text, "[station]\n%s\n", line);
    load_bad(f, text,
             "t.ini:2: line is longer than 199 bytes (split conninfo into host=, "
             "dbname=, user=... keys, or use service=)");
}

static void test_korean_values(void **state)
{
    static const char text[] = "; 스테이션 설정 (센서 검사)\n"
                               "[station]\n"
                               "id = 검사-01\n"
                               "equipment = 센서검사기-001\n"
                               "process = 3\n"
                               "[printer]\n"
                               "templates = /srv/라벨/템플릿\n"
                               "server = 프린터서버\n"
                               "[database]\n"
                               "application_name = 센서검사\n";
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    const char *path = write_file(f, "ko.ini", text);
    assert_int_equal(core_cfg_load(c, path, &f->err), STN_OK);
    assert_string_equal(c->station_id, "검사-01");
    assert_string_equal(c->equipment, "센서검사기-001");
    assert_string_equal(c->templates, "/srv/라벨/템플릿");
    assert_string_equal(c->server, "프린터서버");
    assert_string_equal(dbkey(c, "application_name"), "센서검사");
    /* errors quote Korean values as they are */
    load_bad(f, "[station]\nlanguage = 한국어\n",
             "t.ini:2: language must be auto, ko or en, not '한국어'");
    /* limits count bytes: 11 Hangul syllables are 33 bytes */
    load_bad(f, "[station]\nid = 가나다라마바사아자차카\n",
             "t.ini:2: station id must be 1 to 32 characters");
    /* a UTF-8 byte order mark is skipped */
    path = write_file(f, "bom.ini", "\xef\xbb\xbf[station]\nid = BOM-01\n");
    assert_int_equal(core_cfg_load(c, path, &f->err), STN_OK);
    assert_string_equal(c->station_id, "BOM-01");
}

static void test_missing_file(void **state)
{
    struct fx *f = *state;
    char path[200];
    snprintf(path, sizeof path, "%s/does-not-exist.ini", f->dir);
    assert_int_equal(core_cfg_load(&f->cfg, path, &f->err), STN_E_IO);
    assert_int_equal(f->err.code, STN_E_IO);
    assert_non_null(strstr(f->err.msg, path));
    assert_non_null(strstr(f->err.msg, "cannot read"));
    assert_null(f->cfg.path);
    assert_string_equal(f->cfg.station_id, "STATION"); /* untouched */
    /* a directory opens, but cannot be read: not an empty configuration */
    assert_int_equal(core_cfg_load(&f->cfg, f->dir, &f->err), STN_E_IO);
    assert_non_null(strstr(f->err.msg, "cannot read"));
    assert_null(f->cfg.path);
}

/* Expects text refused for a control character or invalid UTF-8 in key's value. */
static void load_unclean(struct fx *f, const char *text, int line, const char *key)
{
    char want[160];
    snprintf(want, sizeof want,
             "t.ini:%d: value of '%s' contains a control character or invalid UTF-8", line, key);
    load_bad(f, text, want);
}

static void test_control_chars(void **state)
{
    struct fx *f = *state;
    /* Laid out by hand: "P3\x01" "01" and its like are one value each (a hex escape would
     * swallow the digits), which the formatter would split onto two lines as if two. */
    /* clang-format off */
    static const char *const bad[] = { "P3\x01" "01", "P3\x1b[2J", "P3\x7f", "P3\x08" "01",
                                       "P3\t01", "P3\xc2\x9b" "2J", "P3\xff", "P3\xed\x95",
                                       "\xc0\xaf" };
    /* clang-format on */
    const char *path;
    char want[200];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "[station]\nprocess = 2\nid = %s\n", bad[i]);
        load_unclean(f, text, 3, "id");
    }
    assert_string_equal(f->cfg.station_id, "STATION");
    load_unclean(f, "[scanner]\nprefix = \x1b\n", 2, "prefix");
    load_unclean(f,
                 "[database]\nhost = db\x0b"
                 "1\n",
                 2, "host");
    /* a lone CR inside a line */
    path = write_file(f, "cr.ini", "[printer]\nqueue = zeb\rra\n");
    assert_int_equal(core_cfg_load(&f->cfg, path, &f->err), STN_E_CONFIG);
    snprintf(want, sizeof want,
             "%s:2: value of 'queue' contains a control character or invalid UTF-8", path);
    assert_string_equal(f->err.msg, want);
}

/* [database]: a long connection string split over libpq keywords. */
static void test_database_keys(void **state)
{
    static const char text[] = "[database]\n"
                               "host = db1.plant.example,db2.plant.example\n"
                               "hostaddr = 10.0.0.1,10.0.0.2\n"
                               "port = 5432,5433\n"
                               "dbname = f2x_neurohub\n"
                               "user = wip_station\n"
                               "passfile = /etc/wipstation/pgpass\n"
                               "service = f2x\n"
                               "target_session_attrs = read-write\n"
                               "connect_timeout = 3\n"
                               "sslmode = verify-full\n"
                               "sslrootcert = /etc/ssl/root.crt\n"
                               "sslcert = /etc/ssl/station.crt\n"
                               "sslkey = /etc/ssl/station.key\n"
                               "application_name = wipstation-P3-01\n"
                               "options = -c statement_timeout=5000\n"
                               "conninfo =\n";
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    load_ok(f, text);
    assert_int_equal(c->n_dbkeys, 15);
    assert_string_equal(dbkey(c, "host"), "db1.plant.example,db2.plant.example");
    assert_string_equal(dbkey(c, "hostaddr"), "10.0.0.1,10.0.0.2");
    assert_string_equal(dbkey(c, "port"), "5432,5433");
    assert_string_equal(dbkey(c, "dbname"), "f2x_neurohub");
    assert_string_equal(dbkey(c, "user"), "wip_station");
    assert_string_equal(dbkey(c, "passfile"), "/etc/wipstation/pgpass");
    assert_string_equal(dbkey(c, "service"), "f2x");
    assert_string_equal(dbkey(c, "target_session_attrs"), "read-write");
    assert_string_equal(dbkey(c, "connect_timeout"), "3");
    assert_string_equal(dbkey(c, "sslmode"), "verify-full");
    assert_string_equal(dbkey(c, "sslrootcert"), "/etc/ssl/root.crt");
    assert_string_equal(dbkey(c, "sslcert"), "/etc/ssl/station.crt");
    assert_string_equal(dbkey(c, "sslkey"), "/etc/ssl/station.key");
    assert_string_equal(dbkey(c, "application_name"), "wipstation-P3-01");
    assert_string_equal(dbkey(c, "options"), "-c statement_timeout=5000");
    assert_string_equal(c->conninfo, "");
    /* a key given twice keeps one entry with the last value */
    load_ok(f, "[database]\nhost = a\nhost = b\ndbname = x\n");
    assert_int_equal(c->n_dbkeys, 15);
    assert_string_equal(dbkey(c, "host"), "b");
    assert_string_equal(dbkey(c, "dbname"), "x");
    /* keys are case-sensitive like libpq's */
    load_bad(f, "[database]\nHost = a\n", "t.ini:2: unknown key 'Host' in [database]");
}

/* [rig]: the listener's address, the drop folder, the bounds. */
static void test_rig(void **state)
{
    struct fx *f = *state;
    assert_string_equal(f->cfg.rig_listen, "");
    assert_string_equal(f->cfg.rig_spool, "");
    assert_int_equal(f->cfg.rig_auto_complete, 0);
    assert_int_equal(f->cfg.rig_max_frame, 65536);
    assert_int_equal(f->cfg.rig_timeout_s, 5);
    load_ok(f, "[rig]\nlisten = 127.0.0.1:9000\nspool = /var/spool/wipstation/rig\n"
               "auto_complete = yes\nmax_frame = 1048575\ntimeout_s = 10\n"
               "max_connections = 4\nconfirm_s = 120\nallow = 10.0.0.5 10.0.0.6\n");
    assert_string_equal(f->cfg.rig_listen, "127.0.0.1:9000");
    assert_string_equal(f->cfg.rig_spool, "/var/spool/wipstation/rig");
    assert_string_equal(f->cfg.rig_allow, "10.0.0.5 10.0.0.6");
    assert_int_equal(f->cfg.rig_auto_complete, 1);
    assert_int_equal(f->cfg.rig_max_frame, 1048575);
    assert_int_equal(f->cfg.rig_timeout_s, 10);
    assert_int_equal(f->cfg.rig_max_conns, 4);
    assert_int_equal(f->cfg.rig_confirm_s, 120);
    load_ok(f, "[rig]\nlisten = /run/wipstation/rig.sock\n");
    load_ok(f, "[rig]\nlisten = [::1]:9000\n");
    load_ok(f, "[rig]\nlisten =\n");
    load_bad(f, "[rig]\nlisten = 9000\n",
             "t.ini:2: listen must be HOST:PORT or an absolute socket path, not '9000'");
    load_bad(f, "[rig]\nlisten = localhost:99999\n",
             "t.ini:2: listen must be HOST:PORT or an absolute socket path, not 'localhost:99999'");
    load_bad(f, "[rig]\nspool = rig\n", "t.ini:2: spool must be an absolute directory, not 'rig'");
    load_bad(f, "[rig]\nmax_frame = 2000000\n",
             "t.ini:2: max_frame must be 256 to 1048575 bytes, not '2000000'");
    load_bad(f, "[rig]\nauto_complete = maybe\n",
             "t.ini:2: auto_complete must be yes or no, not 'maybe'");
    load_bad(f, "[rig]\nport = 9000\n", "t.ini:2: unknown key 'port' in [rig]");
}

static void test_database_keys_fresh(void **state)
{
    struct fx *f = *state;
    struct core_cfg *c = &f->cfg;
    load_ok(f, "[database]\ndbname = f2x_neurohub\nuser = wip_station\nhost = db1\n"
               "dbname = other\n");
    assert_int_equal(c->n_dbkeys, 3);
    assert_string_equal(c->dbkeys[0].name, "dbname");
    assert_string_equal(c->dbkeys[0].value, "other");
    assert_string_equal(c->dbkeys[1].name, "user");
    assert_string_equal(c->dbkeys[2].name, "host");
    assert_null(dbkey(c, "port"));
    load_ok(f, "[database]\nconninfo = service=f2x\n");
    assert_string_equal(c->conninfo, "service=f2x");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_korean_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_control_chars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_database_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_database_keys_fresh, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rig, setup, teardown),
    };
    return cmocka_run_group_tests_name("cfg", tests, NULL, NULL);
}
