"""What the records search stores in, and asks of, the full-text index.

Names follow the domain's tested design (``domain/textfold.py``): folded
tokens in, ``match_query`` out.

Phone numbers are indexed three ways: all their digits, the last seven and the
last four, so a typed prefix finds a number by its start (``718555``), its
local number (``555``, ``5550123``) or its last four (``0123``). Three
tokens a number keep the index small; indexing every suffix made ``555``
match most numbers through thousands of distinct terms.

The index also holds each record's volunteer as one token, so a volunteer's
list and searches (they see only their own records) are an FTS5 AND of
doclists read in order, not a filter over every record or every hit.

The index's rowid is not the record number but its place in the list
(``fts_key``): newest intake first is ascending rowid, the order FTS5 reads
its doclists in, so a search reads its first page of hits in index order
and stops, whatever the number of hits.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Final

from clinic_app.domain.textfold import fold, index_tokens, match_query

MIN_PHONE_QUERY: Final = 3


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


PHONE_TAILS: Final = (7, 4)


def phone_tokens(digits: str | None) -> str:
    """All the digits, the last seven and the last four (each once)."""
    if not digits:
        return ""
    tokens = [digits]
    for n in PHONE_TAILS:
        if len(digits) > n and digits[-n:] not in tokens:
            tokens.append(digits[-n:])
    return " ".join(tokens)


# The search index's rowid for a record: ascending in the list's order
# (intake date newest first, then record number highest first). 22 bits of
# day number (date.max is day 3,652,059) above 32 bits of record number.
_NUM_BITS: Final = 32
_NUM_MASK: Final = (1 << _NUM_BITS) - 1
_DAY_LIMIT: Final = 1 << 22


def fts_key(intake_date: str | None, num: int) -> int:
    """The rowid of a record's search-index row (``intake_date`` as stored, ISO)."""
    day = date.fromisoformat(intake_date).toordinal() if intake_date else 0
    return ((_DAY_LIMIT - day) << _NUM_BITS) | (_NUM_MASK - num)


def key_parts(key: int) -> tuple[str, int]:
    """The stored intake date ("" when none) and record number of an ``fts_key``."""
    day = _DAY_LIMIT - (key >> _NUM_BITS)
    return (date.fromordinal(day).isoformat() if day else "", _NUM_MASK - (key & _NUM_MASK))


def key_sql(prefix: str = "") -> str:
    """``fts_key`` in SQL of the ``intake_date`` and ``num`` columns (``prefix``: "r.", "old.")."""
    day = f"coalesce(CAST(julianday({prefix}intake_date) - 1721424.5 AS INTEGER), 0)"
    return f"((({_DAY_LIMIT} - {day}) << {_NUM_BITS}) | ({_NUM_MASK} - {prefix}num))"


def num_sql(rowid: str) -> str:
    """The record number of an index row, in SQL."""
    return f"({_NUM_MASK} - ({rowid} & {_NUM_MASK}))"


def owner_token(user: str) -> str:
    """The one search-index token of a volunteer's user name (hex: no folding, no splitting)."""
    return "v" + user.encode("utf-8").hex()


def owner_match(user: str) -> str:
    """The MATCH expression for the records a volunteer took in."""
    return f'volunteer : "{owner_token(user)}"'


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
