"""The "Next steps" box of a stored screening result (record view, queue details).

Shows the urgency's instruction for the day shown, each program's next step,
that an attorney decides, which rules version screened the record, and that
re-screening needs a new intake session with the client (answers are never kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from clinic_app.i18n import _, current_language
from clinic_app.i18n.bidi import isolate
from clinic_app.i18n.locales import format_date
from clinic_app.screening.next_steps import NextSteps, next_steps
from clinic_app.ui.labels import PROGRAM_NAMES, urgency_colours, word
from clinic_app.ui.tint import tint


def program_lines(steps: NextSteps) -> list[str]:
    """One line per program step: "Program: step"."""
    return [
        _("{program}: {step}").format(program=word(PROGRAM_NAMES, p.program), step=text)
        for p in steps.programs
        for text in p.steps
    ]


def rescreen_note(rules_as_of: date) -> str:
    return _(
        "Screened with the rules of {date}. To screen again with newer rules, start a new "
        "intake session with the client present: answers are never kept."
    ).format(date=isolate(format_date(rules_as_of, current_language())))


class NextStepsBox(QGroupBox):
    """Next steps of a stored result (``ScreeningOutcome.to_dict()``) on ``day``."""

    def __init__(self, result: Mapping[str, Any], day: date) -> None:
        super().__init__(_("Next steps"))
        self.setObjectName("nextSteps")
        steps = next_steps(result, day=day)
        column = QVBoxLayout(self)
        self.instruction = QLabel(steps.instruction)
        self.instruction.setObjectName("nextStepInstruction")
        self.instruction.setWordWrap(True)
        tint(self.instruction, *urgency_colours(steps.urgency), bold=True)
        column.addWidget(self.instruction)
        self.steps = QLabel("\n".join(program_lines(steps)))
        self.steps.setObjectName("programSteps")
        self.steps.setWordWrap(True)
        column.addWidget(self.steps)
        self.note = QLabel(steps.attorney_note)
        self.note.setWordWrap(True)
        column.addWidget(self.note)
        self.rescreen = QLabel(rescreen_note(date.fromisoformat(str(result["rules_as_of"]))))
        self.rescreen.setObjectName("rescreenNote")
        self.rescreen.setWordWrap(True)
        column.addWidget(self.rescreen)
