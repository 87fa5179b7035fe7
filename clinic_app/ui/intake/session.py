"""One intake in progress: the form (storable) and the screening answers (memory only).

The two are kept apart on purpose. ``form`` holds only stored catalogue
fields and is what a crash-recovery draft carries (``domain.fields.storable``
filters it again). ``answers`` holds the screening answers; they are never
written anywhere and are dropped after the save (or when the intake is
discarded). Only the result of ``screen()`` goes into the record.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from clinic_app.domain.fields import storable
from clinic_app.domain.record import Consent, IntakeRecord, ScreeningOutcome
from clinic_app.screening import Rules, ScreeningResult, load_rules, screen
from clinic_app.ui.intake.questions import engine_answers


class IntakeSession:
    """State of one intake, shared by the wizard's steps."""

    def __init__(self, volunteer: str, *, today: date | None = None, rules: Rules | None = None):
        self.volunteer = volunteer
        self.today = today or date.today()
        self.rules = rules or load_rules()
        self.form: dict[str, Any] = {"volunteer": volunteer, "intake_date": self.today}
        self.answers: dict[str, Any] = {}
        self.declined: set[str] = set()  # questions the client preferred not to answer
        self.screening_consent_on: date | None = None
        self.share_result_consent = False
        self.notes_confirmed = False
        self.result: ScreeningResult | None = None

    # --- screening ---------------------------------------------------------

    @property
    def screening_consented(self) -> bool:
        return self.screening_consent_on is not None

    def engine_answers(self) -> dict[str, Any]:
        answers = dict(self.answers)
        if self.form.get("date_of_birth") is not None:
            answers["date_of_birth"] = self.form["date_of_birth"]
        return engine_answers(answers, self.rules)

    def run_screening(self) -> ScreeningResult | None:
        """Screens the answers given so far (None without the client's consent)."""
        if not self.screening_consented:
            self.result = None
            return None
        self.result = screen(self.engine_answers(), today=self.today, rules=self.rules)
        return self.result

    def drop_answers(self) -> None:
        """Forgets every screening answer (after the save, or on discard)."""
        self.answers.clear()
        self.declined.clear()

    # --- storage -----------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        """What a crash-recovery draft may hold: stored fields only, never answers."""
        values = {k: v for k, v in self.form.items() if v not in (None, "", ())}
        return storable(values)

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.form.update(storable(draft))
        for name in ("date_of_birth", "intake_date"):
            if isinstance(self.form.get(name), str):
                try:
                    self.form[name] = date.fromisoformat(self.form[name])
                except ValueError:
                    self.form[name] = None

    def record(self, record_id: str | None = None) -> IntakeRecord:
        """The record to store: the form plus the screening result (never the answers)."""
        values = {k: v for k, v in self.form.items() if v not in (None, "")}
        values["record_id"] = record_id or uuid.uuid4().hex
        values["volunteer"] = self.volunteer
        if self.screening_consent_on is not None:
            values["screening_consent_on"] = self.screening_consent_on
        if isinstance(values.get("referral_needs"), list):
            values["referral_needs"] = tuple(values["referral_needs"])
        if self.result is not None:
            values["screening_result"] = ScreeningOutcome.from_dict(self.result.to_dict())
            if self.share_result_consent:
                values["eo41_consent"] = Consent(
                    frozenset({"screening_result"}), self.today, self.volunteer
                )
        return IntakeRecord.from_mapping(values)
