"""A yes/no screening answer as a radio group, and the row that holds it.

Four buttons: Yes, No, Don't know, Prefer not to answer. Arrow keys move
between them (and choose, once one is chosen), Tab enters and leaves the
group, and a radio button never changes under the mouse wheel. "Don't know"
and "Prefer not to answer" both give None (the engine's "missing"); only
the second counts as declined.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from clinic_app.i18n import _
from clinic_app.ui.intake.widgets import FieldRow

YES: Final = "yes"
NO: Final = "no"
DONT_KNOW: Final = "dont_know"
PREFER_NOT: Final = "prefer_not"
CHOICES: Final = (YES, NO, DONT_KNOW, PREFER_NOT)


class AnswerRadios(QWidget):
    """The four answers; ``choice()`` is the chosen code or None."""

    valueChanged = Signal()  # FieldRow listens to a signal of this name

    def __init__(self, question: str) -> None:
        super().__init__()
        names = {
            YES: _("Yes"),
            NO: _("No"),
            DONT_KNOW: _("Don't know"),
            PREFER_NOT: _("Prefer not to answer"),
        }
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        for code in CHOICES:
            button = QRadioButton(names[code])
            button.setObjectName(f"answer_{code}")
            button.setAccessibleName(f"{question}: {names[code]}")
            self.group.addButton(button)
            self.buttons[code] = button
            button.installEventFilter(self)
            line.addWidget(button)
        line.addStretch(1)
        self.setFocusProxy(self.buttons[YES])
        self.group.buttonToggled.connect(self._toggled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Every arrow key moves to the next or previous answer and chooses it.

        Qt's own handling follows the geometry (Down finds nothing in a row)
        and chooses only once something is chosen; a volunteer expects any
        arrow to step through the answers, mirrored in right-to-left layouts.
        """
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        k = Qt.Key
        forward = {k.Key_Down: 1, k.Key_Up: -1}
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        forward[k.Key_Right] = -1 if rtl else 1
        forward[k.Key_Left] = 1 if rtl else -1
        step = forward.get(Qt.Key(event.key()))
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        order = list(self.buttons.values())
        if watched not in order:
            return False
        target = order[(order.index(watched) + step) % len(order)]
        target.setChecked(True)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.valueChanged.emit()

    def choice(self) -> str | None:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return None

    def set_choice(self, code: str | None) -> None:
        if code == self.choice():
            return
        if code in self.buttons:
            self.buttons[code].setChecked(True)
            return
        # An exclusive group cannot be emptied by unchecking: lift it briefly.
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.valueChanged.emit()


class RadioRow(FieldRow):
    """A FieldRow whose editor is an AnswerRadios (its own "prefer not" button)."""

    editor: AnswerRadios

    def __init__(self, label: str, *, why: str | None = None) -> None:
        super().__init__(label, AnswerRadios(label), why=why, prefer_not=False)

    def value(self) -> bool | None:
        code = self.editor.choice()
        return True if code == YES else False if code == NO else None

    def set_value(self, value: Any, declined: bool = False) -> None:
        if declined:
            self.editor.set_choice(PREFER_NOT)
        elif value is True:
            self.editor.set_choice(YES)
        elif value is False:
            self.editor.set_choice(NO)
        else:
            self.editor.set_choice(None)

    @property
    def declined(self) -> bool:
        return self.editor.choice() == PREFER_NOT
