/* tests/tools/logsink.c — a syslog receiver for the terminal tests.
 *
 *   logsink SOCKET OUTFILE [TIMEOUT_S]
 *
 * Binds a Unix datagram socket at SOCKET (the path syslog(3) sends to, /dev/log, is
 * pointed at it by the test), appends every message received to OUTFILE as one line,
 * and exits on SIGTERM or after TIMEOUT_S seconds (default 600). Never waits unbounded. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    struct sockaddr_un sa;
    struct sigaction act;
    time_t end;
    FILE *out;
    int fd;

    if (argc < 3 || strlen(argv[1]) >= sizeof sa.sun_path) {
        fprintf(stderr, "usage: logsink SOCKET OUTFILE [TIMEOUT_S]\n");
        return 2;
    }
    end = time(NULL) + (argc > 3 ? atoi(argv[3]) : 600);
    memset(&act, 0, sizeof act);
    act.sa_handler = on_term;
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);

    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, argv[1], strlen(argv[1]) + 1);
    unlink(argv[1]);
    fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        perror("logsink: bind");
        return 1;
    }
    chmod(argv[1], 0666);
    out = fopen(argv[2], "a");
    if (!out) {
        perror("logsink: output");
        return 1;
    }
    while (!stop && time(NULL) < end) {
        struct pollfd p = { fd, POLLIN, 0 };
        char buf[2048];
        ssize_t n;

        if (poll(&p, 1, 200) <= 0)
            continue;
        n = recv(fd, buf, sizeof buf - 1, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
            n--;
        buf[n] = '\0';
        fprintf(out, "%s\n", buf);
        fflush(out);
    }
    fclose(out);
    close(fd);
    unlink(argv[1]);
    return 0;
}
