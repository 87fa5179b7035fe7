"""UI code shows no text that bypasses the translation layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app import ui
from tests.i18n.ui_literals import check_paths, check_source

UI_DIR = Path(ui.__file__).parent


def offending(source: str) -> list[str]:
    return [o.text for o in check_source(source, Path("x.py"))]


def test_ui_code_has_no_untranslated_user_facing_literal() -> None:
    assert [str(o) for o in check_paths([UI_DIR])] == []


@pytest.mark.parametrize(
    "source",
    [
        'label.setText("Welcome")',
        'self.setWindowTitle("Clinic Intake — vault")',
        'button = QPushButton("Sign in", self)',
        'QLabel(f"Signed in as {user}")',
        'action = QAction(icon, "Lock", self)',
        'QMessageBox.warning(self, "Vault damaged", _("The vault is damaged."))',
        'combo.addItems(["Yes", "No"])',
        'tabs.addTab(page, "Clients")',
        'table.setHorizontalHeaderLabels([_("Name"), "Date of birth"])',
        'label.setText("Hello {}".format(name))',
        'label.setText(_("Hello") + " world")',
        'label.setText(_("Yes") if ok else "No")',
        'edit.setPlaceholderText("Family name")',
        'QCheckBox(text="Consent given")',
        'layout.addRow("Name:", edit)',
    ],
)
def test_user_facing_literals_are_found(source: str) -> None:
    assert offending(source)


@pytest.mark.parametrize(
    "source",
    [
        'label.setText(_("Welcome"))',
        'label.setObjectName("firstRunTitle")',
        'self.setStyleSheet("QLabel { color: red; }")',
        'action.setShortcut(QKeySequence("Ctrl+L"))',
        'icon = QIcon(str(resource_path("icons", "lock.svg")))',
        'log.warning("vault locked after %s s", timeout)',
        'data = {"role": "supervisor"}',
        'label.setText(_("Signed in as {user}").format(user=name))',
        'label.setText(ngettext("{n} file", "{n} files", n).format(n=n))',
        'label.setText("{}: {}".format(_("Name"), name))',
        'label.setText(" — ")',
        'label.setText(f"{count} / {total}")',
        "combo.addItem(native_name(code), code)",
        'label.setText("DEBUG")  # i18n: not user-facing',
        'settings.setValue("geometry", geometry)',
    ],
)
def test_other_literals_pass(source: str) -> None:
    assert offending(source) == []
