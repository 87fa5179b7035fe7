"""A made-up intake at each step, for ``make screenshots`` (no real person)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

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


class _SampleVault:
    """A throw-away vault in a temporary folder holding made-up clients."""

    def __init__(self) -> None:
        import tempfile
        from datetime import timedelta
        from pathlib import Path

        from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
        from clinic_app.screening import screen
        from clinic_app.storage.records import Records
        from clinic_app.storage.vault import Vault

        self._dir = tempfile.TemporaryDirectory(prefix="clinic-screens-")
        self.vault = Vault.create(
            Path(self._dir.name) / "sample.vault", "sam", "sample screens only passphrase"
        )
        self.records = Records(self.vault, today=lambda: TODAY)
        people = [
            ("María José", "Quispe Huamán", "es", {"next_hearing_date": TODAY + timedelta(9)}),
            ("Иван", "Иванов", "ru", {"detained": True}),
            ("أحمد", "الحسن", "ar", {"fear_of_return": True, "last_entry_date": date(2026, 3, 1)}),
            ("小明", "王", "zh_Hant", {}),
            ("Jean-Baptiste", "Pierre", "ht", {"in_removal_proceedings": True}),
            (
                "Rahim",
                "Uddin",
                "bn",
                {"daca_status": "current", "daca_expiration": TODAY + timedelta(60)},
            ),
            ("Anna", "Kowalska", "pl", {}),
            ("지민", "김", "ko", {"final_removal_order": True}),
        ]
        made = []
        for n, (given, family, lang, answers) in enumerate(people):
            result = screen(answers, today=TODAY).to_dict()
            made.append(
                IntakeRecord(
                    record_id="new",
                    given_name=given,
                    family_name=family,
                    client_language=lang,
                    intake_date=TODAY - timedelta(days=n * 3),
                    site="Queens Library, Jackson Heights",
                    volunteer="sam",
                    phone=f"718-555-01{n:02d}",
                    screening_result=ScreeningOutcome.from_dict(result),
                    case_status=("new", "referred", "in_progress", "closed")[n % 4],
                )
            )
        self.ids = self.records.create_many(reversed(made))
        self.records.mark_training()  # made-up clients: a training vault

    def close(self) -> None:
        self.vault.close()
        self._dir.cleanup()


_sample: _SampleVault | None = None


def _sample_vault() -> _SampleVault:
    global _sample
    if _sample is None:
        import atexit

        _sample = _SampleVault()
        atexit.register(_sample.close)
    return _sample


def sample_records_list() -> QWidget:
    """The records list over made-up clients."""
    from clinic_app.domain.policy import Context
    from clinic_app.ui.records_list import RecordsList

    sample = _sample_vault()
    return RecordsList(sample.records, Context(viewer="sam", supervisor=True))


def sample_work_area() -> QWidget:
    """What a volunteer sees after signing in to a training vault."""
    from clinic_app.ui.clipboard import ClipboardGuard
    from clinic_app.ui.work_area import WorkArea

    sample = _sample_vault()
    area = WorkArea(
        records_factory=lambda vault: sample.records,
        clipboard=ClipboardGuard(),
        today=lambda: TODAY,
    )
    area.attach(sample.vault)
    return area


def sample_record_view() -> QWidget:
    from clinic_app.domain.policy import Context
    from clinic_app.ui.clipboard import ClipboardGuard
    from clinic_app.ui.record_view import RecordView

    sample = _sample_vault()
    return RecordView(
        sample.records,
        sample.ids[-1],
        Context(viewer="sam", supervisor=True),
        clipboard=ClipboardGuard(),
        today=TODAY,
    )
