/* rig/frame.c — the rig protocol's request frame, read incrementally. */
#include "rig/frame.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void rig_frame_init(struct rig_frame *f, uint32_t max)
{
    memset(f, 0, sizeof *f);
    f->max = max >= 1 && max <= RIG_FRAME_LIMIT ? max : RIG_FRAME_DEFAULT_MAX;
    f->state = RIG_FRAME_HEADER;
}

void rig_frame_fini(struct rig_frame *f)
{
    free(f->body);
    f->body = NULL;
}

static void failed(struct rig_frame *f, enum rig_frame_fault fault)
{
    f->state = RIG_FRAME_FAILED;
    f->fault = fault;
}

/* The header is complete: decide whether a body follows, and make room for it. */
static void header_done(struct rig_frame *f)
{
    f->len = (uint32_t)f->hdr[0] << 24 | (uint32_t)f->hdr[1] << 16 | (uint32_t)f->hdr[2] << 8 |
             (uint32_t)f->hdr[3];
    if (f->len == 0) {
        failed(f, RIG_FRAME_EMPTY);
    } else if (f->len > f->max) {
        /* the original system fell back to reading bare JSON until the peer closed:
         * here a '{' first byte only makes the reason clearer */
        failed(f, f->hdr[0] == '{' ? RIG_FRAME_BARE_JSON : RIG_FRAME_TOO_LARGE);
    } else {
        f->body = xmalloc((size_t)f->len + 1);
        f->state = RIG_FRAME_BODY;
    }
}

size_t rig_frame_feed(struct rig_frame *f, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    size_t used = 0;

    while (used < n && f->state == RIG_FRAME_HEADER) {
        f->hdr[f->hdr_got++] = p[used++];
        if (f->hdr_got == 4)
            header_done(f);
    }
    if (used < n && f->state == RIG_FRAME_BODY) {
        size_t take = f->len - f->got;
        if (take > n - used)
            take = n - used;
        memcpy(f->body + f->got, p + used, take);
        f->got += take;
        used += take;
        if (f->got == f->len) {
            f->body[f->len] = '\0';
            f->state = RIG_FRAME_DONE;
        }
    }
    return used;
}

void rig_frame_eof(struct rig_frame *f)
{
    if (f->state == RIG_FRAME_HEADER || f->state == RIG_FRAME_BODY)
        failed(f, f->state == RIG_FRAME_HEADER && f->hdr_got == 0 ? RIG_FRAME_EMPTY
                                                                  : RIG_FRAME_TRUNCATED);
}

size_t rig_frame_want(const struct rig_frame *f)
{
    switch (f->state) {
    case RIG_FRAME_HEADER: return 4 - f->hdr_got;
    case RIG_FRAME_BODY: return f->len - f->got;
    case RIG_FRAME_DONE:
    case RIG_FRAME_FAILED: break;
    }
    return 0;
}

const char *rig_frame_body(const struct rig_frame *f, size_t *len)
{
    if (f->state != RIG_FRAME_DONE)
        return NULL;
    if (len)
        *len = f->len;
    return f->body;
}

const char *rig_frame_fault_name(enum rig_frame_fault fault)
{
    switch (fault) {
    case RIG_FRAME_NO_FAULT: return "OK";
    case RIG_FRAME_EMPTY: return "EMPTY";
    case RIG_FRAME_TOO_LARGE: return "TOO_LARGE";
    case RIG_FRAME_BARE_JSON: return "BARE_JSON";
    case RIG_FRAME_TRUNCATED: return "TRUNCATED";
    }
    return "?";
}

void rig_frame_header(uint32_t n, unsigned char out[4])
{
    out[0] = (unsigned char)(n >> 24);
    out[1] = (unsigned char)(n >> 16);
    out[2] = (unsigned char)(n >> 8);
    out[3] = (unsigned char)n;
}
