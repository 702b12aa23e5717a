"""Edits of devices and their jacks: add, remove, rename, set properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.edits.base import DELETE, Edit, Effect, editable_field, require_valid, set_key, swap_key
from fxdesigner.model.plan import Device, Link, Plan, PortRef
from fxdesigner.model.values import (
    check_device_property,
    check_label,
    check_port_property,
    check_power_fail_to,
    check_string,
)


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
        return _device_changed(self.device.id)


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


_DEVICE_FIELDS: Final = {"label": check_label, "model": check_string}


@dataclass
class SetDeviceField(Edit):
    """Set a device's label or model (DELETE removes it)."""

    device_id: str
    name: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)

    def __post_init__(self) -> None:
        check = editable_field(_DEVICE_FIELDS, "device", self.name)
        if self.value is not DELETE and self.value is not None:
            require_valid(self.name, check(self.value))
        self.title = "Rename device" if self.name == "label" else f"Set {self.name}"

    def apply(self, plan: Plan) -> None:
        device = plan.device(self.device_id)
        old = getattr(device, self.name)
        self._old = DELETE if old is None else old
        setattr(device, self.name, None if self.value is DELETE else self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan.device(self.device_id), self.name, None if self._old is DELETE else self._old)

    def effect(self) -> Effect:
        return _device_changed(self.device_id)


@dataclass
class SetDeviceProperty(Edit):
    device_id: str
    key: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.value is not DELETE:
            require_valid(self.key, check_device_property(self.key, self.value))
        self.title = f"Set {self.key.replace('_', ' ')}"

    def apply(self, plan: Plan) -> None:
        self._old = swap_key(plan.device(self.device_id).properties, self.key, self.value)

    def revert(self, plan: Plan) -> None:
        set_key(plan.device(self.device_id).properties, self.key, self._old)

    def effect(self) -> Effect:
        return _device_changed(self.device_id)


@dataclass
class SetPortLabel(Edit):
    ref: PortRef
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)
    title: str = field(default="Rename jack", init=False)

    def __post_init__(self) -> None:
        if self.value is not None:
            require_valid("label", check_label(self.value))

    def apply(self, plan: Plan) -> None:
        port = plan.port(self.ref)
        self._old = port.label
        port.label = self.value

    def revert(self, plan: Plan) -> None:
        plan.port(self.ref).label = self._old

    def effect(self) -> Effect:
        return _device_changed(self.ref.device)


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
            require_valid(f"{self.ref} {self.key}", problem)
        self._old = swap_key(port.properties, self.key, self.value)

    def revert(self, plan: Plan) -> None:
        set_key(plan.port(self.ref).properties, self.key, self._old)

    def effect(self) -> Effect:
        return _device_changed(self.ref.device)


def _device_changed(device_id: str) -> Effect:
    """One device redrawn and rechecked for something other than its cabling (a label, a property)."""
    ids = frozenset({device_id})
    return Effect(devices=ids, recheck=ids, attributes=True)


def place_device(plan: Plan, entry_id: str, x: float, y: float) -> AddDevice:
    """The edit that places a device from the catalogue entry at (x, y), with a fresh id and label.

    The id is built from the entry's model (its last word) or, for a generic
    entry, from its type; the label is the entry's, numbered when the plan has it.
    """
    entry = default_catalogue().entry(entry_id)
    stem = entry.type.replace("-", "")[:12] if entry.model is None else entry.id.split("-")[-1][:12]
    device_id = plan.fresh_id("device", stem)
    return AddDevice(entry.make_device(device_id, x, y, fresh_label(plan, entry.label)))


def fresh_label(plan: Plan, base: str) -> str:
    """base, or "base 2", "base 3"... : the first no device of the plan has."""
    taken = {d.label for d in plan.iter_devices()}
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"
