"""The translation layer: every user-facing string goes through ``_()``.

Catalogues are gettext files in ``translations/<code>/LC_MESSAGES/clinic.mo``,
managed with Babel (``make update-messages``, ``make translations``). The UI
language is process-wide and can change at run time; a referral sheet asks for
the catalogue of the client's language with ``translation(code)`` instead.
"""

from __future__ import annotations

import gettext
from functools import cache

from clinic_app.resources import translations_dir

DOMAIN = "clinic"
SOURCE_LANGUAGE = "en"
# English plus the ten languages NYC Local Law 30 designates, in that order.
LANGUAGES: tuple[str, ...] = (
    "en",
    "es",
    "zh_Hant",
    "ru",
    "bn",
    "ht",
    "ko",
    "ar",
    "ur",
    "fr",
    "pl",
)
RTL_LANGUAGES = frozenset({"ar", "ur"})
# Accented, 40% longer text for layout tests (clinic_app.i18n.pseudo); never listed.
PSEUDO_LANGUAGE = "en_XA"

_current = SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message


@cache
def translation(code: str) -> gettext.NullTranslations:
    """The catalogue for one language; English (the msgids) when it has none."""
    if code == PSEUDO_LANGUAGE:
        from clinic_app.i18n.pseudo import PseudoTranslations

        return PseudoTranslations()
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language: {code!r}")
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, localedir=str(translations_dir()), languages=[code], fallback=True
    )


def has_catalogue(code: str) -> bool:
    return (translations_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def set_language(code: str) -> None:
    """Makes ``code`` the UI language for every later ``_()`` call."""
    global _current
    translation(code)  # validates the code before anything changes
    _current = code


def current_language() -> str:
    return _current


def is_rtl(code: str | None = None) -> bool:
    """Direction comes from the language, never from the text."""
    return (code or _current) in RTL_LANGUAGES


def _(message: str) -> str:
    return translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``_()`` for a message whose msgid alone is ambiguous ("May" the month)."""
    return translation(_current).pgettext(context, message)


__all__ = [
    "LANGUAGES",
    "N_",
    "PSEUDO_LANGUAGE",
    "RTL_LANGUAGES",
    "SOURCE_LANGUAGE",
    "_",
    "current_language",
    "has_catalogue",
    "is_rtl",
    "ngettext",
    "pgettext",
    "set_language",
    "translation",
]
