#!/usr/bin/env bash
# Installs the Debian packages the app needs, when they are missing. Quiet and
# quick when all is there.
#
# The Qt libraries are not guessed: `ldd` on Qt's xcb platform plugin, its GL
# integrations and the PySide6 modules the app imports (all inside the venv's
# PySide6 wheel) lists every shared library they load. A library found on the
# system is mapped to its package with `dpkg -S`; a missing one gets the
# package Debian names after its soname (libxcb-icccm.so.4 -> libxcb-icccm4),
# checked against apt's cache.
#
#   scripts/ensure-system-deps.sh                 install what is missing
#   scripts/ensure-system-deps.sh --list-packages print the runtime packages
#                                                 (one a line; the .deb Depends)
#   scripts/ensure-system-deps.sh --list-libraries  print soname -> package
#
# VENV (default .venv) says which venv's PySide6 to inspect.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-install}
VENV=${VENV:-.venv}

pyside_dir() {
    local py="$VENV/bin/python"
    [ -x "$py" ] || return 1
    "$py" -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))' 2>/dev/null
}

# The binaries whose dependencies the running app loads.
qt_binaries() {
    local dir=$1
    ls "$dir"/Qt/plugins/platforms/libqxcb.so \
        "$dir"/Qt/plugins/xcbglintegrations/*.so \
        "$dir"/Qt/lib/libQt6XcbQpa.so.6 \
        "$dir"/QtCore.abi3.so "$dir"/QtGui.abi3.so "$dir"/QtWidgets.abi3.so \
        "$dir"/QtPrintSupport.abi3.so 2>/dev/null
}

# "soname<TAB>path-or-MISSING" for every library outside the PySide6 wheel.
system_libraries() {
    local dir=$1
    qt_binaries "$dir" | xargs ldd 2>/dev/null | awk -v wheel="$dir" '
        /=> not found/ { print $1 "\tMISSING"; next }
        /=>/ && $3 ~ /^\// && index($3, wheel) != 1 { print $1 "\t" $3 }
    ' | sort -u
}

# Debian's name for the package shipping a soname: libfoo-bar.so.4 -> libfoo-bar4,
# libfoo2.so.0 -> libfoo2-0; lower case (libEGL.so.1 -> libegl1).
debian_name() {
    local so=$1 base ver
    base=${so%%.so.*}
    ver=${so##*.so.}
    ver=${ver%%.*}
    if [[ $base =~ [0-9]$ ]]; then base="$base-"; fi
    echo "${base,,}$ver" | tr '_' '-'
}

library_table() {
    local dir table so path pkg
    if ! dir=$(pyside_dir); then
        echo "No PySide6 in $VENV: create the venv first (make .venv/.installed)." >&2
        return 1
    fi
    table=$(system_libraries "$dir")
    # One dpkg query for all found libraries, by name: with merged /usr the path
    # ldd gives is not always the one dpkg recorded.
    declare -A owner=()
    if command -v dpkg >/dev/null; then
        while IFS= read -r line; do
            pkg=${line%%:*}
            so=${line##*/}
            [ -n "${owner[$so]:-}" ] || owner[$so]=$pkg
        done < <(awk -F'\t' '$2 != "MISSING" { print "*/" $1 }' <<<"$table" |
            xargs -r dpkg -S 2>/dev/null | grep -v '^diversion' || true)
    fi
    while IFS=$'\t' read -r so path; do
        pkg=${owner[$so]:-$(debian_name "$so")}
        printf '%s\t%s\t%s\n' "$so" "$pkg" "$path"
    done <<<"$table"
}

case $mode in
    --list-packages)
        library_table | cut -f2 | sort -u
        exit 0
        ;;
    --list-libraries)
        library_table | cut -f1,2
        exit 0
        ;;
    install) ;;
    *)
        echo "usage: $0 [--list-packages|--list-libraries]" >&2
        exit 2
        ;;
esac

missing_libraries() {
    local dir so path
    dir=$(pyside_dir) || return 0
    while IFS=$'\t' read -r so path; do
        [ "$path" = MISSING ] && debian_name "$so"
    done < <(system_libraries "$dir")
    return 0
}

install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing system packages: $*. Install them: sudo apt-get install $*" >&2
        exit 1
    fi
    echo "Installing system packages: $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    [ -n "${updated:-}" ] || apt-get update -qq
    updated=1
    for pkg in "$@"; do
        if ! apt-cache show "$pkg" >/dev/null 2>&1; then
            echo "No Debian package named $pkg (derived from a missing library); install it by hand." >&2
            exit 1
        fi
    done
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need=()
tool() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
# Tools the tests, the screenshots, CI's real-display run and `make tour` use.
tool strace strace
tool pdftoppm poppler-utils
tool Xvfb xvfb
tool xauth xauth
# Qt's libraries, once the venv holds PySide6 (the Makefile installs it first).
mapfile -t -O "${#need[@]}" need < <(missing_libraries)
[ ${#need[@]} -eq 0 ] && exit 0
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
install "${need[@]}"
# ldd cannot see past a missing library: a second round finds what it needed.
for _round in 1 2; do
    mapfile -t need < <(missing_libraries | sort -u)
    [ ${#need[@]} -eq 0 ] && exit 0
    install "${need[@]}"
done
