"""Step 8: check, offer likely duplicates, save."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton

from clinic_app.i18n import _, current_language
from clinic_app.i18n.locales import format_date
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import Step
from clinic_app.ui.labels import URGENCY_NAMES, word
from clinic_app.ui.records_api import Row


class SaveStep(Step):
    save_requested = Signal()
    save_anyway = Signal()
    open_existing = Signal(str)

    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("saveSummary")
        self.save_button = QPushButton(_("&Save the record"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.duplicates_label = QLabel(
            _("This client may already have a record. Open it instead of making a second one?")
        )
        self.duplicates_label.setWordWrap(True)
        self.duplicates = QListWidget()
        self.duplicates.setAccessibleName(_("Possible existing records"))
        self.open_button = QPushButton(_("&Open the selected record"))
        self.anyway_button = QPushButton(_("Save as a &new client anyway"))
        self.open_button.clicked.connect(self._open_selected)
        self.duplicates.currentRowChanged.connect(self._on_selected)
        self.anyway_button.clicked.connect(self.save_anyway.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.anyway_button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("saveStatus")
        save_line = QHBoxLayout()
        save_line.addWidget(self.save_button)
        save_line.addStretch(1)
        self.layout_.insertWidget(1, self.summary)
        self.layout_.insertLayout(2, save_line)
        for i, w in enumerate((self.duplicates_label, self.duplicates), start=3):
            self.layout_.insertWidget(i, w)
        self.layout_.insertLayout(5, buttons)
        self.layout_.insertWidget(6, self.status)
        self.show_duplicates([])

    def title(self) -> str:
        return _("Save")

    def enter(self) -> None:
        form = self.session.form
        name = " ".join(str(form.get(k) or "") for k in ("given_name", "family_name")).strip()
        lines = [_("Client: {name}").format(name=name or "—")]
        result = self.session.result or self.session.run_screening()
        if result is None:
            lines.append(_("No screening."))
        else:
            lines.append(_("Urgency: {level}").format(level=word(URGENCY_NAMES, result.urgency)))
        lines.append(_("Screening answers are not saved; only the result is kept with the record."))
        self.summary.setText("\n".join(lines))
        self.status.clear()
        self.show_duplicates([])

    def show_duplicates(self, rows: Sequence[Row]) -> None:
        self.duplicates.clear()
        lang = current_language()
        for row in rows:
            # Another volunteer's client comes without name or phone (storage hides them).
            name = row.display_name or _("A client of another volunteer: ask a supervisor")
            text = " · ".join(
                part for part in (name, row.phone or "", format_date(row.intake_date, lang)) if part
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.record_id)
            # Only a record the volunteer may see can be opened instead.
            item.setData(Qt.ItemDataRole.UserRole + 1, "open" if row.display_name else "")
            self.duplicates.addItem(item)
        on = bool(rows)
        for w in (self.duplicates_label, self.duplicates, self.open_button, self.anyway_button):
            w.setVisible(on)
        self.save_button.setVisible(not on)
        if on:
            self.duplicates.setCurrentRow(0)
            self.duplicates.setFocus()

    def _on_selected(self, _row: int) -> None:
        item = self.duplicates.currentItem()
        self.open_button.setEnabled(
            item is not None and bool(item.data(Qt.ItemDataRole.UserRole + 1))
        )

    def _open_selected(self) -> None:
        item = self.duplicates.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole + 1):
            self.open_existing.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def first_input(self) -> QPushButton:
        return self.save_button
