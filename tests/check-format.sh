#!/bin/sh
# The C sources follow .clang-format, as Debian 12's clang-format 14 reads it.
#   sh tests/check-format.sh        names each file that differs; "format: N passed, M failed"
#   sh tests/check-format.sh fix    rewrites them in place (make format)
# In a git checkout the files are the tracked ones; the rewrite is then exactly
#   git ls-files '*.c' '*.h' | xargs clang-format-14 -i
# Outside git (a tarball, an unpacked source package) they are found under the source
# directories instead, leaving out build trees and npm's node_modules.
# Only version 14 counts: other versions lay the same code out differently, so a missing
# clang-format-14 (tools/deps.sh check installs it) is a failure, never a skip.
set -u
cd "$(dirname "$0")/.."
CF=${CLANG_FORMAT:-clang-format-14}
give_up() { echo "format: $*"; echo "format: 0 passed, 1 failed"; exit 1; }

command -v "$CF" >/dev/null 2>&1 ||
    give_up "$CF not found: install Debian's clang-format-14 (sh tools/deps.sh check does)"
version=$("$CF" --version 2>/dev/null)
case $version in
*" version 14."*) ;;
*) give_up "$CF is not clang-format 14 ($version)" ;;
esac
[ -f .clang-format ] || give_up "no .clang-format at the top of the tree"

files=$(mktemp)
trap 'rm -f "$files"' EXIT
# git only when this directory is the checkout's top: a copy unpacked inside another
# checkout (make deb's build/deb/src) would otherwise list none of its own files
if top=$(git rev-parse --show-toplevel 2>/dev/null) && [ "$top" = "$(pwd -P)" ]; then
    git ls-files '*.c' '*.h' >"$files"
else
    find base cli core print rig tui tests tools \
        \( -name node_modules -o -name 'build*' \) -prune -o \
        -type f \( -name '*.c' -o -name '*.h' \) -print 2>/dev/null | LC_ALL=C sort >"$files"
fi
[ -s "$files" ] || give_up "no C files found"

if [ "${1:-}" = fix ]; then
    xargs "$CF" -i <"$files" || give_up "$CF -i failed"
    echo "format: $(wc -l <"$files") files formatted"
    exit 0
fi

pass=0; fail=0
while read -r f; do
    # --style=file with no fallback: a file the configuration does not reach fails
    if out=$("$CF" --style=file --fallback-style=none "$f" 2>&1 | diff -u "$f" - 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "format: $f differs from .clang-format ($(($(printf '%s\n' "$out" | grep -c '^[-+]') - 2)) lines)"
    fi
done <"$files"
[ "$fail" -eq 0 ] || echo "format: $fail of $((pass + fail)) files differ; make format rewrites them (then review and commit)"
echo "format: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
