/* core/rigmsg.c — a rig's message decoded strictly (json-c), and its canonical form.
 *
 * Strict where the original system was lenient (docs/DESIGN.md, Rigs): a misspelt
 * message_type was taken as COMPLETE and a missing result as PASS, so a typo could pass a
 * unit; here anything but the words and types the protocol defines is refused, with the
 * field named. Keys this decoder does not know are ignored: the original's rigs send
 * names, specs and free data the station does not need. */
#include "core/rigmsg.h"

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "base/xalloc.h"
#include "core/rigjson.h"

#define MAX_DEPTH 8 /* message > measurements > item > readings > reading: 5 levels */

struct dec {
    enum core_rig_fault fault;
    struct stn_err *err;
};

static int bad(struct dec *d, enum core_rig_fault fault, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first fault; returns -1 for the caller to return. */
static int bad(struct dec *d, enum core_rig_fault fault, const char *fmt, ...)
{
    char msg[STN_ERR_MSG_LEN];
    va_list ap;

    if (d->fault != CORE_RIG_FAULT_NONE)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    d->fault = fault;
    stn_err_set(d->err, STN_E_INPUT, "%s", msg);
    return -1;
}

/* The member key of obj, or NULL when absent or JSON null. */
static struct json_object *member(struct json_object *obj, const char *key)
{
    struct json_object *v = NULL;
    if (!json_object_object_get_ex(obj, key, &v))
        return NULL;
    return v; /* NULL for a JSON null */
}

/* A string member: 1 when present and good, 0 when absent, -1 when bad. Clean UTF-8,
 * no NUL inside, 1..cap-1 bytes (0 bytes counts as absent when !required). */
static int get_str(struct dec *d, struct json_object *obj, const char *key, const char *where,
                   char *out, size_t cap, int required)
{
    struct json_object *v = member(obj, key);
    const char *s;
    size_t n;

    out[0] = '\0';
    if (!v) {
        if (required)
            return bad(d, CORE_RIG_BAD_FIELD, "%s%s: required", where, key);
        return 0;
    }
    if (!json_object_is_type(v, json_type_string))
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: a string is required", where, key);
    s = json_object_get_string(v);
    n = (size_t)json_object_get_string_len(v);
    if (strlen(s) != n || !core_utf8_clean(s))
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: control characters or invalid text", where, key);
    if (n >= cap)
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: longer than %zu bytes", where, key, cap - 1);
    if (n == 0 && required)
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: must not be empty", where, key);
    memcpy(out, s, n + 1);
    return n > 0;
}

/* A number member (JSON number only: "1.5" as a string is refused): 1 present, 0 absent,
 * -1 bad. */
static int get_num(struct dec *d, struct json_object *obj, const char *key, const char *where,
                   double *out)
{
    struct json_object *v = member(obj, key);

    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_double) && !json_object_is_type(v, json_type_int))
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: a number is required", where, key);
    *out = json_object_get_double(v);
    if (!isfinite(*out))
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: not a finite number", where, key);
    return 1;
}

/* PASS or FAIL (any case): 1 present, 0 absent, -1 bad. */
static int get_verdict(struct dec *d, struct json_object *obj, const char *key, const char *where,
                       enum core_rig_verdict *out)
{
    char s[16];
    int r = get_str(d, obj, key, where, s, sizeof s, 0);

    *out = CORE_RIG_NONE;
    if (r <= 0) {
        if (r == 0 && member(obj, key))
            return bad(d, CORE_RIG_BAD_FIELD, "%s%s: must be PASS or FAIL, not empty", where, key);
        return r;
    }
    if (!strcasecmp(s, "PASS"))
        *out = CORE_RIG_PASS;
    else if (!strcasecmp(s, "FAIL"))
        *out = CORE_RIG_FAIL;
    else
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: must be PASS or FAIL, not '%s'", where, key, s);
    return 1;
}

/* An array member: its length (0 when absent), -1 when not an array or too long. */
static int get_array(struct dec *d, struct json_object *obj, const char *key, const char *where,
                     int max, struct json_object **out)
{
    struct json_object *v = member(obj, key);
    size_t n;

    *out = NULL;
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_array))
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: an array is required", where, key);
    n = json_object_array_length(v);
    if (n > (size_t)max)
        return bad(d, CORE_RIG_BAD_FIELD, "%s%s: more than %d entries", where, key, max);
    *out = v;
    return (int)n;
}

/* At most max bytes of s, not cutting a character: for messages that quote the rig. */
static void quote(char *out, size_t max, const char *s)
{
    size_t n = 0, len = strlen(s), k;

    while (n < len && (k = core_utf8_char(s + n, len - n)) > 0 && n + k <= max)
        n += k;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* Upper-cases and trims the unit's ID, then classifies it: a WIP ID or a serial. */
static int parse_unit(struct dec *d, const char *key, const char *raw, struct core_scan *out)
{
    char buf[CORE_SCAN_MAX + 1];
    size_t a = 0, b = strlen(raw);

    while (raw[a] == ' ' || raw[a] == '\t')
        a++;
    while (b > a && (raw[b - 1] == ' ' || raw[b - 1] == '\t'))
        b--;
    if (b - a > CORE_SCAN_MAX)
        return bad(d, CORE_RIG_BAD_FIELD, "%s: too long", key);
    for (size_t i = a; i < b; i++)
        buf[i - a] = raw[i] >= 'a' && raw[i] <= 'z' ? (char)(raw[i] - 'a' + 'A') : raw[i];
    buf[b - a] = '\0';
    if (core_scan_parse(buf, b - a, "", 0, out) != CORE_SCAN_WHY_OK ||
        (out->kind != CORE_SCAN_WIP && out->kind != CORE_SCAN_SERIAL)) {
        char shown[65];
        quote(shown, 64, buf);
        return bad(d, CORE_RIG_BAD_FIELD, "%s: '%s' is not a WIP ID or a serial number", key,
                   shown);
    }
    return 0;
}

/* wip_id, else serial_number (the original's documented name, which carries the WIP ID
 * all the same); both given must name the same unit. */
static int decode_unit(struct dec *d, struct json_object *root, struct core_scan *out)
{
    char w[CORE_SCAN_MAX + 1], s[CORE_SCAN_MAX + 1];
    struct core_scan other;
    int hw = get_str(d, root, "wip_id", "", w, sizeof w, 0);
    int hs = hw < 0 ? -1 : get_str(d, root, "serial_number", "", s, sizeof s, 0);

    if (hw < 0 || hs < 0)
        return -1;
    if (!hw && !hs)
        return bad(d, CORE_RIG_BAD_FIELD, "wip_id: required (or serial_number)");
    if (parse_unit(d, hw ? "wip_id" : "serial_number", hw ? w : s, out))
        return -1;
    if (hw && hs) {
        if (parse_unit(d, "serial_number", s, &other))
            return -1;
        if (strcmp(other.text, out->text))
            return bad(d, CORE_RIG_BAD_FIELD, "wip_id and serial_number name different units");
    }
    return 0;
}

/* msg_id: a string of 1..64 bytes, or an integer. */
static int decode_id(struct dec *d, struct json_object *root, char *out)
{
    struct json_object *v = member(root, "msg_id");

    out[0] = '\0';
    if (v && json_object_is_type(v, json_type_int)) {
        snprintf(out, CORE_RIG_ID_LEN + 1, "%lld", (long long)json_object_get_int64(v));
        return 0;
    }
    if (get_str(d, root, "msg_id", "", out, CORE_RIG_ID_LEN + 1, 0) < 0)
        return -1;
    if (v && !out[0]) /* an empty id would make every message of the rig one message */
        return bad(d, CORE_RIG_BAD_FIELD, "msg_id: must not be empty");
    return 0;
}

/* process_id: 3, "3" or the original file format's "PROC-003". */
static int decode_process(struct dec *d, struct json_object *root, int *out)
{
    struct json_object *v = member(root, "process_id");
    const char *s;
    char *end;
    long n;

    *out = 0;
    if (!v)
        return 0;
    if (json_object_is_type(v, json_type_int)) {
        n = (long)json_object_get_int64(v);
    } else if (json_object_is_type(v, json_type_string)) {
        s = json_object_get_string(v);
        if (!strncasecmp(s, "PROC-", 5))
            s += 5;
        if (*s < '0' || *s > '9')
            return bad(d, CORE_RIG_BAD_FIELD, "process_id: a process number is required");
        n = strtol(s, &end, 10);
        if (*end)
            return bad(d, CORE_RIG_BAD_FIELD, "process_id: a process number is required");
    } else {
        return bad(d, CORE_RIG_BAD_FIELD, "process_id: a process number is required");
    }
    if (n < 1 || n > 99)
        return bad(d, CORE_RIG_BAD_FIELD, "process_id: %ld is not a process number", n);
    *out = (int)n;
    return 0;
}

static int decode_spec(struct dec *d, struct json_object *item, const char *where,
                       struct core_rig_item *it)
{
    struct json_object *spec = member(item, "spec");
    char w[64];
    int r;

    if (!spec)
        return 0;
    snprintf(w, sizeof w, "%sspec.", where);
    if (!json_object_is_type(spec, json_type_object))
        return bad(d, CORE_RIG_BAD_FIELD, "%sspec: an object is required", where);
    if ((r = get_num(d, spec, "min", w, &it->min)) < 0)
        return -1;
    it->has_min = r;
    if ((r = get_num(d, spec, "max", w, &it->max)) < 0)
        return -1;
    it->has_max = r;
    if ((r = get_num(d, spec, "target", w, &it->target)) < 0)
        return -1;
    it->has_target = r;
    return 0;
}

static int decode_reading(struct dec *d, struct json_object *o, const char *where,
                          struct core_rig_reading *rd)
{
    if (!json_object_is_type(o, json_type_object))
        return bad(d, CORE_RIG_BAD_FIELD, "%s: an object is required", where);
    if (get_num(d, o, "value", where, &rd->value) != 1)
        return bad(d, CORE_RIG_BAD_FIELD, "%svalue: a number is required", where);
    if (get_str(d, o, "step", where, rd->step, sizeof rd->step, 0) < 0 ||
        get_str(d, o, "unit", where, rd->unit, sizeof rd->unit, 0) < 0 ||
        get_verdict(d, o, "result", where, &rd->result) < 0)
        return -1;
    return 0;
}

/* The value: a JSON number, or a string (taken only by text and lot fields: the judge
 * knows the field). */
static int decode_value(struct dec *d, struct json_object *o, const char *where,
                        struct core_rig_item *it)
{
    struct json_object *v = member(o, "value");
    int r;

    if (v && json_object_is_type(v, json_type_string)) {
        if ((r = get_str(d, o, "value", where, it->text, sizeof it->text, 0)) < 0)
            return -1;
        it->is_text = 1;
        it->has_value = r;
        return 0;
    }
    if ((r = get_num(d, o, "value", where, &it->value)) < 0)
        return -1;
    it->has_value = r;
    return 0;
}

static int decode_item(struct dec *d, struct json_object *o, int idx, struct core_rig_item *it)
{
    struct json_object *arr;
    char where[48], rw[80];
    int n;

    snprintf(where, sizeof where, "measurements[%d].", idx);
    if (!json_object_is_type(o, json_type_object))
        return bad(d, CORE_RIG_BAD_FIELD, "measurements[%d]: an object is required", idx);
    if (get_str(d, o, "code", where, it->code, sizeof it->code, 1) < 0 ||
        get_str(d, o, "name", where, it->name, sizeof it->name, 0) < 0 ||
        decode_value(d, o, where, it) < 0 ||
        get_str(d, o, "unit", where, it->unit, sizeof it->unit, 0) < 0 ||
        decode_spec(d, o, where, it) < 0 || get_verdict(d, o, "result", where, &it->result) < 0)
        return -1;
    if ((n = get_array(d, o, "readings", where, CORE_RIG_MAX_READINGS, &arr)) < 0)
        return -1;
    if (n > 0) {
        it->readings = xcalloc((size_t)n, sizeof *it->readings);
        for (int i = 0; i < n; i++, it->n_readings++) {
            snprintf(rw, sizeof rw, "%sreadings[%d].", where, i);
            if (decode_reading(d, json_object_array_get_idx(arr, (size_t)i), rw, &it->readings[i]) <
                0)
                return -1;
        }
    }
    if (!it->has_value && it->n_readings == 0)
        return bad(d, CORE_RIG_BAD_FIELD, "%svalue: required (or readings)", where);
    return 0;
}

static int decode_items(struct dec *d, struct json_object *root, struct core_rig_msg *m)
{
    struct json_object *arr;
    int n = get_array(d, root, "measurements", "", CORE_RIG_MAX_ITEMS, &arr);

    if (n <= 0)
        return n;
    m->items = xcalloc((size_t)n, sizeof *m->items);
    for (int i = 0; i < n; i++) {
        struct core_rig_item *it = &m->items[i];
        m->n_items++;
        if (decode_item(d, json_object_array_get_idx(arr, (size_t)i), i, it) < 0)
            return -1;
        for (int j = 0; j < i; j++)
            if (!strcasecmp(m->items[j].code, it->code))
                return bad(d, CORE_RIG_BAD_FIELD, "measurements[%d].code: %s appears twice", i,
                           it->code);
    }
    return 0;
}

/* defects (the TCP name) or defect_data (the file format's): [{code, reason}]. */
static int decode_defects(struct dec *d, struct json_object *root, struct core_rig_msg *m)
{
    const char *key = member(root, "defects") ? "defects" : "defect_data";
    struct json_object *arr;
    char where[40];
    int n = get_array(d, root, key, "", CORE_RIG_MAX_DEFECTS, &arr);

    for (int i = 0; i < n; i++) {
        struct json_object *o = json_object_array_get_idx(arr, (size_t)i);
        snprintf(where, sizeof where, "%s[%d].", key, i);
        if (!json_object_is_type(o, json_type_object))
            return bad(d, CORE_RIG_BAD_FIELD, "%s[%d]: an object is required", key, i);
        if (get_str(d, o, "code", where, m->defects[i].code, sizeof m->defects[i].code, 1) < 0 ||
            get_str(d, o, "reason", where, m->defects[i].reason, sizeof m->defects[i].reason, 0) <
                0)
            return -1;
        m->n_defects++;
    }
    return n < 0 ? -1 : 0;
}

static int decode_type(struct dec *d, struct json_object *root, unsigned flags,
                       enum core_rig_type *out)
{
    char s[16];
    int r = get_str(d, root, "message_type", "", s, sizeof s, 0);

    if (r < 0)
        return -1;
    if (r == 0 && !member(root, "message_type") && (flags & CORE_RIG_FROM_FILE)) {
        *out = CORE_RIG_COMPLETE;
        return 0;
    }
    if (r == 0)
        return bad(d, CORE_RIG_BAD_FIELD, "message_type: required (START or COMPLETE)");
    if (!strcasecmp(s, "START"))
        *out = CORE_RIG_START;
    else if (!strcasecmp(s, "COMPLETE"))
        *out = CORE_RIG_COMPLETE;
    else
        return bad(d, CORE_RIG_BAD_FIELD, "message_type: must be START or COMPLETE, not '%s'", s);
    return 0;
}

static int decode_root(struct dec *d, struct json_object *root, unsigned flags,
                       struct core_rig_msg *m)
{
    if (decode_type(d, root, flags, &m->type) < 0 || decode_id(d, root, m->msg_id) < 0 ||
        decode_unit(d, root, &m->unit) < 0 || decode_process(d, root, &m->process) < 0)
        return -1;
    if (m->type == CORE_RIG_START) {
        /* a START carries the unit only: a verdict or readings in it are a rig's mistake
         * that must not go unnoticed */
        static const char *const none[] = { "result", "measurements", "defects", "defect_data" };
        for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
            if (member(root, none[i]))
                return bad(d, CORE_RIG_BAD_FIELD, "%s: not allowed in a START", none[i]);
        return 0;
    }
    if (get_verdict(d, root, "result", "", &m->result) < 0)
        return -1;
    if (m->result == CORE_RIG_NONE)
        return bad(d, CORE_RIG_BAD_FIELD, "result: required in a COMPLETE (PASS or FAIL)");
    return decode_items(d, root, m) < 0 || decode_defects(d, root, m) < 0 ? -1 : 0;
}

/* Parses exactly one JSON object from text (whitespace around it allowed). */
static struct json_object *parse(struct dec *d, const char *text, size_t len)
{
    struct json_tokener *tok;
    struct json_object *root;
    enum json_tokener_error je;
    size_t end;

    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* a BOM, which the docs allowed */
        text += 3, len -= 3;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' ||
                   text[len - 1] == '\r'))
        len--;
    if (len == 0 || len > INT32_MAX) {
        bad(d, CORE_RIG_BAD_JSON, "not JSON: %s", len ? "too long" : "empty");
        return NULL;
    }
    if (memchr(text, '\0', len)) {
        bad(d, CORE_RIG_BAD_JSON, "not JSON: a NUL byte in the text");
        return NULL;
    }
    tok = json_tokener_new_ex(MAX_DEPTH);
    if (!tok)
        stn_die("out of memory");
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    root = json_tokener_parse_ex(tok, text, (int)len);
    je = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (!root || je != json_tokener_success || end != len) {
        json_object_put(root);
        bad(d, CORE_RIG_BAD_JSON, "not JSON: %s at byte %zu",
            je == json_tokener_continue  ? "the text ends inside a value"
            : je != json_tokener_success ? json_tokener_error_desc(je)
                                         : "more after the object",
            end);
        return NULL;
    }
    if (!json_object_is_type(root, json_type_object)) {
        json_object_put(root);
        bad(d, CORE_RIG_BAD_JSON, "not a JSON object");
        return NULL;
    }
    return root;
}

enum stn_code core_rig_decode(const char *text, size_t len, unsigned flags,
                              struct core_rig_msg *out, enum core_rig_fault *fault,
                              struct stn_err *err)
{
    struct dec d = { CORE_RIG_FAULT_NONE, err };
    struct json_object *root;

    memset(out, 0, sizeof *out);
    stn_err_clear(err);
    root = parse(&d, text, len);
    if (root) {
        decode_root(&d, root, flags, out);
        json_object_put(root);
    }
    if (fault)
        *fault = d.fault;
    if (d.fault == CORE_RIG_FAULT_NONE)
        return STN_OK;
    core_rig_msg_fini(out);
    return STN_E_INPUT;
}

void core_rig_msg_fini(struct core_rig_msg *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_items; i++)
        free(m->items[i].readings);
    free(m->items);
    m->items = NULL;
    m->n_items = 0;
}

/* ---- canonical form ----------------------------------------------------------------- */
static void add_str(struct json_object *o, const char *key, const char *v)
{
    if (v[0])
        json_object_object_add(o, key, json_object_new_string(v));
}

void core_rig_json_defects(struct json_object *o, const struct core_rig_msg *m)
{
    struct json_object *arr;

    if (!m->n_defects)
        return;
    arr = json_object_new_array();
    for (int i = 0; i < m->n_defects; i++) {
        struct json_object *x = json_object_new_object();
        add_str(x, "code", m->defects[i].code);
        add_str(x, "reason", m->defects[i].reason);
        json_object_array_add(arr, x);
    }
    json_object_object_add(o, "defects", arr);
}

/* Numbers as "%.17g" text: json-c's own double format may change between versions, and a
 * digest must not. */
static void add_num(struct json_object *o, const char *key, double v)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    json_object_object_add(o, key, json_object_new_string(buf));
}

static struct json_object *canonical_item(const struct core_rig_item *it)
{
    struct json_object *o = json_object_new_object();
    char code[sizeof it->code];

    for (size_t i = 0; i < sizeof code; i++) /* codes match fields in any case */
        code[i] = it->code[i] >= 'a' && it->code[i] <= 'z' ? (char)(it->code[i] - 32) : it->code[i];
    add_str(o, "code", code);
    add_str(o, "name", it->name);
    if (it->has_value && it->is_text)
        add_str(o, "text", it->text);
    else if (it->has_value)
        add_num(o, "value", it->value);
    add_str(o, "unit", it->unit);
    if (it->has_min)
        add_num(o, "min", it->min);
    if (it->has_max)
        add_num(o, "max", it->max);
    if (it->has_target)
        add_num(o, "target", it->target);
    add_str(o, "result", core_rig_verdict_name(it->result));
    if (it->n_readings) {
        struct json_object *arr = json_object_new_array();
        for (int i = 0; i < it->n_readings; i++) {
            const struct core_rig_reading *rd = &it->readings[i];
            struct json_object *r = json_object_new_object();
            add_num(r, "value", rd->value);
            add_str(r, "step", rd->step);
            add_str(r, "unit", rd->unit);
            add_str(r, "result", core_rig_verdict_name(rd->result));
            json_object_array_add(arr, r);
        }
        json_object_object_add(o, "readings", arr);
    }
    return o;
}

char *core_rig_canonical(const struct core_rig_msg *m)
{
    struct json_object *o = json_object_new_object();
    char *text;

    add_str(o, "type", core_rig_type_name(m->type));
    add_str(o, "unit", m->unit.text);
    if (m->process)
        json_object_object_add(o, "process", json_object_new_int(m->process));
    add_str(o, "result", core_rig_verdict_name(m->result));
    if (m->n_items) {
        struct json_object *arr = json_object_new_array();
        for (int i = 0; i < m->n_items; i++)
            json_object_array_add(arr, canonical_item(&m->items[i]));
        json_object_object_add(o, "items", arr);
    }
    core_rig_json_defects(o, m);
    text = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                         JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return text;
}

const char *core_rig_type_name(enum core_rig_type t)
{
    return t == CORE_RIG_START ? "START" : t == CORE_RIG_COMPLETE ? "COMPLETE" : "";
}

const char *core_rig_verdict_name(enum core_rig_verdict v)
{
    return v == CORE_RIG_PASS ? "PASS" : v == CORE_RIG_FAIL ? "FAIL" : "";
}
