/* core/jsonw.h — a minimal JSON writer for the documents core stores in JSONB.
 * PostgreSQL parses and validates them (the ::jsonb cast); nothing here parses JSON. */
#ifndef STN_CORE_JSONW_H
#define STN_CORE_JSONW_H

#include <stddef.h>

struct jsonw {
    char *buf; /* owned */
    size_t len, cap;
    int need_comma;
};

void jsonw_init(struct jsonw *w);
void jsonw_fini(struct jsonw *w);
void jsonw_open(struct jsonw *w);                 /* { */
void jsonw_close(struct jsonw *w);                /* } */
void jsonw_key(struct jsonw *w, const char *key); /* "key": (then a value or open) */
void jsonw_str(struct jsonw *w, const char *key, const char *value);
void jsonw_num(struct jsonw *w, const char *key, double value);
void jsonw_bool(struct jsonw *w, const char *key, int value);
const char *jsonw_text(const struct jsonw *w);

#endif
