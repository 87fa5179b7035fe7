"""Offline by proof, for the real work: a scripted offscreen intake, saved into a
real vault, then a referral sheet previewed and printed, all under strace.

The suite's socket fixture only sees Python; strace also sees what Qt, SQLCipher,
HarfBuzz or PDFium might do in C. Any AF_INET or AF_INET6 socket fails the test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers import app_env, inet_sockets, network_libraries, traced

WORKFLOW = [
    "tests/ui/intake/test_intake_vault.py::test_keyboard_intake_is_saved_without_any_screening_answer",
    "tests/ui/referrals/test_referral_flow.py::test_choose_consent_preview",
    "tests/ui/referrals/test_printing.py::test_printing_writes_nothing_but_the_printers_own_output",
]


@pytest.mark.slow
def test_intake_and_referral_sheet_open_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *WORKFLOW]
    result = traced(command, app_env(tmp_path), trace)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []
