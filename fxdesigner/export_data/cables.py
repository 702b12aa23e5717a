"""The cable schedule: one row per cable, from jack to jack, for the installer's clipboard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from fxdesigner.export_data.tables import Key, csv_text, markdown_cell, markdown_table
from fxdesigner.model.kinds import ETHERNET, is_number
from fxdesigner.model.plan import Link, Plan, PortRef

#: A phone cord: 6-position plug, one or two pairs (FXS, FXO, street line, passive, digital).
RJ11: Final = "RJ11"
#: An Ethernet patch cable: 8-position plug, four pairs.
RJ45: Final = "RJ45"
CABLE_KINDS: Final = (RJ11, RJ45)

SCHEDULE_COLUMNS: Final = (
    "cable_id",
    "tag",
    "from_device",
    "from_device_label",
    "from_jack",
    "from_jack_label",
    "from_jack_kind",
    "to_device",
    "to_device_label",
    "to_jack",
    "to_jack_label",
    "to_jack_kind",
    "cable_kind",
    "length_m",
    "leaves_building",
)


def cable_kind(plan: Plan, link: Link) -> str:
    """RJ45 when both ends are Ethernet jacks, else RJ11.

    A phone cord's 6-position plug fits an 8-position jack, so an analog jack
    wired to an Ethernet jack (a miswiring the rules flag) is still a phone cord.
    """
    both_ethernet = plan.port(link.a).kind == ETHERNET and plan.port(link.b).kind == ETHERNET
    return RJ45 if both_ethernet else RJ11


def cable_length(link: Link) -> float | None:
    value = link.properties.get("length_m")
    return float(value) if is_number(value) else None


def leaves_building(link: Link) -> bool:
    return link.properties.get("leaves_building") is True


def cable_tag(link: Link) -> str:
    value = link.properties.get("label")
    return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class CableEnd:
    device: str
    device_label: str
    jack: str
    jack_label: str
    jack_kind: str


@dataclass(frozen=True, slots=True)
class CableRow:
    cable_id: str
    tag: str
    a: CableEnd
    b: CableEnd
    kind: str
    length_m: float | None
    leaves_building: bool

    def cells(self) -> tuple[str | float | bool | None, ...]:
        a, b = self.a, self.b
        return (
            Key(self.cable_id),
            self.tag,
            Key(a.device),
            a.device_label,
            Key(a.jack),
            a.jack_label,
            a.jack_kind,
            Key(b.device),
            b.device_label,
            Key(b.jack),
            b.jack_label,
            b.jack_kind,
            self.kind,
            self.length_m,
            self.leaves_building,
        )


def _end(plan: Plan, ref: PortRef) -> CableEnd:
    device = plan.device(ref.device)
    port = device.port(ref.port)
    return CableEnd(device.id, device.label or "", port.id, port.label or "", port.kind)


def cable_schedule(plan: Plan) -> list[CableRow]:
    """Every cable in plan order; ends as the plan stores them (a, then b)."""
    return [
        CableRow(
            link.id,
            cable_tag(link),
            _end(plan, link.a),
            _end(plan, link.b),
            cable_kind(plan, link),
            cable_length(link),
            leaves_building(link),
        )
        for link in plan.iter_links()
    ]


def schedule_csv(rows: list[CableRow]) -> str:
    return csv_text(SCHEDULE_COLUMNS, (row.cells() for row in rows))


def schedule_markdown(rows: list[CableRow], title: str | None = None) -> str:
    heading = f"# Cable schedule: {markdown_cell(title)}\n\n" if title else "# Cable schedule\n\n"
    table = markdown_table(
        ("Cable", "Tag", "From", "Jack", "To", "Jack", "Kind", "Length (m)", "Leaves building"),
        (
            (
                r.cable_id,
                r.tag,
                r.a.device_label or r.a.device,
                f"{r.a.jack_label or r.a.jack} ({r.a.jack_kind})",
                r.b.device_label or r.b.device,
                f"{r.b.jack_label or r.b.jack} ({r.b.jack_kind})",
                r.kind,
                r.length_m,
                r.leaves_building,
            )
            for r in rows
        ),
        right=(7,),
    )
    return heading + (table if rows else "No cables.\n")
