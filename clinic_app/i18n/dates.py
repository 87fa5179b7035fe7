"""Dates typed and shown in each language: the locale's numeric form, ISO, and CLDR names.

Entry accepts the language's own numeric order from CLDR's short date pattern
(month/day/year in English, day/month/year in Spanish or Arabic, year/month/day
in Chinese and Korean) with any of ``/ . - ,`` or spaces between the numbers,
and ISO ``YYYY-MM-DD`` in every language: three numbers whose first has four
digits are always year, month, day. Entry is strict:

- the year must have four digits: a date of birth typed "3/4/25" could be 1925
  or 2025, and no sliding window tells them apart for a 100-year-old client, so
  the person is asked to type the year in full;
- the day must exist (no 31 April, 29 February only in leap years);
- the year must lie in 1900–2100.

Digits: the app writes Latin digits (0–9) in every language, as Babel does and
as the USCIS and court forms clients bring to the clinic do. Entry also accepts
Arabic-Indic, Extended Arabic-Indic (Urdu) and Bengali digits, and ignores the
directional marks CLDR puts in Arabic patterns.

Haitian Creole: CLDR's ``ht`` data is a stub (English day names, no formats of
its own), so dates use the French patterns (day/month/year) with Haitian month
and day names from the ``ht`` catalogue (messages whose context starts with
"ht:"). Until a name is translated there, the French CLDR name is used, which
Haitian readers understand better than the English one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from typing import Literal

from clinic_app.i18n import _, translation
from clinic_app.i18n.bidi import strip_marks

MIN_YEAR = 1900
MAX_YEAR = 2100
# Characters that may separate the three numbers of a typed date.
_SEPARATORS = " /.-,\u00a0\u202f\u060c年月日년월일"
_NUMBERS = re.compile(r"[0-9]+")


class DateEntryError(ValueError):
    """A typed date that cannot be read; ``str(error)`` is a translated sentence."""


@cache
def _short_pattern_tokens(code: str) -> tuple[tuple[str, object], ...]:
    from babel.dates import tokenize_pattern

    from clinic_app.i18n.cldr import cldr_locale

    pattern = strip_marks(cldr_locale(code).date_formats["short"].pattern)
    return tuple(tokenize_pattern(pattern))


def field_order(code: str) -> str:
    """The order of day, month and year in the language's numeric dates: "mdy", "dmy", "ymd"."""
    order = ""
    for kind, value in _short_pattern_tokens(code):
        if kind == "field" and isinstance(value, tuple) and value[0] in "dMy":
            letter = str(value[0]).lower()
            if letter not in order:
                order += letter
    if sorted(order) != ["d", "m", "y"]:
        raise RuntimeError(f"CLDR short date pattern for {code!r} lacks day, month or year")
    return order


def format_entry(value: date, code: str) -> str:
    """``value`` in the numeric form ``parse_date`` reads back: the locale's order, full year."""
    parts: list[str] = []
    for kind, token in _short_pattern_tokens(code):
        if kind == "chars":
            parts.append(str(token))
            continue
        assert isinstance(token, tuple)
        letter, count = str(token[0]), int(token[1])
        if letter == "y":
            parts.append(f"{value.year:04d}")
        elif letter == "M":
            parts.append(f"{value.month:0{min(count, 2)}d}")
        elif letter == "d":
            parts.append(f"{value.day:0{min(count, 2)}d}")
        else:
            parts.append(f"{letter * count}")  # not in any short pattern we ship
    return "".join(parts).strip()


def _latin_digits(text: str) -> str:
    out = []
    for ch in text:
        if ch.isdigit() and not ch.isascii() and unicodedata.decimal(ch, None) is not None:
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(ch)
    return "".join(out)


def parse_date(text: str, code: str) -> date:
    """The date in ``text``, typed in ``code``'s numeric order or as ISO YYYY-MM-DD.

    Raises ``DateEntryError`` (a ValueError) with a translated message otherwise.
    """
    cleaned = " ".join(_latin_digits(strip_marks(text)).split())
    if not cleaned:
        raise DateEntryError(_("Enter a date."))
    if any(not (ch.isascii() and ch.isdigit()) and ch not in _SEPARATORS for ch in cleaned):
        raise DateEntryError(
            _("Type the date with numbers, for example {example}.").format(
                example=format_entry(date(1990, 12, 31), code)
            )
        )
    numbers = _NUMBERS.findall(cleaned)
    if len(numbers) != 3:
        raise DateEntryError(
            _("A date has a day, a month and a year, for example {example}.").format(
                example=format_entry(date(1990, 12, 31), code)
            )
        )
    order = "ymd" if len(numbers[0]) == 4 else field_order(code)
    fields = dict(zip(order, numbers, strict=True))
    if len(fields["y"]) != 4:
        raise DateEntryError(_("Type the year with four digits, for example 1990."))
    year, month, day = int(fields["y"]), int(fields["m"]), int(fields["d"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateEntryError(
            _("The year must be between {first} and {last}.").format(first=MIN_YEAR, last=MAX_YEAR)
        )
    if not 1 <= month <= 12:
        raise DateEntryError(_("There is no month {month}.").format(month=month))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateEntryError(_("That month has no day {day}.").format(day=day)) from None


def format_date(value: date, code: str, form: str = "medium") -> str:
    """``value`` as CLDR writes it in ``code`` ("short", "medium", "long" or "full")."""
    if code == "ht":
        return _format_haitian(value, form)
    from babel.dates import format_date as babel_format_date

    from clinic_app.i18n.cldr import cldr_locale

    return babel_format_date(value, format=form, locale=cldr_locale(code))


def _format_haitian(value: date, form: str) -> str:
    from babel.dates import format_date as babel_format_date
    from babel.dates import tokenize_pattern

    from clinic_app.i18n.cldr import cldr_locale

    french = cldr_locale("ht")
    parts: list[str] = []
    for kind, token in tokenize_pattern(french.date_formats[form].pattern):
        if kind == "chars":
            parts.append(str(token))
            continue
        letter, count = str(token[0]), int(token[1])
        if letter in "ML" and count >= 3:
            parts.append(haitian_month(value.month, abbreviated=count == 3))
        elif letter in "Ec" and count >= 3:
            parts.append(haitian_weekday(value.weekday()))
        else:
            parts.append(babel_format_date(value, format=letter * count, locale=french))
    return "".join(parts)


def haitian_month(month: int, abbreviated: bool = False) -> str:
    """Month 1–12 in Haitian Creole from the catalogue, else the French CLDR name."""
    from babel.dates import get_month_names

    width: Literal["abbreviated", "wide"] = "abbreviated" if abbreviated else "wide"
    english = _ENGLISH_MONTHS_ABBR if abbreviated else _ENGLISH_MONTHS
    names = _ht_months_abbr() if abbreviated else _ht_months()
    translated = names[month - 1]
    if translated != english[month - 1]:
        return translated
    return str(get_month_names(width, locale="fr")[month])


def haitian_weekday(weekday: int) -> str:
    """Weekday (Monday = 0) in Haitian Creole from the catalogue, else the French CLDR name."""
    from babel.dates import get_day_names

    translated = _ht_days()[weekday]
    if translated != _ENGLISH_DAYS[weekday]:
        return translated
    return str(get_day_names("wide", locale="fr")[weekday])


_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ENGLISH_MONTHS_ABBR = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Haitian Creole calendar words live in the catalogue under an "ht:" context:
# only the ht catalogue needs them (other languages take theirs from CLDR), and
# the catalogue check requires them there alone. Written out as pgettext calls
# so that `make extract-messages` finds them.
def _ht_months() -> tuple[str, ...]:
    t = translation("ht")
    return (
        # Translators: Haitian Creole only (other languages leave "ht:" messages empty).
        t.pgettext("ht: month name", "January"),
        t.pgettext("ht: month name", "February"),
        t.pgettext("ht: month name", "March"),
        t.pgettext("ht: month name", "April"),
        t.pgettext("ht: month name", "May"),
        t.pgettext("ht: month name", "June"),
        t.pgettext("ht: month name", "July"),
        t.pgettext("ht: month name", "August"),
        t.pgettext("ht: month name", "September"),
        t.pgettext("ht: month name", "October"),
        t.pgettext("ht: month name", "November"),
        t.pgettext("ht: month name", "December"),
    )


def _ht_months_abbr() -> tuple[str, ...]:
    t = translation("ht")
    return (
        # Translators: Haitian Creole only: the short month name used in "27 nov. 2026".
        t.pgettext("ht: abbreviated month name", "Jan"),
        t.pgettext("ht: abbreviated month name", "Feb"),
        t.pgettext("ht: abbreviated month name", "Mar"),
        t.pgettext("ht: abbreviated month name", "Apr"),
        t.pgettext("ht: abbreviated month name", "May"),
        t.pgettext("ht: abbreviated month name", "Jun"),
        t.pgettext("ht: abbreviated month name", "Jul"),
        t.pgettext("ht: abbreviated month name", "Aug"),
        t.pgettext("ht: abbreviated month name", "Sep"),
        t.pgettext("ht: abbreviated month name", "Oct"),
        t.pgettext("ht: abbreviated month name", "Nov"),
        t.pgettext("ht: abbreviated month name", "Dec"),
    )


def _ht_days() -> tuple[str, ...]:
    t = translation("ht")
    return (
        # Translators: Haitian Creole only (other languages leave "ht:" messages empty).
        t.pgettext("ht: weekday name", "Monday"),
        t.pgettext("ht: weekday name", "Tuesday"),
        t.pgettext("ht: weekday name", "Wednesday"),
        t.pgettext("ht: weekday name", "Thursday"),
        t.pgettext("ht: weekday name", "Friday"),
        t.pgettext("ht: weekday name", "Saturday"),
        t.pgettext("ht: weekday name", "Sunday"),
    )
