"""Typed dates in every language: the locale's order and ISO, strict, Latin digits."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app import i18n
from clinic_app.i18n import dates, locales
from clinic_app.i18n.dates import DateEntryError, format_entry, parse_date
from tests.i18n.conftest import write_catalogue

LANGUAGES = i18n.LANGUAGES
in_range = st.dates(min_value=date(dates.MIN_YEAR, 1, 1), max_value=date(dates.MAX_YEAR, 12, 31))
ASCII_DIGITS = set("0123456789")


@settings(max_examples=60, deadline=None)
@given(value=in_range, code=st.sampled_from(LANGUAGES))
def test_entry_form_and_iso_round_trip(value: date, code: str) -> None:
    assert parse_date(format_entry(value, code), code) == value
    assert parse_date(value.isoformat(), code) == value


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30), code=st.sampled_from(LANGUAGES))
def test_garbage_raises_only_a_date_entry_error_with_a_message(text: str, code: str) -> None:
    try:
        parsed = parse_date(text, code)
    except DateEntryError as error:
        assert isinstance(error, ValueError)
        assert str(error).strip()
    else:
        assert dates.MIN_YEAR <= parsed.year <= dates.MAX_YEAR


@settings(max_examples=100, deadline=None)
@given(
    numbers=st.lists(st.integers(0, 99999), min_size=3, max_size=3),
    sep=st.sampled_from(["/", ".", "-", " ", ". "]),
    code=st.sampled_from(LANGUAGES),
)
def test_number_triples_never_raise_anything_else(numbers: list[int], sep: str, code: str) -> None:
    with contextlib.suppress(DateEntryError):
        parse_date(sep.join(map(str, numbers)), code)


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("en", "11/27/2026"),
        ("es", "27/11/2026"),
        ("fr", "27.11.2026"),
        ("ru", "27.11.2026"),
        ("pl", "27-11-2026"),
        ("zh_Hant", "2026/11/27"),
        ("zh_Hant", "2026年11月27日"),
        ("ko", "2026. 11. 27."),
        ("ar", "27\u200f/11\u200f/2026"),  # as CLDR writes it, marks and all
        ("ar", "٢٧/١١/٢٠٢٦"),  # Arabic-Indic digits
        ("ur", "۲۷/۱۱/۲۰۲۶"),  # Extended Arabic-Indic digits
        ("bn", "২৭/১১/২০২৬"),  # Bengali digits
        ("ht", "27/11/2026"),
        ("en", "2026-11-27"),
        ("en", " 2026-11-27 "),
    ],
)
def test_locale_forms(code: str, typed: str) -> None:
    assert parse_date(typed, code) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("code", "typed", "says"),
    [
        ("en", "", "Enter a date"),
        ("en", "2/30/2020", "no day 30"),
        ("en", "2/29/2021", "no day 29"),
        ("es", "29/2/2024", ""),  # a leap day is fine
        ("en", "13/1/2020", "no month 13"),
        ("en", "1/2/25", "four digits"),
        ("ko", "25. 1. 2.", "four digits"),
        ("en", "1/2/1850", "between 1900 and 2100"),
        ("en", "1/2", "a day, a month and a year"),
        ("en", "1/2/3/2020", "a day, a month and a year"),
        ("en", "Nov 27, 2026", "with numbers"),
        ("en", "2026-11-27T00:00", "with numbers"),
    ],
)
def test_strictness(code: str, typed: str, says: str) -> None:
    if not says:
        assert parse_date(typed, code) == date(2024, 2, 29)
        return
    with pytest.raises(DateEntryError, match=says):
        parse_date(typed, code)


def test_field_orders_come_from_cldr() -> None:
    orders = {code: dates.field_order(code) for code in LANGUAGES}
    assert orders["en"] == "mdy"
    assert orders["zh_Hant"] == orders["ko"] == "ymd"
    assert {orders[c] for c in ("es", "fr", "ru", "pl", "ar", "ur", "bn", "ht")} == {"dmy"}


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("form", ["short", "medium", "long", "full"])
def test_display_uses_latin_digits_everywhere(code: str, form: str) -> None:
    text = locales.format_date(date(2026, 11, 27), code, form)
    digits = {ch for ch in text if ch.isdigit()}
    assert digits and digits <= ASCII_DIGITS, text
    number = locales.format_number(1234567.5, code)
    assert {ch for ch in number if ch.isdigit()} <= ASCII_DIGITS, number


def test_haitian_dates_use_french_formats_and_haitian_names_from_the_catalogue() -> None:
    # CLDR has no Haitian month or day names; the ht catalogue supplies them.
    day = date(2026, 11, 27)
    assert locales.format_date(day, "ht", "short") == "27/11/2026"
    assert locales.format_date(day, "ht", "long") == "27 novanm 2026"
    assert locales.format_date(day, "ht", "full") == "vandredi 27 novanm 2026"


def test_haitian_names_come_from_the_catalogue(fixture_root: Path) -> None:
    # Test fixture only: two Haitian words in a throwaway catalogue.
    write_catalogue(
        fixture_root,
        "ht",
        {},
        contexts={
            ("ht: month name", "November"): "novanm",
            ("ht: weekday name", "Friday"): "vandredi",
        },
    )
    i18n.translation.cache_clear()
    day = date(2026, 11, 27)
    assert locales.format_date(day, "ht", "full") == "vandredi 27 novanm 2026"
    assert locales.format_date(day, "ht", "medium") == "27 nov. 2026"  # abbreviation not given
