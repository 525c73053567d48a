/* rig/frame.h — the request frame of the rig protocol (docs/DESIGN.md, Rigs): a length N
 * as 4 bytes big-endian, then N bytes of UTF-8 JSON. The reader is incremental: it is
 * fed whatever bytes arrived (one at a time or many) and says when the frame is
 * complete or why it never will be; it never takes a byte past its frame and never
 * holds more than its bound. Pure: no I/O. */
#ifndef STN_RIG_FRAME_H
#define STN_RIG_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* The protocol's own ceiling: the original system accepted 1 .. 1 MiB - 1. */
#define RIG_FRAME_LIMIT 1048575u
#define RIG_FRAME_DEFAULT_MAX 65536u

enum rig_frame_state {
    RIG_FRAME_HEADER, /* waiting for the 4 length bytes */
    RIG_FRAME_BODY,   /* waiting for the N bytes */
    RIG_FRAME_DONE,   /* body holds the N bytes (and a NUL after them) */
    RIG_FRAME_FAILED, /* fault says why; nothing more is taken */
};

enum rig_frame_fault {
    RIG_FRAME_NO_FAULT,
    RIG_FRAME_EMPTY,     /* N = 0 */
    RIG_FRAME_TOO_LARGE, /* N above the bound */
    RIG_FRAME_BARE_JSON, /* the first byte is '{': JSON without its length */
    RIG_FRAME_TRUNCATED, /* the peer closed before the frame was complete */
};

struct rig_frame {
    enum rig_frame_state state;
    enum rig_frame_fault fault;
    uint32_t max; /* the bound on N */
    unsigned char hdr[4];
    size_t hdr_got;
    uint32_t len; /* N, once the header is complete */
    char *body;   /* owned: N + 1 bytes, allocated when the header is complete */
    size_t got;   /* body bytes received */
};

/* max: 1 .. RIG_FRAME_LIMIT (out of range: RIG_FRAME_DEFAULT_MAX). */
void rig_frame_init(struct rig_frame *f, uint32_t max);
void rig_frame_fini(struct rig_frame *f);

/* Takes bytes of the stream; returns how many belong to the frame (the rest, once the
 * frame is DONE or FAILED, is none of its business). */
size_t rig_frame_feed(struct rig_frame *f, const void *buf, size_t n);

/* The peer closed its side: a frame not yet complete is TRUNCATED. */
void rig_frame_eof(struct rig_frame *f);

/* How many bytes the frame still needs (0 when DONE or FAILED): a reader never asks the
 * socket for more, so bytes after the frame stay unread. */
size_t rig_frame_want(const struct rig_frame *f);

/* The body once DONE (NUL-terminated, len bytes), else NULL. */
const char *rig_frame_body(const struct rig_frame *f, size_t *len);

/* A stable name for a fault ("EMPTY", "TOO_LARGE", ...), for logs and tests. */
const char *rig_frame_fault_name(enum rig_frame_fault fault);

/* Writes the 4-byte header of a frame of n bytes (senders: the simulator, submit). */
void rig_frame_header(uint32_t n, unsigned char out[4]);

#endif
