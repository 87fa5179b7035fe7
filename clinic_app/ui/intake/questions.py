"""The screening questions: what to ask, why, and when (pure Python, no Qt).

Only questions that matter are shown: each has a predicate over the answers
given so far. Status-related questions carry a "why we ask" line (EO 41:
status is asked only when it decides eligibility) and every question offers
"prefer not to answer", which the engine reads as missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from clinic_app.domain.fields import FIELDS, Kind
from clinic_app.i18n import N_
from clinic_app.screening import Rules

# A UI-only gate question: never an answer key, never stored.
IS_PERMANENT_RESIDENT = "is_permanent_resident"
STATELESS = "stateless"

Answers = Mapping[str, Any]
Predicate = Callable[[Answers, Rules], bool]


@dataclass(frozen=True)
class Question:
    key: str
    label: str  # msgid
    why: str | None  # msgid: the "why we ask" line of a status-related question
    kind: Kind
    shown: Predicate


def _always(a: Answers, r: Rules) -> bool:
    return True


def _is_lpr(a: Answers) -> bool:
    return a.get(IS_PERMANENT_RESIDENT) is True


def _not_lpr(a: Answers, r: Rules) -> bool:
    return not _is_lpr(a)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _born_after_1981(a: Answers) -> bool:
    born = a.get("date_of_birth")
    return not isinstance(born, date) or born > date(1981, 6, 15)


def tps_country(a: Answers, r: Rules) -> str | None:
    code = a.get("nationality")
    if code == STATELESS or code is None:
        code = a.get("last_habitual_residence")
    return code if isinstance(code, str) and code in r.tps else None


def _tps_relevant(a: Answers, r: Rules) -> bool:
    code = tps_country(a, r)
    return not _is_lpr(a) and code is not None and r.tps[code].status != "terminated"


def _expired(a: Answers, status: str) -> bool:
    return a.get(f"{status}_status") == "expired"


def _daca_renewal(a: Answers) -> bool:
    return a.get("daca_status") in ("current", "expired")


def _daca_initial(a: Answers, r: Rules) -> bool:
    return _not_lpr(a, r) and a.get("daca_status") != "current" and _born_after_1981(a)


def _tps_new_applicant(a: Answers, r: Rules) -> bool:
    return _tps_relevant(a, r) and a.get("tps_status") != "current"


def _counts_matter(a: Answers, r: Rules) -> bool:
    # Permanent residents too: a conviction can make naturalization risky (v2).
    return _is_lpr(a) or _daca_initial(a, r) or _daca_renewal(a) or _tps_relevant(a, r)


def _in_court(a: Answers, r: Rules) -> bool:
    return a.get("in_removal_proceedings") is True or a.get("final_removal_order") is True


def _tps_status_matters(a: Answers, r: Rules) -> bool:
    """A designated country (even a terminated one: a former holder may have an
    asylum exception), or a client who fears return (the asylum status exception)."""
    if _is_lpr(a):
        return False
    code = a.get("nationality")
    if code == STATELESS or code is None:
        code = a.get("last_habitual_residence")
    return (isinstance(code, str) and code in r.tps) or a.get("fear_of_return") is True


def _last_entry_matters(a: Answers, r: Rules) -> bool:
    return a.get("fear_of_return") is True or _tps_new_applicant(a, r)


def _under_21(a: Answers, r: Rules) -> bool:
    born = a.get("date_of_birth")
    return not isinstance(born, date) or _age_on(born, date.today()) < 21


_WHY_STATUS = N_(
    "We ask only because it decides which programs may help. "
    "It stays in this session and is never saved."
)
_WHY_CRIMINAL = N_(
    "Some programs have criminal-history bars. Only the result is kept, never the numbers."
)
_WHY_COURT = N_("A court date or detention means the client needs a lawyer quickly.")
_WHY_SAFETY = N_("Victims of crime or abuse may qualify for special protection.")


_WHY_ORDER = N_(
    "An old order can be enforced at any time, even years later; "
    "a lawyer needs to know about it now."
)
_WHY_PAROLE = N_(
    "Parole that a client kept or that ended recently can matter for the asylum deadline."
)

# Question wording in plain words, where the field's name is not a question.
_PLAIN: Mapping[str, str] = {
    IS_PERMANENT_RESIDENT: N_("Is the client a lawful permanent resident (green card)?"),
    "final_removal_order": N_(
        "Has a judge or an immigration officer ever ordered you to leave the US, even years "
        "ago or when you were not there?"
    ),
    "removed_before": N_("Were you ever deported or removed from the US and then came back?"),
    "judge_decision_date": N_(
        "If an immigration judge decided your case, on what date was the decision?"
    ),
    "parole_status": N_(
        "Have you had humanitarian or other parole (for example U4U, CHNV or CBP One)?"
    ),
    "tps_ended_on": N_("On what date did your TPS end?"),
    "parole_ended_on": N_("On what date did your parole end?"),
}


def _q(key: str, why: str | None, shown: Predicate = _always, kind: Kind | None = None) -> Question:
    if key == IS_PERMANENT_RESIDENT:
        return Question(key, _PLAIN[key], why, Kind.BOOL, shown)
    f = FIELDS[key]
    return Question(key, _PLAIN.get(key, f.label), why, kind or f.kind, shown)


# In the order they are asked.
QUESTIONS: tuple[Question, ...] = (
    _q("detained", _WHY_COURT),
    _q("in_removal_proceedings", _WHY_COURT),
    _q("next_hearing_date", _WHY_COURT, lambda a, r: a.get("in_removal_proceedings") is True),
    # Asked of every client (contract v2): most people with an old order say
    # they are not "in proceedings".
    _q("final_removal_order", _WHY_ORDER),
    _q("removed_before", _WHY_ORDER),
    _q("judge_decision_date", _WHY_COURT, _in_court),
    _q(IS_PERMANENT_RESIDENT, _WHY_STATUS),
    _q("lpr_since", _WHY_STATUS, lambda a, r: _is_lpr(a)),
    _q("married_to_usc_living_together", _WHY_STATUS, lambda a, r: _is_lpr(a)),
    _q("nationality", _WHY_STATUS, _not_lpr, Kind.CHOICE),
    _q(
        "last_habitual_residence",
        _WHY_STATUS,
        lambda a, r: _not_lpr(a, r) and a.get("nationality") == STATELESS,
        Kind.CHOICE,
    ),
    _q("first_entry_date", _WHY_STATUS, _not_lpr),
    _q("tps_status", _WHY_STATUS, _tps_status_matters),
    _q("tps_ended_on", _WHY_STATUS, lambda a, r: _tps_status_matters(a, r) and _expired(a, "tps")),
    _q("parole_status", _WHY_PAROLE, _not_lpr),
    _q(
        "parole_ended_on",
        _WHY_PAROLE,
        lambda a, r: _not_lpr(a, r) and _expired(a, "parole"),
    ),
    _q("daca_status", _WHY_STATUS, _not_lpr),
    _q("daca_expiration", _WHY_STATUS, lambda a, r: _not_lpr(a, r) and _daca_renewal(a)),
    _q(
        "continuous_residence_since",
        _WHY_STATUS,
        lambda a, r: _daca_initial(a, r) or _tps_new_applicant(a, r),
    ),
    _q("present_on_2012_06_15", _WHY_STATUS, _daca_initial),
    _q("lawful_status_on_2012_06_15", _WHY_STATUS, _daca_initial),
    _q("education", _WHY_STATUS, _daca_initial),
    _q("felony_convictions", _WHY_CRIMINAL, _counts_matter),
    _q("significant_misdemeanors", _WHY_CRIMINAL, _counts_matter),
    _q("other_misdemeanors", _WHY_CRIMINAL, _counts_matter),
    # Asked of everyone: the asylum deadline can raise urgency.
    _q("fear_of_return", _WHY_STATUS),
    _q("last_entry_date", _WHY_STATUS, _last_entry_matters),
    _q("asylum_filed", _WHY_STATUS, lambda a, r: a.get("fear_of_return") is True),
    _q("crime_victim", _WHY_SAFETY),
    _q("trafficking_victim", _WHY_SAFETY),
    _q("abused_by_usc_lpr_family", _WHY_SAFETY),
    _q("abused_neglected_abandoned_by_parent", _WHY_SAFETY, _under_21),
    _q("usc_or_lpr_relative", _WHY_STATUS),
)
BY_KEY: Mapping[str, Question] = {q.key: q for q in QUESTIONS}


def visible(answers: Answers, rules: Rules) -> list[Question]:
    """The questions to show now, given the answers so far."""
    return [q for q in QUESTIONS if q.shown(answers, rules)]


def engine_answers(answers: Answers, rules: Rules) -> dict[str, Any]:
    """What ``screen()`` gets: visible questions' answers only, without UI-only keys.

    An answer to a question that is hidden now (a branch the volunteer left)
    is dropped, so a stale answer never decides an outcome.
    """
    shown = {q.key for q in visible(answers, rules)}
    out = {
        k: v
        for k, v in answers.items()
        if v is not None and k in shown and k != IS_PERMANENT_RESIDENT
    }
    if out.get("nationality") == STATELESS:
        del out["nationality"]
    if "date_of_birth" in answers and answers["date_of_birth"] is not None:
        out["date_of_birth"] = answers["date_of_birth"]
    return out
