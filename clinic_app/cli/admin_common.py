"""What the admin commands share: the vault option, passphrases, errors to exit codes."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from clinic_app.cli.exitcodes import BAD_PASSPHRASE, DAMAGED, FAILED, OK, USAGE
from clinic_app.i18n import _
from clinic_app.storage.errors import (
    LockedOut,
    NotAVault,
    PermissionDenied,
    VaultError,
    VaultExists,
    WeakPassphrase,
    WrongPassphrase,
)


class UsageError(Exception):
    """Wrong use of a command (exit 2)."""


def add_vault_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps a --vault given before the command (clinic-intake --vault X admin ...).
    parser.add_argument(
        "--vault", default=argparse.SUPPRESS, help="vault file (default: the app data folder)"
    )


def vault_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "vault", None)
    if given:
        return Path(given)
    from clinic_app.storage.paths import default_vault_path

    return default_vault_path()


class Passphrases:
    """Reads passphrases: prompted on a terminal, else one per line from stdin."""

    def __init__(self, stdin: TextIO | None = None) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin

    def _tty(self) -> bool:
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def existing(self, prompt: str) -> str:
        if self._tty():
            return _text(lambda: getpass.getpass(prompt))
        return self._line()

    def new(self, prompt: str, confirm: str) -> str:
        if not self._tty():
            return self._line()
        first = _text(lambda: getpass.getpass(prompt))
        if _text(lambda: getpass.getpass(confirm)) != first:
            raise UsageError(_("The two passphrases differ."))
        return first

    def _line(self) -> str:
        line = _text(self.stdin.readline)
        if not line:
            raise UsageError(_("A passphrase was expected on standard input."))
        return line.rstrip("\r\n")


def _text(read: Callable[[], str]) -> str:
    """What ``read`` returns, refused with one sentence unless it is UTF-8 text."""
    not_text = UsageError(
        _("The passphrase is not valid text; type it again with the keyboard set to UTF-8.")
    )
    try:
        text = read()
        # Decoding with surrogateescape (a C locale) lets bad bytes through as surrogates.
        text.encode("utf-8")
    except UnicodeError:
        raise not_text from None
    return text


def say(message: str, stream: TextIO | None = None) -> None:
    """One line for the user on standard error."""
    out = stream or sys.stderr
    out.write(message + "\n")
    out.flush()


def guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Runs ``command``, turning each known failure into its exit code and one sentence."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (WrongPassphrase, LockedOut) as exc:
            say(str(exc))
            return BAD_PASSPHRASE
        except NotAVault as exc:
            say(str(exc))
            return DAMAGED
        except UsageError as exc:
            say(str(exc))
            return USAGE
        except (VaultExists, PermissionDenied, WeakPassphrase, VaultError) as exc:
            say(str(exc))
            return FAILED
        except ValueError as exc:  # a bad user name or role
            say(str(exc))
            return USAGE
        except OSError as exc:
            say(_("The command failed: {reason}").format(reason=exc.strerror or type(exc).__name__))
            return FAILED
        except KeyboardInterrupt:
            say(_("Interrupted."))
            return FAILED
        except Exception as exc:  # one sentence, never a traceback that may quote data
            say(_("The command failed ({kind}).").format(kind=type(exc).__name__))
            return FAILED

    return run


__all__ = ["OK", "Passphrases", "UsageError", "add_vault_option", "guarded", "say", "vault_path"]
