"""TPS, rule by rule as the contract writes it (the first rule that decides wins).

The country facts (status, dates, windows) come from the rules file, never
from code. Bars: 8 CFR 244.4 (a felony, or two or more misdemeanours).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from clinic_app.screening import codes as c
from clinic_app.screening.answers import STATUS_VALUES, Answers
from clinic_app.screening.model import Findings, ProgramResult
from clinic_app.screening.rules import Rules, TpsEntry

MISDEMEANOR_BAR: Final = 2  # 8 CFR 244.4(a): two or more misdemeanours


def criminal_bar(a: Answers) -> bool:
    """Criminal bar (TPS): a felony, or two or more misdemeanours of either kind.

    A missing count never triggers the bar; the counts that are known can.
    """
    felonies = a.count("felony_convictions")
    misdemeanors = sum(
        n
        for n in (a.count("significant_misdemeanors"), a.count("other_misdemeanors"))
        if n is not None
    )
    return (felonies is not None and felonies >= 1) or misdemeanors >= MISDEMEANOR_BAR


def country_of(a: Answers) -> str | None:
    """Nationality, or the last habitual residence of a stateless person."""
    return a.country("nationality") or a.country("last_habitual_residence")


def entry_for(a: Answers, rules: Rules) -> TpsEntry | None:
    country = country_of(a)
    return rules.tps.get(country) if country else None


def screen_tps(a: Answers, today: date, rules: Rules) -> ProgramResult:
    found = Findings()
    # Rule 1: no country at all.
    country = country_of(a)
    if country is None:
        found.need("nationality")
        return found.result(c.NEEDS_INFO)
    # Rule 2: not in the table.
    entry = rules.tps.get(country)
    if entry is None:
        found.add(c.TPS_COUNTRY_NOT_DESIGNATED)
        return found.result(c.NOT_APPLICABLE)
    # Rule 3: designation terminated.
    if entry.status == "terminated":
        found.add(c.TPS_DESIGNATION_TERMINATED)
        if entry.litigation:
            found.add(c.TPS_LITIGATION)
        return found.result(c.UNLIKELY)
    # Rule 4: criminal bar.
    if criminal_bar(a):
        found.add(c.TPS_CRIMINAL_BAR)
        return found.result(c.UNLIKELY)
    # Rule 5: a current holder re-registers.
    if a.choice("tps_status", STATUS_VALUES) == "current":
        found.add(c.TPS_REREGISTRATION)
        if entry.reregistration is not None and entry.reregistration.contains(today):
            found.add(c.TPS_REREGISTRATION_WINDOW_OPEN)
        return _designation_period(found, c.LIKELY, entry, today)
    # Rule 6: a new applicant must meet the residence and presence dates.
    if _arrived_after_dates(a, entry, found):
        found.add(c.TPS_ARRIVED_AFTER_DATES)
        return found.result(c.UNLIKELY)
    # v2: a trip out after the presence date may have broken continuous
    # physical presence (unless brief, casual and innocent): at most possible.
    last_entry = a.date("last_entry_date")
    departed = (
        last_entry is not None
        and entry.continuous_presence_since is not None
        and last_entry > entry.continuous_presence_since
    )
    if departed:
        found.add(c.TPS_DEPARTURE_AFTER_PRESENCE_DATE)
    if found.has_missing:
        return found.result(c.NEEDS_INFO)
    # Rule 7: the initial-registration window.
    window = entry.initial_registration
    if window is not None and today > window.end:
        found.add(c.TPS_LATE_INITIAL_FILING)
        return _designation_period(found, c.POSSIBLE, entry, today)
    if window is not None and today < window.start:
        found.add(c.TPS_REGISTRATION_NOT_OPEN)
        return _designation_period(found, c.POSSIBLE, entry, today)
    found.add(c.TPS_INITIAL)
    return _designation_period(found, c.POSSIBLE if departed else c.LIKELY, entry, today)


def _arrived_after_dates(a: Answers, entry: TpsEntry, found: Findings) -> bool:
    failed = False
    residence = a.date("continuous_residence_since")
    entered = a.date("first_entry_date")
    if residence is None:
        found.need("continuous_residence_since")
    elif entry.continuous_residence_since and residence > entry.continuous_residence_since:
        failed = True
    if entered is None:
        found.need("first_entry_date")
    elif entry.continuous_presence_since and entered > entry.continuous_presence_since:
        failed = True
    for key in ("felony_convictions", "significant_misdemeanors", "other_misdemeanors"):
        if a.count(key) is None:
            found.need(key)
    return failed


def _designation_period(
    found: Findings, outcome: c.Outcome, entry: TpsEntry, today: date
) -> ProgramResult:
    """Rule 8: past designated_until, at most possible (an extension may be missing)."""
    if entry.designated_until is not None and today > entry.designated_until:
        found.add(c.TPS_DESIGNATION_DATE_PASSED)
        outcome = c.POSSIBLE
    return found.result(outcome)
