"""The bill of materials: what to buy and what is left free.

Devices by type and model with counts; the FXS and FXO jacks of each device,
in use and spare; cables by kind (RJ11 phone cords, RJ45 Ethernet patch
cables) with their count and total length. A pure function of the plan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

from fxdesigner.export_data.cables import CABLE_KINDS, cable_kind, cable_length
from fxdesigner.export_data.tables import Cell, Key, csv_text, markdown_cell, markdown_table, number_text
from fxdesigner.model.kinds import DEVICE_TYPES, FXO, FXS
from fxdesigner.model.plan import Plan, PortRef
from fxdesigner.model.text import plural

#: One header for the whole file; the ``section`` column says which table a row belongs to.
BOM_COLUMNS: Final = (
    "section",
    "type",
    "model",
    "device",
    "label",
    "kind",
    "quantity",
    "in_use",
    "spare",
    "length_m",
    "unknown_length",
)
JACK_KINDS: Final = (FXS, FXO)


@dataclass(frozen=True, slots=True)
class DeviceLine:
    type: str
    model: str
    quantity: int


@dataclass(frozen=True, slots=True)
class JackLine:
    device: str
    label: str
    type: str
    model: str
    kind: str
    total: int
    in_use: int

    @property
    def spare(self) -> int:
        return self.total - self.in_use


@dataclass(frozen=True, slots=True)
class CableLine:
    kind: str
    quantity: int
    length_m: float
    #: Cables whose length the plan does not give; they add nothing to length_m.
    unknown_length: int


@dataclass(frozen=True, slots=True)
class BillOfMaterials:
    title: str
    region: str
    devices: tuple[DeviceLine, ...]
    jacks: tuple[JackLine, ...]
    cables: tuple[CableLine, ...]

    @property
    def device_total(self) -> int:
        return sum(line.quantity for line in self.devices)

    @property
    def cable_total(self) -> int:
        return sum(line.quantity for line in self.cables)


def _type_order(device_type: str) -> tuple[int, str]:
    return (
        (DEVICE_TYPES.index(device_type), "")
        if device_type in DEVICE_TYPES
        else (len(DEVICE_TYPES), device_type)
    )


def bill_of_materials(plan: Plan) -> BillOfMaterials:
    models: Counter[tuple[str, str]] = Counter((d.type, d.model or "") for d in plan.iter_devices())
    devices = tuple(
        DeviceLine(t, m, n)
        for (t, m), n in sorted(models.items(), key=lambda kv: (_type_order(kv[0][0]), kv[0][1]))
    )
    jacks: list[JackLine] = []
    for device in plan.iter_devices():
        for kind in JACK_KINDS:
            ports = [p for p in device.ports if p.kind == kind]
            if ports:
                used = sum(1 for p in ports if plan.links_at(PortRef(device.id, p.id)))
                jacks.append(
                    JackLine(
                        device.id, device.label or "", device.type, device.model or "", kind, len(ports), used
                    )
                )
    count: Counter[str] = Counter()
    length: dict[str, float] = {}
    unknown: Counter[str] = Counter()
    for link in plan.iter_links():
        kind = cable_kind(plan, link)
        count[kind] += 1
        metres = cable_length(link)
        if metres is None:
            unknown[kind] += 1
        else:
            length[kind] = length.get(kind, 0.0) + metres
    cables = tuple(
        CableLine(kind, count[kind], round(length.get(kind, 0.0), 3), unknown[kind])
        for kind in CABLE_KINDS
        if count[kind]
    )
    return BillOfMaterials(plan.title or "", plan.effective_region, devices, tuple(jacks), cables)


def bom_csv(bom: BillOfMaterials) -> str:
    rows: list[tuple[object, ...]] = []
    for d in bom.devices:
        rows.append(("devices", d.type, d.model, None, None, None, d.quantity, None, None, None, None))
    for j in bom.jacks:
        rows.append(
            ("jacks", j.type, j.model, Key(j.device), j.label, j.kind, j.total, j.in_use, j.spare, None, None)
        )
    for c in bom.cables:
        rows.append(
            ("cables", None, None, None, None, c.kind, c.quantity, None, None, c.length_m, c.unknown_length)
        )
    return csv_text(BOM_COLUMNS, rows)  # type: ignore[arg-type]


def _caption(device_type: str) -> str:
    from fxdesigner.model.catalogue import default_catalogue

    entry = default_catalogue().generic(device_type)
    return entry.label if entry else device_type


def bom_markdown(bom: BillOfMaterials) -> str:
    title = f"# Bill of materials: {markdown_cell(bom.title)}" if bom.title else "# Bill of materials"
    devices, cables = bom.device_total, bom.cable_total
    parts = [
        title,
        "",
        f"Region {markdown_cell(bom.region)} · {plural(devices, 'device')} · {plural(cables, 'cable')}",
        "",
    ]
    parts += _section(
        "Devices",
        ("Type", "Model", "Quantity"),
        [(_caption(d.type), d.model or "(any)", d.quantity) for d in bom.devices],
        (2,),
        "No devices.",
    )
    parts += _section(
        "FXS and FXO jacks",
        ("Device", "Type", "Jacks", "Total", "In use", "Spare"),
        [(j.label or j.device, _caption(j.type), j.kind.upper(), j.total, j.in_use, j.spare) for j in bom.jacks],
        (3, 4, 5),
        "No FXS or FXO jacks.",
    )
    parts += _section(
        "Cables",
        ("Cable", "Quantity", "Total length (m)", "Without a length"),
        [(_describe(c.kind), c.quantity, number_text(c.length_m), c.unknown_length) for c in bom.cables],
        (1, 2, 3),
        "No cables.",
    )
    return "\n".join(parts)


def _section(
    heading: str, header: tuple[str, ...], rows: list[tuple[Cell, ...]], right: tuple[int, ...], empty: str
) -> list[str]:
    """A heading and its table, or the sentence that says the table would be empty."""
    return [f"## {heading}", "", markdown_table(header, rows, right=right) if rows else f"{empty}\n"]


def _describe(kind: str) -> str:
    return {"RJ11": "RJ11 phone cord", "RJ45": "RJ45 Ethernet patch cable"}.get(kind, kind)
