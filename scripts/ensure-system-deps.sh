#!/usr/bin/env bash
# Installs the Debian packages that Qt needs offscreen, and the tools the tests
# and screenshots use, when they are missing. Quiet and quick when all is there.
set -euo pipefail
need=()
lib() { ldconfig -p | grep -q "$1" || need+=("$2"); }
tool() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
lib libEGL.so.1 libegl1
lib libGL.so.1 libgl1
lib libxkbcommon.so.0 libxkbcommon0
lib libfontconfig.so.1 libfontconfig1
lib libdbus-1.so.3 libdbus-1-3
lib libglib-2.0.so.0 libglib2.0-0
lib libX11.so.6 libx11-6
tool strace strace
tool pdftoppm poppler-utils
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${need[*]}. Install them: sudo apt-get install ${need[*]}" >&2
    exit 1
fi
echo "Installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
