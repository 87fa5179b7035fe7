from __future__ import annotations

from pathlib import Path

from clinic_app import __version__
from tests.helpers import app_env, inet_sockets, network_libraries, python_app, run, traced


def test_version(tmp_path: Path) -> None:
    result = run([*python_app(), "--version"], app_env(tmp_path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"Clinic Intake {__version__}"


def test_self_test_passes_and_prints_one_line_per_check(tmp_path: Path) -> None:
    result = run([*python_app(), "--self-test"], app_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    checks = [line for line in lines if line.startswith(("PASS", "FAIL"))]
    assert {c.split(":")[0] for c in checks} >= {
        "PASS resources",
        "PASS sqlcipher",
        "PASS reportlab",
        "PASS babel",
        "PASS translations",
        "PASS qt",
        "PASS rules",
    }
    assert not [c for c in checks if c.startswith("FAIL")]
    assert "cipher version 4." in result.stdout


def test_self_test_fails_when_resources_are_missing(tmp_path: Path) -> None:
    env = app_env(tmp_path, CLINIC_INTAKE_ROOT=str(tmp_path / "empty"))
    result = run([*python_app(), "--self-test"], env)
    assert result.returncode == 1
    assert "FAIL resources" in result.stdout
    assert "FAIL translations" in result.stdout
    assert "FAIL rules" in result.stdout


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    result = run([*python_app(), "--no-such-option"], app_env(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""


def test_self_test_opens_no_inet_socket_and_no_network_plugin(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = traced([*python_app(), "--self-test"], app_env(tmp_path), trace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "openat" in trace.read_text(), "strace recorded nothing"
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_gui_start_opens_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    env = app_env(tmp_path, CLINIC_INTAKE_QUIT_AFTER_SHOW="1")
    result = traced(python_app(), env, trace)
    assert result.returncode == 0, result.stderr
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_the_trace_check_sees_an_inet_socket(tmp_path: Path) -> None:
    import sys

    trace = tmp_path / "trace.txt"
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()"
    traced([sys.executable, "-c", code], app_env(tmp_path), trace)
    assert inet_sockets(trace)
