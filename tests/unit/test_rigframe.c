/* tests/unit/test_rigframe.c — the rig protocol's request frame (rig/frame.h): length
 * prefix, bounds, byte-at-a-time feeding, nothing taken past the frame, truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rig/frame.h"

static size_t framed(const char *json, unsigned char *out)
{
    size_t n = strlen(json);
    rig_frame_header((uint32_t)n, out);
    memcpy(out + 4, json, n);
    return n + 4;
}

static void whole_frame_at_once(void **state)
{
    unsigned char buf[128];
    struct rig_frame f;
    size_t n = framed("{\"message_type\":\"START\"}", buf), len;

    (void)state;
    rig_frame_init(&f, 64);
    assert_int_equal(rig_frame_want(&f), 4);
    assert_int_equal(rig_frame_feed(&f, buf, n), n);
    assert_int_equal(f.state, RIG_FRAME_DONE);
    assert_string_equal(rig_frame_body(&f, &len), "{\"message_type\":\"START\"}");
    assert_int_equal(len, n - 4);
    assert_int_equal(rig_frame_want(&f), 0);
    rig_frame_fini(&f);
}

/* The example of the protocol document: 62 bytes announced as 00 00 00 3E. */
static void header_is_big_endian(void **state)
{
    unsigned char h[4];
    (void)state;
    rig_frame_header(62, h);
    assert_memory_equal(h, "\x00\x00\x00\x3e", 4);
    rig_frame_header(0x01020304u, h);
    assert_memory_equal(h, "\x01\x02\x03\x04", 4);
}

static void one_byte_at_a_time(void **state)
{
    unsigned char buf[128];
    struct rig_frame f;
    size_t n = framed("{\"a\":1}", buf);

    (void)state;
    rig_frame_init(&f, 64);
    for (size_t i = 0; i < n; i++) {
        assert_int_not_equal(f.state, RIG_FRAME_DONE);
        assert_int_equal(rig_frame_feed(&f, buf + i, 1), 1);
    }
    assert_int_equal(f.state, RIG_FRAME_DONE);
    assert_string_equal(rig_frame_body(&f, NULL), "{\"a\":1}");
    rig_frame_fini(&f);
}

/* Bytes after the frame are not taken, and want() never asks for them. */
static void nothing_past_the_frame(void **state)
{
    unsigned char buf[128];
    struct rig_frame f;
    size_t n = framed("{}", buf);

    (void)state;
    memcpy(buf + n, "TRAILING", 8);
    rig_frame_init(&f, 64);
    assert_int_equal(rig_frame_feed(&f, buf, n + 8), n);
    assert_int_equal(rig_frame_feed(&f, "x", 1), 0);
    assert_int_equal(f.state, RIG_FRAME_DONE);
    rig_frame_fini(&f);

    rig_frame_init(&f, 64);
    assert_int_equal(rig_frame_feed(&f, buf, 4), 4);
    assert_int_equal(rig_frame_want(&f), 2);
    rig_frame_fini(&f);
}

static void fault_for(const unsigned char *hdr, uint32_t max, enum rig_frame_fault want)
{
    struct rig_frame f;
    rig_frame_init(&f, max);
    assert_int_equal(rig_frame_feed(&f, hdr, 4), 4);
    assert_int_equal(f.state, RIG_FRAME_FAILED);
    assert_int_equal(f.fault, want);
    assert_null(f.body); /* nothing was allocated for a refused length */
    assert_int_equal(rig_frame_want(&f), 0);
    assert_int_equal(rig_frame_feed(&f, "more", 4), 0);
    rig_frame_fini(&f);
}

static void lengths_refused(void **state)
{
    unsigned char h[4];
    (void)state;
    rig_frame_header(0, h);
    fault_for(h, 65536, RIG_FRAME_EMPTY);
    rig_frame_header(65537, h);
    fault_for(h, 65536, RIG_FRAME_TOO_LARGE);
    rig_frame_header(0x80000000u, h); /* 2^31 */
    fault_for(h, 65536, RIG_FRAME_TOO_LARGE);
    rig_frame_header(0xffffffffu, h);
    fault_for(h, RIG_FRAME_LIMIT, RIG_FRAME_TOO_LARGE);
    rig_frame_header(10u * 1024 * 1024, h); /* 10 MB */
    fault_for(h, 65536, RIG_FRAME_TOO_LARGE);
    fault_for((const unsigned char *)"{\"me", 65536, RIG_FRAME_BARE_JSON);
}

static void the_bound_itself_is_accepted(void **state)
{
    struct rig_frame f;
    unsigned char h[4];
    char *body = malloc(65536);

    (void)state;
    memset(body, ' ', 65536);
    rig_frame_header(65536, h);
    rig_frame_init(&f, 65536);
    rig_frame_feed(&f, h, 4);
    assert_int_equal(rig_frame_feed(&f, body, 65536), 65536);
    assert_int_equal(f.state, RIG_FRAME_DONE);
    rig_frame_fini(&f);
    free(body);
}

static void eof_cases(void **state)
{
    unsigned char buf[64];
    struct rig_frame f;
    size_t n = framed("{\"a\":1}", buf);

    (void)state;
    rig_frame_init(&f, 64); /* nothing at all */
    rig_frame_eof(&f);
    assert_int_equal(f.fault, RIG_FRAME_EMPTY);
    rig_frame_fini(&f);

    rig_frame_init(&f, 64); /* half a header */
    rig_frame_feed(&f, buf, 2);
    rig_frame_eof(&f);
    assert_int_equal(f.fault, RIG_FRAME_TRUNCATED);
    rig_frame_fini(&f);

    rig_frame_init(&f, 64); /* short body */
    rig_frame_feed(&f, buf, n - 1);
    rig_frame_eof(&f);
    assert_int_equal(f.state, RIG_FRAME_FAILED);
    assert_int_equal(f.fault, RIG_FRAME_TRUNCATED);
    assert_null(rig_frame_body(&f, NULL));
    rig_frame_fini(&f);

    rig_frame_init(&f, 64); /* complete, then closed: still complete */
    rig_frame_feed(&f, buf, n);
    rig_frame_eof(&f);
    assert_int_equal(f.state, RIG_FRAME_DONE);
    rig_frame_fini(&f);
}

static void bound_defaults(void **state)
{
    struct rig_frame f;
    (void)state;
    rig_frame_init(&f, 0);
    assert_int_equal(f.max, RIG_FRAME_DEFAULT_MAX);
    rig_frame_init(&f, RIG_FRAME_LIMIT + 1);
    assert_int_equal(f.max, RIG_FRAME_DEFAULT_MAX);
    assert_string_equal(rig_frame_fault_name(RIG_FRAME_TOO_LARGE), "TOO_LARGE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_frame_at_once), cmocka_unit_test(header_is_big_endian),
        cmocka_unit_test(one_byte_at_a_time),  cmocka_unit_test(nothing_past_the_frame),
        cmocka_unit_test(lengths_refused),     cmocka_unit_test(the_bound_itself_is_accepted),
        cmocka_unit_test(eof_cases),           cmocka_unit_test(bound_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
