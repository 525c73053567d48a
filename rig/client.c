/* rig/client.c — one message to a station's rig listener (rig/client.h). */
#include "rig/client.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rig/frame.h"

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static int dial(const char *addr, struct stn_err *err)
{
    int fd = -1;

    if (addr[0] == '/') {
        struct sockaddr_un sa;
        memset(&sa, 0, sizeof sa);
        sa.sun_family = AF_UNIX;
        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", addr);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
            return fd;
    } else {
        char host[256], *port;
        struct addrinfo hints, *res = NULL;
        snprintf(host, sizeof host, "%s", addr);
        port = strrchr(host, ':');
        if (!port)
            return stn_err_set(err, STN_E_CONFIG, "%s is not HOST:PORT or a path", addr), -1;
        *port++ = '\0';
        if (host[0] == '[' && host[strlen(host) - 1] == ']') {
            memmove(host, host + 1, strlen(host));
            host[strlen(host) - 1] = '\0';
        }
        memset(&hints, 0, sizeof hints);
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_NUMERICSERV;
        if (getaddrinfo(host, port, &hints, &res) != 0)
            return stn_err_set(err, STN_E_IO, "cannot resolve %s", addr), -1;
        fd = socket(res->ai_family, SOCK_STREAM, 0);
        if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0) {
            freeaddrinfo(res);
            return fd;
        }
        freeaddrinfo(res);
    }
    stn_err_set(err, STN_E_IO, "cannot connect to the station at %s: %s (is it running?)", addr,
                strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

/* Waits until fd is ready for ev or the deadline; 1 ready, 0 timed out. */
static int wait_fd(int fd, short ev, long deadline)
{
    struct pollfd p = { fd, ev, 0 };
    long left = deadline - now_ms();
    return left > 0 && poll(&p, 1, (int)left) > 0;
}

enum stn_code rig_client_send(const char *addr, const char *json, size_t len, int timeout_ms,
                              char *reply, size_t n, struct stn_err *err)
{
    long deadline = now_ms() + timeout_ms;
    unsigned char hdr[4];
    size_t off = 0, got = 0;
    int fd = dial(addr, err);

    reply[0] = '\0';
    if (fd < 0)
        return err && err->code == STN_E_CONFIG ? STN_E_CONFIG : STN_E_IO;
    if (len > RIG_FRAME_LIMIT) {
        close(fd);
        return stn_err_set(err, STN_E_INPUT,
                           "the message has %zu bytes, more than the "
                           "protocol's %u",
                           len, RIG_FRAME_LIMIT);
    }
    rig_frame_header((uint32_t)len, hdr);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    while (off < len + 4) {
        const void *p = off < 4 ? (const void *)(hdr + off) : (const void *)(json + off - 4);
        size_t k = off < 4 ? 4 - off : len + 4 - off;
        ssize_t w;
        if (!wait_fd(fd, POLLOUT | POLLIN, deadline))
            break;
        w = send(fd, p, k, MSG_NOSIGNAL);
        if (w < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (w <= 0)
            break; /* refused early (too large): the reply says why */
        off += (size_t)w;
    }
    while (got + 1 < n && wait_fd(fd, POLLIN, deadline)) {
        ssize_t r = recv(fd, reply + got, n - 1 - got, 0);
        if (r < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    reply[got] = '\0';
    close(fd);
    if (!got)
        return stn_err_set(err, STN_E_IO, "no reply from the station at %s within %d s", addr,
                           timeout_ms / 1000);
    return STN_OK;
}
