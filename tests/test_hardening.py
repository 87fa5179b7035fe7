from __future__ import annotations

import logging
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from clinic_app.logpolicy import RedactArgs
from tests.helpers import app_env, run

PROBE = """
import os, resource, sys
from clinic_app.hardening import harden_process, is_dumpable
harden_process()
open(sys.argv[1], "w").close()
mode = oct(os.stat(sys.argv[1]).st_mode & 0o777)
print(mode, resource.getrlimit(resource.RLIMIT_CORE), is_dumpable())
"""


def test_hardening_makes_files_private_and_disables_core_dumps(tmp_path: Path) -> None:
    target = tmp_path / "made.txt"
    result = run([sys.executable, "-c", PROBE, str(target)], app_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0o600", "(0,", "0)", "False"]


def test_the_entry_point_hardens_before_anything_else(tmp_path: Path) -> None:
    code = (
        "import os, resource; from clinic_app.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(oct(os.umask(0)), resource.getrlimit(resource.RLIMIT_CORE))"
    )
    result = run([sys.executable, "-c", code], app_env(tmp_path))
    assert result.stdout.splitlines()[-1] == "0o77 (0, 0)"


def _render(message: str, *args: object) -> str:
    record = logging.LogRecord("t", logging.WARNING, __file__, 1, message, args, None)
    RedactArgs().filter(record)
    return record.getMessage()


@given(st.text(min_size=1).map(lambda s: "María-" + s), st.integers())
def test_log_records_never_carry_argument_values(value: str, number: int) -> None:
    rendered = _render("saved record for %s with %d", value, number)
    assert value not in rendered
    assert "<str>" in rendered and "<int>" in rendered


def test_log_records_drop_exception_text() -> None:
    try:
        raise KeyError("Иванов")
    except KeyError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RedactArgs().filter(record)
    handler = logging.StreamHandler()
    assert "Иванов" not in handler.format(record)
    assert "KeyError" in handler.format(record)


def test_printing_is_kept_on_the_local_spooler_socket(tmp_path: Path) -> None:
    code = (
        "import os; from clinic_app.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(os.environ.get('CUPS_SERVER'))"
    )
    result = run([sys.executable, "-c", code], app_env(tmp_path))
    assert result.stdout.splitlines()[-1] == "/run/cups/cups.sock"
    site = run([sys.executable, "-c", code], app_env(tmp_path, CUPS_SERVER="print.example"))
    assert site.stdout.splitlines()[-1] == "print.example"
