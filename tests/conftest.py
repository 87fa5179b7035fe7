"""Suite-wide set-up: Qt offscreen before Qt loads, and no network at all."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# As the app does at start-up: printing talks to the spooler's Unix socket.
os.environ.pop("CUPS_SERVER", None)
from clinic_app.hardening import keep_printing_local

keep_printing_local()
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


class NetworkUsedError(AssertionError):
    pass


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsedError("a test tried to create a socket; the app must stay offline")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any socket creation fails, in every test."""
    monkeypatch.setattr(socket, "socket", _refuse)
    monkeypatch.setattr(socket, "socketpair", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "fromfd", _refuse)
    yield
