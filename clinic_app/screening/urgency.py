"""Deadlines, urgency and need for representation.

``screen`` and ``urgency_on`` compute the date-based urgency reasons with the
same function (``date_reasons``) from the same ``DateInputs``, so a stored
result recomputed on a later day gives the urgency ``screen`` would give that
day. ``DateInputs.from_answers`` reads them from the answers; ``from_stored``
reads them back from a stored result's deadlines and reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from clinic_app.screening import codes as c
from clinic_app.screening.answers import COUNT_KEYS, STATUS_VALUES, Answers
from clinic_app.screening.daca import renewal_window_open
from clinic_app.screening.dates import days_until, years_after
from clinic_app.screening.model import Deadline, ProgramResult
from clinic_app.screening.rules import TpsEntry

URGENT_HEARING_DAYS: Final = 30
PRIORITY_HEARING_DAYS: Final = 90
URGENT_ASYLUM_DAYS: Final = 60
# 8 CFR 1003.38(b): the notice of appeal is due within 30 days of the decision.
APPEAL_DAYS: Final = 30
# SIJS: the state-court order must come before the 21st birthday (8 CFR 204.11).
SIJS_AGE_OUT_YEARS: Final = 21
URGENT_SIJS_DAYS: Final = 180
# 8 CFR 208.4(a)(5)(iv): file "within a reasonable period" after a status
# ends; 180 days is the contract's cautious outer guide, not a safe harbour.
REASONABLE_PERIOD_DAYS: Final = 180
URGENT_REASONABLE_PERIOD_DAYS: Final = 60
# Reasons that do not depend on the day: kept as stored by urgency_on.
# asylum_exception_status_held is given only once the one-year deadline has
# passed, which it then stays: it is kept too (and stands for the held status).
FIXED_REASONS: Final = frozenset(
    {
        c.DETAINED,
        c.FINAL_ORDER,
        c.REENTRY_AFTER_REMOVAL,
        c.ASYLUM_EXCEPTION_STATUS_HELD,
        c.PROCEEDINGS_NO_HEARING_DATE,
        c.LPR_CRIMINAL_HISTORY,
    }
)
_LEVEL_ORDER: Final = {level: i for i, level in enumerate(c.URGENCIES)}


def _plus_days(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None  # beyond the calendar


def asylum_deadline(a: Answers) -> date | None:
    """One year after the last entry, for a client who fears return and has not filed."""
    entry = a.date("last_entry_date")
    if entry is None or a.flag("fear_of_return") is not True or a.flag("asylum_filed") is True:
        return None
    return years_after(entry, 1)


def status_held(a: Answers) -> bool:
    """TPS or parole still held (the asylum status exception, no deadline)."""
    return "current" in (
        a.choice("tps_status", STATUS_VALUES),
        a.choice("parole_status", STATUS_VALUES),
    )


def reasonable_period_end(a: Answers) -> date | None:
    """180 days after the later of the TPS and parole end dates, if any is given."""
    ended = [d for d in (a.date("tps_ended_on"), a.date("parole_ended_on")) if d is not None]
    return _plus_days(max(ended), REASONABLE_PERIOD_DAYS) if ended else None


def appeal_deadline(a: Answers) -> date | None:
    """30 days after the immigration judge's decision."""
    decided = a.date("judge_decision_date")
    return _plus_days(decided, APPEAL_DAYS) if decided is not None else None


def sijs_age_out(a: Answers, sijs: ProgramResult) -> date | None:
    """The 21st birthday, when SIJS is possible."""
    birth = a.date("date_of_birth")
    if sijs.outcome != c.POSSIBLE or birth is None:
        return None
    return years_after(birth, SIJS_AGE_OUT_YEARS)


@dataclass(frozen=True)
class DateInputs:
    """Everything the date-based urgency reasons depend on."""

    hearing: date | None = None
    asylum: date | None = None  # the one-year deadline
    status_held: bool = False
    reasonable_period: date | None = None
    daca_renewal_expiration: date | None = None  # only on the DACA renewal track
    tps_reregistration_end: date | None = None  # only while the window is open
    appeal: date | None = None
    sijs_age_out: date | None = None

    @classmethod
    def from_answers(
        cls,
        a: Answers,
        today: date,
        programs: Mapping[str, ProgramResult],
        tps_entry: TpsEntry | None,
    ) -> DateInputs:
        asylum = asylum_deadline(a)
        held = asylum is not None and status_held(a)
        period = reasonable_period_end(a) if asylum is not None and not held else None
        daca = programs["daca"]
        expiration = a.date("daca_expiration") if c.DACA_RENEWAL in daca.reasons else None
        tps = programs["tps"]
        rereg = None
        if c.TPS_REREGISTRATION_WINDOW_OPEN in tps.reasons and tps_entry is not None:
            window = tps_entry.reregistration
            rereg = window.end if window is not None else None
        appeal = appeal_deadline(a)
        if appeal is not None and appeal < today:
            appeal = None  # a passed appeal deadline is not listed
        return cls(
            hearing=a.date("next_hearing_date"),
            asylum=asylum,
            status_held=held,
            reasonable_period=period,
            daca_renewal_expiration=expiration,
            tps_reregistration_end=rereg,
            appeal=appeal,
            sijs_age_out=sijs_age_out(a, programs["sijs"]),
        )


def listed_reasonable_period(inputs: DateInputs, today: date) -> date | None:
    """The asylum_reasonable_period deadline when it can matter.

    Listed once the one-year deadline has passed (the contract's case) and
    also, earlier, when it ends after the one-year deadline: a stored result
    then carries it for ``urgency_on`` on the later days when it applies.
    """
    period, asylum = inputs.reasonable_period, inputs.asylum
    if period is None or asylum is None:
        return None
    return period if today > asylum or period > asylum else None


def deadlines(
    a: Answers,
    today: date,
    programs: Mapping[str, ProgramResult],
    tps_entry: TpsEntry | None,
    inputs: DateInputs,
) -> tuple[Deadline, ...]:
    """The dates the clinic must act on, in the contract's order of kinds."""
    found: list[Deadline] = []
    if inputs.hearing is not None:
        found.append(Deadline("hearing", inputs.hearing))
    if inputs.asylum is not None:
        found.append(Deadline("asylum_one_year", inputs.asylum))
    expiration = a.date("daca_expiration")
    if expiration is not None:
        found.append(Deadline("daca_expiration", expiration))
    tps = programs["tps"]
    if tps_entry is not None and tps.outcome in (c.LIKELY, c.POSSIBLE):
        if c.TPS_REREGISTRATION in tps.reasons:
            if inputs.tps_reregistration_end is not None:
                found.append(Deadline("tps_reregistration_end", inputs.tps_reregistration_end))
        elif tps_entry.initial_registration is not None:
            end = tps_entry.initial_registration.end
            if end >= today:  # a passed window is never a date to act on
                found.append(Deadline("tps_registration_end", end))
    if inputs.appeal is not None:
        found.append(Deadline("bia_appeal", inputs.appeal))
    if inputs.sijs_age_out is not None:
        found.append(Deadline("sijs_age_out", inputs.sijs_age_out))
    period = listed_reasonable_period(inputs, today)
    if period is not None:
        found.append(Deadline("asylum_reasonable_period", period))
    return tuple(found)


def date_reasons(inputs: DateInputs, today: date) -> set[str]:
    """Every urgency reason that depends on the day."""
    reasons: set[str] = set()
    if inputs.hearing is not None:
        days = days_until(inputs.hearing, today)
        if days < 0:
            reasons.add(c.HEARING_DATE_PASSED)
        elif days <= URGENT_HEARING_DAYS:
            reasons.add(c.HEARING_WITHIN_30_DAYS)
        elif days <= PRIORITY_HEARING_DAYS:
            reasons.add(c.HEARING_WITHIN_90_DAYS)
    if inputs.asylum is not None:
        reasons |= _asylum_reasons(inputs, today)
    if inputs.daca_renewal_expiration is not None and renewal_window_open(
        inputs.daca_renewal_expiration, today
    ):
        reasons.add(c.DACA_RENEWAL_WINDOW_OPEN)
    if inputs.tps_reregistration_end is not None and today <= inputs.tps_reregistration_end:
        reasons.add(c.TPS_REREGISTRATION_WINDOW_OPEN)
    if inputs.appeal is not None and today <= inputs.appeal:
        reasons.add(c.APPEAL_DEADLINE)
    if inputs.sijs_age_out is not None:
        # On the birthday itself SIJS is no longer possible: nothing to add.
        days = days_until(inputs.sijs_age_out, today)
        if days > URGENT_SIJS_DAYS:
            reasons.add(c.SIJS_AGE_OUT_OPEN)
        elif days > 0:
            reasons.add(c.SIJS_AGE_OUT_WITHIN_180_DAYS)
    return reasons


def _asylum_reasons(inputs: DateInputs, today: date) -> set[str]:
    assert inputs.asylum is not None
    days = days_until(inputs.asylum, today)
    if days >= 0:
        if days <= URGENT_ASYLUM_DAYS:
            return {c.ASYLUM_DEADLINE_WITHIN_60_DAYS}
        return {c.ASYLUM_DEADLINE_OPEN}
    # The one-year deadline has passed: the status exception, 8 CFR 208.4(a)(5)(iv).
    if inputs.status_held:
        return {c.ASYLUM_EXCEPTION_STATUS_HELD}
    if inputs.reasonable_period is not None:
        left = days_until(inputs.reasonable_period, today)
        if 0 <= left <= URGENT_REASONABLE_PERIOD_DAYS:
            return {c.ASYLUM_EXCEPTION_ENDING}
        if left > URGENT_REASONABLE_PERIOD_DAYS:
            return {c.ASYLUM_EXCEPTION_STATUS_ENDED}
    return {c.ASYLUM_DEADLINE_PASSED}


def fixed_reasons(a: Answers) -> set[str]:
    reasons: set[str] = set()
    if a.flag("detained") is True:
        reasons.add(c.DETAINED)
    if a.flag("final_removal_order") is True:
        reasons.add(c.FINAL_ORDER)
    if a.flag("removed_before") is True:
        reasons.add(c.REENTRY_AFTER_REMOVAL)
    if a.flag("in_removal_proceedings") is True and a.date("next_hearing_date") is None:
        reasons.add(c.PROCEEDINGS_NO_HEARING_DATE)
    if a.date("lpr_since") is not None and any(
        (n := a.count(key)) is not None and n >= 1 for key in COUNT_KEYS
    ):
        reasons.add(c.LPR_CRIMINAL_HISTORY)
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
        a.flag(k) is True
        for k in ("detained", "final_removal_order", "removed_before", "in_removal_proceedings")
    ):
        return True
    if a.date("judge_decision_date") is not None or a.date("next_hearing_date") is not None:
        return True
    if c.NATURALIZATION_RECORD_REVIEW in programs["naturalization"].reasons:
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


def _from_stored(result: Mapping[str, Any], day: date) -> tuple[set[str], DateInputs]:
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
    inputs = DateInputs(
        hearing=kinds.get("hearing"),
        asylum=kinds.get("asylum_one_year"),
        # Stored only once the one-year deadline had passed: it stays so.
        status_held=c.ASYLUM_EXCEPTION_STATUS_HELD in stored,
        reasonable_period=kinds.get("asylum_reasonable_period"),
        daca_renewal_expiration=renewal,
        tps_reregistration_end=kinds.get("tps_reregistration_end"),
        appeal=kinds.get("bia_appeal"),
        sijs_age_out=kinds.get("sijs_age_out"),
    )
    return {r for r in stored if r in FIXED_REASONS}, inputs


def urgency_reasons_on(result: Mapping[str, Any], day: date) -> tuple[str, ...]:
    """The urgency reasons of a stored ``ScreeningResult.to_dict()`` on ``day``.

    Raises ValueError when ``result`` is not in the contract's shape.
    """
    fixed, inputs = _from_stored(result, day)
    return ordered(fixed | date_reasons(inputs, day))


def urgency_on(result: Mapping[str, Any], day: date) -> c.Urgency:
    """The urgency of a stored result on ``day`` (the queue's view)."""
    return level(urgency_reasons_on(result, day))
