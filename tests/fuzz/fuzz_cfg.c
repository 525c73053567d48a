/* tests/fuzz/fuzz_cfg.c — the station configuration from hostile INI text:
 * core_cfg_load_string, twice over the same configuration, and core_cfg_load of the
 * same bytes from a file (the two readers must agree). Properties: a string never gives
 * an I/O error; an accepted configuration has its values in range and clean UTF-8; an
 * error names the file and a line of it; nothing leaks (LSan). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cfg.h"
#include "core/ident.h"
#include "tests/fuzz/fuzz.h"

static char tmp_path[64];
static const char *file_name = "fuzz.ini"; /* the temporary file once it exists */

static void remove_tmp(void)
{
    unlink(tmp_path);
}

static int clean(const char *s)
{
    return s && core_utf8_clean(s);
}

static void check_accepted(const struct core_cfg *c, const char *name)
{
    FUZZ_CHECK(c->path && !strcmp(c->path, name));
    FUZZ_CHECK(clean(c->conninfo) && clean(c->station_id) && clean(c->equipment));
    FUZZ_CHECK(clean(c->queue) && clean(c->server) && clean(c->templates) && clean(c->prefix));
    FUZZ_CHECK(c->process >= 1 && c->process <= 99);
    FUZZ_CHECK(c->dpi == 203 || c->dpi == 300);
    FUZZ_CHECK(c->idle_logout_min >= 0 && c->repeat_window_ms >= 0 && c->print_wait_s >= 0);
    FUZZ_CHECK(c->n_dbkeys >= 0 && c->n_dbkeys <= 16);
    for (int i = 0; i < c->n_dbkeys; i++)
        FUZZ_CHECK(c->dbkeys[i].name && clean(c->dbkeys[i].value));
}

static void check_refused(const struct stn_err *err, const char *name, const char *text)
{
    long lines = 1;
    const char *colon;

    for (const char *t = text; *t; t++)
        lines += *t == '\n';
    FUZZ_CHECK(err->code == STN_E_CONFIG);
    FUZZ_CHECK(memchr(err->msg, '\0', sizeof err->msg) != NULL);
    FUZZ_CHECK(!strncmp(err->msg, name, strlen(name)) && err->msg[strlen(name)] == ':');
    colon = err->msg + strlen(name) + 1;
    FUZZ_CHECK(atol(colon) >= 1 && atol(colon) <= lines + 1);
}

/* The same bytes through the file reader: the same outcome and message. */
static void check_file(const char *text, enum stn_code want, const struct stn_err *werr)
{
    struct core_cfg c;
    struct stn_err err;
    size_t n = strlen(text);
    FILE *f;

    if (!(f = fopen(tmp_path, "wb")))
        return;
    if (fwrite(text, 1, n, f) != n) {
        fclose(f);
        return;
    }
    fclose(f);
    core_cfg_init(&c);
    memset(&err, 0, sizeof err);
    FUZZ_CHECK(core_cfg_load(&c, tmp_path, &err) == want);
    FUZZ_CHECK(want == STN_OK || strcmp(err.msg, werr->msg) == 0);
    core_cfg_fini(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct core_cfg cfg;
    struct stn_err err;
    enum stn_code rc;
    char *text = malloc(size + 1);

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* the string reader stops at the first NUL, so does the file */
    if (!tmp_path[0]) {
        int fd;
        snprintf(tmp_path, sizeof tmp_path, "/tmp/fuzz_cfg.XXXXXX");
        if ((fd = mkstemp(tmp_path)) >= 0) {
            close(fd);
            file_name = tmp_path;
            atexit(remove_tmp);
        }
    }
    core_cfg_init(&cfg);
    memset(&err, 0, sizeof err);
    rc = core_cfg_load_string(&cfg, file_name, text, &err);
    if (rc == STN_OK)
        check_accepted(&cfg, file_name);
    else
        check_refused(&err, file_name, text);
    if (file_name == tmp_path)
        check_file(text, rc, &err);
    /* loading again over the loaded values must neither leak nor change the outcome */
    FUZZ_CHECK(core_cfg_load_string(&cfg, file_name, text, &err) == rc);
    core_cfg_fini(&cfg);
    core_cfg_fini(&cfg);
    free(text);
    return 0;
}
