/* tests/fuzz/fuzz.h — the libFuzzer entry point every tests/fuzz/fuzz_*.c target
 * defines. Linked either with libFuzzer (clang -fsanitize=fuzzer, `make fuzz`) or with
 * tests/fuzz/driver.c, which replays the corpus and the crash files (make check-fuzz). */
#ifndef STN_TESTS_FUZZ_FUZZ_H
#define STN_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when a property of the code under test does not hold: the
 * fuzzer (or the driver under ASan) reports it as a crash with the input. */
#define FUZZ_CHECK(cond) fuzz_check((cond), #cond, __FILE__, __LINE__)
static inline void fuzz_check(int ok, const char *what, const char *file, int line)
{
    if (ok)
        return;
    fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, what);
    abort();
}

#endif
