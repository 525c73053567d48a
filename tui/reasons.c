/* tui/reasons.c — the words of core's refusals (see tui/reasons.h). */
#include "tui/reasons.h"

#include <stdio.h>
#include <string.h>

#include "tui/i18n.h"

/* {n} is a number (a process, a count, a limit), {a} {b} {c} texts; a translation uses
 * whichever it needs, e.g. a process's Korean name where English uses its English name. */
static const char *const templates[CORE_REASON_COUNT] = {
    [CORE_R_OK] = N_("OK"),
    [CORE_R_BAD_SCAN] = N_("Not a valid barcode ({a}). Scan a LOT, WIP ID, serial or command."),
    [CORE_R_UNKNOWN_ID] = N_("{a} is not known. Check the label and scan again."),
    [CORE_R_WRONG_KIND] = N_("{a} cannot be worked at process {n}: scan {b}."),
    [CORE_R_SCRAPPED] = N_("{a} is SCRAPPED. Put it in the scrap bin; it cannot be worked."),
    [CORE_R_CONVERTED] = N_("{a} is serial {b} now, past the WIP processes: work it by its "
                            "serial, at the process it needs next."),
    [CORE_R_LOT_CLOSED] = N_("Lot {a} is {b}. No more work can be recorded in it."),
    [CORE_R_OPEN_ELSEWHERE] = N_("{a} is in progress at process {n}, station {b} since {c}. "
                                 "Finish it there first."),
    [CORE_R_ALREADY_PASSED] = N_("{a} already PASSED process {n}. Take it to the process it "
                                 "needs next (its card says which)."),
    [CORE_R_PREV_NOT_PASSED] = N_("Process {n} ({b}) is not PASSED for {a}. "
                                  "Take it to process {n} first."),
    [CORE_R_ON_HOLD] = N_("{a} is ON HOLD after a FAIL at process {n} ({b}). "
                          "Call a supervisor: REWORK or SCRAP."),
    [CORE_R_PROCESS_INACTIVE] = N_("Process {n} is not active in the routing. "
                                   "Ask the administrator."),
    [CORE_R_NOT_STARTED] = N_("{a} has no open attempt at process {n}. Scan it once to start."),
    [CORE_R_ALREADY_COMPLETED] = N_("{a} was already completed at process {n} ({b}). "
                                    "Nothing changed."),
    [CORE_R_DEFECT_REQUIRED] = N_("A FAIL needs a defect code. Scan one from the command sheet."),
    [CORE_R_DEFECT_UNKNOWN] = N_("Defect {a} does not belong to process {n}. "
                                 "Use this process's codes."),
    [CORE_R_FIELD_REQUIRED] = N_("{a} is required before PASS. Enter or scan it."),
    [CORE_R_FIELD_INVALID] = N_("{a}: '{c}' is not a valid value. Enter it again."),
    [CORE_R_NOT_COMPLETED] = N_("{a} has not finished processes 1 to {n}. Missing: process {b}."),
    [CORE_R_ROLE] = N_("Only a supervisor (MANAGER or ADMIN) can do this. "
                       "Scan a supervisor badge."),
    [CORE_R_NOT_ON_HOLD] = N_("{a} is not on hold: there is no FAIL to decide."),
    [CORE_R_NOT_REWORKABLE] = N_("Process {n} cannot be reworked. Only SCRAP is possible."),
    [CORE_R_REWORK_LIMIT] = N_("{a} was reworked {b} times (limit {c}). Only SCRAP is possible."),
    [CORE_R_REASON_REQUIRED] = N_("A reason is required. Choose one or type it."),
    [CORE_R_REASON_INVALID] = N_("The reason must be plain text of at most {n} bytes."),
    [CORE_R_RESULT_INVALID] = N_("result must be PASS or FAIL"),
    [CORE_R_DECISION_INVALID] = N_("decision must be REWORK or SCRAP"),
    [CORE_R_NOTES_INVALID] = N_("Notes must be plain text of at most {n} bytes."),
    [CORE_R_LABEL_MISMATCH] = N_("LABEL MISMATCH: expected {a}, scanned {b}. "
                                 "Remove the wrong label."),
    [CORE_R_LABEL_NOT_PRINTED] = N_("The label of {a} was not printed. "
                                    "Ask a supervisor to REPRINT."),
    [CORE_R_LOT_FULL] = N_("Lot {a} has room for {n} more units (target {b}). Create a new lot "
                           "for the rest."),
    [CORE_R_NO_LOT] = N_("Scan a LOT first."),
    [CORE_R_LOT_NOT_DONE] = N_("Lot {a} still has {n} units not PASSED or SCRAPPED."),
    [CORE_R_QUANTITY_RANGE] = N_("Quantity must be 1 to {n}."),
    [CORE_R_LOT_ARGS_INVALID] = N_("Line code: 4 letters/digits; model: 3+; target 1-{n}; "
                                   "date YYYY-MM-DD."),
    [CORE_R_LOT_SEQUENCE_FULL] = N_("{n} lots this month for this line and model."),
    [CORE_R_HELD] = N_("{a} is HELD (quarantine) by {b}: {c}. Set it aside; a supervisor "
                       "releases it (CMD:RELEASE)."),
    [CORE_R_LOT_HELD] = N_("{a}: its lot is HELD (quarantine) by {b}: {c}. Set it aside; a "
                           "supervisor releases the lot (CMD:RELEASE)."),
    [CORE_R_ALREADY_HELD] = N_("{a} is already HELD by {b}: {c}."),
    [CORE_R_NOT_HELD] = N_("{a} is not held: there is nothing to release."),
    [CORE_R_HELD_WITH_LOT] = N_("{a} is held with its lot {b}: release the lot (scan {b})."),
    [CORE_R_BADGE_UNKNOWN] = N_("Badge {a} is not registered or not active."),
    [CORE_R_BAD_PIN] = N_("Wrong PIN ({n} of 5). After 5 the badge is locked for 10 minutes."),
    [CORE_R_BADGE_LOCKED] = N_("Badge {a} is locked until {b} after 5 wrong PINs."),
    [CORE_R_ADMIN_ONLY] = N_("Only an ADMIN can do this. Scan an ADMIN badge."),
    [CORE_R_PIN_ADMIN_ONLY] = N_("The PIN of {a} ({b}) is not set at a station: "
                                 "use wipstation admin."),
    [CORE_R_PIN_INVALID] = N_("A PIN is 4 to 12 digits. Type it again."),
    [CORE_R_NOT_RECORDED] = N_("NOT RECORDED: the database connection was lost. Scan again."),
    [CORE_R_UNKNOWN_OUTCOME] = N_("Connection lost while saving: scan {a} again to see whether "
                                  "it was recorded."),
    [CORE_R_BUSY] = N_("NOT RECORDED: the database is busy. Scan again."),
    [CORE_R_DB_ERROR] = N_("NOT RECORDED: database error. Call the administrator."),
    [CORE_R_RIG_OTHER_PROCESS] = N_("The rig's message for {a} is for process {b}; this station "
                                    "works process {n}."),
    [CORE_R_RIG_KEY_REUSED] = N_("The rig sent message id {a} again with other content: "
                                 "nothing recorded."),
    [CORE_R_RIG_NOT_HERE] = N_("{a}: a rig cannot record process {n}. Scan the unit at the "
                               "station."),
    [CORE_R_RIG_JUDGED_FAIL] = N_("The station judged {a} FAIL ({b}): it cannot be recorded as "
                                  "PASS."),
    [CORE_R_INTERNAL] = N_("NOT RECORDED: internal error. Call the administrator."),
};

/* A result that R_ALREADY_COMPLETED names ({b}) is a word of the screens, said in their
 * language; any other text argument is data and shown as it is. */
static const char *const results[] = { N_("PASS"), N_("FAIL") };

static const char *result_word(const char *b)
{
    for (size_t i = 0; i < sizeof results / sizeof results[0]; i++)
        if (!strcmp(b, results[i]))
            return _(results[i]);
    return b;
}

const char *tui_reason_template(enum core_reason code)
{
    return (unsigned)code < CORE_REASON_COUNT ? templates[code] : NULL;
}

char *tui_reason_text(const struct core_refusal *why, int ko, char *buf, size_t len)
{
    enum core_reason code = (unsigned)why->code < CORE_REASON_COUNT ? why->code : CORE_R_INTERNAL;
    const char *t = ko ? _(templates[code]) : templates[code];
    const char *b = ko && code == CORE_R_ALREADY_COMPLETED ? result_word(why->b) : why->b;
    char num[16];
    size_t o = 0;
    int cut = 0;

    if (len == 0)
        return buf;
    buf[0] = '\0';
    snprintf(num, sizeof num, "%d", why->n);
    while (*t && !cut) {
        const char *arg = NULL;
        size_t n;
        if (t[0] == '{' && t[1] && t[2] == '}') {
            switch (t[1]) {
            case 'n': arg = num; break;
            case 'a': arg = why->a; break;
            case 'b': arg = b; break;
            case 'c': arg = why->c; break;
            default: break;
            }
        }
        if (arg) {
            cut = core_text_put(buf, len, &o, arg, strlen(arg));
            t += 3;
            continue;
        }
        n = 1 + strcspn(t + 1, "{"); /* up to the next placeholder */
        cut = core_text_put(buf, len, &o, t, n);
        t += n;
    }
    return buf;
}
