"""The scene mirrors the plan: one item per device, cable and note.

It is rebuilt from the model and re-synced after each edit from what the edit
touched. It never changes the model itself; a finished drag-move is reported
to the document, which pushes one undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsScene

from fxdesigner.model.edits import Effect
from fxdesigner.model.kinds import ETHERNET
from fxdesigner.model.plan import Link, Plan, PortRef
from fxdesigner.rules.findings import SEVERITY_RANK, Finding
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.items import DeviceItem, LinkItem, NoteItem, place_exactly
from fxdesigner.ui.text import plain_tooltip


class PlanScene(QGraphicsScene):
    #: Devices and notes were dragged: {device id: (x, y)}, {note id: (x, y)}.
    items_moved = Signal(dict, dict)
    #: Every item is about to be deleted (a new plan): drop any reference to them now.
    rebuilding = Signal()

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.snap = True
        self.orthogonal = True
        #: Devices draw their icons as vectors (SVG/PDF export) instead of cached pixmaps.
        self.vector_icons = False
        self.devices: dict[str, DeviceItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.notes: dict[str, NoteItem] = {}
        self._links_at: dict[str, set[str]] = {}
        self._batch_moving = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.rebuild(plan)

    # --- building and syncing -----------------------------------------------------------

    def rebuild(self, plan: Plan) -> None:
        self.plan = plan
        # Forget the old items before clear() deletes them: clearing changes the selection,
        # and whatever listens to that must not reach a deleted item through these maps.
        self.devices, self.links, self.notes, self._links_at = {}, {}, {}, {}
        self.rebuilding.emit()
        self.clear()
        for device in plan.iter_devices():
            item = DeviceItem(device)
            self.devices[device.id] = item
            self.addItem(item)
        for link in plan.iter_links():
            self._add_link(link)
        for note in plan.notes:
            item = NoteItem(note)
            self.notes[note.id] = item
            self.addItem(item)
        self._grow_scene_rect()

    def sync(self, touched: Effect) -> None:
        plan = self.plan
        self._sync_items(touched.devices, self.devices, plan.has_device, plan.device, DeviceItem)
        for link_id in touched.links:
            item = self.links.get(link_id)
            if item is None:
                if plan.has_link(link_id):
                    self._add_link(plan.link(link_id))
            elif not plan.has_link(link_id):
                self._remove_link(link_id)
            else:
                self._update_link(item, plan.link(link_id))
        for device_id in touched.devices:
            for link_id in list(self._links_at.get(device_id, ())):
                self._route(self.links[link_id])
        self._sync_items(touched.notes, self.notes, plan.has_note, plan.note, NoteItem)
        rect = QRectF()
        for device_id in touched.devices:
            if device_id in self.devices:
                rect = rect.united(self.devices[device_id].sceneBoundingRect())
        for note_id in touched.notes:
            if note_id in self.notes:
                rect = rect.united(self.notes[note_id].sceneBoundingRect())
        if not rect.isEmpty():
            self.setSceneRect(self.sceneRect().united(rect.adjusted(-2000, -2000, 2000, 2000)))

    def _sync_items(self, ids: Iterable[str], items: dict[str, Any], exists: Callable[[str], bool],
                    model: Callable[[str], Any], make: Callable[[Any], Any]) -> None:
        """Add, refresh or remove the items (devices or notes) of these ids to match the plan."""
        for item_id in ids:
            item = items.get(item_id)
            if not exists(item_id):
                if item is not None:
                    self.removeItem(item)
                    del items[item_id]
            elif item is None:
                item = items[item_id] = make(model(item_id))
                self.addItem(item)
            else:
                item.refresh(model(item_id))

    def _add_link(self, link: Link) -> None:
        item = LinkItem(link, self._is_ethernet(link))
        if not self.orthogonal:
            item.orthogonal = False
        lane = self._lane(link)
        if lane:
            item.lane = lane
        self.links[link.id] = item
        for end in (link.a, link.b):
            self._links_at.setdefault(end.device, set()).add(link.id)
        self._route(item)
        self.addItem(item)

    def _update_link(self, item: LinkItem, link: Link) -> None:
        """Keep the item (and so its selection) when a cable is re-plugged or retagged."""
        for end in item.ends:
            linked = self._links_at.get(end.device)
            if linked:
                linked.discard(link.id)
        item.set_link(link, self._is_ethernet(link))
        item.lane = self._lane(link)
        for end in (link.a, link.b):
            self._links_at.setdefault(end.device, set()).add(link.id)
        self._route(item)

    def _is_ethernet(self, link: Link) -> bool:
        plan = self.plan
        return plan.port(link.a).kind == ETHERNET and plan.port(link.b).kind == ETHERNET

    def _lane(self, link: Link) -> int:
        devices = self.devices
        a, b = link.a, link.b
        return (devices[a.device].geometry.jack_index(a.port) + devices[b.device].geometry.jack_index(b.port)) % 4

    def _remove_link(self, link_id: str) -> None:
        item = self.links.pop(link_id)
        for end in item.ends:
            linked = self._links_at.get(end.device)
            if linked:
                linked.discard(link_id)
        self.removeItem(item)

    def _route(self, item: LinkItem) -> None:
        a, b = item.ends
        first, second = self.devices[a.device], self.devices[b.device]
        item.route(first.jack_scene_pos(a.port), second.jack_scene_pos(b.port))

    def set_orthogonal(self, orthogonal: bool) -> None:
        self.orthogonal = orthogonal
        for item in self.links.values():
            item.orthogonal = orthogonal
            self._route(item)

    def _grow_scene_rect(self) -> None:
        # A generous margin so there is room to drop new devices around the plan.
        bounds = self.itemsBoundingRect().adjusted(-2000, -2000, 2000, 2000)
        self.setSceneRect(self.sceneRect().united(bounds) if not self.sceneRect().isEmpty() else bounds)

    def content_rect(self) -> QRectF:
        return self.itemsBoundingRect()

    # --- moving ---------------------------------------------------------------------------

    def snap_point(self, point: QPointF) -> QPointF:
        if not self.snap:
            return point
        grid = style.GRID
        return QPointF(round(point.x() / grid) * grid, round(point.y() / grid) * grid)

    def device_moved(self, item: DeviceItem) -> None:
        for link_id in self._links_at.get(item.device_id, ()):
            self._route(self.links[link_id])

    def drag_step(self, items: Iterable[DeviceItem | NoteItem]) -> None:
        """Qt just moved these items under the mouse: snap them and let their cables follow."""
        for item in items:
            snapped = self.snap_point(item.pos())
            place_exactly(item, snapped.x(), snapped.y())
            if isinstance(item, DeviceItem):
                self.device_moved(item)

    def put_back(self, item: DeviceItem | NoteItem) -> None:
        """Return an item a cancelled drag moved to where the plan has it."""
        plan = self.plan
        if isinstance(item, DeviceItem):
            if self.devices.get(item.device_id) is item and plan.has_device(item.device_id):
                device = plan.device(item.device_id)
                place_exactly(item, device.x, device.y)
                self.device_moved(item)
        elif self.notes.get(item.note_id) is item and plan.has_note(item.note_id):
            note = plan.note(item.note_id)
            place_exactly(item, note.x, note.y)

    # --- finding ------------------------------------------------------------------------------

    def jack_at(self, scene_pos: QPointF) -> tuple[DeviceItem, str] | None:
        for item in self.items(QRectF(scene_pos.x() - 6, scene_pos.y() - 6, 12, 12)):
            if isinstance(item, DeviceItem):
                port = item.jack_at(item.mapFromScene(scene_pos))
                if port is not None:
                    return item, port
        return None

    def cable_end_at(self, scene_pos: QPointF) -> tuple[LinkItem, int] | None:
        """A selected cable's end handle under the point (to drag the end elsewhere)."""
        for item in self.items(QRectF(scene_pos.x() - 8, scene_pos.y() - 8, 16, 16)):
            if isinstance(item, LinkItem) and item.isSelected():
                end = item.end_near(scene_pos)
                if end is not None:
                    return item, end
        return None

    def selected_ids(self) -> tuple[list[str], list[str], list[str]]:
        devices, links, notes = [], [], []
        for item in self.selectedItems():
            if isinstance(item, DeviceItem):
                devices.append(item.device_id)
            elif isinstance(item, LinkItem):
                links.append(item.link_id)
            elif isinstance(item, NoteItem):
                notes.append(item.note_id)
        order = self.plan.device_order
        devices.sort(key=lambda d: order(d) if self.plan.has_device(d) else 0.0)
        return devices, links, notes

    def select(self, devices: Iterable[str] = (), links: Iterable[str] = (), notes: Iterable[str] = ()) -> None:
        self.clearSelection()
        for device_id in devices:
            if device_id in self.devices:
                self.devices[device_id].setSelected(True)
        for link_id in links:
            if link_id in self.links:
                self.links[link_id].setSelected(True)
        for note_id in notes:
            if note_id in self.notes:
                self.notes[note_id].setSelected(True)

    # --- live flags ---------------------------------------------------------------------------

    def show_findings(self, findings: list[Finding]) -> None:
        """Colour cables and jacks, and badge devices, by their worst unwaived finding."""
        device_flags: dict[str, tuple[str, int]] = {}
        jack_flags: dict[str, dict[str, str]] = {}
        link_flags: dict[str, str] = {}
        tips: dict[str, list[str]] = {}
        for finding in findings:
            if finding.waived:
                continue
            severity = finding.severity
            for device_id in finding.devices:
                worst, count = device_flags.get(device_id, (severity, 0))
                device_flags[device_id] = (_worse(worst, severity), count + 1)
                tips.setdefault(device_id, []).append(f"{finding.code}: {finding.message}")
            for port in finding.ports:
                device_id, port_id = PortRef.parse(port)
                jacks = jack_flags.setdefault(device_id, {})
                jacks[port_id] = _worse(jacks.get(port_id, severity), severity)
            for link_id in finding.links:
                link_flags[link_id] = _worse(link_flags.get(link_id, severity), severity)
        for device_id, item in self.devices.items():
            severity, count = device_flags.get(device_id, (None, 0))
            jacks = jack_flags.get(device_id, {})
            if (severity, count, jacks) != (item.severity, item.finding_count, item.jack_severity):
                item.severity, item.finding_count, item.jack_severity = severity, count, jacks
                item.update()
            item.setToolTip(_tooltip(tips.get(device_id, [])))
        for link_id, item in self.links.items():
            severity = link_flags.get(link_id)
            if severity != item.severity:
                item.severity = severity
                item.update()

    def set_verdict(self, ref: PortRef | None, color: QColor | None) -> None:
        for item in self.devices.values():
            if item.verdict is not None:
                item.verdict = None
                item.update()
        if ref is not None and color is not None and ref.device in self.devices:
            item = self.devices[ref.device]
            item.verdict = (ref.port, color)
            item.update()

    def set_current_jack(self, ref: PortRef | None) -> None:
        for item in self.devices.values():
            if item.current_jack is not None:
                item.current_jack = None
                item.update()
        if ref is not None and ref.device in self.devices:
            item = self.devices[ref.device]
            item.current_jack = ref.port
            item.update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, style.CANVAS)
        scale = painter.worldTransform().m11()
        if scale < 0.5:
            return
        grid = style.GRID * (1 if scale >= 1.0 else 2)
        left = int(rect.left() // grid) * grid
        top = int(rect.top() // grid) * grid
        painter.setPen(style.GRID_MINOR)
        lines = []
        x = left
        while x < rect.right():
            lines.append((x, rect.top(), x, rect.bottom()))
            x += grid
        y = top
        while y < rect.bottom():
            lines.append((rect.left(), y, rect.right(), y))
            y += grid
        for x1, y1, x2, y2 in lines:
            painter.drawLine(x1, y1, x2, y2)


def _worse(a: str, b: str) -> str:
    return a if SEVERITY_RANK[a] <= SEVERITY_RANK[b] else b


def _tooltip(lines: list[str]) -> str:
    if not lines:
        return ""
    shown = lines[:8] + ([f"... and {len(lines) - 8} more"] if len(lines) > 8 else [])
    return plain_tooltip("\n".join(shown))

