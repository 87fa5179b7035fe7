"""Which providers suit a client, best first, and why (pure, deterministic).

The needs come from the stored screening outcome (programs whose outcome is
``likely`` or ``possible``; urgency recomputed for the day with
``screening.urgency_reasons_on``) and from the referral needs the volunteer
ticked. Each provider gets a sort key computed from the provider and the
client alone, never from the other providers, so the ranking is a total
order: adding a provider cannot change how the others compare. A detained
client sees providers that take detained cases first.

Reasons are msgids (``N_``): the volunteer sees them in the UI language
through :meth:`Reason.text`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
from clinic_app.i18n import N_, _
from clinic_app.referrals.directory import SERVICE_NAMES, Provider, borough_of
from clinic_app.screening import urgency_on, urgency_reasons_on

# Program of the screening -> directory service.
PROGRAM_SERVICE: Final = {
    "daca": "daca",
    "tps": "tps",
    "asylum": "asylum",
    "sijs": "children_sijs",
    "u_visa": "u_t_vawa",
    "t_visa": "u_t_vawa",
    "vawa": "u_t_vawa",
    "naturalization": "naturalization",
    "family": "family",
}
# Referral need ticked on the record -> directory service.
NEED_SERVICE: Final = {
    **PROGRAM_SERVICE,
    "removal_defense": "removal_defense",
    "detention": "detained",
}
# Urgency reason -> the services it calls for.
URGENCY_SERVICES: Final[dict[str, tuple[str, ...]]] = {
    "detained": ("detained", "removal_defense"),
    "final_order": ("removal_defense",),
    "hearing_within_30_days": ("removal_defense",),
    "hearing_date_passed": ("removal_defense",),
    "hearing_within_90_days": ("removal_defense",),
    "proceedings_no_hearing_date": ("removal_defense",),
    "asylum_deadline_within_60_days": ("asylum",),
    "asylum_deadline_open": ("asylum",),
    "asylum_deadline_passed": ("asylum",),
    "daca_renewal_window_open": ("daca",),
}
PRESSING: Final = frozenset({"emergency", "urgent"})

DETAINED: Final = N_("Takes detained cases")
OFFERS: Final = N_("Offers: {service}")
OFFERS_URGENT: Final = N_("Offers, and it is urgent: {service}")
LANGUAGE: Final = N_("Serves clients in their language")
ZIP_AREA: Final = N_("Serves the client's ZIP code")
BOROUGH_AREA: Final = N_("Serves the client's borough")
WALK_IN: Final = N_("Walk-in: no appointment needed")


@dataclass(frozen=True)
class Reason:
    """Why a provider was suggested: a msgid and, for some, a service code."""

    message: str
    service: str | None = None

    def text(self, gettext: Callable[[str], str] = _) -> str:
        if self.service is None:
            return gettext(self.message)
        return gettext(self.message).format(service=gettext(SERVICE_NAMES[self.service]))


@dataclass(frozen=True)
class Needs:
    """What the client needs, for one day."""

    services: frozenset[str]
    pressing_services: frozenset[str]  # called for by an urgency reason today
    detained: bool
    urgency: str
    language: str
    zip_code: str | None


@dataclass(frozen=True)
class Suggestion:
    provider: Provider
    reasons: tuple[Reason, ...]
    matched_services: tuple[str, ...]


def needs_of(
    outcome: ScreeningOutcome | None,
    today: date,
    language: str,
    zip_code: str | None = None,
    referral_needs: Iterable[str] = (),
) -> Needs:
    """The client's needs on ``today`` from the stored outcome and the ticked needs."""
    services: set[str] = {NEED_SERVICE[n] for n in referral_needs if n in NEED_SERVICE}
    pressing: set[str] = set()
    urgency = "routine"
    detained = "detention" in set(referral_needs)
    if outcome is not None:
        for p in outcome.programs:
            if p.outcome in ("likely", "possible"):
                services.add(PROGRAM_SERVICE[p.program])
        result = outcome.to_dict()
        urgency = str(urgency_on(result, today))
        for reason in urgency_reasons_on(result, today):
            called = URGENCY_SERVICES.get(reason, ())
            services.update(called)
            pressing.update(called)
            detained = detained or reason == "detained"
        if any(d.kind == "hearing" for d in outcome.deadlines):
            services.add("removal_defense")
    if detained:
        services.update(("detained", "removal_defense"))
        pressing.update(("detained", "removal_defense"))
    return Needs(frozenset(services), frozenset(pressing), detained, urgency, language, zip_code)


def needs_of_record(record: IntakeRecord, today: date) -> Needs:
    return needs_of(
        record.screening_result,
        today,
        record.client_language,
        record.zip_code,
        record.referral_needs,
    )


def _evaluate(p: Provider, needs: Needs) -> tuple[tuple[object, ...], Suggestion]:
    matched = tuple(s for s in SERVICE_NAMES if s in needs.services and s in p.services)
    pressing = tuple(s for s in matched if s in needs.pressing_services)
    reasons: list[Reason] = []
    takes_detained = needs.detained and "detained" in p.services
    if takes_detained:
        reasons.append(Reason(DETAINED))
    reasons += [Reason(OFFERS_URGENT, s) for s in pressing if s != "detained"]
    reasons += [Reason(OFFERS, s) for s in matched if s not in pressing]
    speaks = needs.language in p.languages
    if speaks:
        reasons.append(Reason(LANGUAGE))
    zip_match = bool(needs.zip_code) and any(
        (needs.zip_code or "").startswith(z) for z in p.zip_prefixes
    )
    borough = borough_of(needs.zip_code)
    borough_match = borough is not None and borough in p.boroughs
    if zip_match:
        reasons.append(Reason(ZIP_AREA))
    elif borough_match:
        reasons.append(Reason(BOROUGH_AREA))
    walk_in = needs.urgency in PRESSING and p.access in ("walk_in", "both")
    if walk_in and matched:
        reasons.append(Reason(WALK_IN))
    # Bigger is better for every part but the last two (the tie-breaks).
    key = (
        -int(takes_detained),
        -len(pressing),
        -len(matched),
        -int(speaks),
        -(2 if zip_match else 1 if borough_match else 0),
        -int(walk_in and bool(matched)),
        p.name.casefold(),
        json.dumps(p.to_mapping(), sort_keys=True, ensure_ascii=False),
    )
    return key, Suggestion(p, tuple(reasons), matched)


def rank(providers: Sequence[Provider], needs: Needs) -> list[Suggestion]:
    """Every provider, best first, each with the reasons it was suggested."""
    evaluated = [_evaluate(p, needs) for p in providers]
    evaluated.sort(key=lambda pair: pair[0])
    return [suggestion for _key, suggestion in evaluated]
