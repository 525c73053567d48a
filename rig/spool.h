/* rig/spool.h — the rig drop folder (docs/DESIGN.md, Rigs): a rig writes a JSON file
 * elsewhere and renames it into DIR/pending/; the station claims it into DIR/work/,
 * records it, and moves it to DIR/completed/ only after COMMIT, or to DIR/error/ with a
 * NAME.why beside it (the reply a rig would have got) when it is refused. While the
 * station cannot record (database down, nobody logged in) files wait in pending/; a file
 * claimed when the station lost its database goes back there. Names are kept; a name
 * already taken in completed/ or error/ gets -1, -2 ... before its extension.
 *
 * Files are found by inotify, and by a full scan at the start and whenever the caller
 * asks (after every reconnection): nothing depends on an event not being lost. Only
 * names ending in .json (any case) and not starting with '.' are taken, so a rig's
 * half-written NAME.tmp is left alone. */
#ifndef STN_RIG_SPOOL_H
#define STN_RIG_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "base/status.h"

struct rig_spool;

/* Creates DIR/pending, work, completed and error when missing, and watches pending/.
 * Files larger than max_size bytes are refused unread. */
enum stn_code rig_spool_open(struct rig_spool **out, const char *dir, uint32_t max_size,
                             struct stn_err *err);
void rig_spool_close(struct rig_spool *s);

/* The inotify descriptor to poll() for reading, and what to call when it is readable. */
int rig_spool_fd(const struct rig_spool *s);
void rig_spool_readable(struct rig_spool *s);
/* Reads pending/ and work/ again (files left in work/ by a station that stopped come
 * first). */
void rig_spool_rescan(struct rig_spool *s);
/* How many files wait (pending/ and work/). */
int rig_spool_waiting(const struct rig_spool *s);

struct rig_spool_file {
    char name[256]; /* its name (also its name in completed/ or error/) */
    char *body;     /* the file's bytes, NUL-terminated (owned); NULL when unread */
    size_t len;
    char fault[160]; /* why it was not read (too large, not a regular file ...), else "" */
};

/* Claims the next file (in name order; files in work/ first) and reads it: 1 with *f
 * filled (a file it could not read has body NULL and fault set: refuse it), 0 when none
 * waits. */
int rig_spool_claim(struct rig_spool *s, struct rig_spool_file *f);
/* After COMMIT (or a replay of a key recorded before): to completed/. */
void rig_spool_done(struct rig_spool *s, struct rig_spool_file *f);
/* Refused: to error/, with NAME.why holding why (the reply, JSON). */
void rig_spool_refused(struct rig_spool *s, struct rig_spool_file *f, const char *why);
/* Not recorded for a passing reason (the database, nobody logged in): back to pending/. */
void rig_spool_release(struct rig_spool *s, struct rig_spool_file *f);
void rig_spool_file_fini(struct rig_spool_file *f);

/* Where the last file went ("completed/x.json"), for logs and tests. */
const char *rig_spool_last_move(const struct rig_spool *s);

#endif
