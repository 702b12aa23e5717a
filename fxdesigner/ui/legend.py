"""The legend of jack kinds and cable colours: shape, letter and colour, with what each means.

One legend for View → Legend, exported images and printed pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from fxdesigner.model.kinds import PORT_KINDS
from fxdesigner.ui.canvas import style

LEGEND_PAD: Final = 10.0
LEGEND_ROW: Final = 30.0
CABLE_ROW: Final = 20.0
BAND_ROW: Final = 24.0
CABLE_SAMPLES: Final = (
    (style.CABLE_ANALOG, 2.0, "Phone cord (RJ11)"),
    (style.CABLE_ETHERNET, 2.0, "Ethernet cable (RJ45)"),
    (style.ERROR, 3.0, "Cable with an error"),
    (style.WARNING, 3.0, "Cable with a warning"),
)


def _text_width(texts: Sequence[str]) -> float:
    fm = style.metrics(8.0)
    return max(fm.horizontalAdvance(text) for text in texts)


def _jack_titles(kinds: Sequence[str]) -> list[str]:
    return [style.jack_style(kind).title for kind in kinds]


def _band_columns() -> tuple[float, float, float]:
    half = len(PORT_KINDS) // 2
    return (
        42.0 + _text_width(_jack_titles(PORT_KINDS[:half])) + 16.0,
        42.0 + _text_width(_jack_titles(PORT_KINDS[half:])) + 16.0,
        42.0 + _text_width([text for _, _, text in CABLE_SAMPLES]) + 8.0,
    )


def legend_size(band: bool = False) -> tuple[float, float]:
    """The legend's size, measured from its text so that nothing is ever cut off.

    The legend is a column (jacks, then cables) or, on pages, a low band of three columns.
    """
    if band:
        return sum(_band_columns()), 22.0 + BAND_ROW * len(CABLE_SAMPLES)
    texts = _jack_titles(PORT_KINDS) + [text for _, _, text in CABLE_SAMPLES]
    width = 42.0 + _text_width(texts) + 8.0
    return width, 26.0 + LEGEND_ROW * len(PORT_KINDS) + 8.0 + 24.0 + CABLE_ROW * len(CABLE_SAMPLES)


def paint_legend(painter: QPainter, origin: QPointF, band: bool = False) -> QRectF:
    """Jack kinds (shape, letter, colour and meaning) and cable colours, as the canvas draws them.

    Measured from its text, so nothing is ever clipped; the View → Legend
    dialog, exports and printed pages all draw this one legend.
    """
    width, height = legend_size(band)
    x, y = origin.x(), origin.y()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if band:
        first, second, third = _band_columns()
        half = len(PORT_KINDS) // 2
        _heading(painter, QRectF(x + 8, y, first + second - 16, 20), "Jacks")
        _heading(painter, QRectF(x + first + second + 8, y, third - 16, 20), "Cables")
        _jack_rows(painter, QPointF(x, y + 22), first, PORT_KINDS[:half], BAND_ROW)
        _jack_rows(painter, QPointF(x + first, y + 22), second, PORT_KINDS[half:], BAND_ROW)
        _cable_rows(painter, QPointF(x + first + second, y + 22), third, BAND_ROW)
    else:
        _heading(painter, QRectF(x + 8, y + 4, width - 16, 20), "Jacks")
        bottom = _jack_rows(painter, QPointF(x, y + 26), width, PORT_KINDS, LEGEND_ROW)
        _heading(painter, QRectF(x + 8, bottom + 8, width - 16, 20), "Cables")
        _cable_rows(painter, QPointF(x, bottom + 32), width, CABLE_ROW)
    painter.restore()
    return QRectF(origin.x(), origin.y(), width, height)


def _heading(painter: QPainter, rect: QRectF, text: str) -> None:
    painter.setPen(style.TEXT)
    painter.setFont(style.font(9.0, True))
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def _jack_rows(painter: QPainter, at: QPointF, width: float, kinds: Sequence[str], row: float) -> float:
    y = at.y()
    for kind in kinds:
        style.paint_jack(painter, kind, QPointF(at.x() + 22, y + row / 2))
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(
            QRectF(at.x() + 42, y, width - 42, row),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            style.jack_style(kind).title,
        )
        y += row
    return y


def _cable_rows(painter: QPainter, at: QPointF, width: float, row: float) -> None:
    y = at.y()
    for color, pen_width, text in CABLE_SAMPLES:
        painter.setPen(QPen(color, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(at.x() + 10, y + row / 2), QPointF(at.x() + 34, y + row / 2))
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(
            QRectF(at.x() + 42, y, width - 42, row),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        y += row


def legend_box_size(scale: float = 1.0, band: bool = False) -> tuple[float, float]:
    width, height = legend_size(band)
    return ((width + 2 * LEGEND_PAD) * scale, (height + 2 * LEGEND_PAD) * scale)


def paint_legend_box(painter: QPainter, top_left: QPointF, scale: float = 1.0, band: bool = False) -> None:
    width, height = legend_box_size(1.0, band)
    painter.save()
    painter.translate(top_left)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(style.BODY_BORDER, 1.0))
    painter.setBrush(style.BODY)
    painter.drawRoundedRect(QRectF(0, 0, width, height), 4.0, 4.0)
    paint_legend(painter, QPointF(LEGEND_PAD, LEGEND_PAD), band)
    painter.restore()



class LegendWidget(QWidget):
    def sizeHint(self) -> QSize:
        width, height = legend_box_size()
        return QSize(int(width) + 1, int(height) + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), style.CANVAS)
        paint_legend_box(painter, QPointF(0, 0))
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
