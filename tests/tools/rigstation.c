/* tests/tools/rigstation.c — a station without a screen, for the rig tests and the
 * benchmark: the same rig service (rig/service.h) the terminal station runs, in the same
 * kind of poll() loop, with an operator logged in by badge. It reconnects by itself when
 * the database goes away (the service is told, and reads the drop folder again after).
 *
 *   rigstation -c CONNINFO -s STATION -p PROCESS [-b BADGE] [-l ADDR] [-d SPOOL] [-m]
 *              [-t SECONDS] [-q]
 *
 * -b the operator (OP-0001; "-" for nobody logged in), -l/-d the listener and drop
 * folder as [rig] listen/spool, -m COMPLETE waits for the operator (read from stdin:
 * "OK", "FAIL DEFECT", "CANCEL"), else recorded at once; -t stop after SECONDS; -q no
 * line per event. Prints "event KIND CODE UNIT FROM ACK_US" per event, "ready" once
 * listening, "db offline" / "db online" on changes, and "rigstation: key=value ..." at
 * the end (SIGTERM or -t). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/db.h"
#include "core/routing.h"
#include "rig/service.h"

static volatile sig_atomic_t stop;
static int quiet;
static long events[6];

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static const char *kind_name(enum rig_ev_kind k)
{
    static const char *const n[] = { "RECORDED", "NOTHING", "REPLAY",
                                     "AWAITING", "REFUSED", "REJECTED" };
    return (unsigned)k < 6 ? n[k] : "?";
}

struct app {
    struct core_db *db;
    int online;
    struct core_actor actor;
    struct rig_service *svc;
};

static void on_event(void *ctx, const struct rig_event *ev)
{
    struct app *a = ctx;
    events[ev->kind]++;
    if (ev->rc == STN_E_DB_CONN || (a->db && !core_db_connected(a->db)))
        a->online = 0;
    if (!quiet)
        printf("event %s %s %s %s %ld\n", kind_name(ev->kind), rig_code_name(ev->code),
               ev->msg ? ev->msg->unit.text : "-", ev->from ? ev->from : "-", ev->ack_us);
    fflush(stdout);
}

static int login(struct app *a, const char *badge, const char *station, int process)
{
    struct core_user u;
    struct core_refusal why;
    struct stn_err err;
    const char *pin = !strncmp(badge, "MG", 2) ? "1234" : !strncmp(badge, "AD", 2) ? "9999" : NULL;

    if (core_auth_login(a->db, badge, pin, station, 0, &u, &why, &err) != STN_OK) {
        fprintf(stderr, "rigstation: login %s: %s %s\n", badge, core_reason_name(why.code),
                err.msg);
        return -1;
    }
    a->actor.user_id = u.id;
    a->actor.role = u.role;
    snprintf(a->actor.name, sizeof a->actor.name, "%s", u.full_name);
    snprintf(a->actor.station_id, sizeof a->actor.station_id, "%s", station);
    a->actor.process = process;
    core_equipment_find(a->db, "", process, &a->actor.equipment_id, &err);
    return 0;
}

/* The operator's answers in -m mode, one a line on stdin. */
static void operator_line(struct app *a, char *line)
{
    struct core_refusal why;
    enum core_result fail_res = CORE_RES_FAIL;
    enum stn_code rc;

    line[strcspn(line, "\r\n")] = '\0';
    if (!strcmp(line, "CANCEL")) {
        rig_service_reject(a->svc);
        return;
    }
    if (!strncmp(line, "FAIL ", 5))
        rc = rig_service_confirm(a->svc, &fail_res, line + 5, &why);
    else if (!strcmp(line, "PASS")) {
        enum core_result pass = CORE_RES_PASS;
        rc = rig_service_confirm(a->svc, &pass, NULL, &why);
    } else
        rc = rig_service_confirm(a->svc, NULL, NULL, &why);
    if (rc != STN_OK)
        printf("confirm %s %s\n", stn_code_str(rc), core_reason_name(why.code));
    fflush(stdout);
}

static void reconnect(struct app *a, long *next_try)
{
    struct stn_err err;
    if (now_ms() < *next_try)
        return;
    if (core_db_reconnect(a->db, &err) == STN_OK) {
        core_routing_invalidate(a->db);
        a->online = 1;
        rig_service_set_db(a->svc, a->db, 1);
        rig_service_reconnected(a->svc);
        printf("db online\n");
        fflush(stdout);
    } else {
        *next_try = now_ms() + 500;
    }
}

static void loop(struct app *a, int manual, double seconds)
{
    long end = seconds > 0 ? now_ms() + (long)(seconds * 1000) : 0, next_try = 0;
    int was_online = 1;

    while (!stop && (!end || now_ms() < end)) {
        struct pollfd fds[RIG_SERVICE_MAX_FDS + 1];
        long t = rig_service_timeout(a->svc, now_ms());
        int n, in = -1;
        if (!a->online) {
            if (was_online) {
                printf("db offline\n");
                fflush(stdout);
                rig_service_set_db(a->svc, a->db, 0);
            }
            reconnect(a, &next_try);
        }
        was_online = a->online;
        n = rig_service_fds(a->svc, fds, RIG_SERVICE_MAX_FDS);
        if (manual) {
            fds[n].fd = STDIN_FILENO, fds[n].events = POLLIN, fds[n].revents = 0;
            in = n++;
        }
        if (t < 0 || t > 200)
            t = 200;
        if (poll(fds, (nfds_t)n, (int)t) < 0 && errno != EINTR)
            break;
        rig_service_events(a->svc, fds, in >= 0 ? in : n, now_ms());
        if (in >= 0 && fds[in].revents) {
            char line[128];
            if (!fgets(line, sizeof line, stdin))
                manual = 0;
            else
                operator_line(a, line);
        }
        rig_service_step(a->svc, now_ms());
    }
}

int main(int argc, char **argv)
{
    const char *conninfo = "", *station = "RIG-01", *badge = "OP-0001", *listen = "", *spool = "";
    int process = 3, manual = 0, opt;
    double seconds = 0;
    struct app a;
    struct stn_err err;
    struct rig_service_status st;

    while ((opt = getopt(argc, argv, "c:s:p:b:l:d:mt:q")) != -1) {
        switch (opt) {
        case 'c': conninfo = optarg; break;
        case 's': station = optarg; break;
        case 'p': process = atoi(optarg); break;
        case 'b': badge = optarg; break;
        case 'l': listen = optarg; break;
        case 'd': spool = optarg; break;
        case 'm': manual = 1; break;
        case 't': seconds = atof(optarg); break;
        case 'q': quiet = 1; break;
        default:
            fprintf(stderr, "usage: rigstation -c CONNINFO -s STATION -p PROCESS [-b BADGE|-] "
                            "[-l ADDR] [-d SPOOL] [-m] [-t SECONDS] [-q]\n");
            return 2;
        }
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    memset(&a, 0, sizeof a);
    if (core_db_open_conninfo(&a.db, conninfo, station, &err) != STN_OK) {
        fprintf(stderr, "rigstation: %s\n", err.msg);
        core_db_close(a.db);
        return 1;
    }
    a.online = 1;
    if (strcmp(badge, "-") && login(&a, badge, station, process) < 0) {
        core_db_close(a.db);
        return 1;
    }
    {
        struct rig_service_cfg cfg = {
            listen, "", spool, 65536, 2000, 16, !manual, 30000, station
        };
        if (rig_service_open(&a.svc, &cfg, on_event, &a, &err) != STN_OK) {
            fprintf(stderr, "rigstation: %s\n", err.msg);
            core_db_close(a.db);
            return 1;
        }
    }
    rig_service_set_db(a.svc, a.db, 1);
    if (strcmp(badge, "-"))
        rig_service_set_actor(a.svc, &a.actor);
    printf("ready\n");
    fflush(stdout);
    loop(&a, manual, seconds);
    rig_service_status(a.svc, &st);
    printf("rigstation: messages=%ld recorded=%ld refused=%ld replays=%ld waiting_files=%d "
           "round_trips=%ld\n",
           st.messages, st.recorded, st.refused, events[RIG_EV_REPLAY], st.files_waiting,
           core_db_round_trips(a.db));
    rig_service_close(a.svc);
    core_db_close(a.db);
    return 0;
}
