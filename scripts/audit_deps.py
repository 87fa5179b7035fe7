"""Runs pip-audit on the hashed lock file and says plainly what it could check.

Exit 1 when any locked package has a known vulnerability. When the
vulnerability database cannot be reached (no network, or a package mirror
that serves files but not PyPI's JSON API, so every package comes back "not
found on PyPI"), the audit did not happen: that is printed as a warning naming
how many packages went unchecked, and CI is not failed for it, because the
result says nothing about the packages. docs/security.md says how to run the
audit where the database is reachable.

Usage: python scripts/audit_deps.py requirements.lock
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def verdict(report: dict[str, Any]) -> tuple[int, list[str]]:
    """The exit code and the lines to print for a pip-audit JSON report."""
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "none yet"
            lines.append(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})"
            )
    if vulnerable:
        lines.append(
            f"audit: {len(vulnerable)} of {len(deps)} locked packages have known vulnerabilities"
        )
        return 1, lines
    if audited == 0:
        lines.append(
            f"audit: WARNING: none of the {len(deps)} locked packages could be checked "
            "(the vulnerability database is not reachable from here); nothing is known either way"
        )
        return 0, lines
    lines.append(f"audit: no known vulnerabilities in {audited} of {len(deps)} locked packages")
    if skipped:
        names = ", ".join(d["name"] for d in skipped)
        lines.append(f"audit: WARNING: not checked: {names}")
    return 0, lines


def main(argv: list[str]) -> int:
    lock = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        cmd = [sys.executable, "-m", "pip_audit", "-r", str(lock), "--require-hashes"]
        cmd += ["--disable-pip", "--progress-spinner", "off", "-f", "json", "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if not out.exists():
            # pip-audit stops with a traceback when the service does not answer at all.
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"audit: WARNING: pip-audit could not run its check ({last[:200]})")
            print("audit: nothing is known either way; see docs/security.md")
            return 0
        code, lines = verdict(json.loads(out.read_text()))
    for line in lines:
        print(line)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
