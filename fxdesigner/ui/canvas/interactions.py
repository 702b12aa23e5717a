"""Gestures on the canvas: a cable drag, a cable-end drag, a device or note move, a pan.

Each is an object with move, release and cancel. The view starts one on a mouse
press and forwards the moves and the release to it; when it finishes it hands one
edit to the document, and none of them changes the plan itself. Whatever changes
the plan while a gesture is under way (an undo, a paste, a new plan) cancels the
gesture first (Document.about_to_change), so nothing of it outlives the items it
was dragging.

While a cable is dragged, the jack under the cursor shows the rules engine's
live verdict: green fits, amber would raise a warning, red an error, with the
rule's title as the tooltip.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Protocol

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt, SignalInstance
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QRubberBand, QScrollBar, QToolTip, QWidget

from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.engine import VerdictItem
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.items import DeviceItem, NoteItem, cable_path
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.document import Document
from fxdesigner.ui.text import plain_tooltip


class CanvasView(Protocol):
    """What gestures use of the view (PlanView), declared here so that the view can import
    its gestures without the gestures importing the view."""

    document: Document
    plan_scene: PlanScene
    refuse_errors: bool
    space_held: bool
    status_message: SignalInstance

    def zoom(self) -> float: ...

    def viewport(self) -> QWidget: ...

    def horizontalScrollBar(self) -> QScrollBar: ...

    def verticalScrollBar(self) -> QScrollBar: ...

    def click_jack(self, ref: PortRef) -> None: ...

    def mapToScene(self, rect: QRect) -> QPolygonF: ...

    def viewportTransform(self) -> QTransform: ...

#: How far the mouse must travel before a press on a jack becomes a cable drag.
DRAG_START = 5.0


def verdict_color(items: list[VerdictItem]) -> QColor:
    severities = {item.severity for item in items}
    if "error" in severities:
        return style.ERROR
    if "warning" in severities:
        return style.WARNING
    return style.GOOD


def verdict_words(items: list[VerdictItem]) -> str:
    if not items:
        return "Fits: no new problem."
    lines = []
    for item in items[:4]:
        code = f"{item.code} " if item.code else ""
        lines.append(f"{item.severity.capitalize()} {code}{item.title}")
    if len(items) > 4:
        lines.append(f"... and {len(items) - 4} more")
    return "\n".join(lines)


class Gesture(ABC):
    """One press-drag-release on the canvas. The view forwards events; cancel undoes what it drew."""

    @abstractmethod
    def move(self, scene_pos: QPointF, global_pos: QPointF | None = None) -> None: ...

    @abstractmethod
    def release(self, scene_pos: QPointF) -> bool:
        """Finish; True if an edit was pushed."""

    @abstractmethod
    def cancel(self) -> None:
        """Stop, leaving the scene as the plan says."""

    def scene_items(self) -> tuple[QGraphicsItem, ...]:
        """Items the gesture itself put in the scene (a rubber line), while it runs."""
        return ()


class CableDrag(Gesture):
    """Drag from a jack (a new cable) or a selected cable's end (reconnect it)."""

    def __init__(self, view: CanvasView, fixed: PortRef, press: QPointF, replacing: str | None = None,
                 moving_end: int = 1) -> None:
        self.view = view
        self.document = view.document
        self.fixed = fixed
        self.press = press
        self.replacing = replacing
        self.moving_end = moving_end
        self.started = replacing is not None
        self.target: PortRef | None = None
        self.verdict: list[VerdictItem] = []
        self._cache: dict[PortRef, list[VerdictItem]] = {}
        self._rubber: QGraphicsPathItem | None = None
        if self.started:
            self._begin()

    def _begin(self) -> None:
        self.started = True
        self._rubber = QGraphicsPathItem()
        pen = QPen(style.SELECTED, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
        self._rubber.setPen(pen)
        self._rubber.setZValue(10.0)
        self.view.plan_scene.addItem(self._rubber)
        if self.replacing and self.replacing in self.view.plan_scene.links:
            self.view.plan_scene.links[self.replacing].setOpacity(0.25)

    def move(self, scene_pos: QPointF, global_pos: QPointF | None = None) -> None:
        if not self.started:
            if (scene_pos - self.press).manhattanLength() < DRAG_START / max(self.view.zoom(), 0.1):
                return
            self._begin()
        scene = self.view.plan_scene
        start = scene.devices[self.fixed.device].jack_scene_pos(self.fixed.port)
        hit = scene.jack_at(scene_pos)
        target = PortRef(hit[0].device_id, hit[1]) if hit else None
        if target == self.fixed:
            target = None
        end = scene.devices[target.device].jack_scene_pos(target.port) if target else scene_pos
        assert self._rubber is not None
        self._rubber.setPath(cable_path(start, end, scene.orthogonal) if target else _straight(start, end))
        if target != self.target:
            self.target = target
            if target is None:
                self.verdict = []
                scene.set_verdict(None, None)
                QToolTip.hideText()
            else:
                self.verdict = self._judge(target)
                color = verdict_color(self.verdict)
                scene.set_verdict(target, color)
                self._rubber.setPen(QPen(color, 2.4, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
                if global_pos is not None:
                    QToolTip.showText(global_pos.toPoint(), plain_tooltip(verdict_words(self.verdict)), self.view)
        if target is None:
            self._rubber.setPen(QPen(style.SELECTED, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))

    def _judge(self, target: PortRef) -> list[VerdictItem]:
        if target not in self._cache:
            a, b = (self.fixed, target) if self.moving_end == 1 else (target, self.fixed)
            self._cache[target] = self.document.verdict(a, b, replacing=self.replacing)
        return self._cache[target]

    def scene_items(self) -> tuple[QGraphicsItem, ...]:
        return (self._rubber,) if self._rubber is not None else ()

    def release(self, scene_pos: QPointF) -> bool:
        if not self.started:
            # A click on a jack, not a drag: the jack becomes the current subject.
            self.finish()
            self.view.click_jack(self.fixed)
            return False
        self.move(scene_pos)
        target = self.target
        verdict = self.verdict
        self.finish()
        if target is None:
            return False
        errors = [v for v in verdict if v.severity == "error"]
        if errors and self.view.refuse_errors:
            self.view.status_message.emit(f"Refused: {errors[0].title}. {errors[0].message}".strip())
            return False
        if self.replacing:
            a, b = (self.fixed, target) if self.moving_end == 1 else (target, self.fixed)
            return self.document.push(e.Reconnect(self.replacing, a, b))
        return self.document.connect_jacks(self.fixed, target) is not None

    def cancel(self) -> None:
        self.finish()

    def finish(self) -> None:
        scene = self.view.plan_scene
        scene.set_verdict(None, None)
        QToolTip.hideText()
        if self._rubber is not None:
            scene.removeItem(self._rubber)
            self._rubber = None
        if self.replacing and self.replacing in scene.links:
            scene.links[self.replacing].setOpacity(1.0)


class MoveGesture(Gesture):
    """Devices and notes dragged with the mouse. Qt moves the selected items; the scene
    snaps them and reports each item it moved here, and the release hands the document
    one MoveItems edit for every item that ended up somewhere else."""

    def __init__(self, view: CanvasView) -> None:
        self.view = view
        self.moved: set[DeviceItem | NoteItem] = set()

    def move(self, scene_pos: QPointF, global_pos: QPointF | None = None) -> None:
        """Qt's own item dragging does the moving (the view passes the event on)."""

    def release(self, scene_pos: QPointF) -> bool:
        scene = self.view.plan_scene
        plan = scene.plan
        devices: dict[str, tuple[float, float]] = {}
        notes: dict[str, tuple[float, float]] = {}
        for item in self.moved:
            pos = (item.pos().x(), item.pos().y())
            if isinstance(item, DeviceItem):
                if scene.devices.get(item.device_id) is item:
                    device = plan.device(item.device_id)
                    if pos != (device.x, device.y):
                        devices[item.device_id] = pos
            elif scene.notes.get(item.note_id) is item:
                note = plan.note(item.note_id)
                if pos != (note.x, note.y):
                    notes[item.note_id] = pos
        self.moved = set()
        if devices or notes:
            scene.items_moved.emit(devices, notes)
            return True
        return False

    def cancel(self) -> None:
        """Put every moved item back where the plan has it, and stop Qt's drag."""
        scene = self.view.plan_scene
        grabber = scene.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()
        for item in self.moved:
            scene.put_back(item)
        self.moved = set()


class RubberBandGesture(Gesture):
    """Drag on empty canvas: select what the rectangle touches (with Ctrl, add to the selection)."""

    def __init__(self, view: CanvasView, at: QPoint, adding: bool) -> None:
        self.view = view
        self.origin = at
        self.keep = list(view.plan_scene.selectedItems()) if adding else []
        self.band = QRubberBand(QRubberBand.Shape.Rectangle, view.viewport())
        self.band.setGeometry(QRect(at, QSize()))
        self.band.show()

    def move(self, scene_pos: QPointF, global_pos: QPointF | None = None) -> None:
        """The band works in viewport pixels: the view calls stretch_to instead."""

    def stretch_to(self, at: QPoint) -> None:
        view = self.view
        rect = QRect(self.origin, at).normalized()
        self.band.setGeometry(rect)
        area = QPainterPath()
        area.addPolygon(view.mapToScene(rect))
        scene = view.plan_scene
        scene.setSelectionArea(area, Qt.ItemSelectionOperation.ReplaceSelection,
                               Qt.ItemSelectionMode.IntersectsItemShape, view.viewportTransform())
        for item in self.keep:
            if item.scene() is scene:
                item.setSelected(True)

    def release(self, scene_pos: QPointF) -> bool:
        self.cancel()
        return False

    def cancel(self) -> None:
        self.band.hide()
        self.band.deleteLater()


class PanGesture(Gesture):
    """Drag the canvas with the middle button, or the left button while Space is held."""

    def __init__(self, view: CanvasView, at: QPoint) -> None:
        self.view = view
        self.last = at
        view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, scene_pos: QPointF, global_pos: QPointF | None = None) -> None:
        """Panning works in viewport pixels: the view calls pan_to instead."""

    def pan_to(self, at: QPoint) -> None:
        delta = at - self.last
        self.last = at
        view = self.view
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() - delta.x())
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() - delta.y())

    def release(self, scene_pos: QPointF) -> bool:
        self.cancel()
        return False

    def cancel(self) -> None:
        view = self.view
        view.viewport().setCursor(Qt.CursorShape.OpenHandCursor if view.space_held else Qt.CursorShape.ArrowCursor)


def _straight(start: QPointF, end: QPointF) -> QPainterPath:
    path = QPainterPath(start)
    path.lineTo(end)
    return path
