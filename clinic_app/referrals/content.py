"""What a client's referral sheet says, built from the record through the policy.

The sheet is two parts (``build_sheets``): the client's page, wholly in the
client's language, and the provider's copy, in English, for the receiving
attorney. Each part is a whole ``Sheet`` in one language and one direction,
so Arabic and English never share a line or a page's reading order.

Every record value on the sheet is asked for through
``clinic_app.domain.policy.allowed`` for ``Channel.REFERRAL_SHEET``:
- the client's name (preferred name when given) always;
- the phone or e-mail only when it is the contact the client chose and, for a
  phone, it is safe to call (``policy._chosen_contact``); otherwise the sheet
  says to reach the client through the clinic;
- the screening result (programs, documents per program, deadlines,
  urgency), the other EO-41 items and the referral needs only when the
  record's consent covers them (confidentiality.md v2). Without consent the
  sheet names only the destination, the appointment, what to bring and
  "Legal consultation";
- the client's language and whether an interpreter is needed (``service``
  fields) on the provider's copy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Final

from clinic_app.domain.fields import FIELDS
from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import IntakeRecord
from clinic_app.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, translation
from clinic_app.i18n.language_names import language_label
from clinic_app.i18n.locales import format_date
from clinic_app.referrals.directory import ACCESS_NAMES, SERVICES, Provider
from clinic_app.referrals.matching import needs_of
from clinic_app.referrals.sheet import (
    Block,
    Bullets,
    Content,
    Inline,
    Ltr,
    Notice,
    Paragraph,
    Row,
    Rows,
    Section,
    Sheet,
    Signature,
    pieces,
)
from clinic_app.screening import explain, load_rules, urgency_on, urgency_reasons_on
from clinic_app.screening.explanations import explained_codes
from clinic_app.screening.next_steps import next_steps

Gettext = Callable[[str], str]
CHANNEL: Final = Channel.REFERRAL_SHEET
# The sheet is printed by whoever is signed in; the referral-sheet channel has
# no viewer gate (policy.GATES), so the context carries nothing.
CONTEXT: Final = Context()

PURPOSES: Final[dict[str, str]] = {
    "daca": N_("Help to ask for DACA or to renew it."),
    "tps": N_("Help to apply for TPS or to re-register."),
    "removal_defense": N_("A lawyer to defend you in immigration court."),
    "detained": N_("Legal help for a person held in immigration detention."),
    "asylum": N_("Help to ask for asylum (protection if you fear harm in your country)."),
    "children_sijs": N_(
        "Legal help for children and young people, including Special Immigrant Juvenile Status."
    ),
    "u_t_vawa": N_("Help for victims of crime, trafficking or abuse (U visa, T visa, VAWA)."),
    "family": N_("Help with a petition through a family member."),
    "naturalization": N_("Help to become a US citizen."),
}
# Without consent to the referral needs, the sheet names no purpose but this
# (confidentiality.md v2: referral needs reveal status).
GENERAL_PURPOSE: Final = N_("Legal consultation")
PROGRAM_NAMES: Final[dict[str, str]] = {
    "daca": N_("DACA"),
    "tps": N_("TPS"),
    "asylum": N_("Asylum"),
    "sijs": N_("Special Immigrant Juvenile Status"),
    "u_visa": N_("U visa"),
    "t_visa": N_("T visa"),
    "vawa": N_("VAWA"),
    "naturalization": N_("Naturalization"),
    "family": N_("Family petitions"),
}
DEADLINE_NAMES: Final[dict[str, str]] = {
    "hearing": N_("Immigration court hearing"),
    "asylum_one_year": N_("Asylum deadline (one year after arrival)"),
    "daca_expiration": N_("DACA ends"),
    "tps_registration_end": N_("TPS registration closes"),
    "tps_reregistration_end": N_("TPS re-registration closes"),
    "bia_appeal": N_("Appeal to the Board of Immigration Appeals due"),
    "sijs_age_out": N_("Turns 21 (SIJS court order needed before)"),
    "asylum_reasonable_period": N_("Asylum after TPS or parole ended: outer guide"),
}
GENERAL_DOCUMENTS: Final = (
    N_("This sheet"),
    N_("Passport, consular ID or birth certificate"),
    N_("Every letter or paper you have from immigration, a court or the police"),
)
URGENCY_NAMES: Final[dict[str, str]] = {
    "emergency": N_("Emergency"),
    "urgent": N_("Urgent"),
    "priority": N_("Priority"),
    "routine": N_("Routine"),
}
# EO-41 yes/no items, in the catalogue's order.
EO41_FLAGS: Final = (
    "dv_or_sexual_assault_victim",
    "crime_victim_or_witness",
    "public_assistance",
    "tax_records",
    "sexual_orientation",
)


@dataclass(frozen=True)
class Site:
    """What the sheet needs of the site settings and the vault."""

    clinic_name: str
    clinic_contact: str
    training: bool = False


def _may(record: IntakeRecord, name: str) -> bool:
    return getattr(record, name) is not None and allowed(name, CHANNEL, CONTEXT, record)


def display_name(record: IntakeRecord) -> str:
    """The name as the client wants it written: the preferred name when given."""
    if record.preferred_name and _may(record, "preferred_name"):
        return record.preferred_name
    parts = [record.given_name if _may(record, "given_name") else ""]
    parts.append(record.family_name if _may(record, "family_name") else "")
    return " ".join(p for p in parts if p)


def sheet_date(value: date, language: str) -> Inline:
    """A date as the language writes it, with the month's name so the year and the
    order of day and month are never ambiguous. Numeric forms read left to right."""
    text = format_date(value, language, "medium").replace("\u200f", "")
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return text
    return Ltr(text)


def data(text: str) -> Content:
    """A value typed by someone (a name, an address) in its own direction.

    Like HTML's ``dir="auto"``: the first strong letter decides, so an English
    provider name keeps its parentheses right on an Arabic sheet, and an
    Arabic name reads right to left on an English one. Text with no letter
    (a phone number) reads left to right.
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return text
        if kind == "L":
            return (Ltr(text),)
    return (Ltr(text),) if text else text  # digits and punctuation: a phone number


@cache
def _current_rules_as_of() -> date:
    return load_rules().as_of


def sheet_services(record: IntakeRecord, provider: Provider, today: date) -> tuple[str, ...]:
    """What this provider is for, for this client, from what the sheet may use."""
    outcome = record.screening_result if _may(record, "screening_result") else None
    ticked = record.referral_needs if _may(record, "referral_needs") else ()
    needs = needs_of(outcome, today, record.client_language, None, ticked)
    return tuple(s for s in SERVICES if s in needs.services and s in provider.services)


def provider_next_steps(record: IntakeRecord, today: date, language: str) -> tuple[str, ...]:
    """NEXT STEPS of the provider's copy: the one place they come from.

    The next step of each urgency reason of the day, then the steps
    ``screening.next_steps`` gives each program the client likely or possibly
    qualifies for. Called only when the consent covers the screening result.
    """
    result = record.screening_result
    if result is None:
        return ()
    stored = result.to_dict()
    steps: dict[str, None] = {}
    known = explained_codes()
    for code in urgency_reasons_on(stored, today):
        step = explain(code, language).next_step if code in known else None
        if step:
            steps.setdefault(step, None)
    for program in next_steps(stored, day=today, language=language).programs:
        if program.outcome in ("likely", "possible"):
            steps.update(dict.fromkeys(program.steps))
    return tuple(steps)


class _Part:
    """One part of the sheet in one language; ``provider`` marks the provider's copy."""

    def __init__(
        self, record: IntakeRecord, language: str, today: date, provider: bool = False
    ) -> None:
        self.record = record
        self.language = language
        self.today = today
        self.provider = provider
        self.g: Gettext = translation(language).gettext

    def day(self, value: date) -> Inline:
        return sheet_date(value, self.language)

    def client(self) -> Section:
        g, r = self.g, self.record
        rows = [
            Row(g(N_("Name")), data(display_name(r))),
            Row(g(N_("Date of this sheet")), (self.day(self.today),)),
        ]
        blocks: list[Block] = []
        # The policy allows only the contact the client chose, and a phone only
        # when it is safe to call.
        phone_shown = _may(r, "phone")
        if phone_shown:
            rows.append(Row(g(N_("Phone")), (Ltr(r.phone or ""),)))
        elif _may(r, "email"):
            rows.append(Row(g(N_("E-mail")), (Ltr(r.email or ""),)))
        else:
            rows.append(Row(g(N_("Contact")), g(N_("Reach the client through the clinic only."))))
        if r.appointment is not None and _may(r, "appointment"):
            when = (self.day(r.appointment.date()), " ", Ltr(r.appointment.strftime("%H:%M")))
            rows.append(Row(g(N_("Appointment")), when))
        if self.provider:
            rows += self.language_rows()
        blocks.append(Rows(tuple(rows)))
        cautions = []
        if phone_shown and r.safe_to_leave_voicemail is not True:
            cautions.append(g(N_("Do not leave a voicemail.")))
        if r.safe_to_send_mail is False:
            cautions.append(g(N_("Do not send mail to the client.")))
        if cautions:
            blocks.append(Bullets(tuple(cautions)))
        return Section(g(N_("Client")), tuple(blocks))

    def language_rows(self) -> list[Row]:
        """The client's language (any language, by name) and the interpreter need."""
        g, r = self.g, self.record
        rows = [
            Row(g(N_("Client's language")), data(language_label(r.client_language, self.language)))
        ]
        if r.interpreter_needed is None:
            need = g(N_("Not recorded"))
        else:
            need = g(N_("Yes")) if r.interpreter_needed else g(N_("No"))
        rows.append(Row(g(N_("Interpreter needed")), need))
        return rows

    def urgency(self) -> Section | None:
        """How urgent, why, and what to do first: for the receiving attorney."""
        g, r = self.g, self.record
        if not _may(r, "screening_result") or r.screening_result is None:
            return None
        result = r.screening_result.to_dict()
        level = urgency_on(result, self.today)
        blocks: list[Block] = [Rows((Row(g(N_("Urgency")), g(URGENCY_NAMES[level])),))]
        known = explained_codes()
        reasons = tuple(
            explain(code, self.language).sentence
            for code in urgency_reasons_on(result, self.today)
            if code in known
        )
        if reasons:
            blocks.append(Bullets(reasons))
        steps = provider_next_steps(r, self.today, self.language)
        if steps:
            blocks.append(Paragraph(g(N_("Next steps"))))
            blocks.append(Bullets(steps))
        return Section(g(N_("Urgency and next steps")), tuple(blocks))

    def providers(self, chosen: Sequence[Provider]) -> Section:
        g = self.g
        blocks: list[Block] = []
        for p in chosen:
            rows = [Row(g(N_("Organization")), data(p.name))]
            if p.phone:
                rows.append(Row(g(N_("Phone")), (Ltr(p.phone),)))
            if p.email:
                rows.append(Row(g(N_("E-mail")), (Ltr(p.email),)))
            if p.address:
                rows.append(Row(g(N_("Address")), data(p.address)))
            # Hours and how to go share a row: a typical sheet fits one page.
            access = g(ACCESS_NAMES[p.access])
            if p.hours:
                hours = data(p.hours)
                rows.append(Row(g(N_("Hours")), (*pieces(hours), " · ", access)))
            else:
                rows.append(Row(g(N_("How to go")), access))
            if p.eligibility:
                rows.append(Row(g(N_("Who can go")), data(p.eligibility)))
            services = sheet_services(self.record, p, self.today)
            purposes = tuple(g(PURPOSES[s]) for s in services) or (g(GENERAL_PURPOSE),)
            blocks.append(Rows(tuple(rows)))
            # What it is for, in plain words (interface text: see sheet.py).
            blocks.append(Bullets(purposes))
        if not chosen:
            blocks.append(Paragraph(g(N_("No organization was chosen."))))
        return Section(g(N_("Where to go")), tuple(blocks))

    def documents(self) -> Section:
        g, r = self.g, self.record
        blocks: list[Block] = [Bullets(tuple(g(d) for d in GENERAL_DOCUMENTS))]
        if _may(r, "screening_result") and r.screening_result is not None:
            general = {g(d) for d in GENERAL_DOCUMENTS}
            groups = [
                (g(PROGRAM_NAMES[p.program]), p.reasons)
                for p in r.screening_result.programs
                if p.outcome in ("likely", "possible")
            ]
            pressing = urgency_reasons_on(r.screening_result.to_dict(), self.today)
            groups.append((g(N_("Court dates and deadlines")), pressing))
            rows = []
            for label, codes in groups:
                docs = self.documents_for(codes, general)
                if docs:
                    rows.append(Row(label, "; ".join(docs)))
                    general.update(docs)  # each document is listed once
            if rows:
                blocks.append(Rows(tuple(rows)))
        return Section(g(N_("What to bring")), tuple(blocks))

    def documents_for(self, codes: Sequence[str], skip: set[str]) -> list[str]:
        known = explained_codes()
        docs: list[str] = []
        for code in codes:
            if code in known:
                for doc in explain(code, self.language).documents:
                    if doc not in docs and doc not in skip:
                        docs.append(doc)
        return docs

    def deadlines(self) -> Section | None:
        g, r = self.g, self.record
        if not _may(r, "screening_result") or r.screening_result is None:
            return None
        rows = tuple(
            Row(g(DEADLINE_NAMES[d.kind]), (self.day(d.date),))
            for d in sorted(r.screening_result.deadlines, key=lambda d: d.date)
        )
        if not rows:
            return None
        if self.provider:
            return Section(g(N_("Dates to act on")), (Rows(rows),))
        note = Paragraph(g(N_("Contact the organization well before these dates.")))
        return Section(g(N_("Dates to act on")), (Rows(rows), note))

    def shared_items(self) -> list[str]:
        """The consented items this sheet carries, in the catalogue's order."""
        r = self.record
        names = ["screening_result", *EO41_FLAGS, "referral_needs", "notes"]
        return [n for n in names if _may(r, n) and getattr(r, n) not in (None, ())]

    def consented(self) -> Section | None:
        """The consent: what is shared, when, who recorded it; the client signs."""
        g, r = self.g, self.record
        consent = r.eo41_consent
        if consent is None or not _may(r, "eo41_consent"):
            return None
        items = self.shared_items()
        blocks: list[Block] = []
        if self.provider:
            rows: list[Row] = []
            for name in EO41_FLAGS:
                if name in items:
                    value = g(N_("Yes")) if getattr(r, name) else g(N_("No"))
                    rows.append(Row(g(FIELDS[name].label), value))
            if "screening_result" in items:
                rows.append(Row(g(FIELDS["screening_result"].label), g(N_("Shown on this sheet"))))
            if "referral_needs" in items:
                rows.append(Row(g(FIELDS["referral_needs"].label), g(N_("Shown on this sheet"))))
            if rows:
                blocks.append(Rows(tuple(rows)))
            if "notes" in items:
                blocks.append(Paragraph(data(r.notes or "")))
        else:
            # The client's page names what is shared, never the values.
            blocks.append(Bullets(tuple(g(FIELDS[n].label) for n in items)))
        signed = (
            Row(g(N_("Consent given on")), (self.day(consent.given_on),)),
            Row(g(N_("Recorded by")), data(consent.recorded_by)),
        )
        # The client's page keeps to what the client signs; who recorded the
        # consent, and when, is on the provider's copy and in the record.
        if self.provider:
            blocks.append(Rows(signed))
        if not self.provider:
            blocks.append(Signature((g(N_("Client's signature")), g(N_("Date")))))
        heading = (
            N_("Shared with the client's written consent")
            if self.provider
            else N_("What you agreed to share")
        )
        return Section(g(heading), tuple(blocks))

    def clinic(self, site: Site) -> Section:
        g, r = self.g, self.record
        if _may(r, "screening_result") and r.screening_result is not None:
            as_of = r.screening_result.rules_as_of
        else:
            as_of = _current_rules_as_of()
        clinic = data(site.clinic_name) if site.clinic_name else g(N_("Not set"))
        if site.clinic_contact and not self.provider:
            # One row on the client's page: a typical sheet fits one page.
            clinic = (*pieces(clinic), " · ", *pieces(data(site.clinic_contact)))
        rows = [Row(g(N_("Clinic")), clinic)]
        if site.clinic_contact and self.provider:
            rows.append(Row(g(N_("Contact")), data(site.clinic_contact)))
        if self.provider:
            rows.append(Row(g(N_("Rules as of")), (self.day(as_of),)))
        notice = Notice(
            g(N_("This is not legal advice")),
            (
                g(
                    N_(
                        "Volunteers prepared this referral. Only a lawyer or an accredited "
                        "representative can advise you about your case."
                    )
                ),
            ),
        )
        if self.provider:  # the receiving attorney needs no such reminder
            return Section(g(N_("Your clinic")), (Rows(tuple(rows)),))
        return Section(g(N_("Your clinic")), (Rows(tuple(rows)), notice))

    def training(self) -> Section:
        g = self.g
        return Section(
            g(N_("TRAINING")),
            (
                Notice(
                    g(N_("TRAINING: not a real referral")),
                    (g(N_("This sheet comes from a training vault with invented clients.")),),
                ),
            ),
        )

    def sheet(self, chosen: Sequence[Provider], site: Site) -> Sheet:
        if self.provider:
            sections: list[Section | None] = [
                self.training() if site.training else None,
                self.client(),
                self.urgency(),
                self.deadlines(),
                self.providers(chosen),
                self.consented(),
                self.clinic(site),
            ]
            title = self.g(N_("Referral: copy for the receiving organization"))
        else:
            sections = [
                self.training() if site.training else None,
                self.client(),
                self.providers(chosen),
                self.documents(),
                self.deadlines(),
                self.consented(),
                self.clinic(site),
            ]
            title = self.g(N_("Referral sheet"))
        if site.training:
            title = self.g(N_("TRAINING")) + " · " + title
        return Sheet(self.language, title, tuple(s for s in sections if s is not None))


def build_sheets(
    record: IntakeRecord,
    chosen: Sequence[Provider],
    site: Site,
    today: date,
    language: str | None = None,
) -> tuple[Sheet, ...]:
    """The referral sheet's parts: the client's page, then the provider's copy.

    The client's page is in ``language`` (the CLI's ``--lang``) or the
    record's language; a language the app has no catalogue for (Mam, Wolof)
    gets an English page, and the provider's copy names the language and
    the interpreter need. The provider's copy is always in English.
    """
    code = language or record.client_language
    if code not in LANGUAGES:
        code = SOURCE_LANGUAGE
    return (
        _Part(record, code, today).sheet(chosen, site),
        _Part(record, SOURCE_LANGUAGE, today, provider=True).sheet(chosen, site),
    )
