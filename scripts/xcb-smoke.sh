#!/usr/bin/env bash
# Starts the real app on Qt's xcb platform under Xvfb (1366x768, as a clinic
# laptop): the first window must appear with nothing on stderr (no Qt abort,
# no warning), and a screenshot of the X screen is kept in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-build/xcb-smoke}
PY=${PY:-.venv/bin/python}
mkdir -p "$OUT"
work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
status=0
DISPLAY=$display QT_QPA_PLATFORM=xcb CLINIC_INTAKE_QUIT_AFTER_SHOW=1 \
    CLINIC_INTAKE_SCREENSHOT="$OUT/first-window.png" \
    timeout 120 "$PY" -m clinic_app --vault "$work/clinic.vault" >"$work/out" 2>"$work/err" || status=$?
if [ "$status" -ne 0 ] || ! grep -q '^shown ' "$work/out" || [ -s "$work/err" ] || [ ! -s "$OUT/first-window.png" ]; then
    echo "xcb smoke run failed (exit $status):" >&2
    cat "$work/out" "$work/err" >&2
    exit 1
fi
echo "xcb smoke run: first window shown, screenshot in $OUT/first-window.png"
