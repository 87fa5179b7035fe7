"""The result step shows the urgency's instruction and each program's next step."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.intake.conftest import TODAY, MakeWizard


def test_result_step_shows_the_instruction_and_each_programs_step(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.session.screening_consent_on = TODAY
    wizard.session.answers.update({"removed_before": True, "crime_victim": True})
    wizard.show_step(wizard.steps.index(wizard.result))
    text = wizard.result.instruction.text()
    assert "Next step: Urgent: call the supervising attorney today." in text
    assert "an attorney decides" in text
    assert wizard.result.program_steps["u_visa"] == (
        "Next step: Refer to an attorney; police or court reports help."
    )
    assert wizard.result.program_steps["naturalization"] == ""  # not applicable
