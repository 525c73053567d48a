/* core/cfg.h — the station's INI configuration (every key: wipstation.ini(5)). */
#ifndef STN_CORE_CFG_H
#define STN_CORE_CFG_H

#include "base/status.h"

#define CORE_CFG_DEFAULT_PATH STN_SYSCONFDIR "/wipstation/wipstation.ini"
/* Debian's fonts-nanum: Hangul and Latin, drawn on the station for labels */
#define CORE_CFG_BITMAP_FONT "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

enum core_lang { CORE_LANG_AUTO, CORE_LANG_KO, CORE_LANG_EN };
enum core_suffix { CORE_SUFFIX_ENTER, CORE_SUFFIX_CR, CORE_SUFFIX_LF, CORE_SUFFIX_TAB };
enum core_colour { CORE_COLOUR_AUTO, CORE_COLOUR_MONO, CORE_COLOUR_ON };

/* libpq connection keywords accepted in [database] besides conninfo, so that a
 * long connection string can be split over several short lines. */
/* Several entries a line: the formatter would put the first alone and stair-step the
 * rest, as it reads the list as one expression. */
/* clang-format off */
#define CORE_CFG_DB_KEYS(X)                                              \
    X(host) X(hostaddr) X(port) X(dbname) X(user) X(passfile) X(service) \
    X(target_session_attrs) X(connect_timeout) X(sslmode) X(sslrootcert) \
    X(sslcert) X(sslkey) X(application_name) X(options)
/* clang-format on */

struct core_cfg_dbkey {
    const char *name;
    char *value; /* owned; NULL when not set */
};

struct core_cfg {
    char *path; /* the file that was read, or NULL */

    /* [database] */
    char *conninfo; /* "" = libpq environment */
    struct core_cfg_dbkey dbkeys[16];
    int n_dbkeys;

    /* [station] */
    char *station_id;
    int process; /* process_number, 1..99 */
    char *equipment;
    enum core_lang language;
    int idle_logout_min; /* 0 = never */
    int pin_for_operators;
    enum core_colour colour;
    char *login_hint;  /* a line shown under the badge prompt, or "" */
    int quit_at_login; /* ^Q / CMD:LOGOUT at the badge prompt ends the program */

    /* [printer] */
    char *queue;
    char *server; /* "" = CUPS default */
    int dpi;      /* 203 or 300 */
    char *templates;
    int print_wait_s;   /* bound on following a job, seconds */
    char *wip_template; /* the WIP label's template name: "wip" or "wip-dm" */
    char *bitmap_font;  /* TrueType file for text the printer's font cannot show */
    char *printer_font; /* [printer] font: a font stored on the printer, or "" */

    /* [scanner] */
    enum core_suffix suffix;
    char *prefix;
    int strip_aim;
    int repeat_window_ms;
    int max_length;

    /* [rig] test rigs (docs/DESIGN.md, Rigs) */
    char *rig_listen;      /* "HOST:PORT" or a Unix socket path; "" = none */
    char *rig_allow;       /* addresses besides loopback that may connect */
    char *rig_spool;       /* the drop folder; "" = none */
    int rig_auto_complete; /* record a rig's COMPLETE without the operator's CMD:OK */
    int rig_max_frame;     /* bytes */
    int rig_timeout_s;     /* a frame must be complete this long after the rig connects */
    int rig_max_conns;
    int rig_confirm_s; /* a rig waits this long for the operator's CMD:OK */
};

/* Sets every field to its default. */
void core_cfg_init(struct core_cfg *cfg);
void core_cfg_fini(struct core_cfg *cfg);

/* Reads path over the defaults. Errors name file:line; err->code is
 * STN_E_CONFIG (bad content) or STN_E_IO (cannot read). */
enum stn_code core_cfg_load(struct core_cfg *cfg, const char *path, struct stn_err *err);

/* Same, from a string (name is used in messages). */
enum stn_code core_cfg_load_string(struct core_cfg *cfg, const char *name, const char *text,
                                   struct stn_err *err);

#endif
