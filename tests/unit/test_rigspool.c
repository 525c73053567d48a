/* tests/unit/test_rigspool.c — the rig drop folder (rig/spool.h) in a temporary
 * directory: files renamed into pending/ are found (by scan and by inotify) and claimed
 * in name order, leftovers in work/ first; completed/ and error/ (with .why) never
 * overwrite; a file released goes back to pending/; what is not NAME.json is left alone;
 * oversized files and links are refused unread. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rig/spool.h"

static char dir[256];
static char path[512];

static const char *at(const char *sub, const char *name)
{
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
    return path;
}

/* Writes a file elsewhere, then renames it into sub/, as a rig does. */
static void drop(const char *sub, const char *name, const char *text)
{
    char tmp[512];
    FILE *f;
    snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, name);
    f = fopen(tmp, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(rename(tmp, at(sub, name)), 0);
}

static int exists(const char *sub, const char *name)
{
    return access(at(sub, name), F_OK) == 0;
}

static char *slurp(const char *sub, const char *name)
{
    static char buf[1024];
    FILE *f = fopen(at(sub, name), "r");
    size_t n;
    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The spool of dir, its files at most max_size bytes. */
static struct rig_spool *opened(uint32_t max_size)
{
    struct rig_spool *s;
    struct stn_err err;
    assert_int_equal(rig_spool_open(&s, dir, max_size, &err), STN_OK);
    return s;
}

/* Claims the next file, which must be name. */
static void claims(struct rig_spool *s, struct rig_spool_file *f, const char *name)
{
    assert_int_equal(rig_spool_claim(s, f), 1);
    assert_string_equal(f->name, name);
}

/* Hands the claimed file back by how (done or released) and forgets it. */
static void finish(struct rig_spool *s, struct rig_spool_file *f,
                   void (*how)(struct rig_spool *, struct rig_spool_file *))
{
    how(s, f);
    rig_spool_file_fini(f);
}

static void refuse(struct rig_spool *s, struct rig_spool_file *f, const char *why)
{
    rig_spool_refused(s, f, why);
    rig_spool_file_fini(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wip-rigspool-%d-XXXXXX", (int)getpid());
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void claims_in_order(void **state)
{
    struct rig_spool *s;
    struct rig_spool_file f;

    (void)state;
    s = opened(1024);
    assert_true(exists("pending", "") && exists("completed", "") && exists("error", "") &&
                exists("work", ""));
    drop("pending", "result_002.json", "{\"b\":2}");
    drop("pending", "result_001.json", "{\"a\":1}");
    drop("pending", "result_003.JSON", "{\"c\":3}");
    drop("pending", "half.tmp2", "x");
    drop("pending", ".hidden.json", "x");
    rig_spool_rescan(s);
    assert_int_equal(rig_spool_waiting(s), 3);
    claims(s, &f, "result_001.json");
    assert_string_equal(f.body, "{\"a\":1}");
    assert_false(exists("pending", "result_001.json"));
    assert_true(exists("work", "result_001.json"));
    finish(s, &f, rig_spool_done);
    assert_true(exists("completed", "result_001.json"));
    assert_false(exists("work", "result_001.json"));
    claims(s, &f, "result_002.json");
    refuse(s, &f, "{\"status\":\"ERROR\",\"code\":\"BAD_FIELD\"}");
    assert_true(exists("error", "result_002.json"));
    assert_string_equal(slurp("error", "result_002.json.why"),
                        "{\"status\":\"ERROR\",\"code\":\"BAD_FIELD\"}\n");
    claims(s, &f, "result_003.JSON");
    finish(s, &f, rig_spool_done);
    assert_int_equal(rig_spool_claim(s, &f), 0);
    assert_int_equal(rig_spool_waiting(s), 0);
    assert_true(exists("pending", "half.tmp2")); /* left alone */
    assert_true(exists("pending", ".hidden.json"));
    rig_spool_close(s);
}

/* Names already taken in completed/ and error/ are never overwritten. */
static void name_clashes(void **state)
{
    struct rig_spool *s;
    struct rig_spool_file f;

    (void)state;
    s = opened(1024);
    for (int i = 0; i < 3; i++) {
        char text[32];
        snprintf(text, sizeof text, "{\"n\":%d}", i);
        drop("pending", "same.json", text);
        rig_spool_rescan(s);
        assert_int_equal(rig_spool_claim(s, &f), 1);
        finish(s, &f, rig_spool_done);
    }
    assert_string_equal(slurp("completed", "same.json"), "{\"n\":0}");
    assert_string_equal(slurp("completed", "same-1.json"), "{\"n\":1}");
    assert_string_equal(slurp("completed", "same-2.json"), "{\"n\":2}");
    assert_string_equal(rig_spool_last_move(s), "completed/same-2.json");
    rig_spool_close(s);
}

/* A file released (the database went away) waits in pending/ again; one left in work/
 * by a station that stopped is taken first at the next start. */
static void release_and_leftovers(void **state)
{
    struct rig_spool *s;
    struct rig_spool_file f;

    (void)state;
    s = opened(1024); /* makes the folders */
    rig_spool_close(s);
    drop("pending", "a.json", "{\"a\":1}");
    drop("work", "z.json", "{\"z\":1}");
    s = opened(1024);
    assert_int_equal(rig_spool_waiting(s), 2);
    claims(s, &f, "z.json"); /* work/ first */
    finish(s, &f, rig_spool_release);
    assert_true(exists("pending", "z.json"));
    assert_false(exists("work", "z.json"));
    assert_int_equal(rig_spool_waiting(s), 2);
    claims(s, &f, "a.json");
    finish(s, &f, rig_spool_release);
    rig_spool_close(s);
}

/* inotify finds a file renamed in while the station runs, without a scan. */
static void inotify_finds(void **state)
{
    struct rig_spool *s;
    struct rig_spool_file f;
    struct pollfd pf;

    (void)state;
    s = opened(1024);
    drop("pending", "late.json", "{\"late\":1}");
    pf.fd = rig_spool_fd(s), pf.events = POLLIN, pf.revents = 0;
    assert_int_equal(poll(&pf, 1, 1000), 1);
    rig_spool_readable(s);
    assert_int_equal(rig_spool_waiting(s), 1);
    claims(s, &f, "late.json");
    finish(s, &f, rig_spool_done);
    rig_spool_close(s);
}

static void refused_unread(void **state)
{
    struct rig_spool *s;
    struct rig_spool_file f;
    char big[300];

    (void)state;
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    s = opened(100);
    drop("pending", "big.json", big);
    assert_int_equal(symlink("/etc/passwd", at("pending", "link.json")), 0);
    rig_spool_rescan(s);
    claims(s, &f, "big.json");
    assert_null(f.body);
    assert_non_null(strstr(f.fault, "more than 100"));
    refuse(s, &f, "{}");
    claims(s, &f, "link.json");
    assert_null(f.body);
    assert_non_null(strstr(f.fault, "not a regular file"));
    refuse(s, &f, "{}");
    assert_true(exists("error", "big.json.why"));
    rig_spool_close(s);
}

static void bad_directory(void **state)
{
    struct rig_spool *s;
    struct stn_err err;
    (void)state;
    assert_int_equal(rig_spool_open(&s, "/proc/no/such/dir", 100, &err), STN_E_IO);
    assert_non_null(strstr(err.msg, "cannot create"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(claims_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(name_clashes, setup, teardown),
        cmocka_unit_test_setup_teardown(release_and_leftovers, setup, teardown),
        cmocka_unit_test_setup_teardown(inotify_finds, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_unread, setup, teardown),
        cmocka_unit_test(bad_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
