"""Graphics items: devices with their jacks, cables and notes.

Items only draw. They hold ids and visual state and never change the plan;
gestures hand finished edits to the document. One item per device (jacks are
drawn and hit-tested by the device) keeps big plans cheap to build and paint.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from fxdesigner.model.plan import Device, Link, Note
from fxdesigner.model.text import one_line
from fxdesigner.ui.canvas import style

DEVICE_TYPE = QGraphicsItem.UserType + 1
LINK_TYPE = QGraphicsItem.UserType + 2
NOTE_TYPE = QGraphicsItem.UserType + 3

# Level-of-detail thresholds (scale at which a detail is still worth drawing).
LOD_OUTLINE = 0.28
LOD_ICON = 0.32
LOD_TEXT = 0.45
LOD_JACK_LABELS = 0.7


# Computed once: combining Qt enum flags in Python costs more than the item itself.
MOVABLE_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
SELECTABLE_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def place_exactly(item: QGraphicsItem, x: float, y: float) -> None:
    """Put an item at exactly (x, y). QGraphicsItem.setPos ignores a move that QPointF's fuzzy
    == calls no move, so an item dragged to 640.0000000000001 would never come back to 640.0
    and the picture would no longer say exactly what the plan says."""
    item.setPos(x, y)
    pos = item.pos()
    if pos.x() != x or pos.y() != y:  # Qt called it no move: step away and back
        item.setPos(x + 1.0, y)
        item.setPos(x, y)


def _lod(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class DeviceItem(QGraphicsItem):
    # Visual state lives in class-level defaults that instances override when they
    # change: a scene of thousands of devices is built without setting each one.
    # Never mutate these in place; assign new values.
    severity: str | None = None
    finding_count = 0
    jack_severity: dict[str, str] = {}
    hover_jack: str | None = None
    current_jack: str | None = None
    #: (port id, colour) while a cable is dragged over this device.
    verdict: tuple[str, QColor] | None = None
    down = False
    #: "keeps" / "loses" service in a scenario view, else None.
    service: str | None = None
    trace_jacks: frozenset[str] = frozenset()
    #: Closed lifeline relays to draw, as (fxs port, fxo port) pairs (power-cut view).
    relays: tuple[tuple[str, str], ...] = ()

    def __init__(self, device: Device) -> None:
        super().__init__()
        self.device_id = device.id
        # No ItemSendsGeometryChanges: a Python itemChange runs for every change of
        # every item (8 calls per item while a scene is built). The scene snaps and
        # re-routes cables itself while items are dragged.
        self.setFlags(MOVABLE_FLAGS)
        self.setAcceptHoverEvents(True)
        self.refresh(device)

    def type(self) -> int:
        return DEVICE_TYPE

    def refresh(self, device: Device) -> None:
        """Re-read what is drawn from the model (after an edit touched it)."""
        if self.scene() is not None:
            self.prepareGeometryChange()
        self.device_type = device.type
        self.geometry = style.device_geometry(device)
        self._device = device
        self._texts: tuple[str, str, dict[str, str], dict[str, str]] | None = None
        self._bounds = self.geometry.bounds
        place_exactly(self, device.x, device.y)
        self.update()

    def texts(self) -> tuple[str, str, dict[str, str], dict[str, str]]:
        """(label, caption, jack labels, jack kinds), worked out on first paint."""
        if self._texts is None:
            device = self._device
            self._texts = (
                one_line(device.name, 80),
                one_line(device.model or style.type_caption(device.type), 60),
                {p.id: one_line(p.name, 12) for p in device.ports},
                {p.id: p.kind for p in device.ports},
            )
        return self._texts

    @property
    def label(self) -> str:
        return self.texts()[0]

    # --- geometry -------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.geometry.body, 8, 8)
        path.addRect(self.geometry.label)
        return path

    def jack_scene_pos(self, port_id: str) -> QPointF:
        # Items are never rotated or scaled, so scene position is pos + local point.
        centre = self.geometry.jack_center(port_id)
        return self.pos() + (centre if centre is not None else self.geometry.body.center())

    def jack_at(self, pos: QPointF, slop: float = 4.0) -> str | None:
        """The jack under a point in item coordinates."""
        reach = style.JACK / 2.0 + slop
        for port_id, centre in self.geometry.jacks:
            if abs(pos.x() - centre.x()) <= reach and abs(pos.y() - centre.y()) <= reach:
                return port_id
        return None

    # --- hover ------------------------------------------------------------------------

    def hoverMoveEvent(self, event: Any) -> None:
        jack = self.jack_at(event.pos())
        if jack != self.hover_jack:
            self.hover_jack = jack
            self.setCursor(Qt.CursorShape.CrossCursor if jack else Qt.CursorShape.ArrowCursor)
            self.update()
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        if self.hover_jack is not None:
            self.hover_jack = None
            self.unsetCursor()
            self.update()
        super().hoverLeaveEvent(event)

    # --- painting --------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = _lod(painter)
        body = self.geometry.body
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        border = self._border_color(selected)
        fill = style.DOWN_FILL if self.down else style.BODY
        if lod < LOD_OUTLINE:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillRect(body, border if (selected or self.severity) else style.BODY_BORDER)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(border, 2.4 if (selected or self.severity) else 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(body, 8, 8)
        if self.service:
            self._paint_service_ring(painter)
        if lod >= LOD_ICON:
            self._paint_icon(painter, lod)
        if self.relays:
            self._paint_relays(painter)
        self._paint_jacks(painter, lod)
        if lod >= LOD_TEXT:
            self._paint_label(painter)
        if self.finding_count and self.severity:
            self._paint_badge(painter)
        if self.down and self.service == "loses":
            self._paint_cross(painter)

    def _border_color(self, selected: bool) -> QColor:
        if selected:
            return style.SELECTED
        if self.severity == "error":
            return style.ERROR
        if self.severity == "warning":
            return style.WARNING
        return style.BODY_BORDER

    def _paint_icon(self, painter: QPainter, lod: float) -> None:
        target = QRectF(12.0, 8.0, style.ICON, style.ICON)
        if self.down:
            painter.setOpacity(0.45)
        scene = self.scene()
        if scene is not None and getattr(scene, "vector_icons", False):
            # SVG and PDF exports stay vector: draw the icon itself, not a pixmap of it.
            style.render_icon(painter, self.device_type, target)
        else:
            scale = painter.worldTransform().m11()
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            pixels = max(8, min(512, int(round(style.ICON * scale * ratio / 4.0) * 4)))
            painter.drawPixmap(target, style.icon_pixmap(self.device_type, pixels), QRectF(0, 0, pixels, pixels))
        painter.setOpacity(1.0)
        if lod < LOD_TEXT:
            return
        painter.setPen(style.TEXT_MUTED)
        painter.setFont(style.font(7.0))
        text_rect = QRectF(58.0, 10.0, self.geometry.body.width() - 64.0, 36.0)
        caption = self.texts()[1]
        fm = style.metrics(7.0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(caption, Qt.TextElideMode.ElideRight, text_rect.width()))

    def _paint_jacks(self, painter: QPainter, lod: float) -> None:
        show_labels = lod >= LOD_JACK_LABELS
        _label, _caption, jack_labels, kinds = self.texts()
        for port_id, centre in self.geometry.jacks:
            ring = None
            if self.verdict and self.verdict[0] == port_id:
                ring = self.verdict[1]
            elif port_id in self.trace_jacks:
                ring = style.TRACE
            elif port_id == self.current_jack:
                ring = style.SELECTED
            elif port_id in self.jack_severity:
                ring = style.SEVERITY_COLOR.get(self.jack_severity[port_id])
            elif port_id == self.hover_jack:
                ring = style.HOVER
            style.paint_jack(painter, kinds[port_id], centre, ring=ring, letters=lod >= LOD_TEXT)
            if show_labels:
                painter.setPen(style.TEXT_MUTED)
                painter.setFont(style.font(6.0))
                label_rect = QRectF(centre.x() - style.JACK_PITCH / 2, centre.y() - 26.0, style.JACK_PITCH, 12.0)
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter,
                                 style.metrics(6.0).elidedText(jack_labels[port_id], Qt.TextElideMode.ElideRight,
                                                               style.JACK_PITCH - 1))

    def _paint_label(self, painter: QPainter) -> None:
        rect = self.geometry.label
        painter.setFont(style.font(8.5, True))
        metrics = style.metrics(8.5, True)
        text = metrics.elidedText(self.texts()[0], Qt.TextElideMode.ElideRight, rect.width())
        # A halo in the canvas colour keeps the name readable where a cable runs behind it.
        width = metrics.horizontalAdvance(text) + 8
        halo = QRectF(rect.center().x() - width / 2, rect.top(), width, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.LABEL_HALO)
        painter.drawRoundedRect(halo, 3, 3)
        painter.setPen(style.TEXT_MUTED if self.down else style.TEXT)
        # drawText with a plain string: never interpreted as markup.
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_badge(self, painter: QPainter) -> None:
        color = style.SEVERITY_COLOR.get(self.severity or "", style.INFO)
        centre = QPointF(self.geometry.body.right() - 2.0, self.geometry.body.top() + 2.0)
        text = str(self.finding_count) if self.finding_count < 100 else "99+"
        radius = 9.0 if len(text) < 2 else 11.0
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(color)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QColor("#ffffff") if self.severity != "warning" else style.TEXT)
        painter.setFont(style.font(7.0, True))
        painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, radius * 2, radius * 2),
                         Qt.AlignmentFlag.AlignCenter, text)

    def _paint_relays(self, painter: QPainter) -> None:
        """A closed power-fail relay: an arc joining the FXS jack to its FXO jack."""
        pen = QPen(style.GOOD, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for fxs, fxo in self.relays:
            a, b = self.geometry.jack_center(fxs), self.geometry.jack_center(fxo)
            if a is None or b is None:
                continue
            top = min(a.y(), b.y()) - style.JACK / 2 - 10
            path = QPainterPath(QPointF(a.x(), a.y() - style.JACK / 2))
            path.cubicTo(QPointF(a.x(), top), QPointF(b.x(), top), QPointF(b.x(), b.y() - style.JACK / 2))
            painter.drawPath(path)
            mid = QPointF((a.x() + b.x()) / 2, top + 4)
            painter.setBrush(style.GOOD)
            painter.drawEllipse(mid, 3.0, 3.0)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_service_ring(self, painter: QPainter) -> None:
        color = style.GOOD if self.service == "keeps" else style.ERROR
        painter.setPen(QPen(color, 3.0, Qt.PenStyle.SolidLine if self.service == "keeps" else Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.geometry.body.adjusted(-5, -5, 5, 5), 11, 11)

    def _paint_cross(self, painter: QPainter) -> None:
        body = self.geometry.body.adjusted(10, 10, -10, -10)
        painter.setPen(QPen(style.ERROR, 3.0))
        painter.drawLine(body.topLeft(), body.bottomRight())
        painter.drawLine(body.topRight(), body.bottomLeft())


# --- cables ------------------------------------------------------------------------------

STUB = 14.0


LANE = 5.0


def cable_path(start: QPointF, end: QPointF, orthogonal: bool = True, lane: int = 0) -> QPainterPath:
    """A clean run between two jacks: down out of each jack, then across.

    lane staggers the horizontal run so cables leaving neighbouring jacks do not
    lie on top of each other.
    """
    path = QPainterPath(start)
    if not orthogonal:
        path.lineTo(end)
        return path
    low = max(start.y(), end.y()) + STUB + LANE * lane
    if abs(start.x() - end.x()) < 0.5:
        path.lineTo(end)
        return path
    path.lineTo(start.x(), low)
    path.lineTo(end.x(), low)
    path.lineTo(end)
    return path


class LinkItem(QGraphicsItem):
    # Class-level defaults, overridden per instance when they change (see DeviceItem).
    severity: str | None = None
    traced = False
    orthogonal = True
    lane = 0
    tag = ""
    _shape: QPainterPath | None = None

    def __init__(self, link: Link, ethernet: bool) -> None:
        super().__init__()
        self.link_id = link.id
        self.ends = (link.a, link.b)
        self.ethernet = ethernet
        label = link.properties.get("label")
        if label:
            self.tag = one_line(str(label), 30)
        self._path = QPainterPath()
        self._bounds = QRectF()
        self.setFlags(SELECTABLE_FLAGS)
        self.setZValue(-1.0)

    def type(self) -> int:
        return LINK_TYPE

    def set_link(self, link: Link, ethernet: bool) -> None:
        self.ends = (link.a, link.b)
        self.ethernet = ethernet
        self.tag = one_line(str(link.properties.get("label") or ""), 30)

    def route(self, start: QPointF, end: QPointF) -> None:
        if self.scene() is not None:
            self.prepareGeometryChange()
        self._path = cable_path(start, end, self.orthogonal, self.lane)
        self._shape = None  # made on the first hit test: most cables are never clicked
        self._bounds = self._path.boundingRect().adjusted(-8, -8, 8, 8)
        self.update()

    def endpoints(self) -> tuple[QPointF, QPointF]:
        count = self._path.elementCount()
        if count == 0:
            return QPointF(), QPointF()
        first, last = self._path.elementAt(0), self._path.elementAt(count - 1)
        return QPointF(first.x, first.y), QPointF(last.x, last.y)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = _lod(painter)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        color = style.CABLE_ETHERNET if self.ethernet else style.CABLE_ANALOG
        width = 2.0
        if self.severity in style.SEVERITY_COLOR:
            color = style.SEVERITY_COLOR[self.severity]
            width = 3.0
        if lod < LOD_OUTLINE:
            # Zoomed far out a cable is a hairline: no antialiasing, no joins.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(color, 0))
            painter.drawPath(self._path)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.traced:
            painter.setPen(QPen(QColor(0, 200, 83, 110), 9.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(self._path)
        if selected:
            painter.setPen(QPen(QColor(30, 136, 229, 90), 8.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(self._path)
        pen = QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if selected and lod >= LOD_ICON:
            start, end = self.endpoints()
            painter.setPen(QPen(style.SELECTED, 1.5))
            painter.setBrush(QBrush(QColor("#ffffff")))
            for point in (start, end):
                painter.drawEllipse(point, 5.0, 5.0)
        if self.tag and lod >= LOD_JACK_LABELS:
            self._paint_tag(painter)

    def _paint_tag(self, painter: QPainter) -> None:
        count = self._path.elementCount()
        if count < 2:
            return
        a, b = self._path.elementAt(count // 2 - 1), self._path.elementAt(count // 2)
        mid = QPointF((a.x + b.x) / 2, (a.y + b.y) / 2)
        fm = style.metrics(6.5)
        width = fm.horizontalAdvance(self.tag) + 8
        rect = QRectF(mid.x() - width / 2, mid.y() - 7, width, 14)
        painter.setPen(QPen(style.BODY_BORDER, 0.8))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(style.TEXT)
        painter.setFont(style.font(6.5))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tag)

    def end_near(self, scene_pos: QPointF, radius: float = 8.0) -> int | None:
        """0 or 1 when scene_pos is on the a or b end handle of this cable."""
        start, end = self.endpoints()
        for index, point in enumerate((start, end)):
            if math.hypot(point.x() - scene_pos.x(), point.y() - scene_pos.y()) <= radius:
                return index
        return None


# --- notes -------------------------------------------------------------------------------------

NOTE_WIDTH = 200.0


class NoteItem(QGraphicsItem):
    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note_id = note.id
        self.setFlags(MOVABLE_FLAGS)
        self.refresh(note)

    def type(self) -> int:
        return NOTE_TYPE

    def refresh(self, note: Note) -> None:
        self.prepareGeometryChange()
        # Notes are plain text: control characters other than newlines are dropped for display.
        lines = [one_line(line, 2000) for line in note.text.splitlines()[:40]] or [""]
        self.text = "\n".join(lines)
        fm = style.metrics(8.0)
        flags = int(Qt.TextFlag.TextWordWrap)
        text_rect = fm.boundingRect(QRectF(0, 0, NOTE_WIDTH - 16, 10000), flags, self.text)
        self._rect = QRectF(0, 0, NOTE_WIDTH, max(32.0, text_rect.height() + 16))
        place_exactly(self, note.x, note.y)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(style.SELECTED if selected else style.NOTE_BORDER, 2.0 if selected else 1.0))
        painter.setBrush(style.NOTE_FILL)
        painter.drawRoundedRect(self._rect, 4, 4)
        if _lod(painter) < LOD_TEXT:
            return
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(self._rect.adjusted(8, 8, -8, -8), int(Qt.TextFlag.TextWordWrap), self.text)
