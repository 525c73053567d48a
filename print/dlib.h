/* print/dlib.h — a shared library loaded with dlopen() when first needed, its functions
 * resolved into pointers: how print/cups.c (libcups) and print/glyph.c (FreeType) use a
 * library without linking it, so that a station that never prints or never draws Korean
 * text does not map it at start.
 *
 * A file lists the functions it calls in an X-macro, FUNCS(X), then
 *     FUNCS(PRN_DL_POINTER)                                 the pointers p_<name>
 *     static const struct prn_dl_sym syms[] = { FUNCS(PRN_DL_SYM) };
 * and calls p_<name> once prn_dl_load() has filled them. */
#ifndef STN_PRINT_DLIB_H
#define STN_PRINT_DLIB_H

#include <stddef.h>

#include "base/status.h"

/* name -> the pointer it fills (a void * slot: POSIX lets dlsym's result be one). */
struct prn_dl_sym {
    const char *name;
    void *slot;
};

#define PRN_DL_POINTER(f) static __typeof__(f) *p_##f;
#define PRN_DL_SYM(f) { #f, &p_##f },

/* Opens soname into *lib, unless *lib is already open (it stays open: the pointers point
 * into it), and fills the slot of each of the n syms. Else code, with the message
 * "<what> unavailable: <why>" (dlerror's words, or the function the library lacks). */
enum stn_code prn_dl_load(void **lib, const char *soname, const struct prn_dl_sym *syms, size_t n,
                          enum stn_code code, const char *what, struct stn_err *err);

#endif
