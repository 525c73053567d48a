/* print/zpl.h — ZPL label templates: the parsed form (print/template.c) and the pure
 * renderer (print/zpl.c). print/print.h is the interface the rest of the program uses;
 * this header is for the two halves of the module and for the tests.
 *
 * A template is ZPL written in 203-dpi dots (8 dots/mm) with named placeholders
 * ({{serial}}) in field data. Rendering at 300 dpi (12 dots/mm) multiplies every
 * dimension by 12/8, so both printers produce the same physical label. Field data is
 * escaped with ^FH hex escapes: nothing a value contains can become a ZPL command. */
#ifndef STN_PRINT_ZPL_H
#define STN_PRINT_ZPL_H

#include <stddef.h>

#include "print/print.h"

#define PRN_VALUE_MAX 64        /* bytes of one placeholder value, after cleaning */
#define PRN_TPL_MAX (64 * 1024) /* bytes of a template file */
#define PRN_SHEET_MAX_ITEMS 256 /* commands + defect codes on one command sheet */

enum prn_tpl_kind { PRN_TPL_LABEL, PRN_TPL_SHEET };

/* Placeholder names, in the order of the values array the renderer takes. */
/* Several entries a line: the formatter would put the first alone and stair-step the
 * rest, as it reads the list as one expression. */
/* clang-format off */
#define PRN_VARS(X)                                                                   \
    X(SERIAL, "serial") X(WIP_ID, "wip_id") X(LOT, "lot") X(MODEL_CODE, "model_code") \
    X(MODEL_NAME, "model_name") X(PRODUCTION_DATE, "production_date")                 \
    X(PRINTED_AT, "printed_at") X(STATION, "station") X(OPERATOR, "operator")         \
    X(BADGE, "badge") X(NAME, "name") X(ROLE, "role")                                 \
    X(PROCESS, "process") X(PROCESS_NAME, "process_name") X(PAGE, "page")             \
    X(PAGES, "pages") X(CODE, "code") X(TEXT, "text")
/* clang-format on */

#define PRN_VAR_ENUM(id, name) PRN_VAR_##id,
enum prn_var { PRN_VARS(PRN_VAR_ENUM) PRN_VAR_COUNT };
#undef PRN_VAR_ENUM

const char *prn_var_name(enum prn_var v);
/* Whether a template of this kind may use v (in the item block or outside it). */
int prn_var_allowed(enum prn_tpl_kind kind, enum prn_var v, int in_block);

/* ZPL commands a template may use, and which of their parameters are dots. */
enum {
    PRN_ZC_NOPARAMS = 1 << 0, /* ^XA ^XZ ^FS */
    PRN_ZC_SIGNED = 1 << 1,   /* dimensions may be negative (^LS ^LT ~TA) */
    PRN_ZC_ORIGIN = 1 << 2,   /* ^FO ^FT: moved by the item block's cell */
    PRN_ZC_MODULE = 1 << 3,   /* first dimension is a module width (prn_zpl_scale_module) */
    PRN_ZC_FD = 1 << 4,       /* field data */
    PRN_ZC_FH = 1 << 5,
    PRN_ZC_CI = 1 << 6,
    PRN_ZC_FS = 1 << 7,
    PRN_ZC_XA = 1 << 8,
    PRN_ZC_XZ = 1 << 9,
    PRN_ZC_FONT = 1 << 10, /* ^A<font>: the font letter is part of the name */
};
struct prn_zcmd {
    char prefix;   /* '^' or '~' */
    char name[3];  /* "FO"; "A" for the font command ^A<f> */
    unsigned dots; /* bit i: parameter i is a length in dots, scaled with the dpi */
    unsigned flags;
};
/* The entry for prefix + name (name: the two characters after the prefix), or NULL. */
const struct prn_zcmd *prn_zcmd_find(char prefix, const char name[2]);

/* ---- parsed template -------------------------------------------------------------- */
struct prn_piece {
    int var;         /* -1: literal text, else an enum prn_var */
    size_t off, len; /* literal: bytes of prn_tpl.src */
};

struct prn_tcmd {
    const struct prn_zcmd *z;
    char name[3];        /* as written (e.g. "A0") */
    size_t poff, plen;   /* parameters (not for ^FD): bytes of prn_tpl.src */
    int piece, n_pieces; /* ^FD: its pieces */
    int line;
    int eol; /* last command of its line: a newline follows it */
};

struct prn_tpl {
    char *name; /* for messages */
    char *src;  /* the template text (owned) */
    enum prn_tpl_kind kind;
    struct prn_tcmd *cmd;
    int n_cmd;
    struct prn_piece *piece;
    int n_piece;
    /* PRN_TPL_SHEET: commands [block_begin, block_end) are repeated for each item,
     * in a grid of cols x rows cells per label; cell (c, r) moves ^FO/^FT by
     * (x + c * dx, y + r * dy) dots (203-dpi dots, like everything else). */
    int block_begin, block_end;
    int cols, rows, x, y, dx, dy;
};

/* Parses and checks a template: STN_E_CONFIG with "name:line: what" when it breaks a rule. */
enum stn_code prn_tpl_parse(const char *name, const char *text, size_t len, enum prn_tpl_kind kind,
                            struct prn_tpl **out, struct stn_err *err);
/* Reads a file (at most PRN_TPL_MAX bytes) and parses it (STN_E_IO when it cannot be read). */
enum stn_code prn_tpl_load(const char *path, enum prn_tpl_kind kind, struct prn_tpl **out,
                           struct stn_err *err);
void prn_tpl_free(struct prn_tpl *t);

/* ---- renderer (no I/O) -------------------------------------------------------------- */
/* Renders a label template. vals[PRN_VAR_COUNT]: NULL renders as empty. */
enum stn_code prn_zpl_render(const struct prn_tpl *t, int dpi, const char *const *vals,
                             struct prn_buf *out, struct stn_err *err);

/* Renders a command sheet: one item per station command (CMD:PASS ...) then one per
 * defect code, as many labels (pages) as the grid needs. printed_at must not be NULL. */
enum stn_code prn_zpl_render_sheet(const struct prn_tpl *t, int dpi,
                                   const struct prn_command_sheet *s, const char *printed_at,
                                   struct prn_buf *out, struct stn_err *err);

/* Cleans a value for field data: invalid UTF-8 bytes become '?', and it is cut to at
 * most PRN_VALUE_MAX bytes on a character boundary. dst has PRN_VALUE_MAX + 1 bytes.
 * Returns the length. */
size_t prn_zpl_clean(const char *value, char dst[PRN_VALUE_MAX + 1]);

/* ^FH escaping of cleaned text: ^ ~ _ DEL and control bytes become _hh. dst needs
 * 3 * len + 1 bytes. Returns the length written. */
size_t prn_zpl_escape(const char *src, size_t len, char *dst);

/* ZPL as the renderers (print/zpl.c, print/zpl_text.c) write it: a buffer that grows, kept
 * NUL-terminated; an allocation that fails sets oom, and what is put after it is dropped. */
struct prn_out {
    char *p;
    size_t len, cap;
    int oom;
};
void prn_out_put(struct prn_out *o, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0 if invalid. */
int prn_utf8_seq(const char *s, size_t n);

/* Dots at dpi for a length in 203-dpi dots (8 dots/mm; 300 dpi is 12 dots/mm). */
long prn_zpl_scale(long dots203, int dpi);
/* Same for a barcode module width (^BY, ^BQ): whole dots in 1..10, halves rounded down
 * so that a barcode never gets wider than designed (1 -> 1, 2 -> 3, 3 -> 4, 4 -> 6). */
long prn_zpl_scale_module(long dots203, int dpi);

#endif
