"""Bidi levels, shaping and line breaking, checked on the laid-out glyphs."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.referrals.fonts import FAMILIES
from clinic_app.referrals.textlayout import (
    REPLACEMENT,
    Line,
    Style,
    bidi_levels,
    layout,
    ltr,
    strip_bidi_controls,
)

LATIN = Style(FAMILIES["latin"], 10)
ARABIC = Style(FAMILIES["arabic"], 10, rtl=True, language="ar")
URDU = Style(FAMILIES["urdu"], 10, rtl=True, language="ur")
BENGALI = Style(FAMILIES["bengali"], 10, language="bn")
CHINESE = Style(FAMILIES["chinese"], 10, language="zh_Hant")


def copied(line: Line) -> str:
    """What the glyphs of a line copy as, run by run in visual order."""
    return "".join(run.font.copy_text(code) for run in line.runs for code, _, _ in run.glyphs)


def test_levels_follow_the_paragraph_direction_not_the_text() -> None:
    assert bidi_levels("abc", rtl=False) == [0, 0, 0]
    assert bidi_levels("محمد", rtl=True) == [1, 1, 1, 1]
    # Latin text in an Arabic sheet is still a right-to-left paragraph.
    assert bidi_levels("abc", rtl=True) == [2, 2, 2]


def test_isolated_numbers_stay_left_to_right_in_rtl() -> None:
    text = "الهاتف: " + ltr("212-555-0147")
    levels = bidi_levels(text, rtl=True)
    number = [lv for ch, lv in zip(text, levels, strict=True) if ch in "0123456789-"]
    assert number and all(lv == 2 for lv in number)
    assert levels[text.index(":")] == 1


def test_user_text_cannot_smuggle_direction_controls() -> None:
    assert strip_bidi_controls("\u202eevil\u202c \u2067x\u2069\u200f") == "evil x"
    assert ltr("\u202e123") == "\u202a123\u202c"


def test_arabic_is_shaped_into_joined_forms() -> None:
    (line,) = layout("محمد", ARABIC, 300)
    (run,) = line.runs
    # Joined letters are not the isolated forms the cmap gives for each character.
    nominal = {chr(c) for c in range(0x0600, 0x0700)}
    assert any(code not in nominal for code, _, _ in run.glyphs)
    # Drawn right to left: glyph order is the reverse of the text.
    assert copied(line) == "دمحم"


def test_lam_alef_ligature_copies_as_its_two_letters() -> None:
    (line,) = layout("لا", ARABIC, 300)
    (run,) = line.runs
    # Naskh draws the ligature as two overlapping pieces at one position.
    assert len({x for _, x, _ in run.glyphs}) == 1
    # Copied in visual order, right to left: reversed, it is the logical text.
    assert copied(line)[::-1] == "لا"


def test_bengali_conjuncts_are_shaped() -> None:
    (line,) = layout("ক্ষমা", BENGALI, 300)
    texts = [line.runs[0].font.copy_text(code) for code, _, _ in line.runs[0].glyphs]
    # ক + ্ + ষ is one conjunct glyph standing for three characters.
    assert "ক্ষ" in texts
    assert len(line.runs[0].glyphs) < len("ক্ষমা")


def test_pre_base_vowel_sign_is_drawn_first_but_copies_in_order() -> None:
    (line,) = layout("রি", BENGALI, 300)
    glyphs = line.runs[0].glyphs
    assert len(glyphs) == 2
    assert glyphs[0][1] < glyphs[1][1]  # the i-sign is left of the consonant
    assert copied(line) == "রি"


def test_mixed_rtl_line_puts_runs_in_visual_order() -> None:
    (line,) = layout("محمد Maria", ARABIC, 300)
    assert line.runs[0].text == "Maria"
    assert line.runs[-1].text.strip() == "محمد"


def test_lines_break_at_spaces_and_fit() -> None:
    text = "Please bring this sheet and any letters you received to your appointment."
    lines = layout(text, LATIN, 120)
    assert len(lines) > 2
    assert all(line.width <= 120.01 for line in lines)
    assert " ".join(copied(line) for line in lines) == text


def test_rtl_lines_keep_logical_order_from_line_to_line() -> None:
    text = "يرجى إحضار هذه الورقة وجميع الرسائل التي تلقيتها إلى موعدك."
    lines = layout(text, ARABIC, 90)
    assert len(lines) > 2
    # Right to left, the first words are on the first line, at its right end.
    assert lines[0].runs[-1].text.startswith(text.split()[0])
    assert lines[-1].runs[-1].text.endswith(text.split()[-1])


def test_chinese_breaks_between_ideographs_not_before_punctuation() -> None:
    text = "請於預約時攜帶本表及您收到的所有信件。"
    lines = layout(text, CHINESE, 45)
    assert len(lines) > 2
    assert all(line.width <= 45.01 for line in lines)
    assert not any(copied(line).startswith("。") for line in lines)
    assert "".join(copied(line) for line in lines) == text


def test_a_word_wider_than_the_line_is_cut_between_clusters() -> None:
    lines = layout("x" * 80, LATIN, 50)
    assert len(lines) > 1
    assert all(line.width <= 50.01 for line in lines)


def test_characters_no_font_has_become_question_marks() -> None:
    (line,) = layout("a\U0001f600b", LATIN, 300)
    assert copied(line) == f"a{REPLACEMENT}b"


ALPHABET = (
    "abcXYZéñŁłжЖ"
    + "محمدعبدالله"
    + "عائشہخانںۓ"
    + "রহিমউদ্দিনক্ষমা"
    + "陳美玲請帶"
    + "김민준이름"
    + "0123456789:-/()., "
    + "\t\r\u200c\u200d\u00ad\ufeff\u2028\u0600"
)
# Spaces, controls and format characters: drawn as nothing or as a space.
INVISIBLE = str.maketrans("", "", " \t\r\u200c\u200d\u00ad\ufeff\u2028\u0600")


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=60),
    style=st.sampled_from([LATIN, ARABIC, URDU, BENGALI, CHINESE]),
    width=st.floats(min_value=60, max_value=400),
)
def test_layout_keeps_every_character_and_fits(text: str, style: Style, width: float) -> None:
    lines = layout(text, style, width)
    assert all(line.width <= width + 0.01 for line in lines)
    drawn = Counter("".join(copied(line) for line in lines).translate(INVISIBLE))
    assert drawn == Counter(text.translate(INVISIBLE))
