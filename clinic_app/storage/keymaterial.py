"""Secret bytes that can be overwritten when they are no longer needed.

Python cannot promise that no copy of a secret survives: ``bytes`` objects made
along the way (the passphrase string, the hex text handed to SQLCipher, the
buffers inside cryptography and argon2-cffi) are immutable and freed, not
wiped. What this class does promise is that the copy the app keeps for the
length of a session lives in one ``bytearray`` that ``wipe()`` zeroes. See
docs/security.md, "Key handling and its limits".
"""

from __future__ import annotations

import ctypes


class KeyMaterial:
    """A fixed-length secret held in a ``bytearray``; zeroed by ``wipe()``."""

    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray) -> None:
        self._buf = bytearray(data)

    def __len__(self) -> int:
        return len(self._buf)

    def __repr__(self) -> str:  # never print the secret
        return f"<KeyMaterial {len(self._buf)} bytes{' wiped' if self.wiped else ''}>"

    @property
    def wiped(self) -> bool:
        return not any(self._buf)

    def bytes(self) -> bytes:
        """An immutable copy for a library call; keep it no longer than the call."""
        self._check()
        return bytes(self._buf)

    def hex(self) -> str:
        self._check()
        return self._buf.hex()

    def wipe(self) -> None:
        """Overwrites the secret with zeros, in place."""
        if self._buf:
            ctypes.memset(
                (ctypes.c_char * len(self._buf)).from_buffer(self._buf), 0, len(self._buf)
            )

    def _check(self) -> None:
        if self.wiped:
            raise ValueError("key material was wiped")
