"""The referral flow: choose providers (with the reasons), record consent, preview, print.

``open_referral_flow(parent, vault, record)`` is the entry point from the
record view. The dialog itself works on plain data and callbacks
(``ReferralInputs``), so it can be shown without a vault (screenshots, tests).
The sheet is built in memory each time it is previewed or printed; printing
is audited as "print", saving as PDF as "export" (record id only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.fields import FIELDS
from clinic_app.domain.record import Consent, IntakeRecord
from clinic_app.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _, current_language, is_rtl, translation
from clinic_app.i18n.bidi import isolate
from clinic_app.i18n.locales import format_date
from clinic_app.referrals.content import EO41_FLAGS, Site, build_sheets
from clinic_app.referrals.directory import SERVICE_NAMES, Provider
from clinic_app.referrals.fonts import undrawable
from clinic_app.referrals.matching import Suggestion, needs_of_record, rank
from clinic_app.referrals.pdf import render_sheets
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui import printing
from clinic_app.ui.sheet_preview import SheetPreview

PRINT = "print"
EXPORT = "export"


@dataclass(frozen=True)
class ReferralInputs:
    record: IntakeRecord
    providers: Sequence[Provider]
    site: Site
    volunteer: str  # the signed-in user, who records the consent
    today: date
    save_record: Callable[[IntakeRecord], None]  # stores the record with its consent
    audit: Callable[[str], None]  # audits PRINT or EXPORT for this record


def consentable_items(record: IntakeRecord) -> list[str]:
    """The confidential items this record holds that a client may agree to share:
    the EO-41 items and the referral needs (confidential on paper)."""
    items = ["screening_result"] if record.screening_result is not None else []
    items += [name for name in EO41_FLAGS if getattr(record, name) is not None]
    if record.referral_needs:
        items.append("referral_needs")
    if record.notes:
        items.append("notes")
    return items


def kept_or_new(
    old: Consent | None, items: frozenset[str], today: date, user: str
) -> Consent | None:
    """The consent to store: the one on record when the items are the same (a later
    print never rewrites who recorded it or when), else a new one by ``user``."""
    if not items:
        return None
    if old is not None and old.items == items:
        return old
    return Consent(items, today, user)


def consent_text(language: str, items: Sequence[str]) -> str:
    """What the client is told, in the client's language: each item that will be shared."""
    g = translation(language).gettext
    if not items:
        return g(
            N_(
                "Nothing confidential will be shared. The sheet names only where to go, "
                "the appointment, what to bring and a legal consultation."
            )
        )
    lines = [g(N_("With your written consent, the referral sheet will share:"))]
    lines += [f"• {g(FIELDS[name].label)}" for name in items]
    lines.append(g(N_("You sign the printed copy. You may say no: you will still be referred.")))
    return "\n".join(lines)


class ReferralFlow(QDialog):
    """Three steps: providers, consent, preview and print."""

    def __init__(self, inputs: ReferralInputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs = inputs
        self.record = inputs.record
        self.pdf: bytes | None = None
        self.setObjectName("referralFlow")
        self.setWindowTitle(_("Referral sheet"))
        self.suggestions: list[Suggestion] = rank(
            inputs.providers, needs_of_record(inputs.record, inputs.today)
        )
        self.steps = QStackedWidget()
        self.steps.addWidget(self._choose_page())
        self.steps.addWidget(self._consent_page())
        self.steps.addWidget(self._preview_page())
        self.back = QPushButton(_("Back"))
        self.back.setObjectName("referralBack")
        self.next = QPushButton(_("Next"))
        self.next.setObjectName("referralNext")
        self.next.setDefault(True)
        close = QPushButton(_("Close"))
        self.back.clicked.connect(lambda: self.go(self.steps.currentIndex() - 1))
        self.next.clicked.connect(lambda: self.go(self.steps.currentIndex() + 1))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        # Big enough to read a page at fit-to-width.
        self.resize(900, 860)
        self.go(0)

    # --- step 1: providers ---------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            _("Choose where to refer the client. The reasons each one was suggested are shown.")
        )
        intro.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setObjectName("referralChoices")
        self.choices.setWordWrap(True)
        for number, suggestion in enumerate(self.suggestions):
            p = suggestion.provider
            reasons = [r.text() for r in suggestion.reasons] or [_("No need matched")]
            services = ", ".join(_(SERVICE_NAMES[s]) for s in SERVICE_NAMES if s in p.services)
            text = f"{p.name}\n{services}\n" + "\n".join(f"• {r}" for r in reasons)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = number == 0 and bool(suggestion.matched_services)
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.choices, 1)
        if not self.suggestions:
            layout.addWidget(QLabel(_("The provider directory is empty: ask a supervisor.")))
        return page

    def chosen(self) -> list[Provider]:
        return [
            self.suggestions[i].provider
            for i in range(self.choices.count())
            if self.choices.item(i).checkState() == Qt.CheckState.Checked
        ]

    # --- step 2: consent -----------------------------------------------------

    def _consent_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            _(
                "Read the text below to the client, or let them read it, in their language. "
                "Tick only what the client agrees to share; the client signs the printed copy."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        self.consent_boxes: dict[str, QCheckBox] = {}
        old = self.record.eo41_consent
        given = old.items if old else frozenset()
        for name in consentable_items(self.record):
            box = QCheckBox(_(FIELDS[name].label))
            box.setObjectName(f"consent_{name}")
            box.setChecked(name in given)
            box.toggled.connect(self.show_consent_text)
            self.consent_boxes[name] = box
            layout.addWidget(box)
        if not self.consent_boxes:
            layout.addWidget(QLabel(_("This record holds no confidential item to share.")))
        # The client's own language, in its own direction.
        language = self.client_language()
        self.client_text = QLabel()
        self.client_text.setObjectName("consentClientText")
        self.client_text.setWordWrap(True)
        rtl = Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
        self.client_text.setLayoutDirection(rtl)
        # In the client's language, not the screen's: not UI text of the volunteer's.
        self.client_text.setProperty("userData", True)
        layout.addWidget(self.client_text)
        self.consent_by = QLabel()
        self.consent_by.setObjectName("consentRecordedBy")
        layout.addWidget(self.consent_by)
        layout.addStretch(1)
        self.show_consent_text()
        return page

    def client_language(self) -> str:
        """The language the client reads: the record's, or English when the app has none."""
        code = self.record.client_language
        return code if code in LANGUAGES else SOURCE_LANGUAGE

    def show_consent_text(self) -> None:
        items = [n for n, box in self.consent_boxes.items() if box.isChecked()]
        self.client_text.setText(consent_text(self.client_language(), items))
        consent = self.consent()
        if consent is None:
            self.consent_by.setText(_("No consent recorded."))
            return
        self.consent_by.setText(
            _("Consent recorded by {volunteer} on {date}.").format(
                volunteer=isolate(consent.recorded_by),
                date=isolate(format_date(consent.given_on, current_language(), "medium")),
            )
        )

    def consent(self) -> Consent | None:
        items = frozenset(n for n, box in self.consent_boxes.items() if box.isChecked())
        old = self.record.eo41_consent
        return kept_or_new(old, items, self.inputs.today, self.inputs.volunteer)

    def record_consent(self) -> None:
        """Stores the consent on the record when it changed (the record is then audited)."""
        consent = self.consent()
        if consent == self.record.eo41_consent:
            return
        self.record = replace(self.record, eo41_consent=consent)
        self.inputs.save_record(self.record)

    # --- step 3: preview and print -------------------------------------------

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.preview = SheetPreview()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("referralPrint")
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setObjectName("referralSave")
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_sheet)
        self.font_warning = QLabel()
        self.font_warning.setObjectName("referralFontWarning")
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("color: #7a0000;")
        self.font_warning.hide()
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.font_warning)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        return page

    def build(self) -> bytes:
        sheets = build_sheets(self.record, self.chosen(), self.inputs.site, self.inputs.today)
        missing = undrawable(sheets)
        if missing:
            self.font_warning.setText(
                _(
                    "Some characters cannot be printed with the installed fonts and show as "
                    "a code such as [U+1F600]: {characters}. Check the names on the sheet."
                ).format(characters=" ".join(f"U+{ord(c):04X}" for c in missing))
            )
        self.font_warning.setVisible(bool(missing))
        self.pdf = render_sheets(sheets)
        return self.pdf

    def show_preview(self) -> None:
        self.preview.set_pdf(self.build())

    def print_sheet(self) -> None:
        if printing.print_sheet(self, self.pdf or self.build()):
            self.inputs.audit(PRINT)

    def save_sheet(self) -> None:
        if printing.save_pdf_as(self, self.pdf or self.build()) is not None:
            self.inputs.audit(EXPORT)

    # --- navigation ------------------------------------------------------------

    def go(self, index: int) -> None:
        index = max(0, min(index, self.steps.count() - 1))
        current = self.steps.currentIndex()
        if index > current and current == 0 and not self.chosen():
            return  # nothing to refer to yet
        if index == 2 and current == 1:
            self.record_consent()
        self.steps.setCurrentIndex(index)
        if index == 2:
            self.show_preview()  # after the page is shown, so it fits the view's width
        self.back.setEnabled(index > 0)
        self.next.setVisible(index < self.steps.count() - 1)


def open_referral_flow(
    parent: QWidget | None, vault: Vault, record: IntakeRecord, records: Records | None = None
) -> int:
    """Runs the flow for a stored record of an unlocked vault; returns the dialog's result.

    ``records`` is the caller's repository (the record view's), if it has one.
    The record may have changed (its consent) when this returns: reload it.
    """
    from clinic_app.referrals.directory_store import load_directory
    from clinic_app.referrals.service import site_of
    from clinic_app.storage import audit

    records = records or Records(vault)
    inputs = ReferralInputs(
        record=record,
        providers=load_directory(vault),
        site=site_of(vault, records),
        volunteer=vault.user,
        today=date.today(),
        save_record=records.update,
        audit=lambda action: vault.audit(
            audit.PRINT if action == PRINT else audit.EXPORT, record.record_id
        ),
    )
    dialog = ReferralFlow(inputs, parent)
    try:
        return dialog.exec()
    finally:
        # Qt deletes it once control is back in the event loop, not under Python's feet.
        dialog.deleteLater()
