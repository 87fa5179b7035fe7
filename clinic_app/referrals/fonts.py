"""Bundled fonts for referral sheets: one family per script, chosen per run of text.

reportlab draws a character its font lacks as glyph 0, the empty box. So a
sheet never relies on one font: each language has a home family, and every
character is drawn with the first family, in a fixed order, whose font has it
(a Latin provider name on an Arabic sheet is drawn in Noto Sans, a Chinese
client name on an English sheet in WenQuanYi Micro Hei).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.glyphfont import GlyphFont
from clinic_app.referrals.sheet import Sheet, all_text
from clinic_app.resources import fonts_dir


@dataclass(frozen=True)
class Face:
    """One font file (and subfont, for a .ttc collection) under a reportlab name."""

    name: str
    file: str
    index: int = 0


@dataclass(frozen=True)
class Family:
    """A regular and a bold face; ``synthetic_bold`` when the bold is the regular one.

    ``scale`` evens out apparent sizes: Naskh and Nastaliq letters are small
    for their em, so they are set a little larger than the nominal size.
    """

    key: str
    regular: Face
    bold: Face
    synthetic_bold: bool = False
    scale: float = 1.0

    def face(self, bold: bool) -> Face:
        return self.bold if bold else self.regular


def _family(
    key: str, regular: str, bold: str | None = None, index: int = 0, scale: float = 1.0
) -> Family:
    reg = Face(f"Clinic-{key}", regular, index)
    if bold is None:
        return Family(key, reg, reg, synthetic_bold=True, scale=scale)
    return Family(key, reg, Face(f"Clinic-{key}-Bold", bold, index), scale=scale)


FAMILIES: dict[str, Family] = {
    f.key: f
    for f in (
        _family("latin", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        _family("arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", scale=1.1),
        # Nastaliq is how Urdu is read; it ships in one weight.
        _family("urdu", "NotoNastaliqUrdu-Regular.ttf", scale=1.05),
        _family("bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
        # Subfont 0 of the collection is the proportional "WenQuanYi Micro Hei".
        _family("chinese", "wqy-microhei.ttc", index=0),
        _family("korean", "NanumGothic.ttf", "NanumGothicBold.ttf"),
    )
}

LANGUAGE_FAMILY: dict[str, str] = {
    "en": "latin",
    "es": "latin",
    "zh_Hant": "chinese",
    "ru": "latin",
    "bn": "bengali",
    "ht": "latin",
    "ko": "korean",
    "ar": "arabic",
    "ur": "urdu",
    "fr": "latin",
    "pl": "latin",
}
assert set(LANGUAGE_FAMILY) == set(LANGUAGES)

# Where a character is not in the home family, the first family here that has it.
FALLBACK_ORDER = ("latin", "arabic", "bengali", "chinese", "korean", "urdu")

_lock = threading.Lock()


def face_path(face: Face) -> Path:
    return fonts_dir() / face.file


@cache
def _register(face: Face) -> GlyphFont:
    font = GlyphFont(face.name, str(face_path(face)), subfontIndex=face.index)
    pdfmetrics.registerFont(font)
    return font


def glyph_font(face: Face) -> GlyphFont:
    """The registered reportlab font for ``face`` (registered on first use, once)."""
    with _lock:
        return _register(face)


def register_all() -> list[str]:
    """Registers every face; returns their reportlab names."""
    return [
        glyph_font(face).fontName
        for family in FAMILIES.values()
        for face in {family.regular, family.bold}
    ]


def family_for_language(code: str) -> Family:
    """The home family of a sheet in language ``code``."""
    return FAMILIES[LANGUAGE_FAMILY[code]]


def is_ignorable(ch: str) -> bool:
    """Characters that are never drawn: controls and format characters (ZWJ, ZWNJ)."""
    return unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}


def _covers(family: Family, bold: bool, ch: str) -> bool:
    return glyph_font(family.face(bold)).covers(ch)


def _sticks_to_previous(ch: str) -> bool:
    """Marks and joiners belong to the cluster before them: same font."""
    return unicodedata.category(ch) in {"Mn", "Mc", "Me"} or ch in "\u200c\u200d"


def _is_neutral(ch: str) -> bool:
    """Digits, punctuation, symbols and spaces: drawn in the surrounding font if it can."""
    return not unicodedata.category(ch).startswith("L")


def _is_hangul(ch: str) -> bool:
    cp = ord(ch)
    return 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xAC00 <= cp <= 0xD7FF


def _first_covering(candidates: list[Family], bold: bool, chars: str) -> Family | None:
    for family in candidates:
        if all(is_ignorable(ch) or _covers(family, bold, ch) for ch in chars):
            return family
    return None


def assign_families(text: str, home: Family, bold: bool = False) -> list[Family]:
    """A family for each character of ``text``, so that no drawn glyph is missing.

    Letters take the home family when it has them, else the first family in
    FALLBACK_ORDER that does; marks and joiners stay with their base. A run of
    neutral characters (digits, punctuation, spaces) is kept in one font: the
    one before it if it has them all, else the first that has them all, so
    that "27/11/2026" is not drawn in two fonts. A character no bundled font
    has keeps the home family, and ``missing_glyphs`` reports it.
    """
    fallbacks = [home, *(FAMILIES[key] for key in FALLBACK_ORDER)]
    result: list[Family] = []
    previous: Family | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if previous is not None and (
            is_ignorable(ch) or (_sticks_to_previous(ch) and _covers(previous, bold, ch))
        ):
            result.append(previous)
            i += 1
            continue
        end = i + 1
        candidates = fallbacks
        if _is_neutral(ch):
            while end < len(text) and _is_neutral(text[end]):
                end += 1
            if previous is not None:
                candidates = [previous, *fallbacks]
        if _is_hangul(ch):
            # WenQuanYi has Hangul too, but a Korean name reads best in a Korean font.
            candidates = [home, FAMILIES["korean"], *candidates]
        chosen = _first_covering(candidates, bold, text[i:end])
        if chosen is None:
            # No one font has the whole run: choose character by character.
            end = i + 1
            chosen = _first_covering(candidates, bold, ch) or home
        result += [chosen] * (end - i)
        previous = chosen
        i = end
    return result


def missing_glyphs(text: str, font: str) -> list[str]:
    """Characters of ``text`` that the registered font named ``font`` cannot draw.

    Each missing character is listed once, in order of appearance. Spaces count
    (a font without a space would draw a box); controls and format characters
    do not, as they are never drawn.
    """
    registered = pdfmetrics.getFont(font)
    if not isinstance(registered, GlyphFont):
        raise TypeError(f"{font!r} is not a font registered by clinic_app.referrals.fonts")
    missing: list[str] = []
    for ch in text:
        if is_ignorable(ch) or ch in missing:
            continue
        if not registered.covers(ch):
            missing.append(ch)
    return missing


def uncovered(text: str, bold: bool = False) -> list[str]:
    """Characters of ``text`` that no bundled font can draw (printed as "?")."""
    missing: list[str] = []
    for ch in text:
        if is_ignorable(ch) or ch in missing:
            continue
        if not any(_covers(family, bold, ch) for family in FAMILIES.values()):
            missing.append(ch)
    return missing


@cache
def drawable(ch: str) -> bool:
    """True when some bundled font draws ``ch`` (or it is never drawn)."""
    return is_ignorable(ch) or any(_covers(family, False, ch) for family in FAMILIES.values())


def fallback_code(ch: str) -> str:
    """What a sheet prints for a character no font has: its code, visibly ("[U+1F600]")."""
    return f"[U+{ord(ch):04X}]"


def with_visible_fallback(text: str) -> str:
    """``text`` with each character no bundled font can draw replaced by its code."""
    if all(drawable(ch) for ch in text):
        return text
    return "".join(ch if drawable(ch) else fallback_code(ch) for ch in text)


def undrawable(sheets: Iterable[Sheet]) -> list[str]:
    """Characters of the sheets that no bundled font can draw, each once (for a warning)."""
    missing: list[str] = []
    for sheet in sheets:
        for ch in all_text(sheet):
            if ch not in missing and not drawable(ch):
                missing.append(ch)
    return missing
