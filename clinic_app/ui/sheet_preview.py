"""A readable preview of a sheet: page by page, fit to width, zoom in and out.

Each page is rasterised in memory (``printing.page_image``) at the resolution
the zoom asks for, so text stays sharp at any size; nothing is written to disk.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import _
from clinic_app.ui import printing

SCREEN_DPI: Final = 96.0
PAGE_WIDTH_INCHES: Final = 8.5
ZOOM_STEP: Final = 1.25
MIN_ZOOM: Final = 0.25
MAX_ZOOM: Final = 4.0


class SheetPreview(QWidget):
    """One page at a time in a scroll area; fit-to-width until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = b""
        self.count = 0
        self.page = 0
        self.zoom = 1.0
        self.fit = True
        self.image = QLabel()
        self.image.setObjectName("previewPage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.view = QScrollArea()
        self.view.setObjectName("referralPreview")
        self.view.setWidget(self.image)
        self.view.setWidgetResizable(True)
        # Always there, so fitting the width never makes it appear and refit again.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.previous = QPushButton(_("Previous page"))
        self.previous.setObjectName("previewPrevious")
        self.next = QPushButton(_("Next page"))
        self.next.setObjectName("previewNext")
        self.where = QLabel()
        self.where.setObjectName("previewWhere")
        self.smaller = QPushButton(_("Zoom out"))
        self.smaller.setObjectName("previewZoomOut")
        self.larger = QPushButton(_("Zoom in"))
        self.larger.setObjectName("previewZoomIn")
        self.fit_button = QPushButton(_("Fit to width"))
        self.fit_button.setObjectName("previewFit")
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        self.smaller.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.larger.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_to_width)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.larger.click())
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.smaller.click())
        bar = QHBoxLayout()
        for widget in (self.previous, self.where, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.smaller, self.fit_button, self.larger):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.viewport().installEventFilter(self)

    def set_pdf(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.count = printing.page_count(pdf) if pdf else 0
        self.fit = True
        self.show_page(0)

    def fit_zoom(self) -> float:
        width = max(self.view.viewport().width() - 24, 200)
        return width / (PAGE_WIDTH_INCHES * SCREEN_DPI)

    def fit_to_width(self) -> None:
        self.fit = True
        self.show_page(self.page)

    def set_zoom(self, zoom: float) -> None:
        self.fit = False
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.show_page(self.page)

    def show_page(self, number: int) -> None:
        if not self.count:
            self.image.clear()
            self.where.setText("")
            return
        self.page = max(0, min(number, self.count - 1))
        if self.fit:
            self.zoom = self.fit_zoom()
        dpi = SCREEN_DPI * self.zoom * self.devicePixelRatioF()
        image = printing.page_image(self.pdf, self.page, dpi)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.image.setPixmap(pixmap)
        self.where.setText(
            _("Page {page} of {count} · {zoom} %").format(
                page=self.page + 1, count=self.count, zoom=round(self.zoom * 100)
            )
        )
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.count - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport's own resize, after the layout gave it its new width.
        resized = watched is self.view.viewport() and event.type() == QEvent.Type.Resize
        if resized and self.fit and self.count and self.fit_zoom() != self.zoom:
            self.show_page(self.page)
        return super().eventFilter(watched, event)
