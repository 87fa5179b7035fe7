"""DACA, rule by rule as the contract writes it (checked in this order).

Guidelines: Secretary Napolitano's memo of 15 June 2012, "Exercising
Prosecutorial Discretion with Respect to Individuals Who Came to the United
States as Children", as USCIS applies it (codified in 2022 at 8 CFR 236.21-25).
Each guideline below quotes the memo's criterion it checks and gives its item
number in ../shared/domain/immigration-facts.md section 2, so a lawyer can read
them side by side.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from clinic_app.screening import codes as c
from clinic_app.screening.answers import EDUCATION_VALUES, STATUS_VALUES, Answers
from clinic_app.screening.dates import days_until, is_on_or_after_years, years_after
from clinic_app.screening.model import Findings, ProgramResult
from clinic_app.screening.rules import Rules

MEMO_DATE: Final = date(2012, 6, 15)
# "Is not above the age of thirty" on 15 June 2012: born on or after 16 June 1981.
TOO_OLD_IF_BORN_BY: Final = date(1981, 6, 15)
# "Continuously resided ... at least five years preceding" the memo: since 15 June 2007.
RESIDENCE_SINCE: Final = date(2007, 6, 15)
ARRIVAL_AGE_LIMIT: Final = 16  # "came to the United States under the age of sixteen"
RENEWAL_WINDOW_DAYS: Final = 150  # USCIS recommends filing 150-120 days before expiry
MISDEMEANOR_BAR: Final = 3  # "multiple misdemeanor offenses": USCIS reads three or more


def criminal_bar(a: Answers) -> bool:
    """Criminal bar (DACA): a felony, a significant misdemeanour, or 3+ others.

    A missing count never triggers the bar.
    """
    felonies = a.count("felony_convictions")
    significant = a.count("significant_misdemeanors")
    other = a.count("other_misdemeanors")
    return (
        (felonies is not None and felonies >= 1)
        or (significant is not None and significant >= 1)
        or (other is not None and other >= MISDEMEANOR_BAR)
    )


def renewal_window_open(expiration: date, today: date) -> bool:
    """Expiry 150 days or fewer after today, or already past."""
    return days_until(expiration, today) <= RENEWAL_WINDOW_DAYS


def screen_daca(a: Answers, today: date, rules: Rules) -> ProgramResult:
    status = a.choice("daca_status", STATUS_VALUES)
    expiration = a.date("daca_expiration")
    # "One year before today" uses the contract's "N years after D" rule.
    year_after = years_after(expiration, 1) if expiration else None

    # Rule 1: renewal track.
    if status == "current" and (year_after is None or year_after >= today):
        return _renewal(a, expiration, today)
    if status == "expired":
        if expiration is None:
            found = Findings()
            if criminal_bar(a):  # fails on either track: a failing rule wins
                found.add(c.DACA_CRIMINAL_BAR)
                return found.result(c.UNLIKELY)
            found.need("daca_expiration")
            return found.result(c.NEEDS_INFO)
        if year_after is None or year_after > today:
            return _renewal(a, expiration, today)

    # Rule 2: a grant that ended a year or more ago is filed as an initial request.
    found = Findings()
    if status in ("current", "expired"):
        found.add(c.DACA_EXPIRED_OVER_ONE_YEAR)
    # Rule 3: initial track.
    if status is None:
        found.need("daca_status")
    failed = _initial_guidelines(a, found)
    # v2: no diploma and not in school is not a failing guideline (enrolling
    # meets it, 8 CFR 236.22(b)); its code comes after every other code.
    enroll = a.choice("education", EDUCATION_VALUES) == "none"
    if failed:
        outcome: c.Outcome = c.UNLIKELY
    elif found.has_missing:
        outcome = c.NEEDS_INFO
    elif rules.daca.initial_requests_granted and not enroll:
        found.add(c.DACA_INITIAL)
        outcome = c.LIKELY
    elif rules.daca.initial_requests_granted:
        found.add(c.DACA_INITIAL)
        outcome = c.POSSIBLE  # at most possible until the client is enrolled
    else:
        found.add(c.DACA_INITIAL_NOT_GRANTED)
        outcome = c.POSSIBLE
    if enroll:
        found.add(c.DACA_EDUCATION_ENROLL)
    return found.result(outcome)


def _renewal(a: Answers, expiration: date | None, today: date) -> ProgramResult:
    found = Findings()
    if criminal_bar(a):
        found.add(c.DACA_CRIMINAL_BAR)
        return found.result(c.UNLIKELY)
    found.add(c.DACA_RENEWAL)
    if expiration is not None and renewal_window_open(expiration, today):
        found.add(c.DACA_RENEWAL_WINDOW_OPEN)
    return found.result(c.LIKELY)


def _initial_guidelines(a: Answers, found: Findings) -> bool:
    """Checks every guideline; adds a code for each that fails. True if any failed."""
    failed = False

    def fail(code: str) -> None:
        nonlocal failed
        failed = True
        found.add(code)

    # Facts item 1, memo "not above the age of thirty": born on or before
    # 15 June 1981 means 31 or older on 15 June 2012.
    birth = a.date("date_of_birth")
    if birth is None:
        found.need("date_of_birth")
    elif birth <= TOO_OLD_IF_BORN_BY:
        fail(c.DACA_TOO_OLD_2012)

    # Facts item 2, memo "came to the United States under the age of sixteen":
    # the first entry must be before the 16th birthday.
    entry = a.date("first_entry_date")
    if entry is None:
        found.need("first_entry_date")
    elif birth is not None and is_on_or_after_years(entry, birth, ARRIVAL_AGE_LIMIT):
        fail(c.DACA_ARRIVED_16_OR_OLDER)

    # Facts item 3, memo "continuously resided ... at least five years
    # preceding the date of this memorandum": since 15 June 2007.
    residence = a.date("continuous_residence_since")
    if residence is None:
        found.need("continuous_residence_since")
    elif residence > RESIDENCE_SINCE:
        fail(c.DACA_RESIDENCE_AFTER_2007)

    # Facts item 4, memo "is present in the United States on the date of
    # this memorandum" (presence when filing is left to the attorney).
    present = a.flag("present_on_2012_06_15")
    if present is None:
        found.need("present_on_2012_06_15")
    elif not present:
        fail(c.DACA_NOT_PRESENT_2012)

    # Facts item 5, a USCIS guideline rather than the memo's text: no lawful
    # immigration status on 15 June 2012.
    lawful = a.flag("lawful_status_on_2012_06_15")
    if lawful is None:
        found.need("lawful_status_on_2012_06_15")
    elif lawful:
        fail(c.DACA_LAWFUL_STATUS_2012)

    # Facts item 6, memo "is currently in school, has graduated from high
    # school, has obtained a general education development certificate, or is
    # an honorably discharged veteran". "none" does not fail (contract v2):
    # the caller adds daca_education_enroll.
    if a.choice("education", EDUCATION_VALUES) is None:
        found.need("education")

    # Facts item 7, memo "has not been convicted of a felony offense, a
    # significant misdemeanor offense, multiple misdemeanor offenses".
    if criminal_bar(a):
        fail(c.DACA_CRIMINAL_BAR)
    for key in ("felony_convictions", "significant_misdemeanors", "other_misdemeanors"):
        if a.count(key) is None:
            found.need(key)
    return failed
