/* rig/listen.c — the rig listener: accept, read one frame, hand it out, reply, drain,
 * close; every step non-blocking and every state with a deadline (rig/listen.h).
 *
 * Closing right after the reply would lose it: bytes of the rig still unread (a frame
 * refused as too large, anything after the frame) make the kernel send a reset, which
 * can overtake the reply. So the station shuts its side down after the reply and reads
 * and discards until the rig closes, for at most DRAIN_MS. */
#include "rig/listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "rig/frame.h"
#include "rig/reply.h"

#define BACKLOG 16
#define WRITE_MS 2000 /* a reply the rig does not read */
#define DRAIN_MS 2000 /* after the reply, until the rig closes */
#define DRAIN_MAX (16u * 1024 * 1024)
#define MAX_ALLOW 16

enum state { C_FREE, C_READ, C_READY, C_TAKEN, C_WRITE, C_DRAIN };

struct conn {
    enum state st;
    int fd;
    unsigned id;
    long deadline_ms;
    struct rig_frame f;
    long arrived_us;
    unsigned long seq; /* arrival order of complete frames */
    int peer_eof;      /* the rig shut its side down (rigs that read to the end may) */
    char *out;         /* the reply being written */
    size_t out_len, out_off, drained;
    char peer[64];
};

struct allowed {
    int family;
    unsigned char a[16];
};

struct rig_listener {
    int fd;
    int is_unix;
    char path[sizeof((struct sockaddr_un *)0)->sun_path];
    struct rig_listen_cfg cfg;
    struct allowed allow[MAX_ALLOW];
    int n_allow;
    struct conn c[RIG_LISTEN_MAX_CONNS];
    int n_open;
    unsigned next_id;
    unsigned long next_seq;
    struct rig_listen_stats st;
    /* which entry of the last rig_listen_fds is which connection (-1: the listen socket) */
    int slot_of[RIG_LISTEN_MAX_FDS];
    int n_fds;
};

static long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000L + t.tv_nsec / 1000L;
}

static int nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0
               ? -1
               : 0;
}

/* ---- opening ------------------------------------------------------------------------------ */
static int parse_allow(struct rig_listener *l, const char *list, struct stn_err *err)
{
    char buf[512], *save = NULL;

    snprintf(buf, sizeof buf, "%s", list ? list : "");
    for (char *t = strtok_r(buf, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
        struct allowed *a = &l->allow[l->n_allow];
        if (l->n_allow == MAX_ALLOW)
            return stn_err_set(err, STN_E_CONFIG, "[rig] allow: more than %d addresses", MAX_ALLOW);
        if (inet_pton(AF_INET, t, a->a) == 1)
            a->family = AF_INET;
        else if (inet_pton(AF_INET6, t, a->a) == 1)
            a->family = AF_INET6;
        else
            return stn_err_set(err, STN_E_CONFIG, "[rig] allow: '%s' is not an IP address", t);
        l->n_allow++;
    }
    return STN_OK;
}

static enum stn_code open_unix(struct rig_listener *l, const char *path, struct stn_err *err)
{
    struct sockaddr_un sa;
    int probe;

    if (strlen(path) >= sizeof sa.sun_path)
        return stn_err_set(err, STN_E_CONFIG, "[rig] listen: socket path too long: %s", path);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    /* a socket file left by a station that ended is replaced; one that answers is another
     * station's */
    probe = socket(AF_UNIX, SOCK_STREAM, 0);
    if (probe >= 0 && connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0) {
        close(probe);
        return stn_err_set(err, STN_E_CONFIG, "[rig] listen: %s is in use by another process",
                           path);
    }
    if (probe >= 0)
        close(probe);
    unlink(path);
    l->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (l->fd < 0 || bind(l->fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return stn_err_set(err, STN_E_IO, "[rig] listen: cannot bind %s: %s", path,
                           strerror(errno));
    chmod(path, 0660); /* the station's account and its group (the rig's) */
    l->is_unix = 1;
    snprintf(l->path, sizeof l->path, "%s", path);
    return STN_OK;
}

static enum stn_code open_tcp(struct rig_listener *l, const char *addr, struct stn_err *err)
{
    char host[256], *port;
    struct addrinfo hints, *res = NULL;
    int one = 1, gai;

    snprintf(host, sizeof host, "%s", addr);
    port = strrchr(host, ':');
    if (!port || port == host || !port[1])
        return stn_err_set(err, STN_E_CONFIG, "[rig] listen: '%s' is not HOST:PORT or a path",
                           addr);
    *port++ = '\0';
    if (host[0] == '[' && host[strlen(host) - 1] == ']') { /* [::1]:9000 */
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    if ((gai = getaddrinfo(host, port, &hints, &res)) != 0)
        return stn_err_set(err, STN_E_CONFIG, "[rig] listen: %s: %s", addr, gai_strerror(gai));
    l->fd = socket(res->ai_family, SOCK_STREAM, 0);
    if (l->fd >= 0)
        setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (l->fd < 0 || bind(l->fd, res->ai_addr, res->ai_addrlen) < 0) {
        freeaddrinfo(res);
        return stn_err_set(err, STN_E_IO, "[rig] listen: cannot bind %s: %s", addr,
                           strerror(errno));
    }
    freeaddrinfo(res);
    return STN_OK;
}

enum stn_code rig_listen_open(struct rig_listener **out, const struct rig_listen_cfg *cfg,
                              struct stn_err *err)
{
    struct rig_listener *l = xcalloc(1, sizeof *l);
    enum stn_code rc;

    *out = NULL;
    l->fd = -1;
    l->cfg = *cfg;
    if (l->cfg.max_conns < 1 || l->cfg.max_conns > RIG_LISTEN_MAX_CONNS)
        l->cfg.max_conns = 8;
    if (l->cfg.frame_timeout_ms <= 0)
        l->cfg.frame_timeout_ms = 5000;
    if (l->cfg.await_ms <= 0)
        l->cfg.await_ms = 60000;
    l->cfg.addr = NULL, l->cfg.allow = NULL; /* the caller's strings are not kept */
    snprintf(l->st.addr, sizeof l->st.addr, "%s", cfg->addr);
    rc = parse_allow(l, cfg->allow, err);
    if (rc == STN_OK)
        rc = cfg->addr[0] == '/' ? open_unix(l, cfg->addr, err) : open_tcp(l, cfg->addr, err);
    if (rc == STN_OK && (nonblock(l->fd) < 0 || listen(l->fd, BACKLOG) < 0))
        rc = stn_err_set(err, STN_E_IO, "[rig] listen: %s: %s", cfg->addr, strerror(errno));
    if (rc != STN_OK) {
        rig_listen_close(l);
        return rc;
    }
    *out = l;
    return STN_OK;
}

static void conn_close(struct rig_listener *l, struct conn *c)
{
    if (c->st == C_FREE)
        return;
    close(c->fd);
    rig_frame_fini(&c->f);
    free(c->out);
    memset(c, 0, sizeof *c);
    c->st = C_FREE;
    c->fd = -1;
    l->n_open--;
}

void rig_listen_close(struct rig_listener *l)
{
    if (!l)
        return;
    for (int i = 0; i < RIG_LISTEN_MAX_CONNS; i++)
        if (l->c[i].st != C_FREE)
            conn_close(l, &l->c[i]);
    if (l->fd >= 0)
        close(l->fd);
    if (l->is_unix)
        unlink(l->path);
    free(l);
}

/* ---- replies -------------------------------------------------------------------------------- */
/* Starts writing text (owned from now on) and then closing. */
static void conn_reply(struct conn *c, char *text, long now_ms)
{
    free(c->out);
    c->out = text;
    c->out_len = strlen(text);
    c->out_off = 0;
    c->st = C_WRITE;
    c->deadline_ms = now_ms + WRITE_MS;
}

/* The listener's own error reply (the caller never saw the frame). */
static void conn_refuse(struct rig_listener *l, struct conn *c, enum rig_code code,
                        const char *message, long now_ms)
{
    l->st.refused++;
    conn_reply(c, rig_reply_simple(code, message, NULL), now_ms);
}

static void conn_write(struct rig_listener *l, struct conn *c, long now_ms)
{
    while (c->out_off < c->out_len) {
        ssize_t w = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        if (w <= 0) { /* the rig is gone */
            conn_close(l, c);
            return;
        }
        c->out_off += (size_t)w;
    }
    shutdown(c->fd, SHUT_WR);
    if (c->peer_eof) {
        conn_close(l, c);
        return;
    }
    c->st = C_DRAIN;
    c->deadline_ms = now_ms + DRAIN_MS;
}

/* ---- reading ------------------------------------------------------------------------------- */
static void frame_failed(struct rig_listener *l, struct conn *c, long now_ms)
{
    char msg[160];
    enum rig_frame_fault fault = c->f.fault;

    if (fault == RIG_FRAME_TOO_LARGE)
        snprintf(msg, sizeof msg, "frame too large: %lu bytes announced, at most %lu",
                 (unsigned long)c->f.len, (unsigned long)c->f.max);
    else if (fault == RIG_FRAME_BARE_JSON)
        snprintf(msg, sizeof msg,
                 "no length prefix: send a 4-byte big-endian length, then the "
                 "JSON");
    else if (fault == RIG_FRAME_EMPTY && c->f.hdr_got == 4)
        snprintf(msg, sizeof msg, "empty frame (length 0)");
    else if (fault == RIG_FRAME_EMPTY)
        snprintf(msg, sizeof msg, "the connection ended before a frame");
    else
        snprintf(msg, sizeof msg, "the connection ended %lu bytes into a frame of %lu",
                 (unsigned long)(c->f.hdr_got + c->f.got), (unsigned long)c->f.len + 4);
    conn_refuse(l, c, rig_code_of_frame(fault), msg, now_ms);
}

static void conn_read(struct rig_listener *l, struct conn *c, long now_ms)
{
    char buf[16384];

    for (;;) {
        size_t want = rig_frame_want(&c->f);
        ssize_t r;
        if (want > sizeof buf)
            want = sizeof buf;
        r = recv(c->fd, buf, want, 0);
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        if (r < 0) {
            conn_close(l, c);
            return;
        }
        if (r == 0) {
            c->peer_eof = 1;
            rig_frame_eof(&c->f);
        } else {
            rig_frame_feed(&c->f, buf, (size_t)r);
        }
        if (c->f.state == RIG_FRAME_DONE) {
            c->arrived_us = now_us();
            c->seq = ++l->next_seq;
            c->st = C_READY;
            l->st.frames++;
            return;
        }
        if (c->f.state == RIG_FRAME_FAILED) {
            frame_failed(l, c, now_ms);
            conn_write(l, c, now_ms);
            return;
        }
    }
}

/* Reads and discards: after the reply, and while a taken frame waits (to notice a rig
 * that reset its connection). */
static void conn_discard(struct rig_listener *l, struct conn *c)
{
    char buf[16384];

    for (;;) {
        ssize_t r = recv(c->fd, buf, sizeof buf, 0);
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        if (r <= 0 || (c->drained += (size_t)r) > DRAIN_MAX) {
            if (r == 0 && c->st == C_TAKEN) { /* a half-close: the rig still reads */
                c->peer_eof = 1;
                return;
            }
            conn_close(l, c);
            return;
        }
    }
}

/* ---- accepting ------------------------------------------------------------------------------ */
static int loopback(const struct sockaddr_storage *ss)
{
    static const unsigned char v6lo[16] = { [15] = 1 };
    static const unsigned char v4map[12] = { [10] = 0xff, [11] = 0xff };
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    if (ss->ss_family == AF_INET6) {
        const unsigned char *a = ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
        return !memcmp(a, v6lo, 16) || (!memcmp(a, v4map, 12) && a[12] == 127);
    }
    return 1; /* a Unix socket: its file's permissions decide */
}

static int allowed(const struct rig_listener *l, const struct sockaddr_storage *ss)
{
    if (loopback(ss))
        return 1;
    for (int i = 0; i < l->n_allow; i++) {
        const struct allowed *a = &l->allow[i];
        if (a->family == AF_INET && ss->ss_family == AF_INET &&
            !memcmp(a->a, &((const struct sockaddr_in *)ss)->sin_addr, 4))
            return 1;
        if (a->family == AF_INET6 && ss->ss_family == AF_INET6 &&
            !memcmp(a->a, ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr, 16))
            return 1;
    }
    return 0;
}

static void peer_name(const struct sockaddr_storage *ss, char *out, size_t n)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
        snprintf(out, n, "%s:%u", host, ntohs(s4->sin_port));
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host);
        snprintf(out, n, "[%s]:%u", host, ntohs(s6->sin6_port));
    } else {
        snprintf(out, n, "unix");
    }
}

static void accept_all(struct rig_listener *l, long now_ms)
{
    while (l->n_open < l->cfg.max_conns) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        struct conn *c = NULL;
        int fd = accept(l->fd, (struct sockaddr *)&ss, &sl);
        if (fd < 0)
            return; /* EAGAIN, or a connection reset before it was accepted */
        if (nonblock(fd) < 0) {
            close(fd);
            continue;
        }
        for (int i = 0; i < RIG_LISTEN_MAX_CONNS && !c; i++)
            if (l->c[i].st == C_FREE)
                c = &l->c[i];
        if (!c) { /* cannot happen while n_open < max_conns <= the table's size */
            close(fd);
            return;
        }
        memset(c, 0, sizeof *c);
        c->fd = fd;
        c->id = ++l->next_id ? l->next_id : ++l->next_id; /* never 0 */
        c->st = C_READ;
        c->deadline_ms = now_ms + l->cfg.frame_timeout_ms;
        rig_frame_init(&c->f, l->cfg.max_frame);
        peer_name(&ss, c->peer, sizeof c->peer);
        l->n_open++;
        l->st.accepted++;
        if (!allowed(l, &ss)) {
            conn_refuse(l, c, RIG_C_FORBIDDEN, NULL, now_ms);
            conn_write(l, c, now_ms);
        }
    }
}

/* ---- the loop's side ----------------------------------------------------------------------- */
int rig_listen_fds(struct rig_listener *l, struct pollfd *fds, int room)
{
    int n = 0;

    if (room <= 0)
        return 0;
    if (l->n_open < l->cfg.max_conns) { /* full: the rest wait in the backlog */
        fds[n].fd = l->fd, fds[n].events = POLLIN, fds[n].revents = 0;
        l->slot_of[n++] = -1;
    }
    for (int i = 0; i < RIG_LISTEN_MAX_CONNS && n < room; i++) {
        struct conn *c = &l->c[i];
        short ev = 0;
        switch (c->st) {
        case C_READ:
        case C_DRAIN: ev = POLLIN; break;
        case C_TAKEN: ev = c->peer_eof ? 0 : POLLIN; break;
        case C_WRITE: ev = POLLOUT; break;
        case C_FREE:
        case C_READY: break;
        }
        if (!ev)
            continue;
        fds[n].fd = c->fd, fds[n].events = ev, fds[n].revents = 0;
        l->slot_of[n++] = i;
    }
    l->n_fds = n;
    return n;
}

void rig_listen_events(struct rig_listener *l, const struct pollfd *fds, int n, long now_ms)
{
    for (int k = 0; k < n && k < l->n_fds; k++) {
        struct conn *c;
        if (!fds[k].revents)
            continue;
        if (l->slot_of[k] < 0) {
            accept_all(l, now_ms);
            continue;
        }
        c = &l->c[l->slot_of[k]];
        if (c->fd != fds[k].fd)
            continue; /* closed and reused meanwhile */
        switch (c->st) {
        case C_READ: conn_read(l, c, now_ms); break;
        case C_WRITE: conn_write(l, c, now_ms); break;
        case C_TAKEN:
        case C_DRAIN: conn_discard(l, c); break;
        case C_FREE:
        case C_READY: break;
        }
    }
    l->n_fds = 0;
}

long rig_listen_timeout(const struct rig_listener *l, long now_ms)
{
    long t = -1;
    for (int i = 0; i < RIG_LISTEN_MAX_CONNS; i++) {
        const struct conn *c = &l->c[i];
        if (c->st == C_FREE || c->st == C_READY)
            continue;
        if (t < 0 || c->deadline_ms - now_ms < t)
            t = c->deadline_ms - now_ms;
    }
    return t < 0 ? -1 : t > 0 ? t : 0;
}

void rig_listen_tick(struct rig_listener *l, long now_ms)
{
    for (int i = 0; i < RIG_LISTEN_MAX_CONNS; i++) {
        struct conn *c = &l->c[i];
        char msg[120];
        if (c->st == C_FREE || c->st == C_READY || now_ms < c->deadline_ms)
            continue;
        switch (c->st) {
        case C_READ:
            snprintf(msg, sizeof msg, "no complete frame within %d ms (%lu bytes arrived)",
                     l->cfg.frame_timeout_ms, (unsigned long)(c->f.hdr_got + c->f.got));
            conn_refuse(l, c, RIG_C_TIMEOUT, msg, now_ms);
            conn_write(l, c, now_ms);
            break;
        case C_TAKEN:
            l->st.refused++;
            conn_reply(c, rig_reply_simple(RIG_C_NOT_CONFIRMED, NULL, NULL), now_ms);
            conn_write(l, c, now_ms);
            break;
        case C_WRITE:
        case C_DRAIN: conn_close(l, c); break;
        case C_FREE:
        case C_READY: break;
        }
    }
}

int rig_listen_next(struct rig_listener *l, struct rig_request *out, long now_ms)
{
    struct conn *best = NULL;

    for (int i = 0; i < RIG_LISTEN_MAX_CONNS; i++)
        if (l->c[i].st == C_READY && (!best || l->c[i].seq < best->seq))
            best = &l->c[i];
    if (!best)
        return 0;
    best->st = C_TAKEN;
    best->deadline_ms = now_ms + l->cfg.await_ms;
    out->id = best->id;
    out->body = rig_frame_body(&best->f, &out->len);
    out->arrived_us = best->arrived_us;
    snprintf(out->peer, sizeof out->peer, "%s", best->peer);
    return 1;
}

/* The connection of a frame handed out, or -1. */
static int taken(const struct rig_listener *l, unsigned id)
{
    for (int i = 0; i < RIG_LISTEN_MAX_CONNS; i++)
        if (l->c[i].st == C_TAKEN && l->c[i].id == id)
            return i;
    return -1;
}

void rig_listen_reply(struct rig_listener *l, unsigned id, const char *json)
{
    int i = taken(l, id);
    long now_ms = now_us() / 1000;
    struct conn *c;

    if (i < 0)
        return;
    c = &l->c[i];
    conn_reply(c, xstrdup(json), now_ms);
    conn_write(l, c, now_ms); /* a reply fits the socket's buffer: usually sent at once */
}

int rig_listen_waiting(const struct rig_listener *l, unsigned id)
{
    return taken(l, id) >= 0;
}

void rig_listen_stats(const struct rig_listener *l, struct rig_listen_stats *out)
{
    *out = l->st;
    out->open = l->n_open;
}
