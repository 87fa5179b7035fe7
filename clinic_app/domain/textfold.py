"""Folding names for search: case-, accent- and spelling-variant-insensitive.

Storage indexes ``index_tokens(name)`` in an SQLite FTS5 table created with
:data:`FTS5_TOKENIZE` and searches it with ``match_query(typed_text)``. All
folding happens here, in Python, so index and query always agree:

- NFKD + case folding, then Latin/Greek/Cyrillic diacritics removed
  (``María`` → ``maria``, ``Ł`` → ``l``, ``ё`` → ``е``); Bengali vowel signs
  and other marks that are letters in their own right are kept.
- Arabic script: tashkeel, superscript alef and tatweel removed; hamza and
  madda forms of alef to bare alef (``أحمد`` → ``احمد``); alef maqsura and
  Farsi/Urdu yeh to yeh; keheh to kaf; teh marbuta, heh goal and heh
  doachashmee to heh. An ``ال`` article is indexed with and without it.
- Digits of any script to ASCII; apostrophes dropped (``O'Brien`` →
  ``obrien``); every other non-letter, non-digit becomes a space; ZWJ/ZWNJ
  dropped (they shape text, they do not change the word).
- Han, kana and Hangul have no spaces between the parts of a name, so each of
  their characters is its own token and a query on them is a phrase: ``小明``
  finds ``王小明`` and ``민준`` finds ``김민준``.

Traditional and simplified Chinese characters are not folded into each other.

Why not FTS5's own tokenizers: ``unicode61`` splits Bengali words at every
vowel sign (they are marks, not in its default token categories) and its
``remove_diacritics`` does not fold Arabic; ``trigram`` matches nothing for a
query shorter than three characters, and two-character Chinese names are
common. So the tokenizer only splits on spaces of already folded text.
"""

from __future__ import annotations

import unicodedata

# Token characters: letters, digits, private use and all marks (Bengali vowel signs).
FTS5_TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"

_STRIPPED_MARKS: tuple[tuple[int, int], ...] = (
    (0x0300, 0x036F),  # combining diacritical marks (Latin, Greek, Cyrillic)
    (0x0483, 0x0489),  # Cyrillic combining marks
    (0x0591, 0x05C7),  # Hebrew points
    (0x0610, 0x061A),  # Arabic signs
    (0x064B, 0x065F),  # Arabic tashkeel, hamza above/below, madda
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x08D3, 0x08FF),  # extended Arabic marks
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

_LETTERS = str.maketrans(
    {
        # Latin letters with no decomposition
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        # Arabic script variants
        "\u0671": "\u0627",  # alef wasla
        "\u0649": "\u064a",  # alef maqsura
        "\u06cc": "\u064a",  # Farsi/Urdu yeh
        "\u06a9": "\u0643",  # keheh
        "\u0629": "\u0647",  # teh marbuta
        "\u06c3": "\u0647",  # teh marbuta goal
        "\u06c1": "\u0647",  # heh goal
        "\u06be": "\u0647",  # heh doachashmee
        "\u0640": None,  # tatweel
        # Bengali khanda ta is ta + virama (+ ZWJ, dropped below)
        "\u09ce": "\u09a4\u09cd",
        # apostrophes join, they do not separate
        "'": None,
        "\u2019": None,
        "\u02bc": None,
        "\u02bb": None,
        "`": None,
    }
)
_ARTICLE = "\u0627\u0644"  # ال


def _stripped(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _STRIPPED_MARKS)


def _spaceless(ch: str) -> bool:
    """Han, kana and Hangul syllables/jamo: scripts written without word spaces."""
    cp = ord(ch)
    return (
        0x1100 <= cp <= 0x11FF
        or 0x3040 <= cp <= 0x30FF
        or 0x3130 <= cp <= 0x318F
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7A3
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x323AF
    )


def fold(text: str) -> str:
    """``text`` folded for matching: words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    out: list[str] = []
    for ch in decomposed.translate(_LETTERS):
        category = unicodedata.category(ch)
        if _stripped(ch) or category == "Cf":
            continue
        if category == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif category[0] in "LM" or category[0] == "N":
            out.append(ch)
        else:
            out.append(" ")
    composed = unicodedata.normalize("NFC", "".join(out)).translate(_LETTERS)
    return " ".join(composed.split())


def _words(text: str) -> list[str]:
    """Folded words, with each spaceless-script character split off as its own word."""
    words: list[str] = []
    for word in fold(text).split():
        run = ""
        for ch in word:
            if _spaceless(ch):
                if run:
                    words.append(run)
                    run = ""
                words.append(ch)
            else:
                run += ch
        if run:
            words.append(run)
    return words


def index_tokens(text: str) -> str:
    """The string to store in the FTS5 column for ``text`` (a name or names)."""
    tokens: list[str] = []
    for word in _words(text):
        tokens.append(word)
        if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 1:
            tokens.append(word[len(_ARTICLE) :])
    return " ".join(tokens)


def match_query(text: str) -> str:
    """An FTS5 MATCH expression for what a user typed; "" when there is nothing to find.

    Every word must match (in any order), as a prefix of an indexed word; a
    run of Han, kana or Hangul must match as consecutive characters. The
    expression is made only of quoted strings, so typed text cannot inject
    FTS5 syntax (``OR``, ``NEAR``, column filters).
    """
    parts: list[str] = []
    for word in fold(text).split():
        pieces: list[str] = []
        run = ""
        for ch in word:
            if _spaceless(ch):
                if run:
                    pieces.append(_quoted(run) + "*")
                    run = ""
                pieces.append(ch)
            else:
                run += ch
        if run:
            pieces.append(_quoted(run) + "*")
        parts.extend(_group(pieces))
    return " ".join(parts)


def _group(pieces: list[str]) -> list[str]:
    """Consecutive spaceless characters become one quoted phrase."""
    out: list[str] = []
    phrase: list[str] = []
    for piece in pieces:
        if len(piece) == 1 and _spaceless(piece):
            phrase.append(piece)
            continue
        if phrase:
            out.append(_quoted(" ".join(phrase)))
            phrase = []
        out.append(piece)
    if phrase:
        out.append(_quoted(" ".join(phrase)))
    return out


def _quoted(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'
