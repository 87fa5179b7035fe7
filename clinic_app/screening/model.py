"""Result types: frozen, and turned into the contract's plain dict by to_dict()."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clinic_app.screening.answers import in_table_order
from clinic_app.screening.codes import NEEDS_INFO, PROGRAMS, Outcome, Urgency


@dataclass(frozen=True)
class ProgramResult:
    """One program's outcome, its reason codes and (for needs_info) missing keys."""

    outcome: Outcome
    reasons: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Deadline:
    kind: str
    date: date

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "date": self.date.isoformat()}


@dataclass(frozen=True)
class ScreeningResult:
    rules_as_of: date
    programs: Mapping[str, ProgramResult]
    urgency: Urgency
    urgency_reasons: tuple[str, ...]
    needs_representation: bool
    deadlines: tuple[Deadline, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The plain JSON-serialisable shape of ../shared/spec/screening.md."""
        return {
            "rules_as_of": self.rules_as_of.isoformat(),
            "programs": {name: self.programs[name].to_dict() for name in PROGRAMS},
            "urgency": self.urgency,
            "urgency_reasons": list(self.urgency_reasons),
            "needs_representation": self.needs_representation,
            "deadlines": [d.to_dict() for d in self.deadlines],
        }


class Findings:
    """Collects one program's reasons and missing keys while its rules run.

    Reasons keep the order in which rules add them, each once; ``result``
    applies "a rule that fails wins over a missing key".
    """

    __slots__ = ("_missing", "_reasons")

    def __init__(self) -> None:
        self._reasons: dict[str, None] = {}
        self._missing: set[str] = set()

    def add(self, code: str) -> None:
        self._reasons.setdefault(code, None)

    def need(self, key: str) -> None:
        self._missing.add(key)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(self._reasons)

    @property
    def has_missing(self) -> bool:
        return bool(self._missing)

    def result(self, outcome: Outcome) -> ProgramResult:
        missing = in_table_order(self._missing) if outcome == NEEDS_INFO else ()
        return ProgramResult(outcome, self.reasons, missing)
