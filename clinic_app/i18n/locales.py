"""CLDR data through Babel: language names, dates and numbers per language.

Babel is imported here, not in the translation layer, so that start-up pays
for it only when a screen formats a date or lists languages.
"""

from __future__ import annotations

import json
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

from clinic_app.i18n import LANGUAGES
from clinic_app.i18n.cldr import CLDR_FALLBACK, cldr_locale
from clinic_app.i18n.dates import format_date as with_haitian_names

__all__ = ["CLDR_FALLBACK", "cldr_locale", "format_date", "format_number", "native_name"]


def native_name(code: str) -> str:
    """The language's name in its own script ("español", "العربية"); the code itself
    for a language CLDR has no locale for (a client's language such as Mam)."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if code != "zh_Hant" else name


def format_date(value: date, code: str, form: str = "medium") -> str:
    """``value`` for display in ``code`` (Latin digits; Haitian names from the catalogue)."""
    if code == "ht":
        return with_haitian_names(value, code, form)
    return _format_date(value, format=form, locale=cldr_locale(code))


def format_number(value: float | int, code: str) -> str:
    return format_decimal(value, locale=cldr_locale(code))


def missing_cldr() -> list[str]:
    """Languages for which Babel has no CLDR data at all."""
    missing = []
    for code in LANGUAGES:
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            missing.append(code)
    return missing


def native_names_module() -> str:
    """Source of ``clinic_app/i18n/native_names.py``, the start-up cache of ``native_name``.

    Regenerate with ``python -m clinic_app.i18n.locales > clinic_app/i18n/native_names.py``.
    """
    rows = "".join(
        f"    {json.dumps(code)}: {json.dumps(native_name(code), ensure_ascii=False)},\n"
        for code in LANGUAGES
    )
    return (
        '"""Each language\'s name in its own language and script, from CLDR (generated).\n\n'
        "Cached here because asking Babel costs ~60 ms at start-up. Regenerate with\n"
        "``python -m clinic_app.i18n.locales > clinic_app/i18n/native_names.py``.\n"
        '"""\n\n'
        f"NATIVE_NAMES: dict[str, str] = {{\n{rows}}}\n"
    )


if __name__ == "__main__":
    print(native_names_module(), end="")
