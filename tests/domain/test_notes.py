"""The free-text note checker: identifiers found, phones and dates left alone."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.notes import LABELS, Finding, IdentifierKind, find_identifiers

K = IdentifierKind


def kinds(text: str) -> list[tuple[IdentifierKind, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 123-45-6789.", [(K.SSN, "123-45-6789")]),
        ("ssn: 123 45 6789 ok", [(K.SSN, "123 45 6789")]),
        ("123456789", [(K.SSN, "123456789")]),
        ("número ١٢٣-٤٥-٦٧٨٩", [(K.SSN, "١٢٣-٤٥-٦٧٨٩")]),
        ("ITIN 912-70-1234", [(K.ITIN, "912-70-1234")]),
        ("itin 900941234", [(K.ITIN, "900941234")]),
        ("not an ITIN range: 912-93-1234", [(K.SSN, "912-93-1234")]),
        ("A123456789", [(K.A_NUMBER, "A123456789")]),
        ("his A-number is A12345678!", [(K.A_NUMBER, "A12345678")]),
        ("A-123456789", [(K.A_NUMBER, "A-123456789")]),
        ("A# 123-456-789", [(K.A_NUMBER, "A# 123-456-789")]),
        ("a 123 456 789", [(K.A_NUMBER, "a 123 456 789")]),
        ("A#98765432", [(K.A_NUMBER, "A#98765432")]),
        ("alien no. 123-456-789", [(K.A_NUMBER, "123-456-789")]),
        ("passport C12345678", [(K.ID_NUMBER, "C12345678")]),
        ("pasaporte G1234567 vence", [(K.ID_NUMBER, "G1234567")]),
        ("Bangladesh BX0123456", [(K.ID_NUMBER, "BX0123456")]),
        ("two: 123-45-6789 and A123456789", [(K.SSN, "123-45-6789"), (K.A_NUMBER, "A123456789")]),
    ],
)
def test_identifiers_are_found(text: str, expected: list[tuple[IdentifierKind, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "call (718) 555-0123 after 6",
        "718-555-0123",
        "718.555.0123",
        "+1 718 555 0123",
        "7185550123",
        "17185550123",
        "born 1990-05-04, hearing 2026-12-07",
        "12/07/2026 and 07.12.2026 and 7-12-2026",
        "ZIP 11372-1234 and 11372",
        "case 1234567890123",
        "room 12, 3 kids, $1,200 rent",
        "COVID19 vaccine",
        "EOIR hearing at 26 Federal Plaza",
        "1-123-45-6789",
        "123-45-67890",
        "Ab123456789",
    ],
)
def test_phones_dates_and_ordinary_numbers_are_not_flagged(text: str) -> None:
    assert find_identifiers(text) == []


def test_every_kind_has_a_message() -> None:
    assert set(LABELS) == set(IdentifierKind)


def test_findings_do_not_overlap_and_are_ordered() -> None:
    found = find_identifiers("A123456789 123456789 C12345678")
    assert [f.kind for f in found] == [K.A_NUMBER, K.SSN, K.ID_NUMBER]
    assert all(a.end <= b.start for a, b in pairwise(found))


# Surrounding text: anything, but separated from the identifier by a space or
# punctuation that is not a digit separator, as a person would write it.
AROUND = st.text(max_size=30)
GAP = st.sampled_from([" ", "\n", ": ", " (", ", ", " «"])
GAP_AFTER = st.sampled_from([" ", "\n", ".", ")", ", ", "»", ""])
DIGITS = st.text("0123456789", min_size=1, max_size=1)
SEP = st.sampled_from(["-", " ", "", "\u2013", "."])


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


ssns = st.builds(lambda a, s, b, c: f"{a}{s}{b}{s}{c}", digits(3), SEP, digits(2), digits(4))
a_numbers = st.builds(
    lambda prefix, n: prefix + n,
    st.sampled_from(["A", "a", "A-", "A ", "A#", "A# ", "A #"]),
    digits(8) | digits(9),
)


def embedded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, int, int]]:
    def build(before: str, gap: str, ident: str, gap2: str, after: str) -> tuple[str, int, int]:
        start = len(before) + len(gap)
        return before + gap + ident + gap2 + after, start, start + len(ident)

    return st.builds(build, AROUND, GAP, strategy, GAP_AFTER, AROUND.map(lambda s: " " + s))


def covered(found: list[Finding], start: int, end: int) -> bool:
    return any(f.start <= start and f.end >= end for f in found)


@settings(max_examples=300, deadline=None)
@given(embedded(ssns))
def test_any_ssn_in_any_text_is_found(case: tuple[str, int, int]) -> None:
    text, start, end = case
    found = find_identifiers(text)
    assert covered(found, start, end), (text[start:end], found)
    assert next(f for f in found if f.start <= start).kind in (K.SSN, K.ITIN, K.A_NUMBER)


@settings(max_examples=300, deadline=None)
@given(embedded(a_numbers))
def test_any_a_number_in_any_text_is_found(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert covered(find_identifiers(text), start, end), text[start:end]


phones = st.one_of(
    st.builds(lambda a, b, c: f"({a}) {b}-{c}", digits(3), digits(3), digits(4)),
    st.builds(lambda a, b, c: f"{a}-{b}-{c}", digits(3), digits(3), digits(4)),
    st.builds(lambda a, b, c: f"+1 {a} {b} {c}", digits(3), digits(3), digits(4)),
    st.builds(lambda a, b, c: f"{a}.{b}.{c}", digits(3), digits(3), digits(4)),
    st.builds(lambda a: a, digits(10)),
)
dates = st.dates().map(lambda d: d.isoformat())
WORDS = st.text("abcdefghij ñéüçàαβжщ", max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(phones | dates, min_size=1, max_size=4), WORDS)
def test_phones_and_iso_dates_are_never_flagged(items: list[str], words: str) -> None:
    text = f" {words} ".join(items)
    assert find_identifiers(text) == [], text
