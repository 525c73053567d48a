/* base/xalloc.h — allocation that never returns NULL, and the one fatal path. */
#ifndef STN_BASE_XALLOC_H
#define STN_BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size) __attribute__((malloc, returns_nonnull));
void *xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));
void *xrealloc(void *p, size_t size) __attribute__((returns_nonnull));
char *xstrdup(const char *s) __attribute__((malloc, returns_nonnull));

/* Copies src into dst (size n), always NUL-terminated; returns 1 when cut. */
int stn_strlcpy(char *dst, const char *src, size_t n);

/* Runs the registered cleanup (the terminal restores itself), prints, exits 1. */
void stn_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* cleanup runs once, before the message is printed on stderr, and is given it. */
void stn_set_die_cleanup(void (*cleanup)(const char *reason));

#endif
