/* rig/listen.h — the station's rig listener (docs/DESIGN.md, Rigs): TCP or a Unix socket,
 * driven from the caller's poll() loop, never blocking it. One message per connection,
 * as the original protocol has it: the rig sends one frame, the station replies with one
 * JSON object and closes (rigs read the reply to the end of the connection).
 *
 * Bounded everywhere: a frame above max_frame, a frame not complete frame_timeout_ms
 * after the connection was accepted (a stalled or idle rig, one byte a second), a reply
 * the rig does not read, get an error reply and the connection is closed within a
 * bounded time; at most max_conns connections are open (more wait in the kernel's
 * backlog). Frames that arrive complete are handed to the caller, which replies once
 * the message is committed (or refused). */
#ifndef STN_RIG_LISTEN_H
#define STN_RIG_LISTEN_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "base/status.h"

#define RIG_LISTEN_MAX_CONNS 64
#define RIG_LISTEN_MAX_FDS (RIG_LISTEN_MAX_CONNS + 1)

struct rig_listen_cfg {
    const char *addr;     /* "127.0.0.1:9000", "[::1]:9000", "localhost:9000" or "/path" */
    const char *allow;    /* addresses besides loopback that may connect, space-separated */
    uint32_t max_frame;   /* bytes */
    int frame_timeout_ms; /* accept to the frame's last byte */
    int await_ms;         /* a frame handed out waits this long for its reply, then the rig is
                           * told NOT_CONFIRMED */
    int max_conns;        /* 1 .. RIG_LISTEN_MAX_CONNS */
};

struct rig_listener;

/* Binds and listens (a stale Unix socket is replaced; a live one is an error). */
enum stn_code rig_listen_open(struct rig_listener **out, const struct rig_listen_cfg *cfg,
                              struct stn_err *err);
void rig_listen_close(struct rig_listener *l);

/* poll() integration: fills up to room entries (at most RIG_LISTEN_MAX_FDS) and returns
 * how many; after poll() hand the same entries back to rig_listen_events. */
int rig_listen_fds(struct rig_listener *l, struct pollfd *fds, int room);
void rig_listen_events(struct rig_listener *l, const struct pollfd *fds, int n, long now_ms);
/* Milliseconds until the next deadline (-1: none); rig_listen_tick acts on the due ones. */
long rig_listen_timeout(const struct rig_listener *l, long now_ms);
void rig_listen_tick(struct rig_listener *l, long now_ms);

struct rig_request {
    unsigned id;      /* the connection, for rig_listen_reply */
    const char *body; /* the frame's JSON, NUL-terminated; valid until the reply */
    size_t len;
    long arrived_us; /* CLOCK_MONOTONIC when its last byte was read */
    char peer[64];   /* "127.0.0.1:50312", "unix" */
};

/* The oldest complete frame not yet handed out: 1 with *out filled, 0 when none. */
int rig_listen_next(struct rig_listener *l, struct rig_request *out, long now_ms);
/* Replies to a frame handed out and closes its connection. A connection that is gone, or
 * was answered NOT_CONFIRMED meanwhile, takes nothing. */
void rig_listen_reply(struct rig_listener *l, unsigned id, const char *json);
/* 1 while the connection of a frame handed out still waits for its reply. */
int rig_listen_waiting(const struct rig_listener *l, unsigned id);

struct rig_listen_stats {
    int open;              /* connections open now */
    long accepted, frames; /* since the start */
    long refused;          /* error replies the listener gave itself (frames, time, address) */
    char addr[128];        /* what it listens on */
};
void rig_listen_stats(const struct rig_listener *l, struct rig_listen_stats *out);

#endif
