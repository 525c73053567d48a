/* print/font.h — a TrueType font stored on the printer, for text its built-in font cannot
 * show (Hangul): its name ([printer] font, used as ^A@N,h,w,<name>) and the command that
 * stores the file there (`wipstation font-upload`). The alternative, drawing such text on
 * the station, is print/glyph.h. */
#ifndef STN_PRINT_FONT_H
#define STN_PRINT_FONT_H

#include <stddef.h>

#include "base/status.h"
#include "print/print.h"

#define PRN_FONT_NAME_MAX 16         /* characters of the name, without device and extension */
#define PRN_FONT_FILE_MAX (32 << 20) /* bytes of a font file (NanumGothic: 4.7 MB) */

/* Whether name is a printer file a font can be stored as: a device (E: flash, R: memory,
 * B: card, A: USB), 1 to 16 capitals, digits or '_', and .TTF, .TTE or .FNT, e.g.
 * "E:NANUMGOTHIC.TTF". STN_E_CONFIG with the rule otherwise. */
enum stn_code prn_font_name_check(const char *name, struct stn_err *err);

enum prn_font_cmd {
    PRN_FONT_DY, /* ~DY, format B (binary), extension T/E: a Zebra of today (Link-OS) */
    PRN_FONT_DU, /* ~DU, ASCII hex, stored as .FNT: older firmware that lacks ~DY fonts */
};

/* The bytes that store the TrueType file ttf_path on the printer as printer_font
 * (prn_font_name_check), ending in a newline. ~DY needs a .TTF or .TTE name, ~DU a .FNT
 * one. Errors: STN_E_CONFIG (the name), STN_E_IO (cannot read), STN_E_INPUT (not a
 * TrueType font, or larger than PRN_FONT_FILE_MAX). out is owned by the caller
 * (prn_buf_free). */
enum stn_code prn_font_upload_zpl(const char *ttf_path, const char *printer_font,
                                  enum prn_font_cmd cmd, struct prn_buf *out, struct stn_err *err);

#endif
