"""The site's reviewed building blocks: age (pyrage) and Ed25519 (cryptography).

Nothing here is a construction of our own (docs/decisions/0005): ``seal`` and
``open_sealed`` are age X25519 encryption (ChaCha20-Poly1305 STREAM, which
detects truncation), ``sign`` and ``verify`` are Ed25519. The public-key files
exchanged at enrolment are JSON with a format name, so a wrong file is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from clinic_app.i18n import _
from clinic_app.storage.errors import NotAVault

SITE_KEY_FORMAT = "clinic-intake-site-key"
DESK_KEY_FORMAT = "clinic-intake-desk-key"
FORMAT_VERSION = 1
MAX_KEY_FILE = 64 * 1024


class SiteRefused(NotAVault):
    """A bundle, receipt or key file that is damaged, tampered with or not meant here (exit 4)."""


def new_identity() -> str:
    """A new age X25519 identity, as its secret text (kept only inside a vault)."""
    return str(pyrage.x25519.Identity.generate())


def recipient_of(identity: str) -> str:
    return str(pyrage.x25519.Identity.from_str(identity).to_public())


def seal(data: bytes, recipients: list[str]) -> bytes:
    """``data`` encrypted with age to each recipient (``age1…``)."""
    return bytes(pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(r) for r in recipients]))


def open_sealed(data: bytes, identity: str) -> bytes | None:
    """The plaintext, or None when ``data`` is not an intact age file for ``identity``."""
    try:
        return bytes(pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)]))
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError, TypeError):
        return None


def new_signing_key() -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def public_of(private: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return (
        Ed25519PrivateKey.from_private_bytes(private)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def sign(private: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def key_fingerprint(*parts: str | bytes) -> str:
    """A short fingerprint of public keys, for people to compare on two screens."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    text = digest.hexdigest()[:16].upper()
    return " ".join(text[i : i + 4] for i in range(0, 16, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def write_key_file(path: Path, fmt: str, values: dict[str, Any]) -> None:
    from clinic_app.storage.files import atomic_write

    data = {"format": fmt, "version": FORMAT_VERSION, **values}
    atomic_write(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8") + b"\n")


def read_key_file(path: Path, fmt: str) -> dict[str, Any]:
    """The JSON of a site-key or desk-key file; ``SiteRefused`` when it is not one."""
    bad = SiteRefused(_("This is not a Clinic Intake key file of the expected kind."))
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE + 1)
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    if len(raw) > MAX_KEY_FILE or not isinstance(data, dict) or data.get("format") != fmt:
        raise bad
    if data.get("version") != FORMAT_VERSION:
        raise bad
    return data


__all__ = [
    "DESK_KEY_FORMAT",
    "SITE_KEY_FORMAT",
    "SiteRefused",
    "key_fingerprint",
    "new_identity",
    "new_signing_key",
    "open_sealed",
    "public_of",
    "read_key_file",
    "recipient_of",
    "seal",
    "sign",
    "verify",
    "write_key_file",
]
