/* print/cups.c — raw jobs on CUPS queues (the only file that includes cups/cups.h).
 *
 * Bounds (nothing here waits for minutes):
 *   - prn_submit() and prn_queue_check(): PRN_SUBMIT_S in all, of which connecting to
 *     the CUPS server takes at most PRN_CONNECT_MS (a silent server: the requests give
 *     up at the deadline, checked by the httpSetTimeout callback every PRN_TICK_S);
 *   - every prn_job_poll(): one Get-Job-Attributes, at most PRN_POLL_S;
 *   - following a job: wait_s seconds from prn_submit(), then PRN_TIMEOUT (and the job
 *     is canceled, so that a label that was reported failed never comes out later).
 * A stopped queue or one that refuses jobs is refused before any job is created; a
 * queue that stops while the job waits (printer-stopped) ends the job as FAILED.
 *
 * libcups is not linked but loaded with dlopen() by the first call that needs CUPS
 * (prn_submit, prn_queue_check), and stays loaded: linked, libcups and what it brings
 * (D-Bus, systemd, Avahi, gcrypt, zstd/lzma/lz4, libm ...) would be mapped into every
 * station at start, about 1.7 MB resident, although only the stations of processes 1
 * and 7 and a supervisor's reprint ever print. cups/cups.h still gives the types and
 * prototypes. When libcups cannot be loaded, or lacks a function, every print call fails
 * with STN_E_PRINT, "printing unavailable: <why>", which the callers show. */
#include "print/print.h"

#include <cups/cups.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/status.h"
#include "print/dlib.h"

#define PRN_CONNECT_MS 3000
#define PRN_SUBMIT_S 5.0
#define PRN_POLL_S 1.0
#define PRN_TICK_S 0.25
#define PRN_WAIT_DEFAULT_S 10
#define PRN_LIBCUPS "libcups.so.2"

/* Every libcups function this file calls, resolved by cups_load(). */
/* clang-format off */
#define CUPS_FUNCS(X)                                                                        \
    X(cupsCancelDestJob) X(cupsCopyDestInfo) X(cupsCreateDestJob) X(cupsDoRequest)          \
    X(cupsEncryption) X(cupsFinishDestDocument) X(cupsFreeDestInfo) X(cupsFreeDests)        \
    X(cupsGetNamedDest) X(cupsLastError) X(cupsLastErrorString) X(cupsServer)               \
    X(cupsSetServer) X(cupsStartDestDocument) X(cupsUser) X(cupsWriteRequestData)           \
    X(httpAssembleURIf) X(httpClose) X(httpConnect2) X(httpGetFd) X(httpReconnect2)         \
    X(httpSetTimeout) X(ippAddString) X(ippAddStrings) X(ippDelete) X(ippFindAttribute)     \
    X(ippGetBoolean) X(ippGetCount) X(ippGetInteger) X(ippGetString) X(ippNewRequest)       \
    X(ippPort)

CUPS_FUNCS(PRN_DL_POINTER)
static const struct prn_dl_sym cups_syms[] = { CUPS_FUNCS(PRN_DL_SYM) };
/* clang-format on */

struct prn_job {
    http_t *http;
    double io_deadline; /* for the request in progress (monotonic seconds) */
    char queue[128];
    int id;
    double deadline; /* monotonic seconds */
    int wait_s;
    int final;
    enum prn_state state;
    char msg[PRN_ERR_LEN];
};

struct printer_state {
    int state; /* ipp_pstate_t, 0 when unknown */
    int accepting;
    char message[PRN_ERR_LEN];
    char reasons[PRN_ERR_LEN];
    char device[PRN_ERR_LEN];
};

/* snprintf that may cut (messages are best effort). */
__attribute__((format(printf, 3, 4))) static void say(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

/* Loads libcups and resolves cups_syms, once; else STN_E_PRINT, "printing unavailable:
 * ...". A failure is tried again by the next call; a loaded library is never unloaded.
 * Not thread-safe (plain statics): the station and the tools print from one thread. */
static enum stn_code cups_load(struct stn_err *err)
{
    static void *lib;
    static int ready;
    enum stn_code rc;

    if (ready)
        return STN_OK;
    rc = prn_dl_load(&lib, PRN_LIBCUPS, cups_syms, sizeof cups_syms / sizeof cups_syms[0],
                     STN_E_PRINT, "printing", err);
    ready = rc == STN_OK;
    return rc;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* httpSetTimeout callback, every PRN_TICK_S of silence: keep waiting until the
 * deadline data points to, then give up (the request fails). */
static int until_deadline(http_t *http, void *data)
{
    (void)http;
    return now_s() < *(const double *)data;
}

/* A request op on the printer or job that uri names (in the attribute uri_attr), from the
 * station's user. */
static ipp_t *new_request(ipp_op_t op, const char *uri_attr, const char *uri)
{
    ipp_t *req = p_ippNewRequest(op);

    p_ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, uri_attr, NULL, uri);
    p_ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                   p_cupsUser());
    return req;
}

/* Sends req (which it frees) asking for the n attributes of want; the answer, or NULL. */
static ipp_t *ask(http_t *http, ipp_t *req, const char *const *want, int n)
{
    p_ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", n, NULL, want);
    return p_cupsDoRequest(http, req, "/");
}

static void set_deadline(http_t *http, double *deadline, double seconds)
{
    *deadline = now_s() + seconds;
    p_httpSetTimeout(http, PRN_TICK_S, until_deadline, deadline);
}

static const char *server_name(const char *server)
{
    return server && server[0] ? server : p_cupsServer();
}

/* libcups's text for the last failure ("Success" when the server just said nothing). */
static const char *cups_error(void)
{
    return p_cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE ? p_cupsLastErrorString()
                                                             : "no answer";
}

/* After a failed exchange (rc): a silent server is named as such (libcups has no text). */
static enum stn_code if_silent(enum stn_code rc, const char *server, double deadline,
                               struct stn_err *err)
{
    if (now_s() >= deadline)
        return stn_err_set(err, STN_E_PRINT, "the CUPS server %s did not answer within %.0f s",
                           server_name(server), PRN_SUBMIT_S);
    return rc;
}

/* Connects to server ("" = the CUPS default: $CUPS_SERVER, client.conf, local socket);
 * *deadline (which must outlive the connection's use) bounds every later request. */
static enum stn_code connect_server(const char *server, double *deadline, http_t **out,
                                    struct stn_err *err)
{
    p_cupsSetServer(server && server[0] ? server : NULL); /* parses host:port, /socket */
    *out = p_httpConnect2(p_cupsServer(), p_ippPort(), NULL, AF_UNSPEC, p_cupsEncryption(), 1,
                          PRN_CONNECT_MS, NULL);
    if (!*out)
        return stn_err_set(err, STN_E_PRINT,
                           "cannot connect to the CUPS server %s within %d s (is cupsd running?)",
                           server_name(server), PRN_CONNECT_MS / 1000);
    p_httpSetTimeout(*out, PRN_TICK_S, until_deadline, deadline);
    return STN_OK;
}

static void join_keywords(ipp_attribute_t *a, char *buf, size_t n)
{
    size_t len = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; a && i < p_ippGetCount(a) && len < n; i++) {
        snprintf(buf + len, n - len, "%s%s", i ? "," : "", p_ippGetString(a, i, NULL));
        len = strlen(buf);
    }
}

static void copy_text(ipp_t *resp, const char *name, char *buf, size_t n)
{
    ipp_attribute_t *a = p_ippFindAttribute(resp, name, IPP_TAG_ZERO);
    const char *s = a ? p_ippGetString(a, 0, NULL) : NULL;

    snprintf(buf, n, "%s", s ? s : "");
}

/* Get-Printer-Attributes (a missing queue is named as such). */
static enum stn_code get_printer(http_t *http, const char *queue, struct printer_state *ps,
                                 struct stn_err *err)
{
    static const char *const want[] = { "printer-state", "printer-state-message",
                                        "printer-state-reasons", "printer-is-accepting-jobs",
                                        "device-uri" };
    char uri[HTTP_MAX_URI];
    ipp_t *req, *resp;
    ipp_attribute_t *a;

    memset(ps, 0, sizeof *ps);
    p_httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", p_ippPort(),
                       "/printers/%s", queue);
    req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, "printer-uri", uri);
    resp = ask(http, req, want, (int)(sizeof want / sizeof want[0]));
    if (!resp || p_cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        enum stn_code rc;

        if (p_cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
            rc = stn_err_set(err, STN_E_PRINT, "CUPS queue \"%s\" does not exist: %s", queue,
                             cups_error());
        else
            rc = stn_err_set(err, STN_E_PRINT, "cannot query CUPS queue \"%s\": %s", queue,
                             cups_error());
        p_ippDelete(resp);
        return rc;
    }
    if ((a = p_ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
        ps->state = p_ippGetInteger(a, 0);
    if ((a = p_ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)))
        ps->accepting = p_ippGetBoolean(a, 0);
    join_keywords(p_ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD), ps->reasons,
                  sizeof ps->reasons);
    copy_text(resp, "printer-state-message", ps->message, sizeof ps->message);
    copy_text(resp, "device-uri", ps->device, sizeof ps->device);
    p_ippDelete(resp);
    return STN_OK;
}

/* A queue that cannot print now: stopped (cupsdisable) or refusing jobs (cupsreject). */
static enum stn_code queue_refuses(const char *queue, const struct printer_state *ps,
                                   struct stn_err *err)
{
    const char *m = ps->message[0] ? ps->message : ps->reasons;

    if (ps->state == IPP_PSTATE_STOPPED)
        return stn_err_set(err, STN_E_PRINT,
                           "CUPS queue \"%s\" is stopped: %s (restart it with: cupsenable %s)",
                           queue, m[0] ? m : "no reason given", queue);
    if (!ps->accepting)
        return stn_err_set(err, STN_E_PRINT,
                           "CUPS queue \"%s\" is not accepting jobs: %s (cupsaccept %s)", queue,
                           m[0] ? m : "no reason given", queue);
    return STN_OK;
}

static int send_document(http_t *http, cups_dest_t *dest, cups_dinfo_t *info, int id,
                         const char *title, const struct prn_buf *data)
{
    size_t off = 0, n;

    if (p_cupsStartDestDocument(http, dest, info, id, title, CUPS_FORMAT_RAW, 0, NULL, 1) !=
        HTTP_STATUS_CONTINUE)
        return -1;
    while (off < data->len) {
        n = data->len - off < 8192 ? data->len - off : 8192;
        if (p_cupsWriteRequestData(http, data->data + off, n) != HTTP_STATUS_CONTINUE)
            return -1;
        off += n;
    }
    return p_cupsFinishDestDocument(http, dest, info) == IPP_STATUS_OK ? 0 : -1;
}

/* Creates the job and sends the bytes; *id > 0 once a job exists (canceled on failure,
 * with a last PRN_POLL_S past the deadline for that). */
static enum stn_code create_job(http_t *http, const char *queue, const char *title,
                                const struct prn_buf *data, double *deadline, int *id,
                                struct stn_err *err)
{
    cups_dest_t *dest = NULL;
    cups_dinfo_t *info = NULL;
    enum stn_code rc = STN_E_PRINT;

    *id = 0;
    if (!(dest = p_cupsGetNamedDest(http, queue, NULL))) {
        stn_err_set(err, rc, "CUPS queue \"%s\": %s", queue, cups_error());
        goto out;
    }
    if (!(info = p_cupsCopyDestInfo(http, dest))) {
        stn_err_set(err, rc, "CUPS queue \"%s\": %s", queue, cups_error());
        goto out;
    }
    if (p_cupsCreateDestJob(http, dest, info, id, title, 0, NULL) != IPP_STATUS_OK) {
        stn_err_set(err, rc, "CUPS refused the job on \"%s\": %s", queue, cups_error());
        *id = 0;
        goto out;
    }
    if (send_document(http, dest, info, *id, title, data)) {
        stn_err_set(err, rc, "sending the label to CUPS queue \"%s\" failed: %s", queue,
                    cups_error());
        set_deadline(http, deadline, PRN_POLL_S);
        p_cupsCancelDestJob(http, dest, *id);
        goto out;
    }
    rc = STN_OK;
out:
    p_cupsFreeDestInfo(info);
    if (dest)
        p_cupsFreeDests(1, dest);
    return rc;
}

enum stn_code prn_submit(const char *server, const char *queue, const char *title,
                         const struct prn_buf *data, int wait_s, struct prn_job **out,
                         struct stn_err *err)
{
    struct printer_state ps;
    struct prn_job *job = NULL;
    double start = now_s(), deadline = start + PRN_SUBMIT_S;
    http_t *http = NULL;
    enum stn_code rc;

    *out = NULL;
    if (!queue || !queue[0] || strlen(queue) >= sizeof job->queue)
        return stn_err_set(err, STN_E_CONFIG,
                           "no printer queue configured ([printer] queue), or a name too long");
    if (!data || !data->len)
        return stn_err_set(err, STN_E_INPUT, "nothing to print");
    if ((rc = cups_load(err)) != STN_OK)
        return rc;
    if (!(job = calloc(1, sizeof *job)))
        return stn_err_set(err, STN_E_PRINT, "out of memory");
    if ((rc = connect_server(server, &deadline, &http, err)) != STN_OK ||
        (rc = get_printer(http, queue, &ps, err)) != STN_OK ||
        (rc = queue_refuses(queue, &ps, err)) != STN_OK ||
        (rc = create_job(http, queue, title && title[0] ? title : "wipstation", data, &deadline,
                         &job->id, err)) != STN_OK) {
        rc = if_silent(rc, server, deadline, err);
        goto out;
    }
    job->http = http;
    /* from now on the job's own deadline bounds its requests: the local one ends here */
    set_deadline(http, &job->io_deadline, PRN_POLL_S);
    http = NULL;
    snprintf(job->queue, sizeof job->queue, "%s", queue);
    job->wait_s = wait_s > 0 ? wait_s : PRN_WAIT_DEFAULT_S;
    job->deadline = start + job->wait_s;
    job->state = PRN_PENDING;
    *out = job;
    job = NULL;
out:
    if (http)
        p_httpClose(http);
    free(job);
    return rc;
}

int prn_job_id(const struct prn_job *job)
{
    return job ? job->id : 0;
}

static int has_reason(const char *reasons, const char *r)
{
    size_t n = strlen(r);
    const char *p = reasons;

    while ((p = strstr(p, r))) {
        if ((p == reasons || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

struct job_attrs {
    int state; /* ipp_jstate_t, 0 when unknown */
    char reasons[PRN_ERR_LEN];
    char message[PRN_ERR_LEN];
};

/* One Get-Job-Attributes request, bounded by PRN_POLL_S. */
static int get_job(struct prn_job *job, struct job_attrs *ja)
{
    static const char *const want[] = { "job-state", "job-state-reasons",
                                        "job-printer-state-message" };
    char uri[HTTP_MAX_URI];
    ipp_t *req, *resp;
    ipp_attribute_t *a;

    memset(ja, 0, sizeof *ja);
    set_deadline(job->http, &job->io_deadline, PRN_POLL_S);
    if (p_httpGetFd(job->http) < 0 && p_httpReconnect2(job->http, (int)(PRN_POLL_S * 1000), NULL))
        return -1;
    snprintf(uri, sizeof uri, "ipp://localhost/jobs/%d", job->id);
    req = new_request(IPP_OP_GET_JOB_ATTRIBUTES, "job-uri", uri);
    resp = ask(job->http, req, want, (int)(sizeof want / sizeof want[0]));
    if (!resp || p_cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        p_ippDelete(resp);
        return -1;
    }
    if ((a = p_ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)))
        ja->state = p_ippGetInteger(a, 0);
    join_keywords(p_ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD), ja->reasons,
                  sizeof ja->reasons);
    copy_text(resp, "job-printer-state-message", ja->message, sizeof ja->message);
    p_ippDelete(resp);
    return 0;
}

static void cancel_job(struct prn_job *job)
{
    char uri[HTTP_MAX_URI];
    ipp_t *req;

    set_deadline(job->http, &job->io_deadline, PRN_POLL_S);
    snprintf(uri, sizeof uri, "ipp://localhost/jobs/%d", job->id);
    req = new_request(IPP_OP_CANCEL_JOB, "job-uri", uri);
    p_ippDelete(p_cupsDoRequest(job->http, req, "/"));
}

static const char *jstate_name(int s)
{
    static const char *const names[] = { "pending",  "held",    "processing", "stopped",
                                         "canceled", "aborted", "completed" };
    return s >= IPP_JSTATE_PENDING && s <= IPP_JSTATE_COMPLETED ? names[s - IPP_JSTATE_PENDING]
                                                                : "unknown";
}

/* Maps CUPS's job state to ours; the message is CUPS's own text. */
static void job_update(struct prn_job *job, const struct job_attrs *ja)
{
    const char *m = ja->message[0] ? ja->message : ja->reasons;

    say(job->msg, sizeof job->msg, "job %d %s%s%s", job->id, jstate_name(ja->state),
        m[0] ? ": " : "", m);
    switch (ja->state) {
    case IPP_JSTATE_PENDING:
    case IPP_JSTATE_HELD:
        job->state = PRN_PENDING;
        if (has_reason(ja->reasons, "printer-stopped")) {
            say(job->msg, sizeof job->msg,
                "CUPS queue \"%s\" is stopped%s%s (restart it with: cupsenable %s); "
                "job %d canceled",
                job->queue, ja->message[0] ? ": " : "", ja->message, job->queue, job->id);
            cancel_job(job);
            job->state = PRN_FAILED;
            job->final = 1;
        }
        break;
    case IPP_JSTATE_PROCESSING: job->state = PRN_PROCESSING; break;
    case IPP_JSTATE_COMPLETED:
        say(job->msg, sizeof job->msg, "job %d completed", job->id);
        job->state = PRN_COMPLETED;
        job->final = 1;
        break;
    default: /* stopped (canceled so it cannot print later), canceled, aborted */
        if (ja->state == IPP_JSTATE_STOPPED)
            cancel_job(job);
        job->state = PRN_FAILED;
        job->final = 1;
        break;
    }
}

enum prn_state prn_job_poll(struct prn_job *job, char *msg, size_t msglen)
{
    struct job_attrs ja;

    if (!job->final) {
        if (get_job(job, &ja) == 0)
            job_update(job, &ja);
        else
            say(job->msg, sizeof job->msg, "job %d: CUPS did not answer: %s", job->id,
                cups_error());
    }
    if (!job->final && now_s() >= job->deadline) {
        char last[PRN_ERR_LEN];

        say(last, sizeof last, "%s", job->msg);
        cancel_job(job);
        say(job->msg, sizeof job->msg, "no final state after %d s, job canceled (%s)", job->wait_s,
            last);
        job->state = PRN_TIMEOUT;
        job->final = 1;
    }
    if (msg && msglen)
        say(msg, msglen, "%s", job->msg);
    return job->state;
}

enum prn_state prn_job_wait(struct prn_job *job, char *msg, size_t msglen)
{
    struct timespec pause = { 0, 100 * 1000 * 1000 };
    enum prn_state s;

    while ((s = prn_job_poll(job, msg, msglen)) != PRN_COMPLETED && s != PRN_FAILED &&
           s != PRN_TIMEOUT)
        nanosleep(&pause, NULL);
    return s;
}

void prn_job_free(struct prn_job *job)
{
    if (!job)
        return;
    if (job->http)
        p_httpClose(job->http);
    free(job);
}

const char *prn_state_name(enum prn_state s)
{
    switch (s) {
    case PRN_PENDING: return "PENDING";
    case PRN_PROCESSING: return "PROCESSING";
    case PRN_COMPLETED: return "COMPLETED";
    case PRN_FAILED: return "FAILED";
    case PRN_TIMEOUT: return "TIMEOUT";
    }
    return "FAILED";
}

enum stn_code prn_queue_check(const char *server, const char *queue, char *info, size_t infolen,
                              struct stn_err *err)
{
    struct printer_state ps;
    double deadline = now_s() + PRN_SUBMIT_S;
    http_t *http;
    enum stn_code rc;

    if (!queue || !queue[0])
        return stn_err_set(err, STN_E_CONFIG, "no printer queue configured ([printer] queue)");
    if ((rc = cups_load(err)) != STN_OK ||
        (rc = connect_server(server, &deadline, &http, err)) != STN_OK)
        return rc;
    if ((rc = get_printer(http, queue, &ps, err)) == STN_OK &&
        (rc = queue_refuses(queue, &ps, err)) == STN_OK)
        say(info, infolen, "CUPS queue \"%s\" on %s: %s, accepting jobs%s%s%s%s", queue,
            server_name(server), ps.state == IPP_PSTATE_PROCESSING ? "printing" : "idle",
            ps.device[0] ? ", device " : "", ps.device, ps.message[0] ? "; last message: " : "",
            ps.message);
    else
        rc = if_silent(rc, server, deadline, err);
    p_httpClose(http);
    return rc;
}
