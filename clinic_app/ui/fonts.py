"""Registers the bundled fonts so every laptop renders every script the same way."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from clinic_app.resources import font_files

# Preferred family per script; Qt falls back through the list for other scripts.
UI_FAMILIES = [
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Nastaliq Urdu",
    "Noto Sans Bengali",
    "WenQuanYi Micro Hei",
    "NanumGothic",
]


def register_fonts() -> list[str]:
    """Adds every bundled font; returns the files Qt refused (empty when all loaded)."""
    refused = []
    for path in font_files():
        if QFontDatabase.addApplicationFont(str(path)) == -1:
            refused.append(path.name)
    return refused


def ui_font(point_size: float = 0) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    if point_size:
        font.setPointSizeF(point_size)
    return font
