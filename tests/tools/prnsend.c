/* tests/tools/prnsend.c — drives print/cups.c for the print tests.
 *
 *   prnsend [-s SERVER] [-w WAIT_S] QUEUE FILE
 *
 * Submits FILE's bytes with prn_submit(), follows the job with prn_job_poll() every
 * 50 ms, and prints one line:
 *   state=COMPLETED job=7 bytes=812 submit_ms=9 final_ms=96 polls=3 max_poll_ms=2 msg=...
 * final_ms counts from the start of prn_submit() to the final state; max_poll_ms is
 * the longest single prn_job_poll() step. Exit 0 only when the job COMPLETED. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "print/print.h"

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int read_file(const char *path, struct prn_buf *b)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 20;

    b->len = 0;
    if (!f || !(b->data = malloc(cap))) {
        perror(path);
        if (f)
            fclose(f);
        return -1;
    }
    b->len = fread(b->data, 1, cap, f);
    fclose(f);
    return 0;
}

static int follow(struct prn_job *job, long t0, long t1, size_t bytes)
{
    struct timespec pause = { 0, 50 * 1000 * 1000 };
    char msg[PRN_ERR_LEN];
    long max_poll = 0, t, d;
    enum prn_state s;
    int polls = 0;

    for (;;) {
        t = now_ms();
        s = prn_job_poll(job, msg, sizeof msg);
        d = now_ms() - t;
        max_poll = d > max_poll ? d : max_poll;
        polls++;
        if (s == PRN_COMPLETED || s == PRN_FAILED || s == PRN_TIMEOUT)
            break;
        nanosleep(&pause, NULL);
    }
    printf("state=%s job=%d bytes=%zu submit_ms=%ld final_ms=%ld polls=%d max_poll_ms=%ld "
           "msg=%s\n",
           prn_state_name(s), prn_job_id(job), bytes, t1 - t0, now_ms() - t0, polls, max_poll, msg);
    return s == PRN_COMPLETED ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *server = "";
    struct prn_job *job = NULL;
    struct prn_buf b = { NULL, 0 };
    struct stn_err err;
    int wait_s = 10, c, rc;
    long t0, t1;

    while ((c = getopt(argc, argv, "s:w:")) != -1) {
        if (c == 's')
            server = optarg;
        else if (c == 'w')
            wait_s = atoi(optarg);
        else
            return 2;
    }
    if (argc - optind != 2) {
        fprintf(stderr, "usage: prnsend [-s SERVER] [-w WAIT_S] QUEUE FILE\n");
        return 2;
    }
    if (read_file(argv[optind + 1], &b))
        return 2;
    t0 = now_ms();
    rc = prn_submit(server, argv[optind], "prnsend", &b, wait_s, &job, &err) != STN_OK;
    t1 = now_ms();
    if (rc) {
        printf("state=REFUSED submit_ms=%ld msg=%s\n", t1 - t0, err.msg);
        prn_buf_free(&b);
        return 1;
    }
    rc = follow(job, t0, t1, b.len);
    prn_job_free(job);
    prn_buf_free(&b);
    return rc;
}
