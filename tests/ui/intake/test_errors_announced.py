"""A validation error is announced to screen readers, not only coloured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent
from pytestqt.qtbot import QtBot

from tests.ui.intake.conftest import MakeWizard


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[QObject, str]]]:
    """The Alert events sent to assistive technology, as (object, its accessible name)."""
    seen: list[tuple[QObject, str]] = []
    send = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Alert:
            face = QAccessible.queryAccessibleInterface(event.object())
            seen.append((event.object(), face.text(QAccessible.Text.Name) if face else ""))
        send(event)

    was_active = QAccessible.isActive()
    QAccessible.setActive(True)  # as when a screen reader is running
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    yield seen
    QAccessible.setActive(was_active)


def test_a_wrong_date_is_announced(
    qtbot: QtBot, make_wizard: MakeWizard, alerts: list[tuple[QObject, str]]
) -> None:
    wizard = make_wizard()
    wizard.show_step(wizard.steps.index(wizard.identity))
    dob = wizard.identity.rows["date_of_birth"]
    dob.editor.setText("1990-13-01")
    wizard.go_next()
    assert wizard.current is wizard.identity
    assert dob.error.isVisible() and "no month 13" in dob.error.text()
    assert (dob.error, dob.error.text()) in alerts
    # The field itself says what is wrong when focus returns to it.
    assert "no month 13" in dob.editor.accessibleDescription()
