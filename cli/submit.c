/* cli/submit.c — wipstation submit FILE: for rigs that can run a command. The message
 * goes to the running station (the logged-in operator is the actor, the same rules
 * apply): through its [rig] listen socket, or, without one, through its drop folder,
 * whose outcome it waits for. Exit 0 only when the station committed the message (or had
 * committed it before: a repeated key), 1 when it refused it or did not answer, 2 on a
 * usage or configuration error. The reply (JSON) is printed on stdout. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "core/cfg.h"
#include "rig/client.h"
#include "rig/frame.h"

#define REPLY_MAX 16384
#define WAIT_SLACK_S 10 /* beyond the rig's own bounds, for the station's turn */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    size_t cap = 4096, n = 0;
    char *buf;

    if (!f)
        return NULL;
    buf = xmalloc(cap);
    for (;;) {
        size_t r;
        if (n + 1 >= cap)
            buf = xrealloc(buf, cap *= 2);
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0 || n > RIG_FRAME_LIMIT)
            break;
    }
    if (f != stdin)
        fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int exit_of(const char *reply)
{
    printf("%s\n", reply);
    return strstr(reply, "\"status\":\"OK\"") ? CLI_OK : CLI_FAIL;
}

/* Through the listener: one frame, the reply read to the end. */
static int by_socket(const struct core_cfg *cfg, const char *json, size_t len)
{
    static char reply[REPLY_MAX];
    struct stn_err err;
    /* a COMPLETE may wait for the operator's CMD:OK */
    int timeout = (cfg->rig_timeout_s + (cfg->rig_auto_complete ? 0 : cfg->rig_confirm_s) +
                   WAIT_SLACK_S) *
                  1000;
    enum stn_code rc = rig_client_send(cfg->rig_listen, json, len, timeout, reply, sizeof reply,
                                       &err);

    if (rc != STN_OK) {
        fprintf(stderr, "wipstation: submit: %s\n", err.msg);
        return rc == STN_E_CONFIG ? CLI_USAGE : CLI_FAIL;
    }
    return exit_of(reply);
}

static int exists(const char *dir, const char *sub, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
    return access(path, F_OK) == 0;
}

/* Through the drop folder: written beside pending/, renamed in, then followed until it
 * reaches completed/ or error/ (whose NAME.why is the reply). */
static int by_spool(const struct core_cfg *cfg, const char *json, size_t len)
{
    const char *dir = cfg->rig_spool;
    char name[128], tmp[4200], dst[4200], why[4200];
    struct timespec ts;
    long waited = 0, limit;
    FILE *f;

    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(name, sizeof name, "submit-%lld%09ld-%d.json", (long long)ts.tv_sec, ts.tv_nsec,
             (int)getpid());
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
    snprintf(dst, sizeof dst, "%s/pending/%s", dir, name);
    if (!(f = fopen(tmp, "wb")) || fwrite(json, 1, len, f) != len || fclose(f) != 0 ||
        rename(tmp, dst) != 0) {
        fprintf(stderr, "wipstation: submit: cannot write %s: %s\n", dst, strerror(errno));
        unlink(tmp);
        return CLI_FAIL;
    }
    limit = (long)(cfg->rig_auto_complete ? 0 : cfg->rig_confirm_s) * 1000 + WAIT_SLACK_S * 1000;
    while (waited < limit) {
        if (exists(dir, "completed", name)) {
            printf("{\"status\":\"OK\",\"message\":\"recorded: %s/completed/%s\"}\n", dir, name);
            return CLI_OK;
        }
        if (exists(dir, "error", name)) {
            size_t n = 0;
            char *text;
            snprintf(why, sizeof why, "%s/error/%s.why", dir, name);
            text = read_all(why, &n);
            while (text && n && (text[n - 1] == '\n'))
                text[--n] = '\0';
            printf("%s\n", text && *text ? text : "{\"status\":\"ERROR\"}");
            free(text);
            return CLI_FAIL;
        }
        struct timespec d = { 0, 100 * 1000000L };
        nanosleep(&d, NULL);
        waited += 100;
    }
    fprintf(stderr,
            "wipstation: submit: %s not processed within %ld s (is the station running "
            "with an operator logged in?); it waits in pending/\n",
            name, limit / 1000);
    return CLI_FAIL;
}

int cli_submit(const struct cli_opts *o)
{
    struct core_cfg cfg;
    size_t len = 0;
    char *json;
    int ex;

    if (!o->file) {
        fprintf(stderr, "wipstation: submit needs a FILE (or - for standard input)\n");
        return CLI_USAGE;
    }
    if ((ex = cli_load_config(o, &cfg)) != CLI_OK)
        return ex;
    if (!cfg.rig_listen[0] && !cfg.rig_spool[0]) {
        fprintf(stderr, "wipstation: submit: the configuration has no [rig] listen or spool\n");
        core_cfg_fini(&cfg);
        return CLI_USAGE;
    }
    if (!(json = read_all(o->file, &len))) {
        fprintf(stderr, "wipstation: submit: cannot read %s: %s\n", o->file, strerror(errno));
        core_cfg_fini(&cfg);
        return CLI_USAGE;
    }
    ex = cfg.rig_listen[0] ? by_socket(&cfg, json, len) : by_spool(&cfg, json, len);
    free(json);
    core_cfg_fini(&cfg);
    return ex;
}
