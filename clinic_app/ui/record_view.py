"""One client's record: every field the viewer may see, case status with dates, history.

Each value is asked of the confidentiality policy (screen channel, the
signed-in viewer) before it is shown; a copy goes through the clipboard guard
only when the user presses a copy button. Urgency is recomputed for today
from the stored result, so it is never stale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.fields import CASE_STATUS, STORED_FIELDS, Field, Kind
from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import IntakeRecord, RecordError
from clinic_app.domain.report import label as report_label
from clinic_app.i18n import _, current_language
from clinic_app.i18n.locales import format_date
from clinic_app.screening import urgency_on
from clinic_app.storage.errors import PermissionDenied, VaultError
from clinic_app.ui.case_closing import ClosingBox
from clinic_app.ui.clipboard import ClipboardGuard
from clinic_app.ui.intake.steps.identity import contact_problem
from clinic_app.ui.intake.widgets import ChoiceInput, FieldRow, YesNoInput
from clinic_app.ui.labels import (
    CASE_STATUS_NAMES,
    CONTACT_NAMES,
    OUTCOME_NAMES,
    PROGRAM_NAMES,
    REFERRAL_NEED_NAMES,
    URGENCY_NAMES,
    urgency_colours,
    word,
)
from clinic_app.ui.next_steps_view import NextStepsBox
from clinic_app.ui.tint import tint

# Fields shown in the header or in their own box rather than in the form.
_SEPARATE = frozenset({"record_id", "screening_result", "case_status"})
COPYABLE = ("phone", "email")
EDITABLE = (
    "phone",
    "email",
    "safe_to_call",
    "safe_to_leave_voicemail",
    "safe_to_send_mail",
    "referral_destination",
    "interpreter_needed",
)


def display(field: Field, value: Any) -> str:
    """A stored value as words in the UI language."""
    lang = current_language()
    if value is None:
        return ""
    if field.kind is Kind.BOOL:
        return _("Yes") if value else _("No")
    if field.kind is Kind.DATE:
        return format_date(value, lang)
    if field.kind is Kind.DATETIME:
        return f"{format_date(value.date(), lang)} {value:%H:%M}"
    if field.name == "case_status":
        return word(CASE_STATUS_NAMES, value)
    if field.name == "preferred_contact":
        return word(CONTACT_NAMES, value)
    if field.name in ("case_outcome", "services_delivered"):
        return ", ".join(report_label(v) for v in ((value,) if isinstance(value, str) else value))
    if field.kind is Kind.CHOICES:
        return ", ".join(word(REFERRAL_NEED_NAMES, v) for v in value)
    if field.kind is Kind.LANGUAGE:
        from clinic_app.i18n.locales import native_name

        return native_name(value)
    if field.kind is Kind.CONSENT:
        return _("Given on {date}, recorded by {volunteer}").format(
            date=format_date(value.given_on, lang), volunteer=value.recorded_by
        )
    return str(value)


class RecordView(QScrollArea):
    closed = Signal()
    changed = Signal()

    def __init__(
        self,
        records: Any,
        record_id: str,
        context: Context,
        *,
        clipboard: ClipboardGuard | None = None,
        on_referral: Callable[[IntakeRecord], None] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("recordView")
        self.setWidgetResizable(True)
        self.records = records
        self.record_id = record_id
        self.context = context
        self.clipboard = clipboard
        self.on_referral = on_referral
        self.today = today or date.today()
        self.record: IntakeRecord | None = None
        self.values: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        self.edit_rows: dict[str, FieldRow] = {}
        self.body = QWidget()
        self.setWidget(self.body)
        self.layout_ = QVBoxLayout(self.body)
        self.reload()

    # --- building -------------------------------------------------------------

    def reload(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.values.clear()
        self.copy_buttons.clear()
        self.edit_rows.clear()
        try:
            self.record = self.records.get(self.record_id)
        except PermissionDenied as denied:  # another volunteer's client
            self.record = None
            message = QLabel(f"{denied} " + _("Ask a supervisor if this client needs help."))
            message.setWordWrap(True)
            back = QPushButton(_("&Back to the list"))
            back.clicked.connect(self.closed.emit)
            self.layout_.addWidget(message)
            self.layout_.addWidget(back)
            self.layout_.addStretch(1)
            return
        if self.record is None:
            self.layout_.addWidget(QLabel(_("This record no longer exists.")))
            return
        record = self.record
        self.title = QLabel(
            record.preferred_name or f"{record.given_name} {record.family_name}"
            if self._may("given_name")
            else _("Record")
        )
        self.title.setProperty("userData", True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        back = QPushButton(_("&Back to the list"))
        back.clicked.connect(self.closed.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if self.on_referral is not None:
            self.referral_button = QPushButton(_("&Referral sheet…"))
            self.referral_button.clicked.connect(self.open_referral)
            top.addWidget(self.referral_button)
        top.addWidget(back)
        self.layout_.addLayout(top)
        self._add_screening(record)
        self._add_fields(record)
        self._add_edit(record)
        self._add_status(record)
        self._add_history()
        self.layout_.addStretch(1)

    def _may(self, name: str) -> bool:
        return allowed(name, Channel.SCREEN, self.context, self.record)

    def _add_screening(self, record: IntakeRecord) -> None:
        result = record.screening_result
        if result is None or not self._may("screening_result"):
            return
        level = urgency_on(result.to_dict(), self.today)
        self.urgency = QLabel(_("Urgency: {level}").format(level=word(URGENCY_NAMES, level)))
        self.urgency.setObjectName("urgency")
        tint(self.urgency, *urgency_colours(level), bold=True)
        self.layout_.addWidget(self.urgency)
        lines = [
            f"{word(PROGRAM_NAMES, p.program)}: {word(OUTCOME_NAMES, p.outcome)}"
            for p in result.programs
            if p.outcome in ("likely", "possible")
        ]
        open_questions = [
            word(PROGRAM_NAMES, p.program) for p in result.programs if p.outcome == "needs_info"
        ]
        if open_questions:
            lines.append(
                _("Needs more information: {programs}").format(programs=", ".join(open_questions))
            )
        lines.append(
            _("Rules as of {date}").format(date=format_date(result.rules_as_of, current_language()))
        )
        summary = QLabel("\n".join(lines))
        summary.setWordWrap(True)
        summary.setObjectName("screeningSummary")
        self.layout_.addWidget(summary)
        self.next_steps = NextStepsBox(result.to_dict(), self.today)
        self.layout_.addWidget(self.next_steps)

    def _add_fields(self, record: IntakeRecord) -> None:
        box = QGroupBox(_("Record"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in STORED_FIELDS:
            value = getattr(record, field.name)
            if field.name in _SEPARATE or value in (None, ()) or not self._may(field.name):
                continue
            label = QLabel(display(field, value))
            label.setWordWrap(True)
            # Not selectable: a copy goes only through the Copy button and its guard.
            label.setProperty("userData", True)  # a record's value, not UI text
            label.setAccessibleName(_(field.label))
            self.values[field.name] = label
            line = QHBoxLayout()
            line.addWidget(label, 1)
            if field.name in COPYABLE and self.clipboard is not None:
                button = QPushButton(_("Copy"))
                button.setAccessibleName(_("Copy: {field}").format(field=_(field.label)))
                button.clicked.connect(lambda _c=False, n=field.name: self.copy(n))
                self.copy_buttons[field.name] = button
                line.addWidget(button)
            form.addRow(_(field.label), line)
        self.layout_.addWidget(box)

    def _add_edit(self, record: IntakeRecord) -> None:
        box = QGroupBox(_("Change contact details"))
        form = QFormLayout(box)
        for name in EDITABLE:
            if not self._may(name):
                continue
            field = next(f for f in STORED_FIELDS if f.name == name)
            editor = YesNoInput() if field.kind is Kind.BOOL else QLineEdit()
            row = FieldRow(_(field.label), editor)
            row.set_value(getattr(record, name))
            form.addRow(row.label, row)
            self.edit_rows[name] = row
        self.save_button = QPushButton(_("Save &changes"))
        self.save_button.clicked.connect(self.save_changes)
        self.edit_status = QLabel()
        form.addRow(self.save_button, self.edit_status)
        self.layout_.addWidget(box)

    def _add_status(self, record: IntakeRecord) -> None:
        box = QGroupBox(_("Case status"))
        layout = QVBoxLayout(box)
        self.status_choice = ChoiceInput(
            [(word(CASE_STATUS_NAMES, s), s) for s in CASE_STATUS], empty=_("Choose…")
        )
        self.status_choice.setAccessibleName(_("New case status"))
        self.status_choice.set_value(record.case_status)
        set_button = QPushButton(_("Set &status"))
        set_button.clicked.connect(self.set_status)
        line = QHBoxLayout()
        line.addWidget(QLabel(word(CASE_STATUS_NAMES, record.case_status)), 1)
        line.addWidget(self.status_choice)
        line.addWidget(set_button)
        layout.addLayout(line)
        self.closing = ClosingBox(record)  # outcome and services, used when closing
        layout.addWidget(self.closing)
        self.status_history = QListWidget()
        self.status_history.setAccessibleName(_("Case status history"))
        for status, on in self.records.status_history(self.record_id):
            self.status_history.addItem(
                f"{format_date(on, current_language())}: {word(CASE_STATUS_NAMES, status)}"
            )
        self.status_history.setMaximumHeight(120)
        layout.addWidget(self.status_history)
        self.layout_.addWidget(box)

    def _add_history(self) -> None:
        box = QGroupBox(_("History"))
        layout = QVBoxLayout(box)
        self.history = QListWidget()
        self.history.setAccessibleName(_("History of this record"))
        for entry in self.records.history(self.record_id):
            self.history.addItem(f"{_when(entry.at)} · {entry.user} · {_action(entry.action)}")
        self.history.setMaximumHeight(160)
        layout.addWidget(self.history)
        self.layout_.addWidget(box)

    # --- actions --------------------------------------------------------------

    def copy(self, name: str) -> bool:
        """The explicit copy: allowed by the policy's clipboard rule, cleared after 30 s."""
        record = self.record
        if record is None or self.clipboard is None:
            return False
        context = dataclasses.replace(self.context, explicit_copy=True)
        value = getattr(record, name)
        if value is None or not allowed(name, Channel.CLIPBOARD, context, record):
            return False
        self.clipboard.copy(str(value))
        return True

    def open_referral(self) -> None:
        """The referral sheet for this record (its own flow); the record may change."""
        if self.record is not None and self.on_referral is not None:
            self.on_referral(self.record)
            self.reload()

    def set_status(self) -> None:
        status = self.status_choice.value()
        if status is None or self.record is None or status == self.record.case_status:
            return
        try:
            self.records.set_status(self.record_id, status, self.today, *self.closing.chosen())
        except (VaultError, RecordError, ValueError):
            self.edit_status.setText(_("The status could not be changed."))
            return
        self.changed.emit()
        self.reload()

    def save_changes(self) -> bool:
        if self.record is None:
            return False
        changes: dict[str, Any] = {}
        ok = True
        for name, row in self.edit_rows.items():
            value = row.value()
            problem = contact_problem(name, value) if isinstance(value, str) else None
            row.set_error(problem)
            ok = ok and problem is None
            changes[name] = value
        if not ok:
            return False
        try:
            updated = dataclasses.replace(self.record, **changes)
            self.records.update(updated)
        except (VaultError, RecordError, ValueError, TypeError):
            self.edit_status.setText(_("The changes could not be saved. Check the values."))
            return False
        self.changed.emit()
        self.reload()
        return True


def _when(stamp: str) -> str:
    """An audit time (ISO, UTC) as a local date and time in the UI language."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return f"{format_date(moment.date(), current_language())} {moment:%H:%M}"


def _action(code: str) -> str:
    names = {
        "create": _("created"),
        "view": _("viewed"),
        "edit": _("changed"),
        "print": _("printed"),
        "export": _("exported"),
        "purge": _("deleted"),
    }
    return names.get(code, code)
