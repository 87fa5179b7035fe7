"""Step 4: the screening questions, only those that matter for this client.

Answers go to ``session.answers`` (memory only). Rows appear and disappear as
earlier answers change; a hidden row is out of the tab order and its answer
is not used. Every question can be declined ("prefer not to answer").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel import Locale

from clinic_app.domain.fields import EDUCATION, STATUS_CHOICES, Kind
from clinic_app.i18n import _, current_language
from clinic_app.i18n.locales import cldr_locale
from clinic_app.ui.intake.answer_radios import RadioRow
from clinic_app.ui.intake.questions import QUESTIONS, STATELESS, Question, visible
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.wheel_guard import WheelGuard
from clinic_app.ui.intake.widgets import (
    ChoiceInput,
    CountInput,
    DateInput,
    FieldRow,
    Invalid,
    Step,
)
from clinic_app.ui.labels import EDUCATION_NAMES, STATUS_CHOICE_NAMES, word

# Dates that cannot lie in the future.
PAST_DATES = frozenset(
    {
        "first_entry_date",
        "continuous_residence_since",
        "last_entry_date",
        "lpr_since",
        "judge_decision_date",
        "tps_ended_on",
        "parole_ended_on",
    }
)


def countries() -> list[tuple[str, str]]:
    """ISO 3166 alpha-2 countries, named and sorted in the UI language."""
    locale: Locale = cldr_locale(current_language())
    names = [
        (name, code)
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ", "QO")
    ]
    return sorted(names)


def _editor(q: Question, nations: Sequence[tuple[str, str]]) -> Any:
    if q.kind is Kind.DATE:
        return DateInput()
    if q.kind is Kind.COUNT:
        return CountInput()
    if q.key == "education":
        return ChoiceInput([(word(EDUCATION_NAMES, c), c) for c in EDUCATION])
    if q.key in ("daca_status", "tps_status", "parole_status"):
        return ChoiceInput([(word(STATUS_CHOICE_NAMES, c), c) for c in STATUS_CHOICES])
    if q.key == "nationality":
        return ChoiceInput([(_("Stateless (no nationality)"), STATELESS), *nations])
    return ChoiceInput(nations)


class ScreeningStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.set_intro(
            _(
                "Ask only what is shown; more questions appear when an answer needs them. "
                "The client may decline any question. These answers are never saved."
            )
        )
        self._loading = False
        nations = countries()
        self._wheel_guard = WheelGuard(self)
        for q in QUESTIONS:
            why = _(q.why) if q.why else None
            row: FieldRow
            if q.kind is Kind.BOOL:
                # Yes / No / Don't know / Prefer not to answer, by arrow keys.
                row = RadioRow(_(q.label), why=why)
            else:
                row = FieldRow(_(q.label), _editor(q, nations), why=why, prefer_not=True)
                self._wheel_guard.guard(row.editor)
            self.add_row(q.key, row, stacked=True)  # a question sits above its answer
            row.changed.connect(self.refresh)

    def title(self) -> str:
        return _("Screening questions")

    def load(self) -> None:
        self._loading = True
        try:
            for key, row in self.rows.items():
                row.set_value(self.session.answers.get(key), declined=self._declined(key))
        finally:
            self._loading = False
        self.refresh()

    def _declined(self, key: str) -> bool:
        return key in self.session.declined

    def enter(self) -> None:
        if not any(v is not None for v in self.session.answers.values()):
            self.load()  # answers were dropped (consent withdrawn)
        self.refresh()

    def refresh(self) -> None:
        """Copies answers to the session and shows only the questions that matter now."""
        if self._loading:
            return
        for key, row in self.rows.items():
            value = row.value()
            self.session.answers[key] = None if isinstance(value, Invalid) else value
            if row.declined:
                self.session.declined.add(key)
            else:
                self.session.declined.discard(key)
        answers = dict(self.session.answers)
        answers["date_of_birth"] = self.session.form.get("date_of_birth")
        shown = {q.key for q in visible(answers, self.session.rules)}
        for key, row in self.rows.items():
            on = key in shown
            if row.isVisibleTo(self.body) != on or row.label.isVisibleTo(self.body) != on:
                self.form.setRowVisible(row, on)

    def leave(self, validate: bool) -> bool:
        ok = True
        for key, row in self.rows.items():
            if not self.form.isRowVisible(row):
                row.set_error(None)
                continue
            value = row.check(today=self.session.today, past=key in PAST_DATES, show=validate)
            if isinstance(value, Invalid):
                ok = False
        self.refresh()
        return ok or not validate

    def visible_keys(self) -> list[str]:
        return [k for k, row in self.rows.items() if self.form.isRowVisible(row)]
