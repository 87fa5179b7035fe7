"""CSV that a spreadsheet opens as data, never as formulas (CSV injection).

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (and a leading tab or carriage return can hide such a start), so
a name typed as ``=HYPERLINK(...)`` could run when a supervisor opens an
export. Every text cell that starts with one of those characters, possibly
after spaces, or with their full-width forms, is prefixed with an apostrophe,
which spreadsheets show as text and do not print. A cell that already starts
with an apostrophe gets one more, so the first is the one a spreadsheet eats
and ``restore`` can undo ``neutralise`` exactly. Numbers the app itself
writes (counts) are left as they are. One implementation for every CSV the app
writes: record exports, the funder report, the provider directory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

TRIGGERS: Final = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_SKIPPED: Final = " \n\u00a0\u3000"  # leading blanks some programs ignore before a formula


def starts_a_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as the start of a formula."""
    if text[:1] in TRIGGERS:
        return True
    stripped = text.lstrip(_SKIPPED)
    return stripped[:1] in TRIGGERS


def needs_neutralising(text: str) -> bool:
    """True when ``text`` could start a formula, or its leading apostrophe
    would be eaten by a spreadsheet (and lost on ``restore``)."""
    return starts_a_formula(text) or text.startswith("'")


def neutralise(value: object) -> str:
    """One cell as text that is safe to open: ints as digits, other text quoted if needed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if needs_neutralising(text) else text


def restore(cell: str) -> str:
    """The text that ``neutralise`` turned into ``cell`` (for files read back in)."""
    if cell.startswith("'") and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    """The rows as CSV text (RFC 4180 quoting, CRLF line ends), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()


__all__ = [
    "TRIGGERS",
    "needs_neutralising",
    "neutralise",
    "restore",
    "starts_a_formula",
    "to_csv",
]
