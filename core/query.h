/* core/query.h — read-only views: full trace of a unit or lot, and the line board. */
#ifndef STN_CORE_QUERY_H
#define STN_CORE_QUERY_H

#include <stdint.h>

#include "base/status.h"

struct core_db;

/* One event of a trace timeline, oldest first. */
enum core_event_kind {
    CORE_EV_CREATED,     /* WIP created */
    CORE_EV_ATTEMPT,     /* process attempt (start..complete) */
    CORE_EV_DISPOSITION, /* REWORK / SCRAP decision */
    CORE_EV_CONVERTED,   /* serial created */
    CORE_EV_PRINT,       /* print job */
    CORE_EV_COMPONENT,   /* a component lot went into the unit (where-used) */
};

struct core_event {
    enum core_event_kind kind;
    char at[20];   /* YYYY-MM-DD HH:MM:SS */
    char unit[51]; /* WIP ID (lot traces list many units) */
    int process;   /* 0 when not about a process */
    char what[24]; /* PASS, FAIL, OPEN, REWORK, SCRAP, COMPLETED, ABORTED ... */
    char who[101];
    char station[33];
    char equipment[51];
    char detail[256]; /* measurements / defect / reason / printer message, one line */
};

struct core_trace {
    char subject[51];      /* what was asked for */
    char header[256];      /* one line: unit, lot, status, serial, ... */
    struct core_event *ev; /* owned */
    int n;
};

/* text is a LOT number, WIP ID or serial; or a component lot (e.g. SPRING-...), whose
 * trace is where it was used: one CORE_EV_COMPONENT event per attempt that scanned it,
 * naming the unit, its lot and serial. STN_E_NOT_FOUND when unknown. */
enum stn_code core_trace_get(struct core_db *db, const char *text, struct core_trace *out,
                             struct stn_err *err);
void core_trace_fini(struct core_trace *t);

/* Line board: per lot and process, counts and first-pass yield. */
struct core_board_cell {
    int waiting, in_progress, passed, failed; /* failed = on hold or scrapped there */
    int on_hold;                              /* failed there, no decision yet */
    int first_pass;                           /* units whose first attempt here passed */
    int attempted;                            /* units with any completed attempt here */
};
struct core_board_row {
    int64_t lot_id;
    char lot_number[51];
    char status[16];
    int target, units, scrapped, done;
    int held; /* units held now (CMD:HOLD): the lot's own hold, or their own */
    struct core_board_cell cell[9]; /* by process number 1..8 (index 0 unused) */
};
struct core_board {
    struct core_board_row *rows; /* owned; open lots first, newest first */
    int n;
};
/* Lots not CLOSED (at most max_lots). */
enum stn_code core_board_get(struct core_db *db, int max_lots, struct core_board *out,
                             struct stn_err *err);
void core_board_fini(struct core_board *b);

#endif
