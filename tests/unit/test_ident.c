/* tests/unit/test_ident.c — identifier formats and scan classification. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/ident.h"

/* Parses a NUL-terminated scan with no configured prefix and AIM stripping on. */
static enum core_scan_why scan(const char *s, struct core_scan *out)
{
    return core_scan_parse(s, strlen(s), "", 1, out);
}

/* Asserts that s is refused with why, and that the refusal leaves no identifier behind. */
static void refused(const char *s, enum core_scan_why why)
{
    struct core_scan sc;
    enum core_scan_why got = scan(s, &sc);
    if (got != why)
        print_error("scan '%s': expected %s, got %s\n", s, core_scan_why_str(why),
                    core_scan_why_str(got));
    assert_int_equal(got, why);
    assert_int_equal(sc.kind, CORE_SCAN_INVALID);
}

/* Asserts that s is read as an identifier of kind, into sc. */
static void accepted(const char *s, enum core_scan_kind kind, struct core_scan *sc)
{
    enum core_scan_why got = scan(s, sc);
    if (got != CORE_SCAN_WHY_OK)
        print_error("scan '%s': refused, %s\n", s, core_scan_why_str(got));
    assert_int_equal(got, CORE_SCAN_WHY_OK);
    assert_int_equal(sc->kind, kind);
}

static void refused_n(const char *s, size_t n, enum core_scan_why why)
{
    struct core_scan sc;
    assert_int_equal(core_scan_parse(s, n, "", 1, &sc), why);
    assert_int_equal(sc.kind, CORE_SCAN_INVALID);
}

/* ---- classification of good scans ------------------------------------------------ */

static void test_lot(void **state)
{
    struct core_scan sc;
    (void)state;
    accepted("KR01PSA2511001", CORE_SCAN_LOT, &sc);
    assert_string_equal(sc.text, "KR01PSA2511001");
    assert_string_equal(sc.lot_number, "KR01PSA2511001");
    assert_string_equal(sc.lot.line, "KR01");
    assert_string_equal(sc.lot.model, "PSA");
    assert_int_equal(sc.lot.yy, 25);
    assert_int_equal(sc.lot.mm, 11);
    assert_int_equal(sc.lot.seq, 1);
    assert_int_equal(sc.seq, 0);
    assert_int_equal(sc.cmd, CORE_CMD_NONE);
}

static void test_lot_edges(void **state)
{
    struct core_scan sc;
    (void)state;
    accepted("DT01A102512999", CORE_SCAN_LOT, &sc);
    assert_string_equal(sc.lot.line, "DT01");
    assert_string_equal(sc.lot.model, "A10");
    assert_int_equal(sc.lot.mm, 12);
    assert_int_equal(sc.lot.seq, 999);
    assert_int_equal(scan("KR01PSA0001001", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.lot.yy, 0);
    assert_int_equal(sc.lot.mm, 1);
}

static void test_wip(void **state)
{
    struct core_scan sc;
    (void)state;
    accepted("KR01PSA2511001-W0001", CORE_SCAN_WIP, &sc);
    assert_string_equal(sc.text, "KR01PSA2511001-W0001");
    assert_string_equal(sc.lot_number, "KR01PSA2511001");
    assert_int_equal(sc.seq, 1);
    assert_int_equal(sc.lot.seq, 1);
    accepted("KR01PSA2511001-W0200", CORE_SCAN_WIP, &sc);
    assert_int_equal(sc.seq, 200);
    assert_int_equal(scan("KR01PSA2511001-W9999", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.seq, 9999);
}

static void test_serial(void **state)
{
    struct core_scan sc;
    (void)state;
    accepted("KR01PSA25110010001", CORE_SCAN_SERIAL, &sc);
    assert_string_equal(sc.text, "KR01PSA25110010001");
    assert_string_equal(sc.lot_number, "KR01PSA2511001");
    assert_int_equal(sc.seq, 1);
    accepted("KR01PSA25119990137", CORE_SCAN_SERIAL, &sc);
    assert_string_equal(sc.lot_number, "KR01PSA2511999");
    assert_int_equal(sc.lot.seq, 999);
    assert_int_equal(sc.seq, 137);
}

static void test_badge(void **state)
{
    struct core_scan sc;
    (void)state;
    accepted("OP-0001", CORE_SCAN_BADGE, &sc);
    assert_string_equal(sc.text, "OP-0001");
    accepted("op-0001", CORE_SCAN_BADGE, &sc); /* scanners in lower case */
    assert_string_equal(sc.text, "OP-0001");
    accepted("MGR_01.A", CORE_SCAN_BADGE, &sc);
    accepted("A", CORE_SCAN_BADGE, &sc);
    /* 32 characters is the longest badge */
    accepted("OP-01234567890123456789012345678", CORE_SCAN_BADGE, &sc);
    refused("OP-012345678901234567890123456789", CORE_SCAN_WHY_UNKNOWN);
    /* a badge that starts like a LOT is read as a malformed LOT */
    refused("EMP0001202501019", CORE_SCAN_WHY_BAD_LOT);
    refused("-OP0001", CORE_SCAN_WHY_UNKNOWN);
    refused("OP 0001", CORE_SCAN_WHY_UNKNOWN);
    refused("OP/0001", CORE_SCAN_WHY_UNKNOWN);
}

static void test_commands(void **state)
{
    struct core_scan sc;
    (void)state;
    for (int c = 1; c < CORE_CMD_COUNT; c++) {
        char buf[64];
        if (c == CORE_CMD_DEFECT)
            continue;
        snprintf(buf, sizeof buf, "CMD:%s", core_cmd_name((enum core_cmd)c));
        accepted(buf, CORE_SCAN_COMMAND, &sc);
        assert_int_equal(sc.cmd, c);
        assert_string_equal(sc.arg, "");
        assert_int_equal(core_cmd_from_name(core_cmd_name((enum core_cmd)c)), c);
    }
    assert_int_equal(scan("CMD:PASS", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.cmd, CORE_CMD_PASS);
    assert_string_equal(core_cmd_name(CORE_CMD_PASS), "PASS");
    assert_string_equal(core_cmd_name(CORE_CMD_NONE), "");
    assert_string_equal(core_cmd_name(CORE_CMD_COUNT), "");
    assert_int_equal(core_cmd_from_name("FOO"), CORE_CMD_NONE);
    assert_int_equal(core_cmd_from_name(""), CORE_CMD_NONE);
    assert_int_equal(core_cmd_from_name("pass"), CORE_CMD_NONE);

    accepted("CMD:DEFECT:SENSOR_TEMP_FAIL", CORE_SCAN_COMMAND, &sc);
    assert_int_equal(sc.cmd, CORE_CMD_DEFECT);
    assert_string_equal(sc.arg, "SENSOR_TEMP_FAIL");
    assert_int_equal(scan("cmd:defect:sensor_tof_fail", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.cmd, CORE_CMD_DEFECT);
    assert_string_equal(sc.arg, "SENSOR_TOF_FAIL");
    assert_int_equal(scan("cmd:pass", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.cmd, CORE_CMD_PASS);
    assert_int_equal(scan(" CMD:OK \r", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.cmd, CORE_CMD_OK);
}

static void test_commands_refused(void **state)
{
    char longc[80];
    (void)state;
    refused("CMD:FOO", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD::", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:PASS:X", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:PASS:", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD: PASS", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:PASSX", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:DEFECT", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:DEFECT:", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:DEFECT:X", CORE_SCAN_WHY_BAD_CMD); /* defect codes are 2..40 */
    refused("CMD:DEFECT:1ABC", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:DEFECT:SENSOR-TEMP", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:DEFECT:A:B", CORE_SCAN_WHY_BAD_CMD);
    refused("CMD:VERYLONGCOMMANDWORD", CORE_SCAN_WHY_BAD_CMD);
    /* a 41-character defect code */
    snprintf(longc, sizeof longc, "CMD:DEFECT:%s", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO");
    refused(longc, CORE_SCAN_WHY_BAD_CMD);
    snprintf(longc, sizeof longc, "CMD:DEFECT:%s", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN");
    {
        struct core_scan sc;
        assert_int_equal(scan(longc, &sc), CORE_SCAN_WHY_OK);
        assert_int_equal(strlen(sc.arg), 40);
    }
}

/* ---- scanner framing: AIM identifiers, prefix, suffix, spaces, case -------------- */

static void test_aim(void **state)
{
    static const char *const aims[] = { "]C0", "]C1", "]Q1", "]d2", "]E0", "]A0", "]e0", "]I1" };
    struct core_scan sc;
    (void)state;
    for (size_t i = 0; i < sizeof aims / sizeof aims[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%sKR01PSA2511001-W0007", aims[i]);
        accepted(buf, CORE_SCAN_WIP, &sc);
        assert_string_equal(sc.text, "KR01PSA2511001-W0007");
        assert_int_equal(sc.seq, 7);
    }
    assert_int_equal(scan("]C1CMD:PASS", &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.cmd, CORE_CMD_PASS);
    /* strip_aim off: the identifier stays and the scan is no identifier */
    assert_int_equal(core_scan_parse("]C1KR01PSA2511001", 17, "", 0, &sc), CORE_SCAN_WHY_UNKNOWN);
    assert_int_equal(sc.kind, CORE_SCAN_INVALID);
    /* only one identifier is stripped, only at the start */
    refused("]C1]C1KR01PSA2511001", CORE_SCAN_WHY_UNKNOWN);
    refused("KR01PSA2511001]C1", CORE_SCAN_WHY_BAD_LOT);
    /* nothing but the identifier */
    refused("]C1", CORE_SCAN_WHY_EMPTY);
    refused("]C1\r\n", CORE_SCAN_WHY_EMPTY);
    /* not an AIM identifier: ] followed by a space */
    refused("] 1KR01PSA2511001", CORE_SCAN_WHY_UNKNOWN);
}

static void test_prefix(void **state)
{
    struct core_scan sc;
    const char *s = "#WKR01PSA25110010001";
    (void)state;
    assert_int_equal(core_scan_parse(s, strlen(s), "#W", 1, &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.kind, CORE_SCAN_SERIAL);
    assert_string_equal(sc.text, "KR01PSA25110010001");
    /* the prefix is optional: a scan without it still classifies */
    s = "KR01PSA25110010001";
    assert_int_equal(core_scan_parse(s, strlen(s), "#W", 1, &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.kind, CORE_SCAN_SERIAL);
    /* AIM first, then the prefix */
    s = "]C1#WKR01PSA2511001";
    assert_int_equal(core_scan_parse(s, strlen(s), "#W", 1, &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.kind, CORE_SCAN_LOT);
    assert_string_equal(sc.text, "KR01PSA2511001");
    /* no prefix configured: '#' stays and the scan is refused */
    s = "#WKR01PSA2511001";
    assert_int_equal(core_scan_parse(s, strlen(s), NULL, 1, &sc), CORE_SCAN_WHY_UNKNOWN);
    assert_int_equal(core_scan_parse(s, strlen(s), "", 1, &sc), CORE_SCAN_WHY_UNKNOWN);
    /* a prefix-only scan is empty */
    assert_int_equal(core_scan_parse("#W", 2, "#W", 1, &sc), CORE_SCAN_WHY_EMPTY);
}

static void test_suffix_and_spaces(void **state)
{
    static const char *const ok[] = {
        "KR01PSA2511001\r",     "KR01PSA2511001\n", "KR01PSA2511001\r\n",
        "KR01PSA2511001\t",     "  KR01PSA2511001", "KR01PSA2511001   ",
        " KR01PSA2511001 \r\n", "kr01psa2511001",   "Kr01PsA2511001\n",
    };
    struct core_scan sc;
    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        accepted(ok[i], CORE_SCAN_LOT, &sc);
        assert_string_equal(sc.text, "KR01PSA2511001");
        assert_string_equal(sc.lot.line, "KR01");
    }
    accepted("kr01psa2511001-w0012\r", CORE_SCAN_WIP, &sc);
    assert_string_equal(sc.text, "KR01PSA2511001-W0012");
    assert_int_equal(sc.seq, 12);
    /* the suffix only counts at the end */
    refused("KR01PSA\r2511001", CORE_SCAN_WHY_CONTROL);
    refused("\rKR01PSA2511001", CORE_SCAN_WHY_CONTROL);
    refused("KR01PSA2511001\r\n ", CORE_SCAN_WHY_CONTROL);
    /* inner spaces are not trimmed */
    refused("KR01PSA 2511001", CORE_SCAN_WHY_UNKNOWN);
    refused("", CORE_SCAN_WHY_EMPTY);
    refused("   ", CORE_SCAN_WHY_EMPTY);
    refused("\r\n", CORE_SCAN_WHY_EMPTY);
    refused("\t", CORE_SCAN_WHY_EMPTY);
}

/* ---- hostile input ----------------------------------------------------------------- */

static void test_too_long(void **state)
{
    char buf[4096];
    struct core_scan sc;
    (void)state;
    memset(buf, 'A', sizeof buf);
    /* 128 bytes is accepted (no identifier, but not refused for length) */
    assert_int_equal(core_scan_parse(buf, CORE_SCAN_MAX, "", 1, &sc), CORE_SCAN_WHY_UNKNOWN);
    refused_n(buf, CORE_SCAN_MAX + 1, CORE_SCAN_WHY_TOO_LONG);
    refused_n(buf, sizeof buf, CORE_SCAN_WHY_TOO_LONG);
    /* a valid LOT followed by padding */
    memcpy(buf, "KR01PSA2511001", 14);
    refused_n(buf, 200, CORE_SCAN_WHY_TOO_LONG);
    /* spaces around a valid scan do not count */
    memset(buf, ' ', sizeof buf);
    memcpy(buf + 100, "KR01PSA2511001", 14);
    assert_int_equal(core_scan_parse(buf, 300, "", 1, &sc), CORE_SCAN_WHY_OK);
    assert_int_equal(sc.kind, CORE_SCAN_LOT);
    /* 128 bytes of Hangul (valid UTF-8) after stripping is fine, 129+ too long */
    {
        char h[CORE_SCAN_MAX + 4];
        for (int i = 0; i + 3 <= (int)sizeof h; i += 3)
            memcpy(h + i, "\xed\x95\x9c", 3); /* 한 */
        assert_int_equal(core_scan_parse(h, 126, "", 1, &sc), CORE_SCAN_WHY_UNKNOWN);
        refused_n(h, 129, CORE_SCAN_WHY_TOO_LONG);
    }
    /* the refusal never overruns the text buffer */
    assert_int_equal(sc.text[CORE_SCAN_MAX], '\0');
}

static void test_control_chars(void **state)
{
    struct core_scan sc;
    (void)state;
    for (int c = 0; c < 0x20; c++) {
        char buf[32];
        /* in the middle of a valid LOT */
        memcpy(buf, "KR01PSA", 7);
        buf[7] = (char)c;
        memcpy(buf + 8, "2511001", 7);
        refused_n(buf, 15, CORE_SCAN_WHY_CONTROL);
        /* at the start */
        buf[0] = (char)c;
        memcpy(buf + 1, "KR01PSA2511001", 14);
        refused_n(buf, 15, CORE_SCAN_WHY_CONTROL);
        /* at the end: only CR, LF and Tab are the suffix */
        memcpy(buf, "KR01PSA2511001", 14);
        buf[14] = (char)c;
        if (c == '\r' || c == '\n' || c == '\t') {
            assert_int_equal(core_scan_parse(buf, 15, "", 1, &sc), CORE_SCAN_WHY_OK);
            assert_int_equal(sc.kind, CORE_SCAN_LOT);
        } else {
            refused_n(buf, 15, CORE_SCAN_WHY_CONTROL);
        }
    }
    refused("KR01PSA2511001\x7f", CORE_SCAN_WHY_CONTROL);
    refused("\x7f"
            "KR01PSA2511001",
            CORE_SCAN_WHY_CONTROL);
    refused("OP-0\x7f"
            "001",
            CORE_SCAN_WHY_CONTROL);
    /* a NUL inside the length is a control character, not an end */
    refused_n("KR01PSA2511001\0-W0001", 21, CORE_SCAN_WHY_CONTROL);
    /* escape sequences: cursor keys, CSI, OSC */
    refused("\x1b[A", CORE_SCAN_WHY_CONTROL);
    refused("KR01PSA2511001\x1b[A", CORE_SCAN_WHY_CONTROL);
    refused("\x1b]0;title\x07", CORE_SCAN_WHY_CONTROL);
    refused("\x1b", CORE_SCAN_WHY_CONTROL);
    /* a control character inside the AIM identifier or the prefix position */
    refused("]\x01"
            "1KR01PSA2511001",
            CORE_SCAN_WHY_CONTROL);
}

static void test_c1_controls(void **state)
{
    (void)state;
    for (int c = 0x80; c <= 0x9f; c++) {
        char buf[32];
        memcpy(buf, "KR01PSA", 7);
        buf[7] = (char)0xc2;
        buf[8] = (char)c;
        memcpy(buf + 9, "2511001", 7);
        refused_n(buf, 16, CORE_SCAN_WHY_CONTROL);
        refused_n(buf + 7, 2, CORE_SCAN_WHY_CONTROL);
    }
    /* U+00A0 (no-break space) is printable: well-formed, but no identifier */
    refused("\xc2\xa0", CORE_SCAN_WHY_UNKNOWN);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    refused("\xc0\xaf", CORE_SCAN_WHY_UTF8);         /* overlong '/' */
    refused("\xc1\xbf", CORE_SCAN_WHY_UTF8);         /* overlong */
    refused("\xe0\x80\xaf", CORE_SCAN_WHY_UTF8);     /* overlong, 3 bytes */
    refused("\xe0\x9f\xbf", CORE_SCAN_WHY_UTF8);     /* overlong U+07FF */
    refused("\xf0\x80\x80\xaf", CORE_SCAN_WHY_UTF8); /* overlong, 4 bytes */
    refused("\xf0\x8f\xbf\xbf", CORE_SCAN_WHY_UTF8); /* overlong U+FFFF */
    refused("\xed\xa0\x80", CORE_SCAN_WHY_UTF8);     /* surrogate U+D800 */
    refused("\xed\xbf\xbf", CORE_SCAN_WHY_UTF8);     /* surrogate U+DFFF */
    refused("\xf4\x90\x80\x80", CORE_SCAN_WHY_UTF8); /* above U+10FFFF */
    refused("\xf5\x80\x80\x80", CORE_SCAN_WHY_UTF8);
    refused("\xff", CORE_SCAN_WHY_UTF8);
    refused("\xfe", CORE_SCAN_WHY_UTF8);
    refused("\x80", CORE_SCAN_WHY_UTF8); /* lone continuation */
    refused("\xbf"
            "KR01PSA2511001",
            CORE_SCAN_WHY_UTF8);
    refused("KR01PSA2511001\xed\x95", CORE_SCAN_WHY_UTF8); /* truncated 한 */
    refused("\xed\x95", CORE_SCAN_WHY_UTF8);
    refused("\xed", CORE_SCAN_WHY_UTF8);
    refused("\xf0\x9f\x98", CORE_SCAN_WHY_UTF8); /* truncated emoji */
    refused("\xed\x95"
            "A",
            CORE_SCAN_WHY_UTF8);         /* continuation missing */
    refused("\xc2", CORE_SCAN_WHY_UTF8); /* truncated C2 */
    /* the length bounds the read: a valid sequence cut by len is invalid */
    refused_n("\xed\x95\x9c", 2, CORE_SCAN_WHY_UTF8);
    refused_n("\xc2\x85", 1, CORE_SCAN_WHY_UTF8);
}

static void test_unknown_text(void **state)
{
    struct core_scan sc;
    (void)state;
    refused("한글", CORE_SCAN_WHY_UNKNOWN);
    refused("불량코드", CORE_SCAN_WHY_UNKNOWN);
    refused("KR01PSA2511001한", CORE_SCAN_WHY_BAD_LOT); /* a LOT with a tail */
    refused("\xf0\x9f\x98\x80", CORE_SCAN_WHY_UNKNOWN); /* emoji: valid, not ours */
    refused("HELLO WORLD", CORE_SCAN_WHY_UNKNOWN);
    /* the old system's WIP format is no WIP ID (it reads as a badge code) */
    accepted("WIP-KR01PSA251101-001", CORE_SCAN_BADGE, &sc);
    /* classification never leaves a half-filled command or identifier */
    assert_int_equal(scan("한글", &sc), CORE_SCAN_WHY_UNKNOWN);
    assert_string_equal(sc.lot_number, "");
    assert_int_equal(sc.cmd, CORE_CMD_NONE);
}

/* ---- a wrong part of each identifier ---------------------------------------------- */

static void test_bad_lot_parts(void **state)
{
    (void)state;
    refused("KR01PSA2500001", CORE_SCAN_WHY_BAD_LOT); /* month 00 */
    refused("KR01PSA2513001", CORE_SCAN_WHY_BAD_LOT); /* month 13 */
    refused("KR01PSA2599001", CORE_SCAN_WHY_BAD_LOT); /* month 99 */
    refused("KR01PSA2511000", CORE_SCAN_WHY_BAD_LOT); /* sequence 000 */
    refused("KR01PSA25A1001", CORE_SCAN_WHY_BAD_LOT); /* letter in the month */
    refused("KR01PSA251A001", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA25110A1", CORE_SCAN_WHY_BAD_LOT); /* letter in the sequence */
    refused("KR01PSA251100A", CORE_SCAN_WHY_BAD_LOT);
    refused("KR-1PSA2511001", CORE_SCAN_WHY_BAD_LOT);  /* separator in the line code */
    refused("KR01PS_2511001", CORE_SCAN_WHY_BAD_LOT);  /* in the model code */
    refused("KR01PSA2511001X", CORE_SCAN_WHY_BAD_LOT); /* one character too many */
    refused("KR01PSA25110011", CORE_SCAN_WHY_BAD_LOT);
}

static void test_bad_wip_parts(void **state)
{
    (void)state;
    refused("KR01PSA2511001-W0000", CORE_SCAN_WHY_BAD_LOT); /* sequence 0000 */
    refused("KR01PSA2511001-W000A", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA2511001-W-001", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA2500001-W0001", CORE_SCAN_WHY_BAD_LOT); /* month 00 in the lot */
    refused("KR01PSA2513001-W0001", CORE_SCAN_WHY_BAD_LOT); /* month 13 */
    refused("KR01PSA2511000-W0001", CORE_SCAN_WHY_BAD_LOT); /* lot sequence 000 */
    refused("KR01PSA25X1001-W0001", CORE_SCAN_WHY_BAD_LOT); /* letter in YYMM */
    refused("KR01PSA2511001_W0001", CORE_SCAN_WHY_BAD_LOT); /* wrong separator */
    refused("KR01PSA2511001-X0001", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA2511001/W0001", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA2511001W0001", CORE_SCAN_WHY_BAD_LOT);   /* no dash: 19 characters */
    refused("KR01PSA2511001-W001", CORE_SCAN_WHY_BAD_LOT);   /* 3-digit sequence */
    refused("KR01PSA2511001-W00001", CORE_SCAN_WHY_BAD_LOT); /* 5-digit sequence */
    refused("KR01PSA2511001-W", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA2511001-", CORE_SCAN_WHY_BAD_LOT);
}

static void test_bad_serial_parts(void **state)
{
    (void)state;
    refused("KR01PSA25110010000", CORE_SCAN_WHY_BAD_LOT); /* sequence 0000 */
    refused("KR01PSA2511001000A", CORE_SCAN_WHY_BAD_LOT);
    refused("KR01PSA25000010001", CORE_SCAN_WHY_BAD_LOT);  /* month 00 */
    refused("KR01PSA25130010001", CORE_SCAN_WHY_BAD_LOT);  /* month 13 */
    refused("KR01PSA25110000001", CORE_SCAN_WHY_BAD_LOT);  /* lot sequence 000 */
    refused("KR01PSA2X110010001", CORE_SCAN_WHY_BAD_LOT);  /* letter in YYMM */
    refused("KR01PSA251100100001", CORE_SCAN_WHY_BAD_LOT); /* 19 characters */
    refused("KR01PSA2511001001", CORE_SCAN_WHY_BAD_LOT);   /* 17 characters */
    refused("KR01PSA2511001-0001", CORE_SCAN_WHY_BAD_LOT); /* separator in a serial */
}

/* ---- formats, parsing and validators ----------------------------------------------- */

static void test_format_roundtrip(void **state)
{
    char lot[CORE_LOT_LEN + 8], wip[CORE_WIP_LEN + 8], ser[CORE_SERIAL_LEN + 8];
    struct core_scan sc;
    struct core_lot_no ln;
    (void)state;

    memset(lot, 'x', sizeof lot);
    core_lot_format(lot, "KR01", "PSA", 25, 11, 1);
    assert_string_equal(lot, "KR01PSA2511001");
    assert_int_equal(lot[CORE_LOT_LEN + 1], 'x'); /* writes exactly LEN + 1 bytes */
    core_lot_format(lot, "DT01", "A10", 2025, 1, 999);
    assert_string_equal(lot, "DT01A102501999");
    core_lot_format(lot, "KR01", "PSA10", 26, 12, 42); /* model code: first 3 characters */
    assert_string_equal(lot, "KR01PSA2612042");

    memset(wip, 'x', sizeof wip);
    core_wip_format(wip, "KR01PSA2511001", 1);
    assert_string_equal(wip, "KR01PSA2511001-W0001");
    assert_int_equal(wip[CORE_WIP_LEN + 1], 'x');
    core_wip_format(wip, "KR01PSA2511001", 200);
    assert_string_equal(wip, "KR01PSA2511001-W0200");

    memset(ser, 'x', sizeof ser);
    core_serial_format(ser, "KR01PSA2511001", 1);
    assert_string_equal(ser, "KR01PSA25110010001");
    assert_int_equal(ser[CORE_SERIAL_LEN + 1], 'x');

    /* every formatted identifier scans back to the same parts */
    for (int mm = 1; mm <= 12; mm++) {
        for (int seq = 1; seq <= 200; seq += 19) {
            core_lot_format(lot, "KR02", "XYZ", 30, mm, seq * 4);
            accepted(lot, CORE_SCAN_LOT, &sc);
            assert_int_equal(sc.lot.mm, mm);
            assert_int_equal(sc.lot.seq, seq * 4);
            assert_int_equal(core_lot_parse(lot, &ln), 0);
            assert_int_equal(ln.yy, 30);
            assert_string_equal(ln.model, "XYZ");

            core_wip_format(wip, lot, seq);
            accepted(wip, CORE_SCAN_WIP, &sc);
            assert_string_equal(sc.lot_number, lot);
            assert_int_equal(sc.seq, seq);

            core_serial_format(ser, lot, seq);
            accepted(ser, CORE_SCAN_SERIAL, &sc);
            assert_string_equal(sc.lot_number, lot);
            assert_int_equal(sc.seq, seq);
        }
    }
}

static void test_lot_parse(void **state)
{
    struct core_lot_no ln;
    (void)state;
    memset(&ln, 0, sizeof ln);
    assert_int_equal(core_lot_parse("KR01PSA2511001", &ln), 0);
    assert_string_equal(ln.line, "KR01");
    assert_string_equal(ln.model, "PSA");
    assert_int_equal(ln.yy, 25);
    assert_int_equal(ln.mm, 11);
    assert_int_equal(ln.seq, 1);
    assert_int_equal(core_lot_parse("KR01PSA2511001", NULL), 0);
    assert_int_not_equal(core_lot_parse("KR01PSA251101", &ln), 0);   /* 13 */
    assert_int_not_equal(core_lot_parse("KR01PSA25110011", &ln), 0); /* 15 */
    assert_int_not_equal(core_lot_parse("KR01PSA2500001", &ln), 0);
    assert_int_not_equal(core_lot_parse("KR01PSA2513001", &ln), 0);
    assert_int_not_equal(core_lot_parse("KR01PSA2511000", &ln), 0);
    assert_int_not_equal(core_lot_parse("kr01psa2511001", &ln), 0); /* not cleaned */
    assert_int_not_equal(core_lot_parse("", &ln), 0);
}

static void test_badge_valid(void **state)
{
    (void)state;
    assert_true(core_badge_valid("OP-0001"));
    assert_true(core_badge_valid("A"));
    assert_true(core_badge_valid("MGR.KIM_01"));
    assert_true(core_badge_valid("0001"));
    assert_true(core_badge_valid("B0123456789012345678901234567890"));   /* 32 */
    assert_false(core_badge_valid("B01234567890123456789012345678901")); /* 33 */
    assert_false(core_badge_valid(""));
    assert_false(core_badge_valid("-OP"));
    assert_false(core_badge_valid(".OP"));
    assert_false(core_badge_valid("_OP"));
    assert_false(core_badge_valid("op-0001")); /* scans are upper-cased before this */
    assert_false(core_badge_valid("OP 0001"));
    assert_false(core_badge_valid("OP:0001"));
    assert_false(core_badge_valid("OP-0001\n"));
    assert_false(core_badge_valid("작업자"));
}

static void test_defect_code_valid(void **state)
{
    (void)state;
    static const char *const seeded[] = {
        "MARKING_FAIL",     "PART_DEFECT",          "ASSEMBLY_ERROR",      "SENSOR_TEMP_FAIL",
        "SENSOR_TOF_FAIL",  "FIRMWARE_UPLOAD_FAIL", "FIRMWARE_COMM_ERROR", "APPEARANCE_DEFECT",
        "PERFORMANCE_FAIL", "LABEL_PRINT_FAIL",     "LABEL_ATTACH_ERROR",  "VISUAL_DEFECT",
        "PACKAGING_ERROR",
    };
    for (size_t i = 0; i < sizeof seeded / sizeof seeded[0]; i++)
        assert_true(core_defect_code_valid(seeded[i]));
    assert_true(core_defect_code_valid("AB"));
    assert_true(core_defect_code_valid("A1"));
    assert_true(core_defect_code_valid("A_"));
    assert_true(core_defect_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN"));   /* 40 */
    assert_false(core_defect_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO")); /* 41 */
    assert_false(core_defect_code_valid("A"));
    assert_false(core_defect_code_valid(""));
    assert_false(core_defect_code_valid("1A"));
    assert_false(core_defect_code_valid("_A"));
    assert_false(core_defect_code_valid("sensor_temp_fail"));
    assert_false(core_defect_code_valid("SENSOR-TEMP"));
    assert_false(core_defect_code_valid("SENSOR TEMP"));
    assert_false(core_defect_code_valid("불량"));
}

static void test_why_str(void **state)
{
    (void)state;
    for (int w = CORE_SCAN_WHY_OK; w <= CORE_SCAN_WHY_BAD_CMD; w++) {
        const char *s = core_scan_why_str((enum core_scan_why)w);
        assert_non_null(s);
        assert_true(strlen(s) > 1);
        assert_string_not_equal(s, "?");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lot),
        cmocka_unit_test(test_lot_edges),
        cmocka_unit_test(test_wip),
        cmocka_unit_test(test_serial),
        cmocka_unit_test(test_badge),
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_commands_refused),
        cmocka_unit_test(test_aim),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_suffix_and_spaces),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_control_chars),
        cmocka_unit_test(test_c1_controls),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_unknown_text),
        cmocka_unit_test(test_bad_lot_parts),
        cmocka_unit_test(test_bad_wip_parts),
        cmocka_unit_test(test_bad_serial_parts),
        cmocka_unit_test(test_format_roundtrip),
        cmocka_unit_test(test_lot_parse),
        cmocka_unit_test(test_badge_valid),
        cmocka_unit_test(test_defect_code_valid),
        cmocka_unit_test(test_why_str),
    };
    return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
