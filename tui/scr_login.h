/* tui/scr_login.h — the login screen: a badge, then the PIN when core asks for one. */
#ifndef STN_TUI_SCR_LOGIN_H
#define STN_TUI_SCR_LOGIN_H

struct tui_app;

/* The login screen's state (scr_login.c only). */
struct tui_login {
    int pin; /* waiting for the PIN of badge */
    char badge[33];
};

/* Back to the badge prompt, forgetting a badge that waits for its PIN. */
void tui_login_reset(struct tui_app *a);

#endif
