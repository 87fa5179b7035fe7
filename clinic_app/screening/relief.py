"""Other relief: asylum, SIJS, U and T visas, VAWA, naturalization, family."""

from __future__ import annotations

from datetime import date
from typing import Final

from clinic_app.screening import codes as c
from clinic_app.screening.answers import COUNT_KEYS, Answers
from clinic_app.screening.dates import age_on, days_until, years_after
from clinic_app.screening.model import Findings, ProgramResult

SIJS_AGE_LIMIT: Final = 21
NATURALIZATION_YEARS: Final = 5
NATURALIZATION_YEARS_MARRIED: Final = 3  # married to and living with a US citizen
EARLY_FILING_DAYS: Final = 90  # INA 334(a): the N-400 may be filed 90 days early


def screen_asylum(a: Answers) -> ProgramResult:
    found = Findings()
    fear = a.flag("fear_of_return")
    if fear is None:
        found.need("fear_of_return")
        return found.result(c.NEEDS_INFO)
    if not fear:
        found.add(c.ASYLUM_NO_FEAR_OF_RETURN)
        return found.result(c.NOT_APPLICABLE)
    found.add(c.ASYLUM_FEAR_OF_RETURN)
    if a.flag("asylum_filed") is True:
        found.add(c.ASYLUM_FILED)
    return found.result(c.POSSIBLE)


def screen_sijs(a: Answers, today: date) -> ProgramResult:
    found = Findings()
    birth = a.date("date_of_birth")
    if birth is not None and age_on(birth, today) >= SIJS_AGE_LIMIT:
        found.add(c.SIJS_AGE_21_OR_OVER)
        return found.result(c.NOT_APPLICABLE)
    harmed = a.flag("abused_neglected_abandoned_by_parent")
    if harmed is False:
        found.add(c.SIJS_NO_PARENT_ABUSE_NEGLECT_ABANDONMENT)
        return found.result(c.NOT_APPLICABLE)
    if birth is None:
        found.need("date_of_birth")
    if harmed is None:
        found.need("abused_neglected_abandoned_by_parent")
    if found.has_missing:
        return found.result(c.NEEDS_INFO)
    found.add(c.SIJS_PARENT_ABUSE_NEGLECT_ABANDONMENT)
    return found.result(c.POSSIBLE)


def screen_yes_no(a: Answers, key: str, yes: str, no: str) -> ProgramResult:
    """U visa, T visa, VAWA, family: true possible, false not_applicable."""
    found = Findings()
    value = a.flag(key)
    if value is None:
        found.need(key)
        return found.result(c.NEEDS_INFO)
    found.add(yes if value else no)
    return found.result(c.POSSIBLE if value else c.NOT_APPLICABLE)


def screen_naturalization(a: Answers, today: date) -> ProgramResult:
    found = Findings()
    since = a.date("lpr_since")
    if since is None:
        found.add(c.NATURALIZATION_NOT_LPR)
        return found.result(c.NOT_APPLICABLE)
    married = a.flag("married_to_usc_living_together")
    five = _stage(since, NATURALIZATION_YEARS, today)
    three = _stage(since, NATURALIZATION_YEARS_MARRIED, today)
    if married is None and five != three:
        # The answer would change the outcome: ask rather than guess.
        found.need("married_to_usc_living_together")
        outcome: c.Outcome = c.NEEDS_INFO
        could_apply = True  # under one of the two answers the client could apply
    else:
        outcome, code = three if married else five
        found.add(code)
        could_apply = outcome in (c.LIKELY, c.POSSIBLE)
    if not could_apply:
        return found.result(outcome)
    # v2: applying can put a deportable resident in removal proceedings, so
    # the record is needed first; any conviction means an attorney reviews it.
    counts = [a.count(key) for key in COUNT_KEYS]
    if any(n is not None and n >= 1 for n in counts):
        found.add(c.NATURALIZATION_RECORD_REVIEW)
        if outcome == c.LIKELY:
            outcome = c.POSSIBLE
    for key, n in zip(COUNT_KEYS, counts, strict=True):
        if n is None:
            found.need(key)
    if found.has_missing:
        outcome = c.NEEDS_INFO
    return found.result(outcome)


def _stage(since: date, years: int, today: date) -> tuple[c.Outcome, str]:
    eligible = years_after(since, years)
    if eligible is None:  # beyond the calendar: not yet
        return c.NOT_APPLICABLE, c.NATURALIZATION_NOT_YET_ELIGIBLE
    days = days_until(eligible, today)
    if days <= 0:
        return c.LIKELY, c.NATURALIZATION_ELIGIBLE
    if days <= EARLY_FILING_DAYS:
        return c.POSSIBLE, c.NATURALIZATION_EARLY_FILING
    return c.NOT_APPLICABLE, c.NATURALIZATION_NOT_YET_ELIGIBLE
