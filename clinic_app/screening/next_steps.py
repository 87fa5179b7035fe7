"""What the volunteer does next: the urgency's instruction and each program's step.

Pure Python, no Qt: the result screen, the record view, the supervisor queue
and the referral sheet all ask this module. Texts are msgids (``N_``)
translated when asked for, in the UI language or in ``language``. Nothing
here is legal advice: every text ends with an attorney deciding.

    steps = next_steps(result_dict, day=today)          # UI language
    steps = next_steps(stored_dict, day=today, language="es")
    steps.instruction     # "Urgent: call the supervising attorney today."
    steps.programs        # (ProgramStep(program, outcome, steps), ...)
    steps.attorney_note   # "This is a screening, not legal advice: an attorney decides."
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from clinic_app.domain.fields import FIELDS
from clinic_app.i18n import N_, _, translation
from clinic_app.screening import codes as c
from clinic_app.screening.explanations import explain
from clinic_app.screening.urgency import urgency_on

INSTRUCTIONS: Final[Mapping[str, str]] = {
    c.EMERGENCY: N_("Emergency: call the supervising attorney now."),
    c.URGENT: N_("Urgent: call the supervising attorney today."),
    c.PRIORITY: N_("Priority: refer to an attorney this week."),
    c.ROUTINE: N_("Routine: refer to an attorney at the next regular appointment."),
}
ATTORNEY_NOTE: Final = N_("This is a screening, not legal advice: an attorney decides.")
_NEEDS_INFO: Final = N_(
    "Some answers are missing ({answers}); an attorney decides whether to ask them "
    "at a new session with the client."
)
_UNLIKELY: Final = N_(
    "Unlikely on these answers; an attorney decides whether anything else applies."
)
_POSSIBLE: Final = N_("Refer to an attorney, who decides whether to file.")


@dataclass(frozen=True)
class ProgramStep:
    """One program's next steps (translated), for an outcome other than not_applicable."""

    program: str
    outcome: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class NextSteps:
    urgency: str
    instruction: str
    programs: tuple[ProgramStep, ...]
    attorney_note: str


def _gettext(language: str | None) -> Callable[[str], str]:
    return _ if language is None else translation(language).gettext


def urgency_instruction(urgency: str, language: str | None = None) -> str:
    """The instruction for an urgency level; KeyError for an unknown level."""
    return _gettext(language)(INSTRUCTIONS[urgency])


def _missing_names(keys: Sequence[str], gettext: Callable[[str], str]) -> str:
    return ", ".join(gettext(FIELDS[k].label) if k in FIELDS else k for k in keys)


def program_steps(
    outcome: str,
    reasons: Sequence[str],
    missing: Sequence[str] = (),
    language: str | None = None,
) -> tuple[str, ...]:
    """The next steps for one program's outcome and reasons (empty for not_applicable)."""
    if outcome == c.NOT_APPLICABLE:
        return ()
    gettext = _gettext(language)
    found: dict[str, None] = {}
    for code in reasons:
        try:
            step = explain(code, language).next_step
        except KeyError:
            continue  # a code from a newer engine: the sentence elsewhere says it
        if step:
            found.setdefault(step, None)
    if outcome == c.NEEDS_INFO and missing:
        found.setdefault(
            gettext(_NEEDS_INFO).format(answers=_missing_names(missing, gettext)), None
        )
    elif outcome == c.UNLIKELY:
        found.setdefault(gettext(_UNLIKELY), None)
    elif not found:
        found.setdefault(gettext(_POSSIBLE), None)
    return tuple(found)


def next_steps(
    result: Mapping[str, Any], day: date | None = None, language: str | None = None
) -> NextSteps:
    """The next steps of a ``screen(...).to_dict()`` or of a stored result.

    With ``day`` the urgency is recomputed for that day (``urgency_on``), so a
    stored result never shows a stale instruction; without it the result's
    own ``urgency`` is used. Raises ValueError for a result not in the
    contract's shape.
    """
    try:
        level = urgency_on(result, day) if day is not None else str(result["urgency"])
        programs = result["programs"]
        steps = []
        for name in c.PROGRAMS:
            p = programs[name]
            texts = program_steps(
                str(p["outcome"]),
                [str(r) for r in p["reasons"]],
                [str(k) for k in p["missing"]],
                language,
            )
            if texts:
                steps.append(ProgramStep(name, str(p["outcome"]), texts))
        instruction = urgency_instruction(level, language)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a screening result: {type(exc).__name__}") from exc
    return NextSteps(
        urgency=level,
        instruction=instruction,
        programs=tuple(steps),
        attorney_note=_gettext(language)(ATTORNEY_NOTE),
    )
