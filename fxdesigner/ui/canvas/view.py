"""The canvas view: zoom, pan, drops from the palette, and the cable gestures."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from fxdesigner.model.plan import PortRef
from fxdesigner.ui.canvas.interactions import CableDrag, Gesture, MoveGesture, PanGesture, RubberBandGesture
from fxdesigner.ui.canvas.items import DeviceItem, NoteItem
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.document import Document

#: Drag payload of a palette entry: the catalogue entry id, UTF-8.
ENTRY_MIME = "application/x-fxdesigner-catalogue-entry"
MIN_ZOOM = 0.02
MAX_ZOOM = 8.0


class PlanView(QGraphicsView):
    #: A plain-text message for the status bar.
    status_message = Signal(str)
    #: A jack was clicked (selected), or None.
    jack_clicked = Signal(object)
    #: The zoom factor changed.
    zoom_changed = Signal(float)
    #: Files were dropped on the canvas.
    files_dropped = Signal(list)
    #: A device or note asked to be renamed in place (double-click).
    rename_requested = Signal(object)

    def __init__(self, document: Document, scene: PlanScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.document = document
        self.plan_scene = scene  # keep a Python reference: the view does not own the scene
        self.refuse_errors = False
        self._gesture: Gesture | None = None
        self.space_held = False
        # Nothing half done may outlive a change of the plan (see interactions.py).
        document.about_to_change.connect(self.cancel_gesture)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # The rubber band is a gesture of ours (RubberBandGesture), not Qt's drag mode.
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- zoom -----------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if current > 0:
            self.scale(factor / current, factor / current)
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom() * step)

    def fit_rect(self, rect: QRectF) -> None:
        if rect.isEmpty():
            rect = QRectF(-200, -150, 400, 300)
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.set_zoom(1.5)
        elif self.zoom() < MIN_ZOOM:
            self.set_zoom(MIN_ZOOM)
        self.zoom_changed.emit(self.zoom())

    def fit_all(self) -> None:
        self.fit_rect(self.plan_scene.content_rect())

    def zoom_to_selection(self) -> None:
        rect = QRectF()
        for item in self.plan_scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        if not rect.isEmpty():
            self.fit_rect(rect)

    def view_centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(1.15 ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    # --- palette and file drops --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        _accept_palette_or_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        _accept_palette_or_files(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(ENTRY_MIME):
            entry_id = bytes(mime.data(ENTRY_MIME)).decode("utf-8", "replace")
            point = self.plan_scene.snap_point(self.mapToScene(event.position().toPoint()))
            device_id = self.document.place(entry_id, point.x(), point.y())
            if device_id:
                self.plan_scene.select(devices=[device_id])
            event.acceptProposedAction()
        elif mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                self.files_dropped.emit(paths)
            event.acceptProposedAction()
        else:
            event.ignore()

    # --- mouse: each press picks a gesture, and the gesture gets the moves and the release ---

    def active_gesture(self) -> Gesture | None:
        return self._gesture

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._gesture is not None:
            # A second button pressed mid-gesture: the gesture already has the mouse.
            event.accept()
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self.space_held):
            self._gesture = PanGesture(self, event.position().toPoint())
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton:
            end = self.plan_scene.cable_end_at(scene_pos)
            if end is not None:
                link_item, index = end
                link = self.document.plan.link(link_item.link_id)
                fixed = link.b if index == 0 else link.a
                self._gesture = CableDrag(self, fixed, scene_pos, replacing=link.id,
                                          moving_end=0 if index == 0 else 1)
                event.accept()
                return
            hit = self.plan_scene.jack_at(scene_pos)
            if hit is not None:
                item, port_id = hit
                self._gesture = CableDrag(self, PortRef(item.device_id, port_id), scene_pos)
                event.accept()
                return
        super().mousePressEvent(event)
        if button != Qt.MouseButton.LeftButton:
            return
        grabber = self.plan_scene.mouseGrabberItem()
        if isinstance(grabber, (DeviceItem, NoteItem)):
            self._gesture = MoveGesture(self)
        elif grabber is None and not self.plan_scene.items(scene_pos):
            adding = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._gesture = RubberBandGesture(self, event.position().toPoint(), adding)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        gesture = self._gesture
        if isinstance(gesture, PanGesture):
            gesture.pan_to(event.position().toPoint())
        elif isinstance(gesture, RubberBandGesture):
            gesture.stretch_to(event.position().toPoint())
        elif isinstance(gesture, MoveGesture):
            super().mouseMoveEvent(event)  # Qt moves the selected items
            if self.plan_scene.mouseGrabberItem() is not None:
                movable = [i for i in self.plan_scene.selectedItems() if isinstance(i, (DeviceItem, NoteItem))]
                self.plan_scene.drag_step(movable)
                gesture.moved.update(movable)
            return
        elif gesture is not None:
            gesture.move(self.mapToScene(event.position().toPoint()), event.globalPosition())
        else:
            super().mouseMoveEvent(event)
            return
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture = self._gesture
        if gesture is None:
            super().mouseReleaseEvent(event)
            return
        if isinstance(gesture, PanGesture):
            if event.button() not in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
                return
        elif event.button() != Qt.MouseButton.LeftButton:
            return
        # Forget the gesture before it finishes: the edit it pushes must not cancel it.
        self._gesture = None
        if isinstance(gesture, MoveGesture):
            super().mouseReleaseEvent(event)  # Qt ends its drag
        gesture.release(self.mapToScene(event.position().toPoint()))
        event.accept()

    def click_jack(self, ref: PortRef) -> None:
        """A jack was clicked (pressed and released without dragging)."""
        if ref.device not in self.plan_scene.devices:
            return
        self.plan_scene.select(devices=[ref.device])
        self.plan_scene.set_current_jack(ref)
        self.jack_clicked.emit(ref)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        scene_pos = self.mapToScene(event.position().toPoint())
        for item in self.plan_scene.items(scene_pos):
            if isinstance(item, (DeviceItem, NoteItem)):
                self.rename_requested.emit(item)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)
        # Qt takes a double click as a press: an item it grabs is dragged like any other.
        if (self._gesture is None and event.button() == Qt.MouseButton.LeftButton
                and isinstance(self.plan_scene.mouseGrabberItem(), (DeviceItem, NoteItem))):
            self._gesture = MoveGesture(self)

    # --- keys ----------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._gesture is not None:
            cable = isinstance(self._gesture, CableDrag)
            self.cancel_gesture()
            if cable:
                self.status_message.emit("Cable cancelled")
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = True
            if self._gesture is None:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            if isinstance(self._gesture, PanGesture):
                self.cancel_gesture()
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def cancel_gesture(self) -> bool:
        """Stop the gesture under way, leaving the scene as the plan says; False if there was none."""
        gesture, self._gesture = self._gesture, None
        if gesture is None:
            return False
        gesture.cancel()
        return True


def _accept_palette_or_files(event: QDragMoveEvent) -> None:
    """Take drags of palette entries and of files; refuse anything else."""
    mime = event.mimeData()
    if mime.hasFormat(ENTRY_MIME) or mime.hasUrls():
        event.acceptProposedAction()
    else:
        event.ignore()
