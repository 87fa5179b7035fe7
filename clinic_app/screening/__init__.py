"""The screening engine (pure Python): see ../shared/spec/screening.md.

Screening is not legal advice: every result goes to an attorney.
"""

from clinic_app.screening.answers import ANSWER_KEYS
from clinic_app.screening.codes import (
    DEADLINE_KINDS,
    OUTCOMES,
    PROGRAMS,
    REASON_CODES,
    URGENCIES,
    URGENCY_REASONS,
    Outcome,
    Urgency,
)
from clinic_app.screening.engine import screen
from clinic_app.screening.explanations import Explanation, explain
from clinic_app.screening.model import Deadline, ProgramResult, ScreeningResult
from clinic_app.screening.rules import (
    Rules,
    RulesError,
    Source,
    TpsEntry,
    Window,
    load_rules,
    parse_rules,
)
from clinic_app.screening.urgency import urgency_on, urgency_reasons_on

__all__ = [
    "ANSWER_KEYS",
    "DEADLINE_KINDS",
    "OUTCOMES",
    "PROGRAMS",
    "REASON_CODES",
    "URGENCIES",
    "URGENCY_REASONS",
    "Deadline",
    "Explanation",
    "Outcome",
    "ProgramResult",
    "Rules",
    "RulesError",
    "ScreeningResult",
    "Source",
    "TpsEntry",
    "Urgency",
    "Window",
    "explain",
    "load_rules",
    "parse_rules",
    "screen",
    "urgency_on",
    "urgency_reasons_on",
]
