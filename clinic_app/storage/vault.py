"""The vault: one SQLCipher file, its key-slot file, users, settings, audit log.

``Vault.create`` makes a new vault and its first supervisor; ``Vault.open``
unlocks an existing one for one user. A ``Vault`` object is a session: it
holds the open connection and the database key, and ``lock()`` or ``close()``
closes the connection and overwrites the key.
"""

from __future__ import annotations

import contextlib
import copy
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from clinic_app import __version__
from clinic_app.i18n import _, ngettext
from clinic_app.storage import audit, connection, keyslots, passphrase, schema
from clinic_app.storage import settings as site_settings
from clinic_app.storage.audit import AuditEntry
from clinic_app.storage.errors import (
    LockedOut,
    NotAVault,
    PermissionDenied,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultMissing,
    VaultTooNew,
    WrongPassphrase,
)
from clinic_app.storage.files import fsync_dir, remove_quietly
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.keyslots import KeySlotFile
from clinic_app.storage.names import MAX_NAME, check_not_confusable, check_user_name
from clinic_app.storage.paths import keys_path, vault_exists
from clinic_app.storage.tempfiles import clean_stale_temps, held_temp

VOLUNTEER = "volunteer"
SUPERVISOR = "supervisor"
ROLES = (VOLUNTEER, SUPERVISOR)

Clock = Callable[[], float]


@dataclass(frozen=True)
class User:
    name: str
    role: str
    removed: bool


@dataclass
class VerifyReport:
    """What ``admin verify`` found; ``ok`` when every list is empty."""

    integrity: list[str] = field(default_factory=list)
    cipher: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    audit: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.cipher or self.foreign_keys or self.audit)

    def problems(self) -> list[str]:
        return [*self.integrity, *self.cipher, *self.foreign_keys, *self.audit]


class Vault:
    """An unlocked vault session for one user."""

    def __init__(
        self,
        path: Path,
        keys: KeySlotFile,
        con: connection.Connection,
        db_key: KeyMaterial,
        user: str,
        role: str,
    ) -> None:
        self.path = path
        self.keys = keys
        self._con: connection.Connection | None = con
        self._db_key = db_key
        self._head_key = audit.head_key(db_key)
        self.user = user
        self.role = role

    # --- opening -----------------------------------------------------------

    @classmethod
    def create(cls, path: Path, user: str, secret: str) -> Vault:
        """A new vault at ``path`` whose first user, ``user``, is a supervisor.

        Refuses when a vault file or key-slot file is already there: nothing
        is ever created over an existing file.
        """
        path = Path(path)
        name = check_user_name(user)
        passphrase.check(secret)
        kpath = keys_path(path)
        if vault_exists(path):
            raise VaultExists(_("A vault already exists there; nothing was changed."))
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Built under a temporary name and linked into place only when complete,
        # so a crash while creating leaves no half-made vault to trip over.
        tmp = path.with_name(f".{path.name}.creating-{uuid.uuid4().hex[:12]}")
        db_key = KeyMaterial(os.urandom(keyslots.KEY_BYTES))
        vault_id = uuid.uuid4().hex
        linked = False
        try:
            # Held (locked) until linked, so a cleaner never takes it for a leftover.
            with held_temp(tmp):
                con = connection.connect(tmp, db_key)
                try:
                    _fill_new(con, db_key, vault_id, name)
                finally:
                    con.close()
                first = keyslots.wrap(db_key, name, secret, vault_id, supervisor=True)
                keys = KeySlotFile(vault_id, [first], __version__)
                try:
                    os.link(tmp, path)  # never replaces: fails if a file appeared meanwhile
                except FileExistsError:
                    raise VaultExists(
                        _("A vault already exists there; nothing was changed.")
                    ) from None
                linked = True
            # The key-slot file is written last: it is what makes the vault exist.
            keys.save(kpath, exclusive=True)
            con = connection.connect(path, db_key)
        except BaseException:
            db_key.wipe()
            if linked:
                remove_quietly(path)
            raise
        finally:
            remove_quietly(tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"))
        fsync_dir(path.parent)
        vault = cls(path, keys, con, db_key, name, SUPERVISOR)
        vault.audit(audit.LOGIN)
        return vault

    @classmethod
    def open(cls, path: Path, user: str | None, secret: str, *, clock: Clock = time.time) -> Vault:
        """Unlocks the vault at ``path`` for ``user`` (default: the first slot's user).

        Raises ``WrongPassphrase``, ``LockedOut`` (exit 3) or ``NotAVault``
        (exit 4); never repairs, migrates past, or writes over a bad file.
        """
        path = Path(path)
        kpath = keys_path(path)
        if not path.exists() and not kpath.exists():
            raise VaultMissing(_("There is no vault at that location."))
        keys = KeySlotFile.load(kpath)
        if not path.exists():
            raise NotAVault(_("The vault file is missing beside its key-slot file."))
        connection.check_file(path)
        name = check_user_name(user) if user else (keys.first_user() or "")
        candidates = unlock_slot(keys, kpath, name, secret, clock)
        con, db_key = _connect_first(path, candidates)
        try:
            check_identity(con, keys.vault_id)
            role = role_of(con, name)
            if not user and role != SUPERVISOR:
                # The hint is unauthenticated: it may pick a supervisor, never make anyone one.
                raise NotAVault(
                    _("The key-slot file names a default user who is not a supervisor.")
                )
            vault = cls(path, keys, con, db_key, name, role)
        except BaseException:
            con.close()
            db_key.wipe()
            raise
        try:
            vault._after_unlock()
            from clinic_app.storage import rekey

            rekey.settle(vault, secret)  # finishes an interrupted re-key; upgrades old slots
            from clinic_app.storage import site

            site.purge_received(vault)  # a desk drops what the hub received long enough ago
        except BaseException:
            vault.close()
            raise
        clean_stale_temps(path.parent)  # left by a killed restore or create
        return vault

    def _after_unlock(self) -> None:
        old = schema.read_version(self.con)
        if old < schema.SCHEMA_VERSION:
            # A migration is a risky write: keep a checked backup of the old vault first.
            from clinic_app.storage.backup import SUFFIX, write_backup

            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            name = f"{self.path.name}.before-v{schema.SCHEMA_VERSION}-{stamp}{SUFFIX}"
            write_backup(self, self.path.with_name(name))
            schema.migrate(self.con)
            self.audit(audit.MIGRATE, f"{old}->{schema.SCHEMA_VERSION}")
        # Only a checked name and a bounded count from the unauthenticated key file
        # reach the signed log, and only for users the vault knows.
        known = {u.name for u in self.users()}
        pending = {s.user: s.pending_failures for s in self.keys.slots if s.pending_failures}
        with self.transaction():
            for user, count in sorted(pending.items()):
                if user in known:
                    audit.append(
                        self.con, self._head_key, user, audit.LOGIN_FAILED, f"failures:{count}"
                    )
            audit.append(self.con, self._head_key, self.user, audit.LOGIN)
        if pending:
            # Clear exactly what was logged; another process may have added more.
            with keyslots.editing(keys_path(self.path)) as fresh:
                for slot in fresh.slots:
                    logged = pending.get(slot.user, 0)
                    slot.pending_failures = max(0, slot.pending_failures - logged)
                self.keys = fresh

    # --- session -----------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._con is not None

    @property
    def con(self) -> connection.Connection:
        if self._con is None:
            raise VaultLocked(_("The vault is locked."))
        return self._con

    @property
    def db_key(self) -> KeyMaterial:
        """The database key; only backup and restore need it."""
        if self._con is None:
            raise VaultLocked(_("The vault is locked."))
        return self._db_key

    @contextlib.contextmanager
    def transaction(self) -> Iterator[connection.Connection]:
        """One write transaction; any error rolls it back, damage raises ``NotAVault``."""
        con = self.con
        with guard():
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                # SQLite may already have rolled back (after some errors it does).
                with contextlib.suppress(connection.DatabaseError):
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def audit(self, action: str, record_id: str | None = None) -> None:
        """Appends one audit row in its own transaction."""
        with self.transaction() as con:
            audit.append(con, self._head_key, self.user, action, record_id)

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[Vault]:
        """This vault, signed in as the same user, over a connection of its own.

        For one worker thread: a connection is never used from two threads at
        once, so long work (demo data) writes through its own while the GUI
        thread keeps the main one. Only the connection is closed at the end;
        the keys stay the session's.
        """
        twin = copy.copy(self)
        twin._con = connection.connect(self.path, self.db_key)
        try:
            yield twin
        finally:
            con, twin._con = twin._con, None
            con.close()

    def lock(self) -> None:
        """Audits the lock, closes the connection and overwrites the key."""
        if self._con is not None:
            with contextlib.suppress(VaultError, connection.DatabaseError):
                self.audit(audit.LOCK)
        self.close()

    def close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            con.close()
        self._db_key.wipe()
        self._head_key.wipe()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- users -------------------------------------------------------------

    def require_supervisor(self) -> None:
        if self.role != SUPERVISOR:
            raise PermissionDenied(_("Only a supervisor can do this."))

    def users(self) -> list[User]:
        with guard():
            rows = self.con.execute(
                "SELECT name, role, removed_at FROM users ORDER BY created_at, name"
            ).fetchall()
        return [User(r[0], r[1], r[2] is not None) for r in rows]

    def add_user(self, user: str, role: str, secret: str) -> None:
        """A supervisor adds a user with their own key slot."""
        self.require_supervisor()
        name = check_user_name(user)
        if role not in ROLES:
            raise ValueError(_("The role must be volunteer or supervisor."))
        passphrase.check(secret)
        self._refuse_volunteer_on_hub(role)
        existing = [u.name for u in self.users()]
        if name in existing:
            raise VaultExists(_("A user with that name already exists."))
        check_not_confusable(name, [*existing, *(s.user for s in self.keys.slots)])
        slot = keyslots.wrap(
            self.db_key, name, secret, self.keys.vault_id, supervisor=role == SUPERVISOR
        )
        # The key file is written inside the database transaction, before COMMIT:
        # a crash in between leaves at most a slot for a user the vault does not
        # have, which no one can sign in with, which the next add of that name
        # replaces and which ``admin verify --repair`` removes (storage/repair.py).
        with self.transaction() as con:
            con.execute(
                "INSERT INTO users (name, role, created_at, created_by) VALUES (?, ?, ?, ?)",
                (name, role, audit.now_iso(), self.user),
            )
            audit.append(con, self._head_key, self.user, audit.USER_ADD, f"user:{name}")
            with keyslots.editing(keys_path(self.path)) as fresh:
                fresh.put(slot)  # replaces only an orphan: the INSERT proved the name new
            self.keys = fresh

    def remove_user(self, user: str) -> list[str]:
        """A supervisor removes a user: their slot is deleted and the vault re-keyed.

        Returns the users whose first-format slots the re-key had to drop
        (they need a new passphrase); see storage/rekey.py.
        """
        from clinic_app.storage import rekey

        self.require_supervisor()
        if user == self.user:
            raise PermissionDenied(_("You cannot remove yourself."))
        if user not in {u.name for u in self.users() if not u.removed}:
            raise ValueError(_("There is no such user."))
        # The vault first: once this commits the user cannot sign in (role_of),
        # and the re-key (which drops their slot) is due even if a crash follows.
        with self.transaction() as con:
            con.execute("UPDATE users SET removed_at = ? WHERE name = ?", (audit.now_iso(), user))
            audit.append(con, self._head_key, self.user, audit.USER_REMOVE, f"user:{user}")
            rekey.mark_pending(con)
        return rekey.rekey(self)

    def _refuse_volunteer_on_hub(self, role: str) -> None:
        """A hub holds the caseload: only supervisors get a key to it (issue 18)."""
        with guard():
            hub = self.con.execute("SELECT 1 FROM site_keys WHERE name = 'hub_id'").fetchone()
        if hub is not None and role != SUPERVISOR:
            raise PermissionDenied(
                _(
                    "This vault is the site's hub and holds the caseload: only supervisors "
                    "can have a key to it. Add volunteers to a desk vault."
                )
            )

    def _drop_connection(self) -> None:
        """Closes the connection only (a re-key swaps the file under the session)."""
        con, self._con = self._con, None
        if con is not None:
            con.close()

    def _reopen(self, db_key: KeyMaterial) -> None:
        """Continues the session on the re-keyed file under ``db_key``."""
        con = connection.connect(self.path, db_key)
        self._db_key.wipe()
        self._head_key.wipe()
        self._con, self._db_key, self._head_key = con, db_key, audit.head_key(db_key)

    def set_role(self, user: str, role: str) -> None:
        """A supervisor changes another user's role.

        Never one's own: the supervisor acting stays one, so a vault always
        keeps a supervisor. The slot's supervisor hint follows the role.
        """
        self.require_supervisor()
        if role not in ROLES:
            raise ValueError(_("The role must be volunteer or supervisor."))
        if user == self.user:
            raise PermissionDenied(_("You cannot change your own role."))
        if user not in {u.name for u in self.users() if not u.removed}:
            raise ValueError(_("There is no such user."))
        self._refuse_volunteer_on_hub(role)
        with self.transaction() as con:
            con.execute("UPDATE users SET role = ? WHERE name = ?", (role, user))
            audit.append(con, self._head_key, self.user, audit.USER_ROLE, f"user:{user}")
            with keyslots.editing(keys_path(self.path)) as fresh:
                slot = fresh.slot(user)
                if slot is not None:
                    slot.supervisor = role == SUPERVISOR
                    fresh.put(slot)
            self.keys = fresh

    def check_passphrase(self, secret: str) -> bool:
        """Whether ``secret`` unwraps the signed-in user's slot (asked before a change)."""
        slot = self.keys.slot(self.user)
        key = keyslots.unwrap(slot, secret, self.keys.vault_id) if slot else None
        if key is None:
            return False
        key.wipe()
        return True

    def change_passphrase(self, secret: str, user: str | None = None) -> None:
        """Rewraps one slot: the user's own, or any user's for a supervisor."""
        name = user or self.user
        if name != self.user:
            self.require_supervisor()
        passphrase.check(secret)
        old = self.keys.slot(name)
        if old is None:
            raise ValueError(_("There is no such user."))
        slot = keyslots.wrap(
            self.db_key, name, secret, self.keys.vault_id, supervisor=old.supervisor
        )
        with self.transaction() as con:
            audit.append(con, self._head_key, self.user, audit.PASSPHRASE_CHANGE, f"user:{name}")
            with keyslots.editing(keys_path(self.path)) as fresh:
                fresh.put(slot)
            self.keys = fresh

    # --- settings ----------------------------------------------------------

    def settings(self) -> site_settings.SiteSettings:
        with guard():
            return site_settings.load(self.con)

    def update_settings(self, new: site_settings.SiteSettings) -> None:
        self.require_supervisor()
        with self.transaction() as con:
            site_settings.save(con, new)
            audit.append(con, self._head_key, self.user, audit.SETTINGS_CHANGE, None)

    # --- records (provisional; issue 5 defines the intake record) -----------

    def add_record(self, data: bytes) -> str:
        """Stores one record and audits its creation; returns its id."""
        record_id = uuid.uuid4().hex
        now = audit.now_iso()
        with self.transaction() as con:
            con.execute(
                "INSERT INTO records (id, created_at, created_by, updated_at, data) "
                "VALUES (?, ?, ?, ?, ?)",
                (record_id, now, self.user, now, data),
            )
            audit.append(con, self._head_key, self.user, audit.CREATE, record_id, at=now)
        return record_id

    def read_record(self, record_id: str) -> bytes | None:
        """One record's data, audited as a view."""
        with guard():
            row = self.con.execute("SELECT data FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        self.audit(audit.VIEW, record_id)
        return bytes(row[0])

    def record_ids(self) -> list[str]:
        with guard():
            return [r[0] for r in self.con.execute("SELECT id FROM records ORDER BY rowid")]

    # --- checks --------------------------------------------------------------

    def audit_entries(self) -> list[AuditEntry]:
        with guard():
            return audit.entries(self.con)

    def verify(self) -> VerifyReport:
        """SQLite and SQLCipher integrity, foreign keys, the audit chain, row counts."""
        return verify_connection(self.con, self._head_key)


def _fill_new(con: connection.Connection, db_key: KeyMaterial, vault_id: str, name: str) -> None:
    """Schema, identity, first supervisor, default settings and the first audit row."""
    schema.migrate(con)
    now = audit.now_iso()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("magic", schema.MAGIC),
            ("vault_id", vault_id),
            ("created_at", now),
            ("created_by_app", __version__),
        ],
    )
    con.execute(
        "INSERT INTO users (name, role, created_at, created_by) VALUES (?, ?, ?, NULL)",
        (name, SUPERVISOR, now),
    )
    site_settings.save(con, site_settings.SiteSettings())
    hkey = audit.head_key(db_key)
    audit.append(con, hkey, name, audit.USER_ADD, f"user:{name}", at=now, start=True)
    hkey.wipe()
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Turns SQLCipher's page-authentication failures into ``NotAVault``."""
    try:
        yield
    except connection.DatabaseError as exc:
        # Damage and failed page authentication come as the base class; its
        # subclasses (constraint, busy, misuse) are ordinary errors.
        if type(exc) is not connection.DatabaseError:
            raise
        raise connection.damaged() from None


def _connect_first(
    path: Path, candidates: list[KeyMaterial]
) -> tuple[connection.Connection, KeyMaterial]:
    """Opens with the slot's key, or the previous one while a re-key is unfinished."""
    failure: BaseException | None = None
    for key in candidates:
        try:
            con = connection.connect(path, key)
        except NotAVault as exc:
            failure = exc
            continue
        except BaseException:
            for k in candidates:
                k.wipe()
            raise
        for other in candidates:
            if other is not key:
                other.wipe()
        return con, key
    for k in candidates:
        k.wipe()
    raise failure or connection.damaged()


def unlock_slot(
    keys: KeySlotFile, kpath: Path, name: str, secret: str, clock: Clock
) -> list[KeyMaterial]:
    """The database key from ``name``'s slot (and, while a re-key is unfinished, the
    previous one), with the lock-out applied and recorded.

    The whole attempt (read the counters, derive, record the outcome) holds the
    key file's lock, so guesses from parallel processes are tried one at a time
    against the counters the previous one left: eight at once get the five
    allowed, not eight.
    """
    wrong = WrongPassphrase(_("The user name or passphrase is wrong."))
    if keys.slot(name) is None:
        # Same cost as a real attempt, so timing does not tell which names exist.
        keyslots.derive(secret, bytes(keyslots.SALT_BYTES), keyslots.CURRENT_PARAMS).wipe()
        raise wrong
    with keyslots.locked(kpath):
        fresh = KeySlotFile.load(kpath)
        slot = fresh.slot(name)
        if slot is None or fresh.vault_id != keys.vault_id:
            raise wrong
        now = clock()
        wait = keyslots.retry_after(slot, now)
        if wait > 0:
            seconds = int(wait + 0.999)
            raise LockedOut(
                ngettext(
                    "Too many failed attempts. Try again in {n} second.",
                    "Too many failed attempts. Try again in {n} seconds.",
                    seconds,
                ).format(n=seconds),
                wait,
            )
        key = keyslots.unwrap_keys(slot, secret, fresh.vault_id)
        if key is None:
            keyslots.record_failure(slot, now)
            fresh.save(kpath)
            raise wrong
        if slot.failures:
            keyslots.record_success(slot)
            fresh.save(kpath)
    keys.slots = fresh.slots
    return key


def check_identity(con: connection.Connection, vault_id: str) -> None:
    """Refuses a database that is not this Clinic Intake vault, or is too new."""
    with guard():
        version = schema.read_version(con)
        if version == 0:
            raise NotAVault(_("This file is not a Clinic Intake vault; it was not opened."))
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("magic") != schema.MAGIC or meta.get("vault_id") != vault_id:
        raise NotAVault(_("This file is not a Clinic Intake vault; it was not opened."))
    if version > schema.SCHEMA_VERSION:
        raise VaultTooNew(
            _("This vault was written by a newer version of Clinic Intake; update the app.")
        )


def role_of(con: connection.Connection, name: str) -> str:
    with guard():
        row = con.execute(
            "SELECT role FROM users WHERE name = ? AND removed_at IS NULL", (name,)
        ).fetchone()
    if row is None:
        raise WrongPassphrase(_("The user name or passphrase is wrong."))
    return str(row[0])


def verify_connection(con: connection.Connection, head_key: KeyMaterial) -> VerifyReport:
    report = VerifyReport()
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            report.integrity = [
                _("SQLite integrity check: {detail}").format(detail=r) for r in rows
            ]
    except connection.DatabaseError:
        report.integrity = [_("SQLite integrity check could not read the whole file.")]
    try:
        rows = [" ".join(str(c) for c in r) for r in con.execute("PRAGMA cipher_integrity_check")]
        report.cipher = [_("SQLCipher page check: {detail}").format(detail=r) for r in rows]
    except connection.DatabaseError:
        report.cipher = [_("SQLCipher page check could not read the whole file.")]
    try:
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        report.foreign_keys = [_("Foreign key broken in table {t}.").format(t=r[0]) for r in bad]
        report.audit = audit.verify(con, head_key)
        report.counts = table_counts(con)
    except connection.DatabaseError:
        report.audit.append(_("The audit log could not be read: the vault is damaged."))
    return report


def table_counts(con: connection.Connection) -> dict[str, int]:
    """Rows per table, for comparing a backup with its source."""
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # noqa: S608
        for t in tables
    }


__all__ = [
    "MAX_NAME",
    "ROLES",
    "SUPERVISOR",
    "VOLUNTEER",
    "LockedOut",
    "NotAVault",
    "PermissionDenied",
    "User",
    "Vault",
    "VaultExists",
    "VaultMissing",
    "VaultTooNew",
    "VerifyReport",
    "WrongPassphrase",
    "check_user_name",
    "vault_exists",
]
