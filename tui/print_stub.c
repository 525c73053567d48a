/* tui/print_stub.c — temporary: replaced by tui/print_cli.c. */
#include <stdio.h>

#include "tui/cli.h"

int tui_print_test(const struct cli_opts *o);
int tui_print_commands(const struct cli_opts *o);

int tui_print_test(const struct cli_opts *o)
{
    (void)o;
    fprintf(stderr, "wipstation: printing is not built yet\n");
    return CLI_FAIL;
}

int tui_print_commands(const struct cli_opts *o)
{
    (void)o;
    fprintf(stderr, "wipstation: printing is not built yet\n");
    return CLI_FAIL;
}
