"""Cleaning text typed by users before it is shown, stored or printed.

A name can carry invisible characters that reorder what is displayed (bidi
overrides: "Ana" + U+202E + "zeloG" shows as "Ana Golez"), hide text (tag
characters), break encoders (lone surrogates) or make two names look alike
(zero-width spaces). ``clean_text`` removes them:

- C0 and C1 controls. Single-line text turns whitespace controls (tab, line
  breaks, NEL, U+2028/U+2029) into a space; multi-line text keeps line breaks
  as ``\\n``.
- Every format character (Unicode category Cf): bidi embeddings, overrides and
  isolates (U+202A–U+202E, U+2066–U+2069), LRM/RLM/ALM, zero-width space,
  word joiner, BOM, soft hyphen, tag characters, and the rest of the category;
  except ZWNJ/ZWJ (U+200C/U+200D), which Bengali, Persian and Urdu need for
  correct shaping. A joiner is kept only between two letters, marks or symbols
  (emoji sequences), never at the edge of a word or next to another joiner.
- Surrogates and noncharacters.

Then the text is NFC-normalised; single-line text also has runs of
whitespace collapsed to one space and is trimmed. Direction is never guessed
from the text: the UI sets it from the language.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
_JOINERS = frozenset({ZWNJ, ZWJ})
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Categories a joiner may sit between: letters, marks, and symbols (emoji).
_WORDLIKE = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "So", "Sk"})


def _is_noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def _drop(ch: str) -> bool:
    """True for characters that never survive cleaning (joiners are judged later)."""
    if ch in _JOINERS:
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Cs") or _is_noncharacter(ord(ch))


def _wordlike(ch: str) -> bool:
    return unicodedata.category(ch) in _WORDLIKE


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without control, bidi-override and other invisible characters, NFC."""
    out: list[str] = []
    text = text.replace("\r\n", "\n")
    for ch in text:
        if ch in _LINE_BREAKS:
            out.append("\n" if multiline else " ")
        elif ch == "\t" or (not multiline and ch.isspace()):
            out.append(" ")
        elif not _drop(ch):
            out.append(ch)
    kept = _keep_joiners_inside_words(out)
    result = unicodedata.normalize("NFC", "".join(kept))
    if not multiline:
        result = " ".join(result.split())
    return result


def _keep_joiners_inside_words(chars: list[str]) -> list[str]:
    kept: list[str] = []
    for i, ch in enumerate(chars):
        if ch in _JOINERS:
            before = chars[i - 1] if i > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if not (
                before
                and after
                and before not in _JOINERS
                and after not in _JOINERS
                and _wordlike(before)
                and _wordlike(after)
            ):
                continue
        kept.append(ch)
    return kept


def is_clean(text: str, *, multiline: bool = False) -> bool:
    """True when ``clean_text`` would leave ``text`` unchanged."""
    return clean_text(text, multiline=multiline) == text
