/* rig/reply.c — the station's reply to a rig, rendered with json-c. */
#include "rig/reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "base/xalloc.h"

const char *rig_code_name(enum rig_code code)
{
#define RIG_CODE_NAME(name, ok) #name,
    static const char *const names[] = { RIG_CODES(RIG_CODE_NAME) };
#undef RIG_CODE_NAME
    return (unsigned)code < RIG_CODE_COUNT ? names[code] : "REFUSED";
}

int rig_code_ok(enum rig_code code)
{
#define RIG_CODE_OK(name, ok) ok,
    static const int oks[] = { RIG_CODES(RIG_CODE_OK) };
#undef RIG_CODE_OK
    return (unsigned)code < RIG_CODE_COUNT && oks[code];
}

enum rig_code rig_code_of_reason(enum core_reason reason)
{
    switch (reason) {
    case CORE_R_UNKNOWN_ID: return RIG_C_UNKNOWN_UNIT;
    case CORE_R_WRONG_KIND: return RIG_C_WRONG_KIND;
    case CORE_R_SCRAPPED: return RIG_C_SCRAPPED;
    case CORE_R_CONVERTED: return RIG_C_CONVERTED;
    case CORE_R_LOT_CLOSED: return RIG_C_LOT_CLOSED;
    case CORE_R_OPEN_ELSEWHERE: return RIG_C_OPEN_ELSEWHERE;
    case CORE_R_ALREADY_PASSED: return RIG_C_ALREADY_PASSED;
    case CORE_R_PREV_NOT_PASSED: return RIG_C_PREV_NOT_PASSED;
    case CORE_R_ON_HOLD: return RIG_C_ON_HOLD;
    case CORE_R_PROCESS_INACTIVE: return RIG_C_PROCESS_INACTIVE;
    case CORE_R_NOT_STARTED:
    case CORE_R_ALREADY_COMPLETED: return RIG_C_NO_OPEN_ATTEMPT;
    case CORE_R_DEFECT_REQUIRED:
    case CORE_R_DEFECT_UNKNOWN: return RIG_C_DEFECT_REQUIRED;
    case CORE_R_FIELD_INVALID:
    case CORE_R_FIELD_REQUIRED: return RIG_C_BAD_VALUE;
    case CORE_R_NOT_RECORDED: return RIG_C_DB_OFFLINE;
    case CORE_R_BUSY: return RIG_C_DB_BUSY;
    case CORE_R_UNKNOWN_OUTCOME: return RIG_C_UNKNOWN_OUTCOME;
    case CORE_R_DB_ERROR: return RIG_C_DB_ERROR;
    case CORE_R_RIG_OTHER_PROCESS: return RIG_C_WRONG_PROCESS;
    case CORE_R_RIG_KEY_REUSED: return RIG_C_KEY_REUSED;
    case CORE_R_RIG_NOT_HERE: return RIG_C_NOT_RIG_PROCESS;
    case CORE_R_RIG_JUDGED_FAIL: return RIG_C_JUDGED_FAIL;
    default: return RIG_C_REFUSED;
    }
}

/* {n} a process number or a count, {a} {b} {c} the refusal's texts (core/reason.h). */
static const char *reason_template(enum core_reason r)
{
    switch (r) {
    case CORE_R_UNKNOWN_ID: return "{a} is not a known WIP ID or serial";
    case CORE_R_WRONG_KIND: return "{a} cannot be worked at process {n}: it needs {b}";
    case CORE_R_SCRAPPED: return "{a} is scrapped";
    case CORE_R_CONVERTED: return "{a} is already serial {b}: send the serial";
    case CORE_R_LOT_CLOSED: return "the lot {a} of the unit is {b}";
    case CORE_R_OPEN_ELSEWHERE: return "{a} is open at process {n}, station {b}, since {c}";
    case CORE_R_ALREADY_PASSED: return "{a} already passed process {n}";
    case CORE_R_PREV_NOT_PASSED: return "process {n} ({b}) has not passed for {a}";
    case CORE_R_ON_HOLD:
        return "{a} is on hold after a FAIL at process {n} ({b}): a supervisor decides";
    case CORE_R_PROCESS_INACTIVE: return "process {n} is not active";
    case CORE_R_NOT_STARTED: return "{a} has no open attempt at process {n}: send START first";
    case CORE_R_ALREADY_COMPLETED:
        return "{a} was already completed at process {n} ({b}); nothing changed";
    case CORE_R_DEFECT_REQUIRED: return "a FAIL needs a defect code of the process";
    case CORE_R_DEFECT_UNKNOWN: return "defect {a} is not a code of process {n}";
    case CORE_R_FIELD_REQUIRED: return "{a} is required";
    case CORE_R_FIELD_INVALID: return "{a}: '{c}' is not a value this field takes";
    case CORE_R_NOTES_INVALID: return "notes must be plain text of at most {n} bytes";
    case CORE_R_NOT_RECORDED:
        return "the database connection was lost; nothing recorded: send again";
    case CORE_R_UNKNOWN_OUTCOME:
        return "the connection broke while committing: send {a} again to learn whether it was recorded";
    case CORE_R_BUSY: return "the database is busy; nothing recorded: send again";
    case CORE_R_DB_ERROR: return "database error; nothing recorded";
    case CORE_R_RIG_OTHER_PROCESS:
        return "the message for {a} is for process {b}; this station works process {n}";
    case CORE_R_RIG_KEY_REUSED:
        return "msg_id {a} was used before for another message; nothing recorded";
    case CORE_R_RIG_NOT_HERE:
        return "{a}: a rig cannot do what process {n} needs now (scan it at the station)";
    case CORE_R_RIG_JUDGED_FAIL:
        return "the station judged {a} FAIL ({b}): it cannot be recorded as PASS";
    default: return NULL;
    }
}

char *rig_reason_message(const struct core_refusal *why, char *buf, size_t n)
{
    const char *t = reason_template(why->code);
    char num[16];
    size_t o = 0;
    int cut = 0;

    if (n == 0)
        return buf;
    buf[0] = '\0';
    if (!t) {
        snprintf(buf, n, "refused: %s", core_reason_name(why->code));
        return buf;
    }
    snprintf(num, sizeof num, "%d", why->n);
    while (*t && !cut) {
        const char *arg = NULL;
        size_t k;
        if (t[0] == '{' && t[1] && t[2] == '}')
            arg = t[1] == 'n'   ? num
                  : t[1] == 'a' ? why->a
                  : t[1] == 'b' ? why->b
                  : t[1] == 'c' ? why->c
                                : NULL;
        if (arg) {
            cut = core_text_put(buf, n, &o, arg, strlen(arg));
            t += 3;
            continue;
        }
        k = 1 + strcspn(t + 1, "{");
        cut = core_text_put(buf, n, &o, t, k);
        t += k;
    }
    return buf;
}

enum rig_code rig_code_of_frame(enum rig_frame_fault fault)
{
    return fault == RIG_FRAME_TOO_LARGE ? RIG_C_FRAME_TOO_LARGE : RIG_C_BAD_FRAME;
}

enum rig_code rig_code_of_fault(enum core_rig_fault fault)
{
    return fault == CORE_RIG_BAD_JSON ? RIG_C_BAD_JSON : RIG_C_BAD_FIELD;
}

/* The code's own words, when nothing more precise is known. */
static const char *default_message(enum rig_code code)
{
    switch (code) {
    case RIG_C_BAD_FRAME:
        return "bad frame: send a 4-byte big-endian length, then that many bytes of UTF-8 JSON";
    case RIG_C_FRAME_TOO_LARGE: return "frame too large";
    case RIG_C_TIMEOUT: return "the frame did not arrive in time; nothing recorded";
    case RIG_C_BAD_JSON: return "not a JSON object";
    case RIG_C_BUSY: return "the station is busy; nothing recorded: send again later";
    case RIG_C_FORBIDDEN: return "this address may not send results to the station";
    case RIG_C_NOT_LOGGED_IN:
        return "nobody is logged in at the station; nothing recorded: send again after an operator logs in";
    case RIG_C_NOT_CONFIRMED:
        return "the operator has not confirmed the result; nothing recorded yet: send again";
    case RIG_C_REJECTED: return "the operator cancelled the result; nothing recorded";
    case RIG_C_DB_OFFLINE: return "the database is not reachable; nothing recorded: send again";
    default: return rig_code_name(code);
    }
}

static void add_str(struct json_object *o, const char *key, const char *v)
{
    if (v && v[0])
        json_object_object_add(o, key, json_object_new_string(v));
}

/* The fields the station judged other than PASS, and what the rig and it thought. */
static void add_findings(struct json_object *o, const struct core_rig_result *res)
{
    static const char *const fv[] = { "PASS", "FAIL", "MISSING", "ABSENT", "UNKNOWN" };
    struct json_object *arr = json_object_new_array();
    const struct core_rig_judgement *j = &res->judgement;

    for (int i = 0; i < j->n; i++) {
        const struct core_rig_check *c = &j->c[i];
        struct json_object *f;
        if (c->verdict == CORE_RIG_FV_ABSENT)
            continue;
        f = json_object_new_object();
        add_str(f, "code", c->code);
        add_str(f, "station", (unsigned)c->verdict < 5 ? fv[c->verdict] : "?");
        add_str(f, "value", c->value);
        if (c->disagree)
            json_object_object_add(f, "disagree", json_object_new_boolean(1));
        json_object_array_add(arr, f);
    }
    json_object_object_add(o, "fields", arr);
}

char *rig_reply_render(const struct rig_reply *r)
{
    struct json_object *o = json_object_new_object();
    const struct core_rig_msg *m = r->msg;
    char *text;

    add_str(o, "status", rig_code_ok(r->code) ? "OK" : "ERROR");
    add_str(o, "code", rig_code_name(r->code));
    add_str(o, "message", r->message && r->message[0] ? r->message : default_message(r->code));
    if (m && m->type)
        add_str(o, "message_type", core_rig_type_name(m->type));
    if (m) {
        add_str(o, "wip_id", m->unit.text);
        add_str(o, "msg_id", m->msg_id);
    }
    if (r->station)
        add_str(o, "station", r->station);
    if (r->process)
        json_object_object_add(o, "process", json_object_new_int(r->process));
    if (r->res && m && m->type == CORE_RIG_COMPLETE && r->code == RIG_C_COMPLETED) {
        add_str(o, "result", r->res->recorded == CORE_RES_PASS ? "PASS" : "FAIL");
        add_str(o, "defect", r->res->defect);
        add_str(o, "rig_result", core_rig_verdict_name(m->result));
        add_findings(o, r->res);
    }
    text = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                         JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return text;
}

char *rig_reply_simple(enum rig_code code, const char *message, const struct core_rig_msg *msg)
{
    struct rig_reply r = { code, message, msg, NULL, NULL, 0 };
    return rig_reply_render(&r);
}
