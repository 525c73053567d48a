/* tests/unit/test_rigmsg.c — a rig's message decoded strictly (core/rigmsg.h): what the
 * original protocol sends is understood; misspellings, wrong types and anything that
 * the original system would have taken as COMPLETE or PASS are refused with the field
 * named; the canonical form ignores spacing and key order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rigmsg.h"

#define WIP "KR01PSA2511001-W0001"
#define SERIAL "KR01PSA25110010001"

/* The protocol document's COMPLETE, with our unit ID. */
static const char *const example =
    "{\"message_type\":\"COMPLETE\",\"serial_number\":\"" WIP "\",\"result\":\"FAIL\","
    " \"measurements\":["
    "  {\"code\":\"VOLTAGE\",\"name\":\"Voltage\",\"value\":12.1,\"unit\":\"V\","
    "   \"spec\":{\"min\":11.8,\"max\":12.4,\"target\":12.0},\"result\":\"PASS\"},"
    "  {\"code\":\"TEMP\",\"name\":\"Temperature\",\"value\":72.5,\"unit\":\"\xc2\xb0"
    "C\","
    "   \"spec\":{\"min\":55.0,\"max\":65.0},\"result\":\"FAIL\"},"
    "  {\"code\":\"LEAK_CHECK\",\"name\":\"Leak check\",\"value\":1,\"result\":\"PASS\"}],"
    " \"defects\":[{\"code\":\"TEMP\",\"reason\":\"72.5 above max 65.0\"}]}";

static enum stn_code decode(const char *json, unsigned flags, struct core_rig_msg *m,
                            enum core_rig_fault *fault, struct stn_err *err)
{
    return core_rig_decode(json, strlen(json), flags, m, fault, err);
}

/* Refused with this fault, and the message names what. */
static void refused(const char *json, unsigned flags, enum core_rig_fault want, const char *what)
{
    struct core_rig_msg m;
    enum core_rig_fault fault;
    struct stn_err err;

    if (decode(json, flags, &m, &fault, &err) != STN_E_INPUT) {
        print_error("accepted: %s\n", json);
        fail();
    }
    assert_int_equal(fault, want);
    if (!strstr(err.msg, what)) {
        print_error("message '%s' does not name '%s' (input %s)\n", err.msg, what, json);
        fail();
    }
    assert_null(m.items);
}

struct refusal {
    const char *json;
    enum core_rig_fault fault;
    const char *what;
};

/* Each case refused (see refused()), decoded as a message of the network. */
static void refused_all(const struct refusal *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        refused(cases[i].json, 0, cases[i].fault, cases[i].what);
}

static void the_documented_complete(void **state)
{
    struct core_rig_msg m;
    enum core_rig_fault fault;
    struct stn_err err;

    (void)state;
    assert_int_equal(decode(example, 0, &m, &fault, &err), STN_OK);
    assert_int_equal(fault, CORE_RIG_FAULT_NONE);
    assert_int_equal(m.type, CORE_RIG_COMPLETE);
    assert_int_equal(m.unit.kind, CORE_SCAN_WIP);
    assert_string_equal(m.unit.text, WIP);
    assert_int_equal(m.result, CORE_RIG_FAIL);
    assert_int_equal(m.n_items, 3);
    assert_string_equal(m.items[0].code, "VOLTAGE");
    assert_true(m.items[0].has_min && m.items[0].has_max && m.items[0].has_target);
    assert_true(m.items[0].min == 11.8 && m.items[0].max == 12.4);
    assert_int_equal(m.items[1].result, CORE_RIG_FAIL);
    assert_string_equal(m.items[1].unit, "\xc2\xb0"
                                         "C");
    assert_false(m.items[1].has_target);
    assert_true(m.items[2].has_value && !m.items[2].is_text && m.items[2].value == 1);
    assert_int_equal(m.n_defects, 1);
    assert_string_equal(m.defects[0].reason, "72.5 above max 65.0");
    assert_string_equal(m.msg_id, "");
    core_rig_msg_fini(&m);
}

static void start_and_its_forms(void **state)
{
    struct core_rig_msg m;
    (void)state;
    assert_int_equal(decode("{\"message_type\":\"START\",\"wip_id\":\"" WIP "\"}", 0, &m, NULL,
                            NULL),
                     STN_OK);
    assert_int_equal(m.type, CORE_RIG_START);
    assert_int_equal(m.result, CORE_RIG_NONE);
    core_rig_msg_fini(&m);
    /* lower case words and a lower-case, padded unit ID are one normalised form */
    assert_int_equal(decode("{\"message_type\":\"start\",\"wip_id\":\"  kr01psa2511001-w0001 \","
                            "\"msg_id\":\"rig7-000042\",\"process_id\":\"PROC-003\"}",
                            0, &m, NULL, NULL),
                     STN_OK);
    assert_string_equal(m.unit.text, WIP);
    assert_string_equal(m.msg_id, "rig7-000042");
    assert_int_equal(m.process, 3);
    core_rig_msg_fini(&m);
    assert_int_equal(decode("{\"message_type\":\"START\",\"serial_number\":\"" SERIAL "\","
                            "\"msg_id\":17,\"process_id\":8}",
                            0, &m, NULL, NULL),
                     STN_OK);
    assert_int_equal(m.unit.kind, CORE_SCAN_SERIAL);
    assert_string_equal(m.msg_id, "17");
    assert_int_equal(m.process, 8);
    core_rig_msg_fini(&m);
    /* a UTF-8 BOM and whitespace around the object, as files have them */
    assert_int_equal(decode("\xef\xbb\xbf\n {\"message_type\":\"START\",\"wip_id\":\"" WIP
                            "\"}\r\n",
                            0, &m, NULL, NULL),
                     STN_OK);
    core_rig_msg_fini(&m);
}

/* The original system's defect 3: a misspelt type was COMPLETE, a missing result PASS. */
static void never_taken_as_complete_or_pass(void **state)
{
    static const struct refusal misread[] = {
        { "{\"message_type\":\"COMPLTE\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}",
          CORE_RIG_BAD_FIELD, "message_type" },
        { "{\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}", CORE_RIG_BAD_FIELD, "message_type" },
        { "{\"message_type\":\"\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}", CORE_RIG_BAD_FIELD,
          "message_type" },
        { "{\"message_type\":1,\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}", CORE_RIG_BAD_FIELD,
          "message_type" },
        { "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\"}", CORE_RIG_BAD_FIELD, "result" },
        { "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\",\"result\":\"OK\"}",
          CORE_RIG_BAD_FIELD, "result" },
        { "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\",\"result\":true}",
          CORE_RIG_BAD_FIELD, "result" },
        { "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\",\"result\":null}",
          CORE_RIG_BAD_FIELD, "result" },
        { "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\","
          "\"measurements\":[{\"code\":\"T\",\"value\":1,\"result\":\"PASSED\"}]}",
          CORE_RIG_BAD_FIELD, "measurements[0].result" },
    };
    (void)state;
    refused_all(misread, sizeof misread / sizeof misread[0]);
}

/* Files of the original format carry no message_type: they are COMPLETEs; a type that is
 * there must still be right. */
static void file_without_type(void **state)
{
    struct core_rig_msg m;
    (void)state;
    assert_int_equal(decode("{\"wip_id\":\"" WIP "\",\"result\":\"PASS\",\"process_id\":"
                            "\"PROC-003\",\"defect_data\":[],\"process_data\":{\"x\":1}}",
                            CORE_RIG_FROM_FILE, &m, NULL, NULL),
                     STN_OK);
    assert_int_equal(m.type, CORE_RIG_COMPLETE);
    core_rig_msg_fini(&m);
    refused("{\"message_type\":\"DONE\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}",
            CORE_RIG_FROM_FILE, CORE_RIG_BAD_FIELD, "message_type");
    refused("{\"wip_id\":\"" WIP "\"}", CORE_RIG_FROM_FILE, CORE_RIG_BAD_FIELD, "result");
}

/* A COMPLETE that passed with these measurements. */
#define C(items)                                                                 \
    "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\"," \
    "\"measurements\":[" items "]}"

static void values_are_numbers(void **state)
{
    static const struct refusal not_numbers[] = {
        { C("{\"code\":\"T\",\"value\":true}"), CORE_RIG_BAD_FIELD, "measurements[0].value" },
        { C("{\"code\":\"T\",\"value\":[1]}"), CORE_RIG_BAD_FIELD, "measurements[0].value" },
        { C("{\"code\":\"T\"}"), CORE_RIG_BAD_FIELD, "measurements[0].value: required" },
        { C("{\"code\":\"T\",\"value\":null}"), CORE_RIG_BAD_FIELD, "measurements[0].value" },
        { C("{\"code\":\"T\",\"value\":1,\"spec\":{\"min\":\"59\"}}"), CORE_RIG_BAD_FIELD,
          "measurements[0].spec.min" },
        { C("{\"code\":\"T\",\"value\":1e999}"), CORE_RIG_BAD_FIELD, "finite" },
        { C("{\"value\":1}"), CORE_RIG_BAD_FIELD, "measurements[0].code: required" },
        { C("{\"code\":7,\"value\":1}"), CORE_RIG_BAD_FIELD, "measurements[0].code" },
        { C("1"), CORE_RIG_BAD_FIELD, "measurements[0]: an object" },
        { C("{\"code\":\"T\",\"value\":1},{\"code\":\"t\",\"value\":2}"), CORE_RIG_BAD_FIELD,
          "appears twice" },
        { C("{\"code\":\"T\",\"readings\":[{\"step\":\"25C\"}]}"), CORE_RIG_BAD_FIELD,
          "readings[0].value" },
        { C("{\"code\":\"T\",\"readings\":{}}"), CORE_RIG_BAD_FIELD, "an array" },
    };
    struct core_rig_msg m;
    (void)state;
    refused_all(not_numbers, sizeof not_numbers / sizeof not_numbers[0]);
    /* a string value is kept as text: only text and lot fields take it (the judge) */
    assert_int_equal(decode(C("{\"code\":\"firmware_version\",\"value\":\"1.4.2\"}"), 0, &m, NULL,
                            NULL),
                     STN_OK);
    assert_true(m.items[0].is_text && m.items[0].has_value);
    assert_string_equal(m.items[0].text, "1.4.2");
    core_rig_msg_fini(&m);
    /* spec limits may be null, as the document shows */
    assert_int_equal(decode(C("{\"code\":\"T\",\"value\":-3,\"spec\":{\"min\":null,\"max\":4}}"), 0,
                            &m, NULL, NULL),
                     STN_OK);
    assert_false(m.items[0].has_min);
    assert_true(m.items[0].has_max);
    core_rig_msg_fini(&m);
}

static void readings_per_step(void **state)
{
    struct core_rig_msg m;
    (void)state;
    assert_int_equal(decode(C("{\"code\":\"measured_temp\",\"unit\":\"C\",\"readings\":["
                              "{\"step\":\"25C\",\"value\":60.1,\"result\":\"PASS\"},"
                              "{\"step\":\"85C\",\"value\":61.4,\"result\":\"FAIL\"}]}"),
                            0, &m, NULL, NULL),
                     STN_OK);
    assert_false(m.items[0].has_value);
    assert_int_equal(m.items[0].n_readings, 2);
    assert_string_equal(m.items[0].readings[1].step, "85C");
    assert_true(m.items[0].readings[1].value == 61.4);
    assert_int_equal(m.items[0].readings[1].result, CORE_RIG_FAIL);
    core_rig_msg_fini(&m);
}

static void not_json(void **state)
{
    static const struct refusal not_objects[] = {
        { "", CORE_RIG_BAD_JSON, "empty" },
        { "   ", CORE_RIG_BAD_JSON, "empty" },
        { "hello", CORE_RIG_BAD_JSON, "not JSON" },
        { "{\"message_type\":\"START\"", CORE_RIG_BAD_JSON, "not JSON" },
        { "[1,2]", CORE_RIG_BAD_JSON, "not a JSON object" },
        { "\"START\"", CORE_RIG_BAD_JSON, "not a JSON object" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\"} {}", CORE_RIG_BAD_JSON, "not JSON" },
        { "{'message_type':'START'}", CORE_RIG_BAD_JSON, "not JSON" },
    };
    (void)state;
    refused_all(not_objects, sizeof not_objects / sizeof not_objects[0]);
    /* json-c reads NaN and Infinity even when strict: they are refused as values */
    refused(C("{\"code\":\"T\",\"value\":NaN}"), 0, CORE_RIG_BAD_FIELD, "finite");
    refused(C("{\"code\":\"T\",\"value\":-Infinity}"), 0, CORE_RIG_BAD_FIELD, "finite");
    refused("{\"a\":\"\xff\xfe\"}", 0, CORE_RIG_BAD_JSON, "not JSON");
    refused("{\"a\":[[[[[[[[[[[[1]]]]]]]]]]]]}", 0, CORE_RIG_BAD_JSON, "not JSON");
    {
        static const char nul[] = "{\"message_type\":\"START\",\0\"wip_id\":\"x\"}";
        struct core_rig_msg m;
        enum core_rig_fault fault;
        assert_int_equal(core_rig_decode(nul, sizeof nul - 1, 0, &m, &fault, NULL), STN_E_INPUT);
        assert_int_equal(fault, CORE_RIG_BAD_JSON);
    }
}

static void bad_units_and_ids(void **state)
{
    static const struct refusal bad_ids[] = {
        { "{\"message_type\":\"START\"}", CORE_RIG_BAD_FIELD, "wip_id: required" },
        { "{\"message_type\":\"START\",\"wip_id\":\"WIP-KR01PSA2511-001\"}", CORE_RIG_BAD_FIELD,
          "not a WIP ID" },
        { "{\"message_type\":\"START\",\"wip_id\":\"KR01PSA2511001\"}", CORE_RIG_BAD_FIELD,
          "not a WIP ID" }, /* a LOT */
        { "{\"message_type\":\"START\",\"wip_id\":12}", CORE_RIG_BAD_FIELD, "wip_id" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\","
          "\"serial_number\":\"KR01PSA2511001-W0002\"}",
          CORE_RIG_BAD_FIELD, "different units" },
        { "{\"message_type\":\"START\",\"wip_id\":\"KR01PSA2511001-W0001\x1b[2J\"}",
          CORE_RIG_BAD_FIELD, "control characters" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"msg_id\":\"\"}", CORE_RIG_BAD_FIELD,
          "msg_id" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\","
          "\"msg_id\":\"01234567890123456789012345678901234567890123456789012345678901234\"}",
          CORE_RIG_BAD_FIELD, "msg_id: longer" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"msg_id\":1.5}", CORE_RIG_BAD_FIELD,
          "msg_id" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"process_id\":\"PROC-x\"}",
          CORE_RIG_BAD_FIELD, "process_id" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"process_id\":0}",
          CORE_RIG_BAD_FIELD, "process_id" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"result\":\"PASS\"}",
          CORE_RIG_BAD_FIELD, "not allowed in a START" },
        { "{\"message_type\":\"START\",\"wip_id\":\"" WIP "\",\"measurements\":[]}",
          CORE_RIG_BAD_FIELD, "not allowed in a START" },
    };
    (void)state;
    refused_all(bad_ids, sizeof bad_ids / sizeof bad_ids[0]);
}

static void limits(void **state)
{
    char *buf = malloc(64 * 80 + 256), *p;
    struct core_rig_msg m;

    (void)state;
    p = buf + sprintf(buf, "{\"message_type\":\"COMPLETE\",\"wip_id\":\"" WIP "\","
                           "\"result\":\"PASS\",\"measurements\":[");
    for (int i = 0; i < 64; i++)
        p += sprintf(p, "%s{\"code\":\"C%d\",\"value\":%d}", i ? "," : "", i, i);
    strcpy(p, "]}");
    assert_int_equal(decode(buf, 0, &m, NULL, NULL), STN_OK);
    assert_int_equal(m.n_items, 64);
    core_rig_msg_fini(&m);
    strcpy(p, ",{\"code\":\"C64\",\"value\":1}]}");
    refused(buf, 0, CORE_RIG_BAD_FIELD, "more than 64");
    free(buf);
}

static void canonical_ignores_form(void **state)
{
    struct core_rig_msg a, b, c;
    char *ca, *cb, *cc;

    (void)state;
    assert_int_equal(decode(C("{\"code\":\"T\",\"value\":60.5,\"unit\":\"C\"}"), 0, &a, NULL, NULL),
                     STN_OK);
    assert_int_equal(decode("{ \"measurements\" : [ {\"unit\":\"C\", \"value\":6.05e1,"
                            "\"code\":\"t\"} ], \"result\":\"pass\", \"wip_id\":\"" WIP "\","
                            "\"message_type\":\"complete\", \"msg_id\":\"x\", \"extra\":1 }",
                            0, &b, NULL, NULL),
                     STN_OK);
    assert_int_equal(decode(C("{\"code\":\"T\",\"value\":60.50001,\"unit\":\"C\"}"), 0, &c, NULL,
                            NULL),
                     STN_OK);
    ca = core_rig_canonical(&a);
    cb = core_rig_canonical(&b);
    cc = core_rig_canonical(&c);
    assert_string_equal(ca, cb);
    assert_string_not_equal(ca, cc);
    assert_non_null(strstr(ca, "\"type\":\"COMPLETE\""));
    free(ca);
    free(cb);
    free(cc);
    core_rig_msg_fini(&a);
    core_rig_msg_fini(&b);
    core_rig_msg_fini(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_documented_complete),
        cmocka_unit_test(start_and_its_forms),
        cmocka_unit_test(never_taken_as_complete_or_pass),
        cmocka_unit_test(file_without_type),
        cmocka_unit_test(values_are_numbers),
        cmocka_unit_test(readings_per_step),
        cmocka_unit_test(not_json),
        cmocka_unit_test(bad_units_and_ids),
        cmocka_unit_test(limits),
        cmocka_unit_test(canonical_ignores_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
