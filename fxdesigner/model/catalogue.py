"""The device catalogue: what a user can place, with its jacks and defaults.

The catalogue is data (resources/catalogue/*.json). It only matters when a
device is *placed*: a plan carries its own ports, so it opens the same whatever
the catalogue says. Facts about real models come from domain.md; where that
says unknown, the entry says null.

An entry looks like::

    {"id": "grandstream-ht813", "type": "ata", "model": "Grandstream HT813",
     "label": "ATA", "category": "adapters", "description": "...",
     "properties": {"t38": true},
     "ports": [{"id": "phone1", "kind": "fxs", "label": "PHONE",
                "properties": {"power_fail_to": "line1"}},
               {"kind": "fxs", "count": 8, "id": "fxs{n}", "label": "FXS {n}"}],
     "sources": ["S77"]}

A port with "count" expands to that many ports, {n} numbering from 1.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from fxdesigner import assets
from fxdesigner.model.kinds import FXS, KNOWN_DEVICE_TYPES, PORT_KINDS
from fxdesigner.model.plan import Device, Port
from fxdesigner.model.values import (
    check_device_property,
    check_id,
    check_port_property,
    check_power_fail_to,
)

#: Palette categories in display order.
CATEGORIES: Final = (
    ("stations", "Stations"),
    ("street", "Street line"),
    ("adapters", "Adapters & gateways"),
    ("pbx", "PBX"),
    ("network", "Network"),
    ("passive", "Passive"),
)
CATEGORY_IDS: Final = tuple(c for c, _ in CATEGORIES)
MAX_EXPANDED_PORTS: Final = 256


class CatalogueError(ValueError):
    """A catalogue file is malformed (a packaging or authoring bug, not user input)."""


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    type: str
    label: str
    category: str
    description: str
    model: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    ports: tuple[Port, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """What the palette shows: the model name, or the generic label."""
        return self.model or self.label

    def make_device(self, device_id: str, x: float, y: float, label: str | None = None) -> Device:
        return Device(
            id=device_id,
            type=self.type,
            x=float(x),
            y=float(y),
            label=label if label is not None else self.label,
            model=self.model,
            properties=copy.deepcopy(self.properties),
            ports=[copy.deepcopy(p) for p in self.ports],
        )


class Catalogue:
    def __init__(self, entries: list[CatalogueEntry]) -> None:
        self._entries = {e.id: e for e in entries}
        if len(self._entries) != len(entries):
            seen: set[str] = set()
            for e in entries:
                if e.id in seen:
                    raise CatalogueError(f'catalogue entry id "{e.id}" is used twice')
                seen.add(e.id)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._entries.values())

    def entry(self, entry_id: str) -> CatalogueEntry:
        try:
            return self._entries[entry_id]
        except KeyError:
            raise KeyError(f'no catalogue entry "{entry_id}"') from None

    def get(self, entry_id: str) -> CatalogueEntry | None:
        return self._entries.get(entry_id)

    def in_category(self, category: str) -> list[CatalogueEntry]:
        return [e for e in self._entries.values() if e.category == category]

    def generic(self, device_type: str) -> CatalogueEntry | None:
        """The plain entry for a device type (no model)."""
        for entry in self._entries.values():
            if entry.type == device_type and entry.model is None:
                return entry
        return None



@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    entries: list[CatalogueEntry] = []
    for path in assets.list_files("catalogue", ".json"):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"{path.name}: {exc}") from None
        if not isinstance(raw, list):
            raise CatalogueError(f"{path.name}: expected a list of entries")
        for i, item in enumerate(raw):
            entries.append(parse_entry(item, f"{path.name}[{i}]"))
    return Catalogue(entries)


def parse_entry(raw: Any, where: str) -> CatalogueEntry:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: expected an object")
    known = {"id", "type", "label", "category", "description", "model", "properties", "ports", "sources"}
    unknown = set(raw) - known
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "type", "label", "category", "description"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise CatalogueError(f"{where}.{key}: required non-empty string")
    if check_id(raw["id"]):
        raise CatalogueError(f"{where}.id: {check_id(raw['id'])}")
    if raw["type"] not in KNOWN_DEVICE_TYPES:
        raise CatalogueError(f"{where}.type: unknown device type {raw['type']!r}")
    if raw["category"] not in CATEGORY_IDS:
        raise CatalogueError(f"{where}.category: expected one of {CATEGORY_IDS}")
    model = raw.get("model")
    if model is not None and not isinstance(model, str):
        raise CatalogueError(f"{where}.model: expected a string or null")
    properties = raw.get("properties", {})
    if not isinstance(properties, dict):
        raise CatalogueError(f"{where}.properties: expected an object")
    for key, value in properties.items():
        problem = check_device_property(key, value)
        if problem:
            raise CatalogueError(f"{where}.properties.{key}: {problem}")
    ports = _expand_ports(raw.get("ports", []), where)
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise CatalogueError(f"{where}.sources: expected a list of source tags")
    return CatalogueEntry(
        id=raw["id"],
        type=raw["type"],
        label=raw["label"],
        category=raw["category"],
        description=raw["description"],
        model=model,
        properties=properties,
        ports=tuple(ports),
        sources=tuple(sources),
    )


def _expand_ports(raw_ports: Any, where: str) -> list[Port]:
    if not isinstance(raw_ports, list):
        raise CatalogueError(f"{where}.ports: expected a list")
    ports: list[Port] = []
    for j, raw in enumerate(raw_ports):
        at = f"{where}.ports[{j}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise CatalogueError(f"{at}: expected an object with an id")
        kind = raw.get("kind")
        if kind not in PORT_KINDS:
            raise CatalogueError(f"{at}.kind: unknown port kind {kind!r}")
        count = raw.get("count", 0)
        label = raw.get("label")
        props = raw.get("properties", {})
        if not isinstance(props, dict):
            raise CatalogueError(f"{at}.properties: expected an object")
        numbers = range(1, count + 1) if count else [None]
        for n in numbers:
            port_id = raw["id"].replace("{n}", str(n)) if n else raw["id"]
            port_label = label.replace("{n}", str(n)) if (n and isinstance(label, str)) else label
            ports.append(Port(id=port_id, kind=kind, label=port_label, properties=copy.deepcopy(props)))
    if len(ports) > MAX_EXPANDED_PORTS:
        raise CatalogueError(f"{where}.ports: {len(ports)} ports is more than {MAX_EXPANDED_PORTS}")
    ids = [p.id for p in ports]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"{where}.ports: duplicate port ids")
    kinds = {p.id: p.kind for p in ports}
    for p in ports:
        if check_id(p.id):
            raise CatalogueError(f"{where}: port id {p.id!r}: {check_id(p.id)}")
        for key, value in p.properties.items():
            if key == "power_fail_to" and p.kind == FXS:
                problem = check_power_fail_to(value, kinds)
            else:
                problem = check_port_property(p.kind, key, value)
            if problem:
                raise CatalogueError(f"{where}: port {p.id} {key}: {problem}")
    return ports
