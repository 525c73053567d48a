/* print/font.c — a TrueType font stored on the printer (print/font.h): the name the
 * labels use (^A@N,h,w,E:NANUMGOTHIC.TTF) and the command that stores the file there.
 * Reads the font file; no other I/O. */
#include "print/font.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* name = D:NAME.EXT; fills the parts. 0, or -1 when it is not such a name. */
static int split(const char *name, char *dev, char *base, char *ext)
{
    const char *dot = strrchr(name, '.');
    size_t n;

    if (!name[0] || name[1] != ':' || !strchr("REBA", name[0]) || !dot || dot < name + 3)
        return -1;
    n = (size_t)(dot - name - 2);
    if (n > PRN_FONT_NAME_MAX || strlen(dot + 1) != 3)
        return -1;
    for (const char *p = name + 2; p < dot; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return -1;
    *dev = name[0];
    memcpy(base, name + 2, n);
    base[n] = '\0';
    memcpy(ext, dot + 1, 4);
    return 0;
}

enum stn_code prn_font_name_check(const char *name, struct stn_err *err)
{
    char dev, base[PRN_FONT_NAME_MAX + 1], ext[4];

    if (split(name, &dev, base, ext) ||
        (strcmp(ext, "TTF") && strcmp(ext, "TTE") && strcmp(ext, "FNT")))
        return stn_err_set(err, STN_E_CONFIG,
                           "printer font '%s': expected a device, a name of 1 to %d capitals, "
                           "digits or _, and .TTF, .TTE or .FNT, e.g. E:NANUMGOTHIC.TTF",
                           name, PRN_FONT_NAME_MAX);
    return STN_OK;
}

static enum stn_code read_font(const char *path, unsigned char **data, size_t *len,
                               struct stn_err *err)
{
    FILE *f = fopen(path, "rb");
    long size;

    *data = NULL;
    if (!f)
        return stn_err_set(err, STN_E_IO, "%s: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return stn_err_set(err, STN_E_IO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (size < 12 || size > PRN_FONT_FILE_MAX) {
        fclose(f);
        return stn_err_set(err, STN_E_INPUT, "%s: %ld bytes: a font file has 12 to %d", path, size,
                           PRN_FONT_FILE_MAX);
    }
    if (!(*data = malloc((size_t)size)) || fread(*data, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        free(*data);
        *data = NULL;
        return stn_err_set(err, STN_E_IO, "%s: cannot read: %s", path, strerror(errno));
    }
    fclose(f);
    *len = (size_t)size;
    /* sfnt version: TrueType outlines (1.0 or 'true'); 'OTTO' (CFF) and collections are
     * not what a Zebra stores as TrueType */
    if (memcmp(*data, "\0\1\0\0", 4) && memcmp(*data, "true", 4)) {
        free(*data);
        *data = NULL;
        return stn_err_set(err, STN_E_INPUT, "%s: not a TrueType font (.ttf with glyf outlines)",
                           path);
    }
    return STN_OK;
}

enum stn_code prn_font_upload_zpl(const char *ttf_path, const char *printer_font,
                                  enum prn_font_cmd cmd, struct prn_buf *out, struct stn_err *err)
{
    static const char hex[] = "0123456789ABCDEF";
    char dev, base[PRN_FONT_NAME_MAX + 1], ext[4], head[128];
    unsigned char *data;
    size_t len = 0, n, i;
    enum stn_code rc;
    int hn;

    out->data = NULL;
    out->len = 0;
    if ((rc = prn_font_name_check(printer_font, err)) != STN_OK)
        return rc;
    split(printer_font, &dev, base, ext);
    if (cmd == PRN_FONT_DU && strcmp(ext, "FNT"))
        return stn_err_set(err, STN_E_CONFIG, "~DU stores a font as .FNT: name it %c:%s.FNT", dev,
                           base);
    if (cmd == PRN_FONT_DY && !strcmp(ext, "FNT"))
        return stn_err_set(err, STN_E_CONFIG,
                           "~DY stores TrueType as .TTF or .TTE, not .FNT "
                           "(%s); or send it with ~DU",
                           printer_font);
    if ((rc = read_font(ttf_path, &data, &len, err)) != STN_OK)
        return rc;
    /* ~DY: binary (B), extension T (.TTF) or E (.TTE), no bytes-per-row; ~DU: hex only */
    hn = cmd == PRN_FONT_DY ? snprintf(head, sizeof head, "~DY%c:%s,B,%c,%zu,,", dev, base,
                                       ext[2] == 'E' ? 'E' : 'T', len)
                            : snprintf(head, sizeof head, "~DU%c:%s.FNT,%zu,", dev, base, len);
    n = (size_t)hn + (cmd == PRN_FONT_DY ? len : 2 * len) + 1;
    if (!(out->data = malloc(n + 1))) {
        free(data);
        return stn_err_set(err, STN_E_IO, "out of memory");
    }
    memcpy(out->data, head, (size_t)hn);
    out->len = (size_t)hn;
    if (cmd == PRN_FONT_DY) {
        memcpy(out->data + out->len, data, len);
        out->len += len;
    } else {
        for (i = 0; i < len; i++) {
            out->data[out->len++] = hex[data[i] >> 4];
            out->data[out->len++] = hex[data[i] & 15];
        }
    }
    out->data[out->len++] = '\n';
    out->data[out->len] = '\0';
    free(data);
    return STN_OK;
}
