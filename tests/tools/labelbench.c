/* tests/tools/labelbench.c — what a label with Korean text costs the station (make bench):
 * the time to draw the serial label as the station does (template, values, then the text
 * the printer's font cannot show drawn with FreeType into ^GF graphics) and its size in
 * bytes, at 203 and 300 dpi, beside the same label with Latin text.
 *
 *   labelbench TEMPLATES_DIR FONT [RUNS]
 *
 * Prints "key value" lines (tests/bench/report.sh reads them):
 *   label.<latin|korean>.<dpi>.bytes       bytes sent to the printer
 *   label.<latin|korean>.<dpi>.first_ms    the first label of the process (the Korean one
 *                                          loads libfreetype and opens the font)
 *   label.<latin|korean>.<dpi>.p50_ms / .p99_ms   over RUNS more (default 200)
 *   label.korean.rss_kb    resident memory the first Korean label added (libfreetype,
 *                          the font's touched pages, FreeType's caches) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print/glyph.h"
#include "print/print.h"
#include "tests/unit/label_fixture.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long rss_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* One label as the station draws it; returns its size, or 0 on failure. */
static size_t draw(const char *dir, const char *font, int dpi, const struct prn_label_data *d)
{
    const struct prn_style st = { dir, dpi, NULL, font, NULL };
    struct prn_buf b;
    struct stn_err err;
    size_t n;

    if (prn_label_render(&st, PRN_LABEL_SERIAL, d, &b, &err) != STN_OK) {
        fprintf(stderr, "labelbench: %s\n", err.msg);
        return 0;
    }
    n = b.len;
    prn_buf_free(&b);
    return n;
}

int main(int argc, char **argv)
{
    static const struct prn_label_data latin = {
        LABEL_FIXTURE_UNIT,
        NULL,
        NULL,
        NULL,
    };
    struct prn_label_data korean = latin;
    const char *names[2] = { "latin", "korean" };
    int runs = argc > 3 ? atoi(argv[3]) : 200, k, dpi, i;
    double *t, t0;
    long rss = 0;
    size_t n;

    if (argc < 3 || runs < 1) {
        fprintf(stderr, "usage: labelbench TEMPLATES_DIR FONT [RUNS]\n");
        return 2;
    }
    korean.model_name = "위드포스 웨어러블 로봇 PSA 한국 공장";
    if (!(t = malloc((size_t)runs * sizeof *t)))
        return 1;
    for (k = 0; k < 2; k++)
        for (dpi = 203; dpi <= 300; dpi += 97) {
            const struct prn_label_data *d = k ? &korean : &latin;
            if (k && dpi == 203)
                rss = rss_kb();
            t0 = now_ms();
            if (!(n = draw(argv[1], argv[2], dpi, d)))
                return 1;
            if (k && dpi == 203)
                printf("label.korean.rss_kb %ld\n", rss_kb() - rss);
            printf("label.%s.%d.bytes %zu\n", names[k], dpi, n);
            printf("label.%s.%d.first_ms %.3f\n", names[k], dpi, now_ms() - t0);
            for (i = 0; i < runs; i++) {
                t0 = now_ms();
                if (!draw(argv[1], argv[2], dpi, d))
                    return 1;
                t[i] = now_ms() - t0;
            }
            qsort(t, (size_t)runs, sizeof *t, by_value);
            printf("label.%s.%d.p50_ms %.3f\n", names[k], dpi, t[runs / 2]);
            printf("label.%s.%d.p99_ms %.3f\n", names[k], dpi, t[(runs * 99) / 100]);
        }
    free(t);
    prn_glyph_close();
    return 0;
}
