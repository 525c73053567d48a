#!/bin/sh
# tests/labels/run.sh — the labels checked as a scanner reads them: every template of
# etc/labels at 203 and 300 dpi with plain, Korean, long and hostile values, as the
# station renders them (tests/tools/labelgen: print/zpl.c, then print/zpl_text.c drawing
# the text the printer's font cannot show with FreeType), rendered by an independent ZPL
# renderer (zpl-renderer-js: Zebrash in WebAssembly, under node; tests/labels/check.mjs),
# and every bar code decoded from the picture (tests/labels/decode.mjs): Code 128 and QR
# with zbarimg (zbar-tools), Data Matrix with dmtxread (dmtx-utils; zbar reads none).
# Checks:
#   - each bar code decodes to exactly the text the template gives it (the unit's ID);
#   - nothing is drawn outside ^PW x ^LL (check.mjs);
#   - Korean text comes out as glyphs: each drawn field matches FreeType's own rendering
#     of its text, and the same text as ^A0 text (boxes on a printer without Hangul) does
#     not (check.mjs); so does the serial label sent in a font stored on the printer,
#     after the ~DU command of `wipstation font-upload --du` (print/font.c).
# A missing tool is a failure, never a skip. Prints "labels: N passed, M failed".
#   LABELGEN=build/asan/tests/tools/labelgen sh tests/labels/run.sh
set -u
cd "$(dirname "$0")/../.." || exit 1
REPO=$(pwd)
FONT=${LABELS_FONT:-/usr/share/fonts/truetype/nanum/NanumGothic.ttf}
# a font for the printer-font cases (stored with ~DU): the renderer takes fonts up to 3 MB
PFONT=${LABELS_PRINTER_FONT:-/usr/share/fonts/truetype/nanum/NanumSquareR.ttf}
: "${LABELGEN:=build/asan/tests/tools/labelgen}"

OK_QUIET=${LABELS_QUIET:-}
. tests/lib.sh
finish() {
    echo "labels: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit $?
}

# ---- the tools ------------------------------------------------------------------------
missing=0
need() { # need WHAT TEST-COMMAND...: a failure naming what to install
    what=$1; shift
    if "$@" >/dev/null 2>&1; then ok "tool: $what"; else bad "tool: $what"; missing=1; fi
}
need "node (Debian nodejs)" command -v node
need "zpl-renderer-js in tests/labels/node_modules (npm ci --prefix tests/labels)" \
    test -f tests/labels/node_modules/zpl-renderer-js/package.json
need "zbarimg (Debian zbar-tools)" command -v zbarimg
need "dmtxread (Debian dmtx-utils)" command -v dmtxread
need "font $FONT (Debian fonts-nanum)" test -r "$FONT"
need "font $PFONT (Debian fonts-nanum)" test -r "$PFONT"
need "labelgen at $LABELGEN (make check-labels builds it)" test -x "$LABELGEN"
[ "$missing" -eq 0 ] || finish

W=$(mktemp -d "${TMPDIR:-/tmp}/wip-labels.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM HUP

if "$LABELGEN" "$REPO/etc/labels" "$FONT" "$W" "$PFONT" 2>"$W/labelgen.err"; then
    ok "labelgen: $(wc -l <"$W/manifest.tsv") labels rendered as the station sends them"
else
    bad "labelgen: $(cat "$W/labelgen.err")"
    finish
fi

# verdicts NAME: runs tests/labels/NAME.mjs on the labels; each "ok|FAIL<tab>what" line it
# prints is a check, and so is its ending well
verdicts() {
    node "tests/labels/$1.mjs" "$W" >"$W/$1.out" 2>"$W/$1.err"
    rc=$?
    while IFS="$(printf '\t')" read -r verdict what; do
        case $verdict in ok) ok "$what" ;; *) bad "$what" ;; esac
    done <"$W/$1.out"
    [ "$rc" -eq 0 ] || bad "$1.mjs ended with status $rc: $(tail -n 3 "$W/$1.err")"
}

# ---- what the picture shows -----------------------------------------------------------
t0=$(date +%s)
verdicts check
echo "labels: rendered in $(($(date +%s) - t0)) s"

# ---- the bar codes, as a scanner reads them -------------------------------------------
verdicts decode
finish
