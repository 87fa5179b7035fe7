"""Users in the vault and slots in the key file: finding and repairing a mismatch.

A user change writes two files: the database (users, audit) and the key-slot
file. ``Vault.add_user`` and ``remove_user`` write the key file inside the
database transaction, just before COMMIT, so a process killed in between
leaves one of two states, both harmless and both repairable:

- a slot for a user the vault does not have (an add that did not commit): no
  one can sign in with it (the vault has no role for the name); the next add
  of that name replaces it; repair removes it;
- an active user without a slot (a removal that did not commit): no one can
  sign in as them; removing them again finishes the job; repair marks them
  removed.

Repair also sets each slot's supervisor hint from the role in the vault. It
is a supervisor's act (``admin verify --repair``), and each change is an
audit row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clinic_app.i18n import _
from clinic_app.storage import audit, keyslots
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import SUPERVISOR, Vault

REPAIR = "repair"  # the audit action of each change


@dataclass
class Mismatch:
    orphan_slots: list[str] = field(default_factory=list)
    users_without_slot: list[str] = field(default_factory=list)
    wrong_hints: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.orphan_slots or self.users_without_slot or self.wrong_hints)

    def problems(self) -> list[str]:
        orphan = _("The key-slot file has a slot for {user}, who is not a user of the vault.")
        no_slot = _("The user {user} has no key slot and cannot sign in.")
        hint = _("The supervisor hint of {user}'s key slot does not match the role.")
        return [
            *(orphan.format(user=u) for u in self.orphan_slots),
            *(no_slot.format(user=u) for u in self.users_without_slot),
            *(hint.format(user=u) for u in self.wrong_hints),
        ]


def find(vault: Vault) -> Mismatch:
    """Compares the key-slot file on disk now with the vault's users."""
    active = {u.name: u.role for u in vault.users() if not u.removed}
    keys = keyslots.KeySlotFile.load(keys_path(vault.path))
    return Mismatch(
        orphan_slots=[s.user for s in keys.slots if s.user not in active],
        users_without_slot=[n for n in active if keys.slot(n) is None],
        wrong_hints=[
            s.user
            for s in keys.slots
            if s.user in active and s.supervisor != (active[s.user] == SUPERVISOR)
        ],
    )


def repair(vault: Vault) -> Mismatch:
    """Fixes what ``find`` reports (a supervisor only); returns what was fixed."""
    vault.require_supervisor()
    with vault.transaction() as con:
        # Found again under the write lock, so a change made meanwhile is seen.
        found = find(vault)
        if found.ok:
            return found
        for user in found.orphan_slots:
            audit.append(con, vault._head_key, vault.user, REPAIR, f"slot:{user}")
        for user in found.users_without_slot:
            con.execute("UPDATE users SET removed_at = ? WHERE name = ?", (audit.now_iso(), user))
            audit.append(con, vault._head_key, vault.user, REPAIR, f"user:{user}")
        for user in found.wrong_hints:
            audit.append(con, vault._head_key, vault.user, REPAIR, f"hint:{user}")
        roles = {u.name: u.role for u in vault.users()}
        with keyslots.editing(keys_path(vault.path)) as fresh:
            for user in found.orphan_slots:
                fresh.remove(user)
            for slot in fresh.slots:
                slot.supervisor = roles.get(slot.user) == SUPERVISOR
        vault.keys = fresh
    return found
