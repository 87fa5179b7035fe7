"""Several desks in the app: "Send to supervisor" on a desk, "Receive from desks" on the hub.

Both choose a folder (a USB stick, a shared folder, or a folder the site's
sync tool moves). The hub page receives every bundle in the folder (one
transaction each, a receipt beside each), shows the counts, the audit heads
it witnessed (its own and each desk's) and the conflicts, each with both
versions side by side; the supervisor keeps one. The desk panel writes a
bundle into the folder and acknowledges any receipt the hub left there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.fields import FIELDS
from clinic_app.i18n import _, ngettext
from clinic_app.storage import audit, site
from clinic_app.storage.errors import VaultError
from clinic_app.storage.longwork import CancelToken, Progress
from clinic_app.storage.site_local import collect
from clinic_app.storage.site_merge import Received, hub_document, receive, send
from clinic_app.storage.vault import Vault, guard
from clinic_app.ui.supervisor.progress import ProgressRunner
from clinic_app.ui.supervisor.widgets import item, named, table

ChooseFolder = Callable[[QWidget, str], Path | None]


def ask_folder(parent: QWidget, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title)
    return Path(chosen) if chosen else None


def _fields(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    values: dict[str, Any] = json.loads(data.decode("utf-8"))
    out = {}
    for name, value in values.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        out[name] = text if len(text) <= 200 else text[:199] + "…"
    return out


def _label(name: str) -> str:
    known = FIELDS.get(name)
    return _(known.label) if known is not None else name


class HubPage(QWidget):
    """Receive from desks; witnessed heads; conflicts side by side (supervisors, hub only)."""

    def __init__(
        self,
        vault: Vault,
        choose: ChooseFolder = ask_folder,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("hubPage")
        self.on_change = on_change
        vault.require_supervisor()
        self.vault = vault
        self.choose = choose
        self.runner = ProgressRunner(self)
        self.heads = named(QLabel(), "hubHeads")
        self.heads.setWordWrap(True)
        self.result = named(QLabel(), "receiveResult")
        self.result.setWordWrap(True)
        self.receive_button = named(QPushButton(_("Receive from desks…")), "receiveButton")
        self.receive_button.clicked.connect(self.receive_from_folder)
        self.conflicts = table([_("Record"), _("Desk"), _("Received")], "conflictsTable")
        self.conflicts.itemSelectionChanged.connect(self.show_selected)
        self.versions = table([_("Field"), _("Hub's version"), _("Desk's version")], "versions")
        header = self.versions.horizontalHeader()
        for col in (1, 2):  # both versions side by side, equally wide
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.keep_hub = named(QPushButton(_("Keep the hub's version")), "keepHub")
        self.take_desk = named(QPushButton(_("Take the desk's version")), "takeDesk")
        self.keep_hub.clicked.connect(lambda: self.resolve("hub"))
        self.take_desk.clicked.connect(lambda: self.resolve("desk"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_hub)
        buttons.addWidget(self.take_desk)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heads)
        layout.addWidget(self.receive_button)
        layout.addWidget(self.result)
        title = QLabel(_("Conflicts: changed at a desk and here"))
        layout.addWidget(named(title, "conflictsTitle"))
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(self.versions, 3)
        layout.addLayout(buttons)
        self._shown: list[site.Conflict] = []
        # A one-laptop site: what the desk vault left in this hub's inbox comes in now.
        collected = collect(vault)
        if collected:
            self.result.setText(self.describe(collected))
        self.refresh()

    def refresh(self) -> None:
        with guard():
            own = audit.witness_line(self.vault.con, self.vault._head_key)
        lines = [own]
        for desk in site.desks(self.vault):
            lines.append(
                _("Desk {desk}: bundle {seq}, audit head {count} entries, {fingerprint}").format(
                    desk=desk.desk_id[:8],
                    seq=desk.last_seq,
                    count=desk.head_count,
                    fingerprint=desk.head_fingerprint,
                )
            )
        self.heads.setText("\n".join(lines))
        if self.on_change is not None:
            self.on_change()
        self._shown = site.conflicts(self.vault)
        self.conflicts.setRowCount(len(self._shown))
        for i, c in enumerate(self._shown):
            self.conflicts.setItem(i, 0, item(c.record_id))
            self.conflicts.setItem(i, 1, item(c.desk_id[:8]))
            self.conflicts.setItem(i, 2, item(c.received_at[:16].replace("T", " ")))
        self.versions.setRowCount(0)
        has = bool(self._shown)
        self.keep_hub.setEnabled(has)
        self.take_desk.setEnabled(has)

    def receive_from_folder(self) -> None:
        folder = self.choose(self, _("Folder with the desks' bundles"))
        if folder is None:
            return
        bundles = sorted(folder.glob("*.bundle"))
        done: list[tuple[Path, Received | str]] = []

        def job(token: CancelToken, progress: Progress) -> None:
            for i, path in enumerate(bundles):
                token.check()
                try:
                    done.append((path, receive(self.vault, path)))
                except VaultError as exc:  # this bundle is refused; the others go on
                    done.append((path, str(exc)))
                progress(i + 1, len(bundles))

        self.runner.run(_("Receiving bundles…"), job)
        self.result.setText(self.describe(done) if bundles else _("No bundles in that folder."))
        self.refresh()

    @staticmethod
    def describe(done: list[tuple[Path, Received | str]]) -> str:
        lines = []
        for path, outcome in done:
            if isinstance(outcome, str):
                lines.append(f"{path.name}: {outcome}")
            else:
                lines.append(
                    _("{file}: new {new}, updated {updated}, conflicts {conflicts}").format(
                        file=path.name,
                        new=outcome.new,
                        updated=outcome.updated,
                        conflicts=outcome.conflicts,
                    )
                )
        return "\n".join(lines)

    def _selected(self) -> site.Conflict | None:
        rows = self.conflicts.selectionModel().selectedRows()
        return self._shown[rows[0].row()] if rows else None

    def show_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        hub = _fields(hub_document(self.vault, chosen.record_id))  # audited as a view
        self.vault.audit(audit.VIEW, chosen.record_id)  # the desk's version, too
        desk = _fields(chosen.desk_data)
        names = [n for n in FIELDS if n in hub or n in desk]
        names += sorted(n for n in {*hub, *desk} if n not in FIELDS)
        self.versions.setRowCount(len(names))
        for i, name in enumerate(names):
            cells = [item(_label(name)), item(hub.get(name, "")), item(desk.get(name, ""))]
            for col, cell in enumerate(cells):
                if hub.get(name) != desk.get(name):  # what differs stands out
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.versions.setItem(i, col, cell)

    def resolve(self, keep: str) -> None:
        chosen = self._selected()
        if chosen is None:
            QMessageBox.information(self, _("Conflicts"), _("Choose a conflict first."))
            return
        site.resolve(self.vault, chosen.conflict_id, keep)
        self.refresh()


class DeskSendPanel(QWidget):
    """ "Send to supervisor" on a desk: a bundle into a folder, and receipts found there acked."""

    def __init__(self, vault: Vault, choose: ChooseFolder = ask_folder) -> None:
        super().__init__()
        self.setObjectName("deskSendPanel")
        self.vault = vault
        self.choose = choose
        self.button = named(QPushButton(_("Send to supervisor…")), "sendButton")
        self.button.clicked.connect(self.send_to_folder)
        self.result = named(QLabel(), "sendResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.button)
        layout.addWidget(self.result)

    def send_to_folder(self) -> Path | None:
        folder = self.choose(self, _("Folder to send the bundle to"))
        if folder is None:
            return None
        acked = 0
        for receipt in sorted(folder.glob("*.receipt")):
            try:
                acked += site.ack(self.vault, receipt)
            except VaultError:
                continue  # another desk's receipt, or not one: leave it
        with guard():
            desk_id = site._text(self.vault.con, site.DESK_ID) or "desk"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = folder / f"desk-{desk_id[:8]}-{stamp}.bundle"
        try:
            n = send(self.vault, out)
        except VaultError as exc:
            self.result.setText(str(exc))
            return None
        lines = [
            ngettext(
                "{n} record sent to the supervisor: {file}",
                "{n} records sent to the supervisor: {file}",
                n,
            ).format(n=n, file=out.name)
        ]
        if acked:
            lines.append(
                ngettext(
                    "{n} record confirmed as received by the supervisor.",
                    "{n} records confirmed as received by the supervisor.",
                    acked,
                ).format(n=acked)
            )
        self.result.setText("\n".join(lines))
        return out


__all__ = ["DeskSendPanel", "HubPage", "ask_folder"]
