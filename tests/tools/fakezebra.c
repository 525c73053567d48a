/* tests/tools/fakezebra.c — a fake raw (port 9100) label printer for the print tests.
 *
 *   fakezebra PORTFILE OUTFILE [MAX_CONNS [TIMEOUT_S [PORT]]]
 *
 * Listens on 127.0.0.1:PORT (0 = any free port; SO_REUSEADDR, so a restarted printer
 * gets its old port back), writes the port to PORTFILE (atomically, once listening),
 * appends every byte received to OUTFILE, and exits after MAX_CONNS connections
 * (default 1) or TIMEOUT_S seconds (default 30), whichever comes first. A connection
 * ends when the client closes its side (a job is complete). Never waits unbounded. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits (bounded by the deadline) until fd is readable: 1 ready, 0 time is up. */
static int wait_readable(int fd, long deadline)
{
    struct pollfd p = { fd, POLLIN, 0 };
    long left;
    int r;

    while ((left = deadline - now_ms()) > 0) {
        r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r > 0)
            return 1;
        if (r < 0 && errno != EINTR)
            return 0;
    }
    return 0;
}

static int listen_on(int port, const char *portfile)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    char tmp[4096];
    FILE *f;
    int fd, one = 1;

    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 8) ||
        getsockname(fd, (struct sockaddr *)&a, &alen)) {
        perror("fakezebra: bind/listen");
        close(fd);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", portfile);
    if (!(f = fopen(tmp, "w")) || fprintf(f, "%d\n", ntohs(a.sin_port)) < 0 || fclose(f) ||
        rename(tmp, portfile)) {
        perror("fakezebra: portfile");
        close(fd);
        return -1;
    }
    return fd;
}

/* Copies one connection into out until the client closes it or time is up. */
static void serve(int c, FILE *out, long deadline)
{
    char buf[65536];
    ssize_t n;

    while (wait_readable(c, deadline)) {
        n = read(c, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        fwrite(buf, 1, (size_t)n, out);
        fflush(out);
    }
}

int main(int argc, char **argv)
{
    int max_conns, port, fd, c, i;
    long deadline;
    FILE *out;

    if (argc < 3) {
        fprintf(stderr, "usage: fakezebra PORTFILE OUTFILE [MAX_CONNS [TIMEOUT_S [PORT]]]\n");
        return 2;
    }
    max_conns = argc > 3 ? atoi(argv[3]) : 1;
    deadline = now_ms() + 1000L * (argc > 4 ? atoi(argv[4]) : 30);
    port = argc > 5 ? atoi(argv[5]) : 0;
    if (max_conns < 1 || max_conns > 1000 || port < 0 || port > 65535)
        return 2;
    if ((fd = listen_on(port, argv[1])) < 0)
        return 1;
    if (!(out = fopen(argv[2], "ab"))) {
        perror(argv[2]);
        close(fd);
        return 1;
    }
    for (i = 0; i < max_conns && wait_readable(fd, deadline); i++) {
        if ((c = accept(fd, NULL, NULL)) < 0)
            continue;
        serve(c, out, deadline);
        close(c);
    }
    fclose(out);
    close(fd);
    return 0;
}
