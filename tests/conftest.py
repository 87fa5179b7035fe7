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


def pytest_sessionstart(session: pytest.Session) -> None:
    """Prints pytest-randomly's seed even under -q (`make test`): a failing order can be rerun."""
    seed = getattr(session.config.option, "randomly_seed", None)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if isinstance(seed, int) and reporter is not None:
        reporter.write_line(
            f"Using --randomly-seed={seed} (rerun this order with --randomly-seed={seed})"
        )


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


# Qt's default style on the offscreen platform. The direction proxy style reports
# an empty name, so a test cannot restore "whatever style was there" by name.
BASE_STYLE = "fusion"


def reset_app(app: object) -> None:
    """English, left to right, Qt's plain style (the direction proxy style removed)."""
    from PySide6.QtCore import QLocale, Qt
    from PySide6.QtWidgets import QApplication

    from clinic_app.ui.retranslate import change_language

    assert isinstance(app, QApplication)
    change_language(app, "en")
    QLocale.setDefault(QLocale.c())
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    app.setStyle(BASE_STYLE)


@pytest.fixture
def plain_app(qapp: object) -> Iterator[object]:
    """``qapp`` reset before and after the test, whatever ran before it."""
    reset_app(qapp)
    yield qapp
    reset_app(qapp)
