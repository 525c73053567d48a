/* tests/fuzz/fuzz_rigframe.c — the rig protocol's frame reader (rig/frame.h) fed a hostile
 * stream in hostile pieces. Input: byte 0 seeds the piece sizes, byte 1 picks the bound;
 * the rest is the stream. Properties: a complete frame is exactly the 4 + N bytes it
 * announced, N within the bound, its body those bytes; nothing past the frame is ever
 * taken; a refused length is refused after its header alone; the reader wants bytes
 * exactly while it is incomplete; the end of the stream cuts an incomplete frame. */
#include <string.h>

#include "rig/frame.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t bounds[4] = { 16, 1024, RIG_FRAME_DEFAULT_MAX, RIG_FRAME_LIMIT };
    struct rig_frame f;
    unsigned seed;
    size_t at = 2, used = 0;

    if (size < 2)
        return 0;
    seed = data[0] | 1u;
    rig_frame_init(&f, bounds[data[1] & 3]);
    while (at < size) {
        size_t piece = 1 + (seed = seed * 1103515245u + 12345u) % 9, took;
        if (piece > size - at)
            piece = size - at;
        FUZZ_CHECK((rig_frame_want(&f) == 0) ==
                   (f.state == RIG_FRAME_DONE || f.state == RIG_FRAME_FAILED));
        took = rig_frame_feed(&f, data + at, piece);
        FUZZ_CHECK(took <= piece);
        FUZZ_CHECK(f.state == RIG_FRAME_DONE || f.state == RIG_FRAME_FAILED || took == piece);
        used += took;
        at += piece;
    }
    if (f.state == RIG_FRAME_HEADER || f.state == RIG_FRAME_BODY) {
        rig_frame_eof(&f);
        FUZZ_CHECK(f.state == RIG_FRAME_FAILED);
        FUZZ_CHECK(f.fault == RIG_FRAME_TRUNCATED || (f.fault == RIG_FRAME_EMPTY && used == 0));
    }
    if (f.state == RIG_FRAME_DONE) {
        size_t len;
        const char *body = rig_frame_body(&f, &len);
        uint32_t n = (uint32_t)data[2] << 24 | (uint32_t)data[3] << 16 | (uint32_t)data[4] << 8 |
                     data[5];
        FUZZ_CHECK(len == n && n >= 1 && n <= f.max);
        FUZZ_CHECK(used == 4 + len);
        FUZZ_CHECK(!memcmp(body, data + 6, len) && body[len] == '\0');
    } else if (f.fault == RIG_FRAME_TOO_LARGE || f.fault == RIG_FRAME_BARE_JSON) {
        FUZZ_CHECK(used == 4 && f.len > f.max && f.body == NULL);
    } else if (f.fault == RIG_FRAME_EMPTY && used == 4) {
        FUZZ_CHECK(f.len == 0);
    }
    rig_frame_fini(&f);
    return 0;
}
