/* tests/fuzz/fuzz_scan.c — core_scan_parse on hostile scanner input.
 * Input: byte 0 picks the configured prefix and whether AIM identifiers are stripped;
 * the rest is the raw scan (not NUL-terminated). Properties: the result is consistent
 * with its kind (identifiers re-format to the same text), clean UTF-8 without control
 * characters, within CORE_SCAN_MAX, and parsing is deterministic and idempotent. */
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "tests/fuzz/fuzz.h"

static const char *const prefixes[] = {
    "", "", "X", "]C1", "SCAN:", "\xea\xb0\x80", "CMD:", "KR01"
};

static void check_ident(const struct core_scan *sc)
{
    char buf[CORE_SCAN_MAX + 1];
    struct core_lot_no l;

    switch (sc->kind) {
    case CORE_SCAN_LOT:
        FUZZ_CHECK(strlen(sc->text) == CORE_LOT_LEN);
        FUZZ_CHECK(core_lot_parse(sc->text, &l) == 0);
        core_lot_format(buf, l.line, l.model, l.yy, l.mm, l.seq);
        FUZZ_CHECK(strcmp(buf, sc->text) == 0);
        break;
    case CORE_SCAN_WIP:
        FUZZ_CHECK(sc->seq >= 1 && sc->seq <= 9999);
        core_wip_format(buf, sc->lot_number, sc->seq);
        FUZZ_CHECK(strcmp(buf, sc->text) == 0);
        FUZZ_CHECK(core_lot_parse(sc->lot_number, &l) == 0);
        break;
    case CORE_SCAN_SERIAL:
        FUZZ_CHECK(sc->seq >= 1 && sc->seq <= 9999);
        core_serial_format(buf, sc->lot_number, sc->seq);
        FUZZ_CHECK(strcmp(buf, sc->text) == 0);
        break;
    case CORE_SCAN_BADGE: FUZZ_CHECK(core_badge_valid(sc->text)); break;
    case CORE_SCAN_COMMAND:
        FUZZ_CHECK(sc->cmd > CORE_CMD_NONE && sc->cmd < CORE_CMD_COUNT);
        FUZZ_CHECK(!strncmp(sc->text, "CMD:", 4));
        FUZZ_CHECK(core_cmd_name(sc->cmd)[0] != '\0');
        FUZZ_CHECK(sc->cmd != CORE_CMD_DEFECT || core_defect_code_valid(sc->arg));
        break;
    case CORE_SCAN_INVALID: FUZZ_CHECK(0); break;
    }
}

static void check_ok(const struct core_scan *sc)
{
    size_t n = strlen(sc->text);
    struct core_scan again;

    FUZZ_CHECK(n >= 1 && n <= CORE_SCAN_MAX);
    FUZZ_CHECK(core_utf8_clean(sc->text));
    FUZZ_CHECK(sc->text[0] != ' ' && sc->text[n - 1] != ' ');
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(!(sc->text[i] >= 'a' && sc->text[i] <= 'z'));
    check_ident(sc);
    /* the cleaned text is a fixed point */
    FUZZ_CHECK(core_scan_parse(sc->text, n, "", 0, &again) == CORE_SCAN_WHY_OK);
    FUZZ_CHECK(again.kind == sc->kind && strcmp(again.text, sc->text) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct core_scan sc, sc2;
    enum core_scan_why why;
    const char *prefix;
    int strip;
    char *raw;

    if (size < 1)
        return 0;
    prefix = prefixes[data[0] % (sizeof prefixes / sizeof prefixes[0])];
    strip = (data[0] >> 3) & 1;
    raw = malloc(size - 1 ? size - 1 : 1); /* exactly the scan: a read past it is caught */
    if (!raw)
        return 0;
    memcpy(raw, data + 1, size - 1);
    why = core_scan_parse(raw, size - 1, prefix, strip, &sc);
    FUZZ_CHECK(core_scan_why_str(why) != NULL);
    FUZZ_CHECK(core_scan_parse(raw, size - 1, prefix, strip, &sc2) == why);
    FUZZ_CHECK(memcmp(&sc, &sc2, sizeof sc) == 0);
    if (why == CORE_SCAN_WHY_OK)
        check_ok(&sc);
    else
        FUZZ_CHECK(sc.kind == CORE_SCAN_INVALID);
    free(raw);
    return 0;
}
