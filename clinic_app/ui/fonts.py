"""Registers the bundled fonts so every laptop renders every script the same way.

Large CJK fonts cost tens of milliseconds to register, so only the fonts the UI
language needs are registered before the first window; the rest follow as soon
as the event loop runs (client names in other scripts appear only after login).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from clinic_app.resources import font_files

# Preferred family per script; Qt falls back through the list for other scripts.
UI_FAMILIES = [
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Sans Bengali",
    "WenQuanYi Micro Hei",
    "NanumGothic",
    "Noto Nastaliq Urdu",
]
# File name prefixes of the fonts each UI language needs besides Noto Sans.
LANGUAGE_FONTS = {
    "ar": ("NotoNaskhArabic",),
    "ur": ("NotoNaskhArabic", "NotoNastaliqUrdu"),
    "bn": ("NotoSansBengali",),
    "zh_Hant": ("wqy-microhei",),
    "ko": ("NanumGothic",),
}

_registered: set[Path] = set()


def fonts_for(language: str) -> list[Path]:
    prefixes = ("NotoSans-", *LANGUAGE_FONTS.get(language, ()))
    return [p for p in font_files() if p.name.startswith(prefixes)]


def register_fonts(paths: list[Path] | None = None) -> list[str]:
    """Adds bundled fonts (all by default); returns the files Qt refused."""
    refused = []
    for path in font_files() if paths is None else paths:
        if path in _registered:
            continue
        if QFontDatabase.addApplicationFont(str(path)) == -1:
            refused.append(path.name)
        else:
            _registered.add(path)
    return refused


def ui_font(point_size: float = 0) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    if point_size:
        font.setPointSizeF(point_size)
    return font
