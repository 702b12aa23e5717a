"""The legend of jack kinds: shape, letter and colour, with what each means."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from fxdesigner.model.kinds import PORT_KINDS
from fxdesigner.ui.canvas import style

ROW_HEIGHT = 30.0


def legend_size() -> QSize:
    return QSize(380, int(ROW_HEIGHT * (len(PORT_KINDS) + 3) + 12))


def paint_legend(painter: QPainter, origin: QPointF, title: bool = True) -> QRectF:
    """Draw the legend with its top-left at origin; returns the rectangle it used."""
    x, y = origin.x(), origin.y()
    width = float(legend_size().width())
    if title:
        painter.setPen(style.TEXT)
        painter.setFont(style.font(9.0, True))
        painter.drawText(QRectF(x + 8, y + 4, width - 16, 20), Qt.AlignmentFlag.AlignLeft, "Jacks")
        y += 26
    for kind in PORT_KINDS:
        jack = style.jack_style(kind)
        style.paint_jack(painter, kind, QPointF(x + 22, y + ROW_HEIGHT / 2))
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(QRectF(x + 42, y, width - 50, ROW_HEIGHT),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, jack.title)
        y += ROW_HEIGHT
    y += 4
    for color, text in ((style.CABLE_ANALOG, "Phone cable (RJ11), or blue: Ethernet (RJ45)"),
                        (style.ERROR, "Red: an error; amber: a warning")):
        painter.setPen(QPen(color, 2.0))
        painter.drawLine(QPointF(x + 10, y + 10), QPointF(x + 34, y + 10))
        painter.setPen(style.TEXT)
        painter.drawText(QRectF(x + 42, y, width - 50, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text)
        y += 22
    return QRectF(origin.x(), origin.y(), width, y - origin.y())


class LegendWidget(QWidget):
    def sizeHint(self) -> QSize:
        return legend_size()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), style.CANVAS)
        paint_legend(painter, QPointF(0, 0))
        painter.end()


class LegendDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendDialog")
        self.setWindowTitle("Legend — FX Designer")
        layout = QVBoxLayout(self)
        layout.addWidget(LegendWidget(self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
