"""A plain bar chart drawn with QPainter (no QtCharts dependency)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinic_app.domain.report import HIDDEN_MARK

BAR = QColor("#4A6FA5")


class BarChart(QWidget):
    """Horizontal bars for (label, count); a hidden count shows its mark and no bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.bars: list[tuple[str, int | None]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: Sequence[tuple[str, int | None]]) -> None:
        self.bars = list(bars)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        return QSize(400, max(40, self._row_height() * len(self.bars) + 8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        label_width = max((metrics.horizontalAdvance(b[0]) for b in self.bars), default=0) + 12
        value_width = metrics.horizontalAdvance("0000000") + 8
        room = max(10, self.width() - label_width - value_width)
        shown = [v for _, v in self.bars if v is not None]
        top = max(shown, default=0) or 1
        h = self._row_height()
        for i, (label, value) in enumerate(self.bars):
            y = 4 + i * h
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(0, y, label_width - 6, h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = 0.0 if value is None else room * value / top
            painter.fillRect(QRectF(label_width, y + 3, width, h - 6), BAR)
            painter.drawText(
                QRectF(label_width + width + 4, y, value_width, h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                HIDDEN_MARK if value is None else str(value),
            )
        painter.end()
