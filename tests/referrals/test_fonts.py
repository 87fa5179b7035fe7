"""Font registration, per-language families and per-character fallback."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.fonts import (
    FAMILIES,
    LANGUAGE_FAMILY,
    assign_families,
    face_path,
    family_for_language,
    glyph_font,
    missing_glyphs,
    register_all,
    uncovered,
)
from clinic_app.resources import fonts_dir

SAMPLE_SCRIPT = {
    "latin": "Zoë Nguyễn Łukasz Иванов",
    "arabic": "محمد عبد الله",
    "urdu": "عائشہ خان",
    "bengali": "রহিম উদ্দিন ক্ষমা",
    "chinese": "陳美玲",
    "korean": "김민준",
}


def test_every_face_is_bundled_and_registers_once() -> None:
    names = register_all()
    assert len(names) == len(set(names))
    for family in FAMILIES.values():
        for face in (family.regular, family.bold):
            assert face_path(face).parent == fonts_dir()
            assert face_path(face).is_file(), face.file
            assert pdfmetrics.getFont(face.name) is glyph_font(face)
    assert register_all() == names


def test_licences_are_bundled_with_the_fonts() -> None:
    licences = {p.name for p in (fonts_dir() / "licenses").iterdir()}
    assert {"Noto-copyright.txt", "Nanum-copyright.txt"} <= licences
    assert "WenQuanYi-MicroHei-copyright.txt" in licences


def test_wenquanyi_uses_the_proportional_subfont_of_the_collection() -> None:
    face = FAMILIES["chinese"].regular
    assert face.file.endswith(".ttc") and face.index == 0
    font = glyph_font(face)
    assert b"Mono" not in font.face.name
    assert font.covers("陳") and font.covers("A")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_a_family(code: str) -> None:
    assert family_for_language(code) is FAMILIES[LANGUAGE_FAMILY[code]]


@pytest.mark.parametrize("key", sorted(SAMPLE_SCRIPT))
def test_each_family_draws_its_own_script(key: str) -> None:
    register_all()  # not left to whichever test happened to run first
    family = FAMILIES[key]
    for face in (family.regular, family.bold):
        assert missing_glyphs(SAMPLE_SCRIPT[key], face.name) == []


def test_missing_glyphs_finds_what_a_font_lacks() -> None:
    register_all()
    latin = FAMILIES["latin"].regular.name
    assert missing_glyphs("রহিম", latin) == ["র", "হ", "ি", "ম"]
    assert missing_glyphs("陳美玲 陳", latin) == ["陳", "美", "玲"]
    assert missing_glyphs("Zoë\u200d", latin) == []  # a joiner is never drawn
    assert missing_glyphs("Zoë", FAMILIES["arabic"].regular.name) == ["Z", "o", "ë"]


def test_missing_glyphs_rejects_fonts_it_did_not_register() -> None:
    with pytest.raises(TypeError):
        missing_glyphs("x", "Helvetica")


def test_mixed_text_takes_a_font_per_script() -> None:
    text = "Name: 陳美玲 محمد রহিম 김민준"
    families = assign_families(text, FAMILIES["latin"])
    by_char = {ch: fam.key for ch, fam in zip(text, families, strict=True)}
    assert by_char["N"] == "latin"
    assert by_char["陳"] == "chinese"
    assert by_char["م"] == "arabic"
    assert by_char["র"] == "bengali"
    assert by_char["김"] == "korean"
    for ch, fam in zip(text, families, strict=True):
        assert glyph_font(fam.regular).covers(ch), (ch, fam.key)


def test_letters_go_back_to_the_home_family_after_another_script() -> None:
    text = "陳美玲 Chen"
    families = assign_families(text, FAMILIES["latin"])
    assert [f.key for f in families[-4:]] == ["latin"] * 4


def test_a_neutral_run_stays_in_one_font() -> None:
    # Naskh has digits but no "/": the whole date goes to one font that has all of it.
    text = "موعد 27/11/2026"
    families = assign_families(text, FAMILIES["arabic"])
    date_families = {f.key for f in families[5:]}
    assert date_families == {"latin"}


def test_marks_stay_with_their_base() -> None:
    text = "ক্ষি"
    assert {f.key for f in assign_families(text, FAMILIES["latin"])} == {"bengali"}


def test_uncovered_lists_what_no_bundled_font_has() -> None:
    assert uncovered("Maria 陳 محمد") == []
    assert uncovered("Maria \U0001f600") == ["\U0001f600"]


def test_a_plain_ttfont_of_the_same_file_does_not_replace_ours() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from clinic_app.referrals.glyphfont import GlyphFont

    path = str(face_path(FAMILIES["latin"].regular))
    pdfmetrics.registerFont(TTFont("Plain-NotoSans", path))
    ours = GlyphFont("Fresh-NotoSans", path)
    pdfmetrics.registerFont(ours)
    assert pdfmetrics.getFont("Fresh-NotoSans") is ours
    assert pdfmetrics.getFont("Plain-NotoSans") is not ours
