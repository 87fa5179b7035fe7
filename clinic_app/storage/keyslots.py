"""Key slots: the database key wrapped once per user under their passphrase.

The key-slot file ``PATH.keys`` sits beside the vault ``PATH``. It is JSON and
holds no secret in the clear: for each user, Argon2id parameters and salt, an
AES-256-GCM nonce and the wrapped database key. No passphrase hash exists; a
passphrase is right when its slot unwraps (the GCM tag checks). The slot's
associated data binds it to the vault id, the user name and the parameters, so
a slot cannot be moved to another user or weakened without the key.

The file also keeps the failed-attempt counters of the login lock-out, which
must work before any key is known; they are not secret, and not authenticated
either (see docs/security.md).
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import secrets
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import low_level
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clinic_app.i18n import _
from clinic_app.storage.errors import NotAVault, VaultTooNew
from clinic_app.storage.files import NotRegularFile, TooLarge, atomic_write, read_regular
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.names import is_stored_form
from clinic_app.storage.paths import KEYS_SUFFIX, keys_path

__all__ = ["KEYS_SUFFIX", "KdfParams", "KeySlotFile", "Slot", "keys_path"]

FORMAT = "clinic-intake-keys"
FORMAT_VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
MIN_MEMORY_KIB = 64 * 1024
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_TIME_COST = 64
MAX_LANES = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def as_json(self) -> dict[str, Any]:
        return {
            "alg": "argon2id",
            "v": 19,
            "t": self.time_cost,
            "m": self.memory_kib,
            "p": self.parallelism,
        }

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        if not isinstance(data, dict) or data.get("alg") != "argon2id" or data.get("v") != 19:
            raise ValueError("unknown key derivation")
        if type(data.get("v")) is not int:
            raise ValueError("unknown key derivation")
        values = [data["t"], data["m"], data["p"]]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError("bad key derivation parameters")
        t, m, p = values
        # Bounds keep a tampered file from asking for absurd time or memory.
        if not (1 <= t <= MAX_TIME_COST and 1 <= p <= MAX_LANES and 8 * p <= m <= MAX_MEMORY_KIB):
            raise ValueError("key derivation parameters out of range")
        return cls(t, m, p)


# 256 MiB, 5 passes, 2 lanes: 0.5-0.8 s on the 2-core reference machine
# (benchmarks/bench_vault.py measures it; docs/security.md has the numbers).
PRODUCTION_PARAMS = KdfParams(time_cost=5, memory_kib=256 * 1024, parallelism=2)

# The parameters new slots get. The app never assigns this name; only the test
# suite swaps in cheaper ones (tests/storage/fixtures.py), and
# tests/storage/test_kdf_production.py proves the installed app writes
# PRODUCTION_PARAMS and that no module of clinic_app rebinds it.
CURRENT_PARAMS = PRODUCTION_PARAMS


def derive(passphrase: str, salt: bytes, params: KdfParams) -> KeyMaterial:
    """The 256-bit key-encryption key for ``passphrase`` (Argon2id)."""
    raw = low_level.hash_secret_raw(
        # NFC: the same passphrase typed on another keyboard or system matches.
        secret=unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=low_level.Type.ID,
    )
    return KeyMaterial(raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# Bounds on what a key-slot file may hold. The file is read before any key
# exists, so it is untrusted input: anything out of shape refuses the vault (exit 4).
MAX_KEYS_FILE_BYTES = 1 << 20
MAX_SLOTS = 1000
MAX_FAILURES = 1_000_000
MAX_PENDING = 1000
WRAPPED_BYTES = KEY_BYTES + 16  # the key and the GCM tag
IDENTITY_BYTES = 74  # an age X25519 identity, as its "AGE-SECRET-KEY-1…" text
WRAPPED_IDENTITY_BYTES = IDENTITY_BYTES + 16
MAX_SEALED_BYTES = 1024  # an age file holding one 32-byte key for one recipient
AGE_HEADER = b"age-encryption.org/v1\n"
# Failure times must lie between 1970 and 2100 (a finite epoch time, not 1e20).
MAX_TIME = 4_102_444_800.0
MAX_APP_VERSION = 64
VAULT_ID_CHARS = frozenset("0123456789abcdef")


def _int_in(data: dict[str, Any], key: str, low: int, high: int, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{key} out of range")
    return value


def _time_or_none(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("bad time")
    if not (math.isfinite(value) and 0 <= value <= MAX_TIME):
        raise ValueError("time out of range")
    return float(value)


def _bytes_of(data: dict[str, Any], key: str, length: int) -> bytes:
    text = data[key]
    if not isinstance(text, str) or len(text) > 4 * length:
        raise ValueError(f"bad {key}")
    raw = _unb64(text)
    if len(raw) != length:
        raise ValueError(f"bad {key} length")
    return raw


def _public(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith("age1") or len(value) > 100:
        raise ValueError("bad public key")
    return value


def _sealed(data: dict[str, Any], key: str) -> bytes | None:
    if key not in data:
        return None
    text = data[key]
    if not isinstance(text, str) or len(text) > 2 * MAX_SEALED_BYTES:
        raise ValueError(f"bad {key}")
    raw = _unb64(text)
    if len(raw) > MAX_SEALED_BYTES or not raw.startswith(AGE_HEADER):
        raise ValueError(f"bad {key}")
    return raw


def _pending_count(value: Any) -> int:
    """Failed attempts not yet logged: a count (older files kept a list of times)."""
    if isinstance(value, list):
        if len(value) > MAX_PENDING:
            raise ValueError("too many pending failures")
        for when in value:
            if _time_or_none(when) is None:
                raise ValueError("bad pending failure")
        return len(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PENDING:
        raise ValueError("pending failures out of range")
    return value


@dataclass
class Slot:
    """One user's wrapped copy of the database key and lock-out counters."""

    user: str
    params: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    failures: int = 0
    last_failure: float | None = None
    # Failed attempts not yet written to the audit log (it is inside the vault,
    # so they wait for the next successful unlock). A count, never times or
    # text: the log is signed, so nothing from this unauthenticated file but a
    # checked name and a bounded number may reach it.
    pending_failures: int = 0
    # Only picks the default acting user of an admin command ("the first
    # supervisor"); roles themselves live in the vault, where they are authenticated.
    supervisor: bool = False
    # Public-key slots (docs/decisions/0005): ``wrapped`` holds the user's age
    # identity, and the database key is sealed to ``public``, so a re-key can
    # re-seal it for every user without their passphrases. ``sealed_prev`` is
    # the key before an unfinished re-key. A slot without ``public`` wraps the
    # database key itself (the first format), until its user's next unlock.
    public: str | None = None
    sealed: bytes | None = None
    sealed_prev: bytes | None = None

    def aad(self, vault_id: str) -> bytes:
        """What the wrapped key is bound to: format, vault, user and parameters."""
        p = self.params
        fields: list[object] = [FORMAT, FORMAT_VERSION, vault_id, self.user]
        fields += [p.time_cost, p.memory_kib, p.parallelism]
        if self.public is not None:  # an identity, bound to its public key
            fields += ["x25519", self.public]
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def as_json(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "kdf": self.params.as_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "failures": self.failures,
            "last_failure": self.last_failure,
            "pending_failures": self.pending_failures,
            "supervisor": self.supervisor,
            **({"public": self.public} if self.public is not None else {}),
            **({"sealed": _b64(self.sealed)} if self.sealed is not None else {}),
            **({"sealed_prev": _b64(self.sealed_prev)} if self.sealed_prev is not None else {}),
        }

    @classmethod
    def from_json(cls, data: Any) -> Slot:
        """A slot from untrusted JSON; ``ValueError`` on any field out of shape."""
        if not isinstance(data, dict) or not is_stored_form(data.get("user")):
            raise ValueError("bad slot")
        supervisor = data.get("supervisor", False)
        if not isinstance(supervisor, bool):
            raise ValueError("bad supervisor hint")
        public = _public(data.get("public"))
        sealed = _sealed(data, "sealed")
        if (public is None) != (sealed is None):
            raise ValueError("a public key needs its sealed key")
        return cls(
            user=str(data["user"]),
            params=KdfParams.from_json(data["kdf"]),
            salt=_bytes_of(data, "salt", SALT_BYTES),
            nonce=_bytes_of(data, "nonce", NONCE_BYTES),
            wrapped=_bytes_of(
                data, "wrapped", WRAPPED_BYTES if public is None else WRAPPED_IDENTITY_BYTES
            ),
            failures=_int_in(data, "failures", 0, MAX_FAILURES, 0),
            last_failure=_time_or_none(data.get("last_failure")),
            pending_failures=_pending_count(data.get("pending_failures", 0)),
            supervisor=supervisor,
            public=public,
            sealed=sealed,
            sealed_prev=_sealed(data, "sealed_prev"),
        )


def wrap(
    db_key: KeyMaterial, user: str, passphrase: str, vault_id: str, *, supervisor: bool = False
) -> Slot:
    """A new slot for ``user`` under ``passphrase``, with the current parameters."""
    params = CURRENT_PARAMS
    if params is PRODUCTION_PARAMS and params.memory_kib < MIN_MEMORY_KIB:  # pragma: no cover
        raise AssertionError("production Argon2 memory below 64 MiB")
    from clinic_app.storage import site_crypto

    salt, nonce = secrets.token_bytes(SALT_BYTES), os.urandom(NONCE_BYTES)
    identity = site_crypto.new_identity()
    public = site_crypto.recipient_of(identity)
    slot = Slot(user, params, salt, nonce, b"", supervisor=supervisor, public=public)
    slot.sealed = site_crypto.seal(db_key.bytes(), [public])
    kek = derive(passphrase, slot.salt, params)
    try:
        slot.wrapped = AESGCM(kek.bytes()).encrypt(
            slot.nonce, identity.encode("ascii"), slot.aad(vault_id)
        )
    finally:
        kek.wipe()
        del identity
    return slot


def unwrap_keys(slot: Slot, passphrase: str, vault_id: str) -> list[KeyMaterial] | None:
    """The database key (and the one before an unfinished re-key); None: wrong passphrase."""
    kek = derive(passphrase, slot.salt, slot.params)
    try:
        raw = AESGCM(kek.bytes()).decrypt(slot.nonce, slot.wrapped, slot.aad(vault_id))
    except InvalidTag:
        return None
    finally:
        kek.wipe()
    if slot.public is None:
        return [KeyMaterial(raw)]
    from clinic_app.storage import site_crypto

    identity = raw.decode("ascii")
    del raw
    keys = []
    for sealed in (slot.sealed, slot.sealed_prev):
        plain = site_crypto.open_sealed(sealed, identity) if sealed is not None else None
        if plain is not None and len(plain) == KEY_BYTES:
            keys.append(KeyMaterial(plain))
    if not keys:
        raise NotAVault(_("The key-slot file is damaged or is not a Clinic Intake key-slot file."))
    return keys


def unwrap(slot: Slot, passphrase: str, vault_id: str) -> KeyMaterial | None:
    """The database key, or None when the passphrase is wrong."""
    keys = unwrap_keys(slot, passphrase, vault_id)
    if keys is None:
        return None
    for extra in keys[1:]:
        extra.wipe()
    return keys[0]


def reseal(slot: Slot, db_key: KeyMaterial, prev: KeyMaterial | None = None) -> None:
    """Seals a new database key (and the one in place until the re-key ends) to the slot."""
    from clinic_app.storage import site_crypto

    if slot.public is None:
        raise ValueError("a first-format slot cannot be resealed")
    slot.sealed = site_crypto.seal(db_key.bytes(), [slot.public])
    slot.sealed_prev = site_crypto.seal(prev.bytes(), [slot.public]) if prev else None


@dataclass
class KeySlotFile:
    """The parsed ``PATH.keys``: vault id and slots, in creation order."""

    vault_id: str
    slots: list[Slot]
    app_version: str = ""

    def slot(self, user: str) -> Slot | None:
        return next((s for s in self.slots if s.user == user), None)

    def first_user(self) -> str | None:
        """The default acting user: the first supervisor (by the slots' hint)."""
        chosen = next((s for s in self.slots if s.supervisor), None) or next(iter(self.slots), None)
        return chosen.user if chosen else None

    def put(self, slot: Slot) -> None:
        """Adds ``slot`` or replaces the user's existing one (a passphrase change)."""
        for i, existing in enumerate(self.slots):
            if existing.user == slot.user:
                self.slots[i] = slot
                return
        self.slots.append(slot)

    def remove(self, user: str) -> None:
        self.slots = [s for s in self.slots if s.user != user]

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "app_version": self.app_version,
            "vault_id": self.vault_id,
            "slots": [s.as_json() for s in self.slots],
        }
        return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeySlotFile:
        bad = NotAVault(_("The key-slot file is damaged or is not a Clinic Intake key-slot file."))
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise bad from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise bad
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise bad
        if version > FORMAT_VERSION:
            raise VaultTooNew(
                _("This vault was written by a newer version of Clinic Intake; update the app.")
            )
        try:
            vault_id, app_version = data["vault_id"], data.get("app_version", "")
            if not isinstance(data["slots"], list) or not 1 <= len(data["slots"]) <= MAX_SLOTS:
                raise ValueError("bad slot list")
            if not (isinstance(vault_id, str) and len(vault_id) == 32):
                raise ValueError("bad vault id")
            if not set(vault_id) <= VAULT_ID_CHARS:
                raise ValueError("bad vault id")
            if not isinstance(app_version, str) or len(app_version) > MAX_APP_VERSION:
                raise ValueError("bad app version")
            slots = [Slot.from_json(s) for s in data["slots"]]
            if len({s.user for s in slots}) != len(slots):
                raise ValueError("two slots for one user")
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError):
            raise bad from None
        return cls(vault_id, slots, app_version)

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            raw = read_regular(path, MAX_KEYS_FILE_BYTES)
        except FileNotFoundError:
            raise NotAVault(
                _("The key-slot file that belongs beside the vault is missing.")
            ) from None
        except NotRegularFile:
            raise NotAVault(
                _("The key-slot file is not a regular file; it was not opened.")
            ) from None
        except TooLarge:
            raise NotAVault(
                _("The key-slot file is damaged or is not a Clinic Intake key-slot file.")
            ) from None
        except OSError:
            raise NotAVault(_("The key-slot file cannot be read.")) from None
        return cls.from_bytes(raw)

    def save(self, path: Path, *, exclusive: bool = False) -> None:
        atomic_write(path, self.to_bytes(), exclusive=exclusive)


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``PATH.keys.lock`` for the block, across processes."""
    fd = os.open(_lock_path(path), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def editing(path: Path) -> Iterator[KeySlotFile]:
    """The key-slot file as it is on disk now, saved again when the block succeeds.

    The lock serialises changes from several processes (the app and a scheduled
    admin command), so none is lost.
    """
    with locked(path):
        keys = KeySlotFile.load(path)
        yield keys
        keys.save(path)


# Login lock-out: five free attempts, then a delay that doubles, at most an hour.
FREE_ATTEMPTS = 5
FIRST_DELAY_S = 30.0
MAX_DELAY_S = 3600.0

Clock = Callable[[], float]


def lockout_delay(failures: int) -> float:
    """Seconds a user must wait after ``failures`` consecutive failed attempts."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(FIRST_DELAY_S * 2.0 ** min(failures - FREE_ATTEMPTS, 32), MAX_DELAY_S)


def retry_after(slot: Slot, now: float) -> float:
    """Seconds left before ``slot``'s user may try again; 0 when allowed."""
    if slot.last_failure is None:
        return 0.0
    delay = lockout_delay(slot.failures)
    # Bounded by the delay itself, so a clock set back cannot lock a user out longer.
    wait: float = max(0.0, min(slot.last_failure + delay - now, delay))
    return wait


def record_failure(slot: Slot, now: float) -> None:
    slot.failures = min(slot.failures + 1, MAX_FAILURES)
    slot.last_failure = min(max(now, 0.0), MAX_TIME)
    slot.pending_failures = min(slot.pending_failures + 1, MAX_PENDING)


def record_success(slot: Slot) -> None:
    slot.failures = 0
    slot.last_failure = None
