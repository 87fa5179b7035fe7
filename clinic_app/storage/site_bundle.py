"""The bundle file: a desk's records for the hub, signed (Ed25519) then encrypted (age).

Inside the age file::

    MAGIC | u32 header length | header (JSON) | 64-byte signature | body (zlib JSON)

The signature covers everything but itself. The header names the hub, the
desk, the desk's bundle number and its audit head, so a bundle cannot be
re-addressed or passed off as another desk's. Parsing trusts nothing before
the signature checks, and checks every field after.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any, Final

from clinic_app.i18n import _
from clinic_app.storage import site_crypto
from clinic_app.storage.site_crypto import SiteRefused

MAGIC: Final = b"CIBUNDL1"
FORMAT: Final = "clinic-intake-bundle"
SIG_BYTES: Final = 64
MAX_HEADER: Final = 64 * 1024
MAX_BODY: Final = 512 * 1024 * 1024  # a decompression bomb stops here


@dataclass(frozen=True)
class Header:
    hub_id: str
    desk_id: str
    seq: int
    created_at: str
    head_count: int
    head_hash: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": 1,
            "hub_id": self.hub_id,
            "desk_id": self.desk_id,
            "seq": self.seq,
            "created_at": self.created_at,
            "desk_head": [self.head_count, self.head_hash.hex()],
        }


@dataclass(frozen=True)
class Opened:
    """A decrypted bundle whose signature has not been checked yet."""

    header: Header
    signed: bytes
    signature: bytes
    body: bytes
    digest: bytes  # SHA-256 of the whole plaintext: the same bundle has the same digest


def refused() -> SiteRefused:
    return SiteRefused(
        _(
            "This bundle is damaged, was tampered with, is not meant for this hub, "
            "or is not a Clinic Intake bundle; nothing was changed."
        )
    )


def build(header: Header, body: dict[str, Any], sign_key: bytes, recipient: str) -> bytes:
    head = json.dumps(header.as_json(), separators=(",", ":")).encode("utf-8")
    packed = zlib.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), 1)
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    signature = site_crypto.sign(sign_key, prefix + packed)
    return site_crypto.seal(prefix + signature + packed, [recipient])


def open_bundle(raw: bytes, identity: str) -> Opened:
    """Decrypts and splits; raises ``SiteRefused`` for anything but an intact bundle."""
    plain = site_crypto.open_sealed(raw, identity)
    if plain is None or not plain.startswith(MAGIC) or len(plain) < len(MAGIC) + 4:
        raise refused()
    (size,) = struct.unpack(">I", plain[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if size > MAX_HEADER or len(plain) < start + size + SIG_BYTES:
        raise refused()
    head = plain[start : start + size]
    signature = plain[start + size : start + size + SIG_BYTES]
    body = plain[start + size + SIG_BYTES :]
    try:
        data = json.loads(head.decode("utf-8"))
        if data["format"] != FORMAT or data["version"] != 1:
            raise ValueError("format")
        count, head_hex = data["desk_head"]
        header = Header(
            str(data["hub_id"]),
            str(data["desk_id"]),
            _int(data["seq"]),
            str(data["created_at"]),
            _int(count),
            bytes.fromhex(head_hex),
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise refused() from None
    return Opened(header, plain[: start + size] + body, signature, body, _digest(plain))


def body_of(opened: Opened) -> dict[str, Any]:
    """The body, after the signature was checked."""
    try:
        inflate = zlib.decompressobj()
        text = inflate.decompress(opened.body, MAX_BODY)
        if inflate.unconsumed_tail:
            raise ValueError("too large")
        data = json.loads(text.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("body")
        return data
    except (zlib.error, UnicodeDecodeError, ValueError):
        raise refused() from None


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("not a count")
    return value


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


__all__ = ["Header", "Opened", "body_of", "build", "open_bundle", "refused"]
