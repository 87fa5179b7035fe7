"""CSV neutralisation: no cell a spreadsheet could read as a formula."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from clinic_app.domain.csvsafe import (
    TRIGGERS,
    needs_neutralising,
    neutralise,
    restore,
    starts_a_formula,
    to_csv,
)

danger = st.sampled_from(sorted(TRIGGERS))
blank = st.text(alphabet=" \n\u00a0\u3000", max_size=3)


@given(blank, danger, st.text())
def test_formula_starts_are_quoted(lead: str, trigger: str, rest: str) -> None:
    cell = lead + trigger + rest
    assert needs_neutralising(cell)
    assert neutralise(cell) == "'" + cell


@given(st.text())
def test_output_never_starts_a_formula(text: str) -> None:
    out = neutralise(text)
    assert not starts_a_formula(out)
    assert out in (text, "'" + text)


@given(st.text())
def test_restore_undoes_neutralise_exactly(text: str) -> None:
    assert restore(neutralise(text)) == text


def test_a_leading_apostrophe_survives_the_round_trip() -> None:
    assert neutralise("'=") == "''="
    assert restore("''=") == "'="


@given(st.text().filter(lambda t: not needs_neutralising(t)))
def test_safe_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(0, 10**6)), max_size=5), max_size=5))
def test_csv_reads_back_neutralised(rows: list[list[str | int]]) -> None:
    text = to_csv(rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back == [[neutralise(v) for v in row] for row in rows]
    for row in back:
        for cell in row:
            assert not starts_a_formula(cell)


def test_examples() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("\r=1") == "'\r=1"
    assert neutralise("  =1") == "'  =1"
    assert neutralise("María") == "María"
    assert neutralise(12) == "12"
    assert neutralise(None) == ""
