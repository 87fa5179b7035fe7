"""Finding identifiers that must never be collected, in free-text notes.

The contract's ``never_collected`` class has no field, but a volunteer can
still type an SSN or an A-number into a note. ``find_identifiers`` returns the
spans so the UI can highlight them and hold the save until the volunteer
removes them or confirms they are something else.

Patterns (``\\d`` is any Unicode decimal digit, so Arabic-Indic and full-width
digits count; a separator is one space, dot, hyphen or dash):

- ``ssn``: 3-2-4 digits with separators (``123-45-6789``, ``123 45 6789``), or
  9 digits in a row, unless the number falls in the ITIN ranges.
- ``itin``: the same shapes with a first digit 9 and digits 4–5 in 50–65,
  70–88, 90–92 or 94–99 (the IRS ranges).
- ``a_number``: an ``A`` (either case, optionally followed by ``#``, ``-`` or a
  space) and 8 or 9 digits, plain or grouped 2/3-3-3 (``A123456789``,
  ``A-12345678``, ``A# 123-456-789``); also 3-3-3 digits with the same
  separator (``123-456-789``), the way A-numbers are usually written.
- ``id_number``: one or two letters then 6 to 8 digits (``C12345678``,
  ``AB1234567``): the shape of most passports and of NY driver licences. A
  9-digit passport number is reported as ``ssn``; the UI names both.

Not flagged, on purpose: phone numbers (3-3-4 digits, with or without a
bracketed area code or ``+1``), dates (ISO ``2026-11-27``, ``11/27/2026``,
``27.11.2026``), ZIP and ZIP+4 codes, and numbers that run into other digits
(a 10-digit number contains no 9-digit match). Nothing is flagged inside a
longer word or number: a match must not touch a letter or digit, nor a digit
across a hyphen or dash (``1-123-45-6789`` is not split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from clinic_app.i18n import N_


class IdentifierKind(StrEnum):
    SSN = "ssn"
    ITIN = "itin"
    A_NUMBER = "a_number"
    ID_NUMBER = "id_number"


LABELS: dict[IdentifierKind, str] = {
    IdentifierKind.SSN: N_("This looks like a Social Security or ID number."),
    IdentifierKind.ITIN: N_("This looks like a taxpayer number (ITIN)."),
    IdentifierKind.A_NUMBER: N_("This looks like an A-number."),
    IdentifierKind.ID_NUMBER: N_("This looks like a passport or ID number."),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A span ``text[start:end]`` that looks like an identifier of ``kind``."""

    kind: IdentifierKind
    start: int
    end: int


_DASH = r"\-\u2010-\u2015\u2212"
_SEP = rf"[ .{_DASH}]"
# Not inside a longer word or number, nor part of a longer hyphenated number.
_BEFORE = rf"(?<![^\W_])(?<!\d[{_DASH}])"
_AFTER = rf"(?![^\W_])(?![{_DASH}]\d)"
_ITIN_GROUP = r"(?:5[0-9]|6[0-5]|7[0-9]|8[0-8]|9[0-2]|9[4-9])"

_PATTERNS: tuple[tuple[IdentifierKind, re.Pattern[str]], ...] = (
    (
        IdentifierKind.A_NUMBER,
        re.compile(
            rf"{_BEFORE}[Aa](?:\s?[#\-]\s?|\s)?"
            rf"(?:\d{{9}}|\d{{8}}|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}|\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{3}})"
            rf"{_AFTER}"
        ),
    ),
    (
        IdentifierKind.ITIN,
        re.compile(rf"{_BEFORE}9\d\d(?:{_SEP}?){_ITIN_GROUP}(?:{_SEP}?)\d{{4}}{_AFTER}"),
    ),
    (
        IdentifierKind.SSN,
        re.compile(rf"{_BEFORE}(?:\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{4}}|\d{{9}}){_AFTER}"),
    ),
    (
        IdentifierKind.A_NUMBER,
        re.compile(rf"{_BEFORE}\d{{3}}(?P<sep>{_SEP})\d{{3}}(?P=sep)\d{{3}}{_AFTER}"),
    ),
    (
        IdentifierKind.ID_NUMBER,
        re.compile(rf"{_BEFORE}[^\W\d_]{{1,2}}\d{{6,8}}{_AFTER}"),
    ),
)


def find_identifiers(text: str) -> list[Finding]:
    """Spans of ``text`` that look like never-collected identifiers, in order.

    Overlapping matches are resolved in favour of the earlier pattern above
    (an A-number beats the passport shape it also fits), then the longer span.
    """
    candidates: list[tuple[int, Finding]] = []
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            candidates.append((rank, Finding(kind, m.start(), m.end())))
    candidates.sort(key=lambda c: (c[0], -(c[1].end - c[1].start), c[1].start))
    chosen: list[Finding] = []
    for _, finding in candidates:
        if all(finding.end <= f.start or finding.start >= f.end for f in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)
