"""Step 6: what the client needs referring for, and consent to share the result."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QVBoxLayout

from clinic_app.domain.fields import REFERRAL_NEEDS
from clinic_app.i18n import _
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import FieldRow, Step, WrappingCheck
from clinic_app.ui.labels import REFERRAL_NEED_NAMES, word


def suggested_needs(session: IntakeSession) -> list[str]:
    """Needs the result points to: every program that is likely or possible, and court."""
    result = session.result
    if result is None:
        return []
    needs = [p for p, r in result.programs.items() if r.outcome in ("likely", "possible")]
    answers = session.engine_answers()
    if answers.get("in_removal_proceedings") or answers.get("final_removal_order"):
        needs.append("removal_defense")
    if answers.get("detained"):
        needs.append("detention")
    return [n for n in REFERRAL_NEEDS if n in needs]


class ReferralStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self._suggested = False
        self.group = QGroupBox(_("Referral needs"))
        box = QVBoxLayout(self.group)
        self.needs: dict[str, QCheckBox] = {}
        for need in REFERRAL_NEEDS:
            check = QCheckBox(word(REFERRAL_NEED_NAMES, need))
            check.setAccessibleName(check.text())
            box.addWidget(check)
            self.needs[need] = check
        self.layout_.insertWidget(1, self.group)
        self.add_row("referral_destination", FieldRow(_("Referred to"), QLineEdit()))
        self.share_row = WrappingCheck(
            _("The client agrees that the screening result may be printed on the referral sheet")
        )
        self.share = self.share_row.box
        self.layout_.insertWidget(3, self.share_row)

    def title(self) -> str:
        return _("Referral needs")

    def load(self) -> None:
        chosen = set(self.session.form.get("referral_needs") or ())
        for need, check in self.needs.items():
            check.setChecked(need in chosen)
        self.rows["referral_destination"].set_value(self.session.form.get("referral_destination"))
        self.share.setChecked(self.session.share_result_consent)
        self._suggested = bool(chosen)

    def enter(self) -> None:
        if self.session.result is None:
            self.session.run_screening()
        if not self._suggested:
            for need in suggested_needs(self.session):
                self.needs[need].setChecked(True)
            self._suggested = True
        self.share_row.setEnabled(self.session.result is not None)

    def leave(self, validate: bool) -> bool:
        self.session.form["referral_needs"] = tuple(
            n for n, check in self.needs.items() if check.isChecked()
        )
        self.session.form["referral_destination"] = self.rows["referral_destination"].value()
        self.session.share_result_consent = self.share.isChecked() and self.share.isEnabled()
        return True

    def first_input(self) -> QCheckBox:
        return self.needs[REFERRAL_NEEDS[0]]
