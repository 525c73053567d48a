/* core/migrate.h — versioned schema migrations (core/migrations/NNN_name.sql, compiled
 * in). Applying one is recorded with a checksum of its text; docs/DESIGN.md, Migration. */
#ifndef STN_CORE_MIGRATE_H
#define STN_CORE_MIGRATE_H

#include <stdio.h>

#include "base/status.h"

struct core_db;

struct core_migration {
    int version;
    const char *name;
    const char *up;
    const char *down; /* NULL: cannot be removed */
};

/* The migrations compiled into this program, in version order. */
extern const struct core_migration core_migrations[];
extern const int core_migration_count;

/* The schema version this program needs (the last migration). */
int core_schema_version(void);

/* Brings the schema up to date; reports what it did (or would do) on out. */
enum stn_code core_migrate_up(struct core_db *db, int dry_run, FILE *out, struct stn_err *err);

/* Removes migrations above version (never the base tables, version 1). */
enum stn_code core_migrate_down_to(struct core_db *db, int version, int dry_run, FILE *out,
                                   struct stn_err *err);

/* Reads the applied version (0 when none) and checks the checksums. */
enum stn_code core_migrate_status(struct core_db *db, int *version, struct stn_err *err);

#endif
