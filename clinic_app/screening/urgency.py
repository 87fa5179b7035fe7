"""Deadlines, urgency and need for representation.

``screen`` and ``urgency_on`` compute the date-based urgency reasons with the
same function (``date_reasons``), so a stored result recomputed on a later day
gives the urgency ``screen`` would give that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from clinic_app.screening import codes as c
from clinic_app.screening.answers import Answers
from clinic_app.screening.daca import renewal_window_open
from clinic_app.screening.dates import days_until, years_after
from clinic_app.screening.model import Deadline, ProgramResult
from clinic_app.screening.rules import TpsEntry

URGENT_HEARING_DAYS: Final = 30
PRIORITY_HEARING_DAYS: Final = 90
URGENT_ASYLUM_DAYS: Final = 60
# Reasons that do not depend on the day: kept as stored by urgency_on.
FIXED_REASONS: Final = frozenset({c.DETAINED, c.FINAL_ORDER, c.PROCEEDINGS_NO_HEARING_DATE})
_LEVEL_ORDER: Final = {level: i for i, level in enumerate(c.URGENCIES)}


def asylum_deadline(a: Answers) -> date | None:
    """One year after the last entry, for a client who fears return and has not filed."""
    entry = a.date("last_entry_date")
    if entry is None or a.flag("fear_of_return") is not True or a.flag("asylum_filed") is True:
        return None
    return years_after(entry, 1)


def deadlines(
    a: Answers, today: date, tps: ProgramResult, tps_entry: TpsEntry | None
) -> tuple[Deadline, ...]:
    """The dates the clinic must act on, in the contract's order of kinds."""
    found: list[Deadline] = []
    hearing = a.date("next_hearing_date")
    if hearing is not None:
        found.append(Deadline("hearing", hearing))
    asylum = asylum_deadline(a)
    if asylum is not None:
        found.append(Deadline("asylum_one_year", asylum))
    expiration = a.date("daca_expiration")
    if expiration is not None:
        found.append(Deadline("daca_expiration", expiration))
    if tps_entry is not None and tps.outcome in (c.LIKELY, c.POSSIBLE):
        if c.TPS_REREGISTRATION in tps.reasons:
            window = tps_entry.reregistration
            if window is not None and window.contains(today):
                found.append(Deadline("tps_reregistration_end", window.end))
        elif tps_entry.initial_registration is not None:
            found.append(Deadline("tps_registration_end", tps_entry.initial_registration.end))
    return tuple(found)


def date_reasons(
    hearing: date | None,
    asylum: date | None,
    daca_renewal_expiration: date | None,
    today: date,
) -> set[str]:
    """Every urgency reason that depends on the day.

    ``daca_renewal_expiration`` is the DACA expiry when the DACA result is on
    the renewal track (it carries ``daca_renewal``), else None.
    """
    reasons: set[str] = set()
    if hearing is not None:
        days = days_until(hearing, today)
        if days < 0:
            reasons.add(c.HEARING_DATE_PASSED)
        elif days <= URGENT_HEARING_DAYS:
            reasons.add(c.HEARING_WITHIN_30_DAYS)
        elif days <= PRIORITY_HEARING_DAYS:
            reasons.add(c.HEARING_WITHIN_90_DAYS)
    if asylum is not None:
        days = days_until(asylum, today)
        if days < 0:
            reasons.add(c.ASYLUM_DEADLINE_PASSED)
        elif days <= URGENT_ASYLUM_DAYS:
            reasons.add(c.ASYLUM_DEADLINE_WITHIN_60_DAYS)
        else:
            reasons.add(c.ASYLUM_DEADLINE_OPEN)
    if daca_renewal_expiration is not None and renewal_window_open(daca_renewal_expiration, today):
        reasons.add(c.DACA_RENEWAL_WINDOW_OPEN)
    return reasons


def fixed_reasons(a: Answers) -> set[str]:
    reasons: set[str] = set()
    if a.flag("detained") is True:
        reasons.add(c.DETAINED)
    if a.flag("final_removal_order") is True:
        reasons.add(c.FINAL_ORDER)
    if a.flag("in_removal_proceedings") is True and a.date("next_hearing_date") is None:
        reasons.add(c.PROCEEDINGS_NO_HEARING_DATE)
    return reasons


def ordered(reasons: Iterable[str]) -> tuple[str, ...]:
    """Reasons in the contract's order, each once."""
    present = set(reasons)
    return tuple(r for r in c.URGENCY_REASONS if r in present)


def level(reasons: Iterable[str]) -> c.Urgency:
    """The highest level among the reasons; routine when there are none."""
    levels = [c.URGENCY_LEVEL[r] for r in reasons]
    return min(levels, key=_LEVEL_ORDER.__getitem__, default=c.ROUTINE)


def needs_representation(a: Answers, programs: Mapping[str, ProgramResult]) -> bool:
    if any(
        a.flag(k) is True for k in ("detained", "final_removal_order", "in_removal_proceedings")
    ):
        return True
    if a.date("next_hearing_date") is not None:
        return True
    for name, result in programs.items():
        if result.outcome not in (c.LIKELY, c.POSSIBLE):
            continue
        if name == "daca" and c.DACA_RENEWAL in result.reasons:
            continue
        if name == "tps" and c.TPS_REREGISTRATION in result.reasons:
            continue
        return True
    return False


def urgency_reasons_on(result: Mapping[str, Any], day: date) -> tuple[str, ...]:
    """The urgency reasons of a stored ``ScreeningResult.to_dict()`` on ``day``.

    Raises ValueError when ``result`` is not in the contract's shape.
    """
    try:
        stored = [str(r) for r in result["urgency_reasons"]]
        kinds: dict[str, date] = {}
        for deadline in result["deadlines"]:
            kinds.setdefault(str(deadline["kind"]), date.fromisoformat(deadline["date"]))
        daca_reasons = list(result["programs"]["daca"]["reasons"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a screening result: {type(exc).__name__}") from exc
    expiration = kinds.get("daca_expiration")
    renewal = None
    if c.DACA_RENEWAL in daca_reasons and expiration is not None:
        # The renewal track ends once the expiry is more than a year past.
        year_after = years_after(expiration, 1)
        if year_after is None or day <= year_after:
            renewal = expiration
    reasons = {r for r in stored if r in FIXED_REASONS}
    reasons |= date_reasons(kinds.get("hearing"), kinds.get("asylum_one_year"), renewal, day)
    return ordered(reasons)


def urgency_on(result: Mapping[str, Any], day: date) -> c.Urgency:
    """The urgency of a stored result on ``day`` (the queue's view)."""
    return level(urgency_reasons_on(result, day))
