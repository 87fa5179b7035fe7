"""What a case ended with: the outcome and the services delivered, chosen at closing.

Shown in the record view's case-status box. Funders ask for both; the
report counts them through the catalogue (``case_outcome``,
``services_delivered``), like every other countable field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clinic_app.domain.fields import CASE_OUTCOMES, SERVICES
from clinic_app.domain.record import IntakeRecord
from clinic_app.domain.report import label
from clinic_app.i18n import _
from clinic_app.ui.intake.widgets import ChoiceInput


class ClosingBox(QWidget):
    """Outcome and services, used when the new status is "closed"."""

    def __init__(self, record: IntakeRecord) -> None:
        super().__init__()
        self.setObjectName("caseClosing")
        self.outcome = ChoiceInput([(label(c), c) for c in CASE_OUTCOMES], empty=_("Choose…"))
        self.outcome.setObjectName("caseOutcome")
        self.outcome.setAccessibleName(_("Case outcome"))
        self.outcome.set_value(record.case_outcome)
        given = set(record.services_delivered)
        if not given:  # what the record already shows was done
            if record.screening_result is not None:
                given.add("screening")
            if record.referral_destination:
                given.add("referral")
        self.services = {}
        services = QHBoxLayout()
        for code in SERVICES:
            box = QCheckBox(label(code))
            box.setObjectName(f"service_{code}")
            box.setChecked(code in given)
            self.services[code] = box
            services.addWidget(box)
        services.addStretch()
        outcome = QHBoxLayout()
        outcome.addWidget(QLabel(_("Case outcome")))
        outcome.addWidget(self.outcome, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("When closing: how the case ended and what the clinic did")))
        layout.addLayout(outcome)
        layout.addWidget(QLabel(_("Services delivered")))
        layout.addLayout(services)

    def chosen(self) -> tuple[str | None, tuple[str, ...]]:
        """(outcome, services) as chosen."""
        return self.outcome.value(), tuple(c for c, b in self.services.items() if b.isChecked())
