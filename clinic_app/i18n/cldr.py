"""Which CLDR locale formats each language (Babel's ``Locale``).

Its own module so that ``locales`` (names, numbers, dates) and ``dates`` (typed
dates, Haitian names) both use it without importing each other.
"""

from __future__ import annotations

from babel import Locale

# CLDR's Haitian Creole is a stub (no month or day names, "M11" in dates):
# format dates and numbers the French way until the catalogue supplies names.
CLDR_FALLBACK = {"ht": "fr", "en_XA": "en"}


def cldr_locale(code: str) -> Locale:
    return Locale.parse(CLDR_FALLBACK.get(code, code))
