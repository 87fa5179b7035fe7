"""Opening a SQLCipher database with a raw key and the pinned pragmas.

SQLCipher reports a wrong key exactly like a damaged file ("file is not a
database"), so by the time this module is called the key slot has already
proved the key right: a failure here means the file is damaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from clinic_app.i18n import _
from clinic_app.storage.errors import NotAVault
from clinic_app.storage.files import NotRegularFile, regular_size_and_head
from clinic_app.storage.keymaterial import KeyMaterial

Connection = Any
DatabaseError = sqlcipher3.DatabaseError
PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"

# SQLCipher 4 settings, pinned rather than trusted to the library's defaults.
CIPHER_SETTINGS: tuple[tuple[str, str], ...] = (
    ("cipher_page_size", str(PAGE_SIZE)),
    ("cipher_use_hmac", "ON"),
    ("cipher_hmac_algorithm", "HMAC_SHA512"),
    ("cipher_kdf_algorithm", "PBKDF2_HMAC_SHA512"),
    ("kdf_iter", "256000"),  # unused with a raw key; pinned for completeness
    ("cipher_plaintext_header_size", "0"),
)
# Read back after opening; tests/storage/test_pragmas.py asserts the same.
PRAGMAS: tuple[tuple[str, str, str], ...] = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("secure_delete", "ON", "1"),
    ("temp_store", "MEMORY", "2"),
    ("foreign_keys", "ON", "1"),
)


def damaged() -> NotAVault:
    return NotAVault(
        _("The vault is damaged, or its key-slot file belongs to another vault; it was not opened.")
    )


def check_file(path: Path) -> None:
    """Refuses, before any key is derived, a file that cannot be a vault."""
    try:
        size, head = regular_size_and_head(path, len(SQLITE_HEADER))
    except NotRegularFile:
        raise NotAVault(_("The vault is not a regular file; it was not opened.")) from None
    except OSError:
        raise NotAVault(_("The vault file cannot be read.")) from None
    if head == SQLITE_HEADER:
        raise NotAVault(
            _(
                "This is an unencrypted SQLite database, not a Clinic Intake vault; "
                "it was not opened."
            )
        )
    if size == 0 or size % PAGE_SIZE:
        raise NotAVault(_("The vault file is truncated or damaged; it was not opened."))


def connect(path: Path, key: KeyMaterial) -> Connection:
    """A connection with the key and every pinned pragma applied and checked."""
    con = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # no HMAC chatter on stderr
        statement = f"PRAGMA key = \"x'{key.hex()}'\""
        con.execute(statement)
        del statement
        for name, value in CIPHER_SETTINGS:
            con.execute(f"PRAGMA {name} = {value}")
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError:
            raise damaged() from None
        for name, value, _expected in PRAGMAS:
            con.execute(f"PRAGMA {name} = {value}").fetchall()
        check_pragmas(con)
    except BaseException:
        con.close()
        raise
    return con


def check_pragmas(con: Connection) -> None:
    """Raises when a pinned pragma did not take (never run on weaker settings)."""
    for name, _value, expected in PRAGMAS:
        actual = str(con.execute(f"PRAGMA {name}").fetchone()[0]).lower()
        if actual != expected:
            raise RuntimeError(f"PRAGMA {name} is {actual}, expected {expected}")
    for name, value in CIPHER_SETTINGS:
        actual = str(con.execute(f"PRAGMA {name}").fetchone()[0]).upper()
        if actual not in {value.upper(), {"ON": "1"}.get(value, value)}:
            raise RuntimeError(f"PRAGMA {name} is {actual}, expected {value}")
