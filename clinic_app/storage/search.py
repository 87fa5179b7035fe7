"""What the records search stores in, and asks of, the full-text index.

Names follow the domain's tested design (``domain/textfold.py``): folded
tokens in, ``match_query`` out. Phone numbers are indexed as every suffix of
their digits, so a prefix query finds any run of digits inside a number
(``0123`` and ``555`` both find 718-555-0123).
"""

from __future__ import annotations

import unicodedata

from clinic_app.domain.textfold import fold, index_tokens, match_query

MIN_PHONE_QUERY = 3


def phone_digits(phone: str | None) -> str | None:
    """The digits of a phone number (any script), without a leading US ``1``."""
    if not phone:
        return None
    digits = "".join(str(unicodedata.decimal(ch)) for ch in phone if ch.isdecimal())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits or None


def name_key(given: str, family: str) -> str:
    """The folded name used to spot duplicates; word order does not matter."""
    return " ".join(sorted(fold(f"{given} {family}").split()))


def name_tokens(*names: str | None) -> str:
    return index_tokens(" ".join(n for n in names if n))


def phone_tokens(digits: str | None) -> str:
    if not digits:
        return ""
    return " ".join(digits[i:] for i in range(len(digits)))


def fts_query(text: str) -> str:
    """The MATCH expression for typed text; "" when there is nothing to search for.

    Text with no letters and at least three digits is a phone search; anything
    else searches names. Only quoted strings reach FTS5 (no syntax injection).
    """
    if not any(ch.isalpha() for ch in text):
        digits = phone_digits(text) or ""
        if len(digits) >= MIN_PHONE_QUERY:
            return f'phone : "{digits}"*'
    names = match_query(text)
    return f"name : ({names})" if names else ""
