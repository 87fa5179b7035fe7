"""Printing a referral sheet from memory, and saving it only when asked.

The sheet is PDF bytes built in memory (``referrals.pdf``). PDFium
(``pypdfium2``) rasterises each page into memory, and the images are painted
on the printer Qt's print dialog chose: no file is written on the way, not
even a spool file of ours (the operating system's print queue is the
printer's business). See docs/decisions/0002-printing.md for why this and
not QtPdf or a Qt-rendered document. "Save as PDF" writes a file only after a
warning and only where the user chose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pypdfium2
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPagedPaintDevice, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from clinic_app.i18n import N_, _

# Enough for small print and Bengali conjuncts; more only costs memory and time.
MAX_DPI: Final = 300
PREVIEW_DPI: Final = 110


def _render(document: Any, index: int, dpi: float) -> QImage:
    """Page ``index`` of an open document as an image at ``dpi``, in memory."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        try:
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            return image.copy()  # the bitmap's memory is freed below
        finally:
            bitmap.close()
    finally:
        page.close()


def page_images(pdf: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of ``pdf`` as an image at ``dpi``, rendered in memory."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            yield _render(document, index, dpi)
    finally:
        document.close()


def page_image(pdf: bytes, index: int, dpi: float) -> QImage:
    """Page ``index`` of ``pdf`` as an image at ``dpi``, rendered in memory (the preview)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return _render(document, index, dpi)
    finally:
        document.close()


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def paint_pdf(device: QPagedPaintDevice, pdf: bytes) -> int:
    """Paints every page of ``pdf`` on ``device`` (a printer); returns the page count.

    Each page image fills the device's page, keeping its proportions.
    """
    dpi = min(float(device.logicalDpiX()), MAX_DPI)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_("The printer could not be started."))
    count = 0
    try:
        for image in page_images(pdf, dpi):
            if count:
                device.newPage()
            target = QRectF(painter.viewport())
            size = QSize(image.width(), image.height()).scaled(
                target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRectF(target.topLeft(), size.toSizeF()), image)
            count += 1
    finally:
        painter.end()
    return count


def print_sheet(parent: QWidget | None, pdf: bytes, printer: QPrinter | None = None) -> bool:
    """Shows Qt's print dialog and prints the sheet; False when cancelled.

    The dialog's "print to file" is switched off: a file only through
    :func:`save_pdf_as`, after its warning.
    """
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(_("Referral sheet"))
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle(_("Print the referral sheet"))
    accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return False
    try:
        paint_pdf(printer, pdf)
    except OSError as error:
        QMessageBox.warning(parent, _("Print the referral sheet"), str(error))
        return False
    return True


SAVE_WARNING: Final = N_(
    "A saved PDF is an unencrypted copy of this client's referral. Anyone who can open "
    "the folder can read it. Save it only where the client or your supervisor asked, "
    "and delete it when it is no longer needed."
)


def confirm_save(parent: QWidget | None) -> bool:
    """The warning before a file is written; True only for an explicit "Save anyway"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Save as PDF"))
    box.setText(_("Save an unencrypted copy?"))
    box.setInformativeText(_(SAVE_WARNING))
    save = box.addButton(_("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is save


def save_pdf_as(parent: QWidget | None, pdf: bytes) -> Path | None:
    """After the warning, asks where and writes the PDF there; None when cancelled."""
    if not confirm_save(parent):
        return None
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the referral sheet as"), "", _("PDF files (*.pdf)")
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    path.write_bytes(pdf)
    return path
