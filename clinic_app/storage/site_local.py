"""The one-laptop site: a desk vault and a hub vault on the same computer.

The volunteers' desk vault and the supervisors' hub vault stay apart even on
one laptop, so that a volunteer's passphrase never opens the caseload. The
hand-over is the ordinary bundle, written into an inbox folder beside the hub
vault (``HUB.inbox``): ``deliver`` (on the desk, e.g. after a save) first
acknowledges the receipts the hub left there, then sends; ``collect`` (on the
hub, e.g. when a supervisor opens the workspace) receives every bundle there
and removes each one it merged, leaving its receipt for the desk.
"""

from __future__ import annotations

from pathlib import Path

from clinic_app.storage import site
from clinic_app.storage.errors import VaultError
from clinic_app.storage.files import remove_quietly
from clinic_app.storage.site_merge import Received, receive, send
from clinic_app.storage.vault import Vault, guard


def inbox_of(hub_path: Path) -> Path:
    return hub_path.with_name(hub_path.name + ".inbox")


def deliver(desk: Vault, hub_path: Path) -> int:
    """Acks the hub's receipts in its inbox, then sends this desk's changes there."""
    inbox = inbox_of(hub_path)
    inbox.mkdir(mode=0o700, exist_ok=True)
    with guard():
        desk_id = site._text(desk.con, site.DESK_ID) or ""
    for receipt in sorted(inbox.glob(f"desk-{desk_id}-*.bundle.receipt")):
        try:
            site.ack(desk, receipt)
        except VaultError:
            continue
        remove_quietly(receipt)
    seq = int(site._text(desk.con, site.OUT_SEQ) or "0") + 1
    return send(desk, inbox / f"desk-{desk_id}-{seq:08d}.bundle")


def collect(hub: Vault) -> list[tuple[Path, Received | str]]:
    """Receives every bundle in the hub's inbox, oldest first; one result per file."""
    inbox = inbox_of(hub.path)
    if not inbox.is_dir() or not site.is_hub(hub):
        return []
    results: list[tuple[Path, Received | str]] = []
    for bundle in sorted(inbox.glob("*.bundle")):
        try:
            results.append((bundle, receive(hub, bundle)))
        except VaultError as exc:
            results.append((bundle, str(exc)))
            continue
        remove_quietly(bundle)  # merged; its receipt stays for the desk
    return results


__all__ = ["collect", "deliver", "inbox_of"]
