/* tests/unit/test_riglisten.c — the rig listener (rig/listen.h) on a real Unix socket
 * and on 127.0.0.1, driven by a small poll() loop: one frame per connection, the reply
 * read to the end of the connection, and every malformed, oversized, stalled or idle
 * connection answered and closed within its bound while others are served. Rigs are
 * threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rig/frame.h"
#include "rig/listen.h"

static char sock_path[108];
static struct rig_listener *cur; /* closed by the teardown when a test fails */

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* ---- a rig: a thread that sends bytes (with pauses) and reads the reply to EOF ---------- */
struct rig {
    pthread_t th;
    const unsigned char *bytes;
    size_t n;
    size_t chunk;   /* send this many at a time (0: all) */
    long pause_ms;  /* between chunks */
    int half_close; /* shut the sending side down after the bytes */
    long start_ms, end_ms;
    char reply[4096];
    int send_failed;
};

static int rig_connect(void)
{
    struct sockaddr_un sa;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock_path);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

static void *rig_run(void *arg)
{
    struct rig *r = arg;
    int fd = rig_connect();
    size_t off = 0, got = 0;
    ssize_t k;

    r->start_ms = now_ms();
    while (off < r->n) {
        size_t c = r->chunk && r->chunk < r->n - off ? r->chunk : r->n - off;
        struct pollfd pf = { fd, POLLIN, 0 };
        if (r->pause_ms && poll(&pf, 1, 0) > 0)
            break; /* answered already: read it, as a rig reading while it sends does */
        k = send(fd, r->bytes + off, c, MSG_NOSIGNAL);
        if (k <= 0) {
            r->send_failed = 1;
            break;
        }
        off += (size_t)k;
        if (r->pause_ms && off < r->n)
            sleep_ms(r->pause_ms);
    }
    if (r->half_close)
        shutdown(fd, SHUT_WR);
    while (got < sizeof r->reply - 1 &&
           (k = recv(fd, r->reply + got, sizeof r->reply - 1 - got, 0)) > 0)
        got += (size_t)k;
    r->reply[got] = '\0';
    r->end_ms = now_ms();
    close(fd);
    return NULL;
}

static void rig_go(struct rig *r, const void *bytes, size_t n)
{
    r->bytes = bytes;
    r->n = n;
    assert_int_equal(pthread_create(&r->th, NULL, rig_run, r), 0);
}

static unsigned char *framed(const char *json, size_t *n)
{
    size_t len = strlen(json);
    unsigned char *b = malloc(len + 4);
    rig_frame_header((uint32_t)len, b);
    memcpy(b + 4, json, len);
    *n = len + 4;
    return b;
}

/* ---- the station's side ---------------------------------------------------------------- */
static struct rig_listener *listener(int max_conns, int frame_ms, int await_ms)
{
    struct rig_listen_cfg cfg = { sock_path, "", 1024, frame_ms, await_ms, max_conns };
    struct rig_listener *l;
    struct stn_err err;
    if (rig_listen_open(&l, &cfg, &err) != STN_OK) {
        print_error("open: %s\n", err.msg);
        fail();
    }
    return cur = l;
}

/* Runs the loop for ms; replies to every frame with echo (when echo) and counts them. */
static int pump(struct rig_listener *l, long ms, int echo)
{
    long end = now_ms() + ms;
    int frames = 0;

    while (now_ms() < end) {
        struct pollfd fds[RIG_LISTEN_MAX_FDS];
        struct rig_request rq;
        long t = rig_listen_timeout(l, now_ms());
        int n = rig_listen_fds(l, fds, RIG_LISTEN_MAX_FDS);
        if (t < 0 || t > 20)
            t = 20;
        poll(fds, (nfds_t)n, (int)t);
        rig_listen_events(l, fds, n, now_ms());
        rig_listen_tick(l, now_ms());
        while (echo && rig_listen_next(l, &rq, now_ms())) {
            char buf[1200];
            snprintf(buf, sizeof buf, "{\"status\":\"OK\",\"echo\":%s}", rq.body);
            rig_listen_reply(l, rq.id, buf);
            frames++;
        }
    }
    return frames;
}

static int setup(void **state)
{
    (void)state;
    snprintf(sock_path, sizeof sock_path, "/tmp/wip-riglisten-%d.sock", (int)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rig_listen_close(cur);
    cur = NULL;
    return 0;
}

static void reply_has(const struct rig *r, const char *what)
{
    if (!strstr(r->reply, what)) {
        print_error("reply '%s' lacks '%s'\n", r->reply, what);
        fail();
    }
}

static void one_frame_one_reply(void **state)
{
    struct rig_listener *l = listener(4, 2000, 5000);
    struct rig r = { 0 };
    size_t n;
    unsigned char *b = framed("{\"message_type\":\"START\"}", &n);

    (void)state;
    rig_go(&r, b, n);
    assert_int_equal(pump(l, 300, 1), 1);
    pthread_join(r.th, NULL);
    assert_string_equal(r.reply, "{\"status\":\"OK\",\"echo\":{\"message_type\":\"START\"}}");
    free(b);
    rig_listen_close(l);
    cur = NULL;
    assert_int_not_equal(access(sock_path, F_OK), 0); /* the socket file is removed */
}

static void refused_frames(void **state)
{
    static const unsigned char zero[4] = { 0, 0, 0, 0 };
    static const unsigned char huge[4] = { 0x80, 0, 0, 0 }; /* 2^31 */
    struct rig_listener *l = listener(8, 2000, 5000);
    struct rig r0 = { 0 }, r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 };
    const char *bare = "{\"message_type\":\"START\"}";
    unsigned char *big = malloc(10u * 1024 * 1024 + 4);
    size_t n;
    unsigned char *cut = framed("{\"message_type\":\"START\"}", &n);

    (void)state;
    rig_frame_header(10u * 1024 * 1024, big); /* 10 MB, all of it sent */
    memset(big + 4, '{', 10u * 1024 * 1024);
    rig_go(&r0, zero, 4);
    rig_go(&r1, huge, 4);
    rig_go(&r2, big, 10u * 1024 * 1024 + 4);
    r3.half_close = 1; /* a frame cut short, then the rig's side closed */
    rig_go(&r3, cut, n - 5);
    rig_go(&r4, bare, strlen(bare));
    assert_int_equal(pump(l, 800, 1), 0);
    pthread_join(r0.th, NULL);
    pthread_join(r1.th, NULL);
    pthread_join(r2.th, NULL);
    pthread_join(r3.th, NULL);
    pthread_join(r4.th, NULL);
    reply_has(&r0, "\"code\":\"BAD_FRAME\"");
    reply_has(&r0, "\"status\":\"ERROR\"");
    reply_has(&r1, "\"code\":\"FRAME_TOO_LARGE\"");
    reply_has(&r1, "2147483648 bytes announced");
    reply_has(&r2, "\"code\":\"FRAME_TOO_LARGE\""); /* read although 10 MB were on their way */
    reply_has(&r3, "\"code\":\"BAD_FRAME\"");
    reply_has(&r3, "ended");
    reply_has(&r4, "\"code\":\"BAD_FRAME\"");
    reply_has(&r4, "no length prefix");
    {
        struct rig_listen_stats st;
        rig_listen_stats(l, &st);
        assert_int_equal(st.refused, 5);
        assert_int_equal(st.open, 0);
    }
    free(big);
    free(cut);
    rig_listen_close(l);
    cur = NULL;
}

/* One byte a second, and a rig that connects and sends nothing: both answered TIMEOUT at
 * the bound, while a good rig connecting meanwhile is served at once. */
static void slow_and_idle(void **state)
{
    struct rig_listener *l = listener(8, 600, 5000);
    struct rig slow = { 0 }, idle = { 0 }, good = { 0 };
    size_t n, gn;
    unsigned char *b = framed("{\"message_type\":\"START\",\"x\":1}", &n);
    unsigned char *g = framed("{\"ok\":1}", &gn);
    long t0 = now_ms();

    (void)state;
    slow.chunk = 1, slow.pause_ms = 200; /* (1 s is the test's rig; 200 ms keeps it short) */
    rig_go(&slow, b, n);
    rig_go(&idle, "", 0);
    sleep_ms(100);
    rig_go(&good, g, gn);
    assert_int_equal(pump(l, 1200, 1), 1);
    pthread_join(slow.th, NULL);
    pthread_join(idle.th, NULL);
    pthread_join(good.th, NULL);
    reply_has(&good, "\"echo\":{\"ok\":1}");
    assert_true(good.end_ms - t0 < 400); /* not held up by the others */
    reply_has(&slow, "\"code\":\"TIMEOUT\"");
    reply_has(&idle, "\"code\":\"TIMEOUT\"");
    assert_true(idle.end_ms - idle.start_ms < 1000);
    assert_true(slow.end_ms - slow.start_ms < 1000);
    free(b);
    free(g);
    rig_listen_close(l);
    cur = NULL;
}

/* A frame handed out and never answered: the rig is told NOT_CONFIRMED at the bound, and a
 * late reply goes nowhere. */
static void await_bound(void **state)
{
    struct rig_listener *l = listener(4, 2000, 300);
    struct rig r = { 0 };
    struct rig_request rq;
    size_t n;
    unsigned char *b = framed("{\"a\":1}", &n);
    long end;

    (void)state;
    rig_go(&r, b, n);
    end = now_ms() + 1000;
    while (now_ms() < end && !rig_listen_next(l, &rq, now_ms()))
        pump(l, 20, 0);
    assert_true(rig_listen_waiting(l, rq.id));
    pump(l, 500, 0);
    pthread_join(r.th, NULL);
    reply_has(&r, "\"code\":\"NOT_CONFIRMED\"");
    assert_false(rig_listen_waiting(l, rq.id));
    rig_listen_reply(l, rq.id, "{\"late\":1}");
    free(b);
    rig_listen_close(l);
    cur = NULL;
}

/* More rigs than connections: the rest wait in the backlog and are all served. */
static void many_rigs(void **state)
{
    enum { N = 12 };
    struct rig_listener *l = listener(3, 2000, 5000);
    struct rig r[N];
    unsigned char *b[N];
    size_t n[N];
    char json[64];
    int served;

    (void)state;
    memset(r, 0, sizeof r);
    for (int i = 0; i < N; i++) {
        snprintf(json, sizeof json, "{\"rig\":%d}", i);
        b[i] = framed(json, &n[i]);
        rig_go(&r[i], b[i], n[i]);
    }
    served = pump(l, 800, 1);
    for (int i = 0; i < N; i++) {
        pthread_join(r[i].th, NULL);
        snprintf(json, sizeof json, "\"echo\":{\"rig\":%d}", i);
        reply_has(&r[i], json);
        free(b[i]);
    }
    assert_int_equal(served, N);
    rig_listen_close(l);
    cur = NULL;
}

static void bad_addresses(void **state)
{
    struct rig_listen_cfg cfg = { "nonsense", "", 1024, 1000, 1000, 4 };
    struct rig_listener *l, *l2;
    struct stn_err err;

    (void)state;
    assert_int_equal(rig_listen_open(&l, &cfg, &err), STN_E_CONFIG);
    cfg.addr = "127.0.0.1:9000";
    cfg.allow = "10.0.0.1 banana";
    assert_int_equal(rig_listen_open(&l, &cfg, &err), STN_E_CONFIG);
    assert_non_null(strstr(err.msg, "banana"));
    /* a live socket path is another station's */
    l = listener(2, 1000, 1000);
    cfg.addr = sock_path;
    cfg.allow = "";
    assert_int_not_equal(rig_listen_open(&l2, &cfg, &err), STN_OK);
    assert_non_null(strstr(err.msg, "in use"));
    rig_listen_close(l);
    cur = NULL;
    /* a stale one is replaced */
    {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock_path);
        assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
        close(fd);
    }
    l = listener(2, 1000, 1000);
    rig_listen_close(l);
    cur = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(one_frame_one_reply, teardown),
        cmocka_unit_test_teardown(refused_frames, teardown),
        cmocka_unit_test_teardown(slow_and_idle, teardown),
        cmocka_unit_test_teardown(await_bound, teardown),
        cmocka_unit_test_teardown(many_rigs, teardown),
        cmocka_unit_test_teardown(bad_addresses, teardown),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
