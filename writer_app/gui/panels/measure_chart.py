"""A small chart of one measure along the manuscript: a curve over chapters or a strip of paragraphs.

Drawn with QPainter from the widget's palette, so it is crisp at any scale
and right in light and dark themes. Each point or bar is clickable
(``sig_clicked(index)``) and has a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

WARM = QColor(230, 120, 40)


class MeasureChart(QWidget):
    """Values (None: not measured) drawn as a ``"curve"`` (chapters) or ``"strip"`` (paragraphs)."""

    sig_clicked = Signal(int)  # the index of the point or bar

    def __init__(self, style: str = "curve", parent: QWidget | None = None):
        super().__init__(parent)
        self.style = style
        self.values: list[float | None] = []
        self.labels: list[str] = []
        self.current = -1  # highlighted (the chapter or paragraph at the cursor)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(28 if style == "strip" else 72)

    def sizeHint(self) -> QSize:
        return QSize(240, 28 if self.style == "strip" else 72)

    def set_values(self, values: list[float | None], labels: list[str], current: int = -1) -> None:
        self.values, self.labels, self.current = list(values), list(labels), current
        self.setToolTip("")
        self.update()

    def set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.update()

    # ------------------------------------------------------------------ geometry
    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -4, -4)

    def index_at(self, x: float) -> int:
        if not self.values:
            return -1
        plot = self._plot()
        index = int((x - plot.left()) / max(1.0, plot.width()) * len(self.values))
        return min(len(self.values) - 1, max(0, index))

    def _range(self) -> tuple[float, float]:
        known = [v for v in self.values if v is not None]
        if not known:
            return 0.0, 1.0
        low, high = min(known), max(known)
        return (low - 1.0, high + 1.0) if high - low < 1e-9 else (low, high)

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        plot = self._plot()
        painter.fillRect(self.rect(), palette.base())
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawRect(plot)
        if not self.values:
            return
        low, high = self._range()
        step = plot.width() / len(self.values)

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height() * 0.9 - plot.height() * 0.05

        if 0 <= self.current < len(self.values):
            painter.fillRect(
                QRectF(plot.left() + self.current * step, plot.top(), max(step, 2.0), plot.height()),
                palette.highlight().color().lighter(170)
                if palette.base().color().lightness() > 127
                else palette.highlight().color().darker(150),
            )
        if self.style == "strip":
            for i, value in enumerate(self.values):
                if value is None:
                    continue
                strength = (value - low) / (high - low)
                color = QColor(WARM)
                color.setAlphaF(0.15 + 0.75 * strength)
                bar = QRectF(plot.left() + i * step, plot.top() + 1, max(step - 1, 1.0), plot.height() - 2)
                painter.fillRect(bar, color)
            return
        pen = QPen(palette.text().color(), 1.5)
        painter.setPen(pen)
        path, started = QPainterPath(), False
        points = []
        for i, value in enumerate(self.values):
            if value is None:
                started = False
                continue
            point = QPointF(plot.left() + (i + 0.5) * step, y_of(value))
            points.append(point)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        painter.drawPath(path)
        painter.setBrush(WARM)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = min(3.0, max(1.5, step / 3))
        for point in points:
            painter.drawEllipse(point, radius, radius)

    # ------------------------------------------------------------------ pointing
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x())
        if 0 <= index < len(self.labels):
            QToolTip.showText(event.globalPosition().toPoint(), self.labels[index], self)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.sig_clicked.emit(index)
        super().mouseReleaseEvent(event)
