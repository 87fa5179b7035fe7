"""Printing from memory: the temp folder and the vault folder stay empty."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from clinic_app.referrals.pdf import render_sheets
from clinic_app.referrals.samples import sample_sheet
from clinic_app.ui import printing


@pytest.fixture
def pdf() -> bytes:
    return render_sheets((sample_sheet("ar"), sample_sheet("en")))


@pytest.fixture
def empty_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh temp folder for Python and Qt alike, to prove nothing lands in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_pages_render_in_memory(pdf: bytes, empty_tmp: Path) -> None:
    images = list(printing.page_images(pdf, 50))
    assert len(images) == printing.page_count(pdf) == 2
    for image in images:
        assert image.width() > 300 and image.height() > 400
        # Ink on the page: not every pixel is white.
        dark = sum(
            image.pixelColor(x, y).lightness() < 128
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        )
        assert dark > 200
    assert files_under(empty_tmp) == []


def test_painting_on_an_in_memory_device_writes_no_file(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path
) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(100)
    assert printing.paint_pdf(writer, pdf) == 2
    del writer
    buffer.close()
    assert len(PdfReader(__import__("io").BytesIO(bytes(data.data()))).pages) == 2
    assert files_under(empty_tmp) == []


def test_printing_writes_nothing_but_the_printers_own_output(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path, tmp_path: Path
) -> None:
    """A PDF printer stands in for a real one; its output file is the printer's, not ours."""
    vault_folder = tmp_path / "vault"
    vault_folder.mkdir()
    (vault_folder / "clinic.vault").write_bytes(b"x")
    before = files_under(vault_folder)
    spool = tmp_path / "printer-spool"
    spool.mkdir()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(spool / "printed.pdf"))
    assert printing.paint_pdf(printer, pdf) == 2
    assert files_under(empty_tmp) == []
    assert files_under(vault_folder) == before
    assert files_under(spool) == ["printed.pdf"]
    assert len(PdfReader(spool / "printed.pdf").pages) == 2


def test_the_print_dialog_offers_no_print_to_file(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path
) -> None:
    seen: list[bool] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        seen.append(dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        dialog.reject()

    QTimer.singleShot(100, inspect)
    assert printing.print_sheet(None, pdf) is False
    assert seen == [False]
    assert files_under(empty_tmp) == []


def test_accepting_without_a_printer_prints_nothing_and_says_so(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path
) -> None:
    """With print-to-file off, a machine with no printer has nothing to print to."""
    messages: list[str] = []

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        QTimer.singleShot(100, close_message)
        dialog.accept()

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            messages.append(box.text())
            box.accept()

    QTimer.singleShot(100, accept)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(empty_tmp.parent / "never.pdf"))
    assert printing.print_sheet(None, pdf, printer) is False
    assert messages == ["The printer could not be started."]
    assert not (empty_tmp.parent / "never.pdf").exists()
    assert files_under(empty_tmp) == []


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path, tmp_path: Path
) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "never.pdf"))
    QTimer.singleShot(100, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    assert printing.print_sheet(None, pdf, printer) is False
    assert not (tmp_path / "never.pdf").exists()
    assert files_under(empty_tmp) == []


def _answer_warning(button_text: str) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "unencrypted" in box.informativeText()
    (button,) = [b for b in box.buttons() if b.text() == button_text]
    button.click()


def test_save_as_pdf_warns_first_and_writes_only_where_asked(
    qtbot: QtBot, pdf: bytes, empty_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(True)
        return str(tmp_path / "chosen" / "sheet"), ""

    (tmp_path / "chosen").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    QTimer.singleShot(100, lambda: _answer_warning("Cancel"))
    assert printing.save_pdf_as(None, pdf) is None
    assert asked == []  # no file dialog without the warning accepted
    QTimer.singleShot(100, lambda: _answer_warning("Save anyway"))
    saved = printing.save_pdf_as(None, pdf)
    assert saved == tmp_path / "chosen" / "sheet.pdf"
    assert saved.read_bytes() == pdf
    assert files_under(empty_tmp) == []
    assert os.listdir(tmp_path / "chosen") == ["sheet.pdf"]
