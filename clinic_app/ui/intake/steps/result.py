"""Step 5: the screening result: each program, urgency in colour and words, reasons."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic_app.domain.fields import FIELDS
from clinic_app.i18n import _, current_language
from clinic_app.i18n.bidi import isolate
from clinic_app.i18n.locales import format_date
from clinic_app.screening import PROGRAMS, explain
from clinic_app.screening.next_steps import next_steps
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import Step
from clinic_app.ui.labels import (
    DEADLINE_NAMES,
    OUTCOME_NAMES,
    PROGRAM_NAMES,
    URGENCY_NAMES,
    urgency_colours,
    word,
)
from clinic_app.ui.tint import tint

RULES_STALE_DAYS = 90


def _sentence(code: str) -> str:
    try:
        return explain(code).sentence
    except KeyError:
        return code


class ResultStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.urgency = QLabel()
        self.urgency.setObjectName("urgency")
        self.urgency.setWordWrap(True)
        self.instruction = QLabel()
        self.instruction.setObjectName("nextStepInstruction")
        self.instruction.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.layout_.insertWidget(1, self.urgency)
        self.layout_.insertWidget(2, self.instruction)
        self.layout_.insertWidget(3, self.summary)
        self.program_labels: dict[str, QLabel] = {}
        self.program_reasons: dict[str, str] = {}
        self.program_steps: dict[str, str] = {}

    def title(self) -> str:
        return _("Result")

    def enter(self) -> None:
        result = self.session.run_screening()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.program_labels.clear()
        self.program_reasons.clear()
        self.program_steps.clear()
        lang = current_language()
        if result is None:
            self.set_intro(_("No screening: the client did not agree to the questions."))
            self.urgency.hide()
            self.instruction.hide()
            self.summary.clear()
            return
        self.set_intro(
            _(
                "Screening is not legal advice: every result goes to an attorney. "
                "Rules as of {date}."
            ).format(date=isolate(format_date(result.rules_as_of, lang)))
        )
        if (self.session.today - result.rules_as_of).days > RULES_STALE_DAYS:
            self.set_intro(
                self.intro.text()
                + "\n"
                + _(
                    "Warning: the screening rules are more than 90 days old. "
                    "Ask a supervisor to check for a newer rules file."
                )
            )
        self.urgency.show()
        reasons = " ".join(_sentence(code) for code in result.urgency_reasons)
        level = word(URGENCY_NAMES, result.urgency)
        self.urgency.setText(
            _("Urgency: {level}").format(level=level) + (f" — {reasons}" if reasons else "")
        )
        tint(self.urgency, *urgency_colours(result.urgency), bold=True)
        self.urgency.setAccessibleName(_("Urgency: {level}").format(level=level))
        steps = next_steps(result.to_dict())
        self.instruction.setText(
            _("Next step: {instruction}").format(instruction=steps.instruction)
            + "\n"
            + steps.attorney_note
        )
        tint(self.instruction, *urgency_colours(result.urgency), bold=True)
        self.instruction.show()
        by_program = {p.program: p.steps for p in steps.programs}
        lines = []
        if result.needs_representation:
            lines.append(_("The client needs a lawyer or accredited representative."))
        for d in result.deadlines:
            lines.append(
                _("Deadline ({kind}): {date}").format(
                    kind=_sentence_kind(d.kind), date=isolate(format_date(d.date, lang))
                )
            )
        self.summary.setText("\n".join(lines))
        for program in PROGRAMS:
            outcome = result.programs[program]
            parts = [_sentence(code) for code in outcome.reasons]
            if outcome.missing:
                missing = ", ".join(_(FIELDS[k].label) for k in outcome.missing)
                parts.append(_("Missing: {answers}").format(answers=missing))
            texts = by_program.get(program, ())
            if outcome.outcome == "needs_info":
                # The client is here: the missing answers can still be asked.
                texts = (_("Go back and ask the missing questions if the client agrees."),)
            todo = [_("Next step: {step}").format(step=t) for t in texts]
            self.program_steps[program] = "\n".join(todo)
            parts.extend(todo)
            name = word(PROGRAM_NAMES, program)
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            label = QLabel(word(OUTCOME_NAMES, outcome.outcome))
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            label.setAccessibleName(f"{name}: {label.text()}")
            column.addWidget(label)
            if parts:
                why = QLabel("\n".join(parts))
                why.setWordWrap(True)
                label.setAccessibleDescription(why.text())
                column.addWidget(why)
            self.form.addRow(name, box)
            self.program_labels[program] = label
            self.program_reasons[program] = "\n".join(parts)

    def first_input(self) -> QWidget | None:
        # Nothing to type here. (A focused label is drawn by Qt's text control,
        # which ignores the language's direction; so focus goes to Next.)
        return None


def _sentence_kind(kind: str) -> str:
    return word(DEADLINE_NAMES, kind)
