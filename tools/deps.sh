#!/bin/sh
# What `make check`, `make demo`, `make bench` and `make deb` need from Debian 12, and
# installing it: run as root, the missing packages are installed with apt-get; otherwise
# the one apt-get line to run is printed and the exit status is 1.
#   sh tools/deps.sh check|demo|bench|deb
set -eu
PATH=$PATH:/usr/sbin:/sbin

BUILD="make gcc pkg-config libinih-dev libcmocka-dev libcups2-dev libjson-c-dev libncurses-dev libpq-dev libcrypt-dev gettext libfreetype-dev"
case ${1:-} in
check) PKGS="$BUILD postgresql-15 cups cups-client cups-bsd tmux locales openssh-server openssh-client python3 fonts-nanum zbar-tools dmtx-utils nodejs npm clang-format-14" ;;
demo) PKGS="$BUILD postgresql-15 cups cups-client locales" ;;
bench) PKGS="$BUILD postgresql-15 postgresql-contrib cups cups-client python3 fonts-nanum" ;;
deb) PKGS="$BUILD dpkg-dev debhelper lintian" ;;
*) echo "usage: sh tools/deps.sh check|demo|bench|deb" >&2; exit 2 ;;
esac

# NODEPS=1: the libraries come from elsewhere (another distribution, built from source)
[ -z "${NODEPS:-}" ] || exit 0
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "make $1: not Debian (no dpkg-query): install by hand: $PKGS" >&2
    exit 0
fi
missing=
for p in $PKGS; do
    # Node.js from elsewhere (NodeSource's nodejs, which has npm inside and conflicts with
    # Debian's npm package) counts: what the tests need are the commands
    case $p in nodejs | npm) command -v "${p%js}" >/dev/null 2>&1 && continue ;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "make $1: installing:$missing" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
        --no-install-recommends $missing >/dev/null
else
    echo "make $1: missing packages; run this, then make $1 again:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
