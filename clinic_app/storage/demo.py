"""Synthetic clients for training vaults and benchmarks (``admin demo-data``).

Names are built from syllables and name parts of each of the app's eleven
languages' scripts, so they look plausible and belong to nobody. Phone
numbers are in the 555-0100 to 555-0199 range that North American numbering
reserves for fiction; e-mail addresses use example.org. Each client's
screening answers are generated for one of many situations, screened with the
real engine on the intake day, and only the result is kept, as in an intake.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any, Final

from clinic_app.domain.fields import CASE_OUTCOMES, CASE_STATUS, REFERRAL_NEEDS
from clinic_app.domain.record import PROGRAMS, IntakeRecord, ScreeningOutcome
from clinic_app.screening import Rules, load_rules, screen

# language -> (given-name syllables, family-name syllables, syllables per part, joiner)
_LATIN_EN = (
    ["Ja", "Mi", "Ro", "Da", "Ka", "Le", "Bran", "Sa", "El", "Tor"],
    ["son", "ley", "den", "ford", "by", "well", "ton", "ridge", "mer", "ham"],
)
SCRIPTS: Final[dict[str, tuple[list[str], list[str]]]] = {
    "en": _LATIN_EN,
    "es": (
        ["Ma", "Lu", "Ro", "Fer", "Ca", "Jo", "Mi", "Ale", "Bea", "Sil"],
        ["rí", "a", "cía", "nán", "dez", "gón", "zá", "lez", "ño", "ra", "mí", "rez"],
    ),
    "zh_Hant": (
        ["志", "明", "雅", "婷", "俊", "傑", "美", "玲", "家", "豪", "怡", "君", "建", "華", "淑"],
        ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭"],
    ),
    "ru": (
        ["Ва", "Ми", "Ла", "Ни", "Ан", "Ксе", "Ю", "Ге", "Бо", "Ле"],
        ["ков", "ова", "син", "ёв", "рин", "ина", "лов", "ская", "дзе", "щук"],
    ),
    "bn": (
        ["রা", "সু", "মি", "তা", "অ", "নি", "শু", "জা", "প্র", "দী"],
        ["দে", "ব", "নাথ", "চৌ", "ধু", "রী", "সর", "কার", "গো", "স্বা", "মী", "হক"],
    ),
    "ht": (
        ["Ja", "Wi", "Ro", "Mi", "Fa", "Nè", "Jo", "Ste", "Mar", "Lu"],
        ["ly", "son", "nel", "sè", "pò", "lis", "ma", "dor", "vil", "jan"],
    ),
    "ko": (
        ["민", "준", "서", "연", "지", "우", "하", "은", "도", "현", "수", "아", "예", "진"],
        ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"],
    ),
    "ar": (
        ["نو", "را", "سا", "مي", "ها", "لي", "فا", "زي", "أم", "إي", "رى"],
        ["كر", "يم", "دة", "ان", "ين", "ور", "حس", "شي", "طف", "بة"],
    ),
    "ur": (
        ["کا", "ری", "شا", "نو", "ید", "گل", "پر", "وی", "زا", "ہا"],
        ["ہد", "ٹی", "ڈو", "ری", "شی", "کھ", "نی", "ے", "چو", "ہری"],
    ),
    "fr": (
        ["Jé", "Ma", "Lou", "Clé", "Au", "Bé", "Cé", "Hé", "No", "Ro"],
        ["rô", "me", "ette", "ier", "eau", "lin", "mont", "court", "vert", "çois"],
    ),
    "pl": (
        ["Ła", "Ka", "Zo", "Grze", "Wo", "Ja", "Ag", "Ma", "Prze", "Bo"],
        ["ski", "cka", "wicz", "ńczyk", "rek", "ła", "sz", "żyń", "ó", "dzki"],
    ),
}
DEMO_LANGUAGES: Final = tuple(SCRIPTS)
_SPACELESS: Final = frozenset({"zh_Hant", "ko"})
_AREA_CODES: Final = ("718", "347", "646", "917", "929", "212")
_ZIPS: Final = ("10025", "11220", "11372", "10458", "11368", "11201", "10031", "11232", "10467")
_SITES: Final = ("Sunset Park", "Jackson Heights", "Washington Heights", "Flatbush", "Concourse")
VOLUNTEERS: Final = ("demo.ana", "demo.bilal", "demo.chen", "demo.dasha", "demo.efua")


def _part(rng: random.Random, syllables: list[str], low: int, high: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))


def fictional_name(rng: random.Random, language: str) -> tuple[str, str]:
    """A (given, family) pair in the script of ``language``, made of syllables."""
    given_parts, family_parts = SCRIPTS[language]
    if language in _SPACELESS:
        return _part(rng, given_parts, 1, 2), rng.choice(family_parts)
    given = _part(rng, given_parts, 1, 1) + _part(rng, family_parts, 1, 1)
    family = _part(rng, given_parts, 1, 1) + _part(rng, family_parts, 1, 2)
    if language == "ar" and rng.random() < 0.3:
        family = "ال" + family  # the article, indexed with and without it
    if language != "ar" and language != "ur" and language != "bn" and language != "ru":
        given, family = given.capitalize(), family.capitalize()
    return given, family


def _days(rng: random.Random, day: date, low: int, high: int) -> date:
    return day + timedelta(days=rng.randint(low, high))


def _situation(rng: random.Random, day: date) -> dict[str, Any]:
    """Screening answers for one of many situations, so every result kind occurs."""
    dob = _days(rng, day, -65 * 365, -15 * 365)
    a: dict[str, Any] = {"date_of_birth": dob}
    kind = rng.randrange(12)
    if kind == 0:  # detained
        a.update(detained=True, in_removal_proceedings=True)
    elif kind == 1:  # in proceedings, hearing soon or later or missed
        a.update(in_removal_proceedings=True, next_hearing_date=_days(rng, day, -20, 200))
    elif kind == 2:
        a.update(final_removal_order=True, in_removal_proceedings=True)
    elif kind == 3:  # fear of return, asylum clock
        a.update(
            fear_of_return=True,
            asylum_filed=rng.random() < 0.2,
            last_entry_date=_days(rng, day, -500, -10),
        )
    elif kind == 4:  # DACA renewal
        a.update(daca_status="current", daca_expiration=_days(rng, day, -100, 400))
    elif kind == 5:  # DACA initial track
        arrival = _days(rng, dob, 365, 15 * 365)
        a.update(
            daca_status=rng.choice(["never", "expired"]),
            daca_expiration=_days(rng, day, -900, -400),
            first_entry_date=arrival,
            continuous_residence_since=arrival,
            present_on_2012_06_15=rng.random() < 0.8,
            lawful_status_on_2012_06_15=False,
            education=rng.choice(["in_school", "high_school_diploma", "ged", "none"]),
            felony_convictions=rng.choice([0, 0, 0, 1]),
            significant_misdemeanors=0,
            other_misdemeanors=rng.randint(0, 3),
        )
    elif kind == 6:  # TPS
        arrival = _days(rng, day, -5000, -100)
        a.update(
            nationality=rng.choice(["SV", "UA", "SD", "LB", "VE", "HT", "HN", "MX"]),
            tps_status=rng.choice(["never", "current", "expired"]),
            first_entry_date=arrival,
            continuous_residence_since=arrival,
            felony_convictions=0,
            significant_misdemeanors=0,
            other_misdemeanors=rng.randint(0, 2),
        )
    elif kind == 7:  # naturalization
        a.update(
            lpr_since=_days(rng, day, -8 * 365, -2 * 365),
            married_to_usc_living_together=rng.random() < 0.4,
        )
    elif kind == 8:  # humanitarian relief
        a.update(
            crime_victim=rng.random() < 0.5,
            trafficking_victim=rng.random() < 0.2,
            abused_by_usc_lpr_family=rng.random() < 0.3,
        )
    elif kind == 9:  # young, SIJS
        a["date_of_birth"] = _days(rng, day, -20 * 365, -12 * 365)
        a["abused_neglected_abandoned_by_parent"] = rng.random() < 0.5
    elif kind == 10:  # family-based
        a["usc_or_lpr_relative"] = True
    # kind 11: the client preferred not to answer anything (needs_info throughout)
    return a


def demo_record(rng: random.Random, today: date, rules: Rules) -> IntakeRecord:
    """One synthetic client, screened on the intake day."""
    language = rng.choice(DEMO_LANGUAGES)
    given, family = fictional_name(rng, language)
    intake = _days(rng, today, -730, 0)
    answers = _situation(rng, intake)
    result = None
    referral: tuple[str, ...] = ()
    if rng.random() < 0.95:
        result = ScreeningOutcome.from_dict(screen(answers, today=intake, rules=rules).to_dict())
        referral = tuple(p for p in PROGRAMS if result.program(p).outcome in ("likely", "possible"))
        referral = tuple(p for p in referral if p in REFERRAL_NEEDS)
    has_phone = rng.random() < 0.85
    status = rng.choices(CASE_STATUS, weights=[5, 3, 3, 2])[0]
    # Closing details from a second generator seeded by the record: the main
    # stream (and so every existing demo vault) stays as it was.
    more = random.Random(f"{given}|{family}|{intake}")  # noqa: S311 - fiction
    closing = _closing(more, result, status)
    return IntakeRecord(
        record_id="new",
        given_name=given,
        family_name=family,
        client_language=language,
        intake_date=intake,
        site=rng.choice(_SITES),
        volunteer=rng.choice(VOLUNTEERS),
        preferred_name=None,
        date_of_birth=answers["date_of_birth"],
        phone=f"({rng.choice(_AREA_CODES)}) 555-01{rng.randint(0, 99):02d}" if has_phone else None,
        email=f"client{rng.randint(1000, 99999)}@example.org" if rng.random() < 0.3 else None,
        zip_code=rng.choice(_ZIPS),
        safe_to_call=has_phone and rng.random() < 0.8,
        safe_to_leave_voicemail=rng.random() < 0.5,
        safe_to_send_mail=rng.random() < 0.6,
        preferred_contact=rng.choice(["phone", "email", "none"]),
        referral_needs=referral,
        case_status=status,
        case_closed_on=_days(rng, intake, 0, 60) if status == "closed" else None,
        screening_result=result,
        interpreter_needed=language not in ("en",) and more.random() < 0.6,
        **closing,
    )


def _closing(rng: random.Random, result: ScreeningOutcome | None, status: str) -> dict[str, Any]:
    """A closed case's outcome and services (funders ask for both)."""
    if status != "closed":
        return {}
    services = ["screening"] if result is not None else []
    services += [
        s for s in ("application_help", "referral", "representation") if rng.random() < 0.4
    ]
    return {
        "case_outcome": rng.choices(CASE_OUTCOMES, weights=[4, 2, 3, 4, 2, 1, 1])[0],
        "services_delivered": tuple(services),
    }


def demo_records(
    count: int, seed: int | None, today: date, rules: Rules | None = None
) -> Iterator[IntakeRecord]:
    rng = random.Random(seed)  # noqa: S311 - reproducible fiction, not secrets
    rules = rules if rules is not None else load_rules()
    for _ in range(count):
        yield demo_record(rng, today, rules)


Progress = Callable[[int, int], None]
BATCH: Final = 2000


def fill(
    create_many: Callable[[list[IntakeRecord]], list[str]],
    count: int,
    seed: int | None,
    today: date,
    progress: Progress | None = None,
) -> Iterator[str]:
    """Creates ``count`` demo records in batches (one transaction each), yielding ids."""
    batch: list[IntakeRecord] = []
    done = 0
    for record in demo_records(count, seed, today):
        batch.append(record)
        if len(batch) == BATCH:
            yield from create_many(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, count)
    if batch:
        yield from create_many(batch)
        done += len(batch)
        if progress:
            progress(done, count)
