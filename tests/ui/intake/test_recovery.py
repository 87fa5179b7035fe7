"""Crash recovery resumes where the client is needed again and says why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.keyboard import alt, focused, key, type_text

DRAFT = {
    "client_language": "es",
    "site": "Queens Library",
    "given_name": "María José",
    "family_name": "Quispe Huamán",
}


def test_a_recovered_draft_resumes_at_consent_and_says_why(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard(draft=DRAFT)
    assert wizard.current is wizard.consent  # language is saved; consent is not
    notice = wizard.consent.resumed
    assert notice.isVisible()
    assert "never saved" in notice.text() and "consent" in notice.text()
    assert "screening" in notice.text()
    assert not wizard.session.screening_consented
    assert focused(wizard) is wizard.consent.agree
    assert wizard.progress.text() == "Step 2 of 8"
    # What was saved came back.
    assert wizard.session.form["family_name"] == "Quispe Huamán"
    # A language switch rebuilds the steps: the notice stays.
    wizard.rebuild()
    assert wizard.consent.resumed.isVisible()


def test_a_new_intake_shows_no_recovery_notice(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = make_wizard()
    assert wizard.current is wizard.language
    assert not wizard.consent.resumed.isVisible()


def test_the_step_count_keeps_its_length_with_or_without_consent(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    type_text(wizard, "eng")
    totals = set()
    alt(qtbot, wizard, Qt.Key.Key_N)
    totals.add(wizard.progress.text().rsplit(" ", 1)[1])
    key(wizard, Qt.Key.Key_Space)  # consent given: screening is shown
    alt(qtbot, wizard, Qt.Key.Key_N)
    totals.add(wizard.progress.text().rsplit(" ", 1)[1])
    alt(qtbot, wizard, Qt.Key.Key_B)
    key(wizard, Qt.Key.Key_Space)  # consent withdrawn mid-intake
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.consent  # never dropped silently
    alt(qtbot, wizard, Qt.Key.Key_N)
    totals.add(wizard.progress.text().rsplit(" ", 1)[1])
    assert wizard.current is wizard.identity
    assert totals == {"8"}


def test_ticking_consent_after_the_notice_clears_it(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = make_wizard()
    type_text(wizard, "eng")
    alt(qtbot, wizard, Qt.Key.Key_N)
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.consent.notice.isVisible()
    key(wizard, Qt.Key.Key_Space)
    assert not wizard.consent.notice.isVisible()
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.identity
