"""The screening page's inputs: radio answers by arrow keys, no change by a stray wheel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.answer_radios import AnswerRadios, RadioRow
from clinic_app.ui.intake.wizard import IntakeWizard
from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.keyboard import focused, key, tab_to

K = Qt.Key


def screening(make_wizard: MakeWizard) -> IntakeWizard:
    wizard = make_wizard()
    wizard.show_step(wizard.steps.index(wizard.screening))
    assert wizard.current is wizard.screening
    return wizard


def test_yes_no_answers_are_four_radio_buttons(make_wizard: MakeWizard) -> None:
    wizard = screening(make_wizard)
    row = wizard.screening.rows["removed_before"]
    assert isinstance(row, RadioRow)
    names = [b.text() for b in row.editor.buttons.values()]
    assert names == ["Yes", "No", "Don't know", "Prefer not to answer"]


def test_arrow_keys_move_through_the_answers(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = screening(make_wizard)
    row = wizard.screening.rows["detained"]
    assert isinstance(row.editor, AnswerRadios)
    buttons = row.editor.buttons
    tab_to(wizard, buttons["yes"])
    key(wizard, K.Key_Space)
    assert wizard.session.answers["detained"] is True
    key(wizard, K.Key_Down)
    assert focused(wizard) is buttons["no"]
    assert wizard.session.answers["detained"] is False
    key(wizard, K.Key_Right)
    assert focused(wizard) is buttons["dont_know"]
    assert wizard.session.answers["detained"] is None
    assert "detained" not in wizard.session.declined
    key(wizard, K.Key_Down)
    assert wizard.session.answers["detained"] is None
    assert "detained" in wizard.session.declined
    key(wizard, K.Key_Up)
    key(wizard, K.Key_Left)
    assert focused(wizard) is buttons["no"]
    assert wizard.session.answers["detained"] is False
    # Tab leaves the group for the next question in one press.
    key(wizard, K.Key_Tab)
    assert focused(wizard) is wizard.screening.rows["in_removal_proceedings"].editor.buttons["yes"]


def test_arrows_are_mirrored_right_to_left(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = screening(make_wizard)
    radios = wizard.screening.rows["detained"].editor
    assert isinstance(radios, AnswerRadios)
    radios.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    radios.buttons["yes"].setFocus()
    radios.buttons["yes"].setChecked(True)
    key(wizard, K.Key_Left)  # visually to the left is the next answer in Arabic
    assert radios.choice() == "no"


def _wheel(widget: QWidget, down: bool = True) -> None:
    centre = QPointF(widget.rect().center())
    delta = QPoint(0, -120 if down else 120)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        delta,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_over_every_input_changes_no_answer(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = screening(make_wizard)
    step = wizard.screening
    wizard.resize(900, 500)  # a page that scrolls
    # Answers that open most questions, with choices in the middle of their lists.
    values = {
        "detained": False,
        "in_removal_proceedings": True,
        "final_removal_order": True,
        "next_hearing_date": date(2026, 12, 9),
        "nationality": "SV",
        "tps_status": "expired",
        "parole_status": "expired",
        "daca_status": "expired",
        "education": "ged",
        "felony_convictions": 2,
        "significant_misdemeanors": 1,
        "other_misdemeanors": 3,
        "fear_of_return": True,
    }
    for name, value in values.items():
        step.rows[name].set_value(value)
    step.refresh()
    step.rows["detained"].editor.buttons["no"].setFocus()  # the focus is on no drop-down
    before = dict(wizard.session.answers)
    declined = set(wizard.session.declined)
    inputs: list[QWidget] = []
    for name in step.visible_keys():
        editor = step.rows[name].editor
        if isinstance(editor, AnswerRadios):
            inputs.extend(editor.buttons.values())
        else:
            inputs.append(editor)
            inputs.extend(w for w in editor.findChildren(QWidget) if w.isVisible())
    assert len(inputs) > 40
    scrolled = False
    for widget in inputs:
        step.ensureWidgetVisible(widget)
        start = step.verticalScrollBar().value()
        for down in (True, True, False):
            _wheel(widget, down)
        scrolled |= step.verticalScrollBar().value() != start
        qtbot.wait(1)
    step.refresh()
    assert dict(wizard.session.answers) == before
    assert wizard.session.declined == declined
    assert scrolled  # the wheel scrolled the page instead


def test_a_focused_drop_down_still_follows_the_wheel(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = screening(make_wizard)
    combo = wizard.screening.rows["daca_status"].editor
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=1000)
    _wheel(combo)
    assert wizard.session.answers["daca_status"] is not None
