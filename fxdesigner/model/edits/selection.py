"""Edits of several items at once: moving a selection, deleting a selection."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fxdesigner.model.edits.base import CompoundEdit, Edit, Effect, require_valid
from fxdesigner.model.edits.cables import Disconnect
from fxdesigner.model.edits.devices import RemoveDevice
from fxdesigner.model.edits.notes import RemoveNote
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import plural
from fxdesigner.model.values import check_coordinate


@dataclass
class MoveItems(Edit):
    """Move devices and notes; positions are (x, y) pairs."""

    devices: dict[str, tuple[float, float]] = field(default_factory=dict)
    notes: dict[str, tuple[float, float]] = field(default_factory=dict)
    _old_devices: dict[str, tuple[float, float]] = field(default_factory=dict, init=False, repr=False)
    _old_notes: dict[str, tuple[float, float]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for x, y in list(self.devices.values()) + list(self.notes.values()):
            for value in (x, y):
                require_valid("position", check_coordinate(value))
        count = len(self.devices) + len(self.notes)
        if self.devices and not self.notes:
            self.title = f"Move {plural(len(self.devices), 'device')}"
        elif self.notes and not self.devices:
            self.title = f"Move {plural(len(self.notes), 'note')}"
        else:
            self.title = f"Move {plural(count, 'item')}"

    def apply(self, plan: Plan) -> None:
        # Look every item up first: a missing one must leave the plan untouched.
        for device_id in self.devices:
            plan.device(device_id)
        for note_id in self.notes:
            plan.note(note_id)
        self._old_devices = {}
        self._old_notes = {}
        for device_id, (x, y) in self.devices.items():
            device = plan.device(device_id)
            self._old_devices[device_id] = (device.x, device.y)
            device.x, device.y = x, y
        for note_id, (x, y) in self.notes.items():
            note = plan.note(note_id)
            self._old_notes[note_id] = (note.x, note.y)
            note.x, note.y = x, y

    def revert(self, plan: Plan) -> None:
        for device_id, (x, y) in self._old_devices.items():
            device = plan.device(device_id)
            device.x, device.y = x, y
        for note_id, (x, y) in self._old_notes.items():
            note = plan.note(note_id)
            note.x, note.y = x, y

    def effect(self) -> Effect:
        # Positions are no rule's business: nothing to re-check.
        return Effect(devices=frozenset(self.devices), notes=frozenset(self.notes))


def delete_selection(
    plan: Plan,
    device_ids: Iterable[str] = (),
    link_ids: Iterable[str] = (),
    note_ids: Iterable[str] = (),
) -> CompoundEdit:
    """One edit that deletes devices (with their cables), cables and notes."""
    devices = [d for d in dict.fromkeys(device_ids)]
    doomed = {lid for d in devices for lid in plan.links_of_device(d)}
    edits: list[Edit] = [Disconnect(lid) for lid in dict.fromkeys(link_ids) if lid not in doomed]
    edits += [RemoveDevice(d) for d in devices]
    edits += [RemoveNote(n) for n in dict.fromkeys(note_ids)]
    parts = []
    if devices:
        parts.append(plural(len(devices), "device"))
    cables = len(edits) - len(devices) - len(list(dict.fromkeys(note_ids)))
    if cables:
        parts.append(plural(cables, "cable"))
    notes = len(list(dict.fromkeys(note_ids)))
    if notes:
        parts.append(plural(notes, "note"))
    if len(edits) == 1 and devices:
        name = f"Delete {plan.device(devices[0]).name}"
    else:
        name = "Delete " + " and ".join(parts) if parts else "Delete"
    return CompoundEdit(name, edits)
