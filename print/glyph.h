/* print/glyph.h — label text that the printer's built-in font cannot show (Hangul, most of
 * Unicode), drawn on the station instead: FreeType renders it with a TrueType font at the
 * label's dots into a 1-bit bitmap, which goes to the printer as a ^GF graphic in the
 * text's place. Pure apart from reading the font file: no clock, no locale.
 *
 * libfreetype is not linked: it is loaded with dlopen() by the first label that needs it
 * (print/glyph.c says why), and so is the font; both stay loaded. Not thread-safe: the
 * station and the tools render labels from one thread. */
#ifndef STN_PRINT_GLYPH_H
#define STN_PRINT_GLYPH_H

#include <stddef.h>

#include "base/status.h"
#include "print/print.h"

/* A 1-bit picture, rows top to bottom, stride bytes each; the most significant bit of a
 * byte is the leftmost dot; 1 is black (printed), as ^GF wants it. */
struct prn_bitmap {
    int w, h;
    int stride;          /* (w + 7) / 8 */
    unsigned char *bits; /* h * stride bytes, owned */
};
void prn_bitmap_free(struct prn_bitmap *b);
/* Dot (x, y): 1 black, 0 white (0 outside the picture too). */
int prn_bitmap_get(const struct prn_bitmap *b, int x, int y);

/* Whether a Zebra's built-in font 0 shows every character of the UTF-8 text s[0, n):
 * printable ASCII and Latin-1 (U+00A0..U+00FF). Anything else (Hangul, CJK, Cyrillic,
 * an em dash ...) would print as nothing or as boxes. Invalid UTF-8 counts as not. */
int prn_text_builtin(const char *s, size_t n);

/* How the text is fitted; lengths in dots at the label's resolution. */
struct prn_glyph_box {
    int height; /* the ^A character height: the bitmap is this many rows */
    int width;  /* the ^A character width (0: as high); scales the glyphs' width likewise */
    int max_w;  /* the widest the bitmap may be (the ^FB block, or what is left of ^PW):
                 * wider text is condensed to fit, down to half its width, then cut */
};

/* What a drawing came to (for the caller's log and for the tests). */
struct prn_glyph_info {
    int baseline;  /* row of the baseline, from the top */
    int missing;   /* characters the font has no glyph for (drawn as its .notdef box) */
    int condensed; /* 1 when the text was narrowed to fit max_w */
    int cut;       /* 1 when it still did not fit and was cut at max_w */
};

/* Draws the UTF-8 text s[0, n) (invalid bytes become '?') with the TrueType or OpenType
 * font at font_path into out: box->height rows, as wide as the text's ink reaches
 * (at least 1 dot). The font's ascent to descent fills the height, so a line of Hangul
 * stands as tall as the built-in font's capitals and descenders in the same field.
 * The font is opened on first use and kept open (for the same path). Errors: STN_E_IO
 * (FreeType or the font cannot be loaded, e.g. "printing Korean text needs the font
 * /usr/share/fonts/...: No such file"), STN_E_INPUT (a height out of 4..2000 dots). */
enum stn_code prn_glyph_draw(const char *font_path, const char *s, size_t n,
                             const struct prn_glyph_box *box, struct prn_bitmap *out,
                             struct prn_glyph_info *info, struct stn_err *err);

/* Closes the font and unloads nothing else (libfreetype stays mapped): for tests that
 * count leaks, and to let a changed font file be read again. */
void prn_glyph_close(void);

/* The ^GF command for b, without ^FO or ^FS: "^GFA,total,total,stride,data", the data in
 * ZPL's compressed ASCII hex (runs of a digit as a count letter and the digit, "," for a
 * row's white rest, ":" for a row equal to the one before), which every ZPL printer reads.
 * dst needs prn_gf_bound(b) bytes; returns the length written (dst is NUL-terminated). */
size_t prn_gf_encode(const struct prn_bitmap *b, char *dst);
size_t prn_gf_bound(const struct prn_bitmap *b);

/* ---- a rendered label's fields (print/zpl_text.c) ------------------------------------ */
struct prn_text_fonts {
    const char *bitmap_font;  /* TrueType file drawn on the station ([printer] bitmap_font) */
    const char *printer_font; /* a font stored on the printer, e.g. "E:NANUMGOTHIC.TTF"
                               * ([printer] font): when set, such text is sent as text in
                               * it (^A@) instead of as a bitmap; NULL or "" = none */
};

struct prn_text_stats {
    int bitmaps;                 /* fields drawn on the station (^GF) */
    int printer_font;            /* fields switched to the printer's stored font */
    int missing, condensed, cut; /* summed over the bitmaps (struct prn_glyph_info) */
};

/* Puts right the text fields of a rendered label (one or more ^XA ... ^XZ) whose text the
 * built-in font cannot show (prn_text_builtin) and whose font is a built-in one (not ^A@,
 * not a letter named by ^CW): each becomes a ^GF bitmap at the same place, as high as its
 * ^A height, justified in its ^FB block as the text was, never wider than the block (or
 * than what is left of ^PW) nor below ^LL; or, with fonts->printer_font, the same field
 * in that font. Only normal orientation (N) is drawn; rotated fields stay text. A field
 * drawn on the station is one line: a ^FB of several lines gets one, condensed to fit.
 * Anything else stays byte for byte; a label with nothing to change is left untouched
 * (label->data is not reallocated). stats may be NULL. Errors: those of prn_glyph_draw
 * (the label must then not be printed: its text would be missing), STN_E_IO when out of
 * memory. */
enum stn_code prn_zpl_text(struct prn_buf *label, const struct prn_text_fonts *fonts,
                           struct prn_text_stats *stats, struct stn_err *err);

#endif
