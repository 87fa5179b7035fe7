"""The supervisor's provider directory editor: list, add, edit, remove, import, export.

Volunteers see the directory read-only. An import replaces the whole directory
or nothing; its problems are listed line by line. The directory holds
organisations, not clients, so exporting it needs no confidentiality warning.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import SOURCE_LANGUAGE, _, current_language, ngettext
from clinic_app.i18n.language_names import CODE as LANGUAGE_CODE
from clinic_app.i18n.language_names import language_name
from clinic_app.referrals.directory import (
    ACCESS,
    ACCESS_NAMES,
    BOROUGH_NAMES,
    BOROUGHS,
    LIST_SEPARATOR,
    SERVICE_NAMES,
    SERVICES,
    CsvImportError,
    Provider,
    ProviderError,
    to_csv,
)
from clinic_app.storage.errors import VaultError
from clinic_app.storage.providers import DuplicateProvider
from clinic_app.storage.vault import Vault


@dataclass(frozen=True)
class DirectoryStore:
    """What the editor needs of the vault (a plain list in screenshots)."""

    load: Callable[[], list[Provider]]
    add: Callable[[Provider], object]
    update: Callable[[Provider], None]
    remove: Callable[[int], None]
    import_csv: Callable[[str], int]
    editable: bool


def vault_store(vault: Vault) -> DirectoryStore:
    from clinic_app.referrals import directory_store as ds

    return DirectoryStore(
        load=lambda: ds.load_directory(vault),
        add=lambda p: ds.add_provider(vault, p),
        update=lambda p: ds.update_provider(vault, p),
        remove=lambda i: ds.remove_provider(vault, i),
        import_csv=lambda text: ds.import_csv(vault, text),
        editable=vault.role == "supervisor",
    )


def language_names(codes: Iterable[str]) -> str:
    """Languages by name in the screen's language ("Spanish, Wolof, mam"), sorted."""
    names = {language_name(code, current_language()) for code in codes}
    return ", ".join(sorted(names, key=str.casefold))


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR) if p.strip()]


class ProviderDialog(QDialog):
    """Adds or edits one provider."""

    def __init__(self, provider: Provider | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("providerDialog")
        self.setWindowTitle(_("Edit provider") if provider else _("Add a provider"))
        self.original = provider
        self.result_provider: Provider | None = None
        self.name = QLineEdit(provider.name if provider else "")
        self.name.setObjectName("providerName")
        self.phone = QLineEdit(provider.phone if provider else "")
        self.email = QLineEdit(provider.email if provider else "")
        self.address = QLineEdit(provider.address if provider else "")
        self.hours = QLineEdit(provider.hours if provider else "")
        self.languages = QLineEdit(
            LIST_SEPARATOR.join(sorted(provider.languages)) if provider else SOURCE_LANGUAGE
        )
        self.languages.setObjectName("providerLanguages")
        self.zips = QLineEdit(LIST_SEPARATOR.join(provider.zip_prefixes) if provider else "")
        self.notes = QLineEdit(provider.notes if provider else "")
        self.eligibility = QLineEdit(provider.eligibility if provider else "")
        self.eligibility.setObjectName("providerEligibility")
        self.eligibility.setPlaceholderText(_("For example: Queens residents; under 21"))
        # The codes are what the file holds; their names, as the volunteer reads them.
        self.language_names = QLabel()
        self.language_names.setObjectName("providerLanguageNames")
        self.language_names.setWordWrap(True)
        self.languages.textChanged.connect(self._show_language_names)
        self._show_language_names()
        self.access = QComboBox()
        for code in ACCESS:
            self.access.addItem(_(ACCESS_NAMES[code]), code)
        if provider:
            self.access.setCurrentIndex(ACCESS.index(provider.access))
        self.services = self._boxes(SERVICES, SERVICE_NAMES, provider.services if provider else ())
        self.boroughs = self._boxes(BOROUGHS, BOROUGH_NAMES, provider.boroughs if provider else ())
        self.error = QLabel()
        self.error.setObjectName("providerError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Organization"), self.name)
        form.addRow(_("Services"), self._grid(self.services))
        form.addRow(_("Languages (codes, separated by ;)"), self.languages)
        form.addRow("", self.language_names)
        form.addRow(_("Boroughs"), self._grid(self.boroughs))
        form.addRow(_("ZIP code prefixes"), self.zips)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Hours"), self.hours)
        form.addRow(_("How to go"), self.access)
        form.addRow(_("Eligibility"), self.eligibility)
        form.addRow(_("Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show_language_names(self) -> None:
        codes = [c for c in _split(self.languages.text()) if LANGUAGE_CODE.fullmatch(c)]
        self.language_names.setText(language_names(codes))

    @staticmethod
    def _boxes(
        codes: Sequence[str], names: Mapping[str, str], checked: Collection[str]
    ) -> dict[str, QCheckBox]:
        boxes = {}
        for code in codes:
            box = QCheckBox(_(names[code]))
            box.setChecked(code in checked)
            boxes[code] = box
        return boxes

    @staticmethod
    def _grid(boxes: dict[str, QCheckBox]) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, box in enumerate(boxes.values()):
            grid.addWidget(box, number // 3, number % 3)
        return holder

    def check(self) -> None:
        try:
            self.result_provider = Provider(
                name=self.name.text(),
                services=frozenset(c for c, b in self.services.items() if b.isChecked()),
                languages=frozenset(_split(self.languages.text())),
                boroughs=frozenset(c for c, b in self.boroughs.items() if b.isChecked()),
                zip_prefixes=tuple(_split(self.zips.text())),
                phone=self.phone.text(),
                email=self.email.text(),
                address=self.address.text(),
                hours=self.hours.text(),
                eligibility=self.eligibility.text(),
                access=str(self.access.currentData()),
                notes=self.notes.text(),
                provider_id=self.original.provider_id if self.original else None,
            )
        except ProviderError as error:
            self.error.setText(str(error))
            return
        self.accept()


class ProviderDirectory(QDialog):
    """The directory as a table, with the supervisor's actions."""

    COLUMNS = 7

    def __init__(self, store: DirectoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("providerDirectory")
        self.setWindowTitle(_("Provider directory"))
        self.providers: list[Provider] = []
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("providerTable")
        self.table.setAccessibleName(_("Provider directory"))
        self.table.setHorizontalHeaderLabels(
            [
                _("Organization"),
                _("Services"),
                _("Languages"),
                _("Areas"),
                _("Hours"),
                _("How to go"),
                _("Phone"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(self.COLUMNS):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column < 2
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.message = QLabel()
        self.message.setObjectName("directoryMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", _("Add…"), self.add),
            ("edit", _("Edit…"), self.edit),
            ("remove", _("Remove"), self.remove),
            ("import", _("Import CSV…"), self.import_file),
            ("export", _("Export CSV…"), self.export_file),
        ):
            button = QPushButton(text)
            button.setObjectName(f"directory_{key}")
            button.clicked.connect(slot)
            button.setEnabled(store.editable or key == "export")
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        if not store.editable:
            self.message.setText(_("Only a supervisor can change the directory."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.providers = self.store.load()
        self.table.setRowCount(len(self.providers))
        for number, p in enumerate(self.providers):
            areas = [_(BOROUGH_NAMES[b]) for b in BOROUGHS if b in p.boroughs]
            cells = (
                p.name,
                ", ".join(_(SERVICE_NAMES[s]) for s in SERVICES if s in p.services),
                language_names(p.languages),
                ", ".join([*areas, *p.zip_prefixes]),
                p.hours,
                _(ACCESS_NAMES[p.access]),
                p.phone,
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def selected(self) -> Provider | None:
        rows = self.table.selectionModel().selectedRows()
        return self.providers[rows[0].row()] if rows else None

    def _apply(self, action: Callable[[], object], done: str) -> None:
        try:
            action()
        except (DuplicateProvider, VaultError, ValueError) as error:
            self.message.setText(str(error))
            return
        self.message.setText(done)
        self.reload()

    def add(self) -> None:
        dialog = ProviderDialog(None, self)
        if dialog.exec() and dialog.result_provider is not None:
            new = dialog.result_provider
            self._apply(lambda: self.store.add(new), _("Provider added."))

    def edit(self) -> None:
        current = self.selected()
        if current is None:
            return
        dialog = ProviderDialog(current, self)
        if dialog.exec() and dialog.result_provider is not None:
            changed = dialog.result_provider
            self._apply(lambda: self.store.update(changed), _("Provider changed."))

    def remove(self) -> None:
        current = self.selected()
        if current is None or current.provider_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove provider"),
            _("Remove {name} from the directory?").format(name=current.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            provider_id = current.provider_id
            self._apply(lambda: self.store.remove(provider_id), _("Provider removed."))

    def import_text(self, text: str) -> bool:
        """Replaces the directory with the CSV's providers, or shows every problem."""
        try:
            count = self.store.import_csv(text)
        except CsvImportError as error:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(_("Import CSV"))
            box.setText(_("Nothing was imported: fix these lines and import the file again."))
            box.setDetailedText(str(error))
            box.setInformativeText("\n".join(str(p) for p in error.problems[:10]))
            box.exec()
            self.message.setText(_("Nothing was imported."))
            return False
        except (VaultError, ValueError) as error:
            self.message.setText(str(error))
            return False
        message = ngettext("{count} provider imported.", "{count} providers imported.", count)
        self.message.setText(message.format(count=count))
        self.reload()
        return True

    def import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import CSV"), "", _("CSV files (*.csv)")
        )
        if name:
            try:
                text = Path(name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self.message.setText(_("The file could not be read as UTF-8 text."))
                return
            self.import_text(text)

    def export_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export CSV"), _("providers.csv"), _("CSV files (*.csv)")
        )
        if name:
            # With a byte-order mark, spreadsheets open it as UTF-8.
            Path(name).write_text("\ufeff" + to_csv(self.providers), encoding="utf-8")
            self.message.setText(_("Directory exported."))


def open_provider_directory(parent: QWidget | None, vault: Vault) -> int:
    dialog = ProviderDirectory(vault_store(vault), parent)
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
