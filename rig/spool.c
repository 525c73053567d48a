/* rig/spool.c — the rig drop folder (rig/spool.h).
 *
 * Every move is link() then unlink(): link never replaces a file, so a name already in
 * completed/ or error/ is never overwritten, and a rig renaming a new file into pending/
 * while the station claims the old one never loses it. A file claimed into work/ is
 * the station's alone from then on; a station that stops between COMMIT and the move
 * finds it in work/ at its next start, and recording it again is answered from its key
 * (core/rig.h): nothing is recorded twice. */
#include "rig/spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

#define MAX_QUEUE 4096
#define NAME_MAX_LEN 200

struct entry {
    char name[NAME_MAX_LEN + 1];
    int in_work;
};

struct rig_spool {
    char *dir;
    uint32_t max_size;
    int ifd;
    struct entry *q; /* work/ first, then by name */
    int n;
    char last[300];
};

static int join(char *out, size_t n, const char *dir, const char *sub, const char *name)
{
    return snprintf(out, n, "%s/%s%s%s", dir, sub, name ? "/" : "", name ? name : "") < (int)n ? 0
                                                                                               : -1;
}

/* A name the station takes: NAME.json, not hidden, short enough to get a -N suffix. */
static int wanted(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && n <= NAME_MAX_LEN - 8 && name[0] != '.' && !strchr(name, '/') &&
           !strcasecmp(name + n - 5, ".json");
}

static int before(const struct entry *a, const struct entry *b)
{
    if (a->in_work != b->in_work)
        return a->in_work;
    return strcmp(a->name, b->name) < 0;
}

static void add(struct rig_spool *s, const char *name, int in_work)
{
    struct entry e;
    int at = s->n;

    if (!wanted(name) || s->n == MAX_QUEUE)
        return; /* past the bound the next scan finds it */
    memset(&e, 0, sizeof e);
    snprintf(e.name, sizeof e.name, "%s", name);
    e.in_work = in_work;
    for (int i = 0; i < s->n; i++) {
        if (!strcmp(s->q[i].name, name) && s->q[i].in_work == in_work)
            return;
        if (at == s->n && before(&e, &s->q[i]))
            at = i;
    }
    memmove(&s->q[at + 1], &s->q[at], sizeof *s->q * (size_t)(s->n - at));
    s->q[at] = e;
    s->n++;
}

static void scan_dir(struct rig_spool *s, const char *sub, int in_work)
{
    char path[4096];
    DIR *d;
    struct dirent *e;

    if (join(path, sizeof path, s->dir, sub, NULL) < 0 || !(d = opendir(path)))
        return;
    while ((e = readdir(d)) != NULL)
        add(s, e->d_name, in_work);
    closedir(d);
}

void rig_spool_rescan(struct rig_spool *s)
{
    s->n = 0;
    scan_dir(s, "work", 1);
    scan_dir(s, "pending", 0);
}

enum stn_code rig_spool_open(struct rig_spool **out, const char *dir, uint32_t max_size,
                             struct stn_err *err)
{
    static const char *const subs[] = { "", "pending", "work", "completed", "error" };
    struct rig_spool *s = xcalloc(1, sizeof *s);
    char path[4096];

    *out = NULL;
    s->dir = xstrdup(dir);
    s->max_size = max_size;
    s->q = xcalloc(MAX_QUEUE, sizeof *s->q);
    s->ifd = -1;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (join(path, sizeof path, dir, subs[i], NULL) < 0 ||
            (mkdir(path, 0775) < 0 && errno != EEXIST)) {
            stn_err_set(err, STN_E_IO, "[rig] spool: cannot create %s: %s", path, strerror(errno));
            rig_spool_close(s);
            return STN_E_IO;
        }
    }
    join(path, sizeof path, dir, "pending", NULL);
    s->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (s->ifd < 0 || inotify_add_watch(s->ifd, path, IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
        stn_err_set(err, STN_E_IO, "[rig] spool: cannot watch %s: %s", path, strerror(errno));
        rig_spool_close(s);
        return STN_E_IO;
    }
    rig_spool_rescan(s);
    *out = s;
    return STN_OK;
}

void rig_spool_close(struct rig_spool *s)
{
    if (!s)
        return;
    if (s->ifd >= 0)
        close(s->ifd);
    free(s->q);
    free(s->dir);
    free(s);
}

int rig_spool_fd(const struct rig_spool *s)
{
    return s->ifd;
}

void rig_spool_readable(struct rig_spool *s)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t r;

    while ((r = read(s->ifd, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + r;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            if (ev->mask & IN_Q_OVERFLOW)
                rig_spool_rescan(s);
            else if (ev->len > 0)
                add(s, ev->name, 0);
            p += sizeof *ev + ev->len;
        }
    }
}

int rig_spool_waiting(const struct rig_spool *s)
{
    return s->n;
}

/* The name with -k before its extension (k = 0: the name itself). */
static void numbered(char *out, size_t n, const char *name, int k)
{
    const char *dot = strrchr(name, '.');
    if (k == 0 || !dot)
        snprintf(out, n, "%s", name);
    else
        snprintf(out, n, "%.*s-%d%s", (int)(dot - name), name, k, dot);
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Links work/NAME into sub/ under a free name (out: that name); 0, or -1. */
static int place(struct rig_spool *s, const char *name, const char *sub, char *out, size_t n)
{
    char from[4096], to[4096], cand[NAME_MAX_LEN + 16];

    join(from, sizeof from, s->dir, "work", name);
    for (int k = 0; k < 1000; k++) {
        numbered(cand, sizeof cand, name, k);
        join(to, sizeof to, s->dir, sub, cand);
        int e = link(from, to) == 0 ? 0 : errno;
        if (e == 0 || (e == EEXIST && same_file(from, to))) {
            snprintf(out, n, "%s", cand);
            return 0;
        }
        if (e != EEXIST)
            return -1;
    }
    return -1;
}

static void drop_front(struct rig_spool *s)
{
    memmove(&s->q[0], &s->q[1], sizeof *s->q * (size_t)(s->n - 1));
    s->n--;
}

static void read_file(struct rig_spool *s, struct rig_spool_file *f)
{
    char path[4096];
    struct stat st;
    int fd;
    size_t got = 0;

    join(path, sizeof path, s->dir, "work", f->name);
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(f->fault, sizeof f->fault, "not a regular file%s%s", fd < 0 ? ": " : "",
                 fd < 0 ? strerror(errno) : "");
        if (fd >= 0)
            close(fd);
        return;
    }
    if ((unsigned long long)st.st_size > s->max_size) {
        snprintf(f->fault, sizeof f->fault, "the file has %lld bytes, more than %lu",
                 (long long)st.st_size, (unsigned long)s->max_size);
        close(fd);
        return;
    }
    f->body = xmalloc((size_t)st.st_size + 1);
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, f->body + got, (size_t)st.st_size - got);
        if (r <= 0)
            break; /* shorter than it was: what is there is judged */
        got += (size_t)r;
    }
    close(fd);
    f->body[got] = '\0';
    f->len = got;
}

int rig_spool_claim(struct rig_spool *s, struct rig_spool_file *f)
{
    memset(f, 0, sizeof *f);
    while (s->n > 0) {
        struct entry e = s->q[0];
        char from[4096], to[4096];
        drop_front(s);
        if (!e.in_work) {
            join(from, sizeof from, s->dir, "pending", e.name);
            join(to, sizeof to, s->dir, "work", e.name);
            if (link(from, to) < 0)
                continue; /* gone meanwhile, not a file, or a namesake in work/ (taken
                           * first, this one the next scan) */
            unlink(from);
        } else {
            join(to, sizeof to, s->dir, "work", e.name);
            if (access(to, F_OK) < 0)
                continue;
        }
        snprintf(f->name, sizeof f->name, "%s", e.name);
        read_file(s, f);
        return 1;
    }
    return 0;
}

static void unlink_work(struct rig_spool *s, const char *name)
{
    char path[4096];
    join(path, sizeof path, s->dir, "work", name);
    unlink(path);
}

void rig_spool_done(struct rig_spool *s, struct rig_spool_file *f)
{
    char final[NAME_MAX_LEN + 16];

    if (place(s, f->name, "completed", final, sizeof final) == 0) {
        unlink_work(s, f->name);
        snprintf(s->last, sizeof s->last, "completed/%s", final);
    } else { /* stays in work/: taken again first, and answered from its key */
        add(s, f->name, 1);
        snprintf(s->last, sizeof s->last, "work/%s", f->name);
    }
}

void rig_spool_refused(struct rig_spool *s, struct rig_spool_file *f, const char *why)
{
    char final[NAME_MAX_LEN + 16], wpath[4096], tmp[4200];
    FILE *fp;

    if (place(s, f->name, "error", final, sizeof final) < 0) {
        add(s, f->name, 1);
        snprintf(s->last, sizeof s->last, "work/%s", f->name);
        return;
    }
    join(wpath, sizeof wpath, s->dir, "error", final);
    snprintf(tmp, sizeof tmp, "%s.why.tmp", wpath);
    if ((fp = fopen(tmp, "w")) != NULL) {
        fprintf(fp, "%s\n", why);
        if (fclose(fp) == 0) {
            char whyp[4200];
            snprintf(whyp, sizeof whyp, "%s.why", wpath);
            rename(tmp, whyp);
        }
    }
    unlink_work(s, f->name);
    snprintf(s->last, sizeof s->last, "error/%s", final);
}

void rig_spool_release(struct rig_spool *s, struct rig_spool_file *f)
{
    char from[4096], to[4096];

    join(from, sizeof from, s->dir, "work", f->name);
    join(to, sizeof to, s->dir, "pending", f->name);
    if (link(from, to) == 0) {
        unlink(from);
        add(s, f->name, 0);
        snprintf(s->last, sizeof s->last, "pending/%s", f->name);
    } else { /* a new file of that name is in pending/: this one waits in work/ */
        add(s, f->name, 1);
        snprintf(s->last, sizeof s->last, "work/%s", f->name);
    }
}

void rig_spool_file_fini(struct rig_spool_file *f)
{
    free(f->body);
    f->body = NULL;
}

const char *rig_spool_last_move(const struct rig_spool *s)
{
    return s->last;
}
