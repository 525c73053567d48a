/* core/ident.c — identifier formats and scan classification. */
#include "core/ident.h"

#include <stdio.h>
#include <string.h>

#define CMD_NAME(name) #name,
static const char *const cmd_names[] = { "", CORE_COMMANDS(CMD_NAME) };
#undef CMD_NAME

const char *core_cmd_name(enum core_cmd cmd)
{
    if ((unsigned)cmd >= CORE_CMD_COUNT)
        return "";
    return cmd_names[cmd];
}

enum core_cmd core_cmd_from_name(const char *word)
{
    for (int i = 1; i < CORE_CMD_COUNT; i++)
        if (!strcmp(word, cmd_names[i]))
            return (enum core_cmd)i;
    return CORE_CMD_NONE;
}

const char *core_scan_why_str(enum core_scan_why why)
{
    switch (why) {
    case CORE_SCAN_WHY_OK: return "ok";
    case CORE_SCAN_WHY_EMPTY: return "empty scan";
    case CORE_SCAN_WHY_TOO_LONG: return "scan too long";
    case CORE_SCAN_WHY_CONTROL: return "control character or escape sequence in scan";
    case CORE_SCAN_WHY_UTF8: return "invalid UTF-8 in scan";
    case CORE_SCAN_WHY_UNKNOWN: return "not a LOT, WIP ID, serial, badge or command";
    case CORE_SCAN_WHY_BAD_LOT: return "malformed LOT, WIP ID or serial";
    case CORE_SCAN_WHY_BAD_CMD: return "unknown command barcode";
    }
    return "?";
}

static int is_upper_alnum(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parses the 14 bytes at s (no terminator needed). */
static int lot_parse_n(const char *s, struct core_lot_no *out)
{
    struct core_lot_no l;
    for (int i = 0; i < 7; i++)
        if (!is_upper_alnum((unsigned char)s[i]))
            return -1;
    memcpy(l.line, s, 4);
    l.line[4] = '\0';
    memcpy(l.model, s + 4, 3);
    l.model[3] = '\0';
    l.yy = digits(s + 7, 2);
    l.mm = digits(s + 9, 2);
    l.seq = digits(s + 11, 3);
    if (l.yy < 0 || l.mm < 1 || l.mm > 12 || l.seq < 1)
        return -1;
    if (out)
        *out = l;
    return 0;
}

int core_lot_parse(const char *s, struct core_lot_no *out)
{
    if (strlen(s) != CORE_LOT_LEN)
        return -1;
    return lot_parse_n(s, out);
}

void core_lot_format(char *buf, const char *line, const char *model, int yy, int mm, int seq)
{
    char tmp[64] = { 0 };
    snprintf(tmp, sizeof tmp, "%.4s%.3s%02u%02u%03u", line, model, (unsigned)yy % 100,
             (unsigned)mm % 100, (unsigned)seq % 1000);
    memcpy(buf, tmp, CORE_LOT_LEN);
    buf[CORE_LOT_LEN] = '\0';
}

void core_wip_format(char *buf, const char *lot_number, int seq)
{
    char tmp[64] = { 0 };
    snprintf(tmp, sizeof tmp, "%.14s-W%04u", lot_number, (unsigned)seq % 10000);
    memcpy(buf, tmp, CORE_WIP_LEN);
    buf[CORE_WIP_LEN] = '\0';
}

void core_serial_format(char *buf, const char *lot_number, int seq)
{
    char tmp[64] = { 0 };
    snprintf(tmp, sizeof tmp, "%.14s%04u", lot_number, (unsigned)seq % 10000);
    memcpy(buf, tmp, CORE_SERIAL_LEN);
    buf[CORE_SERIAL_LEN] = '\0';
}

int core_badge_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32 || !is_upper_alnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!is_upper_alnum(c) && c != '-' && c != '_' && c != '.')
            return 0;
    }
    return 1;
}

int core_defect_code_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 40 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!is_upper_alnum((unsigned char)s[i]) && s[i] != '_')
            return 0;
    return 1;
}

/* Length of the valid UTF-8 sequence at s (max n bytes), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, cp = s[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    /* C1 controls (U+0080..U+009F) are control characters too */
    if (cp >= 0x80 && cp <= 0x9f)
        return 0;
    return len;
}

size_t core_utf8_char(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x20 || u[0] == 0x7f)
        return 0;
    return utf8_len(u, n);
}

int core_utf8_clean(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0, l; i < n; i += l)
        if ((l = core_utf8_char(s + i, n - i)) == 0)
            return 0;
    return 1;
}

/* Whether t starts like a LOT (7 letters/digits, then 7 digits): such a scan is
 * a LOT, WIP ID or serial or a malformed one, never a badge. */
static int lot_shaped(const char *t, size_t n)
{
    if (n < CORE_LOT_LEN)
        return 0;
    for (int i = 0; i < 7; i++)
        if (!is_upper_alnum((unsigned char)t[i]))
            return 0;
    return digits(t + 7, 7) >= 0;
}

static enum core_scan_why classify(struct core_scan *out)
{
    const char *t = out->text;
    size_t n = strlen(t);

    if (!strncmp(t, "CMD:", 4)) {
        const char *w = t + 4;
        const char *colon = strchr(w, ':');
        char word[16];
        size_t wl = colon ? (size_t)(colon - w) : strlen(w);
        if (wl == 0 || wl >= sizeof word)
            return CORE_SCAN_WHY_BAD_CMD;
        memcpy(word, w, wl);
        word[wl] = '\0';
        out->cmd = core_cmd_from_name(word);
        if (out->cmd == CORE_CMD_NONE)
            return CORE_SCAN_WHY_BAD_CMD;
        if (out->cmd == CORE_CMD_DEFECT) {
            if (!colon || !core_defect_code_valid(colon + 1))
                return CORE_SCAN_WHY_BAD_CMD;
            {
                size_t al = strlen(colon + 1);
                memcpy(out->arg, colon + 1, al + 1);
            }
        } else if (colon) {
            return CORE_SCAN_WHY_BAD_CMD;
        }
        out->kind = CORE_SCAN_COMMAND;
        return CORE_SCAN_WHY_OK;
    }
    if (n == CORE_WIP_LEN && t[14] == '-' && t[15] == 'W') {
        int seq = digits(t + 16, 4);
        if (lot_parse_n(t, &out->lot) || seq < 1)
            return CORE_SCAN_WHY_BAD_LOT;
        out->seq = seq;
        out->kind = CORE_SCAN_WIP;
    } else if (n == CORE_SERIAL_LEN && is_digit((unsigned char)t[7])) {
        int seq = digits(t + 14, 4);
        if (lot_parse_n(t, &out->lot) || seq < 1)
            return CORE_SCAN_WHY_BAD_LOT;
        out->seq = seq;
        out->kind = CORE_SCAN_SERIAL;
    } else if (n == CORE_LOT_LEN && is_digit((unsigned char)t[7]) &&
               is_digit((unsigned char)t[8])) {
        if (lot_parse_n(t, &out->lot))
            return CORE_SCAN_WHY_BAD_LOT;
        out->kind = CORE_SCAN_LOT;
    } else if (lot_shaped(t, n)) {
        return CORE_SCAN_WHY_BAD_LOT; /* wrong length or separator */
    } else if (core_badge_valid(t)) {
        out->kind = CORE_SCAN_BADGE;
        return CORE_SCAN_WHY_OK;
    } else {
        return CORE_SCAN_WHY_UNKNOWN;
    }
    memcpy(out->lot_number, t, CORE_LOT_LEN);
    out->lot_number[CORE_LOT_LEN] = '\0';
    return CORE_SCAN_WHY_OK;
}

enum core_scan_why core_scan_parse(const char *raw, size_t len, const char *prefix, int strip_aim,
                                   struct core_scan *out)
{
    const unsigned char *s = (const unsigned char *)raw;
    size_t plen = prefix ? strlen(prefix) : 0;
    enum core_scan_why why;

    memset(out, 0, sizeof *out);
    /* the suffix (CR/LF/Tab) may still be attached: drop trailing ones */
    while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == '\n' || s[len - 1] == '\t'))
        len--;
    if (len > 4 * CORE_SCAN_MAX)
        return CORE_SCAN_WHY_TOO_LONG;
    for (size_t i = 0; i < len;) {
        size_t l;
        if (s[i] < 0x20 || s[i] == 0x7f)
            return CORE_SCAN_WHY_CONTROL;
        l = utf8_len(s + i, len - i);
        if (l == 0)
            return (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
                       ? CORE_SCAN_WHY_CONTROL
                       : CORE_SCAN_WHY_UTF8;
        i += l;
    }
    if (strip_aim && len >= 3 && s[0] == ']' && s[1] >= 0x21 && s[1] <= 0x7e &&
        ((s[2] >= '0' && s[2] <= '9') || (s[2] >= 'A' && s[2] <= 'Z') ||
         (s[2] >= 'a' && s[2] <= 'z'))) {
        s += 3;
        len -= 3;
    }
    if (plen && len >= plen && !memcmp(s, prefix, plen)) {
        s += plen;
        len -= plen;
    }
    while (len > 0 && s[0] == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0)
        return CORE_SCAN_WHY_EMPTY;
    if (len > CORE_SCAN_MAX)
        return CORE_SCAN_WHY_TOO_LONG;
    for (size_t i = 0; i < len; i++)
        out->text[i] = (char)((s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i]);
    out->text[len] = '\0';
    why = classify(out);
    if (why != CORE_SCAN_WHY_OK)
        out->kind = CORE_SCAN_INVALID;
    return why;
}
