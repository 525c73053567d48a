/* tools/demo-printer.c — the demo's fake Zebra printer: listens on 127.0.0.1, keeps
 * each job (one connection) as DIR/STATION-YYYYMMDD-HHMMSS-NNNN.zpl (label-... without
 * STATION), and prints one line per label. Named by station and time, so the labels of
 * demos running side by side, or of an earlier run, never overwrite each other.
 *   demo-printer DIR PORTFILE [STATION]
 * It stops on SIGTERM/SIGINT (make demo stops it by PID) or after 12 idle hours. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IDLE_LIMIT_MS (12L * 3600 * 1000)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int listen_local(char *portfile)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    FILE *f;
    char tmp[4200];

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 8) ||
        getsockname(fd, (struct sockaddr *)&a, &len))
        return -1;
    snprintf(tmp, sizeof tmp, "%s.tmp", portfile);
    if (!(f = fopen(tmp, "w")))
        return -1;
    fprintf(f, "%d\n", ntohs(a.sin_port));
    fclose(f);
    return rename(tmp, portfile) ? -1 : fd;
}

/* Copies one job into its file; bounded by 10 s of silence. */
static void take_job(int c, const char *dir, const char *station, int n)
{
    char path[4200], buf[8192], when[32];
    struct pollfd p = { c, POLLIN, 0 };
    time_t now = time(NULL);
    struct tm tm;
    FILE *f;
    long total = 0;
    ssize_t r;

    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s-%04d.zpl", dir, station, when, n);
    if (!(f = fopen(path, "wbx"))) /* never over an earlier label */
        snprintf(path, sizeof path, "%s/%s-%s-%04d-%ld.zpl", dir, station, when, n, (long)getpid());
    if (!f && !(f = fopen(path, "wb")))
        return;
    while (!stop && poll(&p, 1, 10000) > 0 && (r = read(c, buf, sizeof buf)) > 0) {
        fwrite(buf, 1, (size_t)r, f);
        total += r;
    }
    fclose(f);
    printf("demo-printer: %s (%ld bytes)\n", path, total);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    int fd, n = 0;
    long idle = 0;

    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: demo-printer DIR PORTFILE [STATION]\n");
        return 2;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    if ((fd = listen_local(argv[2])) < 0) {
        perror("demo-printer");
        return 1;
    }
    while (!stop && idle < IDLE_LIMIT_MS) {
        struct pollfd p = { fd, POLLIN, 0 };
        int r = poll(&p, 1, 1000);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0) {
            idle += 1000;
            continue;
        }
        idle = 0;
        {
            int c = accept(fd, NULL, NULL);
            if (c >= 0) {
                take_job(c, argv[1], argc == 4 ? argv[3] : "label", ++n);
                close(c);
            }
        }
    }
    close(fd);
    return 0;
}
