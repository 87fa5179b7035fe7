"""After (and during) a session that stores a marker, no file outside the vault's
encryption holds it: not the vault folder, the temp folder, or Qt's settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, app_env

MARKER = "Zq7-MARKER-Ñandú-客户-4412"


def encodings(text: str) -> list[bytes]:
    return [text.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]


def files_holding(folders: list[Path], needles: list[bytes]) -> list[str]:
    hits = []
    for folder in folders:
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                hits += [f"{path} ({n!r})" for n in needles if n in data]
    return hits


def test_no_file_holds_the_marker(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = app_env(home)
    vault = tmp_path / "vaultdir" / "clinic.vault"
    folders = [vault.parent, home]  # home holds TMPDIR, XDG config (Qt settings), data, cache
    needles = encodings(MARKER) + encodings("Zq7-MARKER")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.session_child", str(vault), MARKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == "open\n", child.stderr.read() if child.stderr else ""
    live = {p.name for p in vault.parent.iterdir()}
    assert {"clinic.vault", "clinic.vault.keys", "backups"} <= live
    during = files_holding(folders, needles)
    child.stdin.write("\n")
    child.stdin.flush()
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out == "closed\n"
    assert during == []
    assert files_holding(folders, needles) == []
    assert MARKER not in err


def test_the_search_finds_a_plaintext_marker(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(MARKER.encode("utf-16-le"))
    assert files_holding([tmp_path], encodings(MARKER)) != []
