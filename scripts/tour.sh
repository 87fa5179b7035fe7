#!/usr/bin/env bash
# `make tour`: every screen on the real xcb platform under Xvfb (1366x768), in
# English, Spanish, Chinese (Traditional) and Arabic; PNGs in docs/tour/,
# shown in docs/tour.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-docs/tour}
PY=${PY:-.venv/bin/python}
display=:$((90 + RANDOM % 100))
log=$(mktemp)
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
rm -f "$OUT"/*.png
DISPLAY=$display QT_QPA_PLATFORM=xcb "$PY" -m clinic_app.ui.tour "$OUT" en es zh_Hant ar
