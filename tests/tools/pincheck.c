/* tests/tools/pincheck.c — crypt(3) of a PIN with the setting (algorithm and salt) of a
 * stored hash, as a station computes it before wip_login() compares (core/auth.c): the
 * tests check with it that a PIN an administrator set is the one a station accepts.
 *
 *   pincheck PIN SETTING     prints crypt(PIN, SETTING); exit 1 when libcrypt refuses */
#include <crypt.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct crypt_data cd;
    const char *h;

    if (argc != 3) {
        fprintf(stderr, "usage: pincheck PIN SETTING\n");
        return 2;
    }
    memset(&cd, 0, sizeof cd);
    h = crypt_r(argv[1], argv[2], &cd);
    if (!h || h[0] == '*')
        return 1;
    puts(h);
    return 0;
}
