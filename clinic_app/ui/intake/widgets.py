"""Small input widgets for the wizard: every one has an accessible name and an error line.

A field row is the label (the input's buddy, so Alt+letter and screen readers
find it), the input, an optional "prefer not to answer" box, an optional
"why we ask" line and the validation message, shown next to the field in the
UI language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import _, current_language
from clinic_app.i18n.dates import DateEntryError, format_entry, parse_date
from clinic_app.i18n.locales import format_date
from clinic_app.ui.announce import announce
from clinic_app.ui.limits import limit_field
from clinic_app.ui.retranslate import Retranslatable
from clinic_app.ui.tint import ERROR_COLOUR, WHY_COLOUR, tint

OLDEST_AGE_YEARS = 120
NOT_ANSWERED = ""
PLACEHOLDER_DATE = date(2026, 12, 31)
DATE_MAX_CHARS = 24


class Invalid:
    """A value that could not be read; ``message`` says why, in the UI language."""

    def __init__(self, message: str) -> None:
        self.message = message


class DateInput(Retranslatable, QLineEdit):
    """A date typed in the UI language's own numeric order (CLDR's short pattern,
    through Babel: 12/07/2026 in English, 07/12/2026 in Spanish) or as ISO
    2026-12-07; a calendar (the button at the end, or Alt+Down) picks one too."""

    def __init__(self) -> None:
        super().__init__()
        self.setMaxLength(DATE_MAX_CHARS)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDate)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        code = current_language()
        self.setPlaceholderText(
            _("{local} or {iso}").format(
                local=format_entry(PLACEHOLDER_DATE, code), iso=PLACEHOLDER_DATE.isoformat()
            )
        )
        hint = _("Choose the date on a calendar (Alt+Down)")
        self.calendar_action.setToolTip(hint)
        # The icon button shows no text: its accessible name is what a screen reader says.
        for button in self.findChildren(QToolButton):
            if button.defaultAction() is self.calendar_action:
                button.setAccessibleName(hint)

    def value(self) -> date | Invalid | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_date(text, current_language())
        except DateEntryError as exc:
            return Invalid(str(exc))

    def set_value(self, value: Any) -> None:
        self.setText(format_entry(value, current_language()) if isinstance(value, date) else "")

    def in_words(self) -> str:
        """The date read back in words ("Monday, December 7, 2026"), or "" if none."""
        value = self.value()
        return format_date(value, current_language(), "full") if isinstance(value, date) else ""

    def open_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setObjectName("datePicker")
        calendar.setAccessibleName(self.accessibleName())
        value = self.value()
        if isinstance(value, date):
            calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        calendar.activated.connect(lambda day: self._picked(calendar, day))
        calendar.clicked.connect(lambda day: self._picked(calendar, day))
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar
        return calendar

    def _picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        calendar.close()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)


class ChoiceInput(QComboBox):
    """A choice among codes; the first entry means "not answered" (None)."""

    def __init__(self, choices: Sequence[tuple[str, Any]], empty: str | None = None) -> None:
        super().__init__()
        # Long entries (country names) must not widen the form past a small screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        # Item data are always strings: PySide6 6.x miscounts references to None
        # (and to bools) kept as item data, and the interpreter dies after a few
        # hundred reads (see tests/ui/intake/test_refcounts.py).
        self.addItem(empty if empty is not None else _("Not answered"), NOT_ANSWERED)
        for label, code in choices:
            self.addItem(label, str(code))

    def value(self) -> Any:
        data = self.itemData(self.currentIndex())
        return None if data == NOT_ANSWERED else data

    def set_value(self, value: Any) -> None:
        index = self.findData(str(value)) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


class YesNoInput(ChoiceInput):
    """Yes, no or not answered. Item data are strings: PySide6 mis-counts
    references to Python bools stored in a QVariant (a crash at exit)."""

    def __init__(self) -> None:
        super().__init__([(_("Yes"), "yes"), (_("No"), "no")])

    def value(self) -> bool | None:
        data = super().value()
        return None if data is None else data == "yes"

    def set_value(self, value: Any) -> None:
        super().set_value(None if value is None else ("yes" if value else "no"))


class CountInput(QSpinBox):
    """A count; the lowest value reads "not answered" and means None."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1, 99)
        self.setSpecialValueText(_("Not answered"))
        self.setValue(-1)

    def value_or_none(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_value(self, value: Any) -> None:
        self.setValue(value if isinstance(value, int) and not isinstance(value, bool) else -1)


def read(widget: QWidget) -> Any:
    """The value of any input made here (None when empty or not answered)."""
    if isinstance(widget, DateInput | ChoiceInput):
        return widget.value()
    if isinstance(widget, CountInput):
        return widget.value_or_none()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    raise TypeError(type(widget).__name__)


def write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateInput | ChoiceInput | CountInput):
        widget.set_value(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(value if isinstance(value, str) else "")


class FieldRow(QWidget):
    """An input with its error line, "why we ask" line and "prefer not to answer" box."""

    changed = Signal()

    def __init__(
        self,
        label: str,
        editor: QWidget,
        *,
        why: str | None = None,
        prefer_not: bool = False,
        required: bool = False,
    ) -> None:
        super().__init__()
        self.editor = editor
        self.required = required
        self.label = QLabel(f"{label} *" if required else label)
        self.label.setBuddy(editor)
        self.label.setWordWrap(True)
        editor.setAccessibleName(label)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        self.prefer_not: QCheckBox | None = None
        if prefer_not:
            self.prefer_not = QCheckBox(_("Prefer not to answer"))
            self.prefer_not.setAccessibleName(
                _("Prefer not to answer: {question}").format(question=label)
            )
            self.prefer_not.toggled.connect(self._on_prefer_not)
            line.addWidget(self.prefer_not)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self._box = box
        box.addLayout(line)
        self.why: QLabel | None = None
        if why:
            self.why = QLabel(_("Why we ask: {reason}").format(reason=why))
            self.why.setWordWrap(True)
            self.why.setObjectName("whyWeAsk")
            tint(self.why, WHY_COLOUR, italic=True)
            box.addWidget(self.why)
            editor.setAccessibleDescription(self.why.text())
        # A typed date is read back in words, so 07/12 and 12/07 cannot be confused.
        self.echo: QLabel | None = None
        if isinstance(editor, DateInput):
            self.echo = QLabel()
            self.echo.setObjectName("dateInWords")
            self.echo.setProperty("userData", True)  # CLDR's words for a typed value
            self.echo.setWordWrap(True)
            self.echo.hide()
            box.addWidget(self.echo)
            editor.textChanged.connect(self._echo_date)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        tint(self.error, ERROR_COLOUR, bold=True)
        self.error.hide()
        box.addWidget(self.error)
        for signal in ("textChanged", "currentIndexChanged", "valueChanged", "toggled"):
            if hasattr(editor, signal):
                getattr(editor, signal).connect(self._emit_changed)
                break

    def stack_label(self) -> None:
        """Moves the label into the row, above the input (for question-length labels)."""
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self._box.insertWidget(0, self.label)

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    def _echo_date(self) -> None:
        if self.echo is not None and isinstance(self.editor, DateInput):
            words = self.editor.in_words()
            self.echo.setText(words)
            self.echo.setVisible(bool(words))

    def _on_prefer_not(self, on: bool) -> None:
        self.editor.setEnabled(not on)
        self.changed.emit()

    def value(self) -> Any:
        """The value, None when not answered or declined, or an ``Invalid``."""
        if self.prefer_not is not None and self.prefer_not.isChecked():
            return None
        return read(self.editor)

    def set_value(self, value: Any, declined: bool = False) -> None:
        write(self.editor, value)
        if self.prefer_not is not None:
            self.prefer_not.setChecked(declined)

    @property
    def declined(self) -> bool:
        return self.prefer_not is not None and self.prefer_not.isChecked()

    def set_error(self, message: str | None) -> None:
        # Heard at once by a screen reader, not only shown in red.
        announce(self.error, message or "")
        base = self.why.text() if self.why is not None else ""
        self.editor.setAccessibleDescription(f"{message} {base}".strip() if message else base)

    def check(
        self, *, today: date, birth: bool = False, past: bool = False, show: bool = True
    ) -> Any:
        """Reads and validates; shows the message next to the field. Returns the value or Invalid.

        With ``show`` False (a background draft save) the messages on screen stay as they are.
        """
        value = self.value()
        message = None
        if isinstance(value, Invalid):
            message = value.message
        elif value is None and self.required:
            message = _("This field is required.")
        elif isinstance(value, date) and past and value > today:
            message = _("This date is in the future.")
        elif (
            isinstance(value, date)
            and birth
            and (value.year < today.year - OLDEST_AGE_YEARS or value > today)
        ):
            message = _("This birth date is not plausible. Check the year.")
        if show:
            self.set_error(message)
        return Invalid(message) if message else value


class Step(QScrollArea):
    """One page of the wizard, in a scroll area so it fits at 200% text size."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget()
        self.body.setObjectName("stepBody")
        self.layout_ = QVBoxLayout(self.body)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.setWidget(self.body)
        self.rows: dict[str, FieldRow] = {}

    def title(self) -> str:
        raise NotImplementedError

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_row(self, key: str, row: FieldRow, *, stacked: bool = False) -> FieldRow:
        """Adds a field; ``stacked`` puts a long label (a question) above its input, full width."""
        self.rows[key] = row
        limit_field(key, row.editor)
        if stacked:
            row.stack_label()
            self.form.addRow(row)
        else:
            self.form.addRow(row.label, row)
        return row

    def load(self) -> None:
        """Fills the inputs from the session, once, when the step is built."""

    def enter(self) -> None:
        """Called each time the step is shown."""

    def leave(self, validate: bool) -> bool:
        """Stores into the session; with ``validate``, False keeps the step open."""
        return True

    def first_input(self) -> QWidget | None:
        for row in self.rows.values():
            if row.isVisible() or not self.isVisible():
                return row.editor
        return None

    def focus_first_error(self) -> None:
        for row in self.rows.values():
            if row.error.isVisible():
                row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                self.ensureWidgetVisible(row)
                return


class WrappingCheck(QWidget):
    """A check box whose long text wraps (a plain QCheckBox never wraps, so at
    200 % text it would push the page sideways). Clicking the text toggles it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setProperty("focusRingAround", True)  # the ring goes round box and text
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setBuddy(self.box)
        self.text.mouseReleaseEvent = lambda _event: self.box.toggle()  # type: ignore[method-assign]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
