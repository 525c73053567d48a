/* tui/app.h — the full-screen station, as the command line starts it. */
#ifndef STN_TUI_APP_H
#define STN_TUI_APP_H

struct core_cfg;

/* Runs the station on cfg (loaded by the caller, which keeps it) until it is ended:
 * EXIT_SUCCESS, or EXIT_FAILURE when there is no terminal to run it on. */
int tui_station_main(struct core_cfg *cfg);

#endif
