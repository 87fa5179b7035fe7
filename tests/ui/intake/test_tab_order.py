"""Tab follows the visual order on the identity and screening steps, in both directions."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.widgets import Step
from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.keyboard import focused, key

ROW_SLACK = 4  # pixels: widgets on one line may differ a little in height


def tab_walk(wizard: QWidget, step: Step) -> list[QWidget]:
    """Every widget Tab reaches inside ``step``, from its first input until Tab leaves it."""
    seen: list[QWidget] = []
    while step.isAncestorOf(focused(wizard)) and focused(wizard) not in seen:
        seen.append(focused(wizard))
        key(wizard, Qt.Key.Key_Tab)
    return seen


def assert_reading_order(step: Step, widgets: list[QWidget], rtl: bool) -> None:
    page = step.widget()
    for before, after in pairwise(widgets):
        a = before.mapTo(page, QPoint(0, 0))
        b = after.mapTo(page, QPoint(0, 0))
        a_end = a.x() + before.width()
        b_end = b.x() + after.width()
        same_line = abs(a.y() - b.y()) <= ROW_SLACK
        names = f"{before.accessibleName()!r} → {after.accessibleName()!r}"
        if same_line:
            # Start to end: right of the previous one, or left of it in Arabic and Urdu.
            assert (b_end <= a.x() + ROW_SLACK) if rtl else (b.x() >= a_end - ROW_SLACK), names
        else:
            assert b.y() > a.y(), f"Tab goes up: {names}"


def _reachable(step: Step) -> set[QWidget]:
    return {
        w
        for w in step.widget().findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    }


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("name", ["identity", "screening"])
def test_tab_goes_through_the_step_in_reading_order(
    qtbot: QtBot, make_wizard: MakeWizard, name: str, rtl: bool
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
    try:
        wizard = make_wizard()
        step: Step = getattr(wizard, name)
        wizard.show_step(wizard.steps.index(step))
        qtbot.wait(50)
        first = step.first_input()
        assert first is not None
        assert focused(wizard) is first or first.isAncestorOf(focused(wizard))
        order = tab_walk(wizard, step)
        assert len(order) >= 6
        assert_reading_order(step, order, rtl)
        # Nothing on the page is skipped (radio groups are one Tab stop each).
        missed = {
            w
            for w in _reachable(step) - set(order)
            if not (w.metaObject().className() == "QRadioButton" and w.autoExclusive())
        }
        assert not missed, [w.accessibleName() or w.objectName() for w in missed]
        # After the last input, Tab reaches the wizard's buttons, Next among them.
        assert not step.isAncestorOf(focused(wizard))
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
