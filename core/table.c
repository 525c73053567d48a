/* core/table.c — rows of text (see core/table.h); filled by db_table_from. */
#include "core/table.h"

#include <stdlib.h>
#include <string.h>

const char *core_table_get(const struct core_table *t, int row, const char *col)
{
    if (!t || row < 0 || row >= t->nrows)
        return NULL;
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->names[c], col))
            return t->cells[(size_t)row * (size_t)t->ncols + (size_t)c];
    return NULL;
}

const char *core_table_at(const struct core_table *t, int row, int col)
{
    const char *v;

    if (!t || row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
        return "";
    v = t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
    return v ? v : "";
}

void core_table_fini(struct core_table *t)
{
    if (!t)
        return;
    for (int c = 0; c < t->ncols; c++)
        free(t->names[c]);
    for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i]);
    free(t->names);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
