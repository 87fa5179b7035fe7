"""Typed, forgiving access to the answers mapping.

A key that is missing, None, of the wrong type, a negative count, or a
string outside its list of values counts as missing: the engine never
guesses, and never raises on any answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

# The answer keys, in the order of the contract's table; ``missing`` lists
# follow this order.
ANSWER_KEYS: Final[tuple[str, ...]] = (
    "date_of_birth",
    "nationality",
    "last_habitual_residence",
    "first_entry_date",
    "continuous_residence_since",
    "present_on_2012_06_15",
    "lawful_status_on_2012_06_15",
    "education",
    "felony_convictions",
    "significant_misdemeanors",
    "other_misdemeanors",
    "daca_status",
    "daca_expiration",
    "tps_status",
    "in_removal_proceedings",
    "detained",
    "next_hearing_date",
    "final_removal_order",
    "removed_before",
    "judge_decision_date",
    "last_entry_date",
    "fear_of_return",
    "asylum_filed",
    "crime_victim",
    "trafficking_victim",
    "abused_by_usc_lpr_family",
    "abused_neglected_abandoned_by_parent",
    "lpr_since",
    "married_to_usc_living_together",
    "usc_or_lpr_relative",
    "tps_ended_on",
    "parole_status",
    "parole_ended_on",
)
_KEY_ORDER: Final = {key: i for i, key in enumerate(ANSWER_KEYS)}

EDUCATION_VALUES: Final = frozenset(
    {"in_school", "high_school_diploma", "ged", "honorable_discharge", "none"}
)
STATUS_VALUES: Final = frozenset({"never", "current", "expired"})
COUNT_KEYS: Final = ("felony_convictions", "significant_misdemeanors", "other_misdemeanors")


def in_table_order(keys: set[str]) -> tuple[str, ...]:
    """``keys`` sorted in the order of the answer-key table."""
    return tuple(sorted(keys, key=_KEY_ORDER.__getitem__))


class Answers:
    """Reads one value at a time; every reader returns None for "missing"."""

    __slots__ = ("_raw",)

    def __init__(self, raw: object) -> None:
        self._raw: Mapping[object, object] = raw if isinstance(raw, Mapping) else {}

    def _get(self, key: str) -> object:
        try:
            return self._raw.get(key)
        except Exception:  # a hostile mapping is still only "no answer"
            return None

    def date(self, key: str) -> date | None:
        value = self._get(key)
        # Exactly a date: a datetime cannot be compared with a date.
        return value if type(value) is date else None

    def flag(self, key: str) -> bool | None:
        value = self._get(key)
        return value if type(value) is bool else None

    def count(self, key: str) -> int | None:
        value = self._get(key)
        # A bool is not a count; a negative count is missing.
        return value if type(value) is int and value >= 0 else None

    def choice(self, key: str, allowed: frozenset[str]) -> str | None:
        value = self._get(key)
        return value if type(value) is str and value in allowed else None

    def country(self, key: str) -> str | None:
        """An ISO 3166-1 alpha-2 shape: two upper-case ASCII letters."""
        value = self._get(key)
        if type(value) is str and len(value) == 2 and value.isascii() and value.isupper():
            return value if value.isalpha() else None
        return None
