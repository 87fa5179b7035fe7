from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clinic_app import i18n, resources
from clinic_app.i18n import locales


def test_resources_found_from_source() -> None:
    assert resources.missing_resources() == []
    names = {p.name for p in resources.font_files()}
    assert {"NotoSans-Regular.ttf", "NotoSansBengali-Regular.ttf", "wqy-microhei.ttc"} <= names
    for font in resources.font_files():
        licence_dir = resources.fonts_dir() / "licenses"
        assert any(licence_dir.iterdir()), font


def test_resources_found_in_a_pyinstaller_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CLINIC_INTAKE_ROOT", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("rules", "x.json") == tmp_path / "resources/rules/x.json"
    assert resources.translations_dir() == tmp_path / "translations"


def test_every_language_has_a_compiled_catalogue() -> None:
    for code in i18n.LANGUAGES:
        if code != i18n.SOURCE_LANGUAGE:
            assert i18n.has_catalogue(code), code


def test_language_switch_and_direction() -> None:
    try:
        i18n.set_language("ar")
        assert i18n.is_rtl()
        i18n.set_language("es")
        assert not i18n.is_rtl()
        assert i18n.is_rtl("ur")
        with pytest.raises(ValueError):
            i18n.set_language("xx")
        assert i18n.current_language() == "es"
    finally:
        i18n.set_language("en")


def test_babel_has_every_language_and_names_them_natively() -> None:
    assert locales.missing_cldr() == []
    assert locales.native_name("es") == "Español"
    assert locales.native_name("ar") == "العربية"
    assert locales.native_name("zh_Hant") == "中文 (繁體)"


def test_haitian_creole_dates_fall_back_to_french_formats() -> None:
    from datetime import date

    assert locales.format_date(date(2026, 11, 27), "ht", "short") == "27/11/2026"
    assert locales.format_number(1234.5, "fr") == "1\u202f234,5"
