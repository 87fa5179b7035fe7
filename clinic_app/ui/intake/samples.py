"""A made-up intake at each step, for ``make screenshots`` (no real person)."""

from __future__ import annotations

from datetime import date

from clinic_app.screening import load_rules
from clinic_app.ui.intake.wizard import IntakeWizard

TODAY = date(2026, 11, 27)
STEPS = (
    "language",
    "consent",
    "identity",
    "screening",
    "result",
    "referral",
    "notes",
    "save",
)


def sample_wizard(step: str) -> IntakeWizard:
    """A wizard with sample answers, showing ``step``."""
    wizard = IntakeWizard(
        None,
        "sam",
        site="Queens Library, Jackson Heights",
        today=TODAY,
        rules=load_rules(),
        draft_interval_ms=3_600_000,
    )
    s = wizard.session
    s.form.update(
        client_language="es",
        given_name="María José",
        family_name="Quispe Huamán",
        date_of_birth=date(1998, 4, 2),
        phone="718-555-0142",
        safe_to_call=True,
        safe_to_leave_voicemail=False,
        preferred_contact="phone",
        notes="Trae la carta de la corte la próxima vez. A123456789",
    )
    s.screening_consent_on = TODAY
    s.answers.update(
        nationality="SV",
        first_entry_date=date(2006, 8, 1),
        daca_status="never",
        in_removal_proceedings=True,
        next_hearing_date=date(2026, 12, 15),
        detained=False,
        final_removal_order=False,
        fear_of_return=True,
        last_entry_date=date(2006, 8, 1),
        felony_convictions=0,
    )
    for each in wizard.steps:
        each.load()
    wizard.show_step(STEPS.index(step))
    if step == "notes":
        wizard.notes.check()
    return wizard
