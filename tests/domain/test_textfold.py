"""Search folding: one spelling for the variants people type."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.textfold import fold, index_tokens, match_query


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("maria", "María"),
        ("MARIA JOSE", "María José"),
        ("nunez", "Núñez"),
        ("francois", "François"),
        ("lukasz walesa", "Łukasz Wałęsa"),
        ("zolc", "Żółć"),
        ("obrien", "O’Brien"),
        ("jean bernard", "Jean-Bernard"),
        ("strasse", "Straße"),
        ("иванов", "ИВАНОВ"),
        ("петр", "Пётр"),
        ("احمد", "أحمد"),
        ("احمد", "إحمد"),
        ("امين", "آمين"),
        ("عبد الله", "عَبْدُ ٱللَّٰه"),
        ("محمد", "مـحـمـد"),  # tatweel
        ("فاطمه", "فاطمة"),  # teh marbuta
        ("مصطفي", "مصطفى"),  # alef maqsura
        ("پرويز", "پرویز"),  # Farsi yeh
        ("كريم", "کریم"),  # keheh
        ("ميخواهم", "می\u200cخواهم"),  # ZWNJ
        ("১২৩", "123"),
        ("মুহাম্মদ", "মুহাম্মদ"),
        ("maria", "ｍａｒｉａ"),  # full width
    ],
)
def test_variants_fold_together(typed: str, stored: str) -> None:
    assert fold(typed) == fold(stored)


@pytest.mark.parametrize(
    ("a", "b"),
    [("maria", "mario"), ("иванов", "иванова"), ("王", "玉"), ("민준", "민존"), ("রহমান", "রহিম")],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_bengali_vowel_signs_are_kept() -> None:
    assert fold("মুহাম্মদ") == unicodedata.normalize("NFC", "মুহাম্মদ")


def test_index_tokens_split_han_and_hangul_and_arabic_article() -> None:
    assert index_tokens("王小明") == "王 小 明"
    assert index_tokens("김민준") == "김 민 준"
    assert index_tokens("أحمد الحسن") == "احمد الحسن حسن"
    assert index_tokens("María-José O'Brien") == "maria jose obrien"


def test_match_query_quotes_everything() -> None:
    assert match_query("María") == '"maria"*'
    assert match_query("小明") == '"小 明"'
    assert match_query('a" OR b NEAR(c') == '"a"* "or"* "b"* "near"* "c"*'
    assert match_query(" -- ") == ""


NAMEISH = st.text(
    st.one_of(
        st.characters(),
        st.characters(min_codepoint=0x300, max_codepoint=0x36F),
        st.characters(min_codepoint=0x400, max_codepoint=0x4FF),
        st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
        st.characters(min_codepoint=0x980, max_codepoint=0x9FF),
        st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),  # Arabic presentation forms
        st.sampled_from(["\u200c", "\u200d", "'", "ß", "İ", "ς", "ǅ", "ﬁ", "\u0640"]),
    ),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(NAMEISH)
def test_fold_is_idempotent_and_has_no_case_or_latin_accents(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.casefold() == folded
    assert not any(0x300 <= ord(c) <= 0x36F for c in folded)
    assert "  " not in folded and folded == folded.strip()


@settings(max_examples=300, deadline=None)
@given(NAMEISH)
def test_match_query_is_only_quoted_strings(text: str) -> None:
    query = match_query(text)
    assert QUERY.fullmatch(query), query


QUERY = re.compile(r'(?:"(?:[^"]|"")+"\*?(?: "(?:[^"]|"")+"\*?)*)?')
