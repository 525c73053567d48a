/* core/auth.h — badge and PIN login. The station never reads a password hash: the
 * database checks the PIN, counts failures and locks the badge (docs/DESIGN.md,
 * Security). */
#ifndef STN_CORE_AUTH_H
#define STN_CORE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "base/status.h"
#include "core/reason.h"
#include "core/rules.h"

struct core_db;

struct core_user {
    int64_t id;
    char username[51];
    char full_name[101];
    enum core_role role;
    char badge[33];
};

/* Whether this badge needs a PIN here (MANAGER/ADMIN always; operators when
 * pin_for_operators). STN_E_AUTH (unknown) and STN_E_LOCKED fill why. */
enum stn_code core_auth_lookup(struct core_db *db, const char *badge, int pin_for_operators,
                               int *needs_pin, struct core_refusal *why, struct stn_err *err);
/* Checks badge + PIN (pin may be NULL when none is needed). Five wrong PINs lock the
 * badge for ten minutes at every station. */
enum stn_code core_auth_login(struct core_db *db, const char *badge, const char *pin,
                              const char *station_id, int pin_for_operators, struct core_user *out,
                              struct core_refusal *why, struct stn_err *err);

/* ---- an ADMIN at a station ------------------------------------------------------------- */
struct core_station_admin {
    int changed;          /* unlock: 0 when the badge was neither locked nor counting */
    char admin_name[101]; /* the approving ADMIN */
    char badge_name[101]; /* the badge's holder */
};
/* An ADMIN at this station unlocks badge (its lock and wrong-PIN count cleared). The
 * ADMIN's badge and PIN are checked in the same database call as the change, and a wrong
 * PIN counts towards the ADMIN's lock as at a login. STN_OK; or, with why: STN_E_AUTH (an
 * unknown badge, a wrong PIN), STN_E_LOCKED (the ADMIN's badge), STN_E_RULE (not an ADMIN),
 * a database code. Audited with the ADMIN and the station. */
enum stn_code core_auth_station_unlock(struct core_db *db, const char *admin_badge,
                                       const char *admin_pin, const char *station_id,
                                       const char *badge, struct core_station_admin *out,
                                       struct core_refusal *why, struct stn_err *err);
/* The same for a new PIN (core_pin_valid) of an OPERATOR's or MANAGER's badge; an ADMIN's
 * is refused (STN_E_RULE, R_PIN_ADMIN_ONLY). */
enum stn_code core_auth_station_pin(struct core_db *db, const char *admin_badge,
                                    const char *admin_pin, const char *station_id,
                                    const char *badge, const char *new_pin,
                                    struct core_station_admin *out, struct core_refusal *why,
                                    struct stn_err *err);

/* ---- PINs ------------------------------------------------------------------------------- */
#define CORE_PIN_MIN 4
#define CORE_PIN_MAX 12
/* Bytes a PIN's hash needs (crypt(3) output). */
#define CORE_PIN_HASH_LEN 128

/* 1 when pin is CORE_PIN_MIN to CORE_PIN_MAX digits. */
int core_pin_valid(const char *pin);

/* The hash of a new PIN as stations check it (crypt(3), yescrypt with a new random salt):
 * STN_E_INPUT when the PIN is not valid, STN_E_IO when libcrypt cannot make one. */
enum stn_code core_pin_hash(const char *pin, char *out, size_t n, struct stn_err *err);

#endif
