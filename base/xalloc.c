/* base/xalloc.c — allocation helpers and stn_die(). */
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_cleanup)(const char *reason);

void stn_set_die_cleanup(void (*cleanup)(const char *reason))
{
    die_cleanup = cleanup;
}

void stn_die(const char *fmt, ...)
{
    char reason[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (die_cleanup) {
        void (*c)(const char *) = die_cleanup;
        die_cleanup = NULL;
        c(reason);
    }
    fprintf(stderr, "wipstation: fatal: %s\n", reason);
    exit(1);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        stn_die("out of memory (%zu bytes)", size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        stn_die("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        stn_die("out of memory (%zu bytes)", size);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

int stn_strlcpy(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    if (n == 0)
        return len > 0;
    if (len >= n) {
        memcpy(dst, src, n - 1);
        dst[n - 1] = '\0';
        return 1;
    }
    memcpy(dst, src, len + 1);
    return 0;
}
