"""``screen``: the one entry point the UI, referral sheet and tests use."""

from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType

from clinic_app.screening import codes as c
from clinic_app.screening.answers import Answers
from clinic_app.screening.daca import screen_daca
from clinic_app.screening.model import ProgramResult, ScreeningResult
from clinic_app.screening.relief import (
    screen_asylum,
    screen_naturalization,
    screen_sijs,
    screen_yes_no,
)
from clinic_app.screening.rules import Rules, load_rules
from clinic_app.screening.tps import entry_for, screen_tps
from clinic_app.screening.urgency import (
    DateInputs,
    date_reasons,
    deadlines,
    fixed_reasons,
    level,
    needs_representation,
    ordered,
)


def screen(answers: object, today: date, rules: Rules | None = None) -> ScreeningResult:
    """Screens one client's answers on ``today`` against ``rules``.

    ``answers`` maps answer keys to values; missing, None or mistyped values
    count as "not answered". Never raises on any answers. ``rules`` defaults
    to the shipped rules file. Screening is not legal advice: every result
    goes to an attorney.
    """
    if type(today) is not date:
        # A datetime cannot be compared with answer dates; this is a caller bug.
        kind = "datetime" if isinstance(today, datetime) else type(today).__name__
        raise TypeError(f"today must be a datetime.date, not {kind}")
    if rules is None:
        rules = load_rules()
    a = Answers(answers)
    daca = screen_daca(a, today, rules)
    tps = screen_tps(a, today, rules)
    programs: dict[str, ProgramResult] = {
        "daca": daca,
        "tps": tps,
        "asylum": screen_asylum(a),
        "sijs": screen_sijs(a, today),
        "u_visa": screen_yes_no(
            a, "crime_victim", c.U_VISA_CRIME_VICTIM, c.U_VISA_NOT_CRIME_VICTIM
        ),
        "t_visa": screen_yes_no(
            a, "trafficking_victim", c.T_VISA_TRAFFICKING_VICTIM, c.T_VISA_NOT_TRAFFICKING_VICTIM
        ),
        "vawa": screen_yes_no(
            a, "abused_by_usc_lpr_family", c.VAWA_FAMILY_ABUSE, c.VAWA_NO_FAMILY_ABUSE
        ),
        "naturalization": screen_naturalization(a, today),
        "family": screen_yes_no(
            a, "usc_or_lpr_relative", c.FAMILY_USC_LPR_RELATIVE, c.FAMILY_NO_USC_LPR_RELATIVE
        ),
    }
    inputs = DateInputs.from_answers(a, today, programs, entry_for(a, rules))
    urgency_reasons = ordered(fixed_reasons(a) | date_reasons(inputs, today))
    return ScreeningResult(
        rules_as_of=rules.as_of,
        programs=MappingProxyType(programs),
        urgency=level(urgency_reasons),
        urgency_reasons=urgency_reasons,
        needs_representation=needs_representation(a, programs),
        deadlines=deadlines(a, today, programs, entry_for(a, rules), inputs),
    )
