"""Mouse and drag gestures on the real canvas, in scene coordinates.

QTest.mouseMove sends no button state, so moves are sent as QMouseEvents with
the button held, the way a real drag arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton


def _send(view, kind, scene_point, button, buttons, modifiers=Qt.KeyboardModifier.NoModifier):
    local = QPointF(view.mapFromScene(QPointF(*scene_point)))
    global_pos = QPointF(view.viewport().mapToGlobal(local.toPoint()))
    event = QMouseEvent(kind, local, global_pos, button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def press(view, point, button=LEFT, modifiers=Qt.KeyboardModifier.NoModifier):
    _send(view, QEvent.Type.MouseButtonPress, point, button, button, modifiers)


def move(view, point, buttons=LEFT):
    _send(view, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, buttons)


def release(view, point, button=LEFT, modifiers=Qt.KeyboardModifier.NoModifier):
    _send(view, QEvent.Type.MouseButtonRelease, point, button, Qt.MouseButton.NoButton, modifiers)


def drag(view, start, end, steps=6, modifiers=Qt.KeyboardModifier.NoModifier):
    press(view, start, modifiers=modifiers)
    for i in range(1, steps + 1):
        t = i / steps
        move(view, (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t))
    release(view, end)


def double_click(view, point):
    _send(view, QEvent.Type.MouseButtonDblClick, point, LEFT, LEFT)
    release(view, point)


def jack_point(window, device_id, port_id):
    item = window.plan_scene.devices[device_id]
    p = item.jack_scene_pos(port_id)
    return (p.x(), p.y())


def device_point(window, device_id):
    """A point on the device body away from its jacks (for selecting and moving)."""
    item = window.plan_scene.devices[device_id]
    p = item.mapToScene(QPointF(item.geometry.body.width() / 2, 12))
    return (p.x(), p.y())


def drop_mime(view, mime: QMimeData, point) -> bool:
    """Replay a drag-and-drop onto the viewport (QDrag.exec cannot run offscreen)."""
    local = view.mapFromScene(QPointF(*point))
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(local, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    moving = QDragMoveEvent(local, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), moving)
    drop = QDropEvent(QPointF(local), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def wheel(view, steps: int, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    """Turn the mouse wheel over the view's centre by whole notches (120 units each)."""
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def cable_point(window, link_id):
    """A point on a cable, away from jacks, where the cable is the top item (a click there selects it)."""
    scene = window.plan_scene
    item = scene.links[link_id]
    shape = item.shape()
    bounds = shape.boundingRect()
    step = 3.0
    y = bounds.top()
    while y <= bounds.bottom():
        x = bounds.left()
        while x <= bounds.right():
            probe = QPointF(x, y)
            if (shape.contains(probe) and scene.itemAt(probe, window.view.transform()) is item
                    and scene.jack_at(probe) is None and scene.cable_end_at(probe) is None):
                return (x, y)
            x += step
        y += step
    raise AssertionError(f"no clickable point on cable {link_id}")


def click(view, point, modifiers=Qt.KeyboardModifier.NoModifier):
    """A real click (QTest's, so focus moves as on a desktop) at a scene point."""
    local = view.mapFromScene(QPointF(*point))
    QTest.mouseClick(view.viewport(), LEFT, modifiers, local)
