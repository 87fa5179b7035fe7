"""The provider directory: model, CSV import (all-or-nothing) and formula-safe export."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.referrals.directory import (
    COLUMNS,
    FORMULA_STARTS,
    OPTIONAL_COLUMNS,
    CsvImportError,
    Provider,
    ProviderError,
    borough_of,
    neutralise,
    parse_csv,
    to_csv,
)
from clinic_app.referrals.directory_store import demo_csv

# The format before the eligibility column: still accepted (the column is optional).
HEADER = ",".join(c for c in COLUMNS if c not in OPTIONAL_COLUMNS)
GOOD = 'Good Org (fictional),daca;tps,en;es,bronx,,(212) 555-0110,,,"Mon, Tue",walk_in,'


def provider(**changes: object) -> Provider:
    values: dict[str, object] = {
        "name": "Example (fictional)",
        "services": frozenset({"daca"}),
        "languages": frozenset({"en"}),
        "phone": "(212) 555-0111",
    }
    values.update(changes)
    return Provider(**values)  # type: ignore[arg-type]


def test_demo_directory_is_valid_and_plainly_fictional() -> None:
    providers = parse_csv(demo_csv())
    assert len(providers) >= 5
    for p in providers:
        assert "fictional" in p.name.lower()
        assert "555-01" in p.phone
        assert not p.email or p.email.endswith("@example.org")
    services = set().union(*(p.services for p in providers))
    assert {"detained", "removal_defense", "children_sijs", "u_t_vawa"} <= services


def test_a_good_file_imports() -> None:
    (p,) = parse_csv(f"{HEADER}\r\n{GOOD}\r\n")
    assert p.services == {"daca", "tps"} and p.boroughs == {"bronx"} and p.hours == "Mon, Tue"


def test_every_bad_line_is_reported_with_its_number_and_nothing_is_returned() -> None:
    lines = [
        HEADER,
        GOOD,
        "No Services (fictional),,en,,,(212) 555-0112,,,,walk_in,",
        "Bad Service (fictional),flying,en,,,(212) 555-0113,,,,walk_in,",
        "Too Few,daca",
        "Good Org (FICTIONAL),daca,en,,,(212) 555-0114,,,,walk_in,",
        "Bad Borough (fictional),daca,en,narnia,,(212) 555-0115,,,,walk_in,",
        "No Contact (fictional),daca,en,,,,,,,walk_in,",
    ]
    with pytest.raises(CsvImportError) as caught:
        parse_csv("\n".join(lines))
    problems = {p.line: p.reason for p in caught.value.problems}
    assert set(problems) == {3, 4, 5, 6, 7, 8}
    assert "services" in problems[3] and "services" in problems[4]
    assert "line 2" in problems[6]
    assert "Line 5:" in str(caught.value)


def test_line_numbers_count_physical_lines_of_quoted_multiline_cells() -> None:
    multiline = GOOD.replace("Mon, Tue", "Mon\nTue")
    text = f"{HEADER}\n{multiline}\nBad,daca\n"
    with pytest.raises(CsvImportError) as caught:
        parse_csv(text)
    assert [p.line for p in caught.value.problems] == [4]


@pytest.mark.parametrize(
    "text",
    ["", "name,services\n", f"{HEADER},extra\n", f'{HEADER}\n"unterminated,daca\n'],
)
def test_broken_files_are_refused(text: str) -> None:
    with pytest.raises(CsvImportError):
        parse_csv(text)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_export_neutralises_formula_cells_and_imports_back(start: str) -> None:
    p = provider(notes=f"{start}HYPERLINK(1)".strip(), hours="=1+1", address="@SUM(A1)")
    text = to_csv([p])
    rows = list(csv.reader(io.StringIO(text)))
    for cell in rows[1]:
        assert not cell.startswith(FORMULA_STARTS), cell
    assert parse_csv(text) == [p]


def test_neutralise() -> None:
    assert neutralise("=cmd") == "'=cmd"
    assert neutralise("-1") == "'-1"
    assert neutralise("+1 212") == "'+1 212"
    assert neutralise("plain") == "plain"


def test_validation_messages() -> None:
    with pytest.raises(ProviderError):
        provider(name="  ")
    with pytest.raises(ProviderError):
        provider(languages=frozenset({"English"}))
    with pytest.raises(ProviderError):
        provider(phone="call us", email="")
    with pytest.raises(ProviderError):
        provider(access="sometimes")


def test_areas() -> None:
    assert borough_of("11372") == "queens" and borough_of("10301") == "staten_island"
    assert borough_of("07030") is None
    p = provider(boroughs=frozenset({"bronx"}), zip_prefixes=("113",))
    assert p.serves_area("10451") and p.serves_area("11372") and not p.serves_area("11201")
    assert not p.serves_area(None)


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(notes=_text, hours=_text, address=_text)
def test_csv_round_trip(notes: str, hours: str, address: str) -> None:
    try:
        p = provider(notes=notes, hours=hours, address=address)
    except ProviderError:
        return
    assert parse_csv(to_csv([p])) == [p]


def test_eligibility_hours_walk_in_and_languages_round_trip() -> None:
    header = ",".join(COLUMNS)
    line = (
        "Queens Youth Law (fictional),children_sijs,es;mam;wo,queens,,(718) 555-0190,,,"
        '"Sat 10:00-14:00",walk_in,"Queens residents; under 21",'
    )
    (p,) = parse_csv(f"{header}\r\n{line}\r\n")
    assert p.eligibility == "Queens residents; under 21"
    assert p.hours == "Sat 10:00-14:00" and p.access == "walk_in"
    assert p.languages == {"es", "mam", "wo"}
    assert parse_csv(to_csv([p])) == [p]
    assert "eligibility" in to_csv([p]).splitlines()[0]
    assert Provider.from_mapping(p.to_mapping()) == p
    old = {k: v for k, v in p.to_mapping().items() if k != "eligibility"}
    assert Provider.from_mapping(old).eligibility == ""  # stored before the column existed


def test_a_header_naming_a_column_twice_is_refused() -> None:
    with pytest.raises(CsvImportError):
        parse_csv(f"{HEADER},name\r\n{GOOD}\r\n")
