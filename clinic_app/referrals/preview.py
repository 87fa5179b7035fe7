"""Renders the fictional sample sheet of each language to PDF and PNG, to look at.

``python -m clinic_app.referrals.preview FOLDER [CODE ...]`` writes
``referral-<code>.pdf`` and ``referral-<code>.png`` (pdftoppm, from poppler)
into FOLDER. Only demo data is written; real sheets never touch the disk.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.pdf import render_sheet
from clinic_app.referrals.samples import sample_sheet

RESOLUTION = 110


def render_previews(folder: Path, codes: Iterable[str] = LANGUAGES) -> list[Path]:
    """Writes a sample PDF and a PNG of its first page per language; returns the PNGs."""
    folder.mkdir(parents=True, exist_ok=True)
    pngs = []
    for code in codes:
        pdf = folder / f"referral-{code}.pdf"
        pdf.write_bytes(render_sheet(sample_sheet(code)))
        stem = folder / f"referral-{code}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(RESOLUTION), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        pngs.append(stem.with_suffix(".png"))
    return pngs


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m clinic_app.referrals.preview FOLDER [CODE ...]", file=sys.stderr)
        return 2
    for png in render_previews(Path(args[0]), args[1:] or LANGUAGES):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
