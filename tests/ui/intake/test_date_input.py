"""Dates as the locale writes them (CLDR short form through Babel), ISO, a calendar, in words."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from clinic_app import i18n
from clinic_app.ui.intake.widgets import DateInput, FieldRow, Invalid


@pytest.fixture
def spanish() -> object:
    # The catalogue's language only: the direction style stays as other tests expect it.
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_english_takes_its_own_short_form_and_iso(qtbot: QtBot) -> None:
    field = DateInput()
    qtbot.addWidget(field)
    field.setText("12/07/2026")
    assert field.value() == date(2026, 12, 7)
    field.setText("2026-12-07")
    assert field.value() == date(2026, 12, 7)
    field.set_value(date(2026, 3, 4))
    assert field.text() == "3/4/2026" or field.text() == "03/04/2026"


def test_spanish_takes_day_month_year(qtbot: QtBot, spanish: object) -> None:
    assert i18n.current_language() == "es"
    field = DateInput()
    qtbot.addWidget(field)
    field.setText("07/12/2026")
    assert field.value() == date(2026, 12, 7)
    field.setText("31/02/2026")
    value = field.value()
    assert isinstance(value, Invalid) and "31" in value.message


def test_the_date_is_echoed_in_words(qtbot: QtBot) -> None:
    row = FieldRow("Date of birth", DateInput())
    qtbot.addWidget(row)
    row.show()
    assert row.echo is not None
    row.editor.setText("12/07/2026")  # type: ignore[attr-defined]
    assert row.echo.isVisible() and "December 7, 2026" in row.echo.text()
    assert "Monday" in row.echo.text()
    row.editor.setText("12/07")  # type: ignore[attr-defined]
    assert not row.echo.isVisible()


def test_a_calendar_is_offered(qtbot: QtBot) -> None:
    field = DateInput()
    qtbot.addWidget(field)
    field.show()
    field.setText("2026-12-07")
    calendar = field.open_calendar()
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2026, 12, 7)
    calendar.clicked.emit(QDate(2027, 1, 15))
    assert field.value() == date(2027, 1, 15)
    assert not calendar.isVisible()
