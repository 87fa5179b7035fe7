#!/usr/bin/env bash
# Installs the .deb with apt-get, checks the installed command (self-test, no
# inet socket under strace, desktop entry), creates a vault in a user's data
# folder with it, removes and purges the package, and checks that the program
# is gone and the vault is still there and still opens. Needs root. CI runs it
# after `make release-check`; `make install-check` runs it on release/*.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 clinic-intake_VERSION_ARCH.deb" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "install-check needs root (apt-get install)" >&2; exit 1; }
deb=$(realpath "$1")
export DEBIAN_FRONTEND=noninteractive
step() { echo "install-check: $*" >&2; }

if dpkg-query -W -f='${Status}' clinic-intake 2>/dev/null | grep -q "ok installed"; then
    echo "clinic-intake is already installed here; remove it first" >&2
    exit 1
fi
step "apt-get install $(basename "$deb")"
apt-get install -y -qq "$deb" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$deb" >/dev/null; }
command -v desktop-file-validate >/dev/null \
    || apt-get install -y -qq --no-install-recommends desktop-file-utils >/dev/null

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
removed=0
cleanup_package() { [ "$removed" -eq 1 ] || dpkg --purge clinic-intake >/dev/null || true; }
trap 'cleanup_package; rm -rf "$home"' EXIT

step "desktop entry"
desktop-file-validate /usr/share/applications/clinic-intake.desktop

step "the installed command: self-test, strace offline check, files"
CLINIC_INTAKE_INSTALLED=/usr/bin/clinic-intake QT_QPA_PLATFORM=offscreen \
    .venv/bin/python -m pytest -q -p no:cacheprovider -m installed tests/test_installed.py

step "a vault in the user's data folder, made by the installed command"
run_as_user() {
    env -i PATH=/usr/bin:/bin HOME="$home" XDG_DATA_HOME="$home/.local/share" \
        XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/runtime" \
        QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$@"
}
mkdir -m 700 "$home/runtime"
passphrase="correct horse battery staple install check"
vault=$(printf '%s\n' "$passphrase" | run_as_user /usr/bin/clinic-intake admin init --user site-it)
case "$vault" in "$home/.local/share/"*) ;; *) echo "vault not in the data folder: $vault" >&2; exit 1 ;; esac
before=$(sha256sum "$vault" "$vault.keys")

step "apt-get remove, then purge"
apt-get remove -y -qq clinic-intake >/dev/null
dpkg --purge clinic-intake >/dev/null  # nothing is left to purge: no conffiles, no scripts
removed=1
for gone in /opt/clinic-intake /usr/bin/clinic-intake /usr/share/applications/clinic-intake.desktop \
    /usr/share/icons/hicolor/scalable/apps/clinic-intake.svg; do
    if [ -e "$gone" ] || [ -L "$gone" ]; then echo "still installed: $gone" >&2; exit 1; fi
done
[ "$(sha256sum "$vault" "$vault.keys")" = "$before" ] || { echo "the vault changed or went away" >&2; exit 1; }
# Still a working vault: the source build opens and verifies it.
printf '%s\n' "$passphrase" | run_as_user "$PWD/.venv/bin/python" -m clinic_app admin verify \
    --vault "$vault" >/dev/null
step "ok: installed, self-test passed offline, removed; the vault stayed ($vault)"
