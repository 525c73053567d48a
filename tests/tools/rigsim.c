/* tests/tools/rigsim.c — a test rig speaking the original protocol to a station: a
 * 4-byte big-endian length and UTF-8 JSON, then the reply read to the end of the
 * connection; and the drop folder's write-then-rename.
 *
 *   rigsim -a ADDR send JSON|@FILE          one message; prints the reply
 *   rigsim -a ADDR run -L LOT[,LOT...] -f FIRST -n N [-P 3|4|6] [-F K] [-R] [-k] [-D]
 *                      [-c C] [-w MS] [-r N] START and COMPLETE for units FIRST..FIRST+N-1
 *                                           of each LOT
 *                                           (every K-th out of spec, -R readings per step,
 *                                           -k message ids, -D each sent twice: the second
 *                                           reply must be the first, -c C rigs at once,
 *                                           -w MS between a rig's messages, -r N resends
 *                                           of a message refused for a passing reason, as
 *                                           rigs retry: DB_OFFLINE, DB_BUSY, UNKNOWN_OUTCOME,
 *                                           BUSY)
 *   rigsim -a ADDR bad KIND                 one malformed exchange: zero, huge (2^31),
 *                                           truncated, notjson, wrongtypes, big (10 MB sent),
 *                                           bare (no length), slow (1 byte a second), idle
 *   rigsim spool DIR NAME JSON|@FILE        writes DIR/NAME.tmp, renames it to
 *                                           DIR/pending/NAME
 *
 * ADDR is HOST:PORT or a Unix socket path. Output: "reply CODE MS TEXT" per exchange and,
 * for run, one "rigsim: key=value ..." summary line with the replies by code and the time
 * from a frame's last byte to the end of its reply (p50, p99) and messages per second.
 * Exit 0 when every reply was the one expected, 1 otherwise, 2 on a usage error. */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rig/frame.h"

#define MAX_UNITS 100000
#define REPLY_MAX 65536

static const char *addr = "127.0.0.1:9000";

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static int dial(void)
{
    int fd;

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
            return -1;
        *port++ = '\0';
        memset(&hints, 0, sizeof hints);
        hints.ai_socktype = SOCK_STREAM;
        if (getaddrinfo(host, port, &hints, &res) != 0)
            return -1;
        fd = socket(res->ai_family, SOCK_STREAM, 0);
        if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0) {
            freeaddrinfo(res);
            return fd;
        }
        freeaddrinfo(res);
    }
    if (fd >= 0)
        close(fd);
    return -1;
}

/* Sends bytes (in pieces of chunk with pause_ms between, 0: at once), then reads the reply
 * to the end; *ms is from the last byte sent to the reply's end. 0, or -1 (no connection). */
struct xfer {
    unsigned char *bytes;
    size_t n, chunk;
    long pause_ms;
    char reply[REPLY_MAX];
    double ms;
};

static int exchange(struct xfer *x)
{
    int fd = dial();
    size_t off = 0, got = 0;
    double t0;
    ssize_t k;

    x->reply[0] = '\0';
    if (fd < 0)
        return -1;
    while (off < x->n) {
        size_t c = x->chunk && x->chunk < x->n - off ? x->chunk : x->n - off;
        struct pollfd pf = { fd, POLLIN, 0 };
        if (poll(&pf, 1, 0) > 0)
            break; /* answered while sending (refused early): read it */
        k = send(fd, x->bytes + off, c, MSG_NOSIGNAL);
        if (k <= 0)
            break;
        off += (size_t)k;
        if (x->pause_ms && off < x->n)
            sleep_ms(x->pause_ms);
    }
    t0 = now_ms();
    while (got < sizeof x->reply - 1 &&
           (k = recv(fd, x->reply + got, sizeof x->reply - 1 - got, 0)) > 0)
        got += (size_t)k;
    x->reply[got] = '\0';
    x->ms = now_ms() - t0;
    close(fd);
    return 0;
}

static unsigned char *frame(const char *json, size_t *n)
{
    size_t len = strlen(json);
    unsigned char *b = malloc(len + 4);
    if (!b)
        exit(1);
    rig_frame_header((uint32_t)len, b);
    memcpy(b + 4, json, len);
    *n = len + 4;
    return b;
}

/* The reply's "code" value (static buffer). */
static const char *code_of(const char *reply)
{
    static __thread char code[40];
    const char *p = strstr(reply, "\"code\":\"");
    size_t n = 0;
    code[0] = '\0';
    if (!p)
        return reply[0] ? "?" : "NO_REPLY";
    p += 8;
    while (p[n] && p[n] != '"' && n < sizeof code - 1)
        n++;
    memcpy(code, p, n);
    code[n] = '\0';
    return code;
}

static char *read_arg(const char *arg)
{
    FILE *f;
    char *buf;
    long n;

    if (arg[0] != '@') {
        buf = strdup(arg);
        if (!buf)
            exit(1);
        return buf;
    }
    if (!(f = fopen(arg + 1, "rb"))) {
        perror(arg + 1);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = calloc(1, (size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        exit(1);
    fclose(f);
    return buf;
}

static int cmd_send(const char *arg)
{
    static struct xfer x;
    char *json = read_arg(arg);

    memset(&x, 0, sizeof x);
    x.bytes = frame(json, &x.n);
    if (exchange(&x) < 0) {
        fprintf(stderr, "rigsim: cannot connect to %s\n", addr);
        free(x.bytes);
        free(json);
        return 1;
    }
    printf("reply %s %.2f %s\n", code_of(x.reply), x.ms, x.reply);
    free(x.bytes);
    free(json);
    return strstr(x.reply, "\"status\":\"OK\"") ? 0 : 1;
}

/* ---- malformed exchanges ----------------------------------------------------------------- */
static int cmd_bad(const char *kind)
{
    static struct xfer x;
    static const char good[] = "{\"message_type\":\"START\",\"wip_id\":\"KR01PSA2511001-W0001\"}";
    unsigned char *buf = NULL;
    size_t n = 0;
    double t0 = now_ms();

    memset(&x, 0, sizeof x);
    if (!strcmp(kind, "zero")) {
        buf = calloc(1, 4), n = 4;
    } else if (!strcmp(kind, "huge")) {
        buf = calloc(1, 4), n = 4;
        rig_frame_header(0x80000000u, buf);
    } else if (!strcmp(kind, "truncated")) {
        buf = frame(good, &n);
        n -= 10; /* and the connection is not closed: the station's bound ends it */
    } else if (!strcmp(kind, "notjson")) {
        buf = frame("this is not json", &n);
    } else if (!strcmp(kind, "wrongtypes")) {
        buf = frame(
            "{\"message_type\":\"COMPLETE\",\"wip_id\":\"KR01PSA2511001-W0001\","
            "\"result\":true,\"measurements\":[{\"code\":\"measured_temp\",\"value\":\"60\"}]}",
            &n);
    } else if (!strcmp(kind, "big")) {
        n = 10u * 1024 * 1024 + 4;
        buf = malloc(n);
        rig_frame_header((uint32_t)(n - 4), buf);
        memset(buf + 4, ' ', n - 4);
    } else if (!strcmp(kind, "bare")) {
        buf = (unsigned char *)strdup(good), n = strlen(good);
    } else if (!strcmp(kind, "slow")) {
        buf = frame(good, &n);
        x.chunk = 1, x.pause_ms = 1000;
    } else if (!strcmp(kind, "idle")) {
        buf = calloc(1, 1), n = 0;
    } else {
        fprintf(stderr,
                "rigsim: bad KIND: zero huge truncated notjson wrongtypes big bare slow idle\n");
        return 2;
    }
    x.bytes = buf, x.n = n;
    if (exchange(&x) < 0) {
        fprintf(stderr, "rigsim: cannot connect to %s\n", addr);
        free(buf);
        return 1;
    }
    printf("reply %s %.0f %s\n", code_of(x.reply), now_ms() - t0, x.reply);
    free(buf);
    return strstr(x.reply, "\"status\":\"ERROR\"") ? 0 : 1;
}

/* ---- a run of units -------------------------------------------------------------------- */
struct run {
    char lots[16][32];
    int n_lots;
    int first, n, process, fail_every, readings, ids, dup, wait_ms, retries;
    long resent;
    int next;
    pthread_mutex_t mu;
    long codes_n[64];
    char codes[64][40];
    int n_codes;
    double *lat;
    int n_lat;
    int bad;
};

static void count(struct run *r, const char *code, double ms)
{
    int i;
    pthread_mutex_lock(&r->mu);
    for (i = 0; i < r->n_codes && strcmp(r->codes[i], code); i++)
        ;
    if (i == r->n_codes && r->n_codes < 64)
        snprintf(r->codes[r->n_codes++], sizeof r->codes[0], "%s", code);
    if (i < 64)
        r->codes_n[i]++;
    if (r->n_lat < 4 * MAX_UNITS)
        r->lat[r->n_lat++] = ms;
    pthread_mutex_unlock(&r->mu);
}

static void measurements(const struct run *r, int seq, char *out, size_t n)
{
    int bad = r->fail_every > 0 && seq % r->fail_every == 0;
    double t = bad ? 63.2 : 59.6 + (seq % 9) * 0.1;

    switch (r->process) {
    case 4:
        snprintf(out, n,
                 "{\"code\":\"firmware_version\",\"value\":\"1.4.%d\"},"
                 "{\"code\":\"upload_ok\",\"value\":%d,\"result\":\"%s\"}",
                 seq % 10, !bad, bad ? "FAIL" : "PASS");
        break;
    case 6:
        snprintf(out, n,
                 "{\"code\":\"measured_force\",\"value\":%.2f,\"unit\":\"kgf\","
                 "\"spec\":{\"min\":13,\"max\":17,\"target\":15}}",
                 bad ? 18.5 : 14.2 + (seq % 7) * 0.2);
        break;
    default:
        if (r->readings)
            snprintf(out, n,
                     "{\"code\":\"measured_temp\",\"unit\":\"C\",\"readings\":["
                     "{\"step\":\"25C\",\"value\":%.1f},{\"step\":\"60C\",\"value\":%.1f},"
                     "{\"step\":\"85C\",\"value\":%.1f}]},{\"code\":\"tof_i2c\",\"value\":1}",
                     t - 0.2, t, t + 0.1);
        else
            snprintf(out, n,
                     "{\"code\":\"measured_temp\",\"value\":%.1f,\"unit\":\"C\","
                     "\"spec\":{\"min\":59,\"max\":61,\"target\":60},\"result\":\"%s\"},"
                     "{\"code\":\"tof_i2c\",\"value\":1,\"result\":\"PASS\"}",
                     t, bad ? "FAIL" : "PASS");
    }
}

/* Sends one message (twice with -D: the second reply must equal the first). */
static int one(struct run *r, const char *json, const char *want)
{
    static __thread struct xfer x;
    char first[REPLY_MAX];
    int ok = 1;

    for (int k = 0; k < (r->dup ? 2 : 1); k++) {
        for (int attempt = 0;; attempt++) {
            const char *code;
            memset(&x, 0, sizeof x);
            x.bytes = frame(json, &x.n);
            if (exchange(&x) < 0)
                snprintf(x.reply, sizeof x.reply, "%s", "");
            free(x.bytes);
            code = code_of(x.reply);
            count(r, code, x.ms);
            if (attempt >= r->retries || (strcmp(code, "DB_OFFLINE") && strcmp(code, "DB_BUSY") &&
                                          strcmp(code, "UNKNOWN_OUTCOME") && strcmp(code, "BUSY") &&
                                          strcmp(code, "NO_REPLY")))
                break;
            pthread_mutex_lock(&r->mu);
            r->resent++;
            pthread_mutex_unlock(&r->mu);
            sleep_ms(200L * (attempt + 1));
        }
        if (k == 0) {
            snprintf(first, sizeof first, "%s", x.reply);
            ok = strstr(x.reply, want) != NULL;
        } else if (strcmp(first, x.reply)) {
            fprintf(stderr, "rigsim: the repeated message got another reply:\n  %s\n  %s\n", first,
                    x.reply);
            ok = 0;
        }
        if (!ok)
            fprintf(stderr, "rigsim: wanted %s, got %s\n", want, x.reply);
    }
    return ok;
}

static void *worker(void *arg)
{
    struct run *r = arg;
    char json[4096], meas[2048], wip[40], id[64];

    for (;;) {
        int i;
        int seq;
        pthread_mutex_lock(&r->mu);
        i = r->next < r->n * r->n_lots ? r->next++ : -1;
        pthread_mutex_unlock(&r->mu);
        if (i < 0)
            break;
        seq = r->first + i % r->n;
        snprintf(wip, sizeof wip, "%s-W%04d", r->lots[i / r->n], seq);
        snprintf(id, sizeof id, ",\"msg_id\":\"sim-%s-S\"", wip);
        snprintf(json, sizeof json, "{\"message_type\":\"START\",\"wip_id\":\"%s\"%s}", wip,
                 r->ids ? id : "");
        if (!one(r, json, "\"status\":\"OK\""))
            r->bad = 1;
        if (r->wait_ms)
            sleep_ms(r->wait_ms);
        measurements(r, seq, meas, sizeof meas);
        snprintf(id, sizeof id, ",\"msg_id\":\"sim-%s-C\"", wip);
        snprintf(json, sizeof json,
                 "{\"message_type\":\"COMPLETE\",\"wip_id\":\"%s\"%s,\"result\":\"%s\","
                 "\"measurements\":[%s]}",
                 wip, r->ids ? id : "",
                 r->fail_every > 0 && seq % r->fail_every == 0 ? "FAIL" : "PASS", meas);
        if (!one(r, json, "\"code\":\"COMPLETED\""))
            r->bad = 1;
        if (r->wait_ms)
            sleep_ms(r->wait_ms);
    }
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmd_run(int argc, char **argv)
{
    static struct run r;
    pthread_t th[64];
    int conc = 1, opt;
    double t0, secs;

    memset(&r, 0, sizeof r);
    r.first = 1, r.n = 50, r.process = 3;
    pthread_mutex_init(&r.mu, NULL);
    optind = 1;
    while ((opt = getopt(argc, argv, "L:f:n:P:F:Rkdc:Dw:r:")) != -1) {
        switch (opt) {
        case 'L': {
            char buf[600], *save = NULL;
            snprintf(buf, sizeof buf, "%s", optarg);
            for (char *t = strtok_r(buf, ",", &save); t && r.n_lots < 16;
                 t = strtok_r(NULL, ",", &save))
                snprintf(r.lots[r.n_lots++], sizeof r.lots[0], "%s", t);
            break;
        }
        case 'f': r.first = atoi(optarg); break;
        case 'n': r.n = atoi(optarg); break;
        case 'P': r.process = atoi(optarg); break;
        case 'F': r.fail_every = atoi(optarg); break;
        case 'R': r.readings = 1; break;
        case 'k': r.ids = 1; break;
        case 'D': r.dup = 1; break;
        case 'c': conc = atoi(optarg); break;
        case 'w': r.wait_ms = atoi(optarg); break;
        case 'r': r.retries = atoi(optarg); break;
        default: return 2;
        }
    }
    if (!r.n_lots || r.n < 1 || r.n * r.n_lots > MAX_UNITS || conc < 1 || conc > 64) {
        fprintf(stderr, "rigsim run: -L LOT required; -n 1..%d; -c 1..64\n", MAX_UNITS);
        return 2;
    }
    r.lat = calloc(4 * MAX_UNITS, sizeof *r.lat);
    t0 = now_ms();
    for (int i = 0; i < conc; i++)
        pthread_create(&th[i], NULL, worker, &r);
    for (int i = 0; i < conc; i++)
        pthread_join(th[i], NULL);
    secs = (now_ms() - t0) / 1e3;
    qsort(r.lat, (size_t)r.n_lat, sizeof *r.lat, cmp_double);
    printf("rigsim: units=%d messages=%d resent=%ld seconds=%.2f rate=%.0f p50_ms=%.3f "
           "p99_ms=%.3f ok=%d codes=",
           r.n * r.n_lots, r.n_lat, r.resent, secs, r.n_lat / (secs > 0 ? secs : 1),
           r.n_lat ? r.lat[r.n_lat / 2] : 0, r.n_lat ? r.lat[(r.n_lat * 99) / 100] : 0, !r.bad);
    for (int i = 0; i < r.n_codes; i++)
        printf("%s%s:%ld", i ? "," : "", r.codes[i], r.codes_n[i]);
    printf("\n");
    free(r.lat);
    return r.bad ? 1 : 0;
}

/* ---- the drop folder --------------------------------------------------------------------- */
static int cmd_spool(const char *dir, const char *name, const char *arg)
{
    char tmp[4096], dst[4096];
    char *json = read_arg(arg);
    FILE *f;

    snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, name);
    snprintf(dst, sizeof dst, "%s/pending/%s", dir, name);
    if (!(f = fopen(tmp, "wb")) || fputs(json, f) < 0 || fclose(f) != 0 || rename(tmp, dst) != 0) {
        fprintf(stderr, "rigsim: cannot write %s: %s\n", dst, strerror(errno));
        free(json);
        return 1;
    }
    free(json);
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1;

    signal(SIGPIPE, SIG_IGN);
    if (i + 1 < argc && !strcmp(argv[i], "-a")) {
        addr = argv[i + 1];
        i += 2;
    }
    if (i < argc && !strcmp(argv[i], "send") && i + 1 < argc)
        return cmd_send(argv[i + 1]);
    if (i < argc && !strcmp(argv[i], "bad") && i + 1 < argc)
        return cmd_bad(argv[i + 1]);
    if (i < argc && !strcmp(argv[i], "run"))
        return cmd_run(argc - i, argv + i);
    if (i < argc && !strcmp(argv[i], "spool") && i + 3 < argc)
        return cmd_spool(argv[i + 1], argv[i + 2], argv[i + 3]);
    fprintf(stderr, "usage: rigsim [-a ADDR] send JSON|@FILE | run -L LOT [-f F] [-n N] [-P P] "
                    "[-F K] [-R] [-k] [-D] [-c C] [-w MS] [-r N] | bad KIND | "
                    "spool DIR NAME JSON|@FILE\n");
    return 2;
}
