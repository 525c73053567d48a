/* tui/station_stub.c — temporary: replaced by the station screens and print commands. */
#include <stdio.h>

#include "tui/cli.h"

int tui_station_main(const struct cli_opts *o);

int tui_station_main(const struct cli_opts *o)
{
    (void)o;
    fprintf(stderr, "wipstation: the station screen is not built yet\n");
    return CLI_FAIL;
}

