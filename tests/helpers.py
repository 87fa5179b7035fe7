"""Shared helpers for tests that run the app as a separate process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INET = re.compile(r"\bAF_INET6?\b")


def app_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with its own empty home, so nothing touches the user's data."""
    # CUPS_SERVER too: a child must set it itself, as the app does at start-up.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "CLINIC_INTAKE_")) and k != "CUPS_SERVER"
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        TMPDIR=str(home / "tmp"),
        QT_QPA_PLATFORM="offscreen",
    )
    for key in ("runtime", "tmp"):
        (home / key).mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(extra)
    return env


def python_app() -> list[str]:
    return [sys.executable, "-m", "clinic_app"]


def run(
    cmd: Sequence[str], env: dict[str, str], stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(cmd), input=stdin, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT
    )


def traced(
    cmd: Sequence[str], env: dict[str, str], trace_file: Path
) -> subprocess.CompletedProcess[str]:
    """Runs ``cmd`` under strace, logging every socket, connect and file open."""
    strace = shutil.which("strace")
    assert strace, "strace is required (make test installs it)"
    full = [strace, "-f", "-qq", "-o", str(trace_file), "-e", "trace=socket,connect,openat"]
    return run([*full, *cmd], env)


def inet_sockets(trace_file: Path) -> list[str]:
    return [line for line in trace_file.read_text().splitlines() if INET.search(line)]


def network_libraries(trace_file: Path) -> list[str]:
    """Qt network code opened by the process: QtNetwork, TLS or network plugins."""
    pattern = re.compile(r"libQt6Network|plugins/(tls|networkinformation|bearer)/")
    return [
        line
        for line in trace_file.read_text().splitlines()
        if pattern.search(line) and "ENOENT" not in line
    ]
