"""A complete intake, by keyboard, with distinctive screening answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.answer_radios import AnswerRadios
from clinic_app.ui.intake.wizard import IntakeWizard
from tests.ui.intake.keyboard import alt, focused, key, select_all_and_type, tab_to, type_text

K = Qt.Key
# Answers that appear nowhere else: none may reach the vault.
FIRST_ENTRY = "2003-03-17"
CONTINUOUS_SINCE = "2004-05-19"
FELONIES = "7"
HEARING = "2026-12-09"


def choose(qtbot: QtBot, wizard: IntakeWizard, row_key: str, downs: int) -> None:
    """Moves to a question's drop-down by Tab and picks the entry ``downs`` below the top."""
    row = wizard.current.rows[row_key]  # type: ignore[attr-defined]
    if isinstance(row.editor, AnswerRadios):
        # A yes/no screening answer: Tab reaches the group, arrows move, Space picks.
        tab_to(wizard, row.editor.buttons["yes"])
        for _ in range(downs - 1):
            key(wizard, K.Key_Down)
        key(wizard, K.Key_Space)
        return
    tab_to(wizard, row.editor)
    key(wizard, K.Key_Home)
    for _ in range(downs):
        key(wizard, K.Key_Down)


def fill(qtbot: QtBot, wizard: IntakeWizard, row_key: str, text: str) -> None:
    row = wizard.current.rows[row_key]  # type: ignore[attr-defined]
    tab_to(wizard, row.editor)
    select_all_and_type(wizard, text)


YES, NO = 1, 2


def complete_intake(qtbot: QtBot, wizard: IntakeWizard, *, notes: str = "") -> None:
    """Language → consent → identity → screening → result → referral → notes → save step."""
    # 1. Language: the client speaks Spanish.
    assert wizard.current is wizard.language
    assert focused(wizard) is wizard.language.client.editor
    type_text(wizard, "esp")
    assert wizard.language.client.value() == "es"
    alt(qtbot, wizard, K.Key_N)
    # 2. Consent, read in Spanish; the client agrees.
    assert wizard.current is wizard.consent
    assert focused(wizard) is wizard.consent.agree
    key(wizard, K.Key_Space)
    assert wizard.session.screening_consented
    alt(qtbot, wizard, K.Key_N)
    # 3. Identity.
    assert wizard.current is wizard.identity
    type_text(wizard, "María José")
    key(wizard, K.Key_Tab)
    type_text(wizard, "Quispe Huamán")
    fill(qtbot, wizard, "date_of_birth", "1998-04-02")
    fill(qtbot, wizard, "phone", "718-555-0142")
    choose(qtbot, wizard, "safe_to_call", YES)
    choose(qtbot, wizard, "safe_to_leave_voicemail", NO)
    alt(qtbot, wizard, K.Key_N)
    # 4. Screening.
    assert wizard.current is wizard.screening
    choose(qtbot, wizard, "detained", NO)
    choose(qtbot, wizard, "in_removal_proceedings", YES)
    fill(qtbot, wizard, "next_hearing_date", HEARING)
    choose(qtbot, wizard, "final_removal_order", NO)
    choose(qtbot, wizard, "is_permanent_resident", NO)
    nationality = wizard.screening.rows["nationality"].editor
    tab_to(wizard, nationality)
    type_text(wizard, "Mexico")
    assert wizard.session.answers["nationality"] == "MX"
    fill(qtbot, wizard, "first_entry_date", FIRST_ENTRY)
    choose(qtbot, wizard, "daca_status", 1)  # never
    fill(qtbot, wizard, "continuous_residence_since", CONTINUOUS_SINCE)
    choose(qtbot, wizard, "present_on_2012_06_15", YES)
    choose(qtbot, wizard, "lawful_status_on_2012_06_15", NO)
    choose(qtbot, wizard, "education", 2)  # high school diploma
    fill(qtbot, wizard, "felony_convictions", FELONIES)
    # The client prefers not to answer about misdemeanors.
    prefer_not = wizard.screening.rows["significant_misdemeanors"].prefer_not
    assert prefer_not is not None
    tab_to(wizard, prefer_not)
    key(wizard, K.Key_Space)
    choose(qtbot, wizard, "fear_of_return", NO)
    alt(qtbot, wizard, K.Key_N)
    # 5. Result.
    assert wizard.current is wizard.result
    alt(qtbot, wizard, K.Key_N)
    # 6. Referral needs (suggested from the result).
    assert wizard.current is wizard.referral
    alt(qtbot, wizard, K.Key_N)
    # 7. Notes.
    assert wizard.current is wizard.notes
    assert focused(wizard) is wizard.notes.edit
    if notes:
        type_text(wizard, notes)
    alt(qtbot, wizard, K.Key_N)
