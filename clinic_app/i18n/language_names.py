"""Any language's name, from CLDR through Babel; its ISO 639-3 code where CLDR has none.

A client's language may be any language (Mam, K'iche', Wolof, Fulani), not
only the eleven of the interface. Names come from CLDR in the language of the
screen or the sheet; a code CLDR cannot name is shown as the code itself, so
a volunteer can still record it and an attorney can still look it up.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

from clinic_app.i18n import LANGUAGES
from clinic_app.i18n.locales import cldr_locale

# ISO 639-1 or 639-3, optionally with a script or region (zh_Hant).
CODE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,8})?")
# Languages of New York City clients that CLDR cannot name: offered by code.
EXTRA_CODES: tuple[str, ...] = ("mam", "kjb", "tzh", "tzo", "yua", "ful", "acr", "jac")


@cache
def _names(display: str) -> dict[str, str]:
    return dict(cldr_locale(display).languages)


def cldr_name(code: str, display: str) -> str | None:
    """CLDR's name of ``code`` in the language ``display``, or None."""
    if "_" in code:
        try:
            name = Locale.parse(code).get_display_name(cldr_locale(display))
        except (ValueError, UnknownLocaleError):
            name = None
    else:
        name = _names(display).get(code)
    if not name:
        return None
    return name[:1].upper() + name[1:]


def language_name(code: str, display: str) -> str:
    """The name of ``code`` in ``display``; the code itself where CLDR has no name."""
    return cldr_name(code, display) or code


def language_label(code: str, display: str) -> str:
    """Name and code for a sheet: "Kʼicheʼ (quc)", or "mam (ISO 639-3)"."""
    name = cldr_name(code, display)
    return f"{name} ({code})" if name else f"{code} (ISO 639-3)"


@cache
def client_language_choices(display: str) -> tuple[tuple[str, str], ...]:
    """(name, code) of every language a client may speak: the interface's first."""
    first = [(language_name(c, display), c) for c in LANGUAGES]
    seen = set(LANGUAGES)
    others = []
    for code in (*_names(display), *EXTRA_CODES):
        if code in seen or not CODE.fullmatch(code) or "_" in code:
            continue
        seen.add(code)
        others.append((language_name(code, display), code))
    others.sort(key=lambda pair: pair[0].casefold())
    return (*first, *others)
