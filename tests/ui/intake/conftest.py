from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clinic_app.screening import load_rules
from clinic_app.ui.intake.wizard import IntakeWizard

TODAY = date(2026, 11, 27)

MakeWizard = Callable[..., IntakeWizard]


@pytest.fixture
def make_wizard(qtbot: QtBot) -> Iterator[MakeWizard]:
    def make(records: Any = None, **kwargs: Any) -> IntakeWizard:
        kwargs.setdefault("site", "Queens Library")
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("rules", load_rules())
        kwargs.setdefault("draft_interval_ms", 3_600_000)
        wizard = IntakeWizard(records, "sam", **kwargs)
        qtbot.addWidget(wizard)
        wizard.resize(1366, 768)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        qtbot.waitUntil(lambda: wizard.isActiveWindow(), timeout=2000)
        return wizard

    yield make
