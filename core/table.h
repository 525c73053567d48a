/* core/table.h — rows of text as the database returned them, for the callers that lay out
 * whatever columns a query has: the administration's lists and the quality reports. */
#ifndef STN_CORE_TABLE_H
#define STN_CORE_TABLE_H

struct core_table {
    int ncols, nrows;
    char **names; /* ncols column names, owned */
    char **cells; /* nrows * ncols, row by row, owned; NULL where the database said NULL */
};

/* The cell of row in the column named col: NULL for SQL NULL or an unknown column (a
 * report tells a missing figure from an empty text). */
const char *core_table_get(const struct core_table *t, int row, const char *col);
/* The cell of row in column number col: "" for SQL NULL or outside the table (a list
 * prints every cell as text). */
const char *core_table_at(const struct core_table *t, int row, int col);
void core_table_fini(struct core_table *t);

#endif
