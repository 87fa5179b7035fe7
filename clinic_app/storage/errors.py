"""What can go wrong when a vault is opened or changed.

Each error carries one clear, translated sentence for the user; the CLI maps
the classes to the exit codes of ../shared/spec/cli.md (3 for a wrong
passphrase or lock-out, 4 for a damaged or foreign vault).
"""

from __future__ import annotations


class VaultError(Exception):
    """Base class; ``str(error)`` is the sentence shown to the user."""


class WrongPassphrase(VaultError):
    """The passphrase does not unwrap the user's key slot, or no such user."""


class LockedOut(VaultError):
    """Too many failed attempts; the next one is allowed after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotAVault(VaultError):
    """Damaged, truncated, unencrypted, foreign or from a newer app version."""


class VaultTooNew(NotAVault):
    """Written by a newer version of the app; never opened or changed."""


class VaultMissing(VaultError):
    """No vault (neither file) at the path: the app shows its first-run screen."""


class VaultExists(VaultError):
    """Creating or restoring would replace an existing vault."""


class PermissionDenied(VaultError):
    """The signed-in user's role does not allow this."""


class WeakPassphrase(VaultError):
    """A new passphrase does not meet the policy."""


class VaultLocked(VaultError):
    """The vault was locked or closed; unlock it again first."""
