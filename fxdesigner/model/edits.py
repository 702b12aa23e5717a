"""Small reversible changes to a plan.

Every change a user makes is one of these (or a CompoundEdit of several). Each
has apply/revert and says what it changed (its Effect), so the rules engine
re-checks only that much and views redraw only that much. The GUI wraps each in one QUndoCommand; undo is tested here, without
Qt.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from fxdesigner.model.errors import InvalidValueError
from fxdesigner.model.plan import Device, Link, Note, Plan, PortRef, Waiver
from fxdesigner.model.values import (
    check_coordinate,
    check_device_property,
    check_label,
    check_link_property,
    check_port_property,
    check_power_fail_to,
    check_region,
    check_string,
)


class _Missing:
    """Marks a key that is absent (set it to DELETE to remove the key)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DELETE"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


DELETE: Final = _Missing()


@dataclass(frozen=True)
class Effect:
    """What an edit changed, for everything that mirrors the plan.

    Views read which objects to redraw (devices, links, notes, plan); the rules
    engine reads which findings may change (recheck, attributes, plan_wide,
    waivers). The two differ on purpose: moving a device changes no finding but
    must move its item, and a cable's tag changes findings about its end devices
    without redrawing them. Read it after apply or revert: removal edits only
    know what they removed once they ran.
    """

    #: Devices whose drawing changed (added, removed, moved, renamed, cabled).
    devices: frozenset[str] = frozenset()
    #: Cables added, removed, moved or changed.
    links: frozenset[str] = frozenset()
    #: Notes added, removed, moved or changed.
    notes: frozenset[str] = frozenset()
    #: The plan's own fields (title, region) or its waivers changed.
    plan: bool = False
    #: Devices whose findings may change (both ends of a cable, a renamed device...).
    recheck: frozenset[str] = frozenset()
    #: Something other than cabling changed on the recheck devices (label, property).
    attributes: bool = False
    #: A plan-level setting every rule may read (the region) changed.
    plan_wide: bool = False
    #: Waivers changed.
    waivers: bool = False

    def __or__(self, other: Effect) -> Effect:
        return Effect(
            self.devices | other.devices,
            self.links | other.links,
            self.notes | other.notes,
            self.plan or other.plan,
            self.recheck | other.recheck,
            self.attributes or other.attributes,
            self.plan_wide or other.plan_wide,
            self.waivers or other.waivers,
        )


NO_EFFECT: Final = Effect()


class Edit(ABC):
    """Base of all edits. Subclasses are dataclasses holding what they need to revert."""

    title: str = "Edit"

    @abstractmethod
    def apply(self, plan: Plan) -> None: ...

    @abstractmethod
    def revert(self, plan: Plan) -> None: ...

    @abstractmethod
    def effect(self) -> Effect:
        """What this edit changed (read after apply or revert)."""


def _set_key(table: dict[str, Any], key: str, value: Any) -> None:
    if value is DELETE:
        table.pop(key, None)
    else:
        table[key] = value


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- devices ----------------------------------------------------------------


@dataclass
class AddDevice(Edit):
    device: Device
    index: int | None = None

    def __post_init__(self) -> None:
        self.title = f"Add {self.device.name}"

    def apply(self, plan: Plan) -> None:
        plan.add_device(self.device, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_device(self.device.id)

    def effect(self) -> Effect:
        ids = frozenset({self.device.id})
        return Effect(devices=ids, recheck=ids, attributes=True)


@dataclass
class RemoveDevice(Edit):
    """Remove a device and its cables; revert puts all of them back in their places."""

    device_id: str
    _device: Device | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    _links: list[tuple[int, Link]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.title = f"Delete {self.device_id}"

    def apply(self, plan: Plan) -> None:
        self.title = f"Delete {plan.device(self.device_id).name}"
        removed = []
        for link_id in plan.links_of_device(self.device_id):
            removed.append((plan.link_index(link_id), plan.link(link_id)))
        removed.sort(key=lambda pair: pair[0])
        for _, link in reversed(removed):
            plan.remove_link(link.id)
        self._links = removed
        self._device, self._index = plan.remove_device(self.device_id)

    def revert(self, plan: Plan) -> None:
        assert self._device is not None
        plan.add_device(self._device, self._index)
        for index, link in self._links:
            plan.add_link(link, index)

    def effect(self) -> Effect:
        devices = {self.device_id}
        for _, link in self._links:
            devices.update((link.a.device, link.b.device))
        ids = frozenset(devices)
        links = frozenset(link.id for _, link in self._links)
        return Effect(devices=ids, links=links, recheck=ids, attributes=True)


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
                problem = check_coordinate(value)
                if problem:
                    raise InvalidValueError(f"position: {problem}")
        count = len(self.devices) + len(self.notes)
        if self.devices and not self.notes:
            self.title = f"Move {_plural(len(self.devices), 'device')}"
        elif self.notes and not self.devices:
            self.title = f"Move {_plural(len(self.notes), 'note')}"
        else:
            self.title = f"Move {_plural(count, 'item')}"

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


_DEVICE_FIELDS: Final = {"label": check_label, "model": check_string}


@dataclass
class SetDeviceField(Edit):
    """Set a device's label or model (DELETE removes it)."""

    device_id: str
    name: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)

    def __post_init__(self) -> None:
        check = _DEVICE_FIELDS.get(self.name)
        if check is None:
            raise InvalidValueError(f'a device has no editable field "{self.name}"')
        if self.value is not DELETE and self.value is not None:
            problem = check(self.value)
            if problem:
                raise InvalidValueError(f"{self.name}: {problem}")
        self.title = "Rename device" if self.name == "label" else f"Set {self.name}"

    def apply(self, plan: Plan) -> None:
        device = plan.device(self.device_id)
        old = getattr(device, self.name)
        self._old = DELETE if old is None else old
        setattr(device, self.name, None if self.value is DELETE else self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan.device(self.device_id), self.name, None if self._old is DELETE else self._old)

    def effect(self) -> Effect:
        ids = frozenset({self.device_id})
        return Effect(devices=ids, recheck=ids, attributes=True)


@dataclass
class SetDeviceProperty(Edit):
    device_id: str
    key: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.value is not DELETE:
            problem = check_device_property(self.key, self.value)
            if problem:
                raise InvalidValueError(f"{self.key}: {problem}")
        self.title = f"Set {self.key.replace('_', ' ')}"

    def apply(self, plan: Plan) -> None:
        properties = plan.device(self.device_id).properties
        self._old = properties.get(self.key, DELETE)
        _set_key(properties, self.key, copy.deepcopy(self.value))

    def revert(self, plan: Plan) -> None:
        _set_key(plan.device(self.device_id).properties, self.key, self._old)

    def effect(self) -> Effect:
        ids = frozenset({self.device_id})
        return Effect(devices=ids, recheck=ids, attributes=True)


# --- ports --------------------------------------------------------------------


@dataclass
class SetPortLabel(Edit):
    ref: PortRef
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)
    title: str = field(default="Rename jack", init=False)

    def __post_init__(self) -> None:
        if self.value is not None:
            problem = check_label(self.value)
            if problem:
                raise InvalidValueError(f"label: {problem}")

    def apply(self, plan: Plan) -> None:
        port = plan.port(self.ref)
        self._old = port.label
        port.label = self.value

    def revert(self, plan: Plan) -> None:
        plan.port(self.ref).label = self._old

    def effect(self) -> Effect:
        ids = frozenset({self.ref.device})
        return Effect(devices=ids, recheck=ids, attributes=True)


@dataclass
class SetPortProperty(Edit):
    ref: PortRef
    key: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)

    def __post_init__(self) -> None:
        self.title = f"Set {self.key.replace('_', ' ')}"

    def apply(self, plan: Plan) -> None:
        device = plan.device(self.ref.device)
        port = device.port(self.ref.port)
        if self.value is not DELETE:
            if self.key == "power_fail_to" and port.kind == "fxs":
                problem = check_power_fail_to(self.value, device.port_kinds())
            else:
                problem = check_port_property(port.kind, self.key, self.value)
            if problem:
                raise InvalidValueError(f"{self.ref} {self.key}: {problem}")
        self._old = port.properties.get(self.key, DELETE)
        _set_key(port.properties, self.key, copy.deepcopy(self.value))

    def revert(self, plan: Plan) -> None:
        _set_key(plan.port(self.ref).properties, self.key, self._old)

    def effect(self) -> Effect:
        ids = frozenset({self.ref.device})
        return Effect(devices=ids, recheck=ids, attributes=True)


# --- links --------------------------------------------------------------------


@dataclass
class Connect(Edit):
    link: Link
    index: int | None = None
    title: str = field(default="Connect", init=False)

    def apply(self, plan: Plan) -> None:
        a = plan.device(self.link.a.device).name
        b = plan.device(self.link.b.device).name
        self.title = f"Connect {a} to {b}" if a != b else f"Connect {a}"
        plan.add_link(self.link, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_link(self.link.id)

    def effect(self) -> Effect:
        ends = frozenset({self.link.a.device, self.link.b.device})
        return Effect(devices=ends, links=frozenset({self.link.id}), recheck=ends)


@dataclass
class Disconnect(Edit):
    link_id: str
    _link: Link | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Delete cable", init=False)

    def apply(self, plan: Plan) -> None:
        self._link, self._index = plan.remove_link(self.link_id)

    def revert(self, plan: Plan) -> None:
        assert self._link is not None
        plan.add_link(self._link, self._index)

    def effect(self) -> Effect:
        links = frozenset({self.link_id})
        if self._link is None:
            return Effect(links=links)
        ends = frozenset({self._link.a.device, self._link.b.device})
        return Effect(devices=ends, links=links, recheck=ends)


@dataclass
class Reconnect(Edit):
    """Move one or both ends of an existing cable to other jacks."""

    link_id: str
    a: PortRef
    b: PortRef
    _old: tuple[PortRef, PortRef] | None = field(default=None, init=False, repr=False)
    title: str = field(default="Reconnect cable", init=False)

    def apply(self, plan: Plan) -> None:
        link = plan.link(self.link_id)
        self._old = (link.a, link.b)
        plan.set_link_ends(self.link_id, self.a, self.b)

    def revert(self, plan: Plan) -> None:
        assert self._old is not None
        plan.set_link_ends(self.link_id, *self._old)

    def effect(self) -> Effect:
        devices = {self.a.device, self.b.device}
        if self._old:
            devices.update(end.device for end in self._old)
        ids = frozenset(devices)
        return Effect(devices=ids, links=frozenset({self.link_id}), recheck=ids)


@dataclass
class SetLinkProperty(Edit):
    link_id: str
    key: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)
    _ends: tuple[str, str] = field(default=("", ""), init=False, repr=False)

    def __post_init__(self) -> None:
        if self.value is not DELETE:
            problem = check_link_property(self.key, self.value)
            if problem:
                raise InvalidValueError(f"{self.key}: {problem}")
        self.title = "Set cable tag" if self.key == "label" else f"Set {self.key.replace('_', ' ')}"

    def apply(self, plan: Plan) -> None:
        link = plan.link(self.link_id)
        self._ends = (link.a.device, link.b.device)
        self._old = link.properties.get(self.key, DELETE)
        _set_key(link.properties, self.key, copy.deepcopy(self.value))

    def revert(self, plan: Plan) -> None:
        _set_key(plan.link(self.link_id).properties, self.key, self._old)

    def effect(self) -> Effect:
        # The cable's look changes, not its ends' items; their findings may (a length).
        return Effect(links=frozenset({self.link_id}), recheck=frozenset(self._ends) - {""}, attributes=True)


# --- the plan -----------------------------------------------------------------

_PLAN_FIELDS: Final = {"title": check_string, "region": check_region}


@dataclass
class SetPlanField(Edit):
    """Set the plan's title or region (None removes it)."""

    name: str
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        check = _PLAN_FIELDS.get(self.name)
        if check is None:
            raise InvalidValueError(f'a plan has no editable field "{self.name}"')
        if self.value is not None:
            problem = check(self.value)
            if problem:
                raise InvalidValueError(f"{self.name}: {problem}")
        self.title = f"Set plan {self.name}"

    def apply(self, plan: Plan) -> None:
        self._old = getattr(plan, self.name)
        setattr(plan, self.name, self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan, self.name, self._old)

    def effect(self) -> Effect:
        return Effect(plan=True, plan_wide=self.name == "region")


# --- notes and waivers ----------------------------------------------------------


@dataclass
class AddNote(Edit):
    note: Note
    index: int | None = None
    title: str = field(default="Add note", init=False)

    def apply(self, plan: Plan) -> None:
        plan.add_note(self.note, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_note(self.note.id)

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note.id}))


@dataclass
class RemoveNote(Edit):
    note_id: str
    _note: Note | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Delete note", init=False)

    def apply(self, plan: Plan) -> None:
        self._note, self._index = plan.remove_note(self.note_id)

    def revert(self, plan: Plan) -> None:
        assert self._note is not None
        plan.add_note(self._note, self._index)

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note_id}))


@dataclass
class SetNoteText(Edit):
    note_id: str
    text: str
    _old: str = field(default="", init=False, repr=False)
    title: str = field(default="Edit note", init=False)

    def __post_init__(self) -> None:
        problem = check_string(self.text)
        if problem:
            raise InvalidValueError(f"text: {problem}")

    def apply(self, plan: Plan) -> None:
        note = plan.note(self.note_id)
        self._old = note.text
        note.text = self.text

    def revert(self, plan: Plan) -> None:
        plan.note(self.note_id).text = self._old

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note_id}))


@dataclass
class AddWaiver(Edit):
    waiver: Waiver
    index: int | None = None
    title: str = field(default="Waive finding", init=False)

    def __post_init__(self) -> None:
        self.title = f"Waive {self.waiver.code}"

    def apply(self, plan: Plan) -> None:
        plan.add_waiver(self.waiver, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_waiver(self.waiver.id)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)


@dataclass
class RemoveWaiver(Edit):
    waiver_id: str
    _waiver: Waiver | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Un-waive finding", init=False)

    def apply(self, plan: Plan) -> None:
        self._waiver, self._index = plan.remove_waiver(self.waiver_id)
        self.title = f"Un-waive {self._waiver.code}"

    def revert(self, plan: Plan) -> None:
        assert self._waiver is not None
        plan.add_waiver(self._waiver, self._index)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)


_WAIVER_FIELDS: Final = ("reason", "by", "date")


@dataclass
class SetWaiverField(Edit):
    waiver_id: str
    name: str
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)
    title: str = field(default="Edit waiver", init=False)

    def __post_init__(self) -> None:
        if self.name not in _WAIVER_FIELDS:
            raise InvalidValueError(f'a waiver has no editable field "{self.name}"')
        if self.value is not None and not isinstance(self.value, str):
            raise InvalidValueError(f"{self.name}: expected a string")

    def apply(self, plan: Plan) -> None:
        waiver = plan.waiver(self.waiver_id)
        self._old = getattr(waiver, self.name)
        setattr(waiver, self.name, self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan.waiver(self.waiver_id), self.name, self._old)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)


# --- several at once -----------------------------------------------------------


@dataclass
class CompoundEdit(Edit):
    """Several edits as one step (a paste, deleting a selection)."""

    name: str
    edits: list[Edit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = self.name

    def apply(self, plan: Plan) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(plan)
                done.append(edit)
        except Exception:
            for edit in reversed(done):
                edit.revert(plan)
            raise

    def revert(self, plan: Plan) -> None:
        for edit in reversed(self.edits):
            edit.revert(plan)

    def effect(self) -> Effect:
        result = NO_EFFECT
        for edit in self.edits:
            result = result | edit.effect()
        return result


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
        parts.append(_plural(len(devices), "device"))
    cables = len(edits) - len(devices) - len(list(dict.fromkeys(note_ids)))
    if cables:
        parts.append(_plural(cables, "cable"))
    notes = len(list(dict.fromkeys(note_ids)))
    if notes:
        parts.append(_plural(notes, "note"))
    if len(edits) == 1 and devices:
        name = f"Delete {plan.device(devices[0]).name}"
    else:
        name = "Delete " + " and ".join(parts) if parts else "Delete"
    return CompoundEdit(name, edits)
