"""Trace a call: select a station, press T, and its path to the exit lights up hop by hop.

Each hop is labelled with the jack's role; when the path stops, the place and
the reason are shown on the canvas. The path comes from the same engine as
`fxdesigner trace`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.explain.subject import JackSubject
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.text import one_line
from fxdesigner.rules.paths import CallPath
from fxdesigner.rules.reach import SCENARIO_PHRASE
from fxdesigner.rules.trace import trace
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.style import ui_icon_path
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.text import plain_label, plain_tooltip

STEP_MS = 180


class Callout(QGraphicsItem):
    """A small plain-text label on the canvas (hop numbers, the stop reason)."""

    def __init__(self, text: str, color: QColor, bold: bool = False) -> None:
        super().__init__()
        self.text = one_line(text, 120)
        self.color = color
        self.bold = bold
        fm = style.metrics(7.5, bold)
        self._rect = QRectF(0, 0, fm.horizontalAdvance(self.text) + 12, fm.height() + 6)
        self.setZValue(20.0)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color, 1.2))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(self.color.darker(130))
        painter.setFont(style.font(7.5, self.bold))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class HopBadge(QGraphicsItem):
    """A numbered disc beside a jack on the call path; its tooltip is the jack's role."""

    RADIUS = 8.0

    def __init__(self, number: int, role: str) -> None:
        super().__init__()
        self.number = number
        self.role = role
        self.setZValue(21.0)
        self.setToolTip(plain_tooltip(f"{number}. {role}"))

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(style.TRACE.darker(140))
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(style.font(6.5, True))
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, str(self.number))


class RouteCard(QFrame):
    """The call path as a numbered list over the canvas's corner: each hop and its jack's role."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view.viewport())
        self.setObjectName("routeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#routeCard { background: rgba(255,255,255,235); border: 1px solid #90a4ae;"
                           " border-radius: 6px; } QLabel { color: #263238; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        head = QHBoxLayout()
        self.title = plain_label("", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button)
        layout.addLayout(head)
        self.body = plain_label("", self)
        self.body.setWordWrap(True)
        layout.addWidget(self.body)
        self.hide()

    WIDTH = 460

    def show_path(self, title: str, lines: list[str]) -> None:
        self.title.setText(title)
        self.body.setText("\n".join(lines))
        # A word-wrapped label reports no useful size hint: size the card from its text.
        inner = self.WIDTH - 22
        text_height = self.body.fontMetrics().boundingRect(
            0, 0, inner, 10000, int(Qt.TextFlag.TextWordWrap), self.body.text()).height()
        self.body.setFixedHeight(text_height + 4)
        self.setFixedWidth(self.WIDTH)
        self.setFixedHeight(text_height + self.title.sizeHint().height() + 30)
        self.move(12, 12)
        self.show()
        self.raise_()


class TraceView(QObject):
    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: CallPath | None = None
        self.callouts: list[QGraphicsItem] = []
        self.card = RouteCard(window.view)
        self.card.close_button.clicked.connect(self.clear)
        self._shown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._reveal_next)
        self.action = QAction(QIcon(ui_icon_path("trace")), "&Trace Call Path", window)
        self.action.setObjectName("trace")
        self.action.setShortcut(QKeySequence("T"))
        self.action.setToolTip("Trace the selected station's call to the street line or the internet (T)")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(self.trace_selection)
        self.clear_action = QAction("Clear Trace", window)
        self.clear_action.setObjectName("clear_trace")
        self.clear_action.triggered.connect(self.clear)
        window.document.changed.connect(lambda _touched: self.clear())
        window.document.replaced.connect(self.clear)
        # A new plan deletes every item of the scene, our badges too: forget them first.
        window.plan_scene.rebuilding.connect(self.clear)

    def station_in_selection(self) -> str | None:
        window = self.window
        plan = window.document.plan
        subject = window.selection.subject
        candidates: list[str] = []
        if isinstance(subject, JackSubject):
            candidates.append(subject.ref.device)
        devices, _links, _notes = window.plan_scene.selected_ids()
        candidates += devices
        for device_id in candidates:
            if plan.has_device(device_id) and plan.device(device_id).type in STATION_TYPES:
                return device_id
        return None

    def trace_selection(self) -> CallPath | None:
        station = self.station_in_selection()
        if station is None:
            self.window.statusBar().showMessage(
                "Select a station (a phone, fax, modem, alarm panel...) to trace its call.", 8000)
            return None
        return self.show(station)

    def show(self, station_id: str) -> CallPath:
        self.clear()
        scenario = self.window.selection.scenario
        path = trace(self.window.document.plan, station_id, scenario)
        self.path = path
        self._shown = 0
        self._timer.start()
        plan = self.window.document.plan
        name = one_line(plan.device(station_id).name, 60)
        if path.reaches:
            message = f"{name} reaches the outside through {path.exit} ({len(path.hops)} jacks on the way)."
        else:
            message = f"{name} cannot call out: {path.stop_reason}."
        self.window.statusBar().showMessage(message, 15000)
        lines = []
        for i, hop in enumerate(path.hops, 1):
            device = plan.device(hop.device)
            jack = one_line(device.port(hop.port).name, 24)
            lines.append(f"{i}. {one_line(device.name, 40)} · {jack} — {hop.role}")
            if hop.relay:
                lines.append("    ↳ power-fail relay, closed in the power cut")
        lines.append(f"Exit: {path.exit}" if path.reaches else f"Stops: {path.stop_reason}")
        when = "" if scenario == "none" else f" ({SCENARIO_PHRASE[scenario]})"
        self.card.show_path(f"Call path from {name}{when}", lines)
        return path

    def _reveal_next(self) -> None:
        path = self.path
        if path is None:
            self._timer.stop()
            return
        if self._shown >= len(path.hops):
            self._timer.stop()
            self._finish()
            return
        self._light(self._shown)
        self._shown += 1

    def reveal_all(self) -> None:
        """Show the whole path at once (tests, and users who press T twice)."""
        while self.path is not None and self._timer.isActive():
            self._reveal_next()

    def _light(self, index: int) -> None:
        assert self.path is not None
        scene = self.window.plan_scene
        hop = self.path.hops[index]
        item = scene.devices.get(hop.device)
        if item is None:
            return
        item.trace_jacks = item.trace_jacks | {hop.port}
        item.update()
        if hop.link and hop.link in scene.links:
            scene.links[hop.link].traced = True
            scene.links[hop.link].update()
        badge = HopBadge(index + 1, hop.role)
        centre = item.jack_scene_pos(hop.port)
        badge.setPos(centre + QPointF(style.JACK / 2 + 2, -style.JACK / 2 - 2))
        scene.addItem(badge)
        self.callouts.append(badge)

    def _finish(self) -> None:
        path = self.path
        if path is None or path.reaches or path.stop_device is None:
            return
        scene = self.window.plan_scene
        item = scene.devices.get(path.stop_device)
        if item is None:
            return
        callout = Callout(f"Stops here: {path.stop_reason}", style.ERROR, bold=True)
        top = item.mapToScene(QPointF(0, -callout.boundingRect().height() - 8))
        callout.setPos(top)
        scene.addItem(callout)
        self.callouts.append(callout)

    def clear(self) -> None:
        self._timer.stop()
        scene = self.window.plan_scene
        for callout in self.callouts:
            if callout.scene() is scene:
                scene.removeItem(callout)
        self.callouts = []
        self.card.hide()
        for item in scene.devices.values():
            if item.trace_jacks:
                item.trace_jacks = frozenset()
                item.update()
        for link in scene.links.values():
            if link.traced:
                link.traced = False
                link.update()
        self.path = None


def install(window: HostWindow) -> TraceView:
    view = TraceView(window)
    window.plan_menu.addSeparator()
    window.plan_menu.addAction(view.action)
    window.plan_menu.addAction(view.clear_action)
    window.toolbar.addAction(view.action)
    return view
