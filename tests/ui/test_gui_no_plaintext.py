"""A desktop session leaves neither client data nor the passphrase in any file."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import app_env, run
from tests.storage.test_no_plaintext import encodings, files_holding

MARKER = "ZqGUI-Marker-Quispe"  # ASCII: typed with QTest.keyClicks
SECRET = "zqsecret lantern orbit"


def test_gui_session_leaves_no_plaintext(tmp_path: Path) -> None:
    import sys

    home = tmp_path / "home"
    vault = tmp_path / "vaultdir" / "clinic.vault"
    result = run(
        [sys.executable, "-m", "tests.ui.gui_session_child", str(vault), MARKER, SECRET],
        app_env(home),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "done\n"
    assert list((vault.parent / "auto").glob("*.cibackup"))
    needles = encodings(MARKER) + encodings(SECRET) + encodings("zqsecret")
    # home holds TMPDIR and the XDG config, data and cache folders (Qt's settings).
    assert files_holding([vault.parent, home], needles) == []
    assert MARKER not in result.stderr and SECRET not in result.stderr
