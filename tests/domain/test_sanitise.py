"""User-typed text loses controls and bidi overrides, keeps every script intact."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.sanitise import ZWJ, ZWNJ, clean_text, is_clean

# Ordinary names in the scripts of the eleven languages (and a few more),
# including Bengali and Persian/Urdu words that need ZWJ/ZWNJ.
ORDINARY = [
    "María José Núñez",
    "François Lefèvre-Œuvray",
    "Jean-Bernard Désir",  # Haitian Creole
    "Łukasz Wałęsa Żółć",
    "Иванов Пётр Сергеевич",
    "মুহাম্মদ রহমান",
    "র\u200dযাব",  # Bengali ra + ZWJ (ya-phala form)
    "ক্\u200dষ",  # Bengali explicit half form
    "김민준",
    "王小明",
    "陳大文",
    "أحمد الحسن",
    "عَبْدُ ٱللَّٰه",  # with tashkeel
    "پرویز مشرّف",
    "می\u200cخواهم",  # Persian with ZWNJ
    "نستعلیق",
    "👩\u200d💻",  # emoji ZWJ sequence
]
FORBIDDEN = {chr(c) for c in range(0x20)} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)}
FORBIDDEN |= {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
FORBIDDEN |= {"\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\u00ad"}


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_in_every_script_is_kept(text: str) -> None:
    assert clean_text(text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Ana\u202e zeloG", "Ana zeloG"),
        ("\u2067أحمد\u2069", "أحمد"),
        ("\u200fMaria\u200e", "Maria"),
        ("Ma\u200bria", "Maria"),
        ("Ana\x00\x1b[31m", "Ana[31m"),
        ("Ana\u0085Li", "Ana Li"),
        ("  Ana \t\n  Li  ", "Ana Li"),
        ("\u200dAna\u200c", "Ana"),  # joiners at the edges go
        ("a\u200d\u200db", "ab"),  # a run of joiners is not shaping
        ("a \u200c b", "a b"),
        ("Jose\u0301", "José"),  # NFC
        ("Jos\u202ee\u0301", "José"),  # composes once the override is gone
        ("tag\U000e0041\U000e0042", "tag"),
        ("\ud800x", "x"),  # lone surrogate
        ("x\ufffe\U0010ffff", "x"),
    ],
)
def test_examples(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean


def test_multiline_keeps_line_breaks_only() -> None:
    assert clean_text("a\r\nb\u2028c\td\x07", multiline=True) == "a\nb\nc d"
    assert is_clean("a\nb", multiline=True)
    assert not is_clean("a\nb")


TRICKY = sorted(FORBIDDEN | {ZWJ, ZWNJ, "\u0301", "\u0654", " ", "\u2028", "\ud800", "\ufffe"})
ANY_CHAR = st.one_of(
    st.characters(exclude_categories=()),  # every category, surrogates included
    st.sampled_from(TRICKY),
    st.characters(min_codepoint=0x980, max_codepoint=0x9FF),  # Bengali
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF),  # Arabic
)


@settings(max_examples=500, deadline=None)
@given(st.text(ANY_CHAR, max_size=40), st.booleans())
def test_output_has_no_control_or_override_and_is_idempotent(text: str, multiline: bool) -> None:
    out = clean_text(text, multiline=multiline)
    allowed_controls = {"\n"} if multiline else set()
    assert not (set(out) & (FORBIDDEN - allowed_controls))
    for i, ch in enumerate(out):
        category = unicodedata.category(ch)
        assert category not in ("Cc", "Cs") or ch in allowed_controls
        if category == "Cf":
            assert ch in (ZWJ, ZWNJ)
            assert 0 < i < len(out) - 1
    assert unicodedata.is_normalized("NFC", out)
    assert clean_text(out, multiline=multiline) == out


SCRIPT_CHARS = st.sampled_from(
    [
        st.characters(min_codepoint=0x41, max_codepoint=0x24F, categories=["Lu", "Ll"]),
        st.characters(min_codepoint=0x400, max_codepoint=0x4FF, categories=["Lu", "Ll"]),
        st.characters(min_codepoint=0x985, max_codepoint=0x9FE, categories=["Lo", "Mn", "Mc"]),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x621, max_codepoint=0x652, categories=["Lo", "Mn"]),
        st.characters(min_codepoint=0x679, max_codepoint=0x6D3, categories=["Lo"]),
    ]
).flatmap(lambda chars: st.text(chars, min_size=1, max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.lists(SCRIPT_CHARS, min_size=1, max_size=4))
def test_ordinary_words_survive_in_every_script(words: list[str]) -> None:
    text = " ".join(words)
    assert clean_text(text) == unicodedata.normalize("NFC", text)


JOINED = st.builds(
    lambda a, j, b: a + j + b,
    st.characters(min_codepoint=0x985, max_codepoint=0x9B9, categories=["Lo"]),
    st.sampled_from([ZWJ, ZWNJ, "\u09cd" + ZWJ, "\u09cd" + ZWNJ]),
    st.characters(min_codepoint=0x985, max_codepoint=0x9B9, categories=["Lo"]),
) | st.builds(
    lambda a, b: a + ZWNJ + b,
    st.characters(min_codepoint=0x626, max_codepoint=0x64A, categories=["Lo"]),
    st.characters(min_codepoint=0x626, max_codepoint=0x6D3, categories=["Lo"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(JOINED, min_size=1, max_size=3))
def test_joiners_inside_words_are_kept(words: list[str]) -> None:
    text = " ".join(words)
    assert clean_text(text) == unicodedata.normalize("NFC", text)
