"""The main window: one stack of screens (first run, login, work)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from clinic_app import APP_NAME
from clinic_app.i18n import _


class FirstRunPage(QWidget):
    """Shown when no vault exists yet; the vault issue adds its form."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setObjectName("firstRunTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # Centred by the layout, not by Qt.AlignmentFlag, to keep start-up lean.
        for label in (self.title, self.body):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label, 4)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Clinic Intake"))
        self.body.setText(
            _(
                "No vault was found on this computer. A supervisor sets up the "
                "encrypted vault once; after that, each volunteer signs in with "
                "their own passphrase."
            )
        )


class MainWindow(QMainWindow):
    def __init__(self, vault_path: str | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.setMinimumSize(800, 560)
        self.stack = QStackedWidget()
        self.first_run = FirstRunPage()
        self.stack.addWidget(self.first_run)
        self.setCentralWidget(self.stack)
