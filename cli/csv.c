/* cli/csv.c — one CSV field as the command line writes it (RFC 4180). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void cli_csv_field(const char *v, int last)
{
    int quote;

    if (!v)
        v = "";
    /* quoted when a reader would split or trim it otherwise */
    quote = strpbrk(v, ",\"\r\n") != NULL || (*v && (v[0] == ' ' || v[strlen(v) - 1] == ' '));
    if (quote)
        putchar('"');
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p == '"')
            fputs("\"\"", stdout);
        else if (*p < 0x20 || *p == 0x7f) /* a terminal or a spreadsheet would act on it */
            putchar('?');
        else
            putchar(*p);
    }
    if (quote)
        putchar('"');
    putchar(last ? '\n' : ',');
}
