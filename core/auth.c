/* core/auth.c — badge + PIN login. The station never reads a password hash: it
 * gets the hash's setting (algorithm and salt), computes crypt(3) itself, and the
 * database compares, counts failures and locks the badge (SECURITY DEFINER). */
#include "core/auth.h"

#include <crypt.h>
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/db_int.h"

/* Badges compare case-insensitively; keep an upper-case copy (NULL when too long). */
static const char *upper_badge(const char *in, char out[33])
{
    size_t n = strlen(in);
    if (n > 32)
        return in;
    for (size_t i = 0; i <= n; i++)
        out[i] = (char)(in[i] >= 'a' && in[i] <= 'z' ? in[i] - 32 : in[i]);
    return out;
}

static enum stn_code db_refusal(enum stn_code rc, struct core_refusal *why, const char *badge)
{
    core_refuse_db(why, rc, 0, badge);
    return rc;
}

enum stn_code core_auth_lookup(struct core_db *db, const char *badge, int pin_for_operators,
                               int *needs_pin, struct core_refusal *why, struct stn_err *err)
{
    char up[33];
    const char *p[1];
    struct db_pipe pp;
    enum stn_code rc;

    badge = upper_badge(badge, up);
    p[0] = badge;
    *needs_pin = 1;
    if (!core_badge_valid(badge)) {
        core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, badge, NULL, NULL);
        return STN_E_AUTH;
    }
    db_pipe_begin(&pp, db);
    db_pipe_sql(&pp, "SELECT role FROM users WHERE upper(badge_code) = upper($1) AND is_active", 1,
                p);
    db_pipe_sql(&pp,
                "SELECT setting, "
                "to_char(locked_until, 'HH24:MI') AS until"
                " FROM wip_auth_setting($1)",
                1, p);
    rc = db_pipe_sync(&pp, err);
    if (rc == STN_OK) {
        if (PQntuples(pp.res[0]) == 0) {
            core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, badge, NULL, NULL);
            rc = STN_E_AUTH;
        } else if (!db_isnull(pp.res[1], 0, "until")) {
            core_refuse(why, CORE_R_BADGE_LOCKED, 0, badge, db_str(pp.res[1], 0, "until"), NULL);
            rc = STN_E_LOCKED;
        } else {
            const char *role = db_str(pp.res[0], 0, "role");
            *needs_pin = pin_for_operators || strcmp(role, "OPERATOR") != 0;
        }
    }
    db_pipe_end(&pp);
    return rc == STN_OK || rc == STN_E_AUTH || rc == STN_E_LOCKED ? rc : db_refusal(rc, why, badge);
}

/* crypt(3) of pin with the setting of badge's hash (one round trip): what wip_login()
 * compares with the hash. "" when the badge has no hash (or the PIN is absurdly long). */
static enum stn_code computed_pin(struct core_db *db, const char *badge, const char *pin,
                                  char out[CORE_PIN_HASH_LEN * 2], struct stn_err *err)
{
    const char *p[1] = { badge };
    PGresult *r = NULL;
    enum stn_code rc;

    out[0] = '\0';
    rc = db_exec(db, "SELECT setting FROM wip_auth_setting($1)", 1, p, &r, err);
    if (rc != STN_OK)
        return rc;
    if (PQntuples(r) && !db_isnull(r, 0, "setting") && strlen(pin) <= 64) {
        struct crypt_data cd;
        char *h;
        memset(&cd, 0, sizeof cd);
        h = crypt_r(pin, db_str(r, 0, "setting"), &cd);
        if (h && h[0] != '*')
            snprintf(out, CORE_PIN_HASH_LEN * 2, "%s", h);
        memset(&cd, 0, sizeof cd);
    }
    PQclear(r);
    return STN_OK;
}

enum stn_code core_auth_login(struct core_db *db, const char *badge, const char *pin,
                              const char *station_id, int pin_for_operators, struct core_user *out,
                              struct core_refusal *why, struct stn_err *err)
{
    char up[33];
    char computed[CORE_PIN_HASH_LEN * 2] = "";
    const char *q[4] = { NULL, NULL, station_id, pin_for_operators ? "true" : "false" };
    PGresult *r;
    const char *outcome;
    enum stn_code rc = STN_OK;

    badge = upper_badge(badge, up);
    q[0] = badge;

    memset(out, 0, sizeof *out);
    if (!core_badge_valid(badge)) {
        core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, badge, NULL, NULL);
        return STN_E_AUTH;
    }
    if (pin && *pin) {
        if ((rc = computed_pin(db, badge, pin, computed, err)) != STN_OK)
            return db_refusal(rc, why, badge);
        q[1] = computed[0] ? computed : "!";
    }
    rc = db_exec(db,
                 "SELECT outcome, user_id, username, full_name, role, failed_count,"
                 " to_char(locked_until, 'HH24:MI') AS until FROM wip_login($1, $2, $3, $4)",
                 4, q, &r, err);
    if (rc != STN_OK)
        return db_refusal(rc, why, badge);
    outcome = db_str(r, 0, "outcome");
    if (!strcmp(outcome, "OK")) {
        out->id = db_ll(r, 0, "user_id");
        snprintf(out->username, sizeof out->username, "%s", db_str(r, 0, "username"));
        snprintf(out->full_name, sizeof out->full_name, "%s",
                 db_str(r, 0, "full_name")[0] ? db_str(r, 0, "full_name")
                                              : db_str(r, 0, "username"));
        core_role_parse(db_str(r, 0, "role"), &out->role);
        snprintf(out->badge, sizeof out->badge, "%s", badge);
    } else if (!strcmp(outcome, "LOCKED")) {
        core_refuse(why, CORE_R_BADGE_LOCKED, 0, badge, db_str(r, 0, "until"), NULL);
        rc = STN_E_LOCKED;
    } else if (!strcmp(outcome, "BAD_PIN")) {
        core_refuse(why, CORE_R_BAD_PIN, db_int(r, 0, "failed_count"), badge, NULL, NULL);
        rc = STN_E_AUTH;
    } else {
        core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, badge, NULL, NULL);
        rc = STN_E_AUTH;
    }
    PQclear(r);
    return rc;
}

int core_pin_valid(const char *pin)
{
    size_t n = strlen(pin);

    if (n < CORE_PIN_MIN || n > CORE_PIN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

enum stn_code core_pin_hash(const char *pin, char *out, size_t n, struct stn_err *err)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data cd;
    const char *h;

    if (n)
        out[0] = '\0';
    if (!core_pin_valid(pin))
        return stn_err_set(err, STN_E_INPUT, "PIN: %d to %d digits", CORE_PIN_MIN, CORE_PIN_MAX);
    /* "$y$" with count 0: yescrypt at libcrypt's default cost, a salt from the kernel */
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
        return stn_err_set(err, STN_E_IO, "libcrypt cannot make a yescrypt salt");
    memset(&cd, 0, sizeof cd);
    h = crypt_r(pin, salt, &cd);
    if (!h || h[0] == '*' || strlen(h) >= n) {
        memset(&cd, 0, sizeof cd);
        return stn_err_set(err, STN_E_IO, "libcrypt cannot hash the PIN with yescrypt");
    }
    memcpy(out, h, strlen(h) + 1);
    memset(&cd, 0, sizeof cd);
    return STN_OK;
}

/* The outcome of wip_station_unlock / wip_station_set_pin as a refusal (STN_OK for OK). */
static enum stn_code station_outcome(const PGresult *r, const char *admin_badge, const char *badge,
                                     struct core_station_admin *out, struct core_refusal *why)
{
    const char *o = db_str(r, 0, "outcome");

    stn_strlcpy(out->admin_name, db_str(r, 0, "admin_name"), sizeof out->admin_name);
    stn_strlcpy(out->badge_name, db_str(r, 0, "badge_name"), sizeof out->badge_name);
    out->changed = !strcmp(o, "OK");
    if (!strcmp(o, "OK") || !strcmp(o, "NOT_LOCKED"))
        return STN_OK;
    if (!strcmp(o, "LOCKED")) {
        core_refuse(why, CORE_R_BADGE_LOCKED, 0, admin_badge, db_str(r, 0, "until"), NULL);
        return STN_E_LOCKED;
    }
    if (!strcmp(o, "BAD_PIN")) {
        core_refuse(why, CORE_R_BAD_PIN, db_int(r, 0, "failed_count"), admin_badge, NULL, NULL);
        return STN_E_AUTH;
    }
    if (!strcmp(o, "NOT_ADMIN")) {
        core_refuse(why, CORE_R_ADMIN_ONLY, 0, NULL, NULL, NULL);
        return STN_E_RULE;
    }
    if (!strcmp(o, "NOT_ALLOWED")) {
        core_refuse(why, CORE_R_PIN_ADMIN_ONLY, 0, badge, out->badge_name, NULL);
        return STN_E_RULE;
    }
    core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, !strcmp(o, "UNKNOWN") ? admin_badge : badge, NULL,
                NULL);
    return STN_E_AUTH;
}

/* One approval and change: crypt(3) of the ADMIN's PIN, then the station function. */
static enum stn_code station_admin(struct core_db *db, const char *sql, const char *admin_badge,
                                   const char *admin_pin, const char *station_id, const char *badge,
                                   const char *hash, struct core_station_admin *out,
                                   struct core_refusal *why, struct stn_err *err)
{
    char ua[33], ub[33], computed[CORE_PIN_HASH_LEN * 2];
    const char *q[5];
    PGresult *r = NULL;
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    admin_badge = upper_badge(admin_badge, ua);
    badge = upper_badge(badge, ub);
    if (!core_badge_valid(admin_badge) || !core_badge_valid(badge)) {
        core_refuse(why, CORE_R_BADGE_UNKNOWN, 0, core_badge_valid(badge) ? admin_badge : badge,
                    NULL, NULL);
        return STN_E_AUTH;
    }
    if ((rc = computed_pin(db, admin_badge, admin_pin, computed, err)) != STN_OK)
        return db_refusal(rc, why, admin_badge);
    q[0] = admin_badge, q[1] = computed[0] ? computed : "!", q[2] = station_id, q[3] = badge;
    q[4] = hash;
    rc = db_exec(db, sql, hash ? 5 : 4, q, &r, err);
    memset(computed, 0, sizeof computed);
    if (rc != STN_OK)
        return db_refusal(rc, why, badge);
    rc = station_outcome(r, admin_badge, badge, out, why);
    PQclear(r);
    return rc;
}

enum stn_code core_auth_station_unlock(struct core_db *db, const char *admin_badge,
                                       const char *admin_pin, const char *station_id,
                                       const char *badge, struct core_station_admin *out,
                                       struct core_refusal *why, struct stn_err *err)
{
    return station_admin(db,
                         "SELECT outcome, admin_name, failed_count, badge_name,"
                         " to_char(locked_until, 'HH24:MI') AS until"
                         " FROM wip_station_unlock($1, $2, $3, $4)",
                         admin_badge, admin_pin, station_id, badge, NULL, out, why, err);
}

enum stn_code core_auth_station_pin(struct core_db *db, const char *admin_badge,
                                    const char *admin_pin, const char *station_id,
                                    const char *badge, const char *new_pin,
                                    struct core_station_admin *out, struct core_refusal *why,
                                    struct stn_err *err)
{
    char hash[CORE_PIN_HASH_LEN];
    enum stn_code rc;

    memset(out, 0, sizeof *out);
    if (core_pin_hash(new_pin, hash, sizeof hash, err) != STN_OK) {
        core_refuse(why, CORE_R_PIN_INVALID, 0, NULL, NULL, NULL);
        return STN_E_INPUT;
    }
    rc = station_admin(db,
                       "SELECT outcome, admin_name, failed_count, badge_name,"
                       " to_char(locked_until, 'HH24:MI') AS until"
                       " FROM wip_station_set_pin($1, $2, $3, $4, $5)",
                       admin_badge, admin_pin, station_id, badge, hash, out, why, err);
    memset(hash, 0, sizeof hash);
    return rc;
}
