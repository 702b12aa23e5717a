"""The plan: devices with their jacks, the cables between them, notes and waivers.

Plain Python objects, no Qt. Structure that can never hold (a duplicate id, a
cable to a missing jack, a cable from a jack to itself) raises a typed error;
wiring mistakes are accepted and left to the rules engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from fxdesigner.model.errors import (
    DuplicateIdError,
    InvalidIdError,
    InvalidValueError,
    MissingReferenceError,
    SamePortLinkError,
    StillReferencedError,
)
from fxdesigner.model.kinds import DEFAULT_REGION
from fxdesigner.model.table import OrderedTable
from fxdesigner.model.values import check_id, check_power_fail_to

T = TypeVar("T")


class PortRef(NamedTuple):
    """A port addressed as {"device": ..., "port": ...}; written device:port in text."""

    device: str
    port: str

    def __str__(self) -> str:
        return f"{self.device}:{self.port}"

    @classmethod
    def parse(cls, text: str) -> PortRef:
        """The PortRef written as text ("device:port"); ValueError unless text has exactly one colon.

        Ids never hold a colon, so one colon is the one way to write a jack. The
        two ids are not checked here: callers that read untrusted text check them.
        """
        device, sep, port = text.partition(":")
        if not sep or ":" in port:
            raise ValueError(f"expected a jack written device:port, found {text[:80]!r}")
        return cls(device, port)


@dataclass(slots=True)
class Port:
    id: str
    kind: str
    label: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    #: Keys of the port object this version does not know; written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.label if self.label else self.id


@dataclass(slots=True)
class Device:
    id: str
    type: str
    x: float
    y: float
    label: str | None = None
    model: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    ports: list[Port] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _port_index: dict[str, Port] = field(default_factory=dict, repr=False, compare=False)
    #: PortRefs of the ports, in port order, made once (the rules engine reads them a lot).
    refs: list[PortRef] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.reindex_ports()

    def reindex_ports(self) -> None:
        index: dict[str, Port] = {}
        for port in self.ports:
            if port.id in index:
                raise DuplicateIdError(f'device "{self.id}" has two ports with id "{port.id}"')
            index[port.id] = port
        self._port_index = index
        self.refs = [PortRef(self.id, port.id) for port in self.ports]

    @property
    def name(self) -> str:
        return self.label if self.label else self.id

    def port(self, port_id: str) -> Port:
        try:
            return self._port_index[port_id]
        except KeyError:
            raise MissingReferenceError(f'device "{self.id}" has no port "{port_id}"') from None

    def has_port(self, port_id: str) -> bool:
        return port_id in self._port_index

    def port_kinds(self) -> dict[str, str]:
        return {p.id: p.kind for p in self.ports}


@dataclass(slots=True)
class Link:
    id: str
    a: PortRef
    b: PortRef
    properties: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def ends(self) -> tuple[PortRef, PortRef]:
        return (self.a, self.b)

    def other_end(self, ref: PortRef) -> PortRef:
        return self.b if ref == self.a else self.a


@dataclass(slots=True)
class Note:
    id: str
    text: str
    x: float
    y: float
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Waiver:
    id: str
    code: str
    subject: str
    reason: str | None = None
    by: str | None = None
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


#: Optional top-level keys; a plan remembers which were absent so that
#: load-then-save writes the same document back.
OPTIONAL_TOP_KEYS = ("generator", "title", "region", "notes", "waivers")


class Plan:
    """An ordered collection of devices, links, notes and waivers."""

    def __init__(
        self,
        *,
        title: str | None = None,
        region: str | None = None,
        generator: str | None = None,
        extra: dict[str, Any] | None = None,
        absent: frozenset[str] = frozenset(),
    ) -> None:
        self.title = title
        self.region = region
        self.generator = generator
        self.extra: dict[str, Any] = dict(extra or {})
        self.absent = absent
        self._devices: OrderedTable[Device] = OrderedTable()
        self._links: OrderedTable[Link] = OrderedTable()
        self._notes: OrderedTable[Note] = OrderedTable()
        self._waivers: OrderedTable[Waiver] = OrderedTable()
        self._port_links: dict[PortRef, list[str]] = {}
        #: Link ids on each device (any port), for constant-time neighbour queries.
        self._device_links: dict[str, dict[str, None]] = {}

    # --- reading ---------------------------------------------------------

    @property
    def effective_region(self) -> str:
        return self.region or DEFAULT_REGION

    @property
    def devices(self) -> list[Device]:
        return self._devices.values()

    @property
    def links(self) -> list[Link]:
        return self._links.values()

    @property
    def notes(self) -> list[Note]:
        return self._notes.values()

    @property
    def waivers(self) -> list[Waiver]:
        return self._waivers.values()

    def iter_devices(self) -> Iterator[Device]:
        return self._devices.iter_values()

    def iter_links(self) -> Iterator[Link]:
        return self._links.iter_values()

    def device_count(self) -> int:
        return len(self._devices)

    def link_count(self) -> int:
        return len(self._links)

    def device(self, device_id: str) -> Device:
        return _find(self._devices, "device", device_id)

    def has_device(self, device_id: str) -> bool:
        return device_id in self._devices

    def link(self, link_id: str) -> Link:
        return _find(self._links, "link", link_id)

    def has_link(self, link_id: str) -> bool:
        return link_id in self._links

    def note(self, note_id: str) -> Note:
        return _find(self._notes, "note", note_id)

    def has_note(self, note_id: str) -> bool:
        return note_id in self._notes

    def waiver(self, waiver_id: str) -> Waiver:
        return _find(self._waivers, "waiver", waiver_id)

    def port(self, ref: PortRef) -> Port:
        return self.device(ref.device).port(ref.port)

    def links_at(self, ref: PortRef) -> list[str]:
        """Ids of the links plugged into one port, in plan order."""
        return self._port_links.get(ref, [])

    def links_of_device(self, device_id: str) -> list[str]:
        """Ids of the links on any port of a device, in the device's port order."""
        device = self.device(device_id)
        seen: dict[str, None] = {}
        for port in device.ports:
            for link_id in self._port_links.get(PortRef(device_id, port.id), ()):
                seen[link_id] = None
        return list(seen)

    def device_links(self, device_id: str) -> list[str]:
        """Ids of the links on a device, in no particular order (fast)."""
        return list(self._device_links.get(device_id, ()))

    def has_links(self, device_id: str) -> bool:
        return bool(self._device_links.get(device_id))

    def neighbours(self, device_id: str) -> set[str]:
        result: set[str] = set()
        links = self._links
        for link_id in self._device_links.get(device_id, ()):
            link = links[link_id]
            result.add(link.a.device)
            result.add(link.b.device)
        result.discard(device_id)
        return result

    def device_index(self, device_id: str) -> int:
        return self._devices.index_of(device_id)

    def link_index(self, link_id: str) -> int:
        return self._links.index_of(link_id)

    def device_order(self, device_id: str) -> float:
        """A number that sorts devices in plan order, in constant time."""
        return self._devices.order_key(device_id)

    def link_order(self, link_id: str) -> float:
        return self._links.order_key(link_id)

    # --- structural changes (used by edits and the loader) ------------------

    def add_device(self, device: Device, index: int | None = None) -> None:
        _require_new(self._devices, "device", device.id)
        kinds = device.port_kinds()
        for port in device.ports:
            _require_id(port.id, "port")
            if "power_fail_to" in port.properties and port.kind == "fxs":
                problem = check_power_fail_to(port.properties["power_fail_to"], kinds)
                if problem:
                    raise InvalidValueError(f"{device.id}:{port.id} power_fail_to {problem}")
        self._devices.add(device.id, device, index)

    def remove_device(self, device_id: str) -> tuple[Device, int]:
        """Remove a device that has no links left; returns it and its former index."""
        device = self.device(device_id)
        if self.has_links(device_id):
            raise StillReferencedError(f'device "{device_id}" still has links; remove them first')
        _, index = self._devices.remove(device_id)
        return device, index

    def add_link(self, link: Link, index: int | None = None) -> None:
        _require_new(self._links, "link", link.id)
        for end in link.ends():
            self.port(end)  # raises MissingReferenceError
        if link.a == link.b:
            raise SamePortLinkError(f'link "{link.id}" joins port {link.a} to itself')
        self._links.add(link.id, link, index)
        self._index_devices(link)
        for end in _distinct_ends(link):
            self._port_links.setdefault(end, []).append(link.id)
        if index is not None:
            for end in _distinct_ends(link):
                self._resort_port_links(end)

    def remove_link(self, link_id: str) -> tuple[Link, int]:
        link = self.link(link_id)
        _, index = self._links.remove(link_id)
        self._unindex_devices(link)
        self._unindex_ports(link)
        return link, index

    def set_link_ends(self, link_id: str, a: PortRef, b: PortRef) -> None:
        link = self.link(link_id)
        for end in (a, b):
            self.port(end)
        if a == b:
            raise SamePortLinkError(f'link "{link_id}" would join port {a} to itself')
        self._unindex_ports(link)
        self._unindex_devices(link)
        link.a, link.b = a, b
        self._index_devices(link)
        for end in _distinct_ends(link):
            self._port_links.setdefault(end, []).append(link_id)
            self._resort_port_links(end)

    def _unindex_ports(self, link: Link) -> None:
        for end in _distinct_ends(link):
            ids = self._port_links[end]
            ids.remove(link.id)
            if not ids:
                del self._port_links[end]

    def _index_devices(self, link: Link) -> None:
        for device_id in {link.a.device, link.b.device}:
            self._device_links.setdefault(device_id, {})[link.id] = None

    def _unindex_devices(self, link: Link) -> None:
        for device_id in {link.a.device, link.b.device}:
            ids = self._device_links.get(device_id)
            if ids is not None:
                ids.pop(link.id, None)
                if not ids:
                    del self._device_links[device_id]

    def _resort_port_links(self, end: PortRef) -> None:
        ids = self._port_links.get(end)
        if ids and len(ids) > 1:
            ids.sort(key=self._links.order_key)

    def add_note(self, note: Note, index: int | None = None) -> None:
        _require_new(self._notes, "note", note.id)
        self._notes.add(note.id, note, index)

    def remove_note(self, note_id: str) -> tuple[Note, int]:
        self.note(note_id)  # raises MissingReferenceError
        return self._notes.remove(note_id)

    def add_waiver(self, waiver: Waiver, index: int | None = None) -> None:
        _require_new(self._waivers, "waiver", waiver.id)
        self._waivers.add(waiver.id, waiver, index)

    def remove_waiver(self, waiver_id: str) -> tuple[Waiver, int]:
        self.waiver(waiver_id)  # raises MissingReferenceError
        return self._waivers.remove(waiver_id)

    # --- ids -------------------------------------------------------------

    def fresh_id(self, kind: str, stem: str) -> str:
        """An id not yet used among devices, links, notes or waivers (by kind)."""
        table = {"device": self._devices, "link": self._links, "note": self._notes, "waiver": self._waivers}[
            kind
        ]
        # isascii: str.isalnum() also accepts "é" or "²", which ids do not allow.
        stem = "".join(c if (c.isascii() and c.isalnum()) or c in "_.-" else "-" for c in stem)[:56] or kind
        n = 1
        while f"{stem}{n}" in table:
            n += 1
        return f"{stem}{n}"

    # --- comparison --------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return (
            self.title == other.title
            and self.region == other.region
            and self.extra == other.extra
            and self._devices.values() == other._devices.values()
            and self._links.values() == other._links.values()
            and self._notes.values() == other._notes.values()
            and self._waivers.values() == other._waivers.values()
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Plan {self.title!r}: {len(self._devices)} devices, {len(self._links)} links>"


def _find(table: OrderedTable[T], kind: str, item_id: str) -> T:
    try:
        return table[item_id]
    except KeyError:
        raise MissingReferenceError(f'no {kind} "{item_id}"') from None


def _require_new(table: OrderedTable[T], kind: str, item_id: str) -> None:
    """A well-formed id that no item of this kind has yet."""
    _require_id(item_id, kind)
    if item_id in table:
        raise DuplicateIdError(f'a {kind} with id "{item_id}" already exists')


def _require_id(value: str, what: str) -> None:
    problem = check_id(value)
    if problem:
        raise InvalidIdError(f"{what} id: {problem}")


def _distinct_ends(link: Link) -> tuple[PortRef, ...]:
    return (link.a,) if link.a == link.b else (link.a, link.b)
