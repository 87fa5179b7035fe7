"""Finding 10: transitive packages floated, and nothing checked them.

A hashed lock file (uv, every platform's files) is what ``make`` and CI
install from; pip-audit checks it in CI; the OpenSSL inside sqlcipher3 is
reported by the self-test so it can be compared with advisories.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from types import ModuleType

from tests.helpers import ROOT

LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;]+)")


def locked() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) from the lock file."""
    out: dict[str, tuple[str, int]] = {}
    name = ""
    for line in LOCK.read_text().splitlines():
        match = PIN.match(line)
        if match:
            name = match.group(1).lower().replace("_", "-")
            out[name] = (match.group(2), 0)
        elif "--hash=sha256:" in line and name:
            version, n = out[name]
            out[name] = (version, n + 1)
    return out


def pins() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    lines = [*data["project"]["dependencies"], *data["project"]["optional-dependencies"]["dev"]]
    out = {}
    for line in lines:
        match = PIN.match(line)
        assert match, f"not pinned exactly: {line}"
        out[match.group(1).lower().replace("_", "-")] = match.group(2)
    return out


def test_every_locked_package_has_hashes() -> None:
    lock = locked()
    assert len(lock) > 40  # transitive packages too
    unhashed = [name for name, (_v, n) in lock.items() if n == 0]
    assert unhashed == []


def test_the_lock_holds_every_pin_of_pyproject_at_its_version() -> None:
    lock = locked()
    for name, version in pins().items():
        assert name in lock, f"{name} is not in requirements.lock: run make lock"
        assert lock[name][0] == version, f"{name}: pyproject {version}, lock {lock[name][0]}"


def test_the_lock_covers_other_platforms() -> None:
    text = LOCK.read_text()
    assert "sys_platform == 'win32'" in text and "sys_platform == 'darwin'" in text


def test_make_and_ci_install_from_the_lock_and_audit_it() -> None:
    makefile = (ROOT / "Makefile").read_text()
    stamp = makefile.split("$(STAMP): pyproject.toml requirements.lock", 1)[1].split("\n\n")[0]
    assert "--require-hashes --no-deps -r requirements.lock" in stamp
    assert "--no-deps --no-build-isolation -e ." in stamp
    assert "'.[dev]'" not in stamp and "--upgrade" not in stamp
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make audit" in ci
    assert "scripts/audit_deps.py requirements.lock" in makefile


def audit_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "scripts" / "audit_deps.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_audit_fails_on_a_known_vulnerability_and_says_when_it_checked_nothing() -> None:
    verdict = audit_script().verdict
    vuln = {"id": "GHSA-x", "fix_versions": ["50.0.3"]}
    vulnerable = {
        "dependencies": [
            {"name": "cryptography", "version": "50.0.2", "vulns": [vuln]},
            {"name": "babel", "version": "2.19.0", "vulns": []},
        ]
    }
    code, lines = verdict(vulnerable)
    assert code == 1 and "VULNERABLE cryptography 50.0.2: GHSA-x (fixed in 50.0.3)" in lines
    unreachable = {
        "dependencies": [
            {"name": "babel", "version": "2.19.0", "skip_reason": "Dependency not found on PyPI"}
        ]
    }
    code, lines = verdict(unreachable)
    assert code == 0 and "none of the 1 locked packages could be checked" in lines[-1]
    clean = {"dependencies": [{"name": "babel", "version": "2.19.0", "vulns": []}]}
    assert verdict(clean) == (0, ["audit: no known vulnerabilities in 1 of 1 locked packages"])


def test_the_self_test_names_sqlciphers_bundled_openssl() -> None:
    from clinic_app.cli.selftest import check_sqlcipher

    assert re.search(r"OpenSSL \d+\.\d+\.\d+", check_sqlcipher())


def test_the_lock_file_is_documented() -> None:
    doc = (ROOT / "docs" / "security.md").read_text()
    assert "requirements.lock" in doc and "pip-audit" in doc and "OpenSSL" in doc
