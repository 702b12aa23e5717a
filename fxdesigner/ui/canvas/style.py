"""How the canvas looks: colours, jack glyphs, device icons, device geometry.

The canvas stays light whatever the system scheme, so plans print and export
well. Jack kinds are told apart by shape and letter as well as colour: a
colour-blind user, a grey-scale print and a projector all keep the meaning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtSvg import QSvgRenderer

from fxdesigner import assets
from fxdesigner.model.kinds import DIGITAL, ETHERNET, FXO, FXS, KNOWN_DEVICE_TYPES, PASSIVE, PSTN
from fxdesigner.model.plan import Device

# --- colours -----------------------------------------------------------------

CANVAS: Final = QColor("#fbfcfd")
GRID_MINOR: Final = QColor("#eef1f4")
GRID_MAJOR: Final = QColor("#e1e6eb")
BODY: Final = QColor("#ffffff")
BODY_BORDER: Final = QColor("#90a4ae")
TEXT: Final = QColor("#263238")
TEXT_MUTED: Final = QColor("#607d8b")
SELECTED: Final = QColor("#1e88e5")
HOVER: Final = QColor("#90caf9")
ERROR: Final = QColor("#d32f2f")
WARNING: Final = QColor("#f9a825")
INFO: Final = QColor("#1976d2")
GOOD: Final = QColor("#2e7d32")
DOWN_FILL: Final = QColor("#eceff1")
CABLE_ANALOG: Final = QColor("#455a64")
CABLE_ETHERNET: Final = QColor("#5c8fc7")
TRACE: Final = QColor("#00c853")
NOTE_FILL: Final = QColor("#fff8e1")
NOTE_BORDER: Final = QColor("#ffca28")
LABEL_HALO: Final = QColor(251, 252, 253, 225)

SEVERITY_COLOR: Final = {"error": ERROR, "warning": WARNING, "info": INFO}


@dataclass(frozen=True)
class JackStyle:
    kind: str
    letter: str
    color: QColor
    shape: str
    title: str


JACK_STYLES: Final = {
    FXS: JackStyle(FXS, "S", QColor("#2e7d32"), "circle", "FXS: supplies dial tone (Station side)"),
    FXO: JackStyle(FXO, "O", QColor("#d84315"), "square", "FXO: draws dial tone (Office side)"),
    PSTN: JackStyle(PSTN, "L", QColor("#8d6e63"), "hexagon", "Street line: the exchange end (behaves as FXS)"),
    ETHERNET: JackStyle(ETHERNET, "E", QColor("#1565c0"), "rj45", "Ethernet (RJ45): data, no analog voltages"),
    DIGITAL: JackStyle(DIGITAL, "D", QColor("#6a1b9a"), "diamond", "Digital station: proprietary signalling"),
    PASSIVE: JackStyle(PASSIVE, "P", QColor("#546e7a"), "triangle", "Passive: joined inside, passes the pair"),
}
UNKNOWN_JACK: Final = JackStyle("?", "?", QColor("#78909c"), "square", "Unknown jack kind")

# --- geometry ----------------------------------------------------------------------

JACK: Final = 20.0
JACK_PITCH: Final = 34.0
JACKS_PER_ROW: Final = 8
ICON: Final = 40.0
HEADER: Final = 54.0
ROW: Final = 40.0
MIN_WIDTH: Final = 124.0
LABEL_GAP: Final = 4.0
GRID: Final = 20.0


@dataclass(frozen=True)
class DeviceGeometry:
    body: QRectF
    jacks: tuple[tuple[str, QPointF], ...]  # port id -> centre, in item coordinates
    label: QRectF
    #: What the item paints: body, label, badge and rings.
    bounds: QRectF
    #: Port id -> (index in port order, centre).
    index: dict[str, tuple[int, QPointF]]

    def jack_center(self, port_id: str) -> QPointF | None:
        found = self.index.get(port_id)
        return found[1] if found else None

    def jack_index(self, port_id: str) -> int:
        found = self.index.get(port_id)
        return found[0] if found else 0


def device_geometry(device: Device) -> DeviceGeometry:
    return _geometry(tuple(p.id for p in device.ports))


@lru_cache(maxsize=4096)
def _geometry(port_ids: tuple[str, ...]) -> DeviceGeometry:
    """Geometry depends only on the jacks; most devices share a handful of layouts."""
    count = len(port_ids)
    cols = max(1, min(count, JACKS_PER_ROW))
    rows = max(1, math.ceil(count / JACKS_PER_ROW)) if count else 0
    width = max(MIN_WIDTH, cols * JACK_PITCH + 20.0)
    height = HEADER + rows * ROW + 6.0
    body = QRectF(0.0, 0.0, width, height)
    jacks = []
    for i, port_id in enumerate(port_ids):
        row, col = divmod(i, JACKS_PER_ROW)
        in_row = min(JACKS_PER_ROW, count - row * JACKS_PER_ROW)
        start = (width - in_row * JACK_PITCH) / 2.0 + JACK_PITCH / 2.0
        centre = QPointF(start + col * JACK_PITCH, HEADER + row * ROW + 26.0)
        jacks.append((port_id, centre))
    label = QRectF(-40.0, height + LABEL_GAP, width + 80.0, 18.0)
    index = {port_id: (i, centre) for i, (port_id, centre) in enumerate(jacks)}
    return DeviceGeometry(body, tuple(jacks), label, body.united(label).adjusted(-8, -12, 12, 8), index)


@cache
def type_caption(device_type: str) -> str:
    """A device type in words, from the catalogue's plain entry (\"Corded phone\")."""
    from fxdesigner.model.catalogue import default_catalogue

    entry = default_catalogue().generic(device_type)
    return entry.label if entry else device_type.replace("-", " ")


# --- fonts ------------------------------------------------------------------------------


@cache
def font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(["DejaVu Sans", "Noto Sans", "Sans Serif"])
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


@cache
def metrics(size: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(font(size, bold))


# --- jack glyphs --------------------------------------------------------------------------


def jack_style(kind: str) -> JackStyle:
    return JACK_STYLES.get(kind, UNKNOWN_JACK)


def jack_path(shape: str, centre: QPointF, size: float = JACK) -> QPainterPath:
    r = size / 2.0
    x, y = centre.x(), centre.y()
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(centre, r, r)
    elif shape == "square":
        path.addRoundedRect(QRectF(x - r, y - r, size, size), 3.0, 3.0)
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(x, y - r - 1), QPointF(x + r + 1, y), QPointF(x, y + r + 1),
                                   QPointF(x - r - 1, y)]))
        path.closeSubpath()
    elif shape == "hexagon":
        points = [QPointF(x + r * math.cos(math.radians(a)), y + r * math.sin(math.radians(a)))
                  for a in range(0, 360, 60)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(x - r - 1, y - r + 1), QPointF(x + r + 1, y - r + 1),
                                   QPointF(x, y + r + 1)]))
        path.closeSubpath()
    else:  # rj45: a jack body with a latch notch
        path.moveTo(x - r, y - r + 2)
        path.lineTo(x + r, y - r + 2)
        path.lineTo(x + r, y + r - 4)
        path.lineTo(x + r / 2.5, y + r - 4)
        path.lineTo(x + r / 2.5, y + r)
        path.lineTo(x - r / 2.5, y + r)
        path.lineTo(x - r / 2.5, y + r - 4)
        path.lineTo(x - r, y + r - 4)
        path.closeSubpath()
    return path


@lru_cache(maxsize=64)
def _jack_path_at_origin(shape: str, size: float) -> QPainterPath:
    return jack_path(shape, QPointF(0.0, 0.0), size)


@lru_cache(maxsize=32)
def _jack_pen_brush(kind: str) -> tuple[QPen, QBrush]:
    color = jack_style(kind).color
    return QPen(color.darker(125), 1.2), QBrush(color)


def paint_jack(painter: QPainter, kind: str, centre: QPointF, size: float = JACK,
               ring: QColor | None = None, letters: bool = True) -> None:
    # Paths, pens and brushes are cached: a plan paints thousands of jacks per frame.
    style = jack_style(kind)
    pen, brush = _jack_pen_brush(kind)
    x, y = centre.x(), centre.y()
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawPath(_jack_path_at_origin(style.shape, size).translated(x, y))
    if ring is not None:
        painter.setPen(QPen(ring, 2.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_jack_path_at_origin(style.shape, size + 7).translated(x, y))
    if letters:
        painter.setPen(_WHITE)
        painter.setFont(font(size * 0.42, True))
        offset = -2.0 if style.shape in ("rj45", "triangle") else 0.0
        painter.drawText(QRectF(x - size / 2, y - size / 2 + offset, size, size),
                         Qt.AlignmentFlag.AlignCenter, style.letter)


_WHITE: Final = QColor("#ffffff")


# --- device icons ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _renderer(name: str) -> QSvgRenderer:
    return QSvgRenderer(str(assets.resource_path("icons", "devices", f"{name}.svg")))


def icon_name(device_type: str) -> str:
    return device_type if device_type in KNOWN_DEVICE_TYPES else "generic"


@lru_cache(maxsize=512)
def icon_pixmap(device_type: str, pixels: int) -> QPixmap:
    """The device icon rendered at an exact pixel size, so it stays crisp at any zoom."""
    image = QImage(QSize(pixels, pixels), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(icon_name(device_type)).render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    return QPixmap.fromImage(image)


def render_icon(painter: QPainter, device_type: str, target: QRectF) -> None:
    """Draw an icon as vectors (exports, printing)."""
    _renderer(icon_name(device_type)).render(painter, target)


@lru_cache(maxsize=64)
def ui_icon_path(name: str) -> str:
    return str(assets.resource_path("icons", "ui", f"{name}.svg"))
