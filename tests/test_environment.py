"""docs/environment.md lists every CLINIC_INTAKE_* variable; the bundle ignores dev-only ones."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from clinic_app import envvars, resources

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "environment.md"
NAME = re.compile(r"CLINIC_INTAKE_[A-Z0-9_]+")
ROW = re.compile(r"^\| `(CLINIC_INTAKE_[A-Z0-9_]+)` \|.*\| (supported|developer-only)[^|]*\|$")


def documented(section: str) -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8").split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return {m[1]: m[2] for line in text.splitlines() if (m := ROW.match(line))}


def names_in(paths: list[Path]) -> set[str]:
    return {name for path in paths for name in NAME.findall(path.read_text(encoding="utf-8"))}


def test_docs_list_every_variable_the_app_reads() -> None:
    in_code = names_in(
        [p for p in (ROOT / "clinic_app").rglob("*.py")] + list((ROOT / "packaging").glob("*.py"))
    )
    listed = documented("Read by the app")
    assert set(listed) == in_code
    assert {n for n, status in listed.items() if status == "supported"} == envvars.SUPPORTED
    assert {n for n, status in listed.items() if status == "developer-only"} == (
        envvars.DEVELOPER_ONLY
    )


def test_docs_list_every_variable_tests_and_ci_read() -> None:
    files = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
    files += [ROOT / "Makefile", *(ROOT / "packaging").rglob("*.sh")]
    files += [p for p in (ROOT / ".github").rglob("*.yml")] if (ROOT / ".github").is_dir() else []
    files.remove(Path(__file__).resolve())
    in_tests = names_in(files)
    listed = documented("Read by the app") | documented("Read by tests and CI only")
    assert in_tests <= set(listed), sorted(in_tests - set(listed))
    assert set(documented("Read by tests and CI only")) <= in_tests


def test_the_packaged_app_ignores_developer_only_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLINIC_INTAKE_ROOT", str(tmp_path))
    monkeypatch.setenv("CLINIC_INTAKE_LANG", "es")
    assert resources.root() == tmp_path  # a source checkout honors it
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert envvars.is_frozen()
    assert envvars.env("CLINIC_INTAKE_ROOT") is None
    assert resources.root() != tmp_path
    assert envvars.env("CLINIC_INTAKE_LANG") == "es"  # supported ones still work


def test_an_unlisted_variable_cannot_be_read() -> None:
    with pytest.raises(KeyError):
        envvars.env("CLINIC_INTAKE_SOMETHING_NEW")
