"""Gestures on the canvas. Each owns its press/move/release/cancel and, when it
finishes, hands one edit to the document; none of them changes the plan itself.

While a cable is dragged, the jack under the cursor shows the rules engine's
live verdict: green fits, amber would raise a warning, red an error, with the
rule's title as the tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QToolTip

from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.engine import VerdictItem
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.items import cable_path
from fxdesigner.ui.text import plain_tooltip

if TYPE_CHECKING:
    from fxdesigner.ui.canvas.view import PlanView

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


class CableDrag:
    """Drag from a jack (a new cable) or a selected cable's end (reconnect it)."""

    def __init__(self, view: PlanView, fixed: PortRef, press: QPointF, replacing: str | None = None,
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

    def release(self, scene_pos: QPointF) -> bool:
        """Finish; True if an edit was pushed."""
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


def _straight(start: QPointF, end: QPointF) -> QPainterPath:
    path = QPainterPath(start)
    path.lineTo(end)
    return path
