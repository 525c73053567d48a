/* print/dlib.c — loading a library with dlopen() when first needed (print/dlib.h). */
#include "print/dlib.h"

#include <dlfcn.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "code pointers as wide as void *");

enum stn_code prn_dl_load(void **lib, const char *soname, const struct prn_dl_sym *syms, size_t n,
                          enum stn_code code, const char *what, struct stn_err *err)
{
    void *sym;

    if (!*lib && !(*lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL))) {
        const char *why = dlerror();

        if (why)
            return stn_err_set(err, code, "%s unavailable: %s", what, why);
        return stn_err_set(err, code, "%s unavailable: %s not loaded", what, soname);
    }
    for (size_t i = 0; i < n; i++) {
        if (!(sym = dlsym(*lib, syms[i].name)))
            return stn_err_set(err, code, "%s unavailable: %s has no %s", what, soname,
                               syms[i].name);
        memcpy(syms[i].slot, &sym, sizeof sym);
    }
    return STN_OK;
}
